//! One file per route.

pub mod billing;
pub mod dashboard;
pub mod gallery;
pub mod history;
pub mod not_found;
