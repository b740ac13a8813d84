//! ÖJ's model of 2023– as fictitious data: several years of ekonomiskt bistånd in one table,
//! indicators grouped by kvalitetsdimension, each with its category, type, target, measurement
//! period and comparability note ([`YearsSpec`], the truth tests read a workbook back to).
//!
//! The catalogue ([`catalogue`]) has twelve kvalitetsindikatorer (eleven Ja/Nej or Ja/Delvis/Nej,
//! one numeric result with a target), two välfärdsindikatorer and one nyckeltal. "Tolk vid behov
//! under hela handläggningen" is measured from 2023 only; "Aktuell rutin för handläggning" changed
//! definition in 2024 ("24 månader (tidigare 12)"). Units are riket, län, kommuner, Stockholm's
//! stadsdelsområden and Göteborg's socialförvaltningar of each year (Stockholm's districts
//! change in 2024: Järva and Norra innerstaden), written in the spellings files use.
//!
//! # Tyresö's answers, worked by hand
//!
//! Tyresö (0138) answers the same in every generated table, whatever the seed and units
//! ([`TYRESO_YEARS`]). Fulfilment counts the categorical kvalitetsindikatorer (DESIGN §3;
//! välfärdsindikatorer, nyckeltal and the numeric kvalitetsindikator are never counted):
//!
//! | Dimension | 2022 | 2023 | 2024 |
//! |---|---|---|---|
//! | Kunskapsbaserad | 1/3 | 2/3 | 3/3 |
//! | Säker | 1/2 | 1/2 | 2/2 |
//! | Individanpassad | 1/2 (1 Delvis) | 2/2 | 1/2 (1 Delvis) |
//! | Effektiv | 1/1 | 1/1 | 0/1 |
//! | Jämlik | 0/1 (one indicator not yet measured) | 1/2 | 2/2 |
//! | Tillgänglig | 1/1 | 0/0 (1 ej aktuellt) | 1/1 |
//! | **Totalt** | **5/10 = 50 %** | **7/10 = 70 %** | **9/11 = 82 %** |
//!
//! With Delvis as half: 5,5/10 = 55 % (2022), 9,5/11 = 86 % (2024); with Delvis as fulfilled:
//! 6/10 = 60 %, 10/11 = 91 %. 2023 has no Delvis.

use serde::{Deserialize, Serialize};

use crate::model::{
    normalize_label, Area, Direction, IndicatorCategory, IndicatorKind, IndicatorType,
    QualityDimension, UnitKind,
};
use crate::reference::{Reference, STORSTADER};

use super::oj::{mix, OjOptions, Rng};
use super::spec::{aggregate_cell, CellSpec, OutcomeCounts, RowSpec, ATTR_LAN};

/// Header of the grouping column with SKR's kommungrupp (2023 version) in these tables.
pub const ATTR_KOMMUNGRUPP_2023: &str = "Kommungrupp";

/// The years of the example workbook.
pub const EXAMPLE_YEARS: [u16; 3] = [2022, 2023, 2024];

/// One workbook of the model of 2023–: one area, several years, one row per unit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct YearsSpec {
    pub area: Area,
    /// The area as the file writes it.
    pub area_label: String,
    /// The title row ("Öppna jämförelser 2024 – Ekonomiskt bistånd, resultat 2022–2024 (FIKTIVA …)").
    pub title: String,
    /// Oldest first.
    pub years: Vec<u16>,
    /// In column order: grouped by dimension, then välfärdsindikatorer, then nyckeltal.
    pub indicators: Vec<ModelIndicator>,
    /// In row order. `cells` is empty here: the values are per year in [`YearsSpec::values`].
    /// `attributes` holds both grouping columns (Län, Kommungrupp); a layout writes those it has.
    pub rows: Vec<RowSpec>,
    /// One per year, in the order of `years`.
    pub values: Vec<YearValues>,
}

/// The cells of one year: `cells[row][indicator]`, [`CellSpec::Empty`] where the indicator was
/// not measured that year or the unit did not exist.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct YearValues {
    pub year: u16,
    pub cells: Vec<Vec<CellSpec>>,
}

