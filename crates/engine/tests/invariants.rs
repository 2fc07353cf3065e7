//! The mock engine answers like a server would: every figure agrees with every other, on every
//! scenario and on many random filters; the same seed gives the same answers.
#![cfg(not(target_arch = "wasm32"))]

use chrono::{Days, NaiveDate};
use credit_contract::domain::*;
use credit_contract::types::*;
use credit_engine::engine::Engine;
use credit_engine::generate::generate;
use credit_engine::Scenario;

const NOW: &str = "2026-11-27T12:00:00Z";

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
}

fn engine(s: Scenario, seed: u64) -> Engine {
    Engine::new(generate(s, seed, today()), NOW)
}

fn close(a: Credits, b: Credits, what: &str) {
    assert!((a.0 - b.0).abs() <= 1, "{what}: {a} != {b}");
}

fn check(e: &Engine, q: &UsageQuery, label: &str) {
    let s = e.summary(q);
    close(
        s.total,
        s.by_feature.total(),
        &format!("{label}: total = sum of features"),
    );
    for &freq in Frequency::ALL {
        let ts = e.timeseries(q, freq);
        let sum: ByFeature = ts.points.iter().map(|p| p.by_feature).sum();
        for &f in Feature::ALL {
            close(
                sum.get(f),
                s.by_feature.get(f),
                &format!("{label}: {freq:?} series of {f:?}"),
            );
        }
    }
    let copilot: Credits = e.copilot_users(q).rows.iter().map(|r| r.credits).sum();
    close(
        copilot,
        s.by_feature.ai_copilot,
        &format!("{label}: copilot users = AI Copilot"),
    );
    let flows: Credits = e.flows(q).rows.iter().map(|r| r.credits).sum();
    close(
        flows,
        s.by_feature.smart_flows,
        &format!("{label}: flows = Smart Flows"),
    );
    let actions: Credits = e.flow_actions(q).rows.iter().map(|r| r.credits).sum();
    close(
        actions,
        s.by_feature.smart_flows,
        &format!("{label}: actions = Smart Flows"),
    );
    // One flow's actions add up to that flow's credits (the first three flows with usage).
    for f in e
        .flows(q)
        .rows
        .iter()
        .filter(|r| r.credits.hundredths() > 0)
        .take(3)
    {
        let one = UsageQuery {
            flow: Some(f.flow_id.clone()),
            ..q.clone()
        };
        let of_flow: Credits = e.flow_actions(&one).rows.iter().map(|r| r.credits).sum();
        close(
            of_flow,
            f.credits,
            &format!("{label}: actions of {} = its credits", f.flow_id),
        );
    }
    let pilots: Credits = e.ai_pilots(q).rows.iter().map(|r| r.credits).sum();
    close(
        pilots,
        s.by_feature.ai_pilots,
        &format!("{label}: pilots = AI Pilots"),
    );

    if let Some(c) = &s.comparison {
        let direct = e.summary(&UsageQuery {
            range: c.range,
            compare: CompareWith::None,
            ..q.clone()
        });
        assert_eq!(
            direct.by_feature, c.by_feature,
            "{label}: comparison = direct query"
        );
        let prev: Credits = e
            .flows(q)
            .rows
            .iter()
            .filter_map(|r| r.previous_credits)
            .sum();
        close(
            prev,
            c.by_feature.smart_flows,
            &format!("{label}: previous flows"),
        );
        let prev: Credits = e
            .copilot_users(q)
            .rows
            .iter()
            .filter_map(|r| r.previous_credits)
            .sum();
        close(
            prev,
            c.by_feature.ai_copilot,
            &format!("{label}: previous copilot"),
        );
        let prev: Credits = e
            .flow_actions(q)
            .rows
            .iter()
            .filter_map(|r| r.previous_credits)
            .sum();
        close(
            prev,
            c.by_feature.smart_flows,
            &format!("{label}: previous actions"),
        );
        let prev: Credits = e
            .ai_pilots(q)
            .rows
            .iter()
            .filter_map(|r| r.previous_credits)
            .sum();
        close(
            prev,
            c.by_feature.ai_pilots,
            &format!("{label}: previous pilots"),
        );
    }
}

