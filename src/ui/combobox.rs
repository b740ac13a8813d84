//! A searchable unit picker following the WAI-ARIA 1.2 combobox pattern (editable combobox with
//! list autocomplete): an input with role=combobox that controls a listbox, the active option
//! announced through aria-activedescendant, arrow keys, Enter, Escape, Alt+Down, click.

use leptos::prelude::*;

use super::browser;
use crate::app_state::kommuner::{filter, find, UnitOption};

/// How many options are rendered at once (typing narrows the list).
const MAX_SHOWN: usize = 120;

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
    let text = RwSignal::new(String::new());
    let typed = RwSignal::new(false);
    let open = RwSignal::new(false);
    let active = RwSignal::new(None::<usize>);

    // The input shows the chosen unit's name while the user is not typing.
    Effect::new(move |_| {
        let code = selected.get();
        if clear_on_select || typed.get_untracked() {
            return;
        }
        let shown = options.with(|o| find(o, &code).map(|u| u.display()));
        text.set(shown.unwrap_or(code));
    });

    let shown = Memo::new(move |_| {
        let query = if typed.get() {
            text.get()
        } else {
            String::new()
        };
        options.with(|o| {
            let all = filter(o, &query);
            let more = all.len().saturating_sub(MAX_SHOWN);
            (
                all.into_iter().take(MAX_SHOWN).cloned().collect::<Vec<_>>(),
                more,
            )
        })
    });
    let option_id = move |o: &UnitOption| format!("{id}-val-{}", o.dom_id());
    let active_id = move || {
        if !open.get() {
            return None;
        }
        let i = active.get()?;
        shown.with(|(list, _)| list.get(i).map(option_id))
    };

    let choose = move |code: String| {
        typed.set(false);
        open.set(false);
        active.set(None);
        if clear_on_select {
            text.set(String::new());
        } else {
            let shown = options.with_untracked(|o| find(o, &code).map(|u| u.display()));
            text.set(shown.unwrap_or_else(|| code.clone()));
        }
        on_select.run(code);
    };
    let move_active = move |step: i64| {
        let n = shown.with_untracked(|(list, _)| list.len()) as i64;
        if n == 0 {
            active.set(None);
            return;
        }
        let next = match active.get_untracked() {
            Some(i) => (i as i64 + step).rem_euclid(n),
            None if step > 0 => 0,
            None => n - 1,
        };
        active.set(Some(next as usize));
        if let Some(dom) = active_id() {
            request_animation_frame(move || browser::scroll_into_view(&dom));
        }
    };
    let open_list = move || {
        if !open.get_untracked() {
            open.set(true);
            let code = selected.get_untracked();
            let at = shown.with_untracked(|(list, _)| list.iter().position(|o| o.code == code));
            active.set(at);
        }
    };

    let on_keydown = move |ev: leptos::ev::KeyboardEvent| match ev.key().as_str() {
        "ArrowDown" => {
            ev.prevent_default();
            if !open.get_untracked() {
                open_list();
                if ev.alt_key() || active.get_untracked().is_some() {
                    return;
                }
            }
            move_active(1);
        }
        "ArrowUp" => {
            ev.prevent_default();
            if !open.get_untracked() {
                open_list();
                if active.get_untracked().is_some() {
                    return;
                }
            }
            move_active(-1);
        }
        "Enter" if open.get_untracked() => {
            ev.prevent_default();
            let pick = active.get_untracked().and_then(|i| {
                shown.with_untracked(|(list, _)| list.get(i).map(|o| o.code.clone()))
            });
            match pick {
                Some(code) => choose(code),
                None => open.set(false),
            }
        }
        "Escape" => {
            if open.get_untracked() {
                ev.prevent_default();
                open.set(false);
                active.set(None);
            } else if !text.get_untracked().is_empty() {
                ev.prevent_default();
                text.set(String::new());
                typed.set(true);
            }
        }
        "Tab" => {
            open.set(false);
        }
        _ => {}
    };
    let on_input = move |ev: leptos::ev::Event| {
        text.set(event_target_value(&ev));
        typed.set(true);
        open.set(true);
        let any = shown.with_untracked(|(list, _)| !list.is_empty());
        active.set(any.then_some(0));
    };
    let on_blur = move |_| {
        open.set(false);
        active.set(None);
        if typed.get_untracked() {
            typed.set(false);
            if clear_on_select {
                text.set(String::new());
            } else {
                let code = selected.get_untracked();
                let shown = options.with_untracked(|o| find(o, &code).map(|u| u.display()));
                text.set(shown.unwrap_or(code));
            }
        }
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
                    aria-expanded=move || if open.get() { "true" } else { "false" }
                    aria-activedescendant=active_id
                    aria-describedby=described
                    prop:value=move || text.get()
                    on:input=on_input
                    on:keydown=on_keydown
                    on:blur=on_blur
                    on:click=move |_| {
                        if open.get_untracked() {
                            open.set(false);
                        } else {
                            open_list();
                        }
                    }
                />
                <ul
                    id=list_id
                    role="listbox"
                    aria-label=label
                    class="listbox"
                    class:open=move || open.get()
                >
                    <For
                        each=move || shown.get().0.into_iter().enumerate()
                        key=|(i, o)| (*i, o.code.clone(), o.in_files)
                        children=move |(i, o)| {
                            let code = o.code.clone();
                            let dom = option_id(&o);
                            let chosen = o.code.clone();
                            view! {
                                <li
                                    id=dom
                                    role="option"
                                    class="option"
                                    class:sub=o.is_stadsdel()
                                    class:absent=!o.in_files
                                    class:active=move || active.get() == Some(i)
                                    aria-selected=move || if active.get() == Some(i) { "true" } else { "false" }
                                    on:mousedown=move |ev: leptos::ev::MouseEvent| ev.prevent_default()
                                    on:click=move |_| choose(code.clone())
                                >
                                    <span class="option-name">{o.name.clone()}</span>
                                    " "
                                    <span class="option-code">
                                        {match &o.city {
                                            Some(city) => format!("stadsdel i {city}"),
                                            None => o.code.clone(),
                                        }}
                                    </span>
                                    {(!o.in_files).then(|| view! { <span class="option-note">" – finns inte i filerna"</span> })}
                                    {(selected.get_untracked() == chosen).then(|| view! { <span class="visually-hidden">" (vald)"</span> })}
                                </li>
                            }
                        }
                    />
                    <Show when=move || shown.with(|(list, _)| list.is_empty())>
                        <li class="option empty" role="option" aria-disabled="true" aria-selected="false">"Ingen kommun matchar."</li>
                    </Show>
                    <Show when=move || shown.with(|(_, more)| *more > 0)>
                        <li class="option more" role="option" aria-disabled="true" aria-selected="false">
                            {move || format!("… och {} till. Skriv fler bokstäver.", shown.with(|(_, more)| *more))}
                        </li>
                    </Show>
                </ul>
            </div>
        </div>
    }
}
