//! The quality scheme of a table: kvalitetsdimensioner (ÖJ's model of 2023–) or the classic
//! kvalitetsområden, decided from the labels the file writes and applied to every indicator.
//!
//! Layout reading maps each label on its own ([`super::layout::header::quality_area`]), which
//! suits the classic areas. A table whose labels are the six dimensions (Kunskapsbaserad, Säker,
//! Individanpassad, Effektiv, Jämlik, Tillgänglig, with or without "vård och omsorg") is grouped
//! by them as written: every label gets `dimension` and no `area`. A table that mixes both is
//! grouped by the scheme most of its indicators use, and warned about. Group labels that name a
//! category ("Välfärdsindikatorer", "Nyckeltal") set the indicators' category instead of a
//! quality label.

use super::layout::header::{indicator_category, quality_area};
use super::reading::{DatasetReading, Warning, WarningKind};
use crate::model::{
    normalize_label, Dataset, IndicatorCategory, QualityArea, QualityDimension, QualityLabel,
};

/// How a table groups its indicators by quality.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scheme {
    /// The kvalitetsområden of the seed era (Kunskapsbaserad verksamhet … Effektivitet).
    Areas,
    /// The kvalitetsdimensioner of the model of 2023–.
    Dimensions,
}

/// What one label is by its wording.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Wording {
    /// Only a kvalitetsdimension is written this way ("Säker", "Jämlik vård och omsorg").
    Dimension(QualityDimension),
    /// A classic kvalitetsområde ("Trygghet och säkerhet", "Tillgänglighet").
    Area(QualityArea),
    /// Neither (an indicator area written in the quality band, a typo): left as read.
    Other,
}

/// The dimension a label names when it can only be a dimension: the dimension's word alone or
/// followed by "vård och omsorg" ("Kunskapsbaserad verksamhet" is the classic area).
pub fn dimension_wording(label: &str) -> Option<QualityDimension> {
    let folded = normalize_label(label);
    let mut t = folded.trim_end_matches(['*', '.', ':', ' ']);
    for suffix in [
        " vård och omsorg",
        " vård- och omsorg",
        " vård",
        " omsorg",
        " socialtjänst",
        " stöd",
    ] {
        if let Some(stem) = t.strip_suffix(suffix) {
            t = stem.trim_end();
            break;
        }
    }
    QualityDimension::ALL
        .into_iter()
        .find(|d| normalize_label(d.name()) == t)
}

fn wording(label: &str) -> Wording {
    if let Some(d) = dimension_wording(label) {
        return Wording::Dimension(d);
    }
    match quality_area(label) {
        Some(area) => Wording::Area(area),
        None => Wording::Other,
    }
}

/// The dimension a classic area corresponds to one-to-one, for the few classic labels of a table
/// grouped by dimensions. Självbestämmande and Helhetssyn have none.
fn dimension_of_area(area: QualityArea) -> Option<QualityDimension> {
    match area {
        QualityArea::Kunskapsbaserad => Some(QualityDimension::Kunskapsbaserad),
        QualityArea::TrygghetSakerhet => Some(QualityDimension::Saker),
        QualityArea::Tillganglighet => Some(QualityDimension::Tillganglig),
        QualityArea::Effektivitet => Some(QualityDimension::Effektiv),
        QualityArea::Sjalvbestammande | QualityArea::Helhetssyn => None,
    }
}

/// The scheme of a table from its indicators' labels, with the labels of the other scheme when
/// it mixes both (counted by indicators; a tie goes to the dimensions, the newer model).
pub fn scheme_of(labels: &[&str]) -> (Scheme, Vec<String>) {
    let mut n_dim = 0usize;
    let mut n_area = 0usize;
    for l in labels {
        match wording(l) {
            Wording::Dimension(_) => n_dim = n_dim.saturating_add(1),
            Wording::Area(_) if is_classic(l) => n_area = n_area.saturating_add(1),
            _ => {}
        }
    }
    let scheme = if n_dim > 0 && n_dim >= n_area {
        Scheme::Dimensions
    } else {
        Scheme::Areas
    };
    let mut minority: Vec<String> = Vec::new();
    if n_dim > 0 && n_area > 0 {
        for l in labels {
            let other = match (scheme, wording(l)) {
                (Scheme::Dimensions, Wording::Area(_)) => is_classic(l),
                (Scheme::Areas, Wording::Dimension(_)) => true,
                _ => false,
            };
            if other && !minority.iter().any(|m| m == l) {
                minority.push((*l).to_owned());
            }
        }
    }
    (scheme, minority)
}

