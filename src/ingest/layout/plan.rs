//! The plan of a table: where its units are and why, what every label column holds and why, its
//! header rows, its indicators with their hierarchy and columns, its years and its layout —
//! decided in one stage from the block analysis, before any value is read.
//!
//! A plan is plain data that prints ([`std::fmt::Display`]) for tests and for debugging; the
//! readers ([`super::rows`], [`super::transposed`]) turn it into a dataset. A new layout is a new
//! rule in one of the deciding steps (`plan/axis.rs` for the unit axis, `plan/rows.rs` for
//! units in rows, `plan/transposed.rs` for units in columns) and a new case in the plan tests.

mod axis;
mod rows;
mod transposed;

use std::fmt;

use super::block::{Analysis, BlockCtx};
use super::stub::StubRows;
use super::words::Level;
use crate::ingest::reading::{LabelRole, UnitAxis};
use crate::ingest::units::LabelCache;
use crate::model::{column_letters, CellRef, Indicator, Layout, UnitKind};

/// How a table is to be read.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    pub layout: Layout,
    /// The table's title and English title (a numbered title when there is one).
    pub title: Option<String>,
    pub title_en: Option<String>,
    /// The notes under the table ("Källa: …").
    pub footnotes: Vec<String>,
    /// The header rows, top to bottom.
    pub header_rows: Vec<u32>,
    /// The first and last data row.
    pub data_rows: (u32, u32),
    pub units: Units,
    /// Every label column, left to right (the unit column among them).
    pub columns: Vec<LabelColumn>,
    /// Every value column (transposed: the units' columns), left to right.
    pub values: Vec<ValueColumn>,
    /// The indicators named by the header rows (wide tables); long and transposed tables name
    /// theirs row by row.
    pub indicators: Vec<PlannedIndicator>,
    /// The extra dimensions in order (År last when the value columns are years).
    pub dimensions: Vec<String>,
    /// Whether a dimension is time (År, Månad …): the table's year is then not one year.
    pub time_dimension: bool,
    /// Quality labels in the header rows that map to no single quality area.
    pub ambiguous_quality: Vec<String>,
    /// Header texts above the indicator hierarchy: sources for area and year.
    pub extra_titles: Vec<(CellRef, String)>,
}

/// Where a table's units are.
#[derive(Clone, Debug, PartialEq)]
pub enum Units {
    /// Units in rows, named in this label column.
    Column { col: u32, why: Reason },
    /// Units in columns, named in this header row; other header rows give their attributes
    /// (row, name), a row headed as codes their codes.
    Row {
        row: u32,
        /// The label left of the units in their row ("" when none).
        header: String,
        /// Labels in the row that match units, and in the best label column.
        hits: u32,
        column_hits: u32,
        attributes: Vec<(u32, String)>,
        code_row: Option<u32>,
    },
    /// No column or row names units: the table is riket's. Its rows' cells are referred to
    /// column `cell_col`.
    Implicit { column_hits: u32, cell_col: u32 },
}

/// A label column and what it holds.
#[derive(Clone, Debug, PartialEq)]
pub struct LabelColumn {
    pub col: u32,
    /// Its header, or "Kolumn C".
    pub header: String,
    pub role: Role,
    pub why: Reason,
    /// Blank cells take the label above (a label spanning rows).
    pub filled_down: bool,
}

/// What a label column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// The unit names.
    Unit,
    /// The units' codes: a unit whose name is not recognised is found by its code.
    UnitCode,
    /// A grouping of the units (län, kommungrupp): the units' attributes.
    Grouping,
    /// An extra dimension (Kön, Ålder, År, Regi).
    Dimension,
    /// Service units (enheter), with their kommun in the unit column.
    Enhet,
    /// The indicator of each row (long and transposed tables).
    Indicator,
    /// A level of each row's indicator hierarchy (long and transposed tables).
    Level(Level),
    /// Each row's measure (transposed tables).
    Measure,
}

