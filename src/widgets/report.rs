//! The frame of the four usage reports: widget filters, compare with, Show %, and the table.

use super::compare_controls::{use_report, CompareControls, ReportSettings};
use crate::api::types::{Report, UsageQuery};
use crate::api::{ApiError, UsageApi};
use crate::components::data_table::{DataTable, Rows};
use crate::components::widget_frame::{FrameStatus, WidgetFrame};
use crate::domain::table::{Cell, Column, ColumnKind};
use crate::domain::{percent_change, CompareWith, Credits, DateRange};
use crate::pages::dashboard::use_dash;
use leptos::prelude::*;
use std::future::Future;
use std::sync::Arc;

/// One row of a report: its own cells, then its credits and the comparison's.
#[derive(Clone, Debug, PartialEq)]
pub struct ReportRow {
    pub cells: Vec<Cell>,
    pub credits: Credits,
    pub previous: Option<Credits>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ReportData {
    pub range: DateRange,
    pub comparison: Option<DateRange>,
    pub rows: Vec<ReportRow>,
}

impl ReportData {
    /// The table of an API report, one row per API row.
    pub fn from_report<R>(report: Report<R>, row: impl Fn(R) -> ReportRow) -> Self {
        ReportData {
            range: report.range,
            comparison: report.comparison_range,
            rows: report.rows.into_iter().map(row).collect(),
        }
    }
}

/// A usage report: `columns` are the row's own cells; credits, previous credits and the change
/// follow.
#[component]
pub fn ReportWidget<F, Fut>(
    testid: &'static str,
    title: &'static str,
    search_label: &'static str,
    columns: Vec<Column>,
    /// Asks the API for the report.
    fetch: F,
    #[prop(optional, into)] class: String,
) -> impl IntoView
where
    F: Fn(UsageApi, UsageQuery) -> Fut + Copy + 'static,
    Fut: Future<Output = Result<ReportData, ApiError>> + 'static,
{
    let dash = use_dash();
    let (settings, data, retry) = use_report(fetch);
    let ReportSettings {
        filters,
        compare,
        show_percent,
        query,
    } = settings;
    let status = Signal::derive(move || data.with(|d| FrameStatus::of(d, |d| d.rows.is_empty())));
    let base = Arc::new(columns);
    let base_for_cols = base.clone();
    let all_columns = Signal::derive(move || {
        let mut c: Vec<Column> = base_for_cols.to_vec();
        c.push(Column::new("credits", "Credits", ColumnKind::Credits));
        if compare.get() != CompareWith::None {
            c.push(Column::new("previous", "Previous", ColumnKind::Credits));
            if show_percent.get() {
                c.push(Column::new("change", "Change", ColumnKind::Change));
            }
        }
        c
    });
    let rows = Memo::new(move |_| {
        let compare_on = compare.get() != CompareWith::None;
        let pct = show_percent.get();
        let d = data.with(|d| d.latest());
        let rows: Vec<Vec<Cell>> = d
            .map(|d| {
                d.rows
                    .iter()
                    .map(|r| {
                        let mut cells = r.cells.clone();
                        cells.push(Cell::Number(r.credits.as_f64()));
                        if compare_on {
                            let prev = r.previous.unwrap_or_default().as_f64();
                            cells.push(Cell::Number(prev));
                            if pct {
                                cells.push(Cell::Change(percent_change(r.credits.as_f64(), prev)));
                            }
                        }
                        cells
                    })
                    .collect()
            })
            .unwrap_or_default();
        Arc::new(rows) as Rows
    });
    let subtitle = Signal::derive(move || {
        let q = query.get();
        let mut s = dash.range_text(q.range);
        if let Some(c) = data.with(|d| d.latest()).and_then(|d| d.comparison) {
            s.push_str(&format!(" · compared with {}", dash.range_text(c)));
        }
        s
    });
    let csv_meta = Signal::derive(move || {
        let q = query.get();
        let mut m = vec![
            ("Report".to_string(), title.to_string()),
            (
                "Range".to_string(),
                format!("{} to {}", q.range.from, q.range.to),
            ),
        ];
        if let Some(c) = data.with(|d| d.latest()).and_then(|d| d.comparison) {
            m.push((
                "Compared with".to_string(),
                format!("{} to {}", c.from, c.to),
            ));
        }
        if !q.teams.is_empty() {
            m.push(("Teams".to_string(), q.teams.join(" ")));
        }
        if !q.users.is_empty() {
            m.push(("Users".to_string(), q.users.join(" ")));
        }
        m.push((
            "As of".to_string(),
            dash.balance
                .with(|b| b.latest())
                .map(|b| b.as_of)
                .unwrap_or_default(),
        ));
        m
    });
    let file_stem = Signal::derive(move || {
        let q = query.get();
        format!(
            "{}-{}-{}",
            testid.trim_start_matches("widget-"),
            q.range.from,
            q.range.to
        )
    });
    view! {
        <WidgetFrame
            testid=testid
            title=title
            subtitle=subtitle
            status=status
            on_retry=retry
            filters=filters
            class=class
            controls=std::sync::Arc::new(move || view! { <CompareControls compare=compare show_percent=show_percent /> }.into_any())
        >
            <DataTable
                columns=all_columns
                rows=rows
                search_label=search_label
                file_stem=file_stem
                csv_meta=csv_meta
                page_size=super::compare_controls::report_preset().page_size
            />
        </WidgetFrame>
    }
}
