//! The page's side of the Web Worker: a queue of jobs sent one at a time, and a new worker when
//! one crashes, runs out of memory, hangs, or the user presses "Avbryt".
//!
//! One job is in flight at a time, so a crash is pinned on exactly that job (that file fails;
//! the others go on). File bytes are transferred to the worker and back, never copied; the page
//! keeps the bytes of the files read successfully so that a new worker can be given them again
//! (files are never stored: the bytes live only in this tab's memory). Events reach the UI
//! through the callback given to [`start`], always called with no borrow held.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;
use std::time::Duration;

use js_sys::{Array, ArrayBuffer, Object, Reflect};
use leptos::prelude::{set_timeout_with_handle, TimeoutHandle};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::protocol::{ReadOutcome, ReportOutcome};

/// How long one job may take before the worker is considered hung and replaced.
const JOB_TIMEOUT: Duration = Duration::from_secs(60);
/// How many workers in a row may fail to start before the page gives up.
const MAX_START_FAILURES: u32 = 3;

/// What the worker tells the UI.
#[derive(Clone, Debug)]
pub enum Event {
    /// A file is now being read.
    Reading {
        id: u32,
    },
    Read {
        id: u32,
        outcome: Box<ReadOutcome>,
    },
    /// The file could not be read because the worker crashed, hung or was cancelled.
    ReadFailed {
        id: u32,
        message: String,
    },
    Report {
        seq: u32,
        outcome: Box<ReportOutcome>,
    },
    ReportFailed {
        seq: u32,
        message: String,
    },
    /// Generated example workbooks: (name, bytes).
    Examples(Vec<(String, ArrayBuffer)>),
    /// Something the user should know, in Swedish (a restart, a worker that cannot start).
    Notice(String),
    /// The queue is empty and nothing is in flight.
    Idle,
}

/// Why a worker is being replaced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cause {
    Crash,
    Timeout,
    Cancel,
}

enum Job {
    Read {
        id: u32,
        name: String,
        bytes: ArrayBuffer,
        options: String,
        /// Given again to a new worker after a restart (the UI already has its result).
        restore: bool,
    },
    Remove {
        id: u32,
    },
    Report {
        seq: u32,
        options: String,
    },
    Examples,
}

/// What is in flight (the bytes went to the worker).
#[derive(Clone, Debug)]
enum Sent {
    Read {
        id: u32,
        name: String,
        options: String,
        restore: bool,
    },
    Remove,
    Report {
        seq: u32,
    },
    Examples,
}

/// A file the worker holds: what it needs to be given again to a new worker.
struct KeptFile {
    id: u32,
    name: String,
    bytes: ArrayBuffer,
    options: String,
}

struct Client {
    worker_url: String,
    glue_url: String,
    module: JsValue,
    worker: Option<web_sys::Worker>,
    // Kept alive as long as their worker.
    _on_message: Option<Closure<dyn FnMut(web_sys::MessageEvent)>>,
    _on_error: Option<Closure<dyn FnMut(web_sys::Event)>>,
    generation: u32,
    ready: bool,
    start_failures: u32,
    queue: VecDeque<Job>,
    in_flight: Option<(u64, Sent)>,
    next_job: u64,
    kept: Vec<KeptFile>,
    watchdog: Option<TimeoutHandle>,
    broken: bool,
}

type Listener = Rc<dyn Fn(Event)>;

thread_local! {
    static CLIENT: RefCell<Option<Client>> = const { RefCell::new(None) };
    static LISTENER: RefCell<Option<Listener>> = const { RefCell::new(None) };
}

/// Starts the worker. `on_event` receives every [`Event`].
pub fn start(on_event: impl Fn(Event) + 'static) {
    LISTENER.with_borrow_mut(|l| *l = Some(Rc::new(on_event)));
    let (worker_url, glue_url) = super::browser::worker_urls();
    let client = Client {
        worker_url,
        glue_url,
        module: wasm_bindgen::module(),
        worker: None,
        _on_message: None,
        _on_error: None,
        generation: 0,
        ready: false,
        start_failures: 0,
        queue: VecDeque::new(),
        in_flight: None,
        next_job: 1,
        kept: Vec::new(),
        watchdog: None,
        broken: false,
    };
    CLIENT.with_borrow_mut(|c| *c = Some(client));
    let events = with_client(|c| {
        c.spawn();
        Vec::new()
    });
    emit(events);
}

