//! Usage alerts: which shares of the cycle's credits notify, below which balance, and to whom.
//! The form's text is read here, with the same rules the mock server applies to a `PUT`.

use serde::{Deserialize, Serialize};

/// `PUT /credits/alerts` body: the rule without what fired.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlertSettings {
    #[serde(deserialize_with = "super::credits::small_wholes")]
    pub used_pct: Vec<u32>,
    #[serde(default, deserialize_with = "super::credits::whole_or_none")]
    pub balance_below: Option<u64>,
    pub recipients: Vec<String>,
}

/// The shares of the cycle's credits an alert can be set at, in percent.
pub const PCT_CHOICES: [u32; 4] = [50, 75, 90, 100];

/// At most this many people receive alerts.
pub const MAX_RECIPIENTS: usize = 20;

/// The largest balance threshold accepted: the contract's largest amount of credits.
const MAX_BALANCE_BELOW: u64 = 90_000_000_000_000;

/// Roles that run the account: they may buy credits, change settings, and receive alerts.
pub const ADMIN_ROLES: [&str; 2] = ["admin", "owner"];

/// Whether a role is one of [`ADMIN_ROLES`].
pub fn is_admin_role(role: &str) -> bool {
    ADMIN_ROLES.contains(&role)
}

/// Whether `s` has the shape of an email address: one `@`, text before it, a dotted domain
/// after it, no spaces or brackets.
pub fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    let plain = |t: &str| {
        !t.is_empty()
            && t.chars()
                .all(|c| !c.is_whitespace() && !matches!(c, '@' | '<' | '>' | ',' | ';' | '"'))
    };
    s.len() <= 254
        && plain(local)
        && plain(domain)
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
}

/// Reads the form: the ticked shares, the balance text and the recipients text (separated by
/// commas, semicolons or spaces). `allowed` is who may receive alerts (the directory's admins),
/// when known: recipients must be among them. The message says what to change.
pub fn read_alerts(
    pct: &[u32],
    balance_below: &str,
    recipients: &str,
    allowed: Option<&[String]>,
) -> Result<AlertSettings, String> {
    let used_pct: Vec<u32> = pct.to_vec();
    // Commas group thousands ("1,000"); "1,5" is not a whole number.
    let grouped = balance_below.trim().replace(['_', ' '], "");
    if grouped.split(',').skip(1).any(|g| g.len() != 3) {
        return Err(
            "Enter the balance to warn below as a whole number of credits, like 1000.".into(),
        );
    }
    let text = grouped.replace(',', "");
    let balance_below = if text.is_empty() {
        None
    } else if text.starts_with('-') {
        return Err("The balance to warn below cannot be negative.".into());
    } else {
        match text.parse::<u64>() {
            Ok(n) => Some(n),
            // Digits beyond any number: more than any account holds.
            Err(_) if text.chars().all(|c| c.is_ascii_digit()) => Some(u64::MAX),
            Err(_) => {
                return Err(
                    "Enter the balance to warn below as a whole number of credits, like 1000."
                        .into(),
                )
            }
        }
    };
    let list: Vec<String> = recipients
        .split([',', ';', ' ', '\n', '\t'])
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(String::from)
        .collect();
    validate_alerts(
        &AlertSettings {
            used_pct,
            balance_below,
            recipients: list,
        },
        allowed,
    )
}

