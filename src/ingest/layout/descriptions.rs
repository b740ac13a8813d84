//! An indicator-description sheet ("Indikatorbeskrivningar": verksamhetsområde, indikator,
//! kvalitetsområde, indikatorområde, typ): the hierarchy of indicators whose table has a single
//! header row.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::header::quality_label;
use crate::ingest::grid::Grid;
use crate::model::{normalize_label, Direction, Indicator, IndicatorKind, QualityLabel};

/// One described indicator.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Description {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Verksamhetsområde as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quality: Option<QualityLabel>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indicator_area: Option<String>,
    /// Typ as written (e.g. "Struktur", "Process", "Resultat", "Numerisk").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub typ: Option<String>,
}

/// The descriptions of one workbook, indexed by indicator name and code.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Descriptions {
    pub sheet: String,
    pub items: Vec<Description>,
    by_name: HashMap<String, usize>,
    by_code: HashMap<String, usize>,
}

impl Descriptions {
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Adds another sheet's descriptions (the first description of a name wins).
    pub fn extend(&mut self, other: Descriptions) {
        if self.sheet.is_empty() {
            self.sheet = other.sheet.clone();
        }
        for d in other.items {
            self.push(d);
        }
    }

    fn push(&mut self, d: Description) {
        let i = self.items.len();
        self.by_name.entry(normalize_label(&d.name)).or_insert(i);
        if let Some(code) = &d.code {
            self.by_code.entry(normalize_label(code)).or_insert(i);
        }
        self.items.push(d);
    }

    /// The description of an indicator, by code first, then by name.
    pub fn find(&self, indicator: &Indicator) -> Option<&Description> {
        let by_code = indicator
            .code
            .as_ref()
            .and_then(|c| self.by_code.get(&normalize_label(c)));
        let by_name = || {
            let name = normalize_label(&indicator.name);
            self.by_name
                .get(&name)
                .or_else(|| self.by_name.get(name.trim_end_matches(['*', ' '])))
        };
        by_code.or_else(by_name).and_then(|&i| self.items.get(i))
    }

    /// Fills what an indicator lacks (quality, indicator area, code) from its description;
    /// whether it found one.
    pub fn apply(&self, indicator: &mut Indicator) -> bool {
        let Some(d) = self.find(indicator) else {
            return false;
        };
        if indicator.quality.is_none() {
            indicator.quality.clone_from(&d.quality);
        }
        if indicator.indicator_area.is_none() {
            indicator.indicator_area.clone_from(&d.indicator_area);
        }
        if indicator.code.is_none() {
            indicator.code.clone_from(&d.code);
        }
        if let (IndicatorKind::Numeric { direction, measure }, Some(typ)) =
            (&mut indicator.kind, &d.typ)
        {
            let (dir, unit) = numeric_type(typ);
            if direction.is_none() {
                *direction = dir;
            }
            if measure.is_none() {
                *measure = unit;
            }
        }
        true
    }
}

/// Direction and measure from a type text: "Numerisk, dagar, lägre värde är bättre".
pub fn numeric_type(typ: &str) -> (Option<Direction>, Option<String>) {
    let folded = normalize_label(typ);
    let direction =
        if folded.contains("lägre värde är bättre") || folded.contains("lägre är bättre") {
            Some(Direction::LowerIsBetter)
        } else if folded.contains("högre värde är bättre") || folded.contains("högre är bättre")
        {
            Some(Direction::HigherIsBetter)
        } else {
            None
        };
    let measure = if folded.starts_with("numerisk") {
        typ.split(',')
            .nth(1)
            .map(str::trim)
            .filter(|m| !m.is_empty() && !normalize_label(m).contains("är bättre"))
            .map(str::to_owned)
    } else {
        None
    };
    (direction, measure)
}

/// Which column of a description sheet holds what.
#[derive(Default)]
struct Columns {
    name: Vec<u32>,
    code: Option<u32>,
    area: Option<u32>,
    quality: Option<u32>,
    dimension: Option<u32>,
    indicator_area: Option<u32>,
    typ: Option<u32>,
}

