//! The date range, teams and users controls, used by the dashboard's filter bar (`filter-*`
//! hooks) and inside each widget (`widget-*` hooks).

use crate::components::multi_select::{Choice, MultiSelect};
use crate::domain::{DatePreset, DateRange, RangeLimits};
use crate::pages::dashboard::use_dash;
use crate::state::filters::user_options;
use crate::state::Effective;
use leptos::prelude::*;

/// The preset `<select>` with from/to date inputs for a custom range.
#[component]
pub fn DateRangeControl(
    /// `filter` or `widget`: the prefix of the test hooks.
    prefix: &'static str,
    /// The range shown.
    #[prop(into)]
    range: Signal<DateRange>,
    /// Called with a new, valid range.
    on_change: Callback<DateRange>,
) -> impl IntoView {
    let dash = use_dash();
    let custom = RwSignal::new(false);
    let preset = move || {
        if custom.get() {
            DatePreset::Custom
        } else {
            DatePreset::detect(range.get(), dash.today, dash.anchor)
        }
    };
    let from_text = RwSignal::new(String::new());
    let to_text = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let limits = RangeLimits::new(dash.today, dash.anchor);
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
    let id = format!("{prefix}-date-preset-{}", dash.next_id());
    view! {
        <div class="field date-range">
            <label class="field-label" for=id.clone()>"Date range"</label>
            <select
                id=id
                class="input"
                data-testid=format!("{prefix}-date-preset")
                prop:value=move || preset().key()
                on:change=move |ev| {
                    let key = event_target_value(&ev);
                    match DatePreset::from_key(&key) {
                        Some(DatePreset::Custom) | None => custom.set(true),
                        Some(p) => {
                            custom.set(false);
                            on_change.run(p.resolve(dash.today, dash.anchor));
                        }
                    }
                }
            >
                {DatePreset::ALL
                    .into_iter()
                    .map(|p| view! { <option value=p.key()>{p.label()}</option> })
                    .collect_view()}
            </select>
            <Show when=move || preset() == DatePreset::Custom>
                <div class="custom-range">
                    <label class="visually-hidden" for=format!("{prefix}-from")>"From"</label>
                    <input
                        id=format!("{prefix}-from")
                        class="input"
                        type="date"
                        aria-label="From"
                        data-testid=format!("{prefix}-date-from")
                        min=limits.earliest.to_string()
                        max=limits.latest.to_string()
                        prop:value=move || from_text.get()
                        on:change=move |ev| {
                            from_text.set(event_target_value(&ev));
                            apply_custom();
                        }
                    />
                    <span aria-hidden="true">"–"</span>
                    <input
                        class="input"
                        type="date"
                        aria-label="To"
                        data-testid=format!("{prefix}-date-to")
                        min=limits.earliest.to_string()
                        max=limits.latest.to_string()
                        prop:value=move || to_text.get()
                        on:change=move |ev| {
                            to_text.set(event_target_value(&ev));
                            apply_custom();
                        }
                    />
                </div>
            </Show>
            {move || problem.get().map(|p| view! { <p class="field-error" role="alert">{p}</p> })}
        </div>
    }
}

/// Date range, teams and users for one set of filters.
#[component]
pub fn FilterControls(
    /// `filter` or `widget`: the prefix of the test hooks.
    prefix: &'static str,
    /// The filters shown.
    #[prop(into)]
    value: Signal<Effective>,
    on_range: Callback<DateRange>,
    on_teams: Callback<Vec<String>>,
    on_users: Callback<Vec<String>>,
) -> impl IntoView {
    let dash = use_dash();
    let team_options = Signal::derive(move || {
        dash.directory.with(|d| {
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
        dash.directory.with(|d| {
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
        <DateRangeControl prefix=prefix range=Signal::derive(move || value.with(|v| v.range)) on_change=on_range />
        <MultiSelect
            label="Team"
            noun="teams"
            testid=if prefix == "filter" { "filter-teams" } else { "widget-teams" }
            options=team_options
            selected=Signal::derive(move || value.with(|v| v.teams.clone()))
            on_change=on_teams
        />
        <MultiSelect
            label="User"
            noun="users"
            testid=if prefix == "filter" { "filter-users" } else { "widget-users" }
            options=user_choices
            selected=Signal::derive(move || value.with(|v| v.users.clone()))
            on_change=on_users
        />
    }
}
