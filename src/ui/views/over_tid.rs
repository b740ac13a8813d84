//! Över tid: one area's scores per year, in total and per quality area, on the full set of each
//! year or on the indicators present in every year; indicators that changed are flagged; and
//! the total of all areas per year.

use std::sync::Arc;

use crate::ui::table_scroll::table_scroll;
use leptos::prelude::*;

use super::oversikt::year_text;
use super::{current_area, with_report, FigureButton};
use crate::compare::years::{YearPoint, YearScores};
use crate::report::{AreaReport, Report};
use crate::score::{DelvisRule, Figure, Score, Tally, Trace};
use crate::ui::charts::{Series, TrendChart};
use crate::ui::context::Choices;
use crate::ui::format;

#[component]
pub fn OverTid() -> impl IntoView {
    let choices = expect_context::<Choices>();
    let common = RwSignal::new(false);
    with_report(move |report| {
        let Some(area) = current_area(choices, &report) else {
            return view! { <p class="empty-state">"Inga områden inlästa."</p> }.into_any();
        };
        let area = Arc::new(area);
        let rule = report.options.delvis;
        let n_years = area.years.years.len();
        let n_common = area.years.common.len();
        view! {
            <super::AreaChooser report=report.clone()/>
            {if n_common > 0 {
                view! {
                    <fieldset class="set-choice">
                        <legend>"Indikatorer att jämföra"</legend>
                        <label>
                            <input type="radio" name="mangd" checked=move || !common.get() on:change=move |_| common.set(false)/>
                            " Varje års alla indikatorer"
                        </label>
                        <label>
                            <input type="radio" name="mangd" checked=move || common.get() on:change=move |_| common.set(true)/>
                            {format!(" Bara de {n_common} indikatorer som finns alla år")}
                        </label>
                    </fieldset>
                }
                .into_any()
            } else {
                // No indicator is in every year (across the change of model, names differ):
                // there is no common set to offer.
                view! {
                    <p class="note" data-testid="inga-gemensamma">
                        "Ingen indikator finns med alla år; åren jämförs på varje års alla indikatorer."
                    </p>
                }
                .into_any()
            }}
            {if n_years < 2 {
                Some(view! { <p class="note">"Bara ett år är inläst för området. Läs in filer från fler år för att se utvecklingen."</p> })
            } else {
                None
            }}
            {
                let area = area.clone();
                move || {
                    let area = area.clone();
                    let common = common.get() && n_common > 0;
                    view! { <AreaYears area rule common/> }
                }
            }
            <Changes area=area.clone()/>
            <AllAreas report=report.clone()/>
        }
        .into_any()
    })
}

/// The chart and table of one area's years. When the file's quality grouping changed between
/// the years (kvalitetsområden until 2022, kvalitetsdimensioner from 2023) the chart and the
/// first table compare the totals only, and each grouping gets a table of its own years.
#[component]
fn AreaYears(area: Arc<AreaReport>, rule: DelvisRule, common: bool) -> impl IntoView {
    let pick = |p: &YearPoint| {
        if common {
            p.common.clone()
        } else {
            p.full.clone()
        }
    };
    let points: Vec<(YearPoint, YearScores)> = area
        .years
        .years
        .iter()
        .filter(|p| p.present)
        .map(|p| (p.clone(), pick(p)))
        .collect();
    let changed = area.years.grouping_changed();
    let point_of = |score: &Score| score.share.map(|r| (r.to_f64() * 100.0, r.percent_sv()));
    let mut series = vec![Series {
        name: "Totalt".into(),
        points: points
            .iter()
            .filter_map(|(p, s)| Some((p.year?, point_of(&s.total))))
            .collect(),
    }];
    if !changed {
        for (key, name) in groups_of(&points) {
            series.push(Series {
                name: name.clone(),
                points: points
                    .iter()
                    .filter_map(|(p, s)| {
                        let score = s
                            .quality
                            .iter()
                            .find(|(g, _)| g.key == key)
                            .map(|(_, sc)| sc)?;
                        Some((p.year?, point_of(score)))
                    })
                    .collect(),
            });
        }
    }
    let common_keys: Vec<String> = area.years.common.iter().map(|(k, _)| k.clone()).collect();
    let set_text = if common {
        "gemensamma indikatorer"
    } else {
        "alla indikatorer varje år"
    };
    let title = format!(
        "Andel uppfyllda indikatorer per år för {}, {set_text}. Samma siffror som i tabellen.",
        area.name
    );
    let figures = Figures {
        rule,
        common,
        common_keys,
        area: area.name.clone(),
    };
    let tables = if changed {
        let sentences = area
            .years
            .grouping_changes
            .iter()
            .map(|c| view! { <p class="note" data-testid="gruppering-andrad">{c.sentence()}</p> })
            .collect_view();
        let per_era = eras(&points)
            .into_iter()
            .map(|era| {
                let first = era
                    .first()
                    .map(|(p, _)| year_text(p.year))
                    .unwrap_or_default();
                let last = era
                    .last()
                    .map(|(p, _)| year_text(p.year))
                    .unwrap_or_default();
                let grouping = era.first().map(|(p, _)| p.grouping).unwrap_or_default();
                let span = if first == last {
                    first
                } else {
                    format!("{first}–{last}")
                };
                let caption = format!(
                    "{} {span} – uppfyllda per {} ({set_text})",
                    area.name,
                    grouping.singular()
                );
                year_table(&era, &figures, caption, true)
            })
            .collect_view();
        view! {
            {sentences}
            {totals_table(&points, &figures, format!("{} – totalt per år ({set_text})", area.name))}
            {per_era}
        }
        .into_any()
    } else {
        year_table(
            &points,
            &figures,
            format!("{} – uppfyllda per år ({set_text})", area.name),
            false,
        )
        .into_any()
    };
    view! {
        <figure class="chart-figure">
            <TrendChart title series/>
            <figcaption>{format!("Linjerna har olika markörer och streckning. Räknat på {set_text}.")}</figcaption>
        </figure>
        {tables}
    }
}

