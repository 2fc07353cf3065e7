//! A report as the contract pages it (DESIGN 11): the rows that match a search and the table's
//! own filters, in the order asked, one page at a time, with the count and the totals of every
//! matching row.

use crate::Refusal;
use credit_contract::domain::{percent_change, Change, Credits};
use credit_contract::types::*;
use std::cmp::Ordering;

/// What paging needs to know of a report's row.
pub(crate) trait Row {
    /// The sort keys this report has besides `name`, `credits`, `previous_credits` and
    /// `change_pct`.
    const OWN_KEYS: &'static [&'static str];
    /// The row's name, and an id that breaks ties (so pages never repeat or skip a row).
    fn name(&self) -> &str;
    fn id(&self) -> &str;
    fn credits(&self) -> Credits;
    fn previous(&self) -> Option<Credits>;
    fn tokens(&self) -> Option<Tokens> {
        None
    }
    fn executions(&self) -> Option<u64> {
        None
    }
    /// How many users the row stands for (a team's row).
    fn users(&self) -> Option<u64> {
        None
    }
    /// The wire key of the row's status and type, where it has them.
    fn status(&self) -> Option<String> {
        None
    }
    fn kind(&self) -> Option<String> {
        None
    }
    /// The text of one of its own text keys (`team_name`).
    fn text(&self, _key: &str) -> Option<&str> {
        None
    }
}

/// The wire text of an enumerated value, known (`key` names it) or not.
fn key_of<T: Copy>(v: &Open<T>, key: fn(T) -> &'static str) -> String {
    match v {
        Open::Known(t) => key(*t).to_string(),
        Open::Unknown(raw) => raw.clone(),
    }
}

fn flow_type(t: FlowType) -> &'static str {
    match t {
        FlowType::SmartFlow => "smart_flow",
        FlowType::ExecutionFlow => "execution_flow",
    }
}

fn flow_status(s: FlowStatus) -> &'static str {
    match s {
        FlowStatus::Active => "active",
        FlowStatus::Paused => "paused",
        FlowStatus::Draft => "draft",
        FlowStatus::Archived => "archived",
    }
}

fn pilot_status(s: PilotStatus) -> &'static str {
    match s {
        PilotStatus::Active => "active",
        PilotStatus::Paused => "paused",
        PilotStatus::Disabled => "disabled",
    }
}

/// A row's name, id, credits and previous credits, from its fields of those names.
macro_rules! names_and_credits {
    ($name:ident, $id:ident) => {
        fn name(&self) -> &str {
            &self.$name
        }
        fn id(&self) -> &str {
            &self.$id
        }
        fn credits(&self) -> Credits {
            self.credits
        }
        fn previous(&self) -> Option<Credits> {
            self.previous_credits
        }
    };
}

impl Row for CopilotUserRow {
    const OWN_KEYS: &'static [&'static str] = &["team_name", "tokens"];
    names_and_credits!(user_name, user_id);
    fn tokens(&self) -> Option<Tokens> {
        Some(self.tokens)
    }
    fn text(&self, key: &str) -> Option<&str> {
        (key == "team_name").then_some(self.team_name.as_str())
    }
}

impl Row for CopilotTeamRow {
    const OWN_KEYS: &'static [&'static str] = &["team_name", "tokens", "users"];
    names_and_credits!(team_name, team_id);
    fn tokens(&self) -> Option<Tokens> {
        Some(self.tokens)
    }
    fn users(&self) -> Option<u64> {
        Some(self.users)
    }
    fn text(&self, key: &str) -> Option<&str> {
        (key == "team_name").then_some(self.team_name.as_str())
    }
}

impl Row for FlowRow {
    const OWN_KEYS: &'static [&'static str] = &["type", "status"];
    names_and_credits!(name, flow_id);
    fn status(&self) -> Option<String> {
        Some(key_of(&self.status, flow_status))
    }
    fn kind(&self) -> Option<String> {
        Some(key_of(&self.flow_type, flow_type))
    }
}

impl Row for FlowActionRow {
    const OWN_KEYS: &'static [&'static str] = &["type", "executions", "tokens"];
    names_and_credits!(action, action);
    fn tokens(&self) -> Option<Tokens> {
        self.tokens
    }
    fn executions(&self) -> Option<u64> {
        Some(self.executions)
    }
    fn kind(&self) -> Option<String> {
        Some(key_of(&self.flow_type, flow_type))
    }
}

