//! Targets (målnivåer): a target per area or quality area and its status G / A / R (seed 001).
//!
//! As seed 001 states it: G (grön) when the target is met or exceeded; A (amber/gul) when the
//! result falls short of the target by less than 10 % of the target; R (röd) otherwise. Short
//! by exactly 10 % is R ("less than" is strict). For a lower-is-better measure "short" means
//! above the target. Fulfilment targets are compared on the exact fraction, not the rounded
//! percent.

use serde::{Deserialize, Serialize};

use crate::model::{Area, Direction, QualityArea};
use crate::score::Ratio;

/// What a target applies to.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TargetScope {
    /// The total over all loaded areas.
    Totalt,
    /// One area's total.
    Omrade(Area),
    /// One quality area, pooled over all loaded areas.
    Kvalitetsomrade(QualityArea),
    /// One quality area within one area.
    OmradeKvalitetsomrade(Area, QualityArea),
}

/// A target: a fulfilment percentage to reach.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Target {
    pub scope: TargetScope,
    /// The target in whole percent (0–100).
    pub percent: u32,
}

/// G, A or R.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TargetStatus {
    /// Met or exceeded (grön).
    G,
    /// Short by less than 10 % of the target (amber/gul).
    A,
    /// Short by 10 % of the target or more (röd).
    R,
}

impl TargetStatus {
    pub fn label(self) -> &'static str {
        match self {
            TargetStatus::G => "G – uppnått",
            TargetStatus::A => "A – nära (under målet med mindre än 10 %)",
            TargetStatus::R => "R – ej uppnått",
        }
    }
}

/// A target with the figure it was assessed on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetAssessment {
    pub target: Target,
    /// `None` when the figure has nothing answered (then there is no status either).
    pub status: Option<TargetStatus>,
    pub value: Option<Ratio>,
}

/// The status of an exact `value` against `target` (both fractions of 1).
pub fn assess(value: Ratio, target: Ratio, direction: Direction) -> TargetStatus {
    let met = match direction {
        Direction::HigherIsBetter => value >= target,
        Direction::LowerIsBetter => value <= target,
    };
    if met {
        return TargetStatus::G;
    }
    let gap = match direction {
        Direction::HigherIsBetter => target.saturating_sub(value),
        Direction::LowerIsBetter => value.saturating_sub(target),
    };
    // gap < target / 10  ⇔  10 · gap < target.
    let ten = Ratio::new(10, 1).unwrap_or(Ratio::ONE);
    if gap.times(ten) < target {
        TargetStatus::A
    } else {
        TargetStatus::R
    }
}

/// The status of a measured number against its target (for numeric indicators, seed 001's
/// "Antal dygn" and shares); non-finite numbers have no status.
pub fn assess_f64(value: f64, target: f64, direction: Direction) -> Option<TargetStatus> {
    if !value.is_finite() || !target.is_finite() {
        return None;
    }
    let met = match direction {
        Direction::HigherIsBetter => value >= target,
        Direction::LowerIsBetter => value <= target,
    };
    if met {
        return Some(TargetStatus::G);
    }
    let gap = (value - target).abs();
    Some(if gap < target.abs() / 10.0 {
        TargetStatus::A
    } else {
        TargetStatus::R
    })
}

/// Assesses a fulfilment fraction against a percent target (higher is better).
pub fn assess_target(target: &Target, value: Option<Ratio>) -> TargetAssessment {
    let t = Ratio::new(u64::from(target.percent), 100).unwrap_or(Ratio::ZERO);
    TargetAssessment {
        target: target.clone(),
        status: value.map(|v| assess(v, t, Direction::HigherIsBetter)),
        value,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(n: u64, d: u64) -> Ratio {
        Ratio::new(n, d).unwrap()
    }

    #[test]
    fn met_near_and_missed_targets() {
        let up = Direction::HigherIsBetter;
        // Target 60 %: 65 % met; 55 % short by 5 pp = 8,3 % of the target → A;
        // 54 % short by exactly 10 % of the target → R; 50 % → R.
        assert_eq!(assess(r(65, 100), r(60, 100), up), TargetStatus::G);
        assert_eq!(assess(r(60, 100), r(60, 100), up), TargetStatus::G);
        assert_eq!(assess(r(55, 100), r(60, 100), up), TargetStatus::A);
        assert_eq!(assess(r(541, 1000), r(60, 100), up), TargetStatus::A);
        assert_eq!(assess(r(54, 100), r(60, 100), up), TargetStatus::R);
        assert_eq!(assess(r(50, 100), r(60, 100), up), TargetStatus::R);
        // Exact fractions, not rounded percents: 24/37 = 64,86 % misses a 65 % target.
        assert_eq!(assess(r(24, 37), r(65, 100), up), TargetStatus::A);
    }

    #[test]
    fn seed_001_cases() {
        let down = Direction::LowerIsBetter;
        // Antal dygn på HVB-hem: 2837 against 2555, 11 % over the target → R.
        assert_eq!(assess_f64(2837.0, 2555.0, down), Some(TargetStatus::R));
        // Helårsplaceringar 7,75 against < 7: 10,7 % over → R.
        assert_eq!(assess_f64(7.75, 7.0, down), Some(TargetStatus::R));
        // Andel som börjat studera 18 % against > 10 % → G.
        assert_eq!(
            assess_f64(18.0, 10.0, Direction::HigherIsBetter),
            Some(TargetStatus::G)
        );
        assert_eq!(assess_f64(2600.0, 2555.0, down), Some(TargetStatus::A));
        assert_eq!(assess(r(2600, 1), r(2555, 1), down), TargetStatus::A);
        let t = Target {
            scope: TargetScope::Omrade(Area::EkonomisktBistand),
            percent: 70,
        };
        assert_eq!(
            assess_target(&t, Some(r(24, 37))).status,
            Some(TargetStatus::A)
        );
        assert_eq!(assess_target(&t, None).status, None);
    }
}
