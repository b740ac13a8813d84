//! The worker's side: entry points `public/worker.js` calls, over the datasets the worker keeps.
//!
//! These run inside the Web Worker (the same WebAssembly as the page). Parsed datasets stay here,
//! in file order; the page gets summaries and reports as JSON strings ([`super::protocol`]).

use std::cell::RefCell;
use std::hash::{DefaultHasher, Hasher};

use wasm_bindgen::prelude::*;

use super::protocol::{
    DatasetSummary, FileSummary, IndicatorSummary, ReadOutcome, ReadRequest, ReportOutcome,
    ReportRequest, UnitSummary,
};
use crate::model::{Dataset, UnitKind};
use crate::report::Report;

/// One loaded file inside the worker.
struct Kept {
    id: u32,
    hash: String,
    datasets: Vec<Dataset>,
}

thread_local! {
    static KEPT: RefCell<Vec<Kept>> = const { RefCell::new(Vec::new()) };
}

/// Reads one file (`options` is a JSON [`ReadRequest`]); returns a JSON [`ReadOutcome`]. A file
/// read again under the same id (after a correction) replaces its earlier reading.
#[wasm_bindgen]
pub fn oj_worker_read(id: u32, name: &str, bytes: &[u8], options: &str) -> String {
    let request: ReadRequest = serde_json::from_str(options).unwrap_or_default();
    let hash = hash_of(bytes);
    let duplicate = KEPT.with_borrow(|kept| {
        kept.iter()
            .find(|k| k.hash == hash && k.id != id)
            .map(|k| k.id)
    });
    let outcome = match duplicate {
        Some(of) => ReadOutcome::Duplicate { of },
        None => match read_with_overrides(name, bytes, &request) {
            Ok((workbook, first_layout_key)) => {
                let summary = FileSummary {
                    hash: hash.clone(),
                    first_layout_key,
                    datasets: workbook
                        .datasets
                        .iter()
                        .enumerate()
                        .map(|(i, d)| summarise(i, d))
                        .collect(),
                    reading: workbook.reading,
                };
                KEPT.with_borrow_mut(|kept| {
                    let entry = Kept {
                        id,
                        hash,
                        datasets: workbook.datasets,
                    };
                    match kept.iter_mut().find(|k| k.id == id) {
                        Some(slot) => *slot = entry,
                        None => {
                            kept.push(entry);
                            kept.sort_by_key(|k| k.id);
                        }
                    }
                });
                ReadOutcome::Read(summary)
            }
            Err(error) => ReadOutcome::Failed {
                message: error.message(),
            },
        },
    };
    serde_json::to_string(&outcome).unwrap_or_default()
}

/// Reads a file; when the user has overridden sheets of its layout (stored under the key of
/// the first reading), reads it again with them. Returns the workbook and that first key.
fn read_with_overrides(
    name: &str,
    bytes: &[u8],
    request: &ReadRequest,
) -> Result<(crate::ingest::Workbook, String), crate::ingest::IngestError> {
    let workbook = crate::ingest::read_workbook(name, bytes, &request.options)?;
    let key = workbook.reading.layout_key.clone();
    match request.sheets.get(&key) {
        Some(sheets) if !sheets.is_empty() => {
            let mut options = request.options.clone();
            options.sheets = sheets.clone();
            Ok((crate::ingest::read_workbook(name, bytes, &options)?, key))
        }
        _ => Ok((workbook, key)),
    }
}

/// Forgets a file's datasets.
#[wasm_bindgen]
pub fn oj_worker_remove(id: u32) {
    KEPT.with_borrow_mut(|kept| kept.retain(|k| k.id != id));
}

/// Builds the report over every kept dataset (`options` is a JSON [`ReportRequest`]); returns a
/// JSON [`ReportOutcome`].
#[wasm_bindgen]
pub fn oj_worker_report(options: &str) -> String {
    let outcome: ReportOutcome = match serde_json::from_str::<ReportRequest>(options) {
        Ok(request) => KEPT.with_borrow_mut(|kept| {
            // Moves every file's datasets into one slice for the engine and back (no copies).
            let counts: Vec<usize> = kept.iter().map(|k| k.datasets.len()).collect();
            let mut all: Vec<Dataset> = kept
                .iter_mut()
                .flat_map(|k| std::mem::take(&mut k.datasets))
                .collect();
            let report = Report::build(&all, &request.options).map_err(|e| e.message());
            for (k, n) in kept.iter_mut().zip(counts) {
                let rest = all.split_off(n.min(all.len()));
                k.datasets = std::mem::replace(&mut all, rest);
            }
            report
        }),
        Err(e) => Err(format!("Inställningarna kunde inte läsas: {e}")),
    };
    serde_json::to_string(&outcome).unwrap_or_default()
}

/// The example workbooks, generated here: an array of `{name, bytes}` (bytes a `Uint8Array`).
#[wasm_bindgen]
pub fn oj_worker_examples() -> js_sys::Array {
    let files = js_sys::Array::new();
    if let Ok(examples) = crate::exempel::example_files() {
        for example in examples {
            let entry = js_sys::Object::new();
            let bytes = js_sys::Uint8Array::from(example.bytes.as_slice());
            let _ = js_sys::Reflect::set(&entry, &"name".into(), &example.name.into());
            let _ = js_sys::Reflect::set(&entry, &"bytes".into(), &bytes);
            files.push(&entry);
        }
    }
    files
}

fn hash_of(bytes: &[u8]) -> String {
    let mut hasher = DefaultHasher::new();
    hasher.write(bytes);
    hasher.write_usize(bytes.len());
    format!("{:016x}-{}", hasher.finish(), bytes.len())
}

fn summarise(index: usize, d: &Dataset) -> DatasetSummary {
    DatasetSummary {
        index: index as u32,
        sheet: d.sheet.clone(),
        title: d.title.clone(),
        layout: d.layout,
        area: d.area.clone(),
        year: d.year.clone(),
        units: d
            .units
            .iter()
            .filter(|u| matches!(u.kind, UnitKind::Kommun | UnitKind::Stadsdel))
            .filter_map(|u| {
                Some(UnitSummary {
                    code: u.code.clone()?,
                    name: u.name.clone(),
                    kind: u.kind,
                })
            })
            .collect(),
        n_units: d.units.len() as u32,
        indicators: d
            .indicators
            .iter()
            .map(|i| IndicatorSummary {
                name: i.name.clone(),
                code: i.code.clone(),
                quality: i.quality.clone(),
                indicator_area: i.indicator_area.clone(),
                kind: i.kind.clone(),
                match_key: i.match_key(),
                cell: i.cell.a1(),
            })
            .collect(),
        n_observations: d.observations.len() as u32,
    }
}
