//! The usage API's wire types live in the `credit-contract` crate (shared with the engine and
//! the reference server); these tests read them through the client's own decoding.

pub use credit_contract::types::*;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::error::decode;
    use crate::domain::{Credits, DateRange, Keyed};
    use chrono::NaiveDate;
    use serde_json::{json, Value};

    fn point_json(smart_flows: Value) -> Value {
        json!({
            "start": "2026-11-02",
            "end": "2026-11-08",
            "partial": false,
            "smart_flows": smart_flows,
            "ai_copilot": 3.5,
            "ai_pilots": 0.25,
        })
    }

    fn timeseries_body(bad_point: Value) -> String {
        json!({
            "range": {"from": "2026-11-01", "to": "2026-11-14"},
            "frequency": "week",
            "points": [point_json(json!(1.0)), bad_point],
        })
        .to_string()
    }

    #[test]
    fn an_unreadable_pace_or_overage_is_left_out_not_the_balance() {
        let balance = |pace: Value, overage: Value| {
            json!({
                "cycle": {"from": "2026-11-01", "to": "2026-11-30"},
                "free_credits": 100.0, "purchased_credits": 0.0, "total_credits": 100.0,
                "used_credits": 40.0, "remaining_credits": 60.0,
                "as_of": "2026-11-27T14:05:00Z", "at_limit": "suspend",
                "pace": pace, "overage": overage,
            })
            .to_string()
        };
        let good =
            json!({"from": "2026-10-26", "to": "2026-11-22", "weekday": 10.0, "weekend": 1.0});
        let b: Balance = decode("/credits/balance", &balance(good, json!(null))).unwrap();
        assert_eq!(b.pace.unwrap().weekday, Credits(1000));
        assert_eq!(b.overage, None);
        // An at-limit policy the client does not know is kept as sent.
        assert_eq!(b.at_limit.map(|a| a.label()), Some("suspend".into()));
        for bad in [
            json!({"from": "2026-10-26", "to": "2026-11-22", "weekday": -10.0, "weekend": 1.0}),
            json!({"from": "2026-10-26", "to": "2026-11-22", "weekday": 1e300, "weekend": 1.0}),
            json!({"from": "soon", "weekday": 1.0}),
            json!("fast"),
        ] {
            let b: Balance = decode(
                "/credits/balance",
                &balance(bad.clone(), json!({"credits": -5.0, "amount": 1.0})),
            )
            .unwrap_or_else(|e| panic!("{bad}: {e:?}"));
            assert_eq!(b.pace, None, "{bad}");
            assert_eq!(b.overage, None, "{bad}");
            assert_eq!(b.remaining_credits, Credits(6000));
        }
    }

    #[test]
    fn an_unreadable_opening_day_is_left_out_not_the_account() {
        let account = |opened: Value| {
            json!({
                "account": {"id": "a", "name": "A", "time_zone": "UTC", "currency": "USD", "opened_on": opened},
                "plan": {"name": "P", "cycle_start": "2026-11-01", "cycle_end": "2026-11-30", "included_credits": 10.0},
                "viewer": {"id": "u", "name": "U", "role": "admin"},
            })
            .to_string()
        };
        let a: Account = decode("/account", &account(json!("2026-11-05"))).unwrap();
        assert_eq!(a.account.opened_on, NaiveDate::from_ymd_opt(2026, 11, 5));
        for bad in [
            json!("soon"),
            json!(20261105),
            json!("2026-02-30"),
            json!(null),
        ] {
            let a: Account = decode("/account", &account(bad.clone()))
                .unwrap_or_else(|e| panic!("{bad}: {e:?}"));
            assert_eq!(a.account.opened_on, None, "{bad}");
        }
    }

    #[test]
    fn a_time_point_keeps_the_features_as_its_own_fields() {
        let wire = point_json(json!(12.5));
        let point: TimePoint = serde_json::from_value(wire.clone()).unwrap();
        assert_eq!(point.by_feature.get(Feature::SmartFlows), Credits(1250));
        assert_eq!(point.by_feature.total(), Credits(1625));
        let back = serde_json::to_value(&point).unwrap();
        assert_eq!(back, wire);
        // The same keys in the same order as the contract's example.
        assert_eq!(
            serde_json::to_string(&point).unwrap(),
            r#"{"start":"2026-11-02","end":"2026-11-08","partial":false,"smart_flows":12.5,"ai_copilot":3.5,"ai_pilots":0.25}"#
        );
    }

    #[test]
    fn buckets_outside_the_asked_range_are_left_out_and_counted() {
        let at = |start: &str, end: &str| {
            let mut p = point_json(json!(1.0));
            p["start"] = json!(start);
            p["end"] = json!(end);
            p
        };
        let body = json!({
            "range": {"from": "2026-11-01", "to": "2026-11-30"},
            "frequency": "day",
            "points": [
                at("2026-10-31", "2026-10-31"),
                at("2026-11-01", "2026-11-01"),
                at("2026-11-30", "2026-11-30"),
                // Straddles the end of the range: only part of it was asked for.
                at("2026-11-30", "2026-12-01"),
                at("2026-12-01", "2026-12-01"),
                // Ends before it starts.
                at("2026-11-05", "2026-11-04"),
            ],
        })
        .to_string();
        let ts = decode::<Timeseries>("/credits/usage/timeseries", &body).unwrap();
        let asked = DateRange::new(
            NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
            NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
        )
        .unwrap();
        let kept = ts.within(asked);
        let days: Vec<_> = kept.points.iter().map(|p| p.start.to_string()).collect();
        assert_eq!(days, ["2026-11-01", "2026-11-30"]);
        assert_eq!(kept.outside, Some((4, asked)));
        // An answer wholly inside the range loses nothing.
        let again = kept.clone().within(asked);
        assert_eq!(again.points, kept.points);
        assert_eq!(again.outside, None);
    }

    #[test]
    fn a_time_point_with_a_negative_or_absurd_amount_is_refused() {
        for (bad, says) in [(json!(-5), "negative"), (json!(1e20), "more than")] {
            let body = timeseries_body(point_json(bad));
            let err = decode::<Timeseries>("/credits/usage/timeseries", &body).unwrap_err();
            let text = err.message();
            assert_eq!(err.kind(), "malformed", "{text}");
            assert!(text.contains(says), "{text}");
            assert!(text.contains("points[1].smart_flows"), "{text}");
        }
        let mut missing = point_json(json!(1.0));
        missing.as_object_mut().unwrap().remove("ai_pilots");
        let err = decode::<Timeseries>("/credits/usage/timeseries", &timeseries_body(missing))
            .unwrap_err();
        assert!(err.message().contains("ai_pilots"), "{}", err.message());
    }

    #[test]
    fn features_add_up_one_by_one() {
        let a = ByFeature::from_fn(|f| match f {
            Feature::SmartFlows => Credits(100),
            Feature::AiCopilot => Credits(20),
            Feature::AiPilots => Credits(3),
        });
        let b = ByFeature {
            ai_pilots: Credits(1000),
            ..ByFeature::default()
        };
        let sum: ByFeature = [a, b, a].into_iter().sum();
        assert_eq!(
            sum,
            ByFeature {
                smart_flows: Credits(200),
                ai_copilot: Credits(40),
                ai_pilots: Credits(1006),
            }
        );
        let mut c = a;
        c += b;
        assert_eq!(c, a + b);
        assert_eq!(c.total(), Credits(1123));
        let order: Vec<Feature> = a.iter().map(|(f, _)| f).collect();
        assert_eq!(order, Feature::ALL);
        assert_eq!(a.iter().map(|(_, c)| c).sum::<Credits>(), a.total());
    }
}
