//! What a page and the demo's Web Worker say to each other: a request of the contract in its
//! wire form goes in, its status, headers and body come back. Messages are JSON text, so the
//! worker's side is the same serde code the native tests run.

use super::scenario::MockSettings;
use serde::{Deserialize, Serialize};

/// A request of the usage API as it would go over HTTP (the path is the contract's, without
/// the `/api/v1` prefix).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct WireRequest {
    pub method: String,
    pub path: String,
    #[serde(default)]
    pub query: Vec<(String, String)>,
    #[serde(default)]
    pub headers: Vec<(String, String)>,
    #[serde(default)]
    pub body: Option<String>,
}

/// An answer as it would come over HTTP.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WireResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl WireResponse {
    /// The value of a header, by its name in any case.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// One request of a demo session. A session is one generated account with its own purchases
/// and settings; the clients of a page that share an account share a session.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Call {
    /// The page's number for this call; the answer carries it back.
    pub id: u32,
    pub session: u32,
    /// The account (scenario, seed, day, shaping) and the knobs (latency, faults, stalls) of
    /// the client that asks.
    pub settings: MockSettings,
    /// What the browser session kept of this account (purchases, settings), sent with a
    /// session's first call.
    #[serde(default)]
    pub restore: Option<String>,
    /// Whether an answer that changed the account carries its state back, for the page to keep
    /// for the browser session (a worker has no `sessionStorage`).
    #[serde(default)]
    pub persist: bool,
    /// The page's clock (RFC 3339): the demo's "now".
    pub now: String,
    pub request: WireRequest,
}

/// What a page posts to the worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum ToWorker {
    Call(Box<Call>),
    /// The session starts over: its next call generates the account afresh.
    Reset {
        session: u32,
    },
    /// Nobody asks this session any more: its account is dropped.
    Close {
        session: u32,
    },
}

/// What the worker posts back.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum FromWorker {
    /// The worker has started and takes calls.
    Ready,
    Answer {
        id: u32,
        response: WireResponse,
        /// The session's state after a call that changed it, when the call asked to persist.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        state: Option<String>,
    },
    /// A message the worker could not read (a page and a worker of different builds).
    Unreadable { id: Option<u32>, detail: String },
}

impl FromWorker {
    /// Takes an answer's body out of the message. The worker posts the two apart (the message's
    /// JSON, then the body as it is), so a large body is neither escaped into another JSON text
    /// nor parsed twice on the page.
    pub fn take_body(&mut self) -> Option<String> {
        match self {
            FromWorker::Answer { response, .. } => Some(std::mem::take(&mut response.body)),
            _ => None,
        }
    }

    /// Puts a body taken by [`FromWorker::take_body`] back.
    pub fn with_body(mut self, body: String) -> Self {
        if let FromWorker::Answer { response, .. } = &mut self {
            response.body = body;
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::Scenario;

    #[test]
    fn messages_round_trip_as_json() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 27).expect("valid date");
        let call = ToWorker::Call(Box::new(Call {
            id: 7,
            session: 2,
            settings: MockSettings::new(Scenario::Large, 42, today),
            restore: None,
            persist: true,
            now: "2026-11-27T14:05:00Z".into(),
            request: WireRequest {
                method: "GET".into(),
                path: "/credits/usage/flows".into(),
                query: vec![("from".into(), "2026-11-01".into())],
                ..WireRequest::default()
            },
        }));
        let text = serde_json::to_string(&call).expect("encodes");
        assert!(text.starts_with(r#"{"kind":"call""#), "{text}");
        assert_eq!(
            serde_json::from_str::<ToWorker>(&text).expect("decodes"),
            call
        );
        let answer = FromWorker::Answer {
            id: 7,
            response: WireResponse {
                status: 429,
                headers: vec![("Retry-After".into(), "5".into())],
                body: "{}".into(),
            },
            state: None,
        };
        let text = serde_json::to_string(&answer).expect("encodes");
        assert_eq!(
            serde_json::from_str::<FromWorker>(&text).expect("decodes"),
            answer
        );
        // The body travels beside the message.
        let mut meta = answer.clone();
        let body = meta.take_body().expect("an answer has a body");
        assert_eq!(body, "{}");
        let text = serde_json::to_string(&meta).expect("encodes");
        assert!(text.contains(r#""body":"""#), "{text}");
        let back = serde_json::from_str::<FromWorker>(&text).expect("decodes");
        assert_eq!(back.with_body(body), answer);
        let FromWorker::Answer { response, .. } = answer else {
            unreachable!()
        };
        assert_eq!(response.header("retry-after"), Some("5"));
    }
}
