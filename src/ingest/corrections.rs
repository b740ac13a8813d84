//! The user's corrections of how a table was read (area, year, an indicator's quality area),
//! kept by the table's layout key and applied after reading, with their evidence.
//!
//! The UI stores [`Corrections`] in the browser; reading the same layout again (the same sheet
//! and header texts, another year's values) finds them by [`DatasetReading::layout_key`] and
//! applies them again, marked `Evidence.source = "användarens rättelse"`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::reading::DatasetReading;
use crate::model::{Area, AreaLabel, Dataset, Evidence, Found, QualityArea, QualityLabel};

/// Where a corrected fact came from, as the reading report says it.
pub const USER_CORRECTION: &str = "användarens rättelse";

/// All corrections a user has made, by dataset layout key, and the area of the tables that
/// name none.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Corrections {
    #[serde(default)]
    pub datasets: BTreeMap<String, DatasetCorrection>,
    /// The verksamhetsområde of every table whose file names none (a table of Kolada data or
    /// of answers without a title): `oj-analys --omrade`. A table's own correction wins.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unnamed_area: Option<Area>,
}

/// Corrections of one table (one layout).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DatasetCorrection {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<Area>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<u16>,
    /// Quality area per indicator, keyed by [`crate::model::Indicator::match_key`].
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub quality: BTreeMap<String, QualityArea>,
}

impl DatasetCorrection {
    pub fn is_empty(&self) -> bool {
        self.area.is_none() && self.year.is_none() && self.quality.is_empty()
    }
}

impl Corrections {
    pub fn is_empty(&self) -> bool {
        self.unnamed_area.is_none() && self.datasets.values().all(DatasetCorrection::is_empty)
    }

    /// Corrections that give every table naming no area this one.
    pub fn with_unnamed_area(area: Area) -> Corrections {
        Corrections {
            unnamed_area: Some(area),
            ..Corrections::default()
        }
    }

    /// The corrections for a layout key, created when absent (for the UI to fill).
    pub fn entry(&mut self, layout_key: &str) -> &mut DatasetCorrection {
        self.datasets.entry(layout_key.to_owned()).or_default()
    }
}

/// Applies one table's corrections; returns what was changed, in Swedish.
pub fn apply_to_dataset(dataset: &mut Dataset, correction: &DatasetCorrection) -> Vec<String> {
    let mut done = Vec::new();
    if let Some(area) = correction.area {
        dataset.area = Some(Found {
            value: AreaLabel {
                label: area.name().to_owned(),
                area: Some(area),
            },
            evidence: Evidence {
                source: USER_CORRECTION.to_owned(),
                text: area.name().to_owned(),
            },
        });
        done.push(format!("område: {}", area.name()));
    }
    if let Some(year) = correction.year {
        dataset.year = Some(Found {
            value: year,
            evidence: Evidence {
                source: USER_CORRECTION.to_owned(),
                text: year.to_string(),
            },
        });
        done.push(format!("år: {year}"));
    }
    for indicator in &mut dataset.indicators {
        let Some(&quality) = correction.quality.get(&indicator.match_key()) else {
            continue;
        };
        let label = indicator
            .quality
            .as_ref()
            .map_or_else(|| quality.name().to_owned(), |q| q.label.clone());
        indicator.quality = Some(QualityLabel {
            label,
            area: Some(quality),
            dimension: None,
        });
        done.push(format!(
            "kvalitetsområde för \"{}\": {}",
            indicator.name,
            quality.name()
        ));
    }
    done
}

/// Applies the corrections whose layout key matches the dataset's, and refreshes its reading
/// report. Applying the same corrections twice changes nothing more.
pub(crate) fn apply_one(
    dataset: &mut Dataset,
    reading: &mut DatasetReading,
    corrections: &Corrections,
) {
    let own = corrections.datasets.get(&reading.layout_key);
    let mut done = own
        .map(|c| apply_to_dataset(dataset, c))
        .unwrap_or_default();
    if let Some(area) = corrections
        .unnamed_area
        .filter(|_| dataset.area().is_none())
    {
        let unnamed = DatasetCorrection {
            area: Some(area),
            ..DatasetCorrection::default()
        };
        done.extend(
            apply_to_dataset(dataset, &unnamed)
                .into_iter()
                .map(|line| format!("{line} (tabellen namnger inget område)")),
        );
    }
    for line in done {
        if !reading.corrections.contains(&line) {
            reading.corrections.push(line);
        }
    }
    reading.refresh(dataset);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CellRef, Indicator, IndicatorKind, Layout};

    #[test]
    fn corrections_carry_their_evidence() {
        let mut dataset = Dataset {
            file: "f.xlsx".into(),
            sheet: "Blad1".into(),
            title: None,
            layout: Layout::Wide,
            area: None,
            year: None,
            units: vec![],
            indicators: vec![Indicator {
                name: "Individuell plan".into(),
                code: None,
                quality: Some(QualityLabel {
                    label: "Individanpassad vård och omsorg".into(),
                    area: None,
                    dimension: None,
                }),
                indicator_area: None,
                kind: IndicatorKind::Categorical,
                cell: CellRef::default(),
                ..Indicator::default()
            }],
            dimensions: vec![],
            observations: vec![],
        };
        let mut c = DatasetCorrection {
            area: Some(Area::Lss),
            year: Some(2021),
            ..DatasetCorrection::default()
        };
        c.quality
            .insert("individuell plan".into(), QualityArea::Sjalvbestammande);
        let done = apply_to_dataset(&mut dataset, &c);
        assert_eq!(done.len(), 3);
        assert_eq!(dataset.area(), Some(Area::Lss));
        assert_eq!(
            dataset.area.as_ref().map(|a| a.evidence.source.as_str()),
            Some(USER_CORRECTION)
        );
        assert_eq!(dataset.year(), Some(2021));
        let q = dataset.indicators[0].quality.clone().unwrap();
        assert_eq!(q.area, Some(QualityArea::Sjalvbestammande));
        assert_eq!(q.label, "Individanpassad vård och omsorg");
        let json = serde_json::to_string(&c).unwrap();
        let back: DatasetCorrection = serde_json::from_str(&json).unwrap();
        assert_eq!(back, c);
    }
}
