//! `oj-analys export` on the command line: the same bytes as the library writes for the page,
//! and one-line Swedish refusals.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use oj_analys::ingest::{read_workbook, ReadOptions};
use oj_analys::report::xlsx::{self, Datum, ExportOptions, Tabell};
use oj_analys::report::{csv as csv_export, Report, ReportOptions};

fn real(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/fixtures/real")
        .join(name)
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("oj-export-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn export(args: &[&str], files: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_oj-analys"))
        .arg("export")
        .args(args)
        .args(files)
        .output()
        .expect("runs")
}

#[test]
fn bad_options_are_refused_with_one_line() {
    let file = real("2024-9-9230-tables.xlsx");
    let dir = scratch("bad");
    let out = dir.join("ut.txt");
    let out = out.to_str().unwrap();
    for (args, message) in [
        (
            vec!["--kommun", "Tyresö", "--out", out],
            "ange --format xlsx eller --format csv",
        ),
        (
            vec![
                "--kommun", "Tyresö", "--format", "csv", "--tabell", "diagram", "--out", out,
            ],
            "okänd tabell: diagram",
        ),
        (
            vec![
                "--kommun", "Tyresö", "--format", "xlsx", "--datum", "igår", "--out", out,
            ],
            "ogiltigt datum: igår",
        ),
        (
            vec!["--kommun", "Tyresö", "--format", "pdf", "--out", out],
            "pdf",
        ),
    ] {
        let o = export(&args, &[&file]);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert!(stderr.contains(message), "{args:?}: {stderr}");
    }
    assert!(!Path::new(out).exists(), "nothing written on a refusal");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_cli_writes_the_same_bytes_as_the_page() {
    let dir = scratch("same");
    let mut paths = Vec::new();
    let mut datasets = Vec::new();
    // Ekonomiskt bistånd's three years and one more area keep the test quick.
    let examples = oj_analys::exempel::example_files().unwrap();
    let chosen = examples
        .iter()
        .filter(|f| f.name.contains("ekonomiskt-bistand") || f.name.contains("2020-missbruk"))
        .filter(|f| !f.name.contains("2022-2024"));
    for file in chosen {
        let path = dir.join(&file.name);
        std::fs::write(&path, &file.bytes).unwrap();
        datasets.extend(
            read_workbook(&file.name, &file.bytes, &ReadOptions::default())
                .unwrap()
                .datasets,
        );
        paths.push(path);
    }
    assert_eq!(paths.len(), 4);
    let files: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
    // What the page does: build the report from the read datasets and write it.
    let report = Report::build(
        &datasets,
        &ReportOptions {
            kommun: "0138".into(),
            ..ReportOptions::default()
        },
    )
    .unwrap();
    let options = ExportOptions::new(Datum::new(2024, 5, 21), &datasets);

    let xlsx_out = dir.join("rapport.xlsx");
    let o = export(
        &[
            "--kommun",
            "Tyresö",
            "--datum",
            "2024-05-21",
            "--out",
            xlsx_out.to_str().unwrap(),
        ],
        &files,
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(
        std::fs::read(&xlsx_out).unwrap(),
        xlsx::write_with(&report, &options).unwrap()
    );

    let csv_out = dir.join("rapport.csv");
    let o = export(
        &[
            "--kommun",
            "0138",
            "--format",
            "csv",
            "--datum",
            "2024-05-21",
            "--out",
            csv_out.to_str().unwrap(),
        ],
        &files,
    );
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        std::fs::read(&csv_out).unwrap(),
        csv_export::write_table(&report, &options, Tabell::Kvalitetsomraden)
    );

    let all = dir.join("alla");
    let o = export(
        &[
            "--kommun",
            "Tyresö",
            "--format",
            "csv",
            "--tabell",
            "alla",
            "--datum",
            "2024-05-21",
            "--out",
            all.to_str().unwrap(),
        ],
        &files,
    );
    assert_eq!(o.status.code(), Some(0));
    for file in csv_export::files(&report, &options) {
        assert_eq!(
            std::fs::read(all.join(&file.name)).unwrap(),
            file.bytes,
            "{}",
            file.name
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
