//! What the Tolkning view says about a table as read (header rows, where the units are, what
//! they are, the indicators by quality group, area and year with their evidence), which of its
//! indicators the user may place under a kvalitetsområde, and which tables name no area.

use crate::app_state::forms::dom_id;
use crate::ingest::reading::{DatasetReading, UnitAxis, Warning};
use crate::model::{column_letters, Found, IndicatorKind};
use crate::protocol::{DatasetSummary, FileSummary, IndicatorSummary};

/// The header rows, 1-based: "2 (rad 3, 4)", or "inga".
pub fn header_rows(reading: &DatasetReading) -> String {
    if reading.header_rows.is_empty() {
        return "inga".to_owned();
    }
    let rows: Vec<String> = reading
        .header_rows
        .iter()
        .map(|r| (u64::from(*r) + 1).to_string())
        .collect();
    format!("{} (rad {})", reading.header_rows.len(), rows.join(", "))
}

/// The data rows, 1-based: "5–294".
pub fn data_rows(reading: &DatasetReading) -> String {
    let (first, last) = reading.data_rows;
    format!("{}–{}", u64::from(first) + 1, u64::from(last) + 1)
}

/// Where the units are: "kolumn A ”Kommun”", "rad 3 ”Län”", or how an implicit table is read.
pub fn unit_axis(reading: &DatasetReading) -> String {
    match &reading.unit_axis {
        UnitAxis::Column { col, header } => {
            format!("kolumn {} \u{201d}{header}\u{201d}", column_letters(*col))
        }
        UnitAxis::Row { row, header } => {
            format!("rad {} \u{201d}{header}\u{201d}", u64::from(*row) + 1)
        }
        UnitAxis::Implicit { kind } => format!("ingen, tabellen läses som {}", kind.label()),
    }
}

/// The layout, and whether it is Socialstyrelsen's template.
pub fn layout(reading: &DatasetReading) -> String {
    let template = if reading.template {
        ", Socialstyrelsens mall"
    } else {
        ""
    };
    format!("{}{template}", reading.layout.label())
}

/// The units by kind: "290 kommuner, 0 stadsdelar, 21 län, 1 riket" (service units and unknown
/// rows when there are any).
pub fn units(reading: &DatasetReading) -> String {
    let u = &reading.units;
    let mut text = format!(
        "{} kommuner, {} stadsdelar, {} län, {} riket",
        u.kommuner, u.stadsdelar, u.lan, u.riket
    );
    if u.enheter > 0 {
        text.push_str(&format!(", {} verksamhetsenheter", u.enheter));
    }
    if u.okanda > 0 {
        text.push_str(&format!(", {} okända", u.okanda));
    }
    text
}

/// The indicators: how many of each kind, and per quality group as the file words it, with the
/// kvalitetsområde it maps to when the words differ.
pub fn indicators(reading: &DatasetReading) -> String {
    let i = &reading.indicators;
    let by_dimension = i.by_quality.iter().any(|q| q.dimension.is_some());
    let by_quality: Vec<String> = i
        .by_quality
        .iter()
        .map(|q| {
            let label = q.label.clone().unwrap_or_else(|| {
                if by_dimension {
                    "utan kvalitetsdimension".into()
                } else {
                    "utan kvalitetsområde".into()
                }
            });
            let mapped = match (q.area, q.dimension, &q.label) {
                (_, Some(_), _) => String::new(),
                (Some(a), None, Some(l)) if a.name() != l => format!(" → {}", a.name()),
                (None, None, Some(_)) if by_dimension => {
                    " (motsvarar ingen kvalitetsdimension)".to_owned()
                }
                (None, None, Some(_)) => " (motsvarar inget enskilt kvalitetsområde)".to_owned(),
                _ => String::new(),
            };
            format!("{label}{mapped}: {}", q.count)
        })
        .collect();
    let grouped = if by_dimension {
        " Grupperade efter filens kvalitetsdimensioner (modellen från 2023)."
    } else {
        ""
    };
    format!(
        "{} med utfall, {} med tal.{grouped} {}",
        i.categorical,
        i.numeric,
        by_quality.join("; ")
    )
}

/// " (från bladnamn: ”Ekonomiskt bistånd”)".
fn evidence<T>(found: &Found<T>) -> String {
    format!(
        " (från {}: \u{201d}{}\u{201d})",
        found.evidence.source, found.evidence.text
    )
}

