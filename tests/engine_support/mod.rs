//! Hand-built datasets for the pure scoring-rule tests (tests about reading use real workbooks).
#![allow(dead_code)]

use std::collections::BTreeMap;

use oj_analys::model::*;

/// One indicator column: name, quality area (None = no label), indikatorområde.
pub struct Col {
    pub name: String,
    pub quality: Option<QualityArea>,
    pub indicator_area: Option<String>,
    pub numeric: Option<Option<Direction>>,
    pub code: Option<String>,
}

pub fn col(name: &str, q: QualityArea) -> Col {
    Col {
        name: name.into(),
        quality: Some(q),
        indicator_area: None,
        numeric: None,
        code: None,
    }
}

pub fn num(name: &str, direction: Option<Direction>) -> Col {
    Col {
        name: name.into(),
        quality: None,
        indicator_area: None,
        numeric: Some(direction),
        code: None,
    }
}

/// A unit row: code, kind, cells as text ("Ja", "Delvis", "Nej", "EA" = Ej aktuellt,
/// "KIS" = Kan inte svara, "-" = bortfall, "" = no cell, a number).
pub struct Row {
    pub code: String,
    pub kind: UnitKind,
    pub attributes: BTreeMap<String, String>,
    pub cells: Vec<String>,
}

pub fn row(code: &str, cells: &[&str]) -> Row {
    let kind = if code == "00" {
        UnitKind::Riket
    } else if code.contains(':') {
        UnitKind::Stadsdel
    } else if code.len() == 2 {
        UnitKind::Lan
    } else {
        UnitKind::Kommun
    };
    Row {
        code: code.into(),
        kind,
        attributes: BTreeMap::new(),
        cells: cells.iter().map(|s| s.to_string()).collect(),
    }
}

pub fn with_attr(mut r: Row, key: &str, value: &str) -> Row {
    r.attributes.insert(key.into(), value.into());
    r
}

fn name_of(code: &str) -> String {
    if code == "00" {
        return "Riket".into();
    }
    if let Some((_, d)) = code.split_once(':') {
        return d.into();
    }
    let r = oj_analys::reference::Reference::get();
    if let Some(k) = r.kommun(code) {
        return k.namn.clone();
    }
    if let Some(l) = r.lan(code) {
        return l.namn.clone();
    }
    code.into()
}

fn value_of(text: &str) -> Option<Value> {
    Some(match text {
        "" => return None,
        "Ja" => Value::Outcome(Outcome::Ja),
        "Delvis" => Value::Outcome(Outcome::Delvis),
        "Nej" => Value::Outcome(Outcome::Nej),
        "EA" => Value::Outcome(Outcome::EjAktuellt),
        "KIS" => Value::Outcome(Outcome::KanInteSvara),
        "-" => Value::Absent(Absence::Bortfall),
        t => match t.parse::<f64>() {
            Ok(n) => Value::Number(n),
            Err(_) => Value::Text(t.into()),
        },
    })
}

/// A wide dataset: header in row 2 (0-based 1), units from row 3, indicators from column C.
pub fn dataset(area: Area, year: u16, cols: Vec<Col>, rows: Vec<Row>) -> Dataset {
    let indicators = cols
        .into_iter()
        .enumerate()
        .map(|(i, c)| Indicator {
            name: c.name,
            code: c.code,
            quality: c.quality.map(|q| QualityLabel {
                label: q.name().into(),
                area: Some(q),
                dimension: None,
            }),
            indicator_area: c.indicator_area,
            kind: match c.numeric {
                Some(direction) => IndicatorKind::Numeric {
                    direction,
                    measure: None,
                },
                None => IndicatorKind::Categorical,
            },
            cell: CellRef::new(1, 2 + i as u32),
            ..Indicator::default()
        })
        .collect();
    let mut units = Vec::new();
    let mut observations = Vec::new();
    for (u, r) in rows.into_iter().enumerate() {
        let parent = if r.kind == UnitKind::Kommun {
            Some(r.code[..2].to_string())
        } else if r.kind == UnitKind::Stadsdel {
            r.code.split(':').next().map(str::to_owned)
        } else {
            None
        };
        units.push(Unit {
            kind: r.kind,
            code: Some(r.code.clone()),
            name: name_of(&r.code),
            label: name_of(&r.code),
            parent,
            attributes: r.attributes,
            cell: CellRef::new(2 + u as u32, 1),
        });
        for (i, text) in r.cells.iter().enumerate() {
            if let Some(value) = value_of(text) {
                observations.push(Observation {
                    unit: u as u32,
                    indicator: i as u32,
                    dims: vec![],
                    value,
                    cell: CellRef::new(2 + u as u32, 2 + i as u32),
                    raw: None,
                });
            }
        }
    }
    let mut d = Dataset {
        file: format!("{}-{year}.xlsx", area.key()),
        sheet: "Tabell".into(),
        title: None,
        layout: Layout::Wide,
        area: Some(Found {
            value: AreaLabel {
                label: area.name().into(),
                area: Some(area),
            },
            evidence: Evidence {
                source: "test".into(),
                text: area.name().into(),
            },
        }),
        year: Some(Found {
            value: year,
            evidence: Evidence {
                source: "test".into(),
                text: year.to_string(),
            },
        }),
        units,
        indicators,
        dimensions: vec![],
        observations,
    };
    d.sort_observations();
    d
}
