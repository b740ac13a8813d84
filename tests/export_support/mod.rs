//! Shared data and readers for the export tests: a small report over two areas and three years,
//! the xlsx read back with calamine, and the CSV read back as Swedish Excel would.
#![allow(dead_code)]

use std::collections::HashMap;
use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use oj_analys::compare::peers::PeerChoice;
use oj_analys::model::{Area, Dataset, Direction, QualityArea::*};
use oj_analys::report::{Report, ReportOptions};
use oj_analys::score::DelvisRule;

use crate::engine_support::{col, dataset, num, row};

/// A unit label that a spreadsheet would run as a formula if written raw.
pub const HOSTILE: &str = "=HYPERLINK(\"http://x\")";

/// Ekonomiskt bistånd 2018–2020 and Missbruk 2020 for Tyresö (0138) and four peers, with a
/// numeric indicator whose own value is negative, and one peer whose name is [`HOSTILE`].
pub fn datasets() -> Vec<Dataset> {
    let eb = |year: u16, tyreso: &[&str]| {
        dataset(
            Area::EkonomisktBistand,
            year,
            vec![
                col("Rutin för kartläggning", Kunskapsbaserad),
                col("Systematisk uppföljning", Kunskapsbaserad),
                col("Kompetensutvecklingsplan", Kunskapsbaserad),
                col("Information om rättigheter", Sjalvbestammande),
                col("Samverkan med Arbetsförmedlingen", Helhetssyn),
                col("Rutin för SIP", Helhetssyn),
                col("Rutin för hot och våld", TrygghetSakerhet),
                col("Ansökan via e-tjänst", Tillganglighet),
                num(
                    "Förändrad handläggningstid, dagar",
                    Some(Direction::LowerIsBetter),
                ),
            ],
            vec![
                row("0138", tyreso),
                row(
                    "0188",
                    &["Ja", "Ja", "Ja", "Ja", "Nej", "Nej", "Ja", "Ja", "4"],
                ),
                row(
                    "0192",
                    &["Nej", "Nej", "Ja", "Ja", "Ja", "-", "Nej", "Ja", "2"],
                ),
                row(
                    "0120",
                    &["Ja", "Ja", "Nej", "Nej", "Nej", "Ja", "Ja", "KIS", "1"],
                ),
                row(
                    "0181",
                    &["Nej", "Ja", "Nej", "Ja", "Ja", "Ja", "Nej", "Nej", "-1"],
                ),
                row("01", &["60", "70", "55", "75", "50", "60", "65", "70", "2"]),
                row(
                    "00",
                    &["58", "66", "51", "70", "48", "61", "62", "73", "1.5"],
                ),
            ],
        )
    };
    let mut missbruk = dataset(
        Area::Missbruk,
        2020,
        vec![
            col("Rutin för samverkan med regionen", Helhetssyn),
            col("Standardiserad bedömningsmetod", Kunskapsbaserad),
            col("Uppföljning av insatser", Kunskapsbaserad),
        ],
        vec![
            row("0138", &["Delvis", "Ja", "Nej"]),
            row("0188", &["Ja", "Ja", "Ja"]),
            row("0192", &["Nej", "Ja", "Nej"]),
            row("0120", &["Ja", "Nej", "EA"]),
            row("0181", &["Ja", "Ja", "Nej"]),
        ],
    );
    if let Some(unit) = missbruk
        .units
        .iter_mut()
        .find(|u| u.code.as_deref() == Some("0181"))
    {
        unit.name = HOSTILE.to_owned();
        unit.label = HOSTILE.to_owned();
    }
    vec![
        eb(
            2018,
            &["Nej", "Nej", "Nej", "Ja", "Ja", "Nej", "Nej", "Ja", "2"],
        ),
        eb(
            2019,
            &["Ja", "Nej", "Nej", "Ja", "Ja", "Ja", "Nej", "Ja", "1"],
        ),
        eb(
            2020,
            &["Ja", "Delvis", "Nej", "EA", "Ja", "Ja", "Nej", "Ja", "-3.5"],
        ),
        missbruk,
    ]
}

