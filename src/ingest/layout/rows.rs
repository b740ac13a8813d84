//! Reading a table with units in rows (wide, long, or riket's without a unit column) by its
//! plan: each row's unit (or service unit with its kommun), its dimensions and its values.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::block::{Analysis, BlockCtx};
use super::build::{DatasetBuilder, UnitSpec};
use super::header::{indicator_category, indicator_type, measure_in_name, quality_label};
use super::plan::{Plan, Role, Units};
use super::stub::{RowUnit, StubRow, StubRows};
use super::table::{self, table_read, TableRead};
use super::words::Level;
use crate::ingest::grid::Grid;
use crate::ingest::reading::{ExampleCounter, Warning, WarningKind};
use crate::ingest::units::UnitMatch;
use crate::model::{column_letters, normalize_label, CellRef, Indicator, IndicatorKind, UnitKind};

/// Reads the table `plan` describes, or says why it holds nothing.
pub fn read(
    ctx: &BlockCtx<'_>,
    analysis: &Analysis,
    plan: &Plan,
    stub: &StubRows,
) -> Result<TableRead, String> {
    let mut b = DatasetBuilder::default();
    b.set_dimensions(plan.dimensions.clone());
    for planned in &plan.indicators {
        b.indicator(planned.indicator.clone(), planned.measure.clone());
    }
    let (dense, sparse) = density(analysis, stub);
    let mut reader = RowReader::new(ctx.grid, plan, dense);
    for r in &stub.rows {
        reader.read(&mut b, stub, r);
    }
    let mut warnings = b.finish();
    warnings.extend(table::ambiguous_quality(plan));
    warnings.extend(sparse);
    warnings.extend(
        reader
            .without_unit
            .warning(WarningKind::RowsWithoutUnit, |n| {
                format!(
                    "{n} {} värden men ingen enhet och lästes inte.",
                    if n == 1 { "rad har" } else { "rader har" }
                )
            }),
    );
    warnings.extend(table::unnamed_columns(plan));
    warnings.extend(table::implicit_unit(plan));
    if b.units.is_empty() {
        return Err("inga rader med både enhet och värden".to_owned());
    }
    let notes = plan
        .columns
        .iter()
        .find(|c| c.role == Role::Enhet)
        .map(|c| {
            format!(
                "Raderna är verksamhetsenheter (kolumn {} \"{}\") med sin kommun i enhetskolumnen.",
                column_letters(c.col),
                c.header
            )
        })
        .into_iter()
        .collect();
    Ok(table_read(ctx, plan, b, warnings, notes))
}

/// Whether the table is dense enough for its empty cells to be bortfall (else only its own cells
/// are read, so the work follows the cells, never the rectangle), with the warning when not.
fn density(analysis: &Analysis, stub: &StubRows) -> (bool, Option<Warning>) {
    let value_set: HashSet<u32> = analysis.value_cols.iter().copied().collect();
    let n_value_cells: usize = analysis
        .data()
        .iter()
        .map(|rc| {
            rc.cells
                .iter()
                .filter(|(c, _)| value_set.contains(c))
                .count()
        })
        .sum();
    let rectangle = stub
        .value_rows()
        .count()
        .saturating_mul(analysis.value_cols.len());
    let dense = rectangle <= n_value_cells.saturating_mul(4).saturating_add(10_000);
    let warning = (!dense).then(|| Warning {
        kind: WarningKind::SparseTable,
        count: u32::try_from(rectangle.saturating_sub(n_value_cells)).unwrap_or(u32::MAX),
        examples: Vec::new(),
        message: "Tabellen är mycket gles; tomma celler räknas inte som bortfall.".to_owned(),
    });
    (dense, warning)
}

/// Reads rows one by one into a dataset.
struct RowReader<'a> {
    grid: &'a Grid,
    plan: &'a Plan,
    dense: bool,
    /// Label-column positions by role.
    groupings: Vec<usize>,
    dimensions: Vec<usize>,
    enhet: Option<usize>,
    indicator: Option<usize>,
    /// Value column → indicator (wide) and year (year columns).
    col_indicator: HashMap<u32, u32>,
    col_year: HashMap<u32, String>,
    /// The År dimension's index, when the value columns are years.
    year_dim: Option<usize>,
    value_set: HashSet<u32>,
    /// Long tables: indicator per (label, value column).
    long_indicators: HashMap<(String, u32), u32>,
    seen_rows: HashSet<(u32, Vec<u32>)>,
    seen_long: HashSet<(u32, u32, Vec<u32>)>,
    without_unit: ExampleCounter,
}

