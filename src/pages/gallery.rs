//! The widget gallery: every widget and dialog of the dashboard in every state, side by side.
//! Each card renders the real component over its own mock account (never a copy of a widget),
//! so a change to a widget's code or CSS shows in all its states at once under Trunk's reload.

use crate::api::mock::{Endpoint, MockClient, MockSettings, Scenario, Shaping};
use crate::api::types::{Account, JobStatus};
use crate::api::UsageApi;
use crate::components::account_gate::AccountGate;
use crate::components::copy_link::CopyLink;
use crate::dialogs::recalculate::{start_recalculation, RecalcState, RecalculateDialog};
use crate::domain::CompareWith;
use crate::platform::storage::{self, Kept};
use crate::state::app::AppContext;
use crate::state::dash::{Dash, FilterSource};
use crate::state::preview::{DialogPreset, Preview, ReportPreset};
use crate::state::theme::SchemeScope;
use crate::state::url::use_query_navigator;
use crate::state::GlobalFilters;
use crate::widgets;
use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::tachys::reactive_graph::OwnedView;
use leptos_router::hooks::{use_params_map, use_query_map};
use std::collections::HashMap;

/// The states a widget is shown in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum WidgetState {
    Loading,
    Empty,
    Error,
    Typical,
    Huge,
    LongNames,
    ZeroComparison,
    NegativeChange,
    LowBalance,
}

impl WidgetState {
    const ALL: [WidgetState; 9] = [
        WidgetState::Loading,
        WidgetState::Empty,
        WidgetState::Error,
        WidgetState::Typical,
        WidgetState::Huge,
        WidgetState::LongNames,
        WidgetState::ZeroComparison,
        WidgetState::NegativeChange,
        WidgetState::LowBalance,
    ];

    fn from_key(key: &str) -> Option<WidgetState> {
        WidgetState::ALL.into_iter().find(|s| s.key() == key)
    }

    pub fn key(self) -> &'static str {
        match self {
            WidgetState::Loading => "loading",
            WidgetState::Empty => "empty",
            WidgetState::Error => "error",
            WidgetState::Typical => "typical",
            WidgetState::Huge => "huge",
            WidgetState::LongNames => "long-names",
            WidgetState::ZeroComparison => "zero-comparison",
            WidgetState::NegativeChange => "negative-change",
            WidgetState::LowBalance => "low-balance",
        }
    }

    fn label(self) -> &'static str {
        match self {
            WidgetState::Loading => "Loading",
            WidgetState::Empty => "Empty",
            WidgetState::Error => "Error",
            WidgetState::Typical => "Typical",
            WidgetState::Huge => "Huge figures",
            WidgetState::LongNames => "Long names",
            WidgetState::ZeroComparison => "Zero comparison",
            WidgetState::NegativeChange => "Negative change",
            WidgetState::LowBalance => "Low balance",
        }
    }

    fn scenario(self) -> Scenario {
        match self {
            WidgetState::Empty => Scenario::NewAccount,
            WidgetState::Huge => Scenario::Huge,
            WidgetState::LongNames => Scenario::LongNames,
            WidgetState::ZeroComparison => Scenario::FirstCycle,
            WidgetState::NegativeChange => Scenario::Declining,
            WidgetState::LowBalance => Scenario::LowBalance,
            WidgetState::Loading | WidgetState::Error | WidgetState::Typical => Scenario::Default,
        }
    }

    /// The `data-state` the widget settles in.
    fn settles_in(self, piece: Piece) -> &'static str {
        match self {
            WidgetState::Loading => "loading",
            WidgetState::Error => "error",
            // A new account's balance is a balance: nothing used yet.
            WidgetState::Empty if piece != Piece::Balance => "empty",
            _ => "ready",
        }
    }

    /// Reports compare with the previous period where the state is about the comparison.
    fn report_preset(self) -> ReportPreset {
        let compare = matches!(
            self,
            WidgetState::ZeroComparison | WidgetState::NegativeChange
        );
        ReportPreset {
            compare: if compare {
                CompareWith::PreviousPeriod
            } else {
                CompareWith::None
            },
            show_percent: compare,
            page_size: 5,
        }
    }
}

/// Every endpoint but the account, which a card needs to draw anything at all.
fn data_endpoints() -> Vec<Endpoint> {
    Endpoint::ALL
        .into_iter()
        .filter(|e| *e != Endpoint::Account)
        .collect()
}

/// The widgets of the dashboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Piece {
    Balance,
    UsedSummary,
    UsageChart,
    CopilotUsers,
    Flows,
    FlowActions,
    AiPilots,
}

impl Piece {
    const ALL: [Piece; 7] = [
        Piece::Balance,
        Piece::UsedSummary,
        Piece::UsageChart,
        Piece::CopilotUsers,
        Piece::Flows,
        Piece::FlowActions,
        Piece::AiPilots,
    ];

    fn from_key(key: &str) -> Option<Piece> {
        Piece::ALL.into_iter().find(|p| p.key() == key)
    }

