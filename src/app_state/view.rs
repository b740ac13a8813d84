//! The page's views: their order, names, address-bar keys, and which the navigation offers.

use serde::{Deserialize, Serialize};

use crate::score::Grouping;

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
    /// Every kommun of a group × the loaded areas.
    Grupp,
    OverTid,
    Tvars,
    Rapport,
    Tolkning,
    Installningar,
}

impl View {
    pub const ALL: [View; 11] = [
        View::Oversikt,
        View::Kvalitetsomraden,
        View::Indikatorer,
        View::Enheter,
        View::Jamforelse,
        View::Grupp,
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
            View::Grupp => "Gruppöversikt",
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
            View::Grupp => "grupp",
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
    /// loaded (also when it is open, from the address bar), every other view always.
    /// Gruppöversikt is always offered, with its own empty state: a link appearing while the
    /// first files are read made the navigation wrap anew under the user's eyes (a layout
    /// shift of 0.29 at 1366 px, `tests/e2e/layout.test.mjs`).
    pub fn offered(self, has_units: bool, current: View) -> bool {
        match self {
            View::Enheter => has_units || current == self,
            _ => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_view_has_a_key_that_finds_it_again() {
        for view in View::ALL {
            assert_eq!(View::from_key(view.key()), Some(view));
        }
        assert_eq!(View::from_key("nonsens"), None);
    }

    #[test]
    fn enheter_is_offered_only_with_a_survey_or_when_open() {
        assert!(!View::Enheter.offered(false, View::Oversikt));
        assert!(View::Enheter.offered(true, View::Oversikt));
        assert!(View::Enheter.offered(false, View::Enheter));
        assert!(View::Rapport.offered(false, View::Oversikt));
    }

    #[test]
    fn gruppoversikt_follows_jamforelse_and_is_always_offered() {
        let at = |v| View::ALL.iter().position(|x| *x == v).unwrap();
        assert_eq!(at(View::Grupp), at(View::Jamforelse) + 1);
        assert_eq!(View::Grupp.key(), "grupp");
        assert_eq!(View::Grupp.title(), "Gruppöversikt");
        assert!(View::Grupp.offered(false, View::Oversikt));
        assert!(View::Grupp.offered(false, View::Grupp));
    }

    #[test]
    fn the_quality_view_is_named_for_the_grouping() {
        assert_eq!(
            View::Kvalitetsomraden.title_for(Grouping::Dimensioner),
            "Kvalitetsdimensioner"
        );
        assert_eq!(
            View::Kvalitetsomraden.title_for(Grouping::Omraden),
            "Kvalitetsområden"
        );
        assert_eq!(
            View::Kvalitetsomraden.title_for(Grouping::Bada),
            "Kvalitetsområden och -dimensioner"
        );
        assert_eq!(
            View::Indikatorer.title_for(Grouping::Dimensioner),
            "Indikatorer"
        );
    }
}
