//! The reference tables built into the program: Sweden's kommuner and län with their groupings,
//! Kolada's similar-kommun sets, and the stadsdelar of the three big cities.
//!
//! `kommuner.csv` and `liknande_kommuner.csv` are verbatim copies of `../shared/reference/`
//! (sources in its SOURCES.md; a test keeps them identical). They are embedded rather than
//! fetched because the page makes no request after load. `stadsdelar.csv` is ours: the districts
//! the ÖJ workbooks have used, with the ÖJ years of each form (sources in `STADSDELAR.md`).

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

const KOMMUNER_CSV: &str = include_str!("kommuner.csv");
const LIKNANDE_CSV: &str = include_str!("liknande_kommuner.csv");
const STADSDELAR_CSV: &str = include_str!("stadsdelar.csv");

/// One kommun with the groupings DESIGN §2 compares by.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Kommun {
    /// Four digits, e.g. "0138".
    pub kod: String,
    /// Short name, e.g. "Tyresö" (Gotland is "Gotland").
    pub namn: String,
    /// Two digits, e.g. "01".
    pub lanskod: String,
    /// E.g. "Stockholms län".
    pub lan: String,
    /// SKR kommungrupp 2023, e.g. "A2".
    pub skr_2023: String,
    pub skr_2023_namn: String,
    /// SKL kommungrupp 2017, e.g. "A2".
    pub skr_2017: String,
    /// Socialstyrelsen's size group 1–5 (ÖJ 2017, table 1).
    pub storleksgrupp: u8,
}

/// One län.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lan {
    pub kod: String,
    /// E.g. "Stockholms län".
    pub namn: String,
}

/// One city district (stadsdel, stadsområde) of Stockholm, Göteborg or Malmö.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stadsdel {
    /// The city's kommunkod ("0180", "1480", "1280").
    pub kommunkod: String,
    pub namn: String,
    /// The first and last ÖJ year in which the district reported in this form, inclusive
    /// (`STADSDELAR.md` says why and from which sources).
    pub fran_ar: u16,
    pub till_ar: Option<u16>,
}

/// A theme of Kolada's similar-kommun sets (`liknande_kommuner.csv`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum LiknandeTema {
    /// Individ- och familjeomsorg: the social-services areas.
    Ifo,
    EkonomisktBistand,
    Lss,
    Aldreomsorg,
    Overgripande,
}

impl LiknandeTema {
    pub const ALL: [LiknandeTema; 5] = [
        LiknandeTema::Ifo,
        LiknandeTema::EkonomisktBistand,
        LiknandeTema::Lss,
        LiknandeTema::Aldreomsorg,
        LiknandeTema::Overgripande,
    ];

    /// The key used in the CSV file.
    pub fn key(self) -> &'static str {
        match self {
            LiknandeTema::Ifo => "ifo",
            LiknandeTema::EkonomisktBistand => "ekonomiskt_bistand",
            LiknandeTema::Lss => "lss",
            LiknandeTema::Aldreomsorg => "aldreomsorg",
            LiknandeTema::Overgripande => "overgripande",
        }
    }

    /// As Kolada names the theme.
    pub fn name(self) -> &'static str {
        match self {
            LiknandeTema::Ifo => "IFO",
            LiknandeTema::EkonomisktBistand => "ekonomiskt bistånd",
            LiknandeTema::Lss => "LSS",
            LiknandeTema::Aldreomsorg => "äldreomsorg",
            LiknandeTema::Overgripande => "övergripande",
        }
    }

    pub fn from_key(key: &str) -> Option<LiknandeTema> {
        LiknandeTema::ALL.into_iter().find(|t| t.key() == key)
    }
}

/// One row of `liknande_kommuner.csv`: a kommun's seven most similar kommuner for a theme.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Liknande {
    pub tema: LiknandeTema,
    pub ar: u16,
    pub kommunkod: String,
    pub liknande: Vec<String>,
    pub kolada_grupp_id: String,
    pub kolada_titel: String,
}

