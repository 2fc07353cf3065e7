//! Runtime configuration: `public/config.json`, read at start, and the query parameters that
//! choose the demo (`?mock=SCENARIO&seed=7&latency=300&today=2026-11-27&fail=flows`).
//!
//! A config that cannot be read never starts demo data: a billing console that silently shows
//! made-up figures in production is worse than one that says what to fix.

use crate::api::demo::{Endpoint, Failure, MockSettings, Scenario};
use crate::domain::Keyed;
use chrono::NaiveDate;
use serde::Deserialize;

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct RuntimeConfig {
    /// Base URL of the usage API; absent or null means mock-data mode.
    #[serde(default)]
    pub api_base_url: Option<String>,
    /// With an API configured, whether `?mock=` may still switch a session to demo data.
    #[serde(default)]
    pub allow_demo_query: bool,
    /// Where "Sign in" goes when the session has ended; absent means a Reload button.
    #[serde(default)]
    pub sign_in_url: Option<String>,
    #[serde(default)]
    pub mock: MockConfig,
    /// Time limit of one API call.
    #[serde(default = "default_timeout")]
    pub request_timeout_ms: u32,
}

/// The time limit of one call when the config names none (also the demo's before it is told).
pub const DEFAULT_TIMEOUT_MS: u32 = 15_000;

fn default_timeout() -> u32 {
    DEFAULT_TIMEOUT_MS
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct MockConfig {
    #[serde(default = "default_seed")]
    pub seed: u64,
    #[serde(default)]
    pub scenario: Option<String>,
    /// A pinned "today"; null follows the clock in the account's time zone.
    #[serde(default, with = "crate::domain::dates::iso_date::option")]
    pub today: Option<NaiveDate>,
    #[serde(default = "default_latency")]
    pub latency_ms: u32,
}

fn default_seed() -> u64 {
    42
}

fn default_latency() -> u32 {
    200
}

impl Default for MockConfig {
    fn default() -> Self {
        MockConfig {
            seed: default_seed(),
            scenario: None,
            today: None,
            latency_ms: default_latency(),
        }
    }
}

/// How long the config file may take to answer.
pub const CONFIG_TIMEOUT_MS: u32 = 10_000;

/// What to do about a config that cannot be used.
const CONFIG_FIX: &str = "Serve a JSON file at /config.json, for example {\"api_base_url\": \"https://billing.example.com/api/v1\"}, or {\"api_base_url\": null} for demo data. The README lists every key.";

/// Reads the config file's answer, or says what is wrong with it and how to fix it.
pub fn parse_config(status: u16, body: &str) -> Result<RuntimeConfig, String> {
    if !(200..300).contains(&status) {
        return Err(format!(
            "/config.json answered HTTP {status} instead of the configuration. {CONFIG_FIX}"
        ));
    }
    let start = body.trim_start();
    if start.starts_with('<') {
        let head: String = start.chars().take(20).collect();
        return Err(format!(
            "/config.json is a web page (it starts with \u{201c}{head}\u{201d}), not JSON: the host probably serves the app's index.html for a file it does not have. {CONFIG_FIX}"
        ));
    }
    let config: RuntimeConfig = serde_json::from_str(body).map_err(|inner| {
        let path = super::json_path::path_of(body, &inner);
        if path == "." {
            format!("/config.json is not valid JSON ({inner}). {CONFIG_FIX}")
        } else {
            format!("/config.json has a wrong value for `{path}`: {inner}. {CONFIG_FIX}")
        }
    })?;
    if let Some(base) = &config.api_base_url {
        let b = base.trim();
        if !(b.starts_with("https://") || b.starts_with("http://") || b.starts_with('/')) {
            return Err(format!(
                "/config.json: `api_base_url` must be an http(s) URL or a path starting with /, or null for demo data (it is \u{201c}{base}\u{201d})."
            ));
        }
    }
    if let Some(url) = &config.sign_in_url {
        let u = url.trim();
        if !(u.starts_with("https://") || u.starts_with("http://") || u.starts_with('/')) {
            return Err(format!(
                "/config.json: `sign_in_url` must be an http(s) URL or a path starting with / (it is \u{201c}{url}\u{201d})."
            ));
        }
    }
    Ok(config)
}

/// Where the data comes from, decided once at start.
#[derive(Clone, Debug, PartialEq)]
pub enum DataMode {
    Http { base_url: String, timeout_ms: u32 },
    Mock(MockSettings),
}

/// Decides the data mode from the config file and the page's query pairs. `clock_today` is
/// today in the mock account's time zone.
pub fn data_mode(
    config: &RuntimeConfig,
    query: &[(String, String)],
    clock_today: NaiveDate,
) -> DataMode {
    let get = |k: &str| {
        query
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.as_str())
    };
    let base = config
        .api_base_url
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    // With an API configured, a link cannot switch to demo data unless the config allows it.
    let forced = get(demo_keys::MOCK).filter(|_| base.is_none() || config.allow_demo_query);
    if let (Some(base), None) = (base, forced) {
        return DataMode::Http {
            base_url: base.to_string(),
            timeout_ms: config.request_timeout_ms,
        };
    }
    let scenario = forced
        .or(config.mock.scenario.as_deref())
        .and_then(Scenario::from_key)
        .unwrap_or_default();
    let seed = get(demo_keys::SEED)
        .and_then(|s| s.parse().ok())
        .unwrap_or(config.mock.seed);
    let today = get(demo_keys::TODAY)
        .and_then(crate::domain::DateRange::parse_date)
        .or(config.mock.today)
        .unwrap_or(clock_today);
    // `latency=300` waits 300 ms; `latency=50-400` waits a random time in that span.
    let (lo, hi) = match get(demo_keys::LATENCY)
        .map(|l| l.split_once('-').map_or((l, None), |(a, b)| (a, Some(b))))
    {
        Some((a, b)) => (
            a.trim().parse().ok(),
            b.and_then(|b| b.trim().parse::<u32>().ok()),
        ),
        None => (None, None),
    };
    let latency_ms = lo.unwrap_or(config.mock.latency_ms).min(30_000);
    let latency_max_ms = hi.filter(|h| *h > latency_ms).map(|h| h.min(30_000));
    let list = |k: &str| get(k).map(Endpoint::parse_list).unwrap_or_default();
    DataMode::Mock(MockSettings {
        scenario,
        seed,
        today,
        latency_ms,
        latency_max_ms,
        fail: get(demo_keys::FAIL)
            .map(Failure::parse_list)
            .unwrap_or_default(),
        stall: list(demo_keys::STALL),
        shaping: Default::default(),
    })
}

