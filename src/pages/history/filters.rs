//! The ledger's filters, as the URL says them: dates and kinds.

use crate::api::types::{HistoryQuery, Labelled, LedgerKind};
use crate::components::multi_select::{Choice, MultiSelect};
use crate::domain::DateRange;
use crate::state::url::use_query_navigator;
use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The query keys of this page.
pub(super) mod keys {
    pub const FROM: &str = "from";
    pub const TO: &str = "to";
    /// The kinds shown, comma-separated (`kinds=purchase,auto_recharge`).
    pub const KINDS: &str = "kinds";
    /// One kind, as links made before the kinds were a list say it.
    pub const KIND: &str = "kind";
}

/// What the page shows: its filters as the URL gives them.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Filters {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// The kinds shown; none means every kind.
    pub kinds: Vec<LedgerKind>,
}

impl Filters {
    /// The filters a history address holds.
    pub fn from_query(q: &leptos_router::params::ParamsMap) -> Self {
        Filters {
            from: q.get_str(keys::FROM).and_then(DateRange::parse_date),
            to: q.get_str(keys::TO).and_then(DateRange::parse_date),
            kinds: Filters::kinds_of(q.get_str(keys::KINDS), q.get_str(keys::KIND)),
        }
    }

    /// The kinds of `kinds=` (or an older link's single `kind=`), known ones only, each once.
    pub fn kinds_of(list: Option<&str>, single: Option<&str>) -> Vec<LedgerKind> {
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

    pub fn query(&self) -> HistoryQuery {
        HistoryQuery {
            from: self.from,
            to: self.to,
            kinds: self.kinds.clone(),
            cursor: None,
        }
    }

    pub fn is_filtered(&self) -> bool {
        *self != Filters::default()
    }

    /// Why these dates cannot be asked for, if so.
    pub fn problem(&self) -> Option<&'static str> {
        match (self.from, self.to) {
            (Some(f), Some(t)) if f > t => {
                Some("The start date is after the end date: choose dates in order.")
            }
            _ => None,
        }
    }
}

/// The filters' form: the dates, the kinds, and the tools (Clear filters, then `tools`). Each
/// change is a new history entry of the page's URL, so Back undoes it. `problem_id` names the
/// sentence that says why the dates cannot be a range.
pub(super) fn filter_form(
    filters: Memo<Filters>,
    problem_id: StoredValue<String>,
    tools: impl IntoView + 'static,
) -> impl IntoView {
    let query = use_query_map();
    let go = use_query_navigator();
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
    view! {
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
                {tools}
            </div>
        </div>
    }
}
