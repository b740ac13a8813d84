//! The worker's job queue: one job in flight at a time (so a crash is pinned on exactly that
//! job), the files already read kept to be given to a new worker, and what a crash, a hang or
//! "Avbryt" means for every job in flight and waiting.
//!
//! `ui::worker` owns the Web Worker, its messages and the watchdog timer; it asks this queue
//! what to send next and what to tell the page. `B` is a file's bytes (a transferred
//! `ArrayBuffer` in the browser), `R` where a report's answer goes (the sending half of a
//! channel): a report job dropped from the queue drops it, so its receiver learns it is gone.

use std::collections::VecDeque;

use crate::protocol::{
    ExportFormat, GroupFigureRequest, GroupRequest, ReadOutcome, ReadRequest, Reply, ReportOutcome,
    Request,
};
use crate::report::group::GroupTable;
use crate::report::tables::Datum;
use crate::report::ReportOptions;
use crate::score::Figure;

/// How many workers in a row may fail to start before the page gives up.
pub const MAX_START_FAILURES: u32 = 3;

/// Something for the worker to do.
pub enum Job<B, R> {
    Read {
        id: u32,
        name: String,
        bytes: B,
        options: ReadRequest,
        /// A file already read, given again to a new worker (the page already has its result).
        restore: bool,
    },
    Remove {
        id: u32,
    },
    Report {
        options: ReportOptions,
        reply: R,
    },
    Export {
        report: ReportOptions,
        date: Option<Datum>,
        format: ExportFormat,
    },
    /// A Gruppöversikt; `tag` comes back with its answer (the page shows the newest only).
    Group {
        request: GroupRequest,
        tag: u32,
    },
    /// The cells behind a Gruppöversikt cell, for the cells dialog titled `title`.
    GroupFigure {
        request: GroupFigureRequest,
        title: String,
    },
    Examples,
}

/// What the page hears from the queue.
#[derive(Debug)]
pub enum Event<B, R> {
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
    /// A report, or why there is none, for whoever waits at `reply`.
    Report {
        reply: R,
        outcome: Box<ReportOutcome>,
    },
    /// An export written by the worker: its file name and bytes, or why there is none.
    Exported {
        format: ExportFormat,
        result: Result<(String, B), String>,
    },
    /// A Gruppöversikt, or why there is none, for the job tagged `tag`.
    Group {
        tag: u32,
        outcome: Box<Result<GroupTable, String>>,
    },
    /// The cells behind a Gruppöversikt cell, or why there are none.
    Figure {
        title: String,
        outcome: Box<Result<Figure, String>>,
    },
    /// Generated example workbooks: (name, bytes).
    Examples(Vec<(String, B)>),
    /// A worker runs the engine: files are read from now on.
    EngineReady,
    /// Something the user should know, in Swedish (a restart, a worker that cannot start).
    Notice(String),
    /// The queue is empty and nothing is in flight.
    Idle,
}

/// Why a worker is being replaced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cause {
    Crash,
    Timeout,
    Cancel,
}

/// A job to send now: its number (the reply and the watchdog name it), the request, and the
/// bytes transferred with it.
pub struct Outgoing<B> {
    pub job: u64,
    pub request: Request,
    pub bytes: Option<B>,
}

/// What is in flight (the bytes went to the worker).
enum Sent<R> {
    Read {
        id: u32,
        name: String,
        options: ReadRequest,
        restore: bool,
    },
    Remove,
    Report {
        reply: R,
    },
    Export {
        format: ExportFormat,
    },
    Group {
        tag: u32,
    },
    Figure {
        title: String,
    },
    Examples,
}

/// A file the worker holds: what a new worker needs to be given it again.
struct KeptFile<B> {
    id: u32,
    name: String,
    bytes: B,
    options: ReadRequest,
}

