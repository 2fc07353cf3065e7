//! Calendar date ranges, bill cycles and the dashboard's date presets.
//!
//! All dates are calendar dates in the account's time zone; the caller supplies "today" in that
//! zone, so nothing here reads a clock.

use super::keyed::Keyed;
use chrono::{Datelike, Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};
use std::fmt;

/// An inclusive range of calendar dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DateRange {
    #[serde(with = "iso_date")]
    pub from: NaiveDate,
    #[serde(with = "iso_date")]
    pub to: NaiveDate,
}

impl DateRange {
    /// A range, or `None` when `from` is after `to`.
    pub fn new(from: NaiveDate, to: NaiveDate) -> Option<Self> {
        (from <= to).then_some(DateRange { from, to })
    }

    /// Number of days, both ends included.
    pub fn days(&self) -> i64 {
        (self.to - self.from).num_days() + 1
    }

    pub fn contains(&self, d: NaiveDate) -> bool {
        self.from <= d && d <= self.to
    }

    /// The part of this range that lies in `other`, if any.
    pub fn intersect(&self, other: &DateRange) -> Option<DateRange> {
        DateRange::new(self.from.max(other.from), self.to.min(other.to))
    }

    /// Parses `YYYY-MM-DD` (a month or day may have one digit) into a date.
    ///
    /// Read by hand rather than by chrono's parser, which would cost the page's wasm about
    /// 10 KB for this one format (issue 29); serde reads dates through here too ([`iso_date`]).
    pub fn parse_date(s: &str) -> Option<NaiveDate> {
        let mut parts = s.trim().splitn(3, '-');
        let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
        let digits = |p: &str, most: usize| {
            (1..=most).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit())
        };
        if year.len() != 4 || !digits(year, 4) || !digits(month, 2) || !digits(day, 2) {
            return None;
        }
        NaiveDate::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
    }
}

/// Serde for a calendar date as the contract writes it (`YYYY-MM-DD`): written by chrono, read
/// by [`DateRange::parse_date`]. Every date of the wire types goes through here, so the page
/// links no chrono parser.
pub mod iso_date {
    use super::{DateRange, NaiveDate};
    use serde::de::{Error, Unexpected};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(date: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        date.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        read(&String::deserialize(d)?)
    }

    fn read<E: Error>(text: &str) -> Result<NaiveDate, E> {
        DateRange::parse_date(text)
            .ok_or_else(|| E::invalid_value(Unexpected::Str(text), &"a date as YYYY-MM-DD"))
    }

    /// An optional date: `null` or absent is `None` (with `#[serde(default)]`).
    pub mod option {
        use super::*;

        pub fn serialize<S: Serializer>(date: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
            date.serialize(s)
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
            Option::<String>::deserialize(d)?
                .map(|text| read(&text))
                .transpose()
        }
    }

    /// An optional date that is left out when unreadable, rather than failing the whole answer.
    pub fn dropped_if_unreadable<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<NaiveDate>, D::Error> {
        let value = Option::<serde_json::Value>::deserialize(d)?;
        Ok(value
            .as_ref()
            .and_then(serde_json::Value::as_str)
            .and_then(DateRange::parse_date))
    }
}

impl fmt::Display for DateRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} to {}", self.from, self.to)
    }
}

pub fn days_in_month(year: i32, month: u32) -> u32 {
    let first = NaiveDate::from_ymd_opt(year, month, 1).expect("valid month");
    let next = first + Months::new(1);
    (next - first).num_days() as u32
}

pub fn first_of_month(d: NaiveDate) -> NaiveDate {
    d.with_day(1).expect("day 1 exists")
}

pub fn last_of_month(d: NaiveDate) -> NaiveDate {
    first_of_month(d) + Months::new(1) - Days::new(1)
}

/// Monthly bill cycles that start on the same day of each month. An anchor beyond a month's
/// length (the 31st in a 30-day month) starts that month's cycle on its last day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BillingAnchor {
    pub day: u32,
}

impl BillingAnchor {
    pub fn new(day: u32) -> Self {
        BillingAnchor {
            day: day.clamp(1, 31),
        }
    }

    /// The billing day of the cycle `start..=end`. A cycle that starts on the last day of a short
    /// month may belong to a later day (a cycle of the 31st starts on Feb 28), which the day the
    /// next one starts on tells (Mar 31): the later of the two.
    pub fn of_cycle(start: NaiveDate, end: NaiveDate) -> Self {
        let next = end.succ_opt().map_or(0, |d| d.day());
        BillingAnchor::new(start.day().max(next))
    }

