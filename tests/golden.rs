//! Golden outputs: `oj-analys report`, `export` and `inspect` on the example data (the Tyresö
//! series), the committed fixture set and the real workbooks give exactly the bytes recorded
//! under `tests/golden/`, and the example generator writes exactly the workbooks it wrote then.
//!
//! This pins behaviour across refactorings. A change that means to alter an output records the
//! new outputs on purpose and the diff of `tests/golden/` is reviewed with it:
//!
//! ```sh
//! OJ_GOLDEN=update cargo test --test golden
//! ```
//!
//! On a mismatch the actual outputs are written to `target/golden-actual/` (diff them against
//! `tests/golden/`). Text outputs up to [`STORED_MAX`] bytes are stored whole; larger or binary
//! ones (xlsx, the Tyresö report as JSON) by size and FNV-1a fingerprint in `MANIFEST.txt`, which
//! also records every command line, exit code and error message. Exports carry a fixed
//! `--datum` (or `--datum ingen`), so nothing depends on the clock.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The largest output stored whole; larger ones are fingerprinted.
const STORED_MAX: usize = 128 * 1024;

/// The export date every export case writes.
const DATUM: &str = "2025-01-31";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn golden_dir() -> PathBuf {
    root().join("tests/golden")
}

fn updating() -> bool {
    std::env::var("OJ_GOLDEN").is_ok_and(|v| v == "update")
}

/// FNV-1a, 64 bits: a fingerprint of bytes (a change detector, not a security hash).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// One output of one case: its name under `tests/golden/` and its bytes.
struct Artifact {
    name: String,
    bytes: Vec<u8>,
}

impl Artifact {
    fn stored(&self) -> bool {
        self.bytes.len() <= STORED_MAX && std::str::from_utf8(&self.bytes).is_ok()
    }
}

/// Everything a group of cases produced: the manifest text and the artifacts.
#[derive(Default)]
struct Outputs {
    manifest: String,
    artifacts: Vec<Artifact>,
}

impl Outputs {
    fn add(&mut self, name: String, bytes: Vec<u8>) {
        let artifact = Artifact { name, bytes };
        if artifact.bytes.is_empty() {
            let _ = writeln!(self.manifest, "  {} (empty)", artifact.name);
            return;
        }
        if artifact.stored() {
            let _ = writeln!(self.manifest, "  {} (stored)", artifact.name);
        } else {
            let _ = writeln!(
                self.manifest,
                "  {} {} bytes fnv1a {:016x}",
                artifact.name,
                artifact.bytes.len(),
                fnv1a(&artifact.bytes)
            );
        }
        self.artifacts.push(artifact);
    }
}

/// The directories whose absolute paths are written as `$NAME` in the manifest.
struct Places {
    exempel: PathBuf,
    fixtures: PathBuf,
    real: PathBuf,
    scratch: PathBuf,
}

impl Places {
    fn get() -> &'static Places {
        static PLACES: std::sync::OnceLock<Places> = std::sync::OnceLock::new();
        PLACES.get_or_init(|| {
            let scratch = std::env::temp_dir().join(format!("oj-golden-{}", std::process::id()));
            let exempel = scratch.join("exempel");
            std::fs::create_dir_all(&exempel).unwrap();
            for file in oj_analys::exempel::example_files().unwrap() {
                std::fs::write(exempel.join(&file.name), &file.bytes).unwrap();
            }
            let real = root().join("../shared/fixtures/real");
            assert!(
                real.is_dir(),
                "the golden test needs the real workbooks in {} (../shared beside the checkout)",
                real.display()
            );
            Places {
                exempel,
                fixtures: root().join("tests/fixtures/generated"),
                real,
                scratch,
            }
        })
    }

    /// A path or message with the machine's directories as `$EXEMPEL`, `$FIXTURES` ….
    fn neutral(&self, text: &str) -> String {
        let mut text = text.to_owned();
        for (dir, name) in [
            (&self.exempel, "$EXEMPEL"),
            (&self.fixtures, "$FIXTURES"),
            (&self.real, "$REAL"),
            (&self.scratch, "$SCRATCH"),
        ] {
            text = text.replace(&dir.display().to_string(), name);
        }
        text
    }
}

