//! Workbook bytes in, datasets and a reading report out: format, grids, layout, units, values.
//!
//! Pure functions over bytes; never panics; bounded in memory and time. The pipeline:
//! [`sniff`] the format → [`sheets`] / [`text`] to [`grid::Grid`]s → [`layout`] finds the tables
//! → [`units`], [`values`], [`meta`] classify rows, cells, area and year → [`reading`] explains it.

// Ingest reads untrusted bytes: no panics, no unchecked indexing or arithmetic (tests may).
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]
#![cfg_attr(
    test,
    allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects
    )
)]

pub mod corrections;
pub mod error;
pub mod grid;
pub mod layout;
pub mod limits;
pub mod meta;
pub mod quality;
pub mod reading;
pub mod sheets;
pub mod sniff;
pub mod text;
pub mod units;
pub mod values;
pub mod workbook;
pub mod years;

pub use corrections::{apply_corrections, Corrections, DatasetCorrection};
pub use error::IngestError;
pub use layout::SheetOverride;
pub use limits::Limits;
pub use reading::Reading;
pub use sheets::{list_sheets, SheetSummary};
pub use sniff::{sniff, Format};
pub use workbook::{read_workbook, ReadOptions, Workbook};
