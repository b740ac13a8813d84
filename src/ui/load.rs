//! Loading workbooks: drop anywhere or pick several, the example data, progress and "Avbryt",
//! and the list of loaded files with what each was read as (remove, replace).

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::browser;
use super::context::{Choices, Corrections, FileEntry, FileStatus, Files, Reports};
use super::format::{file_size, plural};
use super::worker;
use crate::protocol::FileSummary;

/// Where files come in: the file picker, the example data, and while reading, progress and
/// "Avbryt". Files dropped anywhere on the page are read too.
#[component]
pub fn LoadPanel() -> impl IntoView {
    let files = expect_context::<Files>();
    let corrections = expect_context::<Corrections>();
    let dragging = RwSignal::new(false);

    // Drop anywhere on the page.
    let _ = window_event_listener(leptos::ev::dragover, move |ev| {
        if carries_files(&ev) {
            ev.prevent_default();
            dragging.set(true);
        }
    });
    let _ = window_event_listener(leptos::ev::dragleave, move |ev| {
        if ev.related_target().is_none() {
            dragging.set(false);
        }
    });
    let _ = window_event_listener(leptos::ev::drop, move |ev| {
        dragging.set(false);
        if carries_files(&ev) {
            ev.prevent_default();
            let dropped = browser::files_of(ev.data_transfer().and_then(|dt| dt.files()));
            add_files(files, corrections, dropped);
        }
    });

    let on_pick = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let picked = browser::files_of(input.files());
        add_files(files, corrections, picked);
        input.set_value("");
    };
    let pending = move || {
        files
            .list
            .with(|f| f.iter().filter(|e| e.status.is_pending()).count())
    };
    let total_batch = move || files.list.with(|f| f.len());
    let compact = move || files.has_data();

    view! {
        <section class="load" class:compact=compact aria-labelledby="las-in-rubrik">
            <h2 id="las-in-rubrik">"Läs in filer"</h2>
            <div class="dropzone" class:is-over=move || dragging.get() data-testid="slapp-filer">
                // The browser's own file button speaks the browser's language ("Choose Files",
                // "No file chosen"); this one says "Välj filer" everywhere. The input stays in
                // its label, focusable, and its name is both labels: the prompt and the button.
                <p>
                    <label for="filval">"Välj en eller flera filer från Öppna jämförelser"</label>
                    <br/>
                    <label class="button file-button">
                        "Välj filer"
                        <input
                            id="filval"
                            type="file"
                            class="visually-hidden"
                            multiple
                            accept=".xlsx,.xlsm,.xlsb,.xls,.ods,.csv,.tsv,.txt"
                            on:change=on_pick
                        />
                    </label>
                </p>
                <p class="note">"… eller dra och släpp dem var som helst på sidan. Excel (.xlsx, .xls), OpenDocument (.ods) och CSV."</p>
                <p>
                    <button type="button" class="secondary" id="exempeldata" on:click=move |_| worker::examples()>
                        "Prova med exempeldata"
                    </button>
                    " "
                    <span class="note">"Fiktiva kommunsvar, skapade i din webbläsare."</span>
                </p>
            </div>
            <div class="progress-line" role="status" aria-live="polite" data-testid="lasstatus">
                <Show when=move || { pending() > 0 }>
                    <progress max=total_batch value=move || total_batch() - pending()></progress>
                    " "
                    <span>{move || format!("Läser filer … {} kvar.", pending())}</span>
                    " "
                    <button
                        type="button"
                        class="secondary"
                        on:click=move |_| {
                            worker::cancel();
                            files.changed();
                        }
                    >
                        "Avbryt"
                    </button>
                </Show>
            </div>
            <div class="drop-overlay" class:shown=move || dragging.get() aria-hidden="true">
                <p>"Släpp filerna för att läsa in dem"</p>
            </div>
        </section>
    }
}

fn carries_files(ev: &web_sys::DragEvent) -> bool {
    ev.data_transfer()
        .map(|dt| {
            dt.types()
                .iter()
                .any(|t| t.as_string().as_deref() == Some("Files"))
        })
        .unwrap_or(false)
}

/// Queues files for reading, in the order given.
pub fn add_files(files: Files, corrections: Corrections, chosen: Vec<web_sys::File>) {
    for file in chosen {
        let id = next_id();
        let name = file.name();
        files.list.update(|list| {
            list.push(FileEntry {
                id,
                version: 0,
                name: name.clone(),
                size: file.size(),
                status: FileStatus::Waiting,
            })
        });
        spawn_local(async move {
            match browser::read_buffer(&file).await {
                Ok(bytes) => worker::read(id, name, bytes, corrections.read_request()),
                Err(message) => files.set_status(id, FileStatus::Failed(message)),
            }
        });
    }
}

/// Queues bytes already in memory (the generated examples).
pub fn add_buffer(
    files: Files,
    corrections: Corrections,
    name: String,
    size: f64,
    bytes: js_sys::ArrayBuffer,
) {
    let id = next_id();
    files.list.update(|list| {
        list.push(FileEntry {
            id,
            version: 0,
            name: name.clone(),
            size,
            status: FileStatus::Waiting,
        })
    });
    worker::read(id, name, bytes, corrections.read_request());
}

