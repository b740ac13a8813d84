//! One file end to end: sniff, grids, tables, datasets, and the reading report.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::corrections::{self, Corrections};
use super::grid::Grid;
use super::layout::{self, Descriptions, LabelCache, SheetOverride, SheetRead, TableRead};
use super::meta::{self, Source};
use super::reading::{stable_key, NonDataKind, Reading, SheetReading, SheetRole};
use super::sniff::Format;
use super::text::TextInfo;
use super::{IngestError, Limits};
use crate::model::{CellRef, Dataset};

/// What reading one file gives: its datasets and how they were read.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Workbook {
    pub reading: Reading,
    pub datasets: Vec<Dataset>,
}

/// How to read: limits, the user's choices per sheet, and the user's corrections.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ReadOptions {
    #[serde(default)]
    pub limits: Limits,
    /// Per-sheet choices (header rows, unit column, skip) that re-run detection.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sheets: Vec<SheetOverride>,
    /// Corrections applied after reading to the datasets whose layout keys they name.
    #[serde(default)]
    pub corrections: Corrections,
}

impl ReadOptions {
    /// The user's choices for a sheet, if any.
    pub fn sheet(&self, name: &str) -> Option<&SheetOverride> {
        self.sheets.iter().find(|s| s.sheet == name)
    }
}

/// Reads one file's bytes into datasets. `file_name` is used only as evidence for area and year.
pub fn read_workbook(
    file_name: &str,
    bytes: &[u8],
    options: &ReadOptions,
) -> Result<Workbook, IngestError> {
    let format = super::sniff(bytes)?;
    let (grids, text) = if format == Format::Text {
        let (grid, info) = super::text::read_text(bytes, &options.limits)?;
        (vec![grid], Some(info))
    } else {
        (
            super::sheets::read_grids(bytes, format, &options.limits)?,
            None,
        )
    };
    Ok(read_grids_as_workbook(
        file_name, format, text, &grids, options,
    ))
}

