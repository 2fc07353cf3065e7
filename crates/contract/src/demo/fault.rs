//! The faults a demo link asks for (`fail=flows:429,purchases`): which endpoint fails and how,
//! answered by every host of the engine as a server would answer them (DESIGN section 10).

use super::endpoint::Endpoint;
use serde::{Deserialize, Serialize};

/// How a failing endpoint answers. Each is what a real server or the road to it can do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Fault {
    /// 500 with the contract's error body.
    ServerError,
    /// 401: the session has ended.
    Unauthorized,
    /// 403: the signed-in admin may not see this.
    Forbidden,
    /// 404: the operation is not there (an older server).
    NotFound,
    /// 429 with `Retry-After: 5`.
    RateLimited,
    /// 503 with `Retry-After: 5`.
    Unavailable,
    /// 200 with an HTML page where JSON was expected (a sign-in page, an SPA host's index).
    Html,
    /// 200 with JSON cut short.
    BadJson,
    /// No answer at all: the client's time limit ends the wait.
    Timeout,
    /// 402 `card_declined`: what `fail=purchases` means when no fault is named.
    CardDeclined,
}

/// The seconds a demo's 429 and 503 ask the client to wait.
pub const RETRY_AFTER_SECONDS: u32 = 5;

impl Fault {
    /// Every fault a link can name, in the order the demo switcher lists them.
    pub const NAMED: [Fault; 9] = [
        Fault::ServerError,
        Fault::Unauthorized,
        Fault::Forbidden,
        Fault::NotFound,
        Fault::RateLimited,
        Fault::Unavailable,
        Fault::Html,
        Fault::BadJson,
        Fault::Timeout,
    ];

    /// The name after the colon in `fail=flows:429`.
    pub fn key(self) -> &'static str {
        match self {
            Fault::ServerError => "500",
            Fault::Unauthorized => "401",
            Fault::Forbidden => "403",
            Fault::NotFound => "404",
            Fault::RateLimited => "429",
            Fault::Unavailable => "503",
            Fault::Html => "html",
            Fault::BadJson => "bad-json",
            Fault::Timeout => "timeout",
            Fault::CardDeclined => "402",
        }
    }

    pub fn from_key(key: &str) -> Option<Fault> {
        let key = key.trim().to_ascii_lowercase();
        Fault::NAMED
            .into_iter()
            .chain([Fault::CardDeclined])
            .find(|f| f.key() == key)
    }

    /// What a person calls it (the demo switcher's choices: short, to fit a column of the
    /// panel on a phone).
    pub fn label(self) -> &'static str {
        match self {
            Fault::ServerError => "500 server error",
            Fault::Unauthorized => "401 session ended",
            Fault::Forbidden => "403 not allowed",
            Fault::NotFound => "404 not found",
            Fault::RateLimited => "429 rate limited, 5 s",
            Fault::Unavailable => "503 unavailable, 5 s",
            Fault::Html => "HTML page, not data",
            Fault::BadJson => "Broken JSON",
            Fault::Timeout => "No answer (time-out)",
            Fault::CardDeclined => "402 card declined",
        }
    }
}

/// One failing endpoint of a demo: `flows` (its usual fault) or `flows:429`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Failure {
    pub endpoint: Endpoint,
    /// None: the endpoint's usual fault (a declined card for purchases, else 500).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fault: Option<Fault>,
}

impl Failure {
    pub fn new(endpoint: Endpoint, fault: Option<Fault>) -> Self {
        Failure { endpoint, fault }
    }

    /// The fault this failure answers with.
    pub fn fault(self) -> Fault {
        self.fault
            .unwrap_or(if self.endpoint == Endpoint::Purchases {
                Fault::CardDeclined
            } else {
                Fault::ServerError
            })
    }

    /// As a link writes it: `flows` or `flows:429`.
    pub fn key(self) -> String {
        match self.fault {
            Some(f) => format!("{}:{}", self.endpoint.key(), f.key()),
            None => self.endpoint.key().to_string(),
        }
    }

    /// One entry of a `fail=` list; None for an endpoint or a fault the demo does not know.
    pub fn parse(text: &str) -> Option<Failure> {
        let (name, fault) = match text.trim().split_once(':') {
            Some((n, f)) => (n, Some(Fault::from_key(f)?)),
            None => (text.trim(), None),
        };
        Some(Failure::new(Endpoint::from_key(name.trim())?, fault))
    }

    /// A `fail=` value such as `flows:429, purchases`. Entries the demo does not know are left
    /// out: they never named anything that could fail.
    pub fn parse_list(text: &str) -> Vec<Failure> {
        text.split(',').filter_map(Failure::parse).collect()
    }

    /// The failure among `list` that covers `endpoint` (its own, else its parent's: see
    /// [`Endpoint::parent`]).
    pub fn find(list: &[Failure], endpoint: Endpoint) -> Option<Failure> {
        list.iter()
            .find(|f| f.endpoint == endpoint)
            .or_else(|| list.iter().find(|f| Some(f.endpoint) == endpoint.parent()))
            .copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fail_list_names_endpoints_and_their_faults() {
        let list =
            Failure::parse_list(" flows:429, purchases,summary:HTML ,nonsense,pricing:teapot,");
        assert_eq!(
            list,
            vec![
                Failure::new(Endpoint::Flows, Some(Fault::RateLimited)),
                Failure::new(Endpoint::Purchases, None),
                Failure::new(Endpoint::Summary, Some(Fault::Html)),
            ]
        );
        assert_eq!(list[0].key(), "flows:429");
        assert_eq!(list[1].key(), "purchases");
        assert_eq!(list[1].fault(), Fault::CardDeclined);
        assert_eq!(
            Failure::new(Endpoint::Flows, None).fault(),
            Fault::ServerError
        );
        for f in Fault::NAMED {
            assert_eq!(Fault::from_key(f.key()), Some(f));
            let one = Failure::new(Endpoint::Balance, Some(f));
            assert_eq!(Failure::parse(&one.key()), Some(one));
        }
    }

    #[test]
    fn a_step_takes_its_own_failure_before_its_parents() {
        let list = Failure::parse_list("auto-recharge:403,auto-recharge-save:timeout");
        let found = |e| Failure::find(&list, e).map(Failure::fault);
        assert_eq!(found(Endpoint::AutoRecharge), Some(Fault::Forbidden));
        assert_eq!(found(Endpoint::AutoRechargeSave), Some(Fault::Timeout));
        let parent = Failure::parse_list("recalculate");
        assert!(Failure::find(&parent, Endpoint::RecalculateStatus).is_some());
        let step = Failure::parse_list("recalculate-status");
        assert!(Failure::find(&step, Endpoint::Recalculate).is_none());
    }
}
