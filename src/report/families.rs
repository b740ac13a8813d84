//! Indicator families across areas (DESIGN §4 "Tvärs över områden"): the same kind of indicator
//! (SIP-rutin, kompetensutvecklingsplan, systematisk uppföljning …) in every loaded area,
//! matched by keywords in the normalised name (after seed 002, table 3).

use serde::{Deserialize, Serialize};

use crate::model::{normalize_label, Area};
use crate::score::{Bucket, DelvisRule, Score, Tally, Trace};

/// One family: its name and the keywords that find it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FamilyDef {
    pub key: &'static str,
    pub name: &'static str,
    /// Every word group must match: a group matches when the name contains any of its words.
    pub all_of: &'static [&'static [&'static str]],
    /// The name must contain none of these.
    pub none_of: &'static [&'static str],
}

/// The families of seed 002, table 3 (indicators comparable between areas).
pub const FAMILIES: &[FamilyDef] = &[
    FamilyDef {
        key: "kompetensutveckling",
        name: "Samlad plan för handläggarnas kompetensutveckling",
        all_of: &[&["kompetensutveckling"]],
        none_of: &[],
    },
    FamilyDef {
        key: "alkohol",
        name: "Standardiserad bedömningsmetod: riskfylld alkoholkonsumtion",
        all_of: &[&["alkohol"]],
        none_of: &[],
    },
    FamilyDef {
        key: "droger",
        name: "Standardiserad bedömningsmetod: drogrelaterade problem",
        all_of: &[&["drogrelaterade", "droger"]],
        none_of: &[],
    },
    FamilyDef {
        key: "freda",
        name: "FREDA-kortfrågor för att upptäcka våldsutsatthet",
        all_of: &[&["freda"]],
        none_of: &[],
    },
    FamilyDef {
        key: "rutin-vald",
        name: "Rutin vid indikation på att en vuxen utsatts för våld",
        all_of: &[&["rutin"], &["våld"], &["indikation", "utsatts", "utsatt"]],
        none_of: &["freda", "bedömningsmetod"],
    },
    FamilyDef {
        key: "brukarrevision",
        name: "Brukarstyrd brukarrevision",
        all_of: &[&["brukarrevision"]],
        none_of: &[],
    },
    FamilyDef {
        key: "sip",
        name: "Rutin om samordnad individuell plan (SIP)",
        all_of: &[&["samordnad individuell plan", "(sip)", " sip"]],
        none_of: &[],
    },
    FamilyDef {
        key: "skyddade-personuppgifter",
        name: "Rutin för att inte röja skyddade personuppgifter",
        all_of: &[&["skyddade personuppgifter"]],
        none_of: &[],
    },
    FamilyDef {
        key: "systematisk-uppfoljning",
        name: "Systematisk uppföljning för att utveckla verksamheten",
        all_of: &[&["systematisk uppföljning", "systematiska uppföljning"]],
        none_of: &["kön"],
    },
    FamilyDef {
        key: "konsperspektiv",
        name: "Systematisk uppföljning med ett könsperspektiv",
        all_of: &[&["könsperspektiv"]],
        none_of: &[],
    },
    FamilyDef {
        key: "samverkan-arbetsformedlingen",
        name: "Överenskommelse om samverkan: Arbetsförmedlingen",
        all_of: &[&["överenskommelse"], &["arbetsförmedling"]],
        none_of: &[],
    },
    FamilyDef {
        key: "samverkan-forsakringskassan",
        name: "Överenskommelse om samverkan: Försäkringskassan",
        all_of: &[&["överenskommelse"], &["försäkringskassa"]],
        none_of: &[],
    },
    FamilyDef {
        key: "samverkan-primarvard",
        name: "Överenskommelse om samverkan: primärvård",
        all_of: &[&["överenskommelse"], &["primärvård"]],
        none_of: &[],
    },
    FamilyDef {
        key: "samverkan-vuxenpsykiatri",
        name: "Överenskommelse om samverkan: vuxenpsykiatrin",
        all_of: &[&["överenskommelse"], &["vuxenpsykiatri"]],
        none_of: &[],
    },
    FamilyDef {
        key: "samverkan-bup",
        name: "Överenskommelse om samverkan: barn- och ungdomspsykiatrin",
        all_of: &[&["överenskommelse"], &["barn- och ungdomspsykiatri", "bup"]],
        none_of: &[],
    },
    FamilyDef {
        key: "samverkan-polis",
        name: "Överenskommelse om samverkan: polisen",
        all_of: &[&["överenskommelse"], &["polis"]],
        none_of: &[],
    },
];

impl FamilyDef {
    /// Whether an indicator name belongs to the family.
    pub fn matches(&self, name: &str) -> bool {
        self.matches_normalized(&format!(" {}", normalize_label(name)))
    }

    /// [`FamilyDef::matches`] on a name already normalised and prefixed with a space.
    fn matches_normalized(&self, n: &str) -> bool {
        self.all_of
            .iter()
            .all(|group| group.iter().any(|w| n.contains(w)))
            && !self.none_of.iter().any(|w| n.contains(w))
    }
}

/// The family an indicator name belongs to, if any (the first that matches).
pub fn family_of(name: &str) -> Option<&'static FamilyDef> {
    let n = format!(" {}", normalize_label(name));
    FAMILIES.iter().find(|f| f.matches_normalized(&n))
}

/// One indicator of a family in one area.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FamilyMember {
    pub area: Area,
    pub year: Option<u16>,
    pub name: String,
    /// Index into the area's `indicators`.
    pub line: u32,
    pub own: Bucket,
    pub fulfilled: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cell: Option<Trace>,
}

/// A family across the loaded areas, with its pooled score.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FamilyReport {
    pub key: String,
    pub name: String,
    pub members: Vec<FamilyMember>,
    pub score: Score,
}

impl FamilyReport {
    pub fn new(def: &FamilyDef, members: Vec<FamilyMember>, rule: DelvisRule) -> FamilyReport {
        let tally = Tally::of(members.iter().map(|m| m.own));
        FamilyReport {
            key: def.key.to_owned(),
            name: def.name.to_owned(),
            members,
            score: Score::new(tally, rule),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn families_find_their_indicators_by_name() {
        let key = |name: &str| family_of(name).map(|f| f.key);
        assert_eq!(
            key("Aktuell samlad plan för handläggarnas kompetensutveckling"),
            Some("kompetensutveckling")
        );
        assert_eq!(
            key("Aktuell rutin om samordnad individuell plan (SIP)"),
            Some("sip")
        );
        assert_eq!(
            key("Använt resultat från systematisk uppföljning för att utveckla verksamheten"),
            Some("systematisk-uppfoljning")
        );
        assert_eq!(
            key("Genomfört systematisk uppföljning med ett könsperspektiv"),
            Some("konsperspektiv")
        );
        assert_eq!(
            key("Aktuell överenskommelse om samverkan - Arbetsförmedlingen"),
            Some("samverkan-arbetsformedlingen")
        );
        assert_eq!(
            key("Aktuell rutin vid indikation på att en vuxen utsatts för våld"),
            Some("rutin-vald")
        );
        assert_eq!(
            key("Använder standardiserade bedömningsmetoden FREDA-kortfrågor"),
            Some("freda")
        );
        assert_eq!(key("Tillgång till juridiskt stöd"), None);
    }
}
