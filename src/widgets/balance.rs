use crate::api::types::{AtLimit, Balance, Open, Pricing};
use crate::components::money::money_note;
use crate::components::widget_frame::{FrameStatus, WidgetFrame};
use crate::domain::pricing::price_of;
use crate::domain::runout::{project, Pace, RechargePlan, Runout, RunoutInput};
use crate::domain::WidgetId;
use crate::platform::format;
use crate::state::dash::{DashAnswers, DashFilters, MoneyView, RechargeTerms};
use chrono::NaiveDate;
use leptos::prelude::*;

/// Credit Balance of the current bill cycle: Free + Purchased = Total, used and remaining, and
/// how long the balance lasts at the current rate (with auto-recharge when it is on).
#[component]
pub fn BalanceWidget() -> impl IntoView {
    let answers = DashAnswers::expect();
    let recharge = answers.recharge;
    // A balance is never empty: a new account's shows nothing used yet.
    let status = Signal::derive(move || {
        answers
            .balance
            .state
            .with(|b| FrameStatus::of(b, |_| false))
    });
    let subtitle = Signal::derive(move || {
        answers
            .balance
            .latest()
            .map(|b| {
                format!(
                    "Bill cycle {}",
                    format::date_range(b.cycle.from, b.cycle.to)
                )
            })
            .unwrap_or_else(|| "Current bill cycle".into())
    });
    let retry = Callback::new(move |_| {
        answers.balance.retry.run(());
        recharge.retry.run(());
    });
    view! {
        <WidgetFrame id=WidgetId::Balance subtitle=subtitle status=status on_retry=retry class="w-balance">
            {move || {
                answers.balance
                    .latest()
                    .map(|b| {
                        let rc = recharge.latest();
                        view! { <BalanceFigures balance=b recharge=rc /> }
                    })
            }}
        </WidgetFrame>
    }
}

/// "Over by 1,250 credits ($11.25)": usage beyond the cycle's credits, with what it is billed
/// (the service's figure, else the price rule's), or None when the balance is not below zero.
pub fn over_by_text(b: &Balance, pricing: Option<&Pricing>, currency: &str) -> Option<String> {
    let (credits, amount) = b.over_by()?;
    let amount = amount.or_else(|| pricing.map(|p| price_of(credits.ceil() as u64, p)));
    Some(match amount {
        Some(a) => format!(
            "Over by {} credits ({})",
            format::credits(credits),
            format::money(a, currency)
        ),
        None => format!("Over by {} credits", format::credits(credits)),
    })
}

fn figure(testid: &'static str, label: &'static str, value: f64) -> impl IntoView {
    let money = MoneyView::expect();
    view! {
        <div class="figure">
            <span class="figure-label">{label}</span>
            <span class="figure-value num" data-testid=testid data-value=value data-money=move || money.money_of(value)>
                {format::credits(value)}
            </span>
            {money_note(money, value)}
        </div>
    }
}

#[component]
fn BalanceFigures(balance: Balance, recharge: Option<RechargeTerms>) -> impl IntoView {
    let scope = DashFilters::expect();
    let answers = DashAnswers::expect();
    let money = MoneyView::expect();
    let b = balance;
    let total = b.total_credits.as_f64();
    let used = b.used_credits.as_f64();
    let remaining = b.remaining_credits.as_f64();
    let used_share = if total > 0.0 {
        (used / total).clamp(0.0, 1.0)
    } else {
        1.0
    };
    let low = total > 0.0 && remaining / total < 0.1;
    let auto = recharge.as_ref().and_then(plan_of);
    let currency = recharge
        .as_ref()
        .map(|t| t.pricing.currency.clone())
        .unwrap_or_else(|| answers.currency.get_value());
    let r = forecast(&b, auto, scope.today, &answers.time_zone());
    let pricing = recharge.as_ref().map(|t| &t.pricing);
    let over = over_by_text(&b, pricing, &currency);
    let runout_text = runout_sentence(&b, &r, auto.is_some(), over.is_some(), &currency);
    // The recharges the forecast expects, each on its day (the first few, then how many more).
    let recharges = auto
        .filter(|_| over.is_none() && remaining > 0.0)
        .map(|plan| recharge_list(&r.recharge_dates, plan, &currency));
    let warn = r.runs_out_on.is_some() || remaining <= 0.0;
    view! {
        <div class="balance">
            <div class="balance-main">
                <span class="figure-label">"Remaining"</span>
                <div class="balance-line" class:warn=low>
                    <span class="figure-value big num" data-testid="balance-remaining" data-value=remaining data-money=move || money.money_of(remaining)>
                        {format::credits(remaining)}
                    </span>
                    <span class="muted">"of " <span class="num">{format::credits(total)}</span> " credits"</span>
                </div>
                {money_note(money, remaining)}
            </div>
            <div
                class="meter"
                role="meter"
                aria-label="Credits used this cycle"
                aria-valuemin="0"
                aria-valuemax=b.total_credits.plain()
                aria-valuenow=b.used_credits.min(b.total_credits).plain()
                aria-valuetext=format!("{} used of {}", format::credits(used), format::credits(total))
            >
                <div class="meter-fill" class:warn=low style=format!("width: {}%", crate::domain::fixed(used_share * 100.0, 2))></div>
            </div>
            <div class="figures">
                {figure("balance-used", "Used", used)}
                {figure("balance-free", "Free (plan)", b.free_credits.as_f64())}
                {figure("balance-purchased", "Purchased", b.purchased_credits.as_f64())}
                {figure("balance-total", "Total", total)}
            </div>
            {over.map(|o| view! { <p class="overage warn" data-testid="balance-overage">{o}</p> })}
            <p class="runout" class:warn=warn data-testid="balance-runout">{runout_text}</p>
            {recharges}
        </div>
    }
}

