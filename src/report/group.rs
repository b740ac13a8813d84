//! Gruppöversikt: every kommun of a group (a län, a peer group, all) × the loaded areas — each
//! kommun's fulfilled fraction per area (its newest year) and in total, with its place and
//! quartile band among the group's kommuner that have a figure.
//!
//! The figures are the report's: the same tables, the same Delvis rule, the same pooling (the
//! total sums uppfyllda and nämnare over the areas). Each cell names the datasets it is counted
//! from, so a view can show its cells with [`crate::score::AreaTable::figure`].

use serde::{Deserialize, Serialize};

use super::tables::{group_sheet, slug};
use super::xlsx;
use super::{csv as csv_export, group_datasets, Report};
use crate::compare::learn::swedish_key;
use crate::compare::position::{place, Placement};
use crate::model::{Area, Dataset, UnitKind};
use crate::reference::Reference;
use crate::score::{AreaTable, DelvisRule, Figure, Ratio, Score, Tally};

/// Which kommuner a group table holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum GroupChoice {
    /// Every kommun of a län (its code, "01").
    Lan(String),
    /// Every kommun of the reference table.
    Alla,
    /// These kommuner (or stadsdelar), by code, under this name.
    Koder { name: String, codes: Vec<String> },
}

impl GroupChoice {
    /// The group's codes and its name in Swedish, or why there is no such group.
    pub fn members(&self) -> Result<(String, Vec<String>), String> {
        let reference = Reference::get();
        match self {
            GroupChoice::Lan(code) => {
                let lan = reference
                    .lan(code)
                    .ok_or_else(|| format!("Okänt län: {code}."))?;
                let codes = reference
                    .kommuner
                    .iter()
                    .filter(|k| k.lanskod == lan.kod)
                    .map(|k| k.kod.clone())
                    .collect();
                Ok((lan.namn.clone(), codes))
            }
            GroupChoice::Alla => Ok((
                "Alla kommuner".to_owned(),
                reference.kommuner.iter().map(|k| k.kod.clone()).collect(),
            )),
            GroupChoice::Koder { name, codes } => Ok((name.clone(), codes.clone())),
        }
    }
}

/// A kommun and the peers it is compared with in any loaded area (the union over the report's
/// areas), named as `oj-analys report --kommun K` names it: "Tyresö med jämförelsegrupp – …".
pub fn peer_group(report: &Report) -> (String, Vec<String>) {
    let mut codes = vec![report.unit.code.clone()];
    for area in &report.areas {
        for code in area.peers.iter().flat_map(|p| p.set.members.iter()) {
            if !codes.contains(code) {
                codes.push(code.clone());
            }
        }
    }
    let name = format!(
        "{} med jämförelsegrupp – {}",
        report.unit.name,
        report.options.jamfor.text()
    );
    (name, codes)
}

/// A group table's downloads, written the same way by the CLI (`--ut`) and the page's worker.
pub struct GroupFiles {
    pub csv: Vec<u8>,
    pub xlsx: Vec<u8>,
}

/// The group table as CSV and as an Excel workbook of one sheet (undated: the same bytes from
/// the same files on any day).
pub fn group_files(table: &GroupTable) -> Result<GroupFiles, String> {
    let sheet = group_sheet(table, None);
    let csv = csv_export::write_sheet(&sheet, Some(table.rule));
    let xlsx = xlsx::write_sheets(&[sheet], &format!("Gruppöversikt: {}", table.name), None)
        .map_err(|e| e.message)?;
    Ok(GroupFiles { csv, xlsx })
}

/// A download's file name: `gruppoversikt-stockholms-lan.xlsx`.
pub fn group_file_name(table: &GroupTable, extension: &str) -> String {
    format!("gruppoversikt-{}.{extension}", slug(&table.name))
}

/// One column: a loaded area in its newest year.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupArea {
    pub area: Area,
    pub name: String,
    pub year: Option<u16>,
    /// The datasets the column is counted from.
    pub datasets: Vec<u32>,
}

/// One kommun's figure in one column.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupCell {
    /// `None` when the kommun has no row in the column's table.
    pub score: Option<Score>,
    /// Its place among the group's kommuner with a figure in the column.
    pub placement: Placement,
}

/// One kommun of the group.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupRow {
    pub code: String,
    pub name: String,
    /// The kommun the user chose, to be highlighted.
    pub own: bool,
    /// One per [`GroupTable::areas`].
    pub cells: Vec<GroupCell>,
    /// The areas pooled.
    pub total: GroupCell,
}

