//! Several years in one table (ÖJ's "Resultat 2016–2024"): one dataset per year, each with its
//! year found, so every view and the report treat the years as they treat separate files.
//!
//! Layout reading gives such a table an År dimension (year columns under each indicator, a year
//! header row over blocks of indicators, or an År column in a long table). Here the table is
//! split by that dimension. In each year's dataset an indicator without a single value that year
//! (not yet measured) is left out, not counted as unanswered; so is a unit without observations
//! that year, and a stadsdel whose city had another division that year (Järva before 2024) when
//! its cells are all empty.

use super::reading::{stable_key, DatasetReading, LabelRole};
use crate::model::{normalize_label, Dataset, Evidence, Found, Layout, UnitKind, Value};
use crate::reference::Reference;

/// The year a dimension value names ("2022"), if it is one.
fn year_of(text: &str) -> Option<u16> {
    let t = text.trim().trim_end_matches('*');
    let year: u16 = t.parse().ok()?;
    (1990..=2100).contains(&year).then_some(year)
}

/// Whether a dimension is the table's years: named År (Year, Årtal; Kolada's "period", "ar"
/// for år without its ring) with every value a year.
fn is_year_dimension(name: &str, values: &[String]) -> bool {
    let n = normalize_label(name);
    let n = n.trim_end_matches(['.', ':']);
    matches!(
        n,
        "år" | "year" | "årtal" | "mätår" | "redovisningsår" | "ar" | "period"
    ) && !values.is_empty()
        && values.iter().all(|v| year_of(v).is_some())
}

/// Whether a stadsdel (by its code "0180:Järva") reported in `year` by the reference; `true` for
/// every other unit and for districts the reference does not know.
fn district_existed(code: Option<&str>, kind: UnitKind, year: u16) -> bool {
    if kind != UnitKind::Stadsdel {
        return true;
    }
    let Some((city, name)) = code.and_then(|c| c.split_once(':')) else {
        return true;
    };
    let mut forms = Reference::get()
        .stadsdelar_of(city)
        .filter(|s| s.namn == name)
        .peekable();
    if forms.peek().is_none() {
        return true;
    }
    forms.any(|s| s.fran_ar <= year && s.till_ar.is_none_or(|t| year <= t))
}

/// The most years an ÖJ table holds ("Resultat 2016–2024"); a longer series is a statistics
/// table (1987–2023), read as one table with its År dimension.
const MAX_YEARS: usize = 20;

/// The År dimension of an ÖJ table with several years: the only extra dimension, at most
/// [`MAX_YEARS`] years, over several indicators, Ja/Nej ones or kommuner (Kolada's one key
/// figure per kommun and year). Socialstyrelsen's statistics tables (years by kön or ålder, one
/// measure by län over decades) keep their År dimension.
fn oj_year_dimension(dataset: &Dataset) -> Option<usize> {
    let [only] = dataset.dimensions.as_slice() else {
        return None;
    };
    let oj_like = dataset.indicators.len() > 1
        || dataset.indicators.iter().any(|i| i.is_categorical())
        || dataset.units.iter().any(|u| u.kind == UnitKind::Kommun);
    (is_year_dimension(&only.name, &only.values) && only.values.len() <= MAX_YEARS && oj_like)
        .then_some(0)
}

