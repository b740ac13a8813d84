//! The worker's engine through its wire protocol, natively: the example workbooks (written by the
//! project's own generator) read, reported and exported through encoded requests give what the
//! core gives directly, byte for byte; a request that does not decode is an error, never a
//! default.

use oj_analys::engine::Engine;
use oj_analys::ingest::{read_workbook, Corrections, ReadOptions};
use oj_analys::protocol::{
    decode_reply, decode_request, encode_reply, encode_request, ExportFormat, ReadOutcome,
    ReadRequest, Reply, Reported, Request,
};
use oj_analys::report::tables::{Datum, ExportOptions, SourceNote, Tabell};
use oj_analys::report::{csv, xlsx, Report, ReportOptions};

/// Sends one request the way the page does (encoded) and decodes the reply the way it does.
fn ask(engine: &mut Engine, request: &Request, bytes: &[u8]) -> (Reply, Vec<Vec<u8>>) {
    let message = encode_request(request).expect("encodes");
    let (reply, files) = engine.handle_message(&message, bytes);
    (decode_reply(&reply).expect("the reply decodes"), files)
}

fn examples(engine: &mut Engine) -> Vec<(String, Vec<u8>)> {
    let (reply, files) = ask(engine, &Request::Examples, &[]);
    let Reply::Examples(names) = reply else {
        panic!("examples: {reply:?}");
    };
    assert_eq!(names.len(), files.len());
    assert!(names.len() >= 2, "{names:?}");
    names.into_iter().zip(files).collect()
}

fn tyreso() -> ReportOptions {
    ReportOptions {
        kommun: "0138".into(),
        ..ReportOptions::default()
    }
}

#[test]
fn files_read_reported_and_exported_through_the_protocol_equal_the_core() {
    let mut engine = Engine::default();
    let files = examples(&mut engine);
    let (name, bytes) = &files[0];

    let read = Request::Read {
        id: 1,
        name: name.clone(),
        options: ReadRequest::default(),
    };
    let (reply, sent) = ask(&mut engine, &read, bytes);
    assert!(sent.is_empty());
    let Reply::Read(ReadOutcome::Read(summary)) = reply else {
        panic!("read: {reply:?}");
    };
    let direct = read_workbook(name, bytes, &ReadOptions::default()).expect("reads");
    assert_eq!(summary.datasets.len(), direct.datasets.len());
    assert!(summary
        .datasets
        .iter()
        .any(|d| d.units.iter().any(|u| u.code == "0138")));
    assert_eq!(summary.reading, direct.reading);

    // The same bytes under another id are recognised, not read twice.
    let again = Request::Read {
        id: 2,
        name: "kopia.xlsx".into(),
        options: ReadRequest::default(),
    };
    assert_eq!(
        ask(&mut engine, &again, bytes).0,
        Reply::Read(ReadOutcome::Duplicate { of: 1 })
    );

    let expected = Report::build(&direct.datasets, &tyreso()).expect("a report");
    let (reply, _) = ask(&mut engine, &Request::Report { options: tyreso() }, &[]);
    // Equal to the last bit of every f64 (serde_json's float_roundtrip: without it, a share's
    // difference 0.21621621621621046 arrived as …048).
    // With it, how each of its tables was read: the sources note of the exports' Källor.
    let reported = Reported {
        report: expected.clone(),
        sources: SourceNote::of_all(&direct.datasets),
    };
    assert_eq!(reply, Reply::Report(Box::new(Ok(reported))));

    // Exports: written in the worker, the same bytes and names as the core (and so the CLI).
    let date = Datum::new(2024, 5, 21);
    let options = ExportOptions::new(date, &direct.datasets);
    let export = |format| Request::Export {
        report: tyreso(),
        date,
        format,
    };
    let (reply, written) = ask(&mut engine, &export(ExportFormat::Xlsx), &[]);
    assert_eq!(
        reply,
        Reply::Export(Ok(oj_analys::report::tables::file_name(
            &expected, &options, "xlsx"
        )))
    );
    assert_eq!(
        written,
        vec![xlsx::write_with(&expected, &options).expect("writes")]
    );
    let tabell = Tabell::Kvalitetsomraden;
    let (reply, written) = ask(&mut engine, &export(ExportFormat::Csv { tabell }), &[]);
    assert_eq!(
        reply,
        Reply::Export(Ok(csv::file_name(&expected, &options, tabell)))
    );
    assert_eq!(written, vec![csv::write_table(&expected, &options, tabell)]);

    // Removed, the file no longer counts: no report for Tyresö without data.
    assert_eq!(
        ask(&mut engine, &Request::Remove { id: 1 }, &[]).0,
        Reply::Removed
    );
    let (reply, _) = ask(&mut engine, &Request::Report { options: tyreso() }, &[]);
    assert!(
        matches!(reply, Reply::Report(ref r) if r.is_err()),
        "{reply:?}"
    );
}

