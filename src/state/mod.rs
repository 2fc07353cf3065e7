//! The app's shared state: the contexts pages provide (`AppContext`, `Preview`, the theme, and
//! a dashboard's four in `dash`), the data hook (`use_remote`) and the filter model. Views live
//! above this layer; the filter model (`filters`) is pure and tested natively.

pub mod action;
pub mod app_context;
pub mod dash;
pub mod filters;
pub mod paged;
pub mod preview;
pub mod recalculation;
pub mod remote;
pub mod theme;
pub mod url;
pub mod widget_url;
pub mod write;

pub use filters::{Effective, GlobalFilters, WidgetFilters};
