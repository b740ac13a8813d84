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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::grid::CellValue;
    use crate::ingest::reading::{ColumnKind, WarningKind};
    use crate::model::{Absence, Layout, Outcome, UnitKind, Value};

    /// A grid from rows of texts: "" is an empty cell, texts that parse as numbers are numbers.
    fn grid(name: &str, rows: &[&[&str]]) -> Grid {
        let mut cells = Vec::new();
        for (r, row) in rows.iter().enumerate() {
            for (c, text) in row.iter().enumerate() {
                if text.is_empty() {
                    continue;
                }
                let value = match text.parse::<f64>() {
                    Ok(n) if !text.starts_with('0') || *text == "0" => CellValue::Number(n),
                    _ => CellValue::Text((*text).to_owned()),
                };
                cells.push((r as u32, c as u32, value));
            }
        }
        Grid::new(name, cells, vec![])
    }

    fn tables(g: &Grid) -> Vec<TableRead> {
        match read_sheet(g, None, &mut LabelCache::default()) {
            SheetRead::Tables(t) => t,
            _ => panic!("no table in {}", g.name),
        }
    }

    #[test]
    fn service_units_with_their_kommun() {
        let g = grid(
            "Hemtjänst, enheter",
            &[
                &["Kommun", "Enhet", "Rutin för fall", "Andel med plan"],
                &["Tyresö", "Hemtjänst Norr", "Ja", "80"],
                &["Tyresö", "Hemtjänst Syd", "Nej", "75"],
                &["Tyresö", "Omsorgsbolaget AB", "Ja", "90"],
                &["Nacka", "Nacka hemtjänst", "Delvis", "60"],
                &["Nacka", "Omsorgsbolaget AB", "Ja", "88"],
                &["Riket", "", "40", "77"],
            ],
        );
        let t = tables(&g);
        let d = &t[0].dataset;
        let kinds: Vec<_> = d.units.iter().map(|u| u.kind).collect();
        assert_eq!(
            kinds,
            [
                UnitKind::Enhet,
                UnitKind::Enhet,
                UnitKind::Enhet,
                UnitKind::Enhet,
                UnitKind::Enhet,
                UnitKind::Riket
            ]
        );
        assert_eq!(d.units[2].name, "Omsorgsbolaget AB");
        assert_eq!(d.units[2].parent.as_deref(), Some("0138"));
        assert_eq!(d.units[4].parent.as_deref(), Some("0182"));
        assert_eq!(
            d.units[0].attributes.get("Kommun").map(String::as_str),
            Some("Tyresö")
        );
        assert!(t[0]
            .reading
            .columns
            .iter()
            .any(|c| c.role == ColumnKind::Enhet));
        assert!(d.indicators[0].is_categorical());
    }

    #[test]
    fn rows_split_by_ownership_are_a_dimension() {
        let g = grid(
            "Regi",
            &[
                &["Kommun", "Regi", "Andel nöjda"],
                &["Tyresö", "Offentlig", "81"],
                &["Tyresö", "Enskild", "77"],
                &["Nacka", "Offentlig", "85"],
                &["Nacka", "Enskild", "90"],
            ],
        );
        let d = &tables(&g)[0].dataset;
        assert_eq!(d.units.len(), 2);
        assert_eq!(d.dimensions[0].name, "Regi");
        assert_eq!(d.dimensions[0].values, ["Offentlig", "Enskild"]);
        assert_eq!(d.observations.len(), 4);
        assert_eq!(d.layout, Layout::Wide);
    }

    #[test]
    fn duplicates_empty_columns_fractions_and_ambiguous_quality_are_warned() {
        let g = grid(
            "Blad1",
            &[
                &[
                    "",
                    "Individanpassad vård och omsorg",
                    "Kunskapsbaserad verksamhet",
                    "Kunskapsbaserad verksamhet",
                ],
                &["Kommun", "Individuell plan", "Rutin", "Uppföljning"],
                &["Tyresö", "Ja", "Nej", ""],
                &["Nacka", "Nej", "Ja", "-"],
                &["Tyresö", "Ja", "Ja", ""],
                &["Stockholms län", "0.5", "0.25", ""],
                &["Riket", "0.4", "1", ""],
            ],
        );
        let t = tables(&g);
        let d = &t[0].dataset;
        let kinds: Vec<_> = t[0].reading.warnings.iter().map(|w| w.kind).collect();
        assert!(kinds.contains(&WarningKind::DuplicateUnits), "{kinds:?}");
        assert!(kinds.contains(&WarningKind::EmptyIndicators), "{kinds:?}");
        assert!(kinds.contains(&WarningKind::SharesScaled), "{kinds:?}");
        assert!(kinds.contains(&WarningKind::AmbiguousQuality), "{kinds:?}");
        assert_eq!(d.units.len(), 4);
        // The first Tyresö row is used.
        assert_eq!(d.value(0, 1), Some(&Value::Outcome(Outcome::Nej)));
        // Shares written as fractions read as percent, the text kept.
        let lan = d.observation(2, 0).unwrap();
        assert_eq!(lan.value, Value::Number(50.0));
        assert_eq!(lan.raw.as_deref(), Some("0.5"));
        assert_eq!(d.value(3, 1), Some(&Value::Number(100.0)));
        assert_eq!(d.value(1, 2), Some(&Value::Absent(Absence::Bortfall)));
        assert_eq!(d.indicators[0].quality.as_ref().and_then(|q| q.area), None);
    }

    #[test]
    fn a_sparse_sheet_costs_its_cells() {
        // Two cells at the corners of Excel's grid: no table, and quickly.
        let g = Grid::new(
            "Glest",
            vec![
                (0, 0, CellValue::Text("Kommun".into())),
                (1_048_575, 16_383, CellValue::Number(1.0)),
            ],
            vec![],
        );
        let start = std::time::Instant::now();
        let _ = read_sheet(&g, None, &mut LabelCache::default());
        assert!(start.elapsed().as_millis() < 500);
        // A diagonal of values: a sparse table, read without filling its empty rectangle.
        let cells: Vec<_> = (0..3000u32)
            .flat_map(|i| {
                [
                    (i + 1, 0, CellValue::Text(format!("Enhet {i}"))),
                    (i + 1, i + 1, CellValue::Number(f64::from(i))),
                ]
            })
            .chain((0..3000u32).map(|i| (0, i + 1, CellValue::Text(format!("Ind {i}")))))
            .collect();
        let g = Grid::new("Diagonal", cells, vec![]);
        let start = std::time::Instant::now();
        let read = read_sheet(&g, None, &mut LabelCache::default());
        assert!(start.elapsed().as_secs() < 5);
        let SheetRead::Tables(t) = read else {
            panic!("a table");
        };
        assert_eq!(t[0].dataset.observations.len(), 3000);
        assert!(t[0]
            .reading
            .warnings
            .iter()
            .any(|w| w.kind == WarningKind::SparseTable));
    }
}
