//! Building the report from the datasets: the tables of each area and year, the kommun's
//! scores, its peers, riket and län, indicators, years, numeric indicators and units, then the
//! totals across areas. [`Report::build`] is its one entry.

use std::collections::{BTreeMap, BTreeSet};

use crate::compare::indicators::{
    check_aggregates, compare_indicators, forbattringsomraden, styrkor,
};
use crate::compare::learn;
use crate::compare::numeric::compare_numeric;
use crate::compare::peers::{self, lan_of, PeerSet};
use crate::compare::position::{place, spread_exact, Placement};
use crate::compare::targets::{assess_target, Target, TargetScope};
use crate::compare::units::{find_surveys, survey_datasets, unit_survey};
use crate::compare::years::{compare_years, YearComparison};
use crate::model::{Area, Dataset, QualityArea, UnitKind};
use crate::reference::Reference;
use crate::score::{
    order_groups, AreaTable, DelvisRule, Figure, Grouping, QualityGroup, Ratio, Score, Tally,
};

use super::{
    definitions, families, restated, AreaReport, DatasetUse, EarlierYear, FamilyMember,
    FamilyReport, GroupLine, GroupPosition, Heatmap, PeerComparison, QualityLine, RankingRow,
    Report, ReportError, ReportOptions, UnitInfo, YearTotal,
};

/// The datasets of one area by year (with their indices in the caller's slice).
pub(crate) type YearGroups<'a> = BTreeMap<Option<u16>, Vec<(u32, &'a Dataset)>>;

/// The datasets sorted for a report: by area and year (the enhetsundersökningar apart), how
/// each is used, and the warnings of sorting them.
pub(crate) struct Grouped<'a> {
    pub groups: BTreeMap<Area, YearGroups<'a>>,
    pub uses: Vec<DatasetUse>,
    pub warnings: Vec<String>,
    pub surveys: Vec<crate::compare::units::SurveyParts>,
}

/// Sorts the datasets by area and year; a year restated by kvalitetsdimensioner keeps only
/// that file ([`restated_years`]).
pub(crate) fn group_datasets(datasets: &[Dataset]) -> Grouped<'_> {
    let mut warnings = Vec::new();
    let mut uses = Vec::new();
    let mut groups: BTreeMap<Area, YearGroups> = BTreeMap::new();
    // Enhetsundersökningar are reported by unit, not in the area tables: their kommun rows
    // hold shares of units, not a kommun's own answers.
    let surveys = find_surveys(datasets);
    let in_survey = survey_datasets(&surveys);
    for (i, d) in datasets.iter().enumerate() {
        let label = d.area.as_ref().map(|a| a.value.label.clone());
        let mut using = DatasetUse {
            index: i as u32,
            file: d.file.clone(),
            sheet: d.sheet.clone(),
            area: d.area(),
            area_label: label,
            year: d.year(),
            used: false,
            note: String::new(),
        };
        if let Some(s) = in_survey.get(&(i as u32)).and_then(|&k| surveys.get(k)) {
            using.used = true;
            using.note = format!("enhetsundersökning: {}", s.service);
            uses.push(using);
            continue;
        }
        match d.area() {
            Some(area) => {
                using.used = true;
                groups
                    .entry(area)
                    .or_default()
                    .entry(d.year())
                    .or_default()
                    .push((i as u32, d));
            }
            None => {
                using.note =
                    "okänt verksamhetsområde: rätta området för att ta med tabellen".into();
            }
        }
        uses.push(using);
    }
    restated_years(&mut groups, &mut uses, &mut warnings);
    Grouped {
        groups,
        uses,
        warnings,
        surveys,
    }
}

