//! Why a file could not be read: one typed error per kind of refusal, each with its Swedish message.

use serde::{Deserialize, Serialize};

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
    /// The file holds more non-empty cells than the limit (counted while reading; reading stopped).
    TooManyCells { max: u64 },
    /// The compressed parts would inflate to more than the limit.
    DecompressedTooLarge { declared: u64, max: u64 },
    /// A recognised spreadsheet format that could not be read (damaged inside).
    Unreadable { format: String, detail: String },
}

impl IngestError {
    /// What the file is and what to do, in Swedish (one or two sentences).
    pub fn message(&self) -> String {
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
            IngestError::TooLarge { bytes, max } => format!(
                "Filen är för stor ({} MB; högst {} MB går att läsa). Dela upp den eller spara \
                 bara de blad som behövs och försök igen.",
                megabytes(*bytes),
                megabytes(*max)
            ),
            IngestError::TooManyCells { max } => format!(
                "Filen har för många ifyllda celler (fler än {max}). Spara bara de blad som \
                 behövs i en ny arbetsbok och försök igen."
            ),
            IngestError::DecompressedTooLarge { declared, max } => format!(
                "Filen packas upp till för mycket data ({} MB; högst {} MB). Den kan vara skadad \
                 eller konstruerad för att överbelasta. Öppna den i Excel, spara en ny kopia och \
                 försök igen.",
                megabytes(*declared),
                megabytes(*max)
            ),
            IngestError::Unreadable { format, detail } => format!(
                "Filen ser ut att vara {format} men kunde inte läsas ({detail}). Den kan vara \
                 skadad: öppna den i Excel, spara en ny kopia som .xlsx och försök igen."
            ),
        }
    }
}

/// Bytes as whole megabytes, rounded up so that a file just over the limit does not read as equal.
fn megabytes(bytes: u64) -> u64 {
    bytes.div_ceil(1024 * 1024)
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

    #[test]
    fn every_message_is_swedish_and_says_what_to_do() {
        let all = [
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
            IngestError::Unreadable {
                format: "en .xls-fil".into(),
                detail: "x".into(),
            },
        ];
        for e in all {
            let m = e.message();
            assert!(m.starts_with("Filen") || m.starts_with("Bladet"), "{m}");
            assert!(
                [
                    "Välj", "Spara", "spara", "Ladda", "Packa", "Dela", "Ta bort", "Hämta", "Öppna"
                ]
                .iter()
                .any(|w| m.contains(w)),
                "{m}"
            );
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
}
