//! The usage API over HTTP (gloo-net): credentials included, a time limit on every call, and
//! the request aborted when nobody waits for its answer any more.

use super::error::ApiError;
use serde::de::DeserializeOwned;

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// The header every state-changing call carries: a cross-site HTML form cannot send it, so a
/// server that requires it (the contract says it must) is safe from forged purchases.
pub const REQUESTED_WITH: (&str, &str) = ("X-Requested-With", "credit-dash");

#[derive(Clone)]
pub struct HttpClient {
    base: String,
    timeout_ms: u32,
    /// Told about every 401 (and every sign-in page answered instead of data).
    on_unauthorized: Option<Rc<dyn Fn()>>,
    /// GETs started early ([`HttpClient::prefetch`]), by [`request_key`], with the way to
    /// abort each; each is taken once, and whoever took it decides when to abort it.
    early: Rc<RefCell<HashMap<String, (Early, web_sys::AbortController)>>>,
}

impl std::fmt::Debug for HttpClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HttpClient")
            .field("base", &self.base)
            .field("timeout_ms", &self.timeout_ms)
            .finish_non_exhaustive()
    }
}

/// An answer as it came over the wire, before its status and body are read: what a request
/// started early keeps for the call that takes it.
#[derive(Clone, Debug)]
pub struct RawAnswer {
    pub status: u16,
    pub retry_after: Option<String>,
    pub content_type: Option<String>,
    pub text: String,
}

/// A request started before anyone asked for it, shared by the task that drives it and the
/// call that takes it.
type Early =
    futures::future::Shared<futures::future::LocalBoxFuture<'static, Result<RawAnswer, ApiError>>>;

/// How long an early answer waits to be taken before it is dropped as too old to show.
pub const EARLY_KEEP_MS: u32 = 15_000;

/// What identifies a GET for the early answers: its path and query pairs in order (the same
/// call builds the same pairs).
pub fn request_key(path: &str, params: &[(&str, String)]) -> String {
    let mut key = path.to_string();
    for (i, (k, v)) in params.iter().enumerate() {
        key.push(if i == 0 { '?' } else { '&' });
        key.push_str(&encode_segment(k));
        key.push('=');
        key.push_str(&encode_segment(v));
    }
    key
}

