//! The plan of a transposed table: units in columns, named in one header row (other header rows
//! give their attributes or codes); indicators in rows, their name, code, hierarchy and measure
//! in the label columns on the left.

use super::super::block::{Analysis, BlockCtx};
use super::super::header::{is_code, is_quality_label};
use super::super::words::{header_word, is_time_header, HeaderWord, Level};
use super::{LabelColumn, Plan, Reason, Role, Units, ValueColumn};
use crate::ingest::grid::CellValue;
use crate::model::{normalize_label, Layout};

/// Plans a block whose units are named in header row `unit_row`.
pub(super) fn plan(
    ctx: &BlockCtx<'_>,
    analysis: &Analysis,
    unit_row: u32,
    hits: u32,
    column_hits: u32,
) -> Plan {
    let (attributes, code_row) = attribute_rows(ctx, analysis, unit_row);
    let header = row_label(ctx, analysis, unit_row).unwrap_or_default();
    let mut roles: Vec<Option<(Role, Reason)>> = analysis
        .label_cols
        .iter()
        .map(|&c| role_by_header(analysis.header(c)))
        .collect();
    settle_by_content(ctx, analysis, &mut roles);
    let columns: Vec<LabelColumn> = analysis
        .label_cols
        .iter()
        .zip(roles)
        .map(|(&col, role)| {
            let (role, why) =
                role.unwrap_or((Role::Level(Level::IndicatorArea), Reason::Remaining));
            LabelColumn {
                col,
                header: analysis.header_or_letters(col),
                role,
                why,
                filled_down: false,
            }
        })
        .collect();
    let values = analysis
        .value_cols
        .iter()
        .map(|&col| ValueColumn {
            col,
            header: String::new(),
            indicator: None,
            year: None,
        })
        .collect();
    let units = Units::Row {
        row: unit_row,
        header,
        hits,
        column_hits,
        attributes,
        code_row,
    };
    let dimensions: Vec<String> = columns
        .iter()
        .filter(|c| c.role == Role::Dimension)
        .map(|c| c.header.clone())
        .collect();
    Plan {
        time_dimension: dimensions.iter().any(|d| is_time_header(d)),
        dimensions,
        columns,
        values,
        ..Plan::new(ctx, analysis, Layout::Transposed, units)
    }
}

/// The label a header row has left of the units: its rightmost text before the first value
/// column (a label column's, or a cell of its own right of them, as "Län" above "Kommun").
fn row_label(ctx: &BlockCtx<'_>, analysis: &Analysis, row: u32) -> Option<String> {
    let first_value = analysis.value_cols.first().copied().unwrap_or(0);
    ctx.grid
        .row(row)
        .iter()
        .rev()
        .filter(|(_, c, _)| *c < first_value)
        .find_map(|(_, c, _)| analysis.header_text(ctx.grid, row, *c))
}

/// The header rows other than the unit row, named by their label ("Rad N" without one): the
/// units' attributes, except the first row named as codes ("Kod"), which gives their codes.
fn attribute_rows(
    ctx: &BlockCtx<'_>,
    analysis: &Analysis,
    unit_row: u32,
) -> (Vec<(u32, String)>, Option<u32>) {
    let mut code_row: Option<u32> = None;
    let mut attributes = Vec::new();
    for &r in analysis.header_rows.iter().filter(|&&r| r != unit_row) {
        let name = row_label(ctx, analysis, r)
            .unwrap_or_else(|| format!("Rad {}", u64::from(r).saturating_add(1)));
        if header_word(&name) == HeaderWord::Code && code_row.is_none() {
            code_row = Some(r);
        } else {
            attributes.push((r, name));
        }
    }
    (attributes, code_row)
}

/// A label column's role by its header, when the header names one.
fn role_by_header(header: &str) -> Option<(Role, Reason)> {
    let h = normalize_label(header);
    let word = header_word(&h);
    let role = if h.contains("kvalitetsområde") || h.contains("kvalitetsdimension") {
        Role::Level(Level::Quality)
    } else if h.contains("indikatorområde") {
        Role::Level(Level::IndicatorArea)
    } else if matches!(
        word,
        HeaderWord::Code | HeaderWord::Hierarchy(Level::IndicatorCode)
    ) {
        Role::Level(Level::IndicatorCode)
    } else if h.starts_with("indikator") || h == "namn" || h.starts_with("indikatornamn") {
        Role::Indicator
    } else if h.starts_with("mått") || h == "enhet" || h.starts_with("måttenhet") {
        Role::Measure
    } else if let HeaderWord::Hierarchy(level @ (Level::Category | Level::Type)) = word {
        Role::Level(level)
    } else if word == HeaderWord::Dimension {
        // År, Kön …: each row is its indicator's value for one year (or group).
        Role::Dimension
    } else {
        return None;
    };
    Some((role, Reason::HeaderWord))
}

/// The label columns the headers left open, by their labels: codes; else the rightmost names
/// the indicators (when no header does); the rest are quality areas when half their labels are,
/// else indicator areas (left `None`).
fn settle_by_content(
    ctx: &BlockCtx<'_>,
    analysis: &Analysis,
    roles: &mut [Option<(Role, Reason)>],
) {
    let texts = |c: u32| -> Vec<String> {
        analysis
            .data()
            .iter()
            .filter_map(|rc| ctx.grid.get(rc.row, c).map(CellValue::as_text))
            .collect()
    };
    for (role, &c) in roles.iter_mut().zip(&analysis.label_cols) {
        if role.is_some() {
            continue;
        }
        let labels = texts(c);
        let codes = labels.iter().filter(|t| is_code(t)).count();
        if !labels.is_empty() && codes.saturating_mul(5) >= labels.len().saturating_mul(4) {
            *role = Some((Role::Level(Level::IndicatorCode), Reason::Codes));
        }
    }
    let named = roles.iter().flatten().any(|(r, _)| *r == Role::Indicator);
    if let Some(rightmost) = roles
        .iter_mut()
        .rev()
        .find(|r| r.is_none())
        .filter(|_| !named)
    {
        *rightmost = Some((Role::Indicator, Reason::Rightmost));
    }
    for (role, &c) in roles.iter_mut().zip(&analysis.label_cols) {
        if role.is_some() {
            continue;
        }
        let labels = texts(c);
        let quality_like = labels.iter().filter(|t| is_quality_label(t)).count();
        if quality_like > 0 && quality_like.saturating_mul(2) >= labels.len() {
            *role = Some((Role::Level(Level::Quality), Reason::QualityLabels));
        }
    }
}
