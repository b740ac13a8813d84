//! Rapport: the committee text in the seed-000 format ready to copy, the tables and charts of
//! every loaded area, and the exports — Excel, CSV, SVG and print to PDF — all made in the
//! browser from the same report, so nothing is uploaded. Excel and CSV are written by the worker
//! (the module that holds the xlsx writer); the text and the SVGs here.
//!
//! The page is also the printed document: `style/print.css` hides the navigation and the
//! buttons, starts each area on a new A4 page and keeps the date, the files and the rules.

use std::sync::Arc;

use crate::ui::table_scroll::table_scroll;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::oversikt::year_text;
use super::with_report;
use crate::compare::units::UnitSurvey;
use crate::protocol::ExportFormat;
use crate::report::csv as csv_export;
use crate::report::tables::{peer_set_lines, rule_lines, Datum, ExportOptions, Tabell};
use crate::report::text::{area_short_name, report_title};
use crate::report::{text, AreaReport, Report};
use crate::score::Score;
use crate::ui::browser;
use crate::ui::charts::{Bar, BarChart, Series, TrendChart};
use crate::ui::context::{ExportMessage, Reports};
use crate::ui::format;
use crate::ui::worker;

const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const CSV_MIME: &str = "text/csv;charset=utf-8";
const SVG_MIME: &str = "image/svg+xml";

/// A downloaded SVG's styles: its font and background, and the page's own chart rules
/// (`style/chart.css`, the one source of both).
const CHART_CSS: &str = concat!(
    "svg{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;font-size:13px;background:#fff}",
    include_str!("../../../style/chart.css")
);

/// An export the worker wrote: downloads it and says what happened.
pub fn exported(
    format: ExportFormat,
    result: Result<(String, js_sys::ArrayBuffer), String>,
) -> String {
    let (kind, mime) = match format {
        ExportFormat::Xlsx | ExportFormat::Grupp { csv: false, .. } => ("Excelfilen", XLSX_MIME),
        ExportFormat::Csv { .. } | ExportFormat::Grupp { csv: true, .. } => ("CSV-filen", CSV_MIME),
    };
    match result
        .and_then(|(name, bytes)| browser::download_buffer(&name, mime, &bytes).map(|()| name))
    {
        Ok(name) => format!("{kind} {name} är skapad i webbläsaren."),
        Err(e) => e,
    }
}

#[component]
pub fn Rapport() -> impl IntoView {
    let ExportMessage(message) = expect_context::<ExportMessage>();
    let reports = expect_context::<Reports>();
    let csv_table = RwSignal::new(csv_export::MAIN_TABLE);
    with_report(move |report| {
        let options = Arc::new(export_options(reports));
        view! { <Document report options message csv_table/> }
    })
}

/// The export's date (today, in the browser's time zone) and how each table of the report was
/// read (computed by the worker with the report); the command line writes the same bytes from
/// the same files and date.
fn export_options(reports: Reports) -> ExportOptions {
    let (year, month, day) = browser::today();
    let date = match (u16::try_from(year), u8::try_from(month), u8::try_from(day)) {
        (Ok(y), Ok(m), Ok(d)) => Datum::new(y, m, d),
        _ => None,
    };
    let sources = reports.sources.get_untracked().as_ref().clone();
    ExportOptions { date, sources }
}

