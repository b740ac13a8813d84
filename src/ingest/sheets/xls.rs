//! .xls (BIFF8, and BIFF5 of Excel 5/95) to sparse grids, with our own bounded record reader.
//!
//! Why not calamine here: its .xls reader builds each sheet as a dense `Range` (the bounding box
//! of the used cells, and a reservation sized by the sheet's DIMENSIONS record) and indexes record
//! bytes unchecked (`read_u16` on short records, `&stream[pos..]` from BOUNDSHEET, formula token
//! slices), so a damaged or hostile file can exhaust memory or panic — which aborts the page in a
//! release build. This reader keeps only the cells that exist, checks every length, and reads
//! just what ingest needs: values, shared strings, merged regions, sheet names and visibility,
//! date formats, and the code page of BIFF5 text (Windows-1252 unless the file says otherwise).

use std::collections::HashMap;

use encoding_rs::Encoding;

use super::super::error::{Damage, IngestError};
use super::super::grid::{CellValue, Grid, Merge};
use super::super::limits::{CellBudget, Limits};
use super::super::sniff::{Format, Ole};
use super::cell::{date_time, number, text};
use crate::model::CellRef;

const BOF: u16 = 0x0809;
const EOF: u16 = 0x000A;
const CONTINUE: u16 = 0x003C;
const FILEPASS: u16 = 0x002F;
const CODEPAGE: u16 = 0x0042;
const DATEMODE: u16 = 0x0022;
const FORMAT: u16 = 0x041E;
const XF: u16 = 0x00E0;
const BOUNDSHEET: u16 = 0x0085;
const SST: u16 = 0x00FC;
const NUMBER: u16 = 0x0203;
const RK: u16 = 0x027E;
const MULRK: u16 = 0x00BD;
const LABELSST: u16 = 0x00FD;
const LABEL: u16 = 0x0204;
const RSTRING: u16 = 0x00D6;
const BOOLERR: u16 = 0x0205;
const FORMULA: u16 = 0x0006;
const STRING: u16 = 0x0207;
const MERGECELLS: u16 = 0x00E5;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Biff {
    Biff5,
    Biff8,
}

/// Globals of a workbook stream that cells need.
struct Globals {
    biff: Biff,
    encoding: &'static Encoding,
    is_1904: bool,
    /// Per XF record: whether its number format is a date.
    xf_is_date: Vec<bool>,
    strings: Vec<String>,
    sheets: Vec<BoundSheet>,
}

struct BoundSheet {
    pos: usize,
    hidden: bool,
    is_worksheet: bool,
    name: String,
}

/// Reads every sheet of an .xls file; `Encrypted` for a workbook with a password.
pub(super) fn read(bytes: &[u8], limits: &Limits) -> Result<Vec<Grid>, IngestError> {
    let ole = Ole::parse(bytes).ok_or_else(|| damaged(Damage::Directory))?;
    let stream = ole
        .stream("Workbook")
        .or_else(|| ole.stream("Book"))
        .ok_or_else(|| damaged(Damage::NoWorkbook))?;
    let globals = read_globals(&stream)?;
    limits.check_sheets(globals.sheets.len())?;
    let mut budget = CellBudget::new(limits);
    let mut grids = Vec::with_capacity(globals.sheets.len());
    for sheet in &globals.sheets {
        let (cells, merges) = if sheet.is_worksheet {
            let mut cells = Cells {
                sheet: &sheet.name,
                budget: &mut budget,
                cells: Vec::new(),
            };
            let merges = read_sheet(&stream, sheet.pos, &globals, &mut cells)?;
            (cells.cells, merges)
        } else {
            (Vec::new(), Vec::new())
        };
        let mut grid = Grid::new(sheet.name.clone(), cells, merges);
        grid.hidden = sheet.hidden;
        grids.push(grid);
    }
    Ok(grids)
}

fn damaged(damage: Damage) -> IngestError {
    IngestError::damaged_here(Format::Xls, damage)
}

/// One BIFF record: its type and data (CONTINUE records are separate records).
struct Record<'a> {
    typ: u16,
    data: &'a [u8],
}

/// Records from a position to the end of the stream; a record cut off by the end is an error.
struct Records<'a> {
    stream: &'a [u8],
    pos: usize,
}

