//! The plan of every layout the readers know, as a snapshot: a small grid written as a text
//! table goes in, the printed plan of each of its tables comes out. A new layout is a new case
//! here, then the smallest rule that makes its plan right.
//!
//! Grid syntax: one line per row, cells between `|`; an empty cell is empty, a number is a
//! number, `'2020` is the text "2020", `<` merges the cell into the one on its left (a merged
//! band), and a blank line is an empty row. `UPDATE_EXPECT=1 cargo test --lib plan_tests`
//! rewrites the snapshots; review the diff.

use expect_test::{expect, Expect};

use super::block::{self, BlockCtx};
use super::plan::{self, Planned};
use super::{each_block, SheetOverride};
use crate::ingest::grid::{CellValue, Grid, Merge};
use crate::ingest::units::LabelCache;

/// A grid from the text table syntax above.
fn grid(name: &str, table: &str) -> Grid {
    let lines: Vec<&str> = table.trim_matches('\n').lines().collect();
    let mut cells = Vec::new();
    let mut merges: Vec<Merge> = Vec::new();
    for (r, line) in lines.iter().enumerate() {
        let line = line.trim();
        let inner = line.strip_prefix('|').unwrap_or(line);
        let inner = inner.strip_suffix('|').unwrap_or(inner);
        if inner.trim().is_empty() {
            continue;
        }
        for (c, text) in inner.split('|').map(str::trim).enumerate() {
            let (r, c) = (r as u32, c as u32);
            match text {
                "" => {}
                "<" => match merges.last_mut() {
                    Some(m) if m.first_row == r && m.last_col + 1 == c => m.last_col = c,
                    _ => merges.push(Merge {
                        first_row: r,
                        first_col: c - 1,
                        last_row: r,
                        last_col: c,
                    }),
                },
                t => cells.push((r, c, cell(t))),
            }
        }
    }
    Grid::new(name, cells, merges)
}

fn cell(text: &str) -> CellValue {
    if let Some(t) = text.strip_prefix('\'') {
        return CellValue::Text(t.to_owned());
    }
    match text.parse::<f64>() {
        Ok(n) if !text.starts_with('0') || text == "0" || text.starts_with("0.") => {
            CellValue::Number(n)
        }
        _ => CellValue::Text(text.to_owned()),
    }
}

/// The printed plans of the sheet's tables (or why a block holds none).
fn plans(grid: &Grid, sheet_override: Option<&SheetOverride>) -> String {
    let mut cache = LabelCache::default();
    let printed = each_block(
        grid,
        sheet_override,
        |ctx: &BlockCtx<'_>| match block::analyse(ctx, &mut cache) {
            Ok(analysis) => match plan::plan(ctx, &analysis, &mut cache) {
                Planned::Rows(plan, _) | Planned::Transposed(plan) => plan.to_string(),
            },
            Err(reason) => format!("no table: {reason}\n"),
        },
    );
    printed.join("---\n")
}

fn check(table: &str, expected: Expect) {
    expected.assert_eq(&plans(&grid("Blad1", table), None));
}

fn check_with(sheet_override: &SheetOverride, table: &str, expected: Expect) {
    expected.assert_eq(&plans(&grid("Blad1", table), Some(sheet_override)));
}

