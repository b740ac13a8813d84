//! Why a file could not be read: one typed error per kind of refusal, each with its Swedish message.
//!
//! Every library error (calamine, zip, quick-xml) and every problem our own readers find maps to a
//! typed [`Damage`] with a Swedish sentence; the library's own text is kept only as a marked
//! technical detail at the end of the message ([`TECHNICAL_MARK`]), for support.

use serde::{Deserialize, Serialize};

use super::sniff::Format;

/// Introduces the library's own text at the end of a message: what follows is for support, in
/// whatever language the library wrote it.
pub const TECHNICAL_MARK: &str = "Teknisk uppgift för support:";

/// Library text kept in a message is cut to this many characters.
const MAX_TECHNICAL_CHARS: usize = 200;

/// Why a file could not be read. [`IngestError::message`] is what the user sees: what the file
/// is and what to do about it, in Swedish.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum IngestError {
    /// Zero bytes, or nothing but white space.
    Empty,
    /// A PDF document (a report, not its tables).
    Pdf,
    /// A web page, often an HTML table saved with the extension `.xls`.
    Html,
    /// An Excel 2003 XML spreadsheet (SpreadsheetML), also often named `.xls`.
    ExcelXml2003,
    /// A word-processing document: Word (.docx, .doc) or OpenDocument text (.odt).
    Word,
    /// A presentation: PowerPoint (.pptx, .ppt) or OpenDocument presentation (.odp).
    PowerPoint,
    /// A picture (PNG, JPEG, GIF, BMP, TIFF, WebP).
    Image,
    /// A password-protected Office file (an OLE container holding an encrypted package), or an
    /// .xls with a password.
    Encrypted,
    /// A zip container that is cut off or damaged (no readable central directory).
    CorruptZip,
    /// A zip archive that is not an Office or OpenDocument file.
    OtherZip,
    /// Nothing recognisable.
    Unknown,
    /// The file is larger than the limit.
    TooLarge { bytes: u64, max: u64 },
    /// The file holds more cells than the limit (counted while reading; reading stopped).
    TooManyCells { max: u64 },
    /// The compressed parts would inflate to more than the limit.
    DecompressedTooLarge { declared: u64, max: u64 },
    /// The zip container has more entries than the limit.
    TooManyZipEntries { count: u64, max: u64 },
    /// The file has more sheets than the limit.
    TooManySheets { max: u64 },
    /// One cell holds more characters than Excel allows. Where it is, when known (a shared
    /// string no cell shows has no place).
    CellTooLong {
        sheet: Option<String>,
        cell: Option<String>,
        max: u64,
    },
    /// All cells' text together is more than the limit.
    TooMuchText { max: u64 },
    /// XML nested deeper than the limit.
    TooDeep { max: u64 },
    /// More XML elements than the limit.
    TooManyElements { max: u64 },
    /// A DTD (`<!DOCTYPE …>`, entity declarations), which no spreadsheet program writes.
    XmlDeclarations,
    /// A cell refers to a shared string the file does not have.
    MissingSharedString { sheet: String, cell: String },
    /// A cell or row reference outside Excel's grid (A1:XFD1048576).
    CellOutsideGrid { sheet: String, cell: String },
    /// A recognised spreadsheet format that could not be read (damaged inside).
    Unreadable {
        /// The format it looked like; `None` for an Office (OLE) container too damaged to tell
        /// an xls from a Word file.
        format: Option<Format>,
        damage: Damage,
        /// The library's own words, for support (never shown without [`TECHNICAL_MARK`]).
        technical: Option<String>,
    },
}

