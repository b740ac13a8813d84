//! The export's tables as plain data: one [`Sheet`] per sheet of the Excel file, typed cells,
//! built once from a [`Report`] so that the xlsx and every CSV file carry the same figures.
//!
//! Shares are kept exact ([`Cell::Share`] holds the [`Ratio`]); how a cell is written (a number
//! with a percent format, a decimal with a comma) is the writers' business, not this module's.

use serde::{Deserialize, Serialize};

use crate::compare::learn::{LearnFrom, LearnSource};
use crate::compare::position::Placement;
use crate::compare::targets::TargetAssessment;
use crate::model::{Dataset, Definition, Evidence, IndicatorKind, Layout, UnitKind};
use crate::report::group::GroupTable;
use crate::report::{AreaReport, QualityLine, Report};
use crate::score::{Bucket, DelvisRule, Grouping, Halves, Ratio, Score};
use crate::sv;

/// The sheets of the export, in workbook order. Each is also one CSV file.
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
        Tabell::Sammanfattning => sammanfattning(report, &mut builder),
        Tabell::Kvalitetsomraden => kvalitetsomraden(report, &mut builder),
        Tabell::Indikatorer => indikatorer(report, &mut builder),
        Tabell::AttLaraAv => att_lara_av(report, &mut builder),
        Tabell::Jamforelse => jamforelse(report, &mut builder),
        Tabell::OverTid => over_tid(report, &mut builder),
        Tabell::Enheter => enheter(report, &mut builder),
        Tabell::Kallor => kallor(report, options, &mut builder),
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

