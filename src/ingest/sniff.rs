//! What a file is, from its bytes (never its name): spreadsheet formats, and the kinds refused.
//!
//! Order of the checks: empty; zip containers by what is inside (central directory names,
//! `mimetype`, content types); OLE compound files by their directory (workbook stream, Word and
//! PowerPoint streams, an encrypted package); PDF; images; HTML and Excel 2003 XML; delimited
//! text; anything else is unknown.

use std::io::{Cursor, Read};

use serde::{Deserialize, Serialize};

use super::error::{Damage, IngestError};

mod ole;

pub(crate) use ole::Ole;

/// A format ingest can read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Format {
    Xlsx,
    /// Excel with macros (read like xlsx; macros are never run).
    Xlsm,
    /// Excel binary workbook (.xlsb).
    Xlsb,
    /// Excel 97–2003 (BIFF8) or Excel 5/95 (BIFF5).
    Xls,
    Ods,
    /// Delimited text (csv/tsv); delimiter and encoding are found when it is read.
    Text,
}

impl Format {
    /// The format as a user names it ("Excel (.xlsx)").
    pub fn label(self) -> &'static str {
        match self {
            Format::Xlsx => "Excel (.xlsx)",
            Format::Xlsm => "Excel med makron (.xlsm)",
            Format::Xlsb => "Excel binär (.xlsb)",
            Format::Xls => "Excel 97–2003 (.xls)",
            Format::Ods => "OpenDocument-kalkylark (.ods)",
            Format::Text => "text med avgränsare (.csv/.tsv)",
        }
    }

    /// The format as a Swedish noun phrase, for messages ("en Excel-fil (.xlsx)").
    pub fn noun(self) -> &'static str {
        match self {
            Format::Xlsx => "en Excel-fil (.xlsx)",
            Format::Xlsm => "en Excel-fil med makron (.xlsm)",
            Format::Xlsb => "en binär Excel-fil (.xlsb)",
            Format::Xls => "en Excel 97–2003-fil (.xls)",
            Format::Ods => "ett OpenDocument-kalkylark (.ods)",
            Format::Text => "en textfil",
        }
    }
}

/// How many bytes of a file's start are examined for text and markup.
const SAMPLE_BYTES: usize = 64 * 1024;

/// Recognises the format of a file from its bytes, or refuses it with a typed error.
pub fn sniff(bytes: &[u8]) -> Result<Format, IngestError> {
    if bytes.is_empty() {
        return Err(IngestError::Empty);
    }
    if bytes.starts_with(b"PK") {
        return sniff_zip(bytes);
    }
    if bytes.starts_with(&ole::SIGNATURE) {
        return sniff_ole(bytes);
    }
    let sample = bytes.get(..SAMPLE_BYTES).unwrap_or(bytes);
    if is_pdf(sample) {
        return Err(IngestError::Pdf);
    }
    if is_image(bytes) {
        return Err(IngestError::Image);
    }
    if let Some(err) = markup(sample) {
        return Err(err);
    }
    if is_blank(sample) && bytes.len() <= SAMPLE_BYTES {
        return Err(IngestError::Empty);
    }
    if super::text::looks_delimited(sample) {
        return Ok(Format::Text);
    }
    Err(IngestError::Unknown)
}

