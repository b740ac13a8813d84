//! A searchable unit picker following the WAI-ARIA 1.2 combobox pattern (editable combobox with
//! list autocomplete): an input with role=combobox that controls a listbox, the active option
//! announced through aria-activedescendant, arrow keys, Enter, Escape, Alt+Down, click. The
//! rules are [`crate::app_state::combobox`]; here the input, the list and their wiring.

use leptos::prelude::*;

use super::browser;
use crate::app_state::combobox::{Combobox, Key};
use crate::app_state::kommuner::{filter, find, first_matches, UnitOption};

/// A combobox over `options`. `selected` is the chosen code; `on_select` gets a new choice.
/// With `clear_on_select` the input empties after a choice (for adding to a list).
#[component]
pub fn UnitCombobox(
    /// The id of the input; the listbox and options derive theirs from it.
    id: &'static str,
    label: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(into)] options: Signal<Vec<UnitOption>>,
    #[prop(into)] selected: Signal<String>,
    on_select: Callback<String>,
    #[prop(optional)] clear_on_select: bool,
) -> impl IntoView {
    let list_id = format!("{id}-lista");
    let hint_id = format!("{id}-hjalp");
    let state = RwSignal::new(Combobox::default());
    let shown = Memo::new(move |_| {
        let query = state.with(|s| s.query().to_owned());
        options.with(|o| first_matches(o, &query))
    });
    // What the input shows for a choice: its name (nothing when choosing adds to a list).
    let name_of = move |code: &str| {
        if clear_on_select {
            return String::new();
        }
        options
            .with_untracked(|o| find(o, code).map(|u| u.display()))
            .unwrap_or_else(|| code.to_owned())
    };
    Effect::new(move |_| {
        let code = selected.get();
        if !clear_on_select {
            state.update(|s| s.show_choice(name_of(&code)));
        }
    });
    let selected_at = move || {
        let code = selected.get_untracked();
        shown.with_untracked(|(list, _)| list.iter().position(|o| o.code == code))
    };
    let choose = move |code: String| {
        state.update(|s| s.chose(name_of(&code)));
        on_select.run(code);
    };
    let active_id = move || {
        let i = state.with(Combobox::active_open)?;
        shown.with(|(list, _)| list.get(i).map(|o| option_id(id, o)))
    };

    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let key = Key::of(&ev.key(), ev.alt_key());
        let n = shown.with_untracked(|(list, _)| list.len());
        let at = selected_at();
        let Some(out) = state.try_update(|s| s.key(key, n, at)) else {
            return;
        };
        if out.consumed {
            ev.prevent_default();
        }
        if let Some(i) = out.choose {
            if let Some(code) =
                shown.with_untracked(|(list, _)| list.get(i).map(|o| o.code.clone()))
            {
                choose(code);
            }
        } else if matches!(key, Key::Down | Key::Up) {
            if let Some(dom) = active_id() {
                request_animation_frame(move || browser::scroll_into_view(&dom));
            }
        }
    };
    let on_input = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        let matches = options.with_untracked(|o| filter(o, &text).len());
        state.update(|s| s.input(text, matches));
    };
    let on_blur = move |_| state.update(|s| s.leave(name_of(&selected.get_untracked())));
    let on_click = move |_| {
        let at = selected_at();
        state.update(|s| s.click(at));
    };

    let described = hint.map(|_| hint_id.clone());
    view! {
        <div class="combobox">
            <label for=id>{label}</label>
            {hint.map(|h| view! { <span class="hint" id=hint_id.clone()>{h}</span> })}
            <div class="combobox-field">
                <input
                    id=id
                    type="text"
                    role="combobox"
                    autocomplete="off"
                    spellcheck="false"
                    aria-autocomplete="list"
                    aria-controls=list_id.clone()
                    aria-expanded=move || if state.with(|s| s.open) { "true" } else { "false" }
                    aria-activedescendant=active_id
                    aria-describedby=described
                    prop:value=move || state.with(|s| s.text.clone())
                    on:input=on_input
                    on:keydown=on_keydown
                    on:blur=on_blur
                    on:click=on_click
                />
                <OptionList
                    id
                    list_id
                    label
                    shown
                    open=Signal::derive(move || state.with(|s| s.open))
                    active=Signal::derive(move || state.with(|s| s.active))
                    selected
                    on_choose=Callback::new(choose)
                />
            </div>
        </div>
    }
}

/// The DOM id of an option of the combobox `id`.
fn option_id(id: &str, option: &UnitOption) -> String {
    format!("{id}-val-{}", option.dom_id())
}

/// The listbox: the options shown, or a line saying none matches, and how many more there are.
/// Its rows exist only while it is open: the closed list is hidden anyway, and its 121 rows
/// were most of the first screen's elements, built before the file picker could be used.
#[component]
fn OptionList(
    id: &'static str,
    list_id: String,
    label: &'static str,
    shown: Memo<(Vec<UnitOption>, usize)>,
    open: Signal<bool>,
    active: Signal<Option<usize>>,
    selected: Signal<String>,
    on_choose: Callback<String>,
) -> impl IntoView {
    view! {
        <ul id=list_id role="listbox" aria-label=label class="listbox" class:open=move || open.get()>
            <For
                each=move || {
                    let rows = if open.get() { shown.get().0 } else { Vec::new() };
                    rows.into_iter().enumerate()
                }
                key=|(i, o)| (*i, o.code.clone(), o.in_files)
                children=move |(i, option)| {
                    view! { <OptionRow id index=i option active selected on_choose/> }
                }
            />
            <Show when=move || open.get() && shown.with(|(list, _)| list.is_empty())>
                <li class="option empty" role="option" aria-disabled="true" aria-selected="false">"Ingen kommun matchar."</li>
            </Show>
            <Show when=move || open.get() && shown.with(|(_, more)| *more > 0)>
                <li class="option more" role="option" aria-disabled="true" aria-selected="false">
                    {move || format!("… och {} till. Skriv fler bokstäver.", shown.with(|(_, more)| *more))}
                </li>
            </Show>
        </ul>
    }
}

/// One option: its name, its code or city, whether the files hold it, and — following the
/// choice as it changes — whether it is the one chosen.
#[component]
fn OptionRow(
    id: &'static str,
    index: usize,
    option: UnitOption,
    active: Signal<Option<usize>>,
    selected: Signal<String>,
    on_choose: Callback<String>,
) -> impl IntoView {
    let code = option.code.clone();
    let chosen = move || selected.with(|s| *s == code);
    let is_active = move || active.get() == Some(index);
    let pick = option.code.clone();
    view! {
        <li
            id=option_id(id, &option)
            role="option"
            class="option"
            class:sub=option.is_stadsdel()
            class:absent=!option.in_files
            class:active=is_active
            aria-selected=move || if is_active() { "true" } else { "false" }
            on:mousedown=move |ev: leptos::ev::MouseEvent| ev.prevent_default()
            on:click=move |_| on_choose.run(pick.clone())
        >
            <span class="option-name">{option.name.clone()}</span>
            " "
            <span class="option-code">
                {match &option.city {
                    Some(city) => format!("stadsdel i {city}"),
                    None => option.code.clone(),
                }}
            </span>
            {(!option.in_files).then(|| view! { <span class="option-note">" – finns inte i filerna"</span> })}
            {move || chosen().then(|| view! { <span class="visually-hidden">" (vald)"</span> })}
        </li>
    }
}
