use super::balance::over_by_text;
use super::compare_controls::{use_report, CompareControls, ReportSettings, ReportState};
use crate::api::types::{Feature, UsageSummary};
use crate::components::data_table::change_view;
use crate::components::money::money_note;
use crate::components::widget_frame::{FrameStatus, OwnFilters, WidgetFrame};
use crate::domain::percent_change;
use crate::domain::{Keyed, WidgetId};
use crate::platform::format;
use crate::state::dash::{DashAnswers, DashFilters, MoneyView};
use crate::state::remote::Newer;
use leptos::prelude::*;

/// Credits Used Summary: the total in the range, then each feature with its share, a small
/// chart of the split, and the comparison when one is chosen.
#[component]
pub fn UsedSummaryWidget() -> impl IntoView {
    let scope = DashFilters::expect();
    let ReportState { settings, data } = use_report(
        |api, q| async move { api.summary(&q).await },
        None,
        WidgetId::UsedSummary,
    );
    let retry = data.retry;
    let data = data.state;
    let ReportSettings {
        filters,
        compare,
        show_percent,
        query,
    } = settings;
    let status = Signal::derive(move || {
        data.with(|d| {
            FrameStatus::of(d, |s| {
                s.total.hundredths() == 0
                    && s.comparison
                        .as_ref()
                        .is_none_or(|c| c.total.hundredths() == 0)
            })
        })
    });
    let subtitle = Signal::derive(move || {
        let answered = data.with(|d| {
            d.latest_ref()
                .map(|d| (d.range, d.comparison.as_ref().map(|c| c.range)))
        });
        let newer = data.with(Newer::of);
        scope.report_subtitle(query.with(|q| q.range), answered, compare.get(), newer)
    });
    view! {
        <WidgetFrame
            id=WidgetId::UsedSummary
            subtitle=subtitle
            status=status
            on_retry=retry
            filters=OwnFilters { own: filters, env: scope.report_filter_env() }
            class="w-summary"
            controls=std::sync::Arc::new(move || view! { <CompareControls compare=compare show_percent=show_percent /> }.into_any())
        >
            {move || data.with(|d| d.latest()).map(|s| view! { <SummaryFigures summary=s show_percent=show_percent /> })}
        </WidgetFrame>
    }
}

#[component]
fn SummaryFigures(summary: UsageSummary, show_percent: RwSignal<bool>) -> impl IntoView {
    let scope = DashFilters::expect();
    let answers = DashAnswers::expect();
    let money = MoneyView::expect();
    let total = summary.total.as_f64();
    // A comparison wholly before the account opened has nothing to say: no "was 0 · new".
    let before_opening = summary
        .comparison
        .as_ref()
        .is_some_and(|c| scope.before_opening(c.range));
    let previous = summary.comparison.clone().filter(|_| !before_opening);
    let prev_total = previous.as_ref().map(|c| c.total.as_f64());
    let share = move |v: f64| if total > 0.0 { v / total } else { 0.0 };
    let change = move |cur: f64, prev: Option<f64>| {
        prev.map(|p| {
            view! {
                <span class="prev muted">
                    "was " <span class="num" data-testid="previous" data-value=p data-money=move || money.money_of(p)>{format::credits(p)}</span>
                    {move || money.money_of(p).map(|_| " · ")}
                    {money_note(money, p)}
                </span>
                <Show when=move || show_percent.get()>{change_view(percent_change(cur, p))}</Show>
            }
        })
    };
    let bar = Feature::ALL
        .iter()
        .copied()
        .map(|f| {
            let v = summary.by_feature.get(f).as_f64();
            view! {
                <span
                    class=format!("split-part {}", f.color_class())
                    style=format!("width: {}%", crate::domain::fixed(share(v) * 100.0, 3))
                    title=format!("{}: {}", f.label(), format::share(share(v)))
                ></span>
            }
        })
        .collect_view();
    // The features' money adds up to the total's (issue 28 item 3): rounding is allocated.
    let parts: Vec<f64> = Feature::ALL
        .iter()
        .map(|&f| summary.by_feature.get(f).as_f64())
        .collect();
    let part_money = move |i: usize| {
        money.money.with(|m| {
            m.as_ref()
                .map(|m| (m.allocate(&parts).1[i], m.currency.clone()))
        })
    };
    let rows = Feature::ALL
        .iter()
        .copied()
        .enumerate()
        .map(|(i, f)| {
            let v = summary.by_feature.get(f).as_f64();
            let part_money = part_money.clone();
            let note_money = part_money.clone();
            let p = previous.as_ref().map(|c| c.by_feature.get(f).as_f64());
            view! {
                <li class="feature-row">
                    <span class=format!("swatch {}", f.color_class()) aria-hidden="true"></span>
                    <span class="feature-name">{f.label()}</span>
                    <span class="feature-value">
                        <span class="num" data-testid=format!("used-{}", f.key()) data-value=v data-money=move || part_money(i).map(|m| m.0)>{format::credits(v)}</span>
                        {move || note_money(i).map(|(m, c)| view! { <span class="money">{format::money(m, &c)}</span> })}
                    </span>
                    <span class="num muted feature-share">{format::share(share(v))}</span>
                    <span class="feature-change">{change(v, p)}</span>
                </li>
            }
        })
        .collect_view();
    // DESIGN 14: an overage of the current cycle is said where its usage is.
    let overage = move || {
        let b = answers.balance.latest()?;
        let terms = answers.recharge.latest();
        let text = over_by_text(
            &b,
            terms.as_ref().map(|t| &t.pricing),
            &answers.currency.get_value(),
        )?;
        Some(view! {
            <p class="overage warn" data-testid="summary-overage">
                {format!("This bill cycle ({}): {}, billed as an overage.", format::date_range(b.cycle.from, b.cycle.to), text.replacen("Over", "over", 1))}
            </p>
        })
    };
    view! {
        <div class="summary">
            <div class="summary-total">
                <span class="figure-label">"Total used"</span>
                <span class="figure-value big num" data-testid="used-total" data-value=total data-money=move || money.money_of(total)>{format::credits(total)}</span>
                {money_note(money, total)}
                <span class="feature-change">{change(total, prev_total)}</span>
            </div>
            {overage}
            {before_opening.then(|| scope.opened_on.map(|o| view! {
                <p class="muted no-earlier" data-testid="summary-no-earlier">
                    {format!("Nothing to compare with: the account opened on {}.", format::date(o))}
                </p>
            }))}
            <div class="split" role="img" aria-label="Share of credits by feature">{bar}</div>
            <ul class="feature-list">{rows}</ul>
        </div>
    }
}
