//! Indikatorer: every indicator of one area with the own outcome, the share of peers with Ja
//! and riket; filters; förbättringsområden and styrkor; numeric indicators among peers.

use std::sync::Arc;

use crate::ui::table_scroll::table_scroll;
use leptos::prelude::*;

use super::{band_badge, current_area, outcome_badge, rank_text, with_report, AreaChooser};
use crate::compare::indicators::{AggregateShare, IndicatorComparison, JaShare};
use crate::compare::numeric::DirectionSource;
use crate::model::Definition;
use crate::report::AreaReport;
use crate::score::{DelvisRule, Figure, Tally};
use crate::ui::context::{Cells, Choices};

/// Which indicators the table shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum OutcomeFilter {
    Alla,
    Uppfyllda,
    EjUppfyllda,
    Obesvarade,
}

#[component]
pub fn Indikatorer() -> impl IntoView {
    let choices = expect_context::<Choices>();
    let quality = RwSignal::new(String::new());
    let outcome = RwSignal::new(OutcomeFilter::Alla);
    let search = RwSignal::new(String::new());
    with_report(move |report| {
        let Some(area) = current_area(choices, &report) else {
            return view! { <p class="empty-state">"Inga områden inlästa."</p> }.into_any();
        };
        let area = Arc::new(area);
        let rule = report.options.delvis;
        let group_word = area.grouping.column();
        let groups: Vec<(String, String)> = {
            let mut g: Vec<(String, String)> = Vec::new();
            for line in &area.indicators {
                if !g.iter().any(|(k, _)| *k == line.quality.key) {
                    g.push((line.quality.key.clone(), line.quality.name.clone()));
                }
            }
            g
        };
        let table_area = area.clone();
        let visible = Memo::new(move |_| {
            let q = quality.get();
            let o = outcome.get();
            let s = crate::model::normalize_label(&search.get());
            table_area
                .indicators
                .iter()
                .enumerate()
                .filter(|(_, l)| q.is_empty() || l.quality.key == q)
                .filter(|(_, l)| match o {
                    OutcomeFilter::Alla => true,
                    OutcomeFilter::Uppfyllda => l.fulfilled,
                    OutcomeFilter::EjUppfyllda => l.own.is_answer() && !l.fulfilled,
                    OutcomeFilter::Obesvarade => !l.own.is_answer(),
                })
                .filter(|(_, l)| {
                    s.is_empty()
                        || crate::model::normalize_label(&l.name).contains(&s)
                        || l.code
                            .as_deref()
                            .is_some_and(|c| crate::model::normalize_label(c).contains(&s))
                })
                .map(|(i, l)| (i, l.clone()))
                .collect::<Vec<_>>()
        });
        let count_area = area.clone();
        let count = move || {
            let n = visible.with(|v| v.len());
            format!("Visar {n} av {} indikatorer.", count_area.indicators.len())
        };
        let rows_area = area.clone();
        view! {
            <AreaChooser report=report.clone()/>
            <div class="filters" role="group" aria-label="Filtrera indikatorerna">
                <p>
                    <label for="filter-kvalitet">{group_word}</label>
                    <select id="filter-kvalitet" on:change=move |ev| quality.set(event_target_value(&ev))>
                        <option value="">"Alla"</option>
                        {groups.into_iter().map(|(k, n)| view! { <option value=k>{n}</option> }).collect_view()}
                    </select>
                </p>
                <p>
                    <label for="filter-utfall">"Utfall"</label>
                    <select
                        id="filter-utfall"
                        on:change=move |ev| outcome.set(match event_target_value(&ev).as_str() {
                            "uppfyllda" => OutcomeFilter::Uppfyllda,
                            "ej" => OutcomeFilter::EjUppfyllda,
                            "obesvarade" => OutcomeFilter::Obesvarade,
                            _ => OutcomeFilter::Alla,
                        })
                    >
                        <option value="alla">"Alla"</option>
                        <option value="uppfyllda">"Uppfyllda"</option>
                        <option value="ej">"Ej uppfyllda"</option>
                        <option value="obesvarade">"Ej aktuella, kan inte svara, saknas"</option>
                    </select>
                </p>
                <p>
                    <label for="filter-sok">"Sök indikator"</label>
                    <input id="filter-sok" type="text" on:input=move |ev| search.set(event_target_value(&ev))/>
                </p>
            </div>
            <p class="note" role="status" aria-live="polite">{count}</p>
            {table_scroll(view! {
                <table class="indicators" data-testid="indikatorer">
                    <caption>{format!("{} – indikatorer, {} {}", report.unit.name, area.name, super::oversikt::year_text(area.year))}</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Indikator"</th>
                            <th scope="col">{group_word}</th>
                            <th scope="col">{report.unit.name.clone()}</th>
                            <th scope="col" class="num">"Jämförelsegruppen med Ja"</th>
                            <th scope="col" class="num">"Riket med Ja"</th>
                            <th scope="col" class="num">"Länet med Ja"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || visible.get().into_iter().map(|(_, l)| indicator_row(&l, rule)).collect_view()}
                    </tbody>
                </table>
            })}
            <Highlights area=rows_area.clone() rule lan=report.unit.lan.as_ref().map(|(_, name)| name.clone())/>
            <Numeric area=rows_area/>
        }
        .into_any()
    })
}

