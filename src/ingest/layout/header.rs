//! Header rows above a table's values: indicator names, codes, and the hierarchy
//! kvalitetsområde > indikatorområde > indikator, with merged cells spanning groups.

use std::collections::BTreeMap;

use crate::ingest::grid::{CellValue, Grid};
use crate::model::{
    normalize_label, CellRef, IndicatorCategory, IndicatorType, QualityArea, QualityLabel,
};

/// The quality area a label names, as far as it maps one-to-one: the six quality areas and the
/// 2013 dimensions that correspond to one of them. "Individanpassad" and "Jämlik" map to none.
pub fn quality_area(label: &str) -> Option<QualityArea> {
    let t = normalize_label(label);
    let t = t.trim_end_matches(['*', '.', ':']);
    let starts = |p: &str| t.starts_with(p);
    if starts("kunskapsbaserad") {
        Some(QualityArea::Kunskapsbaserad)
    } else if starts("självbestämmande") {
        Some(QualityArea::Sjalvbestammande)
    } else if starts("helhetssyn") || t == "samordning" || starts("samordnad") {
        Some(QualityArea::Helhetssyn)
    } else if starts("trygghet") || starts("säker") || starts("trygg och säker") {
        Some(QualityArea::TrygghetSakerhet)
    } else if starts("tillgänglig") {
        Some(QualityArea::Tillganglighet)
    } else if starts("effektiv") {
        Some(QualityArea::Effektivitet)
    } else {
        None
    }
}

/// Whether a label is a quality area or a quality dimension (mapped or not).
pub fn is_quality_label(label: &str) -> bool {
    let t = normalize_label(label);
    quality_area(label).is_some() || t.starts_with("individanpassad") || t.starts_with("jämlik")
}

/// A label as a [`QualityLabel`].
pub fn quality_label(label: &str) -> QualityLabel {
    QualityLabel {
        label: label.to_owned(),
        area: quality_area(label),
        dimension: None,
    }
}

/// An indicator code as files write them: "E1", "G2:3", "(E)7", "B12a", "LSS3".
pub fn is_code(text: &str) -> bool {
    let t = text.trim();
    if t.is_empty() || t.chars().count() > 10 || t.contains(' ') {
        return false;
    }
    let letters = t.chars().filter(|c| c.is_alphabetic()).count();
    let digits = t.chars().filter(char::is_ascii_digit).count();
    let others_ok = t
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, ':' | '.' | '(' | ')' | '-' | '_'));
    others_ok
        && digits > 0
        && (1..=4).contains(&letters)
        && t.starts_with(|c: char| c.is_alphabetic() || c == '(')
}

/// Merged regions that cross given rows, indexed for lookup by column.
pub struct MergeIndex {
    /// Per row: (first_col, last_col, top-left row, top-left col), sorted by first_col.
    by_row: BTreeMap<u32, Vec<(u32, u32, u32, u32)>>,
}

impl MergeIndex {
    /// Indexes the merges of `grid` that cover any of `rows` (one pass over the merges).
    pub fn new(grid: &Grid, rows: &[u32]) -> MergeIndex {
        let mut by_row: BTreeMap<u32, Vec<(u32, u32, u32, u32)>> = BTreeMap::new();
        for m in &grid.merges {
            for &r in rows {
                if (m.first_row..=m.last_row).contains(&r) {
                    by_row.entry(r).or_default().push((
                        m.first_col,
                        m.last_col,
                        m.first_row,
                        m.first_col,
                    ));
                }
            }
        }
        for list in by_row.values_mut() {
            list.sort_unstable();
        }
        MergeIndex { by_row }
    }

    /// The cell at (row, col), or the top-left cell of the merge covering it.
    pub fn get<'g>(&self, grid: &'g Grid, row: u32, col: u32) -> Option<&'g CellValue> {
        grid.get(row, col).or_else(|| {
            let list = self.by_row.get(&row)?;
            let i = list.partition_point(|m| m.0 <= col);
            let m = list.get(i.checked_sub(1)?)?;
            (m.1 >= col).then(|| grid.get(m.2, m.3)).flatten()
        })
    }

    /// Whether (row, col) lies in a merged region (written or not).
    pub fn covered(&self, row: u32, col: u32) -> bool {
        self.by_row.get(&row).is_some_and(|list| {
            let i = list.partition_point(|m| m.0 <= col);
            i.checked_sub(1)
                .and_then(|j| list.get(j))
                .is_some_and(|m| m.1 >= col)
        })
    }

    /// Whether any merge crosses this row.
    pub fn has_merges(&self, row: u32) -> bool {
        self.by_row.get(&row).is_some_and(|l| !l.is_empty())
    }
}

