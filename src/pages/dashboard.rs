use leptos::prelude::*;
use leptos_router::components::A;

/// The Credit Utilization dashboard.
#[component]
pub fn DashboardPage() -> impl IntoView {
    view! {
        <div class="page-head">
            <div class="titles">
                <nav class="breadcrumbs" aria-label="Breadcrumb">
                    <A href="/billing">"Billing"</A>
                    <span aria-hidden="true">"/"</span>
                    <span aria-current="page">"Credit Utilization"</span>
                </nav>
                <h1>"Credit Utilization"</h1>
            </div>
        </div>
        <section class="card filter-bar" data-testid="filter-bar" aria-label="Dashboard filters"></section>
    }
}