/// What is wrong inside a file of a recognised format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Damage {
    /// The zip container's directory or an entry's header is damaged.
    Zip,
    /// A compressed part does not unpack: damaged data, a wrong checksum, or more data than the
    /// part declares.
    Compression,
    /// A part compressed or encrypted in a way that cannot be read here.
    UnsupportedCompression,
    /// A part the workbook needs (its list of sheets, a sheet, their links) is missing.
    MissingPart,
    /// XML that is not well-formed.
    Xml,
    /// An entity reference other than XML's own five (`&amp;` …).
    UnknownEntity,
    /// A text encoding that cannot be read.
    Encoding,
    /// A number that cannot be read.
    Number,
    /// A malformed cell or range reference.
    CellReference,
    /// Content that does not follow the format (an unknown cell or sheet type, say).
    Structure,
    /// One XML tag, text or comment larger than [`super::limits::MAX_XML_EVENT_BYTES`].
    HugeElement,
    /// The content ends in the middle of a record or a cell.
    Truncated,
    /// The directory of an OLE compound file (.xls, .doc) is damaged.
    Directory,
    /// An .xls without its workbook stream.
    NoWorkbook,
    /// An .xls of a version before Excel 5 or of an unknown version.
    OldVersion,
    /// An .xls sheet that points outside the workbook.
    SheetOutside,
    /// Delimited text whose fields cannot be split.
    Fields,
}

impl Damage {
    /// Every kind, for tests that walk them all.
    pub const ALL: [Damage; 17] = [
        Damage::Zip,
        Damage::Compression,
        Damage::UnsupportedCompression,
        Damage::MissingPart,
        Damage::Xml,
        Damage::UnknownEntity,
        Damage::Encoding,
        Damage::Number,
        Damage::CellReference,
        Damage::Structure,
        Damage::HugeElement,
        Damage::Truncated,
        Damage::Directory,
        Damage::NoWorkbook,
        Damage::OldVersion,
        Damage::SheetOutside,
        Damage::Fields,
    ];

    /// What is wrong, as the end of "… men kunde inte läsas: ".
    fn what(self) -> &'static str {
        match self {
            Damage::Zip => "zip-arkivet som filen består av är skadat",
            Damage::Compression => {
                "en komprimerad del av filen går inte att packa upp (den är skadad eller \
                 större än den uppger)"
            }
            Damage::UnsupportedCompression => {
                "en del av filen är komprimerad eller krypterad på ett sätt som inte kan läsas"
            }
            Damage::MissingPart => "en del som arbetsboken behöver (bladlistan, ett blad) saknas",
            Damage::Xml => "XML-innehållet är felaktigt uppbyggt",
            Damage::UnknownEntity => {
                "XML-innehållet använder en okänd entitet (ett &namn; som inte är definierat)"
            }
            Damage::Encoding => "texten i filen har en teckenkodning som inte kan läsas",
            Damage::Number => "ett tal i filen går inte att tolka",
            Damage::CellReference => "en cellreferens i filen är felaktig",
            Damage::Structure => "innehållet följer inte filformatet",
            Damage::HugeElement => {
                "ett enskilt XML-element eller textavsnitt är större än 1 MB, vilket inget \
                 kalkylprogram skriver"
            }
            Damage::Truncated => "innehållet tar slut mitt i (filen är avklippt)",
            Damage::Directory => "filens innehållsförteckning är skadad",
            Damage::NoWorkbook => "arbetsboken saknas i filen",
            Damage::OldVersion => "den är från en Excel-version äldre än Excel 5 eller okänd",
            Damage::SheetOutside => "ett blad pekar utanför arbetsboken",
            Damage::Fields => "raderna går inte att dela upp i fält",
        }
    }

    /// What to do about it.
    fn advice(self) -> &'static str {
        match self {
            Damage::OldVersion => {
                "Öppna den i Excel, välj Spara som och spara som Excel-arbetsbok (.xlsx), och \
                 försök igen."
            }
            Damage::Fields => {
                "Öppna den i Excel och spara den som CSV (semikolonavgränsad) eller som \
                 Excel-arbetsbok (.xlsx), och försök igen."
            }
            Damage::Truncated | Damage::Compression | Damage::Zip => {
                "Ladda ned den igen, eller öppna den i Excel och spara en ny kopia som .xlsx, \
                 och försök igen."
            }
            _ => {
                "Den kan vara skadad eller skapad av ett annat program: öppna den i Excel, \
                 spara en ny kopia som .xlsx och försök igen."
            }
        }
    }
}

