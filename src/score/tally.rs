//! Counting outcomes: the buckets a cell falls into, tallies that pool by addition, and scores.

use serde::{Deserialize, Serialize};

use super::ratio::{Halves, Ratio};
use crate::model::{Outcome, Value};

/// How a `Delvis` answer counts (DESIGN §3). The rule is printed with every figure.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DelvisRule {
    /// `Delvis` is not fulfilled; it stays in the denominator and is shown separately (default).
    #[default]
    Ej,
    /// `Delvis` counts ½.
    Halv,
    /// `Delvis` counts as fulfilled ("helt/delvis uppfyllda").
    Uppfylld,
}

impl DelvisRule {
    pub const ALL: [DelvisRule; 3] = [DelvisRule::Ej, DelvisRule::Halv, DelvisRule::Uppfylld];

    /// The key used on the command line and in settings: `ej`, `halv`, `uppfylld`.
    pub fn key(self) -> &'static str {
        match self {
            DelvisRule::Ej => "ej",
            DelvisRule::Halv => "halv",
            DelvisRule::Uppfylld => "uppfylld",
        }
    }

    pub fn from_key(key: &str) -> Option<DelvisRule> {
        DelvisRule::ALL
            .into_iter()
            .find(|r| r.key() == key.trim().to_lowercase())
    }

    /// The rule as a sentence for the report and the UI.
    pub fn description(self) -> &'static str {
        match self {
            DelvisRule::Ej => "Delvis uppfyllda indikatorer räknas inte som uppfyllda.",
            DelvisRule::Halv => "Delvis uppfyllda indikatorer räknas som en halv uppfylld.",
            DelvisRule::Uppfylld => {
                "Delvis uppfyllda indikatorer räknas som uppfyllda (helt/delvis uppfyllda)."
            }
        }
    }

    /// What one `Delvis` adds to uppfyllda.
    pub fn delvis_counts(self) -> Halves {
        match self {
            DelvisRule::Ej => Halves(0),
            DelvisRule::Halv => Halves(1),
            DelvisRule::Uppfylld => Halves(2),
        }
    }
}

/// Which of the counted kinds a cell belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Bucket {
    Ja,
    Delvis,
    Nej,
    EjAktuellt,
    KanInteSvara,
    /// No usable answer: empty, bortfall ("-", "x"), sekretess, ej tillämpligt, an error, text
    /// that is no outcome, a number where an outcome belongs, or no cell at all.
    Saknas,
}

impl Bucket {
    /// The bucket of a unit's cell (`None`: the table has no such cell).
    pub fn of(value: Option<&Value>) -> Bucket {
        match value {
            Some(Value::Outcome(o)) => Bucket::from(*o),
            _ => Bucket::Saknas,
        }
    }

    /// Whether the bucket belongs in the fulfilment denominator (Ja, Delvis, Nej).
    pub fn is_answer(self) -> bool {
        matches!(self, Bucket::Ja | Bucket::Delvis | Bucket::Nej)
    }

    /// Whether the answer is fulfilled under `rule` (`Delvis` under `halv` is half fulfilled,
    /// and counts as fulfilled here only when the rule is `uppfylld`).
    pub fn is_fulfilled(self, rule: DelvisRule) -> bool {
        match self {
            Bucket::Ja => true,
            Bucket::Delvis => rule == DelvisRule::Uppfylld,
            _ => false,
        }
    }

    /// What the cell adds to uppfyllda under `rule`.
    pub fn counts(self, rule: DelvisRule) -> Halves {
        match self {
            Bucket::Ja => Halves(2),
            Bucket::Delvis => rule.delvis_counts(),
            _ => Halves(0),
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Bucket::Ja => "Ja",
            Bucket::Delvis => "Delvis",
            Bucket::Nej => "Nej",
            Bucket::EjAktuellt => "Ej aktuellt",
            Bucket::KanInteSvara => "Kan inte svara",
            Bucket::Saknas => "Saknas",
        }
    }

