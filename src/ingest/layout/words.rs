//! What a label column's header names by its words: a level of the indicator hierarchy, codes,
//! a dimension, a grouping of the units, the indicator, service units (enheter).
//!
//! Short headers only: indicator names are longer and must never be taken for a grouping because
//! they mention "år" or "kommun".

use crate::model::normalize_label;

/// What a header names a label column as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HeaderWord {
    /// Part of an indicator's identity in long tables: its quality area, indicator area or code.
    Hierarchy(Level),
    Code,
    Dimension,
    Grouping,
    Indicator,
    Enhet,
    None,
}

/// Which part of an indicator's hierarchy a label column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Quality,
    IndicatorArea,
    IndicatorCode,
    /// Kvalitetsindikator, välfärdsindikator or nyckeltal (ÖJ's model of 2023–).
    Category,
    /// Struktur, process or resultat.
    Type,
}

/// Headers of extra dimensions (their first word; "year", "ar" and "gender" as Kolada and
/// statistics exports write them).
const DIMENSIONS: [&str; 20] = [
    "kön",
    "ålder",
    "åldersgrupp",
    "åldersklass",
    "år",
    "årtal",
    "månad",
    "kvartal",
    "period",
    "tidpunkt",
    "tid",
    "regi",
    "regiform",
    "ägarform",
    "driftform",
    "mätår",
    "redovisningsår",
    "year",
    "ar",
    "gender",
];

/// Headers of the column naming each row's indicator (besides "indikator"; "kpi" is Kolada's).
const INDICATOR: [&str; 7] = [
    "mått",
    "variabel",
    "nyckeltal",
    "fråga",
    "måttnamn",
    "indikatornamn",
    "kpi",
];

/// Headers of a column of service units.
const ENHET: [&str; 9] = [
    "enhet",
    "enhetens",
    "enhetsnamn",
    "utförare",
    "utförarenhet",
    "verksamhet",
    "verksamhetens",
    "anordnare",
    "hemtjänstområde",
];

/// Words of a header that groups the units (any word of it).
const GROUPING: [&str; 12] = [
    "län",
    "länsnamn",
    "kommun",
    "kommunnamn",
    "skr",
    "skl",
    "region",
    "stadsdel",
    "stadsområde",
    "stadsdelsområde",
    "sorteringsnyckel",
    "riket",
];

/// Beginnings of a dimension header that make it a time dimension (År, Månad …).
const TIME: [&str; 8] = [
    "år", "månad", "kvartal", "period", "tid", "årtal", "tidpunkt", "mätår",
];

/// Classifies a label column's header by its words.
pub fn header_word(header: &str) -> HeaderWord {
    let folded = normalize_label(header);
    let tokens: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .collect();
    let Some(first) = tokens.first().copied() else {
        return HeaderWord::None;
    };
    let rules = [
        hierarchy_word(&tokens),
        code_word(&tokens),
        (tokens.len() <= 4 && DIMENSIONS.contains(&first)).then_some(HeaderWord::Dimension),
        (tokens.len() <= 3 && (first == "indikator" || INDICATOR.contains(&first)))
            .then_some(HeaderWord::Indicator),
        (tokens.len() <= 4 && ENHET.contains(&first)).then_some(HeaderWord::Enhet),
        grouping_word(&folded, &tokens),
    ];
    rules
        .into_iter()
        .flatten()
        .next()
        .unwrap_or(HeaderWord::None)
}

/// "Kvalitetsområde", "Indikatorområde", "Indikatorkod" / "Indikator id".
fn hierarchy_word(tokens: &[&str]) -> Option<HeaderWord> {
    let first = tokens.first().copied()?;
    if tokens.len() > 3 {
        return None;
    }
    if first.starts_with("kvalitetsområde") || first.starts_with("kvalitetsdimension") {
        return Some(HeaderWord::Hierarchy(Level::Quality));
    }
    if first.starts_with("indikatorområde") {
        return Some(HeaderWord::Hierarchy(Level::IndicatorArea));
    }
    if matches!(first, "kategori" | "indikatorkategori") {
        return Some(HeaderWord::Hierarchy(Level::Category));
    }
    let type_of_indicator = tokens == ["typ", "av", "indikator"];
    if matches!(first, "indikatortyp") || (first == "typ" && tokens.len() == 1) || type_of_indicator
    {
        return Some(HeaderWord::Hierarchy(Level::Type));
    }
    let second = tokens.get(1).copied().unwrap_or("");
    let code = first == "indikatorkod"
        || first == "indikatornummer"
        || (first == "indikator" && matches!(second, "kod" | "id" | "nr"));
    code.then_some(HeaderWord::Hierarchy(Level::IndicatorCode))
}

