//! The chart's buckets as rows: their labels, which cover part of their period, and the CSV.

use crate::api::types::{Feature, TimePoint, Timeseries};
use crate::domain::pricing::CreditValue;
use crate::domain::table::{to_csv, Cell, Column, ColumnKind};
use crate::domain::Frequency;
use crate::domain::Keyed;
use crate::platform::format;
use chrono::Datelike;

pub(super) fn bucket_label(start: chrono::NaiveDate, frequency: Frequency) -> String {
    match frequency {
        Frequency::Day | Frequency::Week => format::day_month(start),
        Frequency::Month => format::month_year(start),
    }
}

/// The days a bucket covers and the days of its whole period, when it covers only part of it:
/// a week or a month cut by the range's start or end ("Nov 7" of a week that began on Nov 2).
/// A bucket still in progress is partial in its own way (see [`TimePoint::partial`]).
pub fn covered_part(p: &TimePoint, frequency: Frequency) -> Option<(i64, i64)> {
    let days = (p.end - p.start).num_days() + 1;
    let period = match frequency {
        Frequency::Day => 1,
        Frequency::Week => 7,
        Frequency::Month => {
            crate::domain::dates::days_in_month(p.start.year(), p.start.month()) as i64
        }
    };
    (days < period).then_some((days, period))
}

/// A bucket's name as the chart's axis, its table and its CSV show it ("Nov 24", "Nov 2026",
/// "Nov 27 (so far)", and for a week or month the range cuts, "Nov 7 (2 of 7 days)").
pub(super) fn point_label(p: &TimePoint, frequency: Frequency) -> String {
    let l = bucket_label(p.start, frequency);
    if p.partial {
        format!("{l} (so far)")
    } else if let Some((days, period)) = covered_part(p, frequency) {
        format!("{l} ({days} of {period} days)")
    } else {
        l
    }
}

/// The chart's figures as rows, one per bucket: what "View as table", its CSV and the arrow
/// keys read, so the three never disagree with the lines.
#[derive(Clone, Debug, PartialEq)]
pub struct BucketRow {
    pub label: String,
    pub from: chrono::NaiveDate,
    pub to: chrono::NaiveDate,
    pub partial: bool,
    /// The bucket covers only part of its period: still in progress, or cut by the range.
    pub part: bool,
    /// In the order of `Feature::ALL`.
    pub by_feature: Vec<f64>,
    pub total: f64,
}

pub fn bucket_rows(ts: &Timeseries) -> Vec<BucketRow> {
    ts.points
        .iter()
        .map(|p| BucketRow {
            label: point_label(p, ts.frequency),
            from: p.start,
            to: p.end,
            partial: p.partial,
            part: p.partial || covered_part(p, ts.frequency).is_some(),
            by_feature: Feature::ALL
                .iter()
                .map(|&f| p.by_feature.get(f).as_f64())
                .collect(),
            total: p.by_feature.total().as_f64(),
        })
        .collect()
}

/// What a screen reader hears on a bucket the arrow keys reach.
pub(super) fn describe(row: &BucketRow) -> String {
    let parts: Vec<String> = Feature::ALL
        .iter()
        .zip(&row.by_feature)
        .map(|(f, v)| format!("{} {}", f.label(), format::credits(*v)))
        .collect();
    format!(
        "{}: {} credits. {}.",
        row.label,
        format::credits(row.total),
        parts.join(", ")
    )
}

/// The chart table's CSV: the buckets in time order with their dates, then `constants` (the
/// range, the frequency, the filters by name, the as-of time) on every row.
pub fn buckets_csv(
    rows: &[BucketRow],
    constants: &[(&str, String)],
    value: Option<&CreditValue>,
) -> String {
    const COLUMNS: [Column; 7] = [
        Column::new("period_from", "From", ColumnKind::Text),
        Column::new("period_to", "To", ColumnKind::Text),
        Column::new("in_progress", "In progress", ColumnKind::Text),
        Column::new("smart_flows", "Smart Flows", ColumnKind::Credits),
        Column::new("ai_copilot", "AI Copilot", ColumnKind::Credits),
        Column::new("ai_pilots", "AI Pilots", ColumnKind::Credits),
        Column::new("total", "Total", ColumnKind::Credits),
    ];
    let cells: Vec<Vec<Cell>> = rows
        .iter()
        .map(|r| {
            [
                Cell::Text(r.from.to_string()),
                Cell::Text(r.to.to_string()),
                Cell::Text(if r.partial { "yes" } else { "no" }.into()),
            ]
            .into_iter()
            .chain(r.by_feature.iter().map(|v| Cell::Number(*v)))
            .chain([Cell::Number(r.total)])
            .collect()
        })
        .collect();
    let all: Vec<usize> = (0..cells.len()).collect();
    to_csv(constants, &COLUMNS, &cells, &all, value)
}
