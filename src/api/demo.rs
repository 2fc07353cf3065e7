//! Mock-data mode: the demo account of the `credit-engine` crate, answered in the browser with
//! the latency and failures of a real service. Purchases and settings persist for the browser
//! session.

use super::error::ApiError;
use super::http::RawAnswer;
use crate::domain::Keyed;
use credit_engine::engine::{Engine, MutableState};
use credit_engine::generate;
use credit_engine::wire::{Request, Response};
pub use credit_engine::{Endpoint, MockSettings, Scenario, Shaping, TIME_ZONE};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// The mock service as the app sees it. Cloning shares the same account.
#[derive(Clone)]
pub struct MockClient {
    settings: Rc<MockSettings>,
    engine: Rc<RefCell<Option<Engine>>>,
    attempts: Rc<RefCell<HashMap<Endpoint, u32>>>,
    /// Whether purchases and settings are kept for the browser session.
    persist: bool,
}

pub fn now_rfc3339() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

impl MockClient {
    pub fn new(settings: MockSettings) -> Self {
        MockClient {
            settings: Rc::new(settings),
            engine: Rc::new(RefCell::new(None)),
            attempts: Rc::new(RefCell::new(HashMap::new())),
            persist: true,
        }
    }

    /// A mock whose changes live only as long as it does (the gallery's, which must neither
    /// read nor change the demo session's account).
    pub fn ephemeral(settings: MockSettings) -> Self {
        MockClient {
            persist: false,
            ..MockClient::new(settings)
        }
    }

    /// The same account behind other failures and stalls: no second generation.
    pub fn variant(&self, fail: &[Endpoint], stall: &[Endpoint]) -> Self {
        MockClient {
            settings: Rc::new(MockSettings {
                fail: fail.to_vec(),
                stall: stall.to_vec(),
                ..(*self.settings).clone()
            }),
            ..self.clone()
        }
    }

    /// The same account answering after `ms` milliseconds.
    pub fn with_latency(&self, ms: u32) -> Self {
        MockClient {
            settings: Rc::new(MockSettings {
                latency_ms: ms,
                latency_max_ms: None,
                ..(*self.settings).clone()
            }),
            ..self.clone()
        }
    }

    pub fn settings(&self) -> &MockSettings {
        &self.settings
    }

    fn storage_key(&self) -> String {
        format!(
            "credit-dash:mock:{}:{}",
            self.settings.scenario.key(),
            self.settings.seed
        )
    }

    /// Forgets what this session changed: the demo starts over.
    pub fn reset(&self) {
        *self.engine.borrow_mut() = None;
        session_store::remove(&self.storage_key());
    }

    /// Runs `f` on the engine, generating the account on first use.
    fn with_engine<T>(&self, mutates: bool, f: impl FnOnce(&mut Engine, &str) -> T) -> T {
        let now = now_rfc3339();
        let mut slot = self.engine.borrow_mut();
        let engine = slot.get_or_insert_with(|| {
            let s = &self.settings;
            let data = generate::shared_shaped(s.scenario, s.seed, s.today, s.shaping);
            match self
                .persist
                .then(|| session_store::load(&self.storage_key()))
                .flatten()
                .and_then(|j| serde_json::from_str::<MutableState>(&j).ok())
            {
                Some(state) => Engine::with_state(data, state),
                None => Engine::new(data, &now),
            }
        });
        let out = f(engine, &now);
        if mutates && self.persist {
            if let Ok(json) = serde_json::to_string(&engine.state) {
                session_store::save(&self.storage_key(), &json);
            }
        }
        out
    }

