//! Today's ÖJ (the model of 2023–): workbooks written by the generator in `src/exempel` read
//! back to their spec — the quality scheme (kvalitetsdimensioner or kvalitetsområden).

use oj_analys::exempel::{self, Shape, TableSpec};
use oj_analys::ingest::reading::{UnitAxis, WarningKind};
use oj_analys::ingest::{read_workbook, ReadOptions, Workbook};
use oj_analys::model::{Area, QualityArea, QualityDimension};
use std::collections::BTreeMap;

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
fn valfardsindikatorer_and_nyckeltal_in_the_band_are_categories() {
    let (mut spec, _) = dimension_table();
    let numeric: Vec<usize> = spec
        .indicators
        .iter()
        .enumerate()
        .filter(|(_, i)| !i.is_categorical())
        .map(|(i, _)| i)
        .collect();
    assert!(numeric.len() >= 2);
    // The numeric indicators go last, under "Välfärdsindikatorer" and "Nyckeltal".
    let mut moved = Vec::new();
    for (k, &i) in numeric.iter().rev().enumerate() {
        let mut ind = spec.indicators.remove(i);
        ind.quality = if k == 0 {
            "Nyckeltal"
        } else {
            "Välfärdsindikatorer"
        }
        .into();
        moved.push((i, ind));
    }
    for row in &mut spec.rows {
        let cells: Vec<_> = numeric.iter().rev().map(|&i| row.cells.remove(i)).collect();
        row.cells.extend(cells.into_iter().rev());
    }
    spec.indicators
        .extend(moved.into_iter().rev().map(|(_, ind)| ind));
    let shape = Shape::Wide { header_rows: 2 };
    let wb = read(
        "kategorier.xlsx",
        &exempel::to_xlsx(&spec, shape).expect("xlsx"),
    );
    let d = &wb.datasets[0];
    for (ind, want) in d.indicators.iter().zip(&spec.indicators) {
        let category = match want.quality.as_str() {
            "Välfärdsindikatorer" => IndicatorCategory::Valfardsindikator,
            "Nyckeltal" => IndicatorCategory::Nyckeltal,
            _ => IndicatorCategory::Kvalitetsindikator,
        };
        assert_eq!(ind.category, Some(category), "{}", ind.name);
        if category == IndicatorCategory::Kvalitetsindikator {
            assert!(ind.quality.as_ref().is_some_and(|q| q.dimension.is_some()));
        } else {
            assert_eq!(ind.quality, None, "{}", ind.name);
            assert!(!ind.counts_in_fulfilment());
        }
    }
    assert!(wb.reading.datasets[0]
        .warnings
        .iter()
        .all(|w| w.kind != WarningKind::AmbiguousQuality));
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

// ---------------------------------------------------------------------------------------------
// The generator of the model of 2023– (src/exempel/years.rs, write_years.rs): its committed
// fixture is what it writes today, and every layout's planned cells are in the file.

use calamine::{open_workbook_auto_from_rs, Data, Reader};
use oj_analys::exempel::{
    plan_years, years_fixture, PlaceColumn, YearShape, YearsLayout, YearsSpec,
};
use std::io::Cursor;

fn generated_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/generated")
}

fn committed_years_spec() -> YearsSpec {
    let path = generated_dir().join("ekonomiskt-bistand-2022-2024.spec.json");
    serde_json::from_slice(&std::fs::read(path).expect("spec")).expect("spec json")
}

fn text_at(range: &calamine::Range<Data>, row: u32, col: u32) -> String {
    match range.get_value((row, col)) {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Float(f)) => f.to_string(),
        Some(Data::Int(i)) => i.to_string(),
        Some(Data::Empty) | None => String::new(),
        Some(other) => format!("{other:?}"),
    }
}

