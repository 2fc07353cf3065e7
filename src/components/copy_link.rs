//! "Copy link": an address on the clipboard, with a status that says so. Where the browser
//! refuses, the address is shown selected, to copy by hand.

use crate::state::action::use_action;
use leptos::leptos_dom::helpers::TimeoutHandle;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Puts `text` on the clipboard; false where the browser has no clipboard or refuses.
pub async fn write_clipboard(text: &str) -> bool {
    let copied = async {
        let navigator = js_sys::Reflect::get(&js_sys::global(), &"navigator".into()).ok()?;
        let clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into()).ok()?;
        let write: js_sys::Function = js_sys::Reflect::get(&clipboard, &"writeText".into())
            .ok()?
            .dyn_into()
            .ok()?;
        let promise: js_sys::Promise = write
            .call1(&clipboard, &text.into())
            .ok()?
            .dyn_into()
            .ok()?;
        wasm_bindgen_futures::JsFuture::from(promise).await.ok()
    };
    copied.await.is_some()
}

/// A button that copies an address: by default the page's own (the dashboard's filters,
/// drill-down and report choices are in it), or the one `url` gives when clicked. `testid`
/// names the button and `{testid}-status` its status.
#[component]
pub fn CopyLink(
    #[prop(optional)] url: Option<Callback<(), String>>,
    #[prop(default = "copy-link")] testid: &'static str,
    #[prop(default = "Copy link")] label: &'static str,
    /// The button's accessible name where `label` alone says too little (many on one page).
    #[prop(optional, into)]
    aria_label: Option<String>,
    #[prop(optional)] compact: bool,
) -> impl IntoView {
    // None: nothing done yet; Some(Ok): copied; Some(Err(url)): shown to copy by hand.
    let write = use_action(|url: String| async move {
        if write_clipboard(&url).await {
            Ok(())
        } else {
            Err(url)
        }
    });
    let outcome = write.outcome;
    // "Link copied" goes after four seconds; an address to copy by hand stays.
    let timer = StoredValue::new(None::<TimeoutHandle>);
    let forget = move || {
        if let Some(Some(t)) = timer.try_update_value(Option::take) {
            t.clear();
        }
    };
    Effect::new(move |_| {
        if matches!(outcome.get(), Some(Ok(()))) {
            forget();
            let handle = set_timeout_with_handle(
                move || {
                    outcome.try_update(|o| {
                        if matches!(o, Some(Ok(()))) {
                            *o = None;
                        }
                    });
                },
                std::time::Duration::from_secs(4),
            );
            timer.set_value(handle.ok());
        }
    });
    on_cleanup(forget);
    let copy = move |_| {
        let url = match url {
            Some(u) => u.run(()),
            None => match web_sys::window().and_then(|w| w.location().href().ok()) {
                Some(href) => href,
                None => return,
            },
        };
        write.run.run(url);
    };
    view! {
        <div class="copy-link" class:copy-link-compact=compact>
            <button type="button" class=if compact { "btn-link" } else { "btn" } data-testid=testid aria-label=aria_label on:click=copy>
                {label}
            </button>
            <span class="copy-link-status" role="status" data-testid=format!("{testid}-status")>
                {move || match outcome.get() {
                    Some(Ok(())) => view! { <span class="muted">"Link copied"</span> }.into_any(),
                    Some(Err(url)) => {
                        view! {
                            <label class="copy-link-manual">
                                <span class="muted">"Copy this link: "</span>
                                <input
                                    class="input"
                                    readonly
                                    prop:value=url
                                    on:focus=|ev| {
                                        if let Some(i) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                                            i.select();
                                        }
                                    }
                                />
                            </label>
                        }
                            .into_any()
                    }
                    None => ().into_any(),
                }}
            </span>
        </div>
    }
}
