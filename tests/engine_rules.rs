//! Hand-worked cases for every scoring and comparison rule (DESIGN §3), on hand-built datasets.

mod engine_support;

use engine_support::*;
use oj_analys::compare::indicators::JaShare;
use oj_analys::compare::peers::{PeerChoice, PeerSetKind, PeerSource};
use oj_analys::compare::position::Band;
use oj_analys::compare::targets::{Target, TargetScope, TargetStatus};
use oj_analys::compare::years::ChangeKind;
use oj_analys::model::{Area, Dataset, Direction, QualityArea::*};
use oj_analys::reference::LiknandeTema;
use oj_analys::report::{text, Report, ReportOptions};
use oj_analys::score::{Bucket, DelvisRule, Tally};

fn options(rule: DelvisRule, jamfor: PeerChoice) -> ReportOptions {
    ReportOptions {
        kommun: "0138".into(),
        delvis: rule,
        jamfor,
        ..ReportOptions::default()
    }
}

/// Ekonomiskt bistånd 2020: Tyresö answers Ja, Delvis, Nej, Ej aktuellt on four Kunskapsbaserad
/// indicators, Delvis and Ja on two Självbestämmande, Kan inte svara on one Tillgänglighet.
fn eb_2020() -> Dataset {
    dataset(
        Area::EkonomisktBistand,
        2020,
        vec![
            col("K1", Kunskapsbaserad),
            col("K2", Kunskapsbaserad),
            col("K3", Kunskapsbaserad),
            col("K4", Kunskapsbaserad),
            col("S1", Sjalvbestammande),
            col("S2", Sjalvbestammande),
            col("T1", Tillganglighet),
        ],
        vec![
            row(
                "0138",
                &["Ja", "Delvis", "Nej", "EA", "Delvis", "Ja", "KIS"],
            ),
            row("0188", &["Ja", "Ja", "Ja", "Ja", "Ja", "Ja", "Ja"]),
            row("0305", &["Nej", "Nej", "Nej", "Nej", "Nej", "Nej", "Nej"]),
        ],
    )
}

fn lines(report: &Report) -> Vec<String> {
    text::render(report).lines().map(str::to_owned).collect()
}

#[test]
fn delvis_rule_ej_leaves_delvis_unfulfilled_but_counted() {
    let r = Report::build(&[eb_2020()], &options(DelvisRule::Ej, PeerChoice::Alla)).unwrap();
    let eb = r.area(Area::EkonomisktBistand).unwrap();
    let q: Vec<String> = eb.quality.iter().map(text::quality_line).collect();
    assert_eq!(
        q,
        [
            "Kunskapsbaserad verksamhet, 1/3 uppfyllda indikatorer: 33 %",
            "Självbestämmande och integritet, 1/2 uppfyllda indikatorer: 50 %",
            "Tillgänglighet: inga besvarade indikatorer (1 kan inte svara)",
        ]
    );
    assert_eq!(eb.total.score.fraction_sv(), "2/5");
    assert_eq!(eb.total.score.percent, Some(40));
    let l = lines(&r);
    assert!(
        l.contains(&"Totalt 2/5 uppfyllda indikatorer: 40 %".to_owned()),
        "{l:#?}"
    );
    assert!(l.contains(&"Utanför nämnaren: 1 ej aktuell, 1 kan inte svara.".to_owned()));
    assert!(l.contains(&"Delvis uppfyllda indikatorer räknas inte som uppfyllda.".to_owned()));
}

#[test]
fn delvis_rule_halv_counts_a_half_and_prints_a_comma() {
    let r = Report::build(&[eb_2020()], &options(DelvisRule::Halv, PeerChoice::Alla)).unwrap();
    let eb = r.area(Area::EkonomisktBistand).unwrap();
    let q: Vec<String> = eb.quality.iter().map(text::quality_line).collect();
    assert_eq!(
        q[..2],
        [
            "Kunskapsbaserad verksamhet, 1,5/3 helt/delvis uppfyllda indikatorer: 50 %",
            "Självbestämmande och integritet, 1,5/2 helt/delvis uppfyllda indikatorer: 75 %",
        ]
    );
    assert_eq!(eb.total.score.fraction_sv(), "3/5");
    assert_eq!(eb.total.score.percent, Some(60));
    // The JSON carries the half as a number.
    let json = serde_json::to_value(eb.quality[0].figure.score).unwrap();
    assert_eq!(json["uppfyllda"], serde_json::json!(1.5));
    assert_eq!(json["denominator"], serde_json::json!(3));
}

