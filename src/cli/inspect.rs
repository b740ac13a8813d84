//! `oj-analys inspect`: how each file was read — sheets, tables, units, indicators, area, year
//! and warnings — in Swedish, or as JSON with `--json`.
//!
//! Exit code: 0 when at least one dataset was read from every file; 1 when a file was read but
//! held no dataset; 2 (with a one-line message) when a file could not be read.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::ingest::{read_workbook, Reading};
use crate::model::Area;

/// Arguments of `oj-analys inspect`.
#[derive(clap::Args)]
pub struct Args {
    /// Filer att läsa.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Skriv rapporten som JSON (en lista med en post per fil).
    #[arg(long)]
    pub json: bool,
    /// Verksamhetsområdet för tabeller som inte namnger något (t.ex. ekonomiskt-bistand, lss),
    /// som en rättelse i Tolkning.
    #[arg(long, value_parser = super::parse_area)]
    pub omrade: Option<Area>,
}

pub fn run(args: Args) -> ExitCode {
    let mut readings: Vec<Reading> = Vec::with_capacity(args.files.len());
    let mut empty = false;
    let read_options = super::read_options(args.omrade);
    for path in &args.files {
        let bytes = match super::read_file(path) {
            Ok(b) => b,
            Err(code) => return code,
        };
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        match read_workbook(&name, &bytes, &read_options) {
            Ok(workbook) => {
                if workbook.datasets.is_empty() {
                    empty = true;
                }
                readings.push(workbook.reading);
            }
            Err(e) => {
                eprintln!("{}: {}", path.display(), e.message());
                return ExitCode::from(2);
            }
        }
    }
    if args.json {
        match serde_json::to_string_pretty(&readings) {
            Ok(json) => println!("{json}"),
            Err(e) => {
                eprintln!("kunde inte skriva JSON: {e}");
                return ExitCode::from(2);
            }
        }
    } else {
        for (i, r) in readings.iter().enumerate() {
            if i > 0 {
                println!();
            }
            print!("{}", r.to_swedish_text());
            if r.datasets.is_empty() {
                println!("Ingen tabell kunde läsas ur filen.");
            }
        }
    }
    if empty {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