pub(super) fn build(datasets: &[Dataset], options: &ReportOptions) -> Result<Report, ReportError> {
    let rule = options.delvis;
    let own = options.kommun.trim().to_owned();
    let Grouped {
        groups,
        uses,
        mut warnings,
        surveys,
    } = group_datasets(datasets);
    if groups.is_empty() && surveys.is_empty() {
        return Err(ReportError::NoAreas);
    }
    let unit = unit_info(&own, datasets);
    let in_files = datasets.iter().any(|d| {
        d.units.iter().any(|u| {
            u.code.as_deref() == Some(own.as_str())
                || (u.kind == UnitKind::Enhet && u.parent.as_deref() == Some(own.as_str()))
        })
    });
    if !in_files {
        return Err(ReportError::UnitNotInFiles {
            code: own,
            name: unit.name,
        });
    }
    let answers_somewhere = datasets.iter().any(|d| {
        d.units.iter().any(|u| {
            u.code.as_deref() == Some(own.as_str())
                && matches!(u.kind, UnitKind::Kommun | UnitKind::Stadsdel)
        })
    });
    if !answers_somewhere {
        let mut stadsdelar: Vec<String> = datasets
            .iter()
            .flat_map(|d| d.units.iter())
            .filter(|u| u.kind == UnitKind::Stadsdel && u.parent.as_deref() == Some(own.as_str()))
            .map(|u| u.name.clone())
            .collect();
        stadsdelar.sort();
        stadsdelar.dedup();
        if !stadsdelar.is_empty() {
            return Err(ReportError::AnswersByStadsdel {
                code: own,
                name: unit.name,
                stadsdelar,
            });
        }
    }

    let mut areas = Vec::new();
    for (area, by_year) in &groups {
        let tables: Vec<(Option<u16>, AreaTable)> = by_year
            .iter()
            .map(|(year, parts)| (*year, AreaTable::new(parts)))
            .collect();
        let report = area_report(*area, &tables, &own, options, &mut warnings);
        areas.push(report);
    }
    definitions::fill_definitions(&mut areas, datasets);

    let quality_totals = quality_totals(&areas, rule, &options.targets);
    let total = Figure::pool(areas.iter().map(|a| &a.total), rule);
    let total_target = options
        .targets
        .iter()
        .find(|t| t.scope == TargetScope::Totalt)
        .map(|t| assess_target(t, total.score.share));
    let total_by_year = totals_by_year(&areas, rule);
    let families = families(&areas, rule);
    let unit_surveys = surveys
        .iter()
        .map(|parts| unit_survey(datasets, parts, &own, rule))
        .collect();
    Ok(Report {
        unit,
        options: options.clone(),
        rule_text: rule.description().to_owned(),
        areas,
        quality_totals,
        total,
        total_target,
        total_by_year,
        families,
        unit_surveys,
        datasets: uses,
        warnings,
    })
}

/// Leaves out a year's datasets grouped by kvalitetsområden when another file restates that
/// year in the model of 2023– ([`restated::keep_one_model`]): marked unused with the reason,
/// and one warning per area and year.
fn restated_years(
    groups: &mut BTreeMap<Area, YearGroups>,
    uses: &mut [DatasetUse],
    warnings: &mut Vec<String>,
) {
    for (area, by_year) in groups.iter_mut() {
        for (year, parts) in by_year.iter_mut() {
            let left_out = restated::keep_one_model(parts);
            let Some(first) = left_out.first() else {
                continue;
            };
            let kept = first.kept_files.join(", ");
            let year_text = year.map(|y| format!(" {y}")).unwrap_or_default();
            let mut files: Vec<String> = Vec::new();
            for l in &left_out {
                if let Some(u) = uses.iter_mut().find(|u| u.index == l.index) {
                    u.used = false;
                    u.note = format!(
                        "året{year_text} finns också i {kept}, grupperat efter kvalitetsdimensioner; det räknas därifrån"
                    );
                    if !files.contains(&u.file) {
                        files.push(u.file.clone());
                    }
                }
            }
            warnings.push(format!(
                "{}{year_text} finns både i {} (kvalitetsområden) och i {kept} (kvalitetsdimensioner, modellen från 2023); året räknas bara från {kept}, så att det inte räknas två gånger.",
                area.name(),
                files.join(", ")
            ));
        }
    }
}

fn unit_info(code: &str, datasets: &[Dataset]) -> UnitInfo {
    let reference = Reference::get();
    let file_unit = datasets
        .iter()
        .flat_map(|d| d.units.iter())
        .find(|u| u.code.as_deref() == Some(code));
    let name = file_unit
        .map(|u| u.name.clone())
        .or_else(|| reference.kommun(code).map(|k| k.namn.clone()))
        .unwrap_or_else(|| code.to_owned());
    let kind = file_unit.map(|u| u.kind).unwrap_or(if code.contains(':') {
        UnitKind::Stadsdel
    } else {
        UnitKind::Kommun
    });
    let lan = lan_of(code).and_then(|l| reference.lan(&l).map(|x| (l, x.namn.clone())));
    UnitInfo {
        code: code.to_owned(),
        name,
        kind,
        lan,
    }
}

