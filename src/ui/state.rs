//! The page's state as plain data: views, settings, what goes in the address bar and what is
//! kept in localStorage. Pure functions only (tested natively); the signals live in `app`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::compare::peers::PeerChoice;
use crate::compare::targets::Target;
use crate::model::Area;
use crate::reference::LiknandeTema;
use crate::score::{DelvisRule, Grouping};

/// The prefix of every localStorage key this page writes ("Glöm allt" removes them all).
pub const STORAGE_PREFIX: &str = "oj-analys:";
/// The settings' localStorage key.
pub const SETTINGS_KEY: &str = "oj-analys:installningar";
/// The corrections' localStorage key (by layout key).
pub const CORRECTIONS_KEY: &str = "oj-analys:rattelser";

/// The views of the analyzer, in navigation order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum View {
    #[default]
    Oversikt,
    Kvalitetsomraden,
    Indikatorer,
    /// A kommun's service units from an enhetsundersökning (shown when one is loaded).
    Enheter,
    Jamforelse,
    OverTid,
    Tvars,
    Rapport,
    Tolkning,
    Installningar,
}

impl View {
    pub const ALL: [View; 10] = [
        View::Oversikt,
        View::Kvalitetsomraden,
        View::Indikatorer,
        View::Enheter,
        View::Jamforelse,
        View::OverTid,
        View::Tvars,
        View::Rapport,
        View::Tolkning,
        View::Installningar,
    ];

    /// The name in the navigation and the view's heading.
    pub fn title(self) -> &'static str {
        match self {
            View::Oversikt => "Översikt",
            View::Kvalitetsomraden => "Kvalitetsområden",
            View::Indikatorer => "Indikatorer",
            View::Enheter => "Enheter",
            View::Jamforelse => "Jämförelse",
            View::OverTid => "Över tid",
            View::Tvars => "Tvärs över områden",
            View::Rapport => "Rapport",
            View::Tolkning => "Tolkning",
            View::Installningar => "Inställningar",
        }
    }

    /// The key in the address bar (`vy=`).
    pub fn key(self) -> &'static str {
        match self {
            View::Oversikt => "oversikt",
            View::Kvalitetsomraden => "kvalitetsomraden",
            View::Indikatorer => "indikatorer",
            View::Enheter => "enheter",
            View::Jamforelse => "jamforelse",
            View::OverTid => "over-tid",
            View::Tvars => "tvars",
            View::Rapport => "rapport",
            View::Tolkning => "tolkning",
            View::Installningar => "installningar",
        }
    }

    pub fn from_key(key: &str) -> Option<View> {
        View::ALL.into_iter().find(|v| v.key() == key)
    }

    /// The name for a report grouped by `grouping`: the view of the quality groups is named
    /// for what it shows ("Kvalitetsdimensioner" for files of the model of 2023–).
    pub fn title_for(self, grouping: Grouping) -> &'static str {
        match self {
            View::Kvalitetsomraden => grouping.title(),
            other => other.title(),
        }
    }

    /// Whether the navigation offers the view: Enheter only when an enhetsundersökning is
    /// loaded (or the view is open, from the address bar), every other view always.
    pub fn offered(self, has_units: bool, current: View) -> bool {
        self != View::Enheter || has_units || current == View::Enheter
    }
}

/// The user's choices, kept between visits (never any data from the files).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Kommunkod or stadsdel code; empty when none is chosen.
    pub kommun: String,
    pub jamfor: PeerChoice,
    pub delvis: DelvisRule,
    pub targets: Vec<Target>,
    /// The user's own peer list, kept even while another peer set is chosen.
    pub egen: Vec<String>,
}

/// What the address bar holds: the choices and the place, never data.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UrlState {
    pub kommun: Option<String>,
    pub grupp: Option<PeerChoice>,
    pub vy: Option<View>,
    pub delvis: Option<DelvisRule>,
    pub omrade: Option<Area>,
    /// Embed mode (`inbaddad=1`): the page inside an intranet page's iframe, without its own
    /// header and footer. Kept in the address bar so a reload stays embedded.
    pub inbaddad: bool,
}

