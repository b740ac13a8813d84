//! Spreadsheet containers (xlsx/xlsm/xlsb, xls, ods) and text to sheet grids, streaming where
//! calamine allows.
//!
//! - xlsx/xlsm/xlsb: cell by cell with calamine's `worksheet_cells_reader`, so memory follows the
//!   cells a sheet really has (never its declared `<dimension>` or the span of its cells); merged
//!   regions from `merge_cells_by_sheet_name` (xlsx only: calamine has none for xlsb).
//! - xls and ods: our own sparse readers ([`xls`], [`ods`]), because calamine reads these only
//!   into dense rectangles (`Range`: the bounding box of the used cells; for ods after expanding
//!   repeats, up to 100 million cells) and its .xls parser indexes record bytes unchecked (a
//!   damaged file panics, which aborts the page). Each module says more.
//! - Text: [`super::text`].

use std::io::Cursor;

use calamine::{
    Cell, CellErrorType, DataRef, Dimensions, Reader, SheetType, SheetVisible, Xlsb, Xlsx,
};
use serde::{Deserialize, Serialize};

use super::error::IngestError;
use super::grid::{CellValue, Grid, Merge};
use super::limits::{check_zip, CellBudget, Limits};
use super::sniff::Format;

mod cell;
mod ods;
mod xls;

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

fn unreadable(format: Format, detail: impl std::fmt::Display) -> IngestError {
    let format = match format {
        Format::Xlsx => "en Excel-fil (.xlsx)",
        Format::Xlsm => "en Excel-fil med makron (.xlsm)",
        Format::Xlsb => "en binär Excel-fil (.xlsb)",
        Format::Xls => "en Excel 97–2003-fil (.xls)",
        Format::Ods => "ett OpenDocument-kalkylark (.ods)",
        Format::Text => "en textfil",
    };
    IngestError::Unreadable {
        format: format.to_owned(),
        detail: detail.to_string(),
    }
}

fn read_xlsx(bytes: &[u8], format: Format, limits: &Limits) -> Result<Vec<Grid>, IngestError> {
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| unreadable(format, e))?;
    let sheets = workbook.sheets_metadata().to_vec();
    let mut budget = CellBudget::new(limits);
    let mut grids = Vec::with_capacity(sheets.len());
    for sheet in sheets {
        let mut cells = Vec::new();
        let mut merges = Vec::new();
        if sheet.typ == SheetType::WorkSheet {
            let mut reader = workbook
                .worksheet_cells_reader(&sheet.name)
                .map_err(|e| unreadable(format, e))?;
            while let Some(cell) = reader.next_cell().map_err(|e| unreadable(format, e))? {
                push_cell(&mut cells, &mut budget, cell)?;
            }
            drop(reader);
            // Merges are read in a second pass over the sheet's XML (they follow the cells).
            if let Ok(dims) = workbook.merge_cells_by_sheet_name(&sheet.name) {
                merges = to_merges(&dims, &mut budget)?;
            }
        }
        grids.push(finish(&sheet.name, sheet.visible, cells, merges));
    }
    Ok(grids)
}

fn read_xlsb(bytes: &[u8], limits: &Limits) -> Result<Vec<Grid>, IngestError> {
    let mut workbook: Xlsb<_> =
        Xlsb::new(Cursor::new(bytes)).map_err(|e| unreadable(Format::Xlsb, e))?;
    let sheets = workbook.sheets_metadata().to_vec();
    let mut budget = CellBudget::new(limits);
    let mut grids = Vec::with_capacity(sheets.len());
    for sheet in sheets {
        let mut cells = Vec::new();
        if sheet.typ == SheetType::WorkSheet {
            let mut reader = workbook
                .worksheet_cells_reader(&sheet.name)
                .map_err(|e| unreadable(Format::Xlsb, e))?;
            while let Some(cell) = reader
                .next_cell()
                .map_err(|e| unreadable(Format::Xlsb, e))?
            {
                push_cell(&mut cells, &mut budget, cell)?;
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
    cell: Cell<DataRef<'_>>,
) -> Result<(), IngestError> {
    let (row, col) = cell.get_position();
    if let Some(value) = from_data_ref(cell.get_value()) {
        budget.take_one()?;
        cells.push((row, col, value));
    }
    Ok(())
}

fn to_merges(dims: &[Dimensions], budget: &mut CellBudget) -> Result<Vec<Merge>, IngestError> {
    budget.take(u64::try_from(dims.len()).unwrap_or(u64::MAX))?;
    Ok(dims
        .iter()
        .filter(|d| d.start.0 <= d.end.0 && d.start.1 <= d.end.1)
        .map(|d| Merge {
            first_row: d.start.0,
            first_col: d.start.1,
            last_row: d.end.0,
            last_col: d.end.1,
        })
        .collect())
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
