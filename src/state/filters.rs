//! Global filters and widget filters.
//!
//! The rule: a widget starts from the global filters. A widget may choose its own date range,
//! teams or users. Changing a global filter overrides that dimension in every widget, discarding
//! the widget's choice for it; a later widget change applies to that widget alone.
//!
//! A widget's choice remembers the global value it was made against. When the global value of
//! that dimension changes, the choice no longer applies and is dropped, so no widget ever shows
//! a stale choice, not even for one frame.

use crate::api::types::{Directory, UsageQuery};
use crate::domain::{BillingAnchor, CompareWith, DatePreset, DateRange, RangeLimits};
use chrono::NaiveDate;

/// The dashboard-level filters, mirrored in the URL query.
/// The URL query keys of the dashboard's filters (other parameters of the URL, such as the
/// demo's, are left alone when these change).
pub mod query_keys {
    pub const FROM: &str = "from";
    pub const TO: &str = "to";
    pub const TEAMS: &str = "teams";
    pub const USERS: &str = "users";
    pub const ALL: [&str; 4] = [FROM, TO, TEAMS, USERS];
    /// The chart bucket the summary and the reports are narrowed to (`2026-11-24..2026-11-24`).
    pub const DRILL: &str = "drill";
}

/// The drill-down a URL asks for (`drill=2026-11-24..2026-11-24`), when it is a bucket the
/// chart can show: days of the dashboard's `range`, up to today. Anything else is no
/// drill-down.
pub fn drill_from_query(v: Option<&str>, today: NaiveDate, range: DateRange) -> Option<DateRange> {
    let (from, to) = v?.split_once("..")?;
    let asked = DateRange::new(DateRange::parse_date(from)?, DateRange::parse_date(to)?)?;
    (range.contains(asked.from) && range.contains(asked.to) && asked.to <= today).then_some(asked)
}

/// The URL value of a drill-down.
pub fn drill_to_query(r: DateRange) -> String {
    format!("{}..{}", r.from, r.to)
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GlobalFilters {
    pub range: DateRange,
    pub teams: Vec<String>,
    pub users: Vec<String>,
}

impl GlobalFilters {
    /// The default view: the current bill cycle, everyone.
    pub fn default_for(today: NaiveDate, anchor: BillingAnchor) -> Self {
        GlobalFilters {
            range: DatePreset::CurrentCycle.resolve(today, anchor),
            teams: Vec::new(),
            users: Vec::new(),
        }
    }

    /// Reads `from`, `to`, `teams`, `users` from the URL query. A bad or missing date range
    /// falls back to the current bill cycle, one beyond what the controls offer is clamped to
    /// it ([`RangeLimits`]); empty ids are ignored.
    pub fn from_query(
        get: impl Fn(&str) -> Option<String>,
        today: NaiveDate,
        anchor: BillingAnchor,
    ) -> Self {
        let default = Self::default_for(today, anchor);
        let range = Self::asked_range(&get)
            .and_then(|r| RangeLimits::new(today, anchor).clamp(r))
            .unwrap_or(default.range);
        GlobalFilters {
            range,
            teams: ids(get(query_keys::TEAMS)),
            users: ids(get(query_keys::USERS)),
        }
    }

    /// Whether the URL query names a date range (it may still be clamped or fall back).
    pub fn names_range(get: &impl Fn(&str) -> Option<String>) -> bool {
        Self::asked_range(get).is_some()
    }

    fn asked_range(get: &impl Fn(&str) -> Option<String>) -> Option<DateRange> {
        let date = |k: &str| get(k).and_then(|v| DateRange::parse_date(&v));
        DateRange::new(date(query_keys::FROM)?, date(query_keys::TO)?)
    }

    /// A line for the page when the link asked for dates the dashboard does not offer.
    pub fn link_notice(
        get: impl Fn(&str) -> Option<String>,
        today: NaiveDate,
        anchor: BillingAnchor,
    ) -> Option<String> {
        let raw = |k: &str| get(k).filter(|v| !v.trim().is_empty());
        let (from, to) = (raw(query_keys::FROM), raw(query_keys::TO));
        let shown = Self::from_query(&get, today, anchor).range;
        let Some(asked) = Self::asked_range(&get) else {
            // Dates that cannot be read are said too, not dropped in silence.
            let quoted = |v: &str| {
                let v: String = v.chars().take(40).collect();
                format!("\u{201c}{v}\u{201d} is not a date")
            };
            let why = match (from.as_deref(), to.as_deref()) {
                (None, None) => return None,
                (Some(f), _) if DateRange::parse_date(f).is_none() => quoted(f),
                (_, Some(t)) if DateRange::parse_date(t).is_none() => quoted(t),
                (Some(_), None) => "it names a start date without an end".to_string(),
                (None, Some(_)) => "it names an end date without a start".to_string(),
                (Some(f), Some(t)) => format!("its range ends before it starts ({f} to {t})"),
            };
            return Some(format!(
                "This link's dates could not be used: {why}. The dashboard shows the current bill cycle, {} to {}.",
                shown.from, shown.to
            ));
        };
        (asked != shown).then(|| {
            let limits = RangeLimits::new(today, anchor);
            format!(
                "This link asked for {} to {}; the dashboard offers dates from {} to {}, at most three years at once, so it shows {} to {}.",
                asked.from, asked.to, limits.earliest, limits.latest, shown.from, shown.to
            )
        })
    }

    /// These filters without the teams and users the directory does not have (a link from
    /// another account, or ids removed since), and how many were left out.
    pub fn known_in(&self, dir: &Directory) -> (Self, usize) {
        let keep = |ids: &[String], known: &dyn Fn(&str) -> bool| -> Vec<String> {
            ids.iter().filter(|id| known(id)).cloned().collect()
        };
        let teams = keep(&self.teams, &|id| dir.teams.iter().any(|t| t.id == id));
        let users = keep(&self.users, &|id| dir.users.iter().any(|u| u.id == id));
        let dropped = self.teams.len() - teams.len() + self.users.len() - users.len();
        (
            GlobalFilters {
                range: self.range,
                teams,
                users,
            },
            dropped,
        )
    }

    /// The query pairs for the URL; the default range is written too, so links are explicit.
    pub fn to_query(&self) -> Vec<(&'static str, String)> {
        let mut q = vec![
            (query_keys::FROM, self.range.from.to_string()),
            (query_keys::TO, self.range.to.to_string()),
        ];
        if !self.teams.is_empty() {
            q.push((query_keys::TEAMS, self.teams.join(",")));
        }
        if !self.users.is_empty() {
            q.push((query_keys::USERS, self.users.join(",")));
        }
        q
    }

    /// Chooses teams, dropping selected users who are not in them.
    pub fn with_teams(&self, teams: Vec<String>, dir: &Directory) -> Self {
        let users = users_within(&self.users, &teams, dir);
        GlobalFilters {
            teams,
            users,
            ..self.clone()
        }
    }
}

fn ids(v: Option<String>) -> Vec<String> {
    let mut out: Vec<String> = v
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty() && s.len() <= 64)
        .map(String::from)
        .collect();
    out.dedup();
    out
}

