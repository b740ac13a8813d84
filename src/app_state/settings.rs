//! What the page keeps in localStorage between visits: the user's choices ([`Settings`]) and
//! their corrections of how files were read ([`SavedCorrections`]), and how the address bar and
//! the pickers change them. Never any data from the files.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::compare::peers::PeerChoice;
use crate::compare::targets::{Target, TargetScope};
use crate::ingest::{Corrections, ReadOptions, SheetOverride};
use crate::protocol::ReadRequest;
use crate::report::ReportOptions;
use crate::score::DelvisRule;

use super::url::UrlState;

/// The prefix of every localStorage key this page writes ("Glöm allt" removes them all).
pub const STORAGE_PREFIX: &str = "oj-analys:";
/// The settings' localStorage key.
pub const SETTINGS_KEY: &str = "oj-analys:installningar";
/// The corrections' localStorage key (by layout key).
pub const CORRECTIONS_KEY: &str = "oj-analys:rattelser";

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

impl Settings {
    /// The settings as stored (JSON); the defaults when there are none or they do not parse.
    pub fn from_stored(json: Option<&str>) -> Settings {
        json.and_then(|s| serde_json::from_str(s).ok())
            .unwrap_or_default()
    }

    /// The settings as stored; `None` for the defaults (nothing to keep: the key is removed,
    /// so "Glöm allt" resetting them leaves no key behind).
    pub fn to_stored(&self) -> Option<String> {
        if *self == Settings::default() {
            return None;
        }
        serde_json::to_string(self).ok()
    }

    /// These settings with the address bar's choices over them. An own list in the address bar
    /// becomes the kept own list; a chosen own list always holds the kept one.
    pub fn with_url(mut self, url: &UrlState) -> Settings {
        if let Some(k) = &url.kommun {
            self.kommun = k.clone();
        }
        if let Some(g) = &url.grupp {
            if let PeerChoice::Egen(codes) = g {
                if !codes.is_empty() {
                    self.egen = codes.clone();
                }
            }
            self.jamfor = g.clone();
        }
        if let PeerChoice::Egen(codes) = &mut self.jamfor {
            *codes = self.egen.clone();
        }
        if let Some(d) = url.delvis {
            self.delvis = d;
        }
        self
    }

    /// What the report is asked for with these settings.
    pub fn report_options(&self) -> ReportOptions {
        ReportOptions {
            kommun: self.kommun.clone(),
            delvis: self.delvis,
            jamfor: self.jamfor.clone(),
            targets: self.targets.clone(),
            directions: Default::default(),
        }
    }

    /// Chooses a peer set; an own list is the kept one.
    pub fn choose_peers(&mut self, choice: PeerChoice) {
        self.jamfor = match choice {
            PeerChoice::Egen(_) => PeerChoice::Egen(self.egen.clone()),
            other => other,
        };
    }

    /// Adds a code to the own list (once), and to the choice when the own list is chosen.
    pub fn add_own(&mut self, code: &str) {
        if !self.egen.iter().any(|c| c == code) {
            self.egen.push(code.to_owned());
        }
        self.sync_own();
    }

    /// Removes a code from the own list (and the choice).
    pub fn remove_own(&mut self, code: &str) {
        self.egen.retain(|c| c != code);
        self.sync_own();
    }

    fn sync_own(&mut self) {
        if let PeerChoice::Egen(codes) = &mut self.jamfor {
            *codes = self.egen.clone();
        }
    }

    /// The target of a scope, if set.
    pub fn target(&self, scope: &TargetScope) -> Option<u32> {
        self.targets
            .iter()
            .find(|t| t.scope == *scope)
            .map(|t| t.percent)
    }

    /// Sets or (with `None`) removes the target of a scope.
    pub fn set_target(&mut self, scope: TargetScope, percent: Option<u32>) {
        self.targets.retain(|t| t.scope != scope);
        if let Some(percent) = percent {
            self.targets.push(Target { scope, percent });
        }
    }
}

/// The user's corrections of how files were read, kept between visits in localStorage: per table
/// layout (area, year, indicators' quality areas: ingest's [`Corrections`]) and per file layout (a
/// sheet's header rows, unit column).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SavedCorrections {
    /// By [`crate::ingest::reading::DatasetReading::layout_key`].
    pub tables: Corrections,
    /// By the file's [`crate::ingest::Reading::layout_key`] as first read (before these), the
    /// sheets' overrides.
    pub sheets: BTreeMap<String, Vec<SheetOverride>>,
}

impl SavedCorrections {
    pub fn is_empty(&self) -> bool {
        self.tables.is_empty() && self.sheets.values().all(|s| s.is_empty())
    }

