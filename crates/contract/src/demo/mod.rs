//! The demo's knobs and its worker's protocol: which generated account a demo shows
//! (`Scenario`, seed, pinned day, `Shaping`), how its service misbehaves (latency, `Failure`s,
//! stalls), and the messages between a page and the engine's Web Worker. Plain data: the page
//! reads them from a link without holding the engine, and the engine's hosts (the worker, the
//! reference server, the tests) act on them (DESIGN sections 5 and 10).

pub mod endpoint;
pub mod fault;
pub mod protocol;
pub mod scenario;

pub use endpoint::Endpoint;
pub use fault::{Failure, Fault, RETRY_AFTER_SECONDS};
pub use scenario::{MockSettings, Scenario, Shaping};

/// The time zone of every generated account: its calendar dates, and "today" when no date is
/// pinned.
pub const TIME_ZONE: &str = "America/New_York";
