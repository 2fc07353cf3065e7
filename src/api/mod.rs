//! The one seam between widgets and data: `UsageApi`, answered by the HTTP service or by the
//! in-browser mock. Widgets never know which.

pub mod config;
pub mod demo;
pub mod error;
pub mod http;
mod json_path;
pub mod types;

use demo::{Endpoint, MockClient};
pub use error::ApiError;
use gloo_net::http::Method;
use http::HttpClient;
use serde::de::DeserializeOwned;
use types::*;

use crate::domain::{DateRange, Frequency, Keyed};

#[derive(Clone)]
pub enum UsageApi {
    Http(HttpClient),
    Mock(MockClient),
}

type Res<T> = Result<T, ApiError>;

/// Paths of the contract the dashboard's first requests use (also started early, see
/// [`UsageApi::prefetch_dashboard`]).
mod paths {
    pub const DIRECTORY: &str = "/directory";
    pub const BALANCE: &str = "/credits/balance";
    pub const AUTO_RECHARGE: &str = "/credits/auto-recharge";
    pub const PRICING: &str = "/credits/pricing";
    pub const SUMMARY: &str = "/credits/usage/summary";
    pub const TIMESERIES: &str = "/credits/usage/timeseries";
    pub const COPILOT_USERS: &str = "/credits/usage/copilot-users";
    pub const FLOWS: &str = "/credits/usage/flows";
    pub const FLOW_ACTIONS: &str = "/credits/usage/flow-actions";
    pub const AI_PILOTS: &str = "/credits/usage/ai-pilots";
    pub const EVENTS: &str = "/credits/events";
    pub const HISTORY: &str = "/credits/history";
    pub const ALERTS: &str = "/credits/alerts";
}

fn timeseries_params(q: &UsageQuery, frequency: Frequency) -> Vec<(&'static str, String)> {
    let mut p = q.params();
    p.push(("frequency", frequency.key().to_string()));
    p
}

fn events_params(range: DateRange) -> Vec<(&'static str, String)> {
    vec![
        ("from", range.from.to_string()),
        ("to", range.to.to_string()),
    ]
}

impl UsageApi {
    pub fn is_mock(&self) -> bool {
        matches!(self, UsageApi::Mock(_))
    }

    /// Starts the dashboard's first requests now, over HTTP, without waiting for the account:
    /// what needs no filters always, and the usage reports of `usage` (the dashboard's filters
    /// as far as they can be known before the account) when given. The widgets then take these
    /// answers instead of asking again, so a page shows after one round trip, not two.
    pub fn prefetch_dashboard(&self, usage: Option<&UsageQuery>) {
        let UsageApi::Http(h) = self else {
            return;
        };
        for path in [
            paths::DIRECTORY,
            paths::BALANCE,
            paths::AUTO_RECHARGE,
            paths::PRICING,
        ] {
            h.prefetch(path, &[]);
        }
        let Some(q) = usage else {
            return;
        };
        let p = q.params();
        for path in [
            paths::SUMMARY,
            paths::COPILOT_USERS,
            paths::FLOWS,
            paths::FLOW_ACTIONS,
            paths::AI_PILOTS,
        ] {
            h.prefetch(path, &p);
        }
        h.prefetch(paths::TIMESERIES, &timeseries_params(q, Frequency::Day));
        h.prefetch(paths::EVENTS, &events_params(q.range));
    }

    /// The same seam, telling `f` whenever a call finds the session ended.
    pub fn on_unauthorized(self, f: impl Fn() + 'static) -> Self {
        match self {
            UsageApi::Http(h) => UsageApi::Http(h.on_unauthorized(f)),
            mock => mock,
        }
    }

    async fn get<T: DeserializeOwned>(
        h: &HttpClient,
        path: &str,
        params: &[(&str, String)],
    ) -> Res<T> {
        h.send::<T, ()>(Method::GET, path, params, None, &[]).await
    }

