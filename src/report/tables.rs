//! The exports' tables as plain data, in no file format: one [`Sheet`] per sheet of the Excel
//! file and per CSV file, typed cells, built once from a [`Report`] so that the xlsx and every
//! CSV file carry the same figures. One submodule per kind of table; `build` the shared parts.
//!
//! Shares are kept exact ([`Cell::Share`] holds the [`Ratio`]); how a cell is written (a number
//! with a percent format, a decimal with a comma) is the writers' business (`report::xlsx`,
//! `report::csv`), not this module's.

mod build;
mod comparison;
mod enheter;
mod group;
mod indicators;
mod kallor;
mod summary;

use serde::{Deserialize, Serialize};

use crate::model::{Dataset, Evidence, IndicatorKind, Layout, UnitKind};
use crate::report::text::report_title;
use crate::report::Report;
use crate::score::{Grouping, Halves, Ratio};
use crate::sv;
use build::Builder;

pub use group::group_sheet;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Tabell {
    /// Per area the total, the peer position, the previous year and the target.
    Sammanfattning,
    /// Area × quality area with fractions, per-area totals, and the pooled totals.
    Kvalitetsomraden,
    /// Every indicator: the own outcome beside peers, riket and län; förbättringsområden.
    Indikatorer,
    /// Who to learn from: per förbättringsområde the peers (else the län's kommuner) that
    /// fulfil it, each with the cell of its answer.
    AttLaraAv,
    /// The ranking of the peer set per area.
    Jamforelse,
    /// Per area, year and quality area on the full and on the common indicator set.
    OverTid,
    /// The kommun's service units of each enhetsundersökning: each unit's fraction and answers
    /// beside the kommun's and riket's aggregates (only when such a survey is loaded).
    Enheter,
    /// Files, sheets, how they were read, the rules, peer sets and their sources, warnings.
    Kallor,
    /// Every kommun of a group × the loaded areas ([`group_sheet`]): not a table of one
    /// kommun's report, so not in [`Tabell::ALL`].
    Gruppoversikt,
}

impl Tabell {
    pub const ALL: [Tabell; 8] = [
        Tabell::Sammanfattning,
        Tabell::Kvalitetsomraden,
        Tabell::Indikatorer,
        Tabell::AttLaraAv,
        Tabell::Jamforelse,
        Tabell::OverTid,
        Tabell::Enheter,
        Tabell::Kallor,
    ];

    /// The tables of one report: every table, Enheter only when an enhetsundersökning is
    /// loaded.
    pub fn of_report(report: &Report) -> Vec<Tabell> {
        Tabell::ALL
            .into_iter()
            .filter(|t| *t != Tabell::Enheter || !report.unit_surveys.is_empty())
            .collect()
    }

    /// The sheet name for this report: "Kvalitetsdimensioner" when every area is grouped by
    /// the dimensions of the model of 2023–.
    pub fn name_for(self, report: &Report) -> &'static str {
        match self {
            Tabell::Kvalitetsomraden if report.grouping() == Grouping::Dimensioner => {
                "Kvalitetsdimensioner"
            }
            other => other.name(),
        }
    }

    /// The sheet name (at most 31 characters, as Excel requires).
    pub fn name(self) -> &'static str {
        match self {
            Tabell::Sammanfattning => "Sammanfattning",
            Tabell::Kvalitetsomraden => "Kvalitetsområden",
            Tabell::Indikatorer => "Indikatorer",
            Tabell::AttLaraAv => "Att lära av",
            Tabell::Jamforelse => "Jämförelse",
            Tabell::OverTid => "Över tid",
            Tabell::Enheter => "Enheter",
            Tabell::Kallor => "Källor",
            Tabell::Gruppoversikt => "Gruppöversikt",
        }
    }

    /// A key for file names and the command line: `sammanfattning`, `kvalitetsomraden` …
    pub fn key(self) -> &'static str {
        match self {
            Tabell::Sammanfattning => "sammanfattning",
            Tabell::Kvalitetsomraden => "kvalitetsomraden",
            Tabell::Indikatorer => "indikatorer",
            Tabell::AttLaraAv => "att-lara-av",
            Tabell::Jamforelse => "jamforelse",
            Tabell::OverTid => "over-tid",
            Tabell::Enheter => "enheter",
            Tabell::Kallor => "kallor",
            Tabell::Gruppoversikt => "gruppoversikt",
        }
    }

    pub fn from_key(key: &str) -> Option<Tabell> {
        let key = key.trim().to_lowercase();
        Tabell::ALL
            .into_iter()
            .find(|t| t.key() == key || t.name().to_lowercase() == key)
    }
}

