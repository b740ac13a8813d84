//! The committee text in the seed-000 format: per area the quality-area lines and the total
//! with earlier years, a short peer summary and who to learn from, then the totals over all
//! areas.
//!
//! Lines follow seed 000 character for character, including its punctuation: the first three
//! quality areas are followed by a comma ("Kunskapsbaserad verksamhet, 3/10 …"), Trygghet och
//! säkerhet and Tillgänglighet by a colon ("Tillgänglighet: 5/5 …"). "helt/delvis uppfyllda"
//! is written on a quality-area line when the Delvis rule counts Delvis and the line holds a
//! Delvis; the "Totalt" line always says "uppfyllda", as the seed does.

use crate::compare::learn::{LearnFrom, LearnSource};
use crate::compare::numeric::{DirectionSource, NumericComparison};
use crate::compare::units::{PooledUnits, UnitSurvey};
use crate::compare::years::ChangeKind;
use crate::model::{Area, Direction, QualityArea};
use crate::score::{Score, Tally};
use crate::sv;

use super::{AreaReport, QualityLine, Report};

/// The rule of the model of 2023–, stated once in every report that reads such a file.
pub const CATEGORY_RULE: &str = "Bara kvalitetsindikatorer som besvaras med Ja, Delvis eller Nej \
räknas som uppfyllda eller inte. Välfärdsindikatorer, nyckeltal och kvalitetsindikatorer som \
redovisas som tal visas bredvid jämförelsegruppen och riket; de ingår aldrig i bråken.";

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
        "Resultat per {} och totalt, {}:",
        area.grouping.singular(),
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
    for change in &area.years.grouping_changes {
        out.push(change.sentence());
    }
    out.extend(comparability_lines(area));
    out.extend(peer_lines(area));
    learn_block(report, area, out);
    let numbers: Vec<&NumericComparison> = area
        .numeric
        .iter()
        .filter(|n| n.category.is_some())
        .collect();
    if !numbers.is_empty() {
        out.push(String::new());
        out.push(format!(
            "{}, {} (räknas inte som uppfyllda):",
            numbers_heading(&numbers),
            area_short_name(area.area)
        ));
        out.extend(numbers.into_iter().map(number_line));
    }
    out.push(String::new());
}

/// The most names a line of the text lists; the exports list them all.
const MAX_NAMES: usize = 10;

/// The area among its peers, riket and the län, as the report text, the Rapport view and every
/// other place that says it write it: "Jämförelse med länet (källa: …): plats 3 av 12 med
/// uppgift i gruppen …, övre kvartilen. Gruppens median 48,5 %, lägst 20 % och högst 80 %." and
/// "Riket: …; Stockholms län: …."; "Ingen jämförelse: …" when there is none.
pub fn peer_lines(area: &AreaReport) -> Vec<String> {
    let Some(p) = &area.peers else {
        return area
            .peer_error
            .iter()
            .map(|e| format!("Ingen jämförelse: {e}"))
            .collect();
    };
    let mut place = format!(
        "Jämförelse med {} (källa: {}): {}",
        lowercase_first(&p.set.name),
        p.set.source_text,
        p.placement.text
    );
    if let Some(band) = p.placement.band {
        place.push_str(&format!(", {}", band.label()));
    }
    place.push('.');
    if let Some(spread) = &p.spread {
        place.push_str(&format!(
            " Gruppens median {}, lägst {} och högst {}.",
            spread.median.percent_sv_1(),
            spread.min.percent_sv(),
            spread.max.percent_sv()
        ));
    }
    let mut others = format!("Riket: {}", p.riket.placement.text);
    if let Some(l) = &p.lan {
        others.push_str(&format!("; {}: {}", l.name, l.placement.text));
    }
    others.push('.');
    vec![place, others]
}

/// Who to learn from, after the comparison: one line per förbättringsområde with the peers
/// that fulfil it, else the kommuner of the län that do.
fn learn_block(report: &Report, area: &AreaReport, out: &mut Vec<String>) {
    if area.learn_from.is_empty() {
        return;
    }
    out.push(String::new());
    out.push(format!(
        "Att lära av, {} (de i jämförelsegruppen som uppfyller det {} inte uppfyller):",
        area_short_name(area.area),
        report.unit.name
    ));
    let lan = report.unit.lan.as_ref().map(|(_, name)| name.as_str());
    for learn in &area.learn_from {
        let Some(line) = area.indicators.get(learn.line as usize) else {
            continue;
        };
        out.push(learn_line(&line.name, learn, lan));
    }
}

