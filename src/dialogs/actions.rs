use super::alerts::AlertsDialog;
use super::auto_recharge::AutoRechargeDialog;
use super::purchase::PurchaseDialog;
use super::recalculate::RecalculateDialog;
use crate::api::types::AutoRechargeSettings;
use crate::state::app_context::AppContext;
use crate::state::recalculation::Recalculation;

use crate::components::error_notice::InlineFailure;
use crate::domain::pricing::{price_of, rate_per_1000, recharge_rule, recharge_saved_text};
use crate::platform::focus::focus_testid;
use crate::platform::format;
use crate::platform::ids::unique_id;
use crate::platform::storage::{self, Kept};
use crate::state::dash::{DashAnswers, RechargeTerms};
use crate::state::preview::Preview;
use leptos::portal::Portal;
use leptos::prelude::*;

/// The tab remembers that the auto-recharge banner was put away ("Not now").
const BANNER_DISMISSED_KEY: &str = "credit-dash:auto-recharge-banner-dismissed";

/// The banner that says auto-recharge is off, with Enable now (`enable`), Learn more and Not
/// now.
fn recharge_banner(
    enabled: impl Fn() -> Option<bool> + Copy + Send + Sync + 'static,
    denied: Signal<Option<String>>,
    enable: Callback<()>,
) -> AnyView {
    let recharge = DashAnswers::expect().recharge;
    let learn_more = RwSignal::new(false);
    // On the dashboard the banner docks at the window's foot (style/dialogs.css): it arrives
    // after the widgets have painted and docked it moves none of them. The gallery shows it in
    // its card.
    let inline = Preview::current().inline_dialogs;
    let banner_class = if inline {
        "banner notice notice-warn"
    } else {
        "banner notice notice-warn banner-docked"
    };
    // "Not now" hides the banner for this tab (the gallery's card always shows it).
    let banner_dismissed =
        RwSignal::new(!inline && storage::get(Kept::Tab, BANNER_DISMISSED_KEY).is_some());
    let dismiss_banner = move |_| {
        banner_dismissed.set(true);
        if !inline {
            storage::set(Kept::Tab, BANNER_DISMISSED_KEY, "1");
        }
        // The button goes with the banner: focus moves to the auto-recharge action.
        focus_testid("action-auto-recharge");
    };
    let banner = move || {
        view! {
            <Show when=move || enabled() == Some(false) && !banner_dismissed.get()>
                <div class=banner_class role="region" aria-label="Auto-recharge" data-testid="auto-recharge-banner">
                    <div class="banner-text">
                        <strong>"Auto-recharge is not enabled"</strong>
                        <span class="muted">" When credits run out, Smart Flows, AI Copilot and AI Pilots stop until you buy more."</span>
                        <Show when=move || learn_more.get()>
                            <p class="learn-more" data-testid="auto-recharge-learn-more">
                                {move || recharge.latest().map(|t| learn_more_text(&t))}
                            </p>
                        </Show>
                    </div>
                    <div class="banner-actions">
                        <button class="btn btn-primary" disabled=move || denied.get().is_some() on:click=move |_| enable.run(())>"Enable now"</button>
                        <button class="btn btn-ghost" aria-expanded=move || learn_more.get().to_string() on:click=move |_| learn_more.update(|l| *l = !*l)>
                            "Learn more"
                        </button>
                        <button class="btn btn-ghost" data-testid="auto-recharge-banner-dismiss" aria-label="Not now: hide this until the tab is closed" on:click=dismiss_banner>
                            "Not now"
                        </button>
                    </div>
                </div>
            </Show>
        }
    };
    // Docked at the window's foot, the banner comes last in the page's order too (a portal at
    // the end of the body), so Tab reaches the filters and the figures before it (issue 28
    // item 14). In the gallery's card it stays where it is shown.
    if inline {
        banner().into_any()
    } else {
        view! { <Portal>{banner}</Portal> }.into_any()
    }
}

/// What auto-recharge does, with the account's own threshold, amount and prices.
fn learn_more_text(terms: &RechargeTerms) -> String {
    let RechargeTerms {
        settings: ar,
        pricing: p,
    } = terms;
    format!(
        "Auto-recharge buys credits with your saved card whenever your remaining credits fall below a threshold you choose (for example {} credits). Credits cost {} per 1,000 at that amount's volume tier; a recharge of {} credits costs {}. You can cap the number of recharges per month and turn it off at any time.",
        format::count(ar.threshold_credits as f64),
        format::money(rate_per_1000(ar.recharge_credits, p), &p.currency),
        format::count(ar.recharge_credits as f64),
        format::money(price_of(ar.recharge_credits, p), &p.currency),
    )
}

