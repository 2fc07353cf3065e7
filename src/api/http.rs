//! The usage API over HTTP (gloo-net): credentials included, a time limit on every call, and
//! the request aborted when nobody waits for its answer any more.

use super::error::ApiError;
use serde::de::DeserializeOwned;
use serde::Serialize;

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
}

impl std::fmt::Debug for HttpClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HttpClient")
            .field("base", &self.base)
            .field("timeout_ms", &self.timeout_ms)
            .finish_non_exhaustive()
    }
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
        }
    }

    /// The same client, telling `f` about every ended session.
    pub fn on_unauthorized(mut self, f: impl Fn() + 'static) -> Self {
        self.on_unauthorized = Some(Rc::new(f));
        self
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }
}

#[cfg(target_arch = "wasm32")]
mod imp {
    use super::*;
    use crate::api::error::{decode, from_status};
    use futures::future::{select, Either};
    use gloo_net::http::{Method, RequestBuilder};
    use web_sys::{AbortController, RequestCredentials};

    /// Aborts the request when the future that owns it is dropped before it finished.
    struct AbortOnDrop(Option<AbortController>);

    impl Drop for AbortOnDrop {
        fn drop(&mut self) {
            if let Some(c) = self.0.take() {
                c.abort();
            }
        }
    }

    impl HttpClient {
        pub async fn send<T: DeserializeOwned, B: Serialize>(
            &self,
            method: Method,
            path: &str,
            params: &[(&str, String)],
            body: Option<&B>,
            headers: &[(&str, String)],
        ) -> Result<T, ApiError> {
            let endpoint = path.to_string();
            let changes_state = !(method == Method::GET || method == Method::HEAD);
            let controller = AbortController::new().map_err(|_| ApiError::Network {
                detail: "no AbortController".into(),
            })?;
            let mut guard = AbortOnDrop(Some(controller.clone()));
            let mut builder = RequestBuilder::new(&self.url(path))
                .method(method)
                .credentials(RequestCredentials::Include)
                .abort_signal(Some(&controller.signal()))
                .header("Accept", "application/json")
                .query(params.iter().map(|(k, v)| (*k, v.as_str())));
            for (k, v) in headers {
                builder = builder.header(k, v);
            }
            if changes_state {
                builder = builder.header(REQUESTED_WITH.0, REQUESTED_WITH.1);
            }
            let request = match body {
                Some(b) => builder.json(b).map_err(|e| ApiError::Network {
                    detail: e.to_string(),
                })?,
                None => builder.build().map_err(|e| ApiError::Network {
                    detail: e.to_string(),
                })?,
            };
            let fetch = Box::pin(async move {
                let resp = request.send().await.map_err(|e| ApiError::Network {
                    detail: e.to_string(),
                })?;
                let status = resp.status();
                let retry_after = resp.headers().get("Retry-After");
                let content_type = resp.headers().get("Content-Type");
                let text = resp.text().await.map_err(|e| ApiError::Network {
                    detail: e.to_string(),
                })?;
                if (200..300).contains(&status) {
                    if looks_like_html(content_type.as_deref(), &text) {
                        // A sign-in page where data was expected: the session has ended.
                        return Err(ApiError::Unauthorized);
                    }
                    decode::<T>(&endpoint, &text)
                } else {
                    Err(from_status(
                        status,
                        &endpoint,
                        &text,
                        retry_after.as_deref(),
                    ))
                }
            });
            let timer = gloo_timers::future::TimeoutFuture::new(self.timeout_ms);
            let out = match select(fetch, timer).await {
                Either::Left((result, _)) => result,
                Either::Right(_) => Err(ApiError::Timeout {
                    seconds: self.timeout_ms.div_ceil(1000),
                }),
            };
            // Finished or timed out: a timed-out request is aborted by the guard below.
            if out.is_ok() || !matches!(out, Err(ApiError::Timeout { .. })) {
                guard.0 = None;
            }
            drop(guard);
            if matches!(out, Err(ApiError::Unauthorized)) {
                if let Some(tell) = &self.on_unauthorized {
                    tell();
                }
            }
            out
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    use super::*;

    /// HTTP needs a browser; native builds (tests) never send.
    impl HttpClient {
        pub async fn send<T: DeserializeOwned, B: Serialize>(
            &self,
            _method: gloo_net::http::Method,
            _path: &str,
            _params: &[(&str, String)],
            _body: Option<&B>,
            _headers: &[(&str, String)],
        ) -> Result<T, ApiError> {
            Err(ApiError::Network {
                detail: "HTTP is only available in the browser".into(),
            })
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
    fn web_pages_are_not_data() {
        assert!(looks_like_html(Some("text/html; charset=utf-8"), "{}"));
        assert!(looks_like_html(None, "  <!DOCTYPE html><html>"));
        assert!(!looks_like_html(Some("application/json"), "{\"a\":1}"));
    }
}