/// All reference tables, parsed once.
#[derive(Debug, Default)]
pub struct Reference {
    pub kommuner: Vec<Kommun>,
    pub lan: Vec<Lan>,
    pub stadsdelar: Vec<Stadsdel>,
    /// Kolada's similar-kommun sets, parsed on first use ([`Reference::liknande`]): the page's
    /// WebAssembly, which never asks for them (the worker computes the peers), then carries
    /// neither the 174 KB table nor its parser.
    liknande: OnceLock<Vec<Liknande>>,
    by_kod: HashMap<String, usize>,
}

impl Reference {
    /// The embedded tables. Parsed on first use; a table that fails to parse (impossible for the
    /// embedded files, checked by a test) leaves that table empty rather than panicking.
    pub fn get() -> &'static Reference {
        static REFERENCE: OnceLock<Reference> = OnceLock::new();
        REFERENCE
            .get_or_init(|| Reference::tables(KOMMUNER_CSV, STADSDELAR_CSV).unwrap_or_default())
    }

    /// Parses the three tables from their CSV texts.
    pub fn parse(
        kommuner_csv: &str,
        liknande_csv: &str,
        stadsdelar_csv: &str,
    ) -> Result<Reference, String> {
        let reference = Reference::tables(kommuner_csv, stadsdelar_csv)?;
        let _ = reference.liknande.set(parse_liknande(liknande_csv)?);
        Ok(reference)
    }

    /// Every table but Kolada's sets (those are parsed when first asked for).
    fn tables(kommuner_csv: &str, stadsdelar_csv: &str) -> Result<Reference, String> {
        let kommuner: Vec<Kommun> = read_rows(kommuner_csv, |r| {
            Ok(Kommun {
                kod: field(r, 0)?,
                namn: field(r, 1)?,
                lanskod: field(r, 2)?,
                lan: field(r, 3)?,
                skr_2023: field(r, 4)?,
                skr_2023_namn: field(r, 5)?,
                skr_2017: field(r, 6)?,
                storleksgrupp: field(r, 7)?
                    .parse()
                    .map_err(|e| format!("storleksgrupp: {e}"))?,
            })
        })?;
        let mut lan: Vec<Lan> = Vec::new();
        for k in &kommuner {
            if !lan.iter().any(|l| l.kod == k.lanskod) {
                lan.push(Lan {
                    kod: k.lanskod.clone(),
                    namn: k.lan.clone(),
                });
            }
        }
        lan.sort_by(|a, b| a.kod.cmp(&b.kod));
        let stadsdelar = read_rows(stadsdelar_csv, |r| {
            let till = field(r, 3)?;
            Ok(Stadsdel {
                kommunkod: field(r, 0)?,
                namn: field(r, 1)?,
                fran_ar: field(r, 2)?.parse().map_err(|e| format!("från år: {e}"))?,
                till_ar: if till.is_empty() {
                    None
                } else {
                    Some(till.parse().map_err(|e| format!("till år: {e}"))?)
                },
            })
        })?;
        let by_kod = kommuner
            .iter()
            .enumerate()
            .map(|(i, k)| (k.kod.clone(), i))
            .collect();
        Ok(Reference {
            kommuner,
            lan,
            stadsdelar,
            liknande: OnceLock::new(),
            by_kod,
        })
    }

    pub fn kommun(&self, kod: &str) -> Option<&Kommun> {
        self.by_kod.get(kod).and_then(|&i| self.kommuner.get(i))
    }

    pub fn lan(&self, kod: &str) -> Option<&Lan> {
        self.lan.iter().find(|l| l.kod == kod)
    }

    /// Kolada's similar kommuner of `kommunkod` for `tema`, if the table has them.
    pub fn liknande(&self, tema: LiknandeTema, kommunkod: &str) -> Option<&Liknande> {
        self.liknande_sets()
            .iter()
            .find(|l| l.tema == tema && l.kommunkod == kommunkod)
    }

    /// Every similar-kommun set (the embedded table unless [`Reference::parse`] was given one).
    pub fn liknande_sets(&self) -> &[Liknande] {
        self.liknande
            .get_or_init(|| parse_liknande(LIKNANDE_CSV).unwrap_or_default())
    }

    /// The stadsdelar of a city (by kommunkod), in every form they have had.
    pub fn stadsdelar_of<'a>(
        &'a self,
        kommunkod: &'a str,
    ) -> impl Iterator<Item = &'a Stadsdel> + 'a {
        self.stadsdelar
            .iter()
            .filter(move |s| s.kommunkod == kommunkod)
    }
}

