//! A table read: the dataset a reader built and its reading report, assembled from the plan,
//! with the warnings the plan itself gives and the layout key computed from the plan.

use super::block::BlockCtx;
use super::build::DatasetBuilder;
use super::plan::{Plan, Role, Units};
use crate::ingest::grid::Grid;
use crate::ingest::reading::{
    ColumnRole, DatasetReading, ExampleCounter, IndicatorCounts, UnitCounts, Warning, WarningKind,
};
use crate::model::{column_letters, CellRef, Dataset, Layout};

/// One table read from a sheet, before the file's name, area, year and descriptions are added.
pub struct TableRead {
    pub dataset: Dataset,
    /// The report, with everything but index, key, area and year filled.
    pub reading: DatasetReading,
    /// Title rows and other header texts: sources for area and year.
    pub titles: Vec<(CellRef, String)>,
    /// Whether the table has a time dimension (År, Månad …): its year is not one year.
    pub has_time_dimension: bool,
    /// Header texts (never values) for the layout key.
    pub key_parts: Vec<String>,
}

/// Assembles the table from its plan, the built dataset, the warnings (in the order the report
/// gives them) and the notes.
pub fn table_read(
    ctx: &BlockCtx<'_>,
    plan: &Plan,
    mut b: DatasetBuilder,
    warnings: Vec<Warning>,
    notes: Vec<String>,
) -> TableRead {
    let grid = ctx.grid;
    let mut titles = ctx.block.title_cells();
    titles.extend(plan.extra_titles.iter().cloned());
    let n_value_lines = match plan.layout {
        Layout::Transposed => b.indicators.len(),
        _ => plan.values.len(),
    };
    let dataset = Dataset {
        file: String::new(),
        sheet: grid.name.clone(),
        title: plan.title.clone(),
        layout: plan.layout,
        area: None,
        year: None,
        units: std::mem::take(&mut b.units),
        indicators: std::mem::take(&mut b.indicators),
        dimensions: std::mem::take(&mut b.dimensions),
        observations: std::mem::take(&mut b.observations),
    };
    let columns = plan
        .columns
        .iter()
        .map(|c| ColumnRole {
            col: c.col,
            header: c.header.clone(),
            role: c.role.label_role(plan.layout),
        })
        .collect();
    let reading = DatasetReading {
        sheet: grid.name.clone(),
        index: 0,
        title: plan.title.clone(),
        title_en: plan.title_en.clone(),
        layout: plan.layout,
        layout_key: String::new(),
        template: ctx.template,
        header_rows: plan.header_rows.clone(),
        data_rows: plan.data_rows,
        unit_axis: plan.unit_axis(),
        columns,
        n_value_lines: u32::try_from(n_value_lines).unwrap_or(u32::MAX),
        units: UnitCounts::default(),
        indicators: IndicatorCounts::default(),
        dimensions: Vec::new(),
        n_observations: 0,
        area: None,
        year: None,
        footnotes: plan.footnotes.clone(),
        notes,
        warnings,
        corrections: Vec::new(),
    };
    TableRead {
        dataset,
        reading,
        titles,
        has_time_dimension: plan.time_dimension,
        key_parts: key_parts(grid, plan),
    }
}

/// The parts of the layout key: the sheet, the layout, every header cell, and where the units
/// (and a long table's indicators) are. Values never enter it.
pub fn key_parts(grid: &Grid, plan: &Plan) -> Vec<String> {
    let mut parts = vec![grid.name.clone(), format!("{:?}", plan.layout)];
    for &r in &plan.header_rows {
        for (_, c, v) in grid.row(r) {
            parts.push(format!("{c}:{}", v.as_text()));
        }
    }
    if let Units::Row { row, .. } = plan.units {
        parts.push(format!("enhetsrad:{row}"));
    } else {
        parts.push(format!("enheter:{:?}", plan.unit_col()));
        if let Some(c) = plan.column(Role::Indicator) {
            parts.push(format!("indikator:{c}"));
        }
    }
    parts
}

/// Quality labels of the header rows that map to no single quality area.
pub fn ambiguous_quality(plan: &Plan) -> Option<Warning> {
    let labels = &plan.ambiguous_quality;
    (!labels.is_empty()).then(|| Warning {
        kind: WarningKind::AmbiguousQuality,
        count: u32::try_from(labels.len()).unwrap_or(u32::MAX),
        examples: labels.clone(),
        message: format!(
            "Kvalitetsetiketten {} motsvarar inte ett enda kvalitetsområde; välj själv vilket.",
            labels
                .iter()
                .map(|q| format!("\"{q}\""))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    })
}

/// Value columns without a header (named "Kolumn C").
pub fn unnamed_columns(plan: &Plan) -> Option<Warning> {
    let mut unnamed = ExampleCounter::default();
    for planned in plan.indicators.iter().filter(|p| p.unnamed) {
        let cell = planned.indicator.cell;
        unnamed.add(&column_letters(cell.col), cell);
    }
    unnamed.warning(WarningKind::UnnamedColumns, |n| {
        format!(
            "{n} {} saknar rubrik.",
            if n == 1 {
                "värdekolumn"
            } else {
                "värdekolumner"
            }
        )
    })
}

/// A table read as riket's because it names no units.
pub fn implicit_unit(plan: &Plan) -> Option<Warning> {
    matches!(plan.units, Units::Implicit { .. }).then(|| Warning {
        kind: WarningKind::ImplicitUnit,
        count: 1,
        examples: Vec::new(),
        message: "Tabellen har ingen kolumn med kommuner, län eller riket; den läses som en tabell för hela riket.".to_owned(),
    })
}