/// Every planned cell of `layout` is in `bytes` as written.
fn assert_holds_plan(name: &str, bytes: &[u8], spec: &YearsSpec, layout: &YearsLayout) {
    let mut workbook = open_workbook_auto_from_rs(Cursor::new(bytes.to_vec())).expect(name);
    let plans = plan_years(spec, layout);
    let names: Vec<String> = plans.iter().map(|p| p.name.clone()).collect();
    assert_eq!(workbook.sheet_names(), names, "{name}");
    for plan in plans {
        let range = workbook.worksheet_range(&plan.name).expect("sheet");
        for (row, col, cell) in &plan.cells {
            let want = match cell {
                exempel::write::PlannedCell::Text(t, _) => t.clone(),
                exempel::write::PlannedCell::Number(n, _) => n.to_string(),
            };
            assert_eq!(
                text_at(&range, *row, u32::from(*col)),
                want,
                "{name} {} ({row}, {col}); if the generator changed, rerun tests/fixtures/convert.sh",
                plan.name
            );
        }
        for merge in &plan.merges {
            assert_eq!(
                text_at(&range, merge.first_row, u32::from(merge.first_col)),
                merge.text,
                "{name} merge"
            );
        }
    }
}

#[test]
fn the_committed_years_fixture_is_what_the_generator_writes() {
    let committed = committed_years_spec();
    assert!(
        committed == years_fixture(2024),
        "tests/fixtures/generated/ekonomiskt-bistand-2022-2024.spec.json is stale: run tests/fixtures/convert.sh"
    );
    let layout = YearsLayout::example();
    for ext in ["xlsx", "xls", "ods"] {
        let name = format!("ekonomiskt-bistand-2022-2024.{}.{ext}", layout.key());
        let bytes = std::fs::read(generated_dir().join(&name))
            .unwrap_or_else(|e| panic!("{name}: {e} (run tests/fixtures/convert.sh)"));
        assert_holds_plan(&name, &bytes, &committed, &layout);
        if ext == "xls" {
            let xls = calamine::Xls::new(Cursor::new(bytes)).expect("xls");
            let merged = xls
                .merge_cells_by_sheet_name(exempel::write_years::YEARS_SHEET)
                .expect("merges");
            assert_eq!(
                merged.len(),
                plan_years(&committed, &layout)[0].merges.len()
            );
        }
    }
    let committed_xlsx = std::fs::read(generated_dir().join(format!(
        "ekonomiskt-bistand-2022-2024.{}.xlsx",
        layout.key()
    )))
    .expect("xlsx");
    assert!(
        committed_xlsx == exempel::years_to_xlsx(&committed, &layout).expect("xlsx"),
        "the committed xlsx is stale: run tests/fixtures/convert.sh"
    );
}

#[test]
fn every_years_layout_writes_its_plan() {
    let spec = years_fixture(7);
    for shape in YearShape::ALL {
        for columns in [
            vec![
                PlaceColumn::Lan,
                PlaceColumn::Kommun,
                PlaceColumn::Kommungrupp,
            ],
            vec![PlaceColumn::Kommunkod, PlaceColumn::Kommun],
            vec![
                PlaceColumn::Kommungrupp,
                PlaceColumn::Kommun,
                PlaceColumn::Kommunkod,
                PlaceColumn::Lan,
            ],
        ] {
            for (category_rows, descriptions) in [(true, true), (false, false)] {
                let layout = YearsLayout {
                    shape,
                    columns: columns.clone(),
                    category_rows,
                    descriptions,
                };
                let bytes = exempel::years_to_xlsx(&spec, &layout).expect("xlsx");
                assert_holds_plan(&layout.key(), &bytes, &spec, &layout);
            }
        }
    }
}

#[test]
fn the_example_file_holds_the_years_workbook() {
    let file = exempel::years_example_file().expect("the workbook of the model of 2023–");
    assert_eq!(
        file.name,
        "oppna-jamforelser-2024-ekonomiskt-bistand-2022-2024-fiktiva-exempeldata.xlsx"
    );
    let spec = exempel::years_example();
    assert!(spec.rows.len() > 300, "every kommun");
    assert_holds_plan(&file.name, &file.bytes, &spec, &YearsLayout::example());
}

