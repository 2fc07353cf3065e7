//! The widget gallery: every widget and dialog of the dashboard in every state, side by side.
//! Each card renders the real component over its own mock account (never a copy of a widget),
//! so a change to a widget's code or CSS shows in all its states at once under Trunk's reload.

mod accounts;
mod card;
mod catalogue;
mod checks;
mod controls;
mod fixtures;
mod pieces;
mod toolbar;

use crate::api::UsageApi;
use crate::components::page_head::PageHead;
use crate::state::app_context::AppContext;
use crate::state::theme::SchemeScope;
use accounts::Accounts;
use card::widget_section;
use catalogue::Catalogue;
use checks::Checks;
use fixtures::{ACTIONS, DIALOGS};
use leptos::prelude::*;
use leptos::tachys::reactive_graph::OwnedView;
use leptos_router::hooks::{use_params_map, use_query_map};
use pieces::{Piece, Shown, WidgetState};
use std::collections::HashMap;
use toolbar::{parse_width, ThemeShown, Toolbar, DARK, LIGHT};

/// The sections of the whole gallery, in page order: every widget's, then the header's and the
/// dialogs' cards.
fn every_section() -> impl Iterator<Item = Result<Piece, &'static fixtures::Fixtures>> {
    Piece::ALL
        .into_iter()
        .map(Ok)
        .chain([&ACTIONS, &DIALOGS].into_iter().map(Err))
}

/// The whole gallery is drawn a section per task, the first with the page: drawn in one task,
/// its cards held the main thread until every one was built, and no click was answered
/// meanwhile. Each drawing of the stages starts again from the first section (a theme asked,
/// the whole gallery opened again), both stages' sections one after the other; a newer start
/// stops the turns of the one before.
#[derive(Clone, Copy)]
struct Drawing {
    shown: RwSignal<usize>,
    of: RwSignal<usize>,
    run: StoredValue<u64>,
}

impl Drawing {
    fn new() -> Self {
        Drawing {
            // Not drawn until the stages start it.
            shown: RwSignal::new(0),
            of: RwSignal::new(1),
            run: StoredValue::new(0),
        }
    }

    /// Draws `of` sections: the first now, each next in a task of its own.
    fn start(self, of: usize) {
        self.run.update_value(|r| *r += 1);
        self.of.set(of);
        self.shown.set(1);
        self.next(self.run.get_value());
    }

    /// The next section in a task of its own, while this start is the newest and the page is
    /// there.
    fn next(self, run: u64) {
        if self.shown.get_untracked() >= self.of.get_untracked() {
            return;
        }
        set_timeout(
            move || {
                if self.run.try_get_value() == Some(run)
                    && self.shown.try_update(|n| *n += 1).is_some()
                {
                    self.next(run);
                }
            },
            std::time::Duration::ZERO,
        );
    }

    /// Whether section `i` (in drawing order) has had its turn.
    fn reached(self, i: usize) -> Memo<bool> {
        Memo::new(move |_| self.shown.get() > i)
    }

    /// Every section has had its turn (tracked).
    fn done(self) -> bool {
        self.shown.get() >= self.of.get()
    }
}

/// One theme asked: the page takes it while it shows (the header too), and gives the chosen
/// one back when it goes or when the stage goes back to the page's theme or to both.
fn hold_page_theme(theme: Memo<ThemeShown>) {
    // Given back from the theme the visitor chose (not a snapshot of the page: moving between
    // gallery addresses builds the next page while this one still shows its forced theme).
    // The newest gallery page holds the page's theme: the one it replaces may be cleaned up
    // after it has set its own, and must then leave it alone.
    thread_local! {
        static HOLDER: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
    }
    static PAGES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    let me = PAGES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let root = || web_sys::window()?.document()?.document_element();
    let chosen = crate::state::theme::use_theme();
    let give_back = move || match chosen {
        Some(t) => t.reapply(),
        None => {
            if let Some(r) = root() {
                let _ = r.remove_attribute("data-theme");
            }
        }
    };
    Effect::new(move |_| {
        let shown = theme.get();
        HOLDER.with(|h| h.set(me));
        match shown {
            ThemeShown::Light | ThemeShown::Dark => {
                if let Some(r) = root() {
                    let _ = r.set_attribute("data-theme", shown.key());
                }
            }
            ThemeShown::Page | ThemeShown::Both => give_back(),
        }
    });
    on_cleanup(move || {
        if HOLDER.with(|h| h.get()) == me {
            give_back();
        }
    });
}

/// A section, or one card of it, of the gallery's address (`/gallery/{widget}/{state}`), or
/// why there is none.
fn focused_view(widget: String, state: Option<String>, accounts: &Accounts) -> AnyView {
    let fixtures = [&ACTIONS, &DIALOGS].into_iter().find(|f| f.key == widget);
    match (fixtures, Piece::from_slug(&widget), state.as_deref()) {
        (Some(f), _, None) => f.section(accounts, None).into_any(),
        (Some(f), _, Some(s)) if f.has(s) => f.section(accounts, Some(s)).into_any(),
        (_, Some(p), None) => widget_section(p, accounts, None).into_any(),
        (_, Some(p), Some(s)) if WidgetState::from_key(s).is_some_and(|s| p.states().contains(&s)) => {
            widget_section(p, accounts, WidgetState::from_key(s)).into_any()
        }
        _ => view! {
            <p class="notice notice-warn" role="status" data-testid="gallery-unknown">
                {format!("The gallery has no \u{201c}{}\u{201d}. ", [Some(widget.clone()), state.clone()].into_iter().flatten().collect::<Vec<_>>().join("/"))}
                <a href="/gallery">"See every widget"</a>
            </p>
        }
        .into_any(),
    }
}

