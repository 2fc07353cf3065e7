//! Every example of the written contract (docs/openapi.json) decodes into the app's types and
//! encodes back to the same JSON.
#![cfg(not(target_arch = "wasm32"))]

use credit_dash::api::types::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

fn doc() -> Value {
    serde_json::from_str(include_str!("../docs/openapi.json")).expect("the contract is JSON")
}

/// Numbers compare as numbers: 4 and 4.0 are the same figure.
fn normalise(v: &Value) -> Value {
    match v {
        Value::Number(n) => serde_json::json!(n.as_f64().unwrap()),
        Value::Array(a) => Value::Array(a.iter().map(normalise).collect()),
        Value::Object(o) => {
            Value::Object(o.iter().map(|(k, v)| (k.clone(), normalise(v))).collect())
        }
        other => other.clone(),
    }
}

fn round_trip<T: DeserializeOwned + Serialize>(example: &Value, at: &str) {
    let typed: T = serde_json::from_value(example.clone()).unwrap_or_else(|e| panic!("{at}: {e}"));
    let back = serde_json::to_value(&typed).unwrap();
    assert_eq!(normalise(&back), normalise(example), "{at}");
}

fn check(schema: &str, example: &Value, at: &str) {
    match schema {
        "Account" => round_trip::<Account>(example, at),
        "Directory" => round_trip::<Directory>(example, at),
        "DirectoryTeams" => round_trip::<DirectoryTeams>(example, at),
        "DirectoryUsers" => round_trip::<DirectoryUsers>(example, at),
        "Balance" => round_trip::<Balance>(example, at),
        "UsageSummary" => round_trip::<UsageSummary>(example, at),
        "Timeseries" => round_trip::<Timeseries>(example, at),
        // The operation's example is the ungrouped answer; CopilotTeams carries its own.
        "CopilotUsers" | "CopilotUsersAnswer" => round_trip::<CopilotUsers>(example, at),
        "CopilotTeams" => round_trip::<CopilotTeams>(example, at),
        "Flows" => round_trip::<Flows>(example, at),
        "FlowActions" => round_trip::<FlowActions>(example, at),
        "AiPilots" => round_trip::<AiPilots>(example, at),
        "CreditEvents" => round_trip::<CreditEvents>(example, at),
        "Pricing" => round_trip::<Pricing>(example, at),
        "PurchaseRequest" => round_trip::<PurchaseRequest>(example, at),
        "PurchaseResult" => round_trip::<PurchaseResult>(example, at),
        "AutoRecharge" => round_trip::<AutoRecharge>(example, at),
        "AutoRechargeSettings" => round_trip::<AutoRechargeSettings>(example, at),
        "RecalcJob" => round_trip::<RecalcJob>(example, at),
        "History" => round_trip::<History>(example, at),
        "Alerts" => round_trip::<Alerts>(example, at),
        "AlertSettings" => round_trip::<AlertSettings>(example, at),
        "Error" => round_trip::<ErrorBody>(example, at),
        other => panic!("{at}: no Rust type for schema {other}"),
    }
}

fn schema_name(content: &Value) -> String {
    content["schema"]["$ref"]
        .as_str()
        .expect("responses name their schema")
        .rsplit('/')
        .next()
        .unwrap()
        .to_string()
}

