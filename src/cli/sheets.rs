//! `oj-analys sheets FILE...`: the format and the sheets of each file with their used sizes.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::ingest::{sheets, sniff, Limits};

/// Lists each file's sheets; exit 2 with the one-line Swedish reason at the first unreadable file.
pub fn run(files: &[PathBuf]) -> ExitCode {
    for path in files {
        let bytes = match super::read_file(path) {
            Ok(bytes) => bytes,
            Err(code) => return code,
        };
        let listed = sniff(&bytes).and_then(|format| {
            let grids = sheets::read_grids(&bytes, format, &Limits::default())?;
            Ok((format, grids))
        });
        match listed {
            Ok((format, grids)) => {
                println!(
                    "{}: {} blad, {}",
                    path.display(),
                    grids.len(),
                    format.label()
                );
                for grid in &grids {
                    let s = sheets::summary(grid);
                    let hidden = if s.hidden { "\t(dolt)" } else { "" };
                    let merges = match grid.merges.len() {
                        0 => String::new(),
                        n => format!("\t{n} sammanfogade områden"),
                    };
                    println!(
                        "  {}\t{} rader\t{} kolumner{merges}{hidden}",
                        s.name, s.rows, s.cols
                    );
                }
            }
            Err(e) => {
                eprintln!("{}: {e}", path.display());
                return ExitCode::from(2);
            }
        }
    }
    ExitCode::SUCCESS
}
