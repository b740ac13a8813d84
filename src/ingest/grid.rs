//! A sheet as a sparse grid of normalised cells, with merged regions: what layout detection reads.
//!
//! Sparse on purpose: memory follows the cells a sheet really has, never its declared or spanned
//! range (a sheet with cells at A1 and XFD1048576 holds two cells here).

use serde::{Deserialize, Serialize};

/// One cell's content, normalised: text trimmed with NBSP and odd spaces folded to plain spaces.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum CellValue {
    Text(String),
    Number(f64),
    Bool(bool),
    /// A formula error as Excel writes it: `#N/A`, `#DIV/0!`.
    Error(String),
}

impl CellValue {
    /// The cell as text, the way a person reads it (numbers without a trailing `.0`).
    pub fn as_text(&self) -> String {
        match self {
            CellValue::Text(s) => s.clone(),
            CellValue::Number(n) => format_number(*n),
            CellValue::Bool(true) => "SANT".to_owned(),
            CellValue::Bool(false) => "FALSKT".to_owned(),
            CellValue::Error(e) => e.clone(),
        }
    }

    pub fn text(&self) -> Option<&str> {
        match self {
            CellValue::Text(s) => Some(s),
            _ => None,
        }
    }

    pub fn number(&self) -> Option<f64> {
        match self {
            CellValue::Number(n) => Some(*n),
            _ => None,
        }
    }
}

/// Normalises a cell's text: Unicode spaces (NBSP, thin and figure spaces, ideographic space),
/// tabs and line breaks folded to one plain space, zero-width characters removed, ends trimmed.
pub fn normalize_text(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut pending_space = false;
    // Runs of kept characters are copied whole, and ASCII is judged by its byte: a cell of
    // 32 767 characters costs a scan and a few copies, not 32 767 decodes and pushes.
    let mut run: Option<usize> = None;
    let mut i = 0usize;
    while let Some(&b) = raw.as_bytes().get(i) {
        let (len, zero_width, space) = if b.is_ascii() {
            (
                1,
                false,
                matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' '),
            )
        } else {
            let c = raw.get(i..).and_then(|s| s.chars().next()).unwrap_or(' ');
            let zero_width = is_zero_width(c);
            let space = !zero_width && (c.is_whitespace() || is_odd_space(c));
            (c.len_utf8(), zero_width, space)
        };
        if zero_width || space {
            if let Some(start) = run.take() {
                out.push_str(raw.get(start..i).unwrap_or_default());
            }
            if space {
                pending_space = !out.is_empty();
            }
        } else if run.is_none() {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            run = Some(i);
        }
        i = i.saturating_add(len);
    }
    if let Some(start) = run {
        out.push_str(raw.get(start..).unwrap_or_default());
    }
    out
}

/// Spaces `char::is_whitespace` does not cover.
fn is_odd_space(c: char) -> bool {
    matches!(c, '\u{00A0}' | '\u{2007}' | '\u{202F}' | '\u{180E}')
}

fn is_zero_width(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
    )
}

/// Prints a number as a spreadsheet shows it by default: integers without decimals.
pub fn format_number(n: f64) -> String {
    if n.is_finite() && n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// A rectangle of merged cells, inclusive, 0-based absolute coordinates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Merge {
    pub first_row: u32,
    pub first_col: u32,
    pub last_row: u32,
    pub last_col: u32,
}

impl Merge {
    pub fn contains(&self, row: u32, col: u32) -> bool {
        (self.first_row..=self.last_row).contains(&row)
            && (self.first_col..=self.last_col).contains(&col)
    }
}

/// One sheet's non-empty cells, sorted by (row, col), and its merged regions.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Grid {
    pub name: String,
    pub hidden: bool,
    /// Non-empty cells sorted by (row, col), at most one per position.
    cells: Vec<(u32, u32, CellValue)>,
    pub merges: Vec<Merge>,
}

impl Grid {
    /// Builds a grid from cells in any order; empty texts are dropped, later duplicates win.
    pub fn new(
        name: impl Into<String>,
        mut cells: Vec<(u32, u32, CellValue)>,
        merges: Vec<Merge>,
    ) -> Grid {
        cells.retain(|(_, _, v)| !matches!(v, CellValue::Text(s) if s.is_empty()));
        // Stable sort keeps file order among duplicates; keep the last one written.
        cells.sort_by_key(|&(r, c, _)| (r, c));
        let mut deduped: Vec<(u32, u32, CellValue)> = Vec::with_capacity(cells.len());
        for cell in cells {
            match deduped.last_mut() {
                Some(last) if (last.0, last.1) == (cell.0, cell.1) => *last = cell,
                _ => deduped.push(cell),
            }
        }
        Grid {
            name: name.into(),
            hidden: false,
            cells: deduped,
            merges,
        }
    }

