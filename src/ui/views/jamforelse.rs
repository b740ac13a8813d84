//! Jämförelse: the kommun among its peer set in one area — the distribution of the peers'
//! shares with the own kommun marked, the ranking table, and the heat map peers × indicators.

use std::sync::Arc;

use crate::ui::table_scroll::table_scroll;
use leptos::prelude::*;

use super::{band_badge, current_area, rank_text, with_report, AreaChooser};
use crate::report::{AreaReport, PeerComparison};
use crate::score::Bucket;
use crate::ui::charts::{Dot, StripPlot};
use crate::ui::context::Choices;
use crate::ui::format;

#[component]
pub fn Jamforelse() -> impl IntoView {
    let choices = expect_context::<Choices>();
    with_report(move |report| {
        let Some(area) = current_area(choices, &report) else {
            return view! { <p class="empty-state">"Inga områden inlästa."</p> }.into_any();
        };
        let body = match &area.peers {
            Some(peers) => {
                let area = Arc::new(area.clone());
                let peers = Arc::new(peers.clone());
                view! { <PeerBody area peers own=report.unit.name.clone()/> }.into_any()
            }
            None => view! {
                <p class="empty-state">
                    {area.peer_error.clone().unwrap_or_else(|| "Jämförelsegruppen kunde inte bildas.".into())}
                </p>
            }
            .into_any(),
        };
        view! {
            <AreaChooser report=report.clone()/>
            {body}
        }
        .into_any()
    })
}

#[component]
fn PeerBody(area: Arc<AreaReport>, peers: Arc<PeerComparison>, own: String) -> impl IntoView {
    let p = &peers.placement;
    let summary = match p.rank {
        Some(rank) => format!(
            "{own} har plats {rank} av {} med uppgift i gruppen {} ({} i gruppen).",
            p.with_data, peers.set.name, p.in_group
        ),
        None => format!("{own} har ingen uppgift i gruppen {}.", peers.set.name),
    };
    let dots: Vec<Dot> = peers
        .ranking
        .iter()
        .filter_map(|r| {
            let score = r.score?;
            let share = score.share?;
            Some(Dot {
                name: r.name.clone(),
                share: share.to_f64(),
                own: r.own,
                text: share.percent_sv(),
            })
        })
        .collect();
    let median = peers
        .spread
        .as_ref()
        .map(|s| (s.median.to_f64(), s.median.percent_sv()));
    let spread_text = peers
        .spread
        .as_ref()
        .map(|s| {
            format!(
                "Gruppens median är {}, lägsta {}, högsta {}, mittersta hälften {}–{} ({} med uppgift).",
                s.median.percent_sv(),
                s.min.percent_sv(),
                s.max.percent_sv(),
                s.q1.percent_sv(),
                s.q3.percent_sv(),
                s.n
            )
        })
        .unwrap_or_default();
    let chart_title = format!(
        "Andel uppfyllda indikatorer i {} för {} ({}), {} markerad som romb. Samma siffror som i rankningstabellen.",
        peers.set.name,
        area.name,
        super::oversikt::year_text(area.year),
        own
    );
    let others = [Some(&peers.riket), peers.lan.as_ref()]
        .into_iter()
        .flatten()
        .map(|g| view! { <li>{format!("{}: {}", g.name, g.placement.text)}</li> })
        .collect_view();
    view! {
        <p data-testid="jamforelse-sammanfattning">
            {summary}
            " "
            {band_badge(p)}
        </p>
        <p class="note">{format!("Källa: {}. ", peers.set.source_text)} {spread_text}</p>
        <ul class="note">{others}</ul>
        <figure class="chart-figure">
            <StripPlot title=chart_title dots median/>
            <figcaption>"Varje prick är en kommun i jämförelsegruppen; romben är den valda kommunen, den streckade linjen medianen."</figcaption>
        </figure>
        <Ranking peers=peers.clone()/>
        <Heatmap area peers/>
    }
}