    fn key(self) -> &'static str {
        match self {
            Piece::Balance => "balance",
            Piece::UsedSummary => "used-summary",
            Piece::UsageChart => "usage-chart",
            Piece::CopilotUsers => "copilot-users",
            Piece::Flows => "flows",
            Piece::FlowActions => "flow-actions",
            Piece::AiPilots => "ai-pilots",
        }
    }

    /// The widget's own title.
    fn title(self) -> &'static str {
        match self {
            Piece::Balance => widgets::balance::TITLE,
            Piece::UsedSummary => widgets::used_summary::TITLE,
            Piece::UsageChart => widgets::usage_chart::TITLE,
            Piece::CopilotUsers => widgets::copilot_users::TITLE,
            Piece::Flows => widgets::flows::TITLE,
            Piece::FlowActions => widgets::flow_actions::TITLE,
            Piece::AiPilots => widgets::ai_pilots::TITLE,
        }
    }

    /// The states that can happen to this widget: the balance has no comparison and no names;
    /// the chart and the summary show no names; flow actions are named by the product.
    fn states(self) -> &'static [WidgetState] {
        use WidgetState::*;
        match self {
            Piece::Balance => &[Loading, Error, Empty, Typical, Huge, LowBalance],
            Piece::UsageChart => &[Loading, Error, Empty, Typical, Huge, NegativeChange],
            Piece::UsedSummary | Piece::FlowActions => &[
                Loading,
                Error,
                Empty,
                Typical,
                Huge,
                ZeroComparison,
                NegativeChange,
            ],
            Piece::CopilotUsers | Piece::Flows | Piece::AiPilots => &[
                Loading,
                Error,
                Empty,
                Typical,
                Huge,
                LongNames,
                ZeroComparison,
                NegativeChange,
            ],
        }
    }

    /// Which data controls mean something for this widget: (rows, name length, comparison).
    /// Figures, latency and failing apply to every widget.
    fn controls(self) -> (bool, bool, bool) {
        match self {
            Piece::Balance | Piece::UsageChart => (false, false, false),
            Piece::UsedSummary | Piece::FlowActions => (false, false, true),
            Piece::CopilotUsers | Piece::Flows | Piece::AiPilots => (true, true, true),
        }
    }

    fn wide(self) -> bool {
        !matches!(self, Piece::Balance | Piece::UsedSummary)
    }

    fn view(self) -> AnyView {
        match self {
            Piece::Balance => view! { <widgets::balance::BalanceWidget /> }.into_any(),
            Piece::UsedSummary => view! { <widgets::used_summary::UsedSummaryWidget /> }.into_any(),
            Piece::UsageChart => view! { <widgets::usage_chart::UsageChartWidget /> }.into_any(),
            Piece::CopilotUsers => {
                view! { <widgets::copilot_users::CopilotUsersWidget /> }.into_any()
            }
            Piece::Flows => view! { <widgets::flows::FlowsWidget /> }.into_any(),
            Piece::FlowActions => view! { <widgets::flow_actions::FlowActionsWidget /> }.into_any(),
            Piece::AiPilots => view! { <widgets::ai_pilots::AiPilotsWidget /> }.into_any(),
        }
    }
}

/// The gallery's mock accounts: one per scenario, generated once and shared by the cards that
/// only read it; never the demo session's account.
#[derive(Clone)]
struct Accounts {
    today: NaiveDate,
    seed: u64,
    made: StoredValue<HashMap<(Scenario, Shaping), MockClient>, LocalStorage>,
}

impl Accounts {
    fn new(today: NaiveDate, seed: u64) -> Self {
        Accounts {
            today,
            seed,
            made: StoredValue::new_local(HashMap::new()),
        }
    }

    /// A fresh account that nobody else sees (for cards that change it).
    fn own(&self, scenario: Scenario) -> MockClient {
        MockClient::ephemeral(MockSettings::new(scenario, self.seed, self.today))
    }

    /// The account of `scenario` reshaped as `shaping` says, generated once and shared.
    fn shared(&self, scenario: Scenario, shaping: Shaping) -> MockClient {
        let key = (scenario, shaping);
        if let Some(c) = self.made.with_value(|m| m.get(&key).cloned()) {
            return c;
        }
        let c = MockClient::ephemeral(MockSettings {
            shaping,
            ..MockSettings::new(scenario, self.seed, self.today)
        });
        self.made.update_value(|m| {
            m.insert(key, c.clone());
        });
        c
    }

    fn for_state(&self, state: WidgetState, knobs: &Knobs) -> UsageApi {
        let base = self.shared(state.scenario(), knobs.shaping);
        let mut api = match state {
            WidgetState::Loading => base.variant(&[], &data_endpoints()),
            WidgetState::Error => base.variant(&data_endpoints(), &[]),
            _ => base,
        };
        if knobs.fail && state != WidgetState::Loading {
            api = api.variant(&data_endpoints(), &[]);
        }
        if let Some(ms) = knobs.latency {
            api = api.with_latency(ms);
        }
        UsageApi::Mock(api)
    }
}

/// A widget section's controls, which reshape its cards' mock data; each in the URL as
/// `{widget}.{knob}` (`flows.rows=40&flows.names=80&flows.scale=1000000`), so one link
/// reproduces "40 rows of 80-character names at millions of credits".
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Knobs {
    shaping: Shaping,
    /// Reports compare with the previous period (on) or with nothing (off), whatever the state.
    compare: Option<bool>,
    latency: Option<u32>,
    fail: bool,
}

/// The choices each control offers (values as in the URL, and their labels).
const ROWS: [(&str, &str); 4] = [
    ("", "As the state"),
    ("5", "5"),
    ("40", "40"),
    ("400", "400"),
];
const NAMES: [(&str, &str); 4] = [
    ("", "As the state"),
    ("8", "8 characters"),
    ("40", "40 characters"),
    ("80", "80 characters"),
];
const SCALES: [(&str, &str); 4] = [
    ("", "As the state"),
    ("1000", "× 1,000"),
    ("1000000", "× 1,000,000"),
    ("1000000000", "× 1,000,000,000"),
];
const COMPARE: [(&str, &str); 3] = [
    ("", "As the state"),
    ("on", "Previous period"),
    ("off", "None"),
];
const LATENCY: [(&str, &str); 4] = [
    ("", "None"),
    ("300", "300 ms"),
    ("2000", "2 s"),
    ("10000", "10 s"),
];

impl Knobs {
    fn from_query(q: &leptos_router::params::ParamsMap, piece: &str) -> Knobs {
        let get = |k: &str| q.get_str(&format!("{piece}.{k}")).map(str::to_string);
        let listed = |k: &str, choices: &[(&str, &str)]| {
            get(k).filter(|v| !v.is_empty() && choices.iter().any(|(c, _)| c == v))
        };
        Knobs {
            shaping: Shaping {
                rows: listed("rows", &ROWS).and_then(|v| v.parse().ok()),
                name_len: listed("names", &NAMES).and_then(|v| v.parse().ok()),
                scale: listed("scale", &SCALES).and_then(|v| v.parse().ok()),
            },
            compare: listed("compare", &COMPARE).map(|v| v == "on"),
            latency: listed("latency", &LATENCY).and_then(|v| v.parse().ok()),
            fail: get("fail").as_deref() == Some("on"),
        }
    }

