//! The page's side of the Web Worker: a queue of jobs sent one at a time, and a new worker when
//! one crashes, runs out of memory, hangs, or the user presses "Avbryt".
//!
//! The worker runs the other WebAssembly module (`engine`: ingest, engine, exports), which
//! `public/boot.js` fetches and compiles once the page is usable and hands over with
//! [`engine_arrives`]. The first worker starts then, and loads its glue while the module
//! compiles; jobs wait in the queue until a worker says it is ready, so a slow download is never
//! taken for a hung job. Every worker gets that compiled module, so a new worker downloads and
//! compiles nothing. Jobs are [`Request`]s and answers [`Reply`]s
//! ([`crate::protocol`]); an answer that does not decode fails its job with a message the user
//! sees.
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

use crate::protocol::{
    decode_reply, encode_request, ExportFormat, ReadOutcome, ReadRequest, Reply, ReportOutcome,
    Request,
};
use crate::report::xlsx::Datum;
use crate::report::ReportOptions;

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
    /// An export written by the worker: its file name and bytes, or why there is none.
    Exported {
        format: ExportFormat,
        result: Result<(String, ArrayBuffer), String>,
    },
    /// Generated example workbooks: (name, bytes).
    Examples(Vec<(String, ArrayBuffer)>),
    /// The worker's module is compiled and a worker runs it: files are read from now on.
    EngineReady,
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
        options: ReadRequest,
        /// Given again to a new worker after a restart (the UI already has its result).
        restore: bool,
    },
    Remove {
        id: u32,
    },
    Report {
        seq: u32,
        options: ReportOptions,
    },
    Export {
        report: ReportOptions,
        date: Option<Datum>,
        format: ExportFormat,
    },
    Examples,
}

/// What is in flight (the bytes went to the worker).
#[derive(Clone, Debug)]
enum Sent {
    Read {
        id: u32,
        name: String,
        options: ReadRequest,
        restore: bool,
    },
    Remove,
    Report {
        seq: u32,
    },
    Export {
        format: ExportFormat,
    },
    Examples,
}

/// A file the worker holds: what it needs to be given again to a new worker.
struct KeptFile {
    id: u32,
    name: String,
    bytes: ArrayBuffer,
    options: ReadRequest,
}

