//! Any path the router does not know.

use crate::state::app_context::AppContext;
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

/// `/gallery` in the product's build, which leaves the gallery out: the gallery is its own page
/// (`gallery.html`, with the gallery built in), and a host serves it for `/gallery` and below
/// (README: hosting). Reaching this means the host answered with the dashboard's page instead.
#[cfg(not(feature = "gallery"))]
#[component]
pub fn GalleryElsewhere() -> impl IntoView {
    let app = AppContext::expect();
    view! {
        <section class="card not-found" data-testid="gallery-elsewhere">
            <h1>"The widget gallery is not served here"</h1>
            <p class="muted">
                "The gallery is a page of its own, " <code>"gallery.html"</code>
                ", and this host does not serve it for " <code>"/gallery"</code>
                ". The README's Hosting section shows the line to add."
            </p>
            <A href=app.link("/billing/credit-utilization") attr:class="btn btn-primary">
                "Go to Credit Utilization"
            </A>
        </section>
    }
}
