//! What the page's typed fields accept: a target in percent, a year, a number of header rows, a
//! column by letter or number. Anything else is no value (the field then clears its choice).

/// A target in whole percent, 0–100, with or without a `%` ("65", "65 %").
pub fn percent(text: &str) -> Option<u32> {
    text.trim()
        .trim_end_matches('%')
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|p| *p <= 100)
}

/// A year of ÖJ, 1990–2100.
pub fn year(text: &str) -> Option<u16> {
    text.trim()
        .parse::<u16>()
        .ok()
        .filter(|y| (1990..=2100).contains(y))
}

/// A number of header rows, 1–5.
pub fn header_rows(text: &str) -> Option<u8> {
    text.trim()
        .parse::<u8>()
        .ok()
        .filter(|n| (1..=5).contains(n))
}

/// A column given as letters ("C", "aa") or a 1-based number ("3") → 0-based index.
pub fn column(text: &str) -> Option<u32> {
    let text = text.trim().to_uppercase();
    if text.is_empty() {
        return None;
    }
    if let Ok(n) = text.parse::<u32>() {
        return n.checked_sub(1);
    }
    let mut n: u32 = 0;
    for c in text.chars() {
        if !c.is_ascii_uppercase() {
            return None;
        }
        n = n.checked_mul(26)?.checked_add(c as u32 - 'A' as u32 + 1)?;
    }
    n.checked_sub(1)
}

/// A DOM id made of a key that may hold any character: ASCII letters and digits kept, the rest
/// `-`.
pub fn dom_id(key: &str) -> String {
    key.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_are_whole_percents_up_to_100() {
        assert_eq!(percent("65"), Some(65));
        assert_eq!(percent(" 65 % "), Some(65));
        assert_eq!(percent("0"), Some(0));
        assert_eq!(percent("101"), None);
        assert_eq!(percent("12,5"), None);
        assert_eq!(percent(""), None);
    }

    #[test]
    fn years_and_header_rows_within_their_ranges() {
        assert_eq!(year("2024"), Some(2024));
        assert_eq!(year("1989"), None);
        assert_eq!(year("tjugo"), None);
        assert_eq!(header_rows("3"), Some(3));
        assert_eq!(header_rows("0"), None);
        assert_eq!(header_rows("6"), None);
    }

    #[test]
    fn columns_by_letter_or_number() {
        assert_eq!(column("A"), Some(0));
        assert_eq!(column("c"), Some(2));
        assert_eq!(column("AA"), Some(26));
        assert_eq!(column("3"), Some(2));
        assert_eq!(column("0"), None);
        assert_eq!(column("Å"), None);
        assert_eq!(column(""), None);
        assert_eq!(column("ZZZZZZZZ"), None, "overflow is no column");
    }

    #[test]
    fn dom_ids_are_ascii() {
        assert_eq!(dom_id("Blad 1:Ö"), "Blad-1--");
    }
}
