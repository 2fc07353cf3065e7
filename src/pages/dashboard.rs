//! The Credit Utilization dashboard: the filter bar over seven widgets, with the header's
//! actions. Its filters live in the URL.

use crate::api::types::Account;
use crate::components::chrome::account_gate::AccountGate;
use crate::components::copy_link::CopyLink;
use crate::components::error_notice::InlineFailure;
use crate::components::filter_controls::{FilterControls, Scope};
use crate::components::money::MoneyToggle;
use crate::components::page_head::PageHead;
use crate::dialogs::actions::DashboardActions;
use crate::dialogs::alerts::AlertsFired;
use crate::domain::{BillingAnchor, DateRange};
use crate::platform::format;
use crate::state::app_context::AppContext;
use crate::state::dash::{self, DashFilters, Dashboard, FilterSource, WidgetLinks};
use crate::state::filters::{self, query_keys};
use crate::state::url::use_query_navigator;
use crate::state::widget_url;
use crate::state::{Effective, GlobalFilters};
use crate::widgets;
use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use leptos_router::params::ParamsMap;

/// The dates the dashboard shows when its link's could not be used as they are (clamped or
/// unreadable): "Copy link" copies those, not the link's (issue 28 item 11).
#[derive(Clone, Copy)]
struct ShownDates(RwSignal<Option<DateRange>>);

/// This page's address with the dates the dashboard shows in place of the link's, when they
/// differ.
fn shown_link(shown: Option<DateRange>) -> Option<String> {
    let href = web_sys::window()?.location().href().ok()?;
    let Some(r) = shown else {
        return Some(href);
    };
    let url = web_sys::Url::new(&href).ok()?;
    let params = url.search_params();
    params.set(query_keys::FROM, &r.from.to_string());
    params.set(query_keys::TO, &r.to.to_string());
    Some(url.href())
}

/// The Credit Utilization dashboard.
#[component]
pub fn DashboardPage() -> impl IntoView {
    let app = AppContext::expect();
    let shown = RwSignal::new(None::<DateRange>);
    provide_context(ShownDates(shown));
    let copy_url = Callback::new(move |_| shown_link(shown.get_untracked()).unwrap_or_default());
    if app.account.get_untracked().is_none() {
        let query = use_query_map().get_untracked();
        dash::prefetch_dashboard(app, |k| query.get(k));
    }
    view! {
        <PageHead title="Credit Utilization" crumb="Credit Utilization">
            <A href=app.link("/billing/history") attr:class="btn btn-ghost" attr:data-testid="history-link">"History"</A>
            <CopyLink url=copy_url />
        </PageHead>
        <AccountGate render=|account| view! { <Dashboard account=account /> }.into_any() />
    }
}

/// The dashboard's filters as the address holds them: every change is a new history entry.
fn url_filters(query: Memo<ParamsMap>, today: NaiveDate, anchor: BillingAnchor) -> FilterSource {
    let asked =
        Memo::new(move |_| query.with(|q| GlobalFilters::from_query(|k| q.get(k), today, anchor)));
    let drill = Memo::new(move |_| {
        let range = asked.with(|g| g.range);
        query.with(|q| filters::drill_from_query(q.get_str(query_keys::DRILL), today, range))
    });
    // Every change is a new history entry (Back undoes it); the other query parameters
    // (demo settings, widget choices) are kept as they are.
    let go = use_query_navigator();
    let go_too = go.clone();
    // A dashboard change discards the widget choices it overrides (the rule of
    // `state::filters`) in the new history entry it makes; the entry Back returns to keeps
    // them, so Back shows the view as it was (issue 28 item 10). The query without them is
    // returned.
    let forget_in_place = move |range: bool, teams: bool, users: bool, drill: bool| {
        let mut q = query.get_untracked();
        widget_url::forget_overridden(&mut q, range, teams, users, drill);
        q
    };
    let set = Callback::new(move |g: GlobalFilters| {
        let was = asked.get_untracked();
        let mut q = forget_in_place(
            g.range != was.range,
            g.teams != was.teams,
            g.users != was.users,
            false,
        );
        for k in query_keys::ALL {
            q.remove(k);
        }
        // A drill-down is a bucket of the range it was chosen in: another range ends it.
        if g.range != asked.get_untracked().range {
            q.remove(query_keys::DRILL);
        }
        for (k, v) in g.to_query() {
            q.insert(k, v);
        }
        go(q);
    });
    let set_drill = Callback::new(move |r: Option<DateRange>| {
        // Into a bucket or back to the whole range, the reports' own ranges give way.
        let mut q = forget_in_place(true, false, false, true);
        q.remove(query_keys::DRILL);
        if let Some(r) = r {
            // Written with the range it narrows, so the link says both.
            for k in query_keys::ALL {
                q.remove(k);
            }
            for (k, v) in asked.get_untracked().to_query() {
                q.insert(k, v);
            }
            q.insert(query_keys::DRILL, filters::drill_to_query(r));
        }
        go_too(q);
    });
    FilterSource {
        asked,
        set,
        drill,
        set_drill,
        in_url: true,
    }
}