/// One indicator of the model of 2023–.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ModelIndicator {
    /// A stable code, written only in the description sheet.
    pub code: String,
    /// The name as written in the header.
    pub name: String,
    /// The kvalitetsdimension as written in the band; `None` for välfärdsindikatorer and
    /// nyckeltal, which the band groups under their category instead.
    pub dimension: Option<String>,
    pub category: IndicatorCategory,
    /// `None` for nyckeltal.
    pub indicator_type: Option<IndicatorType>,
    pub kind: IndicatorKind,
    /// Whether "Delvis" is an allowed answer (categorical indicators).
    pub delvis: bool,
    /// The target value as written ("Ja", "Minst 40 procent"); `None` when there is none.
    pub target: Option<String>,
    /// The measurement period as written.
    pub period: String,
    /// The note on comparability with earlier years, when the definition changed.
    pub comparability: Option<String>,
    /// The year the definition changed (the note names it): a reader keeps the note on that
    /// year and later ones, where the change applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comparability_from: Option<u16>,
    /// The first year the indicator was measured.
    pub first_year: u16,
}

impl ModelIndicator {
    /// The dimension the band names, if any.
    pub fn dimension_key(&self) -> Option<QualityDimension> {
        let label = normalize_label(self.dimension.as_deref()?);
        QualityDimension::ALL
            .into_iter()
            .find(|d| label.starts_with(&normalize_label(d.name())))
    }

    /// The text over the indicator in the band row: its dimension, or its category in plural.
    pub fn band_label(&self) -> String {
        match (&self.dimension, self.category) {
            (Some(d), _) => d.clone(),
            (None, IndicatorCategory::Valfardsindikator) => "Välfärdsindikatorer".into(),
            (None, IndicatorCategory::Nyckeltal) => "Nyckeltal".into(),
            (None, IndicatorCategory::Kvalitetsindikator) => "Kvalitetsindikatorer".into(),
        }
    }

    /// The category as the header and description sheet write it ("Kvalitetsindikator").
    pub fn category_text(&self) -> String {
        capitalised(self.category.label())
    }

    /// The type as written ("Struktur"); empty for nyckeltal.
    pub fn type_text(&self) -> String {
        self.indicator_type
            .map(|t| capitalised(t.label()))
            .unwrap_or_default()
    }

    /// The description sheet's "Redovisas som": the answers, or the number and its better direction.
    pub fn reported_as(&self) -> String {
        match &self.kind {
            IndicatorKind::Categorical if self.delvis => "Ja/Delvis/Nej".into(),
            IndicatorKind::Categorical => "Ja/Nej".into(),
            IndicatorKind::Numeric { direction, measure } => {
                let measure = capitalised(measure.as_deref().unwrap_or("tal"));
                match direction {
                    Some(Direction::HigherIsBetter) => format!("{measure}, högre värde är bättre"),
                    Some(Direction::LowerIsBetter) => format!("{measure}, lägre värde är bättre"),
                    None => measure,
                }
            }
        }
    }

    pub fn is_categorical(&self) -> bool {
        matches!(self.kind, IndicatorKind::Categorical)
    }

    /// Counted in fulfilment fractions: a categorical kvalitetsindikator (the model's rule).
    pub fn counts_in_fulfilment(&self) -> bool {
        self.is_categorical() && self.category == IndicatorCategory::Kvalitetsindikator
    }