/// "Öppna jämförelser 2019, 2020: Tyresö (0138)", as the report text's first line.
pub fn report_title(report: &Report) -> String {
    let years: Vec<String> = report.years().iter().map(u16::to_string).collect();
    format!(
        "Öppna jämförelser{}: {} ({})",
        if years.is_empty() {
            String::new()
        } else {
            format!(" {}", years.join(", "))
        },
        report.unit.name,
        report.unit.code
    )
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

/// The Gruppöversikt as a sheet: per kommun its code, name and whether it is the chosen one,
/// then per area (and in total) uppfyllda, nämnare, the exact share, its place and quartile
/// among the group's kommuner with a figure.
pub fn group_sheet(table: &GroupTable, date: Option<Datum>) -> Sheet {
    let mut b = Builder::new();
    b.columns(&[("Kod", Text), ("Kommun", Text), ("Egen", Text)]);
    let mut headings: Vec<String> = table
        .areas
        .iter()
        .map(|a| match a.year {
            Some(y) => format!("{} {y}", a.name),
            None => a.name.clone(),
        })
        .collect();
    headings.push("Totalt".to_owned());
    for h in &headings {
        for (what, kind) in [
            ("uppfyllda", Number),
            ("nämnare", Number),
            ("andel uppfyllda", Share),
            ("plats", Number),
            ("kvartil", Text),
        ] {
            b.columns.push(Column {
                header: format!("{h}: {what}"),
                kind,
            });
        }
    }
    for row in &table.rows {
        let mut cells = vec![
            Cell::text(row.code.clone()),
            Cell::text(row.name.clone()),
            Cell::text(if row.own { "egen" } else { "" }),
        ];
        for cell in row.cells.iter().chain(std::iter::once(&row.total)) {
            match &cell.score {
                Some(s) => cells.extend([
                    Cell::Count(s.uppfyllda),
                    Cell::int(s.denominator),
                    Cell::share(s.share),
                ]),
                None => cells.extend(vec![Cell::Empty; 3]),
            }
            cells.push(Cell::opt_int(cell.placement.rank));
            cells.push(Cell::opt_text(cell.placement.band.map(|b| b.label())));
        }
        b.row(cells);
    }
    let mut notes = vec![
        ("Delvis".to_owned(), table.rule.description().to_owned()),
        ("Grupp".to_owned(), table.name.clone()),
    ];
    if let Some(d) = date {
        notes.push(("Datum".to_owned(), d.iso()));
    }
    notes.push(("Totaler".to_owned(), POOLING_RULE.to_owned()));
    notes.push(("Plats".to_owned(), PLACEMENT_RULE.to_owned()));
    Sheet {
        tabell: Tabell::Gruppoversikt,
        name: Tabell::Gruppoversikt.name().to_owned(),
        title: format!("Öppna jämförelser: {} – Gruppöversikt", table.name),
        notes,
        columns: b.columns,
        rows: b.rows,
    }
}

/// Accumulates a table, column by column within each row.
struct Builder {
    columns: Vec<Column>,
    rows: Vec<Vec<Cell>>,
}

impl Builder {
    fn new() -> Builder {
        Builder {
            columns: Vec::new(),
            rows: Vec::new(),
        }
    }

    fn columns(&mut self, columns: &[(&str, ColumnKind)]) {
        self.columns.extend(columns.iter().map(|(h, k)| Column {
            header: (*h).to_owned(),
            kind: *k,
        }));
    }

    /// Adds a row, padded or cut to the number of columns so every row is as wide as the table.
    fn row(&mut self, mut cells: Vec<Cell>) {
        cells.resize(self.columns.len(), Cell::Empty);
        self.rows.push(cells);
    }
}

use ColumnKind::{Number, Share, ShareOneDecimal, Text};

const SCORE_COLUMNS: &[(&str, ColumnKind)] = &[
    ("Uppfyllda", Number),
    ("Nämnare", Number),
    ("Andel uppfyllda", Share),
    ("Ja", Number),
    ("Delvis", Number),
    ("Nej", Number),
    ("Ej aktuella", Number),
    ("Kan inte svara", Number),
    ("Saknas", Number),
];

fn score_cells(score: &Score) -> Vec<Cell> {
    let t = &score.tally;
    vec![
        Cell::Count(score.uppfyllda),
        Cell::int(score.denominator),
        Cell::share(score.share),
        Cell::int(t.ja),
        Cell::int(t.delvis),
        Cell::int(t.nej),
        Cell::int(t.ej_aktuellt),
        Cell::int(t.kan_inte_svara),
        Cell::int(t.saknas),
    ]
}

const PLACEMENT_COLUMNS: &[(&str, ColumnKind)] = &[
    ("Plats i gruppen", Number),
    ("Med uppgift", Number),
    ("I gruppen", Number),
    ("Kvartil", Text),
];

fn placement_cells(placement: Option<&Placement>) -> Vec<Cell> {
    match placement {
        Some(p) => vec![
            Cell::opt_int(p.rank),
            Cell::int(p.with_data),
            Cell::int(p.in_group),
            Cell::opt_text(p.band.map(|b| b.label())),
        ],
        None => vec![Cell::Empty; 4],
    }
}

const TARGET_COLUMNS: &[(&str, ColumnKind)] = &[("Mål (%)", Number), ("Målstatus", Text)];

fn target_cells(target: Option<&TargetAssessment>) -> Vec<Cell> {
    match target {
        Some(t) => vec![
            Cell::int(t.target.percent),
            Cell::opt_text(t.status.map(|s| s.label())),
        ],
        None => vec![Cell::Empty; 2],
    }
}

fn year_cell(year: Option<u16>) -> Cell {
    match year {
        Some(y) => Cell::int(y),
        None => Cell::text("okänt år"),
    }
}

fn peer_set_cells(area: &AreaReport) -> Vec<Cell> {
    match (&area.peers, &area.peer_error) {
        (Some(p), _) => vec![
            Cell::text(p.set.name.clone()),
            Cell::text(p.set.source_text.clone()),
        ],
        (None, Some(e)) => vec![Cell::text("ingen jämförelse"), Cell::text(e.clone())],
        (None, None) => vec![Cell::Empty, Cell::Empty],
    }
}

const ALL_AREAS: &str = "Samtliga verksamhetsområden";

fn sammanfattning(report: &Report, b: &mut Builder) {
    b.columns(&[("Verksamhetsområde", Text), ("År", Number)]);
    b.columns(SCORE_COLUMNS);
    b.columns(&[
        ("Föregående år", Number),
        ("Andel föregående år", Share),
        ("Jämförelsegrupp", Text),
        ("Källa för jämförelsegruppen", Text),
    ]);
    b.columns(PLACEMENT_COLUMNS);
    b.columns(&[
        ("Gruppens median", ShareOneDecimal),
        ("Gruppens lägsta", Share),
        ("Gruppens högsta", Share),
        ("Plats i riket", Number),
        ("Riket med uppgift", Number),
        ("Län", Text),
        ("Plats i länet", Number),
        ("Länet med uppgift", Number),
    ]);
    b.columns(TARGET_COLUMNS);
    for area in &report.areas {
        let mut row = vec![Cell::text(area.name.clone()), year_cell(area.year)];
        if !area.present {
            row.extend(vec![Cell::Empty; SCORE_COLUMNS.len() + 2]);
            row.extend(peer_set_cells(area));
            b.row(row);
            continue;
        }
        row.extend(score_cells(&area.total.score));
        match area.earlier.first() {
            Some(e) => {
                row.push(Cell::opt_int(e.year));
                row.push(Cell::share(e.score.share));
            }
            None => row.extend([Cell::Empty, Cell::Empty]),
        }
        row.extend(peer_set_cells(area));
        let peers = area.peers.as_ref();
        row.extend(placement_cells(peers.map(|p| &p.placement)));
        let spread = peers.and_then(|p| p.spread.as_ref());
        row.push(Cell::share(spread.map(|s| s.median)));
        row.push(Cell::share(spread.map(|s| s.min)));
        row.push(Cell::share(spread.map(|s| s.max)));
        match peers {
            Some(p) => {
                row.push(Cell::opt_int(p.riket.placement.rank));
                row.push(Cell::int(p.riket.placement.with_data));
                match &p.lan {
                    Some(l) => {
                        row.push(Cell::text(l.name.clone()));
                        row.push(Cell::opt_int(l.placement.rank));
                        row.push(Cell::int(l.placement.with_data));
                    }
                    None => row.extend(vec![Cell::Empty; 3]),
                }
            }
            None => row.extend(vec![Cell::Empty; 5]),
        }
        row.extend(target_cells(area.total_target.as_ref()));
        b.row(row);
    }
    if !report.areas.is_empty() {
        let mut row = vec![Cell::text(ALL_AREAS), Cell::Empty];
        row.extend(score_cells(&report.total.score));
        // The previous complete year's total, as the report text prints it.
        let previous = report
            .total_by_year
            .iter()
            .rev()
            .filter(|t| t.complete)
            .nth(1);
        match previous {
            Some(t) => {
                row.push(Cell::opt_int(t.year));
                row.push(Cell::share(t.score.share));
            }
            None => row.extend([Cell::Empty, Cell::Empty]),
        }
        row.extend(vec![Cell::Empty; 2 + 4 + 3 + 5]);
        row.extend(target_cells(report.total_target.as_ref()));
        b.row(row);
    }
}

fn quality_row(area: &str, year: Cell, line: &QualityLine) -> Vec<Cell> {
    let mut row = vec![Cell::text(area), year, Cell::text(line.group.name.clone())];
    row.extend(score_cells(&line.figure.score));
    row.extend(placement_cells(line.placement.as_ref()));
    row.extend(target_cells(line.target.as_ref()));
    row
}

fn kvalitetsomraden(report: &Report, b: &mut Builder) {
    b.columns(&[
        ("Verksamhetsområde", Text),
        ("År", Number),
        (report.grouping().column(), Text),
    ]);
    b.columns(SCORE_COLUMNS);
    b.columns(PLACEMENT_COLUMNS);
    b.columns(TARGET_COLUMNS);
    for area in &report.areas {
        if !area.present {
            b.row(vec![
                Cell::text(area.name.clone()),
                year_cell(area.year),
                Cell::text(format!("{} saknas i tabellen", report.unit.name)),
            ]);
            continue;
        }
        for line in &area.quality {
            b.row(quality_row(&area.name, year_cell(area.year), line));
        }
        let mut row = vec![
            Cell::text(area.name.clone()),
            year_cell(area.year),
            Cell::text("Totalt"),
        ];
        row.extend(score_cells(&area.total.score));
        row.extend(placement_cells(area.peers.as_ref().map(|p| &p.placement)));
        row.extend(target_cells(area.total_target.as_ref()));
        b.row(row);
    }
    if !report.areas.is_empty() {
        for line in &report.quality_totals {
            b.row(quality_row(ALL_AREAS, Cell::Empty, line));
        }
        let mut row = vec![Cell::text(ALL_AREAS), Cell::Empty, Cell::text("Totalt")];
        row.extend(score_cells(&report.total.score));
        row.extend(placement_cells(None));
        row.extend(target_cells(report.total_target.as_ref()));
        b.row(row);
    }
}

/// How an outcome counts under the rule, in one word.
fn counted_as(bucket: Bucket, rule: DelvisRule) -> &'static str {
    if !bucket.is_answer() {
        return "utanför nämnaren";
    }
    match bucket.counts(rule).halves() {
        2 => "uppfylld",
        1 => "till hälften",
        _ => "ej uppfylld",
    }
}

