//! Resource limits for reading one file — size, sheets, cells, text, XML — and the budget that
//! counts them while a file is read.
//!
//! Every limit is a named constant below (the README's "Gränser" lists them for users, the
//! reading report names them), and each is checked while reading, so that refusing a file costs
//! in proportion to the limit, not to what the file claims or contains:
//! - file size: checked first, before any parsing;
//! - zip: the central directory's entry count and declared uncompressed sizes are checked before
//!   anything is inflated ([`check_zip`]); a bomb that lies about its sizes is stopped by the zip
//!   crate itself, which fails any entry that inflates past its declared size (zip ≥ 9,
//!   `Crc32Reader::with_size_limit`; a test in `tests/ingest_formats.rs` proves it);
//! - XML (xlsx parts, ods `content.xml`): read through [`super::sheets`]' bounded reader, which
//!   stops at the first event over [`MAX_XML_EVENT_BYTES`], element over [`MAX_XML_DEPTH`] or
//!   [`MAX_XML_ELEMENTS`], or any DTD (entity declarations); for xlsx this is a pre-check of the
//!   parts calamine reads (calamine buffers a whole text event and the whole shared-string table
//!   before a caller sees a cell), for ods it is the reading itself;
//! - sheets, cells and text: counted as they are read ([`CellBudget`]); reading stops at the
//!   first sheet, cell or character over. A cell's text is held to Excel's own 32 767 characters,
//!   and all cells' text together (a shared string counts once per cell that shows it) to
//!   [`MAX_TEXT_CHARS`];
//! - spans: no reader allocates by a sheet's declared or spanned range (xlsx/xlsb stream cells;
//!   xls and ods have sparse readers of our own), so a sparse sheet costs only its cells.

use std::io::Cursor;

use serde::{Deserialize, Serialize};

use super::error::{grouped, IngestError};
use crate::model::CellRef;

/// Largest file accepted, in bytes (50 MB).
pub const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;
/// Most bytes the parts of a compressed container may inflate to together (300 MB), counting a
/// part once for every time it is read.
pub const MAX_DECOMPRESSED_BYTES: u64 = 300 * 1024 * 1024;
/// Most entries in a zip container.
pub const MAX_ZIP_ENTRIES: u64 = 10_000;
/// Most sheets in one file. Excel sets no number; real ÖJ workbooks have up to about 60.
pub const MAX_SHEETS: u64 = 1_000;
/// Most cells read from one file, all sheets together: non-empty cells and merged regions, and
/// what costs as much to read — in xlsx cells that only carry a format and rows, in text empty
/// fields and lines. A cell costs about 40 bytes plus its text; the largest real ÖJ workbook
/// seen has 250 000. The limit is also what refusing costs: a million cheap cells take about
/// half a second of the native program to count.
pub const MAX_CELLS: u64 = 1_000_000;
/// Most characters in one cell: Excel's own limit.
pub const MAX_CELL_CHARS: u64 = 32_767;
/// Most characters of text in all cells of a file together (a real ÖJ workbook has under
/// 100 000; a generated one of half a million cells 1.6 million).
pub const MAX_TEXT_CHARS: u64 = 20_000_000;
/// Deepest nesting of XML elements (real workbooks nest about 10 deep).
pub const MAX_XML_DEPTH: u64 = 100;
/// Most XML elements read from one file: about four per cell at the cell limit (a real
/// workbook has two or three), and no more than the reader gets through in about half a
/// second natively.
pub const MAX_XML_ELEMENTS: u64 = 4_000_000;
/// Most entries in one of the lists a reader keeps whole — cell formats, fonts, fills, borders,
/// number formats, defined names, relationships: Excel's own limit on unique cell formats
/// (65 490), far beyond any real workbook's.
pub const MAX_LIST_ENTRIES: u64 = 65_490;
/// Largest single XML event — a tag, a run of text, a comment — in bytes (1 MB); the longest
/// text Excel allows in a cell is at most 131 068 bytes.
pub const MAX_XML_EVENT_BYTES: usize = 1024 * 1024;

