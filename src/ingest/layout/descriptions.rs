//! An indicator-description sheet ("Indikatorbeskrivningar": verksamhetsområde, indikator,
//! kvalitetsområde or kvalitetsdimension, indikatorområde, typ; in the model of 2023– also
//! kategori, målvärde, mätperiod, redovisas som and jämförbarhet; a description text and any
//! other column): what the table's headers do not say of its indicators, and their definitions.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::header::{indicator_category, indicator_type, quality_label};
use crate::ingest::grid::Grid;
use crate::model::{
    normalize_label, Definition, Direction, Indicator, IndicatorCategory, IndicatorKind,
    IndicatorType, QualityLabel,
};

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
    /// Kvalitetsindikator, välfärdsindikator or nyckeltal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<IndicatorCategory>,
    /// Struktur, process or resultat (from the Typ or Indikatortyp column).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indicator_type: Option<IndicatorType>,
    /// Målvärde as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// Mätperiod as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    /// "Redovisas som" as written ("Procent, lägre värde är bättre"): a better direction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reported_as: Option<String>,
    /// The note on comparability with earlier years.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comparability: Option<String>,
    /// The description text ("Beskrivning", "Definition").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Every other column of the row, header → text, in the sheet's order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<(String, String)>,
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
        if indicator.category.is_none() {
            indicator.category = d.category;
        }
        if indicator.indicator_type.is_none() {
            indicator.indicator_type = d.indicator_type;
        }
        for (slot, value) in [
            (&mut indicator.target, &d.target),
            (&mut indicator.period, &d.period),
            (&mut indicator.comparability, &d.comparability),
        ] {
            if slot.is_none() {
                slot.clone_from(value);
            }
        }
        if indicator.definition.is_none() {
            indicator.definition = Some(Definition {
                text: d.text.clone(),
                fields: d.fields.clone(),
                file: String::new(),
                sheet: self.sheet.clone(),
            });
        }
        if let IndicatorKind::Numeric { direction, measure } = &mut indicator.kind {
            for text in [&d.typ, &d.reported_as].into_iter().flatten() {
                let (dir, unit) = numeric_type(text);
                if direction.is_none() {
                    *direction = dir;
                }
                if measure.is_none() {
                    *measure = unit;
                }
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
    category: Option<u32>,
    target: Option<u32>,
    period: Option<u32>,
    reported_as: Option<u32>,
    comparability: Option<u32>,
    /// The description text.
    text: Option<u32>,
    /// Every headed column, left to right, with its header as written.
    all: Vec<(u32, String)>,
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
        let typ = text(r, columns.typ);
        let category = text(r, columns.category).and_then(|t| indicator_category(&t));
        // Välfärdsindikatorer and nyckeltal have no quality grouping: a blank is no repetition.
        let ungrouped = category.is_some_and(|c| c != IndicatorCategory::Kvalitetsindikator);
        let area = text(r, columns.area).or_else(|| last_area.clone());
        let own_quality = text(r, columns.quality);
        let own_dimension = text(r, columns.dimension);
        let (quality_text, dimension) = if ungrouped {
            (own_quality, own_dimension)
        } else {
            (
                own_quality.or_else(|| last_quality.clone()),
                own_dimension.or_else(|| last_dimension.clone()),
            )
        };
        last_area.clone_from(&area);
        last_quality.clone_from(&quality_text);
        last_dimension.clone_from(&dimension);
        let quality = quality_text
            .map(|q| quality_label(&q))
            .or_else(|| dimension.map(|d| quality_label(&d)));
        let description = Description {
            name: String::new(),
            code: text(r, columns.code),
            area: area.clone(),
            quality,
            indicator_area: text(r, columns.indicator_area),
            indicator_type: typ.as_deref().and_then(indicator_type),
            typ,
            category,
            target: text(r, columns.target),
            period: text(r, columns.period),
            reported_as: text(r, columns.reported_as),
            comparability: text(r, columns.comparability),
            text: text(r, columns.text),
            fields: columns
                .all
                .iter()
                .filter(|(c, _)| Some(*c) != columns.text)
                .filter_map(|(c, header)| Some((header.clone(), text(r, Some(*c))?)))
                .collect(),
        };
        for name in names {
            out.push(Description {
                name,
                ..description.clone()
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
        if !h.is_empty() {
            c.all.push((*col, text.trim().to_owned()));
        }
        if h.contains("kvalitetsområde") {
            c.quality = Some(*col);
            has_hierarchy = true;
        } else if h.contains("kvalitetsdimension") {
            c.dimension = Some(*col);
            has_hierarchy = true;
        } else if h.contains("indikatorområde") {
            c.indicator_area = Some(*col);
            has_hierarchy = true;
        } else if h.contains("beskrivning") || h.starts_with("definition") || h == "förklaring" {
            c.text = Some(*col);
        } else if h.contains("verksamhetsområde") || h == "område" {
            c.area = Some(*col);
        } else if h.contains("kod") || h == "id" || h == "nr" {
            c.code = Some(*col);
        } else if h.starts_with("typ") || h == "indikatortyp" {
            c.typ = Some(*col);
        } else if h.contains("kategori") {
            c.category = Some(*col);
            has_hierarchy = true;
        } else if h.starts_with("målvärde") || h == "mål" {
            c.target = Some(*col);
        } else if h.starts_with("mätperiod") || h == "period" {
            c.period = Some(*col);
        } else if h.starts_with("redovisas") || h.starts_with("redovisning") {
            c.reported_as = Some(*col);
        } else if h.contains("jämförbar") {
            c.comparability = Some(*col);
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

    #[test]
    fn the_description_text_and_every_other_column_are_the_definition() {
        let cells = vec![
            (0, 0, t("Indikatorkod")),
            (0, 1, t("Indikator")),
            (0, 2, t("Kvalitetsdimension")),
            (0, 3, t("Beskrivning")),
            (0, 4, t("Mätperiod")),
            (0, 5, t("Källa")),
            (1, 0, t("EB2")),
            (1, 1, t("Aktuell rutin")),
            (1, 2, t("Kunskapsbaserad")),
            (1, 3, t("Kommunen har en rutin som följts upp.")),
            (1, 4, t("Läget 1 mars")),
            (1, 5, t("Socialstyrelsens enkät")),
            (2, 0, t("EB3")),
            (2, 1, t("Plan")),
        ];
        let d = read_descriptions(&Grid::new("Indikatorbeskrivningar", cells, vec![])).unwrap();
        let mut rutin = Indicator {
            name: "Aktuell rutin".into(),
            ..Indicator::default()
        };
        assert!(d.apply(&mut rutin));
        let def = rutin.definition.unwrap();
        assert_eq!(
            def.text.as_deref(),
            Some("Kommunen har en rutin som följts upp.")
        );
        let field = |h: &str, v: &str| (h.to_owned(), v.to_owned());
        assert_eq!(
            def.fields,
            [
                field("Indikatorkod", "EB2"),
                field("Indikator", "Aktuell rutin"),
                field("Kvalitetsdimension", "Kunskapsbaserad"),
                field("Mätperiod", "Läget 1 mars"),
                field("Källa", "Socialstyrelsens enkät"),
            ]
        );
        assert_eq!(def.sheet, "Indikatorbeskrivningar");
        // Found by code, without a text: a definition of its fields only.
        let mut plan = Indicator {
            name: "Plan för något".into(),
            code: Some("eb3".into()),
            ..Indicator::default()
        };
        assert!(d.apply(&mut plan));
        let def = plan.definition.unwrap();
        assert_eq!(def.text, None);
        assert_eq!(def.fields.len(), 2);
    }

    #[test]
    fn the_model_of_2023_adds_category_type_target_period_and_comparability() {
        let header = [
            "Indikatorkod",
            "Indikator",
            "Kvalitetsdimension",
            "Kategori",
            "Typ",
            "Målvärde",
            "Mätperiod",
            "Redovisas som",
            "Jämförbarhet med tidigare år",
        ];
        let rows: [[&str; 9]; 3] = [
            [
                "EB2",
                "Aktuell rutin",
                "Kunskapsbaserad",
                "Kvalitetsindikator",
                "Struktur",
                "Ja",
                "Läget 1 mars",
                "Ja/Nej",
                "24 månader (tidigare 12)",
            ],
            [
                "EB3",
                "Plan",
                "",
                "Kvalitetsindikator",
                "Process",
                "Ja",
                "",
                "Ja/Nej",
                "",
            ],
            [
                "EB13",
                "Andel med långvarigt bistånd, procent",
                "",
                "Välfärdsindikator",
                "Resultat",
                "",
                "Föregående år",
                "Procent, lägre värde är bättre",
                "",
            ],
        ];
        let mut cells: Vec<(u32, u32, CellValue)> = header
            .iter()
            .enumerate()
            .map(|(c, h)| (0, c as u32, t(h)))
            .collect();
        for (r, row) in rows.iter().enumerate() {
            for (c, text) in row.iter().enumerate().filter(|(_, x)| !x.is_empty()) {
                cells.push((r as u32 + 1, c as u32, t(text)));
            }
        }
        let d = read_descriptions(&Grid::new("Indikatorbeskrivningar", cells, vec![])).unwrap();
        assert_eq!(d.items.len(), 3);
        let mut rutin = Indicator {
            name: "Aktuell rutin".into(),
            ..Indicator::default()
        };
        assert!(d.apply(&mut rutin));
        assert_eq!(rutin.code.as_deref(), Some("EB2"));
        assert_eq!(rutin.category, Some(IndicatorCategory::Kvalitetsindikator));
        assert_eq!(rutin.indicator_type, Some(IndicatorType::Struktur));
        assert_eq!(rutin.target.as_deref(), Some("Ja"));
        assert_eq!(rutin.period.as_deref(), Some("Läget 1 mars"));
        assert_eq!(
            rutin.comparability.as_deref(),
            Some("24 månader (tidigare 12)")
        );
        // A blank dimension repeats the one above for a kvalitetsindikator …
        let plan = &d.items[1];
        assert_eq!(
            plan.quality.as_ref().map(|q| q.label.as_str()),
            Some("Kunskapsbaserad")
        );
        // … but a välfärdsindikator has none, and its direction is in "Redovisas som".
        let mut andel = Indicator {
            name: "Andel med långvarigt bistånd, procent".into(),
            kind: IndicatorKind::Numeric {
                direction: None,
                measure: Some("procent".into()),
            },
            ..Indicator::default()
        };
        assert!(d.apply(&mut andel));
        assert_eq!(andel.quality, None);
        assert_eq!(andel.category, Some(IndicatorCategory::Valfardsindikator));
        assert_eq!(
            andel.kind,
            IndicatorKind::Numeric {
                direction: Some(Direction::LowerIsBetter),
                measure: Some("procent".into())
            }
        );
    }
}
