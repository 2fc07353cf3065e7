//! The server: options, the engine's thread, the routes.

use axum::body::Bytes;
use axum::extract::{Path as UrlPath, RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{any, get, post};
use axum::Router;
use credit_contract::demo::protocol::{Call, WireRequest, WireResponse};
use credit_contract::demo::{Endpoint, Failure, MockSettings, Scenario, RETRY_AFTER_SECONDS};
use credit_contract::domain::{DateRange, Keyed};
use credit_engine::host::{Answered, DemoHost, Timing};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{mpsc, Arc, Mutex};
use tower_http::services::{ServeDir, ServeFile};

/// What the server was started with.
#[derive(Clone, Debug)]
pub struct Options {
    pub settings: MockSettings,
    /// The server's clock: the real one, or one started at a given moment (`--now`) that runs
    /// on at the real pace from the server's start (as a test's pinned browser clock does).
    pub clock: Clock,
    pub dist: PathBuf,
    pub port: u16,
}

fn option(args: &[String], flag: &str, var: &str) -> Option<String> {
    args.iter()
        .position(|a| a == flag)
        .and_then(|i| args.get(i + 1).cloned())
        .or_else(|| std::env::var(var).ok())
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// Where "now" comes from.
#[derive(Clone, Copy, Debug)]
pub struct Clock {
    start: Option<(chrono::DateTime<chrono::Utc>, std::time::Instant)>,
}

impl Clock {
    fn now(&self) -> chrono::DateTime<chrono::Utc> {
        match self.start {
            Some((at, since)) => {
                at + chrono::Duration::from_std(since.elapsed()).unwrap_or_default()
            }
            None => chrono::Utc::now(),
        }
    }
}

/// Reads the flags (or, where a flag is absent, the variables `make serve-api` passes).
pub fn options(args: &[String]) -> Result<Options, String> {
    let scenario = match option(args, "--scenario", "SCENARIO") {
        Some(s) => Scenario::from_key(&s).ok_or_else(|| {
            let known: Vec<&str> = Scenario::ALL.iter().map(|s| s.key()).collect();
            format!("unknown scenario {s:?} (one of {})", known.join(", "))
        })?,
        None => Scenario::Default,
    };
    let seed = match option(args, "--seed", "SEED") {
        Some(s) => s
            .parse()
            .map_err(|_| format!("the seed must be a whole number, not {s:?}"))?,
        None => 42,
    };
    let today = match option(args, "--today", "TODAY") {
        Some(d) => DateRange::parse_date(&d)
            .ok_or_else(|| format!("today must be a date (YYYY-MM-DD), not {d:?}"))?,
        // The account's zone is America/New_York; without a time-zone table, its standard
        // offset (UTC-5) gives its calendar day but for an hour a day in summer.
        None => (chrono::Utc::now() - chrono::Duration::hours(5)).date_naive(),
    };
    let mut settings = MockSettings::new(scenario, seed, today);
    if let Some(f) = option(args, "--fail", "FAIL") {
        settings.fail = Failure::parse_list(&f);
        if settings.fail.is_empty() {
            return Err(format!("--fail names no endpoint the engine knows: {f:?}"));
        }
    }
    if let Some(l) = option(args, "--latency", "LATENCY") {
        let (lo, hi) = l
            .split_once('-')
            .map_or((l.as_str(), None), |(a, b)| (a, Some(b)));
        settings.latency_ms = lo
            .trim()
            .parse()
            .map_err(|_| format!("latency is milliseconds or a span such as 50-400, not {l:?}"))?;
        settings.latency_max_ms = hi.and_then(|h| h.trim().parse().ok());
    }
    let port = match option(args, "--port", "PORT") {
        Some(p) => p
            .parse()
            .map_err(|_| format!("the port must be a number, not {p:?}"))?,
        None => 8787,
    };
    let dist = PathBuf::from(option(args, "--dist", "DIST").unwrap_or_else(|| "dist".into()));
    let start = match option(args, "--now", "NOW") {
        Some(t) => Some((
            chrono::DateTime::parse_from_rfc3339(&t)
                .map_err(|_| {
                    format!(
                        "now must be an RFC 3339 moment such as 2026-11-27T14:05:00Z, not {t:?}"
                    )
                })?
                .with_timezone(&chrono::Utc),
            std::time::Instant::now(),
        )),
        None => None,
    };
    Ok(Options {
        settings,
        clock: Clock { start },
        dist,
        port,
    })
}

/// One call for the engine's thread, with the write's idempotency key when it has one.
struct Job {
    call: Call,
    key: Option<String>,
    reply: tokio::sync::oneshot::Sender<WireResponse>,
}

/// A write's first outcome, kept for its key.
struct Done {
    method: String,
    path: String,
    body: Option<String>,
    response: WireResponse,
}

/// The engine's thread: its accounts are not shared between threads, so every call is answered
/// here, one after the other. That also settles two requests with one key (a double click):
/// the second finds the first's outcome.
fn engine_thread(jobs: mpsc::Receiver<Job>) {
    let mut host = DemoHost::new();
    let mut done: HashMap<(u32, String), Done> = HashMap::new();
    for job in jobs {
        let Job { call, key, reply } = job;
        let r = &call.request;
        let slot = key.map(|k| (call.session, k));
        let response = match slot.as_ref().and_then(|s| done.get(s)) {
            Some(d) if d.method == r.method && d.path == r.path && d.body == r.body => {
                d.response.clone()
            }
            Some(_) if Endpoint::of(&r.method, &r.path) == Some(Endpoint::Purchases) => error(
                409,
                "idempotency_conflict",
                "This Idempotency-Key was used for a different amount.",
            ),
            Some(_) => error(
                409,
                "idempotency_conflict",
                "This Idempotency-Key was used for another request.",
            ),
            None => {
                let Answered { response, .. } = host.answer(&call);
                // A server error is not an outcome: the same key may try again.
                if let Some(slot) = slot.filter(|_| response.status < 500) {
                    done.insert(
                        slot,
                        Done {
                            method: r.method.clone(),
                            path: r.path.clone(),
                            body: r.body.clone(),
                            response: response.clone(),
                        },
                    );
                }
                response
            }
        };
        let _ = reply.send(response);
    }
}

fn error(status: u16, code: &str, message: &str) -> WireResponse {
    WireResponse {
        status,
        headers: vec![("content-type".into(), "application/json".into())],
        body: serde_json::json!({ "error": { "code": code, "message": message } }).to_string(),
    }
}

#[derive(Clone)]
struct AppState {
    options: Arc<Options>,
    jobs: mpsc::Sender<Job>,
    /// Session tokens of the signed-in browsers, each with its own account.
    sessions: Arc<Mutex<HashMap<String, u32>>>,
}

impl AppState {
    fn session_of(&self, headers: &HeaderMap) -> Option<u32> {
        let token = cookie(headers, "session")?;
        self.sessions.lock().ok()?.get(&token).copied()
    }

    fn sign_in(&self) -> String {
        let token = uuid::Uuid::new_v4().simple().to_string();
        if let Ok(mut s) = self.sessions.lock() {
            let id = s.len() as u32 + 1;
            s.insert(token.clone(), id);
        }
        token
    }
}

/// The value of cookie `name` in the request's `Cookie` headers.
fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

fn header_text<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

fn to_response(w: WireResponse) -> Response {
    let status = StatusCode::from_u16(w.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = (status, w.body).into_response();
    let h = response.headers_mut();
    for (k, v) in &w.headers {
        if let (Ok(k), Ok(v)) = (
            header::HeaderName::from_bytes(k.as_bytes()),
            HeaderValue::from_str(v),
        ) {
            h.insert(k, v);
        }
    }
    if !h.contains_key(header::CONTENT_TYPE) {
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
    }
    // The contract: every 429 and 503 says when to come back.
    if matches!(w.status, 429 | 503) && !h.contains_key(header::RETRY_AFTER) {
        h.insert(header::RETRY_AFTER, HeaderValue::from(RETRY_AFTER_SECONDS));
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// `POST /api/v1/dev/sign-in`: a session for this browser (development only). A form post (the
/// sign-in page's button) goes back to where it came from; any other caller gets JSON.
async fn sign_in(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Response {
    let token = state.sign_in();
    let set = format!("session={token}; Path=/; HttpOnly; SameSite=Lax");
    let form = header_text(&headers, "content-type")
        .is_some_and(|t| t.starts_with("application/x-www-form-urlencoded"));
    let mut response = if form {
        Redirect::to(&next_of(query.as_deref())).into_response()
    } else {
        (
            [(header::CONTENT_TYPE, "application/json")],
            r#"{"signed_in":true}"#,
        )
            .into_response()
    };
    if let Ok(v) = HeaderValue::from_str(&set) {
        response.headers_mut().insert(header::SET_COOKIE, v);
    }
    response
}

/// Where a sign-in goes back to: the query's `next`, when it is a path of this server (never a
/// way to send someone elsewhere), else the dashboard.
fn next_of(query: Option<&str>) -> String {
    query
        .and_then(|q| pairs(q).into_iter().find(|(k, _)| k == "next"))
        .map(|(_, v)| v)
        .filter(|v| v.starts_with('/') && !v.starts_with("//"))
        .unwrap_or_else(|| "/billing/credit-utilization".into())
}

/// `GET /dev/sign-in`: the page the dashboard's "Sign in" leads to (the config's `sign_in_url`).
async fn sign_in_page(RawQuery(query): RawQuery) -> Html<String> {
    let action: String = url_encode(&next_of(query.as_deref()));
    Html(format!(
        r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in · reference usage API</title>
<style>body{{font:16px system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#1f2937}}button{{font:inherit;padding:.5rem 1rem;border-radius:6px;border:1px solid #1d4ed8;background:#1d4ed8;color:#fff;cursor:pointer}}</style>
</head><body>
<h1>Sign in</h1>
<p>The reference usage API (development only) signs this browser in with a session cookie. Each session has its own demo account.</p>
<form method="post" action="/api/v1/dev/sign-in?next={action}"><button type="submit" data-testid="dev-sign-in">Sign in</button></form>
</body></html>"#
    ))
}

fn url_encode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~/".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// A query string's pairs, percent-decoded.
fn pairs(query: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(query.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// Every operation of the contract under `/api/v1`.
async fn api(
    State(state): State<AppState>,
    method: Method,
    UrlPath(rest): UrlPath<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let path = format!("/{rest}");
    let Some(session) = state.session_of(&headers) else {
        return to_response(error(
            401,
            "unauthorized",
            "Sign in to see this account (no live session).",
        ));
    };
    // A write of the contract (a method and path it has: a POST or PUT). Any other method on
    // one of its paths goes to the engine, which answers 405 with the methods it has.
    let write = !matches!(method, Method::GET | Method::HEAD)
        && Endpoint::of(method.as_str(), &path).is_some();
    let key = header_text(&headers, "idempotency-key").map(str::trim);
    if write {
        let guarded = header_text(&headers, "x-requested-with") == Some("credit-dash");
        let keyed = key.is_some_and(|k| uuid::Uuid::parse_str(k).is_ok());
        if !guarded || !keyed {
            return to_response(error(
                403,
                "csrf_rejected",
                "A POST or PUT needs the headers X-Requested-With: credit-dash and an Idempotency-Key (a UUID).",
            ));
        }
    }
    // Bytes that are not UTF-8 become U+FFFD, so the operation refuses them as it refuses any
    // body that is not its JSON (422 `invalid_body`), and one without a body ignores them.
    let body = String::from_utf8_lossy(&body).into_owned();
    let mut settings = state.options.settings.clone();
    if let Some(fail) = header_text(&headers, "x-demo-fail") {
        settings.fail = Failure::parse_list(fail);
    }
    let call = Call {
        id: 0,
        session,
        settings,
        restore: None,
        persist: false,
        now: state
            .options
            .clock
            .now()
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        request: WireRequest {
            method: method.as_str().to_string(),
            path,
            query: query.as_deref().map(pairs).unwrap_or_default(),
            headers: headers
                .iter()
                .filter_map(|(k, v)| Some((k.as_str().to_string(), v.to_str().ok()?.to_string())))
                .collect(),
            body: (!body.is_empty()).then_some(body),
        },
    };
    match DemoHost::timing(&call, fastrand::f64()) {
        Timing::Never => std::future::pending::<()>().await,
        Timing::After(0) => {}
        Timing::After(ms) => tokio::time::sleep(std::time::Duration::from_millis(ms.into())).await,
    }
    let (reply, answer) = tokio::sync::oneshot::channel();
    let job = Job {
        call,
        key: write.then(|| key.unwrap_or_default().to_string()),
        reply,
    };
    if state.jobs.send(job).is_err() {
        return to_response(error(500, "internal", "The engine has stopped."));
    }
    match answer.await {
        Ok(w) => to_response(w),
        Err(_) => to_response(error(500, "internal", "The engine dropped the call.")),
    }
}

/// The dashboard's config on this server: the API on the same origin, and its sign-in page.
async fn config() -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        serde_json::json!({
            "api_base_url": "/api/v1",
            "sign_in_url": "/dev/sign-in",
            "request_timeout_ms": 15000,
        })
        .to_string(),
    )
        .into_response()
}

pub fn app(options: Options) -> Router {
    let (jobs, receiver) = mpsc::channel::<Job>();
    std::thread::spawn(move || engine_thread(receiver));
    let index = options.dist.join("index.html");
    let gallery = options.dist.join("gallery.html");
    let gallery = if gallery.exists() {
        gallery
    } else {
        index.clone()
    };
    let files = ServeDir::new(&options.dist)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(ServeFile::new(&index));
    let state = AppState {
        options: Arc::new(options),
        jobs,
        sessions: Arc::default(),
    };
    Router::new()
        .route("/api/v1/dev/sign-in", post(sign_in))
        .route("/api/v1/{*rest}", any(api))
        .route("/dev/sign-in", get(sign_in_page))
        .route("/config.json", get(config))
        .route_service("/gallery", ServeFile::new(&gallery))
        .route_service("/gallery/{*rest}", ServeFile::new(&gallery))
        .fallback_service(files)
        .with_state(state)
}

pub fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let options = options(&args)?;
    if !options.dist.join("index.html").exists() {
        return Err(format!(
            "no dashboard build in {} (build it first: scripts/build-release.sh)",
            options.dist.display()
        ));
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    runtime.block_on(async move {
        let address = std::net::SocketAddr::from(([127, 0, 0, 1], options.port));
        let listener = tokio::net::TcpListener::bind(address)
            .await
            .map_err(|e| format!("cannot listen on {address}: {e}"))?;
        let s = &options.settings;
        println!(
            "api-server: the usage API on http://{address}/api/v1 and the dashboard on http://{address}/ \
             (scenario {}, seed {}, today {}{}); sign in at http://{address}/dev/sign-in",
            s.scenario.key(),
            s.seed,
            s.today,
            if s.fail.is_empty() {
                String::new()
            } else {
                format!(
                    ", failing {}",
                    s.fail.iter().map(|f| f.key()).collect::<Vec<_>>().join(",")
                )
            }
        );
        axum::serve(listener, app(options))
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .map_err(|e| e.to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn flags_choose_the_account_its_faults_and_its_clock() {
        let o = options(&args(&[
            "--scenario",
            "large",
            "--seed",
            "7",
            "--today",
            "2026-11-27",
            "--fail",
            "flows:429,purchases",
            "--latency",
            "50-400",
            "--now",
            "2026-11-27T14:05:00Z",
            "--port",
            "9999",
        ]))
        .expect("valid flags");
        let s = &o.settings;
        assert_eq!(
            (s.scenario, s.seed, s.today.to_string()),
            (Scenario::Large, 7, "2026-11-27".into())
        );
        assert_eq!(
            s.fail.iter().map(|f| f.key()).collect::<Vec<_>>(),
            ["flows:429", "purchases"]
        );
        assert_eq!(
            (s.latency_ms, s.latency_max_ms, o.port),
            (50, Some(400), 9999)
        );
        assert!(o.clock.now().to_rfc3339().starts_with("2026-11-27T14:05"));
        for bad in [
            &["--scenario", "nonsense"][..],
            &["--seed", "x"],
            &["--today", "27/11/2026"],
            &["--fail", "nothing"],
            &["--now", "soon"],
        ] {
            assert!(options(&args(bad)).is_err(), "{bad:?}");
        }
    }

    /// Sends one call to the engine's thread and waits for its answer.
    fn ask(jobs: &mpsc::Sender<Job>, call: Call, key: Option<&str>) -> WireResponse {
        let (reply, answer) = tokio::sync::oneshot::channel();
        jobs.send(Job {
            call,
            key: key.map(String::from),
            reply,
        })
        .expect("the engine runs");
        answer.blocking_recv().expect("an answer")
    }

    fn purchase(settings: &MockSettings, credits: u32, key: &str) -> Call {
        Call {
            id: 0,
            session: 1,
            settings: settings.clone(),
            restore: None,
            persist: false,
            now: "2026-11-27T14:05:00Z".into(),
            request: WireRequest {
                method: "POST".into(),
                path: "/credits/purchases".into(),
                body: Some(format!(r#"{{"credits": {credits}}}"#)),
                headers: vec![("idempotency-key".into(), key.into())],
                ..WireRequest::default()
            },
        }
    }

    #[test]
    fn a_key_answers_its_first_outcome_and_never_buys_twice() {
        let (jobs, receiver) = mpsc::channel();
        std::thread::spawn(move || engine_thread(receiver));
        let today = DateRange::parse_date("2026-11-27").expect("a date");
        let settings = MockSettings::new(Scenario::Default, 42, today);
        let first = ask(&jobs, purchase(&settings, 5000, "k1"), Some("k1"));
        assert_eq!(first.status, 200, "{}", first.body);
        assert_eq!(
            ask(&jobs, purchase(&settings, 5000, "k1"), Some("k1")),
            first
        );
        let other = ask(&jobs, purchase(&settings, 6000, "k1"), Some("k1"));
        assert_eq!(other.status, 409);
        assert!(other.body.contains("idempotency_conflict"));
        // A server error is no outcome: the same key may try again and then buys.
        let mut failing = settings.clone();
        failing.fail = Failure::parse_list("purchases:503");
        assert_eq!(
            ask(&jobs, purchase(&failing, 7000, "k2"), Some("k2")).status,
            503
        );
        let retried = ask(&jobs, purchase(&settings, 7000, "k2"), Some("k2"));
        assert_eq!(retried.status, 200);
        assert_ne!(
            retried.body, first.body,
            "a second purchase, not the first one again"
        );
    }

    #[test]
    fn a_sign_in_goes_back_only_to_a_path_of_this_server() {
        assert_eq!(
            next_of(Some("next=%2Fbilling%2Fhistory")),
            "/billing/history"
        );
        for elsewhere in [
            None,
            Some("next=https%3A%2F%2Fevil.example"),
            Some("next=%2F%2Fevil.example"),
        ] {
            assert_eq!(next_of(elsewhere), "/billing/credit-utilization");
        }
    }

    #[test]
    fn answers_carry_retry_after_and_cookies_are_read_by_name() {
        let r = to_response(error(503, "unavailable", "later"));
        assert_eq!(
            r.headers()
                .get(header::RETRY_AFTER)
                .map(|v| v.to_str().ok()),
            Some(Some("5"))
        );
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("theme=dark; session=abc"),
        );
        assert_eq!(cookie(&h, "session").as_deref(), Some("abc"));
        assert_eq!(cookie(&h, "sess"), None);
    }
}