fn replace_file(files: Files, corrections: Corrections, old: u32, file: web_sys::File) {
    remove_file(files, old);
    add_files(files, corrections, vec![file]);
}

fn remove_file(files: Files, id: u32) {
    let was_read = files.is_read(id);
    files.list.update(|list| list.retain(|f| f.id != id));
    worker::remove(id);
    if was_read {
        files.changed();
    }
}

fn next_id() -> u32 {
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT: AtomicU32 = AtomicU32::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// The loaded files, each with what it was read as, and buttons to remove or replace it. The
/// list folds away once figures are shown for many files, and opens again when a file fails.
///
/// A batch of many files with a kommun already chosen (a deep link, an embedding, the second
/// visit) never unfolds at all: its cards would push the pickers and the view down while they
/// load and pull them back up when they fold, and the summary line counts them anyway.
#[component]
pub fn FileList() -> impl IntoView {
    let files = expect_context::<Files>();
    let choices = expect_context::<Choices>();
    let reports = expect_context::<Reports>();
    let open = RwSignal::new(true);
    Effect::new(move |before: Option<usize>| {
        let n = files.list.with(Vec::len);
        let kommun_chosen = choices.settings.with(|s| !s.kommun.is_empty());
        if before.is_some_and(|before| n > before + 4) && kommun_chosen {
            open.set(false);
        }
        n
    });
    Effect::new(move |before: Option<(bool, usize)>| {
        let shown = reports.report.with(|r| r.is_some());
        let (n, failed) = files.list.with(|f| {
            (
                f.len(),
                f.iter()
                    .filter(|e| matches!(e.status, FileStatus::Failed(_)))
                    .count(),
            )
        });
        if let Some((was_shown, failed_before)) = before {
            if shown && !was_shown && n > 4 && failed == 0 {
                open.set(false);
            }
            if failed > failed_before {
                open.set(true);
            }
        }
        (shown, failed)
    });
    let counts = move || {
        files.list.with(|f| {
            let read = f.iter().filter(|e| e.status.is_read()).count();
            let failed = f
                .iter()
                .filter(|e| matches!(e.status, FileStatus::Failed(_)))
                .count();
            let pending = f.iter().filter(|e| e.status.is_pending()).count();
            let mut parts = vec![format!("{read} lästa")];
            if pending > 0 {
                parts.push(format!("{pending} väntar"));
            }
            if failed > 0 {
                parts.push(format!("{failed} kunde inte läsas"));
            }
            format!("{} – {}", plural(f.len(), "fil", "filer"), parts.join(", "))
        })
    };
    view! {
        <section class="files" aria-labelledby="lasta-rubrik">
            <h2 id="lasta-rubrik">"Inlästa filer"</h2>
            <Show
                when=move || files.list.with(|f| !f.is_empty())
                fallback=|| view! { <p class="note">"Inga filer inlästa ännu."</p> }
            >
                <details
                    class="file-details"
                    prop:open=move || open.get()
                    on:toggle=move |ev| {
                        let details: web_sys::HtmlDetailsElement = event_target(&ev);
                        open.set(details.open());
                    }
                >
                    <summary data-testid="filsammanfattning">{counts}</summary>
                    <ul class="file-list">
                        <For
                            each=move || files.list.get()
                            key=|file| file.id
                            children=move |file| view! { <FileCard file/> }
                        />
                    </ul>
                    <p>
                        <button
                            type="button"
                            class="secondary"
                            on:click=move |_| {
                                let ids: Vec<u32> = files.list.with_untracked(|f| f.iter().map(|e| e.id).collect());
                                for id in ids {
                                    remove_file(files, id);
                                }
                            }
                        >
                            "Ta bort alla filer"
                        </button>
                    </p>
                </details>
            </Show>
        </section>
    }
}

/// One loaded file.
#[component]
fn FileCard(file: FileEntry) -> impl IntoView {
    let files = expect_context::<Files>();
    let corrections = expect_context::<Corrections>();
    let id = file.id;
    let name = file.name.clone();
    // The card is keyed by the file alone and follows its status here, so that it is not built
    // anew when the file finishes reading: keyboard focus on its buttons survives that.
    let status = Memo::new(move |_| {
        files.list.with(|list| {
            list.iter()
                .find(|f| f.id == id)
                .map(|f| (f.version, f.status.clone()))
        })
    });
    let body = move || {
        let Some((_, status)) = status.get() else {
            return ().into_any();
        };
        match status {
            // The page is usable before the worker's module has arrived: a file chosen that
            // early waits for it, and says so (the note follows the module's arrival).
            FileStatus::Waiting => view! {
                <p class="note" data-testid="vantar">
                    {move || if files.engine_ready.get() {
                        "Väntar …"
                    } else {
                        "Väntar – läsaren laddas …"
                    }}
                </p>
            }
            .into_any(),
            FileStatus::Reading => view! { <p class="note">"Läser …"</p> }.into_any(),
            FileStatus::Failed(message) => {
                view! { <p class="error" role="alert">{message}</p> }.into_any()
            }
            FileStatus::Duplicate(of) => view! {
                <p class="warning">{format!("Samma fil som {of} (samma innehåll) – den räknas bara en gång.")}</p>
            }
            .into_any(),
            FileStatus::Read(summary) => view! { <ReadAs summary=summary/> }.into_any(),
        }
    };
    let status_class = move || match status.get().map(|(_, s)| s) {
        Some(FileStatus::Read(_)) => "file-card is-read",
        Some(FileStatus::Failed(_)) => "file-card is-failed",
        _ => "file-card",
    };
    let remove_label = format!("Ta bort {name}");
    let replace_label = format!("Byt ut {name} mot en annan fil");
    view! {
        <li class=status_class data-testid="fil">
            <h3>{format!("{} ({})", file.name, file_size(file.size))}</h3>
            {body}
            <p class="file-actions">
                <button
                    type="button"
                    class="secondary"
                    aria-label=remove_label
                    on:click=move |_| remove_file(files, id)
                >
                    "Ta bort"
                </button>
                " "
                <label class="button secondary file-button">
                    "Byt ut"
                    <input
                        type="file"
                        class="visually-hidden"
                        aria-label=replace_label
                        accept=".xlsx,.xlsm,.xlsb,.xls,.ods,.csv,.tsv,.txt"
                        on:change=move |ev| {
                            let input: web_sys::HtmlInputElement = event_target(&ev);
                            if let Some(file) = browser::files_of(input.files()).into_iter().next() {
                                replace_file(files, corrections, id, file);
                            }
                        }
                    />
                </label>
            </p>
        </li>
    }
}

/// What a file was read as: areas, years, layout, units, indicators, warnings.
#[component]
fn ReadAs(summary: std::sync::Arc<FileSummary>) -> impl IntoView {
    let facts = read_as(&summary);
    let unnamed = crate::ui::unnamed::unnamed_of_file(&summary);
    view! {
        {unnamed}
        <dl class="read-as" data-testid="last-som">
            <dt>"Område"</dt>
            <dd data-testid="omrade">{facts.areas}</dd>
            <dt>"År"</dt>
            <dd data-testid="ar">{facts.years}</dd>
            <dt>"Tabeller"</dt>
            <dd>{facts.tables}</dd>
            <dt>"Enheter"</dt>
            <dd>{facts.units}</dd>
            <dt>"Indikatorer"</dt>
            <dd>{facts.indicators}</dd>
            <dt>"Varningar"</dt>
            <dd data-testid="varningar">{facts.warnings}</dd>
        </dl>
    }
}

/// The facts the file card shows, as Swedish text.
pub struct ReadFacts {
    pub areas: String,
    pub years: String,
    pub tables: String,
    pub units: String,
    pub indicators: String,
    pub warnings: String,
}

pub fn read_as(summary: &FileSummary) -> ReadFacts {
    let mut areas: Vec<String> = Vec::new();
    let mut years: Vec<String> = Vec::new();
    let mut layouts: Vec<&str> = Vec::new();
    for d in &summary.datasets {
        let area = match &d.area {
            Some(found) => match found.value.area {
                Some(a) => a.name().to_owned(),
                None => format!("okänt (\u{201d}{}\u{201d})", found.value.label),
            },
            None => "okänt".to_owned(),
        };
        if !areas.contains(&area) {
            areas.push(area);
        }
        let year = d
            .year
            .as_ref()
            .map(|y| y.value.to_string())
            .unwrap_or_else(|| "okänt".into());
        if !years.contains(&year) {
            years.push(year);
        }
        let layout = d.layout.label();
        if !layouts.contains(&layout) {
            layouts.push(layout);
        }
    }
    let n_tables = summary.datasets.len();
    let units: u32 = summary
        .datasets
        .iter()
        .map(|d| d.n_units)
        .max()
        .unwrap_or(0);
    let kommuner: usize = summary
        .datasets
        .iter()
        .map(|d| d.units.len())
        .max()
        .unwrap_or(0);
    let indicators: usize = summary.datasets.iter().map(|d| d.indicators.len()).sum();
    let warnings = warning_count(&summary.reading);
    ReadFacts {
        areas: if areas.is_empty() {
            "inga tabeller hittades".into()
        } else {
            areas.join(", ")
        },
        years: if years.is_empty() {
            "–".into()
        } else {
            years.join(", ")
        },
        tables: if n_tables == 0 {
            "inga".into()
        } else {
            format!(
                "{} ({})",
                plural(n_tables, "tabell", "tabeller"),
                layouts.join(", ")
            )
        },
        units: format!("{units} rader, {kommuner} kommuner och stadsdelar"),
        indicators: indicators.to_string(),
        warnings: warnings.to_string(),
    }
}

/// How many warnings the reading report holds (over all its tables).
pub fn warning_count(reading: &crate::ingest::Reading) -> usize {
    reading.datasets.iter().map(|d| d.warnings.len()).sum()
}
