//! The area and year of a table, from sheet name, title rows and file name, with evidence.
//!
//! Texts are compared folded (lower case, å/ä/ö as a/a/o, punctuation as spaces), so a file name
//! such as `oj-ekonomiskt-bistand-2020.xlsx` matches as well as a title; the label kept is the
//! text as written in the source.

use crate::model::{Area, AreaLabel, Evidence, Found};

/// One place a dataset's area or year may be read from, in order of trust.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    /// Where: "rubrik A2", "bladnamn", "filnamn", "blad Innehåll A2".
    pub place: String,
    pub text: String,
}

impl Source {
    pub fn new(place: impl Into<String>, text: impl Into<String>) -> Source {
        Source {
            place: place.into(),
            text: text.into(),
        }
    }
}

/// Phrases naming each area, folded. Longer phrases are tried first, so "psykisk
/// funktionsnedsattning" (socialpsykiatri) wins over "funktionsnedsattning" (LSS).
const AREA_PHRASES: &[(&str, Area)] = &[
    ("ekonomiskt bistand", Area::EkonomisktBistand),
    ("forsorjningsstod", Area::EkonomisktBistand),
    ("missbruks och beroendevard", Area::Missbruk),
    ("missbruks och beroendevarden", Area::Missbruk),
    ("missbruk och beroende", Area::Missbruk),
    ("missbruksvard", Area::Missbruk),
    ("missbruksvarden", Area::Missbruk),
    ("beroendevard", Area::Missbruk),
    ("missbruk", Area::Missbruk),
    ("social barn och ungdomsvard", Area::BarnOchUnga),
    ("sociala barn och ungdomsvarden", Area::BarnOchUnga),
    ("barn och ungdomsvard", Area::BarnOchUnga),
    ("barn och ungdomsvarden", Area::BarnOchUnga),
    ("barn och unga", Area::BarnOchUnga),
    ("vald i nara relationer", Area::ValdINaraRelationer),
    ("vald i nara relation", Area::ValdINaraRelationer),
    ("stod till brottsoffer", Area::ValdINaraRelationer),
    ("brottsoffer", Area::ValdINaraRelationer),
    ("valdsutsatta", Area::ValdINaraRelationer),
    (
        "hemloshet och utestangning fran bostadsmarknaden",
        Area::Hemloshet,
    ),
    ("utestangning fran bostadsmarknaden", Area::Hemloshet),
    ("hemloshet", Area::Hemloshet),
    ("socialpsykiatri", Area::Socialpsykiatri),
    ("socialpsykiatrin", Area::Socialpsykiatri),
    ("psykisk funktionsnedsattning", Area::Socialpsykiatri),
    ("stod till personer med funktionsnedsattning", Area::Lss),
    ("personer med funktionsnedsattning", Area::Lss),
    ("funktionsnedsattning", Area::Lss),
    ("funktionshinder", Area::Lss),
    ("lss", Area::Lss),
    ("aldreomsorg", Area::Aldreomsorg),
    ("aldreomsorgen", Area::Aldreomsorg),
    ("vard och omsorg om aldre", Area::Aldreomsorg),
    ("omsorg om aldre", Area::Aldreomsorg),
    ("aldreomradet", Area::Aldreomsorg),
    ("socialtjanstens krisberedskap", Area::Krisberedskap),
    ("krisberedskap", Area::Krisberedskap),
    ("familjeratt", Area::Familjeratt),
    ("familjeratten", Area::Familjeratt),
];

/// The canonical area named in a text, with the label as written there.
pub fn area_in(text: &str) -> Option<AreaLabel> {
    let folded = Folded::new(text);
    let mut phrases: Vec<&(&str, Area)> = AREA_PHRASES.iter().collect();
    phrases.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
    for (phrase, area) in phrases {
        if let Some(label) = folded.find_word(phrase) {
            return Some(AreaLabel {
                label: label.to_owned(),
                area: Some(*area),
            });
        }
    }
    None
}

/// The area of a dataset from the first source that names one.
pub fn find_area(sources: &[Source]) -> Option<Found<AreaLabel>> {
    sources.iter().find_map(|s| {
        area_in(&s.text).map(|value| Found {
            value,
            evidence: Evidence {
                source: s.place.clone(),
                text: s.text.clone(),
            },
        })
    })
}

/// The single year a text names: a four-digit 19xx/20xx standing alone. Ranges ("1987–2023",
/// "2019/2020") and dates or article numbers ("2024-11-9295") name no single year.
pub fn year_in(text: &str) -> Option<u16> {
    let chars: Vec<char> = text.chars().collect();
    let mut found: Option<u16> = None;
    let mut i = 0usize;
    while i < chars.len() {
        let end = i.saturating_add(4);
        let Some(window) = chars.get(i..end) else {
            break;
        };
        let before = i.checked_sub(1).and_then(|j| chars.get(j)).copied();
        let after = chars.get(end).copied();
        let is_token = window.iter().all(char::is_ascii_digit)
            && !before.is_some_and(|c| c.is_ascii_digit())
            && !after.is_some_and(|c| c.is_ascii_digit());
        if !is_token {
            i = i.saturating_add(1);
            continue;
        }
        let year: u16 = window
            .iter()
            .filter_map(|c| c.to_digit(10))
            .fold(0u16, |acc, d| {
                acc.saturating_mul(10).saturating_add(d as u16)
            });
        let start = i;
        i = end;
        if !(1990..=2100).contains(&year) {
            continue;
        }
        let joined = |c: Option<char>| matches!(c, Some('-' | '–' | '−' | '/' | '—'));
        let next_digit = chars
            .get(end.saturating_add(1))
            .is_some_and(char::is_ascii_digit);
        let prev_digit = start
            .checked_sub(2)
            .and_then(|j| chars.get(j))
            .is_some_and(char::is_ascii_digit);
        let range_or_date = (joined(after) && next_digit) || (joined(before) && prev_digit);
        if range_or_date {
            return None;
        }
        match found {
            None => found = Some(year),
            Some(y) if y == year => {}
            // Two different years in one text: it names no single year.
            Some(_) => return None,
        }
    }
    found
}

