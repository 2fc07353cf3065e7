//! How busy each day is, and the noisy daily series drawn around it.

use crate::Scenario;
use chrono::{Datelike, Days, NaiveDate, Weekday};

/// The days usage is generated for: how busy each one is, and the scenario's scale.
pub(super) struct UsageDays {
    /// Day index 0.
    start: NaiveDate,
    /// Each day's activity, relative to an ordinary weekday when the data starts.
    factor: Vec<f64>,
    /// False for an account without usage yet: every mean is zero, so every series is.
    pub usage: bool,
    /// Credits (and executions) per generated unit: billions a cycle for `huge`.
    pub scale: u64,
}

impl UsageDays {
    /// Draws one factor per day from `start` to `today`.
    pub fn new(
        rng: &mut fastrand::Rng,
        scenario: Scenario,
        start: NaiveDate,
        today: NaiveDate,
        usage: bool,
    ) -> Self {
        let days = (today - start).num_days() as usize + 1;
        UsageDays {
            start,
            factor: day_factors(rng, start, days, scenario == Scenario::Declining),
            usage,
            scale: if scenario == Scenario::Huge {
                100_000
            } else {
                1
            },
        }
    }

    pub fn count(&self) -> usize {
        self.factor.len()
    }

    /// `mean` on an account with usage; zero on one without.
    pub fn mean(&self, mean: f64) -> f64 {
        if self.usage {
            mean
        } else {
            0.0
        }
    }

    /// The day an entity starts: `share_late` of them on a random day, the others on day 0.
    pub fn start_day(&self, rng: &mut fastrand::Rng, share_late: f64) -> usize {
        if rng.f64() < share_late {
            rng.usize(0..self.count())
        } else {
            0
        }
    }

    pub fn date(&self, day: usize) -> NaiveDate {
        self.start + Days::new(day as u64)
    }

    /// The day something that started on `active_from` stopped: any day after it, up to
    /// today (then it has not run today yet).
    pub fn stop_day(&self, stops: &mut fastrand::Rng, active_from: usize) -> usize {
        let today = self.count() - 1;
        stops.usize((active_from + 1).min(today)..=today)
    }

    /// A noisy daily series around `mean_cents` times each day's factor, zero before
    /// `active_from`.
    pub fn series(&self, rng: &mut fastrand::Rng, mean_cents: f64, active_from: usize) -> Vec<u32> {
        self.factor
            .iter()
            .enumerate()
            .map(|(i, f)| {
                if i < active_from {
                    0
                } else {
                    noisy(rng, mean_cents * f).round() as u32
                }
            })
            .collect()
    }
}

/// Day-of-week rhythm: weekdays busy, weekends quiet.
fn weekday_factor(d: NaiveDate) -> f64 {
    match d.weekday() {
        Weekday::Sat => 0.22,
        Weekday::Sun => 0.15,
        Weekday::Mon => 1.08,
        Weekday::Fri => 0.86,
        _ => 1.0,
    }
}

/// Fraction of today that has happened: usage today is still coming in.
const TODAY_SO_FAR: f64 = 0.45;

fn day_factors(
    rng: &mut fastrand::Rng,
    start: NaiveDate,
    days: usize,
    declining: bool,
) -> Vec<f64> {
    let mut factor = Vec::with_capacity(days);
    for i in 0..days {
        let d = start + Days::new(i as u64);
        let t = i as f64 / days.max(1) as f64;
        // Growth of about 70% over the period (or a steep fall, most of it in the last two
        // months), a holiday dip late in December, spikes.
        let growth = if declining {
            let late = (i + 60).saturating_sub(days) as f64 / 60.0;
            (1.5 - 0.6 * t) * (1.0 - 0.45 * late)
        } else {
            0.65 + 0.7 * t
        };
        let holiday = if d.month() == 12 && d.day() >= 23 || d.month() == 1 && d.day() <= 2 {
            0.35
        } else {
            1.0
        };
        let spike = if rng.f64() < 0.03 {
            2.2 + rng.f64() * 1.5
        } else {
            1.0
        };
        let mut f = growth * holiday * spike * weekday_factor(d);
        if i + 1 == days {
            f *= TODAY_SO_FAR;
        }
        factor.push(f);
    }
    factor
}

/// `mean` with a cheap, skewed noise in [0.55, 1.6): enough to look organic. A zero mean
/// draws nothing.
pub(super) fn noisy(rng: &mut fastrand::Rng, mean: f64) -> f64 {
    if mean <= 0.0 {
        return 0.0;
    }
    mean * (0.55 + rng.f64() * 0.6 + rng.f64() * rng.f64() * 0.45)
}

/// No usage from day index `day` on.
pub(super) fn stop_from(daily: &mut [u32], day: usize) {
    for v in daily.iter_mut().skip(day) {
        *v = 0;
    }
}