/// Queues a file to be read. `options` is a JSON [`super::protocol::ReadRequest`].
pub fn read(id: u32, name: String, bytes: ArrayBuffer, options: String) {
    push(Job::Read {
        id,
        name,
        bytes,
        options,
        restore: false,
    });
}

/// Reads an already loaded file again with new options (a correction in Tolkning). Returns
/// false when the page no longer has its bytes.
pub fn reread(id: u32, options: String) -> bool {
    let found = with_client_value(|c| {
        let at = c.kept.iter().position(|k| k.id == id)?;
        let file = c.kept.remove(at);
        Some((file.name, file.bytes))
    });
    match found {
        Some((name, bytes)) => {
            read(id, name, bytes, options);
            true
        }
        None => false,
    }
}

/// Forgets a file (in the worker and here). Queued reads of it are dropped.
pub fn remove(id: u32) {
    with_client(|c| {
        c.kept.retain(|k| k.id != id);
        c.queue
            .retain(|job| !matches!(job, Job::Read { id: i, .. } if *i == id));
        Vec::new()
    });
    push(Job::Remove { id });
}

/// Asks for a report; an older report still waiting in the queue is dropped.
pub fn report(seq: u32, options: String) {
    with_client(|c| {
        c.queue.retain(|job| !matches!(job, Job::Report { .. }));
        Vec::new()
    });
    push(Job::Report { seq, options });
}

/// Asks the worker to generate the example workbooks.
pub fn examples() {
    push(Job::Examples);
}

/// "Avbryt": stops the file being read and every file waiting, and starts a fresh worker that
/// gets the files already read.
pub fn cancel() {
    let events = with_client(|c| c.replace(Cause::Cancel, String::new()));
    emit(events);
}

fn push(job: Job) {
    let events = with_client(|c| {
        c.queue.push_back(job);
        c.pump()
    });
    emit(events);
}

fn with_client(f: impl FnOnce(&mut Client) -> Vec<Event>) -> Vec<Event> {
    CLIENT.with_borrow_mut(|c| c.as_mut().map(f).unwrap_or_default())
}

fn with_client_value<T>(f: impl FnOnce(&mut Client) -> Option<T>) -> Option<T> {
    CLIENT.with_borrow_mut(|c| c.as_mut().and_then(f))
}

fn emit(events: Vec<Event>) {
    if events.is_empty() {
        return;
    }
    let Some(listener) = LISTENER.with_borrow(|l| l.clone()) else {
        return;
    };
    for event in events {
        listener(event);
    }
}

