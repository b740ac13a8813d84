//! The äldre enhetsundersökning as fictitious example data: one service's units (hemtjänst)
//! with their kommun and regi, and the aggregates of kommun, län and riket, also split by regi.
//!
//! Modelled on the sheets of Socialstyrelsen's 2025 enhetsundersökning (OJ-FORMATS.md):
//! "Information", "Hemtjänst, enheter" (one row per unit: kommun, unit name, regi offentlig or
//! enskild, then the indicators, Ja/Nej and numbers) and "Hemtjänst, kommun, län, rike" (per
//! kommun, län and riket the share of units with Ja for samtliga enheter and per regi, and the
//! mean of the numbers). [`UnitSurveySpec`] is the truth the file is written from; Tyresö's
//! eight units have fixed answers ([`TYRESO_UNITS`]) so that tests can check figures worked by
//! hand. Everything else is pseudo-random and deterministic.

use rust_xlsxwriter::XlsxError;
use serde::{Deserialize, Serialize};

use crate::model::{Area, Direction, IndicatorKind, UnitKind};
use crate::reference::Reference;

use super::oj::{mix, OjOptions, Rng};
use super::spec::{aggregate_cell, CellSpec, IndicatorSpec, OutcomeCounts, RowSpec};
use super::write::{planned, plans_to_xlsx, PlannedCell, SheetPlan, Style};

/// The header of the regi column, and the attribute every row of the spec carries it under.
pub const ATTR_REGI: &str = "Regi";
/// The header of the units sheet's kommun column, and the units' attribute holding it.
pub const ATTR_KOMMUN: &str = "Kommun";
/// The regi of a public unit.
pub const OFFENTLIG: &str = "Offentlig";
/// The regi of a private unit.
pub const ENSKILD: &str = "Enskild";
/// The regi value of the aggregate rows over every unit.
pub const SAMTLIGA: &str = "Samtliga";
/// The three rows every aggregate has, in file order.
pub const AGGREGATE_REGI: [&str; 3] = [SAMTLIGA, OFFENTLIG, ENSKILD];

/// The row of the header in both table sheets (title in row 0, row 1 empty).
pub const HEADER_ROW: u32 = 2;
/// The first row of units and of aggregates.
pub const FIRST_DATA_ROW: u32 = 3;
/// The first indicator column of the units sheet (Kommun, Enhet, Regi before it).
pub const UNITS_FIRST_VALUE_COL: u16 = 3;
/// The first indicator column of the aggregates sheet (Område, Regi before it).
pub const AGGREGATES_FIRST_VALUE_COL: u16 = 2;

/// One enhetsundersökning of one service and year.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UnitSurveySpec {
    pub area: Area,
    pub year: u16,
    /// The service as the sheet names write it ("Hemtjänst").
    pub service: String,
    /// "Öppna jämförelser 2025 – Äldreomsorg, enhetsundersökning: hemtjänst (FIKTIVA EXEMPELDATA)".
    pub title: String,
    /// In column order; the code is the spec's own id (the file writes names only).
    pub indicators: Vec<IndicatorSpec>,
    /// One row per unit: kind `Enhet`, `parent` its kommun's code, attributes Kommun and Regi.
    pub units: Vec<RowSpec>,
    /// Riket, the län and the kommuner with units, each three times (Regi = Samtliga,
    /// Offentlig, Enskild), in file order.
    pub aggregates: Vec<RowSpec>,
}

impl UnitSurveySpec {
    /// "Hemtjänst, enheter".
    pub fn units_sheet(&self) -> String {
        format!("{}, enheter", self.service)
    }

    /// "Hemtjänst, kommun, län, rike".
    pub fn aggregates_sheet(&self) -> String {
        format!("{}, kommun, län, rike", self.service)
    }

    /// The units of one kommun, in file order.
    pub fn units_of(&self, kommun: &str) -> Vec<&RowSpec> {
        self.units
            .iter()
            .filter(|u| u.parent.as_deref() == Some(kommun))
            .collect()
    }

    /// The aggregate row of a unit code ("0138", "01", "00") for one regi value.
    pub fn aggregate(&self, code: &str, regi: &str) -> Option<&RowSpec> {
        self.aggregates
            .iter()
            .find(|r| r.code.as_deref() == Some(code) && r.attribute(ATTR_REGI) == Some(regi))
    }

