//! Purchase amounts, prices and auto-recharge settings: the rules both the dialogs and the mock
//! service apply.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Pack {
    #[serde(deserialize_with = "crate::domain::credits::whole")]
    pub credits: u64,
    pub price: f64,
}

/// `GET /credits/pricing`
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Pricing {
    pub currency: String,
    pub price_per_1000: f64,
    pub packs: Vec<Pack>,
    #[serde(deserialize_with = "crate::domain::credits::whole")]
    pub min_purchase: u64,
    #[serde(deserialize_with = "crate::domain::credits::whole")]
    pub max_purchase: u64,
    /// What this account's credits cost it, per 1,000: the average price of what it bought over
    /// the last 12 months (DESIGN 14). Absent when it bought nothing or the service does not say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective_price_per_1000: Option<f64>,
}

/// `PUT /credits/auto-recharge` body.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AutoRechargeSettings {
    pub enabled: bool,
    #[serde(deserialize_with = "super::credits::whole")]
    pub threshold_credits: u64,
    #[serde(deserialize_with = "super::credits::whole")]
    pub recharge_credits: u64,
    #[serde(default, deserialize_with = "super::credits::small_whole_or_none")]
    pub monthly_limit: Option<u32>,
}

/// The rate per 1,000 credits an amount is priced at: the volume tier it reaches. Each pack is a
/// tier: an amount of at least a pack's credits costs no more per credit than that pack (the
/// lowest rate among the packs it reaches, or the list price below them all). Buying more
/// therefore never costs more per credit: 9,999 credits are priced at the 5,000 pack's rate,
/// 30,000 at the 25,000 pack's. Packs without a usable price are no tier.
pub fn rate_per_1000(credits: u64, pricing: &Pricing) -> f64 {
    pricing
        .packs
        .iter()
        .filter(|p| p.credits > 0 && p.credits <= credits)
        .map(|p| p.price * 1000.0 / p.credits as f64)
        // A pack with no usable price (free, negative, not a number) is no tier, as in
        // `CreditValue::of_account`: it would make every larger amount free.
        .filter(|r| r.is_finite() && *r > 0.0)
        .fold(pricing.price_per_1000, f64::min)
}

/// The price of `credits` at their tier's rate ([`rate_per_1000`]), rounded to cents; a pack
/// bought as it is costs its own price.
pub fn price_of(credits: u64, pricing: &Pricing) -> f64 {
    let rate = rate_per_1000(credits, pricing);
    if let Some(pack) = pricing
        .packs
        .iter()
        .find(|p| p.credits == credits && p.price * 1000.0 / p.credits as f64 <= rate)
    {
        return pack.price;
    }
    (credits as f64 * rate / 1000.0 * 100.0).round() / 100.0
}

/// A larger pack that costs no more than `credits` do (9,999 credits cost $94.99, the 10,000
/// pack $90.00): the purchase dialog suggests it.
pub fn better_pack(credits: u64, pricing: &Pricing) -> Option<&Pack> {
    let price = price_of(credits, pricing);
    pricing
        .packs
        .iter()
        .filter(|p| p.credits > credits && p.price.is_finite() && p.price <= price)
        .min_by_key(|p| p.credits)
}

/// What a credit is worth to this account: its effective rate (the average price it paid over
/// 12 months) when the service gives one, else the list price, in its currency; and which of
/// the two it is, so that the toggle and the CSV can name it.
#[derive(Clone, Debug, PartialEq)]
pub struct CreditValue {
    pub per_credit: f64,
    pub currency: String,
    /// True for the account's own average, false for the list price.
    pub effective: bool,
}

impl CreditValue {
    /// The account's rate; `None` when no usable price is given (none is a finite number above
    /// zero: a free rate would value every figure at nothing).
    pub fn of_account(pricing: &Pricing) -> Option<Self> {
        let usable = |v: f64| v.is_finite() && v > 0.0;
        let (per_1000, effective) = match pricing.effective_price_per_1000 {
            Some(v) if usable(v) => (v, true),
            _ => (pricing.price_per_1000, false),
        };
        usable(per_1000).then(|| CreditValue {
            per_credit: per_1000 / 1000.0,
            currency: pricing.currency.clone(),
            effective,
        })
    }

    /// The value of `credits`, rounded to cents.
    pub fn of(&self, credits: f64) -> f64 {
        (credits * self.per_credit * 100.0).round() / 100.0
    }

    /// The rate per 1,000 credits as a CSV column names it: `9.12`, `10`.
    pub fn rate_key(&self) -> String {
        let text = super::fixed(self.per_credit * 1000.0, 2);
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    }