impl IngestError {
    /// A damaged file of `format`, with the library's words for support.
    pub fn damaged(
        format: Format,
        damage: Damage,
        technical: impl std::fmt::Display,
    ) -> IngestError {
        let mut technical = technical.to_string();
        if let Some((cut, _)) = technical.char_indices().nth(MAX_TECHNICAL_CHARS) {
            technical.truncate(cut);
            technical.push('…');
        }
        IngestError::Unreadable {
            format: Some(format),
            damage,
            technical: (!technical.trim().is_empty()).then_some(technical),
        }
    }

    /// A damaged file of `format` found by our own readers (no library text).
    pub fn damaged_here(format: Format, damage: Damage) -> IngestError {
        IngestError::Unreadable {
            format: Some(format),
            damage,
            technical: None,
        }
    }

    /// What the file is and what to do, in Swedish, followed by the library's words for support
    /// when there are any (after [`TECHNICAL_MARK`]).
    pub fn message(&self) -> String {
        let swedish = self.swedish();
        match self.technical() {
            Some(t) => format!("{swedish} {TECHNICAL_MARK} {t}"),
            None => swedish,
        }
    }

    /// The library's own words, if the refusal came from a library.
    pub fn technical(&self) -> Option<&str> {
        match self {
            IngestError::Unreadable { technical, .. } => technical.as_deref(),
            _ => None,
        }
    }

    /// What the file is and what to do, in Swedish (one to three sentences).
    pub fn swedish(&self) -> String {
        match self {
            IngestError::Empty => {
                "Filen är tom. Välj en Excel-fil från Öppna jämförelser (.xlsx).".to_owned()
            }
            IngestError::Pdf => "Filen är en PDF, inte ett kalkylark. Hämta Excel-filen med \
                tabellerna (.xlsx) från Socialstyrelsens webbplats i stället."
                .to_owned(),
            IngestError::Html => {
                "Filen är en webbsida (HTML), även om den kan heta .xls. Öppna \
                den i Excel, välj Spara som och spara som Excel-arbetsbok (.xlsx), och försök igen."
                    .to_owned()
            }
            IngestError::ExcelXml2003 => "Filen är ett kalkylark i det gamla XML-formatet från \
                Excel 2003. Öppna den i Excel, spara som Excel-arbetsbok (.xlsx) och försök igen."
                .to_owned(),
            IngestError::Word => "Filen är ett textdokument (Word), inte ett kalkylark. Välj \
                Excel-filen med tabellerna (.xlsx) i stället."
                .to_owned(),
            IngestError::PowerPoint => "Filen är en presentation (PowerPoint), inte ett \
                kalkylark. Välj Excel-filen med tabellerna (.xlsx) i stället."
                .to_owned(),
            IngestError::Image => "Filen är en bild, inte ett kalkylark. Välj Excel-filen med \
                tabellerna (.xlsx) i stället."
                .to_owned(),
            IngestError::Encrypted => "Filen är skyddad med lösenord och kan inte läsas. Spara \
                en kopia utan lösenord i Excel och försök igen."
                .to_owned(),
            IngestError::CorruptZip => "Filen kunde inte läsas: den är avklippt eller skadad \
                (ofullständig zip-fil). Ladda ned den igen och försök på nytt."
                .to_owned(),
            IngestError::OtherZip => "Filen är ett zip-arkiv men inte ett kalkylark. Packa upp \
                arkivet och välj Excel-filen (.xlsx) som ligger i det."
                .to_owned(),
            IngestError::Unknown => "Filen kunde inte läsas: formatet känns inte igen. Välj en \
                Excel-fil (.xlsx, .xlsm, .xls), en .ods-fil eller en textfil med semikolon, \
                komma eller tabb mellan fälten (.csv, .tsv)."
                .to_owned(),
            _ => self.limit_message(),
        }
    }