    /// How the cell was counted under `rule`, as a Swedish phrase for the trace.
    pub fn how_counted(self, rule: DelvisRule) -> &'static str {
        match (self, rule) {
            (Bucket::Ja, _) => "uppfylld: räknas i täljare och nämnare",
            (Bucket::Delvis, DelvisRule::Ej) => "delvis: räknas i nämnaren men inte som uppfylld",
            (Bucket::Delvis, DelvisRule::Halv) => "delvis: räknas som ½ uppfylld",
            (Bucket::Delvis, DelvisRule::Uppfylld) => "delvis: räknas som uppfylld",
            (Bucket::Nej, _) => "ej uppfylld: räknas i nämnaren",
            (Bucket::EjAktuellt, _) => "ej aktuellt: lämnas utanför nämnaren",
            (Bucket::KanInteSvara, _) => "kan inte svara: lämnas utanför nämnaren",
            (Bucket::Saknas, _) => "saknar svar: lämnas utanför nämnaren",
        }
    }
}

impl From<Outcome> for Bucket {
    fn from(outcome: Outcome) -> Bucket {
        match outcome {
            Outcome::Ja => Bucket::Ja,
            Outcome::Delvis => Bucket::Delvis,
            Outcome::Nej => Bucket::Nej,
            Outcome::EjAktuellt => Bucket::EjAktuellt,
            Outcome::KanInteSvara => Bucket::KanInteSvara,
        }
    }
}

/// Counts of each bucket over a set of indicators. Totals pool by adding tallies, never by
/// averaging percentages (DESIGN §3).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Tally {
    pub ja: u32,
    pub delvis: u32,
    pub nej: u32,
    pub ej_aktuellt: u32,
    pub kan_inte_svara: u32,
    pub saknas: u32,
}

impl Tally {
    /// Adds one cell.
    pub fn count(&mut self, bucket: Bucket) {
        let slot = match bucket {
            Bucket::Ja => &mut self.ja,
            Bucket::Delvis => &mut self.delvis,
            Bucket::Nej => &mut self.nej,
            Bucket::EjAktuellt => &mut self.ej_aktuellt,
            Bucket::KanInteSvara => &mut self.kan_inte_svara,
            Bucket::Saknas => &mut self.saknas,
        };
        *slot = slot.saturating_add(1);
    }

    /// The tally of a list of buckets.
    pub fn of(buckets: impl IntoIterator<Item = Bucket>) -> Tally {
        let mut tally = Tally::default();
        for bucket in buckets {
            tally.count(bucket);
        }
        tally
    }

    /// The number of indicators counted, answered or not.
    pub fn indicators(&self) -> u32 {
        self.denominator().saturating_add(self.left_out())
    }

    /// Ja + Delvis + Nej: the indicators the percentage is taken over.
    pub fn denominator(&self) -> u32 {
        self.ja.saturating_add(self.delvis).saturating_add(self.nej)
    }

    /// Ej aktuellt + Kan inte svara + saknas: left out of the denominator and reported beside it.
    pub fn left_out(&self) -> u32 {
        self.ej_aktuellt
            .saturating_add(self.kan_inte_svara)
            .saturating_add(self.saknas)
    }

    /// The fulfilled count under `rule`.
    pub fn uppfyllda(&self, rule: DelvisRule) -> Halves {
        Halves::whole(self.ja) + Halves(self.delvis.saturating_mul(rule.delvis_counts().halves()))
    }

    /// uppfyllda / denominator, exact; `None` when nothing was answered.
    pub fn share(&self, rule: DelvisRule) -> Option<Ratio> {
        Ratio::of_halves(self.uppfyllda(rule), self.denominator())
    }

    /// The whole percent, rounded half up on the exact fraction; `None` when nothing was answered.
    pub fn percent(&self, rule: DelvisRule) -> Option<u64> {
        self.share(rule).map(Ratio::percent)
    }

