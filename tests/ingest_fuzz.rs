//! A bounded, deterministic mutation run over `read_workbook`: real workbooks and refusal
//! fixtures with bytes flipped, cut, spliced and overwritten with boundary values, zip parts
//! re-packed with damaged XML, and garbage behind each signature; and the hostile shapes of the
//! fuzz target's seed corpus (`fuzz/seeds/read_workbook`: long cells, entity declarations, broken
//! shared-string indexes, huge row and column numbers, many sheets, deep nesting, many cells,
//! rows, elements and merges), mutated the same way under lowered limits. Asserts no panic and a
//! bounded time and memory per input. `OJ_FUZZ_ITERS=N` runs N mutations per seed instead of 300
//! and `OJ_FUZZ_SEED=N` starts the generator elsewhere (for longer local runs); the default run
//! is about 4 600 inputs and finishes in about 20 s in a debug build.

use std::io::{Cursor, Read, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::time::{Duration, Instant};

use oj_analys::ingest::{read_workbook, IngestError, Limits, ReadOptions};

mod hostile_support;
use hostile_support as hostile;
#[path = "hostile_support/measure.rs"]
mod measure;
use measure::{measured, MB};

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

/// How long and how much memory one input may take.
#[derive(Clone, Copy)]
struct Bound {
    time: Duration,
    memory: usize,
}

/// The bound of an input of the real workbooks' run: the 200 MB, and time for a
/// debug build on a busy machine (a mutated 600 kB real workbook takes about 0.7 s on an idle
/// core).
fn bound_for(bytes: &[u8]) -> Bound {
    Bound {
        time: Duration::from_secs(if bytes.len() < 100_000 { 2 } else { 6 }),
        memory: 200 * MB,
    }
}

/// The worst of a run so far: time and memory, and which input.
#[derive(Default)]
struct Worst {
    time: Duration,
    memory: usize,
    memory_of: String,
}

/// Reads one input; fails the test on a panic or when it takes too long or too much memory.
fn check(
    bytes: &[u8],
    label: &str,
    options: &ReadOptions,
    bound: Bound,
    worst: &mut Worst,
) -> Result<(), IngestError> {
    let (result, elapsed, peak) = measured(|| {
        catch_unwind(AssertUnwindSafe(|| {
            read_workbook("fuzz.xlsx", bytes, options).map(|_| ())
        }))
    });
    let save = |kind: &str| {
        let path = std::env::temp_dir().join(format!("oj-fuzz-{kind}-{label}.bin"));
        let _ = std::fs::write(&path, bytes);
        path
    };
    let Ok(result) = result else {
        panic!(
            "read_workbook panicked on {label}; input saved to {}",
            save("crash").display()
        );
    };
    assert!(
        elapsed < bound.time,
        "{label} took {elapsed:?} ({} bytes); input saved to {}",
        bytes.len(),
        save("slow").display()
    );
    assert!(
        peak < bound.memory,
        "{label} held {} MB ({} bytes); input saved to {}",
        peak / MB,
        bytes.len(),
        save("memory").display()
    );
    worst.time = worst.time.max(elapsed);
    if peak > worst.memory {
        worst.memory = peak;
        worst.memory_of = label.to_owned();
    }
    result
}

#[test]
fn mutated_workbooks_and_garbage_never_panic_and_finish_quickly() {
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
    let mut worst = Worst::default();
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
            let _ = check(
                &input,
                &format!("seed{s}-{i}"),
                &options,
                bound_for(&input),
                &mut worst,
            );
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
            let _ = check(
                &input,
                &format!("real{s}-{i}"),
                &options,
                bound_for(&input),
                &mut worst,
            );
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
        let _ = check(
            &input,
            &format!("garbage-{i}"),
            &options,
            bound_for(&input),
            &mut worst,
        );
        n_inputs += 1;
    }

    let total = started.elapsed();
    eprintln!(
        "{n_inputs} inputs in {total:?} (small seeds {small_done:?}, real workbooks {:?}), \
         slowest {:?}, most memory {} MB ({})",
        real_done.saturating_sub(small_done),
        worst.time,
        worst.memory / MB,
        worst.memory_of
    );
    assert!(n_inputs >= 3000 || iterations < 300);
}

/// The limits of the hostile run: low, so that every seed is past them at once and refusing
/// costs little (that it costs in proportion to the limit, not the file, is what is tested).
fn low_limits() -> Limits {
    Limits {
        max_cells: 5_000,
        max_cell_chars: 1_000,
        max_text_chars: 20_000,
        max_sheets: 20,
        max_xml_depth: 30,
        max_xml_elements: 20_000,
        max_decompressed_bytes: 32 * 1024 * 1024,
        ..Limits::default()
    }
}

#[test]
fn the_hostile_seeds_mutated_are_refused_in_bounded_time_and_memory() {
    let iterations: usize = std::env::var("OJ_FUZZ_ITERS")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .map_or(24, |n| n / 10 + 1);
    #[allow(clippy::needless_update)]
    let options = ReadOptions {
        limits: low_limits(),
        ..ReadOptions::default()
    };
    // Refusing at these limits takes milliseconds; a debug build on a busy machine gets room.
    let bound = Bound {
        time: Duration::from_secs(2),
        memory: 64 * MB,
    };
    let seeds_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds/read_workbook");
    let seeds = hostile::seeds();
    let mut rng = Rng(0x5EED_5EED);
    let mut worst = Worst::default();
    let started = Instant::now();
    let mut n_inputs = 0usize;
    for seed in &seeds {
        let path = seeds_dir.join(seed.name);
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        // The committed seed is the generator's (remake with `cargo run --example make-hostile
        // -- --seeds`), and as it is, it is refused in Swedish.
        assert!(
            bytes == seed.bytes,
            "{} differs from the generator's",
            seed.name
        );
        let e = check(&bytes, seed.name, &options, bound, &mut worst)
            .err()
            .unwrap_or_else(|| panic!("{} ({}) was read", seed.name, seed.what));
        hostile::assert_swedish(&e.message(), seed.name);
        // Parts re-packed after a mutation, when they are small enough to re-pack quickly.
        let parts = unzip(&bytes).filter(|parts| {
            parts
                .iter()
                .map(|(_, content)| content.len())
                .sum::<usize>()
                < (4 << 20)
        });
        for i in 0..iterations {
            let input = match &parts {
                Some(parts) if i % 2 == 1 => mutate_zip_part(parts, &mut rng),
                _ => mutate(&bytes, &mut rng),
            };
            let _ = check(
                &input,
                &format!("{}-{i}", seed.name),
                &options,
                bound,
                &mut worst,
            );
            n_inputs += 1;
        }
    }
    eprintln!(
        "{} hostile seeds, {n_inputs} mutations in {:?}, slowest {:?}, most memory {:.1} MB ({})",
        seeds.len(),
        started.elapsed(),
        worst.time,
        worst.memory as f64 / MB as f64,
        worst.memory_of
    );
}
