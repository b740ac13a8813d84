//! Plain data types of the domain (DESIGN §2): datasets of units × indicators with their outcomes.
//!
//! Everything here is inert data with serde: ingest produces it, score/compare/report read it,
//! the UI and the CLI show it. No I/O, no parsing of files, no web types.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// Where a value came from in its workbook: what "every figure traceable to its cells" points at.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub struct CellRef {
    /// 0-based row, absolute in the sheet (row 0 is Excel's row 1).
    pub row: u32,
    /// 0-based column, absolute in the sheet (column 0 is Excel's column A).
    pub col: u32,
}

impl CellRef {
    pub fn new(row: u32, col: u32) -> CellRef {
        CellRef { row, col }
    }

    /// The reference as Excel writes it: `A1`, `AB12`.
    pub fn a1(&self) -> String {
        format!("{}{}", column_letters(self.col), u64::from(self.row) + 1)
    }
}

impl fmt::Display for CellRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.a1())
    }
}

/// Excel's column letters for a 0-based column index (0 → `A`, 26 → `AA`).
pub fn column_letters(col: u32) -> String {
    let mut n = u64::from(col) + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        letters.push(b'A' + rem);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// A categorical answer of one unit to one indicator (DESIGN §2 "Utfall").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Outcome {
    Ja,
    Delvis,
    Nej,
    EjAktuellt,
    KanInteSvara,
}

impl Outcome {
    pub const ALL: [Outcome; 5] = [
        Outcome::Ja,
        Outcome::Delvis,
        Outcome::Nej,
        Outcome::EjAktuellt,
        Outcome::KanInteSvara,
    ];

    /// The label as Socialstyrelsen writes it.
    pub fn label(self) -> &'static str {
        match self {
            Outcome::Ja => "Ja",
            Outcome::Delvis => "Delvis",
            Outcome::Nej => "Nej",
            Outcome::EjAktuellt => "Ej aktuellt",
            Outcome::KanInteSvara => "Kan inte svara",
        }
    }

    /// Whether the outcome belongs in a fulfilment denominator (Ja, Delvis, Nej; DESIGN §3).
    pub fn is_answer(self) -> bool {
        matches!(self, Outcome::Ja | Outcome::Delvis | Outcome::Nej)
    }
}

/// Why a cell holds no usable value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Absence {
    /// Bortfall: the unit did not answer (empty cell, "-", "x").
    Bortfall,
    /// Suppressed for confidentiality ("..", sekretess).
    Sekretess,
    /// Not applicable to this unit (".").
    EjTillampligt,
}

impl Absence {
    pub fn label(self) -> &'static str {
        match self {
            Absence::Bortfall => "saknar svar",
            Absence::Sekretess => "sekretess",
            Absence::EjTillampligt => "ej tillämpligt",
        }
    }
}

/// One cell's content after normalisation (DESIGN §2).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Value {
    Outcome(Outcome),
    /// A number: a kommun's numeric result, or a share (0–100) on an aggregate row.
    Number(f64),
    Absent(Absence),
    /// A formula error such as `#N/A`, kept as written.
    Error(String),
    /// Text that is none of the above, kept as written and reported in warnings.
    Text(String),
}

impl Value {
    pub fn outcome(&self) -> Option<Outcome> {
        match self {
            Value::Outcome(o) => Some(*o),
            _ => None,
        }
    }

    pub fn number(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(*n),
            _ => None,
        }
    }
}

/// One value of one unit for one indicator (and one combination of extra dimensions), with
/// the cell it was read from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Observation {
    /// Index into [`Dataset::units`].
    pub unit: u32,
    /// Index into [`Dataset::indicators`].
    pub indicator: u32,
    /// Index into each of [`Dataset::dimensions`]' values, in the same order; empty for ÖJ tables.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dims: Vec<u32>,
    pub value: Value,
    /// Where in the sheet the value was read.
    pub cell: CellRef,
    /// The cell's text as written, when it differs from how `value` prints (e.g. `"ja "`, `"63 %"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raw: Option<String>,
}

/// Socialstyrelsen's service areas (DESIGN §2 "Verksamhetsområde").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Area {
    EkonomisktBistand,
    Missbruk,
    BarnOchUnga,
    ValdINaraRelationer,
    Hemloshet,
    Lss,
    Socialpsykiatri,
    Aldreomsorg,
    Krisberedskap,
    Familjeratt,
}

