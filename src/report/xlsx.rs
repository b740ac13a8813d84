//! The report as an Excel workbook: seven sheets (eight with an enhetsundersökning) of Swedish
//! tables with numbers as numbers, exact shares under percent formats, frozen headers and
//! autofilters, in deterministic bytes.
//!
//! Each sheet ([`super::tables::Tabell`]) opens with its title, the Delvis rule, the peer set and the
//! date, then one table: a bold header row (frozen, repeated on printed pages, with an
//! autofilter) and its rows. A share is stored as the exact fraction's nearest number with the
//! format `0 %` (Excel shows the whole percent; the cell holds 0,648648… for 24/37), never as
//! a rounded string; counts, ranks and years are numbers; fractions are separate columns
//! (uppfyllda, nämnare, ja, delvis, nej, ej aktuella, kan inte svara, saknas).
//!
//! The bytes depend only on the report and the [`ExportOptions`]: the workbook's creation date
//! is the report's date (or fixed), and rust_xlsxwriter writes its zip with fixed timestamps.
//! Works natively and in the browser (feature `wasm` of rust_xlsxwriter in the web build).

use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};
use serde::{Deserialize, Serialize};

use super::tables::{sheets, Cell, ColumnKind, Datum, ExportOptions, Sheet};
use super::text::report_title;
use super::Report;

/// Why the workbook could not be written (one Swedish sentence).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportError {
    pub message: String,
}

impl From<XlsxError> for ExportError {
    fn from(e: XlsxError) -> ExportError {
        ExportError {
            message: format!("Excelfilen kunde inte skrivas: {e}"),
        }
    }
}

impl std::fmt::Display for ExportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ExportError {}

/// The workbook without a date and without reading notes (the Källor sheet then lists what
/// the report knows of its files). See [`write_with`].
pub fn write(report: &Report) -> Result<Vec<u8>, ExportError> {
    write_with(report, &ExportOptions::default())
}

/// The workbook for `report`: sheets Sammanfattning, Kvalitetsområden (Kvalitetsdimensioner),
/// Indikatorer, Att lära av, Jämförelse, Över tid, Enheter (with an enhetsundersökning), Källor.
pub fn write_with(report: &Report, options: &ExportOptions) -> Result<Vec<u8>, ExportError> {
    let mut workbook = Workbook::new();
    let created = match options.date {
        Some(d) => ExcelDateTime::from_ymd(d.year, d.month, d.day)?,
        None => ExcelDateTime::from_ymd(2000, 1, 1)?,
    };
    let properties = DocProperties::new()
        .set_title(report_title(report))
        .set_subject("Uppfyllda indikatorer i Öppna jämförelser")
        .set_author("ÖJ-analys")
        .set_comment(report.rule_text.clone())
        .set_creation_datetime(&created);
    workbook.set_properties(&properties);
    let formats = Formats::new();
    for sheet in sheets(report, options) {
        let worksheet = workbook.add_worksheet();
        write_sheet(worksheet, &sheet, &formats)?;
    }
    Ok(workbook.save_to_buffer()?)
}

/// A workbook of the given sheets (the Gruppöversikt), titled `title`, created on `date` (or a
/// fixed date), in deterministic bytes like [`write_with`].
pub fn write_sheets(
    sheets: &[Sheet],
    title: &str,
    date: Option<Datum>,
) -> Result<Vec<u8>, ExportError> {
    let mut workbook = Workbook::new();
    let created = match date {
        Some(d) => ExcelDateTime::from_ymd(d.year, d.month, d.day)?,
        None => ExcelDateTime::from_ymd(2000, 1, 1)?,
    };
    let properties = DocProperties::new()
        .set_title(title)
        .set_subject("Uppfyllda indikatorer i Öppna jämförelser")
        .set_author("ÖJ-analys")
        .set_creation_datetime(&created);
    workbook.set_properties(&properties);
    let formats = Formats::new();
    for sheet in sheets {
        write_sheet(workbook.add_worksheet(), sheet, &formats)?;
    }
    Ok(workbook.save_to_buffer()?)
}

/// Excel's limit on a cell's text.
const MAX_CELL_CHARS: usize = 32_767;
const MIN_WIDTH: usize = 6;
const MAX_WIDTH: usize = 60;

struct Formats {
    title: Format,
    label: Format,
    header: Format,
    share: Format,
    share_1: Format,
    date: Format,
}