impl<'a> Records<'a> {
    fn peek_type(&self) -> Option<u16> {
        read_u16(self.stream, self.pos)
    }
}

impl<'a> Iterator for Records<'a> {
    type Item = Result<Record<'a>, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        let typ = read_u16(self.stream, self.pos)?;
        let len = read_u16(self.stream, self.pos.checked_add(2)?)?;
        let start = self.pos.checked_add(4)?;
        let end = start.checked_add(usize::from(len))?;
        match self.stream.get(start..end) {
            Some(data) => {
                self.pos = end;
                Some(Ok(Record { typ, data }))
            }
            None => {
                self.pos = self.stream.len();
                Some(Err(damaged(Damage::Truncated)))
            }
        }
    }
}

fn read_globals(stream: &[u8]) -> Result<Globals, IngestError> {
    let mut records = Records { stream, pos: 0 };
    let mut globals = Globals {
        biff: Biff::Biff8,
        encoding: encoding_rs::WINDOWS_1252,
        is_1904: false,
        xf_is_date: Vec::new(),
        strings: Vec::new(),
        sheets: Vec::new(),
    };
    let mut formats: HashMap<u16, bool> = HashMap::new();
    let mut xf_formats: Vec<u16> = Vec::new();
    let mut first = true;
    while let Some(record) = records.next() {
        let record = record?;
        if first {
            if record.typ != BOF {
                return Err(damaged(Damage::Structure));
            }
            first = false;
            globals.biff = match read_u16(record.data, 0) {
                Some(0x0500) => Biff::Biff5,
                Some(0x0600) => Biff::Biff8,
                // BIFF2–4 workbooks are single sheets in another layout; not read.
                _ => return Err(damaged(Damage::OldVersion)),
            };
            continue;
        }
        match record.typ {
            FILEPASS => return Err(IngestError::Encrypted),
            CODEPAGE => {
                let cp = read_u16(record.data, 0).unwrap_or(1252);
                // 1200 is UTF-16, which BIFF8 strings carry anyway; byte strings stay 1252.
                if cp != 1200 {
                    if let Some(enc) = codepage::to_encoding(cp) {
                        globals.encoding = enc;
                    }
                }
            }
            DATEMODE => globals.is_1904 = read_u16(record.data, 0) == Some(1),
            FORMAT => {
                if let Some(ifmt) = read_u16(record.data, 0) {
                    let code = match globals.biff {
                        Biff::Biff8 => read_unicode(record.data, 2, 2, globals.encoding),
                        Biff::Biff5 => read_byte_string(record.data, 2, 1, globals.encoding),
                    };
                    if let Some((code, _)) = code {
                        formats.insert(ifmt, is_date_format(&code));
                    }
                }
            }
            XF => xf_formats.push(read_u16(record.data, 2).unwrap_or(0)),
            BOUNDSHEET => {
                if let Some(sheet) = read_boundsheet(record.data, &globals) {
                    globals.sheets.push(sheet);
                }
            }
            SST if globals.biff == Biff::Biff8 => {
                let mut segments = vec![record.data];
                while records.peek_type() == Some(CONTINUE) {
                    if let Some(next) = records.next() {
                        segments.push(next?.data);
                    }
                }
                globals.strings = read_sst(segments);
            }
            EOF => break,
            _ => {}
        }
    }
    globals.xf_is_date = xf_formats
        .iter()
        .map(|ifmt| {
            formats
                .get(ifmt)
                .copied()
                .unwrap_or_else(|| is_builtin_date_format(*ifmt))
        })
        .collect();
    Ok(globals)
}

fn read_boundsheet(data: &[u8], globals: &Globals) -> Option<BoundSheet> {
    let pos = usize::try_from(read_u32(data, 0)?).ok()?;
    let state = *data.get(4)?;
    let kind = *data.get(5)?;
    let (name, _) = match globals.biff {
        Biff::Biff8 => read_unicode(data, 6, 1, globals.encoding)?,
        Biff::Biff5 => read_byte_string(data, 6, 1, globals.encoding)?,
    };
    Some(BoundSheet {
        pos,
        hidden: state & 0x03 != 0,
        is_worksheet: kind == 0,
        name: name.replace('\0', ""),
    })
}