/// Whether an area label is worded as a classic area rather than as one of the 2013 dimensions
/// that `quality_area` also accepts ("Säker vård och omsorg" is caught by
/// [`dimension_wording`] first; this guards the rest).
fn is_classic(label: &str) -> bool {
    dimension_wording(label).is_none() && quality_area(label).is_some()
}

/// Moves group labels that name a category out of the quality labels into the category; when
/// the table names categories, indicators under a dimension are kvalitetsindikatorer (the model
/// groups only those by dimension). Returns the labels moved.
fn categories_from_labels(dataset: &mut Dataset) -> Vec<String> {
    let mut moved: Vec<String> = Vec::new();
    for ind in &mut dataset.indicators {
        let Some(category) = ind
            .quality
            .as_ref()
            .and_then(|q| indicator_category(&q.label))
        else {
            continue;
        };
        if let Some(q) = ind.quality.take() {
            if !moved.contains(&q.label) {
                moved.push(q.label);
            }
        }
        ind.category.get_or_insert(category);
    }
    moved
}

/// Decides the table's scheme and relabels its indicators; notes and warns in `reading`.
///
/// Under [`Scheme::Dimensions`] every dimension label gets its dimension and no area; a classic
/// label gets the dimension it corresponds to, if any, and is warned about. Under
/// [`Scheme::Areas`] the labels keep the mapping layout reading gave them.
pub fn apply_quality_scheme(dataset: &mut Dataset, reading: &mut DatasetReading) {
    let moved = categories_from_labels(dataset);
    if !moved.is_empty() {
        drop_ambiguous(reading, &moved);
    }
    let labels: Vec<String> = dataset
        .indicators
        .iter()
        .filter_map(|i| i.quality.as_ref().map(|q| q.label.clone()))
        .collect();
    let label_refs: Vec<&str> = labels.iter().map(String::as_str).collect();
    let (scheme, minority) = scheme_of(&label_refs);
    if scheme == Scheme::Dimensions {
        for ind in &mut dataset.indicators {
            if let Some(q) = ind.quality.as_mut() {
                *q = dimension_label(&q.label);
            }
        }
        // The dimensions are the grouping: a label without a kvalitetsområde is no question.
        reading
            .warnings
            .retain(|w| w.kind != WarningKind::AmbiguousQuality);
        let names_categories = dataset.indicators.iter().any(|i| i.category.is_some());
        if names_categories {
            for ind in &mut dataset.indicators {
                if ind.quality.as_ref().is_some_and(|q| q.dimension.is_some()) {
                    ind.category
                        .get_or_insert(IndicatorCategory::Kvalitetsindikator);
                }
            }
        }
        let mut order: Vec<&str> = Vec::new();
        for ind in &dataset.indicators {
            if let Some(q) = ind.quality.as_ref().filter(|q| q.dimension.is_some()) {
                if !order.contains(&q.label.as_str()) {
                    order.push(q.label.as_str());
                }
            }
        }
        reading.notes.push(format!(
            "Indikatorerna grupperas efter kvalitetsdimensioner (modellen från 2023), som filen skriver dem: {}.",
            order.join(", ")
        ));
    }
    if !minority.is_empty() {
        let count = u32::try_from(minority.len()).unwrap_or(u32::MAX);
        let quoted: Vec<String> = minority.iter().map(|m| format!("\"{m}\"")).collect();
        let message = match scheme {
            Scheme::Dimensions => format!(
                "Tabellen blandar kvalitetsdimensioner och kvalitetsområden. Den grupperas efter kvalitetsdimensionerna, som de flesta indikatorerna har; {} läses som motsvarande dimension där det finns en.",
                quoted.join(", ")
            ),
            Scheme::Areas => format!(
                "Tabellen blandar kvalitetsområden och kvalitetsdimensioner. Den grupperas efter kvalitetsområdena, som de flesta indikatorerna har; {} läses som motsvarande kvalitetsområde där det finns ett.",
                quoted.join(", ")
            ),
        };
        reading.warnings.push(Warning {
            kind: WarningKind::MixedQuality,
            count,
            examples: minority,
            message,
        });
    }
    reading.refresh(dataset);
}

