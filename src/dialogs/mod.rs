//! Purchase credits, auto-recharge and recalculate: native `<dialog>` elements opened with
//! `showModal()` (focus moves in and returns to the opener, Escape closes, the page behind is
//! inert).

pub mod actions;
pub mod auto_recharge;
pub mod purchase;
pub mod recalculate;

use leptos::html::Dialog;
use leptos::prelude::*;

/// Provided by the gallery: dialogs open in place, side by side, instead of over the page.
#[derive(Clone, Copy, Debug)]
pub struct InlineDialogs;

/// Provided by the gallery to put a dialog in a given state: `input` goes into the dialog's
/// main field (the purchase amount, the recharge amount) and `submit` submits the form once it
/// is ready.
#[derive(Clone, Debug, Default)]
pub struct DialogPreset {
    pub input: Option<String>,
    pub submit: bool,
}

/// The preset of the dialogs below, if one was provided.
pub fn dialog_preset() -> Option<DialogPreset> {
    use_context::<DialogPreset>()
}

/// Submits a dialog's form once, as soon as `ready` holds, when the preset asks for it.
pub fn submit_when_ready(
    preset: &Option<DialogPreset>,
    ready: impl Fn() -> bool + 'static,
    submit: impl Fn() + 'static,
) {
    if !preset.as_ref().is_some_and(|p| p.submit) {
        return;
    }
    let done = StoredValue::new(false);
    Effect::new(move |_| {
        if ready() && !done.get_value() {
            done.set_value(true);
            submit();
        }
    });
}

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
    let title_id = format!("{testid}-title-{}", next_dialog_id());
    let inline = use_context::<InlineDialogs>().is_some();
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

/// Title ids stay unique when the gallery shows many dialogs at once.
fn next_dialog_id() -> u32 {
    static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}
