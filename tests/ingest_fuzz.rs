//! A bounded, deterministic mutation run over `read_workbook`: real workbooks and refusal
//! fixtures with bytes flipped, cut, spliced and overwritten with boundary values, zip parts
//! re-packed with damaged XML, and garbage behind each signature. Asserts no panic; the time of
//! the slowest input is printed, not asserted (a wall clock fails on a busy machine, not on slow
//! code; `./bench` measures time). `OJ_FUZZ_ITERS=N` runs N mutations per seed instead of 300 and
//! `OJ_FUZZ_SEED=N` starts the generator elsewhere (for longer local runs); the default run is
//! about 4 000 inputs and finishes in well under 20 s in a debug build.

use std::io::{Cursor, Read, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::time::{Duration, Instant};

use oj_analys::ingest::{read_workbook, Limits, ReadOptions};

/// SplitMix64: small, fast, deterministic; good enough to pick mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    fn byte(&mut self) -> u8 {
        self.next() as u8
    }
}

const INTERESTING_U32: [u32; 8] = [0, 1, 0x7F, 0xFF, 0xFFFF, 0x7FFF_FFFF, 0x8000_0000, u32::MAX];

/// One mutation of `seed`.
fn mutate(seed: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut out = seed.to_vec();
    let rounds = 1 + rng.below(4);
    for _ in 0..rounds {
        let len = out.len();
        match rng.below(7) {
            // Flip a few bytes.
            0 => {
                for _ in 0..1 + rng.below(8) {
                    if len > 0 {
                        let i = rng.below(len);
                        out[i] ^= 1 << rng.below(8);
                    }
                }
            }
            // Overwrite a few bytes with random values.
            1 => {
                for _ in 0..1 + rng.below(8) {
                    if len > 0 {
                        let i = rng.below(len);
                        out[i] = rng.byte();
                    }
                }
            }
            // Truncate.
            2 => {
                let keep = rng.below(len + 1);
                out.truncate(keep);
            }
            // A boundary value at a random offset (lengths, counts, sector numbers, sizes).
            3 => {
                if len >= 4 {
                    let i = rng.below(len - 3);
                    let v = INTERESTING_U32[rng.below(INTERESTING_U32.len())];
                    out[i..i + 4].copy_from_slice(&v.to_le_bytes());
                }
            }
            // Duplicate a chunk somewhere else.
            4 => {
                if len > 0 {
                    let start = rng.below(len);
                    let n = rng.below((len - start).min(512) + 1);
                    let chunk = out[start..start + n].to_vec();
                    let at = rng.below(out.len() + 1);
                    out.splice(at..at, chunk);
                }
            }
            // Delete a chunk.
            5 => {
                if len > 0 {
                    let start = rng.below(len);
                    let n = rng.below((len - start).min(512) + 1);
                    out.drain(start..start + n);
                }
            }
            // Random bytes appended.
            _ => {
                for _ in 0..rng.below(64) {
                    out.push(rng.byte());
                }
            }
        }
    }
    out
}

/// The parts of a zip (name, content), or `None` when it is not a readable zip.
fn unzip(bytes: &[u8]) -> Option<Vec<(String, Vec<u8>)>> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let mut parts = Vec::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).ok()?;
        let mut content = Vec::new();
        file.read_to_end(&mut content).ok()?;
        parts.push((file.name().ok()?.into_owned(), content));
    }
    Some(parts)
}

fn rezip(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, content) in parts {
        let options = zip::write::SimpleFileOptions::default().compression_level(Some(1));
        zip.start_file(name.as_str(), options).expect("start");
        zip.write_all(content).expect("write");
    }
    zip.finish().expect("finish").into_inner()
}

/// A zip seed with one part's uncompressed content mutated (damaged XML behind valid
/// compression), or a part dropped.
fn mutate_zip_part(parts: &[(String, Vec<u8>)], rng: &mut Rng) -> Vec<u8> {
    let mut parts = parts.to_vec();
    if parts.is_empty() {
        return Vec::new();
    }
    let i = rng.below(parts.len());
    if rng.below(10) == 0 {
        parts.remove(i);
    } else {
        let mutated = mutate(&parts[i].1, rng);
        parts[i].1 = mutated;
    }
    rezip(&parts)
}

fn fixture(path: &str) -> Vec<u8> {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()))
}

