use super::auto_recharge::AutoRechargeDialog;
use super::purchase::PurchaseDialog;
use super::recalculate::{RecalcState, RecalculateDialog};

use crate::components::fetch::Remote;
use crate::domain::pricing::price_of;
use crate::format;
use crate::pages::dashboard::use_dash;
use leptos::prelude::*;

/// The dashboard's actions (Purchase credits, Recalculate, Auto-recharge On/Off) and the
/// "Auto-recharge is not enabled" banner, with their dialogs.
#[component]
pub fn DashboardActions() -> impl IntoView {
    let purchase_open = RwSignal::new(false);
    let recharge_open = RwSignal::new(false);
    let recalc_open = RwSignal::new(false);
    let recalc = RwSignal::new(RecalcState::Idle);
    let learn_more = RwSignal::new(false);
    let dash = use_dash();
    let (settings, retry) = (dash.recharge, dash.retry_recharge);
    let enabled = move || settings.with(|s| s.latest()).map(|(ar, _)| ar.enabled);
    view! {
        <div class="dash-actions" role="group" aria-label="Credit actions">
            <button class="btn btn-primary" data-testid="action-purchase" on:click=move |_| purchase_open.set(true)>
                "Purchase credits"
            </button>
            <button class="btn" data-testid="action-recalculate" on:click=move |_| recalc_open.set(true)>
                {move || if matches!(recalc.get(), RecalcState::Running(_)) { "Recalculating…" } else { "Recalculate" }}
            </button>
            <button class="btn" data-testid="action-auto-recharge" on:click=move |_| recharge_open.set(true)>
                "Auto-recharge: "
                <strong data-testid="auto-recharge-state">
                    {move || match enabled() {
                        Some(true) => "On",
                        Some(false) => "Off",
                        None if matches!(settings.get(), Remote::Failed(_)) => "unknown",
                        None => "…",
                    }}
                </strong>
            </button>
        </div>
        <Show when=move || enabled() == Some(false)>
            <div class="banner notice notice-warn" role="region" aria-label="Auto-recharge" data-testid="auto-recharge-banner">
                <div class="banner-text">
                    <strong>"Auto-recharge is not enabled"</strong>
                    <span class="muted">" When credits run out, Smart Flows, AI Copilot and AI Pilots stop until you buy more."</span>
                    <Show when=move || learn_more.get()>
                        <p class="learn-more" data-testid="auto-recharge-learn-more">
                            {move || {
                                settings
                                    .with(|s| s.latest())
                                    .map(|(ar, p)| {
                                        format!(
                                            "Auto-recharge buys credits with your saved card whenever your remaining credits fall below a threshold you choose (for example {} credits). Credits cost {} per 1,000; a recharge of {} credits costs {}. You can cap the number of recharges per month and turn it off at any time.",
                                            format::count(ar.threshold_credits as f64),
                                            format::money(p.price_per_1000, &p.currency),
                                            format::count(ar.recharge_credits as f64),
                                            format::money(price_of(ar.recharge_credits, &p), &p.currency),
                                        )
                                    })
                            }}
                        </p>
                    </Show>
                </div>
                <div class="banner-actions">
                    <button class="btn btn-primary" on:click=move |_| recharge_open.set(true)>"Enable now"</button>
                    <button class="btn btn-ghost" aria-expanded=move || learn_more.get().to_string() on:click=move |_| learn_more.update(|l| *l = !*l)>
                        "Learn more"
                    </button>
                </div>
            </div>
        </Show>
        <PurchaseDialog open=purchase_open />
        <AutoRechargeDialog open=recharge_open current=Signal::derive(move || settings.get()) on_retry=retry />
        <RecalculateDialog open=recalc_open state=recalc />
        {move || {
            matches!(settings.get(), Remote::Failed(_))
                .then(|| {
                    view! {
                        <p class="field-error" role="alert" data-testid="auto-recharge-unavailable">
                            "Auto-recharge settings could not be loaded. "
                            <button class="btn-link" on:click=move |_| retry.run(())>"Retry"</button>
                        </p>
                    }
                })
        }}
    }
}