/// A calendar date (the report's date), written ISO style: `2024-05-21`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Datum {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Datum {
    /// A valid Gregorian date between 1900 and 9999 (Excel's range), else `None`.
    pub fn new(year: u16, month: u8, day: u8) -> Option<Datum> {
        let leap =
            (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
        let days_in_month = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        ((1900..=9999).contains(&year) && (1..=days_in_month).contains(&day)).then_some(Datum {
            year,
            month,
            day,
        })
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Option<Datum> {
        let mut parts = text.trim().splitn(3, '-');
        let year = parts.next()?.parse().ok()?;
        let month = parts.next()?.parse().ok()?;
        let day = parts.next()?.parse().ok()?;
        Datum::new(year, month, day)
    }

    /// The date `days` days after 1970-01-01 (days since the Unix epoch), proleptic Gregorian.
    pub fn from_unix_days(days: i64) -> Option<Datum> {
        // Howard Hinnant's civil_from_days.
        let z = days.checked_add(719_468)?;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Datum::new(
            u16::try_from(year).ok()?,
            u8::try_from(month).ok()?,
            u8::try_from(day).ok()?,
        )
    }

    /// `2024-05-21`.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl std::fmt::Display for Datum {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.iso())
    }
}

/// How one table was read, for the Källor sheet. Built from its [`Dataset`] ([`SourceNote::of`])
/// or, in the page, from the worker's summary of it: every field is one both have, so the page
/// and the command line write the same Källor sheet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceNote {
    pub file: String,
    pub sheet: String,
    pub title: Option<String>,
    pub layout: Layout,
    /// Where the area was found: "bladnamn: Ekonomiskt bistånd" ([`evidence_text`]).
    pub area_evidence: Option<String>,
    /// Where the year was found: "filnamn: 2020".
    pub year_evidence: Option<String>,
    /// Rows of the table (every kind of unit).
    pub n_units: u32,
    /// Kommuner and stadsdelar with a code among them.
    pub n_kommuner: u32,
    pub n_indicators: u32,
    /// Numeric indicators among them.
    pub n_numeric: u32,
}

/// Evidence as one phrase: "bladnamn: Ekonomiskt bistånd".
pub fn evidence_text(evidence: &Evidence) -> String {
    format!("{}: {}", evidence.source, evidence.text)
}

impl SourceNote {
    pub fn of(dataset: &Dataset) -> SourceNote {
        SourceNote {
            file: dataset.file.clone(),
            sheet: dataset.sheet.clone(),
            title: dataset.title.clone(),
            layout: dataset.layout,
            area_evidence: dataset.area.as_ref().map(|a| evidence_text(&a.evidence)),
            year_evidence: dataset.year.as_ref().map(|y| evidence_text(&y.evidence)),
            n_units: dataset.units.len() as u32,
            n_kommuner: dataset
                .units
                .iter()
                .filter(|u| matches!(u.kind, UnitKind::Kommun | UnitKind::Stadsdel))
                .filter(|u| u.code.is_some())
                .count() as u32,
            n_indicators: dataset.indicators.len() as u32,
            n_numeric: dataset
                .indicators
                .iter()
                .filter(|i| matches!(i.kind, IndicatorKind::Numeric { .. }))
                .count() as u32,
        }
    }

    /// One note per dataset, in the order the report was built from.
    pub fn of_all(datasets: &[Dataset]) -> Vec<SourceNote> {
        datasets.iter().map(SourceNote::of).collect()
    }

    /// "312 rader, 290 kommuner och stadsdelar".
    pub fn units_text(&self) -> String {
        format!(
            "{} {}, {} {}",
            self.n_units,
            if self.n_units == 1 { "rad" } else { "rader" },
            self.n_kommuner,
            if self.n_kommuner == 1 {
                "kommun eller stadsdel"
            } else {
                "kommuner och stadsdelar"
            }
        )
    }
}

