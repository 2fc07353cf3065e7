//! A widget's own view in the URL: its filters where they differ from the dashboard's, its
//! comparison, Show % and the chart's frequency, as comma-separated tokens under one key per
//! widget (`w.flows=range:2026-11-01..2026-11-07,cmp:pp,pct`). A pasted link opens exactly that
//! view, and Back steps through widget changes.
//!
//! The URL is read into the widget's signals when it changes (a link, Back), and the signals
//! are written to the URL when the admin changes them (a new history entry). Each side knows
//! what the other last settled on, so neither echoes the other. Tokens this version does not
//! know (another widget choice, such as `group:team`) are kept as they are.

use super::dash::{DashAnswers, DashFilters};
use super::filters::{GlobalFilters, WidgetFilters};
use super::url::use_query_navigator;
use crate::api::types::Directory;
use crate::domain::{CompareWith, DateRange, Frequency, Keyed, RangeLimits, WidgetId};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use leptos_router::params::ParamsMap;

/// What a widget shows beyond the dashboard's filters. `None` follows the dashboard.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WidgetView {
    pub range: Option<DateRange>,
    pub teams: Option<Vec<String>>,
    pub users: Option<Vec<String>>,
    pub compare: CompareWith,
    pub percent: bool,
    /// The chart's frequency, when not daily.
    pub frequency: Option<Frequency>,
}

/// Widget filters that show `q`'s range, teams and users over the dashboard's `g`: what a
/// report hands to the one it opens (a flow's actions for the range the flow's figure is of).
pub fn filters_showing(
    q: &crate::api::types::UsageQuery,
    g: &GlobalFilters,
    limits: RangeLimits,
    dir: &Directory,
) -> WidgetFilters {
    WidgetView {
        range: Some(q.range),
        teams: Some(q.teams.clone()),
        users: Some(q.users.clone()),
        ..WidgetView::default()
    }
    .filters(g, limits, dir)
}

/// `w.actions` after a flow is opened from the flows report whose answer was for `q`: the
/// flow's token, and the report's range, teams and users where they differ from the
/// dashboard's `g` (issue 28 item 9), so that the flow's actions are those of its figure. The
/// actions report's comparison and other tokens stay. One value, so opening a flow is one
/// history entry.
pub fn with_opened_flow(
    value: Option<&str>,
    q: &crate::api::types::UsageQuery,
    g: &GlobalFilters,
    (id, name): (&str, &str),
) -> String {
    let (mut view, others) = WidgetView::parse(value.unwrap_or(""));
    view.range = (q.range != g.range).then_some(q.range);
    view.teams = (q.teams != g.teams).then(|| q.teams.clone());
    view.users = (q.users != g.users).then(|| q.users.clone());
    view.tokens()
        .into_iter()
        .chain(others.into_iter().filter(|t| !t.starts_with("flow:")))
        .chain(std::iter::once(flow_token(id, name)))
        .collect::<Vec<_>>()
        .join(",")
}

/// Writes text into a token's argument: `%`, `,` and `~` (the separators) as `%25`, `%2C` and
/// `%7E`, so that any id or name reads back as it was.
pub fn escape(text: &str) -> String {
    text.replace('%', "%25")
        .replace(',', "%2C")
        .replace('~', "%7E")
}

/// Reads back what [`escape`] wrote (other `%` sequences stay as they are).
pub fn unescape(text: &str) -> String {
    text.replace("%2C", ",")
        .replace("%2c", ",")
        .replace("%7E", "~")
        .replace("%7e", "~")
        .replace("%25", "%")
}

fn ids(v: &str) -> Vec<String> {
    v.split('~')
        .filter(|s| !s.is_empty() && s.len() <= 64 * 3)
        .map(unescape)
        .filter(|s| s.len() <= 64)
        .collect()
}

fn join_ids(ids: &[String]) -> String {
    ids.iter().map(|i| escape(i)).collect::<Vec<_>>().join("~")
}

/// The token of the flow the actions report is narrowed to: `flow:<id>~<name>`.
pub fn flow_token(id: &str, name: &str) -> String {
    format!("flow:{}~{}", escape(id), escape(name))
}

/// The flow a `w.actions` value names, as (id, name).
pub fn flow_of(value: &str) -> Option<(String, String)> {
    value.split(',').find_map(|t| {
        let arg = t.strip_prefix("flow:")?;
        let (id, name) = arg.split_once('~').unwrap_or((arg, arg));
        let (id, name) = (unescape(id), unescape(name));
        (!id.is_empty() && id.len() <= 64).then(|| {
            (
                id.clone(),
                if name.is_empty() {
                    id
                } else {
                    name.chars().take(200).collect()
                },
            )
        })
    })
}

