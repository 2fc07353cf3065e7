//! Which widget: one name for each of the dashboard's widgets, and everything that follows from
//! it (its test hook, the key of its view in the URL, its title, whether a drill-down narrows
//! it). No widget string is written anywhere else.

/// A widget of the dashboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum WidgetId {
    Balance,
    UsedSummary,
    UsageChart,
    CopilotUsers,
    Flows,
    FlowActions,
    AiPilots,
}

impl WidgetId {
    /// In the order the dashboard shows them.
    pub const ALL: [WidgetId; 7] = [
        WidgetId::Balance,
        WidgetId::UsedSummary,
        WidgetId::UsageChart,
        WidgetId::CopilotUsers,
        WidgetId::Flows,
        WidgetId::FlowActions,
        WidgetId::AiPilots,
    ];

    /// Its stable test hook (DESIGN: the test hooks), the `data-testid` of its card.
    pub fn testid(self) -> &'static str {
        match self {
            WidgetId::Balance => "widget-balance",
            WidgetId::UsedSummary => "widget-used-summary",
            WidgetId::UsageChart => "widget-usage-chart",
            WidgetId::CopilotUsers => "widget-copilot-users",
            WidgetId::Flows => "widget-flows",
            WidgetId::FlowActions => "widget-flow-actions",
            WidgetId::AiPilots => "widget-ai-pilots",
        }
    }

    /// Its short name: the test hook without `widget-` ("flow-actions"), as the gallery's
    /// paths and the CSV files' names say it.
    pub fn slug(self) -> &'static str {
        let id = self.testid();
        &id["widget-".len()..]
    }

    /// The widget a short name names.
    pub fn from_slug(slug: &str) -> Option<WidgetId> {
        Self::ALL.into_iter().find(|w| w.slug() == slug)
    }

    /// The key under which the URL keeps its own view (`w.flows=range:…`); the balance has no
    /// view of its own.
    pub fn url_key(self) -> Option<&'static str> {
        Some(match self {
            WidgetId::Balance => return None,
            WidgetId::UsedSummary => "w.summary",
            WidgetId::UsageChart => "w.chart",
            WidgetId::CopilotUsers => "w.copilot",
            WidgetId::Flows => "w.flows",
            WidgetId::FlowActions => "w.actions",
            WidgetId::AiPilots => "w.pilots",
        })
    }

    /// Its title, on its card and in the gallery.
    pub fn title(self) -> &'static str {
        match self {
            WidgetId::Balance => "Credit balance",
            WidgetId::UsedSummary => "Credits used",
            WidgetId::UsageChart => "Credit usage by feature over time",
            WidgetId::CopilotUsers => "Copilot credit usage by user",
            WidgetId::Flows => "Smart Flow credit usage",
            WidgetId::FlowActions => "Usage by actions in flows",
            WidgetId::AiPilots => "AI Pilot usage",
        }
    }

    /// Whether a drill-down into a chart bucket narrows its range: the summary and the reports,
    /// not the chart it was chosen on, nor the balance, which has no range.
    pub fn follows_drill(self) -> bool {
        !matches!(self, WidgetId::Balance | WidgetId::UsageChart)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_name_of_a_widget_is_its_own_and_reads_back() {
        let mut seen = HashSet::new();
        for w in WidgetId::ALL {
            assert!(w.testid().starts_with("widget-"), "{w:?}");
            assert_eq!(WidgetId::from_slug(w.slug()), Some(w));
            for name in [w.testid(), w.slug(), w.title()]
                .into_iter()
                .chain(w.url_key())
            {
                assert!(seen.insert(name), "{name} is said twice");
            }
        }
        assert_eq!(WidgetId::from_slug("nothing"), None);
        assert_eq!(WidgetId::FlowActions.slug(), "flow-actions");
    }

    #[test]
    fn the_summary_and_the_reports_follow_a_drill_down_and_keep_a_view_in_the_url() {
        let followers: Vec<_> = WidgetId::ALL
            .into_iter()
            .filter(|w| w.follows_drill())
            .filter_map(WidgetId::url_key)
            .collect();
        assert_eq!(
            followers,
            ["w.summary", "w.copilot", "w.flows", "w.actions", "w.pilots"]
        );
        assert_eq!(WidgetId::Balance.url_key(), None);
    }
}
