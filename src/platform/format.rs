//! Numbers, money and dates for people, through the browser's `Intl` (the user's locale).
//! Formatters are built once per page: constructing `Intl` objects is the slow part.
//!
//! `Intl` throws on a time zone or currency code it does not know (a server's "Pacific
//! Standard Time" or "US$"). Every constructor here is called through `Reflect::construct`,
//! which catches that, and each formatter falls back honestly: UTC with the zone named, the
//! plain number with the code.

use chrono::NaiveDate;
use js_sys::{Array, Function, Object, Reflect};
use std::cell::RefCell;
use std::collections::HashMap;
use wasm_bindgen::JsValue;

thread_local! {
    static CACHE: RefCell<HashMap<String, Function>> = RefCell::new(HashMap::new());
}

fn options(pairs: &[(&str, JsValue)]) -> Object {
    let o = Object::new();
    for (k, v) in pairs {
        let _ = Reflect::set(&o, &JsValue::from_str(k), v);
    }
    o
}

/// `new Intl[ctor](locales, opts)`, or `None` where the browser refuses the options.
fn construct(ctor: &str, locales: &JsValue, opts: &Object) -> Option<Object> {
    let intl = Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
    let class = Reflect::get(&intl, &ctor.into())
        .ok()?
        .dyn_into_function()?;
    Reflect::construct(&class, &Array::of2(locales, opts))
        .ok()
        .map(Object::from)
}

/// The bound `format` of a constructed formatter.
fn bound_format(f: &Object) -> Option<Function> {
    Reflect::get(f, &"format".into()).ok()?.dyn_into_function()
}

fn cached(key: String, make: impl FnOnce() -> Option<Function>) -> Option<Function> {
    CACHE.with(|c| {
        if let Some(f) = c.borrow().get(&key) {
            return Some(f.clone());
        }
        let f = make()?;
        c.borrow_mut().insert(key, f.clone());
        Some(f)
    })
}

fn number_formatter(key: &str, opts: impl FnOnce() -> Object) -> Option<Function> {
    cached(format!("n:{key}"), || {
        bound_format(&construct("NumberFormat", &Array::new(), &opts())?)
    })
}

fn date_formatter(key: &str, opts: impl FnOnce() -> Object) -> Option<Function> {
    cached(format!("d:{key}"), || {
        bound_format(&construct("DateTimeFormat", &Array::new(), &opts())?)
    })
}

fn call(f: &Option<Function>, v: &JsValue) -> String {
    f.as_ref()
        .and_then(|f| f.call1(&JsValue::NULL, v).ok())
        .and_then(|s| s.as_string())
        // The browser's own text of the number, where `Intl` could not be used (a date: none).
        .unwrap_or_else(|| {
            v.as_f64()
                .and_then(|n| js_sys::Number::from(n).to_string_with_radix(10).ok())
                .map(String::from)
                .unwrap_or_default()
        })
}

/// Credits with thousands separators: "12,345" or "12,345.50"; below zero with a true minus
/// sign ("−3,789.40"), as the ledger writes its debits.
pub fn credits(v: f64) -> String {
    // Whole figures stay whole; fractional ones show both decimals, so a column lines up
    // ("11,471.60", not "11,471.6").
    let text = if v.fract() == 0.0 {
        count(v)
    } else {
        let f = number_formatter("credits", || {
            options(&[
                ("minimumFractionDigits", 2.into()),
                ("maximumFractionDigits", 2.into()),
            ])
        });
        call(&f, &JsValue::from_f64(v))
    };
    match text.strip_prefix('-') {
        Some(rest) => format!("\u{2212}{rest}"),
        None => text,
    }
}

/// Whole numbers: "1,234,567".
pub fn count(v: f64) -> String {
    let f = number_formatter("count", || options(&[("maximumFractionDigits", 0.into())]));
    call(&f, &JsValue::from_f64(v))
}

