//! The value of credits figures, shown beside them while "Show value in USD" is on; and the
//! toggle itself.

use crate::platform::format;
use crate::state::dash::{DashAnswers, DashFilters, MoneyView};
use leptos::prelude::*;

/// The value of `credits` ("$47.50"), under its figure, while values are shown. The figure's
/// own element carries the amount in `data-money` (see [`MoneyView::money_of`]).
pub fn money_note(view: MoneyView, credits: f64) -> impl IntoView {
    move || {
        view.money.with(|m| {
            m.as_ref().map(|m| {
                view! { <span class="money">{format::money(m.of(credits), &m.currency)}</span> }
            })
        })
    }
}

/// The query parameter that shows values (`money=usd`).
pub const MONEY_PARAM: &str = "money";

/// "Show value in USD": a choice for the whole dashboard, remembered by this browser. Usable
/// once the plan's prices have loaded; the line under it says which price it uses.
#[component]
pub fn MoneyToggle() -> impl IntoView {
    let scope = DashFilters::expect();
    let answers = DashAnswers::expect();
    let money = MoneyView::expect();
    let currency = move || {
        money
            .credit_value
            .with(|v| v.as_ref().map(|v| v.currency.clone()))
            .unwrap_or_else(|| answers.currency.get_value())
    };
    let hint_id = crate::platform::ids::unique_id("money-hint");
    // On the dashboard the choice is in the address too (`money=usd`, issue 28 item 14), so a
    // link shows values as its sender saw them.
    let set_param = scope.in_url.then(crate::state::url::use_query_param);
    let hint = move || match money.credit_value.get() {
        Some(v) => format!(
            "At {} per 1,000 credits, {}",
            format::money(v.per_credit * 1000.0, &v.currency),
            if v.effective {
                "your 12-month average"
            } else {
                "the list price"
            }
        ),
        None if answers.recharge.error().is_some() => "Prices could not be loaded".to_string(),
        None => "Loading prices…".to_string(),
    };
    view! {
        <div class="money-toggle">
            <label class="check">
                <input
                    type="checkbox"
                    data-testid="show-money"
                    aria-describedby=hint_id.clone()
                    disabled=move || money.credit_value.with(Option::is_none)
                    prop:checked=move || money.money.with(Option::is_some)
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        money.set_show_money(on);
                        if let Some(set) = &set_param {
                            let value = if on { currency().to_lowercase() } else { String::new() };
                            set(MONEY_PARAM.to_string(), value);
                        }
                    }
                />
                {move || format!("Show value in {}", currency())}
            </label>
            <span class="field-hint muted" id=hint_id data-testid="money-rate" title=move || money.credit_value.with(|v| v.as_ref().map(|v| if v.effective { "What your account paid per 1,000 credits on average over the last 12 months" } else { "The list price of 1,000 credits" }))>{hint}</span>
        </div>
    }
}