/// What the export needs beyond the report: the date it is made, and how the files were read.
/// The page and the command line pass the same values, so they write the same bytes.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportOptions {
    /// The report's date: printed on every sheet and used as the workbook's creation date.
    /// Without one, no date is printed and the creation date is fixed (2000-01-01), so the
    /// bytes depend on the report alone.
    pub date: Option<Datum>,
    /// How each dataset was read, indexed like the datasets the report was built from; may be
    /// empty (the Källor sheet then lists what the report itself knows).
    pub sources: Vec<SourceNote>,
}

impl ExportOptions {
    /// Options with a date and the notes of the datasets the report was built from.
    pub fn new(date: Option<Datum>, datasets: &[Dataset]) -> ExportOptions {
        ExportOptions {
            date,
            sources: SourceNote::of_all(datasets),
        }
    }
}

/// How a column's cells are to be written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ColumnKind {
    Text,
    /// Counts, ranks, years, measured values: numbers without a percent format.
    Number,
    /// An exact share: a number with the format `0 %` (the CSV adds a rounded-percent column).
    Share,
    /// A share shown with one decimal (medians): `0.0 %`.
    ShareOneDecimal,
    Date,
}

/// A column: its Swedish header and kind.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Column {
    pub header: String,
    pub kind: ColumnKind,
}

/// One cell of a table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Cell {
    Empty,
    Text(String),
    /// A whole number.
    Int(i64),
    /// A fulfilment count (whole or ½ under the Delvis rule *halv*).
    Count(Halves),
    /// An exact share (0–1).
    Share(Ratio),
    /// A measured number as the file holds it (may be negative).
    Number(f64),
    Date(Datum),
}

impl Cell {
    fn text(s: impl Into<String>) -> Cell {
        let s = s.into();
        if s.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s)
        }
    }

    fn opt_text(s: Option<impl Into<String>>) -> Cell {
        s.map(Cell::text).unwrap_or(Cell::Empty)
    }

    fn int(n: impl Into<i64>) -> Cell {
        Cell::Int(n.into())
    }

    fn opt_int(n: Option<impl Into<i64>>) -> Cell {
        n.map(Cell::int).unwrap_or(Cell::Empty)
    }

    fn share(r: Option<Ratio>) -> Cell {
        r.map(Cell::Share).unwrap_or(Cell::Empty)
    }

    fn number(n: Option<f64>) -> Cell {
        match n {
            Some(v) if v.is_finite() => Cell::Number(v),
            _ => Cell::Empty,
        }
    }

    /// The cell as a person reads it in Swedish (used for column widths and in tests).
    pub fn display_sv(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.clone(),
            Cell::Int(n) => n.to_string(),
            Cell::Count(h) => h.sv(),
            Cell::Share(r) => r.percent_sv(),
            Cell::Number(n) => sv::number(*n),
            Cell::Date(d) => d.iso(),
        }
    }
}

/// One table: notes printed above it in the workbook, columns, rows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Sheet {
    pub tabell: Tabell,
    /// The sheet's name in the workbook (at most 31 characters).
    pub name: String,
    /// The first line of the sheet: "Öppna jämförelser 2020: Tyresö (0138) – Sammanfattning".
    pub title: String,
    /// Label and text lines between the title and the table: the Delvis rule, the peer set,
    /// the date.
    pub notes: Vec<(String, String)>,
    pub columns: Vec<Column>,
    /// Every row has one cell per column.
    pub rows: Vec<Vec<Cell>>,
}

impl Sheet {
    /// The cell in `row` under the column headed `header`, if any (for tests and the UI).
    pub fn cell(&self, row: usize, header: &str) -> Option<&Cell> {
        let col = self.columns.iter().position(|c| c.header == header)?;
        self.rows.get(row)?.get(col)
    }
}

/// Every sheet of the export, in workbook order.
pub fn sheets(report: &Report, options: &ExportOptions) -> Vec<Sheet> {
    Tabell::of_report(report)
        .into_iter()
        .map(|t| sheet(report, options, t))
        .collect()
}

