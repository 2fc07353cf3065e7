//! The mock's server: answers every endpoint of the contract from the generated dataset, the way
//! the real service aggregates its events. Pure and synchronous, so it is tested natively; the
//! browser-facing client adds latency and failures around it.
//!
//! The endpoints are `impl Engine` blocks by kind: `reads` (account, directory, balance,
//! pricing), `reports` (usage and credit events) and `writes` (purchases, auto-recharge,
//! recalculation). This file holds the state and what they share: which people a query
//! selects, and the credits they used per feature.

mod ledger;
pub(crate) mod paging;
mod reads;
mod reports;
mod writes;

pub use ledger::PAGE as HISTORY_PAGE;
pub use reads::pricing;

use super::generate::Dataset;
use chrono::NaiveDate;
use credit_contract::domain::{Credits, DateRange};
use credit_contract::types::*;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::rc::Rc;

/// A purchase or auto-recharge made during this browser session.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SessionTopUp {
    pub id: String,
    pub date: NaiveDate,
    pub at: String,
    pub credits: u64,
    pub price: f64,
    pub auto: bool,
}

/// What demo users change: kept for the browser session (see `MockClient`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MutableState {
    pub top_ups: Vec<SessionTopUp>,
    pub auto_recharge: AutoRecharge,
    pub as_of: String,
    pub jobs: Vec<RecalcJob>,
    pub purchases_by_key: Vec<(String, PurchaseResult)>,
    pub next_id: u64,
    /// The usage alerts' rule (absent in a session saved before alerts existed).
    #[serde(default)]
    pub alerts: AlertSettings,
    /// The alerts fired this cycle, oldest first, as they were recorded.
    #[serde(default)]
    pub fired: Vec<FiredAlert>,
}

pub struct Engine {
    /// The generated account, shared by every engine of the same scenario, seed and day.
    pub data: Rc<Dataset>,
    pub state: MutableState,
    user_index: HashMap<String, usize>,
    team_index: HashMap<String, usize>,
}

/// Which teams and users a query selects (`None`: all).
struct Selection {
    teams: Option<Vec<bool>>,
    users: Option<Vec<bool>>,
}

impl Engine {
    pub fn new(data: impl Into<Rc<Dataset>>, now: &str) -> Self {
        let data = data.into();
        let state = MutableState {
            top_ups: Vec::new(),
            auto_recharge: AutoRecharge {
                enabled: data.auto_recharge_on,
                threshold_credits: 1_000,
                recharge_credits: 5_000,
                monthly_limit: None,
                payment_method: Some(PaymentMethod {
                    brand: "Visa".into(),
                    last4: "4242".into(),
                }),
                last_failure: data.card_declined_on.map(|d| RechargeFailure {
                    at: format!("{d}T14:05:00Z"),
                    code: "card_declined".into(),
                    message: "The card ending in 4242 was declined; auto-recharge was turned off."
                        .into(),
                }),
            },
            as_of: now.to_string(),
            jobs: Vec::new(),
            purchases_by_key: Vec::new(),
            next_id: 1,
            // The viewer is told at 75 and 90 % of the cycle's credits.
            alerts: AlertSettings {
                used_pct: vec![75, 90],
                balance_below: None,
                recipients: data
                    .users
                    .first()
                    .map(|u| u.email.clone())
                    .into_iter()
                    .collect(),
            },
            fired: Vec::new(),
        };
        let mut engine = Self::with_state(data, state);
        engine.state.fired = engine.fired_by_history(&engine.state.alerts.clone());
        engine
    }

    pub fn with_state(data: impl Into<Rc<Dataset>>, state: MutableState) -> Self {
        let data = data.into();
        let user_index = data
            .users
            .iter()
            .enumerate()
            .map(|(i, u)| (u.id.clone(), i))
            .collect();
        let team_index = data
            .teams
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id.clone(), i))
            .collect();
        Engine {
            data,
            state,
            user_index,
            team_index,
        }
    }

    fn selection(&self, q: &UsageQuery) -> Selection {
        let pick = |ids: &[String], index: &HashMap<String, usize>, n: usize| {
            (!ids.is_empty()).then(|| {
                let mut v = vec![false; n];
                for id in ids {
                    if let Some(&i) = index.get(id) {
                        v[i] = true;
                    }
                }
                v
            })
        };
        Selection {
            teams: pick(&q.teams, &self.team_index, self.data.teams.len()),
            users: pick(&q.users, &self.user_index, self.data.users.len()),
        }
    }

    fn user_selected(&self, s: &Selection, u: usize) -> bool {
        s.teams.as_ref().is_none_or(|t| t[self.data.user_team[u]])
            && s.users.as_ref().is_none_or(|v| v[u])
    }

    /// Day indexes `a..b` of the data that `r` covers.
    fn span(&self, r: DateRange) -> (usize, usize) {
        let d = &self.data;
        if r.to < d.start || r.from > d.today {
            return (0, 0);
        }
        (d.index(r.from), d.index(r.to) + 1)
    }

    fn flow_cents(&self, f: usize, a: usize, b: usize) -> u64 {
        self.data.flows[f].cents(a, b)
    }

    /// Credits per feature over `r` for a selection: from the teams' totals, or from each named
    /// user's own usage when the selection names users.
    fn by_feature(&self, r: DateRange, s: &Selection, named: Option<&[usize]>) -> ByFeature {
        let (a, b) = self.span(r);
        match named {
            None => (0..self.data.teams.len())
                .filter(|&t| s.teams.as_ref().is_none_or(|sel| sel[t]))
                .map(|t| self.data.team_usage[t].sum(a, b))
                .sum(),
            Some(users) => users.iter().map(|&u| self.user_usage(u, a, b)).sum(),
        }
    }

    /// One user's credits per feature over day indexes `a..b`: the flows and pilots they own,
    /// their own Copilot use.
    fn user_usage(&self, u: usize, a: usize, b: usize) -> ByFeature {
        let d = &self.data;
        let flows: u64 = d.user_flows[u]
            .iter()
            .map(|&f| self.flow_cents(f, a, b))
            .sum();
        let pilots: u64 = d.user_pilots[u]
            .iter()
            .map(|&p| d.pilots[p].cents.sum(a, b))
            .sum();
        ByFeature {
            smart_flows: Credits(flows as i64),
            ai_copilot: Credits(d.copilot[u].cents.sum(a, b) as i64),
            ai_pilots: Credits(pilots as i64),
        }
    }
}