/// Large figures in a narrow space: "1.2M".
pub fn compact(v: f64) -> String {
    let f = number_formatter("compact", || {
        options(&[
            ("notation", "compact".into()),
            ("maximumFractionDigits", 1.into()),
        ])
    });
    call(&f, &JsValue::from_f64(v))
}

/// A share of a whole: "42.1%".
pub fn share(fraction: f64) -> String {
    let f = number_formatter("share", || {
        options(&[
            ("style", "percent".into()),
            // One decimal always, as the changes beside it have (issue 28 item 14).
            ("minimumFractionDigits", 1.into()),
            ("maximumFractionDigits", 1.into()),
        ])
    });
    call(&f, &JsValue::from_f64(fraction))
}

/// Money in the account's currency: "$47.50". A code the browser rejects ("US$") shows the
/// amount with two decimals and the code as it came: "47.50 US$".
pub fn money(v: f64, currency: &str) -> String {
    let cur = currency.to_string();
    let f = number_formatter(&format!("money:{currency}"), move || {
        options(&[
            ("style", "currency".into()),
            ("currency", cur.as_str().into()),
        ])
    });
    if f.is_none() {
        let plain = number_formatter("money-plain", || {
            options(&[
                ("minimumFractionDigits", 2.into()),
                ("maximumFractionDigits", 2.into()),
            ])
        });
        return format!("{} {currency}", call(&plain, &JsValue::from_f64(v)));
    }
    call(&f, &JsValue::from_f64(v))
}

fn js_date(d: NaiveDate) -> JsValue {
    js_sys::Date::new(&JsValue::from_str(&format!("{d}T12:00:00Z"))).into()
}

/// "Nov 27, 2026".
pub fn date(d: NaiveDate) -> String {
    let f = date_formatter("date", || {
        options(&[("dateStyle", "medium".into()), ("timeZone", "UTC".into())])
    });
    call(&f, &js_date(d))
}

/// "Nov 27".
pub fn day_month(d: NaiveDate) -> String {
    let f = date_formatter("daymonth", || {
        options(&[
            ("month", "short".into()),
            ("day", "numeric".into()),
            ("timeZone", "UTC".into()),
        ])
    });
    call(&f, &js_date(d))
}

/// "Nov 2026".
pub fn month_year(d: NaiveDate) -> String {
    let f = date_formatter("monthyear", || {
        options(&[
            ("month", "short".into()),
            ("year", "numeric".into()),
            ("timeZone", "UTC".into()),
        ])
    });
    call(&f, &js_date(d))
}

/// "Nov 1 – 30, 2026" style ranges, as the locale writes them.
pub fn date_range(from: NaiveDate, to: NaiveDate) -> String {
    thread_local! {
        // Made once: every report's subtitle asks for a range on each filter change.
        static RANGE: Option<(Object, Function)> = range_formatter();
    }
    RANGE
        .with(|r| {
            let (f, format_range) = r.as_ref()?;
            format_range
                .call2(f, &js_date(from), &js_date(to))
                .ok()?
                .as_string()
        })
        .unwrap_or_else(|| format!("{} – {}", date(from), date(to)))
}

/// A medium-style date formatter (UTC: dates are calendar days) with its `formatRange`.
fn range_formatter() -> Option<(Object, Function)> {
    let f = construct(
        "DateTimeFormat",
        &Array::new(),
        &options(&[("dateStyle", "medium".into()), ("timeZone", "UTC".into())]),
    )?;
    let format_range = Reflect::get(&f, &JsValue::from_str("formatRange"))
        .ok()?
        .dyn_into_function()?;
    Some((f, format_range))
}