/// A sheet's cells as they are read, counted against the budget.
struct Cells<'a> {
    sheet: &'a str,
    budget: &'a mut CellBudget,
    cells: Vec<(u32, u32, CellValue)>,
}

impl Cells<'_> {
    /// A value, when there is one.
    fn push(
        &mut self,
        row: impl Into<u32>,
        col: impl Into<u32>,
        value: Option<CellValue>,
    ) -> Result<(), IngestError> {
        if let Some(value) = value {
            self.budget.take_one()?;
            self.cells.push((row.into(), col.into(), value));
        }
        Ok(())
    }

    /// A text as the file holds it: counted against the text limits before it is normalised.
    fn push_text(
        &mut self,
        row: impl Into<u32>,
        col: impl Into<u32>,
        raw: Option<&str>,
    ) -> Result<(), IngestError> {
        let (row, col) = (row.into(), col.into());
        if let Some(raw) = raw {
            self.budget
                .take_text(raw, self.sheet, CellRef::new(row, col))?;
            self.push(row, col, text(raw))?;
        }
        Ok(())
    }
}

/// Reads one sheet's cells into `cells`; returns its merged regions.
fn read_sheet(
    stream: &[u8],
    pos: usize,
    globals: &Globals,
    cells: &mut Cells<'_>,
) -> Result<Vec<Merge>, IngestError> {
    if pos >= stream.len() {
        return Err(damaged(Damage::SheetOutside));
    }
    let mut records = Records { stream, pos };
    let mut merges = Vec::new();
    let mut depth = 0usize;
    let mut pending_string: Option<(u32, u32)> = None;
    for record in records.by_ref() {
        let record = record?;
        let data = record.data;
        if record.typ == BOF {
            depth = depth.saturating_add(1);
            continue;
        }
        if record.typ == EOF {
            depth = depth.saturating_sub(1);
            if depth == 0 {
                break;
            }
            continue;
        }
        // Embedded charts are nested substreams with cell-like records of their own.
        if depth > 1 {
            continue;
        }
        if record.typ == STRING {
            // The text result of the formula just before it.
            if let Some((row, col)) = pending_string.take() {
                let s = match globals.biff {
                    Biff::Biff8 => read_unicode(data, 0, 2, globals.encoding),
                    Biff::Biff5 => read_byte_string(data, 0, 2, globals.encoding),
                };
                cells.push_text(row, col, s.as_ref().map(|(s, _)| s.as_str()))?;
            }
            continue;
        }
        let (Some(row), Some(col)) = (read_u16(data, 0), read_u16(data, 2)) else {
            continue;
        };
        let xf = read_u16(data, 4).unwrap_or(0);
        match record.typ {
            NUMBER => {
                let value = read_f64(data, 6).map(|v| numeric(v, xf, globals));
                cells.push(row, col, value)?;
            }
            RK => {
                let value = read_u32(data, 6).map(|rk| numeric(rk_value(rk), xf, globals));
                cells.push(row, col, value)?;
            }
            MULRK => push_mulrk(data, row, col, globals, cells)?,
            LABELSST => {
                let Some(index) = read_u32(data, 6) else {
                    continue;
                };
                let s = usize::try_from(index)
                    .ok()
                    .and_then(|i| globals.strings.get(i));
                if s.is_none() {
                    return Err(IngestError::MissingSharedString {
                        sheet: cells.sheet.to_owned(),
                        cell: CellRef::new(u32::from(row), u32::from(col)).a1(),
                    });
                }
                cells.push_text(row, col, s.map(String::as_str))?;
            }
            LABEL | RSTRING => {
                let s = match globals.biff {
                    Biff::Biff8 => read_unicode(data, 6, 2, globals.encoding),
                    Biff::Biff5 => read_byte_string(data, 6, 2, globals.encoding),
                };
                cells.push_text(row, col, s.as_ref().map(|(s, _)| s.as_str()))?;
            }
            BOOLERR => {
                let value = match (data.get(6), data.get(7)) {
                    (Some(&v), Some(0)) => Some(CellValue::Bool(v != 0)),
                    (Some(&code), Some(_)) => Some(CellValue::Error(error_text(code).to_owned())),
                    _ => None,
                };
                cells.push(row, col, value)?;
            }
            FORMULA => {
                let result = data.get(6..14);
                let value = match result {
                    Some([kind, _, v, _, _, _, 0xFF, 0xFF]) => match kind {
                        0 => {
                            pending_string = Some((u32::from(row), u32::from(col)));
                            None
                        }
                        1 => Some(CellValue::Bool(*v != 0)),
                        2 => Some(CellValue::Error(error_text(*v).to_owned())),
                        _ => None,
                    },
                    Some(_) => read_f64(data, 6).map(|v| numeric(v, xf, globals)),
                    None => None,
                };
                cells.push(row, col, value)?;
            }
            // The first u16 is the count.
            MERGECELLS => read_merges(data, usize::from(row), cells, &mut merges)?,
            _ => {}
        }
    }
    Ok(merges)
}