    pub async fn account(&self) -> Res<Account> {
        match self {
            UsageApi::Http(h) => Self::get(h, "/account", &[]).await,
            UsageApi::Mock(m) => {
                m.call(Endpoint::Account, false, |e, _| Ok(e.account()))
                    .await
            }
        }
    }

    pub async fn directory(&self) -> Res<Directory> {
        match self {
            UsageApi::Http(h) => Self::get(h, paths::DIRECTORY, &[]).await,
            UsageApi::Mock(m) => {
                m.call(Endpoint::Directory, false, |e, _| Ok(e.directory()))
                    .await
            }
        }
    }

    pub async fn balance(&self) -> Res<Balance> {
        match self {
            UsageApi::Http(h) => Self::get(h, paths::BALANCE, &[]).await,
            UsageApi::Mock(m) => {
                m.call(Endpoint::Balance, false, |e, _| Ok(e.balance()))
                    .await
            }
        }
    }

    pub async fn summary(&self, q: &UsageQuery) -> Res<UsageSummary> {
        match self {
            UsageApi::Http(h) => Self::get(h, paths::SUMMARY, &q.params()).await,
            UsageApi::Mock(m) => {
                m.call(Endpoint::Summary, false, |e, _| Ok(e.summary(q)))
                    .await
            }
        }
    }

    pub async fn timeseries(&self, q: &UsageQuery, frequency: Frequency) -> Res<Timeseries> {
        match self {
            UsageApi::Http(h) => {
                Self::get(h, paths::TIMESERIES, &timeseries_params(q, frequency)).await
            }
            UsageApi::Mock(m) => {
                m.call(Endpoint::Timeseries, false, |e, _| {
                    Ok(e.timeseries(q, frequency))
                })
                .await
            }
        }
    }

    pub async fn copilot_users(&self, q: &UsageQuery) -> Res<CopilotUsers> {
        match self {
            UsageApi::Http(h) => Self::get(h, paths::COPILOT_USERS, &q.params()).await,
            UsageApi::Mock(m) => {
                m.call(Endpoint::CopilotUsers, false, |e, _| Ok(e.copilot_users(q)))
                    .await
            }
        }
    }

    pub async fn flows(&self, q: &UsageQuery) -> Res<Flows> {
        match self {
            UsageApi::Http(h) => Self::get(h, paths::FLOWS, &q.params()).await,
            UsageApi::Mock(m) => m.call(Endpoint::Flows, false, |e, _| Ok(e.flows(q))).await,
        }
    }

    pub async fn flow_actions(&self, q: &UsageQuery) -> Res<FlowActions> {
        match self {
            UsageApi::Http(h) => Self::get(h, paths::FLOW_ACTIONS, &q.params()).await,
            UsageApi::Mock(m) => {
                m.call(Endpoint::FlowActions, false, |e, _| Ok(e.flow_actions(q)))
                    .await
            }
        }
    }

    pub async fn ai_pilots(&self, q: &UsageQuery) -> Res<AiPilots> {
        match self {
            UsageApi::Http(h) => Self::get(h, paths::AI_PILOTS, &q.params()).await,
            UsageApi::Mock(m) => {
                m.call(Endpoint::AiPilots, false, |e, _| Ok(e.ai_pilots(q)))
                    .await
            }
        }
    }

    pub async fn events(&self, range: DateRange) -> Res<CreditEvents> {
        match self {
            UsageApi::Http(h) => Self::get(h, paths::EVENTS, &events_params(range)).await,
            UsageApi::Mock(m) => {
                m.call(Endpoint::Events, false, |e, _| Ok(e.events(range)))
                    .await
            }
        }
    }

    pub async fn pricing(&self) -> Res<Pricing> {
        match self {
            UsageApi::Http(h) => Self::get(h, paths::PRICING, &[]).await,
            UsageApi::Mock(m) => {
                m.call(Endpoint::Pricing, false, |e, _| Ok(e.pricing()))
                    .await
            }
        }
    }

