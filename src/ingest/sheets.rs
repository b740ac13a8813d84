//! Spreadsheet containers (xlsx/xlsm/xlsb, xls, ods) and text to sheet grids, streaming where
//! calamine allows.
//!
//! - xlsx/xlsm/xlsb: cell by cell with calamine's `worksheet_cells_reader`, so memory follows the
//!   cells a sheet really has (never its declared `<dimension>` or the span of its cells). An
//!   xlsx is first checked against the limits by [`xlsx_check`], which streams the same XML
//!   parts calamine will (calamine holds a whole shared-string table and a whole cell text before
//!   a caller can count them) and reads the merged regions on the way (xlsb has none in
//!   calamine).
//! - xls and ods: our own sparse readers ([`xls`], [`ods`]), because calamine reads these only
//!   into dense rectangles (`Range`: the bounding box of the used cells; for ods after expanding
//!   repeats, up to 100 million cells) and its .xls parser indexes record bytes unchecked (a
//!   damaged file panics, which aborts the page). Each module says more.
//! - Text: [`super::text`].

use std::io::Cursor;

use calamine::{
    Cell, CellErrorType, DataRef, Reader, SheetType, SheetVisible, Xlsb, XlsbError, Xlsx, XlsxError,
};
use serde::{Deserialize, Serialize};

use super::error::{Damage, IngestError};
use super::grid::{CellValue, Grid, Merge};
use super::limits::{check_zip, CellBudget, Limits};
use super::sniff::Format;
use crate::model::CellRef;

mod cell;
mod ods;
mod xls;
mod xlsx_check;
mod xml;

use cell::{date_time, number, text};

/// One sheet of a workbook as listed on the first page: its name and used size.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SheetSummary {
    pub name: String,
    /// Rows from the first to the last used row.
    pub rows: u32,
    /// Columns from the first to the last used column.
    pub cols: u32,
    pub hidden: bool,
}

/// Every sheet of a file as a sparse grid, in workbook order (merged regions recorded, hidden
/// sheets noted; chart sheets and other non-worksheets as empty grids). Text gives one grid.
pub fn read_grids(bytes: &[u8], format: Format, limits: &Limits) -> Result<Vec<Grid>, IngestError> {
    limits.check_file_size(bytes.len())?;
    match format {
        Format::Xlsx | Format::Xlsm => {
            check_zip(bytes, limits)?;
            read_xlsx(bytes, format, limits)
        }
        Format::Xlsb => {
            check_zip(bytes, limits)?;
            read_xlsb(bytes, limits)
        }
        Format::Xls => xls::read(bytes, limits),
        Format::Ods => {
            check_zip(bytes, limits)?;
            ods::read(bytes, limits)
        }
        Format::Text => super::text::read_text(bytes, limits).map(|(grid, _)| vec![grid]),
    }
}

/// Lists the sheets of a file (any readable format) with their used sizes.
pub fn list_sheets(bytes: &[u8]) -> Result<Vec<SheetSummary>, IngestError> {
    let format = super::sniff(bytes)?;
    let grids = read_grids(bytes, format, &Limits::default())?;
    Ok(grids.iter().map(summary).collect())
}

/// A grid's name, used size and visibility.
pub fn summary(grid: &Grid) -> SheetSummary {
    let (rows, cols) = grid.bounds().map_or((0, 0), |(r0, r1, c0, c1)| {
        (
            r1.saturating_sub(r0).saturating_add(1),
            c1.saturating_sub(c0).saturating_add(1),
        )
    });
    SheetSummary {
        name: grid.name.clone(),
        rows,
        cols,
        hidden: grid.hidden,
    }
}

/// calamine's xlsx error as a typed damage (its text kept for support).
fn xlsx_error(format: Format, e: XlsxError) -> IngestError {
    let damage = match &e {
        XlsxError::Password => return IngestError::Encrypted,
        XlsxError::Zip(z) => return xlsx_check::zip_error(format, z),
        XlsxError::Xml(x) => return xml::xml_error(format, x),
        XlsxError::Io(io) => xml::io_damage(io),
        XlsxError::XmlAttr(_) | XlsxError::XmlEof(_) => Damage::Xml,
        XlsxError::Encoding(_) => Damage::Encoding,
        XlsxError::Parse(_) | XlsxError::ParseFloat(_) | XlsxError::ParseInt(_) => Damage::Number,
        XlsxError::FileNotFound(_)
        | XlsxError::RelationshipNotFound
        | XlsxError::WorksheetNotFound(_) => Damage::MissingPart,
        XlsxError::Alphanumeric(_)
        | XlsxError::NumericColumn(_)
        | XlsxError::RangeWithoutColumnComponent
        | XlsxError::RangeWithoutRowComponent
        | XlsxError::ColumnNumberOverflow
        | XlsxError::RowNumberOverflow
        | XlsxError::DimensionCount(_) => Damage::CellReference,
        _ => Damage::Structure,
    };
    IngestError::damaged(format, damage, e)
}

