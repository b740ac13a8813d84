//! Formats from the bytes: every refusal on a real file of its kind, every readable format with
//! å ä ö intact, the real ÖJ workbooks, and the limits (sparse sheets, decompression bombs)
//! measured in cells read and bytes allocated (the time they take is `./bench`'s to measure).

use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};

use oj_analys::ingest::grid::{CellValue, Grid, Merge};
use oj_analys::ingest::sheets::{read_grids, summary};
use oj_analys::ingest::{list_sheets, sniff, Format, IngestError, Limits};

// Bytes allocated, per thread (each test measures only its own reading): the counting
// allocator the hostile-file tests use.
#[path = "hostile_support/measure.rs"]
mod measure;
use measure::MB;

/// Runs `f`, returning its result and the most bytes it held at once (the time is `./bench`'s).
fn measured<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let (out, _, peak) = measure::measured(f);
    (out, peak)
}

// ---------------------------------------------------------------------------------------------
// Fixtures.

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/refuse")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn real(name: &str) -> Vec<u8> {
    let path: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/fixtures/real")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn grids_of(bytes: &[u8]) -> Result<Vec<Grid>, IngestError> {
    let format = sniff(bytes)?;
    read_grids(bytes, format, &Limits::default())
}

fn text(s: &str) -> CellValue {
    CellValue::Text(s.to_owned())
}

// ---------------------------------------------------------------------------------------------
// Refusals: a real instance of each kind, its typed error, and a message saying what to do.

#[test]
fn each_refused_kind_gives_its_typed_error_and_says_what_to_do() {
    let cases: [(&str, IngestError, &str); 12] = [
        ("tom.xlsx", IngestError::Empty, "Välj en Excel-fil"),
        ("pdf.pdf", IngestError::Pdf, "Hämta Excel-filen"),
        (
            "html-tabell.xls",
            IngestError::Html,
            "spara som Excel-arbetsbok (.xlsx)",
        ),
        (
            "excel-2003-xml.xls",
            IngestError::ExcelXml2003,
            "spara som Excel-arbetsbok (.xlsx)",
        ),
        ("word.docx", IngestError::Word, "Välj Excel-filen"),
        ("word.doc", IngestError::Word, "Välj Excel-filen"),
        ("word.odt", IngestError::Word, "Välj Excel-filen"),
        (
            "powerpoint.pptx",
            IngestError::PowerPoint,
            "Välj Excel-filen",
        ),
        ("bild.png", IngestError::Image, "Välj Excel-filen"),
        (
            "losenord.xlsx",
            IngestError::Encrypted,
            "Spara en kopia utan lösenord i Excel och försök igen.",
        ),
        (
            "avklippt.xlsx",
            IngestError::CorruptZip,
            "Ladda ned den igen",
        ),
        (
            "avklippt.xlsx",
            IngestError::CorruptZip,
            "avklippt eller skadad",
        ),
    ];
    for (name, expected, advice) in cases {
        let bytes = fixture(name);
        let err = sniff(&bytes).expect_err(name);
        assert_eq!(err, expected, "{name}");
        let message = err.message();
        assert!(message.contains(advice), "{name}: {message}");
        // The whole pipeline and the sheet listing refuse the same way.
        assert_eq!(list_sheets(&bytes), Err(expected.clone()), "{name}");
        let read = oj_analys::ingest::read_workbook(name, &bytes, &Default::default());
        assert_eq!(read.err(), Some(expected), "{name}");
    }
}

