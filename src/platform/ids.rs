//! Element ids that are unique on the page. The gallery shows dozens of dashboards and dialogs
//! at once, and a widget or a dialog appears many times on one page, so no view may write a
//! fixed id: a label's `for`, `aria-labelledby` and `aria-describedby` would point at the wrong
//! element (or at several).

use std::sync::atomic::{AtomicU32, Ordering};

static NEXT: AtomicU32 = AtomicU32::new(0);

/// `{prefix}-{n}` with a number no other id of this page has.
pub fn unique_id(prefix: &str) -> String {
    format!("{prefix}-{}", NEXT.fetch_add(1, Ordering::Relaxed) + 1)
}

#[cfg(test)]
mod tests {
    use super::unique_id;

    #[test]
    fn ids_never_repeat() {
        let a = unique_id("show-percent-hint");
        let b = unique_id("show-percent-hint");
        assert_ne!(a, b);
        assert!(a.starts_with("show-percent-hint-"));
    }
}
