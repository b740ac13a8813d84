//! Realistic, fictitious ÖJ tables: indicator catalogues per area and year, and deterministic
//! pseudo-random answers for every kommun and stadsdel with aggregate rows consistent with them.
//!
//! The indicator names, quality areas and indicator areas are modelled on Socialstyrelsen's guide
//! to the 2017 ekonomiskt bistånd workbook (seed 002) and the Tyresö report (seed 000). The
//! answers are invented. Between years the catalogue changes a little, as the real ones do:
//! one indicator is dropped after [`CHANGE_YEAR`] − 1, one is added from [`CHANGE_YEAR`], and
//! one keeps its code but is renamed from [`CHANGE_YEAR`].

use crate::model::{Area, Direction, IndicatorKind, QualityArea, UnitKind};
use crate::reference::{Reference, STORSTADER};

use super::spec::{
    aggregate_cell, CellSpec, IndicatorSpec, OutcomeCounts, RowSpec, TableSpec, ATTR_KOMMUNGRUPP,
    ATTR_LAN,
};

/// The year the catalogues change (one added, one dropped, one renamed).
pub const CHANGE_YEAR: u16 = 2020;

/// Which units a generated table holds.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OjOptions {
    /// Kommunkoder to include (in reference order); `None` = all 290. Län rows are written for
    /// the län that have a kommun in the selection; riket always.
    pub kommuner: Option<Vec<String>>,
    /// Leave out the odd spellings ("ja ", "JA", NBSP) so every text is canonical.
    pub canonical_text_only: bool,
}

/// A realistic ÖJ table of `area` for `year`: every kommun, the stadsdelar of the cities that
/// reported by district that year, the cities, the 21 län and riket.
pub fn oj_table(area: Area, year: u16, seed: u64) -> TableSpec {
    oj_table_with(area, year, seed, &OjOptions::default())
}

/// [`oj_table`] over a chosen set of units (see [`OjOptions`]).
pub fn oj_table_with(area: Area, year: u16, seed: u64, options: &OjOptions) -> TableSpec {
    let mut spec = answered_table(area, year, seed, options);
    recompute_aggregates(&mut spec);
    spec
}

/// The table with every answering row filled in and the aggregate rows still empty.
pub(crate) fn answered_table(area: Area, year: u16, seed: u64, options: &OjOptions) -> TableSpec {
    let catalogue = catalogue_for(area, year);
    let indicators: Vec<IndicatorSpec> = catalogue.iter().map(|e| e.spec.clone()).collect();
    let area_label = area_label(area).to_owned();
    let mut spec = TableSpec {
        area,
        area_label: area_label.clone(),
        year,
        title: format!("Öppna jämförelser {year} – {area_label} (FIKTIVA EXEMPELDATA)"),
        indicators,
        rows: unit_rows(year, options),
    };
    for row in spec.rows.iter_mut() {
        row.cells = if row.is_answering() {
            answers(
                area,
                year,
                seed,
                row,
                &catalogue,
                !options.canonical_text_only,
            )
        } else {
            vec![CellSpec::Empty; catalogue.len()]
        };
    }
    spec
}

/// Rewrites every aggregate row (storstad, län, riket) from the answering rows beneath it:
/// categorical cells by [`TableSpec::recomputed_share`], numeric cells as the mean of the
/// members' numbers rounded to one decimal (`..` when none has a number).
pub fn recompute_aggregates(spec: &mut TableSpec) {
    let mut new_cells = Vec::new();
    for (row_idx, row) in spec.rows.iter().enumerate() {
        if row.is_answering() || !row.kind.is_aggregate() {
            continue;
        }
        let members = spec.members_of(row);
        let cells = spec
            .indicators
            .iter()
            .enumerate()
            .map(|(col, indicator)| {
                if indicator.is_categorical() {
                    let mut counts = OutcomeCounts::default();
                    for m in &members {
                        counts.add(m.cells.get(col).and_then(CellSpec::outcome));
                    }
                    aggregate_cell(&counts)
                } else {
                    let numbers: Vec<f64> = members
                        .iter()
                        .filter_map(|m| match m.cells.get(col) {
                            Some(CellSpec::Number(n)) => Some(*n),
                            _ => None,
                        })
                        .collect();
                    if numbers.is_empty() {
                        CellSpec::Text("..".into())
                    } else {
                        let mean = numbers.iter().sum::<f64>() / numbers.len() as f64;
                        CellSpec::Number((mean * 10.0).round() / 10.0)
                    }
                }
            })
            .collect();
        new_cells.push((row_idx, cells));
    }
    for (row_idx, cells) in new_cells {
        if let Some(row) = spec.rows.get_mut(row_idx) {
            row.cells = cells;
        }
    }
}

/// The area's name as the generated files write it (sometimes not the canonical one, so that
/// area detection is exercised).
pub fn area_label(area: Area) -> &'static str {
    match area {
        Area::Missbruk => "Missbruks- och beroendevården",
        Area::Socialpsykiatri => {
            "Stöd till personer med psykisk funktionsnedsättning – socialpsykiatri"
        }
        other => other.name(),
    }
}

/// A short name for sheet names and file names (at most 31 characters).
pub fn area_short(area: Area) -> &'static str {
    match area {
        Area::EkonomisktBistand => "Ekonomiskt bistånd",
        Area::Missbruk => "Missbruk",
        Area::BarnOchUnga => "Barn och unga",
        Area::ValdINaraRelationer => "Våld i nära relationer",
        Area::Hemloshet => "Hemlöshet",
        Area::Lss => "LSS",
        Area::Socialpsykiatri => "Socialpsykiatri",
        Area::Aldreomsorg => "Äldreomsorg",
        Area::Krisberedskap => "Krisberedskap",
        Area::Familjeratt => "Familjerätt",
    }
}

