//! The report table's rules: search, sort, pages and totals (here) and CSV export (`csv`). The
//! component only renders what these return.

mod csv;

pub use csv::{csv_file_name, neutralise, to_csv};

use super::compare::{percent_change, Change};
use super::pricing::CreditValue;
use chrono::NaiveDate;
use std::cmp::Ordering;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnKind {
    /// Names and labels; searched.
    Name,
    /// Other text (type, team); searched too.
    Text,
    /// A status, shown as a badge; searched too.
    Status,
    Credits,
    Count,
    /// Percent change of the column keyed `of` against the one keyed `against`; its total is
    /// the change of their totals.
    Change {
        of: &'static str,
        against: &'static str,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    pub key: &'static str,
    pub label: &'static str,
    pub kind: ColumnKind,
    /// Left out on phones, so that the name and the credits fit (the CSV keeps it).
    pub secondary: bool,
    /// The name in a CSV header, when not the key.
    csv: Option<&'static str>,
}

impl Column {
    pub const fn new(key: &'static str, label: &'static str, kind: ColumnKind) -> Self {
        Column {
            key,
            label,
            kind,
            secondary: false,
            csv: None,
        }
    }

    /// "Change": the percent change of the column keyed `of` against the one keyed `against`.
    pub const fn change(of: &'static str, against: &'static str) -> Self {
        Column::new("change", "Change", ColumnKind::Change { of, against })
    }

    /// A column named `name` in the CSV header.
    pub const fn csv_as(self, name: &'static str) -> Self {
        Column {
            csv: Some(name),
            ..self
        }
    }

    /// A column that phones leave out.
    pub const fn secondary(self) -> Self {
        Column {
            secondary: true,
            ..self
        }
    }

    pub fn numeric(&self) -> bool {
        matches!(
            self.kind,
            ColumnKind::Credits | ColumnKind::Count | ColumnKind::Change { .. }
        )
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
    Change(Change),
    /// No figure (for example tokens of an action that is not token-metered).
    Empty,
    /// A status, with the day it began when it is an end (an archived flow, a disabled pilot).
    Status(String, Option<NaiveDate>),
}

impl Cell {
    fn sort_key(&self) -> f64 {
        match self {
            Cell::Number(n) => *n,
            Cell::Change(Change::Percent(p)) => *p,
            Cell::Change(Change::New) => f64::INFINITY,
            Cell::Change(Change::Nothing) | Cell::Empty | Cell::Text(_) | Cell::Status(..) => {
                f64::NEG_INFINITY
            }
        }
    }

    pub fn text(&self) -> Option<&str> {
        match self {
            Cell::Text(t) | Cell::Status(t, _) => Some(t),
            _ => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortDir {
    Asc,
    Desc,
}

/// What the admin has set on a table. The sort names its column by key, so it follows the
/// column when others come and go (a comparison turned off removes Previous and Change), and
/// sorting by a column that is gone is simply no sort.
#[derive(Clone, Debug, PartialEq)]
pub struct TableState {
    pub sort: Option<(&'static str, SortDir)>,
    pub search: String,
    pub page: usize,
    pub page_size: usize,
}

impl Default for TableState {
    fn default() -> Self {
        TableState {
            sort: None,
            search: String::new(),
            page: 0,
            page_size: 25,
        }
    }
}

impl TableState {
    /// Clicking a header: numbers sort largest first, text A to Z; a second click reverses.
    pub fn toggle_sort(&mut self, col: &'static str, numeric: bool) {
        self.sort = Some(match self.sort {
            Some((c, SortDir::Desc)) if c == col => (col, SortDir::Asc),
            Some((c, SortDir::Asc)) if c == col => (col, SortDir::Desc),
            _ => (col, if numeric { SortDir::Desc } else { SortDir::Asc }),
        });
        self.page = 0;
    }
}

/// What searching and sorting compare, worked out once per answer rather than once per
/// keystroke or per comparison: every text cell lowercased (`None` for figures).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RowKeys {
    lower: Vec<Vec<Option<String>>>,
}

impl RowKeys {
    pub fn new(rows: &[Vec<Cell>]) -> Self {
        RowKeys {
            lower: rows
                .iter()
                .map(|r| r.iter().map(|c| c.text().map(str::to_lowercase)).collect())
                .collect(),
        }
    }

    fn text(&self, row: usize, col: usize) -> &str {
        self.lower
            .get(row)
            .and_then(|r| r.get(col))
            .and_then(|t| t.as_deref())
            .unwrap_or("")
    }
}

/// Rows matching the search, in sort order (a stable sort, so ties keep the service's order).
pub fn visible_rows(columns: &[Column], rows: &[Vec<Cell>], state: &TableState) -> Vec<usize> {
    visible_rows_with(columns, rows, &RowKeys::new(rows), state)
}

/// `visible_rows` with the keys of these rows made beforehand (`RowKeys::new(rows)`).
pub fn visible_rows_with(
    columns: &[Column],
    rows: &[Vec<Cell>],
    keys: &RowKeys,
    state: &TableState,
) -> Vec<usize> {
    let needle = state.search.trim().to_lowercase();
    let searched: Vec<usize> = columns
        .iter()
        .enumerate()
        .filter(|(_, c)| {
            matches!(
                c.kind,
                ColumnKind::Name | ColumnKind::Text | ColumnKind::Status
            )
        })
        .map(|(i, _)| i)
        .collect();
    let mut idx: Vec<usize> = (0..rows.len())
        .filter(|&i| {
            needle.is_empty()
                || searched
                    .iter()
                    .any(|&c| c < rows[i].len() && keys.text(i, c).contains(&needle))
        })
        .collect();
    let sort = state
        .sort
        .and_then(|(key, dir)| Some((columns.iter().position(|c| c.key == key)?, dir)));
    if let Some((col, dir)) = sort {
        let numeric = columns.get(col).is_some_and(Column::numeric);
        idx.sort_by(|&a, &b| {
            let (Some(x), Some(y)) = (rows[a].get(col), rows[b].get(col)) else {
                return Ordering::Equal;
            };
            let ord = if numeric {
                x.sort_key()
                    .partial_cmp(&y.sort_key())
                    .unwrap_or(Ordering::Equal)
            } else {
                keys.text(a, col).cmp(keys.text(b, col))
            };
            if dir == SortDir::Desc {
                ord.reverse()
            } else {
                ord
            }
        });
    }
    idx
}

/// One group of rows that share the text of a column (a team), in table order.
#[derive(Clone, Debug, PartialEq)]
pub struct RowGroup {
    pub name: String,
    pub rows: Vec<usize>,
}

/// `visible` gathered by the text of column `col`. Groups come in the table's sort order: by
/// the group's total of a numeric sort column, by name when sorted by the grouping column, and
/// else (no sort, or another text column) by the group's sum of the first credits column,
/// largest first, so the team that used the most comes first. Inside a group, rows keep the
/// table's order.
pub fn group_rows(
    columns: &[Column],
    rows: &[Vec<Cell>],
    visible: &[usize],
    col: usize,
    state: &TableState,
) -> Vec<RowGroup> {
    let mut groups: Vec<RowGroup> = Vec::new();
    let mut at: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for &r in visible {
        let name = rows[r].get(col).and_then(Cell::text).unwrap_or("");
        match at.get(name) {
            Some(&g) => groups[g].rows.push(r),
            None => {
                at.insert(name, groups.len());
                groups.push(RowGroup {
                    name: name.to_string(),
                    rows: vec![r],
                });
            }
        }
    }
    let sort = state
        .sort
        .and_then(|(key, dir)| Some((columns.iter().position(|c| c.key == key)?, dir)));
    let by_sum = |c: usize, dir: SortDir, groups: &mut Vec<RowGroup>| {
        // The group's total as the totals row shows it (a change compares its sums), worked
        // out once per group.
        let mut keyed: Vec<(f64, RowGroup)> = groups
            .drain(..)
            .map(|g| {
                let key = totals(columns, rows, &g.rows)
                    .get(c)
                    .copied()
                    .flatten()
                    .unwrap_or(f64::NEG_INFINITY);
                (key, g)
            })
            .collect();
        keyed.sort_by(|(a, _), (b, _)| {
            let ord = a.partial_cmp(b).unwrap_or(Ordering::Equal);
            if dir == SortDir::Desc {
                ord.reverse()
            } else {
                ord
            }
        });
        groups.extend(keyed.into_iter().map(|(_, g)| g));
    };
    match sort {
        Some((c, dir)) if columns.get(c).is_some_and(Column::numeric) => {
            by_sum(c, dir, &mut groups)
        }
        Some((c, dir)) if c == col => {
            groups.sort_by(|a, b| {
                let ord = a.name.to_lowercase().cmp(&b.name.to_lowercase());
                if dir == SortDir::Desc {
                    ord.reverse()
                } else {
                    ord
                }
            });
        }
        _ => {
            if let Some(c) = columns.iter().position(|c| c.kind == ColumnKind::Credits) {
                by_sum(c, SortDir::Desc, &mut groups);
            }
        }
    }
    groups
}

/// Number of pages for `n` rows (at least one).
pub fn page_count(n: usize, page_size: usize) -> usize {
    n.div_ceil(page_size.max(1)).max(1)
}

/// The rows of one page.
pub fn page<'a>(visible: &'a [usize], state: &TableState) -> &'a [usize] {
    let size = state.page_size.max(1);
    let page = state.page.min(page_count(visible.len(), size) - 1);
    let start = page * size;
    &visible[start.min(visible.len())..(start + size).min(visible.len())]
}

/// Sums of the summable columns (credits and counts) over `visible`; a change column's total
/// is the percent change of the totals it compares (none when that change is not a number).
pub fn totals(columns: &[Column], rows: &[Vec<Cell>], visible: &[usize]) -> Vec<Option<f64>> {
    let sums = sums(columns, rows, visible);
    let sum_of = |key: &str| {
        columns
            .iter()
            .position(|c| c.key == key)
            .and_then(|i| sums[i])
    };
    columns
        .iter()
        .zip(&sums)
        .map(|(col, sum)| match col.kind {
            ColumnKind::Change { of, against } => match (sum_of(of), sum_of(against)) {
                (Some(a), Some(b)) => match percent_change(a, b) {
                    Change::Percent(p) => Some(p),
                    _ => None,
                },
                _ => None,
            },
            _ => *sum,
        })
        .collect()
}

/// The money of each credits column over `visible` rows: the sum of each row's value rounded
/// to cents, so that a totals row is what its rows add up to (issue 28 item 3).
pub fn money_sums(
    columns: &[Column],
    rows: &[Vec<Cell>],
    visible: &[usize],
    value: &CreditValue,
) -> Vec<Option<f64>> {
    columns
        .iter()
        .enumerate()
        .map(|(c, col)| {
            (col.kind == ColumnKind::Credits).then(|| {
                let cents: f64 = visible
                    .iter()
                    .filter_map(|&r| match rows[r].get(c) {
                        Some(Cell::Number(n)) => Some((value.of(*n) * 100.0).round()),
                        _ => None,
                    })
                    .sum();
                cents / 100.0
            })
        })
        .collect()
}

fn sums(columns: &[Column], rows: &[Vec<Cell>], visible: &[usize]) -> Vec<Option<f64>> {
    columns
        .iter()
        .enumerate()
        .map(|(c, col)| {
            matches!(col.kind, ColumnKind::Credits | ColumnKind::Count).then(|| {
                let sum: f64 = visible
                    .iter()
                    .map(|&r| match rows[r].get(c) {
                        Some(Cell::Number(n)) => *n,
                        _ => 0.0,
                    })
                    .sum();
                // The sum of no rows is -0.0 in Rust; a total reads 0, never "-0".
                (sum * 100.0).round() / 100.0 + 0.0
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cols() -> Vec<Column> {
        vec![
            Column::new("name", "Name", ColumnKind::Name),
            Column::new("status", "Status", ColumnKind::Status),
            Column::new("credits", "Credits", ColumnKind::Credits),
            Column::change("credits", "previous"),
        ]
    }

    fn rows() -> Vec<Vec<Cell>> {
        let row = |n: &str, s: &str, c: f64, ch: Change| {
            vec![
                Cell::Text(n.into()),
                Cell::Text(s.into()),
                Cell::Number(c),
                Cell::Change(ch),
            ]
        };
        vec![
            row("Lead nurture", "active", 120.5, Change::Percent(10.0)),
            row("=HYPERLINK(\"x\")", "paused", 4.0, Change::New),
            row("beta flow", "active", 300.25, Change::Percent(-20.0)),
            row("Alpha", "draft", 0.0, Change::Nothing),
        ]
    }

    #[test]
    fn search_matches_names_case_insensitively() {
        let st = TableState {
            search: "FLOW".into(),
            ..Default::default()
        };
        assert_eq!(visible_rows(&cols(), &rows(), &st), vec![2]);
        let st = TableState {
            search: "paused".into(),
            ..Default::default()
        };
        assert_eq!(visible_rows(&cols(), &rows(), &st), vec![1]);
        let st = TableState {
            search: "zzz".into(),
            ..Default::default()
        };
        assert!(visible_rows(&cols(), &rows(), &st).is_empty());
    }

    #[test]
    fn sort_by_any_column_both_ways() {
        let mut st = TableState::default();
        st.toggle_sort("credits", true);
        assert_eq!(visible_rows(&cols(), &rows(), &st), vec![2, 0, 1, 3]);
        st.toggle_sort("credits", true);
        assert_eq!(visible_rows(&cols(), &rows(), &st), vec![3, 1, 0, 2]);
        st.toggle_sort("name", false);
        assert_eq!(visible_rows(&cols(), &rows(), &st), vec![1, 3, 2, 0]);
        st.toggle_sort("change", true);
        assert_eq!(
            visible_rows(&cols(), &rows(), &st),
            vec![1, 0, 2, 3],
            "new first, nothing last"
        );
    }

    #[test]
    fn a_sort_by_a_column_that_goes_away_is_no_sort() {
        let mut st = TableState::default();
        st.toggle_sort("change", true);
        // Show % turned off: the Change column and its cells are gone.
        let fewer: Vec<Column> = cols().into_iter().take(3).collect();
        let rows: Vec<Vec<Cell>> = rows()
            .into_iter()
            .map(|mut r| {
                r.truncate(3);
                r
            })
            .collect();
        assert_eq!(visible_rows(&fewer, &rows, &st), vec![0, 1, 2, 3]);
        // Sorting by a column the rows are too short for never indexes past them.
        let short: Vec<Vec<Cell>> = rows.iter().map(|r| r[..1].to_vec()).collect();
        st.toggle_sort("credits", true);
        assert_eq!(visible_rows(&fewer, &short, &st), vec![0, 1, 2, 3]);
    }

    #[test]
    fn pages_and_totals() {
        let visible: Vec<usize> = (0..53).collect();
        let mut st = TableState {
            page_size: 25,
            ..Default::default()
        };
        assert_eq!(page_count(53, 25), 3);
        assert_eq!(page_count(0, 25), 1);
        st.page = 2;
        assert_eq!(page(&visible, &st), &[50, 51, 52]);
        st.page = 99;
        assert_eq!(
            page(&visible, &st),
            &[50, 51, 52],
            "past the end shows the last page"
        );
        let t = totals(&cols(), &rows(), &[0, 2]);
        assert_eq!(t, vec![None, None, Some(420.75), None]);
        // No matching rows total a plain zero (an empty f64 sum is -0.0, written "-0").
        let none = totals(&cols(), &rows(), &[]);
        assert!(none[2].is_some_and(|z| z == 0.0 && z.is_sign_positive()));
    }

    #[test]
    fn a_status_with_its_day_searches_sorts_and_exports_by_its_text() {
        let columns = vec![
            Column::new("name", "Name", ColumnKind::Name),
            Column::new("status", "Status", ColumnKind::Status),
        ];
        let since = NaiveDate::from_ymd_opt(2026, 11, 3);
        let rows = vec![
            vec![
                Cell::Text("b".into()),
                Cell::Status("Archived".into(), since),
            ],
            vec![Cell::Text("a".into()), Cell::Status("Active".into(), None)],
        ];
        let mut st = TableState {
            search: "archiv".into(),
            ..Default::default()
        };
        assert_eq!(visible_rows(&columns, &rows, &st), vec![0]);
        st.search.clear();
        st.toggle_sort("status", false);
        assert_eq!(visible_rows(&columns, &rows, &st), vec![1, 0]);
        let csv = to_csv(&[], &columns, &rows, &[0, 1], None);
        let lines: Vec<&str> = csv.lines().collect();
        // Issue 28 item 12: the state and the day it began are two fields.
        assert_eq!(lines[0], "\"name\",\"status\",\"status_since\"");
        assert_eq!(lines[1], "\"b\",\"Archived\",\"2026-11-03\"");
        assert_eq!(lines[2], "\"a\",\"Active\",\"\"");
    }

    #[test]
    fn grouped_rows_come_team_by_team_in_the_tables_order() {
        let columns = vec![
            Column::new("user", "User", ColumnKind::Name),
            Column::new("team", "Team", ColumnKind::Text),
            Column::new("credits", "Credits", ColumnKind::Credits),
        ];
        let row = |u: &str, t: &str, c: f64| {
            vec![Cell::Text(u.into()), Cell::Text(t.into()), Cell::Number(c)]
        };
        // One big user in Ops, many middling ones in Sales: Sales used more.
        let rows = vec![
            row("a", "Ops", 100.0),
            row("b", "Sales", 60.0),
            row("c", "Sales", 50.0),
            row("d", "Ops", 1.0),
            row("e", "Sales", 40.0),
        ];
        let mut st = TableState::default();
        let all = visible_rows(&columns, &rows, &st);
        let names = |g: &[RowGroup]| g.iter().map(|g| g.name.clone()).collect::<Vec<_>>();
        let g = group_rows(&columns, &rows, &all, 1, &st);
        assert_eq!(names(&g), ["Sales", "Ops"]);
        assert_eq!(g[0].rows, [1, 2, 4]);
        assert_eq!(g[1].rows, [0, 3]);
        // Sorted by credits, smallest first: groups by their sums, rows inside by theirs.
        st.toggle_sort("credits", true);
        st.toggle_sort("credits", true);
        let v = visible_rows(&columns, &rows, &st);
        let g = group_rows(&columns, &rows, &v, 1, &st);
        assert_eq!(names(&g), ["Ops", "Sales"]);
        assert_eq!(g[0].rows, [3, 0]);
        assert_eq!(g[1].rows, [4, 2, 1]);
        // Sorted by team: by name; by user: largest team first, users A to Z inside.
        st.toggle_sort("team", false);
        st.toggle_sort("team", false);
        let v = visible_rows(&columns, &rows, &st);
        assert_eq!(
            names(&group_rows(&columns, &rows, &v, 1, &st)),
            ["Sales", "Ops"]
        );
        st.toggle_sort("user", false);
        let v = visible_rows(&columns, &rows, &st);
        let g = group_rows(&columns, &rows, &v, 1, &st);
        assert_eq!(names(&g), ["Sales", "Ops"]);
        assert_eq!(g[1].rows, [0, 3]);
        // A search keeps only matching rows, and their groups.
        let g = group_rows(&columns, &rows, &[3], 1, &st);
        assert_eq!(names(&g), ["Ops"]);
    }

    #[test]
    fn a_change_total_compares_the_totals_its_kind_names() {
        let columns = vec![
            Column::new("name", "Name", ColumnKind::Name),
            Column::new("credits", "Credits", ColumnKind::Credits),
            Column::new("previous", "Previous", ColumnKind::Credits).csv_as("previous_credits"),
            Column::change("credits", "previous"),
        ];
        let row = |c: f64, p: f64| {
            vec![
                Cell::Text("x".into()),
                Cell::Number(c),
                Cell::Number(p),
                Cell::Change(percent_change(c, p)),
            ]
        };
        let rows = vec![row(150.0, 100.0), row(50.0, 100.0)];
        assert_eq!(
            totals(&columns, &rows, &[0, 1]),
            vec![None, Some(200.0), Some(200.0), Some(0.0)]
        );
        assert_eq!(
            totals(&columns, &rows, &[0]),
            vec![None, Some(150.0), Some(100.0), Some(50.0)]
        );
        // Nothing before: no percentage to total.
        let rows = vec![row(5.0, 0.0)];
        assert_eq!(totals(&columns, &rows, &[0])[3], None);
        let header = to_csv(&[], &columns, &rows, &[], None);
        assert_eq!(
            header.trim_end(),
            "\"name\",\"credits\",\"previous_credits\",\"change_pct\""
        );
        // With a credit value, each credits column is followed by its value.
        let value = CreditValue {
            per_credit: 0.0085,
            currency: "USD".into(),
            effective: true,
        };
        let csv = to_csv(&[], &columns, &[row(150.0, 100.0)], &[0], Some(&value));
        let lines: Vec<&str> = csv.lines().collect();
        // Issue 28 item 3: the column names the rate it values credits at.
        assert_eq!(
            lines[0],
            "\"name\",\"credits\",\"value_usd_at_8.5_per_1000\",\"previous_credits\",\"previous_value_usd_at_8.5_per_1000\",\"change_pct\""
        );
        assert_eq!(lines[1], "\"x\",150,1.28,100,0.85,50.0");
    }

    #[test]
    fn csv_starts_with_its_header_and_carries_range_filters_and_as_of_on_every_row() {
        let constants = [
            ("range_from", "2026-11-01".to_string()),
            ("range_to", "2026-11-30".to_string()),
            ("teams", "Sales; =Ops".to_string()),
            ("as_of", "2026-11-27T12:00:00Z".to_string()),
        ];
        let csv = to_csv(&constants, &cols(), &rows(), &[1, 2, 3], None);
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(
            lines[0],
            "\"name\",\"status\",\"status_since\",\"credits\",\"change_pct\",\"range_from\",\"range_to\",\"teams\",\"as_of\""
        );
        // Issue 28 item 13: the part a `;` split would start with is neutralised too.
        let tail = ",\"2026-11-01\",\"2026-11-30\",\"'Sales;' =Ops\",\"2026-11-27T12:00:00Z\"";
        assert_eq!(
            lines[1],
            format!("\"'=HYPERLINK(\"\"x\"\")\",\"paused\",\"\",4,\"new\"{tail}")
        );
        assert_eq!(
            lines[2],
            format!("\"beta flow\",\"active\",\"\",300.25,-20.0{tail}")
        );
        assert_eq!(lines[3], format!("\"Alpha\",\"draft\",\"\",0,\"\"{tail}"));
        assert_eq!(lines.len(), 4);
        for bad in [
            "+1",
            "-2",
            "@SUM(A1)",
            "=1+1",
            "a;=1+1",
            "x\t@SUM(A1)",
            "ok, =2+2",
            " =1",
        ] {
            assert!(neutralise(bad).starts_with('\''), "{bad}");
        }
        assert_eq!(neutralise("Send email"), "Send email");
        assert_eq!(neutralise("Sales, Support"), "Sales, Support");
        assert_eq!(neutralise("x;=2+3;"), "'x;'=2+3;");
    }

    /// Issue 28 item 13: whatever separator a spreadsheet splits our comma file on, no field of
    /// any line starts a formula (quotes and spaces before it included).
    #[test]
    fn no_field_of_any_line_starts_a_formula_whatever_the_separator() {
        let columns = [
            Column::new("name", "Name", ColumnKind::Text),
            Column::new("status", "Status", ColumnKind::Text),
        ];
        let names = [
            "x;=2+3;",
            "a,=1+1",
            "tab\t@SUM(A1)",
            "=1+1",
            "ok; -2",
            "plain; text, here",
            ";=HYPERLINK(\"x\")",
            "q\";=1",
        ];
        let rows: Vec<Vec<Cell>> = names
            .iter()
            .map(|n| vec![Cell::Text((*n).into()), Cell::Text("active;+1".into())])
            .collect();
        let visible: Vec<usize> = (0..rows.len()).collect();
        let csv = to_csv(
            &[("teams", "Sales;=3".into())],
            &columns,
            &rows,
            &visible,
            None,
        );
        for line in csv.lines() {
            for sep in [',', ';', '\t'] {
                for field in line.split(sep) {
                    let bare = field.trim_start_matches([' ', '"']);
                    assert!(
                        !bare.starts_with(['=', '+', '-', '@']),
                        "{line:?} split on {sep:?} gives {field:?}"
                    );
                }
            }
        }
        assert!(csv.contains("\"'x;'=2+3;\""), "{csv}");
    }

    #[test]
    fn csv_file_names_are_safe() {
        let name = csv_file_name(&[
            "flows".into(),
            "2026-11-01-to-2026-11-30".into(),
            "teams-Sales & Ops/EMEA".into(),
            "as-of-2026-11-27T12:00:00Z".into(),
        ]);
        assert_eq!(
            name,
            "flows_2026-11-01-to-2026-11-30_teams-Sales-Ops-EMEA_as-of-2026-11-27T12-00-00Z.csv"
        );
    }
}