    /// Whether the figure's text says "helt/delvis uppfyllda": the rule counts Delvis and the
    /// group holds at least one.
    pub fn counts_delvis(&self, rule: DelvisRule) -> bool {
        rule != DelvisRule::Ej && self.delvis > 0
    }

    /// What was left out, in Swedish: "2 ej aktuella, 1 saknar svar"; empty when nothing was.
    pub fn left_out_sv(&self) -> String {
        let mut parts = Vec::new();
        if self.ej_aktuellt > 0 {
            parts.push(format!(
                "{} ej {}",
                self.ej_aktuellt,
                if self.ej_aktuellt == 1 {
                    "aktuell"
                } else {
                    "aktuella"
                }
            ));
        }
        if self.kan_inte_svara > 0 {
            parts.push(format!("{} kan inte svara", self.kan_inte_svara));
        }
        if self.saknas > 0 {
            parts.push(format!("{} saknar svar", self.saknas));
        }
        parts.join(", ")
    }

    /// The figure under `rule`.
    pub fn score(&self, rule: DelvisRule) -> Score {
        Score::new(*self, rule)
    }
}

impl std::ops::Add for Tally {
    type Output = Tally;
    fn add(self, o: Tally) -> Tally {
        Tally {
            ja: self.ja.saturating_add(o.ja),
            delvis: self.delvis.saturating_add(o.delvis),
            nej: self.nej.saturating_add(o.nej),
            ej_aktuellt: self.ej_aktuellt.saturating_add(o.ej_aktuellt),
            kan_inte_svara: self.kan_inte_svara.saturating_add(o.kan_inte_svara),
            saknas: self.saknas.saturating_add(o.saknas),
        }
    }
}

impl std::ops::AddAssign for Tally {
    fn add_assign(&mut self, o: Tally) {
        *self = *self + o;
    }
}

impl std::iter::Sum for Tally {
    fn sum<I: Iterator<Item = Tally>>(iter: I) -> Tally {
        iter.fold(Tally::default(), |a, b| a + b)
    }
}

/// A fulfilment figure as shown: the tally, the rule, and what follows from them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Score {
    pub rule: DelvisRule,
    pub tally: Tally,
    /// Fulfilled indicators under `rule` (a JSON number; `12.5` under `halv`).
    pub uppfyllda: Halves,
    /// Ja + Delvis + Nej.
    pub denominator: u32,
    /// uppfyllda / denominator exactly; `None` when nothing was answered.
    pub share: Option<Ratio>,
    /// The whole percent, rounded half up on the exact fraction.
    pub percent: Option<u64>,
    /// The text says "helt/delvis uppfyllda" (the rule counted at least one Delvis here).
    pub counts_delvis: bool,
}

impl Score {
    pub fn new(tally: Tally, rule: DelvisRule) -> Score {
        let share = tally.share(rule);
        Score {
            rule,
            tally,
            uppfyllda: tally.uppfyllda(rule),
            denominator: tally.denominator(),
            share,
            percent: share.map(Ratio::percent),
            counts_delvis: tally.counts_delvis(rule),
        }
    }

    /// `24/37`, `12,5/37`.
    pub fn fraction_sv(&self) -> String {
        format!("{}/{}", self.uppfyllda.sv(), self.denominator)
    }

    /// `65 %`, or `–` when nothing was answered.
    pub fn percent_sv(&self) -> String {
        match self.percent {
            Some(p) => crate::sv::percent(p),
            None => "–".to_owned(),
        }
    }