struct Client {
    worker_url: String,
    /// The URL of the worker module's wasm-bindgen glue, once boot.js has named it.
    glue_url: Option<String>,
    /// The compiled `WebAssembly.Module`, once it has arrived.
    module: Option<JsValue>,
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

/// Starts the client; the worker itself starts once [`engine_arrives`] has given it its module.
/// `on_event` receives every [`Event`].
pub fn start(on_event: impl Fn(Event) + 'static) {
    LISTENER.with_borrow_mut(|l| *l = Some(Rc::new(on_event)));
    let client = Client {
        worker_url: super::browser::absolute_url("worker.js"),
        glue_url: None,
        module: None,
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
}

/// The worker's module, compiled by `boot.js` (`module`: a promise of a `WebAssembly.Module`)
/// and the URL of its glue. Starts the first worker once the module is there; if it cannot be
/// had, says so and fails the files waiting.
pub fn engine_arrives(module: js_sys::Promise, glue_url: String) {
    let events = with_client(|c| {
        c.glue_url = Some(glue_url);
        c.spawn();
        Vec::new()
    });
    emit(events);
    wasm_bindgen_futures::spawn_local(async move {
        let arrived = wasm_bindgen_futures::JsFuture::from(module).await;
        let events = with_client(|c| match arrived {
            Ok(module) => {
                if let Some(worker) = &c.worker {
                    let message = Object::new();
                    let _ = Reflect::set(&message, &"kind".into(), &"module".into());
                    let _ = Reflect::set(&message, &"module".into(), &module);
                    let _ = worker.post_message(&message);
                }
                c.module = Some(module);
                Vec::new()
            }
            Err(error) => {
                web_sys::console::error_2(
                    &"Läsarens WebAssembly kunde inte laddas:".into(),
                    &error,
                );
                if let Some(worker) = c.worker.take() {
                    worker.terminate();
                }
                c.give_up(
                    "Läsaren (sidans andra WebAssembly-modul) kunde inte laddas. Ladda om sidan; \
                     hjälper inte det, kontrollera att servern skickar .wasm-filer som \
                     application/wasm.",
                )
            }
        });
        emit(events);
    });
}

/// Queues a file to be read.
pub fn read(id: u32, name: String, bytes: ArrayBuffer, options: ReadRequest) {
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
pub fn reread(id: u32, options: ReadRequest) -> bool {
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
pub fn report(seq: u32, options: ReportOptions) {
    with_client(|c| {
        c.queue.retain(|job| !matches!(job, Job::Report { .. }));
        Vec::new()
    });
    push(Job::Report { seq, options });
}

/// Asks the worker to write an export of the report with these options, dated `date`.
pub fn export(report: ReportOptions, date: Option<Datum>, format: ExportFormat) {
    push(Job::Export {
        report,
        date,
        format,
    });
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
    /// Starts a new worker: it loads the glue at once, and the module when it has it (now, or
    /// when it arrives). Nothing before boot.js has named the glue.
    fn spawn(&mut self) {
        let Some(glue_url) = self.glue_url.as_deref() else {
            return;
        };
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
        let _ = Reflect::set(&init, &"glue".into(), &glue_url.into());
        if let Some(module) = &self.module {
            let _ = Reflect::set(&init, &"module".into(), module);
        }
        let _ = worker.post_message(&init);
        self.worker = Some(worker);
        self._on_message = Some(on_message);
        self._on_error = Some(on_error);
    }

    /// Sends the next job when nothing is in flight and a worker is ready.
    fn pump(&mut self) -> Vec<Event> {
        let mut events = Vec::new();
        if self.in_flight.is_some() || self.broken || !self.ready {
            return events;
        }
        let Some(worker) = self.worker.clone() else {
            return events;
        };
        let Some(job) = self.queue.pop_front() else {
            events.push(Event::Idle);
            return events;
        };
        let job_no = self.next_job;
        self.next_job = self.next_job.wrapping_add(1);
        let (request, bytes, sent) = into_request(job);
        if let Sent::Read {
            id, restore: false, ..
        } = &sent
        {
            events.push(Event::Reading { id: *id });
        }
        let message = Object::new();
        let set = |key: &str, value: &JsValue| {
            let _ = Reflect::set(&message, &key.into(), value);
        };
        set("kind", &"job".into());
        set("job", &JsValue::from_f64(job_no as f64));
        self.in_flight = Some((job_no, sent));
        let encoded = match encode_request(&request) {
            Ok(encoded) => encoded,
            Err(message) => {
                events.extend(self.answer(Err(message), None, Array::new()));
                return events;
            }
        };
        set("request", &encoded.into());
        let transfer = Array::new();
        if let Some(bytes) = &bytes {
            set("bytes", bytes);
            transfer.push(bytes);
        }
        if worker
            .post_message_with_transfer(&message, &transfer)
            .is_err()
        {
            events.extend(self.replace(Cause::Crash, "postMessage".into()));
            return events;
        }
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
        let get = |key: &str| Reflect::get(&data, &key.into()).ok();
        let text = |key: &str| get(key).and_then(|v| v.as_string()).unwrap_or_default();
        match text("kind").as_str() {
            "ready" => {
                let first = !self.ready;
                self.ready = true;
                self.start_failures = 0;
                let mut events = if first {
                    vec![Event::EngineReady]
                } else {
                    Vec::new()
                };
                events.extend(self.pump());
                events
            }
            "crash" => self.replace(Cause::Crash, text("error")),
            _ => {
                if let Some(handle) = self.watchdog.take() {
                    handle.clear();
                }
                let reply = get("reply")
                    .and_then(|r| r.as_string())
                    .ok_or_else(|| "Sidan fick ett tomt svar från arbetstråden.".to_owned())
                    .and_then(|r| decode_reply(&r));
                let bytes = get("bytes").and_then(|b| b.dyn_into::<ArrayBuffer>().ok());
                let files = get("files").map(|f| Array::from(&f)).unwrap_or_default();
                let mut events = self.answer(reply, bytes, files);
                events.extend(self.pump());
                events
            }
        }
    }

    /// What the answer to the job in flight means for the UI. A reply that did not decode, or
    /// does not fit the job, fails the job with a message (and on the console).
    fn answer(
        &mut self,
        reply: Result<Reply, String>,
        bytes: Option<ArrayBuffer>,
        files: Array,
    ) -> Vec<Event> {
        let Some((_, sent)) = self.in_flight.take() else {
            return Vec::new();
        };
        let reply = reply.and_then(|reply| match reply {
            Reply::Error { message } => Err(message),
            other => Ok(other),
        });
        if let Err(message) = &reply {
            web_sys::console::error_1(&format!("Arbetstråden: {message}").into());
        }
        let file = |i: u32| files.get(i).dyn_into::<ArrayBuffer>().ok();
        let unexpected = "Sidan fick ett oväntat svar från arbetstråden.";
        let mut events = Vec::new();
        match sent {
            Sent::Read {
                id,
                name,
                options,
                restore,
            } => {
                let outcome = match reply {
                    Ok(Reply::Read(outcome)) => outcome,
                    Ok(_) => ReadOutcome::Failed {
                        message: unexpected.into(),
                    },
                    Err(message) => ReadOutcome::Failed { message },
                };
                if let (ReadOutcome::Read(_), Some(bytes)) = (&outcome, bytes) {
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
                let outcome: ReportOutcome = match reply {
                    Ok(Reply::Report(outcome)) => *outcome,
                    Ok(_) => Err(unexpected.into()),
                    Err(message) => Err(message),
                };
                events.push(Event::Report {
                    seq,
                    outcome: Box::new(outcome),
                });
            }
            Sent::Export { format } => {
                let result = match reply {
                    Ok(Reply::Export(Ok(name))) => file(0)
                        .map(|bytes| (name, bytes))
                        .ok_or_else(|| unexpected.into()),
                    Ok(Reply::Export(Err(message))) | Err(message) => Err(message),
                    Ok(_) => Err(unexpected.into()),
                };
                events.push(Event::Exported { format, result });
            }
            Sent::Examples => match reply {
                Ok(Reply::Examples(names)) => {
                    let list = (0u32..)
                        .zip(names)
                        .filter_map(|(i, name)| Some((name, file(i)?)))
                        .collect();
                    events.push(Event::Examples(list));
                }
                _ => events.push(Event::Notice(
                    "Exempeldata kunde inte skapas i den här webbläsaren.".into(),
                )),
            },
        }
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
            Some((_, Sent::Export { format })) => events.push(Event::Exported {
                format,
                result: Err(match cause {
                    Cause::Cancel => "Exporten avbröts.".to_owned(),
                    _ => "Filen kunde inte skapas: arbetstråden stoppades. Försök igen.".to_owned(),
                }),
            }),
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
                    Job::Examples | Job::Export { .. } => {}
                    other => kept_queue.push_back(other),
                }
            }
            self.queue = kept_queue;
        } else if !started {
            self.start_failures = self.start_failures.saturating_add(1);
        }
        if self.start_failures >= MAX_START_FAILURES {
            events.extend(self.give_up(
                "Sidan kunde inte starta sin arbetstråd för att läsa filer. Ladda om sidan, \
                 eller använd en aktuell version av Edge, Chrome, Firefox eller Safari.",
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

    /// No worker can run: every file waiting fails, and the user is told why.
    fn give_up(&mut self, notice: &str) -> Vec<Event> {
        self.broken = true;
        let mut events = Vec::new();
        for job in self.queue.drain(..) {
            match job {
                Job::Read { id, .. } => events.push(Event::ReadFailed {
                    id,
                    message: "Arbetstråden som läser filerna kunde inte starta i den här \
                        webbläsaren."
                        .into(),
                }),
                Job::Export { format, .. } => events.push(Event::Exported {
                    format,
                    result: Err(notice.to_owned()),
                }),
                _ => {}
            }
        }
        events.push(Event::Notice(notice.to_owned()));
        events
    }
}

/// A job as the request sent, the bytes transferred with it, and what is then in flight.
fn into_request(job: Job) -> (Request, Option<ArrayBuffer>, Sent) {
    match job {
        Job::Read {
            id,
            name,
            bytes,
            options,
            restore,
        } => (
            Request::Read {
                id,
                name: name.clone(),
                options: options.clone(),
            },
            Some(bytes),
            Sent::Read {
                id,
                name,
                options,
                restore,
            },
        ),
        Job::Remove { id } => (Request::Remove { id }, None, Sent::Remove),
        Job::Report { seq, options } => (Request::Report { options }, None, Sent::Report { seq }),
        Job::Export {
            report,
            date,
            format,
        } => (
            Request::Export {
                report,
                date,
                format,
            },
            None,
            Sent::Export { format },
        ),
        Job::Examples => (Request::Examples, None, Sent::Examples),
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
