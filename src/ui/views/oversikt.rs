//! Översikt: per area the fraction and percentage, the place among the peer set with its
//! quartile band, the change since the previous year, and the total of all loaded areas.

use crate::ui::table_scroll::table_scroll;
use leptos::prelude::*;

use super::{band_badge, rank_text, with_report, FigureButton};
use crate::app_state::View;
use crate::report::{AreaReport, Report};
use crate::score::Score;
use crate::ui::charts::{Bar, BarChart};
use crate::ui::context::Choices;
use crate::ui::format;
use crate::ui::unnamed::UnnamedAreas;

#[component]
pub fn Oversikt() -> impl IntoView {
    let choices = expect_context::<Choices>();
    // A table naming no area is in no figure below: said first, with the way to name it.
    let figures = with_report(move |report| {
        let surveys = surveys_note(choices, &report);
        if report.areas.is_empty() {
            return view! {
                <p class="note">"De inlästa filerna är enhetsundersökningar: de redovisar enheter, inte kommunens egna svar per verksamhetsområde."</p>
                {surveys}
            }
            .into_any();
        }
        let bars = bars(&report);
        let chart_title = format!(
            "Andel uppfyllda indikatorer per verksamhetsområde för {}. Samma siffror som i tabellen.",
            report.unit.name
        );
        let rows = report.areas.iter().map(area_row).collect_view();
        let total_row = total_row(&report);
        view! {
            <p class="note">
                "Uppfyllda indikatorer av de besvarade (Ja, Delvis eller Nej). Totalen lägger ihop antalen för alla inlästa områden – den är inget medelvärde av procenten. Välj en siffra för att se cellerna bakom den."
            </p>
            {table_scroll(view! {
                <table class="overview cards" data-testid="oversikt">
                    <caption>{format!("{} – uppfyllda indikatorer per verksamhetsområde", report.unit.name)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Verksamhetsområde"</th>
                            <th scope="col">"År"</th>
                            <th scope="col" class="num">"Uppfyllda"</th>
                            <th scope="col">"Plats i jämförelsegruppen"</th>
                            <th scope="col">"Kvartil"</th>
                            <th scope="col">"Förändring sedan föregående år"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                    <tfoot>{total_row}</tfoot>
                </table>
            })}
            {surveys}
            <figure class="chart-figure">
                <BarChart title=chart_title bars/>
                <figcaption>"Diagrammet visar samma siffror som tabellen ovan."</figcaption>
            </figure>
        }
        .into_any()
    });
    view! {
        <UnnamedAreas/>
        {figures}
    }
}

/// One line per enhetsundersökning: the kommun's units pooled, and a way to the Enheter view.
fn surveys_note(choices: Choices, report: &Report) -> Option<impl IntoView> {
    if report.unit_surveys.is_empty() {
        return None;
    }
    let items = report
        .unit_surveys
        .iter()
        .map(|s| {
            let all = s.kommun_total.iter().find(|p| p.regi.is_none());
            let text = match all {
                Some(p) if p.units > 0 => format!(
                    "{} ({}): {}, sammanlagt {} uppfyllda indikatorer.",
                    s.title(),
                    crate::report::text::area_short_name(s.area),
                    format::plural(p.units as usize, "enhet", "enheter"),
                    format::score(&p.figure.score)
                ),
                _ => format!(
                    "{} ({}): {} har inga enheter i filen.",
                    s.title(),
                    crate::report::text::area_short_name(s.area),
                    report.unit.name
                ),
            };
            view! { <li>{text}</li> }
        })
        .collect_view();
    Some(view! {
        <section class="surveys" aria-labelledby="enkater-rubrik" data-testid="oversikt-enheter">
            <h3 id="enkater-rubrik">"Enhetsundersökningar"</h3>
            <ul>{items}</ul>
            <p>
                <button type="button" class="link-button" on:click=move |_| choices.go(View::Enheter)>
                    "Visa enheterna"
                </button>
            </p>
        </section>
    })
}

fn area_row(area: &AreaReport) -> impl IntoView {
    let score = area.total.score;
    let text = format::score(&score);
    let title = format!(
        "{} {}: uppfyllda indikatorer",
        area.name,
        year_text(area.year)
    );
    let (rank, band, group) = match &area.peers {
        Some(p) => (
            rank_text(&p.placement),
            band_badge(&p.placement).into_any(),
            p.set.name.clone(),
        ),
        None => (
            "–".to_owned(),
            view! { <span class="band ingen">"–"</span> }.into_any(),
            area.peer_error.clone().unwrap_or_default(),
        ),
    };
    let change = change_cell(area);
    let key = area.area.key();
    view! {
        <tr data-testid="oversikt-rad" data-omrade=key>
            <th scope="row">{area.name.clone()}</th>
            <td data-label="År">{year_text(area.year)}</td>
            <td class="num" data-testid="uppfyllda" data-label="Uppfyllda">
                <FigureButton text title figure=area.total.clone()/>
            </td>
            <td data-testid="plats" data-label="Plats i jämförelsegruppen">
                {rank}
                <span class="hint">{group}</span>
            </td>
            <td data-label="Kvartil">{band}</td>
            <td data-testid="forandring" data-label="Förändring sedan föregående år">{change}</td>
        </tr>
    }
}

fn total_row(report: &Report) -> impl IntoView {
    let score = report.total.score;
    let text = format::score(&score);
    let previous = report
        .total_by_year
        .iter()
        .rev()
        .nth(1)
        .filter(|y| y.complete)
        .map(|y| {
            change_view(
                format::change_points(score.share, y.score.share).unwrap_or_default(),
                &y.score,
                y.year,
            )
            .into_any()
        })
        .unwrap_or_else(|| "–".into_any());
    view! {
        <tr data-testid="oversikt-totalt">
            <th scope="row">"Totalt, alla inlästa områden"</th>
            <td></td>
            <td class="num" data-testid="uppfyllda" data-label="Uppfyllda">
                <FigureButton text title="Totalt, alla inlästa områden: uppfyllda indikatorer".to_owned() figure=report.total.clone()/>
            </td>
            <td></td>
            <td></td>
            <td data-label="Förändring sedan föregående år">{previous}</td>
        </tr>
    }
}

fn change_cell(area: &AreaReport) -> AnyView {
    match area.earlier.first() {
        Some(before) => change_view(
            format::change_points(area.total.score.share, before.score.share)
                .unwrap_or_else(|| "–".into()),
            &before.score,
            before.year,
        )
        .into_any(),
        None => "inget tidigare år inläst".into_any(),
    }
}

/// "+6 procentenheter (53 % 2019)", the earlier figure kept on one line: a narrow column must
/// not break "53" from its "%".
fn change_view(change: String, before: &Score, year: Option<u16>) -> impl IntoView {
    let earlier = format!("({} {})", before.percent_sv(), year_text(year));
    view! { {change} " " <span class="nowrap">{earlier}</span> }
}

fn bars(report: &Report) -> Vec<Bar> {
    let mut bars: Vec<Bar> = report
        .areas
        .iter()
        .map(|a| Bar {
            label: a.name.clone(),
            share: a.total.score.share.map(|r| r.to_f64()),
            text: format::score(&a.total.score),
            strong: false,
        })
        .collect();
    bars.push(Bar {
        label: "Totalt".into(),
        share: report.total.score.share.map(|r| r.to_f64()),
        text: format::score(&report.total.score),
        strong: true,
    });
    bars
}

/// "2020", or "okänt år".
pub fn year_text(year: Option<u16>) -> String {
    year.map(|y| y.to_string())
        .unwrap_or_else(|| "okänt år".into())
}
