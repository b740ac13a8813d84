//! Hostile workbooks, built byte by byte: small files that would cost a reader far more than
//! their size (long cells, one long text referenced by many cells, entity declarations, broken
//! indexes, huge row numbers, many sheets, deep nesting), in every format ingest reads.
//!
//! Shared by `tests/ingest_hostile.rs` (the limits at and just over), `tests/ingest_fuzz.rs`
//! (seeds) and `examples/make-hostile.rs`, which writes [`all`] into `tests/fixtures/hostile/`
//! for the CLI, the fuzz corpus and the browser test.
#![allow(dead_code)]

use std::io::{Cursor, Write};
use std::path::PathBuf;

/// Part content given as pieces, some repeated, so that a 250 MB part is never held whole.
#[derive(Clone, Debug, Default)]
pub struct Body(Vec<(Vec<u8>, usize)>);

impl Body {
    pub fn new() -> Body {
        Body::default()
    }

    /// Appends `s` once.
    pub fn s(mut self, s: impl AsRef<[u8]>) -> Body {
        self.0.push((s.as_ref().to_vec(), 1));
        self
    }

    /// Appends `s` `n` times.
    pub fn rep(mut self, s: impl AsRef<[u8]>, n: usize) -> Body {
        self.0.push((s.as_ref().to_vec(), n));
        self
    }

    /// The whole content (for small parts and tests).
    pub fn bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        for (piece, n) in &self.0 {
            for _ in 0..*n {
                out.extend_from_slice(piece);
            }
        }
        out
    }

    pub fn len(&self) -> usize {
        self.0.iter().map(|(p, n)| p.len() * n).sum()
    }

    fn write_to(&self, out: &mut impl Write) {
        for (piece, n) in &self.0 {
            // Repeats in blocks of about a megabyte: fast to deflate, small to hold.
            let per_block = (1 << 20) / piece.len().max(1);
            let block = piece.repeat(per_block.clamp(1, *n.max(&1)));
            let mut left = *n;
            while left > 0 {
                let k = left.min(per_block.max(1));
                let len = piece.len() * k;
                out.write_all(&block[..len]).unwrap();
                left -= k;
            }
        }
    }
}

/// A zip of named parts, deflated.
pub fn zip(parts: &[(&str, Body)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, body) in parts {
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(body.len() > u32::MAX as usize);
        zip.start_file(*name, options).unwrap();
        body.write_to(&mut zip);
    }
    zip.finish().unwrap().into_inner()
}

const MAIN_NS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// An xlsx with sheets (name, worksheet XML) and, when given, a shared-strings part.
pub fn xlsx(sheets: &[(&str, Body)], shared_strings: Option<Body>) -> Vec<u8> {
    let names: Vec<&str> = sheets.iter().map(|(n, _)| *n).collect();
    xlsx_listing(
        &names,
        sheets.iter().map(|(_, b)| b.clone()).collect(),
        shared_strings,
    )
}

/// An xlsx whose workbook lists `listed` sheets; sheet i is part `sheets[i]`, or the last part
/// when there are fewer parts than names (many names, one part).
pub fn xlsx_listing(listed: &[&str], sheets: Vec<Body>, shared_strings: Option<Body>) -> Vec<u8> {
    xlsx_with(listed, sheets, shared_strings, Vec::new())
}

/// As [`xlsx_listing`], with more parts (calamine finds `xl/styles.xml` by its name).
pub fn xlsx_with(
    listed: &[&str],
    sheets: Vec<Body>,
    shared_strings: Option<Body>,
    extra: Vec<(&str, Body)>,
) -> Vec<u8> {
    let mut types = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#,
    );
    let mut rels = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    );
    for i in 1..=sheets.len() {
        types.push_str(&format!(r#"<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#));
        rels.push_str(&format!(r#"<Relationship Id="rId{i}" Type="{REL_NS}/worksheet" Target="worksheets/sheet{i}.xml"/>"#));
    }
    if shared_strings.is_some() {
        types.push_str(r#"<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>"#);
        rels.push_str(&format!(
            r#"<Relationship Id="rIdS" Type="{REL_NS}/sharedStrings" Target="sharedStrings.xml"/>"#
        ));
    }
    types.push_str("</Types>");
    rels.push_str("</Relationships>");
    let mut workbook = Body::new().s(format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}"><sheets>"#
    ));
    for (i, name) in listed.iter().enumerate() {
        let part = (i + 1).min(sheets.len());
        workbook = workbook.s(format!(
            r#"<sheet name="{name}" sheetId="{}" r:id="rId{part}"/>"#,
            i + 1
        ));
    }
    workbook = workbook.s("</sheets></workbook>");
    let package_rels = Body::new().s(format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
    ));
    let sheet_names: Vec<String> = (1..=sheets.len())
        .map(|i| format!("xl/worksheets/sheet{i}.xml"))
        .collect();
    let mut parts: Vec<(&str, Body)> = vec![
        ("[Content_Types].xml", Body::new().s(types)),
        ("_rels/.rels", package_rels),
        ("xl/workbook.xml", workbook),
        ("xl/_rels/workbook.xml.rels", Body::new().s(rels)),
    ];
    for (name, body) in sheet_names.iter().zip(sheets) {
        parts.push((name.as_str(), body));
    }
    if let Some(sst) = shared_strings {
        parts.push(("xl/sharedStrings.xml", sst));
    }
    parts.extend(extra);
    zip(&parts)
}

/// A worksheet whose `sheetData` holds `rows` (XML of `<row>` elements).
pub fn worksheet(rows: Body) -> Body {
    let mut body = Body::new().s(format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN_NS}"><sheetData>"#
    ));
    body.0.extend(rows.0);
    body.s("</sheetData></worksheet>")
}

