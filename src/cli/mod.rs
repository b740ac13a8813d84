//! The `oj-analys` command line: argument parsing and one module per subcommand (`group` for the
//! group forms of `report`), over the core.
//!
//! Only this layer knows the terminal and the file system. Exit codes: 0 success, 1 read but
//! nothing usable, 2 a file could not be read or the arguments were wrong.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::ingest::{Corrections, ReadOptions};
use crate::model::Area;

mod export;
mod group;
mod inspect;
mod report;
mod sheets;

/// ÖJ-analys på kommandoraden: läser Socialstyrelsens Öppna jämförelser och räknar uppfyllda
/// indikatorer, jämförelser och rapporttext på den här datorn, med samma motor som webbsidan.
// The doc comment is the program's description in --help (not Cargo's, which speaks of the
// browser).
#[derive(Parser)]
#[command(name = "oj-analys", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Listar bladen i en eller flera arbetsböcker.
    Sheets {
        /// Filer att läsa.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Visar hur varje fil lästes: blad, tabeller, enheter, indikatorer, område, år och varningar.
    Inspect(inspect::Args),
    /// Skriver rapporttexten för en kommun: uppfyllda indikatorer per område och kvalitetsområde;
    /// med --lan eller --grupp gruppöversikten, med --ut en rapport per kommun i en mapp.
    Report(report::Args),
    /// Skriver analysen som Excel- eller CSV-fil.
    Export(export::Args),
}

/// Runs the command line with the process's arguments.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Sheets { files } => sheets::run(&files),
        Command::Inspect(args) => inspect::run(args),
        Command::Report(args) => report::run(args),
        Command::Export(args) => export::run(args),
    }
}

/// A `--omrade` value: an area's key (`ekonomiskt-bistand`) or a name the files also use
/// ("Ekonomiskt bistånd", "LSS", "äldreomsorg").
pub(crate) fn parse_area(text: &str) -> Result<Area, String> {
    Area::from_key(text.trim())
        .or_else(|| crate::ingest::meta::area_in(text).and_then(|a| a.area))
        .ok_or_else(|| {
            let keys: Vec<&str> = Area::ALL.iter().map(|a| a.key()).collect();
            format!("okänt verksamhetsområde: {text} ({})", keys.join(", "))
        })
}

/// How the CLI reads files: the defaults, and `--omrade` for the tables that name no area (kept
/// as the user's correction, as the page keeps its own).
pub(crate) fn read_options(omrade: Option<Area>) -> ReadOptions {
    ReadOptions {
        corrections: omrade
            .map(Corrections::with_unnamed_area)
            .unwrap_or_default(),
        ..ReadOptions::default()
    }
}

/// Reads a file, or prints the one-line Swedish message for exit code 2.
pub(crate) fn read_file(path: &Path) -> Result<Vec<u8>, ExitCode> {
    std::fs::read(path).map_err(|e| {
        eprintln!("{}: kunde inte öppnas: {e}", path.display());
        ExitCode::from(2)
    })
}
