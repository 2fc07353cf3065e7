use crate::components::popover::Popover;
use crate::domain::Keyed;
use crate::platform::ids::unique_id;
use crate::state::app_context::AppContext;
use crate::state::theme::{use_theme, ThemeChoice};
use leptos::prelude::*;
use leptos_router::components::A;

/// The top bar (product name, demo badge, profile menu) around every page.
#[component]
pub fn Shell(children: Children) -> impl IntoView {
    let app = AppContext::expect();
    let main = NodeRef::<leptos::html::Main>::new();
    // The first stop of the Tab key: past the top bar to the page's content. Focus moves by hand
    // (the router would treat `#main` as a navigation).
    let skip = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        if let Some(m) = main.get_untracked() {
            let _ = m.focus();
        }
    };
    view! {
        <a class="skip-link" href="#main" data-testid="skip-link" on:click=skip>"Skip to main content"</a>
        <header class="topbar">
            <A href=app.link("/billing/credit-utilization") attr:class="brand" attr:aria-label="Orbit CRM home">
                <svg class="brand-mark" viewBox="0 0 32 32" aria-hidden="true">
                    <rect width="32" height="32" rx="8" fill="var(--brand)" />
                    <path
                        d="M9 21l5-6 4 3 5-8"
                        fill="none"
                        stroke="var(--on-brand)"
                        stroke-width="2.6"
                        stroke-linecap="round"
                        stroke-linejoin="round"
                    />
                </svg>
                <span>"Orbit"<span class="brand-name-long">" CRM"</span></span>
            </A>
            <span class="topbar-spacer"></span>
            {app.is_mock().then(|| view! { <super::demo_switcher::DemoSwitcher /> })}
            <ProfileMenu />
        </header>
        <main class="page" id="main" tabindex="-1" node_ref=main>
            <Show when=move || app.session_ended.get()>
                <SessionEnded />
            </Show>
            {app.start_notice().map(|n| view! { <p class="notice notice-warn page-notice" role="status" data-testid="start-notice">{n}</p> })}
            {children()}
        </main>
    }
}

/// The one page-level notice of an ended session (a 401, or a sign-in page answered instead of
/// data): how to get back, instead of an error with Retry in every widget.
#[component]
fn SessionEnded() -> impl IntoView {
    let app = AppContext::expect();
    let action = match app.sign_in_url() {
        Some(url) => {
            // A page of the host, not of the app: `external` keeps the router from taking it
            // (a same-origin sign-in page would otherwise open as the app's "not found").
            view! { <a class="btn btn-primary" href=url rel="external" data-testid="sign-in">"Sign in"</a> }
                .into_any()
        }
        None => view! {
            <button
                class="btn btn-primary"
                data-testid="reload"
                on:click=|_| {
                    if let Some(w) = web_sys::window() {
                        let _ = w.location().reload();
                    }
                }
            >
                "Reload"
            </button>
        }
        .into_any(),
    };
    view! {
        <div class="notice notice-error session-ended" role="alert" data-testid="session-ended">
            <p>
                <strong>"Your session has ended."</strong>
                " Sign in again to see your billing figures. Nothing you saved is lost."
            </p>
            {action}
        </div>
    }
}

/// System, light or dark; remembered on this browser.
#[component]
fn ThemePicker() -> impl IntoView {
    let Some(theme) = use_theme() else {
        return ().into_any();
    };
    let choices = ThemeChoice::ALL
        .iter()
        .copied()
        .map(|c| {
            view! {
                <button
                    type="button"
                    class="segment"
                    role="menuitemradio"
                    aria-checked=move || (theme.choice.get() == c).to_string()
                    data-testid=format!("theme-{}", c.key())
                    on:click=move |_| theme.choose(c)
                >
                    {c.label()}
                </button>
            }
        })
        .collect_view();
    let label_id = unique_id("theme-label");
    view! {
        <div class="menu-section" id=label_id.clone()>"Theme"</div>
        <div class="segments" role="group" aria-labelledby=label_id>{choices}</div>
    }
    .into_any()
}

/// The profile icon and its menu: the viewer, and the plan under "Current subscription" that
/// leads to Billing.
#[component]
fn ProfileMenu() -> impl IntoView {
    let app = AppContext::expect();
    let open = RwSignal::new(false);
    let initials = move || match app.account.get() {
        Some(Ok(a)) => a
            .viewer
            .name
            .split_whitespace()
            .filter_map(|w| w.chars().next())
            .take(2)
            .collect::<String>(),
        _ => "·".to_string(),
    };
    view! {
        <Popover
            open=open
            class="profile"
            trigger=move || {
                view! {
                    <button
                        class="avatar"
                        // The initials shown come first, so "click ZG" by voice finds it too.
                        aria-label=move || format!("{}, Profile", initials())
                        aria-haspopup="menu"
                        aria-expanded=move || open.get().to_string()
                        data-testid="profile-button"
                        on:click=move |_| open.update(|o| *o = !*o)
                    >
                        {initials}
                    </button>
                }
            }
        >
            // Following a link in the menu closes it.
            <div class="menu" role="menu" aria-label="Profile" data-testid="profile-menu" on:click=move |ev| {
                use wasm_bindgen::JsCast;
                let on_link = ev
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .and_then(|el| el.closest("a").ok().flatten())
                    .is_some();
                if on_link {
                    open.set(false);
                }
            }>
                {move || match app.account.get() {
                    None => view! { <p class="menu-viewer muted">"Loading…"</p> }.into_any(),
                    Some(Err(e)) => view! { <p class="menu-viewer">{e.message()}</p> }.into_any(),
                    Some(Ok(a)) => {
                        view! {
                            <div class="menu-viewer">
                                <strong>{a.viewer.name.clone()}</strong>
                                <span class="muted">{a.account.name.clone()}</span>
                            </div>
                            <div class="menu-section">"Current subscription"</div>
                            <A href=app.link("/billing") attr:class="menu-item" attr:role="menuitem" attr:data-testid="plan-link">
                                <span>{a.plan.name.clone()}" plan"</span>
                                <span class="chev" aria-hidden="true">"›"</span>
                            </A>
                        }
                            .into_any()
                    }
                }}
                <ThemePicker />
            </div>
        </Popover>
    }
}
