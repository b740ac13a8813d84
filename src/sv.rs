//! Swedish number text, the one home of how a number is written in the report, the exports and
//! the page: a decimal comma, "65 %", "48,5 %", "12,5".
//!
//! Three forms, for three readers: [`number`] for a person reading a measured value (at most two
//! decimals, as ÖJ prints them), [`exact`] for a spreadsheet reading a CSV cell back (every
//! digit), [`fixed`] for a figure of the page's own with a set number of decimals ("2,2 MB").

/// A measured value as ÖJ prints it: at most two decimals, no trailing zeros ("12,5", "3",
/// "0,07").
pub fn number(n: f64) -> String {
    if !n.is_finite() {
        return n.to_string();
    }
    let text = format!("{n:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    let text = if text == "-0" { "0" } else { text };
    text.replace('.', ",")
}

/// Every digit of a number, for a CSV cell a spreadsheet reads back: no rounding, a hyphen for
/// minus (what Excel parses), empty when not finite ("12,5", "0,125", "-3").
pub fn exact(n: f64) -> String {
    if !n.is_finite() {
        return String::new();
    }
    if n == 0.0 {
        return "0".to_owned();
    }
    format!("{n}").replace('.', ",")
}

/// `decimals` decimals, trailing zeros kept, the typographic minus sign ("2,2", "−3,0").
pub fn fixed(n: f64, decimals: usize) -> String {
    format!("{n:.decimals$}")
        .replace('.', ",")
        .replace('-', "\u{2212}")
}

/// Whole percent with a space before the sign: "65 %".
pub fn percent(whole: u64) -> String {
    format!("{whole} %")
}

/// Tenths of a percent as a number, the decimal only when not whole: "48,5", "48".
pub fn tenths(permille: u64) -> String {
    if permille.is_multiple_of(10) {
        (permille / 10).to_string()
    } else {
        format!("{},{}", permille / 10, permille % 10)
    }
}

/// Tenths of a percent with the sign: "48,5 %", "48 %".
pub fn percent_tenths(permille: u64) -> String {
    format!("{} %", tenths(permille))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_measured_value_has_at_most_two_decimals_and_no_trailing_zeros() {
        assert_eq!(number(12.5), "12,5");
        assert_eq!(number(3.0), "3");
        assert_eq!(number(0.074), "0,07");
        assert_eq!(number(-0.001), "0");
        assert_eq!(number(-2.25), "-2,25");
    }

    #[test]
    fn a_csv_cell_keeps_every_digit() {
        assert_eq!(exact(12.5), "12,5");
        assert_eq!(exact(-3.0), "-3");
        assert_eq!(exact(-0.0), "0");
        assert_eq!(exact(0.125), "0,125");
        assert_eq!(exact(f64::NAN), "");
    }

    #[test]
    fn fixed_decimals_keep_their_zeros_and_the_minus_sign() {
        assert_eq!(fixed(2.2, 1), "2,2");
        assert_eq!(fixed(3.0, 1), "3,0");
        assert_eq!(fixed(-3.0, 1), "\u{2212}3,0");
    }

    #[test]
    fn percent_in_whole_and_in_tenths() {
        assert_eq!(percent(65), "65 %");
        assert_eq!(tenths(485), "48,5");
        assert_eq!(tenths(480), "48");
        assert_eq!(percent_tenths(375), "37,5 %");
        assert_eq!(percent_tenths(500), "50 %");
    }
}