#[test]
fn delvis_rule_uppfylld_says_helt_delvis_only_where_a_delvis_is() {
    let r = Report::build(
        &[eb_2020()],
        &options(DelvisRule::Uppfylld, PeerChoice::Alla),
    )
    .unwrap();
    let l = lines(&r);
    for expected in [
        "Resultat per kvalitetsområde och totalt, ekonomiskt bistånd:",
        "Kunskapsbaserad verksamhet, 2/3 helt/delvis uppfyllda indikatorer: 67 %",
        "Självbestämmande och integritet, 2/2 helt/delvis uppfyllda indikatorer: 100 %",
        "Totalt 4/5 uppfyllda indikatorer: 80 %",
    ] {
        assert!(
            l.contains(&expected.to_owned()),
            "missing {expected:?} in {l:#?}"
        );
    }
}

#[test]
fn half_up_rounding_on_the_exact_fraction() {
    // 12 Ja, 1 Delvis, 24 Nej under halv: 12,5/37 = 33,78 % → 34; 1 Ja of 8 = 12,5 % → 13.
    let mut cells = vec!["Ja"; 12];
    cells.push("Delvis");
    cells.extend(vec!["Nej"; 24]);
    let cols = (0..37)
        .map(|i| col(&format!("K{i}"), Kunskapsbaserad))
        .collect();
    let mut eighth = vec!["Nej"; 7];
    eighth.push("Ja");
    let eighth_cols = (0..8).map(|i| col(&format!("H{i}"), Helhetssyn)).collect();
    let d = vec![
        dataset(
            Area::EkonomisktBistand,
            2020,
            cols,
            vec![row("0138", &cells)],
        ),
        dataset(
            Area::Missbruk,
            2020,
            eighth_cols,
            vec![row("0138", &eighth)],
        ),
    ];
    let r = Report::build(&d, &options(DelvisRule::Halv, PeerChoice::Alla)).unwrap();
    let l = lines(&r);
    assert!(
        l.contains(&"Totalt 12,5/37 uppfyllda indikatorer: 34 %".to_owned()),
        "{l:#?}"
    );
    assert!(
        l.contains(&"Totalt 1/8 uppfyllda indikatorer: 13 %".to_owned()),
        "{l:#?}"
    );
}

#[test]
fn every_figure_carries_its_cells() {
    let r = Report::build(&[eb_2020()], &options(DelvisRule::Ej, PeerChoice::Alla)).unwrap();
    let eb = r.area(Area::EkonomisktBistand).unwrap();
    let k = &eb.quality[0].figure;
    assert_eq!(k.cells.len(), 4);
    assert_eq!(k.tally_of_cells(), k.score.tally);
    let cells: Vec<(&str, &str, Bucket, bool)> = k
        .cells
        .iter()
        .map(|c| {
            (
                c.cell.as_deref().unwrap(),
                c.raw.as_str(),
                c.bucket,
                c.in_denominator,
            )
        })
        .collect();
    assert_eq!(
        cells,
        [
            ("C3", "Ja", Bucket::Ja, true),
            ("D3", "Delvis", Bucket::Delvis, true),
            ("E3", "Nej", Bucket::Nej, true),
            ("F3", "Ej aktuellt", Bucket::EjAktuellt, false),
        ]
    );
    assert_eq!(
        k.cells[1].how,
        "delvis: räknas i nämnaren men inte som uppfylld"
    );
    assert_eq!(k.cells[0].file, "ekonomiskt-bistand-2020.xlsx");
    assert_eq!(k.cells[0].unit, "Tyresö");
    // The total over all areas carries every own cell.
    assert_eq!(r.total.cells.len(), 7);
    assert_eq!(r.total.tally_of_cells(), r.total.score.tally);
}

#[test]
fn an_empty_cell_is_traced_to_where_it_would_be() {
    let d = dataset(
        Area::EkonomisktBistand,
        2020,
        vec![col("K1", Kunskapsbaserad), col("K2", Kunskapsbaserad)],
        vec![row("0305", &["Ja", "Ja"]), row("0138", &["Ja", ""])],
    );
    let r = Report::build(&[d], &options(DelvisRule::Ej, PeerChoice::Alla)).unwrap();
    let total = &r.area(Area::EkonomisktBistand).unwrap().total;
    assert_eq!(total.score.short_sv(), "1/1 (100 %)");
    assert_eq!(total.cells[1].cell.as_deref(), Some("D4"));
    assert_eq!(total.cells[1].bucket, Bucket::Saknas);
    assert_eq!(total.cells[1].raw, "");
}

