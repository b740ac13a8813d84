//! Peer sets (jämförelsegrupper): which units a kommun or stadsdel is compared with, and where
//! that membership came from — the workbook's own grouping columns, else the reference tables.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::model::{normalize_label, Area, UnitKind};
use crate::reference::{LiknandeTema, Reference};
use crate::score::AreaTable;

/// What the user chose to compare with. `Liknande(None)` picks the Kolada theme that fits each
/// area ([`tema_for_area`]).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PeerChoice {
    /// Same län.
    Lan,
    /// Socialstyrelsen's size group 1–5 (ÖJ 2017, table 1).
    Storleksgrupp,
    /// SKL's kommungrupp 2017.
    Skr2017,
    /// SKR's kommungrupp 2023.
    Skr2023,
    /// Kolada's similar kommuner; the theme fitting the area when `None`.
    Liknande(Option<LiknandeTema>),
    /// Every kommun and stadsdel in the file.
    Alla,
    /// The other stadsdelar of the same city (for a stadsdel; for a city, its stadsdelar).
    Stadsdelar,
    /// A hand-picked list of codes.
    Egen(Vec<String>),
}

impl Default for PeerChoice {
    fn default() -> PeerChoice {
        PeerChoice::Liknande(None)
    }
}

impl PeerChoice {
    /// Parses the command line's `--jamfor` value: `lan`, `storleksgrupp`, `skr2017`, `skr2023`,
    /// `liknande`, `liknande:ifo`, `alla`, `stadsdelar`, or a comma-separated list of codes.
    pub fn parse(text: &str) -> Result<PeerChoice, String> {
        let key = normalize_label(text);
        Ok(match key.as_str() {
            "lan" | "län" => PeerChoice::Lan,
            "storleksgrupp" | "storlek" => PeerChoice::Storleksgrupp,
            "skr2017" | "skl2017" => PeerChoice::Skr2017,
            "skr2023" | "skr" => PeerChoice::Skr2023,
            "liknande" => PeerChoice::Liknande(None),
            "alla" | "riket" => PeerChoice::Alla,
            "stadsdelar" => PeerChoice::Stadsdelar,
            _ => {
                if let Some(tema) = key.strip_prefix("liknande:") {
                    return LiknandeTema::from_key(tema.trim())
                        .map(|t| PeerChoice::Liknande(Some(t)))
                        .ok_or_else(|| format!("okänt tema för liknande kommuner: {tema}"));
                }
                let codes: Vec<String> = text
                    .split([',', ' ', ';'])
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect();
                if codes.is_empty() || !codes.iter().all(|c| looks_like_code(c)) {
                    return Err(format!(
                        "okänd jämförelsegrupp \"{text}\" (välj lan, storleksgrupp, skr2017, skr2023, liknande, alla eller en lista med kommunkoder)"
                    ));
                }
                PeerChoice::Egen(codes.into_iter().map(|c| pad_code(&c)).collect())
            }
        })
    }
}

/// How the page, the address bar and the report name a peer choice: its key, its label and
/// description in the picker, and the sentence the report and its exports print.
impl PeerChoice {
    /// The choices the page offers, in the picker's order (an own list stands for every list).
    pub fn offered() -> Vec<PeerChoice> {
        let mut choices = vec![PeerChoice::Liknande(None)];
        choices.extend(LiknandeTema::ALL.map(|t| PeerChoice::Liknande(Some(t))));
        choices.extend([
            PeerChoice::Lan,
            PeerChoice::Storleksgrupp,
            PeerChoice::Skr2023,
            PeerChoice::Skr2017,
            PeerChoice::Stadsdelar,
            PeerChoice::Alla,
            PeerChoice::Egen(Vec::new()),
        ]);
        choices
    }

    /// Whether two choices are the same option of the picker (own lists match whatever codes).
    pub fn same_option(&self, other: &PeerChoice) -> bool {
        matches!((self, other), (PeerChoice::Egen(_), PeerChoice::Egen(_))) || self == other
    }

