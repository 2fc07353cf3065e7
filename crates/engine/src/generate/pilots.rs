//! AI Pilots: their status, owner and daily token spend.

use super::cumulative::Cum;
use super::names::PILOT_NAMES;
use super::rhythm::{stop_from, UsageDays};
use chrono::NaiveDate;
use credit_contract::types::PilotStatus;

pub struct PilotDef {
    pub id: String,
    pub name: String,
    pub status: PilotStatus,
    pub owner: usize,
    /// Credits spent on tokens, in hundredths.
    pub cents: Cum,
    /// Output tokens per input token.
    pub ratio: f32,
    /// The day a disabled pilot stopped: it spends nothing from then on.
    pub stopped_on: Option<NaiveDate>,
}

/// `count` pilots owned by people among the first `owners`. `stops` draws the day each
/// disabled pilot stopped (see `flows::flows`).
pub(super) fn pilots(
    rng: &mut fastrand::Rng,
    stops: &mut fastrand::Rng,
    count: usize,
    owners: usize,
    days: &UsageDays,
) -> Vec<PilotDef> {
    (0..count)
        .map(|i| pilot(rng, stops, i, owners, days))
        .collect()
}

fn pilot(
    rng: &mut fastrand::Rng,
    stops: &mut fastrand::Rng,
    i: usize,
    owners: usize,
    days: &UsageDays,
) -> PilotDef {
    let base = PILOT_NAMES[i % PILOT_NAMES.len()];
    let name = if i < PILOT_NAMES.len() {
        base.to_string()
    } else {
        format!("{base} #{}", i / PILOT_NAMES.len() + 1)
    };
    let status = match rng.u32(0..10) {
        0..=6 => PilotStatus::Active,
        7..=8 => PilotStatus::Paused,
        _ => PilotStatus::Disabled,
    };
    let mean = days.mean(2500.0 + rng.f64().powi(2) * 22000.0);
    let active_from = days.start_day(rng, 0.35);
    let mut daily = days.series(rng, mean, active_from);
    let owner = rng.usize(0..owners);
    let ratio = 0.25 + rng.f32() * 0.5;
    // An account without usage has set its pilots up but not started them.
    let status = if days.usage {
        status
    } else {
        PilotStatus::Paused
    };
    let stop_day = (status == PilotStatus::Disabled).then(|| days.stop_day(stops, active_from));
    if let Some(day) = stop_day {
        stop_from(&mut daily, day);
    }
    PilotDef {
        id: format!("p{}", i + 1),
        name,
        status,
        owner,
        cents: Cum::scaled(&daily, days.scale),
        ratio,
        stopped_on: stop_day.map(|day| days.date(day)),
    }
}
