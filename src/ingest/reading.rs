//! The reading report: how a file was read, sheet by sheet and dataset by dataset, and warnings.
//!
//! Plain serde data for the Tolkning view and `oj-analys inspect`; [`Reading::to_swedish_text`]
//! renders it for the terminal. `Reading::datasets[i]` describes `Workbook::datasets[i]`.

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use super::sniff::Format;
use super::text::TextInfo;
use crate::model::{
    column_letters, AreaLabel, CellRef, Dataset, Found, IndicatorCategory, IndicatorKind,
    IndicatorType, Layout, QualityArea, QualityDimension, UnitKind,
};

/// How one file was read (everything the Tolkning view and `oj-analys inspect` show).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Reading {
    pub file: String,
    pub format: Format,
    /// Encoding and delimiter, for text files.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<TextInfo>,
    /// A key for this file's layout (sheet names and each dataset's [`DatasetReading::layout_key`]),
    /// stable across files of the same layout; values do not enter it.
    pub layout_key: String,
    pub sheets: Vec<SheetReading>,
    /// One per dataset, in the order of `Workbook::datasets`.
    pub datasets: Vec<DatasetReading>,
}

/// One sheet and what it was taken as.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SheetReading {
    pub name: String,
    pub hidden: bool,
    /// Non-empty cells.
    pub n_cells: u64,
    pub role: SheetRole,
    /// Why, in Swedish ("första raden: \"Den här sidan ger information …\"").
    pub reason: String,
    /// Indices into [`Reading::datasets`] of the tables read from this sheet.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub datasets: Vec<u32>,
}

/// What a sheet was taken as.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SheetRole {
    /// One or more tables were read from it.
    Table,
    /// A sheet of text around the tables, not data.
    NonData {
        kind: NonDataKind,
    },
    /// An indicator-description sheet: the hierarchy of indicators.
    Descriptions {
        n_indicators: u32,
    },
    Empty,
    /// Not recognised as a table; nothing read.
    Unrecognised,
    /// Left out at the user's request.
    Skipped,
}

/// The non-data sheets of Socialstyrelsen's template.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum NonDataKind {
    Innehallsforteckning,
    MerInformation,
    OmStatistiken,
    DefinitionerOchMatt,
    Ordlista,
    /// Another text sheet (instructions, contact, method).
    Information,
}

impl NonDataKind {
    pub fn label(self) -> &'static str {
        match self {
            NonDataKind::Innehallsforteckning => "innehållsförteckning",
            NonDataKind::MerInformation => "mer information",
            NonDataKind::OmStatistiken => "om statistiken",
            NonDataKind::DefinitionerOchMatt => "definitioner och mått",
            NonDataKind::Ordlista => "ordlista",
            NonDataKind::Information => "information",
        }
    }
}

/// Where the units of a table are.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum UnitAxis {
    /// Units in rows, named in this column.
    Column { col: u32, header: String },
    /// Units in columns, named in this row (transposed tables).
    Row { row: u32, header: String },
    /// The table names no units; it is read as one unit of this kind (e.g. a national table).
    Implicit { kind: UnitKind },
}

/// A column of the table other than the values: its role and header.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnRole {
    pub col: u32,
    pub header: String,
    pub role: LabelRole,
}

/// What a label column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum LabelRole {
    /// The unit names.
    Unit,
    /// The units' codes (used when a name is not recognised), kept as an attribute.
    UnitCode,
    /// A grouping of the units (län, kommungrupp …): `Unit::attributes`.
    Attribute,
    /// An extra dimension (Kön, Ålder, År …): `Dataset::dimensions`.
    Dimension,
    /// The indicator of each row (long tables).
    Indicator,
    /// Indicator hierarchy or code (transposed tables).
    Hierarchy,
    /// Service units (enheter) with their kommun in the unit column.
    Enhet,
}