    /// The address-bar key: `liknande`, `liknande:ifo`, `lan`, … or the codes of an own list
    /// joined by commas (`egen` when it is empty).
    pub fn key(&self) -> String {
        match self {
            PeerChoice::Lan => "lan".into(),
            PeerChoice::Storleksgrupp => "storleksgrupp".into(),
            PeerChoice::Skr2017 => "skr2017".into(),
            PeerChoice::Skr2023 => "skr2023".into(),
            PeerChoice::Liknande(None) => "liknande".into(),
            PeerChoice::Liknande(Some(t)) => format!("liknande:{}", t.key()),
            PeerChoice::Alla => "alla".into(),
            PeerChoice::Stadsdelar => "stadsdelar".into(),
            PeerChoice::Egen(codes) if codes.is_empty() => "egen".into(),
            PeerChoice::Egen(codes) => codes.join(","),
        }
    }

    /// The choice of an address-bar key (see [`PeerChoice::key`]); `None` for an empty or
    /// unknown one.
    pub fn from_key(key: &str) -> Option<PeerChoice> {
        match key.trim() {
            "" => None,
            "egen" => Some(PeerChoice::Egen(Vec::new())),
            other => PeerChoice::parse(other).ok(),
        }
    }

    /// The option's name in the picker ("Samma län").
    pub fn label(&self) -> &'static str {
        match self {
            PeerChoice::Liknande(None) => "Liknande kommuner (Kolada), tema efter område",
            PeerChoice::Liknande(Some(tema)) => match tema {
                LiknandeTema::Ifo => "Liknande kommuner, IFO (Kolada)",
                LiknandeTema::EkonomisktBistand => "Liknande kommuner, ekonomiskt bistånd (Kolada)",
                LiknandeTema::Lss => "Liknande kommuner, LSS (Kolada)",
                LiknandeTema::Aldreomsorg => "Liknande kommuner, äldreomsorg (Kolada)",
                LiknandeTema::Overgripande => "Liknande kommuner, övergripande (Kolada)",
            },
            PeerChoice::Lan => "Samma län",
            PeerChoice::Storleksgrupp => "Samma storleksgrupp (Socialstyrelsen)",
            PeerChoice::Skr2023 => "Samma kommungrupp, SKR 2023",
            PeerChoice::Skr2017 => "Samma kommungrupp, SKL 2017",
            PeerChoice::Stadsdelar => "Stadsdelar i samma stad",
            PeerChoice::Alla => "Alla kommuner i filerna",
            PeerChoice::Egen(_) => "Egen lista",
        }
    }

    /// What the option is, under the picker.
    pub fn description(&self) -> &'static str {
        match self {
            PeerChoice::Liknande(None) => {
                "Kolada: strukturellt liknande kommuner; IFO-temat för individ- och familjeomsorg, eget tema för ekonomiskt bistånd, LSS och äldreomsorg"
            }
            PeerChoice::Liknande(Some(_)) => "Kolada: strukturellt liknande kommuner för ett tema",
            PeerChoice::Lan => {
                "Kommunerna i samma län (arbetsbokens länskolumn, annars referenstabellen)"
            }
            PeerChoice::Storleksgrupp => "Socialstyrelsens storleksgrupp 1–5 efter folkmängd",
            PeerChoice::Skr2023 => "SKR:s kommungruppsindelning 2023",
            PeerChoice::Skr2017 => "SKL:s kommungruppsindelning 2017",
            PeerChoice::Stadsdelar => "De andra stadsdelarna i Stockholm, Göteborg eller Malmö",
            PeerChoice::Alla => "Alla kommuner och stadsdelar som finns i de inlästa filerna",
            PeerChoice::Egen(_) => "Kommuner du väljer själv",
        }
    }

    /// The choice as the report and its exports state it ("Liknande kommuner (Kolada), det tema
    /// som passar området"; an own list with its codes).
    pub fn text(&self) -> String {
        match self {
            PeerChoice::Lan => "Kommunerna i samma län".to_owned(),
            PeerChoice::Storleksgrupp => "Samma storleksgrupp (Socialstyrelsen)".to_owned(),
            PeerChoice::Skr2017 => "Samma kommungrupp (SKL 2017)".to_owned(),
            PeerChoice::Skr2023 => "Samma kommungrupp (SKR 2023)".to_owned(),
            PeerChoice::Liknande(None) => {
                "Liknande kommuner (Kolada), det tema som passar området".to_owned()
            }
            PeerChoice::Liknande(Some(tema)) => {
                format!("Liknande kommuner (Kolada), {}", tema.name())
            }
            PeerChoice::Alla => "Alla kommuner och stadsdelar i filen".to_owned(),
            PeerChoice::Stadsdelar => "De andra stadsdelarna i samma stad".to_owned(),
            PeerChoice::Egen(codes) => format!("Egen lista: {}", codes.join(", ")),
        }
    }
}