/// The indicators of `area` in `year`, in column order.
pub fn indicators_for(area: Area, year: u16) -> Vec<IndicatorSpec> {
    catalogue_for(area, year)
        .into_iter()
        .map(|e| e.spec)
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Catalogues

/// One indicator of a year's catalogue with what the generator needs to answer it.
#[derive(Clone, Debug)]
pub(crate) struct Entry {
    pub spec: IndicatorSpec,
    /// Whether "Delvis" is an allowed answer.
    pub delvis: bool,
    /// Range and decimals of a numeric indicator's values.
    pub range: (f64, f64, i32),
}

struct Group {
    quality: QualityArea,
    indicator_area: &'static str,
    delvis: bool,
    names: Vec<String>,
}

fn g(quality: QualityArea, indicator_area: &'static str, names: &[&str]) -> Group {
    Group {
        quality,
        indicator_area,
        delvis: false,
        names: names.iter().map(|s| (*s).to_owned()).collect(),
    }
}

fn gd(quality: QualityArea, indicator_area: &'static str, names: &[&str]) -> Group {
    Group {
        delvis: true,
        ..g(quality, indicator_area, names)
    }
}

struct Numeric {
    quality: QualityArea,
    indicator_area: &'static str,
    name: &'static str,
    direction: Direction,
    measure: &'static str,
    range: (f64, f64, i32),
}

/// A whole area's catalogue: groups per quality area, the year changes, numeric indicators.
struct AreaCatalogue {
    prefix: &'static str,
    groups: Vec<Group>,
    /// (quality area, indicator area, name) of the indicator present only before CHANGE_YEAR.
    dropped: (QualityArea, &'static str, &'static str),
    /// … and of the one present only from CHANGE_YEAR.
    added: (QualityArea, &'static str, &'static str),
    /// (old name, new name) of the renamed indicator; the new name is in `groups`.
    renamed: (&'static str, &'static str),
    numeric: Vec<Numeric>,
}

use QualityArea::{
    Effektivitet as EFF, Helhetssyn as HS, Kunskapsbaserad as KB, Sjalvbestammande as SI,
    Tillganglighet as T, TrygghetSakerhet as TS,
};

const KOMPETENS: &str = "Personalens kompetensutveckling";
const KOMPETENSPLAN: &str = "Aktuell samlad plan för handläggarnas kompetensutveckling";
const UPPFOLJNING: &str = "Systematisk uppföljning för att utveckla verksamheten";
const UPPFOLJNING_NAMES: [&str; 3] = [
    "Använt resultat från systematisk uppföljning till verksamhetsutveckling",
    "Genomfört systematisk uppföljning med ett könsperspektiv",
    "Använt resultat uppdelat på kön till verksamhetsutveckling",
];
const BEDOMNING: &str = "Standardiserade bedömningsmetoder";
const EXTERN: &str = "Extern samverkan i enskilda ärenden";
const INTERN: &str = "Intern samordning i enskilda ärenden";
const SIP_AREA: &str = "Samordnad individuell plan";
const SIP_OLD: &str = "Aktuell rutin för information om SIP";
const SIP_NEW: &str = "Aktuell rutin för information om samordnad individuell plan (SIP)";
const SKYDDADE: &str = "Personalens hantering vid skyddade personuppgifter";
const SKYDDADE_NAME: &str = "Aktuell rutin för att inte röja skyddade personuppgifter";
const VALD: &str = "Personalens agerande vid indikation på våld";
const VALD_VUXEN: &str = "Aktuell rutin vid indikation på att en vuxen utsatts för våld";
const BRUKAR: &str = "Brukarinflytande";

fn area_catalogue(area: Area) -> AreaCatalogue {
    match area {
        Area::EkonomisktBistand => AreaCatalogue {
            prefix: "E",
            groups: vec![
                g(KB, KOMPETENS, &[KOMPETENSPLAN]),
                gd(KB, UPPFOLJNING, &UPPFOLJNING_NAMES),
                g(KB, BEDOMNING, &[
                    "Använder minst en bedömningsmetod",
                    "Använder FREDA-kortfrågor för att upptäcka våldsutsatthet",
                    "Använder AUDIT för att upptäcka riskfylld alkoholkonsumtion",
                    "Använder DUDIT för att upptäcka drogrelaterade problem",
                ]),
                gd(KB, "Strukturerad utredningsmall", &["Använder strukturerad utredningsmall i alla utredningar"]),
                g(KB, VALD, &[VALD_VUXEN]),
                gd(SI, "Upprättade genomförandeplaner", &[
                    "Genomförandeplan har upprättats tillsammans med samtliga enskilda inom tre månader",
                    "Genomförandeplanen har undertecknats av samtliga enskilda",
                    "Genomförandeplanen har följts upp minst var tredje månad för alla",
                ]),
                gd(SI, BRUKAR, &[
                    "Skriftlig information om rätten att överklaga ges vid avslag",
                    "Den enskilde får ta del av sin dokumentation på begäran",
                ]),
                g(HS, INTERN, &[
                    "Aktuell rutin för samordning mellan Missbruk och Ekonomiskt bistånd",
                    "Aktuell rutin för samordning mellan Socialpsykiatri och Ekonomiskt bistånd",
                    "Aktuell rutin för samordning mellan Barn och unga och Ekonomiskt bistånd",
                    "Aktuell rutin för samordning mellan LSS och Ekonomiskt bistånd",
                    "Aktuell rutin för samordning mellan kommunala arbetsmarknadsinsatser och Ekonomiskt bistånd",
                ]),
                g(HS, EXTERN, &[
                    "Aktuell överenskommelse om samverkan med Arbetsförmedlingen",
                    "Aktuell överenskommelse om samverkan med Försäkringskassan",
                    "Aktuell överenskommelse om samverkan med primärvården",
                    "Aktuell överenskommelse om samverkan med vuxenpsykiatrin",
                    "Aktuell överenskommelse om samverkan med bostadsföretag och hyresvärdar",
                    "Aktuell överenskommelse om samverkan med Kriminalvården",
                ]),
                g(HS, SIP_AREA, &[SIP_NEW]),
                g(TS, "Personalens agerande för att förebygga vräkning", &[
                    "Aktuell rutin för att förhindra att barnfamiljer vräks",
                    "Uppsökande verksamhet för de som riskerar att förlora sitt boende",
                ]),
                gd(TS, "Juridisk kompetens", &[
                    "Har tillgång till juridiskt stöd",
                    "Alla handläggare får kontinuerlig information om nya rättsfall",
                ]),
                g(TS, SKYDDADE, &[SKYDDADE_NAME]),
                g(TS, "Uppsökande verksamhet", &["Uppsökande verksamhet för akut hemlösa"]),
                g(T, "Väntetid för personligt besök", &["Väntetid för nybesök högst 14 dagar"]),
                gd(T, "Arbetsmarknadsinsatser", &[
                    "Erbjuder minst en kommunal arbetsmarknadsinsats till alla personer 18–24 år inom en månad",
                    "Erbjuder minst en kommunal arbetsmarknadsinsats till alla personer över 24 år",
                ]),
                g(T, "Rådgivning", &["Erbjuder enklare hushållsekonomisk rådgivning"]),
                g(T, "Tillgänglighet utanför kontorstid", &["Socialjour"]),
            ],
            dropped: (KB, BEDOMNING, "Använder strukturerad bedömning av arbetsförmåga"),
            added: (KB, UPPFOLJNING, "Genomfört brukarundersökning under året"),
            renamed: (SIP_OLD, SIP_NEW),
            numeric: vec![
                Numeric {
                    quality: T,
                    indicator_area: "Väntetid för personligt besök",
                    name: "Genomsnittlig väntetid till nybesök, dagar",
                    direction: Direction::LowerIsBetter,
                    measure: "dagar",
                    range: (3.0, 28.0, 0),
                },
                Numeric {
                    quality: EFF,
                    indicator_area: "Långvarigt ekonomiskt bistånd",
                    name: "Andel biståndsmottagare med långvarigt ekonomiskt bistånd, procent",
                    direction: Direction::LowerIsBetter,
                    measure: "procent",
                    range: (15.0, 55.0, 1),
                },
            ],
        },
        Area::Missbruk => AreaCatalogue {
            prefix: "M",
            groups: vec![
                g(KB, KOMPETENS, &[KOMPETENSPLAN]),
                gd(KB, UPPFOLJNING, &UPPFOLJNING_NAMES),
                g(KB, BEDOMNING, &[
                    "Använder ASI vid utredning",
                    "Använder AUDIT för att upptäcka riskfylld alkoholkonsumtion",
                    "Använder DUDIT för att upptäcka drogrelaterade problem",
                    "Använder FREDA-kortfrågor för att upptäcka våldsutsatthet",
                    "Använder ADDIS vid utredning",
                ]),
                gd(KB, "Insatser enligt nationella riktlinjer", &[
                    "Erbjuder återfallsprevention",
                    "Erbjuder motiverande samtal (MI)",
                    "Erbjuder kognitiv beteendeterapi (KBT)",
                    "Erbjuder Community Reinforcement Approach (CRA)",
                    "Erbjuder psykosocial behandling vid opioidberoende",
                    "Erbjuder case management",
                ]),
                g(KB, VALD, &[VALD_VUXEN]),
                g(SI, BRUKAR, &[
                    "Genomfört brukarundersökning",
                    "Använt brukarundersökning för verksamhetsutveckling",
                    "Genomfört en brukarstyrd brukarrevision",
                    "Använt brukarstyrd brukarrevision för verksamhetsutveckling",
                ]),
                g(HS, EXTERN, &[
                    "Aktuell överenskommelse om samverkan med regionen om missbruk och beroende",
                    "Aktuell överenskommelse om samverkan med Kriminalvården",
                    "Aktuell överenskommelse om samverkan med Arbetsförmedlingen",
                    "Aktuell överenskommelse om samverkan med Försäkringskassan",
                ]),
                g(HS, INTERN, &[
                    "Aktuell rutin för samordning mellan Missbruk och Ekonomiskt bistånd",
                    "Aktuell rutin för samordning mellan Missbruk och Socialpsykiatri",
                ]),
                g(HS, SIP_AREA, &[SIP_NEW]),
                g(TS, SKYDDADE, &[SKYDDADE_NAME]),
                g(TS, "Hot och våld", &["Aktuell rutin för hantering av hot och våld"]),
                g(T, "Tillgänglighet", &["Öppen mottagning utan tidsbokning"]),
            ],
            dropped: (KB, "Insatser enligt nationella riktlinjer", "Erbjuder tolvstegsbehandling"),
            added: (KB, "Insatser enligt nationella riktlinjer", "Erbjuder läkemedelsassisterad behandling i samverkan med regionen"),
            renamed: (SIP_OLD, SIP_NEW),
            numeric: vec![Numeric {
                quality: EFF,
                indicator_area: "Återaktualisering",
                name: "Andel vuxna som återaktualiserats inom ett år, procent",
                direction: Direction::LowerIsBetter,
                measure: "procent",
                range: (5.0, 40.0, 1),
            }],
        },
        Area::BarnOchUnga => AreaCatalogue {
            prefix: "B",
            groups: vec![
                g(KB, KOMPETENS, &[KOMPETENSPLAN]),
                gd(KB, UPPFOLJNING, &UPPFOLJNING_NAMES),
                g(KB, BEDOMNING, &[
                    "Använder BBIC i alla utredningar",
                    "Använder ADAD vid utredning",
                    "Använder SDQ vid utredning",
                    "Använder FREDA-kortfrågor för att upptäcka våldsutsatthet",
                    "Använder SAVRY vid utredning",
                    "Använder Structured Decision Making (SDM)",
                ]),
                gd(KB, "Insatser", &[
                    "Erbjuder föräldrastödsprogram",
                    "Erbjuder multisystemisk terapi (MST)",
                    "Erbjuder funktionell familjeterapi (FFT)",
                    "Erbjuder stöd till barn i familjer med missbruk",
                    "Erbjuder stöd till barn som bevittnat våld",
                    "Erbjuder kontaktperson eller kontaktfamilj inom en månad",
                ]),
                gd(KB, "Familjehemsvård", &[
                    "Aktuell rutin för utbildning av familjehem",
                    "Familjehem erbjuds regelbunden handledning",
                    "Aktuell rutin för enskilda samtal med placerade barn",
                    "Placerade barn har en utsedd socialsekreterare",
                    "Aktuell rutin för uppföljning av placerade barns hälsa",
                    "Aktuell rutin för uppföljning av placerade barns skolgång",
                ]),
                g(KB, VALD, &[
                    "Aktuell rutin vid indikation på att ett barn utsatts för våld",
                    "Aktuell rutin vid misstanke om hedersrelaterat våld",
                ]),
                g(SI, "Barns delaktighet", &[
                    "Barnet informeras om utredningen",
                    "Barnet samtalas med enskilt i utredningen",
                    "Genomfört uppföljning av barns upplevelse av insatsen",
                    "Barn och unga erbjuds att ta del av sin dokumentation",
                ]),
                g(HS, EXTERN, &[
                    "Aktuell överenskommelse om samverkan med barn- och ungdomspsykiatrin",
                    "Aktuell överenskommelse om samverkan med barn- och ungdomsmedicin",
                    "Aktuell överenskommelse om samverkan med barn- och ungdomshabilitering",
                    "Aktuell överenskommelse om samverkan med elevhälsan",
                    "Aktuell överenskommelse om samverkan med förskolan",
                    "Aktuell överenskommelse om samverkan med grundskolan",
                    "Aktuell överenskommelse om samverkan med gymnasieskolan",
                    "Aktuell överenskommelse om samverkan med polisen",
                    "Aktuell överenskommelse om samverkan med primärvården",
                    "Aktuell överenskommelse om samverkan med mödra- och barnhälsovården",
                    "Aktuell överenskommelse om samverkan med Statens institutionsstyrelse",
                    "Aktuell överenskommelse om samverkan med tandvården",
                ]),
                g(HS, INTERN, &[
                    "Aktuell rutin för samordning mellan Barn och unga och Missbruk",
                    "Aktuell rutin för samordning mellan Barn och unga och Ekonomiskt bistånd",
                    "Aktuell rutin för samordning mellan Barn och unga och LSS",
                ]),
                g(HS, SIP_AREA, &[SIP_NEW]),
                g(TS, SKYDDADE, &[SKYDDADE_NAME]),
                g(TS, "Anmälningar", &["Aktuell rutin för att hantera anmälningar om barn som far illa"]),
                g(T, "Tillgänglighet utanför kontorstid", &["Socialjour"]),
            ],
            dropped: (KB, "Insatser", "Erbjuder stöd i föräldraskap"),
            added: (KB, BEDOMNING, "Använder Barnahus vid utredning av våld mot barn"),
            renamed: (SIP_OLD, SIP_NEW),
            numeric: vec![
                Numeric {
                    quality: TS,
                    indicator_area: "Utredningstid",
                    name: "Genomsnittlig utredningstid, dagar",
                    direction: Direction::LowerIsBetter,
                    measure: "dagar",
                    range: (60.0, 140.0, 0),
                },
                Numeric {
                    quality: EFF,
                    indicator_area: "Återaktualisering",
                    name: "Andel barn och unga som återaktualiserats inom ett år, procent",
                    direction: Direction::LowerIsBetter,
                    measure: "procent",
                    range: (8.0, 35.0, 1),
                },
            ],
        },
        Area::ValdINaraRelationer => AreaCatalogue {
            prefix: "V",
            groups: vec![
                g(KB, KOMPETENS, &[KOMPETENSPLAN]),
                gd(KB, UPPFOLJNING, &UPPFOLJNING_NAMES),
                g(KB, BEDOMNING, &[
                    "Använder FREDA-kortfrågor",
                    "Använder FREDA-beskrivning",
                    "Använder FREDA-farlighetsbedömning",
                    "Använder PATRIARK vid hedersrelaterat våld",
                    "Använder SARA:SV vid riskbedömning",
                ]),
                g(KB, "Stödsamtal", &[
                    "Erbjuder stödsamtal till kvinnor som utsatts för våld",
                    "Erbjuder stödsamtal till män som utsatts för våld",
                    "Erbjuder stödsamtal till barn som bevittnat våld",
                    "Erbjuder stödsamtal till barn som utsatts för våld",
                    "Erbjuder stödsamtal till hbtq-personer som utsatts för våld",
                    "Erbjuder stödsamtal till personer med funktionsnedsättning som utsatts för våld",
                    "Erbjuder stödsamtal till våldsutövare",
                ]),
                g(KB, "Skyddat boende", &[
                    "Erbjuder skyddat boende till kvinnor",
                    "Erbjuder skyddat boende till män",
                    "Erbjuder skyddat boende till kvinnor med missbruk",
                    "Erbjuder skyddat boende till personer med funktionsnedsättning",
                    "Erbjuder skyddat boende till hbtq-personer",
                    "Erbjuder skyddat boende till medföljande barn",
                ]),
                g(KB, "Kartläggning", &[
                    "Genomfört kartläggning av våld mot vuxna",
                    "Genomfört kartläggning av hedersrelaterat våld och förtryck",
                ]),
                g(KB, VALD, &[
                    VALD_VUXEN,
                    "Aktuell rutin vid misstanke om hedersrelaterat våld",
                    "Aktuell rutin för barn som bevittnat våld",
                    "Aktuell rutin för stöd till våldsutövare",
                    "Aktuell rutin för ekonomiskt bistånd vid flytt från våldsutövare",
                    "Aktuell rutin för att fråga om våldsutsatthet",
                ]),
                g(SI, BRUKAR, &[
                    "Genomfört brukarundersökning",
                    "Använt brukarundersökningen för verksamhetsutveckling",
                    "Information om stöd finns på lättläst svenska",
                    "Information om stöd finns på andra språk",
                ]),
                g(HS, EXTERN, &[
                    "Aktuell överenskommelse om samverkan med polisen",
                    "Aktuell överenskommelse om samverkan med primärvården",
                    "Aktuell överenskommelse om samverkan med kvinnojour",
                    "Aktuell överenskommelse om samverkan med vuxenpsykiatrin",
                    "Aktuell överenskommelse om samverkan med Kriminalvården",
                ]),
                g(HS, INTERN, &["Aktuell rutin för samordning mellan Missbruk och Våld i nära relationer"]),
                g(HS, SIP_AREA, &[SIP_NEW]),
                g(TS, SKYDDADE, &[SKYDDADE_NAME]),
                g(TS, "Riskbedömning och säkerhet", &[
                    "Aktuell rutin för riskbedömning",
                    "Aktuell rutin för säkerhetsplanering",
                    "Aktuell rutin vid kontakt med våldsutövare",
                ]),
                g(T, "Information", &["Information om stöd på kommunens webbplats"]),
            ],
            dropped: (KB, "Stödsamtal", "Erbjuder stödsamtal med biståndsbeslut till kvinnor som utövat våld"),
            added: (KB, "Skyddat boende", "Erbjuder skyddat boende till unga vuxna"),
            renamed: (SIP_OLD, SIP_NEW),
            numeric: vec![Numeric {
                quality: T,
                indicator_area: "Information",
                name: "Genomsnittlig tid till första stödsamtal, dagar",
                direction: Direction::LowerIsBetter,
                measure: "dagar",
                range: (1.0, 21.0, 0),
            }],
        },
        Area::Hemloshet => AreaCatalogue {
            prefix: "H",
            groups: vec![
                g(KB, BEDOMNING, &["Använder standardiserad bedömningsmetod vid utredning av boendebehov"]),
                g(KB, "Kartläggning", &["Genomfört kartläggning av personer i hemlöshet"]),
                g(KB, KOMPETENS, &[KOMPETENSPLAN]),
                g(KB, "Boendeinsatser", &[
                    "Erbjuder Bostad först",
                    "Erbjuder träningslägenheter med stöd",
                    "Erbjuder boendestöd",
                ]),
                gd(KB, UPPFOLJNING, &["Använt resultat från systematisk uppföljning till verksamhetsutveckling"]),
                g(HS, EXTERN, &[
                    "Aktuell överenskommelse om samverkan med bostadsföretag och hyresvärdar",
                    "Aktuell överenskommelse om samverkan med Kronofogden",
                    "Aktuell överenskommelse om samverkan med vuxenpsykiatrin",
                ]),
                g(HS, INTERN, &["Aktuell rutin för samordning mellan Ekonomiskt bistånd och Missbruk"]),
                g(HS, SIP_AREA, &[SIP_NEW]),
                g(TS, "Personalens agerande för att förebygga vräkning", &[
                    "Aktuell rutin för att förhindra att barnfamiljer vräks",
                    "Aktuell rutin för att förhindra vräkning",
                ]),
                g(TS, SKYDDADE, &[SKYDDADE_NAME]),
                g(T, "Tillgänglighet", &[
                    "Uppsökande verksamhet för akut hemlösa",
                    "Erbjuder akut boende samma dag",
                    "Erbjuder hyresrådgivning",
                    "Tillgång till härbärge under hela året",
                    "Socialjour",
                ]),
            ],
            dropped: (KB, "Boendeinsatser", "Erbjuder boende med särskilt stöd (trappstegsmodell)"),
            added: (KB, "Boendeinsatser", "Erbjuder bostad med förstahandskontrakt efter utslussning"),
            renamed: (SIP_OLD, SIP_NEW),
            numeric: vec![Numeric {
                quality: EFF,
                indicator_area: "Vräkningar",
                name: "Antal verkställda vräkningar per 100 000 invånare",
                direction: Direction::LowerIsBetter,
                measure: "per 100 000 invånare",
                range: (0.0, 40.0, 1),
            }],
        },
        Area::Socialpsykiatri => AreaCatalogue {
            prefix: "S",
            groups: vec![
                g(KB, KOMPETENS, &[KOMPETENSPLAN]),
                gd(KB, UPPFOLJNING, &UPPFOLJNING_NAMES),
                g(KB, BEDOMNING, &[
                    "Använder standardiserad bedömningsmetod för att bedöma behov",
                    "Använder AUDIT för att upptäcka riskfylld alkoholkonsumtion",
                    "Använder DUDIT för att upptäcka drogrelaterade problem",
                    "Använder FREDA-kortfrågor för att upptäcka våldsutsatthet",
                ]),
                gd(KB, "Insatser enligt nationella riktlinjer", &[
                    "Erbjuder case management enligt ACT",
                    "Erbjuder Individual Placement and Support (IPS)",
                    "Erbjuder boendestöd",
                    "Erbjuder psykopedagogiska insatser",
                    "Erbjuder sysselsättning",
                    "Erbjuder stöd till anhöriga",
                ]),
                g(KB, VALD, &[VALD_VUXEN]),
                gd(SI, BRUKAR, &[
                    "Genomfört en brukarstyrd brukarrevision",
                    "Använt brukarstyrd brukarrevision för verksamhetsutveckling",
                    "Genomfört brukarundersökning",
                    "Erbjuder personligt ombud",
                    "Använder metod för brukarmedverkan",
                    "Genomförandeplan upprättas tillsammans med den enskilde",
                    "Genomförandeplanen följs upp minst var sjätte månad",
                ]),
                g(HS, EXTERN, &[
                    "Aktuell överenskommelse om samverkan med vuxenpsykiatrin",
                    "Aktuell överenskommelse om samverkan med primärvården",
                    "Aktuell överenskommelse om samverkan med Arbetsförmedlingen",
                    "Aktuell överenskommelse om samverkan med Försäkringskassan",
                    "Aktuell överenskommelse om samverkan med kommunala arbetsmarknadsinsatser",
                ]),
                g(HS, INTERN, &[
                    "Aktuell rutin för samordning mellan Socialpsykiatri och Missbruk",
                    "Aktuell rutin för samordning mellan Socialpsykiatri och Ekonomiskt bistånd",
                    "Aktuell rutin för samordning mellan Socialpsykiatri och Äldreomsorg",
                    "Aktuell rutin för samordning mellan Socialpsykiatri och LSS",
                ]),
                g(HS, SIP_AREA, &[SIP_NEW]),
                g(TS, SKYDDADE, &[SKYDDADE_NAME]),
                g(TS, "Hot och våld", &["Aktuell rutin för hantering av hot och våld"]),
                g(T, "Tillgänglighet", &[
                    "Öppen verksamhet (träffpunkt)",
                    "Uppsökande verksamhet",
                    "Information om insatser på kommunens webbplats",
                    "Erbjuder stöd utan biståndsbeslut",
                    "Socialjour",
                ]),
            ],
            dropped: (KB, "Insatser enligt nationella riktlinjer", "Erbjuder strukturerad individuell sysselsättning"),
            added: (KB, "Insatser enligt nationella riktlinjer", "Erbjuder peer support"),
            renamed: (SIP_OLD, SIP_NEW),
            numeric: vec![],
        },
        Area::Lss
        | Area::Aldreomsorg
        | Area::Krisberedskap
        | Area::Familjeratt => generic_catalogue(area),
    }
}

fn generic_catalogue(area: Area) -> AreaCatalogue {
    let (prefix, special): (&'static str, [&'static str; 2]) = match area {
        Area::Lss => (
            "L",
            [
                "Använder metod för alternativ och kompletterande kommunikation",
                "Erbjuder daglig verksamhet med individuell plan",
            ],
        ),
        Area::Aldreomsorg => (
            "A",
            [
                "Använder standardiserad bedömning av fallrisk",
                "Erbjuder dagverksamhet för personer med demenssjukdom",
            ],
        ),
        Area::Krisberedskap => (
            "K",
            [
                "Aktuell plan för krisberedskap",
                "Genomfört övning i krisberedskap under året",
            ],
        ),
        _ => (
            "F",
            [
                "Använder strukturerad metod för samarbetssamtal",
                "Erbjuder informationssamtal inom en månad",
            ],
        ),
    };
    AreaCatalogue {
        prefix,
        groups: vec![
            g(KB, KOMPETENS, &[KOMPETENSPLAN]),
            gd(KB, UPPFOLJNING, &UPPFOLJNING_NAMES),
            g(KB, "Metoder och insatser", &special),
            g(KB, VALD, &[VALD_VUXEN]),
            gd(
                SI,
                "Upprättade genomförandeplaner",
                &[
                    "Genomförandeplan upprättas tillsammans med den enskilde",
                    "Genomförandeplanen följs upp minst en gång per år",
                    "Den enskilde har fått information om sina insatser",
                ],
            ),
            g(
                HS,
                EXTERN,
                &[
                    "Aktuell överenskommelse om samverkan med regionen",
                    "Aktuell överenskommelse om samverkan med primärvården",
                    "Aktuell överenskommelse om samverkan med Försäkringskassan",
                ],
            ),
            g(HS, SIP_AREA, &[SIP_NEW]),
            g(TS, SKYDDADE, &[SKYDDADE_NAME]),
            g(
                TS,
                "Hot och våld",
                &["Aktuell rutin för hantering av hot och våld"],
            ),
            g(TS, "Avvikelser", &["Aktuell rutin för avvikelsehantering"]),
            g(
                T,
                "Tillgänglighet",
                &["Information på kommunens webbplats", "Socialjour"],
            ),
        ],
        dropped: (KB, "Metoder och insatser", "Använder IBIC vid utredning"),
        added: (
            KB,
            "Metoder och insatser",
            "Genomfört brukarundersökning under året",
        ),
        renamed: (SIP_OLD, SIP_NEW),
        numeric: vec![Numeric {
            quality: EFF,
            indicator_area: "Kostnad",
            name: "Kostnad per invånare, kronor",
            direction: Direction::LowerIsBetter,
            measure: "kronor",
            range: (800.0, 9000.0, 0),
        }],
    }
}