#[test]
fn totals_pool_counts_over_areas_and_never_average() {
    let eb = eb_2020(); // Tyresö 2/5 under Ej.
    let mb = dataset(
        Area::Missbruk,
        2020,
        vec![col("K", Kunskapsbaserad)],
        vec![row("0138", &["Ja"])],
    ); // 1/1
    let r = Report::build(&[eb, mb], &options(DelvisRule::Ej, PeerChoice::Alla)).unwrap();
    assert_eq!(r.total.score.short_sv(), "3/6 (50 %)"); // not (40 + 100) / 2 = 70
    let k = r
        .quality_totals
        .iter()
        .find(|q| q.group.area == Some(Kunskapsbaserad))
        .unwrap();
    assert_eq!(k.figure.score.short_sv(), "2/4 (50 %)"); // 1/3 pooled with 1/1
    let l = lines(&r);
    assert!(l.contains(
        &"Resultat per kvalitetsområde och totalt, samtliga verksamhetsområden:".to_owned()
    ));
    assert!(l.contains(&"Kunskapsbaserad verksamhet, 2/4 uppfyllda indikatorer: 50 %".to_owned()));
    assert!(
        l.contains(&"Totalt 3/6 uppfyllda indikatorer: 50 %".to_owned()),
        "{l:#?}"
    );
}

fn ranked() -> Dataset {
    // Totals: Håbo 3/4, Tyresö 2/4, Norrtälje 2/4 (tie), Värnamo 1/4; Sjöbo has no row.
    dataset(
        Area::EkonomisktBistand,
        2020,
        (0..4)
            .map(|i| col(&format!("K{i}"), Kunskapsbaserad))
            .collect(),
        vec![
            row("0683", &["Ja", "Nej", "Nej", "Nej"]),
            row("0138", &["Ja", "Ja", "Nej", "Nej"]),
            row("0305", &["Ja", "Ja", "Ja", "Nej"]),
            row("0188", &["Nej", "Ja", "Nej", "Ja"]),
            row("0980", &["Ja", "Ja", "Ja", "Ja"]),
        ],
    )
}

#[test]
fn ties_share_the_best_rank_and_the_group_counts_units_without_data() {
    let choice = PeerChoice::parse("0188,0305,0683,1265").unwrap();
    let r = Report::build(&[ranked()], &options(DelvisRule::Ej, choice)).unwrap();
    let peers = r
        .area(Area::EkonomisktBistand)
        .unwrap()
        .peers
        .as_ref()
        .unwrap();
    assert_eq!(peers.placement.rank, Some(2));
    assert_eq!(
        peers.placement.text,
        "plats 2 av 4 med uppgift, 5 i gruppen"
    );
    let ranking: Vec<(&str, Option<u32>, bool)> = peers
        .ranking
        .iter()
        .map(|row| (row.name.as_str(), row.rank, row.own))
        .collect();
    assert_eq!(
        ranking,
        [
            ("Håbo", Some(1), false),
            ("Norrtälje", Some(2), false),
            ("Tyresö", Some(2), true),
            ("Värnamo", Some(4), false),
            ("Sjöbo", None, false),
        ]
    );
    assert_eq!(peers.set.source, PeerSource::Anvandare);
    // Median of 3/4, 1/2, 1/2, 1/4 is 1/2; riket includes Gotland's 4/4.
    let spread = peers.spread.unwrap();
    assert_eq!(spread.median.percent(), 50);
    assert_eq!(
        peers.riket.placement.text,
        "plats 3 av 5 med uppgift, 5 i gruppen"
    );
    // Heat map rows follow the ranking.
    assert_eq!(peers.heatmap.units, ["0305", "0188", "0138", "0683"]);
    assert_eq!(
        peers.heatmap.rows[2],
        [Bucket::Ja, Bucket::Ja, Bucket::Nej, Bucket::Nej]
    );
}

