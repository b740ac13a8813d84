//! Properties of the scoring rules that must hold for any data (proptest).

mod engine_support;

use engine_support::*;
use oj_analys::compare::peers::PeerChoice;
use oj_analys::compare::position::place;
use oj_analys::model::{Area, Dataset, QualityArea};
use oj_analys::report::{Report, ReportOptions};
use oj_analys::score::{DelvisRule, Ratio, Tally};
use proptest::prelude::*;

const CODES: [&str; 8] = [
    "0138", "0188", "0305", "0683", "1265", "1445", "1737", "2403",
];
const CELLS: [&str; 7] = ["Ja", "Delvis", "Nej", "EA", "KIS", "-", ""];

fn rule() -> impl Strategy<Value = DelvisRule> {
    prop_oneof![
        Just(DelvisRule::Ej),
        Just(DelvisRule::Halv),
        Just(DelvisRule::Uppfylld)
    ]
}

fn tally() -> impl Strategy<Value = Tally> {
    (0u32..50, 0u32..50, 0u32..50, 0u32..5, 0u32..5, 0u32..5).prop_map(
        |(ja, delvis, nej, ej_aktuellt, kan_inte_svara, saknas)| Tally {
            ja,
            delvis,
            nej,
            ej_aktuellt,
            kan_inte_svara,
            saknas,
        },
    )
}

/// A random area table: 1–10 indicators with random quality areas, the eight units above with
/// random outcomes.
fn area_dataset(area: Area) -> impl Strategy<Value = Dataset> {
    (1usize..10)
        .prop_flat_map(|n| {
            (
                prop::collection::vec(0usize..6, n),
                prop::collection::vec(prop::collection::vec(0usize..CELLS.len(), n), CODES.len()),
            )
        })
        .prop_map(move |(qualities, cells)| {
            let cols = qualities
                .iter()
                .enumerate()
                .map(|(i, &q)| col(&format!("I{i}"), QualityArea::ALL[q]))
                .collect();
            let rows = CODES
                .iter()
                .zip(&cells)
                .map(|(code, cs)| {
                    let texts: Vec<&str> = cs.iter().map(|&c| CELLS[c]).collect();
                    row(code, &texts)
                })
                .collect();
            dataset(area, 2020, cols, rows)
        })
}

fn options(rule: DelvisRule, jamfor: PeerChoice) -> ReportOptions {
    ReportOptions {
        kommun: "0138".into(),
        delvis: rule,
        jamfor,
        ..ReportOptions::default()
    }
}