/// The users of `teams` (all users when no team is chosen), for the user picker.
pub fn user_options<'a>(teams: &[String], dir: &'a Directory) -> Vec<&'a crate::api::types::User> {
    dir.users
        .iter()
        .filter(|u| teams.is_empty() || teams.contains(&u.team_id))
        .collect()
}

/// `users` narrowed to members of `teams`.
pub fn users_within(users: &[String], teams: &[String], dir: &Directory) -> Vec<String> {
    if teams.is_empty() {
        return users.to_vec();
    }
    users
        .iter()
        .filter(|id| {
            dir.users
                .iter()
                .any(|u| &u.id == *id && teams.contains(&u.team_id))
        })
        .cloned()
        .collect()
}

/// A widget's choice for one dimension, with the global value it was made against.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Choice<T> {
    value: T,
    global_then: T,
}

impl<T: PartialEq + Clone> Choice<T> {
    fn applies(&self, global: &T) -> bool {
        &self.global_then == global
    }
}

/// One widget's own filters on top of the global ones.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WidgetFilters {
    range: Option<Choice<DateRange>>,
    teams: Option<Choice<Vec<String>>>,
    /// Made against the global teams and users: a change of either discards it, since the
    /// user list depends on the teams.
    users: Option<Choice<Vec<String>>>,
    users_teams_then: Vec<String>,
}

/// What a widget queries: the global filters with its own choices applied.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Effective {
    pub range: DateRange,
    pub teams: Vec<String>,
    pub users: Vec<String>,
}

impl Effective {
    pub fn query(&self, compare: CompareWith) -> UsageQuery {
        UsageQuery {
            range: self.range,
            teams: self.teams.clone(),
            users: self.users.clone(),
            compare,
            flow: None,
        }
    }
}

