//! Fulfilment counting (DESIGN §3): uppfyllda indikatorer per unit, area and quality area, exact.
//!
//! Counts are integers (halves under the Delvis rule *halv*), fractions are exact, percentages
//! are rounded half up on the exact fraction, totals pool counts and never average percentages,
//! and every figure carries the cells it was computed from ([`Figure`], [`Trace`]).
//!
//! - [`ratio`]: [`Halves`] and [`Ratio`], the exact numbers;
//! - [`tally`]: [`Bucket`] (what a cell counts as), [`Tally`] (counts that pool by addition),
//!   [`DelvisRule`] and [`Score`] (a figure as shown);
//! - [`table`]: [`AreaTable`], one area and year as units × indicators, bucketed once;
//! - [`trace`]: [`Trace`] and [`Figure`], the cells behind a figure.

pub mod ratio;
pub mod table;
pub mod tally;
pub mod trace;

pub use ratio::{Halves, Ratio};
pub use table::{
    order_groups, value_text, AreaTable, Grouping, IndicatorRef, QualityGroup, TableUnit,
    UNGROUPED_KEY,
};
pub use tally::{Bucket, DelvisRule, Score, Tally};
pub use trace::{Figure, Trace};
