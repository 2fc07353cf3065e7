//! The links between widgets: the chart's drill-down that narrows the summary and the reports,
//! the flow whose actions the flows report opened, and bringing a widget into view by its name.

use crate::domain::{DateRange, WidgetId};
use crate::state::filters::WidgetFilters;
use leptos::prelude::*;
use std::collections::HashMap;

/// What one widget asks of another. Provided by the dashboard (and by each gallery card); read
/// with [`WidgetLinks::expect`].
#[derive(Clone, Copy)]
pub struct WidgetLinks {
    /// The chart bucket the summary and the reports are narrowed to ("Nov 24 only"), if any.
    pub drill: Memo<Option<DateRange>>,
    set_drill: Callback<Option<DateRange>>,
    /// The flow (id, name) whose actions the actions report shows, opened from the flows report.
    pub actions_flow: RwSignal<Option<(String, String)>>,
    /// The filters the flows report had when a flow was opened from it, for the actions report
    /// to take (issue 28 item 9); taken once.
    pub actions_handoff: RwSignal<Option<WidgetFilters>>,
    /// Each widget's card, as its frame registers it, for [`WidgetLinks::reveal`].
    cards: StoredValue<HashMap<WidgetId, web_sys::Element>, LocalStorage>,
}

impl WidgetLinks {
    /// The links of a dashboard whose drill-down is `drill`, changed with `set_drill`, provided
    /// below.
    pub fn provide(drill: Memo<Option<DateRange>>, set_drill: Callback<Option<DateRange>>) -> Self {
        let links = WidgetLinks {
            drill,
            set_drill,
            actions_flow: RwSignal::new(None),
            actions_handoff: RwSignal::new(None),
            cards: StoredValue::new_local(HashMap::new()),
        };
        provide_context(links);
        links
    }

    /// The links provided above, if any (a widget frame outside a dashboard has none).
    pub fn get() -> Option<Self> {
        use_context::<WidgetLinks>()
    }

    /// The links provided above (panics outside a dashboard: only its widgets call it).
    pub fn expect() -> Self {
        expect_context::<WidgetLinks>()
    }

    /// Narrows the summary and the reports to a chart bucket, or back to the whole range.
    pub fn set_drill(&self, r: Option<DateRange>) {
        self.set_drill.run(r);
    }

    /// Registers `card` as the widget `id`'s (its frame does, once mounted).
    pub fn register(&self, id: WidgetId, card: web_sys::Element) {
        self.cards.update_value(|c| {
            c.insert(id, card);
        });
    }

    /// Forgets the widget `id`'s card when it leaves the page, if it is still `card`.
    pub fn unregister(&self, id: WidgetId, card: &web_sys::Element) {
        self.cards.try_update_value(|c| {
            if c.get(&id) == Some(card) {
                c.remove(&id);
            }
        });
    }

    /// Brings the widget `id` into view, if it is on the page.
    pub fn reveal(&self, id: WidgetId) {
        if let Some(card) = self.cards.with_value(|c| c.get(&id).cloned()) {
            card.scroll_into_view();
        }
    }
}
