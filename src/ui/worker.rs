//! The page's side of the Web Worker: the worker itself, its messages and its watchdog, over the
//! job queue of [`crate::app_state::jobs`] (one job at a time; a new worker when one crashes,
//! runs out of memory, hangs, or the user presses "Avbryt").
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
//! through the callback given to [`start`], always called with no borrow held; a report is the
//! answer to the future [`report`] returns.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use futures_channel::oneshot;
use js_sys::{Array, ArrayBuffer, Object, Reflect};
use leptos::prelude::{set_timeout_with_handle, TimeoutHandle};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::app_state::jobs::{self, Cause, Job, Outgoing, Queue};
use crate::protocol::{
    decode_reply, encode_request, ExportFormat, GroupFigureRequest, GroupRequest, ReadRequest,
    Reply, ReportOutcome,
};
use crate::report::tables::Datum;
use crate::report::ReportOptions;

/// How long one job may take before the worker is considered hung and replaced.
const JOB_TIMEOUT: Duration = Duration::from_secs(60);

/// Where a report's answer goes.
type ReportReply = oneshot::Sender<ReportOutcome>;

/// What the worker tells the page (a report goes to whoever awaits [`report`] instead).
pub type Event = jobs::Event<ArrayBuffer, ReportReply>;

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
    watchdog: Option<TimeoutHandle>,
    queue: Queue<ArrayBuffer, ReportReply>,
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
        watchdog: None,
        queue: Queue::default(),
    };
    CLIENT.with_borrow_mut(|c| *c = Some(client));
}

/// The worker's module, compiled by `boot.js` (`module`: a promise of a `WebAssembly.Module`)
/// and the URL of its glue. Starts the first worker once the module is there; if it cannot be
/// had, says so and fails the files waiting.
pub fn engine_arrives(module: js_sys::Promise, glue_url: String) {
    let events = with_client(|c| {
        c.glue_url = Some(glue_url);
        c.spawn()
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
                c.queue.give_up(
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
    let found = CLIENT.with_borrow_mut(|c| c.as_mut().and_then(|c| c.queue.take_kept(id)));
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
    let events = with_client(|c| {
        c.queue.remove_file(id);
        c.pump()
    });
    emit(events);
}

/// The report with these options over the files read, when the worker has built it. A report
/// asked for while an older one still waits replaces it (the older one's answer is then an
/// error nobody shows: only the newest is wanted).
pub async fn report(options: ReportOptions) -> ReportOutcome {
    let (reply, answer) = oneshot::channel();
    push(Job::Report { options, reply });
    answer
        .await
        .unwrap_or_else(|_| Err("En nyare beräkning ersatte den här.".to_owned()))
}

/// Asks the worker to write an export of the report with these options, dated `date`.
pub fn export(report: ReportOptions, date: Option<Datum>, format: ExportFormat) {
    push(Job::Export {
        report,
        date,
        format,
    });
}

/// Asks the worker for a Gruppöversikt; its answer comes as [`jobs::Event::Group`] with `tag`.
pub fn group(request: GroupRequest, tag: u32) {
    push(Job::Group { request, tag });
}

/// Asks the worker for the cells behind a Gruppöversikt cell; they come as
/// [`jobs::Event::Figure`], for the cells dialog titled `title`.
pub fn group_figure(request: GroupFigureRequest, title: String) {
    push(Job::GroupFigure { request, title });
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

fn push(job: Job<ArrayBuffer, ReportReply>) {
    let events = with_client(|c| {
        c.queue.push(job);
        c.pump()
    });
    emit(events);
}

fn with_client(f: impl FnOnce(&mut Client) -> Vec<Event>) -> Vec<Event> {
    CLIENT.with_borrow_mut(|c| c.as_mut().map(f).unwrap_or_default())
}

/// Hands the events to the page (a report to whoever awaits it).
fn emit(events: Vec<Event>) {
    if events.is_empty() {
        return;
    }
    let listener = LISTENER.with_borrow(|l| l.clone());
    for event in events {
        match event {
            jobs::Event::Report { reply, outcome } => {
                let _ = reply.send(*outcome);
            }
            other => {
                if let Some(listener) = &listener {
                    listener(other);
                }
            }
        }
    }
}

impl Client {
    /// Starts a new worker: it loads the glue at once, and the module when it has it (now, or
    /// when it arrives). Nothing before boot.js has named the glue.
    fn spawn(&mut self) -> Vec<Event> {
        let Some(glue_url) = self.glue_url.as_deref() else {
            return Vec::new();
        };
        self.generation = self.generation.wrapping_add(1);
        self.queue.worker_starting();
        let generation = self.generation;
        let options = web_sys::WorkerOptions::new();
        options.set_type(web_sys::WorkerType::Module);
        let worker =
            match web_sys::Worker::new_with_options(&self.worker_url, &options) {
                Ok(w) => w,
                Err(_) => return self.queue.give_up(
                    "Sidan kunde inte starta sin arbetstråd för att läsa filer. Ladda om sidan, \
                     eller använd en aktuell version av Edge, Chrome, Firefox eller Safari.",
                ),
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
        Vec::new()
    }

    /// Sends the next job when nothing is in flight and a worker is ready, and starts its
    /// watchdog.
    fn pump(&mut self) -> Vec<Event> {
        let Some(worker) = self.worker.clone() else {
            return Vec::new();
        };
        let (mut events, outgoing) = self.queue.send_next();
        let Some(Outgoing {
            job,
            request,
            bytes,
        }) = outgoing
        else {
            return events;
        };
        let encoded = match encode_request(&request) {
            Ok(encoded) => encoded,
            Err(message) => {
                web_sys::console::error_1(&format!("Arbetstråden: {message}").into());
                events.extend(self.queue.answer(Err(message), None, Vec::new()));
                return events;
            }
        };
        let message = Object::new();
        let set = |key: &str, value: &JsValue| {
            let _ = Reflect::set(&message, &key.into(), value);
        };
        set("kind", &"job".into());
        set("job", &JsValue::from_f64(job as f64));
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
                    if c.generation == generation && c.queue.in_flight() == Some(job) {
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
                let mut events = self.queue.worker_ready();
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
                match &reply {
                    Err(message) | Ok(Reply::Error { message }) => {
                        web_sys::console::error_1(&format!("Arbetstråden: {message}").into())
                    }
                    Ok(_) => {}
                }
                let bytes = get("bytes").and_then(|b| b.dyn_into::<ArrayBuffer>().ok());
                let files = get("files")
                    .map(|f| Array::from(&f))
                    .unwrap_or_default()
                    .iter()
                    .filter_map(|f| f.dyn_into::<ArrayBuffer>().ok())
                    .collect();
                let mut events = self.queue.answer(reply, bytes, files);
                events.extend(self.pump());
                events
            }
        }
    }

    /// Ends the current worker and starts a new one (unless no worker can run); the queue says
    /// what became of the jobs.
    fn replace(&mut self, cause: Cause, detail: String) -> Vec<Event> {
        if let Some(worker) = self.worker.take() {
            worker.terminate();
        }
        if let Some(handle) = self.watchdog.take() {
            handle.clear();
        }
        if !detail.is_empty() {
            web_sys::console::warn_1(&format!("Arbetstråden avslutades: {detail}").into());
        }
        let mut events = self.queue.restart(cause);
        if !self.queue.is_broken() {
            events.extend(self.spawn());
        }
        events.extend(self.pump());
        events
    }
}
