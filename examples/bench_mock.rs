//! Prints the mock engine's time per query on the `large` scenario, natively.
//! `cargo run --release --example bench_mock`

fn main() {
    let start = std::time::Instant::now();
    let now_ms = move || start.elapsed().as_secs_f64() * 1000.0;
    let (generate_ms, timings) = credit_dash::api::mock::bench::run(&now_ms, 5);
    print!(
        "{}",
        credit_dash::api::mock::bench::report("native", generate_ms, &timings, 5.0)
    );
}
