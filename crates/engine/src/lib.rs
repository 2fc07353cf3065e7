//! The demo account and its query engine: a generated account (scenarios, seeds, a pinned
//! today) that answers the usage API's requests as a service would, with the purchases and
//! settings of a session kept in a state of its own. No Leptos and no browser: the page's demo,
//! the reference server and the native tests are its hosts (DESIGN section 10).

pub mod engine;
pub mod generate;
pub mod host;
pub mod wire;

pub use credit_contract::demo::{
    Endpoint, Failure, Fault, MockSettings, Scenario, Shaping, TIME_ZONE,
};

/// What the engine refuses a request with, as a service answers it: a 4xx with the contract's
/// error body, or a 404 for what it does not have.
#[derive(Clone, Debug, PartialEq)]
pub enum Refusal {
    /// A 4xx the service explains (validation, an unknown cursor, a conflict).
    Rejected {
        status: u16,
        code: String,
        message: String,
    },
    /// 404: the thing asked for does not exist (a recalculation job).
    NotFound { endpoint: String },
}
