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
                Column::new("type", "Type", ColumnKind::Text).secondary(),
            ]
            fetch=|api, q| async move {
                Ok(ReportData::from_report(api.flows(&q).await?, |f| ReportRow {
                            cells: vec![
                                Cell::Text(flow_status_label(f.status).into()),
                                Cell::Text(f.name),
                                Cell::Text(f.flow_type.label().into()),
                            ],
                            credits: f.credits,
                            previous: f.previous_credits,
                        }))
            }
        />
    }
}