fn sorted_files(dir: &Path, keep: impl Fn(&str) -> bool) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().is_some_and(|n| keep(&n.to_string_lossy())))
        .collect();
    files.sort();
    files
}

fn tyreso_series() -> Vec<PathBuf> {
    sorted_files(&Places::get().exempel, |n| n.ends_with(".xlsx"))
}

/// Ekonomiskt bistånd 2018–2020 of the series: the options' variants, at a sixth of the cost.
fn bistand_series() -> Vec<PathBuf> {
    sorted_files(&Places::get().exempel, |n| n.contains("ekonomiskt-bistand"))
}

/// The fixture workbooks and csv files (not the specs or the manifest).
fn fixture_files() -> Vec<PathBuf> {
    sorted_files(&Places::get().fixtures, |n| {
        [".xlsx", ".xls", ".ods", ".csv"]
            .iter()
            .any(|e| n.ends_with(e))
    })
}

fn real_files() -> Vec<PathBuf> {
    sorted_files(&Places::get().real, |n| n.ends_with(".xlsx"))
}

fn file_name(path: &Path) -> String {
    path.file_name().unwrap().to_string_lossy().into_owned()
}

/// Runs the CLI; records the command line, exit code and stderr in the manifest and stdout as
/// the artifact `stdout_name` (when given).
fn run(out: &mut Outputs, stdout_name: Option<&str>, args: &[String], files: &[PathBuf]) {
    let places = Places::get();
    let output = Command::new(env!("CARGO_BIN_EXE_oj-analys"))
        .args(args)
        .args(files)
        .output()
        .expect("the CLI runs");
    let inputs = match files {
        [one] => places.neutral(&one.display().to_string()),
        many => format!("{} files in {}", many.len(), {
            let parent = many.first().and_then(|p| p.parent()).unwrap();
            places.neutral(&parent.display().to_string())
        }),
    };
    let _ = writeln!(
        out.manifest,
        "oj-analys {} {inputs}\n  exit {}",
        places.neutral(&args.join(" ")),
        output
            .status
            .code()
            .map_or("signal".into(), |c| c.to_string())
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    for line in stderr.lines() {
        let _ = writeln!(out.manifest, "  stderr: {}", places.neutral(line));
    }
    if let Some(name) = stdout_name {
        out.add(name.to_owned(), output.stdout);
    }
}

fn args(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}

/// Compares the outputs with `tests/golden/<group>/`, or records them with `OJ_GOLDEN=update`.
fn check(group: &str, out: Outputs) {
    let dir = golden_dir().join(group);
    if updating() {
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("MANIFEST.txt"), &out.manifest).unwrap();
        for a in out.artifacts.iter().filter(|a| a.stored()) {
            let path = dir.join(&a.name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, &a.bytes).unwrap();
        }
        return;
    }
    let mut differ: Vec<String> = Vec::new();
    let expected_manifest = std::fs::read_to_string(dir.join("MANIFEST.txt")).unwrap_or_default();
    if expected_manifest != out.manifest {
        differ.push("MANIFEST.txt".into());
    }
    for a in out.artifacts.iter().filter(|a| a.stored()) {
        if std::fs::read(dir.join(&a.name)).ok().as_deref() != Some(a.bytes.as_slice()) {
            differ.push(a.name.clone());
        }
    }
    if differ.is_empty() {
        return;
    }
    let actual = root().join("target/golden-actual").join(group);
    let _ = std::fs::remove_dir_all(&actual);
    std::fs::create_dir_all(&actual).unwrap();
    std::fs::write(actual.join("MANIFEST.txt"), &out.manifest).unwrap();
    for a in &out.artifacts {
        let path = actual.join(&a.name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, &a.bytes).unwrap();
    }
    panic!(
        "{} output(s) of {group} differ from tests/golden/{group}: {}.\n\
         The actual outputs are in {}; compare with `diff -r tests/golden/{group} target/golden-actual/{group}`.\n\
         If the change is intended, record the new outputs with `OJ_GOLDEN=update cargo test --test golden` and review the diff.",
        differ.len(),
        differ.join(", "),
        actual.display()
    );
}