#[test]
fn quartile_bands_at_the_edges_in_a_report() {
    // Eight units with 0..=7 Ja of 7: ranks 1–2 green, 7–8 red.
    let codes = [
        "0114", "0115", "0117", "0120", "0123", "0125", "0126", "0138",
    ];
    let rows: Vec<_> = codes
        .iter()
        .enumerate()
        .map(|(i, code)| {
            let cells: Vec<&str> = (0..7).map(|k| if k < i { "Ja" } else { "Nej" }).collect();
            row(code, &cells)
        })
        .collect();
    let d = dataset(
        Area::EkonomisktBistand,
        2020,
        (0..7)
            .map(|i| col(&format!("K{i}"), Kunskapsbaserad))
            .collect(),
        rows,
    );
    // Tyresö (index 7) has 7/7: rank 1; band of each rank checked through the ranking's own.
    let band_for = |own: &str| {
        let mut o = options(DelvisRule::Ej, PeerChoice::Alla);
        o.kommun = own.into();
        let r = Report::build(std::slice::from_ref(&d), &o).unwrap();
        let p = r.areas[0].peers.as_ref().unwrap().placement.clone();
        (p.rank, p.band)
    };
    assert_eq!(band_for("0138"), (Some(1), Some(Band::Basta)));
    assert_eq!(band_for("0126"), (Some(2), Some(Band::Basta)));
    assert_eq!(band_for("0125"), (Some(3), Some(Band::Mellan)));
    assert_eq!(band_for("0117"), (Some(6), Some(Band::Mellan)));
    assert_eq!(band_for("0115"), (Some(7), Some(Band::Samsta)));
    assert_eq!(band_for("0114"), (Some(8), Some(Band::Samsta)));
}

#[test]
fn targets_are_green_amber_or_red() {
    let mut o = options(DelvisRule::Ej, PeerChoice::Alla);
    o.targets = vec![
        Target {
            scope: TargetScope::Omrade(Area::EkonomisktBistand),
            percent: 42,
        },
        Target {
            scope: TargetScope::OmradeKvalitetsomrade(Area::EkonomisktBistand, Sjalvbestammande),
            percent: 50,
        },
        Target {
            scope: TargetScope::Kvalitetsomrade(Kunskapsbaserad),
            percent: 60,
        },
        Target {
            scope: TargetScope::Totalt,
            percent: 40,
        },
    ];
    let r = Report::build(&[eb_2020()], &o).unwrap();
    let eb = r.area(Area::EkonomisktBistand).unwrap();
    // 2/5 = 40 % against 42 %: short by 4,8 % of the target → A.
    assert_eq!(
        eb.total_target.as_ref().unwrap().status,
        Some(TargetStatus::A)
    );
    // 1/2 against 50 % → G.
    assert_eq!(
        eb.quality[1].target.as_ref().unwrap().status,
        Some(TargetStatus::G)
    );
    // Kunskapsbaserad over all areas 1/3 against 60 % → R.
    assert_eq!(
        r.quality_totals[0].target.as_ref().unwrap().status,
        Some(TargetStatus::R)
    );
    assert_eq!(
        r.total_target.as_ref().unwrap().status,
        Some(TargetStatus::G)
    );
}

#[test]
fn aggregates_are_recomputed_and_disagreements_listed() {
    // K1: Ja, Ja, Nej, Ej aktuellt → 2/3 = 66,7 %; riket prints 50 (differs). Stockholms län
    // covers Tyresö and Norrtälje only (Håbo is in Uppsala län, Värnamo in Jönköpings): 2/2,
    // printed 100 (agrees).
    // K2: Ja, Kan inte svara, Nej, Nej → 1/3 (Kan inte svara is out of the denominator); riket
    // prints 33 (agrees); the län (Tyresö Ja, Norrtälje Kan inte svara) prints 0 against 1/1.
    let d = dataset(
        Area::EkonomisktBistand,
        2020,
        vec![col("K1", Kunskapsbaserad), col("K2", Kunskapsbaserad)],
        vec![
            row("0138", &["Ja", "Ja"]),
            row("0188", &["Ja", "KIS"]),
            row("0305", &["Nej", "Nej"]),
            row("0683", &["EA", "Nej"]),
            row("01", &["100", "0"]),
            row("00", &["50", "33"]),
        ],
    );
    let r = Report::build(&[d], &options(DelvisRule::Ej, PeerChoice::Alla)).unwrap();
    let eb = r.area(Area::EkonomisktBistand).unwrap();
    let k1 = &eb.indicators[0];
    let riket = k1.riket.as_ref().unwrap();
    assert_eq!(riket.printed, Some(50.0));
    assert_eq!(riket.recomputed.share.unwrap().percent(), 67);
    assert!(riket.disagrees);
    assert_eq!(riket.printed_cell.as_deref(), Some("C8"));
    let lan = k1.lan.as_ref().unwrap();
    assert_eq!(lan.name, "Stockholms län");
    assert_eq!(
        (
            lan.recomputed.tally.ja,
            lan.recomputed.share.unwrap().percent()
        ),
        (2, 100)
    );
    assert!(!lan.disagrees);
    let k2 = &eb.indicators[1];
    assert_eq!(
        k2.riket
            .as_ref()
            .unwrap()
            .recomputed
            .share
            .unwrap()
            .percent(),
        33
    );
    assert!(!k2.riket.as_ref().unwrap().disagrees);
    // One of four left out is over 20 %: Socialstyrelsen would not publish these shares.
    assert!(k2.riket.as_ref().unwrap().recomputed.unpublishable);
    assert!(
        !JaShare::of(Tally {
            ja: 4,
            nej: 4,
            ej_aktuellt: 2,
            ..Tally::default()
        })
        .unpublishable
    );
    assert!(
        JaShare::of(Tally {
            ja: 4,
            nej: 3,
            ej_aktuellt: 3,
            ..Tally::default()
        })
        .unpublishable
    );
    // Peers exclude the own unit: K1 among Norrtälje, Håbo, Värnamo = 1 Ja of 2 answering.
    assert_eq!(k1.peers.share.unwrap().percent(), 50);
    let listed: Vec<(String, &str)> = eb
        .aggregate_disagreements
        .iter()
        .map(|d| (d.indicator_name.clone(), d.share.unit.as_str()))
        .collect();
    assert_eq!(listed, [("K1".to_owned(), "00"), ("K2".to_owned(), "01")]);
}