/// Random filters: ranges of any length (some reaching before the data or past today), random
/// teams and users (users of the chosen teams, and sometimes not), each comparison.
fn random_query(e: &Engine, rng: &mut fastrand::Rng) -> UsageQuery {
    let d = &e.data;
    let span = (d.today - d.start).num_days() as u64 + 60;
    let from = d.start - Days::new(30) + Days::new(rng.u64(0..span));
    let to = from + Days::new(rng.u64(0..400));
    let mut q = UsageQuery::new(DateRange::new(from, to).unwrap());
    if rng.bool() {
        for _ in 0..rng.usize(1..4) {
            q.teams
                .push(d.teams[rng.usize(0..d.teams.len())].id.clone());
        }
    }
    if rng.u8(0..3) == 0 {
        for _ in 0..rng.usize(1..6) {
            q.users
                .push(d.users[rng.usize(0..d.users.len())].id.clone());
        }
    }
    q.compare = CompareWith::ALL[rng.usize(0..3)];
    q
}

#[test]
fn figures_agree_on_every_scenario_and_random_filters() {
    let mut rng = fastrand::Rng::with_seed(2026);
    for &s in Scenario::ALL {
        let e = engine(s, 42);
        let anchor = e.data.anchor;
        for &p in DatePreset::ALL {
            for &c in CompareWith::ALL {
                let mut q = UsageQuery::new(p.resolve(today(), anchor));
                q.compare = c;
                check(&e, &q, &format!("{s:?} {p:?} {c:?}"));
            }
        }
        let rounds = if s == Scenario::Large { 40 } else { 150 };
        for i in 0..rounds {
            let q = random_query(&e, &mut rng);
            check(&e, &q, &format!("{s:?} random #{i} {q:?}"));
        }
    }
}

#[test]
fn same_seed_same_answers_other_seed_other_answers() {
    let q = {
        let e = engine(Scenario::Default, 7);
        let mut q = UsageQuery::new(DatePreset::Last30Days.resolve(today(), e.data.anchor));
        q.compare = CompareWith::PreviousYear;
        q
    };
    let a = engine(Scenario::Default, 7);
    let b = engine(Scenario::Default, 7);
    assert_eq!(a.summary(&q), b.summary(&q));
    assert_eq!(a.flows(&q), b.flows(&q));
    assert_eq!(a.directory(), b.directory());
    assert_eq!(a.balance(), b.balance());
    let c = engine(Scenario::Default, 8);
    assert_ne!(a.summary(&q).total, c.summary(&q).total);
}

#[test]
fn scenarios_look_like_their_names() {
    let e = engine(Scenario::Large, 42);
    assert!(e.data.users.len() >= 2000 && e.data.flows.len() >= 1000);
    assert!(e.data.days() >= 730);
    let all = UsageQuery::new(DateRange::new(e.data.start, today()).unwrap());
    assert!(e.copilot_users(&all).rows.len() > 1000);

    let n = engine(Scenario::NewAccount, 42);
    let q = UsageQuery::new(n.data.anchor.cycle_containing(today()));
    assert_eq!(n.summary(&q).total, Credits::ZERO);
    assert!(n.flows(&q).rows.is_empty());
    assert!(!n.directory().users.is_empty());

    let low = engine(Scenario::LowBalance, 42).balance();
    let share = low.remaining_credits.as_f64() / low.total_credits.as_f64();
    assert!(share > 0.0 && share < 0.1, "low balance leaves {share}");

    let d = engine(Scenario::Default, 42).balance();
    assert_eq!(d.total_credits, d.free_credits + d.purchased_credits);
    assert_eq!(d.remaining_credits, d.total_credits - d.used_credits);
}

#[test]
fn weekday_rhythm_and_email_cost() {
    let e = engine(Scenario::Default, 42);
    let q =
        UsageQuery::new(DateRange::new(today() - Days::new(91), today() - Days::new(1)).unwrap());
    let ts = e.timeseries(&q, Frequency::Day);
    let (mut weekday, mut weekend, mut nd, mut ne) = (0.0, 0.0, 0, 0);
    for p in &ts.points {
        use chrono::Datelike;
        let v = p.by_feature.total().as_f64();
        if p.start.weekday().number_from_monday() >= 6 {
            weekend += v;
            ne += 1;
        } else {
            weekday += v;
            nd += 1;
        }
    }
    assert!(
        weekday / nd as f64 > 2.5 * weekend / ne as f64,
        "weekdays are busier"
    );
    let actions = e.flow_actions(&q);
    let emails: Vec<&FlowActionRow> = actions
        .rows
        .iter()
        .filter(|r| r.action == "Send email")
        .collect();
    assert!(!emails.is_empty(), "flows sent emails in 91 days");
    for r in emails {
        assert_eq!(r.credits, Credits::from_whole(4 * r.executions as i64));
    }
    let free: Vec<&FlowActionRow> = actions
        .rows
        .iter()
        .filter(|r| r.action.starts_with("Trigger") || r.action.starts_with("Condition"))
        .collect();
    assert!(free.iter().any(|r| r.action.starts_with("Trigger")));
    assert!(free.iter().any(|r| r.action.starts_with("Condition")));
    for r in free {
        assert_eq!(r.credits, Credits::ZERO);
        assert!(r.executions > 0);
    }
    assert!(actions
        .rows
        .iter()
        .any(|r| r.tokens.is_some_and(|t| t.input > 0 && t.output > 0)));
}

