//! Resource limits for reading one file: size, cells, decompressed bytes, zip entries.
//!
//! How each bound is enforced:
//! - file size: checked first, before any parsing;
//! - cells: counted while cells stream in ([`CellBudget`]); reading stops at the first cell over;
//! - decompressed size: the zip central directory's declared uncompressed sizes are summed and
//!   checked before calamine opens the file ([`check_zip`]); a bomb that lies about its sizes is
//!   stopped by the zip crate itself, which fails any entry that inflates past its declared size
//!   (zip ≥ 9, `Crc32Reader::with_size_limit`; a test in `tests/ingest_formats.rs` proves it);
//! - spans: no reader allocates by a sheet's declared or spanned range (xlsx/xlsb stream cells;
//!   xls and ods have sparse readers of our own), so a sparse sheet costs only its cells.

use std::io::Cursor;

use serde::{Deserialize, Serialize};

use super::error::IngestError;

/// Upper bounds that keep a hostile or huge file from exhausting the page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Limits {
    /// Largest file accepted, in bytes.
    pub max_file_bytes: u64,
    /// Most non-empty cells read from one file, all sheets together (and merged regions). A cell
    /// costs about 40 bytes plus its text; the largest real ÖJ workbook seen has 250 000.
    pub max_cells: u64,
    /// Most bytes a compressed container may inflate to (sum of all its parts).
    pub max_decompressed_bytes: u64,
    /// Most entries in a zip container.
    pub max_zip_entries: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 50 * 1024 * 1024,
            max_cells: 2_000_000,
            max_decompressed_bytes: 300 * 1024 * 1024,
            max_zip_entries: 10_000,
        }
    }
}

impl Limits {
    /// Refuses a file larger than `max_file_bytes`.
    pub fn check_file_size(&self, n_bytes: usize) -> Result<(), IngestError> {
        let bytes = u64::try_from(n_bytes).unwrap_or(u64::MAX);
        if bytes > self.max_file_bytes {
            return Err(IngestError::TooLarge {
                bytes,
                max: self.max_file_bytes,
            });
        }
        Ok(())
    }
}

/// Counts cells against `max_cells` while they are read.
#[derive(Clone, Debug)]
pub struct CellBudget {
    used: u64,
    max: u64,
}

impl CellBudget {
    pub fn new(limits: &Limits) -> CellBudget {
        CellBudget {
            used: 0,
            max: limits.max_cells,
        }
    }

    /// Takes one cell, or fails with [`IngestError::TooManyCells`] when the budget is spent.
    pub fn take_one(&mut self) -> Result<(), IngestError> {
        self.take(1)
    }

    /// Takes `n` cells at once.
    pub fn take(&mut self, n: u64) -> Result<(), IngestError> {
        self.used = self.used.saturating_add(n);
        if self.used > self.max {
            return Err(self.exceeded());
        }
        Ok(())
    }

    /// The error for a spent budget.
    pub fn exceeded(&self) -> IngestError {
        IngestError::TooManyCells { max: self.max }
    }

    pub fn used(&self) -> u64 {
        self.used
    }
}

/// Checks a zip container before it is opened for reading: entry count and the sum of the
/// declared uncompressed sizes. (Actual inflation beyond a declared size is an error in the zip
/// crate, so the declared sum bounds the real one.)
pub fn check_zip(bytes: &[u8], limits: &Limits) -> Result<(), IngestError> {
    let archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| IngestError::CorruptZip)?;
    let n_entries = u64::try_from(archive.len()).unwrap_or(u64::MAX);
    if n_entries > limits.max_zip_entries {
        return Err(IngestError::Unreadable {
            format: "ett zip-arkiv".into(),
            detail: format!(
                "{n_entries} delar, högst {} går att läsa",
                limits.max_zip_entries
            ),
        });
    }
    // The central directory's sizes, which the zip crate enforces while inflating (also for
    // entries written with a data descriptor: it reads sizes from the central directory).
    let mut declared: u64 = 0;
    for index in 0..archive.len() {
        let entry = archive
            .by_index_data(index)
            .map_err(|_| IngestError::CorruptZip)?;
        declared = declared.saturating_add(entry.size());
    }
    if declared > limits.max_decompressed_bytes {
        return Err(IngestError::DecompressedTooLarge {
            declared,
            max: limits.max_decompressed_bytes,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budget_fails_on_the_first_cell_over() {
        let mut budget = CellBudget::new(&Limits {
            max_cells: 2,
            ..Limits::default()
        });
        assert!(budget.take_one().is_ok());
        assert!(budget.take_one().is_ok());
        assert_eq!(budget.take_one(), Err(IngestError::TooManyCells { max: 2 }));
    }

    #[test]
    fn file_size_is_checked() {
        let limits = Limits {
            max_file_bytes: 10,
            ..Limits::default()
        };
        assert!(limits.check_file_size(10).is_ok());
        assert_eq!(
            limits.check_file_size(11),
            Err(IngestError::TooLarge { bytes: 11, max: 10 })
        );
    }
}
