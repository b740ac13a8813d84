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
pub struct Builder {
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

impl Builder {
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

    /// Adds an indicator (kind settled in [`Builder::finish`]); returns its index.
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
        let n = self.indicators.len();
        let mut has_outcome = vec![false; n];
        let mut has_value = vec![false; n];
        let mut agg_max = vec![f64::NEG_INFINITY; n];
        let mut agg_fraction = vec![false; n];
        let kinds: Vec<UnitKind> = self.units.iter().map(|u| u.kind).collect();
        for o in &self.observations {
            let Some(i) = usize::try_from(o.indicator).ok().filter(|&i| i < n) else {
                continue;
            };
            let aggregate = usize::try_from(o.unit)
                .ok()
                .and_then(|u| kinds.get(u))
                .is_some_and(|k| k.is_aggregate());
            match &o.value {
                Value::Outcome(_) if !aggregate => {
                    if let Some(h) = has_outcome.get_mut(i) {
                        *h = true;
                    }
                }
                Value::Number(x) if aggregate => {
                    if let Some(m) = agg_max.get_mut(i) {
                        *m = m.max(*x);
                    }
                    if *x > 0.0 && *x < 1.0 {
                        if let Some(f) = agg_fraction.get_mut(i) {
                            *f = true;
                        }
                    }
                }
                _ => {}
            }
            if !matches!(o.value, Value::Absent(_)) {
                if let Some(h) = has_value.get_mut(i) {
                    *h = true;
                }
            }
        }
        let mut empty = ExampleCounter::default();
        let mut scaled = ExampleCounter::default();
        let mut scale = vec![false; n];
        for (i, ind) in self.indicators.iter_mut().enumerate() {
            let categorical = has_outcome.get(i).copied().unwrap_or(false);
            if categorical {
                ind.kind = IndicatorKind::Categorical;
                let fraction = agg_fraction.get(i).copied().unwrap_or(false)
                    && agg_max.get(i).is_some_and(|m| *m <= 1.0);
                if fraction {
                    if let Some(s) = scale.get_mut(i) {
                        *s = true;
                    }
                    scaled.add(&ind.name, ind.cell);
                }
            } else {
                ind.kind = IndicatorKind::Numeric {
                    direction: None,
                    measure: self.measures.get(i).cloned().flatten(),
                };
            }
            if !has_value.get(i).copied().unwrap_or(false) {
                empty.add(&ind.name, ind.cell);
            }
        }
        if scale.iter().any(|s| *s) {
            for o in &mut self.observations {
                let aggregate = usize::try_from(o.unit)
                    .ok()
                    .and_then(|u| kinds.get(u))
                    .is_some_and(|k| k.is_aggregate());
                let s = usize::try_from(o.indicator)
                    .ok()
                    .and_then(|i| scale.get(i))
                    .copied()
                    .unwrap_or(false);
                if let (true, true, Value::Number(x)) = (aggregate, s, &o.value) {
                    let as_written = values::print(&o.value);
                    let percent = (x * 100.0 * 1e9).round() / 1e9;
                    o.raw = Some(o.raw.take().unwrap_or(as_written));
                    o.value = Value::Number(percent);
                }
            }
        }
        self.observations
            .sort_by(|a, b| (a.unit, a.indicator, &a.dims).cmp(&(b.unit, b.indicator, &b.dims)));
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