fn indicator_row(line: &IndicatorComparison, rule: DelvisRule) -> impl IntoView {
    let name = match &line.code {
        Some(code) => format!("{code} {}", line.name),
        None => line.name.clone(),
    };
    let figure = own_figure(line, rule);
    let cells = expect_context::<Cells>();
    let title = format!("{name}: eget utfall");
    let label = format!("{}: visa cellen", line.own.label());
    let about = indicator_facts(line);
    let definition = definition_details(&name, line.definition.as_ref());
    view! {
        <tr data-testid="indikator">
            <th scope="row">
                {name}
                {about.map(|text| view! { <span class="hint indicator-facts">{text}</span> })}
                {line.comparability.clone().map(|note| view! {
                    <span class="flag">{format!("⚑ inte helt jämförbar med tidigare år: {note}")}</span>
                })}
                {definition}
            </th>
            <td>{line.quality.name.clone()}</td>
            <td>
                <button type="button" class="figure outcome" aria-label=label on:click=move |_| cells.show(title.clone(), &figure)>
                    {outcome_badge(line.own)}
                </button>
            </td>
            <td class="num">{ja_share(&line.peers)}</td>
            <td class="num">{aggregate(line.riket.as_ref())}</td>
            <td class="num">{aggregate(line.lan.as_ref())}</td>
        </tr>
    }
}

/// An indicator's definition behind a disclosure of its own (closed, so the table stays
/// readable): the description sheet's text, its other columns and where it was read, or that no
/// loaded file describes it.
fn definition_details(name: &str, definition: Option<&Definition>) -> impl IntoView {
    let text = Definition::text_or_none(definition).to_owned();
    let fields = definition
        .map(|d| d.fields.clone())
        .unwrap_or_default()
        .into_iter()
        .map(|(key, value)| view! { <dt>{key}</dt><dd>{value}</dd> })
        .collect_view();
    let source = definition.map(|d| {
        view! { <p class="hint">{format!("Ur {}, bladet {}.", d.file, d.sheet)}</p> }
    });
    view! {
        <details class="definition" data-testid="definition">
            <summary>
                "Definition"
                <span class="visually-hidden">{format!(" av {name}")}</span>
            </summary>
            <p class="definition-text">{text}</p>
            <dl class="definition-fields">{fields}</dl>
            {source}
        </details>
    }
}

/// What the file says about an indicator of the model of 2023–: "kvalitetsindikator · process
/// · målvärde: Ja · mätperiod: 2024", or nothing for the files of the seed era.
pub fn indicator_facts(line: &IndicatorComparison) -> Option<String> {
    facts(
        line.category.map(|c| c.label()),
        line.indicator_type.map(|t| t.label()),
        line.target.as_deref(),
        line.period.as_deref(),
    )
}

