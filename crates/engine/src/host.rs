//! What a host of the demo does around the engine: one account per session (generated on
//! first use, or restored from what the browser kept), and the demo's knobs acted on at the
//! wire, as a service and the road to it would act: latency delays the answer, `stall=` and a
//! `timeout` fault never answer, a `fail=` answers its fault's status, headers and body, and
//! the flaky scenario fails every other call with 503. The Web Worker and the reference server
//! run this; the native tests check it (DESIGN section 10).

use crate::engine::{Engine, MutableState};
use crate::generate;
use crate::wire::{Request, Response};
use crate::{Endpoint, Failure, Fault, MockSettings};
use credit_contract::demo::protocol::{Call, WireRequest, WireResponse};
use credit_contract::demo::RETRY_AFTER_SECONDS;
use std::collections::HashMap;

/// The sessions of one host (a worker serves every client of a page; the gallery has several
/// accounts at once).
#[derive(Default)]
pub struct DemoHost {
    sessions: HashMap<u32, Session>,
}

#[derive(Default)]
struct Session {
    engine: Option<Engine>,
    /// Calls of each flaky endpoint so far.
    attempts: HashMap<Endpoint, u32>,
}

/// When the answer to a call comes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Timing {
    /// After this many milliseconds.
    After(u32),
    /// Never: a stalled endpoint, or one failing with `timeout`.
    Never,
}

/// An answer, and the session's state after it when the call changed the account and asked to
/// persist it.
#[derive(Clone, Debug, PartialEq)]
pub struct Answered {
    pub response: WireResponse,
    pub state: Option<String>,
}

impl DemoHost {
    pub fn new() -> Self {
        DemoHost::default()
    }

    /// When `call` is answered. `random` in [0, 1) picks the delay within a latency span.
    pub fn timing(call: &Call, random: f64) -> Timing {
        let s = &call.settings;
        let Some(endpoint) = Endpoint::of(&call.request.method, &call.request.path) else {
            return Timing::After(latency_ms(s, None, random));
        };
        let times_out =
            Failure::find(&s.fail, endpoint).map(Failure::fault) == Some(Fault::Timeout);
        if endpoint.is_named_in(&s.stall) || times_out {
            Timing::Never
        } else {
            Timing::After(latency_ms(s, Some(endpoint), random))
        }
    }

    /// The answer to `call` (once its time has come): its fault when the settings name one,
    /// else the engine's answer.
    pub fn answer(&mut self, call: &Call) -> Answered {
        let request = &call.request;
        let endpoint = Endpoint::of(&request.method, &request.path);
        let session = self.sessions.entry(call.session).or_default();
        if let Some(e) = endpoint {
            if let Some(failure) = Failure::find(&call.settings.fail, e) {
                return Answered {
                    response: fault_response(failure),
                    state: None,
                };
            }
            if call.settings.scenario.flaky_endpoints().contains(&e) {
                let n = session.attempts.entry(e).or_insert(0);
                *n += 1;
                if *n % 2 == 1 {
                    return Answered {
                        response: wire(Response::error(
                            503,
                            "unavailable",
                            "temporarily unavailable",
                        )),
                        state: None,
                    };
                }
            }
        }
        let engine = session.engine.get_or_insert_with(|| {
            let s = &call.settings;
            let data = generate::shared_shaped(s.scenario, s.seed, s.today, s.shaping);
            match call
                .restore
                .as_deref()
                .and_then(|j| serde_json::from_str::<MutableState>(j).ok())
            {
                Some(state) => Engine::with_state(data, state),
                None => Engine::new(data, &call.now),
            }
        });
        let response = engine.answer(&borrowed(request), &call.now);
        // Reads that move a recalculation on change the state too.
        let mutates = !request.method.eq_ignore_ascii_case("GET")
            || endpoint == Some(Endpoint::RecalculateStatus);
        let state = (mutates && call.persist)
            .then(|| serde_json::to_string(&engine.state).ok())
            .flatten();
        Answered {
            response: wire(response),
            state,
        }
    }

    /// The session starts over: its next call generates (or restores) the account afresh.
    pub fn reset(&mut self, session: u32) {
        if let Some(s) = self.sessions.get_mut(&session) {
            *s = Session::default();
        }
    }

    /// Drops a session nobody asks any more.
    pub fn close(&mut self, session: u32) {
        self.sessions.remove(&session);
    }

    /// How many sessions hold an account (for tests).
    pub fn live_sessions(&self) -> usize {
        self.sessions
            .values()
            .filter(|s| s.engine.is_some())
            .count()
    }
}

