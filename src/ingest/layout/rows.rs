//! Reading one block of a sheet as a table: header rows, label and value columns, the unit axis,
//! and then units in rows (wide, long) — or, when a header row holds the units, transposed.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use super::build::{Builder, UnitSpec};
use super::header::{measure_in_name, quality_label, read_headers, MergeIndex};
use super::template::Block;
use super::{LabelCache, SheetOverride, TableRead};
use crate::ingest::grid::{CellValue, Grid};
use crate::ingest::reading::{
    ColumnKind, ColumnRole, DatasetReading, ExampleCounter, IndicatorCounts, UnitAxis, UnitCounts,
    Warning, WarningKind,
};
use crate::ingest::units::{resolve_column, UnitMatch, UnitMatcher};
use crate::ingest::values::{shape, CellShape};
use crate::model::{
    column_letters, normalize_label, CellRef, Dataset, Indicator, IndicatorKind, Layout, UnitKind,
};

/// Everything a block reader needs to know.
pub struct BlockCtx<'a> {
    pub grid: &'a Grid,
    pub block: &'a Block,
    pub template: bool,
    pub sheet_override: Option<&'a SheetOverride>,
    pub block_index: usize,
    pub n_blocks: usize,
}

/// One row of the block with the shape of each cell.
pub struct RowCells {
    pub row: u32,
    pub cells: Vec<(u32, CellShape)>,
}

/// What a header names a label column as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HeaderWord {
    /// Part of an indicator's identity in long tables: its quality area, indicator area or code.
    Hierarchy(Level),
    Code,
    Dimension,
    Grouping,
    Indicator,
    Enhet,
    None,
}

/// Which part of an indicator's hierarchy a label column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Quality,
    IndicatorArea,
    IndicatorCode,
}

/// Classifies a label column's header by its words (short headers only: indicator names are
/// longer and must never be taken for a grouping because they mention "år" or "kommun").
pub fn header_word(header: &str) -> HeaderWord {
    let h = normalize_label(header);
    let tokens: Vec<&str> = h
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .collect();
    let Some(first) = tokens.first().copied() else {
        return HeaderWord::None;
    };
    let n = tokens.len();
    if n <= 3 {
        if first.starts_with("kvalitetsområde") || first.starts_with("kvalitetsdimension") {
            return HeaderWord::Hierarchy(Level::Quality);
        }
        if first.starts_with("indikatorområde") {
            return HeaderWord::Hierarchy(Level::IndicatorArea);
        }
        let second = tokens.get(1).copied().unwrap_or("");
        if first == "indikatorkod"
            || first == "indikatornummer"
            || (first == "indikator" && (second == "kod" || second == "id" || second == "nr"))
        {
            return HeaderWord::Hierarchy(Level::IndicatorCode);
        }
    }
    if n <= 4
        && tokens
            .iter()
            .any(|t| t.ends_with("kod") || *t == "nr" || *t == "id" || t.ends_with("nummer"))
    {
        return HeaderWord::Code;
    }
    const DIMENSIONS: [&str; 17] = [
        "kön",
        "ålder",
        "åldersgrupp",
        "åldersklass",
        "år",
        "årtal",
        "månad",
        "kvartal",
        "period",
        "tidpunkt",
        "tid",
        "regi",
        "regiform",
        "ägarform",
        "driftform",
        "mätår",
        "redovisningsår",
    ];
    if n <= 4 && DIMENSIONS.contains(&first) {
        return HeaderWord::Dimension;
    }
    const INDICATOR: [&str; 6] = [
        "mått",
        "variabel",
        "nyckeltal",
        "fråga",
        "måttnamn",
        "indikatornamn",
    ];
    if n <= 3 && (first == "indikator" || INDICATOR.contains(&first)) {
        return HeaderWord::Indicator;
    }
    const ENHET: [&str; 9] = [
        "enhet",
        "enhetens",
        "enhetsnamn",
        "utförare",
        "utförarenhet",
        "verksamhet",
        "verksamhetens",
        "anordnare",
        "hemtjänstområde",
    ];
    if n <= 4 && ENHET.contains(&first) {
        return HeaderWord::Enhet;
    }
    const GROUPING: [&str; 12] = [
        "län",
        "länsnamn",
        "kommun",
        "kommunnamn",
        "skr",
        "skl",
        "region",
        "stadsdel",
        "stadsområde",
        "stadsdelsområde",
        "sorteringsnyckel",
        "riket",
    ];
    let population = matches!(
        first,
        "invånare" | "invånarantal" | "folkmängd" | "befolkning"
    ) || h.starts_with("antal invånare");
    if population && n <= 4 && !tokens.iter().any(|t| t.chars().all(|c| c.is_ascii_digit())) {
        return HeaderWord::Grouping;
    }
    if n <= 5
        && tokens.iter().any(|t| {
            GROUPING.contains(t)
                || t.starts_with("kommungrupp")
                || t.starts_with("storleksgrupp")
                || t.starts_with("storlek")
        })
    {
        return HeaderWord::Grouping;
    }
    HeaderWord::None
}