    pub fn n_cells(&self) -> usize {
        self.cells.len()
    }

    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }

    /// All non-empty cells in (row, col) order.
    pub fn cells(&self) -> impl Iterator<Item = (u32, u32, &CellValue)> {
        self.cells.iter().map(|(r, c, v)| (*r, *c, v))
    }

    /// The cell at an absolute position, if it holds anything. Merged regions are not filled.
    pub fn get(&self, row: u32, col: u32) -> Option<&CellValue> {
        #[cfg(test)]
        lookups::count();
        self.cells
            .binary_search_by_key(&(row, col), |&(r, c, _)| (r, c))
            .ok()
            .and_then(|i| self.cells.get(i))
            .map(|(_, _, v)| v)
    }

    /// The cell at a position, or the value of the merged region's top-left cell covering it:
    /// what a reader of a header sees.
    pub fn get_filled(&self, row: u32, col: u32) -> Option<&CellValue> {
        self.get(row, col).or_else(|| {
            self.merges
                .iter()
                .find(|m| m.contains(row, col))
                .and_then(|m| self.get(m.first_row, m.first_col))
        })
    }

    /// The non-empty cells of one row, in column order.
    pub fn row(&self, row: u32) -> &[(u32, u32, CellValue)] {
        #[cfg(test)]
        lookups::count();
        let start = self.cells.partition_point(|&(r, _, _)| r < row);
        let end = self.cells.partition_point(|&(r, _, _)| r <= row);
        self.cells.get(start..end).unwrap_or(&[])
    }

    /// The indices of rows that hold at least one cell, ascending.
    pub fn used_rows(&self) -> Vec<u32> {
        let mut rows: Vec<u32> = self.cells.iter().map(|&(r, _, _)| r).collect();
        rows.dedup();
        rows
    }

    /// (first row, last row, first col, last col) of the used cells, or `None` when empty.
    pub fn bounds(&self) -> Option<(u32, u32, u32, u32)> {
        let first = self.cells.first()?;
        let last = self.cells.last()?;
        let (min_col, max_col) = self
            .cells
            .iter()
            .fold((u32::MAX, 0), |(lo, hi), &(_, c, _)| (lo.min(c), hi.max(c)));
        Some((first.0, last.0, min_col, max_col))
    }
}

/// How many cell and row look-ups this thread has made: the work layout detection does, counted
/// by the tests instead of timed.
#[cfg(test)]
pub mod lookups {
    use std::cell::Cell;

    thread_local! {
        static LOOKUPS: Cell<u64> = const { Cell::new(0) };
    }

    pub(super) fn count() {
        LOOKUPS.with(|n| n.set(n.get() + 1));
    }

    /// The look-ups `f` makes on this thread.
    pub fn during(f: impl FnOnce()) -> u64 {
        let before = LOOKUPS.with(Cell::get);
        f();
        LOOKUPS.with(Cell::get) - before
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> CellValue {
        CellValue::Text(s.to_owned())
    }

    #[test]
    fn cells_are_sorted_deduplicated_and_empty_text_dropped() {
        let grid = Grid::new(
            "Blad1",
            vec![
                (2, 0, text("c")),
                (0, 1, text("b")),
                (0, 0, text("a")),
                (0, 1, text("b2")),
                (1, 0, text("")),
            ],
            vec![],
        );
        let cells: Vec<_> = grid.cells().map(|(r, c, v)| (r, c, v.as_text())).collect();
        assert_eq!(
            cells,
            [
                (0, 0, "a".to_owned()),
                (0, 1, "b2".to_owned()),
                (2, 0, "c".to_owned())
            ]
        );
        assert_eq!(grid.used_rows(), [0, 2]);
        assert_eq!(grid.row(0).len(), 2);
        assert!(grid.row(1).is_empty());
        assert_eq!(grid.bounds(), Some((0, 2, 0, 1)));
    }

    #[test]
    fn merged_header_cells_read_as_their_top_left_value() {
        let grid = Grid::new(
            "Blad1",
            vec![(0, 2, text("Kunskapsbaserad verksamhet"))],
            vec![Merge {
                first_row: 0,
                first_col: 2,
                last_row: 0,
                last_col: 5,
            }],
        );
        assert_eq!(grid.get(0, 4), None);
        assert_eq!(
            grid.get_filled(0, 4),
            Some(&text("Kunskapsbaserad verksamhet"))
        );
        assert_eq!(grid.get_filled(0, 6), None);
    }

    #[test]
    fn a_far_corner_costs_one_cell() {
        let grid = Grid::new(
            "Glest",
            vec![(0, 0, text("A1")), (1_048_575, 16_383, text("XFD1048576"))],
            vec![],
        );
        assert_eq!(grid.n_cells(), 2);
        assert_eq!(grid.bounds(), Some((0, 1_048_575, 0, 16_383)));
    }

    #[test]
    fn text_is_trimmed_and_odd_spaces_folded() {
        assert_eq!(
            normalize_text("  Ja\u{00A0}\u{00A0}delvis\t\n"),
            "Ja delvis"
        );
        assert_eq!(normalize_text("Kvalitets-\r\nområde"), "Kvalitets- område");
        assert_eq!(
            normalize_text("\u{FEFF}Stockholm\u{202F}stad\u{200B}"),
            "Stockholm stad"
        );
        assert_eq!(normalize_text("\u{3000}"), "");
        assert_eq!(normalize_text("Stock\u{AD}holm"), "Stockholm");
        assert_eq!(normalize_text(" a \u{200B} b\u{200B}c "), "a bc");
        assert_eq!(normalize_text("a\u{85}b\u{2028}c\u{0B}d"), "a b c d");
        let long = "å".repeat(32_767);
        assert_eq!(normalize_text(&format!(" {long} ")), long);
    }

    #[test]
    fn numbers_print_like_a_spreadsheet() {
        assert_eq!(format_number(2020.0), "2020");
        assert_eq!(format_number(12.5), "12.5");
    }
}
