//! What the address bar holds (the choices and the place, never data) and its percent
//! encoding.

use crate::compare::peers::{pad_code, PeerChoice};
use crate::model::Area;
use crate::score::DelvisRule;

use super::group::{GroupView, Sort};
use super::settings::Settings;
use super::view::View;

/// What the address bar holds: the choices and the place, never data.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UrlState {
    pub kommun: Option<String>,
    pub grupp: Option<PeerChoice>,
    pub vy: Option<View>,
    pub delvis: Option<DelvisRule>,
    pub omrade: Option<Area>,
    /// Gruppöversikt's group (`gruppvy=lan:01`), kept only while that view is shown.
    pub gruppvy: Option<GroupView>,
    /// Gruppöversikt's row order (`gruppsort=totalt:fallande`), kept only while that view is shown
    /// and when it is not the default (by name, A–Ö).
    pub gruppsort: Option<Sort>,
    /// Embed mode (`inbaddad=1`): the page inside an intranet page's iframe, without its own
    /// header and footer. Kept in the address bar so a reload stays embedded.
    pub inbaddad: bool,
}

impl UrlState {
    /// The address of the page as the user left it: the choices, the view and the area.
    pub fn of(settings: &Settings, view: View, area: Option<Area>, inbaddad: bool) -> UrlState {
        UrlState {
            kommun: (!settings.kommun.is_empty()).then(|| settings.kommun.clone()),
            grupp: Some(settings.jamfor.clone()),
            vy: Some(view),
            delvis: Some(settings.delvis),
            omrade: area,
            gruppvy: None,
            gruppsort: None,
            inbaddad,
        }
    }

    /// The same address with Gruppöversikt's group and row order, when that view is shown.
    pub fn with_group(mut self, group: &GroupView, sort: Sort) -> UrlState {
        if self.vy == Some(View::Grupp) {
            self.gruppvy = Some(group.clone());
            self.gruppsort = (sort != Sort::default()).then_some(sort);
        }
        self
    }

    /// Reads a query string (without `?`); unknown or malformed parameters are ignored.
    pub fn parse(query: &str) -> UrlState {
        let mut state = UrlState::default();
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let value = percent_decode(value);
            match key {
                "kommun" if !value.trim().is_empty() => state.kommun = Some(pad_code(value.trim())),
                "grupp" => state.grupp = PeerChoice::from_key(&value),
                "vy" => state.vy = View::from_key(&value),
                "delvis" => state.delvis = DelvisRule::from_key(&value),
                "omrade" => state.omrade = Area::from_key(&value),
                "gruppvy" => state.gruppvy = GroupView::from_key(&value),
                "gruppsort" => state.gruppsort = Sort::from_key(&value),
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
            parts.push(format!("grupp={}", percent_encode(&g.key())));
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
        if let Some(g) = &self.gruppvy {
            parts.push(format!("gruppvy={}", percent_encode(&g.key())));
        }
        if let Some(s) = self.gruppsort {
            parts.push(format!("gruppsort={}", percent_encode(&s.key())));
        }
        parts.join("&")
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
    use crate::app_state::group::SortColumn;
    use crate::reference::LiknandeTema;

    #[test]
    fn the_address_bar_round_trips() {
        let state = UrlState {
            kommun: Some("0180:Rinkeby-Kista".into()),
            grupp: Some(PeerChoice::Liknande(Some(LiknandeTema::Ifo))),
            vy: Some(View::OverTid),
            delvis: Some(DelvisRule::Halv),
            omrade: Some(Area::Hemloshet),
            gruppvy: None,
            gruppsort: None,
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
    fn gruppoversikts_group_and_order_are_kept_only_in_its_view() {
        let settings = Settings {
            kommun: "0138".into(),
            ..Settings::default()
        };
        let lan = GroupView::Lan("01".into());
        let by_name = Sort::default();
        let state = UrlState::of(&settings, View::Grupp, None, false).with_group(&lan, by_name);
        let query = state.to_query();
        assert!(
            query.contains("&vy=grupp&") && query.ends_with("&gruppvy=lan:01"),
            "the default order is not written: {query}"
        );
        assert_eq!(UrlState::parse(&query).gruppvy, Some(lan.clone()));
        assert_eq!(UrlState::parse(&query), state);
        let by_total = by_name.toggle(SortColumn::Total).toggle(SortColumn::Total);
        let sorted = UrlState::of(&settings, View::Grupp, None, false).with_group(&lan, by_total);
        let query = sorted.to_query();
        assert!(
            query.ends_with("&gruppvy=lan:01&gruppsort=totalt:stigande"),
            "{query}"
        );
        assert_eq!(UrlState::parse(&query), sorted);
        let elsewhere =
            UrlState::of(&settings, View::Oversikt, None, false).with_group(&lan, by_total);
        assert!(!elsewhere.to_query().contains("gruppvy"));
        assert!(!elsewhere.to_query().contains("gruppsort"));
        assert_eq!(UrlState::parse("gruppsort=totalt:uppåt").gruppsort, None);
        assert_eq!(UrlState::parse("gruppvy=lan:99").gruppvy, None);
        assert_eq!(
            UrlState::parse("gruppvy=eget-lan").gruppvy,
            Some(GroupView::EgetLan)
        );
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
