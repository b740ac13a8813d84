//! Writes a [`YearsSpec`] (the model of 2023–, several years in one sheet) as sheet plans and
//! xlsx, with the years in each of the three shapes files may use and the sorting columns
//! (Län, Kommun, Kommunkod, Kommungrupp) in any order before the indicators.
//!
//! Like [`super::write`], every layout is first a list of [`SheetPlan`]s ([`plan_years`]) and
//! [`YearsPlacement`] says where each value sits, so tests can check the cell ingest reports.

use rust_xlsxwriter::XlsxError;
use serde::{Deserialize, Serialize};

use crate::model::CellRef;

use super::spec::{RowSpec, ATTR_LAN};
use super::write::{group_label, header_text, planned, plans_to_xlsx, runs, PlannedCell};
use super::write::{Merge, SheetPlan, Style};
use super::years::{YearsSpec, ATTR_KOMMUNGRUPP_2023};

/// Where the years are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum YearShape {
    /// Each indicator's columns are a block of years: the indicator's name merged over its
    /// years, a row of years (2022 | 2023 | 2024) at the bottom of the header. An indicator not
    /// measured in a year has that year's column, empty.
    IndicatorBlocks,
    /// A year header row on top, merged over a block of the indicators measured that year; the
    /// dimension band and the names repeat in each year's block.
    YearBlocks,
    /// One value per row, with an År column (only the indicators measured and the units present).
    Long,
    /// Units in columns, named in one header row per sorting column (in the layout's order:
    /// a Län row can come before the Kommun row); one row per indicator and year measured, with
    /// Kvalitetsdimension, (Kategori, Typ,) Indikator and År columns on the left.
    Transposed,
}

impl YearShape {
    pub const ALL: [YearShape; 4] = [
        YearShape::IndicatorBlocks,
        YearShape::YearBlocks,
        YearShape::Long,
        YearShape::Transposed,
    ];

    pub fn key(self) -> &'static str {
        match self {
            YearShape::IndicatorBlocks => "indikatorblock",
            YearShape::YearBlocks => "arsblock",
            YearShape::Long => "lang",
            YearShape::Transposed => "transponerad",
        }
    }
}

/// A column naming the place (a sorting column, in ÖJ's words) left of the indicators.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PlaceColumn {
    Lan,
    Kommun,
    Kommunkod,
    Kommungrupp,
}

impl PlaceColumn {
    pub fn header(self) -> &'static str {
        match self {
            PlaceColumn::Lan => ATTR_LAN,
            PlaceColumn::Kommun => "Kommun",
            PlaceColumn::Kommunkod => "Kommunkod",
            PlaceColumn::Kommungrupp => ATTR_KOMMUNGRUPP_2023,
        }
    }

    fn key(self) -> &'static str {
        match self {
            PlaceColumn::Lan => "l",
            PlaceColumn::Kommun => "k",
            PlaceColumn::Kommunkod => "c",
            PlaceColumn::Kommungrupp => "g",
        }
    }

    /// The cell this column holds on `row`, if any.
    pub fn value(self, row: &RowSpec) -> Option<String> {
        match self {
            PlaceColumn::Kommun => Some(row.label.clone()),
            PlaceColumn::Kommunkod => row.code_cell.clone(),
            PlaceColumn::Lan => row.attribute(ATTR_LAN).map(str::to_owned),
            PlaceColumn::Kommungrupp => row.attribute(ATTR_KOMMUNGRUPP_2023).map(str::to_owned),
        }
    }

    /// Whether ingest should keep this column as a grouping attribute of the units.
    pub fn is_grouping(self) -> bool {
        matches!(self, PlaceColumn::Lan | PlaceColumn::Kommungrupp)
    }
}

/// How a [`YearsSpec`] is laid out in its workbook.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct YearsLayout {
    pub shape: YearShape,
    /// The sorting columns, left to right; must hold [`PlaceColumn::Kommun`].
    pub columns: Vec<PlaceColumn>,
    /// Header rows with each indicator's category (Kvalitetsindikator …) and type (Struktur …);
    /// in the long shape, Kategori and Typ columns.
    pub category_rows: bool,
    /// A sheet "Indikatorbeskrivningar" with code, dimension, category, type, target value,
    /// measurement period, how the values are reported, the comparability note, a description
    /// text and its source.
    pub descriptions: bool,
}

