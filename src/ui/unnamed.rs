//! The tables that name no verksamhetsområde, said where the user looks (Översikt and the file
//! card), each with a button to its area select in Tolkning: until an area is chosen no figure
//! counts the table.

use leptos::prelude::*;

use super::browser;
use super::context::{Choices, FileStatus, Files};
use crate::app_state::tolkning::{unnamed_tables, Unnamed};
use crate::app_state::View;
use crate::protocol::FileSummary;

/// Every unnamed table of the files read (nothing when there is none).
#[component]
pub fn UnnamedAreas() -> impl IntoView {
    let files = expect_context::<Files>();
    let tables = Memo::new(move |_| {
        files.list.with(|list| {
            list.iter()
                .filter_map(|f| match &f.status {
                    FileStatus::Read(s) => Some(unnamed_tables(s)),
                    _ => None,
                })
                .flatten()
                .collect::<Vec<_>>()
        })
    });
    move || {
        let tables = tables.get();
        (!tables.is_empty()).then(|| {
            view! {
                <section class="unnamed" aria-labelledby="utan-omrade-rubrik" data-testid="utan-omrade">
                    <h3 id="utan-omrade-rubrik">"Tabeller utan verksamhetsområde"</h3>
                    {unnamed_list(tables)}
                </section>
            }
        })
    }
}

/// The unnamed tables of one file, for its card.
pub fn unnamed_of_file(summary: &FileSummary) -> Option<impl IntoView> {
    let tables = unnamed_tables(summary);
    (!tables.is_empty()).then(|| {
        view! { <div class="unnamed" data-testid="fil-utan-omrade">{unnamed_list(tables)}</div> }
    })
}

fn unnamed_list(tables: Vec<Unnamed>) -> impl IntoView {
    let items = tables
        .into_iter()
        .map(|t| view! { <li>{t.sentence.clone()}" "<ChooseArea table=t/></li> })
        .collect_view();
    view! { <ul class="unnamed-list">{items}</ul> }
}

/// Opens Tolkning with the focus on the table's Verksamhetsområde select.
#[component]
fn ChooseArea(table: Unnamed) -> impl IntoView {
    let choices = expect_context::<Choices>();
    let Unnamed {
        select_id, action, ..
    } = table;
    let open = move |_| {
        choices.go(View::Tolkning);
        let id = select_id.clone();
        // After the view is drawn and its heading focused (`Choices::go`): then the select.
        request_animation_frame(move || request_animation_frame(move || browser::focus(&id)));
    };
    view! {
        <button type="button" class="link-button" aria-label=action on:click=open>
            {crate::app_state::tolkning::UNNAMED_ACTION}
        </button>
    }
}
