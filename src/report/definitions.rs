//! Indicator definitions across files: an indicator whose own file has no description sheet
//! (or no row for it) takes the definition another loaded file gives, matched by code, then by
//! name — another year's workbook of the same area describes the same indicators.

use std::collections::HashMap;

use super::AreaReport;
use crate::model::{normalize_label, Dataset, Definition, Indicator};
use crate::score::Trace;

/// The definitions of every loaded file, by code and by name; the first file's wins.
#[derive(Default)]
pub struct DefinitionIndex<'a> {
    by_code: HashMap<String, &'a Definition>,
    by_name: HashMap<String, &'a Definition>,
}

impl<'a> DefinitionIndex<'a> {
    /// The index of the definitions `datasets` hold, with text first: a definition with a
    /// description text wins over one with only its other columns.
    pub fn of(datasets: &'a [Dataset]) -> DefinitionIndex<'a> {
        let mut index = DefinitionIndex::default();
        let described = |d: &&'a Indicator| d.definition.as_ref().is_some_and(|x| x.text.is_some());
        let all = || datasets.iter().flat_map(|d| d.indicators.iter());
        for indicator in all().filter(described).chain(all()) {
            let Some(definition) = &indicator.definition else {
                continue;
            };
            if let Some(code) = indicator.code.as_deref().filter(|c| !c.trim().is_empty()) {
                index
                    .by_code
                    .entry(normalize_label(code))
                    .or_insert(definition);
            }
            index
                .by_name
                .entry(normalize_label(&indicator.name))
                .or_insert(definition);
        }
        index
    }

    /// The definition for an indicator of this code and name, by code first.
    pub fn find(&self, code: Option<&str>, name: &str) -> Option<&'a Definition> {
        code.and_then(|c| self.by_code.get(&normalize_label(c)))
            .or_else(|| self.by_name.get(&normalize_label(name)))
            .copied()
    }
}

/// Fills the definition of every indicator line (categorical and numeric) that has none, or one
/// without a text, from the other loaded files.
pub fn fill_definitions(areas: &mut [AreaReport], datasets: &[Dataset]) {
    let index = DefinitionIndex::of(datasets);
    let better = |own: &Option<Definition>, code: Option<&str>, name: &str| {
        if own.as_ref().is_some_and(|d| d.text.is_some()) {
            return None;
        }
        let found = index.find(code, name)?;
        (found.text.is_some() || own.is_none()).then_some(found)
    };
    for area in areas {
        for line in &mut area.indicators {
            if let Some(d) = better(&line.definition, line.code.as_deref(), &line.name) {
                line.definition = Some(d.clone());
            }
        }
        for line in &mut area.numeric {
            if let Some(d) = better(&line.definition, line.code.as_deref(), &line.name) {
                line.definition = Some(d.clone());
            }
        }
    }
}

/// What the cells dialog says about the cells behind a figure: when they are one indicator's
/// (one `match_key`, over any number of units, years or files), `Some` with that indicator's
/// definition as its report line holds it (`Some(None)`: no loaded file describes it); `None`
/// when the cells are several indicators' (a fraction) or none.
pub fn of_cells<'a>(areas: &'a [AreaReport], cells: &[Trace]) -> Option<Option<&'a Definition>> {
    let first = cells.first()?;
    if cells.iter().any(|t| t.match_key != first.match_key) {
        return None;
    }
    let lines = || areas.iter().flat_map(|a| a.indicators.iter());
    let own = lines().find(|l| {
        cells
            .iter()
            .any(|t| l.dataset == t.dataset && l.indicator == t.indicator)
    });
    // A cell of a year or file the report has no line for: the same indicator by code or name.
    let same = || {
        lines().find(|l| match (&l.code, &first.code) {
            (Some(a), Some(b)) => normalize_label(a) == normalize_label(b),
            _ => normalize_label(&l.name) == normalize_label(&first.indicator_name),
        })
    };
    Some(own.or_else(same).and_then(|l| l.definition.as_ref()))
}
