//! One file per route.

pub mod billing;
pub mod dashboard;
#[cfg(feature = "gallery")]
pub mod gallery;
pub mod history;
pub mod not_found;