fn indikatorer(report: &Report, b: &mut Builder) {
    b.columns(&[
        ("Verksamhetsområde", Text),
        ("År", Number),
        (report.grouping().column(), Text),
        ("Indikatorområde", Text),
        ("Kod", Text),
        ("Indikator", Text),
        ("Typ", Text),
        ("Eget svar", Text),
        ("Räknas som", Text),
        ("Förbättringsområde nr", Number),
        ("Styrka nr", Number),
        ("Att lära av", Text),
        ("Jämförelsegruppen: andel med Ja", Share),
        ("Jämförelsegruppen: med Ja", Number),
        ("Jämförelsegruppen: svarande", Number),
        ("Jämförelsegruppen: anmärkning", Text),
        ("Riket: andel med Ja (omräknad)", Share),
        ("Riket i filen (%)", Number),
        ("Länet: andel med Ja (omräknad)", Share),
        ("Länet i filen (%)", Number),
        ("Eget värde", Number),
        ("Mått", Text),
        ("Bättre är", Text),
        ("Plats i gruppen", Number),
        ("Med uppgift", Number),
        ("Kvartil", Text),
        ("Gruppens median", Number),
        ("Riket", Number),
        ("Länet", Number),
        ("Fil", Text),
        ("Blad", Text),
        ("Cell", Text),
        ("Indikatortyp", Text),
        ("Målvärde", Text),
        ("Mätperiod", Text),
        ("Jämförbarhet", Text),
        ("Beskrivning", Text),
        ("Övrigt i beskrivningen", Text),
        ("Beskrivningens källa", Text),
    ]);
    let rule = report.options.delvis;
    for area in &report.areas {
        for (i, line) in area.indicators.iter().enumerate() {
            b.row(indicator_row(area, i as u32, line, rule));
        }
        for n in &area.numeric {
            b.row(numeric_row(area, n));
        }
    }
}