/// "Kommunkod", "Länsnr", "Id".
fn code_word(tokens: &[&str]) -> Option<HeaderWord> {
    let code = tokens.len() <= 4
        && tokens
            .iter()
            .any(|t| t.ends_with("kod") || *t == "nr" || *t == "id" || t.ends_with("nummer"));
    code.then_some(HeaderWord::Code)
}

/// "Län", "Kommungrupp (SKR 2017)", "Antal invånare".
fn grouping_word(folded: &str, tokens: &[&str]) -> Option<HeaderWord> {
    let first = tokens.first().copied()?;
    let population = matches!(
        first,
        "invånare" | "invånarantal" | "folkmängd" | "befolkning"
    ) || folded.starts_with("antal invånare");
    if population
        && tokens.len() <= 4
        && !tokens.iter().any(|t| t.chars().all(|c| c.is_ascii_digit()))
    {
        return Some(HeaderWord::Grouping);
    }
    let grouping = tokens.len() <= 5
        && tokens.iter().any(|t| {
            GROUPING.contains(t)
                || t.starts_with("kommungrupp")
                || t.starts_with("storleksgrupp")
                || t.starts_with("storlek")
        });
    grouping.then_some(HeaderWord::Grouping)
}

/// Whether a dimension's header names time (År, Månad, Kvartal …): its table's year is not one.
pub fn is_time_header(header: &str) -> bool {
    let h = normalize_label(header);
    // "year" and "ar" (år without its ring) only as a word of their own: not "arbetsform".
    let first = h.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    TIME.iter().any(|w| h.starts_with(w)) || matches!(first, "year" | "ar")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_words() {
        assert_eq!(header_word("Kommunkod"), HeaderWord::Code);
        assert_eq!(header_word("Kön"), HeaderWord::Dimension);
        assert_eq!(header_word("År"), HeaderWord::Dimension);
        assert_eq!(header_word("Ålder"), HeaderWord::Dimension);
        assert_eq!(header_word("Län"), HeaderWord::Grouping);
        assert_eq!(header_word("Kommungrupp (SKR 2017)"), HeaderWord::Grouping);
        assert_eq!(header_word("Indikator"), HeaderWord::Indicator);
        assert_eq!(header_word("Läkemedel"), HeaderWord::None);
        assert_eq!(header_word("Väntetid för nybesök"), HeaderWord::None);
        assert_eq!(header_word("Antal invånare"), HeaderWord::Grouping);
        assert_eq!(header_word("Expedieringar/1000 invånare"), HeaderWord::None);
        assert_eq!(
            header_word("Andel av brukarna över 80 år som fått en skriftlig plan"),
            HeaderWord::None
        );
        assert_eq!(header_word("Kön och ålder"), HeaderWord::Dimension);
        assert_eq!(
            header_word("Kategori"),
            HeaderWord::Hierarchy(Level::Category)
        );
        assert_eq!(
            header_word("Indikatortyp"),
            HeaderWord::Hierarchy(Level::Type)
        );
        assert_eq!(header_word("Typ"), HeaderWord::Hierarchy(Level::Type));
        assert_eq!(header_word("Typ av boende"), HeaderWord::None);
        // Kolada's and statistics exports' words.
        assert_eq!(header_word("year"), HeaderWord::Dimension);
        assert_eq!(header_word("ar"), HeaderWord::Dimension);
        assert_eq!(header_word("kpi"), HeaderWord::Indicator);
        assert_eq!(header_word("kommun_id"), HeaderWord::Code);
        assert!(is_time_header("year") && is_time_header("ar") && !is_time_header("arbetsform"));
    }
}