    /// The state's report preset, with the comparison the control asks for.
    fn report(&self, state: WidgetState) -> ReportPreset {
        let mut preset = state.report_preset();
        if let Some(on) = self.compare {
            preset.compare = if on {
                CompareWith::PreviousPeriod
            } else {
                CompareWith::None
            };
            preset.show_percent = on;
        }
        preset
    }

    fn settles_in(&self, state: WidgetState, piece: Piece) -> &'static str {
        match state {
            WidgetState::Loading => "loading",
            _ if self.fail => "error",
            _ => state.settles_in(piece),
        }
    }
}

/// A widget section's controls: each a select (or a checkbox), written to the URL.
#[component]
fn Controls(piece: Piece) -> impl IntoView {
    let query = use_query_map();
    let go = use_query_navigator();
    let key = piece.key();
    let (rows, names, compare) = piece.controls();
    let value =
        move |k: &'static str| query.with(|q| q.get(&format!("{key}.{k}")).unwrap_or_default());
    let set = move |k: &'static str, v: String| {
        let mut q = query.get_untracked();
        let name = format!("{key}.{k}");
        q.remove(&name);
        if !v.is_empty() {
            q.insert(name, v);
        }
        go(q);
    };
    let set_fail = set.clone();
    let select = move |k: &'static str,
                       testid: &'static str,
                       label: &'static str,
                       choices: &'static [(&'static str, &'static str)]| {
        let set = set.clone();
        let options = choices
            .iter()
            .map(|(v, l)| view! { <option value=*v selected=move || value(k) == *v>{*l}</option> })
            .collect_view();
        view! {
            <label class="field">
                <span class="field-label">{label}</span>
                <select class="input" data-testid=testid prop:value=move || value(k) on:change=move |ev| set(k, event_target_value(&ev))>
                    {options}
                </select>
            </label>
        }
    };
    view! {
        <div class="gallery-controls" role="group" aria-label=format!("Data for the {} cards", piece.title()) data-testid="gallery-controls">
            {rows.then(|| select("rows", "control-rows", "Rows", &ROWS))}
            {names.then(|| select("names", "control-name-length", "Name length", &NAMES))}
            {select("scale", "control-scale", "Figures", &SCALES)}
            {compare.then(|| select("compare", "control-compare", "Comparison", &COMPARE))}
            {select("latency", "control-latency", "Latency", &LATENCY)}
            <label class="check gallery-control-check">
                <input
                    type="checkbox"
                    data-testid="control-fail"
                    prop:checked=move || value("fail") == "on"
                    on:change=move |ev| set_fail("fail", if event_target_checked(&ev) { "on".to_string() } else { String::new() })
                />
                "Every request fails"
            </label>
        </div>
    }
}