#[test]
fn purchases_are_idempotent_and_move_the_balance() {
    let mut e = engine(Scenario::Default, 42);
    let before = e.balance();
    let r1 = e
        .purchase(&PurchaseRequest { credits: 5_000 }, "key-1", NOW)
        .unwrap();
    let r2 = e
        .purchase(&PurchaseRequest { credits: 5_000 }, "key-1", NOW)
        .unwrap();
    assert_eq!(r1, r2, "same key answers the same purchase");
    let after = e.balance();
    assert_eq!(
        after.purchased_credits - before.purchased_credits,
        Credits::from_whole(5_000)
    );
    assert_eq!(
        after.remaining_credits - before.remaining_credits,
        Credits::from_whole(5_000)
    );
    assert_eq!(r1.purchase.price, 47.5);
    assert!(e
        .purchase(&PurchaseRequest { credits: 10 }, "key-2", NOW)
        .is_err());
    let events = e.events(e.data.anchor.cycle_containing(today()));
    assert!(
        events
            .events
            .iter()
            .any(|ev| ev.kind == CreditEventKind::Purchase
                && ev.credits == Credits::from_whole(5_000))
    );
}

#[test]
fn enabling_auto_recharge_under_the_threshold_recharges() {
    let mut e = engine(Scenario::LowBalance, 42);
    let before = e.balance();
    assert!(!e.auto_recharge().enabled);
    assert!(e.auto_recharge().last_failure.is_some());
    let remaining = before.remaining_credits.as_f64() as u64;
    let s = AutoRechargeSettings {
        enabled: true,
        threshold_credits: remaining + 100,
        recharge_credits: (remaining + 100) * 2,
        monthly_limit: Some(2),
    };
    let saved = e.set_auto_recharge(&s, NOW).unwrap();
    assert!(saved.enabled);
    let after = e.balance();
    assert!(after.remaining_credits > before.remaining_credits);
    // A threshold of zero never recharges (issue 28 item 5: one above the amount is sound).
    let bad = AutoRechargeSettings {
        threshold_credits: 0,
        recharge_credits: 1_000,
        ..s
    };
    assert!(e.set_auto_recharge(&bad, NOW).is_err());
    assert!(e.auto_recharge().enabled, "a refused save changes nothing");
}

#[test]
fn recalculation_progresses_and_refreshes_as_of() {
    let mut e = engine(Scenario::Default, 42);
    let job = e.start_recalculation(NOW);
    assert_eq!(job.status, JobStatus::Queued);
    let mut last = job;
    for _ in 0..4 {
        last = e
            .poll_recalculation(&last.job_id, "2026-11-27T12:05:00Z")
            .unwrap();
    }
    assert_eq!(last.status, JobStatus::Succeeded);
    assert_eq!(last.progress, 1.0);
    assert_eq!(e.balance().as_of, "2026-11-27T12:05:00Z");
    assert!(e.poll_recalculation("nope", NOW).is_err());
}

