//! The indicator catalogue of the generated workbooks: every area's indicators in column order,
//! embedded from `indikatorer.csv` and parsed once.
//!
//! The names, quality areas and indicator areas are modelled on Socialstyrelsen's guide to the
//! 2017 ekonomiskt bistånd workbook (seed 002) and the Tyresö report (seed 000). Between years
//! a catalogue changes a little, as the real ones do: per area one indicator is dropped after
//! 2019 (`till_ar`), one added from 2020 (`fran_ar`), and one keeps its code but had another
//! name until 2019 (`tidigare_namn`, `tidigare_till_ar`). Numeric indicators carry their
//! direction, measure and the range and decimals of their generated values.

use std::sync::OnceLock;

use crate::model::{Area, Direction, IndicatorKind, QualityArea};

use super::spec::IndicatorSpec;

const CATALOGUE_CSV: &str = include_str!("indikatorer.csv");

/// One indicator of a year's catalogue with what the generator needs to answer it.
#[derive(Clone, Debug)]
pub(crate) struct Entry {
    pub spec: IndicatorSpec,
    /// Whether "Delvis" is an allowed answer.
    pub delvis: bool,
    /// Range and decimals of a numeric indicator's values.
    pub range: (f64, f64, i32),
}

/// One line of the catalogue.
#[derive(Clone, Debug)]
struct Line {
    area: Area,
    entry: Entry,
    first_year: Option<u16>,
    last_year: Option<u16>,
    /// The name it had until (and including) a year.
    former_name: Option<(String, u16)>,
}

/// The catalogue of `area` in `year`, in column order.
pub(crate) fn catalogue_for(area: Area, year: u16) -> Vec<Entry> {
    lines()
        .iter()
        .filter(|l| l.area == area)
        .filter(|l| l.first_year.is_none_or(|y| year >= y))
        .filter(|l| l.last_year.is_none_or(|y| year <= y))
        .map(|l| {
            let mut entry = l.entry.clone();
            if let Some((name, until)) = &l.former_name {
                if year <= *until {
                    entry.spec.name.clone_from(name);
                }
            }
            entry
        })
        .collect()
}

/// The parsed catalogue (empty if the embedded file did not parse, which a test rules out).
fn lines() -> &'static [Line] {
    static LINES: OnceLock<Vec<Line>> = OnceLock::new();
    LINES.get_or_init(|| parse(CATALOGUE_CSV).unwrap_or_default())
}

fn parse(text: &str) -> Result<Vec<Line>, String> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(text.as_bytes());
    reader
        .records()
        .enumerate()
        .map(|(i, record)| {
            let record = record.map_err(|e| e.to_string())?;
            parse_line(&record).map_err(|e| format!("indikatorer.csv rad {}: {e}", i + 2))
        })
        .collect()
}

/// omrade, kod, kvalitetsomrade, indikatoromrade, indikator, delvis, fran_ar, till_ar,
/// tidigare_namn, tidigare_till_ar, riktning, matt, min, max, decimaler.
fn parse_line(r: &csv::StringRecord) -> Result<Line, String> {
    let field = |i: usize| r.get(i).map(str::trim).unwrap_or("");
    let optional = |i: usize| Some(field(i).to_owned()).filter(|s| !s.is_empty());
    let year = |i: usize| -> Result<Option<u16>, String> {
        optional(i)
            .map(|y| y.parse().map_err(|e| format!("år {y}: {e}")))
            .transpose()
    };
    let area = Area::from_key(field(0)).ok_or(format!("okänt område {}", field(0)))?;
    let quality =
        QualityArea::from_key(field(2)).ok_or(format!("okänt kvalitetsområde {}", field(2)))?;
    let (kind, range) = match field(10) {
        "" => (IndicatorKind::Categorical, (0.0, 0.0, 0)),
        riktning => {
            let direction = match riktning {
                "lagre" => Direction::LowerIsBetter,
                "hogre" => Direction::HigherIsBetter,
                other => return Err(format!("okänd riktning {other}")),
            };
            let number = |i: usize| field(i).parse::<f64>().map_err(|e| format!("{e}"));
            let decimals = field(14).parse::<i32>().map_err(|e| format!("{e}"))?;
            let kind = IndicatorKind::Numeric {
                direction: Some(direction),
                measure: optional(11),
            };
            (kind, (number(12)?, number(13)?, decimals))
        }
    };
    let former_name = match (optional(8), year(9)?) {
        (Some(name), Some(until)) => Some((name, until)),
        _ => None,
    };
    Ok(Line {
        area,
        entry: Entry {
            spec: IndicatorSpec {
                name: field(4).to_owned(),
                code: optional(1),
                quality: quality.name().to_owned(),
                indicator_area: optional(3),
                kind,
            },
            delvis: field(5) == "ja",
            range,
        },
        first_year: year(6)?,
        last_year: year(7)?,
        former_name,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_catalogue_parses_and_covers_every_area() {
        let lines = parse(CATALOGUE_CSV).expect("parses");
        assert_eq!(lines.len(), CATALOGUE_CSV.lines().count() - 1);
        for area in Area::ALL {
            let n = catalogue_for(area, 2020).len();
            assert!(n >= 15, "{area:?}: {n} indicators");
        }
        assert_eq!(catalogue_for(Area::EkonomisktBistand, 2020).len(), 41);
    }
}
