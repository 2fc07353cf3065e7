use crate::api::types::UsageQuery;
use crate::api::ApiError;
use crate::app::use_app;
use crate::components::fetch::{use_remote, Remote};
use crate::domain::CompareWith;
use crate::pages::dashboard::use_dash;
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

/// How reports start out, where something other than the defaults is wanted (the gallery
/// shows comparisons and short pages).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ReportPreset {
    pub compare: CompareWith,
    pub show_percent: bool,
    /// Rows per table page.
    pub page_size: usize,
}

impl Default for ReportPreset {
    fn default() -> Self {
        ReportPreset {
            compare: CompareWith::None,
            show_percent: false,
            page_size: 25,
        }
    }
}

/// The preset of the reports below, if one was provided.
pub fn report_preset() -> ReportPreset {
    use_context::<ReportPreset>().unwrap_or_default()
}

/// The settings of a report (the summary or a table) and its data, refetched when the query
/// or the server-side figures change.
pub fn use_report<T, F, Fut>(fetch: F) -> (ReportSettings, RwSignal<Remote<T>>, Callback<()>)
where
    T: Clone + Send + Sync + 'static,
    F: Fn(crate::api::UsageApi, UsageQuery) -> Fut + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let app = use_app();
    let dash = use_dash();
    let filters = RwSignal::new(WidgetFilters::default());
    let preset = report_preset();
    let compare = RwSignal::new(preset.compare);
    let show_percent = RwSignal::new(preset.show_percent && preset.compare != CompareWith::None);
    let query = Memo::new(move |_| {
        dash.global
            .with(|g| filters.with(|f| f.effective(g)))
            .query(compare.get())
    });
    let (data, retry) = use_remote(
        move || {
            app.data_version.track();
            (app.api(), query.get())
        },
        move |(api, q)| fetch(api, q),
    );
    (
        ReportSettings {
            filters,
            compare,
            show_percent,
            query,
        },
        data,
        retry,
    )
}

/// "Compare with" and "Show % value" (usable once a comparison is chosen).
#[component]
pub fn CompareControls(
    compare: RwSignal<CompareWith>,
    show_percent: RwSignal<bool>,
) -> impl IntoView {
    let none = move || compare.get() == CompareWith::None;
    view! {
        <div class="field">
            <label class="field-label">
                "Compare with"
                <select
                    class="input"
                    data-testid="compare-with"
                    prop:value=move || compare.get().key()
                    on:change=move |ev| {
                        let c = CompareWith::from_key(&event_target_value(&ev)).unwrap_or_default();
                        compare.set(c);
                        if c == CompareWith::None {
                            show_percent.set(false);
                        }
                    }
                >
                    {CompareWith::ALL.into_iter().map(|c| view! { <option value=c.key()>{c.label()}</option> }).collect_view()}
                </select>
            </label>
        </div>
        <div class="field show-percent">
            <label class="check" title=move || if none() { "Choose a comparison first" } else { "" }>
                <input
                    type="checkbox"
                    data-testid="show-percent"
                    disabled=none
                    aria-describedby=move || none().then_some("show-percent-hint")
                    prop:checked=move || show_percent.get()
                    on:change=move |ev| show_percent.set(event_target_checked(&ev))
                />
                "Show % value"
            </label>
            <Show when=none>
                <span class="field-hint muted" id="show-percent-hint">"Choose a comparison first"</span>
            </Show>
        </div>
    }
}