/// The engine's view of a request.
pub fn borrowed(r: &WireRequest) -> Request<'_> {
    Request {
        method: &r.method,
        path: &r.path,
        query: &r.query,
        headers: &r.headers,
        body: r.body.as_deref(),
    }
}

fn wire(r: Response) -> WireResponse {
    WireResponse {
        status: r.status,
        headers: r.headers,
        body: r.body,
    }
}

/// The configured delay (random within a span when one is set), plus the scenario's extra
/// delay for a slow endpoint.
fn latency_ms(s: &MockSettings, endpoint: Option<Endpoint>, random: f64) -> u32 {
    let extra = endpoint
        .and_then(|e| {
            s.scenario
                .slow_endpoints()
                .iter()
                .find(|(slow, _)| *slow == e)
        })
        .map_or(0, |(_, ms)| *ms);
    let latency = match s.latency_max_ms {
        Some(max) if max > s.latency_ms => {
            s.latency_ms + (random.clamp(0.0, 1.0) * f64::from(max - s.latency_ms)) as u32
        }
        _ => s.latency_ms,
    };
    latency + extra
}

/// What a failing endpoint answers: the status, headers and body a server (or what stands in
/// front of it) would send.
pub fn fault_response(failure: Failure) -> WireResponse {
    let name = failure.endpoint.key();
    let retry = || ("Retry-After".to_string(), RETRY_AFTER_SECONDS.to_string());
    let with = |mut r: Response, extra: Option<(String, String)>| {
        r.headers.extend(extra);
        wire(r)
    };
    match failure.fault() {
        Fault::ServerError | Fault::Timeout => with(
            Response::error(500, "internal", &format!("demo failure of {name}")),
            None,
        ),
        Fault::CardDeclined => with(
            Response::error(
                402,
                "card_declined",
                "Your card was declined. Use another card or contact your bank.",
            ),
            None,
        ),
        Fault::Unauthorized => with(
            Response::error(401, "unauthorized", "The session has ended. Sign in again."),
            None,
        ),
        Fault::Forbidden => with(
            Response::error(
                403,
                "forbidden",
                &format!("This account may not see {name} (demo fault)."),
            ),
            None,
        ),
        Fault::NotFound => with(
            Response::error(404, "not_found", &format!("No such operation: {name} (demo fault).")),
            None,
        ),
        Fault::RateLimited => with(
            Response::error(429, "rate_limited", "Too many requests. Try again shortly."),
            Some(retry()),
        ),
        Fault::Unavailable => with(
            Response::error(503, "unavailable", "The service is unavailable for a moment."),
            Some(retry()),
        ),
        Fault::Html => WireResponse {
            status: 200,
            headers: vec![("content-type".into(), "text/html; charset=utf-8".into())],
            body: "<!DOCTYPE html><html><head><title>Sign in</title></head><body><form>Sign in to continue</form></body></html>".into(),
        },
        Fault::BadJson => WireResponse {
            status: 200,
            headers: vec![("content-type".into(), "application/json".into())],
            body: r#"{"as_of": "2026-11-27T09:05:00-05:00", "rows": [{"id": "#.into(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Scenario;
    use credit_contract::demo::protocol::WireRequest;

    fn call(settings: &MockSettings, endpoint: Endpoint) -> Call {
        let (method, path) = endpoint.request();
        Call {
            id: 1,
            session: 1,
            settings: settings.clone(),
            restore: None,
            persist: true,
            now: "2026-11-27T14:05:00Z".into(),
            request: WireRequest {
                method: method.into(),
                path: path.into(),
                query: vec![
                    ("from".into(), "2026-11-01".into()),
                    ("to".into(), "2026-11-27".into()),
                    ("frequency".into(), "day".into()),
                ],
                headers: vec![
                    ("Idempotency-Key".into(), "k1".into()),
                    ("X-Requested-With".into(), "credit-dash".into()),
                ],
                body: (method != "GET").then(|| r#"{"credits": 1000}"#.into()),
            },
        }
    }

    fn settings(scenario: Scenario) -> MockSettings {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 27).expect("valid date");
        MockSettings::new(scenario, 42, today)
    }

    fn status(host: &mut DemoHost, s: &MockSettings, e: Endpoint) -> u16 {
        host.answer(&call(s, e)).response.status
    }

    #[test]
    fn fail_names_an_endpoint_its_fault_and_the_steps_under_it() {
        let mut host = DemoHost::new();
        let mut s = settings(Scenario::Default);
        s.fail =
            Failure::parse_list("auto-recharge,purchases,flows:429,summary:html,balance:bad-json");
        assert_eq!(status(&mut host, &s, Endpoint::AutoRechargeSave), 500);
        assert_eq!(status(&mut host, &s, Endpoint::Purchases), 402);
        let limited = host.answer(&call(&s, Endpoint::Flows)).response;
        assert_eq!(
            (limited.status, limited.header("retry-after")),
            (429, Some("5"))
        );
        assert!(limited.body.contains("rate_limited"));
        let html = host.answer(&call(&s, Endpoint::Summary)).response;
        assert_eq!(html.status, 200);
        assert!(html
            .header("content-type")
            .unwrap_or("")
            .contains("text/html"));
        let cut = host.answer(&call(&s, Endpoint::Balance)).response;
        assert!(serde_json::from_str::<serde_json::Value>(&cut.body).is_err());
        assert_eq!(status(&mut host, &s, Endpoint::Pricing), 200);
        for (fault, code) in [
            (Fault::Unauthorized, 401),
            (Fault::Forbidden, 403),
            (Fault::NotFound, 404),
            (Fault::Unavailable, 503),
            (Fault::ServerError, 500),
        ] {
            let r = fault_response(Failure::new(Endpoint::Flows, Some(fault)));
            assert_eq!(r.status, code, "{fault:?}");
            let body: serde_json::Value = serde_json::from_str(&r.body).expect("the error shape");
            assert!(body["error"]["code"].is_string() && body["error"]["message"].is_string());
        }
        let mut step = settings(Scenario::Default);
        step.fail = Failure::parse_list("recalculate-status");
        assert_eq!(status(&mut host, &step, Endpoint::Recalculate), 200);
        assert_eq!(status(&mut host, &step, Endpoint::RecalculateStatus), 500);
    }

    #[test]
    fn stalls_and_timeouts_never_answer_and_latency_waits() {
        let mut s = settings(Scenario::Default);
        s.stall = vec![Endpoint::Pricing];
        s.fail = Failure::parse_list("flows:timeout");
        s.latency_ms = 100;
        s.latency_max_ms = Some(300);
        assert_eq!(
            DemoHost::timing(&call(&s, Endpoint::Pricing), 0.5),
            Timing::Never
        );
        assert_eq!(
            DemoHost::timing(&call(&s, Endpoint::Flows), 0.5),
            Timing::Never
        );
        assert_eq!(
            DemoHost::timing(&call(&s, Endpoint::Balance), 0.5),
            Timing::After(200)
        );
        assert_eq!(
            DemoHost::timing(&call(&s, Endpoint::Balance), 0.0),
            Timing::After(100)
        );
        let slow = settings(Scenario::Flaky);
        assert_eq!(
            DemoHost::timing(&call(&slow, Endpoint::AiPilots), 0.5),
            Timing::After(2500)
        );
    }

    #[test]
    fn flaky_fails_every_other_call_and_sessions_keep_their_own_state() {
        let mut host = DemoHost::new();
        let flaky = settings(Scenario::Flaky);
        for round in 0..4 {
            let failed = status(&mut host, &flaky, Endpoint::Flows) == 503;
            assert_eq!(failed, round % 2 == 0, "call {round}");
        }
        assert_eq!(status(&mut host, &flaky, Endpoint::Summary), 200);

        let s = settings(Scenario::Default);
        let mut buy = call(&s, Endpoint::Purchases);
        buy.session = 2;
        let bought = host.answer(&buy);
        assert_eq!(bought.response.status, 200, "{}", bought.response.body);
        let state = bought
            .state
            .expect("a purchase sends the state back to keep");
        let mut read = call(&s, Endpoint::Balance);
        read.session = 2;
        assert!(host.answer(&read).state.is_none(), "a read changes nothing");
        // Another page restores what this session bought.
        let mut fresh = DemoHost::new();
        let mut again = call(&s, Endpoint::History);
        again.session = 9;
        again.restore = Some(state);
        let kept = fresh.answer(&again).response.body;
        let mut other = again.clone();
        other.session = 10;
        other.restore = None;
        assert_ne!(
            kept,
            fresh.answer(&other).response.body,
            "the purchase is in the ledger"
        );
        assert_eq!(fresh.live_sessions(), 2);
        fresh.close(10);
        fresh.reset(9);
        assert_eq!(fresh.live_sessions(), 0);
    }
}