/// What a year's figures are computed from: the cells of the year, all or the common ones.
struct Figures {
    rule: DelvisRule,
    common: bool,
    common_keys: Vec<String>,
    area: String,
}

impl Figures {
    /// The figure of a year over one quality group's cells (all cells when `None`).
    fn of(&self, p: &YearPoint, quality: Option<&str>) -> Figure {
        let cells: Vec<Trace> = p
            .cells
            .iter()
            .filter(|c| quality.is_none_or(|q| c.quality == q))
            .filter(|c| !self.common || self.common_keys.contains(&c.match_key))
            .cloned()
            .collect();
        Figure::new(Tally::of(cells.iter().map(|c| c.bucket)), self.rule, cells)
    }
}

/// The quality groups of the years, in order of first appearance: (key, name).
fn groups_of(points: &[(YearPoint, YearScores)]) -> Vec<(String, String)> {
    let mut groups: Vec<(String, String)> = Vec::new();
    for (_, s) in points {
        for (g, _) in &s.quality {
            if !groups.iter().any(|(k, _)| *k == g.key) {
                groups.push((g.key.clone(), g.name.clone()));
            }
        }
    }
    groups
}

/// Runs of consecutive years with the same quality grouping.
fn eras(points: &[(YearPoint, YearScores)]) -> Vec<Vec<(YearPoint, YearScores)>> {
    let mut out: Vec<Vec<(YearPoint, YearScores)>> = Vec::new();
    for point in points {
        match out.last_mut() {
            Some(era)
                if era
                    .last()
                    .is_some_and(|(p, _)| p.grouping == point.0.grouping) =>
            {
                era.push(point.clone())
            }
            _ => out.push(vec![point.clone()]),
        }
    }
    out
}

