//! What every widget of a dashboard shares: today and the billing anchor of the account, the
//! dashboard's filters, the directory, the balance and the auto-recharge terms. Provided by the
//! dashboard page (and by each gallery card); read with `Dash::expect()`.

use super::app::AppContext;
use super::filters::{GlobalFilters, WidgetFilters};
use super::remote::{use_remote, Fetched, Newer, Remote};
use crate::api::types::{Account, Alerts, AutoRecharge, Balance, Directory, Pricing};
use crate::api::ApiError;
use crate::domain::pricing::CreditValue;
use crate::domain::{is_same_days_comparison, BillingAnchor, CompareWith, DateRange};
use crate::platform::format;
use crate::platform::storage::{self, Kept};
use chrono::NaiveDate;
use leptos::prelude::*;

/// Where the last account's bill-cycle day and time zone are remembered ("14 Europe/Berlin"),
/// so that the next visit can start the dashboard's requests before the account has answered.
const ACCOUNT_HINT_KEY: &str = "credit-dash:account-hint";

/// Where "Show value in USD" is remembered (`1` when on): a preference of this browser.
const SHOW_MONEY_KEY: &str = "credit-dash:show-money";

/// Starts the dashboard's first requests at once, over HTTP, instead of after the account
/// (one round trip before the page, not two). The reports need today and the bill cycle to
/// resolve the range: taken from the last account this browser saw, or, on a first visit with
/// dates in the link, from the browser's clock (they only bound the range then). A wrong guess
/// costs requests nobody takes; the widgets still ask for what the account says.
pub fn prefetch_dashboard(app: AppContext, get: impl Fn(&str) -> Option<String>) {
    if app.is_mock() {
        return;
    }
    let remembered = storage::get(Kept::Browser, ACCOUNT_HINT_KEY).and_then(|v| {
        let (day, time_zone) = v.split_once(' ')?;
        Some((
            format::today_in(time_zone),
            BillingAnchor::new(day.parse().ok()?),
        ))
    });
    let known = remembered.or_else(|| {
        GlobalFilters::names_range(&get)
            .then(|| (chrono::Local::now().date_naive(), BillingAnchor::new(1)))
    });
    let usage = known.map(|(today, anchor)| {
        let global = GlobalFilters::from_query(&get, today, anchor);
        // What every report and the chart ask for before anyone changes them.
        WidgetFilters::default()
            .effective(&global)
            .query(CompareWith::None)
    });
    app.api().prefetch_dashboard(usage.as_ref());
}

/// Remembers what the next visit needs to start early (see [`prefetch_dashboard`]); only for
/// a real account, never the demo's.
pub fn remember_account(app: AppContext, account: &Account) {
    if !app.is_mock() {
        storage::set(
            Kept::Browser,
            ACCOUNT_HINT_KEY,
            &format!(
                "{} {}",
                BillingAnchor::of_cycle(account.plan.cycle_start, account.plan.cycle_end).day,
                account.account.time_zone
            ),
        );
    }
}

/// The auto-recharge settings with the prices they are bought at, for the header, the banner
/// and the balance.
#[derive(Clone, Debug, PartialEq)]
pub struct RechargeTerms {
    pub settings: AutoRecharge,
    pub pricing: Pricing,
}

/// Where the dashboard's filters come from and go to: the URL on the dashboard page, a signal
/// in a gallery card.
pub struct FilterSource {
    /// The filters asked for (before teams and users the directory does not know are dropped).
    pub asked: Memo<GlobalFilters>,
    /// Changes them (on the page: a new history entry, so Back undoes it).
    pub set: Callback<GlobalFilters>,
    /// The chart bucket the summary and the reports are narrowed to, if any.
    pub drill: Memo<Option<DateRange>>,
    /// Narrows to a bucket, or back to the whole range (on the page: a new history entry).
    pub set_drill: Callback<Option<DateRange>>,
    /// Whether the widgets keep their own view in the URL too (the dashboard page; a gallery
    /// card does not).
    pub in_url: bool,
}

