//! Any path the router does not know.

use crate::state::app::AppContext;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

/// Any unknown path: say so, show it, and offer a way back.
#[component]
pub fn NotFound() -> impl IntoView {
    let path = use_location().pathname;
    let app = AppContext::expect();
    view! {
        <section class="card not-found" data-testid="not-found">
            <h1>"Page not found"</h1>
            <p class="muted">"There is no page at " <code>{move || path.get()}</code> "."</p>
            <A href=app.link("/billing/credit-utilization") attr:class="btn btn-primary">
                "Go to Credit Utilization"
            </A>
            <A href=app.link("/billing") attr:class="btn-link">
                "Billing"
            </A>
        </section>
    }
}