/// One labelled card: its own data seam, dashboard state and presets, then `children`.
#[component]
fn Card(
    /// `gallery-{piece}-{state}`.
    testid: String,
    label: &'static str,
    /// The `data-state` the widget in the card settles in.
    #[prop(optional)]
    settles_in: Option<&'static str>,
    api: UsageApi,
    #[prop(optional)] report: Option<ReportPreset>,
    #[prop(optional)] dialog: Option<DialogPreset>,
    /// Runs once the card's dashboard state exists.
    #[prop(optional)]
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
    let name = format!("{}: {label}", card_subject(&testid));
    // `gallery-{piece}-{state}` is also the card's own address, /gallery/{piece}/{state}.
    let link = testid.strip_prefix("gallery-").and_then(|rest| {
        Piece::ALL.into_iter().find_map(|p| {
            let state = rest.strip_prefix(p.key())?.strip_prefix('-')?;
            WidgetState::from_key(state).map(|s| format!("/gallery/{}/{}", p.key(), s.key()))
        })
    });
    view! {
        <figure class="gallery-card" data-testid=testid aria-label=name.clone() data-settles-in=settles_in>
            <figcaption class="gallery-label">
                <span>{label}</span>
                {link.map(|href| {
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
                <A11yCheck body=body_ref settles_in=settles_in name=name.clone() />
            </figcaption>
            <div class="gallery-card-body" node_ref=body_ref>
                {OwnedView::new_with_owner(body, owner)}
            </div>
        </figure>
    }
}

/// What a card (`gallery-{…}`) shows: the widget's title, or the dialog or header it belongs to.
fn card_subject(testid: &str) -> &'static str {
    let rest = testid.strip_prefix("gallery-").unwrap_or(testid);
    if let Some(p) = Piece::ALL.into_iter().find(|p| {
        rest.strip_prefix(p.key())
            .is_some_and(|r| r.starts_with('-'))
    }) {
        return p.title();
    }
    [
        ("purchase-", "Purchase credits"),
        ("auto-recharge-", "Auto-recharge"),
        ("recalculate-", "Recalculate usage"),
        ("actions-", "Header actions"),
    ]
    .into_iter()
    .find(|(prefix, _)| rest.starts_with(prefix))
    .map_or("Gallery card", |(_, subject)| subject)
}

/// The gallery's accessibility checks: a generation that "Check every card" bumps (each card
/// checks itself when it changes) and the count of violations each checked card found.
#[derive(Clone, Copy)]
struct Checks {
    all: RwSignal<u32>,
    found: RwSignal<HashMap<u64, usize>>,
}

/// What a card's check says.
#[derive(Clone, Debug, PartialEq)]
enum Audit {
    NotRun,
    Running,
    Done(Vec<crate::platform::axe::Violation>),
    Failed(String),
}

/// A card's accessibility: a button that runs axe-core over the card's content, a badge with
/// the number of violations, and a list naming them. A card alone on its page (its own
/// address) checks itself once its widget has settled.
#[component]
fn A11yCheck(
    body: NodeRef<leptos::html::Div>,
    settles_in: Option<&'static str>,
    /// The card's name for assistive technology ("Smart Flow credit usage: Typical").
    name: String,
) -> impl IntoView {
    use crate::platform::axe;
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let me = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let checks = use_context::<Checks>();
    let audit = RwSignal::new(Audit::NotRun);
    let run = move || {
        if audit.get_untracked() == Audit::Running {
            return;
        }
        audit.set(Audit::Running);
        leptos::task::spawn_local(async move {
            // Settled first: a widget still loading is not what the card shows.
            for _ in 0..75 {
                if audit.is_disposed() {
                    return;
                }
                let state = body.try_get_untracked().flatten().and_then(|el| {
                    el.query_selector("[data-state]")
                        .ok()
                        .flatten()?
                        .get_attribute("data-state")
                });
                if settles_in.is_none() || state.as_deref() == settles_in {
                    break;
                }
                gloo_timers::future::TimeoutFuture::new(200).await;
            }
            // The card may have gone (another control, another page): nothing to check.
            let Some(el) = body.try_get_untracked().flatten() else {
                return;
            };
            let outcome = match axe::check(&el).await {
                Ok(v) => Audit::Done(v),
                Err(e) => Audit::Failed(e),
            };
            if audit.is_disposed() {
                return;
            }
            if let (Audit::Done(v), Some(c)) = (&outcome, checks) {
                let n = v.len();
                c.found.try_update(|f| f.insert(me, n));
            }
            audit.try_set(outcome);
        });
    };
    if let Some(c) = checks {
        // "Check every card": each card when the generation changes (not on the first run).
        Effect::new(move |seen: Option<u32>| {
            let now = c.all.get();
            if seen.is_some_and(|s| s != now) {
                run();
            }
            now
        });
        on_cleanup(move || {
            c.found.try_update(|f| f.remove(&me));
        });
    }
    // A card alone on its page checks itself.
    let params = use_params_map();
    if params.with_untracked(|p| p.get("state").is_some()) {
        run();
    }
    let count = move || match audit.get() {
        Audit::Done(v) => Some(v.len()),
        _ => None,
    };
    let badge = move || match audit.get() {
        Audit::NotRun => "Not checked".to_string(),
        Audit::Running => "Checking…".to_string(),
        Audit::Done(v) if v.is_empty() => "No accessibility issues".to_string(),
        Audit::Done(v) => format!(
            "{} accessibility {}",
            v.len(),
            if v.len() == 1 { "issue" } else { "issues" }
        ),
        Audit::Failed(_) => "Not checked: failed".to_string(),
    };
    let list = move || match audit.get() {
        Audit::Done(v) if !v.is_empty() => {
            let items = v
                .into_iter()
                .map(|v| {
                    let places = v.places;
                    let impact = v.impact.map(|i| format!(" ({i})")).unwrap_or_default();
                    view! {
                        <li>
                            <strong>{v.id}</strong>{impact}": "{v.help}
                            <span class="a11y-where">
                                {format!("{} {}: {}", places.len(), if places.len() == 1 { "element" } else { "elements" }, places.join(", "))}
                            </span>
                        </li>
                    }
                })
                .collect_view();
            Some(view! { <ul class="a11y-list" data-testid="a11y-list">{items}</ul> }.into_any())
        }
        Audit::Failed(why) => Some(
            view! { <p class="a11y-list a11y-failed" data-testid="a11y-list">{why}</p> }.into_any(),
        ),
        _ => None,
    };
    view! {
        <span class="a11y">
            <button
                type="button"
                class="btn-link"
                data-testid="a11y-check"
                aria-label=format!("Check accessibility of {name}")
                disabled=move || audit.get() == Audit::Running
                on:click=move |_| run()
            >
                "Check accessibility"
            </button>
            <span
                class="a11y-badge"
                class:a11y-ok=move || count() == Some(0)
                class:a11y-bad=move || count().is_some_and(|n| n > 0)
                data-testid="a11y-badge"
                data-violations=count
            >
                {badge}
            </span>
        </span>
        {list}
    }
}

#[component]
fn CardDash(
    account: Account,
    on_ready: Option<Callback<AppContext>>,
    children: ChildrenFn,
) -> impl IntoView {
    Dash::provide(&account, |today, anchor| {
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

fn widget_section(piece: Piece, accounts: &Accounts, only: Option<WidgetState>) -> impl IntoView {
    let query = use_query_map();
    let knobs = Memo::new(move |_| query.with(|q| Knobs::from_query(q, piece.key())));
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
                        testid=format!("gallery-{}-{}", piece.key(), state.key())
                        label=state.label()
                        settles_in=knobs.settles_in(state, piece)
                        api=accounts.for_state(state, &knobs)
                        report=knobs.report(state)
                        children=std::sync::Arc::new(move || piece.view())
                    />
                }
            })
            .collect_view()
    };
    view! {
        <section class="gallery-piece" id=piece.key() data-testid=format!("gallery-{}", piece.key()) aria-labelledby=format!("{}-title", piece.key())>
            <h2 id=format!("{}-title", piece.key())>{piece.title()}</h2>
            <Controls piece=piece />
            <div class=if piece.wide() { "gallery-grid gallery-wide" } else { "gallery-grid" }>{cards}</div>
        </section>
    }
}

/// A dialog's card: `open` is always true in the gallery.
fn dialog_card(
    testid: &str,
    label: &'static str,
    api: MockClient,
    dialog: DialogPreset,
    which: fn() -> AnyView,
) -> impl IntoView {
    view! {
        <Card
            testid=format!("gallery-{testid}")
            label=label
            api=UsageApi::Mock(api)
            dialog=dialog
            children=std::sync::Arc::new(which)
        />
    }
}

fn purchase() -> AnyView {
    view! { <crate::dialogs::purchase::PurchaseDialog open=RwSignal::new(true) /> }.into_any()
}

fn auto_recharge() -> AnyView {
    let dash = Dash::expect();
    view! {
        <crate::dialogs::auto_recharge::AutoRechargeDialog
            open=RwSignal::new(true)
            current=Signal::derive(move || dash.recharge.state.get())
            on_retry=dash.recharge.retry
            turn_on=RwSignal::new(true)
        />
    }
    .into_any()
}

fn dialogs_section(accounts: &Accounts) -> impl IntoView {
    let typical = || accounts.own(Scenario::Default);
    let preset = |input: Option<&str>, submit: bool| DialogPreset {
        input: input.map(String::from),
        submit,
    };
    let purchase_cards = view! {
        {dialog_card("purchase-loading", "Loading prices", typical().variant(&[], &[Endpoint::Pricing]), preset(None, false), purchase)}
        {dialog_card("purchase-error", "Prices failed", typical().variant(&[Endpoint::Pricing], &[]), preset(None, false), purchase)}
        {dialog_card("purchase-empty", "Nothing chosen", typical(), preset(None, false), purchase)}
        {dialog_card("purchase-priced", "Amount priced", typical(), preset(Some("25000"), false), purchase)}
        {dialog_card("purchase-invalid", "Invalid amount", typical(), preset(Some("12.5"), false), purchase)}
        {dialog_card("purchase-pending", "Purchasing", typical().variant(&[], &[Endpoint::Purchases]), preset(Some("5000"), true), purchase)}
        {dialog_card("purchase-declined", "Card declined", typical().variant(&[Endpoint::Purchases], &[]), preset(Some("5000"), true), purchase)}
        {dialog_card("purchase-success", "Purchased", typical(), preset(Some("5000"), true), purchase)}
    };
    let recharge_cards = view! {
        {dialog_card("auto-recharge-loading", "Loading settings", typical().variant(&[], &[Endpoint::AutoRecharge]), preset(None, false), auto_recharge)}
        {dialog_card("auto-recharge-form", "Turning on", typical(), preset(None, false), auto_recharge)}
        {dialog_card("auto-recharge-invalid", "Invalid amount", typical(), preset(Some("0"), true), auto_recharge)}
        {dialog_card("auto-recharge-pending", "Saving", typical().variant(&[], &[Endpoint::AutoRechargeSave]), preset(None, true), auto_recharge)}
        {dialog_card("auto-recharge-failure", "Save failed", typical().variant(&[Endpoint::AutoRechargeSave], &[]), preset(None, true), auto_recharge)}
        {dialog_card("auto-recharge-last-failure", "Last recharge failed", accounts.own(Scenario::LowBalance), preset(None, false), auto_recharge)}
    };
    let recalc = |testid: &str,
                  label: &'static str,
                  api: MockClient,
                  start: fn(AppContext, RwSignal<RecalcState>)| {
        let state = RwSignal::new(RecalcState::Idle);
        view! {
            <Card
                testid=format!("gallery-{testid}")
                label=label
                api=UsageApi::Mock(api)
                on_ready=Callback::new(move |app| start(app, state))
                children=std::sync::Arc::new(move || view! { <RecalculateDialog open=RwSignal::new(true) state=state /> }.into_any())
            />
        }
    };
    let recalc_cards = view! {
        {recalc("recalculate-idle", "Ready to start", typical(), |_, _| {})}
        {recalc("recalculate-running", "Running", typical(), half_done)}
        {recalc("recalculate-failure", "Failed", typical().variant(&[Endpoint::Recalculate], &[]), start_recalculation)}
        {recalc("recalculate-done", "Done", typical(), start_recalculation)}
    };
    view! {
        <section class="gallery-piece" id="dialogs" data-testid="gallery-dialogs" aria-labelledby="dialogs-title">
            <h2 id="dialogs-title">"Dialogs"</h2>
            <h3>"Purchase credits"</h3>
            <div class="gallery-grid gallery-dialogs">{purchase_cards}</div>
            <h3>"Auto-recharge"</h3>
            <div class="gallery-grid gallery-dialogs">{recharge_cards}</div>
            <h3>"Recalculate usage"</h3>
            <div class="gallery-grid gallery-dialogs">{recalc_cards}</div>
        </section>
    }
}

/// The dashboard's header: the actions, the auto-recharge state and the banner.
fn actions_section(accounts: &Accounts) -> impl IntoView {
    let actions = || {
        std::sync::Arc::new(|| view! { <crate::dialogs::actions::DashboardActions /> }.into_any())
    };
    let typical = || accounts.own(Scenario::Default);
    view! {
        <section class="gallery-piece" id="actions" data-testid="gallery-actions" aria-labelledby="actions-title">
            <h2 id="actions-title">"Header actions and banner"</h2>
            <div class="gallery-grid gallery-wide">
                <Card testid="gallery-actions-loading".to_string() label="Loading" api=UsageApi::Mock(typical().variant(&[], &[Endpoint::AutoRecharge])) children=actions() />
                <Card testid="gallery-actions-error".to_string() label="Settings failed" api=UsageApi::Mock(typical().variant(&[Endpoint::AutoRecharge], &[])) children=actions() />
                <Card testid="gallery-actions-off".to_string() label="Auto-recharge off" api=UsageApi::Mock(typical()) children=actions() />
                <Card
                    testid="gallery-actions-on".to_string()
                    label="Auto-recharge on"
                    api=UsageApi::Mock(typical())
                    on_ready=Callback::new(turn_auto_recharge_on)
                    children=actions()
                />
            </div>
        </section>
    }
}

/// Turns auto-recharge on in the card's own account, the way the dialog's Save does.
fn turn_auto_recharge_on(app: AppContext) {
    let api = app.api();
    leptos::task::spawn_local(async move {
        let Ok(current) = api.auto_recharge().await else {
            return;
        };
        let on = crate::api::types::AutoRechargeSettings {
            enabled: true,
            threshold_credits: current.threshold_credits,
            recharge_credits: current.recharge_credits,
            monthly_limit: current.monthly_limit,
        };
        if api.set_auto_recharge(&on).await.is_ok() {
            app.data_changed();
        }
    });
}

/// A recalculation the mock has taken halfway, and then left running.
fn half_done(app: AppContext, state: RwSignal<RecalcState>) {
    let api = app.api();
    leptos::task::spawn_local(async move {
        let Ok(mut job) = api.start_recalculation().await else {
            return;
        };
        while job.progress < 0.5 && job.status != JobStatus::Succeeded {
            match api.recalculation(&job.job_id).await {
                Ok(next) => job = next,
                Err(_) => return,
            }
        }
        state.set(RecalcState::Running(job));
    });
}

/// Which theme the cards are shown in: the page's own, one of the two, or both side by side.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ThemeShown {
    Page,
    Light,
    Dark,
    Both,
}

