//! How long the balance lasts at the current rate, and what auto-recharge adds.

use chrono::{Days, NaiveDate};

/// The inputs: the bill cycle, today, what is used and left, and the auto-recharge rule.
#[derive(Clone, Debug, PartialEq)]
pub struct RunoutInput {
    pub cycle_start: NaiveDate,
    pub cycle_end: NaiveDate,
    pub today: NaiveDate,
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

/// Projects the cycle at the current daily rate. Only dates up to the cycle's end are ever
/// computed (checked), so tiny use against a huge balance answers "lasts the cycle" instead of
/// a date past the calendar.
pub fn project(i: &RunoutInput) -> Runout {
    let elapsed = ((i.today - i.cycle_start).num_days() + 1).max(1) as f64;
    let daily_rate = (i.used / elapsed).max(0.0);
    let days_left = (i.cycle_end - i.today).num_days().max(0) as f64;
    let cycle_days_left = days_left as u64;
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
        // `as` saturates; past the cycle's end there is nothing to date.
        let days = (total.max(0.0) / daily_rate).floor() as u64;
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
        let r = project(&input(1000.0, 550.0));
        assert_eq!(r.runs_out_on, Some(d("2026-11-15")));
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
        assert_eq!(r.runs_out_on, Some(d("2026-11-25")));
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
