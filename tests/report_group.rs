//! Gruppöversikt (issue 15, part 3, the core and the CLI): every kommun of a group × the loaded
//! areas with its fulfilled fraction, place and quartile band, worked by hand on two fixture
//! tables written by the generator; `oj-analys report --lan/--grupp/--ut`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use oj_analys::exempel::{self, CellSpec, Shape, TableSpec};
use oj_analys::ingest::{read_workbook, ReadOptions};
use oj_analys::model::{Area, Dataset};
use oj_analys::report::group::{group_table, GroupChoice, GroupTable};
use oj_analys::report::tables::group_sheet;
use oj_analys::score::DelvisRule;

/// Four kommuner's codes and their four answers.
type Answers = [(&'static str, [&'static str; 4]); 4];

/// Four kommuner of Uppsala län answer the first four categorical indicators as below and every
/// other one "Ej aktuellt" (outside the denominator):
/// - ekonomiskt bistånd: Håbo Ja Ja Ja Ja (4/4), Älvkarleby Ja Ja Nej Delvis (2/4), Knivsta
///   Nej Nej Nej Ja (1/4), Heby Ej aktuellt throughout (no answered indicator);
/// - missbruk: Håbo Nej ×4 (0/4), Älvkarleby Ja Ja Ja Nej (3/4), Knivsta Ja Nej Nej Nej (1/4),
///   Heby Ja ×4 (4/4).
const ANSWERS: [(Area, Answers); 2] = [
    (
        Area::EkonomisktBistand,
        [
            ("0305", ["Ja", "Ja", "Ja", "Ja"]),
            ("0319", ["Ja", "Ja", "Nej", "Delvis"]),
            ("0330", ["Nej", "Nej", "Nej", "Ja"]),
            ("0331", ["Ej aktuellt"; 4]),
        ],
    ),
    (
        Area::Missbruk,
        [
            ("0305", ["Nej"; 4]),
            ("0319", ["Ja", "Ja", "Ja", "Nej"]),
            ("0330", ["Ja", "Nej", "Nej", "Nej"]),
            ("0331", ["Ja"; 4]),
        ],
    ),
];

const CODES: [&str; 4] = ["0305", "0319", "0330", "0331"];

fn worked(area: Area, answers: &Answers) -> TableSpec {
    let mut spec = exempel::fixture_table(area, 2020, 11);
    let categorical: Vec<usize> = (0..spec.indicators.len())
        .filter(|&i| spec.indicators[i].is_categorical())
        .collect();
    for (code, four) in answers {
        let row = spec
            .rows
            .iter_mut()
            .find(|r| r.code.as_deref() == Some(*code))
            .unwrap();
        for (k, &i) in categorical.iter().enumerate() {
            let text = four.get(k).copied().unwrap_or("Ej aktuellt");
            row.cells[i] = CellSpec::Text(text.to_owned());
        }
    }
    spec
}

/// The two workbooks written into `dir`.
fn files(dir: &Path) -> Vec<PathBuf> {
    std::fs::create_dir_all(dir).unwrap();
    ANSWERS
        .iter()
        .map(|(area, answers)| {
            let spec = worked(*area, answers);
            let path = dir.join(format!("{}-2020.xlsx", area.key()));
            let bytes = exempel::to_xlsx(&spec, Shape::Wide { header_rows: 3 }).unwrap();
            std::fs::write(&path, bytes).unwrap();
            path
        })
        .collect()
}

fn datasets(files: &[PathBuf]) -> Vec<Dataset> {
    files
        .iter()
        .flat_map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            read_workbook(&name, &std::fs::read(p).unwrap(), &ReadOptions::default())
                .unwrap()
                .datasets
        })
        .collect()
}

fn tmp(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("oj-group-{name}-{}", std::process::id()))
}

/// (fraction, rank, band) of a row's cells, and its total.
fn figures(table: &GroupTable, name: &str) -> Vec<(String, Option<u32>, String)> {
    let row = table.rows.iter().find(|r| r.name == name).unwrap();
    row.cells
        .iter()
        .chain(std::iter::once(&row.total))
        .map(|c| {
            (
                c.score
                    .map(|s| format!("{} {}", s.fraction_sv(), s.percent_sv()))
                    .unwrap_or_default(),
                c.placement.rank,
                c.placement.band.map(|b| b.label()).unwrap_or("").to_owned(),
            )
        })
        .collect()
}

fn fig(fraction: &str, rank: Option<u32>, band: &str) -> (String, Option<u32>, String) {
    (fraction.to_owned(), rank, band.to_owned())
}

