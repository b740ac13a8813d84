//! Writes a [`TableSpec`] as an xlsx workbook (rust_xlsxwriter) or a csv file, in the layouts
//! Socialstyrelsen's files use: wide with 1–3 header rows, wide with a description sheet,
//! transposed, long, and the publication template.
//!
//! Every shape is first laid out as [`SheetPlan`]s (cells, merges, frozen panes) by
//! [`plan_sheets`], a pure function tests can inspect; the xlsx and csv writers only render the
//! plans. The xlsx output is byte-deterministic: the document's creation time is fixed.

use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, XlsxError,
};
use serde::{Deserialize, Serialize};

use crate::model::{Area, CellRef, Direction, IndicatorKind, Layout, Outcome};

use super::oj::area_short;
use super::spec::{CellSpec, TableSpec, ATTR_KOMMUNGRUPP, ATTR_LAN};

/// How a table is laid out in its file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Shape {
    /// Units in rows, indicators in columns, with 1, 2 or 3 header rows (indikator;
    /// kvalitetsområde > indikator; kvalitetsområde > indikatorområde > indikator), the upper
    /// ones merged over their groups, grouping columns Kod, Kommun, Län, Kommungrupp SKR 2017
    /// left of the indicators and a title row above.
    Wide { header_rows: u8 },
    /// `Wide { header_rows: 1 }` plus a sheet "Indikatorbeskrivningar" with each indicator's
    /// area, code, name, quality area, indicator area and type.
    WideWithDescriptions,
    /// Indicators in rows (with their quality and indicator area), units in columns.
    Transposed,
    /// One value per row: År, Kod, Enhet, Kvalitetsområde, Indikatorområde, Indikatorkod,
    /// Indikator, Värde.
    Long,
    /// Socialstyrelsen's publication template: "Innehållsförteckning", "Om statistiken" and
    /// "Tabell 1" with the accessibility sentence, Swedish and English titles, one header row
    /// and footnotes ("Källa: Socialstyrelsen.", "Anm. …").
    Template,
}

impl Shape {
    /// Every shape, for tests and fixtures.
    pub const ALL: [Shape; 7] = [
        Shape::Wide { header_rows: 1 },
        Shape::Wide { header_rows: 2 },
        Shape::Wide { header_rows: 3 },
        Shape::WideWithDescriptions,
        Shape::Transposed,
        Shape::Long,
        Shape::Template,
    ];

    /// A short stable key for file names ("wide3", "long").
    pub fn key(self) -> String {
        match self {
            Shape::Wide { header_rows } => format!("wide{}", header_rows.clamp(1, 3)),
            Shape::WideWithDescriptions => "wide-beskrivningar".into(),
            Shape::Transposed => "transponerad".into(),
            Shape::Long => "lang".into(),
            Shape::Template => "mall".into(),
        }
    }
}

/// The character encoding of a csv file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Encoding {
    /// What Swedish Excel writes as "CSV (semikolonavgränsad)".
    Windows1252,
    /// UTF-8 with a byte-order mark, what Excel writes as "CSV UTF-8".
    Utf8Bom,
}

/// A merged range, inclusive, 0-based, with the text it shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Merge {
    pub first_row: u32,
    pub first_col: u16,
    pub last_row: u32,
    pub last_col: u16,
    pub text: String,
}

/// How a cell looks (fill, weight, wrap).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Style {
    Title,
    Header,
    Body,
    Ja,
    Delvis,
    Nej,
    Share,
    Note,
}

/// One written cell.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum PlannedCell {
    Text(String, Style),
    Number(f64, Style),
}

/// One sheet as it will be written.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SheetPlan {
    pub name: String,
    /// (row, column, cell); cells covered by a merge are not listed (the merge's text is).
    pub cells: Vec<(u32, u16, PlannedCell)>,
    pub merges: Vec<Merge>,
    /// The first unfrozen (row, column), if panes are frozen.
    pub freeze: Option<(u32, u16)>,
    /// Column widths in Excel's character units.
    pub widths: Vec<(u16, f64)>,
    /// Row heights in points for tall header rows.
    pub heights: Vec<(u32, f64)>,
    /// Whether this sheet holds the table (the others are descriptions and text).
    pub is_table: bool,
}