/// The dashboard's actions (Purchase credits, Recalculate, Auto-recharge On/Off, Alerts) and the
/// "Auto-recharge is not enabled" banner, with their dialogs.
#[component]
pub fn DashboardActions(
    /// Whether the alerts dialog is open (shared with the line of fired alerts, which opens
    /// it too).
    #[prop(optional)]
    alerts_open: Option<RwSignal<bool>>,
) -> impl IntoView {
    let alerts_open = alerts_open.unwrap_or_else(|| RwSignal::new(false));
    let purchase_open = RwSignal::new(false);
    let recharge_open = RwSignal::new(false);
    let recalc_open = RwSignal::new(false);
    // The app's recalculation (a gallery card's own in the gallery): it goes on when the
    // dialog closes or the admin leaves the dashboard.
    let recalc = Recalculation::expect();
    let turn_on = RwSignal::new(false);
    let saved_note = RwSignal::new(None::<String>);
    let app = AppContext::expect();
    let answers = DashAnswers::expect();
    let recharge = answers.recharge;
    let enabled = move || recharge.latest().map(|t| t.settings.enabled);
    let denied = Signal::derive(move || app.denied_billing());
    let denied_id = unique_id("actions-denied");
    let described_by = {
        let id = denied_id.clone();
        move || denied.get().map(|_| id.clone())
    };
    let described_by_alerts = described_by.clone();
    let count = |n: u64| format::count(n as f64);
    let rule = move || {
        recharge
            .latest()
            .filter(|t| t.settings.enabled)
            .map(|t| recharge_rule(&t.settings.settings(), &count))
    };
    let on_saved = Callback::new(move |s: AutoRechargeSettings| {
        saved_note.set(Some(recharge_saved_text(&s, &count)))
    });
    let docked_or_inline = recharge_banner(
        enabled,
        denied,
        Callback::new(move |()| {
            turn_on.set(true);
            recharge_open.set(true);
        }),
    );
    view! {
        <div class="dash-actions" role="group" aria-label="Credit actions">
            <button class="btn btn-primary" data-testid="action-purchase" aria-describedby=described_by.clone() on:click=move |_| purchase_open.set(true)>
                "Purchase credits"
            </button>
            <button class="btn" data-testid="action-recalculate" aria-describedby=described_by.clone() on:click=move |_| recalc_open.set(true)>
                {move || if recalc.state.get().is_running() { "Recalculating…" } else { "Recalculate" }}
            </button>
            <button class="btn btn-recharge" data-testid="action-auto-recharge" aria-describedby=described_by on:click=move |_| recharge_open.set(true)>
                <span class="recharge-label">
                    "Auto-recharge: "
                    <strong data-testid="auto-recharge-state">
                        {move || match enabled() {
                            Some(true) => "On",
                            Some(false) => "Off",
                            None if recharge.error().is_some() => "unknown",
                            None => "…",
                        }}
                    </strong>
                    {move || rule().map(|r| view! { <span class="muted recharge-rule" data-testid="auto-recharge-rule">{format!(" · {r}")}</span> })}
                </span>
            </button>
            <button class="btn" data-testid="action-alerts" aria-describedby=described_by_alerts on:click=move |_| alerts_open.set(true)>
                "Alerts"
            </button>
        </div>
        {move || denied.get().map(|why| view! { <p class="field-hint muted" id=denied_id.clone() data-testid="actions-denied">{why}</p> })}
        {move || saved_note.get().map(|note| view! {
            <p class="notice notice-ok" role="status" data-testid="auto-recharge-saved">
                {note}
                " "
                <button class="btn-link" on:click=move |_| saved_note.set(None)>"Dismiss"</button>
            </p>
        })}
        {docked_or_inline}
        <PurchaseDialog open=purchase_open denied=denied />
        <AutoRechargeDialog open=recharge_open current=Signal::derive(move || recharge.state.get()) on_retry=recharge.retry turn_on=turn_on on_saved=on_saved denied=denied />
        <RecalculateDialog open=recalc_open recalc=recalc denied=denied />
        <AlertsDialog open=alerts_open denied=denied />
        {move || {
            recharge
                .error()
                .map(|error| {
                    view! { <InlineFailure testid="auto-recharge-unavailable" what="Auto-recharge settings" error=error on_retry=recharge.retry /> }
                })
        }}
    }
}
