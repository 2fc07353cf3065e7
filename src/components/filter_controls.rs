//! The date range, teams and users controls, used by the dashboard's filter bar (`filter-*`
//! hooks) and inside each widget (`widget-*` hooks).

use crate::components::enum_select::EnumSelect;
use crate::components::multi_select::{Choice, MultiSelect};
use crate::domain::{BillingAnchor, DatePreset, DateRange, RangeLimits};
use crate::platform::ids::unique_id;
use crate::state::dash::FilterEnv;
use crate::state::filters::user_options;
use crate::state::Effective;
use chrono::NaiveDate;
use leptos::prelude::*;

/// Whose filters the controls set: the dashboard's filter bar or a widget's own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    Dashboard,
    Widget,
}

impl Scope {
    /// The prefix of the test hooks (`filter-date-preset`, `widget-teams`).
    pub fn prefix(self) -> &'static str {
        match self {
            Scope::Dashboard => "filter",
            Scope::Widget => "widget",
        }
    }
}

/// The preset `<select>` with from/to date inputs for a custom range.
#[component]
pub fn DateRangeControl(
    scope: Scope,
    /// Today in the account's time zone, and its billing anchor (for the presets).
    today: NaiveDate,
    anchor: BillingAnchor,
    /// The range shown.
    #[prop(into)]
    range: Signal<DateRange>,
    /// Called with a new, valid range.
    on_change: Callback<DateRange>,
) -> impl IntoView {
    let prefix = scope.prefix();
    let custom = RwSignal::new(false);
    let preset = move || {
        if custom.get() {
            DatePreset::Custom
        } else {
            DatePreset::detect(range.get(), today, anchor)
        }
    };
    let from_text = RwSignal::new(String::new());
    let to_text = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let limits = RangeLimits::new(today, anchor);
    // The inputs follow the range unless the admin is typing a custom one.
    Effect::new(move |_| {
        let r = range.get();
        from_text.set(r.from.to_string());
        to_text.set(r.to.to_string());
        problem.set(None);
    });
    let apply_custom = move || {
        let from = DateRange::parse_date(&from_text.get_untracked());
        let to = DateRange::parse_date(&to_text.get_untracked());
        match (from, to) {
            (Some(f), Some(t)) => match DateRange::new(f, t) {
                Some(r) if r.from < limits.earliest || r.to > limits.latest => {
                    problem.set(Some(format!(
                        "Choose dates from {} to {}.",
                        limits.earliest, limits.latest
                    )))
                }
                Some(r) if r.days() <= limits.max_days => {
                    problem.set(None);
                    on_change.run(r);
                }
                Some(_) => problem.set(Some("Choose at most three years.".into())),
                None => problem.set(Some("The start must be on or before the end.".into())),
            },
            _ => problem.set(Some("Enter both dates.".into())),
        }
    };
    let choose = Callback::new(move |p: DatePreset| {
        if p == DatePreset::Custom {
            custom.set(true);
        } else {
            custom.set(false);
            on_change.run(p.resolve(today, anchor));
        }
    });
    view! {
        <div class="field date-range">
            <EnumSelect
                label="Date range"
                testid=format!("{prefix}-date-preset")
                value=Signal::derive(preset)
                on_change=choose
            />
            <Show when=move || preset() == DatePreset::Custom>
                <div class="custom-range">
                    {date_input("From", format!("{prefix}-date-from"), limits, from_text, apply_custom)}
                    <span aria-hidden="true">"–"</span>
                    {date_input("To", format!("{prefix}-date-to"), limits, to_text, apply_custom)}
                </div>
            </Show>
            {move || problem.get().map(|p| view! { <p class="field-error" role="alert">{p}</p> })}
        </div>
    }
}

/// One end of a custom range: a labelled date input within the range limits; a change applies
/// the range when both ends are valid.
fn date_input(
    label: &'static str,
    testid: String,
    limits: RangeLimits,
    text: RwSignal<String>,
    apply: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let id = unique_id(&testid);
    view! {
        <label class="visually-hidden" for=id.clone()>{label}</label>
        <input
            id=id
            class="input"
            type="date"
            data-testid=testid
            min=limits.earliest.to_string()
            max=limits.latest.to_string()
            prop:value=move || text.get()
            on:change=move |ev| {
                text.set(event_target_value(&ev));
                apply();
            }
        />
    }
}

/// Date range, teams and users for one set of filters.
#[component]
pub fn FilterControls(
    scope: Scope,
    /// Today, the anchor and the directory the choices come from.
    env: FilterEnv,
    /// The filters shown.
    #[prop(into)]
    value: Signal<Effective>,
    on_range: Callback<DateRange>,
    on_teams: Callback<Vec<String>>,
    on_users: Callback<Vec<String>>,
) -> impl IntoView {
    let team_options = Signal::derive(move || {
        env.directory.with(|d| {
            d.teams
                .iter()
                .map(|t| Choice {
                    id: t.id.clone(),
                    label: t.name.clone(),
                    detail: None,
                })
                .collect::<Vec<_>>()
        })
    });
    let user_choices = Signal::derive(move || {
        let teams = value.with(|v| v.teams.clone());
        env.directory.with(|d| {
            user_options(&teams, d)
                .into_iter()
                .map(|u| Choice {
                    id: u.id.clone(),
                    label: u.name.clone(),
                    detail: Some(u.email.clone()),
                })
                .collect::<Vec<_>>()
        })
    });
    view! {
        <DateRangeControl scope=scope today=env.today anchor=env.anchor range=Signal::derive(move || value.with(|v| v.range)) on_change=on_range />
        <MultiSelect
            label="Team"
            noun="teams"
            testid=format!("{}-teams", scope.prefix())
            options=team_options
            selected=Signal::derive(move || value.with(|v| v.teams.clone()))
            on_change=on_teams
        />
        <MultiSelect
            label="User"
            noun="users"
            testid=format!("{}-users", scope.prefix())
            options=user_choices
            selected=Signal::derive(move || value.with(|v| v.users.clone()))
            on_change=on_users
        />
    }
}
