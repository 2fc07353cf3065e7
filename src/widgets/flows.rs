use super::report::{ReportData, ReportRow, ReportWidget};
use crate::api::types::FlowStatus;
use crate::domain::table::{Cell, Column, ColumnKind};
use leptos::prelude::*;

pub fn flow_status_label(s: FlowStatus) -> &'static str {
    match s {
        FlowStatus::Active => "Active",
        FlowStatus::Paused => "Paused",
        FlowStatus::Draft => "Draft",
        FlowStatus::Archived => "Archived",
    }
}

/// Smart Flow credit usage: status, name, type, credits.
#[component]
pub fn FlowsWidget() -> impl IntoView {
    view! {
        <ReportWidget
            testid="widget-flows"
            title="Smart Flow credit usage"
            search_label="Search flows"
            columns=vec![
                Column::new("status", "Status", ColumnKind::Text),
                Column::new("name", "Flow", ColumnKind::Name),
                Column::new("type", "Type", ColumnKind::Text),
            ]
            fetch=|api, q| async move {
                let r = api.flows(&q).await?;
                Ok(ReportData {
                    range: r.range,
                    comparison: r.comparison_range,
                    rows: r
                        .rows
                        .into_iter()
                        .map(|f| ReportRow {
                            cells: vec![
                                Cell::Text(flow_status_label(f.status).into()),
                                Cell::Text(f.name),
                                Cell::Text(f.flow_type.label().into()),
                            ],
                            credits: f.credits,
                            previous: f.previous_credits,
                        })
                        .collect(),
                })
            }
        />
    }
}