/// Every kommun of a group × the loaded areas.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupTable {
    /// "Stockholms län", "Alla kommuner", "Tyresö och dess jämförelsegrupp".
    pub name: String,
    pub rule: DelvisRule,
    pub areas: Vec<GroupArea>,
    /// In Swedish alphabetical order.
    pub rows: Vec<GroupRow>,
}

/// The group table of `codes` (with `own` highlighted) over the areas the datasets hold. A
/// kommun that answers by stadsdel (Stockholm, Göteborg) is shown by its stadsdelar.
pub fn group_table(
    datasets: &[Dataset],
    name: &str,
    codes: &[String],
    own: Option<&str>,
    rule: DelvisRule,
) -> GroupTable {
    let grouped = group_datasets(datasets);
    let mut areas = Vec::new();
    let mut tables = Vec::new();
    for (area, by_year) in &grouped.groups {
        let Some((year, parts)) = by_year.iter().next_back() else {
            continue;
        };
        tables.push(AreaTable::new(parts));
        areas.push(GroupArea {
            area: *area,
            name: area.name().to_owned(),
            year: *year,
            datasets: parts.iter().map(|(i, _)| *i).collect(),
        });
    }
    let codes = by_stadsdel(codes, &tables);
    // Per area, each code's tally in the newest year (`None`: no answering row there).
    let tallies: Vec<Vec<Option<Tally>>> = tables
        .iter()
        .map(|table| {
            codes
                .iter()
                .map(|c| {
                    table
                        .unit(c)
                        .filter(|&u| table.units.get(u).is_some_and(|x| x.answers()))
                        .map(|u| table.tally_all(u))
                })
                .collect()
        })
        .collect();
    let totals: Vec<Option<Tally>> = (0..codes.len())
        .map(|k| {
            tallies
                .iter()
                .filter_map(|column| column.get(k).copied().flatten())
                .reduce(|a, b| a + b)
        })
        .collect();
    let columns: Vec<Vec<GroupCell>> = tallies.iter().map(|c| placed(c, rule)).collect();
    let total_cells = placed(&totals, rule);
    let reference = Reference::get();
    let mut rows: Vec<GroupRow> = codes
        .iter()
        .enumerate()
        .map(|(k, code)| GroupRow {
            code: code.clone(),
            name: unit_name(code, datasets, reference),
            own: own == Some(code.as_str()),
            cells: columns.iter().filter_map(|c| c.get(k).cloned()).collect(),
            total: total_cells
                .get(k)
                .cloned()
                .unwrap_or_else(|| no_cell(codes.len())),
        })
        .collect();
    rows.sort_by_cached_key(|r| swedish_key(&r.name));
    GroupTable {
        name: name.to_owned(),
        rule,
        areas,
        rows,
    }
}

/// The figure behind one cell of a group table: the kommun's answers in the newest year of
/// `area` (every area pooled for Totalt, `None`) with the cells they come from, counted as
/// [`group_table`] counts them. `None` when the kommun has no answering row there.
pub fn cell_figure(
    datasets: &[Dataset],
    area: Option<Area>,
    code: &str,
    rule: DelvisRule,
) -> Option<Figure> {
    let grouped = group_datasets(datasets);
    let figures: Vec<Figure> = grouped
        .groups
        .iter()
        .filter(|(a, _)| area.is_none_or(|x| x == **a))
        .filter_map(|(_, by_year)| {
            let (_, parts) = by_year.iter().next_back()?;
            let table = AreaTable::new(parts);
            let unit = table
                .unit(code)
                .filter(|&u| table.units.get(u).is_some_and(|x| x.answers()))?;
            Some(table.figure(unit, &table.all_columns(), rule))
        })
        .collect();
    (!figures.is_empty()).then(|| Figure::pool(&figures, rule))
}

/// The codes with each kommun that has no answering row of its own but stadsdelar in the
/// tables replaced by those stadsdelar, in the order the tables give them.
fn by_stadsdel(codes: &[String], tables: &[AreaTable]) -> Vec<String> {
    let answering = |code: &str| {
        tables.iter().any(|t| {
            t.unit(code)
                .and_then(|u| t.units.get(u))
                .is_some_and(|u| u.answers())
        })
    };
    let mut out: Vec<String> = Vec::with_capacity(codes.len());
    for code in codes {
        let stadsdelar: Vec<&String> = tables
            .iter()
            .flat_map(|t| t.units.iter())
            .filter(|u| u.kind == UnitKind::Stadsdel && u.parent.as_deref() == Some(code))
            .map(|u| &u.code)
            .collect();
        if answering(code) || stadsdelar.is_empty() {
            out.push(code.clone());
            continue;
        }
        for s in stadsdelar {
            if !out.contains(s) {
                out.push(s.clone());
            }
        }
    }
    out
}

