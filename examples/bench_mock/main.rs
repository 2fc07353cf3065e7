//! Prints the mock engine's time per query on the `large` scenario, natively.
//! `cargo run --release --example bench_mock`

mod timings;

fn main() {
    let start = std::time::Instant::now();
    let now_ms = move || start.elapsed().as_secs_f64() * 1000.0;
    let (generate_ms, per_endpoint) = timings::run(&now_ms, 5);
    print!(
        "{}",
        timings::report("native", generate_ms, &per_endpoint, 5.0)
    );
}
