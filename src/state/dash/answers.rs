//! The dashboard's shared answers: the directory, the balance, the auto-recharge terms and the
//! alerts, which several widgets and dialogs read, loaded once for the dashboard; and the facts
//! of the account they are shown in (its currency and time zone).

use crate::api::types::{Account, Alerts, AutoRecharge, Balance, Directory, Pricing, UsageQuery};
use crate::api::ApiError;
use crate::domain::DateRange;
use crate::platform::format;
use crate::state::app_context::AppContext;
use crate::state::remote::{use_remote, Fetched};
use leptos::prelude::*;

/// The auto-recharge settings with the prices they are bought at, for the header, the banner
/// and the balance.
#[derive(Clone, Debug, PartialEq)]
pub struct RechargeTerms {
    pub settings: AutoRecharge,
    pub pricing: Pricing,
}

/// What several widgets of one dashboard read: provided by the dashboard (and by each gallery
/// card), read with [`DashAnswers::expect`].
#[derive(Clone, Copy)]
pub struct DashAnswers {
    pub directory: Fetched<Directory>,
    pub balance: Fetched<Balance>,
    pub recharge: Fetched<RechargeTerms>,
    /// The usage alerts' rule and what fired this cycle.
    pub alerts: Fetched<Alerts>,
    /// The account's currency (ISO 4217).
    pub currency: StoredValue<String>,
    time_zone: StoredValue<String>,
    directory_list: Signal<Directory>,
}

impl DashAnswers {
    /// Starts loading the answers of a dashboard over `account` and provides them below.
    pub fn provide(account: &Account) -> Self {
        let app = AppContext::expect();
        let directory = use_remote(
            move || app.api(),
            |api| async move { api.directory().await },
        );
        // A memo, not a derived signal: the filter controls of every widget read it, and the
        // large account's directory is thousands of people, cloned once per answer, not per read.
        let directory_list: Signal<Directory> =
            Memo::new(move |_| directory.latest().unwrap_or_default()).into();
        // Asked again when a purchase, a setting or a recalculation changed the figures.
        let fresh = move || {
            app.data_version.track();
            app.api()
        };
        let balance = use_remote(fresh, |api| async move { api.balance().await });
        let recharge = use_remote(fresh, |api| async move {
            let (settings, pricing) = futures::join!(api.auto_recharge(), api.pricing());
            Ok::<_, ApiError>(RechargeTerms {
                settings: settings?,
                pricing: pricing?,
            })
        });
        let alerts = use_remote(fresh, |api| async move { api.alerts().await });
        let answers = DashAnswers {
            directory,
            balance,
            recharge,
            alerts,
            currency: StoredValue::new(account.account.currency.clone()),
            time_zone: StoredValue::new(account.account.time_zone.clone()),
            directory_list,
        };
        provide_context(answers);
        answers
    }

    /// The answers provided above (panics outside a dashboard: only its widgets call it).
    pub fn expect() -> Self {
        expect_context::<DashAnswers>()
    }

    /// Teams and users to choose from (empty until the directory has loaded).
    pub fn directory_list(&self) -> Signal<Directory> {
        self.directory_list
    }

    /// The account's time zone (IANA name), in which every date and time on the page is shown.
    pub fn time_zone(&self) -> String {
        self.time_zone.get_value()
    }

    /// The teams and the users a query is filtered by, by name as the directory knows them
    /// (an id it does not know stays an id), `; `-separated, or "all" (for CSV files).
    pub fn filter_names(&self, q: &UsageQuery) -> (String, String) {
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

    /// The as-of time of the figures (the balance's), as the API says it, or empty.
    pub fn as_of(&self) -> String {
        self.balance.latest().map(|b| b.as_of).unwrap_or_default()
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
        let as_of = self.as_of();
        let as_of_day = format::moment_in(&as_of, &zone).map(|(d, _)| d);
        let through = as_of_day.map_or(range.to, |d| range.to.min(d).max(range.from));
        let local = format::rfc3339_in(&as_of, &zone).unwrap_or(as_of);
        (through.to_string(), local)
    }
}
