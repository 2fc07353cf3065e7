//! How long the balance lasts at the current rate, and what auto-recharge adds.

use chrono::{Days, NaiveDate};

/// The inputs: the bill cycle, today, what is used and left, and the auto-recharge rule.
#[derive(Clone, Debug, PartialEq)]
pub struct RunoutInput {
    pub cycle_start: NaiveDate,
    pub cycle_end: NaiveDate,
    pub today: NaiveDate,
    /// How much of today has passed in the account's zone: 0 at midnight, 1 at its end. Today's
    /// use so far is in `used`, so the rest of today is time still to spend, not a day gone.
    pub day_elapsed: f64,
    pub used: f64,
    pub remaining: f64,
    /// The recharges to expect, when auto-recharge is on.
    pub auto_recharge: Option<RechargePlan>,
}

/// Auto-recharge as the projection sees it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RechargePlan {
    /// A recharge happens when remaining credits fall below this.
    pub threshold: f64,
    /// Credits bought by each recharge.
    pub amount: f64,
    /// Recharges allowed per month, if limited.
    pub monthly_limit: Option<u32>,
    /// What one recharge costs.
    pub price: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Runout {
    /// Credits used per day so far this cycle.
    pub daily_rate: f64,
    /// The day the balance reaches zero at that rate, if before the cycle ends.
    pub runs_out_on: Option<NaiveDate>,
    /// Auto-recharges the rest of the cycle needs, and their cost.
    pub recharges: u32,
    pub recharge_cost: f64,
    /// The monthly limit stops recharges before the cycle ends.
    pub limited: bool,
}

