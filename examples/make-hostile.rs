//! Writes one hostile file of each class ingest must refuse quickly (see
//! `tests/hostile_support/mod.rs`) into `tests/fixtures/hostile/` (or the directory given), with
//! a `MANIFEST.txt` saying what each is; with `--seeds [DIR]`, the small versions just past each
//! limit into the fuzz target's seed corpus `fuzz/seeds/read_workbook/`. The outputs are
//! committed; run this only to remake them.

use std::path::PathBuf;
use std::process::ExitCode;

#[path = "../tests/hostile_support/mod.rs"]
mod hostile;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1).peekable();
    let seeds = args.next_if(|a| a == "--seeds").is_some();
    let (files, default_dir) = if seeds {
        (hostile::seeds(), "fuzz/seeds/read_workbook")
    } else {
        (hostile::all(), "tests/fixtures/hostile")
    };
    let dir = args
        .next()
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(default_dir));
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("{}: {e}", dir.display());
        return ExitCode::FAILURE;
    }
    let mut manifest =
        String::from("# Fientliga filer: namn, storlek, vad filen är (examples/make-hostile.rs)\n");
    for file in files {
        let path = dir.join(file.name);
        if let Err(e) = std::fs::write(&path, &file.bytes) {
            eprintln!("{}: {e}", path.display());
            return ExitCode::FAILURE;
        }
        manifest.push_str(&format!(
            "{}\t{}\t{}\n",
            file.name,
            file.bytes.len(),
            file.what
        ));
        println!("{:>10}  {}", file.bytes.len(), file.name);
    }
    if let Err(e) = std::fs::write(dir.join("MANIFEST.txt"), manifest) {
        eprintln!("{e}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
