//! Finding the tables in a sheet: wide, transposed, long, Socialstyrelsen's template, descriptions.
//!
//! A sheet is first classified (empty, a non-data sheet of the template, an indicator-description
//! sheet), then cut into blocks ([`template::segment`]), and each block read as a table:
//! - header rows are the rows at its top whose value columns hold labels (or years);
//! - label columns (text) and value columns (outcomes, numbers, absences) are told apart;
//! - the unit axis is the label column whose labels match the reference best ([`crate::ingest::units`]),
//!   or a header row when it matches better (transposed);
//! - other label columns become unit attributes (constant per unit: län, kommungrupp), extra
//!   dimensions (Kön, Ålder, År), or the indicator of each row (long tables);
//! - value columns become indicators, with their hierarchy from the header rows
//!   ([`header::read_headers`]); columns headed by years become an År dimension.
//!
//! Every step is linear in the cells of the sheet (labels are folded once per distinct text).

mod build;
pub mod descriptions;
pub mod header;
mod rows;
pub mod template;
mod transposed;

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

pub use descriptions::{read_descriptions, Description, Descriptions};

use super::grid::Grid;
use super::reading::{DatasetReading, NonDataKind};
use super::units::{Candidates, UnitMatcher};
use crate::model::{CellRef, Dataset};

/// The user's choices for one sheet; detection re-runs with them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetOverride {
    /// The sheet's name, as in the file.
    pub sheet: String,
    /// How many rows at the top of each table are header rows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header_rows: Option<u8>,
    /// The 0-based column that names the units (units in rows).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_column: Option<u32>,
    /// Leave the sheet out.
    #[serde(default)]
    pub skip: bool,
}

/// One table read from a sheet, before the file's name, area, year and descriptions are added.
pub struct TableRead {
    pub dataset: Dataset,
    /// The report, with everything but index, key, area and year filled.
    pub reading: DatasetReading,
    /// Title rows and other header texts: sources for area and year.
    pub titles: Vec<(CellRef, String)>,
    /// Whether the table has a time dimension (År, Månad …): its year is not one year.
    pub has_time_dimension: bool,
    /// Header texts (never values) for the layout key.
    pub key_parts: Vec<String>,
}

/// What a sheet was taken as.
pub enum SheetRead {
    Empty,
    NonData { kind: NonDataKind, reason: String },
    Descriptions(Descriptions),
    Tables(Vec<TableRead>),
    Unrecognised { reason: String },
    Skipped,
}

/// Unit candidates per label text, shared by all sheets of a file: each distinct label is
/// folded and looked up once.
#[derive(Default)]
pub struct LabelCache {
    map: HashMap<String, Candidates>,
}

impl LabelCache {
    pub fn candidates(&mut self, text: &str) -> &Candidates {
        if !self.map.contains_key(text) {
            let found = UnitMatcher::get().candidates(text);
            self.map.insert(text.to_owned(), found);
        }
        static EMPTY: Candidates = Candidates(Vec::new());
        self.map.get(text).unwrap_or(&EMPTY)
    }
}

/// Reads one sheet.
pub fn read_sheet(
    grid: &Grid,
    sheet_override: Option<&SheetOverride>,
    cache: &mut LabelCache,
) -> SheetRead {
    if grid.is_empty() {
        return SheetRead::Empty;
    }
    if sheet_override.is_some_and(|o| o.skip) {
        return SheetRead::Skipped;
    }
    let forced = sheet_override.is_some_and(|o| o.header_rows.is_some() || o.unit_column.is_some());
    if !forced {
        if let Some((kind, reason)) = template::non_data_kind(grid) {
            return SheetRead::NonData { kind, reason };
        }
        let named = crate::model::normalize_label(&grid.name).contains("beskrivning");
        if named {
            if let Some(d) = read_descriptions(grid) {
                return SheetRead::Descriptions(d);
            }
        }
    }
    let segments = template::segment(grid);
    let template = segments.is_template();
    let mut tables = Vec::new();
    let mut reasons = Vec::new();
    let n_blocks = segments.blocks.len();
    for (i, block) in segments.blocks.iter().enumerate() {
        let ctx = rows::BlockCtx {
            grid,
            block,
            template,
            sheet_override,
            block_index: i,
            n_blocks,
        };
        match rows::read_block(&ctx, cache) {
            Ok(table) => tables.push(table),
            Err(reason) => reasons.push(reason),
        }
    }
    if tables.is_empty() && !forced {
        if let Some(d) = read_descriptions(grid) {
            return SheetRead::Descriptions(d);
        }
    }
    if tables.is_empty() {
        let reason = if reasons.is_empty() {
            "ingen tabell med rubrikrad och värden".to_owned()
        } else {
            reasons.join("; ")
        };
        return SheetRead::Unrecognised { reason };
    }
    SheetRead::Tables(tables)
}