/// A zip container: Office Open XML, OpenDocument, or something else.
fn sniff_zip(bytes: &[u8]) -> Result<Format, IngestError> {
    // "PK\x03\x04" (a file), "PK\x05\x06" (an empty archive) or "PK\x07\x08" (spanned); anything
    // else starting with "PK" may be text ("PK;..." is a valid csv line).
    let is_zip_signature = matches!(bytes.get(2..4), Some([3, 4]) | Some([5, 6]) | Some([7, 8]));
    if !is_zip_signature {
        let sample = bytes.get(..SAMPLE_BYTES).unwrap_or(bytes);
        return if super::text::looks_delimited(sample) {
            Ok(Format::Text)
        } else {
            Err(IngestError::Unknown)
        };
    }
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| IngestError::CorruptZip)?;
    let names: Vec<String> = archive
        .file_names()
        .filter_map(Result::ok)
        .map(|n| n.replace('\\', "/").to_ascii_lowercase())
        .collect();
    let has = |name: &str| names.iter().any(|n| n == name);
    let has_under = |dir: &str| names.iter().any(|n| n.starts_with(dir));

    if has("mimetype") {
        let mime = read_part(&mut archive, "mimetype", 256);
        let mime = String::from_utf8_lossy(&mime);
        let mime = mime.trim();
        return match mime {
            m if m.starts_with("application/vnd.oasis.opendocument.spreadsheet") => Ok(Format::Ods),
            m if m.starts_with("application/vnd.oasis.opendocument.text") => Err(IngestError::Word),
            m if m.starts_with("application/vnd.oasis.opendocument.presentation") => {
                Err(IngestError::PowerPoint)
            }
            _ if has_under("xl/") => sniff_ooxml_spreadsheet(&mut archive, &names),
            _ => Err(IngestError::OtherZip),
        };
    }
    if has_under("xl/") {
        return sniff_ooxml_spreadsheet(&mut archive, &names);
    }
    if has_under("word/") {
        return Err(IngestError::Word);
    }
    if has_under("ppt/") {
        return Err(IngestError::PowerPoint);
    }
    // An Office file whose main part is not in the usual folder: ask the content types.
    if has("[content_types].xml") {
        let types = read_part(&mut archive, "[Content_Types].xml", SAMPLE_BYTES);
        let types = String::from_utf8_lossy(&types).to_ascii_lowercase();
        if types.contains("spreadsheetml.sheet.main") || types.contains("ms-excel.sheet.") {
            return sniff_ooxml_spreadsheet(&mut archive, &names);
        }
        if types.contains("wordprocessingml") {
            return Err(IngestError::Word);
        }
        if types.contains("presentationml") {
            return Err(IngestError::PowerPoint);
        }
    }
    Err(IngestError::OtherZip)
}

/// xlsx, xlsm or xlsb, from the parts present and the content types.
fn sniff_ooxml_spreadsheet<R: Read + std::io::Seek>(
    archive: &mut zip::ZipArchive<R>,
    names: &[String],
) -> Result<Format, IngestError> {
    let has = |name: &str| names.iter().any(|n| n == name);
    let types = read_part(archive, "[Content_Types].xml", SAMPLE_BYTES);
    let types = String::from_utf8_lossy(&types).to_ascii_lowercase();
    if has("xl/workbook.bin") || types.contains("ms-excel.sheet.binary") {
        return Ok(Format::Xlsb);
    }
    if has("xl/vbaproject.bin") || types.contains("macroenabled") {
        return Ok(Format::Xlsm);
    }
    Ok(Format::Xlsx)
}

/// Up to `max` bytes of one zip part (empty when absent or unreadable).
fn read_part<R: Read + std::io::Seek>(
    archive: &mut zip::ZipArchive<R>,
    name: &str,
    max: usize,
) -> Vec<u8> {
    let index = archive.index_for_name(name).or_else(|| {
        let lower = name.to_ascii_lowercase();
        archive
            .file_names()
            .position(|n| n.is_ok_and(|n| n.to_ascii_lowercase() == lower))
    });
    let mut out = Vec::new();
    if let Some(index) = index {
        if let Ok(file) = archive.by_index(index) {
            let limit = u64::try_from(max).unwrap_or(u64::MAX);
            // A read error (damage) leaves what was read so far.
            let _ = file.take(limit).read_to_end(&mut out);
        }
    }
    out
}

/// An OLE compound file: xls, Word, PowerPoint, or an encrypted Office Open XML package.
fn sniff_ole(bytes: &[u8]) -> Result<Format, IngestError> {
    let Some(ole) = Ole::parse(bytes) else {
        // Not yet told apart: an xls, a Word file or an encrypted package.
        return Err(IngestError::Unreadable {
            format: None,
            damage: Damage::Directory,
            technical: None,
        });
    };
    if ole.has("EncryptionInfo") && ole.has("EncryptedPackage") {
        return Err(IngestError::Encrypted);
    }
    if ole.has("Workbook") || ole.has("Book") {
        return Ok(Format::Xls);
    }
    if ole.has("WordDocument") {
        return Err(IngestError::Word);
    }
    if ole.has("PowerPoint Document") {
        return Err(IngestError::PowerPoint);
    }
    Err(IngestError::Unknown)
}

fn is_pdf(sample: &[u8]) -> bool {
    // The header may follow a little junk (allowed by readers within the first 1024 bytes).
    let head = sample.get(..1024).unwrap_or(sample);
    head.windows(5).any(|w| w == b"%PDF-")
}