fn area_report(
    area: Area,
    tables: &[(Option<u16>, AreaTable)],
    own: &str,
    options: &ReportOptions,
    warnings: &mut Vec<String>,
) -> AreaReport {
    let rule = options.delvis;
    // Tables are sorted by year (None first); the newest is last.
    let newest = tables.last();
    let year = newest.and_then(|(y, _)| *y);
    let year_refs: Vec<(Option<u16>, &AreaTable)> = tables.iter().map(|(y, t)| (*y, t)).collect();
    let years = compare_years(&year_refs, own, rule);
    let empty_table;
    let table: &AreaTable = match newest {
        Some((_, t)) => t,
        None => {
            empty_table = AreaTable::new(&[]);
            &empty_table
        }
    };
    let label = table
        .parts()
        .first()
        .and_then(|(_, d)| d.area.as_ref().map(|a| a.value.label.clone()))
        .unwrap_or_else(|| area.name().to_owned());
    warn_duplicates(area, tables, warnings);
    let own_index = table.unit(own);
    if own_index.is_none() {
        warnings.push(format!(
            "{}: {own} saknas i tabellen för {}.",
            area.name(),
            year.map(|y| y.to_string())
                .unwrap_or_else(|| "okänt år".into())
        ));
    }
    let target_for = |scope: TargetScope, share: Option<Ratio>| {
        options
            .targets
            .iter()
            .find(|t| t.scope == scope)
            .map(|t| assess_target(t, share))
    };

    // Peers (needed for per-quality placements).
    let peer_set = peers::resolve(&options.jamfor, own, Some(area), year, table);
    let peer_rows: Vec<usize> = match &peer_set {
        Ok(set) => set
            .members
            .iter()
            .filter_map(|c| table.unit(c))
            .filter(|&u| table.units.get(u).is_some_and(|x| x.answers()))
            .collect(),
        Err(_) => Vec::new(),
    };
    let in_group = peer_set.as_ref().map(|s| s.in_group()).unwrap_or(1);

    let groups = table.quality_groups();
    let quality: Vec<QualityLine> = groups
        .iter()
        .map(|(group, cols)| {
            let figure = match own_index {
                Some(u) => table.figure(u, cols, rule),
                None => Figure::new(Tally::default(), rule, Vec::new()),
            };
            let placement = peer_set.is_ok().then(|| {
                let share_of = |u: usize| table.tally(u, cols).share(rule);
                placement_of(own_index.and_then(share_of), &peer_rows, in_group, share_of)
            });
            let target = group.area.and_then(|q| {
                target_for(
                    TargetScope::OmradeKvalitetsomrade(area, q),
                    figure.score.share,
                )
            });
            QualityLine {
                group: group.clone(),
                figure,
                placement,
                target,
            }
        })
        .collect();
    let all = table.all_columns();
    let total = match own_index {
        Some(u) => table.figure(u, &all, rule),
        None => Figure::new(Tally::default(), rule, Vec::new()),
    };
    let total_target = target_for(TargetScope::Omrade(area), total.score.share);
    let indicator_areas = indicator_area_lines(table, own_index, rule);
    let earlier = earlier_years(&years);

    let (peers, peer_error) = match peer_set {
        Ok(set) => (
            Some(peer_comparison(
                table, own, own_index, set, &peer_rows, rule,
            )),
            None,
        ),
        Err(e) => {
            warnings.push(format!("{}: {e}", area.name()));
            (None, Some(e))
        }
    };
    let indicators = match own_index {
        Some(u) => compare_indicators(table, u, &peer_rows, rule),
        None => Vec::new(),
    };
    let improve = forbattringsomraden(&indicators);
    let learn_from = own_index
        .map(|u| learn::learn_from(table, u, &peer_rows, &indicators, &improve, rule))
        .unwrap_or_default();
    let numeric = match own_index {
        Some(u) => compare_numeric(table, u, &peer_rows, in_group, &options.directions),
        None => Vec::new(),
    };
    AreaReport {
        area,
        name: area.name().to_owned(),
        label,
        year,
        datasets: table.parts().iter().map(|(i, _)| *i).collect(),
        present: own_index.is_some(),
        grouping: Grouping::of(groups.iter().map(|(g, _)| g)),
        quality,
        indicator_areas,
        total,
        total_target,
        earlier,
        peers,
        peer_error,
        forbattringsomraden: improve,
        styrkor: styrkor(&indicators),
        learn_from,
        indicators,
        numeric,
        years,
        aggregate_disagreements: check_aggregates(table),
    }
}