/// What the filter controls and the widget frame need to know, passed to them as a prop.
#[derive(Clone, Copy)]
pub struct FilterEnv {
    /// Today in the account's time zone.
    pub today: NaiveDate,
    pub anchor: BillingAnchor,
    /// The dashboard's filters.
    pub global: Memo<GlobalFilters>,
    /// Teams and users to choose from (empty until the directory has loaded).
    pub directory: Signal<Directory>,
}

#[derive(Clone, Copy)]
pub struct Dash {
    /// Today in the account's time zone.
    pub today: NaiveDate,
    pub anchor: BillingAnchor,
    /// The dashboard's filters, with ids the directory does not know left out.
    pub global: Memo<GlobalFilters>,
    pub directory: Fetched<Directory>,
    pub balance: Fetched<Balance>,
    pub recharge: Fetched<RechargeTerms>,
    /// The usage alerts' rule and what fired this cycle.
    pub alerts: Fetched<Alerts>,
    /// Teams and users of the URL that the directory does not have (left out of the filters).
    pub unknown_ids: Memo<usize>,
    /// The chart bucket the summary and the reports are narrowed to ("Nov 24 only"), if any.
    pub drill: Memo<Option<DateRange>>,
    /// What the summary and the reports start from: the dashboard's filters, with the range of
    /// the drill-down when there is one (so a drill-down overrides their own ranges, as any
    /// change of the dashboard's range does).
    report_global: Memo<GlobalFilters>,
    set_drill: Callback<Option<DateRange>>,
    /// "Show value in USD": credits figures show their value beside them.
    pub show_money: RwSignal<bool>,
    /// What a credit is worth (the plan's lowest price), once the prices have loaded.
    pub credit_value: Memo<Option<CreditValue>>,
    /// The value to show beside credits figures: set while the toggle is on and prices are known.
    pub money: Memo<Option<CreditValue>>,
    /// The flow (id, name) whose actions the actions report shows, opened from the flows report.
    pub actions_flow: RwSignal<Option<(String, String)>>,
    /// The filters the flows report had when a flow was opened from it, for the actions report
    /// to take (issue 28 item 9); taken once.
    pub actions_handoff: RwSignal<Option<WidgetFilters>>,
    /// Whether the widgets keep their own view in the URL (see `state::widget_url`).
    pub in_url: bool,
    pub currency: StoredValue<String>,
    /// The day the account opened, when the service says (`account.opened_on`).
    pub opened_on: Option<NaiveDate>,
    time_zone: StoredValue<String>,
    directory_list: Signal<Directory>,
    set_global: Callback<GlobalFilters>,
}