fn looks_like_code(text: &str) -> bool {
    let digits = text.split(':').next().unwrap_or("");
    (3..=4).contains(&digits.len()) && digits.chars().all(|c| c.is_ascii_digit())
}

/// A kommunkod with its leading zero restored ("138" → "0138").
pub fn pad_code(code: &str) -> String {
    let (digits, rest) = match code.split_once(':') {
        Some((d, r)) => (d, Some(r)),
        None => (code, None),
    };
    let digits = if digits.len() == 3 && digits.chars().all(|c| c.is_ascii_digit()) {
        format!("0{digits}")
    } else {
        digits.to_owned()
    };
    match rest {
        Some(r) => format!("{digits}:{r}"),
        None => digits,
    }
}

/// The resolved kind of a peer set.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PeerSetKind {
    Lan,
    Storleksgrupp,
    Skr2017,
    Skr2023,
    Liknande(LiknandeTema),
    Alla,
    Stadsdelar,
    Egen(Vec<String>),
}

/// Where a peer set's membership came from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PeerSource {
    /// The workbook's own grouping column: its header and the own unit's value in it.
    Arbetsbok { column: String, value: String },
    /// A reference table built into the program.
    Referens { table: String, detail: String },
    /// Every unit of the file.
    Filen,
    /// The user's own list.
    Anvandare,
}

impl PeerSource {
    /// The source in Swedish, for the UI and the report.
    pub fn description(&self) -> String {
        match self {
            PeerSource::Arbetsbok { column, value } => {
                format!("arbetsbokens kolumn \"{column}\" ({value})")
            }
            PeerSource::Referens { table, detail } => format!("{detail}, referenstabell {table}"),
            PeerSource::Filen => "alla kommuner och stadsdelar i filen".to_owned(),
            PeerSource::Anvandare => "egen lista".to_owned(),
        }
    }
}

/// A resolved peer set for one unit in one area and year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeerSet {
    pub kind: PeerSetKind,
    /// The name in Swedish: "Liknande kommuner, ekonomiskt bistånd", "Stockholms län".
    pub name: String,
    pub source: PeerSource,
    /// `source` in Swedish.
    pub source_text: String,
    /// The unit compared.
    pub own: String,
    /// The peers' codes, the own unit excluded, sorted. Includes codes the file has no row for
    /// (they count in the group, "utan uppgift").
    pub members: Vec<String>,
}

impl PeerSet {
    /// The size of the group, the own unit included.
    pub fn in_group(&self) -> u32 {
        (self.members.len() as u32).saturating_add(1)
    }
}

/// The Kolada similar-kommun theme that fits an area: IFO for the individual and family care
/// areas (socialpsykiatri included), the area's own theme for ekonomiskt bistånd, LSS and
/// äldreomsorg, övergripande for krisberedskap.
pub fn tema_for_area(area: Area) -> LiknandeTema {
    match area {
        Area::EkonomisktBistand => LiknandeTema::EkonomisktBistand,
        Area::Lss => LiknandeTema::Lss,
        Area::Aldreomsorg => LiknandeTema::Aldreomsorg,
        Area::Krisberedskap => LiknandeTema::Overgripande,
        Area::Missbruk
        | Area::BarnOchUnga
        | Area::ValdINaraRelationer
        | Area::Hemloshet
        | Area::Socialpsykiatri
        | Area::Familjeratt => LiknandeTema::Ifo,
    }
}

/// The kommun a unit code belongs to: itself, or a stadsdel's city ("0180:Bromma" → "0180").
pub fn kommun_of(code: &str) -> &str {
    code.split(':').next().unwrap_or(code)
}

