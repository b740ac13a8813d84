//! The units the Kommun picker offers and how typing filters them: every kommun by name or code,
//! the stadsdelar right under their city, each marked by whether the loaded files hold it.

use std::collections::BTreeSet;

use crate::compare::learn::swedish_key;
use crate::compare::peers::pad_code;
use crate::model::{normalize_label, UnitKind};
use crate::protocol::FileSummary;
use crate::reference::{Reference, STORSTADER};

/// The kommuner and stadsdelar the read files have rows for: (code, name, kind).
pub fn units_in_files<'a>(
    files: impl IntoIterator<Item = &'a FileSummary>,
) -> BTreeSet<(String, String, UnitKind)> {
    files
        .into_iter()
        .flat_map(|f| &f.datasets)
        .flat_map(|d| &d.units)
        .map(|u| (u.code.clone(), u.name.clone(), u.kind))
        .collect()
}

/// One choosable unit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitOption {
    /// "0138" or "0180:Rinkeby-Kista".
    pub code: String,
    pub name: String,
    /// The city of a stadsdel ("Stockholm"); `None` for a kommun.
    pub city: Option<String>,
    /// Whether a loaded file has a row for it (always true when nothing is loaded).
    pub in_files: bool,
}

impl UnitOption {
    /// The text shown in the input once chosen: "Tyresö", "Rinkeby-Kista (Stockholm)".
    pub fn display(&self) -> String {
        match &self.city {
            Some(city) => format!("{} ({city})", self.name),
            None => self.name.clone(),
        }
    }

    pub fn is_stadsdel(&self) -> bool {
        self.city.is_some()
    }

    /// The option's DOM id suffix (codes may hold spaces and letters outside ASCII).
    pub fn dom_id(&self) -> String {
        self.code
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect()
    }
}

/// Every kommun of the reference table in Swedish alphabetical order, each city followed by its
/// stadsdelar (those in the reference table and any other the files name). `in_files` lists the
/// codes of the kommuner and stadsdelar the loaded files hold (empty: nothing loaded).
pub fn unit_options(in_files: &BTreeSet<(String, String, UnitKind)>) -> Vec<UnitOption> {
    let reference = Reference::get();
    let loaded = !in_files.is_empty();
    let present = |code: &str| !loaded || in_files.iter().any(|(c, _, _)| c == code);
    let mut kommuner: Vec<&crate::reference::Kommun> = reference.kommuner.iter().collect();
    kommuner.sort_by_key(|k| swedish_key(&k.namn));
    let mut options = Vec::new();
    for k in kommuner {
        options.push(UnitOption {
            code: k.kod.clone(),
            name: k.namn.clone(),
            city: None,
            in_files: present(&k.kod),
        });
        if STORSTADER.contains(&k.kod.as_str()) {
            let mut districts: Vec<(String, String)> = Vec::new();
            for s in reference.stadsdelar_of(&k.kod) {
                let code = format!("{}:{}", k.kod, s.namn);
                if !districts.iter().any(|(c, _)| *c == code) {
                    districts.push((code, s.namn.clone()));
                }
            }
            for (code, name, kind) in in_files {
                if *kind == UnitKind::Stadsdel
                    && code.starts_with(&format!("{}:", k.kod))
                    && !districts.iter().any(|(c, _)| c == code)
                {
                    districts.push((code.clone(), name.clone()));
                }
            }
            districts.sort_by_key(|(_, name)| swedish_key(name));
            for (code, name) in districts {
                options.push(UnitOption {
                    in_files: present(&code),
                    code,
                    name,
                    city: Some(k.namn.clone()),
                });
            }
        }
    }
    options
}

