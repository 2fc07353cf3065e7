use super::report::{Grouping, ReportData, ReportRow, ReportWidget};
use crate::domain::table::{Cell, Column, ColumnKind};
use crate::domain::WidgetId;
use leptos::prelude::*;

/// Copilot credit usage by user: user, team, credits.
#[component]
pub fn CopilotUsersWidget() -> impl IntoView {
    view! {
        <ReportWidget
            id=WidgetId::CopilotUsers
            search_label="Search users"
            grouping=Grouping {
                column: "team",
                label: "Group by team",
                testid: "group-by-team",
                token: "group:team",
                noun: ("user", "users"),
            }
            columns=vec![
                Column::new("user", "User", ColumnKind::Name),
                // Kept on phones: "which team used the most" is the report's question.
                Column::new("team", "Team", ColumnKind::Text),
                Column::new("tokens_in", "Input tokens", ColumnKind::Count).secondary(),
                Column::new("tokens_out", "Output tokens", ColumnKind::Count).secondary(),
            ]
            fetch=|api, q| async move {
                Ok(ReportData::from_report(api.copilot_users(&q).await?, |u| ReportRow {
                            cells: vec![
                                Cell::Text(u.user_name),
                                Cell::Text(u.team_name),
                                Cell::Number(u.tokens.input as f64),
                                Cell::Number(u.tokens.output as f64),
                            ],
                            credits: u.credits,
                            previous: u.previous_credits,
                            link: None,
                        }))
            }
        />
    }
}
