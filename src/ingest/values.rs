//! One cell to a [`crate::model::Value`]: outcomes, numbers, percent strings, absences.
//!
//! Matching is case- and space-insensitive ("JA", "ja ", NBSP). Texts that are none of the known
//! forms are kept as [`Value::Text`] for the reading report to count. [`Parsed::raw`] keeps the
//! cell's text whenever it differs from how the value prints, so nothing written is lost.

use crate::model::{normalize_label, Absence, Outcome, Value};

use super::grid::{format_number, CellValue};

/// A cell's value and, when it printed differently in the file, the text as written.
#[derive(Clone, Debug, PartialEq)]
pub struct Parsed {
    pub value: Value,
    pub raw: Option<String>,
}

/// What a cell looks like to layout detection, before it is known to be a value or a label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CellShape {
    /// An outcome, a number, a percent string, an absence token or an error.
    Value,
    /// A whole number between 1900 and 2100 (possibly as text, possibly with a footnote mark):
    /// a year in a header, or a value.
    Year,
    /// Any other text.
    Label,
}

/// Reads one cell's value. Empty cells are not passed here: they are [`Absence::Bortfall`].
pub fn parse_cell(cell: &CellValue) -> Parsed {
    match cell {
        CellValue::Number(n) => Parsed {
            value: Value::Number(*n),
            raw: None,
        },
        CellValue::Bool(_) => Parsed {
            value: Value::Text(cell.as_text()),
            raw: None,
        },
        CellValue::Error(e) => Parsed {
            value: Value::Error(e.clone()),
            raw: None,
        },
        CellValue::Text(text) => parse_text(text),
    }
}

/// Reads a text as a value: outcome, absence, number (decimal comma, percent sign, spaces as
/// thousands separators), formula error, or unknown text.
pub fn parse_text(text: &str) -> Parsed {
    let value = text_value(text).unwrap_or_else(|| Value::Text(text.to_owned()));
    let raw = (print(&value) != text).then(|| text.to_owned());
    Parsed { value, raw }
}

/// How a value prints: the label for outcomes, the usual token for absences, numbers as a
/// spreadsheet shows them.
pub fn print(value: &Value) -> String {
    match value {
        Value::Outcome(o) => o.label().to_owned(),
        Value::Number(n) => format_number(*n),
        Value::Absent(Absence::Bortfall) => "-".to_owned(),
        Value::Absent(Absence::Sekretess) => "..".to_owned(),
        Value::Absent(Absence::EjTillampligt) => ".".to_owned(),
        Value::Error(e) | Value::Text(e) => e.clone(),
    }
}

/// The shape of a cell for layout detection.
pub fn shape(cell: &CellValue) -> CellShape {
    match cell {
        CellValue::Number(n) => {
            if is_year_number(*n) {
                CellShape::Year
            } else {
                CellShape::Value
            }
        }
        CellValue::Error(_) => CellShape::Value,
        CellValue::Bool(_) => CellShape::Label,
        CellValue::Text(t) => {
            if year_text(t).is_some() {
                CellShape::Year
            } else if is_code_text(t) {
                CellShape::Label
            } else if text_value(t).is_some() {
                CellShape::Value
            } else {
                CellShape::Label
            }
        }
    }
}

/// Digits with a leading zero ("0114", "01"): a code, not a number.
fn is_code_text(text: &str) -> bool {
    let t = text.trim();
    t.len() >= 2 && t.starts_with('0') && t.bytes().all(|b| b.is_ascii_digit())
}

/// The year a cell names, if it is one: `2020`, `"2020"`, `"2023*"`.
pub fn cell_year(cell: &CellValue) -> Option<u16> {
    match cell {
        CellValue::Number(n) if is_year_number(*n) => u16::try_from(*n as i64).ok(),
        CellValue::Text(t) => year_text(t),
        _ => None,
    }
}

fn is_year_number(n: f64) -> bool {
    n.fract() == 0.0 && (1900.0..=2100.0).contains(&n)
}

fn year_text(text: &str) -> Option<u16> {
    let t = text.trim().trim_end_matches(['*', '¹', '²', '³']).trim();
    if t.len() != 4 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    t.parse::<u16>().ok().filter(|y| (1900..=2100).contains(y))
}

/// The outcome a text names, if any.
pub fn outcome(text: &str) -> Option<Outcome> {
    let key = normalize_label(text);
    let key = key.trim_end_matches(['.', '*']);
    Some(match key {
        "ja" => Outcome::Ja,
        "delvis" => Outcome::Delvis,
        "nej" => Outcome::Nej,
        "ej aktuellt" | "ej aktuell" | "inte aktuellt" | "ej akt" | "ej aktuellt/ej relevant" => {
            Outcome::EjAktuellt
        }
        "kan inte svara" | "kan ej svara" | "vet ej" | "vet inte" => Outcome::KanInteSvara,
        _ => return None,
    })
}

