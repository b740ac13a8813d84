//! The page shell: header, loading, pickers, view navigation, the current view, and the wiring
//! of signals to the worker, the address bar and localStorage.

use std::sync::Arc;

use leptos::prelude::*;

use super::browser;
use super::cells::CellsDialog;
use super::load::{FileList, LoadPanel};
use super::pickers::{KommunPicker, PeerPicker};
use super::views;
use super::worker::{self, Event};
use crate::app_state::settings::{CORRECTIONS_KEY, SETTINGS_KEY, STORAGE_PREFIX};
use crate::app_state::{SavedCorrections, Settings, UrlState, View};
use crate::model::Area;
use crate::protocol::{ReadOutcome, ReadRequest};
use crate::report::xlsx::SourceNote;
use crate::report::Report;
use crate::score::Figure;

/// One file the user loaded and what became of it.
#[derive(Clone, Debug, PartialEq)]
pub struct FileEntry {
    pub id: u32,
    /// Bumped on every change of status (a file read again after a correction re-renders).
    pub version: u32,
    pub name: String,
    pub size: f64,
    pub status: FileStatus,
}

#[derive(Clone, Debug, PartialEq)]
pub enum FileStatus {
    Waiting,
    Reading,
    Read(Arc<crate::protocol::FileSummary>),
    /// The same bytes as the file named.
    Duplicate(String),
    Failed(String),
}

impl FileStatus {
    pub fn is_read(&self) -> bool {
        matches!(self, FileStatus::Read(_))
    }

    pub fn is_pending(&self) -> bool {
        matches!(self, FileStatus::Waiting | FileStatus::Reading)
    }
}

/// Where the report stands.
#[derive(Clone, Debug, PartialEq)]
pub enum ReportStatus {
    /// Nothing to compute: no file read or no kommun chosen.
    Idle,
    Computing,
    Ready,
    Failed(String),
}

/// The cells behind a figure, for the dialog.
#[derive(Clone, Debug, PartialEq)]
pub struct CellsRequest {
    pub title: String,
    pub figure: Figure,
}

/// Whether the page runs embedded (`?inbaddad=1`), fixed for the page's life.
#[derive(Clone, Copy)]
pub struct Embedded(pub bool);

/// Everything the components share, all signals (Copy).
#[derive(Clone, Copy)]
pub struct Ctx {
    pub files: RwSignal<Vec<FileEntry>>,
    pub settings: RwSignal<Settings>,
    pub view: RwSignal<View>,
    pub area: RwSignal<Option<Area>>,
    /// The newest report (kept while the next one is computed, so nothing jumps).
    pub report: RwSignal<Option<Arc<Report>>>,
    /// How each table of the newest report was read (indexed like its datasets).
    pub sources: RwSignal<Arc<Vec<SourceNote>>>,
    pub status: RwSignal<ReportStatus>,
    pub notices: RwSignal<Vec<String>>,
    pub corrections: RwSignal<SavedCorrections>,
    pub cells: RwSignal<Option<CellsRequest>>,
    /// Bumped whenever the set of datasets in the worker changes.
    pub data_version: RwSignal<u32>,
    /// Whether the worker's module has arrived and a worker runs it (files wait until then).
    pub engine_ready: RwSignal<bool>,
    /// What became of the last copy or export in Rapport, said politely.
    pub export_message: RwSignal<String>,
    report_seq: RwSignal<u32>,
}

impl Ctx {
    /// Switches view and moves focus to the new view's heading.
    pub fn go(&self, view: View) {
        self.view.set(view);
        request_animation_frame(|| browser::focus("vy-rubrik"));
    }

    /// Opens the dialog with the cells behind a figure.
    pub fn show_cells(&self, title: impl Into<String>, figure: &Figure) {
        self.cells.set(Some(CellsRequest {
            title: title.into(),
            figure: figure.clone(),
        }));
    }

    /// The read options for a file: every stored correction (ingest applies those whose
    /// layout keys match).
    pub fn read_options(&self) -> ReadRequest {
        self.corrections
            .with_untracked(SavedCorrections::read_request)
    }

