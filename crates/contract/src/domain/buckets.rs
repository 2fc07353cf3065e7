//! Time buckets of the usage chart: day, week (Monday to Sunday) or month, cut to the range.

use super::dates::{first_of_month, last_of_month, DateRange};
use super::keyed::Keyed;
use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    #[default]
    Day,
    Week,
    Month,
}

impl Keyed for Frequency {
    const ALL: &'static [Frequency] = &[Frequency::Day, Frequency::Week, Frequency::Month];

    fn key(self) -> &'static str {
        match self {
            Frequency::Day => "day",
            Frequency::Week => "week",
            Frequency::Month => "month",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Frequency::Day => "Daily",
            Frequency::Week => "Weekly",
            Frequency::Month => "Monthly",
        }
    }
}

impl Frequency {
    /// The whole calendar period of this frequency that contains `d`.
    pub fn period_of(self, d: NaiveDate) -> DateRange {
        match self {
            Frequency::Day => DateRange { from: d, to: d },
            Frequency::Week => {
                let monday = d - Days::new(d.weekday().num_days_from_monday() as u64);
                DateRange {
                    from: monday,
                    to: monday + Days::new(6),
                }
            }
            Frequency::Month => DateRange {
                from: first_of_month(d),
                to: last_of_month(d),
            },
        }
    }
}

/// One point of the time series.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bucket {
    /// The bucket's days, cut to the queried range.
    pub range: DateRange,
    /// The bucket's calendar period contains today: its figure is still growing.
    pub partial: bool,
}

/// The buckets covering `range` up to and including `today` (days after today have no usage yet
/// and get no bucket). Buckets are whole calendar periods cut to the range; because they are
/// made of calendar dates in the account's zone, a daylight-saving change inside a week does not
/// move its edges.
pub fn buckets(range: DateRange, frequency: Frequency, today: NaiveDate) -> Vec<Bucket> {
    let Some(range) = range.intersect(&DateRange {
        from: range.from,
        to: today,
    }) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut cursor = range.from;
    while cursor <= range.to {
        let period = frequency.period_of(cursor);
        let cut = period.intersect(&range).expect("cursor lies in both");
        out.push(Bucket {
            range: cut,
            partial: period.contains(today),
        });
        cursor = period.to + Days::new(1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dates::fixtures::{d, r};

    #[test]
    fn daily_buckets_stop_at_today_and_mark_it_partial() {
        let b = buckets(
            r("2026-11-01", "2026-11-30"),
            Frequency::Day,
            d("2026-11-27"),
        );
        assert_eq!(b.len(), 27);
        assert!(b[..26].iter().all(|b| !b.partial));
        assert!(b[26].partial);
        assert_eq!(b[26].range, r("2026-11-27", "2026-11-27"));
    }

    #[test]
    fn weekly_buckets_are_cut_to_the_range() {
        // 2026-11-01 is a Sunday.
        let b = buckets(
            r("2026-11-01", "2026-11-30"),
            Frequency::Week,
            d("2026-12-31"),
        );
        assert_eq!(b[0].range, r("2026-11-01", "2026-11-01"));
        assert_eq!(b[1].range, r("2026-11-02", "2026-11-08"));
        assert_eq!(b.last().unwrap().range, r("2026-11-30", "2026-11-30"));
        let days: i64 = b.iter().map(|b| b.range.days()).sum();
        assert_eq!(days, 30);
        assert!(b.iter().all(|b| !b.partial));
    }

    #[test]
    fn a_weekly_bucket_across_a_dst_change_keeps_seven_days() {
        // Daylight saving ends in the United States on Sunday 2026-11-01 and in Europe on
        // 2026-10-25; the week of 2026-10-19..25 and 2026-10-26..11-01 each hold seven days.
        let b = buckets(
            r("2026-10-19", "2026-11-01"),
            Frequency::Week,
            d("2026-12-01"),
        );
        assert_eq!(b.len(), 2);
        assert_eq!(b[0].range, r("2026-10-19", "2026-10-25"));
        assert_eq!(b[1].range, r("2026-10-26", "2026-11-01"));
        assert!(b.iter().all(|b| b.range.days() == 7));
    }

    #[test]
    fn the_in_progress_week_and_month_are_partial() {
        let today = d("2026-11-27"); // a Friday
        let w = buckets(r("2026-11-01", "2026-11-30"), Frequency::Week, today);
        let last = w.last().unwrap();
        assert_eq!(last.range, r("2026-11-23", "2026-11-27"));
        assert!(last.partial);
        assert_eq!(w.iter().filter(|b| b.partial).count(), 1);
        let m = buckets(r("2026-01-01", "2026-12-31"), Frequency::Month, today);
        assert_eq!(m.len(), 11);
        assert!(m[10].partial && m[10].range == r("2026-11-01", "2026-11-27"));
        assert!(m[..10].iter().all(|b| !b.partial));
    }

    #[test]
    fn a_range_wholly_in_the_future_has_no_buckets() {
        assert!(buckets(
            r("2027-01-01", "2027-01-31"),
            Frequency::Day,
            d("2026-11-27")
        )
        .is_empty());
    }
}
