//! The account, its people, its balance and the price list: what the app reads once and shows
//! everywhere.

use super::{Engine, Selection};
use crate::api::types::*;
use crate::domain::{Credits, DateRange};

/// The price list the mock sells at: larger packs cost less per credit.
pub fn pricing() -> Pricing {
    Pricing {
        currency: "USD".into(),
        price_per_1000: 10.0,
        packs: vec![
            Pack {
                credits: 1_000,
                price: 10.0,
            },
            Pack {
                credits: 5_000,
                price: 47.5,
            },
            Pack {
                credits: 10_000,
                price: 90.0,
            },
            Pack {
                credits: 25_000,
                price: 212.5,
            },
        ],
        min_purchase: 500,
        max_purchase: 1_000_000,
    }
}

impl Engine {
    pub fn account(&self) -> Account {
        let cycle = self.data.anchor.cycle_containing(self.data.today);
        Account {
            account: self.data.account.clone(),
            plan: Plan {
                name: self.data.plan_name.clone(),
                cycle_start: cycle.from,
                cycle_end: cycle.to,
                included_credits: self.data.included,
            },
            viewer: self.data.viewer.clone(),
        }
    }

    pub fn directory(&self) -> Directory {
        Directory {
            teams: self.data.teams.clone(),
            users: self.data.users.clone(),
        }
    }

    fn purchased_in(&self, r: DateRange) -> Credits {
        let past: u64 = self
            .data
            .history
            .iter()
            .filter(|h| r.contains(h.date))
            .map(|h| h.credits)
            .sum();
        let session: u64 = self
            .state
            .top_ups
            .iter()
            .filter(|t| r.contains(t.date))
            .map(|t| t.credits)
            .sum();
        Credits::from_whole((past + session) as i64)
    }

    pub fn balance(&self) -> Balance {
        let cycle = self.data.anchor.cycle_containing(self.data.today);
        let everyone = Selection {
            teams: None,
            users: None,
        };
        let used = self.by_feature(cycle, &everyone, None).total();
        let free = self.data.included;
        let purchased = self.purchased_in(cycle);
        let total = free + purchased;
        Balance {
            cycle,
            free_credits: free,
            purchased_credits: purchased,
            total_credits: total,
            used_credits: used,
            remaining_credits: total - used,
            as_of: self.state.as_of.clone(),
        }
    }
}