/// Where the table sits in its main sheet: what ingest should find, and where each unit and
/// value is, so a test can check the cell references ingest reports.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TablePlacement {
    pub sheet: String,
    pub layout: Layout,
    /// 0-based rows holding header text (for `Long`: the column header row).
    pub header_rows: Vec<u32>,
    /// The first row of data.
    pub first_data_row: u32,
    /// The first column of values (indicators in wide shapes, units in the transposed one,
    /// the value column in the long one).
    pub first_value_col: u16,
    pub n_indicators: u32,
}

impl TablePlacement {
    /// The cell naming the unit of `spec.rows[row_idx]` (its first cell in the long shape).
    pub fn unit_cell(&self, row_idx: usize) -> CellRef {
        let r = row_no(row_idx);
        match self.layout {
            Layout::Wide => CellRef::new(self.first_data_row + r, 1),
            Layout::Transposed => CellRef::new(3, u32::from(self.first_value_col) + r),
            Layout::Long => CellRef::new(self.first_data_row + r * self.n_indicators, 2),
        }
    }

    /// The cell holding the value of `spec.rows[row_idx]` for `spec.indicators[indicator_idx]`.
    pub fn value_cell(&self, row_idx: usize, indicator_idx: usize) -> CellRef {
        let (r, i) = (row_no(row_idx), row_no(indicator_idx));
        let first_col = u32::from(self.first_value_col);
        match self.layout {
            Layout::Wide => CellRef::new(self.first_data_row + r, first_col + i),
            Layout::Transposed => CellRef::new(self.first_data_row + i, first_col + r),
            Layout::Long => {
                CellRef::new(self.first_data_row + r * self.n_indicators + i, first_col)
            }
        }
    }

    /// The header cell with the indicator's name (its first row in the long shape).
    pub fn indicator_cell(&self, indicator_idx: usize) -> CellRef {
        let i = row_no(indicator_idx);
        match self.layout {
            Layout::Wide => CellRef::new(
                self.header_rows.last().copied().unwrap_or(0),
                u32::from(self.first_value_col) + i,
            ),
            Layout::Transposed => CellRef::new(self.first_data_row + i, 2),
            Layout::Long => CellRef::new(self.first_data_row + i, 6),
        }
    }
}

/// The sheets of `spec` written as `shape`, in workbook order.
pub fn plan_sheets(spec: &TableSpec, shape: Shape) -> Vec<SheetPlan> {
    match shape {
        Shape::Wide { header_rows } => vec![plan_wide(spec, header_rows.clamp(1, 3), 0)],
        Shape::WideWithDescriptions => vec![plan_wide(spec, 1, 0), plan_descriptions(spec)],
        Shape::Transposed => vec![plan_transposed(spec)],
        Shape::Long => vec![plan_long(spec)],
        Shape::Template => vec![
            plan_contents(spec),
            plan_about(spec),
            plan_template_table(spec),
        ],
    }
}

/// The sheet names of `spec` written as `shape`.
pub fn sheet_names(spec: &TableSpec, shape: Shape) -> Vec<String> {
    plan_sheets(spec, shape)
        .into_iter()
        .map(|s| s.name)
        .collect()
}

/// Where the table of `spec` written as `shape` sits.
pub fn placement(spec: &TableSpec, shape: Shape) -> TablePlacement {
    let sheet = table_sheet_name(spec, shape);
    let n_indicators = row_no(spec.indicators.len());
    let wide = |header_rows: Vec<u32>, first_data_row: u32| TablePlacement {
        sheet: sheet.clone(),
        layout: Layout::Wide,
        header_rows,
        first_data_row,
        first_value_col: GROUPING_COLS,
        n_indicators,
    };
    match shape {
        Shape::Wide { header_rows } => {
            let h = u32::from(header_rows.clamp(1, 3));
            wide(
                (WIDE_HEADER_ROW..WIDE_HEADER_ROW + h).collect(),
                WIDE_HEADER_ROW + h,
            )
        }
        Shape::WideWithDescriptions => wide(vec![WIDE_HEADER_ROW], WIDE_HEADER_ROW + 1),
        Shape::Template => wide(vec![3], 4),
        Shape::Transposed => TablePlacement {
            sheet,
            layout: Layout::Transposed,
            header_rows: vec![2, 3],
            first_data_row: 4,
            first_value_col: 3,
            n_indicators,
        },
        Shape::Long => TablePlacement {
            sheet,
            layout: Layout::Long,
            header_rows: vec![1],
            first_data_row: 2,
            first_value_col: 7,
            n_indicators,
        },
    }
}

