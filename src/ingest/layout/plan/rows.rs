//! The plan of a table with units in rows: the role of every label column (by its header's words,
//! else by how its labels vary within units), wide or long, year columns, the indicators the
//! header rows name, and the dimensions.

use std::collections::{HashMap, HashSet};

use super::super::block::{Analysis, BlockCtx};
use super::super::header::{read_headers, read_headers_over_years, Headers, IndicatorHeader};
use super::super::stub::{identity, StubRows};
use super::super::template::strip_table_number;
use super::super::words::{is_time_header, HeaderWord, Level};
use super::{LabelColumn, Plan, PlannedIndicator, Reason, Role, UnitChoice, Units, ValueColumn};
use crate::ingest::values::cell_year;
use crate::model::{column_letters, normalize_label, CellRef, Indicator, IndicatorKind, Layout};

/// Plans a table whose units are in rows, named in `stub`'s unit column (or implied).
pub(super) fn plan(
    ctx: &BlockCtx<'_>,
    analysis: &Analysis,
    stub: &StubRows,
    unit: UnitChoice,
) -> Plan {
    let variation = Variation::of(stub, analysis.label_cols.len());
    let mut columns = label_columns(analysis, stub, &variation, unit.why);
    if variation.repeated_units {
        find_long_indicator(&mut columns, analysis);
    }
    let layout = if columns.iter().any(|c| c.role == Role::Indicator) {
        Layout::Long
    } else {
        demote_hierarchy(&mut columns, stub, &variation);
        Layout::Wide
    };
    let year_row = year_row(ctx, analysis, layout);
    let name_rows: Vec<u32> = analysis
        .header_rows
        .iter()
        .copied()
        .filter(|r| year_row.as_ref().is_none_or(|(y, _)| y != r))
        .collect();
    // Years under the names (the bottom header row): a column whose year follows its left
    // neighbour's continues that indicator.
    let continues: Vec<bool> = match &year_row {
        Some((r, years)) if analysis.header_rows.last() == Some(r) => {
            let mut out = vec![false];
            out.extend(
                years
                    .windows(2)
                    .map(|w| matches!(w, [a, b] if year_number(a) < year_number(b))),
            );
            out
        }
        _ => Vec::new(),
    };
    let years = year_row.map(|(_, years)| years);
    let mut headers =
        read_headers_over_years(ctx.grid, &name_rows, &analysis.value_cols, &continues);
    let (indicators, column_indicator) = match (&years, layout) {
        (Some(_), _) => match year_indicators(&headers) {
            Some(found) => found,
            None => {
                // Years under one measure: the headers as a whole (a note over the years).
                headers = read_headers(ctx.grid, &analysis.header_rows, &analysis.value_cols);
                let n = headers.columns.len();
                (vec![year_indicator(ctx, &headers)], vec![Some(0); n])
            }
        },
        (None, Layout::Wide) => {
            let indicators = wide_indicators(&headers);
            let n = indicators.len();
            (indicators, (0..n).map(Some).collect())
        }
        _ => (Vec::new(), Vec::new()),
    };
    let values = value_columns(analysis, &column_indicator, years.as_deref());
    let mut dimensions: Vec<String> = columns
        .iter()
        .filter(|c| c.role == Role::Dimension)
        .map(|c| c.header.clone())
        .collect();
    let time_dimension = years.is_some() || dimensions.iter().any(|d| is_time_header(d));
    if years.is_some() {
        dimensions.push("År".to_owned());
    }
    let units = match stub.unit_pos.and_then(|p| columns.get(p)) {
        Some(c) => Units::Column {
            col: c.col,
            why: unit.why,
        },
        None => Units::Implicit {
            column_hits: unit.hits,
            cell_col: unit.cell_col,
        },
    };
    Plan {
        columns,
        values,
        indicators,
        dimensions,
        time_dimension,
        ambiguous_quality: headers.ambiguous_quality,
        extra_titles: headers.extra_texts,
        ..Plan::new(ctx, analysis, layout, units)
    }
}

