//! History: the credit ledger. Every change to the balance, newest first, with the running
//! balance after each: the plan's credits at each cycle start, purchases and auto-recharges,
//! each day's usage by feature, and credits that lapsed. Its filters live in the URL.

use super::billing::BillingTabs;
use crate::api::types::{
    Account, Feature, HistoryQuery, Labelled, LedgerEntry, LedgerKind, Open, PaymentStatus,
};
use crate::api::UsageApi;
use crate::components::chrome::account_gate::AccountGate;
use crate::components::error_notice::ErrorNotice;
use crate::components::multi_select::{Choice, MultiSelect};
use crate::components::page_head::PageHead;
use crate::domain::table::{csv_file_name, neutralise};
use crate::domain::{Credits, Keyed};
use crate::platform::format;
use crate::platform::ids::unique_id;
use crate::state::action::use_action;
use crate::state::app_context::AppContext;
use crate::state::paged::{use_paged, More, Page, Paged};
use crate::state::remote::Remote;
use crate::state::url::use_query_navigator;
use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The most pages an export reads (50 entries each): ten thousand entries.
const EXPORT_PAGES: usize = 200;

/// The query keys of this page.
mod keys {
    pub const FROM: &str = "from";
    pub const TO: &str = "to";
    /// The kinds shown, comma-separated (`kinds=purchase,auto_recharge`).
    pub const KINDS: &str = "kinds";
    /// One kind, as links made before the kinds were a list say it.
    pub const KIND: &str = "kind";
}

/// What the page shows: its filters as the URL gives them.
#[derive(Clone, Debug, Default, PartialEq)]
struct Filters {
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    /// The kinds shown; none means every kind.
    kinds: Vec<LedgerKind>,
}

impl Filters {
    /// The kinds of `kinds=` (or an older link's single `kind=`), known ones only, each once.
    fn kinds_of(list: Option<&str>, single: Option<&str>) -> Vec<LedgerKind> {
        let mut kinds: Vec<LedgerKind> = Vec::new();
        for k in list
            .or(single)
            .unwrap_or_default()
            .split(',')
            .filter_map(LedgerKind::from_key)
        {
            if !kinds.contains(&k) {
                kinds.push(k);
            }
        }
        kinds
    }

    fn query(&self) -> HistoryQuery {
        HistoryQuery {
            from: self.from,
            to: self.to,
            kinds: self.kinds.clone(),
            cursor: None,
        }
    }

    fn is_filtered(&self) -> bool {
        *self != Filters::default()
    }

    /// Why these dates cannot be asked for, if so.
    fn problem(&self) -> Option<&'static str> {
        match (self.from, self.to) {
            (Some(f), Some(t)) if f > t => {
                Some("The start date is after the end date: choose dates in order.")
            }
            _ => None,
        }
    }
}

/// Credits with their sign, as a ledger writes them: "+5,000", "−1,234.5".
fn signed(c: Credits) -> String {
    let text = format::credits(c.as_f64().abs());
    match c.hundredths() {
        0 => text,
        n if n > 0 => format!("+{text}"),
        _ => format!("\u{2212}{text}"),
    }
}

/// The entry's name and the line under it.
fn describe(e: &LedgerEntry, zone: &str, currency: &str) -> (String, Option<String>) {
    let title = e.kind.label();
    let detail = match e.kind.known() {
        Some(LedgerKind::Usage) => e.by_feature.map(|b| {
            Feature::ALL
                .iter()
                .map(|&f| format!("{} {}", f.label(), format::credits(b.get(f).as_f64())))
                .collect::<Vec<_>>()
                .join(" · ")
        }),
        Some(LedgerKind::Grant) => {
            Some("The plan's credits for the cycle starting this day".into())
        }
        Some(LedgerKind::Expiry) => Some("Credits left unused at the end of the cycle".into()),
        Some(LedgerKind::Overdraft) => {
            Some("Credits used beyond the cycle's credits, settled at its end; the next cycle starts with its plan credits".into())
        }
        Some(LedgerKind::Overage) => {
            let billed = e
                .amount
                .map(|a| format::money(a, e.currency.as_deref().unwrap_or(currency)));
            Some(match billed {
                Some(b) => format!("Credits used beyond the cycle's credits, billed {b} on the invoice"),
                None => "Credits used beyond the cycle's credits, billed on the invoice".into(),
            })
        }
        _ => {
            let parts: Vec<String> = [
                e.amount
                    .map(|a| format::money(a, e.currency.as_deref().unwrap_or(currency))),
                e.method.clone(),
                e.at.as_deref().map(|at| format::timestamp(at, zone)),
            ]
            .into_iter()
            .flatten()
            .collect();
            (!parts.is_empty()).then(|| parts.join(" · "))
        }
    };
    (title, detail)
}