    /// The column of the indicator with this code.
    pub fn indicator_index(&self, code: &str) -> Option<usize> {
        self.indicators
            .iter()
            .position(|i| i.code.as_deref() == Some(code))
    }

    /// Outcome counts of one unit over the categorical indicators.
    pub fn tally(unit: &RowSpec, indicators: &[IndicatorSpec]) -> OutcomeCounts {
        let mut counts = OutcomeCounts::default();
        for (indicator, cell) in indicators.iter().zip(&unit.cells) {
            if indicator.is_categorical() {
                counts.add(cell.outcome());
            }
        }
        counts
    }

    /// The units an aggregate row stands for: riket all, a län those of its kommuner, a kommun
    /// its own; each only of the row's regi unless it is Samtliga.
    pub fn members_of(&self, aggregate: &RowSpec) -> Vec<&RowSpec> {
        let reference = Reference::get();
        let regi = aggregate.attribute(ATTR_REGI).unwrap_or(SAMTLIGA);
        let code = aggregate.code.as_deref().unwrap_or_default();
        self.units
            .iter()
            .filter(|u| regi == SAMTLIGA || u.attribute(ATTR_REGI) == Some(regi))
            .filter(|u| {
                let kommun = u.parent.as_deref().unwrap_or_default();
                match aggregate.kind {
                    UnitKind::Riket => true,
                    UnitKind::Lan => reference.kommun(kommun).is_some_and(|k| k.lanskod == code),
                    _ => kommun == code,
                }
            })
            .collect()
    }
}

/// Tyresö's units: name, regi, and the answers to the 14 categorical indicators in column
/// order (`J` Ja, `N` Nej, `D` Delvis, `E` Ej aktuellt, `K` Kan inte svara, `-` empty), then
/// the two numbers. Worked by hand: Hemtjänst Tyresö centrum 13/14, Trollbäcken 11/14, Bollmora
/// 9/13 (one Ej aktuellt), Tyresö nattpatrull 11/12 (one Ej aktuellt, one empty), Omsorgsbolaget
/// 8/14, Vardagshjälpen 14/14, Trygga händer 4/13 (one Kan inte svara), Solrosen 12/14; all
/// eight 82/108 = 76 %, offentlig regi 44/53 = 83 %, enskild regi 38/55 = 69 %.
pub const TYRESO_UNITS: [(&str, &str, &str, f64, f64); 8] = [
    (
        "Hemtjänst Tyresö centrum",
        OFFENTLIG,
        "JJJJJJJJNJJJJJ",
        72.0,
        12.0,
    ),
    (
        "Hemtjänst Trollbäcken",
        OFFENTLIG,
        "JJJNJJJJNJJNJJ",
        65.0,
        15.0,
    ),
    (
        "Hemtjänst Bollmora",
        OFFENTLIG,
        "JJNNJJJNJJNJEJ",
        58.0,
        17.0,
    ),
    ("Tyresö nattpatrull", OFFENTLIG, "JJJJJJJE-JJJJN", 80.0, 8.0),
    ("Omsorgsbolaget AB", ENSKILD, "JNJNJJNNJJNJJN", 44.0, 19.0),
    ("Vardagshjälpen AB", ENSKILD, "JJJJJJJJJJJJJJ", 61.0, 11.0),
    ("Trygga händer AB", ENSKILD, "NNJNJNNNJNNJNK", 39.0, 23.0),
    ("Solrosen Omsorg AB", ENSKILD, "JJJJNJJJJNJJJJ", 70.0, 14.0),
];