    fn start_in_month(&self, year: i32, month: u32) -> NaiveDate {
        let day = self.day.min(days_in_month(year, month));
        NaiveDate::from_ymd_opt(year, month, day).expect("clamped day exists")
    }

    /// The bill cycle that contains `d`.
    pub fn cycle_containing(&self, d: NaiveDate) -> DateRange {
        let this_month = self.start_in_month(d.year(), d.month());
        let start = if d >= this_month {
            this_month
        } else {
            let prev = first_of_month(d) - Months::new(1);
            self.start_in_month(prev.year(), prev.month())
        };
        let next = first_of_month(start) + Months::new(1);
        let end = self.start_in_month(next.year(), next.month()) - Days::new(1);
        DateRange {
            from: start,
            to: end,
        }
    }

    /// The cycle just before the one containing `d`.
    pub fn previous_cycle(&self, d: NaiveDate) -> DateRange {
        let current = self.cycle_containing(d);
        self.cycle_containing(current.from - Days::new(1))
    }

    /// Whether `range` is exactly one bill cycle.
    pub fn is_cycle(&self, range: &DateRange) -> bool {
        self.cycle_containing(range.from) == *range
    }
}

/// What the date controls offer, and so what a link may ask for: from 1 January three years
/// back to the end of the next bill cycle, at most three years at once. One rule for the custom
/// range inputs and the URL, so a pasted link can never ask for more than the page can show
/// (hundreds of thousands of daily buckets) or for dates the calendar cannot hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RangeLimits {
    pub earliest: NaiveDate,
    pub latest: NaiveDate,
    pub max_days: i64,
}

impl RangeLimits {
    /// At most three years at once.
    pub const MAX_DAYS: i64 = 3 * 366;

    pub fn new(today: NaiveDate, anchor: BillingAnchor) -> Self {
        let earliest = NaiveDate::from_ymd_opt(today.year() - 3, 1, 1).unwrap_or(today);
        let this_cycle = anchor.cycle_containing(today);
        let latest = this_cycle
            .to
            .checked_add_days(Days::new(1))
            .map(|d| anchor.cycle_containing(d).to)
            .unwrap_or(this_cycle.to);
        RangeLimits {
            earliest,
            latest,
            max_days: Self::MAX_DAYS,
        }
    }

    /// `range` brought within the limits (its end kept where it can be), or `None` when nothing
    /// of it lies within them.
    pub fn clamp(&self, range: DateRange) -> Option<DateRange> {
        let to = range.to.min(self.latest);
        let from = range.from.max(self.earliest);
        if to < self.earliest || from > self.latest || from > to {
            return None;
        }
        let longest_from = to
            .checked_sub_days(Days::new(self.max_days as u64 - 1))
            .unwrap_or(from);
        DateRange::new(from.max(longest_from), to)
    }
}

/// The presets of the date-range filter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DatePreset {
    CurrentCycle,
    PreviousCycle,
    Last7Days,
    Last30Days,
    ThisMonth,
    LastMonth,
    ThisYear,
    Custom,
}

impl Keyed for DatePreset {
    const ALL: &'static [DatePreset] = &[
        DatePreset::CurrentCycle,
        DatePreset::PreviousCycle,
        DatePreset::Last7Days,
        DatePreset::Last30Days,
        DatePreset::ThisMonth,
        DatePreset::LastMonth,
        DatePreset::ThisYear,
        DatePreset::Custom,
    ];

    /// The key used in URLs and `<select>` values.
    fn key(self) -> &'static str {
        match self {
            DatePreset::CurrentCycle => "current_cycle",
            DatePreset::PreviousCycle => "previous_cycle",
            DatePreset::Last7Days => "last_7_days",
            DatePreset::Last30Days => "last_30_days",
            DatePreset::ThisMonth => "this_month",
            DatePreset::LastMonth => "last_month",
            DatePreset::ThisYear => "this_year",
            DatePreset::Custom => "custom",
        }
    }

    fn label(self) -> &'static str {
        match self {
            DatePreset::CurrentCycle => "Current bill cycle",
            DatePreset::PreviousCycle => "Previous bill cycle",
            DatePreset::Last7Days => "Last 7 days",
            DatePreset::Last30Days => "Last 30 days",
            DatePreset::ThisMonth => "This month",
            DatePreset::LastMonth => "Last month",
            DatePreset::ThisYear => "This year",
            DatePreset::Custom => "Custom",
        }
    }
}

