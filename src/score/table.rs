//! One area and year as a table: the units of one or more datasets × their indicators, with
//! every categorical cell sorted into its bucket once, so any unit's score is a cheap sum.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use super::tally::{Bucket, DelvisRule, Tally};
use super::trace::{Figure, Trace};
use crate::model::{
    normalize_label, Dataset, Indicator, Layout, QualityArea, QualityDimension, Unit, UnitKind,
    Value,
};

/// One indicator among several datasets: its dataset (index into the slice the caller passed)
/// and its index in that dataset.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct IndicatorRef {
    pub dataset: u32,
    pub indicator: u32,
}

/// The quality grouping an indicator is counted under: one of the five kvalitetsområden of the
/// seed era, one of the six kvalitetsdimensioner of the model of 2023– (as the file words it),
/// another label as written, or none.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct QualityGroup {
    /// The quality area when the label maps to one.
    pub area: Option<QualityArea>,
    /// The kvalitetsdimension when the file groups by the dimensions of the model of 2023–.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dimension: Option<QualityDimension>,
    /// A stable key: the quality area's or dimension's key, `etikett:<label>` for a label that
    /// maps to none (e.g. "Individanpassad" in a seed-era file), `utan` for indicators without
    /// a quality label.
    pub key: String,
    /// The name to show: the quality area's name, the label as written (dimensions and
    /// unmapped labels), or "Utan kvalitetsområde" / "Utan kvalitetsdimension".
    pub name: String,
}

/// The key of the group of indicators without a quality label.
pub const UNGROUPED_KEY: &str = "utan";

impl QualityGroup {
    pub fn of(indicator: &Indicator) -> QualityGroup {
        match &indicator.quality {
            Some(q) => match (q.dimension, q.area) {
                (Some(dimension), _) => QualityGroup {
                    area: None,
                    dimension: Some(dimension),
                    key: dimension.key().to_owned(),
                    name: q.label.trim().to_owned(),
                },
                (None, Some(area)) => QualityGroup::area(area),
                (None, None) => QualityGroup {
                    area: None,
                    dimension: None,
                    key: format!("etikett:{}", normalize_label(&q.label)),
                    name: q.label.clone(),
                },
            },
            None => QualityGroup {
                area: None,
                dimension: None,
                key: UNGROUPED_KEY.to_owned(),
                name: "Utan kvalitetsområde".to_owned(),
            },
        }
    }

    pub fn area(area: QualityArea) -> QualityGroup {
        QualityGroup {
            area: Some(area),
            dimension: None,
            key: area.key().to_owned(),
            name: area.name().to_owned(),
        }
    }

    /// Whether these are the indicators the file leaves ungrouped.
    pub fn is_ungrouped(&self) -> bool {
        self.key == UNGROUPED_KEY
    }

    /// The rank of the group's kind in report order: the quality areas in DESIGN order, then
    /// dimensions (among themselves in the file's order), then unmapped labels alphabetically,
    /// then the ungrouped indicators.
    fn class_rank(&self) -> (u8, u8, String) {
        match (self.area, self.dimension) {
            (Some(area), _) => (
                0,
                QualityArea::ALL
                    .iter()
                    .position(|a| *a == area)
                    .unwrap_or(0) as u8,
                String::new(),
            ),
            (None, Some(_)) => (1, 0, String::new()),
            (None, None) if self.is_ungrouped() => (3, 0, String::new()),
            (None, None) => (2, 0, self.key.clone()),
        }
    }
}

/// Groups in report order, given in the order they first appear (column order, then areas):
/// see [`QualityGroup::class_rank`]. Dimensions keep the file's order; within one table the
/// ungrouped indicators are named for the grouping the table uses.
pub fn order_groups<T>(mut groups: Vec<(QualityGroup, T)>) -> Vec<(QualityGroup, T)> {
    // A stable sort keeps first appearance among equal ranks (the dimensions).
    groups.sort_by_key(|(g, _)| g.class_rank());
    if groups.iter().any(|(g, _)| g.dimension.is_some()) {
        for (g, _) in &mut groups {
            if g.is_ungrouped() {
                g.name = "Utan kvalitetsdimension".to_owned();
            }
        }
    }
    groups
}