/// The options matching what was typed, best first: names that start with it, then names with
/// a word that starts with it, then names containing it; digits match the kommunkod, a whole
/// code (with or without its leading zero) before codes that start with them. Stadsdelar stay
/// right after their city when both match.
pub fn filter<'a>(options: &'a [UnitOption], typed: &str) -> Vec<&'a UnitOption> {
    let query = normalize_label(typed);
    if query.is_empty() {
        return options.iter().collect();
    }
    let digits = query.chars().all(|c| c.is_ascii_digit());
    let mut scored: Vec<(u8, usize, &UnitOption)> = options
        .iter()
        .enumerate()
        .filter_map(|(i, o)| {
            let name = normalize_label(&o.name);
            let city = o.city.as_deref().map(normalize_label).unwrap_or_default();
            let score = if digits {
                // "138" is Tyresö's 0138 before Falkenberg's 1382: a whole code first.
                let code = o.code.split(':').next().unwrap_or("");
                let whole = code == query || code == pad_code(&query);
                if !whole
                    && !code.starts_with(&query)
                    && !code.trim_start_matches('0').starts_with(&query)
                {
                    return None;
                }
                u8::from(!whole) * 2 + u8::from(o.is_stadsdel())
            } else if name.starts_with(&query) {
                0
            } else if name.split([' ', '-']).any(|word| word.starts_with(&query)) {
                1
            } else if name.contains(&query) {
                2
            } else if !city.is_empty() && city.starts_with(&query) {
                3
            } else {
                return None;
            };
            Some((score, i, o))
        })
        .collect();
    scored.sort_by_key(|(score, i, _)| (*score, *i));
    scored.into_iter().map(|(_, _, o)| o).collect()
}

/// How many options the list shows at once (typing narrows it).
pub const MAX_SHOWN: usize = 120;

/// The options the list shows for what was typed, at most [`MAX_SHOWN`], and how many more
/// match.
pub fn first_matches(options: &[UnitOption], typed: &str) -> (Vec<UnitOption>, usize) {
    let all = filter(options, typed);
    let more = all.len().saturating_sub(MAX_SHOWN);
    (all.into_iter().take(MAX_SHOWN).cloned().collect(), more)
}

/// The option for a code, if any.
pub fn find<'a>(options: &'a [UnitOption], code: &str) -> Option<&'a UnitOption> {
    options.iter().find(|o| o.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typing_tyr_offers_tyreso_first() {
        let options = unit_options(&BTreeSet::new());
        let found = filter(&options, "tyr");
        assert_eq!(found.first().map(|o| o.name.as_str()), Some("Tyresö"));
    }

    #[test]
    fn codes_work_with_and_without_the_leading_zero() {
        let options = unit_options(&BTreeSet::new());
        assert_eq!(
            filter(&options, "0138").first().map(|o| o.code.as_str()),
            Some("0138")
        );
        assert_eq!(
            filter(&options, "138").first().map(|o| o.code.as_str()),
            Some("0138")
        );
    }

    #[test]
    fn stadsdelar_follow_their_city() {
        let options = unit_options(&BTreeSet::new());
        let at = options.iter().position(|o| o.code == "0180").unwrap();
        let next = &options[at + 1];
        assert_eq!(next.city.as_deref(), Some("Stockholm"));
        assert!(next.code.starts_with("0180:"));
        let found = filter(&options, "rinkeby");
        assert_eq!(
            found.first().map(|o| o.display()),
            Some("Rinkeby-Kista (Stockholm)".into())
        );
    }

    #[test]
    fn the_list_shows_the_first_matches_and_counts_the_rest() {
        let options = unit_options(&BTreeSet::new());
        let (shown, more) = first_matches(&options, "");
        assert_eq!(shown.len(), MAX_SHOWN);
        assert_eq!(shown.len() + more, options.len());
        let (shown, more) = first_matches(&options, "tyresö");
        assert_eq!((shown.len(), more), (1, 0));
    }

    #[test]
    fn swedish_order_puts_o_umlaut_last() {
        let options = unit_options(&BTreeSet::new());
        let last = options.iter().rev().find(|o| o.city.is_none()).unwrap();
        assert!(last.name.starts_with('Ö'), "{}", last.name);
    }
}
