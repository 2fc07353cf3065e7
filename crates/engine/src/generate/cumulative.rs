//! Usage as cumulative daily sums, so that the total of any range of days is one subtraction.

use credit_contract::domain::Credits;
use credit_contract::types::ByFeature;

/// Cumulative daily sums: `cum[i]` is the total of days `0..i`, in units of `scale`.
#[derive(Clone, Debug, Default)]
pub struct Cum(Vec<u32>, u64);

impl Cum {
    pub fn from_daily(daily: &[u32]) -> Self {
        Self::scaled(daily, 1)
    }

    /// Every day counts `scale` times (the `huge` scenario's billions, without u64 storage).
    pub fn scaled(daily: &[u32], scale: u64) -> Self {
        let mut cum = Vec::with_capacity(daily.len() + 1);
        let mut acc = 0u32;
        cum.push(0);
        for &v in daily {
            acc = acc.checked_add(v).expect("entity totals fit in u32");
            cum.push(acc);
        }
        Cum(cum, scale)
    }

    /// Sum of day indexes `from..to` (end excluded); indexes are clamped to the data.
    pub fn sum(&self, from: usize, to: usize) -> u64 {
        if self.0.is_empty() {
            return 0;
        }
        let last = self.0.len() - 1;
        let (a, b) = (from.min(last), to.min(last));
        if a >= b {
            0
        } else {
            (self.0[b] - self.0[a]) as u64 * self.1
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.last().is_none_or(|&v| v == 0)
    }

    /// Keeps of each day only the share `kept[day]` (1 where `kept` ends), rounded down, so
    /// that a day cut short spends no more than the balance it had (the at-limit pause).
    pub fn keep_share(&mut self, kept: &[f64]) {
        let mut acc = 0u32;
        let mut before = 0u32;
        for (i, v) in self.0.iter_mut().enumerate().skip(1) {
            let daily = *v - before;
            before = *v;
            let share = kept.get(i - 1).copied().unwrap_or(1.0);
            acc += if share >= 1.0 {
                daily
            } else {
                (daily as f64 * share.max(0.0)).floor() as u32
            };
            *v = acc;
        }
    }
}

/// Cumulative sums that may exceed u32 (team totals).
#[derive(Clone, Debug, Default)]
pub struct Cum64(Vec<u64>);

impl Cum64 {
    pub fn from_daily(daily: &[u64]) -> Self {
        let mut cum = Vec::with_capacity(daily.len() + 1);
        let mut acc = 0u64;
        cum.push(0);
        for &v in daily {
            acc += v;
            cum.push(acc);
        }
        Cum64(cum)
    }

    pub fn sum(&self, from: usize, to: usize) -> u64 {
        let last = self.0.len() - 1;
        let (a, b) = (from.min(last), to.min(last));
        if a >= b {
            0
        } else {
            self.0[b] - self.0[a]
        }
    }
}

/// One team's usage per feature, as cumulative daily sums (in hundredths of a credit).
#[derive(Clone, Debug, Default)]
pub struct TeamUsage {
    pub smart_flows: Cum64,
    pub ai_copilot: Cum64,
    pub ai_pilots: Cum64,
}

impl TeamUsage {
    /// Credits per feature over day indexes `from..to`.
    pub fn sum(&self, from: usize, to: usize) -> ByFeature {
        let credits = |c: &Cum64| Credits(c.sum(from, to) as i64);
        ByFeature {
            smart_flows: credits(&self.smart_flows),
            ai_copilot: credits(&self.ai_copilot),
            ai_pilots: credits(&self.ai_pilots),
        }
    }
}
