//! `oj-analys export`: the report as an Excel workbook or CSV files, the same bytes as the page.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::report::{build, ReportArgs};
use crate::report::csv as csv_export;
use crate::report::tables::{Datum, ExportOptions, Tabell};
use crate::report::xlsx;

/// The file formats of `oj-analys export`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Excel-arbetsbok med sju blad (åtta med en enhetsundersökning).
    Xlsx,
    /// CSV för svenskt Excel (UTF-8 med BOM, semikolon, decimalkomma), en tabell per fil.
    Csv,
}

/// Arguments of `oj-analys export`.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub report: ReportArgs,
    /// Filformat: xlsx eller csv (annars efter filändelsen i --out).
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Filen att skriva (- för standard ut). Med --tabell alla: en mapp för CSV-filerna.
    #[arg(long)]
    pub out: PathBuf,
    /// CSV: vilken tabell (sammanfattning, kvalitetsomraden, indikatorer, att-lara-av,
    /// jamforelse, over-tid, enheter, kallor) eller alla. Standard: kvalitetsomraden.
    #[arg(long, default_value = "kvalitetsomraden")]
    pub tabell: String,
    /// Rapportens datum (ÅÅÅÅ-MM-DD) som står i filen; standard i dag (UTC), "ingen" för inget
    /// datum (då beror filen bara på rapporten).
    #[arg(long, value_parser = parse_datum)]
    pub datum: Option<DatumArg>,
}

/// A `--datum` value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DatumArg {
    Datum(Datum),
    Ingen,
}

fn parse_datum(text: &str) -> Result<DatumArg, String> {
    if text.trim().eq_ignore_ascii_case("ingen") {
        return Ok(DatumArg::Ingen);
    }
    Datum::parse(text)
        .map(DatumArg::Datum)
        .ok_or_else(|| format!("ogiltigt datum: {text} (skriv ÅÅÅÅ-MM-DD eller ingen)"))
}

/// Today in UTC from the system clock.
fn today() -> Option<Datum> {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_secs();
    Datum::from_unix_days(i64::try_from(secs / 86_400).ok()?)
}

enum Choice {
    One(Tabell),
    All,
}

pub fn run(args: Args) -> ExitCode {
    let format = match args.format.or_else(|| format_of(&args.out)) {
        Some(f) => f,
        None => {
            eprintln!("ange --format xlsx eller --format csv");
            return ExitCode::from(2);
        }
    };
    let choice = if args.tabell.trim().eq_ignore_ascii_case("alla") {
        Choice::All
    } else {
        match Tabell::from_key(&args.tabell) {
            Some(t) => Choice::One(t),
            None => {
                eprintln!(
                    "okänd tabell: {} (sammanfattning, kvalitetsomraden, indikatorer, att-lara-av, jamforelse, over-tid, enheter, kallor eller alla)",
                    args.tabell
                );
                return ExitCode::from(2);
            }
        }
    };
    let (report, datasets) = match build(&args.report) {
        Ok(built) => built,
        Err(code) => return code,
    };
    let date = match args.datum {
        Some(DatumArg::Datum(d)) => Some(d),
        Some(DatumArg::Ingen) => None,
        None => today(),
    };
    let options = ExportOptions::new(date, &datasets);
    match (format, choice) {
        (Format::Xlsx, _) => match xlsx::write_with(&report, &options) {
            Ok(bytes) => write_out(&args.out, &bytes),
            Err(e) => {
                eprintln!("{e}");
                ExitCode::from(2)
            }
        },
        (Format::Csv, Choice::One(tabell)) => write_out(
            &args.out,
            &csv_export::write_table(&report, &options, tabell),
        ),
        (Format::Csv, Choice::All) => {
            if let Err(e) = std::fs::create_dir_all(&args.out) {
                eprintln!("{}: kunde inte skapas: {e}", args.out.display());
                return ExitCode::from(2);
            }
            for file in csv_export::files(&report, &options) {
                let code = write_out(&args.out.join(&file.name), &file.bytes);
                if code != ExitCode::SUCCESS {
                    return code;
                }
            }
            ExitCode::SUCCESS
        }
    }
}

fn format_of(path: &Path) -> Option<Format> {
    let ext = path.extension()?.to_string_lossy().to_lowercase();
    match ext.as_str() {
        "xlsx" => Some(Format::Xlsx),
        "csv" => Some(Format::Csv),
        _ => None,
    }
}

fn write_out(path: &Path, bytes: &[u8]) -> ExitCode {
    let result = if path.as_os_str() == "-" {
        std::io::stdout().lock().write_all(bytes)
    } else {
        std::fs::write(path, bytes)
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{}: kunde inte skrivas: {e}", path.display());
            ExitCode::from(2)
        }
    }
}