fn quality_order(q: QualityArea) -> usize {
    QualityArea::ALL.iter().position(|x| *x == q).unwrap_or(0)
}

/// The catalogue of `area` in `year`, in column order (quality area, then group order).
pub(crate) fn catalogue_for(area: Area, year: u16) -> Vec<Entry> {
    let cat = area_catalogue(area);
    // (quality, sequence, entry)
    let mut entries: Vec<(usize, usize, Entry)> = Vec::new();
    let mut number = 0usize;
    let next_code = |n: &mut usize| {
        *n += 1;
        format!("{}{:02}", cat.prefix, n)
    };
    let categorical =
        |quality: QualityArea, ia: &str, name: &str, delvis: bool, code: String| Entry {
            spec: IndicatorSpec {
                name: name.to_owned(),
                code: Some(code),
                quality: quality.name().to_owned(),
                indicator_area: Some(ia.to_owned()),
                kind: IndicatorKind::Categorical,
            },
            delvis,
            range: (0.0, 0.0, 0),
        };
    let mut seq = 0usize;
    for group in &cat.groups {
        for name in &group.names {
            let code = next_code(&mut number);
            let written = if *name == cat.renamed.1 && year < CHANGE_YEAR {
                cat.renamed.0
            } else {
                name.as_str()
            };
            seq += 1;
            entries.push((
                quality_order(group.quality),
                seq,
                categorical(
                    group.quality,
                    group.indicator_area,
                    written,
                    group.delvis,
                    code,
                ),
            ));
        }
        // The year changes sit beside the other indicators of their indicator area.
        for (change, present) in [
            (cat.dropped, year < CHANGE_YEAR),
            (cat.added, year >= CHANGE_YEAR),
        ] {
            let (quality, ia, name) = change;
            if quality == group.quality && ia == group.indicator_area {
                let code = next_code(&mut number);
                seq += 1;
                if present {
                    entries.push((
                        quality_order(quality),
                        seq,
                        categorical(quality, ia, name, group.delvis, code),
                    ));
                }
            }
        }
    }
    for numeric in &cat.numeric {
        let code = next_code(&mut number);
        seq += 1;
        entries.push((
            quality_order(numeric.quality),
            seq,
            Entry {
                spec: IndicatorSpec {
                    name: numeric.name.to_owned(),
                    code: Some(code),
                    quality: numeric.quality.name().to_owned(),
                    indicator_area: Some(numeric.indicator_area.to_owned()),
                    kind: IndicatorKind::Numeric {
                        direction: Some(numeric.direction),
                        measure: Some(numeric.measure.to_owned()),
                    },
                },
                delvis: false,
                range: numeric.range,
            },
        ));
    }
    entries.sort_by_key(|(q, s, _)| (*q, *s));
    entries.into_iter().map(|(_, _, e)| e).collect()
}