impl Formats {
    fn new() -> Formats {
        Formats {
            title: Format::new().set_bold().set_font_size(13),
            label: Format::new().set_bold(),
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_border_bottom(FormatBorder::Thin),
            // The format codes are Excel's locale-independent ones: Swedish Excel shows
            // "65 %" and "48,5 %".
            share: Format::new().set_num_format("0 %"),
            share_1: Format::new().set_num_format("0.0 %"),
            date: Format::new().set_num_format("yyyy-mm-dd"),
        }
    }
}

fn clip(text: &str) -> &str {
    match text.char_indices().nth(MAX_CELL_CHARS) {
        Some((i, _)) => text.get(..i).unwrap_or(text),
        None => text,
    }
}

fn write_sheet(ws: &mut Worksheet, sheet: &Sheet, f: &Formats) -> Result<(), ExportError> {
    ws.set_name(&sheet.name)?;
    ws.write_string_with_format(0, 0, clip(&sheet.title), &f.title)?;
    let mut row: u32 = 1;
    for (label, text) in &sheet.notes {
        ws.write_string_with_format(row, 0, clip(label), &f.label)?;
        ws.write_string(row, 1, clip(text))?;
        row += 1;
    }
    let header_row = row + 1;
    let n_cols = sheet.columns.len().min(usize::from(u16::MAX)) as u16;
    for (col, column) in (0..n_cols).zip(&sheet.columns) {
        ws.write_string_with_format(header_row, col, clip(&column.header), &f.header)?;
    }
    let mut widths: Vec<usize> = sheet
        .columns
        .iter()
        .map(|c| header_width(&c.header))
        .collect();
    for (i, cells) in sheet.rows.iter().enumerate() {
        let r = header_row + 1 + i as u32;
        for ((col, cell), column) in (0..n_cols).zip(cells).zip(&sheet.columns) {
            write_cell(ws, r, col, cell, column.kind, f)?;
            if let Some(w) = widths.get_mut(usize::from(col)) {
                *w = (*w).max(cell_width(cell, column.kind));
            }
        }
    }
    for (col, width) in (0..n_cols).zip(&widths) {
        ws.set_column_width(col, (*width).clamp(MIN_WIDTH, MAX_WIDTH) as f64 + 1.0)?;
    }
    if n_cols > 0 {
        let last_row = header_row + sheet.rows.len() as u32;
        ws.autofilter(header_row, 0, last_row, n_cols - 1)?;
        ws.set_freeze_panes(header_row + 1, 0)?;
        ws.set_repeat_rows(header_row, header_row)?;
    }
    ws.set_paper_size(9); // A4
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    Ok(())
}

fn write_cell(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    cell: &Cell,
    kind: ColumnKind,
    f: &Formats,
) -> Result<(), ExportError> {
    match cell {
        Cell::Empty => {}
        Cell::Text(s) => {
            // A string cell is never a formula in a workbook, so text needs no neutralising here.
            ws.write_string(row, col, clip(s))?;
        }
        Cell::Int(n) => {
            ws.write_number(row, col, *n as f64)?;
        }
        Cell::Count(h) => {
            ws.write_number(row, col, f64::from(h.halves()) / 2.0)?;
        }
        Cell::Share(r) => {
            let format = if kind == ColumnKind::ShareOneDecimal {
                &f.share_1
            } else {
                &f.share
            };
            ws.write_number_with_format(row, col, r.to_f64(), format)?;
        }
        Cell::Number(n) => {
            if n.is_finite() {
                ws.write_number(row, col, *n)?;
            }
        }
        Cell::Date(d) => {
            let date = ExcelDateTime::from_ymd(d.year, d.month, d.day)?;
            ws.write_datetime_with_format(row, col, &date, &f.date)?;
        }
    }
    Ok(())
}

/// A header wraps: wide enough for its longest word, and for the whole header in two lines.
fn header_width(header: &str) -> usize {
    let longest_word = header
        .split_whitespace()
        .map(|w| w.chars().count())
        .max()
        .unwrap_or(0);
    longest_word.max(header.chars().count().div_ceil(2))
}

fn cell_width(cell: &Cell, kind: ColumnKind) -> usize {
    match (cell, kind) {
        (Cell::Share(_), ColumnKind::ShareOneDecimal) => 7,
        (Cell::Share(_), _) => 5,
        _ => cell.display_sv().chars().count(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_is_clipped_to_excels_limit() {
        let long = "å".repeat(MAX_CELL_CHARS + 10);
        assert_eq!(clip(&long).chars().count(), MAX_CELL_CHARS);
        assert_eq!(clip("kort"), "kort");
    }
}
