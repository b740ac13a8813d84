//! Swedish number and text formats for the page: "65 %", "12,5", "2,2 MB", "3 tabeller".

use crate::score::{Ratio, Score};

/// A file size: "566 kB", "2,2 MB".
pub fn file_size(bytes: f64) -> String {
    let bytes = if bytes.is_finite() && bytes > 0.0 {
        bytes
    } else {
        0.0
    };
    if bytes < 1_000_000.0 {
        format!("{} kB", (bytes / 1000.0).ceil() as u64)
    } else {
        crate::sv::fixed(bytes / 1_000_000.0, 1) + " MB"
    }
}

/// A count with the right noun: "1 tabell", "3 tabeller".
pub fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

/// A name in the genitive: "Tyresös", but "Borås", "Luleå" + s → "Luleås".
pub fn genitive(name: &str) -> String {
    if name.ends_with(['s', 'x', 'z', 'S', 'X', 'Z']) {
        name.to_owned()
    } else {
        format!("{name}s")
    }
}

/// A score as the committee report writes it: "24/37 (65 %)".
pub fn score(score: &Score) -> String {
    if score.denominator == 0 {
        "inga besvarade indikatorer".into()
    } else {
        score.short_sv()
    }
}

/// A change in percentage points with its sign: "+12 procentenheter", "−3 procentenheter".
pub fn change_points(now: Option<Ratio>, before: Option<Ratio>) -> Option<String> {
    let (now, before) = (now?.percent() as i64, before?.percent() as i64);
    let diff = now - before;
    Some(match diff {
        0 => "oförändrat".to_owned(),
        d if d > 0 => format!("+{d} procentenheter"),
        d => format!("\u{2212}{} procentenheter", d.unsigned_abs()),
    })
}
