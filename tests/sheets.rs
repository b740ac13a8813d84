//! The real Socialstyrelsen workbooks open natively and list their sheets; the CLI says the same.

use std::path::{Path, PathBuf};
use std::process::Command;

fn real(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/fixtures/real")
        .join(name)
}

#[test]
fn stroke_workbook_has_30_sheets_in_order() {
    let bytes = std::fs::read(real("2024-11-9295-tables.xlsx")).expect("fixture");
    let sheets = oj_analys::ingest::list_sheets(&bytes).expect("opens");
    assert_eq!(sheets.len(), 30);
    assert_eq!(sheets[0].name, "Innehållsförteckning");
    assert_eq!(sheets[29].name, "Figur 3");
    assert!(sheets.iter().all(|s| !s.hidden));
}

#[test]
fn statistikdatabasen_export_is_one_sheet_of_six_columns() {
    let bytes = std::fs::read(real("Statistikdatabasen_2025-allergy.xlsx")).expect("fixture");
    let sheets = oj_analys::ingest::list_sheets(&bytes).expect("opens");
    assert_eq!(sheets.len(), 1);
    assert_eq!((sheets[0].rows, sheets[0].cols), (1059, 6));
}

#[test]
fn cli_lists_sheets_and_fails_with_exit_2_on_garbage() {
    let exe = env!("CARGO_BIN_EXE_oj-analys");
    let ok = Command::new(exe)
        .args(["sheets"])
        .arg(real("2024-9-9230-tables.xlsx"))
        .output()
        .expect("runs");
    assert!(ok.status.success());
    let stdout = String::from_utf8_lossy(&ok.stdout);
    assert!(stdout.contains("26 blad"), "{stdout}");
    assert!(stdout.contains("Konverteringstabell"));

    let dir = std::env::temp_dir().join(format!("oj-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp");
    let garbage = dir.join("skrap.xlsx");
    std::fs::write(&garbage, b"PK\x03\x04 not really").expect("write");
    let bad = Command::new(exe)
        .arg("sheets")
        .arg(&garbage)
        .output()
        .expect("runs");
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("kunde inte läsas"));
}

#[test]
fn cli_help_describes_the_command_line_program_in_swedish() {
    let help = Command::new(env!("CARGO_BIN_EXE_oj-analys"))
        .arg("--help")
        .output()
        .expect("runs");
    assert!(help.status.success());
    let text = String::from_utf8_lossy(&help.stdout);
    assert!(text.starts_with("ÖJ-analys på kommandoraden"), "{text}");
    assert!(text.contains("samma motor som webbsidan"), "{text}");
    assert!(!text.contains("i webbläsaren"), "{text}");
    for command in ["sheets", "inspect", "report", "export"] {
        assert!(text.contains(command), "{command} in {text}");
    }
}