impl Role {
    /// The role as the reading report names it.
    pub fn label_role(self, layout: Layout) -> LabelRole {
        match (self, layout) {
            (_, Layout::Transposed) | (Role::Level(_) | Role::Measure, _) => LabelRole::Hierarchy,
            (Role::Unit, _) => LabelRole::Unit,
            (Role::UnitCode, _) => LabelRole::UnitCode,
            (Role::Grouping, _) => LabelRole::Attribute,
            (Role::Dimension, _) => LabelRole::Dimension,
            (Role::Enhet, _) => LabelRole::Enhet,
            (Role::Indicator, _) => LabelRole::Indicator,
        }
    }
}

/// Why a decision was taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    /// The user chose it.
    Chosen,
    /// This many of its distinct labels match kommuner, län or riket (codes count a quarter).
    Matches(u32),
    /// Its header's words say so.
    HeaderWord,
    /// Constant within each unit.
    ConstantPerUnit,
    /// Varies within a unit.
    VariesWithinUnits,
    /// There is no unit column to be constant within.
    NoUnitColumn,
    /// Almost every row has a label of its own, and units repeat.
    OwnLabelPerRow,
    /// Few value columns, units repeat, and it varies within them: a long table.
    LongTable,
    /// Headed as an indicator, but another column is, or there are more than three value columns.
    NotTheIndicator,
    /// Headed as a level of the hierarchy, but the table is wide.
    HierarchyInWide,
    /// Four fifths of its labels are indicator codes.
    Codes,
    /// Half of its labels are quality areas.
    QualityLabels,
    /// The rightmost label column not headed otherwise.
    Rightmost,
    /// What is left: the indicator areas.
    Remaining,
}

/// A value column: the indicator it holds and its year (year columns).
#[derive(Clone, Debug, PartialEq)]
pub struct ValueColumn {
    pub col: u32,
    /// Its header, or "Kolumn C" (transposed: empty; the unit row names the column).
    pub header: String,
    /// Index into [`Plan::indicators`].
    pub indicator: Option<usize>,
    pub year: Option<String>,
}

/// An indicator named by the header rows.
#[derive(Clone, Debug, PartialEq)]
pub struct PlannedIndicator {
    pub indicator: Indicator,
    /// The unit of measure its header names, used if it turns out numeric.
    pub measure: Option<String>,
    /// Its column has no header (it is called "Kolumn C").
    pub unnamed: bool,
}

/// What the deciding stage gives a reader: the plan, and for units in rows the labels read.
pub enum Planned {
    Rows(Plan, StubRows),
    Transposed(Plan),
}

/// Decides how a block is to be read.
pub fn plan(ctx: &BlockCtx<'_>, analysis: &Analysis, cache: &mut LabelCache) -> Planned {
    match axis::choose(ctx, analysis, cache) {
        axis::Axis::Row {
            row,
            hits,
            column_hits,
        } => Planned::Transposed(transposed::plan(ctx, analysis, row, hits, column_hits)),
        axis::Axis::Column { col, hits } => {
            let stub = StubRows::read(ctx.grid, analysis, col, cache);
            let why = if ctx.forced_unit.is_some() {
                Reason::Chosen
            } else {
                Reason::Matches(hits)
            };
            let unit = UnitChoice {
                cell_col: col.unwrap_or(0),
                hits,
                why,
            };
            Planned::Rows(rows::plan(ctx, analysis, &stub, unit), stub)
        }
    }
}

/// The unit column as chosen, for the plan of a table with units in rows.
struct UnitChoice {
    /// The chosen column (column A when none), where an implicit unit's cells are.
    cell_col: u32,
    hits: u32,
    why: Reason,
}

impl Plan {
    /// A plan of `layout` with the block's titles, footnotes, header and data rows and `units`;
    /// columns, values, indicators and dimensions still empty.
    fn new(ctx: &BlockCtx<'_>, analysis: &Analysis, layout: Layout, units: Units) -> Plan {
        let (title, title_en) = ctx.block.chosen_titles();
        Plan {
            layout,
            title,
            title_en,
            footnotes: ctx.block.footnotes.iter().map(|(_, f)| f.clone()).collect(),
            header_rows: analysis.header_rows.clone(),
            data_rows: analysis.data_rows(),
            units,
            columns: Vec::new(),
            values: Vec::new(),
            indicators: Vec::new(),
            dimensions: Vec::new(),
            time_dimension: false,
            ambiguous_quality: Vec::new(),
            extra_titles: Vec::new(),
        }
    }

