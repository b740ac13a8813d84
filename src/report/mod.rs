//! The committee report: everything the UI views, the CLI and the exports show for one kommun,
//! built once from the datasets ([`Report::build`], in `build`); [`text::render`] writes the seed-000 text.
//!
//! `Report` is plain serde data. It holds, per loaded area, the newest year's quality-area
//! lines and total with the cells behind them, earlier years, the position among the chosen
//! peer set, riket and the own län, every indicator with the peers' share with Ja, riket and
//! län (printed and recomputed), förbättringsområden (with the peers to learn from) and
//! styrkor, numeric indicators, the
//! ranking and heat map of the peer set, and the years; then totals across areas per quality
//! area and overall, indicator families across areas, and targets.

mod build;
pub mod csv;
pub mod definitions;
pub mod families;
pub mod group;
pub mod resolve;
pub mod restated;
pub mod tables;
pub mod text;
pub mod xlsx;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::compare::indicators::{AggregateDisagreement, IndicatorComparison};
use crate::compare::learn::LearnFrom;
use crate::compare::numeric::NumericComparison;
use crate::compare::peers::{PeerChoice, PeerSet};
use crate::compare::position::{Placement, Spread};
use crate::compare::targets::{Target, TargetAssessment};
use crate::compare::units::UnitSurvey;
use crate::compare::years::YearComparison;
use crate::model::{Area, Dataset, Direction, UnitKind};
use crate::score::{Bucket, DelvisRule, Figure, Grouping, QualityGroup, Ratio, Score};

pub(crate) use build::group_datasets;
pub use families::{FamilyMember, FamilyReport};
pub use resolve::resolve_unit;

/// What the report is for and how it counts. Every field but `kommun` has a default.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportOptions {
    /// The code of the kommun ("0138") or stadsdel ("0180:Bromma"); see [`resolve_unit`].
    pub kommun: String,
    #[serde(default)]
    pub delvis: DelvisRule,
    #[serde(default)]
    pub jamfor: PeerChoice,
    #[serde(default)]
    pub targets: Vec<Target>,
    /// The user's direction per numeric indicator, by [`crate::model::Indicator::match_key`].
    #[serde(default)]
    pub directions: BTreeMap<String, Direction>,
}

/// Why no report could be built.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReportError {
    /// No dataset holds the unit.
    UnitNotInFiles { code: String, name: String },
    /// No dataset has a known area.
    NoAreas,
    /// The kommun answers by stadsdel (Stockholm, Göteborg, Malmö): its own rows are shares.
    AnswersByStadsdel {
        code: String,
        name: String,
        stadsdelar: Vec<String>,
    },
}

impl ReportError {
    /// One Swedish sentence.
    pub fn message(&self) -> String {
        match self {
            ReportError::UnitNotInFiles { code, name } => {
                format!("{name} ({code}) finns inte i någon av de inlästa tabellerna.")
            }
            ReportError::NoAreas => {
                "Ingen av de inlästa tabellerna har ett känt verksamhetsområde.".to_owned()
            }
            ReportError::AnswersByStadsdel {
                name, stadsdelar, ..
            } => format!(
                "{name} redovisas per stadsdel; välj en av dem: {}.",
                stadsdelar.join(", ")
            ),
        }
    }
}

impl std::fmt::Display for ReportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for ReportError {}

/// The unit the report is for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitInfo {
    pub code: String,
    pub name: String,
    pub kind: UnitKind,
    /// Länskod and län name.
    pub lan: Option<(String, String)>,
}

/// How a dataset was used.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DatasetUse {
    pub index: u32,
    pub file: String,
    pub sheet: String,
    pub area: Option<Area>,
    /// The area as the file wrote it.
    pub area_label: Option<String>,
    pub year: Option<u16>,
    pub used: bool,
    /// Why not used, in Swedish; empty when used.
    pub note: String,
}

/// A quality-area line: the figure with its cells, and the target when one is set.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QualityLine {
    pub group: QualityGroup,
    pub figure: Figure,
    /// Among the peer set (area lines only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub placement: Option<Placement>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<TargetAssessment>,
}

/// A score over a named group of indicators (an indikatorområde); the indicators are
/// `columns`, indices into the area's `indicators`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupLine {
    pub name: String,
    pub score: Score,
    pub columns: Vec<u32>,
}

/// An earlier year's total of an area.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EarlierYear {
    pub year: Option<u16>,
    pub score: Score,
}

/// A unit's place in a ranking.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RankingRow {
    pub code: String,
    pub name: String,
    pub kind: Option<UnitKind>,
    pub own: bool,
    /// `None` when the file has no row for the unit.
    pub score: Option<Score>,
    /// `None` without data.
    pub rank: Option<u32>,
}

/// Peers × indicators: the outcome of each unit of the ranking for each categorical indicator.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Heatmap {
    /// Unit codes, in ranking order (units without a row left out).
    pub units: Vec<String>,
    /// Indices into the area's `indicators`.
    pub columns: Vec<u32>,
    /// `rows[u][c]`: unit `units[u]`, indicator `columns[c]`.
    pub rows: Vec<Vec<Bucket>>,
}

/// A position in a group other than the chosen peer set (riket, the own län).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupPosition {
    pub name: String,
    pub placement: Placement,
    pub spread: Option<Spread<Ratio>>,
}