    /// Whether the indicator was measured in `year`.
    pub fn measured_in(&self, year: u16) -> bool {
        year >= self.first_year
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

impl YearsSpec {
    /// The cells of `year`, if it is one of the table's years.
    pub fn year_values(&self, year: u16) -> Option<&YearValues> {
        self.values.iter().find(|v| v.year == year)
    }

    /// The row with this canonical code.
    pub fn row_index(&self, code: &str) -> Option<usize> {
        self.rows
            .iter()
            .position(|r| r.code.as_deref() == Some(code))
    }

    /// The column of the indicator with this code.
    pub fn indicator_index(&self, code: &str) -> Option<usize> {
        self.indicators.iter().position(|i| i.code == code)
    }

    /// The cell of one row (by canonical code) and indicator (by code) in `year`.
    pub fn cell(&self, year: u16, row_code: &str, indicator_code: &str) -> Option<&CellSpec> {
        let (r, i) = (
            self.row_index(row_code)?,
            self.indicator_index(indicator_code)?,
        );
        self.year_values(year)?.cells.get(r)?.get(i)
    }

    /// Whether row `row` has any value in `year` (a district that did not exist has none).
    pub fn present(&self, row: usize, year: u16) -> bool {
        self.year_values(year)
            .and_then(|v| v.cells.get(row))
            .is_some_and(|cells| cells.iter().any(|c| *c != CellSpec::Empty))
    }

    /// The indicators measured in `year`, by index, in column order.
    pub fn measured(&self, year: u16) -> Vec<usize> {
        self.indicators
            .iter()
            .enumerate()
            .filter(|(_, i)| i.measured_in(year))
            .map(|(i, _)| i)
            .collect()
    }

    /// Outcome counts of one row in `year` over the indicators that count in fulfilment, of one
    /// dimension (all dimensions when `dimension` is `None`): the raw material of DESIGN §3.
    pub fn fulfilment(
        &self,
        year: u16,
        row_code: &str,
        dimension: Option<QualityDimension>,
    ) -> OutcomeCounts {
        let mut counts = OutcomeCounts::default();
        let (Some(r), Some(values)) = (self.row_index(row_code), self.year_values(year)) else {
            return counts;
        };
        let Some(cells) = values.cells.get(r) else {
            return counts;
        };
        for (indicator, cell) in self.indicators.iter().zip(cells) {
            if !indicator.counts_in_fulfilment() || !indicator.measured_in(year) {
                continue;
            }
            if dimension.is_some() && indicator.dimension_key() != dimension {
                continue;
            }
            counts.add(cell.outcome());
        }
        counts
    }

    /// The answering rows present in `year` that an aggregate row stands for.
    fn members(&self, aggregate: &RowSpec, year: u16) -> Vec<usize> {
        self.rows
            .iter()
            .enumerate()
            .filter(|(i, r)| r.is_answering() && self.present(*i, year))
            .filter(|(_, r)| match aggregate.kind {
                UnitKind::Riket => true,
                UnitKind::Lan => r.attribute(ATTR_LAN) == Some(aggregate.name.as_str()),
                UnitKind::Storstad => {
                    r.kind == UnitKind::Stadsdel && r.parent.as_deref() == aggregate.code.as_deref()
                }
                _ => false,
            })
            .map(|(i, _)| i)
            .collect()
    }
}

// ---------------------------------------------------------------------------------------------
// The catalogue

/// What a numeric indicator holds: direction, measure, and the range of generated values.
type NumericDef = (Option<Direction>, &'static str, (f64, f64, i32));

struct Def {
    code: &'static str,
    name: &'static str,
    dimension: Option<&'static str>,
    category: IndicatorCategory,
    typ: Option<IndicatorType>,
    numeric: Option<NumericDef>,
    delvis: bool,
    target: Option<&'static str>,
    first_year: u16,
    comparability: Option<&'static str>,
}

const KI: IndicatorCategory = IndicatorCategory::Kvalitetsindikator;
const STRUKTUR: Option<IndicatorType> = Some(IndicatorType::Struktur);
const PROCESS: Option<IndicatorType> = Some(IndicatorType::Process);
const RESULTAT: Option<IndicatorType> = Some(IndicatorType::Resultat);

/// The year "Aktuell rutin för handläggning" changed definition.
pub const COMPARABILITY_YEAR: u16 = 2024;

/// Written in the description sheet for the indicator whose definition changed in 2024.
pub const COMPARABILITY_NOTE: &str =
    "24 månader (tidigare 12): från 2024 räknas rutinen som aktuell om den följts upp inom 24 månader. Inte helt jämförbar med tidigare år.";

const fn ja_nej(
    code: &'static str,
    name: &'static str,
    dimension: &'static str,
    typ: Option<IndicatorType>,
) -> Def {
    Def {
        code,
        name,
        dimension: Some(dimension),
        category: KI,
        typ,
        numeric: None,
        delvis: false,
        target: Some("Ja"),
        first_year: 0,
        comparability: None,
    }
}

const DEFS: [Def; 15] = [
    ja_nej(
        "EB1",
        "Rutin för systematisk uppföljning av beviljat ekonomiskt bistånd",
        "Kunskapsbaserad",
        STRUKTUR,
    ),
    Def {
        comparability: Some(COMPARABILITY_NOTE),
        ..ja_nej(
            "EB2",
            "Aktuell rutin för handläggning av ekonomiskt bistånd",
            "Kunskapsbaserad",
            STRUKTUR,
        )
    },
    ja_nej(
        "EB3",
        "Plan för kompetensutveckling av handläggare",
        "Kunskapsbaserad",
        STRUKTUR,
    ),
    ja_nej(
        "EB4",
        "Rutin för att upptäcka våld i nära relationer vid ansökan",
        "Säker",
        STRUKTUR,
    ),
    ja_nej(
        "EB5",
        "Rutin för att uppmärksamma barn som far illa",
        "Säker",
        STRUKTUR,
    ),
    Def {
        delvis: true,
        ..ja_nej(
            "EB6",
            "Individuell planering tillsammans med den enskilde",
            "Individanpassad",
            PROCESS,
        )
    },
    Def {
        delvis: true,
        ..ja_nej(
            "EB7",
            "Barnets situation beaktas i utredningen",
            "Individanpassad",
            PROCESS,
        )
    },
    ja_nej(
        "EB8",
        "Samverkan med Arbetsförmedlingen i enskilda ärenden",
        "Effektiv",
        PROCESS,
    ),
    Def {
        numeric: Some((Some(Direction::HigherIsBetter), "procent", (25.0, 65.0, 1))),
        target: Some("Minst 40 procent"),
        ..ja_nej(
            "EB9",
            "Andel som lämnat ekonomiskt bistånd för arbete eller studier, procent",
            "Effektiv",
            RESULTAT,
        )
    },
    Def {
        first_year: 2023,
        ..ja_nej(
            "EB10",
            "Tolk vid behov under hela handläggningen",
            "Jämlik",
            PROCESS,
        )
    },
    ja_nej(
        "EB11",
        "Information om ekonomiskt bistånd på flera språk",
        "Jämlik",
        STRUKTUR,
    ),
    ja_nej(
        "EB12",
        "Möjlighet till akut handläggning utanför kontorstid",
        "Tillgänglig",
        STRUKTUR,
    ),
    Def {
        code: "EB13",
        name: "Andel invånare med långvarigt ekonomiskt bistånd, procent",
        dimension: None,
        category: IndicatorCategory::Valfardsindikator,
        typ: RESULTAT,
        numeric: Some((Some(Direction::LowerIsBetter), "procent", (0.3, 4.0, 1))),
        delvis: false,
        target: None,
        first_year: 0,
        comparability: None,
    },
    Def {
        code: "EB14",
        name: "Andel barn i hushåll med långvarigt ekonomiskt bistånd, procent",
        dimension: None,
        category: IndicatorCategory::Valfardsindikator,
        typ: RESULTAT,
        numeric: Some((Some(Direction::LowerIsBetter), "procent", (0.5, 8.0, 1))),
        delvis: false,
        target: None,
        first_year: 0,
        comparability: None,
    },
    Def {
        code: "EB15",
        name: "Kostnad för ekonomiskt bistånd, kronor per invånare",
        dimension: None,
        category: IndicatorCategory::Nyckeltal,
        typ: None,
        numeric: Some((None, "kronor per invånare", (600.0, 4000.0, 0))),
        delvis: false,
        target: None,
        first_year: 0,
        comparability: None,
    },
];

/// The indicators of ekonomiskt bistånd in the model of 2023–, measured from `first_year` at the
/// earliest (the first year of the table).
pub fn catalogue(first_year: u16) -> Vec<ModelIndicator> {
    DEFS.iter()
        .map(|d| ModelIndicator {
            code: d.code.to_owned(),
            name: d.name.to_owned(),
            dimension: d.dimension.map(str::to_owned),
            category: d.category,
            indicator_type: d.typ,
            kind: match d.numeric {
                Some((direction, measure, _)) => IndicatorKind::Numeric {
                    direction,
                    measure: Some(measure.to_owned()),
                },
                None => IndicatorKind::Categorical,
            },
            delvis: d.delvis,
            target: d.target.map(str::to_owned),
            period: if d.numeric.is_some() {
                "Föregående kalenderår".to_owned()
            } else {
                "Läget den 1 mars respektive år".to_owned()
            },
            comparability: d.comparability.map(str::to_owned),
            comparability_from: d.comparability.map(|_| COMPARABILITY_YEAR),
            first_year: d.first_year.max(first_year),
        })
        .collect()
}

fn value_range(code: &str) -> (f64, f64, i32) {
    DEFS.iter()
        .find(|d| d.code == code)
        .and_then(|d| d.numeric.map(|n| n.2))
        .unwrap_or((0.0, 100.0, 0))
}

/// Tyresö's answers per indicator code: the cells of 2022, 2023 and 2024 (see the module docs).
pub const TYRESO_YEARS: [(&str, [&str; 3]); 15] = [
    ("EB1", ["Ja", "Ja", "Ja"]),
    ("EB2", ["Nej", "Nej", "Ja"]),
    ("EB3", ["Nej", "Ja", "Ja"]),
    ("EB4", ["Ja", "Ja", "Ja"]),
    ("EB5", ["Nej", "Nej", "Ja"]),
    ("EB6", ["Delvis", "Ja", "Ja"]),
    ("EB7", ["Ja", "Ja", "Delvis"]),
    ("EB8", ["Ja", "Ja", "Nej"]),
    ("EB9", ["41.5", "44", "47.5"]),
    ("EB10", ["", "Nej", "Ja"]),
    ("EB11", ["Nej", "Ja", "Ja"]),
    ("EB12", ["Ja", "Ej aktuellt", "Ja"]),
    ("EB13", ["1.4", "1.3", "1.2"]),
    ("EB14", ["2.1", "2", "1.8"]),
    ("EB15", ["1450", "1510", "1580"]),
];

// ---------------------------------------------------------------------------------------------
// Units

/// How a stadsdel row is written, by its position among its city's districts: the spellings of
/// issue 17 ("Stockholm – Spånga-Tensta", "Spånga-Tensta stadsdelsområde", "Göteborg,
/// Socialförvaltning Nordost", "SF Nordost" …).
fn district_label(city: &str, district: &str, i: usize) -> String {
    if let Some(short) = district.strip_prefix("Socialförvaltning ") {
        return match i % 4 {
            0 => format!("{city}, {district}"),
            1 => format!("SF {short}"),
            2 => format!("{city}s stad – {district}"),
            _ => district.to_owned(),
        };
    }
    match i % 3 {
        0 => format!("{city} – {district}"),
        1 => format!("{district} stadsdelsområde"),
        _ => format!("{city}s stad – {district}"),
    }
}

fn unit_rows(years: &[u16], options: &OjOptions) -> Vec<RowSpec> {
    let reference = Reference::get();
    let selected = |kod: &str| {
        options
            .kommuner
            .as_ref()
            .is_none_or(|list| list.iter().any(|k| k == kod))
    };
    let kommuner: Vec<_> = reference
        .kommuner
        .iter()
        .filter(|k| selected(&k.kod))
        .collect();
    let (first, last) = (
        years.first().copied().unwrap_or(0),
        years.last().copied().unwrap_or(0),
    );
    // The Län sorting column holds a key on every row, riket's "Riket" too: it matches as many
    // rows as the Kommun column does, and only its distinct labels tell them apart.
    let mut rows = vec![RowSpec {
        label: "Riket".into(),
        code_cell: None,
        kind: UnitKind::Riket,
        code: Some("00".into()),
        name: "Riket".into(),
        parent: None,
        attributes: vec![(ATTR_LAN.to_owned(), "Riket".to_owned())],
        cells: Vec::new(),
    }];
    for lan in &reference.lan {
        if !kommuner.iter().any(|k| k.lanskod == lan.kod) {
            continue;
        }
        // A sorting column repeats its key on every row, the län's own row included.
        rows.push(RowSpec {
            label: lan.namn.clone(),
            code_cell: Some(lan.kod.clone()),
            kind: UnitKind::Lan,
            code: Some(lan.kod.clone()),
            name: lan.namn.clone(),
            parent: Some("00".into()),
            attributes: vec![(ATTR_LAN.to_owned(), lan.namn.clone())],
            cells: Vec::new(),
        });
    }
    for kommun in kommuner {
        let attributes = vec![
            (ATTR_LAN.to_owned(), kommun.lan.clone()),
            (
                ATTR_KOMMUNGRUPP_2023.to_owned(),
                kommun.skr_2023_namn.clone(),
            ),
        ];
        // Every district that reported in one of the years, in the reference's order.
        let districts: Vec<_> = if STORSTADER.contains(&kommun.kod.as_str()) {
            reference
                .stadsdelar_of(&kommun.kod)
                .filter(|s| s.fran_ar <= last && s.till_ar.is_none_or(|till| first <= till))
                .collect()
        } else {
            Vec::new()
        };
        rows.push(RowSpec {
            label: kommun.namn.clone(),
            code_cell: Some(kommun.kod.clone()),
            kind: if districts.is_empty() {
                UnitKind::Kommun
            } else {
                UnitKind::Storstad
            },
            code: Some(kommun.kod.clone()),
            name: kommun.namn.clone(),
            parent: Some(kommun.lanskod.clone()),
            attributes: attributes.clone(),
            cells: Vec::new(),
        });
        for (i, district) in districts.into_iter().enumerate() {
            rows.push(RowSpec {
                label: district_label(&kommun.namn, &district.namn, i),
                code_cell: None,
                kind: UnitKind::Stadsdel,
                code: Some(format!("{}:{}", kommun.kod, district.namn)),
                name: district.namn.clone(),
                parent: Some(kommun.kod.clone()),
                attributes: attributes.clone(),
                cells: Vec::new(),
            });
        }
    }
    rows
}

/// Whether a row reported in `year`: a district only within its years in the reference.
fn exists(row: &RowSpec, year: u16) -> bool {
    if row.kind != UnitKind::Stadsdel {
        return true;
    }
    let Some((city, name)) = row.code.as_deref().and_then(|c| c.split_once(':')) else {
        return false;
    };
    Reference::get()
        .stadsdelar_of(city)
        .any(|s| s.namn == name && s.fran_ar <= year && s.till_ar.is_none_or(|t| year <= t))
}

// ---------------------------------------------------------------------------------------------
// Answers

/// The example table: ekonomiskt bistånd over `years` (oldest first) for the units of `options`,
/// with Tyresö's answers of [`TYRESO_YEARS`] when Tyresö is among them and `years` are 2022–2024.
pub fn years_table(years: &[u16], seed: u64, options: &OjOptions) -> YearsSpec {
    let first = years.first().copied().unwrap_or(2022);
    let last = years.last().copied().unwrap_or(first);
    let area = Area::EkonomisktBistand;
    let area_label = area.name().to_owned();
    let mut spec = YearsSpec {
        area,
        area_label: area_label.clone(),
        title: if first == last {
            format!(
                "Öppna jämförelser {last} – {area_label}, resultat {last} (FIKTIVA EXEMPELDATA)"
            )
        } else {
            format!(
                "Öppna jämförelser {last} – {area_label}, resultat {first}–{last} (FIKTIVA EXEMPELDATA)"
            )
        },
        years: years.to_vec(),
        indicators: catalogue(first),
        rows: unit_rows(years, options),
        values: Vec::new(),
    };
    for &year in years {
        let cells = spec
            .rows
            .iter()
            .map(|row| {
                if !row.is_answering() || !exists(row, year) {
                    vec![CellSpec::Empty; spec.indicators.len()]
                } else {
                    answers(
                        &spec.indicators,
                        row,
                        year,
                        seed,
                        !options.canonical_text_only,
                    )
                }
            })
            .collect();
        spec.values.push(YearValues { year, cells });
    }
    set_tyreso(&mut spec);
    for &year in years {
        recompute_year(&mut spec, year);
    }
    spec
}

fn answers(
    indicators: &[ModelIndicator],
    row: &RowSpec,
    year: u16,
    seed: u64,
    odd: bool,
) -> Vec<CellSpec> {
    let seed_text = seed.to_string();
    let code = row.code.clone().unwrap_or_default();
    let year_text = year.to_string();
    let mut rng = Rng::new(mix(&["modell-2023", &seed_text, &year_text, &code]));
    let level = {
        let mut r = Rng::new(mix(&["modell-2023", &seed_text, &code]));
        0.3 + 0.5 * r.unit() + 0.03 * (f64::from(year) - 2022.0)
    };
    // About 2 % of the units did not answer (bortfall, written "-"), never Tyresö.
    let bortfall = code != super::TYRESO && rng.unit() < 0.02;
    indicators
        .iter()
        .map(|ind| {
            if !ind.measured_in(year) {
                return CellSpec::Empty;
            }
            if bortfall {
                return CellSpec::Text("-".into());
            }
            if !ind.is_categorical() {
                let r = rng.unit();
                if r < 0.02 {
                    return CellSpec::Text("..".into());
                }
                let (lo, hi, decimals) = value_range(&ind.code);
                let scale = 10f64.powi(decimals);
                let v = lo + (hi - lo) * rng.unit();
                return CellSpec::Number((v * scale).round() / scale);
            }
            let difficulty = {
                let mut r = Rng::new(mix(&["modell-2023", &seed_text, &ind.code]));
                0.6 * r.unit() - 0.3
            };
            let p_ja = (level + difficulty).clamp(0.05, 0.95);
            let r = rng.unit();
            let canonical = if r < 0.03 {
                "Ej aktuellt"
            } else if r < 0.04 {
                "Kan inte svara"
            } else {
                let s = rng.unit();
                if s < p_ja {
                    "Ja"
                } else if ind.delvis && s < p_ja + (1.0 - p_ja) * 0.4 {
                    "Delvis"
                } else {
                    "Nej"
                }
            };
            if odd && rng.unit() < 0.004 {
                CellSpec::Text(format!("{} ", canonical.to_lowercase()))
            } else {
                CellSpec::Text(canonical.to_owned())
            }
        })
        .collect()
}

/// Sets Tyresö's cells from [`TYRESO_YEARS`] for the years 2022–2024 the table has.
fn set_tyreso(spec: &mut YearsSpec) {
    let Some(r) = spec.row_index(super::TYRESO) else {
        return;
    };
    let columns: Vec<(usize, [&str; 3])> = TYRESO_YEARS
        .iter()
        .filter_map(|(code, cells)| Some((spec.indicator_index(code)?, *cells)))
        .collect();
    for values in &mut spec.values {
        let Some(k) = EXAMPLE_YEARS.iter().position(|y| *y == values.year) else {
            continue;
        };
        let Some(row) = values.cells.get_mut(r) else {
            continue;
        };
        for (i, cells) in &columns {
            let text = cells.get(k).copied().unwrap_or_default();
            let cell = if text.is_empty() {
                CellSpec::Empty
            } else if let Ok(n) = text.parse::<f64>() {
                CellSpec::Number(n)
            } else {
                CellSpec::Text(text.to_owned())
            };
            if let Some(slot) = row.get_mut(*i) {
                *slot = cell;
            }
        }
    }
}

/// Rewrites the aggregate rows of `year` from the answering rows present that year
/// (categorical: share with Ja as in [`aggregate_cell`]; numeric: the mean to one decimal).
fn recompute_year(spec: &mut YearsSpec, year: u16) {
    let mut updates = Vec::new();
    let Some(values) = spec.year_values(year) else {
        return;
    };
    for (r, row) in spec.rows.iter().enumerate() {
        if !row.kind.is_aggregate() {
            continue;
        }
        let members = spec.members(row, year);
        let cells: Vec<CellSpec> = spec
            .indicators
            .iter()
            .enumerate()
            .map(|(i, ind)| {
                if !ind.measured_in(year) {
                    return CellSpec::Empty;
                }
                let member_cells = members
                    .iter()
                    .filter_map(|m| values.cells.get(*m).and_then(|c| c.get(i)));
                if ind.is_categorical() {
                    let mut counts = OutcomeCounts::default();
                    for c in member_cells {
                        counts.add(c.outcome());
                    }
                    aggregate_cell(&counts)
                } else {
                    let numbers: Vec<f64> = member_cells
                        .filter_map(|c| match c {
                            CellSpec::Number(n) => Some(*n),
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
            .collect();
        updates.push((r, cells));
    }
    if let Some(values) = spec.values.iter_mut().find(|v| v.year == year) {
        for (r, cells) in updates {
            if let Some(slot) = values.cells.get_mut(r) {
                *slot = cells;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exempel::spec::percent_half_up;
    use crate::exempel::FIXTURE_KOMMUNER;

    fn fixture() -> YearsSpec {
        let options = OjOptions {
            kommuner: Some(FIXTURE_KOMMUNER.iter().map(|s| (*s).to_owned()).collect()),
            canonical_text_only: false,
        };
        years_table(&EXAMPLE_YEARS, 2024, &options)
    }

    #[test]
    fn tyreso_gives_the_hand_worked_fractions() {
        let spec = fixture();
        let frac = |year, d| {
            let c = spec.fulfilment(year, "0138", d);
            (c.ja, c.answered())
        };
        use QualityDimension as D;
        assert_eq!(frac(2022, Some(D::Kunskapsbaserad)), (1, 3));
        assert_eq!(frac(2022, Some(D::Individanpassad)), (1, 2));
        assert_eq!(frac(2022, Some(D::Jamlik)), (0, 1));
        assert_eq!(frac(2022, None), (5, 10));
        assert_eq!(frac(2023, Some(D::Tillganglig)), (0, 0));
        assert_eq!(spec.fulfilment(2023, "0138", None).ej_aktuellt, 1);
        assert_eq!(frac(2023, None), (7, 10));
        assert_eq!(frac(2024, Some(D::Effektiv)), (0, 1));
        assert_eq!(frac(2024, None), (9, 11));
        assert_eq!(percent_half_up(9, 11), Some(82));
        assert_eq!(spec.fulfilment(2024, "0138", None).delvis, 1);
    }

    #[test]
    fn districts_follow_their_years_and_indicators_their_first_year() {
        let spec = fixture();
        let row = |code: &str| spec.row_index(code).unwrap();
        assert!(spec.present(row("0180:Rinkeby-Kista"), 2023));
        assert!(!spec.present(row("0180:Rinkeby-Kista"), 2024));
        assert!(spec.present(row("0180:Järva"), 2024));
        assert!(!spec.present(row("0180:Järva"), 2022));
        assert!(spec.present(row("1480:Socialförvaltning Nordost"), 2022));
        let districts = |year| {
            spec.rows
                .iter()
                .enumerate()
                .filter(|(i, r)| r.kind == UnitKind::Stadsdel && spec.present(*i, year))
                .count()
        };
        assert_eq!((districts(2022), districts(2024)), (13 + 4, 11 + 4));
        let labels: Vec<&str> = spec.rows.iter().map(|r| r.label.as_str()).collect();
        for label in [
            "Stockholm – Rinkeby-Kista",
            "Spånga-Tensta stadsdelsområde",
            "Göteborg, Socialförvaltning Nordost",
            "SF Centrum",
        ] {
            assert!(labels.contains(&label), "{label}: {labels:?}");
        }
        let tolk = spec.indicator_index("EB10").unwrap();
        assert_eq!(spec.measured(2022).len(), 14);
        assert!(!spec.measured(2022).contains(&tolk));
        assert!(spec.values[0]
            .cells
            .iter()
            .all(|r| r[tolk] == CellSpec::Empty));
        // Riket's share is recomputed from the units present that year.
        let riket = spec.row_index("00").unwrap();
        assert!(matches!(
            spec.values[2].cells[riket][tolk],
            CellSpec::Number(_)
        ));
    }
}
