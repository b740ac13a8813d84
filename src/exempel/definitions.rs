//! Description texts of the example indicators, written into the example workbooks' sheet
//! "Indikatorbeskrivningar" so the page and the CLI have definitions to show. Invented like the
//! data: each text says what the indicator asks and how it counts, and its source says
//! "fiktiva exempeldata".

use rust_xlsxwriter::XlsxError;

use super::spec::{IndicatorSpec, TableSpec};
use super::write::{header_text, plan_sheets, plans_to_xlsx, PlannedCell, Shape, SheetPlan, Style};
use super::years::ModelIndicator;
use crate::model::{Direction, IndicatorKind};

/// The Källa column of every example description.
pub const SOURCE: &str = "Socialstyrelsen, Öppna jämförelser (fiktiva exempeldata)";

/// The headers of the classic example's description sheet.
pub const CLASSIC_HEADERS: [&str; 6] = [
    "Verksamhetsområde",
    "Indikator",
    "Kvalitetsområde",
    "Indikatorområde",
    "Beskrivning",
    "Källa",
];

/// A name as it reads inside a sentence: "aktuell rutin …", but "ASI …" and "SIP …" kept.
fn in_sentence(name: &str) -> String {
    let mut chars = name.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if !second.is_uppercase() => {
            first.to_lowercase().chain(name.chars().skip(1)).collect()
        }
        _ => name.to_owned(),
    }
}

/// "; lägre värde är bättre" for a number with a better direction.
fn direction_text(direction: Option<Direction>) -> &'static str {
    match direction {
        Some(Direction::HigherIsBetter) => " Ett högre värde är bättre.",
        Some(Direction::LowerIsBetter) => " Ett lägre värde är bättre.",
        None => "",
    }
}

/// What a question or a number of the classic tables means, for the year of the table.
pub fn classic_text(indicator: &IndicatorSpec, year: u16) -> String {
    let name = in_sentence(&indicator.name);
    match &indicator.kind {
        IndicatorKind::Categorical => format!(
            "Visar om kommunen uppger att den har eller gör följande: {name}. Svaret lämnas i \
             Socialstyrelsens enkät till kommunerna och gäller läget den 1 mars {year}. \
             Uppfylld vid svaret Ja; för länet och riket redovisas andelen kommuner som svarat Ja."
        ),
        IndicatorKind::Numeric { direction, measure } => format!(
            "Mäter {name} under {}, redovisat som {}.{}",
            year.saturating_sub(1),
            measure.as_deref().unwrap_or("tal"),
            direction_text(*direction)
        ),
    }
}

/// What an indicator of the model of 2023– means.
pub fn model_text(indicator: &ModelIndicator) -> String {
    let name = in_sentence(&indicator.name);
    let period = in_sentence(&indicator.period);
    match &indicator.kind {
        IndicatorKind::Categorical => {
            let answers = if indicator.delvis {
                "Ja, Delvis eller Nej"
            } else {
                "Ja eller Nej"
            };
            format!(
                "Visar om kommunen uppger att den har eller gör följande: {name}. Besvaras med \
                 {answers} i Socialstyrelsens enkät till kommunerna; mätperiod: {period}."
            )
        }
        IndicatorKind::Numeric { direction, .. } => format!(
            "Mäter {name}; mätperiod: {period}.{}",
            direction_text(*direction)
        ),
    }
}

/// The classic example's description sheet: area, name, quality area, indicator area, the
/// description text and its source for each indicator (no code and no type, which the table's
/// headers do not have either, so nothing but the definitions changes how the file reads).
pub fn plan_classic_descriptions(spec: &TableSpec) -> SheetPlan {
    let mut plan = SheetPlan {
        name: "Indikatorbeskrivningar".into(),
        cells: Vec::new(),
        merges: Vec::new(),
        freeze: Some((1, 0)),
        widths: vec![
            (0, 22.0),
            (1, 50.0),
            (2, 30.0),
            (3, 40.0),
            (4, 90.0),
            (5, 40.0),
        ],
        heights: Vec::new(),
        is_table: false,
    };
    for (c, header) in (0u16..).zip(CLASSIC_HEADERS) {
        header_text(&mut plan.cells, 0, c, header);
    }
    for (r, indicator) in (1u32..).zip(&spec.indicators) {
        let values = [
            Some(spec.area_label.clone()),
            Some(indicator.name.clone()),
            Some(indicator.quality.clone()),
            indicator.indicator_area.clone(),
            Some(classic_text(indicator, spec.year)),
            Some(SOURCE.to_owned()),
        ];
        for (c, value) in (0u16..).zip(values) {
            if let Some(v) = value {
                plan.cells.push((r, c, PlannedCell::Text(v, Style::Body)));
            }
        }
    }
    plan
}

/// An example workbook of the classic tables: the table in `shape`, then its descriptions.
pub fn to_xlsx_with_definitions(spec: &TableSpec, shape: Shape) -> Result<Vec<u8>, XlsxError> {
    let mut plans = plan_sheets(spec, shape);
    plans.push(plan_classic_descriptions(spec));
    plans_to_xlsx(&plans, &spec.title, spec.year)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_read_inside_a_sentence() {
        assert_eq!(in_sentence("Aktuell rutin"), "aktuell rutin");
        assert_eq!(in_sentence("ASI vid utredning"), "ASI vid utredning");
        assert_eq!(in_sentence(""), "");
    }
}