impl WidgetFilters {
    pub fn effective(&self, g: &GlobalFilters) -> Effective {
        let range = match &self.range {
            Some(c) if c.applies(&g.range) => c.value,
            _ => g.range,
        };
        let teams = match &self.teams {
            Some(c) if c.applies(&g.teams) => c.value.clone(),
            _ => g.teams.clone(),
        };
        let users = match &self.users {
            Some(c) if self.users_apply(c, g) => c.value.clone(),
            _ => g.users.clone(),
        };
        Effective {
            range,
            teams,
            users,
        }
    }

    fn users_apply(&self, c: &Choice<Vec<String>>, g: &GlobalFilters) -> bool {
        c.applies(&g.users) && self.users_teams_then == g.teams
    }

    /// Whether this widget shows something other than the dashboard's filters.
    pub fn differs(&self, g: &GlobalFilters) -> bool {
        let e = self.effective(g);
        e.range != g.range || e.teams != g.teams || e.users != g.users
    }

    /// Whether a global change has overridden one of this widget's choices.
    pub fn overridden_by(&self, g: &GlobalFilters) -> bool {
        self.range.as_ref().is_some_and(|c| !c.applies(&g.range))
            || self.teams.as_ref().is_some_and(|c| !c.applies(&g.teams))
            || self.users.as_ref().is_some_and(|c| !self.users_apply(c, g))
    }

    /// Drops choices that a global change has overridden. `effective` already ignores them;
    /// dropping them is what keeps them discarded when the global value comes back. The
    /// dashboard calls this on every global change.
    pub fn forget_overridden(&mut self, g: &GlobalFilters) {
        if self.range.as_ref().is_some_and(|c| !c.applies(&g.range)) {
            self.range = None;
        }
        if self.teams.as_ref().is_some_and(|c| !c.applies(&g.teams)) {
            self.teams = None;
        }
        if self.users.as_ref().is_some_and(|c| !self.users_apply(c, g)) {
            self.users = None;
        }
    }

    pub fn set_range(&mut self, range: DateRange, g: &GlobalFilters) {
        self.forget_overridden(g);
        self.range = Some(Choice {
            value: range,
            global_then: g.range,
        });
    }

    /// Chooses teams for this widget; its users narrow to members of those teams.
    pub fn set_teams(&mut self, teams: Vec<String>, g: &GlobalFilters, dir: &Directory) {
        self.forget_overridden(g);
        let users = users_within(&self.effective(g).users, &teams, dir);
        self.teams = Some(Choice {
            value: teams,
            global_then: g.teams.clone(),
        });
        if users != g.users || self.users.is_some() {
            self.users = Some(Choice {
                value: users,
                global_then: g.users.clone(),
            });
            self.users_teams_then = g.teams.clone();
        }
    }

    pub fn set_users(&mut self, users: Vec<String>, g: &GlobalFilters) {
        self.forget_overridden(g);
        self.users = Some(Choice {
            value: users,
            global_then: g.users.clone(),
        });
        self.users_teams_then = g.teams.clone();
    }

