//! `oj-analys export` on the command line: the same bytes as the page gets from its worker for
//! the same files, choices and date, and one-line Swedish refusals.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use oj_analys::app_state::Settings;
use oj_analys::engine::Engine;
use oj_analys::ingest::{read_workbook, ReadOptions};
use oj_analys::protocol::{ExportFormat, ReadOutcome, ReadRequest, Reply, Request};
use oj_analys::report::tables::{Datum, Tabell};
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

/// What the page does to export: the worker's engine reads each file (no corrections) and
/// answers `Request::Export` with the report's options and today's date. Returns the file's
/// name and bytes.
fn page_export(
    files: &[(String, Vec<u8>)],
    report: &ReportOptions,
    date: Option<Datum>,
    format: ExportFormat,
) -> (String, Vec<u8>) {
    let mut engine = Engine::default();
    for (id, (name, bytes)) in (1..).zip(files) {
        let read = Request::Read {
            id,
            name: name.clone(),
            options: ReadRequest::default(),
        };
        let answer = engine.handle(read, bytes);
        assert!(
            matches!(answer.reply, Reply::Read(ReadOutcome::Read(_))),
            "{name}"
        );
    }
    let export = Request::Export {
        report: report.clone(),
        date,
        format,
    };
    let answer = engine.handle(export, &[]);
    let Reply::Export(Ok(name)) = answer.reply else {
        panic!("{:?}", answer.reply);
    };
    let [bytes] = <[Vec<u8>; 1]>::try_from(answer.files).expect("one file");
    (name, bytes)
}

#[test]
fn the_cli_writes_the_same_bytes_as_the_page() {
    let dir = scratch("same");
    // Ekonomiskt bistånd's three years and one more area keep the test quick.
    let examples = oj_analys::exempel::example_files().unwrap();
    let chosen: Vec<(String, Vec<u8>)> = examples
        .into_iter()
        .filter(|f| f.name.contains("ekonomiskt-bistand") || f.name.contains("2020-missbruk"))
        .filter(|f| !f.name.contains("2022-2024"))
        .map(|f| (f.name, f.bytes))
        .collect();
    assert_eq!(chosen.len(), 4);
    let mut paths = Vec::new();
    for (name, bytes) in &chosen {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        paths.push(path);
    }
    let files: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
    // The page's choices: Tyresö, everything else as a first visit leaves it.
    let report = Settings {
        kommun: "0138".into(),
        ..Settings::default()
    }
    .report_options();
    let date = Datum::new(2024, 5, 21);

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
    let (_, page_xlsx) = page_export(&chosen, &report, date, ExportFormat::Xlsx);
    assert_eq!(std::fs::read(&xlsx_out).unwrap(), page_xlsx);

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
    let main_table = ExportFormat::Csv {
        tabell: csv_export::MAIN_TABLE,
    };
    let (_, page_csv) = page_export(&chosen, &report, date, main_table);
    assert_eq!(std::fs::read(&csv_out).unwrap(), page_csv);

    // Every table the page offers as CSV is a file of the CLI's `--tabell alla`, by the same name.
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
    let datasets: Vec<_> = chosen
        .iter()
        .flat_map(|(name, bytes)| {
            read_workbook(name, bytes, &ReadOptions::default())
                .unwrap()
                .datasets
        })
        .collect();
    let tables = Tabell::of_report(&Report::build(&datasets, &report).unwrap());
    assert!(tables.len() >= 5, "{tables:?}");
    for tabell in tables {
        let (name, bytes) = page_export(&chosen, &report, date, ExportFormat::Csv { tabell });
        assert_eq!(std::fs::read(all.join(&name)).unwrap(), bytes, "{name}");
    }
    assert_eq!(
        std::fs::read_dir(&all).unwrap().count(),
        Tabell::of_report(&Report::build(&datasets, &report).unwrap()).len(),
        "the CLI writes no table the page does not offer"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// The page's Gruppöversikt downloads (Excel and CSV, written by its worker) are the bytes
/// `oj-analys report --lan 01 --kommun Tyresö --ut` writes for the same files.
#[test]
fn the_page_writes_the_clis_group_files() {
    use oj_analys::protocol::{GroupOf, GroupRequest};
    use oj_analys::report::group::GroupChoice;
    let dir = scratch("grupp");
    let chosen: Vec<(String, Vec<u8>)> = oj_analys::exempel::example_files()
        .unwrap()
        .into_iter()
        .filter(|f| f.name.contains("2020-ekonomiskt-bistand") || f.name.contains("2020-hemloshet"))
        .map(|f| (f.name, f.bytes))
        .collect();
    assert_eq!(chosen.len(), 2);
    let mut paths = Vec::new();
    for (name, bytes) in &chosen {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        paths.push(path);
    }
    let ut = dir.join("ut");
    let o = Command::new(env!("CARGO_BIN_EXE_oj-analys"))
        .arg("report")
        .args([
            "--lan",
            "01",
            "--kommun",
            "Tyresö",
            "--ut",
            ut.to_str().unwrap(),
        ])
        .args(&paths)
        .output()
        .expect("runs");
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let report = Settings {
        kommun: "0138".into(),
        ..Settings::default()
    }
    .report_options();
    let group = GroupRequest {
        report: report.clone(),
        of: GroupOf::Grupp(GroupChoice::Lan("01".into())),
    };
    for (csv, cli_name, page_name) in [
        (
            false,
            "gruppoversikt.xlsx",
            "gruppoversikt-stockholms-lan.xlsx",
        ),
        (
            true,
            "gruppoversikt.csv",
            "gruppoversikt-stockholms-lan.csv",
        ),
    ] {
        let format = ExportFormat::Grupp {
            group: group.clone(),
            csv,
        };
        let (name, bytes) = page_export(&chosen, &report, None, format);
        assert_eq!(name, page_name);
        let written = std::fs::read(ut.join(cli_name)).unwrap();
        assert!(bytes == written, "{cli_name} differs from the page's");
    }
    let csv = String::from_utf8(std::fs::read(ut.join("gruppoversikt.csv")).unwrap()).unwrap();
    assert!(csv.contains("0138;Tyresö;egen;"), "{csv}");
    let _ = std::fs::remove_dir_all(&dir);
}