/// One Ja/Nej indicator's row of the Indikatorer sheet (`i`: its place in the area's list).
fn indicator_row(
    area: &AreaReport,
    i: u32,
    line: &crate::compare::indicators::IndicatorComparison,
    rule: DelvisRule,
) -> Vec<Cell> {
    let rank_in = |list: &[u32]| list.iter().position(|&x| x == i).map(|p| p as i64 + 1);
    let aggregate = |a: Option<&crate::compare::indicators::AggregateShare>| {
        vec![
            Cell::share(a.and_then(|a| a.recomputed.share)),
            Cell::number(a.and_then(|a| a.printed)),
        ]
    };
    let mut row = vec![
        Cell::text(area.name.clone()),
        year_cell(area.year),
        Cell::text(line.quality.name.clone()),
        Cell::opt_text(line.indicator_area.clone()),
        Cell::opt_text(line.code.clone()),
        Cell::text(line.name.clone()),
        Cell::text(match line.category {
            Some(c) => capitalised(c.label()),
            None => "Ja/Nej-fråga".to_owned(),
        }),
        Cell::text(line.own.label()),
        Cell::text(counted_as(line.own, rule)),
        Cell::opt_int(rank_in(&area.forbattringsomraden)),
        Cell::opt_int(rank_in(&area.styrkor)),
        Cell::opt_text(area.learn_from.iter().find(|l| l.line == i).map(learn_text)),
        Cell::share(line.peers.share),
        Cell::int(line.peers.tally.ja),
        Cell::int(line.peers.tally.denominator()),
        Cell::text(if line.peers.unpublishable {
            "över 20 % bortfall"
        } else {
            ""
        }),
    ];
    row.extend(aggregate(line.riket.as_ref()));
    row.extend(aggregate(line.lan.as_ref()));
    row.extend(vec![Cell::Empty; 9]);
    match &line.own_cell {
        Some(t) => row.extend([
            Cell::text(t.file.clone()),
            Cell::text(t.sheet.clone()),
            Cell::opt_text(t.cell.clone()),
        ]),
        None => row.extend(vec![Cell::Empty; 3]),
    }
    row.extend([
        Cell::opt_text(line.indicator_type.map(|t| t.label())),
        Cell::opt_text(line.target.clone()),
        Cell::opt_text(line.period.clone()),
        Cell::opt_text(line.comparability.clone()),
    ]);
    row.extend(definition_cells(line.definition.as_ref()));
    row
}

/// One numeric indicator's (nyckeltal's) row of the Indikatorer sheet.
fn numeric_row(area: &AreaReport, n: &crate::compare::numeric::NumericComparison) -> Vec<Cell> {
    let mut row = vec![
        Cell::text(area.name.clone()),
        year_cell(area.year),
        Cell::text(n.quality.name.clone()),
        Cell::Empty,
        Cell::opt_text(n.code.clone()),
        Cell::text(n.name.clone()),
        Cell::text(match n.category {
            Some(c) => capitalised(c.label()),
            None => "Nyckeltal".to_owned(),
        }),
        // The cell's text only when it holds no number ("..", "-").
        if n.own.value.is_some() {
            Cell::Empty
        } else {
            Cell::text(n.own.raw.clone())
        },
    ];
    row.extend(vec![Cell::Empty; 12]);
    row.extend([
        Cell::number(n.own.value),
        Cell::opt_text(n.measure.clone()),
        Cell::text(match n.direction_source {
            crate::compare::numeric::DirectionSource::Ingen => {
                format!("– ({})", n.direction_source.label())
            }
            _ => format!(
                "{} ({})",
                match n.direction {
                    crate::model::Direction::HigherIsBetter => "högre",
                    crate::model::Direction::LowerIsBetter => "lägre",
                },
                n.direction_source.label()
            ),
        }),
    ]);
    row.push(Cell::opt_int(n.placement.rank));
    row.push(Cell::int(n.placement.with_data));
    row.push(Cell::opt_text(n.placement.band.map(|b| b.label())));
    row.push(Cell::number(n.spread.map(|s| s.median)));
    row.push(Cell::number(n.riket));
    row.push(Cell::number(n.lan));
    row.extend([
        Cell::text(n.own.file.clone()),
        Cell::text(n.own.sheet.clone()),
        Cell::opt_text(n.own.cell.clone()),
        Cell::opt_text(n.indicator_type.map(|t| t.label())),
        Cell::opt_text(n.target.clone()),
        Cell::opt_text(n.period.clone()),
        Cell::opt_text(n.comparability.clone()),
    ]);
    row.extend(definition_cells(n.definition.as_ref()));
    row
}

