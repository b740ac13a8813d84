//! Enheter: a kommun's service units from an enhetsundersökning (äldreomsorg, LSS), each
//! unit's fulfilled fraction with its cells and its answers, beside the kommun's and riket's
//! aggregates — as recomputed from the unit rows and as printed in the file — for all units
//! and per regi.
//!
//! A survey is a units sheet (rows of kind [`UnitKind::Enhet`] with their kommun as parent,
//! "Hemtjänst, enheter") and the aggregate sheets of the same service, area and year
//! ("Hemtjänst, kommun, län, rike", kommun, län and riket rows whose shares may be split by
//! regi as a dimension). [`find_surveys`] picks them out of the loaded datasets; they are not
//! part of the area tables (their kommun rows hold shares of units, not a kommun's answers).
//! A unit's fraction follows DESIGN §3 exactly as a kommun's does: Ja (and Delvis by the rule)
//! over Ja, Delvis and Nej; totals pool the counts.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::indicators::JaShare;
use super::peers::lan_of;
use crate::model::{
    normalize_label, Area, Dataset, Direction, IndicatorKind, Observation, UnitKind,
};
use crate::score::{value_text, Bucket, DelvisRule, Figure, Tally, Trace, UNGROUPED_KEY};
use crate::sv;

/// One survey's datasets: the units sheet(s) and the aggregate sheets (indices into the
/// caller's slice).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SurveyParts {
    pub area: Area,
    pub year: Option<u16>,
    pub service: String,
    pub units: Vec<u32>,
    pub aggregates: Vec<u32>,
}

/// The service a sheet is about: its name before ", enheter" or the first comma ("Hemtjänst,
/// enheter" → "Hemtjänst"), else the whole name.
pub fn service_of(sheet: &str) -> String {
    let name = sheet.trim();
    name.split(',')
        .next()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .unwrap_or(name)
        .to_owned()
}

/// Whether a dataset is a units sheet: it has rows of service units.
pub fn is_units_dataset(dataset: &Dataset) -> bool {
    dataset.units.iter().any(|u| u.kind == UnitKind::Enhet)
}

/// The index of a dataset's regi dimension ("Regi", "Regiform", "Driftform", "Ägarform").
pub fn regi_dimension(dataset: &Dataset) -> Option<usize> {
    dataset
        .dimensions
        .iter()
        .position(|d| is_regi_word(&d.name))
}

fn is_regi_word(text: &str) -> bool {
    let t = normalize_label(text);
    ["regi", "driftform", "ägarform"]
        .iter()
        .any(|w| t.starts_with(w))
}

/// The surveys among `datasets`: each units sheet with the aggregate sheets of the same area,
/// year and service, or — when a year of an area has one survey only — with the sheets of that
/// area and year split by regi.
pub fn find_surveys(datasets: &[Dataset]) -> Vec<SurveyParts> {
    let mut surveys: Vec<SurveyParts> = Vec::new();
    for (i, d) in datasets.iter().enumerate() {
        let Some(area) = d.area() else { continue };
        if !is_units_dataset(d) {
            continue;
        }
        let service = service_of(&d.sheet);
        match surveys.iter_mut().find(|s| {
            s.area == area
                && s.year == d.year()
                && normalize_label(&s.service) == normalize_label(&service)
        }) {
            Some(s) => s.units.push(i as u32),
            None => surveys.push(SurveyParts {
                area,
                year: d.year(),
                service,
                units: vec![i as u32],
                aggregates: Vec::new(),
            }),
        }
    }
    for (i, d) in datasets.iter().enumerate() {
        let Some(area) = d.area() else { continue };
        if is_units_dataset(d) {
            continue;
        }
        let same: Vec<usize> = surveys
            .iter()
            .enumerate()
            .filter(|(_, s)| s.area == area && s.year == d.year())
            .map(|(k, _)| k)
            .collect();
        let service = normalize_label(&service_of(&d.sheet));
        let by_service = same.iter().copied().find(|&k| {
            surveys
                .get(k)
                .is_some_and(|s| normalize_label(&s.service) == service)
        });
        let by_regi = match same.as_slice() {
            [only] if regi_dimension(d).is_some() => Some(*only),
            _ => None,
        };
        if let Some(s) = by_service.or(by_regi).and_then(|k| surveys.get_mut(k)) {
            s.aggregates.push(i as u32);
        }
    }
    surveys
}

