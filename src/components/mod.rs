//! Reusable pieces: the widget frame, the table, the chart, the filter controls; and, apart in
//! `chrome`, the app's own shell, demo switcher, account gate and config error page.

pub mod chart;
pub mod chrome;
pub mod copy_link;
pub mod data_table;
pub mod enum_select;
pub mod error_notice;
pub mod filter_controls;
pub mod money;
pub mod multi_select;
pub mod page_head;
pub mod popover;
pub mod widget_frame;
