//! Realistic, fictitious ÖJ tables: indicator catalogues per area and year, and deterministic
//! pseudo-random answers for every kommun and stadsdel with aggregate rows consistent with them.
//!
//! The indicators come from the catalogue ([`super::catalogue`]); the answers are invented.

use crate::model::{Area, IndicatorKind, UnitKind};
use crate::reference::{Reference, STORSTADER};

use super::catalogue::{catalogue_for, Entry};
use super::spec::{
    aggregate_cell, CellSpec, IndicatorSpec, OutcomeCounts, RowSpec, TableSpec, ATTR_KOMMUNGRUPP,
    ATTR_LAN,
};

/// Which units a generated table holds.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OjOptions {
    /// Kommunkoder to include (in reference order); `None` = all 290. Län rows are written for
    /// the län that have a kommun in the selection; riket always.
    pub kommuner: Option<Vec<String>>,
    /// Leave out the odd spellings ("ja ", "JA", NBSP) so every text is canonical.
    pub canonical_text_only: bool,
}

/// A realistic ÖJ table of `area` for `year`: every kommun, the stadsdelar of the cities that
/// reported by district that year, the cities, the 21 län and riket.
pub fn oj_table(area: Area, year: u16, seed: u64) -> TableSpec {
    oj_table_with(area, year, seed, &OjOptions::default())
}

/// [`oj_table`] over a chosen set of units (see [`OjOptions`]).
pub fn oj_table_with(area: Area, year: u16, seed: u64, options: &OjOptions) -> TableSpec {
    let mut spec = answered_table(area, year, seed, options);
    recompute_aggregates(&mut spec);
    spec
}

/// The table with every answering row filled in and the aggregate rows still empty.
pub(crate) fn answered_table(area: Area, year: u16, seed: u64, options: &OjOptions) -> TableSpec {
    let catalogue = catalogue_for(area, year);
    let indicators: Vec<IndicatorSpec> = catalogue.iter().map(|e| e.spec.clone()).collect();
    let area_label = area_label(area).to_owned();
    let mut spec = TableSpec {
        area,
        area_label: area_label.clone(),
        year,
        title: format!("Öppna jämförelser {year} – {area_label} (FIKTIVA EXEMPELDATA)"),
        indicators,
        rows: unit_rows(year, options),
    };
    for row in spec.rows.iter_mut() {
        row.cells = if row.is_answering() {
            answers(
                area,
                year,
                seed,
                row,
                &catalogue,
                !options.canonical_text_only,
            )
        } else {
            vec![CellSpec::Empty; catalogue.len()]
        };
    }
    spec
}

/// Rewrites every aggregate row (storstad, län, riket) from the answering rows beneath it:
/// categorical cells by [`TableSpec::recomputed_share`], numeric cells as the mean of the
/// members' numbers rounded to one decimal (`..` when none has a number).
pub fn recompute_aggregates(spec: &mut TableSpec) {
    let mut new_cells = Vec::new();
    for (row_idx, row) in spec.rows.iter().enumerate() {
        if row.is_answering() || !row.kind.is_aggregate() {
            continue;
        }
        let members = spec.members_of(row);
        let cells = spec
            .indicators
            .iter()
            .enumerate()
            .map(|(col, indicator)| {
                if indicator.is_categorical() {
                    let mut counts = OutcomeCounts::default();
                    for m in &members {
                        counts.add(m.cells.get(col).and_then(CellSpec::outcome));
                    }
                    aggregate_cell(&counts)
                } else {
                    let numbers: Vec<f64> = members
                        .iter()
                        .filter_map(|m| match m.cells.get(col) {
                            Some(CellSpec::Number(n)) => Some(*n),
                            _ => None,
                        })
                        .collect();
                    if numbers.is_empty() {
                        CellSpec::Text("..".into())
                    } else {
                        let mean = numbers.iter().sum::<f64>() / numbers.len() as f64;
                        CellSpec::Number((mean * 10.0).round() / 10.0)
                    }
                }
            })
            .collect();
        new_cells.push((row_idx, cells));
    }
    for (row_idx, cells) in new_cells {
        if let Some(row) = spec.rows.get_mut(row_idx) {
            row.cells = cells;
        }
    }
}

/// The area's name as the generated files write it (sometimes not the canonical one, so that
/// area detection is exercised).
pub fn area_label(area: Area) -> &'static str {
    match area {
        Area::Missbruk => "Missbruks- och beroendevården",
        Area::Socialpsykiatri => {
            "Stöd till personer med psykisk funktionsnedsättning – socialpsykiatri"
        }
        other => other.name(),
    }
}