/// One value column's header, read top to bottom: the indicator it names.
#[derive(Clone, Debug, PartialEq)]
pub struct IndicatorHeader {
    pub col: u32,
    pub name: String,
    pub name_cell: CellRef,
    pub code: Option<String>,
    pub quality: Option<QualityLabel>,
    pub indicator_area: Option<String>,
    pub measure: Option<String>,
    /// Kvalitetsindikator, välfärdsindikator or nyckeltal, from a header row of categories.
    pub category: Option<IndicatorCategory>,
    /// Struktur, process or resultat, from a header row of types.
    pub indicator_type: Option<IndicatorType>,
}

/// What the header rows of a table hold.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Headers {
    pub columns: Vec<IndicatorHeader>,
    /// Texts of rows above the hierarchy that name no level ("Öppna jämförelser 2020 …"), with
    /// their cells: sources for area and year.
    pub extra_texts: Vec<(CellRef, String)>,
    /// Quality labels that map to no single quality area.
    pub ambiguous_quality: Vec<String>,
}

/// The text of a header cell, filled from merges; `None` when empty.
fn text_at(grid: &Grid, merges: &MergeIndex, row: u32, col: u32) -> Option<String> {
    merges
        .get(grid, row, col)
        .map(CellValue::as_text)
        .filter(|t| !t.trim().is_empty())
}

/// One header row's texts over the value columns.
#[derive(Clone)]
struct HeaderRow {
    row: u32,
    texts: Vec<Option<String>>,
}

impl HeaderRow {
    fn text(&self, ci: usize) -> Option<String> {
        self.texts.get(ci).cloned().flatten()
    }
}

/// The category a header or label names: "Kvalitetsindikator", "Välfärdsindikatorer", "Nyckeltal"
/// (ÖJ's model of 2023–).
pub fn indicator_category(text: &str) -> Option<IndicatorCategory> {
    let folded = normalize_label(text);
    let t = folded.trim_end_matches(['*', '.', ':', ' ']);
    if t.starts_with("kvalitetsindikator") {
        Some(IndicatorCategory::Kvalitetsindikator)
    } else if t.starts_with("välfärdsindikator") {
        Some(IndicatorCategory::Valfardsindikator)
    } else if t.starts_with("nyckeltal") {
        Some(IndicatorCategory::Nyckeltal)
    } else {
        None
    }
}

/// The type a header or label names: "Struktur", "Processindikator", "Resultat".
pub fn indicator_type(text: &str) -> Option<IndicatorType> {
    let folded = normalize_label(text);
    let t = folded.trim_end_matches(['*', '.', ':', ' ']);
    let t = t
        .strip_suffix("indikator")
        .or_else(|| t.strip_suffix("mått"))
        .unwrap_or(t)
        .trim_end_matches(['-', ' ']);
    match t {
        "struktur" => Some(IndicatorType::Struktur),
        "process" => Some(IndicatorType::Process),
        "resultat" => Some(IndicatorType::Resultat),
        _ => None,
    }
}

/// The rows of categories and of types among the header rows (every text in them one), taken
/// out of `table`; only while another row is left to name the indicators.
fn take_kind_rows(table: &mut Vec<HeaderRow>) -> (Option<HeaderRow>, Option<HeaderRow>) {
    let all = |h: &HeaderRow, is: fn(&str) -> bool| {
        let present: Vec<&String> = h.texts.iter().flatten().collect();
        !present.is_empty() && present.iter().all(|t| is(t))
    };
    let mut take = |is: fn(&str) -> bool| -> Option<HeaderRow> {
        let i = table
            .iter()
            .position(|h| all(h, is))
            .filter(|_| table.len() > 1)?;
        Some(table.remove(i))
    };
    let categories = take(|t| indicator_category(t).is_some());
    let types = take(|t| indicator_type(t).is_some());
    (categories, types)
}

/// Reads the headers of `value_cols` from `header_rows` (top to bottom).
///
/// A row whose every text is a category (Kvalitetsindikator …) or a type (Struktur …) gives
/// those and is no level. The bottom other row that is not a row of codes names the indicators; a row of codes ("E1", "E2")
/// gives codes; rows above name the hierarchy: with two, kvalitetsområde then indikatorområde;
/// with one, kvalitetsområde when its labels are quality areas, else indikatorområde. An upper
/// row with a single unmerged cell over part of the columns ("Andel i procent") is a note on the
/// measure. Upper-level cells left blank to the right of a label (not merged, "centre across")
/// take the label on their left until a higher level starts a new group.
pub fn read_headers(grid: &Grid, header_rows: &[u32], value_cols: &[u32]) -> Headers {
    read_headers_over_years(grid, header_rows, value_cols, &[])
}

