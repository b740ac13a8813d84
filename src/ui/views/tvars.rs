//! Tvärs över områden: one indicator family (SIP-rutin, kompetensutvecklingsplan, systematisk
//! uppföljning …) across every loaded area, with its pooled score (ÖJ 2017, table 3).

use crate::ui::table_scroll::table_scroll;
use leptos::prelude::*;

use super::{outcome_badge, with_report, FigureButton};
use crate::report::FamilyReport;
use crate::score::{DelvisRule, Figure, Tally};
use crate::ui::context::Cells;
use crate::ui::format;

#[component]
pub fn Tvars() -> impl IntoView {
    with_report(|report| {
        let rule = report.options.delvis;
        if report.families.is_empty() {
            return view! {
                <p class="empty-state">"Ingen indikatorfamilj (till exempel rutin för SIP eller systematisk uppföljning) finns i mer än de inlästa områdenas egna namn. Läs in fler områden."</p>
            }
            .into_any();
        }
        let summary = report
            .families
            .iter()
            .map(|f| {
                let figure = family_figure(f, rule);
                view! {
                    <tr data-testid="familj">
                        <th scope="row"><a href=format!("#familj-{}", f.key)>{f.name.clone()}</a></th>
                        <td class="num">
                            <FigureButton text=format::score(&f.score) title=format!("{}: alla områden", f.name) figure/>
                        </td>
                        <td class="num">{f.members.len()}</td>
                    </tr>
                }
            })
            .collect_view();
        let details = report
            .families
            .iter()
            .map(|f| family_section(f, rule))
            .collect_view();
        view! {
            <p class="note">"Samma slags indikator i olika verksamhetsområden, räknad tillsammans (antalen läggs ihop)."</p>
            {table_scroll(view! {
                <table data-testid="familjer">
                    <caption>{format!("{} – indikatorfamiljer över områdena", report.unit.name)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Indikatorfamilj"</th>
                            <th scope="col" class="num">"Uppfyllda"</th>
                            <th scope="col" class="num">"Indikatorer"</th>
                        </tr>
                    </thead>
                    <tbody>{summary}</tbody>
                </table>
            })}
            {details}
        }
        .into_any()
    })
}

fn family_figure(family: &FamilyReport, rule: DelvisRule) -> Figure {
    Figure::new(
        Tally::of(family.members.iter().map(|m| m.own)),
        rule,
        family
            .members
            .iter()
            .filter_map(|m| m.cell.clone())
            .collect(),
    )
}

fn family_section(family: &FamilyReport, rule: DelvisRule) -> impl IntoView {
    let rows = family
        .members
        .iter()
        .map(|m| {
            let figure = Figure::new(Tally::of([m.own]), rule, m.cell.clone().into_iter().collect());
            let title = format!("{} ({})", m.name, m.area.name());
            let cells = expect_context::<Cells>();
            let label = format!("{}: visa cellen", m.own.label());
            view! {
                <tr>
                    <td>{format!("{} {}", m.area.name(), m.year.map(|y| y.to_string()).unwrap_or_default())}</td>
                    <th scope="row">{m.name.clone()}</th>
                    <td>
                        <button type="button" class="figure outcome" aria-label=label on:click=move |_| cells.show(title.clone(), &figure)>
                            {outcome_badge(m.own)}
                        </button>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="family" id=format!("familj-{}", family.key) aria-labelledby=format!("familj-{}-rubrik", family.key)>
            <h3 id=format!("familj-{}-rubrik", family.key)>{format!("{}: {}", family.name, format::score(&family.score))}</h3>
            {table_scroll(view! {
                <table>
                    <caption>{family.name.clone()}</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Område"</th>
                            <th scope="col">"Indikator"</th>
                            <th scope="col">"Utfall"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            })}
        </section>
    }
}
