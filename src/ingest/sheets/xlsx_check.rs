//! A pre-check of an xlsx package against the limits, reading exactly the XML parts calamine
//! will read, before it reads them.
//!
//! Why: calamine reads the whole shared-string table when a workbook is opened, keeps every
//! style, name and relationship it meets, and hands out a cell only after its whole text has
//! been read; a limit checked on the cells it returns comes too late for a cell of 250 million
//! characters. This pass streams the same parts through [`XmlPart`] (events, depth, elements,
//! bytes and DTDs bounded) and stops at the first of:
//! - a sheet over [`Limits::max_sheets`]; a list calamine keeps whole (styles, names,
//!   relationships) over [`MAX_LIST_ENTRIES`];
//! - a shared string or a cell with more text than twice Excel's limit (the exact limit is
//!   checked on the text calamine returns; the slack covers escapes and formulas), and shared
//!   strings beyond the file's text limit;
//! - more cell, row and merge elements than [`Limits::max_cells`] (empty ones too: each costs a
//!   read);
//! - a cell, row or range outside Excel's grid (which calamine would overflow on), a reversed
//!   range, or a cell referring to a shared string that does not exist.
//!
//! Anything else that is wrong is left to calamine, whose error is mapped to Swedish. The cost is
//! one more inflate-and-scan of the parts (a few milliseconds for a real ÖJ workbook).

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::{BufReader, Cursor};

use quick_xml::events::{BytesStart, Event};
use zip::read::ZipFile;
use zip::ZipArchive;

use super::super::error::{Damage, IngestError};
use super::super::grid::Merge;
use super::super::limits::{CellBudget, Limits, MAX_LIST_ENTRIES};
use super::super::sniff::Format;
use super::xml::{text_chars, XmlBudget, XmlPart};
use crate::model::CellRef;

/// Excel's grid: rows and columns.
const GRID_ROWS: u64 = 1_048_576;
const GRID_COLS: u64 = 16_384;

/// What the check learnt that reading can use.
#[derive(Debug, Default)]
pub(super) struct Checked {
    /// Each worksheet's merged regions, read here so that calamine need not read the sheet
    /// a second time for them (they follow the cells).
    pub merges: HashMap<String, Vec<Merge>>,
}

/// Checks the package; `format` names it in errors.
pub(super) fn check(bytes: &[u8], limits: &Limits, format: Format) -> Result<Checked, IngestError> {
    let archive = ZipArchive::new(Cursor::new(bytes)).map_err(|_| IngestError::CorruptZip)?;
    // calamine finds parts case-insensitively (its path cache).
    let paths: HashMap<String, String> = archive
        .file_names()
        .filter_map(Result::ok)
        .map(|n| (n.replace('\\', "/").to_ascii_lowercase(), n.into_owned()))
        .collect();
    let mut package = Package {
        archive,
        paths,
        xml: XmlBudget::new(limits),
        limits,
        format,
        text: 0,
    };
    package.run()
}

struct Package<'a, 'l> {
    archive: ZipArchive<Cursor<&'a [u8]>>,
    paths: HashMap<String, String>,
    xml: XmlBudget,
    limits: &'l Limits,
    format: Format,
    /// Characters of text calamine keeps whole: shared strings and defined names.
    text: u64,
}

/// One part of the package, inflating as it is read.
type PartReader<'z, 'b> = XmlPart<BufReader<ZipFile<'z, Cursor<&'b [u8]>>>>;

/// A part ready to read, `None` when the package has no such part.
fn open<'z, 'b>(
    archive: &'z mut ZipArchive<Cursor<&'b [u8]>>,
    paths: &HashMap<String, String>,
    path: &str,
    format: Format,
) -> Result<Option<PartReader<'z, 'b>>, IngestError> {
    let name = paths
        .get(&path.to_ascii_lowercase())
        .map_or(path, String::as_str);
    match archive.by_name(name) {
        Ok(file) => Ok(Some(XmlPart::new(
            BufReader::with_capacity(64 * 1024, file),
            format,
        ))),
        Err(zip::result::ZipError::FileNotFound) => Ok(None),
        Err(e) => Err(zip_error(format, &e)),
    }
}

