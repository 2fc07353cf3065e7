//! A panic must not leave a dead page: the hook logs it and lays a message with a Reload button
//! over the app. Plain DOM calls, since the reactive system may be what failed; and no HTML
//! string or inline `onclick`, which the Content-Security-Policy (no 'unsafe-inline') would block.

use wasm_bindgen::JsCast;
use web_sys::{Document, Element};

pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show(&info.to_string());
    }));
}

fn show(detail: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = doc.body() else { return };
    if doc.get_element_by_id("crash").is_some() {
        return;
    }
    let Some(el) = overlay(&doc, detail) else {
        return;
    };
    let _ = body.append_child(&el);
}

/// A new `tag` element appended to `parent`, with a class and a text when given.
fn child(
    doc: &Document,
    parent: &Element,
    tag: &str,
    class: Option<&str>,
    text: Option<&str>,
) -> Option<Element> {
    let el = doc.create_element(tag).ok()?;
    if let Some(class) = class {
        el.set_class_name(class);
    }
    if let Some(text) = text {
        el.set_text_content(Some(text));
    }
    parent.append_child(&el).ok()?;
    Some(el)
}

/// The overlay: a title, what happened, a Reload button, and the panic message as text.
fn overlay(doc: &Document, detail: &str) -> Option<Element> {
    let el = doc.create_element("div").ok()?;
    el.set_id("crash");
    el.set_class_name("crash");
    let _ = el.set_attribute("role", "alertdialog");
    let _ = el.set_attribute("aria-labelledby", "crash-title");
    let _ = el.set_attribute("data-testid", "crash");

    let card = child(doc, &el, "div", Some("card crash-box"), None)?;
    let title = child(doc, &card, "h2", None, Some("Something went wrong"))?;
    title.set_id("crash-title");
    child(
        doc,
        &card,
        "p",
        None,
        Some(
            "The dashboard hit an unexpected error and stopped. Nothing you saved is lost: \
             purchases and settings are kept by the billing service.",
        ),
    )?;

    let actions = child(doc, &card, "p", None, None)?;
    let button = child(
        doc,
        &actions,
        "button",
        Some("btn btn-primary"),
        Some("Reload the page"),
    )?;
    let _ = button.set_attribute("type", "button");
    // The browser's own `location.reload`, bound to `location`: the click never calls back into
    // the wasm module that has just panicked (and, in release builds, aborted).
    if let Some(location) = web_sys::window().map(|w| w.location()) {
        let reload = js_sys::Reflect::get(&location, &"reload".into())
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
        if let Some(reload) = reload {
            let bound = reload.bind0(&location);
            let _ = button.add_event_listener_with_callback("click", &bound);
        }
    }

    let details = child(doc, &card, "details", None, None)?;
    child(doc, &details, "summary", None, Some("Technical details"))?;
    child(doc, &details, "pre", None, Some(detail))?;
    Some(el)
}