/// An indicator's definition in three cells: its text (or that no file describes it), the
/// description sheet's other columns ("Mätperiod: Läget 1 mars; Källa: …"), and where it was
/// read ("Indikatorbeskrivningar i fil.xlsx").
fn definition_cells(definition: Option<&Definition>) -> [Cell; 3] {
    let others = definition.map(|d| {
        d.fields
            .iter()
            .map(|(h, v)| format!("{h}: {v}"))
            .collect::<Vec<_>>()
            .join("; ")
    });
    [
        Cell::text(Definition::text_or_none(definition)),
        Cell::opt_text(others),
        Cell::opt_text(definition.map(|d| format!("{} i {}", d.sheet, d.file))),
    ]
}

/// Who to learn from in one cell: "Håbo, Upplands Väsby", "Stockholms län: Ekerö", "ingen i
/// jämförelsegruppen eller länet".
fn learn_text(learn: &LearnFrom) -> String {
    let names: Vec<&str> = learn.units.iter().map(|u| u.name.as_str()).collect();
    match &learn.source {
        LearnSource::Jamforelsegrupp => names.join(", "),
        LearnSource::Lan { name, .. } => format!("{name}: {}", names.join(", ")),
        LearnSource::Ingen => "ingen i jämförelsegruppen eller länet".to_owned(),
    }
}

/// One row per förbättringsområde and kommun that fulfils it, with the cell of its answer; a
/// förbättringsområde that nobody fulfils has one row saying so.
fn att_lara_av(report: &Report, b: &mut Builder) {
    b.columns(&[
        ("Verksamhetsområde", Text),
        ("År", Number),
        ("Förbättringsområde nr", Number),
        ("Kod", Text),
        ("Indikator", Text),
        ("Urval", Text),
        ("Kommunkod", Text),
        ("Kommun eller stadsdel", Text),
        ("Svar", Text),
        ("Fil", Text),
        ("Blad", Text),
        ("Cell", Text),
    ]);
    for area in &report.areas {
        for (nr, learn) in area.learn_from.iter().enumerate() {
            let Some(line) = area.indicators.get(learn.line as usize) else {
                continue;
            };
            let lead = vec![
                Cell::text(area.name.clone()),
                year_cell(area.year),
                Cell::int(nr as i64 + 1),
                Cell::opt_text(line.code.clone()),
                Cell::text(line.name.clone()),
            ];
            if learn.units.is_empty() {
                let mut row = lead;
                row.push(Cell::text("ingen i jämförelsegruppen eller länet"));
                b.row(row);
                continue;
            }
            for unit in &learn.units {
                let mut row = lead.clone();
                row.extend([
                    Cell::text(learn.source_sv()),
                    Cell::text(unit.code.clone()),
                    Cell::text(unit.name.clone()),
                    Cell::text(unit.answer.label()),
                ]);
                match report.datasets.iter().find(|d| d.index == unit.dataset) {
                    Some(d) => {
                        row.extend([Cell::text(d.file.clone()), Cell::text(d.sheet.clone())])
                    }
                    None => row.extend([Cell::Empty, Cell::Empty]),
                }
                row.push(Cell::opt_text(unit.cell.clone()));
                b.row(row);
            }
        }
    }
}

