//! Reading a transposed table: indicators in rows (with their hierarchy in the label columns on
//! the left, or in section rows), units in columns (named in one header row; other header rows
//! give the units' attributes).

use std::collections::{BTreeMap, HashMap, HashSet};

use super::build::{Builder, UnitSpec};
use super::header::{is_code, is_quality_label, measure_in_name, quality_label, MergeIndex};
use super::rows::{
    block_titles, choose_titles, header_word, BlockCtx, HeaderWord, Level, RowCells,
};
use super::{LabelCache, TableRead};
use crate::ingest::grid::CellValue;
use crate::ingest::reading::{
    ColumnKind, ColumnRole, DatasetReading, ExampleCounter, IndicatorCounts, UnitAxis, UnitCounts,
    WarningKind,
};
use crate::ingest::units::resolve_column;
use crate::model::{
    column_letters, normalize_label, CellRef, Dataset, Indicator, IndicatorKind, Layout,
};

/// What a label column of a transposed table holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stub {
    Name,
    Code,
    Quality,
    Area,
    Measure,
    Other,
}

/// Reads the block with units named in `unit_row` over `value_cols`.
pub fn read(
    ctx: &BlockCtx<'_>,
    header_rows: &[u32],
    data: &[RowCells],
    stub_cols: &[u32],
    value_cols: &[u32],
    unit_row: u32,
    cache: &mut LabelCache,
) -> Result<TableRead, String> {
    let grid = ctx.grid;
    let merges = MergeIndex::new(grid, header_rows);
    let text_at = |r: u32, c: u32| -> Option<String> {
        merges
            .get(grid, r, c)
            .map(CellValue::as_text)
            .filter(|t| !t.trim().is_empty())
    };
    let stub_header = |c: u32| -> String {
        header_rows
            .iter()
            .rev()
            .find_map(|&r| text_at(r, c))
            .unwrap_or_default()
    };
    // Units.
    let labels: Vec<Option<String>> = value_cols.iter().map(|&c| text_at(unit_row, c)).collect();
    let mut distinct: Vec<String> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    for l in labels.iter().flatten() {
        if seen.insert(l.clone()) {
            distinct.push(l.clone());
        }
    }
    let candidates: Vec<_> = distinct
        .iter()
        .map(|l| cache.candidates(l).clone())
        .collect();
    let resolved: HashMap<String, _> = distinct
        .into_iter()
        .zip(resolve_column(&candidates))
        .collect();
    // Attribute rows: header rows other than the unit row, named by their label cell; a row
    // named as codes ("Kod") gives the units' codes instead.
    let mut code_row: Option<u32> = None;
    let attribute_rows: Vec<(u32, String)> = header_rows
        .iter()
        .filter(|&&r| r != unit_row)
        .filter_map(|&r| {
            let name = stub_cols
                .iter()
                .rev()
                .find_map(|&c| text_at(r, c))
                .unwrap_or_else(|| format!("Rad {}", u64::from(r).saturating_add(1)));
            if header_word(&name) == HeaderWord::Code && code_row.is_none() {
                code_row = Some(r);
                return None;
            }
            Some((r, name))
        })
        .collect();
    let matcher = crate::ingest::units::UnitMatcher::get();
    let mut b = Builder::default();
    let mut unit_of_col: Vec<Option<u32>> = Vec::with_capacity(value_cols.len());
    let mut seen_units: HashSet<u32> = HashSet::new();
    let mut unnamed = ExampleCounter::default();
    for (&c, label) in value_cols.iter().zip(labels.iter()) {
        let Some(label) = label else {
            unnamed.add(&column_letters(c), CellRef::new(unit_row, c));
            unit_of_col.push(None);
            continue;
        };
        let matched = resolved.get(label).cloned().flatten().or_else(|| {
            code_row
                .and_then(|r| text_at(r, c))
                .and_then(|code| matcher.code(&code).cloned())
        });
        let spec = UnitSpec {
            matched: matched.as_ref(),
            label,
            cell: CellRef::new(unit_row, c),
            enhet_of: None,
        };
        let attributes = || {
            attribute_rows
                .iter()
                .filter_map(|(r, name)| text_at(*r, c).map(|v| (name.clone(), v)))
                .collect::<BTreeMap<String, String>>()
        };
        let u = b.unit(&spec, attributes);
        if !seen_units.insert(u) {
            b.duplicates.add(label, CellRef::new(unit_row, c));
            unit_of_col.push(None);
            continue;
        }
        unit_of_col.push(Some(u));
    }
    // Roles of the label columns.
    let mut roles: Vec<Stub> = stub_cols
        .iter()
        .map(|&c| {
            let h = normalize_label(&stub_header(c));
            let word = header_word(&h);
            if h.contains("kvalitetsområde") || h.contains("kvalitetsdimension") {
                Stub::Quality
            } else if h.contains("indikatorområde") {
                Stub::Area
            } else if matches!(
                word,
                HeaderWord::Code | HeaderWord::Hierarchy(Level::IndicatorCode)
            ) {
                Stub::Code
            } else if h.starts_with("indikator") || h == "namn" || h.starts_with("indikatornamn") {
                Stub::Name
            } else if h.starts_with("mått") || h == "enhet" || h.starts_with("måttenhet") {
                Stub::Measure
            } else {
                Stub::Other
            }
        })
        .collect();
    let column_texts = |c: u32| -> Vec<String> {
        data.iter()
            .filter_map(|rc| grid.get(rc.row, c).map(CellValue::as_text))
            .collect()
    };
    for (i, &c) in stub_cols.iter().enumerate() {
        if roles.get(i) != Some(&Stub::Other) {
            continue;
        }
        let texts = column_texts(c);
        let codes = texts.iter().filter(|t| is_code(t)).count();
        if !texts.is_empty() && codes.saturating_mul(5) >= texts.len().saturating_mul(4) {
            if let Some(r) = roles.get_mut(i) {
                *r = Stub::Code;
            }
        }
    }
    if !roles.contains(&Stub::Name) {
        if let Some(i) = roles.iter().rposition(|r| *r == Stub::Other) {
            if let Some(r) = roles.get_mut(i) {
                *r = Stub::Name;
            }
        }
    }
    for (i, &c) in stub_cols.iter().enumerate() {
        if roles.get(i) != Some(&Stub::Other) {
            continue;
        }
        let texts = column_texts(c);
        let quality_like = texts.iter().filter(|t| is_quality_label(t)).count();
        let role = if quality_like > 0 && quality_like.saturating_mul(2) >= texts.len() {
            Stub::Quality
        } else {
            Stub::Area
        };
        if let Some(r) = roles.get_mut(i) {
            *r = role;
        }
    }
    let col_of = |role: Stub| -> Option<u32> {
        roles
            .iter()
            .position(|r| *r == role)
            .and_then(|i| stub_cols.get(i).copied())
    };
    let (name_col, code_col, quality_col, area_col, measure_col) = (
        col_of(Stub::Name),
        col_of(Stub::Code),
        col_of(Stub::Quality),
        col_of(Stub::Area),
        col_of(Stub::Measure),
    );
    let value_set: HashSet<u32> = value_cols.iter().copied().collect();
    let mut quality_memory: Option<String> = None;
    let mut area_memory: Option<String> = None;
    let text = |r: u32, c: Option<u32>| -> Option<String> {
        c.and_then(|c| grid.get(r, c))
            .map(CellValue::as_text)
            .filter(|t| !t.trim().is_empty())
    };
    for rc in data {
        let has_values = rc.cells.iter().any(|(c, _)| value_set.contains(c));
        if !has_values {
            // A section row names the group of the rows below it.
            let labels: Vec<String> = stub_cols
                .iter()
                .filter_map(|&c| text(rc.row, Some(c)))
                .collect();
            if let [one] = labels.as_slice() {
                if is_quality_label(one) {
                    quality_memory = Some(one.clone());
                    area_memory = None;
                } else {
                    area_memory = Some(one.clone());
                }
            }
            continue;
        }
        if let Some(q) = text(rc.row, quality_col) {
            if quality_memory.as_ref() != Some(&q) {
                area_memory = None;
            }
            quality_memory = Some(q);
        }
        if let Some(a) = text(rc.row, area_col) {
            area_memory = Some(a);
        }
        let name_cell_col = name_col.or_else(|| stub_cols.last().copied()).unwrap_or(0);
        let name = text(rc.row, name_col)
            .or_else(|| stub_cols.iter().rev().find_map(|&c| text(rc.row, Some(c))))
            .unwrap_or_else(|| format!("Rad {}", u64::from(rc.row).saturating_add(1)));
        let measure = text(rc.row, measure_col).or_else(|| measure_in_name(&name));
        let indicator = b.indicator(
            Indicator {
                name,
                code: text(rc.row, code_col),
                quality: quality_memory.as_deref().map(quality_label),
                indicator_area: area_memory.clone(),
                kind: IndicatorKind::Categorical,
                cell: CellRef::new(rc.row, name_cell_col),
                ..Indicator::default()
            },
            measure,
        );
        for (&c, unit) in value_cols.iter().zip(unit_of_col.iter()) {
            if let Some(u) = unit {
                b.value(
                    *u,
                    indicator,
                    Vec::new(),
                    grid.get(rc.row, c),
                    CellRef::new(rc.row, c),
                );
            }
        }
    }
    let mut warnings = b.finish();
    warnings.extend(unnamed.warning(WarningKind::UnnamedColumns, |n| {
        format!(
            "{n} {} saknar enhetsnamn och lästes inte.",
            if n == 1 {
                "värdekolumn"
            } else {
                "värdekolumner"
            }
        )
    }));
    if b.units.is_empty() || b.indicators.is_empty() {
        return Err("inga enheter eller indikatorer".to_owned());
    }
    let titles = block_titles(ctx);
    let (title, title_en) = choose_titles(ctx);
    let unit_axis_header = stub_cols
        .iter()
        .rev()
        .find_map(|&c| text_at(unit_row, c))
        .unwrap_or_default();
    let columns: Vec<ColumnRole> = stub_cols
        .iter()
        .map(|&c| ColumnRole {
            col: c,
            header: {
                let h = stub_header(c);
                if h.is_empty() {
                    format!("Kolumn {}", column_letters(c))
                } else {
                    h
                }
            },
            role: ColumnKind::Hierarchy,
        })
        .collect();
    let mut key_parts: Vec<String> = vec![grid.name.clone(), "Transposed".to_owned()];
    for &r in header_rows {
        for (_, c, v) in grid.row(r) {
            key_parts.push(format!("{c}:{}", v.as_text()));
        }
    }
    key_parts.push(format!("enhetsrad:{unit_row}"));
    let first_data = data.first().map_or(0, |r| r.row);
    let last_data = data.last().map_or(0, |r| r.row);
    let n_value_lines = u32::try_from(b.indicators.len()).unwrap_or(u32::MAX);
    let dataset = Dataset {
        file: String::new(),
        sheet: grid.name.clone(),
        title: title.clone(),
        layout: Layout::Transposed,
        area: None,
        year: None,
        units: std::mem::take(&mut b.units),
        indicators: std::mem::take(&mut b.indicators),
        dimensions: Vec::new(),
        observations: std::mem::take(&mut b.observations),
    };
    let reading = DatasetReading {
        sheet: grid.name.clone(),
        index: 0,
        title,
        title_en,
        layout: Layout::Transposed,
        layout_key: String::new(),
        template: ctx.template,
        header_rows: header_rows.to_vec(),
        data_rows: (first_data, last_data),
        unit_axis: UnitAxis::Row {
            row: unit_row,
            header: unit_axis_header,
        },
        columns,
        n_value_lines,
        units: UnitCounts::default(),
        indicators: IndicatorCounts::default(),
        dimensions: Vec::new(),
        n_observations: 0,
        area: None,
        year: None,
        footnotes: ctx.block.footnotes.iter().map(|(_, f)| f.clone()).collect(),
        notes: Vec::new(),
        warnings,
        corrections: Vec::new(),
    };
    Ok(TableRead {
        dataset,
        reading,
        titles: titles.into_iter().map(|(c, t, _)| (c, t)).collect(),
        has_time_dimension: false,
        key_parts,
    })
}