/// A shared-strings part with the given `<si>` elements' XML.
pub fn shared_strings(items: Body, count: usize) -> Body {
    let mut body = Body::new().s(format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN_NS}" count="{count}" uniqueCount="{count}">"#
    ));
    body.0.extend(items.0);
    body.s("</sst>")
}

/// A header row "Kommun" / "Andel" and cells referring to shared strings 0..n.
fn sheet_of_shared(refs: usize, index: impl Fn(usize) -> usize) -> Body {
    let mut rows = Body::new();
    for i in 0..refs {
        rows = rows.s(format!(
            r#"<row r="{r}"><c r="A{r}" t="s"><v>{}</v></c></row>"#,
            index(i),
            r = i + 1
        ));
    }
    worksheet(rows)
}

/// One shared string of `n` copies of `unit` in cell A1.
pub fn xlsx_long_shared_string(unit: &str, n: usize) -> Vec<u8> {
    let sst = shared_strings(Body::new().s("<si><t>").rep(unit, n).s("</t></si>"), 1);
    xlsx(&[("Blad1", sheet_of_shared(1, |_| 0))], Some(sst))
}

/// An inline string of `n` copies of `unit` in cell B2 of the sheet.
pub fn xlsx_long_inline_string(unit: &str, n: usize) -> Vec<u8> {
    let rows = Body::new()
        .s(r#"<row r="2"><c r="B2" t="inlineStr"><is><t>"#)
        .rep(unit, n)
        .s("</t></is></c></row>");
    xlsx(&[("Blad1", worksheet(rows))], None)
}

/// `k` distinct shared strings of `n` characters each, each in its own cell.
pub fn xlsx_many_long_strings(k: usize, n: usize) -> Vec<u8> {
    let mut items = Body::new();
    for i in 0..k {
        // Distinct texts (a number first), so that nothing may be shared by value.
        items = items
            .s(format!("<si><t>{i:05} "))
            .rep("x", n - 6)
            .s("</t></si>");
    }
    xlsx(
        &[("Blad1", sheet_of_shared(k, |i| i))],
        Some(shared_strings(items, k)),
    )
}

/// One shared string of `n` characters referred to by `cells` cells.
pub fn xlsx_one_string_many_cells(n: usize, cells: usize) -> Vec<u8> {
    let sst = shared_strings(Body::new().s("<si><t>").rep("y", n).s("</t></si>"), 1);
    let mut rows = Body::new();
    let per_row = 1000;
    for r in 0..cells.div_ceil(per_row) {
        rows = rows.s(format!(r#"<row r="{}">"#, r + 1));
        let in_row = per_row.min(cells - r * per_row);
        rows = rows.rep(r#"<c t="s"><v>0</v></c>"#, in_row);
        rows = rows.s("</row>");
    }
    xlsx(&[("Blad1", worksheet(rows))], Some(sst))
}

/// Shared strings behind a DOCTYPE declaring nested entities ("billion laughs").
pub fn xlsx_entity_declarations() -> Vec<u8> {
    let mut doctype =
        String::from(r#"<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE sst [<!ENTITY lol "lol">"#);
    for i in 1..10 {
        let prev = if i == 1 {
            "lol".to_owned()
        } else {
            format!("lol{}", i - 1)
        };
        doctype.push_str(&format!(
            "<!ENTITY lol{i} \"{}\">",
            format!("&{prev};").repeat(10)
        ));
    }
    doctype.push(']');
    doctype.push('>');
    let sst = Body::new().s(doctype).s(format!(
        r#"<sst xmlns="{MAIN_NS}" count="1" uniqueCount="1"><si><t>&lol9;</t></si></sst>"#
    ));
    xlsx(&[("Blad1", sheet_of_shared(1, |_| 0))], Some(sst))
}

/// A cell referring to shared string 7 of a table of one.
pub fn xlsx_missing_shared_string() -> Vec<u8> {
    let sst = shared_strings(Body::new().s("<si><t>Kommun</t></si>"), 1);
    let rows = Body::new().s(
        r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="3"><c r="C3" t="s"><v>7</v></c></row>"#,
    );
    xlsx(&[("Blad1", worksheet(rows))], Some(sst))
}

/// Cells and rows beyond Excel's grid and beyond 32 bits.
pub fn xlsx_huge_positions() -> Vec<u8> {
    let rows = Body::new().s(concat!(
        r#"<row r="1"><c r="A1" t="inlineStr"><is><t>Kommun</t></is></c></row>"#,
        r#"<row r="4294967297"><c r="A4294967297"><v>1</v></c></row>"#,
        r#"<row r="99999999999999999999"><c r="ZZZZZZZZ99999999999999"><v>2</v></c></row>"#,
    ));
    xlsx(&[("Blad1", worksheet(rows))], None)
}

/// A workbook listing `n` sheets that are all the same small part.
pub fn xlsx_many_sheets(n: usize) -> Vec<u8> {
    let names: Vec<String> = (1..=n).map(|i| format!("Blad{i}")).collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let rows = Body::new().s(r#"<row r="1"><c r="A1"><v>1</v></c></row>"#);
    xlsx_listing(&names, vec![worksheet(rows)], None)
}

/// A cell whose inline string is nested `depth` elements deep.
pub fn xlsx_deep_nesting(depth: usize) -> Vec<u8> {
    let rows = Body::new()
        .s(r#"<row r="1"><c r="A1" t="inlineStr"><is>"#)
        .rep("<r>", depth)
        .s("<t>djup</t>")
        .rep("</r>", depth)
        .s("</is></c></row>");
    xlsx(&[("Blad1", worksheet(rows))], None)
}

/// A styles part with `n` cell formats (Excel allows 65 490).
pub fn xlsx_many_formats(n: usize) -> Vec<u8> {
    let styles = Body::new()
        .s(format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{MAIN_NS}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><cellXfs count="{n}">"#
        ))
        .rep(r#"<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>"#, n)
        .s("</cellXfs></styleSheet>");
    let rows = Body::new().s(r#"<row r="1"><c r="A1"><v>1</v></c></row>"#);
    xlsx_with(
        &["Blad1"],
        vec![worksheet(rows)],
        None,
        vec![("xl/styles.xml", styles)],
    )
}

/// A shared-string table that declares `n` distinct strings and has one (calamine reserves
/// room for all of them before reading the first).
pub fn xlsx_declared_strings(n: u64) -> Vec<u8> {
    let sst = Body::new().s(format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN_NS}" count="{n}" uniqueCount="{n}"><si><t>Kommun</t></si></sst>"#
    ));
    xlsx(&[("Blad1", sheet_of_shared(1, |_| 0))], Some(sst))
}

/// A start tag of `n` bytes (one long attribute).
pub fn xlsx_long_tag(n: usize) -> Vec<u8> {
    let rows = Body::new()
        .s(r#"<row r="1"><c r="A1" x=""#)
        .rep("z", n)
        .s(r#""><v>1</v></c></row>"#);
    xlsx(&[("Blad1", worksheet(rows))], None)
}

/// `n` merged regions in one sheet.
pub fn xlsx_many_merges(n: usize) -> Vec<u8> {
    let body = Body::new()
        .s(format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN_NS}"><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData><mergeCells count="{n}">"#
        ))
        .rep(r#"<mergeCell ref="A1:B2"/>"#, n)
        .s("</mergeCells></worksheet>");
    xlsx(&[("Blad1", body)], None)
}

/// `n` bytes of white space between two rows (under the decompressed-size limit).
pub fn xlsx_white_space(n: usize) -> Vec<u8> {
    let rows = Body::new()
        .s(r#"<row r="1"><c r="A1"><v>1</v></c></row>"#)
        .rep(" ", n)
        .s(r#"<row r="2"><c r="A2"><v>2</v></c></row>"#);
    xlsx(&[("Blad1", worksheet(rows))], None)
}

/// `n` cells with a style and no value (cheap XML, no cells to count).
pub fn xlsx_empty_styled_cells(n: usize) -> Vec<u8> {
    let per_row = 10_000;
    let mut rows = Body::new();
    for r in 0..n.div_ceil(per_row) {
        rows = rows
            .s(format!(r#"<row r="{}">"#, r + 1))
            .rep(r#"<c s="1"/>"#, per_row.min(n - r * per_row))
            .s("</row>");
    }
    xlsx(&[("Blad1", worksheet(rows))], None)
}

/// `n` empty rows (each one costs a read, here and in calamine).
pub fn xlsx_many_rows(n: usize) -> Vec<u8> {
    xlsx(&[("Blad1", worksheet(Body::new().rep("<row/>", n)))], None)
}

/// `n` empty elements no reader knows, after the cells.
pub fn xlsx_many_elements(n: usize) -> Vec<u8> {
    let body = Body::new()
        .s(format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN_NS}"><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData><extLst>"#
        ))
        .rep("<x/>", n)
        .s("</extLst></worksheet>");
    xlsx(&[("Blad1", body)], None)
}

// ---------------------------------------------------------------------------------------------
// OpenDocument.

const ODS_NS: &str = r#"xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2""#;

/// An .ods whose content.xml body (inside `office:spreadsheet`) is `tables`.
pub fn ods(tables: Body) -> Vec<u8> {
    ods_with_prolog("", tables)
}

fn ods_with_prolog(prolog: &str, tables: Body) -> Vec<u8> {
    let mut content = Body::new().s(format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>{prolog}<office:document-content {ODS_NS}><office:body><office:spreadsheet>"#
    ));
    content.0.extend(tables.0);
    let content = content.s("</office:spreadsheet></office:body></office:document-content>");
    zip(&[
        (
            "mimetype",
            Body::new().s("application/vnd.oasis.opendocument.spreadsheet"),
        ),
        ("content.xml", content),
    ])
}

/// One table of one row whose cells are `cells` (XML of `table:table-cell` elements).
fn ods_row(cells: Body) -> Body {
    let mut body = Body::new().s(r#"<table:table table:name="Blad1"><table:table-row>"#);
    body.0.extend(cells.0);
    body.s("</table:table-row></table:table>")
}

/// A cell whose paragraph is `n` copies of `unit`.
pub fn ods_long_cell(unit: &str, n: usize) -> Vec<u8> {
    ods(ods_row(
        Body::new()
            .s(r#"<table:table-cell office:value-type="string"><text:p>"#)
            .rep(unit, n)
            .s("</text:p></table:table-cell>"),
    ))
}

/// A cell whose text is `n` space elements of 1 000 spaces each.
pub fn ods_spaces(n: usize) -> Vec<u8> {
    ods(ods_row(
        Body::new()
            .s(r#"<table:table-cell office:value-type="string"><text:p>a"#)
            .rep(r#"<text:s text:c="1000"/>b"#, n)
            .s("</text:p></table:table-cell>"),
    ))
}

/// A cell of `n` characters repeated over `cols` columns and `rows` rows.
pub fn ods_repeated_long_cell(n: usize, cols: usize, rows: usize) -> Vec<u8> {
    ods(Body::new()
        .s(format!(
            r#"<table:table table:name="Blad1"><table:table-row table:number-rows-repeated="{rows}"><table:table-cell table:number-columns-repeated="{cols}" office:value-type="string"><text:p>"#
        ))
        .rep("r", n)
        .s("</text:p></table:table-cell></table:table-row></table:table>"))
}

/// A cell's paragraph nested in `depth` spans.
pub fn ods_deep_nesting(depth: usize) -> Vec<u8> {
    ods(ods_row(
        Body::new()
            .s(r#"<table:table-cell office:value-type="string"><text:p>"#)
            .rep("<text:span>", depth)
            .s("djup")
            .rep("</text:span>", depth)
            .s("</text:p></table:table-cell>"),
    ))
}

/// `n` empty tables.
pub fn ods_many_tables(n: usize) -> Vec<u8> {
    ods(Body::new().rep(r#"<table:table table:name="T"/>"#, n))
}

/// content.xml behind a DOCTYPE declaring nested entities.
pub fn ods_entity_declarations() -> Vec<u8> {
    ods_with_prolog(
        r#"<!DOCTYPE office:document-content [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>"#,
        ods_row(Body::new().s(
            r#"<table:table-cell office:value-type="string"><text:p>&b;</text:p></table:table-cell>"#,
        )),
    )
}

// ---------------------------------------------------------------------------------------------
// Excel 97–2003 (.xls): a BIFF8 workbook stream inside a minimal compound file.

fn record(typ: u16, data: &[u8]) -> Vec<u8> {
    assert!(data.len() <= 8224);
    let mut out = typ.to_le_bytes().to_vec();
    out.extend_from_slice(&(data.len() as u16).to_le_bytes());
    out.extend_from_slice(data);
    out
}

/// The shared-string table of `strings` (compressed Latin-1), split into SST + CONTINUE records
/// of at most 8 224 bytes, characters continuing behind a new flags byte.
fn sst_records(strings: &[String]) -> Vec<u8> {
    let mut records = Vec::new();
    let mut current = Vec::new();
    current.extend_from_slice(&(strings.len() as u32).to_le_bytes());
    current.extend_from_slice(&(strings.len() as u32).to_le_bytes());
    let mut typ = 0x00FC;
    for s in strings {
        let chars = s.as_bytes();
        if current.len() + 3 > 8224 {
            records.extend(record(typ, &current));
            typ = 0x003C;
            current.clear();
        }
        current.extend_from_slice(&(chars.len() as u16).to_le_bytes());
        current.push(0);
        let mut rest = chars;
        loop {
            let room = 8224 - current.len();
            let n = room.min(rest.len());
            current.extend_from_slice(&rest[..n]);
            rest = &rest[n..];
            if rest.is_empty() {
                break;
            }
            records.extend(record(typ, &current));
            typ = 0x003C;
            current.clear();
            current.push(0); // the continuation's flags: compressed
        }
    }
    records.extend(record(typ, &current));
    records
}

/// An .xls with one sheet "Blad1" whose cells are `(row, col, shared string index)`.
pub fn xls(strings: &[String], cells: impl Iterator<Item = (u16, u16, u32)>) -> Vec<u8> {
    const BOF: u16 = 0x0809;
    const EOF: u16 = 0x000A;
    let bof = |dt: u16| {
        let mut d = 0x0600u16.to_le_bytes().to_vec();
        d.extend_from_slice(&dt.to_le_bytes());
        d.extend_from_slice(&[0; 12]);
        record(BOF, &d)
    };
    let mut globals = bof(0x0005);
    let boundsheet_at = globals.len();
    let mut boundsheet = vec![0, 0, 0, 0, 0, 0, 5, 0];
    boundsheet.extend_from_slice(b"Blad1");
    globals.extend(record(0x0085, &boundsheet));
    globals.extend(sst_records(strings));
    globals.extend(record(EOF, &[]));
    let sheet_pos = globals.len() as u32;
    globals[boundsheet_at + 4..boundsheet_at + 8].copy_from_slice(&sheet_pos.to_le_bytes());
    globals.extend(bof(0x0010));
    for (row, col, isst) in cells {
        let mut d = row.to_le_bytes().to_vec();
        d.extend_from_slice(&col.to_le_bytes());
        d.extend_from_slice(&0u16.to_le_bytes());
        d.extend_from_slice(&isst.to_le_bytes());
        globals.extend(record(0x00FD, &d));
    }
    globals.extend(record(EOF, &[]));
    compound_file("Workbook", globals)
}

/// A version-3 compound file (512-byte sectors) holding one stream, padded past the mini-stream
/// cut-off so that it lives in regular sectors.
pub fn compound_file(stream_name: &str, mut stream: Vec<u8>) -> Vec<u8> {
    const END: u32 = 0xFFFF_FFFE;
    const FREE: u32 = 0xFFFF_FFFF;
    const FAT_SECTOR: u32 = 0xFFFF_FFFD;
    let size = stream.len().max(4096);
    stream.resize(size.div_ceil(512) * 512, 0);
    let n_stream = stream.len() / 512;
    let mut n_fat = 1;
    while n_fat * 128 < n_fat + 1 + n_stream {
        n_fat += 1;
    }
    assert!(n_fat <= 109, "stream too large for a header-only DIFAT");
    let dir_sector = n_fat as u32;
    let first_stream = dir_sector + 1;
    let mut fat = vec![FREE; n_fat * 128];
    for f in fat.iter_mut().take(n_fat) {
        *f = FAT_SECTOR;
    }
    fat[n_fat] = END;
    for i in 0..n_stream {
        let s = first_stream as usize + i;
        fat[s] = if i + 1 == n_stream { END } else { s as u32 + 1 };
    }
    let mut header = vec![0u8; 512];
    header[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    header[0x18..0x1A].copy_from_slice(&0x003Eu16.to_le_bytes());
    header[0x1A..0x1C].copy_from_slice(&3u16.to_le_bytes());
    header[0x1C..0x1E].copy_from_slice(&0xFFFEu16.to_le_bytes());
    header[0x1E..0x20].copy_from_slice(&9u16.to_le_bytes());
    header[0x20..0x22].copy_from_slice(&6u16.to_le_bytes());
    header[0x2C..0x30].copy_from_slice(&(n_fat as u32).to_le_bytes());
    header[0x30..0x34].copy_from_slice(&dir_sector.to_le_bytes());
    header[0x38..0x3C].copy_from_slice(&4096u32.to_le_bytes());
    header[0x3C..0x40].copy_from_slice(&END.to_le_bytes());
    header[0x44..0x48].copy_from_slice(&END.to_le_bytes());
    for i in 0..109 {
        let v = if i < n_fat { i as u32 } else { FREE };
        header[0x4C + 4 * i..0x50 + 4 * i].copy_from_slice(&v.to_le_bytes());
    }
    let entry = |name: &str, kind: u8, child: u32, start: u32, size: u32| {
        let mut e = vec![0u8; 128];
        let units: Vec<u16> = name.encode_utf16().chain([0]).collect();
        for (i, u) in units.iter().enumerate() {
            e[2 * i..2 * i + 2].copy_from_slice(&u.to_le_bytes());
        }
        e[64..66].copy_from_slice(&((units.len() * 2) as u16).to_le_bytes());
        e[66] = kind;
        e[67] = 1;
        e[68..72].copy_from_slice(&FREE.to_le_bytes());
        e[72..76].copy_from_slice(&FREE.to_le_bytes());
        e[76..80].copy_from_slice(&child.to_le_bytes());
        e[116..120].copy_from_slice(&start.to_le_bytes());
        e[120..124].copy_from_slice(&size.to_le_bytes());
        e
    };
    let mut dir = entry("Root Entry", 5, 1, END, 0);
    dir.extend(entry(stream_name, 2, FREE, first_stream, size as u32));
    dir.extend(vec![0u8; 256]);
    let mut out = header;
    for f in fat {
        out.extend_from_slice(&f.to_le_bytes());
    }
    out.extend(dir);
    out.extend(stream);
    out
}

/// A shared string of `n` characters (over Excel's 32 767 when `n` is larger) in A1.
pub fn xls_long_string(n: usize) -> Vec<u8> {
    xls(&["s".repeat(n)], [(0, 0, 0)].into_iter())
}

/// One shared string of `n` characters in `cells` cells.
pub fn xls_one_string_many_cells(n: usize, cells: usize) -> Vec<u8> {
    xls(
        &["t".repeat(n)],
        (0..cells).map(|i| ((i / 200) as u16, (i % 200) as u16, 0)),
    )
}

/// A cell referring to shared string 7 of a table of one.
pub fn xls_missing_shared_string() -> Vec<u8> {
    xls(&["Kommun".to_owned()], [(0, 0, 0), (2, 2, 7)].into_iter())
}

// ---------------------------------------------------------------------------------------------
// Text.

/// A csv whose second field is `n` letters.
pub fn csv_long_field(n: usize) -> Vec<u8> {
    let mut out = b"Kommun;Text\r\nG\xc3\xa4vle;".to_vec();
    out.extend(std::iter::repeat_n(b'c', n));
    out.extend_from_slice(b"\r\n");
    out
}

// ---------------------------------------------------------------------------------------------

/// One hostile file of each class: its file name, its bytes, and what it is.
pub struct Hostile {
    pub name: &'static str,
    pub bytes: Vec<u8>,
    pub what: &'static str,
}

/// Every class, at the sizes that made the problem visible (a cell of 250 million characters
/// is a file of a few hundred kilobytes).
pub fn all() -> Vec<Hostile> {
    let h = |name, what, bytes| Hostile { name, bytes, what };
    vec![
        h(
            "lang-delad-text.xlsx",
            "en delad text på 250 miljoner tecken",
            xlsx_long_shared_string("a", 250_000_000),
        ),
        h(
            "lang-text-i-cell.xlsx",
            "en text direkt i cellen på 250 miljoner tecken",
            xlsx_long_inline_string("a", 250_000_000),
        ),
        h(
            "manga-langa-texter.xlsx",
            "2 000 celler med 30 000 tecken var",
            xlsx_many_long_strings(2_000, 30_000),
        ),
        h(
            "en-text-manga-celler.xlsx",
            "en text på 32 767 tecken i 200 000 celler",
            xlsx_one_string_many_cells(32_767, 200_000),
        ),
        h(
            "entiteter.xlsx",
            "delade texter bakom entitetsdeklarationer",
            xlsx_entity_declarations(),
        ),
        h(
            "saknad-delad-text.xlsx",
            "en cell som pekar på en delad text som inte finns",
            xlsx_missing_shared_string(),
        ),
        h(
            "stora-radnummer.xlsx",
            "rader och kolumner bortom Excels rutnät och 32 bitar",
            xlsx_huge_positions(),
        ),
        h(
            "manga-blad.xlsx",
            "2 000 blad som alla är samma del",
            xlsx_many_sheets(2_000),
        ),
        h(
            "manga-format.xlsx",
            "100 000 cellformat (Excel tillåter 65 490)",
            xlsx_many_formats(100_000),
        ),
        h(
            "deklarerade-texter.xlsx",
            "en tabell som uppger 100 miljarder delade texter",
            xlsx_declared_strings(100_000_000_000),
        ),
        h(
            "djup-xml.xlsx",
            "en cell nästlad en miljon element djupt",
            xlsx_deep_nesting(1_000_000),
        ),
        h(
            "lang-tagg.xlsx",
            "en starttagg på 200 MB",
            xlsx_long_tag(200_000_000),
        ),
        h(
            "manga-sammanfogningar.xlsx",
            "2,5 miljoner sammanfogade områden",
            xlsx_many_merges(2_500_000),
        ),
        h(
            "blanksteg.xlsx",
            "250 MB blanksteg mellan två rader",
            xlsx_white_space(250_000_000),
        ),
        h(
            "tomma-celler.xlsx",
            "3 miljoner formaterade tomma celler",
            xlsx_empty_styled_cells(3_000_000),
        ),
        h(
            "manga-rader.xlsx",
            "10 miljoner tomma rader",
            xlsx_many_rows(10_000_000),
        ),
        h(
            "manga-element.xlsx",
            "10 miljoner tomma okända element efter cellerna",
            xlsx_many_elements(10_000_000),
        ),
        h(
            "lang-cell.ods",
            "en cell på 250 miljoner tecken",
            ods_long_cell("a", 250_000_000),
        ),
        h(
            "mellanslag.ods",
            "en cell med en miljard mellanslag som text:s",
            ods_spaces(1_000_000),
        ),
        h(
            "upprepad-lang-cell.ods",
            "en cell på 32 767 tecken upprepad över 16 384 kolumner och 100 rader",
            ods_repeated_long_cell(32_767, 16_384, 100),
        ),
        h(
            "djup-xml.ods",
            "en cell nästlad en miljon element djupt",
            ods_deep_nesting(1_000_000),
        ),
        h(
            "manga-blad.ods",
            "en miljon tomma tabeller",
            ods_many_tables(1_000_000),
        ),
        h(
            "entiteter.ods",
            "innehåll bakom entitetsdeklarationer",
            ods_entity_declarations(),
        ),
        h(
            "lang-delad-text.xls",
            "en delad text på 65 535 tecken",
            xls_long_string(65_535),
        ),
        h(
            "en-text-manga-celler.xls",
            "en text på 32 767 tecken i 20 000 celler",
            xls_one_string_many_cells(32_767, 20_000),
        ),
        h(
            "saknad-delad-text.xls",
            "en cell som pekar på en delad text som inte finns",
            xls_missing_shared_string(),
        ),
        h(
            "langt-falt.csv",
            "ett fält på 100 000 tecken",
            csv_long_field(100_000),
        ),
    ]
}

/// Every shape again, small: each just past one default limit (or broken the same way), a few
/// kilobytes to about a hundred, for the fuzz target's seed corpus (`fuzz/seeds/read_workbook`,
/// written by `examples/make-hostile.rs --seeds`).
pub fn seeds() -> Vec<Hostile> {
    let h = |name, what, bytes| Hostile { name, bytes, what };
    vec![
        h(
            "cell-32768.xlsx",
            "en text i cellen på 32 768 tecken",
            xlsx_long_inline_string("a", 32_768),
        ),
        h(
            "delad-text-32768.xlsx",
            "en delad text på 32 768 tecken",
            xlsx_long_shared_string("å", 32_768),
        ),
        h(
            "delad-text-611-celler.xlsx",
            "en text på 32 767 tecken i 611 celler",
            xlsx_one_string_many_cells(32_767, 611),
        ),
        h(
            "entiteter.xlsx",
            "entitetsdeklarationer",
            xlsx_entity_declarations(),
        ),
        h(
            "saknad-delad-text.xlsx",
            "ett index utanför de delade texterna",
            xlsx_missing_shared_string(),
        ),
        h(
            "stora-radnummer.xlsx",
            "rader bortom rutnätet",
            xlsx_huge_positions(),
        ),
        h("blad-1001.xlsx", "1 001 blad", xlsx_many_sheets(1_001)),
        h(
            "djup-101.xlsx",
            "XML 101 nivåer djupt",
            xlsx_deep_nesting(101),
        ),
        h(
            "format-65491.xlsx",
            "65 491 cellformat",
            xlsx_many_formats(65_491),
        ),
        h(
            "deklarerade-texter.xlsx",
            "1 000 001 uppgivna delade texter",
            xlsx_declared_strings(1_000_001),
        ),
        h(
            "tagg-1mb.xlsx",
            "en starttagg på 1 MB",
            xlsx_long_tag(1 << 20),
        ),
        h(
            "tomma-celler.xlsx",
            "1 000 001 formaterade tomma celler",
            xlsx_empty_styled_cells(1_000_001),
        ),
        h(
            "rader.xlsx",
            "1 000 001 tomma rader",
            xlsx_many_rows(1_000_001),
        ),
        h(
            "element.xlsx",
            "4 000 001 okända element",
            xlsx_many_elements(4_000_001),
        ),
        h(
            "sammanfogningar.xlsx",
            "1 000 001 sammanfogade områden",
            xlsx_many_merges(1_000_001),
        ),
        h(
            "cell-32768.ods",
            "en cell på 32 768 tecken",
            ods_long_cell("a", 32_768),
        ),
        h(
            "mellanslag.ods",
            "33 000 mellanslag som text:s",
            ods_spaces(33),
        ),
        h(
            "upprepad-cell.ods",
            "en cell på 32 767 tecken upprepad 611 gånger",
            ods_repeated_long_cell(32_767, 611, 1),
        ),
        h(
            "djup-101.ods",
            "XML 101 nivåer djupt",
            ods_deep_nesting(101),
        ),
        h(
            "tabeller-1001.ods",
            "1 001 tabeller",
            ods_many_tables(1_001),
        ),
        h(
            "entiteter.ods",
            "entitetsdeklarationer",
            ods_entity_declarations(),
        ),
        h(
            "delad-text-32768.xls",
            "en delad text på 32 768 tecken",
            xls_long_string(32_768),
        ),
        h(
            "saknad-delad-text.xls",
            "ett index utanför de delade texterna",
            xls_missing_shared_string(),
        ),
        h(
            "delad-text-611-celler.xls",
            "en text på 32 767 tecken i 611 celler",
            xls_one_string_many_cells(32_767, 611),
        ),
        h(
            "falt-32768.csv",
            "ett fält på 32 768 tecken",
            csv_long_field(32_768),
        ),
    ]
}

// ---------------------------------------------------------------------------------------------
// The committed files and their messages.

/// `tests/fixtures/hostile/`.
pub fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile")
}

/// The committed hostile files and what each is, from the manifest [`all`] wrote.
pub fn manifest() -> Vec<(String, String)> {
    let path = dir().join("MANIFEST.txt");
    let manifest =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    manifest
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| {
            let mut parts = l.split('\t');
            let name = parts.next().unwrap_or_default().to_owned();
            let what = parts.nth(1).unwrap_or_default().to_owned();
            (name, what)
        })
        .collect()
}

/// Words of a library's English that no Swedish message of ours uses (not "cell", "zip" or
/// "tag", which are Swedish words too).
pub const ENGLISH: &[&str] = &[
    "error",
    "errors",
    "not",
    "found",
    "invalid",
    "unexpected",
    "expected",
    "expecting",
    "unrecognized",
    "entity",
    "failed",
    "missing",
    "the",
    "of",
    "is",
    "shared",
    "strings",
    "string",
    "eof",
    "unsupported",
    "archive",
    "file",
    "range",
    "table",
    "attribute",
    "node",
    "unknown",
    "overflow",
    "number",
    "column",
    "row",
    "sheet",
    "worksheet",
    "relationship",
    "password",
    "io",
    "at",
    "end",
    "syntax",
    "parse",
];

pub fn english_in(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| ENGLISH.contains(&w.to_lowercase().as_str()))
        .map(str::to_owned)
        .collect()
}

/// A refusal as the user reads it: Swedish up to the technical mark (a library's words only
/// after it, at the end, never empty), its sentences ended, saying what to do.
pub fn assert_swedish(message: &str, what: &str) {
    let swedish = match message.split_once(oj_analys::ingest::error::TECHNICAL_MARK) {
        Some((swedish, technical)) => {
            assert!(
                !technical.trim().is_empty(),
                "{what}: empty detail: {message}"
            );
            swedish
        }
        None => message,
    };
    let english = english_in(swedish);
    assert!(
        english.is_empty(),
        "{what}: English {english:?} in: {message}"
    );
    assert!(swedish.trim_end().ends_with('.'), "{what}: {message}");
    assert!(
        ["Välj", "Spara", "spara", "Ladda", "Packa", "Dela", "Öppna", "Hämta", "Korta"]
            .iter()
            .any(|w| swedish.contains(w)),
        "{what}: says nothing to do: {message}"
    );
}