/// Splits an ÖJ table with several years (an År dimension) into one dataset per year (oldest
/// first), each with its reading; any other table is returned as it is.
pub fn split_by_year(dataset: Dataset, reading: DatasetReading) -> Vec<(Dataset, DatasetReading)> {
    let Some(pos) = oj_year_dimension(&dataset) else {
        return vec![(dataset, reading)];
    };
    let Some(dimension) = dataset.dimensions.get(pos) else {
        return vec![(dataset, reading)];
    };
    let mut years: Vec<(u16, u32)> = dimension
        .values
        .iter()
        .enumerate()
        .filter_map(|(k, v)| Some((year_of(v)?, u32::try_from(k).ok()?)))
        .collect();
    years.sort_unstable();
    let span = match (years.first(), years.last()) {
        (Some(a), Some(b)) if a.0 != b.0 => format!("{}–{}", a.0, b.0),
        (Some(a), _) => a.0.to_string(),
        _ => String::new(),
    };
    let dimension_name = dimension.name.clone();
    // Where the years stand: a wide table names them in its header (under each indicator, or a
    // band over blocks of indicators) unless a label column holds them (Kolada's `year`); long
    // and transposed tables in a column.
    let in_column = reading
        .columns
        .iter()
        .any(|c| c.role == LabelRole::Dimension && c.header == dimension_name);
    let (place, stands) = if dataset.layout == Layout::Wide && !in_column {
        (
            "årtalen i tabellhuvudet".to_owned(),
            "i tabellhuvudet".to_owned(),
        )
    } else {
        (
            format!("kolumnen {dimension_name} i tabellen"),
            format!("i kolumnen {dimension_name}"),
        )
    };
    years
        .iter()
        .map(|&(year, k)| {
            let mut part = one_year(&dataset, pos, k, year);
            let last = years.last().map_or(year, |l| l.0);
            keep_comparability_from_its_year(&mut part, year, last);
            part.year = Some(Found {
                value: year,
                evidence: Evidence {
                    source: place.clone(),
                    text: year.to_string(),
                },
            });
            let mut r = reading.clone();
            r.layout_key = stable_key([reading.layout_key.as_str(), "år", &year.to_string()]);
            r.notes.push(if years.len() > 1 {
                format!(
                    "Tabellen har flera år ({span}); det här är {year}, läst som en egen tabell."
                )
            } else {
                format!("Tabellens år ({year}) står {stands}.")
            });
            let gone = |all: Vec<String>, kept: &[String]| -> Vec<String> {
                all.into_iter().filter(|n| !kept.contains(n)).collect()
            };
            let indicators_gone = gone(
                dataset.indicators.iter().map(|i| i.name.clone()).collect(),
                &part
                    .indicators
                    .iter()
                    .map(|i| i.name.clone())
                    .collect::<Vec<_>>(),
            );
            if !indicators_gone.is_empty() {
                r.notes.push(format!(
                    "{} {} saknar värden {year} (inte mätt det året) och är inte med det året: {}.",
                    indicators_gone.len(),
                    if indicators_gone.len() == 1 {
                        "indikator"
                    } else {
                        "indikatorer"
                    },
                    indicators_gone.join("; ")
                ));
            }
            let units_gone = gone(
                dataset.units.iter().map(|u| u.label.clone()).collect(),
                &part
                    .units
                    .iter()
                    .map(|u| u.label.clone())
                    .collect::<Vec<_>>(),
            );
            if !units_gone.is_empty() {
                r.notes.push(format!(
                    "{} {} saknar värden {year} och är inte med det året: {}.",
                    units_gone.len(),
                    if units_gone.len() == 1 {
                        "enhet"
                    } else {
                        "enheter"
                    },
                    units_gone.join("; ")
                ));
            }
            r.refresh(&part);
            (part, r)
        })
        .collect()
}

/// The year a note on comparability names ("från 2024 räknas …"), if any.
fn note_year(note: &str) -> Option<u16> {
    note.split(|c: char| !c.is_ascii_digit())
        .filter(|t| t.len() == 4)
        .find_map(year_of)
}

/// A note on comparability belongs to the year the definition changed: the year it names, else
/// the table's latest year. Earlier years' datasets drop it, so Över tid marks the change where
/// it happened.
fn keep_comparability_from_its_year(dataset: &mut Dataset, year: u16, last: u16) {
    for ind in &mut dataset.indicators {
        let from = ind
            .comparability
            .as_deref()
            .map(|n| note_year(n).unwrap_or(last));
        if from.is_some_and(|from| year < from) {
            ind.comparability = None;
        }
    }
}

