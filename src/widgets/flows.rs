use super::report::{ReportData, ReportRow, ReportWidget};
use crate::domain::table::{Cell, Column, ColumnKind};
use crate::domain::WidgetId;
use crate::state::dash::WidgetLinks;
use leptos::prelude::*;

/// Smart Flow credit usage: status, name, type, credits.
#[component]
pub fn FlowsWidget() -> impl IntoView {
    // A flow's name shows its actions in the actions report (the report sets the flow and the
    // range of its figure: see `ReportWidget`), which comes into view.
    let links = WidgetLinks::expect();
    let open = Callback::new(move |_flow: (String, String)| links.reveal(WidgetId::FlowActions));
    view! {
        <ReportWidget
            on_open=open
            open_label="show its actions below"
            id=WidgetId::Flows
            search_label="Search flows"
            columns=vec![
                Column::new("status", "Status", ColumnKind::Status),
                Column::new("name", "Flow", ColumnKind::Name),
                Column::new("type", "Type", ColumnKind::Text).secondary(),
            ]
            fetch=|api, q| async move {
                Ok(ReportData::from_report(api.flows(&q).await?, |f| {
                    let name = f.name.clone();
                    ReportRow {
                            cells: vec![
                                Cell::Status(f.status.label(), f.stopped_on),
                                Cell::Text(f.name),
                                Cell::Text(f.flow_type.label()),
                            ],
                            credits: f.credits,
                            previous: f.previous_credits,
                            link: Some((f.flow_id, name)),
                        }
                }))
            }
        />
    }
}