/// The länskod of a unit code (kommun or stadsdel) from the reference table.
pub fn lan_of(code: &str) -> Option<String> {
    Reference::get()
        .kommun(kommun_of(code))
        .map(|k| k.lanskod.clone())
}

/// Which grouping a column of the file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum GroupingColumn {
    Lan,
    Storlek,
    Skr(Option<u16>),
}

fn classify_column(header: &str, own_value: &str) -> Option<GroupingColumn> {
    let h = normalize_label(header);
    let v = normalize_label(own_value);
    let version = if h.contains("2023") {
        Some(2023)
    } else if h.contains("2017") {
        Some(2017)
    } else {
        None
    };
    if h.contains("storlek") || h.contains("invånar") {
        return Some(GroupingColumn::Storlek);
    }
    if h.contains("skr") || h.contains("skl") {
        return Some(GroupingColumn::Skr(version));
    }
    if h.contains("kommungrupp") {
        let size_like =
            v.len() == 1 && v.chars().all(|c| ('1'..='5').contains(&c)) || v.starts_with("grupp ");
        return Some(if size_like {
            GroupingColumn::Storlek
        } else {
            GroupingColumn::Skr(version)
        });
    }
    if h == "län" || h.starts_with("län") || h.ends_with(" län") || h.contains("länsnamn") {
        return Some(GroupingColumn::Lan);
    }
    None
}