/// One indicator of a survey, in the units sheet's column order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UnitIndicator {
    pub dataset: u32,
    pub indicator: u32,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    pub match_key: String,
    /// Counted in the units' fractions (Ja/Delvis/Nej questions); else a number shown as it is.
    pub counted: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measure: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<Direction>,
    /// For all units (`regi` None) and per regi value, in that order.
    pub comparisons: Vec<IndicatorAggregates>,
}

/// A value an aggregate row prints, with its cell.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PrintedValue {
    /// The number (a share 0–100, or a mean), when the cell holds one.
    pub value: Option<f64>,
    /// The cell's text as written ("..", "63").
    pub raw: String,
    pub file: String,
    pub sheet: String,
    pub cell: Option<String>,
}

/// One indicator for one regi (or all units): the kommun's units recomputed, and the kommun's,
/// the län's and riket's rows as the file prints them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IndicatorAggregates {
    /// `None` for all units.
    pub regi: Option<String>,
    /// Counted indicators: how many of the kommun's units answered Ja, recomputed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kommun_units: Option<JaShare>,
    /// Numbers: the mean of the kommun's units' values, recomputed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kommun_mean: Option<f64>,
    /// Counted indicators: every unit in the file, recomputed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub riket_units: Option<JaShare>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kommun: Option<PrintedValue>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lan: Option<PrintedValue>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub riket: Option<PrintedValue>,
}

/// A unit's answer to one indicator, with its cell.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UnitAnswer {
    /// For counted indicators.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bucket: Option<Bucket>,
    /// For numbers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// The cell's text as written (empty for an empty cell).
    pub raw: String,
    pub cell: Option<String>,
}

/// One of the kommun's units.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UnitResult {
    pub name: String,
    /// Offentlig, enskild … as the file writes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regi: Option<String>,
    pub dataset: u32,
    /// The cell naming the unit.
    pub cell: String,
    /// Over the counted indicators, with every cell.
    pub figure: Figure,
    /// One per indicator of the survey.
    pub answers: Vec<UnitAnswer>,
}

/// A pooled figure of several units for one regi (or all, `regi` None).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PooledUnits {
    pub regi: Option<String>,
    pub units: u32,
    pub figure: Figure,
}

/// One survey for one kommun.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UnitSurvey {
    pub area: Area,
    pub year: Option<u16>,
    /// "Hemtjänst".
    pub service: String,
    pub units_datasets: Vec<u32>,
    pub aggregate_datasets: Vec<u32>,
    pub indicators: Vec<UnitIndicator>,
    /// The regi values of the file's units, in order of appearance.
    pub regi: Vec<String>,
    /// The kommun's units, in file order.
    pub units: Vec<UnitResult>,
    /// The kommun's units pooled: all, then per regi.
    pub kommun_total: Vec<PooledUnits>,
    /// Every unit of the file pooled (no cells kept): all, then per regi.
    pub riket_total: Vec<PooledUnits>,
}

impl UnitSurvey {
    /// The kommun's units of one regi (all when `None`).
    pub fn units_of<'a>(&'a self, regi: Option<&'a str>) -> impl Iterator<Item = &'a UnitResult> {
        self.units
            .iter()
            .filter(move |u| regi.is_none_or(|r| u.regi.as_deref() == Some(r)))
    }

    /// "Hemtjänst 2025".
    pub fn title(&self) -> String {
        match self.year {
            Some(y) => format!("{} {y}", self.service),
            None => self.service.clone(),
        }
    }
}

