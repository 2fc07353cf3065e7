//! Teams, the people in them, and each person's use of AI Copilot.

use super::cumulative::Cum;
use super::names::{unique_person, FIRST, LAST, TEAMS};
use super::rhythm::UsageDays;
use credit_contract::types::{Team, User};
use std::collections::HashSet;

/// `count` teams named from the list, numbered once the list runs out ("Support 2").
pub(super) fn teams(count: usize) -> Vec<Team> {
    (0..count)
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
        .collect()
}

/// The account's people, with the index of each one's team.
pub(super) struct People {
    pub users: Vec<User>,
    pub user_team: Vec<usize>,
}

/// `count` people with drawn names, each one different, spread over `teams`: earlier teams
/// are bigger.
pub(super) fn users(rng: &mut fastrand::Rng, count: usize, teams: &[Team]) -> People {
    let mut users = Vec::with_capacity(count);
    let mut user_team = Vec::with_capacity(count);
    let mut taken = HashSet::new();
    for i in 0..count {
        let first = rng.usize(0..FIRST.len());
        let last = rng.usize(0..LAST.len());
        let t = ((rng.f64().powf(1.4)) * teams.len() as f64) as usize % teams.len();
        let name = unique_person(first, last, &mut taken);
        users.push(User {
            id: format!("u{}", i + 1),
            name: name.join(" "),
            email: email(&name, i, count),
            team_id: teams[t].id.clone(),
            // The first person (the viewer) and one in eight others run the account.
            role: Some(if i % 8 == 0 { "admin" } else { "member" }.into()),
        });
        user_team.push(t);
    }
    People { users, user_team }
}

/// `first.last@example.com` in ASCII, from the parts of the name; numbered in large accounts.
fn email(name: &[String], i: usize, count: usize) -> String {
    let parts: Vec<&str> = name.iter().map(|p| p.trim_end_matches('.')).collect();
    let handle: String = parts
        .join(".")
        .to_lowercase()
        .chars()
        .map(fold_accent)
        .filter(|c| c.is_ascii_alphanumeric() || *c == '.')
        .collect();
    let number = if count > 200 {
        format!(".{}", i + 1)
    } else {
        String::new()
    };
    format!("{handle}{number}@example.com")
}

/// The plain letter of an accented Latin one, as an address writes it (García: garcia); others
/// as they are. Covers the Latin-1 and Latin Extended-A letters the names use.
fn fold_accent(c: char) -> char {
    match c {
        'à'..='å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'è'..='ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
        'ì'..='ï' | 'ī' | 'į' | 'ı' => 'i',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò'..='ö' | 'ø' | 'ō' | 'ő' => 'o',
        'ù'..='ü' | 'ū' | 'ů' | 'ű' => 'u',
        'ý' | 'ÿ' => 'y',
        'ś' | 'š' => 's',
        'ź' | 'ż' | 'ž' => 'z',
        'ł' => 'l',
        'ß' => 's',
        c => c,
    }
}

/// One person's AI Copilot usage.
pub struct CopilotUse {
    /// Credits spent on tokens, in hundredths.
    pub cents: Cum,
    /// Output tokens per input token.
    pub output_ratio: f32,
}

/// About 70% of people use Copilot, each at their own pace; a quarter start late.
pub(super) fn copilot_usage(
    rng: &mut fastrand::Rng,
    people: usize,
    days: &UsageDays,
) -> Vec<CopilotUse> {
    (0..people)
        .map(|_| {
            let uses = rng.f64() < 0.7;
            let mean = if uses {
                days.mean(400.0 + rng.f64().powi(2) * 5000.0)
            } else {
                0.0
            };
            let active_from = days.start_day(rng, 0.25);
            let daily = days.series(rng, mean, active_from);
            CopilotUse {
                cents: Cum::scaled(&daily, days.scale),
                output_ratio: 0.2 + rng.f32() * 0.4,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::email;

    /// Issue 28 item 14: accents fold to their letters instead of vanishing.
    #[test]
    fn emails_keep_accented_letters_as_plain_ones() {
        let name = |s: &[&str]| s.iter().map(|p| p.to_string()).collect::<Vec<_>>();
        assert_eq!(
            email(&name(&["Amara", "García"]), 24, 300),
            "amara.garcia.25@example.com"
        );
        assert_eq!(
            email(&name(&["Tomás", "Müller"]), 0, 10),
            "tomas.muller@example.com"
        );
        assert_eq!(
            email(&name(&["Liam", "O'Brien"]), 0, 10),
            "liam.obrien@example.com"
        );
    }
}