impl YearsLayout {
    /// The layout of the example workbook: years under each indicator, Län | Kommun |
    /// Kommungrupp before the indicators, category rows and a description sheet.
    pub fn example() -> YearsLayout {
        YearsLayout {
            shape: YearShape::IndicatorBlocks,
            columns: vec![
                PlaceColumn::Lan,
                PlaceColumn::Kommun,
                PlaceColumn::Kommungrupp,
            ],
            category_rows: true,
            descriptions: true,
        }
    }

    /// A short key for file names ("indikatorblock-lkg-kategorier-beskrivningar").
    pub fn key(&self) -> String {
        let columns: String = self.columns.iter().map(|c| c.key()).collect();
        let mut key = format!("{}-{columns}", self.shape.key());
        if self.category_rows {
            key.push_str("-kategorier");
        }
        if self.descriptions {
            key.push_str("-beskrivningar");
        }
        key
    }

    fn sort_cols(&self) -> u16 {
        u16::try_from(self.columns.len()).unwrap_or(u16::MAX)
    }
}

/// Where the table of a [`YearsSpec`] sits in its sheet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearsPlacement {
    pub sheet: String,
    /// 0-based header rows.
    pub header_rows: Vec<u32>,
    pub first_data_row: u32,
    /// The column of the unit names (the Kommun column); in the transposed shape the row.
    pub unit_col: u32,
}

/// The main sheet's name.
pub const YEARS_SHEET: &str = "Ekonomiskt bistånd";
/// The first header row (title in row 0, row 1 empty).
const TOP: u32 = 2;

fn col(i: usize) -> u16 {
    u16::try_from(i).unwrap_or(u16::MAX)
}

