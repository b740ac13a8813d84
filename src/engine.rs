//! The worker's engine: the files it holds and the answer to each [`Request`], as plain Rust.
//!
//! The worker's WebAssembly (`src/bin/engine.rs`) is a thin wrapper around one [`Engine`]; the
//! same code runs natively in the tests. Parsed datasets stay here, in file order; the page gets
//! [`Reply`]s: summaries, reports, and the bytes of exports and example workbooks.

use std::hash::{DefaultHasher, Hasher};

use crate::ingest::{IngestError, Workbook};
use crate::model::{Dataset, UnitKind};
use crate::protocol::{
    decode_request, encode_reply, DatasetSummary, ExportFormat, FileSummary, GroupOf, GroupRequest,
    IndicatorSummary, ReadOutcome, ReadRequest, Reply, Reported, Request, UnitSummary,
};
use crate::report::group::{
    cell_figure, group_file_name, group_files, group_table, peer_group, GroupTable,
};
use crate::report::tables::{Datum, ExportOptions, SourceNote};
use crate::report::{Report, ReportOptions};

/// One loaded file.
struct Kept {
    id: u32,
    hash: String,
    datasets: Vec<Dataset>,
}

/// A reply and the files that travel beside it (an export's bytes, the example workbooks).
#[derive(Debug, PartialEq)]
pub struct Answer {
    pub reply: Reply,
    pub files: Vec<Vec<u8>>,
}

impl Answer {
    fn plain(reply: Reply) -> Answer {
        Answer {
            reply,
            files: Vec::new(),
        }
    }
}

/// The files the worker holds, in id order.
#[derive(Default)]
pub struct Engine {
    kept: Vec<Kept>,
}

impl Engine {
    /// Answers one encoded request (`bytes`: the file of a read, else empty) with an encoded
    /// reply and its files. A request that does not decode gets [`Reply::Error`].
    pub fn handle_message(&mut self, message: &str, bytes: &[u8]) -> (String, Vec<Vec<u8>>) {
        let answer = match decode_request(message) {
            Ok(request) => self.handle(request, bytes),
            Err(message) => Answer::plain(Reply::Error { message }),
        };
        (encode_reply(&answer.reply), answer.files)
    }

    /// Answers one request.
    pub fn handle(&mut self, request: Request, bytes: &[u8]) -> Answer {
        match request {
            Request::Read { id, name, options } => {
                Answer::plain(Reply::Read(self.read(id, &name, bytes, &options)))
            }
            Request::Remove { id } => {
                self.kept.retain(|k| k.id != id);
                Answer::plain(Reply::Removed)
            }
            Request::Report { options } => {
                Answer::plain(Reply::Report(Box::new(self.report(options))))
            }
            Request::Export {
                report,
                date,
                format,
            } => self.export(report, date, format),
            Request::Group(group) => Answer::plain(Reply::Group(Box::new(self.group(&group)))),
            Request::GroupFigure(cell) => {
                let figure = self.with_all(|all| {
                    cell_figure(all, cell.area, &cell.code, cell.rule)
                        .ok_or_else(|| "Kommunen har ingen rad i de inlästa tabellerna.".to_owned())
                });
                Answer::plain(Reply::Figure(Box::new(figure)))
            }
            Request::Examples => match crate::exempel::example_files() {
                Ok(examples) => {
                    let (names, files) = examples.into_iter().map(|e| (e.name, e.bytes)).unzip();
                    Answer {
                        reply: Reply::Examples(names),
                        files,
                    }
                }
                Err(e) => Answer::plain(Reply::Error {
                    message: format!("Exempeldata kunde inte skapas: {e}"),
                }),
            },
        }
    }

    fn read(&mut self, id: u32, name: &str, bytes: &[u8], request: &ReadRequest) -> ReadOutcome {
        let hash = hash_of(bytes);
        if let Some(of) = self
            .kept
            .iter()
            .find(|k| k.hash == hash && k.id != id)
            .map(|k| k.id)
        {
            return ReadOutcome::Duplicate { of };
        }
        let (workbook, first_layout_key) = match read_with_overrides(name, bytes, request) {
            Ok(read) => read,
            Err(error) => {
                return ReadOutcome::Failed {
                    message: error.message(),
                }
            }
        };
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
        let entry = Kept {
            id,
            hash,
            datasets: workbook.datasets,
        };
        match self.kept.iter_mut().find(|k| k.id == id) {
            Some(slot) => *slot = entry,
            None => {
                self.kept.push(entry);
                self.kept.sort_by_key(|k| k.id);
            }
        }
        ReadOutcome::Read(summary)
    }