/// The workbook of `spec` in `shape`, byte for byte the same on every run.
pub fn to_xlsx(spec: &TableSpec, shape: Shape) -> Result<Vec<u8>, XlsxError> {
    plans_to_xlsx(&plan_sheets(spec, shape), &spec.title, spec.year)
}

/// Renders sheet plans as an xlsx workbook titled `title`, its creation time fixed in `year` so
/// the bytes are the same on every run.
pub fn plans_to_xlsx(plans: &[SheetPlan], title: &str, year: u16) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let created = ExcelDateTime::from_ymd(year.clamp(1900, 9999), 6, 1)?.and_hms(8, 0, 0)?;
    let properties = DocProperties::new()
        .set_title(title)
        .set_author("ÖJ-analys (fiktiva exempeldata)")
        .set_company("Fiktiva exempeldata – inte Socialstyrelsens siffror")
        .set_comment("Genererad av ÖJ-analys för test och demonstration. Alla svar är påhittade.")
        .set_creation_datetime(&created);
    workbook.set_properties(&properties);
    let formats = Formats::new();
    for plan in plans {
        let sheet = workbook.add_worksheet();
        sheet.set_name(&plan.name)?;
        for (col, width) in &plan.widths {
            sheet.set_column_width(*col, *width)?;
        }
        for (row, height) in &plan.heights {
            sheet.set_row_height(*row, *height)?;
        }
        for merge in &plan.merges {
            sheet.merge_range(
                merge.first_row,
                merge.first_col,
                merge.last_row,
                merge.last_col,
                &merge.text,
                &formats.header,
            )?;
        }
        for (row, col, cell) in &plan.cells {
            match cell {
                PlannedCell::Text(text, style) => {
                    sheet.write_string_with_format(*row, *col, text, formats.of(*style))?;
                }
                PlannedCell::Number(n, style) => {
                    sheet.write_number_with_format(*row, *col, *n, formats.of(*style))?;
                }
            }
        }
        if let Some((row, col)) = plan.freeze {
            sheet.set_freeze_panes(row, col)?;
        }
    }
    workbook.save_to_buffer()
}

/// Ja/Nej answers of three kommuner and riket in a `;`-separated csv whose header and rows
/// name no area: the smallest table that reads but cannot be scored until the user says which
/// area it is (Tolkning in the page, `--omrade` in the CLI).
pub fn answers_naming_no_area() -> Vec<u8> {
    [
        "Kommun;Rutin för samverkan;Plan för uppföljning;Kartläggning",
        "Tyresö;Ja;Nej;Ja",
        "Nacka;Ja;Ja;Ja",
        "Huddinge;Nej;Ja;Nej",
        "Riket;60;40;55",
    ]
    .map(|line| format!("{line}\n"))
    .concat()
    .into_bytes()
}

