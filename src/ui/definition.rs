//! An indicator's definition as the page shows it, in Indikatorer's rows and in the cells
//! dialog: the description sheet's text, its other columns and where it was read, or that no
//! loaded file describes the indicator.

use leptos::prelude::*;

use crate::model::Definition;

/// The definition itself: its text (or "Ingen beskrivning i de inlästa filerna"), the sheet's
/// other columns, and the file and sheet it came from.
pub fn definition_body(definition: Option<&Definition>) -> impl IntoView {
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
        <p class="definition-text">{text}</p>
        <dl class="definition-fields">{fields}</dl>
        {source}
    }
}

/// The definition behind a disclosure of its own (closed, so a table of indicators stays
/// readable), named for its indicator.
pub fn definition_details(name: &str, definition: Option<&Definition>) -> impl IntoView {
    view! {
        <details class="definition" data-testid="definition">
            <summary>
                "Definition"
                <span class="visually-hidden">{format!(" av {name}")}</span>
            </summary>
            {definition_body(definition)}
        </details>
    }
}
