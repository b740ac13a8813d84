//! The unit axis: the label column whose labels match the reference best, or a header row that
//! matches better (a transposed table), or the user's column.

use super::super::block::{Analysis, BlockCtx};
use super::super::words::HeaderWord;
use crate::ingest::grid::CellValue;
use crate::ingest::units::LabelCache;

/// Where the units are.
pub enum Axis {
    /// Units in rows, named in this column (`None`: no column names two units); `hits` is the
    /// best column's score.
    Column { col: Option<u32>, hits: u32 },
    /// Units in columns, named in this header row.
    Row {
        row: u32,
        hits: u32,
        column_hits: u32,
    },
}

/// Chooses the unit axis of a block.
pub fn choose(ctx: &BlockCtx<'_>, analysis: &Analysis, cache: &mut LabelCache) -> Axis {
    let best = best_column(ctx, analysis, cache);
    let column_hits = best.map_or(0, |(hits, _)| hits);
    if let Some(col) = ctx.forced_unit {
        return Axis::Column {
            col: Some(col),
            hits: column_hits,
        };
    }
    if let Some((hits, row)) = best_row(ctx, analysis, cache) {
        if hits >= 2 && hits > column_hits {
            return Axis::Row {
                row,
                hits,
                column_hits,
            };
        }
    }
    Axis::Column {
        col: best.filter(|(h, _)| *h >= 2).map(|(_, c)| c),
        hits: column_hits,
    }
}

/// The label column matching the most units, as (score, column): names before codes (a code
/// column scores a quarter of its hits, so it wins only when no name column matches). Columns
/// headed as dimensions, indicators or hierarchy levels never name units, unless the user says.
fn best_column(
    ctx: &BlockCtx<'_>,
    analysis: &Analysis,
    cache: &mut LabelCache,
) -> Option<(u32, u32)> {
    let mut best: Option<(u32, u32)> = None;
    for &c in &analysis.label_cols {
        let word = analysis.word(c);
        let never = matches!(
            word,
            HeaderWord::Dimension | HeaderWord::Indicator | HeaderWord::Hierarchy(_)
        );
        if never && Some(c) != ctx.forced_unit {
            continue;
        }
        let code_col = word == HeaderWord::Code;
        let hits = column_hits(ctx, analysis, c, code_col, cache);
        let score = if code_col { hits / 4 } else { hits };
        if best.is_none_or(|(h, _)| score > h) {
            best = Some((score, c));
        }
    }
    best
}

/// How many data rows' labels in column `c` match a unit (digits only in a code column).
fn column_hits(
    ctx: &BlockCtx<'_>,
    analysis: &Analysis,
    c: u32,
    code_col: bool,
    cache: &mut LabelCache,
) -> u32 {
    let mut hits = 0u32;
    for rc in analysis.data() {
        let Some(v) = ctx.grid.get(rc.row, c) else {
            continue;
        };
        let text = v.as_text();
        let digits = text.bytes().all(|b| b.is_ascii_digit());
        if (!digits || code_col) && !cache.candidates(&text).is_empty() {
            hits = hits.saturating_add(1);
        }
    }
    hits
}

/// The header row naming the most units over the value columns, as (hits, row).
fn best_row(ctx: &BlockCtx<'_>, analysis: &Analysis, cache: &mut LabelCache) -> Option<(u32, u32)> {
    let mut best: Option<(u32, u32)> = None;
    for &r in &analysis.header_rows {
        let mut hits = 0u32;
        for &c in &analysis.value_cols {
            if let Some(CellValue::Text(t)) = ctx.grid.get(r, c) {
                let digits = t.bytes().all(|b| b.is_ascii_digit());
                if !digits && !cache.candidates(t).is_empty() {
                    hits = hits.saturating_add(1);
                }
            }
        }
        if best.is_none_or(|(h, _)| hits > h) {
            best = Some((hits, r));
        }
    }
    best
}
