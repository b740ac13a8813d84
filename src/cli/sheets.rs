//! `oj-analys sheets FILE...`: the sheets of each workbook with their used sizes.

use std::path::PathBuf;
use std::process::ExitCode;

pub fn run(files: &[PathBuf]) -> ExitCode {
    for path in files {
        let bytes = match super::read_file(path) {
            Ok(bytes) => bytes,
            Err(code) => return code,
        };
        match crate::ingest::list_sheets(&bytes) {
            Ok(sheets) => {
                println!("{}: {} blad", path.display(), sheets.len());
                for s in sheets {
                    let hidden = if s.hidden { "\t(dolt)" } else { "" };
                    println!(
                        "  {}\t{} rader\t{} kolumner{hidden}",
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
