//! How a ledger entry reads: its name and detail, its signed credits, its row, and the CSV of
//! many.

use crate::api::types::{Feature, LedgerEntry, LedgerKind, Open, PaymentStatus};
use crate::domain::table::neutralise;
use crate::domain::{Credits, Keyed};
use crate::platform::format;
use leptos::prelude::*;

/// Credits with their sign, as a ledger writes them: "+5,000", "−1,234.5".
pub(super) fn signed(c: Credits) -> String {
    let text = format::credits(c.as_f64().abs());
    match c.hundredths() {
        0 => text,
        n if n > 0 => format!("+{text}"),
        _ => format!("\u{2212}{text}"),
    }
}

/// The entry's name and the line under it.
pub(super) fn describe(e: &LedgerEntry, zone: &str, currency: &str) -> (String, Option<String>) {
    let title = e.kind.label();
    let detail = match e.kind.known() {
        Some(LedgerKind::Usage) => e.by_feature.map(|b| {
            Feature::ALL
                .iter()
                .map(|&f| format!("{} {}", f.label(), format::credits(b.get(f).as_f64())))
                .collect::<Vec<_>>()
                .join(" · ")
        }),
        Some(LedgerKind::Grant) => {
            Some("The plan's credits for the cycle starting this day".into())
        }
        Some(LedgerKind::Expiry) => Some("Credits left unused at the end of the cycle".into()),
        Some(LedgerKind::Overdraft) => {
            Some("Credits used beyond the cycle's credits, settled at its end; the next cycle starts with its plan credits".into())
        }
        Some(LedgerKind::Overage) => {
            let billed = e
                .amount
                .map(|a| format::money(a, e.currency.as_deref().unwrap_or(currency)));
            Some(match billed {
                Some(b) => format!("Credits used beyond the cycle's credits, billed {b} on the invoice"),
                None => "Credits used beyond the cycle's credits, billed on the invoice".into(),
            })
        }
        _ => {
            let parts: Vec<String> = [
                e.amount
                    .map(|a| format::money(a, e.currency.as_deref().unwrap_or(currency))),
                e.method.clone(),
                e.at.as_deref().map(|at| format::timestamp(at, zone)),
            ]
            .into_iter()
            .flatten()
            .collect();
            (!parts.is_empty()).then(|| parts.join(" · "))
        }
    };
    (title, detail)
}

pub(super) fn status_key(s: &Open<PaymentStatus>) -> String {
    match s {
        Open::Known(PaymentStatus::Succeeded) => "succeeded".into(),
        Open::Known(PaymentStatus::Failed) => "failed".into(),
        Open::Known(PaymentStatus::Pending) => "pending".into(),
        Open::Unknown(raw) => raw.clone(),
    }
}

