//! Classic scripts loaded when a part of the page first needs them (the chart library): one
//! `<script>` per source however many callers wait for it, and after a failure the next call
//! tries again with a fresh element.

use std::cell::RefCell;
use std::collections::HashMap;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

thread_local! {
    /// Loads started on this page, by source; a failed one is forgotten so Retry starts anew.
    static LOADS: RefCell<HashMap<String, js_sys::Promise>> = RefCell::new(HashMap::new());
}

/// Why a script did not load.
#[derive(Clone, Debug, PartialEq)]
pub struct ScriptFailed {
    pub src: String,
}

/// Loads the classic script at `src` (once per page) and resolves when it has run.
pub async fn load(src: &str) -> Result<(), ScriptFailed> {
    let failed = || ScriptFailed {
        src: src.to_string(),
    };
    let promise = LOADS.with(|l| l.borrow().get(src).cloned());
    let promise = match promise {
        Some(p) => p,
        None => {
            let p = start(src).ok_or_else(failed)?;
            LOADS.with(|l| l.borrow_mut().insert(src.to_string(), p.clone()));
            p
        }
    };
    match JsFuture::from(promise).await {
        Ok(_) => Ok(()),
        Err(_) => {
            LOADS.with(|l| l.borrow_mut().remove(src));
            if let Some(old) = element(src) {
                old.remove();
            }
            Err(failed())
        }
    }
}

fn element(src: &str) -> Option<web_sys::Element> {
    let doc = web_sys::window()?.document()?;
    let list = doc.query_selector_all("script[data-loaded-by=app]").ok()?;
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<web_sys::Element>().ok())
        .find(|e| e.get_attribute("src").as_deref() == Some(src))
}

/// Appends the `<script>` and returns a promise settled by its load or error event.
fn start(src: &str) -> Option<js_sys::Promise> {
    let doc = web_sys::window()?.document()?;
    let script = doc.create_element("script").ok()?;
    script.set_attribute("src", src).ok()?;
    script.set_attribute("data-loaded-by", "app").ok()?;
    let head = doc.head()?;
    let mut settle = |resolve: js_sys::Function, reject: js_sys::Function| {
        let _ = js_sys::Reflect::set(&script, &JsValue::from_str("onload"), &resolve);
        let _ = js_sys::Reflect::set(&script, &JsValue::from_str("onerror"), &reject);
    };
    let promise = js_sys::Promise::new(&mut settle);
    head.append_child(&script).ok()?;
    Some(promise)
}
