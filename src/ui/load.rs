//! Loading workbooks: the drop zone, the file picker, the example data, and the sheets read.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::browser;
use crate::ingest::{self, SheetSummary};

/// The files loaded in this tab, shared through context.
#[derive(Clone, Copy)]
pub struct LoadedFiles(pub RwSignal<Vec<LoadedFile>>);

/// One file the user loaded and what became of it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct LoadedFile {
    pub id: u32,
    pub name: String,
    pub size: usize,
    pub status: FileStatus,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum FileStatus {
    Reading,
    Read(Vec<SheetSummary>),
    Failed(String),
}

/// Where files come in: a drop zone with a file picker, and the example data.
#[component]
pub fn LoadPanel() -> impl IntoView {
    let LoadedFiles(files) = expect_context::<LoadedFiles>();
    let over = RwSignal::new(false);

    let on_pick = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let picked = browser::files_of(input.files());
        input.set_value("");
        load_files(files, picked);
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        over.set(false);
        let dropped = browser::files_of(ev.data_transfer().and_then(|dt| dt.files()));
        load_files(files, dropped);
    };
    let on_example = move |_| {
        let loaded = match crate::exempel::example_files() {
            Ok(examples) => examples.into_iter().map(|f| (f.name, f.bytes)).collect(),
            Err(e) => {
                web_sys::console::error_1(&format!("exempeldata: {e}").into());
                Vec::new()
            }
        };
        for (name, bytes) in loaded {
            add_read(files, name, &bytes);
        }
    };

    view! {
        <section aria-labelledby="las-in-rubrik">
            <h2 id="las-in-rubrik">"Läs in filer"</h2>
            <div
                class="dropzone"
                class:is-over=move || over.get()
                data-testid="slapp-filer"
                on:dragover=move |ev: leptos::ev::DragEvent| {
                    ev.prevent_default();
                    over.set(true);
                }
                on:dragleave=move |_| over.set(false)
                on:drop=on_drop
            >
                <p>
                    <label for="filval">"Välj en eller flera filer från Öppna jämförelser"</label>
                    <br/>
                    <input
                        id="filval"
                        type="file"
                        multiple
                        accept=".xlsx,.xlsm,.xls,.ods,.csv,.tsv,.txt"
                        on:change=on_pick
                    />
                </p>
                <p class="note">"… eller dra och släpp dem här. Excel (.xlsx, .xls), OpenDocument (.ods) och CSV."</p>
            </div>
            <p>
                <button type="button" class="secondary" on:click=on_example>"Prova med exempeldata"</button>
                " "
                <span class="note">"Fiktiva kommunsvar, skapade i din webbläsare."</span>
            </p>
        </section>
    }
}

/// Reads each file and records what its sheets are.
fn load_files(files: RwSignal<Vec<LoadedFile>>, picked: Vec<web_sys::File>) {
    for file in picked {
        let id = next_id();
        let name = file.name();
        files.update(|list| {
            list.push(LoadedFile {
                id,
                name: name.clone(),
                size: file.size() as usize,
                status: FileStatus::Reading,
            })
        });
        spawn_local(async move {
            let status = match browser::read_bytes(&file).await {
                Ok(bytes) => status_of(&bytes),
                Err(message) => FileStatus::Failed(message),
            };
            set_status(files, id, status);
        });
    }
}

fn add_read(files: RwSignal<Vec<LoadedFile>>, name: String, bytes: &[u8]) {
    let id = next_id();
    let status = status_of(bytes);
    files.update(|list| {
        list.push(LoadedFile {
            id,
            name,
            size: bytes.len(),
            status,
        })
    });
}

fn status_of(bytes: &[u8]) -> FileStatus {
    match ingest::list_sheets(bytes) {
        Ok(sheets) => FileStatus::Read(sheets),
        Err(e) => FileStatus::Failed(e.message()),
    }
}

fn set_status(files: RwSignal<Vec<LoadedFile>>, id: u32, status: FileStatus) {
    files.update(|list| {
        if let Some(file) = list.iter_mut().find(|f| f.id == id) {
            file.status = status;
        }
    });
}

fn next_id() -> u32 {
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT: AtomicU32 = AtomicU32::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// One loaded file: its sheets with their sizes, or why it could not be read.
#[component]
pub fn SheetTable(file: LoadedFile) -> impl IntoView {
    let heading = format!("{} ({})", file.name, format_size(file.size));
    let body = match file.status {
        FileStatus::Reading => view! { <p>"Läser …"</p> }.into_any(),
        FileStatus::Failed(message) => {
            view! { <p class="error" role="alert">{message}</p> }.into_any()
        }
        FileStatus::Read(sheets) => {
            let count = sheets.len();
            view! {
                <div class="table-scroll">
                    <table data-testid="bladlista">
                        <caption>{format!("{count} blad")}</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Blad"</th>
                                <th scope="col" class="num">"Rader"</th>
                                <th scope="col" class="num">"Kolumner"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {sheets
                                .into_iter()
                                .map(|s| {
                                    let name = if s.hidden { format!("{} (dolt)", s.name) } else { s.name };
                                    view! {
                                        <tr>
                                            <th scope="row">{name}</th>
                                            <td class="num">{s.rows}</td>
                                            <td class="num">{s.cols}</td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                </div>
            }
            .into_any()
        }
    };
    view! {
        <article class="file-card" data-testid="fil">
            <h3>{heading}</h3>
            {body}
        </article>
    }
}

/// A file size in Swedish form: "566 kB", "2,2 MB".
fn format_size(bytes: usize) -> String {
    if bytes < 1_000_000 {
        format!("{} kB", bytes.div_ceil(1000))
    } else {
        format!("{},{} MB", bytes / 1_000_000, (bytes % 1_000_000) / 100_000)
    }
}