/// The queue and what the current worker holds.
pub struct Queue<B, R> {
    jobs: VecDeque<Job<B, R>>,
    in_flight: Option<(u64, Sent<R>)>,
    next_job: u64,
    kept: Vec<KeptFile<B>>,
    /// The current worker has said it is ready.
    ready: bool,
    start_failures: u32,
    /// No worker can run: nothing is sent any more.
    broken: bool,
}

impl<B, R> Default for Queue<B, R> {
    fn default() -> Self {
        Queue {
            jobs: VecDeque::new(),
            in_flight: None,
            next_job: 1,
            kept: Vec::new(),
            ready: false,
            start_failures: 0,
            broken: false,
        }
    }
}

const UNEXPECTED: &str = "Sidan fick ett oväntat svar från arbetstråden.";
const EXAMPLES_FAILED: &str = "Exempeldata kunde inte skapas i den här webbläsaren.";
const RESTARTED: &str = "Arbetstråden som läser filerna startades om. De filer som redan var \
                         inlästa finns kvar.";
const CANNOT_START: &str = "Sidan kunde inte starta sin arbetstråd för att läsa filer. Ladda om \
                            sidan, eller använd en aktuell version av Edge, Chrome, Firefox eller \
                            Safari.";

impl<B, R> Queue<B, R> {
    /// Queues a job; a report replaces any report still waiting, a Gruppöversikt any
    /// Gruppöversikt (only the newest is wanted).
    pub fn push(&mut self, job: Job<B, R>) {
        if matches!(job, Job::Report { .. }) {
            self.jobs.retain(|j| !matches!(j, Job::Report { .. }));
        }
        if matches!(job, Job::Group { .. }) {
            self.jobs.retain(|j| !matches!(j, Job::Group { .. }));
        }
        self.jobs.push_back(job);
    }

    /// Forgets a file: its kept bytes and its reads still waiting; the worker is told.
    pub fn remove_file(&mut self, id: u32) {
        self.kept.retain(|k| k.id != id);
        self.jobs
            .retain(|job| !matches!(job, Job::Read { id: i, .. } if *i == id));
        self.push(Job::Remove { id });
    }

    /// Takes back the bytes of a file read (to read it again with new options).
    pub fn take_kept(&mut self, id: u32) -> Option<(String, B)> {
        let at = self.kept.iter().position(|k| k.id == id)?;
        let file = self.kept.remove(at);
        Some((file.name, file.bytes))
    }

    /// A new worker is starting: nothing is sent until it says it is ready.
    pub fn worker_starting(&mut self) {
        self.ready = false;
    }

    /// The worker says it is ready.
    pub fn worker_ready(&mut self) -> Vec<Event<B, R>> {
        let first = !self.ready;
        self.ready = true;
        self.start_failures = 0;
        if first {
            vec![Event::EngineReady]
        } else {
            Vec::new()
        }
    }

    /// The number of the job in flight.
    pub fn in_flight(&self) -> Option<u64> {
        self.in_flight.as_ref().map(|(n, _)| *n)
    }

    pub fn is_broken(&self) -> bool {
        self.broken
    }

    /// The next job to send, when nothing is in flight and a worker is ready (`Idle` when there
    /// is none).
    pub fn send_next(&mut self) -> (Vec<Event<B, R>>, Option<Outgoing<B>>) {
        let mut events = Vec::new();
        if self.in_flight.is_some() || self.broken || !self.ready {
            return (events, None);
        }
        let Some(job) = self.jobs.pop_front() else {
            events.push(Event::Idle);
            return (events, None);
        };
        let number = self.next_job;
        self.next_job = self.next_job.wrapping_add(1);
        let (request, bytes, sent) = into_request(job);
        if let Sent::Read {
            id, restore: false, ..
        } = &sent
        {
            events.push(Event::Reading { id: *id });
        }
        self.in_flight = Some((number, sent));
        let outgoing = Outgoing {
            job: number,
            request,
            bytes,
        };
        (events, Some(outgoing))
    }

