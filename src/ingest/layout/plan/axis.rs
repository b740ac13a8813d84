//! The unit axis: the label column whose distinct labels match the reference best, or a header
//! row that matches better (a transposed table), or the user's column.

use std::collections::HashSet;

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
/// column scores a quarter of its hits, at least two when it has two, and loses ties, so it
/// wins only when no name column matches). Columns headed as dimensions, indicators or
/// hierarchy levels never name units, unless the user says.
fn best_column(
    ctx: &BlockCtx<'_>,
    analysis: &Analysis,
    cache: &mut LabelCache,
) -> Option<(u32, u32)> {
    let mut best: Option<(u32, u32)> = None;
    let mut best_is_code = false;
    for &c in &analysis.label_cols {
        let word = analysis.word(c);
        let never = matches!(
            word,
            HeaderWord::Dimension | HeaderWord::Indicator | HeaderWord::Hierarchy(_)
        );
        if never && Some(c) != ctx.forced_unit {
            continue;
        }
        let code_col = word == HeaderWord::Code || analysis.code_cols.contains(&c);
        let hits = column_hits(ctx, analysis, c, code_col, cache);
        let score = if code_col {
            (hits / 4).max(hits.min(2))
        } else {
            hits
        };
        let better =
            best.is_none_or(|(h, _)| score > h || (score == h && best_is_code && !code_col));
        if better {
            best = Some((score, c));
            best_is_code = code_col;
        }
    }
    best
}

/// How many distinct labels of column `c`'s data rows match a unit (digits only in a code
/// column). Distinct, because the unit column is the one whose values are the rows' units: a
/// sorting column repeating its län on every kommun row matches as often, but only 21 times.
fn column_hits(
    ctx: &BlockCtx<'_>,
    analysis: &Analysis,
    c: u32,
    code_col: bool,
    cache: &mut LabelCache,
) -> u32 {
    let mut matched: HashSet<String> = HashSet::new();
    for rc in analysis.data() {
        let Some(v) = ctx.grid.get(rc.row, c) else {
            continue;
        };
        let text = v.as_text();
        let digits = text.bytes().all(|b| b.is_ascii_digit());
        if (!digits || code_col) && !matched.contains(&text) && !cache.candidates(&text).is_empty()
        {
            matched.insert(text);
        }
    }
    u32::try_from(matched.len()).unwrap_or(u32::MAX)
}

/// The header row naming the most units over the value columns, as (hits, row).
fn best_row(ctx: &BlockCtx<'_>, analysis: &Analysis, cache: &mut LabelCache) -> Option<(u32, u32)> {
    let mut best: Option<(u32, u32)> = None;
    for &r in &analysis.header_rows {
        // Distinct labels, as for columns: a row repeating its län over the kommuner loses.
        let mut matched: HashSet<&str> = HashSet::new();
        for &c in &analysis.value_cols {
            if let Some(CellValue::Text(t)) = ctx.grid.get(r, c) {
                let digits = t.bytes().all(|b| b.is_ascii_digit());
                if !digits && !matched.contains(t.as_str()) && !cache.candidates(t).is_empty() {
                    matched.insert(t.as_str());
                }
            }
        }
        let hits = u32::try_from(matched.len()).unwrap_or(u32::MAX);
        if best.is_none_or(|(h, _)| hits > h) {
            best = Some((hits, r));
        }
    }
    best
}