/// The table of `spec` in `shape` as csv: only the table's sheet (a csv file has one), merged
/// header text in the first cell of its range. With `;` as delimiter numbers get a decimal
/// comma, as Swedish Excel writes them. Characters Windows-1252 lacks become `?`. Rows and
/// columns are those of the xlsx sheet, so [`placement`] holds for the csv too.
pub fn to_csv(spec: &TableSpec, shape: Shape, encoding: Encoding, delimiter: u8) -> Vec<u8> {
    let plans = plan_sheets(spec, shape);
    let Some(plan) = plans.iter().find(|p| p.is_table) else {
        return Vec::new();
    };
    let decimal_comma = delimiter == b';';
    // Dense grid of the plan.
    let mut grid: Vec<Vec<String>> = Vec::new();
    let mut put = |row: u32, col: u16, text: String| {
        let (r, c) = (row as usize, usize::from(col));
        if grid.len() <= r {
            grid.resize(r + 1, Vec::new());
        }
        if let Some(line) = grid.get_mut(r) {
            if line.len() <= c {
                line.resize(c + 1, String::new());
            }
            if let Some(slot) = line.get_mut(c) {
                *slot = text;
            }
        }
    };
    for merge in &plan.merges {
        put(merge.first_row, merge.first_col, merge.text.clone());
    }
    for (row, col, cell) in &plan.cells {
        let text = match cell {
            PlannedCell::Text(t, _) => t.clone(),
            PlannedCell::Number(n, _) => number_text(*n, decimal_comma),
        };
        put(*row, *col, text);
    }
    // Written by hand rather than with the csv crate: a blank line must stay blank, as Excel
    // writes it, not become `""`.
    let delimiter_char = char::from(delimiter);
    let mut text = String::new();
    for line in &grid {
        let fields: Vec<String> = line
            .iter()
            .map(|field| {
                let needs_quotes = field.contains(delimiter_char)
                    || field.contains('"')
                    || field.contains('\n')
                    || field.contains('\r');
                if needs_quotes {
                    format!("\"{}\"", field.replace('"', "\"\""))
                } else {
                    field.clone()
                }
            })
            .collect();
        text.push_str(&fields.join(&delimiter_char.to_string()));
        text.push_str("\r\n");
    }
    match encoding {
        Encoding::Utf8Bom => {
            let mut out = vec![0xEF, 0xBB, 0xBF];
            out.extend_from_slice(text.as_bytes());
            out
        }
        Encoding::Windows1252 => {
            let mut out = Vec::with_capacity(text.len());
            let mut buffer = [0u8; 4];
            for ch in text.chars() {
                let (bytes, _, had_errors) =
                    encoding_rs::WINDOWS_1252.encode(ch.encode_utf8(&mut buffer));
                if had_errors {
                    out.push(b'?');
                } else {
                    out.extend_from_slice(&bytes);
                }
            }
            out
        }
    }
}

/// A number as a csv cell: every digit, a decimal comma on request.
fn number_text(n: f64, decimal_comma: bool) -> String {
    if decimal_comma {
        crate::sv::exact(n)
    } else {
        n.to_string()
    }
}

// ---------------------------------------------------------------------------------------------
// Plans

/// The row of the first header row in the wide shapes (title in row 0, row 1 empty).
const WIDE_HEADER_ROW: u32 = 2;
/// Kod, Kommun, Län, Kommungrupp SKR 2017.
const GROUPING_COLS: u16 = 4;
const GROUPING_HEADERS: [&str; 4] = ["Kod", "Kommun", ATTR_LAN, ATTR_KOMMUNGRUPP];

fn table_sheet_name(spec: &TableSpec, shape: Shape) -> String {
    match shape {
        Shape::Template => "Tabell 1".into(),
        Shape::Long => "Data".into(),
        _ => area_short(spec.area).into(),
    }
}

fn col(i: usize) -> u16 {
    u16::try_from(i).unwrap_or(u16::MAX)
}

