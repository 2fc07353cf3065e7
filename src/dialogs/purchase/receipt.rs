//! The page's line about a purchase whose dialog was closed while it was in flight.

use super::flow::{Outcome, Receipt};
use crate::platform::focus::focus_testid;
use crate::platform::format;
use leptos::prelude::*;

/// Says on the page what became of a purchase whose dialog was closed before its answer: that
/// it is completing, then its outcome, with a way to its row in the history; until dismissed or
/// the dialog is opened again. The live region is always on the page and only its content
/// changes, so screen readers announce each step.
#[component]
pub(super) fn PurchaseReceipt(
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