/// A MULRK record's numbers: row, first column, (xf, rk) × n, last column.
fn push_mulrk(
    data: &[u8],
    row: u16,
    first_col: u16,
    globals: &Globals,
    cells: &mut Cells<'_>,
) -> Result<(), IngestError> {
    let n = data.len().saturating_sub(6) / 6;
    for i in 0..n {
        let at = i.checked_mul(6).and_then(|o| o.checked_add(4));
        let Some(at) = at else { break };
        let Ok(offset) = u16::try_from(i) else { break };
        let Some(col) = first_col.checked_add(offset) else {
            break;
        };
        let xf = read_u16(data, at).unwrap_or(0);
        let value = at
            .checked_add(2)
            .and_then(|a| read_u32(data, a))
            .map(|rk| numeric(rk_value(rk), xf, globals));
        cells.push(row, col, value)?;
    }
    Ok(())
}

/// A MERGECELLS record's `count` regions, each counted against the cell budget.
fn read_merges(
    data: &[u8],
    count: usize,
    cells: &mut Cells<'_>,
    merges: &mut Vec<Merge>,
) -> Result<(), IngestError> {
    for i in 0..count {
        let Some(at) = i.checked_mul(8).and_then(|o| o.checked_add(2)) else {
            break;
        };
        let parts = (
            read_u16(data, at),
            at.checked_add(2).and_then(|a| read_u16(data, a)),
            at.checked_add(4).and_then(|a| read_u16(data, a)),
            at.checked_add(6).and_then(|a| read_u16(data, a)),
        );
        let (Some(r0), Some(r1), Some(c0), Some(c1)) = parts else {
            break;
        };
        if r0 <= r1 && c0 <= c1 {
            cells.budget.take_one()?;
            merges.push(Merge {
                first_row: u32::from(r0),
                first_col: u32::from(c0),
                last_row: u32::from(r1),
                last_col: u32::from(c1),
            });
        }
    }
    Ok(())
}

/// A number, or a date as text when its cell format is a date format.
fn numeric(value: f64, xf: u16, globals: &Globals) -> CellValue {
    let is_date = globals
        .xf_is_date
        .get(usize::from(xf))
        .copied()
        .unwrap_or(false);
    if is_date {
        date_time(&calamine::ExcelDateTime::new(
            value,
            calamine::ExcelDateTimeType::DateTime,
            globals.is_1904,
        ))
    } else {
        number(value)
    }
}

/// An RK number: a 30-bit integer or the high bits of a double, optionally divided by 100.
fn rk_value(rk: u32) -> f64 {
    let value = if rk & 0x02 != 0 {
        // Arithmetic shift keeps the sign of the 30-bit integer.
        f64::from(i32::from_le_bytes(rk.to_le_bytes()) >> 2)
    } else {
        f64::from_bits(u64::from(rk & 0xFFFF_FFFC) << 32)
    };
    if rk & 0x01 != 0 {
        value / 100.0
    } else {
        value
    }
}

fn error_text(code: u8) -> &'static str {
    match code {
        0x00 => "#NULL!",
        0x07 => "#DIV/0!",
        0x0F => "#VALUE!",
        0x17 => "#REF!",
        0x1D => "#NAME?",
        0x24 => "#NUM!",
        0x2A => "#N/A",
        _ => "#N/A",
    }
}

/// Excel's built-in date and time formats (ids 14–22 and 45–47).
fn is_builtin_date_format(ifmt: u16) -> bool {
    matches!(ifmt, 14..=22 | 45..=47)
}