    /// The position among [`Plan::columns`] of the first column in `role`.
    pub fn position(&self, role: Role) -> Option<usize> {
        self.columns.iter().position(|c| c.role == role)
    }

    /// The first column in `role`.
    pub fn column(&self, role: Role) -> Option<u32> {
        self.position(role)
            .and_then(|p| self.columns.get(p))
            .map(|c| c.col)
    }

    /// Positions among [`Plan::columns`] of the columns in `role`, left to right.
    pub fn positions(&self, role: Role) -> Vec<usize> {
        self.columns
            .iter()
            .enumerate()
            .filter(|(_, c)| c.role == role)
            .map(|(i, _)| i)
            .collect()
    }

    /// The unit column, when the units are in rows and named.
    pub fn unit_col(&self) -> Option<u32> {
        match self.units {
            Units::Column { col, .. } => Some(col),
            _ => None,
        }
    }

    /// The units' axis as the reading report gives it.
    pub fn unit_axis(&self) -> UnitAxis {
        match &self.units {
            Units::Column { col, .. } => UnitAxis::Column {
                col: *col,
                header: self
                    .columns
                    .iter()
                    .find(|c| c.col == *col)
                    .map(|c| c.header.clone())
                    .unwrap_or_default(),
            },
            Units::Row { row, header, .. } => UnitAxis::Row {
                row: *row,
                header: header.clone(),
            },
            Units::Implicit { .. } => UnitAxis::Implicit {
                kind: UnitKind::Riket,
            },
        }
    }
}

impl fmt::Display for Plan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let layout = match self.layout {
            Layout::Wide => "wide",
            Layout::Long => "long",
            Layout::Transposed => "transposed",
        };
        let (first, last) = self.data_rows;
        write!(f, "{layout}; header rows {}", rows_list(&self.header_rows))?;
        writeln!(f, "; data rows {}–{}", one_based(first), one_based(last))?;
        for (what, title) in [("title", &self.title), ("english title", &self.title_en)] {
            if let Some(t) = title {
                writeln!(f, "{what}: {t:?}")?;
            }
        }
        for note in &self.footnotes {
            writeln!(f, "footnote: {note:?}")?;
        }
        writeln!(f, "units: {}", self.units)?;
        for c in &self.columns {
            let filled = if c.filled_down { ", filled down" } else { "" };
            let (letters, header, role, why) = (column_letters(c.col), &c.header, c.role, c.why);
            writeln!(f, "{letters} {header:?}: {role} ({why}{filled})")?;
        }
        self.fmt_values(f)?;
        if !self.dimensions.is_empty() {
            let time = if self.time_dimension { " (time)" } else { "" };
            writeln!(f, "dimensions: {}{time}", self.dimensions.join(", "))?;
        }
        for q in &self.ambiguous_quality {
            writeln!(f, "ambiguous quality label: {q:?}")?;
        }
        for (cell, text) in &self.extra_titles {
            writeln!(f, "header text {}: {text:?}", cell.a1())?;
        }
        Ok(())
    }
}

impl Plan {
    /// Value columns without an indicator of their own in one line; each indicator with its
    /// hierarchy and its columns (and years) on a line of its own.
    fn fmt_values(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let loose: Vec<String> = self
            .values
            .iter()
            .filter(|v| v.indicator.is_none())
            .map(|v| match v.header.as_str() {
                "" => column_letters(v.col),
                h => format!("{} {h:?}", column_letters(v.col)),
            })
            .collect();
        if !loose.is_empty() {
            writeln!(f, "values: {}", loose.join(", "))?;
        }
        for (i, planned) in self.indicators.iter().enumerate() {
            let cols: Vec<String> = self
                .values
                .iter()
                .filter(|v| v.indicator == Some(i))
                .map(|v| match &v.year {
                    Some(y) => format!("{} {y}", column_letters(v.col)),
                    None => column_letters(v.col),
                })
                .collect();
            writeln!(f, "{}: {planned}", cols.join(", "))?;
        }
        Ok(())
    }
}

