//! Credits are decimal numbers with two decimals. Internally they are whole hundredths, so
//! sums never drift; on the wire they are JSON numbers rounded to two decimals.
//!
//! Arithmetic saturates (a sum never wraps, in release or debug), and what the server sends is
//! checked on the way in: a negative amount, or one too large to show exactly, is refused, so
//! the caller reports a `malformed` answer naming the field instead of showing a made-up figure.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Neg, Sub};

/// An amount of credits, held as hundredths of a credit.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Credits(pub i64);

/// The largest amount the app accepts from a server: 90 trillion credits. Its hundredths stay
/// below 2^53, so every figure and every sum of a few thousand of them is exact as a JS number.
pub const MAX_CREDITS: f64 = 90_000_000_000_000.0;

/// The largest whole count (tokens, executions) the app accepts: 2^53 - 1, the largest integer
/// a JS number holds exactly.
pub const MAX_COUNT: u64 = (1 << 53) - 1;

impl Credits {
    pub const ZERO: Credits = Credits(0);

    pub fn from_whole(credits: i64) -> Self {
        Credits(credits.saturating_mul(100))
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
        Credits(self.0.saturating_add(rhs.0))
    }
}

impl Sub for Credits {
    type Output = Credits;
    fn sub(self, rhs: Credits) -> Credits {
        Credits(self.0.saturating_sub(rhs.0))
    }
}

impl Neg for Credits {
    type Output = Credits;
    fn neg(self) -> Credits {
        Credits(self.0.saturating_neg())
    }
}

impl AddAssign for Credits {
    fn add_assign(&mut self, rhs: Credits) {
        self.0 = self.0.saturating_add(rhs.0);
    }
}

impl Sum for Credits {
    fn sum<I: Iterator<Item = Credits>>(iter: I) -> Credits {
        Credits(iter.fold(0i64, |sum, c| sum.saturating_add(c.0)))
    }
}

impl Credits {
    /// The amount as a plain decimal without trailing zeros, as the page's data attributes
    /// carry it (`1000`, `12.5`, `-0.25`): what `{}` writes of [`Credits::as_f64`], written
    /// from the integer so the page links no float formatting.
    pub fn plain(self) -> String {
        let text = self.to_string();
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

impl fmt::Display for Credits {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // From the integer: no float formatting (see `fixed`).
        let sign = if self.0 < 0 { "-" } else { "" };
        let a = self.0.unsigned_abs();
        write!(f, "{sign}{}.{:02}", a / 100, a % 100)
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
        if v < 0.0 {
            return Err(serde::de::Error::custom(format!(
                "credits cannot be negative (got {v})"
            )));
        }
        if v > MAX_CREDITS {
            return Err(serde::de::Error::custom(format!(
                "{v} credits is more than the app can show exactly"
            )));
        }
        Ok(Credits::from_f64(v))
    }
}

/// Deserializes an amount that may be negative (the remaining credits of an overdrawn balance),
/// within the same bounds.
pub fn signed<'de, D: Deserializer<'de>>(d: D) -> Result<Credits, D::Error> {
    let v = f64::deserialize(d)?;
    if !v.is_finite() || v.abs() > MAX_CREDITS {
        return Err(serde::de::Error::custom(format!(
            "{v} credits is more than the app can show exactly"
        )));
    }
    Ok(Credits::from_f64(v))
}

/// Deserializes a whole count (tokens, executions, credits of a pack or a setting), refusing
/// one too large to show exactly. JSON has one kind of number: `5000.0` is the whole number
/// 5000 (JSON Schema's `integer` says the same), `5000.5` is not.
pub fn whole<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    whole_number(serde_json::Number::deserialize(d)?)
}

/// [`whole`] where `null` or absence is allowed.
pub fn whole_or_none<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    Option::<serde_json::Number>::deserialize(d)?
        .map(whole_number)
        .transpose()
}

/// [`whole`], at most `u32::MAX`, where `null` or absence is allowed.
pub fn small_whole_or_none<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    Option::<serde_json::Number>::deserialize(d)?
        .map(|n| small(whole_number(n)?))
        .transpose()
}

/// A list of [`whole`] numbers, each at most `u32::MAX`.
pub fn small_wholes<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u32>, D::Error> {
    Vec::<serde_json::Number>::deserialize(d)?
        .into_iter()
        .map(|n| small(whole_number(n)?))
        .collect()
}

fn small<E: serde::de::Error>(v: u64) -> Result<u32, E> {
    u32::try_from(v).map_err(|_| E::custom(format!("{v} is too large here")))
}