fn row_no(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

/// The number of header rows of a layout.
fn header_height(layout: &YearsLayout) -> u32 {
    let categories = if layout.category_rows { 2 } else { 0 };
    match layout.shape {
        // band, names, [category, type], years
        YearShape::IndicatorBlocks => 3 + categories,
        // years, band, names, [category, type]
        YearShape::YearBlocks => 3 + categories,
        YearShape::Long => 1,
        YearShape::Transposed => u32::from(layout.sort_cols()),
    }
}

/// Where the table sits.
pub fn years_placement(layout: &YearsLayout) -> YearsPlacement {
    let h = header_height(layout);
    let kommun = layout
        .columns
        .iter()
        .position(|c| *c == PlaceColumn::Kommun)
        .map_or(0, row_no);
    let unit_col = if layout.shape == YearShape::Transposed {
        TOP + kommun
    } else {
        kommun
    };
    YearsPlacement {
        sheet: YEARS_SHEET.into(),
        header_rows: (TOP..TOP + h).collect(),
        first_data_row: TOP + h,
        unit_col,
    }
}

/// The cell holding row `row`'s value of indicator `indicator` in `year`; `None` when the
/// layout does not write it (an indicator not measured or a unit absent in the long and
/// year-block shapes).
pub fn years_value_cell(
    spec: &YearsSpec,
    layout: &YearsLayout,
    year: u16,
    row: usize,
    indicator: usize,
) -> Option<CellRef> {
    let k = u32::from(layout.sort_cols());
    let first = TOP + header_height(layout);
    let y = spec.years.iter().position(|x| *x == year)?;
    match layout.shape {
        YearShape::IndicatorBlocks => {
            let n = row_no(spec.years.len());
            Some(CellRef::new(
                first + row_no(row),
                k + row_no(indicator) * n + row_no(y),
            ))
        }
        YearShape::YearBlocks => {
            let before: usize = spec
                .years
                .iter()
                .take(y)
                .map(|yy| spec.measured(*yy).len())
                .sum();
            let at = spec.measured(year).iter().position(|i| *i == indicator)?;
            Some(CellRef::new(first + row_no(row), k + row_no(before + at)))
        }
        YearShape::Transposed => {
            let mut r = first;
            for (i, ind) in spec.indicators.iter().enumerate() {
                for yy in spec.years.iter().filter(|yy| ind.measured_in(**yy)) {
                    if i == indicator && *yy == year {
                        let first_unit = u32::from(transposed_first_unit(layout));
                        return Some(CellRef::new(r, first_unit + row_no(row)));
                    }
                    r += 1;
                }
            }
            None
        }
        YearShape::Long => {
            let mut r = first;
            for (yy_idx, yy) in spec.years.iter().enumerate() {
                let measured = spec.measured(*yy);
                for u in 0..spec.rows.len() {
                    if !spec.present(u, *yy) {
                        continue;
                    }
                    for i in &measured {
                        if yy_idx == y && u == row && *i == indicator {
                            return Some(CellRef::new(r, long_value_col(layout)));
                        }
                        r += 1;
                    }
                }
            }
            None
        }
    }
}

/// The sheets of `spec` laid out as `layout`, in workbook order.
pub fn plan_years(spec: &YearsSpec, layout: &YearsLayout) -> Vec<SheetPlan> {
    let table = match layout.shape {
        YearShape::IndicatorBlocks => plan_indicator_blocks(spec, layout),
        YearShape::YearBlocks => plan_year_blocks(spec, layout),
        YearShape::Long => plan_long(spec, layout),
        YearShape::Transposed => plan_transposed(spec, layout),
    };
    let mut plans = vec![table];
    if layout.descriptions {
        plans.push(plan_descriptions(spec));
    }
    plans
}

/// The workbook of `spec` laid out as `layout`, byte for byte the same on every run.
pub fn years_to_xlsx(spec: &YearsSpec, layout: &YearsLayout) -> Result<Vec<u8>, XlsxError> {
    let year = spec.years.last().copied().unwrap_or(2024);
    plans_to_xlsx(&plan_years(spec, layout), &spec.title, year)
}

/// A file name in the style of Socialstyrelsen's downloads, marked as fictitious.
pub fn years_file_name(spec: &YearsSpec, layout: Option<&YearsLayout>) -> String {
    let first = spec.years.first().copied().unwrap_or(0);
    let last = spec.years.last().copied().unwrap_or(0);
    let suffix = layout.map(|l| format!("-{}", l.key())).unwrap_or_default();
    format!(
        "oppna-jamforelser-{last}-{}-{first}-{last}-fiktiva-exempeldata{suffix}.xlsx",
        spec.area.key()
    )
}

fn new_plan(spec: &YearsSpec, layout: &YearsLayout) -> SheetPlan {
    let mut plan = SheetPlan {
        name: YEARS_SHEET.into(),
        cells: vec![(0, 0, PlannedCell::Text(spec.title.clone(), Style::Title))],
        merges: Vec::new(),
        freeze: None,
        widths: Vec::new(),
        heights: Vec::new(),
        is_table: true,
    };
    for (c, column) in layout.columns.iter().enumerate() {
        let width = match column {
            PlaceColumn::Kommun => 34.0,
            PlaceColumn::Lan => 22.0,
            PlaceColumn::Kommungrupp => 30.0,
            PlaceColumn::Kommunkod => 10.0,
        };
        plan.widths.push((col(c), width));
    }
    plan
}

/// The sorting columns' headers: merged down over the header rows when there are several.
fn sort_headers(plan: &mut SheetPlan, layout: &YearsLayout) {
    let h = header_height(layout);
    for (c, column) in layout.columns.iter().enumerate() {
        if h > 1 {
            plan.merges.push(Merge {
                first_row: TOP,
                first_col: col(c),
                last_row: TOP + h - 1,
                last_col: col(c),
                text: column.header().to_owned(),
            });
        } else {
            header_text(&mut plan.cells, TOP, col(c), column.header());
        }
    }
}

/// The sorting columns of every data row from `first`.
fn sort_cells(plan: &mut SheetPlan, spec: &YearsSpec, layout: &YearsLayout, first: u32) {
    for (r, row) in spec.rows.iter().enumerate() {
        for (c, column) in layout.columns.iter().enumerate() {
            if let Some(text) = column.value(row) {
                plan.cells.push((
                    first + row_no(r),
                    col(c),
                    PlannedCell::Text(text, Style::Body),
                ));
            }
        }
    }
}

fn plan_indicator_blocks(spec: &YearsSpec, layout: &YearsLayout) -> SheetPlan {
    let mut plan = new_plan(spec, layout);
    sort_headers(&mut plan, layout);
    let k = layout.sort_cols();
    let n = spec.years.len();
    let block = |i: usize| (k + col(i * n), k + col(i * n + n - 1));
    // The dimension band over runs of blocks.
    let bands: Vec<String> = spec.indicators.iter().map(|i| i.band_label()).collect();
    for (first, last, label) in runs(&bands) {
        group_label(&mut plan, TOP, block(first).0, block(last).1, &label);
    }
    let mut row = TOP + 1;
    let mut header_rows: Vec<(u32, Vec<String>)> = vec![(
        row,
        spec.indicators.iter().map(|i| i.name.clone()).collect(),
    )];
    if layout.category_rows {
        header_rows.push((
            row + 1,
            spec.indicators.iter().map(|i| i.category_text()).collect(),
        ));
        header_rows.push((
            row + 2,
            spec.indicators.iter().map(|i| i.type_text()).collect(),
        ));
    }
    for (r, texts) in &header_rows {
        for (i, text) in texts.iter().enumerate() {
            if !text.is_empty() {
                group_label(&mut plan, *r, block(i).0, block(i).1, text);
            }
        }
    }
    row += row_no(header_rows.len());
    for i in 0..spec.indicators.len() {
        for (y, year) in spec.years.iter().enumerate() {
            plan.cells.push((
                row,
                block(i).0 + col(y),
                PlannedCell::Number(f64::from(*year), Style::Header),
            ));
            plan.widths.push((block(i).0 + col(y), 9.0));
        }
    }
    let first_data = row + 1;
    sort_cells(&mut plan, spec, layout, first_data);
    for values in &spec.values {
        let y = spec
            .years
            .iter()
            .position(|x| *x == values.year)
            .unwrap_or(0);
        for (r, cells) in values.cells.iter().enumerate() {
            let aggregate = spec.rows.get(r).is_some_and(|x| x.kind.is_aggregate());
            for (i, cell) in cells.iter().enumerate() {
                if let Some(p) = planned(cell, aggregate) {
                    plan.cells
                        .push((first_data + row_no(r), block(i).0 + col(y), p));
                }
            }
        }
    }
    plan.heights.push((TOP + 1, 80.0));
    plan.freeze = Some((first_data, k));
    plan
}

fn plan_year_blocks(spec: &YearsSpec, layout: &YearsLayout) -> SheetPlan {
    let mut plan = new_plan(spec, layout);
    sort_headers(&mut plan, layout);
    let k = layout.sort_cols();
    let first_data = TOP + header_height(layout);
    let mut start = k;
    for values in &spec.values {
        let measured = spec.measured(values.year);
        let Some(last) = measured.len().checked_sub(1) else {
            continue;
        };
        group_label(
            &mut plan,
            TOP,
            start,
            start + col(last),
            &values.year.to_string(),
        );
        let bands: Vec<String> = measured
            .iter()
            .filter_map(|i| spec.indicators.get(*i))
            .map(|i| i.band_label())
            .collect();
        for (first, last, label) in runs(&bands) {
            group_label(
                &mut plan,
                TOP + 1,
                start + col(first),
                start + col(last),
                &label,
            );
        }
        for (j, i) in measured.iter().enumerate() {
            let Some(ind) = spec.indicators.get(*i) else {
                continue;
            };
            let c = start + col(j);
            header_text(&mut plan.cells, TOP + 2, c, &ind.name);
            if layout.category_rows {
                header_text(&mut plan.cells, TOP + 3, c, &ind.category_text());
                let typ = ind.type_text();
                if !typ.is_empty() {
                    header_text(&mut plan.cells, TOP + 4, c, &typ);
                }
            }
            plan.widths.push((c, 16.0));
            for (r, cells) in values.cells.iter().enumerate() {
                let aggregate = spec.rows.get(r).is_some_and(|x| x.kind.is_aggregate());
                if let Some(p) = cells.get(*i).and_then(|cell| planned(cell, aggregate)) {
                    plan.cells.push((first_data + row_no(r), c, p));
                }
            }
        }
        start += col(measured.len());
    }
    sort_cells(&mut plan, spec, layout, first_data);
    plan.heights.push((TOP + 2, 80.0));
    plan.freeze = Some((first_data, k));
    plan
}

/// The long shape's columns after the sorting columns.
fn long_headers(layout: &YearsLayout) -> Vec<&'static str> {
    let mut headers = vec!["År", "Kvalitetsdimension"];
    if layout.category_rows {
        headers.extend(["Kategori", "Typ"]);
    }
    headers.extend(["Indikator", "Värde"]);
    headers
}

