//! The truth a generated workbook is written from: one ÖJ table as plain serde data.
//!
//! A [`TableSpec`] says exactly what every cell of a generated file holds, so tests can read a
//! file back with `ingest` and compare with the spec, without re-deriving anything. The helpers
//! here ([`CellSpec::expected_value`], [`RowSpec::expected_unit_kind`], [`TableSpec::tally`],
//! [`TableSpec::recomputed_share`]) state the expected reading in the model's own terms.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::model::{
    normalize_label, Absence, Area, CellRef, IndicatorKind, Outcome, QualityArea, Unit, UnitKind,
    Value,
};

/// One table of one ÖJ workbook: an area, a year, its indicators (columns) and units (rows).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TableSpec {
    pub area: Area,
    /// The area as the file writes it ("Missbruks- och beroendevården").
    pub area_label: String,
    pub year: u16,
    /// The title row, e.g. "Öppna jämförelser 2020 – Ekonomiskt bistånd (FIKTIVA EXEMPELDATA)".
    pub title: String,
    /// In column order; indicators of one quality area (and one indicator area) are adjacent.
    pub indicators: Vec<IndicatorSpec>,
    /// In row order.
    pub rows: Vec<RowSpec>,
}

/// One indicator (one column of the wide table).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IndicatorSpec {
    /// The name as written in the header.
    pub name: String,
    /// A stable code, the same for the same indicator in every year (also when renamed). Only
    /// the `Long` shape and the description sheet of `WideWithDescriptions` write it into the
    /// file; the other shapes carry names only.
    pub code: Option<String>,
    /// The quality area as written ("Kunskapsbaserad verksamhet").
    pub quality: String,
    /// The indicator area as written; `None` when the indicator has none.
    pub indicator_area: Option<String>,
    pub kind: IndicatorKind,
}

impl IndicatorSpec {
    /// The quality area the label maps to one-to-one, if any.
    pub fn quality_area(&self) -> Option<QualityArea> {
        quality_area_of_label(&self.quality)
    }

    pub fn is_categorical(&self) -> bool {
        matches!(self.kind, IndicatorKind::Categorical)
    }
}

/// The quality area a label names (classic labels and the 2013 dimensions that map
/// one-to-one); `None` for anything else, e.g. "Individanpassad".
pub fn quality_area_of_label(label: &str) -> Option<QualityArea> {
    let folded = normalize_label(label);
    QualityArea::ALL
        .into_iter()
        .find(|q| normalize_label(q.name()) == folded)
}

/// One row of the table: a kommun, stadsdel, storstad, län or riket.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RowSpec {
    /// The label as written in the file's unit column ("Tyresö", "Stockholm - Rinkeby-Kista").
    pub label: String,
    /// The text of the file's code column ("0138", "01"); `None` when that cell is empty.
    pub code_cell: Option<String>,
    pub kind: UnitKind,
    /// The canonical code as `model::Unit::code` has it ("0138", "01", "00", "0180:Rinkeby-Kista").
    pub code: Option<String>,
    /// The canonical name as `model::Unit::name` has it ("Tyresö", "Rinkeby-Kista", "Riket").
    pub name: String,
    /// The enclosing unit's code as `model::Unit::parent` has it (a kommun's län, a stadsdel's city).
    pub parent: Option<String>,
    /// The grouping columns of the wide shapes, header → value ("Län" → "Stockholms län").
    pub attributes: Vec<(String, String)>,
    /// One cell per indicator, in the order of [`TableSpec::indicators`].
    pub cells: Vec<CellSpec>,
}

impl RowSpec {
    /// What ingest should classify this row as.
    pub fn expected_unit_kind(&self) -> UnitKind {
        self.kind
    }

    /// The unit ingest should produce for this row, with the cell that names it (see
    /// `write::TablePlacement::unit_cell`). `attributes` holds the grouping columns, which
    /// only the wide shapes write.
    pub fn expected_unit(&self, cell: CellRef) -> Unit {
        Unit {
            kind: self.kind,
            code: self.code.clone(),
            name: self.name.clone(),
            label: self.label.clone(),
            parent: self.parent.clone(),
            attributes: self.attributes.iter().cloned().collect::<BTreeMap<_, _>>(),
            cell,
        }
    }