/// Reads one input; fails the test on a panic (the input is saved for a rerun). Keeps the
/// slowest time for the summary line.
fn check(bytes: &[u8], label: &str, options: &ReadOptions, slowest: &mut Duration) {
    let started = Instant::now();
    let result = catch_unwind(AssertUnwindSafe(|| {
        let _ = read_workbook("fuzz.xlsx", bytes, options);
    }));
    let elapsed = started.elapsed();
    if result.is_err() {
        let path = std::env::temp_dir().join(format!("oj-fuzz-crash-{label}.bin"));
        let _ = std::fs::write(&path, bytes);
        panic!(
            "read_workbook panicked on {label}; input saved to {}",
            path.display()
        );
    }
    *slowest = (*slowest).max(elapsed);
}

#[test]
fn mutated_workbooks_and_garbage_never_panic() {
    let iterations: usize = std::env::var("OJ_FUZZ_ITERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(300);
    // Lower limits keep a mutation that happens to make a large sheet from dominating the run;
    // the limits themselves are what is being exercised.
    // ReadOptions gains fields (layout corrections); only its limits matter here.
    #[allow(clippy::needless_update)]
    let options = ReadOptions {
        limits: Limits {
            max_cells: 200_000,
            max_decompressed_bytes: 64 * 1024 * 1024,
            ..Limits::default()
        },
        ..ReadOptions::default()
    };
    let small_seeds = [
        "tests/fixtures/refuse/las-blad.xlsx",
        "tests/fixtures/refuse/las-blad.xls",
        "tests/fixtures/refuse/las-blad.ods",
        "tests/fixtures/refuse/las-1252-semikolon.csv",
        "tests/fixtures/refuse/las-utf8-bom.csv",
        "tests/fixtures/refuse/las-tabb.tsv",
        "tests/fixtures/refuse/losenord.xlsx",
        "tests/fixtures/refuse/word.doc",
        "tests/fixtures/refuse/html-tabell.xls",
        "tests/fixtures/refuse/avklippt.xlsx",
        "../shared/fixtures/real/Statistikdatabasen_2025-allergy.xlsx",
    ];
    let started = Instant::now();
    let mut slowest = Duration::ZERO;
    let mut n_inputs = 0usize;
    let seed_value = std::env::var("OJ_FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0x0E_7A_11_5E);
    let mut rng = Rng(seed_value);

    for (s, path) in small_seeds.iter().enumerate() {
        let seed = fixture(path);
        let parts = unzip(&seed);
        for i in 0..iterations {
            let input = match &parts {
                Some(parts) if i % 2 == 1 => mutate_zip_part(parts, &mut rng),
                _ => mutate(&seed, &mut rng),
            };
            check(&input, &format!("seed{s}-{i}"), &options, &mut slowest);
            n_inputs += 1;
        }
    }

    let small_done = started.elapsed();
    // The big real workbooks: fewer mutations (each read costs more), byte-level and per part.
    for (s, path) in [
        "../shared/fixtures/real/2024-9-9230-tables.xlsx",
        "../shared/fixtures/real/2024-11-9295-tables.xlsx",
    ]
    .iter()
    .enumerate()
    {
        let seed = fixture(path);
        let parts = unzip(&seed).expect("real workbook unzips");
        for i in 0..(iterations / 50).max(2) {
            let input = if i % 2 == 0 {
                mutate(&seed, &mut rng)
            } else {
                mutate_zip_part(&parts, &mut rng)
            };
            check(&input, &format!("real{s}-{i}"), &options, &mut slowest);
            n_inputs += 1;
        }
    }

    let real_done = started.elapsed();
    // Garbage, alone and behind each signature ingest looks for.
    let prefixes: [&[u8]; 8] = [
        b"",
        b"PK\x03\x04",
        b"PK\x05\x06",
        &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1],
        b"%PDF-1.4",
        b"\xEF\xBB\xBF",
        b"\xFF\xFE",
        b"Kommun;Andel\n",
    ];
    for i in 0..iterations * 2 {
        let mut input = prefixes[i % prefixes.len()].to_vec();
        let n = rng.below(4096);
        input.extend((0..n).map(|_| rng.byte()));
        check(&input, &format!("garbage-{i}"), &options, &mut slowest);
        n_inputs += 1;
    }

    let total = started.elapsed();
    eprintln!(
        "{n_inputs} inputs in {total:?} (small seeds {small_done:?}, real workbooks {:?}), \
         slowest {slowest:?}",
        real_done.saturating_sub(small_done)
    );
    assert!(n_inputs >= 3000 || iterations < 300);
}
