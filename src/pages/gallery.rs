//! The widget gallery: every widget and dialog of the dashboard in every state, side by side.
//! Each card renders the real component over its own mock account (never a copy of a widget),
//! so a change to a widget's code or CSS shows in all its states at once under Trunk's reload.

use crate::api::mock::{Endpoint, MockClient, MockSettings, Scenario};
use crate::api::types::{Account, JobStatus};
use crate::api::UsageApi;
use crate::components::account_gate::AccountGate;
use crate::dialogs::recalculate::{start_recalculation, RecalcState, RecalculateDialog};
use crate::domain::CompareWith;
use crate::state::app::AppContext;
use crate::state::dash::{Dash, FilterSource};
use crate::state::preview::{DialogPreset, Preview, ReportPreset};
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
    made: StoredValue<HashMap<Scenario, MockClient>, LocalStorage>,
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

    fn shared(&self, scenario: Scenario) -> MockClient {
        if let Some(c) = self.made.with_value(|m| m.get(&scenario).cloned()) {
            return c;
        }
        let c = self.own(scenario);
        self.made.update_value(|m| {
            m.insert(scenario, c.clone());
        });
        c
    }

    fn for_state(&self, state: WidgetState) -> UsageApi {
        let base = self.shared(state.scenario());
        UsageApi::Mock(match state {
            WidgetState::Loading => base.variant(&[], &data_endpoints()),
            WidgetState::Error => base.variant(&data_endpoints(), &[]),
            _ => base,
        })
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
    // `gallery-{piece}-{state}` is also the card's own address, /gallery/{piece}/{state}.
    let link = testid.strip_prefix("gallery-").and_then(|rest| {
        Piece::ALL.into_iter().find_map(|p| {
            let state = rest.strip_prefix(p.key())?.strip_prefix('-')?;
            WidgetState::from_key(state).map(|s| format!("/gallery/{}/{}", p.key(), s.key()))
        })
    });
    view! {
        <figure class="gallery-card" data-testid=testid data-settles-in=settles_in>
            <figcaption class="gallery-label">
                {label}
                {link.map(|href| view! {
                    <a class="gallery-card-link" href=href.clone() data-testid="gallery-card-link" aria-label=format!("{label}: this state alone, with its own address")>
                        "Link"
                    </a>
                })}
            </figcaption>
            {OwnedView::new_with_owner(body, owner)}
        </figure>
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
    let cards = piece
        .states()
        .iter()
        .filter(|s| only.is_none_or(|o| o == **s))
        .map(|&state| {
            view! {
                <Card
                    testid=format!("gallery-{}-{}", piece.key(), state.key())
                    label=state.label()
                    settles_in=state.settles_in(piece)
                    api=accounts.for_state(state)
                    report=state.report_preset()
                    children=std::sync::Arc::new(move || piece.view())
                />
            }
        })
        .collect_view();
    view! {
        <section class="gallery-piece" id=piece.key() data-testid=format!("gallery-{}", piece.key()) aria-labelledby=format!("{}-title", piece.key())>
            <h2 id=format!("{}-title", piece.key())>{piece.title()}</h2>
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
    // /gallery/{widget} shows that section, /gallery/{widget}/{state} that card alone;
    // ?theme=light|dark and ?width=N frame what is shown.
    let params = use_params_map();
    let query = use_query_map();
    let theme = query
        .with_untracked(|q| q.get("theme"))
        .filter(|t| t == "dark" || t == "light");
    let width = query
        .with_untracked(|q| q.get("width"))
        .and_then(|w| w.parse::<u32>().ok())
        .filter(|w| (240..=2560).contains(w));
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
    // The page takes the asked theme while it shows (charts read their colours from the page's
    // theme), and gives the chosen one back when it goes.
    if let Some(t) = theme.clone() {
        let root = || web_sys::window()?.document()?.document_element();
        if let Some(r) = root() {
            let before = r.get_attribute("data-theme");
            let _ = r.set_attribute("data-theme", &t);
            on_cleanup(move || {
                if let Some(r) = root() {
                    let _ = match before {
                        Some(b) => r.set_attribute("data-theme", &b),
                        None => r.remove_attribute("data-theme"),
                    };
                }
            });
        }
    }
    let stage_class = match theme.as_deref() {
        Some("dark") => "gallery-stage gallery-dark",
        Some("light") => "gallery-stage gallery-light",
        _ => "gallery-stage",
    };
    let stage_style = width.map(|w| format!("--gallery-width: {w}px"));
    let nav = Piece::ALL
        .into_iter()
        .map(|p| view! { <a class="chip" href=format!("#{}", p.key())>{p.title()}</a> })
        .collect_view();
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
        <nav class="gallery-nav" aria-label="Gallery sections">
            {nav}
            <a class="chip" href="#actions">"Header actions"</a>
            <a class="chip" href="#dialogs">"Dialogs"</a>
        </nav>
        <div class=stage_class class:gallery-framed=width.is_some() style=stage_style data-testid="gallery-stage" data-theme-shown=theme.clone() data-width=width>
            {shown}
        </div>
    }
}
