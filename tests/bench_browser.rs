//! The mock engine's time per query on the `large` scenario, in headless Chromium.
//! Run with `scripts/bench-mock.sh` (release build, output shown); ignored by the test command.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;

#[path = "../examples/bench_mock/timings.rs"]
mod timings;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
#[ignore]
fn mock_engine_time_per_query_in_wasm() {
    let perf = web_sys::window().unwrap().performance().unwrap();
    let now_ms = move || perf.now();
    let (generate_ms, per_endpoint) = timings::run(&now_ms, 3);
    let report = timings::report(
        "wasm in headless Chromium",
        generate_ms,
        &per_endpoint,
        20.0,
    );
    web_sys::console::log_1(&report.into());
}
