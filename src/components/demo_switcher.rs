//! The "Demo data" badge and the scenario switcher behind it: scenario, seed, latency, a pinned
//! today and failing endpoints, kept in the URL so that a demo link reproduces the demo; and
//! "Reset demo", which forgets what this session bought and changed.

use crate::api::config::{DemoChoice, DEMO_PARAMS};
use crate::api::mock::Endpoint;
use crate::api::UsageApi;
use crate::components::enum_select::EnumSelect;
use crate::components::popover::Popover;
use crate::platform::ids::unique_id;
use crate::state::app::AppContext;
use crate::state::filters::query_keys;
use leptos::prelude::*;

/// Loads the app again with `choice` in the URL (the data source is chosen at start). A new
/// account has other people, so its team and user filters go.
fn reload_with(choice: &[(&'static str, String)], new_account: bool) -> Option<()> {
    let location = web_sys::window()?.location();
    let url = web_sys::Url::new(&location.href().ok()?).ok()?;
    let params = url.search_params();
    for k in DEMO_PARAMS {
        params.delete(k);
    }
    if new_account {
        params.delete(query_keys::TEAMS);
        params.delete(query_keys::USERS);
    }
    for (k, v) in choice {
        params.append(k, v);
    }
    location.assign(&url.href()).ok()
}

#[component]
pub fn DemoSwitcher() -> impl IntoView {
    let app = AppContext::expect();
    let UsageApi::Mock(mock) = app.api() else {
        return ().into_any();
    };
    let start = DemoChoice::from_settings(mock.settings());
    let open = RwSignal::new(false);
    let scenario = RwSignal::new(start.scenario);
    let seed = RwSignal::new(start.seed.clone());
    let latency = RwSignal::new(start.latency.clone());
    let today = RwSignal::new(start.today.clone());
    let fail = RwSignal::new(start.fail.clone());
    let problem = RwSignal::new(None::<String>);
    let reset_done = RwSignal::new(false);
    let start = StoredValue::new(start);
    let apply = move || {
        let choice = DemoChoice {
            scenario: scenario.get_untracked(),
            seed: seed.get_untracked(),
            latency: latency.get_untracked(),
            today: today.get_untracked(),
            fail: fail.get_untracked(),
        };
        match choice.to_query() {
            Err(msg) => problem.set(Some(msg)),
            Ok(q) => {
                problem.set(None);
                let new_account = start.with_value(|s| {
                    s.scenario != choice.scenario || s.seed.trim() != choice.seed.trim()
                });
                reload_with(&q, new_account);
            }
        }
    };
    let reset = move || {
        if let UsageApi::Mock(m) = app.api() {
            m.reset();
        }
        app.data_changed();
        reset_done.set(true);
    };
    let fail_boxes = move || {
        Endpoint::ALL
            .into_iter()
            .map(|e| (e.key(), e.label()))
            .map(|(name, label)| {
                view! {
                    <label class="check demo-fail">
                        <input
                            type="checkbox"
                            data-testid=format!("demo-fail-{name}")
                            prop:checked=move || fail.with(|f| f.iter().any(|e| e == name))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                fail.update(|f| {
                                    f.retain(|e| e != name);
                                    if on {
                                        f.push(name.to_string());
                                    }
                                });
                            }
                        />
                        <span>{label}</span>
                    </label>
                }
            })
            .collect_view()
    };
    let panel_id = unique_id("demo-panel");
    let latency_hint_id = unique_id("demo-latency-hint");
    view! {
        <Popover
            open=open
            class="demo"
            trigger={
                let panel_id = panel_id.clone();
                move || view! {
                    <button
                        class="demo-badge"
                        data-testid="demo-badge"
                        title="Figures are generated demo data, not your account. Click to change the demo."
                        aria-haspopup="dialog"
                        aria-expanded=move || open.get().to_string()
                        aria-controls=panel_id.clone()
                        on:click=move |_| open.update(|o| *o = !*o)
                    >
                        "Demo data"
                        <span aria-hidden="true">" ▾"</span>
                    </button>
                }
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
                <span class="field-hint muted" id=latency_hint_id.clone()>"Latency: a span such as 50-400 waits a random time within it."</span>
                <fieldset class="demo-fails">
                    <legend class="field-label">"Failing endpoints"</legend>
                    {fail_boxes()}
                </fieldset>
                {move || problem.get().map(|m| view! { <p class="field-error" role="alert" data-testid="demo-error">{m}</p> })}
                <Show when=move || reset_done.get()>
                    <p class="notice notice-ok" role="status" data-testid="demo-reset-done">"The demo account is back to its starting state."</p>
                </Show>
                <div class="dialog-actions">
                    <button type="button" class="btn" data-testid="demo-reset" on:click=move |_| reset()>"Reset demo"</button>
                    <button type="submit" class="btn btn-primary" data-testid="demo-apply">"Apply"</button>
                </div>
                <a class="demo-gallery" href="/gallery" rel="external">"Widget gallery: every widget in every state"</a>
            </form>
            </div>
        </Popover>
    }
    .into_any()
}
