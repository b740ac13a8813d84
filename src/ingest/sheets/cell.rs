//! Cell values as the sheet readers produce them: finite numbers, normalised non-empty texts,
//! dates as ISO text.

use super::super::grid::{normalize_text, CellValue};

/// A number; an infinite or NaN one is Excel's #NUM! error.
pub fn number(f: f64) -> CellValue {
    if f.is_finite() {
        CellValue::Number(f)
    } else {
        CellValue::Error("#NUM!".to_owned())
    }
}

/// A text, normalised; `None` when nothing is left.
pub fn text(s: &str) -> Option<CellValue> {
    let t = normalize_text(s);
    (!t.is_empty()).then_some(CellValue::Text(t))
}

/// A date as ISO text (`2024-03-31`, with ` 12:30` when it has a time of day; a bare time as
/// `12:30:00`); a duration as its number of days. Years in ÖJ files are plain numbers, so a
/// cell formatted as a date really is a date, and text is what a reader expects of it.
pub fn date_time(dt: &calamine::ExcelDateTime) -> CellValue {
    let serial = dt.as_f64();
    if dt.is_duration() || !serial.is_finite() || !(0.0..2_958_466.0).contains(&serial) {
        return number(serial);
    }
    let (y, mo, d, h, mi, s, _) = dt.to_ymd_hms_milli();
    let has_time = (h, mi, s) != (0, 0, 0);
    let text = if serial < 1.0 {
        format!("{h:02}:{mi:02}:{s:02}")
    } else if has_time {
        format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}")
    } else {
        format!("{y:04}-{mo:02}-{d:02}")
    };
    CellValue::Text(text)
}
