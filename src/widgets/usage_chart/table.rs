//! The chart's buckets as a table, beside the chart, with each credits figure's value.

use super::rows::BucketRow;
use crate::api::types::Feature;
use crate::components::money::money_note;
use crate::domain::Keyed;
use crate::platform::format;
use crate::state::dash::MoneyView;
use leptos::prelude::*;

/// A credits cell of the chart's table, with its value while values are shown.
fn credit_cell(money: MoneyView, v: f64, col: Option<&'static str>) -> impl IntoView {
    view! {
        <td class="num" data-col=col data-value=v data-money=move || money.money_of(v)>
            {format::credits(v)}
            {money_note(money, v)}
        </td>
    }
}

/// The chart's buckets as a table: one row per period in time order, a column per feature, the
/// total of each, and the range's totals at the foot (equal to the chart's total below it).
#[component]
pub(super) fn BucketTable(
    rows: Memo<Option<Vec<BucketRow>>>,
    on_export: Callback<()>,
) -> impl IntoView {
    let money = MoneyView::expect();
    let foot = move || {
        rows.with(|r| {
            let r = r.as_deref().unwrap_or_default();
            let mut sums = vec![0.0; Feature::ALL.len()];
            for b in r {
                for (s, v) in sums.iter_mut().zip(&b.by_feature) {
                    *s += v;
                }
            }
            let total: f64 = r.iter().map(|b| b.total).sum();
            (sums, total)
        })
    };
    view! {
        <div class="table-tools chart-table-tools">
            <span class="muted table-count">
                {move || {
                    let n = rows.with(|r| r.as_ref().map_or(0, Vec::len));
                    if n == 1 { "1 period".to_string() } else { format!("{} periods", format::count(n as f64)) }
                }}
            </span>
            <button class="btn" data-testid="chart-export-csv" on:click=move |_| on_export.run(())>"Export CSV"</button>
        </div>
        // On a phone the five columns scroll sideways: the region takes focus so that the keyboard
        // can scroll it too.
        <div class="table-scroll" tabindex="0" role="region" aria-label="Credits used per period, as a table">
            <table class="table chart-table" data-testid="chart-table">
                <caption class="visually-hidden">"Credits used per period by feature"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Period"</th>
                        {Feature::ALL.iter().map(|f| view! { <th scope="col" class="num">{f.label()}</th> }).collect_view()}
                        <th scope="col" class="num">"Total"</th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        rows.with(|r| {
                            r.iter()
                                .flatten()
                                .map(|b| {
                                    view! {
                                        <tr data-testid="chart-row" data-partial=b.part.to_string()>
                                            <th scope="row">{b.label.clone()}</th>
                                            {b.by_feature
                                                .iter()
                                                .map(|v| credit_cell(money, *v, None))
                                                .collect_view()}
                                            {credit_cell(money, b.total, Some("total"))}
                                        </tr>
                                    }
                                })
                                .collect_view()
                        })
                    }}
                </tbody>
                <tfoot>
                    <tr data-testid="chart-totals">
                        <th scope="row">"Total"</th>
                        {move || {
                            let (sums, total) = foot();
                            view! {
                                {sums.into_iter().map(|v| credit_cell(money, v, None)).collect_view()}
                                <td class="num" data-testid="chart-table-total" data-value=total data-money=move || money.money_of(total)>
                                    {format::credits(total)}
                                    {money_note(money, total)}
                                </td>
                            }
                        }}
                    </tr>
                </tfoot>
            </table>
        </div>
    }
}