/// Which quality grouping a table (or a report, or a year) uses: the kvalitetsområden of the
/// seed era, the kvalitetsdimensioner of the model of 2023–, or both (a report over files of
/// both models). Decides the words the views, the report text and the exports use.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Grouping {
    #[default]
    Omraden,
    Dimensioner,
    Bada,
}

impl Grouping {
    /// The grouping of a set of groups: dimensions when any group is one, and both when
    /// quality areas are there as well.
    pub fn of<'g>(groups: impl IntoIterator<Item = &'g QualityGroup>) -> Grouping {
        let (mut areas, mut dimensions) = (false, false);
        for g in groups {
            areas |= g.area.is_some();
            dimensions |= g.dimension.is_some();
        }
        match (areas, dimensions) {
            (true, true) => Grouping::Bada,
            (false, true) => Grouping::Dimensioner,
            _ => Grouping::Omraden,
        }
    }

    /// Both groupings together.
    pub fn combine(self, other: Grouping) -> Grouping {
        if self == other {
            self
        } else {
            Grouping::Bada
        }
    }

    /// "kvalitetsområde", "kvalitetsdimension", "kvalitetsområde eller kvalitetsdimension".
    pub fn singular(self) -> &'static str {
        match self {
            Grouping::Omraden => "kvalitetsområde",
            Grouping::Dimensioner => "kvalitetsdimension",
            Grouping::Bada => "kvalitetsområde eller kvalitetsdimension",
        }
    }

    /// "kvalitetsområden", "kvalitetsdimensioner", "kvalitetsområden och kvalitetsdimensioner".
    pub fn plural(self) -> &'static str {
        match self {
            Grouping::Omraden => "kvalitetsområden",
            Grouping::Dimensioner => "kvalitetsdimensioner",
            Grouping::Bada => "kvalitetsområden och kvalitetsdimensioner",
        }
    }

    /// The plural with a capital, for headings and column headers.
    pub fn title(self) -> &'static str {
        match self {
            Grouping::Omraden => "Kvalitetsområden",
            Grouping::Dimensioner => "Kvalitetsdimensioner",
            Grouping::Bada => "Kvalitetsområden och -dimensioner",
        }
    }

    /// "kvalitetsområdet", "kvalitetsdimensionen", "kvalitetsområdet eller -dimensionen".
    pub fn definite(self) -> &'static str {
        match self {
            Grouping::Omraden => "kvalitetsområdet",
            Grouping::Dimensioner => "kvalitetsdimensionen",
            Grouping::Bada => "kvalitetsområdet eller -dimensionen",
        }
    }

    /// The singular with a capital, for column headers.
    pub fn column(self) -> &'static str {
        match self {
            Grouping::Omraden => "Kvalitetsområde",
            Grouping::Dimensioner => "Kvalitetsdimension",
            Grouping::Bada => "Kvalitetsområde/-dimension",
        }
    }
}

/// One unit of an [`AreaTable`], gathered by code from the datasets that hold it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TableUnit {
    pub code: String,
    pub name: String,
    pub kind: UnitKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, String>,
    /// (dataset, unit index) of each row that holds the unit.
    pub rows: Vec<(u32, u32)>,
}

impl TableUnit {
    /// Whether the unit answers for itself (kommun or stadsdel) rather than being an aggregate.
    pub fn answers(&self) -> bool {
        matches!(self.kind, UnitKind::Kommun | UnitKind::Stadsdel)
    }
}