/// The demo this deployment starts with when a link asks for nothing: the config's scenario,
/// seed, latency and pinned day, no failures ("Reset all demo settings" returns to it).
pub fn demo_defaults(config: &RuntimeConfig, clock_today: NaiveDate) -> MockSettings {
    demo_settings(config, &[], clock_today)
}

/// The settings a switcher's query (see [`DemoChoice::to_query`]) starts, by the same rules as a
/// link: what it leaves out (a pinned day) comes from the config.
pub fn demo_settings(
    config: &RuntimeConfig,
    query: &[(&str, String)],
    clock_today: NaiveDate,
) -> MockSettings {
    let pairs: Vec<(String, String)> = query
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect();
    let mock_only = RuntimeConfig {
        api_base_url: None,
        ..config.clone()
    };
    match data_mode(&mock_only, &pairs, clock_today) {
        DataMode::Mock(s) => s,
        DataMode::Http { .. } => unreachable!("without a base URL the data is mock data"),
    }
}

/// The demo settings as the scenario switcher edits them: text as typed, checked on apply.
#[derive(Clone, Debug, PartialEq)]
pub struct DemoChoice {
    pub scenario: Scenario,
    pub seed: String,
    /// Milliseconds, or a span such as `50-400`.
    pub latency: String,
    /// A pinned `YYYY-MM-DD`, or empty to follow the clock.
    pub today: String,
    pub fail: Vec<String>,
}

impl DemoChoice {
    /// The running demo's settings; today is always written out, so a link shows the same days.
    pub fn from_settings(s: &MockSettings) -> Self {
        DemoChoice {
            scenario: s.scenario,
            seed: s.seed.to_string(),
            latency: match s.latency_max_ms {
                Some(max) => format!("{}-{max}", s.latency_ms),
                None => s.latency_ms.to_string(),
            },
            today: s.today.to_string(),
            fail: s.fail.iter().map(|f| f.key()).collect(),
        }
    }

    /// The query parameters that reproduce this demo, or what to fix.
    pub fn to_query(&self) -> Result<Vec<(&'static str, String)>, String> {
        let seed = self.seed.trim();
        if seed.parse::<u64>().is_err() {
            return Err("The seed must be a whole number, such as 42.".into());
        }
        let latency: String = self
            .latency
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let valid_ms = |t: &str| t.parse::<u32>().is_ok_and(|n| n <= 30_000);
        let latency_ok = match latency.split_once('-') {
            Some((a, b)) => {
                valid_ms(a) && valid_ms(b) && a.parse::<u32>().ok() < b.parse::<u32>().ok()
            }
            None => valid_ms(&latency),
        };
        if !latency_ok {
            return Err(
                "Latency is milliseconds up to 30000, or a span such as 50-400 (low to high)."
                    .into(),
            );
        }
        let today = self.today.trim();
        if !today.is_empty() && crate::domain::DateRange::parse_date(today).is_none() {
            return Err("Today must be a date (YYYY-MM-DD), or empty to follow the clock.".into());
        }
        let mut q = vec![
            (demo_keys::MOCK, self.scenario.key().to_string()),
            (demo_keys::SEED, seed.to_string()),
            (demo_keys::LATENCY, latency),
        ];
        if !today.is_empty() {
            q.push((demo_keys::TODAY, today.to_string()));
        }
        if !self.fail.is_empty() {
            q.push((demo_keys::FAIL, self.fail.join(",")));
        }
        Ok(q)
    }
}

