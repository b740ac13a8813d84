//! Indicators across peers: the own outcome beside the share of peers with Ja, riket and län —
//! printed in the file and recomputed from the unit rows — förbättringsområden and styrkor.
//!
//! Shares with Ja follow Socialstyrelsen's aggregate rule (seed 002, bilaga 2): the share of
//! answering units whose outcome is Ja among those answering Ja, Delvis or Nej — `Ej aktuellt`,
//! `Kan inte svara` and missing answers are out of the denominator, `Delvis` is not Ja.
//! Socialstyrelsen does not publish a share when more than 20 % of the group answered Ej
//! aktuellt or Kan inte svara or are missing; [`JaShare::unpublishable`] says when that holds.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::peers::{kommun_of, lan_of};
use crate::model::{Definition, IndicatorCategory, IndicatorType, UnitKind};
use crate::score::{AreaTable, Bucket, DelvisRule, QualityGroup, Ratio, Tally, Trace};

/// How many of a set of units have Ja for one indicator.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct JaShare {
    pub tally: Tally,
    /// Ja / (Ja + Delvis + Nej); `None` when no unit answered.
    pub share: Option<Ratio>,
    /// Nobody answered, or more than 20 % of the units are Ej aktuellt, Kan inte svara or
    /// missing: Socialstyrelsen would print ".." rather than a share.
    pub unpublishable: bool,
}

impl JaShare {
    pub fn of(tally: Tally) -> JaShare {
        let answered = u64::from(tally.denominator());
        let left_out = u64::from(tally.left_out());
        JaShare {
            tally,
            share: Ratio::new(u64::from(tally.ja), answered),
            unpublishable: answered == 0 || left_out * 5 > answered + left_out,
        }
    }
}

/// An aggregate row's share for one indicator: as printed in the file and as recomputed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AggregateShare {
    /// The aggregate unit's code ("00" riket, "01" a län, "0180" a storstad).
    pub unit: String,
    pub name: String,
    pub kind: UnitKind,
    /// The share as printed (0–100), when the file has one.
    pub printed: Option<f64>,
    /// The printed cell (`F3`).
    pub printed_cell: Option<String>,
    /// Recomputed from the unit rows the aggregate covers.
    pub recomputed: JaShare,
    /// printed − recomputed, in percentage points.
    pub difference: Option<f64>,
    /// The two differ by more than one percentage point.
    pub disagrees: bool,
}

/// One indicator of an area for one unit among its peers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IndicatorComparison {
    /// The categorical column in the area's table.
    pub column: u32,
    pub dataset: u32,
    pub indicator: u32,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    pub quality: QualityGroup,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indicator_area: Option<String>,
    /// Kvalitetsindikator when the file names categories (model of 2023–); `None` in the files
    /// of the seed era.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<IndicatorCategory>,
    /// Struktur, process or resultat, when the file says (model of 2023–).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indicator_type: Option<IndicatorType>,
    /// The target value (målvärde) as the file writes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// The measurement period as the file writes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    /// The file's note on comparability with earlier years.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comparability: Option<String>,
    /// What a description sheet says of it (this file's, or another loaded file's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub definition: Option<Definition>,
    /// The own unit's outcome.
    pub own: Bucket,
    /// The own unit's cell.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub own_cell: Option<Trace>,
    /// Fulfilled under the report's Delvis rule.
    pub fulfilled: bool,
    /// The peers, the own unit excluded.
    pub peers: JaShare,
    pub riket: Option<AggregateShare>,
    pub lan: Option<AggregateShare>,
}

/// The units an aggregate row stands for: riket all answering units, a län the answering units
/// in it, a storstad its stadsdelar.
pub fn aggregate_members(table: &AreaTable, aggregate: usize) -> Vec<usize> {
    aggregate_members_with(table, aggregate, &unit_lans(table))
}

/// The länskod of every unit of the table (from the reference), in table order.
pub fn unit_lans(table: &AreaTable) -> Vec<Option<String>> {
    table.units.iter().map(|u| lan_of(&u.code)).collect()
}

/// [`aggregate_members`] with the units' län computed once ([`unit_lans`]).
pub fn aggregate_members_with(
    table: &AreaTable,
    aggregate: usize,
    lans: &[Option<String>],
) -> Vec<usize> {
    let Some(agg) = table.units.get(aggregate) else {
        return Vec::new();
    };
    table
        .units
        .iter()
        .enumerate()
        .filter(|(_, u)| u.answers())
        .filter(|(i, u)| match agg.kind {
            UnitKind::Riket => true,
            UnitKind::Lan => lans
                .get(*i)
                .is_some_and(|l| l.as_deref() == Some(agg.code.as_str())),
            UnitKind::Storstad => u.kind == UnitKind::Stadsdel && kommun_of(&u.code) == agg.code,
            _ => false,
        })
        .map(|(i, _)| i)
        .collect()
}

/// Compares an aggregate row's printed share with the share recomputed from `members`.
pub fn aggregate_share(
    table: &AreaTable,
    aggregate: usize,
    members: &[usize],
    column: usize,
) -> Option<AggregateShare> {
    let agg = table.units.get(aggregate)?;
    let (r, _) = table.column_indicator(column)?;
    let recomputed = JaShare::of(Tally::of(members.iter().map(|&m| table.bucket(m, column))));
    let printed = table.value(aggregate, r).and_then(|v| v.number());
    let printed_cell = agg
        .rows
        .iter()
        .find(|(d, _)| *d == r.dataset)
        .and_then(|&(d, row)| {
            table
                .dataset(d)?
                .observation(row as usize, r.indicator as usize)
                .map(|o| o.cell.a1())
        });
    let difference = match (printed, recomputed.share) {
        (Some(p), Some(s)) => Some(p - s.to_f64() * 100.0),
        _ => None,
    };
    Some(AggregateShare {
        unit: agg.code.clone(),
        name: agg.name.clone(),
        kind: agg.kind,
        printed,
        printed_cell,
        recomputed,
        difference,
        disagrees: difference.is_some_and(|d| d.abs() > 1.0 + 1e-9),
    })
}

