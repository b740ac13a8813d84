//! The analysis every block shares before a layout is chosen: the shape of each cell, the
//! preliminary value columns, the header rows, each column's header text and header word, and the
//! split into label columns and value columns.

use std::collections::{BTreeMap, BTreeSet};

use super::header::{indicator_category, indicator_type, MergeIndex};
use super::template::Block;
use super::words::{header_word, HeaderWord};
use crate::ingest::grid::{CellValue, Grid};
use crate::ingest::units::{LabelCache, UnitMatcher};
use crate::ingest::values::{shape, CellShape};
use crate::model::column_letters;

/// A block of a sheet with what surrounds it and the user's choices for its sheet.
pub struct BlockCtx<'a> {
    pub grid: &'a Grid,
    pub block: &'a Block,
    /// Whether the sheet follows Socialstyrelsen's template.
    pub template: bool,
    /// The user's number of header rows.
    pub forced_header_rows: Option<u8>,
    /// The user's unit column (units in rows).
    pub forced_unit: Option<u32>,
    pub block_index: usize,
    pub n_blocks: usize,
}

/// One row of the block with the shape of each cell.
pub struct RowCells {
    pub row: u32,
    pub cells: Vec<(u32, CellShape)>,
}

/// How many cells of a column look like values (or years) and how many like labels.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ShapeCount {
    pub values: u32,
    pub labels: u32,
}

/// A column's header, read from the header rows (merges filled), and what its words name.
#[derive(Clone, Debug, PartialEq)]
pub struct ColumnHeader {
    pub text: String,
    pub word: HeaderWord,
}

/// What the shared analysis found in a block.
pub struct Analysis {
    /// Every row of the block, header rows included.
    pub rows: Vec<RowCells>,
    /// Index into `rows` of the first data row.
    pub data_start: usize,
    /// The header rows, top to bottom.
    pub header_rows: Vec<u32>,
    /// Merged regions crossing the header rows.
    pub merges: MergeIndex,
    /// Every column with a cell in the data rows or the header rows.
    pub headers: BTreeMap<u32, ColumnHeader>,
    /// Columns of labels (units, groupings, dimensions, indicator names), left to right.
    pub label_cols: Vec<u32>,
    /// Columns of values, left to right.
    pub value_cols: Vec<u32>,
    /// Label columns of unit codes by their content, whatever their header (Kolada's `geo`).
    pub code_cols: BTreeSet<u32>,
}

impl Analysis {
    /// The rows below the header rows.
    pub fn data(&self) -> &[RowCells] {
        self.rows.get(self.data_start..).unwrap_or(&[])
    }

    /// The first and last data row.
    pub fn data_rows(&self) -> (u32, u32) {
        let data = self.data();
        (
            data.first().map_or(0, |r| r.row),
            data.last().map_or(0, |r| r.row),
        )
    }

    /// The column's header as written ("" when it has none).
    pub fn header(&self, col: u32) -> &str {
        self.headers.get(&col).map_or("", |h| h.text.as_str())
    }

    /// The column's header, or "Kolumn C" when it has none.
    pub fn header_or_letters(&self, col: u32) -> String {
        match self.header(col) {
            "" => format!("Kolumn {}", column_letters(col)),
            h => h.to_owned(),
        }
    }

    pub fn word(&self, col: u32) -> HeaderWord {
        self.headers.get(&col).map_or(HeaderWord::None, |h| h.word)
    }

    /// A header cell's text (merges filled), `None` when empty.
    pub fn header_text(&self, grid: &Grid, row: u32, col: u32) -> Option<String> {
        self.merges
            .get(grid, row, col)
            .map(CellValue::as_text)
            .filter(|t| !t.trim().is_empty())
    }
}

/// Analyses a block, or says why it holds no table.
pub fn analyse(ctx: &BlockCtx<'_>, cache: &mut LabelCache) -> Result<Analysis, String> {
    let grid = ctx.grid;
    let rows = shaped_rows(grid, &ctx.block.rows);
    let code_cols = code_columns(grid, &ctx.block.rows);
    let prelim = preliminary_value_cols(&rows, ctx.forced_unit, &code_cols);
    if prelim.is_empty() {
        return Err("ingen kolumn med värden".to_owned());
    }
    let (header_idx, data_start) = detect_header(&rows, &prelim, ctx.forced_header_rows);
    let header_rows: Vec<u32> = header_idx
        .iter()
        .filter_map(|&i| rows.get(i).map(|r| r.row))
        .collect();
    let data = rows.get(data_start..).unwrap_or(&[]);
    if data.is_empty() {
        return Err("bara rubrikrader, inga datarader".to_owned());
    }
    let merges = MergeIndex::new(grid, &header_rows);
    let counts = shape_counts(data);
    let mut all_cols: BTreeSet<u32> = counts.keys().copied().collect();
    for &r in &header_rows {
        all_cols.extend(grid.row(r).iter().map(|(_, c, _)| *c));
    }
    let headers = column_headers(grid, &merges, &header_rows, &all_cols, cache);
    let (label_cols, value_cols) =
        split_columns(&all_cols, &counts, &headers, ctx.forced_unit, &code_cols);
    if value_cols.is_empty() {
        return Err("ingen kolumn med värden".to_owned());
    }
    Ok(Analysis {
        rows,
        data_start,
        header_rows,
        merges,
        headers,
        label_cols,
        value_cols,
        code_cols,
    })
}