/// The file's grouping column of `want` for `own`, if the own unit has one: (header, value).
fn file_column(
    table: &AreaTable,
    own: usize,
    want: PeerChoiceKey,
    year: Option<u16>,
) -> Option<(String, String)> {
    let unit = table.units.get(own)?;
    unit.attributes.iter().find_map(|(header, value)| {
        if value.trim().is_empty() {
            return None;
        }
        let kind = classify_column(header, value)?;
        let fits = match (kind, want) {
            (GroupingColumn::Lan, PeerChoiceKey::Lan) => true,
            (GroupingColumn::Storlek, PeerChoiceKey::Storlek) => true,
            (GroupingColumn::Skr(Some(v)), PeerChoiceKey::Skr(w)) => v == w,
            // A "Kommungrupp" column without a year holds the grouping in use that year.
            (GroupingColumn::Skr(None), PeerChoiceKey::Skr(w)) => match year {
                Some(y) if (2017..=2022).contains(&y) => w == 2017,
                Some(y) if y >= 2023 => w == 2023,
                _ => false,
            },
            _ => false,
        };
        fits.then(|| (header.clone(), value.clone()))
    })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PeerChoiceKey {
    Lan,
    Storlek,
    Skr(u16),
}

/// Resolves `choice` for the unit `own` (a code in `table`) in `area` and `year`.
///
/// Membership comes from the file's grouping columns when the own unit has the column, else
/// from the reference tables. Reference groups list kommuner; a kommun whose file rows are its
/// stadsdelar (Stockholm, Göteborg, Malmö) is represented by them, so stadsdelar are compared
/// with kommuner. Errors are Swedish sentences (no such unit, no similar-kommun set).
pub fn resolve(
    choice: &PeerChoice,
    own: &str,
    area: Option<Area>,
    year: Option<u16>,
    table: &AreaTable,
) -> Result<PeerSet, String> {
    let resolver = Resolver::new(own, year, table);
    match choice {
        PeerChoice::Lan => resolver.lan(),
        PeerChoice::Storleksgrupp => resolver.storleksgrupp(),
        PeerChoice::Skr2017 => resolver.skr(2017, PeerSetKind::Skr2017),
        PeerChoice::Skr2023 => resolver.skr(2023, PeerSetKind::Skr2023),
        PeerChoice::Liknande(tema) => resolver.liknande(
            tema.or_else(|| area.map(tema_for_area))
                .unwrap_or(LiknandeTema::Overgripande),
        ),
        PeerChoice::Alla => Ok(resolver.alla()),
        PeerChoice::Stadsdelar => resolver.stadsdelar(),
        PeerChoice::Egen(codes) => Ok(resolver.set(
            PeerSetKind::Egen(codes.clone()),
            "Egen jämförelsegrupp".into(),
            PeerSource::Anvandare,
            codes.iter().map(|c| pad_code(c)).collect(),
        )),
    }
}

/// What resolving a peer choice for one unit of one table needs: the unit, its kommun in the
/// reference table, and the table whose columns may name the group (a group the workbook
/// itself gives is preferred to the reference table's).
struct Resolver<'a, 't> {
    reference: &'static Reference,
    own: &'a str,
    own_index: Option<usize>,
    own_kommun: &'a str,
    kommun_ref: Option<&'static crate::reference::Kommun>,
    year: Option<u16>,
    table: &'a AreaTable<'t>,
}

impl<'a, 't> Resolver<'a, 't> {
    fn new(own: &'a str, year: Option<u16>, table: &'a AreaTable<'t>) -> Self {
        let reference = Reference::get();
        let own_kommun = kommun_of(own);
        Resolver {
            reference,
            own,
            own_index: table.unit(own),
            own_kommun,
            kommun_ref: reference.kommun(own_kommun),
            year,
            table,
        }
    }

    /// The peer set of these codes (expanded to the table's units, without the own unit).
    fn set(
        &self,
        kind: PeerSetKind,
        name: String,
        source: PeerSource,
        codes: Vec<String>,
    ) -> PeerSet {
        let members = expand(codes, self.own, self.table);
        PeerSet {
            kind,
            name,
            source_text: source.description(),
            source,
            own: self.own.to_owned(),
            members,
        }
    }

    /// The group the workbook's own column gives: its header, the own unit's value, and every
    /// answering unit with the same value.
    fn by_attribute(&self, key: PeerChoiceKey) -> Option<(String, String, Vec<String>)> {
        let own_index = self.own_index?;
        let (header, value) = file_column(self.table, own_index, key, self.year)?;
        let wanted = normalize_label(&value);
        let codes = self
            .table
            .units
            .iter()
            .filter(|u| u.answers())
            .filter(|u| {
                u.attributes
                    .get(&header)
                    .is_some_and(|v| normalize_label(v) == wanted)
            })
            .map(|u| u.code.clone())
            .collect();
        Some((header, value, codes))
    }

    /// The group the workbook names, as a peer set.
    fn named_by_workbook(
        &self,
        key: PeerChoiceKey,
        kind: PeerSetKind,
        name: impl Fn(&str) -> String,
    ) -> Option<PeerSet> {
        let (header, value, codes) = self.by_attribute(key)?;
        Some(self.set(
            kind,
            name(&value),
            PeerSource::Arbetsbok {
                column: header,
                value,
            },
            codes,
        ))
    }

    /// The reference table's kommuner that `f` keeps.
    fn by_reference(&self, f: &dyn Fn(&crate::reference::Kommun) -> bool) -> Vec<String> {
        self.reference
            .kommuner
            .iter()
            .filter(|k| f(k))
            .map(|k| k.kod.clone())
            .collect()
    }

    /// The own kommun in the reference table, or why a reference group cannot be made.
    fn need_ref(&self) -> Result<&'static crate::reference::Kommun, String> {
        self.kommun_ref.ok_or_else(|| {
            format!(
                "{} finns inte i referenstabellen över kommuner; välj en annan jämförelsegrupp",
                self.own
            )
        })
    }

    fn lan(&self) -> Result<PeerSet, String> {
        if let Some(set) = self.named_by_workbook(PeerChoiceKey::Lan, PeerSetKind::Lan, lan_name) {
            return Ok(set);
        }
        let k = self.need_ref()?;
        let codes = self.by_reference(&|o| o.lanskod == k.lanskod);
        Ok(self.set(
            PeerSetKind::Lan,
            k.lan.clone(),
            PeerSource::Referens {
                table: "kommuner.csv".into(),
                detail: format!("länskod {}", k.lanskod),
            },
            codes,
        ))
    }

    fn storleksgrupp(&self) -> Result<PeerSet, String> {
        if let Some(set) = self.named_by_workbook(
            PeerChoiceKey::Storlek,
            PeerSetKind::Storleksgrupp,
            |value| format!("Storleksgrupp {value}"),
        ) {
            return Ok(set);
        }
        let k = self.need_ref()?;
        let codes = self.by_reference(&|o| o.storleksgrupp == k.storleksgrupp);
        Ok(self.set(
            PeerSetKind::Storleksgrupp,
            format!(
                "Storleksgrupp {} ({})",
                k.storleksgrupp,
                size_group_text(k.storleksgrupp)
            ),
            PeerSource::Referens {
                table: "kommuner.csv".into(),
                detail: "Socialstyrelsens indelning efter antal invånare (ÖJ 2017, tabell 1)"
                    .into(),
            },
            codes,
        ))
    }

    /// SKL's kommungrupper of 2017 or SKR's of 2023.
    fn skr(&self, version: u16, kind: PeerSetKind) -> Result<PeerSet, String> {
        let org = if version == 2017 { "SKL" } else { "SKR" };
        if let Some(set) =
            self.named_by_workbook(PeerChoiceKey::Skr(version), kind.clone(), |value| {
                format!("{org}:s kommungrupp {value} ({version})")
            })
        {
            return Ok(set);
        }
        let k = self.need_ref()?;
        let (group, name) = if version == 2017 {
            (k.skr_2017.clone(), String::new())
        } else {
            (k.skr_2023.clone(), k.skr_2023_namn.clone())
        };
        let codes = if version == 2017 {
            self.by_reference(&|o| o.skr_2017 == group)
        } else {
            self.by_reference(&|o| o.skr_2023 == group)
        };
        let label = if name.is_empty() {
            format!("{org}:s kommungrupp {group} ({version})")
        } else {
            format!("{org}:s kommungrupp {group} {name} ({version})")
        };
        Ok(self.set(
            kind,
            label,
            PeerSource::Referens {
                table: "kommuner.csv".into(),
                detail: format!("{org}:s kommungruppsindelning {version}"),
            },
            codes,
        ))
    }

    fn liknande(&self, tema: LiknandeTema) -> Result<PeerSet, String> {
        let list = self
            .reference
            .liknande(tema, self.own_kommun)
            .ok_or_else(|| {
                format!(
                    "Kolada har inga liknande kommuner ({}) för {}; välj en annan jämförelsegrupp",
                    tema.name(),
                    self.own_kommun
                )
            })?;
        Ok(self.set(
            PeerSetKind::Liknande(tema),
            format!("Liknande kommuner, {}", tema.name()),
            PeerSource::Referens {
                table: "liknande_kommuner.csv".into(),
                detail: format!("Kolada {}, grupp {}", list.ar, list.kolada_grupp_id),
            },
            list.liknande.clone(),
        ))
    }

    fn alla(&self) -> PeerSet {
        let codes = self
            .table
            .units
            .iter()
            .filter(|u| u.answers())
            .map(|u| u.code.clone())
            .collect();
        self.set(
            PeerSetKind::Alla,
            "Alla kommuner och stadsdelar".into(),
            PeerSource::Filen,
            codes,
        )
    }

    fn stadsdelar(&self) -> Result<PeerSet, String> {
        let city = self.own_kommun.to_owned();
        let codes: Vec<String> = self
            .table
            .units
            .iter()
            .filter(|u| u.kind == UnitKind::Stadsdel && kommun_of(&u.code) == city)
            .map(|u| u.code.clone())
            .collect();
        if codes.is_empty() {
            return Err(format!("filen har inga stadsdelar för {city}"));
        }
        let city_name = self
            .reference
            .kommun(&city)
            .map(|k| k.namn.clone())
            .unwrap_or(city);
        Ok(self.set(
            PeerSetKind::Stadsdelar,
            format!("Stadsdelar i {city_name}"),
            PeerSource::Filen,
            codes,
        ))
    }
}

