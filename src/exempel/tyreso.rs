//! Tyresö's ÖJ series 2018–2020 as seed 000 reports it: six areas × three years of full tables in
//! which Tyresö's (0138) own answers reproduce the committee report's figures exactly.
//!
//! Every other kommun gets the ordinary pseudo-random answers of [`super::oj`], so peer
//! comparisons work on these tables too; the aggregate rows are recomputed after Tyresö's
//! answers are set, so they stay consistent.
//!
//! # The seed lines reproduced
//!
//! Counts are `uppfyllda/denominator`, Delvis rule *uppfylld* (Delvis counts as fulfilled); the
//! "helt/delvis" lines are the only ones where Tyresö answers Delvis, so every other line gives
//! the same figure under every Delvis rule. Indicators beyond the denominator are answered
//! "Ej aktuellt" or "Kan inte svara".
//!
//! | Area | Quality area | 2020 (seed line) | 2019 | 2018 |
//! |---|---|---|---|---|
//! | Ekonomiskt bistånd | Kunskapsbaserad | 3/10 = 30 % | 3/10 | 2/10 |
//! | | Självbestämmande | 5/5 helt/delvis = 100 % (3 Ja, 2 Delvis) | 3/5 | 2/5 |
//! | | Helhetssyn | 8/11 = 73 % | 4/11 = 36 % ("förra året (36 procent)") | 4/10 |
//! | | Trygghet | 3/6 = 50 % | 4/5 | 2/5 |
//! | | Tillgänglighet | 5/5 = 100 % | 5/5 | 4/5 |
//! | | **Totalt** | **24/37 = 65 %** | **19/36 = 53 %** | **14/35 = 40 %** |
//! | Missbruk | Kunskapsbaserad | 5/16 helt/delvis = 31 % (3 Ja, 2 Delvis) | 3/16 | 3/15 |
//! | | Självbestämmande | 0/4 = 0 % | 0/4 | 0/4 |
//! | | Helhetssyn | 3/6 = 50 % | 2/6 | 2/6 |
//! | | Trygghet | 0/2 = 0 % | 1/2 | 1/2 |
//! | | Tillgänglighet | 1/1 = 100 % | 1/1 | 1/1 |
//! | | **Totalt** | **9/29 = 31 %** | **7/29 = 24 %** | **7/28 = 25 %** |
//! | Barn och unga | Kunskapsbaserad | 9/24 helt/delvis = 38 % (6 Ja, 3 Delvis) | 7/24 | 6/23 |
//! | | Självbestämmande | 0/4 = 0 % | 0/4 | 0/4 |
//! | | Helhetssyn | 3/15 = 20 % | 3/14 | 3/14 |
//! | | Trygghet | 0/2 = 0 % | 0/2 | 0/2 |
//! | | Tillgänglighet | 1/1 = 100 % | 1/1 | 1/1 |
//! | | **Totalt** | **13/46 = 28 %** | **11/45 = 24 %** | 10/44 = 23 % (not in the seed) |
//! | Våld i nära relationer | Kunskapsbaserad | 13/30 = 43 % | 8/30 | 7/29 |
//! | | Självbestämmande | 0/4 = 0 % | 0/4 | 0/4 |
//! | | Helhetssyn | 6/6 = 100 % | 3/6 | 3/6 |
//! | | Trygghet | 2/4 = 50 % | 1/4 | 1/4 |
//! | | Tillgänglighet | 1/1 = 100 % | 1/1 | 1/1 |
//! | | **Totalt** | **22/45 = 49 %** | **13/45 = 29 %** | 12/44 = 27 % (not in the seed) |
//! | Hemlöshet | Kunskapsbaserad | 2/7 = 29 % | 1/6 | 1/6 |
//! | | Helhetssyn | 1/4 = 25 % | 1/3 | 0/3 |
//! | | Trygghet | 1/3 = 33 % | 1/3 | 1/2 |
//! | | Tillgänglighet | 4/5 = 80 % | 2/4 | 2/4 |
//! | | **Totalt** | **8/19 = 42 %** (the seed prints "22/45 … 49 %", a copying error) | **5/16 = 31 %** | 4/15 = 27 % (not in the seed) |
//! | Socialpsykiatri | Kunskapsbaserad | 5/15 = 33 % | 5/15 | 4/15 |
//! | | Självbestämmande | 2/7 = 29 % | 3/7 | 3/7 |
//! | | Helhetssyn | 4/9 = 44 % | 4/8 | 4/8 |
//! | | Trygghet | 0/2 = 0 % | 0/2 | 0/2 |
//! | | Tillgänglighet | 2/5 = 40 % | 2/5 | 2/5 |
//! | | **Totalt** | **13/38 = 34 %** | **14/37 = 38 %** | 13/37 = 35 % (not in the seed) |
//!
//! Hemlöshet has no Självbestämmande line in the seed and no such indicators here.