#[test]
fn gallery_scenarios_give_their_states() {
    let cycle = |e: &Engine| {
        let mut q = UsageQuery::new(e.data.anchor.cycle_containing(today()));
        q.compare = CompareWith::PreviousPeriod;
        q
    };

    let huge = engine(Scenario::Huge, 42);
    let s = huge.summary(&cycle(&huge));
    assert!(s.total.as_f64() > 1e9, "huge uses {} a cycle", s.total);
    let b = huge.balance();
    assert_eq!(b.remaining_credits, b.total_credits - b.used_credits);

    let long = engine(Scenario::LongNames, 42);
    let names: Vec<String> = long
        .flows(&cycle(&long))
        .rows
        .into_iter()
        .map(|r| r.name)
        .chain(long.data.users.iter().map(|u| u.name.clone()))
        .collect();
    assert!(names.iter().any(|n| n.chars().count() == 80));
    let rtl = |c: char| ('\u{0590}'..='\u{06FF}').contains(&c);
    assert!(names.iter().any(|n| n.chars().any(rtl)));
    assert!(names.iter().any(|n| n.chars().any(|c| c as u32 >= 0x1F300)));

    let first = engine(Scenario::FirstCycle, 42);
    let s = first.summary(&cycle(&first));
    assert!(s.total > Credits::ZERO);
    let previous = s.comparison.expect("a comparison was asked for");
    assert_eq!(previous.total, Credits::ZERO);
    let rows = first.flows(&cycle(&first)).rows;
    assert!(!rows.is_empty(), "the first cycle has flows");
    assert!(rows
        .iter()
        .all(|r| r.previous_credits == Some(Credits::ZERO)));

    let down = engine(Scenario::Declining, 42);
    let mut q = UsageQuery::new(DatePreset::Last30Days.resolve(today(), down.data.anchor));
    q.compare = CompareWith::PreviousPeriod;
    let s = down.summary(&q);
    let previous = s.comparison.expect("a comparison was asked for").total;
    assert!(
        s.total.as_f64() < previous.as_f64() * 0.9,
        "declining: {} then {}",
        previous,
        s.total
    );
}

/// Every scenario with a few seeds: what holds for one account must hold for all.
fn every_account() -> impl Iterator<Item = (String, Engine)> {
    Scenario::ALL.iter().copied().flat_map(|s| {
        [1, 7, 42]
            .into_iter()
            .map(move |seed| (format!("{s:?} seed {seed}"), engine(s, seed)))
    })
}

fn assert_unique<'a>(what: &str, names: impl Iterator<Item = &'a str>) {
    let mut seen = std::collections::HashSet::new();
    let mut count = 0;
    for name in names {
        assert!(seen.insert(name), "{what}: {name:?} twice");
        count += 1;
    }
    assert!(count > 0, "{what}: none at all");
}

#[test]
fn names_are_unique_within_their_kind() {
    use credit_engine::generate::ACTIONS;
    for (label, e) in every_account() {
        let d = &e.data;
        assert_unique(
            &format!("{label} teams"),
            d.teams.iter().map(|t| t.name.as_str()),
        );
        assert_unique(
            &format!("{label} users"),
            d.users.iter().map(|u| u.name.as_str()),
        );
        assert_unique(
            &format!("{label} emails"),
            d.users.iter().map(|u| u.email.as_str()),
        );
        assert_unique(
            &format!("{label} flows"),
            d.flows.iter().map(|f| f.name.as_str()),
        );
        assert_unique(
            &format!("{label} pilots"),
            d.pilots.iter().map(|p| p.name.as_str()),
        );
        for f in &d.flows {
            assert_unique(
                &format!("{label} steps of {}", f.id),
                f.steps.iter().map(|&s| ACTIONS[s].name),
            );
        }
    }
}

#[test]
fn draft_flows_never_run() {
    let mut drafts = 0;
    for (label, e) in every_account() {
        let all = UsageQuery::new(DateRange::new(e.data.start, today()).unwrap());
        let rows = e.flows(&all).rows;
        for f in e
            .data
            .flows
            .iter()
            .filter(|f| f.status == FlowStatus::Draft)
        {
            drafts += 1;
            assert_eq!(
                f.cents(0, e.data.days()),
                0,
                "{label}: draft {} spent",
                f.id
            );
            assert!(
                rows.iter().all(|r| r.flow_id != f.id),
                "{label}: draft {} has a row",
                f.id
            );
        }
    }
    assert!(drafts > 10, "only {drafts} drafts: the test proves little");
}

