//! Mock-data scenarios and the settings that pick one.

use super::endpoint::Endpoint;
use super::fault::Failure;
use crate::domain::Keyed;
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
    /// A typical account's shape with billions of credits a cycle.
    Huge,
    /// Names of 80 characters, right-to-left names and emoji.
    LongNames,
    /// Usage began with the current bill cycle: the previous period has none.
    FirstCycle,
    /// Usage falling steeply: comparisons are negative.
    Declining,
}

impl Keyed for Scenario {
    const ALL: &'static [Scenario] = &[
        Scenario::Default,
        Scenario::Large,
        Scenario::NewAccount,
        Scenario::LowBalance,
        Scenario::Flaky,
        Scenario::Huge,
        Scenario::LongNames,
        Scenario::FirstCycle,
        Scenario::Declining,
    ];

    fn key(self) -> &'static str {
        match self {
            Scenario::Default => "default",
            Scenario::Large => "large",
            Scenario::NewAccount => "new-account",
            Scenario::LowBalance => "low-balance",
            Scenario::Flaky => "flaky",
            Scenario::Huge => "huge",
            Scenario::LongNames => "long-names",
            Scenario::FirstCycle => "first-cycle",
            Scenario::Declining => "declining",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Scenario::Default => "Typical account",
            Scenario::Large => "Large account (thousands of users and flows)",
            Scenario::NewAccount => "New account (no usage yet)",
            Scenario::LowBalance => "Low balance",
            Scenario::Flaky => "Flaky service (failures and delays)",
            Scenario::Huge => "Huge figures (billions of credits)",
            Scenario::LongNames => "Long names (right-to-left, emoji)",
            Scenario::FirstCycle => "First bill cycle (nothing to compare with)",
            Scenario::Declining => "Declining usage (negative change)",
        }
    }
}

impl Scenario {
    /// Endpoints that fail on every other call in this scenario.
    pub fn flaky_endpoints(self) -> &'static [Endpoint] {
        match self {
            Scenario::Flaky => &[Endpoint::Flows],
            _ => &[],
        }
    }

    /// Endpoints that answer slowly in this scenario, with their extra delay.
    pub fn slow_endpoints(self) -> &'static [(Endpoint, u32)] {
        match self {
            Scenario::Flaky => &[(Endpoint::AiPilots, 2500)],
            _ => &[],
        }
    }
}

/// Reshapes a scenario's account for the gallery's controls: how many users, flows and pilots
/// (each report's rows), every name at one length, every figure multiplied. None keeps the
/// scenario's own.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Shaping {
    pub rows: Option<u32>,
    pub name_len: Option<u32>,
    pub scale: Option<u64>,
    /// The account leaves out the day it opened, as a service may: a comparison with the days
    /// before it then reads as zeros, "new" (the gallery's "Zero comparison" state).
    #[serde(default)]
    pub opening_unsaid: bool,
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
    /// Endpoints that always fail, each with its fault (and their steps; see
    /// `Endpoint::parent`).
    pub fail: Vec<Failure>,
    /// Endpoints that never answer (the gallery's loading states).
    #[serde(default)]
    pub stall: Vec<Endpoint>,
    /// The gallery's reshaping of the account (none in a demo).
    #[serde(default)]
    pub shaping: Shaping,
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
            stall: Vec::new(),
            shaping: Shaping::default(),
        }
    }
}
