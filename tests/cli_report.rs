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

/// Writes the generator's Tyresö series (2019 and 2020) as xlsx files into a fresh directory.
fn tyreso_files(dir: &Path) -> Vec<PathBuf> {
    use oj_analys::exempel::{example_file_name, to_xlsx, tyreso_series, Shape};
    std::fs::create_dir_all(dir).unwrap();
    let shape = Shape::Wide { header_rows: 3 };
    tyreso_series()
        .iter()
        .filter(|s| s.year >= 2019)
        .map(|spec| {
            let path = dir.join(example_file_name(spec, shape, "xlsx"));
            std::fs::write(&path, to_xlsx(spec, shape).unwrap()).unwrap();
            path
        })
        .collect()
}

#[test]
fn the_report_text_and_json_of_generated_workbooks() {
    let dir = std::env::temp_dir().join(format!("oj-cli-tyreso-{}", std::process::id()));
    let files = tyreso_files(&dir);
    let paths: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    let out = run(&["--kommun", "Tyresö", "--delvis", "uppfylld"], &paths);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    for line in [
        "Resultat per kvalitetsområde och totalt, ekonomiskt bistånd:",
        "Självbestämmande och integritet, 5/5 helt/delvis uppfyllda indikatorer: 100 %",
        "Totalt 24/37 uppfyllda indikatorer: 65 % (53 % 2019)",
        "Totalt 8/19 uppfyllda indikatorer: 42 % (31 % 2019)",
    ] {
        assert!(
            text.lines().any(|l| l == line),
            "missing {line:?} in\n{text}"
        );
    }
    let out = run(&["--kommun", "0138", "--jamfor", "lan", "--json"], &paths);
    assert_eq!(out.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["unit"]["name"], "Tyresö");
    assert_eq!(json["options"]["delvis"], "ej");
    let eb = &json["areas"][0];
    assert_eq!(eb["area"], "EkonomisktBistand");
    // Under the default rule the two Delvis of Självbestämmande are not fulfilled: 22/37.
    assert_eq!(eb["total"]["score"]["uppfyllda"], 22);
    assert_eq!(eb["total"]["score"]["denominator"], 37);
    assert_eq!(eb["total"]["score"]["percent"], 59);
    assert_eq!(eb["peers"]["set"]["kind"], "lan");
    assert_eq!(eb["peers"]["set"]["source"]["arbetsbok"]["column"], "Län");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn omrade_names_the_area_of_a_table_of_answers_that_names_none() {
    let dir = std::env::temp_dir().join(format!("oj-cli-omrade-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("svar.csv");
    std::fs::write(&file, oj_analys::exempel::write::answers_naming_no_area()).unwrap();
    let out = run(&["--kommun", "Tyresö"], &[&file]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim(),
        "Ingen av de inlästa tabellerna har ett känt verksamhetsområde."
    );
    let out = run(&["--kommun", "Tyresö", "--omrade", "lss"], &[&file]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.lines()
            .any(|l| l == "Totalt 2/3 uppfyllda indikatorer: 67 %"),
        "{text}"
    );
    assert!(text.contains("LSS"), "{text}");
    // A name as the files write it, and a refusal of an unknown one.
    let out = run(&["--kommun", "Tyresö", "--omrade", "Äldreomsorg"], &[&file]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .contains("äldreomsorg"));
    let out = run(&["--kommun", "Tyresö", "--omrade", "skola"], &[&file]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("okänt verksamhetsområde: skola"));
    let _ = std::fs::remove_dir_all(&dir);
}
