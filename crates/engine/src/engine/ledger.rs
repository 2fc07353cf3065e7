//! The credit ledger (`GET /credits/history`) and usage alerts (`GET`/`PUT /credits/alerts`):
//! every change to the balance, derived from the same cycles, top-ups and daily usage the
//! balance is made of, so that the newest entry's running balance is the balance's remaining
//! credits.

use super::{pricing, Engine};
use crate::Refusal;
use chrono::{Days, NaiveDate};
use credit_contract::domain::alerts::validate_alerts;
use credit_contract::domain::pricing::price_of;
use credit_contract::domain::{Credits, DateRange};
use credit_contract::types::*;

/// Entries per page of `GET /credits/history`.
pub const PAGE: usize = 50;

/// The card the mock pays with, as the ledger words it.
const METHOD: &str = "Visa ending in 4242 (demo: never charged)";

impl Engine {
    /// The whole ledger, oldest first: for each cycle its plan credits, then day by day the
    /// top-ups and the usage, then what lapsed at its end. A cycle that ended overdrawn is
    /// settled back to zero (the balance's rule: each cycle starts afresh, debts included).
    pub fn ledger(&self) -> Vec<LedgerEntry> {
        let d = &self.data;
        let mut out = Vec::new();
        let mut balance = Credits::ZERO;
        let mut cycle = d.anchor.cycle_containing(d.start);
        loop {
            push(
                &mut out,
                &mut balance,
                entry(
                    format!("grant-{}", cycle.from),
                    LedgerKind::Grant,
                    cycle.from,
                    d.included,
                ),
            );
            let last = cycle.to.min(d.today);
            let mut day = cycle.from;
            while day <= last {
                self.day_entries(day, &mut out, &mut balance);
                day = day + Days::new(1);
            }
            if cycle.to >= d.today {
                return out;
            }
            // Under `pause` a cycle ends at zero or above: what is left lapses. (A balance
            // below zero would be an overage, billed; the generator never leaves one.)
            if balance > Credits::ZERO {
                let closing = entry(
                    format!("end-{}", cycle.to),
                    LedgerKind::Expiry,
                    cycle.to,
                    -balance,
                );
                push(&mut out, &mut balance, closing);
            } else if balance < Credits::ZERO {
                let mut closing = entry(
                    format!("overage-{}", cycle.to),
                    LedgerKind::Overage,
                    cycle.to,
                    -balance,
                );
                let over = (-balance).as_f64().ceil() as u64;
                paid(
                    &mut closing,
                    format!("{}T23:59:00Z", cycle.to),
                    price_of(over, &pricing()),
                    PaymentStatus::Succeeded,
                );
                push(&mut out, &mut balance, closing);
            }
            cycle = d.anchor.cycle_containing(cycle.to + Days::new(1));
        }
    }

    /// One day's entries: earlier top-ups and a declined recharge, the day's usage, then this
    /// session's top-ups (made now, after the figures' as-of time).
    fn day_entries(&self, day: NaiveDate, out: &mut Vec<LedgerEntry>, balance: &mut Credits) {
        let d = &self.data;
        let p = pricing();
        for (i, h) in d.history.iter().enumerate().filter(|(_, h)| h.date == day) {
            let kind = if h.auto {
                LedgerKind::AutoRecharge
            } else {
                LedgerKind::Purchase
            };
            let mut e = entry(
                format!("top-{i}"),
                kind,
                day,
                Credits::from_whole(h.credits as i64),
            );
            paid(
                &mut e,
                format!("{day}T10:30:00Z"),
                price_of(h.credits, &p),
                PaymentStatus::Succeeded,
            );
            push(out, balance, e);
        }
        if d.card_declined_on == Some(day) {
            let credits = self.state.auto_recharge.recharge_credits;
            let mut e = entry(
                format!("ar-declined-{day}"),
                LedgerKind::AutoRecharge,
                day,
                Credits::from_whole(credits as i64),
            );
            paid(
                &mut e,
                format!("{day}T14:05:00Z"),
                price_of(credits, &p),
                PaymentStatus::Failed,
            );
            push(out, balance, e);
        }
        if day >= d.start {
            let i = d.index(day);
            let used: ByFeature = d.team_usage.iter().map(|t| t.sum(i, i + 1)).sum();
            if used.total() > Credits::ZERO {
                let mut e = entry(format!("use-{day}"), LedgerKind::Usage, day, -used.total());
                e.by_feature = Some(used);
                push(out, balance, e);
            }
        }
        for t in self.state.top_ups.iter().filter(|t| t.date == day) {
            let kind = if t.auto {
                LedgerKind::AutoRecharge
            } else {
                LedgerKind::Purchase
            };
            let mut e = entry(
                t.id.clone(),
                kind,
                day,
                Credits::from_whole(t.credits as i64),
            );
            paid(&mut e, t.at.clone(), t.price, PaymentStatus::Succeeded);
            push(out, balance, e);
        }
    }

