//! Reading a transposed table by its plan: the units of the unit row's columns (with their
//! attributes and codes from the other header rows), then one indicator per data row, its
//! hierarchy from the label columns or from the section rows above it.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::block::{Analysis, BlockCtx};
use super::build::{DatasetBuilder, UnitSpec};
use super::header::{
    indicator_category, indicator_type, is_quality_label, measure_in_name, quality_label,
};
use super::plan::{Plan, Role, Units};
use super::table::{table_read, TableRead};
use super::words::Level;
use crate::ingest::grid::{CellValue, Grid};
use crate::ingest::reading::{ExampleCounter, WarningKind};
use crate::ingest::units::{resolve_column, LabelCache, UnitMatcher};
use crate::model::{column_letters, CellRef, Indicator, IndicatorKind};

/// Reads the transposed table `plan` describes, or says why it holds nothing.
pub fn read(
    ctx: &BlockCtx<'_>,
    analysis: &Analysis,
    plan: &Plan,
    cache: &mut LabelCache,
) -> Result<TableRead, String> {
    let mut b = DatasetBuilder::default();
    b.set_dimensions(plan.dimensions.clone());
    let mut unnamed = ExampleCounter::default();
    let units = read_units(ctx, analysis, plan, cache, &mut b, &mut unnamed);
    read_indicators(ctx.grid, analysis, plan, &units, &mut b);
    let mut warnings = b.finish();
    warnings.extend(unnamed.warning(WarningKind::UnnamedColumns, |n| {
        format!(
            "{n} {} saknar enhetsnamn och lästes inte.",
            if n == 1 {
                "värdekolumn"
            } else {
                "värdekolumner"
            }
        )
    }));
    if b.units.is_empty() || b.indicators.is_empty() {
        return Err("inga enheter eller indikatorer".to_owned());
    }
    Ok(table_read(ctx, plan, b, warnings, Vec::new()))
}

/// The unit of each value column (`None` for a column without a unit label, counted in
/// `unnamed`, or repeating a unit to its left, counted as a duplicate).
fn read_units(
    ctx: &BlockCtx<'_>,
    analysis: &Analysis,
    plan: &Plan,
    cache: &mut LabelCache,
    b: &mut DatasetBuilder,
    unnamed: &mut ExampleCounter,
) -> Vec<(u32, Option<u32>)> {
    let Units::Row {
        row: unit_row,
        attributes,
        code_row,
        ..
    } = &plan.units
    else {
        return Vec::new();
    };
    let text_at = |r: u32, c: u32| analysis.header_text(ctx.grid, r, c);
    let labels: Vec<(u32, Option<String>)> = plan
        .values
        .iter()
        .map(|v| (v.col, text_at(*unit_row, v.col)))
        .collect();
    let resolved = resolve_labels(labels.iter().filter_map(|(_, l)| l.as_ref()), cache);
    let mut seen: HashSet<u32> = HashSet::new();
    let mut units = Vec::with_capacity(labels.len());
    for (c, label) in &labels {
        let cell = CellRef::new(*unit_row, *c);
        let Some(label) = label else {
            unnamed.add(&column_letters(*c), cell);
            units.push((*c, None));
            continue;
        };
        let matched = resolved.get(label).cloned().flatten().or_else(|| {
            let code = text_at((*code_row)?, *c)?;
            UnitMatcher::get().code(&code).cloned()
        });
        let spec = UnitSpec {
            matched: matched.as_ref(),
            label,
            cell,
            enhet_of: None,
        };
        let attributes = || {
            attributes
                .iter()
                .filter_map(|(r, name)| text_at(*r, *c).map(|v| (name.clone(), v)))
                .collect::<BTreeMap<String, String>>()
        };
        let u = b.unit(&spec, attributes);
        if seen.insert(u) {
            units.push((*c, Some(u)));
        } else {
            b.duplicates.add(label, cell);
            units.push((*c, None));
        }
    }
    units
}

/// Settles the distinct unit labels together (context decides "Stockholm").
fn resolve_labels<'s>(
    labels: impl Iterator<Item = &'s String>,
    cache: &mut LabelCache,
) -> HashMap<String, Option<crate::ingest::units::UnitMatch>> {
    let mut distinct: Vec<String> = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    for l in labels {
        if seen.insert(l.as_str()) {
            distinct.push(l.clone());
        }
    }
    let candidates: Vec<_> = distinct
        .iter()
        .map(|l| cache.candidates(l).clone())
        .collect();
    distinct
        .into_iter()
        .zip(resolve_column(&candidates))
        .collect()
}