#[test]
fn every_example_round_trips() {
    let doc = doc();
    let mut checked = 0;
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            if let Some(body) = op.get("requestBody") {
                let c = &body["content"]["application/json"];
                check(
                    &schema_name(c),
                    &c["example"],
                    &format!("{method} {path} request"),
                );
                checked += 1;
            }
            for (status, resp) in op["responses"].as_object().unwrap() {
                let c = &resp["content"]["application/json"];
                let example = c
                    .get("example")
                    .unwrap_or_else(|| panic!("{method} {path} {status} has an example"));
                check(
                    &schema_name(c),
                    example,
                    &format!("{method} {path} {status}"),
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 80, "only {checked} examples");
}

#[test]
fn the_contract_names_every_endpoint_of_the_design() {
    let doc = doc();
    let paths = doc["paths"].as_object().unwrap();
    for (method, path) in [
        ("get", "/account"),
        ("get", "/directory"),
        ("get", "/directory/teams"),
        ("get", "/directory/users"),
        ("get", "/credits/balance"),
        ("get", "/credits/usage/summary"),
        ("get", "/credits/usage/timeseries"),
        ("get", "/credits/usage/copilot-users"),
        ("get", "/credits/usage/flows"),
        ("get", "/credits/usage/flow-actions"),
        ("get", "/credits/usage/ai-pilots"),
        ("get", "/credits/events"),
        ("get", "/credits/pricing"),
        ("post", "/credits/purchases"),
        ("get", "/credits/auto-recharge"),
        ("put", "/credits/auto-recharge"),
        ("post", "/credits/recalculate"),
        ("get", "/credits/recalculate/{job_id}"),
    ] {
        assert!(
            paths.get(path).and_then(|p| p.get(method)).is_some(),
            "{method} {path}"
        );
    }
}

/// The schema's required fields are all in `v`, and every field of `v` is one the schema
/// declares (a field the contract does not name is one a real server would not send).
fn matches_schema(schemas: &Value, v: &Value, name: &str, at: &str) {
    let schema = &schemas[name];
    for field in schema["required"].as_array().unwrap() {
        let field = field.as_str().unwrap();
        assert!(v.get(field).is_some(), "{at}: {name} lacks {field}: {v}");
    }
    let declared = schema["properties"].as_object().unwrap();
    for field in v.as_object().unwrap().keys() {
        assert!(
            declared.contains_key(field),
            "{at}: {name} has {field}, which the contract does not declare"
        );
    }
}

/// Every item of the list `key` of `answer` matches `item_schema`; the list is not empty.
fn every_item_matches(schemas: &Value, answer: &Value, key: &str, item_schema: &str) -> usize {
    let items = answer[key].as_array().unwrap();
    assert!(!items.is_empty(), "{item_schema}: no {key} to check");
    for (i, item) in items.iter().enumerate() {
        matches_schema(schemas, item, item_schema, &format!("{key}[{i}]"));
    }
    items.len()
}

#[test]
fn mock_answers_match_the_contract_shapes() {
    // The mock's answers serialise to the fields the contract requires, and only to those.
    use credit_dash::domain::{CompareWith, DatePreset, DateRange, Frequency};
    use credit_engine::{engine::Engine, generate::generate, Scenario};
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
    let e = Engine::new(
        generate(Scenario::Default, 1, today),
        "2026-11-27T12:00:00Z",
    );
    let doc = doc();
    let schemas = &doc["components"]["schemas"];
    let top = |v: Value, name: &str| matches_schema(schemas, &v, name, name);
    top(serde_json::to_value(e.account()).unwrap(), "Account");
    top(serde_json::to_value(e.balance()).unwrap(), "Balance");
    let directory = serde_json::to_value(e.directory()).unwrap();
    top(directory.clone(), "Directory");
    every_item_matches(schemas, &directory, "teams", "Team");
    every_item_matches(schemas, &directory, "users", "User");
    let teams = serde_json::to_value(e.directory_teams()).unwrap();
    top(teams.clone(), "DirectoryTeams");
    every_item_matches(schemas, &teams, "teams", "Team");
    let users = serde_json::to_value(
        e.directory_users(&credit_dash::api::types::UserSearch::default())
            .unwrap(),
    )
    .unwrap();
    top(users.clone(), "DirectoryUsers");
    every_item_matches(schemas, &users, "users", "User");

    // The current cycle against the previous one, and every day of the data (where archived
    // flows and disabled pilots show their stop dates).
    let mut cycle = UsageQuery::new(DatePreset::CurrentCycle.resolve(today, e.data.anchor));
    cycle.compare = CompareWith::PreviousPeriod;
    let all = UsageQuery::new(DateRange::new(e.data.start, today).unwrap());
    for q in [cycle, all.clone()] {
        let summary = serde_json::to_value(e.summary(&q)).unwrap();
        top(summary.clone(), "UsageSummary");
        top(summary["by_feature"].clone(), "ByFeature");
        let series = serde_json::to_value(e.timeseries(&q, Frequency::Week)).unwrap();
        top(series.clone(), "Timeseries");
        every_item_matches(schemas, &series, "points", "TimePoint");
        let reports = [
            (
                serde_json::to_value(e.copilot_users(&q)).unwrap(),
                "CopilotUsers",
                "CopilotUserRow",
            ),
            (
                serde_json::to_value(e.flows(&q)).unwrap(),
                "Flows",
                "FlowRow",
            ),
            (
                serde_json::to_value(e.flow_actions(&q)).unwrap(),
                "FlowActions",
                "FlowActionRow",
            ),
            (
                serde_json::to_value(e.ai_pilots(&q)).unwrap(),
                "AiPilots",
                "AiPilotRow",
            ),
        ];
        for (report, name, row) in reports {
            top(report.clone(), name);
            every_item_matches(schemas, &report, "rows", row);
        }
        let events = serde_json::to_value(e.events(q.range)).unwrap();
        top(events.clone(), "CreditEvents");
        every_item_matches(schemas, &events, "events", "CreditEvent");
    }
    let stopped = |v: Value| {
        v["rows"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r.get("stopped_on").is_some())
            .count()
    };
    assert!(stopped(serde_json::to_value(e.flows(&all)).unwrap()) > 0);
    assert!(stopped(serde_json::to_value(e.ai_pilots(&all)).unwrap()) > 0);
}

#[test]
fn a_stop_date_is_optional_and_may_be_null() {
    let flow = serde_json::json!({
        "flow_id": "f3", "name": "Upsell nudge", "type": "smart_flow", "status": "archived",
        "credits": 12.5,
    });
    let pilot = serde_json::json!({
        "pilot_id": "p2", "name": "Deal Coach", "status": "disabled", "credits": 1.0,
        "tokens": {"input": 400, "output": 200},
    });
    for stop in [
        None,
        Some(Value::Null),
        Some(serde_json::json!("2026-11-09")),
    ] {
        let with = |mut row: Value| {
            if let Some(s) = &stop {
                row["stopped_on"] = s.clone();
            }
            row
        };
        let f: FlowRow = serde_json::from_value(with(flow.clone())).unwrap();
        let p: AiPilotRow = serde_json::from_value(with(pilot.clone())).unwrap();
        let expected = stop
            .as_ref()
            .and_then(|s| s.as_str())
            .map(|d| d.parse().unwrap());
        assert_eq!(
            (f.stopped_on, p.stopped_on),
            (expected, expected),
            "{stop:?}"
        );
    }
    let bad = serde_json::json!({"stopped_on": "last week"});
    let mut row = flow.clone();
    row["stopped_on"] = bad["stopped_on"].clone();
    assert!(serde_json::from_value::<FlowRow>(row).is_err());
}

#[test]
fn the_teams_example_round_trips_and_its_teams_add_up() {
    // The grouped answer's example sits on its schema (the operation's is the users'): its
    // totals are its teams' sums, as the users' totals would be.
    let doc = doc();
    let ex = &doc["components"]["schemas"]["CopilotTeams"]["example"];
    check("CopilotTeams", ex, "CopilotTeams example");
    let teams: CopilotTeams = serde_json::from_value(ex.clone()).unwrap();
    let totals = teams.totals.unwrap();
    let sum = |f: fn(&CopilotTeamRow) -> i64| teams.rows.iter().map(f).sum::<i64>();
    assert_eq!(totals.credits.0, sum(|t| t.credits.0));
    assert_eq!(
        totals.previous_credits.map(|p| p.0),
        Some(sum(|t| t.previous_credits.unwrap_or_default().0))
    );
    assert_eq!(
        totals.tokens.map(|t| t.input as i64),
        Some(sum(|t| t.tokens.input as i64))
    );
    assert_eq!(teams.total_rows, Some(teams.rows.len() as u64));
    let schemas = &doc["components"]["schemas"];
    every_item_matches(schemas, ex, "rows", "CopilotTeamRow");
}

#[test]
fn a_report_example_counts_and_totals_its_rows() {
    // Each report's example is a last page (no next cursor) of every matching row: its count
    // and its totals are those of its rows.
    let doc = doc();
    for path in [
        "/credits/usage/copilot-users",
        "/credits/usage/flows",
        "/credits/usage/flow-actions",
        "/credits/usage/ai-pilots",
    ] {
        let ex = &doc["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]
            ["example"];
        let rows = ex["rows"].as_array().unwrap();
        assert!(ex["next_cursor"].is_null(), "{path}");
        assert_eq!(ex["total_rows"].as_u64(), Some(rows.len() as u64), "{path}");
        let sum = |key: &str| -> f64 { rows.iter().map(|r| r[key].as_f64().unwrap_or(0.0)).sum() };
        let close = |a: f64, b: f64| (a - b).abs() < 0.005;
        assert!(
            close(ex["totals"]["credits"].as_f64().unwrap(), sum("credits")),
            "{path}"
        );
        if !ex["comparison_range"].is_null() {
            let previous = ex["totals"]["previous_credits"].as_f64().unwrap();
            assert!(close(previous, sum("previous_credits")), "{path}");
        }
        let tokens: u64 = rows
            .iter()
            .filter_map(|r| r["tokens"]["input"].as_u64())
            .sum();
        assert_eq!(
            ex["totals"]["tokens"]["input"].as_u64().unwrap_or(0),
            tokens,
            "{path}"
        );
        // In the order the contract gives without `sort`: most credits first.
        let credits: Vec<f64> = rows
            .iter()
            .map(|r| r["credits"].as_f64().unwrap())
            .collect();
        assert!(
            credits.windows(2).all(|w| w[0] >= w[1]),
            "{path}: {credits:?}"
        );
    }
}