/// The peers' Ja share for each categorical column.
pub fn peer_shares(table: &AreaTable, peers: &[usize]) -> Vec<JaShare> {
    (0..table.width())
        .map(|c| JaShare::of(Tally::of(peers.iter().map(|&p| table.bucket(p, c)))))
        .collect()
}

/// Every categorical indicator of the table for `own` among `peers`.
pub fn compare_indicators(
    table: &AreaTable,
    own: usize,
    peers: &[usize],
    rule: DelvisRule,
) -> Vec<IndicatorComparison> {
    let riket = table.units.iter().position(|u| u.kind == UnitKind::Riket);
    let own_lan = table.units.get(own).and_then(|u| lan_of(&u.code));
    let lan = own_lan.and_then(|code| {
        table
            .units
            .iter()
            .position(|u| u.kind == UnitKind::Lan && u.code == code)
    });
    // Recomputation needs the covered units even when the file has no aggregate row:
    // riket is then every answering unit, the län those in it.
    let riket_members: Vec<usize> = match riket {
        Some(r) => aggregate_members(table, r),
        None => (0..table.units.len())
            .filter(|&i| table.units.get(i).is_some_and(|u| u.answers()))
            .collect(),
    };
    let lan_members = lan.map(|l| aggregate_members(table, l));
    let shares = peer_shares(table, peers);
    (0..table.width())
        .filter_map(|column| {
            let (r, indicator) = table.column_indicator(column)?;
            let own_bucket = table.bucket(own, column);
            Some(IndicatorComparison {
                column: column as u32,
                dataset: r.dataset,
                indicator: r.indicator,
                name: indicator.name.clone(),
                code: indicator.code.clone(),
                quality: QualityGroup::of(indicator),
                indicator_area: indicator.indicator_area.clone(),
                category: indicator.category,
                indicator_type: indicator.indicator_type,
                target: indicator.target.clone(),
                period: indicator.period.clone(),
                comparability: indicator.comparability.clone(),
                definition: indicator.definition.clone(),
                own: own_bucket,
                own_cell: table.trace(own, column, rule),
                fulfilled: own_bucket.is_fulfilled(rule),
                peers: shares.get(column).copied().unwrap_or_default(),
                riket: match riket {
                    Some(r) => aggregate_share(table, r, &riket_members, column),
                    None => Some(AggregateShare {
                        unit: "00".into(),
                        name: "Riket".into(),
                        kind: UnitKind::Riket,
                        printed: None,
                        printed_cell: None,
                        recomputed: JaShare::of(Tally::of(
                            riket_members.iter().map(|&m| table.bucket(m, column)),
                        )),
                        difference: None,
                        disagrees: false,
                    }),
                },
                lan: match (lan, &lan_members) {
                    (Some(l), Some(members)) => aggregate_share(table, l, members, column),
                    _ => None,
                },
            })
        })
        .collect()
}

/// An aggregate whose printed share disagrees with the recomputed one by over 1 percentage point.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AggregateDisagreement {
    pub column: u32,
    pub indicator_name: String,
    pub share: AggregateShare,
}

/// Every aggregate row (riket, län, storstäder) × categorical indicator of the table whose
/// printed share differs from the recomputed one by more than one percentage point.
pub fn check_aggregates(table: &AreaTable) -> Vec<AggregateDisagreement> {
    let lans = unit_lans(table);
    let mut members_of: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, u) in table.units.iter().enumerate() {
        if u.kind.is_aggregate() {
            members_of.insert(i, aggregate_members_with(table, i, &lans));
        }
    }
    let mut aggregates: Vec<usize> = members_of.keys().copied().collect();
    aggregates.sort_unstable();
    let mut out = Vec::new();
    for column in 0..table.width() {
        let name = table
            .column_indicator(column)
            .map(|(_, i)| i.name.clone())
            .unwrap_or_default();
        for &a in &aggregates {
            let members = members_of.get(&a).map(Vec::as_slice).unwrap_or(&[]);
            if let Some(share) = aggregate_share(table, a, members, column) {
                if share.disagrees {
                    out.push(AggregateDisagreement {
                        column: column as u32,
                        indicator_name: name.clone(),
                        share,
                    });
                }
            }
        }
    }
    out
}

/// Förbättringsområden: indicators the unit answered but did not fulfil under the rule, the
/// ones most peers fulfil (highest share with Ja) first. Indices into `lines`.
pub fn forbattringsomraden(lines: &[IndicatorComparison]) -> Vec<u32> {
    let mut picked: Vec<(usize, Option<Ratio>)> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.own.is_answer() && !l.fulfilled)
        .map(|(i, l)| (i, l.peers.share))
        .collect();
    picked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    picked.into_iter().map(|(i, _)| i as u32).collect()
}

/// Styrkor: indicators the unit fulfils that fewer than half of its peers have Ja for, the
/// rarest first. Indices into `lines`.
pub fn styrkor(lines: &[IndicatorComparison]) -> Vec<u32> {
    let half = Ratio::new(1, 2).unwrap_or(Ratio::ZERO);
    let mut picked: Vec<(usize, Ratio)> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.fulfilled)
        .filter_map(|(i, l)| l.peers.share.filter(|s| *s < half).map(|s| (i, s)))
        .collect();
    picked.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
    picked.into_iter().map(|(i, _)| i as u32).collect()
}