/// "Individuell plan: Lidingö, Nacka och Täby." — or the län's kommuner when no peer fulfils
/// it, or that nobody does.
pub fn learn_line(indicator: &str, learn: &LearnFrom, lan: Option<&str>) -> String {
    let mut names: Vec<&str> = learn.units.iter().map(|u| u.name.as_str()).collect();
    let more = names.len().saturating_sub(MAX_NAMES);
    names.truncate(MAX_NAMES);
    let names = match (names.as_slice(), more) {
        (_, 0) => learn.names_sv(),
        (shown, n) => format!("{} och {n} till", shown.join(", ")),
    };
    match &learn.source {
        LearnSource::Jamforelsegrupp => format!("{indicator}: {names}."),
        LearnSource::Lan { name, .. } => {
            format!("{indicator}: ingen i jämförelsegruppen; i {name}: {names}.")
        }
        LearnSource::Ingen => match lan {
            Some(lan) => format!("{indicator}: ingen i jämförelsegruppen eller i {lan}."),
            None => format!("{indicator}: ingen i jämförelsegruppen."),
        },
    }
}

/// The indicators of the newest year whose file says they are not fully comparable with
/// earlier years: "Inte helt jämförbar med tidigare år: Aktuell rutin … – 24 månader (tidigare
/// 12) …", the file's note as written, ended by one full stop.
pub fn comparability_lines(area: &AreaReport) -> Vec<String> {
    area.years
        .changes
        .iter()
        .filter(|c| c.kind == ChangeKind::EjJamforbar && c.to_year == area.year)
        .map(|c| {
            let mut line = format!("Inte helt jämförbar med tidigare år: {}", c.name);
            if let Some(note) = c.note.as_ref().filter(|n| !n.trim().is_empty()) {
                line.push_str(" – ");
                line.push_str(note.trim());
            }
            if !line.ends_with(['.', '!', '?']) {
                line.push('.');
            }
            line
        })
        .collect()
}

/// "13/14 uppfyllda indikatorer: 93 %", or why there is no fraction.
fn units_score(score: &Score) -> String {
    if score.denominator == 0 {
        return "inga besvarade indikatorer".to_owned();
    }
    let word = if score.counts_delvis {
        "helt/delvis uppfyllda"
    } else {
        "uppfyllda"
    };
    format!(
        "{} {word} indikatorer: {}",
        score.fraction_sv(),
        score.percent_sv()
    )
}

/// " (offentlig 44/53: 83 %, enskild 38/55: 69 %)" for the pooled figures per regi.
fn per_regi(pooled: &[PooledUnits]) -> String {
    let parts: Vec<String> = pooled
        .iter()
        .filter_map(|p| {
            let regi = p.regi.as_ref()?;
            let s = &p.figure.score;
            (s.denominator > 0).then(|| {
                format!(
                    "{} {}: {}",
                    regi.to_lowercase(),
                    s.fraction_sv(),
                    s.percent_sv()
                )
            })
        })
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!(" ({})", parts.join(", "))
    }
}

/// The kommun's units of one enhetsundersökning, each with its fraction, then the kommun's
/// units and every unit of the file pooled, all and per regi.
fn units_block(report: &Report, survey: &UnitSurvey, out: &mut Vec<String>) {
    out.push(format!(
        "Enheter i {}, {} ({}, enhetsundersökning):",
        report.unit.name,
        survey.title().to_lowercase(),
        area_short_name(survey.area)
    ));
    if survey.units.is_empty() {
        out.push(format!("{} har inga enheter i filen.", report.unit.name));
        out.push(String::new());
        return;
    }
    for unit in &survey.units {
        let regi = unit
            .regi
            .as_ref()
            .map(|r| format!(" ({})", r.to_lowercase()))
            .unwrap_or_default();
        out.push(format!(
            "{}{regi}: {}",
            unit.name,
            units_score(&unit.figure.score)
        ));
    }
    out.push(String::new());
    let total = |pooled: &[PooledUnits], who: String| -> Option<String> {
        let all = pooled.iter().find(|p| p.regi.is_none())?;
        Some(format!(
            "{who}: {}{}",
            units_score(&all.figure.score),
            per_regi(pooled)
        ))
    };
    let n = survey.units.len();
    out.extend(total(
        &survey.kommun_total,
        format!(
            "Kommunens {n} {} sammanlagt",
            if n == 1 { "enhet" } else { "enheter" }
        ),
    ));
    let n_riket = survey
        .riket_total
        .iter()
        .find(|p| p.regi.is_none())
        .map(|p| p.units)
        .unwrap_or(0);
    out.extend(total(
        &survey.riket_total,
        format!("Samtliga {n_riket} enheter i filen sammanlagt"),
    ));
    out.push(String::new());
}