/// Why the figures are not all the link asked for: its dates, its drill-down, or ids the
/// account does not know; `None` when they are.
fn link_notice(query: Memo<ParamsMap>, scope: DashFilters, links: WidgetLinks) -> Option<String> {
    let mut lines = Vec::new();
    if let Some(n) =
        query.with(|q| GlobalFilters::link_notice(|k| q.get(k), scope.today, scope.anchor))
    {
        lines.push(n);
    }
    if query.with(|q| q.get_str(query_keys::DRILL).is_some()) && links.drill.get().is_none() {
        lines.push("This link's drill-down is not within the dashboard's dates up to today, so the summary and the reports show the whole range.".into());
    }
    match scope.unknown_ids.get() {
        0 => {}
        1 => lines
            .push("One team or user in this link is not in this account and was left out.".into()),
        n => lines.push(format!(
            "{n} teams or users in this link are not in this account and were left out."
        )),
    }
    (!lines.is_empty()).then(|| lines.join(" "))
}

#[component]
fn Dashboard(account: Account) -> impl IntoView {
    dash::remember_account(AppContext::expect(), &account);
    let query = use_query_map();
    let Dashboard {
        filters: scope,
        answers,
        money,
        links,
    } = dash::provide_dashboard(&account, move |today, anchor| {
        url_filters(query, today, anchor)
    });
    widget_url::sync_flow_url(links.actions_flow);
    let global = scope.global;
    let directory = answers.directory;
    let directory_list = answers.directory_list();

    let link_notice = Memo::new(move |_| link_notice(query, scope, links));
    // A link with `money=…` shows values (issue 28 item 14), whatever this browser remembers.
    Effect::new(move |_| {
        let asked = query.with(|q| q.get(crate::components::money::MONEY_PARAM).is_some());
        if asked && !money.show_money.get_untracked() {
            money.set_show_money(true);
        }
    });
    // Copy link copies the dates shown where the link's could not be used.
    if let Some(ShownDates(shown)) = use_context::<ShownDates>() {
        Effect::new(move |_| {
            let differs = query.with(|q| {
                GlobalFilters::link_notice(|k| q.get(k), scope.today, scope.anchor).is_some()
            });
            shown.set(differs.then(|| global.with(|g| g.range)));
        });
    }
    let value = Signal::derive(move || {
        global.with(|g| Effective {
            range: g.range,
            teams: g.teams.clone(),
            users: g.users.clone(),
        })
    });
    let alerts_open = RwSignal::new(false);
    view! {
        <DashboardActions alerts_open=alerts_open />
        // The bill cycle and the time zone (known at once) come first, so the as-of time, which
        // arrives later and is longer than "Loading figures…", moves nothing after it.
        <div class="dash-meta">
            <span class="muted">{format!("Bill cycle {}", format::date_range(account.plan.cycle_start, account.plan.cycle_end))}</span>
            <span class="muted" data-testid="time-zone" data-value=answers.time_zone()>{format!("Time zone: {}", format::zone_label(&answers.time_zone()))}</span>
            <span class="as-of muted" data-testid="as-of" data-value=move || answers.balance.latest().map(|b| b.as_of)>
                {move || answers.as_of_text().map(|t| format!("Figures as of {t}")).unwrap_or_else(|| "Loading figures…".into())}
            </span>
        </div>
        {move || link_notice.get().map(|n| view! { <p class="notice notice-warn" role="status" data-testid="link-notice">{n}</p> })}
        <section class="card filter-bar" data-testid="filter-bar" aria-label="Dashboard filters">
            <FilterControls
                scope=Scope::Dashboard
                env=scope.filter_env()
                value=value
                on_range=Callback::new(move |r| scope.set_global(GlobalFilters { range: r, ..global.get_untracked() }))
                on_teams=Callback::new(move |t| {
                    scope.set_global(directory_list.with_untracked(|d| global.get_untracked().with_teams(t, d)))
                })
                on_users=Callback::new(move |u| scope.set_global(GlobalFilters { users: u, ..global.get_untracked() }))
            />
            <DrillChip />
            {move || {
                directory
                    .error()
                    .map(|error| {
                        view! { <InlineFailure testid="directory-error" what="Teams and users" error=error on_retry=directory.retry /> }
                    })
            }}
        </section>
        // How figures are shown (not what they cover): beside the filters, not among them.
        <div class="view-options">
            <MoneyToggle />
            <AlertsFired open=alerts_open />
        </div>
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

/// The chart bucket the summary and the reports are narrowed to, with a way back to the whole
/// range.
#[component]
fn DrillChip() -> impl IntoView {
    let links = WidgetLinks::expect();
    move || {
        links.drill.get().map(|r| {
            let when = format::date_range(r.from, r.to);
            view! {
                <div class="drill" role="status">
                    <span class="drill-chip" data-testid="drill-chip" data-from=r.from.to_string() data-to=r.to.to_string()>
                        <span>{format!("{when} only")}</span>
                        <button
                            type="button"
                            class="chip-remove"
                            data-testid="drill-clear"
                            aria-label=format!("Remove {when} only: show the whole range")
                            on:click=move |_| links.set_drill(None)
                        >
                            "×"
                        </button>
                    </span>
                    <span class="muted drill-scope">"Summary and reports; the chart keeps the range."</span>
                </div>
            }
        })
    }
}
