//! Kvalitetsområden (Kvalitetsdimensioner for files of the model of 2023–): the table area ×
//! quality group with fractions (the Tyresö table), the pooled totals per group, and each
//! area's indikatorområden.

use crate::ui::table_scroll::table_scroll;
use leptos::prelude::*;

use super::oversikt::year_text;
use super::{with_report, FigureButton};
use crate::compare::targets::TargetAssessment;
use crate::report::{QualityLine, Report};
use crate::score::QualityGroup;
use crate::ui::format;

#[component]
pub fn Kvalitetsomraden() -> impl IntoView {
    with_report(|report| {
        let groups: Vec<QualityGroup> = report
            .quality_totals
            .iter()
            .map(|l| l.group.clone())
            .collect();
        let head = groups
            .iter()
            .map(|g| view! { <th scope="col" class="num">{g.name.clone()}</th> })
            .collect_view();
        let rows = report
            .areas
            .iter()
            .map(|area| {
                let name = format!("{} {}", area.name, year_text(area.year));
                let cells = groups
                    .iter()
                    .map(|g| {
                        let line = area.quality.iter().find(|l| l.group.key == g.key);
                        cell(&name, g, line)
                    })
                    .collect_view();
                let total = format::score(&area.total.score);
                view! {
                    <tr data-testid="kvalitet-rad" data-omrade=area.area.key()>
                        <th scope="row">{name.clone()}</th>
                        {cells}
                        <td class="num strong" data-label="Totalt">
                            <FigureButton text=total title=format!("{name}: totalt") figure=area.total.clone()/>
                            {target_text(area.total_target.as_ref())}
                        </td>
                    </tr>
                }
            })
            .collect_view();
        let totals = groups
            .iter()
            .map(|g| {
                let line = report.quality_totals.iter().find(|l| l.group.key == g.key);
                cell("Alla områden", g, line)
            })
            .collect_view();
        let total = format::score(&report.total.score);
        let grouping = report.grouping();
        let note = format!(
            "Varje cell är uppfyllda av besvarade indikatorer inom {}. Raden Alla områden lägger ihop antalen, inte procenten. Välj en siffra för att se cellerna bakom den.{}",
            grouping.definite(),
            if grouping == crate::score::Grouping::Bada {
                " Filer från före 2023 grupperar efter kvalitetsområden, filer enligt modellen från 2023 efter kvalitetsdimensioner; de räknas var för sig."
            } else {
                ""
            }
        );
        view! {
            <p class="note">{note}</p>
            {table_scroll(view! {
                <table class="quality-table cards" data-testid="kvalitetstabell">
                    <caption>{format!("{} – uppfyllda indikatorer per verksamhetsområde och {}", report.unit.name, grouping.singular())}</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Verksamhetsområde"</th>
                            {head}
                            <th scope="col" class="num">"Totalt"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                    <tfoot>
                        <tr>
                            <th scope="row">"Alla områden"</th>
                            {totals}
                            <td class="num strong" data-label="Totalt">
                                <FigureButton text=total title="Alla områden: totalt".to_owned() figure=report.total.clone()/>
                            </td>
                        </tr>
                    </tfoot>
                </table>
            })}
            <IndicatorAreas report/>
        }
    })
}

fn cell(row: &str, group: &QualityGroup, line: Option<&QualityLine>) -> impl IntoView {
    match line {
        Some(line) if line.figure.score.tally.indicators() > 0 => {
            let text = format::score(&line.figure.score);
            let title = format!("{row}: {}", group.name);
            let target = target_text(line.target.as_ref());
            view! {
                <td class="num" data-label=group.name.clone()>
                    <FigureButton text title figure=line.figure.clone()/>
                    {target}
                </td>
            }
            .into_any()
        }
        _ => view! { <td class="num muted" data-label=group.name.clone()>"–"</td> }.into_any(),
    }
}

fn target_text(target: Option<&TargetAssessment>) -> Option<impl IntoView> {
    let target = target?;
    let status = target
        .status
        .map(|s| s.label().to_owned())
        .unwrap_or_else(|| "ingen bedömning".into());
    Some(view! {
        <span class="target">{format!("mål {} %: {status}", target.target.percent)}</span>
    })
}

/// Each area's indikatorområden with their own scores.
#[component]
fn IndicatorAreas(report: std::sync::Arc<Report>) -> impl IntoView {
    let sections = report
        .areas
        .iter()
        .filter(|a| !a.indicator_areas.is_empty())
        .map(|area| {
            let rows = area
                .indicator_areas
                .iter()
                .map(|g| {
                    view! {
                        <tr>
                            <th scope="row">{g.name.clone()}</th>
                            <td class="num">{format::score(&g.score)}</td>
                            <td class="num">{g.columns.len()}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <details class="indicator-areas">
                    <summary>{format!("Indikatorområden: {} {}", area.name, year_text(area.year))}</summary>
                    {table_scroll(view! {
                        <table>
                            <caption>{format!("{} – indikatorområden", area.name)}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">"Indikatorområde"</th>
                                    <th scope="col" class="num">"Uppfyllda"</th>
                                    <th scope="col" class="num">"Indikatorer"</th>
                                </tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                    })}
                </details>
            }
        })
        .collect_view();
    view! {
        <h3>"Indikatorområden"</h3>
        {sections}
    }
}