/// An RFC 3339 time in the account's time zone: "Nov 27, 2026, 9:05 AM". A zone the browser
/// does not know shows the time in UTC and says so: "Nov 27, 2026, 2:05 PM UTC (time zone
/// “Pacific Standard Time” not recognised)".
pub fn timestamp(rfc3339: &str, time_zone: &str) -> String {
    let in_zone = |tz: &str| {
        let zone = tz.to_string();
        date_formatter(&format!("ts:{tz}"), move || {
            options(&[
                ("dateStyle", "medium".into()),
                ("timeStyle", "short".into()),
                ("timeZone", zone.as_str().into()),
            ])
        })
    };
    let d = js_sys::Date::new(&JsValue::from_str(rfc3339));
    if d.get_time().is_nan() {
        return rfc3339.to_string();
    }
    match in_zone(time_zone) {
        Some(f) => call(&Some(f), &d.into()),
        None => format!(
            "{} UTC (time zone \u{201c}{time_zone}\u{201d} not recognised)",
            call(&in_zone("UTC"), &d.into())
        ),
    }
}

/// The day of an RFC 3339 time in the account's time zone: "Nov 24". Falls back to the full
/// `timestamp` (which says so) when the zone or the time is not understood.
pub fn moment_day(rfc3339: &str, time_zone: &str) -> String {
    let zone = time_zone.to_string();
    let f = date_formatter(&format!("md:{time_zone}"), move || {
        options(&[
            ("month", "short".into()),
            ("day", "numeric".into()),
            ("timeZone", zone.as_str().into()),
        ])
    });
    let d = js_sys::Date::new(&JsValue::from_str(rfc3339));
    if f.is_none() || d.get_time().is_nan() {
        return timestamp(rfc3339, time_zone);
    }
    call(&f, &d.into())
}

/// The account's time zone for a page header: "Eastern Time (America/New_York)", the
/// locale's generic name for it, then its IANA name. A zone the browser does not know is said
/// plainly, since times are then shown in UTC (see `timestamp`).
pub fn zone_label(time_zone: &str) -> String {
    let named = |style: &str| {
        construct(
            "DateTimeFormat",
            &Array::new(),
            &options(&[
                ("timeZone", time_zone.into()),
                ("timeZoneName", style.into()),
            ]),
        )
    };
    // `longGeneric` ("Eastern Time") is newer than `long` ("Eastern Standard Time"); a browser
    // that refuses only the style still knows the zone.
    let name = named("longGeneric")
        .or_else(|| named("long"))
        .and_then(|f| {
            let parts = Reflect::get(&f, &"formatToParts".into())
                .ok()?
                .dyn_into_function()?
                .call1(&f, &js_sys::Date::new_0())
                .ok()?;
            Array::from(&parts).iter().find_map(|part| {
                let kind = Reflect::get(&part, &"type".into()).ok()?.as_string()?;
                (kind == "timeZoneName")
                    .then(|| Reflect::get(&part, &"value".into()).ok()?.as_string())
                    .flatten()
            })
        });
    match name {
        Some(name) if name != time_zone => format!("{name} ({time_zone})"),
        Some(name) => name,
        None => format!("UTC (\u{201c}{time_zone}\u{201d} is not a time zone this browser knows)"),
    }
}

/// Today's calendar date in `time_zone` (the account's), from the browser clock. An unknown
/// zone falls back to UTC rather than fail.
pub fn today_in(time_zone: &str) -> NaiveDate {
    day_and_share(&js_sys::Date::new_0(), time_zone)
        .map(|(day, _)| day)
        .unwrap_or_else(|| chrono::Utc::now().date_naive())
}

/// How much of today has passed in `time_zone` (the account's), from the browser clock: 0 at
/// midnight, 1 at the day's end. A zone the browser does not know counts in UTC, as
/// [`today_in`] does.
pub fn day_elapsed_in(time_zone: &str) -> f64 {
    let now = js_sys::Date::new_0();
    day_and_share(&now, time_zone)
        .map(|(_, share)| share)
        .unwrap_or_else(|| (now.get_utc_hours() * 60 + now.get_utc_minutes()) as f64 / 1440.0)
}

/// The calendar day an RFC 3339 moment falls on in `time_zone`, and how much of that day had
/// passed then (0 at midnight, 1 at its end); `None` for a moment or zone the browser cannot read.
pub fn moment_in(rfc3339: &str, time_zone: &str) -> Option<(NaiveDate, f64)> {
    let at = js_sys::Date::new(&JsValue::from_str(rfc3339));
    if at.get_time().is_nan() {
        return None;
    }
    day_and_share(&at, time_zone)
}

