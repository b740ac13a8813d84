//! Years: one area's tables across years, indicators matched by code or normalised name, each
//! year scored on its full set and on the set common to all years, and what changed.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::{Deserialize, Serialize};

use crate::model::{normalize_label, Indicator};
use crate::score::{AreaTable, DelvisRule, Grouping, QualityGroup, Score, Tally, Trace};

/// A score per quality group and in total.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearScores {
    pub total: Score,
    pub quality: Vec<(QualityGroup, Score)>,
}

/// One year of an area.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct YearPoint {
    /// `None` when the file did not say which year.
    pub year: Option<u16>,
    /// The datasets the year was read from.
    pub datasets: Vec<u32>,
    /// Whether the unit has a row this year.
    pub present: bool,
    /// How that year's file groups its indicators.
    #[serde(default)]
    pub grouping: Grouping,
    /// On every categorical indicator of that year.
    pub full: YearScores,
    /// On the indicators present in every compared year.
    pub common: YearScores,
    /// The unit's cells this year, one per categorical indicator. A figure's cells are those
    /// whose `quality` is its group's key (and, for `common`, whose `match_key` is common).
    pub cells: Vec<Trace>,
}

/// What happened to an indicator between two years.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    /// Present in the later year only.
    Ny,
    /// Present in the earlier year only.
    Borttagen,
    /// Probably the same indicator under a new name (names highly similar; best effort).
    Omdopt,
    /// The same code, but the wording changed: check whether the meaning did.
    Omformulerad,
    /// The file says the indicator is not fully comparable with earlier years (its note is in
    /// [`IndicatorChange::note`], e.g. "24 månader (tidigare 12)").
    EjJamforbar,
}

impl ChangeKind {
    pub fn label(self) -> &'static str {
        match self {
            ChangeKind::Ny => "ny",
            ChangeKind::Borttagen => "borttagen",
            ChangeKind::Omdopt => "troligen omdöpt",
            ChangeKind::Omformulerad => "ny formulering",
            ChangeKind::EjJamforbar => "inte helt jämförbar",
        }
    }
}

/// One change between two consecutive years.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IndicatorChange {
    pub kind: ChangeKind,
    pub from_year: Option<u16>,
    pub to_year: Option<u16>,
    /// The name in the later year (in the earlier year for a removed indicator).
    pub name: String,
    /// The earlier name, for renamed and reworded indicators.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_name: Option<String>,
    /// Name similarity in percent, for renamed indicators.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub similarity: Option<u32>,
    /// The file's comparability note, for [`ChangeKind::EjJamforbar`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The file's quality grouping changed between two years (kvalitetsområden until 2022,
/// kvalitetsdimensioner from 2023): the years compare on their totals only.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupingChange {
    pub from_year: Option<u16>,
    pub to_year: Option<u16>,
    pub from: Grouping,
    pub to: Grouping,
}

impl GroupingChange {
    /// "Från 2023 grupperas indikatorerna efter kvalitetsdimensioner (tidigare
    /// kvalitetsområden); åren jämförs bara på totalen."
    pub fn sentence(&self) -> String {
        let year = self
            .to_year
            .map(|y| format!("Från {y}"))
            .unwrap_or_else(|| "Ett senare år".to_owned());
        format!(
            "{year} grupperas indikatorerna efter {} (tidigare {}); åren jämförs bara på totalen.",
            self.to.plural(),
            self.from.plural()
        )
    }
}

/// An area across years for one unit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct YearComparison {
    /// Oldest first.
    pub years: Vec<YearPoint>,
    /// The match keys of the indicators present in every year, with the newest year's name.
    pub common: Vec<(String, String)>,
    pub changes: Vec<IndicatorChange>,
    /// Where the quality grouping changed between consecutive years.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub grouping_changes: Vec<GroupingChange>,
}

impl YearComparison {
    /// Whether the years use more than one quality grouping (their groups do not match).
    pub fn grouping_changed(&self) -> bool {
        !self.grouping_changes.is_empty()
    }
}

/// Names at least this similar (bigram Dice, percent) count as a probable rename.
pub const RENAME_SIMILARITY: u32 = 80;