/// How the labels of each column vary within the units of the rows that hold values.
struct Variation {
    /// Per label column: unit identity → the distinct labels it has there.
    per_unit: Vec<HashMap<String, HashSet<String>>>,
    /// Whether some unit has more than one row.
    repeated_units: bool,
}

impl Variation {
    fn of(stub: &StubRows, n_cols: usize) -> Variation {
        let mut per_unit: Vec<HashMap<String, HashSet<String>>> = vec![HashMap::new(); n_cols];
        let mut unit_rows: HashMap<String, u32> = HashMap::new();
        for r in stub.value_rows() {
            let id = stub.unit_of(r).map(|u| identity(&u)).unwrap_or_default();
            let n = unit_rows.entry(id.clone()).or_insert(0);
            *n = n.saturating_add(1);
            for (i, v) in r.labels.iter().enumerate() {
                if let (Some(map), Some(v)) = (per_unit.get_mut(i), v) {
                    map.entry(id.clone()).or_default().insert(v.clone());
                }
            }
        }
        Variation {
            per_unit,
            repeated_units: stub.unit_pos.is_some() && unit_rows.values().any(|n| *n > 1),
        }
    }

    fn varies(&self, pos: usize) -> bool {
        self.per_unit
            .get(pos)
            .is_some_and(|m| m.values().any(|s| s.len() > 1))
    }
}

/// (distinct labels, labels) of a label column over the rows that hold values.
fn distinct_labels(stub: &StubRows, pos: usize) -> (usize, usize) {
    let labels: Vec<&String> = stub.value_rows().filter_map(|r| r.label(pos)).collect();
    let distinct: HashSet<&String> = labels.iter().copied().collect();
    (distinct.len(), labels.len())
}

/// Every label column with its role: the unit column, then by the header's words, else by how
/// its labels vary within the units.
fn label_columns(
    analysis: &Analysis,
    stub: &StubRows,
    variation: &Variation,
    unit_why: Reason,
) -> Vec<LabelColumn> {
    let few_values = analysis.value_cols.len() <= 3;
    let mut columns: Vec<LabelColumn> = Vec::with_capacity(analysis.label_cols.len());
    for (i, &c) in analysis.label_cols.iter().enumerate() {
        let taken = |role: Role| columns.iter().any(|col| col.role == role);
        let (role, why) = if Some(i) == stub.unit_pos {
            (Role::Unit, unit_why)
        } else {
            match analysis.word(c) {
                HeaderWord::Hierarchy(level) => (Role::Level(level), Reason::HeaderWord),
                HeaderWord::Code => (Role::UnitCode, Reason::HeaderWord),
                HeaderWord::Dimension => (Role::Dimension, Reason::HeaderWord),
                HeaderWord::Grouping => (Role::Grouping, Reason::HeaderWord),
                HeaderWord::Indicator if few_values && !taken(Role::Indicator) => {
                    (Role::Indicator, Reason::HeaderWord)
                }
                HeaderWord::Indicator => (Role::Dimension, Reason::NotTheIndicator),
                word => by_variation(stub, variation, i, word, taken(Role::Enhet)),
            }
        };
        columns.push(LabelColumn {
            col: c,
            header: analysis.header_or_letters(c),
            role,
            why,
            filled_down: stub.filled_down.get(i).copied().unwrap_or(false),
        });
    }
    columns
}

