//! The frame every widget sits in: title, own filters, controls, and the loading, empty,
//! error and stale states.

use crate::api::ApiError;
use crate::components::error_notice::{ErrorNotice, Problem};
use crate::components::filter_controls::{FilterControls, Scope};
use crate::domain::{DatePreset, Keyed, WidgetId};
use crate::platform::format;
use crate::platform::ids::unique_id;
use crate::state::dash::{FilterEnv, WidgetLinks};
use crate::state::filters::Effective;
use crate::state::remote::Remote;
use crate::state::GlobalFilters;
use crate::state::WidgetFilters;
use leptos::prelude::*;

/// A widget's own filters and the dashboard's they are chosen against.
#[derive(Clone, Copy)]
pub struct OwnFilters {
    pub own: RwSignal<WidgetFilters>,
    pub env: FilterEnv,
}

/// What a widget shows.
#[derive(Clone, Debug, PartialEq)]
pub enum FrameStatus {
    /// Nothing to show yet.
    Loading,
    /// Figures on screen, and a newer answer on its way.
    Refreshing,
    Ready,
    /// The range has no usage (which is not the same as a zero).
    Empty(&'static str),
    Error(Problem),
    /// A refresh failed; the last figures stay, dimmed, under the error.
    Stale(ApiError),
}

impl FrameStatus {
    /// What a widget shows for `remote`: `empty` says when an answer has no usage.
    pub fn of<T>(remote: &Remote<T>, empty: impl Fn(&T) -> bool) -> Self {
        match remote {
            Remote::Loading(None) => FrameStatus::Loading,
            Remote::Loading(Some(_)) => FrameStatus::Refreshing,
            Remote::Failed(e) => FrameStatus::Error(e.clone().into()),
            Remote::Stale(e, _) => FrameStatus::Stale(e.clone()),
            Remote::Ready(t) if empty(t) => FrameStatus::Empty("No usage in this range."),
            Remote::Ready(_) => FrameStatus::Ready,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum FrameKind {
    Loading,
    Content,
    Empty,
    Error,
}

impl FrameStatus {
    fn data_state(&self) -> &'static str {
        match self {
            FrameStatus::Loading | FrameStatus::Refreshing => "loading",
            FrameStatus::Ready => "ready",
            FrameStatus::Empty(_) => "empty",
            FrameStatus::Error(_) | FrameStatus::Stale(_) => "error",
        }
    }
}

/// The shared frame of every widget: title, its own filters (with a way back to the
/// dashboard's), extra controls, and the loading, empty and error states with Retry.
#[component]
pub fn WidgetFrame(
    /// Which widget: its test hook and title, and the name other widgets bring it into view by.
    id: WidgetId,
    /// A line under the title (the range shown).
    #[prop(into)]
    subtitle: Signal<String>,
    #[prop(into)] status: Signal<FrameStatus>,
    on_retry: Callback<()>,
    /// The widget's own filters, when it has date/team/user filters.
    #[prop(optional)]
    filters: Option<OwnFilters>,
    /// Controls beside the filters (frequency, compare with, Show %).
    #[prop(optional)]
    controls: Option<ChildrenFn>,
    /// Extra classes (grid placement).
    #[prop(optional, into)]
    class: String,
    /// The figures; shown when ready and kept while refreshing.
    children: ChildrenFn,
) -> impl IntoView {
    // The body is rebuilt only when its kind changes: a refresh keeps the same chart and table.
    let kind = Memo::new(move |_| match status.get() {
        FrameStatus::Loading => FrameKind::Loading,
        FrameStatus::Refreshing | FrameStatus::Ready | FrameStatus::Stale(_) => FrameKind::Content,
        FrameStatus::Empty(_) => FrameKind::Empty,
        FrameStatus::Error(_) => FrameKind::Error,
    });
    if let Some(f) = filters {
        forget_overridden(f);
    }
    let (testid, title) = (id.testid(), id.title());
    let title_id = unique_id(&format!("{testid}-title"));
    // The card, for `WidgetLinks::reveal` (a widget outside a dashboard has no links).
    let card = NodeRef::<leptos::html::Section>::new();
    register_card(id, card);
    // What this widget's own filters change, for the chip ("Last 7 days · 2 teams"), or `None`
    // while it follows the dashboard.
    let differs = Memo::new(move |_| {
        let OwnFilters { own, env } = filters?;
        env.global
            .with(|g| own.with(|w| w.differs(g).then(|| own_summary(&w.effective(g), g, &env))))
    });
    // The widget's date, team and user filters fold behind one button, so the figures come
    // first; open, they show the usual controls.
    let open = RwSignal::new(false);
    let filters_id = unique_id(&format!("{testid}-filters"));
    let filter_row = filters.map(|f| own_filter_row(f, open, filters_id.clone()));
    let toggle = filters.is_some().then(|| {
        view! {
            <button
                type="button"
                class="btn widget-filters-toggle"
                data-testid="widget-filters-toggle"
                aria-expanded=move || open.get().to_string()
                aria-controls=filters_id.clone()
                aria-describedby=title_id.clone()
                on:click=move |_| open.update(|o| *o = !*o)
            >
                "Filters"
                <span class="caret" aria-hidden="true">{move || if open.get() { "▴" } else { "▾" }}</span>
            </button>
        }
    });
    view! {
        <section
            node_ref=card
            class=format!("card widget {class}")
            data-testid=testid
            data-state=move || status.with(FrameStatus::data_state)
            aria-labelledby=title_id.clone()
            aria-busy=move || status.with(|s| matches!(s, FrameStatus::Loading | FrameStatus::Refreshing)).to_string()
        >
            <header class="widget-head">
                <div class="widget-titles">
                    <h2 id=title_id.clone()>{title}</h2>
                    <p class="widget-sub muted">{move || subtitle.get()}</p>
                </div>
                <Show when=move || differs.with(Option::is_some)>
                    <div class="widget-differs" role="status">
                        <span data-testid="widget-filters-chip">
                            <span class="visually-hidden">"Own filters: "</span>
                            {move || differs.get().unwrap_or_default()}
                        </span>
                        <button
                            class="btn-link"
                            data-testid="widget-filter-reset"
                            on:click=move |_| {
                                if let Some(f) = filters {
                                    f.own.update(|w| w.reset());
                                }
                            }
                        >
                            "Use dashboard filters"
                        </button>
                    </div>
                </Show>
            </header>
            {(filter_row.is_some() || controls.is_some())
                .then(|| {
                    view! {
                        <div class="widget-controls">
                            {toggle}
                            {filter_row}
                            {controls.as_ref().map(|c| c())}
                        </div>
                    }
                })}
            <div class="widget-body">
                {move || frame_body(kind.get(), status, on_retry, children.clone())}
            </div>
        </section>
    }
}

/// The widget's body for its kind of state: a skeleton, the error with Retry, the empty
/// message, or the figures (dimmed under the error of a failed refresh).
fn frame_body(
    kind: FrameKind,
    status: Signal<FrameStatus>,
    on_retry: Callback<()>,
    children: ChildrenFn,
) -> AnyView {
    match kind {
        FrameKind::Loading => view! {
            <div class="skeleton-block" aria-hidden="true">
                <div class="skeleton"></div>
                <div class="skeleton short"></div>
                <div class="skeleton"></div>
            </div>
            <p class="visually-hidden">"Loading…"</p>
        }
        .into_any(),
        FrameKind::Error => {
            // The cause can change while the kind stays (the chart library failed,
            // then the data): the notice follows it, and only when it differs.
            let error = Memo::new(move |prev: Option<&Problem>| match status.get() {
                FrameStatus::Error(e) => e,
                _ => prev.cloned().unwrap_or(Problem::Api(ApiError::Network {
                    detail: String::new(),
                })),
            });
            (move || view! { <ErrorNotice error=error.get() on_retry=on_retry /> }).into_any()
        }
        FrameKind::Empty => {
            let text = match status.get_untracked() {
                FrameStatus::Empty(t) => t,
                _ => "",
            };
            view! {
                <div class="empty" data-testid="empty">
                    <p>{text}</p>
                </div>
            }
            .into_any()
        }
        FrameKind::Content => {
            let stale = Memo::new(move |_| match status.get() {
                FrameStatus::Stale(e) => Some(e),
                _ => None,
            });
            view! {
                            {move || stale.get().map(|error| view! { <div class="stale-notice"><ErrorNotice error=error on_retry=on_retry /></div> })}
                            <div
                                class="widget-content"
                                class:refreshing=move || status.with(|s| matches!(s, FrameStatus::Refreshing | FrameStatus::Stale(_)))
                            >
                                {children()}
                            </div>
                        }
                            .into_any()
        }
    }
}

/// The widget's date, team and user filters, shown while `open`.
fn own_filter_row(filters: OwnFilters, open: RwSignal<bool>, id: String) -> impl IntoView {
    let OwnFilters { own: f, env } = filters;
    let value = Signal::derive(move || env.global.with(|g| f.with(|w| w.effective(g))));
    view! {
        <div class="widget-filters" id=id hidden=move || !open.get()>
        <FilterControls
            scope=Scope::Widget
            env=env
            value=value
            on_range=Callback::new(move |r| env.global.with_untracked(|g| f.update(|w| w.set_range(r, g))))
            on_teams=Callback::new(move |t| {
                env.global.with_untracked(|g| env.directory.with_untracked(|d| f.update(|w| w.set_teams(t, g, d))))
            })
            on_users=Callback::new(move |u| env.global.with_untracked(|g| f.update(|w| w.set_users(u, g))))
        />
        </div>
    }
}

/// A global change discards this widget's choice for that dimension: choosing the earlier
/// global value again does not bring it back. Back does, as the entry it returns to still
/// holds the choice (issue 28 item 10).
fn forget_overridden(filters: OwnFilters) {
    let OwnFilters { own: f, env } = filters;
    Effect::new(move |_| {
        env.global.with(|g| {
            if f.with_untracked(|w| w.overridden_by(g)) {
                f.update_untracked(|w| w.forget_overridden(g));
            }
        })
    });
}

/// Tells the dashboard's links where the widget's card is, so that another widget can bring it
/// into view.
fn register_card(id: WidgetId, card: NodeRef<leptos::html::Section>) {
    if let Some(links) = WidgetLinks::get() {
        Effect::new(move |_| {
            if let Some(el) = card.get() {
                let el: web_sys::Element = el.into();
                links.register(id, el.clone());
                on_cleanup(move || links.unregister(id, &el));
            }
        });
    }
}

/// What a widget's own filters change, in a few words: "Last 7 days · 2 teams", "Sales EMEA",
/// "Nov 1 – 7, 2026 · Ana Ruiz".
fn own_summary(e: &Effective, g: &GlobalFilters, env: &FilterEnv) -> String {
    let mut parts = Vec::new();
    if e.range != g.range {
        parts.push(match DatePreset::detect(e.range, env.today, env.anchor) {
            DatePreset::Custom => format::date_range(e.range.from, e.range.to),
            p => p.label().to_string(),
        });
    }
    env.directory.with(|d| {
        let name = |ids: &[String],
                    one: &str,
                    many: &str,
                    find: &dyn Fn(&str) -> Option<String>| {
            match ids {
                [] => format!("All {many}"),
                [id] => find(id).unwrap_or_else(|| format!("1 {one}")),
                _ => format!("{} {many}", ids.len()),
            }
        };
        if e.teams != g.teams {
            parts.push(name(&e.teams, "team", "teams", &|id| {
                d.teams.iter().find(|t| t.id == id).map(|t| t.name.clone())
            }));
        }
        if e.users != g.users {
            parts.push(name(&e.users, "user", "users", &|id| {
                d.users.iter().find(|u| u.id == id).map(|u| u.name.clone())
            }));
        }
    });
    parts.join(" · ")
}
