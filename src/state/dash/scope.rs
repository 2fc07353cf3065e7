//! The dashboard's filters: the account's calendar (today, the bill cycle, the day it opened),
//! the filters every widget starts from, and the texts that say which dates figures are of.

use super::FilterSource;
use crate::api::types::Directory;
use crate::domain::{is_same_days_comparison, BillingAnchor, CompareWith, DateRange};
use crate::platform::format;
use crate::state::filters::GlobalFilters;
use crate::state::remote::{Fetched, Newer, Remote};
use chrono::NaiveDate;
use leptos::prelude::*;

/// What the filter controls and the widget frame need to know, passed to them as a prop.
#[derive(Clone, Copy)]
pub struct FilterEnv {
    /// Today in the account's time zone.
    pub today: NaiveDate,
    pub anchor: BillingAnchor,
    /// The dashboard's filters.
    pub global: Memo<GlobalFilters>,
    /// Teams and users to choose from (empty until the directory has loaded).
    pub directory: Signal<Directory>,
}

/// The dashboard's filters. Provided by the dashboard (and by each gallery card); read with
/// [`DashFilters::expect`].
#[derive(Clone, Copy)]
pub struct DashFilters {
    /// Today in the account's time zone.
    pub today: NaiveDate,
    pub anchor: BillingAnchor,
    /// The day the account opened, when the service says (`account.opened_on`).
    pub opened_on: Option<NaiveDate>,
    /// The dashboard's filters, with ids the directory does not know left out.
    pub global: Memo<GlobalFilters>,
    /// Teams and users of the URL that the directory does not have (left out of the filters).
    pub unknown_ids: Memo<usize>,
    /// Whether the widgets keep their own view in the URL (see `state::widget_url`).
    pub in_url: bool,
    /// What the summary and the reports start from: the dashboard's filters, with the range of
    /// the drill-down when there is one (so a drill-down overrides their own ranges, as any
    /// change of the dashboard's range does).
    report_global: Memo<GlobalFilters>,
    set_global: Callback<GlobalFilters>,
    directory: Signal<Directory>,
}

impl DashFilters {
    /// The filters `source` asks for, once `directory` has said which of its teams and users
    /// exist, provided below.
    pub fn provide(
        today: NaiveDate,
        anchor: BillingAnchor,
        opened_on: Option<NaiveDate>,
        source: &FilterSource,
        directory: Fetched<Directory>,
        directory_list: Signal<Directory>,
    ) -> Self {
        let (asked, drill) = (source.asked, source.drill);
        // Ids the directory does not know (another account's link, removed users) are left out
        // once it has loaded.
        let known = Memo::new(move |_| {
            let g = asked.get();
            directory.state.with(|d| match d {
                Remote::Ready(dir) => g.known_in(dir),
                _ => (g, 0),
            })
        });
        let global = Memo::new(move |_| known.with(|k| k.0.clone()));
        let report_global = Memo::new(move |_| {
            let mut g = global.get();
            if let Some(r) = drill.get() {
                g.range = r;
            }
            g
        });
        let filters = DashFilters {
            today,
            anchor,
            opened_on,
            global,
            unknown_ids: Memo::new(move |_| known.with(|k| k.1)),
            in_url: source.in_url,
            report_global,
            set_global: source.set,
            directory: directory_list,
        };
        provide_context(filters);
        filters
    }

    /// The filters provided above (panics outside a dashboard: only its widgets call it).
    pub fn expect() -> Self {
        expect_context::<DashFilters>()
    }

    /// What the filter controls of this dashboard need.
    pub fn filter_env(&self) -> FilterEnv {
        FilterEnv {
            today: self.today,
            anchor: self.anchor,
            global: self.global,
            directory: self.directory,
        }
    }

    /// What the summary's and the reports' filter controls need: the dashboard's filters, with
    /// a drill-down's range.
    pub fn report_filter_env(&self) -> FilterEnv {
        FilterEnv {
            global: self.report_global,
            ..self.filter_env()
        }
    }

    /// The filters the summary and the reports start from (see [`DashFilters::report_filter_env`]).
    pub fn report_global(&self) -> Memo<GlobalFilters> {
        self.report_global
    }

    /// Changes the dashboard's filters: a new history entry, so Back undoes it.
    pub fn set_global(&self, g: GlobalFilters) {
        self.set_global.run(g);
    }

    /// Whether `compared` lies wholly before the account opened: nothing to compare with.
    pub fn before_opening(&self, compared: DateRange) -> bool {
        self.opened_on.is_some_and(|o| compared.to < o)
    }

    /// The subtitle of figures for `asked`: their range; and while figures of another range
    /// (`shown`) are still on screen, that range with what became of the newer ones
    /// ("Oct 23 – Nov 22, 2026 · updating to Nov 16 – 22, 2026…", or "… could not be loaded"),
    /// so new dates never sit over old figures.
    pub fn figures_subtitle(asked: DateRange, shown: Option<DateRange>, newer: Newer) -> String {
        let text = |r: DateRange| format::date_range(r.from, r.to);
        match (shown, newer) {
            (Some(shown), Newer::Loading) if shown != asked => {
                format!("{} · updating to {}…", text(shown), text(asked))
            }
            (Some(shown), Newer::Failed) if shown != asked => {
                format!("{} · {} could not be loaded", text(shown), text(asked))
            }
            _ => text(asked),
        }
    }

    /// The subtitle of a report: the range of its figures, then what the answer was compared
    /// with (" · compared with Oct 23 – 27, 2026, the same days of the previous cycle"), saying
    /// so when only the elapsed days of a period were compared; while figures of another range
    /// are on screen, that range and what became of the newer ones
    /// ([`DashFilters::figures_subtitle`]).
    pub fn report_subtitle(
        &self,
        asked: DateRange,
        answered: Option<(DateRange, Option<DateRange>)>,
        compare: CompareWith,
        newer: Newer,
    ) -> String {
        if newer != Newer::No && answered.is_some_and(|(range, _)| range != asked) {
            return Self::figures_subtitle(asked, answered.map(|(range, _)| range), newer);
        }
        let mut s = format::date_range(asked.from, asked.to);
        let Some((range, Some(compared))) = answered else {
            return s;
        };
        s.push_str(&format!(
            " · compared with {}",
            format::date_range(compared.from, compared.to)
        ));
        if let Some(opened) = self.opened_on.filter(|&o| o > compared.from) {
            // A comparison over days before the account existed compares with nothing, not
            // with a zero (issue 28 item 14: "was 0 · new" in an account's first cycle).
            let day = format::date(opened);
            s.push_str(&if compared.to < opened {
                format!(", before the account opened on {day}")
            } else {
                format!(", the account opened on {day}")
            });
            return s;
        }
        if is_same_days_comparison(range, compared, compare, self.anchor) {
            let of = match compare {
                CompareWith::PreviousYear => "the previous year",
                _ if self.anchor.is_cycle(&range) => "the previous cycle",
                _ => "the previous period",
            };
            s.push_str(&format!(", the same days of {of}"));
        }
        s
    }
}