/// The units × indicators of one area and year, possibly spread over several datasets (sheets).
///
/// Units are matched across datasets by code; rows without a code and service-unit rows
/// (`Enhet`) are not part of the table. Categorical cells are bucketed once at construction.
#[derive(Clone, Debug)]
pub struct AreaTable<'a> {
    parts: Vec<(u32, &'a Dataset)>,
    /// Every indicator, in dataset order then column order.
    pub indicators: Vec<IndicatorRef>,
    /// Positions in `indicators` of the ones counted in fulfilment (categorical, and
    /// kvalitetsindikatorer when the file names categories): the columns of the bucket matrix.
    /// "Categorical column" below means one of these.
    pub categorical: Vec<usize>,
    pub units: Vec<TableUnit>,
    /// Indicators left out because an earlier dataset of the table has the same one:
    /// (left out, kept).
    pub duplicates: Vec<(IndicatorRef, IndicatorRef)>,
    by_code: HashMap<String, usize>,
    /// units.len() × categorical.len(), row-major.
    cells: Vec<Bucket>,
}

impl<'a> AreaTable<'a> {
    /// Gathers the datasets (each with its index in the caller's slice) into one table.
    pub fn new(parts: &[(u32, &'a Dataset)]) -> AreaTable<'a> {
        let mut indicators = Vec::new();
        let mut categorical = Vec::new();
        let mut units: Vec<TableUnit> = Vec::new();
        let mut by_code: HashMap<String, usize> = HashMap::new();
        // Per part: unit index → table unit; indicator index → categorical column.
        let mut unit_maps: Vec<Vec<Option<usize>>> = Vec::with_capacity(parts.len());
        let mut column_maps: Vec<Vec<Option<usize>>> = Vec::with_capacity(parts.len());
        // An indicator already read from an earlier dataset of the same area and year (the
        // same sheet loaded twice, a draft beside the published file) is counted once.
        let mut seen_keys: HashMap<String, IndicatorRef> = HashMap::new();
        let mut duplicates = Vec::new();
        for &(ds_index, dataset) in parts {
            let mut column_map = Vec::with_capacity(dataset.indicators.len());
            let mut keys_here: Vec<(String, IndicatorRef)> = Vec::new();
            for (i, indicator) in dataset.indicators.iter().enumerate() {
                let this = IndicatorRef {
                    dataset: ds_index,
                    indicator: i as u32,
                };
                let key = indicator.match_key();
                if let Some(first) = seen_keys.get(&key) {
                    duplicates.push((this, *first));
                    column_map.push(None);
                    continue;
                }
                keys_here.push((key, this));
                // Only indicators counted in fulfilment are columns of the bucket matrix:
                // välfärdsindikatorer and nyckeltal are numbers to compare, never fractions.
                if indicator.counts_in_fulfilment() {
                    column_map.push(Some(categorical.len()));
                    categorical.push(indicators.len());
                } else {
                    column_map.push(None);
                }
                indicators.push(this);
            }
            // Columns of one dataset with the same key are distinct (sub-items), so the keys
            // are registered only after the whole dataset.
            for (key, r) in keys_here {
                seen_keys.entry(key).or_insert(r);
            }
            column_maps.push(column_map);
            let mut unit_map = Vec::with_capacity(dataset.units.len());
            for (u, unit) in dataset.units.iter().enumerate() {
                unit_map.push(table_unit_of(unit).map(|code| {
                    let slot = *by_code.entry(code.clone()).or_insert_with(|| {
                        units.push(TableUnit {
                            code,
                            name: unit.name.clone(),
                            kind: unit.kind,
                            parent: unit.parent.clone(),
                            attributes: unit.attributes.clone(),
                            rows: Vec::new(),
                        });
                        units.len() - 1
                    });
                    if let Some(t) = units.get_mut(slot) {
                        // A unit listed twice in one dataset keeps its first row.
                        if !t.rows.iter().any(|(d, _)| *d == ds_index) {
                            t.rows.push((ds_index, u as u32));
                        }
                        for (k, v) in &unit.attributes {
                            t.attributes.entry(k.clone()).or_insert_with(|| v.clone());
                        }
                    }
                    slot
                }));
            }
            unit_maps.push(unit_map);
        }
        let width = categorical.len();
        let mut cells = vec![Bucket::Saknas; units.len().saturating_mul(width)];
        for (p, &(ds_index, dataset)) in parts.iter().enumerate() {
            let (Some(unit_map), Some(column_map)) = (unit_maps.get(p), column_maps.get(p)) else {
                continue;
            };
            for obs in &dataset.observations {
                if !obs.dims.is_empty() {
                    continue;
                }
                let Some(Some(t)) = unit_map.get(obs.unit as usize) else {
                    continue;
                };
                let Some(Some(c)) = column_map.get(obs.indicator as usize) else {
                    continue;
                };
                // Only the unit's own (first) row in this dataset counts.
                let own_row = units
                    .get(*t)
                    .is_some_and(|tu| tu.rows.contains(&(ds_index, obs.unit)));
                if !own_row {
                    continue;
                }
                if let Some(cell) = cells.get_mut(t * width + c) {
                    *cell = Bucket::of(Some(&obs.value));
                }
            }
        }
        AreaTable {
            parts: parts.to_vec(),
            indicators,
            categorical,
            units,
            duplicates,
            by_code,
            cells,
        }
    }

    /// The datasets of the table with their indices.
    pub fn parts(&self) -> &[(u32, &'a Dataset)] {
        &self.parts
    }

    /// The table unit with this code.
    pub fn unit(&self, code: &str) -> Option<usize> {
        self.by_code.get(code).copied()
    }

    pub fn dataset(&self, index: u32) -> Option<&'a Dataset> {
        self.parts
            .iter()
            .find(|(i, _)| *i == index)
            .map(|(_, d)| *d)
    }

    /// The indicator behind a reference.
    pub fn indicator(&self, r: IndicatorRef) -> Option<&'a Indicator> {
        self.dataset(r.dataset)
            .and_then(|d| d.indicators.get(r.indicator as usize))
    }

    /// The indicator of categorical column `column`.
    pub fn column_indicator(&self, column: usize) -> Option<(IndicatorRef, &'a Indicator)> {
        let r = *self.indicators.get(*self.categorical.get(column)?)?;
        Some((r, self.indicator(r)?))
    }

    /// The number of categorical columns.
    pub fn width(&self) -> usize {
        self.categorical.len()
    }

    /// The bucket of `unit` for categorical column `column`.
    pub fn bucket(&self, unit: usize, column: usize) -> Bucket {
        if column >= self.width() {
            return Bucket::Saknas;
        }
        self.cells
            .get(unit.saturating_mul(self.width()) + column)
            .copied()
            .unwrap_or(Bucket::Saknas)
    }

    /// The buckets of one unit, one per categorical column.
    pub fn row(&self, unit: usize) -> &[Bucket] {
        let start = unit.saturating_mul(self.width());
        self.cells
            .get(start..start.saturating_add(self.width()))
            .unwrap_or(&[])
    }

    /// The tally of `unit` over the categorical columns `columns`.
    pub fn tally(&self, unit: usize, columns: &[usize]) -> Tally {
        let row = self.row(unit);
        Tally::of(
            columns
                .iter()
                .map(|&c| row.get(c).copied().unwrap_or(Bucket::Saknas)),
        )
    }

    /// The tally of `unit` over every categorical column.
    pub fn tally_all(&self, unit: usize) -> Tally {
        Tally::of(self.row(unit).iter().copied())
    }

    /// Every categorical column.
    pub fn all_columns(&self) -> Vec<usize> {
        (0..self.width()).collect()
    }

    /// The counted columns grouped by quality area or dimension, in report order (dimensions
    /// in the order the file has them).
    pub fn quality_groups(&self) -> Vec<(QualityGroup, Vec<usize>)> {
        let mut groups: Vec<(QualityGroup, Vec<usize>)> = Vec::new();
        for column in 0..self.width() {
            let Some((_, indicator)) = self.column_indicator(column) else {
                continue;
            };
            let group = QualityGroup::of(indicator);
            match groups.iter_mut().find(|(g, _)| g.key == group.key) {
                Some((_, columns)) => columns.push(column),
                None => groups.push((group, vec![column])),
            }
        }
        order_groups(groups)
    }

    /// The categorical columns grouped by indikatorområde, in order of first appearance;
    /// columns without one are grouped under "Utan indikatorområde".
    pub fn indicator_area_groups(&self) -> Vec<(String, Vec<usize>)> {
        let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
        for column in 0..self.width() {
            let Some((_, indicator)) = self.column_indicator(column) else {
                continue;
            };
            let name = indicator
                .indicator_area
                .clone()
                .unwrap_or_else(|| "Utan indikatorområde".to_owned());
            match groups.iter_mut().find(|(n, _)| *n == name) {
                Some((_, cols)) => cols.push(column),
                None => groups.push((name, vec![column])),
            }
        }
        groups
    }

    /// The value `unit` has for an indicator, if its table has the cell.
    pub fn value(&self, unit: usize, r: IndicatorRef) -> Option<&'a Value> {
        let t = self.units.get(unit)?;
        let &(_, row) = t.rows.iter().find(|(d, _)| *d == r.dataset)?;
        self.dataset(r.dataset)?
            .value(row as usize, r.indicator as usize)
    }

    /// The cells behind `unit`'s score over `columns`: one trace per indicator.
    pub fn explain(&self, unit: usize, columns: &[usize], rule: DelvisRule) -> Vec<Trace> {
        columns
            .iter()
            .filter_map(|&column| self.trace(unit, column, rule))
            .collect()
    }

    /// The figure of `unit` over `columns` under `rule`, with its cells.
    pub fn figure(&self, unit: usize, columns: &[usize], rule: DelvisRule) -> Figure {
        Figure::new(
            self.tally(unit, columns),
            rule,
            self.explain(unit, columns, rule),
        )
    }

    /// The trace of one cell.
    pub fn trace(&self, unit: usize, column: usize, rule: DelvisRule) -> Option<Trace> {
        let (r, indicator) = self.column_indicator(column)?;
        let dataset = self.dataset(r.dataset)?;
        let t = self.units.get(unit)?;
        let row = t
            .rows
            .iter()
            .find(|(d, _)| *d == r.dataset)
            .map(|&(_, row)| row);
        let observation =
            row.and_then(|row| dataset.observation(row as usize, r.indicator as usize));
        let bucket = self.bucket(unit, column);
        let cell = match (observation, row) {
            (Some(o), _) => Some(o.cell.a1()),
            // A wide table's empty cell is where the unit's row meets the indicator's column.
            (None, Some(row)) if dataset.layout == Layout::Wide => dataset
                .units
                .get(row as usize)
                .map(|u| crate::model::CellRef::new(u.cell.row, indicator.cell.col).a1()),
            _ => None,
        };
        let raw = match observation {
            Some(o) => o.raw.clone().unwrap_or_else(|| value_text(&o.value)),
            None => String::new(),
        };
        Some(Trace {
            dataset: r.dataset,
            file: dataset.file.clone(),
            sheet: dataset.sheet.clone(),
            indicator: r.indicator,
            indicator_name: indicator.name.clone(),
            code: indicator.code.clone(),
            match_key: indicator.match_key(),
            quality: QualityGroup::of(indicator).key,
            unit: t.name.clone(),
            cell,
            raw,
            bucket,
            counts: bucket.counts(rule),
            in_denominator: bucket.is_answer(),
            how: bucket.how_counted(rule).to_owned(),
        })
    }
}

/// The code a dataset row is gathered under, or `None` for rows outside the table.
fn table_unit_of(unit: &Unit) -> Option<String> {
    match unit.kind {
        UnitKind::Enhet | UnitKind::Okand => None,
        _ => unit.code.clone().filter(|c| !c.trim().is_empty()),
    }
}

/// A value as text when the file's raw text was not kept.
pub fn value_text(value: &Value) -> String {
    match value {
        Value::Outcome(o) => o.label().to_owned(),
        Value::Number(n) => crate::sv::number(*n),
        Value::Absent(a) => a.label().to_owned(),
        Value::Error(e) => e.clone(),
        Value::Text(t) => t.clone(),
    }
}
