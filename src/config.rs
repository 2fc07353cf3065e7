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
    let fail = get("fail")
        .map(|s| {
            s.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect()
        })
        .unwrap_or_default();
    DataMode::Mock(MockSettings {
        scenario,
        seed,
        today,
        latency_ms,
        latency_max_ms,
        fail,
    })
}

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
