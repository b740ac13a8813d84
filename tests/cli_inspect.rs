//! `oj-analys inspect`: the reading report in Swedish or JSON, and its exit codes — 0 when every
//! file gave a dataset, 1 when a file was read but held none, 2 when a file could not be read.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn real(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/fixtures/real")
        .join(name)
}

fn inspect(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_oj-analys"))
        .arg("inspect")
        .args(args)
        .output()
        .expect("runs")
}

fn tmp_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("oj-inspect-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp");
    dir
}

#[test]
fn real_workbooks_exit_0_with_the_key_lines() {
    let stroke = real("2024-11-9295-tables.xlsx");
    let allergy = real("Statistikdatabasen_2025-allergy.xlsx");
    let out = inspect(&[stroke.as_os_str(), allergy.as_os_str()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("utf-8");
    for line in [
        "Fil: 2024-11-9295-tables.xlsx",
        "30 blad, 25 tabeller lästa",
        "  Innehållsförteckning: inte data (innehållsförteckning)",
        "  Rubrik: Tabell 2. Personer med minst ett fall av stroke efter län och kön, 20 år och äldre, 1987−2023",
        "  Enheter i kolumn A \"Län\"",
        "  Enheter: 21 län, 1 riket, 1 okänd",
        "  Fotnot: Källa: Patientregistret och dödsorsaksregistret, Socialstyrelsen",
        "Fil: Statistikdatabasen_2025-allergy.xlsx",
        "  Layout: lång (ett värde per rad)",
        "  Enheter i kolumn C \"Region\"",
        "  Dimension Månad: 12 värden",
        "  Indikatorer: 0 kategoriska, 4 numeriska",
    ] {
        assert!(text.contains(line), "missing {line:?} in\n{text}");
    }
}

#[test]
fn json_is_a_list_of_readings() {
    let allergy = real("Statistikdatabasen_2025-allergy.xlsx");
    let out = inspect(&[allergy.as_os_str(), "--json".as_ref()]);
    assert_eq!(out.status.code(), Some(0));
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let list = value.as_array().expect("list");
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["file"], "Statistikdatabasen_2025-allergy.xlsx");
    assert_eq!(list[0]["datasets"][0]["layout"], "Long");
    assert_eq!(list[0]["datasets"][0]["units"]["lan"], 21);
}

#[test]
fn a_file_without_tables_exits_1() {
    let dir = tmp_dir();
    let path = dir.join("bara-text.csv");
    std::fs::write(&path, "Rubrik;Förklaring\nEtt;Två\nTre;Fyra\n").expect("write");
    let out = inspect(&[path.as_os_str()]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Ingen tabell kunde läsas ur filen."),
        "{text}"
    );
    // One good file does not hide the empty one.
    let good = real("Statistikdatabasen_2025-allergy.xlsx");
    let out = inspect(&[good.as_os_str(), path.as_os_str()]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn an_unreadable_file_exits_2_with_one_line() {
    let dir = tmp_dir();
    let pdf = dir.join("rapport.xlsx");
    std::fs::write(&pdf, b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n").expect("write");
    let out = inspect(&[pdf.as_os_str()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(err.contains("rapport.xlsx"), "{err}");
    let missing = dir.join("finns-inte.xlsx");
    let out = inspect(&[missing.as_os_str()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("kunde inte öppnas"));
}

#[test]
fn a_kolada_table_reads_as_kommuner_by_year_and_omrade_is_a_correction() {
    let dir = tmp_dir();
    let file = dir.join("kolada.csv");
    let mut w = csv::Writer::from_path(&file).unwrap();
    w.write_record(["geo", "year", "u31341"]).unwrap();
    for year in ["2023", "2024"] {
        for k in &oj_analys::reference::Reference::get().kommuner {
            w.write_record([k.kod.as_str(), year, "1"]).unwrap();
        }
    }
    w.flush().unwrap();
    let out = inspect(&[file.as_os_str(), "--omrade".as_ref(), "missbruk".as_ref()]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).expect("utf-8");
    for line in [
        "1 blad, 2 tabeller lästa",
        "  Enheter i kolumn A \"geo\"",
        "  Enheter: 290 kommuner",
        "  År: 2023 (kolumnen year i tabellen)",
        "  År: 2024 (kolumnen year i tabellen)",
        "  Rättelse: område: Missbruks- och beroendevård (tabellen namnger inget område)",
    ] {
        assert!(
            text.lines().any(|l| l == line),
            "missing {line:?} in\n{text}"
        );
    }
    assert!(!text.contains("Varning"), "{text}");
}
