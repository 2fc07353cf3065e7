//! The page's side of the demo's Web Worker (crates/demo-worker): calls posted as JSON text,
//! answers matched back to them by number. The worker is started by the page's boot script
//! (index.html: `creditDemoWorker()`, as soon as the config says demo, while the page's own wasm
//! still downloads); the first call waits until it has started.

use super::error::ApiError;
use credit_contract::demo::protocol::{Call, ToWorker, WireResponse};

/// An answer from the worker: the response, and the session's state when the call changed it.
pub type Reply = Result<(WireResponse, Option<String>), ApiError>;

#[cfg(target_arch = "wasm32")]
mod imp {
    use super::*;
    use credit_contract::demo::protocol::FromWorker;
    use futures::channel::oneshot;
    use futures::future::{FutureExt, LocalBoxFuture, Shared};
    use std::cell::{Cell, RefCell};
    use std::collections::HashMap;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    type Started = Shared<LocalBoxFuture<'static, Result<web_sys::Worker, String>>>;

    thread_local! {
        static STARTED: RefCell<Option<Started>> = const { RefCell::new(None) };
        static PENDING: RefCell<HashMap<u32, oneshot::Sender<Reply>>> = RefCell::new(HashMap::new());
        static NEXT_ID: Cell<u32> = const { Cell::new(1) };
    }

    fn unavailable(detail: impl Into<String>) -> ApiError {
        ApiError::Network {
            detail: format!("the demo's engine is not available: {}", detail.into()),
        }
    }

    /// The worker, once the boot script's promise says it has started.
    async fn start() -> Result<web_sys::Worker, String> {
        let window = web_sys::window().ok_or("no window")?;
        let boot = js_sys::Reflect::get(&window, &JsValue::from_str("creditDemoWorker"))
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
            .ok_or("the page has no demo boot script (index.html)")?;
        let promise = boot
            .call0(&window)
            .ok()
            .and_then(|p| p.dyn_into::<js_sys::Promise>().ok())
            .ok_or("the demo boot script gave no promise")?;
        let worker = wasm_bindgen_futures::JsFuture::from(promise)
            .await
            .map_err(|e| {
                js_sys::Reflect::get(&e, &JsValue::from_str("message"))
                    .ok()
                    .and_then(|m| m.as_string())
                    .unwrap_or_else(|| "the worker did not start".into())
            })?
            .dyn_into::<web_sys::Worker>()
            .map_err(|_| "the boot script gave no worker".to_string())?;
        // An answer comes as an array of strings, its message then its body (see
        // FromWorker::take_body; the loop takes several pairs alike); anything else as one
        // string.
        let on_message =
            Closure::<dyn Fn(web_sys::MessageEvent)>::new(|e: web_sys::MessageEvent| {
                let data = e.data();
                if let Some(batch) = data.dyn_ref::<js_sys::Array>() {
                    let mut i = 0;
                    while i + 1 < batch.length() {
                        if let (Some(meta), Some(body)) =
                            (batch.get(i).as_string(), batch.get(i + 1).as_string())
                        {
                            deliver(&meta, Some(body));
                        }
                        i += 2;
                    }
                } else if let Some(text) = data.as_string() {
                    deliver(&text, None);
                }
            });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        Ok(worker)
    }

    /// Hands an answer to the call waiting for it (none waits for one whose caller gave up).
    fn deliver(text: &str, body: Option<String>) {
        let message = serde_json::from_str::<FromWorker>(text).map(|m| match body {
            Some(b) => m.with_body(b),
            None => m,
        });
        let (id, reply) = match message {
            Ok(FromWorker::Answer {
                id,
                response,
                state,
            }) => (id, Ok((response, state))),
            Ok(FromWorker::Unreadable {
                id: Some(id),
                detail,
            }) => (
                id,
                Err(unavailable(format!(
                    "it could not read the call ({detail})"
                ))),
            ),
            Ok(_) => return,
            Err(e) => {
                web_sys::console::error_1(
                    &format!("demo worker: an unreadable answer ({e})").into(),
                );
                return;
            }
        };
        if let Some(tx) = PENDING.with(|p| p.borrow_mut().remove(&id)) {
            let _ = tx.send(reply);
        }
    }

    /// The worker, started once; a start that failed is tried again by the next call (a
    /// widget's Retry), not remembered as failed for the page's life.
    fn worker() -> Started {
        STARTED.with(|s| {
            let mut s = s.borrow_mut();
            if matches!(s.as_ref().and_then(|f| f.peek()), Some(Err(_))) {
                *s = None;
            }
            s.get_or_insert_with(|| start().boxed_local().shared())
                .clone()
        })
    }

    fn post(worker: &web_sys::Worker, message: &ToWorker) -> Result<(), ApiError> {
        let text = serde_json::to_string(message)
            .map_err(|e| unavailable(format!("the call could not be encoded ({e})")))?;
        worker
            .post_message(&JsValue::from_str(&text))
            .map_err(|_| unavailable("the call could not be posted"))
    }

    /// Forgets a call nobody waits for any more (a time-out, a page left).
    struct Forget(u32);

    impl Drop for Forget {
        fn drop(&mut self) {
            PENDING.with(|p| p.borrow_mut().remove(&self.0));
        }
    }

    /// Posts `call` (its `id` is set here) and waits for its answer.
    pub async fn ask(mut call: Call) -> Reply {
        let worker = worker().await.map_err(unavailable)?;
        call.id = NEXT_ID.with(|n| {
            let id = n.get();
            n.set(id.wrapping_add(1).max(1));
            id
        });
        let (tx, rx) = oneshot::channel();
        PENDING.with(|p| p.borrow_mut().insert(call.id, tx));
        let _forget = Forget(call.id);
        post(&worker, &ToWorker::Call(Box::new(call)))?;
        rx.await
            .map_err(|_| unavailable("the worker dropped the call"))?
    }

    /// Tells the worker something that needs no answer (a reset, a closed session), once it has
    /// started; nothing when it never does.
    pub fn tell(message: ToWorker) {
        let started = worker();
        if let Some(Ok(w)) = started.peek() {
            // Started: posted now, so it comes before any call made after it.
            let _ = post(w, &message);
            return;
        }
        wasm_bindgen_futures::spawn_local(async move {
            if let Ok(w) = started.await {
                let _ = post(&w, &message);
            }
        });
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    use super::*;

    /// The worker lives in a browser; native builds (tests) have none.
    pub async fn ask(_call: Call) -> Reply {
        Err(ApiError::Network {
            detail: "the demo's engine runs in a browser's worker".into(),
        })
    }

    pub fn tell(_message: ToWorker) {}
}

pub use imp::{ask, tell};