#[component]
fn Ranking(peers: Arc<PeerComparison>) -> impl IntoView {
    let rows = peers
        .ranking
        .iter()
        .map(|r| {
            let score = r
                .score
                .map(|s| format::score(&s))
                .unwrap_or_else(|| "ingen uppgift".into());
            let rank = r.rank.map(|n| n.to_string()).unwrap_or_else(|| "–".into());
            let name = if r.own {
                format!("{} (vald kommun)", r.name)
            } else {
                r.name.clone()
            };
            view! {
                <tr class:own=r.own data-testid="rankning-rad">
                    <td class="num">{rank}</td>
                    <th scope="row">{name}</th>
                    <td class="num">{score}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        {table_scroll(view! {
            <table class="ranking" data-testid="rankning">
                <caption>{format!("Rankning i {}", peers.set.name)}</caption>
                <thead>
                    <tr>
                        <th scope="col" class="num">"Plats"</th>
                        <th scope="col">"Kommun"</th>
                        <th scope="col" class="num">"Uppfyllda"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        })}
        <p class="note">{rank_text(&peers.placement)}</p>
    }
}

/// Peers × indicators as a table: each cell a symbol and a colour (the symbol alone suffices).
#[component]
fn Heatmap(area: Arc<AreaReport>, peers: Arc<PeerComparison>) -> impl IntoView {
    let columns: Vec<(String, String)> = peers
        .heatmap
        .columns
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let line = area.indicators.iter().find(|l| l.column == c);
            let name = line.map(|l| l.name.clone()).unwrap_or_default();
            let short = line
                .and_then(|l| l.code.clone())
                .unwrap_or_else(|| format!("{}", i + 1));
            (short, name)
        })
        .collect();
    let head = columns
        .iter()
        .map(|(short, name)| view! { <th scope="col" title=name.clone()><abbr title=name.clone()>{short.clone()}</abbr></th> })
        .collect_view();
    // The file's quality grouping as a band over the columns (kvalitetsområden or -dimensioner).
    let groups: Vec<String> = peers
        .heatmap
        .columns
        .iter()
        .map(|&c| {
            area.indicators
                .iter()
                .find(|l| l.column == c)
                .map(|l| l.quality.name.clone())
                .unwrap_or_default()
        })
        .collect();
    let band = group_runs(&groups)
        .into_iter()
        .map(|(name, span)| view! { <th scope="colgroup" colspan=span.to_string()>{name}</th> })
        .collect_view();
    let rows = peers
        .heatmap
        .units
        .iter()
        .zip(&peers.heatmap.rows)
        .map(|(code, row)| {
            let ranked = peers.ranking.iter().find(|r| &r.code == code);
            let name = ranked.map(|r| r.name.clone()).unwrap_or_else(|| code.clone());
            let own = ranked.is_some_and(|r| r.own);
            let cells = row
                .iter()
                .map(|b| {
                    let (symbol, class) = symbol(*b);
                    view! { <td class=class><span aria-hidden="true">{symbol}</span><span class="visually-hidden">{b.label()}</span></td> }
                })
                .collect_view();
            view! {
                <tr class:own=own>
                    <th scope="row">{if own { format!("{name} (vald)") } else { name }}</th>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    let legend = columns
        .into_iter()
        .map(|(short, name)| view! { <li><strong>{short}</strong>" "{name}</li> })
        .collect_view();
    view! {
        <h3>"Värmekarta: jämförelsegruppen × indikatorer"</h3>
        <p class="note">"✓ Ja · ◐ Delvis · ✗ Nej · – Ej aktuellt · ? Kan inte svara · · Saknas"</p>
        {table_scroll(view! {
            <table class="heatmap" data-testid="varmekarta">
                <caption>{format!("{} – utfall per kommun och indikator", area.name)}</caption>
                <thead>
                    <tr class="heatmap-groups">
                        <td></td>
                        {band}
                    </tr>
                    <tr>
                        <th scope="col">"Kommun"</th>
                        {head}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        })}
        <details>
            <summary>"Indikatorernas namn"</summary>
            <ul class="legend">{legend}</ul>
        </details>
    }
}

/// Runs of equal names: (name, number of columns).
fn group_runs(names: &[String]) -> Vec<(String, usize)> {
    let mut runs: Vec<(String, usize)> = Vec::new();
    for name in names {
        match runs.last_mut() {
            Some((last, n)) if last == name => *n += 1,
            _ => runs.push((name.clone(), 1)),
        }
    }
    runs
}

fn symbol(bucket: Bucket) -> (&'static str, &'static str) {
    match bucket {
        Bucket::Ja => ("✓", "hm ja"),
        Bucket::Delvis => ("◐", "hm delvis"),
        Bucket::Nej => ("✗", "hm nej"),
        Bucket::EjAktuellt => ("–", "hm ea"),
        Bucket::KanInteSvara => ("?", "hm kis"),
        Bucket::Saknas => ("·", "hm saknas"),
    }
}