    /// The override of one sheet of a file layout, created when absent.
    pub fn sheet(&mut self, file_key: &str, sheet: &str) -> &mut SheetOverride {
        let list = self.sheets.entry(file_key.to_owned()).or_default();
        let at = match list.iter().position(|s| s.sheet == sheet) {
            Some(at) => at,
            None => {
                list.push(SheetOverride {
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

    /// The corrections as stored (JSON); none when there are none or they do not parse.
    pub fn from_stored(json: Option<&str>) -> SavedCorrections {
        json.and_then(|s| serde_json::from_str(s).ok())
            .unwrap_or_default()
    }

    /// The corrections as stored; `None` when there are none (the key is then removed).
    pub fn to_stored(&self) -> Option<String> {
        if self.is_empty() {
            return None;
        }
        serde_json::to_string(self).ok()
    }

    /// What the worker reads a file with: every correction (ingest applies those whose layout
    /// keys match).
    pub fn read_request(&self) -> ReadRequest {
        ReadRequest {
            options: ReadOptions {
                corrections: self.tables.clone(),
                ..ReadOptions::default()
            },
            sheets: self.sheets.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Area;

    fn codes(list: &[&str]) -> Vec<String> {
        list.iter().map(|c| (*c).to_owned()).collect()
    }

    #[test]
    fn the_address_bar_wins_over_what_was_kept() {
        let kept = Settings {
            kommun: "0180".into(),
            jamfor: PeerChoice::Lan,
            egen: codes(&["0114"]),
            ..Settings::default()
        };
        let url = UrlState::parse("kommun=138&grupp=skr2023&delvis=halv");
        let settings = kept.with_url(&url);
        assert_eq!(settings.kommun, "0138");
        assert_eq!(settings.jamfor, PeerChoice::Skr2023);
        assert_eq!(settings.delvis, DelvisRule::Halv);
        assert_eq!(settings.egen, codes(&["0114"]), "the own list is kept");
    }

    #[test]
    fn an_own_list_in_the_address_bar_becomes_the_kept_list() {
        let kept = Settings {
            egen: codes(&["0114"]),
            ..Settings::default()
        };
        let settings = kept.clone().with_url(&UrlState::parse("grupp=0115,0160"));
        assert_eq!(settings.egen, codes(&["0115", "0160"]));
        assert_eq!(settings.jamfor, PeerChoice::Egen(codes(&["0115", "0160"])));
        // `grupp=egen` chooses the kept list.
        let settings = kept.with_url(&UrlState::parse("grupp=egen"));
        assert_eq!(settings.jamfor, PeerChoice::Egen(codes(&["0114"])));
    }

    #[test]
    fn the_own_list_follows_additions_and_removals_while_chosen() {
        let mut settings = Settings::default();
        settings.add_own("0114");
        assert_eq!(settings.jamfor, PeerChoice::default(), "not chosen yet");
        settings.choose_peers(PeerChoice::Egen(Vec::new()));
        assert_eq!(settings.jamfor, PeerChoice::Egen(codes(&["0114"])));
        settings.add_own("0160");
        settings.add_own("0114");
        assert_eq!(settings.jamfor, PeerChoice::Egen(codes(&["0114", "0160"])));
        settings.remove_own("0114");
        assert_eq!(settings.jamfor, PeerChoice::Egen(codes(&["0160"])));
        settings.choose_peers(PeerChoice::Alla);
        assert_eq!(
            settings.egen,
            codes(&["0160"]),
            "kept while another set is chosen"
        );
    }

    #[test]
    fn targets_are_set_replaced_and_removed_per_scope() {
        let mut settings = Settings::default();
        let scope = TargetScope::Omrade(Area::EkonomisktBistand);
        settings.set_target(scope.clone(), Some(70));
        settings.set_target(TargetScope::Totalt, Some(50));
        settings.set_target(scope.clone(), Some(80));
        assert_eq!(settings.target(&scope), Some(80));
        assert_eq!(settings.targets.len(), 2);
        settings.set_target(scope.clone(), None);
        assert_eq!(settings.target(&scope), None);
        assert_eq!(settings.report_options().targets.len(), 1);
    }

    #[test]
    fn stored_settings_round_trip_and_bad_json_gives_the_defaults() {
        let settings = Settings {
            kommun: "0138".into(),
            delvis: DelvisRule::Uppfylld,
            ..Settings::default()
        };
        let json = settings.to_stored().unwrap();
        assert_eq!(Settings::from_stored(Some(&json)), settings);
        assert_eq!(Settings::from_stored(Some("{trasig")), Settings::default());
        assert_eq!(Settings::from_stored(None), Settings::default());
        assert_eq!(
            Settings::default().to_stored(),
            None,
            "the defaults are not kept"
        );
        // A field this version does not know is ignored, a missing one is its default.
        assert_eq!(
            Settings::from_stored(Some(r#"{"kommun":"0138","okänd":1}"#)).kommun,
            "0138"
        );
    }

    #[test]
    fn corrections_that_correct_nothing_are_tidied_away_and_not_stored() {
        let mut saved = SavedCorrections::default();
        assert_eq!(saved.to_stored(), None);
        saved.sheet("fil", "Blad1").header_rows = Some(2);
        saved.sheet("fil", "Blad2");
        saved.tidy();
        assert_eq!(saved.sheets["fil"].len(), 1);
        let json = saved.to_stored().unwrap();
        assert_eq!(SavedCorrections::from_stored(Some(&json)), saved);
        assert_eq!(saved.read_request().sheets, saved.sheets);
        saved.sheet("fil", "Blad1").header_rows = None;
        saved.tidy();
        assert!(saved.is_empty());
    }
}
