//! The app's chrome, not reusable parts: the page's shell (top bar, theme, demo badge), the demo
//! switcher behind the badge, the gate every page passes through for its account, and the page
//! shown when the config cannot be used.

pub mod account_gate;
pub mod config_error;
pub mod demo_switcher;
pub mod shell;