/// A unit row of a units dataset.
struct UnitRow<'a> {
    dataset: u32,
    data: &'a Dataset,
    index: usize,
    regi: Option<String>,
    /// Survey indicator → the indicator's index in `data` (matched once per dataset).
    columns: &'a [Option<usize>],
}

impl UnitRow<'_> {
    /// The row's observation for survey indicator `k`.
    fn observation(&self, k: usize) -> Option<&Observation> {
        let column = (*self.columns.get(k)?)?;
        unit_observation(self.data, self.index, column)
    }

    /// The bucket of survey indicator `k` (for counted indicators).
    fn bucket(&self, k: usize) -> Bucket {
        Bucket::of(self.observation(k).map(|o| &o.value))
    }
}

/// The survey for the kommun `own` (its code).
pub fn unit_survey(
    datasets: &[Dataset],
    parts: &SurveyParts,
    own: &str,
    rule: DelvisRule,
) -> UnitSurvey {
    let get = |i: u32| datasets.get(i as usize).map(|d| (i, d));
    let unit_sets: Vec<(u32, &Dataset)> = parts.units.iter().filter_map(|&i| get(i)).collect();
    let aggregate_sets: Vec<(u32, &Dataset)> =
        parts.aggregates.iter().filter_map(|&i| get(i)).collect();
    let mut indicators = survey_indicators(&unit_sets);
    let columns: Vec<Vec<Option<usize>>> = unit_sets
        .iter()
        .map(|(_, d)| {
            let keys: Vec<String> = d.indicators.iter().map(|i| i.match_key()).collect();
            indicators
                .iter()
                .map(|ind| keys.iter().position(|k| *k == ind.match_key))
                .collect()
        })
        .collect();
    let rows: Vec<UnitRow> = unit_sets
        .iter()
        .zip(&columns)
        .flat_map(|(&(i, d), columns)| {
            d.units
                .iter()
                .enumerate()
                .filter(|(_, u)| u.kind == UnitKind::Enhet)
                .map(move |(u, _)| UnitRow {
                    dataset: i,
                    data: d,
                    index: u,
                    regi: regi_of(d, u),
                    columns,
                })
        })
        .collect();
    let regi = regi_values(&rows);
    let own_rows = rows_of(&rows, own);
    // Every counted cell of every unit, bucketed once.
    let counted: Vec<usize> = (0..indicators.len())
        .filter(|&k| indicators.get(k).is_some_and(|i| i.counted))
        .collect();
    let buckets: Vec<Vec<Bucket>> = rows
        .iter()
        .map(|r| counted.iter().map(|&k| r.bucket(k)).collect())
        .collect();
    let regi_keys: Vec<Option<String>> = std::iter::once(None)
        .chain(regi.iter().cloned().map(Some))
        .collect();
    let of_regi = |key: &Option<String>, r: usize| {
        key.is_none() || rows.get(r).is_some_and(|row| row.regi == *key)
    };
    let cells = Cells {
        rows: &rows,
        buckets: &buckets,
        counted: &counted,
    };
    for (k, indicator) in indicators.iter_mut().enumerate() {
        indicator.comparisons = regi_keys
            .iter()
            .map(|key| {
                let own_of: Vec<usize> = own_rows
                    .iter()
                    .copied()
                    .filter(|&r| of_regi(key, r))
                    .collect();
                let all_of: Vec<usize> = (0..rows.len()).filter(|&r| of_regi(key, r)).collect();
                let printed = |code: &str| {
                    printed_value(&aggregate_sets, code, &indicator.match_key, key.as_deref())
                };
                IndicatorAggregates {
                    regi: key.clone(),
                    kommun_units: cells.ja_share(k, &own_of),
                    kommun_mean: (!indicator.counted)
                        .then(|| cells.mean(k, &own_of))
                        .flatten(),
                    riket_units: cells.ja_share(k, &all_of),
                    kommun: printed(own),
                    lan: lan_of(own).and_then(|l| printed(&l)),
                    riket: printed("00"),
                }
            })
            .collect();
    }
    let units: Vec<UnitResult> = own_rows
        .iter()
        .filter_map(|&r| rows.get(r))
        .map(|r| unit_result(r, &indicators, rule))
        .collect();
    let kommun_total = regi_keys
        .iter()
        .map(|key| {
            let figures: Vec<&Figure> = own_rows
                .iter()
                .zip(&units)
                .filter(|(&r, _)| of_regi(key, r))
                .map(|(_, u)| &u.figure)
                .collect();
            PooledUnits {
                regi: key.clone(),
                units: figures.len() as u32,
                figure: Figure::pool(figures, rule),
            }
        })
        .collect();
    // Every unit of the file pooled: counts only (thousands of cells are not kept).
    let riket_total = regi_keys
        .iter()
        .map(|key| {
            let chosen: Vec<usize> = (0..rows.len()).filter(|&r| of_regi(key, r)).collect();
            let tally = Tally::of(
                chosen
                    .iter()
                    .filter_map(|&r| buckets.get(r))
                    .flat_map(|b| b.iter().copied()),
            );
            PooledUnits {
                regi: key.clone(),
                units: chosen.len() as u32,
                figure: Figure::new(tally, rule, Vec::new()),
            }
        })
        .collect();
    UnitSurvey {
        area: parts.area,
        year: parts.year,
        service: parts.service.clone(),
        units_datasets: parts.units.clone(),
        aggregate_datasets: parts.aggregates.clone(),
        kommun_total,
        riket_total,
        indicators,
        regi,
        units,
    }
}

