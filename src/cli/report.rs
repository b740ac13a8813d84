//! `oj-analys report`: the committee text (or the whole report as JSON) for one kommun; with
//! `--lan`, `--grupp` or `--ut` the Gruppöversikt and one report per kommun ([`super::group`]).

use std::path::PathBuf;
use std::process::ExitCode;

use crate::compare::peers::PeerChoice;
use crate::ingest::read_workbook;
use crate::model::{Area, Dataset};
use crate::report::{resolve_unit, text, Report, ReportError, ReportOptions};
use crate::score::DelvisRule;

/// The rules and the files every report-building subcommand reads.
#[derive(clap::Args)]
pub struct CommonArgs {
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

/// What `export` asks for: one unit, the rules and the files.
#[derive(clap::Args)]
pub struct ReportArgs {
    /// Kommunens (eller stadsdelens) namn eller kod, t.ex. Tyresö eller 0138.
    #[arg(long)]
    pub kommun: String,
    #[command(flatten)]
    pub common: CommonArgs,
}

/// Arguments of `oj-analys report`.
#[derive(clap::Args)]
pub struct Args {
    /// Kommunens (eller stadsdelens) namn eller kod, t.ex. Tyresö eller 0138; flera med komma
    /// emellan (Tyresö,Nacka) tillsammans med --ut eller --grupp.
    #[arg(long, required_unless_present = "lan")]
    pub kommun: Option<String>,
    /// Alla kommuner i ett län (kod eller namn, t.ex. 01 eller "Stockholms län"): skriver
    /// gruppöversikten, med --ut också en rapport per kommun.
    #[arg(long)]
    pub lan: Option<String>,
    /// Skriv gruppöversikten (varje kommun × de inlästa områdena: andel uppfyllda, plats och
    /// kvartil) i stället för rapporttexten: länets kommuner med --lan, de angivna kommunerna,
    /// eller kommunen och dess jämförelsegrupp (--jamfor).
    #[arg(long)]
    pub grupp: bool,
    /// Mapp att skriva i: en rapport per kommun (.txt, med --json .json) och gruppöversikten
    /// (gruppoversikt.txt, .csv och .xlsx).
    #[arg(long)]
    pub ut: Option<PathBuf>,
    /// Skriv hela rapporten (eller gruppöversikten) som JSON i stället för text.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub common: CommonArgs,
}

fn parse_delvis(text: &str) -> Result<DelvisRule, String> {
    DelvisRule::from_key(text)
        .ok_or_else(|| format!("okänd regel för Delvis: {text} (ej, halv eller uppfylld)"))
}

/// Reads every file, or prints the one-line reason and gives exit code 2.
pub(crate) fn read_files(args: &CommonArgs) -> Result<Vec<Dataset>, ExitCode> {
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
    Ok(datasets)
}

/// The code of a kommun (or stadsdel) given by name or code, or the one-line reason.
pub(crate) fn resolve(query: &str, datasets: &[Dataset]) -> Result<String, String> {
    // A kommun (or a stadsdel of the reference table) is known without the files; a stadsdel
    // written as only the files write it is looked up in them.
    crate::report::resolve::resolve_without_files(query)
        .map(Ok)
        .unwrap_or_else(|| resolve_unit(query, datasets))
}

/// The report for one unit code over read datasets, or the reason with its exit code (1 when
/// nothing usable was read, 2 otherwise).
pub(crate) fn report_for(
    code: &str,
    datasets: &[Dataset],
    args: &CommonArgs,
) -> Result<Report, (String, ExitCode)> {
    let options = ReportOptions {
        kommun: code.to_owned(),
        delvis: args.delvis,
        jamfor: args.jamfor.clone(),
        ..ReportOptions::default()
    };
    Report::build(datasets, &options).map_err(|e| {
        let code = match e {
            ReportError::NoAreas => 1,
            _ => 2,
        };
        (e.message(), ExitCode::from(code))
    })
}

/// Reads the files and builds the report of `args.kommun`, or prints the one-line reason and
/// gives the exit code. Also returns the datasets, in the order the report's indices refer to.
pub(crate) fn build(args: &ReportArgs) -> Result<(Report, Vec<Dataset>), ExitCode> {
    let datasets = read_files(&args.common)?;
    let code = resolve(&args.kommun, &datasets).map_err(|message| {
        eprintln!("{message}");
        ExitCode::from(2)
    })?;
    match report_for(&code, &datasets, &args.common) {
        Ok(r) => Ok((r, datasets)),
        Err((message, exit)) => {
            eprintln!("{message}");
            Err(exit)
        }
    }
}

/// Prints a value as pretty JSON, or says why it could not.
pub(crate) fn print_json<T: serde::Serialize>(value: &T) -> ExitCode {
    match serde_json::to_string_pretty(value) {
        Ok(json) => {
            println!("{json}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("kunde inte skriva JSON: {e}");
            ExitCode::from(1)
        }
    }
}

pub fn run(args: Args) -> ExitCode {
    let several = args.kommun.as_deref().is_some_and(|k| k.contains(','));
    if args.lan.is_some() || args.grupp || args.ut.is_some() || several {
        return super::group::run(&args);
    }
    let Some(kommun) = args.kommun.clone() else {
        return ExitCode::from(2);
    };
    let one = ReportArgs {
        kommun,
        common: args.common,
    };
    let report = match build(&one) {
        Ok((report, _)) => report,
        Err(code) => return code,
    };
    if args.json {
        print_json(&report)
    } else {
        print!("{}", text::render(&report));
        ExitCode::SUCCESS
    }
}