/// The quality area and indicator area in force, from the level columns or the section rows.
#[derive(Default)]
struct Hierarchy {
    quality: Option<String>,
    area: Option<String>,
}

impl Hierarchy {
    /// A row without values with a single label names the group of the rows below it.
    fn section(&mut self, label: &str) {
        if is_quality_label(label) {
            self.quality = Some(label.to_owned());
            self.area = None;
        } else {
            self.area = Some(label.to_owned());
        }
    }

    /// A row's own quality area (a new one ends the indicator area) and indicator area.
    fn row(&mut self, quality: Option<String>, area: Option<String>) {
        if let Some(q) = quality {
            if self.quality.as_ref() != Some(&q) {
                self.area = None;
            }
            self.quality = Some(q);
        }
        if let Some(a) = area {
            self.area = Some(a);
        }
    }
}

/// What makes two rows the same indicator: name, code, quality area, indicator area.
type Identity = (String, Option<String>, Option<String>, Option<String>);

/// One indicator per data row with values, its values in the units' columns; with dimension
/// columns (År), the rows of one indicator (same name and hierarchy) are its values per year.
fn read_indicators(
    grid: &Grid,
    analysis: &Analysis,
    plan: &Plan,
    units: &[(u32, Option<u32>)],
    b: &mut DatasetBuilder,
) {
    let value_set: HashSet<u32> = analysis.value_cols.iter().copied().collect();
    let text = |r: u32, c: Option<u32>| -> Option<String> {
        c.and_then(|c| grid.get(r, c))
            .map(CellValue::as_text)
            .filter(|t| !t.trim().is_empty())
    };
    let level = |l: Level| plan.column(Role::Level(l));
    let name_col = plan.column(Role::Indicator);
    let dimension_cols: Vec<u32> = plan
        .positions(Role::Dimension)
        .into_iter()
        .filter_map(|p| plan.columns.get(p).map(|c| c.col))
        .collect();
    let mut by_identity: HashMap<Identity, u32> = HashMap::new();
    let mut hierarchy = Hierarchy::default();
    for rc in analysis.data() {
        if !rc.cells.iter().any(|(c, _)| value_set.contains(c)) {
            let labels: Vec<String> = analysis
                .label_cols
                .iter()
                .filter_map(|&c| text(rc.row, Some(c)))
                .collect();
            if let [one] = labels.as_slice() {
                hierarchy.section(one);
            }
            continue;
        }
        hierarchy.row(
            text(rc.row, level(Level::Quality)),
            text(rc.row, level(Level::IndicatorArea)),
        );
        let name_cell_col = name_col
            .or_else(|| analysis.label_cols.last().copied())
            .unwrap_or(0);
        let name = text(rc.row, name_col)
            .or_else(|| {
                analysis
                    .label_cols
                    .iter()
                    .rev()
                    .find_map(|&c| text(rc.row, Some(c)))
            })
            .unwrap_or_else(|| format!("Rad {}", u64::from(rc.row).saturating_add(1)));
        let measure = text(rc.row, plan.column(Role::Measure)).or_else(|| measure_in_name(&name));
        let code = text(rc.row, level(Level::IndicatorCode));
        let identity = (
            name.clone(),
            code.clone(),
            hierarchy.quality.clone(),
            hierarchy.area.clone(),
        );
        let known = (!dimension_cols.is_empty())
            .then(|| by_identity.get(&identity).copied())
            .flatten();
        let indicator = match known {
            Some(i) => i,
            None => {
                let i = b.indicator(
                    Indicator {
                        name,
                        code,
                        quality: hierarchy.quality.as_deref().map(quality_label),
                        indicator_area: hierarchy.area.clone(),
                        category: text(rc.row, level(Level::Category))
                            .and_then(|t| indicator_category(&t)),
                        indicator_type: text(rc.row, level(Level::Type))
                            .and_then(|t| indicator_type(&t)),
                        kind: IndicatorKind::Categorical,
                        cell: CellRef::new(rc.row, name_cell_col),
                        ..Indicator::default()
                    },
                    measure,
                );
                by_identity.insert(identity, i);
                i
            }
        };
        let dims: Vec<u32> = dimension_cols
            .iter()
            .enumerate()
            .map(|(d, &c)| b.dim_value(d, text(rc.row, Some(c)).as_deref().unwrap_or("")))
            .collect();
        for &(c, unit) in units {
            if let Some(u) = unit {
                let cell = grid.get(rc.row, c);
                b.value(u, indicator, dims.clone(), cell, CellRef::new(rc.row, c));
            }
        }
    }
}