/// Reads a block as a table, or says why it is none.
pub fn read_block(ctx: &BlockCtx<'_>, cache: &mut LabelCache) -> Result<TableRead, String> {
    let grid = ctx.grid;
    let rows: Vec<RowCells> = ctx
        .block
        .rows
        .iter()
        .map(|&r| RowCells {
            row: r,
            cells: grid
                .row(r)
                .iter()
                .map(|(_, c, v)| (*c, cell_shape(v)))
                .collect(),
        })
        .collect();
    // Preliminary value columns: at least as many value- or year-shaped cells as labels.
    let mut prelim: BTreeMap<u32, (u32, u32)> = BTreeMap::new();
    for rc in &rows {
        for (c, s) in &rc.cells {
            let e = prelim.entry(*c).or_default();
            match s {
                CellShape::Label => e.1 = e.1.saturating_add(1),
                _ => e.0 = e.0.saturating_add(1),
            }
        }
    }
    let forced_unit = ctx.sheet_override.and_then(|o| o.unit_column);
    let prelim_value: BTreeSet<u32> = prelim
        .iter()
        .filter(|(c, (v, l))| v >= l && *v > 0 && Some(**c) != forced_unit)
        .map(|(c, _)| *c)
        .collect();
    if prelim_value.is_empty() {
        return Err("ingen kolumn med värden".to_owned());
    }
    let forced_headers = ctx.sheet_override.and_then(|o| o.header_rows);
    let (header_idx, data_start) = detect_header(&rows, &prelim_value, forced_headers);
    let header_rows: Vec<u32> = header_idx
        .iter()
        .filter_map(|&i| rows.get(i).map(|r| r.row))
        .collect();
    let data: &[RowCells] = rows.get(data_start..).unwrap_or(&[]);
    if data.is_empty() {
        return Err("bara rubrikrader, inga datarader".to_owned());
    }
    let merges = MergeIndex::new(grid, &header_rows);
    let header_of = |col: u32| -> String {
        header_rows
            .iter()
            .rev()
            .find_map(|&r| {
                merges
                    .get(grid, r, col)
                    .map(CellValue::as_text)
                    .filter(|t| !t.trim().is_empty())
            })
            .unwrap_or_default()
    };
    // Column roles over the data rows.
    let mut stats: BTreeMap<u32, (u32, u32)> = BTreeMap::new();
    for rc in data {
        for (c, s) in &rc.cells {
            let e = stats.entry(*c).or_default();
            match s {
                CellShape::Label => e.1 = e.1.saturating_add(1),
                _ => e.0 = e.0.saturating_add(1),
            }
        }
    }
    let mut header_cols: BTreeSet<u32> = BTreeSet::new();
    for &r in &header_rows {
        for (_, c, _) in grid.row(r) {
            header_cols.insert(*c);
        }
    }
    let all_cols: BTreeSet<u32> = stats.keys().chain(header_cols.iter()).copied().collect();
    let words: HashMap<u32, (String, HeaderWord)> = all_cols
        .iter()
        .map(|&c| {
            let h = header_of(c);
            // A header that names a unit ("Falu kommun", "Riket") is a unit, not a grouping.
            let w = if cache.candidates(&h).is_empty() {
                header_word(&h)
            } else {
                HeaderWord::None
            };
            (c, (h, w))
        })
        .collect();
    let word_of = |c: u32| words.get(&c).map_or(HeaderWord::None, |w| w.1);
    let mut stub_cols: Vec<u32> = Vec::new();
    let mut value_cols: Vec<u32> = Vec::new();
    let mut first_value: Option<u32> = None;
    for &c in &all_cols {
        let (v, l) = stats.get(&c).copied().unwrap_or((0, 0));
        let forced_stub = Some(c) == forced_unit || word_of(c) != HeaderWord::None;
        let by_word_stub = forced_stub && (v > 0 || l > 0);
        if by_word_stub || (l > v && first_value.is_none()) {
            stub_cols.push(c);
        } else if v > 0 || l > 0 {
            value_cols.push(c);
            first_value.get_or_insert(c);
        } else if first_value.is_some() && !header_of(c).is_empty() {
            // A headed column without values, right of the values: an empty indicator.
            value_cols.push(c);
        }
    }
    if value_cols.is_empty() {
        return Err("ingen kolumn med värden".to_owned());
    }
    // The unit axis: the label column matching the reference best, or a header row.
    let mut best: Option<(u32, u32)> = None; // (hits, col)
    for &c in &stub_cols {
        if matches!(
            word_of(c),
            HeaderWord::Dimension | HeaderWord::Indicator | HeaderWord::Hierarchy(_)
        ) && Some(c) != forced_unit
        {
            continue;
        }
        let code_col = word_of(c) == HeaderWord::Code;
        let mut hits = 0u32;
        for rc in data {
            let Some(v) = grid.get(rc.row, c) else {
                continue;
            };
            let text = v.as_text();
            let digits = text.bytes().all(|b| b.is_ascii_digit());
            if digits && !code_col {
                continue;
            }
            if !cache.candidates(&text).is_empty() {
                hits = hits.saturating_add(1);
            }
        }
        // Names before codes: a code column wins only when no name column matches.
        let score = if code_col { hits / 4 } else { hits };
        if best.is_none_or(|(h, _)| score > h) {
            best = Some((score, c));
        }
    }
    let mut unit_col = best.filter(|(h, _)| *h >= 2).map(|(_, c)| c);
    if let Some(c) = forced_unit {
        unit_col = Some(c);
    }
    let col_hits = best.map_or(0, |b| b.0);
    if forced_unit.is_none() {
        let mut best_row: Option<(u32, u32)> = None;
        for &r in &header_rows {
            let mut hits = 0u32;
            for &c in &value_cols {
                if let Some(CellValue::Text(t)) = grid.get(r, c) {
                    let digits = t.bytes().all(|b| b.is_ascii_digit());
                    if !digits && !cache.candidates(t).is_empty() {
                        hits = hits.saturating_add(1);
                    }
                }
            }
            if best_row.is_none_or(|(h, _)| hits > h) {
                best_row = Some((hits, r));
            }
        }
        if let Some((hits, r)) = best_row {
            if hits >= 2 && hits > col_hits {
                return super::transposed::read(
                    ctx,
                    &header_rows,
                    data,
                    &stub_cols,
                    &value_cols,
                    r,
                    cache,
                );
            }
        }
    }
    read_rows(
        ctx,
        cache,
        RowsPlan {
            header_rows,
            data,
            stub_cols,
            value_cols,
            unit_col,
            words,
        },
    )
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

/// Which rows at the top of a block are header rows: those whose value columns hold labels (or
/// two or more years) and no values. Rows above them without cells in value columns are skipped.
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
        let n_value = shapes.iter().filter(|s| **s == CellShape::Value).count();
        let n_label = shapes.iter().filter(|s| **s == CellShape::Label).count();
        let n_year = shapes.iter().filter(|s| **s == CellShape::Year).count();
        // Labels (or years) and at most a fifth that look like values: a row of codes may
        // hold "14" as text.
        let is_header = (n_label > 0 || n_year >= 2) && n_value.saturating_mul(5) <= shapes.len();
        if !is_header {
            break;
        }
        headers.push(i);
    }
    if headers.len() > 4 {
        let cut = headers.len().saturating_sub(4);
        headers.drain(..cut);
    }
    let data_start = headers.last().map_or(start, |h| h.saturating_add(1));
    (headers, data_start)
}

