//! Which report the page wants and where it stands: the request (the choices and the version of
//! the loaded data), the newest answer, and from the two the report shown and the status line.
//! Latest wins: an answer to an older request may still be shown (nothing jumps while the next
//! is computed), but the status says "Räknar …" until the answer to the current one is in.

use std::sync::Arc;

use crate::report::tables::SourceNote;
use crate::report::{Report, ReportOptions};

use super::settings::Settings;

/// The report the page asks the worker for: these options over this version of the datasets
/// the worker holds.
#[derive(Clone, Debug, PartialEq)]
pub struct ReportRequest {
    pub data_version: u32,
    pub options: ReportOptions,
}

impl ReportRequest {
    /// The request for the current choices; none without a kommun or without a file read.
    pub fn new(data_version: u32, settings: &Settings, has_data: bool) -> Option<ReportRequest> {
        (has_data && !settings.kommun.is_empty()).then(|| ReportRequest {
            data_version,
            options: settings.report_options(),
        })
    }
}

/// A report and how each of its tables was read, shared by every view without copying.
pub type Shown = (Arc<Report>, Arc<Vec<SourceNote>>);

/// The worker's answer to one request.
#[derive(Clone, Debug)]
pub struct Answer {
    pub request: ReportRequest,
    pub outcome: Result<Shown, String>,
}

/// Where the report stands, for the status line and the views without a report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReportStatus {
    /// No file has been read.
    NoData,
    /// No kommun is chosen.
    NoKommun,
    Computing,
    Ready,
    /// No report for these choices, and why (a Swedish sentence).
    Failed(String),
}

impl ReportStatus {
    /// The status of `request` given the newest answer.
    pub fn of(request: Option<&ReportRequest>, answer: Option<&Answer>, has_data: bool) -> Self {
        let Some(request) = request else {
            return if has_data {
                ReportStatus::NoKommun
            } else {
                ReportStatus::NoData
            };
        };
        match answer {
            Some(answer) if answer.request == *request => match &answer.outcome {
                Ok(_) => ReportStatus::Ready,
                Err(message) => ReportStatus::Failed(message.clone()),
            },
            _ => ReportStatus::Computing,
        }
    }

    /// What a view says instead of figures (empty when the report is ready).
    pub fn message(&self) -> String {
        match self {
            ReportStatus::NoData => {
                "Läs in en eller flera filer från Öppna jämförelser, eller prova med exempeldata."
                    .to_owned()
            }
            ReportStatus::NoKommun => "Välj kommun för att se resultaten.".to_owned(),
            ReportStatus::Computing => "Räknar …".to_owned(),
            ReportStatus::Ready => String::new(),
            ReportStatus::Failed(message) => message.clone(),
        }
    }
}

/// The report to show: the newest answer's while a kommun is chosen and data loaded, even if it
/// answered an older request (it stays until the next is in); none after a refusal.
pub fn shown(request: Option<&ReportRequest>, answer: Option<&Answer>) -> Option<Shown> {
    request?;
    answer?.outcome.as_ref().ok().cloned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::ReportOptions;

    fn settings(kommun: &str) -> Settings {
        Settings {
            kommun: kommun.into(),
            ..Settings::default()
        }
    }

    /// A real report: Tyresö over the generator's ekonomiskt bistånd 2020.
    fn report() -> Shown {
        let file = crate::exempel::example_files()
            .unwrap()
            .into_iter()
            .find(|f| f.name.contains("2020-ekonomiskt-bistand"))
            .unwrap();
        let read =
            crate::ingest::read_workbook(&file.name, &file.bytes, &Default::default()).unwrap();
        let report = Report::build(&read.datasets, &settings("0138").report_options()).unwrap();
        (
            Arc::new(report),
            Arc::new(SourceNote::of_all(&read.datasets)),
        )
    }

    #[test]
    fn nothing_is_asked_without_a_kommun_or_data_and_the_views_say_which() {
        assert_eq!(ReportRequest::new(1, &settings(""), true), None);
        assert_eq!(ReportRequest::new(1, &settings("0138"), false), None);
        assert_eq!(ReportStatus::of(None, None, false), ReportStatus::NoData);
        assert_eq!(ReportStatus::of(None, None, true), ReportStatus::NoKommun);
        assert!(ReportStatus::NoData.message().starts_with("Läs in"));
        assert!(ReportStatus::NoKommun.message().starts_with("Välj kommun"));
    }

    #[test]
    fn the_newest_request_wins_and_an_older_answer_is_shown_while_it_is_computed() {
        let first = ReportRequest::new(1, &settings("0138"), true).unwrap();
        let answer = Answer {
            request: first.clone(),
            outcome: Ok(report()),
        };
        assert_eq!(
            ReportStatus::of(Some(&first), Some(&answer), true),
            ReportStatus::Ready
        );
        // The data changed: the old report stays on screen, the status says it is being redone.
        let second = ReportRequest::new(2, &settings("0138"), true).unwrap();
        assert_ne!(first, second);
        assert_eq!(
            ReportStatus::of(Some(&second), Some(&answer), true),
            ReportStatus::Computing
        );
        assert!(shown(Some(&second), Some(&answer)).is_some());
        // Another Delvis rule is another request too.
        let mut halv = settings("0138");
        halv.delvis = crate::score::DelvisRule::Halv;
        assert_ne!(ReportRequest::new(1, &halv, true), Some(first));
        // No kommun: nothing shown.
        assert!(shown(None, Some(&answer)).is_none());
    }

    #[test]
    fn a_refusal_shows_no_report_and_says_why() {
        let request = ReportRequest::new(1, &settings("9999"), true).unwrap();
        let answer = Answer {
            request: request.clone(),
            outcome: Err("Kommunen finns inte i filerna.".into()),
        };
        assert_eq!(
            ReportStatus::of(Some(&request), Some(&answer), true),
            ReportStatus::Failed("Kommunen finns inte i filerna.".into())
        );
        assert!(shown(Some(&request), Some(&answer)).is_none());
        assert_eq!(
            request.options,
            ReportOptions {
                kommun: "9999".into(),
                ..ReportOptions::default()
            }
        );
    }
}
