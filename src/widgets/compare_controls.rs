//! A report's own settings (its filters, compare with, Show %) and the controls for them.

use crate::api::types::UsageQuery;
use crate::api::{ApiError, UsageApi};
use crate::components::enum_select::EnumSelect;
use crate::domain::{CompareWith, WidgetId};
use crate::platform::ids::unique_id;
use crate::state::app_context::AppContext;
use crate::state::dash::DashFilters;
use crate::state::preview::Preview;
use crate::state::remote::{use_remote, Fetched};
use crate::state::widget_url::sync_widget_url;
use crate::state::WidgetFilters;
use leptos::prelude::*;
use std::future::Future;

/// A report's own settings: its filters, compare with, Show %, and the query they make.
#[derive(Clone, Copy)]
pub struct ReportSettings {
    pub filters: RwSignal<WidgetFilters>,
    pub compare: RwSignal<CompareWith>,
    pub show_percent: RwSignal<bool>,
    pub query: Memo<UsageQuery>,
}

/// What `use_report` gives: the report's settings and its data.
pub struct ReportState<T: 'static> {
    pub settings: ReportSettings,
    pub data: Fetched<T>,
}

/// The settings of a report (the summary or a table) and its data, refetched when the query
/// or the server-side figures change. `flow`, when given, narrows the query to that flow.
pub fn use_report<T, F, Fut>(
    fetch: F,
    flow: Option<Signal<Option<String>>>,
    widget: WidgetId,
) -> ReportState<T>
where
    T: Clone + Send + Sync + 'static,
    F: Fn(UsageApi, UsageQuery) -> Fut + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let app = AppContext::expect();
    let scope = DashFilters::expect();
    let filters = RwSignal::new(WidgetFilters::default());
    let preset = Preview::current().report();
    let compare = RwSignal::new(preset.compare);
    let show_percent = RwSignal::new(preset.show_percent && preset.compare != CompareWith::None);
    let query = Memo::new(move |_| {
        let mut q = scope
            .report_global()
            .with(|g| filters.with(|f| f.effective(g)))
            .query(compare.get());
        q.flow = flow.and_then(|f| f.get());
        q
    });
    sync_widget_url(
        widget,
        scope.report_global(),
        filters,
        Some(compare),
        Some(show_percent),
        None,
    );
    let data = use_remote(
        move || {
            app.data_version.track();
            (app.api(), query.get())
        },
        move |(api, q)| fetch(api, q),
    );
    ReportState {
        settings: ReportSettings {
            filters,
            compare,
            show_percent,
            query,
        },
        data,
    }
}

/// "Compare with" and "Show % value" (usable once a comparison is chosen).
#[component]
pub fn CompareControls(
    compare: RwSignal<CompareWith>,
    show_percent: RwSignal<bool>,
) -> impl IntoView {
    let none = move || compare.get() == CompareWith::None;
    let hint_id = unique_id("show-percent-hint");
    let described_by = {
        let id = hint_id.clone();
        move || none().then(|| id.clone())
    };
    let choose = Callback::new(move |c: CompareWith| {
        compare.set(c);
        if c == CompareWith::None {
            show_percent.set(false);
        }
    });
    view! {
        <div class="field">
            <EnumSelect label="Compare with" testid="compare-with" value=compare on_change=choose />
        </div>
        <div class="field show-percent">
            <label class="check" title=move || if none() { "Choose a comparison first" } else { "" }>
                <input
                    type="checkbox"
                    data-testid="show-percent"
                    disabled=none
                    aria-describedby=described_by
                    prop:checked=move || show_percent.get()
                    on:change=move |ev| show_percent.set(event_target_checked(&ev))
                />
                "Show % value"
            </label>
            <Show when=none>
                <span class="field-hint muted" id=hint_id.clone()>"Choose a comparison first"</span>
            </Show>
        </div>
    }
}
