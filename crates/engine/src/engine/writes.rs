//! What demo users change: purchases, the auto-recharge rule and recalculations. Each change
//! lives in `MutableState`, which the client keeps for the browser session.

use super::{pricing, Engine, SessionTopUp};
use crate::Refusal;
use chrono::Datelike;
use credit_contract::domain::Credits;
use credit_contract::types::*;

impl Engine {
    fn next_id(&mut self, prefix: &str) -> String {
        let id = format!("{prefix}_{}", self.state.next_id);
        self.state.next_id += 1;
        id
    }

    /// `POST /credits/purchases`. The same idempotency key answers the first result again and
    /// never buys twice.
    pub fn purchase(
        &mut self,
        req: &PurchaseRequest,
        key: &str,
        now: &str,
    ) -> Result<PurchaseResult, Refusal> {
        if let Some((_, done)) = self.state.purchases_by_key.iter().find(|(k, _)| k == key) {
            // The same key for another amount is another order under a reused key (the
            // contract's 409), not the first order asked again.
            if done.purchase.credits != req.credits {
                return Err(Refusal::Rejected {
                    status: 409,
                    code: "idempotency_conflict".into(),
                    message: "This Idempotency-Key was used for a different amount.".into(),
                });
            }
            return Ok(done.clone());
        }
        let p = pricing();
        check_amount(req.credits, &p)?;
        let top_up = self.record_top_up("pur", req.credits, now, false);
        let result = PurchaseResult {
            purchase: Purchase {
                id: top_up.id,
                credits: req.credits,
                price: top_up.price,
                currency: p.currency,
                created_at: now.to_string(),
            },
            balance: self.balance(),
        };
        self.state
            .purchases_by_key
            .push((key.to_string(), result.clone()));
        Ok(result)
    }

    pub fn auto_recharge(&self) -> AutoRecharge {
        self.state.auto_recharge.clone()
    }

    /// `PUT /credits/auto-recharge`: validates like the server, then recharges at once when the
    /// balance is already under the new threshold.
    pub fn set_auto_recharge(
        &mut self,
        s: &AutoRechargeSettings,
        now: &str,
    ) -> Result<AutoRecharge, Refusal> {
        if let Err(message) =
            credit_contract::domain::pricing::validate_auto_recharge(s, &pricing(), &|n| {
                n.to_string()
            })
        {
            return Err(Refusal::Rejected {
                status: 422,
                code: "invalid_settings".into(),
                message,
            });
        }
        let ar = &mut self.state.auto_recharge;
        ar.enabled = s.enabled;
        ar.threshold_credits = s.threshold_credits;
        ar.recharge_credits = s.recharge_credits;
        ar.monthly_limit = s.monthly_limit;
        self.run_auto_recharge(now);
        Ok(self.state.auto_recharge.clone())
    }

    /// Tops up while auto-recharge is on, the balance is under the threshold and the month's
    /// limit allows; at most 20 times in a row, so that no setting makes this loop long.
    pub fn run_auto_recharge(&mut self, now: &str) {
        for _ in 0..20 {
            if !self.auto_recharge_due() {
                return;
            }
            let credits = self.state.auto_recharge.recharge_credits;
            self.record_top_up("ar", credits, now, true);
        }
    }

    fn auto_recharge_due(&self) -> bool {
        let ar = &self.state.auto_recharge;
        let threshold = Credits::from_whole(ar.threshold_credits as i64);
        ar.enabled
            && self.balance().remaining_credits < threshold
            && ar
                .monthly_limit
                .is_none_or(|limit| self.auto_recharges_this_month() < limit)
    }

    fn auto_recharges_this_month(&self) -> u32 {
        let today = self.data.today;
        self.state
            .top_ups
            .iter()
            .filter(|t| t.auto && t.date.year() == today.year() && t.date.month() == today.month())
            .count() as u32
    }

    /// Records a top-up made today at the price list's price.
    fn record_top_up(
        &mut self,
        id_prefix: &str,
        credits: u64,
        now: &str,
        auto: bool,
    ) -> SessionTopUp {
        let top_up = SessionTopUp {
            id: self.next_id(id_prefix),
            date: self.data.today,
            at: now.to_string(),
            credits,
            price: credit_contract::domain::pricing::price_of(credits, &pricing()),
            auto,
        };
        self.state.top_ups.push(top_up.clone());
        top_up
    }

    pub fn start_recalculation(&mut self, now: &str) -> RecalcJob {
        let job = RecalcJob {
            job_id: self.next_id("job"),
            status: JobStatus::Queued.into(),
            progress: 0.0,
            started_at: now.to_string(),
            finished_at: None,
            error: None,
        };
        self.state.jobs.push(job.clone());
        job
    }

    /// Each poll moves a job a quarter of the way; on completion the figures are fresh as of now.
    pub fn poll_recalculation(&mut self, job_id: &str, now: &str) -> Result<RecalcJob, Refusal> {
        let job = self
            .state
            .jobs
            .iter_mut()
            .find(|j| j.job_id == job_id)
            .ok_or_else(|| Refusal::NotFound {
                endpoint: format!("/credits/recalculate/{job_id}"),
            })?;
        if matches!(
            job.status.known(),
            Some(JobStatus::Queued | JobStatus::Running)
        ) {
            job.progress = (job.progress + 0.25).min(1.0);
            if job.progress >= 1.0 {
                job.status = JobStatus::Succeeded.into();
                job.finished_at = Some(now.to_string());
                self.state.as_of = now.to_string();
            } else {
                job.status = JobStatus::Running.into();
            }
        }
        Ok(self
            .state
            .jobs
            .iter()
            .find(|j| j.job_id == job_id)
            .cloned()
            .expect("found above"))
    }
}

/// Refuses an amount outside the price list's limits, as the server does.
fn check_amount(credits: u64, p: &Pricing) -> Result<(), Refusal> {
    if credits < p.min_purchase || credits > p.max_purchase {
        return Err(Refusal::Rejected {
            status: 422,
            code: "invalid_amount".into(),
            message: format!(
                "Purchases must be between {} and {} credits.",
                p.min_purchase, p.max_purchase
            ),
        });
    }
    Ok(())
}