pub fn options(rule: DelvisRule) -> ReportOptions {
    ReportOptions {
        kommun: "0138".into(),
        delvis: rule,
        jamfor: PeerChoice::parse("0188,0192,0120,0181").unwrap(),
        ..ReportOptions::default()
    }
}

pub fn report(rule: DelvisRule) -> Report {
    Report::build(&datasets(), &options(rule)).unwrap()
}

/// One sheet read back: the cells above the table, the header row's index, the headers, and
/// the rows under them keyed by header.
pub struct ReadSheet {
    pub name: String,
    pub grid: Vec<Vec<Data>>,
    pub header_row: usize,
    pub headers: Vec<String>,
    pub rows: Vec<HashMap<String, Data>>,
}

impl ReadSheet {
    /// Rows whose `header` cell is the text `value`.
    pub fn rows_where(&self, header: &str, value: &str) -> Vec<&HashMap<String, Data>> {
        self.rows
            .iter()
            .filter(|r| matches!(r.get(header), Some(Data::String(s)) if s == value))
            .collect()
    }
}

/// Reads every sheet of an xlsx; the header row is the first row whose first cell is `first`.
pub fn read_xlsx(bytes: &[u8]) -> Vec<ReadSheet> {
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes.to_vec())).unwrap();
    let names = workbook.sheet_names();
    names
        .into_iter()
        .map(|name| {
            let range = workbook.worksheet_range(&name).unwrap();
            let (h, w) = range
                .end()
                .map(|(r, c)| (r as usize + 1, c as usize + 1))
                .unwrap();
            let grid: Vec<Vec<Data>> = (0..h)
                .map(|r| {
                    (0..w)
                        .map(|c| {
                            range
                                .get_value((r as u32, c as u32))
                                .cloned()
                                .unwrap_or(Data::Empty)
                        })
                        .collect()
                })
                .collect();
            // The header is the first row after the blank line under the notes.
            let blank = grid
                .iter()
                .position(|r| r.iter().all(|d| matches!(d, Data::Empty)))
                .unwrap();
            let header_row = blank + 1;
            let headers: Vec<String> = grid[header_row]
                .iter()
                .map(|d| d.to_string())
                .filter(|s| !s.is_empty())
                .collect();
            let rows = grid[header_row + 1..]
                .iter()
                .map(|r| {
                    headers
                        .iter()
                        .cloned()
                        .zip(r.iter().cloned())
                        .collect::<HashMap<_, _>>()
                })
                .collect();
            ReadSheet {
                name,
                grid,
                header_row,
                headers,
                rows,
            }
        })
        .collect()
}

/// The number format code of a cell (absolute 0-based position).
pub fn number_format(bytes: &[u8], sheet: &str, pos: (u32, u32)) -> Option<String> {
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes.to_vec())).unwrap();
    let styles = workbook.worksheet_style(sheet).unwrap();
    styles
        .get(pos)
        .and_then(|s| s.number_format.as_ref())
        .map(|f| f.format_code.clone())
}

/// One part of the xlsx zip as text (`xl/worksheets/sheet1.xml`).
pub fn xlsx_part(bytes: &[u8], part: &str) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes.to_vec())).unwrap();
    let mut text = String::new();
    zip.by_name(part)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// A CSV file read as Swedish Excel reads it: BOM stripped, `;`-separated, CRLF records.
pub fn read_csv(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let body = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .expect("a UTF-8 byte order mark");
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .from_reader(body);
    let headers: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    (headers, rows)
}

/// A Swedish decimal ("12,5", "-3") as a number.
pub fn sv_number(text: &str) -> f64 {
    text.replace(',', ".").parse().unwrap()
}