fn row_no(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

/// A cell of the table as planned: outcomes get their colour, aggregate numbers the share style.
pub(crate) fn planned(cell: &CellSpec, aggregate: bool) -> Option<PlannedCell> {
    match cell {
        CellSpec::Empty => None,
        CellSpec::Number(n) => Some(PlannedCell::Number(
            *n,
            if aggregate { Style::Share } else { Style::Body },
        )),
        CellSpec::Text(t) => {
            let style = match cell.outcome() {
                Some(Outcome::Ja) => Style::Ja,
                Some(Outcome::Delvis) => Style::Delvis,
                Some(Outcome::Nej) => Style::Nej,
                _ => Style::Body,
            };
            Some(PlannedCell::Text(t.clone(), style))
        }
    }
}

/// Runs of equal keys over the indicators: (first index, last index, key).
pub(crate) fn runs<K: PartialEq + Clone>(keys: &[K]) -> Vec<(usize, usize, K)> {
    let mut out: Vec<(usize, usize, K)> = Vec::new();
    for (i, key) in keys.iter().enumerate() {
        match out.last_mut() {
            Some((_, last, k)) if k == key => *last = i,
            _ => out.push((i, i, key.clone())),
        }
    }
    out
}

pub(crate) fn header_text(
    cells: &mut Vec<(u32, u16, PlannedCell)>,
    row: u32,
    col: u16,
    text: &str,
) {
    cells.push((row, col, PlannedCell::Text(text.to_owned(), Style::Header)));
}

/// Writes a group label over columns `first..=last` of `row`: merged when it spans several.
pub(crate) fn group_label(plan: &mut SheetPlan, row: u32, first: u16, last: u16, text: &str) {
    if first == last {
        header_text(&mut plan.cells, row, first, text);
    } else {
        plan.merges.push(Merge {
            first_row: row,
            first_col: first,
            last_row: row,
            last_col: last,
            text: text.to_owned(),
        });
    }
}

fn grouping_value(row: &super::spec::RowSpec, index: usize) -> Option<String> {
    match index {
        0 => row.code_cell.clone(),
        1 => Some(row.label.clone()),
        2 => row.attribute(ATTR_LAN).map(str::to_owned),
        _ => row.attribute(ATTR_KOMMUNGRUPP).map(str::to_owned),
    }
}

/// The wide table with `h` header rows, its first header row at `WIDE_HEADER_ROW + offset`
/// (offset is used by the template, whose header sits lower).
fn plan_wide(spec: &TableSpec, h: u8, offset: u32) -> SheetPlan {
    let mut plan = SheetPlan {
        name: area_short(spec.area).into(),
        cells: Vec::new(),
        merges: Vec::new(),
        freeze: None,
        widths: Vec::new(),
        heights: Vec::new(),
        is_table: true,
    };
    plan.cells
        .push((0, 0, PlannedCell::Text(spec.title.clone(), Style::Title)));
    let top = WIDE_HEADER_ROW + offset;
    let h32 = u32::from(h);
    let name_row = top + h32 - 1;
    for (i, header) in GROUPING_HEADERS.iter().enumerate() {
        if h > 1 {
            plan.merges.push(Merge {
                first_row: top,
                first_col: col(i),
                last_row: name_row,
                last_col: col(i),
                text: (*header).to_owned(),
            });
        } else {
            header_text(&mut plan.cells, name_row, col(i), header);
        }
    }
    add_indicator_headers(&mut plan, spec, h, top, GROUPING_COLS);
    let first_data = name_row + 1;
    add_wide_rows(&mut plan, spec, first_data);
    plan.freeze = Some((first_data, GROUPING_COLS));
    plan.widths = vec![(0, 7.0), (1, 30.0), (2, 20.0), (3, 12.0)];
    for i in 0..spec.indicators.len() {
        plan.widths.push((GROUPING_COLS + col(i), 16.0));
    }
    plan.heights.push((name_row, 96.0));
    plan
}

fn add_indicator_headers(plan: &mut SheetPlan, spec: &TableSpec, h: u8, top: u32, first_col: u16) {
    let name_row = top + u32::from(h) - 1;
    if h >= 2 {
        let qualities: Vec<String> = spec.indicators.iter().map(|i| i.quality.clone()).collect();
        for (first, last, label) in runs(&qualities) {
            group_label(
                plan,
                top,
                first_col + col(first),
                first_col + col(last),
                &label,
            );
        }
    }
    if h >= 3 {
        let areas: Vec<(String, Option<String>)> = spec
            .indicators
            .iter()
            .map(|i| (i.quality.clone(), i.indicator_area.clone()))
            .collect();
        for (first, last, (_, area)) in runs(&areas) {
            let label = area.unwrap_or_default();
            group_label(
                plan,
                top + 1,
                first_col + col(first),
                first_col + col(last),
                &label,
            );
        }
    }
    for (i, indicator) in spec.indicators.iter().enumerate() {
        header_text(
            &mut plan.cells,
            name_row,
            first_col + col(i),
            &indicator.name,
        );
    }
}

fn add_wide_rows(plan: &mut SheetPlan, spec: &TableSpec, first_data: u32) {
    for (r, row) in spec.rows.iter().enumerate() {
        let excel_row = first_data + row_no(r);
        for i in 0..GROUPING_HEADERS.len() {
            if let Some(value) = grouping_value(row, i) {
                plan.cells
                    .push((excel_row, col(i), PlannedCell::Text(value, Style::Body)));
            }
        }
        for (i, cell) in row.cells.iter().enumerate() {
            if let Some(p) = planned(cell, row.kind.is_aggregate()) {
                plan.cells.push((excel_row, GROUPING_COLS + col(i), p));
            }
        }
    }
}

/// The type column of the description sheet.
pub fn indicator_type_text(kind: &IndicatorKind) -> String {
    match kind {
        IndicatorKind::Categorical => "Ja/Delvis/Nej (andel Ja för län och riket)".into(),
        IndicatorKind::Numeric { direction, measure } => {
            let measure = measure.clone().unwrap_or_else(|| "tal".into());
            match direction {
                Some(Direction::HigherIsBetter) => {
                    format!("Numerisk, {measure}, högre värde är bättre")
                }
                Some(Direction::LowerIsBetter) => {
                    format!("Numerisk, {measure}, lägre värde är bättre")
                }
                None => format!("Numerisk, {measure}"),
            }
        }
    }
}

fn plan_descriptions(spec: &TableSpec) -> SheetPlan {
    let mut plan = SheetPlan {
        name: "Indikatorbeskrivningar".into(),
        cells: Vec::new(),
        merges: Vec::new(),
        freeze: Some((1, 0)),
        widths: vec![
            (0, 22.0),
            (1, 10.0),
            (2, 60.0),
            (3, 30.0),
            (4, 40.0),
            (5, 40.0),
        ],
        heights: Vec::new(),
        is_table: false,
    };
    for (c, header) in [
        "Verksamhetsområde",
        "Indikatorkod",
        "Indikator",
        "Kvalitetsområde",
        "Indikatorområde",
        "Typ",
    ]
    .iter()
    .enumerate()
    {
        header_text(&mut plan.cells, 0, col(c), header);
    }
    for (i, indicator) in spec.indicators.iter().enumerate() {
        let r = row_no(i) + 1;
        let values = [
            Some(spec.area_label.clone()),
            indicator.code.clone(),
            Some(indicator.name.clone()),
            Some(indicator.quality.clone()),
            indicator.indicator_area.clone(),
            Some(indicator_type_text(&indicator.kind)),
        ];
        for (c, value) in values.into_iter().enumerate() {
            if let Some(v) = value {
                plan.cells
                    .push((r, col(c), PlannedCell::Text(v, Style::Body)));
            }
        }
    }
    plan
}

fn plan_transposed(spec: &TableSpec) -> SheetPlan {
    let mut plan = SheetPlan {
        name: area_short(spec.area).into(),
        cells: vec![(0, 0, PlannedCell::Text(spec.title.clone(), Style::Title))],
        merges: Vec::new(),
        freeze: Some((4, 3)),
        widths: vec![(0, 28.0), (1, 30.0), (2, 50.0)],
        heights: vec![(3, 60.0)],
        is_table: true,
    };
    header_text(&mut plan.cells, 2, 2, "Kod");
    for (c, header) in ["Kvalitetsområde", "Indikatorområde", "Indikator"]
        .iter()
        .enumerate()
    {
        header_text(&mut plan.cells, 3, col(c), header);
    }
    for (u, row) in spec.rows.iter().enumerate() {
        let c = 3 + col(u);
        if let Some(code) = &row.code_cell {
            header_text(&mut plan.cells, 2, c, code);
        }
        header_text(&mut plan.cells, 3, c, &row.label);
        plan.widths.push((c, 12.0));
    }
    for (i, indicator) in spec.indicators.iter().enumerate() {
        let r = 4 + row_no(i);
        plan.cells.push((
            r,
            0,
            PlannedCell::Text(indicator.quality.clone(), Style::Body),
        ));
        if let Some(area) = &indicator.indicator_area {
            plan.cells
                .push((r, 1, PlannedCell::Text(area.clone(), Style::Body)));
        }
        plan.cells
            .push((r, 2, PlannedCell::Text(indicator.name.clone(), Style::Body)));
        for (u, row) in spec.rows.iter().enumerate() {
            if let Some(p) = row
                .cells
                .get(i)
                .and_then(|c| planned(c, row.kind.is_aggregate()))
            {
                plan.cells.push((r, 3 + col(u), p));
            }
        }
    }
    plan
}

fn plan_long(spec: &TableSpec) -> SheetPlan {
    let mut plan = SheetPlan {
        name: "Data".into(),
        cells: vec![(0, 0, PlannedCell::Text(spec.title.clone(), Style::Title))],
        merges: Vec::new(),
        freeze: Some((2, 0)),
        widths: vec![
            (0, 6.0),
            (1, 7.0),
            (2, 30.0),
            (3, 28.0),
            (4, 34.0),
            (5, 12.0),
            (6, 60.0),
            (7, 10.0),
        ],
        heights: Vec::new(),
        is_table: true,
    };
    for (c, header) in [
        "År",
        "Kod",
        "Enhet",
        "Kvalitetsområde",
        "Indikatorområde",
        "Indikatorkod",
        "Indikator",
        "Värde",
    ]
    .iter()
    .enumerate()
    {
        header_text(&mut plan.cells, 1, col(c), header);
    }
    let mut r = 2u32;
    for row in &spec.rows {
        for (i, indicator) in spec.indicators.iter().enumerate() {
            plan.cells
                .push((r, 0, PlannedCell::Number(f64::from(spec.year), Style::Body)));
            if let Some(code) = &row.code_cell {
                plan.cells
                    .push((r, 1, PlannedCell::Text(code.clone(), Style::Body)));
            }
            plan.cells
                .push((r, 2, PlannedCell::Text(row.label.clone(), Style::Body)));
            plan.cells.push((
                r,
                3,
                PlannedCell::Text(indicator.quality.clone(), Style::Body),
            ));
            if let Some(area) = &indicator.indicator_area {
                plan.cells
                    .push((r, 4, PlannedCell::Text(area.clone(), Style::Body)));
            }
            if let Some(code) = &indicator.code {
                plan.cells
                    .push((r, 5, PlannedCell::Text(code.clone(), Style::Body)));
            }
            plan.cells
                .push((r, 6, PlannedCell::Text(indicator.name.clone(), Style::Body)));
            if let Some(p) = row
                .cells
                .get(i)
                .and_then(|c| planned(c, row.kind.is_aggregate()))
            {
                plan.cells.push((r, 7, p));
            }
            r += 1;
        }
    }
    plan
}

/// The English name of an area, for the template's English title row.
fn area_english(area: Area) -> &'static str {
    match area {
        Area::EkonomisktBistand => "Financial assistance",
        Area::Missbruk => "Substance abuse and addiction care",
        Area::BarnOchUnga => "Social services for children and young people",
        Area::ValdINaraRelationer => "Domestic violence",
        Area::Hemloshet => "Homelessness and exclusion from the housing market",
        Area::Lss => "Support for persons with disabilities (LSS)",
        Area::Socialpsykiatri => "Social psychiatry",
        Area::Aldreomsorg => "Care of older people",
        Area::Krisberedskap => "Social services emergency preparedness",
        Area::Familjeratt => "Family law",
    }
}