#[test]
fn wide_with_one_header_row_and_groupings() {
    check(
        "
        | Kod  | Kommun    | Län            | Kommungrupp (SKR 2017) | Rutin för samverkan | Väntetid (dagar) |
        | 0138 | Tyresö    | Stockholms län | B3                     | Ja                  | 12               |
        | 0182 | Nacka     | Stockholms län | B3                     | Nej                 | 9                |
        | 0180 | Stockholm | Stockholms län | A1                     | Delvis              | 21               |
        |      | Riket     |                |                        | 61                  | 14               |
        ",
        expect![[r#"
            wide; header rows 1; data rows 2–5
            units: column B (4 distinct labels match units)
            A "Kod": unit code (its header says so)
            B "Kommun": unit (4 distinct labels match units)
            C "Län": grouping (its header says so)
            D "Kommungrupp (SKR 2017)": grouping (its header says so)
            E: "Rutin för samverkan" at E1
            F: "Väntetid (dagar)" measured in "dagar" at F1
        "#]],
    );
}

#[test]
fn wide_with_two_header_rows_quality_merged_over_names() {
    check(
        "
        |        | Kunskapsbaserad verksamhet | <      | Säker vård och omsorg |
        | Kommun | Plan för kompetens         | Rutin  | Socialjour            |
        | Tyresö | Ja                         | Nej    | Ja             |
        | Nacka  | Nej                        | Ja     | Ja             |
        | Riket  | 40                         | 55     | 70             |
        ",
        expect![[r#"
            wide; header rows 1–2; data rows 3–5
            units: column A (3 distinct labels match units)
            A "Kommun": unit (3 distinct labels match units)
            B: "Plan för kompetens" in Kunskapsbaserad verksamhet at B2
            C: "Rutin" in Kunskapsbaserad verksamhet at C2
            D: "Socialjour" in Säker vård och omsorg (= Trygghet och säkerhet) at D2
        "#]],
    );
}

#[test]
fn wide_with_three_header_rows_and_a_band_centred_across() {
    // The indikatorområde "Samverkan" is written once over two columns, not merged.
    check(
        "
        |        | Helhetssyn och samordning | <      | <         | <      |
        |        | Intern samordning         | <      | Samverkan |        |
        | Kommun | Ind A                     | Ind B  | Ind C     | Ind D  |
        | Tyresö | Ja                        | Nej    | Ja        | Ja     |
        | Nacka  | Nej                       | Ja     | Ja        | Nej    |
        | Huddinge | Ja                      | Ja     | Nej       | Nej    |
        | Botkyrka | Nej                     | Nej    | Ja        | Ja     |
        | Riket  | 40                        | 55     | 70        | 35     |
        ",
        expect![[r#"
            wide; header rows 1–3; data rows 4–8
            units: column A (5 distinct labels match units)
            A "Kommun": unit (5 distinct labels match units)
            B: "Ind A" in Helhetssyn och samordning > Intern samordning at B3
            C: "Ind B" in Helhetssyn och samordning > Intern samordning at C3
            D: "Ind C" in Helhetssyn och samordning > Samverkan at D3
            E: "Ind D" in Helhetssyn och samordning > Samverkan at E3
        "#]],
    );
}

#[test]
fn wide_with_four_header_rows_a_title_band_over_the_hierarchy() {
    check(
        "
        |          | Öppna jämförelser 2020     | <            | <                     |
        |          | Kunskapsbaserad verksamhet | <            | Trygghet och säkerhet |
        |          | Uppföljning                | Kompetens    | Våld                  |
        | Kommun   | Aktuell plan               | Utbildning   | Rutin vid våld        |
        | Tyresö   | Ja                         | Ja           | Nej                   |
        | Nacka    | Nej                        | Delvis       | Ja                    |
        | Huddinge | Ja                         | Nej          | Ja                    |
        | Botkyrka | Nej                        | Ja           | Nej                   |
        | Salem    | Ja                         | Ja           | Ja                    |
        | Riket    | 40                         | 55           | 70                    |
        ",
        expect![[r#"
            wide; header rows 1–4; data rows 5–10
            units: column A (6 distinct labels match units)
            A "Kommun": unit (6 distinct labels match units)
            B: "Aktuell plan" in Kunskapsbaserad verksamhet > Uppföljning at B4
            C: "Utbildning" in Kunskapsbaserad verksamhet > Kompetens at C4
            D: "Rutin vid våld" in Trygghet och säkerhet > Våld at D4
            header text B1: "Öppna jämförelser 2020"
        "#]],
    );
}

#[test]
fn a_row_of_codes_under_the_quality_areas() {
    check(
        "
        |          | Kunskapsbaserad verksamhet | <                       | Trygghet och säkerhet |
        |          | E1                         | E2                      | E3                    |
        | Kommun   | Aktuell plan               | Systematisk uppföljning | Rutin vid våld        |
        | Tyresö   | Ja                         | Ja                      | Nej                   |
        | Nacka    | Nej                        | Delvis                  | Ja                    |
        | Huddinge | Ja                         | Nej                     | Ja                    |
        | Botkyrka | Nej                        | Ja                      | Nej                   |
        | Riket    | 40                         | 55                      | 70                    |
        ",
        expect![[r#"
            wide; header rows 1–3; data rows 4–8
            units: column A (5 distinct labels match units)
            A "Kommun": unit (5 distinct labels match units)
            B: "Aktuell plan" [E1] in Kunskapsbaserad verksamhet at B3
            C: "Systematisk uppföljning" [E2] in Kunskapsbaserad verksamhet at C3
            D: "Rutin vid våld" [E3] in Trygghet och säkerhet at D3
        "#]],
    );
}

#[test]
fn an_ambiguous_quality_label_and_a_column_without_header() {
    check(
        "
        |        | Individanpassad vård och omsorg | Kunskapsbaserad verksamhet |
        | Kommun | Individuell plan                | Rutin                      |
        | Tyresö | Ja                              | Nej                        |
        | Nacka  | Nej                             | Ja                         |
        | Riket  | 50                              | 45                         |
        ",
        expect![[r#"
            wide; header rows 1–2; data rows 3–5
            units: column A (3 distinct labels match units)
            A "Kommun": unit (3 distinct labels match units)
            B: "Individuell plan" in Individanpassad vård och omsorg (no quality area) at B2
            C: "Rutin" in Kunskapsbaserad verksamhet at C2
            ambiguous quality label: "Individanpassad vård och omsorg"
        "#]],
    );
    check(
        "
        | Kommun | Rutin |     |
        | Tyresö | Ja    | Ja  |
        | Nacka  | Nej   | Nej |
        ",
        expect![[r#"
            wide; header rows 1; data rows 2–3
            units: column A (2 distinct labels match units)
            A "Kommun": unit (2 distinct labels match units)
            B: "Rutin" at B1
            C: "Kolumn C" (no header) at C1
        "#]],
    );
}

#[test]
fn years_in_columns_are_one_indicator_over_an_ar_dimension() {
    // A single text over part of the value columns notes the measure.
    check(
        "
        | Tabell 2. Personer med stroke efter län, 2019–2021 |
        |                 | Andel i procent |      |      |
        | Län             | 2019            | 2020 | 2021 |
        | Stockholms län  | 12              | 13   | 11   |
        | Uppsala län     | 10              | 9    | 14   |
        | Riket           | 11              | 12   | 12   |
        ",
        expect![[r#"
            wide; header rows 2–3; data rows 4–6
            title: "Tabell 2. Personer med stroke efter län, 2019–2021"
            units: column A (3 distinct labels match units)
            A "Län": unit (3 distinct labels match units)
            B 2019, C 2020, D 2021: "Personer med stroke efter län, 2019–2021" measured in "Andel i procent" at A1
            dimensions: År (time)
        "#]],
    );
}

#[test]
fn a_table_without_units_is_riket_with_its_dimensions() {
    check(
        "
        | Kön     | Ålder | 2019 | 2020 |
        | Män     | 0–64  | 3    | 4    |
        |         | 65–   | 5    | 6    |
        | Kvinnor | 0–64  | 2    | 3    |
        |         | 65–   | 7    | 8    |
        ",
        expect![[r#"
            wide; header rows 1; data rows 2–5
            units: riket, implied (the best column matches 0)
            A "Kön": dimension (its header says so, filled down)
            B "Ålder": dimension (its header says so)
            C 2019, D 2020: "Blad1" at A1
            dimensions: Kön, Ålder, År (time)
        "#]],
    );
}

#[test]
fn labels_spanning_rows_are_filled_down() {
    check(
        "
        | Region         | Kön     | Antal |
        | Stockholms län | Män     | 3     |
        |                | Kvinnor | 4     |
        | Uppsala län    | Män     | 5     |
        |                | Kvinnor | 6     |
        | Riket          | Män     | 7     |
        |                | Kvinnor | 8     |
        ",
        expect![[r#"
            wide; header rows 1; data rows 2–7
            units: column A (3 distinct labels match units)
            A "Region": unit (3 distinct labels match units, filled down)
            B "Kön": dimension (its header says so)
            C: "Antal" at C1
            dimensions: Kön
        "#]],
    );
}

#[test]
fn long_table_with_the_hierarchy_in_columns() {
    check(
        "
        | År   | Kod  | Kommun | Kvalitetsområde            | Indikatorområde | Indikatorkod | Indikator    | Värde |
        | 2020 | 0138 | Tyresö | Kunskapsbaserad verksamhet | Uppföljning     | E1           | Aktuell plan | Ja    |
        | 2020 | 0138 | Tyresö | Tillgänglighet             | Väntetid        | E2           | Socialjour   | Nej   |
        | 2020 | 0182 | Nacka  | Kunskapsbaserad verksamhet | Uppföljning     | E1           | Aktuell plan | Nej   |
        | 2020 | 0182 | Nacka  | Tillgänglighet             | Väntetid        | E2           | Socialjour   | Ja    |
        ",
        expect![[r#"
            long; header rows 1; data rows 2–5
            units: column C (2 distinct labels match units)
            A "År": dimension (its header says so)
            B "Kod": unit code (its header says so)
            C "Kommun": unit (2 distinct labels match units)
            D "Kvalitetsområde": kvalitetsområde (its header says so)
            E "Indikatorområde": indikatorområde (its header says so)
            F "Indikatorkod": indicator code (its header says so)
            G "Indikator": indicator (its header says so)
            values: H "Värde"
            dimensions: År (time)
        "#]],
    );
}

#[test]
fn long_table_whose_indicator_column_is_unheaded_by_a_known_word() {
    // Statistikdatabasen's export: a title row, Månad and Läkemedel beside the region, one value.
    check(
        "
        | Läkemedelsstatistik |
        | Månad     | Läkemedel      | Region         | Kön        | Ålder | Expedieringar/1000 invånare |
        | Mars 2024 | Antihistaminer | Stockholms län | Båda könen | 0-85+ | 41,5 |
        | Mars 2024 | Kortison       | Stockholms län | Båda könen | 0-85+ | 12,1 |
        | Maj 2024  | Antihistaminer | Stockholms län | Båda könen | 0-85+ | 52,0 |
        | Maj 2024  | Kortison       | Stockholms län | Båda könen | 0-85+ | 10,9 |
        | Mars 2024 | Antihistaminer | Riket          | Båda könen | 0-85+ | 39,0 |
        | Mars 2024 | Kortison       | Riket          | Båda könen | 0-85+ | 11,0 |
        | Källa: Socialstyrelsens statistikdatabas |
        ",
        expect![[r#"
            long; header rows 2; data rows 3–8
            title: "Läkemedelsstatistik"
            footnote: "Källa: Socialstyrelsens statistikdatabas"
            units: column C (2 distinct labels match units)
            A "Månad": dimension (its header says so)
            B "Läkemedel": indicator (few value columns and it varies within units)
            C "Region": unit (2 distinct labels match units)
            D "Kön": dimension (its header says so)
            E "Ålder": dimension (its header says so)
            values: F "Expedieringar/1000 invånare"
            dimensions: Månad, Kön, Ålder (time)
        "#]],
    );
}

#[test]
fn transposed_with_section_rows_an_attribute_row_and_a_code_row() {
    check(
        "
        | Kod                        | '0138  | '0182 | '1480    |
        | Kommungrupp                | B3     | B3    | A1       |
        | Indikator                  | Tyresö | Nacka | Göteborg |
        | Kunskapsbaserad verksamhet |        |       |          |
        | Aktuell plan               | Ja     | Nej   | Ja       |
        | Uppföljning                | Nej    | Nej   | Ja       |
        | Tillgänglighet             |        |       |          |
        | Socialjour                 | Ja     | Ja    | Nej      |
        ",
        expect![[r#"
            transposed; header rows 1–3; data rows 4–8
            units: row 3 "Indikator" (3 distinct labels match units, the best column 0); row 2 "Kommungrupp" gives attributes; row 1 gives codes
            A "Indikator": indicator (its header says so)
            values: B, C, D
        "#]],
    );
}

#[test]
fn transposed_with_the_hierarchy_in_label_columns() {
    check(
        "
        | Kvalitetsområde            | Indikatorområde | Kod | Indikator        | Tyresö | Nacka | Riket |
        | Kunskapsbaserad verksamhet | Uppföljning     | E1  | Aktuell plan     | Ja     | Nej   | 40    |
        | Kunskapsbaserad verksamhet | Uppföljning     | E2  | Brukarundersökning | Nej  | Ja    | 35    |
        | Tillgänglighet             | Jour            | E3  | Socialjour (dagar) | 3    | 5     | 4     |
        ",
        expect![[r#"
            transposed; header rows 1; data rows 2–4
            units: row 1 "Indikator" (3 distinct labels match units, the best column 0)
            A "Kvalitetsområde": kvalitetsområde (its header says so)
            B "Indikatorområde": indikatorområde (its header says so)
            C "Kod": indicator code (its header says so)
            D "Indikator": indicator (its header says so)
            values: E, F, G
        "#]],
    );
}

#[test]
fn transposed_with_unheaded_label_columns_read_by_content() {
    check(
        "
        |                            |     |                | Tyresö | Nacka |
        | Kunskapsbaserad verksamhet | E1  | Aktuell plan   | Ja     | Nej   |
        | Självbestämmande och integritet | E2 | Genomförandeplan | Nej | Ja |
        | Tillgänglighet             | E3  | Socialjour     | Ja     | Ja    |
        ",
        expect![[r#"
            transposed; header rows 1; data rows 2–4
            units: row 1 "" (2 distinct labels match units, the best column 0)
            A "Kolumn A": kvalitetsområde (half quality labels)
            B "Kolumn B": indicator code (four fifths codes)
            C "Kolumn C": indicator (the rightmost label column)
            values: D, E
        "#]],
    );
}

#[test]
fn socialstyrelsens_template_with_titles_and_footnotes() {
    check(
        "
        | Sidan innehåller en tabell om ekonomiskt bistånd. |
        | Tabell 1. Ekonomiskt bistånd 2020 |
        | Table 1. Economic assistance 2020 |
        | Kommun | Aktuell plan | Socialjour |
        | Tyresö | Ja           | Nej        |
        | Nacka  | Nej          | Ja         |
        | Källa: Socialstyrelsen. |
        | Anm. Fiktiva uppgifter. |
        ",
        expect![[r#"
            wide; header rows 4; data rows 5–6
            title: "Tabell 1. Ekonomiskt bistånd 2020"
            english title: "Table 1. Economic assistance 2020"
            footnote: "Källa: Socialstyrelsen."
            footnote: "Anm. Fiktiva uppgifter."
            units: column A (2 distinct labels match units)
            A "Kommun": unit (2 distinct labels match units)
            B: "Aktuell plan" at B4
            C: "Socialjour" at C4
        "#]],
    );
}

#[test]
fn several_tables_on_one_sheet() {
    check(
        "
        | Tabell 1. Män |
        | Län            | 2020 | 2021 |
        | Stockholms län | 3    | 4    |
        | Uppsala län    | 5    | 6    |

        | Tabell 2. Kvinnor |
        | Län            | 2020 | 2021 |
        | Stockholms län | 7    | 8    |
        | Uppsala län    | 9    | 10   |
        ",
        expect![[r#"
            wide; header rows 2; data rows 3–4
            title: "Tabell 1. Män"
            units: column A (2 distinct labels match units)
            A "Län": unit (2 distinct labels match units)
            B 2020, C 2021: "Män" at A1
            dimensions: År (time)
            ---
            wide; header rows 7; data rows 8–9
            title: "Tabell 2. Kvinnor"
            units: column A (2 distinct labels match units)
            A "Län": unit (2 distinct labels match units)
            B 2020, C 2021: "Kvinnor" at A6
            dimensions: År (time)
        "#]],
    );
}

#[test]
fn service_units_with_their_kommun() {
    check(
        "
        | Kommun | Enhet             | Rutin för fall | Andel med plan |
        | Tyresö | Hemtjänst Norr    | Ja             | 80             |
        | Tyresö | Hemtjänst Syd     | Nej            | 75             |
        | Tyresö | Omsorgsbolaget AB | Ja             | 90             |
        | Nacka  | Nacka hemtjänst   | Delvis         | 60             |
        | Nacka  | Omsorgsbolaget AB | Ja             | 88             |
        | Riket  |                   | 40             | 77             |
        ",
        expect![[r#"
            wide; header rows 1; data rows 2–7
            units: column A (3 distinct labels match units)
            A "Kommun": unit (3 distinct labels match units)
            B "Enhet": enhet (its header says so)
            C: "Rutin för fall" at C1
            D: "Andel med plan" at D1
        "#]],
    );
}

#[test]
fn service_units_named_only_by_being_one_per_row() {
    check(
        "
        | Kommun | Namn     | Andel nöjda |
        | Tyresö | Norr     | 80          |
        | Tyresö | Syd      | 75          |
        | Tyresö | Öst      | 90          |
        | Nacka  | Västra   | 60          |
        | Nacka  | Centrala | 88          |
        ",
        expect![[r#"
            wide; header rows 1; data rows 2–6
            units: column A (2 distinct labels match units)
            A "Kommun": unit (2 distinct labels match units)
            B "Namn": enhet (almost every row its own label)
            C: "Andel nöjda" at C1
        "#]],
    );
}

#[test]
fn rows_split_by_regi_are_a_dimension() {
    check(
        "
        | Kommun | Regi      | Andel nöjda |
        | Tyresö | Offentlig | 81          |
        | Tyresö | Enskild   | 77          |
        | Nacka  | Offentlig | 85          |
        | Nacka  | Enskild   | 90          |
        ",
        expect![[r#"
            wide; header rows 1; data rows 2–5
            units: column A (2 distinct labels match units)
            A "Kommun": unit (2 distinct labels match units)
            B "Regi": dimension (its header says so)
            C: "Andel nöjda" at C1
            dimensions: Regi
        "#]],
    );
}

#[test]
fn a_constant_unheaded_column_is_a_grouping_and_a_varying_one_a_dimension() {
    check(
        "
        | Kommun | Område | Insats    | Väntetid | Andel | Antal |
        | Tyresö | Söder  | Boende    | 10       | 50    | 3     |
        | Tyresö | Söder  | Hemtjänst | 12       | 60    | 4     |
        | Nacka  | Öster  | Boende    | 8        | 70    | 5     |
        | Nacka  | Öster  | Hemtjänst | 9        | 40    | 6     |
        | Malmö  | Söder  | Boende    | 20       | 30    | 7     |
        | Malmö  | Söder  | Hemtjänst | 22       | 35    | 8     |
        ",
        expect![[r#"
            wide; header rows 1; data rows 2–7
            units: column A (3 distinct labels match units)
            A "Kommun": unit (3 distinct labels match units)
            B "Område": grouping (constant within each unit)
            C "Insats": dimension (varies within a unit)
            D: "Väntetid" at D1
            E: "Andel" at E1
            F: "Antal" at F1
            dimensions: Insats
        "#]],
    );
}

#[test]
fn a_code_column_names_the_units_when_no_name_column_does() {
    check(
        "
        | Kommunkod | Andel |
        | '0138     | 50    |
        | '0182     | 60    |
        | '0180     | 70    |
        | '0114     | 20    |
        | '0115     | 25    |
        | '0117     | 30    |
        | '0120     | 35    |
        | '0123     | 40    |
        ",
        expect![[r#"
            wide; header rows 1; data rows 2–9
            units: column A (2 distinct labels match units)
            A "Kommunkod": unit (2 distinct labels match units)
            B: "Andel" at B1
        "#]],
    );
}

#[test]
fn the_users_unit_column_and_header_rows() {
    let chosen = SheetOverride {
        sheet: "Blad1".into(),
        header_rows: Some(2),
        unit_column: Some(1),
        skip: false,
    };
    check_with(
        &chosen,
        "
        | Område | Namn   | Andel |
        | Nr     | Enhet  | %     |
        | 1      | Tyresö | 50    |
        | 2      | Nacka  | 60    |
        ",
        expect![[r#"
            wide; header rows 1–2; data rows 3–4
            units: column B (the user's choice)
            A "Nr": unit code (its header says so)
            B "Enhet": unit (the user's choice)
            C: "%" in Andel at C2
        "#]],
    );
}

#[test]
fn blocks_without_a_table_say_why() {
    check(
        "
        | Kommun | Län            |
        | Tyresö | Stockholms län |
        | Nacka  | Stockholms län |
        ",
        expect![[r#"
            no table: ingen kolumn med värden
        "#]],
    );
    check(
        "
        | Kommun | Andel | Antal |
        ",
        expect![[r#"
            no table: ingen kolumn med värden
        "#]],
    );
}

// ---------------------------------------------------------------------------------------------
// Today's ÖJ (issue 17): the unit column among sorting columns, years in one table, the model
// of 2023– (kvalitetsdimensioner, categories and types).

#[test]
fn a_lan_column_before_the_kommun_column_is_a_grouping() {
    // The Län column repeats its län on every row (riket's row says "Riket") and matches more
    // rows than the Kommun column, two of whose labels are unknown: the Kommun column's labels
    // are the rows' units, the Län column's only their län.
    check(
        "
        | Län            | Kommun          | Kommungrupp                   | Rutin för uppföljning |
        | Stockholms län | Stockholms län  |                               | 50                    |
        | Stockholms län | Tyresö          | Pendlingskommun nära storstad | Ja                    |
        | Stockholms län | Nacka           | Pendlingskommun nära storstad | Nej                   |
        | Stockholms län | Stockholm       | Storstäder                    | 50                    |
        | Stockholms län | Område Nord 1   | Storstäder                    | Ja                    |
        | Stockholms län | Område Syd 2    | Storstäder                    | Nej                   |
        | Riket          | Riket           |                               | 40                    |
        ",
        expect![[r#"
            wide; header rows 1; data rows 2–8
            units: column B (5 distinct labels match units)
            A "Län": grouping (its header says so)
            B "Kommun": unit (5 distinct labels match units)
            C "Kommungrupp": grouping (its header says so)
            D: "Rutin för uppföljning" at D1
        "#]],
    );
}

#[test]
fn a_lan_row_above_the_kommun_row_of_a_transposed_table_gives_attributes() {
    check(
        "
        |                 | Län     | Stockholms län | Stockholms län | Stockholms län | Stockholms län | Riket |
        |                 | Kommun  | Tyresö         | Nacka          | Lidingö        | Okänd          | Riket |
        | Kunskapsbaserad | Rutin A | Ja             | Nej            | Ja             | Ja             | 60    |
        | Säker           | Rutin B | Nej            | Ja             | Ja             | Nej            | 40    |
        ",
        expect![[r#"
            transposed; header rows 1–2; data rows 3–4
            units: row 2 "Kommun" (4 distinct labels match units, the best column 0); row 1 "Län" gives attributes
            A "Kolumn A": kvalitetsområde (half quality labels)
            B "Kommun": indicator (the rightmost label column)
            values: C, D, E, F, G
        "#]],
    );
}

#[test]
fn years_under_each_indicator_with_a_dimension_band_categories_and_types() {
    check(
        "
        |                |        | Kunskapsbaserad       | <    | Jämlik             | <    | Välfärdsindikatorer                    | <    |
        |                |        | Rutin för uppföljning | <    | Tolk vid behov     | <    | Andel med långvarigt bistånd, procent | <    |
        |                |        | Kvalitetsindikator    | <    | Kvalitetsindikator | <    | Välfärdsindikator                      | <    |
        |                |        | Struktur              | <    | Process            | <    | Resultat                               | <    |
        | Län            | Kommun | 2023                  | 2024 | 2023               | 2024 | 2023                                   | 2024 |
        | Stockholms län | Tyresö | Ja                    | Ja   |                    | Nej  | 1.2                                    | 1.1  |
        | Stockholms län | Nacka  | Nej                   | Ja   |                    | Ja   | 2.2                                    | 2.0  |
        | Stockholms län | Stockholms län | 50            | 100  |                    | 50   | 1.7                                    | 1.5  |
        ",
        expect![[r#"
            wide; header rows 1–5; data rows 6–8
            units: column B (3 distinct labels match units)
            A "Län": grouping (its header says so)
            B "Kommun": unit (3 distinct labels match units)
            C 2023, D 2024: "Rutin för uppföljning" in Kunskapsbaserad (= Kunskapsbaserad verksamhet) (kvalitetsindikator, struktur) at C2
            E 2023, F 2024: "Tolk vid behov" in Jämlik (no quality area) (kvalitetsindikator, process) at E2
            G 2023, H 2024: "Andel med långvarigt bistånd, procent" in Välfärdsindikatorer (no quality area) (välfärdsindikator, resultat) measured in "procent" at G2
            dimensions: År (time)
            ambiguous quality label: "Jämlik"
            ambiguous quality label: "Välfärdsindikatorer"
        "#]],
    );
}

#[test]
fn a_year_band_over_blocks_of_indicators() {
    check(
        "
        |                |        | 2023                  | <                   | 2024                  | <              | <                   |
        |                |        | Kunskapsbaserad       | Välfärdsindikatorer | Kunskapsbaserad       | Jämlik         | Välfärdsindikatorer |
        | Län            | Kommun | Rutin för uppföljning | Andel, procent      | Rutin för uppföljning | Tolk vid behov | Andel, procent      |
        | Stockholms län | Tyresö | Ja                    | 1.2                 | Ja                    | Nej            | 1.1                 |
        | Stockholms län | Nacka  | Nej                   | 2.2                 | Ja                    | Ja             | 2.0                 |
        | Stockholms län | Stockholms län | 50            | 1.7                 | 100                   | 50             | 1.5                 |
        ",
        expect![[r#"
            wide; header rows 1–3; data rows 4–6
            units: column B (3 distinct labels match units)
            A "Län": grouping (its header says so)
            B "Kommun": unit (3 distinct labels match units)
            C 2023, E 2024: "Rutin för uppföljning" in Kunskapsbaserad (= Kunskapsbaserad verksamhet) at C3
            D 2023, G 2024: "Andel, procent" in Välfärdsindikatorer (no quality area) measured in "procent" at D3
            F 2024: "Tolk vid behov" in Jämlik (no quality area) at F3
            dimensions: År (time)
            ambiguous quality label: "Välfärdsindikatorer"
            ambiguous quality label: "Jämlik"
        "#]],
    );
}

#[test]
fn long_table_with_years_dimensions_categories_and_types_in_columns() {
    check(
        "
        | Län            | Kommun | År   | Kvalitetsdimension | Kategori           | Typ      | Indikator      | Värde |
        | Stockholms län | Tyresö | 2023 | Kunskapsbaserad    | Kvalitetsindikator | Struktur | Rutin A        | Ja    |
        | Stockholms län | Tyresö | 2023 |                    | Välfärdsindikator  | Resultat | Andel, procent | 1.2   |
        | Stockholms län | Tyresö | 2024 | Kunskapsbaserad    | Kvalitetsindikator | Struktur | Rutin A        | Ja    |
        | Stockholms län | Nacka  | 2023 | Kunskapsbaserad    | Kvalitetsindikator | Struktur | Rutin A        | Nej   |
        | Stockholms län | Nacka  | 2023 |                    | Välfärdsindikator  | Resultat | Andel, procent | 2.2   |
        | Stockholms län | Nacka  | 2024 | Kunskapsbaserad    | Kvalitetsindikator | Struktur | Rutin A        | Ja    |
        ",
        expect![[r#"
            long; header rows 1; data rows 2–7
            units: column B (2 distinct labels match units)
            A "Län": grouping (its header says so)
            B "Kommun": unit (2 distinct labels match units)
            C "År": dimension (its header says so)
            D "Kvalitetsdimension": kvalitetsområde (its header says so)
            E "Kategori": indicator category (its header says so)
            F "Typ": indicator type (its header says so)
            G "Indikator": indicator (its header says so)
            values: H "Värde"
            dimensions: År (time)
        "#]],
    );
}

#[test]
fn transposed_with_a_year_column() {
    check(
        "
        |                    |           |      | Län    | Stockholms län | Stockholms län | Stockholms län |
        | Kvalitetsdimension | Indikator | År   | Kommun | Tyresö         | Nacka          | Stockholms län |
        | Kunskapsbaserad    | Rutin A   | 2023 |        | Ja             | Nej            | 50             |
        | Kunskapsbaserad    | Rutin A   | 2024 |        | Ja             | Ja             | 100            |
        | Jämlik             | Tolk      | 2024 |        | Nej            | Ja             | 50             |
        ",
        expect![[r#"
            transposed; header rows 1–2; data rows 3–5
            units: row 2 "Kommun" (3 distinct labels match units, the best column 0); row 1 "Län" gives attributes
            A "Kvalitetsdimension": kvalitetsområde (its header says so)
            B "Indikator": indicator (its header says so)
            C "År": dimension (its header says so)
            values: E, F, G
            dimensions: År (time)
        "#]],
    );
}

#[test]
fn a_title_band_over_the_quality_areas_and_a_code_row() {
    // Four header rows: a title band, the quality areas, codes, names. The title band is no
    // quality area: the quality level is the topmost level of quality labels.
    check(
        "
        |          | Öppna jämförelser 2020     | <                       | <                     |
        |          | Kunskapsbaserad verksamhet | <                       | Trygghet och säkerhet |
        |          | E1                         | E2                      | E3                    |
        | Kommun   | Aktuell plan               | Systematisk uppföljning | Rutin vid våld        |
        | Tyresö   | Ja                         | Ja                      | Nej                   |
        | Nacka    | Nej                        | Delvis                  | Ja                    |
        | Huddinge | Ja                         | Nej                     | Ja                    |
        | Riket    | 40                         | 55                      | 70                    |
        ",
        expect![[r#"
            wide; header rows 1–4; data rows 5–8
            units: column A (4 distinct labels match units)
            A "Kommun": unit (4 distinct labels match units)
            B: "Aktuell plan" [E1] in Kunskapsbaserad verksamhet at B4
            C: "Systematisk uppföljning" [E2] in Kunskapsbaserad verksamhet at C4
            D: "Rutin vid våld" [E3] in Trygghet och säkerhet at D4
            header text B1: "Öppna jämförelser 2020"
        "#]],
    );
}

// ---------------------------------------------------------------------------------------------
// Kolada's shape (issue 15): a long table of unit codes under any header, a year column and one
// value column per key figure. Codes 1000 and up are numbers in a CSV; 0114 stays text.

#[test]
fn kolada_codes_under_any_header_with_a_year_column() {
    check(
        "
        | geo   | year | u31341 |
        | '0000 | 2023 | 61     |
        | '0001 | 2023 | 58     |
        | '0114 | 2023 | 1      |
        | '0138 | 2023 | 0      |
        | 1280  | 2023 | 1      |
        | 2021  | 2023 | 0      |
        | '0000 | 2024 | 63     |
        | '0001 | 2024 | 60     |
        | '0114 | 2024 | 0      |
        | '0138 | 2024 | 1      |
        | 1280  | 2024 | 1      |
        | 2021  | 2024 | 1      |
        ",
        expect![[r#"
            wide; header rows 1; data rows 2–13
            units: column A (2 distinct labels match units)
            A "geo": unit (2 distinct labels match units)
            B "year": dimension (its header says so)
            C: "u31341" at C1
            dimensions: year (time)
        "#]],
    );
}

#[test]
fn kolada_lan_codes_and_two_key_figures() {
    check(
        "
        | region | ar   | N00945 | U31341 |
        | '01    | 2022 | 12,5   | 1      |
        | '03    | 2022 | 10     | 0      |
        | '25    | 2022 | 9      | 1      |
        | '01    | 2023 | 13     | 1      |
        | '03    | 2023 | 11     | 1      |
        | '25    | 2023 | 8      | 0      |
        ",
        expect![[r#"
            wide; header rows 1; data rows 2–7
            units: column A (2 distinct labels match units)
            A "region": unit (2 distinct labels match units)
            B "ar": dimension (its header says so)
            C: "N00945" at C1
            D: "U31341" at D1
            dimensions: ar (time)
        "#]],
    );
}

#[test]
fn kolada_api_long_form_kpi_municipality_period_value() {
    check(
        "
        | kpi    | municipality | period | value |
        | U31341 | '0138        | 2023   | 1     |
        | U31342 | '0138        | 2023   | 0     |
        | U31341 | 1280         | 2023   | 0     |
        | U31342 | 1280         | 2023   | 1     |
        ",
        expect![[r#"
            long; header rows 1; data rows 2–5
            units: column B (2 distinct labels match units)
            A "kpi": indicator (its header says so)
            B "municipality": unit (2 distinct labels match units)
            C "period": dimension (its header says so)
            values: D "value"
            dimensions: period (time)
        "#]],
    );
}