use crate::model::{Area, QualityArea};

use super::catalogue::{catalogue_for, Entry};
use super::oj::{answered_table, mix, recompute_aggregates, OjOptions, Rng};
use super::spec::{CellSpec, TableSpec};

/// Tyresö's kommunkod.
pub const TYRESO: &str = "0138";

/// The seed every table of the series is generated with.
pub const TYRESO_SEED: u64 = 138;

/// One quality area's answers of Tyresö: (quality area, Ja, Delvis, Nej).
pub type QualityAnswers = (QualityArea, u32, u32, u32);

use QualityArea::{
    Helhetssyn as HS, Kunskapsbaserad as KB, Sjalvbestammande as SI, Tillganglighet as T,
    TrygghetSakerhet as TS,
};

/// Tyresö's answers per area, year and quality area (see the table in the module docs).
pub const TYRESO_ANSWERS: &[(Area, u16, &[QualityAnswers])] = &[
    (
        Area::EkonomisktBistand,
        2020,
        &[
            (KB, 3, 0, 7),
            (SI, 3, 2, 0),
            (HS, 8, 0, 3),
            (TS, 3, 0, 3),
            (T, 5, 0, 0),
        ],
    ),
    (
        Area::EkonomisktBistand,
        2019,
        &[
            (KB, 3, 0, 7),
            (SI, 3, 0, 2),
            (HS, 4, 0, 7),
            (TS, 4, 0, 1),
            (T, 5, 0, 0),
        ],
    ),
    (
        Area::EkonomisktBistand,
        2018,
        &[
            (KB, 2, 0, 8),
            (SI, 2, 0, 3),
            (HS, 4, 0, 6),
            (TS, 2, 0, 3),
            (T, 4, 0, 1),
        ],
    ),
    (
        Area::Missbruk,
        2020,
        &[
            (KB, 3, 2, 11),
            (SI, 0, 0, 4),
            (HS, 3, 0, 3),
            (TS, 0, 0, 2),
            (T, 1, 0, 0),
        ],
    ),
    (
        Area::Missbruk,
        2019,
        &[
            (KB, 3, 0, 13),
            (SI, 0, 0, 4),
            (HS, 2, 0, 4),
            (TS, 1, 0, 1),
            (T, 1, 0, 0),
        ],
    ),
    (
        Area::Missbruk,
        2018,
        &[
            (KB, 3, 0, 12),
            (SI, 0, 0, 4),
            (HS, 2, 0, 4),
            (TS, 1, 0, 1),
            (T, 1, 0, 0),
        ],
    ),
    (
        Area::BarnOchUnga,
        2020,
        &[
            (KB, 6, 3, 15),
            (SI, 0, 0, 4),
            (HS, 3, 0, 12),
            (TS, 0, 0, 2),
            (T, 1, 0, 0),
        ],
    ),
    (
        Area::BarnOchUnga,
        2019,
        &[
            (KB, 7, 0, 17),
            (SI, 0, 0, 4),
            (HS, 3, 0, 11),
            (TS, 0, 0, 2),
            (T, 1, 0, 0),
        ],
    ),
    (
        Area::BarnOchUnga,
        2018,
        &[
            (KB, 6, 0, 17),
            (SI, 0, 0, 4),
            (HS, 3, 0, 11),
            (TS, 0, 0, 2),
            (T, 1, 0, 0),
        ],
    ),
    (
        Area::ValdINaraRelationer,
        2020,
        &[
            (KB, 13, 0, 17),
            (SI, 0, 0, 4),
            (HS, 6, 0, 0),
            (TS, 2, 0, 2),
            (T, 1, 0, 0),
        ],
    ),
    (
        Area::ValdINaraRelationer,
        2019,
        &[
            (KB, 8, 0, 22),
            (SI, 0, 0, 4),
            (HS, 3, 0, 3),
            (TS, 1, 0, 3),
            (T, 1, 0, 0),
        ],
    ),
    (
        Area::ValdINaraRelationer,
        2018,
        &[
            (KB, 7, 0, 22),
            (SI, 0, 0, 4),
            (HS, 3, 0, 3),
            (TS, 1, 0, 3),
            (T, 1, 0, 0),
        ],
    ),
    (
        Area::Hemloshet,
        2020,
        &[(KB, 2, 0, 5), (HS, 1, 0, 3), (TS, 1, 0, 2), (T, 4, 0, 1)],
    ),
    (
        Area::Hemloshet,
        2019,
        &[(KB, 1, 0, 5), (HS, 1, 0, 2), (TS, 1, 0, 2), (T, 2, 0, 2)],
    ),
    (
        Area::Hemloshet,
        2018,
        &[(KB, 1, 0, 5), (HS, 0, 0, 3), (TS, 1, 0, 1), (T, 2, 0, 2)],
    ),
    (
        Area::Socialpsykiatri,
        2020,
        &[
            (KB, 5, 0, 10),
            (SI, 2, 0, 5),
            (HS, 4, 0, 5),
            (TS, 0, 0, 2),
            (T, 2, 0, 3),
        ],
    ),
    (
        Area::Socialpsykiatri,
        2019,
        &[
            (KB, 5, 0, 10),
            (SI, 3, 0, 4),
            (HS, 4, 0, 4),
            (TS, 0, 0, 2),
            (T, 2, 0, 3),
        ],
    ),
    (
        Area::Socialpsykiatri,
        2018,
        &[
            (KB, 4, 0, 11),
            (SI, 3, 0, 4),
            (HS, 4, 0, 4),
            (TS, 0, 0, 2),
            (T, 2, 0, 3),
        ],
    ),
];