impl LabelRole {
    pub fn label(self) -> &'static str {
        match self {
            LabelRole::Unit => "enhet",
            LabelRole::UnitCode => "enhetskod",
            LabelRole::Attribute => "gruppering",
            LabelRole::Dimension => "dimension",
            LabelRole::Indicator => "indikator",
            LabelRole::Hierarchy => "indikatorhierarki",
            LabelRole::Enhet => "verksamhetsenhet",
        }
    }
}

/// How many units of each kind a dataset has.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitCounts {
    pub kommuner: u32,
    pub stadsdelar: u32,
    pub storstader: u32,
    pub lan: u32,
    pub riket: u32,
    pub enheter: u32,
    pub okanda: u32,
}

impl UnitCounts {
    pub fn of(dataset: &Dataset) -> UnitCounts {
        let mut c = UnitCounts::default();
        for unit in &dataset.units {
            let slot = match unit.kind {
                UnitKind::Kommun => &mut c.kommuner,
                UnitKind::Stadsdel => &mut c.stadsdelar,
                UnitKind::Storstad => &mut c.storstader,
                UnitKind::Lan => &mut c.lan,
                UnitKind::Riket => &mut c.riket,
                UnitKind::Enhet => &mut c.enheter,
                UnitKind::Okand => &mut c.okanda,
            };
            *slot = slot.saturating_add(1);
        }
        c
    }

    pub fn total(&self) -> u32 {
        [
            self.kommuner,
            self.stadsdelar,
            self.storstader,
            self.lan,
            self.riket,
            self.enheter,
            self.okanda,
        ]
        .iter()
        .fold(0u32, |a, b| a.saturating_add(*b))
    }
}

/// Indicators of a dataset by kind and by quality area.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndicatorCounts {
    pub categorical: u32,
    pub numeric: u32,
    /// By the quality label as written in the file, in order of first appearance; `label` is
    /// `None` for indicators without one.
    pub by_quality: Vec<QualityCount>,
    /// By category (kvalitetsindikator, välfärdsindikator, nyckeltal), in that order, when the
    /// file names categories (the model of 2023–).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub by_category: Vec<(IndicatorCategory, u32)>,
    /// By type (struktur, process, resultat), when the file names types.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub by_type: Vec<(IndicatorType, u32)>,
    /// How many indicators count in fulfilment fractions (categorical kvalitetsindikatorer),
    /// when the file names categories.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counted: Option<u32>,
    /// The indicators with a note on comparability with earlier years: (name, note).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub comparability: Vec<(String, String)>,
}

/// Indicators under one quality label.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QualityCount {
    pub label: Option<String>,
    pub area: Option<QualityArea>,
    /// The kvalitetsdimension, when the table groups by dimensions (then `area` is `None`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dimension: Option<QualityDimension>,
    pub count: u32,
}

impl IndicatorCounts {
    pub fn of(dataset: &Dataset) -> IndicatorCounts {
        let mut c = IndicatorCounts::default();
        for ind in &dataset.indicators {
            match ind.kind {
                IndicatorKind::Categorical => c.categorical = c.categorical.saturating_add(1),
                IndicatorKind::Numeric { .. } => c.numeric = c.numeric.saturating_add(1),
            }
            let label = ind.quality.as_ref().map(|q| q.label.clone());
            let area = ind.quality.as_ref().and_then(|q| q.area);
            let dimension = ind.quality.as_ref().and_then(|q| q.dimension);
            match c
                .by_quality
                .iter_mut()
                .find(|q| q.label == label && q.area == area && q.dimension == dimension)
            {
                Some(q) => q.count = q.count.saturating_add(1),
                None => c.by_quality.push(QualityCount {
                    label,
                    area,
                    dimension,
                    count: 1,
                }),
            }
            if ind.category.is_some() {
                let counted = c.counted.get_or_insert(0);
                if ind.counts_in_fulfilment() {
                    *counted = counted.saturating_add(1);
                }
            }
            if let Some(note) = &ind.comparability {
                c.comparability.push((ind.name.clone(), note.clone()));
            }
        }
        let count = |f: &dyn Fn(&crate::model::Indicator) -> bool| {
            u32::try_from(dataset.indicators.iter().filter(|i| f(i)).count()).unwrap_or(u32::MAX)
        };
        for category in [
            IndicatorCategory::Kvalitetsindikator,
            IndicatorCategory::Valfardsindikator,
            IndicatorCategory::Nyckeltal,
        ] {
            let n = count(&|i| i.category == Some(category));
            if n > 0 {
                c.by_category.push((category, n));
            }
        }
        for typ in [
            IndicatorType::Struktur,
            IndicatorType::Process,
            IndicatorType::Resultat,
        ] {
            let n = count(&|i| i.indicator_type == Some(typ));
            if n > 0 {
                c.by_type.push((typ, n));
            }
        }
        c
    }
}