/// One relationship: its type and target, as calamine reads them.
struct Rel {
    typ: String,
    target: String,
}

/// The shared-string table as far as it was read.
#[derive(Default)]
struct Strings {
    count: u64,
    /// The first string over the limit (reading stopped there).
    too_long: Option<u64>,
}

impl Package<'_, '_> {
    fn run(&mut self) -> Result<Checked, IngestError> {
        let mut checked = Checked::default();
        // The workbook's folder and name, as calamine finds them; without the package's
        // relationships calamine refuses the file itself.
        let Some(rels) = self.relationships("_rels/.rels", true)? else {
            return Ok(checked);
        };
        let target = rels
            .values()
            .find(|r| r.typ.ends_with("/relationships/officeDocument"))
            .map(|r| r.target.clone())
            .unwrap_or_else(|| "xl/workbook.xml".to_owned());
        let (dir, name) = match target.rfind('/') {
            Some(i) => target.split_at(i.saturating_add(1)),
            None => ("", target.as_str()),
        };
        let xl_path = dir.strip_prefix('/').unwrap_or(dir).to_owned();
        let workbook_name = if name.is_empty() {
            "workbook.xml"
        } else {
            name
        };

        let sheets = self.workbook(&format!("{xl_path}{workbook_name}"))?;
        let rels = self
            .relationships(&format!("{xl_path}_rels/{workbook_name}.rels"), false)?
            .unwrap_or_default();
        self.styles(&format!("{xl_path}theme/theme1.xml"))?;
        self.styles(&format!("{xl_path}styles.xml"))?;
        let strings = self.shared_strings(&format!("{xl_path}sharedStrings.xml"))?;

        // Each listed worksheet is read by name, and a name finds its first sheet.
        let mut first_path: HashMap<&str, String> = HashMap::new();
        let mut cells = CellBudget::new(self.limits);
        for (sheet, rel_id) in &sheets {
            let Some(rel) = rels.get(rel_id) else {
                continue;
            };
            if rel.typ.rsplit('/').next() != Some("worksheet") {
                continue;
            }
            let path = match rel.target.strip_prefix('/') {
                Some(absolute) => absolute.to_owned(),
                None => format!("{xl_path}{}", rel.target),
            };
            let path = first_path.entry(sheet.as_str()).or_insert(path).clone();
            let merges = self.worksheet(&path, sheet, &strings, &mut cells)?;
            checked.merges.entry(sheet.clone()).or_insert(merges);
        }
        if strings.too_long.is_some() {
            // No cell shows the long string; it is still more than calamine may read.
            return Err(IngestError::CellTooLong {
                sheet: None,
                cell: None,
                max: self.limits.max_cell_chars,
            });
        }
        Ok(checked)
    }