fn text_value(text: &str) -> Option<Value> {
    if let Some(o) = outcome(text) {
        return Some(Value::Outcome(o));
    }
    let key = normalize_label(text);
    match key.as_str() {
        "" | "-" | "x" | "--" | "saknas" | "uppgift saknas" | "bortfall" => {
            return Some(Value::Absent(Absence::Bortfall))
        }
        ".." | "…" | "sekretess" => return Some(Value::Absent(Absence::Sekretess)),
        "." => return Some(Value::Absent(Absence::EjTillampligt)),
        _ => {}
    }
    if key.starts_with('#') && key.len() <= 8 && key.len() > 1 {
        let upper = text.trim().to_uppercase();
        if matches!(
            upper.as_str(),
            "#N/A"
                | "#DIV/0!"
                | "#VALUE!"
                | "#REF!"
                | "#NAME?"
                | "#NUM!"
                | "#NULL!"
                | "#SAKNAS!"
                | "#SAKNAS"
                | "#DIVISION/0!"
                | "#VÄRDEFEL!"
                | "#REFERENS!"
                | "#NAMN?"
                | "#OGILTIGT!"
        ) {
            return Some(Value::Error(text.trim().to_owned()));
        }
    }
    number(&key).map(Value::Number)
}

/// A number written as text: "12", "12,5", "12.5", "1 234", "63 %", "63%", "−4".
pub fn number(text: &str) -> Option<f64> {
    let mut s: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '\u{00a0}' | '\u{202f}' | '\u{2009}'))
        .map(|c| if c == '\u{2212}' { '-' } else { c })
        .collect();
    if let Some(stripped) = s.strip_suffix('%') {
        s = stripped.to_owned();
    }
    let unsigned = s
        .strip_prefix('-')
        .or_else(|| s.strip_prefix('+'))
        .unwrap_or(&s);
    if unsigned.is_empty() {
        return None;
    }
    let mut seen_sep = false;
    let mut digits = 0usize;
    for c in unsigned.chars() {
        match c {
            '0'..='9' => digits = digits.saturating_add(1),
            ',' | '.' if !seen_sep => seen_sep = true,
            _ => return None,
        }
    }
    if digits == 0 || unsigned.starts_with([',', '.']) || unsigned.ends_with([',', '.']) {
        return None;
    }
    s.replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|n| n.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(text: &str) -> Value {
        parse_text(text).value
    }

    #[test]
    fn outcomes_ignore_case_and_spaces() {
        assert_eq!(value("Ja"), Value::Outcome(Outcome::Ja));
        assert_eq!(value("JA"), Value::Outcome(Outcome::Ja));
        assert_eq!(value("ja "), Value::Outcome(Outcome::Ja));
        assert_eq!(value("\u{a0}Delvis\u{a0}"), Value::Outcome(Outcome::Delvis));
        assert_eq!(value("nej"), Value::Outcome(Outcome::Nej));
        assert_eq!(value("Ej  aktuellt"), Value::Outcome(Outcome::EjAktuellt));
        assert_eq!(
            value("Kan inte svara"),
            Value::Outcome(Outcome::KanInteSvara)
        );
        assert_eq!(parse_text("JA").raw.as_deref(), Some("JA"));
        assert_eq!(parse_text("Ja").raw, None);
    }

    #[test]
    fn absences_and_errors() {
        assert_eq!(value("-"), Value::Absent(Absence::Bortfall));
        assert_eq!(value("x"), Value::Absent(Absence::Bortfall));
        assert_eq!(value("X"), Value::Absent(Absence::Bortfall));
        assert_eq!(value(".."), Value::Absent(Absence::Sekretess));
        assert_eq!(value("."), Value::Absent(Absence::EjTillampligt));
        assert_eq!(value("#N/A"), Value::Error("#N/A".into()));
        assert_eq!(parse_text("-").raw, None);
        assert_eq!(parse_text("x").raw.as_deref(), Some("x"));
    }

    #[test]
    fn numbers_percent_strings_and_decimal_comma() {
        assert_eq!(value("63 %"), Value::Number(63.0));
        assert_eq!(value("63%"), Value::Number(63.0));
        assert_eq!(value("12,5"), Value::Number(12.5));
        assert_eq!(value("12.5"), Value::Number(12.5));
        assert_eq!(value("1 234"), Value::Number(1234.0));
        assert_eq!(value("\u{2212}4"), Value::Number(-4.0));
        assert_eq!(parse_text("63 %").raw.as_deref(), Some("63 %"));
        assert_eq!(parse_text("12,5").raw.as_deref(), Some("12,5"));
        assert_eq!(parse_text("12").raw, None);
        assert_eq!(value("1,2,3"), Value::Text("1,2,3".into()));
        assert_eq!(value("<5"), Value::Text("<5".into()));
        assert_eq!(value("Uppfyllt"), Value::Text("Uppfyllt".into()));
    }

    #[test]
    fn shapes_for_layout_detection() {
        assert_eq!(shape(&CellValue::Text("2020".into())), CellShape::Year);
        assert_eq!(shape(&CellValue::Number(2023.0)), CellShape::Year);
        assert_eq!(shape(&CellValue::Text("2023*".into())), CellShape::Year);
        assert_eq!(shape(&CellValue::Number(63.0)), CellShape::Value);
        assert_eq!(shape(&CellValue::Text("Ja".into())), CellShape::Value);
        assert_eq!(shape(&CellValue::Text("Tyresö".into())), CellShape::Label);
        assert_eq!(shape(&CellValue::Text("0114".into())), CellShape::Label);
        assert_eq!(shape(&CellValue::Text("0".into())), CellShape::Value);
        assert_eq!(cell_year(&CellValue::Text("2019".into())), Some(2019));
    }
}