fn long_value_col(layout: &YearsLayout) -> u32 {
    u32::from(layout.sort_cols()) + row_no(long_headers(layout).len()) - 1
}

fn plan_long(spec: &YearsSpec, layout: &YearsLayout) -> SheetPlan {
    let mut plan = new_plan(spec, layout);
    sort_headers(&mut plan, layout);
    let k = layout.sort_cols();
    for (j, header) in long_headers(layout).iter().enumerate() {
        header_text(&mut plan.cells, TOP, k + col(j), header);
    }
    let mut r = TOP + 1;
    for values in &spec.values {
        let measured = spec.measured(values.year);
        for (u, row) in spec.rows.iter().enumerate() {
            if !spec.present(u, values.year) {
                continue;
            }
            for i in &measured {
                let Some(ind) = spec.indicators.get(*i) else {
                    continue;
                };
                for (c, column) in layout.columns.iter().enumerate() {
                    if let Some(text) = column.value(row) {
                        plan.cells
                            .push((r, col(c), PlannedCell::Text(text, Style::Body)));
                    }
                }
                let mut texts = vec![
                    PlannedCell::Number(f64::from(values.year), Style::Body),
                    PlannedCell::Text(ind.dimension.clone().unwrap_or_default(), Style::Body),
                ];
                if layout.category_rows {
                    texts.push(PlannedCell::Text(ind.category_text(), Style::Body));
                    texts.push(PlannedCell::Text(ind.type_text(), Style::Body));
                }
                texts.push(PlannedCell::Text(ind.name.clone(), Style::Body));
                for (j, cell) in texts.into_iter().enumerate() {
                    let empty = matches!(&cell, PlannedCell::Text(t, _) if t.is_empty());
                    if !empty {
                        plan.cells.push((r, k + col(j), cell));
                    }
                }
                let cell = values.cells.get(u).and_then(|c| c.get(*i));
                if let Some(p) = cell.and_then(|c| planned(c, row.kind.is_aggregate())) {
                    plan.cells.push((
                        r,
                        u16::try_from(long_value_col(layout)).unwrap_or(u16::MAX),
                        p,
                    ));
                }
                r += 1;
            }
        }
    }
    plan.freeze = Some((TOP + 1, 0));
    plan
}