#[test]
fn forbattringsomraden_and_styrkor_are_ranked_by_peer_share() {
    // Tyresö: K1 Nej (peers 3/3 Ja), K2 Nej (1/3), K3 Ja (0/3), K4 Ja (2/3), K5 Delvis (3/3).
    let d = dataset(
        Area::EkonomisktBistand,
        2020,
        (1..=5)
            .map(|i| col(&format!("K{i}"), Kunskapsbaserad))
            .collect(),
        vec![
            row("0138", &["Nej", "Nej", "Ja", "Ja", "Delvis"]),
            row("0188", &["Ja", "Ja", "Nej", "Ja", "Ja"]),
            row("0305", &["Ja", "Nej", "Nej", "Ja", "Ja"]),
            row("0683", &["Ja", "Nej", "Nej", "Nej", "Ja"]),
        ],
    );
    let r = Report::build(
        std::slice::from_ref(&d),
        &options(DelvisRule::Ej, PeerChoice::Alla),
    )
    .unwrap();
    let eb = &r.areas[0];
    let names = |idx: &[u32]| -> Vec<String> {
        idx.iter()
            .map(|&i| eb.indicators[i as usize].name.clone())
            .collect()
    };
    assert_eq!(names(&eb.forbattringsomraden), ["K1", "K5", "K2"]);
    assert_eq!(names(&eb.styrkor), ["K3"]);
    // Under uppfylld the Delvis is fulfilled and no longer an improvement area.
    let r = Report::build(&[d], &options(DelvisRule::Uppfylld, PeerChoice::Alla)).unwrap();
    let eb = &r.areas[0];
    assert_eq!(names(&eb.forbattringsomraden), ["K1", "K2"]);
}

#[test]
fn years_compare_full_and_common_sets_and_list_changes() {
    let y2019 = dataset(
        Area::EkonomisktBistand,
        2019,
        vec![
            col("Aktuell rutin för handläggning", Kunskapsbaserad),
            col("Samlad plan för kompetensutveckling", Kunskapsbaserad),
            col("Brukarundersökning genomförd", Sjalvbestammande),
        ],
        vec![row("0138", &["Ja", "Nej", "Nej"])],
    );
    let y2020 = dataset(
        Area::EkonomisktBistand,
        2020,
        vec![
            col("Aktuell rutin för handläggning", Kunskapsbaserad),
            col(
                "Samlad plan för handläggarnas kompetensutveckling",
                Kunskapsbaserad,
            ),
            col("Brukarundersökning genomförd", Sjalvbestammande),
            col("Ny indikator om digital ansökan", Tillganglighet),
        ],
        vec![row("0138", &["Ja", "Ja", "Nej", "Ja"])],
    );
    let r = Report::build(&[y2020, y2019], &options(DelvisRule::Ej, PeerChoice::Alla)).unwrap();
    let eb = &r.areas[0];
    assert_eq!(eb.year, Some(2020));
    let years = &eb.years;
    assert_eq!(years.years.len(), 2);
    assert_eq!(years.years[0].year, Some(2019));
    assert_eq!(years.years[0].full.total.fraction_sv(), "1/3");
    assert_eq!(years.years[1].full.total.fraction_sv(), "3/4");
    // Common: the rutin and the brukarundersökning.
    assert_eq!(years.common.len(), 2);
    assert_eq!(years.years[0].common.total.fraction_sv(), "1/2");
    assert_eq!(years.years[1].common.total.fraction_sv(), "1/2");
    let changes: Vec<(ChangeKind, &str)> = years
        .changes
        .iter()
        .map(|c| (c.kind, c.name.as_str()))
        .collect();
    assert!(
        changes.contains(&(ChangeKind::Ny, "Ny indikator om digital ansökan")),
        "{changes:?}"
    );
    assert!(
        changes.contains(&(
            ChangeKind::Omdopt,
            "Samlad plan för handläggarnas kompetensutveckling"
        )),
        "{changes:?}"
    );
    assert_eq!(changes.len(), 2);
    // Earlier years in the text, newest first.
    let l = lines(&r);
    assert!(
        l.contains(&"Totalt 3/4 uppfyllda indikatorer: 75 % (33 % 2019)".to_owned()),
        "{l:#?}"
    );
}

