//! "Compare with": which range a report is compared against, and the percent change shown by
//! "Show % value".

use super::dates::{BillingAnchor, DateRange};
use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CompareWith {
    #[default]
    None,
    PreviousPeriod,
    PreviousYear,
}

impl CompareWith {
    pub const ALL: [CompareWith; 3] = [
        CompareWith::None,
        CompareWith::PreviousPeriod,
        CompareWith::PreviousYear,
    ];

    pub fn label(self) -> &'static str {
        match self {
            CompareWith::None => "None",
            CompareWith::PreviousPeriod => "Previous period",
            CompareWith::PreviousYear => "Previous year",
        }
    }

    /// The value of the API's `compare` parameter, absent for `None`.
    pub fn key(self) -> &'static str {
        match self {
            CompareWith::None => "none",
            CompareWith::PreviousPeriod => "previous_period",
            CompareWith::PreviousYear => "previous_year",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        CompareWith::ALL.into_iter().find(|c| c.key() == key)
    }
}

/// The same calendar date one year earlier; 29 February becomes 28 February.
pub fn one_year_earlier(d: NaiveDate) -> NaiveDate {
    d.with_year(d.year() - 1)
        .or_else(|| NaiveDate::from_ymd_opt(d.year() - 1, d.month(), d.day() - 1))
        .expect("28 February exists every year")
}

/// The range `range` is compared with: the previous bill cycle when `range` is a bill cycle,
/// otherwise the same number of days just before it; or the same dates one year earlier.
pub fn comparison_range(
    range: DateRange,
    compare: CompareWith,
    anchor: BillingAnchor,
) -> Option<DateRange> {
    match compare {
        CompareWith::None => None,
        CompareWith::PreviousPeriod if anchor.is_cycle(&range) => {
            Some(anchor.previous_cycle(range.from))
        }
        CompareWith::PreviousPeriod => {
            let to = range.from - Days::new(1);
            let from = to - Days::new(range.days() as u64 - 1);
            DateRange::new(from, to)
        }
        CompareWith::PreviousYear => {
            DateRange::new(one_year_earlier(range.from), one_year_earlier(range.to))
        }
    }
}

/// A figure's change against its comparison.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Change {
    /// `(current - previous) / previous`, in percent.
    Percent(f64),
    /// Previous was zero and current is not.
    New,
    /// Both are zero.
    Nothing,
}

pub fn percent_change(current: f64, previous: f64) -> Change {
    if previous == 0.0 {
        if current == 0.0 {
            Change::Nothing
        } else {
            Change::New
        }
    } else {
        Change::Percent((current - previous) / previous * 100.0)
    }
}

impl Change {
    /// Short text for a table cell: "+12.5%", "−3%", "new", "–".
    pub fn label(self) -> String {
        match self {
            Change::Percent(p) => {
                let rounded = (p * 10.0).round() / 10.0;
                if rounded == 0.0 {
                    "0%".to_string()
                } else if rounded > 0.0 {
                    format!("+{rounded}%")
                } else {
                    format!("\u{2212}{}%", -rounded)
                }
            }
            Change::New => "new".to_string(),
            Change::Nothing => "\u{2013}".to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        DateRange::parse_date(s).unwrap()
    }
    fn r(a: &str, b: &str) -> DateRange {
        DateRange::new(d(a), d(b)).unwrap()
    }

    #[test]
    fn previous_period_of_a_31_day_cycle_is_the_30_day_cycle_before() {
        let anchor = BillingAnchor::new(1);
        let dec = r("2026-12-01", "2026-12-31");
        let prev = comparison_range(dec, CompareWith::PreviousPeriod, anchor).unwrap();
        assert_eq!(prev, r("2026-11-01", "2026-11-30"));
        assert_eq!(prev.days(), 30);
    }

    #[test]
    fn previous_period_of_other_ranges_is_the_same_length_just_before() {
        let anchor = BillingAnchor::new(1);
        let range = r("2026-11-21", "2026-11-27");
        let prev = comparison_range(range, CompareWith::PreviousPeriod, anchor).unwrap();
        assert_eq!(prev, r("2026-11-14", "2026-11-20"));
        // A month-to-date range is not a cycle, so it is compared with the days just before.
        let mtd = r("2026-03-01", "2026-03-10");
        let prev = comparison_range(mtd, CompareWith::PreviousPeriod, anchor).unwrap();
        assert_eq!(prev, r("2026-02-19", "2026-02-28"));
    }

    #[test]
    fn previous_year_maps_29_february_to_28_february() {
        let anchor = BillingAnchor::new(1);
        let range = r("2028-02-29", "2028-03-01");
        let prev = comparison_range(range, CompareWith::PreviousYear, anchor).unwrap();
        assert_eq!(prev, r("2027-02-28", "2027-03-01"));
        let feb = r("2028-02-01", "2028-02-29");
        let prev = comparison_range(feb, CompareWith::PreviousYear, anchor).unwrap();
        assert_eq!(prev, r("2027-02-01", "2027-02-28"));
        assert_eq!(one_year_earlier(d("2027-02-28")), d("2026-02-28"));
    }

    #[test]
    fn no_comparison_has_no_range() {
        let anchor = BillingAnchor::new(1);
        assert!(
            comparison_range(r("2026-01-01", "2026-01-31"), CompareWith::None, anchor).is_none()
        );
    }

    #[test]
    fn percent_change_rules() {
        assert_eq!(percent_change(150.0, 100.0), Change::Percent(50.0));
        assert_eq!(percent_change(50.0, 100.0), Change::Percent(-50.0));
        assert_eq!(percent_change(5.0, 0.0), Change::New);
        assert_eq!(percent_change(0.0, 0.0), Change::Nothing);
        assert_eq!(percent_change(0.0, 10.0), Change::Percent(-100.0));
        assert_eq!(Change::Percent(12.345).label(), "+12.3%");
        assert_eq!(Change::Percent(-3.0).label(), "\u{2212}3%");
        assert_eq!(Change::New.label(), "new");
        assert_eq!(Change::Nothing.label(), "\u{2013}");
    }

    #[test]
    fn compare_keys_round_trip() {
        for c in CompareWith::ALL {
            assert_eq!(CompareWith::from_key(c.key()), Some(c));
        }
        assert_eq!(CompareWith::from_key("last_century"), None);
    }
}
