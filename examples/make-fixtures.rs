//! Writes the fictitious example workbooks: into `public/exempel/` (or the directory given), or
//! with `--test-fixtures DIR` the small fixture set (every shape, xlsx and csv, spec as JSON).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use oj_analys::exempel::{self, Encoding, Shape, TableSpec};
use oj_analys::model::Area;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("--test-fixtures") => {
            let dir = args
                .get(1)
                .map(PathBuf::from)
                .unwrap_or_else(|| PathBuf::from("tests/fixtures/generated"));
            write_test_fixtures(&dir)
        }
        Some(dir) => write_examples(Path::new(dir)),
        None => write_examples(Path::new("public/exempel")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> Result<(), String> {
    let path = dir.join(name);
    std::fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    println!("{}", path.display());
    Ok(())
}

fn write_examples(dir: &Path) -> Result<(), String> {
    let started = std::time::Instant::now();
    let files =
        exempel::example_files().map_err(|e| format!("kunde inte skapa exempelfilerna: {e}"))?;
    eprintln!(
        "{} exempelfiler skapade på {} ms",
        files.len(),
        started.elapsed().as_millis()
    );
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for file in files {
        write(dir, &file.name, &file.bytes)?;
    }
    Ok(())
}

/// The fixture set: the reduced ekonomiskt bistånd 2020 table in every shape, the 2019 table
/// (year matching) in the classic shape, csv in both encodings, and the reduced table of the
/// model of 2023– (2022–2024 in one sheet) in the example's layout.
pub fn write_test_fixtures(dir: &Path) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let seed = 2020;
    let specs: Vec<(String, TableSpec, Vec<Shape>)> = vec![
        (
            "ekonomiskt-bistand-2020".into(),
            exempel::fixture_table(Area::EkonomisktBistand, 2020, seed),
            Shape::ALL.to_vec(),
        ),
        (
            "ekonomiskt-bistand-2019".into(),
            exempel::fixture_table(Area::EkonomisktBistand, 2019, seed),
            vec![Shape::Wide { header_rows: 3 }],
        ),
    ];
    for (stem, spec, shapes) in specs {
        let json = serde_json::to_string_pretty(&spec).map_err(|e| e.to_string())?;
        write(dir, &format!("{stem}.spec.json"), json.as_bytes())?;
        for shape in shapes {
            let bytes = exempel::to_xlsx(&spec, shape).map_err(|e| e.to_string())?;
            write(dir, &format!("{stem}.{}.xlsx", shape.key()), &bytes)?;
        }
        let shape = Shape::Wide { header_rows: 1 };
        write(
            dir,
            &format!("{stem}.wide1.cp1252-semikolon.csv"),
            &exempel::to_csv(&spec, shape, Encoding::Windows1252, b';'),
        )?;
        write(
            dir,
            &format!("{stem}.wide1.utf8bom-komma.csv"),
            &exempel::to_csv(&spec, shape, Encoding::Utf8Bom, b','),
        )?;
    }
    let years = exempel::years_fixture(2024);
    let json = serde_json::to_string_pretty(&years).map_err(|e| e.to_string())?;
    write(
        dir,
        "ekonomiskt-bistand-2022-2024.spec.json",
        json.as_bytes(),
    )?;
    let layout = exempel::YearsLayout::example();
    let bytes = exempel::years_to_xlsx(&years, &layout).map_err(|e| e.to_string())?;
    write(
        dir,
        &format!("ekonomiskt-bistand-2022-2024.{}.xlsx", layout.key()),
        &bytes,
    )?;
    Ok(())
}