#[test]
fn numeric_indicators_are_placed_by_their_direction() {
    let d = dataset(
        Area::EkonomisktBistand,
        2020,
        vec![
            col("K1", Kunskapsbaserad),
            num("Handläggningstid, dagar", Some(Direction::LowerIsBetter)),
            num("Andel som fått arbete", None),
        ],
        vec![
            row("0138", &["Ja", "10", "30"]),
            row("0188", &["Ja", "5", "20"]),
            row("0305", &["Ja", "20", "40"]),
            row("0683", &["Ja", "30", "10"]),
            row("00", &["100", "14,5", "25"]),
        ],
    );
    let r = Report::build(
        std::slice::from_ref(&d),
        &options(DelvisRule::Ej, PeerChoice::Alla),
    )
    .unwrap();
    let n = &r.areas[0].numeric;
    assert_eq!(n.len(), 2);
    assert_eq!(n[0].own.value, Some(10.0));
    assert_eq!(n[0].placement.rank, Some(2)); // 5 is better than 10 when lower is better
    assert_eq!(n[0].direction_source.label(), "enligt filen");
    assert_eq!(n[1].placement.rank, Some(2)); // higher by default: 40 > 30
    assert_eq!(n[1].direction_source.label(), "antaget (ändra vid behov)");
    assert_eq!(n[1].riket, Some(25.0));
    // The user turns the second around.
    let mut o = options(DelvisRule::Ej, PeerChoice::Alla);
    o.directions
        .insert(n[1].match_key.clone(), Direction::LowerIsBetter);
    let r = Report::build(&[d], &o).unwrap();
    assert_eq!(r.areas[0].numeric[1].placement.rank, Some(3));
    assert_eq!(
        r.areas[0].numeric[1].direction_source.label(),
        "vald av användaren"
    );
}

