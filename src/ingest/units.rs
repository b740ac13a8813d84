//! Classifying row/column labels as kommun, stadsdel, län, riket or enhet by the reference tables.
//!
//! A label is folded once ([`unit_key`]) and looked up in a table of every form the files use
//! (codes with or without the leading zero, names with or without "kommun"/"s kommun"/"stad",
//! "Region Gotland", län with or without "län", "Riket"/"Hela riket", stadsdelar as
//! "Stockholm - Rinkeby-Kista", "Rinkeby-Kista (Stockholm)", "Malmö stadsområde Norr" …). Some
//! labels fit more than one unit ("Stockholm" is a kommun and, in tables by län, Stockholms län):
//! [`resolve_column`] settles those by what the rest of the column holds.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::model::{normalize_label, UnitKind};
use crate::reference::{Reference, STORSTADER};

/// One unit a label can stand for.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct UnitMatch {
    pub kind: UnitKind,
    /// Canonical code (see [`crate::model::Unit::code`]).
    pub code: String,
    /// Canonical name.
    pub name: String,
    /// The enclosing unit's code (a kommun's län, a stadsdel's kommun, a län's riket "00").
    pub parent: Option<String>,
}

/// What a label may stand for: one unit, or several when the label alone cannot tell.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Candidates(pub Vec<UnitMatch>);

impl Candidates {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The one unit, when the label is unambiguous.
    pub fn single(&self) -> Option<&UnitMatch> {
        match self.0.as_slice() {
            [one] => Some(one),
            _ => None,
        }
    }

    fn of_kind(&self, kind: UnitKind) -> Option<&UnitMatch> {
        self.0.iter().find(|m| m.kind == kind)
    }
}

/// Folds a unit label for lookup: [`normalize_label`], footnote marks removed, spaces around
/// dashes removed, "s:t" spelled out.
pub fn unit_key(label: &str) -> String {
    let folded = normalize_label(label);
    let base = folded.trim_end_matches(['*', '¹', '²', '³', ' ']);
    let mut out = String::with_capacity(base.len());
    let mut chars = base.chars().peekable();
    while let Some(c) = chars.next() {
        if c == ' ' && chars.peek() == Some(&'-') {
            continue;
        }
        out.push(c);
        if c == '-' {
            while chars.peek() == Some(&' ') {
                chars.next();
            }
        }
    }
    out
}

/// The folded names a district goes by: its name, and for Göteborg's socialförvaltningar
/// (since 2021) also the short name and the forms files abbreviate them to ("SF Nordost",
/// "Socialförvaltningen Nordost", "Socialnämnd Nordost").
fn district_names(name: &str) -> Vec<String> {
    let d = unit_key(name);
    let mut names = vec![d.clone()];
    if let Some(short) = d.strip_prefix("socialförvaltning ") {
        for prefix in [
            "sf",
            "socialförvaltningen",
            "socialnämnd",
            "socialnämnden",
            "sn",
        ] {
            names.push(format!("{prefix} {short}"));
        }
        names.push(format!("{short} socialförvaltning"));
        names.push(short.to_owned());
    }
    names
}

/// The lookup table of unit forms, built once from the embedded reference.
pub struct UnitMatcher {
    forms: HashMap<String, Vec<UnitMatch>>,
    kommun_by_code: HashMap<String, UnitMatch>,
    lan_by_code: HashMap<String, UnitMatch>,
}

