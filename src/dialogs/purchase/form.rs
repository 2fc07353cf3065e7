//! The parts of the purchase form: the packs, the price of the amount typed, and what became of
//! the last confirmation.

use super::flow::Outcome;
use crate::api::types::Pricing;
use crate::domain::pricing::{better_pack, price_of, rate_per_1000};
use crate::platform::format;
use leptos::prelude::*;

/// The plan's packs, each a button that chooses its amount; pressed while the field holds it.
/// `amount` is the amount typed; while `locked` (a purchase completes or waits to be checked
/// again) nothing else can be chosen; `choose` takes a pack's credits.
pub(super) fn packs(
    pricing: &Pricing,
    amount: RwSignal<String>,
    locked: impl Fn() -> bool + Copy + Send + Sync + 'static,
    choose: impl Fn(u64) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let currency = pricing.currency.clone();
    pricing
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
                    disabled=locked
                    on:click=move |_| choose(credits)
                >
                    <span class="pack-credits">{label}</span>
                    <span class="pack-price muted">{price}</span>
                </button>
            }
        })
        .collect_view()
}

/// The price of the amount typed, with a cheaper pack when there is one; or why the amount
/// cannot be bought.
/// `parsed` is the amount read against the prices (none until they load); nothing is said while
/// `hidden` (a purchase waits to be checked again); a wrong amount is said to be wrong when
/// `show_error` (once touched, and not after a purchase).
pub(super) fn price_line(
    parsed: impl Fn() -> Option<(Result<u64, String>, Pricing)> + Send + Sync + 'static,
    hidden: impl Fn() -> bool + Send + Sync + 'static,
    show_error: impl Fn() -> bool + Send + Sync + 'static,
) -> impl IntoView {
    move || match parsed() {
        _ if hidden() => ().into_any(),
        Some((Err(msg), _)) if show_error() => {
            view! { <p class="field-error" role="alert" data-testid="purchase-error">{msg}</p> }
                .into_any()
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
    }
}

/// What became of the last confirmation: bought, refused, or not confirmed (with "Check again").
pub(super) fn outcome_notice(outcome: RwSignal<Option<Outcome>>) -> impl IntoView {
    move || {
        match outcome.get() {
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
    }
    }
}