/// The CSV of the entries, in the order shown.
pub fn history_csv(entries: &[LedgerEntry]) -> String {
    let mut w = csv::WriterBuilder::new()
        .quote_style(csv::QuoteStyle::NonNumeric)
        .from_writer(Vec::new());
    let _ = w.write_record([
        "date",
        "kind",
        "credits",
        "balance",
        "smart_flows",
        "ai_copilot",
        "ai_pilots",
        "amount",
        "currency",
        "method",
        "status",
        "at",
        "receipt_url",
        "id",
    ]);
    let number = |c: Credits| format!("{}", c.as_f64());
    for e in entries {
        let kind = match &e.kind {
            Open::Known(k) => k.key().to_string(),
            Open::Unknown(raw) => raw.clone(),
        };
        let feature = |f: Feature| e.by_feature.map(|b| number(b.get(f))).unwrap_or_default();
        let _ = w.write_record([
            e.date.to_string(),
            neutralise(&kind),
            number(e.credits),
            number(e.balance),
            feature(Feature::SmartFlows),
            feature(Feature::AiCopilot),
            feature(Feature::AiPilots),
            e.amount.map(|a| a.to_string()).unwrap_or_default(),
            neutralise(e.currency.as_deref().unwrap_or_default()),
            neutralise(e.method.as_deref().unwrap_or_default()),
            e.status
                .as_ref()
                .map(|s| neutralise(&status_key(s)))
                .unwrap_or_default(),
            neutralise(e.at.as_deref().unwrap_or_default()),
            neutralise(e.receipt_url.as_deref().unwrap_or_default()),
            neutralise(&e.id),
        ]);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// A receipt's address, when it is a secure web address as the contract says (never
/// `javascript:`, `http:` or the like).
pub(super) fn safe_receipt(url: &str) -> Option<String> {
    let lower = url.trim().to_ascii_lowercase();
    lower
        .starts_with("https://")
        .then(|| url.trim().to_string())
}

/// `more` appended to `entries`, leaving out any entry already listed (a page shifted by an
/// entry added meanwhile repeats one).
pub(super) fn append_new(entries: &mut Vec<LedgerEntry>, more: Vec<LedgerEntry>) {
    let seen: std::collections::HashSet<String> = entries.iter().map(|e| e.id.clone()).collect();
    entries.extend(more.into_iter().filter(|e| !seen.contains(&e.id)));
}

pub(super) fn entry_row(e: LedgerEntry, zone: &str, currency: &str) -> impl IntoView {
    let (title, detail) = describe(&e, zone, currency);
    let kind = match &e.kind {
        Open::Known(k) => k.key().to_string(),
        Open::Unknown(raw) => raw.clone(),
    };
    let status = e.status.clone();
    let status_attr = status.as_ref().map(status_key);
    let receipt = e.receipt_url.as_deref().and_then(safe_receipt);
    let receipt_label = if e.kind == LedgerKind::Overage {
        "Invoice"
    } else {
        "Receipt"
    };
    let void = !e.counts();
    let day = format::date(e.date);
    view! {
        <tr
            data-testid="history-row"
            data-kind=kind
            data-status=status_attr
            data-credits=e.credits.plain()
            data-balance=e.balance.plain()
            class:history-void=void
        >
            <td class="history-date">{day.clone()}</td>
            <td>
                // On a phone the date column steps aside and the date leads the entry.
                <span class="history-date-inline muted">{day}</span>
                <span class="history-title">{title}</span>
                {status.map(|s| {
                    let tone = match s.known() {
                        Some(PaymentStatus::Succeeded) => "status status-active",
                        Some(PaymentStatus::Failed) => "status status-disabled",
                        Some(PaymentStatus::Pending) => "status status-paused",
                        None => "status",
                    };
                    view! { <span class=tone>{s.label()}</span> }
                })}
                {detail.map(|d| view! { <span class="history-detail muted">{d}</span> })}
                {receipt.map(|url| view! {
                    <a class="history-receipt" href=url target="_blank" rel="noopener noreferrer" data-testid="history-receipt">{receipt_label}</a>
                })}
            </td>
            <td class="num history-credits">
                {signed(e.credits)}
                {void.then(|| view! { <span class="visually-hidden">" (not applied)"</span> })}
            </td>
            <td class="num">{format::credits(e.balance.as_f64())}</td>
        </tr>
    }
}

/// The ledger's foot: how many entries are listed, and whether older ones are still to load
/// ("Newest 50 entries", "All 1,234 entries", "1 entry").
pub(super) fn count_text(count: usize, more: bool) -> String {
    let n = format::count(count as f64);
    match (count, more) {
        (1, false) => "1 entry".to_string(),
        (1, true) => "Newest entry".to_string(),
        (_, true) => format!("Newest {n} entries"),
        (_, false) => format!("All {n} entries"),
    }
}

#[cfg(test)]
mod tests {
    use super::super::filters::Filters;
    use super::*;
    use crate::api::types::ByFeature;
    use chrono::NaiveDate;

    fn entry(kind: LedgerKind, credits: i64, balance: i64) -> LedgerEntry {
        LedgerEntry {
            balance: Credits(balance),
            ..LedgerEntry::new(
                "e1".into(),
                kind,
                NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
                Credits(credits),
            )
        }
    }

    #[test]
    fn the_csv_has_signed_credits_features_and_neutralised_text() {
        let mut usage = entry(LedgerKind::Usage, -12_345, 100_000);
        usage.by_feature = Some(ByFeature {
            smart_flows: Credits(10_000),
            ai_copilot: Credits(2_000),
            ai_pilots: Credits(345),
        });
        let mut bought = entry(LedgerKind::Purchase, 500_000, 600_000);
        bought.amount = Some(47.5);
        bought.currency = Some("USD".into());
        bought.method = Some("=cmd|' /C calc'!A0".into());
        bought.status = Some(PaymentStatus::Failed.into());
        let csv = history_csv(&[bought, usage]);
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines.len(), 3);
        assert!(lines[0].starts_with("\"date\",\"kind\",\"credits\",\"balance\""));
        assert!(lines[1].contains(",5000,6000,"), "{}", lines[1]);
        assert!(lines[1].contains("\"'=cmd"), "{}", lines[1]);
        assert!(lines[1].contains("\"failed\""), "{}", lines[1]);
        assert!(
            lines[2].contains(",-123.45,1000,100,20,3.45,"),
            "{}",
            lines[2]
        );
    }

    #[test]
    fn only_web_receipts_are_linked_and_dates_must_be_in_order() {
        assert!(safe_receipt("https://pay.example.com/r/1").is_some());
        assert!(safe_receipt("javascript:alert(1)").is_none());
        assert!(safe_receipt("http://pay.example.com/r/1").is_none());
        let f = Filters {
            from: NaiveDate::from_ymd_opt(2026, 11, 20),
            to: NaiveDate::from_ymd_opt(2026, 11, 1),
            kinds: Vec::new(),
        };
        // A list, known kinds once each; an older link's single kind still reads.
        assert_eq!(
            Filters::kinds_of(Some("purchase,x,auto_recharge,purchase"), Some("grant")),
            vec![LedgerKind::Purchase, LedgerKind::AutoRecharge]
        );
        assert_eq!(
            Filters::kinds_of(None, Some("grant")),
            vec![LedgerKind::Grant]
        );
        assert!(f.problem().is_some());
        assert!(Filters::default().problem().is_none());
    }
}
