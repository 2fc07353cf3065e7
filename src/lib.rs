//! Credit utilization dashboard: where an account's consumable credits go.

//!
//! The modules are layers, and each uses only the layers below it (tests/layers.rs checks):
//!
//! ```text
//! app (this file, app.rs, crash.rs)
//!  -> pages
//!  -> widgets, dialogs
//!  -> components
//!  -> state      contexts, the data hook, the filter model
//!  -> api        the data seam: HTTP service, mock engine, wire types, runtime config
//!  -> platform   browser services: Intl formatting, storage, ids, downloads
//!  -> domain     pure product rules
//! ```

pub mod api;
pub mod app;
pub mod components;
pub mod dialogs;
pub mod domain;
pub mod pages;
pub mod platform;
pub mod state;
pub mod widgets;

mod crash;

use api::config::{self, data_mode, DataMode, RuntimeConfig};
use api::demo::MockClient;
use api::http::HttpClient;
use api::UsageApi;
use platform::format;
use state::app_context::AppOptions;

fn query_pairs() -> Vec<(String, String)> {
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(&search) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for key in config::DEMO_PARAMS {
        if let Some(v) = params.get(key) {
            out.push((key.to_string(), v));
        }
    }
    out
}

fn query_flag(key: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .and_then(|s| web_sys::UrlSearchParams::new_with_str(&s).ok())
        .and_then(|p| p.get(key))
        .is_some()
}

/// Reads `/config.json` within its time limit, or says what is wrong with it.
fn unreadable_config(what: &str, e: impl std::fmt::Display) -> String {
    format!("/config.json could not be {what} ({e}). Check that the host serves it.")
}

/// The config as the page's boot script read it (index.html: `creditConfig`, asked for before
/// the wasm arrived, to decide whether to start the demo's worker): its status and text, or
/// None when the page has no boot script (then the app asks itself).
async fn boot_config() -> Option<Result<(u16, String), String>> {
    use wasm_bindgen::JsCast;
    let window = web_sys::window()?;
    let promise = js_sys::Reflect::get(&window, &"creditConfig".into())
        .ok()?
        .dyn_into::<js_sys::Promise>()
        .ok()?;
    let answer = match wasm_bindgen_futures::JsFuture::from(promise).await {
        Ok(a) => a,
        Err(e) => {
            let detail = js_sys::Reflect::get(&e, &"message".into())
                .ok()
                .and_then(|m| m.as_string())
                .unwrap_or_else(|| "no answer".into());
            return Some(Err(unreadable_config("loaded", detail)));
        }
    };
    let field = |name: &str| js_sys::Reflect::get(&answer, &name.into()).ok();
    let status = field("status").and_then(|s| s.as_f64()).unwrap_or(0.0) as u16;
    let text = field("text")
        .and_then(|t| t.as_string())
        .unwrap_or_default();
    Some(Ok((status, text)))
}

async fn load_config() -> Result<RuntimeConfig, String> {
    use futures::future::{select, Either};
    let fetch = Box::pin(async {
        let (status, body) = match boot_config().await {
            Some(answer) => answer?,
            None => {
                // No headers of its own: it is then the same request as the page's preload of
                // it (index.html), which every browser hands over instead of asking again.
                let resp = gloo_net::http::Request::get("/config.json")
                    .send()
                    .await
                    .map_err(|e| unreadable_config("loaded", e))?;
                let status = resp.status();
                let body = resp
                    .text()
                    .await
                    .map_err(|e| unreadable_config("read", e))?;
                (status, body)
            }
        };
        config::parse_config(status, &body)
    });
    let timer = gloo_timers::future::TimeoutFuture::new(config::CONFIG_TIMEOUT_MS);
    match select(fetch, timer).await {
        Either::Left((result, _)) => result,
        Either::Right(_) => Err(format!(
            "/config.json did not answer within {} s. Check the host, then reload.",
            config::CONFIG_TIMEOUT_MS / 1000
        )),
    }
}

fn remove_splash() {
    if let Some(splash) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("splash"))
    {
        splash.remove();
    }
}

/// Reads the runtime config, picks the data source and mounts the app; a config that cannot be
/// used shows what to fix instead (never demo data).
pub fn start() {
    crash::install_panic_hook();
    // Leptos starts its executor when it mounts; until then, wasm-bindgen's runs the boot.
    wasm_bindgen_futures::spawn_local(async {
        let config = match load_config().await {
            Ok(c) => c,
            Err(problem) => {
                remove_splash();
                leptos::mount::mount_to_body(move || {
                    leptos::view! { <components::chrome::config_error::ConfigError problem=problem.clone() /> }
                });
                return;
            }
        };
        let query = query_pairs();
        let mode = data_mode(&config, &query, format::today_in(api::demo::TIME_ZONE));
        let mut options = AppOptions {
            sign_in_url: config.sign_in_url.clone(),
            ..Default::default()
        };
        if matches!(mode, DataMode::Mock(_)) {
            options.demo_config = Some(config.clone());
        }
        let api = match mode {
            DataMode::Http {
                base_url,
                timeout_ms,
            } => {
                if query.iter().any(|(k, _)| k == config::demo_keys::MOCK) {
                    options.notice = Some(
                        "This link asked for demo data; it is ignored here, since this dashboard shows your account's real figures.".into(),
                    );
                }
                UsageApi::Http(HttpClient::new(&base_url, timeout_ms))
            }
            DataMode::Mock(settings) => {
                // The demo of the start URL travels with every in-app link and redirect.
                options.demo_query = query
                    .iter()
                    .map(|(k, v)| format!("{k}={}", String::from(js_sys::encode_uri_component(v))))
                    .collect::<Vec<_>>()
                    .join("&");
                UsageApi::Mock(MockClient::new(settings).with_timeout(config.request_timeout_ms))
            }
        };
        remove_splash();
        let crash_test = api.is_mock() && query_flag(config::demo_keys::PANIC);
        leptos::mount::mount_to_body(move || {
            leptos::view! { <app::App api=api.clone() options=options.clone() /> }
        });
        // A test hook, mock mode only: proves a panic leaves a message, not a dead page.
        if crash_test {
            panic!("crash requested with ?panic=1 (mock-data mode test hook)");
        }
    });
}
