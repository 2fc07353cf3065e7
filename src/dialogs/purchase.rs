use super::{dialog_preset, idempotency_key, submit_when_ready, Modal};
use crate::api::types::{Pricing, PurchaseResult};
use crate::api::ApiError;
use crate::app::use_app;
use crate::components::error_notice::ErrorNotice;
use crate::components::fetch::{use_remote, Remote};
use crate::domain::pricing::{parse_amount, price_of};
use crate::format;
use leptos::prelude::*;

/// Buy credits: a pack or a custom amount, the price before confirming, one purchase per
/// confirmation however often it is clicked, and the new balance afterwards.
#[component]
pub fn PurchaseDialog(open: RwSignal<bool>) -> impl IntoView {
    let app = use_app();
    let (pricing, retry_pricing) = use_remote(
        move || (open.get(), app.api()),
        |(_, api)| async move { api.pricing().await },
    );
    let preset = dialog_preset();
    let amount = RwSignal::new(
        preset
            .as_ref()
            .and_then(|p| p.input.clone())
            .unwrap_or_default(),
    );
    let touched = RwSignal::new(preset.as_ref().is_some_and(|p| p.input.is_some()));
    let pending = RwSignal::new(false);
    let outcome = RwSignal::new(None::<Result<PurchaseResult, ApiError>>);
    // One key per amount being confirmed: a retry of the same confirmation reuses it, so a lost
    // answer never buys twice; a new amount or a finished purchase gets a new key.
    let key = StoredValue::new((String::new(), String::new()));
    let parsed = move || {
        pricing.with(|p| p.latest()).map(|p: Pricing| {
            (
                parse_amount(&amount.get(), &p, &|n| format::count(n as f64)),
                p,
            )
        })
    };
    let confirm = move || {
        if pending.get_untracked() {
            return;
        }
        touched.set(true);
        let Some((Ok(credits), _)) = parsed() else {
            return;
        };
        let k = key.with_value(|(text, k)| {
            (text == &credits.to_string() && !k.is_empty()).then(|| k.clone())
        });
        let k = k.unwrap_or_else(|| {
            let fresh = idempotency_key();
            key.set_value((credits.to_string(), fresh.clone()));
            fresh
        });
        pending.set(true);
        outcome.set(None);
        let api = app.api();
        leptos::task::spawn_local(async move {
            let result = api.purchase(credits, &k).await;
            if result.is_ok() {
                key.set_value((String::new(), String::new()));
                app.data_changed();
            }
            outcome.set(Some(result));
            pending.set(false);
        });
    };
    submit_when_ready(
        &preset,
        move || pricing.with(|p| p.latest().is_some()),
        confirm,
    );
    let reset_and_close = move || {
        open.set(false);
    };
    // Opening again starts fresh after a success; after a failure the input stays.
    Effect::new(move |_| {
        if open.get() && outcome.with_untracked(|o| matches!(o, Some(Ok(_)))) {
            amount.set(String::new());
            touched.set(false);
            outcome.set(None);
        }
    });
    view! {
        <Modal open=open testid="dialog-purchase" title="Purchase credits">
            {move || match pricing.get() {
                Remote::Loading(None) => view! { <p class="muted">"Loading prices…"</p> }.into_any(),
                Remote::Failed(e) => view! { <ErrorNotice error=e on_retry=retry_pricing /> }.into_any(),
                Remote::Loading(Some(p)) | Remote::Ready(p) => {
                    let currency = p.currency.clone();
                    let packs = p
                        .packs
                        .iter()
                        .map(|pack| {
                            let credits = pack.credits;
                            let label = format!("{} credits", format::count(credits as f64));
                            let price = format::money(pack.price, &currency);
                            view! {
                                <button
                                    type="button"
                                    class="pack"
                                    aria-pressed=move || (amount.get().trim() == credits.to_string()).to_string()
                                    on:click=move |_| {
                                        amount.set(credits.to_string());
                                        touched.set(true);
                                    }
                                >
                                    <span class="pack-credits">{label}</span>
                                    <span class="pack-price muted">{price}</span>
                                </button>
                            }
                        })
                        .collect_view();
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
                                {packs}
                            </fieldset>
                            <label class="field">
                                <span class="field-label">"Credits to buy"</span>
                                <input
                                    class="input"
                                    inputmode="numeric"
                                    autocomplete="off"
                                    data-testid="purchase-amount"
                                    aria-describedby="purchase-help"
                                    aria-invalid=move || matches!(parsed(), Some((Err(_), _)) if touched.get()).to_string()
                                    prop:value=move || amount.get()
                                    on:input=move |ev| amount.set(event_target_value(&ev))
                                    on:blur=move |_| touched.set(true)
                                />
                                <span class="field-hint muted" id="purchase-help">{limits}</span>
                            </label>
                            {move || match parsed() {
                                Some((Err(msg), _)) if touched.get() => {
                                    view! { <p class="field-error" role="alert" data-testid="purchase-error">{msg}</p> }.into_any()
                                }
                                Some((Ok(n), p)) => {
                                    view! {
                                        <p class="price" data-testid="purchase-price">
                                            {format!("{} credits for ", format::count(n as f64))}
                                            <strong>{format::money(price_of(n, &p), &p.currency)}</strong>
                                        </p>
                                    }
                                        .into_any()
                                }
                                _ => view! { <p class="price muted">"Choose a pack or type an amount."</p> }.into_any(),
                            }}
                            {move || match outcome.get() {
                                Some(Ok(r)) => {
                                    view! {
                                        <p class="notice notice-ok" role="status" data-testid="purchase-success">
                                            {format!(
                                                "Purchased {} credits. You now have {} credits remaining this cycle.",
                                                format::count(r.purchase.credits as f64),
                                                format::credits(r.balance.remaining_credits.as_f64()),
                                            )}
                                        </p>
                                    }
                                        .into_any()
                                }
                                Some(Err(e)) => {
                                    view! {
                                        <p class="notice notice-error" role="alert" data-testid="purchase-failure" data-error-kind=e.kind()>
                                            {format!("The purchase did not go through: {}", e.message())}
                                        </p>
                                    }
                                        .into_any()
                                }
                                None => ().into_any(),
                            }}
                            <div class="dialog-actions">
                                <button type="button" class="btn" on:click=move |_| reset_and_close()>
                                    {move || if matches!(outcome.get(), Some(Ok(_))) { "Close" } else { "Cancel" }}
                                </button>
                                <button type="submit" class="btn btn-primary" data-testid="purchase-confirm" disabled=move || pending.get()>
                                    {move || if pending.get() { "Purchasing…" } else { "Confirm purchase" }}
                                </button>
                            </div>
                        </form>
                    }
                        .into_any()
                }
            }}
        </Modal>
    }
}