/// Replaces a kommun the file reports by stadsdel with its stadsdelar, drops the own unit and
/// duplicates, and sorts.
fn expand(codes: Vec<String>, own: &str, table: &AreaTable) -> Vec<String> {
    let mut out = BTreeSet::new();
    for code in codes {
        let answers = table
            .unit(&code)
            .and_then(|i| table.units.get(i))
            .is_some_and(|u| u.answers());
        let districts: Vec<&str> = if answers || code.contains(':') {
            Vec::new()
        } else {
            table
                .units
                .iter()
                .filter(|u| u.kind == UnitKind::Stadsdel && kommun_of(&u.code) == code)
                .map(|u| u.code.as_str())
                .collect()
        };
        if districts.is_empty() {
            out.insert(code);
        } else {
            out.extend(districts.into_iter().map(str::to_owned));
        }
    }
    out.remove(own);
    out.into_iter().collect()
}

fn lan_name(value: &str) -> String {
    let reference = Reference::get();
    let trimmed = value.trim();
    if let Some(l) = reference.lan(&pad_lan(trimmed)) {
        return l.namn.clone();
    }
    trimmed.to_owned()
}

fn pad_lan(code: &str) -> String {
    if code.len() == 1 && code.chars().all(|c| c.is_ascii_digit()) {
        format!("0{code}")
    } else {
        code.to_owned()
    }
}

