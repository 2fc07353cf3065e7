//! What every page shares: the data seam, the account, the session's state and the start
//! options. Provided once by the app root; read with `AppContext::expect()`.

use crate::api::types::Account;
use crate::api::{ApiError, UsageApi};
use crate::state::remote::{use_remote_now, Fetched, Remote};
use leptos::prelude::*;

/// What the start of the app decided besides the data source.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AppOptions {
    /// Where "Sign in" goes when the session has ended (`sign_in_url` in config.json).
    pub sign_in_url: Option<String>,
    /// The demo settings of the start URL (`mock=large&seed=7…`), carried by every in-app link
    /// and redirect so that a reload or a shared link mid-demo shows the same account.
    pub demo_query: String,
    /// A line for the page when the start URL asked for something that was not done.
    pub notice: Option<String>,
    /// The deployment's config in mock mode: its demo defaults (what "Reset all demo settings"
    /// returns to) and a pinned day, read again whenever the demo switches in place.
    pub demo_config: Option<crate::api::config::RuntimeConfig>,
}

/// What every page shares: the data seam, the account, and a version that mutations bump so
/// that everything showing credits refetches.
#[derive(Clone, Copy)]
pub struct AppContext {
    api: StoredValue<UsageApi, LocalStorage>,
    /// Bumped after a purchase, an auto-recharge change or a finished recalculation.
    pub data_version: RwSignal<u64>,
    /// The account every page starts from: none while it first loads, then the last answer
    /// (a failure too), kept while the account is asked again.
    pub account: ReadSignal<Option<Result<Account, ApiError>>>,
    /// Asks for the account again.
    pub retry_account: Callback<()>,
    /// Set by the first 401 (or sign-in page) of any call: the page says so once, and no
    /// widget offers a Retry that cannot work.
    pub session_ended: RwSignal<bool>,
    /// Bumped when the demo switches to other settings in place: the page is built again over
    /// the new account, as a page load would, without one.
    pub demo_generation: RwSignal<u64>,
    options: StoredValue<AppOptions>,
}

impl AppContext {
    pub fn new(api: UsageApi) -> Self {
        Self::with_options(api, AppOptions::default())
    }

    pub fn with_options(api: UsageApi, options: AppOptions) -> Self {
        let session_ended = RwSignal::new(false);
        let api = StoredValue::new_local(api.on_unauthorized(move || session_ended.set(true)));
        let data_version = RwSignal::new(0u64);
        let demo_generation = RwSignal::new(0u64);
        // Asked again when the demo switches in place (a new account behind the same page).
        let Fetched {
            state,
            retry: retry_account,
        } = use_remote_now(
            move || {
                demo_generation.track();
                api.get_value()
            },
            |api| async move { api.account().await },
        );
        // The last answer (the account, or why there is none) stays while it is asked again;
        // each answer is told, so a page is built again over a new one and an error's notice
        // starts over.
        let account = RwSignal::new(None);
        Effect::new(move |_| {
            state.with(|s| match s {
                Remote::Loading(_) => {}
                Remote::Ready(a) => account.set(Some(Ok(a.clone()))),
                Remote::Failed(e) | Remote::Stale(e, _) => account.set(Some(Err(e.clone()))),
            })
        });
        let account = account.read_only();
        AppContext {
            api,
            data_version,
            account,
            retry_account,
            session_ended,
            demo_generation,
            options: StoredValue::new(options),
        }
    }

    pub fn sign_in_url(&self) -> Option<String> {
        self.options.with_value(|o| o.sign_in_url.clone())
    }

    pub fn start_notice(&self) -> Option<String> {
        self.options.with_value(|o| o.notice.clone())
    }

    /// An in-app path with the demo settings the session runs on.
    pub fn link(&self, path: &str) -> String {
        self.options.with_value(|o| {
            if o.demo_query.is_empty() {
                path.to_string()
            } else {
                format!("{path}?{}", o.demo_query)
            }
        })
    }

    /// Why the viewer may not buy credits, change auto-recharge or recalculate, if so.
    pub fn denied_billing(&self) -> Option<String> {
        self.account.with(|a| match a {
            Some(Ok(acc)) if !crate::domain::alerts::is_admin_role(&acc.viewer.role) => Some(format!(
                "Only account admins can buy credits, change auto-recharge or alerts, or recalculate (your role: {}).",
                acc.viewer.role
            )),
            _ => None,
        })
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
            UsageApi::Http(_) => crate::platform::format::today_in(time_zone),
        })
    }

    /// The context provided by the app root (panics outside it, as every page is inside it).
    pub fn expect() -> Self {
        expect_context::<AppContext>()
    }

    /// The deployment's config, in mock mode.
    pub fn demo_config(&self) -> Option<crate::api::config::RuntimeConfig> {
        self.options.with_value(|o| o.demo_config.clone())
    }

    /// Switches the demo to other settings in place, without loading the page again: a new mock
    /// behind the same page, the account asked again (every page under it starts over with the
    /// new account) and every figure refetched. `demo_query` is what in-app links carry now.
    pub fn switch_demo(&self, mock: crate::api::demo::MockClient, demo_query: String) {
        let ended = self.session_ended;
        self.api
            .set_value(UsageApi::Mock(mock).on_unauthorized(move || ended.set(true)));
        self.options.update_value(|o| {
            o.demo_query = demo_query;
            o.notice = None;
        });
        self.data_changed();
        self.demo_generation.update(|g| *g += 1);
    }

    /// Marks server-side figures as changed: balance, usage and events refetch.
    pub fn data_changed(&self) {
        self.data_version.update(|v| *v += 1);
    }
}