/// One warning per pair of datasets of an area that share indicators (counted once).
fn warn_duplicates(area: Area, tables: &[(Option<u16>, AreaTable)], warnings: &mut Vec<String>) {
    for (_, t) in tables {
        let mut pairs: BTreeMap<(u32, u32), u32> = BTreeMap::new();
        for (left_out, kept) in &t.duplicates {
            *pairs.entry((left_out.dataset, kept.dataset)).or_default() += 1;
        }
        for ((left_out, kept), n) in pairs {
            let file = |i: u32| {
                t.dataset(i)
                    .map(|d| format!("{} ({})", d.file, d.sheet))
                    .unwrap_or_default()
            };
            warnings.push(format!(
                "{}: {n} {} i {} finns redan i {} och räknas bara en gång.",
                area.name(),
                if n == 1 { "indikator" } else { "indikatorer" },
                file(left_out),
                file(kept)
            ));
        }
    }
}

/// The own unit's score per indikatorområde of the table.
fn indicator_area_lines(
    table: &AreaTable,
    own_index: Option<usize>,
    rule: DelvisRule,
) -> Vec<GroupLine> {
    table
        .indicator_area_groups()
        .into_iter()
        .map(|(name, cols)| GroupLine {
            name,
            score: Score::new(
                own_index.map(|u| table.tally(u, &cols)).unwrap_or_default(),
                rule,
            ),
            columns: cols.iter().map(|&c| c as u32).collect(),
        })
        .collect()
}

/// The earlier years with a total, newest first (the newest year itself left out).
fn earlier_years(years: &YearComparison) -> Vec<EarlierYear> {
    years
        .years
        .iter()
        .rev()
        .skip(1)
        .filter(|p| p.present && p.full.total.denominator > 0)
        .map(|p| EarlierYear {
            year: p.year,
            score: p.full.total,
        })
        .collect()
}

/// Places a share among the shares of `rows` (the own unit not among them).
fn placement_of(
    own: Option<Ratio>,
    rows: &[usize],
    in_group: u32,
    share_of: impl Fn(usize) -> Option<Ratio>,
) -> Placement {
    let others: Vec<Ratio> = rows.iter().filter_map(|&u| share_of(u)).collect();
    place(own.as_ref(), &others, in_group, |a, b| a.cmp(b))
}

fn group_position(
    table: &AreaTable,
    name: String,
    own_index: Option<usize>,
    rows: &[usize],
    rule: DelvisRule,
) -> GroupPosition {
    let share_of = |u: usize| table.tally_all(u).share(rule);
    let own_share = own_index.and_then(share_of);
    let in_group = rows.len() as u32 + 1;
    let placement = placement_of(own_share, rows, in_group, share_of);
    let mut all: Vec<Ratio> = rows.iter().filter_map(|&u| share_of(u)).collect();
    all.extend(own_share);
    GroupPosition {
        name,
        placement,
        spread: spread_exact(&all),
    }
}

fn peer_comparison(
    table: &AreaTable,
    own: &str,
    own_index: Option<usize>,
    set: PeerSet,
    peer_rows: &[usize],
    rule: DelvisRule,
) -> PeerComparison {
    let share_of = |u: usize| table.tally_all(u).share(rule);
    let own_share = own_index.and_then(share_of);
    let placement = placement_of(own_share, peer_rows, set.in_group(), share_of);
    let mut shares: Vec<Ratio> = peer_rows.iter().filter_map(|&u| share_of(u)).collect();
    shares.extend(own_share);
    let spread = spread_exact(&shares);

    let answering: Vec<usize> = (0..table.units.len())
        .filter(|&u| Some(u) != own_index && table.units.get(u).is_some_and(|x| x.answers()))
        .collect();
    let riket = group_position(table, "Riket".into(), own_index, &answering, rule);
    let lan = lan_of(own).map(|lan_code| {
        let rows: Vec<usize> = answering
            .iter()
            .copied()
            .filter(|&u| {
                table
                    .units
                    .get(u)
                    .is_some_and(|x| lan_of(&x.code).as_deref() == Some(lan_code.as_str()))
            })
            .collect();
        let name = Reference::get()
            .lan(&lan_code)
            .map(|l| l.namn.clone())
            .unwrap_or_else(|| format!("Län {lan_code}"));
        group_position(table, name, own_index, &rows, rule)
    });

    // Ranking: the own unit and the peers with rows, best first, then members without rows.
    let mut ranked: Vec<(usize, Option<Ratio>)> = own_index
        .into_iter()
        .chain(peer_rows.iter().copied())
        .map(|u| (u, share_of(u)))
        .collect();
    ranked.sort_by(|a, b| {
        b.1.cmp(&a.1).then_with(|| {
            let name = |u: usize| table.units.get(u).map(|x| x.name.as_str()).unwrap_or("");
            name(a.0).cmp(name(b.0))
        })
    });
    let with_data: Vec<Ratio> = ranked.iter().filter_map(|(_, s)| *s).collect();
    let mut ranking: Vec<RankingRow> = ranked
        .iter()
        .filter_map(|&(u, share)| {
            let unit = table.units.get(u)?;
            let rank = share.map(|s| 1 + with_data.iter().filter(|o| **o > s).count() as u32);
            Some(RankingRow {
                code: unit.code.clone(),
                name: unit.name.clone(),
                kind: Some(unit.kind),
                own: Some(u) == own_index,
                score: Some(table.tally_all(u).score(rule)),
                rank,
            })
        })
        .collect();
    let reference = Reference::get();
    for code in &set.members {
        if !ranking.iter().any(|r| &r.code == code) {
            ranking.push(RankingRow {
                code: code.clone(),
                name: reference
                    .kommun(code)
                    .map(|k| k.namn.clone())
                    .unwrap_or_else(|| code.clone()),
                kind: table
                    .unit(code)
                    .and_then(|u| table.units.get(u))
                    .map(|u| u.kind),
                own: false,
                score: None,
                rank: None,
            });
        }
    }
    let heat_units: Vec<usize> = ranked.iter().map(|(u, _)| *u).collect();
    let heatmap = Heatmap {
        units: heat_units
            .iter()
            .filter_map(|&u| table.units.get(u).map(|x| x.code.clone()))
            .collect(),
        columns: (0..table.width() as u32).collect(),
        rows: heat_units.iter().map(|&u| table.row(u).to_vec()).collect(),
    };
    PeerComparison {
        set,
        placement,
        spread,
        riket,
        lan,
        ranking,
        heatmap,
    }
}