/// Projects the cycle from now at the current daily rate. Only dates up to the cycle's end are
/// ever computed (checked), so tiny use against a huge balance answers "lasts the cycle" instead
/// of a date past the calendar.
pub fn project(i: &RunoutInput) -> Runout {
    let part = if i.day_elapsed.is_finite() {
        i.day_elapsed.clamp(0.0, 1.0)
    } else {
        1.0
    };
    // Days of the cycle gone by now, today's part included; at least one, so the first hours of
    // a cycle do not extrapolate a few minutes' use.
    let elapsed = ((i.today - i.cycle_start).num_days().max(0) as f64 + part).max(1.0);
    let daily_rate = (i.used / elapsed).max(0.0);
    let cycle_days_left = (i.cycle_end - i.today).num_days().max(0) as u64;
    // From now to the end of the cycle's last day.
    let days_left = cycle_days_left as f64 + (1.0 - part);
    let need = daily_rate * days_left;
    let mut recharges = 0u32;
    let mut limited = false;
    let mut balance = i.remaining;
    if let Some(RechargePlan {
        threshold,
        amount,
        monthly_limit: limit,
        ..
    }) = i.auto_recharge
    {
        if amount > 0.0 {
            // Each time the balance falls below the threshold, one recharge adds `amount`.
            let mut left_to_use = need;
            loop {
                let before_trigger = (balance - threshold).max(0.0);
                if left_to_use <= before_trigger {
                    break;
                }
                if limit.is_some_and(|l| recharges >= l) || recharges >= 1000 {
                    limited = true;
                    break;
                }
                left_to_use -= before_trigger;
                balance = threshold.min(balance) + amount;
                recharges += 1;
            }
            if !limited {
                balance = f64::INFINITY;
            }
        }
    }
    let runs_out_on = if daily_rate <= 0.0 || balance == f64::INFINITY {
        None
    } else {
        let total = if recharges > 0 {
            i.remaining + recharges as f64 * i.auto_recharge.map_or(0.0, |a| a.amount)
        } else {
            i.remaining
        };
        // Days from the start of today to the moment it runs out; `as` saturates, and past the
        // cycle's end there is nothing to date.
        let days = (part + total.max(0.0) / daily_rate).floor() as u64;
        if days > cycle_days_left {
            None
        } else {
            i.today
                .checked_add_days(Days::new(days))
                .filter(|d| *d <= i.cycle_end)
        }
    };
    let price = i.auto_recharge.map_or(0.0, |a| a.price);
    Runout {
        daily_rate,
        runs_out_on,
        recharges,
        recharge_cost: (recharges as f64 * price * 100.0).round() / 100.0,
        limited,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dates::fixtures::d;

    fn input(used: f64, remaining: f64) -> RunoutInput {
        RunoutInput {
            cycle_start: d("2026-11-01"),
            cycle_end: d("2026-11-30"),
            today: d("2026-11-10"),
            // The end of Nov 10: ten whole days gone.
            day_elapsed: 1.0,
            used,
            remaining,
            auto_recharge: None,
        }
    }

    #[test]
    fn lasts_the_cycle() {
        let r = project(&input(1000.0, 5000.0));
        assert_eq!(r.daily_rate, 100.0);
        assert_eq!(r.runs_out_on, None);
    }

    #[test]
    fn runs_out_before_the_cycle_ends() {
        // 550 left at the end of Nov 10 at 100 a day: Nov 11 to 15 use 500, it runs out on the
        // 16th (issue 28 item 6: it said the 15th, counting Nov 10 as a day still to spend).
        let r = project(&input(1000.0, 550.0));
        assert_eq!(r.runs_out_on, Some(d("2026-11-16")));
    }

    /// Issue 28 item 6: today's use is counted once. The cases of the issue: 36,477.54 left at
    /// 1,420.41 a day with the cycle's last 25 days ahead lasts the cycle; 4,095.84 left at
    /// 11:43 PM, about 23 hours of use, runs out tomorrow, not today.
    #[test]
    fn today_is_counted_once() {
        let mut i = input(0.0, 36_477.54);
        i.cycle_start = d("2026-12-01");
        i.cycle_end = d("2026-12-31");
        i.today = d("2026-12-06");
        i.day_elapsed = 0.5;
        i.used = 1_420.41 * 5.5;
        let r = project(&i);
        assert!((r.daily_rate - 1_420.41).abs() < 0.01, "{}", r.daily_rate);
        assert_eq!(r.runs_out_on, None);
        i.remaining = 4_095.84;
        i.day_elapsed = (23.0 * 60.0 + 43.0) / 1440.0;
        i.used = 4_250.0 * (5.0 + i.day_elapsed);
        assert_eq!(project(&i).runs_out_on, Some(d("2026-12-07")));
        // At midnight the whole day is ahead.
        i.day_elapsed = 0.0;
        i.used = 4_250.0 * 5.0;
        assert_eq!(project(&i).runs_out_on, Some(d("2026-12-06")));
    }

    #[test]
    fn auto_recharge_counts_recharges_and_cost() {
        let mut i = input(1000.0, 550.0);
        // 20 days left at 100 a day: 2,000 needed. 450 usable before the threshold of 100, then
        // each recharge of 500 lasts 500: 4 recharges (450 + 4 * 500 >= 2000).
        let plan = RechargePlan {
            threshold: 100.0,
            amount: 500.0,
            monthly_limit: None,
            price: 5.0,
        };
        i.auto_recharge = Some(plan);
        let r = project(&i);
        assert_eq!(r.recharges, 4);
        assert_eq!(r.recharge_cost, 20.0);
        assert_eq!(r.runs_out_on, None);
        assert!(!r.limited);
        i.auto_recharge = Some(RechargePlan {
            monthly_limit: Some(2),
            ..plan
        });
        let r = project(&i);
        assert_eq!(r.recharges, 2);
        assert!(r.limited);
        // 550 + 2 * 500 from the end of Nov 10 at 100 a day: 15.5 days, into Nov 26.
        assert_eq!(r.runs_out_on, Some(d("2026-11-26")));
    }

    #[test]
    fn tiny_use_against_a_huge_balance_lasts_the_cycle() {
        let mut i = input(0.01, 1_000_000.0);
        i.today = d("2026-11-01");
        let r = project(&i);
        assert_eq!(r.runs_out_on, None);
        // Even against the largest balance and the calendar's last day.
        i.remaining = f64::MAX;
        i.today = chrono::NaiveDate::MAX;
        i.cycle_start = chrono::NaiveDate::MAX;
        i.cycle_end = chrono::NaiveDate::MAX;
        assert_eq!(project(&i).runs_out_on, None);
    }

    #[test]
    fn no_usage_never_runs_out() {
        let r = project(&input(0.0, 10.0));
        assert_eq!(r.runs_out_on, None);
    }
}
