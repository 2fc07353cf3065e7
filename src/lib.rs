//! Credit utilization dashboard: where an account's consumable credits go.

pub mod api;
pub mod app;
pub mod components;
pub mod config;
pub mod dialogs;
pub mod domain;
pub mod format;
pub mod pages;
pub mod state;
pub mod theme;
pub mod widgets;

mod crash;

use api::http::HttpClient;
use api::mock::MockClient;
use api::UsageApi;
use config::{data_mode, DataMode, RuntimeConfig};

/// The mock account's time zone, for "today" when no date is pinned.
const MOCK_TIME_ZONE: &str = "America/New_York";

fn query_pairs() -> Vec<(String, String)> {
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(&search) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for key in ["mock", "seed", "latency", "today", "fail", "stall"] {
        if let Some(v) = params.get(key) {
            out.push((key.to_string(), v));
        }
    }
    out
}

fn query_flag(key: &str) -> bool {
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    web_sys::UrlSearchParams::new_with_str(&search)
        .ok()
        .and_then(|p| p.get(key))
        .is_some()
}

async fn load_config() -> RuntimeConfig {
    let Ok(resp) = gloo_net::http::Request::get("/config.json").send().await else {
        return RuntimeConfig::default();
    };
    if !resp.ok() {
        return RuntimeConfig::default();
    }
    resp.json::<RuntimeConfig>().await.unwrap_or_default()
}

/// Reads the runtime config, picks the data source and mounts the app.
pub fn start() {
    crash::install_panic_hook();
    // Leptos starts its executor when it mounts; until then, wasm-bindgen's runs the boot.
    wasm_bindgen_futures::spawn_local(async {
        let config = load_config().await;
        let api = match data_mode(&config, &query_pairs(), format::today_in(MOCK_TIME_ZONE)) {
            DataMode::Http {
                base_url,
                timeout_ms,
            } => UsageApi::Http(HttpClient::new(&base_url, timeout_ms)),
            DataMode::Mock(settings) => UsageApi::Mock(MockClient::new(settings)),
        };
        if let Some(splash) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("splash"))
        {
            splash.remove();
        }
        let crash_test = api.is_mock() && query_flag("panic");
        leptos::mount::mount_to_body(move || leptos::view! { <app::App api=api.clone() /> });
        // A test hook, mock mode only: proves a panic leaves a message, not a dead page.
        if crash_test {
            panic!("crash requested with ?panic=1 (mock-data mode test hook)");
        }
    });
}
