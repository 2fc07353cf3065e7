//! Purchase credits, auto-recharge and recalculate: native `<dialog>` elements opened with
//! `showModal()` (focus moves in and returns to the opener, Escape closes, the page behind is
//! inert).

pub mod actions;
pub mod alerts;
pub mod auto_recharge;
pub mod purchase;
pub mod recalculate;

use crate::api::ApiError;
use crate::platform::ids::unique_id;
use crate::state::preview::Preview;
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
    let title_id = unique_id(&format!("{testid}-title"));
    let inline = Preview::current().inline_dialogs;
    Effect::new(move |_| {
        let want = open.get();
        if let Some(d) = node.get() {
            if want && !d.open() {
                if inline {
                    // The attribute, not show(): show() would move focus, and the gallery
                    // opens dozens of dialogs at once.
                    d.set_open(true);
                } else {
                    let _ = d.show_modal();
                }
            } else if !want && d.open() {
                d.close();
            }
        }
    });
    view! {
        <dialog
            node_ref=node
            class=if inline { "dialog dialog-inline" } else { "dialog" }
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

/// The foot of a settings dialog: why the viewer may not save, why the last save failed (the
/// form above keeps what was typed), Cancel and Save. Hooks: `{prefix}-denied`,
/// `{prefix}-failure`, `{prefix}-save`.
#[component]
pub fn SaveFooter(
    prefix: &'static str,
    /// What was not saved, as the failure says it: "The settings were".
    what: &'static str,
    open: RwSignal<bool>,
    pending: RwSignal<bool>,
    failure: RwSignal<Option<ApiError>>,
    #[prop(into)] denied: Signal<Option<String>>,
) -> impl IntoView {
    view! {
        {move || denied.get().map(|why| view! { <p class="field-hint muted" data-testid=format!("{prefix}-denied")>{why}</p> })}
        {move || failure.get().map(|e| view! {
            <p class="notice notice-error" role="alert" data-testid=format!("{prefix}-failure") data-error-kind=e.kind()>
                {format!("{what} not saved: {}", e.message())}
            </p>
        })}
        <div class="dialog-actions">
            <button type="button" class="btn" on:click=move |_| open.set(false)>"Cancel"</button>
            <button type="submit" class="btn btn-primary" data-testid=format!("{prefix}-save") disabled=move || pending.get() || denied.get().is_some()>
                {move || if pending.get() { "Saving…" } else { "Save" }}
            </button>
        </div>
    }
}
