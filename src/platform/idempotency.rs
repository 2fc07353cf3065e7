//! Idempotency keys: one per purchase confirmation (reused by every retry of it, so a lost
//! answer never buys twice) and one per other state-changing call.

use super::storage::{self, Kept};
use serde::{Deserialize, Serialize};

/// A version 4 UUID from 16 random bytes.
pub fn uuid_from(mut b: [u8; 16]) -> String {
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h: Vec<String> = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        h[0..4].concat(),
        h[4..6].concat(),
        h[6..8].concat(),
        h[8..10].concat(),
        h[10..16].concat()
    )
}

/// A fresh key: `crypto.randomUUID` where the page is a secure context, else a UUID made from
/// `crypto.getRandomValues` (a plain-HTTP intranet host has only that).
#[cfg(target_arch = "wasm32")]
pub fn new_key() -> String {
    use wasm_bindgen::JsValue;
    if let Some(crypto) = web_sys::window().and_then(|w| w.crypto().ok()) {
        let has_uuid = js_sys::Reflect::get(&crypto, &JsValue::from_str("randomUUID"))
            .is_ok_and(|f| f.is_function());
        if has_uuid {
            return crypto.random_uuid();
        }
        let mut bytes = [0u8; 16];
        if crypto.get_random_values_with_u8_array(&mut bytes).is_ok() {
            return uuid_from(bytes);
        }
    }
    // No Web Crypto at all: still unique enough for one tab's retries.
    let mut rng = fastrand::Rng::with_seed(js_sys::Date::now().to_bits());
    let mut bytes = [0u8; 16];
    bytes.iter_mut().for_each(|b| *b = rng.u8(..));
    uuid_from(bytes)
}

#[cfg(not(target_arch = "wasm32"))]
pub fn new_key() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static CALLS: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    let mut rng = fastrand::Rng::with_seed(nanos ^ CALLS.fetch_add(1, Ordering::Relaxed));
    let mut bytes = [0u8; 16];
    bytes.iter_mut().for_each(|b| *b = rng.u8(..));
    uuid_from(bytes)
}

/// A purchase sent but not confirmed: its amount and key, kept for this tab until the service
/// gives a definite answer, so a reload cannot turn a retry into a second purchase.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingPurchase {
    pub credits: u64,
    pub key: String,
}

const PENDING_KEY: &str = "credit-dash:pending-purchase";

impl PendingPurchase {
    pub fn load() -> Option<Self> {
        serde_json::from_str(&storage::get(Kept::Tab, PENDING_KEY)?).ok()
    }

    pub fn save(&self) {
        if let Ok(text) = serde_json::to_string(self) {
            storage::set(Kept::Tab, PENDING_KEY, &text);
        }
    }

    pub fn clear() {
        storage::remove(Kept::Tab, PENDING_KEY);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuids_are_version_4() {
        let u = uuid_from([0xff; 16]);
        assert_eq!(u, "ffffffff-ffff-4fff-bfff-ffffffffffff");
        let u = uuid_from([0; 16]);
        assert_eq!(u, "00000000-0000-4000-8000-000000000000");
        assert_ne!(new_key(), new_key());
    }
}
