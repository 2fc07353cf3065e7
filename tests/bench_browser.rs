//! The mock engine's time per query on the `large` scenario, in headless Chromium.
//! Run with `scripts/bench-mock.sh` (release build, output shown); ignored by the test command.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
#[ignore]
fn mock_engine_time_per_query_in_wasm() {
    let perf = web_sys::window().unwrap().performance().unwrap();
    let now_ms = move || perf.now();
    let (generate_ms, timings) = credit_dash::api::mock::bench::run(&now_ms, 3);
    let report = credit_dash::api::mock::bench::report(
        "wasm in headless Chromium",
        generate_ms,
        &timings,
        20.0,
    );
    web_sys::console::log_1(&report.into());
}