    /// The values of `parts`, in cents that add up to the value of their sum: each part rounded
    /// down, then the cents left given to the parts with the largest remainders (ties to the
    /// first). Returns the total and the parts.
    pub fn allocate(&self, parts: &[f64]) -> (f64, Vec<f64>) {
        let exact: Vec<f64> = parts.iter().map(|p| p * self.per_credit * 100.0).collect();
        let total = exact.iter().sum::<f64>().round();
        let mut cents: Vec<f64> = exact.iter().map(|e| e.floor()).collect();
        let left = (total - cents.iter().sum::<f64>()).max(0.0) as usize;
        let mut order: Vec<usize> = (0..parts.len()).collect();
        order.sort_by(|&a, &b| {
            (exact[b] - cents[b])
                .total_cmp(&(exact[a] - cents[a]))
                .then(a.cmp(&b))
        });
        for &i in order.iter().take(left) {
            cents[i] += 1.0;
        }
        (
            total / 100.0,
            cents.into_iter().map(|c| c / 100.0).collect(),
        )
    }
}

/// Reads a typed amount of credits: a whole number within the pricing's limits.
/// `count` writes a whole number for people (the browser's `Intl` in the app).
pub fn parse_amount(
    input: &str,
    pricing: &Pricing,
    count: &dyn Fn(u64) -> String,
) -> Result<u64, String> {
    let text = input.trim().replace([',', '_', ' '], "");
    if text.is_empty() {
        return Err("Enter how many credits to buy.".into());
    }
    if text.starts_with('-') {
        return Err("The amount cannot be negative.".into());
    }
    if text.contains('.') && text.parse::<f64>().is_ok() {
        return Err("Enter a whole number of credits.".into());
    }
    let Ok(n) = text.parse::<u64>() else {
        return if text.chars().all(|c| c.is_ascii_digit()) {
            Err(format!(
                "The most you can buy at once is {} credits.",
                count(pricing.max_purchase)
            ))
        } else {
            Err("Enter a number, like 5000.".into())
        };
    };
    if n == 0 {
        return Err("The amount must be more than zero.".into());
    }
    if n < pricing.min_purchase {
        return Err(format!(
            "The least you can buy is {} credits.",
            count(pricing.min_purchase)
        ));
    }
    if n > pricing.max_purchase {
        return Err(format!(
            "The most you can buy at once is {} credits.",
            count(pricing.max_purchase)
        ));
    }
    Ok(n)
}

/// Checks auto-recharge settings; the message says what to change.
pub fn validate_auto_recharge(
    s: &AutoRechargeSettings,
    pricing: &Pricing,
    count: &dyn Fn(u64) -> String,
) -> Result<(), String> {
    // Beyond what the contract can carry, on or off (a setting saved off is shown again).
    let most = super::credits::MAX_CREDITS as u64;
    if s.recharge_credits > most || s.threshold_credits > most {
        return Err(format!(
            "The threshold and the recharge amount must be at most {} credits.",
            count(most)
        ));
    }
    if !s.enabled {
        return Ok(());
    }
    if s.recharge_credits < pricing.min_purchase || s.recharge_credits > pricing.max_purchase {
        return Err(format!(
            "The recharge amount must be between {} and {} credits.",
            count(pricing.min_purchase),
            count(pricing.max_purchase)
        ));
    }
    if s.threshold_credits == 0 {
        return Err("The threshold must be more than zero.".into());
    }
    // A threshold above the recharge amount is fine: a recharge fires once the balance falls
    // below the threshold and lifts it by the whole amount, above the threshold again.
    if s.monthly_limit == Some(0) {
        return Err("The monthly limit must be at least 1, or left empty for no limit.".into());
    }
    Ok(())
}

fn parse_whole(text: &str, what: &str) -> Result<u64, String> {
    let t = text.trim().replace([',', '_', ' '], "");
    if t.is_empty() {
        return Err(format!("Enter the {what}."));
    }
    t.parse::<u64>()
        .map_err(|_| format!("The {what} must be a whole number of credits."))
}

/// The credits a recharge amount typed so far buys and their price, for the line under the
/// field; nothing while the text is not a whole number above zero.
pub fn recharge_quote(amount: &str, pricing: &Pricing) -> Option<(u64, f64)> {
    parse_whole(amount, "recharge amount")
        .ok()
        .filter(|n| *n > 0)
        .map(|n| (n, price_of(n, pricing)))
}

