//! Readers for the export tests: the xlsx with calamine, the CSV as Swedish Excel reads it.
#![allow(dead_code)]

use std::collections::HashMap;
use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

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
