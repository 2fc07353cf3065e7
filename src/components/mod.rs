//! Reusable pieces: the shell, the widget frame, the table, the chart, the filter controls.

pub mod account_gate;
pub mod chart;
pub mod config_error;
pub mod copy_link;
pub mod data_table;
pub mod demo_switcher;
pub mod enum_select;
pub mod error_notice;
pub mod filter_controls;
pub mod money;
pub mod multi_select;
pub mod popover;
pub mod shell;
pub mod widget_frame;