impl ThemeShown {
    const ALL: [ThemeShown; 4] = [
        ThemeShown::Page,
        ThemeShown::Light,
        ThemeShown::Dark,
        ThemeShown::Both,
    ];

    fn from_key(key: Option<&str>) -> ThemeShown {
        match key {
            Some("light") => ThemeShown::Light,
            Some("dark") => ThemeShown::Dark,
            Some("both") => ThemeShown::Both,
            _ => ThemeShown::Page,
        }
    }

    /// The `theme=` value; the page's own theme has none.
    fn key(self) -> &'static str {
        match self {
            ThemeShown::Page => "",
            ThemeShown::Light => "light",
            ThemeShown::Dark => "dark",
            ThemeShown::Both => "both",
        }
    }

    fn label(self) -> &'static str {
        match self {
            ThemeShown::Page => "As the page",
            ThemeShown::Light => "Light",
            ThemeShown::Dark => "Dark",
            ThemeShown::Both => "Light and dark",
        }
    }
}

const LIGHT: SchemeScope = SchemeScope("light");
const DARK: SchemeScope = SchemeScope("dark");

/// The widths a card can be framed at: two phones, a tablet, a desktop window.
const WIDTHS: [(u32, &str); 4] = [
    (360, "360 (small phone)"),
    (390, "390 (phone)"),
    (834, "834 (tablet)"),
    (1440, "1440 (desktop)"),
];
const WIDTH_MIN: u32 = 240;
const WIDTH_MAX: u32 = 2560;

