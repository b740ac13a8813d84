//! Fictitious but realistic ÖJ workbooks for the example data, the tests and `public/`: deterministic.
//!
//! Plainly fictitious: every title says FIKTIVA EXEMPELDATA. The pieces:
//! - [`spec`]: the truth a file is written from ([`TableSpec`]), with the expected reading of
//!   every cell, so tests can read a file back and compare;
//! - `catalogue`: every area's indicators by year, data embedded from `indikatorer.csv`;
//! - [`oj`]: realistic tables for any area and year ([`oj_table`]): all 290 kommuner, the
//!   stadsdelar, storstäder, län and riket, aggregates consistent with the kommun rows;
//! - [`tyreso`]: the seed-000 series ([`tyreso_series`]) in which Tyresö's answers reproduce
//!   the committee report's figures exactly;
//! - [`write`]: xlsx and csv writers in every layout Socialstyrelsen uses ([`Shape`]);
//! - [`years`]: ÖJ's model of 2023– ([`YearsSpec`]): several years in one table, indicators by
//!   kvalitetsdimension with category, type, target, period and comparability note, Stockholm's
//!   stadsdelsområden and Göteborg's socialförvaltningar; [`write_years`] lays it out with the
//!   years as blocks under each indicator, as a year header row, or as an År column
//!   ([`YearShape`]), the sorting columns in any order ([`PlaceColumn`]).
//!
//! - [`definitions`]: the description texts of the example indicators, in each example
//!   workbook's sheet "Indikatorbeskrivningar".
//!
//! No I/O, no web dependency; fast enough to run in the browser on "Prova med exempeldata".

#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
#![cfg_attr(
    test,
    allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

mod catalogue;
pub mod definitions;
pub mod enheter;
pub mod oj;
pub mod spec;
pub mod tyreso;
pub mod write;
pub mod write_years;
pub mod years;

use rust_xlsxwriter::XlsxError;

pub use enheter::{hemtjanst_survey, unit_survey_file_name, unit_survey_xlsx, UnitSurveySpec};
pub use oj::{indicators_for, oj_table, oj_table_with, recompute_aggregates, OjOptions};
pub use spec::{CellSpec, IndicatorSpec, OutcomeCounts, RowSpec, TableSpec};
pub use tyreso::{tyreso_series, TYRESO, TYRESO_SEED};
pub use write::{placement, plan_sheets, sheet_names, to_csv, to_xlsx, Encoding, Shape};
pub use write_years::{
    plan_years, years_file_name, years_placement, years_to_xlsx, years_value_cell, PlaceColumn,
    YearShape, YearsLayout, YearsPlacement,
};
pub use years::{years_table, ModelIndicator, YearValues, YearsSpec, EXAMPLE_YEARS};

/// One generated file: its name and its bytes.
#[derive(Clone, Debug)]
pub struct ExampleFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// A file name in the style of Socialstyrelsen's downloads, marked as fictitious.
pub fn example_file_name(spec: &TableSpec, shape: Shape, extension: &str) -> String {
    let suffix = match shape {
        Shape::Wide { header_rows: 3 } => String::new(),
        other => format!("-{}", other.key()),
    };
    format!(
        "oppna-jamforelser-{}-{}-fiktiva-exempeldata{suffix}.{extension}",
        spec.year,
        spec.area.key()
    )
}

/// The example workbooks the page offers behind "Prova med exempeldata": the Tyresö series
/// (six areas × 2018–2020, classic wide layout with a three-row merged header, each with its
/// description sheet), the
/// äldreomsorg enhetsundersökning of hemtjänst 2025 ([`enheter`]) and ekonomiskt bistånd
/// 2022–2024 in the model of 2023– ([`years_example_file`]: Över tid then crosses the change of
/// model).
pub fn example_files() -> Result<Vec<ExampleFile>, XlsxError> {
    let shape = Shape::Wide { header_rows: 3 };
    let mut files = tyreso_series()
        .iter()
        .map(|spec| {
            Ok(ExampleFile {
                name: example_file_name(spec, shape, "xlsx"),
                bytes: definitions::to_xlsx_with_definitions(spec, shape)?,
            })
        })
        .collect::<Result<Vec<_>, XlsxError>>()?;
    let survey = example_unit_survey();
    files.push(ExampleFile {
        name: unit_survey_file_name(&survey),
        bytes: unit_survey_xlsx(&survey)?,
    });
    files.push(years_example_file()?);
    Ok(files)
}

/// The enhetsundersökning of the example data: hemtjänst 2025, every kommun.
pub fn example_unit_survey() -> UnitSurveySpec {
    hemtjanst_survey(2025, TYRESO_SEED, &OjOptions::default())
}

/// The example of the model of 2023– as a file: [`years_example`] in [`YearsLayout::example`].
pub fn years_example_file() -> Result<ExampleFile, XlsxError> {
    let spec = years_example();
    Ok(ExampleFile {
        name: years_file_name(&spec, None),
        bytes: years_to_xlsx(&spec, &YearsLayout::example())?,
    })
}

/// The example workbook of the model of 2023–: ekonomiskt bistånd 2022–2024 for every kommun,
/// Stockholm's stadsdelsområden and Göteborg's socialförvaltningar, in [`YearsLayout::example`].
pub fn years_example() -> YearsSpec {
    years_table(&EXAMPLE_YEARS, TYRESO_SEED, &OjOptions::default())
}

/// The reduced table of the model of 2023– for committed fixtures: [`FIXTURE_KOMMUNER`].
pub fn years_fixture(seed: u64) -> YearsSpec {
    let options = OjOptions {
        kommuner: Some(FIXTURE_KOMMUNER.iter().map(|s| (*s).to_owned()).collect()),
        canonical_text_only: false,
    };
    years_table(&EXAMPLE_YEARS, seed, &options)
}

/// The kommuner of the reduced fixture tables: 30 kommuner in three län, among them Tyresö and
/// the two cities that report by stadsdel (Stockholm, Göteborg).
pub const FIXTURE_KOMMUNER: [&str; 30] = [
    "0114", "0115", "0117", "0120", "0123", "0125", "0126", "0127", "0128", "0136", "0138", "0180",
    "0305", "0319", "0330", "0331", "0360", "0380", "0381", "0382", "1480", "1401", "1402", "1407",
    "1415", "1419", "1421", "1427", "1430", "1435",
];

/// A small table for committed fixtures: [`FIXTURE_KOMMUNER`], their län, riket.
pub fn fixture_table(area: crate::model::Area, year: u16, seed: u64) -> TableSpec {
    let options = OjOptions {
        kommuner: Some(FIXTURE_KOMMUNER.iter().map(|s| (*s).to_owned()).collect()),
        canonical_text_only: false,
    };
    oj_table_with(area, year, seed, &options)
}
