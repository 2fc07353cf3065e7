//! Mock-data scenarios and the settings that pick one.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scenario {
    #[default]
    Default,
    /// Thousands of users and flows, two years of usage.
    Large,
    /// An account created days ago: people and flows, no usage yet.
    NewAccount,
    /// Most of the cycle's credits are gone and auto-recharge is off.
    LowBalance,
    /// Some endpoints fail every other call, one answers slowly.
    Flaky,
}

impl Scenario {
    pub const ALL: [Scenario; 5] = [
        Scenario::Default,
        Scenario::Large,
        Scenario::NewAccount,
        Scenario::LowBalance,
        Scenario::Flaky,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Scenario::Default => "default",
            Scenario::Large => "large",
            Scenario::NewAccount => "new-account",
            Scenario::LowBalance => "low-balance",
            Scenario::Flaky => "flaky",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Scenario::ALL.into_iter().find(|s| s.key() == key)
    }

    pub fn label(self) -> &'static str {
        match self {
            Scenario::Default => "Typical account",
            Scenario::Large => "Large account (thousands of users and flows)",
            Scenario::NewAccount => "New account (no usage yet)",
            Scenario::LowBalance => "Low balance",
            Scenario::Flaky => "Flaky service (failures and delays)",
        }
    }

    /// Endpoints (contract paths without the `/credits/usage` prefix rules; see
    /// `Endpoint::name`) that fail on every other call in this scenario.
    pub fn flaky_endpoints(self) -> &'static [&'static str] {
        match self {
            Scenario::Flaky => &["flows"],
            _ => &[],
        }
    }

    /// Endpoints that answer slowly in this scenario, with their extra delay.
    pub fn slow_endpoints(self) -> &'static [(&'static str, u32)] {
        match self {
            Scenario::Flaky => &[("ai-pilots", 2500)],
            _ => &[],
        }
    }
}

/// What the mock generates and how it behaves.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MockSettings {
    pub scenario: Scenario,
    pub seed: u64,
    /// "Today" in the account's time zone.
    pub today: NaiveDate,
    /// Delay of every answer, in milliseconds.
    pub latency_ms: u32,
    /// When set, each answer waits a random time between `latency_ms` and this.
    #[serde(default)]
    pub latency_max_ms: Option<u32>,
    /// Endpoint names that always fail with a server error.
    pub fail: Vec<String>,
}

impl MockSettings {
    pub fn new(scenario: Scenario, seed: u64, today: NaiveDate) -> Self {
        MockSettings {
            scenario,
            seed,
            today,
            latency_ms: 0,
            latency_max_ms: None,
            fail: Vec::new(),
        }
    }
}