/// One sheet of the export.
pub fn sheet(report: &Report, options: &ExportOptions, tabell: Tabell) -> Sheet {
    let mut builder = Builder::new();
    match tabell {
        Tabell::Sammanfattning => summary::sammanfattning(report, &mut builder),
        Tabell::Kvalitetsomraden => summary::kvalitetsomraden(report, &mut builder),
        Tabell::Indikatorer => indicators::indikatorer(report, &mut builder),
        Tabell::AttLaraAv => indicators::att_lara_av(report, &mut builder),
        Tabell::Jamforelse => comparison::jamforelse(report, &mut builder),
        Tabell::OverTid => comparison::over_tid(report, &mut builder),
        Tabell::Enheter => enheter::enheter(report, &mut builder),
        Tabell::Kallor => kallor::kallor(report, options, &mut builder),
        // Built from the datasets by `group_sheet`, not from one kommun's report.
        Tabell::Gruppoversikt => {}
    }
    Sheet {
        tabell,
        name: tabell.name_for(report).to_owned(),
        title: format!("{} – {}", report_title(report), tabell.name_for(report)),
        notes: notes(report, options, tabell),
        columns: builder.columns,
        rows: builder.rows,
    }
}

/// The peer sets actually used, one line per area: "Ekonomiskt bistånd: Liknande kommuner,
/// ekonomiskt bistånd – 7 kommuner (källa: …)".
pub fn peer_set_lines(report: &Report) -> Vec<String> {
    report
        .areas
        .iter()
        .map(|a| match (&a.peers, &a.peer_error) {
            (Some(p), _) => format!(
                "{}: {} – {} {} (källa: {})",
                a.name,
                p.set.name,
                p.set.members.len(),
                if p.set.members.len() == 1 {
                    "enhet"
                } else {
                    "enheter"
                },
                p.set.source_text
            ),
            (None, Some(e)) => format!("{}: ingen jämförelse ({e})", a.name),
            (None, None) => format!("{}: ingen jämförelse", a.name),
        })
        .collect()
}

const POOLING_RULE: &str = "Totaler över flera kvalitetsområden eller verksamhetsområden summerar \
uppfyllda och nämnare (aldrig medelvärden av procentsatser).";

const DENOMINATOR_RULE: &str = "Nämnaren är indikatorer med svaret Ja, Delvis eller Nej; Ej \
aktuellt, Kan inte svara och saknade svar lämnas utanför nämnaren och redovisas bredvid.";

const PERCENT_RULE: &str = "Andelar sparas exakt (uppfyllda/nämnare) och visas i hela procent; \
procenten i rapporttexten avrundas uppåt vid exakt halv procent.";

const PEER_SHARE_RULE: &str = "Andel med Ja bland jämförelsegruppen, riket och länet: andelen \
med Ja bland dem som svarat Ja, Delvis eller Nej (Ej aktuellt, Kan inte svara och saknade svar \
räknas inte), omräknad ur kommunraderna; filens egen siffra står bredvid. Socialstyrelsen \
publicerar ingen andel när över 20 % av gruppen saknar svar, är ej aktuella eller inte kan svara.";

const LEARN_RULE: &str = "För varje förbättringsområde (en indikator som inte är uppfylld) de \
i jämförelsegruppen som uppfyller den enligt regeln för Delvis; uppfyller ingen av dem den, de \
kommuner och stadsdelar i länet som gör det.";

const PLACEMENT_RULE: &str = "Plats: 1 + antalet med uppgift som har högre andel (lika andel \
delar plats). Kvartil: bästa 25 %, mellersta 50 % eller sämsta 25 % bland dem med uppgift.";

const UNITS_RULE: &str = "Varje enhets andel uppfyllda räknas som kommunens: Ja (och Delvis \
enligt regeln) av de indikatorer enheten svarat Ja, Delvis eller Nej på. Kommunens och rikets \
enheter sammanlagt summerar enheternas uppfyllda och nämnare. Kommunen, länet och riket i filen: \
filens egen andel enheter med Ja, för samtliga enheter och per regi.";

/// Every rule the figures were computed by, as sentences: the Delvis rule first.
pub fn rule_lines(report: &Report) -> Vec<String> {
    let mut lines = vec![report.rule_text.clone()];
    if report.uses_categories() {
        lines.push(crate::report::text::CATEGORY_RULE.to_owned());
    }
    lines.extend([
        DENOMINATOR_RULE.to_owned(),
        POOLING_RULE.to_owned(),
        PERCENT_RULE.to_owned(),
        PEER_SHARE_RULE.to_owned(),
        PLACEMENT_RULE.to_owned(),
    ]);
    if !report.unit_surveys.is_empty() {
        lines.push(UNITS_RULE.to_owned());
    }
    lines
}

