//! The mock's server: answers every endpoint of the contract from the generated dataset, the way
//! the real service aggregates its events. Pure and synchronous, so it is tested natively; the
//! browser-facing client adds latency and failures around it.

use super::generate::{tokens_for, Dataset, ACTIONS};
use crate::api::error::ApiError;
use crate::api::types::*;
use crate::domain::{buckets, comparison_to_date, Credits, DateRange, Frequency};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

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
}

pub struct Engine {
    pub data: Dataset,
    pub state: MutableState,
    user_index: HashMap<String, usize>,
    team_index: HashMap<String, usize>,
}

/// Which teams and users a query selects (`None`: all).
struct Selection {
    teams: Option<Vec<bool>>,
    users: Option<Vec<bool>>,
}

/// What the steps of one action did in one flow type's flows: a cell of the flow-actions report.
#[derive(Clone, Copy, Debug, Default)]
struct ActionTotals {
    executions: u64,
    /// Hundredths of a credit.
    cents: u64,
    input_tokens: u64,
    output_tokens: u64,
    /// Hundredths of a credit in the comparison range.
    previous_cents: u64,
}

impl ActionTotals {
    fn is_empty(&self) -> bool {
        self.executions == 0 && self.previous_cents == 0 && self.cents == 0
    }
}

/// The flow types in the order of `ActionTotals` columns.
const FLOW_TYPES: [FlowType; 2] = [FlowType::SmartFlow, FlowType::ExecutionFlow];