fn parse_width(v: &str) -> Option<u32> {
    v.trim()
        .parse::<u32>()
        .ok()
        .filter(|w| (WIDTH_MIN..=WIDTH_MAX).contains(w))
}

/// One entry of the catalogue: a widget (or the header's and dialogs' sections) and its states.
struct Entry {
    key: &'static str,
    title: &'static str,
    states: Vec<(&'static str, &'static str)>,
}

fn catalogue() -> Vec<Entry> {
    let mut all: Vec<Entry> = Piece::ALL
        .into_iter()
        .map(|p| Entry {
            key: p.key(),
            title: p.title(),
            states: p.states().iter().map(|s| (s.key(), s.label())).collect(),
        })
        .collect();
    all.push(Entry {
        key: "actions",
        title: "Header actions and banner",
        states: vec![],
    });
    all.push(Entry {
        key: "dialogs",
        title: "Dialogs: purchase, auto-recharge, recalculate",
        states: vec![],
    });
    all
}

/// Whether every word of `needle` begins a word of `hay` (both already lower case): "pilot"
/// finds "AI Pilot usage" but not "Copilot", "low" finds "Low balance" but not "flows".
fn found(needle: &str, hay: &str) -> bool {
    let words = |t: &str| {
        t.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(String::from)
            .collect::<Vec<_>>()
    };
    let hay = words(hay);
    words(needle)
        .iter()
        .all(|w| hay.iter().any(|h| h.starts_with(w.as_str())))
}

/// The catalogue: every widget and its states, each a link, narrowed by a search. A sticky
/// sidebar beside the cards; on a phone, a drawer behind a button.
#[component]
fn Catalogue(
    /// The page's query (`?theme=…&width=…`), kept by every link.
    query: Memo<String>,
    /// The path shown now, marked as the current page.
    here: Memo<String>,
) -> impl IntoView {
    // Kept for the tab: opening a result (another route, a new page) keeps what was searched.
    const SEARCH_KEY: &str = "gallery-search";
    let needle = RwSignal::new(storage::get(Kept::Tab, SEARCH_KEY).unwrap_or_default());
    let open = RwSignal::new(false);
    let entries = std::sync::Arc::new(catalogue());
    // What the search keeps: each entry's index and its states' indexes.
    let kept = {
        let entries = entries.clone();
        Memo::new(move |_| {
            let n = needle.with(|n| n.trim().to_lowercase());
            entries
                .iter()
                .enumerate()
                .filter_map(|(i, e)| {
                    let title = e.title.to_lowercase();
                    let whole = n.is_empty() || found(&n, &format!("{title} {}", e.key));
                    let states: Vec<usize> = (0..e.states.len())
                        .filter(|&j| {
                            let (key, label) = e.states[j];
                            whole || found(&n, &format!("{title} {} {key}", label.to_lowercase()))
                        })
                        .collect();
                    (whole || !states.is_empty()).then_some((i, states))
                })
                .collect::<Vec<_>>()
        })
    };
    // One live region, kept while its text changes, so each count is announced.
    let count = move || {
        let n = needle.with(|n| n.trim().to_string());
        if n.is_empty() {
            return String::new();
        }
        kept.with(|k| {
            let states: usize = k.iter().map(|(_, s)| s.len()).sum();
            match k.len() {
                0 => format!("Nothing matches \u{201c}{n}\u{201d}"),
                groups => format!(
                    "{states} {} in {groups} {}",
                    if states == 1 { "state" } else { "states" },
                    if groups == 1 { "section" } else { "sections" }
                ),
            }
        })
    };
    let list = move || {
        let searching = needle.with(|n| !n.trim().is_empty());
        let q = query.get();
        let here = here.get();
        let groups = kept
            .get()
            .into_iter()
            .map(|(i, states)| {
                let e = &entries[i];
                let href = format!("/gallery/{}", e.key);
                let current = (here == href).then_some("page");
                let items = states
                    .into_iter()
                    .map(|j| {
                        let (key, label) = e.states[j];
                        let href = format!("/gallery/{}/{key}", e.key);
                        let current = (here == href).then_some("page");
                        view! {
                            <li><a href=format!("{href}{q}") aria-current=current data-testid="gallery-nav-state">{label}</a></li>
                        }
                    })
                    .collect_view();
                view! {
                    <li class="gallery-nav-widget">
                        <a href=format!("{href}{q}") aria-current=current data-testid="gallery-nav-widget">{e.title}</a>
                        <ul>{items}</ul>
                    </li>
                }
            })
            .collect_view();
        view! {
            <ul class="gallery-nav-list">
                {(!searching).then(|| view! {
                    <li class="gallery-nav-widget">
                        <a href=format!("/gallery{q}") aria-current=(here == "/gallery").then_some("page")>"Everything"</a>
                    </li>
                })}
                {groups}
            </ul>
        }
    };
    view! {
        <aside class="gallery-side" class:open=move || open.get()>
            <button
                type="button"
                class="btn gallery-side-toggle"
                aria-expanded=move || open.get().to_string()
                aria-controls="gallery-nav"
                data-testid="gallery-catalogue-toggle"
                on:click=move |_| open.update(|o| *o = !*o)
            >
                "Catalogue: every widget and state"
            </button>
            <nav id="gallery-nav" class="gallery-nav" aria-label="Gallery catalogue" data-testid="gallery-nav">
                <label class="field gallery-search">
                    <span class="field-label">"Find a widget or state"</span>
                    <input
                        class="input"
                        type="search"
                        placeholder="e.g. pilot huge"
                        data-testid="gallery-search"
                        prop:value=move || needle.get()
                        on:input=move |ev| {
                            let v = event_target_value(&ev);
                            storage::set(Kept::Tab, SEARCH_KEY, &v);
                            needle.set(v);
                        }
                    />
                </label>
                <p class="gallery-search-count muted" role="status" data-testid="gallery-search-count">{count}</p>
                {list}
            </nav>
        </aside>
    }
}

