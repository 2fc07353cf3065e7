//! The account's bill cycles: when they start, how many credits the plan includes, and the
//! purchases of earlier cycles.

use super::cumulative::TeamUsage;
use super::rhythm::UsageDays;
use crate::Scenario;
use chrono::{Datelike, Days, NaiveDate};
use credit_contract::domain::{BillingAnchor, Credits};
use credit_contract::types::ByFeature;

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

/// How many times the usual packs a scenario's account buys.
pub(super) fn pack_scale(scenario: Scenario, days: &UsageDays) -> u64 {
    if scenario == Scenario::Large {
        10
    } else {
        days.scale
    }
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
    let pack_scale = pack_scale(scenario, days);
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

/// Each day's total usage over all teams, in hundredths of a credit.
pub(super) fn daily_totals(teams: &[TeamUsage], days: usize) -> Vec<u64> {
    (0..days)
        .map(|d| {
            let f: ByFeature = teams.iter().map(|t| t.sum(d, d + 1)).sum();
            f.total().hundredths().max(0) as u64
        })
        .collect()
}

/// Walks the ledger's balance as `ledger()` builds it (each cycle starts from its grant; a
/// day's top-ups come before its usage) and asks `on_day` for each day of data what to do with
/// the balance before and the usage of that day; `on_day` returns the usage spent.
fn walk(
    anchor: BillingAnchor,
    start: NaiveDate,
    today: NaiveDate,
    included: Credits,
    history: &[PastTopUp],
    daily: &[u64],
    mut on_day: impl FnMut(NaiveDate, bool, &mut i64, u64) -> u64,
) {
    let mut cycle = anchor.cycle_containing(start);
    loop {
        let current = cycle.contains(today);
        let mut balance = included.hundredths();
        let mut day = cycle.from;
        while day <= cycle.to.min(today) {
            for h in history.iter().filter(|h| h.date == day) {
                balance += h.credits as i64 * 100;
            }
            if day >= start {
                let used = daily[(day - start).num_days() as usize];
                let spent = on_day(day, current, &mut balance, used);
                balance -= spent as i64;
            }
            day = day + Days::new(1);
        }
        if current {
            return;
        }
        cycle = anchor.cycle_containing(cycle.to + Days::new(1));
    }
}

/// The account's admin buys before credits run out: on a morning when the balance would not
/// last two days at that day's use, packs of `pack` credits for about a week's use. The
/// `low-balance` account buys nothing this cycle (that is its point).
pub(super) fn top_up_when_low(
    history: &mut Vec<PastTopUp>,
    scenario: Scenario,
    anchor: BillingAnchor,
    (start, today): (NaiveDate, NaiveDate),
    included: Credits,
    pack: u64,
    daily: &[u64],
) {
    let planned = history.clone();
    let mut bought = Vec::new();
    walk(
        anchor,
        start,
        today,
        included,
        &planned,
        daily,
        |day, current, balance, used| {
            let used_i = used as i64;
            let skip = current && scenario == Scenario::LowBalance;
            if !skip && used > 0 && *balance < 2 * used_i {
                let need = (7 * used_i - *balance).max(1) as u64;
                let per_pack = pack.max(1) * 100;
                let packs = need.div_ceil(per_pack);
                let credits = packs * pack.max(1);
                *balance += credits as i64 * 100;
                bought.push(PastTopUp {
                    date: day,
                    credits,
                    auto: false,
                });
            }
            used
        },
    );
    history.extend(bought);
    history.sort_by_key(|h| h.date);
}

/// The at-limit policy `pause`: the share of each day's usage spent before the balance reached
/// zero (1 for a day that never got there, 0 for a day that started at zero), given the
/// top-ups. Usage resumes when a top-up or the next cycle's grant refills the balance.
pub(super) fn kept_under_pause(
    anchor: BillingAnchor,
    (start, today): (NaiveDate, NaiveDate),
    included: Credits,
    history: &[PastTopUp],
    daily: &[u64],
) -> Vec<f64> {
    let mut kept = vec![1.0; daily.len()];
    walk(
        anchor,
        start,
        today,
        included,
        history,
        daily,
        |day, _, balance, used| {
            let room = (*balance).max(0) as u64;
            if used <= room {
                return used;
            }
            kept[(day - start).num_days() as usize] = room as f64 / used as f64;
            room
        },
    );
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    /// A cycle of the 1st with 100 credits and 30 a day: the fourth day is cut to the 10
    /// left, the fifth to nothing; a top-up of 50 on the sixth lets one more day and two thirds
    /// of the next be spent. The next cycle starts afresh.
    #[test]
    fn pause_cuts_usage_at_zero_until_a_top_up() {
        let daily = vec![3_000u64; 10];
        let top = [PastTopUp {
            date: day(6),
            credits: 50,
            auto: false,
        }];
        let kept = kept_under_pause(
            BillingAnchor::new(1),
            (day(1), day(10)),
            Credits::from_whole(100),
            &top,
            &daily,
        );
        let third = 1.0 / 3.0;
        let want = [1.0, 1.0, 1.0, third, 0.0, 1.0, 2.0 * third, 0.0, 0.0, 0.0];
        for (k, w) in kept.iter().zip(want) {
            assert!((k - w).abs() < 1e-9, "{kept:?}");
        }
    }

    /// Buying when low: the balance never falls below a day's use, and a `low-balance`
    /// account buys nothing in its current cycle.
    #[test]
    fn the_admin_buys_before_running_out() {
        let daily = vec![3_000u64; 10];
        let mut history = Vec::new();
        top_up_when_low(
            &mut history,
            Scenario::Default,
            BillingAnchor::new(1),
            (day(1), day(10)),
            Credits::from_whole(100),
            40,
            &daily,
        );
        // Day 3 starts with 40 (< 60): 210 - 40 = 170 credits needed, five packs of 40.
        assert_eq!(history.len(), 2, "{history:?}");
        assert_eq!((history[0].date, history[0].credits), (day(3), 200));
        let kept = kept_under_pause(
            BillingAnchor::new(1),
            (day(1), day(10)),
            Credits::from_whole(100),
            &history,
            &daily,
        );
        assert!(kept.iter().all(|&k| k == 1.0), "{kept:?}");
        let mut none = Vec::new();
        top_up_when_low(
            &mut none,
            Scenario::LowBalance,
            BillingAnchor::new(1),
            (day(1), day(10)),
            Credits::from_whole(100),
            40,
            &daily,
        );
        assert!(none.is_empty());
    }
}