/// The label columns left of the units in the transposed shape: Kvalitetsdimension, Kategori
/// and Typ (with category rows), Indikator, År; the sorting rows' headers are in the column after.
fn transposed_label_headers(layout: &YearsLayout) -> Vec<&'static str> {
    let mut headers = vec!["Kvalitetsdimension"];
    if layout.category_rows {
        headers.extend(["Kategori", "Typ"]);
    }
    headers.extend(["Indikator", "År"]);
    headers
}

/// The first unit column of the transposed shape.
fn transposed_first_unit(layout: &YearsLayout) -> u16 {
    col(transposed_label_headers(layout).len() + 1)
}

fn plan_transposed(spec: &YearsSpec, layout: &YearsLayout) -> SheetPlan {
    let labels = transposed_label_headers(layout);
    let first_unit = transposed_first_unit(layout);
    let mut plan = SheetPlan {
        name: YEARS_SHEET.into(),
        cells: vec![(0, 0, PlannedCell::Text(spec.title.clone(), Style::Title))],
        merges: Vec::new(),
        freeze: None,
        widths: labels
            .iter()
            .enumerate()
            .map(|(c, h)| (col(c), if *h == "Indikator" { 60.0 } else { 16.0 }))
            .collect(),
        heights: Vec::new(),
        is_table: true,
    };
    // One header row per sorting column: its header left of the units, the units' values right;
    // the label columns' headers in the bottom one.
    let bottom = TOP + header_height(layout) - 1;
    for (c, header) in labels.iter().enumerate() {
        header_text(&mut plan.cells, bottom, col(c), header);
    }
    for (h, column) in layout.columns.iter().enumerate() {
        let r = TOP + row_no(h);
        header_text(&mut plan.cells, r, first_unit - 1, column.header());
        for (u, row) in spec.rows.iter().enumerate() {
            if let Some(text) = column.value(row) {
                header_text(&mut plan.cells, r, first_unit + col(u), &text);
            }
        }
    }
    let mut r = TOP + header_height(layout);
    for (i, ind) in spec.indicators.iter().enumerate() {
        for values in spec.values.iter().filter(|v| ind.measured_in(v.year)) {
            let mut texts = vec![ind.band_label()];
            if layout.category_rows {
                texts.extend([ind.category_text(), ind.type_text()]);
            }
            texts.push(ind.name.clone());
            for (c, text) in texts.into_iter().enumerate() {
                if !text.is_empty() {
                    plan.cells
                        .push((r, col(c), PlannedCell::Text(text, Style::Body)));
                }
            }
            plan.cells.push((
                r,
                first_unit - 2,
                PlannedCell::Number(f64::from(values.year), Style::Body),
            ));
            for (u, cells) in values.cells.iter().enumerate() {
                let aggregate = spec.rows.get(u).is_some_and(|x| x.kind.is_aggregate());
                if let Some(p) = cells.get(i).and_then(|c| planned(c, aggregate)) {
                    plan.cells.push((r, first_unit + col(u), p));
                }
            }
            r += 1;
        }
    }
    for u in 0..spec.rows.len() {
        plan.widths.push((first_unit + col(u), 14.0));
    }
    plan.freeze = Some((TOP + header_height(layout), first_unit));
    plan
}