/// [`read_headers`] of the rows over a row of years under each indicator: a value column
/// marked in `continues` (its year follows the year of the column on its left) continues that
/// column's indicator, so its blank header cells (not merged: the name written once over its
/// years, as a CSV export or "centre across selection" keeps it) take the texts on their left.
pub fn read_headers_over_years(
    grid: &Grid,
    header_rows: &[u32],
    value_cols: &[u32],
    continues: &[bool],
) -> Headers {
    let merges = MergeIndex::new(grid, header_rows);
    let mut table: Vec<HeaderRow> = header_rows
        .iter()
        .map(|&row| HeaderRow {
            row,
            texts: value_cols
                .iter()
                .map(|&c| text_at(grid, &merges, row, c))
                .collect(),
        })
        .collect();
    for h in &mut table {
        let mut left: Option<String> = None;
        for (ci, (slot, &col)) in h.texts.iter_mut().zip(value_cols).enumerate() {
            let continued = continues.get(ci).copied().unwrap_or(false);
            if slot.is_none() && continued && !merges.covered(h.row, col) {
                slot.clone_from(&left);
            }
            left.clone_from(slot);
        }
    }
    let (category_row, type_row) = take_kind_rows(&mut table);
    let code_row = table
        .iter()
        .rposition(|h| is_code_row(&h.texts))
        .filter(|_| table.len() > 1);
    let name_row = (0..table.len()).rev().find(|i| Some(*i) != code_row);
    let (mut levels, measure_note) = upper_levels(&table, code_row, name_row, &merges);
    fill_right(grid, &merges, value_cols, &mut levels);
    let (quality_level, area_level) = assign_levels(&levels);
    let mut out = Headers {
        extra_texts: extra_texts(&levels, [quality_level, area_level], value_cols),
        ..Headers::default()
    };
    let level_text = |level: Option<usize>, ci: usize| levels.get(level?)?.text(ci);
    let name_row = name_row.and_then(|n| table.get(n));
    let code_row = code_row.and_then(|n| table.get(n));
    for (ci, &col) in value_cols.iter().enumerate() {
        let name = name_row
            .and_then(|h| h.text(ci))
            .or_else(|| level_text(area_level, ci))
            .or_else(|| level_text(quality_level, ci));
        let quality = level_text(quality_level, ci).map(|t| quality_label(&t));
        if let Some(q) = quality.as_ref().filter(|q| q.area.is_none()) {
            if !out.ambiguous_quality.contains(&q.label) {
                out.ambiguous_quality.push(q.label.clone());
            }
        }
        let measure = measure_note
            .clone()
            .or_else(|| name.as_deref().and_then(measure_in_name));
        out.columns.push(IndicatorHeader {
            col,
            name: name.unwrap_or_default(),
            name_cell: CellRef::new(name_row.map_or(0, |h| h.row), col),
            code: code_row.and_then(|h| h.text(ci)),
            quality,
            indicator_area: level_text(area_level, ci),
            measure,
            category: category_row
                .as_ref()
                .and_then(|h| h.text(ci))
                .and_then(|t| indicator_category(&t)),
            indicator_type: type_row
                .as_ref()
                .and_then(|h| h.text(ci))
                .and_then(|t| indicator_type(&t)),
        });
    }
    out
}

/// Four fifths of the row's texts are indicator codes.
fn is_code_row(texts: &[Option<String>]) -> bool {
    let present: Vec<&String> = texts.iter().flatten().collect();
    let codes = present.iter().filter(|t| is_code(t)).count();
    !present.is_empty() && codes.saturating_mul(5) >= present.len().saturating_mul(4)
}

/// The header rows above the name row (and not the code row) that name levels of the hierarchy,
/// and the measure note among them: a single unmerged text over part of the columns.
fn upper_levels(
    table: &[HeaderRow],
    code_row: Option<usize>,
    name_row: Option<usize>,
    merges: &MergeIndex,
) -> (Vec<HeaderRow>, Option<String>) {
    let n_cols = table.first().map_or(0, |h| h.texts.len());
    let mut measure_note: Option<String> = None;
    let mut levels: Vec<HeaderRow> = Vec::new();
    for (i, h) in table.iter().enumerate() {
        if Some(i) == code_row || Some(i) == name_row || name_row.is_some_and(|n| i > n) {
            continue;
        }
        let present: Vec<&String> = h.texts.iter().flatten().collect();
        if present.is_empty() {
            continue;
        }
        let mut distinct: Vec<&String> = present.clone();
        distinct.dedup();
        let single_note = distinct.len() == 1
            && !distinct.iter().any(|t| is_quality_label(t))
            && present.len().saturating_mul(2) < n_cols
            && !merges.has_merges(h.row)
            && n_cols > 1;
        if single_note {
            measure_note = distinct.first().map(|s| (*s).clone());
            continue;
        }
        levels.push(h.clone());
    }
    (levels, measure_note)
}

