//! The page shell: header, loading, pickers, view navigation, the current view, and the wiring
//! of the shared contexts to the worker, the address bar and localStorage.

use std::sync::Arc;

use leptos::prelude::*;

use super::browser;
use super::cells::CellsDialog;
use super::context::{
    Cells, Choices, Corrections, Embedded, ExportMessage, FileStatus, Files, Groups, Notices,
    Reports,
};
use super::load::{self, FileList, LoadPanel};
use super::pickers::{KommunPicker, PeerPicker};
use super::views;
use super::worker::{self, Event};
use crate::app_state::jobs;
use crate::app_state::settings::{CORRECTIONS_KEY, SETTINGS_KEY, STORAGE_PREFIX};
use crate::app_state::{SavedCorrections, Settings, UrlState, View};
use crate::protocol::ReadOutcome;

/// The whole application.
#[component]
pub fn App() -> impl IntoView {
    let url = UrlState::parse(&browser::query());
    let embedded = url.inbaddad;
    let settings =
        Settings::from_stored(browser::load_setting(SETTINGS_KEY).as_deref()).with_url(&url);
    let saved = SavedCorrections::from_stored(browser::load_setting(CORRECTIONS_KEY).as_deref());

    let files = Files::new();
    let choices = Choices {
        settings: RwSignal::new(settings),
        view: RwSignal::new(url.vy.unwrap_or_default()),
        area: RwSignal::new(url.omrade),
        group: RwSignal::new(url.gruppvy.clone().unwrap_or_default()),
        group_sort: RwSignal::new(url.gruppsort.unwrap_or_default()),
    };
    let groups = Groups::new();
    let corrections = Corrections::new(saved, files);
    let notices = Notices(RwSignal::new(Vec::new()));
    let export_message = ExportMessage(RwSignal::new(String::new()));
    provide_context(Embedded(embedded));
    provide_context(files);
    provide_context(choices);
    provide_context(corrections);
    provide_context(Reports::new(files, choices));
    provide_context(notices);
    provide_context(export_message);
    let cells = Cells(RwSignal::new(None));
    provide_context(cells);
    provide_context(groups);
    worker::start(move |event| {
        on_worker_event(
            files,
            corrections,
            notices,
            export_message,
            (groups, cells),
            event,
        )
    });
    keep_choices(choices, corrections, embedded);
    // What was chosen on the static first screen before the app started, in the same order.
    let early = browser::take_early_choices();
    load::add_files(files, corrections, early.files);
    if early.examples {
        worker::examples();
    }

    view! {
        <a class="skip-link" href="#innehall">"Hoppa till innehållet"</a>
        // Embedded, the host page is the chrome: no header or footer, the h1 kept for screen readers.
        <Show
            when=move || !embedded
            fallback=|| view! { <h1 class="visually-hidden">"ÖJ-analys"</h1> }
        >
            <header class="site-header">
                <div class="wrap">
                    <h1>"ÖJ-analys"</h1>
                    <p>"Öppna jämförelser räknade åt dig – uppfyllda indikatorer per kvalitetsområde, verksamhetsområde och totalt."</p>
                </div>
            </header>
        </Show>
        <main id="innehall" class="wrap" tabindex="-1">
            <p class="privacy" data-testid="integritet">
                <strong>"Filerna läses bara i din webbläsare – inget skickas någonstans."</strong>
            </p>
            <NoticeList/>
            <LoadPanel/>
            <FileList/>
            <section class="choices" aria-label="Val">
                <KommunPicker/>
                <PeerPicker/>
            </section>
            <ViewNav/>
            <views::CurrentView/>
        </main>
        <CellsDialog/>
        <Show when=move || !embedded>
            <footer class="site-footer">
                <div class="wrap">
                    <p>"ÖJ-analys räknar enligt Socialstyrelsens regler för Öppna jämförelser. Exempeldata på sidan är fiktiva."</p>
                    <ul class="footer-links">
                        <li><a href="om-integritet.html">"Om integritet"</a></li>
                        <li><a href="tillganglighet.html">"Tillgänglighetsredogörelse"</a></li>
                    </ul>
                </div>
            </footer>
        </Show>
    }
}

/// Keeps the settings and corrections in localStorage (the defaults and no corrections as no
/// key at all) and the choices in the address bar.
fn keep_choices(choices: Choices, corrections: Corrections, embedded: bool) {
    Effect::new(move |_| match choices.settings.with(Settings::to_stored) {
        Some(json) => browser::save_setting(SETTINGS_KEY, &json),
        None => browser::forget_settings(SETTINGS_KEY),
    });
    Effect::new(move |first: Option<()>| {
        let stored = corrections.saved.with(SavedCorrections::to_stored);
        // What was just loaded need not be written back.
        if first.is_none() {
            return;
        }
        match stored {
            Some(json) => browser::save_setting(CORRECTIONS_KEY, &json),
            None => browser::forget_settings(CORRECTIONS_KEY),
        }
    });
    Effect::new(move |_| {
        let state = choices
            .settings
            .with(|s| UrlState::of(s, choices.view.get(), choices.area.get(), embedded))
            .with_group(&choices.group.get(), choices.group_sort.get());
        browser::set_query(&state.to_query());
    });
}

