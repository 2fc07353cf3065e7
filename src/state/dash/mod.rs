//! What the widgets of one dashboard share, in four contexts of one concern each, provided
//! together by the dashboard page (and by each gallery card) where their scope starts:
//! - [`DashFilters`]: the account's calendar and the dashboard's filters;
//! - [`DashAnswers`]: the answers several widgets read (directory, balance, recharge, alerts);
//! - [`MoneyView`]: "Show value in USD" and what a credit is worth;
//! - [`WidgetLinks`]: the drill-down, a flow's actions, and bringing a widget into view.

mod answers;
mod links;
mod money;
mod scope;

pub use answers::{DashAnswers, RechargeTerms};
pub use links::WidgetLinks;
pub use money::MoneyView;
pub use scope::{DashFilters, FilterEnv};

use super::app_context::AppContext;
use super::filters::{GlobalFilters, WidgetFilters};
use crate::api::types::Account;
use crate::domain::{BillingAnchor, CompareWith, DateRange};
use crate::platform::format;
use crate::platform::storage::{self, Kept};
use leptos::prelude::*;

/// Where the last account's bill-cycle day and time zone are remembered ("14 Europe/Berlin"),
/// so that the next visit can start the dashboard's requests before the account has answered.
const ACCOUNT_HINT_KEY: &str = "credit-dash:account-hint";

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

/// The four contexts of one dashboard, as its provider gets them back.
#[derive(Clone, Copy)]
pub struct Dashboard {
    pub filters: DashFilters,
    pub answers: DashAnswers,
    pub money: MoneyView,
    pub links: WidgetLinks,
}

/// Provides the contexts of a dashboard over `account` to the components below. `filters`
/// makes the dashboard's filters from today and the billing anchor.
pub fn provide_dashboard(
    account: &Account,
    filters: impl FnOnce(chrono::NaiveDate, BillingAnchor) -> FilterSource,
) -> Dashboard {
    let app = AppContext::expect();
    let today = app.today(&account.account.time_zone);
    let anchor = BillingAnchor::of_cycle(account.plan.cycle_start, account.plan.cycle_end);
    let source = filters(today, anchor);
    let answers = DashAnswers::provide(account);
    let filters = DashFilters::provide(
        today,
        anchor,
        account.account.opened_on,
        &source,
        answers.directory,
        answers.directory_list(),
    );
    let money = MoneyView::provide(answers);
    let links = WidgetLinks::provide(source.drill, source.set_drill);
    Dashboard {
        filters,
        answers,
        money,
        links,
    }
}
