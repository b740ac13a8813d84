//! Explanations: the cells behind every figure, with how each was counted.

use serde::{Deserialize, Serialize};

use super::ratio::Halves;
use super::tally::{Bucket, DelvisRule, Score, Tally};

/// One cell behind a figure: where it is, what it held, and how it was counted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Trace {
    /// Index of the dataset in the slice the report was built from.
    pub dataset: u32,
    pub file: String,
    pub sheet: String,
    /// Index of the indicator in its dataset.
    pub indicator: u32,
    pub indicator_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The indicator's key across years and files ([`crate::model::Indicator::match_key`]).
    pub match_key: String,
    /// The key of the quality group it is counted under ([`super::QualityGroup::key`]).
    pub quality: String,
    /// The unit's name.
    pub unit: String,
    /// The cell as Excel names it (`F12`); `None` when the table has no cell for it.
    pub cell: Option<String>,
    /// The cell's text as written (empty for an empty cell).
    pub raw: String,
    pub bucket: Bucket,
    /// What the cell adds to uppfyllda.
    pub counts: Halves,
    pub in_denominator: bool,
    /// How it was counted, in Swedish.
    pub how: String,
}

/// A figure together with its explanation: the score and every cell behind it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figure {
    pub score: Score,
    pub cells: Vec<Trace>,
}

impl Figure {
    pub fn new(tally: Tally, rule: DelvisRule, cells: Vec<Trace>) -> Figure {
        Figure {
            score: Score::new(tally, rule),
            cells,
        }
    }

    /// Pools figures: adds their tallies and concatenates their cells.
    pub fn pool<'f>(figures: impl IntoIterator<Item = &'f Figure>, rule: DelvisRule) -> Figure {
        let mut tally = Tally::default();
        let mut cells = Vec::new();
        for f in figures {
            tally += f.score.tally;
            cells.extend(f.cells.iter().cloned());
        }
        Figure::new(tally, rule, cells)
    }

    /// Recounts the tally from the cells (a check that the explanation matches the figure).
    pub fn tally_of_cells(&self) -> Tally {
        Tally::of(self.cells.iter().map(|c| c.bucket))
    }
}