/// calamine's xlsb error as a typed damage (its text kept for support).
fn xlsb_error(e: XlsbError) -> IngestError {
    let format = Format::Xlsb;
    let damage = match &e {
        XlsbError::Password => return IngestError::Encrypted,
        XlsbError::Zip(z) => return xlsx_check::zip_error(format, z),
        XlsbError::Xml(x) => return xml::xml_error(format, x),
        XlsbError::Io(io) => xml::io_damage(io),
        XlsbError::XmlAttr(_) => Damage::Xml,
        XlsbError::Encoding(_) => Damage::Encoding,
        XlsbError::FileNotFound(_) | XlsbError::WorksheetNotFound(_) => Damage::MissingPart,
        XlsbError::WideStr { .. } => Damage::Truncated,
        _ => Damage::Structure,
    };
    IngestError::damaged(format, damage, e)
}

fn read_xlsx(bytes: &[u8], format: Format, limits: &Limits) -> Result<Vec<Grid>, IngestError> {
    // Before calamine opens the file: it reads the shared strings whole when it does.
    let checked = xlsx_check::check(bytes, limits, format)?;
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| xlsx_error(format, e))?;
    let sheets = workbook.sheets_metadata().to_vec();
    limits.check_sheets(sheets.len())?;
    let mut budget = CellBudget::new(limits);
    let mut grids = Vec::with_capacity(sheets.len());
    for sheet in sheets {
        let mut cells = Vec::new();
        let mut merges = Vec::new();
        if sheet.typ == SheetType::WorkSheet {
            let mut reader = workbook
                .worksheet_cells_reader(&sheet.name)
                .map_err(|e| xlsx_error(format, e))?;
            while let Some(cell) = reader.next_cell().map_err(|e| xlsx_error(format, e))? {
                push_cell(&mut cells, &mut budget, &sheet.name, cell)?;
            }
            drop(reader);
            // The check read the merges (calamine would read the whole sheet again for them).
            if let Some(found) = checked.merges.get(&sheet.name) {
                budget.take(u64::try_from(found.len()).unwrap_or(u64::MAX))?;
                merges.clone_from(found);
            }
        }
        grids.push(finish(&sheet.name, sheet.visible, cells, merges));
    }
    Ok(grids)
}

fn read_xlsb(bytes: &[u8], limits: &Limits) -> Result<Vec<Grid>, IngestError> {
    let mut workbook: Xlsb<_> = Xlsb::new(Cursor::new(bytes)).map_err(xlsb_error)?;
    let sheets = workbook.sheets_metadata().to_vec();
    limits.check_sheets(sheets.len())?;
    let mut budget = CellBudget::new(limits);
    let mut grids = Vec::with_capacity(sheets.len());
    for sheet in sheets {
        let mut cells = Vec::new();
        if sheet.typ == SheetType::WorkSheet {
            let mut reader = workbook
                .worksheet_cells_reader(&sheet.name)
                .map_err(xlsb_error)?;
            while let Some(cell) = reader.next_cell().map_err(xlsb_error)? {
                push_cell(&mut cells, &mut budget, &sheet.name, cell)?;
            }
        }
        grids.push(finish(&sheet.name, sheet.visible, cells, Vec::new()));
    }
    Ok(grids)
}

fn finish(
    name: &str,
    visible: SheetVisible,
    cells: Vec<(u32, u32, CellValue)>,
    merges: Vec<Merge>,
) -> Grid {
    let mut grid = Grid::new(name, cells, merges);
    grid.hidden = visible != SheetVisible::Visible;
    grid
}

fn push_cell(
    cells: &mut Vec<(u32, u32, CellValue)>,
    budget: &mut CellBudget,
    sheet: &str,
    cell: Cell<DataRef<'_>>,
) -> Result<(), IngestError> {
    let (row, col) = cell.get_position();
    let text = match cell.get_value() {
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Some(s.as_str()),
        DataRef::SharedString(s) => Some(*s),
        _ => None,
    };
    if let Some(text) = text {
        budget.take_text(text, sheet, CellRef::new(row, col))?;
    }
    if let Some(value) = from_data_ref(cell.get_value()) {
        budget.take_one()?;
        cells.push((row, col, value));
    }
    Ok(())
}

fn from_data_ref(data: &DataRef<'_>) -> Option<CellValue> {
    match data {
        DataRef::Empty => None,
        DataRef::Int(i) => Some(CellValue::Number(*i as f64)),
        DataRef::Float(f) => Some(number(*f)),
        DataRef::String(s) => text(s),
        DataRef::SharedString(s) => text(s),
        DataRef::Bool(b) => Some(CellValue::Bool(*b)),
        DataRef::DateTime(dt) => Some(date_time(dt)),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => text(s),
        DataRef::Error(e) => Some(error(e)),
    }
}

fn error(e: &CellErrorType) -> CellValue {
    CellValue::Error(e.to_string())
}