/// Indicators the seed's 2020 text says Tyresö lacks ("saknar … en samlad
/// kompetensutvecklingsplan", "ingen uppsökande verksamhet för akut bostadslösa", "erbjuder inte
/// heller stödsamtal till våldsutövare", "bostad först", "saknade … en öppen verksamhet samt
/// uppsökande verksamhet" …): Tyresö answers them Nej in 2020, within the counts above.
pub const TYRESO_NEJ_2020: &[(Area, &str)] = &[
    (Area::EkonomisktBistand, KOMPETENSPLAN),
    (Area::EkonomisktBistand, UPPFOLJNING_RESULTAT),
    (
        Area::EkonomisktBistand,
        "Uppsökande verksamhet för akut hemlösa",
    ),
    (Area::Missbruk, KOMPETENSPLAN),
    (Area::Missbruk, UPPFOLJNING_RESULTAT),
    (Area::BarnOchUnga, KOMPETENSPLAN),
    (Area::BarnOchUnga, UPPFOLJNING_RESULTAT),
    (Area::ValdINaraRelationer, KOMPETENSPLAN),
    (
        Area::ValdINaraRelationer,
        "Erbjuder stödsamtal till våldsutövare",
    ),
    (Area::Hemloshet, KOMPETENSPLAN),
    (Area::Hemloshet, "Erbjuder Bostad först"),
    (
        Area::Hemloshet,
        "Genomfört kartläggning av personer i hemlöshet",
    ),
    (Area::Hemloshet, "Uppsökande verksamhet för akut hemlösa"),
    (Area::Socialpsykiatri, KOMPETENSPLAN),
    (Area::Socialpsykiatri, UPPFOLJNING_RESULTAT),
    (Area::Socialpsykiatri, "Öppen verksamhet (träffpunkt)"),
    (Area::Socialpsykiatri, "Uppsökande verksamhet"),
];

const KOMPETENSPLAN: &str = "Aktuell samlad plan för handläggarnas kompetensutveckling";
const UPPFOLJNING_RESULTAT: &str =
    "Använt resultat från systematisk uppföljning till verksamhetsutveckling";