#[test]
fn zip_that_is_not_office_and_plain_garbage_are_refused() {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    zip.start_file("bilder/foto.txt", zip::write::SimpleFileOptions::default())
        .unwrap();
    zip.write_all(b"hej").unwrap();
    let bytes = zip.finish().unwrap().into_inner();
    assert_eq!(sniff(&bytes), Err(IngestError::OtherZip));
    let garbage: Vec<u8> = (0u32..4096)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    assert_eq!(sniff(&garbage), Err(IngestError::Unknown));
    assert!(IngestError::Unknown.message().contains(".csv"));
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_it_is_parsed() {
    let bytes = fixture("las-blad.xlsx");
    let limits = Limits {
        max_file_bytes: 1000,
        ..Limits::default()
    };
    let err = read_grids(&bytes, Format::Xlsx, &limits).unwrap_err();
    assert_eq!(
        err,
        IngestError::TooLarge {
            bytes: bytes.len() as u64,
            max: 1000
        }
    );
    assert!(err.message().contains("för stor"));
}

// ---------------------------------------------------------------------------------------------
// Readable formats: the same sheet written by LibreOffice as xlsx, xls and ods reads to the
// same grids — merged header, å ä ö, a decimal number, #N/A kept as an error, a hidden sheet.

fn expected_sheet_grids() -> Vec<Grid> {
    let table = Grid::new(
        "Tabell 1",
        vec![
            (0, 0, text("Kommun")),
            (0, 1, text("Kvalitetsområde")),
            (1, 1, text("Andel (%)")),
            (1, 2, text("Svar")),
            (2, 0, text("Gävle")),
            (2, 1, CellValue::Number(12.5)),
            (2, 2, text("Ja")),
            (3, 0, text("Höör")),
            (3, 1, CellValue::Number(7.0)),
            (3, 2, text("Nej")),
            (4, 0, text("Åmål")),
            (4, 1, CellValue::Error("#N/A".into())),
            (4, 2, text("Delvis")),
        ],
        vec![Merge {
            first_row: 0,
            first_col: 1,
            last_row: 0,
            last_col: 2,
        }],
    );
    let mut hidden = Grid::new("Dolt blad", vec![(0, 0, text("Hemligt på åäö"))], vec![]);
    hidden.hidden = true;
    vec![table, hidden]
}

#[test]
fn xlsx_xls_and_ods_read_to_the_same_grids() {
    for (name, format) in [
        ("las-blad.xlsx", Format::Xlsx),
        ("las-blad.xls", Format::Xls),
        ("las-blad.ods", Format::Ods),
    ] {
        let bytes = fixture(name);
        assert_eq!(sniff(&bytes), Ok(format), "{name}");
        let grids = read_grids(&bytes, format, &Limits::default()).unwrap();
        assert_eq!(grids, expected_sheet_grids(), "{name}");
        let filled = grids[0].get_filled(0, 2);
        assert_eq!(filled, Some(&text("Kvalitetsområde")), "{name}");
    }
}

#[test]
fn delimited_text_in_each_encoding_reads_with_a_a_o_intact() {
    for (name, delimiter, decimal) in [
        ("las-1252-semikolon.csv", ';', 12.5),
        ("las-utf8-bom.csv", ',', 12.5),
        ("las-tabb.tsv", '\t', 12.5),
    ] {
        let bytes = fixture(name);
        assert_eq!(sniff(&bytes), Ok(Format::Text), "{name}");
        let (grid, info) = oj_analys::ingest::text::read_text(&bytes, &Limits::default()).unwrap();
        assert_eq!(info.delimiter, delimiter, "{name}");
        assert_eq!(grid.get(0, 1), Some(&text("Andel (%)")), "{name}");
        assert_eq!(grid.get(1, 0), Some(&text("Gävle")), "{name}");
        assert_eq!(grid.get(1, 1), Some(&CellValue::Number(decimal)), "{name}");
        assert_eq!(grid.get(2, 0), Some(&text("Höör")), "{name}");
        assert_eq!(grid.get(3, 0), Some(&text("Åmål")), "{name}");
        assert_eq!(grid.get(3, 1), None, "{name}");
        assert_eq!(grid.get(3, 2), Some(&text("Delvis")), "{name}");
        let grids = grids_of(&bytes).unwrap();
        assert_eq!(grids, vec![grid], "{name}");
    }
}

// ---------------------------------------------------------------------------------------------
// The real Socialstyrelsen workbooks.

#[test]
fn stroke_workbook_reads_to_grids_with_its_sheets_sizes_and_merges() {
    let grids = grids_of(&real("2024-11-9295-tables.xlsx")).unwrap();
    assert_eq!(grids.len(), 30);
    let names: Vec<&str> = grids.iter().map(|g| g.name.as_str()).collect();
    assert_eq!(
        &names[..6],
        [
            "Innehållsförteckning",
            "Mer information",
            "Om statistiken",
            "Definitioner och mått",
            "Ordlista - List of terms",
            "Tabell 1"
        ]
    );
    assert_eq!(names[29], "Figur 3");
    let tabell_2 = summary(&grids[6]);
    assert_eq!(
        (tabell_2.name.as_str(), tabell_2.rows, tabell_2.cols),
        ("Tabell 2", 74, 39)
    );
    assert!(grids.iter().all(|g| !g.hidden));
    // Merged regions where the file has them (contents, "Om statistiken").
    assert_eq!(grids[0].merges.len(), 1);
    assert_eq!(grids[2].merges.len(), 7);
    // Numbers are numbers, text is normalised text.
    let tabell_2 = &grids[6];
    assert!(
        tabell_2
            .cells()
            .filter(|(_, _, v)| v.number().is_some())
            .count()
            > 1000
    );
    assert!(tabell_2
        .cells()
        .filter_map(|(_, _, v)| v.text())
        .all(|t| t == t.trim() && !t.contains('\u{a0}') && !t.contains("  ")));
}

#[test]
fn other_real_workbooks_read_with_their_sheets() {
    let grids = grids_of(&real("2024-9-9230-tables.xlsx")).unwrap();
    assert_eq!(grids.len(), 26);
    assert_eq!(grids[25].name, "Konverteringstabell");
    let merged: Vec<&str> = grids
        .iter()
        .filter(|g| !g.merges.is_empty())
        .map(|g| g.name.as_str())
        .collect();
    assert_eq!(merged, ["Tabell 10"]);

    let grids = grids_of(&real("Statistikdatabasen_2025-allergy.xlsx")).unwrap();
    assert_eq!(grids.len(), 1);
    let s = summary(&grids[0]);
    assert_eq!((s.name.as_str(), s.rows, s.cols), ("Tabell", 1059, 6));
}

// ---------------------------------------------------------------------------------------------
// Limits: sparse sheets cost their cells, bombs are refused, both within bounded memory.

#[test]
fn xlsx_with_cells_at_a1_and_xfd1048576_is_cheap() {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.write_string(0, 0, "A1").unwrap();
    sheet.write_string(1_048_575, 16_383, "XFD1048576").unwrap();
    let bytes = workbook.save_to_buffer().unwrap();
    let (grids, peak) = measured(|| read_grids(&bytes, Format::Xlsx, &Limits::default()));
    let grids = grids.unwrap();
    assert_eq!(grids[0].n_cells(), 2);
    assert_eq!(grids[0].get(1_048_575, 16_383), Some(&text("XFD1048576")));
    assert!(peak < 8 * MB, "{peak} bytes");
}

#[test]
fn xls_with_a_far_corner_cell_and_a_huge_declared_dimension_is_cheap() {
    let mut bytes = fixture("las-blad.xls");
    // LABELSST "Delvis" at row 4, col 2 → row 65535, col 255 (the .xls corner).
    let at = find(&bytes, &[0xFD, 0x00, 0x0A, 0x00, 0x04, 0x00, 0x02, 0x00]).expect("cell");
    bytes[at + 4..at + 8].copy_from_slice(&[0xFF, 0xFF, 0xFF, 0x00]);
    // DIMENSIONS of the first sheet → rows 0..u32::MAX, columns 0..256.
    let at = find(&bytes, &[0x00, 0x02, 0x0E, 0x00]).expect("dimensions");
    bytes[at + 4..at + 14].copy_from_slice(&[0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0]);
    bytes[at + 14..at + 16].copy_from_slice(&[0x00, 0x01]);
    let (grids, peak) = measured(|| read_grids(&bytes, Format::Xls, &Limits::default()));
    let grids = grids.unwrap();
    assert_eq!(grids[0].get(65_535, 255), Some(&text("Delvis")));
    assert_eq!(grids[0].n_cells(), 13);
    assert!(peak < 4 * MB, "{peak} bytes");
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// An .ods whose only table has the given rows (content.xml body of `table:table`).
fn ods_with_rows(rows: &str) -> Vec<u8> {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Glest">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    zip.start_file("content.xml", zip::write::SimpleFileOptions::default())
        .unwrap();
    zip.write_all(content.as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}

#[test]
fn ods_with_cells_at_a1_and_xfd1048576_is_cheap() {
    let bytes = ods_with_rows(concat!(
        r#"<table:table-row><table:table-cell office:value-type="string"><text:p>A1</text:p></table:table-cell><table:table-cell table:number-columns-repeated="16383"/></table:table-row>"#,
        r#"<table:table-row table:number-rows-repeated="1048574"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>"#,
        r#"<table:table-row><table:table-cell table:number-columns-repeated="16383"/><table:table-cell office:value-type="float" office:value="5"><text:p>5</text:p></table:table-cell></table:table-row>"#,
    ));
    assert_eq!(sniff(&bytes), Ok(Format::Ods));
    let (grids, peak) = measured(|| read_grids(&bytes, Format::Ods, &Limits::default()));
    let grids = grids.unwrap();
    assert_eq!(grids[0].n_cells(), 2);
    assert_eq!(
        grids[0].get(1_048_575, 16_383),
        Some(&CellValue::Number(5.0))
    );
    assert!(peak < 4 * MB, "{peak} bytes");
}

#[test]
fn ods_repeating_a_value_over_the_whole_sheet_stops_at_the_cell_budget() {
    let bytes = ods_with_rows(
        r#"<table:table-row table:number-rows-repeated="1048576"><table:table-cell table:number-columns-repeated="16384" office:value-type="float" office:value="1"/></table:table-row>"#,
    );
    let limits = Limits {
        max_cells: 100_000,
        ..Limits::default()
    };
    let (result, peak) = measured(|| read_grids(&bytes, Format::Ods, &limits));
    assert_eq!(result, Err(IngestError::TooManyCells { max: 100_000 }));
    assert!(peak < 16 * MB, "{peak} bytes");
}

/// A minimal xlsx whose shared string table is one string of `n` letters (compresses ~1000:1).
fn xlsx_with_shared_string(n: usize) -> Vec<u8> {
    let parts: [(&str, String); 6] = [
        ("[Content_Types].xml", r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#.into()),
        ("_rels/.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.into()),
        ("xl/workbook.xml", r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>"#.into()),
        ("xl/_rels/workbook.xml.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#.into()),
        ("xl/worksheets/sheet1.xml", r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>"#.into()),
        ("xl/sharedStrings.xml", format!(r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>{}</t></si></sst>"#, "a".repeat(n))),
    ];
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, body) in parts {
        zip.start_file(
            name,
            zip::write::SimpleFileOptions::default().compression_level(Some(1)),
        )
        .unwrap();
        zip.write_all(body.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// Rewrites the declared uncompressed size of one entry, in its local header and in the
/// central directory: a bomb that lies.
fn declare_size(zip: &mut [u8], name: &str, size: u32) {
    let mut patched = 0;
    let mut i = 0;
    while i + 46 < zip.len() {
        let (sig, name_at, size_at) = match &zip[i..i + 4] {
            b"PK\x03\x04" => ("local", i + 30, i + 22),
            b"PK\x01\x02" => ("central", i + 46, i + 24),
            _ => {
                i += 1;
                continue;
            }
        };
        let name_len_at = if sig == "local" { i + 26 } else { i + 28 };
        let name_len = u16::from_le_bytes([zip[name_len_at], zip[name_len_at + 1]]) as usize;
        if &zip[name_at..name_at + name_len] == name.as_bytes() {
            zip[size_at..size_at + 4].copy_from_slice(&size.to_le_bytes());
            patched += 1;
        }
        i += 4;
    }
    assert_eq!(patched, 2, "local header and central directory");
}

#[test]
fn honest_decompression_bomb_is_refused_by_its_declared_size() {
    let bytes = xlsx_with_shared_string(64 * MB);
    assert!(bytes.len() < MB, "{} bytes", bytes.len());
    let limits = Limits {
        max_decompressed_bytes: 16 * MB as u64,
        ..Limits::default()
    };
    let (result, peak) = measured(|| read_grids(&bytes, Format::Xlsx, &limits));
    match result {
        Err(IngestError::DecompressedTooLarge { declared, max }) => {
            assert!(declared > 64 * MB as u64);
            assert_eq!(max, 16 * MB as u64);
        }
        other => panic!("{other:?}"),
    }
    assert!(peak < 2 * MB, "{peak} bytes");
    // A central directory claiming more than any limit (4 GB) is refused the same way.
    let mut huge = xlsx_with_shared_string(10);
    declare_size(&mut huge, "xl/sharedStrings.xml", u32::MAX);
    assert!(matches!(
        read_grids(&huge, Format::Xlsx, &Limits::default()),
        Err(IngestError::DecompressedTooLarge { .. })
    ));
}

#[test]
fn lying_decompression_bomb_is_stopped_at_its_declared_size() {
    // 64 MB of text declared as 1 kB: the zip reader fails the entry once it inflates past what
    // was declared, so reading neither takes the time nor holds the memory of 64 MB.
    let mut bytes = xlsx_with_shared_string(64 * MB);
    declare_size(&mut bytes, "xl/sharedStrings.xml", 1024);
    let (result, peak) = measured(|| read_grids(&bytes, Format::Xlsx, &Limits::default()));
    assert!(
        matches!(result, Err(IngestError::Unreadable { .. })),
        "{result:?}"
    );
    assert!(peak < 8 * MB, "{peak} bytes");
    // The same content with truthful sizes does inflate to 64 MB when calamine opens it: the
    // guard, not luck, kept the lie small.
    let honest = xlsx_with_shared_string(64 * MB);
    let (opened, peak) = measured(|| {
        <calamine::Xlsx<_> as calamine::Reader<_>>::new(Cursor::new(&honest[..])).is_ok()
    });
    assert!(opened);
    assert!(peak > 64 * MB, "{peak} bytes");
}

#[test]
fn cell_budget_stops_xlsx_reading_early() {
    let limits = Limits {
        max_cells: 1000,
        ..Limits::default()
    };
    let bytes = real("2024-11-9295-tables.xlsx");
    assert_eq!(
        read_grids(&bytes, Format::Xlsx, &limits),
        Err(IngestError::TooManyCells { max: 1000 })
    );
}
