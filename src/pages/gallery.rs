use crate::api::mock::Scenario;
use leptos::prelude::*;

/// For designers and demo users: the dashboard in every mock scenario, one click away. (The
/// side-by-side gallery of every widget state is a later step.)
#[component]
pub fn GalleryPage() -> impl IntoView {
    let links = Scenario::ALL
        .into_iter()
        .map(|s| {
            let href = format!("/billing/credit-utilization?mock={}", s.key());
            view! {
                <li>
                    // A full load: the demo settings are read when the app starts.
                    <a href=href rel="external" class="menu-item" data-testid=format!("scenario-{}", s.key())>
                        <span>{s.label()}</span>
                        <code>{format!("?mock={}", s.key())}</code>
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="page-head">
            <div class="titles">
                <h1>"Widget gallery"</h1>
                <p class="muted">
                    "Open the dashboard on generated demo data. Add " <code>"&seed=7"</code> " for another account, "
                    <code>"&latency=50-400"</code> " for a slow service, " <code>"&fail=flows"</code>
                    " to make an endpoint fail, " <code>"&today=2026-11-27"</code> " to pin the date."
                </p>
            </div>
        </div>
        <section class="card" aria-label="Demo scenarios">
            <ul class="scenario-list">{links}</ul>
        </section>
    }
}
