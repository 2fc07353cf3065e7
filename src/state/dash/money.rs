//! The money view: "Show value in USD", remembered by this browser, and what a credit is worth
//! once the prices have loaded.

use super::answers::DashAnswers;
use crate::domain::pricing::CreditValue;
use crate::platform::storage::{self, Kept};
use leptos::prelude::*;

/// Where "Show value in USD" is remembered (`1` when on): a preference of this browser.
const SHOW_MONEY_KEY: &str = "credit-dash:show-money";

/// Whether credits figures show their value beside them, and at what value. Provided by the
/// dashboard (and by each gallery card); read with [`MoneyView::expect`].
#[derive(Clone, Copy)]
pub struct MoneyView {
    /// "Show value in USD": credits figures show their value beside them.
    pub show_money: RwSignal<bool>,
    /// What a credit is worth (the plan's lowest price), once the prices have loaded.
    pub credit_value: Memo<Option<CreditValue>>,
    /// The value to show beside credits figures: set while the toggle is on and prices are known.
    pub money: Memo<Option<CreditValue>>,
}

impl MoneyView {
    /// The money view over the prices of `answers`, provided below.
    pub fn provide(answers: DashAnswers) -> Self {
        let show_money =
            RwSignal::new(storage::get(Kept::Browser, SHOW_MONEY_KEY).as_deref() == Some("1"));
        let credit_value = Memo::new(move |_| {
            answers.recharge.state.with(|r| {
                r.latest_ref()
                    .and_then(|t| CreditValue::of_account(&t.pricing))
            })
        });
        let money = Memo::new(move |_| show_money.get().then(|| credit_value.get()).flatten());
        let view = MoneyView {
            show_money,
            credit_value,
            money,
        };
        provide_context(view);
        view
    }

    /// The money view provided above (panics outside a dashboard).
    pub fn expect() -> Self {
        expect_context::<MoneyView>()
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
}