/// The description sheet's headers.
pub const DESCRIPTION_HEADERS: [&str; 11] = [
    "Indikatorkod",
    "Indikator",
    "Kvalitetsdimension",
    "Kategori",
    "Typ",
    "Målvärde",
    "Mätperiod",
    "Redovisas som",
    "Jämförbarhet med tidigare år",
    "Beskrivning",
    "Källa",
];

fn plan_descriptions(spec: &YearsSpec) -> SheetPlan {
    let mut plan = SheetPlan {
        name: "Indikatorbeskrivningar".into(),
        cells: Vec::new(),
        merges: Vec::new(),
        freeze: Some((1, 0)),
        widths: vec![
            (0, 12.0),
            (1, 60.0),
            (2, 20.0),
            (3, 20.0),
            (4, 12.0),
            (5, 18.0),
            (6, 28.0),
            (7, 30.0),
            (8, 60.0),
            (9, 90.0),
            (10, 40.0),
        ],
        heights: Vec::new(),
        is_table: false,
    };
    for (c, header) in DESCRIPTION_HEADERS.iter().enumerate() {
        header_text(&mut plan.cells, 0, col(c), header);
    }
    for (i, ind) in spec.indicators.iter().enumerate() {
        let values = [
            Some(ind.code.clone()),
            Some(ind.name.clone()),
            ind.dimension.clone(),
            Some(ind.category_text()),
            Some(ind.type_text()).filter(|t| !t.is_empty()),
            ind.target.clone(),
            Some(ind.period.clone()),
            Some(ind.reported_as()),
            ind.comparability.clone(),
            Some(super::definitions::model_text(ind)),
            Some(super::definitions::SOURCE.to_owned()),
        ];
        for (c, value) in values.into_iter().enumerate() {
            if let Some(v) = value {
                plan.cells
                    .push((row_no(i) + 1, col(c), PlannedCell::Text(v, Style::Body)));
            }
        }
    }
    plan
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exempel::oj::OjOptions;
    use crate::exempel::spec::CellSpec;
    use crate::exempel::years::{years_table, EXAMPLE_YEARS};
    use crate::exempel::FIXTURE_KOMMUNER;

    fn fixture() -> YearsSpec {
        let options = OjOptions {
            kommuner: Some(FIXTURE_KOMMUNER.iter().map(|s| (*s).to_owned()).collect()),
            canonical_text_only: false,
        };
        years_table(&EXAMPLE_YEARS, 2024, &options)
    }

    /// Every shape puts every value where [`years_value_cell`] says.
    #[test]
    fn values_sit_where_the_placement_says() {
        let spec = fixture();
        for shape in YearShape::ALL {
            let layout = YearsLayout {
                shape,
                ..YearsLayout::example()
            };
            let plan = &plan_years(&spec, &layout)[0];
            let at = |cell: CellRef| {
                plan.cells
                    .iter()
                    .find(|(r, c, _)| *r == cell.row && u32::from(*c) == cell.col)
                    .map(|x| &x.2)
            };
            let tyreso = spec.row_index("0138").unwrap();
            for (i, ind) in spec.indicators.iter().enumerate() {
                for values in &spec.values {
                    let cell = years_value_cell(&spec, &layout, values.year, tyreso, i);
                    let want = &values.cells[tyreso][i];
                    match (cell, want) {
                        (None, CellSpec::Empty) => {}
                        (Some(c), CellSpec::Empty) => assert!(at(c).is_none(), "{shape:?}"),
                        (Some(c), CellSpec::Text(t)) => assert_eq!(
                            at(c),
                            Some(&planned(want, false).unwrap()),
                            "{shape:?} {} {t}",
                            ind.name
                        ),
                        (Some(c), CellSpec::Number(_)) => {
                            assert_eq!(at(c), Some(&planned(want, false).unwrap()), "{shape:?}")
                        }
                        (None, other) => panic!("{shape:?}: {other:?} not written"),
                    }
                }
            }
        }
    }
}
