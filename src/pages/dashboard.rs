use crate::api::types::{Account, AutoRecharge, Balance, Directory, Pricing};
use crate::app::use_app;
use crate::components::error_notice::{ErrorNotice, InlineFailure};
use crate::components::fetch::{use_remote, Remote};
use crate::components::filter_controls::FilterControls;
use crate::domain::{is_same_days_comparison, BillingAnchor, CompareWith, DateRange};
use crate::format;
use crate::state::{Effective, GlobalFilters};
use crate::widgets;
use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use leptos_router::NavigateOptions;

/// What every widget of the dashboard shares.
#[derive(Clone, Copy)]
pub struct Dash {
    /// Today in the account's time zone.
    pub today: NaiveDate,
    pub anchor: BillingAnchor,
    pub time_zone: StoredValue<String>,
    pub currency: StoredValue<String>,
    /// The dashboard's filters (read from the URL on the dashboard page).
    pub global: Memo<GlobalFilters>,
    pub directory: Signal<Directory>,
    pub directory_state: RwSignal<Remote<Directory>>,
    pub retry_directory: Callback<()>,
    pub balance: RwSignal<Remote<Balance>>,
    pub retry_balance: Callback<()>,
    /// Auto-recharge settings with the prices, for the header, the banner and the balance.
    pub recharge: RwSignal<Remote<(AutoRecharge, Pricing)>>,
    pub retry_recharge: Callback<()>,
    /// Teams and users of the URL that the directory does not have (left out of the filters).
    pub unknown_ids: Memo<usize>,
    set_global: Callback<GlobalFilters>,
}

/// Element ids must be unique on the page, and the gallery shows many dashboards at once.
static NEXT_ID: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);

impl Dash {
    /// Provides the shared state of a dashboard over `account` to the components below.
    /// `filters` makes the dashboard's filters from today and the billing anchor: a memo to
    /// read them and a callback to change them.
    pub fn provide(
        account: &Account,
        filters: impl FnOnce(NaiveDate, BillingAnchor) -> (Memo<GlobalFilters>, Callback<GlobalFilters>),
    ) -> Dash {
        let app = use_app();
        let today = app.today(&account.account.time_zone);
        let anchor = BillingAnchor::new(account.plan.cycle_start.day());
        let (asked, set_global) = filters(today, anchor);
        let (directory_state, retry_directory) = use_remote(
            move || app.api(),
            |api| async move { api.directory().await },
        );
        // Ids the directory does not know (another account's link, removed users) are left out
        // once it has loaded.
        let known = Memo::new(move |_| {
            let g = asked.get();
            directory_state.with(|d| match d {
                Remote::Ready(dir) => g.known_in(dir),
                _ => (g, 0),
            })
        });
        let global = Memo::new(move |_| known.with(|k| k.0.clone()));
        let unknown_ids = Memo::new(move |_| known.with(|k| k.1));
        let directory =
            Signal::derive(move || directory_state.with(|d| d.latest()).unwrap_or_default());
        let (balance, retry_balance) = use_remote(
            move || {
                app.data_version.track();
                app.api()
            },
            |api| async move { api.balance().await },
        );
        let (recharge, retry_recharge) = use_remote(
            move || {
                app.data_version.track();
                app.api()
            },
            |api| async move {
                let (ar, pricing) = futures::join!(api.auto_recharge(), api.pricing());
                Ok::<_, crate::api::ApiError>((ar?, pricing?))
            },
        );
        let dash = Dash {
            today,
            anchor,
            time_zone: StoredValue::new(account.account.time_zone.clone()),
            currency: StoredValue::new(account.account.currency.clone()),
            global,
            directory,
            directory_state,
            retry_directory,
            balance,
            retry_balance,
            recharge,
            retry_recharge,
            unknown_ids,
            set_global,
        };
        provide_context(dash);
        dash
    }

    /// Changes the dashboard's filters: a new history entry, so Back undoes it.
    pub fn set_global(&self, g: GlobalFilters) {
        self.set_global.run(g);
    }

    /// A page-unique number for element ids.
    pub fn next_id(&self) -> u32 {
        NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1
    }

    /// "As of" of the figures, in the account's time zone.
    pub fn as_of_text(&self) -> Option<String> {
        self.balance
            .with(|b| b.latest())
            .map(|b| format::timestamp(&b.as_of, &self.time_zone.get_value()))
    }

    /// A date range for people.
    pub fn range_text(&self, r: DateRange) -> String {
        format::date_range(r.from, r.to)
    }

    /// " · compared with Oct 23 – 27, 2026, the same days of the previous cycle": what a report
    /// was compared with, saying so when only the elapsed days of a period were.
    pub fn compared_text(
        &self,
        range: DateRange,
        compared: DateRange,
        compare: CompareWith,
    ) -> String {
        let mut s = format!(" · compared with {}", self.range_text(compared));
        if is_same_days_comparison(range, compared, compare, self.anchor) {
            let of = match compare {
                CompareWith::PreviousYear => "the previous year",
                _ if self.anchor.is_cycle(&range) => "the previous cycle",
                _ => "the previous period",
            };
            s.push_str(&format!(", the same days of {of}"));
        }
        s
    }
}