// ---------------------------------------------------------------------------------------------
// Units

fn unit_rows(year: u16, options: &OjOptions) -> Vec<RowSpec> {
    let reference = Reference::get();
    let selected = |kod: &str| match &options.kommuner {
        None => true,
        Some(list) => list.iter().any(|k| k == kod),
    };
    let kommuner: Vec<_> = reference
        .kommuner
        .iter()
        .filter(|k| selected(&k.kod))
        .collect();

    let mut rows = vec![RowSpec {
        label: "Riket".into(),
        code_cell: None,
        kind: UnitKind::Riket,
        code: Some("00".into()),
        name: "Riket".into(),
        parent: None,
        attributes: Vec::new(),
        cells: Vec::new(),
    }];
    for lan in &reference.lan {
        if !kommuner.iter().any(|k| k.lanskod == lan.kod) {
            continue;
        }
        rows.push(RowSpec {
            label: lan.namn.clone(),
            code_cell: Some(lan.kod.clone()),
            kind: UnitKind::Lan,
            code: Some(lan.kod.clone()),
            name: lan.namn.clone(),
            parent: Some("00".into()),
            attributes: Vec::new(),
            cells: Vec::new(),
        });
    }
    for kommun in kommuner {
        let attributes = vec![
            (ATTR_LAN.to_owned(), kommun.lan.clone()),
            (ATTR_KOMMUNGRUPP.to_owned(), kommun.skr_2017.clone()),
        ];
        let districts: Vec<_> = if STORSTADER.contains(&kommun.kod.as_str()) {
            reference
                .stadsdelar_of(&kommun.kod)
                .filter(|s| s.fran_ar <= year && s.till_ar.is_none_or(|till| year <= till))
                .collect()
        } else {
            Vec::new()
        };
        let kind = if districts.is_empty() {
            UnitKind::Kommun
        } else {
            UnitKind::Storstad
        };
        rows.push(RowSpec {
            label: kommun.namn.clone(),
            code_cell: Some(kommun.kod.clone()),
            kind,
            code: Some(kommun.kod.clone()),
            name: kommun.namn.clone(),
            parent: Some(kommun.lanskod.clone()),
            attributes: attributes.clone(),
            cells: Vec::new(),
        });
        for district in districts {
            rows.push(RowSpec {
                label: format!("{} - {}", kommun.namn, district.namn),
                code_cell: None,
                kind: UnitKind::Stadsdel,
                code: Some(format!("{}:{}", kommun.kod, district.namn)),
                name: district.namn.clone(),
                parent: Some(kommun.kod.clone()),
                attributes: attributes.clone(),
                cells: Vec::new(),
            });
        }
    }
    rows
}