/// An extra dimension of a dataset, summarised.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DimensionSummary {
    pub name: String,
    pub n_values: u32,
    /// Up to five values, as written.
    pub examples: Vec<String>,
}

/// What a reader should know about a dataset: something doubtful, with how often and examples.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    pub kind: WarningKind,
    /// How many cells, rows or columns it concerns.
    pub count: u32,
    /// Up to five examples, each with its cell ("Okänt (A68)").
    pub examples: Vec<String>,
    /// The whole warning in Swedish.
    pub message: String,
}

/// Kinds of warnings, for the UI to group and filter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum WarningKind {
    /// Unit labels that matched no kommun, stadsdel, län or riket: kept as okända.
    UnmatchedUnits,
    /// The same unit (and dimensions) on more than one row: the first is used.
    DuplicateUnits,
    /// Cell texts that are no known outcome, number or absence: kept as text.
    UnknownValues,
    /// Indicator columns without a single value.
    EmptyIndicators,
    /// The table names no units; read as one unit.
    ImplicitUnit,
    /// Rows with values but no unit label.
    RowsWithoutUnit,
    /// Aggregate shares written as fractions 0–1, read as percent.
    SharesScaled,
    /// Quality labels that cover more than one quality area (Individanpassad): the user chooses.
    AmbiguousQuality,
    /// A table that mixes kvalitetsdimensioner and kvalitetsområden: grouped by the majority.
    MixedQuality,
    /// A table too sparse for its empty cells to be read as bortfall.
    SparseTable,
    /// Columns of values without a header.
    UnnamedColumns,
}

/// How one dataset was read.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DatasetReading {
    pub sheet: String,
    /// Index into `Workbook::datasets`.
    pub index: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The English title row of Socialstyrelsen's template, when present.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_en: Option<String>,
    pub layout: Layout,
    /// A key for this table's layout: sheet name, layout and header texts (never values). The
    /// UI stores the user's corrections under it and re-applies them to the same layout.
    pub layout_key: String,
    /// Whether Socialstyrelsen's template was recognised (accessibility sentence, "Tabell N."
    /// title, "Källa:" footnotes).
    pub template: bool,
    /// The header rows, 0-based, top to bottom.
    pub header_rows: Vec<u32>,
    /// First and last data row, 0-based.
    pub data_rows: (u32, u32),
    pub unit_axis: UnitAxis,
    /// The label columns and what each holds.
    pub columns: Vec<ColumnRole>,
    /// How many columns (or, transposed, rows) hold values.
    pub n_value_lines: u32,
    pub units: UnitCounts,
    pub indicators: IndicatorCounts,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dimensions: Vec<DimensionSummary>,
    pub n_observations: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<Found<AreaLabel>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<Found<u16>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub footnotes: Vec<String>,
    /// Other facts worth knowing ("hierarkin hämtad från bladet Indikatorbeskrivningar …").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Warning>,
    /// The user's corrections applied to this dataset, in Swedish.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub corrections: Vec<String>,
}