/// The block's rows with the shape of each cell.
fn shaped_rows(grid: &Grid, rows: &[u32]) -> Vec<RowCells> {
    rows.iter()
        .map(|&r| RowCells {
            row: r,
            cells: grid
                .row(r)
                .iter()
                .map(|(_, c, v)| (*c, cell_shape(v)))
                .collect(),
        })
        .collect()
}

/// The shape of a cell for layout detection: as [`shape`], except that digits written as text
/// that are a kommun or län code ("1401", "14") are labels, as in a header row of codes.
fn cell_shape(cell: &CellValue) -> CellShape {
    match cell {
        CellValue::Text(t)
            if (2..=4).contains(&t.len())
                && t.bytes().all(|b| b.is_ascii_digit())
                && UnitMatcher::get().code(t).is_some() =>
        {
            CellShape::Label
        }
        other => shape(other),
    }
}

/// Value- or year-shaped cells and label cells per column.
fn shape_counts(rows: &[RowCells]) -> BTreeMap<u32, ShapeCount> {
    let mut counts: BTreeMap<u32, ShapeCount> = BTreeMap::new();
    for rc in rows {
        for (c, s) in &rc.cells {
            let e = counts.entry(*c).or_default();
            match s {
                CellShape::Label => e.labels = e.labels.saturating_add(1),
                _ => e.values = e.values.saturating_add(1),
            }
        }
    }
    counts
}

/// Preliminary value columns over the whole block: at least as many value- or year-shaped
/// cells as labels (never the user's unit column nor a column of codes).
fn preliminary_value_cols(
    rows: &[RowCells],
    forced_unit: Option<u32>,
    code_cols: &BTreeSet<u32>,
) -> BTreeSet<u32> {
    shape_counts(rows)
        .iter()
        .filter(|(c, n)| n.values >= n.labels && n.values > 0 && Some(**c) != forced_unit)
        .filter(|(c, _)| !code_cols.contains(c))
        .map(|(c, _)| *c)
        .collect()
}

/// Columns of kommun or län codes by their content: four fifths of their cells are codes, every
/// number (or text of digits) in them is one, and at least one is written with its leading
/// zero. A CSV keeps "0114" as text but reads "1280" as a number, so Kolada's `geo` column is
/// mostly numbers that look like values.
fn code_columns(grid: &Grid, rows: &[u32]) -> BTreeSet<u32> {
    #[derive(Default)]
    struct Count {
        cells: u32,
        codes: u32,
        leading_zero: u32,
        other_numbers: u32,
    }
    let matcher = UnitMatcher::get();
    let mut counts: BTreeMap<u32, Count> = BTreeMap::new();
    for &r in rows {
        for (_, c, v) in grid.row(r) {
            let count = counts.entry(*c).or_default();
            count.cells = count.cells.saturating_add(1);
            let digits = match v {
                CellValue::Number(n) if n.fract() == 0.0 && (0.0..10_000.0).contains(n) => {
                    format!("{}", *n as u32)
                }
                CellValue::Number(_) => String::new(),
                CellValue::Text(t) if t.bytes().all(|b| b.is_ascii_digit()) => t.clone(),
                _ => continue,
            };
            if matcher.code(&digits).is_none() {
                count.other_numbers = count.other_numbers.saturating_add(1);
                continue;
            }
            count.codes = count.codes.saturating_add(1);
            if matches!(v, CellValue::Text(t) if t.starts_with('0')) {
                count.leading_zero = count.leading_zero.saturating_add(1);
            }
        }
    }
    counts
        .into_iter()
        .filter(|(_, n)| {
            n.codes >= 2
                && n.leading_zero >= 1
                && n.other_numbers == 0
                && n.codes.saturating_mul(5) >= n.cells.saturating_mul(4)
        })
        .map(|(c, _)| c)
        .collect()
}