/// The role of a label column its header does not name (or names as enhet): service units when
/// so headed or when almost every row has its own label while units repeat; a grouping when
/// constant within units; else a dimension.
fn by_variation(
    stub: &StubRows,
    variation: &Variation,
    pos: usize,
    word: HeaderWord,
    enhet_taken: bool,
) -> (Role, Reason) {
    let (distinct, n) = distinct_labels(stub, pos);
    let own_labels =
        distinct.saturating_mul(10) >= n.saturating_mul(9) && !varies_in_small_set(distinct, n);
    let enhet_like = variation.repeated_units
        && !enhet_taken
        && n >= 2
        && (word == HeaderWord::Enhet || own_labels);
    if enhet_like {
        let why = if word == HeaderWord::Enhet {
            Reason::HeaderWord
        } else {
            Reason::OwnLabelPerRow
        };
        (Role::Enhet, why)
    } else if stub.unit_pos.is_none() {
        (Role::Dimension, Reason::NoUnitColumn)
    } else if !variation.varies(pos) {
        (Role::Grouping, Reason::ConstantPerUnit)
    } else {
        (Role::Dimension, Reason::VariesWithinUnits)
    }
}

/// Whether `distinct` of `n` values look like a small set of categories (Offentlig/Enskild)
/// rather than names of service units.
fn varies_in_small_set(distinct: usize, n: usize) -> bool {
    distinct <= 5 && n > distinct.saturating_mul(2)
}

/// A long table (units repeat): few value columns, and the first unheaded label column that
/// varies within units names the indicator of each row.
fn find_long_indicator(columns: &mut [LabelColumn], analysis: &Analysis) {
    if columns.iter().any(|c| c.role == Role::Indicator) || analysis.value_cols.len() > 2 {
        return;
    }
    if let Some(c) = columns
        .iter_mut()
        .find(|c| c.role == Role::Dimension && analysis.word(c.col) == HeaderWord::None)
    {
        c.role = Role::Indicator;
        c.why = Reason::LongTable;
    }
}

/// In a wide table a column headed as a hierarchy level is a dimension; one headed as a
/// category or type ("Typ") is read by how it varies, as an unheaded column is.
fn demote_hierarchy(columns: &mut [LabelColumn], stub: &StubRows, variation: &Variation) {
    for (pos, c) in columns.iter_mut().enumerate() {
        match c.role {
            Role::Level(Level::Category | Level::Type) => {
                (c.role, c.why) = by_variation(stub, variation, pos, HeaderWord::None, true);
            }
            Role::Level(_) => {
                c.role = Role::Dimension;
                c.why = Reason::HierarchyInWide;
            }
            _ => {}
        }
    }
}

/// The header row naming a year over every value column (merges filled; "2023*" is 2023), with
/// each column's year, when a wide table has two or more value columns: years as a row at the
/// bottom of the header (a statistics table's columns; ÖJ's years under each indicator) or as a
/// band over blocks of indicators (ÖJ's "Resultat 2022–2024" by year).
fn year_row(ctx: &BlockCtx<'_>, analysis: &Analysis, layout: Layout) -> Option<(u32, Vec<String>)> {
    if layout != Layout::Wide || analysis.value_cols.len() < 2 {
        return None;
    }
    analysis.header_rows.iter().rev().find_map(|&r| {
        years_in_row(ctx, analysis, r).map(|y| (r, y.iter().map(u16::to_string).collect()))
    })
}

/// Each value column's year in header row `r`, when the row names a year over every value
/// column: in each cell or merge, or written once over a block of columns (not merged, as a
/// CSV export or "centre across selection" keeps it) when two or more years run on left to
/// right (2022 … 2023 … 2024); a blank cell then continues the year on its left.
fn years_in_row(ctx: &BlockCtx<'_>, analysis: &Analysis, r: u32) -> Option<Vec<u16>> {
    let mut years: Vec<u16> = Vec::with_capacity(analysis.value_cols.len());
    let mut written: Vec<u16> = Vec::new();
    for &c in &analysis.value_cols {
        let year = match analysis.merges.get(ctx.grid, r, c) {
            Some(cell) => {
                let y = cell_year(cell)?;
                written.push(y);
                y
            }
            None if analysis.merges.covered(r, c) => return None,
            None => *years.last()?,
        };
        years.push(year);
    }
    let filled = written.len() < years.len();
    let runs_on = written.len() >= 2 && written.windows(2).all(|w| matches!(w, [a, b] if a < b));
    (!filled || runs_on).then_some(years)
}

