//! Credit utilization dashboard: where an account's consumable credits go.

pub mod api;
pub mod domain;
pub mod config;