/// Checks a rule as the server does (the shares offered, the threshold's bounds, recipients:
/// email addresses, at most [`MAX_RECIPIENTS`], among `allowed` when known, at least one while
/// any alert is on). Returns it sorted, without duplicates.
pub fn validate_alerts(
    s: &AlertSettings,
    allowed: Option<&[String]>,
) -> Result<AlertSettings, String> {
    let mut used_pct = s.used_pct.clone();
    used_pct.sort_unstable();
    used_pct.dedup();
    if let Some(bad) = used_pct.iter().find(|p| !PCT_CHOICES.contains(p)) {
        return Err(format!(
            "{bad} % is not one of the shares offered (50, 75, 90 or 100 %)."
        ));
    }
    match s.balance_below {
        Some(0) => {
            return Err(
                "The balance to warn below must be more than zero, or left empty for none.".into(),
            )
        }
        Some(n) if n > MAX_BALANCE_BELOW => {
            return Err("The balance to warn below is more than any account holds.".into())
        }
        _ => {}
    }
    let mut list: Vec<String> = Vec::new();
    for r in s.recipients.iter().map(|r| r.trim()) {
        if !is_email(r) {
            return Err(format!("\u{201c}{r}\u{201d} is not an email address."));
        }
        if !list.iter().any(|l| l.eq_ignore_ascii_case(r)) {
            list.push(r.to_string());
        }
    }
    if list.len() > MAX_RECIPIENTS {
        return Err(format!(
            "Alerts can go to at most {MAX_RECIPIENTS} people; {} are listed.",
            list.len()
        ));
    }
    if let Some(allowed) = allowed {
        if let Some(stranger) = list
            .iter()
            .find(|r| !allowed.iter().any(|a| a.eq_ignore_ascii_case(r)))
        {
            return Err(format!(
                "{stranger} is not an admin of this account. Alerts go to admins only."
            ));
        }
    }
    let any = !used_pct.is_empty() || s.balance_below.is_some();
    if any && list.is_empty() {
        return Err("Add at least one recipient, or turn every alert off.".into());
    }
    Ok(AlertSettings {
        used_pct,
        balance_below: s.balance_below,
        recipients: list,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn admins(emails: &[&str]) -> Vec<String> {
        emails.iter().map(|e| e.to_string()).collect()
    }

    #[test]
    fn a_complete_form_is_read_in_order_without_duplicates() {
        let people = admins(&["ana@example.com", "cy@example.com"]);
        let s = read_alerts(
            &[90, 50, 90],
            " 1,000 ",
            "ana@example.com; CY@example.com,ana@example.com",
            Some(&people),
        )
        .unwrap();
        assert_eq!(s.used_pct, vec![50, 90]);
        assert_eq!(s.balance_below, Some(1000));
        assert_eq!(s.recipients, vec!["ana@example.com", "CY@example.com"]);
    }

    #[test]
    fn bad_input_says_what_to_change() {
        let people = admins(&["ana@example.com"]);
        let err = |pct: &[u32], below: &str, to: &str| {
            read_alerts(pct, below, to, Some(&people)).unwrap_err()
        };
        assert!(err(&[50], "", "ana@").contains("not an email address"));
        assert!(err(&[50], "", "ana example.com").contains("not an email address"));
        assert!(err(&[50], "", "bo@example.com").contains("not an admin"));
        assert!(err(&[50], "", "zed@example.com").contains("not an admin"));
        assert!(err(&[50], "", "").contains("at least one recipient"));
        assert!(err(&[], "500", "").contains("at least one recipient"));
        assert!(err(&[], "-5", "ana@example.com").contains("negative"));
        assert!(err(&[], "0", "ana@example.com").contains("more than zero"));
        assert!(err(&[], "1.5", "ana@example.com").contains("whole number"));
        assert!(err(&[], "lots", "ana@example.com").contains("whole number"));
        assert!(err(&[], "1,5", "ana@example.com").contains("whole number"));
        assert!(err(&[], "99999999999999999", "ana@example.com").contains("more than any account"));
        // A large threshold the contract allows is kept.
        let big = read_alerts(&[], "90000000000000", "ana@example.com", Some(&people));
        assert_eq!(big.unwrap().balance_below, Some(90_000_000_000_000));
        assert!(is_admin_role("owner") && is_admin_role("admin") && !is_admin_role("member"));
        assert!(err(&[60], "", "ana@example.com").contains("not one of the shares"));
        let many: Vec<String> = (0..21).map(|i| format!("p{i}@example.com")).collect();
        let all = many.clone();
        let too_many = read_alerts(&[50], "", &many.join(","), Some(&all)).unwrap_err();
        assert!(too_many.contains("at most 20"), "{too_many}");
    }

    #[test]
    fn every_alert_off_needs_no_recipient() {
        let s = read_alerts(&[], "", "", None).unwrap();
        assert_eq!(s, AlertSettings::default());
    }

    #[test]
    fn before_the_directory_has_loaded_only_the_shape_is_checked() {
        // The server checks again.
        assert!(read_alerts(&[75], "", "zed@example.com", None).is_ok());
        assert!(read_alerts(&[75], "", "zed@", None).is_err());
    }
}