/// Reads already-read grids into datasets and the reading report (the part of
/// [`read_workbook`] after the container is opened).
pub fn read_grids_as_workbook(
    file_name: &str,
    format: Format,
    text: Option<TextInfo>,
    grids: &[Grid],
    options: &ReadOptions,
) -> Workbook {
    let mut cache = LabelCache::default();
    let mut descriptions = Descriptions::default();
    let mut workbook_titles: Vec<Source> = Vec::new();
    let mut sheets: Vec<SheetReading> = Vec::with_capacity(grids.len());
    let mut tables: Vec<(usize, TableRead)> = Vec::new();
    for (i, grid) in grids.iter().enumerate() {
        let read = layout::read_sheet(grid, options.sheet(&grid.name), &mut cache);
        let (role, reason) = match read {
            SheetRead::Empty => (SheetRole::Empty, String::new()),
            SheetRead::Skipped => (SheetRole::Skipped, String::new()),
            SheetRead::NonData { kind, reason } => {
                if matches!(
                    kind,
                    NonDataKind::Innehallsforteckning
                        | NonDataKind::MerInformation
                        | NonDataKind::Information
                ) {
                    workbook_titles.extend(sheet_titles(grid));
                }
                (SheetRole::NonData { kind }, reason)
            }
            SheetRead::Descriptions(d) => {
                let n = u32::try_from(d.items.len()).unwrap_or(u32::MAX);
                descriptions.extend(d);
                (
                    SheetRole::Descriptions { n_indicators: n },
                    "rubriker för indikator och kvalitetsområde/indikatorområde".to_owned(),
                )
            }
            SheetRead::Unrecognised { reason } => (SheetRole::Unrecognised, reason),
            SheetRead::Tables(found) => {
                let n = found.len();
                for t in found {
                    tables.push((i, t));
                }
                let reason = if n > 1 {
                    format!("{n} tabeller under varandra")
                } else {
                    String::new()
                };
                (SheetRole::Table, reason)
            }
        };
        sheets.push(SheetReading {
            name: grid.name.clone(),
            hidden: grid.hidden,
            n_cells: u64::try_from(grid.n_cells()).unwrap_or(u64::MAX),
            role,
            reason,
            datasets: Vec::new(),
        });
    }
    let mut datasets = Vec::with_capacity(tables.len());
    let mut readings = Vec::with_capacity(tables.len());
    for (sheet_index, table) in tables {
        let TableRead {
            mut dataset,
            mut reading,
            titles,
            has_time_dimension,
            key_parts,
        } = table;
        dataset.file = file_name.to_owned();
        // Hierarchy from the description sheet for what the headers did not say.
        let mut description_area: Option<Source> = None;
        if !descriptions.is_empty() {
            let mut n_found = 0u32;
            let mut areas: HashMap<String, u32> = HashMap::new();
            for ind in &mut dataset.indicators {
                if let Some(d) = descriptions.find(ind) {
                    if let Some(a) = &d.area {
                        let n = areas.entry(a.clone()).or_insert(0);
                        *n = n.saturating_add(1);
                    }
                }
                if descriptions.apply(ind) {
                    n_found = n_found.saturating_add(1);
                }
            }
            if n_found > 0 {
                reading.notes.push(format!(
                    "Kvalitetsområde och indikatorområde för {n_found} av {} indikatorer från bladet {}.",
                    dataset.indicators.len(),
                    descriptions.sheet
                ));
            }
            // The most frequent verksamhetsområde of the described indicators.
            description_area = areas
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
                .map(|(area, _)| Source::new(format!("blad {}", descriptions.sheet), area));
        }
        // Kvalitetsdimensioner or kvalitetsområden, once the descriptions have filled the labels.
        super::quality::apply_quality_scheme(&mut dataset, &mut reading);
        let mut sources = meta_sources(&titles, &dataset.sheet, file_name, &workbook_titles);
        sources.extend(description_area);
        if dataset.area.is_none() {
            dataset.area = meta::find_area(&sources);
        }
        let year_sources: Vec<Source> = if has_time_dimension {
            titles
                .iter()
                .map(|(cell, text)| Source::new(format!("rubrik {}", cell.a1()), text.clone()))
                .collect()
        } else {
            sources
        };
        dataset.year = meta::find_year(&year_sources);
        reading.layout_key = stable_key(key_parts.iter().map(String::as_str));
        // Several years in one table: one dataset per year.
        for (mut dataset, mut reading) in super::years::split_by_year(dataset, reading) {
            reading.index = u32::try_from(datasets.len()).unwrap_or(u32::MAX);
            corrections::apply_one(&mut dataset, &mut reading, &options.corrections);
            if let Some(s) = sheets.get_mut(sheet_index) {
                s.datasets.push(reading.index);
            }
            datasets.push(dataset);
            readings.push(reading);
        }
    }
    let mut file_key: Vec<&str> = grids.iter().map(|g| g.name.as_str()).collect();
    file_key.extend(readings.iter().map(|r| r.layout_key.as_str()));
    let reading = Reading {
        file: file_name.to_owned(),
        format,
        text,
        layout_key: stable_key(file_key),
        sheets,
        datasets: readings,
    };
    Workbook { reading, datasets }
}

/// The places area and year may be read from, most trusted first: the table's titles and
/// header texts, the sheet name, the file name, the workbook's contents/information sheets.
fn meta_sources(
    titles: &[(CellRef, String)],
    sheet: &str,
    file_name: &str,
    workbook_titles: &[Source],
) -> Vec<Source> {
    let mut sources: Vec<Source> = titles
        .iter()
        .map(|(cell, text)| Source::new(format!("rubrik {}", cell.a1()), text.clone()))
        .collect();
    sources.push(Source::new("bladnamn", sheet));
    sources.push(Source::new("filnamn", file_name));
    sources.extend(workbook_titles.iter().cloned());
    sources
}

/// The first few text cells of a contents or information sheet: the publication's title.
fn sheet_titles(grid: &Grid) -> Vec<Source> {
    grid.cells()
        .filter_map(|(r, c, v)| v.text().map(|t| (r, c, t)))
        .filter(|(_, _, t)| !layout::template::is_sentence(t) && t.chars().count() <= 150)
        .filter(|(_, _, t)| {
            let n = crate::model::normalize_label(t);
            !n.starts_with("den här sidan")
                && !n.starts_with("i den här sidan")
                && !n.starts_with("på den här sidan")
        })
        .take(4)
        .map(|(r, c, t)| {
            Source::new(
                format!("blad {} {}", grid.name, CellRef::new(r, c).a1()),
                t.to_owned(),
            )
        })
        .collect()
}
