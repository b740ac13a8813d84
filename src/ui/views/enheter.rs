//! Enheter: the chosen kommun's service units from an enhetsundersökning (äldreomsorg, LSS) —
//! each unit with its regi, its fulfilled fraction (a button that opens its cells) and its
//! answers — filterable by regi, beside the kommun's units pooled, every unit of the file, and
//! per indicator the kommun's, the län's and riket's rows as the file prints them.

use std::sync::Arc;

use leptos::prelude::*;

use super::{outcome_badge, with_report, FigureButton};
use crate::compare::units::{printed_text, IndicatorAggregates, UnitSurvey};
use crate::report::text::area_short_name;
use crate::sv;
use crate::ui::charts::{Bar, BarChart};
use crate::ui::format;
use crate::ui::table_scroll::table_scroll;

#[component]
pub fn Enheter() -> impl IntoView {
    let chosen = RwSignal::new(0usize);
    let regi = RwSignal::new(None::<String>);
    with_report(move |report| {
        if report.unit_surveys.is_empty() {
            return view! {
                <p class="empty-state" data-testid="tom-vy">
                    "Ingen enhetsundersökning är inläst. Läs in Socialstyrelsens enhetsundersökning för äldreomsorg eller LSS (blad som \"Hemtjänst, enheter\") för att se kommunens enheter här."
                </p>
            }
            .into_any();
        }
        let surveys: Vec<(usize, String)> = report
            .unit_surveys
            .iter()
            .enumerate()
            .map(|(i, s)| (i, format!("{} ({})", s.title(), area_short_name(s.area))))
            .collect();
        let chooser = (surveys.len() > 1).then(|| {
            view! {
                <p class="area-chooser">
                    <label for="enhetsundersokning">"Enhetsundersökning"</label>
                    " "
                    <select
                        id="enhetsundersokning"
                        on:change=move |ev| {
                            chosen.set(event_target_value(&ev).parse().unwrap_or(0));
                            regi.set(None);
                        }
                    >
                        {surveys
                            .into_iter()
                            .map(|(i, label)| view! { <option value=i.to_string() selected=move || chosen.get() == i>{label}</option> })
                            .collect_view()}
                    </select>
                </p>
            }
        });
        let unit_name = report.unit.name.clone();
        let body = move || {
            let index = chosen
                .get()
                .min(report.unit_surveys.len().saturating_sub(1));
            let survey = report.unit_surveys.get(index).cloned()?;
            Some(view! { <Survey survey=Arc::new(survey) unit=unit_name.clone() regi/> })
        };
        view! {
            {chooser}
            <p class="note">
                "Varje enhets andel räknas som kommunens: uppfyllda av de indikatorer enheten svarat Ja, Delvis eller Nej på. Sammanlagt lägger ihop antalen, inte procenten. Kommunen, länet och riket i filen är filens egen andel enheter med Ja (för talen: filens medelvärde). Välj en siffra för att se cellerna bakom den."
            </p>
            {body}
        }
        .into_any()
    })
}

/// One survey: the regi filter, the units with their fractions, and the answers per indicator.
#[component]
fn Survey(survey: Arc<UnitSurvey>, unit: String, regi: RwSignal<Option<String>>) -> impl IntoView {
    if survey.units.is_empty() {
        return view! {
            <p class="empty-state">{format!("{unit} har inga enheter i {}.", survey.title().to_lowercase())}</p>
        }
        .into_any();
    }
    let options = survey.regi.clone();
    let filter = (!options.is_empty()).then(|| {
        let radios = options
            .into_iter()
            .map(|value| {
                let this = Some(value.clone());
                let checked = {
                    let this = this.clone();
                    move || regi.get() == this
                };
                view! {
                    <label>
                        <input type="radio" name="regi" checked=checked on:change=move |_| regi.set(this.clone())/>
                        {format!(" {value}")}
                    </label>
                }
            })
            .collect_view();
        view! {
            <fieldset class="set-choice" data-testid="regi-filter">
                <legend>"Regi"</legend>
                <label>
                    <input type="radio" name="regi" checked=move || regi.get().is_none() on:change=move |_| regi.set(None)/>
                    " Alla enheter"
                </label>
                {radios}
            </fieldset>
        }
    });
    let count = {
        let survey = survey.clone();
        move || {
            let r = regi.get();
            let shown = survey.units_of(r.as_deref()).count();
            format!("Visar {shown} av {} enheter.", survey.units.len())
        }
    };
    let tables = {
        let survey = survey.clone();
        move || {
            let r = regi.get();
            view! {
                <UnitsTable survey=survey.clone() unit=unit.clone() regi=r.clone()/>
                <AnswersTable survey=survey.clone() regi=r/>
            }
        }
    };
    view! {
        {filter}
        <p class="note" role="status" aria-live="polite" data-testid="enheter-antal">{count}</p>
        {tables}
    }
    .into_any()
}