/// One row per action and flow type that ran or spent anything, in `ACTIONS` order.
fn action_rows(totals: &[[ActionTotals; 2]], compared: bool) -> Vec<FlowActionRow> {
    let mut rows = Vec::new();
    for (def, per_type) in ACTIONS.iter().zip(totals) {
        for (flow_type, cell) in FLOW_TYPES.into_iter().zip(per_type) {
            if cell.is_empty() {
                continue;
            }
            rows.push(FlowActionRow {
                action: def.name.to_string(),
                flow_type: flow_type.into(),
                executions: cell.executions,
                credits: Credits(cell.cents as i64),
                tokens: def.token_metered.then_some(Tokens {
                    input: cell.input_tokens,
                    output: cell.output_tokens,
                }),
                previous_credits: compared.then_some(Credits(cell.previous_cents as i64)),
            });
        }
    }
    rows
}

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
    pub fn new(data: Dataset, now: &str) -> Self {
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
        };
        Self::with_state(data, state)
    }

    pub fn with_state(data: Dataset, state: MutableState) -> Self {
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

    /// The users a selection names, when it names any (else every team's totals apply).
    fn named_users(&self, s: &Selection) -> Option<Vec<usize>> {
        s.users.as_ref()?;
        Some(
            (0..self.data.users.len())
                .filter(|&u| self.user_selected(s, u))
                .collect(),
        )
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
            ai_copilot: Credits(d.copilot[u].sum(a, b) as i64),
            ai_pilots: Credits(pilots as i64),
        }
    }

    // ---- read endpoints ----

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

    pub fn summary(&self, q: &UsageQuery) -> UsageSummary {
        let s = self.selection(q);
        let named = self.named_users(&s);
        let by_feature = self.by_feature(q.range, &s, named.as_deref());
        let comparison = comparison_to_date(q.range, q.compare, self.data.anchor, self.data.today)
            .map(|range| {
                let by_feature = self.by_feature(range, &s, named.as_deref());
                SummaryFigures {
                    range,
                    total: by_feature.total(),
                    by_feature,
                }
            });
        UsageSummary {
            range: q.range,
            total: by_feature.total(),
            by_feature,
            comparison,
        }
    }

    pub fn timeseries(&self, q: &UsageQuery, frequency: Frequency) -> Timeseries {
        let s = self.selection(q);
        let named = self.named_users(&s);
        let points = buckets(q.range, frequency, self.data.today)
            .into_iter()
            .map(|b| TimePoint {
                start: b.range.from,
                end: b.range.to,
                partial: b.partial,
                by_feature: self.by_feature(b.range, &s, named.as_deref()),
            })
            .collect();
        Timeseries {
            range: q.range,
            frequency,
            points,
        }
    }

    /// Runs `row` for the query range and, when asked, the comparison range.
    fn report<R>(
        &self,
        q: &UsageQuery,
        rows: impl Fn((usize, usize), Option<(usize, usize)>) -> Vec<R>,
    ) -> Report<R> {
        let comparison = comparison_to_date(q.range, q.compare, self.data.anchor, self.data.today);
        Report {
            range: q.range,
            comparison_range: comparison,
            rows: rows(self.span(q.range), comparison.map(|c| self.span(c))),
        }
    }

    pub fn copilot_users(&self, q: &UsageQuery) -> CopilotUsers {
        let s = self.selection(q);
        let mut r = self.report(q, |(a, b), prev| {
            (0..self.data.users.len())
                .filter(|&u| self.user_selected(&s, u))
                .filter_map(|u| {
                    let c = &self.data.copilot[u];
                    let cents = c.sum(a, b);
                    let previous = prev.map(|(pa, pb)| c.sum(pa, pb));
                    if cents == 0 && previous.unwrap_or(0) == 0 {
                        return None;
                    }
                    let user = &self.data.users[u];
                    let team = &self.data.teams[self.data.user_team[u]];
                    let (input, output) = tokens_for(cents, self.data.copilot_ratio[u]);
                    Some(CopilotUserRow {
                        user_id: user.id.clone(),
                        user_name: user.name.clone(),
                        team_id: team.id.clone(),
                        team_name: team.name.clone(),
                        credits: Credits(cents as i64),
                        tokens: Tokens { input, output },
                        previous_credits: previous.map(|p| Credits(p as i64)),
                    })
                })
                .collect()
        });
        r.rows.sort_by(|x, y| {
            y.credits
                .cmp(&x.credits)
                .then_with(|| x.user_name.cmp(&y.user_name))
        });
        r
    }

    pub fn flows(&self, q: &UsageQuery) -> Flows {
        let s = self.selection(q);
        let mut r = self.report(q, |(a, b), prev| {
            self.data
                .flows
                .iter()
                .enumerate()
                .filter(|(_, f)| self.user_selected(&s, f.owner))
                .filter_map(|(i, f)| {
                    let cents = self.flow_cents(i, a, b);
                    let previous = prev.map(|(pa, pb)| self.flow_cents(i, pa, pb));
                    if cents == 0 && previous.unwrap_or(0) == 0 {
                        return None;
                    }
                    Some(FlowRow {
                        flow_id: f.id.clone(),
                        name: f.name.clone(),
                        flow_type: f.flow_type.into(),
                        status: f.status.into(),
                        credits: Credits(cents as i64),
                        previous_credits: previous.map(|p| Credits(p as i64)),
                    })
                })
                .collect()
        });
        r.rows
            .sort_by(|x, y| y.credits.cmp(&x.credits).then_with(|| x.name.cmp(&y.name)));
        r
    }

    pub fn flow_actions(&self, q: &UsageQuery) -> FlowActions {
        let s = self.selection(q);
        let mut r = self.report(q, |span, prev| {
            action_rows(&self.action_totals(&s, span, prev), prev.is_some())
        });
        r.rows.sort_by(|x, y| {
            y.credits
                .cmp(&x.credits)
                .then_with(|| x.action.cmp(&y.action))
        });
        r
    }

    /// What each action of the selected users' flows did, by action (in `ACTIONS` order) and
    /// flow type (in `FLOW_TYPES` order), over `a..b` and the comparison span.
    fn action_totals(
        &self,
        s: &Selection,
        (a, b): (usize, usize),
        prev: Option<(usize, usize)>,
    ) -> Vec<[ActionTotals; 2]> {
        let mut totals = vec![[ActionTotals::default(); 2]; ACTIONS.len()];
        for f in self
            .data
            .flows
            .iter()
            .filter(|f| self.user_selected(s, f.owner))
        {
            let column = FLOW_TYPES
                .iter()
                .position(|t| *t == f.flow_type)
                .expect("every flow type has a column");
            let runs = f.runs.sum(a, b);
            let prev_runs = prev.map_or(0, |(pa, pb)| f.runs.sum(pa, pb));
            for &step in &f.steps {
                let cell = &mut totals[step][column];
                cell.executions += runs;
                if ACTIONS[step].token_metered {
                    let ai = f.ai.as_ref().expect("AI steps have token usage");
                    let cents = ai.cents.sum(a, b);
                    let (input, output) = tokens_for(cents, ai.output_ratio);
                    cell.cents += cents;
                    cell.input_tokens += input;
                    cell.output_tokens += output;
                    cell.previous_cents += prev.map_or(0, |(pa, pb)| ai.cents.sum(pa, pb));
                } else {
                    cell.cents += runs * ACTIONS[step].unit_cents as u64;
                    cell.previous_cents += prev_runs * ACTIONS[step].unit_cents as u64;
                }
            }
        }
        totals
    }

    pub fn ai_pilots(&self, q: &UsageQuery) -> AiPilots {
        let s = self.selection(q);
        let mut r = self.report(q, |(a, b), prev| {
            self.data
                .pilots
                .iter()
                .filter(|p| self.user_selected(&s, p.owner))
                .filter_map(|p| {
                    let cents = p.cents.sum(a, b);
                    let previous = prev.map(|(pa, pb)| p.cents.sum(pa, pb));
                    if cents == 0 && previous.unwrap_or(0) == 0 {
                        return None;
                    }
                    let (input, output) = tokens_for(cents, p.ratio);
                    Some(AiPilotRow {
                        pilot_id: p.id.clone(),
                        name: p.name.clone(),
                        status: p.status.into(),
                        credits: Credits(cents as i64),
                        tokens: Tokens { input, output },
                        previous_credits: previous.map(|v| Credits(v as i64)),
                    })
                })
                .collect()
        });
        r.rows
            .sort_by(|x, y| y.credits.cmp(&x.credits).then_with(|| x.name.cmp(&y.name)));
        r
    }

    pub fn events(&self, range: DateRange) -> CreditEvents {
        let mut events = Vec::new();
        let anchor = self.data.anchor;
        let mut cycle = anchor.cycle_containing(range.from.max(self.data.start));
        if cycle.from < range.from {
            cycle = anchor.cycle_containing(cycle.to + chrono::Days::new(1));
        }
        while cycle.from <= range.to && cycle.from <= self.data.today {
            events.push(CreditEvent {
                id: format!("reset-{}", cycle.from),
                kind: CreditEventKind::CycleReset.into(),
                date: cycle.from,
                at: format!("{}T00:00:00Z", cycle.from),
                credits: self.data.included,
            });
            cycle = anchor.cycle_containing(cycle.to + chrono::Days::new(1));
        }
        for (i, h) in self
            .data
            .history
            .iter()
            .enumerate()
            .filter(|(_, h)| range.contains(h.date))
        {
            events.push(CreditEvent {
                id: format!("hist-{i}"),
                kind: if h.auto {
                    CreditEventKind::AutoRecharge
                } else {
                    CreditEventKind::Purchase
                }
                .into(),
                date: h.date,
                at: format!("{}T15:30:00Z", h.date),
                credits: Credits::from_whole(h.credits as i64),
            });
        }
        for t in self.state.top_ups.iter().filter(|t| range.contains(t.date)) {
            events.push(CreditEvent {
                id: t.id.clone(),
                kind: if t.auto {
                    CreditEventKind::AutoRecharge
                } else {
                    CreditEventKind::Purchase
                }
                .into(),
                date: t.date,
                at: t.at.clone(),
                credits: Credits::from_whole(t.credits as i64),
            });
        }
        events.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.at.cmp(&b.at)));
        CreditEvents { range, events }
    }

    // ---- changes ----

    fn next_id(&mut self, prefix: &str) -> String {
        let id = format!("{prefix}_{}", self.state.next_id);
        self.state.next_id += 1;
        id
    }

    /// `POST /credits/purchases`. The same idempotency key answers the first result again and
    /// never buys twice.
    pub fn purchase(
        &mut self,
        req: &PurchaseRequest,
        key: &str,
        now: &str,
    ) -> Result<PurchaseResult, ApiError> {
        if let Some((_, done)) = self.state.purchases_by_key.iter().find(|(k, _)| k == key) {
            return Ok(done.clone());
        }
        let p = pricing();
        if req.credits < p.min_purchase || req.credits > p.max_purchase {
            return Err(ApiError::Rejected {
                status: 422,
                code: "invalid_amount".into(),
                message: format!(
                    "Purchases must be between {} and {} credits.",
                    p.min_purchase, p.max_purchase
                ),
            });
        }
        let price = crate::domain::pricing::price_of(req.credits, &p);
        let id = self.next_id("pur");
        self.state.top_ups.push(SessionTopUp {
            id: id.clone(),
            date: self.data.today,
            at: now.to_string(),
            credits: req.credits,
            price,
            auto: false,
        });
        let result = PurchaseResult {
            purchase: Purchase {
                id,
                credits: req.credits,
                price,
                currency: p.currency,
                created_at: now.to_string(),
            },
            balance: self.balance(),
        };
        self.state
            .purchases_by_key
            .push((key.to_string(), result.clone()));
        Ok(result)
    }

    pub fn auto_recharge(&self) -> AutoRecharge {
        self.state.auto_recharge.clone()
    }

    /// `PUT /credits/auto-recharge`: validates like the server, then recharges at once when the
    /// balance is already under the new threshold.
    pub fn set_auto_recharge(
        &mut self,
        s: &AutoRechargeSettings,
        now: &str,
    ) -> Result<AutoRecharge, ApiError> {
        if let Err(message) =
            crate::domain::pricing::validate_auto_recharge(s, &pricing(), &|n| n.to_string())
        {
            return Err(ApiError::Rejected {
                status: 422,
                code: "invalid_settings".into(),
                message,
            });
        }
        let ar = &mut self.state.auto_recharge;
        ar.enabled = s.enabled;
        ar.threshold_credits = s.threshold_credits;
        ar.recharge_credits = s.recharge_credits;
        ar.monthly_limit = s.monthly_limit;
        self.run_auto_recharge(now);
        Ok(self.state.auto_recharge.clone())
    }

    /// Tops up while auto-recharge is on, the balance is under the threshold and the month's
    /// limit allows.
    pub fn run_auto_recharge(&mut self, now: &str) {
        let today = self.data.today;
        for _ in 0..20 {
            let ar = self.state.auto_recharge.clone();
            if !ar.enabled {
                return;
            }
            let remaining = self.balance().remaining_credits;
            if remaining >= Credits::from_whole(ar.threshold_credits as i64) {
                return;
            }
            let this_month = self
                .state
                .top_ups
                .iter()
                .filter(|t| {
                    t.auto && t.date.year() == today.year() && t.date.month() == today.month()
                })
                .count() as u32;
            if ar.monthly_limit.is_some_and(|l| this_month >= l) {
                return;
            }
            let id = self.next_id("ar");
            let price = crate::domain::pricing::price_of(ar.recharge_credits, &pricing());
            self.state.top_ups.push(SessionTopUp {
                id,
                date: today,
                at: now.to_string(),
                credits: ar.recharge_credits,
                price,
                auto: true,
            });
        }
    }

    pub fn start_recalculation(&mut self, now: &str) -> RecalcJob {
        let job = RecalcJob {
            job_id: self.next_id("job"),
            status: JobStatus::Queued.into(),
            progress: 0.0,
            started_at: now.to_string(),
            finished_at: None,
            error: None,
        };
        self.state.jobs.push(job.clone());
        job
    }

    /// Each poll moves a job a quarter of the way; on completion the figures are fresh as of now.
    pub fn poll_recalculation(&mut self, job_id: &str, now: &str) -> Result<RecalcJob, ApiError> {
        let job = self
            .state
            .jobs
            .iter_mut()
            .find(|j| j.job_id == job_id)
            .ok_or_else(|| ApiError::NotFound {
                endpoint: format!("/credits/recalculate/{job_id}"),
            })?;
        if matches!(
            job.status.known(),
            Some(JobStatus::Queued | JobStatus::Running)
        ) {
            job.progress = (job.progress + 0.25).min(1.0);
            if job.progress >= 1.0 {
                job.status = JobStatus::Succeeded.into();
                job.finished_at = Some(now.to_string());
                self.state.as_of = now.to_string();
            } else {
                job.status = JobStatus::Running.into();
            }
        }
        Ok(self
            .state
            .jobs
            .iter()
            .find(|j| j.job_id == job_id)
            .cloned()
            .expect("found above"))
    }
}