// ---------------------------------------------------------------------------------------------
// Reading the model of 2023– back: one dataset per year, exactly to the spec.

use oj_analys::exempel::{years_value_cell, CellSpec};
use oj_analys::ingest::grid::normalize_text;
use oj_analys::model::{IndicatorCategory, IndicatorKind};

/// What a layout of a [`YearsSpec`] carries of each indicator beyond its name and kind. The
/// dimension (band, or Kvalitetsdimension column) is always there.
struct YearsCarry {
    /// Category: from category rows/columns, the description sheet, or the band's
    /// "Välfärdsindikatorer"/"Nyckeltal" groups (then the dimension groups are kvalitetsindikatorer;
    /// a long table's Kvalitetsdimension column leaves välfärdsindikatorer blank instead).
    category: bool,
    /// Type (struktur/process/resultat): category rows/columns or the description sheet.
    indicator_type: bool,
    /// Code, target, period, comparability note, direction: the description sheet.
    descriptions: bool,
}

fn years_carry(layout: &YearsLayout) -> YearsCarry {
    let band = layout.shape != YearShape::Long;
    YearsCarry {
        category: layout.category_rows || layout.descriptions || band,
        indicator_type: layout.category_rows || layout.descriptions,
        descriptions: layout.descriptions,
    }
}

