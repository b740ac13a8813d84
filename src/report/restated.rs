//! One model per area and year: a year that a file of the model of 2023– restates (its
//! "Resultat 2016–2024" carries earlier years, grouped by kvalitetsdimension) is not also counted
//! from a file of that year grouped by kvalitetsområden.
//!
//! Datasets of one area and year are otherwise parts of one table (sheets of one publication,
//! a draft beside the published file) and pool their indicators. Two publications of the same
//! year in different models are not parts: pooling them would count the year twice over two
//! different sets of indicators, a fraction neither file gives. The newer model is kept, so the
//! year compares with the later years of the same file.

use crate::model::{Dataset, QualityLabel};
use crate::score::Grouping;

/// The quality grouping a dataset's indicators use, when they use exactly one.
fn model_of(dataset: &Dataset) -> Option<Grouping> {
    let labels = || dataset.indicators.iter().filter_map(|i| i.quality.as_ref());
    let areas = labels().any(|q: &QualityLabel| q.area.is_some());
    let dimensions = labels().any(|q: &QualityLabel| q.dimension.is_some());
    match (areas, dimensions) {
        (true, false) => Some(Grouping::Omraden),
        (false, true) => Some(Grouping::Dimensioner),
        _ => None,
    }
}

/// A dataset left out of its year: its index and the files that restate the year.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeftOut {
    pub index: u32,
    pub kept_files: Vec<String>,
}

/// Takes out of `parts` (the datasets of one area and year) those grouped by kvalitetsområden
/// when another file gives the same year grouped by kvalitetsdimensioner; returns them. Datasets
/// of a file that itself holds the dimensions stay (one publication's sheets).
pub fn keep_one_model(parts: &mut Vec<(u32, &Dataset)>) -> Vec<LeftOut> {
    let mut dimension_files: Vec<String> = Vec::new();
    for (_, d) in parts.iter() {
        if model_of(d) == Some(Grouping::Dimensioner) && !dimension_files.contains(&d.file) {
            dimension_files.push(d.file.clone());
        }
    }
    if dimension_files.is_empty() {
        return Vec::new();
    }
    let mut left_out = Vec::new();
    parts.retain(|(index, d)| {
        let older = model_of(d) == Some(Grouping::Omraden) && !dimension_files.contains(&d.file);
        if older {
            left_out.push(LeftOut {
                index: *index,
                kept_files: dimension_files.clone(),
            });
        }
        !older
    });
    left_out
}