    /// A relationships part by id; targets unescaped only in the package's own (as calamine).
    fn relationships(
        &mut self,
        path: &str,
        unescape: bool,
    ) -> Result<Option<HashMap<String, Rel>>, IngestError> {
        let Some(mut part) = open(&mut self.archive, &self.paths, path, self.format)? else {
            return Ok(None);
        };
        let mut rels = HashMap::new();
        let mut buf = Vec::new();
        loop {
            match part.next(&mut buf, &mut self.xml)? {
                Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "Relationship" => {
                    if rels.len() >= usize::try_from(MAX_LIST_ENTRIES).unwrap_or(usize::MAX) {
                        return Err(too_many_entries());
                    }
                    let id = attr(&e, "Id", false).unwrap_or_default();
                    let typ = attr(&e, "Type", false).unwrap_or_default();
                    let target = attr(&e, "Target", unescape).unwrap_or_default();
                    rels.insert(id, Rel { typ, target });
                }
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(Some(rels))
    }

    /// The listed sheets (name, relationship id), at most `max_sheets`; defined names counted.
    fn workbook(&mut self, path: &str) -> Result<Vec<(String, String)>, IngestError> {
        let limits = self.limits;
        let Some(mut part) = open(&mut self.archive, &self.paths, path, self.format)? else {
            return Ok(Vec::new());
        };
        let mut sheets = Vec::new();
        let mut names: u64 = 0;
        let mut buf = Vec::new();
        loop {
            match part.next(&mut buf, &mut self.xml)? {
                Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "sheet" => {
                    let name = attr(&e, "name", true).unwrap_or_default();
                    let rel_id = e
                        .attributes()
                        .flatten()
                        .find(|a| a.key.local_name().as_ref() == "id")
                        .map(|a| a.value.into_owned())
                        .unwrap_or_default();
                    sheets.push((name, rel_id));
                    limits.check_sheets(sheets.len())?;
                }
                Event::Start(e) if e.local_name().as_ref() == "definedName" => {
                    names = names.saturating_add(1);
                    if names > MAX_LIST_ENTRIES {
                        return Err(too_many_entries());
                    }
                }
                Event::Text(t) => self.text = take_text(self.text, text_chars(&t), limits)?,
                Event::GeneralRef(_) => self.text = take_text(self.text, 1, limits)?,
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(sheets)
    }

    /// Styles (and the theme): each list calamine keeps whole within [`MAX_LIST_ENTRIES`].
    fn styles(&mut self, path: &str) -> Result<(), IngestError> {
        let Some(mut part) = open(&mut self.archive, &self.paths, path, self.format)? else {
            return Ok(());
        };
        let mut counts: HashMap<&'static str, u64> = HashMap::new();
        let mut buf = Vec::new();
        loop {
            match part.next(&mut buf, &mut self.xml)? {
                Event::Start(e) | Event::Empty(e) => {
                    let kind = match e.local_name().as_ref() {
                        "xf" => "xf",
                        "font" => "font",
                        "fill" => "fill",
                        "border" => "border",
                        "numFmt" => "numFmt",
                        "dxf" => "dxf",
                        _ => continue,
                    };
                    let n = counts.entry(kind).or_insert(0);
                    *n = n.saturating_add(1);
                    if *n > MAX_LIST_ENTRIES {
                        return Err(too_many_entries());
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(())
    }

    /// The shared-string table: its size, each string's length, the file's text.
    fn shared_strings(&mut self, path: &str) -> Result<Strings, IngestError> {
        let limits = self.limits;
        let raw_max = limits.max_cell_chars.saturating_mul(2);
        let Some(mut part) = open(&mut self.archive, &self.paths, path, self.format)? else {
            return Ok(Strings::default());
        };
        let mut strings = Strings::default();
        let mut current: Option<u64> = None;
        let mut buf = Vec::new();
        loop {
            let event = match part.next(&mut buf, &mut self.xml) {
                Ok(event) => event,
                Err(IngestError::Unreadable {
                    damage: Damage::HugeElement,
                    ..
                }) if current.is_some() => {
                    strings.too_long = Some(strings.count);
                    break;
                }
                Err(e) => return Err(e),
            };
            let n = match event {
                Event::Start(e) if local(e.name().0) == "sst" => {
                    // calamine reserves room for `uniqueCount` strings before reading one;
                    // more distinct texts than the file may have cells is too many cells,
                    // whether the count is true or not.
                    let unique = attr(&e, "uniqueCount", false)
                        .and_then(|v| v.trim().parse::<u64>().ok())
                        .unwrap_or(0);
                    if unique > limits.max_cells {
                        return Err(IngestError::TooManyCells {
                            max: limits.max_cells,
                        });
                    }
                    0
                }
                Event::Start(e) if local(e.name().0) == "si" => {
                    current = Some(0);
                    0
                }
                Event::Empty(e) if local(e.name().0) == "si" => {
                    strings.count = strings.count.saturating_add(1);
                    0
                }
                Event::End(e) if local(e.name().0) == "si" => {
                    current = None;
                    strings.count = strings.count.saturating_add(1);
                    if strings.count > limits.max_cells {
                        return Err(IngestError::TooManyCells {
                            max: limits.max_cells,
                        });
                    }
                    0
                }
                Event::Text(t) => text_chars(&t),
                Event::CData(t) => text_chars(&t),
                Event::GeneralRef(_) => 1,
                Event::Eof => break,
                _ => 0,
            };
            if let Some(chars) = current.as_mut() {
                *chars = chars.saturating_add(n);
                if *chars > raw_max {
                    strings.too_long = Some(strings.count);
                    break;
                }
                self.text = take_text(self.text, n, limits)?;
            }
        }
        Ok(strings)
    }

    /// One worksheet's cells checked; its merged regions.
    fn worksheet(
        &mut self,
        path: &str,
        sheet: &str,
        strings: &Strings,
        cells: &mut CellBudget,
    ) -> Result<Vec<Merge>, IngestError> {
        let limits = self.limits;
        let Some(mut part) = open(&mut self.archive, &self.paths, path, self.format)? else {
            return Ok(Vec::new());
        };
        let mut scan = SheetScan {
            sheet,
            format: self.format,
            max_cell_chars: limits.max_cell_chars,
            strings,
            raw_max: limits.max_cell_chars.saturating_mul(2),
            row: 0,
            col: 0,
            cell: None,
            merges: Vec::new(),
            merge_block: Block::Before,
            merges_readable: true,
        };
        let mut buf = Vec::new();
        loop {
            let event = match part.next(&mut buf, &mut self.xml) {
                Ok(event) => event,
                Err(IngestError::Unreadable {
                    damage: Damage::HugeElement,
                    ..
                }) if scan.cell.is_some() => return Err(scan.too_long()),
                Err(e) => return Err(e),
            };
            if matches!(event, Event::Eof) {
                break;
            }
            scan.event(event, cells)?;
        }
        // calamine reads no merges of a sheet when one of them is malformed.
        Ok(if scan.merges_readable {
            scan.merges
        } else {
            Vec::new()
        })
    }
}

/// Where a scan is relative to the sheet's (first) list of merged regions, the one calamine
/// reads.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Block {
    Before,
    Inside,
    After,
}

/// The state of one worksheet's scan.
struct SheetScan<'s> {
    sheet: &'s str,
    format: Format,
    max_cell_chars: u64,
    strings: &'s Strings,
    raw_max: u64,
    /// The 0-based row and column the next cell without a reference is at (as calamine counts).
    row: u64,
    col: u64,
    cell: Option<CellScan>,
    merges: Vec<Merge>,
    merge_block: Block,
    merges_readable: bool,
}

/// The cell being scanned.
struct CellScan {
    /// Its 0-based row and column (as written, or as counted).
    row: u64,
    col: u64,
    shared: bool,
    in_value: bool,
    value: String,
    chars: u64,
}

impl SheetScan<'_> {
    fn event(&mut self, event: Event<'_>, cells: &mut CellBudget) -> Result<(), IngestError> {
        let is_empty = matches!(event, Event::Empty(_));
        match event {
            Event::Start(e) | Event::Empty(e) => match local(e.name().0) {
                "row" => {
                    // A row costs a read like a cell (ten million empty rows would otherwise
                    // be read twice, here and by calamine, for nothing).
                    cells.take_one()?;
                    if let Some(r) = raw_attr(&e, "r") {
                        let row = row_number(&r)
                            .map_err(|()| self.outside(format!("rad {}", short(&r))))?;
                        if let Some(row) = row {
                            self.row = row;
                        }
                    }
                    self.col = 0;
                    if is_empty {
                        self.row = self.row.saturating_add(1);
                    }
                }
                "c" => {
                    cells.take_one()?;
                    let (mut row, mut col) = (self.row, self.col);
                    let mut shared = false;
                    for a in e.attributes().with_checks(false).flatten() {
                        match a.key.as_ref() {
                            "r" => {
                                let at = cell_position(&a.value)
                                    .map_err(|()| self.outside(short(&a.value)))?;
                                if let Some(at) = at {
                                    (row, col) = at;
                                    self.col = col;
                                }
                            }
                            "t" => shared = &*a.value == "s",
                            _ => {}
                        }
                    }
                    self.cell = Some(CellScan {
                        row,
                        col,
                        shared,
                        in_value: false,
                        value: String::new(),
                        chars: 0,
                    });
                    if is_empty {
                        self.end_cell()?;
                    }
                }
                "v" => {
                    if let Some(cell) = self.cell.as_mut() {
                        cell.in_value = !is_empty;
                    }
                }
                "mergeCells" if self.merge_block == Block::Before => {
                    self.merge_block = if is_empty {
                        Block::After
                    } else {
                        Block::Inside
                    };
                }
                "mergeCell" => {
                    cells.take_one()?;
                    if let Some(range) = raw_attr(&e, "ref") {
                        let corners = self.range(&range, true)?;
                        if self.merge_block == Block::Inside {
                            self.add_merge(corners);
                        }
                    }
                }
                "dimension" => {
                    if let Some(range) = raw_attr(&e, "ref") {
                        if let Some([(r0, c0), (r1, c1)]) = self.range(&range, false)? {
                            // calamine subtracts the corners (a panic in a debug build).
                            if r1 < r0 || c1 < c0 {
                                return Err(IngestError::damaged(
                                    self.format,
                                    Damage::CellReference,
                                    format_args!("dimension ref=\"{}\"", short(&range)),
                                ));
                            }
                        }
                    }
                }
                _ => {}
            },
            Event::End(e) => match local(e.name().0) {
                "row" => {
                    self.row = self.row.saturating_add(1);
                    self.col = 0;
                }
                "c" => self.end_cell()?,
                "mergeCells" if self.merge_block == Block::Inside => {
                    self.merge_block = Block::After;
                }
                "v" => {
                    if let Some(cell) = self.cell.as_mut() {
                        cell.in_value = false;
                    }
                }
                _ => {}
            },
            Event::Text(t) if self.cell.is_some() => self.text(&t, text_chars(&t))?,
            Event::CData(t) if self.cell.is_some() => self.text(&t, text_chars(&t))?,
            Event::GeneralRef(_) => self.text("", 1)?,
            _ => {}
        }
        Ok(())
    }

    /// Text inside a cell: its value, inline string or formula.
    fn text(&mut self, text: &str, chars: u64) -> Result<(), IngestError> {
        let Some(cell) = self.cell.as_mut() else {
            return Ok(());
        };
        cell.chars = cell.chars.saturating_add(chars);
        if cell.chars > self.raw_max {
            return Err(self.too_long());
        }
        // A shared string's index: a few digits (more cannot be an index).
        if cell.shared && cell.in_value && cell.value.len() < 24 {
            cell.value.push_str(text.get(..24).unwrap_or(text));
        }
        Ok(())
    }

    fn end_cell(&mut self) -> Result<(), IngestError> {
        self.col = self.col.saturating_add(1);
        let Some(cell) = self.cell.take() else {
            return Ok(());
        };
        if !cell.shared {
            return Ok(());
        }
        let Ok(index) = cell.value.trim().parse::<u64>() else {
            // Not a number: calamine's own error.
            return Ok(());
        };
        if self.strings.too_long == Some(index) {
            return Err(IngestError::CellTooLong {
                sheet: Some(self.sheet.to_owned()),
                cell: Some(cell_name(cell.row, cell.col)),
                max: self.max_cell_chars,
            });
        }
        if self.strings.too_long.is_none() && index >= self.strings.count {
            return Err(IngestError::MissingSharedString {
                sheet: self.sheet.to_owned(),
                cell: cell_name(cell.row, cell.col),
            });
        }
        Ok(())
    }

    /// A range's corners (`A1:B2`; `A1` is both), each inside the grid (`in_grid`, merges) or
    /// at least inside what calamine's 32-bit arithmetic holds (the declared dimension); `None`
    /// when it is not a plain range (calamine's own error).
    fn range(&self, range: &str, in_grid: bool) -> Result<Option<[(u64, u64); 2]>, IngestError> {
        let mut corners = [(0, 0); 2];
        let mut n = 0usize;
        for part in range.split(':') {
            let at = if in_grid {
                cell_position(part)
            } else {
                cell_position_32(part)
            };
            let Some(at) = at.map_err(|()| self.outside(short(range)))? else {
                return Ok(None);
            };
            match corners.get_mut(n) {
                Some(corner) => *corner = at,
                None => return Ok(None),
            }
            n = n.saturating_add(1);
        }
        Ok(match (n, corners) {
            (1, [first, _]) => Some([first, first]),
            (2, corners) => Some(corners),
            _ => None,
        })
    }

    /// A merged region of the sheet's list; a reversed one is dropped, as reading always has.
    fn add_merge(&mut self, corners: Option<[(u64, u64); 2]>) {
        let Some([(r0, c0), (r1, c1)]) = corners else {
            self.merges_readable = false;
            return;
        };
        let parts = (
            u32::try_from(r0),
            u32::try_from(c0),
            u32::try_from(r1),
            u32::try_from(c1),
        );
        if let (Ok(first_row), Ok(first_col), Ok(last_row), Ok(last_col)) = parts {
            if first_row <= last_row && first_col <= last_col {
                self.merges.push(Merge {
                    first_row,
                    first_col,
                    last_row,
                    last_col,
                });
            }
        }
    }

    fn outside(&self, cell: String) -> IngestError {
        IngestError::CellOutsideGrid {
            sheet: self.sheet.to_owned(),
            cell,
        }
    }

    fn too_long(&self) -> IngestError {
        IngestError::CellTooLong {
            sheet: Some(self.sheet.to_owned()),
            cell: self.cell.as_ref().map(|c| cell_name(c.row, c.col)),
            max: self.max_cell_chars,
        }
    }
}

/// A cell reference's 0-based (row, column) when it is inside Excel's grid; `Ok(None)` when it
/// is not a plain reference (calamine says what is wrong); `Err` when it is outside the grid.
fn cell_position(r: &str) -> Result<Option<(u64, u64)>, ()> {
    let Some((letters, digits)) = split_reference(r) else {
        return Ok(None);
    };
    if letters.len() > 3 || digits.len() > 7 {
        return Err(());
    }
    let col = column_number(letters);
    let row: u64 = digits.parse().map_err(|_| ())?;
    if col > GRID_COLS || row > GRID_ROWS {
        return Err(());
    }
    Ok((row >= 1 && col >= 1).then(|| (row.saturating_sub(1), col.saturating_sub(1))))
}

/// As [`cell_position`], but only refusing what overflows calamine's 32-bit row and column.
fn cell_position_32(r: &str) -> Result<Option<(u64, u64)>, ()> {
    let Some((letters, digits)) = split_reference(r) else {
        return Ok(None);
    };
    if letters.len() > 6 || digits.len() > 9 {
        return Err(());
    }
    let row: u64 = digits.parse().map_err(|_| ())?;
    Ok(Some((row, column_number(letters))))
}

/// `AB12` → ("AB", "12"); `None` unless letters then digits.
fn split_reference(r: &str) -> Option<(&str, &str)> {
    let split = r.bytes().position(|b| !b.is_ascii_alphabetic())?;
    let (letters, digits) = r.split_at(split);
    (!letters.is_empty() && !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
        .then_some((letters, digits))
}

/// Column letters as a 1-based number (A = 1); at most six letters are ever passed.
fn column_number(letters: &str) -> u64 {
    letters.bytes().fold(0u64, |n, b| {
        n.saturating_mul(26)
            .saturating_add(u64::from(b.to_ascii_uppercase().saturating_sub(b'A')))
            .saturating_add(1)
    })
}

/// A row attribute: its 0-based row, `Ok(None)` when not a number (calamine's error), `Err`
/// when outside the grid.
fn row_number(r: &str) -> Result<Option<u64>, ()> {
    if r.is_empty() || !r.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(None);
    }
    if r.len() > 7 {
        return Err(());
    }
    let row: u64 = r.parse().map_err(|_| ())?;
    if row > GRID_ROWS {
        return Err(());
    }
    Ok(row.checked_sub(1))
}

/// A cell's A1 name (positions here are inside the grid).
fn cell_name(row: u64, col: u64) -> String {
    match (u32::try_from(row), u32::try_from(col)) {
        (Ok(row), Ok(col)) => CellRef::new(row, col).a1(),
        _ => format!("rad {}", row.saturating_add(1)),
    }
}

/// A reference as quoted in a message: at most 30 characters.
fn short(s: &str) -> String {
    match s.char_indices().nth(30) {
        Some((cut, _)) => format!("{}…", s.get(..cut).unwrap_or(s)),
        None => s.to_owned(),
    }
}

fn take_text(total: u64, n: u64, limits: &Limits) -> Result<u64, IngestError> {
    let total = total.saturating_add(n);
    if total > limits.max_text_chars {
        return Err(IngestError::TooMuchText {
            max: limits.max_text_chars,
        });
    }
    Ok(total)
}

fn too_many_entries() -> IngestError {
    IngestError::TooManyElements {
        max: MAX_LIST_ENTRIES,
    }
}

/// An attribute's value by (qualified) name, unescaped when asked.
fn attr(e: &BytesStart<'_>, name: &str, unescape: bool) -> Option<String> {
    let a = e.attributes().flatten().find(|a| a.key.as_ref() == name)?;
    if unescape {
        a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .ok()
            .map(|v| v.into_owned())
    } else {
        Some(a.value.into_owned())
    }
}

/// A qualified name's local part ("x:c" → "c"), found by bytes: quick-xml's own
/// `local_name` searches by `char` and costs a tenth of a scan of millions of small elements.
fn local(name: &str) -> &str {
    match name.as_bytes().iter().rposition(|&b| b == b':') {
        Some(colon) => name.get(colon.saturating_add(1)..).unwrap_or_default(),
        None => name,
    }
}

/// An attribute's raw value, borrowed (the per-cell path allocates nothing).
fn raw_attr<'e>(e: &'e BytesStart<'_>, name: &str) -> Option<Cow<'e, str>> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .map(|a| a.value)
}

/// A zip error as a typed damage.
pub(super) fn zip_error(format: Format, e: &zip::result::ZipError) -> IngestError {
    use zip::result::ZipError;
    let damage = match e {
        ZipError::Io(io) => super::xml::io_damage(io),
        ZipError::DecompressedSizeLimitExceeded { .. } => Damage::Compression,
        ZipError::UnsupportedArchive(_)
        | ZipError::CompressionMethodNotSupported(_)
        | ZipError::InvalidPassword => Damage::UnsupportedCompression,
        ZipError::FileNotFound => Damage::MissingPart,
        _ => Damage::Zip,
    };
    IngestError::damaged(format, damage, e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_inside_and_outside_the_grid() {
        assert_eq!(cell_position("A1"), Ok(Some((0, 0))));
        assert_eq!(cell_position("XFD1048576"), Ok(Some((1_048_575, 16_383))));
        assert_eq!(cell_position("xfd1048576"), Ok(Some((1_048_575, 16_383))));
        assert_eq!(cell_position("XFE1"), Err(()));
        assert_eq!(cell_position("A1048577"), Err(()));
        assert_eq!(cell_position("A4294967297"), Err(()));
        assert_eq!(cell_position("ZZZZZZZZ9"), Err(()));
        assert_eq!(cell_position("A0"), Ok(None));
        assert_eq!(cell_position("$A$1"), Ok(None));
        assert_eq!(cell_position("12"), Ok(None));
        assert_eq!(row_number("1048576"), Ok(Some(1_048_575)));
        assert_eq!(row_number("1048577"), Err(()));
        assert_eq!(row_number("x"), Ok(None));
        assert_eq!(
            cell_position_32("ZZZZZZ999999999"),
            Ok(Some((999_999_999, 321_272_406)))
        );
        assert_eq!(cell_position_32("A9999999999"), Err(()));
    }
}
