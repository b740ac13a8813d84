//! Accumulates one dataset while a table is read: units, indicators, dimensions, observations,
//! and the counts behind the reading report's warnings.

use std::collections::HashMap;

use crate::ingest::grid::CellValue;
use crate::ingest::reading::{ExampleCounter, Warning, WarningKind};
use crate::ingest::units::{unit_key, UnitMatch};
use crate::ingest::values::{self, Parsed};
use crate::model::{
    Absence, CellRef, Dimension, Indicator, IndicatorKind, Observation, Unit, UnitKind, Value,
};

/// A dataset under construction.
#[derive(Default)]
pub struct DatasetBuilder {
    pub units: Vec<Unit>,
    unit_index: HashMap<String, u32>,
    pub indicators: Vec<Indicator>,
    /// Measure per indicator, used when it turns out numeric.
    measures: Vec<Option<String>>,
    pub dimensions: Vec<Dimension>,
    dim_index: Vec<HashMap<String, u32>>,
    pub observations: Vec<Observation>,
    unknown: ExampleCounter,
    unmatched: ExampleCounter,
    pub duplicates: ExampleCounter,
}

/// What a unit row is, as the caller settled it.
pub struct UnitSpec<'a> {
    pub matched: Option<&'a UnitMatch>,
    /// The label as written.
    pub label: &'a str,
    pub cell: CellRef,
    /// For service units: the kommun (or stadsdel) code they belong to.
    pub enhet_of: Option<&'a str>,
}

impl DatasetBuilder {
    /// The index of a unit, adding it on first sight; unrecognised labels are counted.
    pub fn unit(
        &mut self,
        spec: &UnitSpec<'_>,
        attributes: impl FnOnce() -> std::collections::BTreeMap<String, String>,
    ) -> u32 {
        let identity = match (spec.enhet_of, spec.matched) {
            (Some(parent), _) => format!("enhet:{parent}:{}", unit_key(spec.label)),
            (None, Some(m)) => format!("{:?}:{}", m.kind, m.code),
            (None, None) => format!("okänd:{}", unit_key(spec.label)),
        };
        if let Some(&i) = self.unit_index.get(&identity) {
            return i;
        }
        let unit = match (spec.enhet_of, spec.matched) {
            (Some(parent), _) => Unit {
                kind: UnitKind::Enhet,
                code: None,
                name: spec.label.to_owned(),
                label: spec.label.to_owned(),
                parent: Some(parent.to_owned()),
                attributes: attributes(),
                cell: spec.cell,
            },
            (None, Some(m)) => Unit {
                kind: m.kind,
                code: Some(m.code.clone()),
                name: m.name.clone(),
                label: spec.label.to_owned(),
                parent: m.parent.clone(),
                attributes: attributes(),
                cell: spec.cell,
            },
            (None, None) => {
                self.unmatched.add(spec.label, spec.cell);
                Unit {
                    kind: UnitKind::Okand,
                    code: None,
                    name: spec.label.to_owned(),
                    label: spec.label.to_owned(),
                    parent: None,
                    attributes: attributes(),
                    cell: spec.cell,
                }
            }
        };
        let i = u32::try_from(self.units.len()).unwrap_or(u32::MAX);
        self.units.push(unit);
        self.unit_index.insert(identity, i);
        i
    }

    /// Adds an indicator (kind settled in [`DatasetBuilder::finish`]); returns its index.
    pub fn indicator(&mut self, mut indicator: Indicator, measure: Option<String>) -> u32 {
        indicator.kind = IndicatorKind::Categorical;
        let i = u32::try_from(self.indicators.len()).unwrap_or(u32::MAX);
        self.indicators.push(indicator);
        self.measures.push(measure);
        i
    }

    /// Declares the dimensions, in order.
    pub fn set_dimensions(&mut self, names: Vec<String>) {
        self.dim_index = names.iter().map(|_| HashMap::new()).collect();
        self.dimensions = names
            .into_iter()
            .map(|name| Dimension {
                name,
                values: Vec::new(),
            })
            .collect();
    }

    /// The index of a value of dimension `d`, adding it on first sight.
    pub fn dim_value(&mut self, d: usize, value: &str) -> u32 {
        let (Some(index), Some(dim)) = (self.dim_index.get_mut(d), self.dimensions.get_mut(d))
        else {
            return 0;
        };
        if let Some(&i) = index.get(value) {
            return i;
        }
        let i = u32::try_from(dim.values.len()).unwrap_or(u32::MAX);
        dim.values.push(value.to_owned());
        index.insert(value.to_owned(), i);
        i
    }

    /// Records one value; an empty cell is bortfall.
    pub fn value(
        &mut self,
        unit: u32,
        indicator: u32,
        dims: Vec<u32>,
        cell: Option<&CellValue>,
        at: CellRef,
    ) {
        let Parsed { value, raw } = match cell {
            Some(c) => values::parse_cell(c),
            None => Parsed {
                value: Value::Absent(Absence::Bortfall),
                raw: None,
            },
        };
        if let Value::Text(t) = &value {
            self.unknown.add(t, at);
        }
        self.observations.push(Observation {
            unit,
            indicator,
            dims,
            value,
            cell: at,
            raw,
        });
    }