/// The indicators of the hemtjänst survey: 14 Ja/Nej questions and two numbers.
pub fn hemtjanst_indicators() -> Vec<IndicatorSpec> {
    const QUESTIONS: [&str; 14] = [
        "Aktuell rutin för att upprätta genomförandeplan",
        "Genomförandeplanen följs upp minst var sjätte månad",
        "Aktuell rutin för att förebygga fall",
        "Aktuell rutin för att förebygga undernäring",
        "Aktuell rutin för munhälsa",
        "Aktuell rutin för läkemedelshantering",
        "Aktuell rutin för samverkan med hälso- och sjukvården",
        "Kontaktperson utses inom två veckor",
        "Brukaren kan välja tid för sina insatser",
        "Systematisk uppföljning av avvikelser",
        "Aktuell plan för personalens kompetensutveckling",
        "Introduktion för nyanställda",
        "Tillgång till sjuksköterska dygnet runt",
        "Brukarundersökning det senaste året",
    ];
    let mut indicators: Vec<IndicatorSpec> = QUESTIONS
        .iter()
        .enumerate()
        .map(|(i, name)| IndicatorSpec {
            name: (*name).to_owned(),
            code: Some(format!("H{}", i + 1)),
            quality: String::new(),
            indicator_area: None,
            kind: IndicatorKind::Categorical,
        })
        .collect();
    indicators.push(IndicatorSpec {
        name: "Andel personal med undersköterskeexamen".to_owned(),
        code: Some("H15".to_owned()),
        quality: String::new(),
        indicator_area: None,
        kind: IndicatorKind::Numeric {
            direction: Some(Direction::HigherIsBetter),
            measure: Some("procent".to_owned()),
        },
    });
    indicators.push(IndicatorSpec {
        name: "Antal personal en brukare möter under 14 dagar".to_owned(),
        code: Some("H16".to_owned()),
        quality: String::new(),
        indicator_area: None,
        kind: IndicatorKind::Numeric {
            direction: Some(Direction::LowerIsBetter),
            measure: Some("antal".to_owned()),
        },
    });
    indicators
}

/// The hemtjänst survey of `year` over the kommuner of `options` (all 290 by default): two to
/// seven units per kommun, Tyresö's eight fixed, aggregates recomputed from the units.
pub fn hemtjanst_survey(year: u16, seed: u64, options: &OjOptions) -> UnitSurveySpec {
    let indicators = hemtjanst_indicators();
    let mut spec = UnitSurveySpec {
        area: Area::Aldreomsorg,
        year,
        service: "Hemtjänst".to_owned(),
        title: format!(
            "Öppna jämförelser {year} – Äldreomsorg, enhetsundersökning: hemtjänst (FIKTIVA EXEMPELDATA)"
        ),
        units: units(&indicators, year, seed, options),
        indicators,
        aggregates: Vec::new(),
    };
    spec.aggregates = aggregates(&spec, options);
    spec
}

fn selected(options: &OjOptions, code: &str) -> bool {
    options
        .kommuner
        .as_ref()
        .is_none_or(|list| list.iter().any(|k| k == code))
}

const OFFENTLIGA: [&str; 6] = ["Centrum", "Norr", "Söder", "Öster", "Väster", "Natt"];
const ENSKILDA: [&str; 8] = [
    "Omsorgsbolaget AB",
    "Vardagshjälpen AB",
    "Trygga händer AB",
    "Solrosen Omsorg AB",
    "Lindens Hemtjänst AB",
    "Nära Omsorg AB",
    "Kompassen Hemtjänst AB",
    "Ekhagens Omsorg AB",
];

fn units(indicators: &[IndicatorSpec], year: u16, seed: u64, options: &OjOptions) -> Vec<RowSpec> {
    let reference = Reference::get();
    let mut rows = Vec::new();
    for kommun in reference
        .kommuner
        .iter()
        .filter(|k| selected(options, &k.kod))
    {
        let unit = |name: String, regi: &str, cells: Vec<CellSpec>| RowSpec {
            label: name.clone(),
            code_cell: None,
            kind: UnitKind::Enhet,
            code: None,
            name,
            parent: Some(kommun.kod.clone()),
            attributes: vec![
                (ATTR_KOMMUN.to_owned(), kommun.namn.clone()),
                (ATTR_REGI.to_owned(), regi.to_owned()),
            ],
            cells,
        };
        if kommun.kod == "0138" {
            for (name, regi, answers, share, staff) in TYRESO_UNITS {
                let mut cells: Vec<CellSpec> = answers.chars().map(answer_cell).collect();
                cells.push(CellSpec::Number(share));
                cells.push(CellSpec::Number(staff));
                rows.push(unit(name.to_owned(), regi, cells));
            }
            continue;
        }
        let mut rng = Rng::new(mix(&[&seed.to_string(), "hemtjänst", &kommun.kod]));
        let n_public = 1 + rng.below(4);
        let n_private = rng.below(4);
        let level = 0.45 + 0.4 * rng.unit();
        let public = OFFENTLIGA
            .iter()
            .take(n_public)
            .map(|part| (format!("Hemtjänst {} {part}", kommun.namn), OFFENTLIG));
        let private = (0..n_private).map(|i| {
            let at = (rng.below(ENSKILDA.len()) + i) % ENSKILDA.len();
            (
                ENSKILDA
                    .get(at)
                    .copied()
                    .unwrap_or("Omsorgsbolaget AB")
                    .to_owned(),
                ENSKILD,
            )
        });
        let mut names: Vec<(String, &str)> = Vec::new();
        for (name, regi) in public.chain(private) {
            // A provider runs one unit per kommun.
            if !names.iter().any(|(n, _)| *n == name) {
                names.push((name, regi));
            }
        }
        for (name, regi) in names {
            let cells = unit_answers(indicators, year, seed, &kommun.kod, &name, level);
            rows.push(unit(name, regi, cells));
        }
    }
    rows
}

