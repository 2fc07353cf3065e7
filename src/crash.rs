//! A panic must not leave a dead page: the hook logs it and lays a message with a Reload button
//! over the app. Plain DOM calls, since the reactive system may be what failed.

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

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
    let Ok(el) = doc.create_element("div") else {
        return;
    };
    el.set_id("crash");
    el.set_class_name("crash");
    let _ = el.set_attribute("role", "alertdialog");
    let _ = el.set_attribute("aria-labelledby", "crash-title");
    let _ = el.set_attribute("data-testid", "crash");
    el.set_inner_html(&format!(
        "<div class=\"card crash-box\"><h2 id=\"crash-title\">Something went wrong</h2>\
         <p>The dashboard hit an unexpected error and stopped. Nothing you saved is lost: \
         purchases and settings are kept by the billing service.</p>\
         <p><button class=\"btn btn-primary\" onclick=\"location.reload()\">Reload the page</button></p>\
         <details><summary>Technical details</summary><pre>{}</pre></details></div>",
        escape(detail)
    ));
    let _ = body.append_child(&el);
}
