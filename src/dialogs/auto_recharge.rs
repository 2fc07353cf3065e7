use super::{Modal, SaveFooter};
use crate::api::types::{AutoRecharge, AutoRechargeSettings, RechargeFailure};
use crate::components::error_notice::ErrorNotice;
use crate::domain::pricing::{read_auto_recharge, recharge_quote};
use crate::platform::format;
use crate::state::app_context::AppContext;
use crate::state::dash::RechargeTerms;
use crate::state::preview::Preview;
use crate::state::remote::Remote;
use crate::state::write::{use_write, Write};
use leptos::prelude::*;

/// Auto-recharge: on or off, the threshold, the amount, an optional monthly limit, the price of
/// one recharge, and the last failure.
#[component]
pub fn AutoRechargeDialog(
    open: RwSignal<bool>,
    /// The current settings and prices, loaded by the dashboard header.
    #[prop(into)]
    current: Signal<Remote<RechargeTerms>>,
    on_retry: Callback<()>,
    /// Set by "Enable now": the dialog opens ticked. Otherwise it opens as saved.
    #[prop(optional)]
    turn_on: Option<RwSignal<bool>>,
    /// Told what was saved, to say so on the page once the dialog has closed.
    #[prop(optional)]
    on_saved: Option<Callback<AutoRechargeSettings>>,
    /// Why the viewer may not change it (not an admin), if so.
    #[prop(optional, into)]
    denied: Signal<Option<String>>,
) -> impl IntoView {
    // Times in the account's zone, as everywhere on the dashboard.
    let zone = crate::state::dash::DashAnswers::expect().time_zone();
    let form = RechargeForm {
        enabled: RwSignal::new(false),
        threshold: RwSignal::new(String::new()),
        amount: RwSignal::new(String::new()),
        limit: RwSignal::new(String::new()),
    };
    let amount = form.amount;
    let tried = RwSignal::new(false);
    let Write {
        pending,
        failure,
        send,
    } = use_save(open, on_saved);
    let preview = Preview::current();
    let preset_input = preview.dialog_input();
    // Opening fills the form from the saved settings, as soon as they are loaded (a failed
    // save keeps what was typed).
    let loaded = Memo::new(move |_| current.with(|c| c.latest().is_some()));
    Effect::new(move |_| {
        if open.get() && loaded.get() && failure.get_untracked().is_none() {
            if let Some(RechargeTerms { settings: ar, .. }) = current.with_untracked(|c| c.latest())
            {
                // The saved settings, unless "Enable now" opened it to turn it on.
                form.fill(
                    &ar,
                    ar.enabled || turn_on.is_some_and(|t| t.get_untracked()),
                );
                tried.set(false);
                if let Some(input) = preset_input.clone() {
                    amount.set(input);
                    tried.set(true);
                }
            }
        }
    });
    // Closing forgets "Enable now": the next opening shows the saved settings again.
    Effect::new(move |_| {
        if !open.get() {
            if let Some(t) = turn_on {
                t.set(false);
            }
        }
    });
    let reading = move || current.with(|c| c.latest_ref().map(|t| form.read(t)));
    let save = move || {
        if pending.get_untracked() || denied.get_untracked().is_some() {
            return;
        }
        tried.set(true);
        let Some(Ok(settings)) = reading() else {
            return;
        };
        send.run(settings);
    };
    preview.submit_when_ready(
        // Once the form is filled.
        move || loaded.get() && !amount.get().is_empty(),
        save,
    );
    view! {
        <Modal open=open testid="dialog-auto-recharge" title="Auto-recharge">
            {move || match current.get() {
                Remote::Loading(None) => view! { <p class="muted">"Loading settings…"</p> }.into_any(),
                Remote::Failed(e) => view! { <ErrorNotice error=e on_retry=on_retry /> }.into_any(),
                Remote::Loading(Some(RechargeTerms { settings: ar, pricing: p }))
                | Remote::Ready(RechargeTerms { settings: ar, pricing: p })
                | Remote::Stale(_, RechargeTerms { settings: ar, pricing: p }) => {
                    let last = ar.last_failure.clone();
                    let pricing = p.clone();
                    let per_recharge = move || {
                        recharge_quote(&amount.get(), &pricing).map(|(n, price)| {
                            format!("Each recharge of {} credits costs {}.", format::count(n as f64), format::money(price, &pricing.currency))
                        })
                    };
                    view! {
                        <form
                            class="dialog-body"
                            on:submit=move |ev| {
                                ev.prevent_default();
                                save();
                            }
                        >
                            {terms_intro(&ar, last, &zone)}
                            {form.fields()}
                            <p class="price" data-testid="auto-recharge-price">{per_recharge}</p>
                            {move || match reading() {
                                Some(Err(msg)) if tried.get() => {
                                    view! { <p class="field-error" role="alert" data-testid="auto-recharge-error">{msg}</p> }.into_any()
                                }
                                _ => ().into_any(),
                            }}
                            <SaveFooter prefix="auto-recharge" what="The settings were" open=open pending=pending failure=failure denied=denied />
                        </form>
                    }
                        .into_any()
                }
            }}
        </Modal>
    }
}