impl Area {
    pub const ALL: [Area; 10] = [
        Area::EkonomisktBistand,
        Area::Missbruk,
        Area::BarnOchUnga,
        Area::ValdINaraRelationer,
        Area::Hemloshet,
        Area::Lss,
        Area::Socialpsykiatri,
        Area::Aldreomsorg,
        Area::Krisberedskap,
        Area::Familjeratt,
    ];

    /// The canonical Swedish name.
    pub fn name(self) -> &'static str {
        match self {
            Area::EkonomisktBistand => "Ekonomiskt bistånd",
            Area::Missbruk => "Missbruks- och beroendevård",
            Area::BarnOchUnga => "Social barn- och ungdomsvård",
            Area::ValdINaraRelationer => "Våld i nära relationer",
            Area::Hemloshet => "Hemlöshet och utestängning från bostadsmarknaden",
            Area::Lss => "Stöd till personer med funktionsnedsättning – LSS",
            Area::Socialpsykiatri => "Socialpsykiatri",
            Area::Aldreomsorg => "Äldreomsorg",
            Area::Krisberedskap => "Socialtjänstens krisberedskap",
            Area::Familjeratt => "Familjerätt",
        }
    }

    /// A short, stable key for URLs and settings (`ekonomiskt-bistand`).
    pub fn key(self) -> &'static str {
        match self {
            Area::EkonomisktBistand => "ekonomiskt-bistand",
            Area::Missbruk => "missbruk",
            Area::BarnOchUnga => "barn-och-unga",
            Area::ValdINaraRelationer => "vald-i-nara-relationer",
            Area::Hemloshet => "hemloshet",
            Area::Lss => "lss",
            Area::Socialpsykiatri => "socialpsykiatri",
            Area::Aldreomsorg => "aldreomsorg",
            Area::Krisberedskap => "krisberedskap",
            Area::Familjeratt => "familjeratt",
        }
    }

    pub fn from_key(key: &str) -> Option<Area> {
        Area::ALL.into_iter().find(|a| a.key() == key)
    }
}

/// The six quality areas of ÖJ for the social services (DESIGN §2 "Kvalitetsområde").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum QualityArea {
    Kunskapsbaserad,
    Sjalvbestammande,
    Helhetssyn,
    TrygghetSakerhet,
    Tillganglighet,
    Effektivitet,
}

impl QualityArea {
    /// In the order the committee reports print them.
    pub const ALL: [QualityArea; 6] = [
        QualityArea::Kunskapsbaserad,
        QualityArea::Sjalvbestammande,
        QualityArea::Helhetssyn,
        QualityArea::TrygghetSakerhet,
        QualityArea::Tillganglighet,
        QualityArea::Effektivitet,
    ];

    pub fn name(self) -> &'static str {
        match self {
            QualityArea::Kunskapsbaserad => "Kunskapsbaserad verksamhet",
            QualityArea::Sjalvbestammande => "Självbestämmande och integritet",
            QualityArea::Helhetssyn => "Helhetssyn och samordning",
            QualityArea::TrygghetSakerhet => "Trygghet och säkerhet",
            QualityArea::Tillganglighet => "Tillgänglighet",
            QualityArea::Effektivitet => "Effektivitet",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            QualityArea::Kunskapsbaserad => "kunskapsbaserad",
            QualityArea::Sjalvbestammande => "sjalvbestammande",
            QualityArea::Helhetssyn => "helhetssyn",
            QualityArea::TrygghetSakerhet => "trygghet",
            QualityArea::Tillganglighet => "tillganglighet",
            QualityArea::Effektivitet => "effektivitet",
        }
    }

    pub fn from_key(key: &str) -> Option<QualityArea> {
        QualityArea::ALL.into_iter().find(|q| q.key() == key)
    }
}

/// The six kvalitetsdimensioner of ÖJ's model of 2023– (DESIGN §2 "Kvalitetsdimension").
///
/// A file that groups its indicators by dimension is reported by dimension, in the file's own
/// wording and order; dimensions are never forced into the old [`QualityArea`]s.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum QualityDimension {
    Kunskapsbaserad,
    Saker,
    Individanpassad,
    Effektiv,
    Jamlik,
    Tillganglig,
}

impl QualityDimension {
    /// In the order Socialstyrelsen lists them.
    pub const ALL: [QualityDimension; 6] = [
        QualityDimension::Kunskapsbaserad,
        QualityDimension::Saker,
        QualityDimension::Individanpassad,
        QualityDimension::Effektiv,
        QualityDimension::Jamlik,
        QualityDimension::Tillganglig,
    ];