#[test]
fn tyreso_peer_sets_match_the_reference() {
    let d = eb_2020();
    let build = |choice: PeerChoice, area: Area| {
        let mut d = d.clone();
        if let Some(a) = d.area.as_mut() {
            a.value.area = Some(area);
        }
        let r = Report::build(&[d], &options(DelvisRule::Ej, choice)).unwrap();
        r.areas[0].peers.as_ref().unwrap().set.clone()
    };
    let names = |codes: &[String]| -> Vec<String> {
        let reference = oj_analys::reference::Reference::get();
        codes
            .iter()
            .map(|c| reference.kommun(c).unwrap().namn.clone())
            .collect()
    };
    let eb = build(PeerChoice::Liknande(None), Area::EkonomisktBistand);
    assert_eq!(
        eb.kind,
        PeerSetKind::Liknande(LiknandeTema::EkonomisktBistand)
    );
    let mut expected: Vec<String> = [
        "Norrtälje",
        "Håbo",
        "Värnamo",
        "Sjöbo",
        "Essunga",
        "Torsby",
        "Bjurholm",
    ]
    .map(String::from)
    .to_vec();
    let mut got = names(&eb.members);
    got.sort();
    expected.sort();
    assert_eq!(got, expected);
    assert_eq!(eb.name, "Liknande kommuner, ekonomiskt bistånd");
    assert!(eb.source_text.contains("G176138"), "{}", eb.source_text);
    assert_eq!(eb.in_group(), 8);
    // Missbruk uses the IFO theme; LSS and äldreomsorg their own.
    let ifo = build(PeerChoice::Liknande(None), Area::Missbruk);
    assert_eq!(ifo.kind, PeerSetKind::Liknande(LiknandeTema::Ifo));
    assert_eq!(
        ifo.members,
        ["0486", "1382", "1494", "2080", "2184", "2284", "2380"]
    );
    let lss = build(PeerChoice::Liknande(None), Area::Lss);
    assert_eq!(
        lss.members,
        ["0117", "0186", "0191", "1282", "1287", "1401", "1402"]
    );
    // Län from the reference: the other 25 kommuner of Stockholms län.
    let lan = build(PeerChoice::Lan, Area::EkonomisktBistand);
    assert_eq!(lan.name, "Stockholms län");
    assert_eq!(lan.members.len(), 25);
    assert!(matches!(lan.source, PeerSource::Referens { .. }));
    // SKR 2023 A2: 43 kommuner, Tyresö one of them.
    let skr = build(PeerChoice::Skr2023, Area::EkonomisktBistand);
    assert_eq!(skr.members.len(), 42);
    assert!(skr.name.contains("A2"), "{}", skr.name);
    let size = build(PeerChoice::Storleksgrupp, Area::EkonomisktBistand);
    assert!(size.name.starts_with("Storleksgrupp 3"), "{}", size.name);
}

#[test]
fn the_workbooks_own_grouping_columns_come_first() {
    let d = dataset(
        Area::EkonomisktBistand,
        2020,
        vec![col("K1", Kunskapsbaserad)],
        vec![
            with_attr(
                with_attr(row("0138", &["Ja"]), "Län", "Stockholms län"),
                "Kommungrupp",
                "A2",
            ),
            with_attr(
                with_attr(row("0188", &["Nej"]), "Län", "Stockholms län"),
                "Kommungrupp",
                "B4",
            ),
            with_attr(
                with_attr(row("0305", &["Ja"]), "Län", "Uppsala län"),
                "Kommungrupp",
                "A2",
            ),
        ],
    );
    let set = |choice| {
        let r = Report::build(std::slice::from_ref(&d), &options(DelvisRule::Ej, choice)).unwrap();
        r.areas[0].peers.as_ref().unwrap().set.clone()
    };
    let lan = set(PeerChoice::Lan);
    assert_eq!(lan.members, ["0188"]);
    assert_eq!(
        lan.source,
        PeerSource::Arbetsbok {
            column: "Län".into(),
            value: "Stockholms län".into()
        }
    );
    assert_eq!(
        lan.source_text,
        "arbetsbokens kolumn \"Län\" (Stockholms län)"
    );
    // 2020 files carry SKL's 2017 grouping in "Kommungrupp".
    let skr = set(PeerChoice::Skr2017);
    assert_eq!(skr.members, ["0305"]);
    assert!(matches!(skr.source, PeerSource::Arbetsbok { .. }));
    // The 2023 grouping is not in a 2020 file: from the reference.
    assert!(matches!(
        set(PeerChoice::Skr2023).source,
        PeerSource::Referens { .. }
    ));
}

#[test]
fn stadsdelar_compare_among_themselves_and_with_kommuner() {
    let d = dataset(
        Area::EkonomisktBistand,
        2020,
        vec![col("K1", Kunskapsbaserad), col("K2", Kunskapsbaserad)],
        vec![
            row("0180:Bromma", &["Ja", "Ja"]),
            row("0180:Rinkeby-Kista", &["Ja", "Nej"]),
            row("0180:Spånga-Tensta", &["Nej", "Nej"]),
            row("0138", &["Ja", "Nej"]),
            row("0188", &["Ja", "Ja"]),
        ],
    );
    let mut o = options(DelvisRule::Ej, PeerChoice::Stadsdelar);
    o.kommun = oj_analys::report::resolve_unit("Rinkeby-Kista", std::slice::from_ref(&d)).unwrap();
    assert_eq!(o.kommun, "0180:Rinkeby-Kista");
    let r = Report::build(std::slice::from_ref(&d), &o).unwrap();
    let p = r.areas[0].peers.as_ref().unwrap();
    assert_eq!(p.set.members, ["0180:Bromma", "0180:Spånga-Tensta"]);
    assert_eq!(p.placement.text, "plats 2 av 3 med uppgift, 3 i gruppen");
    // Tyresö's län includes Stockholm's stadsdelar in place of Stockholm.
    let r = Report::build(&[d], &options(DelvisRule::Ej, PeerChoice::Lan)).unwrap();
    let members = &r.areas[0].peers.as_ref().unwrap().set.members;
    assert!(members.contains(&"0180:Bromma".to_owned()));
    assert!(!members.contains(&"0180".to_owned()));
    assert_eq!(members.len(), 24 + 3);
}

