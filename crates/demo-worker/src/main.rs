//! The demo's engine in a Web Worker. The page posts each request of the usage API in its wire
//! form (`ToWorker`, JSON text); the worker waits the demo's latency, then answers with a status,
//! headers and body (`FromWorker`), or never, for a stalled endpoint or a `timeout` fault. The
//! generation of an account and every query run here, off the page's main thread; the page's
//! wasm holds none of it (DESIGN section 10). Trunk builds this binary as a worker
//! (`index.html`); the page starts it only in demo mode.

#[cfg(target_arch = "wasm32")]
mod worker {
    use credit_contract::demo::protocol::{Call, FromWorker, ToWorker};
    use credit_engine::host::{DemoHost, Timing};
    use std::cell::RefCell;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    thread_local! {
        static HOST: RefCell<DemoHost> = RefCell::new(DemoHost::new());
    }

    fn scope() -> DedicatedWorkerGlobalScope {
        js_sys::global().unchecked_into()
    }

    fn post(message: &FromWorker) {
        match serde_json::to_string(message) {
            Ok(text) => {
                if let Err(e) = scope().post_message(&JsValue::from_str(&text)) {
                    web_sys::console::error_2(&"demo worker: could not post".into(), &e);
                }
            }
            Err(e) => web_sys::console::error_1(&format!("demo worker: {e}").into()),
        }
    }

    /// Posts an answer as two strings: the message without its body (JSON), then the body as
    /// it is, so the page neither unescapes nor parses a large body twice. Each answer goes
    /// out as soon as it is ready (measured: batching the answers of a dashboard's calls into
    /// one message made a global change slower, one long render instead of several short ones).
    fn answer(call: &Call) {
        let answered = HOST.with(|h| h.borrow_mut().answer(call));
        let mut meta = FromWorker::Answer {
            id: call.id,
            response: answered.response,
            state: answered.state,
        };
        let body = meta.take_body().unwrap_or_default();
        let Ok(meta) = serde_json::to_string(&meta) else {
            return;
        };
        let pair = js_sys::Array::of2(&JsValue::from_str(&meta), &JsValue::from_str(&body));
        if let Err(e) = scope().post_message(&pair) {
            web_sys::console::error_2(&"demo worker: could not post".into(), &e);
        }
    }

    fn on_message(event: MessageEvent) {
        let Some(text) = event.data().as_string() else {
            post(&FromWorker::Unreadable {
                id: None,
                detail: "a message that is not text".into(),
            });
            return;
        };
        let message = match serde_json::from_str::<ToWorker>(&text) {
            Ok(m) => m,
            Err(e) => {
                let id = serde_json::from_str::<serde_json::Value>(&text)
                    .ok()
                    .and_then(|v| v.get("id").and_then(|id| id.as_u64()))
                    .and_then(|id| u32::try_from(id).ok());
                post(&FromWorker::Unreadable {
                    id,
                    detail: e.to_string(),
                });
                return;
            }
        };
        match message {
            ToWorker::Call(call) => match DemoHost::timing(&call, js_sys::Math::random()) {
                Timing::Never => {}
                Timing::After(0) => answer(&call),
                Timing::After(ms) => {
                    let later = Closure::once_into_js(move || answer(&call));
                    let ms = i32::try_from(ms).unwrap_or(i32::MAX);
                    if scope()
                        .set_timeout_with_callback_and_timeout_and_arguments_0(
                            later.unchecked_ref(),
                            ms,
                        )
                        .is_err()
                    {
                        web_sys::console::error_1(&"demo worker: no timer".into());
                    }
                }
            },
            ToWorker::Reset { session } => HOST.with(|h| h.borrow_mut().reset(session)),
            ToWorker::Close { session } => HOST.with(|h| h.borrow_mut().close(session)),
        }
    }

    pub fn start() {
        let handler = Closure::<dyn Fn(MessageEvent)>::new(on_message);
        scope().set_onmessage(Some(handler.as_ref().unchecked_ref()));
        handler.forget();
        post(&FromWorker::Ready);
    }
}

fn main() {
    #[cfg(target_arch = "wasm32")]
    worker::start();
}