fn status_key(s: &Open<PaymentStatus>) -> String {
    match s {
        Open::Known(PaymentStatus::Succeeded) => "succeeded".into(),
        Open::Known(PaymentStatus::Failed) => "failed".into(),
        Open::Known(PaymentStatus::Pending) => "pending".into(),
        Open::Unknown(raw) => raw.clone(),
    }
}

/// The CSV of the entries, in the order shown.
pub fn history_csv(entries: &[LedgerEntry]) -> String {
    let mut w = csv::WriterBuilder::new()
        .quote_style(csv::QuoteStyle::NonNumeric)
        .from_writer(Vec::new());
    let _ = w.write_record([
        "date",
        "kind",
        "credits",
        "balance",
        "smart_flows",
        "ai_copilot",
        "ai_pilots",
        "amount",
        "currency",
        "method",
        "status",
        "at",
        "receipt_url",
        "id",
    ]);
    let number = |c: Credits| format!("{}", c.as_f64());
    for e in entries {
        let kind = match &e.kind {
            Open::Known(k) => k.key().to_string(),
            Open::Unknown(raw) => raw.clone(),
        };
        let feature = |f: Feature| e.by_feature.map(|b| number(b.get(f))).unwrap_or_default();
        let _ = w.write_record([
            e.date.to_string(),
            neutralise(&kind),
            number(e.credits),
            number(e.balance),
            feature(Feature::SmartFlows),
            feature(Feature::AiCopilot),
            feature(Feature::AiPilots),
            e.amount.map(|a| a.to_string()).unwrap_or_default(),
            neutralise(e.currency.as_deref().unwrap_or_default()),
            neutralise(e.method.as_deref().unwrap_or_default()),
            e.status
                .as_ref()
                .map(|s| neutralise(&status_key(s)))
                .unwrap_or_default(),
            neutralise(e.at.as_deref().unwrap_or_default()),
            neutralise(e.receipt_url.as_deref().unwrap_or_default()),
            neutralise(&e.id),
        ]);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// A receipt's address, when it is a secure web address as the contract says (never
/// `javascript:`, `http:` or the like).
fn safe_receipt(url: &str) -> Option<String> {
    let lower = url.trim().to_ascii_lowercase();
    lower
        .starts_with("https://")
        .then(|| url.trim().to_string())
}

/// The History page.
#[component]
pub fn HistoryPage() -> impl IntoView {
    view! {
        <PageHead
            title="Credit history"
            crumb="History"
            lead="Every change to your balance, newest first. Each cycle starts with the plan's credits; credits left unused at its end lapse."
        />
        <BillingTabs />
        <AccountGate loading="Loading your account…" render=|account| view! { <Ledger account=account /> }.into_any() />
    }
}

/// Where the first page stands; the entries themselves are kept apart (see `Ledger`).
/// `more` appended to `entries`, leaving out any entry already listed (a page shifted by an
/// entry added meanwhile repeats one).
fn append_new(entries: &mut Vec<LedgerEntry>, more: Vec<LedgerEntry>) {
    let seen: std::collections::HashSet<String> = entries.iter().map(|e| e.id.clone()).collect();
    entries.extend(more.into_iter().filter(|e| !seen.contains(&e.id)));
}

#[component]
fn Ledger(account: Account) -> impl IntoView {
    let app = AppContext::expect();
    let zone = StoredValue::new(account.account.time_zone.clone());
    let currency = StoredValue::new(account.account.currency.clone());
    let query = use_query_map();
    let go = use_query_navigator();
    let filters = Memo::new(move |_| {
        query.with(|q| Filters {
            from: q.get_str(keys::FROM).and_then(|v| v.parse().ok()),
            to: q.get_str(keys::TO).and_then(|v| v.parse().ok()),
            kinds: Filters::kinds_of(q.get_str(keys::KINDS), q.get_str(keys::KIND)),
        })
    });
    let first_new = NodeRef::<leptos::html::Tbody>::new();
    // The keyboard goes on from the first entry a next page added.
    let focus_first_new = Callback::new(move |shown: usize| {
        request_animation_frame(move || {
            let row = first_new.get_untracked().and_then(|body| {
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
    });
    // Dates that cannot be a range ask nothing: the list is empty and the form says why.
    let Paged {
        state: list,
        next,
        more,
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
    let set_filter = {
        let go = go.clone();
        move |key: &'static str, value: String| {
            let mut q = query.get_untracked();
            if value.is_empty() {
                q.remove(key);
            } else {
                // One value a key: `insert` would add a second `kind=` beside the first.
                q.replace(key, value);
            }
            go(q);
        }
    };
    let set_from = {
        let s = set_filter.clone();
        move |ev| s(keys::FROM, event_target_value(&ev))
    };
    let set_to = {
        let s = set_filter.clone();
        move |ev| s(keys::TO, event_target_value(&ev))
    };
    // The kinds as one list (issue 28 item 14); an older link's `kind=` gives way to it.
    let set_kinds = {
        let go = go.clone();
        Callback::new(move |chosen: Vec<String>| {
            let mut q = query.get_untracked();
            q.remove(keys::KIND);
            let kinds: Vec<&str> = LedgerKind::ALL
                .iter()
                .map(|k| k.key())
                .filter(|k| chosen.iter().any(|c| c == k))
                .collect();
            if kinds.is_empty() {
                q.remove(keys::KINDS);
            } else {
                q.replace(keys::KINDS, kinds.join(","));
            }
            go(q);
        })
    };
    let kind_choices = Signal::derive(|| {
        LedgerKind::ALL
            .iter()
            .map(|k| Choice {
                id: k.key().to_string(),
                label: k.label().to_string(),
                detail: None,
            })
            .collect::<Vec<_>>()
    });
    let kinds_chosen = Signal::derive(move || {
        filters.with(|f| {
            f.kinds
                .iter()
                .map(|k| k.key().to_string())
                .collect::<Vec<_>>()
        })
    });
    let clear = move |_: web_sys::MouseEvent| {
        let mut q = query.get_untracked();
        for k in [keys::FROM, keys::TO, keys::KIND, keys::KINDS] {
            q.remove(k);
        }
        go(q);
    };
    // Export: every page of what the filters select, not only those loaded. Its outcome is
    // the failure to show, if any.
    let export = use_action(move |f: Filters| {
        let api = app.api();
        async move {
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
    });
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
            <div class="history-filters" role="group" aria-label="History filters">
                <label class="field">
                    <span class="field-label">"From"</span>
                    <input class="input" type="date" data-testid="history-from"
                        aria-invalid=move || filters.with(|f| f.problem().is_some()).to_string()
                        aria-describedby=move || filters.with(|f| f.problem().is_some()).then(|| problem_id.get_value())
                        prop:value=move || filters.with(|f| f.from.map(|d| d.to_string()).unwrap_or_default())
                        on:change=set_from />
                </label>
                <label class="field">
                    <span class="field-label">"To"</span>
                    <input class="input" type="date" data-testid="history-to"
                        aria-invalid=move || filters.with(|f| f.problem().is_some()).to_string()
                        aria-describedby=move || filters.with(|f| f.problem().is_some()).then(|| problem_id.get_value())
                        prop:value=move || filters.with(|f| f.to.map(|d| d.to_string()).unwrap_or_default())
                        on:change=set_to />
                </label>
                <div class="field">
                    <MultiSelect label="Kinds" noun="kinds" testid="history-kinds" options=kind_choices selected=kinds_chosen on_change=set_kinds />
                </div>
                <div class="history-tools">
                    {move || filters.with(|f| f.is_filtered()).then(|| view! {
                        <button type="button" class="btn btn-ghost" data-testid="history-clear" on:click=clear.clone()>"Clear filters"</button>
                    })}
                    <button type="button" class="btn" data-testid="export-csv" on:click=start_export disabled=move || exporting.get()>
                        {move || if exporting.get() { "Exporting…" } else { "Export CSV" }}
                    </button>
                </div>
            </div>
            {move || filters.with(|f| f.problem()).map(|p| view! { <p class="field-error" role="alert" id=problem_id.get_value() data-testid="history-filter-error">{p}</p> })}
            {move || export_error.get().map(|e| view! {
                <p class="notice notice-error" role="alert" data-testid="export-error">{format!("The export failed: {e}")}</p>
            })}
            {move || {
                let empty = list.with(|l| match l {
                    Remote::Loading(_) => Err(None),
                    Remote::Failed(e) | Remote::Stale(e, _) => Err(Some(e.clone())),
                    Remote::Ready(items) => Ok(items.is_empty()),
                });
                match empty {
                    Err(None) => Some(view! { <p class="muted" data-testid="history-loading">"Loading the history…"</p> }.into_any()),
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
            }}
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
                        <button type="button" class="btn" data-testid="history-more" on:click=move |_| load_more.run(()) disabled=move || more.with(|m| *m == More::Pending)>
                            {move || if more.with(|m| *m == More::Pending) { "Loading…" } else { "Show older entries" }}
                        </button>
                    </Show>
                </div>
                {move || more.with(|m| match m { More::Failed(e) => Some(e.clone()), _ => None }).map(|e| view! {
                    <p class="notice notice-error" role="alert" data-testid="history-more-error">
                        {format!("Older entries could not be loaded: {}", e.message())}
                    </p>
                })}
            </Show>
        </section>
    }
}

fn entry_row(e: LedgerEntry, zone: &str, currency: &str) -> impl IntoView {
    let (title, detail) = describe(&e, zone, currency);
    let kind = match &e.kind {
        Open::Known(k) => k.key().to_string(),
        Open::Unknown(raw) => raw.clone(),
    };
    let status = e.status.clone();
    let status_attr = status.as_ref().map(status_key);
    let receipt = e.receipt_url.as_deref().and_then(safe_receipt);
    let receipt_label = if e.kind == LedgerKind::Overage {
        "Invoice"
    } else {
        "Receipt"
    };
    let void = !e.counts();
    let day = format::date(e.date);
    view! {
        <tr
            data-testid="history-row"
            data-kind=kind
            data-status=status_attr
            data-credits=e.credits.as_f64()
            data-balance=e.balance.as_f64()
            class:history-void=void
        >
            <td class="history-date">{day.clone()}</td>
            <td>
                // On a phone the date column steps aside and the date leads the entry.
                <span class="history-date-inline muted">{day}</span>
                <span class="history-title">{title}</span>
                {status.map(|s| {
                    let tone = match s.known() {
                        Some(PaymentStatus::Succeeded) => "status status-active",
                        Some(PaymentStatus::Failed) => "status status-disabled",
                        Some(PaymentStatus::Pending) => "status status-paused",
                        None => "status",
                    };
                    view! { <span class=tone>{s.label()}</span> }
                })}
                {detail.map(|d| view! { <span class="history-detail muted">{d}</span> })}
                {receipt.map(|url| view! {
                    <a class="history-receipt" href=url target="_blank" rel="noopener noreferrer" data-testid="history-receipt">{receipt_label}</a>
                })}
            </td>
            <td class="num history-credits">
                {signed(e.credits)}
                {void.then(|| view! { <span class="visually-hidden">" (not applied)"</span> })}
            </td>
            <td class="num">{format::credits(e.balance.as_f64())}</td>
        </tr>
    }
}

/// The ledger's foot: how many entries are listed, and whether older ones are still to load
/// ("Newest 50 entries", "All 1,234 entries", "1 entry").
fn count_text(count: usize, more: bool) -> String {
    let n = format::count(count as f64);
    match (count, more) {
        (1, false) => "1 entry".to_string(),
        (1, true) => "Newest entry".to_string(),
        (_, true) => format!("Newest {n} entries"),
        (_, false) => format!("All {n} entries"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::types::ByFeature;

    fn entry(kind: LedgerKind, credits: i64, balance: i64) -> LedgerEntry {
        LedgerEntry {
            balance: Credits(balance),
            ..LedgerEntry::new(
                "e1".into(),
                kind,
                NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
                Credits(credits),
            )
        }
    }

    #[test]
    fn the_csv_has_signed_credits_features_and_neutralised_text() {
        let mut usage = entry(LedgerKind::Usage, -12_345, 100_000);
        usage.by_feature = Some(ByFeature {
            smart_flows: Credits(10_000),
            ai_copilot: Credits(2_000),
            ai_pilots: Credits(345),
        });
        let mut bought = entry(LedgerKind::Purchase, 500_000, 600_000);
        bought.amount = Some(47.5);
        bought.currency = Some("USD".into());
        bought.method = Some("=cmd|' /C calc'!A0".into());
        bought.status = Some(PaymentStatus::Failed.into());
        let csv = history_csv(&[bought, usage]);
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines.len(), 3);
        assert!(lines[0].starts_with("\"date\",\"kind\",\"credits\",\"balance\""));
        assert!(lines[1].contains(",5000,6000,"), "{}", lines[1]);
        assert!(lines[1].contains("\"'=cmd"), "{}", lines[1]);
        assert!(lines[1].contains("\"failed\""), "{}", lines[1]);
        assert!(
            lines[2].contains(",-123.45,1000,100,20,3.45,"),
            "{}",
            lines[2]
        );
    }

    #[test]
    fn only_web_receipts_are_linked_and_dates_must_be_in_order() {
        assert!(safe_receipt("https://pay.example.com/r/1").is_some());
        assert!(safe_receipt("javascript:alert(1)").is_none());
        assert!(safe_receipt("http://pay.example.com/r/1").is_none());
        let f = Filters {
            from: NaiveDate::from_ymd_opt(2026, 11, 20),
            to: NaiveDate::from_ymd_opt(2026, 11, 1),
            kinds: Vec::new(),
        };
        // A list, known kinds once each; an older link's single kind still reads.
        assert_eq!(
            Filters::kinds_of(Some("purchase,x,auto_recharge,purchase"), Some("grant")),
            vec![LedgerKind::Purchase, LedgerKind::AutoRecharge]
        );
        assert_eq!(
            Filters::kinds_of(None, Some("grant")),
            vec![LedgerKind::Grant]
        );
        assert!(f.problem().is_some());
        assert!(Filters::default().problem().is_none());
    }
}