    /// Settles indicator kinds, scales aggregate shares written as fractions, sorts the
    /// observations, and returns the warnings.
    pub fn finish(&mut self) -> Vec<Warning> {
        let seen = self.seen_per_indicator();
        let mut empty = ExampleCounter::default();
        let mut scaled = ExampleCounter::default();
        let mut scale = vec![false; self.indicators.len()];
        for (i, ind) in self.indicators.iter_mut().enumerate() {
            let s = seen.get(i).copied().unwrap_or_default();
            if s.outcome {
                ind.kind = IndicatorKind::Categorical;
                if s.aggregate_fraction && s.aggregate_max <= 1.0 {
                    if let Some(flag) = scale.get_mut(i) {
                        *flag = true;
                    }
                    scaled.add(&ind.name, ind.cell);
                }
            } else {
                ind.kind = IndicatorKind::Numeric {
                    direction: None,
                    measure: self.measures.get(i).cloned().flatten(),
                };
            }
            if !s.value {
                empty.add(&ind.name, ind.cell);
            }
        }
        if scale.iter().any(|s| *s) {
            self.scale_to_percent(&scale);
        }
        self.observations
            .sort_by(|a, b| (a.unit, a.indicator, &a.dims).cmp(&(b.unit, b.indicator, &b.dims)));
        self.warnings(empty, scaled)
    }

    /// What the observations of each indicator hold.
    fn seen_per_indicator(&self) -> Vec<Seen> {
        let mut seen = vec![Seen::default(); self.indicators.len()];
        for o in &self.observations {
            let Some(s) = usize::try_from(o.indicator)
                .ok()
                .and_then(|i| seen.get_mut(i))
            else {
                continue;
            };
            let aggregate = self.is_aggregate(o.unit);
            match &o.value {
                Value::Outcome(_) if !aggregate => s.outcome = true,
                Value::Number(x) if aggregate => {
                    s.aggregate_max = s.aggregate_max.max(*x);
                    if *x > 0.0 && *x < 1.0 {
                        s.aggregate_fraction = true;
                    }
                }
                _ => {}
            }
            if !matches!(o.value, Value::Absent(_)) {
                s.value = true;
            }
        }
        seen
    }

    /// Whether a unit is an aggregate (storstad, län, riket).
    fn is_aggregate(&self, unit: u32) -> bool {
        usize::try_from(unit)
            .ok()
            .and_then(|u| self.units.get(u))
            .is_some_and(|u| u.kind.is_aggregate())
    }

    /// Rewrites the aggregate rows' fractions of the indicators in `scale` as percent, keeping
    /// the text as written.
    fn scale_to_percent(&mut self, scale: &[bool]) {
        let aggregate: Vec<bool> = self.units.iter().map(|u| u.kind.is_aggregate()).collect();
        let flag = |flags: &[bool], i: u32| {
            usize::try_from(i)
                .ok()
                .and_then(|i| flags.get(i))
                .copied()
                .unwrap_or(false)
        };
        for o in &mut self.observations {
            let chosen = flag(&aggregate, o.unit) && flag(scale, o.indicator);
            if let (true, Value::Number(x)) = (chosen, &o.value) {
                let as_written = values::print(&o.value);
                let percent = (x * 100.0 * 1e9).round() / 1e9;
                o.raw = Some(o.raw.take().unwrap_or(as_written));
                o.value = Value::Number(percent);
            }
        }
    }

    /// The warnings of the counts gathered while building, in the report's order.
    fn warnings(&mut self, empty: ExampleCounter, scaled: ExampleCounter) -> Vec<Warning> {
        let mut warnings = Vec::new();
        let unmatched = std::mem::take(&mut self.unmatched);
        warnings.extend(unmatched.warning(WarningKind::UnmatchedUnits, |n| {
            format!(
                "{n} {} känns inte igen som kommun, stadsdel, län eller riket; {} med som okända.",
                if n == 1 { "enhet" } else { "enheter" },
                if n == 1 { "den är" } else { "de är" }
            )
        }));
        let duplicates = std::mem::take(&mut self.duplicates);
        warnings.extend(duplicates.warning(WarningKind::DuplicateUnits, |n| {
            format!(
                "{n} {} samma enhet som en rad ovanför; den första raden används.",
                if n == 1 {
                    "rad upprepar"
                } else {
                    "rader upprepar"
                }
            )
        }));
        let unknown = std::mem::take(&mut self.unknown);
        warnings.extend(unknown.warning(WarningKind::UnknownValues, |n| {
            format!(
                "{n} {} varken ett svar (Ja/Delvis/Nej/Ej aktuellt/Kan inte svara), ett tal eller en markering för bortfall; {} som text.",
                if n == 1 { "cell är" } else { "celler är" },
                if n == 1 { "den behålls" } else { "de behålls" }
            )
        }));
        warnings.extend(empty.warning(WarningKind::EmptyIndicators, |n| {
            format!(
                "{n} {} saknar värden helt.",
                if n == 1 {
                    "indikatorkolumn"
                } else {
                    "indikatorkolumner"
                }
            )
        }));
        warnings.extend(scaled.warning(WarningKind::SharesScaled, |n| {
            format!(
                "Andelarna på läns-, storstads- och riksrader för {n} {} står som bråk (0–1) och läses som procent.",
                if n == 1 { "indikator" } else { "indikatorer" }
            )
        }));
        warnings
    }
}

/// What one indicator's observations hold: an outcome of a unit that answers, a value at all,
/// and the largest aggregate number and whether one lies strictly between 0 and 1.
#[derive(Clone, Copy)]
struct Seen {
    outcome: bool,
    value: bool,
    aggregate_max: f64,
    aggregate_fraction: bool,
}

impl Default for Seen {
    fn default() -> Seen {
        Seen {
            outcome: false,
            value: false,
            aggregate_max: f64::NEG_INFINITY,
            aggregate_fraction: false,
        }
    }
}