/// The URL query keys of the demo settings (`?mock=large&seed=7&latency=300&today=…&fail=flows`).
pub mod demo_keys {
    /// The scenario; its presence with an API configured asks for demo data.
    pub const MOCK: &str = "mock";
    pub const SEED: &str = "seed";
    pub const LATENCY: &str = "latency";
    pub const TODAY: &str = "today";
    pub const FAIL: &str = "fail";
    pub const STALL: &str = "stall";
    /// A test hook in mock mode: panics after the start, to show the crash overlay.
    pub const PANIC: &str = "panic";
}

/// The query parameters the demo settings own: carried by every in-app link, replaced all at
/// once by the switcher.
pub const DEMO_PARAMS: &[&str] = &[
    demo_keys::MOCK,
    demo_keys::SEED,
    demo_keys::LATENCY,
    demo_keys::TODAY,
    demo_keys::FAIL,
    demo_keys::STALL,
];

#[cfg(test)]
mod tests {
    use super::*;

    fn q(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
    }

    #[test]
    fn the_defaults_are_the_config_s_demo_and_a_choice_reads_back() {
        let cfg: RuntimeConfig = serde_json::from_str(
            r#"{"api_base_url": "https://x.example/api", "mock": {"scenario": "large", "seed": 7, "latency_ms": 50}}"#,
        )
        .unwrap();
        let d = demo_defaults(&cfg, today());
        assert_eq!(
            (d.scenario, d.seed, d.latency_ms, d.today),
            (Scenario::Large, 7, 50, today())
        );
        assert!(d.fail.is_empty());
        let choice = DemoChoice {
            scenario: Scenario::LowBalance,
            seed: "9".into(),
            latency: "10-20".into(),
            today: "2026-11-20".into(),
            fail: vec!["flows".into()],
        };
        let s = demo_settings(&cfg, &choice.to_query().unwrap(), today());
        assert_eq!(DemoChoice::from_settings(&s), choice);
    }