/// The regi values of the units, in order of first appearance.
fn regi_values(rows: &[UnitRow]) -> Vec<String> {
    let mut regi: Vec<String> = Vec::new();
    for v in rows.iter().filter_map(|r| r.regi.as_ref()) {
        if !regi.contains(v) {
            regi.push(v.clone());
        }
    }
    regi
}

/// The places in `rows` of the units of the kommun `own`.
fn rows_of(rows: &[UnitRow], own: &str) -> Vec<usize> {
    (0..rows.len())
        .filter(|&r| {
            rows.get(r).is_some_and(|row| {
                row.data
                    .units
                    .get(row.index)
                    .is_some_and(|u| u.parent.as_deref() == Some(own))
            })
        })
        .collect()
}

/// The indicators of the first units sheet, then those only a later one has.
fn survey_indicators(unit_sets: &[(u32, &Dataset)]) -> Vec<UnitIndicator> {
    let mut indicators: Vec<UnitIndicator> = Vec::new();
    for &(i, d) in unit_sets {
        for (k, ind) in d.indicators.iter().enumerate() {
            let key = ind.match_key();
            if indicators.iter().any(|x| x.match_key == key) {
                continue;
            }
            let (measure, direction) = match &ind.kind {
                IndicatorKind::Numeric { measure, direction } => (measure.clone(), *direction),
                IndicatorKind::Categorical => (None, None),
            };
            indicators.push(UnitIndicator {
                dataset: i,
                indicator: k as u32,
                name: ind.name.clone(),
                code: ind.code.clone(),
                match_key: key,
                counted: ind.counts_in_fulfilment(),
                measure,
                direction,
                comparisons: Vec::new(),
            });
        }
    }
    indicators
}

/// The survey's unit rows with their counted cells bucketed once.
struct Cells<'r, 'a> {
    rows: &'r [UnitRow<'a>],
    /// Per row, one bucket per counted indicator (in `counted`'s order).
    buckets: &'r [Vec<Bucket>],
    /// The survey indicators that are counted.
    counted: &'r [usize],
}

