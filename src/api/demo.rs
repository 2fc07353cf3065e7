//! Mock-data mode: the demo's account, asked of the engine in its Web Worker (crates/
//! demo-worker) through the same request path as a real service (see `UsageApi::send`): the
//! worker waits the latency and answers each fault with the status, headers and body a server
//! would. What a session buys or sets is kept for the browser session here, in the page, since a
//! worker has no `sessionStorage`.

use super::error::ApiError;
use super::http::RawAnswer;
use super::worker;
use crate::domain::Keyed;
use credit_contract::demo::protocol::{Call, ToWorker, WireRequest};
pub use credit_contract::demo::{
    Endpoint, Failure, Fault, MockSettings, Scenario, Shaping, TIME_ZONE,
};
use futures::future::{FutureExt, LocalBoxFuture};
use std::cell::Cell;
use std::rc::Rc;

/// The mock service as the app sees it. Cloning shares the same account.
#[derive(Clone)]
pub struct MockClient {
    settings: Rc<MockSettings>,
    session: Rc<Session>,
    /// Whether purchases and settings are kept for the browser session.
    persist: bool,
    /// The time limit of one call, as over HTTP (a stalled endpoint has none: it is there to be
    /// looked at loading).
    timeout_ms: u32,
    on_unauthorized: Option<Rc<dyn Fn()>>,
}

/// One account in the worker: its number, and whether the worker has been told what the
/// browser session kept of it.
struct Session {
    id: u32,
    restored: Cell<bool>,
}

impl Session {
    fn new() -> Rc<Session> {
        thread_local! {
            static NEXT: Cell<u32> = const { Cell::new(1) };
        }
        let id = NEXT.with(|n| {
            let id = n.get();
            n.set(id + 1);
            id
        });
        Rc::new(Session {
            id,
            restored: Cell::new(false),
        })
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        worker::tell(ToWorker::Close { session: self.id });
    }
}

impl MockClient {
    pub fn new(settings: MockSettings) -> Self {
        MockClient {
            settings: Rc::new(settings),
            session: Session::new(),
            persist: true,
            timeout_ms: super::config::DEFAULT_TIMEOUT_MS,
            on_unauthorized: None,
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

    /// The same client with the configured time limit of one call.
    pub fn with_timeout(self, timeout_ms: u32) -> Self {
        MockClient { timeout_ms, ..self }
    }

    /// The same client, telling `f` whenever a call finds the session ended (a `401` fault).
    pub fn on_unauthorized(self, f: impl Fn() + 'static) -> Self {
        MockClient {
            on_unauthorized: Some(Rc::new(f)),
            ..self
        }
    }

    pub fn unauthorized_hook(&self) -> Option<Rc<dyn Fn()>> {
        self.on_unauthorized.clone()
    }

    /// The same account behind other failures and stalls: no second generation.
    pub fn variant(&self, fail: &[Failure], stall: &[Endpoint]) -> Self {
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
        session_store::remove(&self.storage_key());
        self.session.restored.set(false);
        worker::tell(ToWorker::Reset {
            session: self.session.id,
        });
    }

    /// The time limit of a call to `method path`: none for a stalled endpoint.
    pub fn time_limit(&self, method: &str, path: &str) -> Option<u32> {
        let stalled =
            Endpoint::of(method, path).is_some_and(|e| e.is_named_in(&self.settings.stall));
        (!stalled).then_some(self.timeout_ms)
    }

    /// One exchange with the worker: the request in its wire form out, the answer as it came
    /// (status, `Retry-After`, content type, body), for the same code as an HTTP answer to read.
    /// What a change leaves of the account is kept for the browser session.
    pub fn exchange(
        &self,
        method: &str,
        path: &str,
        params: &[(&str, String)],
        body: Option<String>,
        headers: Vec<(String, String)>,
    ) -> LocalBoxFuture<'static, Result<RawAnswer, ApiError>> {
        let first = !self.session.restored.replace(true);
        let storage_key = self.storage_key();
        let call = Call {
            id: 0,
            session: self.session.id,
            settings: (*self.settings).clone(),
            restore: (first && self.persist)
                .then(|| session_store::load(&storage_key))
                .flatten(),
            persist: self.persist,
            now: now_rfc3339(),
            request: WireRequest {
                method: method.to_string(),
                path: path.to_string(),
                query: params
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.clone()))
                    .collect(),
                headers,
                body,
            },
        };
        async move {
            let (response, state) = worker::ask(call).await?;
            if let Some(state) = state {
                session_store::save(&storage_key, &state);
            }
            Ok(RawAnswer {
                status: response.status,
                retry_after: response.header("retry-after").map(String::from),
                content_type: response.header("content-type").map(String::from),
                text: response.body,
            })
        }
        .boxed_local()
    }
}

/// The page's clock, the demo's "now" (a test's pinned clock reaches the worker this way).
pub fn now_rfc3339() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

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
