//! What must outlive a reload or a page change within this browser tab: a purchase whose
//! outcome is not known yet, a recalculation still running. `sessionStorage`, so it ends with
//! the tab; every call tolerates a browser that refuses storage.

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

pub fn get(key: &str) -> Option<String> {
    storage()?.get_item(key).ok()?
}

pub fn set(key: &str, value: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(key, value);
    }
}

pub fn remove(key: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(key);
    }
}