    /// The messages of the limits and of damage inside a readable format.
    fn limit_message(&self) -> String {
        const SAVE_FEWER: &str = "Spara bara de blad som behövs i en ny arbetsbok och försök igen.";
        const CRAFTED: &str = "Den kan vara skadad eller konstruerad för att överbelasta. \
            Öppna den i Excel, spara en ny kopia som .xlsx och försök igen.";
        match self {
            IngestError::TooLarge { bytes, max } => format!(
                "Filen är för stor ({} MB; högst {} MB går att läsa). Dela upp den eller spara \
                 bara de blad som behövs och försök igen.",
                megabytes(*bytes),
                megabytes(*max)
            ),
            IngestError::TooManyCells { max } => format!(
                "Filen har för många celler (fler än {}; tomma celler och rader räknas också). \
                 {SAVE_FEWER}",
                grouped(*max)
            ),
            IngestError::DecompressedTooLarge { declared, max } => format!(
                "Filen packas upp till för mycket data ({} MB; högst {} MB). {CRAFTED}",
                megabytes(*declared),
                megabytes(*max)
            ),
            IngestError::TooManyZipEntries { count, max } => format!(
                "Filen består av för många delar ({}; högst {}). {CRAFTED}",
                grouped(*count),
                grouped(*max)
            ),
            IngestError::TooManySheets { max } => format!(
                "Filen har för många blad (fler än {}). {SAVE_FEWER}",
                grouped(*max)
            ),
            IngestError::CellTooLong { sheet, cell, max } => format!(
                "{} har mer än {} tecken, fler än Excel tillåter i en cell. Filen är skapad av \
                 ett annat program eller konstruerad för att överbelasta. Korta texten eller ta \
                 bort cellen, spara och försök igen.",
                place(sheet.as_deref(), cell.as_deref()),
                grouped(*max)
            ),
            IngestError::TooMuchText { max } => format!(
                "Filen har för mycket text (fler än {} tecken i cellerna sammanlagt). \
                 {SAVE_FEWER}",
                grouped(*max)
            ),
            IngestError::TooDeep { max } => format!(
                "Filens XML-innehåll är nästlat för djupt (fler än {} nivåer), vilket inget \
                 kalkylprogram skriver. {CRAFTED}",
                grouped(*max)
            ),
            IngestError::TooManyElements { max } => format!(
                "Filens XML-innehåll har för många element (fler än {}). {CRAFTED}",
                grouped(*max)
            ),
            IngestError::XmlDeclarations => format!(
                "Filens XML-innehåll har egna deklarationer (en DTD med entiteter), vilket inget \
                 kalkylprogram skriver. {CRAFTED}"
            ),
            IngestError::MissingSharedString { sheet, cell } => format!(
                "Cellen {cell} på bladet ”{sheet}” pekar på en text som saknas i filen. {CRAFTED}"
            ),
            IngestError::CellOutsideGrid { sheet, cell } => format!(
                "Bladet ”{sheet}” har en cell eller rad ({cell}) utanför Excels rutnät \
                 (A1:XFD1048576). {CRAFTED}"
            ),
            IngestError::Unreadable { format, damage, .. } => format!(
                "Filen ser ut att vara {} men kunde inte läsas: {}. {}",
                format.map_or("ett Office-dokument (OLE)", Format::noun),
                damage.what(),
                damage.advice()
            ),
            _ => String::new(),
        }
    }
}

/// Where a cell is, as the subject of a sentence: "Cellen B2 på bladet ”Blad1”".
fn place(sheet: Option<&str>, cell: Option<&str>) -> String {
    match (sheet, cell) {
        (Some(sheet), Some(cell)) => format!("Cellen {cell} på bladet ”{sheet}”"),
        (Some(sheet), None) => format!("En cell på bladet ”{sheet}”"),
        (None, Some(cell)) => format!("Cellen {cell}"),
        (None, None) => "En text i filens tabell över delade texter".to_owned(),
    }
}

/// Bytes as whole megabytes, rounded up so that a file just over the limit does not read as equal.
fn megabytes(bytes: u64) -> u64 {
    bytes.div_ceil(1024 * 1024)
}

/// A count with Swedish digit grouping: 2 000 000 (no-break spaces, so it never wraps).
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len().saturating_add(digits.len() / 3));
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && digits.len().saturating_sub(i) % 3 == 0 {
            out.push('\u{a0}');
        }
        out.push(c);
    }
    out
}

impl std::fmt::Display for IngestError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for IngestError {}

#[cfg(test)]
mod tests {
    use super::*;