/// An RFC 3339 moment as the wall-clock time of `time_zone` with its offset
/// ("2026-11-27T09:05:00-05:00"), as an export writes its as-of time beside the account's days
/// (issue 28 item 12); `None` for a moment or zone the browser cannot read.
pub fn rfc3339_in(rfc3339: &str, time_zone: &str) -> Option<String> {
    let at = js_sys::Date::new(&JsValue::from_str(rfc3339));
    if at.get_time().is_nan() {
        return None;
    }
    // "11/27/2026, 09:05:00 GMT-05:00", or "… GMT" at offset zero.
    let text = wall_clock(&at, time_zone, true)?;
    let (wall, offset) = text.split_once("GMT")?;
    let [month, day, year, hour, minute, second] = numbers(wall)[..] else {
        return None;
    };
    let offset = match offset.trim() {
        "" => "+00:00".to_string(),
        o if (o.starts_with('+') || o.starts_with('-') || o.starts_with('\u{2212}'))
            && o.len() >= 3 =>
        {
            let sign = if o.starts_with('+') { '+' } else { '-' };
            let digits: String = o.chars().filter(|c| c.is_ascii_digit()).collect();
            match digits.len() {
                2 => format!("{sign}{digits}:00"),
                4 => format!("{sign}{}:{}", &digits[..2], &digits[2..]),
                _ => return None,
            }
        }
        _ => return None,
    };
    Some(format!(
        "{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}{offset}"
    ))
}

/// `at` on the wall clock of `time_zone`, by one cached `Intl` format: "11/27/2026, 09:05", or
/// with `precise` its seconds and offset too ("11/27/2026, 09:05:00 GMT-05:00"). en-US on
/// purpose, whatever the browser's language: the parts are read in its order. An unknown zone
/// throws in the constructor: `None`.
fn wall_clock(at: &js_sys::Date, time_zone: &str, precise: bool) -> Option<String> {
    let key = format!("{}:{time_zone}", if precise { "offset" } else { "moment" });
    let f = cached(key, || {
        let locales = Array::of1(&JsValue::from_str("en-US"));
        let mut parts: Vec<(&str, JsValue)> = vec![
            ("timeZone", time_zone.into()),
            ("year", "numeric".into()),
            ("month", "2-digit".into()),
            ("day", "2-digit".into()),
            ("hour", "2-digit".into()),
            ("minute", "2-digit".into()),
            ("hourCycle", "h23".into()),
        ];
        if precise {
            parts.push(("second", "2-digit".into()));
            parts.push(("timeZoneName", "longOffset".into()));
        }
        bound_format(&construct("DateTimeFormat", &locales, &options(&parts))?)
    });
    f.as_ref()?.call1(&JsValue::NULL, at).ok()?.as_string()
}

/// The numbers of a formatted date, in order.
fn numbers(text: &str) -> Vec<u32> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .filter_map(|p| p.parse().ok())
        .collect()
}

/// `at`'s date and share of the day in `time_zone`, read off one `Intl` format
/// ("11/27/2026, 09:05"). An unknown zone throws in the constructor: `None`.
fn day_and_share(at: &js_sys::Date, time_zone: &str) -> Option<(NaiveDate, f64)> {
    let text = wall_clock(at, time_zone, false)?;
    let n = numbers(&text);
    let [month, day, year, hour, minute] = n[..] else {
        return None;
    };
    let date = NaiveDate::from_ymd_opt(year as i32, month, day)?;
    Some((date, ((hour * 60 + minute) as f64 / 1440.0).min(1.0)))
}

trait IntoFunction {
    fn dyn_into_function(self) -> Option<Function>;
}

impl IntoFunction for JsValue {
    fn dyn_into_function(self) -> Option<Function> {
        use wasm_bindgen::JsCast;
        self.dyn_into::<Function>().ok()
    }
}