/// Saving the settings: the page's figures follow the new terms, even if the dialog has gone;
/// `on_saved` is told what was saved.
fn use_save(
    open: RwSignal<bool>,
    on_saved: Option<Callback<AutoRechargeSettings>>,
) -> Write<AutoRechargeSettings> {
    let app = AppContext::expect();
    use_write(
        move |settings: AutoRechargeSettings| {
            let api = app.api();
            async move {
                let saved = api.set_auto_recharge(&settings).await?;
                app.data_changed();
                Ok(saved)
            }
        },
        move |saved: AutoRecharge| {
            if let Some(told) = on_saved {
                told.run(saved.settings());
            }
            open.set(false);
        },
    )
}

/// What the admin types: on or off, the threshold, the amount and the monthly limit, as typed.
#[derive(Clone, Copy)]
struct RechargeForm {
    enabled: RwSignal<bool>,
    threshold: RwSignal<String>,
    amount: RwSignal<String>,
    limit: RwSignal<String>,
}

impl RechargeForm {
    /// The settings typed, checked against the saved ones and the prices.
    fn read(&self, terms: &RechargeTerms) -> Result<AutoRechargeSettings, String> {
        read_auto_recharge(
            self.enabled.get(),
            &self.threshold.get(),
            &self.amount.get(),
            &self.limit.get(),
            &terms.settings.settings(),
            &terms.pricing,
            &|n| format::count(n as f64),
        )
    }

    /// The saved settings, turned on or not.
    fn fill(&self, ar: &AutoRecharge, on: bool) {
        self.enabled.set(on);
        self.threshold.set(ar.threshold_credits.to_string());
        self.amount.set(ar.recharge_credits.to_string());
        self.limit
            .set(ar.monthly_limit.map(|l| l.to_string()).unwrap_or_default());
    }

    fn fields(self) -> impl IntoView {
        let RechargeForm {
            enabled,
            threshold,
            amount,
            limit,
        } = self;
        view! {
            <label class="check">
                <input
                    type="checkbox"
                    data-testid="auto-recharge-enabled"
                    prop:checked=move || enabled.get()
                    on:change=move |ev| enabled.set(event_target_checked(&ev))
                />
                "Recharge automatically"
            </label>
            <label class="field">
                <span class="field-label">"When remaining credits fall below"</span>
                <input class="input" inputmode="numeric" data-testid="auto-recharge-threshold" disabled=move || !enabled.get()
                    prop:value=move || threshold.get() on:input=move |ev| threshold.set(event_target_value(&ev)) />
            </label>
            <label class="field">
                <span class="field-label">"Recharge amount (credits)"</span>
                <input class="input" inputmode="numeric" data-testid="auto-recharge-amount" disabled=move || !enabled.get()
                    prop:value=move || amount.get() on:input=move |ev| amount.set(event_target_value(&ev)) />
            </label>
            <label class="field">
                <span class="field-label">"At most this many recharges a month (optional)"</span>
                <input class="input" inputmode="numeric" data-testid="auto-recharge-limit" disabled=move || !enabled.get()
                    placeholder="No limit" prop:value=move || limit.get() on:input=move |ev| limit.set(event_target_value(&ev)) />
            </label>
        }
    }
}

/// What auto-recharge does, with which card, and the last recharge that failed.
fn terms_intro(ar: &AutoRecharge, last: Option<RechargeFailure>, zone: &str) -> impl IntoView {
    view! {
        <p class="muted">
            "When your remaining credits fall below the threshold, we buy the recharge amount with your saved card"
            {ar.payment_method.as_ref().map(|m| format!(" ({} ending in {})", m.brand, m.last4))}
            "."
        </p>
        {last.map(|f| {
            view! {
                <p class="notice notice-warn" role="status" data-testid="auto-recharge-last-failure">
                    {format!("Last recharge failed on {}: {}", format::timestamp(&f.at, zone), f.message)}
                </p>
            }
        })}
    }
}