/// Whether a number format code shows a date or time: it has d, m, y, h or s outside quoted
/// text, brackets (colours, locales) and escaped characters.
fn is_date_format(code: &str) -> bool {
    let mut in_quotes = false;
    let mut in_brackets = false;
    let mut escaped = false;
    for c in code.chars() {
        if escaped {
            escaped = false;
            continue;
        }
        match c {
            '"' => in_quotes = !in_quotes,
            '\\' if !in_quotes => escaped = true,
            '[' if !in_quotes => in_brackets = true,
            ']' if !in_quotes => in_brackets = false,
            // The first section decides: "0;[Red]-0" is a number, not a date.
            ';' if !in_quotes && !in_brackets => return false,
            'd' | 'D' | 'm' | 'M' | 'y' | 'Y' | 'h' | 'H' | 's' | 'S'
                if !in_quotes && !in_brackets =>
            {
                return !code.eq_ignore_ascii_case("general");
            }
            _ => {}
        }
    }
    false
}

/// A BIFF8 XLUnicodeString at `at` within one record: a length of `len_bytes` (1 or 2), a flags
/// byte, optional rich-text and extension headers, then the characters. Returns the string and
/// the offset after it.
fn read_unicode(
    data: &[u8],
    at: usize,
    len_bytes: usize,
    _encoding: &'static Encoding,
) -> Option<(String, usize)> {
    let cch = match len_bytes {
        1 => usize::from(*data.get(at)?),
        _ => usize::from(read_u16(data, at)?),
    };
    let mut pos = at.checked_add(len_bytes)?;
    let flags = *data.get(pos)?;
    pos = pos.checked_add(1)?;
    let runs = if flags & 0x08 != 0 {
        let n = usize::from(read_u16(data, pos)?);
        pos = pos.checked_add(2)?;
        n
    } else {
        0
    };
    let ext = if flags & 0x04 != 0 {
        let n = usize::try_from(read_u32(data, pos)?).ok()?;
        pos = pos.checked_add(4)?;
        n
    } else {
        0
    };
    let high = flags & 0x01 != 0;
    let width = if high { 2 } else { 1 };
    let n_bytes = cch.checked_mul(width)?;
    // A string cut off by the record's end (its rest is in a CONTINUE) keeps what is here.
    let available = data.len().saturating_sub(pos);
    let take = n_bytes.min(available.saturating_sub(available.checked_rem(width)?));
    let chars = data.get(pos..pos.checked_add(take)?)?;
    let s = decode_chars(chars, high);
    let end = pos
        .checked_add(n_bytes)?
        .checked_add(runs.checked_mul(4)?)?
        .checked_add(ext)?;
    Some((s, end))
}

/// A BIFF5 byte string: a length of `len_bytes`, then bytes in the workbook's code page.
fn read_byte_string(
    data: &[u8],
    at: usize,
    len_bytes: usize,
    encoding: &'static Encoding,
) -> Option<(String, usize)> {
    let cch = match len_bytes {
        1 => usize::from(*data.get(at)?),
        _ => usize::from(read_u16(data, at)?),
    };
    let start = at.checked_add(len_bytes)?;
    let end = start.checked_add(cch)?.min(data.len());
    let bytes = data.get(start..end)?;
    let (s, _) = encoding.decode_without_bom_handling(bytes);
    Some((s.into_owned(), end))
}

/// UTF-16LE when `high`, else "compressed" Latin-1 (one byte per character, high byte zero).
fn decode_chars(bytes: &[u8], high: bool) -> String {
    if high {
        let units: Vec<u16> = bytes
            .chunks_exact(2)
            .filter_map(|c| c.try_into().ok().map(u16::from_le_bytes))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        bytes.iter().map(|&b| char::from(b)).collect()
    }
}

/// The shared string table, whose strings may continue across CONTINUE records (each
/// continuation of characters starts with a new flags byte).
fn read_sst(segments: Vec<&[u8]>) -> Vec<String> {
    let mut reader = Segments {
        segments,
        index: 0,
        pos: 0,
    };
    let (Some(_total), Some(unique)) = (reader.u32(), reader.u32()) else {
        return Vec::new();
    };
    let mut strings = Vec::new();
    for _ in 0..unique {
        match reader.unicode_string() {
            Some(s) => strings.push(s),
            None => break,
        }
    }
    strings
}

