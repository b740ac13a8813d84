//! Peer comparison (DESIGN §3): peer sets, positions among peers, indicators across peers and years.
//!
//! Pure functions over [`crate::score::AreaTable`]s:
//! - [`peers`]: which units a kommun or stadsdel is compared with, and where membership came
//!   from (the workbook's grouping columns, else the reference tables);
//! - [`position`]: rank (ties share the best), percentile, quartile band, median and spread;
//! - [`indicators`]: per indicator the own outcome, the peers' share with Ja, riket and län as
//!   printed and recomputed; förbättringsområden and styrkor;
//! - [`learn`]: who to learn from — the peers (else the län) that fulfil each förbättringsområde;
//! - [`years`]: an area across years on the full and the common indicator set, and what changed;
//! - [`numeric`]: numeric indicators placed among peers by their direction;
//! - [`targets`]: målnivåer and their G / A / R status;
//! - [`units`]: a kommun's service units from an enhetsundersökning beside its aggregates.

pub mod indicators;
pub mod learn;
pub mod numeric;
pub mod peers;
pub mod position;
pub mod targets;
pub mod units;
pub mod years;