    /// The dimension's short name ("Säker"); files may write more ("Säker vård och omsorg").
    pub fn name(self) -> &'static str {
        match self {
            QualityDimension::Kunskapsbaserad => "Kunskapsbaserad",
            QualityDimension::Saker => "Säker",
            QualityDimension::Individanpassad => "Individanpassad",
            QualityDimension::Effektiv => "Effektiv",
            QualityDimension::Jamlik => "Jämlik",
            QualityDimension::Tillganglig => "Tillgänglig",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            QualityDimension::Kunskapsbaserad => "dimension-kunskapsbaserad",
            QualityDimension::Saker => "dimension-saker",
            QualityDimension::Individanpassad => "dimension-individanpassad",
            QualityDimension::Effektiv => "dimension-effektiv",
            QualityDimension::Jamlik => "dimension-jamlik",
            QualityDimension::Tillganglig => "dimension-tillganglig",
        }
    }

    pub fn from_key(key: &str) -> Option<QualityDimension> {
        QualityDimension::ALL.into_iter().find(|d| d.key() == key)
    }
}

/// An indicator's quality grouping as the file labels it, and what it maps to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QualityLabel {
    /// The label as written ("Kunskapsbaserad verksamhet", "Individanpassad", "Säker vård och omsorg").
    pub label: String,
    /// The quality area it maps to one-to-one; `None` when it does not (e.g. "Individanpassad",
    /// which covers two quality areas: the user is asked, not guessed for), and for dimensions.
    pub area: Option<QualityArea>,
    /// The kvalitetsdimension, when the file groups by the dimensions of the model of 2023–;
    /// then `area` is `None` and the label is shown as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dimension: Option<QualityDimension>,
}

/// Which way is better for a numeric indicator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Direction {
    HigherIsBetter,
    LowerIsBetter,
}

/// What kind of values an indicator holds.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub enum IndicatorKind {
    /// Ja / Delvis / Nej / Ej aktuellt / Kan inte svara on unit rows; shares on aggregate rows.
    #[default]
    Categorical,
    /// A number: a share, a count, days.
    Numeric {
        /// Known from the file or metadata; `None` when it did not say (the user can set it).
        direction: Option<Direction>,
        /// The unit of measure when the file names it ("procent", "dagar", "per 100 000 invånare").
        #[serde(default, skip_serializing_if = "Option::is_none")]
        measure: Option<String>,
    },
}

/// What an indicator is in ÖJ's model of 2023– (DESIGN §2, OJ-FORMATS.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum IndicatorCategory {
    /// Counted as fulfilled or not against its target value.
    Kvalitetsindikator,
    /// A number to compare, never counted in a fraction.
    Valfardsindikator,
    /// A number to compare, never counted in a fraction.
    Nyckeltal,
}

impl IndicatorCategory {
    pub fn label(self) -> &'static str {
        match self {
            IndicatorCategory::Kvalitetsindikator => "kvalitetsindikator",
            IndicatorCategory::Valfardsindikator => "välfärdsindikator",
            IndicatorCategory::Nyckeltal => "nyckeltal",
        }
    }
}

/// Whether an indicator measures structure, process or result (DESIGN §2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum IndicatorType {
    Struktur,
    Process,
    Resultat,
}

impl IndicatorType {
    pub fn label(self) -> &'static str {
        match self {
            IndicatorType::Struktur => "struktur",
            IndicatorType::Process => "process",
            IndicatorType::Resultat => "resultat",
        }
    }
}

/// What a description sheet ("Indikatorbeskrivningar") says of an indicator: its description
/// text and every other column of its row (code, type, mätperiod, källa …), as written.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Definition {
    /// The description ("Beskrivning", "Definition"), when the sheet has one for it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The row's other columns, header → text, in the sheet's order (empty cells left out).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<(String, String)>,
    /// The file and the sheet it was read from (another year's file when this one has none).
    pub file: String,
    pub sheet: String,
}

impl Definition {
    /// The text, or what the page and the exports say when there is none.
    pub fn text_or_none(definition: Option<&Definition>) -> &str {
        definition
            .and_then(|d| d.text.as_deref())
            .unwrap_or(NO_DEFINITION)
    }
}

/// Said where no loaded file describes an indicator.
pub const NO_DEFINITION: &str = "Ingen beskrivning i de inlästa filerna";