impl WidgetView {
    /// Reads a URL value; tokens it does not know come back as they are.
    pub fn parse(value: &str) -> (Self, Vec<String>) {
        let mut view = WidgetView::default();
        let mut others = Vec::new();
        for token in value.split(',').filter(|t| !t.is_empty()) {
            let (name, arg) = token.split_once(':').unwrap_or((token, ""));
            let known = match name {
                "range" => arg
                    .split_once("..")
                    .and_then(|(a, b)| {
                        DateRange::new(DateRange::parse_date(a)?, DateRange::parse_date(b)?)
                    })
                    .map(|r| view.range = Some(r))
                    .is_some(),
                "teams" => {
                    view.teams = Some(ids(arg));
                    true
                }
                "users" => {
                    view.users = Some(ids(arg));
                    true
                }
                "cmp" => match arg {
                    "pp" => {
                        view.compare = CompareWith::PreviousPeriod;
                        true
                    }
                    "py" => {
                        view.compare = CompareWith::PreviousYear;
                        true
                    }
                    _ => false,
                },
                "pct" if arg.is_empty() => {
                    view.percent = true;
                    true
                }
                "freq" => Frequency::from_key(arg)
                    .map(|f| view.frequency = (f != Frequency::Day).then_some(f))
                    .is_some(),
                _ => false,
            };
            if !known {
                others.push(token.to_string());
            }
        }
        // Show % means nothing without a comparison.
        view.percent &= view.compare != CompareWith::None;
        (view, others)
    }

    /// The tokens of this view, in a fixed order (the empty list when it follows the
    /// dashboard with no comparison).
    pub fn tokens(&self) -> Vec<String> {
        let mut t = Vec::new();
        if let Some(r) = self.range {
            t.push(format!("range:{}..{}", r.from, r.to));
        }
        if let Some(teams) = &self.teams {
            t.push(format!("teams:{}", join_ids(teams)));
        }
        if let Some(users) = &self.users {
            t.push(format!("users:{}", join_ids(users)));
        }
        match self.compare {
            CompareWith::None => {}
            CompareWith::PreviousPeriod => t.push("cmp:pp".into()),
            CompareWith::PreviousYear => t.push("cmp:py".into()),
        }
        if self.percent {
            t.push("pct".into());
        }
        if let Some(f) = self.frequency {
            t.push(format!("freq:{}", f.key()));
        }
        t
    }

    /// The filters part of a widget's state, as the dashboard's filters `g` see it.
    fn of_filters(f: &WidgetFilters, g: &GlobalFilters) -> Self {
        let e = f.effective(g);
        WidgetView {
            range: (e.range != g.range).then_some(e.range),
            teams: (e.teams != g.teams).then_some(e.teams),
            users: (e.users != g.users).then_some(e.users),
            ..WidgetView::default()
        }
    }

    /// Widget filters that show this view's filters over `g` (a range the dashboard does not
    /// offer is left out).
    fn filters(&self, g: &GlobalFilters, limits: RangeLimits, dir: &Directory) -> WidgetFilters {
        let mut f = WidgetFilters::default();
        if let Some(r) = self.range.filter(|r| limits.clamp(*r) == Some(*r)) {
            if r != g.range {
                f.set_range(r, g);
            }
        }
        if let Some(t) = self.teams.as_ref().filter(|t| **t != g.teams) {
            f.set_teams(t.clone(), g, dir);
        }
        if let Some(u) = self.users.as_ref().filter(|u| **u != f.effective(g).users) {
            f.set_users(u.clone(), g);
        }
        f
    }
}

/// Drops, from every widget's view in `q`, the choices a change of the dashboard's filters
/// overrides (the rule of `state::filters`): its range when the range changed, its teams and
/// users when the teams changed, its users when the users changed. `drill` says the change is a
/// drill-down, which overrides the range of the widgets that follow it (not the chart's).
pub fn forget_overridden(q: &mut ParamsMap, range: bool, teams: bool, users: bool, drill: bool) {
    let keys: Vec<String> = (&*q)
        .into_iter()
        .map(|(k, _)| k.to_string())
        .filter(|k| k.starts_with("w."))
        .filter(|k| {
            !drill
                || WidgetId::ALL
                    .into_iter()
                    .any(|w| w.follows_drill() && w.url_key() == Some(k.as_str()))
        })
        .collect();
    for key in keys {
        let Some(value) = q.get(&key) else { continue };
        let kept = without_overridden(&value, range, teams, users);
        if kept != value {
            q.remove(&key);
            if !kept.is_empty() {
                q.insert(key, kept);
            }
        }
    }
}

