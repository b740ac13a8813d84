//! Socialstyrelsen's template around the tables: the accessibility sentence, "Tabell N." title
//! rows (Swedish and English), "Källa:"/"Anm." footnotes, and the non-data sheets.
//!
//! [`segment`] cuts a sheet into blocks of table rows with their titles and footnotes; a sheet
//! may hold several tables, one after another.

use crate::ingest::grid::{CellValue, Grid};
use crate::ingest::reading::NonDataKind;
use crate::model::{normalize_label, CellRef};

/// A title row above a table.
#[derive(Clone, Debug, PartialEq)]
pub struct TitleRow {
    pub cell: CellRef,
    pub text: String,
    /// "Table 2. …", "Figure 1. …", "Chapter …": the template's English title.
    pub english: bool,
    /// "Tabell 2. …", "Figur 1. …": a numbered title.
    pub numbered: bool,
}

/// Rows of one table and what surrounds it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Block {
    /// The table's rows (header and data, and single-cell group rows inside), ascending.
    pub rows: Vec<u32>,
    /// Title rows that belong to this table (its own, or the sheet's when it has none).
    pub titles: Vec<TitleRow>,
    pub footnotes: Vec<(CellRef, String)>,
}

impl Block {
    /// The table's title and English title: a numbered title ("Tabell 2. …") when there is one,
    /// else the first title row.
    pub fn chosen_titles(&self) -> (Option<String>, Option<String>) {
        let pick = |english: bool| {
            let rows = self.titles.iter().filter(|t| t.english == english);
            let numbered = rows.clone().find(|t| t.numbered);
            numbered
                .or_else(|| self.titles.iter().find(|t| t.english == english))
                .map(|t| t.text.clone())
        };
        (pick(false), pick(true))
    }

    /// The title rows' cells and texts.
    pub fn title_cells(&self) -> Vec<(CellRef, String)> {
        self.titles
            .iter()
            .map(|t| (t.cell, t.text.clone()))
            .collect()
    }
}

/// "Tabell 2. Personer med …" → "Personer med …".
pub fn strip_table_number(title: &str) -> String {
    let t = title.trim();
    let lower = normalize_label(t);
    for word in ["tabell", "figur", "diagram", "table", "figure"] {
        if lower.starts_with(word) {
            let rest = t.get(word.len()..).unwrap_or("").trim_start();
            let after_number = rest.trim_start_matches(|c: char| c.is_ascii_digit());
            if after_number.len() < rest.len() {
                return after_number
                    .trim_start_matches(['.', ':', ' ', '–', '-'])
                    .trim()
                    .to_owned();
            }
        }
    }
    t.to_owned()
}

/// A sheet cut into tables.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Segments {
    /// The accessibility sentence on the first row ("Sidan innehåller en tabell om …").
    pub sentence: Option<(CellRef, String)>,
    pub blocks: Vec<Block>,
}

impl Segments {
    /// Whether the sheet follows Socialstyrelsen's template.
    pub fn is_template(&self) -> bool {
        self.sentence.is_some()
            || self.blocks.iter().any(|b| {
                b.titles.iter().any(|t| t.numbered)
                    || b.footnotes.iter().any(|(_, f)| is_source_note(f))
            })
    }
}

/// The kind of a non-data sheet, from its name or its first row, with the reason in Swedish.
pub fn non_data_kind(grid: &Grid) -> Option<(NonDataKind, String)> {
    let name = normalize_label(&grid.name);
    let by_name = [
        ("innehåll", NonDataKind::Innehallsforteckning),
        ("mer information", NonDataKind::MerInformation),
        ("om statistiken", NonDataKind::OmStatistiken),
        ("definitioner", NonDataKind::DefinitionerOchMatt),
        ("ordlista", NonDataKind::Ordlista),
        ("list of terms", NonDataKind::Ordlista),
        ("läs mig", NonDataKind::Information),
        ("läsanvisning", NonDataKind::Information),
        ("instruktion", NonDataKind::Information),
        ("information", NonDataKind::Information),
        ("om öppna jämförelser", NonDataKind::Information),
        ("teckenförklaring", NonDataKind::Information),
        ("kontakt", NonDataKind::Information),
        ("metod", NonDataKind::Information),
    ];
    if let Some((_, kind)) = by_name.iter().find(|(prefix, _)| name.starts_with(prefix)) {
        return Some((*kind, format!("bladnamnet \"{}\"", grid.name)));
    }
    let first = first_text(grid)?;
    let folded = normalize_label(&first);
    let informative = [
        "den här sidan ger information",
        "i den här sidan finns information",
        "på den här sidan finns information",
        "på den här sidan finns en ordlista",
        "i den här sidan finns en ordlista",
        "den här sidan innehåller information",
    ];
    informative.iter().any(|p| folded.starts_with(p)).then(|| {
        (
            NonDataKind::Information,
            format!("första raden: \"{}\"", shorten(&first, 70)),
        )
    })
}

