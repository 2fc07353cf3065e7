//! What outlives a reload, in the browser's storage. Every call tolerates a browser that
//! refuses storage.

/// Which storage a value is kept in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kept {
    /// For this tab (`sessionStorage`): a purchase whose outcome is not known yet, a
    /// recalculation still running; it ends with the tab.
    Tab,
    /// Between visits (`localStorage`): the theme chosen, what the last account said about its
    /// time zone and bill cycle.
    Browser,
}

fn storage(kept: Kept) -> Option<web_sys::Storage> {
    let w = web_sys::window()?;
    match kept {
        Kept::Tab => w.session_storage(),
        Kept::Browser => w.local_storage(),
    }
    .ok()?
}

pub fn get(kept: Kept, key: &str) -> Option<String> {
    storage(kept)?.get_item(key).ok()?
}

pub fn set(kept: Kept, key: &str, value: &str) {
    if let Some(s) = storage(kept) {
        let _ = s.set_item(key, value);
    }
}

pub fn remove(kept: Kept, key: &str) {
    if let Some(s) = storage(kept) {
        let _ = s.remove_item(key);
    }
}
