//! The gallery's mock accounts.

use super::controls::Knobs;
use super::pieces::{data_endpoints, WidgetState};
use crate::api::demo::{Failure, MockClient, MockSettings, Scenario, Shaping};
use crate::api::UsageApi;
use chrono::NaiveDate;
use leptos::prelude::*;
use std::collections::HashMap;

/// The gallery's mock accounts: one per scenario, generated once and shared by the cards that
/// only read it; never the demo session's account.
#[derive(Clone)]
pub(super) struct Accounts {
    today: NaiveDate,
    seed: u64,
    made: StoredValue<HashMap<(Scenario, Shaping), MockClient>, LocalStorage>,
}

impl Accounts {
    pub(super) fn new(today: NaiveDate, seed: u64) -> Self {
        Accounts {
            today,
            seed,
            made: StoredValue::new_local(HashMap::new()),
        }
    }

    /// A fresh account that nobody else sees (for cards that change it).
    pub(super) fn own(&self, scenario: Scenario) -> MockClient {
        MockClient::ephemeral(MockSettings::new(scenario, self.seed, self.today))
    }

    /// The account of `scenario` reshaped as `shaping` says, generated once and shared.
    pub(super) fn shared(&self, scenario: Scenario, shaping: Shaping) -> MockClient {
        let key = (scenario, shaping);
        if let Some(c) = self.made.with_value(|m| m.get(&key).cloned()) {
            return c;
        }
        let c = MockClient::ephemeral(MockSettings {
            shaping,
            ..MockSettings::new(scenario, self.seed, self.today)
        });
        self.made.update_value(|m| {
            m.insert(key, c.clone());
        });
        c
    }

    pub(super) fn for_state(&self, state: WidgetState, knobs: &Knobs) -> UsageApi {
        // "Zero comparison" shows how figures compared with zeros read: its account does not
        // say when it opened (else its first cycle would compare with nothing).
        let shaping = Shaping {
            opening_unsaid: state == WidgetState::ZeroComparison,
            ..knobs.shaping
        };
        let base = self.shared(state.scenario(), shaping);
        let mut api = match state {
            WidgetState::Loading => base.variant(&[], &data_endpoints()),
            WidgetState::Error => base.variant(&failing(), &[]),
            _ => base,
        };
        if knobs.fail && state != WidgetState::Loading {
            api = api.variant(&failing(), &[]);
        }
        if let Some(ms) = knobs.latency {
            api = api.with_latency(ms);
        }
        UsageApi::Mock(api)
    }
}

/// Every data endpoint failing with its usual fault (the gallery's error states).
fn failing() -> Vec<Failure> {
    data_endpoints()
        .into_iter()
        .map(|e| Failure::new(e, None))
        .collect()
}
