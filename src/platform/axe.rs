//! axe-core in the page: the accessibility of one part of it, checked where it is drawn (the
//! gallery's cards). The script is axe-core from npm, put beside the app by
//! scripts/post-build.mjs and named by `<meta name="gallery-axe">`; it is loaded the first time
//! a check runs, so only a designer checking a card ever fetches it.

use crate::platform::script;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The rules checked: WCAG 2.1 A and AA and axe's best practices, as the e2e suite's audits.
pub const TAGS: [&str; 5] = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];

/// One rule broken, and where (the CSS selector of each element that breaks it).
#[derive(Clone, Debug, PartialEq)]
pub struct Violation {
    pub id: String,
    pub help: String,
    pub impact: Option<String>,
    pub places: Vec<String>,
}

/// Read from axe's result in place (no decoder generated for a designer's tool).
fn text(v: &JsValue, key: &str) -> Option<String> {
    js_sys::Reflect::get(v, &key.into()).ok()?.as_string()
}

fn items(v: &JsValue, key: &str) -> Vec<JsValue> {
    js_sys::Reflect::get(v, &key.into())
        .ok()
        .and_then(|a| a.dyn_into::<js_sys::Array>().ok())
        .map(|a| a.iter().collect())
        .unwrap_or_default()
}

fn violation(v: &JsValue) -> Violation {
    let places = items(v, "nodes")
        .iter()
        .map(|n| {
            // A selector, or a list of them through shadow roots.
            items(n, "target")
                .iter()
                .map(|t| {
                    t.as_string().unwrap_or_else(|| {
                        js_sys::JSON::stringify(t)
                            .ok()
                            .and_then(|s| s.as_string())
                            .unwrap_or_default()
                    })
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    Violation {
        id: text(v, "id").unwrap_or_else(|| "unnamed rule".to_string()),
        help: text(v, "help").unwrap_or_default(),
        impact: text(v, "impact"),
        places,
    }
}

thread_local! {
    /// axe refuses to run twice at once: checks take turns.
    static TURN: std::rc::Rc<futures::lock::Mutex<()>> = Default::default();
}

fn axe_src() -> Option<String> {
    web_sys::window()?
        .document()?
        .query_selector("meta[name='gallery-axe']")
        .ok()??
        .get_attribute("content")
}

fn js_error(e: JsValue) -> String {
    js_sys::Reflect::get(&e, &"message".into())
        .ok()
        .and_then(|m| m.as_string())
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "unknown error".to_string())
}

/// The violations inside `el`, or why the check could not run.
pub async fn check(el: &web_sys::Element) -> Result<Vec<Violation>, String> {
    let turn = TURN.with(|t| t.clone());
    let _turn = turn.lock().await;
    // Gone while waiting its turn (the card was redrawn or the page left).
    if !el.is_connected() {
        return Err("The card was redrawn before its check ran.".to_string());
    }
    let src = axe_src().ok_or_else(|| {
        "This build has no axe-core beside it (scripts/post-build.mjs puts it there).".to_string()
    })?;
    script::load(&src)
        .await
        .map_err(|_| format!("axe-core did not load from {src}."))?;
    let axe = js_sys::Reflect::get(&js_sys::global(), &"axe".into()).map_err(js_error)?;
    let run: js_sys::Function = js_sys::Reflect::get(&axe, &"run".into())
        .map_err(js_error)?
        .dyn_into()
        .map_err(|_| format!("{src} is not axe-core."))?;
    let tags = TAGS.map(|t| format!("\"{t}\"")).join(",");
    let options = js_sys::JSON::parse(&format!(
        r#"{{"runOnly":{{"type":"tag","values":[{tags}]}},"resultTypes":["violations"]}}"#
    ))
    .map_err(js_error)?;
    let promise: js_sys::Promise = run
        .call2(&axe, el, &options)
        .map_err(js_error)?
        .dyn_into()
        .map_err(|_| "axe.run gave no promise.".to_string())?;
    let result = JsFuture::from(promise).await.map_err(js_error)?;
    Ok(items(&result, "violations").iter().map(violation).collect())
}