fn first_text(grid: &Grid) -> Option<String> {
    let (_, _, cell) = grid.cells().next()?;
    cell.text().map(str::to_owned)
}

/// A text cut to at most `max` characters, with "…" when cut.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(max).collect();
    out.push('…');
    out
}

/// Whether a text is the template's accessibility sentence.
pub fn is_sentence(text: &str) -> bool {
    let t = normalize_label(text);
    t.starts_with("sidan innehåller") || t.starts_with("den här sidan innehåller")
}

/// "Tabell 2. …", "Table 2. …", "Figur 1. …", "Diagram 3 …".
fn numbered_title(text: &str) -> Option<bool> {
    let t = normalize_label(text);
    for (word, english) in [
        ("tabell", false),
        ("figur", false),
        ("diagram", false),
        ("table", true),
        ("figure", true),
    ] {
        if let Some(rest) = t.strip_prefix(word) {
            let rest = rest.trim_start();
            if rest.starts_with(|c: char| c.is_ascii_digit()) {
                return Some(english);
            }
        }
    }
    None
}

fn is_english(text: &str) -> bool {
    let t = normalize_label(text);
    ["table ", "figure ", "chapter ", "source:"]
        .iter()
        .any(|p| t.starts_with(p))
}

/// "Källa: …", "Källor: …", "Source: …".
pub fn is_source_note(text: &str) -> bool {
    let t = normalize_label(text);
    t.starts_with("källa") || t.starts_with("källor") || t.starts_with("source")
}

/// A footnote under a table.
fn is_footnote(text: &str) -> bool {
    let t = normalize_label(text);
    is_source_note(text)
        || t.starts_with('*')
        || t.starts_with('¹')
        || t.starts_with("anm")
        || t.starts_with("not:")
        || t.starts_with("noter")
        || t.starts_with("fotnot")
        || t.starts_with("kommentar")
        || t.starts_with("förklaring")
        || t.starts_with("observera")
        || t.starts_with("note:")
        || t.starts_with("uppgifterna avser")
}

/// Cuts a sheet into tables: title rows start one (a numbered title, or single text cells at the
/// left before its first row of several cells), footnote rows end one, and single text cells at
/// the left after its last row of several cells are its footnotes.
pub fn segment(grid: &Grid) -> Segments {
    let Some((first_row, _, min_col, _)) = grid.bounds() else {
        return Segments::default();
    };
    let mut cutter = Cutter {
        grid,
        min_col,
        out: Segments::default(),
        current: Block::default(),
        has_multi: false,
        pending_titles: Vec::new(),
        sheet_titles: Vec::new(),
    };
    for row in grid.used_rows() {
        match single_text(grid, row) {
            Some((col, text)) => cutter.single_cell_row(row, col, text, row == first_row),
            None => {
                cutter.current.rows.push(row);
                cutter.has_multi = true;
            }
        }
    }
    cutter.finish_block();
    cutter.out
}

/// The state of [`segment`] while it walks down the rows.
struct Cutter<'g> {
    grid: &'g Grid,
    /// The sheet's first used column: footnotes and titles stand there.
    min_col: u32,
    out: Segments,
    /// The table being collected.
    current: Block,
    /// Whether `current` has a row of more than one cell.
    has_multi: bool,
    /// Title rows waiting for their table.
    pending_titles: Vec<TitleRow>,
    /// The first table's titles: the titles of later tables without their own.
    sheet_titles: Vec<TitleRow>,
}

impl Cutter<'_> {
    /// A row of one text cell: the accessibility sentence, a title, a footnote, or a row of the
    /// table (a group row inside it).
    fn single_cell_row(&mut self, row: u32, col: u32, text: String, first_row: bool) {
        let cell = CellRef::new(row, col);
        if first_row && self.out.sentence.is_none() && is_sentence(&text) {
            self.out.sentence = Some((cell, text));
        } else if let Some(english) = numbered_title(&text) {
            self.finish_block();
            self.pending_titles.push(TitleRow {
                cell,
                text,
                english,
                numbered: true,
            });
        } else if is_footnote(&text) && col <= self.min_col {
            self.current.footnotes.push((cell, text));
            self.finish_block();
        } else if !self.has_multi && col <= self.min_col {
            self.pending_titles.push(TitleRow {
                cell,
                english: is_english(&text),
                text,
                numbered: false,
            });
        } else {
            self.current.rows.push(row);
        }
    }

    /// Ends the current table: its trailing single text cells at the left are footnotes; a
    /// table gets its pending titles (or the sheet's); a lone row after a table's footnote adds
    /// to its footnotes.
    fn finish_block(&mut self) {
        let mut block = std::mem::take(&mut self.current);
        while let Some(&last) = block.rows.last() {
            match single_text(self.grid, last) {
                Some((col, text)) if col <= self.min_col && block.rows.len() > 1 => {
                    block.footnotes.insert(0, (CellRef::new(last, col), text));
                    block.rows.pop();
                }
                _ => break,
            }
        }
        if self.has_multi && !block.rows.is_empty() {
            if self.pending_titles.is_empty() {
                block.titles = self.sheet_titles.clone();
            } else {
                block.titles = std::mem::take(&mut self.pending_titles);
                if self.sheet_titles.is_empty() {
                    self.sheet_titles = block.titles.clone();
                }
            }
            self.out.blocks.push(block);
        } else if let Some(last) = self.out.blocks.last_mut() {
            last.footnotes.extend(block.footnotes);
        }
        self.has_multi = false;
    }
}

