//! Gruppöversikt: every kommun of a group (the chosen kommun's peer group, its län, any län, all)
//! × the loaded areas — the fulfilled fraction, share, place and quartile band per cell, the
//! chosen kommun marked, sortable by any column, downloadable as Excel and CSV. The worker
//! counts the table (the CLI's `report --lan/--grupp` figures) and writes the downloads.

use std::sync::Arc;

use leptos::prelude::*;

use super::{band_badge, rank_text};
use crate::app_state::group::{own_lan, sorted, GroupView, SortColumn};
use crate::app_state::report::ReportStatus;
use crate::model::Area;
use crate::protocol::{ExportFormat, GroupFigureRequest, GroupRequest};
use crate::reference::Reference;
use crate::report::group::{GroupCell, GroupRow, GroupTable};
use crate::report::tables::SourceNote;
use crate::score::DelvisRule;
use crate::ui::context::{Choices, ExportMessage, Files, Groups, Reports};
use crate::ui::format;
use crate::ui::table_scroll::table_scroll;
use crate::ui::worker;

#[component]
pub fn Grupp() -> impl IntoView {
    let choices = expect_context::<Choices>();
    let files = expect_context::<Files>();
    let groups = expect_context::<Groups>();
    // What became of an export in another view is not this view's news.
    expect_context::<ExportMessage>().0.set(String::new());
    // What to ask the worker: the group, counted with the report's options, over this version
    // of the loaded tables (a new version asks again).
    let request = Memo::new(move |_| {
        let version = files.version.get();
        if !files.has_data() {
            return None;
        }
        let report = choices.settings.with(|s| s.report_options());
        let asked = choices
            .group
            .with(|g| g.group_of(&report.kommun))
            .map(|of| GroupRequest { report, of });
        Some((version, asked))
    });
    Effect::new(move |_| {
        if let Some((_, Ok(asked))) = request.get() {
            groups.ask(asked);
        }
    });
    let body = move || match request.get() {
        None => view! {
            <p class="empty-state" data-testid="tom-vy">{ReportStatus::NoData.message()}</p>
        }
        .into_any(),
        Some((_, Err(message))) => {
            view! { <p class="empty-state" data-testid="tom-vy">{message}</p> }.into_any()
        }
        Some((_, Ok(asked))) => view! { <Answer asked/> }.into_any(),
    };
    view! {
        <GroupChooser/>
        {body}
    }
}

/// The table the worker answered (kept while the next is counted), or why there is none.
#[component]
fn Answer(asked: GroupRequest) -> impl IntoView {
    let groups = expect_context::<Groups>();
    let asked = Arc::new(asked);
    move || {
        let current = groups.current();
        let answer = groups.answer.get().map(|(_, a)| a);
        match answer {
            None => view! { <p class="empty-state">"Räknar …"</p> }.into_any(),
            Some(Err(message)) if current => {
                view! { <p class="empty-state" data-testid="tom-vy">{message}</p> }.into_any()
            }
            Some(Err(_)) => view! { <p class="empty-state">"Räknar …"</p> }.into_any(),
            Some(Ok(table)) => view! {
                <p class="status-line" data-testid="grupp-status">
                    {if current { String::new() } else { "Räknar …".to_owned() }}
                </p>
                <Downloads asked=asked.clone()/>
                <Table table/>
            }
            .into_any(),
        }
    }
}