/// Upper bounds that keep a hostile or huge file from exhausting the page (defaults: the
/// constants above; tests lower them).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Limits {
    /// Largest file accepted, in bytes.
    pub max_file_bytes: u64,
    /// Most cells read from one file, all sheets together (see [`MAX_CELLS`]).
    pub max_cells: u64,
    /// Most bytes a compressed container may inflate to (sum of all its parts).
    pub max_decompressed_bytes: u64,
    /// Most entries in a zip container.
    pub max_zip_entries: u64,
    /// Most sheets in one file.
    pub max_sheets: u64,
    /// Most characters in one cell.
    pub max_cell_chars: u64,
    /// Most characters of text in all cells together.
    pub max_text_chars: u64,
    /// Deepest nesting of XML elements.
    pub max_xml_depth: u64,
    /// Most XML elements read.
    pub max_xml_elements: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: MAX_FILE_BYTES,
            max_cells: MAX_CELLS,
            max_decompressed_bytes: MAX_DECOMPRESSED_BYTES,
            max_zip_entries: MAX_ZIP_ENTRIES,
            max_sheets: MAX_SHEETS,
            max_cell_chars: MAX_CELL_CHARS,
            max_text_chars: MAX_TEXT_CHARS,
            max_xml_depth: MAX_XML_DEPTH,
            max_xml_elements: MAX_XML_ELEMENTS,
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

    /// What a file may hold, in Swedish, for the reading report and the page.
    pub fn to_swedish(&self) -> String {
        format!(
            "Gränser för en fil: högst {} MB ({} MB uppackad), {} blad, {} celler, {} tecken i en \
             cell (Excels egen gräns) och {} tecken text i alla celler sammanlagt.",
            self.max_file_bytes.div_ceil(1024 * 1024),
            self.max_decompressed_bytes.div_ceil(1024 * 1024),
            grouped(self.max_sheets),
            grouped(self.max_cells),
            grouped(self.max_cell_chars),
            grouped(self.max_text_chars),
        )
    }

    /// Refuses a file with more than `max_sheets` sheets (`count` may be "at least").
    pub fn check_sheets(&self, count: usize) -> Result<(), IngestError> {
        let count = u64::try_from(count).unwrap_or(u64::MAX);
        if count > self.max_sheets {
            return Err(IngestError::TooManySheets {
                max: self.max_sheets,
            });
        }
        Ok(())
    }
}

/// Counts cells and their text against the limits while they are read.
#[derive(Clone, Debug)]
pub struct CellBudget {
    used: u64,
    max: u64,
    chars: u64,
    max_chars: u64,
    max_cell_chars: u64,
}

