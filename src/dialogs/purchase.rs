use super::Modal;
use crate::api::types::{Pricing, PurchaseResult};
use crate::api::ApiError;
use crate::components::error_notice::ErrorNotice;
use crate::domain::pricing::{better_pack, parse_amount, price_of, rate_per_1000};
use crate::platform::focus::focus_testid;
use crate::platform::format;
use crate::platform::idempotency::{new_key, PendingPurchase};
use crate::platform::ids::unique_id;
use crate::state::app_context::AppContext;
use crate::state::preview::Preview;
use crate::state::remote::{use_remote, Fetched, Remote};
use leptos::prelude::*;

/// What became of the last confirmation.
#[derive(Clone, Debug, PartialEq)]
enum Outcome {
    Bought(PurchaseResult),
    /// The service said no (a declined card, a refused amount): nothing was bought.
    Refused(ApiError),
    /// No definite answer (time-out, network, 5xx, unreadable answer): it may have gone through.
    /// Checking again resends the same key, which never buys twice.
    Unconfirmed {
        credits: u64,
        error: ApiError,
    },
}

/// The page's line about a purchase whose dialog was closed while it was in flight.
// One value in one signal a page: its size does not matter, and boxing the outcome would only
// make every match on it longer.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
enum Receipt {
    /// Still waiting for the answer (the credits asked for).
    Completing(u64),
    Settled(Outcome),
}

/// Says on the page what became of a purchase whose dialog was closed before its answer: that
/// it is completing, then its outcome, with a way to its row in the history; until dismissed or
/// the dialog is opened again. The live region is always on the page and only its content
/// changes, so screen readers announce each step.
#[component]
fn PurchaseReceipt(
    receipt: RwSignal<Option<Receipt>>,
    history: String,
    /// Where focus goes when the receipt is dismissed (the button that opens the dialog).
    return_focus: &'static str,
) -> impl IntoView {
    let line = move || {
        let r = receipt.get()?;
        let (class, kind, text) = match &r {
            Receipt::Completing(n) => (
                "notice",
                "completing",
                format!("Completing your purchase of {} credits…", format::count(*n as f64)),
            ),
            Receipt::Settled(Outcome::Bought(b)) => (
                "notice notice-ok",
                "bought",
                format!(
                    "Purchased {} credits for {}. You now have {} credits remaining this cycle.",
                    format::count(b.purchase.credits as f64),
                    format::money(b.purchase.price, &b.purchase.currency),
                    format::credits(b.balance.remaining_credits.as_f64()),
                ),
            ),
            Receipt::Settled(Outcome::Refused(e)) => (
                "notice notice-error",
                "refused",
                format!("The purchase did not go through: {}", e.message()),
            ),
            Receipt::Settled(Outcome::Unconfirmed { credits, .. }) => (
                "notice notice-warn",
                "unknown",
                format!(
                    "We could not confirm the purchase of {} credits. Open Purchase credits to check again: checking never buys twice.",
                    format::count(*credits as f64)
                ),
            ),
        };
        let bought = matches!(r, Receipt::Settled(Outcome::Bought(_)));
        let history = history.clone();
        let dismiss = move |_| {
            receipt.set(None);
            focus_testid(return_focus);
        };
        Some(view! {
            <div class=format!("{class} purchase-receipt") data-testid="purchase-receipt" data-outcome=kind>
                <p>
                    {text}
                    {bought.then(|| view! { " " <a href=history data-testid="purchase-receipt-history">"See it in the history"</a> })}
                </p>
                <button type="button" class="btn btn-ghost" aria-label="Dismiss" on:click=dismiss>"✕"</button>
            </div>
        })
    };
    view! { <div role="status" class="purchase-receipt-region">{line}</div> }
}

