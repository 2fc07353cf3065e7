use super::report::{ReportData, ReportRow, ReportWidget};
use crate::domain::table::{Cell, Column, ColumnKind};
use leptos::prelude::*;

/// The widget's title (the gallery names its section with it).
pub const TITLE: &str = "Smart Flow credit usage";

/// Smart Flow credit usage: status, name, type, credits.
#[component]
pub fn FlowsWidget() -> impl IntoView {
    view! {
        <ReportWidget
            testid="widget-flows"
            title=TITLE
            search_label="Search flows"
            columns=vec![
                Column::new("status", "Status", ColumnKind::Status),
                Column::new("name", "Flow", ColumnKind::Name),
                Column::new("type", "Type", ColumnKind::Text).secondary(),
            ]
            fetch=|api, q| async move {
                Ok(ReportData::from_report(api.flows(&q).await?, |f| ReportRow {
                            cells: vec![
                                Cell::Status(f.status.label(), f.stopped_on),
                                Cell::Text(f.name),
                                Cell::Text(f.flow_type.label()),
                            ],
                            credits: f.credits,
                            previous: f.previous_credits,
                        }))
            }
        />
    }
}