fn jamforelse(report: &Report, b: &mut Builder) {
    b.columns(&[
        ("Verksamhetsområde", Text),
        ("År", Number),
        ("Jämförelsegrupp", Text),
        ("Plats", Number),
        ("Kod", Text),
        ("Enhet", Text),
        ("Egen", Text),
    ]);
    b.columns(SCORE_COLUMNS);
    b.columns(&[("Anmärkning", Text)]);
    for area in &report.areas {
        let Some(p) = &area.peers else {
            continue;
        };
        for r in &p.ranking {
            let mut row = vec![
                Cell::text(area.name.clone()),
                year_cell(area.year),
                Cell::text(p.set.name.clone()),
                Cell::opt_int(r.rank),
                Cell::text(r.code.clone()),
                Cell::text(r.name.clone()),
                Cell::text(if r.own { "egen" } else { "" }),
            ];
            match &r.score {
                Some(s) => {
                    row.extend(score_cells(s));
                    row.push(if s.denominator == 0 {
                        Cell::text("inga besvarade indikatorer")
                    } else {
                        Cell::Empty
                    });
                }
                None => {
                    row.extend(vec![Cell::Empty; SCORE_COLUMNS.len()]);
                    row.push(Cell::text("ingen rad i filen"));
                }
            }
            b.row(row);
        }
    }
}

fn over_tid(report: &Report, b: &mut Builder) {
    b.columns(&[
        ("Verksamhetsområde", Text),
        ("År", Number),
        (report.grouping_over_years().column(), Text),
    ]);
    b.columns(SCORE_COLUMNS);
    b.columns(&[
        ("Uppfyllda, jämförbara", Number),
        ("Nämnare, jämförbara", Number),
        ("Andel uppfyllda, jämförbara", Share),
        ("Anmärkning", Text),
    ]);
    for area in &report.areas {
        let n_common = area.years.common.len();
        for point in &area.years.years {
            let mut note = if !point.present {
                format!("{} saknas i tabellen", report.unit.name)
            } else if area.years.years.len() > 1 {
                format!("jämförbara: de {n_common} indikatorer som finns alla år")
            } else {
                String::new()
            };
            if let Some(change) = area
                .years
                .grouping_changes
                .iter()
                .find(|c| c.to_year == point.year)
            {
                note.push_str(&format!("; {}", change.sentence()));
            }
            let common_cells = |score: Option<&Score>| match score {
                Some(s) => vec![
                    Cell::Count(s.uppfyllda),
                    Cell::int(s.denominator),
                    Cell::share(s.share),
                ],
                None => vec![Cell::Empty; 3],
            };
            let mut row = vec![
                Cell::text(area.name.clone()),
                year_cell(point.year),
                Cell::text("Totalt"),
            ];
            row.extend(score_cells(&point.full.total));
            row.extend(common_cells(Some(&point.common.total)));
            row.push(Cell::text(note));
            b.row(row);
            for (group, score) in &point.full.quality {
                let common = point
                    .common
                    .quality
                    .iter()
                    .find(|(g, _)| g.key == group.key)
                    .map(|(_, s)| s);
                let mut row = vec![
                    Cell::text(area.name.clone()),
                    year_cell(point.year),
                    Cell::text(group.name.clone()),
                ];
                row.extend(score_cells(score));
                row.extend(common_cells(common));
                b.row(row);
            }
        }
    }
    for total in &report.total_by_year {
        let mut row = vec![
            Cell::text(ALL_AREAS),
            year_cell(total.year),
            Cell::text("Totalt"),
        ];
        row.extend(score_cells(&total.score));
        row.extend(vec![Cell::Empty; 3]);
        let names: Vec<&str> = total.areas.iter().map(|a| a.name()).collect();
        row.push(Cell::text(if total.complete {
            format!("samma områden som senaste året: {}", names.join(", "))
        } else {
            format!(
                "andra områden än senaste året, jämför inte rakt av: {}",
                names.join(", ")
            )
        }));
        b.row(row);
    }
}

