//! The reference usage API: the demo's engine behind a native HTTP server on 127.0.0.1:8787,
//! the contract (docs/openapi.json) under `/api/v1`, and a dashboard build served at `/` on the
//! same origin with a config that points it there (DESIGN section 10; `make serve-api`).
//!
//! It keeps the rules the contract sets for a production server:
//! - a session cookie named `session`, set by `POST /api/v1/dev/sign-in` (development only: not
//!   part of the product's contract; `GET /dev/sign-in` is a page with its button); every call
//!   without a live session is answered 401 `unauthorized`;
//! - every POST or PUT without `X-Requested-With: credit-dash` and a UUID `Idempotency-Key` is
//!   refused 403 `csrf_rejected`;
//! - an `Idempotency-Key` seen before (per session) answers the first outcome again, status and
//!   body, and never applies twice; the same key with another request is refused 409
//!   `idempotency_conflict` (the contract's code for a purchase, used for every write);
//! - every 429 and 503 carries `Retry-After`.
//!
//! The account and its faults are the demo's knobs, as flags or variables (README):
//! `--scenario`/`SCENARIO`, `--seed`/`SEED`, `--today`/`TODAY`, `--now`/`NOW` (a moment the
//! server's clock starts at, for tests), `--fail`/`FAIL`
//! (`flows:429,purchases`), `--latency`/`LATENCY` (ms, or `50-400`), `--dist`/`DIST` (the
//! dashboard build, default `dist`), `--port`/`PORT` (default 8787). A request may also name its
//! own faults with the header `X-Demo-Fail` (the same syntax), for tests.

#[cfg(not(target_arch = "wasm32"))]
mod server;

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    if let Err(e) = server::run() {
        eprintln!("api-server: {e}");
        std::process::exit(1);
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}
