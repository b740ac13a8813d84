//! Who to learn from: for each förbättringsområde, the kommuner of the peer group that fulfil
//! the indicator, by name; when none of them does, those of the kommun's län.
//!
//! "Fulfil" is the report's Delvis rule ([`Bucket::is_fulfilled`]): Ja, and Delvis only under
//! the rule *uppfylld*. Each kommun carries the cell its answer was read from.

use serde::{Deserialize, Serialize};

use super::indicators::IndicatorComparison;
use super::peers::lan_of;
use crate::reference::Reference;
use crate::score::{AreaTable, Bucket, DelvisRule, Trace};

/// Where the names of a [`LearnFrom`] come from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum LearnSource {
    /// The chosen peer group.
    Jamforelsegrupp,
    /// No peer fulfils it: the kommuner (and stadsdelar) of the own län that do.
    Lan { code: String, name: String },
    /// Neither a peer nor a kommun of the län fulfils it.
    Ingen,
}

/// A kommun (or stadsdel) that fulfils an indicator the own kommun does not, with where its
/// answer stands (kept small: a peer group of every kommun lists hundreds).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Fulfiller {
    pub code: String,
    pub name: String,
    /// Its answer (Ja; Delvis under the rule *uppfylld*).
    pub answer: Bucket,
    /// The dataset its answer was read from (index into the report's datasets).
    pub dataset: u32,
    /// The cell as Excel names it (`F12`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cell: Option<String>,
}

/// Who to learn from for one förbättringsområde.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LearnFrom {
    /// Index into the area's indicator lines ([`IndicatorComparison`]).
    pub line: u32,
    pub source: LearnSource,
    /// In Swedish alphabetical order.
    pub units: Vec<Fulfiller>,
}

impl LearnFrom {
    /// The names, joined: "Danderyd, Nacka och Täby".
    pub fn names_sv(&self) -> String {
        let names: Vec<&str> = self.units.iter().map(|u| u.name.as_str()).collect();
        match names.as_slice() {
            [] => String::new(),
            [one] => (*one).to_owned(),
            [init @ .., last] => format!("{} och {last}", init.join(", ")),
        }
    }

    /// Where the names come from, in Swedish: "jämförelsegruppen", "Stockholms län".
    pub fn source_sv(&self) -> String {
        match &self.source {
            LearnSource::Jamforelsegrupp => "jämförelsegruppen".to_owned(),
            LearnSource::Lan { name, .. } => name.clone(),
            LearnSource::Ingen => "ingen".to_owned(),
        }
    }
}

/// For each förbättringsområde (indices into `lines`, in their order), who fulfils it: the
/// `peers` (table rows) that do, else the answering units of `own`'s län that do.
pub fn learn_from(
    table: &AreaTable,
    own: usize,
    peers: &[usize],
    lines: &[IndicatorComparison],
    forbattringsomraden: &[u32],
    rule: DelvisRule,
) -> Vec<LearnFrom> {
    let own_lan = table.units.get(own).and_then(|u| lan_of(&u.code));
    let lan_rows: Vec<usize> = match &own_lan {
        Some(lan) => (0..table.units.len())
            .filter(|&u| u != own)
            .filter(|&u| {
                table
                    .units
                    .get(u)
                    .is_some_and(|x| x.answers() && lan_of(&x.code).as_ref() == Some(lan))
            })
            .collect(),
        None => Vec::new(),
    };
    forbattringsomraden
        .iter()
        .filter_map(|&i| {
            let line = lines.get(i as usize)?;
            let column = line.column as usize;
            let from_peers = fulfillers(table, peers, column, rule);
            let (source, units) = if !from_peers.is_empty() {
                (LearnSource::Jamforelsegrupp, from_peers)
            } else {
                let from_lan = fulfillers(table, &lan_rows, column, rule);
                match (&own_lan, from_lan.is_empty()) {
                    (Some(code), false) => (lan_source(code), from_lan),
                    _ => (LearnSource::Ingen, Vec::new()),
                }
            };
            Some(LearnFrom {
                line: i,
                source,
                units,
            })
        })
        .collect()
}

fn lan_source(code: &str) -> LearnSource {
    LearnSource::Lan {
        code: code.to_owned(),
        name: Reference::get()
            .lan(code)
            .map(|l| l.namn.clone())
            .unwrap_or_else(|| format!("Län {code}")),
    }
}

/// The units among `rows` whose answer in `column` is fulfilled, in Swedish alphabetical order.
fn fulfillers(
    table: &AreaTable,
    rows: &[usize],
    column: usize,
    rule: DelvisRule,
) -> Vec<Fulfiller> {
    let mut out: Vec<Fulfiller> = rows
        .iter()
        .filter(|&&u| table.bucket(u, column).is_fulfilled(rule))
        .filter_map(|&u| {
            let unit = table.units.get(u)?;
            let trace: Trace = table.trace(u, column, rule)?;
            Some(Fulfiller {
                code: unit.code.clone(),
                name: unit.name.clone(),
                answer: trace.bucket,
                dataset: trace.dataset,
                cell: trace.cell,
            })
        })
        .collect();
    out.sort_by_cached_key(|f| swedish_key(&f.name));
    out
}

/// A name's key in Swedish alphabetical order: å, ä, ö after z.
pub fn swedish_key(name: &str) -> String {
    name.to_lowercase()
        .chars()
        .map(|c| match c {
            'å' => '{',
            'ä' | 'æ' => '|',
            'ö' | 'ø' => '}',
            'é' | 'è' => 'e',
            'ü' => 'y',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_swedish_order_and_joined() {
        let mut names = vec!["Örebro", "Åre", "Ale", "Älmhult", "Zinkgruvan"];
        names.sort_by_key(|n| swedish_key(n));
        assert_eq!(names, ["Ale", "Zinkgruvan", "Åre", "Älmhult", "Örebro"]);
        let unit = |name: &str| Fulfiller {
            code: String::new(),
            name: name.to_owned(),
            answer: Bucket::Ja,
            dataset: 0,
            cell: None,
        };
        let l = LearnFrom {
            line: 0,
            source: LearnSource::Jamforelsegrupp,
            units: vec![unit("Danderyd"), unit("Nacka"), unit("Täby")],
        };
        assert_eq!(l.names_sv(), "Danderyd, Nacka och Täby");
    }
}