/// The toolbar over the cards: theme, card width, density; each kept in the URL, so a link
/// reproduces what the designer sees.
#[component]
fn Toolbar(
    theme: Memo<ThemeShown>,
    width: Memo<Option<u32>>,
    compact: Memo<bool>,
    checks: Checks,
) -> impl IntoView {
    let query = use_query_map();
    let go = use_query_navigator();
    let set = move |key: &'static str, value: Option<String>| {
        let mut q = query.get_untracked();
        q.remove(key);
        if let Some(v) = value.filter(|v| !v.is_empty()) {
            q.insert(key, v);
        }
        go(q);
    };
    // "Custom" shows a field; a width typed there is kept only when it is one the gallery takes.
    let custom = RwSignal::new(
        width
            .get_untracked()
            .is_some_and(|w| WIDTHS.iter().all(|(p, _)| *p != w)),
    );
    let typed = RwSignal::new(
        width
            .get_untracked()
            .map(|w| w.to_string())
            .unwrap_or_default(),
    );
    let bad = RwSignal::new(false);
    let set_theme = set.clone();
    let set_width = set.clone();
    let set_custom = set.clone();
    let set_density = set;
    let width_choice = move || {
        if custom.get() {
            "custom".to_string()
        } else {
            width.get().map(|w| w.to_string()).unwrap_or_default()
        }
    };
    let theme_options = ThemeShown::ALL
        .into_iter()
        .map(|t| view! { <option value=t.key() selected=move || theme.get() == t>{t.label()}</option> })
        .collect_view();
    let width_options = WIDTHS
        .into_iter()
        .map(|(w, label)| view! { <option value=w.to_string() selected=move || !custom.get() && width.get() == Some(w)>{label}</option> })
        .collect_view();
    let apply_custom = Callback::new(move |()| match parse_width(&typed.get_untracked()) {
        Some(w) => {
            bad.set(false);
            set_custom("width", Some(w.to_string()));
        }
        None => bad.set(true),
    });
    view! {
        <div class="gallery-toolbar" role="group" aria-label="How the cards are shown" data-testid="gallery-toolbar">
            <label class="field">
                <span class="field-label">"Theme"</span>
                <select class="input" data-testid="gallery-theme" prop:value=move || theme.get().key() on:change=move |ev| set_theme("theme", Some(event_target_value(&ev)))>
                    {theme_options}
                </select>
            </label>
            <label class="field">
                <span class="field-label">"Card width"</span>
                <select
                    class="input"
                    data-testid="gallery-width"
                    prop:value=width_choice
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        if v == "custom" {
                            custom.set(true);
                        } else {
                            custom.set(false);
                            bad.set(false);
                            set_width("width", Some(v));
                        }
                    }
                >
                    <option value="" selected=move || !custom.get() && width.get().is_none()>"Fit the page"</option>
                    {width_options}
                    <option value="custom" selected=move || custom.get()>"Custom…"</option>
                </select>
            </label>
            <Show when=move || custom.get()>
                <label class="field">
                    <span class="field-label">{format!("Width in px ({WIDTH_MIN}–{WIDTH_MAX})")}</span>
                    <input
                        class="input gallery-width-custom"
                        type="number"
                        inputmode="numeric"
                        min=WIDTH_MIN
                        max=WIDTH_MAX
                        data-testid="gallery-width-custom"
                        aria-invalid=move || bad.get().then_some("true")
                        aria-describedby=move || bad.get().then_some("gallery-width-error")
                        prop:value=move || typed.get()
                        on:input=move |ev| typed.set(event_target_value(&ev))
                        on:change=move |_| apply_custom.run(())
                        on:keydown=move |ev| {
                            if ev.key() == "Enter" {
                                apply_custom.run(());
                            }
                        }
                    />
                </label>
            </Show>
            <button
                type="button"
                class="btn"
                data-testid="density-toggle"
                aria-pressed=move || compact.get().to_string()
                on:click=move |_| set_density("density", (!compact.get_untracked()).then(|| "compact".to_string()))
            >
                "Compact density"
            </button>
            <div class="gallery-checks">
                <button type="button" class="btn" data-testid="a11y-check-all" on:click=move |_| checks.all.update(|g| *g += 1)>
                    "Check every card"
                </button>
                <span class="muted" role="status" data-testid="a11y-summary">
                    {move || checks.found.with(|f| {
                        if f.is_empty() {
                            return String::new();
                        }
                        let bad = f.values().filter(|n| **n > 0).count();
                        let total: usize = f.values().sum();
                        format!(
                            "{} {} checked: {}",
                            f.len(),
                            if f.len() == 1 { "card" } else { "cards" },
                            if bad == 0 {
                                "no accessibility issues".to_string()
                            } else {
                                format!(
                                    "{total} {} in {bad} {}",
                                    if total == 1 { "issue" } else { "issues" },
                                    if bad == 1 { "card" } else { "cards" }
                                )
                            }
                        )
                    })}
                </span>
            </div>
            <Show when=move || bad.get()>
                <p class="field-error" id="gallery-width-error" data-testid="gallery-width-error">
                    {format!("A width from {WIDTH_MIN} to {WIDTH_MAX} px, in whole pixels.")}
                </p>
            </Show>
        </div>
    }
}