fn template_title(spec: &TableSpec) -> String {
    format!(
        "Öppna jämförelser {} – {}, resultat per kommun, stadsdel, län och riket (FIKTIVA EXEMPELDATA)",
        spec.year, spec.area_label
    )
}

fn plan_contents(spec: &TableSpec) -> SheetPlan {
    let mut plan = SheetPlan {
        name: "Innehållsförteckning".into(),
        cells: Vec::new(),
        merges: Vec::new(),
        freeze: None,
        widths: vec![(0, 20.0), (1, 90.0), (2, 90.0)],
        heights: Vec::new(),
        is_table: false,
    };
    let text = |s: &str, style| PlannedCell::Text(s.to_owned(), style);
    plan.cells.push((
        1,
        0,
        text(
            &format!("Öppna jämförelser {} – {}", spec.year, spec.area_label),
            Style::Title,
        ),
    ));
    plan.cells.push((
        1,
        2,
        text(
            &format!(
                "Open comparisons {} – {}",
                spec.year,
                area_english(spec.area)
            ),
            Style::Title,
        ),
    ));
    plan.cells.push((3, 0, text("Innehåll", Style::Header)));
    plan.cells.push((4, 0, text("Om statistiken", Style::Body)));
    plan.cells.push((5, 0, text("Tabell 1", Style::Body)));
    plan.cells
        .push((5, 1, text(&template_title(spec), Style::Body)));
    plan.cells.push((5, 2, text(&format!("Open comparisons {} – {}, results by municipality, district, county and Sweden (FICTITIOUS EXAMPLE DATA)", spec.year, area_english(spec.area)), Style::Body)));
    plan
}