/// Fills right: a blank upper-level cell takes the label on its left, until a higher level
/// starts a new group (a cell written in the grid itself, not filled from a merge). A merged
/// region left blank is an empty group, not a continuation.
fn fill_right(grid: &Grid, merges: &MergeIndex, value_cols: &[u32], levels: &mut [HeaderRow]) {
    let originals: Vec<Vec<bool>> = levels
        .iter()
        .map(|h| {
            value_cols
                .iter()
                .map(|&c| grid.get(h.row, c).is_some())
                .collect()
        })
        .collect();
    for (li, level) in levels.iter_mut().enumerate() {
        let mut last: Option<String> = None;
        for (ci, (slot, &col)) in level.texts.iter_mut().zip(value_cols).enumerate() {
            let higher_starts = originals
                .iter()
                .take(li)
                .any(|o| o.get(ci).copied().unwrap_or(false));
            if higher_starts {
                last = None;
            }
            match slot {
                Some(t) => last = Some(t.clone()),
                None if merges.covered(level.row, col) => last = None,
                None => slot.clone_from(&last),
            }
        }
    }
}

/// Which levels are kvalitetsområde and indikatorområde. The topmost level whose labels are half
/// quality areas (or dimensions) is the kvalitetsområde, and the lowest level below it the
/// indikatorområde; levels above it are titles ("Öppna jämförelser 2020"). Without such a level:
/// with one, it is the indikatorområde; with two or more, the last two.
fn assign_levels(levels: &[HeaderRow]) -> (Option<usize>, Option<usize>) {
    let quality_like = |level: &HeaderRow| {
        let present: Vec<&String> = level.texts.iter().flatten().collect();
        let n = present.iter().filter(|t| is_quality_label(t)).count();
        n > 0 && n.saturating_mul(2) >= present.len()
    };
    let last = levels.len().checked_sub(1);
    match levels.iter().position(quality_like) {
        Some(q) => (Some(q), last.filter(|&l| l > q)),
        None => match levels.len() {
            0 => (None, None),
            1 => (None, Some(0)),
            n => (Some(n.saturating_sub(2)), Some(n.saturating_sub(1))),
        },
    }
}

/// The distinct texts of the levels above the hierarchy, with their cells.
fn extra_texts(
    levels: &[HeaderRow],
    hierarchy: [Option<usize>; 2],
    value_cols: &[u32],
) -> Vec<(CellRef, String)> {
    let mut out: Vec<(CellRef, String)> = Vec::new();
    for (li, level) in levels.iter().enumerate() {
        if hierarchy.contains(&Some(li)) {
            continue;
        }
        for (t, &col) in level.texts.iter().zip(value_cols) {
            if let Some(t) = t {
                if !out.iter().any(|(_, x)| x == t) {
                    out.push((CellRef::new(level.row, col), t.clone()));
                }
            }
        }
    }
    out
}

