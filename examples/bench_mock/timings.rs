//! Time per query of the mock engine on the `large` scenario, natively and in the browser
//! (`cargo run --release --example bench_mock`; `scripts/bench-mock.sh` runs both).
//!
//! Shared by the native example (`main.rs`) and the wasm bench (`tests/bench_browser.rs`), which
//! both include this file with `#[path]`: measuring is not part of the app's library.

use chrono::NaiveDate;
use credit_contract::domain::{CompareWith, DatePreset, DateRange, Frequency};
use credit_contract::types::UsageQuery;
use credit_engine::engine::Engine;
use credit_engine::generate::generate;
use credit_engine::Scenario;

/// Keeps the optimiser from skipping an answer nobody reads.
fn consume<T>(answer: T) {
    std::hint::black_box(answer);
}

/// One endpoint's timings, in milliseconds.
pub struct Timing {
    pub endpoint: String,
    pub median_ms: f64,
    pub max_ms: f64,
}

/// Runs every read endpoint on the `large` scenario over several filters and returns the median
/// and the worst time of each. `now_ms` is the platform's clock.
pub fn run(now_ms: &dyn Fn() -> f64, rounds: usize) -> (f64, Vec<Timing>) {
    let today = NaiveDate::from_ymd_opt(2026, 11, 27).expect("valid date");
    let t0 = now_ms();
    let e = Engine::new(generate(Scenario::Large, 42, today), "2026-11-27T12:00:00Z");
    let generate_ms = now_ms() - t0;

    let anchor = e.data.anchor;
    let two_years = DateRange::new(e.data.start, today).expect("ordered");
    let team = |i: usize| e.data.teams[i].id.clone();
    let mut queries = Vec::new();
    for (range, compare) in [
        (
            DatePreset::CurrentCycle.resolve(today, anchor),
            CompareWith::PreviousPeriod,
        ),
        (
            DatePreset::ThisYear.resolve(today, anchor),
            CompareWith::PreviousYear,
        ),
        (two_years, CompareWith::None),
    ] {
        let mut q = UsageQuery::new(range);
        q.compare = compare;
        queries.push(q.clone());
        queries.push(UsageQuery {
            teams: vec![team(0), team(3), team(7)],
            ..q.clone()
        });
        let users: Vec<String> = e
            .data
            .users
            .iter()
            .step_by(25)
            .map(|u| u.id.clone())
            .collect();
        queries.push(UsageQuery { users, ..q });
    }

    type Query<'a> = Box<dyn Fn(&UsageQuery) + 'a>;
    let endpoints: Vec<(&str, Query)> = vec![
        ("balance", Box::new(|_| consume(e.balance()))),
        ("summary", Box::new(|q| consume(e.summary(q)))),
        (
            "timeseries (day)",
            Box::new(|q| consume(e.timeseries(q, Frequency::Day))),
        ),
        (
            "timeseries (week)",
            Box::new(|q| consume(e.timeseries(q, Frequency::Week))),
        ),
        ("copilot-users", Box::new(|q| consume(e.copilot_users(q)))),
        ("flows", Box::new(|q| consume(e.flows(q)))),
        ("flow-actions", Box::new(|q| consume(e.flow_actions(q)))),
        ("ai-pilots", Box::new(|q| consume(e.ai_pilots(q)))),
        ("events", Box::new(|q| consume(e.events(q.range)))),
        ("directory", Box::new(|_| consume(e.directory()))),
    ];
    let mut out = Vec::new();
    for (name, f) in &endpoints {
        // One untimed pass first: the first touch of the dataset's pages is not a query's cost.
        for q in &queries {
            f(q);
        }
        let mut times = Vec::new();
        for _ in 0..rounds {
            for q in &queries {
                let t = now_ms();
                f(q);
                times.push(now_ms() - t);
            }
        }
        times.sort_by(|a, b| a.total_cmp(b));
        out.push(Timing {
            endpoint: name.to_string(),
            median_ms: times[times.len() / 2],
            max_ms: *times.last().expect("timed"),
        });
    }
    (generate_ms, out)
}

/// The table the measuring commands print.
pub fn report(platform: &str, generate_ms: f64, timings: &[Timing], budget_ms: f64) -> String {
    let mut s = format!("mock engine, large scenario, {platform}: generating the account took {generate_ms:.0} ms\n");
    s.push_str(&format!(
        "{:<20} {:>10} {:>10}  (budget {budget_ms} ms)\n",
        "endpoint", "median ms", "max ms"
    ));
    for t in timings {
        let flag = if t.max_ms > budget_ms {
            "  OVER BUDGET"
        } else {
            ""
        };
        s.push_str(&format!(
            "{:<20} {:>10.3} {:>10.3}{flag}\n",
            t.endpoint, t.median_ms, t.max_ms
        ));
    }
    s
}
