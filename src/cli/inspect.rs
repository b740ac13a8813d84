//! `oj-analys inspect`: (stub; filled by its issue).

use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `oj-analys inspect`.
#[derive(clap::Args)]
pub struct Args {
    /// Filer att läsa.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

pub fn run(args: Args) -> ExitCode {
    let _ = args;
    eprintln!("oj-analys inspect: ännu inte byggt");
    ExitCode::from(2)
}
