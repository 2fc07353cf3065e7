//! One gallery card (the real component over its own mock account, with its own address,
//! Copy link and accessibility check), and a widget's section of them.

use super::accounts::Accounts;
use super::checks::{A11yCheck, Ready};
use super::controls::{Controls, Knobs};
use super::pieces::{Piece, Shown, WidgetState};
use crate::api::types::Account;
use crate::api::UsageApi;
use crate::components::chrome::account_gate::AccountGate;
use crate::components::copy_link::CopyLink;
use crate::state::app_context::AppContext;
use crate::state::dash::{self, FilterSource};
use crate::state::preview::{DialogPreset, Preview, ReportPreset};
use crate::state::GlobalFilters;
use leptos::prelude::*;
use leptos::tachys::reactive_graph::OwnedView;
use leptos_router::hooks::use_query_map;

/// One labelled card: its own data seam, dashboard state and presets, then `children`.
#[component]
pub(super) fn Card(
    /// `gallery-{piece}-{state}`, `gallery-{dialog}-{state}`.
    testid: String,
    /// What the card shows (the widget's title, the dialog's): the first part of its name.
    subject: &'static str,
    label: &'static str,
    /// The card's own address, where it is shown alone.
    #[prop(optional)]
    href: Option<String>,
    /// The `data-state` the widget in the card settles in.
    #[prop(optional)]
    settles_in: Option<&'static str>,
    /// When a card without a widget state shows its state.
    #[prop(optional)]
    ready: Option<Ready>,
    api: UsageApi,
    #[prop(optional)] report: Option<ReportPreset>,
    #[prop(default = None)] dialog: Option<DialogPreset>,
    /// Runs once the card's dashboard state exists.
    #[prop(default = None)]
    on_ready: Option<Callback<AppContext>>,
    children: ChildrenFn,
) -> impl IntoView {
    // Each card provides its own contexts: a child owner keeps them from its siblings.
    let owner = Owner::current()
        .expect("cards render inside the app")
        .child();
    let body_ref = NodeRef::<leptos::html::Div>::new();
    let body = owner.with(|| {
        provide_context(AppContext::new(api));
        // The card's own recalculation, on its own account, remembered nowhere.
        provide_context(crate::state::recalculation::use_recalculation(false));
        Preview {
            inline_dialogs: true,
            dialog,
            report,
        }
        .provide();
        view! {
            <AccountGate
                loading="Loading the demo account…"
                render=move |account| {
                    view! { <CardDash account=account on_ready=on_ready children=children.clone() /> }.into_any()
                }
            />
        }
    });
    // Named with what it shows: many cards share a state's label ("Typical").
    let name = format!("{subject}: {label}");
    view! {
        <figure class="gallery-card" data-testid=testid aria-label=name.clone() data-settles-in=settles_in>
            <figcaption class="gallery-label">
                <span>{label}</span>
                {href.map(|href| {
                    // The copied address keeps the page's look (theme, width, density, day, seed).
                    let path = href.clone();
                    let url = Callback::new(move |()| {
                        let location = web_sys::window().map(|w| w.location());
                        let origin = location.as_ref().and_then(|l| l.origin().ok()).unwrap_or_default();
                        let search = location.and_then(|l| l.search().ok()).unwrap_or_default();
                        format!("{origin}{path}{search}")
                    });
                    view! {
                        <a class="gallery-card-link" href=href data-testid="gallery-card-link" aria-label=format!("Open {name} alone, at its own address")>
                            "Open"
                        </a>
                        <CopyLink url=url testid="gallery-card-copy" label="Copy link" aria_label=format!("Copy link to {name}") compact=true />
                    }
                })}
                <A11yCheck body=body_ref ready=ready.or(settles_in.map(Ready::State)).unwrap_or(Ready::Drawn) name=name.clone() />
            </figcaption>
            <div class="gallery-card-body" node_ref=body_ref>
                {OwnedView::new_with_owner(body, owner)}
            </div>
        </figure>
    }
}

#[component]
fn CardDash(
    account: Account,
    on_ready: Option<Callback<AppContext>>,
    children: ChildrenFn,
) -> impl IntoView {
    dash::provide_dashboard(&account, |today, anchor| {
        let filters = RwSignal::new(GlobalFilters::from_query(|_| None, today, anchor));
        let drill = RwSignal::new(None);
        FilterSource {
            asked: Memo::new(move |_| filters.get()),
            set: Callback::new(move |g: GlobalFilters| {
                if g.range != filters.get_untracked().range {
                    drill.set(None);
                }
                filters.set(g)
            }),
            drill: Memo::new(move |_| drill.get()),
            set_drill: Callback::new(move |r| drill.set(r)),
            in_url: false,
        }
    });
    if let Some(f) = on_ready {
        f.run(AppContext::expect());
    }
    children()
}

pub(super) fn widget_section(
    piece: Piece,
    accounts: &Accounts,
    only: Option<WidgetState>,
) -> impl IntoView {
    let query = use_query_map();
    let knobs = Memo::new(move |_| query.with(|q| Knobs::from_query(q, piece.slug())));
    let accounts = accounts.clone();
    // The cards are drawn anew when a control changes (new data), and only then.
    let cards = move || {
        let knobs = knobs.get();
        piece
            .states()
            .iter()
            .filter(|s| only.is_none_or(|o| o == **s))
            .map(|&state| {
                view! {
                    <Card
                        testid=format!("gallery-{}-{}", piece.slug(), state.key())
                        subject=piece.title()
                        label=state.label()
                        href=format!("/gallery/{}/{}", piece.slug(), state.key())
                        settles_in=knobs.settles_in(state, piece)
                        api=accounts.for_state(state, &knobs)
                        report=knobs.report(state)
                        children=std::sync::Arc::new(move || piece.view())
                    />
                }
            })
            .collect_view()
    };
    let (id, title_id, twin) = section_names(piece.slug());
    let labelled_by = title_id.clone();
    view! {
        <section class="gallery-piece" id=id data-testid=format!("gallery-{}", piece.slug()) aria-labelledby=labelled_by>
            <h2 id=title_id>{piece.title()}{twin}</h2>
            <Controls piece=piece />
            <div class=if piece.wide() { "gallery-grid gallery-wide" } else { "gallery-grid" }>{cards}</div>
        </section>
    }
}

/// Which of the two stages of "Light and dark" a section is drawn in.
#[derive(Clone, Copy)]
pub(super) struct Twin(pub &'static str);

/// A section's id and its heading's (`flows`, `flows-title`), and in a twin stage their twins'
/// (`flows-dark`, `flows-dark-title`) with hidden words that give each region its own name.
pub(super) fn section_names(key: &str) -> (String, String, Option<impl IntoView>) {
    match use_context::<Twin>() {
        Some(Twin(t)) => (
            format!("{key}-{t}"),
            format!("{key}-{t}-title"),
            Some(view! { <span class="visually-hidden">{format!(" ({t})")}</span> }),
        ),
        None => (key.to_string(), format!("{key}-title"), None),
    }
}
