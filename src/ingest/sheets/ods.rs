//! OpenDocument spreadsheets (.ods) to sparse grids, streaming `content.xml` with quick-xml.
//!
//! Why not calamine here: its .ods reader expands repeated rows and columns into a dense
//! rectangle per sheet (up to 100 million cells before it refuses) and exposes no merged regions.
//! This reader keeps only non-empty cells (repeats of a non-empty cell are real cells and count
//! against the cell budget; repeats of empty ones only move the position), records merged regions
//! from `number-columns-spanned`/`number-rows-spanned`, and notes tables hidden by their style
//! (`table:display="false"`). Encrypted packages (manifest `encryption-data`) are refused.

use std::collections::HashSet;
use std::io::{BufRead, BufReader, Cursor, Read};

use quick_xml::events::{BytesStart, Event};

use super::super::error::{Damage, IngestError};
use super::super::grid::{normalize_text, CellValue, Grid, Merge};
use super::super::limits::{CellBudget, Limits};
use super::super::sniff::Format;
use super::cell::number;
use super::xlsx_check::zip_error;
use super::xml::{text_chars, XmlBudget, XmlPart};
use crate::model::CellRef;

const FORMAT: Format = Format::Ods;

/// Beyond these, positions are not representable in a grid; such cells are dropped.
const MAX_ROW: u64 = u32::MAX as u64;
const MAX_COL: u64 = u32::MAX as u64;

/// Reads every table of an .ods file.
pub(super) fn read(bytes: &[u8], limits: &Limits) -> Result<Vec<Grid>, IngestError> {
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| IngestError::CorruptZip)?;
    if is_encrypted(&mut archive) {
        return Err(IngestError::Encrypted);
    }
    let content = archive
        .by_name("content.xml")
        .map_err(|e| zip_error(FORMAT, &e))?;
    let mut parser = Parser {
        budget: CellBudget::new(limits),
        xml: XmlBudget::new(limits),
        limits,
        hidden_styles: HashSet::new(),
        style_name: None,
        grids: Vec::new(),
        table: None,
        table_depth: 0,
    };
    parser.run(XmlPart::new(
        BufReader::with_capacity(64 * 1024, content),
        FORMAT,
    ))?;
    Ok(parser.grids)
}

/// Whether the manifest lists encryption data (a password-protected document).
fn is_encrypted<R: Read + std::io::Seek>(archive: &mut zip::ZipArchive<R>) -> bool {
    let Ok(manifest) = archive.by_name("META-INF/manifest.xml") else {
        return false;
    };
    let mut text = Vec::new();
    // The manifest is small; a megabyte is far more than any real one.
    if manifest.take(1 << 20).read_to_end(&mut text).is_err() {
        return false;
    }
    text.windows(b"encryption-data".len())
        .any(|w| w == b"encryption-data")
}

struct Table {
    name: String,
    hidden: bool,
    cells: Vec<(u32, u32, CellValue)>,
    merges: Vec<Merge>,
    /// The row the next `table-row` starts at.
    row: u64,
}

/// The row being read: its non-empty cells by column, and how often it repeats.
struct Row {
    repeats: u64,
    col: u64,
    /// Characters of text in the row's cells (what each repeat of the row adds).
    chars: u64,
    cells: Vec<(u64, CellValue)>,
    merges: Vec<(u64, u64, u64)>,
}

/// A cell being read: its attributes and the text of its paragraphs.
#[derive(Default)]
struct CellStart {
    repeats: u64,
    covered: bool,
    value_type: Option<String>,
    value: Option<String>,
    boolean_value: Option<String>,
    date_value: Option<String>,
    string_value: Option<String>,
    is_error: bool,
    has_formula: bool,
    cols_spanned: u64,
    rows_spanned: u64,
}

struct Parser<'l> {
    budget: CellBudget,
    xml: XmlBudget,
    limits: &'l Limits,
    hidden_styles: HashSet<String>,
    style_name: Option<String>,
    grids: Vec<Grid>,
    table: Option<Table>,
    /// Nesting of `table:table` (sub-tables inside cells are skipped).
    table_depth: usize,
}

