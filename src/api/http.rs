//! The usage API over HTTP (gloo-net): credentials included, a time limit on every call, and
//! the request aborted when nobody waits for its answer any more.

use super::error::ApiError;
use serde::de::DeserializeOwned;
use serde::Serialize;

#[derive(Clone, Debug)]
pub struct HttpClient {
    base: String,
    timeout_ms: u32,
}

impl HttpClient {
    pub fn new(base: &str, timeout_ms: u32) -> Self {
        HttpClient {
            base: base.trim_end_matches('/').to_string(),
            timeout_ms,
        }
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    pub fn timeout_ms(&self) -> u32 {
        self.timeout_ms
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
                let text = resp.text().await.map_err(|e| ApiError::Network {
                    detail: e.to_string(),
                })?;
                if (200..300).contains(&status) {
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
