//! The ledger: its filters, the entries page by page, and the export of every page.

use super::entries::{append_new, count_text, entry_row, history_csv};
use super::filters::{filter_form, Filters};
use crate::api::types::{Account, HistoryQuery, LedgerEntry};
use crate::api::UsageApi;
use crate::components::error_notice::ErrorNotice;
use crate::domain::table::csv_file_name;
use crate::platform::format;
use crate::platform::ids::unique_id;
use crate::state::action::use_action;
use crate::state::app_context::AppContext;
use crate::state::paged::{use_paged, Page, Paged};
use crate::state::remote::Remote;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The most pages an export reads (50 entries each): ten thousand entries.
const EXPORT_PAGES: usize = 200;

#[component]
pub(super) fn Ledger(account: Account) -> impl IntoView {
    let app = AppContext::expect();
    let zone = StoredValue::new(account.account.time_zone.clone());
    let currency = StoredValue::new(account.account.currency.clone());
    let query = use_query_map();
    let filters = Memo::new(move |_| query.with(Filters::from_query));
    let first_new = NodeRef::<leptos::html::Tbody>::new();
    // The keyboard goes on from the first entry a next page added.
    let focus_first_new = Callback::new(move |shown: usize| focus_row(first_new, shown));
    // Dates that cannot be a range ask nothing: the list is empty and the form says why.
    let Paged {
        state: list,
        next,
        more_pending,
        more_failed,
        load_more,
        retry,
    } = use_paged(
        move || {
            app.data_version.track();
            let f = filters.get();
            f.problem().is_none().then(|| (app.api(), f))
        },
        |(api, f): (UsageApi, Filters), cursor| async move {
            let h = api
                .history(&HistoryQuery {
                    cursor,
                    ..f.query()
                })
                .await?;
            Ok(Page {
                items: h.entries,
                next: h.next_cursor,
            })
        },
        append_new,
        Some(focus_first_new),
    );
    let shown = move || list.with(|l| matches!(l, Remote::Ready(_)));
    let count = move || list.with(|l| l.latest_ref().map_or(0, Vec::len));
    // Export: every page of what the filters select, not only those loaded. Its outcome is
    // the failure to show, if any.
    let export = use_action(move |f: Filters| export_all(app.api(), f));
    let exporting = export.pending;
    let export_error = Signal::derive(move || export.outcome.get().and_then(Result::err));
    let start_export = move |_| {
        if filters.with_untracked(|f| f.problem().is_none()) {
            export.run.run(filters.get_untracked());
        }
    };
    let title_id = unique_id("history-title");
    let problem_id = StoredValue::new(unique_id("history-dates-problem"));
    view! {
        <section class="card history" aria-labelledby=title_id.clone() data-testid="history">
            <div class="history-head">
                <h2 id=title_id.clone()>"Ledger"</h2>
                <span class="muted history-zone">{format!("Dates in {}", format::zone_label(&zone.get_value()))}</span>
            </div>
            {filter_form(
                filters,
                problem_id,
                view! {
                            <button type="button" class="btn" data-testid="export-csv" on:click=start_export disabled=move || exporting.get()>
                                {move || if exporting.get() { "Exporting…" } else { "Export CSV" }}
                            </button>
                },
            )}
            {move || filters.with(|f| f.problem()).map(|p| view! { <p class="field-error" role="alert" id=problem_id.get_value() data-testid="history-filter-error">{p}</p> })}
            {move || export_error.get().map(|e| view! {
                <p class="notice notice-error" role="alert" data-testid="export-error">{format!("The export failed: {e}")}</p>
            })}
            {move || list_notice(list, filters, retry)}
            // The table stays while older pages are added: rows are keyed, so those shown keep
            // their place (and the keyboard its focus).
            <Show when=move || shown() && count() != 0>
                <div class="table-scroll">
                    <table class="table history-table">
                        <caption class="visually-hidden">"Balance changes, newest first"</caption>
                        <thead>
                            <tr>
                                <th scope="col" class="history-date">"Date"</th>
                                <th scope="col">"Entry"</th>
                                <th scope="col" class="num">"Credits"</th>
                                <th scope="col" class="num">"Balance"</th>
                            </tr>
                        </thead>
                        <tbody node_ref=first_new>
                            <For
                                each=move || list.with(|l| l.latest_ref().cloned().unwrap_or_default())
                                key=|e| e.id.clone()
                                children=move |e| entry_row(e, &zone.get_value(), &currency.get_value())
                            />
                        </tbody>
                    </table>
                </div>
                <div class="history-foot">
                    <span class="muted" data-testid="history-count">
                        {move || {
                            count_text(count(), next.with(Option::is_some))
                        }}
                    </span>
                    <Show when=move || next.with(Option::is_some)>
                        <button type="button" class="btn" data-testid="history-more" on:click=move |_| load_more.run(()) disabled=move || more_pending.get()>
                            {move || if more_pending.get() { "Loading…" } else { "Show older entries" }}
                        </button>
                    </Show>
                </div>
                {move || more_failed.get().map(|e| view! {
                    <p class="notice notice-error" role="alert" data-testid="history-more-error">
                        {format!("Older entries could not be loaded: {}", e.message())}
                    </p>
                })}
            </Show>
        </section>
    }
}

