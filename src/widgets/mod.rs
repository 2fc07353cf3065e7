//! One file per dashboard widget.

pub mod ai_pilots;
pub mod balance;
pub mod compare_controls;
pub mod copilot_users;
pub mod flow_actions;
pub mod flows;
pub mod report;
pub mod usage_chart;
pub mod used_summary;
