//! Pure product rules: no Leptos, no browser. Everything here is tested natively.

pub mod alerts;
pub mod buckets;
pub mod compare;
pub mod credits;
pub mod dates;
pub mod fixed;
pub mod keyed;
pub mod pricing;
pub mod runout;

pub use buckets::{buckets, Bucket, Frequency};
pub use compare::{
    comparison_range, comparison_to_date, is_same_days_comparison, percent_change, Change,
    CompareWith,
};
pub use credits::Credits;
pub use dates::{BillingAnchor, DatePreset, DateRange, RangeLimits};
pub use fixed::fixed;
pub use keyed::Keyed;