fn plan_about(spec: &TableSpec) -> SheetPlan {
    let lines = [
        "I den här sidan finns information om statistiken. Sidan innehåller även en knapp med en hyperlänk som tar dig tillbaka till innehållsförteckningen.".to_owned(),
        "Om statistiken".to_owned(),
        format!("Detta är FIKTIVA EXEMPELDATA för Öppna jämförelser {} – {}. Svaren är påhittade och beskriver ingen verklig kommun.", spec.year, spec.area_label),
        "På kommun- och stadsdelsnivå redovisas indikatorn som Ja, Delvis, Nej, Ej aktuellt eller Kan inte svara.".to_owned(),
        "På riks-, läns- och storstadsnivå redovisas andelen kommuner och stadsdelar med resultatet Ja av dem som svarat Ja, Delvis eller Nej. Andelen redovisas inte (..) där Ej aktuellt, Kan inte svara och bortfall tillsammans överstiger 20 procent.".to_owned(),
    ];
    SheetPlan {
        name: "Om statistiken".into(),
        cells: lines
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let style = if i == 1 { Style::Title } else { Style::Note };
                (row_no(i), 0, PlannedCell::Text(l.clone(), style))
            })
            .collect(),
        merges: Vec::new(),
        freeze: None,
        widths: vec![(0, 130.0)],
        heights: Vec::new(),
        is_table: false,
    }
}

