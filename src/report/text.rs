//! The committee text in the seed-000 format: per area the quality-area lines and the total
//! with earlier years, a short peer summary, then the totals over all areas.
//!
//! Lines follow seed 000 character for character, including its punctuation: the first three
//! quality areas are followed by a comma ("Kunskapsbaserad verksamhet, 3/10 …"), Trygghet och
//! säkerhet and Tillgänglighet by a colon ("Tillgänglighet: 5/5 …"). "helt/delvis uppfyllda"
//! is written on a quality-area line when the Delvis rule counts Delvis and the line holds a
//! Delvis; the "Totalt" line always says "uppfyllda", as the seed does.

use crate::model::{Area, QualityArea};
use crate::score::{Score, Tally};

use super::{AreaReport, QualityLine, Report};

/// The area as the seed's headings name it ("ekonomiskt bistånd", "barn- och ungdom").
pub fn area_short_name(area: Area) -> &'static str {
    match area {
        Area::EkonomisktBistand => "ekonomiskt bistånd",
        Area::Missbruk => "missbruk- och beroendevård",
        Area::BarnOchUnga => "barn- och ungdom",
        Area::ValdINaraRelationer => "våld i nära relation",
        Area::Hemloshet => "hemlöshet",
        Area::Lss => "LSS",
        Area::Socialpsykiatri => "socialpsykiatri",
        Area::Aldreomsorg => "äldreomsorg",
        Area::Krisberedskap => "socialtjänstens krisberedskap",
        Area::Familjeratt => "familjerätt",
    }
}

/// One quality-area line: "Kunskapsbaserad verksamhet, 3/10 uppfyllda indikatorer: 30 %".
pub fn quality_line(line: &QualityLine) -> String {
    let separator = match line.group.area {
        Some(QualityArea::TrygghetSakerhet) | Some(QualityArea::Tillganglighet) => ":",
        _ => ",",
    };
    let score = &line.figure.score;
    if score.denominator == 0 {
        let why = score.tally.left_out_sv();
        return if why.is_empty() {
            format!("{}{separator} inga indikatorer", line.group.name)
        } else {
            format!(
                "{}{separator} inga besvarade indikatorer ({why})",
                line.group.name
            )
        };
    }
    let word = if score.counts_delvis {
        "helt/delvis uppfyllda"
    } else {
        "uppfyllda"
    };
    format!(
        "{}{separator} {} {word} indikatorer: {}",
        line.group.name,
        score.fraction_sv(),
        score.percent_sv()
    )
}

/// "Totalt 24/37 uppfyllda indikatorer: 65 % (53 % 2019, 40 % 2018)".
pub fn total_line(score: &Score, earlier: &[(Option<u16>, Score)]) -> String {
    let mut line = format!(
        "Totalt {} uppfyllda indikatorer: {}",
        score.fraction_sv(),
        score.percent_sv()
    );
    let parts: Vec<String> = earlier
        .iter()
        .filter(|(_, s)| s.percent.is_some())
        .map(|(y, s)| {
            let year = y
                .map(|y| y.to_string())
                .unwrap_or_else(|| "okänt år".into());
            format!("{} {year}", s.percent_sv())
        })
        .collect();
    if !parts.is_empty() {
        line.push_str(&format!(" ({})", parts.join(", ")));
    }
    line
}

fn left_out_line(tally: &Tally) -> Option<String> {
    let text = tally.left_out_sv();
    (!text.is_empty()).then(|| format!("Utanför nämnaren: {text}."))
}

fn area_block(report: &Report, area: &AreaReport, out: &mut Vec<String>) {
    out.push(format!(
        "Resultat per kvalitetsområde och totalt, {}:",
        area_short_name(area.area)
    ));
    if !area.present {
        out.push(format!(
            "{} saknas i tabellen för {}.",
            report.unit.name,
            area.year
                .map(|y| y.to_string())
                .unwrap_or_else(|| "okänt år".into())
        ));
        out.push(String::new());
        return;
    }
    for line in &area.quality {
        out.push(quality_line(line));
    }
    out.push(String::new());
    let earlier: Vec<(Option<u16>, Score)> =
        area.earlier.iter().map(|e| (e.year, e.score)).collect();
    out.push(total_line(&area.total.score, &earlier));
    if let Some(l) = left_out_line(&area.total.score.tally) {
        out.push(l);
    }
    match &area.peers {
        Some(p) => {
            let mut s = format!(
                "Jämförelse med {} (källa: {}): {}",
                lowercase_first(&p.set.name),
                p.set.source_text,
                p.placement.text
            );
            if let Some(band) = p.placement.band {
                s.push_str(&format!(", {}", band.label()));
            }
            s.push('.');
            if let Some(spread) = &p.spread {
                s.push_str(&format!(
                    " Gruppens median {}, lägst {} och högst {}.",
                    spread.median.percent_sv_1(),
                    spread.min.percent_sv(),
                    spread.max.percent_sv()
                ));
            }
            out.push(s);
            let mut s = format!("Riket: {}", p.riket.placement.text);
            if let Some(l) = &p.lan {
                s.push_str(&format!("; {}: {}", l.name, l.placement.text));
            }
            s.push('.');
            out.push(s);
        }
        None => {
            if let Some(e) = &area.peer_error {
                out.push(format!("Ingen jämförelse: {e}"));
            }
        }
    }
    out.push(String::new());
}

fn lowercase_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if !s.starts_with("SKR") && !s.starts_with("SKL") => {
            c.to_lowercase().chain(chars).collect()
        }
        _ => s.to_owned(),
    }
}

/// The report as text, seed-000 format, lines separated by `\n`.
pub fn render(report: &Report) -> String {
    let mut out = Vec::new();
    let years: Vec<String> = {
        let mut ys: Vec<u16> = report.areas.iter().filter_map(|a| a.year).collect();
        ys.sort_unstable();
        ys.dedup();
        ys.iter().map(u16::to_string).collect()
    };
    out.push(format!(
        "Öppna jämförelser{}: {} ({})",
        if years.is_empty() {
            String::new()
        } else {
            format!(" {}", years.join(", "))
        },
        report.unit.name,
        report.unit.code
    ));
    out.push(report.rule_text.clone());
    out.push(String::new());
    for area in &report.areas {
        area_block(report, area, &mut out);
    }
    if report.areas.len() > 1 {
        out.push("Resultat per kvalitetsområde och totalt, samtliga verksamhetsområden:".into());
        for line in &report.quality_totals {
            out.push(quality_line(line));
        }
        out.push(String::new());
        let newest = &report.total.score;
        let earlier: Vec<(Option<u16>, Score)> = report
            .total_by_year
            .iter()
            .rev()
            .filter(|t| t.complete)
            .skip(1)
            .map(|t| (t.year, t.score))
            .collect();
        // Earlier years only when every area's newest year is the same year, so that the
        // total's own year is the last complete one.
        let same_year = {
            let mut ys = report.areas.iter().map(|a| a.year);
            let first = ys.next().flatten();
            report.areas.iter().all(|a| a.year == first)
        };
        out.push(total_line(newest, if same_year { &earlier } else { &[] }));
        if let Some(l) = left_out_line(&newest.tally) {
            out.push(l);
        }
        out.push(String::new());
    }
    for w in &report.warnings {
        out.push(format!("Obs: {w}"));
    }
    while out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    let mut text = out.join("\n");
    text.push('\n');
    text
}
