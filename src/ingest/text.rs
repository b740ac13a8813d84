//! Delimited text (csv/tsv; `;` `,` tab; UTF-8, UTF-8 with BOM, UTF-16, Windows-1252) to one grid.
//!
//! Encoding: a byte-order mark decides; otherwise valid UTF-8 is UTF-8 and anything else is
//! Windows-1252 (what Excel writes as "CSV (semikolonavgränsad)" on a Swedish Windows). The
//! delimiter is the candidate that splits the first lines most consistently; an Excel `sep=;`
//! first line overrides. Quoted fields are read by the `csv` crate.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::error::{Damage, IngestError};
use super::grid::{normalize_text, CellValue, Grid};
use super::limits::{CellBudget, Limits};
use super::sniff::Format;
use crate::model::CellRef;

/// The name given to the one sheet of a text file.
pub const TEXT_SHEET_NAME: &str = "Blad1";

/// How a text file was encoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TextEncoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    Windows1252,
}

impl TextEncoding {
    /// The encoding's usual name, for the reading report.
    pub fn label(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Utf8Bom => "UTF-8 med BOM",
            TextEncoding::Utf16Le => "UTF-16 LE",
            TextEncoding::Utf16Be => "UTF-16 BE",
            TextEncoding::Windows1252 => "Windows-1252",
        }
    }
}

/// What was found out about a text file while reading it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextInfo {
    pub encoding: TextEncoding,
    /// The field delimiter: `;`, `,` or tab.
    pub delimiter: char,
}

/// Reads delimited text into one grid named [`TEXT_SHEET_NAME`], with what was detected.
pub fn read_text(bytes: &[u8], limits: &Limits) -> Result<(Grid, TextInfo), IngestError> {
    limits.check_file_size(bytes.len())?;
    let (text, encoding) = decode(bytes);
    let (body, explicit) = strip_sep_line(&text);
    let delimiter = match explicit.or_else(|| detect_delimiter(body)) {
        Some(d) => d,
        None if body.trim().is_empty() => return Err(IngestError::Empty),
        // One column: still a table, of one column.
        None => b';',
    };
    // The csv reader holds a whole record and every field's bounds: count the fields first, so
    // that a line of fifty million delimiters costs a scan, not gigabytes.
    let fields = count_fields(body, delimiter);
    if fields > limits.max_cells {
        return Err(IngestError::TooManyCells {
            max: limits.max_cells,
        });
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(body.as_bytes());
    let mut budget = CellBudget::new(limits);
    let mut cells = Vec::new();
    let mut record = csv::StringRecord::new();
    let mut row: u32 = 0;
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return Err(IngestError::damaged(Format::Text, Damage::Fields, e)),
        }
        for (col, field) in record.iter().enumerate() {
            let col = u32::try_from(col).map_err(|_| budget.exceeded())?;
            budget.take_text(field, TEXT_SHEET_NAME, CellRef::new(row, col))?;
            let value = text_cell(field, delimiter);
            if matches!(&value, CellValue::Text(s) if s.is_empty()) {
                continue;
            }
            budget.take_one()?;
            cells.push((row, col, value));
        }
        row = row.checked_add(1).ok_or_else(|| budget.exceeded())?;
    }
    let info = TextInfo {
        encoding,
        delimiter: char::from(delimiter),
    };
    Ok((Grid::new(TEXT_SHEET_NAME, cells, Vec::new()), info))
}

/// The fields of delimited text, empty ones and empty lines included (each costs a read):
/// delimiters and line ends outside double quotes, plus the last line.
fn count_fields(text: &str, delimiter: u8) -> u64 {
    let mut in_quotes = false;
    let mut n: u64 = 1;
    for b in text.bytes() {
        if b == b'"' {
            in_quotes = !in_quotes;
        } else if (b == delimiter || b == b'\n') && !in_quotes {
            n = n.saturating_add(1);
        }
    }
    n
}

/// Decodes text by its byte-order mark, else as UTF-8 when valid, else as Windows-1252.
pub fn decode(bytes: &[u8]) -> (Cow<'_, str>, TextEncoding) {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return (String::from_utf8_lossy(rest), TextEncoding::Utf8Bom);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        let (text, _) = encoding_rs::UTF_16LE.decode_without_bom_handling(rest);
        return (text, TextEncoding::Utf16Le);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let (text, _) = encoding_rs::UTF_16BE.decode_without_bom_handling(rest);
        return (text, TextEncoding::Utf16Be);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (Cow::Borrowed(text), TextEncoding::Utf8),
        Err(_) => {
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            (text, TextEncoding::Windows1252)
        }
    }
}

