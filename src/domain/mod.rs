//! Pure product rules: no Leptos, no browser. Everything here is tested natively. The rules
//! the usage API's contract is made of (credits, dates, prices, comparisons) live in the
//! `credit-contract` crate and are re-exported here; the tables' rules are the app's own.

pub use credit_contract::domain::*;

pub mod table;
pub mod widget;

pub use widget::WidgetId;