/// The whole report: heading, tools, text, tables, one section per area, the sources.
#[component]
fn Document(
    report: Arc<Report>,
    options: Arc<ExportOptions>,
    message: RwSignal<String>,
    csv_table: RwSignal<Tabell>,
) -> impl IntoView {
    let report_text = text::render(&report);
    let date = options
        .date
        .map(|d| d.iso())
        .unwrap_or_else(|| "okänt datum".to_owned());
    let areas = report
        .areas
        .iter()
        .map(|area| view! { <AreaSection area=area.clone() unit=report.unit.name.clone() lan=report.unit.lan.as_ref().map(|(_, name)| name.clone())/> })
        .collect_view();
    let surveys = report
        .unit_surveys
        .iter()
        .map(|s| view! { <UnitsSection survey=s.clone() unit=report.unit.name.clone()/> })
        .collect_view();
    view! {
        <article class="rapport" data-testid="rapport">
            <header class="rapport-huvud">
                <p class="rapport-titel" data-testid="rapport-titel">{report_title(&report)}</p>
                <dl class="rapport-fakta">
                    <dt>"Datum"</dt>
                    <dd data-testid="rapport-datum">{date}</dd>
                    <dt>"Delvis"</dt>
                    <dd>{report.rule_text.clone()}</dd>
                    <dt>"Jämförelsegrupp"</dt>
                    <dd>{report.options.jamfor.text()}</dd>
                </dl>
            </header>
            <Tools report=report.clone() options=options.clone() text=report_text.clone() message csv_table/>
            <section class="rapport-sektion" aria-labelledby="rapporttext-rubrik">
                <h3 id="rapporttext-rubrik">"Rapporttext"</h3>
                <p class="note no-print">
                    "Texten följer tjänsteskrivelsens format och kan klistras in som den är. Kopiera text lägger exakt den här texten i urklipp."
                </p>
                <pre id="rapport-text" class="rapport-text" data-testid="rapport-text" tabindex="0">{report_text}</pre>
            </section>
            {(!report.areas.is_empty()).then(|| view! { <QualityTable report=report.clone()/> })}
            <YearsChart report=report.clone()/>
            {areas}
            {surveys}
            <Sources report=report.clone() options/>
        </article>
    }
}

/// The buttons: copy, Excel, CSV (a table chosen), print; and what happened, said politely.
#[component]
fn Tools(
    report: Arc<Report>,
    options: Arc<ExportOptions>,
    text: String,
    message: RwSignal<String>,
    csv_table: RwSignal<Tabell>,
) -> impl IntoView {
    let copy = move |_| {
        let text = text.clone();
        spawn_local(async move {
            message.set(match browser::copy_text(&text, "rapport-text").await {
                Ok(()) => "Rapporttexten är kopierad. Klistra in den i Word eller i ärendet.".into(),
                Err(()) => "Webbläsaren tillät inte kopiering. Texten är markerad – kopiera den med Ctrl+C (Cmd+C på Mac).".into(),
            });
        });
    };
    let excel = {
        let (report, options) = (report.clone(), options.clone());
        move |_| {
            message.set("Excelfilen skapas …".into());
            worker::export(report.options.clone(), options.date, ExportFormat::Xlsx);
        }
    };
    let tables = Tabell::of_report(&report)
        .into_iter()
        .map(|t| {
            let name = t.name_for(&report);
            view! { <option value=t.key() selected=move || csv_table.get() == t>{name}</option> }
        })
        .collect_view();
    let csv = move |_| {
        let tabell = csv_table.get_untracked();
        message.set("CSV-filen skapas …".into());
        worker::export(
            report.options.clone(),
            options.date,
            ExportFormat::Csv { tabell },
        );
    };
    view! {
        <div class="rapport-verktyg no-print" role="group" aria-label="Kopiera och exportera">
            <button type="button" on:click=copy>"Kopiera text"</button>
            <button type="button" on:click=excel>"Ladda ned Excel"</button>
            <span class="rapport-csv">
                <label for="csv-tabell">"CSV-tabell"</label>
                " "
                <select
                    id="csv-tabell"
                    on:change=move |ev| {
                        if let Some(t) = Tabell::from_key(&event_target_value(&ev)) {
                            csv_table.set(t);
                        }
                    }
                >
                    {tables}
                </select>
                " "
                <button type="button" on:click=csv>"Ladda ned CSV"</button>
            </span>
            <button type="button" class="secondary" on:click=|_| browser::print()>
                "Skriv ut eller spara som PDF"
            </button>
            <p class="rapport-meddelande" role="status" aria-live="polite" data-testid="rapport-meddelande">
                {move || message.get()}
            </p>
            <p class="note">
                "Excel: ett blad per tabell med siffrorna som tal och reglerna överst. CSV: en tabell per fil, semikolon och decimalkomma för svenskt Excel. Allt skapas här i webbläsaren."
            </p>
        </div>
    }
}