/// The six areas of seed 000 for 2018, 2019 and 2020 (ordered by area, then year), with
/// Tyresö's answers as in [`TYRESO_ANSWERS`].
pub fn tyreso_series() -> Vec<TableSpec> {
    let mut series: Vec<TableSpec> = TYRESO_ANSWERS
        .iter()
        .map(|(area, year, answers)| tyreso_table(*area, *year, answers))
        .collect();
    series.sort_by_key(|s| (Area::ALL.iter().position(|a| *a == s.area), s.year));
    series
}

/// One table of the series: the ordinary random table with Tyresö's answers set.
pub fn tyreso_table(area: Area, year: u16, answers: &[QualityAnswers]) -> TableSpec {
    let mut spec = answered_table(area, year, TYRESO_SEED, &OjOptions::default());
    let catalogue = catalogue_for(area, year);
    set_answers(&mut spec, &catalogue, area, year, answers);
    recompute_aggregates(&mut spec);
    spec
}

fn set_answers(
    spec: &mut TableSpec,
    catalogue: &[Entry],
    area: Area,
    year: u16,
    answers: &[QualityAnswers],
) {
    let Some(row) = spec
        .rows
        .iter_mut()
        .find(|r| r.code.as_deref() == Some(TYRESO))
    else {
        return;
    };
    let year_text = year.to_string();
    let mut rng = Rng::new(mix(&["tyreso", area.key(), &year_text]));
    for quality in QualityArea::ALL {
        // The categorical columns of this quality area, in a deterministic shuffled order.
        let mut columns: Vec<usize> = catalogue
            .iter()
            .enumerate()
            .filter(|(_, e)| e.spec.is_categorical() && e.spec.quality_area() == Some(quality))
            .map(|(i, _)| i)
            .collect();
        for i in (1..columns.len()).rev() {
            columns.swap(i, rng.below(i + 1));
        }
        let (ja, delvis, nej) = answers
            .iter()
            .find(|(q, ..)| *q == quality)
            .map(|(_, ja, delvis, nej)| (*ja, *delvis, *nej))
            .unwrap_or((0, 0, 0));
        // What the seed's text says Tyresö lacks in 2020 is answered Nej.
        let name_of = |i: &usize| catalogue.get(*i).map(|e| e.spec.name.as_str());
        let forced: Vec<usize> = if year == 2020 {
            columns
                .iter()
                .copied()
                .filter(|i| {
                    TYRESO_NEJ_2020
                        .iter()
                        .any(|(a, n)| *a == area && name_of(i) == Some(*n))
                })
                .take(nej as usize)
                .collect()
        } else {
            Vec::new()
        };
        for column in &forced {
            if let Some(cell) = row.cells.get_mut(*column) {
                *cell = CellSpec::Text("Nej".into());
            }
        }
        columns.retain(|i| !forced.contains(i));
        // Delvis goes to indicators that allow it first.
        columns.sort_by_key(|i| !catalogue.get(*i).is_some_and(|e| e.delvis && delvis > 0));
        let mut plan: Vec<&str> = Vec::new();
        plan.extend(std::iter::repeat_n("Delvis", delvis as usize));
        let mut rest: Vec<&str> = Vec::new();
        rest.extend(std::iter::repeat_n("Ja", ja as usize));
        rest.extend(std::iter::repeat_n(
            "Nej",
            (nej as usize).saturating_sub(forced.len()),
        ));
        for i in (1..rest.len()).rev() {
            rest.swap(i, rng.below(i + 1));
        }
        plan.extend(rest);
        for (k, column) in columns.iter().enumerate() {
            let text = match plan.get(k) {
                Some(t) => (*t).to_owned(),
                None if k % 3 == 2 => "Kan inte svara".to_owned(),
                None => "Ej aktuellt".to_owned(),
            };
            if let Some(cell) = row.cells.get_mut(*column) {
                *cell = CellSpec::Text(text);
            }
        }
    }
    // One answer typed carelessly, as real files have them: ingest must still read it as Ja.
    if area == Area::EkonomisktBistand && year == 2020 {
        if let Some(cell) = row.cells.iter_mut().find(|c| c.text() == Some("Ja")) {
            *cell = CellSpec::Text("ja ".into());
        }
    }
}