impl UnitMatcher {
    /// The matcher over [`Reference::get`], built on first use.
    pub fn get() -> &'static UnitMatcher {
        static MATCHER: OnceLock<UnitMatcher> = OnceLock::new();
        MATCHER.get_or_init(|| UnitMatcher::build(Reference::get()))
    }

    fn build(reference: &Reference) -> UnitMatcher {
        let mut m = UnitMatcher {
            forms: HashMap::new(),
            kommun_by_code: HashMap::new(),
            lan_by_code: HashMap::new(),
        };
        for lan in &reference.lan {
            let unit = UnitMatch {
                kind: UnitKind::Lan,
                code: lan.kod.clone(),
                name: lan.namn.clone(),
                // A län lies in riket.
                parent: Some("00".to_owned()),
            };
            m.lan_by_code.insert(lan.kod.clone(), unit.clone());
            let full = unit_key(&lan.namn);
            let base = full.strip_suffix(" län").unwrap_or(&full).to_owned();
            let short = base
                .strip_suffix('s')
                .filter(|_| base.ends_with('s'))
                .unwrap_or(&base)
                .to_owned();
            for form in [
                full.clone(),
                base.clone(),
                short.clone(),
                format!("{short} län"),
                format!("region {short}"),
                format!("region {base}"),
                format!("region {full}"),
                format!("{short}s läns landsting"),
                format!("landstinget i {full}"),
            ] {
                m.add(form, &unit);
            }
            if lan.kod == "14" {
                m.add("västra götalandsregionen".into(), &unit);
            }
        }
        for k in &reference.kommuner {
            let unit = UnitMatch {
                kind: UnitKind::Kommun,
                code: k.kod.clone(),
                name: k.namn.clone(),
                parent: Some(k.lanskod.clone()),
            };
            m.kommun_by_code.insert(k.kod.clone(), unit.clone());
            let name = unit_key(&k.namn);
            let genitive = if name.ends_with('s') || name.ends_with('x') || name.ends_with('z') {
                name.clone()
            } else {
                format!("{name}s")
            };
            let mut forms = vec![
                name.clone(),
                format!("{name} kommun"),
                format!("{genitive} kommun"),
                format!("{name} stad"),
                format!("{genitive} stad"),
                format!("{genitive} kommun"),
            ];
            // Names whose kommun form drops an ending: "Falu kommun".
            if let Some(stem) = name.strip_suffix('n').filter(|_| name == "falun") {
                forms.push(format!("{stem} kommun"));
            }
            if k.kod == "0980" {
                forms.push("region gotland".into());
            }
            for form in forms {
                m.add(form, &unit);
            }
        }
        m.add_riket();
        m.add_storstader(reference);
        m.add_stadsdelar(reference);
        m
    }

    fn add(&mut self, form: String, unit: &UnitMatch) {
        let entry = self.forms.entry(unit_key(&form)).or_default();
        if !entry.contains(unit) {
            entry.push(unit.clone());
        }
    }

    fn add_riket(&mut self) {
        let riket = UnitMatch {
            kind: UnitKind::Riket,
            code: "00".into(),
            name: "Riket".into(),
            parent: None,
        };
        for form in [
            "riket",
            "hela riket",
            "totalt riket",
            "riket totalt",
            "riket, totalt",
            "totalt, riket",
            "total riket",
            "riket (totalt)",
            "sverige",
            "hela sverige",
            "hela landet",
            "riksnivå",
            "riket (alla kommuner)",
            "samtliga kommuner i riket",
        ] {
            self.add(form.into(), &riket);
        }
    }

    fn add_storstader(&mut self, reference: &Reference) {
        for code in STORSTADER {
            let Some(k) = reference.kommun(code) else {
                continue;
            };
            let unit = UnitMatch {
                kind: UnitKind::Storstad,
                code: k.kod.clone(),
                name: k.namn.clone(),
                parent: Some(k.lanskod.clone()),
            };
            let name = unit_key(&k.namn);
            let genitive = if name.ends_with('s') {
                name.clone()
            } else {
                format!("{name}s")
            };
            for form in [
                format!("{name} totalt"),
                format!("{name}, totalt"),
                format!("{name} (totalt)"),
                format!("totalt {name}"),
                format!("{name} stad totalt"),
                format!("{genitive} stad totalt"),
                format!("{name} (storstad)"),
                format!("storstad {name}"),
                format!("storstaden {name}"),
                format!("{name} storstad"),
                format!("{name} samtliga stadsdelar"),
                format!("{name} samtliga stadsområden"),
                format!("{name}, samtliga stadsdelar"),
                format!("{name}, samtliga stadsområden"),
                format!("{name} hela staden"),
            ] {
                self.add(form, &unit);
            }
        }
    }

    fn add_stadsdelar(&mut self, reference: &Reference) {
        const GENERIC: [&str; 9] = [
            "norr",
            "söder",
            "öster",
            "väster",
            "centrum",
            "innerstaden",
            "hisingen",
            "nordost",
            "sydväst",
        ];
        for s in &reference.stadsdelar {
            let Some(city) = reference.kommun(&s.kommunkod) else {
                continue;
            };
            let unit = UnitMatch {
                kind: UnitKind::Stadsdel,
                code: format!("{}:{}", s.kommunkod, s.namn),
                name: s.namn.clone(),
                parent: Some(s.kommunkod.clone()),
            };
            let c = unit_key(&city.namn);
            let cities = [
                c.clone(),
                format!("{c}s stad"),
                format!("{c} stad"),
                format!("{c}s kommun"),
            ];
            for d in district_names(&s.namn) {
                for city_form in &cities {
                    for form in [
                        format!("{city_form}-{d}"),
                        format!("{city_form} {d}"),
                        format!("{city_form}, {d}"),
                        format!("{city_form}: {d}"),
                        format!("{city_form} stadsområde {d}"),
                        format!("{city_form} stadsdel {d}"),
                        format!("{city_form}-stadsområde {d}"),
                        format!("{city_form}, stadsområde {d}"),
                        format!("{city_form} sdf {d}"),
                        format!("{city_form} sdn {d}"),
                        format!("{d} ({city_form})"),
                        format!("{d}, {city_form}"),
                        format!("{d}-{city_form}"),
                        format!("stadsområde {d} ({city_form})"),
                        format!("stadsdel {d} ({city_form})"),
                    ] {
                        self.add(form, &unit);
                    }
                }
                for form in [
                    format!("stadsområde {d}"),
                    format!("{d} stadsområde"),
                    format!("stadsdelsområde {d}"),
                    format!("stadsdel {d}"),
                    format!("sdf {d}"),
                    format!("sdn {d}"),
                ] {
                    self.add(form, &unit);
                }
                if !GENERIC.contains(&d.as_str()) {
                    self.add(d.clone(), &unit);
                }
            }
        }
    }

    /// Every unit a label may stand for; empty when it fits none.
    pub fn candidates(&self, label: &str) -> Candidates {
        let key = unit_key(label);
        if key.is_empty() {
            return Candidates::default();
        }
        if let Some(found) = self.lookup(&key) {
            return found;
        }
        // "0138 Tyresö", "0138 - Tyresö", "Tyresö (0138)", "01 Stockholms län".
        if let Some(found) = self.code_and_name(&key) {
            return found;
        }
        Candidates::default()
    }

    /// The unit a number stands for when it is a code ("138" → Tyresö, "1" → Stockholms län),
    /// also in Kolada's four digits for riket and the regions ("0000" riket, "0001" Stockholms
    /// län: no kommun code starts with "00").
    pub fn code(&self, text: &str) -> Option<&UnitMatch> {
        let digits = text.trim();
        if digits.is_empty() || digits.len() > 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        if digits == "00" {
            return None;
        }
        if digits == "0000" {
            return self.forms.get("riket").and_then(|found| found.first());
        }
        match (digits.len(), digits.strip_prefix("00")) {
            (1 | 2, _) => self.lan_by_code.get(&format!("{digits:0>2}")),
            (4, Some(lan)) => self.lan_by_code.get(lan),
            _ => self.kommun_by_code.get(&format!("{digits:0>4}")),
        }
    }

    fn lookup(&self, key: &str) -> Option<Candidates> {
        if let Some(found) = self.forms.get(key) {
            return Some(Candidates(found.clone()));
        }
        if let Some(unit) = self.code(key) {
            return Some(Candidates(vec![unit.clone()]));
        }
        // Suffixes files add to stadsdelar and kommuner.
        for suffix in [
            " stadsdelsförvaltning",
            " stadsdelsnämnd",
            " stadsdelsområde",
            " stadsområdesförvaltning",
            " stadsområde",
            " sdf",
            " sdn",
            " kommun",
            " stad",
        ] {
            if let Some(stem) = key.strip_suffix(suffix) {
                if let Some(found) = self.forms.get(stem) {
                    return Some(Candidates(found.clone()));
                }
                if let Some(found) = stem.strip_suffix('s').and_then(|s| self.forms.get(s)) {
                    return Some(Candidates(found.clone()));
                }
            }
        }
        None
    }

    fn code_and_name(&self, key: &str) -> Option<Candidates> {
        let digits_end = key.find(|c: char| !c.is_ascii_digit()).unwrap_or(key.len());
        if (2..=4).contains(&digits_end) {
            let (code, rest) = key.split_at(digits_end);
            let rest = rest.trim_start_matches([' ', '-', ':', '.', ',']).trim();
            let by_code = self.code(code)?;
            // "25-29" is an age band, not län 25 followed by something.
            if !rest.chars().any(char::is_alphabetic) {
                return None;
            }
            let by_name = self.lookup(rest).unwrap_or_default();
            // The code decides; the name must not contradict it.
            if by_name.is_empty() || by_name.0.iter().any(|m| m.code == by_code.code) {
                return Some(Candidates(vec![by_code.clone()]));
            }
            return None;
        }
        // "Tyresö (0138)".
        let open = key.rfind('(')?;
        let inner = key
            .get(open..)?
            .trim_start_matches('(')
            .trim_end_matches(')');
        let by_code = self.code(inner)?;
        Some(Candidates(vec![by_code.clone()]))
    }
}

