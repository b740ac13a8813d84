//! One file end to end: sniff, grids, tables, datasets, and the reading report.

use serde::{Deserialize, Serialize};

use super::{IngestError, Limits, Reading};
use crate::model::Dataset;

/// What reading one file gives: its datasets and how they were read.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Workbook {
    pub reading: Reading,
    pub datasets: Vec<Dataset>,
}

/// How to read: limits, and the user's corrections of the detected layout.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ReadOptions {
    pub limits: Limits,
}

/// Reads one file's bytes into datasets. `file_name` is used only as evidence for area and year.
pub fn read_workbook(
    file_name: &str,
    bytes: &[u8],
    options: &ReadOptions,
) -> Result<Workbook, IngestError> {
    let format = super::sniff(bytes)?;
    let _grids = super::sheets::read_grids(bytes, format, &options.limits)?;
    Ok(Workbook {
        reading: Reading {
            file: file_name.to_owned(),
            format,
        },
        datasets: Vec::new(),
    })
}