struct Segments<'a> {
    segments: Vec<&'a [u8]>,
    index: usize,
    pos: usize,
}

impl Segments<'_> {
    fn current(&self) -> Option<&[u8]> {
        self.segments.get(self.index).copied()
    }

    /// Moves to the next segment when the current one is used up.
    fn settle(&mut self) -> Option<()> {
        while self.pos >= self.current()?.len() {
            self.index = self.index.checked_add(1)?;
            self.pos = 0;
        }
        Some(())
    }

    fn byte(&mut self) -> Option<u8> {
        self.settle()?;
        let b = *self.current()?.get(self.pos)?;
        self.pos = self.pos.checked_add(1)?;
        Some(b)
    }

    fn u16(&mut self) -> Option<u16> {
        Some(u16::from_le_bytes([self.byte()?, self.byte()?]))
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes([
            self.byte()?,
            self.byte()?,
            self.byte()?,
            self.byte()?,
        ]))
    }

    fn skip(&mut self, mut n: usize) -> Option<()> {
        while n > 0 {
            self.settle()?;
            let available = self.current()?.len().saturating_sub(self.pos);
            let step = available.min(n);
            self.pos = self.pos.checked_add(step)?;
            n = n.saturating_sub(step);
        }
        Some(())
    }

    fn unicode_string(&mut self) -> Option<String> {
        let cch = usize::from(self.u16()?);
        let flags = self.byte()?;
        let runs = if flags & 0x08 != 0 {
            usize::from(self.u16()?)
        } else {
            0
        };
        let ext = if flags & 0x04 != 0 {
            usize::try_from(self.u32()?).ok()?
        } else {
            0
        };
        let mut high = flags & 0x01 != 0;
        let mut remaining = cch;
        let mut out = String::with_capacity(cch.min(4096));
        let mut first = true;
        while remaining > 0 {
            let exhausted = self.pos >= self.current()?.len();
            if exhausted {
                // Characters continue in the next CONTINUE record, behind a new flags byte.
                self.index = self.index.checked_add(1)?;
                self.pos = 0;
                high = self.current()?.first()? & 0x01 != 0;
                self.pos = 1;
            } else if !first && self.pos == 0 {
                return None;
            }
            first = false;
            let width = if high { 2 } else { 1 };
            let segment = self.current()?;
            let available = segment.len().saturating_sub(self.pos).checked_div(width)?;
            let n = available.min(remaining);
            if n == 0 {
                return None;
            }
            let end = self.pos.checked_add(n.checked_mul(width)?)?;
            out.push_str(&decode_chars(segment.get(self.pos..end)?, high));
            self.pos = end;
            remaining = remaining.saturating_sub(n);
        }
        self.skip(runs.checked_mul(4)?.checked_add(ext)?)?;
        Some(out)
    }
}

fn read_u16(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(
        b.get(at..at.checked_add(2)?)?.try_into().ok()?,
    ))
}

fn read_u32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(
        b.get(at..at.checked_add(4)?)?.try_into().ok()?,
    ))
}

