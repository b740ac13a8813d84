//! `oj-analys report`: the committee text (or the whole report as JSON) for one kommun.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::compare::peers::PeerChoice;
use crate::ingest::read_workbook;
use crate::model::{Area, Dataset};
use crate::report::{resolve_unit, text, Report, ReportError, ReportOptions};
use crate::score::DelvisRule;

/// What every report-building subcommand (`report`, `export`) asks for: the unit, the rules
/// and the files.
#[derive(clap::Args)]
pub struct ReportArgs {
    /// Kommunens (eller stadsdelens) namn eller kod, t.ex. Tyresö eller 0138.
    #[arg(long)]
    pub kommun: String,
    /// Hur Delvis räknas: ej (standard), halv eller uppfylld.
    #[arg(long, default_value = "ej", value_parser = parse_delvis)]
    pub delvis: DelvisRule,
    /// Jämförelsegrupp: lan, storleksgrupp, skr2017, skr2023, liknande (standard), alla,
    /// stadsdelar eller en lista med kommunkoder (0188,0305,...).
    #[arg(long, default_value = "liknande", value_parser = PeerChoice::parse)]
    pub jamfor: PeerChoice,
    /// Verksamhetsområdet för tabeller som inte namnger något (t.ex. ekonomiskt-bistand, lss),
    /// som en rättelse i Tolkning.
    #[arg(long, value_parser = super::parse_area)]
    pub omrade: Option<Area>,
    /// Filer att läsa.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

/// Arguments of `oj-analys report`.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub report: ReportArgs,
    /// Skriv hela rapporten som JSON i stället för text.
    #[arg(long)]
    pub json: bool,
}

fn parse_delvis(text: &str) -> Result<DelvisRule, String> {
    DelvisRule::from_key(text)
        .ok_or_else(|| format!("okänd regel för Delvis: {text} (ej, halv eller uppfylld)"))
}

/// Reads the files and builds the report, or prints the one-line reason and gives the exit
/// code. Also returns the datasets, in the order the report's indices refer to.
pub(crate) fn build(args: &ReportArgs) -> Result<(Report, Vec<Dataset>), ExitCode> {
    // A kommun (or a stadsdel of the reference table) is known before any file is read; a
    // stadsdel written as only the files write it is looked up in them afterwards.
    let known = crate::report::resolve::resolve_without_files(&args.kommun);
    let mut datasets = Vec::new();
    let read_options = super::read_options(args.omrade);
    for path in &args.files {
        let bytes = super::read_file(path)?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string());
        match read_workbook(&name, &bytes, &read_options) {
            Ok(workbook) => datasets.extend(workbook.datasets),
            Err(e) => {
                eprintln!("{}: {}", path.display(), e.message());
                return Err(ExitCode::from(2));
            }
        }
    }
    let code = match known
        .map(Ok)
        .unwrap_or_else(|| resolve_unit(&args.kommun, &datasets))
    {
        Ok(c) => c,
        Err(message) => {
            eprintln!("{message}");
            return Err(ExitCode::from(2));
        }
    };
    let options = ReportOptions {
        kommun: code,
        delvis: args.delvis,
        jamfor: args.jamfor.clone(),
        ..ReportOptions::default()
    };
    match Report::build(&datasets, &options) {
        Ok(r) => Ok((r, datasets)),
        Err(e @ ReportError::NoAreas) => {
            eprintln!("{}", e.message());
            Err(ExitCode::from(1))
        }
        Err(e) => {
            eprintln!("{}", e.message());
            Err(ExitCode::from(2))
        }
    }
}

pub fn run(args: Args) -> ExitCode {
    let report = match build(&args.report) {
        Ok((report, _)) => report,
        Err(code) => return code,
    };
    if args.json {
        match serde_json::to_string_pretty(&report) {
            Ok(json) => println!("{json}"),
            Err(e) => {
                eprintln!("kunde inte skriva JSON: {e}");
                return ExitCode::from(1);
            }
        }
    } else {
        print!("{}", text::render(&report));
    }
    ExitCode::SUCCESS
}