impl Row for AiPilotRow {
    const OWN_KEYS: &'static [&'static str] = &["status", "tokens"];
    names_and_credits!(name, pilot_id);
    fn tokens(&self) -> Option<Tokens> {
        Some(self.tokens)
    }
    fn status(&self) -> Option<String> {
        Some(key_of(&self.status, pilot_status))
    }
}

/// The sort keys every report has.
pub(crate) const COMMON_KEYS: [&str; 4] = ["name", "credits", "previous_credits", "change_pct"];

/// Whether `key` sorts by a figure (largest first without `dir`) rather than by text.
fn numeric(key: &str) -> bool {
    !matches!(key, "name" | "team_name" | "status" | "type")
}

/// The totals of `rows`: credits, previous credits when compared, and tokens and executions
/// where the report's rows count them.
pub(crate) fn totals<R: Row>(rows: &[R], compared: bool) -> ReportTotals {
    let mut t = ReportTotals {
        previous_credits: compared.then_some(Credits(0)),
        ..ReportTotals::default()
    };
    for r in rows {
        t.credits = Credits(t.credits.0 + r.credits().0);
        if let Some(p) = t.previous_credits.as_mut() {
            p.0 += r.previous().unwrap_or_default().0;
        }
        if let Some(k) = r.tokens() {
            let sum = t.tokens.get_or_insert(Tokens {
                input: 0,
                output: 0,
            });
            sum.input += k.input;
            sum.output += k.output;
        }
        if let Some(e) = r.executions() {
            *t.executions.get_or_insert(0) += e;
        }
    }
    t
}

/// A row's value under a sort key.
enum Value {
    Number(f64),
    Text(String),
}

fn value<R: Row>(r: &R, key: &str) -> Value {
    let credits = r.credits().as_f64();
    let previous = r.previous().unwrap_or_default().as_f64();
    match key {
        "name" => Value::Text(r.name().to_lowercase()),
        "credits" => Value::Number(credits),
        "previous_credits" => Value::Number(previous),
        // New usage ranks above any rise; no usage in either range below any fall.
        "change_pct" => Value::Number(match percent_change(credits, previous) {
            Change::Percent(p) => p,
            Change::New => f64::INFINITY,
            Change::Nothing => f64::NEG_INFINITY,
        }),
        "tokens" => Value::Number(r.tokens().map_or(0.0, |t| (t.input + t.output) as f64)),
        "executions" => Value::Number(r.executions().unwrap_or_default() as f64),
        "users" => Value::Number(r.users().unwrap_or_default() as f64),
        "status" => Value::Text(r.status().unwrap_or_default()),
        "type" => Value::Text(r.kind().unwrap_or_default()),
        other => Value::Text(r.text(other).unwrap_or_default().to_lowercase()),
    }
}

/// A row's place in the order: its value, then its name and id, which break ties.
struct Place {
    value: Value,
    name: String,
    id: String,
}

/// The order of `places` (indexes into them): by value, `desc` or not, then by name and id.
/// Not generic, so the four reports share one sort.
fn order(places: &[Place], desc: bool) -> Vec<usize> {
    let mut at: Vec<usize> = (0..places.len()).collect();
    at.sort_by(|&a, &b| {
        let (a, b) = (&places[a], &places[b]);
        let by_value = match (&a.value, &b.value) {
            (Value::Number(x), Value::Number(y)) => x.total_cmp(y),
            (Value::Text(x), Value::Text(y)) => x.cmp(y),
            (Value::Number(_), Value::Text(_)) => Ordering::Less,
            (Value::Text(_), Value::Number(_)) => Ordering::Greater,
        };
        let by_value = if desc { by_value.reverse() } else { by_value };
        by_value
            .then_with(|| a.name.cmp(&b.name))
            .then_with(|| a.id.cmp(&b.id))
    });
    at
}

