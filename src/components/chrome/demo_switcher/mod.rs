//! The "Demo data" badge and the scenario switcher behind it: scenario, seed, latency, a pinned
//! today and failing endpoints, kept in the URL so that a demo link reproduces the demo; and
//! "Reset demo", which forgets what this session bought and changed.
//!
//! The switcher (here), its failing endpoints (`faults`), and the address a choice makes
//! (`query`).

mod faults;
mod query;

use crate::api::config::{demo_defaults, demo_settings, DemoChoice};
use crate::api::demo::Scenario;
use crate::api::demo::{MockClient, TIME_ZONE};
use crate::api::UsageApi;
use crate::components::enum_select::EnumSelect;
use crate::components::popover::Popover;
use crate::platform::ids::unique_id;
use crate::state::app_context::AppContext;
use faults::fail_rows;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;
use query::query_with;

#[component]
pub fn DemoSwitcher() -> impl IntoView {
    let app = AppContext::expect();
    let UsageApi::Mock(mock) = app.api() else {
        return ().into_any();
    };
    let start = DemoChoice::from_settings(mock.settings());
    let open = RwSignal::new(false);
    let form = DemoForm {
        scenario: RwSignal::new(start.scenario),
        seed: RwSignal::new(start.seed.clone()),
        latency: RwSignal::new(start.latency.clone()),
        today: RwSignal::new(start.today.clone()),
        fail: RwSignal::new(start.fail.clone()),
    };
    let problem = RwSignal::new(None::<String>);
    // What the last button did, said under the form.
    let done = RwSignal::new(None::<&'static str>);
    let start = StoredValue::new(start);
    let navigate = use_navigate();
    let location = use_location();
    // Switches the data source in place (no page load): a new mock behind the same page, and
    // the address says the demo, so a reload or a link shows the same.
    let switch = move |choice: DemoChoice, fresh: bool| -> bool {
        let Some(query) = switch_to(app, &choice, fresh, start, problem) else {
            return false;
        };
        start.set_value(choice);
        navigate(
            &format!("{}?{query}", location.pathname.get_untracked()),
            NavigateOptions {
                replace: true,
                scroll: false,
                ..NavigateOptions::default()
            },
        );
        true
    };
    // Kept in the arena, so the handlers that call it stay `Copy`.
    let switch = StoredValue::new_local(switch);
    let apply = {
        move || {
            if switch.with_value(|f| f(form.choice(), false)) {
                // The presenter wants the figures now: the panel steps aside, as a new page did.
                done.set(None);
                open.set(false);
            }
        }
    };
    let reset = move || {
        if let UsageApi::Mock(m) = app.api() {
            m.reset();
        }
        app.data_changed();
        done.set(Some("The demo account is back to its starting state: what this session bought and changed is gone. The scenario, latency and failures stay as they are."));
    };
    let reset_all = move || {
        let Some(config) = app.demo_config() else {
            return;
        };
        let d = demo_defaults(&config, crate::platform::format::today_in(TIME_ZONE));
        let defaults = DemoChoice::from_settings(&d);
        // A day the deployment pins is written out; otherwise today follows the clock.
        let pinned = config.mock.today.is_some();
        let back = DemoChoice {
            today: if pinned {
                defaults.today.clone()
            } else {
                String::new()
            },
            ..defaults
        };
        form.set(&back);
        form.fail.set(Vec::new());
        if switch.with_value(|f| f(back, true)) {
            done.set(Some("Every demo setting is back to its default (scenario, seed, latency, today, no failing endpoints), and the account to its starting state."));
        }
    };
    let panel_id = unique_id("demo-panel");
    view! {
        <Popover
            open=open
            class="demo"
            trigger={
                let panel_id = panel_id.clone();
                move || demo_badge(open, panel_id.clone())
            }
        >
            // A form may not be a dialog: the dialog holds it, and the form's box is its
            // children's (`display: contents`), so the layout is the panel's.
            <div
                class="menu demo-panel"
                id=panel_id.clone()
                role="dialog"
                aria-label="Demo settings"
                data-testid="demo-panel"
            >
            <form
                class="demo-form"
                on:submit=move |ev| {
                    ev.prevent_default();
                    apply();
                }
            >
                <p class="demo-intro muted">"Generated data: choose the account and how the service behaves. The choice goes into the page address, so a link reproduces it."</p>
                {form.fields()}
                {move || problem.get().map(|m| view! { <p class="field-error" role="alert" data-testid="demo-error">{m}</p> })}
                {move || done.get().map(|text| view! { <p class="notice notice-ok" role="status" data-testid="demo-reset-done">{text}</p> })}
                <div class="dialog-actions demo-actions">
                    <button type="button" class="btn" data-testid="demo-reset" on:click=move |_| reset()>"Reset account"</button>
                    <button type="button" class="btn" data-testid="demo-reset-all" on:click=move |_| reset_all()>"Reset all demo settings"</button>
                    <button type="submit" class="btn btn-primary" data-testid="demo-apply">"Apply"</button>
                </div>
                <a class="demo-gallery" href="/gallery" rel="external">"Widget gallery: every widget in every state"</a>
            </form>
            </div>
        </Popover>
    }
    .into_any()
}

/// The badge that says the figures are demo data and opens the switcher.
fn demo_badge(open: RwSignal<bool>, panel_id: String) -> impl IntoView {
    view! {
        <button
            class="demo-badge"
            data-testid="demo-badge"
            title="Figures are generated demo data, not your account. Click to change the demo."
            aria-haspopup="dialog"
            aria-expanded=move || open.get().to_string()
            aria-controls=panel_id
            on:click=move |_| open.update(|o| *o = !*o)
        >
            "Demo data"
            <span aria-hidden="true">" ▾"</span>
        </button>
    }
}

/// Switches the data source in place (no page load): a new mock behind the same page. Gives
/// the address's query for `choice`, or `None` (with the problem said) when it cannot be used.
fn switch_to(
    app: AppContext,
    choice: &DemoChoice,
    fresh: bool,
    start: StoredValue<DemoChoice>,
    problem: RwSignal<Option<String>>,
) -> Option<String> {
    let q = match choice.to_query() {
        Err(msg) => {
            problem.set(Some(msg));
            return None;
        }
        Ok(q) => q,
    };
    problem.set(None);
    let new_account =
        start.with_value(|s| s.scenario != choice.scenario || s.seed.trim() != choice.seed.trim());
    let (query, demo) = query_with(&q, new_account)?;
    let clock = crate::platform::format::today_in(TIME_ZONE);
    let config = app.demo_config().unwrap_or_default();
    let mock =
        MockClient::new(demo_settings(&config, &q, clock)).with_timeout(config.request_timeout_ms);
    if fresh {
        mock.reset();
    }
    app.switch_demo(mock, demo);
    Some(query)
}

/// The switcher's form, as typed.
#[derive(Clone, Copy)]
struct DemoForm {
    scenario: RwSignal<Scenario>,
    seed: RwSignal<String>,
    latency: RwSignal<String>,
    today: RwSignal<String>,
    fail: RwSignal<Vec<String>>,
}

impl DemoForm {
    fn choice(&self) -> DemoChoice {
        DemoChoice {
            scenario: self.scenario.get_untracked(),
            seed: self.seed.get_untracked(),
            latency: self.latency.get_untracked(),
            today: self.today.get_untracked(),
            fail: self.fail.get_untracked(),
        }
    }

    fn set(&self, c: &DemoChoice) {
        self.scenario.set(c.scenario);
        self.seed.set(c.seed.clone());
        self.latency.set(c.latency.clone());
        self.today.set(c.today.clone());
        self.fail.set(c.fail.clone());
    }

    fn fields(self) -> impl IntoView {
        let DemoForm {
            scenario,
            seed,
            latency,
            today,
            fail,
        } = self;
        let latency_hint_id = unique_id("demo-latency-hint");
        view! {
            <div class="field">
                <EnumSelect label="Scenario" testid="demo-scenario" value=scenario on_change=Callback::new(move |s| scenario.set(s)) />
            </div>
            <div class="demo-row">
                <label class="field">
                    <span class="field-label">"Seed"</span>
                    <input class="input" inputmode="numeric" data-testid="demo-seed"
                        prop:value=move || seed.get() on:input=move |ev| seed.set(event_target_value(&ev)) />
                </label>
                <label class="field">
                    <span class="field-label">"Latency (ms)"</span>
                    <input class="input" data-testid="demo-latency" placeholder="200 or 50-400" aria-describedby=latency_hint_id.clone()
                        prop:value=move || latency.get() on:input=move |ev| latency.set(event_target_value(&ev)) />
                </label>
                <label class="field">
                    <span class="field-label">"Today"</span>
                    <input class="input" type="date" data-testid="demo-today"
                        prop:value=move || today.get() on:input=move |ev| today.set(event_target_value(&ev)) />
                </label>
            </div>
            <span class="field-hint muted" id=latency_hint_id>"Latency: a span such as 50-400 waits a random time within it."</span>
            <fieldset class="demo-fails">
                <legend class="field-label">"Failing endpoints"</legend>
                {fail_rows(fail)}
            </fieldset>
        }
    }
}
