//! Fuzz target: any bytes through the whole ingest pipeline must return (Ok or a typed error),
//! never panic, within the default limits.
#![no_main]

use libfuzzer_sys::fuzz_target;
use oj_analys::ingest::{read_workbook, ReadOptions};

fuzz_target!(|data: &[u8]| {
    let _ = read_workbook("fuzz.xlsx", data, &ReadOptions::default());
});
