//! Times reading the generator's eighteen Tyresö workbooks and building the report over them
//! (`cargo run --release --example measure-report`; `OJ_ROUNDS=N` builds the report N times and
//! prints the mean). A measurement, not a check: the tests count work, `./bench` and this time it.

use std::time::Instant;

use oj_analys::exempel::{example_file_name, to_xlsx, tyreso_series, Shape};
use oj_analys::ingest::{read_workbook, ReadOptions};
use oj_analys::report::{text, Report, ReportOptions};
use oj_analys::score::DelvisRule;

fn main() {
    let shape = Shape::Wide { header_rows: 3 };
    let files: Vec<(String, Vec<u8>)> = tyreso_series()
        .iter()
        .map(|spec| {
            let bytes = to_xlsx(spec, shape).expect("the generator writes its series");
            (example_file_name(spec, shape, "xlsx"), bytes)
        })
        .collect();
    let t = Instant::now();
    let datasets: Vec<_> = files
        .iter()
        .flat_map(|(name, bytes)| {
            read_workbook(name, bytes, &ReadOptions::default())
                .expect("the generator's workbooks read")
                .datasets
        })
        .collect();
    let read_time = t.elapsed();
    let options = ReportOptions {
        kommun: "0138".into(),
        delvis: DelvisRule::Uppfylld,
        ..ReportOptions::default()
    };
    let t = Instant::now();
    let _ = Report::build(&datasets, &options).expect("a report");
    let first_time = t.elapsed();
    let rounds: u32 = std::env::var("OJ_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .filter(|r| *r > 0)
        .unwrap_or(1);
    let t = Instant::now();
    let mut report = None;
    for _ in 0..rounds {
        report = Some(Report::build(&datasets, &options).expect("a report"));
    }
    let build_time = t.elapsed() / rounds;
    let Some(report) = report else { return };
    let t = Instant::now();
    let json = serde_json::to_string(&report).expect("serialises");
    let json_time = t.elapsed();
    println!("{}", text::render(&report));
    eprintln!("first report (reference tables parsed): {first_time:?}");
    eprintln!(
        "read {} workbooks: {read_time:?}; report: {build_time:?}; JSON {} kB in {json_time:?}",
        files.len(),
        json.len() / 1000
    );
}
