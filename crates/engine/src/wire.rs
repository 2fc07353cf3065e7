//! The engine as a service: a request in the contract's wire form (method, path under the API's
//! base, decoded query pairs, headers, body) in; status, headers and a JSON body out, as
//! docs/openapi.json says. Every host of the engine (the page's demo, the reference server, the
//! tests) asks through this one door, so the demo takes the road a real service's answers take.

use crate::engine::paging::{self, Row};
use crate::engine::Engine;
use crate::Endpoint;
use crate::Refusal;
use credit_contract::domain::{CompareWith, DateRange, Frequency, Keyed};
use credit_contract::types::{
    AiPilotRow, AlertSettings, AutoRechargeSettings, CopilotTeamRow, CopilotUserRow, CopilotUsers,
    ErrorBody, ErrorDetail, FlowActionRow, FlowRow, HistoryQuery, LedgerKind, PurchaseRequest,
    ReportView, UsageQuery, UserSearch,
};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// One request, as a host received it.
#[derive(Clone, Copy, Debug)]
pub struct Request<'a> {
    /// `GET`, `POST` or `PUT` (any case).
    pub method: &'a str,
    /// The path under the API's base: `/credits/balance`.
    pub path: &'a str,
    /// The query's pairs, already percent-decoded, in order.
    pub query: &'a [(String, String)],
    /// Header names in any case.
    pub headers: &'a [(String, String)],
    pub body: Option<&'a str>,
}

impl Request<'_> {
    /// The first value of header `name` (names compare without case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn param(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// One answer: a status, its headers and a JSON body (the contract's error shape for a 4xx).
#[derive(Clone, Debug, PartialEq)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Response {
    /// `status` with `value` as its JSON body.
    pub fn json(status: u16, value: &impl Serialize) -> Response {
        match serde_json::to_string(value) {
            Ok(body) => Response {
                status,
                headers: vec![("content-type".into(), "application/json".into())],
                body,
            },
            Err(e) => Response::error(500, "internal", &format!("could not encode: {e}")),
        }
    }

    /// The contract's error body: `{"error": {"code", "message"}}`.
    pub fn error(status: u16, code: &str, message: &str) -> Response {
        let body = ErrorBody {
            error: ErrorDetail {
                code: code.into(),
                message: message.into(),
            },
        };
        Response {
            status,
            headers: vec![("content-type".into(), "application/json".into())],
            body: serde_json::to_string(&body).unwrap_or_default(),
        }
    }

    fn refused(r: Refusal) -> Response {
        match r {
            Refusal::Rejected {
                status,
                code,
                message,
            } => Response::error(status, &code, &message),
            Refusal::NotFound { endpoint } => {
                Response::error(404, "not_found", &format!("No such thing: {endpoint}."))
            }
        }
    }
}

/// A 400 for a query parameter the contract does not allow.
fn invalid(message: impl Into<String>) -> Refusal {
    Refusal::Rejected {
        status: 400,
        code: "invalid_parameter".into(),
        message: message.into(),
    }
}

/// The days a request may name: a date of four digits whose comparisons (a year, a period
/// earlier) are dates of four digits too.
const FIRST_DAY: (i32, u32, u32) = (1900, 1, 1);
const LAST_DAY: (i32, u32, u32) = (9999, 12, 31);

fn date_param(req: &Request, name: &str) -> Result<Option<chrono::NaiveDate>, Refusal> {
    let day = |(y, m, d)| chrono::NaiveDate::from_ymd_opt(y, m, d);
    req.param(name)
        .map(|v| {
            DateRange::parse_date(v)
                .filter(|d| Some(*d) >= day(FIRST_DAY) && Some(*d) <= day(LAST_DAY))
                .ok_or_else(|| {
                    invalid(format!(
                        "`{name}` must be a date (YYYY-MM-DD) from 1900-01-01 to 9999-12-31."
                    ))
                })
        })
        .transpose()
}

