//! The mock's endpoints, by the names that `fail=` and `stall=` use in a demo link.

use serde::{Deserialize, Serialize};

/// One call of the contract as the mock answers it. Saving the auto-recharge settings and
/// following a recalculation have names of their own, so a demo can fail only that step.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Endpoint {
    Account,
    Directory,
    DirectoryTeams,
    DirectoryUsers,
    Balance,
    Summary,
    Timeseries,
    CopilotUsers,
    Flows,
    FlowActions,
    AiPilots,
    Events,
    Pricing,
    Purchases,
    AutoRecharge,
    AutoRechargeSave,
    Recalculate,
    RecalculateStatus,
    History,
    Alerts,
    AlertsSave,
}

impl Endpoint {
    /// In the order the demo switcher lists them.
    pub const ALL: [Endpoint; 21] = [
        Endpoint::Account,
        Endpoint::Directory,
        Endpoint::DirectoryTeams,
        Endpoint::DirectoryUsers,
        Endpoint::Balance,
        Endpoint::Summary,
        Endpoint::Timeseries,
        Endpoint::CopilotUsers,
        Endpoint::Flows,
        Endpoint::FlowActions,
        Endpoint::AiPilots,
        Endpoint::Events,
        Endpoint::Pricing,
        Endpoint::Purchases,
        Endpoint::AutoRecharge,
        Endpoint::AutoRechargeSave,
        Endpoint::Recalculate,
        Endpoint::RecalculateStatus,
        Endpoint::History,
        Endpoint::Alerts,
        Endpoint::AlertsSave,
    ];

    /// Whether the page asks this endpoint today: the demo switcher and the gallery offer to
    /// fail only these. The directory's team list and user search are the contract's (DESIGN
    /// 11) and the worker's, but the filters still read the whole directory.
    pub fn read_by_the_page(self) -> bool {
        !matches!(self, Endpoint::DirectoryTeams | Endpoint::DirectoryUsers)
    }

    /// The name in `fail=` and `stall=`.
    pub fn key(self) -> &'static str {
        match self {
            Endpoint::Account => "account",
            Endpoint::Directory => "directory",
            Endpoint::DirectoryTeams => "directory-teams",
            Endpoint::DirectoryUsers => "directory-users",
            Endpoint::Balance => "balance",
            Endpoint::Summary => "summary",
            Endpoint::Timeseries => "timeseries",
            Endpoint::CopilotUsers => "copilot-users",
            Endpoint::Flows => "flows",
            Endpoint::FlowActions => "flow-actions",
            Endpoint::AiPilots => "ai-pilots",
            Endpoint::Events => "events",
            Endpoint::Pricing => "pricing",
            Endpoint::Purchases => "purchases",
            Endpoint::AutoRecharge => "auto-recharge",
            Endpoint::AutoRechargeSave => "auto-recharge-save",
            Endpoint::Recalculate => "recalculate",
            Endpoint::RecalculateStatus => "recalculate-status",
            Endpoint::History => "history",
            Endpoint::Alerts => "alerts",
            Endpoint::AlertsSave => "alerts-save",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Endpoint::ALL.into_iter().find(|e| e.key() == key)
    }

