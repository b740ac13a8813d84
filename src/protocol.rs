//! What the page and its Web Worker say to each other: one [`Request`] enum, one [`Reply`] enum,
//! sent as JSON strings; file bytes travel beside them, transferred.
//!
//! Both WebAssembly modules use this module (the page encodes requests and decodes replies, the
//! worker's [`crate::engine`] the other way round), so it is core-side: plain serde types, no web
//! dependency. The worker keeps every parsed [`Dataset`](crate::model::Dataset); the page gets
//! only summaries, the finished [`Report`] and the bytes of an export, so large data never
//! crosses between the threads. A message that does not decode is an error the user sees, never
//! a default.
//!
//! JSON was chosen by measurement (docs/benchmarks.md, "The worker protocol"): the page needs
//! serde_json anyway (settings in localStorage), so a binary format would add a second decoder
//! to it for a decode time that is a small part of a report's round trip.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::ingest::{ReadOptions, Reading, SheetOverride};
use crate::model::{Area, AreaLabel, Found, IndicatorKind, Layout, QualityLabel, UnitKind};
use crate::report::group::{GroupChoice, GroupTable};
use crate::report::tables::{Datum, SourceNote, Tabell};
use crate::report::{Report, ReportOptions};
use crate::score::{DelvisRule, Figure};

/// What the page asks the worker. File bytes are not in the message: a [`Request::Read`]'s file
/// is transferred beside it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Request {
    /// Read one file (its bytes beside the message) and keep its tables under `id`. A file read
    /// again under the same id (after a correction) replaces its earlier reading.
    Read {
        id: u32,
        name: String,
        options: ReadRequest,
    },
    /// Forget a file's tables.
    Remove { id: u32 },
    /// The report over every kept table.
    Report { options: ReportOptions },
    /// An export of the report with these options, written by the worker (where the writer is)
    /// and dated `date` (the page's today); the worker notes how each table was read, as the
    /// command line does.
    Export {
        report: ReportOptions,
        date: Option<Datum>,
        format: ExportFormat,
    },
    /// The Gruppöversikt: every kommun of a group × the loaded areas, with the report's
    /// Delvis rule and (for the peer group) its peers.
    Group(GroupRequest),
    /// The cells behind one cell of a Gruppöversikt.
    GroupFigure(GroupFigureRequest),
    /// The example workbooks, generated.
    Examples,
}

/// Which Gruppöversikt the page asks for: the group of `of`, counted with the report's options
/// (its Delvis rule; its kommun highlighted and, for [`GroupOf::Jamforelsegrupp`], its peers).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupRequest {
    pub report: ReportOptions,
    pub of: GroupOf,
}

/// One kommun's cell of a Gruppöversikt: an area's column (`None`: Totalt) under a Delvis rule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupFigureRequest {
    pub code: String,
    pub area: Option<Area>,
    pub rule: DelvisRule,
}

/// A Gruppöversikt's group.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum GroupOf {
    /// The chosen kommun and the peers it is compared with in any loaded area (the group
    /// `oj-analys report --grupp --kommun K` shows).
    Jamforelsegrupp,
    /// A län, all kommuner, or listed codes.
    Grupp(GroupChoice),
}

/// Which file an export is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ExportFormat {
    /// The Excel workbook (every table a sheet).
    Xlsx,
    /// One table as CSV.
    Csv { tabell: Tabell },
    /// A Gruppöversikt as Excel (`csv: false`) or CSV, the bytes `oj-analys report --ut` writes
    /// (the export's report options and date are not used: the group's options are its own).
    Grupp { group: GroupRequest, csv: bool },
}

/// What the worker answers, one reply per request, in order. Bytes travel beside it: a read
/// file goes back to the page, an export's file or the example workbooks come with it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Reply {
    Read(ReadOutcome),
    Removed,
    /// Boxed: a report is large, the other replies small.
    Report(Box<ReportOutcome>),
    /// The export's file name (its bytes beside), or why there is none.
    Export(Result<String, String>),
    /// A Gruppöversikt, or why there is none.
    Group(Box<Result<GroupTable, String>>),
    /// The figure behind a Gruppöversikt cell, or why there is none.
    Figure(Box<Result<Figure, String>>),
    /// The example workbooks' names, their bytes beside in the same order.
    Examples(Vec<String>),
    /// The request could not be done as asked (it did not decode): a Swedish sentence.
    Error {
        message: String,
    },
}

/// A request as the page sends it.
pub fn encode_request(request: &Request) -> Result<String, String> {
    serde_json::to_string(request)
        .map_err(|e| format!("Frågan till arbetstråden kunde inte skrivas: {e}"))
}

/// A request as the worker reads it; a message that does not decode is an error, never a default.
pub fn decode_request(message: &str) -> Result<Request, String> {
    serde_json::from_str(message)
        .map_err(|e| format!("Arbetstråden förstod inte frågan från sidan ({e})."))
}

/// A reply as the worker sends it. Cannot fail for these types; if it ever did, the reply says
/// so instead of being empty.
pub fn encode_reply(reply: &Reply) -> String {
    serde_json::to_string(reply).unwrap_or_else(|e| {
        let error = Reply::Error {
            message: format!("Svaret från arbetstråden kunde inte skrivas: {e}"),
        };
        serde_json::to_string(&error).unwrap_or_default()
    })
}

/// A reply as the page reads it; one that does not decode is an error the user sees.
pub fn decode_reply(message: &str) -> Result<Reply, String> {
    serde_json::from_str(message)
        .map_err(|e| format!("Sidan förstod inte svaret från arbetstråden ({e})."))
}

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
pub type ReportOutcome = Result<Reported, String>;

/// A report and how each table it was built from was read (its sources note, indexed like the
/// report's datasets): computed together by the worker, so the Rapport view's Underlag and the
/// exports' Källor list the same tables.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Reported {
    pub report: Report,
    pub sources: Vec<SourceNote>,
}

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
