//! How long the balance lasts at the current rate, and what auto-recharge adds.

use chrono::{Datelike, Days, NaiveDate};

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
    /// The last four weeks' pace; `None` projects this cycle's average so far.
    pub pace: Option<Pace>,
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

/// Credits a day on weekdays and on weekend days: the last four weeks' pace (DESIGN 14).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pace {
    pub weekday: f64,
    pub weekend: f64,
}

impl Pace {
    /// The pace of the 28 days before `today` from each day's usage; `None` unless every one of
    /// those days is known (an account younger than four weeks, or a short answer, has none).
    pub fn of_last_four_weeks(today: NaiveDate, days: &[(NaiveDate, f64)]) -> Option<Pace> {
        let first = today.checked_sub_days(Days::new(28))?;
        let mut seen = [false; 28];
        let (mut weekday, mut weekend) = (0.0, 0.0);
        for &(day, used) in days {
            if day < first || day >= today || !used.is_finite() {
                continue;
            }
            let i = (day - first).num_days() as usize;
            if std::mem::replace(&mut seen[i], true) {
                continue;
            }
            if is_weekend(day) {
                weekend += used.max(0.0);
            } else {
                weekday += used.max(0.0);
            }
        }
        // Four weeks: 20 weekdays and 8 weekend days.
        seen.iter().all(|&s| s).then_some(Pace {
            weekday: weekday / 20.0,
            weekend: weekend / 8.0,
        })
    }

    pub fn on(&self, day: NaiveDate) -> f64 {
        if is_weekend(day) {
            self.weekend
        } else {
            self.weekday
        }
    }
}

fn is_weekend(day: NaiveDate) -> bool {
    matches!(day.weekday(), chrono::Weekday::Sat | chrono::Weekday::Sun)
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
    /// The day of each of those recharges.
    pub recharge_dates: Vec<NaiveDate>,
    /// The monthly limit stops recharges before the cycle ends.
    pub limited: bool,
}

/// Projects the rest of the cycle from now, day by day: each day at `pace` when it is given
/// (the last four weeks' weekday and weekend pace), else at this cycle's average so far. Today
/// counts only for the part still ahead. Each time the balance falls below the auto-recharge
/// threshold a recharge adds its credits, dated the day it happens, until the monthly limit.
/// Only the cycle's own days are visited, so tiny use against a huge balance answers "lasts the
/// cycle" without walking the calendar.
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
    let pace = i.pace.unwrap_or(Pace {
        weekday: daily_rate,
        weekend: daily_rate,
    });
    let plan = i.auto_recharge.filter(|a| a.amount > 0.0);
    let mut balance = i.remaining;
    let mut recharge_dates = Vec::new();
    let mut limited = false;
    let mut runs_out_on = None;
    let mut day = i.today;
    while day <= i.cycle_end && runs_out_on.is_none() {
        let share = if day == i.today { 1.0 - part } else { 1.0 };
        let mut to_use = (pace.on(day) * share).max(0.0);
        if let Some(RechargePlan {
            threshold,
            amount,
            monthly_limit,
            ..
        }) = plan
        {
            // Each time the balance falls below the threshold, one recharge adds `amount`.
            loop {
                let before_trigger = (balance - threshold).max(0.0);
                if limited || to_use <= before_trigger {
                    break;
                }
                if monthly_limit.is_some_and(|l| recharge_dates.len() as u32 >= l)
                    || recharge_dates.len() >= 1000
                {
                    limited = true;
                    break;
                }
                to_use -= before_trigger;
                balance = threshold.min(balance) + amount;
                recharge_dates.push(day);
            }
        }
        if to_use > 0.0 && to_use > balance {
            runs_out_on = Some(day);
        }
        balance -= to_use;
        day = match day.checked_add_days(Days::new(1)) {
            Some(next) => next,
            None => break,
        };
    }
    let price = i.auto_recharge.map_or(0.0, |a| a.price);
    let recharges = recharge_dates.len() as u32;
    Runout {
        daily_rate,
        runs_out_on,
        recharges,
        recharge_cost: (recharges as f64 * price * 100.0).round() / 100.0,
        recharge_dates,
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
            pace: None,
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

    /// Issue 28 item 6: the last four weeks' weekday and weekend pace, not a flat average that
    /// dilutes weekday use with weekends; and each expected auto-recharge with its date.
    #[test]
    fn weekday_and_weekend_pace_with_dated_recharges() {
        // Nov 10, 2026 is a Tuesday. Four weeks before it: 1,000 a weekday, 100 a weekend day.
        let today = d("2026-11-10");
        let days: Vec<(NaiveDate, f64)> = (1..=28)
            .map(|k| {
                let day = today - Days::new(k);
                (day, if is_weekend(day) { 100.0 } else { 1000.0 })
            })
            .collect();
        let pace = Pace::of_last_four_weeks(today, &days).unwrap();
        assert_eq!(
            pace,
            Pace {
                weekday: 1000.0,
                weekend: 100.0
            }
        );
        // A day missing, or only three weeks known: no pace.
        assert_eq!(Pace::of_last_four_weeks(today, &days[1..]), None);
        assert_eq!(Pace::of_last_four_weeks(today, &days[..21]), None);
        // 4,500 left at the end of Tuesday: Wed-Fri use 3,000, Sat-Sun 200, Monday 1,000
        // (4,200), and Tuesday Nov 17 runs it out. The cycle's flat average (800 a day) would
        // say Nov 16.
        let mut i = input(8_000.0, 4_500.0);
        assert_eq!(project(&i).runs_out_on, Some(d("2026-11-16")));
        i.pace = Some(pace);
        let r = project(&i);
        assert_eq!(r.runs_out_on, Some(d("2026-11-17")));
        // With auto-recharge of 2,000 below 500: the dates it happens on, in order.
        i.auto_recharge = Some(RechargePlan {
            threshold: 500.0,
            amount: 2_000.0,
            monthly_limit: None,
            price: 18.0,
        });
        let r = project(&i);
        assert_eq!(r.runs_out_on, None);
        assert_eq!(r.recharges as usize, r.recharge_dates.len());
        // 4,000 usable before the first: Wed-Fri 3,000, Sat-Sun 200, Monday's 800 of 1,000.
        assert_eq!(r.recharge_dates[0], d("2026-11-16"));
        assert!(r.recharge_dates.windows(2).all(|w| w[0] <= w[1]));
        assert_eq!(r.recharge_cost, r.recharges as f64 * 18.0);
        // Nov 11-30 at this pace: 14 weekdays and 6 weekend days, 14,600 credits; 4,000 before
        // the first recharge, then 2,000 each: six recharges.
        assert_eq!(r.recharges, 6);
    }
}