/// The area and where it was found, or that it is unknown (and must be corrected).
pub fn area(reading: &DatasetReading) -> String {
    match &reading.area {
        Some(found) => {
            let name = found
                .value
                .area
                .map(|a| a.name().to_owned())
                .unwrap_or_else(|| format!("okänt (\u{201d}{}\u{201d})", found.value.label));
            format!("{name}{}", evidence(found))
        }
        None => "okänt – rätta området nedan för att ta med tabellen".to_owned(),
    }
}

/// The year and where it was found, or "okänt".
pub fn year(reading: &DatasetReading) -> String {
    match &reading.year {
        Some(found) => format!("{}{}", found.value, evidence(found)),
        None => "okänt".to_owned(),
    }
}

/// A warning with its examples.
pub fn warning(warning: &Warning) -> String {
    if warning.examples.is_empty() {
        warning.message.clone()
    } else {
        format!(
            "{} Exempel: {}.",
            warning.message,
            warning.examples.join(", ")
        )
    }
}

/// The indicators whose kvalitetsområde the user may choose: the categorical ones.
pub fn correctable(dataset: &DatasetSummary) -> impl Iterator<Item = &IndicatorSummary> {
    dataset
        .indicators
        .iter()
        .filter(|i| i.kind == IndicatorKind::Categorical)
}

/// Whether the file places an indicator in no single kvalitetsområde or -dimension.
pub fn is_ambiguous(indicator: &IndicatorSummary) -> bool {
    indicator
        .quality
        .as_ref()
        .is_none_or(|q| q.area.is_none() && q.dimension.is_none())
}

/// The heading of the quality corrections: by kvalitetsdimension when the file groups by them.
pub fn quality_title(dataset: &DatasetSummary) -> &'static str {
    let by_dimension = dataset
        .indicators
        .iter()
        .any(|i| i.quality.as_ref().is_some_and(|q| q.dimension.is_some()));
    if by_dimension {
        "Kvalitetsdimension per indikator"
    } else {
        "Kvalitetsområde per indikator"
    }
}

/// A table whose file names no verksamhetsområde and that no correction has given one: no
/// figure counts it until the user chooses its area in Tolkning.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unnamed {
    /// The id of the table's area select in Tolkning ([`area_select_id`]).
    pub select_id: String,
    /// "Tabellen på bladet Blad1 i svar-2020.csv namnger inget verksamhetsområde …".
    pub sentence: String,
    /// The button's accessible name: its text and which table it is for.
    pub action: String,
}

/// The tables of a file read that name no known area, in the file's order.
pub fn unnamed_tables(summary: &FileSummary) -> Vec<Unnamed> {
    let file = &summary.reading.file;
    summary
        .reading
        .datasets
        .iter()
        .filter(|d| d.area.as_ref().and_then(|a| a.value.area).is_none())
        .map(|d| {
            let table = match &d.title {
                Some(title) => format!("Tabellen \u{201d}{title}\u{201d} (bladet {}, {file})", d.sheet),
                None => format!("Tabellen på bladet {} i {file}", d.sheet),
            };
            Unnamed {
                select_id: area_select_id(&d.layout_key),
                sentence: format!(
                    "{table} namnger inget verksamhetsområde, så den räknas inte än. Välj området i Tolkning så räknas den som de andra."
                ),
                action: format!("{UNNAMED_ACTION}: {file}, bladet {}", d.sheet),
            }
        })
        .collect()
}

/// The button beside an unnamed table's sentence.
pub const UNNAMED_ACTION: &str = "Välj område i Tolkning";

/// The id of a table's correction form in Tolkning (its fields' ids start with it).
pub fn table_form_id(layout_key: &str) -> String {
    format!("r-{}", dom_id(layout_key))
}

