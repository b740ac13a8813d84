//! Finding the unit a report is for: a kommun or stadsdel by code or name.

use crate::compare::peers::pad_code;
use crate::model::{normalize_label, Dataset, UnitKind};
use crate::reference::Reference;

/// The canonical code of the kommun or stadsdel `query` names: a kommunkod ("0138", "138"), a
/// stadsdel code ("0180:Bromma"), a kommun name ("Tyresö", "Tyresö kommun", "tyresö"), or a
/// stadsdel name as the files write it ("Bromma", "Stockholm - Bromma"). Errors are one
/// Swedish sentence.
pub fn resolve_unit(query: &str, datasets: &[Dataset]) -> Result<String, String> {
    let q = normalize_label(query);
    if q.is_empty() {
        return Err("Ange en kommun med namn eller kod.".to_owned());
    }
    let reference = Reference::get();
    let file_units = || {
        datasets
            .iter()
            .flat_map(|d| d.units.iter())
            .filter(|u| matches!(u.kind, UnitKind::Kommun | UnitKind::Stadsdel))
    };
    let code_like = q
        .split(':')
        .next()
        .is_some_and(|d| (3..=4).contains(&d.len()) && d.chars().all(|c| c.is_ascii_digit()));
    if code_like {
        let code = pad_code(query.trim());
        if reference.kommun(&code).is_some()
            || file_units().any(|u| u.code.as_deref() == Some(code.as_str()))
        {
            return Ok(code);
        }
        return Err(format!(
            "Okänd kommun: {query} (ingen kommun eller stadsdel har den koden)."
        ));
    }
    let stripped = strip_kommun(&q);
    let by_ref: Vec<&str> = reference
        .kommuner
        .iter()
        .filter(|k| normalize_label(&k.namn) == stripped)
        .map(|k| k.kod.as_str())
        .collect();
    if let [one] = by_ref.as_slice() {
        return Ok((*one).to_owned());
    }
    if let Some(code) = stadsdel_by_name(&q) {
        return Ok(code);
    }
    let mut by_file: Vec<String> = file_units()
        .filter(|u| {
            normalize_label(&u.name) == q
                || normalize_label(&u.label) == q
                || strip_kommun(&normalize_label(&u.name)) == stripped
        })
        .filter_map(|u| u.code.clone())
        .collect();
    by_file.sort();
    by_file.dedup();
    match by_file.as_slice() {
        [one] => Ok(one.clone()),
        [] => Err(format!("Okänd kommun: {query}.")),
        many => Err(format!(
            "\"{query}\" kan vara flera: {}. Ange koden.",
            many.join(", ")
        )),
    }
}

/// A stadsdel of the reference table by its name, alone or with its city before or after it
/// ("Bromma", "Stockholm - Bromma", "Bromma (Stockholm)").
fn stadsdel_by_name(q: &str) -> Option<String> {
    let reference = Reference::get();
    let mut found: Vec<String> = reference
        .stadsdelar
        .iter()
        .filter(|s| {
            let name = normalize_label(&s.namn);
            let city = reference
                .kommun(&s.kommunkod)
                .map(|k| normalize_label(&k.namn))
                .unwrap_or_default();
            q == name
                || q == format!("{city} - {name}")
                || q == format!("{city} {name}")
                || q == format!("{name} ({city})")
        })
        .map(|s| format!("{}:{}", s.kommunkod, s.namn))
        .collect();
    found.sort();
    found.dedup();
    match found.as_slice() {
        [one] => Some(one.clone()),
        _ => None,
    }
}

/// Whether `query` names a unit without looking in any file (a kommun, or a stadsdel of the
/// reference table): the CLI then checks it before reading the files.
pub fn resolve_without_files(query: &str) -> Option<String> {
    resolve_unit(query, &[]).ok()
}

fn strip_kommun(q: &str) -> String {
    let mut s = q.trim().to_owned();
    for prefix in ["region "] {
        if let Some(rest) = s.strip_prefix(prefix) {
            s = rest.to_owned();
        }
    }
    for suffix in [" kommun", " stad", " stads"] {
        if let Some(rest) = s.strip_suffix(suffix) {
            s = rest.to_owned();
        }
    }
    // "Tyresö kommun" → "tyresö"; "Stockholms stad" → "stockholms" → "stockholm".
    if Reference::get()
        .kommuner
        .iter()
        .all(|k| normalize_label(&k.namn) != s)
    {
        if let Some(rest) = s.strip_suffix('s') {
            if Reference::get()
                .kommuner
                .iter()
                .any(|k| normalize_label(&k.namn) == rest)
            {
                return rest.to_owned();
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kommuner_by_code_and_name() {
        assert_eq!(resolve_unit("0138", &[]), Ok("0138".to_owned()));
        assert_eq!(resolve_unit("138", &[]), Ok("0138".to_owned()));
        assert_eq!(resolve_unit("Tyresö", &[]), Ok("0138".to_owned()));
        assert_eq!(resolve_unit(" tyresö kommun ", &[]), Ok("0138".to_owned()));
        assert_eq!(resolve_unit("Stockholms stad", &[]), Ok("0180".to_owned()));
        assert_eq!(resolve_unit("Region Gotland", &[]), Ok("0980".to_owned()));
        assert_eq!(resolve_unit("Håbo", &[]), Ok("0305".to_owned()));
        assert_eq!(resolve_unit("Habo", &[]), Ok("0643".to_owned()));
        assert!(resolve_unit("Atlantis", &[])
            .unwrap_err()
            .starts_with("Okänd kommun"));
        assert!(resolve_unit("9999", &[]).is_err());
        assert_eq!(
            resolve_unit("Rinkeby-Kista", &[]),
            Ok("0180:Rinkeby-Kista".to_owned())
        );
        assert_eq!(
            resolve_unit("Stockholm - Bromma", &[]),
            Ok("0180:Bromma".to_owned())
        );
    }
}