    /// `GET /credits/history`: newest first, narrowed to the dates and kinds asked, a page at a
    /// time. The cursor is where the next page starts.
    pub fn history(&self, q: &HistoryQuery) -> Result<History, Refusal> {
        let start = match q.cursor.as_deref() {
            None => 0,
            Some(c) => c
                .strip_prefix('o')
                .and_then(|n| n.parse::<usize>().ok())
                .ok_or_else(|| Refusal::Rejected {
                    status: 400,
                    code: "invalid_cursor".into(),
                    message: "This page of the history is no longer available; start again from the newest.".into(),
                })?,
        };
        let wanted: Vec<LedgerEntry> = self
            .ledger()
            .into_iter()
            .rev()
            .filter(|e| q.from.is_none_or(|f| e.date >= f) && q.to.is_none_or(|t| e.date <= t))
            .filter(|e| q.kinds.is_empty() || e.kind.known().is_some_and(|k| q.kinds.contains(&k)))
            .collect();
        let end = start.saturating_add(PAGE).min(wanted.len());
        Ok(History {
            entries: wanted
                .get(start..end)
                .map(<[_]>::to_vec)
                .unwrap_or_default(),
            next_cursor: (end < wanted.len()).then(|| format!("o{end}")),
        })
    }

    /// `GET /credits/alerts`: the rule and what it fired this cycle.
    pub fn alerts(&self) -> Alerts {
        let s = &self.state.alerts;
        Alerts {
            used_pct: s.used_pct.clone(),
            balance_below: s.balance_below,
            recipients: s.recipients.clone(),
            fired: self.state.fired.clone(),
        }
    }

    /// `PUT /credits/alerts`: validated as the form does, recipients among the admins. An
    /// alert the new rule adds whose condition already holds fires now (never back-dated);
    /// what fired before stays fired.
    pub fn set_alerts(&mut self, s: &AlertSettings, now: &str) -> Result<Alerts, Refusal> {
        let admins = self.directory().alert_recipients();
        let checked = validate_alerts(s, Some(&admins)).map_err(|message| Refusal::Rejected {
            status: 422,
            code: "invalid_alerts".into(),
            message,
        })?;
        let before = std::mem::replace(&mut self.state.alerts, checked.clone());
        let b = self.balance();
        for &pct in checked
            .used_pct
            .iter()
            .filter(|p| !before.used_pct.contains(p))
        {
            let line = Credits::from_f64(b.total_credits.as_f64() * f64::from(pct) / 100.0);
            if b.total_credits > Credits::ZERO && b.used_credits >= line {
                self.state.fired.push(FiredAlert {
                    kind: AlertKind::UsedPct.into(),
                    value: u64::from(pct),
                    at: now.to_string(),
                });
            }
        }
        if let Some(below) = checked
            .balance_below
            .filter(|v| before.balance_below != Some(*v))
        {
            if b.remaining_credits < Credits::from_whole(below as i64) {
                self.state.fired.push(FiredAlert {
                    kind: AlertKind::BalanceBelow.into(),
                    value: below,
                    at: now.to_string(),
                });
            }
        }
        Ok(self.alerts())
    }

