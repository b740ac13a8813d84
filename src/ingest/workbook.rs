//! One file end to end: sniff, grids, tables, datasets, and the reading report.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::corrections::{self, Corrections};
use super::error::IngestError;
use super::grid::Grid;
use super::layout::{self, Descriptions, SheetOverride, SheetRead, TableRead};
use super::limits::Limits;
use super::meta::{self, Source};
use super::reading::{stable_key, DatasetReading, NonDataKind, Reading, SheetReading, SheetRole};
use super::sniff::sniff;
use super::sniff::Format;
use super::text::TextInfo;
use super::units::LabelCache;
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
    let format = sniff(bytes)?;
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
    let Sheets {
        mut sheets,
        tables,
        descriptions,
        workbook_titles,
    } = read_sheets(grids, options);
    let mut datasets = Vec::with_capacity(tables.len());
    let mut readings = Vec::with_capacity(tables.len());
    for (sheet_index, table) in tables {
        let context = FileContext {
            file_name,
            descriptions: &descriptions,
            workbook_titles: &workbook_titles,
            options,
        };
        for (dataset, mut reading) in finish_table(table, &context) {
            reading.index = u32::try_from(datasets.len()).unwrap_or(u32::MAX);
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

/// What the sheets of a file hold: each sheet's reading, the tables (with their sheet's index),
/// the indicator descriptions, and the titles of the contents and information sheets.
struct Sheets {
    sheets: Vec<SheetReading>,
    tables: Vec<(usize, TableRead)>,
    descriptions: Descriptions,
    workbook_titles: Vec<Source>,
}

/// Reads every sheet of a file.
fn read_sheets(grids: &[Grid], options: &ReadOptions) -> Sheets {
    let mut cache = LabelCache::default();
    let mut out = Sheets {
        sheets: Vec::with_capacity(grids.len()),
        tables: Vec::new(),
        descriptions: Descriptions::default(),
        workbook_titles: Vec::new(),
    };
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
                    out.workbook_titles.extend(sheet_titles(grid));
                }
                (SheetRole::NonData { kind }, reason)
            }
            SheetRead::Descriptions(d) => {
                let n = u32::try_from(d.items.len()).unwrap_or(u32::MAX);
                out.descriptions.extend(d);
                (
                    SheetRole::Descriptions { n_indicators: n },
                    "rubriker för indikator och kvalitetsområde/indikatorområde".to_owned(),
                )
            }
            SheetRead::Unrecognised { reason } => (SheetRole::Unrecognised, reason),
            SheetRead::Tables(found) => {
                let n = found.len();
                out.tables.extend(found.into_iter().map(|t| (i, t)));
                let reason = if n > 1 {
                    format!("{n} tabeller under varandra")
                } else {
                    String::new()
                };
                (SheetRole::Table, reason)
            }
        };
        out.sheets.push(SheetReading {
            name: grid.name.clone(),
            hidden: grid.hidden,
            n_cells: u64::try_from(grid.n_cells()).unwrap_or(u64::MAX),
            role,
            reason,
            datasets: Vec::new(),
        });
    }
    out
}

/// What every table of a file is finished with.
struct FileContext<'a> {
    file_name: &'a str,
    descriptions: &'a Descriptions,
    workbook_titles: &'a [Source],
    options: &'a ReadOptions,
}

/// A table's datasets and readings (one per year when it holds several) with the file's name,
/// the hierarchy from the description sheet and the quality scheme, area and year, the layout
/// key and the user's corrections.
fn finish_table(table: TableRead, context: &FileContext<'_>) -> Vec<(Dataset, DatasetReading)> {
    let TableRead {
        mut dataset,
        mut reading,
        titles,
        has_time_dimension,
        key_parts,
    } = table;
    dataset.file = context.file_name.to_owned();
    let description_area = apply_descriptions(context.descriptions, &mut dataset, &mut reading);
    // Kvalitetsdimensioner or kvalitetsområden, once the descriptions have filled the labels.
    super::quality::apply_quality_scheme(&mut dataset, &mut reading);
    let mut sources = meta_sources(
        &titles,
        &dataset.sheet,
        context.file_name,
        context.workbook_titles,
    );
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
    let mut split = super::years::split_by_year(dataset, reading);
    for (dataset, reading) in &mut split {
        corrections::apply_one(dataset, reading, &context.options.corrections);
    }
    split
}

/// Fills the hierarchy the headers did not give from the description sheet, noting how many
/// indicators it found; returns the most frequent verksamhetsområde of the described indicators
/// as a source for the area.
fn apply_descriptions(
    descriptions: &Descriptions,
    dataset: &mut Dataset,
    reading: &mut DatasetReading,
) -> Option<Source> {
    if descriptions.is_empty() {
        return None;
    }
    let mut n_found = 0u32;
    let mut areas: HashMap<String, u32> = HashMap::new();
    for ind in &mut dataset.indicators {
        if let Some(a) = descriptions.find(ind).and_then(|d| d.area.as_ref()) {
            let n = areas.entry(a.clone()).or_insert(0);
            *n = n.saturating_add(1);
        }
        if descriptions.apply(ind) {
            n_found = n_found.saturating_add(1);
        }
        if let Some(d) = ind.definition.as_mut().filter(|d| d.file.is_empty()) {
            d.file.clone_from(&dataset.file);
        }
    }
    if n_found > 0 {
        reading.notes.push(format!(
            "Uppgifter från bladet {} (kvalitetsområde eller kvalitetsdimension, indikatorområde, kategori, typ, målvärde …) för {n_found} av {} indikatorer.",
            descriptions.sheet,
            dataset.indicators.len()
        ));
    }
    areas
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(area, _)| Source::new(format!("blad {}", descriptions.sheet), area))
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