/// Year × (total, quality groups) with every figure a button to its cells.
fn year_table(
    points: &[(YearPoint, YearScores)],
    figures: &Figures,
    caption: String,
    era: bool,
) -> impl IntoView {
    let groups = groups_of(points);
    let head = groups
        .iter()
        .map(|(_, name)| view! { <th scope="col" class="num">{name.clone()}</th> })
        .collect_view();
    let rows = points
        .iter()
        .map(|(p, s)| {
            let year = year_text(p.year);
            let total = figures.of(p, None);
            let cells = groups
                .iter()
                .map(|(key, name)| match s.quality.iter().find(|(g, _)| g.key == *key) {
                    Some((_, score)) => {
                        let figure = figures.of(p, Some(key));
                        view! {
                            <td class="num">
                                <FigureButton text=format::score(score) title=format!("{name} {year}") figure/>
                            </td>
                        }
                        .into_any()
                    }
                    None => view! { <td class="num">"–"</td> }.into_any(),
                })
                .collect_view();
            view! {
                <tr data-testid="ar-rad">
                    <th scope="row">{year.clone()}</th>
                    <td class="num strong">
                        <FigureButton text=format::score(&s.total) title=format!("{} {year}: totalt", figures.area) figure=total/>
                    </td>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    let testid = if era {
        "over-tid-gruppering"
    } else {
        "over-tid"
    };
    table_scroll(view! {
        <table data-testid=testid>
            <caption>{caption}</caption>
            <thead>
                <tr>
                    <th scope="col">"År"</th>
                    <th scope="col" class="num">"Totalt"</th>
                    {head}
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    })
}

/// Year × total, with the grouping each year's file uses.
fn totals_table(
    points: &[(YearPoint, YearScores)],
    figures: &Figures,
    caption: String,
) -> impl IntoView {
    let rows = points
        .iter()
        .map(|(p, s)| {
            let year = year_text(p.year);
            view! {
                <tr data-testid="ar-rad">
                    <th scope="row">{year.clone()}</th>
                    <td class="num strong">
                        <FigureButton text=format::score(&s.total) title=format!("{} {year}: totalt", figures.area) figure=figures.of(p, None)/>
                    </td>
                    <td>{format!("per {}", p.grouping.singular())}</td>
                </tr>
            }
        })
        .collect_view();
    table_scroll(view! {
        <table data-testid="over-tid">
            <caption>{caption}</caption>
            <thead>
                <tr>
                    <th scope="col">"År"</th>
                    <th scope="col" class="num">"Totalt"</th>
                    <th scope="col">"Filen grupperar"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    })
}

/// Indicators that are new, removed, renamed or reworded between the years.
#[component]
fn Changes(area: Arc<AreaReport>) -> impl IntoView {
    if area.years.changes.is_empty() {
        return view! { <p class="note">"Inga indikatorer har tillkommit, försvunnit eller bytt namn mellan de inlästa åren."</p> }
            .into_any();
    }
    let items = area
        .years
        .changes
        .iter()
        .map(|c| {
            let years = format!("{}→{}", year_text(c.from_year), year_text(c.to_year));
            let before = c
                .previous_name
                .as_ref()
                .map(|p| format!(" (tidigare: {p})"))
                .unwrap_or_default();
            let note = c
                .note
                .as_ref()
                .map(|n| format!(" – {n}"))
                .unwrap_or_default();
            view! {
                <li>
                    <span class="flag">{format!("⚑ {}", c.kind.label())}</span>
                    {format!(" {years}: {}{before}{note}", c.name)}
                </li>
            }
        })
        .collect_view();
    view! {
        <h3>"Indikatorer som ändrats mellan åren"</h3>
        <p class="note">"Kontrollera om betydelsen har ändrats innan åren jämförs."</p>
        <ul class="changes">{items}</ul>
    }
    .into_any()
}

/// The total of all loaded areas per year.
#[component]
fn AllAreas(report: Arc<Report>) -> impl IntoView {
    if report.total_by_year.len() < 2 {
        return ().into_any();
    }
    let series = vec![Series {
        name: "Alla områden".into(),
        points: report
            .total_by_year
            .iter()
            .filter_map(|y| {
                Some((
                    y.year?,
                    y.score.share.map(|r| (r.to_f64() * 100.0, r.percent_sv())),
                ))
            })
            .collect(),
    }];
    let rows = report
        .total_by_year
        .iter()
        .map(|y| {
            let areas = y
                .areas
                .iter()
                .map(|a| a.name())
                .collect::<Vec<_>>()
                .join(", ");
            let note = if y.complete {
                "samma områden som senaste året"
            } else {
                "andra områden än senaste året – jämför med försiktighet"
            };
            view! {
                <tr>
                    <th scope="row">{year_text(y.year)}</th>
                    <td class="num">{format::score(&y.score)}</td>
                    <td>{format!("{areas} ({note})")}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <h3>"Alla områden per år"</h3>
        <figure class="chart-figure">
            <TrendChart title="Andel uppfyllda indikatorer per år, alla inlästa områden sammanlagt".to_owned() series/>
        </figure>
        {table_scroll(view! {
            <table>
                <caption>"Alla inlästa områden per år"</caption>
                <thead>
                    <tr>
                        <th scope="col">"År"</th>
                        <th scope="col" class="num">"Uppfyllda"</th>
                        <th scope="col">"Områden"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        })}
    }
    .into_any()
}