/// Socialstyrelsen's size groups (ÖJ 2017, table 1).
pub fn size_group_text(group: u8) -> &'static str {
    match group {
        1 => "1–14 999 invånare",
        2 => "15 000–29 999 invånare",
        3 => "30 000–69 999 invånare",
        4 => "70 000–199 999 invånare",
        5 => "200 000 invånare eller fler",
        _ => "okänd storlek",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_line_choices_parse() {
        assert_eq!(PeerChoice::parse("lan"), Ok(PeerChoice::Lan));
        assert_eq!(PeerChoice::parse("Län"), Ok(PeerChoice::Lan));
        assert_eq!(PeerChoice::parse("skr2017"), Ok(PeerChoice::Skr2017));
        assert_eq!(
            PeerChoice::parse("liknande"),
            Ok(PeerChoice::Liknande(None))
        );
        assert_eq!(
            PeerChoice::parse("liknande:lss"),
            Ok(PeerChoice::Liknande(Some(LiknandeTema::Lss)))
        );
        assert_eq!(
            PeerChoice::parse("188, 0305,0683"),
            Ok(PeerChoice::Egen(vec![
                "0188".into(),
                "0305".into(),
                "0683".into()
            ]))
        );
        assert!(PeerChoice::parse("grannar").is_err());
        assert!(PeerChoice::parse("liknande:okänt").is_err());
        assert_eq!(
            serde_json::to_string(&PeerChoice::Liknande(None)).unwrap(),
            r#"{"liknande":null}"#
        );
    }

    #[test]
    fn grouping_columns_are_recognised_by_header_and_value() {
        use GroupingColumn::*;
        assert_eq!(classify_column("Län", "Stockholms län"), Some(Lan));
        assert_eq!(classify_column("Länskod", "01"), Some(Lan));
        assert_eq!(classify_column("Kommungrupp", "A2"), Some(Skr(None)));
        assert_eq!(classify_column("Kommungrupp", "3"), Some(Storlek));
        assert_eq!(classify_column("Kommungrupp", "Grupp 3"), Some(Storlek));
        assert_eq!(
            classify_column("SKR kommungrupp 2023", "B4"),
            Some(Skr(Some(2023)))
        );
        assert_eq!(classify_column("Storleksgrupp", "3"), Some(Storlek));
        assert_eq!(classify_column("Kommun", "Tyresö"), None);
        assert_eq!(kommun_of("0180:Bromma"), "0180");
        assert_eq!(lan_of("0180:Bromma").as_deref(), Some("01"));
        assert_eq!(pad_code("180:Bromma"), "0180:Bromma");
    }

    #[test]
    fn every_offered_choice_has_its_own_key_label_and_text() {
        let offered = PeerChoice::offered();
        assert_eq!(offered.len(), 13);
        let mut labels = std::collections::BTreeSet::new();
        for choice in &offered {
            assert_eq!(PeerChoice::from_key(&choice.key()).as_ref(), Some(choice));
            assert!(labels.insert(choice.label()), "{}", choice.label());
            assert!(!choice.description().is_empty());
            assert!(!choice.text().is_empty());
        }
        let own = PeerChoice::Egen(vec!["0114".into(), "0160".into()]);
        assert_eq!(own.key(), "0114,0160");
        assert!(own.same_option(&PeerChoice::Egen(Vec::new())));
        assert_eq!(own.text(), "Egen lista: 0114, 0160");
        assert_eq!(PeerChoice::from_key(""), None);
        assert_eq!(PeerChoice::from_key("nonsens"), None);
    }
}