fn is_image(bytes: &[u8]) -> bool {
    let starts = |sig: &[u8]| bytes.starts_with(sig);
    if starts(b"\x89PNG\r\n\x1a\n")
        || starts(&[0xFF, 0xD8, 0xFF])
        || starts(b"GIF87a")
        || starts(b"GIF89a")
        || starts(b"II*\0")
        || starts(b"MM\0*")
    {
        return true;
    }
    if starts(b"RIFF") && bytes.get(8..12) == Some(b"WEBP") {
        return true;
    }
    // BMP: "BM", then the file size and two reserved zero words (text may start with "BM").
    if starts(b"BM") {
        let size = bytes
            .get(2..6)
            .and_then(|b| b.try_into().ok())
            .map(u32::from_le_bytes);
        let reserved_zero = bytes.get(6..10) == Some(&[0, 0, 0, 0]);
        return reserved_zero
            && size.is_some_and(|s| usize::try_from(s).is_ok_and(|s| s == bytes.len()));
    }
    false
}

/// HTML (also Excel's "web page" export and MHTML) or Excel 2003 XML, from the first markup.
fn markup(sample: &[u8]) -> Option<IngestError> {
    let head = ascii_head(sample, 2048);
    let trimmed = head.trim_start();
    let html_starts = [
        "<!doctype html",
        "<html",
        "<table",
        "<head",
        "<body",
        "<meta",
        "<style",
        "<title",
        "mime-version:",
    ];
    if html_starts.iter().any(|s| trimmed.starts_with(s)) {
        return Some(IngestError::Html);
    }
    if trimmed.starts_with("<?xml") || trimmed.starts_with("<!--") {
        if head.contains("urn:schemas-microsoft-com:office:spreadsheet")
            || head.contains("progid=\"excel.sheet\"")
        {
            return Some(IngestError::ExcelXml2003);
        }
        if head.contains("<html") || head.contains("<!doctype html") {
            return Some(IngestError::Html);
        }
    }
    None
}

/// The first `n` bytes as lower-case ASCII, skipping a byte-order mark and the zero bytes of
/// UTF-16, so markup is recognised in any of the encodings Excel writes it in.
fn ascii_head(sample: &[u8], n: usize) -> String {
    let body = sample
        .strip_prefix(&[0xEF, 0xBB, 0xBF])
        .or_else(|| sample.strip_prefix(&[0xFF, 0xFE]))
        .or_else(|| sample.strip_prefix(&[0xFE, 0xFF]))
        .unwrap_or(sample);
    body.iter()
        .filter(|&&b| b != 0)
        .take(n)
        .map(|&b| char::from(b.to_ascii_lowercase()))
        .collect()
}

fn is_blank(sample: &[u8]) -> bool {
    let body = sample.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(sample);
    body.iter().all(|b| b.is_ascii_whitespace() || *b == 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures() {
        assert_eq!(sniff(b""), Err(IngestError::Empty));
        assert_eq!(sniff(b" \r\n"), Err(IngestError::Empty));
        assert_eq!(sniff(b"%PDF-1.7\n..."), Err(IngestError::Pdf));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n\0\0"), Err(IngestError::Image));
        assert_eq!(sniff(b"\xFF\xD8\xFF\xE0"), Err(IngestError::Image));
        assert_eq!(
            sniff(b"\xEF\xBB\xBF  <!DOCTYPE html><table>"),
            Err(IngestError::Html)
        );
        assert_eq!(sniff(b"\n<TABLE border=1><tr>"), Err(IngestError::Html));
        assert_eq!(
            sniff(b"<?xml version=\"1.0\"?>\n<?mso-application progid=\"Excel.Sheet\"?>"),
            Err(IngestError::ExcelXml2003)
        );
        assert_eq!(
            sniff(b"PK\x03\x04 not really"),
            Err(IngestError::CorruptZip)
        );
        assert_eq!(sniff(b"PK;Kommun\n1;2\n"), Ok(Format::Text));
        assert_eq!(sniff(b"BMI;Kommun\n1;2\n"), Ok(Format::Text));
        assert_eq!(sniff(b"Kommun;Andel\n1;2\n"), Ok(Format::Text));
        assert_eq!(
            sniff(&[0x00, 0x01, 0x02, 0x03, 0x04]),
            Err(IngestError::Unknown)
        );
    }
}