    /// The first day this cycle each alert's condition held: a share of the cycle's credits
    /// used, or the running balance under the number. What the account's starting rule fired
    /// before the demo began.
    pub(super) fn fired_by_history(&self, s: &AlertSettings) -> Vec<FiredAlert> {
        let d = &self.data;
        let cycle: DateRange = d.anchor.cycle_containing(d.today);
        let total = self.balance().total_credits;
        let ledger: Vec<LedgerEntry> = self
            .ledger()
            .into_iter()
            .filter(|e| e.date >= cycle.from)
            .collect();
        let at = |day: NaiveDate| {
            if day == d.today {
                self.state.as_of.clone()
            } else {
                format!("{day}T17:00:00Z")
            }
        };
        let mut fired = Vec::new();
        for &pct in &s.used_pct {
            let mut used = Credits::ZERO;
            let line = Credits::from_f64(total.as_f64() * f64::from(pct) / 100.0);
            let reached = ledger.iter().find(|e| {
                if e.kind == LedgerKind::Usage {
                    used = used - e.credits;
                }
                total > Credits::ZERO && used >= line && used > Credits::ZERO
            });
            if let Some(e) = reached {
                fired.push((
                    e.date,
                    FiredAlert {
                        kind: AlertKind::UsedPct.into(),
                        value: u64::from(pct),
                        at: at(e.date),
                    },
                ));
            }
        }
        if let Some(below) = s.balance_below {
            let line = Credits::from_whole(below as i64);
            // From the cycle's grant on: the zero before it is the last cycle's end.
            if let Some(e) = ledger
                .iter()
                .skip(1)
                .find(|e| e.counts() && e.balance < line)
            {
                fired.push((
                    e.date,
                    FiredAlert {
                        kind: AlertKind::BalanceBelow.into(),
                        value: below,
                        at: at(e.date),
                    },
                ));
            }
        }
        fired.sort_by_key(|(day, f)| (*day, f.value));
        fired.into_iter().map(|(_, f)| f).collect()
    }
}

fn entry(id: String, kind: LedgerKind, date: NaiveDate, credits: Credits) -> LedgerEntry {
    LedgerEntry::new(id, kind, date, credits)
}

fn paid(e: &mut LedgerEntry, at: String, amount: f64, status: PaymentStatus) {
    e.at = Some(at);
    e.amount = Some(amount);
    e.currency = Some(pricing().currency);
    e.method = Some(METHOD.into());
    e.status = Some(status.into());
}

