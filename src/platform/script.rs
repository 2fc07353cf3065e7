//! Classic scripts loaded when a part of the page first needs them (the chart library): one
//! `<script>` per source however many callers wait for it, and after a failure the next call
//! tries again with a fresh element.

use std::cell::RefCell;
use std::collections::HashMap;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

/// A load on its way or done: the promise its callers wait on and the element it added.
#[derive(Clone)]
struct Load {
    promise: js_sys::Promise,
    element: web_sys::Element,
}

thread_local! {
    /// Loads started on this page, by source; a failed one is forgotten so Retry starts anew.
    static LOADS: RefCell<HashMap<String, Load>> = RefCell::new(HashMap::new());
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
    let existing = LOADS.with(|l| l.borrow().get(src).cloned());
    let load = match existing {
        Some(load) => load,
        None => {
            let load = start(src).ok_or_else(failed)?;
            LOADS.with(|l| l.borrow_mut().insert(src.to_string(), load.clone()));
            load
        }
    };
    match JsFuture::from(load.promise.clone()).await {
        Ok(_) => Ok(()),
        Err(_) => {
            forget_load(src, &load);
            Err(failed())
        }
    }
}

/// Forgets the load of `src` (and removes its element), so the next `load` asks again: for a
/// script that loaded but did not do what it should (a host that answers a missing file with
/// its index.html, status 200).
pub fn forget(src: &str) {
    if let Some(load) = LOADS.with(|l| l.borrow().get(src).cloned()) {
        forget_load(src, &load);
    }
}

/// Drops `load` if it is still the one on record for `src` (a newer one, started by a Retry in
/// the meantime, stays).
fn forget_load(src: &str, load: &Load) {
    LOADS.with(|l| {
        let mut loads = l.borrow_mut();
        if loads
            .get(src)
            .is_some_and(|current| js_sys::Object::is(&current.promise, &load.promise))
        {
            loads.remove(src);
        }
    });
    load.element.remove();
}

/// Appends the `<script>` and returns the load, settled by its load or error event.
fn start(src: &str) -> Option<Load> {
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
    Some(Load {
        promise,
        element: script,
    })
}
