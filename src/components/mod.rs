//! Reusable pieces: the shell, error notices, the chart.

pub mod chart;
pub mod error_notice;
pub mod shell;
