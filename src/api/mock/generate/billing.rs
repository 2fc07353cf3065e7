//! The account's bill cycles: when they start, how many credits the plan includes, and the
//! purchases of earlier cycles.

use super::cumulative::TeamUsage;
use super::rhythm::UsageDays;
use crate::api::mock::Scenario;
use crate::api::types::ByFeature;
use crate::domain::{BillingAnchor, Credits};
use chrono::{Datelike, Days, NaiveDate};

/// A past purchase or auto-recharge.
#[derive(Clone, Debug)]
pub struct PastTopUp {
    pub date: NaiveDate,
    pub credits: u64,
    pub auto: bool,
}

/// The day of the month cycles start on: a drawn one, or one that puts today where the
/// scenario needs it.
pub(super) fn anchor(
    rng: &mut fastrand::Rng,
    scenario: Scenario,
    today: NaiveDate,
) -> BillingAnchor {
    let day = match scenario {
        Scenario::NewAccount => (today - Days::new(2)).day(),
        // Late in the cycle, so that most of it is spent.
        Scenario::LowBalance | Scenario::FirstCycle => (today - Days::new(22)).day().min(28),
        _ => 1 + rng.u32(0..28),
    };
    BillingAnchor::new(day)
}

/// The first day of data: `days` before today, or the first day of the current cycle for an
/// account that opened then.
pub(super) fn first_day(
    scenario: Scenario,
    anchor: BillingAnchor,
    today: NaiveDate,
    days: u64,
) -> NaiveDate {
    match scenario {
        Scenario::FirstCycle => anchor.cycle_containing(today).from,
        _ => today - Days::new(days - 1),
    }
}

/// The plan includes a round amount near a typical cycle's usage (a small one for a new
/// account; for `low-balance`, enough that about 4% of this cycle's credits remain).
pub(super) fn included_credits(
    scenario: Scenario,
    teams: &[TeamUsage],
    anchor: BillingAnchor,
    start: NaiveDate,
    today: NaiveDate,
) -> Credits {
    let days = (today - start).num_days() as usize + 1;
    let used_whole = |from: usize| -> u64 {
        let all: ByFeature = teams.iter().map(|t| t.sum(from, days)).sum();
        all.total().hundredths() as u64 / 100
    };
    let whole = match scenario {
        Scenario::NewAccount => 5_000,
        Scenario::LowBalance => {
            let cycle = anchor.cycle_containing(today);
            let used = used_whole((cycle.from - start).num_days() as usize);
            ((used as f64 / 0.96 / 100.0).ceil() as i64).max(1) * 100
        }
        _ => {
            let typical_cycle = used_whole(days.saturating_sub(30));
            ((typical_cycle as f64 * 0.8 / 5000.0).round() as i64).max(1) * 5000
        }
    };
    Credits::from_whole(whole)
}

/// Earlier cycles needed top-ups now and then: about every other cycle, mid-cycle. The
/// `low-balance` account bought nothing this cycle.
pub(super) fn past_top_ups(
    rng: &mut fastrand::Rng,
    scenario: Scenario,
    anchor: BillingAnchor,
    start: NaiveDate,
    today: NaiveDate,
    days: &UsageDays,
) -> Vec<PastTopUp> {
    let mut history = Vec::new();
    if !days.usage {
        return history;
    }
    let pack_scale = if scenario == Scenario::Large {
        10
    } else {
        days.scale
    };
    let mut cycle = anchor.cycle_containing(start);
    loop {
        let mid = cycle.from + Days::new(9 + rng.u64(0..8));
        if mid > today {
            break;
        }
        if rng.f64() < 0.55 {
            history.push(PastTopUp {
                date: mid,
                credits: [2_000u64, 5_000, 10_000][rng.usize(0..3)] * pack_scale,
                auto: false,
            });
        }
        cycle = anchor.cycle_containing(cycle.to + Days::new(1));
    }
    if scenario == Scenario::LowBalance {
        let current = anchor.cycle_containing(today);
        history.retain(|h| h.date < current.from);
    }
    history
}