    /// Runs `f` over every kept table, in file order. Moves every file's datasets into one
    /// slice and back (no copies).
    fn with_all<T>(&mut self, f: impl FnOnce(&[Dataset]) -> T) -> T {
        let counts: Vec<usize> = self.kept.iter().map(|k| k.datasets.len()).collect();
        let mut all: Vec<Dataset> = self
            .kept
            .iter_mut()
            .flat_map(|k| std::mem::take(&mut k.datasets))
            .collect();
        let out = f(&all);
        for (k, n) in self.kept.iter_mut().zip(counts) {
            let rest = all.split_off(n.min(all.len()));
            k.datasets = std::mem::replace(&mut all, rest);
        }
        out
    }

    /// The report over every kept table, with how each was read.
    fn report(&mut self, options: ReportOptions) -> Result<Reported, String> {
        self.with_all(|all| {
            let report = Report::build(all, &options).map_err(|e| e.message())?;
            Ok(Reported {
                report,
                sources: SourceNote::of_all(all),
            })
        })
    }

    /// The Gruppöversikt asked for, counted as `oj-analys report --lan/--kommun` counts it.
    fn group(&mut self, request: &GroupRequest) -> Result<GroupTable, String> {
        self.with_all(|all| group_of(all, request))
    }

    /// A Gruppöversikt's Excel or CSV file, the bytes the CLI's `--ut` writes.
    fn group_export(
        &mut self,
        request: &GroupRequest,
        csv: bool,
    ) -> Result<(String, Vec<u8>), String> {
        let table = self.group(request)?;
        let files = group_files(&table)?;
        Ok(if csv {
            (group_file_name(&table, "csv"), files.csv)
        } else {
            (group_file_name(&table, "xlsx"), files.xlsx)
        })
    }

    /// An export: the report built again (exports are rare, reports are not, and the build is
    /// deterministic) with the options the command line gives it ([`ExportOptions::new`]).
    fn export(
        &mut self,
        report: ReportOptions,
        date: Option<Datum>,
        format: ExportFormat,
    ) -> Answer {
        if let ExportFormat::Grupp { group, csv } = &format {
            return match self.group_export(group, *csv) {
                Ok((name, bytes)) => Answer {
                    reply: Reply::Export(Ok(name)),
                    files: vec![bytes],
                },
                Err(message) => Answer::plain(Reply::Export(Err(message))),
            };
        }
        let built = self.with_all(|all| {
            Report::build(all, &report)
                .map(|report| (report, ExportOptions::new(date, all)))
                .map_err(|e| e.message())
        });
        let (report, options) = match built {
            Ok(built) => built,
            Err(message) => return Answer::plain(Reply::Export(Err(message))),
        };
        let options = &options;
        let written = match format {
            ExportFormat::Xlsx => crate::report::xlsx::write_with(&report, options)
                .map(|bytes| {
                    (
                        crate::report::tables::file_name(&report, options, "xlsx"),
                        bytes,
                    )
                })
                .map_err(|e| e.message),
            ExportFormat::Csv { tabell } => Ok((
                crate::report::csv::file_name(&report, options, tabell),
                crate::report::csv::write_table(&report, options, tabell),
            )),
            ExportFormat::Grupp { .. } => Err(UNREACHABLE_GROUP.to_owned()),
        };
        match written {
            Ok((name, bytes)) => Answer {
                reply: Reply::Export(Ok(name)),
                files: vec![bytes],
            },
            Err(message) => Answer::plain(Reply::Export(Err(message))),
        }
    }
}

const UNREACHABLE_GROUP: &str = "Gruppöversikten skrevs inte.";

/// The group table of a request over every kept table: the chosen kommun's peer group (from its
/// report, as the CLI's `--kommun K` alone), or a län, all kommuner or listed codes, the kommun
/// chosen highlighted.
fn group_of(all: &[Dataset], request: &GroupRequest) -> Result<GroupTable, String> {
    let options = &request.report;
    let own = (!options.kommun.is_empty()).then_some(options.kommun.as_str());
    let (name, codes) = match &request.of {
        GroupOf::Jamforelsegrupp => {
            if own.is_none() {
                return Err("Välj kommun för att se dess jämförelsegrupp.".to_owned());
            }
            let report = Report::build(all, options).map_err(|e| e.message())?;
            peer_group(&report)
        }
        GroupOf::Grupp(choice) => choice.members()?,
    };
    let table = group_table(all, &name, &codes, own, options.delvis);
    if table.areas.is_empty() {
        return Err("Ingen av de inlästa tabellerna har ett känt verksamhetsområde.".to_owned());
    }
    Ok(table)
}

/// Reads a file; when the user has overridden sheets of its layout (stored under the key of
/// the first reading), reads it again with them. Returns the workbook and that first key.
fn read_with_overrides(
    name: &str,
    bytes: &[u8],
    request: &ReadRequest,
) -> Result<(Workbook, String), IngestError> {
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