/// Every year of a workbook of the model of 2023– reads back as its own dataset, equal to the
/// spec: the units present that year, the indicators measured that year with their dimension,
/// category, type, target, period and comparability, and every value with its cell.
fn assert_years_match(what: &str, wb: &Workbook, spec: &YearsSpec, layout: &YearsLayout) {
    let text = wb.reading.to_swedish_text();
    assert_eq!(wb.datasets.len(), spec.years.len(), "{what}: {text}");
    let carry = years_carry(layout);
    let groupings: Vec<&str> = layout
        .columns
        .iter()
        .filter(|c| c.is_grouping())
        .map(|c| c.header())
        .collect();
    for (d, &year) in wb.datasets.iter().zip(&spec.years) {
        let what = format!("{what} {year}");
        assert_eq!(d.year(), Some(year), "{what}");
        assert_eq!(d.area(), Some(spec.area), "{what}");
        assert!(d.dimensions.is_empty(), "{what}: {:?}", d.dimensions);
        // Units: the rows present that year, in order.
        let rows: Vec<usize> = (0..spec.rows.len())
            .filter(|r| spec.present(*r, year))
            .collect();
        let labels: Vec<&str> = d.units.iter().map(|u| u.label.as_str()).collect();
        assert_eq!(d.units.len(), rows.len(), "{what}: {labels:?}");
        // In row order (as each year gives them).
        let unit_at: Vec<usize> = rows
            .iter()
            .map(|&r| {
                let label = normalize_text(&spec.rows[r].label);
                labels
                    .iter()
                    .position(|l| *l == label)
                    .unwrap_or_else(|| panic!("{what}: {label} not read: {labels:?}"))
            })
            .collect();
        if layout.shape != YearShape::Long {
            assert!(
                unit_at.windows(2).all(|w| w[0] < w[1]),
                "{what}: {labels:?}"
            );
        }
        for (&ui, &r) in unit_at.iter().zip(&rows) {
            let u = &d.units[ui];
            let row = &spec.rows[r];
            let ctx = format!("{what}: {}", row.label);
            assert_eq!(u.label, normalize_text(&row.label), "{ctx}");
            assert_eq!(
                (u.kind, &u.code, &u.name, &u.parent),
                (row.kind, &row.code, &row.name, &row.parent),
                "{ctx}"
            );
            let want: BTreeMap<String, String> = row
                .attributes
                .iter()
                .filter(|(h, _)| groupings.contains(&h.as_str()))
                .cloned()
                .collect();
            assert_eq!(u.attributes, want, "{ctx}");
        }
        // Indicators: those measured that year, in the order of the year's columns (or rows).
        let measured = spec.measured(year);
        let names: Vec<&str> = d.indicators.iter().map(|i| i.name.as_str()).collect();
        assert_eq!(d.indicators.len(), measured.len(), "{what}: {names:?}");
        let position: Vec<usize> = measured
            .iter()
            .map(|&i| {
                let name = &spec.indicators[i].name;
                names
                    .iter()
                    .position(|n| n == name)
                    .unwrap_or_else(|| panic!("{what}: {name} not read: {names:?}"))
            })
            .collect();
        if layout.shape != YearShape::Long {
            assert!(
                position.windows(2).all(|w| w[0] < w[1]),
                "{what}: {names:?}"
            );
        }
        for (&p, &i) in position.iter().zip(&measured) {
            let ind = &d.indicators[p];
            let want = &spec.indicators[i];
            let ctx = format!("{what}: {}", want.name);
            assert_eq!(ind.name, want.name, "{ctx}");
            let quality = ind
                .quality
                .as_ref()
                .map(|q| (q.label.as_str(), q.area, q.dimension));
            let want_quality = want
                .dimension
                .as_deref()
                .map(|l| (l, None, want.dimension_key()));
            assert_eq!(quality, want_quality, "{ctx}");
            let want_category = carry.category.then_some(want.category);
            assert_eq!(ind.category, want_category, "{ctx}");
            assert_eq!(
                ind.indicator_type,
                want.indicator_type.filter(|_| carry.indicator_type),
                "{ctx}"
            );
            let described = |v: Option<String>| v.filter(|_| carry.descriptions);
            assert_eq!(ind.code, described(Some(want.code.clone())), "{ctx}");
            assert_eq!(ind.target, described(want.target.clone()), "{ctx}");
            assert_eq!(ind.period, described(Some(want.period.clone())), "{ctx}");
            // The note belongs to the year the definition changed and later ones.
            let applies = want.comparability_from.is_none_or(|from| year >= from);
            assert_eq!(
                ind.comparability,
                described(want.comparability.clone().filter(|_| applies)),
                "{ctx}"
            );
            match (&ind.kind, &want.kind) {
                (IndicatorKind::Categorical, IndicatorKind::Categorical) => {}
                (
                    IndicatorKind::Numeric { direction, measure },
                    IndicatorKind::Numeric {
                        direction: want_direction,
                        measure: want_measure,
                    },
                ) => {
                    assert_eq!(measure, want_measure, "{ctx}");
                    let want_direction = want_direction.filter(|_| carry.descriptions);
                    assert_eq!(direction, &want_direction, "{ctx}");
                }
                (got, want) => panic!("{ctx}: {got:?}, expected {want:?}"),
            }
            assert_eq!(
                ind.counts_in_fulfilment(),
                want.is_categorical() && want.category == IndicatorCategory::Kvalitetsindikator,
                "{ctx}"
            );
        }
        // Every value with its cell and the text as written where it prints differently.
        let values = spec.year_values(year).expect("year");
        let mut n = 0usize;
        for (&ui, &r) in unit_at.iter().zip(&rows) {
            for (&ii, &i) in position.iter().zip(&measured) {
                let cell = &values.cells[r][i];
                let ctx = format!(
                    "{what}: {} / {}",
                    spec.rows[r].label, spec.indicators[i].name
                );
                let obs = d
                    .observations
                    .iter()
                    .find(|o| o.unit == ui as u32 && o.indicator == ii as u32)
                    .unwrap_or_else(|| panic!("{ctx}: no value"));
                assert_eq!(obs.value, cell.expected_value(), "{ctx}");
                let want_raw = match cell {
                    CellSpec::Text(t) => {
                        let written = normalize_text(t);
                        let printed = oj_analys::ingest::values::print(&cell.expected_value());
                        (written != printed).then_some(written)
                    }
                    _ => None,
                };
                assert_eq!(obs.raw, want_raw, "{ctx}");
                assert_eq!(
                    Some(obs.cell),
                    years_value_cell(spec, layout, year, r, i),
                    "{ctx}"
                );
                n += 1;
            }
        }
        assert_eq!(d.observations.len(), n, "{what}");
    }
}