    /// The answer to the job in flight: the reply (or why there is none), the bytes of a read
    /// file coming back, and the files an export or the examples carry. A reply that does not
    /// fit the job fails the job.
    pub fn answer(
        &mut self,
        reply: Result<Reply, String>,
        bytes: Option<B>,
        files: Vec<B>,
    ) -> Vec<Event<B, R>> {
        let Some((_, sent)) = self.in_flight.take() else {
            return Vec::new();
        };
        let reply = reply.and_then(|reply| match reply {
            Reply::Error { message } => Err(message),
            other => Ok(other),
        });
        match sent {
            Sent::Read {
                id,
                name,
                options,
                restore,
            } => self.read_answered(id, name, options, restore, reply, bytes),
            Sent::Remove => Vec::new(),
            Sent::Report { reply: to } => {
                let outcome = match reply {
                    Ok(Reply::Report(outcome)) => *outcome,
                    Ok(_) => Err(UNEXPECTED.into()),
                    Err(message) => Err(message),
                };
                vec![Event::Report {
                    reply: to,
                    outcome: Box::new(outcome),
                }]
            }
            Sent::Export { format } => {
                let result = match reply {
                    Ok(Reply::Export(Ok(name))) => files
                        .into_iter()
                        .next()
                        .map(|bytes| (name, bytes))
                        .ok_or_else(|| UNEXPECTED.into()),
                    Ok(Reply::Export(Err(message))) | Err(message) => Err(message),
                    Ok(_) => Err(UNEXPECTED.into()),
                };
                vec![Event::Exported { format, result }]
            }
            Sent::Group { tag } => {
                let outcome = match reply {
                    Ok(Reply::Group(outcome)) => *outcome,
                    Ok(_) => Err(UNEXPECTED.into()),
                    Err(message) => Err(message),
                };
                vec![Event::Group {
                    tag,
                    outcome: Box::new(outcome),
                }]
            }
            Sent::Figure { title } => {
                let outcome = match reply {
                    Ok(Reply::Figure(outcome)) => *outcome,
                    Ok(_) => Err(UNEXPECTED.into()),
                    Err(message) => Err(message),
                };
                vec![Event::Figure {
                    title,
                    outcome: Box::new(outcome),
                }]
            }
            Sent::Examples => match reply {
                Ok(Reply::Examples(names)) => {
                    vec![Event::Examples(names.into_iter().zip(files).collect())]
                }
                _ => vec![Event::Notice(EXAMPLES_FAILED.into())],
            },
        }
    }