/// "Kvalitetsindikator".
fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn enheter(report: &Report, b: &mut Builder) {
    b.columns(&[
        ("Verksamhetsområde", Text),
        ("År", Number),
        ("Tjänst", Text),
        ("Enhet", Text),
        ("Regi", Text),
        ("Indikator", Text),
        ("Svar", Text),
        ("Värde", Number),
        ("Räknas som", Text),
    ]);
    b.columns(SCORE_COLUMNS);
    b.columns(&[
        ("Kommunens enheter: andel med Ja", Share),
        ("Kommunens enheter: medelvärde", Number),
        ("Kommunen i filen", Number),
        ("Länet i filen", Number),
        ("Riket i filen", Number),
        ("Fil", Text),
        ("Blad", Text),
        ("Cell", Text),
    ]);
    let rule = report.options.delvis;
    let n_head = 9;
    for survey in &report.unit_surveys {
        let head = |unit: &str, regi: Option<&String>, indicator: &str| {
            vec![
                Cell::text(survey.area.name()),
                year_cell(survey.year),
                Cell::text(survey.service.clone()),
                Cell::text(unit),
                Cell::opt_text(regi.cloned()),
                Cell::text(indicator),
            ]
        };
        for unit in &survey.units {
            let mut row = head(&unit.name, unit.regi.as_ref(), "Samtliga indikatorer");
            row.extend(vec![Cell::Empty; n_head - row.len()]);
            row.extend(score_cells(&unit.figure.score));
            row.extend(vec![Cell::Empty; 5]);
            row.extend(unit.figure.cells.first().map_or(vec![Cell::Empty; 2], |c| {
                vec![Cell::text(c.file.clone()), Cell::text(c.sheet.clone())]
            }));
            row.push(Cell::text(unit.cell.clone()));
            b.row(row);
            for (indicator, answer) in survey.indicators.iter().zip(&unit.answers) {
                let mut row = head(&unit.name, unit.regi.as_ref(), &indicator.name);
                row.push(Cell::text(match answer.bucket {
                    Some(bucket) => bucket.label().to_owned(),
                    None => answer.raw.clone(),
                }));
                row.push(Cell::number(answer.value));
                row.push(Cell::text(match answer.bucket {
                    Some(bucket) => counted_as(bucket, rule),
                    None => "tal, räknas inte",
                }));
                row.extend(vec![Cell::Empty; SCORE_COLUMNS.len()]);
                let all = indicator.comparisons.iter().find(|c| c.regi.is_none());
                row.extend(aggregate_cells(all));
                row.extend(unit.figure.cells.first().map_or(vec![Cell::Empty; 2], |c| {
                    vec![Cell::text(c.file.clone()), Cell::text(c.sheet.clone())]
                }));
                row.push(Cell::opt_text(answer.cell.clone()));
                b.row(row);
            }
        }
        let pooled_rows = [
            (
                format!("Kommunens enheter ({})", report.unit.name),
                &survey.kommun_total,
            ),
            ("Samtliga enheter i filen".to_owned(), &survey.riket_total),
        ];
        for (who, pooled) in pooled_rows {
            for p in pooled.iter() {
                let mut row = head(&who, p.regi.as_ref(), "Samtliga indikatorer");
                row.extend(vec![Cell::Empty; n_head - row.len()]);
                row.extend(score_cells(&p.figure.score));
                b.row(row);
            }
        }
    }
}

/// The kommun's units recomputed and the kommun, län and riket as the file prints them.
fn aggregate_cells(aggregates: Option<&crate::compare::units::IndicatorAggregates>) -> Vec<Cell> {
    let Some(a) = aggregates else {
        return vec![Cell::Empty; 5];
    };
    let printed =
        |p: Option<&crate::compare::units::PrintedValue>| Cell::number(p.and_then(|p| p.value));
    vec![
        Cell::share(a.kommun_units.and_then(|s| s.share)),
        Cell::number(a.kommun_mean),
        printed(a.kommun.as_ref()),
        printed(a.lan.as_ref()),
        printed(a.riket.as_ref()),
    ]
}

/// The Källor sheet: the analysis and its rules, the peer sets, the files and how each table
/// was read, changed indicators and disagreeing aggregates, the warnings.
fn kallor(report: &Report, options: &ExportOptions, b: &mut Builder) {
    b.columns(&[
        ("Avsnitt", Text),
        ("Uppgift", Text),
        ("Verksamhetsområde", Text),
        ("År", Number),
        ("Fil", Text),
        ("Blad", Text),
        ("Läst som", Text),
        ("Enheter", Text),
        ("Indikatorer", Number),
        ("Anmärkning", Text),
    ]);
    kallor_analysis(report, options, b);
    kallor_peers(report, b);
    kallor_files(report, options, b);
    kallor_changes(report, b);
    for warning in &report.warnings {
        kallor_note(b, "Varning", warning.clone());
    }
}

/// A row of the Källor sheet with only its section and text.
fn kallor_note(b: &mut Builder, section: &str, text: String) {
    b.row(vec![Cell::text(section), Cell::text(text)]);
}

/// The Källor rows of the analysis: the unit, the date, the program, the rules, the choice.
fn kallor_analysis(report: &Report, options: &ExportOptions, b: &mut Builder) {
    kallor_note(
        b,
        "Analys",
        format!(
            "{} ({}), {}",
            report.unit.name,
            report.unit.code,
            report.unit.kind.label()
        ),
    );
    if let Some(date) = options.date {
        b.row(vec![
            Cell::text("Analys"),
            Cell::text("Datum"),
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::Date(date),
        ]);
    }
    kallor_note(
        b,
        "Analys",
        format!(
            "ÖJ-analys {} – filerna lästes i webbläsaren eller på kommandoraden, inget skickades någonstans.",
            env!("CARGO_PKG_VERSION")
        ),
    );
    for rule in rule_lines(report) {
        kallor_note(b, "Regel", rule);
    }
    kallor_note(
        b,
        "Jämförelsegrupp",
        format!("Vald: {}", report.options.jamfor.text()),
    );
}