    #[test]
    fn no_base_url_means_mock() {
        let cfg: RuntimeConfig = serde_json::from_str(r#"{"api_base_url": null}"#).unwrap();
        match data_mode(&cfg, &[], today()) {
            DataMode::Mock(s) => {
                assert_eq!(s.scenario, Scenario::Default);
                assert_eq!(s.seed, 42);
                assert_eq!(s.today, today());
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn base_url_means_http_unless_mock_is_forced() {
        // Forcing demo data from a link needs the config's consent (issue 10).
        let cfg: RuntimeConfig = serde_json::from_str(
            r#"{"api_base_url": "https://api.example.com/v1", "allow_demo_query": true}"#,
        )
        .unwrap();
        assert!(matches!(
            data_mode(&cfg, &[], today()),
            DataMode::Http { .. }
        ));
        let forced = data_mode(
            &cfg,
            &q(&[
                ("mock", "low-balance"),
                ("seed", "7"),
                ("fail", "flows, summary"),
            ]),
            today(),
        );
        match forced {
            DataMode::Mock(s) => {
                assert_eq!(s.scenario, Scenario::LowBalance);
                assert_eq!(s.seed, 7);
                assert_eq!(endpoints(&s.fail), vec![Endpoint::Flows, Endpoint::Summary]);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn demo_query_is_ignored_with_an_api_unless_allowed() {
        let cfg: RuntimeConfig = serde_json::from_str(r#"{"api_base_url": "/api/v1"}"#).unwrap();
        let q = q(&[("mock", "large"), ("seed", "7")]);
        assert!(matches!(
            data_mode(&cfg, &q, today()),
            DataMode::Http { .. }
        ));
        let allowed: RuntimeConfig =
            serde_json::from_str(r#"{"api_base_url": "/api/v1", "allow_demo_query": true}"#)
                .unwrap();
        assert!(matches!(
            data_mode(&allowed, &q, today()),
            DataMode::Mock(_)
        ));
    }

    #[test]
    fn a_config_that_cannot_be_used_says_why_and_never_means_mock() {
        let ok = parse_config(200, r#"{"api_base_url": null, "sign_in_url": "/login"}"#).unwrap();
        assert_eq!(ok.api_base_url, None);
        assert_eq!(ok.sign_in_url.as_deref(), Some("/login"));
        let cases = [
            (404, "Not found", "HTTP 404"),
            (
                200,
                "<!DOCTYPE html><html><body>app</body></html>",
                "web page",
            ),
            (200, "{not json", "not valid JSON"),
            (
                200,
                r#"{"request_timeout_ms": "soon"}"#,
                "request_timeout_ms",
            ),
            (200, r#"{"api_base_url": 42}"#, "api_base_url"),
            (200, r#"{"allow_demo_query": "yes"}"#, "allow_demo_query"),
            (
                200,
                r#"{"api_base_url": "javascript:alert(1)"}"#,
                "api_base_url",
            ),
            (
                200,
                r#"{"sign_in_url": "javascript:alert(1)"}"#,
                "sign_in_url",
            ),
        ];
        for (status, body, needle) in cases {
            let err = parse_config(status, body).unwrap_err();
            assert!(err.contains(needle), "{body}: {err}");
            assert!(err.contains("config.json"), "{err}");
        }
    }

    fn endpoints(fail: &[Failure]) -> Vec<Endpoint> {
        fail.iter().map(|f| f.endpoint).collect()
    }

    #[test]
    fn fail_and_stall_keep_the_endpoints_the_mock_knows() {
        let query = q(&[
            ("mock", "default"),
            (
                "fail",
                "flows, nonsense,,auto-recharge-save:429,summary:teapot",
            ),
            ("stall", "pricing"),
        ]);
        let DataMode::Mock(s) = data_mode(&RuntimeConfig::default(), &query, today()) else {
            panic!("mock expected");
        };
        assert_eq!(
            endpoints(&s.fail),
            vec![Endpoint::Flows, Endpoint::AutoRechargeSave]
        );
        assert_eq!(s.fail[1].fault, Some(crate::api::demo::Fault::RateLimited));
        assert_eq!(s.stall, vec![Endpoint::Pricing]);
        let back = DemoChoice::from_settings(&s);
        assert_eq!(back.fail, vec!["flows", "auto-recharge-save:429"]);
    }

    #[test]
    fn latency_span() {
        match data_mode(
            &RuntimeConfig::default(),
            &q(&[("mock", "default"), ("latency", "50-400")]),
            today(),
        ) {
            DataMode::Mock(s) => assert_eq!((s.latency_ms, s.latency_max_ms), (50, Some(400))),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn demo_choice_round_trips_through_the_query() {
        let choice = DemoChoice {
            scenario: Scenario::Huge,
            seed: " 7 ".into(),
            latency: "50 - 400".into(),
            today: "2026-11-27".into(),
            fail: vec!["flows".into(), "summary".into()],
        };
        let q: Vec<(String, String)> = choice
            .to_query()
            .unwrap()
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
        let DataMode::Mock(s) = data_mode(&RuntimeConfig::default(), &q, today()) else {
            panic!("mock expected");
        };
        assert_eq!(s.scenario, Scenario::Huge);
        assert_eq!(s.seed, 7);
        assert_eq!((s.latency_ms, s.latency_max_ms), (50, Some(400)));
        assert_eq!(endpoints(&s.fail), vec![Endpoint::Flows, Endpoint::Summary]);
        let back = DemoChoice::from_settings(&s);
        assert_eq!(back.latency, "50-400");
        assert_eq!(back.seed, "7");
    }

    #[test]
    fn demo_choice_says_what_to_fix() {
        let ok = DemoChoice {
            scenario: Scenario::Default,
            seed: "42".into(),
            latency: "200".into(),
            today: String::new(),
            fail: Vec::new(),
        };
        assert!(ok.to_query().is_ok());
        for (seed, latency, today) in [
            ("x", "200", ""),
            ("-1", "200", ""),
            ("42", "fast", ""),
            ("42", "400-50", ""),
            ("42", "99999", ""),
            ("42", "200", "tomorrow"),
        ] {
            let bad = DemoChoice {
                seed: seed.into(),
                latency: latency.into(),
                today: today.into(),
                ..ok.clone()
            };
            assert!(bad.to_query().is_err(), "{seed} {latency} {today}");
        }
    }

    #[test]
    fn bad_query_values_fall_back() {
        let cfg = RuntimeConfig::default();
        match data_mode(
            &cfg,
            &q(&[
                ("mock", "nonsense"),
                ("seed", "x"),
                ("today", "soon"),
                ("latency", "-1"),
            ]),
            today(),
        ) {
            DataMode::Mock(s) => {
                assert_eq!(s.scenario, Scenario::Default);
                assert_eq!(s.seed, 42);
                assert_eq!(s.today, today());
                assert_eq!(s.latency_ms, 200);
                assert_eq!(s.latency_max_ms, None);
            }
            other => panic!("{other:?}"),
        }
    }
}
