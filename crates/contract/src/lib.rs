//! The usage API's contract in Rust: its wire types (`types`, serde models of
//! docs/openapi.json) and the product rules they are made of (`domain`: credits, calendar
//! ranges, bill cycles, prices, comparisons), and the demo's knobs and worker protocol (`demo`).
//! No Leptos and no browser: the app, the engine and
//! the reference server share it, and it is tested natively.

pub mod demo;
pub mod domain;
pub mod types;