    /// Answers one request of the contract as a service would: waits the configured latency,
    /// fails where the settings say, then asks the engine's wire door. The answer is read by the
    /// same code as an HTTP answer (status, error body, `Retry-After`, JSON decoding).
    pub async fn send<T: DeserializeOwned, B: Serialize>(
        &self,
        method: &str,
        path: &str,
        params: &[(&str, String)],
        body: Option<&B>,
        headers: &[(&str, String)],
    ) -> Result<T, ApiError> {
        let body = body
            .map(serde_json::to_string)
            .transpose()
            .map_err(|e| ApiError::Network {
                detail: format!("the request could not be encoded: {e}"),
            })?;
        let query: Vec<(String, String)> = params
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect();
        let headers: Vec<(String, String)> = headers
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect();
        let request = Request {
            method,
            path,
            query: &query,
            headers: &headers,
            body: body.as_deref(),
        };
        let answer = self.answer(&request).await;
        RawAnswer {
            status: answer.status,
            retry_after: header_of(&answer, "retry-after"),
            content_type: header_of(&answer, "content-type"),
            text: answer.body,
        }
        .read(path)
    }

    /// The wire answer to `request`, with the demo's latency, stalls and failures.
    pub async fn answer(&self, request: &Request<'_>) -> Response {
        let endpoint = Endpoint::of(request.method, request.path);
        if let Some(e) = endpoint {
            if e.is_named_in(&self.settings.stall) {
                std::future::pending::<()>().await;
            }
            sleep_ms(self.latency_ms(e)).await;
            if e.is_named_in(&self.settings.fail) {
                return demo_failure(e);
            }
            if self.flaky_failure(e) {
                return Response::error(503, "unavailable", "temporarily unavailable");
            }
        }
        // Reads that move a recalculation on change the state too.
        let mutates = !request.method.eq_ignore_ascii_case("GET")
            || endpoint == Some(Endpoint::RecalculateStatus);
        self.with_engine(mutates, |e, now| e.answer(request, now))
    }

    /// The configured delay (random within a span when one is set), plus the scenario's extra
    /// delay for a slow endpoint.
    fn latency_ms(&self, endpoint: Endpoint) -> u32 {
        let s = &self.settings;
        let extra = s
            .scenario
            .slow_endpoints()
            .iter()
            .find(|(e, _)| *e == endpoint)
            .map_or(0, |(_, ms)| *ms);
        let latency = match s.latency_max_ms {
            Some(max) => s.latency_ms + (random_unit() * (max - s.latency_ms) as f64) as u32,
            None => s.latency_ms,
        };
        latency + extra
    }

    /// Every other call of a flaky endpoint fails, the first one included, so a retry succeeds.
    fn flaky_failure(&self, endpoint: Endpoint) -> bool {
        if !self.settings.scenario.flaky_endpoints().contains(&endpoint) {
            return false;
        }
        let mut attempts = self.attempts.borrow_mut();
        let n = attempts.entry(endpoint).or_insert(0);
        *n += 1;
        *n % 2 == 1
    }
}

fn header_of(answer: &Response, name: &str) -> Option<String> {
    answer
        .headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.clone())
}

/// What `fail=` makes an endpoint answer: a purchase is declined like a card would be (402),
/// anything else is a server error (500) naming the endpoint, each with the contract's error
/// body.
fn demo_failure(endpoint: Endpoint) -> Response {
    if endpoint == Endpoint::Purchases {
        Response::error(
            402,
            "card_declined",
            "Your card was declined. Use another card or contact your bank.",
        )
    } else {
        Response::error(
            500,
            "internal",
            &format!("demo failure of {}", endpoint.key()),
        )
    }
}

#[cfg(target_arch = "wasm32")]
fn random_unit() -> f64 {
    js_sys::Math::random()
}

#[cfg(not(target_arch = "wasm32"))]
fn random_unit() -> f64 {
    0.5
}

#[cfg(target_arch = "wasm32")]
async fn sleep_ms(ms: u32) {
    if ms > 0 {
        gloo_timers::future::TimeoutFuture::new(ms).await;
    }
}

#[cfg(not(target_arch = "wasm32"))]
async fn sleep_ms(_ms: u32) {}

/// `sessionStorage`, where the browser has one.
mod session_store {
    #[cfg(target_arch = "wasm32")]
    fn storage() -> Option<web_sys::Storage> {
        web_sys::window()?.session_storage().ok()?
    }