/// Unit candidates per label text, shared by all sheets of a file: each distinct label is
/// folded and looked up once.
#[derive(Default)]
pub struct LabelCache {
    map: HashMap<String, Candidates>,
}

impl LabelCache {
    pub fn candidates(&mut self, text: &str) -> &Candidates {
        if !self.map.contains_key(text) {
            let found = UnitMatcher::get().candidates(text);
            self.map.insert(text.to_owned(), found);
        }
        static EMPTY: Candidates = Candidates(Vec::new());
        self.map.get(text).unwrap_or(&EMPTY)
    }
}

/// Settles each distinct label of one axis into one unit, using the axis as context:
/// - a label that fits a kommun and a län ("Stockholm") is a län when the axis otherwise holds
///   län and no kommuner, else a kommun;
/// - a storstad's kommun row is its aggregate (`Storstad`) when the axis also holds its stadsdelar.
///
/// `labels` are distinct label keys with their candidates; the result is in the same order.
pub fn resolve_column(labels: &[Candidates]) -> Vec<Option<UnitMatch>> {
    let mut n_kommun = 0usize;
    let mut n_lan = 0usize;
    for c in labels {
        if let Some(one) = c.single() {
            match one.kind {
                UnitKind::Kommun => n_kommun = n_kommun.saturating_add(1),
                UnitKind::Lan => n_lan = n_lan.saturating_add(1),
                _ => {}
            }
        }
    }
    let prefer_lan = n_lan > n_kommun;
    let mut resolved: Vec<Option<UnitMatch>> = labels
        .iter()
        .map(|c| {
            if let Some(one) = c.single() {
                return Some(one.clone());
            }
            if c.is_empty() {
                return None;
            }
            let preferred = if prefer_lan {
                c.of_kind(UnitKind::Lan)
            } else {
                c.of_kind(UnitKind::Kommun)
            };
            preferred.or_else(|| c.0.first()).cloned()
        })
        .collect();
    // Cities with stadsdelar on this axis: their kommun rows are aggregates.
    let cities_with_districts: Vec<String> = resolved
        .iter()
        .flatten()
        .filter(|u| u.kind == UnitKind::Stadsdel)
        .filter_map(|u| u.parent.clone())
        .collect();
    for unit in resolved.iter_mut().flatten() {
        if unit.kind == UnitKind::Kommun && cities_with_districts.contains(&unit.code) {
            unit.kind = UnitKind::Storstad;
        }
    }
    resolved
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(label: &str) -> (UnitKind, String) {
        let c = UnitMatcher::get().candidates(label);
        let resolved = resolve_column(&[c]);
        let u = resolved[0]
            .clone()
            .unwrap_or_else(|| panic!("{label} did not match"));
        (u.kind, u.code)
    }

    #[test]
    fn kommuner_in_every_form() {
        for label in [
            "Tyresö",
            "tyresö kommun",
            "Tyresö  kommun",
            "TYRESÖ",
            "0138",
            "138",
            "0138 Tyresö",
            "0138 - Tyresö",
            "Tyresö (0138)",
            "Tyresö*",
            "Tyresös kommun",
        ] {
            assert_eq!(one(label), (UnitKind::Kommun, "0138".into()), "{label}");
        }
        assert_eq!(one("Region Gotland"), (UnitKind::Kommun, "0980".into()));
        assert_eq!(one("Falu kommun"), (UnitKind::Kommun, "2080".into()));
        assert_eq!(one("Göteborgs stad"), (UnitKind::Kommun, "1480".into()));
        assert_eq!(one("Malmö stad"), (UnitKind::Kommun, "1280".into()));
        assert_eq!(one("Borås stad"), (UnitKind::Kommun, "1490".into()));
        assert_eq!(
            one("Malung-Sälens kommun"),
            (UnitKind::Kommun, "2023".into())
        );
        assert_eq!(one("Upplands Väsby"), (UnitKind::Kommun, "0114".into()));
        assert_eq!(one("Upplands-Bro"), (UnitKind::Kommun, "0139".into()));
    }

    #[test]
    fn lan_riket_and_codes() {
        assert_eq!(one("Stockholms län"), (UnitKind::Lan, "01".into()));
        assert_eq!(one("Västra Götaland"), (UnitKind::Lan, "14".into()));
        assert_eq!(one("Skåne län"), (UnitKind::Lan, "12".into()));
        assert_eq!(one("Region Skåne"), (UnitKind::Lan, "12".into()));
        assert_eq!(one("01"), (UnitKind::Lan, "01".into()));
        assert_eq!(one("Riket"), (UnitKind::Riket, "00".into()));
        assert_eq!(one("Hela riket"), (UnitKind::Riket, "00".into()));
        assert_eq!(one("Totalt riket"), (UnitKind::Riket, "00".into()));
        assert!(UnitMatcher::get().candidates("Okänt").is_empty());
        assert!(UnitMatcher::get().candidates("Män").is_empty());
        assert!(UnitMatcher::get().candidates("TOTAL").is_empty());
        assert!(UnitMatcher::get().candidates("25−29").is_empty());
        assert!(UnitMatcher::get().candidates("20-24").is_empty());
    }

    #[test]
    fn kolada_codes_of_riket_and_the_regions() {
        assert_eq!(one("0000"), (UnitKind::Riket, "00".into()));
        assert_eq!(one("0001"), (UnitKind::Lan, "01".into()));
        assert_eq!(one("0025"), (UnitKind::Lan, "25".into()));
        assert_eq!(one("0138"), (UnitKind::Kommun, "0138".into()));
        assert!(UnitMatcher::get().code("0002").is_none());
        assert!(UnitMatcher::get().code("00").is_none());
    }

    #[test]
    fn stadsdelar_in_the_forms_files_use() {
        for label in [
            "Stockholm - Rinkeby-Kista",
            "Stockholm – Rinkeby-Kista",
            "Rinkeby-Kista (Stockholm)",
            "Rinkeby-Kista",
            "Rinkeby-Kista stadsdelsförvaltning",
            "Stockholms stad - Rinkeby-Kista",
        ] {
            assert_eq!(
                one(label),
                (UnitKind::Stadsdel, "0180:Rinkeby-Kista".into()),
                "{label}"
            );
        }
        assert_eq!(
            one("Malmö stadsområde Norr"),
            (UnitKind::Stadsdel, "1280:Norr".into())
        );
        assert_eq!(
            one("Göteborg - Angered"),
            (UnitKind::Stadsdel, "1480:Angered".into())
        );
        // A bare generic district name is no unit.
        assert!(UnitMatcher::get().candidates("Norr").is_empty());
        assert!(UnitMatcher::get().candidates("Nordost").is_empty());
    }

    #[test]
    fn stockholms_stadsdelsomraden_and_goteborgs_socialforvaltningar_in_every_spelling() {
        for (label, code) in [
            ("Stockholm – Spånga-Tensta", "0180:Spånga-Tensta"),
            ("Spånga-Tensta stadsdelsområde", "0180:Spånga-Tensta"),
            ("Stockholms stad – Spånga-Tensta", "0180:Spånga-Tensta"),
            ("Järva stadsdelsområde", "0180:Järva"),
            ("Stockholm - Norra innerstaden", "0180:Norra innerstaden"),
            ("Hägersten-Älvsjö", "0180:Hägersten-Älvsjö"),
            (
                "Göteborg, Socialförvaltning Nordost",
                "1480:Socialförvaltning Nordost",
            ),
            ("SF Nordost", "1480:Socialförvaltning Nordost"),
            (
                "Socialförvaltning Hisingen",
                "1480:Socialförvaltning Hisingen",
            ),
            (
                "Göteborgs stad – Socialförvaltning Sydväst",
                "1480:Socialförvaltning Sydväst",
            ),
            ("Göteborg – Centrum", "1480:Centrum"),
            ("Göteborg - SF Centrum", "1480:Socialförvaltning Centrum"),
            (
                "Socialförvaltningen Centrum",
                "1480:Socialförvaltning Centrum",
            ),
            ("Malmö - Rosengård", "1280:Rosengård"),
            ("Södra innerstaden", "1280:Södra innerstaden"),
            ("Malmö stadsområde Innerstaden", "1280:Innerstaden"),
        ] {
            assert_eq!(one(label), (UnitKind::Stadsdel, code.into()), "{label}");
        }
        let m = UnitMatcher::get();
        let column: Vec<Candidates> = ["Göteborg", "SF Nordost", "Partille"]
            .iter()
            .map(|l| m.candidates(l))
            .collect();
        let resolved = resolve_column(&column);
        assert_eq!(
            resolved[0].as_ref().map(|u| u.kind),
            Some(UnitKind::Storstad)
        );
        assert_eq!(
            resolved[1].as_ref().and_then(|u| u.parent.as_deref()),
            Some("1480")
        );
    }

    #[test]
    fn ambiguous_names_follow_their_column() {
        let m = UnitMatcher::get();
        let lan_column: Vec<Candidates> =
            ["Stockholm", "Uppsala", "Södermanland", "Gotland", "Riket"]
                .iter()
                .map(|l| m.candidates(l))
                .collect();
        let resolved = resolve_column(&lan_column);
        let kinds: Vec<_> = resolved
            .iter()
            .map(|u| u.as_ref().map(|u| u.kind))
            .collect();
        assert_eq!(
            kinds,
            [
                Some(UnitKind::Lan),
                Some(UnitKind::Lan),
                Some(UnitKind::Lan),
                Some(UnitKind::Lan),
                Some(UnitKind::Riket)
            ]
        );
        let kommun_column: Vec<Candidates> = ["Stockholm", "Nacka", "Gotland", "Stockholms län"]
            .iter()
            .map(|l| m.candidates(l))
            .collect();
        let resolved = resolve_column(&kommun_column);
        assert_eq!(resolved[0].as_ref().map(|u| u.kind), Some(UnitKind::Kommun));
        assert_eq!(resolved[2].as_ref().map(|u| u.code.as_str()), Some("0980"));
        assert_eq!(resolved[3].as_ref().map(|u| u.kind), Some(UnitKind::Lan));
    }

    #[test]
    fn a_city_with_its_districts_is_an_aggregate() {
        let m = UnitMatcher::get();
        let column: Vec<Candidates> = ["Stockholm", "Stockholm - Bromma", "Nacka"]
            .iter()
            .map(|l| m.candidates(l))
            .collect();
        let resolved = resolve_column(&column);
        assert_eq!(
            resolved[0].as_ref().map(|u| u.kind),
            Some(UnitKind::Storstad)
        );
        assert_eq!(resolved[2].as_ref().map(|u| u.kind), Some(UnitKind::Kommun));
        assert_eq!(one("Stockholm totalt"), (UnitKind::Storstad, "0180".into()));
    }
}
