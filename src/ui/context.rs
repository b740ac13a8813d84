//! The signals the components share, one context per concern: a component takes from the
//! context only what it needs (`expect_context::<Choices>()`). The values and rules they hold
//! are plain Rust in [`crate::app_state`]; here they are only made reactive.

use std::sync::Arc;

use leptos::prelude::*;

use super::browser;
use super::worker;
use crate::app_state::group::{GroupView, Sort};
use crate::app_state::report::{shown, Answer, ReportRequest, ReportStatus};
use crate::app_state::{SavedCorrections, Settings, View};
use crate::model::Area;
use crate::protocol::{FileSummary, GroupRequest};
use crate::report::group::GroupTable;
use crate::report::tables::SourceNote;
use crate::report::Report;
use crate::score::{Figure, Grouping};

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
    Read(Arc<FileSummary>),
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

/// The files loaded, what became of each, and the worker that reads them.
#[derive(Clone, Copy)]
pub struct Files {
    pub list: RwSignal<Vec<FileEntry>>,
    /// Bumped whenever the set of datasets in the worker changes (a new report is due).
    pub version: RwSignal<u32>,
    /// Whether the worker's module has arrived and a worker runs it (files wait until then).
    pub engine_ready: RwSignal<bool>,
}

impl Files {
    pub fn new() -> Files {
        Files {
            list: RwSignal::new(Vec::new()),
            version: RwSignal::new(0),
            engine_ready: RwSignal::new(false),
        }
    }

    /// Whether any file has been read.
    pub fn has_data(&self) -> bool {
        self.list.with(|f| f.iter().any(|f| f.status.is_read()))
    }

    /// The ids of the files read.
    pub fn read_ids(&self) -> Vec<u32> {
        self.list.with_untracked(|f| {
            f.iter()
                .filter(|e| e.status.is_read())
                .map(|e| e.id)
                .collect()
        })
    }

    /// Whether the file is read.
    pub fn is_read(&self, id: u32) -> bool {
        self.list
            .with_untracked(|f| f.iter().any(|e| e.id == id && e.status.is_read()))
    }

    /// The worker's datasets changed: a new report is due.
    pub fn changed(&self) {
        self.version.update(|v| *v = v.wrapping_add(1));
    }

    /// Sets a file's status (a new version of its card).
    pub fn set_status(&self, id: u32, status: FileStatus) {
        self.list.update(|list| {
            if let Some(file) = list.iter_mut().find(|f| f.id == id) {
                file.status = status;
                file.version = file.version.wrapping_add(1);
            }
        });
    }
}

/// The user's choices: the settings kept between visits, the view, the area and
/// Gruppöversikt's group shown.
#[derive(Clone, Copy)]
pub struct Choices {
    pub settings: RwSignal<Settings>,
    pub view: RwSignal<View>,
    pub area: RwSignal<Option<Area>>,
    pub group: RwSignal<GroupView>,
    /// Gruppöversikt's row order, kept like the group across views and in the address bar.
    pub group_sort: RwSignal<Sort>,
}

impl Choices {
    /// Switches view and moves focus to the new view's heading.
    pub fn go(&self, view: View) {
        self.view.set(view);
        request_animation_frame(|| browser::focus("vy-rubrik"));
    }
}

/// The user's corrections of how files were read, and reading the files again with them.
#[derive(Clone, Copy)]
pub struct Corrections {
    pub saved: RwSignal<SavedCorrections>,
    files: Files,
}

impl Corrections {
    pub fn new(saved: SavedCorrections, files: Files) -> Corrections {
        Corrections {
            saved: RwSignal::new(saved),
            files,
        }
    }

    /// What a file is read with: every correction kept.
    pub fn read_request(&self) -> crate::protocol::ReadRequest {
        self.saved.with_untracked(SavedCorrections::read_request)
    }

    /// Changes the corrections and reads every loaded file again with them.
    pub fn correct(&self, change: impl FnOnce(&mut SavedCorrections)) {
        self.saved.update(|c| {
            change(c);
            c.tidy();
        });
        let request = self.read_request();
        for id in self.files.read_ids() {
            worker::reread(id, request.clone());
        }
    }
}