impl Parser<'_> {
    fn run<R: BufRead>(&mut self, mut xml: XmlPart<R>) -> Result<(), IngestError> {
        let mut buf = Vec::with_capacity(4096);
        let mut row: Option<Row> = None;
        loop {
            let event = xml.next(&mut buf, &mut self.xml)?;
            let is_empty_element = matches!(event, Event::Empty(_));
            match event {
                Event::Eof => break,
                Event::Start(e) | Event::Empty(e) if e.name().as_ref() == "style:style" => {
                    self.style_name = attr(&e, "style:name");
                }
                Event::Start(e) | Event::Empty(e)
                    if e.name().as_ref() == "style:table-properties"
                        && attr(&e, "table:display").as_deref() == Some("false") =>
                {
                    if let Some(name) = self.style_name.clone() {
                        self.hidden_styles.insert(name);
                    }
                }
                Event::Start(e) if e.name().as_ref() == "table:table" => {
                    self.table_depth = self.table_depth.saturating_add(1);
                    if self.table_depth == 1 {
                        self.limits
                            .check_sheets(self.grids.len().saturating_add(1))?;
                        let style = attr(&e, "table:style-name");
                        self.table = Some(Table {
                            name: attr(&e, "table:name").unwrap_or_default(),
                            hidden: style.is_some_and(|s| self.hidden_styles.contains(&s)),
                            cells: Vec::new(),
                            merges: Vec::new(),
                            row: 0,
                        });
                    }
                }
                Event::Empty(e) if e.name().as_ref() == "table:table" && self.table_depth == 0 => {
                    self.limits
                        .check_sheets(self.grids.len().saturating_add(1))?;
                    let style = attr(&e, "table:style-name");
                    let mut grid = Grid::new(
                        attr(&e, "table:name").unwrap_or_default(),
                        Vec::new(),
                        Vec::new(),
                    );
                    grid.hidden = style.is_some_and(|s| self.hidden_styles.contains(&s));
                    self.grids.push(grid);
                }
                Event::End(e) if e.name().as_ref() == "table:table" => {
                    if self.table_depth == 1 {
                        if let Some(table) = self.table.take() {
                            let mut grid = Grid::new(table.name, table.cells, table.merges);
                            grid.hidden = table.hidden;
                            self.grids.push(grid);
                        }
                    }
                    self.table_depth = self.table_depth.saturating_sub(1);
                }
                _ if self.table_depth != 1 => {}
                Event::Start(e) if e.name().as_ref() == "table:table-row" => {
                    row = Some(Row {
                        repeats: repeat_attr(&e, "table:number-rows-repeated"),
                        col: 0,
                        chars: 0,
                        cells: Vec::new(),
                        merges: Vec::new(),
                    });
                }
                Event::Empty(e) if e.name().as_ref() == "table:table-row" => {
                    if let Some(table) = self.table.as_mut() {
                        let n = repeat_attr(&e, "table:number-rows-repeated");
                        table.row = table.row.saturating_add(n);
                    }
                }
                Event::End(e) if e.name().as_ref() == "table:table-row" => {
                    if let Some(done) = row.take() {
                        self.finish_row(done)?;
                    }
                }
                Event::Start(e) | Event::Empty(e)
                    if matches!(
                        e.name().as_ref(),
                        "table:table-cell" | "table:covered-table-cell"
                    ) =>
                {
                    let start = cell_start(&e);
                    let text = if is_empty_element {
                        String::new()
                    } else {
                        let max = self.budget.max_cell_chars();
                        read_cell_text(&mut xml, &mut self.xml, e.name().as_ref(), max)
                            .map_err(|e| self.placed(e, row.as_ref()))?
                    };
                    if let Some(row) = row.as_mut() {
                        self.add_cell(row, start, &text)?;
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn add_cell(&mut self, row: &mut Row, cell: CellStart, text: &str) -> Result<(), IngestError> {
        let col = row.col;
        row.col = row.col.saturating_add(cell.repeats);
        if cell.covered {
            return Ok(());
        }
        if cell.cols_spanned > 1 || cell.rows_spanned > 1 {
            self.budget.take_one()?;
            row.merges.push((col, cell.cols_spanned, cell.rows_spanned));
        }
        let Some(value) = cell_value(&cell, text) else {
            return Ok(());
        };
        let (sheet, at) = self.position(Some(row));
        for i in 0..cell.repeats {
            let c = col.saturating_add(i);
            if c > MAX_COL {
                break;
            }
            self.budget.take_one()?;
            if let CellValue::Text(s) = &value {
                // Every copy is held, so every copy counts.
                self.budget.take_text(s, &sheet, at)?;
                row.chars = row.chars.saturating_add(s.chars().count() as u64);
            }
            row.cells.push((c, value.clone()));
        }
        Ok(())
    }

    /// The sheet and cell being read (for messages).
    fn position(&self, row: Option<&Row>) -> (String, CellRef) {
        let (name, r) = self
            .table
            .as_ref()
            .map_or((String::new(), 0), |t| (t.name.clone(), t.row));
        let c = row.map_or(0, |row| row.col);
        let at = CellRef::new(
            u32::try_from(r).unwrap_or(u32::MAX),
            u32::try_from(c).unwrap_or(u32::MAX),
        );
        (name, at)
    }

    /// A too-long cell's error with its sheet and place filled in.
    fn placed(&self, e: IngestError, row: Option<&Row>) -> IngestError {
        match e {
            IngestError::CellTooLong { max, .. } => {
                let (sheet, at) = self.position(row);
                IngestError::CellTooLong {
                    sheet: Some(sheet),
                    cell: Some(at.a1()),
                    max,
                }
            }
            e => e,
        }
    }

    /// Places a finished row's cells (once per repeat) in the table.
    fn finish_row(&mut self, row: Row) -> Result<(), IngestError> {
        let Some(table) = self.table.as_mut() else {
            return Ok(());
        };
        let first = table.row;
        table.row = table.row.saturating_add(row.repeats);
        if row.cells.is_empty() && row.merges.is_empty() {
            return Ok(());
        }
        for k in 0..row.repeats {
            let r = first.saturating_add(k);
            let Ok(r32) = u32::try_from(r) else { break };
            if r > MAX_ROW {
                break;
            }
            // The first copy was paid for when the cells were read.
            if k > 0 {
                let n = u64::try_from(row.cells.len().saturating_add(row.merges.len()))
                    .unwrap_or(u64::MAX);
                self.budget.take(n)?;
                self.budget.take_more_text(row.chars)?;
            }
            for (c, value) in &row.cells {
                if let Ok(c) = u32::try_from(*c) {
                    table.cells.push((r32, c, value.clone()));
                }
            }
            for &(c, cols, rows) in &row.merges {
                let last_col = c.saturating_add(cols.saturating_sub(1));
                let last_row = r.saturating_add(rows.saturating_sub(1));
                if let (Ok(c0), Ok(c1), Ok(r1)) = (
                    u32::try_from(c),
                    u32::try_from(last_col),
                    u32::try_from(last_row),
                ) {
                    table.merges.push(Merge {
                        first_row: r32,
                        first_col: c0,
                        last_row: r1,
                        last_col: c1,
                    });
                }
            }
        }
        Ok(())
    }
}

fn cell_start(e: &BytesStart<'_>) -> CellStart {
    let mut cell = CellStart {
        repeats: 1,
        covered: e.name().as_ref() == "table:covered-table-cell",
        cols_spanned: 1,
        rows_spanned: 1,
        ..CellStart::default()
    };
    for a in e.attributes().flatten() {
        let value = || {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map(|v| v.into_owned())
                .ok()
        };
        match a.key.as_ref() {
            "table:number-columns-repeated" => cell.repeats = parse_count(value()),
            "table:number-columns-spanned" => cell.cols_spanned = parse_count(value()),
            "table:number-rows-spanned" => cell.rows_spanned = parse_count(value()),
            "office:value-type" => cell.value_type = value(),
            "office:value" => cell.value = value(),
            "office:boolean-value" => cell.boolean_value = value(),
            "office:date-value" => cell.date_value = value(),
            "office:string-value" => cell.string_value = value(),
            "calcext:value-type" => cell.is_error = value().as_deref() == Some("error"),
            "table:formula" => cell.has_formula = true,
            _ => {}
        }
    }
    cell
}

/// A count attribute (repeats, spans): at least 1; unparsable counts as 1.
fn parse_count(value: Option<String>) -> u64 {
    value
        .and_then(|v| v.trim().parse::<u64>().ok())
        .filter(|&n| n >= 1)
        .unwrap_or(1)
}

fn repeat_attr(e: &BytesStart<'_>, name: &str) -> u64 {
    parse_count(attr(e, name))
}

fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

const ERROR_TEXTS: [&str; 8] = [
    "#N/A", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!", "#SAKNAS!",
];

fn cell_value(cell: &CellStart, text: &str) -> Option<CellValue> {
    let shown = normalize_text(text);
    if cell.is_error || (cell.has_formula && ERROR_TEXTS.contains(&shown.as_str())) {
        let shown = if shown.is_empty() {
            "#N/A".to_owned()
        } else {
            shown
        };
        return Some(CellValue::Error(shown));
    }
    match cell.value_type.as_deref() {
        Some("float" | "percentage" | "currency") => {
            match cell
                .value
                .as_deref()
                .and_then(|v| v.trim().parse::<f64>().ok())
            {
                Some(n) => Some(number(n)),
                None => non_empty(shown),
            }
        }
        Some("boolean") => {
            let v = cell.boolean_value.as_deref().unwrap_or("");
            Some(CellValue::Bool(v.eq_ignore_ascii_case("true")))
        }
        Some("date") => match cell.date_value.as_deref() {
            Some(d) => non_empty(iso_date(d)),
            None => non_empty(shown),
        },
        Some("string") => match cell.string_value.as_deref() {
            Some(s) => non_empty(normalize_text(s)),
            None => non_empty(shown),
        },
        _ => non_empty(shown),
    }
}

fn non_empty(s: String) -> Option<CellValue> {
    (!s.is_empty()).then_some(CellValue::Text(s))
}

/// `2024-01-31T00:00:00` → `2024-01-31`; `2024-01-31T12:30:00` → `2024-01-31 12:30`.
fn iso_date(d: &str) -> String {
    match d.split_once('T') {
        Some((date, time)) => {
            let hm = time.get(..5).unwrap_or(time);
            if time.trim_start_matches(['0', ':', '.']).is_empty() {
                date.to_owned()
            } else {
                format!("{date} {hm}")
            }
        }
        None => d.to_owned(),
    }
}

/// The text of a cell's paragraphs up to its end tag: paragraphs joined by a line break,
/// `text:s` as spaces, tabs and line breaks kept (later folded), annotations skipped. Stops at
/// the first character over `max` (a [`IngestError::CellTooLong`] without its place).
fn read_cell_text<R: BufRead>(
    xml: &mut XmlPart<R>,
    budget: &mut XmlBudget,
    cell_name: &str,
    max: u64,
) -> Result<String, IngestError> {
    let mut out = CellText {
        text: String::new(),
        chars: 0,
        max,
    };
    let mut buf = Vec::new();
    let mut depth = 0usize;
    let mut annotation_depth = 0usize;
    let mut paragraphs = 0usize;
    loop {
        let event = match xml.next(&mut buf, budget) {
            Err(IngestError::Unreadable {
                damage: Damage::HugeElement,
                ..
            }) => return Err(out.too_long()),
            event => event?,
        };
        match event {
            Event::Eof => return Err(IngestError::damaged_here(FORMAT, Damage::Truncated)),
            Event::Start(e) => {
                depth = depth.saturating_add(1);
                let name = e.name();
                if annotation_depth > 0 || name.as_ref() == "office:annotation" {
                    annotation_depth = annotation_depth.saturating_add(1);
                } else if name.as_ref() == "text:p" || name.as_ref() == "text:h" {
                    if paragraphs > 0 {
                        out.push('\n')?;
                    }
                    paragraphs = paragraphs.saturating_add(1);
                }
            }
            Event::End(e) => {
                if depth == 0 && e.name().as_ref() == cell_name {
                    break;
                }
                depth = depth.saturating_sub(1);
                annotation_depth = annotation_depth.saturating_sub(1);
            }
            Event::Empty(e) if annotation_depth == 0 => match e.name().as_ref() {
                "text:s" => {
                    let n = repeat_attr(&e, "text:c").min(1024);
                    for _ in 0..n {
                        out.push(' ')?;
                    }
                }
                "text:tab" => out.push('\t')?,
                "text:line-break" => out.push('\n')?,
                "text:p" => {
                    if paragraphs > 0 {
                        out.push('\n')?;
                    }
                    paragraphs = paragraphs.saturating_add(1);
                }
                _ => {}
            },
            Event::Text(t) if annotation_depth == 0 => out.push_str(&t.xml10_content())?,
            Event::CData(t) if annotation_depth == 0 => out.push_str(&t)?,
            Event::GeneralRef(r) if annotation_depth == 0 => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    out.push(c)?;
                } else {
                    match r.as_ref() {
                        "amp" => out.push('&')?,
                        "lt" => out.push('<')?,
                        "gt" => out.push('>')?,
                        "quot" => out.push('"')?,
                        "apos" => out.push('\'')?,
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    Ok(out.text)
}

/// A cell's text as it is read, held to the per-cell limit.
struct CellText {
    text: String,
    chars: u64,
    max: u64,
}

impl CellText {
    fn push(&mut self, c: char) -> Result<(), IngestError> {
        self.count(1)?;
        self.text.push(c);
        Ok(())
    }

    fn push_str(&mut self, s: &str) -> Result<(), IngestError> {
        self.count(text_chars(s))?;
        self.text.push_str(s);
        Ok(())
    }

    fn count(&mut self, n: u64) -> Result<(), IngestError> {
        self.chars = self.chars.saturating_add(n);
        if self.chars > self.max {
            return Err(self.too_long());
        }
        Ok(())
    }

    fn too_long(&self) -> IngestError {
        IngestError::CellTooLong {
            sheet: None,
            cell: None,
            max: self.max,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_as_iso_text() {
        assert_eq!(iso_date("2024-01-31"), "2024-01-31");
        assert_eq!(iso_date("2024-01-31T00:00:00"), "2024-01-31");
        assert_eq!(iso_date("2024-01-31T12:30:00"), "2024-01-31 12:30");
    }
}