fn facts(
    category: Option<&str>,
    kind: Option<&str>,
    target: Option<&str>,
    period: Option<&str>,
) -> Option<String> {
    let parts: Vec<String> = [
        category.map(str::to_owned),
        kind.map(str::to_owned),
        target.map(|t| format!("målvärde: {t}")),
        period.map(|p| format!("mätperiod: {p}")),
    ]
    .into_iter()
    .flatten()
    .collect();
    (!parts.is_empty()).then(|| parts.join(" · "))
}

/// A figure of one indicator: the own cell.
fn own_figure(line: &IndicatorComparison, rule: DelvisRule) -> Figure {
    Figure::new(
        Tally::of([line.own]),
        rule,
        line.own_cell.clone().into_iter().collect(),
    )
}

/// "12 av 31 (39 %)".
pub fn ja_share(share: &JaShare) -> String {
    let answered = share.tally.denominator() + share.tally.kan_inte_svara;
    match share.share {
        Some(r) => format!("{} av {answered} ({})", share.tally.ja, r.percent_sv()),
        None => "–".into(),
    }
}

fn aggregate(share: Option<&AggregateShare>) -> String {
    let Some(share) = share else {
        return "–".into();
    };
    let ours = share
        .recomputed
        .share
        .map(|r| r.percent_sv())
        .unwrap_or_else(|| "–".into());
    match (share.disagrees, share.printed) {
        (true, Some(printed)) => format!("{ours} (filen: {} %)", crate::sv::number(printed)),
        _ => ours,
    }
}

/// "Att lära av: Danderyd och Nacka." — who fulfils the förbättringsområde on `line` (in the
/// peer group, else the län), worded as the report text words it; none when it is not one.
pub fn learn_text(area: &AreaReport, line: u32, lan: Option<&str>) -> Option<String> {
    area.learn_from
        .iter()
        .find(|l| l.line == line)
        .map(|learn| crate::report::text::learn_line("Att lära av", learn, lan))
}

/// Förbättringsområden, each with who to learn from, and styrkor.
#[component]
fn Highlights(area: Arc<AreaReport>, rule: DelvisRule, lan: Option<String>) -> impl IntoView {
    let list = |indices: &[u32]| {
        indices
            .iter()
            .filter_map(|&i| area.indicators.get(i as usize).map(|l| (i, l)))
            .map(|(i, l)| {
                let name = match &l.code {
                    Some(code) => format!("{code} {}", l.name),
                    None => l.name.clone(),
                };
                let learn = learn_text(&area, i, lan.as_deref());
                view! {
                    <li>
                        {name}
                        " – "
                        {outcome_badge(l.own)}
                        {format!(", jämförelsegruppen med Ja: {}", ja_share(&l.peers))}
                        {learn.map(|text| view! { <span class="hint learn" data-testid="att-lara-av">{text}</span> })}
                    </li>
                }
            })
            .collect_view()
    };
    let improve = list(&area.forbattringsomraden);
    let strong = list(&area.styrkor);
    let n_improve = area.forbattringsomraden.len();
    let n_strong = area.styrkor.len();
    let rule_note = if rule == DelvisRule::Uppfylld {
        "Delvis räknas som uppfylld."
    } else {
        "Delvis räknas inte som uppfylld."
    };
    view! {
        <div class="highlights">
            <section aria-labelledby="forbattring-rubrik" data-testid="forbattringsomraden">
                <h3 id="forbattring-rubrik">"Förbättringsområden"</h3>
                <p class="note">{format!("Ej uppfyllda indikatorer som de flesta i jämförelsegruppen uppfyller, mest uppfyllda först. {rule_note}")}</p>
                {if n_improve == 0 {
                    view! { <p>"Inga."</p> }.into_any()
                } else {
                    view! { <ol>{improve}</ol> }.into_any()
                }}
            </section>
            <section aria-labelledby="styrkor-rubrik" data-testid="styrkor">
                <h3 id="styrkor-rubrik">"Styrkor"</h3>
                <p class="note">"Uppfyllda indikatorer som färre än hälften i jämförelsegruppen har Ja på, ovanligast först."</p>
                {if n_strong == 0 {
                    view! { <p>"Inga."</p> }.into_any()
                } else {
                    view! { <ol>{strong}</ol> }.into_any()
                }}
            </section>
        </div>
    }
}

