//! The Gruppöversikt as a table: every kommun of the group × the loaded areas.

use crate::report::group::GroupTable;

use super::build::{Builder, Number, Share, Text};
use super::{Cell, Column, Datum, Sheet, Tabell, PLACEMENT_RULE, POOLING_RULE};

/// The Gruppöversikt as a sheet: per kommun its code, name and whether it is the chosen one,
/// then per area (and in total) uppfyllda, nämnare, the exact share, its place and quartile
/// among the group's kommuner with a figure.
pub fn group_sheet(table: &GroupTable, date: Option<Datum>) -> Sheet {
    let mut b = Builder::new();
    b.columns(&[("Kod", Text), ("Kommun", Text), ("Egen", Text)]);
    let mut headings: Vec<String> = table
        .areas
        .iter()
        .map(|a| match a.year {
            Some(y) => format!("{} {y}", a.name),
            None => a.name.clone(),
        })
        .collect();
    headings.push("Totalt".to_owned());
    for h in &headings {
        for (what, kind) in [
            ("uppfyllda", Number),
            ("nämnare", Number),
            ("andel uppfyllda", Share),
            ("plats", Number),
            ("kvartil", Text),
        ] {
            b.columns.push(Column {
                header: format!("{h}: {what}"),
                kind,
            });
        }
    }
    for row in &table.rows {
        let mut cells = vec![
            Cell::text(row.code.clone()),
            Cell::text(row.name.clone()),
            Cell::text(if row.own { "egen" } else { "" }),
        ];
        for cell in row.cells.iter().chain(std::iter::once(&row.total)) {
            match &cell.score {
                Some(s) => cells.extend([
                    Cell::Count(s.uppfyllda),
                    Cell::int(s.denominator),
                    Cell::share(s.share),
                ]),
                None => cells.extend(vec![Cell::Empty; 3]),
            }
            cells.push(Cell::opt_int(cell.placement.rank));
            cells.push(Cell::opt_text(cell.placement.band.map(|b| b.label())));
        }
        b.row(cells);
    }
    let mut notes = vec![
        ("Delvis".to_owned(), table.rule.description().to_owned()),
        ("Grupp".to_owned(), table.name.clone()),
    ];
    if let Some(d) = date {
        notes.push(("Datum".to_owned(), d.iso()));
    }
    notes.push(("Totaler".to_owned(), POOLING_RULE.to_owned()));
    notes.push(("Plats".to_owned(), PLACEMENT_RULE.to_owned()));
    Sheet {
        tabell: Tabell::Gruppoversikt,
        name: Tabell::Gruppoversikt.name().to_owned(),
        title: format!("Öppna jämförelser: {} – Gruppöversikt", table.name),
        notes,
        columns: b.columns,
        rows: b.rows,
    }
}