    /// A read answered: a file read is kept (its bytes came back); the page hears the outcome
    /// unless the file was only given again to a new worker.
    fn read_answered(
        &mut self,
        id: u32,
        name: String,
        options: ReadRequest,
        restore: bool,
        reply: Result<Reply, String>,
        bytes: Option<B>,
    ) -> Vec<Event<B, R>> {
        let outcome = match reply {
            Ok(Reply::Read(outcome)) => outcome,
            Ok(_) => ReadOutcome::Failed {
                message: UNEXPECTED.into(),
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
        if restore {
            return Vec::new();
        }
        vec![Event::Read {
            id,
            outcome: Box::new(outcome),
        }]
    }

    /// The current worker is gone (crashed, hung, or ended by "Avbryt"): says what became of the
    /// job in flight and, for "Avbryt", of the files waiting; gives the files already read to
    /// the next worker first. After too many workers that never started, gives up.
    pub fn restart(&mut self, cause: Cause) -> Vec<Event<B, R>> {
        let started = self.ready;
        let mut events: Vec<Event<B, R>> = self
            .in_flight
            .take()
            .and_then(|(_, sent)| lost(sent, cause))
            .into_iter()
            .collect();
        if cause == Cause::Cancel {
            events.extend(self.cancel_waiting());
        } else if !started {
            self.start_failures = self.start_failures.saturating_add(1);
        }
        if self.start_failures >= MAX_START_FAILURES {
            events.extend(self.give_up(CANNOT_START));
            return events;
        }
        let restore: Vec<Job<B, R>> = self
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
            self.jobs.push_front(job);
        }
        self.ready = false;
        if cause != Cause::Cancel {
            events.push(Event::Notice(RESTARTED.into()));
        }
        events
    }

    /// "Avbryt": every file waiting to be read fails, exports and examples waiting are
    /// dropped; restores, removals and the report stay.
    fn cancel_waiting(&mut self) -> Vec<Event<B, R>> {
        let mut events = Vec::new();
        let mut kept = VecDeque::new();
        for job in self.jobs.drain(..) {
            match job {
                Job::Read {
                    id, restore: false, ..
                } => events.push(Event::ReadFailed {
                    id,
                    message: read_failure(Cause::Cancel).to_owned(),
                }),
                Job::Examples | Job::Export { .. } | Job::GroupFigure { .. } => {}
                other => kept.push_back(other),
            }
        }
        self.jobs = kept;
        events
    }

    /// No worker can run: every file and export waiting fails, and the user is told why.
    pub fn give_up(&mut self, notice: &str) -> Vec<Event<B, R>> {
        self.broken = true;
        let mut events = Vec::new();
        for job in self.jobs.drain(..) {
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
                Job::Report { reply, .. } => events.push(Event::Report {
                    reply,
                    outcome: Box::new(Err(notice.to_owned())),
                }),
                Job::Group { tag, .. } => events.push(Event::Group {
                    tag,
                    outcome: Box::new(Err(notice.to_owned())),
                }),
                Job::Remove { .. } | Job::Examples | Job::GroupFigure { .. } => {}
            }
        }
        events.push(Event::Notice(notice.to_owned()));
        events
    }
}

/// What the page hears about a job whose worker is gone.
fn lost<B, R>(sent: Sent<R>, cause: Cause) -> Option<Event<B, R>> {
    match sent {
        Sent::Read { id, .. } => Some(Event::ReadFailed {
            id,
            message: read_failure(cause).to_owned(),
        }),
        Sent::Report { reply } => Some(Event::Report {
            reply,
            outcome: Box::new(Err(match cause {
                Cause::Cancel => "Beräkningen avbröts.".to_owned(),
                Cause::Timeout => {
                    "Beräkningen tog för lång tid och avbröts. Försök med färre filer.".to_owned()
                }
                Cause::Crash => "Beräkningen stoppades av ett fel i webbläsaren. Filerna finns \
                                 kvar; ändra ett val för att räkna igen."
                    .to_owned(),
            })),
        }),
        Sent::Export { format } => Some(Event::Exported {
            format,
            result: Err(match cause {
                Cause::Cancel => "Exporten avbröts.".to_owned(),
                _ => "Filen kunde inte skapas: arbetstråden stoppades. Försök igen.".to_owned(),
            }),
        }),
        Sent::Group { tag } => Some(Event::Group {
            tag,
            outcome: Box::new(Err(match cause {
                Cause::Cancel => "Gruppöversikten avbröts.".to_owned(),
                _ => "Gruppöversikten kunde inte räknas: arbetstråden stoppades. Välj gruppen \
                      igen för att räkna om."
                    .to_owned(),
            })),
        }),
        Sent::Figure { title } => Some(Event::Figure {
            title,
            outcome: Box::new(Err(
                "Cellerna kunde inte visas: arbetstråden stoppades. Försök igen.".to_owned(),
            )),
        }),
        Sent::Examples if cause != Cause::Cancel => Some(Event::Notice(EXAMPLES_FAILED.into())),
        Sent::Examples | Sent::Remove => None,
    }
}

/// A job as the request sent, the bytes transferred with it, and what is then in flight.
fn into_request<B, R>(job: Job<B, R>) -> (Request, Option<B>, Sent<R>) {
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
        Job::Report { options, reply } => {
            (Request::Report { options }, None, Sent::Report { reply })
        }
        Job::Export {
            report,
            date,
            format,
        } => (
            Request::Export {
                report,
                date,
                format: format.clone(),
            },
            None,
            Sent::Export { format },
        ),
        Job::Group { request, tag } => (Request::Group(request), None, Sent::Group { tag }),
        Job::GroupFigure { request, title } => {
            (Request::GroupFigure(request), None, Sent::Figure { title })
        }
        Job::Examples => (Request::Examples, None, Sent::Examples),
    }
}

