use super::report::{ReportData, ReportRow, ReportWidget};
use crate::domain::table::{Cell, Column, ColumnKind};
use crate::domain::WidgetId;
use leptos::prelude::*;

/// Usage by actions in flows: action, flow type, executions, tokens where token-metered,
/// credits (their equivalent in credits for AI actions).
#[component]
pub fn FlowActionsWidget() -> impl IntoView {
    view! {
        <ReportWidget
            id=WidgetId::FlowActions
            search_label="Search actions"
            by_flow=true
            columns=vec![
                Column::new("action", "Action", ColumnKind::Name),
                // Kept on a phone too: the same action runs in flows of several types (issue 28 item 14).
                Column::new("flow_type", "Flow type", ColumnKind::Text),
                Column::new("executions", "Executions", ColumnKind::Count).secondary(),
                Column::new("tokens_in", "Input tokens", ColumnKind::Count).secondary(),
                Column::new("tokens_out", "Output tokens", ColumnKind::Count).secondary(),
            ]
            fetch=|api, q| async move {
                Ok(ReportData::from_report(api.flow_actions(&q).await?, |a| ReportRow {
                            cells: vec![
                                Cell::Text(a.action),
                                Cell::Text(a.flow_type.label()),
                                Cell::Number(a.executions as f64),
                                a.tokens.map_or(Cell::Empty, |t| Cell::Number(t.input as f64)),
                                a.tokens.map_or(Cell::Empty, |t| Cell::Number(t.output as f64)),
                            ],
                            credits: a.credits,
                            previous: a.previous_credits,
                            link: None,
                        }))
            }
        />
    }
}