/// One path segment with everything but unreserved characters percent-encoded, so an id from
/// a server can never change which endpoint is called.
pub fn encode_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Whether a 2xx answer is a web page (a sign-in page, or an SPA host's index.html) where JSON
/// was expected.
pub fn looks_like_html(content_type: Option<&str>, body: &str) -> bool {
    content_type.is_some_and(|t| t.to_ascii_lowercase().contains("text/html"))
        || body.trim_start().starts_with('<')
}

impl HttpClient {
    pub fn new(base: &str, timeout_ms: u32) -> Self {
        HttpClient {
            base: base.trim_end_matches('/').to_string(),
            timeout_ms,
            on_unauthorized: None,
            early: Rc::default(),
        }
    }

    /// The same client, telling `f` about every ended session.
    pub fn on_unauthorized(mut self, f: impl Fn() + 'static) -> Self {
        self.on_unauthorized = Some(Rc::new(f));
        self
    }

    /// The time limit of one call.
    pub fn timeout_ms(&self) -> u32 {
        self.timeout_ms
    }

    /// Who is told when a call finds the session ended.
    pub fn unauthorized_hook(&self) -> Option<Rc<dyn Fn()>> {
        self.on_unauthorized.clone()
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    /// Takes the early answer of this GET, if one was started and nobody took it yet.
    fn take_early(
        &self,
        path: &str,
        params: &[(&str, String)],
    ) -> Option<(Early, web_sys::AbortController)> {
        self.early.borrow_mut().remove(&request_key(path, params))
    }

    /// Whether an early answer of this GET is waiting to be taken.
    pub fn has_early(&self, path: &str, params: &[(&str, String)]) -> bool {
        self.early.borrow().contains_key(&request_key(path, params))
    }
}

impl RawAnswer {
    /// The answer for `endpoint`: its data, or the error its status, type or body says (the
    /// demo engine's answers are read here too).
    pub(crate) fn read<T: DeserializeOwned>(&self, endpoint: &str) -> Result<T, ApiError> {
        use super::error::{decode, from_status};
        if (200..300).contains(&self.status) {
            if looks_like_html(self.content_type.as_deref(), &self.text) {
                // A sign-in page where data was expected: the session has ended.
                return Err(ApiError::Unauthorized);
            }
            decode::<T>(endpoint, &self.text)
        } else {
            Err(from_status(
                self.status,
                endpoint,
                &self.text,
                self.retry_after.as_deref(),
            ))
        }
    }
}

#[cfg(target_arch = "wasm32")]
mod imp {
    use super::*;
    use futures::future::{select, Either, FutureExt, LocalBoxFuture};
    use gloo_net::http::{Method, RequestBuilder};
    use gloo_timers::future::TimeoutFuture;
    use web_sys::{AbortController, RequestCredentials};

    /// Aborts the request when the future that owns it is dropped before it finished (the
    /// caller's time limit, or nobody waiting any more).
    struct AbortOnDrop(Option<AbortController>);

    impl Drop for AbortOnDrop {
        fn drop(&mut self) {
            if let Some(c) = self.0.take() {
                c.abort();
            }
        }
    }

    type Started = (
        LocalBoxFuture<'static, Result<RawAnswer, ApiError>>,
        AbortController,
    );

    impl HttpClient {
        /// Sends a request (its body already JSON, its headers the caller's); the future gives
        /// its status and body as they came.
        fn start(
            &self,
            method: Method,
            path: &str,
            params: &[(&str, String)],
            body: Option<String>,
            headers: &[(String, String)],
        ) -> Result<Started, ApiError> {
            let controller = AbortController::new().map_err(|_| ApiError::Network {
                detail: "no AbortController".into(),
            })?;
            let mut builder = RequestBuilder::new(&self.url(path))
                .method(method)
                .credentials(RequestCredentials::Include)
                .abort_signal(Some(&controller.signal()))
                .header("Accept", "application/json")
                .query(params.iter().map(|(k, v)| (*k, v.as_str())));
            for (k, v) in headers {
                builder = builder.header(k, v);
            }
            let request = match body {
                Some(b) => builder.header("Content-Type", "application/json").body(b),
                None => builder.build(),
            }
            .map_err(|e| ApiError::Network {
                detail: e.to_string(),
            })?;
            let answer = async move {
                let resp = request.send().await.map_err(|e| ApiError::Network {
                    detail: e.to_string(),
                })?;
                let status = resp.status();
                let retry_after = resp.headers().get("Retry-After");
                let content_type = resp.headers().get("Content-Type");
                let text = resp.text().await.map_err(|e| ApiError::Network {
                    detail: e.to_string(),
                })?;
                Ok(RawAnswer {
                    status,
                    retry_after,
                    content_type,
                    text,
                })
            };
            Ok((answer.boxed_local(), controller))
        }

        /// Starts a GET now, before anyone asks for it (the dashboard's first requests go out
        /// with the account's instead of after it). The first `send` of the same GET within
        /// [`EARLY_KEEP_MS`] takes its answer instead of asking again; later ones ask anew.
        pub fn prefetch(&self, path: &str, params: &[(&str, String)]) {
            if self.has_early(path, params) {
                return;
            }
            let Ok((answer, controller)) = self.start(Method::GET, path, params, None, &[]) else {
                return;
            };
            let key = request_key(path, params);
            let shared = answer.shared();
            self.early
                .borrow_mut()
                .insert(key.clone(), (shared.clone(), controller));
            let early = Rc::clone(&self.early);
            let timeout_ms = self.timeout_ms;
            wasm_bindgen_futures::spawn_local(async move {
                // Driven here, so it runs whether or not anyone waits yet. Not taken when the
                // usual time limit is over (a server that never answers) or some time after the
                // answer came, it is dropped, and aborted if still running; once taken, the call
                // that took it keeps its own time limit and aborts it itself.
                let timed_out = matches!(
                    select(shared.clone(), TimeoutFuture::new(timeout_ms)).await,
                    Either::Right(_)
                );
                if !timed_out {
                    TimeoutFuture::new(EARLY_KEEP_MS).await;
                }
                let mut map = early.borrow_mut();
                if map.get(&key).is_some_and(|(e, _)| e.ptr_eq(&shared)) {
                    if let Some((_, controller)) = map.remove(&key) {
                        controller.abort();
                    }
                }
            });
        }

        /// One exchange over HTTP: the early answer of a plain GET when one was started, else a
        /// new request. Dropping the future before it finished aborts the request.
        pub fn exchange(
            &self,
            method: Method,
            path: &str,
            params: &[(&str, String)],
            body: Option<String>,
            headers: &[(String, String)],
        ) -> LocalBoxFuture<'static, Result<RawAnswer, ApiError>> {
            let early = (method == Method::GET && body.is_none() && headers.is_empty())
                .then(|| self.take_early(path, params))
                .flatten();
            let (answer, controller) = match early {
                Some((e, controller)) => (e.boxed_local(), controller),
                None => match self.start(method, path, params, body, headers) {
                    Ok(started) => started,
                    Err(e) => return futures::future::ready(Err(e)).boxed_local(),
                },
            };
            async move {
                let mut guard = AbortOnDrop(Some(controller));
                let out = answer.await;
                // Finished: nothing left to abort.
                guard.0 = None;
                out
            }
            .boxed_local()
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    use super::*;
    use futures::future::{FutureExt, LocalBoxFuture};

    /// HTTP needs a browser; native builds (tests) never send.
    impl HttpClient {
        pub fn prefetch(&self, _path: &str, _params: &[(&str, String)]) {}

        pub fn exchange(
            &self,
            _method: gloo_net::http::Method,
            _path: &str,
            _params: &[(&str, String)],
            _body: Option<String>,
            _headers: &[(String, String)],
        ) -> LocalBoxFuture<'static, Result<RawAnswer, ApiError>> {
            futures::future::ready(Err(ApiError::Network {
                detail: "HTTP is only available in the browser".into(),
            }))
            .boxed_local()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_encoded_as_one_segment() {
        assert_eq!(encode_segment("job-1_a.b~"), "job-1_a.b~");
        assert_eq!(encode_segment("../purchases?x=1"), "..%2Fpurchases%3Fx%3D1");
        assert_eq!(encode_segment("é"), "%C3%A9");
    }

    #[test]
    fn early_answers_are_keyed_by_path_and_query() {
        let a = request_key("/credits/usage/flows", &[("from", "2026-11-01".into())]);
        assert_eq!(
            a,
            request_key("/credits/usage/flows", &[("from", "2026-11-01".into())])
        );
        assert_ne!(
            a,
            request_key("/credits/usage/flows", &[("from", "2026-11-02".into())])
        );
        assert_ne!(
            a,
            request_key("/credits/usage/summary", &[("from", "2026-11-01".into())])
        );
        // A value cannot pose as another pair.
        assert_ne!(
            request_key("/x", &[("a", "1&b=2".into())]),
            request_key("/x", &[("a", "1".into()), ("b", "2".into())])
        );
    }

    #[test]
    fn web_pages_are_not_data() {
        assert!(looks_like_html(Some("text/html; charset=utf-8"), "{}"));
        assert!(looks_like_html(None, "  <!DOCTYPE html><html>"));
        assert!(!looks_like_html(Some("application/json"), "{\"a\":1}"));
    }
}
