//! Why a file could not be read: one typed error per kind of refusal, each with its Swedish message.

use serde::{Deserialize, Serialize};

/// Why a file could not be read, with the Swedish message the user sees.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum IngestError {
    Empty,
    NotASpreadsheet { detail: String },
}

impl IngestError {
    /// What is wrong and what to do, in Swedish.
    pub fn message(&self) -> String {
        match self {
            IngestError::Empty => "Filen är tom. Välj en Excel-fil från Öppna jämförelser.".to_owned(),
            IngestError::NotASpreadsheet { detail } => format!(
                "Filen kunde inte läsas som ett kalkylark ({detail}). Välj en Excel-fil (.xlsx, .xls) eller .ods."
            ),
        }
    }
}

impl std::fmt::Display for IngestError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for IngestError {}

