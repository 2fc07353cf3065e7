//! Deterministic generation of a believable account: the same scenario and seed give the same
//! account, people, flows, pilots and daily usage every time.
//!
//! Usage is kept per entity and day as cumulative sums of hundredths of a credit, so any range
//! sum is one subtraction; per team and feature too, so unfiltered time series are cheap even on
//! the `large` scenario.
//!
//! `generate` composes one builder per entity. They all draw from one random sequence, in a
//! fixed order: calling them in another order changes every figure of every seed.

mod billing;
mod catalogue;
mod cumulative;
mod flows;
mod names;
mod people;
mod pilots;
mod rhythm;

pub use billing::PastTopUp;
pub use catalogue::{tokens_for, ActionDef, ACTIONS, INPUT_CENTS_PER_1K, OUTPUT_CENTS_PER_1K};
pub use cumulative::{Cum, Cum64, TeamUsage};
pub use flows::{AiStep, FlowDef};
pub use people::CopilotUse;
pub use pilots::PilotDef;

use crate::{Scenario, Shaping};
use chrono::{Days, NaiveDate};
use credit_contract::domain::Keyed;
use credit_contract::domain::{BillingAnchor, Credits};
use credit_contract::types::{AccountInfo, Team, User, Viewer};
use rhythm::UsageDays;
use std::cell::RefCell;
use std::rc::Rc;

pub struct Dataset {
    pub scenario: Scenario,
    pub today: NaiveDate,
    /// Day index 0.
    pub start: NaiveDate,
    pub anchor: BillingAnchor,
    pub account: AccountInfo,
    pub viewer: Viewer,
    pub plan_name: String,
    pub included: Credits,
    pub teams: Vec<Team>,
    pub users: Vec<User>,
    pub user_team: Vec<usize>,
    /// Per user, in the order of `users`.
    pub copilot: Vec<CopilotUse>,
    pub flows: Vec<FlowDef>,
    pub pilots: Vec<PilotDef>,
    /// Per team, in the order of `teams`.
    pub team_usage: Vec<TeamUsage>,
    pub user_flows: Vec<Vec<usize>>,
    pub user_pilots: Vec<Vec<usize>>,
    pub history: Vec<PastTopUp>,
    pub auto_recharge_on: bool,
    pub card_declined_on: Option<NaiveDate>,
}

impl Dataset {
    pub fn days(&self) -> usize {
        (self.today - self.start).num_days() as usize + 1
    }

    /// Day index of `d`, clamped to `0..=days`.
    pub fn index(&self, d: NaiveDate) -> usize {
        let i = (d - self.start).num_days();
        i.clamp(0, self.days() as i64) as usize
    }
}

/// How big a scenario's account is.
struct Shape {
    teams: usize,
    users: usize,
    flows: usize,
    pilots: usize,
    days: u64,
    usage: bool,
}

fn shape(s: Scenario) -> Shape {
    match s {
        Scenario::Large => Shape {
            teams: 40,
            users: 2500,
            flows: 2000,
            pilots: 150,
            days: 760,
            usage: true,
        },
        Scenario::NewAccount => Shape {
            teams: 3,
            users: 9,
            flows: 4,
            pilots: 1,
            days: 3,
            usage: false,
        },
        _ => Shape {
            teams: 8,
            users: 64,
            flows: 48,
            pilots: 9,
            days: 460,
            usage: true,
        },
    }
}

/// Seeds the sequence that draws when archived flows and disabled pilots stopped, apart from
/// the main one, so that drawing stop dates moves no other entity's figures.
const STOPS_SALT: u64 = 0x5709_da7e_5eed_0001;

fn scenario_salt(s: Scenario) -> u64 {
    s.key().bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ b as u64).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Accounts generated on this page, newest first: the gallery's two dozen cards over the same
/// default account generate it once, and a demo switching back and forth does not wait again.
const SHARED_KEEP: usize = 4;

/// What an account is generated from.
type DatasetKey = (Scenario, u64, NaiveDate, Shaping);

thread_local! {
    static SHARED: RefCell<Vec<(DatasetKey, Rc<Dataset>)>> = const { RefCell::new(Vec::new()) };
}

/// `generate`, shared: the same scenario, seed and day give the same `Rc` while it is among the
/// last few asked for. The engine never changes a dataset (what a session buys is kept apart).
pub fn shared(scenario: Scenario, seed: u64, today: NaiveDate) -> Rc<Dataset> {
    shared_shaped(scenario, seed, today, Shaping::default())
}

