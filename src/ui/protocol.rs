//! What the page and its Web Worker say to each other: plain serde data sent as JSON strings.
//!
//! The worker keeps every parsed [`Dataset`](crate::model::Dataset); the page gets only these
//! summaries and the finished [`Report`], so large data never crosses between the threads.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::ingest::{ReadOptions, Reading, SheetOverride};
use crate::model::{AreaLabel, Found, IndicatorKind, Layout, QualityLabel, UnitKind};
use crate::report::{Report, ReportOptions};

/// What reading one file gave.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ReadOutcome {
    /// Read: how, and what each table holds.
    Read(FileSummary),
    /// The same bytes as an already loaded file (its id); nothing was read twice.
    Duplicate { of: u32 },
    /// Refused by ingest, with its Swedish message.
    Failed { message: String },
}

/// One file as read, for the file list and the Tolkning view.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FileSummary {
    /// A hash of the file's bytes (hex), to recognise the same file loaded twice.
    pub hash: String,
    /// The file's layout key as first read, before sheet overrides: where they are stored.
    pub first_layout_key: String,
    pub reading: Reading,
    pub datasets: Vec<DatasetSummary>,
}

/// One table of a file, summarised.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DatasetSummary {
    /// Index of the table in its file.
    pub index: u32,
    pub sheet: String,
    pub title: Option<String>,
    pub layout: Layout,
    pub area: Option<Found<AreaLabel>>,
    pub year: Option<Found<u16>>,
    /// Kommuner and stadsdelar with a row (code, name, kind); other units are only counted.
    pub units: Vec<UnitSummary>,
    pub n_units: u32,
    pub indicators: Vec<IndicatorSummary>,
    pub n_observations: u32,
}

/// A unit that can be chosen in the Kommun picker.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitSummary {
    pub code: String,
    pub name: String,
    pub kind: UnitKind,
}

/// An indicator, for the Tolkning view.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IndicatorSummary {
    pub name: String,
    pub code: Option<String>,
    pub quality: Option<QualityLabel>,
    pub indicator_area: Option<String>,
    pub kind: IndicatorKind,
    pub match_key: String,
    /// The header cell, as Excel names it.
    pub cell: String,
}

/// A report, or why there is none (a Swedish sentence).
pub type ReportOutcome = Result<Report, String>;

/// What the page asks the worker to read with.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ReadRequest {
    /// Limits and the table corrections (applied by layout key).
    pub options: ReadOptions,
    /// Sheet overrides by the file's first layout key; a file whose key is here is read again
    /// with them.
    #[serde(default)]
    pub sheets: BTreeMap<String, Vec<SheetOverride>>,
}

/// What the page asks the worker to compute.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ReportRequest {
    pub options: ReportOptions,
}