fn notes(report: &Report, options: &ExportOptions, tabell: Tabell) -> Vec<(String, String)> {
    let mut notes = vec![
        ("Delvis".to_owned(), report.rule_text.clone()),
        (
            "Jämförelsegrupp".to_owned(),
            format!(
                "{}{}",
                report.options.jamfor.text(),
                if report.areas.iter().any(|a| a.peers.is_some()) {
                    " – gruppen per område och dess källa står i kolumnen Jämförelsegrupp och på bladet Källor."
                } else {
                    ""
                }
            ),
        ),
    ];
    if let Some(date) = options.date {
        notes.push(("Datum".to_owned(), date.iso()));
    }
    match tabell {
        Tabell::Sammanfattning | Tabell::Kvalitetsomraden | Tabell::OverTid => {
            notes.push(("Totaler".to_owned(), POOLING_RULE.to_owned()));
        }
        Tabell::Indikatorer => {
            notes.push(("Andel med Ja".to_owned(), PEER_SHARE_RULE.to_owned()));
        }
        Tabell::AttLaraAv => {
            notes.push(("Att lära av".to_owned(), LEARN_RULE.to_owned()));
        }
        Tabell::Jamforelse => {
            notes.push(("Plats".to_owned(), PLACEMENT_RULE.to_owned()));
        }
        Tabell::Enheter => {
            notes.push(("Enheter".to_owned(), UNITS_RULE.to_owned()));
        }
        Tabell::Kallor | Tabell::Gruppoversikt => {}
    }
    notes
}

/// A file name for an export: `oj-analys-tyreso-0138-2024-05-21.xlsx`.
pub fn file_name(report: &Report, options: &ExportOptions, extension: &str) -> String {
    let mut name = format!(
        "oj-analys-{}-{}",
        slug(&report.unit.name),
        slug(&report.unit.code)
    );
    if let Some(d) = options.date {
        name.push('-');
        name.push_str(&d.iso());
    }
    name.push('.');
    name.push_str(extension);
    name
}

/// Lower-case ASCII letters, digits and single dashes: "Upplands Väsby" → "upplands-vasby".
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for ch in text.to_lowercase().chars() {
        let ch = match ch {
            'å' | 'ä' | 'à' | 'á' => 'a',
            'ö' | 'ø' | 'ó' => 'o',
            'é' | 'è' | 'ë' => 'e',
            'ü' => 'u',
            c => c,
        };
        if ch.is_ascii_alphanumeric() {
            out.push(ch);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_come_from_unix_days_and_text() {
        assert_eq!(Datum::from_unix_days(0), Datum::new(1970, 1, 1));
        assert_eq!(Datum::from_unix_days(19_723), Datum::new(2024, 1, 1));
        assert_eq!(Datum::from_unix_days(19_782), Datum::new(2024, 2, 29));
        assert_eq!(Datum::from_unix_days(-25_567), Datum::new(1900, 1, 1));
        assert_eq!(Datum::from_unix_days(-25_568), None);
        assert_eq!(
            Datum::parse("2024-05-21").map(|d| d.iso()).as_deref(),
            Some("2024-05-21")
        );
        assert_eq!(Datum::parse("2023-02-29"), None);
        assert_eq!(Datum::parse("21/5 2024"), None);
    }

    #[test]
    fn table_keys_round_trip() {
        for t in Tabell::ALL {
            assert_eq!(Tabell::from_key(t.key()), Some(t));
            assert_eq!(Tabell::from_key(t.name()), Some(t));
            assert!(t.name().chars().count() <= 31);
        }
    }

    #[test]
    fn slugs_are_plain_ascii() {
        assert_eq!(slug("Upplands Väsby"), "upplands-vasby");
        assert_eq!(slug("0180:Rinkeby-Kista"), "0180-rinkeby-kista");
        assert_eq!(slug("Tyresö"), "tyreso");
        assert_eq!(slug(" Åre "), "are");
    }
}