/// The report the views show, where it stands, and how its tables were read.
#[derive(Clone, Copy)]
pub struct Reports {
    /// The newest report (kept while the next one is computed, so nothing jumps).
    pub report: Signal<Option<Arc<Report>>>,
    /// How each table of that report was read (indexed like its datasets).
    pub sources: Signal<Arc<Vec<SourceNote>>>,
    pub status: Signal<ReportStatus>,
}

impl Reports {
    /// The report of the current choices over the files read: a resource over the request, so
    /// the worker computes one report at a time and the newest request wins
    /// ([`crate::app_state::report`]).
    pub fn new(files: Files, choices: Choices) -> Reports {
        let request = Memo::new(move |_| {
            let version = files.version.get();
            let has_data = files.has_data();
            choices
                .settings
                .with(|s| ReportRequest::new(version, s, has_data))
        });
        let answer = LocalResource::new(move || {
            let request = request.get();
            async move {
                let request = request?;
                let outcome = worker::report(request.options.clone())
                    .await
                    .map(|r| (Arc::new(r.report), Arc::new(r.sources)));
                Some(Arc::new(Answer { request, outcome }))
            }
        });
        let answer = move || answer.get().flatten();
        let shown = move || request.with(|r| shown(r.as_ref(), answer().as_deref()));
        Reports {
            report: Signal::derive(move || shown().map(|(report, _)| report)),
            sources: Signal::derive(move || {
                shown().map(|(_, sources)| sources).unwrap_or_default()
            }),
            status: Signal::derive(move || {
                request
                    .with(|r| ReportStatus::of(r.as_ref(), answer().as_deref(), files.has_data()))
            }),
        }
    }

    /// The quality grouping of the current report (kvalitetsområden when there is none).
    pub fn grouping(&self) -> Grouping {
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
}

/// Gruppöversikt's tables as the worker answers them: each request is tagged, and only the
/// answer to the newest is current (an older one stays on screen until it is in).
#[derive(Clone, Copy)]
pub struct Groups {
    latest: RwSignal<u32>,
    pub answer: RwSignal<Option<(u32, GroupAnswer)>>,
}

/// A group table, or why there is none (a Swedish sentence).
pub type GroupAnswer = Result<Arc<GroupTable>, String>;

impl Groups {
    pub fn new() -> Groups {
        Groups {
            latest: RwSignal::new(0),
            answer: RwSignal::new(None),
        }
    }

    /// Asks the worker for a group table.
    pub fn ask(&self, request: GroupRequest) {
        let tag = self.latest.get_untracked().wrapping_add(1);
        self.latest.set(tag);
        worker::group(request, tag);
    }

    /// Whether the answer to the newest request is in.
    pub fn current(&self) -> bool {
        let latest = self.latest.get();
        self.answer
            .with(|a| a.as_ref().is_some_and(|(tag, _)| *tag == latest))
    }
}

/// Messages about the worker (restarts, failures to start).
#[derive(Clone, Copy)]
pub struct Notices(pub RwSignal<Vec<String>>);

/// What became of the last copy or export in Rapport, said politely.
#[derive(Clone, Copy)]
pub struct ExportMessage(pub RwSignal<String>);

/// The cells behind a figure, for the dialog.
#[derive(Clone, Debug, PartialEq)]
pub struct CellsRequest {
    pub title: String,
    pub figure: Figure,
}

/// The figure whose cells the dialog shows.
#[derive(Clone, Copy)]
pub struct Cells(pub RwSignal<Option<CellsRequest>>);

impl Cells {
    /// Opens the dialog with the cells behind a figure.
    pub fn show(&self, title: impl Into<String>, figure: &Figure) {
        self.0.set(Some(CellsRequest {
            title: title.into(),
            figure: figure.clone(),
        }));
    }
}

/// Whether the page runs embedded (`?inbaddad=1`), fixed for the page's life.
#[derive(Clone, Copy)]
pub struct Embedded(pub bool);