impl UrlState {
    /// Reads a query string (without `?`); unknown or malformed parameters are ignored.
    pub fn parse(query: &str) -> UrlState {
        let mut state = UrlState::default();
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let value = percent_decode(value);
            match key {
                "kommun" if !value.trim().is_empty() => {
                    state.kommun = Some(crate::compare::peers::pad_code(value.trim()))
                }
                "grupp" => state.grupp = peer_from_key(&value),
                "vy" => state.vy = View::from_key(&value),
                "delvis" => state.delvis = DelvisRule::from_key(&value),
                "omrade" => state.omrade = Area::from_key(&value),
                "inbaddad" => state.inbaddad = matches!(value.trim(), "1" | "ja" | "true"),
                _ => {}
            }
        }
        state
    }

    /// The query string (without `?`), parameters in a fixed order.
    pub fn to_query(&self) -> String {
        let mut parts = Vec::new();
        if self.inbaddad {
            parts.push("inbaddad=1".to_owned());
        }
        if let Some(k) = &self.kommun {
            parts.push(format!("kommun={}", percent_encode(k)));
        }
        if let Some(g) = &self.grupp {
            parts.push(format!("grupp={}", percent_encode(&peer_key(g))));
        }
        if let Some(v) = self.vy {
            parts.push(format!("vy={}", v.key()));
        }
        if let Some(d) = self.delvis {
            parts.push(format!("delvis={}", d.key()));
        }
        if let Some(a) = self.omrade {
            parts.push(format!("omrade={}", a.key()));
        }
        parts.join("&")
    }
}

/// The address-bar key of a peer choice: `liknande`, `liknande:ifo`, `lan`, … or the codes of
/// an own list joined by commas.
pub fn peer_key(choice: &PeerChoice) -> String {
    match choice {
        PeerChoice::Lan => "lan".into(),
        PeerChoice::Storleksgrupp => "storleksgrupp".into(),
        PeerChoice::Skr2017 => "skr2017".into(),
        PeerChoice::Skr2023 => "skr2023".into(),
        PeerChoice::Liknande(None) => "liknande".into(),
        PeerChoice::Liknande(Some(t)) => format!("liknande:{}", t.key()),
        PeerChoice::Alla => "alla".into(),
        PeerChoice::Stadsdelar => "stadsdelar".into(),
        PeerChoice::Egen(codes) => {
            if codes.is_empty() {
                "egen".into()
            } else {
                codes.join(",")
            }
        }
    }
}

/// The peer choice of an address-bar key (see [`peer_key`]).
pub fn peer_from_key(key: &str) -> Option<PeerChoice> {
    match key.trim() {
        "" => None,
        "egen" => Some(PeerChoice::Egen(Vec::new())),
        other => PeerChoice::parse(other).ok(),
    }
}

/// The peer sets the picker offers, with a short description of what each is.
pub fn peer_options() -> Vec<(PeerChoice, &'static str, &'static str)> {
    let mut options = vec![
        (
            PeerChoice::Liknande(None),
            "Liknande kommuner (Kolada), tema efter område",
            "Kolada: strukturellt liknande kommuner; IFO-temat för individ- och familjeomsorg, eget tema för ekonomiskt bistånd, LSS och äldreomsorg",
        ),
    ];
    for tema in LiknandeTema::ALL {
        options.push((
            PeerChoice::Liknande(Some(tema)),
            match tema {
                LiknandeTema::Ifo => "Liknande kommuner, IFO (Kolada)",
                LiknandeTema::EkonomisktBistand => "Liknande kommuner, ekonomiskt bistånd (Kolada)",
                LiknandeTema::Lss => "Liknande kommuner, LSS (Kolada)",
                LiknandeTema::Aldreomsorg => "Liknande kommuner, äldreomsorg (Kolada)",
                LiknandeTema::Overgripande => "Liknande kommuner, övergripande (Kolada)",
            },
            "Kolada: strukturellt liknande kommuner för ett tema",
        ));
    }
    options.extend([
        (
            PeerChoice::Lan,
            "Samma län",
            "Kommunerna i samma län (arbetsbokens länskolumn, annars referenstabellen)",
        ),
        (
            PeerChoice::Storleksgrupp,
            "Samma storleksgrupp (Socialstyrelsen)",
            "Socialstyrelsens storleksgrupp 1–5 efter folkmängd",
        ),
        (
            PeerChoice::Skr2023,
            "Samma kommungrupp, SKR 2023",
            "SKR:s kommungruppsindelning 2023",
        ),
        (
            PeerChoice::Skr2017,
            "Samma kommungrupp, SKL 2017",
            "SKL:s kommungruppsindelning 2017",
        ),
        (
            PeerChoice::Stadsdelar,
            "Stadsdelar i samma stad",
            "De andra stadsdelarna i Stockholm, Göteborg eller Malmö",
        ),
        (
            PeerChoice::Alla,
            "Alla kommuner i filerna",
            "Alla kommuner och stadsdelar som finns i de inlästa filerna",
        ),
        (
            PeerChoice::Egen(Vec::new()),
            "Egen lista",
            "Kommuner du väljer själv",
        ),
    ]);
    options
}