/// The recharge auto-recharge makes, when it is on.
fn plan_of(terms: &RechargeTerms) -> Option<RechargePlan> {
    let RechargeTerms {
        settings: ar,
        pricing: p,
    } = terms;
    ar.enabled.then(|| RechargePlan {
        threshold: ar.threshold_credits as f64,
        amount: ar.recharge_credits as f64,
        monthly_limit: ar.monthly_limit,
        price: price_of(ar.recharge_credits, p),
    })
}

/// The cycle's forecast from the balance `b` on `today` in the account's `zone`.
fn forecast(b: &Balance, auto: Option<RechargePlan>, today: NaiveDate, zone: &str) -> Runout {
    let day = today.min(b.cycle.to).max(b.cycle.from);
    // How much of today the figures cover: up to their as-of time when it is today in the
    // account's zone, else up to the browser's clock (a demo pinned to another day).
    let day_elapsed = match today.cmp(&day) {
        std::cmp::Ordering::Greater => 1.0,
        std::cmp::Ordering::Less => 0.0,
        std::cmp::Ordering::Equal => match format::moment_in(&b.as_of, zone) {
            Some((d, share)) if d == day => share,
            _ => format::day_elapsed_in(zone),
        },
    };
    project(&RunoutInput {
        cycle_start: b.cycle.from,
        cycle_end: b.cycle.to,
        today: day,
        day_elapsed,
        used: b.used_credits.as_f64(),
        remaining: b.remaining_credits.as_f64(),
        auto_recharge: auto,
        pace: b.pace.as_ref().map(|p| Pace {
            weekday: p.weekday.as_f64(),
            weekend: p.weekend.as_f64(),
        }),
    })
}

/// How long the balance lasts, said at the pace it follows (DESIGN 14); `over`: the balance is
/// below zero (said on the line above).
fn runout_sentence(b: &Balance, r: &Runout, auto: bool, over: bool, currency: &str) -> String {
    let remaining = b.remaining_credits.as_f64();
    let used = b.used_credits.as_f64();
    // What the forecast follows, said at its start (DESIGN 14).
    let basis = match &b.pace {
        Some(p) => format!(
            "At the last four weeks' pace ({} credits a weekday, {} a weekend day)",
            format::credits(p.weekday.as_f64().round()),
            format::credits(p.weekend.as_f64().round())
        ),
        None => format!(
            "At {} credits a day (this cycle's average so far)",
            format::credits(r.daily_rate.round())
        ),
    };
    let paused = b.at_limit.as_ref().is_none_or(|p| *p == AtLimit::Pause);
    let next_cycle = b.cycle.to.succ_opt().unwrap_or(b.cycle.to);
    match (r.runs_out_on, auto) {
        // The figure is said once, on the line above.
        _ if over => {
            "Usage goes on past the cycle's credits and is billed as an overage.".to_string()
        }
        (_, _) if remaining <= 0.0 && paused => format!(
            "Usage is paused: no credits left. Buy credits{} to resume; the next cycle starts on {}.",
            if auto { "" } else { " or turn on auto-recharge" },
            format::date(next_cycle)
        ),
        // A policy this client does not know is named as sent, never guessed at.
        (_, _) if remaining <= 0.0 => match &b.at_limit {
            Some(Open::Unknown(raw)) => {
                format!("No credits left this cycle. At zero the account's policy is \u{201c}{raw}\u{201d}.")
            }
            _ => "No credits left this cycle.".to_string(),
        },
        (_, _) if used <= 0.0 => "No credits used yet this cycle.".to_string(),
        (None, false) => format!("{basis}, the balance lasts the cycle."),
        (Some(d), false) => format!(
            "{basis}, credits run out on {}, before the cycle ends on {}.",
            format::date(d),
            format::date(b.cycle.to)
        ),
        (None, true) if r.recharges == 0 => {
            format!("{basis}, the balance lasts the cycle without a recharge.")
        }
        (None, true) => format!(
            "{basis}, auto-recharge tops up {} time{} before the cycle ends ({}).",
            r.recharges,
            if r.recharges == 1 { "" } else { "s" },
            format::money(r.recharge_cost, currency)
        ),
        (Some(d), true) => format!(
            "{basis}, auto-recharge reaches its monthly limit after {} recharge{} ({}); credits then run out on {}.",
            r.recharges,
            if r.recharges == 1 { "" } else { "s" },
            format::money(r.recharge_cost, currency),
            format::date(d)
        ),
    }
}

/// The recharges the forecast expects, each on its day: the first few, then how many more.
fn recharge_list(dates: &[NaiveDate], plan: RechargePlan, currency: &str) -> impl IntoView {
    const SHOWN: usize = 6;
    let more = dates.len().saturating_sub(SHOWN);
    let items = dates
        .iter()
        .take(SHOWN)
        .map(|d| {
            view! {
                <li data-testid="runout-recharge" data-date=d.to_string()>
                    <span>{format::date(*d)}</span>
                    <span class="num muted">{format!("+{} credits · {}", format::credits(plan.amount), format::money(plan.price, currency))}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <ol class="runout-recharges" aria-label="Expected auto-recharges" data-testid="runout-recharges">
            {items}
            {(more > 0).then(|| view! { <li class="muted">{format!("and {more} more")}</li> })}
        </ol>
    }
}