/// Focuses the row after the first `shown`: the first entry a next page added, so the keyboard
/// goes on from there.
fn focus_row(body: NodeRef<leptos::html::Tbody>, shown: usize) {
    request_animation_frame(move || {
        let row = body.get_untracked().and_then(|body| {
            body.query_selector(&format!("tr:nth-child({})", shown + 1))
                .ok()
                .flatten()
        });
        if let Some(row) =
            row.and_then(|r| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(r).ok())
        {
            let _ = row.focus();
        }
    });
}

/// Exports every page of what the filters select, not only those loaded; the error is what to
/// say.
async fn export_all(api: UsageApi, f: Filters) -> Result<(), String> {
    let mut all: Vec<LedgerEntry> = Vec::new();
    let mut q = f.query();
    for _ in 0..EXPORT_PAGES {
        let h = api.history(&q).await.map_err(|e| e.message())?;
        append_new(&mut all, h.entries);
        let Some(cursor) = h.next_cursor else {
            crate::platform::download::download(
                &csv_file_name(&[
                    "credit-history".into(),
                    f.from.map(|d| format!("from-{d}")).unwrap_or_default(),
                    f.to.map(|d| format!("to-{d}")).unwrap_or_default(),
                    f.kinds
                        .iter()
                        .map(|k| k.key())
                        .collect::<Vec<_>>()
                        .join("-"),
                ]),
                "text/csv;charset=utf-8",
                &history_csv(&all),
            );
            return Ok(());
        };
        q.cursor = Some(cursor);
    }
    Err(format!(
        "the history is longer than {} entries; choose fewer dates or one kind.",
        format::count((EXPORT_PAGES * 50) as f64)
    ))
}

/// What stands above the table: loading, the error with Retry, or why there is nothing.
fn list_notice(
    list: RwSignal<Remote<Vec<LedgerEntry>>>,
    filters: Memo<Filters>,
    retry: Callback<()>,
) -> Option<AnyView> {
    let empty = list.with(|l| match l {
        Remote::Loading(_) => Err(None),
        Remote::Failed(e) | Remote::Stale(e, _) => Err(Some(e.clone())),
        Remote::Ready(items) => Ok(items.is_empty()),
    });
    match empty {
        Err(None) => Some(
            view! { <p class="muted" data-testid="history-loading">"Loading the history…"</p> }
                .into_any(),
        ),
        Err(Some(e)) => Some(view! { <ErrorNotice error=e on_retry=retry /> }.into_any()),
        Ok(_) if filters.with(|f| f.problem().is_some()) => None,
        Ok(true) => {
            let text = if filters.with(|f| f.is_filtered()) {
                "Nothing in these dates and kinds."
            } else {
                "No changes to the balance yet."
            };
            Some(view! { <p class="muted empty" data-testid="history-empty">{text}</p> }.into_any())
        }
        Ok(false) => None,
    }
}