    /// Buys credits once per `idempotency_key`: sending the same key again never buys twice.
    pub async fn purchase(&self, credits: u64, idempotency_key: &str) -> Res<PurchaseResult> {
        let body = PurchaseRequest { credits };
        match self {
            UsageApi::Http(h) => {
                let headers = [("Idempotency-Key", idempotency_key.to_string())];
                h.send(
                    Method::POST,
                    "/credits/purchases",
                    &[],
                    Some(&body),
                    &headers,
                )
                .await
            }
            UsageApi::Mock(m) => {
                m.call(Endpoint::Purchases, true, |e, now| {
                    let r = e.purchase(&body, idempotency_key, now);
                    e.run_auto_recharge(now);
                    r
                })
                .await
            }
        }
    }

    pub async fn auto_recharge(&self) -> Res<AutoRecharge> {
        match self {
            UsageApi::Http(h) => Self::get(h, paths::AUTO_RECHARGE, &[]).await,
            UsageApi::Mock(m) => {
                m.call(Endpoint::AutoRecharge, false, |e, _| Ok(e.auto_recharge()))
                    .await
            }
        }
    }

    pub async fn set_auto_recharge(&self, s: &AutoRechargeSettings) -> Res<AutoRecharge> {
        match self {
            UsageApi::Http(h) => {
                let headers = [("Idempotency-Key", crate::platform::idempotency::new_key())];
                h.send(Method::PUT, paths::AUTO_RECHARGE, &[], Some(s), &headers)
                    .await
            }
            UsageApi::Mock(m) => {
                m.call(Endpoint::AutoRechargeSave, true, |e, now| {
                    e.set_auto_recharge(s, now)
                })
                .await
            }
        }
    }

    /// A page of the credit ledger, newest first.
    pub async fn history(&self, q: &HistoryQuery) -> Res<History> {
        match self {
            UsageApi::Http(h) => Self::get(h, paths::HISTORY, &q.params()).await,
            UsageApi::Mock(m) => m.call(Endpoint::History, false, |e, _| e.history(q)).await,
        }
    }

    pub async fn alerts(&self) -> Res<Alerts> {
        match self {
            UsageApi::Http(h) => Self::get(h, paths::ALERTS, &[]).await,
            UsageApi::Mock(m) => m.call(Endpoint::Alerts, false, |e, _| Ok(e.alerts())).await,
        }
    }

    /// Saves the alerts' rule (a `PUT` replaces it whole, so sending it twice is harmless; the
    /// key is sent as on every write, for the server's forgery guard).
    pub async fn set_alerts(&self, s: &AlertSettings) -> Res<Alerts> {
        match self {
            UsageApi::Http(h) => {
                let headers = [("Idempotency-Key", crate::platform::idempotency::new_key())];
                h.send(Method::PUT, paths::ALERTS, &[], Some(s), &headers)
                    .await
            }
            UsageApi::Mock(m) => {
                m.call(Endpoint::AlertsSave, true, |e, now| e.set_alerts(s, now))
                    .await
            }
        }
    }

    pub async fn start_recalculation(&self) -> Res<RecalcJob> {
        match self {
            UsageApi::Http(h) => {
                let headers = [("Idempotency-Key", crate::platform::idempotency::new_key())];
                h.send::<_, ()>(Method::POST, "/credits/recalculate", &[], None, &headers)
                    .await
            }
            UsageApi::Mock(m) => {
                m.call(Endpoint::Recalculate, true, |e, now| {
                    Ok(e.start_recalculation(now))
                })
                .await
            }
        }
    }

    pub async fn recalculation(&self, job_id: &str) -> Res<RecalcJob> {
        match self {
            UsageApi::Http(h) => {
                let path = format!("/credits/recalculate/{}", http::encode_segment(job_id));
                Self::get(h, &path, &[]).await
            }
            UsageApi::Mock(m) => {
                m.call(Endpoint::RecalculateStatus, true, |e, now| {
                    e.poll_recalculation(job_id, now)
                })
                .await
            }
        }
    }
}