/// Takes `labels` out of the warning about labels without one kvalitetsområde (they name
/// categories, not quality); the warning goes when nothing is left.
fn drop_ambiguous(reading: &mut DatasetReading, labels: &[String]) {
    for w in &mut reading.warnings {
        if w.kind != WarningKind::AmbiguousQuality {
            continue;
        }
        w.examples.retain(|e| !labels.contains(e));
        w.count = u32::try_from(w.examples.len()).unwrap_or(u32::MAX);
        let quoted: Vec<String> = w.examples.iter().map(|e| format!("\"{e}\"")).collect();
        w.message = format!(
            "Kvalitetsetiketten {} motsvarar inte ett enda kvalitetsområde; välj själv vilket.",
            quoted.join(", ")
        );
    }
    reading
        .warnings
        .retain(|w| w.kind != WarningKind::AmbiguousQuality || !w.examples.is_empty());
}

/// A label of a table grouped by dimensions.
fn dimension_label(label: &str) -> QualityLabel {
    let dimension = match wording(label) {
        Wording::Dimension(d) => Some(d),
        Wording::Area(a) => dimension_of_area(a),
        Wording::Other => None,
    };
    QualityLabel {
        label: label.to_owned(),
        area: None,
        dimension,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dimensions_are_told_from_areas_by_their_wording() {
        for (label, want) in [
            ("Kunskapsbaserad", QualityDimension::Kunskapsbaserad),
            (
                "Kunskapsbaserad vård och omsorg",
                QualityDimension::Kunskapsbaserad,
            ),
            ("Säker vård och omsorg", QualityDimension::Saker),
            ("säker", QualityDimension::Saker),
            ("Individanpassad", QualityDimension::Individanpassad),
            ("Effektiv", QualityDimension::Effektiv),
            ("Jämlik vård och omsorg", QualityDimension::Jamlik),
            ("Tillgänglig*", QualityDimension::Tillganglig),
        ] {
            assert_eq!(dimension_wording(label), Some(want), "{label}");
        }
        for label in [
            "Kunskapsbaserad verksamhet",
            "Trygghet och säkerhet",
            "Tillgänglighet",
            "Effektivitet",
            "Helhetssyn och samordning",
            "Systematisk uppföljning",
        ] {
            assert_eq!(dimension_wording(label), None, "{label}");
        }
    }

    #[test]
    fn categories_are_no_quality_labels() {
        assert_eq!(
            indicator_category("Välfärdsindikatorer"),
            Some(IndicatorCategory::Valfardsindikator)
        );
        assert_eq!(
            indicator_category("Nyckeltal"),
            Some(IndicatorCategory::Nyckeltal)
        );
        assert_eq!(
            indicator_category("Kvalitetsindikator"),
            Some(IndicatorCategory::Kvalitetsindikator)
        );
        assert_eq!(indicator_category("Kunskapsbaserad"), None);
    }

    #[test]
    fn the_scheme_follows_most_indicators() {
        let (s, minority) = scheme_of(&["Säker", "Jämlik", "Individanpassad"]);
        assert_eq!((s, minority.len()), (Scheme::Dimensions, 0));
        let (s, minority) = scheme_of(&[
            "Kunskapsbaserad verksamhet",
            "Tillgänglighet",
            "Säker vård och omsorg",
        ]);
        assert_eq!(s, Scheme::Areas);
        assert_eq!(minority, ["Säker vård och omsorg"]);
        let (s, minority) = scheme_of(&["Säker", "Jämlik", "Trygghet och säkerhet"]);
        assert_eq!(s, Scheme::Dimensions);
        assert_eq!(minority, ["Trygghet och säkerhet"]);
        // Labels of neither kind decide nothing.
        assert_eq!(scheme_of(&["Systematisk uppföljning"]).0, Scheme::Areas);
        assert_eq!(
            dimension_label("Trygghet och säkerhet").dimension,
            Some(QualityDimension::Saker)
        );
        assert_eq!(dimension_label("Helhetssyn och samordning").dimension, None);
    }
}
