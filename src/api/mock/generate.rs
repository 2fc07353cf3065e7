//! Deterministic generation of a believable account: the same scenario and seed give the same
//! account, people, flows, pilots and daily usage every time.
//!
//! Usage is kept per entity and day as cumulative sums of hundredths of a credit, so any range
//! sum is one subtraction; per team and feature too, so unfiltered time series are cheap even on
//! the `large` scenario.

use super::scenario::Scenario;
use crate::api::types::{
    AccountInfo, ByFeature, FlowStatus, FlowType, PilotStatus, Team, User, Viewer,
};
use crate::domain::Keyed;
use crate::domain::{BillingAnchor, Credits};
use chrono::{Datelike, Days, NaiveDate, Weekday};

/// Cumulative daily sums: `cum[i]` is the total of days `0..i`, in units of `scale`.
#[derive(Clone, Debug, Default)]
pub struct Cum(Vec<u32>, u64);

impl Cum {
    pub fn from_daily(daily: &[u32]) -> Self {
        Self::scaled(daily, 1)
    }

    /// Every day counts `scale` times (the `huge` scenario's billions, without u64 storage).
    pub fn scaled(daily: &[u32], scale: u64) -> Self {
        let mut cum = Vec::with_capacity(daily.len() + 1);
        let mut acc = 0u32;
        cum.push(0);
        for &v in daily {
            acc = acc.checked_add(v).expect("entity totals fit in u32");
            cum.push(acc);
        }
        Cum(cum, scale)
    }

    /// Sum of day indexes `from..to` (end excluded); indexes are clamped to the data.
    pub fn sum(&self, from: usize, to: usize) -> u64 {
        if self.0.is_empty() {
            return 0;
        }
        let last = self.0.len() - 1;
        let (a, b) = (from.min(last), to.min(last));
        if a >= b {
            0
        } else {
            (self.0[b] - self.0[a]) as u64 * self.1
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.last().is_none_or(|&v| v == 0)
    }
}

/// Cumulative sums that may exceed u32 (team totals).
#[derive(Clone, Debug, Default)]
pub struct Cum64(Vec<u64>);

impl Cum64 {
    fn from_daily(daily: &[u64]) -> Self {
        let mut cum = Vec::with_capacity(daily.len() + 1);
        let mut acc = 0u64;
        cum.push(0);
        for &v in daily {
            acc += v;
            cum.push(acc);
        }
        Cum64(cum)
    }

