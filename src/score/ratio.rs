//! Exact numbers for fulfilment: counts in halves and non-negative fractions, rounded half up.

use std::cmp::Ordering;
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A non-negative count in halves: `Halves(25)` is 12,5. Fulfilment counts are whole numbers
/// except under the Delvis rule *halv*, where a `Delvis` counts ½; this keeps them exact.
///
/// Serialised as a JSON number (`12.5`, `24`): halves are exact in binary floating point, so the
/// number read back is the number written. No arithmetic is ever done in floating point.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Halves(pub u32);

impl Halves {
    pub const ZERO: Halves = Halves(0);

    /// A whole count.
    pub fn whole(n: u32) -> Halves {
        Halves(n.saturating_mul(2))
    }

    /// The number of halves.
    pub fn halves(self) -> u32 {
        self.0
    }

    /// Whether the count is a whole number.
    pub fn is_whole(self) -> bool {
        self.0.is_multiple_of(2)
    }

    /// The count as Swedish text: `24`, `12,5`.
    pub fn sv(self) -> String {
        if self.is_whole() {
            format!("{}", self.0 / 2)
        } else {
            format!("{},5", self.0 / 2)
        }
    }
}

impl std::ops::Add for Halves {
    type Output = Halves;
    fn add(self, other: Halves) -> Halves {
        Halves(self.0.saturating_add(other.0))
    }
}

impl std::ops::AddAssign for Halves {
    fn add_assign(&mut self, other: Halves) {
        *self = *self + other;
    }
}

impl fmt::Display for Halves {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.sv())
    }
}

impl Serialize for Halves {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.is_whole() {
            serializer.serialize_u32(self.0 / 2)
        } else {
            serializer.serialize_f64(f64::from(self.0) / 2.0)
        }
    }
}

impl<'de> Deserialize<'de> for Halves {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Halves, D::Error> {
        let value = f64::deserialize(deserializer)?;
        let doubled = value * 2.0;
        if doubled.is_finite()
            && doubled >= 0.0
            && doubled.fract() == 0.0
            && doubled <= f64::from(u32::MAX)
        {
            Ok(Halves(doubled as u32))
        } else {
            Err(serde::de::Error::custom(format!(
                "{value} är inte ett helt eller halvt antal"
            )))
        }
    }
}

/// A non-negative fraction `num / den`, kept exact and in lowest terms; `den` is never 0.
///
/// Ordering and equality compare the exact values (2/4 == 1/2). Serialised as
/// `{"num": 24, "den": 37, "procent": 65}`; `procent` is [`Ratio::percent`], for display only.
#[derive(Clone, Copy, Debug)]
pub struct Ratio {
    num: u64,
    den: u64,
}

impl Ratio {
    pub const ZERO: Ratio = Ratio { num: 0, den: 1 };
    pub const ONE: Ratio = Ratio { num: 1, den: 1 };

    /// `num / den` in lowest terms; `None` when `den` is 0.
    pub fn new(num: u64, den: u64) -> Option<Ratio> {
        if den == 0 {
            return None;
        }
        Some(Ratio::reduced(u128::from(num), u128::from(den)))
    }

    /// A fulfilment fraction: `uppfyllda / denominator`; `None` when nothing was answered.
    pub fn of_halves(uppfyllda: Halves, denominator: u32) -> Option<Ratio> {
        Ratio::new(u64::from(uppfyllda.0), u64::from(denominator) * 2)
    }

    pub fn num(self) -> u64 {
        self.num
    }

    pub fn den(self) -> u64 {
        self.den
    }

    /// The fraction as a whole percent, rounded half up on the exact value
    /// (24/37 → 65, 1/8 → 13, 25/74 → 34).
    pub fn percent(self) -> u64 {
        let num = u128::from(self.num) * 200 + u128::from(self.den);
        let den = u128::from(self.den) * 2;
        u64::try_from(num / den).unwrap_or(u64::MAX)
    }

    /// The fraction in percent with one decimal, rounded half up (for spreads and medians).
    pub fn permille(self) -> u64 {
        let num = u128::from(self.num) * 2000 + u128::from(self.den);
        let den = u128::from(self.den) * 2;
        u64::try_from(num / den).unwrap_or(u64::MAX)
    }

    /// The value as a float, for charts only; never used in a computation that is shown as exact.
    pub fn to_f64(self) -> f64 {
        self.num as f64 / self.den as f64
    }

    /// The sum of two fractions.
    pub fn plus(self, other: Ratio) -> Ratio {
        let num = u128::from(self.num) * u128::from(other.den)
            + u128::from(other.num) * u128::from(self.den);
        Ratio::reduced(num, u128::from(self.den) * u128::from(other.den))
    }

    /// `self - other`, or zero when `other` is larger (fractions here are never negative).
    pub fn saturating_sub(self, other: Ratio) -> Ratio {
        let a = u128::from(self.num) * u128::from(other.den);
        let b = u128::from(other.num) * u128::from(self.den);
        Ratio::reduced(
            a.saturating_sub(b),
            u128::from(self.den) * u128::from(other.den),
        )
    }