/// The most header rows a table has: ÖJ's model of 2023– has five over its indicators (the
/// dimension band, the names, the categories, the types, the years), one more leaves room for
/// an indikatorområde band.
const MAX_HEADER_ROWS: usize = 6;

/// Which rows at the top of a block are header rows: those whose value columns hold labels (or
/// two or more years) and no values. Rows above them without cells in value columns are skipped.
/// Returns the header rows' indices (at most the last [`MAX_HEADER_ROWS`]) and the index of the
/// first data row.
fn detect_header(
    rows: &[RowCells],
    value_cols: &BTreeSet<u32>,
    forced: Option<u8>,
) -> (Vec<usize>, usize) {
    if let Some(n) = forced {
        let n = usize::from(n).min(rows.len());
        return ((0..n).collect(), n);
    }
    let mut headers: Vec<usize> = Vec::new();
    let mut start = 0usize;
    for (i, rc) in rows.iter().enumerate() {
        let shapes: Vec<CellShape> = rc
            .cells
            .iter()
            .filter(|(c, _)| value_cols.contains(c))
            .map(|(_, s)| *s)
            .collect();
        if shapes.is_empty() {
            if headers.is_empty() {
                start = i.saturating_add(1);
                continue;
            }
            break;
        }
        if !is_header_row(&shapes) {
            break;
        }
        headers.push(i);
    }
    if headers.len() > MAX_HEADER_ROWS {
        let cut = headers.len().saturating_sub(MAX_HEADER_ROWS);
        headers.drain(..cut);
    }
    let data_start = headers.last().map_or(start, |h| h.saturating_add(1));
    (headers, data_start)
}

/// Labels (or years) and at most a fifth that look like values: a row of codes may hold "14"
/// as text.
fn is_header_row(shapes: &[CellShape]) -> bool {
    let count = |shape: CellShape| shapes.iter().filter(|s| **s == shape).count();
    let (n_value, n_label, n_year) = (
        count(CellShape::Value),
        count(CellShape::Label),
        count(CellShape::Year),
    );
    (n_label > 0 || n_year >= 2) && n_value.saturating_mul(5) <= shapes.len()
}

/// Each column's header (the lowest header row with text that is no category or type, merges
/// filled) and its word. A header
/// that names a unit ("Falu kommun", "Riket") is a unit, not a grouping.
fn column_headers(
    grid: &Grid,
    merges: &MergeIndex,
    header_rows: &[u32],
    cols: &BTreeSet<u32>,
    cache: &mut LabelCache,
) -> BTreeMap<u32, ColumnHeader> {
    cols.iter()
        .map(|&c| {
            let texts: Vec<String> = header_rows
                .iter()
                .rev()
                .filter_map(|&r| {
                    merges
                        .get(grid, r, c)
                        .map(CellValue::as_text)
                        .filter(|t| !t.trim().is_empty())
                })
                .collect();
            // A category or type ("Nyckeltal", "Resultat") under the name is not the header.
            let kind = |t: &String| indicator_category(t).is_some() || indicator_type(t).is_some();
            let text = texts
                .iter()
                .find(|t| !kind(t))
                .or_else(|| texts.first())
                .cloned()
                .unwrap_or_default();
            let word = if cache.candidates(&text).is_empty() {
                header_word(&text)
            } else {
                HeaderWord::None
            };
            (c, ColumnHeader { text, word })
        })
        .collect()
}

/// Label columns and value columns over the data rows: a column is a label column when its
/// header names one (or it is the user's unit column, or a column of codes), or when it holds
/// more labels than values and lies left of the first value column. A headed column without
/// values right of the values is an empty indicator.
fn split_columns(
    cols: &BTreeSet<u32>,
    counts: &BTreeMap<u32, ShapeCount>,
    headers: &BTreeMap<u32, ColumnHeader>,
    forced_unit: Option<u32>,
    code_cols: &BTreeSet<u32>,
) -> (Vec<u32>, Vec<u32>) {
    let mut label_cols: Vec<u32> = Vec::new();
    let mut value_cols: Vec<u32> = Vec::new();
    for &c in cols {
        let n = counts.get(&c).copied().unwrap_or_default();
        let has_cells = n.values > 0 || n.labels > 0;
        let header = headers.get(&c);
        let named = Some(c) == forced_unit
            || code_cols.contains(&c)
            || header.is_some_and(|h| h.word != HeaderWord::None);
        if (named && has_cells) || (n.labels > n.values && value_cols.is_empty()) {
            label_cols.push(c);
        } else if has_cells
            || (!value_cols.is_empty() && header.is_some_and(|h| !h.text.is_empty()))
        {
            value_cols.push(c);
        }
    }
    (label_cols, value_cols)
}