    /// What a person calls it (the demo switcher's checkboxes).
    pub fn label(self) -> &'static str {
        match self {
            Endpoint::Account => "Account",
            Endpoint::Directory => "Teams and users",
            Endpoint::DirectoryTeams => "Listing teams",
            Endpoint::DirectoryUsers => "Searching users",
            Endpoint::Balance => "Balance",
            Endpoint::Summary => "Usage summary",
            Endpoint::Timeseries => "Usage over time",
            Endpoint::CopilotUsers => "Copilot users",
            Endpoint::Flows => "Flows",
            Endpoint::FlowActions => "Flow actions",
            Endpoint::AiPilots => "AI Pilots",
            Endpoint::Events => "Credit events",
            Endpoint::Pricing => "Pricing",
            Endpoint::Purchases => "Purchases",
            Endpoint::AutoRecharge => "Auto-recharge settings",
            Endpoint::AutoRechargeSave => "Saving auto-recharge",
            Endpoint::Recalculate => "Recalculation",
            Endpoint::RecalculateStatus => "Following a recalculation",
            Endpoint::History => "Credit history",
            Endpoint::Alerts => "Usage alerts",
            Endpoint::AlertsSave => "Saving usage alerts",
        }
    }

    /// The endpoint whose name also covers this one: `fail=auto-recharge` fails reading and
    /// saving the settings, `fail=recalculate` fails starting and following a job,
    /// `fail=directory` every read of the directory, while `auto-recharge-save`,
    /// `recalculate-status` and `directory-users` name only their own step.
    pub fn parent(self) -> Option<Endpoint> {
        match self {
            Endpoint::AutoRechargeSave => Some(Endpoint::AutoRecharge),
            Endpoint::RecalculateStatus => Some(Endpoint::Recalculate),
            Endpoint::AlertsSave => Some(Endpoint::Alerts),
            Endpoint::DirectoryTeams | Endpoint::DirectoryUsers => Some(Endpoint::Directory),
            _ => None,
        }
    }

    /// Whether a `fail=` or `stall=` list names this endpoint, itself or through its parent.
    pub fn is_named_in(self, names: &[Endpoint]) -> bool {
        names.iter().any(|&n| n == self || Some(n) == self.parent())
    }

    /// The operation of the contract this endpoint names: its method and path (a job's
    /// status stands for every job's).
    pub fn request(self) -> (&'static str, &'static str) {
        match self {
            Endpoint::Account => ("GET", "/account"),
            Endpoint::Directory => ("GET", "/directory"),
            Endpoint::DirectoryTeams => ("GET", "/directory/teams"),
            Endpoint::DirectoryUsers => ("GET", "/directory/users"),
            Endpoint::Balance => ("GET", "/credits/balance"),
            Endpoint::Summary => ("GET", "/credits/usage/summary"),
            Endpoint::Timeseries => ("GET", "/credits/usage/timeseries"),
            Endpoint::CopilotUsers => ("GET", "/credits/usage/copilot-users"),
            Endpoint::Flows => ("GET", "/credits/usage/flows"),
            Endpoint::FlowActions => ("GET", "/credits/usage/flow-actions"),
            Endpoint::AiPilots => ("GET", "/credits/usage/ai-pilots"),
            Endpoint::Events => ("GET", "/credits/events"),
            Endpoint::Pricing => ("GET", "/credits/pricing"),
            Endpoint::Purchases => ("POST", "/credits/purchases"),
            Endpoint::AutoRecharge => ("GET", "/credits/auto-recharge"),
            Endpoint::AutoRechargeSave => ("PUT", "/credits/auto-recharge"),
            Endpoint::Recalculate => ("POST", "/credits/recalculate"),
            Endpoint::RecalculateStatus => ("GET", "/credits/recalculate/job_1"),
            Endpoint::History => ("GET", "/credits/history"),
            Endpoint::Alerts => ("GET", "/credits/alerts"),
            Endpoint::AlertsSave => ("PUT", "/credits/alerts"),
        }
    }

    /// The endpoint a request is for, by its method and path (`None` for what the contract
    /// does not have).
    pub fn of(method: &str, path: &str) -> Option<Endpoint> {
        let path = path.trim_end_matches('/');
        if method.eq_ignore_ascii_case("GET") && path.starts_with("/credits/recalculate/") {
            return Some(Endpoint::RecalculateStatus);
        }
        Endpoint::ALL.into_iter().find(|e| {
            let (m, p) = e.request();
            m.eq_ignore_ascii_case(method) && p == path
        })
    }

    /// The endpoints a `fail=` or `stall=` value names, such as `flows, pricing`. Names the mock
    /// does not know are left out: they never named anything that could fail.
    pub fn parse_list(text: &str) -> Vec<Endpoint> {
        text.split(',')
            .map(str::trim)
            .filter_map(Endpoint::from_key)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_names_its_endpoint() {
        for e in Endpoint::ALL {
            let (method, path) = e.request();
            assert_eq!(Endpoint::of(method, path), Some(e), "{e:?}");
        }
        assert_eq!(
            Endpoint::of("get", "/credits/recalculate/job_42"),
            Some(Endpoint::RecalculateStatus)
        );
        assert_eq!(Endpoint::of("DELETE", "/credits/balance"), None);
        assert_eq!(Endpoint::of("GET", "/nothing"), None);
    }

    #[test]
    fn keys_round_trip_and_match_serde() {
        for e in Endpoint::ALL {
            assert_eq!(Endpoint::from_key(e.key()), Some(e));
            assert_eq!(
                serde_json::to_string(&e).unwrap(),
                format!("\"{}\"", e.key())
            );
        }
        assert_eq!(Endpoint::from_key("nonsense"), None);
    }

    #[test]
    fn a_parent_name_covers_its_step_but_not_the_reverse() {
        let parent = [Endpoint::AutoRecharge, Endpoint::Recalculate];
        assert!(Endpoint::AutoRechargeSave.is_named_in(&parent));
        assert!(Endpoint::RecalculateStatus.is_named_in(&parent));
        assert!(Endpoint::AutoRecharge.is_named_in(&parent));
        let steps = [Endpoint::AutoRechargeSave, Endpoint::RecalculateStatus];
        assert!(!Endpoint::AutoRecharge.is_named_in(&steps));
        assert!(!Endpoint::Recalculate.is_named_in(&steps));
        assert!(!Endpoint::Flows.is_named_in(&parent));
    }

    #[test]
    fn lists_keep_known_names_in_order() {
        assert_eq!(
            Endpoint::parse_list(" flows, pricing ,,nonsense,recalculate-status"),
            vec![
                Endpoint::Flows,
                Endpoint::Pricing,
                Endpoint::RecalculateStatus
            ]
        );
        assert!(Endpoint::parse_list("").is_empty());
    }
}
