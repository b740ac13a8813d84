//! Shared data and readers for the export tests: a small report over two areas and three years,
//! the xlsx read back with calamine, and the CSV read back as Swedish Excel would.
#![allow(dead_code)]

use oj_analys::compare::peers::PeerChoice;
use oj_analys::model::{Area, Dataset, Direction, QualityArea::*};
use oj_analys::report::{Report, ReportOptions};
use oj_analys::score::DelvisRule;

use crate::engine_support::{col, dataset, num, row};

#[path = "read.rs"]
mod read;
pub use read::*;

/// A unit label that a spreadsheet would run as a formula if written raw.
pub const HOSTILE: &str = "=HYPERLINK(\"http://x\")";

/// Ekonomiskt bistånd 2018–2020 and Missbruk 2020 for Tyresö (0138) and four peers, with a
/// numeric indicator whose own value is negative, and one peer whose name is [`HOSTILE`].
pub fn datasets() -> Vec<Dataset> {
    let eb = |year: u16, tyreso: &[&str]| {
        dataset(
            Area::EkonomisktBistand,
            year,
            vec![
                col("Rutin för kartläggning", Kunskapsbaserad),
                col("Systematisk uppföljning", Kunskapsbaserad),
                col("Kompetensutvecklingsplan", Kunskapsbaserad),
                col("Information om rättigheter", Sjalvbestammande),
                col("Samverkan med Arbetsförmedlingen", Helhetssyn),
                col("Rutin för SIP", Helhetssyn),
                col("Rutin för hot och våld", TrygghetSakerhet),
                col("Ansökan via e-tjänst", Tillganglighet),
                num(
                    "Förändrad handläggningstid, dagar",
                    Some(Direction::LowerIsBetter),
                ),
            ],
            vec![
                row("0138", tyreso),
                row(
                    "0188",
                    &["Ja", "Ja", "Ja", "Ja", "Nej", "Nej", "Ja", "Ja", "4"],
                ),
                row(
                    "0192",
                    &["Nej", "Nej", "Ja", "Ja", "Ja", "-", "Nej", "Ja", "2"],
                ),
                row(
                    "0120",
                    &["Ja", "Ja", "Nej", "Nej", "Nej", "Ja", "Ja", "KIS", "1"],
                ),
                row(
                    "0181",
                    &["Nej", "Ja", "Nej", "Ja", "Ja", "Ja", "Nej", "Nej", "-1"],
                ),
                row("01", &["60", "70", "55", "75", "50", "60", "65", "70", "2"]),
                row(
                    "00",
                    &["58", "66", "51", "70", "48", "61", "62", "73", "1.5"],
                ),
            ],
        )
    };
    let mut missbruk = dataset(
        Area::Missbruk,
        2020,
        vec![
            col("Rutin för samverkan med regionen", Helhetssyn),
            col("Standardiserad bedömningsmetod", Kunskapsbaserad),
            col("Uppföljning av insatser", Kunskapsbaserad),
        ],
        vec![
            row("0138", &["Delvis", "Ja", "Nej"]),
            row("0188", &["Ja", "Ja", "Ja"]),
            row("0192", &["Nej", "Ja", "Nej"]),
            row("0120", &["Ja", "Nej", "EA"]),
            row("0181", &["Ja", "Ja", "Nej"]),
        ],
    );
    if let Some(unit) = missbruk
        .units
        .iter_mut()
        .find(|u| u.code.as_deref() == Some("0181"))
    {
        unit.name = HOSTILE.to_owned();
        unit.label = HOSTILE.to_owned();
    }
    vec![
        eb(
            2018,
            &["Nej", "Nej", "Nej", "Ja", "Ja", "Nej", "Nej", "Ja", "2"],
        ),
        eb(
            2019,
            &["Ja", "Nej", "Nej", "Ja", "Ja", "Ja", "Nej", "Ja", "1"],
        ),
        eb(
            2020,
            &["Ja", "Delvis", "Nej", "EA", "Ja", "Ja", "Nej", "Ja", "-3.5"],
        ),
        missbruk,
    ]
}

pub fn options(rule: DelvisRule) -> ReportOptions {
    ReportOptions {
        kommun: "0138".into(),
        delvis: rule,
        jamfor: PeerChoice::parse("0188,0192,0120,0181").unwrap(),
        ..ReportOptions::default()
    }
}

pub fn report(rule: DelvisRule) -> Report {
    Report::build(&datasets(), &options(rule)).unwrap()
}