fn read_f64(b: &[u8], at: usize) -> Option<f64> {
    Some(f64::from_le_bytes(
        b.get(at..at.checked_add(8)?)?.try_into().ok()?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(typ: u16, data: &[u8]) -> Vec<u8> {
        let mut out = typ.to_le_bytes().to_vec();
        out.extend_from_slice(&(data.len() as u16).to_le_bytes());
        out.extend_from_slice(data);
        out
    }

    /// An Excel 5/95 (BIFF5) workbook stream: byte strings in the workbook's code page.
    fn biff5_stream(codepage: u16, sheet_name: &[u8], label: &[u8]) -> Vec<u8> {
        let mut globals = record(BOF, &[0x00, 0x05, 0x05, 0x00, 0, 0, 0, 0]);
        globals.extend(record(CODEPAGE, &codepage.to_le_bytes()));
        let boundsheet_at = globals.len();
        let mut boundsheet = vec![0, 0, 0, 0, 0, 0, sheet_name.len() as u8];
        boundsheet.extend_from_slice(sheet_name);
        globals.extend(record(BOUNDSHEET, &boundsheet));
        globals.extend(record(EOF, &[]));
        let sheet_pos = globals.len() as u32;
        globals[boundsheet_at + 4..boundsheet_at + 8].copy_from_slice(&sheet_pos.to_le_bytes());
        let mut sheet = record(BOF, &[0x00, 0x05, 0x10, 0x00, 0, 0, 0, 0]);
        let mut label_data = vec![1, 0, 2, 0, 0, 0];
        label_data.extend_from_slice(&(label.len() as u16).to_le_bytes());
        label_data.extend_from_slice(label);
        sheet.extend(record(LABEL, &label_data));
        let mut number = vec![1, 0, 3, 0, 0, 0];
        number.extend_from_slice(&12.5f64.to_le_bytes());
        sheet.extend(record(NUMBER, &number));
        sheet.extend(record(EOF, &[]));
        globals.extend(sheet);
        globals
    }

    #[test]
    fn excel_95_text_is_read_in_the_workbooks_code_page() {
        // "Gävle" and "Blad å" in Windows-1252.
        let stream = biff5_stream(1252, b"Blad \xe5", b"G\xe4vle");
        let globals = read_globals(&stream).unwrap();
        assert_eq!(globals.sheets.len(), 1);
        assert_eq!(globals.sheets[0].name, "Blad å");
        let mut budget = CellBudget::new(&Limits::default());
        let mut cells = Cells {
            sheet: "Blad å",
            budget: &mut budget,
            cells: Vec::new(),
        };
        read_sheet(&stream, globals.sheets[0].pos, &globals, &mut cells).unwrap();
        let cells = cells.cells;
        assert_eq!(
            cells,
            [
                (1, 2, CellValue::Text("Gävle".into())),
                (1, 3, CellValue::Number(12.5))
            ]
        );
        // The same bytes in a Mac Roman workbook are other letters: the code page is used.
        let stream = biff5_stream(10000, b"Blad", b"G\x8avle");
        let globals = read_globals(&stream).unwrap();
        let mut cells = Cells {
            sheet: "Blad",
            budget: &mut budget,
            cells: Vec::new(),
        };
        read_sheet(&stream, globals.sheets[0].pos, &globals, &mut cells).unwrap();
        let cells = cells.cells;
        assert_eq!(cells[0].2, CellValue::Text("Gävle".into()));
    }

    #[test]
    fn a_password_record_is_refused_as_encrypted() {
        let mut stream = record(BOF, &[0x00, 0x06, 0x05, 0x00]);
        stream.extend(record(FILEPASS, &[1, 0, 1, 0]));
        assert!(matches!(read_globals(&stream), Err(IngestError::Encrypted)));
    }

    #[test]
    fn rk_numbers() {
        // 1 as an integer RK, 1.23 as an integer ×100, -5 as an integer.
        assert_eq!(rk_value((1 << 2) | 0x02), 1.0);
        assert_eq!(rk_value((123 << 2) | 0x03), 1.23);
        assert_eq!(rk_value(((-5i32 << 2) as u32) | 0x02), -5.0);
        // 1.5 as the high 30 bits of a double.
        let bits = (1.5f64.to_bits() >> 32) as u32;
        assert_eq!(rk_value(bits), 1.5);
    }

    #[test]
    fn date_formats() {
        assert!(is_date_format("yyyy-mm-dd"));
        assert!(is_date_format("[$-41D]d mmmm yyyy"));
        assert!(!is_date_format("0.0%"));
        assert!(!is_date_format("General"));
        assert!(!is_date_format("\"Dag\" 0"));
        assert!(!is_date_format("#,##0;[Red]-#,##0"));
    }

    #[test]
    fn shared_strings_continue_across_records_with_a_new_flags_byte() {
        // Two strings: "Åmål" compressed; "Gävle" split after "Gä" into a UTF-16 continuation.
        let mut first = vec![];
        first.extend_from_slice(&2u32.to_le_bytes());
        first.extend_from_slice(&2u32.to_le_bytes());
        first.extend_from_slice(&4u16.to_le_bytes());
        first.push(0);
        first.extend_from_slice(&[0xC5, b'm', 0xE5, b'l']);
        first.extend_from_slice(&5u16.to_le_bytes());
        first.push(0);
        first.extend_from_slice(&[b'G', 0xE4]);
        let mut second = vec![1u8];
        for u in "vle".encode_utf16() {
            second.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(read_sst(vec![&first, &second]), ["Åmål", "Gävle"]);
    }
}
