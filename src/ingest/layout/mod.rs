//! Finding the tables in a sheet: wide, transposed, long, Socialstyrelsen's template, descriptions.
//!
//! A sheet is first classified (empty, a non-data sheet of the template, an indicator-description
//! sheet), then cut into blocks ([`template::segment`]), and each block read in three stages:
//! 1. [`block::analyse`] — what every layout shares: cell shapes, header rows (the rows at the
//!    top whose value columns hold labels or years), each column's header and header word
//!    ([`words`]), label columns (text) and value columns (outcomes, numbers, absences);
//! 2. [`plan::plan`] — the [`plan::Plan`], decided in one place and printable: the unit axis (the
//!    label column whose labels match the reference best, or a header row when it matches better:
//!    transposed), the role of every other label column (unit attributes such as län and
//!    kommungrupp, extra dimensions such as Kön, Ålder, År, the indicator of each row in long
//!    tables, service units), the indicators with their hierarchy from the header rows
//!    ([`header::read_headers`]), and columns headed by years as an År dimension;
//! 3. a reader turns the plan into a dataset and its reading report: [`rows`] for units in rows
//!    (wide, long), [`transposed`] for units in columns; [`table`] assembles both the same way.
//!
//! Every step is linear in the cells of the sheet (labels are folded once per distinct text).

mod block;
mod build;
pub mod descriptions;
pub mod header;
mod plan;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod plan_tests;
mod rows;
mod stub;
mod table;
pub mod template;
mod transposed;
mod words;

use serde::{Deserialize, Serialize};

pub use descriptions::{read_descriptions, Description, Descriptions};
pub use table::TableRead;

use self::block::BlockCtx;
use self::plan::Planned;
use super::grid::Grid;
use super::reading::NonDataKind;
use super::units::LabelCache;

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

/// What a sheet was taken as.
pub enum SheetRead {
    Empty,
    NonData { kind: NonDataKind, reason: String },
    Descriptions(Descriptions),
    Tables(Vec<TableRead>),
    Unrecognised { reason: String },
    Skipped,
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
        if let Some(read) = read_as_text_sheet(grid) {
            return read;
        }
    }
    let mut tables = Vec::new();
    let mut reasons = Vec::new();
    for result in read_blocks(grid, sheet_override, cache) {
        match result {
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

/// A non-data sheet of the template, or a description sheet named so.
fn read_as_text_sheet(grid: &Grid) -> Option<SheetRead> {
    if let Some((kind, reason)) = template::non_data_kind(grid) {
        return Some(SheetRead::NonData { kind, reason });
    }
    let named = crate::model::normalize_label(&grid.name).contains("beskrivning");
    named
        .then(|| read_descriptions(grid))
        .flatten()
        .map(SheetRead::Descriptions)
}

/// Each block of the sheet read as a table, or why it is none.
fn read_blocks(
    grid: &Grid,
    sheet_override: Option<&SheetOverride>,
    cache: &mut LabelCache,
) -> Vec<Result<TableRead, String>> {
    each_block(grid, sheet_override, |ctx| read_block(ctx, cache))
}

/// Calls `f` with each block of the sheet in its context.
fn each_block<T>(
    grid: &Grid,
    sheet_override: Option<&SheetOverride>,
    mut f: impl FnMut(&BlockCtx<'_>) -> T,
) -> Vec<T> {
    let segments = template::segment(grid);
    let n_blocks = segments.blocks.len();
    segments
        .blocks
        .iter()
        .enumerate()
        .map(|(block_index, block)| {
            f(&BlockCtx {
                grid,
                block,
                template: segments.is_template(),
                forced_header_rows: sheet_override.and_then(|o| o.header_rows),
                forced_unit: sheet_override.and_then(|o| o.unit_column),
                block_index,
                n_blocks,
            })
        })
        .collect()
}

/// Reads a block as a table — analysis, plan, reader — or says why it is none.
fn read_block(ctx: &BlockCtx<'_>, cache: &mut LabelCache) -> Result<TableRead, String> {
    let analysis = block::analyse(ctx, cache)?;
    match plan::plan(ctx, &analysis, cache) {
        Planned::Rows(plan, stub) => rows::read(ctx, &analysis, &plan, &stub),
        Planned::Transposed(plan) => transposed::read(ctx, &analysis, &plan, cache),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::grid::CellValue;
    use crate::ingest::reading::{LabelRole, WarningKind};
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
            .any(|c| c.role == LabelRole::Enhet));
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
        use crate::ingest::grid::lookups;
        // Two cells at the corners of Excel's grid: no table, and a handful of look-ups (a
        // reader walking the bounding box would make 17 billion).
        let g = Grid::new(
            "Glest",
            vec![
                (0, 0, CellValue::Text("Kommun".into())),
                (1_048_575, 16_383, CellValue::Number(1.0)),
            ],
            vec![],
        );
        let work = lookups::during(|| {
            let _ = read_sheet(&g, None, &mut LabelCache::default());
        });
        assert!(work <= 20, "{work} look-ups for two cells");
        // A diagonal of values: a sparse table, read without filling its empty rectangle. Its
        // 9 000 cells cost a few look-ups each (30 007 when this was written); the rectangle
        // would cost 9 million.
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
        let mut read = None;
        let work =
            lookups::during(|| read = Some(read_sheet(&g, None, &mut LabelCache::default())));
        assert!(work <= 60_000, "{work} look-ups for 9 000 cells");
        let Some(SheetRead::Tables(t)) = read else {
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
