//! The names people, teams, flows and pilots are drawn from, and the `long-names` scenario's
//! stretched ones.

use std::collections::HashSet;

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

/// The names of each kind of thing (teams, users, flows, pilots), to be changed in place. The
/// generator hands them over, so the names know nothing of what they name.
pub(super) type NamesByKind<'a> = Vec<Vec<&'a mut String>>;

/// Every fourth name 80 characters long, every fourth right-to-left, every fourth with emoji,
/// counting through the kinds in order.
pub(super) fn stretch_names(mut kinds: NamesByKind<'_>) {
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
    for (i, name) in kinds.iter_mut().flatten().enumerate() {
        if let Some(n) = stretch(i, name) {
            **name = n;
        }
    }
    // The few right-to-left and emoji names repeat: number them within each kind.
    for kind in kinds {
        number_repeats(kind.into_iter());
    }
}

/// Every name of each kind at exactly `n` characters (repeated or cut), numbered where cutting
/// made two alike.
pub(super) fn fit_names(kinds: NamesByKind<'_>, n: usize) {
    for mut kind in kinds {
        for name in kind.iter_mut() {
            **name = exactly(&format!("{name} · "), n);
        }
        number_repeats(kind.into_iter());
    }
}

/// Numbers the second and later uses of a name ("Support Triage 2"), leaving the first as it
/// is, so that a picker or a table never shows two rows a person cannot tell apart.
fn number_repeats<'a>(names: impl Iterator<Item = &'a mut String>) {
    let names: Vec<&mut String> = names.collect();
    let originals: HashSet<String> = names.iter().map(|n| n.to_string()).collect();
    let mut seen = HashSet::new();
    for name in names {
        if seen.contains(name.as_str()) {
            let free = (2..)
                .map(|n| format!("{name} {n}"))
                .find(|c| !seen.contains(c) && !originals.contains(c))
                .expect("some number is free");
            *name = free;
        }
        seen.insert(name.clone());
    }
}

/// A person's name that nobody in `taken` has yet: the drawn one, else the same first name with
/// another last name, else with a middle initial ("Hannah B. Schmidt"). Returns the parts of
/// the name, which the email address is made of too.
pub(super) fn unique_person(first: usize, last: usize, taken: &mut HashSet<String>) -> Vec<String> {
    let with_last = |middle: Option<char>, k: usize| {
        let last = LAST[(last + k) % LAST.len()];
        let mut parts = vec![FIRST[first].to_string()];
        parts.extend(middle.map(|m| format!("{m}.")));
        parts.push(last.to_string());
        parts
    };
    let candidates = (0..LAST.len())
        .map(|k| with_last(None, k))
        .chain(('A'..='Z').flat_map(|m| (0..LAST.len()).map(move |k| with_last(Some(m), k))));
    let parts = candidates
        .into_iter()
        .find(|parts| !taken.contains(&parts.join(" ")))
        .expect("hundreds of names for each first name");
    taken.insert(parts.join(" "));
    parts
}

/// A flow name that no flow in `taken` has yet: the drawn topic and suffix, else the topic with
/// another suffix, else numbered ("Upsell nudge – EMEA #2").
pub(super) fn unique_flow(topic: usize, suffix: usize, taken: &mut HashSet<String>) -> String {
    let topic = FLOW_TOPICS[topic];
    let with_suffix =
        |k: usize| format!("{topic}{}", FLOW_SUFFIX[(suffix + k) % FLOW_SUFFIX.len()]);
    let drawn = with_suffix(0);
    let name = (0..FLOW_SUFFIX.len())
        .map(with_suffix)
        .chain((2..).map(|n| format!("{drawn} #{n}")))
        .find(|name| !taken.contains(name))
        .expect("some number is free");
    taken.insert(name.clone());
    name
}