fn range_of(req: &Request) -> Result<DateRange, Refusal> {
    let from = date_param(req, "from")?.ok_or_else(|| invalid("`from` is required."))?;
    let to = date_param(req, "to")?.ok_or_else(|| invalid("`to` is required."))?;
    let range = DateRange::new(from, to)
        .ok_or_else(|| invalid("`from` must be a date on or before `to`."))?;
    // A comparison goes back as far as the range is long: a century keeps its days in four
    // digits too.
    if (to - from).num_days() > MAX_RANGE_DAYS {
        return Err(invalid("A range spans at most 100 years."));
    }
    Ok(range)
}

/// The longest range a request may name: 100 years.
const MAX_RANGE_DAYS: i64 = 36_525;

/// A comma-separated list; absent or empty is none.
fn list(req: &Request, name: &str) -> Vec<String> {
    req.param(name)
        .map(|v| {
            v.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect()
        })
        .unwrap_or_default()
}

/// The filters of a usage report (`from`, `to`, `teams`, `users`, `compare`, `flow_id`).
fn usage_query(req: &Request) -> Result<UsageQuery, Refusal> {
    let compare = match req.param("compare") {
        None => CompareWith::None,
        Some(v) => CompareWith::from_key(v)
            .filter(|c| *c != CompareWith::None)
            .ok_or_else(|| invalid("`compare` must be previous_period or previous_year."))?,
    };
    Ok(UsageQuery {
        teams: list(req, "teams"),
        users: list(req, "users"),
        compare,
        flow: req.param("flow_id").map(String::from),
        ..UsageQuery::new(range_of(req)?)
    })
}

/// A report's order, search, own filters and page (DESIGN 11); `own` are the sort keys the
/// report has besides the common ones.
fn report_view(req: &Request, own: &[&str]) -> Result<ReportView, Refusal> {
    // An empty `sort` or `dir` is no value of theirs: refused, as any other.
    let sort = match req.param("sort") {
        None => None,
        Some(k) if paging::COMMON_KEYS.contains(&k) || own.contains(&k) => Some(k.to_string()),
        Some(k) => {
            let mut keys: Vec<&str> = paging::COMMON_KEYS.to_vec();
            keys.extend_from_slice(own);
            return Err(invalid(format!(
                "`sort` must be one of {}; `{k}` is not a column of this report.",
                keys.join(", ")
            )));
        }
    };
    let desc = match req.param("dir") {
        None => None,
        Some("asc") => Some(false),
        Some("desc") => Some(true),
        Some(_) => return Err(invalid("`dir` must be asc or desc.")),
    };
    let limit = limit_param(req)?;
    Ok(ReportView {
        sort,
        desc,
        q: req.param("q").unwrap_or_default().to_string(),
        status: list(req, "status"),
        kind: list(req, "type"),
        limit,
        cursor: req.param("cursor").map(String::from),
    })
}

fn user_search(req: &Request) -> Result<UserSearch, Refusal> {
    Ok(UserSearch {
        q: req.param("q").unwrap_or_default().to_string(),
        teams: list(req, "teams"),
        ids: list(req, "ids"),
        limit: limit_param(req)?,
        cursor: req.param("cursor").map(String::from),
    })
}

/// `limit`: 1 to [`ReportView::MAX_LIMIT`], or absent.
fn limit_param(req: &Request) -> Result<Option<u32>, Refusal> {
    req.param("limit")
        .map(|l| {
            l.parse::<u32>()
                .ok()
                .filter(|n| (1..=ReportView::MAX_LIMIT).contains(n))
                .ok_or_else(|| invalid("`limit` must be a whole number from 1 to 500."))
        })
        .transpose()
}