impl Client {
    /// Starts a new worker and gives it the module.
    fn spawn(&mut self) {
        self.generation = self.generation.wrapping_add(1);
        self.ready = false;
        let generation = self.generation;
        let options = web_sys::WorkerOptions::new();
        options.set_type(web_sys::WorkerType::Module);
        let worker = match web_sys::Worker::new_with_options(&self.worker_url, &options) {
            Ok(w) => w,
            Err(_) => {
                self.broken = true;
                return;
            }
        };
        let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
            move |event: web_sys::MessageEvent| {
                let events = with_client(|c| {
                    if c.generation != generation {
                        return Vec::new();
                    }
                    c.on_message(event.data())
                });
                emit(events);
            },
        );
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
            event.prevent_default();
            let detail = event
                .dyn_ref::<web_sys::ErrorEvent>()
                .map(|e| e.message())
                .unwrap_or_default();
            let events = with_client(|c| {
                if c.generation != generation {
                    return Vec::new();
                }
                c.replace(Cause::Crash, detail)
            });
            emit(events);
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        worker.set_onmessageerror(Some(on_error.as_ref().unchecked_ref()));
        let init = Object::new();
        let _ = Reflect::set(&init, &"kind".into(), &"init".into());
        let _ = Reflect::set(&init, &"glue".into(), &self.glue_url.as_str().into());
        let _ = Reflect::set(&init, &"module".into(), &self.module);
        let _ = worker.post_message(&init);
        self.worker = Some(worker);
        self._on_message = Some(on_message);
        self._on_error = Some(on_error);
    }

    /// Sends the next job when nothing is in flight.
    fn pump(&mut self) -> Vec<Event> {
        let mut events = Vec::new();
        if self.in_flight.is_some() || self.broken {
            return events;
        }
        let Some(job) = self.queue.pop_front() else {
            events.push(Event::Idle);
            return events;
        };
        let Some(worker) = self.worker.clone() else {
            return events;
        };
        let job_no = self.next_job;
        self.next_job = self.next_job.wrapping_add(1);
        let message = Object::new();
        let set = |key: &str, value: &JsValue| {
            let _ = Reflect::set(&message, &key.into(), value);
        };
        set("job", &JsValue::from_f64(job_no as f64));
        let transfer = Array::new();
        let sent = match job {
            Job::Read {
                id,
                name,
                bytes,
                options,
                restore,
            } => {
                set("kind", &"read".into());
                set("id", &id.into());
                set("name", &name.as_str().into());
                set("options", &options.as_str().into());
                set("bytes", &bytes);
                transfer.push(&bytes);
                if !restore {
                    events.push(Event::Reading { id });
                }
                Sent::Read {
                    id,
                    name,
                    options,
                    restore,
                }
            }
            Job::Remove { id } => {
                set("kind", &"remove".into());
                set("id", &id.into());
                Sent::Remove
            }
            Job::Report { seq, options } => {
                set("kind", &"report".into());
                set("options", &options.as_str().into());
                Sent::Report { seq }
            }
            Job::Examples => {
                set("kind", &"examples".into());
                Sent::Examples
            }
        };
        if worker
            .post_message_with_transfer(&message, &transfer)
            .is_err()
        {
            self.in_flight = Some((job_no, sent));
            events.extend(self.replace(Cause::Crash, "postMessage".into()));
            return events;
        }
        self.in_flight = Some((job_no, sent));
        let generation = self.generation;
        self.watchdog = set_timeout_with_handle(
            move || {
                let events = with_client(|c| {
                    let same = c.generation == generation
                        && c.in_flight.as_ref().is_some_and(|(n, _)| *n == job_no);
                    if same {
                        c.replace(Cause::Timeout, String::new())
                    } else {
                        Vec::new()
                    }
                });
                emit(events);
            },
            JOB_TIMEOUT,
        )
        .ok();
        events
    }

    fn on_message(&mut self, data: JsValue) -> Vec<Event> {
        let kind = Reflect::get(&data, &"kind".into())
            .ok()
            .and_then(|k| k.as_string())
            .unwrap_or_default();
        if kind == "ready" {
            self.ready = true;
            self.start_failures = 0;
            return Vec::new();
        }
        if kind == "crash" {
            let detail = Reflect::get(&data, &"error".into())
                .ok()
                .and_then(|e| e.as_string())
                .unwrap_or_default();
            return self.replace(Cause::Crash, detail);
        }
        let Some((_, sent)) = self.in_flight.take() else {
            return Vec::new();
        };
        if let Some(handle) = self.watchdog.take() {
            handle.clear();
        }
        let text = |key: &str| {
            Reflect::get(&data, &key.into())
                .ok()
                .and_then(|v| v.as_string())
                .unwrap_or_default()
        };
        let mut events = Vec::new();
        match sent {
            Sent::Read {
                id,
                name,
                options,
                restore,
            } => {
                let outcome = serde_json::from_str::<ReadOutcome>(&text("result")).unwrap_or(
                    ReadOutcome::Failed {
                        message: "Filen kunde inte läsas (oväntat svar från arbetstråden).".into(),
                    },
                );
                if let (ReadOutcome::Read(_), Ok(bytes)) = (
                    &outcome,
                    Reflect::get(&data, &"bytes".into()).and_then(|b| b.dyn_into::<ArrayBuffer>()),
                ) {
                    self.kept.retain(|k| k.id != id);
                    self.kept.push(KeptFile {
                        id,
                        name,
                        bytes,
                        options,
                    });
                    self.kept.sort_by_key(|k| k.id);
                }
                if !restore {
                    events.push(Event::Read {
                        id,
                        outcome: Box::new(outcome),
                    });
                }
            }
            Sent::Remove => {}
            Sent::Report { seq } => {
                let outcome = serde_json::from_str::<ReportOutcome>(&text("result"))
                    .unwrap_or_else(|e| Err(format!("Rapporten kunde inte tas emot: {e}")));
                events.push(Event::Report {
                    seq,
                    outcome: Box::new(outcome),
                });
            }
            Sent::Examples => {
                let files = Reflect::get(&data, &"files".into())
                    .ok()
                    .map(|v| Array::from(&v))
                    .unwrap_or_default();
                let list = files
                    .iter()
                    .filter_map(|f| {
                        let name = Reflect::get(&f, &"name".into()).ok()?.as_string()?;
                        let bytes = Reflect::get(&f, &"bytes".into())
                            .ok()?
                            .dyn_into::<js_sys::Uint8Array>()
                            .ok()?;
                        Some((name, bytes.buffer()))
                    })
                    .collect();
                events.push(Event::Examples(list));
            }
        }
        events.extend(self.pump());
        events
    }

    /// Ends the current worker and starts a new one; says what became of the job in flight and,
    /// for "Avbryt", of the files waiting.
    fn replace(&mut self, cause: Cause, detail: String) -> Vec<Event> {
        let mut events = Vec::new();
        if let Some(worker) = self.worker.take() {
            worker.terminate();
        }
        if let Some(handle) = self.watchdog.take() {
            handle.clear();
        }
        if !detail.is_empty() {
            web_sys::console::warn_1(&format!("Arbetstråden avslutades: {detail}").into());
        }
        let started = self.ready;
        match self.in_flight.take() {
            Some((_, Sent::Read { id, .. })) => {
                events.push(Event::ReadFailed {
                    id,
                    message: failure_text(cause).to_owned(),
                });
            }
            Some((_, Sent::Report { seq })) => {
                events.push(Event::ReportFailed {
                    seq,
                    message: match cause {
                        Cause::Cancel => "Beräkningen avbröts.".to_owned(),
                        Cause::Timeout => {
                            "Beräkningen tog för lång tid och avbröts. Försök med färre filer."
                                .to_owned()
                        }
                        Cause::Crash => "Beräkningen stoppades av ett fel i webbläsaren. \
                            Filerna finns kvar; ändra ett val för att räkna igen."
                            .to_owned(),
                    },
                });
            }
            Some((_, Sent::Examples)) => {
                if cause != Cause::Cancel {
                    events.push(Event::Notice(
                        "Exempeldata kunde inte skapas i den här webbläsaren.".into(),
                    ));
                }
            }
            Some((_, Sent::Remove)) | None => {}
        }
        if cause == Cause::Cancel {
            let mut kept_queue = VecDeque::new();
            for job in self.queue.drain(..) {
                match job {
                    Job::Read {
                        id, restore: false, ..
                    } => events.push(Event::ReadFailed {
                        id,
                        message: failure_text(Cause::Cancel).to_owned(),
                    }),
                    Job::Examples => {}
                    other => kept_queue.push_back(other),
                }
            }
            self.queue = kept_queue;
        } else if !started {
            self.start_failures = self.start_failures.saturating_add(1);
        }
        if self.start_failures >= MAX_START_FAILURES {
            self.broken = true;
            for job in self.queue.drain(..) {
                if let Job::Read { id, .. } = job {
                    events.push(Event::ReadFailed {
                        id,
                        message: "Arbetstråden som läser filerna kunde inte starta i den här \
                            webbläsaren."
                            .into(),
                    });
                }
            }
            events.push(Event::Notice(
                "Sidan kunde inte starta sin arbetstråd för att läsa filer. Ladda om sidan, \
                 eller använd en aktuell version av Edge, Chrome, Firefox eller Safari."
                    .into(),
            ));
            return events;
        }
        // Give the new worker the files already read, ahead of everything waiting.
        let restore: Vec<Job> = self
            .kept
            .drain(..)
            .map(|k| Job::Read {
                id: k.id,
                name: k.name,
                bytes: k.bytes,
                options: k.options,
                restore: true,
            })
            .collect();
        for job in restore.into_iter().rev() {
            self.queue.push_front(job);
        }
        self.spawn();
        if cause != Cause::Cancel {
            events.push(Event::Notice(
                "Arbetstråden som läser filerna startades om. De filer som redan var inlästa \
                 finns kvar."
                    .into(),
            ));
        }
        events.extend(self.pump());
        events
    }
}

fn failure_text(cause: Cause) -> &'static str {
    match cause {
        Cause::Cancel => "Avbruten. Välj filen igen för att läsa in den.",
        Cause::Timeout => {
            "Filen tog för lång tid att läsa och avbröts (över en minut). Den kan vara skadad \
             eller för stor; de andra filerna påverkas inte."
        }
        Cause::Crash => {
            "Filen fick läsningen att krascha (till exempel för att minnet tog slut) och \
             lästes inte in. De andra filerna påverkas inte."
        }
    }
}