impl Dash {
    /// Provides the shared state of a dashboard over `account` to the components below.
    /// `filters` makes the dashboard's filters from today and the billing anchor.
    pub fn provide(
        account: &Account,
        filters: impl FnOnce(NaiveDate, BillingAnchor) -> FilterSource,
    ) -> Dash {
        let app = AppContext::expect();
        let today = app.today(&account.account.time_zone);
        let anchor = BillingAnchor::of_cycle(account.plan.cycle_start, account.plan.cycle_end);
        let FilterSource {
            asked,
            set,
            drill,
            set_drill,
            in_url,
        } = filters(today, anchor);
        let directory = use_remote(
            move || app.api(),
            |api| async move { api.directory().await },
        );
        // Ids the directory does not know (another account's link, removed users) are left out
        // once it has loaded.
        let known = Memo::new(move |_| {
            let g = asked.get();
            directory.state.with(|d| match d {
                Remote::Ready(dir) => g.known_in(dir),
                _ => (g, 0),
            })
        });
        let global = Memo::new(move |_| known.with(|k| k.0.clone()));
        let report_global = Memo::new(move |_| {
            let mut g = global.get();
            if let Some(r) = drill.get() {
                g.range = r;
            }
            g
        });
        let unknown_ids = Memo::new(move |_| known.with(|k| k.1));
        // A memo, not a derived signal: the filter controls of every widget read it, and the
        // large account's directory is thousands of people, cloned once per answer, not per read.
        let directory_list: Signal<Directory> =
            Memo::new(move |_| directory.latest().unwrap_or_default()).into();
        let balance = use_remote(
            move || {
                app.data_version.track();
                app.api()
            },
            |api| async move { api.balance().await },
        );
        let recharge = use_remote(
            move || {
                app.data_version.track();
                app.api()
            },
            |api| async move {
                let (settings, pricing) = futures::join!(api.auto_recharge(), api.pricing());
                Ok::<_, ApiError>(RechargeTerms {
                    settings: settings?,
                    pricing: pricing?,
                })
            },
        );
        let alerts = use_remote(
            move || {
                app.data_version.track();
                app.api()
            },
            |api| async move { api.alerts().await },
        );
        let show_money =
            RwSignal::new(storage::get(Kept::Browser, SHOW_MONEY_KEY).as_deref() == Some("1"));
        let credit_value = Memo::new(move |_| {
            recharge.state.with(|r| {
                r.latest_ref()
                    .and_then(|t| CreditValue::of_account(&t.pricing))
            })
        });
        let money = Memo::new(move |_| show_money.get().then(|| credit_value.get()).flatten());
        let dash = Dash {
            today,
            anchor,
            global,
            directory,
            balance,
            recharge,
            alerts,
            unknown_ids,
            drill,
            report_global,
            set_drill,
            show_money,
            credit_value,
            money,
            actions_flow: RwSignal::new(None),
            actions_handoff: RwSignal::new(None),
            in_url,
            currency: StoredValue::new(account.account.currency.clone()),
            opened_on: account.account.opened_on,
            time_zone: StoredValue::new(account.account.time_zone.clone()),
            directory_list,
            set_global: set,
        };
        provide_context(dash);
        dash
    }

    /// The dashboard provided above (panics outside one: only dashboard widgets call it).
    pub fn expect() -> Self {
        expect_context::<Dash>()
    }

    /// What the filter controls of this dashboard need.
    pub fn filter_env(&self) -> FilterEnv {
        FilterEnv {
            today: self.today,
            anchor: self.anchor,
            global: self.global,
            directory: self.directory_list,
        }
    }

    /// What the summary's and the reports' filter controls need: the dashboard's filters, with
    /// a drill-down's range.
    pub fn report_filter_env(&self) -> FilterEnv {
        FilterEnv {
            global: self.report_global,
            ..self.filter_env()
        }
    }

    /// The filters the summary and the reports start from (see [`Dash::report_filter_env`]).
    pub fn report_global(&self) -> Memo<GlobalFilters> {
        self.report_global
    }

    /// Turns "Show value in USD" on or off, remembered for the next visit.
    pub fn set_show_money(&self, on: bool) {
        self.show_money.set(on);
        storage::set(Kept::Browser, SHOW_MONEY_KEY, if on { "1" } else { "0" });
    }

    /// The value of `credits` while values are shown (rounded to cents), for `data-money`.
    pub fn money_of(&self, credits: f64) -> Option<f64> {
        self.money.with(|m| m.as_ref().map(|m| m.of(credits)))
    }

    /// Narrows the summary and the reports to a chart bucket, or back to the whole range.
    pub fn set_drill(&self, r: Option<DateRange>) {
        self.set_drill.run(r);
    }

    /// Teams and users to choose from (empty until the directory has loaded).
    pub fn directory_list(&self) -> Signal<Directory> {
        self.directory_list
    }

    /// The teams and the users a query is filtered by, by name as the directory knows them
    /// (an id it does not know stays an id), `; `-separated, or "all" (for CSV files).
    pub fn filter_names(&self, q: &crate::api::types::UsageQuery) -> (String, String) {
        self.directory_list.with(|d| {
            let team = |id: &String| {
                d.teams
                    .iter()
                    .find(|t| &t.id == id)
                    .map_or(id.clone(), |t| t.name.clone())
            };
            let user = |id: &String| {
                d.users
                    .iter()
                    .find(|u| &u.id == id)
                    .map_or(id.clone(), |u| u.name.clone())
            };
            let all = |v: Vec<String>| {
                if v.is_empty() {
                    "all".to_string()
                } else {
                    v.join("; ")
                }
            };
            (
                all(q.teams.iter().map(team).collect()),
                all(q.users.iter().map(user).collect()),
            )
        })
    }