    /// One of every kind of refusal (every [`Damage`] too).
    pub(crate) fn every_error() -> Vec<IngestError> {
        let mut all = vec![
            IngestError::Empty,
            IngestError::Pdf,
            IngestError::Html,
            IngestError::ExcelXml2003,
            IngestError::Word,
            IngestError::PowerPoint,
            IngestError::Image,
            IngestError::Encrypted,
            IngestError::CorruptZip,
            IngestError::OtherZip,
            IngestError::Unknown,
            IngestError::TooLarge {
                bytes: 60 << 20,
                max: 50 << 20,
            },
            IngestError::TooManyCells { max: 5 },
            IngestError::DecompressedTooLarge {
                declared: 1 << 40,
                max: 1 << 28,
            },
            IngestError::TooManyZipEntries {
                count: 20_000,
                max: 10_000,
            },
            IngestError::TooManySheets { max: 1000 },
            IngestError::CellTooLong {
                sheet: Some("Blad1".into()),
                cell: Some("B2".into()),
                max: 32_767,
            },
            IngestError::CellTooLong {
                sheet: None,
                cell: None,
                max: 32_767,
            },
            IngestError::TooMuchText { max: 50_000_000 },
            IngestError::TooDeep { max: 100 },
            IngestError::TooManyElements { max: 4_000_000 },
            IngestError::XmlDeclarations,
            IngestError::MissingSharedString {
                sheet: "Blad1".into(),
                cell: "C3".into(),
            },
            IngestError::CellOutsideGrid {
                sheet: "Blad1".into(),
                cell: "A4294967297".into(),
            },
        ];
        for damage in Damage::ALL {
            all.push(IngestError::damaged(
                Format::Xlsx,
                damage,
                "Xml error: unexpected EOF",
            ));
            all.push(IngestError::damaged_here(Format::Xls, damage));
        }
        all
    }

    #[test]
    fn every_message_is_swedish_and_says_what_to_do() {
        for e in every_error() {
            let m = e.swedish();
            assert!(
                m.starts_with("Filen")
                    || m.starts_with("Cellen")
                    || m.starts_with("Bladet")
                    || m.starts_with("En "),
                "{m}"
            );
            assert!(
                [
                    "Välj", "Spara", "spara", "Ladda", "Packa", "Dela", "Ta bort", "Hämta", "Öppna"
                ]
                .iter()
                .any(|w| m.contains(w)),
                "{m}"
            );
            assert!(m.ends_with('.'), "{m}");
            let json = serde_json::to_string(&e).unwrap();
            let back: IngestError = serde_json::from_str(&json).unwrap();
            assert_eq!(back, e);
        }
        assert!(IngestError::Encrypted
            .message()
            .contains("Spara en kopia utan lösenord i Excel och försök igen."));
        assert!(IngestError::TooLarge {
            bytes: 60 << 20,
            max: 50 << 20
        }
        .message()
        .contains("60 MB"));
    }

    #[test]
    fn library_text_only_follows_the_mark_at_the_end() {
        let e = IngestError::damaged(
            Format::Xlsx,
            Damage::Xml,
            "Xml error: at 0..0: unrecognized entity `&lol9;`",
        );
        let m = e.message();
        let (swedish, technical) = m.split_once(TECHNICAL_MARK).unwrap();
        assert!(!swedish.contains("Xml error"), "{m}");
        assert!(swedish.trim_end().ends_with("försök igen."), "{m}");
        assert_eq!(
            technical.trim(),
            "Xml error: at 0..0: unrecognized entity `&lol9;`"
        );
        // Long library text is cut.
        let long = IngestError::damaged(Format::Xlsx, Damage::Xml, "x".repeat(5000));
        assert!(long.message().chars().count() < 600);
        // Empty library text is no detail at all.
        let empty = IngestError::damaged(Format::Xlsx, Damage::Xml, " ");
        assert!(!empty.message().contains(TECHNICAL_MARK));
    }

    #[test]
    fn counts_are_grouped_the_swedish_way() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(32_767), "32\u{a0}767");
        assert_eq!(grouped(2_000_000), "2\u{a0}000\u{a0}000");
    }
}