/// One widget's view without the choices a dashboard change overrides (see
/// [`forget_overridden`]).
fn without_overridden(value: &str, range: bool, teams: bool, users: bool) -> String {
    value
        .split(',')
        .filter(|t| !t.is_empty())
        .filter(|t| {
            let name = t.split(':').next().unwrap_or("");
            !((range && name == "range")
                || (teams && (name == "teams" || name == "users"))
                || (users && name == "users"))
        })
        .collect::<Vec<_>>()
        .join(",")
}

/// Keeps a widget's view and the URL in step (on the dashboard page only; a gallery card keeps
/// its own). `global` is what the widget's filters are chosen against.
pub fn sync_widget_url(
    widget: WidgetId,
    global: Memo<GlobalFilters>,
    filters: RwSignal<WidgetFilters>,
    compare: Option<RwSignal<CompareWith>>,
    percent: Option<RwSignal<bool>>,
    frequency: Option<RwSignal<Frequency>>,
) {
    let scope = DashFilters::expect();
    let answers = DashAnswers::expect();
    let Some(key) = widget.url_key().filter(|_| scope.in_url) else {
        return;
    };
    let query = use_query_map();
    let go = use_query_navigator();
    let limits = RangeLimits::new(scope.today, scope.anchor);
    let directory = answers.directory_list();
    // The widget's view now (tracked).
    let current = move || {
        let mut v = global.with(|g| filters.with(|f| WidgetView::of_filters(f, g)));
        v.compare = compare.map_or(CompareWith::None, |c| c.get());
        v.percent = percent.is_some_and(|p| p.get()) && v.compare != CompareWith::None;
        v.frequency = frequency.and_then(|f| Some(f.get()).filter(|f| *f != Frequency::Day));
        v.tokens()
    };
    // What the URL last said, and the view it settled on.
    let seen = StoredValue::new(None::<Option<String>>);
    let settled = StoredValue::new(Vec::<String>::new());
    // The URL (a link, Back, a dashboard change) into the widget.
    Effect::new(move |_| {
        let raw = query.with(|q| q.get(key));
        let g = global.get();
        let (view, _) = WidgetView::parse(raw.as_deref().unwrap_or(""));
        untrack(|| {
            let wanted = view.filters(&g, limits, &directory.get_untracked());
            let differs = filters
                .with(|f| WidgetView::of_filters(f, &g) != WidgetView::of_filters(&wanted, &g));
            if differs {
                filters.set(wanted);
            }
            if let Some(c) = compare.filter(|c| c.get() != view.compare) {
                c.set(view.compare);
            }
            if let Some(p) = percent.filter(|p| p.get() != view.percent) {
                p.set(view.percent);
            }
            let freq = view.frequency.unwrap_or(Frequency::Day);
            if let Some(f) = frequency.filter(|f| f.get() != freq) {
                f.set(freq);
            }
            settled.set_value(current());
        });
        seen.set_value(Some(raw));
    });
    // The admin's changes into the URL: a new history entry.
    Effect::new(move |_| {
        let now = current();
        let Some(seen_raw) = seen.get_value() else {
            return;
        };
        // The URL moved and the effect above has not read it yet: it decides.
        if query.with_untracked(|q| q.get(key)) != seen_raw {
            return;
        }
        if settled.with_value(|s| *s == now) {
            return;
        }
        settled.set_value(now.clone());
        let mut q = query.get_untracked();
        let (_, others) = WidgetView::parse(q.get_str(key).unwrap_or(""));
        let all: Vec<String> = now.into_iter().chain(others).collect();
        q.remove(key);
        if !all.is_empty() {
            q.insert(key, all.join(","));
        }
        let raw = q.get(key);
        seen.set_value(Some(raw));
        go(q);
    });
}