/// Where a cursor starts: `o{offset}` (opaque to clients).
pub(crate) fn offset_of(cursor: Option<&str>) -> Result<usize, Refusal> {
    match cursor.filter(|c| !c.is_empty()) {
        None => Ok(0),
        Some(c) => c
            .strip_prefix('o')
            .and_then(|n| n.parse().ok())
            .ok_or_else(|| Refusal::Rejected {
                status: 400,
                code: "invalid_cursor".into(),
                message: "`cursor` is not one this service gave; start again without it.".into(),
            }),
    }
}

/// The page of `report` that `view` asks for. `also` gives a row's other searchable text (a
/// Copilot user's email). The report holds every row; its totals become those of the rows
/// that match.
pub(crate) fn page<R: Row>(
    mut report: Report<R>,
    view: &ReportView,
    also: &dyn Fn(&R) -> Option<String>,
) -> Result<Report<R>, Refusal> {
    let start = offset_of(view.cursor.as_deref())?;
    let needle = view.q.trim().to_lowercase();
    report.rows.retain(|r| {
        (needle.is_empty()
            || r.name().to_lowercase().contains(&needle)
            || also(r).is_some_and(|t| t.to_lowercase().contains(&needle)))
            && (view.status.is_empty() || r.status().is_some_and(|s| view.status.contains(&s)))
            && (view.kind.is_empty() || r.kind().is_some_and(|k| view.kind.contains(&k)))
    });
    let key = view.sort.as_deref().unwrap_or("credits");
    let places: Vec<Place> = report
        .rows
        .iter()
        .map(|r| Place {
            value: value(r, key),
            name: r.name().to_lowercase(),
            id: r.id().to_string(),
        })
        .collect();
    let at = order(&places, view.desc.unwrap_or(numeric(key)));
    let mut rows: Vec<Option<R>> = report.rows.drain(..).map(Some).collect();
    report.rows = at.into_iter().filter_map(|i| rows[i].take()).collect();
    let compared = report.comparison_range.is_some();
    report.totals = Some(totals(&report.rows, compared));
    report.total_rows = Some(report.rows.len() as u64);
    let limit = view.limit.map_or(report.rows.len(), |l| l as usize);
    report.next_cursor = window(&mut report.rows, start, limit);
    Ok(report)
}

/// Keeps the `limit` items of `items` from `start`; returns the cursor of the next page, if
/// any is left.
pub(crate) fn window<T>(items: &mut Vec<T>, start: usize, limit: usize) -> Option<String> {
    let end = start.saturating_add(limit).min(items.len());
    let next = (end < items.len()).then(|| format!("o{end}"));
    items.truncate(end);
    items.drain(..start.min(end));
    next
}