/// "offentlig regi", or "alla enheter".
fn regi_text(regi: Option<&str>) -> String {
    match regi {
        Some(r) => format!("{} regi", r.to_lowercase()),
        None => "alla enheter".to_owned(),
    }
}

/// The units of the chosen regi with their fractions, the kommun's units and every unit of the
/// file pooled, and a chart of the same figures.
#[component]
fn UnitsTable(survey: Arc<UnitSurvey>, unit: String, regi: Option<String>) -> impl IntoView {
    let r = regi.as_deref();
    let title = survey.title();
    let rows = survey
        .units_of(r)
        .map(|u| {
            let text = format::score(&u.figure.score);
            let figure_title = format!("{} ({title})", u.name);
            view! {
                <tr data-testid="enhet-rad">
                    <th scope="row">{u.name.clone()}</th>
                    <td>{u.regi.clone().unwrap_or_else(|| "–".into())}</td>
                    <td class="num">
                        <FigureButton text title=figure_title figure=u.figure.clone()/>
                    </td>
                    <td>{u.figure.score.tally.left_out_sv()}</td>
                </tr>
            }
        })
        .collect_view();
    let pooled = |list: &[crate::compare::units::PooledUnits]| {
        list.iter().find(|p| p.regi.as_deref() == r).cloned()
    };
    let kommun = pooled(&survey.kommun_total);
    let riket = pooled(&survey.riket_total);
    let mut bars: Vec<Bar> = survey
        .units_of(r)
        .map(|u| Bar {
            label: u.name.clone(),
            share: u.figure.score.share.map(|s| s.to_f64()),
            text: format::score(&u.figure.score),
            strong: false,
        })
        .collect();
    let foot = [
        (
            format!("{} enheter sammanlagt", format::genitive(&unit)),
            kommun,
        ),
        ("Samtliga enheter i filen".to_owned(), riket),
    ]
    .into_iter()
    .filter_map(|(label, p)| {
        let p = p?;
        bars.push(Bar {
            label: label.clone(),
            share: p.figure.score.share.map(|s| s.to_f64()),
            text: format::score(&p.figure.score),
            strong: true,
        });
        let text = format::score(&p.figure.score);
        let count = format::plural(p.units as usize, "enhet", "enheter");
        let figure = p.figure.clone();
        let button_title = format!("{label}, {}", regi_text(r));
        Some(view! {
            <tr data-testid="enheter-summa">
                <th scope="row">{label}</th>
                <td>{count}</td>
                <td class="num strong">
                    {if figure.cells.is_empty() {
                        text.into_any()
                    } else {
                        view! { <FigureButton text title=button_title figure/> }.into_any()
                    }}
                </td>
                <td>{p.figure.score.tally.left_out_sv()}</td>
            </tr>
        })
    })
    .collect_view();
    let caption = format!(
        "{unit} – enheter i {}, {}",
        title.to_lowercase(),
        regi_text(r)
    );
    let chart_title = format!(
        "Andel uppfyllda indikatorer per enhet i {unit}, {}, {}. Samma siffror som i tabellen.",
        title.to_lowercase(),
        regi_text(r)
    );
    view! {
        {table_scroll(view! {
            <table class="units" data-testid="enheter">
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Enhet"</th>
                        <th scope="col">"Regi"</th>
                        <th scope="col" class="num">"Uppfyllda"</th>
                        <th scope="col">"Utanför nämnaren"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
                <tfoot>{foot}</tfoot>
            </table>
        })}
        <figure class="chart-figure">
            <BarChart title=chart_title bars/>
            <figcaption>"Diagrammet visar samma siffror som tabellen ovan."</figcaption>
        </figure>
    }
}

