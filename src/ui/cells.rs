//! The dialog that shows the cells behind a figure: sheet, cell, raw value, how it was counted.

use crate::ui::table_scroll::table_scroll;
use leptos::prelude::*;

use super::browser;
use super::context::{Cells, Reports};
use super::definition::definition_body;
use super::format;
use crate::report::definitions;
use crate::score::Trace;

/// A modal `<dialog>` opened whenever [`Cells`] holds a figure; closing it clears it and focus goes
/// back to the button that opened it (the browser does that for modal dialogs).
#[component]
pub fn CellsDialog() -> impl IntoView {
    let Cells(cells) = expect_context::<Cells>();
    let reports = expect_context::<Reports>();
    Effect::new(move |_| {
        if cells.with(|c| c.is_some()) {
            request_animation_frame(|| browser::show_dialog("celler"));
        }
    });
    let close = move |_| {
        browser::close_dialog("celler");
        cells.set(None);
    };
    view! {
        <dialog
            id="celler"
            class="cells-dialog"
            aria-labelledby="celler-rubrik"
            on:close=move |_| cells.set(None)
            data-testid="celler"
        >
            {move || {
                cells
                    .get()
                    .map(|request| {
                        let score = request.figure.score;
                        let cells = request.figure.cells.clone();
                        let n = cells.len();
                        let summary = format!(
                            "{} · {} · {}",
                            format::score(&score),
                            score.rule.description(),
                            if score.tally.left_out() > 0 {
                                format!("utanför nämnaren: {}", score.tally.left_out_sv())
                            } else {
                                "inga utanför nämnaren".to_owned()
                            }
                        );
                        // Cells of one indicator: what it means, under the figure's line.
                        let definition = reports.report.with_untracked(|r| {
                            let r = r.as_ref()?;
                            definitions::of_cells(&r.areas, &cells).map(|d| d.cloned())
                        });
                        let definition = definition.map(|d| view! {
                            <section class="definition" aria-labelledby="celler-definition" data-testid="celler-definition">
                                <h3 id="celler-definition">"Definition"</h3>
                                {definition_body(d.as_ref())}
                            </section>
                        });
                        view! {
                            <h2 id="celler-rubrik">{request.title.clone()}</h2>
                            <p>{summary}</p>
                            {definition}
                            {table_scroll(view! {
                                <table class="cells">
                                    <caption>{format!("{} bakom siffran", format::plural(n, "cell", "celler"))}</caption>
                                    <thead>
                                        <tr>
                                            <th scope="col">"Indikator"</th>
                                            <th scope="col">"Fil och blad"</th>
                                            <th scope="col">"Cell"</th>
                                            <th scope="col">"Värde i cellen"</th>
                                            <th scope="col">"Räknas som"</th>
                                            <th scope="col">"Hur det räknas"</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {cells.into_iter().map(cell_row).collect_view()}
                                    </tbody>
                                </table>
                            })}
                        }
                    })
            }}
            <p class="dialog-actions">
                <button type="button" on:click=close>"Stäng"</button>
            </p>
        </dialog>
    }
}

fn cell_row(trace: Trace) -> impl IntoView {
    let name = match &trace.code {
        Some(code) => format!("{code} {}", trace.indicator_name),
        None => trace.indicator_name.clone(),
    };
    let raw = if trace.raw.is_empty() {
        "(tom)".to_owned()
    } else {
        trace.raw.clone()
    };
    view! {
        <tr>
            <th scope="row">{name}</th>
            <td>{format!("{} · {}", trace.file, trace.sheet)}</td>
            <td class="mono">{trace.cell.clone().unwrap_or_else(|| "–".into())}</td>
            <td>{raw}</td>
            <td>{super::views::outcome_badge(trace.bucket)}</td>
            <td>{trace.how.clone()}</td>
        </tr>
    }
}