fn plan_template_table(spec: &TableSpec) -> SheetPlan {
    let title = template_title(spec);
    let mut plan = SheetPlan {
        name: "Tabell 1".into(),
        cells: Vec::new(),
        merges: Vec::new(),
        freeze: Some((4, GROUPING_COLS)),
        widths: vec![(0, 7.0), (1, 30.0), (2, 20.0), (3, 12.0)],
        heights: vec![(3, 96.0)],
        is_table: true,
    };
    let text = |s: String, style| PlannedCell::Text(s, style);
    plan.cells.push((0, 0, text(format!("Sidan innehåller en tabell om {title}. Sidan innehåller även en knapp med en hyperlänk som tar dig tillbaka till innehållsförteckningen"), Style::Note)));
    plan.cells
        .push((1, 0, text(format!("Tabell 1. {title}"), Style::Title)));
    plan.cells.push((2, 0, text(format!("Table 1. Open comparisons {} – {}, results by municipality, district, county and Sweden (FICTITIOUS EXAMPLE DATA)", spec.year, area_english(spec.area)), Style::Note)));
    for (i, header) in GROUPING_HEADERS.iter().enumerate() {
        header_text(&mut plan.cells, 3, col(i), header);
    }
    add_indicator_headers(&mut plan, spec, 1, 3, GROUPING_COLS);
    add_wide_rows(&mut plan, spec, 4);
    for i in 0..spec.indicators.len() {
        plan.widths.push((GROUPING_COLS + col(i), 16.0));
    }
    let after = 4 + row_no(spec.rows.len()) + 1;
    plan.cells.push((
        after,
        0,
        text("Källa: Socialstyrelsen.".into(), Style::Note),
    ));
    plan.cells.push((after + 1, 0, text("Anm. Fiktiva exempeldata framtagna för ÖJ-analys; svaren beskriver ingen verklig kommun. Län, storstäder och riket redovisas som andel (procent) med Ja.".into(), Style::Note)));
    plan
}

// ---------------------------------------------------------------------------------------------
// Formats

struct Formats {
    title: Format,
    header: Format,
    body: Format,
    ja: Format,
    delvis: Format,
    nej: Format,
    share: Format,
    note: Format,
}

impl Formats {
    fn new() -> Formats {
        let cell = Format::new()
            .set_border(FormatBorder::Thin)
            .set_border_color(Color::RGB(0xBFBFBF));
        Formats {
            title: Format::new().set_bold().set_font_size(13),
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_border(FormatBorder::Thin)
                .set_background_color(Color::RGB(0xDDE6F0)),
            body: cell.clone(),
            ja: cell.clone().set_background_color(Color::RGB(0xC6EFCE)),
            delvis: cell.clone().set_background_color(Color::RGB(0xFFEB9C)),
            nej: cell.clone().set_background_color(Color::RGB(0xFFC7CE)),
            share: cell.set_italic(),
            note: Format::new().set_italic(),
        }
    }

    fn of(&self, style: Style) -> &Format {
        match style {
            Style::Title => &self.title,
            Style::Header => &self.header,
            Style::Body => &self.body,
            Style::Ja => &self.ja,
            Style::Delvis => &self.delvis,
            Style::Nej => &self.nej,
            Style::Share => &self.share,
            Style::Note => &self.note,
        }
    }
}
