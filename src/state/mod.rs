//! The dashboard's filter model: global filters (in the URL) and widget filters with the
//! override rule. Pure, tested natively.

pub mod filters;

pub use filters::{Effective, GlobalFilters, WidgetFilters};