fn answer_cell(c: char) -> CellSpec {
    match c {
        'J' => CellSpec::Text("Ja".into()),
        'N' => CellSpec::Text("Nej".into()),
        'D' => CellSpec::Text("Delvis".into()),
        'E' => CellSpec::Text("Ej aktuellt".into()),
        'K' => CellSpec::Text("Kan inte svara".into()),
        _ => CellSpec::Empty,
    }
}

fn unit_answers(
    indicators: &[IndicatorSpec],
    year: u16,
    seed: u64,
    kommun: &str,
    name: &str,
    level: f64,
) -> Vec<CellSpec> {
    let mut rng = Rng::new(mix(&[&seed.to_string(), &year.to_string(), kommun, name]));
    let own = (level + 0.3 * (rng.unit() - 0.5)).clamp(0.05, 0.98);
    indicators
        .iter()
        .map(|indicator| match indicator.kind {
            IndicatorKind::Categorical => {
                let r = rng.unit();
                if r < 0.02 {
                    CellSpec::Text("Ej aktuellt".into())
                } else if r < 0.03 {
                    CellSpec::Empty
                } else if rng.unit() < own {
                    CellSpec::Text("Ja".into())
                } else {
                    CellSpec::Text("Nej".into())
                }
            }
            IndicatorKind::Numeric {
                direction: Some(Direction::LowerIsBetter),
                ..
            } => CellSpec::Number((6.0 + 20.0 * (1.0 - own) + 4.0 * rng.unit()).round()),
            IndicatorKind::Numeric { .. } => {
                CellSpec::Number((30.0 + 60.0 * own + 10.0 * rng.unit()).round())
            }
        })
        .collect()
}

/// Riket, the län with units and the kommuner with units, each for samtliga and per regi.
fn aggregates(spec: &UnitSurveySpec, options: &OjOptions) -> Vec<RowSpec> {
    let reference = Reference::get();
    let mut heads: Vec<(UnitKind, String, String, Option<String>)> =
        vec![(UnitKind::Riket, "00".into(), "Riket".into(), None)];
    for lan in &reference.lan {
        if reference
            .kommuner
            .iter()
            .any(|k| k.lanskod == lan.kod && selected(options, &k.kod))
        {
            heads.push((
                UnitKind::Lan,
                lan.kod.clone(),
                lan.namn.clone(),
                Some("00".into()),
            ));
        }
    }
    for kommun in reference
        .kommuner
        .iter()
        .filter(|k| selected(options, &k.kod))
    {
        if !spec.units_of(&kommun.kod).is_empty() {
            heads.push((
                UnitKind::Kommun,
                kommun.kod.clone(),
                kommun.namn.clone(),
                Some(kommun.lanskod.clone()),
            ));
        }
    }
    let mut rows = Vec::new();
    for (kind, code, name, parent) in heads {
        for regi in AGGREGATE_REGI {
            let mut row = RowSpec {
                label: name.clone(),
                code_cell: None,
                kind,
                code: Some(code.clone()),
                name: name.clone(),
                parent: parent.clone(),
                attributes: vec![(ATTR_REGI.to_owned(), regi.to_owned())],
                cells: Vec::new(),
            };
            row.cells = aggregate_cells(spec, &spec.members_of(&row));
            rows.push(row);
        }
    }
    rows
}

