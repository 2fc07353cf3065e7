//! Runtime configuration: `public/config.json`, read at start, and the query parameters that
//! force mock-data mode (`?mock=SCENARIO&seed=7&latency=300&today=2026-11-27&fail=flows`).

use crate::api::mock::{MockSettings, Scenario};
use chrono::NaiveDate;
use serde::Deserialize;

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct RuntimeConfig {
    /// Base URL of the usage API; absent or null means mock-data mode.
    #[serde(default)]
    pub api_base_url: Option<String>,
    #[serde(default)]
    pub mock: MockConfig,
    /// Time limit of one API call.
    #[serde(default = "default_timeout")]
    pub request_timeout_ms: u32,
}

fn default_timeout() -> u32 {
    15_000
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct MockConfig {
    #[serde(default = "default_seed")]
    pub seed: u64,
    #[serde(default)]
    pub scenario: Option<String>,
    /// A pinned "today"; null follows the clock in the account's time zone.
    #[serde(default)]
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
    let forced = get("mock");
    let base = config
        .api_base_url
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
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
    let seed = get("seed")
        .and_then(|s| s.parse().ok())
        .unwrap_or(config.mock.seed);
    let today = get("today")
        .and_then(crate::domain::DateRange::parse_date)
        .or(config.mock.today)
        .unwrap_or(clock_today);
    // `latency=300` waits 300 ms; `latency=50-400` waits a random time in that span.
    let (lo, hi) =
        match get("latency").map(|l| l.split_once('-').map_or((l, None), |(a, b)| (a, Some(b)))) {
            Some((a, b)) => (
                a.trim().parse().ok(),
                b.and_then(|b| b.trim().parse::<u32>().ok()),
            ),
            None => (None, None),
        };
    let latency_ms = lo.unwrap_or(config.mock.latency_ms).min(30_000);
    let latency_max_ms = hi.filter(|h| *h > latency_ms).map(|h| h.min(30_000));
    let list = |k: &str| -> Vec<String> {
        get(k)
            .map(|s| {
                s.split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(String::from)
                    .collect()
            })
            .unwrap_or_default()
    };
    DataMode::Mock(MockSettings {
        scenario,
        seed,
        today,
        latency_ms,
        latency_max_ms,
        fail: list("fail"),
        stall: list("stall"),
    })
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
            fail: s.fail.clone(),
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
            ("mock", self.scenario.key().to_string()),
            ("seed", seed.to_string()),
            ("latency", latency),
        ];
        if !today.is_empty() {
            q.push(("today", today.to_string()));
        }
        if !self.fail.is_empty() {
            q.push(("fail", self.fail.join(",")));
        }
        Ok(q)
    }
}

/// The query parameters the demo settings own; the switcher replaces them all.
pub const DEMO_PARAMS: &[&str] = &["mock", "seed", "latency", "today", "fail", "stall"];

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
        let cfg: RuntimeConfig =
            serde_json::from_str(r#"{"api_base_url": "https://api.example.com/v1"}"#).unwrap();
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
                assert_eq!(s.fail, vec!["flows".to_string(), "summary".to_string()]);
            }
            other => panic!("{other:?}"),
        }
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
        assert_eq!(s.fail, vec!["flows".to_string(), "summary".to_string()]);
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
