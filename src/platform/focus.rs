//! Moving focus to a control of the page found by its test hook: a notice or banner that is put
//! away hands focus back to the control it belongs to instead of dropping it to the page.

use wasm_bindgen::JsCast;

/// Focuses the element with `data-testid` equal to `testid`, if there is one.
pub fn focus_testid(testid: &str) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| {
            d.query_selector(&format!("[data-testid={testid}]"))
                .ok()
                .flatten()
        })
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}