/// Numeric indicators — välfärdsindikatorer and nyckeltal in the model of 2023– — with the own
/// value, the place among peers and the quartile band (when the direction is known).
#[component]
fn Numeric(area: Arc<AreaReport>) -> impl IntoView {
    if area.numeric.is_empty() {
        return ().into_any();
    }
    let categorised = area.numeric.iter().any(|n| n.category.is_some());
    let rows = area
        .numeric
        .iter()
        .map(|n| {
            let value = n
                .own
                .value
                .map(crate::sv::number)
                .unwrap_or_else(|| "–".into());
            let measure = n.measure.clone().unwrap_or_default();
            let direction = match (n.direction_source, n.direction) {
                (DirectionSource::Ingen, _) => "–",
                (_, crate::model::Direction::HigherIsBetter) => "högre är bättre",
                (_, crate::model::Direction::LowerIsBetter) => "lägre är bättre",
            };
            let about = facts(
                n.category.map(|c| c.label()),
                n.indicator_type.map(|t| t.label()),
                n.target.as_deref(),
                n.period.as_deref(),
            );
            let median = n
                .spread
                .as_ref()
                .map(|s| crate::sv::number(s.median))
                .unwrap_or_else(|| "–".into());
            view! {
                <tr data-testid="tal">
                    <th scope="row">
                        {n.name.clone()}
                        {about.map(|text| view! { <span class="hint indicator-facts">{text}</span> })}
                        {n.comparability.clone().map(|note| view! {
                            <span class="flag">{format!("⚑ inte helt jämförbar med tidigare år: {note}")}</span>
                        })}
                        {definition_details(&n.name, n.definition.as_ref())}
                    </th>
                    <td class="num">{format!("{value} {measure}")}</td>
                    <td>{format!("{direction} ({})", n.direction_source.label())}</td>
                    <td>{rank_text(&n.placement)}</td>
                    <td>{band_badge(&n.placement)}</td>
                    <td class="num">{median}</td>
                    <td class="num">{n.riket.map(crate::sv::number).unwrap_or_else(|| "–".into())}</td>
                </tr>
            }
        })
        .collect_view();
    let (heading, note) = if categorised {
        let numbers: Vec<_> = area
            .numeric
            .iter()
            .filter(|n| n.category.is_some())
            .collect();
        (
            crate::report::text::numbers_heading(&numbers),
            "Bara kvalitetsindikatorer med svaren Ja, Delvis eller Nej räknas som uppfyllda. Talen visas bredvid jämförelsegruppen och riket; de rangordnas bara när filen anger vilket håll som är bättre.",
        )
    } else {
        (
            "Indikatorer med tal".to_owned(),
            "De räknas inte som uppfyllda eller ej; de placeras bland jämförelsegruppen.",
        )
    };
    view! {
        <h3>{heading.clone()}</h3>
        <p class="note">{note}</p>
        {table_scroll(view! {
            <table data-testid="tal-tabell">
                <caption>{heading}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Indikator"</th>
                        <th scope="col" class="num">"Värde"</th>
                        <th scope="col">"Riktning"</th>
                        <th scope="col">"Plats"</th>
                        <th scope="col">"Kvartil"</th>
                        <th scope="col" class="num">"Median i gruppen"</th>
                        <th scope="col" class="num">"Riket"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        })}
    }
    .into_any()
}
