//! The names people, teams, flows and pilots are drawn from, and the `long-names` scenario's
//! stretched ones.

use super::flows::FlowDef;
use super::pilots::PilotDef;
use crate::api::types::{Team, User};

pub(super) const FIRST: &[&str] = &[
    "Olivia", "Liam", "Amara", "Noah", "Sofia", "Mateo", "Priya", "Lucas", "Chen", "Fatima",
    "Ethan", "Yuki", "Isabella", "Omar", "Hannah", "Diego", "Aisha", "Jonas", "Mei", "Samuel",
    "Leila", "Arjun", "Clara", "Tomás", "Zara", "Felix", "Nadia", "Kwame", "Elena", "Ravi",
    "Ingrid", "Hugo",
];
pub(super) const LAST: &[&str] = &[
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
pub(super) const TEAMS: &[&str] = &[
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
pub(super) const FLOW_TOPICS: &[&str] = &[
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
pub(super) const FLOW_SUFFIX: &[&str] = &[
    "",
    " – EMEA",
    " – Americas",
    " – APAC",
    " v2",
    " (enterprise)",
    " – SMB",
];
pub(super) const PILOT_NAMES: &[&str] = &[
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
pub(super) fn stretch_names(
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