impl<'a> RowReader<'a> {
    fn new(grid: &'a Grid, plan: &'a Plan, dense: bool) -> RowReader<'a> {
        let dimensions = plan.positions(Role::Dimension);
        let mut col_indicator = HashMap::new();
        let mut col_year = HashMap::new();
        for v in &plan.values {
            if let Some(i) = v.indicator.and_then(|i| u32::try_from(i).ok()) {
                col_indicator.insert(v.col, i);
            }
            if let Some(y) = &v.year {
                col_year.insert(v.col, y.clone());
            }
        }
        RowReader {
            grid,
            plan,
            dense,
            groupings: plan.positions(Role::Grouping),
            year_dim: (!col_year.is_empty()).then_some(dimensions.len()),
            dimensions,
            enhet: plan.position(Role::Enhet),
            indicator: plan.position(Role::Indicator),
            col_indicator,
            col_year,
            value_set: plan.values.iter().map(|v| v.col).collect(),
            long_indicators: HashMap::new(),
            seen_rows: HashSet::new(),
            seen_long: HashSet::new(),
            without_unit: ExampleCounter::default(),
        }
    }

    /// The column a row's unit cell is in (column A when the units are implied).
    fn unit_cell_col(&self) -> u32 {
        match self.plan.units {
            Units::Column { col, .. } => col,
            Units::Implicit { cell_col, .. } => cell_col,
            Units::Row { .. } => 0,
        }
    }

    /// Reads one row: a row without values is read only when it names a recognised unit (all
    /// bortfall) or an indicator of a long table (bortfall); group labels and notes are not.
    fn read(&mut self, b: &mut DatasetBuilder, stub: &StubRows, r: &StubRow) {
        let implicit = matches!(self.plan.units, Units::Implicit { .. });
        let unit = if implicit {
            Some((String::new(), Some(riket())))
        } else {
            stub.unit_of(r)
        };
        let long_row = self.indicator.and_then(|p| r.label(p)).is_some();
        let silent_unit =
            !implicit && self.indicator.is_none() && unit.as_ref().is_some_and(|u| u.1.is_some());
        if !r.has_values && !long_row && !silent_unit {
            return;
        }
        let Some(unit) = unit else {
            let row = format!("rad {}", u64::from(r.row).saturating_add(1));
            self.without_unit
                .add(&row, CellRef::new(r.row, self.unit_cell_col()));
            return;
        };
        let (unit, label) = self.unit(b, r, unit);
        let dims: Vec<u32> = self
            .dimensions
            .iter()
            .enumerate()
            .map(|(d, &p)| b.dim_value(d, r.label(p).map_or("", String::as_str)))
            .collect();
        let duplicate_at = CellRef::new(r.row, self.unit_cell_col());
        if let Some(p) = self.indicator {
            self.long_values(b, r, p, (unit, dims), (&label, duplicate_at));
        } else if self.seen_rows.insert((unit, dims.clone())) {
            self.wide_values(b, r, unit, &dims);
        } else {
            b.duplicates.add(&label, duplicate_at);
        }
    }

    /// The row's unit in the dataset, and its label as written: a service unit with its kommun
    /// when the table has an enhet column, else the unit of the unit column.
    fn unit(&self, b: &mut DatasetBuilder, r: &StubRow, unit: RowUnit) -> (u32, String) {
        let (label, matched) = unit;
        let enhet_label = self.enhet.and_then(|p| r.label(p)).cloned();
        let parent = matched
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
            for &p in &self.groupings {
                if let (Some(c), Some(v)) = (self.plan.columns.get(p), r.label(p)) {
                    map.insert(c.header.clone(), v.clone());
                }
            }
            if enhet_label.is_some() {
                if let Some(c) = self
                    .plan
                    .position(Role::Unit)
                    .and_then(|p| self.plan.columns.get(p))
                {
                    map.insert(c.header.clone(), label.clone());
                }
            }
            map
        };
        let enhet_col = self
            .enhet
            .and_then(|p| self.plan.columns.get(p))
            .map(|c| c.col);
        let (spec_label, cell_col, enhet_of) = match (&enhet_label, &parent) {
            (Some(e), Some(p)) => (
                e.clone(),
                enhet_col.unwrap_or(self.unit_cell_col()),
                Some(p.as_str()),
            ),
            _ => (label.clone(), self.unit_cell_col(), None),
        };
        let spec = UnitSpec {
            matched: matched.as_ref(),
            label: &spec_label,
            cell: CellRef::new(r.row, cell_col),
            enhet_of,
        };
        let index = b.unit(&spec, attributes);
        (index, spec_label)
    }

    /// A long table's row: one value per value column, of the indicator the row names.
    fn long_values(
        &mut self,
        b: &mut DatasetBuilder,
        r: &StubRow,
        indicator_pos: usize,
        (unit, dims): (u32, Vec<u32>),
        (label, duplicate_at): (&str, CellRef),
    ) {
        let name = r.label(indicator_pos).cloned().unwrap_or_default();
        for v in &self.plan.values {
            let key = (name.clone(), v.col);
            let i = match self.long_indicators.get(&key) {
                Some(&i) => i,
                None => {
                    let i = self.long_indicator(b, r, indicator_pos, &name, &v.header);
                    self.long_indicators.insert(key, i);
                    i
                }
            };
            if !self.seen_long.insert((unit, i, dims.clone())) {
                b.duplicates.add(label, duplicate_at);
                continue;
            }
            let cell = self.grid.get(r.row, v.col);
            if cell.is_some() || self.dense {
                b.value(unit, i, dims.clone(), cell, CellRef::new(r.row, v.col));
            }
        }
    }

    /// A long table's indicator, first seen on row `r`: named by the row (and the value column's
    /// header when there are several), its hierarchy from the level columns.
    fn long_indicator(
        &self,
        b: &mut DatasetBuilder,
        r: &StubRow,
        indicator_pos: usize,
        label: &str,
        value_header: &str,
    ) -> u32 {
        let generic = ["värde", "värden", "value", "resultat", "utfall", "svar"]
            .contains(&normalize_label(value_header).as_str())
            || value_header.starts_with("Kolumn ");
        let name = if self.plan.values.len() > 1 {
            format!("{label} – {value_header}")
        } else {
            label.to_owned()
        };
        let measure =
            measure_in_name(label).or_else(|| (!generic).then(|| value_header.to_owned()));
        let level = |level: Level| {
            self.plan
                .position(Role::Level(level))
                .and_then(|p| r.label(p))
                .cloned()
        };
        let col = self.plan.columns.get(indicator_pos).map_or(0, |c| c.col);
        b.indicator(
            Indicator {
                name,
                code: level(Level::IndicatorCode),
                quality: level(Level::Quality).map(|q| quality_label(&q)),
                indicator_area: level(Level::IndicatorArea),
                category: level(Level::Category).and_then(|t| indicator_category(&t)),
                indicator_type: level(Level::Type).and_then(|t| indicator_type(&t)),
                kind: IndicatorKind::Categorical,
                cell: CellRef::new(r.row, col),
                ..Indicator::default()
            },
            measure,
        )
    }

    /// A wide table's row: a value per value column (dense), or per cell of the row (sparse).
    fn wide_values(&mut self, b: &mut DatasetBuilder, r: &StubRow, unit: u32, dims: &[u32]) {
        let cols: Vec<u32> = if self.dense {
            self.plan.values.iter().map(|v| v.col).collect()
        } else {
            self.grid
                .row(r.row)
                .iter()
                .map(|(_, c, _)| *c)
                .filter(|c| self.value_set.contains(c))
                .collect()
        };
        for c in cols {
            let Some(&i) = self.col_indicator.get(&c) else {
                continue;
            };
            let mut obs_dims = dims.to_vec();
            if let Some(d) = self.year_dim {
                let year = self.col_year.get(&c).map_or("", String::as_str);
                obs_dims.push(b.dim_value(d, year));
            }
            let cell = self.grid.get(r.row, c);
            if cell.is_some() || self.dense {
                b.value(unit, i, obs_dims, cell, CellRef::new(r.row, c));
            }
        }
    }
}

/// The unit of a table that names none.
fn riket() -> UnitMatch {
    UnitMatch {
        kind: UnitKind::Riket,
        code: "00".into(),
        name: "Riket".into(),
        parent: None,
    }
}