/// A year as [`year_row`] wrote it (0 for anything else).
fn year_number(year: &str) -> u16 {
    year.parse().unwrap_or(0)
}

/// The indicators of a table whose value columns are years, and each column's indicator: one
/// per distinct header above the years (ÖJ: each indicator over its years). `None` when the
/// headers do not name every column or name only one indicator: a statistics table of one
/// measure over the years, its indicator named by the title.
fn year_indicators(headers: &Headers) -> Option<(Vec<PlannedIndicator>, Vec<Option<usize>>)> {
    let identity = |h: &IndicatorHeader| {
        (
            normalize_label(&h.name),
            h.quality.as_ref().map(|q| q.label.clone()),
            h.code.clone(),
        )
    };
    let mut keys: Vec<(String, Option<String>, Option<String>)> = Vec::new();
    let mut first_of: Vec<usize> = Vec::new();
    let column_indicator: Vec<Option<usize>> = headers
        .columns
        .iter()
        .enumerate()
        .map(|(ci, h)| {
            let key = identity(h);
            let i = keys.iter().position(|k| *k == key).unwrap_or_else(|| {
                keys.push(key);
                first_of.push(ci);
                keys.len().saturating_sub(1)
            });
            Some(i)
        })
        .collect();
    let every_named = headers.columns.iter().all(|h| !h.name.trim().is_empty());
    if keys.len() < 2 || !every_named {
        return None;
    }
    let all = wide_indicators(headers);
    let indicators = first_of
        .iter()
        .filter_map(|&ci| all.get(ci).cloned())
        .collect();
    Some((indicators, column_indicator))
}

/// The one indicator of a table whose columns are years: named by the title.
fn year_indicator(ctx: &BlockCtx<'_>, headers: &Headers) -> PlannedIndicator {
    let (title, _) = ctx.block.chosen_titles();
    let name = indicator_name_from_title(title.as_deref(), &ctx.grid.name, ctx);
    let cell = ctx
        .block
        .titles
        .first()
        .map_or(CellRef::new(0, 0), |t| t.cell);
    PlannedIndicator {
        indicator: Indicator {
            name,
            kind: IndicatorKind::Categorical,
            cell,
            ..Indicator::default()
        },
        measure: headers.columns.first().and_then(|h| h.measure.clone()),
        unnamed: false,
    }
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

/// One indicator per value column, named by the header rows ("Kolumn C" when unheaded).
fn wide_indicators(headers: &Headers) -> Vec<PlannedIndicator> {
    headers
        .columns
        .iter()
        .map(|h| {
            let unnamed = h.name.trim().is_empty();
            let name = if unnamed {
                format!("Kolumn {}", column_letters(h.col))
            } else {
                h.name.clone()
            };
            PlannedIndicator {
                indicator: Indicator {
                    name,
                    code: h.code.clone(),
                    quality: h.quality.clone(),
                    indicator_area: h.indicator_area.clone(),
                    category: h.category,
                    indicator_type: h.indicator_type,
                    kind: IndicatorKind::Categorical,
                    cell: h.name_cell,
                    ..Indicator::default()
                },
                measure: h.measure.clone(),
                unnamed,
            }
        })
        .collect()
}

/// The value columns with their indicator (`column_indicator`, by position) and year.
fn value_columns(
    analysis: &Analysis,
    column_indicator: &[Option<usize>],
    years: Option<&[String]>,
) -> Vec<ValueColumn> {
    analysis
        .value_cols
        .iter()
        .enumerate()
        .map(|(i, &c)| ValueColumn {
            col: c,
            header: analysis.header_or_letters(c),
            indicator: column_indicator.get(i).copied().flatten(),
            year: years.and_then(|y| y.get(i)).cloned(),
        })
        .collect()
}