/// The group: the chosen kommun's peer group, its län, any of the 21 län, or all kommuner.
#[component]
fn GroupChooser() -> impl IntoView {
    let choices = expect_context::<Choices>();
    let reference = Reference::get();
    let lan_options = reference
        .lan
        .iter()
        .map(|l| {
            let view = GroupView::Lan(l.kod.clone());
            let key = view.key();
            let selected = move || choices.group.with(|g| *g == view);
            view! { <option value=key selected=selected>{l.namn.clone()}</option> }
        })
        .collect_view();
    let kommun = move || choices.settings.with(|s| s.kommun.clone());
    let kommun_name = move || {
        let code = kommun();
        let city = code.split(':').next().unwrap_or_default().to_owned();
        Reference::get()
            .kommun(&city)
            .map(|k| k.namn.clone())
            .unwrap_or(code)
    };
    let peers_label = move || match kommun() {
        k if k.is_empty() => "Den valda kommunens jämförelsegrupp".to_owned(),
        _ => format!(
            "{} och dess jämförelsegrupp ({})",
            kommun_name(),
            choices.settings.with(|s| s.jamfor.text())
        ),
    };
    let own_lan_label = move || {
        let lan = own_lan(&kommun()).and_then(|c| Reference::get().lan(&c).map(|l| l.namn.clone()));
        match lan {
            Some(lan) => format!("{lan} (där {} ligger)", kommun_name()),
            None => "Den valda kommunens län".to_owned(),
        }
    };
    let is = move |v: GroupView| move || choices.group.with(|g| *g == v);
    view! {
        <p class="area-chooser">
            <label for="gruppval">"Kommuner i tabellen"</label>
            " "
            <select
                id="gruppval"
                data-testid="gruppval"
                on:change=move |ev| {
                    if let Some(view) = GroupView::from_key(&event_target_value(&ev)) {
                        choices.group.set(view);
                    }
                }
                prop:value=move || choices.group.with(GroupView::key)
            >
                <option value="jamforelsegrupp" selected=is(GroupView::Jamforelsegrupp)>{peers_label}</option>
                <option value="eget-lan" selected=is(GroupView::EgetLan)>{own_lan_label}</option>
                <optgroup label="Ett län">{lan_options}</optgroup>
                <option value="alla" selected=is(GroupView::Alla)>"Alla kommuner"</option>
            </select>
        </p>
    }
}

/// Excel and CSV of the table, written by the worker (the bytes `oj-analys report --ut` writes).
#[component]
fn Downloads(asked: Arc<GroupRequest>) -> impl IntoView {
    let ExportMessage(message) = expect_context::<ExportMessage>();
    let download = move |csv: bool| {
        let asked = asked.clone();
        move |_| {
            message.set(
                if csv {
                    "CSV-filen skapas …"
                } else {
                    "Excelfilen skapas …"
                }
                .into(),
            );
            let format = ExportFormat::Grupp {
                group: (*asked).clone(),
                csv,
            };
            worker::export(asked.report.clone(), None, format);
        }
    };
    view! {
        <div class="rapport-verktyg" role="group" aria-label="Ladda ned gruppöversikten">
            <button type="button" on:click=download(false) data-testid="grupp-excel">"Ladda ned Excel"</button>
            " "
            <button type="button" on:click=download(true) data-testid="grupp-csv">"Ladda ned CSV"</button>
        </div>
        <p class="rapport-meddelande" role="status" aria-live="polite" data-testid="grupp-meddelande">
            {move || message.get()}
        </p>
    }
}

/// The table: a row per kommun, a column per area and Totalt, each header a sort button.
#[component]
fn Table(table: Arc<GroupTable>) -> impl IntoView {
    let reports = expect_context::<Reports>();
    let chosen = expect_context::<Choices>().group_sort;
    // The order as this table can show it (the chosen column may be an area it lacks).
    let sort = {
        let table = table.clone();
        Memo::new(move |_| chosen.get().within(&table))
    };
    let mut headings: Vec<(SortColumn, String)> = vec![(SortColumn::Name, "Kommun".to_owned())];
    headings.extend(table.areas.iter().map(|a| {
        let label = match a.year {
            Some(y) => format!("{} {y}", a.name),
            None => a.name.clone(),
        };
        (SortColumn::Area(a.area), label)
    }));
    headings.push((SortColumn::Total, "Totalt".to_owned()));
    let head = headings
        .iter()
        .map(|(column, label)| {
            let column = *column;
            let class = if column == SortColumn::Name {
                ""
            } else {
                "num"
            };
            let hint = move || match sort.get().aria(column) {
                "ascending" => "▲",
                "descending" => "▼",
                _ => "↕",
            };
            view! {
                <th scope="col" class=class aria-sort=move || sort.get().aria(column)>
                    <button
                        type="button"
                        class="sort"
                        on:click=move |_| chosen.set(sort.get_untracked().toggle(column))
                    >
                        {label.clone()}
                        " "
                        <span aria-hidden="true">{hint}</span>
                    </button>
                </th>
            }
        })
        .collect_view();
    let columns: Arc<Vec<Column>> = Arc::new(
        table
            .areas
            .iter()
            .map(|a| Some(a.area))
            .chain([None])
            .zip(headings.iter().skip(1).map(|(_, label)| label.clone()))
            .collect(),
    );
    let body = {
        let table = table.clone();
        move || {
            sorted(&table, sort.get())
                .into_iter()
                .filter_map(|i| table.rows.get(i))
                .map(|row| row_view(row, &columns, table.rule))
                .collect_view()
        }
    };
    let caption = format!(
        "{} ({}): uppfyllda indikatorer per verksamhetsområde (nyaste året) och totalt, med plats \
         och kvartil bland gruppens kommuner med uppgift. {}",
        table.name,
        format::plural(table.rows.len(), "rad", "rader"),
        table.rule.description()
    );
    let sources = reports.sources.get_untracked();
    let traced = table
        .areas
        .iter()
        .map(|a| {
            let year = a.year.map(|y| format!(" {y}")).unwrap_or_default();
            view! { <li>{format!("{}{year}: {}", a.name, sources_text(&a.datasets, &sources))}</li> }
        })
        .collect_view();
    view! {
        {table_scroll(view! {
            <table class="ranking group-table" data-testid="grupptabell">
                <caption>{caption}</caption>
                <thead><tr>{head}</tr></thead>
                <tbody>{body}</tbody>
            </table>
        })}
        <p class="note">
            "Totalt lägger ihop uppfyllda och besvarade indikatorer i alla områden. Sortera med knapparna i kolumnrubrikerna; en siffra visar cellerna bakom sig. Kolumnerna är räknade från:"
        </p>
        <ul class="note" data-testid="grupp-underlag">{traced}</ul>
    }
}