fn history_query(req: &Request) -> Result<HistoryQuery, Refusal> {
    let kinds = list(req, "kinds")
        .iter()
        .map(|k| LedgerKind::from_key(k).ok_or_else(|| invalid(format!("Unknown kind `{k}`."))))
        .collect::<Result<Vec<_>, _>>()?;
    if let Some(limit) = req.param("limit") {
        if !limit.parse::<u32>().is_ok_and(|n| (1..=200).contains(&n)) {
            return Err(invalid("`limit` must be a whole number from 1 to 200."));
        }
    }
    let (from, to) = (date_param(req, "from")?, date_param(req, "to")?);
    if let (Some(f), Some(t)) = (from, to) {
        if f > t {
            return Err(invalid("`from` must be a date on or before `to`."));
        }
    }
    Ok(HistoryQuery {
        from,
        to,
        kinds,
        // An empty cursor is the first page, as no cursor is.
        cursor: req
            .param("cursor")
            .filter(|c| !c.is_empty())
            .map(String::from),
    })
}

/// The JSON body of a write, or a 422 that says what is wrong with it.
fn body_of<T: DeserializeOwned>(req: &Request) -> Result<T, Refusal> {
    let text = req.body.unwrap_or("");
    serde_json::from_str(text).map_err(|e| Refusal::Rejected {
        status: 422,
        code: "invalid_body".into(),
        message: format!("The request body is not what this operation takes: {e}."),
    })
}

fn ok<T: Serialize>(r: Result<T, Refusal>) -> Response {
    match r {
        Ok(v) => Response::json(200, &v),
        Err(e) => Response::refused(e),
    }
}

impl Engine {
    /// The Copilot users' report as `view` asks it (a user's email is searched too).
    fn copilot_page(&self, q: &UsageQuery, view: &ReportView) -> Result<CopilotUsers, Refusal> {
        let emails = self.emails();
        paging::page(self.copilot_users(q), view, &|r| {
            emails.get(r.user_id.as_str()).map(|e| e.to_string())
        })
    }