impl DatePreset {
    /// The range this preset stands for, relative to `today`. Bill cycles are whole cycles
    /// (their end may lie ahead); month and year presets run to date. `Custom` has no range of
    /// its own and answers the current cycle.
    pub fn resolve(self, today: NaiveDate, anchor: BillingAnchor) -> DateRange {
        let range = |from, to| DateRange { from, to };
        match self {
            DatePreset::CurrentCycle | DatePreset::Custom => anchor.cycle_containing(today),
            DatePreset::PreviousCycle => anchor.previous_cycle(today),
            DatePreset::Last7Days => range(today - Days::new(6), today),
            DatePreset::Last30Days => range(today - Days::new(29), today),
            DatePreset::ThisMonth => range(first_of_month(today), today),
            DatePreset::LastMonth => {
                let prev = first_of_month(today) - Months::new(1);
                range(prev, last_of_month(prev))
            }
            DatePreset::ThisYear => range(
                NaiveDate::from_ymd_opt(today.year(), 1, 1).expect("1 January exists"),
                today,
            ),
        }
    }

    /// The preset whose range is exactly `range` today, else `Custom`.
    pub fn detect(range: DateRange, today: NaiveDate, anchor: BillingAnchor) -> Self {
        DatePreset::ALL
            .iter()
            .copied()
            .filter(|p| *p != DatePreset::Custom)
            .find(|p| p.resolve(today, anchor) == range)
            .unwrap_or(DatePreset::Custom)
    }
}

/// Dates written as text, for the tests of the modules that reason about dates (here and in
/// the crates that use these rules).
#[doc(hidden)]
pub mod fixtures {
    use super::DateRange;
    use chrono::NaiveDate;

    /// `2026-11-27` as a date.
    pub fn d(s: &str) -> NaiveDate {
        DateRange::parse_date(s).expect("a test date")
    }

    /// `2026-11-01` to `2026-11-30` as a range.
    pub fn r(a: &str, b: &str) -> DateRange {
        DateRange::new(d(a), d(b)).expect("a test range")
    }
}

#[cfg(test)]
mod tests {
    use super::fixtures::d;
    use super::*;

    #[test]
    fn cycle_with_anchor_on_the_first() {
        let a = BillingAnchor::new(1);
        let c = a.cycle_containing(d("2026-12-15"));
        assert_eq!((c.from, c.to), (d("2026-12-01"), d("2026-12-31")));
        assert_eq!(c.days(), 31);
        let p = a.previous_cycle(d("2026-12-15"));
        assert_eq!((p.from, p.to), (d("2026-11-01"), d("2026-11-30")));
        assert_eq!(p.days(), 30);
    }

    #[test]
    fn anchor_beyond_month_length_clamps() {
        let a = BillingAnchor::new(31);
        let c = a.cycle_containing(d("2026-02-28"));
        assert_eq!((c.from, c.to), (d("2026-02-28"), d("2026-03-30")));
        let c = a.cycle_containing(d("2026-02-27"));
        assert_eq!((c.from, c.to), (d("2026-01-31"), d("2026-02-27")));
    }

    #[test]
    fn anchor_mid_month_crosses_year() {
        let a = BillingAnchor::new(14);
        let c = a.cycle_containing(d("2027-01-03"));
        assert_eq!((c.from, c.to), (d("2026-12-14"), d("2027-01-13")));
        assert!(a.is_cycle(&c));
        assert!(!a.is_cycle(&DateRange::new(d("2026-12-14"), d("2027-01-12")).unwrap()));
    }

    #[test]
    fn presets_resolve_relative_to_today() {
        let a = BillingAnchor::new(1);
        let today = d("2026-11-27");
        let r = |p: DatePreset| {
            let r = p.resolve(today, a);
            (r.from.to_string(), r.to.to_string())
        };
        let s = |a: &str, b: &str| (a.to_string(), b.to_string());
        assert_eq!(r(DatePreset::CurrentCycle), s("2026-11-01", "2026-11-30"));
        assert_eq!(r(DatePreset::PreviousCycle), s("2026-10-01", "2026-10-31"));
        assert_eq!(r(DatePreset::Last7Days), s("2026-11-21", "2026-11-27"));
        assert_eq!(r(DatePreset::Last30Days), s("2026-10-29", "2026-11-27"));
        assert_eq!(r(DatePreset::ThisMonth), s("2026-11-01", "2026-11-27"));
        assert_eq!(r(DatePreset::LastMonth), s("2026-10-01", "2026-10-31"));
        assert_eq!(r(DatePreset::ThisYear), s("2026-01-01", "2026-11-27"));
    }