/// Reads a description sheet: a header row naming an indicator column and a kvalitetsområde or
/// indikatorområde column, then one indicator per row. `None` when the sheet is not one.
pub fn read_descriptions(grid: &Grid) -> Option<Descriptions> {
    let rows = grid.used_rows();
    let (header_pos, columns) = rows.iter().take(30).enumerate().find_map(|(i, &r)| {
        let columns = header_columns(grid, r)?;
        Some((i, columns))
    })?;
    let mut out = Descriptions {
        sheet: grid.name.clone(),
        ..Descriptions::default()
    };
    let text = |r: u32, c: Option<u32>| -> Option<String> {
        c.and_then(|c| grid.get(r, c))
            .map(|v| v.as_text())
            .filter(|t| !t.trim().is_empty())
    };
    let mut last_area: Option<String> = None;
    let mut last_quality: Option<String> = None;
    let mut last_dimension: Option<String> = None;
    for &r in rows.iter().skip(header_pos.saturating_add(1)) {
        let names: Vec<String> = columns
            .name
            .iter()
            .filter_map(|&c| text(r, Some(c)))
            .collect();
        let area = text(r, columns.area).or_else(|| last_area.clone());
        let quality_text = text(r, columns.quality).or_else(|| last_quality.clone());
        let dimension = text(r, columns.dimension).or_else(|| last_dimension.clone());
        last_area.clone_from(&area);
        last_quality.clone_from(&quality_text);
        last_dimension.clone_from(&dimension);
        let quality = quality_text
            .map(|q| quality_label(&q))
            .or_else(|| dimension.map(|d| quality_label(&d)));
        let code = text(r, columns.code);
        let indicator_area = text(r, columns.indicator_area);
        let typ = text(r, columns.typ);
        for name in names {
            out.push(Description {
                name,
                code: code.clone(),
                area: area.clone(),
                quality: quality.clone(),
                indicator_area: indicator_area.clone(),
                typ: typ.clone(),
            });
        }
    }
    (!out.items.is_empty()).then_some(out)
}

fn header_columns(grid: &Grid, row: u32) -> Option<Columns> {
    let mut c = Columns::default();
    let mut has_hierarchy = false;
    for (_, col, value) in grid.row(row) {
        let Some(text) = value.text() else {
            continue;
        };
        let h = normalize_label(text);
        if h.contains("kvalitetsområde") {
            c.quality = Some(*col);
            has_hierarchy = true;
        } else if h.contains("kvalitetsdimension") {
            c.dimension = Some(*col);
            has_hierarchy = true;
        } else if h.contains("indikatorområde") {
            c.indicator_area = Some(*col);
            has_hierarchy = true;
        } else if h.contains("verksamhetsområde") || h == "område" {
            c.area = Some(*col);
        } else if h.contains("kod") || h == "id" || h == "nr" {
            c.code = Some(*col);
        } else if h.starts_with("typ") {
            c.typ = Some(*col);
        } else if h.starts_with("indikator") || h.contains("kortnamn") || h == "namn" {
            c.name.push(*col);
        }
    }
    (has_hierarchy && !c.name.is_empty()).then_some(c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::grid::CellValue;
    use crate::model::{CellRef, QualityArea};

    fn t(s: &str) -> CellValue {
        CellValue::Text(s.into())
    }

    #[test]
    fn reads_the_hierarchy_and_fills_an_indicator() {
        let cells = vec![
            (0, 0, t("Indikatorbeskrivningar")),
            (1, 0, t("Verksamhetsområde")),
            (1, 1, t("Indikator")),
            (1, 2, t("Kvalitetsområde")),
            (1, 3, t("Indikatorområde")),
            (1, 4, t("Typ")),
            (2, 0, t("Ekonomiskt bistånd")),
            (2, 1, t("Väntetid för nybesök")),
            (2, 2, t("Tillgänglighet")),
            (2, 3, t("Väntetid för personligt besök")),
            (2, 4, t("Process")),
            (3, 1, t("Rutin för SIP")),
            (3, 3, t("Samordning")),
        ];
        let grid = Grid::new("Indikatorbeskrivningar", cells, vec![]);
        let d = read_descriptions(&grid).unwrap();
        assert_eq!(d.items.len(), 2);
        assert_eq!(d.items[1].area.as_deref(), Some("Ekonomiskt bistånd"));
        let mut ind = Indicator {
            name: "väntetid för  nybesök".into(),
            code: None,
            quality: None,
            indicator_area: None,
            kind: IndicatorKind::Categorical,
            cell: CellRef::default(),
            ..Indicator::default()
        };
        assert!(d.apply(&mut ind));
        assert_eq!(
            ind.quality.and_then(|q| q.area),
            Some(QualityArea::Tillganglighet)
        );
        assert_eq!(
            ind.indicator_area.as_deref(),
            Some("Väntetid för personligt besök")
        );
        assert_eq!(
            numeric_type("Numerisk, dagar, lägre värde är bättre"),
            (Some(Direction::LowerIsBetter), Some("dagar".into()))
        );
        assert_eq!(
            numeric_type("Ja/Delvis/Nej (andel Ja för län och riket)"),
            (None, None)
        );
    }
}