/// `shared` for an account reshaped by the gallery's controls.
pub fn shared_shaped(
    scenario: Scenario,
    seed: u64,
    today: NaiveDate,
    shaping: Shaping,
) -> Rc<Dataset> {
    let key = (scenario, seed, today, shaping);
    if let Some(found) = SHARED.with(|s| {
        let mut s = s.borrow_mut();
        let at = s.iter().position(|(k, _)| *k == key)?;
        let hit = s.remove(at);
        let data = hit.1.clone();
        s.insert(0, hit);
        Some(data)
    }) {
        return found;
    }
    let data = Rc::new(generate_shaped(scenario, seed, today, shaping));
    SHARED.with(|s| {
        let mut s = s.borrow_mut();
        s.insert(0, (key, data.clone()));
        s.truncate(SHARED_KEEP);
    });
    data
}

pub fn generate(scenario: Scenario, seed: u64, today: NaiveDate) -> Dataset {
    generate_shaped(scenario, seed, today, Shaping::default())
}

/// `generate`, with the scenario's size, names and scale changed as `shaping` says. A scale is
/// held to what keeps the account's figures inside the contract's bound on credits
/// (90,000,000,000,000), which a client refuses past it: the plan's credits, a balance, a bill
/// cycle's usage. (A range of many cycles on the largest scale may still pass it: the client
/// then says so for that widget.)
pub fn generate_shaped(
    scenario: Scenario,
    seed: u64,
    today: NaiveDate,
    shaping: Shaping,
) -> Dataset {
    let Some(scale) = shaping.scale.filter(|&s| s > 1) else {
        return generate_scaled(scenario, seed, today, shaping);
    };
    let plain = generate_scaled(
        scenario,
        seed,
        today,
        Shaping {
            scale: None,
            ..shaping
        },
    );
    // The most any 31 days used: a bill cycle's usage at the most.
    let daily = billing::daily_totals(&plain.team_usage, plain.days());
    let cycle = daily
        .windows(31.min(daily.len()).max(1))
        .map(|w| w.iter().sum::<u64>())
        .max()
        .unwrap_or(0);
    // A balance is at most the plan's credits and a cycle's top-ups, which buy about what the
    // cycle uses.
    let largest = plain.included.hundredths().max(0) as u64 + 2 * cycle;
    let bound = (credit_contract::domain::credits::MAX_CREDITS * 100.0) as u64;
    let fits = (bound / largest.max(1)).max(1);
    generate_scaled(
        scenario,
        seed,
        today,
        Shaping {
            scale: Some(scale.min(fits)),
            ..shaping
        },
    )
}

