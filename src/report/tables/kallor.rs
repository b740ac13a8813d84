//! The Källor table: the analysis' rules, the peer sets and their sources, how each file was
//! read, and what changed between years.

use crate::report::Report;
use crate::score::Ratio;
use crate::sv;

use super::build::{Builder, Number, Text};
use super::{rule_lines, Cell, ExportOptions};

/// The Källor sheet: the analysis and its rules, the peer sets, the files and how each table
/// was read, changed indicators and disagreeing aggregates, the warnings.
pub(super) fn kallor(report: &Report, options: &ExportOptions, b: &mut Builder) {
    b.columns(&[
        ("Avsnitt", Text),
        ("Uppgift", Text),
        ("Verksamhetsområde", Text),
        ("År", Number),
        ("Fil", Text),
        ("Blad", Text),
        ("Läst som", Text),
        ("Enheter", Text),
        ("Indikatorer", Number),
        ("Anmärkning", Text),
    ]);
    kallor_analysis(report, options, b);
    kallor_peers(report, b);
    kallor_files(report, options, b);
    kallor_changes(report, b);
    for warning in &report.warnings {
        kallor_note(b, "Varning", warning.clone());
    }
}

/// A row of the Källor sheet with only its section and text.
pub(super) fn kallor_note(b: &mut Builder, section: &str, text: String) {
    b.row(vec![Cell::text(section), Cell::text(text)]);
}

/// The Källor rows of the analysis: the unit, the date, the program, the rules, the choice.
pub(super) fn kallor_analysis(report: &Report, options: &ExportOptions, b: &mut Builder) {
    kallor_note(
        b,
        "Analys",
        format!(
            "{} ({}), {}",
            report.unit.name,
            report.unit.code,
            report.unit.kind.label()
        ),
    );
    if let Some(date) = options.date {
        b.row(vec![
            Cell::text("Analys"),
            Cell::text("Datum"),
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::Date(date),
        ]);
    }
    kallor_note(
        b,
        "Analys",
        format!(
            "ÖJ-analys {} – filerna lästes i webbläsaren eller på kommandoraden, inget skickades någonstans.",
            env!("CARGO_PKG_VERSION")
        ),
    );
    for rule in rule_lines(report) {
        kallor_note(b, "Regel", rule);
    }
    kallor_note(
        b,
        "Jämförelsegrupp",
        format!("Vald: {}", report.options.jamfor.text()),
    );
}

/// The Källor rows of each area's peer set and its source.
pub(super) fn kallor_peers(report: &Report, b: &mut Builder) {
    for area in &report.areas {
        let (text, source) = match (&area.peers, &area.peer_error) {
            (Some(p), _) => (
                format!(
                    "{}: {} ({} {})",
                    p.set.name,
                    p.set.members.join(", "),
                    p.set.members.len(),
                    if p.set.members.len() == 1 {
                        "enhet"
                    } else {
                        "enheter"
                    }
                ),
                format!("källa: {}", p.set.source_text),
            ),
            (None, Some(e)) => ("ingen jämförelse".to_owned(), e.clone()),
            (None, None) => ("ingen jämförelse".to_owned(), String::new()),
        };
        let mut row = vec![
            Cell::text("Jämförelsegrupp"),
            Cell::text(text),
            Cell::text(area.name.clone()),
            Cell::opt_int(area.year),
        ];
        row.extend(vec![Cell::Empty; 5]);
        row.push(Cell::text(source));
        b.row(row);
    }
}

/// The Källor rows of each table the report was built from, used or not, as it was read.
pub(super) fn kallor_files(report: &Report, options: &ExportOptions, b: &mut Builder) {
    for used in &report.datasets {
        let source = options.sources.get(used.index as usize);
        let area = match (&used.area_label, used.area) {
            (Some(label), Some(area)) if label != area.name() => {
                format!("{} (i filen: {label})", area.name())
            }
            (_, Some(area)) => area.name().to_owned(),
            (Some(label), None) => format!("okänt (i filen: {label})"),
            (None, None) => "okänt".to_owned(),
        };
        let mut remarks = Vec::new();
        if let Some(s) = source {
            if let Some(t) = &s.title {
                remarks.push(format!("rubrik: {t}"));
            }
            if let Some(e) = &s.area_evidence {
                remarks.push(format!("området från {e}"));
            }
            if let Some(e) = &s.year_evidence {
                remarks.push(format!("året från {e}"));
            }
            if s.n_numeric > 0 {
                remarks.push(format!("{} nyckeltal", s.n_numeric));
            }
        }
        if !used.used {
            remarks.push(format!("används inte: {}", used.note));
        }
        b.row(vec![
            Cell::text("Fil"),
            Cell::text(if used.used {
                "används"
            } else {
                "används inte"
            }),
            Cell::text(area),
            Cell::opt_int(used.year),
            Cell::text(used.file.clone()),
            Cell::text(used.sheet.clone()),
            Cell::opt_text(source.map(|s| s.layout.label())),
            Cell::opt_text(source.map(|s| s.units_text())),
            Cell::opt_int(source.map(|s| s.n_indicators)),
            Cell::text(remarks.join("; ")),
        ]);
    }
}

/// The Källor rows of indicators changed between years and aggregates that disagree with their
/// recount.
pub(super) fn kallor_changes(report: &Report, b: &mut Builder) {
    for area in &report.areas {
        for change in &area.years.changes {
            let years = format!(
                "{}–{}",
                change
                    .from_year
                    .map(|y| y.to_string())
                    .unwrap_or_else(|| "?".into()),
                change
                    .to_year
                    .map(|y| y.to_string())
                    .unwrap_or_else(|| "?".into())
            );
            let mut text = format!("{}: {}", change.kind.label(), change.name);
            if let Some(previous) = &change.previous_name {
                text.push_str(&format!(" (tidigare: {previous})"));
            }
            let mut row = vec![
                Cell::text("Ändrad indikator"),
                Cell::text(text),
                Cell::text(area.name.clone()),
                Cell::opt_int(change.to_year),
            ];
            row.extend(vec![Cell::Empty; 5]);
            row.push(Cell::text(years));
            b.row(row);
        }
        for d in &area.aggregate_disagreements {
            let s = &d.share;
            let mut row = vec![
                Cell::text("Avvikelse"),
                Cell::text(format!(
                    "{}, {}: filen anger {} %, omräknat {}",
                    s.name,
                    d.indicator_name,
                    s.printed.map(sv::number).unwrap_or_default(),
                    s.recomputed
                        .share
                        .map(Ratio::percent_sv)
                        .unwrap_or_else(|| "–".into())
                )),
                Cell::text(area.name.clone()),
                Cell::opt_int(area.year),
            ];
            row.extend(vec![Cell::Empty; 5]);
            row.push(Cell::opt_text(s.printed_cell.clone()));
            b.row(row);
        }
    }
}
