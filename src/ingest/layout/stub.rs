//! The label cells of a table with units in rows, row by row: filled down where a label spans
//! rows ("Stockholm" over Män/Kvinnor), with the unit each unit label stands for, settled over
//! the whole column.

use std::collections::{HashMap, HashSet};

use super::block::{Analysis, RowCells};
use super::words::HeaderWord;
use crate::ingest::grid::{CellValue, Grid};
use crate::ingest::units::{resolve_column, LabelCache, UnitMatch, UnitMatcher};
use crate::model::normalize_label;

/// One data row's labels, one per label column (same order as [`Analysis::label_cols`]).
pub struct StubRow {
    pub row: u32,
    pub labels: Vec<Option<String>>,
    /// Whether the row has a cell in a value column.
    pub has_values: bool,
}

impl StubRow {
    /// The label in the label column at `pos`.
    pub fn label(&self, pos: usize) -> Option<&String> {
        self.labels.get(pos).and_then(Option::as_ref)
    }
}

/// The data rows' labels and the units their unit labels stand for.
pub struct StubRows {
    pub rows: Vec<StubRow>,
    /// Per label column: whether it is filled down (blank where a column to its right is
    /// filled, at least as often as it is filled itself).
    pub filled_down: Vec<bool>,
    /// The position of the unit column among the label columns.
    pub unit_pos: Option<usize>,
    /// The position of a column of unit codes (not the unit column): the unit of a row whose
    /// label is not recognised.
    code_pos: Option<usize>,
    units: HashMap<String, Option<UnitMatch>>,
}

/// A row's unit label as written and the unit it stands for (`None`: an okänd unit).
pub type RowUnit = (String, Option<UnitMatch>);

impl StubRows {
    /// Reads the label cells of the data rows, with `unit_col` naming the units.
    pub fn read(
        grid: &Grid,
        analysis: &Analysis,
        unit_col: Option<u32>,
        cache: &mut LabelCache,
    ) -> StubRows {
        let cols = &analysis.label_cols;
        let filled_down = filled_down(grid, cols, analysis.data());
        let rows = fill_down(grid, analysis, &filled_down);
        let unit_pos = unit_col.and_then(|u| cols.iter().position(|&c| c == u));
        let code_pos = cols
            .iter()
            .position(|&c| analysis.word(c) == HeaderWord::Code && Some(c) != unit_col);
        let units = unit_pos.map_or_else(HashMap::new, |p| resolve_units(&rows, p, cache));
        StubRows {
            rows,
            filled_down,
            unit_pos,
            code_pos,
            units,
        }
    }

    /// The unit of a row: by its label, else by its code.
    pub fn unit_of(&self, r: &StubRow) -> Option<RowUnit> {
        let label = r.label(self.unit_pos?)?.clone();
        let by_code = || {
            let code = r.label(self.code_pos?)?;
            UnitMatcher::get().code(code).cloned()
        };
        let matched = self.units.get(&label).cloned().flatten().or_else(by_code);
        Some((label, matched))
    }

    /// Rows with a cell in a value column.
    pub fn value_rows(&self) -> impl Iterator<Item = &StubRow> {
        self.rows.iter().filter(|r| r.has_values)
    }
}

/// A unit's identity for telling rows of the same unit apart.
pub fn identity(unit: &RowUnit) -> String {
    match &unit.1 {
        Some(m) => format!("{:?}:{}", m.kind, m.code),
        None => format!("?:{}", normalize_label(&unit.0)),
    }
}

/// Which label columns are hierarchical: blank where a column to their right is filled, at least
/// as often as they are filled themselves.
fn filled_down(grid: &Grid, cols: &[u32], data: &[RowCells]) -> Vec<bool> {
    let n = cols.len();
    let mut filled = vec![0u32; n];
    let mut blank_under = vec![0u32; n];
    for rc in data {
        let present: Vec<bool> = cols
            .iter()
            .map(|&c| grid.get(rc.row, c).is_some())
            .collect();
        for (i, here) in present.iter().enumerate() {
            let slot = if *here {
                filled.get_mut(i)
            } else if present.iter().skip(i.saturating_add(1)).any(|p| *p) {
                blank_under.get_mut(i)
            } else {
                None
            };
            if let Some(count) = slot {
                *count = count.saturating_add(1);
            }
        }
    }
    filled
        .iter()
        .zip(&blank_under)
        .map(|(&f, &b)| b > 0 && b >= f)
        .collect()
}

/// The data rows' labels, hierarchical columns filled down from the last label above.
fn fill_down(grid: &Grid, analysis: &Analysis, hierarchical: &[bool]) -> Vec<StubRow> {
    let cols = &analysis.label_cols;
    let value_set: HashSet<u32> = analysis.value_cols.iter().copied().collect();
    let mut memory: Vec<Option<String>> = vec![None; cols.len()];
    let mut rows: Vec<StubRow> = Vec::with_capacity(analysis.data().len());
    for rc in analysis.data() {
        let original: Vec<Option<String>> = cols
            .iter()
            .map(|&c| grid.get(rc.row, c).map(CellValue::as_text))
            .collect();
        let mut labels = Vec::with_capacity(cols.len());
        for (i, own) in original.iter().enumerate() {
            let right_filled = original
                .iter()
                .skip(i.saturating_add(1))
                .any(Option::is_some);
            let label = match own {
                Some(v) => {
                    if let Some(m) = memory.get_mut(i) {
                        *m = Some(v.clone());
                    }
                    Some(v.clone())
                }
                None if hierarchical.get(i).copied().unwrap_or(false) && right_filled => {
                    memory.get(i).cloned().flatten()
                }
                None => None,
            };
            labels.push(label);
        }
        rows.push(StubRow {
            row: rc.row,
            labels,
            has_values: rc.cells.iter().any(|(c, _)| value_set.contains(c)),
        });
    }
    rows
}

/// Settles the distinct labels of the unit column together (context decides "Stockholm").
fn resolve_units(
    rows: &[StubRow],
    unit_pos: usize,
    cache: &mut LabelCache,
) -> HashMap<String, Option<UnitMatch>> {
    let mut labels: Vec<String> = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    for r in rows {
        if let Some(l) = r.label(unit_pos) {
            if seen.insert(l.as_str()) {
                labels.push(l.clone());
            }
        }
    }
    let candidates: Vec<_> = labels.iter().map(|l| cache.candidates(l).clone()).collect();
    labels
        .into_iter()
        .zip(resolve_column(&candidates))
        .collect()
}