#[test]
fn stopped_flows_and_pilots_use_nothing_from_their_stop_date() {
    let (mut flows, mut pilots) = (0, 0);
    for (label, e) in every_account() {
        let after =
            |from: chrono::NaiveDate| UsageQuery::new(DateRange::new(from, today()).unwrap());
        for f in &e.data.flows {
            let Some(stopped) = f.stopped_on else {
                assert_ne!(
                    f.status,
                    FlowStatus::Archived,
                    "{label}: {} has no stop date",
                    f.id
                );
                continue;
            };
            flows += 1;
            assert_eq!(f.status, FlowStatus::Archived, "{label}: {} stopped", f.id);
            assert!(
                stopped > e.data.start && stopped <= today(),
                "{label}: {stopped}"
            );
            assert!(
                e.flows(&after(stopped))
                    .rows
                    .iter()
                    .all(|r| r.flow_id != f.id),
                "{label}: {} ran after {stopped}",
                f.id
            );
        }
        let all = UsageQuery::new(DateRange::new(e.data.start, today()).unwrap());
        for r in e.flows(&all).rows {
            let def = e.data.flows.iter().find(|f| f.id == r.flow_id).unwrap();
            assert_eq!(
                r.stopped_on, def.stopped_on,
                "{label}: row of {}",
                r.flow_id
            );
        }
        for p in &e.data.pilots {
            let Some(stopped) = p.stopped_on else {
                assert_ne!(
                    p.status,
                    PilotStatus::Disabled,
                    "{label}: {} has no stop date",
                    p.id
                );
                continue;
            };
            pilots += 1;
            assert_eq!(p.status, PilotStatus::Disabled, "{label}: {} stopped", p.id);
            let rows = e.ai_pilots(&after(stopped)).rows;
            assert!(
                rows.iter().all(|r| r.pilot_id != p.id),
                "{label}: {} spent after {stopped}",
                p.id
            );
            let all = e.ai_pilots(&all).rows;
            if let Some(row) = all.iter().find(|r| r.pilot_id == p.id) {
                assert_eq!(row.stopped_on, Some(stopped), "{label}: row of {}", p.id);
            }
        }
    }
    assert!(
        flows > 10 && pilots > 5,
        "{flows} stopped flows, {pilots} stopped pilots"
    );
}

#[test]
fn cards_over_the_same_account_share_one_generation() {
    use credit_engine::generate::shared;
    use std::rc::Rc;
    let a = shared(Scenario::Default, 42, today());
    let b = shared(Scenario::Default, 42, today());
    assert!(
        Rc::ptr_eq(&a, &b),
        "the same scenario, seed and day are generated once"
    );
    // Shared, it is the same account generate() makes.
    let fresh = generate(Scenario::Default, 42, today());
    assert_eq!(a.users.len(), fresh.users.len());
    assert_eq!(
        a.users.iter().map(|u| &u.name).collect::<Vec<_>>(),
        fresh.users.iter().map(|u| &u.name).collect::<Vec<_>>()
    );
    let other_seed = shared(Scenario::Default, 7, today());
    assert!(!Rc::ptr_eq(&a, &other_seed));
    let other_day = shared(Scenario::Default, 42, today() - Days::new(1));
    assert!(!Rc::ptr_eq(&a, &other_day));
    // Only the last few stay: after four others, the first is generated anew.
    for seed in 100..104 {
        shared(Scenario::NewAccount, seed, today());
    }
    assert!(!Rc::ptr_eq(&a, &shared(Scenario::Default, 42, today())));
}

/// Issue 28 item 1, DESIGN 14: under the default at-limit policy (`pause`) usage stops at zero
/// until a top-up or the next cycle refills it, so no running balance of any scenario's ledger
/// is below zero, on every seed and on other days (a short February, a year earlier); nothing
/// is left to settle at a cycle's end, and the balance says its policy.
#[test]
fn no_ledger_goes_below_zero_under_pause() {
    let days = [
        today(),
        NaiveDate::from_ymd_opt(2026, 2, 28).unwrap(),
        NaiveDate::from_ymd_opt(2025, 11, 27).unwrap(),
    ];
    for &s in Scenario::ALL.iter() {
        for seed in [1, 7, 42] {
            for day in days {
                let e = Engine::new(generate(s, seed, day), NOW);
                let ledger = e.ledger();
                let low = ledger.iter().min_by_key(|x| x.balance).expect("a ledger");
                assert!(low.balance >= Credits::ZERO, "{s:?} {seed} {day}: {low:?}");
                assert!(
                    ledger
                        .iter()
                        .all(|x| x.kind.known() != Some(LedgerKind::Overdraft)
                            && x.kind.known() != Some(LedgerKind::Overage)),
                    "{s:?} {seed} {day}"
                );
                let b = e.balance();
                assert!(b.remaining_credits >= Credits::ZERO, "{s:?} {seed} {day}");
                assert_eq!(b.at_limit, Some(AtLimit::Pause.into()));
                assert!(b.over_by().is_none());
            }
        }
    }
}