fn quality_totals(areas: &[AreaReport], rule: DelvisRule, targets: &[Target]) -> Vec<QualityLine> {
    // Groups in the order they first appear over the areas, then in report order.
    let mut by_group: Vec<(QualityGroup, Vec<&Figure>)> = Vec::new();
    for a in areas {
        for line in &a.quality {
            match by_group.iter_mut().find(|(g, _)| g.key == line.group.key) {
                Some((_, figures)) => figures.push(&line.figure),
                None => by_group.push((line.group.clone(), vec![&line.figure])),
            }
        }
    }
    order_groups(by_group)
        .into_iter()
        .map(|(group, figures)| {
            let figure = Figure::pool(figures, rule);
            let target = group.area.and_then(|q: QualityArea| {
                targets
                    .iter()
                    .find(|t| t.scope == TargetScope::Kvalitetsomrade(q))
                    .map(|t| assess_target(t, figure.score.share))
            });
            QualityLine {
                group,
                figure,
                placement: None,
                target,
            }
        })
        .collect()
}

fn totals_by_year(areas: &[AreaReport], rule: DelvisRule) -> Vec<YearTotal> {
    let newest_areas: BTreeSet<Area> = areas
        .iter()
        .filter(|a| a.total.score.denominator > 0)
        .map(|a| a.area)
        .collect();
    let mut by_year: BTreeMap<Option<u16>, (Tally, BTreeSet<Area>)> = BTreeMap::new();
    for a in areas {
        for p in &a.years.years {
            if p.present && p.full.total.denominator > 0 {
                let slot = by_year.entry(p.year).or_default();
                slot.0 += p.full.total.tally;
                slot.1.insert(a.area);
            }
        }
    }
    by_year
        .into_iter()
        .map(|(year, (tally, set))| YearTotal {
            year,
            complete: set == newest_areas,
            areas: set.into_iter().collect(),
            score: Score::new(tally, rule),
        })
        .collect()
}

fn families(areas: &[AreaReport], rule: DelvisRule) -> Vec<FamilyReport> {
    // Each indicator's family, found once.
    let found: Vec<Vec<Option<&'static families::FamilyDef>>> = areas
        .iter()
        .map(|a| {
            a.indicators
                .iter()
                .map(|l| families::family_of(&l.name))
                .collect()
        })
        .collect();
    families::FAMILIES
        .iter()
        .filter_map(|def| {
            let members: Vec<FamilyMember> = areas
                .iter()
                .zip(&found)
                .flat_map(|(a, fams)| {
                    a.indicators
                        .iter()
                        .zip(fams)
                        .enumerate()
                        .filter(|(_, (_, f))| f.is_some_and(|f| f.key == def.key))
                        .map(move |(i, (l, _))| FamilyMember {
                            area: a.area,
                            year: a.year,
                            name: l.name.clone(),
                            line: i as u32,
                            own: l.own,
                            fulfilled: l.fulfilled,
                            cell: l.own_cell.clone(),
                        })
                })
                .collect();
            (!members.is_empty()).then(|| FamilyReport::new(def, members, rule))
        })
        .collect()
}
