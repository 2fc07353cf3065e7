//! Billing: the plan, its bill cycle, and the way into Credit Utilization.

use crate::components::chrome::account_gate::AccountGate;
use crate::components::error_notice::ErrorNotice;
use crate::components::page_head::PageHead;
use crate::platform::format;
use crate::platform::ids::unique_id;
use crate::state::app_context::AppContext;
use crate::state::remote::{use_remote, Fetched, Remote};
use leptos::prelude::*;
use leptos_router::components::A;

/// The Billing area's sections.
#[component]
pub fn BillingTabs() -> impl IntoView {
    let app = AppContext::expect();
    view! {
        <nav class="tabs" aria-label="Billing sections">
            <A href=app.link("/billing") exact=true attr:class="tab">"Overview"</A>
            <A href=app.link("/billing/credit-utilization") attr:class="tab" attr:data-testid="credit-utilization-link">
                "Credit Utilization"
            </A>
            <A href=app.link("/billing/history") attr:class="tab" attr:data-testid="history-link">"History"</A>
        </nav>
    }
}

/// Billing: the plan, its bill cycle, and the way into Credit Utilization.
#[component]
pub fn BillingPage() -> impl IntoView {
    let app = AppContext::expect();
    let plan_title = unique_id("plan-title");
    let plan_label = plan_title.clone();
    let usage_title = unique_id("usage-title");
    let Fetched {
        state: balance,
        retry: retry_balance,
    } = use_remote(
        move || {
            app.data_version.track();
            app.api()
        },
        |api| async move { api.balance().await },
    );
    view! {
        <PageHead title="Billing" lead="Your subscription, its bill cycle and the credits that come with it." />
        <BillingTabs />
        <section class="card" data-testid="plan-card" aria-labelledby=plan_title.clone()>
            <AccountGate
                loading="Loading your plan…"
                render=move |a| {
                    let cycle = format::date_range(a.plan.cycle_start, a.plan.cycle_end);
                    view! {
                        <div class="plan-grid">
                            <div class="stat">
                                <span class="stat-label" id=plan_label.clone()>"Current subscription"</span>
                                <span class="stat-value" data-testid="plan-name">{a.plan.name.clone()}</span>
                                <span class="muted">{a.account.name.clone()}</span>
                            </div>
                            <div class="stat">
                                <span class="stat-label">"Bill cycle"</span>
                                <span class="stat-value" data-testid="bill-cycle">{cycle}</span>
                            </div>
                            <div class="stat">
                                <span class="stat-label">"Credits included each cycle"</span>
                                <span class="stat-value num" data-testid="included-credits" data-value=a.plan.included_credits.as_f64()>
                                    {format::credits(a.plan.included_credits.as_f64())}
                                </span>
                            </div>
                        </div>
                    }
                        .into_any()
                }
            />
        </section>
        <section class="card" aria-labelledby=usage_title.clone()>
            <div class="page-head">
                <div class="titles">
                    <h2 id=usage_title.clone()>"Credits this cycle"</h2>
                    {move || match balance.get() {
                        Remote::Loading(None) => view! { <p class="muted">"Loading…"</p> }.into_any(),
                        Remote::Failed(e) | Remote::Stale(e, _) => view! { <ErrorNotice error=e on_retry=retry_balance /> }.into_any(),
                        Remote::Ready(b) | Remote::Loading(Some(b)) => view! {
                            <p data-testid="billing-balance">
                                <strong class="num">{format::credits(b.used_credits.as_f64())}</strong>
                                " of "
                                <span class="num">{format::credits(b.total_credits.as_f64())}</span>
                                " credits used; "
                                <strong class="num">{format::credits(b.remaining_credits.as_f64())}</strong>
                                " remaining."
                            </p>
                        }.into_any(),
                    }}
                </div>
                <A href=app.link("/billing/credit-utilization") attr:class="btn btn-primary">
                    "Open Credit Utilization"
                </A>
            </div>
        </section>
    }
}