#[test]
fn adding_ej_aktuellt_changes_no_figure_in_the_text() {
    let base = eb_2020();
    let mut more = base.clone();
    more.indicators.push(oj_analys::model::Indicator {
        name: "K-extra".into(),
        code: None,
        quality: base.indicators[0].quality.clone(),
        indicator_area: None,
        kind: oj_analys::model::IndicatorKind::Categorical,
        cell: oj_analys::model::CellRef::new(1, 9),
        ..Default::default()
    });
    let i = (more.indicators.len() - 1) as u32;
    for u in 0..more.units.len() as u32 {
        more.observations.push(oj_analys::model::Observation {
            unit: u,
            indicator: i,
            dims: vec![],
            value: oj_analys::model::Value::Outcome(oj_analys::model::Outcome::EjAktuellt),
            cell: oj_analys::model::CellRef::new(2 + u, 9),
            raw: None,
        });
    }
    more.sort_observations();
    let o = options(DelvisRule::Halv, PeerChoice::Alla);
    let a = Report::build(&[base], &o).unwrap();
    let b = Report::build(&[more], &o).unwrap();
    let strip = |r: &Report| -> Vec<String> {
        lines(r)
            .into_iter()
            .filter(|l| !l.starts_with("Utanför nämnaren"))
            .collect()
    };
    assert_eq!(strip(&a), strip(&b));
}

#[test]
fn unknown_kommun_and_missing_area_are_errors() {
    let mut o = options(DelvisRule::Ej, PeerChoice::Alla);
    o.kommun = "2584".into(); // Kiruna: not in the file
    let e = Report::build(&[eb_2020()], &o).unwrap_err();
    assert_eq!(
        e.message(),
        "Kiruna (2584) finns inte i någon av de inlästa tabellerna."
    );
    let mut d = eb_2020();
    d.area = None;
    let e = Report::build(&[d], &options(DelvisRule::Ej, PeerChoice::Alla)).unwrap_err();
    assert!(e.message().contains("verksamhetsområde"));
}

#[test]
fn the_report_round_trips_through_json() {
    let r = Report::build(
        &[eb_2020(), ranked()],
        &options(DelvisRule::Halv, PeerChoice::Alla),
    )
    .unwrap();
    let json = serde_json::to_string(&r).unwrap();
    let back: Report = serde_json::from_str(&json).unwrap();
    assert_eq!(back, r);
}

#[test]
fn the_same_table_loaded_twice_counts_once() {
    let mut again = eb_2020();
    again.file = "kopia.xlsx".into();
    let r = Report::build(
        &[eb_2020(), again],
        &options(DelvisRule::Ej, PeerChoice::Alla),
    )
    .unwrap();
    let eb = r.area(Area::EkonomisktBistand).unwrap();
    assert_eq!(eb.total.score.fraction_sv(), "2/5");
    assert_eq!(eb.indicators.len(), 7);
    assert_eq!(
        r.warnings,
        [
            "Ekonomiskt bistånd: 7 indikatorer i kopia.xlsx (Tabell) finns redan i \
          ekonomiskt-bistand-2020.xlsx (Tabell) och räknas bara en gång."
        ]
    );
}

#[test]
fn a_city_reporting_by_stadsdel_asks_for_a_stadsdel() {
    let d = dataset(
        Area::EkonomisktBistand,
        2020,
        vec![col("K1", Kunskapsbaserad)],
        vec![
            row("0180:Bromma", &["Ja"]),
            row("0180:Rinkeby-Kista", &["Nej"]),
            oj_analys_storstad(),
        ],
    );
    let mut o = options(DelvisRule::Ej, PeerChoice::Alla);
    o.kommun = "0180".into();
    let e = Report::build(&[d], &o).unwrap_err();
    assert_eq!(
        e.message(),
        "Stockholm redovisas per stadsdel; välj en av dem: Bromma, Rinkeby-Kista."
    );
}

fn oj_analys_storstad() -> Row {
    let mut r = row("0180", &["50"]);
    r.kind = oj_analys::model::UnitKind::Storstad;
    r
}
