//! The account, its people, its balance and the price list: what the app reads once and shows
//! everywhere.

use super::{Engine, Selection};
use credit_contract::domain::runout::Pace;
use credit_contract::domain::{Credits, DateRange};
use credit_contract::types::*;

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
        effective_price_per_1000: None,
    }
}

impl Engine {
    /// Each user's email by id, for a search of the Copilot users' report.
    pub(crate) fn emails(&self) -> std::collections::HashMap<&str, &str> {
        self.data
            .users
            .iter()
            .map(|u| (u.id.as_str(), u.email.as_str()))
            .collect()
    }

    /// `GET /credits/pricing` for this account: the price list, and what the account's credits
    /// cost it over the last 12 months (its top-ups that went through, at what they were
    /// charged).
    pub fn pricing(&self) -> Pricing {
        let since = self.data.today - chrono::Days::new(365);
        let (credits, paid) = self
            .ledger()
            .iter()
            .filter(|e| e.date > since && e.counts() && e.amount.is_some())
            .filter(|e| {
                matches!(
                    e.kind.known(),
                    Some(LedgerKind::Purchase | LedgerKind::AutoRecharge)
                )
            })
            .fold((0.0, 0.0), |(c, a), e| {
                (c + e.credits.as_f64(), a + e.amount.unwrap_or(0.0))
            });
        Pricing {
            effective_price_per_1000: (credits > 0.0)
                .then(|| (paid / credits * 1000.0 * 1000.0).round() / 1000.0),
            ..pricing()
        }
    }

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

    /// `GET /directory/teams`: every team, by name (at most [`DirectoryTeams::MAX`]).
    pub fn directory_teams(&self) -> DirectoryTeams {
        let mut teams: Vec<Team> = self.data.teams.clone();
        teams.sort_by_cached_key(|t| (t.name.to_lowercase(), t.id.clone()));
        teams.truncate(DirectoryTeams::MAX);
        DirectoryTeams { teams }
    }

    /// `GET /directory/users`: the users `search` finds, by name, one page.
    pub fn directory_users(&self, search: &UserSearch) -> Result<DirectoryUsers, crate::Refusal> {
        let start = super::paging::offset_of(search.cursor.as_deref())?;
        let needle = search.q.trim().to_lowercase();
        let ids: std::collections::HashSet<&str> = search.ids.iter().map(String::as_str).collect();
        let teams: std::collections::HashSet<&str> =
            search.teams.iter().map(String::as_str).collect();
        let mut users: Vec<&User> = self
            .data
            .users
            .iter()
            .filter(|u| ids.is_empty() || ids.contains(u.id.as_str()))
            .filter(|u| teams.is_empty() || teams.contains(u.team_id.as_str()))
            .filter(|u| {
                needle.is_empty()
                    || u.name.to_lowercase().contains(&needle)
                    || u.email.to_lowercase().contains(&needle)
            })
            .collect();
        users.sort_by_cached_key(|u| (u.name.to_lowercase(), u.id.clone()));
        let total_rows = users.len() as u64;
        // A lookup without `limit` answers every id it asks on one page (up to 500).
        let limit = search.limit.unwrap_or(if search.ids.is_empty() {
            UserSearch::DEFAULT_LIMIT
        } else {
            (search.ids.len() as u32).clamp(UserSearch::DEFAULT_LIMIT, ReportView::MAX_LIMIT)
        }) as usize;
        let next_cursor = super::paging::window(&mut users, start, limit);
        Ok(DirectoryUsers {
            users: users.into_iter().cloned().collect(),
            total_rows,
            next_cursor,
        })
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

    /// The four whole weeks before today, per weekday and weekend day (none for an account
    /// with less usage history than that).
    fn recent_pace(&self) -> Option<RecentPace> {
        let d = &self.data;
        let from = d.today.checked_sub_days(chrono::Days::new(28))?;
        if from < d.start {
            return None;
        }
        let days: Vec<(chrono::NaiveDate, f64)> = (0..28u64)
            .map(|k| {
                let day = from + chrono::Days::new(k);
                let i = d.index(day);
                let used: ByFeature = d.team_usage.iter().map(|t| t.sum(i, i + 1)).sum();
                (day, used.total().as_f64())
            })
            .collect();
        let pace = Pace::of_last_four_weeks(d.today, &days)?;
        Some(RecentPace {
            from,
            to: d.today.pred_opt()?,
            weekday: Credits::from_f64(pace.weekday),
            weekend: Credits::from_f64(pace.weekend),
        })
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
            // The demo's accounts pause at zero (the generator stops usage there).
            at_limit: Some(AtLimit::Pause.into()),
            overage: None,
            pace: self.recent_pace(),
        }
    }
}
