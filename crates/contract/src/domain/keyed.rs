//! Enums the admin picks from (date presets, compare with, chart frequency, theme, demo
//! scenario): each has a stable key for URLs and `<select>` values and a label for people.

pub trait Keyed: Copy + PartialEq + Sized + 'static {
    /// Every value, in the order a list shows them.
    const ALL: &'static [Self];

    /// The stable key (URLs, `<select>` values, the API).
    fn key(self) -> &'static str;

    /// What people read.
    fn label(self) -> &'static str;

    /// The value with this key, if any.
    fn from_key(key: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.key() == key)
    }
}