    /// Changes the corrections and reads every loaded file again with them.
    pub fn correct(&self, change: impl FnOnce(&mut SavedCorrections)) {
        self.corrections.update(|c| {
            change(c);
            c.tidy();
        });
        let options = self.read_options();
        let ids: Vec<u32> = self.files.with_untracked(|f| {
            f.iter()
                .filter(|e| e.status.is_read())
                .map(|e| e.id)
                .collect()
        });
        for id in ids {
            worker::reread(id, options.clone());
        }
    }

    /// The quality grouping of the current report (kvalitetsområden when there is none).
    pub fn grouping(&self) -> crate::score::Grouping {
        self.report
            .with(|r| r.as_ref().map(|r| r.grouping()).unwrap_or_default())
    }

    /// Whether the current report holds an enhetsundersökning.
    pub fn has_units(&self) -> bool {
        self.report
            .with(|r| r.as_ref().is_some_and(|r| !r.unit_surveys.is_empty()))
    }

    /// The name of a view for the current report.
    pub fn view_title(&self, view: View) -> &'static str {
        view.title_for(self.grouping())
    }

    /// Whether any file has been read.
    pub fn has_data(&self) -> bool {
        self.files.with(|f| f.iter().any(|f| f.status.is_read()))
    }

    /// Forgets every setting and correction this page keeps, and the choices on screen.
    pub fn forget_all(&self) {
        browser::forget_settings(STORAGE_PREFIX);
        self.settings.set(Settings::default());
        self.corrections.set(SavedCorrections::default());
        self.area.set(None);
        // The settings effect writes the defaults back; remove them once more afterwards.
        request_animation_frame(|| browser::forget_settings(STORAGE_PREFIX));
    }
}

