//! `oj-analys report` on the command line: exit codes and one-line Swedish messages.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn real(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/fixtures/real")
        .join(name)
}

fn run(args: &[&str], files: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_oj-analys"))
        .arg("report")
        .args(args)
        .args(files)
        .output()
        .expect("runs")
}

#[test]
fn an_unknown_kommun_exits_2_with_one_swedish_line() {
    let out = run(
        &["--kommun", "Atlantis"],
        &[&real("2024-9-9230-tables.xlsx")],
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.trim(), "Okänd kommun: Atlantis.");
    assert_eq!(stderr.trim().lines().count(), 1);
}

#[test]
fn an_unreadable_file_exits_2_with_one_line() {
    let dir = std::env::temp_dir().join(format!("oj-cli-report-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let garbage = dir.join("inte-excel.xlsx");
    std::fs::write(&garbage, b"detta \xe4r ingen arbetsbok").unwrap();
    let out = run(&["--kommun", "Tyresö"], &[&garbage]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(stderr.contains("inte-excel.xlsx"), "{stderr}");
    let missing = dir.join("finns-inte.xlsx");
    let out = run(&["--kommun", "Tyresö"], &[&missing]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("kunde inte öppnas"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_options_are_refused() {
    let file = real("2024-9-9230-tables.xlsx");
    let out = run(&["--kommun", "Tyresö", "--delvis", "kanske"], &[&file]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("okänd regel för Delvis"));
    let out = run(&["--kommun", "Tyresö", "--jamfor", "grannar"], &[&file]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("okänd jämförelsegrupp"));
}