/// An area's total among the chosen peer set, riket and the own län.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeerComparison {
    pub set: PeerSet,
    pub placement: Placement,
    pub spread: Option<Spread<Ratio>>,
    pub riket: GroupPosition,
    pub lan: Option<GroupPosition>,
    /// Best first; units of the set without a row last.
    pub ranking: Vec<RankingRow>,
    pub heatmap: Heatmap,
}

/// One area for the report's unit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AreaReport {
    pub area: Area,
    /// The canonical name ("Ekonomiskt bistånd").
    pub name: String,
    /// As the newest file wrote it.
    pub label: String,
    /// The newest year loaded.
    pub year: Option<u16>,
    pub datasets: Vec<u32>,
    /// Whether the unit has a row in the newest year.
    pub present: bool,
    /// How the newest year's file groups its indicators (kvalitetsområden or -dimensioner).
    #[serde(default)]
    pub grouping: Grouping,
    /// The newest year per quality group, in report order.
    pub quality: Vec<QualityLine>,
    pub indicator_areas: Vec<GroupLine>,
    pub total: Figure,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_target: Option<TargetAssessment>,
    /// Earlier years with answers, newest first, on each year's full set.
    pub earlier: Vec<EarlierYear>,
    /// `None` when the peer set could not be formed (see `peer_error`).
    pub peers: Option<PeerComparison>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub peer_error: Option<String>,
    /// Every categorical indicator (the area's table columns, in order).
    pub indicators: Vec<IndicatorComparison>,
    /// Indices into `indicators`, most fulfilled by peers first.
    pub forbattringsomraden: Vec<u32>,
    /// Indices into `indicators`, least fulfilled by peers first.
    pub styrkor: Vec<u32>,
    /// Who to learn from: per förbättringsområde (in their order), the peers that fulfil it,
    /// else the kommuner of the own län that do.
    #[serde(default)]
    pub learn_from: Vec<LearnFrom>,
    pub numeric: Vec<NumericComparison>,
    pub years: YearComparison,
    /// Aggregate rows whose printed share differs from the recomputed one by > 1 pp.
    pub aggregate_disagreements: Vec<AggregateDisagreement>,
}

impl AreaReport {
    /// Whether the newest year's file names indicator categories.
    pub fn uses_categories(&self) -> bool {
        self.indicators.iter().any(|i| i.category.is_some())
            || self.numeric.iter().any(|n| n.category.is_some())
    }
}

/// The total over all areas for one year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearTotal {
    pub year: Option<u16>,
    /// The areas with answers that year.
    pub areas: Vec<Area>,
    /// The same areas as the newest total (so the two compare).
    pub complete: bool,
    pub score: Score,
}

/// The report for one kommun or stadsdel.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub unit: UnitInfo,
    pub options: ReportOptions,
    /// The Delvis rule as a sentence.
    pub rule_text: String,
    /// In DESIGN order (Area::ALL).
    pub areas: Vec<AreaReport>,
    /// Per quality area pooled over every area's newest year.
    pub quality_totals: Vec<QualityLine>,
    /// All areas' newest years pooled.
    pub total: Figure,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_target: Option<TargetAssessment>,
    /// The total over all areas per year, oldest first.
    pub total_by_year: Vec<YearTotal>,
    pub families: Vec<FamilyReport>,
    /// The enhetsundersökningar loaded: the kommun's service units beside its aggregates.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unit_surveys: Vec<UnitSurvey>,
    pub datasets: Vec<DatasetUse>,
    pub warnings: Vec<String>,
}

impl Report {
    /// Builds the report for `options.kommun` from `datasets` (indices in traces refer to
    /// this slice).
    pub fn build(datasets: &[Dataset], options: &ReportOptions) -> Result<Report, ReportError> {
        build::build(datasets, options)
    }

    /// The area's report, if loaded.
    pub fn area(&self, area: Area) -> Option<&AreaReport> {
        self.areas.iter().find(|a| a.area == area)
    }

    /// The years of the report's newest tables and of its enhetsundersökningar, oldest first.
    pub fn years(&self) -> Vec<u16> {
        let mut years: Vec<u16> = self
            .areas
            .iter()
            .filter_map(|a| a.year)
            .chain(self.unit_surveys.iter().filter_map(|s| s.year))
            .collect();
        years.sort_unstable();
        years.dedup();
        years
    }

    /// The quality grouping over every loaded year (both when the model changed between them).
    pub fn grouping_over_years(&self) -> Grouping {
        self.areas
            .iter()
            .flat_map(|a| a.years.years.iter().map(|p| p.grouping))
            .reduce(Grouping::combine)
            .unwrap_or_default()
    }

    /// Whether any loaded file names indicator categories (the model of 2023–): then only
    /// kvalitetsindikatorer are counted, and the report says so.
    pub fn uses_categories(&self) -> bool {
        self.areas.iter().any(AreaReport::uses_categories)
    }

    /// The quality grouping the report's areas use together (both when files of the seed era
    /// and of the model of 2023– are loaded side by side).
    pub fn grouping(&self) -> Grouping {
        self.areas
            .iter()
            .map(|a| a.grouping)
            .reduce(Grouping::combine)
            .unwrap_or_default()
    }
}
