use super::report::{ReportData, ReportRow, ReportWidget};
use crate::domain::table::{Cell, Column, ColumnKind};
use crate::domain::WidgetId;
use leptos::prelude::*;

/// AI Pilot usage: name, status, tokens, credits.
#[component]
pub fn AiPilotsWidget() -> impl IntoView {
    view! {
        <ReportWidget
            id=WidgetId::AiPilots
            search_label="Search pilots"
            columns=vec![
                Column::new("name", "AI Pilot", ColumnKind::Name),
                Column::new("status", "Status", ColumnKind::Status),
                Column::new("tokens_in", "Input tokens", ColumnKind::Count).secondary(),
                Column::new("tokens_out", "Output tokens", ColumnKind::Count).secondary(),
            ]
            fetch=|api, q| async move {
                Ok(ReportData::from_report(api.ai_pilots(&q).await?, |p| ReportRow {
                            cells: vec![
                                Cell::Text(p.name),
                                Cell::Status(p.status.label(), p.stopped_on),
                                Cell::Number(p.tokens.input as f64),
                                Cell::Number(p.tokens.output as f64),
                            ],
                            credits: p.credits,
                            previous: p.previous_credits,
                            link: None,
                        }))
            }
        />
    }
}