/// The match keys of a table's categorical columns, made unique within the year (a second
/// indicator with the same key gets `#2`).
pub fn column_keys(table: &AreaTable) -> Vec<String> {
    let mut seen: HashMap<String, u32> = HashMap::new();
    (0..table.width())
        .map(|c| {
            let key = table
                .column_indicator(c)
                .map(|(_, i)| i.match_key())
                .unwrap_or_default();
            let n = seen.entry(key.clone()).or_insert(0);
            *n += 1;
            if *n == 1 {
                key
            } else {
                format!("{key}#{n}")
            }
        })
        .collect()
}

/// Compares the years of one area for the unit `own` (a code). `tables` may come in any order.
pub fn compare_years(
    tables: &[(Option<u16>, &AreaTable)],
    own: &str,
    rule: DelvisRule,
) -> YearComparison {
    let mut sorted: Vec<(Option<u16>, &AreaTable)> = tables.to_vec();
    sorted.sort_by_key(|(y, _)| *y);
    let keys: Vec<Vec<String>> = sorted.iter().map(|(_, t)| column_keys(t)).collect();
    let common: BTreeSet<String> = match keys.split_first() {
        Some((first, rest)) => first
            .iter()
            .filter(|k| rest.iter().all(|ks| ks.contains(k)))
            .cloned()
            .collect(),
        None => BTreeSet::new(),
    };
    let years: Vec<YearPoint> = sorted
        .iter()
        .zip(&keys)
        .map(|((year, table), keys)| {
            let unit = table.unit(own);
            let all: Vec<usize> = (0..table.width()).collect();
            let common_cols: Vec<usize> = all
                .iter()
                .copied()
                .filter(|&c| keys.get(c).is_some_and(|k| common.contains(k)))
                .collect();
            let scores = |cols: &[usize]| -> YearScores {
                let groups = table.quality_groups();
                let tally_of = |cs: &[usize]| unit.map(|u| table.tally(u, cs)).unwrap_or_default();
                YearScores {
                    total: Score::new(tally_of(cols), rule),
                    quality: groups
                        .into_iter()
                        .filter_map(|(g, cs)| {
                            let cs: Vec<usize> =
                                cs.into_iter().filter(|c| cols.contains(c)).collect();
                            (!cs.is_empty()).then(|| (g, Score::new(tally_of(&cs), rule)))
                        })
                        .collect(),
                }
            };
            YearPoint {
                year: *year,
                datasets: table.parts().iter().map(|(i, _)| *i).collect(),
                present: unit.is_some(),
                grouping: Grouping::of(table.quality_groups().iter().map(|(g, _)| g)),
                full: scores(&all),
                common: scores(&common_cols),
                cells: unit
                    .map(|u| table.explain(u, &all, rule))
                    .unwrap_or_default(),
            }
        })
        .collect();
    let newest_names: Vec<(String, String)> = match (sorted.last(), keys.last()) {
        (Some((_, table)), Some(ks)) => ks
            .iter()
            .enumerate()
            .filter(|(_, k)| common.contains(*k))
            .map(|(c, k)| {
                let name = table
                    .column_indicator(c)
                    .map(|(_, i)| i.name.clone())
                    .unwrap_or_default();
                (k.clone(), name)
            })
            .collect(),
        _ => Vec::new(),
    };
    let mut changes = Vec::new();
    for (i, pair) in sorted.windows(2).enumerate() {
        let [(from_year, from), (to_year, to)] = pair else {
            continue;
        };
        let (Some(from_keys), Some(to_keys)) = (keys.get(i), keys.get(i + 1)) else {
            continue;
        };
        changes.extend(changes_between(
            (*from_year, from, from_keys),
            (*to_year, to, to_keys),
        ));
    }
    changes.extend(comparability_changes(&sorted));
    let grouping_changes = grouping_changes(&years);
    YearComparison {
        years,
        common: newest_names,
        changes,
        grouping_changes,
    }
}

/// The consecutive years whose groupings differ.
fn grouping_changes(years: &[YearPoint]) -> Vec<GroupingChange> {
    years
        .windows(2)
        .filter_map(|pair| match pair {
            [a, b] if a.grouping != b.grouping => Some(GroupingChange {
                from_year: a.year,
                to_year: b.year,
                from: a.grouping,
                to: b.grouping,
            }),
            _ => None,
        })
        .collect()
}

