//! Credits are decimal numbers with two decimals. Internally they are whole hundredths, so
//! sums never drift; on the wire they are JSON numbers rounded to two decimals.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Sub};

/// An amount of credits, held as hundredths of a credit.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Credits(pub i64);

impl Credits {
    pub const ZERO: Credits = Credits(0);

    pub fn from_whole(credits: i64) -> Self {
        Credits(credits * 100)
    }

    pub fn from_f64(value: f64) -> Self {
        Credits((value * 100.0).round() as i64)
    }

    pub fn as_f64(self) -> f64 {
        self.0 as f64 / 100.0
    }

    pub fn hundredths(self) -> i64 {
        self.0
    }
}

impl Add for Credits {
    type Output = Credits;
    fn add(self, rhs: Credits) -> Credits {
        Credits(self.0 + rhs.0)
    }
}

impl Sub for Credits {
    type Output = Credits;
    fn sub(self, rhs: Credits) -> Credits {
        Credits(self.0 - rhs.0)
    }
}

impl AddAssign for Credits {
    fn add_assign(&mut self, rhs: Credits) {
        self.0 += rhs.0;
    }
}

impl Sum for Credits {
    fn sum<I: Iterator<Item = Credits>>(iter: I) -> Credits {
        Credits(iter.map(|c| c.0).sum())
    }
}

impl fmt::Display for Credits {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.2}", self.as_f64())
    }
}

impl Serialize for Credits {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(self.as_f64())
    }
}

impl<'de> Deserialize<'de> for Credits {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = f64::deserialize(d)?;
        if !v.is_finite() {
            return Err(serde::de::Error::custom("credits must be a finite number"));
        }
        Ok(Credits::from_f64(v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_decimals_round_trip() {
        let c: Credits = serde_json::from_str("12.345").unwrap();
        assert_eq!(c, Credits(1235));
        assert_eq!(serde_json::to_string(&Credits(1235)).unwrap(), "12.35");
        assert_eq!(serde_json::to_string(&Credits(400)).unwrap(), "4.0");
    }

    #[test]
    fn sums_do_not_drift() {
        let total: Credits = std::iter::repeat_n(Credits(1), 1000).sum();
        assert_eq!(total, Credits::from_whole(10));
    }
}
