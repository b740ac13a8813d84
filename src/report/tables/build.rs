//! The pieces every export table is built from: [`Builder`] (columns, then rows as wide as the
//! table) and the column sets and cells that several tables share (a score, a placement, a
//! target, a year, a peer set).

use crate::compare::position::Placement;
use crate::compare::targets::TargetAssessment;
use crate::report::AreaReport;
use crate::score::{Bucket, DelvisRule, Score};

use super::{Cell, Column, ColumnKind};

/// Accumulates a table, column by column within each row.
pub(super) struct Builder {
    pub(super) columns: Vec<Column>,
    pub(super) rows: Vec<Vec<Cell>>,
}

impl Builder {
    pub(super) fn new() -> Builder {
        Builder {
            columns: Vec::new(),
            rows: Vec::new(),
        }
    }

    pub(super) fn columns(&mut self, columns: &[(&str, ColumnKind)]) {
        self.columns.extend(columns.iter().map(|(h, k)| Column {
            header: (*h).to_owned(),
            kind: *k,
        }));
    }

    /// Adds a row, padded or cut to the number of columns so every row is as wide as the table.
    pub(super) fn row(&mut self, mut cells: Vec<Cell>) {
        cells.resize(self.columns.len(), Cell::Empty);
        self.rows.push(cells);
    }
}

pub(super) use ColumnKind::{Number, Share, ShareOneDecimal, Text};

pub(super) const SCORE_COLUMNS: &[(&str, ColumnKind)] = &[
    ("Uppfyllda", Number),
    ("Nämnare", Number),
    ("Andel uppfyllda", Share),
    ("Ja", Number),
    ("Delvis", Number),
    ("Nej", Number),
    ("Ej aktuella", Number),
    ("Kan inte svara", Number),
    ("Saknas", Number),
];

pub(super) fn score_cells(score: &Score) -> Vec<Cell> {
    let t = &score.tally;
    vec![
        Cell::Count(score.uppfyllda),
        Cell::int(score.denominator),
        Cell::share(score.share),
        Cell::int(t.ja),
        Cell::int(t.delvis),
        Cell::int(t.nej),
        Cell::int(t.ej_aktuellt),
        Cell::int(t.kan_inte_svara),
        Cell::int(t.saknas),
    ]
}

pub(super) const PLACEMENT_COLUMNS: &[(&str, ColumnKind)] = &[
    ("Plats i gruppen", Number),
    ("Med uppgift", Number),
    ("I gruppen", Number),
    ("Kvartil", Text),
];

pub(super) fn placement_cells(placement: Option<&Placement>) -> Vec<Cell> {
    match placement {
        Some(p) => vec![
            Cell::opt_int(p.rank),
            Cell::int(p.with_data),
            Cell::int(p.in_group),
            Cell::opt_text(p.band.map(|b| b.label())),
        ],
        None => vec![Cell::Empty; 4],
    }
}

pub(super) const TARGET_COLUMNS: &[(&str, ColumnKind)] =
    &[("Mål (%)", Number), ("Målstatus", Text)];

pub(super) fn target_cells(target: Option<&TargetAssessment>) -> Vec<Cell> {
    match target {
        Some(t) => vec![
            Cell::int(t.target.percent),
            Cell::opt_text(t.status.map(|s| s.label())),
        ],
        None => vec![Cell::Empty; 2],
    }
}

pub(super) fn year_cell(year: Option<u16>) -> Cell {
    match year {
        Some(y) => Cell::int(y),
        None => Cell::text("okänt år"),
    }
}

pub(super) fn peer_set_cells(area: &AreaReport) -> Vec<Cell> {
    match (&area.peers, &area.peer_error) {
        (Some(p), _) => vec![
            Cell::text(p.set.name.clone()),
            Cell::text(p.set.source_text.clone()),
        ],
        (None, Some(e)) => vec![Cell::text("ingen jämförelse"), Cell::text(e.clone())],
        (None, None) => vec![Cell::Empty, Cell::Empty],
    }
}

pub(super) const ALL_AREAS: &str = "Samtliga verksamhetsområden";

/// "Kvalitetsindikator".
pub(super) fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// How an outcome counts under the rule, in one word.
pub(super) fn counted_as(bucket: Bucket, rule: DelvisRule) -> &'static str {
    if !bucket.is_answer() {
        return "utanför nämnaren";
    }
    match bucket.counts(rule).halves() {
        2 => "uppfylld",
        1 => "till hälften",
        _ => "ej uppfylld",
    }
}