/// The kommunkoder of the three cities that report by stadsdel.
pub const STORSTADER: [&str; 3] = ["0180", "1480", "1280"];

fn parse_liknande(csv: &str) -> Result<Vec<Liknande>, String> {
    read_rows(csv, |r| {
        let tema_key = field(r, 0)?;
        Ok(Liknande {
            tema: LiknandeTema::from_key(&tema_key).ok_or(format!("okänt tema {tema_key}"))?,
            ar: field(r, 1)?.parse().map_err(|e| format!("år: {e}"))?,
            kommunkod: field(r, 2)?,
            liknande: field(r, 4)?.split_whitespace().map(str::to_owned).collect(),
            kolada_grupp_id: field(r, 5)?,
            kolada_titel: field(r, 6)?,
        })
    })
}

fn read_rows<T>(
    text: &str,
    parse: impl Fn(&csv::StringRecord) -> Result<T, String>,
) -> Result<Vec<T>, String> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(text.as_bytes());
    let mut out = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| format!("rad {}: {e}", i + 2))?;
        out.push(parse(&record).map_err(|e| format!("rad {}: {e}", i + 2))?);
    }
    Ok(out)
}

fn field(record: &csv::StringRecord, index: usize) -> Result<String, String> {
    record
        .get(index)
        .map(|s| s.trim().to_owned())
        .ok_or_else(|| format!("kolumn {} saknas", index + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_tables_parse_completely() {
        let reference =
            Reference::parse(KOMMUNER_CSV, LIKNANDE_CSV, STADSDELAR_CSV).expect("parses");
        assert_eq!(reference.kommuner.len(), 290);
        assert_eq!(reference.lan.len(), 21);
        assert_eq!(reference.liknande_sets().len(), 5 * 290);
        assert_eq!(Reference::get().liknande_sets().len(), 5 * 290);
        assert!(reference
            .stadsdelar
            .iter()
            .any(|s| s.namn == "Rinkeby-Kista" && s.kommunkod == "0180"));
        assert_eq!(Reference::get().kommuner.len(), 290);
    }

    #[test]
    fn tyreso_is_in_stockholms_lan_group_a2_size_3() {
        let tyreso = Reference::get().kommun("0138").expect("Tyresö");
        assert_eq!(tyreso.namn, "Tyresö");
        assert_eq!(tyreso.lan, "Stockholms län");
        assert_eq!(tyreso.skr_2023, "A2");
        assert_eq!(tyreso.skr_2017, "A2");
        assert_eq!(tyreso.storleksgrupp, 3);
    }

    #[test]
    fn liknande_kommuner_of_tyreso_for_ekonomiskt_bistand() {
        let reference = Reference::get();
        let set = reference
            .liknande(LiknandeTema::EkonomisktBistand, "0138")
            .expect("set");
        let names: Vec<&str> = set
            .liknande
            .iter()
            .filter_map(|kod| reference.kommun(kod))
            .map(|k| k.namn.as_str())
            .collect();
        assert_eq!(
            names,
            [
                "Norrtälje",
                "Håbo",
                "Värnamo",
                "Sjöbo",
                "Essunga",
                "Torsby",
                "Bjurholm"
            ]
        );
    }

    /// The embedded copies must stay byte-identical to the shared reference files they come from
    /// (`../shared/reference/`; the test fails when it is not beside the checkout).
    #[test]
    fn embedded_copies_equal_the_shared_reference() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/reference");
        for (name, embedded) in [
            ("kommuner.csv", KOMMUNER_CSV),
            ("liknande_kommuner.csv", LIKNANDE_CSV),
        ] {
            let shared = std::fs::read_to_string(dir.join(name)).unwrap_or_else(|e| {
                panic!(
                    "this test needs ../shared beside the checkout: {}: {e}",
                    dir.join(name).display()
                )
            });
            assert!(
                shared == embedded,
                "src/reference/{name} differs from ../shared/reference/{name}"
            );
        }
    }
}
