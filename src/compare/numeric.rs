//! Numeric indicators (shares, counts, days): not fulfilled or not, but placed among peers by
//! their direction — value, rank, quartile band, spread, and riket and län as printed.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::peers::lan_of;
use super::position::{place, spread_f64, Placement, Spread};
use crate::model::{
    Definition, Direction, Indicator, IndicatorCategory, IndicatorKind, IndicatorType, UnitKind,
};
use crate::score::{value_text, AreaTable, IndicatorRef, QualityGroup};

/// Where an indicator's direction came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DirectionSource {
    /// The file or its metadata said.
    Fil,
    /// The user set it.
    Anvandare,
    /// Nobody said: higher is better by default, until the user changes it.
    Standard,
    /// A välfärdsindikator or nyckeltal whose file does not say which way is better: shown
    /// beside the peers and riket, never ranked.
    Ingen,
}

impl DirectionSource {
    pub fn label(self) -> &'static str {
        match self {
            DirectionSource::Fil => "enligt filen",
            DirectionSource::Anvandare => "vald av användaren",
            DirectionSource::Standard => "antaget (ändra vid behov)",
            DirectionSource::Ingen => "anges inte i filen",
        }
    }
}

/// A numeric cell and where it is.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NumericCell {
    pub dataset: u32,
    pub file: String,
    pub sheet: String,
    pub unit: String,
    pub cell: Option<String>,
    pub raw: String,
    pub value: Option<f64>,
}

/// One numeric indicator for one unit among its peers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NumericComparison {
    pub dataset: u32,
    pub indicator: u32,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    pub match_key: String,
    pub quality: QualityGroup,
    /// Välfärdsindikator or nyckeltal when the file says (model of 2023–).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<IndicatorCategory>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indicator_type: Option<IndicatorType>,
    /// The target value as the file writes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// The measurement period as the file writes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comparability: Option<String>,
    /// What a description sheet says of it (this file's, or another loaded file's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub definition: Option<Definition>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measure: Option<String>,
    /// Meaningful only when `direction_source` is not [`DirectionSource::Ingen`].
    pub direction: Direction,
    pub direction_source: DirectionSource,
    pub own: NumericCell,
    /// Among the own unit and its peers with a value; without a rank when the direction is
    /// unknown ([`DirectionSource::Ingen`]).
    pub placement: Placement,
    pub spread: Option<Spread<f64>>,
    /// As printed on the riket row.
    pub riket: Option<f64>,
    /// As printed on the own län's row.
    pub lan: Option<f64>,
}

/// The direction of an indicator: the user's override (by match key), else the file's, else
/// higher is better — except for the välfärdsindikatorer and nyckeltal of the model of 2023–,
/// which are not ranked unless someone says which way is better ([`DirectionSource::Ingen`]).
pub fn direction_of(
    indicator: &Indicator,
    match_key: &str,
    overrides: &BTreeMap<String, Direction>,
) -> (Direction, DirectionSource) {
    if let Some(d) = overrides.get(match_key) {
        return (*d, DirectionSource::Anvandare);
    }
    match &indicator.kind {
        IndicatorKind::Numeric {
            direction: Some(d), ..
        } => (*d, DirectionSource::Fil),
        _ if indicator.category.is_some() => (Direction::HigherIsBetter, DirectionSource::Ingen),
        _ => (Direction::HigherIsBetter, DirectionSource::Standard),
    }
}

/// Every numeric indicator of the table for `own` among `peers` (table unit indices;
/// `in_group` counts the whole group, the own unit included).
pub fn compare_numeric(
    table: &AreaTable,
    own: usize,
    peers: &[usize],
    in_group: u32,
    overrides: &BTreeMap<String, Direction>,
) -> Vec<NumericComparison> {
    let riket = table.units.iter().position(|u| u.kind == UnitKind::Riket);
    let own_lan = table.units.get(own).and_then(|u| lan_of(&u.code));
    let lan = own_lan.and_then(|code| {
        table
            .units
            .iter()
            .position(|u| u.kind == UnitKind::Lan && u.code == code)
    });
    table
        .indicators
        .iter()
        .filter_map(|&r| {
            let indicator = table.indicator(r)?;
            // Everything not counted in fulfilment: numbers, and the (rare) categorical
            // välfärdsindikator, shown as written.
            let measure = match &indicator.kind {
                IndicatorKind::Numeric { measure, .. } => measure.clone(),
                IndicatorKind::Categorical if indicator.counts_in_fulfilment() => return None,
                IndicatorKind::Categorical => None,
            };
            let key = indicator.match_key();
            let (direction, direction_source) = direction_of(indicator, &key, overrides);
            let number = |u: usize| {
                table
                    .value(u, r)
                    .and_then(|v| v.number())
                    .filter(|v| v.is_finite())
            };
            let own_value = number(own);
            let others: Vec<f64> = peers.iter().filter_map(|&p| number(p)).collect();
            let better = |a: &f64, b: &f64| match direction {
                Direction::HigherIsBetter => a.total_cmp(b),
                Direction::LowerIsBetter => b.total_cmp(a),
            };
            let placement = if direction_source == DirectionSource::Ingen {
                unranked(own_value.is_some(), others.len(), in_group)
            } else {
                place(own_value.as_ref(), &others, in_group, better)
            };
            let mut all = others.clone();
            all.extend(own_value);
            Some(NumericComparison {
                dataset: r.dataset,
                indicator: r.indicator,
                name: indicator.name.clone(),
                code: indicator.code.clone(),
                match_key: key,
                quality: QualityGroup::of(indicator),
                category: indicator.category,
                indicator_type: indicator.indicator_type,
                target: indicator.target.clone(),
                period: indicator.period.clone(),
                comparability: indicator.comparability.clone(),
                definition: indicator.definition.clone(),
                measure,
                direction,
                direction_source,
                own: numeric_cell(table, own, r),
                placement,
                spread: spread_f64(&all),
                riket: riket.and_then(number),
                lan: lan.and_then(number),
            })
        })
        .collect()
}

/// A placement without rank or band: who has data, for an indicator nobody said which way is
/// better.
fn unranked(own: bool, others: usize, in_group: u32) -> Placement {
    let with_data = others as u32 + u32::from(own);
    let in_group = in_group.max(with_data);
    Placement {
        rank: None,
        with_data,
        in_group,
        percentile: None,
        band: None,
        text: format!(
            "ingen rangordning (filen anger inte vilket håll som är bättre); {with_data} av {in_group} i gruppen har uppgift"
        ),
    }
}

fn numeric_cell(table: &AreaTable, unit: usize, r: IndicatorRef) -> NumericCell {
    let dataset = table.dataset(r.dataset);
    let row = table
        .units
        .get(unit)
        .and_then(|u| u.rows.iter().find(|(d, _)| *d == r.dataset))
        .map(|&(_, row)| row);
    let observation = row.and_then(|row| dataset?.observation(row as usize, r.indicator as usize));
    NumericCell {
        dataset: r.dataset,
        file: dataset.map(|d| d.file.clone()).unwrap_or_default(),
        sheet: dataset.map(|d| d.sheet.clone()).unwrap_or_default(),
        unit: table
            .units
            .get(unit)
            .map(|u| u.name.clone())
            .unwrap_or_default(),
        cell: observation.map(|o| o.cell.a1()),
        raw: observation
            .map(|o| o.raw.clone().unwrap_or_else(|| value_text(&o.value)))
            .unwrap_or_default(),
        value: observation.and_then(|o| o.value.number()),
    }
}
