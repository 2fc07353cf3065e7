//! The one seam between widgets and data: `UsageApi`, answered by the HTTP service or by the
//! demo's engine in its Web Worker, through one request path. Widgets never know which.

pub mod config;
pub mod demo;
pub mod error;
pub mod http;
mod json_path;
pub mod types;
pub mod worker;

use demo::MockClient;
pub use error::ApiError;
use gloo_net::http::Method;
use http::HttpClient;
use serde::de::DeserializeOwned;
use serde::Serialize;
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

/// `answer`, or a time-out when `limit_ms` passes first (dropping the answer aborts its
/// request).
#[cfg(target_arch = "wasm32")]
async fn within(
    answer: futures::future::LocalBoxFuture<'static, Res<http::RawAnswer>>,
    limit_ms: Option<u32>,
) -> Res<http::RawAnswer> {
    use futures::future::{select, Either};
    let Some(ms) = limit_ms else {
        return answer.await;
    };
    match select(answer, gloo_timers::future::TimeoutFuture::new(ms)).await {
        Either::Left((out, _)) => out,
        Either::Right(_) => Err(ApiError::Timeout {
            seconds: ms.div_ceil(1000),
        }),
    }
}

/// Natively (tests) nothing is sent, so nothing waits.
#[cfg(not(target_arch = "wasm32"))]
async fn within(
    answer: futures::future::LocalBoxFuture<'static, Res<http::RawAnswer>>,
    _limit_ms: Option<u32>,
) -> Res<http::RawAnswer> {
    answer.await
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
            UsageApi::Mock(m) => UsageApi::Mock(m.on_unauthorized(f)),
        }
    }

    /// Every request goes this one way, to the configured API over HTTP or to the demo's
    /// worker: the same body encoding, the same forgery guard on writes, the same time limit,
    /// and the answer read by the same code (status, error body, `Retry-After`, decoding); only
    /// the exchange differs.
    async fn send<T: DeserializeOwned, B: Serialize>(
        &self,
        method: Method,
        path: &str,
        params: &[(&str, String)],
        body: Option<&B>,
        headers: &[(&str, String)],
    ) -> Res<T> {
        let body = body
            .map(serde_json::to_string)
            .transpose()
            .map_err(|e| ApiError::Network {
                detail: format!("the request could not be encoded: {e}"),
            })?;
        let mut headers: Vec<(String, String)> = headers
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect();
        if !(method == Method::GET || method == Method::HEAD) {
            let (k, v) = http::REQUESTED_WITH;
            headers.push((k.to_string(), v.to_string()));
        }
        let (answer, limit, hook) = match self {
            UsageApi::Http(h) => (
                h.exchange(method, path, params, body, &headers),
                Some(h.timeout_ms()),
                h.unauthorized_hook(),
            ),
            UsageApi::Mock(m) => (
                m.exchange(method.as_str(), path, params, body, headers),
                m.time_limit(method.as_str(), path),
                m.unauthorized_hook(),
            ),
        };
        let out = within(answer, limit)
            .await
            .and_then(|raw| raw.read::<T>(path));
        if matches!(out, Err(ApiError::Unauthorized)) {
            if let Some(tell) = hook {
                tell();
            }
        }
        out
    }

    async fn get<T: DeserializeOwned>(&self, path: &str, params: &[(&str, String)]) -> Res<T> {
        self.send::<T, ()>(Method::GET, path, params, None, &[])
            .await
    }

    /// A write, with an idempotency key (which also passes the server's forgery guard).
    async fn write<T: DeserializeOwned, B: Serialize>(
        &self,
        method: Method,
        path: &str,
        body: Option<&B>,
        key: String,
    ) -> Res<T> {
        self.send(method, path, &[], body, &[("Idempotency-Key", key)])
            .await
    }

    pub async fn account(&self) -> Res<Account> {
        self.get("/account", &[]).await
    }

    pub async fn directory(&self) -> Res<Directory> {
        self.get(paths::DIRECTORY, &[]).await
    }

    pub async fn balance(&self) -> Res<Balance> {
        self.get(paths::BALANCE, &[]).await
    }

    pub async fn summary(&self, q: &UsageQuery) -> Res<UsageSummary> {
        self.get(paths::SUMMARY, &q.params()).await
    }

    pub async fn timeseries(&self, q: &UsageQuery, frequency: Frequency) -> Res<Timeseries> {
        self.get(paths::TIMESERIES, &timeseries_params(q, frequency))
            .await
    }

    pub async fn copilot_users(&self, q: &UsageQuery) -> Res<CopilotUsers> {
        self.get(paths::COPILOT_USERS, &q.params()).await
    }

    pub async fn flows(&self, q: &UsageQuery) -> Res<Flows> {
        self.get(paths::FLOWS, &q.params()).await
    }

    pub async fn flow_actions(&self, q: &UsageQuery) -> Res<FlowActions> {
        self.get(paths::FLOW_ACTIONS, &q.params()).await
    }

    pub async fn ai_pilots(&self, q: &UsageQuery) -> Res<AiPilots> {
        self.get(paths::AI_PILOTS, &q.params()).await
    }

    pub async fn events(&self, range: DateRange) -> Res<CreditEvents> {
        self.get(paths::EVENTS, &events_params(range)).await
    }

    pub async fn pricing(&self) -> Res<Pricing> {
        self.get(paths::PRICING, &[]).await
    }

    /// Buys credits once per `idempotency_key`: sending the same key again never buys twice.
    pub async fn purchase(&self, credits: u64, idempotency_key: &str) -> Res<PurchaseResult> {
        let body = PurchaseRequest { credits };
        self.write(
            Method::POST,
            "/credits/purchases",
            Some(&body),
            idempotency_key.to_string(),
        )
        .await
    }

    pub async fn auto_recharge(&self) -> Res<AutoRecharge> {
        self.get(paths::AUTO_RECHARGE, &[]).await
    }

    pub async fn set_auto_recharge(&self, s: &AutoRechargeSettings) -> Res<AutoRecharge> {
        let key = crate::platform::idempotency::new_key();
        self.write(Method::PUT, paths::AUTO_RECHARGE, Some(s), key)
            .await
    }

    /// A page of the credit ledger, newest first.
    pub async fn history(&self, q: &HistoryQuery) -> Res<History> {
        self.get(paths::HISTORY, &q.params()).await
    }

    pub async fn alerts(&self) -> Res<Alerts> {
        self.get(paths::ALERTS, &[]).await
    }

    /// Saves the alerts' rule (a `PUT` replaces it whole, so sending it twice is harmless; the
    /// key is sent as on every write, for the server's forgery guard).
    pub async fn set_alerts(&self, s: &AlertSettings) -> Res<Alerts> {
        let key = crate::platform::idempotency::new_key();
        self.write(Method::PUT, paths::ALERTS, Some(s), key).await
    }

    pub async fn start_recalculation(&self) -> Res<RecalcJob> {
        let key = crate::platform::idempotency::new_key();
        self.write::<_, ()>(Method::POST, "/credits/recalculate", None, key)
            .await
    }

    pub async fn recalculation(&self, job_id: &str) -> Res<RecalcJob> {
        let path = format!("/credits/recalculate/{}", http::encode_segment(job_id));
        self.get(&path, &[]).await
    }
}