fn years_layouts(shape: YearShape, category_rows: bool, descriptions: bool) -> Vec<YearsLayout> {
    [
        vec![
            PlaceColumn::Lan,
            PlaceColumn::Kommun,
            PlaceColumn::Kommungrupp,
        ],
        vec![PlaceColumn::Kommunkod, PlaceColumn::Kommun],
    ]
    .into_iter()
    .map(|columns| YearsLayout {
        shape,
        columns,
        category_rows,
        descriptions,
    })
    .collect()
}

#[test]
fn every_shape_of_the_years_workbook_reads_as_one_dataset_per_year() {
    let spec = years_fixture(11);
    let mut n = 0;
    for shape in YearShape::ALL {
        for (category_rows, descriptions) in
            [(true, true), (false, false), (true, false), (false, true)]
        {
            for layout in years_layouts(shape, category_rows, descriptions) {
                let name = format!("{}.xlsx", layout.key());
                let wb = read(
                    &name,
                    &exempel::years_to_xlsx(&spec, &layout).expect("xlsx"),
                );
                assert_years_match(&name, &wb, &spec, &layout);
                n += 1;
            }
        }
    }
    assert_eq!(n, 32);
}

#[test]
fn the_committed_years_fixture_reads_back_as_xlsx_xls_and_ods() {
    let spec = committed_years_spec();
    let layout = YearsLayout::example();
    for ext in ["xlsx", "xls", "ods"] {
        let name = format!("ekonomiskt-bistand-2022-2024.{}.{ext}", layout.key());
        let bytes = std::fs::read(generated_dir().join(&name)).expect("fixture");
        assert_years_match(&name, &read(&name, &bytes), &spec, &layout);
    }
}

/// The workbook of `layout` with every merge undone: its text in the first cell of the range
/// only, the rest blank — as a CSV export keeps a header, or a sheet "centred across selection".
fn years_to_xlsx_unmerged(spec: &YearsSpec, layout: &YearsLayout) -> Vec<u8> {
    use oj_analys::exempel::write::{plans_to_xlsx, PlannedCell, Style};
    let mut plans = plan_years(spec, layout);
    for plan in &mut plans {
        for m in std::mem::take(&mut plan.merges) {
            plan.cells.push((
                m.first_row,
                m.first_col,
                PlannedCell::Text(m.text, Style::Header),
            ));
        }
    }
    let year = spec.years.last().copied().unwrap_or(2024);
    plans_to_xlsx(&plans, &spec.title, year).expect("xlsx")
}

#[test]
fn years_under_names_written_once_read_as_when_merged() {
    // A name (and dimension, year, category, type) written once over its columns, not merged:
    // the columns right of it continue it while the years go on (2022, 2023, 2024 under one
    // indicator; a year band over its block of indicators).
    let spec = years_fixture(11);
    for shape in [YearShape::IndicatorBlocks, YearShape::YearBlocks] {
        for (category_rows, descriptions) in [(true, true), (false, false)] {
            for layout in years_layouts(shape, category_rows, descriptions) {
                let name = format!("{}-utan-sammanslagning.xlsx", layout.key());
                let wb = read(&name, &years_to_xlsx_unmerged(&spec, &layout));
                assert_years_match(&name, &wb, &spec, &layout);
            }
        }
    }
}