#[test]
fn report_on_the_example_data_is_unchanged() {
    let mut out = Outputs::default();
    let series = tyreso_series();
    let bistand = bistand_series();
    let tyreso = |extra: &[&str]| {
        let mut a = args(&["report", "--kommun", "Tyresö"]);
        a.extend(args(extra));
        a
    };
    run(&mut out, Some("tyreso.txt"), &tyreso(&[]), &series);
    run(&mut out, Some("tyreso.json"), &tyreso(&["--json"]), &series);
    run(
        &mut out,
        Some("bistand-kod.txt"),
        &args(&["report", "--kommun", "0138"]),
        &bistand,
    );
    for delvis in ["ej", "halv", "uppfylld"] {
        let name = format!("bistand-delvis-{delvis}.txt");
        run(
            &mut out,
            Some(&name),
            &tyreso(&["--delvis", delvis]),
            &bistand,
        );
    }
    for jamfor in [
        "lan",
        "storleksgrupp",
        "skr2017",
        "skr2023",
        "liknande",
        "alla",
        "0188,0305,0117",
    ] {
        let name = format!("bistand-jamfor-{}.txt", jamfor.replace(',', "-"));
        run(
            &mut out,
            Some(&name),
            &tyreso(&["--jamfor", jamfor]),
            &bistand,
        );
    }
    run(
        &mut out,
        Some("skarholmen-jamfor-stadsdelar.txt"),
        &args(&["report", "--kommun", "Skärholmen", "--jamfor", "stadsdelar"]),
        &bistand,
    );
    let fixtures = fixture_files();
    for file in &fixtures {
        let name = format!("fixtures/{}.txt", file_name(file));
        run(
            &mut out,
            Some(&name),
            &tyreso(&[]),
            std::slice::from_ref(file),
        );
    }
    let fixtures_wide3: Vec<PathBuf> = fixtures
        .iter()
        .filter(|p| file_name(p).ends_with(".wide3.xlsx"))
        .cloned()
        .collect();
    run(
        &mut out,
        Some("fixtures-bistand-halv.json"),
        &tyreso(&["--json", "--delvis", "halv", "--jamfor", "lan"]),
        &fixtures_wide3,
    );
    for file in &real_files() {
        let name = format!("real/{}.txt", file_name(file));
        run(
            &mut out,
            Some(&name),
            &tyreso(&[]),
            std::slice::from_ref(file),
        );
    }
    check("report", out);
}