/// The auto-recharge form's reading of what was typed, or what to fix. Turning auto-recharge
/// off saves the rule as it was (`saved`): the form's fields are disabled then, so nothing typed
/// in them is read or validated.
pub fn read_auto_recharge(
    enabled: bool,
    threshold: &str,
    amount: &str,
    limit: &str,
    saved: &AutoRechargeSettings,
    pricing: &Pricing,
    count: &dyn Fn(u64) -> String,
) -> Result<AutoRechargeSettings, String> {
    if !enabled {
        return Ok(AutoRechargeSettings {
            enabled: false,
            ..saved.clone()
        });
    }
    let threshold_credits = parse_whole(threshold, "threshold")?;
    let recharge_credits = parse_whole(amount, "recharge amount")?;
    let monthly_limit = match limit.trim() {
        "" => None,
        l => Some(l.parse::<u32>().map_err(|_| {
            "The monthly limit must be a whole number, or empty for no limit.".to_string()
        })?),
    };
    let s = AutoRechargeSettings {
        enabled,
        threshold_credits,
        recharge_credits,
        monthly_limit,
    };
    validate_auto_recharge(&s, pricing, count)?;
    Ok(s)
}

/// The rule in a few words for the header: "below 2,000, add 10,000".
pub fn recharge_rule(s: &AutoRechargeSettings, count: &dyn Fn(u64) -> String) -> String {
    format!(
        "below {}, add {}",
        count(s.threshold_credits),
        count(s.recharge_credits)
    )
}