#[test]
fn a_file_read_again_under_its_id_replaces_its_reading_with_the_new_options() {
    let mut engine = Engine::default();
    let files = examples(&mut engine);
    let (name, bytes) = &files[0];
    let read = |options| Request::Read {
        id: 7,
        name: name.clone(),
        options,
    };
    let (first, _) = ask(&mut engine, &read(ReadRequest::default()), bytes);
    let Reply::Read(ReadOutcome::Read(first)) = first else {
        panic!("{first:?}");
    };
    // The user's correction of the first table's year, keyed by its layout.
    let mut corrections = Corrections::default();
    corrections
        .entry(&first.reading.datasets[0].layout_key)
        .year = Some(2001);
    assert_ne!(first.datasets[0].year.as_ref().map(|y| y.value), Some(2001));
    let options = ReadRequest {
        options: ReadOptions {
            corrections,
            ..ReadOptions::default()
        },
        ..ReadRequest::default()
    };
    let (second, _) = ask(&mut engine, &read(options), bytes);
    let Reply::Read(ReadOutcome::Read(second)) = second else {
        panic!("the same id is read again, not a duplicate: {second:?}");
    };
    assert_eq!(
        second.datasets[0].year.as_ref().map(|y| y.value),
        Some(2001)
    );
}

#[test]
fn a_request_that_does_not_decode_is_an_error_never_a_default() {
    let mut engine = Engine::default();
    let files = examples(&mut engine);
    let (name, bytes) = &files[0];
    // Options that do not parse (the user's corrections in a shape this version cannot read):
    // the file is not read with default options, the user is told.
    let broken = format!(
        r#"{{"Read":{{"id":1,"name":{name:?},"options":{{"options":{{"limits":"ingen"}}}}}}}}"#
    );
    for message in [broken.as_str(), "", "{}", r#"{"Rensa":{}}"#] {
        let (reply, files) = engine.handle_message(message, bytes);
        let reply = decode_reply(&reply).expect("an error reply decodes");
        let Reply::Error { message: text } = reply else {
            panic!("{message:?} gave {reply:?}");
        };
        assert!(
            text.starts_with("Arbetstråden förstod inte frågan"),
            "{text}"
        );
        assert!(files.is_empty());
    }
    // Nothing was kept: the report says there is no data.
    let (reply, _) = ask(&mut engine, &Request::Report { options: tyreso() }, &[]);
    assert!(
        matches!(reply, Reply::Report(ref r) if r.is_err()),
        "{reply:?}"
    );
    // And the page refuses a reply it cannot read, with a Swedish sentence.
    let refused = decode_reply(r#"{"Read":{"Läst":1}}"#).expect_err("does not decode");
    assert!(
        refused.starts_with("Sidan förstod inte svaret"),
        "{refused}"
    );
}

#[test]
fn every_request_and_reply_survives_its_encoding() {
    let requests = [
        Request::Read {
            id: 3,
            name: "Ö.xlsx".into(),
            options: ReadRequest::default(),
        },
        Request::Remove { id: 3 },
        Request::Report { options: tyreso() },
        Request::Export {
            report: tyreso(),
            date: Datum::new(2025, 1, 31),
            format: ExportFormat::Csv {
                tabell: Tabell::Kallor,
            },
        },
        Request::Examples,
    ];
    for request in requests {
        let encoded = encode_request(&request).expect("encodes");
        assert_eq!(decode_request(&encoded), Ok(request));
    }
    for reply in [
        Reply::Removed,
        Reply::Export(Err("Ingen rapport.".into())),
        Reply::Examples(vec!["a.xlsx".into()]),
        Reply::Error {
            message: "fel".into(),
        },
    ] {
        assert_eq!(decode_reply(&encode_reply(&reply)), Ok(reply));
    }
}

/// The Gruppöversikt the page asks its worker for is the table `oj-analys report --lan 01
/// --kommun Tyresö --json` prints over the same files (Stockholms län, Tyresö highlighted), and
/// the peer group's is `report --grupp --kommun Tyresö`'s; Tyresö's own figures are the report's.
#[test]
fn the_page_engines_group_table_is_the_clis() {
    use oj_analys::protocol::{GroupOf, GroupRequest};
    use oj_analys::report::group::{GroupChoice, GroupTable};
    let dir = std::env::temp_dir().join(format!("oj-worker-group-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut engine = Engine::default();
    let chosen: Vec<(String, Vec<u8>)> = examples(&mut engine)
        .into_iter()
        .filter(|(n, _)| n.contains("2020-ekonomiskt-bistand") || n.contains("2020-missbruk"))
        .collect();
    assert_eq!(chosen.len(), 2);
    let mut paths = Vec::new();
    for (id, (name, bytes)) in (1..).zip(&chosen) {
        let read = Request::Read {
            id,
            name: name.clone(),
            options: ReadRequest::default(),
        };
        assert!(matches!(
            ask(&mut engine, &read, bytes).0,
            Reply::Read(ReadOutcome::Read(_))
        ));
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        paths.push(path);
    }
    let cli = |args: &[&str]| -> GroupTable {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_oj-analys"))
            .arg("report")
            .args(args)
            .args(["--kommun", "Tyresö", "--json"])
            .args(&paths)
            .output()
            .expect("runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).expect("a group table")
    };
    fn page(engine: &mut Engine, of: GroupOf) -> GroupTable {
        let request = Request::Group(GroupRequest {
            report: tyreso(),
            of,
        });
        match ask(engine, &request, &[]).0 {
            Reply::Group(table) => table.expect("a table"),
            other => panic!("{other:?}"),
        }
    }
    let lan = page(&mut engine, GroupOf::Grupp(GroupChoice::Lan("01".into())));
    assert_eq!(lan, cli(&["--lan", "01"]));
    assert_eq!(lan.name, "Stockholms län");
    // 25 kommuner and Stockholm by its 14 stadsdelar (it answers by stadsdel).
    assert_eq!(lan.rows.len(), 39);
    assert!(lan.rows.iter().any(|r| r.name.starts_with("Stockholm – ")));
    assert_eq!(lan.areas.len(), 2);
    let own: Vec<_> = lan.rows.iter().filter(|r| r.own).collect();
    assert_eq!(own.len(), 1);
    assert_eq!(own[0].name, "Tyresö");
    // Tyresö's cells are its report's figures.
    let (reply, _) = ask(&mut engine, &Request::Report { options: tyreso() }, &[]);
    let Reply::Report(report) = reply else {
        panic!("{reply:?}")
    };
    let report = report.expect("a report").report;
    for (area, cell) in lan.areas.iter().zip(&own[0].cells) {
        let score = report.area(area.area).expect("in the report").total.score;
        assert_eq!(cell.score.as_ref(), Some(&score), "{}", area.name);
    }

    // Each of Tyresö's cells opens the cells it is counted from: the same score, one cell per
    // indicator answered or not, from the column's file (Totalt: every file).
    use oj_analys::protocol::GroupFigureRequest;
    let columns = lan.areas.iter().map(|a| Some(a.area)).chain([None]);
    for (area, cell) in columns.zip(own[0].cells.iter().chain([&own[0].total])) {
        let request = Request::GroupFigure(GroupFigureRequest {
            code: "0138".into(),
            area,
            rule: lan.rule,
        });
        let Reply::Figure(figure) = ask(&mut engine, &request, &[]).0 else {
            panic!("{area:?}")
        };
        let figure = figure.expect("a figure");
        assert_eq!(Some(&figure.score), cell.score.as_ref(), "{area:?}");
        assert!(figure.cells.len() >= figure.score.denominator as usize);
        let files: std::collections::BTreeSet<&str> =
            figure.cells.iter().map(|c| c.file.as_str()).collect();
        assert_eq!(files.len(), if area.is_some() { 1 } else { 2 }, "{files:?}");
    }
    let request = Request::GroupFigure(GroupFigureRequest {
        code: "2599".into(),
        area: None,
        rule: lan.rule,
    });
    assert!(matches!(ask(&mut engine, &request, &[]).0, Reply::Figure(f) if f.is_err()));

    let peers = page(&mut engine, GroupOf::Jamforelsegrupp);
    assert_eq!(peers, cli(&["--grupp"]));
    assert!(
        peers.name.starts_with("Tyresö med jämförelsegrupp"),
        "{}",
        peers.name
    );

    // No kommun chosen: the peer group is refused in Swedish, a län is not.
    let request = Request::Group(GroupRequest {
        report: ReportOptions::default(),
        of: GroupOf::Jamforelsegrupp,
    });
    assert_eq!(
        ask(&mut engine, &request, &[]).0,
        Reply::Group(Box::new(Err(
            "Välj kommun för att se dess jämförelsegrupp.".into()
        )))
    );
    let _ = std::fs::remove_dir_all(&dir);
}
