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
        "Balance" => round_trip::<Balance>(example, at),
        "UsageSummary" => round_trip::<UsageSummary>(example, at),
        "Timeseries" => round_trip::<Timeseries>(example, at),
        "CopilotUsers" => round_trip::<CopilotUsers>(example, at),
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

#[test]
fn mock_answers_match_the_contract_shapes() {
    // The mock's answers serialise to the fields the contract requires.
    use credit_dash::api::mock::{engine::Engine, generate::generate, Scenario};
    use credit_dash::domain::{CompareWith, DatePreset};
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
    let e = Engine::new(
        generate(Scenario::Default, 1, today),
        "2026-11-27T12:00:00Z",
    );
    let mut q = UsageQuery::new(DatePreset::CurrentCycle.resolve(today, e.data.anchor));
    q.compare = CompareWith::PreviousPeriod;
    let doc = doc();
    let schemas = &doc["components"]["schemas"];
    let required = |name: &str| -> Vec<String> {
        schemas[name]["required"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect()
    };
    let has_all = |v: Value, name: &str| {
        for field in required(name) {
            assert!(v.get(&field).is_some(), "{name} lacks {field}: {v}");
        }
    };
    has_all(serde_json::to_value(e.account()).unwrap(), "Account");
    has_all(serde_json::to_value(e.balance()).unwrap(), "Balance");
    has_all(serde_json::to_value(e.summary(&q)).unwrap(), "UsageSummary");
    let flows = serde_json::to_value(e.flows(&q)).unwrap();
    has_all(flows["rows"][0].clone(), "FlowRow");
    let users = serde_json::to_value(e.copilot_users(&q)).unwrap();
    has_all(users["rows"][0].clone(), "CopilotUserRow");
    let actions = serde_json::to_value(e.flow_actions(&q)).unwrap();
    has_all(actions["rows"][0].clone(), "FlowActionRow");
    let pilots = serde_json::to_value(e.ai_pilots(&q)).unwrap();
    has_all(pilots["rows"][0].clone(), "AiPilotRow");
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