fn generate_scaled(scenario: Scenario, seed: u64, today: NaiveDate, shaping: Shaping) -> Dataset {
    let mut rng = fastrand::Rng::with_seed(seed ^ scenario_salt(scenario));
    let mut size = shape(scenario);
    if let Some(rows) = shaping.rows {
        // At least one user: the viewer is the first.
        let rows = rows.clamp(1, 5000) as usize;
        (size.users, size.flows, size.pilots) = (rows, rows, rows);
    }
    let anchor = billing::anchor(&mut rng, scenario, today);
    let start = billing::first_day(scenario, anchor, today, size.days);
    let mut teams = people::teams(size.teams);
    let people::People {
        mut users,
        user_team,
    } = people::users(&mut rng, size.users, &teams);
    let mut days = UsageDays::new(&mut rng, scenario, start, today, size.usage);
    if let Some(scale) = shaping.scale {
        // At most 1e9 credits per generated unit: sums of runs and cents stay inside u64.
        days.scale = days.scale.saturating_mul(scale.max(1)).min(1_000_000_000);
    }
    let mut copilot = people::copilot_usage(&mut rng, size.users, &days);
    let mut stops = fastrand::Rng::with_seed(seed ^ scenario_salt(scenario) ^ STOPS_SALT);
    let mut flows = flows::flows(&mut rng, &mut stops, size.flows, size.users, &days);
    let mut pilots = pilots::pilots(&mut rng, &mut stops, size.pilots, size.users, &days);
    let mut team_usage = team_usage(&user_team, size.teams, &copilot, &flows, &pilots, &days);
    let mut history = billing::past_top_ups(&mut rng, scenario, anchor, start, today, &days);
    // The plan is sized by the usage drawn; the at-limit rule then shapes what was spent.
    let included = billing::included_credits(scenario, &team_usage, anchor, start, today);
    let daily = billing::daily_totals(&team_usage, days.count());
    if days.usage {
        let pack = 10_000 * billing::pack_scale(scenario, &days);
        let when = (start, today);
        billing::top_up_when_low(&mut history, scenario, anchor, when, included, pack, &daily);
    }
    let kept = billing::kept_under_pause(anchor, (start, today), included, &history, &daily);
    if kept.iter().any(|&k| k < 1.0) {
        pause(&kept, &mut copilot, &mut flows, &mut pilots);
        team_usage = self::team_usage(&user_team, size.teams, &copilot, &flows, &pilots, &days);
    }
    if scenario == Scenario::LongNames {
        names::stretch_names(vec![
            teams.iter_mut().map(|t| &mut t.name).collect(),
            users.iter_mut().map(|u| &mut u.name).collect(),
            flows.iter_mut().map(|f| &mut f.name).collect(),
            pilots.iter_mut().map(|p| &mut p.name).collect(),
        ]);
    }
    if let Some(n) = shaping.name_len {
        names::fit_names(
            vec![
                users.iter_mut().map(|u| &mut u.name).collect(),
                flows.iter_mut().map(|f| &mut f.name).collect(),
                pilots.iter_mut().map(|p| &mut p.name).collect(),
            ],
            n.clamp(1, 200) as usize,
        );
    }
    let mut account = account(scenario, seed, anchor.cycle_containing(today).from);
    if shaping.opening_unsaid {
        account.opened_on = None;
    }
    Dataset {
        scenario,
        today,
        start,
        anchor,
        account,
        viewer: Viewer {
            id: "u1".into(),
            name: users[0].name.clone(),
            role: "admin".into(),
        },
        plan_name: plan_name(scenario).to_string(),
        included,
        user_flows: owned_by(users.len(), flows.iter().map(|f| f.owner)),
        user_pilots: owned_by(users.len(), pilots.iter().map(|p| p.owner)),
        teams,
        users,
        user_team,
        copilot,
        flows,
        pilots,
        team_usage,
        history,
        auto_recharge_on: false,
        card_declined_on: (scenario == Scenario::LowBalance).then(|| today - Days::new(4)),
    }
}

/// The account; the two scenarios of an account opened this cycle say so (`opened_on`), the
/// others are older than their generated days and leave it out, as a service may.
fn account(scenario: Scenario, seed: u64, cycle_start: NaiveDate) -> AccountInfo {
    let company = match scenario {
        Scenario::Large => "Globex Corporation",
        Scenario::NewAccount => "Fresh Start Ltd",
        _ => "Acme Analytics",
    };
    AccountInfo {
        id: format!("acc_{seed}"),
        name: company.to_string(),
        time_zone: super::TIME_ZONE.into(),
        currency: "USD".into(),
        opened_on: matches!(scenario, Scenario::FirstCycle | Scenario::NewAccount)
            .then_some(cycle_start),
    }
}

fn plan_name(scenario: Scenario) -> &'static str {
    match scenario {
        Scenario::Large => "Enterprise",
        Scenario::NewAccount => "Starter",
        _ => "Growth",
    }
}

/// For each of `people` people, the indexes of the things they own, given each thing's owner.
fn owned_by(people: usize, owners: impl Iterator<Item = usize>) -> Vec<Vec<usize>> {
    let mut owned = vec![Vec::new(); people];
    for (i, owner) in owners.enumerate() {
        owned[owner].push(i);
    }
    owned
}

/// Each team's usage per feature and day: its people's Copilot use, and the flows and pilots
/// they own.
fn team_usage(
    user_team: &[usize],
    teams: usize,
    copilot: &[CopilotUse],
    flows: &[FlowDef],
    pilots: &[PilotDef],
    days: &UsageDays,
) -> Vec<TeamUsage> {
    let empty = vec![vec![0u64; days.count()]; teams];
    let (mut flows_daily, mut copilot_daily, mut pilots_daily) =
        (empty.clone(), empty.clone(), empty);
    for (u, c) in copilot.iter().enumerate() {
        add_daily(&mut copilot_daily[user_team[u]], |d| c.cents.sum(d, d + 1));
    }
    for f in flows {
        add_daily(&mut flows_daily[user_team[f.owner]], |d| f.cents(d, d + 1));
    }
    for p in pilots {
        add_daily(&mut pilots_daily[user_team[p.owner]], |d| {
            p.cents.sum(d, d + 1)
        });
    }
    (0..teams)
        .map(|t| TeamUsage {
            smart_flows: Cum64::from_daily(&flows_daily[t]),
            ai_copilot: Cum64::from_daily(&copilot_daily[t]),
            ai_pilots: Cum64::from_daily(&pilots_daily[t]),
        })
        .collect()
}