/// The id of a table's Verksamhetsområde select in Tolkning.
pub fn area_select_id(layout_key: &str) -> String {
    format!("{}-omrade", table_form_id(layout_key))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Engine;
    use crate::protocol::{ReadOutcome, ReadRequest, Reply, Request};

    /// The reading of a generator workbook, as the worker summarises it.
    fn summary(name_part: &str) -> crate::protocol::FileSummary {
        let mut engine = Engine::default();
        let examples = engine.handle(Request::Examples, &[]);
        let Reply::Examples(names) = examples.reply else {
            panic!("examples");
        };
        let (name, bytes) = names
            .into_iter()
            .zip(examples.files)
            .find(|(n, _)| n.contains(name_part))
            .unwrap();
        let read = Request::Read {
            id: 1,
            name,
            options: ReadRequest::default(),
        };
        match engine.handle(read, &bytes).reply {
            Reply::Read(ReadOutcome::Read(summary)) => summary,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_classic_table_is_described_as_read() {
        let summary = summary("2020-ekonomiskt-bistand");
        let reading = &summary.reading.datasets[0];
        assert!(
            header_rows(reading).ends_with(')'),
            "{}",
            header_rows(reading)
        );
        assert!(
            unit_axis(reading).starts_with("kolumn "),
            "{}",
            unit_axis(reading)
        );
        assert_eq!(
            units(reading),
            "288 kommuner, 24 stadsdelar, 21 län, 1 riket"
        );
        assert!(
            area(reading).starts_with("Ekonomiskt bistånd (från "),
            "{}",
            area(reading)
        );
        assert!(
            year(reading).starts_with("2020 (från "),
            "{}",
            year(reading)
        );
        let text = indicators(reading);
        assert!(text.contains(" med utfall, "), "{text}");
        assert!(!text.contains("Grupperade efter filens kvalitetsdimensioner"));
        let dataset = &summary.datasets[0];
        assert_eq!(quality_title(dataset), "Kvalitetsområde per indikator");
        assert!(correctable(dataset).count() > 0);
        assert_eq!(correctable(dataset).filter(|i| is_ambiguous(i)).count(), 0);
    }

    #[test]
    fn a_table_of_the_model_of_2023_is_described_by_kvalitetsdimension() {
        let summary = summary("2022-2024");
        let reading = &summary.reading.datasets[0];
        assert!(
            indicators(reading).contains("Grupperade efter filens kvalitetsdimensioner"),
            "{}",
            indicators(reading)
        );
        assert_eq!(
            quality_title(&summary.datasets[0]),
            "Kvalitetsdimension per indikator"
        );
    }

    #[test]
    fn warnings_carry_their_examples() {
        let w = Warning {
            kind: crate::ingest::reading::WarningKind::UnmatchedUnits,
            count: 2,
            message: "Okända enheter.".into(),
            examples: vec!["Ankeborg".into(), "Gåseborg".into()],
        };
        assert_eq!(warning(&w), "Okända enheter. Exempel: Ankeborg, Gåseborg.");
    }

    fn read(bytes: &[u8], options: ReadRequest) -> crate::protocol::FileSummary {
        let mut engine = Engine::default();
        let read = Request::Read {
            id: 1,
            name: "svar-2020.csv".into(),
            options,
        };
        match engine.handle(read, bytes).reply {
            Reply::Read(ReadOutcome::Read(summary)) => summary,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_table_naming_no_area_is_named_with_the_way_to_its_select_until_one_is_chosen() {
        let bytes = crate::exempel::write::answers_naming_no_area();
        let first = read(&bytes, ReadRequest::default());
        let unnamed = unnamed_tables(&first);
        assert_eq!(unnamed.len(), 1, "{unnamed:?}");
        let table = &first.reading.datasets[0];
        assert_eq!(unnamed[0].select_id, area_select_id(&table.layout_key));
        assert!(
            unnamed[0].select_id.starts_with("r-") && unnamed[0].select_id.ends_with("-omrade")
        );
        assert!(
            unnamed[0]
                .sentence
                .contains("svar-2020.csv namnger inget verksamhetsområde"),
            "{}",
            unnamed[0].sentence
        );
        assert!(unnamed[0].action.starts_with(UNNAMED_ACTION));
        // The area chosen for the table's layout (as Tolkning keeps it): named, and nothing left.
        let mut options = ReadRequest::default();
        options.options.corrections.entry(&table.layout_key).area = Some(crate::model::Area::Lss);
        let corrected = read(&bytes, options);
        assert_eq!(unnamed_tables(&corrected), vec![]);
        let area = corrected.reading.datasets[0].area.as_ref().unwrap();
        assert_eq!(area.value.area, Some(crate::model::Area::Lss));
        // A named table is never listed.
        assert_eq!(unnamed_tables(&summary("2020-ekonomiskt-bistand")), vec![]);
    }
}