/// The observations of year value `k` of dimension `pos`, with the indicators and units that
/// have values that year.
fn one_year(dataset: &Dataset, pos: usize, k: u32, year: u16) -> Dataset {
    let observations: Vec<_> = dataset
        .observations
        .iter()
        .filter(|o| o.dims.get(pos) == Some(&k))
        .collect();
    let n_ind = dataset.indicators.len();
    let n_units = dataset.units.len();
    let mut indicator_has_value = vec![false; n_ind];
    let mut unit_has_obs = vec![false; n_units];
    let mut unit_has_value = vec![false; n_units];
    for o in &observations {
        let has_value = !matches!(o.value, Value::Absent(_));
        let (u, i) = (o.unit as usize, o.indicator as usize);
        if has_value {
            if let Some(slot) = indicator_has_value.get_mut(i) {
                *slot = true;
            }
            if let Some(slot) = unit_has_value.get_mut(u) {
                *slot = true;
            }
        }
        if let Some(slot) = unit_has_obs.get_mut(u) {
            *slot = true;
        }
    }
    let keep_unit: Vec<bool> = dataset
        .units
        .iter()
        .enumerate()
        .map(|(u, unit)| {
            let has_obs = unit_has_obs.get(u).copied().unwrap_or(false);
            let has_value = unit_has_value.get(u).copied().unwrap_or(false);
            has_obs && (has_value || district_existed(unit.code.as_deref(), unit.kind, year))
        })
        .collect();
    // Each year in the order the sheet gives it: indicators by their first cell that year
    // (column order in a wide table, row order otherwise), units likewise (rows; columns when
    // transposed). An indicator first measured later then takes its place in its year's block.
    let transposed = dataset.layout == Layout::Transposed;
    let wide = dataset.layout == Layout::Wide;
    let mut unit_first: Vec<Option<(u32, u32)>> = vec![None; n_units];
    let mut indicator_first: Vec<Option<(u32, u32)>> = vec![None; n_ind];
    for o in &observations {
        let (r, c) = (o.cell.row, o.cell.col);
        let unit_key = if transposed { (c, r) } else { (r, c) };
        let indicator_key = if wide { (c, r) } else { (r, c) };
        if let Some(slot) = unit_first.get_mut(o.unit as usize) {
            *slot = Some(slot.map_or(unit_key, |k| k.min(unit_key)));
        }
        if let Some(slot) = indicator_first.get_mut(o.indicator as usize) {
            *slot = Some(slot.map_or(indicator_key, |k| k.min(indicator_key)));
        }
    }
    let unit_order = ordered(&keep_unit, &unit_first);
    let indicator_order = ordered(&indicator_has_value, &indicator_first);
    let unit_map = positions(&unit_order, n_units);
    let indicator_map = positions(&indicator_order, n_ind);
    let mut part = Dataset {
        file: dataset.file.clone(),
        sheet: dataset.sheet.clone(),
        title: dataset.title.clone(),
        layout: dataset.layout,
        area: dataset.area.clone(),
        year: None,
        units: unit_order
            .iter()
            .filter_map(|&u| dataset.units.get(u).cloned())
            .collect(),
        indicators: indicator_order
            .iter()
            .filter_map(|&i| dataset.indicators.get(i).cloned())
            .collect(),
        dimensions: dataset
            .dimensions
            .iter()
            .enumerate()
            .filter(|(d, _)| *d != pos)
            .map(|(_, d)| d.clone())
            .collect(),
        observations: Vec::new(),
    };
    for o in observations {
        let unit = unit_map.get(o.unit as usize).copied().flatten();
        let indicator = indicator_map.get(o.indicator as usize).copied().flatten();
        let (Some(unit), Some(indicator)) = (unit, indicator) else {
            continue;
        };
        let mut obs = o.clone();
        obs.unit = unit;
        obs.indicator = indicator;
        if pos < obs.dims.len() {
            obs.dims.remove(pos);
        }
        part.observations.push(obs);
    }
    part.sort_observations();
    part
}

/// The indices kept, ordered by their first cell (ties and cell-less ones by index).
fn ordered(keep: &[bool], first: &[Option<(u32, u32)>]) -> Vec<usize> {
    let mut kept: Vec<usize> = keep
        .iter()
        .enumerate()
        .filter(|(_, k)| **k)
        .map(|(i, _)| i)
        .collect();
    kept.sort_by_key(|&i| {
        (
            first
                .get(i)
                .copied()
                .flatten()
                .unwrap_or((u32::MAX, u32::MAX)),
            i,
        )
    });
    kept
}

/// Old index → new index, for the indices in `order`.
fn positions(order: &[usize], n: usize) -> Vec<Option<u32>> {
    let mut map = vec![None; n];
    for (new, &old) in order.iter().enumerate() {
        if let Some(slot) = map.get_mut(old) {
            *slot = u32::try_from(new).ok();
        }
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_dimensions_are_named_and_hold_years() {
        let years = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert!(is_year_dimension("År", &years(&["2022", "2023"])));
        assert!(is_year_dimension("år ", &years(&["2024*"])));
        assert!(!is_year_dimension("Kön", &years(&["2022"])));
        assert!(!is_year_dimension("År", &years(&["2022", "Totalt"])));
        assert!(!is_year_dimension("År", &[]));
    }

    #[test]
    fn a_note_on_comparability_names_its_year() {
        assert_eq!(
            note_year("24 månader (tidigare 12): från 2024 räknas …"),
            Some(2024)
        );
        assert_eq!(note_year("24 månader (tidigare 12)"), None);
    }

    #[test]
    fn districts_exist_in_their_years() {
        let s = UnitKind::Stadsdel;
        assert!(district_existed(Some("0180:Järva"), s, 2024));
        assert!(!district_existed(Some("0180:Järva"), s, 2023));
        assert!(!district_existed(Some("0180:Rinkeby-Kista"), s, 2024));
        assert!(district_existed(Some("0180:Okänd"), s, 2024));
        assert!(district_existed(Some("0138"), UnitKind::Kommun, 1990));
    }
}