#[test]
fn each_kommun_per_area_and_in_total_with_place_and_band() {
    let dir = tmp("core");
    let data = datasets(&files(&dir));
    let codes: Vec<String> = CODES.iter().map(|c| (*c).to_owned()).collect();
    let choice = GroupChoice::Koder {
        name: "Fyra kommuner".into(),
        codes,
    };
    let (name, codes) = choice.members().unwrap();
    let table = group_table(&data, &name, &codes, Some("0319"), DelvisRule::Ej);
    let columns: Vec<(Area, Option<u16>)> = table.areas.iter().map(|a| (a.area, a.year)).collect();
    assert_eq!(
        columns,
        [
            (Area::EkonomisktBistand, Some(2020)),
            (Area::Missbruk, Some(2020))
        ]
    );
    let names: Vec<&str> = table.rows.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["Heby", "Håbo", "Knivsta", "Älvkarleby"]);
    assert!(table.rows.iter().all(|r| r.own == (r.code == "0319")));
    // Ekonomiskt bistånd: three with answers (Heby none); missbruk and the total: all four.
    // Bands: of three, nobody is in the best or worst quarter; of four, the best and the worst.
    let (m, b, s) = ("mellersta 50 %", "bästa 25 %", "sämsta 25 %");
    assert_eq!(
        figures(&table, "Håbo"),
        [
            fig("4/4 100 %", Some(1), m),
            fig("0/4 0 %", Some(4), s),
            fig("4/8 50 %", Some(3), m)
        ]
    );
    assert_eq!(
        figures(&table, "Älvkarleby"),
        [
            fig("2/4 50 %", Some(2), m),
            fig("3/4 75 %", Some(2), m),
            fig("5/8 63 %", Some(2), m)
        ]
    );
    assert_eq!(
        figures(&table, "Knivsta"),
        [
            fig("1/4 25 %", Some(3), m),
            fig("1/4 25 %", Some(3), m),
            fig("2/8 25 %", Some(4), s)
        ]
    );
    assert_eq!(
        figures(&table, "Heby"),
        [
            fig("0/0 –", None, ""),
            fig("4/4 100 %", Some(1), b),
            fig("4/4 100 %", Some(1), b)
        ]
    );
    let heby_eb = &table.rows[0].cells[0].placement;
    assert_eq!((heby_eb.with_data, heby_eb.in_group), (3, 4));

    // The sheet: per area and in total uppfyllda, nämnare, the exact share, place, quartile.
    let sheet = group_sheet(&table, None);
    assert_eq!(sheet.name, "Gruppöversikt");
    assert_eq!(sheet.cell(3, "Kommun").unwrap().display_sv(), "Älvkarleby");
    assert_eq!(sheet.cell(3, "Egen").unwrap().display_sv(), "egen");
    assert_eq!(
        sheet
            .cell(3, "Totalt: andel uppfyllda")
            .unwrap()
            .display_sv(),
        "63 %"
    );
    assert_eq!(
        sheet
            .cell(1, "Missbruks- och beroendevård 2020: plats")
            .unwrap()
            .display_sv(),
        "4"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

fn cli(args: &[&str], files: &[PathBuf]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_oj-analys"))
        .arg("report")
        .args(args)
        .args(files)
        .output()
        .expect("runs")
}

fn stdout(out: &Output) -> String {
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

#[test]
fn the_cli_writes_the_group_table_of_a_lan_and_of_listed_kommuner() {
    let dir = tmp("cli");
    let files = files(&dir);
    let text = stdout(&cli(&["--lan", "03"], &files));
    assert!(
        text.starts_with("Gruppöversikt: Uppsala län (8 kommuner)\n"),
        "{text}"
    );
    let listed = stdout(&cli(
        &["--kommun", "Håbo,Älvkarleby,Knivsta,Heby", "--grupp"],
        &files,
    ));
    let block = "Älvkarleby (0319):\n  \
                 Ekonomiskt bistånd 2020: 2/4 (50 %), plats 2 av 3 med uppgift, mellersta 50 %\n  \
                 Missbruks- och beroendevård 2020: 3/4 (75 %), plats 2 av 4 med uppgift, mellersta 50 %\n  \
                 Totalt: 5/8 (63 %), plats 2 av 4 med uppgift, mellersta 50 %\n";
    assert!(listed.contains(block), "{listed}");
    assert!(
        listed.contains("Heby (0331):\n  Ekonomiskt bistånd 2020: inga besvarade indikatorer\n")
    );
    // One kommun with --grupp: it and its peer group, it marked.
    let own = stdout(&cli(
        &["--kommun", "Håbo", "--grupp", "--jamfor", "lan"],
        &files,
    ));
    assert!(own.starts_with("Gruppöversikt: Håbo med jämförelsegrupp – Kommunerna i samma län"));
    assert!(own.contains("Håbo (0305), vald kommun:"), "{own}");
    // Errors: an unknown län, and JSON of the table.
    let out = cli(&["--lan", "99"], &files);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim(),
        "Okänt län: 99."
    );
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&cli(&["--lan", "Uppsala län", "--json"], &files))).unwrap();
    assert_eq!(json["name"], "Uppsala län");
    assert_eq!(json["rows"].as_array().unwrap().len(), 8);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_cli_writes_one_report_per_kommun_of_a_lan_into_a_folder() {
    let dir = tmp("ut");
    let files = files(&dir);
    let ut = dir.join("rapporter");
    let text = stdout(&cli(&["--lan", "03", "--ut", ut.to_str().unwrap()], &files));
    assert!(
        text.starts_with("8 rapporter och gruppöversikten (Uppsala län) skrivna i"),
        "{text}"
    );
    let mut names: Vec<String> = std::fs::read_dir(&ut)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 11, "{names:?}");
    for name in [
        "gruppoversikt.csv",
        "gruppoversikt.txt",
        "gruppoversikt.xlsx",
        "habo-0305.txt",
        "alvkarleby-0319.txt",
    ] {
        assert!(names.contains(&name.to_owned()), "{name} in {names:?}");
    }
    // Each report is the one `report --kommun` prints.
    let habo = std::fs::read_to_string(ut.join("habo-0305.txt")).unwrap();
    assert_eq!(habo, stdout(&cli(&["--kommun", "Håbo"], &files)));
    let csv = std::fs::read(ut.join("gruppoversikt.csv")).unwrap();
    let csv = String::from_utf8_lossy(&csv);
    // Älvkarleby's hand-worked 2/4 in ekonomiskt bistånd, the exact share and its percent.
    assert!(csv.contains("\r\n0319;Älvkarleby;;2;4;0,5;50;"), "{csv}");
    // Several kommuner: their reports only.
    let two = dir.join("tva");
    stdout(&cli(
        &["--kommun", "Håbo,Heby", "--ut", two.to_str().unwrap()],
        &files,
    ));
    assert_eq!(std::fs::read_dir(&two).unwrap().count(), 5);
    let _ = std::fs::remove_dir_all(&dir);
}
