//! The reading report: how a file was read, sheet by sheet and dataset by dataset, and warnings.

use serde::{Deserialize, Serialize};

use super::sniff::Format;

/// How one file was read (everything the Tolkning view and `oj-analys inspect` show).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Reading {
    pub file: String,
    pub format: Format,
}
