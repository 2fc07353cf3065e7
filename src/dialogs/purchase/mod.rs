//! Buying credits: the dialog (here), what a confirmation does (`flow`), the form's parts
//! (`form`), and the page's line about a purchase whose dialog was closed (`receipt`).

mod flow;
mod form;
mod receipt;

use super::Modal;
use crate::api::types::Pricing;
use crate::components::error_notice::ErrorNotice;
use crate::domain::pricing::parse_amount;
use crate::platform::format;
use crate::platform::ids::unique_id;
use crate::state::app_context::AppContext;
use crate::state::preview::Preview;
use crate::state::remote::{use_remote, Fetched, Remote};
use flow::{use_purchase, Outcome, PurchaseFlow};
use form::{outcome_notice, packs, price_line};
use leptos::prelude::*;
use receipt::PurchaseReceipt;

/// Buy credits: a pack or a custom amount, the price before confirming, one purchase per
/// confirmation however often it is clicked, and the new balance afterwards.
#[component]
pub fn PurchaseDialog(
    open: RwSignal<bool>,
    /// Why the viewer may not buy credits (not an admin), if so.
    #[prop(optional, into)]
    denied: Signal<Option<String>>,
) -> impl IntoView {
    let app = AppContext::expect();
    // The gallery's dialogs run on accounts of their own and keep nothing for the tab.
    let preview = Preview::current();
    let remember = !preview.inline_dialogs;
    let Fetched {
        state: pricing,
        retry: retry_pricing,
    } = use_prices(open);
    let preset_input = preview.dialog_input();
    let touched = RwSignal::new(preset_input.is_some());
    let amount = RwSignal::new(preset_input.unwrap_or_default());
    let help_id = unique_id("purchase-help");
    let flow = use_purchase(
        open,
        remember,
        // The form starts over: Confirm waits for a new amount.
        Callback::new(move |()| {
            amount.set(String::new());
            touched.set(false);
        }),
    );
    let PurchaseFlow {
        pending,
        outcome,
        receipt,
        ..
    } = flow;
    if let Some(credits) = flow.restored {
        amount.set(credits.to_string());
        touched.set(true);
    }
    let unconfirmed = move || flow.unconfirmed();
    let parsed = move || {
        pricing.with(|p| p.latest()).map(|p: Pricing| {
            (
                parse_amount(&amount.get(), &p, &|n| format::count(n as f64)),
                p,
            )
        })
    };
    let confirm = move || {
        if pending.get_untracked() || denied.get_untracked().is_some() {
            return;
        }
        touched.set(true);
        let asked = match parsed() {
            Some((Ok(credits), _)) => Some(credits),
            _ => None,
        };
        flow.confirm.run(asked);
    };
    let edit_amount = move |text: String| flow.edit_amount(amount, text);
    preview.submit_when_ready(move || pricing.with(|p| p.latest().is_some()), confirm);
    // In demo mode the dialog says that nothing is really bought.
    let demo = AppContext::expect().is_mock();
    let history = app.link("/billing/history");
    view! {
        <PurchaseReceipt receipt=receipt history=history return_focus="action-purchase" />
        <Modal open=open testid="dialog-purchase" title="Purchase credits">
            {move || match pricing.get() {
                Remote::Loading(None) => view! { <p class="muted">"Loading prices…"</p> }.into_any(),
                Remote::Failed(e) => view! { <ErrorNotice error=e on_retry=retry_pricing /> }.into_any(),
                Remote::Loading(Some(p)) | Remote::Ready(p) | Remote::Stale(_, p) => {
                    let limits = format!(
                        "A whole number from {} to {}.",
                        format::count(p.min_purchase as f64),
                        format::count(p.max_purchase as f64)
                    );
                    view! {
                        <form
                            class="dialog-body"
                            on:submit=move |ev| {
                                ev.prevent_default();
                                confirm();
                            }
                        >
                            <fieldset class="packs">
                                <legend class="field-label">"Packs"</legend>
                                {packs(&p, amount, move || unconfirmed() || pending.get(), move |credits: u64| {
                                    edit_amount(credits.to_string());
                                    touched.set(true);
                                })}
                            </fieldset>
                            {amount_field(AmountField {
                                amount,
                                touched,
                                pending,
                                help_id: help_id.clone(),
                                limits,
                                invalid: Signal::derive(move || matches!(parsed(), Some((Err(_), _)) if touched.get())),
                                locked: Signal::derive(move || unconfirmed() || pending.get()),
                                edit: Callback::new(edit_amount),
                            })}
                            {price_line(parsed, unconfirmed, move || touched.get() && !matches!(outcome.get(), Some(Outcome::Bought(_))))}
                            {purchase_notes(demo, flow, denied)}
                            {purchase_actions(open, flow, denied, amount)}
                        </form>
                    }
                        .into_any()
                }
            }}
        </Modal>
    }
}