    pub fn sum(&self, from: usize, to: usize) -> u64 {
        let last = self.0.len() - 1;
        let (a, b) = (from.min(last), to.min(last));
        if a >= b {
            0
        } else {
            self.0[b] - self.0[a]
        }
    }
}

/// One team's usage per feature, as cumulative daily sums (in hundredths of a credit).
#[derive(Clone, Debug, Default)]
pub struct TeamUsage {
    pub smart_flows: Cum64,
    pub ai_copilot: Cum64,
    pub ai_pilots: Cum64,
}

impl TeamUsage {
    /// Credits per feature over day indexes `from..to`.
    pub fn sum(&self, from: usize, to: usize) -> ByFeature {
        let credits = |c: &Cum64| Credits(c.sum(from, to) as i64);
        ByFeature {
            smart_flows: credits(&self.smart_flows),
            ai_copilot: credits(&self.ai_copilot),
            ai_pilots: credits(&self.ai_pilots),
        }
    }
}

/// A step of a flow, from the action catalogue.
pub struct ActionDef {
    pub name: &'static str,
    /// Credits per execution in hundredths; AI actions are token-metered instead.
    pub unit_cents: u32,
    pub token_metered: bool,
}

pub const ACTIONS: &[ActionDef] = &[
    ActionDef {
        name: "Trigger: record created",
        unit_cents: 0,
        token_metered: false,
    },
    ActionDef {
        name: "Trigger: field updated",
        unit_cents: 0,
        token_metered: false,
    },
    ActionDef {
        name: "Condition: if / else",
        unit_cents: 0,
        token_metered: false,
    },
    ActionDef {
        name: "Send email",
        unit_cents: 400,
        token_metered: false,
    },
    ActionDef {
        name: "Send SMS",
        unit_cents: 100,
        token_metered: false,
    },
    ActionDef {
        name: "Create task",
        unit_cents: 100,
        token_metered: false,
    },
    ActionDef {
        name: "Update record",
        unit_cents: 100,
        token_metered: false,
    },
    ActionDef {
        name: "Assign owner",
        unit_cents: 100,
        token_metered: false,
    },
    ActionDef {
        name: "Add tag",
        unit_cents: 100,
        token_metered: false,
    },
    ActionDef {
        name: "Call webhook",
        unit_cents: 100,
        token_metered: false,
    },
    ActionDef {
        name: "AI: write email",
        unit_cents: 0,
        token_metered: true,
    },
    ActionDef {
        name: "AI: summarize conversation",
        unit_cents: 0,
        token_metered: true,
    },
    ActionDef {
        name: "AI: classify lead",
        unit_cents: 0,
        token_metered: true,
    },
];

/// Credits per 1,000 input tokens and per 1,000 output tokens, in hundredths.
pub const INPUT_CENTS_PER_1K: f64 = 100.0;
pub const OUTPUT_CENTS_PER_1K: f64 = 300.0;

/// Token counts equivalent to `cents` of usage for an entity whose output is `ratio` times its
/// input: inverse of credits = in/1000 * 1 + out/1000 * 3.
pub fn tokens_for(cents: u64, ratio: f32) -> (u64, u64) {
    let per_input = (INPUT_CENTS_PER_1K + OUTPUT_CENTS_PER_1K * ratio as f64) / 1000.0;
    let input = (cents as f64 / per_input).round() as u64;
    let output = (input as f64 * ratio as f64).round() as u64;
    (input, output)
}

/// The token-metered AI step of a flow and what its tokens cost.
pub struct AiStep {
    /// The step's index in `ACTIONS`.
    pub action: usize,
    /// Credits spent on tokens, in hundredths.
    pub cents: Cum,
    /// Output tokens per input token.
    pub output_ratio: f32,
}

pub struct FlowDef {
    pub id: String,
    pub name: String,
    pub flow_type: FlowType,
    pub status: FlowStatus,
    pub owner: usize,
    pub steps: Vec<usize>,
    pub cost_per_run: u32,
    pub runs: Cum,
    pub ai: Option<AiStep>,
}

impl FlowDef {
    /// Credits the flow spent over day indexes `from..to`, in hundredths: its runs at the price
    /// of its steps, plus its AI step's tokens.
    pub fn cents(&self, from: usize, to: usize) -> u64 {
        self.runs.sum(from, to) * self.cost_per_run as u64
            + self.ai.as_ref().map_or(0, |ai| ai.cents.sum(from, to))
    }
}

pub struct PilotDef {
    pub id: String,
    pub name: String,
    pub status: PilotStatus,
    pub owner: usize,
    pub cents: Cum,
    pub ratio: f32,
}

/// A past purchase or auto-recharge.
#[derive(Clone, Debug)]
pub struct PastTopUp {
    pub date: NaiveDate,
    pub credits: u64,
    pub auto: bool,
}

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
    pub copilot: Vec<Cum>,
    pub copilot_ratio: Vec<f32>,
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

const FIRST: &[&str] = &[
    "Olivia", "Liam", "Amara", "Noah", "Sofia", "Mateo", "Priya", "Lucas", "Chen", "Fatima",
    "Ethan", "Yuki", "Isabella", "Omar", "Hannah", "Diego", "Aisha", "Jonas", "Mei", "Samuel",
    "Leila", "Arjun", "Clara", "Tomás", "Zara", "Felix", "Nadia", "Kwame", "Elena", "Ravi",
    "Ingrid", "Hugo",
];
const LAST: &[&str] = &[
    "Johnson",
    "Okafor",
    "Nguyen",
    "Müller",
    "García",
    "Kowalski",
    "Patel",
    "Rossi",
    "Svensson",
    "Haddad",
    "Tanaka",
    "Dubois",
    "O'Brien",
    "Fernandes",
    "Kim",
    "Novak",
    "Mensah",
    "Larsen",
    "Ibrahim",
    "Costa",
    "Schmidt",
    "Moreau",
    "Singh",
    "Eriksen",
    "Alvarez",
    "Chowdhury",
];
const TEAMS: &[&str] = &[
    "Sales EMEA",
    "Sales Americas",
    "Customer Success",
    "Marketing",
    "Support",
    "Partnerships",
    "Inside Sales",
    "Renewals",
    "Sales APAC",
    "Operations",
];
const FLOW_TOPICS: &[&str] = &[
    "Lead nurture",
    "Welcome sequence",
    "Trial follow-up",
    "Renewal reminder",
    "Deal won handoff",
    "Invoice overdue",
    "Demo no-show",
    "Webinar invite",
    "Churn risk alert",
    "Upsell nudge",
    "Support escalation",
    "Onboarding checklist",
    "Re-engagement",
    "Quote follow-up",
    "Meeting booked",
    "Contract signed",
    "NPS survey",
    "Lost deal review",
];
const FLOW_SUFFIX: &[&str] = &[
    "",
    " – EMEA",
    " – Americas",
    " – APAC",
    " v2",
    " (enterprise)",
    " – SMB",
];
const PILOT_NAMES: &[&str] = &[
    "Inbound Qualifier",
    "Meeting Scheduler",
    "Renewal Watcher",
    "Support Triage",
    "Deal Coach",
    "Data Hygiene Bot",
    "Outbound SDR",
    "Churn Sentinel",
    "Quote Builder",
    "Onboarding Guide",
];

/// Right-to-left names and names with emoji, for the `long-names` scenario.
const RTL_NAMES: &[&str] = &[
    "فريق نجاح العملاء في الشرق الأوسط",
    "צוות המכירות האזורי",
    "ليلى عبد الله الهاشمي",
    "יעל כהן-לוי",
];
const EMOJI_NAMES: &[&str] = &[
    "🚀 Growth squad 🌍",
    "Zoë Ñúñez 😀👍🏽",
    "✉️ Follow-up 🤖 AI 🔥",
    "👩🏽‍💻 Dev Rel 🇧🇷",
];

/// `text` repeated or cut to exactly `n` characters.
fn exactly(text: &str, n: usize) -> String {
    text.chars().cycle().take(n).collect::<String>()
}

/// Every fourth name 80 characters long, every fourth right-to-left, every fourth with emoji.
fn stretch_names(
    teams: &mut [Team],
    users: &mut [User],
    flows: &mut [FlowDef],
    pilots: &mut [PilotDef],
) {
    let stretch = |i: usize, name: &str| -> Option<String> {
        match i % 4 {
            0 => Some(exactly(
                &format!("{name} – with a very long descriptive name that keeps going · "),
                80,
            )),
            1 => Some(RTL_NAMES[(i / 4) % RTL_NAMES.len()].to_string()),
            2 => Some(EMOJI_NAMES[(i / 4) % EMOJI_NAMES.len()].to_string()),
            _ => None,
        }
    };
    let names = teams
        .iter_mut()
        .map(|t| &mut t.name)
        .chain(users.iter_mut().map(|u| &mut u.name))
        .chain(flows.iter_mut().map(|f| &mut f.name))
        .chain(pilots.iter_mut().map(|p| &mut p.name));
    for (i, name) in names.enumerate() {
        if let Some(n) = stretch(i, name) {
            *name = n;
        }
    }
}

/// Day-of-week rhythm: weekdays busy, weekends quiet.
fn weekday_factor(d: NaiveDate) -> f64 {
    match d.weekday() {
        Weekday::Sat => 0.22,
        Weekday::Sun => 0.15,
        Weekday::Mon => 1.08,
        Weekday::Fri => 0.86,
        _ => 1.0,
    }
}

/// Fraction of today that has happened: usage today is still coming in.
const TODAY_SO_FAR: f64 = 0.45;

struct DayShape {
    factor: Vec<f64>,
}

fn day_shape(rng: &mut fastrand::Rng, start: NaiveDate, days: usize, declining: bool) -> DayShape {
    let mut factor = Vec::with_capacity(days);
    for i in 0..days {
        let d = start + Days::new(i as u64);
        let t = i as f64 / days.max(1) as f64;
        // Growth of about 70% over the period (or a steep fall, most of it in the last two
        // months), a holiday dip late in December, spikes.
        let growth = if declining {
            let late = (i + 60).saturating_sub(days) as f64 / 60.0;
            (1.5 - 0.6 * t) * (1.0 - 0.45 * late)
        } else {
            0.65 + 0.7 * t
        };
        let holiday = if d.month() == 12 && d.day() >= 23 || d.month() == 1 && d.day() <= 2 {
            0.35
        } else {
            1.0
        };
        let spike = if rng.f64() < 0.03 {
            2.2 + rng.f64() * 1.5
        } else {
            1.0
        };
        let mut f = growth * holiday * spike * weekday_factor(d);
        if i + 1 == days {
            f *= TODAY_SO_FAR;
        }
        factor.push(f);
    }
    DayShape { factor }
}

fn noisy(rng: &mut fastrand::Rng, mean: f64) -> f64 {
    if mean <= 0.0 {
        return 0.0;
    }
    // A cheap, skewed noise in [0.55, 1.6): enough to look organic.
    mean * (0.55 + rng.f64() * 0.6 + rng.f64() * rng.f64() * 0.45)
}

fn series(
    rng: &mut fastrand::Rng,
    shape: &DayShape,
    mean_cents: f64,
    active_from: usize,
) -> Vec<u32> {
    shape
        .factor
        .iter()
        .enumerate()
        .map(|(i, f)| {
            if i < active_from {
                0
            } else {
                noisy(rng, mean_cents * f).round() as u32
            }
        })
        .collect()
}

fn scenario_salt(s: Scenario) -> u64 {
    s.key().bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ b as u64).wrapping_mul(0x0100_0000_01b3)
    })
}