/// A column of figures: its area (`None`: Totalt) and its heading.
type Column = (Option<Area>, String);

/// One kommun's row; the chosen kommun marked in text and for screen readers.
fn row_view(row: &GroupRow, columns: &[Column], rule: DelvisRule) -> impl IntoView {
    let name = if row.own {
        format!("{} (vald)", row.name)
    } else {
        row.name.clone()
    };
    let cells = row
        .cells
        .iter()
        .chain(std::iter::once(&row.total))
        .zip(columns)
        .map(|(cell, (area, label))| {
            let request = GroupFigureRequest {
                code: row.code.clone(),
                area: *area,
                rule,
            };
            cell_view(cell, request, format!("{} – {label}", row.name))
        })
        .collect_view();
    view! {
        <tr class:own=row.own aria-current=row.own.then_some("true") data-testid="grupp-rad" data-kod=row.code.clone()>
            <th scope="row">{name}</th>
            {cells}
        </tr>
    }
}

/// "5 av 8" (a button that opens the cells behind it), "63 %", "plats 3 av 26" and the
/// quartile band; "ingen rad" without a row.
fn cell_view(cell: &GroupCell, request: GroupFigureRequest, title: String) -> impl IntoView {
    let Some(score) = &cell.score else {
        return view! { <td class="num muted">"ingen rad"</td> }.into_any();
    };
    if score.denominator == 0 {
        return view! { <td class="num muted">"inga besvarade"</td> }.into_any();
    }
    let fraction = format!("{} av {}", score.uppfyllda.sv(), score.denominator);
    let place = match cell.placement.rank {
        Some(_) => format!("plats {}", rank_text(&cell.placement)),
        None => String::new(),
    };
    let label = format!("{fraction}, {title}: visa cellerna bakom siffran");
    view! {
        <td class="num group-cell">
            <button
                type="button"
                class="figure group-fraction"
                aria-label=label
                on:click=move |_| worker::group_figure(request.clone(), title.clone())
            >
                {fraction}
            </button>
            " "
            <strong class="group-percent">{score.percent_sv()}</strong>
            <span class="group-place">{place}</span>
            " "
            {band_badge(&cell.placement)}
        </td>
    }
    .into_any()
}

/// The tables a column is counted from: "fil.xlsx · Blad 1; …".
fn sources_text(datasets: &[u32], sources: &[SourceNote]) -> String {
    let named: Vec<String> = datasets
        .iter()
        .filter_map(|&i| sources.get(i as usize))
        .map(|s| format!("{} · {}", s.file, s.sheet))
        .collect();
    if named.is_empty() {
        format::plural(datasets.len(), "inläst tabell", "inlästa tabeller")
    } else {
        named.join("; ")
    }
}