#[test]
fn export_on_the_example_data_is_unchanged() {
    let places = Places::get();
    let mut out = Outputs::default();
    let series = tyreso_series();
    let bistand = bistand_series();
    let scratch = places.scratch.join("export");
    std::fs::create_dir_all(&scratch).unwrap();
    let export = |extra: &[&str]| {
        let mut a = args(&["export", "--kommun", "Tyresö"]);
        a.extend(args(extra));
        a
    };
    // Files written with --out: the xlsx workbooks, csv named by its extension, csv directories.
    let to_file = |out: &mut Outputs, name: &str, extra: &[&str], files: &[PathBuf]| {
        let path = scratch.join(name);
        let mut a = export(extra);
        a.extend(["--out".to_owned(), path.display().to_string()]);
        run(out, None, &a, files);
        if path.is_dir() {
            for file in sorted_files(&path, |_| true) {
                let bytes = std::fs::read(&file).unwrap();
                out.add(format!("{name}/{}", file_name(&file)), bytes);
            }
        } else {
            out.add(name.to_owned(), std::fs::read(&path).unwrap_or_default());
        }
    };
    to_file(&mut out, "tyreso.xlsx", &["--datum", DATUM], &series);
    to_file(
        &mut out,
        "bistand-utan-datum.xlsx",
        &["--datum", "ingen"],
        &bistand,
    );
    to_file(
        &mut out,
        "bistand-halv-lan.xlsx",
        &["--delvis", "halv", "--jamfor", "lan", "--datum", DATUM],
        &bistand,
    );
    to_file(
        &mut out,
        "bistand-standardtabell.csv",
        &["--datum", DATUM],
        &bistand,
    );
    to_file(
        &mut out,
        "tyreso-csv-alla",
        &["--format", "csv", "--tabell", "alla", "--datum", DATUM],
        &series,
    );
    for tabell in [
        "sammanfattning",
        "kvalitetsomraden",
        "indikatorer",
        "jamforelse",
        "over-tid",
        "kallor",
    ] {
        let name = format!("bistand-{tabell}-uppfylld-skr2023.csv");
        let a = export(&[
            "--format", "csv", "--tabell", tabell, "--delvis", "uppfylld", "--jamfor", "skr2023",
            "--datum", "ingen", "--out", "-",
        ]);
        run(&mut out, Some(&name), &a, &bistand);
    }
    let fixtures_wide3: Vec<PathBuf> = fixture_files()
        .into_iter()
        .filter(|p| file_name(p).ends_with(".wide3.xlsx"))
        .collect();
    to_file(
        &mut out,
        "fixtures-bistand.xlsx",
        &["--datum", DATUM],
        &fixtures_wide3,
    );
    to_file(
        &mut out,
        "fixtures-bistand-csv-alla",
        &["--format", "csv", "--tabell", "alla", "--datum", DATUM],
        &fixtures_wide3,
    );
    check("export", out);
}

#[test]
fn inspect_of_every_fixture_and_real_workbook_is_unchanged() {
    let mut out = Outputs::default();
    for (group, files) in [("fixtures", fixture_files()), ("real", real_files())] {
        for file in &files {
            let stem = format!("{group}/{}", file_name(file));
            run(
                &mut out,
                Some(&format!("{stem}.txt")),
                &args(&["inspect"]),
                std::slice::from_ref(file),
            );
            run(
                &mut out,
                Some(&format!("{stem}.json")),
                &args(&["inspect", "--json"]),
                std::slice::from_ref(file),
            );
        }
    }
    check("inspect", out);
}

#[test]
fn the_example_generator_writes_the_same_workbooks() {
    use oj_analys::exempel::{self, Encoding, Shape};
    use oj_analys::model::Area;
    let mut out = Outputs::default();
    for file in exempel::example_files().unwrap() {
        out.add(format!("exempel/{}", file.name), file.bytes);
    }
    // Every area's catalogue, before and after the year it changes, in the fixtures' size.
    for area in Area::ALL {
        for year in [2019, 2020] {
            let spec = exempel::fixture_table(area, year, 7);
            let bytes = exempel::to_xlsx(&spec, Shape::Wide { header_rows: 3 }).unwrap();
            out.add(format!("omraden/{}-{year}.xlsx", area.key()), bytes);
        }
    }
    // Every shape and both csv encodings of one full table (all kommuner).
    let spec = exempel::oj_table(Area::Missbruk, 2021, 11);
    for shape in Shape::ALL {
        let bytes = exempel::to_xlsx(&spec, shape).unwrap();
        out.add(format!("former/missbruk-2021.{}.xlsx", shape.key()), bytes);
    }
    for (encoding, delimiter) in [(Encoding::Utf8Bom, b','), (Encoding::Windows1252, b';')] {
        let bytes = exempel::to_csv(&spec, Shape::Wide { header_rows: 1 }, encoding, delimiter);
        out.add(format!("former/missbruk-2021.{encoding:?}.csv"), bytes);
    }
    check("exempel", out);
}
