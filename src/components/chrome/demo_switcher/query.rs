//! The page's address for a demo choice.

use crate::api::config::DEMO_PARAMS;
use crate::state::filters::query_keys;

/// The page's query with `choice` as its demo settings (a new account has other people, so
/// its team and user filters go), and the demo part alone, which in-app links carry.
pub(super) fn query_with(
    choice: &[(&'static str, String)],
    new_account: bool,
) -> Option<(String, String)> {
    let location = web_sys::window()?.location();
    let params = web_sys::UrlSearchParams::new_with_str(&location.search().ok()?).ok()?;
    for k in DEMO_PARAMS {
        params.delete(k);
    }
    if new_account {
        // Another account's people, flows and days mean nothing here: its filters, the
        // widgets' own views and a drill-down go.
        params.delete(query_keys::TEAMS);
        params.delete(query_keys::USERS);
        params.delete(query_keys::DRILL);
        let keys: Vec<String> = js_sys::Array::from(&params.keys().into())
            .iter()
            .filter_map(|k| k.as_string())
            .filter(|k| k.starts_with("w."))
            .collect();
        for k in keys {
            params.delete(&k);
        }
    }
    let demo = web_sys::UrlSearchParams::new().ok()?;
    for (k, v) in choice {
        params.append(k, v);
        demo.append(k, v);
    }
    Some((
        String::from(params.to_string()),
        String::from(demo.to_string()),
    ))
}
