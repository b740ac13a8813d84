//! Position among peers: rank with shared ties, percentile, the quartile band, median and spread.
//!
//! The rules, so every figure can be checked by hand:
//! - **rank** = 1 + the number of units with data that are strictly better; tied units share
//!   the best rank ("plats 3" for three units tied after two better ones);
//! - **percentile** = the share of the *other* units with data that are strictly worse, in whole
//!   percent rounded half up (100 = better than all others); none when the unit is alone;
//! - **quartile band** (Kolada/KKIK colouring) with `n` units with data, the own unit included:
//!   *bästa 25 %* (green) when at least three quarters of the n units are strictly worse
//!   (4·worse ≥ 3·n), *sämsta 25 %* (red) when at least three quarters are strictly better
//!   (4·better ≥ 3·n), else *mellersta 50 %* (yellow). With n = 53 that makes ranks 1–13 green
//!   and 41–53 red; with fewer than four units nobody is green or red; ties never split a band.
//! - **median and quartiles** over every unit with data, the own unit included, by linear
//!   interpolation between ranks (Excel's KVARTIL.INK / QUARTILE.INC), exact for fractions.

use std::cmp::Ordering;

use serde::{Deserialize, Serialize};

use crate::score::Ratio;

/// The quartile band of a position.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Band {
    /// Best 25 %: green.
    Basta,
    /// Middle 50 %: yellow.
    Mellan,
    /// Worst 25 %: red.
    Samsta,
}

impl Band {
    pub fn label(self) -> &'static str {
        match self {
            Band::Basta => "bästa 25 %",
            Band::Mellan => "mellersta 50 %",
            Band::Samsta => "sämsta 25 %",
        }
    }

    /// The Kolada colour name.
    pub fn colour(self) -> &'static str {
        match self {
            Band::Basta => "grön",
            Band::Mellan => "gul",
            Band::Samsta => "röd",
        }
    }
}

/// Where a unit stands among the units of its group.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Placement {
    /// 1 = best; `None` when the unit has no data.
    pub rank: Option<u32>,
    /// Units with data, the own unit included when it has data.
    pub with_data: u32,
    /// Units in the group, the own unit included.
    pub in_group: u32,
    pub percentile: Option<u32>,
    pub band: Option<Band>,
    /// "plats 12 av 53 med uppgift, 55 i gruppen".
    pub text: String,
}

/// Places `own` among `others` (the other units with data). `better(a, b)` is `Greater` when
/// `a` is better than `b`. `in_group` counts every unit of the group, with or without data.
pub fn place<T>(
    own: Option<&T>,
    others: &[T],
    in_group: u32,
    better: impl Fn(&T, &T) -> Ordering,
) -> Placement {
    let with_data = others.len() as u32 + u32::from(own.is_some());
    let in_group = in_group.max(with_data);
    let Some(own) = own else {
        return Placement {
            rank: None,
            with_data,
            in_group,
            percentile: None,
            band: None,
            text: format!("ingen uppgift ({with_data} av {in_group} i gruppen har uppgift)"),
        };
    };
    let strictly_better = others
        .iter()
        .filter(|o| better(o, own) == Ordering::Greater)
        .count() as u64;
    let strictly_worse = others
        .iter()
        .filter(|o| better(own, o) == Ordering::Greater)
        .count() as u64;
    let n = u64::from(with_data);
    let rank = (strictly_better + 1) as u32;
    let percentile = (n >= 2).then(|| {
        let den = n - 1;
        ((200 * strictly_worse + den) / (2 * den)) as u32
    });
    let band = if 4 * strictly_worse >= 3 * n && n > 0 && strictly_worse > 0 {
        Band::Basta
    } else if 4 * strictly_better >= 3 * n && strictly_better > 0 {
        Band::Samsta
    } else {
        Band::Mellan
    };
    Placement {
        rank: Some(rank),
        with_data,
        in_group,
        percentile,
        band: Some(band),
        text: format!("plats {rank} av {with_data} med uppgift, {in_group} i gruppen"),
    }
}

/// Median, quartiles and range of a group's values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Spread<T> {
    pub n: u32,
    pub min: T,
    pub q1: T,
    pub median: T,
    pub q3: T,
    pub max: T,
}

/// The spread of exact fractions (scores); `None` for no values.
pub fn spread_exact(values: &[Ratio]) -> Option<Spread<Ratio>> {
    let mut sorted = values.to_vec();
    sorted.sort();
    let quantile = |p_num: u64, p_den: u64| -> Option<Ratio> {
        // Position (n − 1)·p between sorted[lo] and sorted[lo + 1].
        let n = sorted.len() as u64;
        let pos_num = (n - 1) * p_num;
        let lo = (pos_num / p_den) as usize;
        let frac = Ratio::new(pos_num % p_den, p_den)?;
        let a = *sorted.get(lo)?;
        match sorted.get(lo + 1) {
            Some(&b) if frac > Ratio::ZERO => Some(a.plus(b.saturating_sub(a).times(frac))),
            _ => Some(a),
        }
    };
    Some(Spread {
        n: sorted.len() as u32,
        min: *sorted.first()?,
        q1: quantile(1, 4)?,
        median: quantile(1, 2)?,
        q3: quantile(3, 4)?,
        max: *sorted.last()?,
    })
}