/// The prices, asked for each time the dialog opens, and only then: a closed dialog sends
/// nothing, and its last prices stay until the next opening's answer replaces them.
fn use_prices(open: RwSignal<bool>) -> Fetched<Pricing> {
    let app = AppContext::expect();
    use_remote(
        move || open.get().then(|| app.api()),
        |api| async move {
            match api {
                Some(api) => api.pricing().await,
                None => std::future::pending().await,
            }
        },
    )
}

/// What the form says besides the price: demo data, the last purchase's outcome, why the
/// viewer may not buy, and that a purchase under way goes on when the dialog closes.
fn purchase_notes(demo: bool, flow: PurchaseFlow, denied: Signal<Option<String>>) -> impl IntoView {
    let pending = flow.pending;
    view! {
        {demo.then(|| view! {
            <p class="field-hint muted" data-testid="purchase-demo-note">
                "Demo data: buying here adds credits to the demo account only. No card is charged."
            </p>
        })}
        {outcome_notice(flow.outcome)}
        {move || denied.get().map(|why| view! { <p class="field-hint muted" data-testid="purchase-denied">{why}</p> })}
        {move || pending.get().then(|| view! {
            <p class="field-hint muted" data-testid="purchase-in-flight">
                "The amount is locked while this purchase completes. Closing the dialog does not stop it: its outcome will show on the page."
            </p>
        })}
    }
}

/// Cancel (Close after a purchase) and Confirm (Check again when the outcome is unknown).
fn purchase_actions(
    open: RwSignal<bool>,
    flow: PurchaseFlow,
    denied: Signal<Option<String>>,
    amount: RwSignal<String>,
) -> impl IntoView {
    let PurchaseFlow {
        pending, outcome, ..
    } = flow;
    view! {
        <div class="dialog-actions">
            <button type="button" class="btn" data-testid="purchase-cancel" disabled=pending on:click=move |_| open.set(false)>
                {move || if matches!(outcome.get(), Some(Outcome::Bought(_))) { "Close" } else { "Cancel" }}
            </button>
            <button
                type="submit"
                class="btn btn-primary"
                data-testid="purchase-confirm"
                disabled=move || {
                    pending.get() || denied.get().is_some()
                        || (matches!(outcome.get(), Some(Outcome::Bought(_))) && amount.with(|a| a.trim().is_empty()))
                }
            >
                {move || if pending.get() {
                    "Purchasing…"
                } else if flow.unconfirmed() {
                    "Check again"
                } else {
                    "Confirm purchase"
                }}
            </button>
        </div>
    }
}

/// The amount field and what it needs.
struct AmountField {
    amount: RwSignal<String>,
    touched: RwSignal<bool>,
    pending: RwSignal<bool>,
    help_id: String,
    /// "A whole number from 100 to 1,000,000."
    limits: String,
    invalid: Signal<bool>,
    /// Read-only: a purchase is under way or not confirmed.
    locked: Signal<bool>,
    edit: Callback<String>,
}

fn amount_field(f: AmountField) -> impl IntoView {
    let AmountField {
        amount,
        touched,
        pending,
        help_id,
        limits,
        invalid,
        locked,
        edit,
    } = f;
    view! {
        <label class="field">
            <span class="field-label">"Credits to buy"</span>
            <input
                class="input"
                inputmode="numeric"
                autocomplete="off"
                data-testid="purchase-amount"
                aria-describedby=help_id.clone()
                aria-invalid=move || invalid.get().to_string()
                readonly=move || locked.get()
                aria-disabled=move || pending.get().to_string()
                prop:value=move || amount.get()
                on:input=move |ev| edit.run(event_target_value(&ev))
                on:blur=move |_| touched.set(true)
            />
            <span class="field-hint muted" id=help_id>{limits}</span>
        </label>
    }
}
