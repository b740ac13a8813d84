//! Writes the generated ÖJ workbooks `./bench` measures: one area's workbook at 1×, 10× and 40×
//! its size, and 80 distinct workbooks (ten areas × eight years) for the many-files figures.
//!
//! `cargo run --release --example bench-files -- DIR` (default `target/bench-files`).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use oj_analys::exempel::{oj_table, to_xlsx, IndicatorSpec, Shape, TableSpec};
use oj_analys::model::Area;

/// One area's table with its indicator columns repeated `times` times: the same rows and the
/// same kinds of cells, `times` as many of them.
fn scaled(base: &TableSpec, times: usize) -> TableSpec {
    let mut spec = base.clone();
    spec.indicators = (0..times)
        .flat_map(|copy| {
            base.indicators.iter().map(move |ind| IndicatorSpec {
                name: if copy == 0 {
                    ind.name.clone()
                } else {
                    format!("{} (kopia {copy})", ind.name)
                },
                code: ind.code.as_ref().map(|c| {
                    if copy == 0 {
                        c.clone()
                    } else {
                        format!("{c}.{copy}")
                    }
                }),
                ..ind.clone()
            })
        })
        .collect();
    for (row, base_row) in spec.rows.iter_mut().zip(&base.rows) {
        row.cells = (0..times)
            .flat_map(|_| base_row.cells.iter().cloned())
            .collect();
    }
    spec
}

fn write(path: &Path, spec: &TableSpec) -> Result<(), String> {
    let bytes = to_xlsx(spec, Shape::Wide { header_rows: 3 }).map_err(|e| e.to_string())?;
    std::fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    println!("{}", path.display());
    Ok(())
}

fn run(dir: &Path) -> Result<(), String> {
    let many = dir.join("many");
    std::fs::create_dir_all(&many).map_err(|e| format!("{}: {e}", many.display()))?;
    let one = oj_table(Area::EkonomisktBistand, 2020, 1);
    for times in [1, 10, 40] {
        write(&dir.join(format!("oj-{times}x.xlsx")), &scaled(&one, times))?;
    }
    for (a, area) in Area::ALL.into_iter().enumerate() {
        for year in 2013..=2020u16 {
            let spec = oj_table(area, year, 1000 + a as u64);
            write(&many.join(format!("oj-{year}-{}.xlsx", area.key())), &spec)?;
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    let dir = std::env::args()
        .nth(1)
        .map_or_else(|| PathBuf::from("target/bench-files"), PathBuf::from);
    match run(&dir) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bench-files: {e}");
            ExitCode::FAILURE
        }
    }
}