impl Cells<'_, '_> {
    /// How many of `rows` answered Ja to survey indicator `k` (`None` when it is not counted).
    fn ja_share(&self, k: usize, rows: &[usize]) -> Option<JaShare> {
        let at = self.counted.iter().position(|&c| c == k)?;
        Some(JaShare::of(Tally::of(rows.iter().map(|&r| {
            self.buckets
                .get(r)
                .and_then(|b| b.get(at))
                .copied()
                .unwrap_or(Bucket::Saknas)
        }))))
    }

    /// The mean of `rows`' numbers for survey indicator `k`.
    fn mean(&self, k: usize, rows: &[usize]) -> Option<f64> {
        let values: Vec<f64> = rows
            .iter()
            .filter_map(|&r| self.rows.get(r)?.observation(k)?.value.number())
            .filter(|v| v.is_finite())
            .collect();
        (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
    }
}

/// A unit's regi: its regi attribute, else the value of the regi dimension its cells carry.
fn regi_of(dataset: &Dataset, unit: usize) -> Option<String> {
    let u = dataset.units.get(unit)?;
    if let Some(v) = u
        .attributes
        .iter()
        .find(|(k, _)| is_regi_word(k))
        .map(|(_, v)| v.trim().to_owned())
        .filter(|v| !v.is_empty())
    {
        return Some(v);
    }
    let dim = regi_dimension(dataset)?;
    let first = dataset
        .observations
        .partition_point(|o| (o.unit as usize) < unit);
    let obs = dataset.observations.get(first)?;
    if obs.unit as usize != unit {
        return None;
    }
    let value = *obs.dims.get(dim)?;
    dataset
        .dimensions
        .get(dim)?
        .values
        .get(value as usize)
        .cloned()
}

/// The observation of a unit for an indicator, whatever extra dimensions it carries (a unit
/// row has one value per indicator).
fn unit_observation(dataset: &Dataset, unit: usize, indicator: usize) -> Option<&Observation> {
    let key = (unit as u32, indicator as u32);
    let at = dataset
        .observations
        .partition_point(|o| (o.unit, o.indicator) < key);
    dataset
        .observations
        .get(at)
        .filter(|o| (o.unit, o.indicator) == key)
}

/// The index of the indicator with `key` in a dataset.
fn indicator_in(dataset: &Dataset, key: &str) -> Option<usize> {
    dataset.indicators.iter().position(|i| i.match_key() == key)
}

fn unit_answer(row: &UnitRow, k: usize, indicator: &UnitIndicator) -> UnitAnswer {
    let column = row.columns.get(k).copied().flatten();
    let observation = row.observation(k);
    let cell = match (observation, column) {
        (Some(o), _) => Some(o.cell.a1()),
        (None, Some(c)) => match (row.data.units.get(row.index), row.data.indicators.get(c)) {
            (Some(u), Some(i)) if row.data.layout == crate::model::Layout::Wide => {
                Some(crate::model::CellRef::new(u.cell.row, i.cell.col).a1())
            }
            _ => None,
        },
        _ => None,
    };
    UnitAnswer {
        bucket: indicator
            .counted
            .then(|| Bucket::of(observation.map(|o| &o.value))),
        value: observation.and_then(|o| o.value.number()),
        raw: observation
            .map(|o| o.raw.clone().unwrap_or_else(|| value_text(&o.value)))
            .unwrap_or_default(),
        cell,
    }
}

fn unit_result(row: &UnitRow, indicators: &[UnitIndicator], rule: DelvisRule) -> UnitResult {
    let unit = row.data.units.get(row.index);
    let name = unit.map(|u| u.name.clone()).unwrap_or_default();
    let answers: Vec<UnitAnswer> = indicators
        .iter()
        .enumerate()
        .map(|(k, i)| unit_answer(row, k, i))
        .collect();
    let cells: Vec<Trace> = indicators
        .iter()
        .zip(&answers)
        .enumerate()
        .filter(|(_, (i, _))| i.counted)
        .map(|(k, (indicator, answer))| {
            let bucket = answer.bucket.unwrap_or(Bucket::Saknas);
            Trace {
                dataset: row.dataset,
                file: row.data.file.clone(),
                sheet: row.data.sheet.clone(),
                indicator: row.columns.get(k).copied().flatten().unwrap_or(0) as u32,
                indicator_name: indicator.name.clone(),
                code: indicator.code.clone(),
                match_key: indicator.match_key.clone(),
                quality: UNGROUPED_KEY.to_owned(),
                unit: name.clone(),
                cell: answer.cell.clone(),
                raw: answer.raw.clone(),
                bucket,
                counts: bucket.counts(rule),
                in_denominator: bucket.is_answer(),
                how: bucket.how_counted(rule).to_owned(),
            }
        })
        .collect();
    UnitResult {
        name,
        regi: row.regi.clone(),
        dataset: row.dataset,
        cell: unit.map(|u| u.cell.a1()).unwrap_or_default(),
        figure: Figure::new(Tally::of(cells.iter().map(|c| c.bucket)), rule, cells),
        answers,
    }
}

/// Whether a regi dimension value stands for all units.
fn is_all_regi(value: &str) -> bool {
    matches!(
        normalize_label(value).as_str(),
        "" | "samtliga" | "totalt" | "alla" | "samtliga regiformer" | "total"
    )
}

/// The value an aggregate row prints for a unit code, an indicator and a regi (`None`: all).
fn printed_value(
    aggregate_sets: &[(u32, &Dataset)],
    code: &str,
    key: &str,
    regi: Option<&str>,
) -> Option<PrintedValue> {
    for &(_, d) in aggregate_sets {
        let Some(unit) = d
            .units
            .iter()
            .position(|u| u.code.as_deref() == Some(code) && u.kind != UnitKind::Enhet)
        else {
            continue;
        };
        let Some(indicator) = indicator_in(d, key) else {
            continue;
        };
        let dim = regi_dimension(d);
        let wanted = |o: &&Observation| match (dim, regi) {
            (None, None) => o.dims.is_empty(),
            (None, Some(_)) => false,
            (Some(k), want) => {
                let value = o
                    .dims
                    .get(k)
                    .and_then(|&v| d.dimensions.get(k)?.values.get(v as usize));
                match (value, want) {
                    (Some(v), Some(w)) => normalize_label(v) == normalize_label(w),
                    (Some(v), None) => is_all_regi(v),
                    (None, None) => true,
                    (None, Some(_)) => false,
                }
            }
        };
        let key = (unit as u32, indicator as u32);
        let at = d
            .observations
            .partition_point(|o| (o.unit, o.indicator) < key);
        let found = d
            .observations
            .get(at..)
            .unwrap_or(&[])
            .iter()
            .take_while(|o| (o.unit, o.indicator) == key)
            .find(|o| wanted(o));
        if let Some(o) = found {
            return Some(PrintedValue {
                value: o.value.number(),
                raw: o.raw.clone().unwrap_or_else(|| value_text(&o.value)),
                file: d.file.clone(),
                sheet: d.sheet.clone(),
                cell: Some(o.cell.a1()),
            });
        }
    }
    None
}

/// A printed value as text: "63 %" style numbers without the sign, or the cell's text.
pub fn printed_text(value: Option<&PrintedValue>) -> String {
    match value {
        Some(PrintedValue { value: Some(v), .. }) => sv::number(*v),
        Some(p) if !p.raw.is_empty() => p.raw.clone(),
        _ => "–".to_owned(),
    }
}

/// The surveys of every dataset index, for telling the area tables which datasets to leave out.
pub fn survey_datasets(surveys: &[SurveyParts]) -> BTreeMap<u32, usize> {
    let mut out = BTreeMap::new();
    for (k, s) in surveys.iter().enumerate() {
        for &i in s.units.iter().chain(&s.aggregates) {
            out.insert(i, k);
        }
    }
    out
}