/// Every order of the sorting columns Län, Kommun, Kommungrupp, with and without Kommunkod
/// (6 + 24 orders).
fn every_column_order() -> Vec<Vec<PlaceColumn>> {
    fn permutations(items: &[PlaceColumn]) -> Vec<Vec<PlaceColumn>> {
        if items.len() <= 1 {
            return vec![items.to_vec()];
        }
        let mut out = Vec::new();
        for (i, first) in items.iter().enumerate() {
            let mut rest = items.to_vec();
            rest.remove(i);
            for mut tail in permutations(&rest) {
                tail.insert(0, *first);
                out.push(tail);
            }
        }
        out
    }
    let without = [
        PlaceColumn::Lan,
        PlaceColumn::Kommun,
        PlaceColumn::Kommungrupp,
    ];
    let with = [
        PlaceColumn::Lan,
        PlaceColumn::Kommun,
        PlaceColumn::Kommunkod,
        PlaceColumn::Kommungrupp,
    ];
    let mut orders = permutations(&without);
    orders.extend(permutations(&with));
    orders
}

#[test]
fn the_unit_column_is_the_one_with_the_units_in_every_order() {
    // Two years keep the 90 workbooks quick; the units are those of the fixture.
    let options = exempel::oj::OjOptions {
        kommuner: Some(
            exempel::FIXTURE_KOMMUNER
                .iter()
                .map(|s| (*s).to_owned())
                .collect(),
        ),
        canonical_text_only: false,
    };
    let spec = exempel::years_table(&[2023, 2024], 5, &options);
    let orders = every_column_order();
    assert_eq!(orders.len(), 30);
    for shape in [
        YearShape::IndicatorBlocks,
        YearShape::Long,
        YearShape::Transposed,
    ] {
        for columns in &orders {
            let layout = YearsLayout {
                shape,
                columns: columns.clone(),
                category_rows: false,
                descriptions: false,
            };
            let name = format!("{}.xlsx", layout.key());
            let wb = read(
                &name,
                &exempel::years_to_xlsx(&spec, &layout).expect("xlsx"),
            );
            assert_years_match(&name, &wb, &spec, &layout);
            let unit = exempel::years_placement(&layout).unit_col;
            let axis = &wb.reading.datasets[0].unit_axis;
            let right = match axis {
                UnitAxis::Column { col, .. } => shape != YearShape::Transposed && *col == unit,
                UnitAxis::Row { row, .. } => shape == YearShape::Transposed && *row == unit,
                UnitAxis::Implicit { .. } => false,
            };
            assert!(right, "{name}: {axis:?}");
        }
    }
}

#[test]
fn inspect_says_in_swedish_what_it_found() {
    let spec = committed_years_spec();
    let layout = YearsLayout::example();
    let name = format!("ekonomiskt-bistand-2022-2024.{}.xlsx", layout.key());
    let bytes = std::fs::read(generated_dir().join(&name)).expect("fixture");
    let text = read(&name, &bytes).reading.to_swedish_text();
    for line in [
        "3 tabeller lästa",
        "Grupperade efter kvalitetsdimension (modellen från 2023):",
        "    Kunskapsbaserad: 3",
        "    utan kvalitetsdimension: 3",
        "Kategorier: 11 kvalitetsindikatorer, 2 välfärdsindikatorer, 1 nyckeltal; 10 räknas som uppfyllda eller inte",
        "Kategorier: 12 kvalitetsindikatorer, 2 välfärdsindikatorer, 1 nyckeltal; 11 räknas",
        "Typer: 7 struktur, 4 process, 3 resultat",
        "År: 2022 (årtalen i tabellhuvudet)",
        "År: 2024 (årtalen i tabellhuvudet)",
        "Tabellen har flera år (2022–2024); det här är 2023",
        "1 indikator saknar värden 2022 (inte mätt det året) och är inte med det året: Tolk vid behov under hela handläggningen.",
        "Jämförbarhet, \"Aktuell rutin för handläggning av ekonomiskt bistånd\": 24 månader (tidigare 12)",
        "Enheter i kolumn B \"Kommun\"",
        "Övriga kolumner: A \"Län\" (gruppering), C \"Kommungrupp\" (gruppering)",
    ] {
        assert!(text.contains(line), "{line:?} not in:\n{text}");
    }
    // The note on comparability belongs to 2024 only.
    assert_eq!(text.matches("Jämförbarhet, ").count(), 1, "{text}");
    assert_eq!(spec.years, [2022, 2023, 2024]);
}