/// The row's one cell, when it holds exactly one and that is text.
fn single_text(grid: &Grid, row: u32) -> Option<(u32, String)> {
    match grid.row(row) {
        [(_, col, CellValue::Text(text))] => Some((*col, text.clone())),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> CellValue {
        CellValue::Text(s.into())
    }

    #[test]
    fn template_sheet_with_two_tables() {
        let cells = vec![
            (0, 0, t("Sidan innehåller tabeller om något.")),
            (1, 0, t("Kapitel X Något")),
            (2, 0, t("Chapter X Something")),
            (3, 0, t("Kön")),
            (3, 1, t("1988")),
            (4, 0, t("Män")),
            (4, 1, CellValue::Number(3.0)),
            (5, 0, t("Källa: patientregistret")),
            (7, 0, t("Kön")),
            (7, 1, t("1988")),
            (8, 0, t("Män")),
            (8, 1, CellValue::Number(4.0)),
            (9, 0, t("Källa: patientregistret")),
            (10, 0, t("*Preliminära siffror")),
        ];
        let grid = Grid::new("Tabell 1", cells, vec![]);
        let s = segment(&grid);
        assert!(s.sentence.is_some());
        assert!(s.is_template());
        assert_eq!(s.blocks.len(), 2);
        assert_eq!(s.blocks[0].rows, [3, 4]);
        assert_eq!(s.blocks[0].titles.len(), 2);
        assert!(s.blocks[0].titles[1].english);
        assert_eq!(s.blocks[1].rows, [7, 8]);
        assert_eq!(s.blocks[1].titles[0].text, "Kapitel X Något");
        assert_eq!(s.blocks[1].footnotes.len(), 2);
    }

    #[test]
    fn numbered_titles_split_tables_and_group_rows_stay_inside() {
        let cells = vec![
            (0, 0, t("Tabell 1. Första")),
            (1, 0, t("Kön")),
            (1, 1, t("2020")),
            (2, 0, t("Kvinnor")),
            (3, 1, CellValue::Number(1.0)),
            (3, 0, t("Totalt")),
            (5, 0, t("Tabell 2. Andra")),
            (6, 0, t("Ålder")),
            (6, 1, t("Män")),
            (7, 0, t("0–4")),
            (7, 1, CellValue::Number(2.0)),
        ];
        let s = segment(&Grid::new("Diagram", cells, vec![]));
        assert_eq!(s.blocks.len(), 2);
        assert_eq!(s.blocks[0].rows, [1, 2, 3]);
        assert_eq!(s.blocks[1].titles[0].text, "Tabell 2. Andra");
    }

    #[test]
    fn titles_lose_their_number() {
        assert_eq!(
            strip_table_number("Tabell 2. Personer med stroke"),
            "Personer med stroke"
        );
        assert_eq!(strip_table_number("Kapitel X Något"), "Kapitel X Något");
    }

    #[test]
    fn non_data_sheets_by_name_or_sentence() {
        let g = Grid::new("Innehållsförteckning", vec![(0, 0, t("x"))], vec![]);
        assert_eq!(
            non_data_kind(&g).map(|k| k.0),
            Some(NonDataKind::Innehallsforteckning)
        );
        let g = Grid::new(
            "Blad3",
            vec![(
                0,
                0,
                t("Den här sidan ger information om vilken publicering det är"),
            )],
            vec![],
        );
        assert_eq!(
            non_data_kind(&g).map(|k| k.0),
            Some(NonDataKind::Information)
        );
        let g = Grid::new(
            "Tabell 1",
            vec![(0, 0, t("Sidan innehåller en tabell om X"))],
            vec![],
        );
        assert_eq!(non_data_kind(&g), None);
    }
}
