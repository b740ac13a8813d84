//! Resource limits for reading one file: size, cells, decompressed bytes.

use serde::{Deserialize, Serialize};

/// Upper bounds that keep a hostile or huge file from exhausting the page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Limits {
    /// Largest file accepted, in bytes.
    pub max_file_bytes: u64,
    /// Most non-empty cells read from one file, all sheets together.
    pub max_cells: u64,
    /// Most bytes a compressed container may inflate to.
    pub max_decompressed_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 50 * 1024 * 1024,
            max_cells: 5_000_000,
            max_decompressed_bytes: 400 * 1024 * 1024,
        }
    }
}