    /// The product of two fractions.
    pub fn times(self, other: Ratio) -> Ratio {
        Ratio::reduced(
            u128::from(self.num) * u128::from(other.num),
            u128::from(self.den) * u128::from(other.den),
        )
    }

    /// The mean of two fractions (the median of an even count).
    pub fn midpoint(self, other: Ratio) -> Ratio {
        self.plus(other).times(Ratio { num: 1, den: 2 })
    }

    /// Percent text with a plain space: `65 %`.
    pub fn percent_sv(self) -> String {
        crate::sv::percent(self.percent())
    }

    /// Percent with one decimal comma when not whole: `48 %`, `48,5 %`.
    pub fn percent_sv_1(self) -> String {
        crate::sv::percent_tenths(self.permille())
    }

    fn reduced(num: u128, den: u128) -> Ratio {
        let g = gcd(num, den).max(1);
        let (mut num, mut den) = (num / g, den / g);
        // Cannot happen for the small counts of ÖJ; scale down rather than overflow.
        while num > u128::from(u64::MAX) || den > u128::from(u64::MAX) {
            num /= 2;
            den = (den / 2).max(1);
        }
        Ratio {
            num: num as u64,
            den: den.max(1) as u64,
        }
    }
}

fn gcd(mut a: u128, mut b: u128) -> u128 {
    while b != 0 {
        let t = a % b;
        a = b;
        b = t;
    }
    a
}

impl PartialEq for Ratio {
    fn eq(&self, other: &Ratio) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Ratio {}

impl PartialOrd for Ratio {
    fn partial_cmp(&self, other: &Ratio) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Ratio {
    fn cmp(&self, other: &Ratio) -> Ordering {
        (u128::from(self.num) * u128::from(other.den))
            .cmp(&(u128::from(other.num) * u128::from(self.den)))
    }
}

impl fmt::Display for Ratio {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.num, self.den)
    }
}

#[derive(Serialize, Deserialize)]
struct RatioRepr {
    num: u64,
    den: u64,
    #[serde(default)]
    procent: u64,
}

impl Serialize for Ratio {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        RatioRepr {
            num: self.num,
            den: self.den,
            procent: self.percent(),
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Ratio {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Ratio, D::Error> {
        let repr = RatioRepr::deserialize(deserializer)?;
        Ratio::new(repr.num, repr.den).ok_or_else(|| serde::de::Error::custom("nämnaren är 0"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_round_half_up_on_the_exact_fraction() {
        let pct = |n, d| Ratio::new(n, d).map(Ratio::percent);
        assert_eq!(pct(24, 37), Some(65));
        assert_eq!(pct(1, 8), Some(13)); // 12,5 % → 13
        assert_eq!(pct(3, 8), Some(38)); // 37,5 % → 38
        assert_eq!(pct(1, 3), Some(33));
        assert_eq!(pct(2, 3), Some(67));
        assert_eq!(pct(0, 5), Some(0));
        assert_eq!(pct(5, 5), Some(100));
        assert_eq!(pct(1, 200), Some(1)); // 0,5 % → 1
        assert_eq!(pct(1, 201), Some(0));
        assert_eq!(pct(1, 0), None);
        // 12,5/37 = 33,78 % → 34.
        assert_eq!(
            Ratio::of_halves(Halves(25), 37).map(Ratio::percent),
            Some(34)
        );
    }

    #[test]
    fn halves_print_with_a_decimal_comma() {
        assert_eq!(Halves(25).sv(), "12,5");
        assert_eq!(Halves(48).sv(), "24");
        assert_eq!(Halves::whole(3) + Halves(1), Halves(7));
        assert_eq!(serde_json::to_string(&Halves(25)).unwrap(), "12.5");
        assert_eq!(serde_json::to_string(&Halves(48)).unwrap(), "24");
        assert_eq!(serde_json::from_str::<Halves>("12.5").unwrap(), Halves(25));
        assert!(serde_json::from_str::<Halves>("12.25").is_err());
    }

    #[test]
    fn ratios_compare_exactly_and_reduce() {
        let r = |n, d| Ratio::new(n, d).unwrap();
        assert_eq!(r(2, 4), r(1, 2));
        assert!(r(24, 37) > r(64, 100));
        assert_eq!(r(1, 3).plus(r(1, 6)), r(1, 2));
        assert_eq!(r(1, 2).midpoint(r(1, 4)), r(3, 8));
        assert_eq!(r(1, 2).saturating_sub(r(3, 4)), Ratio::ZERO);
        assert_eq!(r(3, 8).percent_sv_1(), "37,5 %");
        assert_eq!(r(1, 2).percent_sv_1(), "50 %");
        let json = serde_json::to_string(&r(24, 37)).unwrap();
        assert_eq!(json, r#"{"num":24,"den":37,"procent":65}"#);
        assert_eq!(serde_json::from_str::<Ratio>(&json).unwrap(), r(24, 37));
    }
}
