//! What a confirmation does: one purchase per confirmation however often it is clicked (an
//! idempotency key for the amount being confirmed, kept for the tab until a definite answer), what
//! became of it, and what the page says of a purchase whose dialog was closed before its answer.

use crate::api::types::PurchaseResult;
use crate::api::ApiError;
use crate::platform::idempotency::{new_key, PendingPurchase};
use crate::state::app_context::AppContext;
use crate::state::write::{use_write, Write};
use leptos::prelude::*;

/// What became of the last confirmation.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Outcome {
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
pub(super) enum Receipt {
    /// Still waiting for the answer (the credits asked for).
    Completing(u64),
    Settled(Outcome),
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

/// What [`use_purchase`] gives the dialog.
#[derive(Clone, Copy)]
pub(super) struct PurchaseFlow {
    /// A purchase is under way (its amount is locked).
    pub pending: RwSignal<bool>,
    /// What became of the last confirmation.
    pub outcome: RwSignal<Option<Outcome>>,
    /// What the page says of a purchase whose dialog was closed before its answer came.
    pub receipt: RwSignal<Option<Receipt>>,
    /// The credits of a purchase this tab did not see confirmed before a reload, to check again.
    pub restored: Option<u64>,
    /// Confirms a purchase of the credits asked for (`None`: the field does not hold a valid
    /// amount), or checks again the one not confirmed, with its own amount and key.
    pub confirm: Callback<Option<u64>>,
}

impl PurchaseFlow {
    /// Whether the last purchase has no definite answer yet (the dialog offers "Check again").
    pub fn unconfirmed(&self) -> bool {
        matches!(self.outcome.get(), Some(Outcome::Unconfirmed { .. }))
    }

    /// The admin types `text` in the amount field. Typing a new amount after a definite answer
    /// leaves that answer behind; the amount of a purchase not confirmed stays.
    pub fn edit_amount(&self, amount: RwSignal<String>, text: String) {
        if self.unconfirmed() {
            return;
        }
        if matches!(
            self.outcome.get_untracked(),
            Some(Outcome::Bought(_)) | Some(Outcome::Refused(_))
        ) && !text.is_empty()
        {
            self.outcome.set(None);
        }
        amount.set(text);
    }
}

/// The purchase flow of a dialog that `open` shows. `remember` keeps the pending purchase for
/// the tab (not in the gallery); `bought` is told when a purchase went through (the form starts
/// over).
pub(super) fn use_purchase(
    open: RwSignal<bool>,
    remember: bool,
    bought: Callback<()>,
) -> PurchaseFlow {
    let app = AppContext::expect();
    let outcome = RwSignal::new(None::<Outcome>);
    let receipt = RwSignal::new(None::<Receipt>);
    // One key per amount being confirmed: a retry of the same confirmation reuses it, so a lost
    // answer never buys twice; a definite answer ends it. Kept for the tab, so a reload before
    // the answer still checks the same purchase instead of making a second one.
    let key = StoredValue::new(None::<PendingPurchase>);
    let mut restored = None;
    if remember {
        if let Some(p) = PendingPurchase::load() {
            restored = Some(p.credits);
            outcome.set(Some(Outcome::Unconfirmed {
                credits: p.credits,
                error: ApiError::Network {
                    detail: "the page was reloaded before the answer came".into(),
                },
            }));
            key.set_value(Some(p));
        }
    }
    // A purchase and its outcome. Its answer lands even when the dialog has closed (and the
    // page's figures follow it); what the dialog shows is set only while it is there.
    let Write { pending, send, .. } = use_write(
        move |(credits, k): (u64, String)| {
            let api = app.api();
            async move {
                let end_key = || {
                    key.try_set_value(None);
                    if remember {
                        PendingPurchase::clear();
                    }
                };
                let next = match api.purchase(credits, &k).await {
                    Ok(r) => {
                        end_key();
                        app.data_changed();
                        Outcome::Bought(r)
                    }
                    Err(e) if refused(&e) => {
                        end_key();
                        Outcome::Refused(e)
                    }
                    Err(error) => Outcome::Unconfirmed { credits, error },
                };
                Ok::<_, ApiError>(next)
            }
        },
        move |next: Outcome| {
            if matches!(next, Outcome::Bought(_)) {
                // Only while the dialog is there (the admin may have moved on).
                bought.try_run(());
            }
            if open.try_get_untracked() == Some(false) {
                receipt.try_set(Some(Receipt::Settled(next.clone())));
            }
            outcome.try_set(Some(next));
        },
    );
    let confirm = Callback::new(move |asked: Option<u64>| {
        // An unconfirmed purchase is checked with its own amount and key, whatever the field says.
        let kept = key.get_value();
        let credits = match (&kept, asked) {
            (Some(p), _) => p.credits,
            (None, Some(credits)) => credits,
            (None, None) => return,
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
        send.run((credits, k));
    });
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
    PurchaseFlow {
        pending,
        outcome,
        receipt,
        restored,
        confirm,
    }
}