fn whole_number<E: serde::de::Error>(n: serde_json::Number) -> Result<u64, E> {
    let v = match (n.as_u64(), n.as_f64()) {
        (Some(v), _) => v,
        (None, Some(f)) if f >= 0.0 && f.fract() == 0.0 && f <= MAX_COUNT as f64 => f as u64,
        _ => {
            return Err(E::custom(format!(
                "{n} is not a whole number of at least 0"
            )))
        }
    };
    if v > MAX_COUNT {
        return Err(E::custom(format!(
            "{v} is more than the app can show exactly"
        )));
    }
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_itself_as_float_formatting_would_without_it() {
        for h in [
            0i64,
            1,
            -1,
            5,
            10,
            25,
            99,
            100,
            1250,
            -1250,
            100_000,
            123_456_789,
            -7,
            9_000_000_000_000_000,
        ] {
            let c = Credits(h);
            assert_eq!(c.to_string(), format!("{:.2}", c.as_f64()), "{h}");
            assert_eq!(c.plain(), format!("{}", c.as_f64()), "{h}");
        }
        assert_eq!(Credits(100_000).plain(), "1000");
        assert_eq!(Credits(-25).plain(), "-0.25");
    }

    #[test]
    fn whole_numbers_may_be_written_with_a_zero_fraction() {
        #[derive(Deserialize)]
        struct W {
            #[serde(deserialize_with = "whole")]
            n: u64,
            #[serde(default, deserialize_with = "small_whole_or_none")]
            o: Option<u32>,
            #[serde(default, deserialize_with = "small_wholes")]
            l: Vec<u32>,
        }
        let w: W = serde_json::from_str(r#"{"n": 17620.0, "o": 3.0, "l": [50, 75.0]}"#).unwrap();
        assert_eq!((w.n, w.o, w.l), (17620, Some(3), vec![50, 75]));
        for bad in [
            r#"{"n": 1.5}"#,
            r#"{"n": -1}"#,
            r#"{"n": 1e20}"#,
            r#"{"n": 9007199254740993}"#,
            r#"{"n": 1, "o": 5000000000}"#,
            r#"{"n": "1"}"#,
        ] {
            assert!(serde_json::from_str::<W>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn two_decimals_round_trip() {
        let c: Credits = serde_json::from_str("12.345").unwrap();
        assert_eq!(c, Credits(1235));
        assert_eq!(serde_json::to_string(&Credits(1235)).unwrap(), "12.35");
        assert_eq!(serde_json::to_string(&Credits(400)).unwrap(), "4.0");
    }

    #[test]
    fn sums_saturate_instead_of_wrapping() {
        let huge = Credits(i64::MAX - 1);
        assert_eq!(huge + Credits(10), Credits(i64::MAX));
        assert_eq!(Credits(i64::MIN + 1) - Credits(10), Credits(i64::MIN));
        let total: Credits = [huge, huge, huge].into_iter().sum();
        assert_eq!(total, Credits(i64::MAX));
        let mut c = huge;
        c += huge;
        assert_eq!(c, Credits(i64::MAX));
        assert_eq!(Credits::from_whole(i64::MAX), Credits(i64::MAX));
    }

    #[test]
    fn negative_and_absurd_amounts_are_refused() {
        let neg = serde_json::from_str::<Credits>("-5")
            .unwrap_err()
            .to_string();
        assert!(neg.contains("negative"), "{neg}");
        let big = serde_json::from_str::<Credits>("1e20")
            .unwrap_err()
            .to_string();
        assert!(big.contains("more than"), "{big}");
        assert_eq!(
            serde_json::from_str::<Credits>("90000000000000").unwrap(),
            Credits(9_000_000_000_000_000)
        );
        #[derive(serde::Deserialize, Debug)]
        struct T {
            #[serde(deserialize_with = "whole")]
            n: u64,
        }
        assert!(serde_json::from_str::<T>(r#"{"n": 9007199254740993}"#).is_err());
        assert!(serde_json::from_str::<T>(r#"{"n": -1}"#).is_err());
        assert_eq!(
            serde_json::from_str::<T>(r#"{"n": 9007199254740991}"#)
                .unwrap()
                .n,
            MAX_COUNT
        );
    }

    #[test]
    fn sums_do_not_drift() {
        let total: Credits = std::iter::repeat_n(Credits(1), 1000).sum();
        assert_eq!(total, Credits::from_whole(10));
    }
}