// ---------------------------------------------------------------------------------------------
// Answers

/// A small deterministic generator (splitmix64): no dependency, the same on every platform.
#[derive(Clone, Debug)]
pub(crate) struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in 0..n (0 when n is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        (self.next_u64() % n as u64) as usize
    }
}

/// A stable hash of several parts (FNV-1a over their bytes, then one splitmix round).
pub(crate) fn mix(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.bytes().chain(std::iter::once(0xff)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01B3);
        }
    }
    Rng::new(h).next_u64()
}

/// Odd spellings of an outcome as people type them.
fn odd_spelling(canonical: &str, rng: &mut Rng) -> String {
    match rng.below(4) {
        0 => format!("{} ", canonical.to_lowercase()),
        1 => canonical.to_uppercase(),
        2 => format!("{canonical}\u{a0}"),
        _ => format!(" {canonical}"),
    }
}

fn answers(
    area: Area,
    year: u16,
    seed: u64,
    row: &RowSpec,
    catalogue: &[Entry],
    odd: bool,
) -> Vec<CellSpec> {
    let seed_text = seed.to_string();
    let code = row.code.clone().unwrap_or_default();
    let year_text = year.to_string();
    let mut rng = Rng::new(mix(&[&seed_text, area.key(), &year_text, &code]));
    // A kommun's general level is stable over the years, with a slow drift upwards.
    let level = {
        let mut r = Rng::new(mix(&[&seed_text, area.key(), &code]));
        0.25 + 0.55 * r.unit() + 0.03 * (f64::from(year) - 2018.0)
    };
    // About 1.5 % of the units did not answer the area at all (bortfall), never Tyresö.
    let bortfall = code != "0138" && rng.unit() < 0.015;
    let bortfall_text = if rng.unit() < 0.5 {
        CellSpec::Empty
    } else {
        CellSpec::Text("-".into())
    };
    catalogue
        .iter()
        .map(|entry| {
            let code = entry.spec.code.clone().unwrap_or_default();
            if bortfall {
                return match entry.spec.kind {
                    IndicatorKind::Categorical => bortfall_text.clone(),
                    IndicatorKind::Numeric { .. } => CellSpec::Empty,
                };
            }
            if let IndicatorKind::Numeric { .. } = entry.spec.kind {
                let r = rng.unit();
                if r < 0.02 {
                    return CellSpec::Text("..".into());
                }
                if r < 0.03 {
                    return CellSpec::Empty;
                }
                let (lo, hi, decimals) = entry.range;
                let scale = 10f64.powi(decimals);
                let v = lo + (hi - lo) * rng.unit();
                return CellSpec::Number((v * scale).round() / scale);
            }
            let difficulty = {
                let mut r = Rng::new(mix(&[&seed_text, area.key(), &code]));
                0.6 * r.unit() - 0.3
            };
            let p_ja = (level + difficulty).clamp(0.05, 0.95);
            let r = rng.unit();
            let canonical = if r < 0.035 {
                "Ej aktuellt"
            } else if r < 0.045 {
                "Kan inte svara"
            } else if r < 0.05 {
                return CellSpec::Text("-".into());
            } else {
                let s = rng.unit();
                if s < p_ja {
                    "Ja"
                } else if entry.delvis && s < p_ja + (1.0 - p_ja) * 0.4 {
                    "Delvis"
                } else {
                    "Nej"
                }
            };
            if odd && rng.unit() < 0.004 {
                CellSpec::Text(odd_spelling(canonical, &mut rng))
            } else {
                CellSpec::Text(canonical.to_owned())
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_changes_between_years() {
        let before = indicators_for(Area::EkonomisktBistand, 2019);
        let after = indicators_for(Area::EkonomisktBistand, 2020);
        let codes =
            |v: &[IndicatorSpec]| v.iter().filter_map(|i| i.code.clone()).collect::<Vec<_>>();
        let (cb, ca) = (codes(&before), codes(&after));
        assert_eq!(
            cb.iter().filter(|c| !ca.contains(c)).count(),
            1,
            "one dropped"
        );
        assert_eq!(
            ca.iter().filter(|c| !cb.contains(c)).count(),
            1,
            "one added"
        );
        let renamed: Vec<_> = before
            .iter()
            .filter(|b| after.iter().any(|a| a.code == b.code && a.name != b.name))
            .collect();
        assert_eq!(renamed.len(), 1, "one renamed");
    }

    #[test]
    fn every_unit_is_present() {
        let spec = oj_table(Area::Missbruk, 2020, 1);
        let count = |k: UnitKind| spec.rows.iter().filter(|r| r.kind == k).count();
        assert_eq!(count(UnitKind::Riket), 1);
        assert_eq!(count(UnitKind::Lan), 21);
        // 2020: Stockholm and Göteborg by district; Malmö answers as a kommun since 2018.
        assert_eq!(count(UnitKind::Storstad), 2);
        assert_eq!(count(UnitKind::Kommun), 288);
        assert_eq!(count(UnitKind::Stadsdel), 14 + 10);
        assert!(spec
            .rows
            .iter()
            .any(|r| r.label == "Stockholm - Rinkeby-Kista"));
        let stad_2016 = oj_table(Area::Missbruk, 2016, 1);
        assert_eq!(
            stad_2016
                .rows
                .iter()
                .filter(|r| r.kind == UnitKind::Storstad)
                .count(),
            3
        );
    }
}