/// For designers: every widget and dialog in every state, on generated data.
#[component]
pub fn GalleryPage() -> impl IntoView {
    let app = AppContext::expect();
    // The demo's pinned day and seed where there is a demo; the gallery is always on mock data.
    let (today, seed) = match app.api() {
        UsageApi::Mock(m) => (m.settings().today, m.settings().seed),
        UsageApi::Http(_) => (
            crate::platform::format::today_in(crate::api::mock::TIME_ZONE),
            42,
        ),
    };
    let accounts = Accounts::new(today, seed);
    let checks = Checks {
        all: RwSignal::new(0),
        found: RwSignal::new(HashMap::new()),
    };
    provide_context(checks);
    // /gallery/{widget} shows that section, /gallery/{widget}/{state} that card alone;
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
    let shown = move || {
        let (widget, state) = focus();
        let Some(widget) = widget else {
            let sections = Piece::ALL
                .into_iter()
                .map(|p| widget_section(p, &accounts, None))
                .collect_view();
            return view! {
                {sections}
                {actions_section(&accounts)}
                {dialogs_section(&accounts)}
            }
            .into_any();
        };
        let piece = Piece::from_key(&widget);
        let wanted = state.as_deref().map(WidgetState::from_key);
        match (widget.as_str(), piece, wanted) {
            ("actions", _, None) => actions_section(&accounts).into_any(),
            ("dialogs", _, None) => dialogs_section(&accounts).into_any(),
            (_, Some(p), None) => widget_section(p, &accounts, None).into_any(),
            (_, Some(p), Some(Some(s))) if p.states().contains(&s) => {
                widget_section(p, &accounts, Some(s)).into_any()
            }
            _ => view! {
                <p class="notice notice-warn" role="status" data-testid="gallery-unknown">
                    {format!("The gallery has no \u{201c}{}\u{201d}. ", [Some(widget.clone()), state.clone()].into_iter().flatten().collect::<Vec<_>>().join("/"))}
                    <a href="/gallery">"See every widget"</a>
                </p>
            }
            .into_any(),
        }
    };
    // One theme asked: the page takes it while it shows (the header too), and gives the chosen
    // one back when it goes or when the stage goes back to the page's theme or to both.
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
    // A stage: the shown cards, in one theme when `scope` says so (its own owner carries it).
    let stage = move |scope: Option<SchemeScope>| {
        let owner = Owner::current()
            .expect("the gallery renders inside the app")
            .child();
        let body = owner.with(|| {
            if let Some(s) = scope {
                provide_context(s);
            }
            shown()
        });
        let class = match scope {
            Some(s) if s == DARK => "gallery-stage gallery-dark",
            Some(_) => "gallery-stage gallery-light",
            None => "gallery-stage",
        };
        let title = match (theme.get_untracked(), scope) {
            (ThemeShown::Both, Some(s)) => Some(if s == DARK { "Dark" } else { "Light" }),
            _ => None,
        };
        view! {
            <div class=class data-testid="gallery-stage" data-theme-shown=scope.map(|s| s.0)>
                {title.map(|t| view! { <p class="gallery-stage-title">{t}</p> })}
                {OwnedView::new_with_owner(body, owner)}
            </div>
        }
    };
    let stages = move || match theme.get() {
        ThemeShown::Page => stage(None).into_any(),
        ThemeShown::Light => stage(Some(LIGHT)).into_any(),
        ThemeShown::Dark => stage(Some(DARK)).into_any(),
        ThemeShown::Both => view! {
            <div class="gallery-both">{stage(Some(LIGHT))}{stage(Some(DARK))}</div>
        }
        .into_any(),
    };
    view! {
        <div class="page-head">
            <div class="titles">
                <h1>"Widget gallery"</h1>
                <p class="muted">
                    "Every widget and dialog in every state, each drawn by the real component over generated demo data (seed "
                    {seed} ", today " {today.to_string()} "). Change a widget and every state shows it."
                </p>
            </div>
        </div>
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_words_begin_words() {
        assert!(found(
            "pilot huge",
            "ai pilot usage huge figures ai-pilots huge"
        ));
        assert!(found("pilots", "ai pilot usage ai-pilots"));
        assert!(!found(
            "pilot",
            "copilot credit usage by user copilot-users"
        ));
        assert!(!found("low", "smart flow credit usage flows"));
        assert!(found("low", "credit balance low balance low-balance"));
        assert!(found("", "anything"));
        assert!(!found("zebra", "credit balance"));
    }

    #[test]
    fn widths_outside_the_range_are_refused() {
        assert_eq!(parse_width(" 390 "), Some(390));
        assert_eq!(parse_width("239"), None);
        assert_eq!(parse_width("2561"), None);
        assert_eq!(parse_width("3.5e2"), None);
        assert_eq!(parse_width("-390"), None);
        assert_eq!(ThemeShown::from_key(Some("both")), ThemeShown::Both);
        assert_eq!(ThemeShown::from_key(Some("sepia")), ThemeShown::Page);
    }
}