/// Keeps the flow the actions report is narrowed to and the URL in step (`flow:` in
/// `w.actions`): a link opens that flow's actions, Back undoes choosing it.
pub fn sync_flow_url(flow: RwSignal<Option<(String, String)>>) {
    let Some(key) = WidgetId::FlowActions.url_key() else {
        return;
    };
    let query = use_query_map();
    let go = use_query_navigator();
    // The flow the URL last said.
    let seen = StoredValue::new(None::<Option<(String, String)>>);
    Effect::new(move |_| {
        let from_url = query.with(|q| q.get_str(key).and_then(flow_of));
        untrack(|| {
            let same_id =
                flow.with(|f| f.as_ref().map(|(id, _)| id) == from_url.as_ref().map(|(id, _)| id));
            if !same_id {
                flow.set(from_url.clone());
            }
        });
        seen.set_value(Some(from_url));
    });
    Effect::new(move |_| {
        let now = flow.get();
        let Some(said) = seen.get_value() else {
            return;
        };
        if said.as_ref().map(|(id, _)| id) == now.as_ref().map(|(id, _)| id) {
            return;
        }
        let mut q = query.get_untracked();
        let mut tokens: Vec<String> = q
            .get_str(key)
            .unwrap_or_default()
            .split(',')
            .filter(|t| !t.is_empty() && !t.starts_with("flow:"))
            .map(String::from)
            .collect();
        if let Some((id, name)) = &now {
            tokens.push(flow_token(id, name));
        }
        q.remove(key);
        if !tokens.is_empty() {
            q.insert(key, tokens.join(","));
        }
        seen.set_value(Some(now));
        go(q);
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dates::fixtures::r;

    /// Issue 28 item 9: opening a flow hands the flows report's own range to the actions
    /// report, with the flow, in one value; the actions' comparison stays.
    #[test]
    fn an_opened_flow_carries_the_range_of_its_figure() {
        let g = GlobalFilters {
            range: r("2026-11-23", "2026-12-22"),
            teams: Vec::new(),
            users: Vec::new(),
        };
        let mut q = crate::api::types::UsageQuery::new(r("2026-11-01", "2026-11-30"));
        let v = with_opened_flow(
            Some("cmp:pp,flow:f9~Old"),
            &q,
            &g,
            ("f1", "Re-engagement, APAC"),
        );
        assert_eq!(
            v,
            "range:2026-11-01..2026-11-30,cmp:pp,flow:f1~Re-engagement%2C APAC"
        );
        // A report that follows the dashboard hands nothing but the flow.
        q.range = g.range;
        assert_eq!(
            with_opened_flow(Some("range:2026-11-01..2026-11-02"), &q, &g, ("f1", "A")),
            "flow:f1~A"
        );
    }

    #[test]
    fn a_view_reads_back_as_written_and_keeps_tokens_it_does_not_know() {
        let v = WidgetView {
            range: Some(r("2026-11-01", "2026-11-07")),
            teams: Some(vec!["t1".into(), "t2".into()]),
            users: Some(vec![]),
            compare: CompareWith::PreviousPeriod,
            percent: true,
            frequency: Some(Frequency::Week),
        };
        let text = v.tokens().join(",");
        assert_eq!(
            text,
            "range:2026-11-01..2026-11-07,teams:t1~t2,users:,cmp:pp,pct,freq:week"
        );
        assert_eq!(WidgetView::parse(&text), (v, vec![]));
        let (v, others) = WidgetView::parse("group:team,cmp:py,x:1");
        assert_eq!(v.compare, CompareWith::PreviousYear);
        assert_eq!(others, ["group:team", "x:1"]);
        // Nonsense is no choice; Show % needs a comparison; daily is the default.
        let (v, others) = WidgetView::parse("range:2026-11-09..2026-11-01,cmp:zz,pct,freq:day");
        assert_eq!(v, WidgetView::default());
        assert_eq!(others, ["range:2026-11-09..2026-11-01", "cmp:zz"]);
        assert!(WidgetView::default().tokens().is_empty());
    }

    #[test]
    fn ids_and_flow_names_with_separators_read_back_as_they_were() {
        let v = WidgetView {
            teams: Some(vec!["t~1".into(), "a,b".into(), "50%".into()]),
            ..WidgetView::default()
        };
        let text = v.tokens().join(",");
        assert_eq!(text, "teams:t%7E1~a%2Cb~50%25");
        assert_eq!(WidgetView::parse(&text), (v, vec![]));
        let token = flow_token("f,1", "Upsell: EMEA, ~new~ 100%");
        let value = format!("cmp:pp,{token}");
        assert_eq!(
            flow_of(&value),
            Some(("f,1".into(), "Upsell: EMEA, ~new~ 100%".into()))
        );
        // The flow is a token the widget's own view keeps as it is.
        let (view, others) = WidgetView::parse(&value);
        assert_eq!(view.compare, CompareWith::PreviousPeriod);
        assert_eq!(others, [token]);
        assert_eq!(flow_of("flow:f9"), Some(("f9".into(), "f9".into())));
        assert_eq!(flow_of("flow:"), None);
        assert_eq!(flow_of("cmp:pp"), None);
    }

    #[test]
    fn a_dashboard_change_drops_the_widget_choices_it_overrides() {
        let flows = "range:2026-11-01..2026-11-07,teams:t1,users:u1,cmp:pp,group:team";
        assert_eq!(
            without_overridden(flows, true, false, false),
            "teams:t1,users:u1,cmp:pp,group:team"
        );
        assert_eq!(
            without_overridden(flows, false, true, false),
            "range:2026-11-01..2026-11-07,cmp:pp,group:team"
        );
        assert_eq!(
            without_overridden(flows, false, false, true),
            "range:2026-11-01..2026-11-07,teams:t1,cmp:pp,group:team"
        );
        assert_eq!(
            without_overridden("range:2026-11-01..2026-11-07", true, false, false),
            ""
        );
        assert_eq!(without_overridden(flows, false, false, false), flows);
    }
}