impl DatasetReading {
    /// Recomputes the parts of the summary that follow from the dataset itself.
    pub fn refresh(&mut self, dataset: &Dataset) {
        self.units = UnitCounts::of(dataset);
        self.indicators = IndicatorCounts::of(dataset);
        self.area = dataset.area.clone();
        self.year = dataset.year.clone();
        self.n_observations = u64::try_from(dataset.observations.len()).unwrap_or(u64::MAX);
        self.dimensions = dataset
            .dimensions
            .iter()
            .map(|d| DimensionSummary {
                name: d.name.clone(),
                n_values: u32::try_from(d.values.len()).unwrap_or(u32::MAX),
                examples: d.values.iter().take(5).cloned().collect(),
            })
            .collect();
    }
}

/// Collects examples for a warning: counts every occurrence, keeps the first five distinct.
#[derive(Clone, Debug, Default)]
pub struct ExampleCounter {
    pub count: u32,
    pub examples: Vec<String>,
}

impl ExampleCounter {
    pub fn add(&mut self, text: &str, cell: CellRef) {
        self.count = self.count.saturating_add(1);
        if self.examples.len() < 5
            && !self
                .examples
                .iter()
                .any(|e| e.starts_with(&format!("\"{text}\"")))
        {
            self.examples.push(format!("\"{text}\" ({})", cell.a1()));
        }
    }

    /// The warning, when anything was counted.
    pub fn warning(
        self,
        kind: WarningKind,
        message: impl FnOnce(u32) -> String,
    ) -> Option<Warning> {
        (self.count > 0).then(|| {
            let mut text = message(self.count);
            if !self.examples.is_empty() {
                let _ = write!(text, " Exempel: {}.", self.examples.join(", "));
            }
            Warning {
                kind,
                count: self.count,
                examples: self.examples,
                message: text,
            }
        })
    }
}

impl Reading {
    /// The report in Swedish, for the terminal.
    pub fn to_swedish_text(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "Fil: {}", self.file);
        let _ = write!(out, "Format: {}", self.format.label());
        if let Some(t) = &self.text {
            let delimiter = match t.delimiter {
                '\t' => "tabb".to_owned(),
                c => format!("\"{c}\""),
            };
            let _ = write!(
                out,
                ", teckenkodning {}, avgränsare {delimiter}",
                t.encoding.label()
            );
        }
        out.push('\n');
        let _ = writeln!(
            out,
            "{} blad, {} {} lästa",
            self.sheets.len(),
            self.datasets.len(),
            if self.datasets.len() == 1 {
                "tabell"
            } else {
                "tabeller"
            }
        );
        out.push_str("\nBlad:\n");
        for sheet in &self.sheets {
            let role = match &sheet.role {
                SheetRole::Table => match sheet.datasets.len() {
                    1 => "tabell".to_owned(),
                    n => format!("{n} tabeller"),
                },
                SheetRole::NonData { kind } => format!("inte data ({})", kind.label()),
                SheetRole::Descriptions { n_indicators } => {
                    format!("indikatorbeskrivningar ({n_indicators} indikatorer)")
                }
                SheetRole::Empty => "tomt".to_owned(),
                SheetRole::Unrecognised => "ingen tabell hittad".to_owned(),
                SheetRole::Skipped => "hoppades över (ditt val)".to_owned(),
            };
            let hidden = if sheet.hidden { " [dolt]" } else { "" };
            let _ = write!(out, "  {}{hidden}: {role}", sheet.name);
            if !sheet.reason.is_empty() {
                let _ = write!(out, " – {}", sheet.reason);
            }
            out.push('\n');
        }
        for d in &self.datasets {
            out.push('\n');
            d.write_swedish(&mut out);
        }
        out
    }
}

impl DatasetReading {
    fn write_swedish(&self, out: &mut String) {
        let _ = writeln!(out, "Tabell på bladet {}:", self.sheet);
        self.write_layout(out);
        self.write_contents(out);
        self.write_sources_and_warnings(out);
    }

