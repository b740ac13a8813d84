//! Bounded XML reading: every event, element, nesting level and byte of a part counted against
//! the limits, so that a hostile part costs at most the limit to refuse.
//!
//! quick-xml hands out one whole event at a time (a 250 MB run of text is one event), so the
//! bytes it may take for one event are capped below it, in [`Bounded`]: an event over
//! [`MAX_XML_EVENT_BYTES`] stops reading after that many bytes. A DTD is refused outright (no
//! spreadsheet writes one, and its entity declarations are how "billion laughs" files grow), and
//! so is any entity reference other than XML's own five and character references.

use std::io::{self, BufRead, Read};

use quick_xml::events::Event;
use quick_xml::Reader;

use super::super::error::{Damage, IngestError};
use super::super::limits::{Limits, MAX_XML_EVENT_BYTES};
use super::super::sniff::Format;

/// What the XML parts of one file have used so far: elements and inflated bytes.
#[derive(Clone, Debug)]
pub(crate) struct XmlBudget {
    elements: u64,
    max_elements: u64,
    bytes: u64,
    max_bytes: u64,
    max_depth: u64,
}

impl XmlBudget {
    pub(crate) fn new(limits: &Limits) -> XmlBudget {
        XmlBudget {
            elements: 0,
            max_elements: limits.max_xml_elements,
            bytes: 0,
            max_bytes: limits.max_decompressed_bytes,
            max_depth: limits.max_xml_depth,
        }
    }

    fn take_element(&mut self) -> Result<(), IngestError> {
        self.elements = self.elements.saturating_add(1);
        if self.elements > self.max_elements {
            return Err(IngestError::TooManyElements {
                max: self.max_elements,
            });
        }
        Ok(())
    }

    fn take_bytes(&mut self, n: u64) -> Result<(), IngestError> {
        self.bytes = self.bytes.saturating_add(n);
        if self.bytes > self.max_bytes {
            return Err(IngestError::DecompressedTooLarge {
                declared: self.bytes,
                max: self.max_bytes,
            });
        }
        Ok(())
    }
}

/// A reader that lets quick-xml take at most [`MAX_XML_EVENT_BYTES`] for one event (and see
/// one byte more, the `<` that ends a text), and counts all bytes taken.
struct Bounded<R> {
    inner: R,
    in_event: usize,
    consumed: u64,
    over: bool,
}

impl<R: BufRead> Read for Bounded<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(out.len());
        if let (Some(to), Some(from)) = (out.get_mut(..n), available.get(..n)) {
            to.copy_from_slice(from);
        }
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Bounded<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        let room = MAX_XML_EVENT_BYTES
            .saturating_add(1)
            .saturating_sub(self.in_event);
        if room == 0 {
            // Looks like the end to quick-xml; [`XmlPart::next`] turns it into a refusal.
            self.over = true;
            return Ok(&[]);
        }
        let available = self.inner.fill_buf()?;
        let n = available.len().min(room);
        Ok(available.get(..n).unwrap_or_default())
    }

    fn consume(&mut self, n: usize) {
        self.inner.consume(n);
        self.in_event = self.in_event.saturating_add(n);
        self.consumed = self
            .consumed
            .saturating_add(u64::try_from(n).unwrap_or(u64::MAX));
    }
}

/// One XML part read event by event within the limits.
pub(crate) struct XmlPart<R> {
    reader: Reader<Bounded<R>>,
    depth: u64,
    counted: u64,
    /// The file's format as a Swedish noun phrase, for errors.
    format: Format,
}

impl<R: BufRead> XmlPart<R> {
    /// Reads `inner` with calamine's settings: end names unchecked, text untrimmed, empty
    /// elements as `Event::Empty`.
    pub(crate) fn new(inner: R, format: Format) -> XmlPart<R> {
        let mut reader = Reader::from_reader(Bounded {
            inner,
            in_event: 0,
            consumed: 0,
            over: false,
        });
        let config = reader.config_mut();
        config.check_end_names = false;
        config.trim_text(false);
        config.check_comments = false;
        config.expand_empty_elements = false;
        XmlPart {
            reader,
            depth: 0,
            counted: 0,
            format,
        }
    }

    /// The next event, or why reading must stop: an event too large, too deep, too many
    /// elements or bytes in the file, a DTD, an unknown entity, or XML that is not well-formed.
    pub(crate) fn next<'b>(
        &mut self,
        buf: &'b mut Vec<u8>,
        budget: &mut XmlBudget,
    ) -> Result<Event<'b>, IngestError> {
        buf.clear();
        self.reader.get_mut().in_event = 0;
        let event = self.reader.read_event_into(buf);
        let bounded = self.reader.get_ref();
        let over = bounded.over || bounded.in_event > MAX_XML_EVENT_BYTES;
        let consumed = bounded.consumed;
        budget.take_bytes(consumed.saturating_sub(self.counted))?;
        self.counted = consumed;
        if over {
            return Err(IngestError::damaged_here(self.format, Damage::HugeElement));
        }
        let event = event.map_err(|e| xml_error(self.format, &e))?;
        match &event {
            Event::DocType(_) => return Err(IngestError::XmlDeclarations),
            Event::Start(_) | Event::Empty(_) => {
                budget.take_element()?;
                let depth = self.depth.saturating_add(1);
                if depth > budget.max_depth {
                    return Err(IngestError::TooDeep {
                        max: budget.max_depth,
                    });
                }
                if matches!(event, Event::Start(_)) {
                    self.depth = depth;
                }
            }
            Event::End(_) => self.depth = self.depth.saturating_sub(1),
            Event::GeneralRef(r) if !r.is_char_ref() && !is_predefined(r) => {
                return Err(IngestError::damaged(
                    self.format,
                    Damage::UnknownEntity,
                    format_args!("&{};", &**r),
                ));
            }
            _ => {}
        }
        Ok(event)
    }
}