/// What a save did, in a sentence.
pub fn recharge_saved_text(s: &AutoRechargeSettings, count: &dyn Fn(u64) -> String) -> String {
    if !s.enabled {
        return "Auto-recharge is off. Nothing will be bought automatically.".into();
    }
    let limit = match s.monthly_limit {
        None => "no monthly limit".to_string(),
        Some(1) => "at most 1 recharge a month".to_string(),
        Some(n) => format!("at most {n} recharges a month"),
    };
    format!(
        "Auto-recharge is on: when remaining credits fall below {}, {} credits are bought ({limit}).",
        count(s.threshold_credits),
        count(s.recharge_credits)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 28 item 3: a credit is worth what this account pays for one (its 12 months'
    /// average), else the list price; never the cheapest pack's rate.
    #[test]
    fn a_credit_is_worth_the_accounts_own_rate() {
        let pack = |credits, price| Pack { credits, price };
        let mut p = Pricing {
            currency: "USD".into(),
            price_per_1000: 10.0,
            packs: vec![pack(1000, 10.0), pack(25_000, 212.5), pack(5000, 47.5)],
            min_purchase: 500,
            max_purchase: 1_000_000,
            effective_price_per_1000: Some(9.124),
        };
        let v = CreditValue::of_account(&p).unwrap();
        assert_eq!(v.per_credit, 0.009124);
        assert!(v.effective);
        assert_eq!(v.rate_key(), "9.12");
        assert_eq!(v.of(1000.0), 9.12);
        assert_eq!(v.of(-200.0), -1.82);
        // None given, or not a usable one: the list price, named so.
        for none in [None, Some(0.0), Some(f64::NAN), Some(-3.0)] {
            p.effective_price_per_1000 = none;
            let v = CreditValue::of_account(&p).unwrap();
            assert_eq!((v.per_credit, v.effective), (0.01, false));
            assert_eq!(v.rate_key(), "10");
        }
        p.price_per_1000 = f64::NAN;
        assert_eq!(CreditValue::of_account(&p), None);
    }

    /// Issue 28 item 3: the parts' values add up to the total's, cent for cent ($273.18 +
    /// $115.27 + $142.01 was $530.46 beside a total of $530.47).
    #[test]
    fn money_parts_add_up_to_their_total() {
        let v = CreditValue {
            per_credit: 0.0085,
            currency: "USD".into(),
            effective: false,
        };
        let parts = [32_138.82, 13_561.18, 16_706.47];
        let (total, cents) = v.allocate(&parts);
        assert_eq!(total, v.of(parts.iter().sum()));
        let sum: f64 = cents.iter().sum();
        assert!((sum - total).abs() < 1e-9, "{cents:?} {total}");
        // Each part is within a cent of its own value.
        for (c, p) in cents.iter().zip(parts) {
            assert!((c - p * 0.0085).abs() < 0.01, "{c} {p}");
        }
        // Many parts with the same remainder: the first ones take the cents.
        let (t, c) = v.allocate(&[1.0; 7]);
        assert_eq!(t, 0.06);
        assert_eq!(c, vec![0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.0]);
        assert_eq!(v.allocate(&[]), (0.0, vec![]));
    }

    fn saved() -> AutoRechargeSettings {
        AutoRechargeSettings {
            enabled: false,
            threshold_credits: 1000,
            recharge_credits: 5000,
            monthly_limit: None,
        }
    }

    #[test]
    fn turning_off_ignores_the_disabled_fields() {
        let count = |n: u64| n.to_string();
        let off = read_auto_recharge(false, "junk", "", "-3", &saved(), &pricing(), &count)
            .expect("off is always valid");
        assert_eq!(off, saved());
        let on =
            read_auto_recharge(true, "2,000", "10000", "", &saved(), &pricing(), &count).unwrap();
        assert_eq!(
            (
                on.enabled,
                on.threshold_credits,
                on.recharge_credits,
                on.monthly_limit
            ),
            (true, 2000, 10000, None)
        );
        assert_eq!(recharge_rule(&on, &count), "below 2000, add 10000");
        assert!(recharge_saved_text(&on, &count).contains("no monthly limit"));
        for (t, a, l) in [
            ("", "5000", ""),
            ("1000", "x", ""),
            ("1000", "5000", "0"),
            // Issue 28 item 5: a threshold above the amount ("9000", "5000") is a sound rule.
            ("0", "5000", ""),
        ] {
            assert!(
                read_auto_recharge(true, t, a, l, &saved(), &pricing(), &count).is_err(),
                "{t} {a} {l}"
            );
        }
    }

    /// A price list like the demo's: 10 per 1,000 credits, cheaper packs.
    fn pricing() -> Pricing {
        let pack = |credits, price| Pack { credits, price };
        Pricing {
            currency: "USD".into(),
            price_per_1000: 10.0,
            packs: vec![pack(1_000, 10.0), pack(5_000, 47.5), pack(10_000, 90.0)],
            min_purchase: 500,
            max_purchase: 1_000_000,
            effective_price_per_1000: None,
        }
    }

    fn plain(n: u64) -> String {
        n.to_string()
    }

    fn parse_amount(input: &str, p: &Pricing) -> Result<u64, String> {
        super::parse_amount(input, p, &plain)
    }

    fn validate_auto_recharge(s: &AutoRechargeSettings, p: &Pricing) -> Result<(), String> {
        super::validate_auto_recharge(s, p, &plain)
    }

    #[test]
    fn a_recharge_amount_is_quoted_while_typed() {
        let p = pricing();
        assert_eq!(recharge_quote("5,000", &p), Some((5_000, 47.5)));
        assert_eq!(recharge_quote(" 1234 ", &p), Some((1_234, 12.34)));
        for nothing in ["", "0", "12.5", "-3", "lots"] {
            assert_eq!(recharge_quote(nothing, &p), None, "{nothing}");
        }
    }

    #[test]
    fn prices() {
        let p = pricing();
        assert_eq!(price_of(5_000, &p), 47.5);
        assert_eq!(price_of(1_234, &p), 12.34);
        assert_eq!(price_of(500, &p), 5.0);
    }

    #[test]
    fn amounts() {
        let p = pricing();
        assert_eq!(parse_amount("5000", &p), Ok(5000));
        assert_eq!(parse_amount(" 12,000 ", &p), Ok(12000));
        assert!(parse_amount("", &p).unwrap_err().contains("Enter how many"));
        assert!(parse_amount("0", &p)
            .unwrap_err()
            .contains("more than zero"));
        assert!(parse_amount("-5", &p).unwrap_err().contains("negative"));
        assert!(parse_amount("12.5", &p)
            .unwrap_err()
            .contains("whole number"));
        assert!(parse_amount("lots", &p)
            .unwrap_err()
            .contains("Enter a number"));
        assert!(parse_amount("100", &p).unwrap_err().contains("least"));
        assert!(parse_amount("2000000", &p).unwrap_err().contains("most"));
        assert!(parse_amount("99999999999999999999999", &p)
            .unwrap_err()
            .contains("most"));
        // Limits are written the way the caller writes numbers.
        let grouped = |n: u64| format!("<{n}>");
        assert_eq!(
            super::parse_amount("2000000", &p, &grouped).unwrap_err(),
            "The most you can buy at once is <1000000> credits."
        );
    }

    #[test]
    fn auto_recharge_rules() {
        let p = pricing();
        let ok = AutoRechargeSettings {
            enabled: true,
            threshold_credits: 1000,
            recharge_credits: 5000,
            monthly_limit: Some(3),
        };
        assert_eq!(validate_auto_recharge(&ok, &p), Ok(()));
        // Issue 28 item 5: "below 10,000, add 5,000" is a sound rule (after a recharge the
        // balance is above the threshold), as is a threshold equal to the amount.
        for threshold_credits in [5000, 10_000] {
            let high = AutoRechargeSettings {
                threshold_credits,
                ..ok.clone()
            };
            assert_eq!(validate_auto_recharge(&high, &p), Ok(()));
        }
        let small = AutoRechargeSettings {
            recharge_credits: 100,
            threshold_credits: 50,
            ..ok.clone()
        };
        assert!(validate_auto_recharge(&small, &p).is_err());
        let zero_limit = AutoRechargeSettings {
            monthly_limit: Some(0),
            ..ok.clone()
        };
        assert!(validate_auto_recharge(&zero_limit, &p).is_err());
        let off = AutoRechargeSettings {
            enabled: false,
            threshold_credits: 0,
            recharge_credits: 0,
            monthly_limit: None,
        };
        assert_eq!(validate_auto_recharge(&off, &p), Ok(()));
        // Off or on, a figure the contract cannot carry is refused (Schemathesis found one).
        let huge = AutoRechargeSettings {
            recharge_credits: 90_000_000_000_001,
            ..off
        };
        assert!(validate_auto_recharge(&huge, &p).is_err());
    }

    /// Issue 28 item 2: any amount is priced by the packs' volume tiers.
    #[test]
    fn amounts_are_priced_by_volume_tiers() {
        let p = pricing_with_packs();
        assert_eq!(price_of(9_999, &p), 94.99);
        assert_eq!(price_of(10_000, &p), 90.0);
        assert_eq!(price_of(30_000, &p), 255.0);
        assert_eq!(price_of(500_000, &p), 4_250.0);
        assert_eq!(price_of(1_234, &p), 12.34);
        assert_eq!(price_of(5_000, &p), 47.5);
        assert_eq!(rate_per_1000(30_000, &p), 8.5);
        assert_eq!(better_pack(9_999, &p).map(|p| p.credits), Some(10_000));
        assert_eq!(better_pack(10_000, &p), None);
        assert_eq!(better_pack(26_000, &p), None);
        // 30,000 costs less than a 25,000 pack and a 5,000 pack bought apart ($260).
        assert!(price_of(30_000, &p) < 212.5 + 47.5);
        // A free pack is no tier: larger amounts are not free.
        let mut free = p.clone();
        free.packs.push(Pack {
            credits: 50_000,
            price: 0.0,
        });
        assert_eq!(price_of(60_000, &free), 510.0);
    }

    /// Buying more never costs more per credit, whatever the packs (a property over many
    /// amounts and price lists, some with a pack dearer than the list price).
    #[test]
    fn buying_more_never_costs_more_per_credit() {
        let mut rng = fastrand::Rng::with_seed(28);
        for _ in 0..200 {
            let mut p = pricing_with_packs();
            p.price_per_1000 = 5.0 + rng.f64() * 10.0;
            p.packs = (0..rng.usize(0..6))
                .map(|_| {
                    let credits = rng.u64(1..200) * 500;
                    Pack {
                        credits,
                        price: (credits as f64 * (4.0 + rng.f64() * 12.0) / 10.0).round() / 100.0,
                    }
                })
                .collect();
            let mut amounts: Vec<u64> = (0..300).map(|_| rng.u64(1..1_000_000)).collect();
            amounts.extend(
                p.packs
                    .iter()
                    .flat_map(|k| [k.credits - 1, k.credits, k.credits + 1]),
            );
            amounts.sort_unstable();
            for w in amounts.windows(2) {
                let (a, b) = (w[0], w[1]);
                assert!(
                    rate_per_1000(b, &p) <= rate_per_1000(a, &p),
                    "{a} then {b} credits: {p:?}"
                );
                // What is charged: per credit, never more for the larger amount, but for the
                // half cent each price may be rounded up by.
                let per = |n: u64| price_of(n, &p) / n as f64;
                assert!(
                    per(b) <= per(a) + 0.005 / a as f64 + 0.005 / b as f64 + 1e-12,
                    "{a} then {b} credits cost {} and {}: {p:?}",
                    price_of(a, &p),
                    price_of(b, &p)
                );
            }
        }
    }

    fn pricing_with_packs() -> Pricing {
        let pack = |credits, price| Pack { credits, price };
        Pricing {
            currency: "USD".into(),
            price_per_1000: 10.0,
            packs: vec![
                pack(1_000, 10.0),
                pack(5_000, 47.5),
                pack(10_000, 90.0),
                pack(25_000, 212.5),
            ],
            min_purchase: 500,
            max_purchase: 1_000_000,
            effective_price_per_1000: None,
        }
    }
}
