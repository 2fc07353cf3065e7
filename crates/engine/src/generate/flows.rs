//! Flows: their steps, status, owner, daily runs and the tokens of their AI step.

use super::catalogue::ACTIONS;
use super::cumulative::Cum;
use super::names::{unique_flow, FLOW_SUFFIX, FLOW_TOPICS};
use super::rhythm::{noisy, stop_from, UsageDays};
use chrono::NaiveDate;
use credit_contract::types::{FlowStatus, FlowType};
use std::collections::HashSet;

/// The token-metered AI step of a flow and what its tokens cost.
pub struct AiStep {
    /// The step's index in `ACTIONS`.
    pub action: usize,
    /// Credits spent on tokens, in hundredths.
    pub cents: Cum,
    /// Output tokens per input token.
    pub output_ratio: f32,
}

pub struct FlowDef {
    pub id: String,
    pub name: String,
    pub flow_type: FlowType,
    pub status: FlowStatus,
    pub owner: usize,
    pub steps: Vec<usize>,
    pub cost_per_run: u32,
    pub runs: Cum,
    pub ai: Option<AiStep>,
    /// The day an archived flow stopped running: it has no runs from then on.
    pub stopped_on: Option<NaiveDate>,
}

impl FlowDef {
    /// Credits the flow spent over day indexes `from..to`, in hundredths: its runs at the price
    /// of its steps, plus its AI step's tokens.
    pub fn cents(&self, from: usize, to: usize) -> u64 {
        self.runs.sum(from, to) * self.cost_per_run as u64
            + self.ai.as_ref().map_or(0, |ai| ai.cents.sum(from, to))
    }
}

/// `count` flows with different names, owned by people among the first `owners`. `stops`
/// draws the day each archived flow stopped: a sequence of its own, so that the figures of
/// every other flow stay those of the same seed before flows could stop.
pub(super) fn flows(
    rng: &mut fastrand::Rng,
    stops: &mut fastrand::Rng,
    count: usize,
    owners: usize,
    days: &UsageDays,
) -> Vec<FlowDef> {
    let mut taken = HashSet::new();
    (0..count)
        .map(|i| flow(rng, stops, i, owners, days, &mut taken))
        .collect()
}

fn flow(
    rng: &mut fastrand::Rng,
    stops: &mut fastrand::Rng,
    i: usize,
    owners: usize,
    days: &UsageDays,
    taken: &mut HashSet<String>,
) -> FlowDef {
    let flow_type = if rng.f64() < 0.7 {
        FlowType::SmartFlow
    } else {
        FlowType::ExecutionFlow
    };
    let status = match rng.u32(0..20) {
        0..=14 => FlowStatus::Active,
        15..=17 => FlowStatus::Paused,
        18 => FlowStatus::Draft,
        _ => FlowStatus::Archived,
    };
    // An account without usage has only drafts.
    let status = if days.usage {
        status
    } else {
        FlowStatus::Draft
    };
    let steps = steps(rng);
    let cost_per_run: u32 = steps.iter().map(|&s| ACTIONS[s].unit_cents).sum();
    let runs_mean = days.mean(1.5 + rng.f64().powi(3) * 45.0);
    let active_from = days.start_day(rng, 0.3);
    let mut runs = days.series(rng, runs_mean, active_from);
    let mut ai = steps
        .iter()
        .copied()
        .find(|&s| ACTIONS[s].token_metered)
        .map(|action| ai_step(rng, action, &runs));
    let topic = rng.usize(0..FLOW_TOPICS.len());
    let suffix = rng.usize(0..FLOW_SUFFIX.len());
    let owner = rng.usize(0..owners);
    let stop_day = (status == FlowStatus::Archived).then(|| days.stop_day(stops, active_from));
    silence(status, stop_day, &mut runs, ai.as_mut());
    FlowDef {
        id: format!("f{}", i + 1),
        name: unique_flow(topic, suffix, taken),
        flow_type,
        status,
        owner,
        steps,
        cost_per_run,
        runs: Cum::scaled(&runs, days.scale),
        ai: ai.map(|ai| ai.into_step(days.scale)),
        stopped_on: stop_day.map(|day| days.date(day)),
    }
}

/// A draft never ran; an archived flow ran until `stop_day`. Their usage was drawn in full all
/// the same, so that the random sequence of the flows after them stays the same.
fn silence(
    status: FlowStatus,
    stop_day: Option<usize>,
    runs: &mut [u32],
    ai: Option<&mut DrawnAiStep>,
) {
    let silent_from = if status == FlowStatus::Draft {
        Some(0)
    } else {
        stop_day
    };
    if let Some(day) = silent_from {
        stop_from(runs, day);
        if let Some(ai) = ai {
            stop_from(&mut ai.daily, day);
        }
    }
}

/// A trigger, sometimes a condition, one to three paid actions, and in about 30% of flows an AI
/// step last (indexes into `ACTIONS`).
fn steps(rng: &mut fastrand::Rng) -> Vec<usize> {
    let mut steps = vec![if rng.bool() { 0 } else { 1 }];
    if rng.f64() < 0.5 {
        steps.push(2);
    }
    let paid = 1 + rng.usize(0..3);
    for _ in 0..paid {
        let a = 3 + rng.usize(0..7);
        if !steps.contains(&a) {
            steps.push(a);
        }
    }
    if rng.f64() < 0.3 {
        steps.push(10 + rng.usize(0..3));
    }
    steps
}

/// The daily token spend of a flow's AI step, before it is summed.
struct DrawnAiStep {
    action: usize,
    daily: Vec<u32>,
    output_ratio: f32,
}

impl DrawnAiStep {
    fn into_step(self, scale: u64) -> AiStep {
        AiStep {
            action: self.action,
            cents: Cum::scaled(&self.daily, scale),
            output_ratio: self.output_ratio,
        }
    }
}

/// The tokens of a flow's AI step: each run spends 1.5 to 6 credits of them.
fn ai_step(rng: &mut fastrand::Rng, action: usize, runs: &[u32]) -> DrawnAiStep {
    let per_run = 150.0 + rng.f64() * 450.0;
    let daily: Vec<u32> = runs
        .iter()
        .map(|&r| noisy(rng, r as f64 * per_run).round() as u32)
        .collect();
    DrawnAiStep {
        action,
        daily,
        output_ratio: 0.15 + rng.f32() * 0.35,
    }
}