/// Whether the start of a file reads as delimited text: printable, and split by `;`, `,` or tab
/// on its first lines. `prefix` may end in the middle of a character.
pub(crate) fn looks_delimited(prefix: &[u8]) -> bool {
    let decoded: Cow<'_, str> = match std::str::from_utf8(prefix) {
        Ok(text) => Cow::Borrowed(text),
        // Cut in the middle of a character at the end: still UTF-8.
        Err(e) if e.error_len().is_none() => Cow::Borrowed(
            std::str::from_utf8(prefix.get(..e.valid_up_to()).unwrap_or(&[])).unwrap_or(""),
        ),
        Err(_) => decode(prefix).0,
    };
    let text = decoded.strip_prefix('\u{FEFF}').unwrap_or(&decoded);
    let n_chars = text.chars().count();
    let n_control = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{0C}' | '\u{1A}'))
        .count();
    if n_chars == 0 || n_control.saturating_mul(1000) > n_chars {
        return false;
    }
    let (body, explicit) = strip_sep_line(text);
    explicit.is_some() || detect_delimiter(body).is_some()
}

/// Excel's `sep=;` first line names the delimiter; returns the text after it and the delimiter.
fn strip_sep_line(text: &str) -> (&str, Option<u8>) {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let first_line_end = text.find('\n').unwrap_or(text.len());
    let first = text
        .get(..first_line_end)
        .unwrap_or("")
        .trim_end_matches('\r');
    let candidate = first
        .strip_prefix("sep=")
        .or_else(|| first.strip_prefix("\"sep="))
        .map(|rest| rest.trim_end_matches('"'));
    match candidate {
        Some(";") => (text.get(first_line_end..).unwrap_or(""), Some(b';')),
        Some(",") => (text.get(first_line_end..).unwrap_or(""), Some(b',')),
        Some("\t") => (text.get(first_line_end..).unwrap_or(""), Some(b'\t')),
        _ => (text, None),
    }
}

/// The delimiter (`;`, tab or `,`) that splits the first non-empty lines most consistently
/// into two or more fields, or `None` when none does.
pub fn detect_delimiter(text: &str) -> Option<u8> {
    const SAMPLE_LINES: usize = 50;
    // The first megabyte is sample enough, and millions of empty lines are not searched through.
    let sample = text
        .get(..text.floor_char_boundary(1 << 20))
        .unwrap_or(text);
    let lines: Vec<&str> = sample
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(SAMPLE_LINES)
        .collect();
    // A last line cut off by the sample's end may be partial; drop it when there are others.
    let lines = match lines.split_last() {
        Some((_, rest)) if rest.len() >= 2 => rest,
        _ => &lines[..],
    };
    let mut best: Option<(usize, u8)> = None;
    for delimiter in [b';', b'\t', b','] {
        let counts: Vec<usize> = lines.iter().map(|l| count_unquoted(l, delimiter)).collect();
        let Some(modal) = modal_nonzero(&counts) else {
            continue;
        };
        let consistent = counts.iter().filter(|&&c| c == modal).count();
        let score = consistent
            .saturating_mul(2)
            .saturating_add(usize::from(modal > 0));
        if best.is_none_or(|(s, _)| score > s) {
            best = Some((score, delimiter));
        }
    }
    best.map(|(_, d)| d)
}

/// How often `delimiter` occurs outside double quotes in one line.
fn count_unquoted(line: &str, delimiter: u8) -> usize {
    let mut in_quotes = false;
    let mut n = 0usize;
    for b in line.bytes() {
        if b == b'"' {
            in_quotes = !in_quotes;
        } else if b == delimiter && !in_quotes {
            n = n.saturating_add(1);
        }
    }
    n
}

/// The most frequent non-zero count (ties: the larger), or `None` when all are zero.
fn modal_nonzero(counts: &[usize]) -> Option<usize> {
    let mut sorted: Vec<usize> = counts.iter().copied().filter(|&c| c > 0).collect();
    sorted.sort_unstable();
    let mut best: Option<(usize, usize)> = None;
    for chunk in sorted.chunk_by(|a, b| a == b) {
        let value = *chunk.first()?;
        if best.is_none_or(|(n, _)| chunk.len() >= n) {
            best = Some((chunk.len(), value));
        }
    }
    best.map(|(_, v)| v)
}

/// One field as a cell: a plain number becomes a number (decimal comma accepted unless the
/// delimiter is a comma; codes with a leading zero such as `0180` stay text), else text.
fn text_cell(field: &str, delimiter: u8) -> CellValue {
    let text = normalize_text(field);
    match plain_number(&text, delimiter != b',') {
        Some(n) => CellValue::Number(n),
        None => CellValue::Text(text),
    }
}