/// One indicator: one column of a wide ÖJ table (DESIGN §2 "Indikator").
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Indicator {
    /// The name as written in the header (whitespace folded).
    pub name: String,
    /// Socialstyrelsen's code or question number when the file gives one ("E1", "G2:3").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quality: Option<QualityLabel>,
    /// Indikatorområde, e.g. "Systematisk uppföljning för att utveckla verksamheten".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indicator_area: Option<String>,
    pub kind: IndicatorKind,
    /// The header cell the name was read from.
    pub cell: CellRef,
    /// Kvalitetsindikator, välfärdsindikator or nyckeltal, when the file says (model of 2023–);
    /// `None` in the files of the seed era, whose categorical indicators all count.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<IndicatorCategory>,
    /// Struktur, process or resultat, when the file says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indicator_type: Option<IndicatorType>,
    /// The target value (målvärde) as written, when the file gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// The measurement period (mätperiod) as written, when the file gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    /// The file's note on comparability with earlier years ("24 månader (tidigare 12)").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comparability: Option<String>,
    /// What the file's description sheet says of it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub definition: Option<Definition>,
}

impl Indicator {
    /// The key that matches the same indicator across years and files: the code when there is
    /// one, else the normalised name.
    pub fn match_key(&self) -> String {
        match &self.code {
            Some(code) if !code.trim().is_empty() => format!("kod:{}", normalize_label(code)),
            _ => normalize_label(&self.name),
        }
    }

    pub fn is_categorical(&self) -> bool {
        matches!(self.kind, IndicatorKind::Categorical)
    }

    /// Whether the indicator is counted in fulfilment fractions (DESIGN §3): categorical, and a
    /// kvalitetsindikator when the file names categories (välfärdsindikatorer and nyckeltal are
    /// numbers to compare, never counted).
    pub fn counts_in_fulfilment(&self) -> bool {
        self.is_categorical()
            && self
                .category
                .is_none_or(|c| c == IndicatorCategory::Kvalitetsindikator)
    }
}

/// What a row (or column) of a table stands for (DESIGN §2 "Enhet").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum UnitKind {
    Kommun,
    /// A city district of Stockholm, Göteborg or Malmö.
    Stadsdel,
    /// Stockholm, Göteborg or Malmö as an aggregate of its stadsdelar (shares, not answers).
    Storstad,
    Lan,
    Riket,
    /// A service unit or provider (e.g. one hemtjänst provider), with its kommun as parent.
    Enhet,
    /// A row that could not be placed; kept and reported.
    Okand,
}

impl UnitKind {
    /// Aggregate rows hold shares of the kommuner beneath them, not answers of their own.
    pub fn is_aggregate(self) -> bool {
        matches!(self, UnitKind::Storstad | UnitKind::Lan | UnitKind::Riket)
    }

    pub fn label(self) -> &'static str {
        match self {
            UnitKind::Kommun => "kommun",
            UnitKind::Stadsdel => "stadsdel",
            UnitKind::Storstad => "storstad",
            UnitKind::Lan => "län",
            UnitKind::Riket => "riket",
            UnitKind::Enhet => "enhet",
            UnitKind::Okand => "okänd",
        }
    }
}

/// One unit of a dataset: a kommun, stadsdel, län, riket or service unit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Unit {
    pub kind: UnitKind,
    /// The canonical code: kommunkod (4 digits, "0138"), länskod (2 digits, "01"), "00" for
    /// riket; for a stadsdel its city's kommunkod followed by the district name
    /// ("0180:Rinkeby-Kista"). `None` for units that could not be placed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The canonical name ("Tyresö", "Stockholms län", "Riket", "Rinkeby-Kista").
    pub name: String,
    /// The label as written in the file.
    pub label: String,
    /// The enclosing unit's code: a kommun's län, a stadsdel's or enhet's kommun.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// The file's own grouping columns for this unit ("Län", "Kommungrupp" …): header → value.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, String>,
    /// The cell that names the unit.
    pub cell: CellRef,
}

/// How a table was laid out in its sheet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Layout {
    /// Units in rows, indicators in columns.
    Wide,
    /// Indicators in rows, units in columns.
    Transposed,
    /// One value per row, with unit, indicator and other dimension columns.
    Long,
}

impl Layout {
    pub fn label(self) -> &'static str {
        match self {
            Layout::Wide => "bred (enheter i rader)",
            Layout::Transposed => "transponerad (enheter i kolumner)",
            Layout::Long => "lång (ett värde per rad)",
        }
    }
}

/// Why ingest believes something (an area, a year): the place and the text it saw.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// Where: "filnamn", "bladnamn", "rubrik A2", "användarens rättelse".
    pub source: String,
    /// The text that was matched.
    pub text: String,
}