/// The at-limit pause: every person's, flow's and pilot's use of each day kept to the share
/// spent before the balance reached zero.
fn pause(kept: &[f64], copilot: &mut [CopilotUse], flows: &mut [FlowDef], pilots: &mut [PilotDef]) {
    for c in copilot {
        c.cents.keep_share(kept);
    }
    for f in flows {
        f.runs.keep_share(kept);
        if let Some(ai) = f.ai.as_mut() {
            ai.cents.keep_share(kept);
        }
    }
    for p in pilots {
        p.cents.keep_share(kept);
    }
}

/// Adds `cents_on(day)` to each day of `series`.
fn add_daily(series: &mut [u64], cents_on: impl Fn(usize) -> u64) {
    for (d, v) in series.iter_mut().enumerate() {
        *v += cents_on(d);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn total(d: &Dataset) -> i64 {
        let days = d.days();
        d.team_usage
            .iter()
            .map(|t| {
                let f = t.sum(0, days);
                f.smart_flows.0 + f.ai_copilot.0 + f.ai_pilots.0
            })
            .sum()
    }

    #[test]
    fn shaping_sets_rows_names_and_scale() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        let plain = generate(Scenario::Default, 42, today);
        let shaped = generate_shaped(
            Scenario::Default,
            42,
            today,
            Shaping {
                rows: Some(40),
                name_len: Some(80),
                ..Shaping::default()
            },
        );
        assert_eq!(shaped.users.len(), 40);
        assert_eq!(shaped.flows.len(), 40);
        assert_eq!(shaped.pilots.len(), 40);
        for name in shaped
            .flows
            .iter()
            .map(|f| &f.name)
            .chain(shaped.users.iter().map(|u| &u.name))
        {
            assert!(name.chars().count() >= 80, "{name}");
        }
        // Every figure multiplied, nothing else drawn differently.
        let scaled = generate_shaped(
            Scenario::Default,
            42,
            today,
            Shaping {
                scale: Some(1000),
                ..Shaping::default()
            },
        );
        let ratio = total(&scaled) as f64 / total(&plain) as f64;
        assert!((ratio - 1000.0).abs() < 10.0, "{ratio}");
        assert_eq!(scaled.users.len(), plain.users.len());
        // Zero rows still has the viewer.
        let one = generate_shaped(
            Scenario::Default,
            42,
            today,
            Shaping {
                rows: Some(0),
                ..Shaping::default()
            },
        );
        assert_eq!(one.users.len(), 1);
        // The largest scale is held inside the contract's bound on credits, every figure.
        let biggest = generate_shaped(
            Scenario::Default,
            42,
            today,
            Shaping {
                rows: Some(400),
                scale: Some(1_000_000_000),
                ..Shaping::default()
            },
        );
        let max = credit_contract::domain::credits::MAX_CREDITS;
        let e = crate::engine::Engine::new(biggest, "2026-11-27T14:05:00Z");
        let b = e.balance();
        let cycle = credit_contract::types::UsageQuery::new(b.cycle);
        let used = e.summary(&cycle).total.as_f64();
        // The gallery's promise: a cycle's flows past a trillion credits.
        assert!(
            e.flows(&cycle)
                .rows
                .iter()
                .map(|r| r.credits.as_f64())
                .sum::<f64>()
                > 1e12
        );
        assert!(used > 1e12 && used <= max, "{used}");
        assert!(e.account().plan.included_credits.as_f64() <= max);
        assert!(b.total_credits.as_f64() <= max && b.used_credits.as_f64() <= max);
        assert!(e.ledger().iter().all(|l| l.balance.as_f64().abs() <= max));
        // The first cycle's account says the day it opened, unless told to leave it out.
        let first = |opening_unsaid| {
            generate_shaped(
                Scenario::FirstCycle,
                42,
                today,
                Shaping {
                    opening_unsaid,
                    ..Shaping::default()
                },
            )
            .account
            .opened_on
        };
        assert_eq!(
            first(false),
            Some(generate(Scenario::FirstCycle, 42, today).start)
        );
        assert_eq!(first(true), None);
        assert_eq!(
            generate(Scenario::Default, 42, today).account.opened_on,
            None
        );
    }
}