/// Whether two choices are the same option of the picker (own lists match whatever codes).
pub fn same_option(a: &PeerChoice, b: &PeerChoice) -> bool {
    matches!((a, b), (PeerChoice::Egen(_), PeerChoice::Egen(_))) || a == b
}

/// The user's corrections of how files were read, kept between visits: per table layout (area,
/// year, indicators' quality areas) and per file layout (a sheet's header rows, unit column).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Corrections {
    /// By [`crate::ingest::reading::DatasetReading::layout_key`].
    pub tables: crate::ingest::Corrections,
    /// By the file's [`crate::ingest::Reading::layout_key`] as first read (before these), the
    /// sheets' overrides.
    pub sheets: BTreeMap<String, Vec<crate::ingest::SheetOverride>>,
}

impl Corrections {
    pub fn is_empty(&self) -> bool {
        self.tables.is_empty() && self.sheets.values().all(|s| s.is_empty())
    }

    /// The override of one sheet of a file layout, created when absent.
    pub fn sheet(&mut self, file_key: &str, sheet: &str) -> &mut crate::ingest::SheetOverride {
        let list = self.sheets.entry(file_key.to_owned()).or_default();
        let at = match list.iter().position(|s| s.sheet == sheet) {
            Some(at) => at,
            None => {
                list.push(crate::ingest::SheetOverride {
                    sheet: sheet.to_owned(),
                    ..Default::default()
                });
                list.len() - 1
            }
        };
        &mut list[at]
    }

    /// Drops overrides that override nothing.
    pub fn tidy(&mut self) {
        for list in self.sheets.values_mut() {
            list.retain(|s| s.header_rows.is_some() || s.unit_column.is_some() || s.skip);
        }
        self.sheets.retain(|_, list| !list.is_empty());
        self.tables.datasets.retain(|_, c| !c.is_empty());
    }
}

/// Percent-encodes a query value (UTF-8; letters, digits and `-_.,:` left as they are).
pub fn percent_encode(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b',' | b':' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Decodes `%XX` escapes and `+`; invalid escapes are kept as written.
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes.get(i) {
            Some(b'%') => {
                let hex = bytes
                    .get(i + 1..i + 3)
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(b) => {
                        out.push(b);
                        i += 3;
                    }
                    None => {
                        out.push(b'%');
                        i += 1;
                    }
                }
            }
            Some(b'+') => {
                out.push(b' ');
                i += 1;
            }
            Some(&b) => {
                out.push(b);
                i += 1;
            }
            None => break,
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_address_bar_round_trips() {
        let state = UrlState {
            kommun: Some("0180:Rinkeby-Kista".into()),
            grupp: Some(PeerChoice::Liknande(Some(LiknandeTema::Ifo))),
            vy: Some(View::OverTid),
            delvis: Some(DelvisRule::Halv),
            omrade: Some(Area::Hemloshet),
            inbaddad: false,
        };
        let query = state.to_query();
        assert_eq!(
            query,
            "kommun=0180:Rinkeby-Kista&grupp=liknande:ifo&vy=over-tid&delvis=halv&omrade=hemloshet"
        );
        assert_eq!(UrlState::parse(&query), state);
    }

    #[test]
    fn own_peer_lists_and_short_codes_survive_the_address_bar() {
        let state = UrlState::parse("kommun=138&grupp=0114,0115,0160&vy=nonsens");
        assert_eq!(state.kommun.as_deref(), Some("0138"));
        assert_eq!(
            state.grupp,
            Some(PeerChoice::Egen(vec![
                "0114".into(),
                "0115".into(),
                "0160".into()
            ]))
        );
        assert_eq!(state.vy, None);
        assert_eq!(percent_decode("Malm%C3%B6+stad"), "Malmö stad");
        assert_eq!(percent_encode("Malmö"), "Malm%C3%B6");
    }
}