/// A value together with how it was found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Found<T> {
    pub value: T,
    pub evidence: Evidence,
}

/// The service area of a dataset as found, with the label as written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AreaLabel {
    pub label: String,
    /// The canonical area; `None` when the label matched none.
    pub area: Option<Area>,
}

/// An extra dimension of a table beyond unit × indicator (Kön, Ålder, Månad …).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dimension {
    pub name: String,
    pub values: Vec<String>,
}

/// One table read from one sheet: units × indicators (× extra dimensions), with provenance.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Dataset {
    /// The file name the table came from.
    pub file: String,
    /// The sheet name.
    pub sheet: String,
    /// The table's title as written ("Tabell 2. Personer med …", "Öppna jämförelser 2020 …").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub layout: Layout,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<Found<AreaLabel>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<Found<u16>>,
    pub units: Vec<Unit>,
    pub indicators: Vec<Indicator>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dimensions: Vec<Dimension>,
    /// Sorted by (unit, indicator, dims); at most one per key.
    pub observations: Vec<Observation>,
}

impl Dataset {
    /// The canonical area, when known.
    pub fn area(&self) -> Option<Area> {
        self.area.as_ref().and_then(|a| a.value.area)
    }

    pub fn year(&self) -> Option<u16> {
        self.year.as_ref().map(|y| y.value)
    }

    /// The observation of `unit` for `indicator` without extra dimensions.
    pub fn observation(&self, unit: usize, indicator: usize) -> Option<&Observation> {
        let key = (unit as u32, indicator as u32);
        self.observations
            .binary_search_by(|o| {
                (o.unit, o.indicator)
                    .cmp(&key)
                    .then_with(|| o.dims.len().cmp(&0))
            })
            .ok()
            .and_then(|i| self.observations.get(i))
    }

    /// The value of `unit` for `indicator`, or `None` when the table has no such cell.
    pub fn value(&self, unit: usize, indicator: usize) -> Option<&Value> {
        self.observation(unit, indicator).map(|o| &o.value)
    }

    /// Restores the ordering invariant of `observations` after they were built out of order.
    pub fn sort_observations(&mut self) {
        self.observations
            .sort_by(|a, b| (a.unit, a.indicator, &a.dims).cmp(&(b.unit, b.indicator, &b.dims)));
    }
}

/// Folds a label for matching: lower case, whitespace runs (NBSP and other odd spaces
/// included) to one space, dashes to `-`, trimmed.
pub fn normalize_label(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for ch in text.chars() {
        let ch = match ch {
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            c => c,
        };
        if ch.is_whitespace() || ch == '\u{00a0}' || ch == '\u{200b}' {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.extend(ch.to_lowercase());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_refs_print_as_excel_does() {
        assert_eq!(CellRef::new(0, 0).a1(), "A1");
        assert_eq!(CellRef::new(11, 27).a1(), "AB12");
        assert_eq!(CellRef::new(1_048_575, 16_383).a1(), "XFD1048576");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }

    #[test]
    fn labels_fold_case_and_odd_spaces() {
        assert_eq!(normalize_label("  JA\u{00a0} "), "ja");
        assert_eq!(normalize_label("Kan\tinte  svara"), "kan inte svara");
        assert_eq!(
            normalize_label("Stockholm \u{2013} Rinkeby"),
            "stockholm - rinkeby"
        );
    }

    #[test]
    fn observation_lookup_finds_by_unit_and_indicator() {
        let obs = |unit, indicator, value| Observation {
            unit,
            indicator,
            dims: vec![],
            value,
            cell: CellRef::default(),
            raw: None,
        };
        let mut dataset = Dataset {
            file: "f.xlsx".into(),
            sheet: "Blad1".into(),
            title: None,
            layout: Layout::Wide,
            area: None,
            year: None,
            units: vec![],
            indicators: vec![],
            dimensions: vec![],
            observations: vec![
                obs(1, 0, Value::Outcome(Outcome::Nej)),
                obs(0, 1, Value::Outcome(Outcome::Delvis)),
                obs(0, 0, Value::Outcome(Outcome::Ja)),
            ],
        };
        dataset.sort_observations();
        assert_eq!(dataset.value(0, 0), Some(&Value::Outcome(Outcome::Ja)));
        assert_eq!(dataset.value(0, 1), Some(&Value::Outcome(Outcome::Delvis)));
        assert_eq!(dataset.value(1, 0), Some(&Value::Outcome(Outcome::Nej)));
        assert_eq!(dataset.value(1, 1), None);
    }
}
