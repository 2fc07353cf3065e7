//! The router and the shell: the root of the app, above every page.

use crate::api::UsageApi;
use crate::components::chrome::shell::Shell;
#[cfg(feature = "gallery")]
use crate::pages::gallery::GalleryPage;
// The product's build leaves the gallery out: it is a page of its own (gallery.html) that the
// host serves at /gallery, so the router only meets /gallery when the host does not.
#[cfg(not(feature = "gallery"))]
use crate::pages::not_found::GalleryElsewhere as GalleryPage;
use crate::pages::{billing::BillingPage, dashboard::DashboardPage, not_found::NotFound};
use crate::state::app_context::{AppContext, AppOptions};
use leptos::prelude::*;
use leptos_router::components::{Redirect, Route, Router, Routes};
use leptos_router::path;

#[component]
pub fn App(
    api: UsageApi,
    /// Sign-in address, demo settings to carry, a start notice.
    #[prop(optional)]
    options: AppOptions,
) -> impl IntoView {
    let app = AppContext::with_options(api, options);
    provide_context(app);
    // One recalculation for the tab, followed on every page.
    provide_context(crate::state::recalculation::use_recalculation(true));
    crate::state::theme::Theme::provide();
    view! {
        <Router>
            <Shell>
                // A demo switched in place builds the page again over its new account.
                {move || {
                    app.demo_generation.track();
                    let home = app.link("/billing/credit-utilization");
                    view! {
                        <Routes fallback=NotFound>
                            <Route path=path!("/") view=move || view! { <Redirect path=home.clone() /> } />
                            <Route path=path!("/billing") view=BillingPage />
                            <Route path=path!("/billing/credit-utilization") view=DashboardPage />
                            <Route path=path!("/billing/history") view=crate::pages::history::HistoryPage />
                            <Route path=path!("/gallery") view=GalleryPage />
                            <Route path=path!("/gallery/:widget") view=GalleryPage />
                            <Route path=path!("/gallery/:widget/:state") view=GalleryPage />
                        </Routes>
                    }
                }}
            </Shell>
        </Router>
    }
}
