//! What the gallery shows: the dashboard's widgets and the states each can be in.

use crate::api::demo::{Endpoint, Scenario};
use crate::domain::CompareWith;
use crate::state::preview::ReportPreset;
use crate::widgets;
use leptos::prelude::*;

/// The states a widget is shown in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) enum WidgetState {
    Loading,
    Empty,
    Error,
    Typical,
    Huge,
    LongNames,
    ZeroComparison,
    NegativeChange,
    LowBalance,
}

impl WidgetState {
    pub(super) const ALL: [WidgetState; 9] = [
        WidgetState::Loading,
        WidgetState::Empty,
        WidgetState::Error,
        WidgetState::Typical,
        WidgetState::Huge,
        WidgetState::LongNames,
        WidgetState::ZeroComparison,
        WidgetState::NegativeChange,
        WidgetState::LowBalance,
    ];

    pub(super) fn from_key(key: &str) -> Option<WidgetState> {
        WidgetState::ALL.into_iter().find(|s| s.key() == key)
    }

    pub fn key(self) -> &'static str {
        match self {
            WidgetState::Loading => "loading",
            WidgetState::Empty => "empty",
            WidgetState::Error => "error",
            WidgetState::Typical => "typical",
            WidgetState::Huge => "huge",
            WidgetState::LongNames => "long-names",
            WidgetState::ZeroComparison => "zero-comparison",
            WidgetState::NegativeChange => "negative-change",
            WidgetState::LowBalance => "low-balance",
        }
    }

    pub(super) fn label(self) -> &'static str {
        match self {
            WidgetState::Loading => "Loading",
            WidgetState::Empty => "Empty",
            WidgetState::Error => "Error",
            WidgetState::Typical => "Typical",
            WidgetState::Huge => "Huge figures",
            WidgetState::LongNames => "Long names",
            WidgetState::ZeroComparison => "Zero comparison",
            WidgetState::NegativeChange => "Negative change",
            WidgetState::LowBalance => "Low balance",
        }
    }

    pub(super) fn scenario(self) -> Scenario {
        match self {
            WidgetState::Empty => Scenario::NewAccount,
            WidgetState::Huge => Scenario::Huge,
            WidgetState::LongNames => Scenario::LongNames,
            WidgetState::ZeroComparison => Scenario::FirstCycle,
            WidgetState::NegativeChange => Scenario::Declining,
            WidgetState::LowBalance => Scenario::LowBalance,
            WidgetState::Loading | WidgetState::Error | WidgetState::Typical => Scenario::Default,
        }
    }

    /// The `data-state` the widget settles in.
    pub(super) fn settles_in(self, piece: Piece) -> &'static str {
        match self {
            WidgetState::Loading => "loading",
            WidgetState::Error => "error",
            // A new account's balance is a balance: nothing used yet.
            WidgetState::Empty if piece != Piece::Balance => "empty",
            _ => "ready",
        }
    }

    /// Reports compare with the previous period where the state is about the comparison.
    pub(super) fn report_preset(self) -> ReportPreset {
        let compare = matches!(
            self,
            WidgetState::ZeroComparison | WidgetState::NegativeChange
        );
        ReportPreset {
            compare: if compare {
                CompareWith::PreviousPeriod
            } else {
                CompareWith::None
            },
            show_percent: compare,
            page_size: 5,
        }
    }
}

/// Every endpoint but the account, which a card needs to draw anything at all.
pub(super) fn data_endpoints() -> Vec<Endpoint> {
    Endpoint::ALL
        .into_iter()
        .filter(|e| *e != Endpoint::Account && e.read_by_the_page())
        .collect()
}

/// A widget of the dashboard, as the gallery shows it: its name, title and short name are the
/// widget's own ([`WidgetId`]); what the gallery adds is below.
pub(super) use crate::domain::WidgetId as Piece;

/// What the gallery knows of a widget: the states it can be in, the data controls that mean
/// something for it, its width and how it is drawn.
pub(super) trait Shown {
    fn states(self) -> &'static [WidgetState];
    fn controls(self) -> (bool, bool, bool);
    fn wide(self) -> bool;
    fn view(self) -> AnyView;
}

impl Shown for Piece {
    /// The states that can happen to this widget: the balance has no comparison and no names;
    /// the chart and the summary show no names; flow actions are named by the product.
    fn states(self) -> &'static [WidgetState] {
        use WidgetState::*;
        match self {
            Piece::Balance => &[Loading, Error, Empty, Typical, Huge, LowBalance],
            Piece::UsageChart => &[Loading, Error, Empty, Typical, Huge, NegativeChange],
            Piece::UsedSummary | Piece::FlowActions => &[
                Loading,
                Error,
                Empty,
                Typical,
                Huge,
                ZeroComparison,
                NegativeChange,
            ],
            Piece::CopilotUsers | Piece::Flows | Piece::AiPilots => &[
                Loading,
                Error,
                Empty,
                Typical,
                Huge,
                LongNames,
                ZeroComparison,
                NegativeChange,
            ],
        }
    }

    /// Which data controls mean something for this widget: (rows, name length, comparison).
    /// Figures, latency and failing apply to every widget.
    fn controls(self) -> (bool, bool, bool) {
        match self {
            Piece::Balance | Piece::UsageChart => (false, false, false),
            Piece::UsedSummary | Piece::FlowActions => (false, false, true),
            Piece::CopilotUsers | Piece::Flows | Piece::AiPilots => (true, true, true),
        }
    }

    fn wide(self) -> bool {
        !matches!(self, Piece::Balance | Piece::UsedSummary)
    }

    fn view(self) -> AnyView {
        match self {
            Piece::Balance => view! { <widgets::balance::BalanceWidget /> }.into_any(),
            Piece::UsedSummary => view! { <widgets::used_summary::UsedSummaryWidget /> }.into_any(),
            Piece::UsageChart => view! { <widgets::usage_chart::UsageChartWidget /> }.into_any(),
            Piece::CopilotUsers => {
                view! { <widgets::copilot_users::CopilotUsersWidget /> }.into_any()
            }
            Piece::Flows => view! { <widgets::flows::FlowsWidget /> }.into_any(),
            Piece::FlowActions => view! { <widgets::flow_actions::FlowActionsWidget /> }.into_any(),
            Piece::AiPilots => view! { <widgets::ai_pilots::AiPilotsWidget /> }.into_any(),
        }
    }
}