/// Each code's cell of one column: its score and its place among the codes with a share.
fn placed(column: &[Option<Tally>], rule: DelvisRule) -> Vec<GroupCell> {
    let shares: Vec<Option<Ratio>> = column
        .iter()
        .map(|t| t.and_then(|t| t.share(rule)))
        .collect();
    let in_group = u32::try_from(column.len()).unwrap_or(u32::MAX);
    column
        .iter()
        .enumerate()
        .map(|(k, tally)| {
            let others: Vec<Ratio> = shares
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != k)
                .filter_map(|(_, s)| *s)
                .collect();
            let own = shares.get(k).copied().flatten();
            GroupCell {
                score: tally.map(|t| Score::new(t, rule)),
                placement: place(own.as_ref(), &others, in_group, |a, b| a.cmp(b)),
            }
        })
        .collect()
}

fn no_cell(in_group: usize) -> GroupCell {
    let in_group = u32::try_from(in_group).unwrap_or(u32::MAX);
    GroupCell {
        score: None,
        placement: place::<Ratio>(None, &[], in_group, |a, b| a.cmp(b)),
    }
}

/// A code's name: the reference's ("Stockholm – Rinkeby-Kista" for a stadsdel), else the
/// name the files give it, else the code.
fn unit_name(code: &str, datasets: &[Dataset], reference: &Reference) -> String {
    if let Some(k) = reference.kommun(code) {
        return k.namn.clone();
    }
    let in_files = datasets
        .iter()
        .flat_map(|d| d.units.iter())
        .find(|u| u.code.as_deref() == Some(code))
        .map(|u| u.name.clone());
    match (code.split_once(':'), in_files) {
        (Some((city, _)), Some(name)) => match reference.kommun(city) {
            Some(k) => format!("{} – {name}", k.namn),
            None => name,
        },
        (_, Some(name)) => name,
        (_, None) => code.to_owned(),
    }
}

impl GroupTable {
    /// The table as text, one block per kommun: "Tyresö (0138), vald kommun:" then per area
    /// "  Ekonomiskt bistånd 2024: 9/11 (82 %), plats 3 av 26 med uppgift, bästa 25 %".
    pub fn to_text(&self) -> String {
        let mut out = vec![
            format!(
                "Gruppöversikt: {} ({} {})",
                self.name,
                self.rows.len(),
                match (
                    self.rows.len(),
                    self.rows.iter().any(|r| r.code.contains(':'))
                ) {
                    (_, true) => "kommuner och stadsdelar",
                    (1, false) => "kommun",
                    _ => "kommuner",
                }
            ),
            self.rule.description().to_owned(),
            "Uppfyllda indikatorer per verksamhetsområde (nyaste året) och totalt; plats och \
             kvartil bland gruppens kommuner med uppgift."
                .to_owned(),
        ];
        for row in &self.rows {
            out.push(String::new());
            let own = if row.own { ", vald kommun" } else { "" };
            out.push(format!("{} ({}){own}:", row.name, row.code));
            let labels = self.areas.iter().map(|a| match a.year {
                Some(y) => format!("{} {y}", a.name),
                None => a.name.clone(),
            });
            for (label, cell) in labels
                .chain(std::iter::once("Totalt".to_owned()))
                .zip(row.cells.iter().chain(std::iter::once(&row.total)))
            {
                out.push(format!("  {label}: {}", cell_text(cell)));
            }
        }
        let mut text = out.join("\n");
        text.push('\n');
        text
    }
}

/// "9/11 (82 %), plats 3 av 26 med uppgift, bästa 25 %", or that the file has no row.
fn cell_text(cell: &GroupCell) -> String {
    let Some(score) = &cell.score else {
        return "ingen rad i filerna".to_owned();
    };
    if score.denominator == 0 {
        return "inga besvarade indikatorer".to_owned();
    }
    let mut text = format!("{} ({})", score.fraction_sv(), score.percent_sv());
    if let Some(rank) = cell.placement.rank {
        text.push_str(&format!(
            ", plats {rank} av {} med uppgift",
            cell.placement.with_data
        ));
    }
    if let Some(band) = cell.placement.band {
        text.push_str(&format!(", {}", band.label()));
    }
    text
}