    #[test]
    fn presets_round_trip_through_keys_and_detect() {
        let a = BillingAnchor::new(14);
        let today = d("2026-03-02");
        for &p in DatePreset::ALL {
            assert_eq!(DatePreset::from_key(p.key()), Some(p));
            if p != DatePreset::Custom {
                assert_eq!(DatePreset::detect(p.resolve(today, a), today, a), p);
            }
        }
        let odd = DateRange::new(d("2026-01-03"), d("2026-01-09")).unwrap();
        assert_eq!(DatePreset::detect(odd, today, a), DatePreset::Custom);
        assert_eq!(DatePreset::from_key("bogus"), None);
    }

    #[test]
    fn links_are_held_to_what_the_controls_offer() {
        let today = d("2026-11-27");
        let limits = RangeLimits::new(today, BillingAnchor::new(23));
        assert_eq!(limits.earliest, d("2023-01-01"));
        assert_eq!(limits.latest, d("2027-01-22"));
        let huge = DateRange::new(d("0001-01-01"), d("2026-11-30")).unwrap();
        let clamped = limits.clamp(huge).unwrap();
        assert_eq!(clamped.to, d("2026-11-30"));
        assert!(clamped.days() <= RangeLimits::MAX_DAYS);
        assert!(clamped.from >= limits.earliest);
        let min = DateRange::new(NaiveDate::MIN, NaiveDate::MIN).unwrap();
        assert_eq!(limits.clamp(min), None);
        let ok = DateRange::new(d("2026-11-01"), d("2026-11-30")).unwrap();
        assert_eq!(limits.clamp(ok), Some(ok));
        let future = DateRange::new(d("2030-01-01"), d("2030-02-01")).unwrap();
        assert_eq!(limits.clamp(future), None);
    }

    #[test]
    fn range_rejects_reversed_dates() {
        assert!(DateRange::new(d("2026-01-02"), d("2026-01-01")).is_none());
        assert_eq!(DateRange::parse_date("2026-02-30"), None);
        assert_eq!(DateRange::parse_date("yesterday"), None);
    }

    #[test]
    fn reads_four_digit_iso_dates_and_nothing_else() {
        // chrono's reader also took years of one to three digits and signed years; the
        // contract's dates have four digits, and so does every date the app writes.
        let ymd = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(DateRange::parse_date("2026-11-27"), ymd(2026, 11, 27));
        assert_eq!(DateRange::parse_date(" 2024-02-29 "), ymd(2024, 2, 29));
        assert_eq!(DateRange::parse_date("2026-1-5"), ymd(2026, 1, 5));
        for bad in [
            "",
            "2026",
            "2026-11",
            "2026-11-",
            "26-11-27",
            "02026-11-27",
            "2026-011-27",
            "2026-11-27T00:00",
            "2026-11-27x",
            "2026/11/27",
            "+2026-11-27",
            "2026-+1-27",
            "2025-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-11-00",
            "２０２６-11-27",
        ] {
            assert_eq!(DateRange::parse_date(bad), None, "{bad:?}");
        }
        // serde reads the same, and says why it refuses
        let read = |json: &str| serde_json::from_str::<DateRange>(json);
        assert_eq!(
            read(r#"{"from":"2026-11-01","to":"2026-11-27"}"#).unwrap(),
            DateRange::new(ymd(2026, 11, 1).unwrap(), ymd(2026, 11, 27).unwrap()).unwrap()
        );
        let refused = read(r#"{"from":"2026-11-31","to":"2026-11-27"}"#).unwrap_err();
        assert!(
            refused.to_string().contains("a date as YYYY-MM-DD"),
            "{refused}"
        );
        assert_eq!(
            serde_json::to_string(&ymd(2026, 1, 5).unwrap()).unwrap(),
            r#""2026-01-05""#
        );
    }

    /// A cycle that starts on a short month's last day keeps its own billing day.
    #[test]
    fn the_billing_day_of_a_clamped_cycle_is_its_own() {
        use fixtures::d;
        for (start, end, day) in [
            ("2027-02-28", "2027-03-30", 31),
            ("2027-01-31", "2027-02-27", 31),
            ("2028-02-29", "2028-03-28", 29),
            ("2027-02-28", "2027-03-29", 30),
            ("2027-06-15", "2027-07-14", 15),
            ("2026-11-01", "2026-11-30", 1),
        ] {
            let anchor = BillingAnchor::of_cycle(d(start), d(end));
            assert_eq!(anchor.day, day, "{start}..{end}");
            // And it gives back the cycle it was read from.
            assert_eq!(
                anchor.cycle_containing(d(start)),
                DateRange::new(d(start), d(end)).unwrap()
            );
        }
    }
}