/// Per indicator: the share of `members` with Ja (Socialstyrelsen's rule, `..` when over 20 %
/// did not answer), or the mean of their numbers to one decimal.
fn aggregate_cells(spec: &UnitSurveySpec, members: &[&RowSpec]) -> Vec<CellSpec> {
    spec.indicators
        .iter()
        .enumerate()
        .map(|(col, indicator)| {
            if indicator.is_categorical() {
                let mut counts = OutcomeCounts::default();
                for m in members {
                    counts.add(m.cells.get(col).and_then(CellSpec::outcome));
                }
                aggregate_cell(&counts)
            } else {
                let numbers: Vec<f64> = members
                    .iter()
                    .filter_map(|m| match m.cells.get(col) {
                        Some(CellSpec::Number(n)) => Some(*n),
                        _ => None,
                    })
                    .collect();
                if numbers.is_empty() {
                    CellSpec::Text("..".into())
                } else {
                    let mean = numbers.iter().sum::<f64>() / numbers.len() as f64;
                    CellSpec::Number((mean * 10.0).round() / 10.0)
                }
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// The workbook

/// The three sheets: Information, the units, the aggregates.
pub fn plan_unit_survey(spec: &UnitSurveySpec) -> Vec<SheetPlan> {
    vec![
        plan_information(spec),
        plan_units(spec),
        plan_aggregates(spec),
    ]
}

/// The workbook, byte for byte the same on every run.
pub fn unit_survey_xlsx(spec: &UnitSurveySpec) -> Result<Vec<u8>, XlsxError> {
    plans_to_xlsx(&plan_unit_survey(spec), &spec.title, spec.year)
}

/// "oppna-jamforelser-2025-aldreomsorg-hemtjanst-enheter-fiktiva-exempeldata.xlsx".
pub fn unit_survey_file_name(spec: &UnitSurveySpec) -> String {
    format!(
        "oppna-jamforelser-{}-{}-{}-enheter-fiktiva-exempeldata.xlsx",
        spec.year,
        spec.area.key(),
        spec.service
            .to_lowercase()
            .replace(['å', 'ä'], "a")
            .replace('ö', "o")
            .replace(' ', "-")
    )
}

fn empty_plan(name: String, is_table: bool) -> SheetPlan {
    SheetPlan {
        name,
        cells: Vec::new(),
        merges: Vec::new(),
        freeze: None,
        widths: Vec::new(),
        heights: Vec::new(),
        is_table,
    }
}

fn text(text: &str, style: Style) -> PlannedCell {
    PlannedCell::Text(text.to_owned(), style)
}

fn plan_information(spec: &UnitSurveySpec) -> SheetPlan {
    let mut plan = empty_plan("Information".to_owned(), false);
    let lines = [
        spec.title.clone(),
        String::new(),
        "Fiktiva exempeldata: enheterna, svaren och andelarna är påhittade och är inte Socialstyrelsens siffror.".to_owned(),
        format!(
            "Bladet {}: en rad per enhet med kommun, enhetens namn och regi (offentlig eller enskild), och enhetens svar.",
            spec.units_sheet()
        ),
        format!(
            "Bladet {}: andelen enheter med Ja (procent) och medelvärdet av talen, för kommunen, länet och riket, för samtliga enheter och per regi.",
            spec.aggregates_sheet()
        ),
        "Ingen andel redovisas (..) när fler än 20 procent av enheterna inte har svarat, är ej aktuella eller inte kan svara.".to_owned(),
    ];
    for (row, line) in lines.iter().enumerate() {
        if !line.is_empty() {
            let style = if row == 0 { Style::Title } else { Style::Note };
            plan.cells.push((row as u32, 0, text(line, style)));
        }
    }
    plan.widths = vec![(0, 110.0)];
    plan
}

fn header_row(plan: &mut SheetPlan, stub: &[&str], spec: &UnitSurveySpec) {
    let headers = stub
        .iter()
        .map(|h| (*h).to_owned())
        .chain(spec.indicators.iter().map(|i| i.name.clone()));
    for (col, header) in headers.enumerate() {
        plan.cells
            .push((HEADER_ROW, col as u16, text(&header, Style::Header)));
    }
    plan.heights.push((HEADER_ROW, 96.0));
}

fn plan_units(spec: &UnitSurveySpec) -> SheetPlan {
    let mut plan = empty_plan(spec.units_sheet(), true);
    let title = format!(
        "Öppna jämförelser {} – {}, enheter (FIKTIVA EXEMPELDATA)",
        spec.year, spec.service
    );
    plan.cells.push((0, 0, text(&title, Style::Title)));
    header_row(&mut plan, &[ATTR_KOMMUN, "Enhet", ATTR_REGI], spec);
    for (i, unit) in spec.units.iter().enumerate() {
        let row = FIRST_DATA_ROW + i as u32;
        let stub = [
            unit.attribute(ATTR_KOMMUN).unwrap_or_default(),
            unit.name.as_str(),
            unit.attribute(ATTR_REGI).unwrap_or_default(),
        ];
        for (col, value) in stub.iter().enumerate() {
            plan.cells.push((row, col as u16, text(value, Style::Body)));
        }
        for (col, cell) in unit.cells.iter().enumerate() {
            if let Some(p) = planned(cell, false) {
                plan.cells
                    .push((row, UNITS_FIRST_VALUE_COL + col as u16, p));
            }
        }
    }
    plan.freeze = Some((FIRST_DATA_ROW, UNITS_FIRST_VALUE_COL));
    plan.widths = vec![(0, 16.0), (1, 30.0), (2, 11.0)];
    plan
}

fn plan_aggregates(spec: &UnitSurveySpec) -> SheetPlan {
    let mut plan = empty_plan(spec.aggregates_sheet(), true);
    let title = format!(
        "Öppna jämförelser {} – {}, kommun, län och riket: andel enheter med Ja, procent (FIKTIVA EXEMPELDATA)",
        spec.year, spec.service
    );
    plan.cells.push((0, 0, text(&title, Style::Title)));
    header_row(&mut plan, &["Område", ATTR_REGI], spec);
    for (i, aggregate) in spec.aggregates.iter().enumerate() {
        let row = FIRST_DATA_ROW + i as u32;
        plan.cells
            .push((row, 0, text(&aggregate.label, Style::Body)));
        let regi = aggregate.attribute(ATTR_REGI).unwrap_or_default();
        plan.cells.push((row, 1, text(regi, Style::Body)));
        for (col, cell) in aggregate.cells.iter().enumerate() {
            if let Some(p) = planned(cell, true) {
                plan.cells
                    .push((row, AGGREGATES_FIRST_VALUE_COL + col as u16, p));
            }
        }
    }
    plan.freeze = Some((FIRST_DATA_ROW, AGGREGATES_FIRST_VALUE_COL));
    plan.widths = vec![(0, 24.0), (1, 11.0)];
    plan
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tyreso_units_are_worked_by_hand() {
        let spec = hemtjanst_survey(2025, 1, &OjOptions::default());
        let units = spec.units_of("0138");
        assert_eq!(units.len(), 8);
        let figures: Vec<(u32, u32)> = units
            .iter()
            .map(|u| {
                let t = UnitSurveySpec::tally(u, &spec.indicators);
                (t.ja, t.answered())
            })
            .collect();
        assert_eq!(
            figures,
            [
                (13, 14),
                (11, 14),
                (9, 13),
                (11, 12),
                (8, 14),
                (14, 14),
                (4, 13),
                (12, 14)
            ]
        );
        let tyreso = spec.aggregate("0138", SAMTLIGA).unwrap();
        // Kontaktperson (H8): Ja in centrum, Trollbäcken, Vardagshjälpen and Solrosen, Nej in
        // three, Ej aktuellt in the night patrol: 4 of 7 answering = 57 %. Välja tid (H9): five
        // Ja, two Nej, the night patrol empty: 5/7 = 71 %.
        let h8 = spec.indicator_index("H8").unwrap();
        assert_eq!(tyreso.cells[h8], CellSpec::Number(57.0));
        assert_eq!(tyreso.cells[h8 + 1], CellSpec::Number(71.0));
        let enskild = spec.aggregate("0138", ENSKILD).unwrap();
        let h15 = spec.indicator_index("H15").unwrap();
        // (44 + 61 + 39 + 70) / 4 = 53,5.
        assert_eq!(enskild.cells[h15], CellSpec::Number(53.5));
        assert!(spec.units.len() > 290 * 2, "{}", spec.units.len());
    }
}