/// Why a file was not read when its worker went away.
fn read_failure(cause: Cause) -> &'static str {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::FileSummary;

    /// Bytes are a label here, a report's reply handle a number.
    type Q = Queue<&'static str, u32>;
    type E = Event<&'static str, u32>;

    fn read(id: u32, bytes: &'static str) -> Job<&'static str, u32> {
        Job::Read {
            id,
            name: format!("{bytes}.xlsx"),
            bytes,
            options: ReadRequest::default(),
            restore: false,
        }
    }

    fn report(reply: u32) -> Job<&'static str, u32> {
        Job::Report {
            options: ReportOptions::default(),
            reply,
        }
    }

    fn read_ok() -> Reply {
        Reply::Read(ReadOutcome::Read(FileSummary {
            hash: String::new(),
            first_layout_key: String::new(),
            reading: crate::ingest::Reading {
                file: "a.xlsx".into(),
                format: crate::ingest::Format::Xlsx,
                text: None,
                layout_key: String::new(),
                sheets: Vec::new(),
                datasets: Vec::new(),
            },
            datasets: Vec::new(),
        }))
    }

    /// Sends the next job; returns its request.
    fn send(q: &mut Q) -> Request {
        let (_, out) = q.send_next();
        out.expect("a job is sent").request
    }

    fn ready_queue() -> Q {
        let mut q = Q::default();
        q.worker_starting();
        assert!(matches!(q.worker_ready().as_slice(), [E::EngineReady]));
        q
    }

    fn failed_reads(events: &[E]) -> Vec<(u32, &str)> {
        events
            .iter()
            .filter_map(|e| match e {
                E::ReadFailed { id, message } => Some((*id, message.as_str())),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn jobs_wait_for_a_ready_worker_and_go_one_at_a_time() {
        let mut q = Q::default();
        q.push(read(1, "a"));
        q.push(read(2, "b"));
        assert!(q.send_next().1.is_none(), "no worker is ready");
        q.worker_ready();
        let (events, out) = q.send_next();
        assert!(matches!(events.as_slice(), [E::Reading { id: 1 }]));
        let out = out.unwrap();
        assert!(matches!(out.request, Request::Read { id: 1, .. }));
        assert_eq!(out.bytes, Some("a"));
        assert_eq!(q.in_flight(), Some(out.job));
        assert!(q.send_next().1.is_none(), "one job in flight at a time");
        let events = q.answer(Ok(read_ok()), Some("a"), Vec::new());
        assert!(matches!(events.as_slice(), [E::Read { id: 1, .. }]));
        assert!(matches!(send(&mut q), Request::Read { id: 2, .. }));
        q.answer(Ok(read_ok()), Some("b"), Vec::new());
        assert!(matches!(q.send_next(), (events, None) if matches!(events.as_slice(), [E::Idle])));
    }

    #[test]
    fn a_crash_fails_the_file_in_flight_alone_and_the_new_worker_gets_the_files_read() {
        let mut q = ready_queue();
        q.push(read(1, "a"));
        send(&mut q);
        q.answer(Ok(read_ok()), Some("a"), Vec::new());
        q.push(read(2, "krasch"));
        q.push(read(3, "c"));
        send(&mut q);
        let events = q.restart(Cause::Crash);
        let failed = failed_reads(&events);
        assert_eq!(failed.len(), 1);
        assert_eq!(failed[0].0, 2);
        assert!(failed[0].1.contains("krascha"), "{}", failed[0].1);
        assert!(matches!(events.last(), Some(E::Notice(n)) if n.contains("startades om")));
        assert!(q.send_next().1.is_none(), "the new worker is not ready yet");
        assert!(q.worker_ready().len() == 1);
        // The file already read first, given again without a word to the page, then the rest.
        let (events, out) = q.send_next();
        assert!(events.is_empty(), "a restore is not announced");
        let out = out.unwrap();
        assert!(matches!(out.request, Request::Read { id: 1, .. }));
        assert_eq!(out.bytes, Some("a"));
        assert!(q.answer(Ok(read_ok()), Some("a"), Vec::new()).is_empty());
        assert!(matches!(send(&mut q), Request::Read { id: 3, .. }));
    }

    #[test]
    fn avbryt_fails_every_file_waiting_keeps_the_files_read_and_says_nothing_else() {
        let mut q = ready_queue();
        q.push(read(1, "a"));
        send(&mut q);
        q.answer(Ok(read_ok()), Some("a"), Vec::new());
        q.push(read(2, "seg"));
        q.push(read(3, "sedan"));
        q.push(Job::Examples);
        q.push(report(7));
        send(&mut q);
        let events = q.restart(Cause::Cancel);
        let failed = failed_reads(&events);
        assert_eq!(failed.iter().map(|(id, _)| *id).collect::<Vec<_>>(), [2, 3]);
        assert!(failed.iter().all(|(_, m)| m.starts_with("Avbruten")));
        assert!(!events.iter().any(|e| matches!(e, E::Notice(_))));
        q.worker_ready();
        assert!(matches!(send(&mut q), Request::Read { id: 1, .. }));
        q.answer(Ok(read_ok()), Some("a"), Vec::new());
        assert!(
            matches!(send(&mut q), Request::Report { .. }),
            "the report stays, the examples go"
        );
    }

    fn group(tag: u32) -> Job<&'static str, u32> {
        Job::Group {
            request: GroupRequest {
                report: ReportOptions::default(),
                of: crate::protocol::GroupOf::Jamforelsegrupp,
            },
            tag,
        }
    }

    #[test]
    fn only_the_newest_gruppoversikt_waits_and_its_answer_carries_its_tag() {
        let mut q = ready_queue();
        q.push(group(1));
        q.push(group(2));
        assert!(matches!(send(&mut q), Request::Group(_)));
        let events = q.answer(
            Ok(Reply::Group(Box::new(Err("ingen".into())))),
            None,
            Vec::new(),
        );
        assert!(
            matches!(events.as_slice(), [E::Group { tag: 2, outcome }] if outcome.is_err()),
            "{events:?}"
        );
        assert!(q.send_next().1.is_none(), "the older one was replaced");
        // A crash while one is in flight answers it with why.
        q.push(group(3));
        send(&mut q);
        let events = q.restart(Cause::Crash);
        assert!(matches!(
            events.first(),
            Some(E::Group { tag: 3, outcome }) if outcome.as_ref().as_ref().is_err_and(|m| m.contains("stoppades"))
        ));
    }

    #[test]
    fn a_report_in_flight_when_the_worker_hangs_gets_its_answer() {
        let mut q = ready_queue();
        q.push(report(4));
        send(&mut q);
        let events = q.restart(Cause::Timeout);
        let Some(E::Report { reply: 4, outcome }) = events.first() else {
            panic!("{events:?}");
        };
        assert!(matches!(outcome.as_ref(), Err(m) if m.contains("för lång tid")));
    }

    #[test]
    fn a_newer_report_replaces_one_still_waiting() {
        let mut q = ready_queue();
        q.push(read(1, "a"));
        q.push(report(1));
        q.push(report(2));
        send(&mut q);
        q.answer(Ok(read_ok()), Some("a"), Vec::new());
        assert!(matches!(send(&mut q), Request::Report { .. }));
        let events = q.answer(
            Ok(Reply::Report(Box::new(Err("ingen".into())))),
            None,
            Vec::new(),
        );
        assert!(matches!(events.as_slice(), [E::Report { reply: 2, .. }]));
        assert!(matches!(q.send_next().0.as_slice(), [E::Idle]));
    }

    #[test]
    fn a_removed_file_is_not_read_nor_given_again() {
        let mut q = ready_queue();
        q.push(read(1, "a"));
        send(&mut q);
        q.answer(Ok(read_ok()), Some("a"), Vec::new());
        q.push(read(2, "b"));
        q.remove_file(1);
        q.remove_file(2);
        assert!(matches!(send(&mut q), Request::Remove { id: 1 }));
        q.answer(Ok(Reply::Removed), None, Vec::new());
        assert!(matches!(send(&mut q), Request::Remove { id: 2 }));
        q.answer(Ok(Reply::Removed), None, Vec::new());
        q.restart(Cause::Crash);
        q.worker_ready();
        assert!(
            matches!(q.send_next().0.as_slice(), [E::Idle]),
            "nothing to restore"
        );
        assert!(q.take_kept(1).is_none());
    }

    #[test]
    fn a_file_read_again_is_taken_back_from_the_kept_files() {
        let mut q = ready_queue();
        q.push(read(1, "a"));
        send(&mut q);
        q.answer(Ok(read_ok()), Some("a"), Vec::new());
        assert_eq!(q.take_kept(1), Some(("a.xlsx".to_owned(), "a")));
        assert_eq!(q.take_kept(1), None);
    }

    #[test]
    fn a_reply_that_does_not_fit_fails_its_job() {
        let mut q = ready_queue();
        q.push(read(1, "a"));
        send(&mut q);
        let events = q.answer(Ok(Reply::Removed), Some("a"), Vec::new());
        let [E::Read { outcome, .. }] = events.as_slice() else {
            panic!("{events:?}");
        };
        assert!(
            matches!(outcome.as_ref(), ReadOutcome::Failed { message } if message.contains("oväntat"))
        );
        assert!(q.take_kept(1).is_none(), "a file not read is not kept");
        q.push(Job::Export {
            report: ReportOptions::default(),
            date: None,
            format: ExportFormat::Xlsx,
        });
        send(&mut q);
        let events = q.answer(
            Ok(Reply::Export(Ok("rapport.xlsx".into()))),
            None,
            Vec::new(),
        );
        assert!(
            matches!(events.as_slice(), [E::Exported { result: Err(_), .. }]),
            "no file came"
        );
        q.push(Job::Examples);
        send(&mut q);
        let events = q.answer(Err("trasigt svar".into()), None, Vec::new());
        assert!(matches!(events.as_slice(), [E::Notice(_)]));
    }

    #[test]
    fn after_three_workers_that_never_start_the_page_gives_up() {
        let mut q = Q::default();
        q.push(read(1, "a"));
        q.push(Job::Export {
            report: ReportOptions::default(),
            date: None,
            format: ExportFormat::Xlsx,
        });
        q.push(report(3));
        for _ in 1..MAX_START_FAILURES {
            let events = q.restart(Cause::Crash);
            assert!(!q.is_broken());
            assert!(failed_reads(&events).is_empty());
        }
        let events = q.restart(Cause::Crash);
        assert!(q.is_broken());
        assert_eq!(failed_reads(&events).len(), 1);
        assert!(events
            .iter()
            .any(|e| matches!(e, E::Exported { result: Err(_), .. })));
        assert!(events
            .iter()
            .any(|e| matches!(e, E::Report { reply: 3, .. })));
        assert!(matches!(events.last(), Some(E::Notice(n)) if n.contains("kunde inte starta")));
        q.worker_ready();
        assert!(q.send_next().1.is_none(), "nothing is sent any more");
    }

    #[test]
    fn a_worker_that_started_resets_the_count_of_failed_starts() {
        let mut q = Q::default();
        q.restart(Cause::Crash);
        q.restart(Cause::Crash);
        q.worker_ready();
        q.restart(Cause::Crash);
        q.restart(Cause::Crash);
        assert!(!q.is_broken());
    }
}