/// The whole application.
#[component]
pub fn App() -> impl IntoView {
    let url = UrlState::parse(&browser::query());
    let embedded = url.inbaddad;
    provide_context(Embedded(embedded));
    let settings =
        Settings::from_stored(browser::load_setting(SETTINGS_KEY).as_deref()).with_url(&url);
    let corrections =
        SavedCorrections::from_stored(browser::load_setting(CORRECTIONS_KEY).as_deref());

    let ctx = Ctx {
        files: RwSignal::new(Vec::new()),
        settings: RwSignal::new(settings),
        view: RwSignal::new(url.vy.unwrap_or_default()),
        area: RwSignal::new(url.omrade),
        report: RwSignal::new(None),
        sources: RwSignal::new(Arc::new(Vec::new())),
        status: RwSignal::new(ReportStatus::Idle),
        notices: RwSignal::new(Vec::new()),
        corrections: RwSignal::new(corrections),
        cells: RwSignal::new(None),
        data_version: RwSignal::new(0),
        engine_ready: RwSignal::new(false),
        export_message: RwSignal::new(String::new()),
        report_seq: RwSignal::new(0),
    };
    provide_context(ctx);
    worker::start(move |event| on_worker_event(ctx, event));

    // Settings to localStorage, choices to the address bar.
    Effect::new(move |_| {
        if let Some(json) = ctx.settings.with(Settings::to_stored) {
            browser::save_setting(SETTINGS_KEY, &json);
        }
    });
    Effect::new(move |prev: Option<()>| {
        let corrections = ctx.corrections.get();
        if prev.is_none() {
            return;
        }
        match corrections.to_stored() {
            Some(json) => browser::save_setting(CORRECTIONS_KEY, &json),
            None => browser::forget_settings(CORRECTIONS_KEY),
        }
    });
    Effect::new(move |_| {
        let state = ctx
            .settings
            .with(|s| UrlState::of(s, ctx.view.get(), ctx.area.get(), embedded));
        browser::set_query(&state.to_query());
    });
    // A new report whenever the data or a choice that counts changes.
    let has_data = Memo::new(move |_| ctx.has_data());
    Effect::new(move |_| {
        let _ = ctx.data_version.get();
        let s = ctx.settings.get();
        if s.kommun.is_empty() || !has_data.get() {
            ctx.status.set(ReportStatus::Idle);
            ctx.report.set(None);
            return;
        }
        let options = s.report_options();
        let seq = ctx.report_seq.get_untracked().wrapping_add(1);
        ctx.report_seq.set(seq);
        ctx.status.set(ReportStatus::Computing);
        worker::report(seq, options);
    });

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
            <Notices/>
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

/// Messages about the worker (restarts, failures to start).
#[component]
fn Notices() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    view! {
        <div class="notices" role="status" aria-live="polite">
            <For
                each=move || ctx.notices.get().into_iter().enumerate()
                key=|(i, text)| (*i, text.clone())
                children=move |(i, text)| {
                    view! {
                        <p class="notice">
                            {text}
                            " "
                            <button
                                type="button"
                                class="link-button"
                                on:click=move |_| ctx.notices.update(|n| {
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
    let ctx = expect_context::<Ctx>();
    let url_embedded = use_context::<Embedded>().is_some_and(|e| e.0);
    view! {
        <nav class="view-nav" aria-label="Vyer">
            <ul>
                {View::ALL
                    .into_iter()
                    .map(|v| {
                        let href = move || {
                            let state = ctx
                                .settings
                                .with(|s| UrlState::of(s, v, ctx.area.get(), url_embedded));
                            format!("?{}", state.to_query())
                        };
                        let offered = move || v.offered(ctx.has_units(), ctx.view.get());
                        view! {
                            <li hidden=move || !offered()>
                                <a
                                    href=href
                                    aria-current=move || (ctx.view.get() == v).then_some("page")
                                    on:click=move |ev: leptos::ev::MouseEvent| {
                                        if ev.ctrl_key() || ev.meta_key() || ev.shift_key() {
                                            return;
                                        }
                                        ev.prevent_default();
                                        ctx.go(v);
                                    }
                                >
                                    {move || ctx.view_title(v)}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}

/// Turns what the worker says into state.
fn on_worker_event(ctx: Ctx, event: Event) {
    match event {
        Event::Reading { id } => set_status(ctx, id, FileStatus::Reading),
        Event::Read { id, outcome } => {
            let status = match *outcome {
                ReadOutcome::Read(summary) => FileStatus::Read(Arc::new(summary)),
                ReadOutcome::Duplicate { of } => {
                    let name = ctx.files.with_untracked(|f| {
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
            set_status(ctx, id, status);
            if read {
                data_changed(ctx);
            }
        }
        Event::ReadFailed { id, message } => {
            let was_read = ctx
                .files
                .with_untracked(|f| f.iter().any(|e| e.id == id && e.status.is_read()));
            set_status(ctx, id, FileStatus::Failed(message));
            if was_read {
                data_changed(ctx);
            }
        }
        Event::Report { seq, outcome } => {
            if seq != ctx.report_seq.get_untracked() {
                return;
            }
            match *outcome {
                Ok(reported) => {
                    ctx.sources.set(Arc::new(reported.sources));
                    ctx.report.set(Some(Arc::new(reported.report)));
                    ctx.status.set(ReportStatus::Ready);
                }
                Err(message) => {
                    ctx.report.set(None);
                    ctx.status.set(ReportStatus::Failed(message));
                }
            }
        }
        Event::ReportFailed { seq, message } => {
            if seq == ctx.report_seq.get_untracked() {
                ctx.status.set(ReportStatus::Failed(message));
            }
        }
        Event::Examples(files) => {
            for (name, bytes) in files {
                let size = f64::from(bytes.byte_length());
                super::load::add_buffer(ctx, name, size, bytes);
            }
        }
        Event::Exported { format, result } => {
            ctx.export_message
                .set(super::views::rapport::exported(format, result));
        }
        Event::EngineReady => ctx.engine_ready.set(true),
        Event::Notice(text) => ctx.notices.update(|n| {
            if !n.contains(&text) {
                n.push(text)
            }
        }),
        Event::Idle => {}
    }
}

/// The worker's datasets changed: a new report is on its way (said at once, so no old figure
/// is taken for a new one).
pub fn data_changed(ctx: Ctx) {
    if ctx.settings.with_untracked(|s| !s.kommun.is_empty()) {
        ctx.status.set(ReportStatus::Computing);
    }
    ctx.data_version.update(|v| *v = v.wrapping_add(1));
}

fn set_status(ctx: Ctx, id: u32, status: FileStatus) {
    ctx.files.update(|list| {
        if let Some(file) = list.iter_mut().find(|f| f.id == id) {
            file.status = status;
            file.version = file.version.wrapping_add(1);
        }
    });
}