/// A short name for sheet names and file names (at most 31 characters).
pub fn area_short(area: Area) -> &'static str {
    match area {
        Area::EkonomisktBistand => "Ekonomiskt bistånd",
        Area::Missbruk => "Missbruk",
        Area::BarnOchUnga => "Barn och unga",
        Area::ValdINaraRelationer => "Våld i nära relationer",
        Area::Hemloshet => "Hemlöshet",
        Area::Lss => "LSS",
        Area::Socialpsykiatri => "Socialpsykiatri",
        Area::Aldreomsorg => "Äldreomsorg",
        Area::Krisberedskap => "Krisberedskap",
        Area::Familjeratt => "Familjerätt",
    }
}

/// The indicators of `area` in `year`, in column order.
pub fn indicators_for(area: Area, year: u16) -> Vec<IndicatorSpec> {
    catalogue_for(area, year)
        .into_iter()
        .map(|e| e.spec)
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Units

fn unit_rows(year: u16, options: &OjOptions) -> Vec<RowSpec> {
    let reference = Reference::get();
    let selected = |kod: &str| match &options.kommuner {
        None => true,
        Some(list) => list.iter().any(|k| k == kod),
    };
    let kommuner: Vec<_> = reference
        .kommuner
        .iter()
        .filter(|k| selected(&k.kod))
        .collect();

    let mut rows = vec![RowSpec {
        label: "Riket".into(),
        code_cell: None,
        kind: UnitKind::Riket,
        code: Some("00".into()),
        name: "Riket".into(),
        parent: None,
        attributes: Vec::new(),
        cells: Vec::new(),
    }];
    for lan in &reference.lan {
        if !kommuner.iter().any(|k| k.lanskod == lan.kod) {
            continue;
        }
        rows.push(RowSpec {
            label: lan.namn.clone(),
            code_cell: Some(lan.kod.clone()),
            kind: UnitKind::Lan,
            code: Some(lan.kod.clone()),
            name: lan.namn.clone(),
            parent: Some("00".into()),
            attributes: Vec::new(),
            cells: Vec::new(),
        });
    }
    for kommun in kommuner {
        let attributes = vec![
            (ATTR_LAN.to_owned(), kommun.lan.clone()),
            (ATTR_KOMMUNGRUPP.to_owned(), kommun.skr_2017.clone()),
        ];
        let districts: Vec<_> = if STORSTADER.contains(&kommun.kod.as_str()) {
            reference
                .stadsdelar_of(&kommun.kod)
                .filter(|s| s.fran_ar <= year && s.till_ar.is_none_or(|till| year <= till))
                .collect()
        } else {
            Vec::new()
        };
        let kind = if districts.is_empty() {
            UnitKind::Kommun
        } else {
            UnitKind::Storstad
        };
        rows.push(RowSpec {
            label: kommun.namn.clone(),
            code_cell: Some(kommun.kod.clone()),
            kind,
            code: Some(kommun.kod.clone()),
            name: kommun.namn.clone(),
            parent: Some(kommun.lanskod.clone()),
            attributes: attributes.clone(),
            cells: Vec::new(),
        });
        for district in districts {
            rows.push(RowSpec {
                label: format!("{} - {}", kommun.namn, district.namn),
                code_cell: None,
                kind: UnitKind::Stadsdel,
                code: Some(format!("{}:{}", kommun.kod, district.namn)),
                name: district.namn.clone(),
                parent: Some(kommun.kod.clone()),
                attributes: attributes.clone(),
                cells: Vec::new(),
            });
        }
    }
    rows
}

// ---------------------------------------------------------------------------------------------
// Answers

/// A small deterministic generator (splitmix64): no dependency, the same on every platform.
#[derive(Clone, Debug)]
pub(crate) struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in 0..n (0 when n is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        (self.next_u64() % n as u64) as usize
    }
}

/// A stable hash of several parts (FNV-1a over their bytes, then one splitmix round).
pub(crate) fn mix(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.bytes().chain(std::iter::once(0xff)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01B3);
        }
    }
    Rng::new(h).next_u64()
}

/// Odd spellings of an outcome as people type them.
fn odd_spelling(canonical: &str, rng: &mut Rng) -> String {
    match rng.below(4) {
        0 => format!("{} ", canonical.to_lowercase()),
        1 => canonical.to_uppercase(),
        2 => format!("{canonical}\u{a0}"),
        _ => format!(" {canonical}"),
    }
}