/// Adds `e` with the balance after it (a top-up that did not go through changes nothing).
fn push(out: &mut Vec<LedgerEntry>, balance: &mut Credits, mut e: LedgerEntry) {
    if e.counts() {
        *balance += e.credits;
    }
    e.balance = *balance;
    out.push(e);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::generate;
    use crate::Scenario;
    use credit_contract::domain::Keyed;

    fn engine(s: Scenario) -> Engine {
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        Engine::new(generate(s, 7, today), "2026-11-24T15:00:00Z")
    }

    #[test]
    fn the_newest_running_balance_is_the_remaining_credits_in_every_scenario() {
        for &s in Scenario::ALL.iter() {
            let mut e = engine(s);
            e.purchase(
                &PurchaseRequest { credits: 5_000 },
                "k1",
                "2026-11-24T16:00:00Z",
            )
            .unwrap();
            let ledger = e.ledger();
            let newest = ledger.last().expect("a ledger");
            assert_eq!(newest.balance, e.balance().remaining_credits, "{s:?}");
            // The purchase made now is the newest entry.
            assert_eq!(newest.kind, LedgerKind::Purchase, "{s:?}");
            // Each entry's balance is the one before plus its credits (within a cycle).
            for w in ledger.windows(2) {
                let (a, b) = (&w[0], &w[1]);
                if b.kind == LedgerKind::Grant {
                    // A cycle starts from zero.
                    assert_eq!(b.balance, b.credits, "{s:?} {}", b.id);
                    assert_eq!(a.balance, Credits::ZERO, "{s:?} {}", a.id);
                } else if b.counts() {
                    assert_eq!(b.balance, a.balance + b.credits, "{s:?} {}", b.id);
                } else {
                    assert_eq!(b.balance, a.balance, "{s:?} {}", b.id);
                }
            }
            // Usage per day adds up to the cycle's used credits.
            let cycle = e.balance().cycle;
            let used: Credits = ledger
                .iter()
                .filter(|x| x.kind == LedgerKind::Usage && cycle.contains(x.date))
                .map(|x| -x.credits)
                .sum();
            assert_eq!(used, e.balance().used_credits, "{s:?}");
        }
    }

    #[test]
    fn pages_are_newest_first_and_follow_on() {
        let e = engine(Scenario::Default);
        let all = e.ledger();
        let first = e.history(&HistoryQuery::default()).unwrap();
        assert_eq!(first.entries.len(), PAGE);
        assert_eq!(first.entries[0], *all.last().unwrap());
        let next = e
            .history(&HistoryQuery {
                cursor: first.next_cursor.clone(),
                ..HistoryQuery::default()
            })
            .unwrap();
        assert_eq!(next.entries[0], all[all.len() - 1 - PAGE]);
        let only = e
            .history(&HistoryQuery {
                kinds: vec![LedgerKind::Grant, LedgerKind::Expiry],
                ..HistoryQuery::default()
            })
            .unwrap();
        assert!(only
            .entries
            .iter()
            .all(|x| matches!(x.kind.known(), Some(LedgerKind::Grant | LedgerKind::Expiry))));
        assert!(only.entries.iter().any(|x| x.kind == LedgerKind::Expiry));
        let bad = e.history(&HistoryQuery {
            cursor: Some("nonsense".into()),
            ..HistoryQuery::default()
        });
        assert!(matches!(bad, Err(Refusal::Rejected { status: 400, .. })));
    }

    #[test]
    fn alerts_fire_when_their_share_is_used_and_are_saved_validated() {
        let mut e = engine(Scenario::LowBalance);
        let admin = e.directory().alert_recipients()[0].clone();
        // The starting rule (75 and 90 %) fired on the days the cycle's usage crossed them.
        let start: Vec<(u64, String)> = e
            .alerts()
            .fired
            .iter()
            .map(|f| (f.value, f.at.clone()))
            .collect();
        assert_eq!(start.len(), 2, "{start:?}");
        assert!(
            start
                .iter()
                .all(|(_, at)| at.as_str() < "2026-11-24T15:00:00Z"),
            "{start:?}"
        );
        let saved = e
            .set_alerts(
                &AlertSettings {
                    used_pct: vec![50, 100],
                    balance_below: Some(1),
                    recipients: vec![admin.clone()],
                },
                "2026-11-24T18:00:00Z",
            )
            .unwrap();
        // About 96% of this cycle is used: the new 50% fires now, not back-dated; 100% does
        // not; 75 and 90 % stay fired though the rule no longer has them.
        let pct: Vec<(u64, &str)> = saved
            .fired
            .iter()
            .filter(|f| f.kind == AlertKind::UsedPct)
            .map(|f| (f.value, f.at.as_str()))
            .collect();
        assert_eq!(pct.len(), 3, "{pct:?}");
        assert_eq!(pct[2], (50, "2026-11-24T18:00:00Z"));
        // A purchase raises the cycle's credits: what fired stays fired.
        e.purchase(
            &PurchaseRequest { credits: 500_000 },
            "k9",
            "2026-11-24T19:00:00Z",
        )
        .unwrap();
        assert_eq!(e.alerts().fired.len(), 3);
        let member = e
            .directory()
            .users
            .iter()
            .find(|u| u.role.as_deref() == Some("member"))
            .unwrap()
            .email
            .clone();
        let refused = e.set_alerts(
            &AlertSettings {
                used_pct: vec![75],
                balance_below: None,
                recipients: vec![member],
            },
            "2026-11-24T18:00:00Z",
        );
        assert!(matches!(
            refused,
            Err(Refusal::Rejected { status: 422, .. })
        ));
        assert_eq!(e.alerts().recipients, vec![admin]);
    }
}
