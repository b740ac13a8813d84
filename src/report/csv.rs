//! The report as CSV files that Swedish Excel opens right: one table per file, UTF-8 with a
//! byte order mark, `;` between fields, decimal comma, CRLF line ends, and no cell that Excel
//! could take for a formula.
//!
//! **One table per file**, not one sectioned file: a CSV file has no sheets, and a file holding
//! several tables of different widths cannot be sorted, filtered, pivoted or imported as a table
//! (Excel's import, R, SPSS and Power BI all expect one header row). The tables are the
//! workbook's sheets ([`Tabell`]); [`write`] gives the main one (Kvalitetsområden: every area ×
//! quality area with fractions and totals, the figures of the report text), [`files`] all six.
//! What the workbook prints above each table (the Delvis rule) is a column here instead, so
//! every row says under which rule it was counted.
//!
//! Cells: text as written but neutralised against formula injection ([`neutralise`]: a cell
//! starting with `=`, `+`, `-`, `@`, tab or CR gets a leading `'`, as OWASP recommends);
//! numbers with a decimal comma and never neutralised, so a real negative number stays a
//! number; an exact share becomes two columns, the share as a decimal (`0,6486486486486487`) and
//! the whole percent as the report prints it, rounded half up on the exact fraction (`65`).

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::tables::{sheet, Cell, ColumnKind, ExportOptions, Sheet, Tabell};
use super::Report;
use crate::score::DelvisRule;
use crate::sv;

/// UTF-8's byte order mark: tells Excel the file is UTF-8 (without it, Excel reads Windows-1252
/// and "Tyresö" becomes "TyresÃ¶").
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The table [`write`] gives.
pub const MAIN_TABLE: Tabell = Tabell::Kvalitetsomraden;

/// One CSV file: its table, a file name, and its bytes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CsvFile {
    pub tabell: Tabell,
    pub name: String,
    pub bytes: Vec<u8>,
}

/// The main table (Kvalitetsområden) as CSV.
pub fn write(report: &Report) -> Vec<u8> {
    write_table(report, &ExportOptions::default(), MAIN_TABLE)
}

/// One table of the export as CSV.
pub fn write_table(report: &Report, options: &ExportOptions, tabell: Tabell) -> Vec<u8> {
    let rule = (tabell != Tabell::Kallor).then_some(report.options.delvis);
    write_sheet(&sheet(report, options, tabell), rule)
}

/// Every table of the export, one file each, named like the workbook plus the table's key.
pub fn files(report: &Report, options: &ExportOptions) -> Vec<CsvFile> {
    Tabell::of_report(report)
        .into_iter()
        .map(|tabell| CsvFile {
            tabell,
            name: file_name(report, options, tabell),
            bytes: write_table(report, options, tabell),
        })
        .collect()
}

/// A table's file name: `oj-analys-tyreso-0138-2024-05-21-kvalitetsomraden.csv`.
pub fn file_name(report: &Report, options: &ExportOptions, tabell: Tabell) -> String {
    let stem = super::tables::file_name(report, options, "");
    format!("{}-{}.csv", stem.trim_end_matches('.'), tabell.key())
}

/// A table as CSV; with `rule`, a last column says how Delvis was counted.
pub fn write_sheet(sheet: &Sheet, rule: Option<DelvisRule>) -> Vec<u8> {
    let mut writer = ::csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(::csv::Terminator::CRLF)
        .flexible(true)
        .from_writer(BOM.to_vec());
    let mut header: Vec<Cow<str>> = Vec::new();
    for column in &sheet.columns {
        header.push(neutralise(&column.header));
        if matches!(column.kind, ColumnKind::Share | ColumnKind::ShareOneDecimal) {
            header.push(
                neutralise(&format!("{}, %", column.header))
                    .into_owned()
                    .into(),
            );
        }
    }
    if rule.is_some() {
        header.push("Regel för Delvis".into());
    }
    let mut ok = writer
        .write_record(header.iter().map(|h| h.as_bytes()))
        .is_ok();
    for row in &sheet.rows {
        if !ok {
            break;
        }
        let mut fields: Vec<String> = Vec::with_capacity(header.len());
        for (cell, column) in row.iter().zip(&sheet.columns) {
            match column.kind {
                ColumnKind::Share | ColumnKind::ShareOneDecimal => {
                    let (share, percent) = match cell {
                        Cell::Share(r) => (
                            sv::exact(r.to_f64()),
                            if column.kind == ColumnKind::Share {
                                r.percent().to_string()
                            } else {
                                sv::tenths(r.permille())
                            },
                        ),
                        other => (field(other), String::new()),
                    };
                    fields.push(share);
                    fields.push(percent);
                }
                _ => fields.push(field(cell)),
            }
        }
        if let Some(rule) = rule {
            fields.push(rule_words(rule).to_owned());
        }
        ok = writer.write_record(&fields).is_ok();
    }
    let _ = writer.flush();
    writer
        .into_inner()
        .unwrap_or_else(|e| e.into_inner().get_ref().clone())
}

/// A text cell made safe for a spreadsheet: a leading `'` when it starts with `=`, `+`, `-`,
/// `@`, a tab or a carriage return (OWASP's CSV injection advice), so Excel shows the text and
/// never runs it as a formula.
pub fn neutralise(text: &str) -> Cow<'_, str> {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => Cow::Owned(format!("'{text}")),
        _ => Cow::Borrowed(text),
    }
}

fn rule_words(rule: DelvisRule) -> &'static str {
    match rule {
        DelvisRule::Ej => "Delvis räknas inte som uppfylld",
        DelvisRule::Halv => "Delvis räknas som en halv",
        DelvisRule::Uppfylld => "Delvis räknas som uppfylld",
    }
}

fn field(cell: &Cell) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Text(s) => neutralise(s).into_owned(),
        Cell::Int(n) => n.to_string(),
        Cell::Count(h) => h.sv(),
        Cell::Share(r) => sv::exact(r.to_f64()),
        Cell::Number(n) => sv::exact(*n),
        Cell::Date(d) => d.iso(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_are_neutralised_and_nothing_else() {
        for bad in ["=1+1", "+46", "-x", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(neutralise(bad), format!("'{bad}"));
        }
        for good in ["Tyresö", "", " =x", "'=x", "12,5"] {
            assert_eq!(neutralise(good), good);
        }
    }
}