pub fn use_dash() -> Dash {
    expect_context::<Dash>()
}

/// The Credit Utilization dashboard.
#[component]
pub fn DashboardPage() -> impl IntoView {
    let app = use_app();
    let retry = Callback::new(move |_| app.account.refetch());
    view! {
        <div class="page-head">
            <div class="titles">
                <nav class="breadcrumbs" aria-label="Breadcrumb">
                    <A href=app.link("/billing")>"Billing"</A>
                    <span aria-hidden="true">"/"</span>
                    <span aria-current="page">"Credit Utilization"</span>
                </nav>
                <h1>"Credit Utilization"</h1>
            </div>
        </div>
        {move || match app.account.get() {
            None => view! { <p class="muted" data-testid="loading">"Loading your account…"</p> }.into_any(),
            Some(Err(e)) => view! { <ErrorNotice error=e on_retry=retry /> }.into_any(),
            Some(Ok(account)) => view! { <Dashboard account=account /> }.into_any(),
        }}
    }
}

#[component]
fn Dashboard(account: Account) -> impl IntoView {
    let query = use_query_map();
    let navigate = use_navigate();
    let location = use_location();
    let dash = Dash::provide(&account, |today, anchor| {
        let global = Memo::new(move |_| {
            query.with(|q| GlobalFilters::from_query(|k| q.get(k), today, anchor))
        });
        let set_global = Callback::new(move |g: GlobalFilters| {
            // Keep the other query parameters (demo settings) as they are.
            let mut q = query.get_untracked();
            for k in ["from", "to", "teams", "users"] {
                q.remove(k);
            }
            for (k, v) in g.to_query() {
                q.insert(k, v);
            }
            navigate(
                &format!(
                    "{}{}",
                    location.pathname.get_untracked(),
                    q.to_query_string()
                ),
                NavigateOptions::default(),
            );
        });
        (global, set_global)
    });
    let Dash {
        global,
        directory,
        directory_state,
        retry_directory,
        ..
    } = dash;

    let link_notice = Memo::new(move |_| {
        let mut lines = Vec::new();
        if let Some(n) =
            query.with(|q| GlobalFilters::link_notice(|k| q.get(k), dash.today, dash.anchor))
        {
            lines.push(n);
        }
        match dash.unknown_ids.get() {
            0 => {}
            1 => lines.push(
                "One team or user in this link is not in this account and was left out.".into(),
            ),
            n => lines.push(format!(
                "{n} teams or users in this link are not in this account and were left out."
            )),
        }
        (!lines.is_empty()).then(|| lines.join(" "))
    });
    let value = Signal::derive(move || {
        global.with(|g| Effective {
            range: g.range,
            teams: g.teams.clone(),
            users: g.users.clone(),
        })
    });
    view! {
        <crate::dialogs::actions::DashboardActions />
        <div class="dash-meta">
            <span class="as-of muted" data-testid="as-of" data-value=move || dash.balance.with(|b| b.latest()).map(|b| b.as_of)>
                {move || dash.as_of_text().map(|t| format!("Figures as of {t}")).unwrap_or_else(|| "Loading figures…".into())}
            </span>
            <span class="muted">{format!("Bill cycle {}", format::date_range(account.plan.cycle_start, account.plan.cycle_end))}</span>
        </div>
        {move || link_notice.get().map(|n| view! { <p class="notice notice-warn" role="status" data-testid="link-notice">{n}</p> })}
        <section class="card filter-bar" data-testid="filter-bar" aria-label="Dashboard filters">
            <FilterControls
                prefix="filter"
                value=value
                on_range=Callback::new(move |r| dash.set_global(GlobalFilters { range: r, ..global.get_untracked() }))
                on_teams=Callback::new(move |t| {
                    dash.set_global(directory.with_untracked(|d| global.get_untracked().with_teams(t, d)))
                })
                on_users=Callback::new(move |u| dash.set_global(GlobalFilters { users: u, ..global.get_untracked() }))
            />
            {move || {
                directory_state
                    .with(|d| d.error().cloned())
                    .map(|error| {
                        view! { <InlineFailure testid="directory-error" what="Teams and users" error=error on_retry=retry_directory /> }
                    })
            }}
        </section>
        <div class="dash-grid">
            <widgets::balance::BalanceWidget />
            <widgets::used_summary::UsedSummaryWidget />
            <widgets::usage_chart::UsageChartWidget />
            <widgets::copilot_users::CopilotUsersWidget />
            <widgets::flows::FlowsWidget />
            <widgets::flow_actions::FlowActionsWidget />
            <widgets::ai_pilots::AiPilotsWidget />
        </div>
    }
}