pub fn generate(scenario: Scenario, seed: u64, today: NaiveDate) -> Dataset {
    let mut rng = fastrand::Rng::with_seed(seed ^ scenario_salt(scenario));
    let sh = shape(scenario);
    let anchor_day = match scenario {
        Scenario::NewAccount => (today - Days::new(2)).day(),
        // Late in the cycle, so that most of it is spent.
        Scenario::LowBalance | Scenario::FirstCycle => (today - Days::new(22)).day().min(28),
        _ => 1 + rng.u32(0..28),
    };
    let anchor = BillingAnchor::new(anchor_day);
    let start = match scenario {
        // The account opened on the first day of the current cycle.
        Scenario::FirstCycle => anchor.cycle_containing(today).from,
        _ => today - Days::new(sh.days - 1),
    };
    let days = (today - start).num_days() as usize + 1;
    // Credits (and executions) per generated unit: billions a cycle for `huge`.
    let scale: u64 = if scenario == Scenario::Huge {
        100_000
    } else {
        1
    };

    let mut teams: Vec<Team> = (0..sh.teams)
        .map(|i| {
            let base = TEAMS[i % TEAMS.len()];
            let name = if i < TEAMS.len() {
                base.to_string()
            } else {
                format!("{base} {}", i / TEAMS.len() + 1)
            };
            Team {
                id: format!("t{}", i + 1),
                name,
            }
        })
        .collect();

    let mut users = Vec::with_capacity(sh.users);
    let mut user_team = Vec::with_capacity(sh.users);
    for i in 0..sh.users {
        let first = FIRST[rng.usize(0..FIRST.len())];
        let last = LAST[rng.usize(0..LAST.len())];
        // Team sizes vary: earlier teams are bigger.
        let t = ((rng.f64().powf(1.4)) * sh.teams as f64) as usize % sh.teams;
        let handle: String = format!("{}.{}", first, last)
            .to_lowercase()
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '.')
            .collect();
        users.push(User {
            id: format!("u{}", i + 1),
            name: format!("{first} {last}"),
            email: format!(
                "{handle}{}@example.com",
                if sh.users > 200 {
                    format!(".{}", i + 1)
                } else {
                    String::new()
                }
            ),
            team_id: teams[t].id.clone(),
        });
        user_team.push(t);
    }

    let shape_days = day_shape(&mut rng, start, days, scenario == Scenario::Declining);
    let usage_scale = if sh.usage { 1.0 } else { 0.0 };

    // Copilot: about 70% of people use it, each at their own pace.
    let mut copilot = Vec::with_capacity(sh.users);
    let mut copilot_ratio = Vec::with_capacity(sh.users);
    for _ in 0..sh.users {
        let uses = rng.f64() < 0.7;
        let mean = if uses {
            usage_scale * (400.0 + rng.f64().powi(2) * 5000.0)
        } else {
            0.0
        };
        let active_from = if rng.f64() < 0.25 {
            rng.usize(0..days)
        } else {
            0
        };
        copilot.push(Cum::scaled(
            &series(&mut rng, &shape_days, mean, active_from),
            scale,
        ));
        copilot_ratio.push(0.2 + rng.f32() * 0.4);
    }

    let mut flows = Vec::with_capacity(sh.flows);
    for i in 0..sh.flows {
        let flow_type = if rng.f64() < 0.7 {
            FlowType::SmartFlow
        } else {
            FlowType::ExecutionFlow
        };
        let status = match rng.u32(0..20) {
            0..=14 => FlowStatus::Active,
            15..=17 => FlowStatus::Paused,
            18 => FlowStatus::Draft,
            _ => FlowStatus::Archived,
        };
        let status = if sh.usage { status } else { FlowStatus::Draft };
        let mut steps = vec![if rng.bool() { 0 } else { 1 }];
        if rng.f64() < 0.5 {
            steps.push(2);
        }
        let paid = 1 + rng.usize(0..3);
        for _ in 0..paid {
            let a = 3 + rng.usize(0..7);
            if !steps.contains(&a) {
                steps.push(a);
            }
        }
        let ai_step = (rng.f64() < 0.3).then(|| 10 + rng.usize(0..3));
        if let Some(a) = ai_step {
            steps.push(a);
        }
        let cost_per_run: u32 = steps.iter().map(|&s| ACTIONS[s].unit_cents).sum();
        let runs_mean = usage_scale * (1.5 + rng.f64().powi(3) * 45.0);
        let active_from = if rng.f64() < 0.3 {
            rng.usize(0..days)
        } else {
            0
        };
        let runs = series(&mut rng, &shape_days, runs_mean, active_from);
        let ai = ai_step.map(|a| {
            // Each run's AI step spends 1.5 to 6 credits of tokens.
            let per_run = 150.0 + rng.f64() * 450.0;
            let daily: Vec<u32> = runs
                .iter()
                .map(|&r| noisy(&mut rng, r as f64 * per_run).round() as u32)
                .collect();
            AiStep {
                action: a,
                cents: Cum::scaled(&daily, scale),
                output_ratio: 0.15 + rng.f32() * 0.35,
            }
        });
        let topic = FLOW_TOPICS[rng.usize(0..FLOW_TOPICS.len())];
        let suffix = FLOW_SUFFIX[rng.usize(0..FLOW_SUFFIX.len())];
        flows.push(FlowDef {
            id: format!("f{}", i + 1),
            name: format!("{topic}{suffix}"),
            flow_type,
            status,
            owner: rng.usize(0..sh.users),
            steps,
            cost_per_run,
            runs: Cum::scaled(&runs, scale),
            ai,
        });
    }

    let mut pilots = Vec::with_capacity(sh.pilots);
    for i in 0..sh.pilots {
        let base = PILOT_NAMES[i % PILOT_NAMES.len()];
        let name = if i < PILOT_NAMES.len() {
            base.to_string()
        } else {
            format!("{base} #{}", i / PILOT_NAMES.len() + 1)
        };
        let status = match rng.u32(0..10) {
            0..=6 => PilotStatus::Active,
            7..=8 => PilotStatus::Paused,
            _ => PilotStatus::Disabled,
        };
        let mean = usage_scale * (2500.0 + rng.f64().powi(2) * 22000.0);
        let active_from = if rng.f64() < 0.35 {
            rng.usize(0..days)
        } else {
            0
        };
        let daily = series(&mut rng, &shape_days, mean, active_from);
        pilots.push(PilotDef {
            id: format!("p{}", i + 1),
            name,
            status: if sh.usage {
                status
            } else {
                PilotStatus::Paused
            },
            owner: rng.usize(0..sh.users),
            cents: Cum::scaled(&daily, scale),
            ratio: 0.25 + rng.f32() * 0.5,
        });
    }

    let mut user_flows = vec![Vec::new(); sh.users];
    for (i, f) in flows.iter().enumerate() {
        user_flows[f.owner].push(i);
    }
    let mut user_pilots = vec![Vec::new(); sh.users];
    for (i, p) in pilots.iter().enumerate() {
        user_pilots[p.owner].push(i);
    }

    // Team totals per feature and day.
    let mut flows_daily = vec![vec![0u64; days]; sh.teams];
    let mut copilot_daily = vec![vec![0u64; days]; sh.teams];
    let mut pilots_daily = vec![vec![0u64; days]; sh.teams];
    for (u, c) in copilot.iter().enumerate() {
        let t = user_team[u];
        for (d, v) in copilot_daily[t].iter_mut().enumerate() {
            *v += c.sum(d, d + 1);
        }
    }
    for f in &flows {
        let t = user_team[f.owner];
        for (d, v) in flows_daily[t].iter_mut().enumerate() {
            *v += f.cents(d, d + 1);
        }
    }
    for p in &pilots {
        let t = user_team[p.owner];
        for (d, v) in pilots_daily[t].iter_mut().enumerate() {
            *v += p.cents.sum(d, d + 1);
        }
    }
    let team_usage: Vec<TeamUsage> = (0..sh.teams)
        .map(|t| TeamUsage {
            smart_flows: Cum64::from_daily(&flows_daily[t]),
            ai_copilot: Cum64::from_daily(&copilot_daily[t]),
            ai_pilots: Cum64::from_daily(&pilots_daily[t]),
        })
        .collect();
    // Whole credits used over day indexes `a..b`, by everyone.
    let used_whole = |a: usize, b: usize| -> u64 {
        let all: ByFeature = team_usage.iter().map(|t| t.sum(a, b)).sum();
        all.total().hundredths() as u64 / 100
    };

    // The plan includes a round amount near a typical cycle's usage; earlier cycles needed
    // top-ups now and then.
    let typical_cycle = used_whole(days.saturating_sub(30), days);
    let included_whole = match scenario {
        Scenario::NewAccount => 5_000,
        Scenario::LowBalance => {
            // About 4% of the cycle's credits remain.
            let cycle = anchor.cycle_containing(today);
            let used = used_whole((cycle.from - start).num_days() as usize, days);
            ((used as f64 / 0.96 / 100.0).ceil() as i64).max(1) * 100
        }
        _ => ((typical_cycle as f64 * 0.8 / 5000.0).round() as i64).max(1) * 5000,
    };
    let mut history = Vec::new();
    if sh.usage {
        let mut cycle = anchor.cycle_containing(start);
        loop {
            let mid = cycle.from + Days::new(9 + rng.u64(0..8));
            if mid > today {
                break;
            }
            if rng.f64() < 0.55 {
                let credits = [2_000u64, 5_000, 10_000][rng.usize(0..3)]
                    * if scenario == Scenario::Large {
                        10
                    } else {
                        scale
                    };
                history.push(PastTopUp {
                    date: mid,
                    credits,
                    auto: false,
                });
            }
            cycle = anchor.cycle_containing(cycle.to + Days::new(1));
        }
    }
    let current = anchor.cycle_containing(today);
    if scenario == Scenario::LowBalance {
        history.retain(|h| h.date < current.from);
    }
    let card_declined_on = (scenario == Scenario::LowBalance).then(|| today - Days::new(4));

    if scenario == Scenario::LongNames {
        stretch_names(&mut teams, &mut users, &mut flows, &mut pilots);
    }

    let company = match scenario {
        Scenario::Large => "Globex Corporation",
        Scenario::NewAccount => "Fresh Start Ltd",
        _ => "Acme Analytics",
    };
    let plan_name = match scenario {
        Scenario::Large => "Enterprise",
        Scenario::NewAccount => "Starter",
        _ => "Growth",
    };
    Dataset {
        scenario,
        today,
        start,
        anchor,
        account: AccountInfo {
            id: format!("acc_{}", seed),
            name: company.to_string(),
            time_zone: "America/New_York".into(),
            currency: "USD".into(),
        },
        viewer: Viewer {
            id: "u1".into(),
            name: users[0].name.clone(),
            role: "admin".into(),
        },
        plan_name: plan_name.to_string(),
        included: Credits::from_whole(included_whole),
        teams,
        users,
        user_team,
        copilot,
        copilot_ratio,
        flows,
        pilots,
        team_usage,
        user_flows,
        user_pilots,
        history,
        auto_recharge_on: false,
        card_declined_on,
    }
}