    /// Answers one request of the contract at the moment `now` (RFC 3339).
    pub fn answer(&mut self, req: &Request, now: &str) -> Response {
        let method = req.method.to_ascii_uppercase();
        let path = req.path.trim_end_matches('/');
        match (method.as_str(), path) {
            ("GET", "/account") => Response::json(200, &self.account()),
            ("GET", "/directory") => Response::json(200, &self.directory()),
            ("GET", "/directory/teams") => Response::json(200, &self.directory_teams()),
            ("GET", "/directory/users") => {
                ok(user_search(req).and_then(|s| self.directory_users(&s)))
            }
            ("GET", "/credits/balance") => Response::json(200, &self.balance()),
            ("GET", "/credits/usage/summary") => ok(usage_query(req).map(|q| self.summary(&q))),
            ("GET", "/credits/usage/timeseries") => ok(usage_query(req).and_then(|q| {
                let f = req
                    .param("frequency")
                    .and_then(Frequency::from_key)
                    .ok_or_else(|| invalid("`frequency` must be day, week or month."))?;
                Ok(self.timeseries(&q, f))
            })),
            ("GET", "/credits/usage/copilot-users") => match req.param("group") {
                None => ok(usage_query(req).and_then(|q| {
                    let view = report_view(req, CopilotUserRow::OWN_KEYS)?;
                    self.copilot_page(&q, &view)
                })),
                Some("team") => ok(usage_query(req).and_then(|q| {
                    let view = report_view(req, CopilotTeamRow::OWN_KEYS)?;
                    // The users the search finds, every one, gathered by team.
                    let found = ReportView {
                        q: view.q.clone(),
                        ..ReportView::default()
                    };
                    paging::by_team(self.copilot_page(&q, &found)?, &view)
                })),
                Some(_) => Response::refused(invalid("`group` must be team.")),
            },
            ("GET", "/credits/usage/flows") => ok(usage_query(req).and_then(|q| {
                let view = report_view(req, FlowRow::OWN_KEYS)?;
                paging::page(self.flows(&q), &view, &|_| None)
            })),
            ("GET", "/credits/usage/flow-actions") => ok(usage_query(req).and_then(|q| {
                let view = report_view(req, FlowActionRow::OWN_KEYS)?;
                paging::page(self.flow_actions(&q), &view, &|_| None)
            })),
            ("GET", "/credits/usage/ai-pilots") => ok(usage_query(req).and_then(|q| {
                let view = report_view(req, AiPilotRow::OWN_KEYS)?;
                paging::page(self.ai_pilots(&q), &view, &|_| None)
            })),
            ("GET", "/credits/events") => ok(range_of(req).map(|r| self.events(r))),
            ("GET", "/credits/history") => ok(history_query(req).and_then(|q| self.history(&q))),
            ("GET", "/credits/alerts") => Response::json(200, &self.alerts()),
            ("PUT", "/credits/alerts") => {
                ok(body_of::<AlertSettings>(req).and_then(|s| self.set_alerts(&s, now)))
            }
            ("GET", "/credits/pricing") => Response::json(200, &self.pricing()),
            ("POST", "/credits/purchases") => ok(body_of::<PurchaseRequest>(req).and_then(|b| {
                let key = req.header("idempotency-key").unwrap_or_default().trim();
                if key.is_empty() {
                    return Err(Refusal::Rejected {
                        status: 422,
                        code: "idempotency_key_required".into(),
                        message: "A purchase needs an Idempotency-Key header.".into(),
                    });
                }
                let r = self.purchase(&b, key, now);
                self.run_auto_recharge(now);
                r
            })),
            ("GET", "/credits/auto-recharge") => Response::json(200, &self.auto_recharge()),
            ("PUT", "/credits/auto-recharge") => {
                ok(body_of::<AutoRechargeSettings>(req)
                    .and_then(|s| self.set_auto_recharge(&s, now)))
            }
            ("POST", "/credits/recalculate") => Response::json(200, &self.start_recalculation(now)),
            ("GET", p) if p.starts_with("/credits/recalculate/") => {
                let id = &p["/credits/recalculate/".len()..];
                ok(self.poll_recalculation(id, now))
            }
            // A path of the contract asked with another method: 405, with the methods it has.
            (_, p)
                if Endpoint::ALL
                    .iter()
                    .any(|e| Endpoint::of(e.request().0, p) == Some(*e)) =>
            {
                let mut allowed: Vec<&str> = Endpoint::ALL
                    .iter()
                    .filter(|e| Endpoint::of(e.request().0, p) == Some(**e))
                    .map(|e| e.request().0)
                    .collect();
                allowed.dedup();
                let mut r = Response::error(
                    405,
                    "method_not_allowed",
                    &format!("{method} is not an operation of {p}."),
                );
                r.headers.push(("Allow".into(), allowed.join(", ")));
                r
            }
            (_, p) => Response::error(404, "not_found", &format!("No such endpoint: {p}.")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::generate;
    use crate::Scenario;
    use credit_contract::types::{Balance, Flows, History, PurchaseResult, UsageSummary};
    use serde_json::Value;

    const NOW: &str = "2026-11-27T14:05:00Z";

    fn engine() -> Engine {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 27).expect("a date");
        Engine::new(generate(Scenario::Default, 42, today), NOW)
    }

    fn pairs(q: &[(&str, &str)]) -> Vec<(String, String)> {
        q.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn ask(e: &mut Engine, method: &str, path: &str, q: &[(&str, &str)]) -> Response {
        let query = pairs(q);
        e.answer(
            &Request {
                method,
                path,
                query: &query,
                headers: &[],
                body: None,
            },
            NOW,
        )
    }

    fn error_code(r: &Response) -> String {
        let v: Value = serde_json::from_str(&r.body).expect("a JSON body");
        v["error"]["code"]
            .as_str()
            .expect("an error code")
            .to_string()
    }

    #[test]
    fn reports_page_in_the_order_asked_and_their_totals_cover_every_page() {
        use credit_contract::types::CopilotUsers;
        let mut e = engine();
        let range = [
            ("from", "2026-10-01"),
            ("to", "2026-11-27"),
            ("compare", "previous_period"),
        ];
        let whole: Flows =
            serde_json::from_str(&ask(&mut e, "GET", "/credits/usage/flows", &range).body).unwrap();
        assert!(whole.rows.len() > 7, "enough flows to page");
        assert_eq!(whole.next_cursor, None);
        // Page by page, by name from Z to A: every row once, the totals the same on every page.
        let mut seen = Vec::new();
        let mut cursor = String::new();
        loop {
            let mut q = range.to_vec();
            q.extend([("sort", "name"), ("dir", "desc"), ("limit", "7")]);
            if !cursor.is_empty() {
                q.push(("cursor", cursor.as_str()));
            }
            let r = ask(&mut e, "GET", "/credits/usage/flows", &q);
            assert_eq!(r.status, 200, "{}", r.body);
            let page: Flows = serde_json::from_str(&r.body).unwrap();
            assert!(page.rows.len() <= 7);
            assert_eq!(page.total_rows, Some(whole.rows.len() as u64));
            assert_eq!(page.totals, whole.totals);
            seen.extend(page.rows.into_iter().map(|r| r.name.to_lowercase()));
            match page.next_cursor {
                Some(c) => cursor = c,
                None => break,
            }
        }
        assert_eq!(seen.len(), whole.rows.len());
        assert!(seen.windows(2).all(|w| w[0] >= w[1]), "Z to A: {seen:?}");
        let t = whole.totals.unwrap();
        let sum: i64 = whole.rows.iter().map(|r| r.credits.0).sum();
        assert_eq!(t.credits.0, sum);

        // A search finds a user by email; the totals are the found rows'.
        let users: CopilotUsers = serde_json::from_str(
            &ask(&mut e, "GET", "/credits/usage/copilot-users", &range[..2]).body,
        )
        .unwrap();
        let someone = &users.rows[0];
        let email = e
            .directory()
            .users
            .into_iter()
            .find(|u| u.id == someone.user_id)
            .unwrap()
            .email;
        let mut q = range[..2].to_vec();
        q.push(("q", email.as_str()));
        let found: CopilotUsers =
            serde_json::from_str(&ask(&mut e, "GET", "/credits/usage/copilot-users", &q).body)
                .unwrap();
        assert_eq!(found.rows, vec![someone.clone()]);
        assert_eq!(found.totals.unwrap().credits, someone.credits);

        for (k, v) in [
            ("sort", "stopped_on"),
            ("dir", "up"),
            ("limit", "0"),
            ("limit", "501"),
            ("sort", ""),
            ("dir", ""),
            ("cursor", "nonsense"),
        ] {
            let mut q = range.to_vec();
            q.push((k, v));
            let r = ask(&mut e, "GET", "/credits/usage/flows", &q);
            assert_eq!(r.status, 400, "{k}={v}");
            let code = if k == "cursor" {
                "invalid_cursor"
            } else {
                "invalid_parameter"
            };
            assert_eq!(error_code(&r), code, "{k}={v}");
        }
    }

    #[test]
    fn copilot_users_by_team_subtotal_the_users_and_a_team_opens_to_its_users() {
        use credit_contract::types::{CopilotTeams, CopilotUsers};
        let mut e = engine();
        let range = [
            ("from", "2026-10-01"),
            ("to", "2026-11-27"),
            ("compare", "previous_period"),
        ];
        let get = |e: &mut Engine, extra: &[(&str, &str)]| {
            let mut q = range.to_vec();
            q.extend_from_slice(extra);
            let r = ask(e, "GET", "/credits/usage/copilot-users", &q);
            assert_eq!(r.status, 200, "{extra:?}: {}", r.body);
            r.body
        };
        let users: CopilotUsers = serde_json::from_str(&get(&mut e, &[])).unwrap();
        let teams: CopilotTeams = serde_json::from_str(&get(&mut e, &[("group", "team")])).unwrap();
        assert!(teams.rows.len() > 1, "several teams");
        // The teams' totals are the users'; every user is in one team's count.
        assert_eq!(teams.totals, users.totals);
        assert_eq!(
            teams.rows.iter().map(|t| t.users).sum::<u64>(),
            users.total_rows.unwrap()
        );
        assert_eq!(teams.total_rows, Some(teams.rows.len() as u64));
        // Most credits first, as the users' report.
        assert!(teams.rows.windows(2).all(|w| w[0].credits >= w[1].credits));
        // A team's users, asked with its id, add up to its row.
        let team = &teams.rows[0];
        let its: CopilotUsers =
            serde_json::from_str(&get(&mut e, &[("teams", team.team_id.as_str())])).unwrap();
        assert_eq!(its.total_rows, Some(team.users));
        let t = its.totals.unwrap();
        assert_eq!(
            (t.credits, t.previous_credits),
            (team.credits, team.previous_credits)
        );
        assert_eq!(t.tokens, Some(team.tokens));
        // Paged by team, by name from A to Z: every team once.
        let mut names = Vec::new();
        let mut cursor = String::new();
        loop {
            let mut extra = vec![("group", "team"), ("sort", "name"), ("limit", "2")];
            if !cursor.is_empty() {
                extra.push(("cursor", cursor.as_str()));
            }
            let page: CopilotTeams = serde_json::from_str(&get(&mut e, &extra)).unwrap();
            assert_eq!(page.totals, teams.totals);
            names.extend(page.rows.iter().map(|t| t.team_name.to_lowercase()));
            match page.next_cursor {
                Some(c) => cursor = c,
                None => break,
            }
        }
        assert_eq!(names.len(), teams.rows.len());
        assert!(names.windows(2).all(|w| w[0] <= w[1]), "A to Z: {names:?}");
        // A search narrows the users first: the teams count only the users found.
        let someone = &users.rows[0];
        let found: CopilotTeams = serde_json::from_str(&get(
            &mut e,
            &[("group", "team"), ("q", someone.user_name.as_str())],
        ))
        .unwrap();
        let row = found
            .rows
            .iter()
            .find(|t| t.team_id == someone.team_id)
            .expect("the user's team");
        assert!(row.users >= 1 && row.users < team.users.max(2));
        // By the users' count, most first; `users` sorts teams only.
        let by_count: CopilotTeams =
            serde_json::from_str(&get(&mut e, &[("group", "team"), ("sort", "users")])).unwrap();
        assert!(by_count.rows.windows(2).all(|w| w[0].users >= w[1].users));
        for extra in [
            [("group", "user"), ("sort", "credits")],
            [("group", ""), ("sort", "credits")],
            [("group", "team"), ("sort", "executions")],
            [("sort", "users"), ("dir", "desc")],
        ] {
            let mut q = range.to_vec();
            q.extend_from_slice(&extra);
            let r = ask(&mut e, "GET", "/credits/usage/copilot-users", &q);
            assert_eq!(r.status, 400, "{extra:?}");
            assert_eq!(error_code(&r), "invalid_parameter");
        }
    }

    #[test]
    fn the_directory_lists_teams_and_searches_pages_and_looks_up_users() {
        use credit_contract::types::{DirectoryTeams, DirectoryUsers};
        let mut e = engine();
        let all = e.directory();
        let teams: DirectoryTeams =
            serde_json::from_str(&ask(&mut e, "GET", "/directory/teams", &[]).body).unwrap();
        assert_eq!(teams.teams.len(), all.teams.len());
        assert!(teams
            .teams
            .windows(2)
            .all(|w| w[0].name.to_lowercase() <= w[1].name.to_lowercase()));
        let users = |e: &mut Engine, q: &[(&str, &str)]| -> DirectoryUsers {
            let r = ask(e, "GET", "/directory/users", q);
            assert_eq!(r.status, 200, "{q:?}: {}", r.body);
            serde_json::from_str(&r.body).unwrap()
        };
        // Fifty a page when no limit is asked; every user once over the pages, by name.
        let first = users(&mut e, &[]);
        assert_eq!(first.total_rows, all.users.len() as u64);
        assert_eq!(first.users.len(), all.users.len().min(50));
        let mut seen = Vec::new();
        let mut cursor = String::new();
        loop {
            let mut q = vec![("limit", "9")];
            if !cursor.is_empty() {
                q.push(("cursor", cursor.as_str()));
            }
            let page = users(&mut e, &q);
            assert!(page.users.len() <= 9);
            seen.extend(page.users.into_iter().map(|u| u.name.to_lowercase()));
            match page.next_cursor {
                Some(c) => cursor = c,
                None => break,
            }
        }
        assert_eq!(seen.len(), all.users.len());
        assert!(seen.windows(2).all(|w| w[0] <= w[1]));
        // A search by part of an email, any case; a team's users; a lookup by ids.
        let someone = &all.users[3];
        let part = someone.email.split('@').next().unwrap().to_uppercase();
        let found = users(&mut e, &[("q", part.as_str())]);
        assert!(found.users.iter().any(|u| u.id == someone.id));
        assert!(found.users.iter().all(
            |u| u.email.to_uppercase().contains(&part) || u.name.to_uppercase().contains(&part)
        ));
        let team = users(
            &mut e,
            &[("teams", someone.team_id.as_str()), ("limit", "500")],
        );
        assert_eq!(
            team.total_rows as usize,
            all.users
                .iter()
                .filter(|u| u.team_id == someone.team_id)
                .count()
        );
        let ids = format!("{},{},nobody", someone.id, all.users[0].id);
        let looked = users(&mut e, &[("ids", ids.as_str())]);
        let mut got: Vec<&str> = looked.users.iter().map(|u| u.id.as_str()).collect();
        got.sort_unstable();
        let mut want = vec![someone.id.as_str(), all.users[0].id.as_str()];
        want.sort_unstable();
        assert_eq!(got, want, "unknown ids are left out");
        // A lookup without a limit answers every id it names on one page.
        let many: Vec<&str> = all.users.iter().take(60).map(|u| u.id.as_str()).collect();
        let many = many.join(",");
        let looked = users(&mut e, &[("ids", many.as_str())]);
        assert_eq!((looked.users.len(), looked.next_cursor), (60, None));
        for (k, v) in [("limit", "0"), ("limit", "501"), ("cursor", "x")] {
            let r = ask(&mut e, "GET", "/directory/users", &[(k, v)]);
            assert_eq!(r.status, 400, "{k}={v}");
        }
    }

    #[test]
    fn reads_answer_what_the_typed_engine_answers() {
        let mut e = engine();
        let r = ask(&mut e, "GET", "/credits/balance", &[]);
        assert_eq!(r.status, 200);
        assert_eq!(
            serde_json::from_str::<Balance>(&r.body).unwrap(),
            e.balance()
        );
        let range = [("from", "2026-11-01"), ("to", "2026-11-27")];
        let q = UsageQuery::new(
            DateRange::new(
                DateRange::parse_date("2026-11-01").unwrap(),
                DateRange::parse_date("2026-11-27").unwrap(),
            )
            .unwrap(),
        );
        let r = ask(&mut e, "get", "/credits/usage/summary", &range);
        assert_eq!(
            serde_json::from_str::<UsageSummary>(&r.body).unwrap(),
            e.summary(&q)
        );
        // The client's own query pairs are read back as the same query.
        let mut wide = q.clone();
        wide.compare = CompareWith::PreviousYear;
        wide.teams = vec!["t1".into(), "t2".into()];
        let p: Vec<(String, String)> = wide
            .params()
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
        let flows = e.answer(
            &Request {
                method: "GET",
                path: "/credits/usage/flows",
                query: &p,
                headers: &[],
                body: None,
            },
            NOW,
        );
        assert_eq!(
            serde_json::from_str::<Flows>(&flows.body).unwrap(),
            e.flows(&wide)
        );
        let h = ask(
            &mut e,
            "GET",
            "/credits/history",
            &[("kinds", "purchase,usage")],
        );
        assert_eq!(h.status, 200);
        let h: History = serde_json::from_str(&h.body).unwrap();
        assert!(h.entries.iter().all(|x| matches!(
            x.kind.known(),
            Some(LedgerKind::Purchase | LedgerKind::Usage)
        )));
    }

    #[test]
    fn bad_queries_are_400_with_the_error_shape() {
        let mut e = engine();
        for q in [
            &[("from", "2026-11-27"), ("to", "2026-11-01")][..],
            &[("from", "garbage"), ("to", "2026-11-01")][..],
            &[("to", "2026-11-01")][..],
            &[
                ("from", "2026-11-01"),
                ("to", "2026-11-27"),
                ("compare", "last_week"),
            ][..],
        ] {
            let r = ask(&mut e, "GET", "/credits/usage/flows", q);
            assert_eq!(r.status, 400, "{q:?}");
            assert_eq!(error_code(&r), "invalid_parameter");
        }
        let r = ask(
            &mut e,
            "GET",
            "/credits/usage/timeseries",
            &[
                ("from", "2026-11-01"),
                ("to", "2026-11-27"),
                ("frequency", "hour"),
            ],
        );
        assert_eq!(r.status, 400);
        for q in [
            &[("kinds", "gift")][..],
            &[("limit", "0")][..],
            &[("limit", "201")][..],
        ] {
            assert_eq!(
                ask(&mut e, "GET", "/credits/history", q).status,
                400,
                "{q:?}"
            );
        }
        assert_eq!(ask(&mut e, "GET", "/credits/nothing", &[]).status, 404);
        let r = ask(&mut e, "DELETE", "/credits/balance", &[]);
        assert_eq!(
            (r.status, error_code(&r).as_str()),
            (405, "method_not_allowed")
        );
        assert!(r.headers.contains(&("Allow".into(), "GET".into())));
        let r = ask(&mut e, "DELETE", "/credits/alerts", &[]);
        assert!(r.headers.contains(&("Allow".into(), "GET, PUT".into())));
        let r = ask(&mut e, "GET", "/credits/recalculate/job_none", &[]);
        assert_eq!((r.status, error_code(&r).as_str()), (404, "not_found"));
    }

    #[test]
    fn a_purchase_is_bought_once_per_key_and_a_bad_body_is_422() {
        let mut e = engine();
        let before = e.balance().purchased_credits;
        let buy = |e: &mut Engine, key: &str, body: &str| {
            let headers = vec![("Idempotency-Key".to_string(), key.to_string())];
            e.answer(
                &Request {
                    method: "POST",
                    path: "/credits/purchases",
                    query: &[],
                    headers: &headers,
                    body: Some(body),
                },
                NOW,
            )
        };
        let first = buy(&mut e, "k1", r#"{"credits": 5000}"#);
        assert_eq!(first.status, 200);
        let again = buy(&mut e, "k1", r#"{"credits": 5000}"#);
        assert_eq!(again, first);
        let bought: PurchaseResult = serde_json::from_str(&first.body).unwrap();
        assert_eq!(bought.purchase.credits, 5000);
        assert_eq!(
            e.balance().purchased_credits.hundredths() - before.hundredths(),
            500_000
        );
        // The same key for another amount is refused, not answered with the first outcome.
        let other = buy(&mut e, "k1", r#"{"credits": 9000}"#);
        assert_eq!(
            (other.status, error_code(&other).as_str()),
            (409, "idempotency_conflict")
        );
        for body in ["", "{}", r#"{"credits": "lots"}"#, r#"{"credits": -5}"#] {
            let r = buy(&mut e, "k2", body);
            assert_eq!(r.status, 422, "{body}");
        }
        let r = buy(&mut e, "k3", r#"{"credits": 100}"#);
        assert_eq!((r.status, error_code(&r).as_str()), (422, "invalid_amount"));
        let r = buy(&mut e, " ", r#"{"credits": 1000}"#);
        assert_eq!(r.status, 422);
    }
}