/// `copilot-users?group=team`: the users' report (already searched and filtered) gathered into
/// one row a team, with its users' subtotals, in the order and page `view` asks (its search
/// and filters are not asked of the teams again).
pub(crate) fn by_team(users: CopilotUsers, view: &ReportView) -> Result<CopilotTeams, Refusal> {
    let compared = users.comparison_range.is_some();
    let mut teams: Vec<CopilotTeamRow> = Vec::new();
    let mut at = std::collections::HashMap::<String, usize>::new();
    for u in users.rows {
        let i = *at.entry(u.team_id.clone()).or_insert_with(|| {
            teams.push(CopilotTeamRow {
                team_id: u.team_id.clone(),
                team_name: u.team_name.clone(),
                users: 0,
                credits: Credits(0),
                tokens: Tokens {
                    input: 0,
                    output: 0,
                },
                previous_credits: compared.then_some(Credits(0)),
            });
            teams.len() - 1
        });
        let t = &mut teams[i];
        t.users += 1;
        t.credits = Credits(t.credits.0 + u.credits.0);
        t.tokens.input += u.tokens.input;
        t.tokens.output += u.tokens.output;
        if let Some(p) = t.previous_credits.as_mut() {
            p.0 += u.previous_credits.unwrap_or_default().0;
        }
    }
    let teams = Report::whole(users.range, users.comparison_range, teams);
    let view = ReportView {
        q: String::new(),
        status: Vec::new(),
        kind: Vec::new(),
        ..view.clone()
    };
    page(teams, &view, &|_| None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use credit_contract::domain::DateRange;

    fn flow(id: &str, name: &str, credits: i64, previous: i64, status: FlowStatus) -> FlowRow {
        FlowRow {
            flow_id: id.into(),
            name: name.into(),
            flow_type: FlowType::SmartFlow.into(),
            status: status.into(),
            credits: Credits(credits),
            previous_credits: Some(Credits(previous)),
            stopped_on: None,
        }
    }

    fn report() -> Flows {
        let range = DateRange::new(
            chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
            chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
        )
        .unwrap();
        Report::whole(
            range,
            Some(range),
            vec![
                flow("f1", "Beta", 500, 100, FlowStatus::Active),
                flow("f2", "alpha", 500, 0, FlowStatus::Paused),
                flow("f3", "Gamma", 100, 400, FlowStatus::Active),
                flow("f4", "Delta", 0, 0, FlowStatus::Archived),
            ],
        )
    }

    fn names(r: &Flows) -> Vec<&str> {
        r.rows.iter().map(|r| r.name.as_str()).collect()
    }

    fn none(_: &FlowRow) -> Option<String> {
        None
    }

    #[test]
    fn pages_follow_the_order_and_totals_cover_every_matching_row() {
        let mut view = ReportView {
            limit: Some(3),
            ..ReportView::default()
        };
        let first = page(report(), &view, &none).unwrap();
        // Most credits first; ties by name.
        assert_eq!(names(&first), ["alpha", "Beta", "Gamma"]);
        assert_eq!(first.total_rows, Some(4));
        let t = first.totals.unwrap();
        assert_eq!(
            (t.credits, t.previous_credits),
            (Credits(1100), Some(Credits(500)))
        );
        view.cursor = first.next_cursor.clone();
        let second = page(report(), &view, &none).unwrap();
        assert_eq!(names(&second), ["Delta"]);
        assert_eq!(second.next_cursor, None);
        assert_eq!(second.totals, first.totals);

        view = ReportView {
            sort: Some("name".into()),
            ..ReportView::default()
        };
        assert_eq!(
            names(&page(report(), &view, &none).unwrap()),
            ["alpha", "Beta", "Delta", "Gamma"]
        );
        view.desc = Some(true);
        view.sort = Some("change_pct".into());
        // New usage first, then the rise, the fall, and no usage at all last.
        assert_eq!(
            names(&page(report(), &view, &none).unwrap()),
            ["alpha", "Beta", "Gamma", "Delta"]
        );
    }

    #[test]
    fn a_search_and_the_filters_narrow_the_rows_and_their_totals() {
        let view = ReportView {
            q: " TA ".into(),
            status: vec!["active".into(), "archived".into()],
            ..ReportView::default()
        };
        let r = page(report(), &view, &none).unwrap();
        // "alpha" is paused and "Gamma" has no "ta".
        assert_eq!(names(&r), ["Beta", "Delta"]);
        assert_eq!(r.totals.unwrap().credits, Credits(500));
        let view = ReportView {
            kind: vec!["execution_flow".into()],
            ..ReportView::default()
        };
        let r = page(report(), &view, &none).unwrap();
        assert_eq!((r.rows.len(), r.total_rows), (0, Some(0)));
        let bad = ReportView {
            cursor: Some("nonsense".into()),
            ..ReportView::default()
        };
        assert!(page(report(), &bad, &none).is_err());
    }
}

#[cfg(test)]
mod keys {
    use super::*;

    #[test]
    fn the_filters_keys_are_the_wire_keys() {
        let wire = |v: &dyn erased::Wire| v.text();
        for t in [FlowType::SmartFlow, FlowType::ExecutionFlow] {
            assert_eq!(flow_type(t), wire(&t));
        }
        for s in [
            FlowStatus::Active,
            FlowStatus::Paused,
            FlowStatus::Draft,
            FlowStatus::Archived,
        ] {
            assert_eq!(flow_status(s), wire(&s));
        }
        for s in [
            PilotStatus::Active,
            PilotStatus::Paused,
            PilotStatus::Disabled,
        ] {
            assert_eq!(pilot_status(s), wire(&s));
        }
    }

    mod erased {
        pub trait Wire {
            fn text(&self) -> String;
        }
        impl<T: serde::Serialize> Wire for T {
            fn text(&self) -> String {
                serde_json::to_value(self)
                    .unwrap()
                    .as_str()
                    .unwrap()
                    .to_string()
            }
        }
    }
}