fn plain_number(s: &str, decimal_comma: bool) -> Option<f64> {
    let unsigned = s.strip_prefix('-').unwrap_or(s);
    let (int_part, frac_part) = match unsigned.find(['.', ',']) {
        Some(i) => {
            let sep = unsigned.as_bytes().get(i).copied();
            if sep == Some(b',') && !decimal_comma {
                return None;
            }
            (unsigned.get(..i)?, Some(unsigned.get(i.checked_add(1)?..)?))
        }
        None => (unsigned, None),
    };
    let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    if !digits(int_part) || frac_part.is_some_and(|f| !digits(f)) {
        return None;
    }
    if int_part.len() > 1 && int_part.starts_with('0') {
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

    fn read(bytes: &[u8]) -> (Grid, TextInfo) {
        read_text(bytes, &Limits::default()).unwrap()
    }

    fn texts(grid: &Grid) -> Vec<String> {
        grid.cells().map(|(_, _, v)| v.as_text()).collect()
    }

    #[test]
    fn fields_and_lines_count_against_the_cells_before_parsing() {
        // Quoted delimiters and line ends are inside a field; empty fields and lines count.
        assert_eq!(count_fields("a;\"b;\nc\";\n\n;", b';'), 6);
        let limits = Limits {
            max_cells: 6,
            ..Limits::default()
        };
        assert!(read_text(b"a;b\nc;d\n;", &limits).is_ok());
        assert_eq!(
            read_text(b"a;b\nc;d\n;;", &limits),
            Err(IngestError::TooManyCells { max: 6 })
        );
    }

    #[test]
    fn windows_1252_semicolons_with_decimal_commas() {
        let bytes = b"Kommun;Andel\r\nG\xe4vle;12,5\r\nH\xf6\xf6r;7\r\n\xc5m\xe5l;0180\r\n";
        let (grid, info) = read(bytes);
        assert_eq!(info.encoding, TextEncoding::Windows1252);
        assert_eq!(info.delimiter, ';');
        assert_eq!(grid.get(1, 0).unwrap().as_text(), "Gävle");
        assert_eq!(grid.get(1, 1), Some(&CellValue::Number(12.5)));
        assert_eq!(grid.get(2, 0).unwrap().as_text(), "Höör");
        assert_eq!(grid.get(3, 0).unwrap().as_text(), "Åmål");
        assert_eq!(grid.get(3, 1), Some(&CellValue::Text("0180".into())));
    }

    #[test]
    fn utf8_bom_tabs_and_quotes() {
        let bytes = "\u{FEFF}Län\tText\n\"Västra Götalands län\"\t\"a\tb\"\n".as_bytes();
        let (grid, info) = read(bytes);
        assert_eq!(info.encoding, TextEncoding::Utf8Bom);
        assert_eq!(info.delimiter, '\t');
        assert_eq!(texts(&grid), ["Län", "Text", "Västra Götalands län", "a b"]);
    }

    #[test]
    fn comma_delimited_keeps_decimal_points_and_quoted_commas() {
        let (grid, info) = read(b"a,b,c\n\"1,5\",2.5,x\n");
        assert_eq!(info.delimiter, ',');
        assert_eq!(grid.get(1, 0), Some(&CellValue::Text("1,5".into())));
        assert_eq!(grid.get(1, 1), Some(&CellValue::Number(2.5)));
    }

    #[test]
    fn semicolon_wins_over_decimal_commas() {
        let text = "Kommun;Värde;Andel\nA;1,5;2\nB;3;4,25\nC;5,5;6\n";
        assert_eq!(detect_delimiter(text), Some(b';'));
    }

    #[test]
    fn excel_sep_line_and_utf16() {
        let (grid, info) = read(b"sep=,\na;b,c\n");
        assert_eq!(info.delimiter, ',');
        assert_eq!(texts(&grid), ["a;b", "c"]);
        let mut utf16 = vec![0xFF, 0xFE];
        for u in "År\tVärde\n2024\t5\n".encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        let (grid, info) = read(&utf16);
        assert_eq!(info.encoding, TextEncoding::Utf16Le);
        assert_eq!(grid.get(0, 0).unwrap().as_text(), "År");
        assert_eq!(grid.get(1, 0), Some(&CellValue::Number(2024.0)));
    }

    #[test]
    fn sniffing_text_rejects_binary_and_prose_without_fields() {
        assert!(looks_delimited(b"a;b\n1;2\n"));
        assert!(!looks_delimited(b"\x00\x01\x02\x03;\x04"));
        assert!(!looks_delimited(b"just one line of words"));
        // A prefix cut inside a UTF-8 character is still text.
        let s = "Kommun;Län\nÖrebro;Örebro län".as_bytes();
        assert!(looks_delimited(s.get(..s.len() - 1).unwrap()));
    }

    #[test]
    fn cell_budget_stops_reading() {
        let limits = Limits {
            max_cells: 3,
            ..Limits::default()
        };
        let err = read_text(b"a;b\nc;d\n", &limits).unwrap_err();
        assert_eq!(err, IngestError::TooManyCells { max: 3 });
    }
}