    /// Title, layout, header and data rows, and where the units and the other columns are.
    fn write_layout(&self, out: &mut String) {
        if let Some(title) = &self.title {
            let _ = writeln!(out, "  Rubrik: {title}");
        }
        let _ = writeln!(
            out,
            "  Layout: {}{}",
            self.layout.label(),
            if self.template {
                ", Socialstyrelsens mall"
            } else {
                ""
            }
        );
        let rows: Vec<String> = self
            .header_rows
            .iter()
            .map(|r| u64::from(*r).saturating_add(1).to_string())
            .collect();
        if rows.is_empty() {
            out.push_str("  Rubrikrader: inga\n");
        } else {
            let _ = writeln!(
                out,
                "  Rubrikrader: {} (rad {})",
                rows.len(),
                rows.join(", ")
            );
        }
        let _ = writeln!(
            out,
            "  Datarader: {}–{}",
            u64::from(self.data_rows.0).saturating_add(1),
            u64::from(self.data_rows.1).saturating_add(1)
        );
        match &self.unit_axis {
            UnitAxis::Column { col, header } => {
                let _ = writeln!(
                    out,
                    "  Enheter i kolumn {} \"{}\"",
                    column_letters(*col),
                    header
                );
            }
            UnitAxis::Row { row, header } => {
                let _ = writeln!(
                    out,
                    "  Enheter i rad {} \"{}\"",
                    u64::from(*row).saturating_add(1),
                    header
                );
            }
            UnitAxis::Implicit { kind } => {
                let _ = writeln!(
                    out,
                    "  Ingen enhetskolumn: tabellen läses som {}",
                    kind.label()
                );
            }
        }
        let others: Vec<String> = self
            .columns
            .iter()
            .filter(|c| c.role != LabelRole::Unit)
            .map(|c| {
                format!(
                    "{} \"{}\" ({})",
                    column_letters(c.col),
                    c.header,
                    c.role.label()
                )
            })
            .collect();
        if !others.is_empty() {
            let _ = writeln!(out, "  Övriga kolumner: {}", others.join(", "));
        }
    }

    /// Units by kind, indicators by kind and quality label, dimensions, the number of values.
    /// The model of 2023–: categories (and how many count in fulfilment), types, and the
    /// indicators whose comparability with earlier years the file notes.
    fn write_categories(&self, out: &mut String) {
        let i = &self.indicators;
        if !i.by_category.is_empty() {
            let parts: Vec<String> = i
                .by_category
                .iter()
                .map(|(c, n)| {
                    let name = match (c, *n == 1) {
                        (IndicatorCategory::Kvalitetsindikator, true) => "kvalitetsindikator",
                        (IndicatorCategory::Kvalitetsindikator, false) => "kvalitetsindikatorer",
                        (IndicatorCategory::Valfardsindikator, true) => "välfärdsindikator",
                        (IndicatorCategory::Valfardsindikator, false) => "välfärdsindikatorer",
                        (IndicatorCategory::Nyckeltal, _) => "nyckeltal",
                    };
                    format!("{n} {name}")
                })
                .collect();
            let _ = writeln!(
                out,
                "  Kategorier: {}; {} räknas som uppfyllda eller inte (kvalitetsindikatorer med svar Ja/Delvis/Nej), övriga jämförs som tal",
                parts.join(", "),
                i.counted.unwrap_or(0)
            );
        }
        if !i.by_type.is_empty() {
            let parts: Vec<String> = i
                .by_type
                .iter()
                .map(|(t, n)| format!("{n} {}", t.label()))
                .collect();
            let _ = writeln!(out, "  Typer: {}", parts.join(", "));
        }
        for (name, note) in &i.comparability {
            let _ = writeln!(out, "  Jämförbarhet, \"{name}\": {note}");
        }
    }

