//! The two choices every view depends on: the kommun (a combobox) and the jämförelsegrupp (every
//! peer set of the engine, its source named, and a builder for an own list).

use leptos::prelude::*;

use super::combobox::UnitCombobox;
use super::context::{Choices, FileStatus, Files, Reports};
use crate::app_state::kommuner::{find, unit_options, units_in_files, UnitOption};
use crate::compare::peers::PeerChoice;

/// The unit options, marked by whether the loaded files hold them.
pub fn use_unit_options(files: Files) -> Memo<Vec<UnitOption>> {
    Memo::new(move |_| {
        let in_files = files.list.with(|files| {
            units_in_files(files.iter().filter_map(|f| match &f.status {
                FileStatus::Read(s) => Some(s.as_ref()),
                _ => None,
            }))
        });
        unit_options(&in_files)
    })
}

/// The Kommun combobox; the choice is remembered between visits.
#[component]
pub fn KommunPicker() -> impl IntoView {
    let choices = expect_context::<Choices>();
    let options = use_unit_options(expect_context::<Files>());
    let selected = Signal::derive(move || choices.settings.with(|s| s.kommun.clone()));
    let on_select = Callback::new(move |code: String| {
        choices.settings.update(|s| s.kommun = code);
    });
    view! {
        <div class="picker">
            <UnitCombobox
                id="kommun"
                label="Kommun"
                hint="Skriv namn eller kommunkod, till exempel Tyresö eller 0138."
                options
                selected
                on_select
            />
        </div>
    }
}

/// The peer set picker with the source of the chosen set, and the own-list builder.
#[component]
pub fn PeerPicker() -> impl IntoView {
    let choices = expect_context::<Choices>();
    let reports = expect_context::<Reports>();
    let offered = PeerChoice::offered();
    let offered_for_change = offered.clone();
    let current_index = Memo::new(move |_| {
        choices.settings.with(|s| {
            offered
                .iter()
                .position(|c| c.same_option(&s.jamfor))
                .unwrap_or(0)
        })
    });
    let on_change = move |ev: leptos::ev::Event| {
        let index: usize = event_target_value(&ev).parse().unwrap_or(0);
        if let Some(choice) = offered_for_change.get(index).cloned() {
            choices.settings.update(|s| s.choose_peers(choice));
        }
    };
    let description = move || choices.settings.with(|s| s.jamfor.description());
    // The sources of the resolved sets, as the engine names them (they differ per area).
    let sources = move || {
        reports.report.with(|r| {
            let mut seen: Vec<String> = Vec::new();
            if let Some(report) = r {
                for area in &report.areas {
                    if let Some(p) = &area.peers {
                        let line = format!(
                            "{}: {} – {} ({} i gruppen)",
                            area.name,
                            p.set.name,
                            p.set.source_text,
                            p.set.in_group()
                        );
                        seen.push(line);
                    } else if let Some(e) = &area.peer_error {
                        seen.push(format!("{}: {e}", area.name));
                    }
                }
            }
            seen
        })
    };
    let is_egen = move || {
        choices
            .settings
            .with(|s| matches!(s.jamfor, PeerChoice::Egen(_)))
    };
    let option_views = PeerChoice::offered()
        .into_iter()
        .enumerate()
        .map(|(i, choice)| {
            view! { <option value=i.to_string() selected=move || current_index.get() == i>{choice.label()}</option> }
        })
        .collect_view();

    view! {
        <div class="picker">
            <label for="grupp">"Jämförelsegrupp"</label>
            <span class="hint" id="grupp-hjalp">{description}</span>
            <select
                id="grupp"
                aria-describedby="grupp-hjalp grupp-kalla"
                on:change=on_change
                prop:value=move || current_index.get().to_string()
                data-testid="jamforelsegrupp"
            >
                {option_views}
            </select>
            <div id="grupp-kalla" class="sources" data-testid="grupp-kalla">
                <Show when=move || !sources().is_empty()>
                    <details class="hint">
                        <summary>"Gruppen och dess källa per område"</summary>
                        <ul>
                            {move || sources().into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}
                        </ul>
                    </details>
                </Show>
            </div>
            <Show when=is_egen>
                <OwnListBuilder/>
            </Show>
        </div>
    }
}

/// Builds the own peer list: add kommuner with a combobox, remove them with buttons.
#[component]
fn OwnListBuilder() -> impl IntoView {
    let choices = expect_context::<Choices>();
    let options = use_unit_options(expect_context::<Files>());
    let on_add = Callback::new(move |code: String| choices.settings.update(|s| s.add_own(&code)));
    let chosen = move || choices.settings.with(|s| s.egen.clone());
    view! {
        <fieldset class="own-list" data-testid="egen-lista">
            <legend>"Egen lista"</legend>
            <UnitCombobox
                id="egen-kommun"
                label="Lägg till kommun"
                options
                selected=Signal::derive(String::new)
                on_select=on_add
                clear_on_select=true
            />
            <Show
                when=move || !chosen().is_empty()
                fallback=|| view! { <p class="note">"Listan är tom. Lägg till de kommuner du vill jämföra med."</p> }
            >
                <ul class="chips">
                    {move || {
                        chosen()
                            .into_iter()
                            .map(|code| {
                                let name = options
                                    .with(|o| find(o, &code).map(|u| u.display()))
                                    .unwrap_or_else(|| code.clone());
                                let label = format!("Ta bort {name} ur listan");
                                let remove = code.clone();
                                view! {
                                    <li>
                                        {name}
                                        " "
                                        <button
                                            type="button"
                                            class="chip-remove"
                                            aria-label=label
                                            on:click=move |_| choices.settings.update(|s| s.remove_own(&remove))
                                        >
                                            "×"
                                        </button>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
            </Show>
            <p class="hint">{move || format!("Sparas i webbläsaren. I adressen: grupp={}", choices.settings.with(|s| s.jamfor.key()))}</p>
        </fieldset>
    }
}
