//! Browser services the layers above share: `Intl` formatting, tab and browser storage,
//! idempotency keys, page-unique element ids, file downloads, HTML escaping, focus by test hook
//! and scripts loaded on demand. No Leptos views and no product rules here: those are in `components` and
//! `domain`.

#[cfg(feature = "gallery")]
pub mod axe;
pub mod download;
pub mod focus;
pub mod format;
pub mod html;
pub mod idempotency;
pub mod ids;
pub mod script;
pub mod storage;