    /// Back to the dashboard's filters.
    pub fn reset(&mut self) {
        *self = WidgetFilters::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::types::{Team, User};
    use crate::domain::dates::fixtures::{d, r};

    fn dir() -> Directory {
        let user = |id: &str, team: &str| User {
            id: id.into(),
            name: id.into(),
            email: format!("{id}@example.com"),
            team_id: team.into(),
            role: None,
        };
        Directory {
            teams: vec![
                Team {
                    id: "t1".into(),
                    name: "One".into(),
                },
                Team {
                    id: "t2".into(),
                    name: "Two".into(),
                },
            ],
            users: vec![user("u1", "t1"), user("u2", "t1"), user("u3", "t2")],
        }
    }
    fn today() -> NaiveDate {
        d("2026-11-27")
    }
    fn anchor() -> BillingAnchor {
        BillingAnchor::new(1)
    }
    fn global() -> GlobalFilters {
        GlobalFilters::default_for(today(), anchor())
    }
    fn v(ids: &[&str]) -> Vec<String> {
        ids.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_drill_down_is_read_only_when_the_dashboard_offers_its_dates() {
        let today = d("2026-11-27");
        let range = r("2026-11-01", "2026-11-30");
        let read = |v: &str| drill_from_query(Some(v), today, range);
        assert_eq!(
            read("2026-11-24..2026-11-24"),
            Some(r("2026-11-24", "2026-11-24"))
        );
        assert_eq!(
            read("2026-11-16..2026-11-22"),
            Some(r("2026-11-16", "2026-11-22"))
        );
        assert_eq!(
            read("2026-11-01..2026-11-01"),
            Some(r("2026-11-01", "2026-11-01"))
        );
        assert_eq!(
            read("2026-11-23..2026-11-27"),
            Some(r("2026-11-23", "2026-11-27"))
        );
        assert_eq!(
            drill_to_query(r("2026-11-16", "2026-11-22")),
            "2026-11-16..2026-11-22"
        );
        for bad in [
            "",
            "2026-11-24",
            "2026-11-25..2026-11-24",
            "x..y",
            "2026-11-24..",
            "1999-01-01..1999-01-02",
            // Outside the dashboard's range, or after today (no usage yet).
            "2026-10-31..2026-11-01",
            "2026-11-28..2026-11-28",
            "2026-11-23..2026-11-29",
        ] {
            assert_eq!(read(bad), None, "{bad}");
        }
        assert_eq!(drill_from_query(None, today, range), None);
    }

    #[test]
    fn a_widget_starts_from_the_global_filters() {
        let g = global();
        let w = WidgetFilters::default();
        assert_eq!(
            w.effective(&g),
            Effective {
                range: g.range,
                teams: vec![],
                users: vec![]
            }
        );
        assert!(!w.differs(&g));
    }

    #[test]
    fn a_widget_change_stays_local() {
        let g = global();
        let mut a = WidgetFilters::default();
        let b = WidgetFilters::default();
        a.set_range(r("2026-11-20", "2026-11-27"), &g);
        assert_eq!(a.effective(&g).range, r("2026-11-20", "2026-11-27"));
        assert!(a.differs(&g));
        assert_eq!(b.effective(&g).range, g.range);
        assert!(!b.differs(&g));
    }

    #[test]
    fn a_global_change_overrides_that_dimension_only() {
        let g = global();
        let mut w = WidgetFilters::default();
        w.set_range(r("2026-11-20", "2026-11-27"), &g);
        w.set_teams(v(&["t2"]), &g, &dir());
        // The dashboard's range changes: the widget's range is discarded, its teams stay.
        let g2 = GlobalFilters {
            range: r("2026-10-01", "2026-10-31"),
            ..g.clone()
        };
        let e = w.effective(&g2);
        assert_eq!(e.range, g2.range);
        assert_eq!(e.teams, v(&["t2"]));
        // The dashboard's teams change: the widget's teams are discarded too.
        let g3 = g2.with_teams(v(&["t1"]), &dir());
        assert_eq!(w.effective(&g3).teams, v(&["t1"]));
        assert!(!w.differs(&g3));
        // Going back to the old global range does not bring the discarded choice back.
        w.forget_overridden(&g3);
        assert_eq!(w.effective(&g).range, g.range);
    }

    #[test]
    fn a_widget_change_after_a_global_change_applies_again() {
        let g = global();
        let mut w = WidgetFilters::default();
        w.set_range(r("2026-11-20", "2026-11-27"), &g);
        let g2 = GlobalFilters {
            range: r("2026-10-01", "2026-10-31"),
            ..g
        };
        w.set_range(r("2026-10-05", "2026-10-06"), &g2);
        assert_eq!(w.effective(&g2).range, r("2026-10-05", "2026-10-06"));
    }

    #[test]
    fn reset_returns_to_the_global_filters() {
        let g = global();
        let mut w = WidgetFilters::default();
        w.set_users(v(&["u3"]), &g);
        assert!(w.differs(&g));
        w.reset();
        assert!(!w.differs(&g));
        assert_eq!(w.effective(&g).users, Vec::<String>::new());
    }

    #[test]
    fn widget_teams_narrow_widget_users() {
        let g = GlobalFilters {
            users: v(&["u1", "u3"]),
            ..global()
        };
        let mut w = WidgetFilters::default();
        w.set_teams(v(&["t2"]), &g, &dir());
        assert_eq!(w.effective(&g).users, v(&["u3"]));
    }

    #[test]
    fn user_options_narrow_by_teams_and_choosing_teams_drops_outsiders() {
        let dir = dir();
        let ids = |t: &[&str]| {
            user_options(&v(t), &dir)
                .iter()
                .map(|u| u.id.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&[]), v(&["u1", "u2", "u3"]));
        assert_eq!(ids(&["t1"]), v(&["u1", "u2"]));
        let g = GlobalFilters {
            users: v(&["u1", "u3"]),
            ..global()
        };
        let g = g.with_teams(v(&["t2"]), &dir);
        assert_eq!(g.users, v(&["u3"]));
    }

    #[test]
    fn url_round_trip() {
        let g = GlobalFilters {
            range: r("2026-10-03", "2026-11-02"),
            teams: v(&["t1", "t2"]),
            users: v(&["u7"]),
        };
        let q = g.to_query();
        let get = |k: &str| q.iter().find(|(key, _)| *key == k).map(|(_, v)| v.clone());
        assert_eq!(GlobalFilters::from_query(get, today(), anchor()), g);
    }

    #[test]
    fn a_discarded_choice_stays_discarded_when_the_global_value_comes_back() {
        let a = global();
        let mut w = WidgetFilters::default();
        w.set_range(r("2026-10-01", "2026-10-07"), &a);
        assert_eq!(w.effective(&a).range, r("2026-10-01", "2026-10-07"));
        let b = GlobalFilters {
            range: r("2026-09-01", "2026-09-30"),
            ..a.clone()
        };
        assert!(w.overridden_by(&b));
        w.forget_overridden(&b);
        assert!(!w.overridden_by(&b));
        // Back to A (the select or Back): the dashboard's range, not the old widget choice.
        assert_eq!(w.effective(&a).range, a.range);
        assert!(!w.differs(&a));
    }

    #[test]
    fn ids_not_in_the_directory_are_dropped() {
        let g = GlobalFilters {
            teams: vec!["t1".into(), "t9".into()],
            users: vec!["u1".into(), "<script>".into()],
            ..global()
        };
        let (known, dropped) = g.known_in(&dir());
        assert_eq!(known.teams, vec!["t1".to_string()]);
        assert_eq!(known.users, vec!["u1".to_string()]);
        assert_eq!(dropped, 2);
    }

    #[test]
    fn a_link_beyond_the_offered_dates_is_clamped_and_says_so() {
        let q = |from: &'static str, to: &'static str| {
            move |k: &str| match k {
                "from" => Some(from.to_string()),
                "to" => Some(to.to_string()),
                _ => None,
            }
        };
        let g = GlobalFilters::from_query(q("0001-01-01", "2026-11-30"), today(), anchor());
        assert!(g.range.days() <= RangeLimits::MAX_DAYS);
        assert!(
            GlobalFilters::link_notice(q("0001-01-01", "2026-11-30"), today(), anchor()).is_some()
        );
        let g = GlobalFilters::from_query(q("-262143-01-01", "2026-11-30"), today(), anchor());
        assert!(g.range.days() <= RangeLimits::MAX_DAYS);
        assert_eq!(
            GlobalFilters::link_notice(q("2026-11-01", "2026-11-30"), today(), anchor()),
            None
        );
    }

    #[test]
    fn bad_url_values_fall_back_to_defaults() {
        let cases: &[&[(&str, &str)]] = &[
            &[("from", "2026-13-01"), ("to", "2026-11-30")],
            &[("from", "2026-11-30"), ("to", "2026-11-01")],
            &[("from", "yesterday")],
            &[("to", "2026-11-30")],
            &[("teams", ",,,"), ("users", "")],
        ];
        for pairs in cases {
            let get = |k: &str| {
                pairs
                    .iter()
                    .find(|(key, _)| *key == k)
                    .map(|(_, v)| v.to_string())
            };
            let g = GlobalFilters::from_query(get, today(), anchor());
            assert_eq!(g.range, global().range, "{pairs:?}");
            assert!(g.teams.is_empty() && g.users.is_empty(), "{pairs:?}");
        }
    }

    /// Issue 28 item 11: a link's dates that cannot be used are said, as clamped ones are.
    #[test]
    fn unreadable_link_dates_get_a_notice_naming_why() {
        let cases: &[(&[(&str, &str)], &str)] = &[
            (
                &[("from", "garbage"), ("to", "2026-11-30")],
                "\u{201c}garbage\u{201d} is not a date",
            ),
            (
                &[("from", "2026-02-30"), ("to", "2026-03-05")],
                "\u{201c}2026-02-30\u{201d} is not a date",
            ),
            (
                &[("from", "2026-11-30"), ("to", "2026-11-01")],
                "ends before it starts",
            ),
            (&[("from", "2026-11-01")], "a start date without an end"),
            (&[("to", "2026-11-30")], "an end date without a start"),
        ];
        for (pairs, says) in cases {
            let get = |k: &str| {
                pairs
                    .iter()
                    .find(|(key, _)| *key == k)
                    .map(|(_, v)| v.to_string())
            };
            let notice = GlobalFilters::link_notice(get, today(), anchor()).unwrap_or_default();
            assert!(notice.contains(says), "{pairs:?}: {notice}");
            assert!(notice.contains("current bill cycle"), "{notice}");
        }
        assert_eq!(
            GlobalFilters::link_notice(|_| None, today(), anchor()),
            None
        );
    }
}