/// Forgets every setting and correction this page keeps, and the choices on screen: with the
/// defaults set, the storage effects remove their keys; any other key of the page goes here.
pub fn forget_all(choices: Choices, corrections: Corrections) {
    choices.settings.set(Settings::default());
    corrections.saved.set(SavedCorrections::default());
    choices.area.set(None);
    choices.group.set(Default::default());
    choices.group_sort.set(Default::default());
    browser::forget_settings(STORAGE_PREFIX);
}

/// Messages about the worker (restarts, failures to start), each with a button to close it.
#[component]
fn NoticeList() -> impl IntoView {
    let Notices(notices) = expect_context::<Notices>();
    view! {
        <div class="notices" role="status" aria-live="polite">
            <For
                each=move || notices.get().into_iter().enumerate()
                key=|(i, text)| (*i, text.clone())
                children=move |(i, text)| {
                    view! {
                        <p class="notice">
                            {text}
                            " "
                            <button
                                type="button"
                                class="link-button"
                                on:click=move |_| notices.update(|n| {
                                    if i < n.len() {
                                        n.remove(i);
                                    }
                                })
                            >
                                "Stäng"
                            </button>
                        </p>
                    }
                }
            />
        </div>
    }
}

/// The navigation between views: links that keep the other choices in the address bar.
#[component]
fn ViewNav() -> impl IntoView {
    let choices = expect_context::<Choices>();
    let reports = expect_context::<Reports>();
    let embedded = use_context::<Embedded>().is_some_and(|e| e.0);
    view! {
        <nav class="view-nav" aria-label="Vyer">
            <ul>
                {View::ALL
                    .into_iter()
                    .map(|v| {
                        let href = move || {
                            let state = choices
                                .settings
                                .with(|s| UrlState::of(s, v, choices.area.get(), embedded))
                                .with_group(&choices.group.get(), choices.group_sort.get());
                            format!("?{}", state.to_query())
                        };
                        let offered = move || {
                            v.offered(reports.has_units(), choices.view.get())
                        };
                        view! {
                            <li hidden=move || !offered()>
                                <a
                                    href=href
                                    aria-current=move || (choices.view.get() == v).then_some("page")
                                    on:click=move |ev: leptos::ev::MouseEvent| {
                                        if ev.ctrl_key() || ev.meta_key() || ev.shift_key() {
                                            return;
                                        }
                                        ev.prevent_default();
                                        choices.go(v);
                                    }
                                >
                                    {move || reports.view_title(v)}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}

/// Turns what the worker says into state (a report goes to the report resource instead).
fn on_worker_event(
    files: Files,
    corrections: Corrections,
    notices: Notices,
    export_message: ExportMessage,
    (groups, cells): (Groups, Cells),
    event: Event,
) {
    match event {
        jobs::Event::Reading { id } => files.set_status(id, FileStatus::Reading),
        jobs::Event::Read { id, outcome } => {
            let status = match *outcome {
                ReadOutcome::Read(summary) => FileStatus::Read(Arc::new(summary)),
                ReadOutcome::Duplicate { of } => {
                    let name = files.list.with_untracked(|f| {
                        f.iter()
                            .find(|e| e.id == of)
                            .map(|e| e.name.clone())
                            .unwrap_or_default()
                    });
                    FileStatus::Duplicate(name)
                }
                ReadOutcome::Failed { message } => FileStatus::Failed(message),
            };
            let read = status.is_read();
            files.set_status(id, status);
            if read {
                files.changed();
            }
        }
        jobs::Event::ReadFailed { id, message } => {
            let was_read = files.is_read(id);
            files.set_status(id, FileStatus::Failed(message));
            if was_read {
                files.changed();
            }
        }
        jobs::Event::Examples(examples) => {
            for (name, bytes) in examples {
                let size = f64::from(bytes.byte_length());
                super::load::add_buffer(files, corrections, name, size, bytes);
            }
        }
        jobs::Event::Exported { format, result } => {
            export_message
                .0
                .set(super::views::rapport::exported(format, result));
        }
        jobs::Event::Group { tag, outcome } => {
            groups.answer.set(Some((tag, (*outcome).map(Arc::new))));
        }
        jobs::Event::Figure { title, outcome } => match *outcome {
            Ok(figure) => cells.show(title, &figure),
            Err(message) => notices.0.update(|n| n.push(message)),
        },
        jobs::Event::EngineReady => files.engine_ready.set(true),
        jobs::Event::Notice(text) => notices.0.update(|n| {
            if !n.contains(&text) {
                n.push(text)
            }
        }),
        jobs::Event::Report { .. } | jobs::Event::Idle => {}
    }
}
