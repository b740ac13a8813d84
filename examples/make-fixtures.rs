//! Writes the fictitious example workbooks into `public/exempel/` (or the directory given).

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let dir = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("public/exempel"));
    let files = match oj_analys::exempel::example_files() {
        Ok(files) => files,
        Err(e) => {
            eprintln!("kunde inte skapa exempelfilerna: {e}");
            return ExitCode::FAILURE;
        }
    };
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("{}: {e}", dir.display());
        return ExitCode::FAILURE;
    }
    for file in files {
        let path = dir.join(&file.name);
        if let Err(e) = std::fs::write(&path, &file.bytes) {
            eprintln!("{}: {e}", path.display());
            return ExitCode::FAILURE;
        }
        println!("{}", path.display());
    }
    ExitCode::SUCCESS
}