    /// The value of one grouping column, by header.
    pub fn attribute(&self, header: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(h, _)| h == header)
            .map(|(_, v)| v.as_str())
    }

    /// Whether the row holds answers (kommun, stadsdel) rather than shares.
    pub fn is_answering(&self) -> bool {
        matches!(self.kind, UnitKind::Kommun | UnitKind::Stadsdel)
    }
}

/// One cell as written.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum CellSpec {
    /// Text as written: "Ja", "Delvis", "Nej", "Ej aktuellt", "Kan inte svara", "-", "..",
    /// and on a few cells odd spellings ("ja ", "JA", "Nej\u{a0}").
    Text(String),
    Number(f64),
    Empty,
}

impl CellSpec {
    /// The outcome the text stands for, matched case- and whitespace-insensitively.
    pub fn outcome(&self) -> Option<Outcome> {
        match self {
            CellSpec::Text(text) => {
                // Fast path: most cells are written canonically.
                if let Some(o) = Outcome::ALL.into_iter().find(|o| o.label() == text) {
                    return Some(o);
                }
                let folded = normalize_label(text);
                Outcome::ALL
                    .into_iter()
                    .find(|o| normalize_label(o.label()) == folded)
            }
            _ => None,
        }
    }

    /// How ingest should read the cell (DESIGN §2 "Utfall"): an outcome, a number, bortfall for
    /// empty / "-" / "x", sekretess for "..", ej tillämpligt for ".", else the text.
    pub fn expected_value(&self) -> Value {
        match self {
            CellSpec::Empty => Value::Absent(Absence::Bortfall),
            CellSpec::Number(n) => Value::Number(*n),
            CellSpec::Text(text) => {
                if let Some(outcome) = self.outcome() {
                    return Value::Outcome(outcome);
                }
                match normalize_label(text).as_str() {
                    "" | "-" | "x" => Value::Absent(Absence::Bortfall),
                    ".." => Value::Absent(Absence::Sekretess),
                    "." => Value::Absent(Absence::EjTillampligt),
                    _ => Value::Text(text.clone()),
                }
            }
        }
    }

    /// The text written when the cell is text; numbers and empties give `None`.
    pub fn text(&self) -> Option<&str> {
        match self {
            CellSpec::Text(t) => Some(t),
            _ => None,
        }
    }
}

/// Counts of outcomes over a set of cells: the raw material of DESIGN §3.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutcomeCounts {
    pub ja: u32,
    pub delvis: u32,
    pub nej: u32,
    pub ej_aktuellt: u32,
    pub kan_inte_svara: u32,
    /// Empty, "-", "..", or anything else that is no outcome.
    pub saknas: u32,
}

impl OutcomeCounts {
    pub fn add(&mut self, outcome: Option<Outcome>) {
        match outcome {
            Some(Outcome::Ja) => self.ja += 1,
            Some(Outcome::Delvis) => self.delvis += 1,
            Some(Outcome::Nej) => self.nej += 1,
            Some(Outcome::EjAktuellt) => self.ej_aktuellt += 1,
            Some(Outcome::KanInteSvara) => self.kan_inte_svara += 1,
            None => self.saknas += 1,
        }
    }

    /// Ja + Delvis + Nej: the denominator of DESIGN §3.
    pub fn answered(&self) -> u32 {
        self.ja + self.delvis + self.nej
    }

    pub fn merge(&mut self, other: OutcomeCounts) {
        self.ja += other.ja;
        self.delvis += other.delvis;
        self.nej += other.nej;
        self.ej_aktuellt += other.ej_aktuellt;
        self.kan_inte_svara += other.kan_inte_svara;
        self.saknas += other.saknas;
    }
}

/// `100 · num / den` as a whole percent, rounded half up on the exact fraction (DESIGN §3).
/// `None` when `den` is 0.
pub fn percent_half_up(num: u32, den: u32) -> Option<u32> {
    if den == 0 {
        return None;
    }
    let (num, den) = (u64::from(num), u64::from(den));
    u32::try_from((200 * num + den) / (2 * den)).ok()
}

impl TableSpec {
    /// The row with this canonical code.
    pub fn row(&self, code: &str) -> Option<&RowSpec> {
        self.rows.iter().find(|r| r.code.as_deref() == Some(code))
    }

    /// The cell of the row with canonical code `row_code` for the indicator with code
    /// `indicator_code`.
    pub fn cell(&self, row_code: &str, indicator_code: &str) -> Option<&CellSpec> {
        let col = self.indicator_index(indicator_code)?;
        self.row(row_code)?.cells.get(col)
    }

