//! Purchase credits, auto-recharge and recalculate: native `<dialog>` elements opened with
//! `showModal()` (focus moves in and returns to the opener, Escape closes, the page behind is
//! inert).

pub mod actions;
pub mod auto_recharge;
pub mod purchase;
pub mod recalculate;

use leptos::html::Dialog;
use leptos::prelude::*;

/// A modal dialog shown while `open` is true. Escape or Cancel set it back to false.
#[component]
pub fn Modal(
    /// Whether the dialog is shown.
    open: RwSignal<bool>,
    /// The dialog's `data-testid`.
    testid: &'static str,
    /// The dialog's title (labels it).
    title: &'static str,
    children: Children,
) -> impl IntoView {
    let node = NodeRef::<Dialog>::new();
    let title_id = format!("{testid}-title");
    Effect::new(move |_| {
        let want = open.get();
        if let Some(d) = node.get() {
            if want && !d.open() {
                let _ = d.show_modal();
            } else if !want && d.open() {
                d.close();
            }
        }
    });
    view! {
        <dialog
            node_ref=node
            class="dialog"
            data-testid=testid
            aria-labelledby=title_id.clone()
            on:close=move |_| open.set(false)
        >
            <div class="dialog-head">
                <h2 id=title_id.clone()>{title}</h2>
                <button class="btn btn-ghost dialog-x" aria-label="Close dialog" on:click=move |_| open.set(false)>"✕"</button>
            </div>
            {children()}
        </dialog>
    }
}

/// A fresh key for one purchase confirmation.
pub fn idempotency_key() -> String {
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.random_uuid())
        .unwrap_or_else(|| format!("k-{}", js_sys::Date::now()))
}