/// The kommun's units recomputed for one indicator: "4 av 7 (57 %)" or the units' mean.
fn kommun_units_text(a: Option<&IndicatorAggregates>) -> String {
    let Some(a) = a else {
        return "–".into();
    };
    match (a.kommun_units, a.kommun_mean) {
        (Some(share), _) => match share.share {
            Some(s) => format!(
                "{} av {} ({})",
                share.tally.ja,
                share.tally.denominator(),
                s.percent_sv()
            ),
            None => "–".into(),
        },
        (None, Some(mean)) => sv::number((mean * 10.0).round() / 10.0),
        (None, None) => "–".into(),
    }
}

/// Every indicator: each unit's answer, then the kommun's units, the kommun, the län and riket.
#[component]
fn AnswersTable(survey: Arc<UnitSurvey>, regi: Option<String>) -> impl IntoView {
    let r = regi.as_deref();
    let units: Vec<_> = survey
        .units
        .iter()
        .enumerate()
        .filter(|(_, u)| r.is_none_or(|v| u.regi.as_deref() == Some(v)))
        .collect();
    let head = units
        .iter()
        .map(|(_, u)| view! { <th scope="col">{u.name.clone()}</th> })
        .collect_view();
    let rows = survey
        .indicators
        .iter()
        .enumerate()
        .map(|(k, indicator)| {
            let answers = units
                .iter()
                .map(|(_, u)| match u.answers.get(k) {
                    Some(a) => match a.bucket {
                        Some(bucket) => view! { <td>{outcome_badge(bucket)}</td> }.into_any(),
                        None => view! {
                            <td class="num">{a.value.map(sv::number).unwrap_or_else(|| if a.raw.is_empty() { "–".to_owned() } else { a.raw.clone() })}</td>
                        }
                        .into_any(),
                    },
                    None => view! { <td>"–"</td> }.into_any(),
                })
                .collect_view();
            let aggregates = indicator.comparisons.iter().find(|c| c.regi.as_deref() == r);
            let measure = if indicator.counted {
                String::new()
            } else {
                indicator
                    .measure
                    .as_ref()
                    .map(|m| format!(" ({m})"))
                    .unwrap_or_default()
            };
            view! {
                <tr data-testid="enhet-indikator">
                    <th scope="row">{format!("{}{measure}", indicator.name)}</th>
                    {answers}
                    <td class="num">{kommun_units_text(aggregates)}</td>
                    <td class="num">{printed_text(aggregates.and_then(|a| a.kommun.as_ref()))}</td>
                    <td class="num">{printed_text(aggregates.and_then(|a| a.lan.as_ref()))}</td>
                    <td class="num">{printed_text(aggregates.and_then(|a| a.riket.as_ref()))}</td>
                </tr>
            }
        })
        .collect_view();
    let caption = format!(
        "Svar per indikator, {}, {}. Kommunen, länet och riket: filens andel enheter med Ja i procent (talen: filens medelvärde).",
        survey.title().to_lowercase(),
        regi_text(r)
    );
    view! {
        <h3>"Svar per indikator"</h3>
        {table_scroll(view! {
            <table class="unit-answers" data-testid="enheter-svar">
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Indikator"</th>
                        {head}
                        <th scope="col" class="num">"Kommunens enheter med Ja"</th>
                        <th scope="col" class="num">"Kommunen i filen"</th>
                        <th scope="col" class="num">"Länet i filen"</th>
                        <th scope="col" class="num">"Riket i filen"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        })}
    }
}