    /// The column of the indicator with this code.
    pub fn indicator_index(&self, code: &str) -> Option<usize> {
        self.indicators
            .iter()
            .position(|i| i.code.as_deref() == Some(code))
    }

    /// Outcome counts of one row over the categorical indicators of one quality area (all
    /// categorical indicators when `quality` is `None`).
    pub fn tally(&self, row_code: &str, quality: Option<QualityArea>) -> OutcomeCounts {
        let mut counts = OutcomeCounts::default();
        let Some(row) = self.row(row_code) else {
            return counts;
        };
        for (indicator, cell) in self.indicators.iter().zip(&row.cells) {
            if !indicator.is_categorical() {
                continue;
            }
            if quality.is_some() && indicator.quality_area() != quality {
                continue;
            }
            counts.add(cell.outcome());
        }
        counts
    }

    /// The answering rows (kommuner, stadsdelar) an aggregate row stands for.
    pub fn members_of<'a>(&'a self, aggregate: &'a RowSpec) -> Vec<&'a RowSpec> {
        self.rows
            .iter()
            .filter(|r| r.is_answering())
            .filter(|r| match aggregate.kind {
                UnitKind::Riket => true,
                UnitKind::Lan => r.attribute(ATTR_LAN) == Some(aggregate.name.as_str()),
                UnitKind::Storstad => {
                    r.kind == UnitKind::Stadsdel && r.parent.as_deref() == aggregate.code.as_deref()
                }
                _ => false,
            })
            .collect()
    }

    /// What an aggregate row's cell for a categorical indicator should hold, recomputed from
    /// the answering rows beneath it: the share with Ja among Ja/Delvis/Nej as a whole percent
    /// (half up), or `..` when Ej aktuellt, Kan inte svara and bortfall together exceed 20 % of
    /// the group or nobody answered (seed 002, "Statistiska mått och redovisningsgrupper").
    pub fn recomputed_share(&self, aggregate: &RowSpec, indicator: usize) -> CellSpec {
        let mut counts = OutcomeCounts::default();
        for member in self.members_of(aggregate) {
            counts.add(member.cells.get(indicator).and_then(CellSpec::outcome));
        }
        aggregate_cell(&counts)
    }
}

/// The aggregate cell for the counts of a group (see [`TableSpec::recomputed_share`]).
pub fn aggregate_cell(counts: &OutcomeCounts) -> CellSpec {
    let total = counts.answered() + counts.ej_aktuellt + counts.kan_inte_svara + counts.saknas;
    let not_answered = total - counts.answered();
    if counts.answered() == 0 || not_answered * 5 > total {
        return CellSpec::Text("..".into());
    }
    match percent_half_up(counts.ja, counts.answered()) {
        Some(p) => CellSpec::Number(f64::from(p)),
        None => CellSpec::Text("..".into()),
    }
}

/// Header of the grouping column with the kommun's län.
pub const ATTR_LAN: &str = "Län";
/// Header of the grouping column with SKR's kommungrupp (2017 version).
pub const ATTR_KOMMUNGRUPP: &str = "Kommungrupp SKR 2017";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_read_as_ingest_should() {
        let t = |s: &str| CellSpec::Text(s.into()).expected_value();
        assert_eq!(t("ja "), Value::Outcome(Outcome::Ja));
        assert_eq!(t("JA"), Value::Outcome(Outcome::Ja));
        assert_eq!(t("Nej\u{a0}"), Value::Outcome(Outcome::Nej));
        assert_eq!(t("kan inte  svara"), Value::Outcome(Outcome::KanInteSvara));
        assert_eq!(t("-"), Value::Absent(Absence::Bortfall));
        assert_eq!(t(".."), Value::Absent(Absence::Sekretess));
        assert_eq!(
            CellSpec::Empty.expected_value(),
            Value::Absent(Absence::Bortfall)
        );
    }

    #[test]
    fn percent_rounds_half_up_on_the_exact_fraction() {
        assert_eq!(percent_half_up(24, 37), Some(65));
        assert_eq!(percent_half_up(1, 8), Some(13));
        assert_eq!(percent_half_up(8, 19), Some(42));
        assert_eq!(percent_half_up(1, 0), None);
    }
}