fn score_cell(score: Option<&Score>) -> impl IntoView {
    match score {
        Some(s) if s.tally.indicators() > 0 => {
            view! { <td class="num">{format::score(s)}</td> }.into_any()
        }
        _ => view! { <td class="num muted">"–"</td> }.into_any(),
    }
}

/// Area × quality area with fractions (the committee report's table), plain text for print.
#[component]
fn QualityTable(report: Arc<Report>) -> impl IntoView {
    let groups: Vec<_> = report
        .quality_totals
        .iter()
        .map(|l| l.group.clone())
        .collect();
    let head = groups
        .iter()
        .map(|g| view! { <th scope="col" class="num">{g.name.clone()}</th> })
        .collect_view();
    let rows = report
        .areas
        .iter()
        .map(|area| {
            let cells = groups
                .iter()
                .map(|g| {
                    score_cell(
                        area.quality
                            .iter()
                            .find(|l| l.group.key == g.key)
                            .map(|l| &l.figure.score),
                    )
                })
                .collect_view();
            view! {
                <tr>
                    <th scope="row">{format!("{} {}", area.name, year_text(area.year))}</th>
                    {cells}
                    <td class="num strong">{format::score(&area.total.score)}</td>
                </tr>
            }
        })
        .collect_view();
    let totals = groups
        .iter()
        .map(|g| {
            score_cell(
                report
                    .quality_totals
                    .iter()
                    .find(|l| l.group.key == g.key)
                    .map(|l| &l.figure.score),
            )
        })
        .collect_view();
    let heading = format!(
        "Uppfyllda indikatorer per verksamhetsområde och {}",
        report.grouping().singular()
    );
    view! {
        <section class="rapport-sektion" aria-labelledby="tabell-rubrik">
            <h3 id="tabell-rubrik">{heading}</h3>
            {table_scroll(view! {
                <table class="quality-table" data-testid="rapport-tabell">
                    <caption>{format!("{} – uppfyllda av besvarade indikatorer. Summorna lägger ihop antalen, inte procenten.", report.unit.name)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Verksamhetsområde"</th>
                            {head}
                            <th scope="col" class="num">"Totalt"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                    <tfoot>
                        <tr>
                            <th scope="row">"Samtliga verksamhetsområden"</th>
                            {totals}
                            <td class="num strong">{format::score(&report.total.score)}</td>
                        </tr>
                    </tfoot>
                </table>
            })}
        </section>
    }
}

/// A chart in a figure with its own download button (SVG); other views can wrap theirs in it.
#[component]
pub fn ChartFigure(
    /// The element id and the file name's key.
    key: String,
    caption: String,
    children: Children,
) -> impl IntoView {
    let id = format!("diagram-{key}");
    let download = {
        let (id, key) = (id.clone(), key.clone());
        move |_| {
            let name = format!("oj-diagram-{key}.svg");
            let result = match browser::svg_document(&id, CHART_CSS) {
                Some(svg) => browser::download(&name, SVG_MIME, svg.as_bytes()),
                None => Err("Diagrammet kunde inte sparas.".to_owned()),
            };
            if let Err(e) = result {
                leptos::logging::warn!("{e}");
            }
        }
    };
    view! {
        <figure class="chart-figure rapport-diagram" id=id data-testid="rapport-diagram">
            {children()}
            <figcaption>
                {caption}
                " "
                <button type="button" class="link-button no-print" on:click=download>
                    "Ladda ned diagrammet (SVG)"
                </button>
            </figcaption>
        </figure>
    }
}

/// The total of each area per year, when any area has more than one year.
#[component]
fn YearsChart(report: Arc<Report>) -> impl IntoView {
    let series: Vec<Series> = report
        .areas
        .iter()
        .filter(|a| a.years.years.iter().filter(|p| p.present).count() > 1)
        .map(|a| Series {
            name: a.name.clone(),
            points: a
                .years
                .years
                .iter()
                .filter_map(|p| {
                    let year = p.year?;
                    let value = (p.present)
                        .then_some(p.full.total.share)
                        .flatten()
                        .map(|r| (r.to_f64() * 100.0, r.percent_sv()));
                    Some((year, value))
                })
                .collect(),
        })
        .collect();
    if series.is_empty() {
        return None;
    }
    let title = format!(
        "{}: andel uppfyllda indikatorer per år och verksamhetsområde",
        report.unit.name
    );
    Some(view! {
        <section class="rapport-sektion" aria-labelledby="ar-rubrik">
            <h3 id="ar-rubrik">"Över tid"</h3>
            <ChartFigure key="over-tid".to_owned() caption="Varje års andel på årets alla indikatorer (se Över tid för jämförbara indikatorer).".to_owned()>
                <TrendChart title=title.clone() series=series.clone()/>
            </ChartFigure>
        </section>
    })
}

/// One area on its own page: quality areas, the peer summary, a chart, förbättringsområden.
#[component]
fn AreaSection(area: AreaReport, unit: String, lan: Option<String>) -> impl IntoView {
    let heading = format!("{} {}", area.name, year_text(area.year));
    let key = format!(
        "{}{}",
        area.area.key(),
        area.year.map(|y| format!("-{y}")).unwrap_or_default()
    );
    if !area.present {
        return view! {
            <section class="rapport-omrade" data-testid="rapport-omrade" data-omrade=area.area.key()>
                <h3>{heading}</h3>
                <p>{format!("{unit} saknas i tabellen för {}.", year_text(area.year))}</p>
            </section>
        }
        .into_any();
    }
    let lines = area
        .quality
        .iter()
        .map(|l| {
            view! {
                <tr>
                    <th scope="row">{l.group.name.clone()}</th>
                    <td class="num">{format::score(&l.figure.score)}</td>
                    <td>{l.figure.score.tally.left_out_sv()}</td>
                </tr>
            }
        })
        .collect_view();
    let mut bars: Vec<Bar> = area
        .quality
        .iter()
        .map(|l| bar(&l.group.name, &l.figure.score, false))
        .collect();
    bars.push(bar("Totalt", &area.total.score, true));
    let group_word = area.grouping.singular();
    let chart_title = format!("{heading}: andel uppfyllda indikatorer per {group_word} för {unit}");
    let peers = peer_summary(&area);
    let numbers = numbers_list(&area);
    let changes = changes_list(&area);
    let forbattring: Vec<_> = area
        .forbattringsomraden
        .iter()
        .filter_map(|&i| area.indicators.get(i as usize).map(|l| (i, l)))
        .map(|(i, line)| {
            let learn = super::indikatorer::learn_text(&area, i, lan.as_deref());
            let share = match line.peers.share {
                Some(s) => format!(
                    " – {} av {} i jämförelsegruppen har Ja ({})",
                    line.peers.tally.ja,
                    line.peers.tally.denominator(),
                    s.percent_sv()
                ),
                None => String::new(),
            };
            view! {
                <li>
                    {format!("{} ({}){share}", line.name, line.own.label())}
                    {learn.map(|text| view! { <span class="hint learn" data-testid="att-lara-av">{text}</span> })}
                </li>
            }
        })
        .collect();
    let forbattring = if forbattring.is_empty() {
        view! { <p>"Inga: alla besvarade indikatorer är uppfyllda."</p> }.into_any()
    } else {
        view! { <ol class="rapport-lista">{forbattring}</ol> }.into_any()
    };
    view! {
        <section class="rapport-omrade" data-testid="rapport-omrade" data-omrade=area.area.key()>
            <h3>{heading.clone()}</h3>
            {table_scroll(view! {
                <table class="rapport-omrade-tabell">
                    <caption>{format!("{heading}: uppfyllda indikatorer per {group_word}")}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{area.grouping.column()}</th>
                            <th scope="col" class="num">"Uppfyllda"</th>
                            <th scope="col">"Utanför nämnaren"</th>
                        </tr>
                    </thead>
                    <tbody>{lines}</tbody>
                    <tfoot>
                        <tr>
                            <th scope="row">"Totalt"</th>
                            <td class="num strong">{format::score(&area.total.score)}</td>
                            <td>{area.total.score.tally.left_out_sv()}</td>
                        </tr>
                    </tfoot>
                </table>
            })}
            {peers}
            <ChartFigure key caption="Samma siffror som i tabellen.".to_owned()>
                <BarChart title=chart_title.clone() bars=bars.clone()/>
            </ChartFigure>
            {changes}
            <h4>"Förbättringsområden"</h4>
            <p class="note">"Besvarade indikatorer som inte är uppfyllda, de som flest i jämförelsegruppen uppfyller först."</p>
            {forbattring}
            {numbers}
        </section>
    }
    .into_any()
}

/// The välfärdsindikatorer and nyckeltal of an area (model of 2023–), one sentence each.
fn numbers_list(area: &AreaReport) -> Option<impl IntoView> {
    let numbers: Vec<_> = area
        .numeric
        .iter()
        .filter(|n| n.category.is_some())
        .collect();
    let heading = text::numbers_heading(&numbers);
    let lines: Vec<_> = numbers
        .into_iter()
        .map(|n| view! { <li>{text::number_line(n)}</li> })
        .collect();
    (!lines.is_empty()).then(|| {
        view! {
            <h4>{heading}</h4>
            <p class="note">"Tal som visas bredvid jämförelsegruppen och riket; de räknas aldrig som uppfyllda."</p>
            <ul class="rapport-lista">{lines}</ul>
        }
    })
}

/// What changed between the years: the grouping, and indicators the file says are not fully
/// comparable with earlier years.
fn changes_list(area: &AreaReport) -> Option<impl IntoView> {
    let mut lines: Vec<String> = area
        .years
        .grouping_changes
        .iter()
        .map(|c| c.sentence())
        .collect();
    lines.extend(text::comparability_lines(area));
    (!lines.is_empty()).then(|| {
        let items = lines
            .into_iter()
            .map(|l| view! { <li>{l}</li> })
            .collect_view();
        view! { <ul class="rapport-lista" data-testid="rapport-andringar">{items}</ul> }
    })
}

/// One enhetsundersökning: the kommun's units with their fractions, pooled, and all units.
#[component]
fn UnitsSection(survey: UnitSurvey, unit: String) -> impl IntoView {
    let heading = format!(
        "Enheter: {} ({}, enhetsundersökning)",
        survey.title(),
        area_short_name(survey.area)
    );
    if survey.units.is_empty() {
        return view! {
            <section class="rapport-omrade" data-testid="rapport-enheter">
                <h3>{heading}</h3>
                <p>{format!("{unit} har inga enheter i filen.")}</p>
            </section>
        }
        .into_any();
    }
    let rows = survey
        .units
        .iter()
        .map(|u| {
            view! {
                <tr>
                    <th scope="row">{u.name.clone()}</th>
                    <td>{u.regi.clone().unwrap_or_default()}</td>
                    <td class="num">{format::score(&u.figure.score)}</td>
                </tr>
            }
        })
        .collect_view();
    let pooled = |list: &[crate::compare::units::PooledUnits], who: String| {
        list.iter()
            .map(|p| {
                let regi = p.regi.clone().unwrap_or_else(|| "alla".to_owned());
                view! {
                    <tr>
                        <th scope="row">{who.clone()}</th>
                        <td>{format!("{regi} ({})", format::plural(p.units as usize, "enhet", "enheter"))}</td>
                        <td class="num strong">{format::score(&p.figure.score)}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    let kommun = pooled(
        &survey.kommun_total,
        format!("{} enheter sammanlagt", format::genitive(&unit)),
    );
    let riket = pooled(&survey.riket_total, "Samtliga enheter i filen".to_owned());
    view! {
        <section class="rapport-omrade" data-testid="rapport-enheter">
            <h3>{heading.clone()}</h3>
            {table_scroll(view! {
                <table class="rapport-omrade-tabell">
                    <caption>{format!("{heading}: uppfyllda indikatorer per enhet")}</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Enhet"</th>
                            <th scope="col">"Regi"</th>
                            <th scope="col" class="num">"Uppfyllda"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                    <tfoot>{kommun}{riket}</tfoot>
                </table>
            })}
        </section>
    }
    .into_any()
}

fn bar(label: &str, score: &Score, strong: bool) -> Bar {
    Bar {
        label: label.to_owned(),
        share: score.share.map(|r| r.to_f64()),
        text: format::score(score),
        strong,
    }
}

/// The area among its peers, riket and the län, in the report text's sentences.
fn peer_summary(area: &AreaReport) -> impl IntoView {
    let lines = crate::report::text::peer_lines(area);
    (!lines.is_empty()).then(|| {
        let last = lines.len() - 1;
        let lines = lines
            .into_iter()
            .enumerate()
            .map(|(i, line)| view! { {line} {(i < last).then(|| view! { <br/> })} })
            .collect_view();
        view! { <p class="rapport-jamforelse">{lines}</p> }
    })
}

/// The date, the files and how they were read, the rules and the peer sets.
#[component]
fn Sources(report: Arc<Report>, options: Arc<ExportOptions>) -> impl IntoView {
    let files = report
        .datasets
        .iter()
        .map(|used| {
            let note = options.sources.get(used.index as usize);
            let mut parts = vec![format!("{}, blad {}", used.file, used.sheet)];
            if let Some(label) = &used.area_label {
                parts.push(label.clone());
            }
            if let Some(y) = used.year {
                parts.push(y.to_string());
            }
            if let Some(n) = note {
                parts.push(format!("läst {}", n.layout.label()));
                parts.push(n.units_text());
                parts.push(format::plural(
                    n.n_indicators as usize,
                    "indikator",
                    "indikatorer",
                ));
            }
            if !used.used {
                parts.push(format!("används inte: {}", used.note));
            }
            view! { <li>{parts.join(" – ")}</li> }
        })
        .collect_view();
    let rules = rule_lines(&report)
        .into_iter()
        .map(|r| view! { <li>{r}</li> })
        .collect_view();
    let peers = peer_set_lines(&report)
        .into_iter()
        .map(|r| view! { <li>{r}</li> })
        .collect_view();
    let warnings = report
        .warnings
        .iter()
        .map(|w| view! { <li>{w.clone()}</li> })
        .collect_view();
    let date = options
        .date
        .map(|d| d.iso())
        .unwrap_or_else(|| "okänt datum".to_owned());
    view! {
        <section class="rapport-underlag" aria-labelledby="underlag-rubrik" data-testid="rapport-underlag">
            <h3 id="underlag-rubrik">"Underlag"</h3>
            <p>{format!("Sammanställd {date} med ÖJ-analys {} – filerna lästes i webbläsaren, inget skickades någonstans.", env!("CARGO_PKG_VERSION"))}</p>
            <h4>"Filer"</h4>
            <ul class="rapport-lista">{files}</ul>
            <h4>"Regler"</h4>
            <ul class="rapport-lista">{rules}</ul>
            <h4>"Jämförelsegrupper"</h4>
            <ul class="rapport-lista">{peers}</ul>
            {(!report.warnings.is_empty()).then(|| view! {
                <h4>"Att observera"</h4>
                <ul class="rapport-lista">{warnings}</ul>
            })}
        </section>
    }
}