    /// `24/37 (65 %)`.
    pub fn short_sv(&self) -> String {
        format!("{} ({})", self.fraction_sv(), self.percent_sv())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tally(ja: u32, delvis: u32, nej: u32, ea: u32, kis: u32, saknas: u32) -> Tally {
        Tally {
            ja,
            delvis,
            nej,
            ej_aktuellt: ea,
            kan_inte_svara: kis,
            saknas,
        }
    }

    #[test]
    fn delvis_rules_count_zero_half_or_whole() {
        // 3 Ja, 2 Delvis, 5 Nej.
        let t = tally(3, 2, 5, 0, 0, 0);
        assert_eq!(t.score(DelvisRule::Ej).fraction_sv(), "3/10");
        assert_eq!(t.score(DelvisRule::Ej).percent, Some(30));
        assert_eq!(t.score(DelvisRule::Halv).fraction_sv(), "4/10");
        assert_eq!(t.score(DelvisRule::Halv).percent, Some(40));
        assert_eq!(t.score(DelvisRule::Uppfylld).fraction_sv(), "5/10");
        assert_eq!(t.score(DelvisRule::Uppfylld).percent, Some(50));
        assert!(!t.counts_delvis(DelvisRule::Ej));
        assert!(t.counts_delvis(DelvisRule::Halv));
        assert!(t.counts_delvis(DelvisRule::Uppfylld));
        assert!(!tally(3, 0, 5, 0, 0, 0).counts_delvis(DelvisRule::Uppfylld));
    }

    #[test]
    fn a_half_prints_with_comma_and_rounds_on_the_exact_fraction() {
        // 12 Ja, 1 Delvis, 24 Nej under halv: 12,5/37 = 33,8 % → 34.
        let s = tally(12, 1, 24, 0, 0, 0).score(DelvisRule::Halv);
        assert_eq!(s.fraction_sv(), "12,5/37");
        assert_eq!(s.percent, Some(34));
        // 0,5/4 = 12,5 % → 13 (half up).
        let s = tally(0, 1, 3, 0, 0, 0).score(DelvisRule::Halv);
        assert_eq!(s.fraction_sv(), "0,5/4");
        assert_eq!(s.percent, Some(13));
    }

    #[test]
    fn left_out_outcomes_leave_the_denominator() {
        let t = tally(2, 0, 1, 2, 1, 1);
        assert_eq!(t.denominator(), 3);
        assert_eq!(t.left_out(), 4);
        assert_eq!(t.indicators(), 7);
        assert_eq!(t.score(DelvisRule::Ej).short_sv(), "2/3 (67 %)");
        assert_eq!(
            t.left_out_sv(),
            "2 ej aktuella, 1 kan inte svara, 1 saknar svar"
        );
        assert_eq!(tally(0, 0, 0, 1, 0, 0).left_out_sv(), "1 ej aktuell");
        let none = tally(0, 0, 0, 3, 0, 0).score(DelvisRule::Ej);
        assert_eq!(none.percent, None);
        assert_eq!(none.percent_sv(), "–");
    }

    #[test]
    fn pooling_adds_counts_and_never_averages() {
        // 1/1 (100 %) and 1/9 (11 %) pool to 2/10 = 20 %, not the mean 56 %.
        let a = tally(1, 0, 0, 0, 0, 0);
        let b = tally(1, 0, 8, 0, 0, 0);
        let pooled: Tally = [a, b].into_iter().sum();
        assert_eq!(pooled.score(DelvisRule::Ej).short_sv(), "2/10 (20 %)");
    }

    #[test]
    fn buckets_follow_the_cell_value() {
        use crate::model::Absence;
        assert_eq!(Bucket::of(Some(&Value::Outcome(Outcome::Ja))), Bucket::Ja);
        assert_eq!(
            Bucket::of(Some(&Value::Absent(Absence::Sekretess))),
            Bucket::Saknas
        );
        assert_eq!(Bucket::of(Some(&Value::Number(1.0))), Bucket::Saknas);
        assert_eq!(
            Bucket::of(Some(&Value::Text("vet ej".into()))),
            Bucket::Saknas
        );
        assert_eq!(Bucket::of(None), Bucket::Saknas);
        assert_eq!(DelvisRule::from_key(" Halv"), Some(DelvisRule::Halv));
        assert_eq!(
            serde_json::to_string(&DelvisRule::Uppfylld).unwrap(),
            "\"uppfylld\""
        );
    }
}
