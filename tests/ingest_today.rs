//! Today's ÖJ (the model of 2023–): workbooks written by the generator in `src/exempel` read
//! back to their spec — the quality scheme (kvalitetsdimensioner or kvalitetsområden).

use oj_analys::exempel::{self, Shape, TableSpec};
use oj_analys::ingest::reading::WarningKind;
use oj_analys::ingest::{read_workbook, ReadOptions, Workbook};
use oj_analys::model::{Area, QualityArea, QualityDimension};

fn read(name: &str, bytes: &[u8]) -> Workbook {
    read_workbook(name, bytes, &ReadOptions::default())
        .unwrap_or_else(|e| panic!("{name}: {}", e.message()))
}

/// The dimension label the relabelled fixture writes for a classic area: the six wordings
/// Socialstyrelsen uses, with and without "vård och omsorg".
fn dimension_wording(area: QualityArea) -> (&'static str, QualityDimension) {
    match area {
        QualityArea::Kunskapsbaserad => ("Kunskapsbaserad", QualityDimension::Kunskapsbaserad),
        QualityArea::Sjalvbestammande => (
            "Individanpassad vård och omsorg",
            QualityDimension::Individanpassad,
        ),
        QualityArea::Helhetssyn => ("Jämlik", QualityDimension::Jamlik),
        QualityArea::TrygghetSakerhet => ("Säker vård och omsorg", QualityDimension::Saker),
        QualityArea::Tillganglighet => ("Tillgänglig", QualityDimension::Tillganglig),
        QualityArea::Effektivitet => ("Effektiv", QualityDimension::Effektiv),
    }
}

/// A fixture table whose quality band is written as kvalitetsdimensioner.
fn dimension_table() -> (TableSpec, Vec<QualityDimension>) {
    let mut spec = exempel::fixture_table(Area::EkonomisktBistand, 2021, 5);
    let mut want = Vec::new();
    for ind in &mut spec.indicators {
        let area = ind.quality_area().expect("the fixture uses classic areas");
        let (label, dimension) = dimension_wording(area);
        ind.quality = label.to_owned();
        want.push(dimension);
    }
    (spec, want)
}

#[test]
fn a_table_grouped_by_kvalitetsdimensioner_keeps_them_as_written() {
    let (spec, want) = dimension_table();
    assert!(want.contains(&QualityDimension::Jamlik) && want.contains(&QualityDimension::Saker));
    for shape in [
        Shape::Wide { header_rows: 2 },
        Shape::Wide { header_rows: 3 },
        Shape::WideWithDescriptions,
        Shape::Transposed,
        Shape::Long,
    ] {
        let name = format!("dimensioner.{}.xlsx", shape.key());
        let wb = read(&name, &exempel::to_xlsx(&spec, shape).expect("xlsx"));
        let d = &wb.datasets[0];
        assert_eq!(d.indicators.len(), spec.indicators.len(), "{name}");
        for ((ind, written), dimension) in d.indicators.iter().zip(&spec.indicators).zip(&want) {
            let q = ind.quality.as_ref().expect("a label");
            assert_eq!(q.label, written.quality, "{name}: {}", ind.name);
            assert_eq!(q.dimension, Some(*dimension), "{name}: {}", ind.name);
            assert_eq!(q.area, None, "{name}: never forced into a kvalitetsområde");
        }
        let r = &wb.reading.datasets[0];
        assert!(
            !r.warnings.iter().any(|w| matches!(
                w.kind,
                WarningKind::AmbiguousQuality | WarningKind::MixedQuality
            )),
            "{name}: {:?}",
            r.warnings
        );
        assert!(r
            .indicators
            .by_quality
            .iter()
            .all(|q| q.dimension.is_some()));
        let text = wb.reading.to_swedish_text();
        assert!(
            text.contains("Grupperade efter kvalitetsdimension"),
            "{name}: {text}"
        );
        assert!(!text.contains("inget entydigt kvalitetsområde"), "{text}");
    }
}

#[test]
fn a_classic_table_keeps_its_kvalitetsomraden() {
    let spec = exempel::fixture_table(Area::EkonomisktBistand, 2021, 5);
    let shape = Shape::Wide { header_rows: 3 };
    let wb = read(
        "klassisk.xlsx",
        &exempel::to_xlsx(&spec, shape).expect("xlsx"),
    );
    for (ind, written) in wb.datasets[0].indicators.iter().zip(&spec.indicators) {
        let q = ind.quality.as_ref().expect("a label");
        assert_eq!(q.area, written.quality_area(), "{}", ind.name);
        assert_eq!(q.dimension, None, "{}", ind.name);
    }
}

#[test]
fn a_mixed_table_follows_most_of_its_indicators_and_says_so() {
    // All dimensions but one indicator under the classic "Trygghet och säkerhet".
    let (mut spec, mut want) = dimension_table();
    let i = spec
        .indicators
        .iter()
        .position(|ind| ind.quality == "Säker vård och omsorg")
        .expect("a Säker indicator");
    spec.indicators[i].quality = "Trygghet och säkerhet".into();
    want[i] = QualityDimension::Saker;
    let shape = Shape::Wide { header_rows: 2 };
    let wb = read(
        "blandad.xlsx",
        &exempel::to_xlsx(&spec, shape).expect("xlsx"),
    );
    let d = &wb.datasets[0];
    for (ind, dimension) in d.indicators.iter().zip(&want) {
        let q = ind.quality.as_ref().expect("a label");
        assert_eq!(
            (q.area, q.dimension),
            (None, Some(*dimension)),
            "{}",
            ind.name
        );
    }
    assert_eq!(
        d.indicators[i].quality.as_ref().map(|q| q.label.as_str()),
        Some("Trygghet och säkerhet")
    );
    let warning = wb.reading.datasets[0]
        .warnings
        .iter()
        .find(|w| w.kind == WarningKind::MixedQuality)
        .expect("the mix is warned");
    assert_eq!(warning.examples, ["Trygghet och säkerhet"]);

    // Mostly classic with one dimension: the classic areas, today's mapping.
    let mut spec = exempel::fixture_table(Area::EkonomisktBistand, 2021, 5);
    let j = spec
        .indicators
        .iter()
        .position(|ind| ind.quality_area() == Some(QualityArea::Helhetssyn))
        .expect("a Helhetssyn indicator");
    spec.indicators[j].quality = "Jämlik".into();
    let wb = read(
        "blandad2.xlsx",
        &exempel::to_xlsx(&spec, shape).expect("xlsx"),
    );
    let d = &wb.datasets[0];
    assert!(d
        .indicators
        .iter()
        .all(|ind| ind.quality.as_ref().is_some_and(|q| q.dimension.is_none())));
    assert_eq!(d.indicators[j].quality.as_ref().and_then(|q| q.area), None);
    assert!(wb.reading.datasets[0]
        .warnings
        .iter()
        .any(|w| w.kind == WarningKind::MixedQuality && w.examples == ["Jämlik"]));
}
