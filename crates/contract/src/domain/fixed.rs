//! Numbers with a fixed count of decimals, written from an integer.
//!
//! `format!("{:.2}", x)` links the standard library's exact float formatting into the page's
//! wasm (issue 29 counted it among what the product's first visit could lose); every fixed-point
//! text of the product goes through here instead.

/// `x` with `decimals` digits after the point (at most 6), rounded half away from zero:
/// `fixed(12.345, 1)` is `"12.3"`, `fixed(-0.5, 0)` is `"-1"`. A value that rounds to zero is
/// written without a sign. So it differs from `{:.N}`, which rounds the exact binary value
/// with ties to even, at ties and near-ties (`fixed(0.25, 1)` is `0.3`, `{:.1}` wrote `0.2`) and
/// at negative zero; it rounds as `Change::label` does, so a change's text, its `data-change`
/// and its CSV agree. A value beyond ±9×10¹⁵ of the last digit (never a figure of this
/// product) is written in JSON's shortest form (`1e+300`), not a value (NaN, infinity) as
/// `NaN`, `inf` or `-inf`.
pub fn fixed(x: f64, decimals: u32) -> String {
    let decimals = decimals.min(6);
    let scale = 10u64.pow(decimals);
    let scaled = (x * scale as f64).round();
    if x.is_nan() {
        return "NaN".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf" } else { "-inf" }.into();
    }
    if scaled.abs() >= 9.0e15 {
        return serde_json::to_string(&x).unwrap_or_default();
    }
    let n = scaled as i64;
    let sign = if n < 0 { "-" } else { "" };
    let a = n.unsigned_abs();
    if decimals == 0 {
        return format!("{sign}{a}");
    }
    format!(
        "{sign}{}.{:0width$}",
        a / scale,
        a % scale,
        width = decimals as usize
    )
}

#[cfg(test)]
mod tests {
    use super::fixed;

    #[test]
    fn writes_what_fixed_precision_formatting_writes() {
        for (x, d) in [
            (0.0, 1),
            (12.34, 1),
            (-3.96, 1),
            (1234.5678, 2),
            (0.01, 2),
            (-0.07, 2),
            (99.999, 3),
            (42.0, 0),
            (1e12 + 0.25, 2),
            (33.333333, 3),
        ] {
            assert_eq!(
                fixed(x, d),
                format!("{x:.*}", d as usize),
                "{x} with {d} decimals"
            );
        }
    }

    #[test]
    fn rounds_half_away_from_zero_and_drops_the_sign_of_zero() {
        assert_eq!(fixed(0.25, 1), "0.3");
        assert_eq!(fixed(-0.25, 1), "-0.3");
        assert_eq!(fixed(-0.04, 1), "0.0");
        assert_eq!(fixed(-0.5, 0), "-1");
    }

    #[test]
    fn writes_out_of_range_values_as_they_are() {
        assert_eq!(fixed(f64::NAN, 2), "NaN");
        assert_eq!(fixed(f64::INFINITY, 2), "inf");
        assert_eq!(fixed(-f64::INFINITY, 2), "-inf");
        assert_eq!(fixed(1e300, 2), "1e+300");
        assert_eq!(fixed(1.5, 9), "1.500000");
    }
}
