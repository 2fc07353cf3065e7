//! "Compare with": which range a report is compared against, and the percent change shown by
//! "Show % value".

use super::dates::{BillingAnchor, DateRange};
use super::keyed::Keyed;
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

impl Keyed for CompareWith {
    const ALL: &'static [CompareWith] = &[
        CompareWith::None,
        CompareWith::PreviousPeriod,
        CompareWith::PreviousYear,
    ];

    /// The value of the API's `compare` parameter, absent for `None`.
    fn key(self) -> &'static str {
        match self {
            CompareWith::None => "none",
            CompareWith::PreviousPeriod => "previous_period",
            CompareWith::PreviousYear => "previous_year",
        }
    }

    fn label(self) -> &'static str {
        match self {
            CompareWith::None => "None",
            CompareWith::PreviousPeriod => "Previous period",
            CompareWith::PreviousYear => "Previous year",
        }
    }
}

/// The same calendar date one year earlier; 29 February becomes 28 February. `None` only at
/// the edge of the calendar chrono can hold.
pub fn year_earlier(d: NaiveDate) -> Option<NaiveDate> {
    d.with_year(d.year() - 1)
        .or_else(|| NaiveDate::from_ymd_opt(d.year() - 1, d.month(), d.day() - 1))
}

/// [`year_earlier`], for dates well inside the calendar.
pub fn one_year_earlier(d: NaiveDate) -> NaiveDate {
    year_earlier(d).unwrap_or(d)
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
            let to = range.from.checked_sub_days(Days::new(1))?;
            let from = to.checked_sub_days(Days::new(range.days().max(1) as u64 - 1))?;
            DateRange::new(from, to)
        }
        CompareWith::PreviousYear => {
            DateRange::new(year_earlier(range.from)?, year_earlier(range.to)?)
        }
    }
}

/// What a range is compared with when the range may run past today: the same elapsed days of
/// the comparison (the first five days of the previous cycle for a cycle five days old), so a
/// period still in progress is not read as a drop against a whole one. A range that has ended,
/// or not begun, is compared whole.
pub fn comparison_to_date(
    range: DateRange,
    compare: CompareWith,
    anchor: BillingAnchor,
    today: NaiveDate,
) -> Option<DateRange> {
    let whole = comparison_range(range, compare, anchor)?;
    if !(range.from <= today && today < range.to) {
        return Some(whole);
    }
    let elapsed = (today - range.from).num_days() as u64;
    let to = whole
        .from
        .checked_add_days(Days::new(elapsed))?
        .min(whole.to);
    DateRange::new(whole.from, to)
}

/// Whether `compared` covers only the elapsed part of what `range` is compared with.
pub fn is_same_days_comparison(
    range: DateRange,
    compared: DateRange,
    compare: CompareWith,
    anchor: BillingAnchor,
) -> bool {
    comparison_range(range, compare, anchor).is_some_and(|whole| compared.days() < whole.days())
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
    /// Short text for a table cell, always with one decimal so a column reads alike (issue 28
    /// item 14: "11%" stood beside "10.9%"): "+12.5%", "−3.0%", "new", "–".
    pub fn label(self) -> String {
        match self {
            Change::Percent(p) => {
                let rounded = (p * 10.0).round() / 10.0;
                if rounded == 0.0 {
                    "0.0%".to_string()
                } else if rounded > 0.0 {
                    format!("+{}%", super::fixed(rounded, 1))
                } else {
                    format!("\u{2212}{}%", super::fixed(-rounded, 1))
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
    use crate::domain::dates::fixtures::{d, r};

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
    fn a_period_in_progress_is_compared_with_the_same_elapsed_days() {
        let anchor = BillingAnchor::new(23);
        let cycle = r("2026-11-23", "2026-12-22");
        let today = d("2026-11-27");
        let prev = comparison_to_date(cycle, CompareWith::PreviousPeriod, anchor, today).unwrap();
        assert_eq!(prev, r("2026-10-23", "2026-10-27"));
        assert!(is_same_days_comparison(
            cycle,
            prev,
            CompareWith::PreviousPeriod,
            anchor
        ));
        let year = comparison_to_date(cycle, CompareWith::PreviousYear, anchor, today).unwrap();
        assert_eq!(year, r("2025-11-23", "2025-11-27"));
        // An ended range is compared whole.
        let ended = r("2026-10-23", "2026-11-22");
        let prev = comparison_to_date(ended, CompareWith::PreviousPeriod, anchor, today).unwrap();
        assert_eq!(prev, r("2026-09-23", "2026-10-22"));
        assert!(!is_same_days_comparison(
            ended,
            prev,
            CompareWith::PreviousPeriod,
            anchor
        ));
        // The calendar's edge is no comparison, not a panic.
        let edge = DateRange::new(NaiveDate::MIN, NaiveDate::MIN).unwrap();
        assert_eq!(
            comparison_range(edge, CompareWith::PreviousPeriod, BillingAnchor::new(1)).map(|_| ()),
            None
        );
        assert_eq!(
            comparison_range(edge, CompareWith::PreviousYear, BillingAnchor::new(1)),
            None
        );
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
        assert_eq!(Change::Percent(-3.0).label(), "\u{2212}3.0%");
        assert_eq!(Change::Percent(10.96).label(), "+11.0%");
        assert_eq!(Change::New.label(), "new");
        assert_eq!(Change::Nothing.label(), "\u{2013}");
    }

    #[test]
    fn compare_keys_round_trip() {
        for &c in CompareWith::ALL {
            assert_eq!(CompareWith::from_key(c.key()), Some(c));
        }
        assert_eq!(CompareWith::from_key("last_century"), None);
    }
}