/// A stage: the shown cards, in one theme when `scope` says so (its own owner carries it).
fn stage_view(
    scope: Option<SchemeScope>,
    theme: ThemeShown,
    shown: impl FnOnce() -> AnyView,
) -> AnyView {
    let owner = Owner::current()
        .expect("the gallery renders inside the app")
        .child();
    let body = owner.with(|| {
        if let Some(s) = scope {
            provide_context(s);
            if theme == ThemeShown::Both {
                provide_context(card::Twin(s.0));
            }
        }
        shown()
    });
    let class = match scope {
        Some(s) if s == DARK => "gallery-stage gallery-dark",
        Some(_) => "gallery-stage gallery-light",
        None => "gallery-stage",
    };
    let title = match (theme, scope) {
        (ThemeShown::Both, Some(s)) => Some(if s == DARK { "Dark" } else { "Light" }),
        _ => None,
    };
    view! {
        <div class=class data-testid="gallery-stage" data-theme-shown=scope.map(|s| s.0)>
            {title.map(|t| view! { <p class="gallery-stage-title">{t}</p> })}
            {OwnedView::new_with_owner(body, owner)}
        </div>
    }
    .into_any()
}

/// For designers: every widget and dialog in every state, on generated data.
#[component]
pub fn GalleryPage() -> impl IntoView {
    let app = AppContext::expect();
    // The demo's pinned day and seed where there is a demo; the gallery is always on mock data.
    let (today, seed) = match app.api() {
        UsageApi::Mock(m) => (m.settings().today, m.settings().seed),
        UsageApi::Http(_) => (
            crate::platform::format::today_in(crate::api::demo::TIME_ZONE),
            42,
        ),
    };
    let accounts = Accounts::new(today, seed);
    let drawing = Drawing::new();
    let checks = Checks {
        all: RwSignal::new(0),
        found: RwSignal::new(HashMap::new()),
        drawn: Signal::derive(move || drawing.done()),
    };
    provide_context(checks);
    // /gallery/{widget} shows that section, /gallery/{widget}/{state} that card alone (the
    // dialogs' and header's: /gallery/dialogs/{card}, /gallery/actions/{card});
    // ?theme=light|dark|both, ?width=N and ?density=compact say how.
    let params = use_params_map();
    let query = use_query_map();
    let theme = Memo::new(move |_| ThemeShown::from_key(query.with(|q| q.get("theme")).as_deref()));
    let width = Memo::new(move |_| {
        query
            .with(|q| q.get("width"))
            .as_deref()
            .and_then(parse_width)
    });
    let compact = Memo::new(move |_| query.with(|q| q.get_str("density") == Some("compact")));
    let query_string = Memo::new(move |_| query.with(|q| q.to_query_string()));
    let here = Memo::new(move |_| {
        params.with(|p| match (p.get("widget"), p.get("state")) {
            (Some(w), Some(s)) => format!("/gallery/{w}/{s}"),
            (Some(w), None) => format!("/gallery/{w}"),
            _ => "/gallery".to_string(),
        })
    });
    let focus = move || params.with(|p| (p.get("widget"), p.get("state")));
    // What a stage shows; the whole gallery's sections each when their turn comes, from `first`
    // on in the drawing's order (see `Drawing`).
    let shown = move |first: usize| {
        let (widget, state) = focus();
        let Some(widget) = widget else {
            return every_section()
                .enumerate()
                .map(|(i, part)| {
                    let accounts = accounts.clone();
                    let turn = drawing.reached(first + i);
                    move || {
                        turn.get().then(|| match part {
                            Ok(piece) => widget_section(piece, &accounts, None).into_any(),
                            Err(fixtures) => fixtures.section(&accounts, None).into_any(),
                        })
                    }
                })
                .collect_view()
                .into_any();
        };
        focused_view(widget, state, &accounts)
    };
    hold_page_theme(theme);
    // A stage: the shown cards, in one theme when `scope` says so (its own owner carries it).
    let stage = move |scope: Option<SchemeScope>, first: usize| {
        stage_view(scope, theme.get_untracked(), || shown(first))
    };
    let stages = move || {
        let shown = theme.get();
        // A section's own page is drawn whole; the whole gallery a section at a time.
        let sections = if focus().0.is_none() {
            every_section().count()
        } else {
            0
        };
        let stages = if shown == ThemeShown::Both { 2 } else { 1 };
        drawing.start(sections * stages);
        match shown {
            ThemeShown::Page => stage(None, 0).into_any(),
            ThemeShown::Light => stage(Some(LIGHT), 0).into_any(),
            ThemeShown::Dark => stage(Some(DARK), 0).into_any(),
            ThemeShown::Both => view! {
                <div class="gallery-both">{stage(Some(LIGHT), 0)}{stage(Some(DARK), sections)}</div>
            }
            .into_any(),
        }
    };
    view! {
        <PageHead
            title="Widget gallery"
            lead=format!("Every widget and dialog in every state, each drawn by the real component over generated demo data (seed {seed}, today {today}). Change a widget and every state shows it.")
        />
        <div class="gallery-layout">
            <Catalogue query=query_string here=here />
            <div class="gallery-main">
                <Toolbar theme=theme width=width compact=compact checks=checks />
                <div
                    class="gallery-view"
                    class:gallery-framed=move || width.get().is_some()
                    style=move || width.get().map(|w| format!("--gallery-width: {w}px"))
                    data-width=move || width.get()
                    data-density=move || if compact.get() { "compact" } else { "comfortable" }
                    data-testid="gallery-view"
                >
                    {stages}
                </div>
            </div>
        </div>
    }
}