impl CellBudget {
    pub fn new(limits: &Limits) -> CellBudget {
        CellBudget {
            used: 0,
            max: limits.max_cells,
            chars: 0,
            max_chars: limits.max_text_chars,
            max_cell_chars: limits.max_cell_chars,
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

    /// Takes the text of the cell at `at` on sheet `sheet`: refuses a cell longer than Excel
    /// allows ([`IngestError::CellTooLong`]) and text beyond the file's total
    /// ([`IngestError::TooMuchText`]). Counting stops at the first character over, so a text of
    /// any length costs at most the limit to refuse.
    pub fn take_text(&mut self, text: &str, sheet: &str, at: CellRef) -> Result<(), IngestError> {
        self.take_chars(count_chars(text, self.max_cell_chars), sheet, at)
    }

    /// Takes `n` characters of the cell at `at` (already counted, e.g. while it was read).
    pub fn take_chars(&mut self, n: u64, sheet: &str, at: CellRef) -> Result<(), IngestError> {
        if n > self.max_cell_chars {
            return Err(IngestError::CellTooLong {
                sheet: Some(sheet.to_owned()),
                cell: Some(at.a1()),
                max: self.max_cell_chars,
            });
        }
        self.chars = self.chars.saturating_add(n);
        if self.chars > self.max_chars {
            return Err(IngestError::TooMuchText {
                max: self.max_chars,
            });
        }
        Ok(())
    }

    /// Takes `n` more characters of text already held to the per-cell limit (repeated copies
    /// of cells whose text was taken once).
    pub fn take_more_text(&mut self, n: u64) -> Result<(), IngestError> {
        self.chars = self.chars.saturating_add(n);
        if self.chars > self.max_chars {
            return Err(IngestError::TooMuchText {
                max: self.max_chars,
            });
        }
        Ok(())
    }

    /// The most characters one cell may have.
    pub fn max_cell_chars(&self) -> u64 {
        self.max_cell_chars
    }

    /// The error for a spent budget.
    pub fn exceeded(&self) -> IngestError {
        IngestError::TooManyCells { max: self.max }
    }

    pub fn used(&self) -> u64 {
        self.used
    }
}

/// The characters of `text`, counted up to one past `cap` (enough to know it is over).
pub fn count_chars(text: &str, cap: u64) -> u64 {
    // Bytes bound characters from above: a short text needs no counting.
    let bytes = u64::try_from(text.len()).unwrap_or(u64::MAX);
    if bytes <= cap {
        return u64::try_from(text.chars().count()).unwrap_or(u64::MAX);
    }
    let limit = usize::try_from(cap.saturating_add(1)).unwrap_or(usize::MAX);
    u64::try_from(text.chars().take(limit).count()).unwrap_or(u64::MAX)
}

/// Checks a zip container before it is opened for reading: entry count and the sum of the
/// declared uncompressed sizes. (Actual inflation beyond a declared size is an error in the zip
/// crate, so the declared sum bounds the real one.)
pub fn check_zip(bytes: &[u8], limits: &Limits) -> Result<(), IngestError> {
    let archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| IngestError::CorruptZip)?;
    let n_entries = u64::try_from(archive.len()).unwrap_or(u64::MAX);
    if n_entries > limits.max_zip_entries {
        return Err(IngestError::TooManyZipEntries {
            count: n_entries,
            max: limits.max_zip_entries,
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
    fn the_limits_read_in_swedish() {
        assert_eq!(
            Limits::default().to_swedish(),
            "Gränser för en fil: högst 50 MB (300 MB uppackad), 1\u{a0}000 blad, \
             1\u{a0}000\u{a0}000 celler, 32\u{a0}767 tecken i en cell (Excels egen gräns) och \
             20\u{a0}000\u{a0}000 tecken text i alla celler sammanlagt."
        );
    }

    #[test]
    fn each_limit_holds_at_its_value_and_refuses_one_more() {
        let limits = Limits::default();
        assert!(limits.check_file_size(MAX_FILE_BYTES as usize).is_ok());
        assert!(limits.check_file_size(MAX_FILE_BYTES as usize + 1).is_err());
        assert!(limits.check_sheets(MAX_SHEETS as usize).is_ok());
        assert_eq!(
            limits.check_sheets(MAX_SHEETS as usize + 1),
            Err(IngestError::TooManySheets { max: MAX_SHEETS })
        );
        let mut budget = CellBudget::new(&limits);
        assert!(budget.take(MAX_CELLS).is_ok());
        assert!(budget.take_one().is_err());
        let at = CellRef::new(1, 1);
        let mut budget = CellBudget::new(&limits);
        let longest = "å".repeat(MAX_CELL_CHARS as usize);
        assert!(budget.take_text(&longest, "Blad1", at).is_ok());
        assert_eq!(
            budget.take_text(&format!("{longest}x"), "Blad1", at),
            Err(IngestError::CellTooLong {
                sheet: Some("Blad1".into()),
                cell: Some("B2".into()),
                max: MAX_CELL_CHARS
            })
        );
        let mut budget = CellBudget::new(&limits);
        for _ in 0..MAX_TEXT_CHARS / MAX_CELL_CHARS {
            budget.take_chars(MAX_CELL_CHARS, "Blad1", at).unwrap();
        }
        budget
            .take_chars(MAX_TEXT_CHARS % MAX_CELL_CHARS, "Blad1", at)
            .unwrap();
        assert_eq!(
            budget.take_chars(1, "Blad1", at),
            Err(IngestError::TooMuchText {
                max: MAX_TEXT_CHARS
            })
        );
    }

    #[test]
    fn counting_stops_just_past_the_cap() {
        assert_eq!(count_chars("åäö", 10), 3);
        assert_eq!(count_chars(&"a".repeat(1000), 10), 11);
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