    #[cfg(target_arch = "wasm32")]
    pub fn load(key: &str) -> Option<String> {
        storage()?.get_item(key).ok()?
    }

    #[cfg(target_arch = "wasm32")]
    pub fn save(key: &str, value: &str) {
        if let Some(s) = storage() {
            let _ = s.set_item(key, value);
        }
    }

    #[cfg(target_arch = "wasm32")]
    pub fn remove(key: &str) {
        if let Some(s) = storage() {
            let _ = s.remove_item(key);
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    pub fn load(_key: &str) -> Option<String> {
        None
    }

    #[cfg(not(target_arch = "wasm32"))]
    pub fn save(_key: &str, _value: &str) {}

    #[cfg(not(target_arch = "wasm32"))]
    pub fn remove(_key: &str) {}
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use std::future::Future;
    use std::task::{Context, Poll, Waker};

    /// Polls a call once: natively the mock never sleeps, so only a stalled call is pending.
    fn poll_once<T>(call: impl Future<Output = T>) -> Poll<T> {
        let mut call = std::pin::pin!(call);
        call.as_mut().poll(&mut Context::from_waker(Waker::noop()))
    }

    fn client(scenario: Scenario) -> MockClient {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 27).expect("valid date");
        MockClient::ephemeral(MockSettings::new(scenario, 42, today))
    }

    /// Asks `endpoint` in its wire form: what the client reads of the answer (its body as
    /// JSON, whatever it holds).
    fn answer(m: &MockClient, endpoint: Endpoint) -> Poll<Result<(), ApiError>> {
        let (method, path) = endpoint.request();
        let query = [
            ("from", "2026-11-01".to_string()),
            ("to", "2026-11-27".to_string()),
            ("frequency", "day".to_string()),
        ];
        let key = [("Idempotency-Key", "k1".to_string())];
        poll_once(async {
            m.send::<serde_json::Value, serde_json::Value>(
                method,
                path,
                &query,
                Some(&serde_json::json!({"credits": 1000})),
                &key,
            )
            .await
            .map(|_| ())
        })
    }

    #[test]
    fn fail_names_an_endpoint_and_the_steps_under_it() {
        let base = client(Scenario::Default);
        let m = base.variant(&[Endpoint::AutoRecharge, Endpoint::Purchases], &[]);
        let Poll::Ready(Err(ApiError::Server { status: 500, .. })) =
            answer(&m, Endpoint::AutoRechargeSave)
        else {
            panic!("auto-recharge covers saving");
        };
        assert!(matches!(
            answer(&m, Endpoint::Purchases),
            Poll::Ready(Err(ApiError::Rejected { status: 402, .. }))
        ));
        assert!(matches!(answer(&m, Endpoint::Flows), Poll::Ready(Ok(()))));
        let step = base.variant(&[Endpoint::RecalculateStatus], &[]);
        assert!(matches!(
            answer(&step, Endpoint::Recalculate),
            Poll::Ready(Ok(()))
        ));
        assert!(matches!(
            answer(&step, Endpoint::RecalculateStatus),
            Poll::Ready(Err(_))
        ));
    }

    #[test]
    fn stall_never_answers_and_flaky_fails_every_other_call() {
        let stalled = client(Scenario::Default).variant(&[], &[Endpoint::Pricing]);
        assert!(answer(&stalled, Endpoint::Pricing).is_pending());
        assert!(answer(&stalled, Endpoint::Balance).is_ready());
        let flaky = client(Scenario::Flaky);
        for round in 0..4 {
            let failed = matches!(
                answer(&flaky, Endpoint::Flows),
                Poll::Ready(Err(ApiError::Server { status: 503, .. }))
            );
            assert_eq!(failed, round % 2 == 0, "call {round}");
        }
        assert!(matches!(
            answer(&flaky, Endpoint::Summary),
            Poll::Ready(Ok(()))
        ));
    }
}
