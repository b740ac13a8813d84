//! Measures the worker protocol's wire formats on the largest reply the page decodes: the report
//! over every example workbook (all areas, all years) for one kommun, as JSON (what the protocol
//! sends), CBOR and MessagePack (self-describing binary formats that keep the report types'
//! `skip_serializing_if` attributes working; postcard and bincode cannot). Prints the encoded
//! size and the median time to decode it, natively (`cargo run --release --example wire-format`);
//! docs/benchmarks.md keeps the figures and the choice made from them.

use std::time::{Duration, Instant};

use oj_analys::engine::Engine;
use oj_analys::protocol::{decode_reply, encode_reply, ReadRequest, Reply, Request};
use oj_analys::report::ReportOptions;

const RUNS: usize = 31;

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn timed<T>(decode: impl Fn() -> T) -> Duration {
    median(
        (0..RUNS)
            .map(|_| {
                let start = Instant::now();
                std::hint::black_box(decode());
                start.elapsed()
            })
            .collect(),
    )
}

fn main() {
    let mut engine = Engine::default();
    let Reply::Examples(names) = engine.handle(Request::Examples, &[]).reply else {
        panic!("no examples");
    };
    let files = engine.handle(Request::Examples, &[]).files;
    for (id, (name, bytes)) in names.iter().zip(&files).enumerate() {
        let read = Request::Read {
            id: id as u32,
            name: name.clone(),
            options: ReadRequest::default(),
        };
        engine.handle(read, bytes);
    }
    let options = ReportOptions {
        kommun: "0138".into(),
        ..ReportOptions::default()
    };
    let reply = engine.handle(Request::Report { options }, &[]).reply;

    let json = encode_reply(&reply);
    let mut cbor = Vec::new();
    ciborium::into_writer(&reply, &mut cbor).expect("CBOR encodes");
    let msgpack = rmp_serde::to_vec_named(&reply).expect("MessagePack encodes");

    assert_eq!(decode_reply(&json).expect("JSON decodes"), reply);
    // Kept as a row even when it fails: that it cannot carry the report is part of the finding.
    let cbor_error = match ciborium::from_reader::<Reply, _>(cbor.as_slice()) {
        Ok(from_cbor) if from_cbor == reply => None,
        Ok(_) => Some("decodes to a different report".to_string()),
        Err(e) => Some(e.to_string()),
    };
    let from_msgpack: Reply = rmp_serde::from_slice(&msgpack).expect("MessagePack decodes");
    assert_eq!(from_msgpack, reply);

    println!("The report over {} example workbooks, Tyresö:", files.len());
    println!("| Format | Size (KB) | Decode, median of {RUNS} (ms) |");
    println!("|---|---:|---:|");
    let ms = |time: Duration| format!("{:.2}", time.as_secs_f64() * 1000.0);
    let cbor_time = match &cbor_error {
        None => ms(timed(|| ciborium::from_reader::<Reply, _>(cbor.as_slice()))),
        Some(_) => "does not decode".to_string(),
    };
    let rows = [
        (
            "JSON (serde_json)",
            json.len(),
            ms(timed(|| decode_reply(&json))),
        ),
        ("CBOR (ciborium)", cbor.len(), cbor_time),
        (
            "MessagePack (rmp-serde)",
            msgpack.len(),
            ms(timed(|| rmp_serde::from_slice::<Reply>(&msgpack))),
        ),
    ];
    if let Some(error) = cbor_error {
        println!("CBOR does not carry the report back: {error}");
    }
    for (format, size, time) in rows {
        println!("| {format} | {:.0} | {time} |", size as f64 / 1024.0);
    }
}