/// The year of a dataset from the first source that names one.
pub fn find_year(sources: &[Source]) -> Option<Found<u16>> {
    sources.iter().find_map(|s| {
        year_in(&s.text).map(|value| Found {
            value,
            evidence: Evidence {
                source: s.place.clone(),
                text: s.text.clone(),
            },
        })
    })
}

/// A text folded for matching, remembering where each folded character came from.
struct Folded<'a> {
    original: &'a str,
    folded: Vec<char>,
    /// For each folded char: (start, end) byte offsets in `original`.
    spans: Vec<(usize, usize)>,
}

impl<'a> Folded<'a> {
    fn new(original: &'a str) -> Folded<'a> {
        let mut folded = Vec::with_capacity(original.len());
        let mut spans = Vec::with_capacity(original.len());
        for (start, c) in original.char_indices() {
            let end = start.saturating_add(c.len_utf8());
            let f = fold_char(c);
            if f == ' ' {
                if folded.last().is_some_and(|&l| l != ' ') {
                    folded.push(' ');
                    spans.push((start, end));
                }
                continue;
            }
            folded.push(f);
            spans.push((start, end));
        }
        Folded {
            original,
            folded,
            spans,
        }
    }

    /// The original text of the first whole-word occurrence of a folded phrase.
    fn find_word(&self, phrase: &str) -> Option<&'a str> {
        let needle: Vec<char> = phrase.chars().collect();
        let n = needle.len();
        if n == 0 || n > self.folded.len() {
            return None;
        }
        let last_start = self.folded.len().checked_sub(n)?;
        for start in 0..=last_start {
            let end = start.saturating_add(n);
            if self.folded.get(start..end) != Some(needle.as_slice()) {
                continue;
            }
            let before_ok = start == 0
                || start
                    .checked_sub(1)
                    .and_then(|j| self.folded.get(j))
                    .is_some_and(|c| *c == ' ');
            let after_ok = self.folded.get(end).is_none_or(|c| *c == ' ');
            if !(before_ok && after_ok) {
                continue;
            }
            let from = self.spans.get(start)?.0;
            let to = self.spans.get(end.checked_sub(1)?)?.1;
            return self.original.get(from..to);
        }
        None
    }
}

fn fold_char(c: char) -> char {
    let lower = c.to_lowercase().next().unwrap_or(c);
    match lower {
        'å' | 'ä' | 'à' | 'á' | 'â' => 'a',
        'ö' | 'ø' | 'ó' | 'ò' => 'o',
        'é' | 'è' | 'ê' => 'e',
        'ü' => 'u',
        c if c.is_alphanumeric() => c,
        _ => ' ',
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn areas_from_titles_and_file_names_keep_their_label() {
        let a = area_in("Öppna jämförelser 2020 – Ekonomiskt bistånd").unwrap();
        assert_eq!(a.area, Some(Area::EkonomisktBistand));
        assert_eq!(a.label, "Ekonomiskt bistånd");
        let b = area_in("Öppna jämförelser 2012. Stöd till brottsoffer").unwrap();
        assert_eq!(b.area, Some(Area::ValdINaraRelationer));
        assert_eq!(b.label, "Stöd till brottsoffer");
        let c = area_in("oj-ekonomiskt-bistand-2020.xlsx").unwrap();
        assert_eq!(c.area, Some(Area::EkonomisktBistand));
        assert_eq!(c.label, "ekonomiskt-bistand");
        assert_eq!(
            area_in("Stöd till personer med psykisk funktionsnedsättning")
                .unwrap()
                .area,
            Some(Area::Socialpsykiatri)
        );
        assert_eq!(area_in("ÖJ LSS 2019").unwrap().area, Some(Area::Lss));
        assert_eq!(area_in("Personer med stroke, 20 år och äldre"), None);
        assert_eq!(area_in("Klass"), None);
    }

    #[test]
    fn single_years_only() {
        assert_eq!(
            year_in("Öppna jämförelser 2020 – Ekonomiskt bistånd"),
            Some(2020)
        );
        assert_eq!(year_in("oj_ekb_2019.xlsx"), Some(2019));
        assert_eq!(year_in("Tabell 2. Personer, 1987−2023"), None);
        assert_eq!(year_in("2024-11-9295-tables.xlsx"), None);
        assert_eq!(year_in("Resultat 2019/2020"), None);
        assert_eq!(year_in("Statistikdatabasen_2025-allergy.xlsx"), Some(2025));
        assert_eq!(year_in("Tabell 12"), None);
        assert_eq!(year_in("12345"), None);
    }

    #[test]
    fn first_source_with_a_match_is_the_evidence() {
        let sources = [
            Source::new("rubrik A1", "Resultat per kommun"),
            Source::new("bladnamn", "Äldreomsorg 2018"),
            Source::new("filnamn", "missbruk-2017.xlsx"),
        ];
        let area = find_area(&sources).unwrap();
        assert_eq!(area.value.area, Some(Area::Aldreomsorg));
        assert_eq!(area.evidence.source, "bladnamn");
        let year = find_year(&sources).unwrap();
        assert_eq!(year.value, 2018);
    }
}
