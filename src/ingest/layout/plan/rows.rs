//! The plan of a table with units in rows: the role of every label column (by its header's words,
//! else by how its labels vary within units), wide or long, year columns, the indicators the
//! header rows name, and the dimensions.

use std::collections::{HashMap, HashSet};

use super::super::block::{Analysis, BlockCtx};
use super::super::header::{read_headers, Headers};
use super::super::stub::{identity, StubRows};
use super::super::template::strip_table_number;
use super::super::words::{is_time_header, HeaderWord};
use super::{LabelColumn, Plan, PlannedIndicator, Reason, Role, UnitChoice, Units, ValueColumn};
use crate::ingest::values::cell_year;
use crate::model::{column_letters, CellRef, Indicator, IndicatorKind, Layout};

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
        demote_hierarchy(&mut columns);
        Layout::Wide
    };
    let years = year_columns(ctx, analysis, layout);
    let headers = read_headers(ctx.grid, &analysis.header_rows, &analysis.value_cols);
    let indicators = match (&years, layout) {
        (Some(_), _) => vec![year_indicator(ctx, &headers)],
        (None, Layout::Wide) => wide_indicators(&headers),
        _ => Vec::new(),
    };
    let values = value_columns(analysis, &indicators, years.as_deref());
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

/// In a wide table a column headed as a hierarchy level is a dimension.
fn demote_hierarchy(columns: &mut [LabelColumn]) {
    for c in columns
        .iter_mut()
        .filter(|c| matches!(c.role, Role::Level(_)))
    {
        c.role = Role::Dimension;
        c.why = Reason::HierarchyInWide;
    }
}

/// The year heading each value column, when a wide table has two or more value columns all
/// headed by years (in the last header row; "2023*" is 2023): one indicator over an År dimension.
fn year_columns(ctx: &BlockCtx<'_>, analysis: &Analysis, layout: Layout) -> Option<Vec<String>> {
    if layout != Layout::Wide || analysis.value_cols.len() < 2 {
        return None;
    }
    let last = *analysis.header_rows.last()?;
    analysis
        .value_cols
        .iter()
        .map(|&c| {
            ctx.grid
                .get(last, c)
                .and_then(cell_year)
                .map(|y| y.to_string())
        })
        .collect()
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

/// The value columns with their indicator (wide: the column's own; year columns: the one) and
/// year.
fn value_columns(
    analysis: &Analysis,
    indicators: &[PlannedIndicator],
    years: Option<&[String]>,
) -> Vec<ValueColumn> {
    analysis
        .value_cols
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let year = years.and_then(|y| y.get(i)).cloned();
            let indicator = match (indicators.len(), &year) {
                (0, _) => None,
                (_, Some(_)) => Some(0),
                _ => Some(i),
            };
            ValueColumn {
                col: c,
                header: analysis.header_or_letters(c),
                indicator,
                year,
            }
        })
        .collect()
}
