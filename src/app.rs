//! The router, the shell and the app-wide context.

use crate::api::types::Account;
use crate::api::{ApiError, UsageApi};
use crate::components::shell::Shell;
use crate::pages::{
    billing::BillingPage, dashboard::DashboardPage, gallery::GalleryPage, not_found::NotFound,
};
use leptos::prelude::*;
use leptos_router::components::{Redirect, Route, Router, Routes};
use leptos_router::path;

/// What every page shares: the data seam, the account, and a version that mutations bump so
/// that everything showing credits refetches.
#[derive(Clone, Copy)]
pub struct AppContext {
    api: StoredValue<UsageApi, LocalStorage>,
    /// Bumped after a purchase, an auto-recharge change or a finished recalculation.
    pub data_version: RwSignal<u64>,
    pub account: LocalResource<Result<Account, ApiError>>,
}

impl AppContext {
    pub fn new(api: UsageApi) -> Self {
        let api = StoredValue::new_local(api);
        let data_version = RwSignal::new(0u64);
        let account = LocalResource::new(move || {
            let api = api.get_value();
            async move { api.account().await }
        });
        AppContext {
            api,
            data_version,
            account,
        }
    }

    pub fn api(&self) -> UsageApi {
        self.api.get_value()
    }

    pub fn is_mock(&self) -> bool {
        self.api.with_value(|a| a.is_mock())
    }

    /// Today in the account's time zone: the demo's pinned day in mock mode, else the browser
    /// clock read in `time_zone`.
    pub fn today(&self, time_zone: &str) -> chrono::NaiveDate {
        self.api.with_value(|a| match a {
            UsageApi::Mock(m) => m.settings().today,
            UsageApi::Http(_) => crate::format::today_in(time_zone),
        })
    }

    /// Marks server-side figures as changed: balance, usage and events refetch.
    pub fn data_changed(&self) {
        self.data_version.update(|v| *v += 1);
    }
}

pub fn use_app() -> AppContext {
    expect_context::<AppContext>()
}

#[component]
pub fn App(api: UsageApi) -> impl IntoView {
    provide_context(AppContext::new(api));
    crate::theme::Theme::provide();
    view! {
        <Router>
            <Shell>
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=|| view! { <Redirect path="/billing/credit-utilization" /> } />
                    <Route path=path!("/billing") view=BillingPage />
                    <Route path=path!("/billing/credit-utilization") view=DashboardPage />
                    <Route path=path!("/gallery") view=GalleryPage />
                </Routes>
            </Shell>
        </Router>
    }
}