    fn write_contents(&self, out: &mut String) {
        let u = &self.units;
        let mut parts = Vec::new();
        for (n, one, many) in [
            (u.kommuner, "kommun", "kommuner"),
            (u.stadsdelar, "stadsdel", "stadsdelar"),
            (u.storstader, "storstad", "storstäder"),
            (u.lan, "län", "län"),
            (u.riket, "riket", "riket"),
            (u.enheter, "enhet", "enheter"),
            (u.okanda, "okänd", "okända"),
        ] {
            if n > 0 {
                parts.push(format!("{n} {}", if n == 1 { one } else { many }));
            }
        }
        let _ = writeln!(
            out,
            "  Enheter: {}",
            if parts.is_empty() {
                "inga".to_owned()
            } else {
                parts.join(", ")
            }
        );
        let i = &self.indicators;
        let _ = writeln!(
            out,
            "  Indikatorer: {} kategoriska, {} numeriska",
            i.categorical, i.numeric
        );
        let by_dimension = i.by_quality.iter().any(|q| q.dimension.is_some());
        if by_dimension {
            out.push_str("  Grupperade efter kvalitetsdimension (modellen från 2023):\n");
        }
        for q in &i.by_quality {
            let label = q.label.clone().unwrap_or_else(|| {
                if by_dimension {
                    "utan kvalitetsdimension".into()
                } else {
                    "utan kvalitetsområde".into()
                }
            });
            let mapped = match (q.label.as_ref(), q.area, q.dimension) {
                (Some(l), _, Some(d))
                    if !crate::model::normalize_label(l)
                        .starts_with(&crate::model::normalize_label(d.name())) =>
                {
                    format!(" → kvalitetsdimension {}", d.name())
                }
                (Some(_), _, Some(_)) => String::new(),
                (Some(l), Some(a), None) if a.name() != l => format!(" → {}", a.name()),
                (Some(_), None, None) if by_dimension => " → (ingen kvalitetsdimension)".into(),
                (Some(_), None, None) => " → (inget entydigt kvalitetsområde)".into(),
                _ => String::new(),
            };
            let _ = writeln!(out, "    {label}{mapped}: {}", q.count);
        }
        self.write_categories(out);
        for d in &self.dimensions {
            let _ = writeln!(
                out,
                "  Dimension {}: {} värden ({})",
                d.name,
                d.n_values,
                d.examples.join(", ")
            );
        }
        let _ = writeln!(out, "  Värden: {}", self.n_observations);
    }

    /// Area and year with their sources, footnotes, notes, corrections, warnings, layout key.
    fn write_sources_and_warnings(&self, out: &mut String) {
        match &self.area {
            Some(a) => {
                let name = a.value.area.map_or("okänt område", |x| x.name());
                let _ = writeln!(
                    out,
                    "  Område: {name} (\"{}\", {})",
                    a.value.label, a.evidence.source
                );
            }
            None => out.push_str("  Område: hittades inte\n"),
        }
        match &self.year {
            Some(y) => {
                let _ = writeln!(out, "  År: {} ({})", y.value, y.evidence.source);
            }
            None => out.push_str("  År: hittades inte\n"),
        }
        for f in &self.footnotes {
            let _ = writeln!(out, "  Fotnot: {f}");
        }
        for n in &self.notes {
            let _ = writeln!(out, "  Not: {n}");
        }
        for c in &self.corrections {
            let _ = writeln!(out, "  Rättelse: {c}");
        }
        for w in &self.warnings {
            let _ = writeln!(out, "  Varning: {}", w.message);
        }
        let _ = writeln!(out, "  Layoutnyckel: {}", self.layout_key);
    }
}

/// A stable 64-bit FNV-1a hash as 16 hex digits: the same texts give the same key on every
/// platform and in every version of the program.
pub fn stable_key<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.bytes().chain(std::iter::once(0x1f)) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_keys_depend_on_texts_and_their_boundaries() {
        assert_eq!(stable_key(["a", "b"]), stable_key(["a", "b"]));
        assert_ne!(stable_key(["ab"]), stable_key(["a", "b"]));
        assert_eq!(stable_key(["Blad1"]).len(), 16);
    }
}