/// What a list of numbers of the model of 2023– holds, as a heading: "Välfärdsindikatorer och
/// nyckeltal", "Kvalitetsindikatorer med tal, välfärdsindikatorer och nyckeltal".
pub fn numbers_heading(numbers: &[&NumericComparison]) -> String {
    use crate::model::IndicatorCategory as C;
    let has = |c: C| numbers.iter().any(|n| n.category == Some(c));
    let parts: Vec<&str> = [
        (C::Kvalitetsindikator, "kvalitetsindikatorer med tal"),
        (C::Valfardsindikator, "välfärdsindikatorer"),
        (C::Nyckeltal, "nyckeltal"),
    ]
    .into_iter()
    .filter(|(c, _)| has(*c))
    .map(|(_, word)| word)
    .collect();
    let text = match parts.as_slice() {
        [] => "tal".to_owned(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} och {last}", init.join(", ")),
    };
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => text,
    }
}

/// "Andel med långvarigt ekonomiskt bistånd (välfärdsindikator): 4,2 procent; jämförelsegruppens
/// median 3,9, riket 4,5; lägre är bättre enligt filen."
pub fn number_line(n: &NumericComparison) -> String {
    let category = n.category.map(|c| c.label()).unwrap_or("nyckeltal");
    let value = match n.own.value {
        Some(v) => {
            let measure = n
                .measure
                .as_ref()
                .map(|m| format!(" {m}"))
                .unwrap_or_default();
            format!("{}{measure}", sv::number(v))
        }
        None if n.own.raw.is_empty() => "inget värde".to_owned(),
        None => format!("inget värde ({})", n.own.raw),
    };
    let mut beside = Vec::new();
    if let Some(s) = &n.spread {
        beside.push(format!(
            "jämförelsegruppens median {}",
            sv::number(s.median)
        ));
    }
    if let Some(r) = n.riket {
        beside.push(format!("riket {}", sv::number(r)));
    }
    let target = n
        .target
        .as_ref()
        .map(|t| format!(", målvärde: {t}"))
        .unwrap_or_default();
    let mut line = format!("{} ({category}{target}): {value}", n.name);
    if !beside.is_empty() {
        line.push_str(&format!("; {}", beside.join(", ")));
    }
    if n.direction_source != DirectionSource::Ingen {
        let better = match n.direction {
            Direction::HigherIsBetter => "högre",
            Direction::LowerIsBetter => "lägre",
        };
        line.push_str(&format!(
            "; {better} är bättre {}",
            n.direction_source.label()
        ));
        if let Some(rank) = n.placement.rank {
            line.push_str(&format!(
                ", plats {rank} av {} med uppgift",
                n.placement.with_data
            ));
        }
    }
    line.push('.');
    line
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

/// "Öppna jämförelser 2019, 2020: Tyresö (0138)", the report text's first line and every
/// export's title.
pub fn report_title(report: &Report) -> String {
    let years: Vec<String> = report.years().iter().map(u16::to_string).collect();
    format!(
        "Öppna jämförelser{}: {} ({})",
        if years.is_empty() {
            String::new()
        } else {
            format!(" {}", years.join(", "))
        },
        report.unit.name,
        report.unit.code
    )
}

/// The report as text, seed-000 format, lines separated by `\n`.
pub fn render(report: &Report) -> String {
    let mut out = Vec::new();
    out.push(report_title(report));
    out.push(report.rule_text.clone());
    if report.uses_categories() {
        out.push(CATEGORY_RULE.to_owned());
    }
    out.push(String::new());
    for area in &report.areas {
        area_block(report, area, &mut out);
    }
    if report.areas.len() > 1 {
        out.push(format!(
            "Resultat per {} och totalt, samtliga verksamhetsområden:",
            report.grouping().singular()
        ));
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
    for survey in &report.unit_surveys {
        units_block(report, survey, &mut out);
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
