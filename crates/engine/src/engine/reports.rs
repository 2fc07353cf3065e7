//! The usage reports: summary, time series, the four tables and the credit events, each for
//! a query's range, teams and users, with the comparison range when asked.

use super::paging::{totals, Row};
use super::{Engine, Selection};
use crate::generate::{tokens_for, ACTIONS};
use credit_contract::domain::{buckets, comparison_to_date, Credits, DateRange, Frequency};
use credit_contract::types::*;

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

impl Engine {
    /// The users a selection names, when it names any (else every team's totals apply).
    fn named_users(&self, s: &Selection) -> Option<Vec<usize>> {
        s.users.as_ref()?;
        Some(
            (0..self.data.users.len())
                .filter(|&u| self.user_selected(s, u))
                .collect(),
        )
    }

    /// Runs `row` for the query range and, when asked, the comparison range.
    /// Every row in one answer, with their count and totals (see [`super::paging::page`]).
    fn report<R: Row>(
        &self,
        q: &UsageQuery,
        rows: impl Fn((usize, usize), Option<(usize, usize)>) -> Vec<R>,
    ) -> Report<R> {
        let comparison = comparison_to_date(q.range, q.compare, self.data.anchor, self.data.today);
        let rows = rows(self.span(q.range), comparison.map(|c| self.span(c)));
        Report {
            total_rows: Some(rows.len() as u64),
            totals: Some(totals(&rows, comparison.is_some())),
            ..Report::whole(q.range, comparison, rows)
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
            outside: None,
        }
    }

    pub fn copilot_users(&self, q: &UsageQuery) -> CopilotUsers {
        let s = self.selection(q);
        let mut r = self.report(q, |(a, b), prev| {
            (0..self.data.users.len())
                .filter(|&u| self.user_selected(&s, u))
                .filter_map(|u| {
                    let c = &self.data.copilot[u];
                    let cents = c.cents.sum(a, b);
                    let previous = prev.map(|(pa, pb)| c.cents.sum(pa, pb));
                    if cents == 0 && previous.unwrap_or(0) == 0 {
                        return None;
                    }
                    let user = &self.data.users[u];
                    let team = &self.data.teams[self.data.user_team[u]];
                    let (input, output) = tokens_for(cents, c.output_ratio);
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
                        stopped_on: f.stopped_on,
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
            action_rows(
                &self.action_totals(&s, q.flow.as_deref(), span, prev),
                prev.is_some(),
            )
        });
        r.rows.sort_by(|x, y| {
            y.credits
                .cmp(&x.credits)
                .then_with(|| x.action.cmp(&y.action))
        });
        r
    }

    /// What each action of the selected users' flows (of `flow` alone, when given) did, by
    /// action (in `ACTIONS` order) and flow type (in `FLOW_TYPES` order), over `a..b` and the
    /// comparison span.
    fn action_totals(
        &self,
        s: &Selection,
        flow: Option<&str>,
        (a, b): (usize, usize),
        prev: Option<(usize, usize)>,
    ) -> Vec<[ActionTotals; 2]> {
        let mut totals = vec![[ActionTotals::default(); 2]; ACTIONS.len()];
        for f in self
            .data
            .flows
            .iter()
            .filter(|f| self.user_selected(s, f.owner))
            .filter(|f| flow.is_none_or(|id| f.id == id))
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
                        stopped_on: p.stopped_on,
                    })
                })
                .collect()
        });
        r.rows
            .sort_by(|x, y| y.credits.cmp(&x.credits).then_with(|| x.name.cmp(&y.name)));
        r
    }

    /// Cycle resets, past top-ups and this session's, by date and time.
    pub fn events(&self, range: DateRange) -> CreditEvents {
        let mut events = self.cycle_resets(range);
        events.extend(self.past_top_up_events(range));
        events.extend(self.session_top_up_events(range));
        events.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.at.cmp(&b.at)));
        CreditEvents { range, events }
    }

    /// The start of every cycle within `range` that has begun by today (and since the data
    /// starts): the plan's credits arrive.
    fn cycle_resets(&self, range: DateRange) -> Vec<CreditEvent> {
        let anchor = self.data.anchor;
        let next = |cycle: DateRange| anchor.cycle_containing(cycle.to + chrono::Days::new(1));
        let mut cycle = anchor.cycle_containing(range.from.max(self.data.start));
        if cycle.from < range.from {
            cycle = next(cycle);
        }
        let mut resets = Vec::new();
        while cycle.from <= range.to && cycle.from <= self.data.today {
            resets.push(CreditEvent {
                id: format!("reset-{}", cycle.from),
                kind: CreditEventKind::CycleReset.into(),
                date: cycle.from,
                at: format!("{}T00:00:00Z", cycle.from),
                credits: self.data.included,
            });
            cycle = next(cycle);
        }
        resets
    }

    /// The generated account's earlier purchases within `range`.
    fn past_top_up_events(&self, range: DateRange) -> impl Iterator<Item = CreditEvent> + '_ {
        let history = self.data.history.iter().enumerate();
        history
            .filter(move |(_, h)| range.contains(h.date))
            .map(|(i, h)| CreditEvent {
                id: format!("hist-{i}"),
                kind: top_up_kind(h.auto).into(),
                date: h.date,
                at: format!("{}T15:30:00Z", h.date),
                credits: Credits::from_whole(h.credits as i64),
            })
    }

    /// What this session bought or recharged within `range`.
    fn session_top_up_events(&self, range: DateRange) -> impl Iterator<Item = CreditEvent> + '_ {
        let top_ups = self.state.top_ups.iter();
        top_ups
            .filter(move |t| range.contains(t.date))
            .map(|t| CreditEvent {
                id: t.id.clone(),
                kind: top_up_kind(t.auto).into(),
                date: t.date,
                at: t.at.clone(),
                credits: Credits::from_whole(t.credits as i64),
            })
    }
}

fn top_up_kind(auto: bool) -> CreditEventKind {
    if auto {
        CreditEventKind::AutoRecharge
    } else {
        CreditEventKind::Purchase
    }
}