proptest! {
    #[test]
    fn percent_stays_within_0_and_100(t in tally(), rule in rule()) {
        if let Some(p) = t.percent(rule) {
            prop_assert!(p <= 100);
        } else {
            prop_assert_eq!(t.denominator(), 0);
        }
        let s = t.score(rule);
        prop_assert!(s.uppfyllda.halves() <= 2 * s.denominator);
    }

    #[test]
    fn a_pooled_tally_is_the_sum_of_its_parts(parts in prop::collection::vec(tally(), 0..8), rule in rule()) {
        let pooled: Tally = parts.iter().copied().sum();
        let uppfyllda: u32 = parts.iter().map(|t| t.uppfyllda(rule).halves()).sum();
        let denominator: u32 = parts.iter().map(Tally::denominator).sum();
        prop_assert_eq!(pooled.uppfyllda(rule).halves(), uppfyllda);
        prop_assert_eq!(pooled.denominator(), denominator);
        prop_assert_eq!(pooled.share(rule), Ratio::new(u64::from(uppfyllda), 2 * u64::from(denominator)));
    }

    #[test]
    fn report_totals_pool_their_parts(
        eb in area_dataset(Area::EkonomisktBistand),
        mb in area_dataset(Area::Missbruk),
        rule in rule(),
    ) {
        let r = Report::build(&[eb, mb], &options(rule, PeerChoice::Alla)).unwrap();
        let by_area: Tally = r.areas.iter().map(|a| a.total.score.tally).sum();
        prop_assert_eq!(r.total.score.tally, by_area);
        for a in &r.areas {
            let by_quality: Tally = a.quality.iter().map(|q| q.figure.score.tally).sum();
            prop_assert_eq!(a.total.score.tally, by_quality);
            prop_assert_eq!(a.total.tally_of_cells(), a.total.score.tally);
        }
        let by_quality: Tally = r.quality_totals.iter().map(|q| q.figure.score.tally).sum();
        prop_assert_eq!(r.total.score.tally, by_quality);
        prop_assert_eq!(r.total.tally_of_cells(), r.total.score.tally);
    }

    #[test]
    fn an_ej_aktuellt_indicator_changes_no_figure(
        d in area_dataset(Area::EkonomisktBistand),
        q in 0usize..6,
        rule in rule(),
    ) {
        let mut more = d.clone();
        let i = more.indicators.len() as u32;
        more.indicators.push(oj_analys::model::Indicator {
            name: "Extra".into(),
            code: None,
            quality: d.indicators[0].quality.clone().map(|mut l| {
                l.area = Some(QualityArea::ALL[q]);
                l.label = QualityArea::ALL[q].name().into();
                l
            }),
            indicator_area: None,
            kind: oj_analys::model::IndicatorKind::Categorical,
            cell: oj_analys::model::CellRef::new(1, 2 + i),
            ..Default::default()
        });
        for u in 0..more.units.len() as u32 {
            more.observations.push(oj_analys::model::Observation {
                unit: u,
                indicator: i,
                dims: vec![],
                value: oj_analys::model::Value::Outcome(oj_analys::model::Outcome::EjAktuellt),
                cell: oj_analys::model::CellRef::new(2 + u, 2 + i),
                raw: None,
            });
        }
        more.sort_observations();
        let o = options(rule, PeerChoice::Alla);
        let a = Report::build(&[d], &o).unwrap();
        let b = Report::build(&[more], &o).unwrap();
        let figures = |r: &Report| {
            let area = &r.areas[0];
            let mut v: Vec<(String, String, Option<u64>, Option<u32>)> = area
                .quality
                .iter()
                .filter(|l| l.figure.score.denominator > 0)
                .map(|l| (
                    l.group.key.clone(),
                    l.figure.score.fraction_sv(),
                    l.figure.score.percent,
                    l.placement.as_ref().and_then(|p| p.rank),
                ))
                .collect();
            let p = area.peers.as_ref().unwrap();
            v.push(("total".into(), area.total.score.fraction_sv(), area.total.score.percent, p.placement.rank));
            v.push(("riket".into(), String::new(), None, p.riket.placement.rank));
            v
        };
        prop_assert_eq!(figures(&a), figures(&b));
    }

    #[test]
    fn rank_does_not_depend_on_peer_order(
        own in 0u64..20,
        others in prop::collection::vec(0u64..20, 0..30),
        seed in any::<u64>(),
    ) {
        let as_ratio = |v: &u64| Ratio::new(*v, 19).unwrap();
        let own_r = as_ratio(&own);
        let mut shuffled: Vec<Ratio> = others.iter().map(as_ratio).collect();
        let sorted = {
            let mut s = shuffled.clone();
            s.sort();
            s
        };
        // A deterministic shuffle from the seed.
        let mut state = seed | 1;
        for i in (1..shuffled.len()).rev() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            shuffled.swap(i, (state % (i as u64 + 1)) as usize);
        }
        let n = others.len() as u32 + 1;
        let a = place(Some(&own_r), &sorted, n, |x, y| x.cmp(y));
        let b = place(Some(&own_r), &shuffled, n, |x, y| x.cmp(y));
        prop_assert_eq!(&a, &b);
        let strictly_better = others.iter().filter(|o| **o > own).count() as u32;
        prop_assert_eq!(a.rank, Some(strictly_better + 1));
    }

    #[test]
    fn report_rank_does_not_depend_on_the_order_of_a_custom_list(
        d in area_dataset(Area::EkonomisktBistand),
        rule in rule(),
    ) {
        let forward = PeerChoice::Egen(CODES[1..].iter().map(|s| s.to_string()).collect());
        let backward = PeerChoice::Egen(CODES[1..].iter().rev().map(|s| s.to_string()).collect());
        let a = Report::build(std::slice::from_ref(&d), &options(rule, forward)).unwrap();
        let b = Report::build(&[d], &options(rule, backward)).unwrap();
        let pa = a.areas[0].peers.as_ref().unwrap();
        let pb = b.areas[0].peers.as_ref().unwrap();
        prop_assert_eq!(&pa.placement, &pb.placement);
        prop_assert_eq!(&pa.ranking, &pb.ranking);
    }
}