/// The columns of a units-in-rows table.
struct RowsPlan<'a> {
    header_rows: Vec<u32>,
    data: &'a [RowCells],
    stub_cols: Vec<u32>,
    value_cols: Vec<u32>,
    unit_col: Option<u32>,
    words: HashMap<u32, (String, HeaderWord)>,
}

/// A data row after fill-down.
struct RowRec {
    row: u32,
    /// Per stub column (same order as `stub_cols`): the label, filled down in hierarchical columns.
    stub: Vec<Option<String>>,
    has_values: bool,
}

/// Reads a table with units in rows (wide or long, or without a unit column).
fn read_rows(
    ctx: &BlockCtx<'_>,
    cache: &mut LabelCache,
    plan: RowsPlan<'_>,
) -> Result<TableRead, String> {
    let grid = ctx.grid;
    let RowsPlan {
        header_rows,
        data,
        stub_cols,
        value_cols,
        unit_col,
        words,
    } = plan;
    let header_text = |c: u32| -> String {
        words
            .get(&c)
            .map(|w| w.0.clone())
            .filter(|h| !h.is_empty())
            .unwrap_or_else(|| format!("Kolumn {}", column_letters(c)))
    };
    let word_of = |c: u32| words.get(&c).map_or(HeaderWord::None, |w| w.1);
    let value_set: BTreeSet<u32> = value_cols.iter().copied().collect();
    // Hierarchical stub columns: blank where a column to their right is filled, at least as
    // often as they are filled themselves (labels spanning rows: "Stockholm" over Män/Kvinnor).
    let n_stub = stub_cols.len();
    let mut filled = vec![0u32; n_stub];
    let mut blank_under = vec![0u32; n_stub];
    for rc in data {
        let present: Vec<bool> = stub_cols
            .iter()
            .map(|&c| grid.get(rc.row, c).is_some())
            .collect();
        for i in 0..n_stub {
            if present.get(i).copied().unwrap_or(false) {
                if let Some(f) = filled.get_mut(i) {
                    *f = f.saturating_add(1);
                }
            } else if present.iter().skip(i.saturating_add(1)).any(|p| *p) {
                if let Some(b) = blank_under.get_mut(i) {
                    *b = b.saturating_add(1);
                }
            }
        }
    }
    let hierarchical: Vec<bool> = (0..n_stub)
        .map(|i| {
            let b = blank_under.get(i).copied().unwrap_or(0);
            let f = filled.get(i).copied().unwrap_or(0);
            b > 0 && b >= f
        })
        .collect();
    let mut memory: Vec<Option<String>> = vec![None; n_stub];
    let mut recs: Vec<RowRec> = Vec::with_capacity(data.len());
    for rc in data {
        let original: Vec<Option<String>> = stub_cols
            .iter()
            .map(|&c| grid.get(rc.row, c).map(CellValue::as_text))
            .collect();
        let mut stub = Vec::with_capacity(n_stub);
        for i in 0..n_stub {
            let own = original.get(i).cloned().flatten();
            let right_filled = original
                .iter()
                .skip(i.saturating_add(1))
                .any(Option::is_some);
            let value = match own {
                Some(v) => {
                    if let Some(m) = memory.get_mut(i) {
                        *m = Some(v.clone());
                    }
                    Some(v)
                }
                None if hierarchical.get(i).copied().unwrap_or(false) && right_filled => {
                    memory.get(i).cloned().flatten()
                }
                None => None,
            };
            stub.push(value);
        }
        let has_values = rc.cells.iter().any(|(c, _)| value_set.contains(c));
        recs.push(RowRec {
            row: rc.row,
            stub,
            has_values,
        });
    }
    let unit_pos = unit_col.and_then(|u| stub_cols.iter().position(|&c| c == u));
    // Settle the unit labels of the column together (context decides "Stockholm").
    let mut resolved: HashMap<String, Option<UnitMatch>> = HashMap::new();
    if let Some(up) = unit_pos {
        let mut labels: Vec<String> = Vec::new();
        let mut seen: HashSet<&str> = HashSet::new();
        for r in &recs {
            if let Some(Some(l)) = r.stub.get(up) {
                if seen.insert(l.as_str()) {
                    labels.push(l.clone());
                }
            }
        }
        let candidates: Vec<_> = labels.iter().map(|l| cache.candidates(l).clone()).collect();
        for (label, unit) in labels.into_iter().zip(resolve_column(&candidates)) {
            resolved.insert(label, unit);
        }
    }
    let code_pos = stub_cols
        .iter()
        .position(|&c| word_of(c) == HeaderWord::Code && Some(c) != unit_col);
    let matcher = UnitMatcher::get();
    // The unit of each row: by its label, else by its code.
    let unit_of = |r: &RowRec| -> Option<(String, Option<UnitMatch>)> {
        let up = unit_pos?;
        let label = r.stub.get(up).cloned().flatten()?;
        let mut m = resolved.get(&label).cloned().flatten();
        if m.is_none() {
            if let Some(cp) = code_pos {
                if let Some(Some(code)) = r.stub.get(cp) {
                    m = matcher.code(code).cloned();
                }
            }
        }
        Some((label, m))
    };
    let identity = |u: &(String, Option<UnitMatch>)| -> String {
        match &u.1 {
            Some(m) => format!("{:?}:{}", m.kind, m.code),
            None => format!("?:{}", normalize_label(&u.0)),
        }
    };
    // Roles of the other label columns.
    let value_rows: Vec<&RowRec> = recs.iter().filter(|r| r.has_values).collect();
    let mut per_unit_values: Vec<HashMap<String, HashSet<String>>> = vec![HashMap::new(); n_stub];
    let mut unit_rows: HashMap<String, u32> = HashMap::new();
    for r in &value_rows {
        let id = unit_of(r).map(|u| identity(&u)).unwrap_or_default();
        let n = unit_rows.entry(id.clone()).or_insert(0);
        *n = n.saturating_add(1);
        for (i, v) in r.stub.iter().enumerate() {
            if let (Some(map), Some(v)) = (per_unit_values.get_mut(i), v) {
                map.entry(id.clone()).or_default().insert(v.clone());
            }
        }
    }
    let varies = |i: usize| {
        per_unit_values
            .get(i)
            .is_some_and(|m| m.values().any(|s| s.len() > 1))
    };
    let repeated_units = unit_pos.is_some() && unit_rows.values().any(|n| *n > 1);
    let distinct_share = |i: usize| -> (usize, usize) {
        let vals: Vec<&String> = value_rows
            .iter()
            .filter_map(|r| r.stub.get(i).and_then(Option::as_ref))
            .collect();
        let distinct: HashSet<&String> = vals.iter().copied().collect();
        (distinct.len(), vals.len())
    };
    let mut roles: Vec<ColumnKind> = Vec::with_capacity(n_stub);
    let mut indicator_pos: Option<usize> = None;
    let mut enhet_pos: Option<usize> = None;
    for (i, &c) in stub_cols.iter().enumerate() {
        let role = if Some(i) == unit_pos {
            ColumnKind::Unit
        } else {
            match word_of(c) {
                HeaderWord::Hierarchy(_) => ColumnKind::Hierarchy,
                HeaderWord::Code => ColumnKind::UnitCode,
                HeaderWord::Dimension => ColumnKind::Dimension,
                HeaderWord::Grouping => ColumnKind::Attribute,
                HeaderWord::Indicator if value_cols.len() <= 3 && indicator_pos.is_none() => {
                    indicator_pos = Some(i);
                    ColumnKind::Indicator
                }
                HeaderWord::Indicator => ColumnKind::Dimension,
                w => {
                    let (distinct, n) = distinct_share(i);
                    // Service units: named so by the header, or (almost) every row its own.
                    let enhet_like = repeated_units
                        && enhet_pos.is_none()
                        && n >= 2
                        && (w == HeaderWord::Enhet
                            || (distinct.saturating_mul(10) >= n.saturating_mul(9)
                                && !varies_in_small_set(distinct, n)));
                    if enhet_like {
                        enhet_pos = Some(i);
                        ColumnKind::Enhet
                    } else if unit_pos.is_some() && !varies(i) {
                        ColumnKind::Attribute
                    } else {
                        ColumnKind::Dimension
                    }
                }
            }
        };
        roles.push(role);
    }
    // A long table: few value columns and a label column that varies within units names the
    // indicator of each row.
    if indicator_pos.is_none() && value_cols.len() <= 2 && unit_pos.is_some() && repeated_units {
        if let Some(i) = roles.iter().enumerate().position(|(i, r)| {
            *r == ColumnKind::Dimension
                && stub_cols
                    .get(i)
                    .is_some_and(|&c| word_of(c) == HeaderWord::None)
        }) {
            if let Some(r) = roles.get_mut(i) {
                *r = ColumnKind::Indicator;
            }
            indicator_pos = Some(i);
        }
    }
    let layout = if indicator_pos.is_some() {
        Layout::Long
    } else {
        Layout::Wide
    };
    if layout == Layout::Wide {
        for r in &mut roles {
            if *r == ColumnKind::Hierarchy {
                *r = ColumnKind::Dimension;
            }
        }
    }
    // Long tables: the columns giving each indicator's quality area, indicator area and code.
    let level_pos = |level: Level| -> Option<usize> {
        stub_cols.iter().enumerate().position(|(i, &c)| {
            roles.get(i) == Some(&ColumnKind::Hierarchy)
                && word_of(c) == HeaderWord::Hierarchy(level)
        })
    };
    let (quality_pos, area_pos, code_pos_ind) = (
        level_pos(Level::Quality),
        level_pos(Level::IndicatorArea),
        level_pos(Level::IndicatorCode),
    );
    // Value columns headed by years: one indicator over an År dimension.
    let year_headers: Vec<Option<String>> = value_cols
        .iter()
        .map(|&c| {
            // The year itself: "2023*" (a footnote mark) is 2023.
            header_rows.last().and_then(|&r| {
                grid.get(r, c)
                    .and_then(crate::ingest::values::cell_year)
                    .map(|y| y.to_string())
            })
        })
        .collect();
    let year_of_col: HashMap<u32, String> = value_cols
        .iter()
        .zip(year_headers.iter())
        .filter_map(|(c, y)| y.clone().map(|y| (*c, y)))
        .collect();
    let year_columns =
        layout == Layout::Wide && value_cols.len() >= 2 && year_headers.iter().all(Option::is_some);
    // Dimensions, in column order, then År.
    let dim_positions: Vec<usize> = roles
        .iter()
        .enumerate()
        .filter(|(_, r)| **r == ColumnKind::Dimension)
        .map(|(i, _)| i)
        .collect();
    let mut dim_names: Vec<String> = dim_positions
        .iter()
        .filter_map(|&i| stub_cols.get(i).map(|&c| header_text(c)))
        .collect();
    if year_columns {
        dim_names.push("År".to_owned());
    }
    let has_time_dimension = year_columns
        || dim_positions.iter().any(|&i| {
            stub_cols.get(i).is_some_and(|&c| {
                let h = normalize_label(&header_text(c));
                [
                    "år", "månad", "kvartal", "period", "tid", "årtal", "tidpunkt", "mätår",
                ]
                .iter()
                .any(|w| h.starts_with(w))
            })
        });
    let mut b = Builder::default();
    b.set_dimensions(dim_names);
    let year_dim = if year_columns {
        Some(dim_positions.len())
    } else {
        None
    };
    // Indicators.
    let titles = block_titles(ctx);
    let (title, title_en) = choose_titles(ctx);
    let headers = read_headers(grid, &header_rows, &value_cols);
    let mut notes: Vec<String> = Vec::new();
    let mut warnings: Vec<Warning> = Vec::new();
    // Indicator index per value column (wide) or per (label, value column) (long).
    let mut col_indicator: HashMap<u32, u32> = HashMap::new();
    let mut long_indicator: HashMap<(String, u32), u32> = HashMap::new();
    let mut unnamed = ExampleCounter::default();
    if year_columns {
        let name = indicator_name_from_title(title.as_deref(), &grid.name, ctx);
        let measure = headers.columns.first().and_then(|h| h.measure.clone());
        let cell = titles.first().map_or(CellRef::new(0, 0), |t| t.0);
        let i = b.indicator(
            Indicator {
                name,
                code: None,
                quality: None,
                indicator_area: None,
                kind: IndicatorKind::Categorical,
                cell,
                ..Indicator::default()
            },
            measure,
        );
        for &c in &value_cols {
            col_indicator.insert(c, i);
        }
    } else if layout == Layout::Wide {
        for h in &headers.columns {
            let name = if h.name.trim().is_empty() {
                unnamed.add(&column_letters(h.col), CellRef::new(h.name_cell.row, h.col));
                format!("Kolumn {}", column_letters(h.col))
            } else {
                h.name.clone()
            };
            let i = b.indicator(
                Indicator {
                    name,
                    code: h.code.clone(),
                    quality: h.quality.clone(),
                    indicator_area: h.indicator_area.clone(),
                    kind: IndicatorKind::Categorical,
                    cell: h.name_cell,
                    ..Indicator::default()
                },
                h.measure.clone(),
            );
            col_indicator.insert(h.col, i);
        }
    }
    if !headers.ambiguous_quality.is_empty() {
        warnings.push(Warning {
            kind: WarningKind::AmbiguousQuality,
            count: u32::try_from(headers.ambiguous_quality.len()).unwrap_or(u32::MAX),
            examples: headers.ambiguous_quality.clone(),
            message: format!(
                "Kvalitetsetiketten {} motsvarar inte ett enda kvalitetsområde; välj själv vilket.",
                headers
                    .ambiguous_quality
                    .iter()
                    .map(|q| format!("\"{q}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        });
    }
    // Sparse tables: empty cells are bortfall only when the table is reasonably dense.
    let n_value_cells: usize = data
        .iter()
        .map(|rc| {
            rc.cells
                .iter()
                .filter(|(c, _)| value_set.contains(c))
                .count()
        })
        .sum();
    let rectangle = value_rows.len().saturating_mul(value_cols.len());
    let dense = rectangle <= n_value_cells.saturating_mul(4).saturating_add(10_000);
    if !dense {
        warnings.push(Warning {
            kind: WarningKind::SparseTable,
            count: u32::try_from(rectangle.saturating_sub(n_value_cells)).unwrap_or(u32::MAX),
            examples: Vec::new(),
            message: "Tabellen är mycket gles; tomma celler räknas inte som bortfall.".to_owned(),
        });
    }
    let implicit = unit_pos.is_none();
    let mut without_unit = ExampleCounter::default();
    let mut seen_rows: HashSet<(u32, Vec<u32>)> = HashSet::new();
    let mut seen_long: HashSet<(u32, u32, Vec<u32>)> = HashSet::new();
    let attribute_positions: Vec<usize> = roles
        .iter()
        .enumerate()
        .filter(|(_, r)| **r == ColumnKind::Attribute)
        .map(|(i, _)| i)
        .collect();
    let implicit_match = UnitMatch {
        kind: UnitKind::Riket,
        code: "00".into(),
        name: "Riket".into(),
        parent: None,
    };
    for r in &recs {
        // A long table's row is a value even when its value cell is empty (bortfall).
        let long_row = indicator_pos
            .and_then(|ip| r.stub.get(ip))
            .is_some_and(Option::is_some);
        // A recognised unit without a single answer is still a unit (all bortfall); other rows
        // without values are group labels ("Män+Kvinnor") or notes.
        let silent_unit =
            !implicit && indicator_pos.is_none() && unit_of(r).is_some_and(|(_, m)| m.is_some());
        if !r.has_values && !long_row && !silent_unit {
            continue;
        }
        let unit_cell_col = unit_col.unwrap_or(0);
        let (label, matched) = if implicit {
            (String::new(), Some(implicit_match.clone()))
        } else {
            match unit_of(r) {
                Some(u) => u,
                None => {
                    without_unit.add(
                        &format!("rad {}", u64::from(r.row).saturating_add(1)),
                        CellRef::new(r.row, unit_cell_col),
                    );
                    continue;
                }
            }
        };
        let enhet_label = enhet_pos.and_then(|i| r.stub.get(i).cloned().flatten());
        let parent_code = matched
            .as_ref()
            .filter(|m| {
                matches!(
                    m.kind,
                    UnitKind::Kommun | UnitKind::Stadsdel | UnitKind::Storstad
                )
            })
            .map(|m| m.code.clone());
        let attributes = || {
            let mut map = BTreeMap::new();
            for &i in &attribute_positions {
                if let (Some(&c), Some(Some(v))) = (stub_cols.get(i), r.stub.get(i)) {
                    map.insert(header_text(c), v.clone());
                }
            }
            if enhet_label.is_some() {
                if let Some(c) = unit_col {
                    map.insert(header_text(c), label.clone());
                }
            }
            map
        };
        let (spec_label, cell_col, enhet_of) = match (&enhet_label, &parent_code) {
            (Some(e), Some(p)) => (
                e.clone(),
                enhet_pos
                    .and_then(|i| stub_cols.get(i).copied())
                    .unwrap_or(unit_cell_col),
                Some(p.as_str()),
            ),
            _ => (label.clone(), unit_cell_col, None),
        };
        let spec = UnitSpec {
            matched: matched.as_ref(),
            label: &spec_label,
            cell: CellRef::new(r.row, cell_col),
            enhet_of,
        };
        let unit = b.unit(&spec, attributes);
        let mut dims: Vec<u32> = Vec::with_capacity(dim_positions.len().saturating_add(1));
        for (d, &i) in dim_positions.iter().enumerate() {
            let v = r.stub.get(i).cloned().flatten().unwrap_or_default();
            dims.push(b.dim_value(d, &v));
        }
        if let Some(ip) = indicator_pos {
            let ind_label = r.stub.get(ip).cloned().flatten().unwrap_or_default();
            for &c in &value_cols {
                let key = (ind_label.clone(), c);
                let i = match long_indicator.get(&key) {
                    Some(&i) => i,
                    None => {
                        let value_header = header_text(c);
                        let generic = ["värde", "värden", "value", "resultat", "utfall", "svar"]
                            .contains(&normalize_label(&value_header).as_str())
                            || value_header.starts_with("Kolumn ");
                        let name = if value_cols.len() > 1 {
                            format!("{ind_label} – {value_header}")
                        } else {
                            ind_label.clone()
                        };
                        let measure = measure_in_name(&ind_label)
                            .or_else(|| (!generic).then(|| value_header.clone()));
                        let ind_col = stub_cols.get(ip).copied().unwrap_or(0);
                        let level =
                            |p: Option<usize>| p.and_then(|p| r.stub.get(p).cloned().flatten());
                        let i = b.indicator(
                            Indicator {
                                name,
                                code: level(code_pos_ind),
                                quality: level(quality_pos).map(|q| quality_label(&q)),
                                indicator_area: level(area_pos),
                                kind: IndicatorKind::Categorical,
                                cell: CellRef::new(r.row, ind_col),
                                ..Indicator::default()
                            },
                            measure,
                        );
                        long_indicator.insert(key, i);
                        i
                    }
                };
                if !seen_long.insert((unit, i, dims.clone())) {
                    b.duplicates
                        .add(&spec_label, CellRef::new(r.row, unit_cell_col));
                    continue;
                }
                let cell = grid.get(r.row, c);
                if cell.is_some() || dense {
                    b.value(unit, i, dims.clone(), cell, CellRef::new(r.row, c));
                }
            }
            continue;
        }
        if !seen_rows.insert((unit, dims.clone())) {
            b.duplicates
                .add(&spec_label, CellRef::new(r.row, unit_cell_col));
            continue;
        }
        // Dense tables: every value column (empty cells are bortfall); sparse ones: the row's
        // own cells only, so the work follows the cells, never the rectangle.
        let row_cols: Vec<u32> = if dense {
            value_cols.clone()
        } else {
            grid.row(r.row)
                .iter()
                .map(|(_, c, _)| *c)
                .filter(|c| value_set.contains(c))
                .collect()
        };
        for &c in &row_cols {
            let Some(&i) = col_indicator.get(&c) else {
                continue;
            };
            let mut obs_dims = dims.clone();
            if let Some(yd) = year_dim {
                let year = year_of_col.get(&c).cloned().unwrap_or_default();
                obs_dims.push(b.dim_value(yd, &year));
            }
            let cell = grid.get(r.row, c);
            if cell.is_some() || dense {
                b.value(unit, i, obs_dims, cell, CellRef::new(r.row, c));
            }
        }
    }
    warnings.extend(without_unit.warning(WarningKind::RowsWithoutUnit, |n| {
        format!(
            "{n} {} värden men ingen enhet och lästes inte.",
            if n == 1 { "rad har" } else { "rader har" }
        )
    }));
    warnings.extend(unnamed.warning(WarningKind::UnnamedColumns, |n| {
        format!(
            "{n} {} saknar rubrik.",
            if n == 1 {
                "värdekolumn"
            } else {
                "värdekolumner"
            }
        )
    }));
    if implicit {
        warnings.push(Warning {
            kind: WarningKind::ImplicitUnit,
            count: 1,
            examples: Vec::new(),
            message: "Tabellen har ingen kolumn med kommuner, län eller riket; den läses som en tabell för hela riket.".to_owned(),
        });
    }
    let mut finish_warnings = b.finish();
    finish_warnings.extend(warnings);
    if b.units.is_empty() {
        return Err("inga rader med både enhet och värden".to_owned());
    }
    if let Some(p) = enhet_pos {
        if let Some(&c) = stub_cols.get(p) {
            notes.push(format!(
                "Raderna är verksamhetsenheter (kolumn {} \"{}\") med sin kommun i enhetskolumnen.",
                column_letters(c),
                header_text(c)
            ));
        }
    }
    let columns: Vec<ColumnRole> = stub_cols
        .iter()
        .zip(roles.iter())
        .map(|(&c, &role)| ColumnRole {
            col: c,
            header: header_text(c),
            role,
        })
        .collect();
    let unit_axis = match unit_col {
        Some(c) if !implicit => UnitAxis::Column {
            col: c,
            header: header_text(c),
        },
        _ => UnitAxis::Implicit {
            kind: UnitKind::Riket,
        },
    };
    let first_data = data.first().map_or(0, |r| r.row);
    let last_data = data.last().map_or(0, |r| r.row);
    let mut key_parts: Vec<String> = vec![grid.name.clone(), format!("{layout:?}")];
    for &r in &header_rows {
        for (_, c, v) in grid.row(r) {
            key_parts.push(format!("{c}:{}", v.as_text()));
        }
    }
    key_parts.push(format!("enheter:{:?}", unit_col.filter(|_| !implicit)));
    if let Some(p) = indicator_pos.and_then(|p| stub_cols.get(p)) {
        key_parts.push(format!("indikator:{p}"));
    }
    let mut title_cells: Vec<(CellRef, String)> =
        titles.iter().map(|(c, t, _)| (*c, t.clone())).collect();
    title_cells.extend(headers.extra_texts.iter().cloned());
    let dataset = Dataset {
        file: String::new(),
        sheet: grid.name.clone(),
        title: title.clone(),
        layout,
        area: None,
        year: None,
        units: std::mem::take(&mut b.units),
        indicators: std::mem::take(&mut b.indicators),
        dimensions: std::mem::take(&mut b.dimensions),
        observations: std::mem::take(&mut b.observations),
    };
    let reading = DatasetReading {
        sheet: grid.name.clone(),
        index: 0,
        title,
        title_en,
        layout,
        layout_key: String::new(),
        template: ctx.template,
        header_rows,
        data_rows: (first_data, last_data),
        unit_axis,
        columns,
        n_value_lines: u32::try_from(value_cols.len()).unwrap_or(u32::MAX),
        units: UnitCounts::default(),
        indicators: IndicatorCounts::default(),
        dimensions: Vec::new(),
        n_observations: 0,
        area: None,
        year: None,
        footnotes: ctx.block.footnotes.iter().map(|(_, f)| f.clone()).collect(),
        notes,
        warnings: finish_warnings,
        corrections: Vec::new(),
    };
    Ok(TableRead {
        dataset,
        reading,
        titles: title_cells,
        has_time_dimension,
        key_parts,
    })
}

/// Whether `distinct` of `n` values look like a small set of categories (Offentlig/Enskild)
/// rather than names of service units.
fn varies_in_small_set(distinct: usize, n: usize) -> bool {
    distinct <= 5 && n > distinct.saturating_mul(2)
}

/// The table's title and English title: a numbered title ("Tabell 2. …") when there is one,
/// else the first title row.
pub fn choose_titles(ctx: &BlockCtx<'_>) -> (Option<String>, Option<String>) {
    let pick = |english: bool| {
        let rows = ctx.block.titles.iter().filter(|t| t.english == english);
        let numbered = rows.clone().find(|t| t.numbered);
        numbered
            .or_else(|| ctx.block.titles.iter().find(|t| t.english == english))
            .map(|t| t.text.clone())
    };
    (pick(false), pick(true))
}

/// The block's title rows: (cell, text, english).
pub fn block_titles(ctx: &BlockCtx<'_>) -> Vec<(CellRef, String, bool)> {
    ctx.block
        .titles
        .iter()
        .map(|t| (t.cell, t.text.clone(), t.english))
        .collect()
}

/// An indicator's name when the table's columns are years: the title without its "Tabell N."
/// prefix (and, for the second table of a sheet without a title of its own, its number).
fn indicator_name_from_title(title: Option<&str>, sheet: &str, ctx: &BlockCtx<'_>) -> String {
    let base = title.map_or_else(|| sheet.trim().to_owned(), strip_table_number);
    if ctx.n_blocks > 1 && ctx.block.titles.iter().all(|t| !t.numbered) {
        format!(
            "{base} (tabell {} på bladet)",
            ctx.block_index.saturating_add(1)
        )
    } else {
        base
    }
}

/// "Tabell 2. Personer med …" → "Personer med …".
pub fn strip_table_number(title: &str) -> String {
    let t = title.trim();
    let lower = normalize_label(t);
    for word in ["tabell", "figur", "diagram", "table", "figure"] {
        if lower.starts_with(word) {
            let rest = t.get(word.len()..).unwrap_or("").trim_start();
            let after_number = rest.trim_start_matches(|c: char| c.is_ascii_digit());
            if after_number.len() < rest.len() {
                return after_number
                    .trim_start_matches(['.', ':', ' ', '–', '-'])
                    .trim()
                    .to_owned();
            }
        }
    }
    t.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_words() {
        assert_eq!(header_word("Kommunkod"), HeaderWord::Code);
        assert_eq!(header_word("Kön"), HeaderWord::Dimension);
        assert_eq!(header_word("År"), HeaderWord::Dimension);
        assert_eq!(header_word("Ålder"), HeaderWord::Dimension);
        assert_eq!(header_word("Län"), HeaderWord::Grouping);
        assert_eq!(header_word("Kommungrupp (SKR 2017)"), HeaderWord::Grouping);
        assert_eq!(header_word("Indikator"), HeaderWord::Indicator);
        assert_eq!(header_word("Läkemedel"), HeaderWord::None);
        assert_eq!(header_word("Väntetid för nybesök"), HeaderWord::None);
        assert_eq!(header_word("Antal invånare"), HeaderWord::Grouping);
        assert_eq!(header_word("Expedieringar/1000 invånare"), HeaderWord::None);
        assert_eq!(
            header_word("Andel av brukarna över 80 år som fått en skriftlig plan"),
            HeaderWord::None
        );
        assert_eq!(header_word("Kön och ålder"), HeaderWord::Dimension);
    }

    #[test]
    fn titles_lose_their_number() {
        assert_eq!(
            strip_table_number("Tabell 2. Personer med stroke"),
            "Personer med stroke"
        );
        assert_eq!(strip_table_number("Kapitel X Något"), "Kapitel X Något");
    }
}