/// The spread of measured numbers; `None` for no values. Non-finite numbers are ignored.
pub fn spread_f64(values: &[f64]) -> Option<Spread<f64>> {
    let mut sorted: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    sorted.sort_by(f64::total_cmp);
    let quantile = |p: f64| -> Option<f64> {
        let pos = (sorted.len() as f64 - 1.0) * p;
        let lo = pos.floor() as usize;
        let frac = pos - pos.floor();
        let a = *sorted.get(lo)?;
        Some(match sorted.get(lo + 1) {
            Some(&b) if frac > 0.0 => a + (b - a) * frac,
            _ => a,
        })
    };
    Some(Spread {
        n: sorted.len() as u32,
        min: *sorted.first()?,
        q1: quantile(0.25)?,
        median: quantile(0.5)?,
        q3: quantile(0.75)?,
        max: *sorted.last()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place_u(own: u32, others: &[u32]) -> Placement {
        place(Some(&own), others, others.len() as u32 + 1, |a, b| a.cmp(b))
    }

    #[test]
    fn ties_share_the_best_rank() {
        // 90, then three at 70, then 50: the 70s share the second place.
        let p = place_u(70, &[90, 70, 70, 50]);
        assert_eq!(p.rank, Some(2));
        assert_eq!(p.text, "plats 2 av 5 med uppgift, 5 i gruppen");
        assert_eq!(place_u(50, &[90, 70, 70, 70]).rank, Some(5));
        assert_eq!(place_u(90, &[90, 90]).rank, Some(1));
    }

    #[test]
    fn quartile_edges_of_53_units() {
        let values: Vec<u32> = (1..=53).collect();
        let band_of_rank = |rank: u32| {
            let own = 54 - rank; // rank 1 is the value 53.
            let others: Vec<u32> = values.iter().copied().filter(|v| *v != own).collect();
            let p = place_u(own, &others);
            assert_eq!(p.rank, Some(rank));
            p.band
        };
        assert_eq!(band_of_rank(1), Some(Band::Basta));
        assert_eq!(band_of_rank(13), Some(Band::Basta));
        assert_eq!(band_of_rank(14), Some(Band::Mellan));
        assert_eq!(band_of_rank(40), Some(Band::Mellan));
        assert_eq!(band_of_rank(41), Some(Band::Samsta));
        assert_eq!(band_of_rank(53), Some(Band::Samsta));
    }

    #[test]
    fn quartile_edges_of_four_and_of_ties() {
        assert_eq!(place_u(4, &[3, 2, 1]).band, Some(Band::Basta));
        assert_eq!(place_u(3, &[4, 2, 1]).band, Some(Band::Mellan));
        assert_eq!(place_u(2, &[4, 3, 1]).band, Some(Band::Mellan));
        assert_eq!(place_u(1, &[4, 3, 2]).band, Some(Band::Samsta));
        // All tied: nobody is strictly better or worse.
        assert_eq!(place_u(5, &[5, 5, 5]).band, Some(Band::Mellan));
        // Alone, or three: no quarter to be in.
        assert_eq!(place_u(5, &[]).band, Some(Band::Mellan));
        assert_eq!(place_u(5, &[]).percentile, None);
        assert_eq!(place_u(3, &[2, 1]).band, Some(Band::Mellan));
    }

    #[test]
    fn percentile_counts_strictly_worse_others() {
        assert_eq!(place_u(4, &[3, 2, 1]).percentile, Some(100));
        assert_eq!(place_u(1, &[4, 3, 2]).percentile, Some(0));
        assert_eq!(place_u(3, &[4, 2, 1]).percentile, Some(67));
        assert_eq!(place_u(2, &[4, 3, 2]).percentile, Some(0));
    }

    #[test]
    fn missing_own_value_has_no_rank() {
        let p = place::<u32>(None, &[1, 2], 5, |a, b| a.cmp(b));
        assert_eq!(p.rank, None);
        assert_eq!(p.text, "ingen uppgift (2 av 5 i gruppen har uppgift)");
    }

    #[test]
    fn exact_quartiles_interpolate_like_excel() {
        let r = |n, d| Ratio::new(n, d).unwrap();
        // 1/4, 1/2, 3/4, 1: QUARTILE.INC gives Q1 = 7/16, median 5/8, Q3 = 13/16.
        let s = spread_exact(&[r(1, 1), r(1, 4), r(3, 4), r(1, 2)]).unwrap();
        assert_eq!(s.min, r(1, 4));
        assert_eq!(s.q1, r(7, 16));
        assert_eq!(s.median, r(5, 8));
        assert_eq!(s.q3, r(13, 16));
        assert_eq!(s.max, r(1, 1));
        let s = spread_exact(&[r(1, 3)]).unwrap();
        assert_eq!((s.q1, s.median, s.q3), (r(1, 3), r(1, 3), r(1, 3)));
        assert!(spread_exact(&[]).is_none());
        let f = spread_f64(&[1.0, 2.0, 3.0, 4.0]).unwrap();
        assert_eq!((f.q1, f.median, f.q3), (1.75, 2.5, 3.25));
    }
}