/// The indicators whose file says they are not fully comparable with earlier years: marked
/// at the first year that carries the note after a year without it (the change of
/// definition), or, when every year carries the same note, at the newest pair of years.
fn comparability_changes(sorted: &[(Option<u16>, &AreaTable)]) -> Vec<IndicatorChange> {
    // Per match key, the note of each year (None when absent or without a note).
    let mut notes: BTreeMap<String, Vec<Option<(String, String)>>> = BTreeMap::new();
    for (y, (_, table)) in sorted.iter().enumerate() {
        for &r in &table.indicators {
            let Some(indicator) = table.indicator(r) else {
                continue;
            };
            let slot = notes
                .entry(indicator.match_key())
                .or_insert_with(|| vec![None; sorted.len()]);
            if let (Some(cell), Some(note)) = (slot.get_mut(y), &indicator.comparability) {
                *cell = Some((indicator.name.clone(), note.trim().to_owned()));
            }
        }
    }
    let mut out = Vec::new();
    for per_year in notes.values() {
        if sorted.len() < 2 || per_year.iter().all(Option::is_none) {
            continue;
        }
        let mut marked = false;
        for y in 1..per_year.len() {
            let (Some(Some((name, note))), Some(before)) = (per_year.get(y), per_year.get(y - 1))
            else {
                continue;
            };
            if before.as_ref().map(|(_, n)| n) != Some(note) {
                out.push(comparability_change(sorted, y, name, note));
                marked = true;
            }
        }
        if !marked {
            let last = per_year.len() - 1;
            if let Some(Some((name, note))) = per_year.get(last) {
                out.push(comparability_change(sorted, last, name, note));
            }
        }
    }
    out
}

fn comparability_change(
    sorted: &[(Option<u16>, &AreaTable)],
    y: usize,
    name: &str,
    note: &str,
) -> IndicatorChange {
    IndicatorChange {
        kind: ChangeKind::EjJamforbar,
        from_year: y
            .checked_sub(1)
            .and_then(|p| sorted.get(p))
            .and_then(|(y, _)| *y),
        to_year: sorted.get(y).and_then(|(y, _)| *y),
        name: name.to_owned(),
        previous_name: None,
        similarity: None,
        note: Some(note.to_owned()),
    }
}