/// The Källor rows of each area's peer set and its source.
fn kallor_peers(report: &Report, b: &mut Builder) {
    for area in &report.areas {
        let (text, source) = match (&area.peers, &area.peer_error) {
            (Some(p), _) => (
                format!(
                    "{}: {} ({} {})",
                    p.set.name,
                    p.set.members.join(", "),
                    p.set.members.len(),
                    if p.set.members.len() == 1 {
                        "enhet"
                    } else {
                        "enheter"
                    }
                ),
                format!("källa: {}", p.set.source_text),
            ),
            (None, Some(e)) => ("ingen jämförelse".to_owned(), e.clone()),
            (None, None) => ("ingen jämförelse".to_owned(), String::new()),
        };
        let mut row = vec![
            Cell::text("Jämförelsegrupp"),
            Cell::text(text),
            Cell::text(area.name.clone()),
            Cell::opt_int(area.year),
        ];
        row.extend(vec![Cell::Empty; 5]);
        row.push(Cell::text(source));
        b.row(row);
    }
}

/// The Källor rows of each table the report was built from, used or not, as it was read.
fn kallor_files(report: &Report, options: &ExportOptions, b: &mut Builder) {
    for used in &report.datasets {
        let source = options.sources.get(used.index as usize);
        let area = match (&used.area_label, used.area) {
            (Some(label), Some(area)) if label != area.name() => {
                format!("{} (i filen: {label})", area.name())
            }
            (_, Some(area)) => area.name().to_owned(),
            (Some(label), None) => format!("okänt (i filen: {label})"),
            (None, None) => "okänt".to_owned(),
        };
        let mut remarks = Vec::new();
        if let Some(s) = source {
            if let Some(t) = &s.title {
                remarks.push(format!("rubrik: {t}"));
            }
            if let Some(e) = &s.area_evidence {
                remarks.push(format!("området från {e}"));
            }
            if let Some(e) = &s.year_evidence {
                remarks.push(format!("året från {e}"));
            }
            if s.n_numeric > 0 {
                remarks.push(format!("{} nyckeltal", s.n_numeric));
            }
        }
        if !used.used {
            remarks.push(format!("används inte: {}", used.note));
        }
        b.row(vec![
            Cell::text("Fil"),
            Cell::text(if used.used {
                "används"
            } else {
                "används inte"
            }),
            Cell::text(area),
            Cell::opt_int(used.year),
            Cell::text(used.file.clone()),
            Cell::text(used.sheet.clone()),
            Cell::opt_text(source.map(|s| s.layout.label())),
            Cell::opt_text(source.map(|s| s.units_text())),
            Cell::opt_int(source.map(|s| s.n_indicators)),
            Cell::text(remarks.join("; ")),
        ]);
    }
}

/// The Källor rows of indicators changed between years and aggregates that disagree with their
/// recount.
fn kallor_changes(report: &Report, b: &mut Builder) {
    for area in &report.areas {
        for change in &area.years.changes {
            let years = format!(
                "{}–{}",
                change
                    .from_year
                    .map(|y| y.to_string())
                    .unwrap_or_else(|| "?".into()),
                change
                    .to_year
                    .map(|y| y.to_string())
                    .unwrap_or_else(|| "?".into())
            );
            let mut text = format!("{}: {}", change.kind.label(), change.name);
            if let Some(previous) = &change.previous_name {
                text.push_str(&format!(" (tidigare: {previous})"));
            }
            let mut row = vec![
                Cell::text("Ändrad indikator"),
                Cell::text(text),
                Cell::text(area.name.clone()),
                Cell::opt_int(change.to_year),
            ];
            row.extend(vec![Cell::Empty; 5]);
            row.push(Cell::text(years));
            b.row(row);
        }
        for d in &area.aggregate_disagreements {
            let s = &d.share;
            let mut row = vec![
                Cell::text("Avvikelse"),
                Cell::text(format!(
                    "{}, {}: filen anger {} %, omräknat {}",
                    s.name,
                    d.indicator_name,
                    s.printed.map(sv::number).unwrap_or_default(),
                    s.recomputed
                        .share
                        .map(Ratio::percent_sv)
                        .unwrap_or_else(|| "–".into())
                )),
                Cell::text(area.name.clone()),
                Cell::opt_int(area.year),
            ];
            row.extend(vec![Cell::Empty; 5]);
            row.push(Cell::opt_text(s.printed_cell.clone()));
            b.row(row);
        }
    }
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
}