    /// Changes the dashboard's filters: a new history entry, so Back undoes it.
    pub fn set_global(&self, g: GlobalFilters) {
        self.set_global.run(g);
    }

    /// "As of" of the figures, in the account's time zone.
    pub fn as_of_text(&self) -> Option<String> {
        self.balance
            .latest()
            .map(|b| format::timestamp(&b.as_of, &self.time_zone.get_value()))
    }

    /// What an export of `range` says of its time (issue 28 item 12): the last day its figures
    /// cover (`data_through`: the range's end, or the figures' as-of day when that is earlier)
    /// and the as-of time with the account's offset ("2026-11-27T09:05:00-05:00"), as the
    /// account's days are.
    pub fn export_times(&self, range: DateRange) -> (String, String) {
        let zone = self.time_zone.get_value();
        let as_of = self.balance.latest().map(|b| b.as_of).unwrap_or_default();
        let as_of_day = format::moment_in(&as_of, &zone).map(|(d, _)| d);
        let through = as_of_day.map_or(range.to, |d| range.to.min(d).max(range.from));
        let local = format::rfc3339_in(&as_of, &zone).unwrap_or(as_of);
        (through.to_string(), local)
    }

    /// The account's time zone (IANA name), in which every date and time on the page is shown.
    pub fn time_zone(&self) -> String {
        self.time_zone.get_value()
    }

    /// A date range for people.
    /// Whether `compared` lies wholly before the account opened: nothing to compare with.
    pub fn before_opening(&self, compared: DateRange) -> bool {
        self.opened_on.is_some_and(|o| compared.to < o)
    }

    pub fn range_text(&self, r: DateRange) -> String {
        format::date_range(r.from, r.to)
    }

    /// The subtitle of figures for `asked`: their range; and while figures of another range
    /// (`shown`) are still on screen, that range with what became of the newer ones
    /// ("Oct 23 – Nov 22, 2026 · updating to Nov 16 – 22, 2026…", or "… could not be loaded"),
    /// so new dates never sit over old figures.
    pub fn figures_subtitle(
        &self,
        asked: DateRange,
        shown: Option<DateRange>,
        newer: Newer,
    ) -> String {
        match (shown, newer) {
            (Some(shown), Newer::Loading) if shown != asked => format!(
                "{} · updating to {}…",
                self.range_text(shown),
                self.range_text(asked)
            ),
            (Some(shown), Newer::Failed) if shown != asked => format!(
                "{} · {} could not be loaded",
                self.range_text(shown),
                self.range_text(asked)
            ),
            _ => self.range_text(asked),
        }
    }

    /// The subtitle of a report: the range of its figures, then what the answer was compared
    /// with (" · compared with Oct 23 – 27, 2026, the same days of the previous cycle"), saying
    /// so when only the elapsed days of a period were compared; while figures of another range
    /// are on screen, that range and what became of the newer ones ([`Dash::figures_subtitle`]).
    pub fn report_subtitle(
        &self,
        asked: DateRange,
        answered: Option<(DateRange, Option<DateRange>)>,
        compare: CompareWith,
        newer: Newer,
    ) -> String {
        if newer != Newer::No && answered.is_some_and(|(range, _)| range != asked) {
            return self.figures_subtitle(asked, answered.map(|(range, _)| range), newer);
        }
        let mut s = self.range_text(asked);
        let Some((range, Some(compared))) = answered else {
            return s;
        };
        s.push_str(&format!(" · compared with {}", self.range_text(compared)));
        if let Some(opened) = self.opened_on.filter(|&o| o > compared.from) {
            // A comparison over days before the account existed compares with nothing, not
            // with a zero (issue 28 item 14: "was 0 · new" in an account's first cycle).
            let day = format::date(opened);
            s.push_str(&if compared.to < opened {
                format!(", before the account opened on {day}")
            } else {
                format!(", the account opened on {day}")
            });
            return s;
        }
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