fn changes_between(
    (from_year, from, from_keys): (Option<u16>, &AreaTable, &[String]),
    (to_year, to, to_keys): (Option<u16>, &AreaTable, &[String]),
) -> Vec<IndicatorChange> {
    let name_of = |t: &AreaTable, c: usize| -> Option<Indicator> {
        t.column_indicator(c).map(|(_, i)| i.clone())
    };
    let from_map: BTreeMap<&String, usize> =
        from_keys.iter().enumerate().map(|(c, k)| (k, c)).collect();
    let to_map: BTreeMap<&String, usize> =
        to_keys.iter().enumerate().map(|(c, k)| (k, c)).collect();
    let mut out = Vec::new();
    // Same key, other wording (only meaningful when the key is a code).
    for (key, &tc) in &to_map {
        if let (Some(&fc), true) = (from_map.get(key), key.starts_with("kod:")) {
            if let (Some(a), Some(b)) = (name_of(from, fc), name_of(to, tc)) {
                if normalize_label(&a.name) != normalize_label(&b.name) {
                    out.push(IndicatorChange {
                        kind: ChangeKind::Omformulerad,
                        from_year,
                        to_year,
                        name: b.name,
                        previous_name: Some(a.name),
                        similarity: None,
                        note: None,
                    });
                }
            }
        }
    }
    let mut dropped: Vec<(usize, String)> = from_map
        .iter()
        .filter(|(k, _)| !to_map.contains_key(*k))
        .filter_map(|(_, &c)| name_of(from, c).map(|i| (c, i.name)))
        .collect();
    let mut added: Vec<(usize, String)> = to_map
        .iter()
        .filter(|(k, _)| !from_map.contains_key(*k))
        .filter_map(|(_, &c)| name_of(to, c).map(|i| (c, i.name)))
        .collect();
    dropped.sort();
    added.sort();
    // Greedy pairing of the most similar dropped/added names of the same quality group above
    // the threshold.
    let group_of =
        |t: &AreaTable, c: usize| t.column_indicator(c).map(|(_, i)| QualityGroup::of(i).key);
    let mut pairs: Vec<(u32, usize, usize)> = Vec::new();
    for (di, (dc, d)) in dropped.iter().enumerate() {
        for (ai, (ac, a)) in added.iter().enumerate() {
            if group_of(from, *dc) != group_of(to, *ac) {
                continue;
            }
            let s = similarity(d, a);
            if s >= RENAME_SIMILARITY {
                pairs.push((s, di, ai));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut used_d = vec![false; dropped.len()];
    let mut used_a = vec![false; added.len()];
    for (s, di, ai) in pairs {
        if used_d.get(di).copied().unwrap_or(true) || used_a.get(ai).copied().unwrap_or(true) {
            continue;
        }
        if let (Some(slot_d), Some(slot_a)) = (used_d.get_mut(di), used_a.get_mut(ai)) {
            *slot_d = true;
            *slot_a = true;
        }
        if let (Some((_, d)), Some((_, a))) = (dropped.get(di), added.get(ai)) {
            out.push(IndicatorChange {
                kind: ChangeKind::Omdopt,
                from_year,
                to_year,
                name: a.clone(),
                previous_name: Some(d.clone()),
                similarity: Some(s),
                note: None,
            });
        }
    }
    for (i, (_, name)) in added.iter().enumerate() {
        if !used_a.get(i).copied().unwrap_or(false) {
            out.push(IndicatorChange {
                kind: ChangeKind::Ny,
                from_year,
                to_year,
                name: name.clone(),
                previous_name: None,
                similarity: None,
                note: None,
            });
        }
    }
    for (i, (_, name)) in dropped.iter().enumerate() {
        if !used_d.get(i).copied().unwrap_or(false) {
            out.push(IndicatorChange {
                kind: ChangeKind::Borttagen,
                from_year,
                to_year,
                name: name.clone(),
                previous_name: None,
                similarity: None,
                note: None,
            });
        }
    }
    out
}

/// Similarity of two names in percent: the Dice coefficient of their character bigrams after
/// normalisation (100 = the same bigrams), or 90 when every word of the shorter name (at
/// least three words) is in the longer one ("… om SIP" → "… om samordnad individuell plan (SIP)").
pub fn similarity(a: &str, b: &str) -> u32 {
    bigram_dice(a, b).max(word_containment(a, b))
}

fn words(s: &str) -> BTreeSet<String> {
    normalize_label(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

fn word_containment(a: &str, b: &str) -> u32 {
    let (x, y) = (words(a), words(b));
    let (short, long) = if x.len() <= y.len() { (x, y) } else { (y, x) };
    if short.len() >= 3 && short != long && short.is_subset(&long) {
        90
    } else {
        0
    }
}

fn bigram_dice(a: &str, b: &str) -> u32 {
    let bigrams = |s: &str| -> Vec<(char, char)> {
        let chars: Vec<char> = normalize_label(s).chars().collect();
        let mut v: Vec<(char, char)> = chars
            .windows(2)
            .filter_map(|w| match w {
                [a, b] => Some((*a, *b)),
                _ => None,
            })
            .collect();
        v.sort_unstable();
        v
    };
    let (x, y) = (bigrams(a), bigrams(b));
    if x.is_empty() && y.is_empty() {
        return 100;
    }
    // Multiset intersection of two sorted lists.
    let (mut i, mut j, mut common) = (0, 0, 0u64);
    while let (Some(p), Some(q)) = (x.get(i), y.get(j)) {
        match p.cmp(q) {
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
        }
    }
    let total = (x.len() + y.len()) as u64;
    ((200 * common + total / 2) / total.max(1)) as u32
}

/// The tally of a year's cells restricted to one quality group (for checking a figure's cells).
pub fn tally_of_cells(cells: &[Trace], quality: Option<&str>) -> Tally {
    Tally::of(
        cells
            .iter()
            .filter(|c| quality.is_none_or(|q| c.quality == q))
            .map(|c| c.bucket),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn similar_names_score_high_and_different_names_low() {
        assert_eq!(similarity("Aktuell rutin", "aktuell  RUTIN"), 100);
        assert!(
            similarity(
                "Samlad plan för kompetensutveckling",
                "Samlad plan för handläggarnas kompetensutveckling"
            ) >= RENAME_SIMILARITY
        );
        assert!(similarity("Brukarundersökning", "Överenskommelse med polisen") < 40);
        assert_eq!(similarity("", ""), 100);
        assert_eq!(
            similarity(
                "Aktuell rutin för information om SIP",
                "Aktuell rutin för information om samordnad individuell plan (SIP)"
            ),
            90
        );
        assert_eq!(
            word_containment("Erbjuder stöd", "Erbjuder stöd i föräldraskap"),
            0
        );
    }
}
