//! Spreadsheet containers (xlsx/xlsm, xls, ods) to sheet grids, streaming where calamine allows.

use std::io::Cursor;

use calamine::{open_workbook_auto_from_rs, Data, Reader, Sheets};
use serde::{Deserialize, Serialize};

use super::grid::Grid;
use super::limits::Limits;
use super::sniff::Format;
use super::IngestError;

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

/// Every sheet of a spreadsheet file as a sparse grid (merged regions recorded, hidden noted).
pub fn read_grids(bytes: &[u8], format: Format, limits: &Limits) -> Result<Vec<Grid>, IngestError> {
    let _ = (bytes, format, limits);
    Err(IngestError::NotASpreadsheet { detail: "ännu inte byggt".into() })
}

/// Lists the sheets of a workbook with their used sizes.
pub fn list_sheets(bytes: &[u8]) -> Result<Vec<SheetSummary>, IngestError> {
    if bytes.is_empty() {
        return Err(IngestError::Empty);
    }
    let mut workbook = open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| {
        IngestError::NotASpreadsheet {
            detail: e.to_string(),
        }
    })?;
    let sheets = workbook.sheets_metadata().to_vec();
    let mut out = Vec::with_capacity(sheets.len());
    for sheet in sheets {
        let (rows, cols) = used_size(&mut workbook, &sheet.name);
        out.push(SheetSummary {
            name: sheet.name.clone(),
            rows,
            cols,
            hidden: sheet.visible != calamine::SheetVisible::Visible,
        });
    }
    Ok(out)
}

/// The used size of a sheet. For xlsx the cells are streamed, so a sparse sheet with a huge
/// declared range costs only its cells.
fn used_size(workbook: &mut Sheets<Cursor<&[u8]>>, name: &str) -> (u32, u32) {
    match workbook {
        Sheets::Xlsx(xlsx) => {
            let Ok(mut reader) = xlsx.worksheet_cells_reader(name) else {
                return (0, 0);
            };
            let mut bounds: Option<(u32, u32, u32, u32)> = None;
            while let Ok(Some(cell)) = reader.next_cell() {
                if matches!(cell.get_value(), calamine::DataRef::Empty) {
                    continue;
                }
                let (r, c) = cell.get_position();
                bounds = Some(match bounds {
                    None => (r, r, c, c),
                    Some((r0, r1, c0, c1)) => (r0.min(r), r1.max(r), c0.min(c), c1.max(c)),
                });
            }
            bounds.map_or((0, 0), |(r0, r1, c0, c1)| (r1 - r0 + 1, c1 - c0 + 1))
        }
        other => match other.worksheet_range(name) {
            Ok(range) => {
                let used = range
                    .used_cells()
                    .filter(|(_, _, v)| !matches!(v, Data::Empty));
                let mut bounds: Option<(usize, usize, usize, usize)> = None;
                for (r, c, _) in used {
                    bounds = Some(match bounds {
                        None => (r, r, c, c),
                        Some((r0, r1, c0, c1)) => (r0.min(r), r1.max(r), c0.min(c), c1.max(c)),
                    });
                }
                bounds.map_or((0, 0), |(r0, r1, c0, c1)| {
                    ((r1 - r0 + 1) as u32, (c1 - c0 + 1) as u32)
                })
            }
            Err(_) => (0, 0),
        },
    }
}