impl fmt::Display for PlannedIndicator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ind = &self.indicator;
        write!(f, "{:?}", ind.name)?;
        if let Some(code) = &ind.code {
            write!(f, " [{code}]")?;
        }
        let levels: Vec<String> = [
            ind.quality.as_ref().map(|q| match q.area {
                Some(area) if area.name() == q.label => q.label.clone(),
                Some(area) => format!("{} (= {})", q.label, area.name()),
                None => format!("{} (no quality area)", q.label),
            }),
            ind.indicator_area.clone(),
        ]
        .into_iter()
        .flatten()
        .collect();
        if !levels.is_empty() {
            write!(f, " in {}", levels.join(" > "))?;
        }
        let kinds: Vec<&str> = [
            ind.category.map(|c| c.label()),
            ind.indicator_type.map(|t| t.label()),
        ]
        .into_iter()
        .flatten()
        .collect();
        if !kinds.is_empty() {
            write!(f, " ({})", kinds.join(", "))?;
        }
        if let Some(m) = &self.measure {
            write!(f, " measured in {m:?}")?;
        }
        if self.unnamed {
            write!(f, " (no header)")?;
        }
        write!(f, " at {}", ind.cell.a1())
    }
}

impl fmt::Display for Units {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Units::Column { col, why } => write!(f, "column {} ({why})", column_letters(*col)),
            Units::Row {
                row,
                header,
                hits,
                column_hits,
                attributes,
                code_row,
            } => {
                let row = one_based(*row);
                write!(
                    f,
                    "row {row} {header:?} ({hits} distinct labels match units"
                )?;
                write!(f, ", the best column {column_hits})")?;
                for (r, name) in attributes {
                    write!(f, "; row {} {name:?} gives attributes", one_based(*r))?;
                }
                if let Some(r) = code_row {
                    write!(f, "; row {} gives codes", one_based(*r))?;
                }
                Ok(())
            }
            Units::Implicit { column_hits, .. } => {
                write!(f, "riket, implied (the best column matches {column_hits})")
            }
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Role::Unit => "unit",
            Role::UnitCode => "unit code",
            Role::Grouping => "grouping",
            Role::Dimension => "dimension",
            Role::Enhet => "enhet",
            Role::Indicator => "indicator",
            Role::Level(Level::Quality) => "kvalitetsområde",
            Role::Level(Level::IndicatorArea) => "indikatorområde",
            Role::Level(Level::IndicatorCode) => "indicator code",
            Role::Level(Level::Category) => "indicator category",
            Role::Level(Level::Type) => "indicator type",
            Role::Measure => "measure",
        })
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::Chosen => f.write_str("the user's choice"),
            Reason::Matches(n) => write!(f, "{n} distinct labels match units"),
            Reason::HeaderWord => f.write_str("its header says so"),
            Reason::ConstantPerUnit => f.write_str("constant within each unit"),
            Reason::VariesWithinUnits => f.write_str("varies within a unit"),
            Reason::NoUnitColumn => f.write_str("no unit column"),
            Reason::OwnLabelPerRow => f.write_str("almost every row its own label"),
            Reason::LongTable => f.write_str("few value columns and it varies within units"),
            Reason::NotTheIndicator => f.write_str("headed as an indicator, but not the one"),
            Reason::HierarchyInWide => f.write_str("headed as a hierarchy level in a wide table"),
            Reason::Codes => f.write_str("four fifths codes"),
            Reason::QualityLabels => f.write_str("half quality labels"),
            Reason::Rightmost => f.write_str("the rightmost label column"),
            Reason::Remaining => f.write_str("the labels left"),
        }
    }
}

/// A row as Excel numbers it.
fn one_based(row: u32) -> u32 {
    row.saturating_add(1)
}

/// Rows as Excel numbers them, runs shortened: "1–3, 5"; "none".
fn rows_list(rows: &[u32]) -> String {
    let mut runs: Vec<(u32, u32)> = Vec::new();
    for &r in rows {
        match runs.last_mut() {
            Some(run) if run.1.checked_add(1) == Some(r) => run.1 = r,
            _ => runs.push((r, r)),
        }
    }
    if runs.is_empty() {
        return "none".to_owned();
    }
    runs.iter()
        .map(|&(a, b)| match a == b {
            true => one_based(a).to_string(),
            false => format!("{}–{}", one_based(a), one_based(b)),
        })
        .collect::<Vec<_>>()
        .join(", ")
}