fn answers(
    area: Area,
    year: u16,
    seed: u64,
    row: &RowSpec,
    catalogue: &[Entry],
    odd: bool,
) -> Vec<CellSpec> {
    let seed_text = seed.to_string();
    let code = row.code.clone().unwrap_or_default();
    let year_text = year.to_string();
    let mut rng = Rng::new(mix(&[&seed_text, area.key(), &year_text, &code]));
    // A kommun's general level is stable over the years, with a slow drift upwards.
    let level = {
        let mut r = Rng::new(mix(&[&seed_text, area.key(), &code]));
        0.25 + 0.55 * r.unit() + 0.03 * (f64::from(year) - 2018.0)
    };
    // About 1.5 % of the units did not answer the area at all (bortfall), never Tyresö.
    let bortfall = code != "0138" && rng.unit() < 0.015;
    let bortfall_text = if rng.unit() < 0.5 {
        CellSpec::Empty
    } else {
        CellSpec::Text("-".into())
    };
    catalogue
        .iter()
        .map(|entry| {
            let code = entry.spec.code.clone().unwrap_or_default();
            if bortfall {
                return match entry.spec.kind {
                    IndicatorKind::Categorical => bortfall_text.clone(),
                    IndicatorKind::Numeric { .. } => CellSpec::Empty,
                };
            }
            if let IndicatorKind::Numeric { .. } = entry.spec.kind {
                let r = rng.unit();
                if r < 0.02 {
                    return CellSpec::Text("..".into());
                }
                if r < 0.03 {
                    return CellSpec::Empty;
                }
                let (lo, hi, decimals) = entry.range;
                let scale = 10f64.powi(decimals);
                let v = lo + (hi - lo) * rng.unit();
                return CellSpec::Number((v * scale).round() / scale);
            }
            let difficulty = {
                let mut r = Rng::new(mix(&[&seed_text, area.key(), &code]));
                0.6 * r.unit() - 0.3
            };
            let p_ja = (level + difficulty).clamp(0.05, 0.95);
            let r = rng.unit();
            let canonical = if r < 0.035 {
                "Ej aktuellt"
            } else if r < 0.045 {
                "Kan inte svara"
            } else if r < 0.05 {
                return CellSpec::Text("-".into());
            } else {
                let s = rng.unit();
                if s < p_ja {
                    "Ja"
                } else if entry.delvis && s < p_ja + (1.0 - p_ja) * 0.4 {
                    "Delvis"
                } else {
                    "Nej"
                }
            };
            if odd && rng.unit() < 0.004 {
                CellSpec::Text(odd_spelling(canonical, &mut rng))
            } else {
                CellSpec::Text(canonical.to_owned())
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_changes_between_years() {
        let before = indicators_for(Area::EkonomisktBistand, 2019);
        let after = indicators_for(Area::EkonomisktBistand, 2020);
        let codes =
            |v: &[IndicatorSpec]| v.iter().filter_map(|i| i.code.clone()).collect::<Vec<_>>();
        let (cb, ca) = (codes(&before), codes(&after));
        assert_eq!(
            cb.iter().filter(|c| !ca.contains(c)).count(),
            1,
            "one dropped"
        );
        assert_eq!(
            ca.iter().filter(|c| !cb.contains(c)).count(),
            1,
            "one added"
        );
        let renamed: Vec<_> = before
            .iter()
            .filter(|b| after.iter().any(|a| a.code == b.code && a.name != b.name))
            .collect();
        assert_eq!(renamed.len(), 1, "one renamed");
    }

    #[test]
    fn every_unit_is_present() {
        let spec = oj_table(Area::Missbruk, 2020, 1);
        let count = |k: UnitKind| spec.rows.iter().filter(|r| r.kind == k).count();
        assert_eq!(count(UnitKind::Riket), 1);
        assert_eq!(count(UnitKind::Lan), 21);
        // 2020: Stockholm and Göteborg by district; Malmö answers as a kommun since 2018.
        assert_eq!(count(UnitKind::Storstad), 2);
        assert_eq!(count(UnitKind::Kommun), 288);
        assert_eq!(count(UnitKind::Stadsdel), 14 + 10);
        assert!(spec
            .rows
            .iter()
            .any(|r| r.label == "Stockholm - Rinkeby-Kista"));
        let stad_2016 = oj_table(Area::Missbruk, 2016, 1);
        assert_eq!(
            stad_2016
                .rows
                .iter()
                .filter(|r| r.kind == UnitKind::Storstad)
                .count(),
            3
        );
    }
}
