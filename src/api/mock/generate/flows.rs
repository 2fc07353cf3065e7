//! Flows: their steps, status, owner, daily runs and the tokens of their AI step.

use super::catalogue::ACTIONS;
use super::cumulative::Cum;
use super::names::{FLOW_SUFFIX, FLOW_TOPICS};
use super::rhythm::{noisy, UsageDays};
use crate::api::types::{FlowStatus, FlowType};

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
}

impl FlowDef {
    /// Credits the flow spent over day indexes `from..to`, in hundredths: its runs at the price
    /// of its steps, plus its AI step's tokens.
    pub fn cents(&self, from: usize, to: usize) -> u64 {
        self.runs.sum(from, to) * self.cost_per_run as u64
            + self.ai.as_ref().map_or(0, |ai| ai.cents.sum(from, to))
    }
}

/// `count` flows owned by people among the first `owners`.
pub(super) fn flows(
    rng: &mut fastrand::Rng,
    count: usize,
    owners: usize,
    days: &UsageDays,
) -> Vec<FlowDef> {
    (0..count).map(|i| flow(rng, i, owners, days)).collect()
}

fn flow(rng: &mut fastrand::Rng, i: usize, owners: usize, days: &UsageDays) -> FlowDef {
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
    let steps = steps(rng);
    let cost_per_run: u32 = steps.iter().map(|&s| ACTIONS[s].unit_cents).sum();
    let runs_mean = days.mean(1.5 + rng.f64().powi(3) * 45.0);
    let active_from = days.start_day(rng, 0.3);
    let runs = days.series(rng, runs_mean, active_from);
    let ai = steps
        .iter()
        .copied()
        .find(|&s| ACTIONS[s].token_metered)
        .map(|action| ai_step(rng, action, &runs, days.scale));
    let topic = FLOW_TOPICS[rng.usize(0..FLOW_TOPICS.len())];
    let suffix = FLOW_SUFFIX[rng.usize(0..FLOW_SUFFIX.len())];
    let owner = rng.usize(0..owners);
    FlowDef {
        id: format!("f{}", i + 1),
        name: format!("{topic}{suffix}"),
        flow_type,
        // An account without usage has only drafts.
        status: if days.usage {
            status
        } else {
            FlowStatus::Draft
        },
        owner,
        steps,
        cost_per_run,
        runs: Cum::scaled(&runs, days.scale),
        ai,
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

/// The tokens of a flow's AI step: each run spends 1.5 to 6 credits of them.
fn ai_step(rng: &mut fastrand::Rng, action: usize, runs: &[u32], scale: u64) -> AiStep {
    let per_run = 150.0 + rng.f64() * 450.0;
    let daily: Vec<u32> = runs
        .iter()
        .map(|&r| noisy(rng, r as f64 * per_run).round() as u32)
        .collect();
    AiStep {
        action,
        cents: Cum::scaled(&daily, scale),
        output_ratio: 0.15 + rng.f32() * 0.35,
    }
}
