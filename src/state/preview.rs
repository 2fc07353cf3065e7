//! The gallery's presets, in one place: a card provides a `Preview` and the production
//! components below read that one value. Outside the gallery there is none, and every
//! component behaves as on the dashboard.

use crate::domain::CompareWith;
use leptos::prelude::*;

/// How the components of a gallery card start out.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Preview {
    /// Dialogs open in place, side by side, instead of over the page; nothing they do is
    /// remembered for a reload.
    pub inline_dialogs: bool,
    pub dialog: Option<DialogPreset>,
    pub report: Option<ReportPreset>,
}

/// Puts a dialog in a given state: `input` goes into the dialog's main field (the purchase
/// amount, the recharge amount) and `submit` submits the form once it is ready.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DialogPreset {
    pub input: Option<String>,
    pub submit: bool,
}

/// How reports start out, where something other than the defaults is wanted (comparisons,
/// short pages).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ReportPreset {
    pub compare: CompareWith,
    pub show_percent: bool,
    /// Rows per table page.
    pub page_size: usize,
}

impl Default for ReportPreset {
    fn default() -> Self {
        ReportPreset {
            compare: CompareWith::None,
            show_percent: false,
            page_size: 25,
        }
    }
}

impl Preview {
    /// Makes this the preview of the components below.
    pub fn provide(self) {
        provide_context(self);
    }

    /// The preview provided above, or none (the dashboard).
    pub fn current() -> Preview {
        use_context::<Preview>().unwrap_or_default()
    }

    /// The reports' preset, or the dashboard's defaults.
    pub fn report(&self) -> ReportPreset {
        self.report.unwrap_or_default()
    }

    /// The text for a dialog's main field, if the preset gives one.
    pub fn dialog_input(&self) -> Option<String> {
        self.dialog.as_ref().and_then(|d| d.input.clone())
    }

    /// Submits a dialog's form once, as soon as `ready` holds, when the preset asks for it.
    pub fn submit_when_ready(
        &self,
        ready: impl Fn() -> bool + 'static,
        submit: impl Fn() + 'static,
    ) {
        if !self.dialog.as_ref().is_some_and(|d| d.submit) {
            return;
        }
        let done = StoredValue::new(false);
        Effect::new(move |_| {
            if ready() && !done.get_value() {
                done.set_value(true);
                submit();
            }
        });
    }
}