/// XML's five predefined entities.
fn is_predefined(name: &str) -> bool {
    matches!(name, "lt" | "gt" | "amp" | "apos" | "quot")
}

/// A quick-xml error as a typed damage, the library's text kept for support.
pub(crate) fn xml_error(format: Format, e: &quick_xml::Error) -> IngestError {
    let damage = match e {
        quick_xml::Error::Io(io) => io_damage(io),
        quick_xml::Error::Encoding(_) => Damage::Encoding,
        quick_xml::Error::Escape(_) => Damage::UnknownEntity,
        _ => Damage::Xml,
    };
    IngestError::damaged(format, damage, e)
}

/// An I/O error while reading a part: reading inflates the zip entry, so it is damaged
/// compression, or compression of a kind the zip reader does not know (its error kind says so).
pub(crate) fn io_damage(e: &std::io::Error) -> Damage {
    match e.kind() {
        std::io::ErrorKind::Unsupported => Damage::UnsupportedCompression,
        _ => Damage::Compression,
    }
}

/// The characters of a run of text as a reader will hold it: `\r\n` counts once (XML
/// normalises line ends).
pub(crate) fn text_chars(text: &str) -> u64 {
    let chars = if text.is_ascii() {
        text.len()
    } else {
        text.chars().count()
    };
    let crlf = if text.as_bytes().contains(&b'\r') {
        text.matches("\r\n").count()
    } else {
        0
    };
    u64::try_from(chars.saturating_sub(crlf)).unwrap_or(u64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(xml: &str, limits: &Limits) -> Result<u64, IngestError> {
        let mut part = XmlPart::new(xml.as_bytes(), Format::Xlsx);
        let mut budget = XmlBudget::new(limits);
        let mut buf = Vec::new();
        let mut n = 0;
        loop {
            match part.next(&mut buf, &mut budget)? {
                Event::Eof => return Ok(n),
                _ => n += 1,
            }
        }
    }

    #[test]
    fn an_event_of_a_megabyte_is_read_and_one_byte_more_stops_reading() {
        let huge = |n: String| {
            matches!(
                read_all(&n, &Limits::default()),
                Err(IngestError::Unreadable {
                    damage: Damage::HugeElement,
                    ..
                })
            )
        };
        // A text, a start tag (with its brackets) and a comment of exactly the limit.
        let text = format!("<a>{}</a>", "x".repeat(MAX_XML_EVENT_BYTES));
        assert_eq!(read_all(&text, &Limits::default()), Ok(3));
        let tag = format!("<a b=\"{}\"></a>", "x".repeat(MAX_XML_EVENT_BYTES - 8));
        assert_eq!(read_all(&tag, &Limits::default()), Ok(2));
        let comment = format!("<a><!--{}--></a>", "x".repeat(MAX_XML_EVENT_BYTES - 7));
        assert_eq!(read_all(&comment, &Limits::default()), Ok(3));
        // One byte more.
        assert!(huge(format!(
            "<a>{}</a>",
            "x".repeat(MAX_XML_EVENT_BYTES + 1)
        )));
        assert!(huge(format!(
            "<a b=\"{}\"></a>",
            "x".repeat(MAX_XML_EVENT_BYTES - 7)
        )));
        assert!(huge(format!(
            "<a><!--{}--></a>",
            "x".repeat(MAX_XML_EVENT_BYTES - 6)
        )));
        // Reading stops after the limit, not at the end of a 100 MB text.
        let long = format!("<a>{}</a>", "x".repeat(100 << 20));
        let started = std::time::Instant::now();
        assert!(huge(long));
        assert!(started.elapsed() < std::time::Duration::from_secs(2));
    }

    #[test]
    fn depth_elements_dtd_and_entities_are_bounded() {
        let limits = Limits {
            max_xml_depth: 3,
            max_xml_elements: 5,
            ..Limits::default()
        };
        assert_eq!(read_all("<a><b><c/></b></a>", &limits), Ok(5));
        assert_eq!(
            read_all("<a><b><c><d/></c></b></a>", &limits),
            Err(IngestError::TooDeep { max: 3 })
        );
        assert_eq!(
            read_all("<a><b/><b/><b/><b/><b/></a>", &limits),
            Err(IngestError::TooManyElements { max: 5 })
        );
        assert_eq!(
            read_all(r#"<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>"#, &limits),
            Err(IngestError::XmlDeclarations)
        );
        assert!(matches!(
            read_all("<a>&x;</a>", &limits),
            Err(IngestError::Unreadable {
                damage: Damage::UnknownEntity,
                ..
            })
        ));
        assert_eq!(read_all("<a>&amp;&#229;&#xE5;</a>", &limits), Ok(5));
    }

    #[test]
    fn bytes_count_against_the_decompressed_limit() {
        let limits = Limits {
            max_decompressed_bytes: 20,
            ..Limits::default()
        };
        assert!(read_all("<a>0123456789</a>", &limits).is_ok());
        assert!(matches!(
            read_all("<a>0123456789 0123456789</a>", &limits),
            Err(IngestError::DecompressedTooLarge { max: 20, .. })
        ));
    }

    #[test]
    fn line_ends_count_once() {
        assert_eq!(text_chars("a\r\nb"), 3);
        assert_eq!(text_chars("åäö"), 3);
    }
}