/// The unit of measure a header names at its end, in parentheses or after a comma:
/// "Väntetid (dagar)" → "dagar", "Genomsnittlig väntetid till nybesök, dagar" → "dagar".
pub fn measure_in_name(name: &str) -> Option<String> {
    let t = name.trim_end();
    let lower = t.to_lowercase();
    let per = lower.rfind(" per ").filter(|&i| {
        lower
            .get(i.saturating_add(5)..)
            .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
    });
    let inner = if t.ends_with(')') {
        let open = t.rfind('(')?;
        t.get(open.checked_add(1)?..t.len().checked_sub(1)?)?.trim()
    } else if let Some(comma) = t.rfind(',') {
        t.get(comma.checked_add(1)?..)?.trim()
    } else if let Some(i) = per.filter(|_| lower.len() == t.len()) {
        // "Antal vräkningar per 100 000 invånare" → "per 100 000 invånare".
        t.get(i.saturating_add(1)..)?.trim()
    } else {
        return None;
    };
    let folded = normalize_label(inner);
    let known = [
        "procent", "%", "andel", "dagar", "antal", "kronor", "kr", "år", "månader", "timmar",
        "veckor", "promille",
    ];
    let short = folded.split_whitespace().count() <= 5;
    (short
        && (known.iter().any(|k| folded.starts_with(k))
            || folded.contains("per ")
            || folded.contains("invånare")))
    .then(|| inner.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::grid::Merge;

    fn t(s: &str) -> CellValue {
        CellValue::Text(s.into())
    }

    #[test]
    fn quality_labels_and_dimensions() {
        assert_eq!(
            quality_area("Kunskapsbaserad verksamhet"),
            Some(QualityArea::Kunskapsbaserad)
        );
        assert_eq!(
            quality_area("Säker vård och omsorg"),
            Some(QualityArea::TrygghetSakerhet)
        );
        assert_eq!(
            quality_area("Tillgänglig vård och omsorg"),
            Some(QualityArea::Tillganglighet)
        );
        assert_eq!(quality_area("Individanpassad vård och omsorg"), None);
        assert!(is_quality_label("Individanpassad vård och omsorg"));
        assert!(!is_quality_label("Systematisk uppföljning"));
    }

    #[test]
    fn codes() {
        for c in ["E1", "G2:3", "(E)7", "B12a", "LSS3"] {
            assert!(is_code(c), "{c}");
        }
        for c in ["Ja", "2020", "Väntetid för nybesök", "Kommun"] {
            assert!(!is_code(c), "{c}");
        }
    }

    #[test]
    fn three_levels_with_merges_and_centre_across() {
        // Row 0: quality merged over C..F; row 1: indicator areas, the second written only in
        // its first column (no merge); row 2: names.
        let cells = vec![
            (0, 2, t("Kunskapsbaserad verksamhet")),
            (1, 2, t("Systematisk uppföljning")),
            (1, 4, t("Samverkan")),
            (2, 2, t("Ind A")),
            (2, 3, t("Ind B")),
            (2, 4, t("Ind C")),
            (2, 5, t("Ind D")),
        ];
        let merges = vec![Merge {
            first_row: 0,
            first_col: 2,
            last_row: 0,
            last_col: 5,
        }];
        let grid = Grid::new("Blad1", cells, merges);
        let h = read_headers(&grid, &[0, 1, 2], &[2, 3, 4, 5]);
        let names: Vec<_> = h.columns.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["Ind A", "Ind B", "Ind C", "Ind D"]);
        let areas: Vec<_> = h
            .columns
            .iter()
            .map(|c| c.indicator_area.as_deref().unwrap_or("-"))
            .collect();
        assert_eq!(
            areas,
            [
                "Systematisk uppföljning",
                "Systematisk uppföljning",
                "Samverkan",
                "Samverkan"
            ]
        );
        assert!(
            h.columns
                .iter()
                .all(|c| c.quality.as_ref().and_then(|q| q.area)
                    == Some(QualityArea::Kunskapsbaserad))
        );
    }

    #[test]
    fn a_measure_note_is_no_level() {
        let cells = vec![
            (0, 1, t("Andel i procent")),
            (1, 1, t("1987")),
            (1, 2, t("1988")),
            (1, 3, t("1989")),
        ];
        let grid = Grid::new("Blad1", cells, vec![]);
        let h = read_headers(&grid, &[0, 1], &[1, 2, 3]);
        assert!(h
            .columns
            .iter()
            .all(|c| c.quality.is_none() && c.indicator_area.is_none()));
        assert_eq!(h.columns[2].measure.as_deref(), Some("Andel i procent"));
    }

    #[test]
    fn a_code_row_gives_codes() {
        let cells = vec![
            (0, 1, t("E1")),
            (0, 2, t("E2")),
            (1, 1, t("Väntetid (dagar)")),
            (1, 2, t("Rutin")),
        ];
        let grid = Grid::new("Blad1", cells, vec![]);
        let h = read_headers(&grid, &[0, 1], &[1, 2]);
        assert_eq!(h.columns[0].code.as_deref(), Some("E1"));
        assert_eq!(h.columns[0].name, "Väntetid (dagar)");
        assert_eq!(h.columns[0].measure.as_deref(), Some("dagar"));
        assert_eq!(
            measure_in_name("Genomsnittlig väntetid till nybesök, dagar").as_deref(),
            Some("dagar")
        );
        assert_eq!(measure_in_name("Rutin för samverkan, SIP"), None);
        assert_eq!(
            measure_in_name("Antal verkställda vräkningar per 100 000 invånare").as_deref(),
            Some("per 100 000 invånare")
        );
        assert_eq!(h.columns[1].code.as_deref(), Some("E2"));
    }
}