/// Whether an error is a definite "no" to a purchase (nothing was bought, so the next try is a
/// new purchase), rather than an unknown outcome.
fn refused(e: &ApiError) -> bool {
    matches!(
        e,
        ApiError::Rejected { .. }
            | ApiError::Forbidden
            | ApiError::NotFound { .. }
            | ApiError::Unauthorized
            | ApiError::RateLimited { .. }
    )
}

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
    } = use_remote(
        // Prices are asked for each time the dialog opens, and only then: a closed dialog sends
        // nothing, and its last prices stay until the next opening's answer replaces them.
        move || open.get().then(|| app.api()),
        |api| async move {
            match api {
                Some(api) => api.pricing().await,
                None => std::future::pending().await,
            }
        },
    );
    let preset_input = preview.dialog_input();
    let touched = RwSignal::new(preset_input.is_some());
    let amount = RwSignal::new(preset_input.unwrap_or_default());
    let help_id = unique_id("purchase-help");
    let pending = RwSignal::new(false);
    let outcome = RwSignal::new(None::<Outcome>);
    // What the page says of a purchase whose dialog was closed before its answer came.
    let receipt = RwSignal::new(None::<Receipt>);
    // One key per amount being confirmed: a retry of the same confirmation reuses it, so a lost
    // answer never buys twice; a definite answer ends it. Kept for the tab, so a reload before
    // the answer still checks the same purchase instead of making a second one.
    let key = StoredValue::new(None::<PendingPurchase>);
    if remember {
        if let Some(p) = PendingPurchase::load() {
            amount.set(p.credits.to_string());
            touched.set(true);
            outcome.set(Some(Outcome::Unconfirmed {
                credits: p.credits,
                error: ApiError::Network {
                    detail: "the page was reloaded before the answer came".into(),
                },
            }));
            key.set_value(Some(p));
        }
    }
    let unconfirmed = move || matches!(outcome.get(), Some(Outcome::Unconfirmed { .. }));
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
        // An unconfirmed purchase is checked with its own amount and key, whatever the field says.
        let kept = key.get_value();
        let credits = match &kept {
            Some(p) => p.credits,
            None => match parsed() {
                Some((Ok(credits), _)) => credits,
                _ => return,
            },
        };
        let k = kept.map(|p| p.key).unwrap_or_else(|| {
            let p = PendingPurchase {
                credits,
                key: new_key(),
            };
            if remember {
                p.save();
            }
            let k = p.key.clone();
            key.set_value(Some(p));
            k
        });
        pending.set(true);
        let api = app.api();
        leptos::task::spawn_local(async move {
            let result = api.purchase(credits, &k).await;
            let end_key = || {
                key.set_value(None);
                if remember {
                    PendingPurchase::clear();
                }
            };
            let next = match result {
                Ok(r) => {
                    end_key();
                    app.data_changed();
                    // The form starts over: Confirm waits for a new amount.
                    amount.set(String::new());
                    touched.set(false);
                    Outcome::Bought(r)
                }
                Err(e) if refused(&e) => {
                    end_key();
                    Outcome::Refused(e)
                }
                Err(error) => Outcome::Unconfirmed { credits, error },
            };
            // The page owning the dialog may be gone by now (the admin moved on): `try_`
            // reads and writes do nothing then.
            if open.try_get_untracked() == Some(false) {
                receipt.try_set(Some(Receipt::Settled(next.clone())));
            }
            outcome.set(Some(next));
            pending.set(false);
        });
    };
    // Typing a new amount after a definite answer leaves that answer behind.
    let edit_amount = move |text: String| {
        if !unconfirmed() {
            if matches!(
                outcome.get_untracked(),
                Some(Outcome::Bought(_)) | Some(Outcome::Refused(_))
            ) && !text.is_empty()
            {
                outcome.set(None);
            }
            amount.set(text);
        }
    };
    preview.submit_when_ready(move || pricing.with(|p| p.latest().is_some()), confirm);
    // Closing while a purchase is under way loses nothing: its answer lands here and reopening
    // shows it. Reopening after a success shows an empty form with no stale message.
    let seen_when_closed = StoredValue::new(false);
    Effect::new(move |prev: Option<bool>| {
        let now = open.get();
        match (prev, now) {
            (Some(true), false) => {
                if pending.get_untracked() {
                    let credits = key.with_value(|k| k.as_ref().map(|k| k.credits));
                    receipt.set(credits.map(Receipt::Completing));
                }
                seen_when_closed
                    .set_value(matches!(outcome.get_untracked(), Some(Outcome::Bought(_))))
            }
            // Reopened: the dialog shows the purchase itself (still in flight, or its outcome).
            (Some(false), true) => {
                receipt.set(None);
                if seen_when_closed.get_value() && !pending.get_untracked() {
                    seen_when_closed.set_value(false);
                    outcome.set(None);
                }
            }
            _ => {}
        }
        now
    });
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
                                    disabled=move || unconfirmed() || pending.get()
                                    on:click=move |_| {
                                        edit_amount(credits.to_string());
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
                                    aria-describedby=help_id.clone()
                                    aria-invalid=move || matches!(parsed(), Some((Err(_), _)) if touched.get()).to_string()
                                    readonly=move || unconfirmed() || pending.get()
                                    aria-disabled=move || pending.get().to_string()
                                    prop:value=move || amount.get()
                                    on:input=move |ev| edit_amount(event_target_value(&ev))
                                    on:blur=move |_| touched.set(true)
                                />
                                <span class="field-hint muted" id=help_id.clone()>{limits}</span>
                            </label>
                            {move || match parsed() {
                                _ if unconfirmed() => ().into_any(),
                                Some((Err(msg), _)) if touched.get() && !matches!(outcome.get(), Some(Outcome::Bought(_))) => {
                                    view! { <p class="field-error" role="alert" data-testid="purchase-error">{msg}</p> }.into_any()
                                }
                                Some((Ok(n), p)) => {
                                    let price = price_of(n, &p);
                                    let rate = rate_per_1000(n, &p);
                                    let better = better_pack(n, &p).map(|b| {
                                        format!(
                                            "The {} pack costs {}, no more than this.",
                                            format::count(b.credits as f64),
                                            format::money(b.price, &p.currency)
                                        )
                                    });
                                    view! {
                                        <p class="price" data-testid="purchase-price" data-value=price data-rate=rate>
                                            {format!("{} credits for ", format::count(n as f64))}
                                            <strong>{format::money(price, &p.currency)}</strong>
                                            <span class="muted">{format!(" · {} per 1,000", format::money(rate, &p.currency))}</span>
                                        </p>
                                        {better.map(|b| view! { <p class="field-hint" data-testid="purchase-better-pack">{b}</p> })}
                                    }
                                        .into_any()
                                }
                                _ => view! { <p class="price muted">"Choose a pack or type an amount."</p> }.into_any(),
                            }}
                            {demo.then(|| view! {
                                <p class="field-hint muted" data-testid="purchase-demo-note">
                                    "Demo data: buying here adds credits to the demo account only. No card is charged."
                                </p>
                            })}
                            {move || match outcome.get() {
                                Some(Outcome::Bought(r)) => {
                                    view! {
                                        <p class="notice notice-ok" role="status" data-testid="purchase-success">
                                            {format!(
                                                "Purchased {} credits for {}. You now have {} credits remaining this cycle.",
                                                format::count(r.purchase.credits as f64),
                                                format::money(r.purchase.price, &r.purchase.currency),
                                                format::credits(r.balance.remaining_credits.as_f64()),
                                            )}
                                        </p>
                                    }
                                        .into_any()
                                }
                                Some(Outcome::Refused(e)) => {
                                    view! {
                                        <p class="notice notice-error" role="alert" data-testid="purchase-failure" data-error-kind=e.kind() data-outcome="refused">
                                            {format!("The purchase did not go through: {}", e.message())}
                                        </p>
                                    }
                                        .into_any()
                                }
                                Some(Outcome::Unconfirmed { credits, error }) => {
                                    view! {
                                        <div class="notice notice-warn notice-stack" role="alert" data-testid="purchase-failure" data-error-kind=error.kind() data-outcome="unknown">
                                            <p>
                                                <strong>{format!("We could not confirm this purchase of {} credits.", format::count(credits as f64))}</strong>
                                                " It may have gone through. Check again to find out: checking never buys twice."
                                            </p>
                                            <p class="muted">{error.message()}</p>
                                        </div>
                                    }
                                        .into_any()
                                }
                                None => ().into_any(),
                            }}
                            {move || denied.get().map(|why| view! { <p class="field-hint muted" data-testid="purchase-denied">{why}</p> })}
                            {move || pending.get().then(|| view! {
                                <p class="field-hint muted" data-testid="purchase-in-flight">
                                    "The amount is locked while this purchase completes. Closing the dialog does not stop it: its outcome will show on the page."
                                </p>
                            })}
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
                                    } else if unconfirmed() {
                                        "Check again"
                                    } else {
                                        "Confirm purchase"
                                    }}
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
