//! Tolkning: how each file was read (sheets, tables, header rows, unit column, indicators and
//! their quality areas, area and year with evidence, warnings) and the user's corrections, which
//! are kept in the browser by layout and applied again whenever the same layout is loaded.

use std::sync::Arc;

use crate::ui::table_scroll::table_scroll;
use leptos::prelude::*;

use crate::app_state::forms::{self, dom_id};
use crate::ingest::reading::{DatasetReading, SheetReading, SheetRole, UnitAxis};
use crate::model::{column_letters, Area, QualityArea};
use crate::protocol::{DatasetSummary, FileSummary};
use crate::ui::context::{Corrections, FileStatus, Files};
use crate::ui::format::plural;

#[component]
pub fn Tolkning() -> impl IntoView {
    let files = expect_context::<Files>();
    let corrections = expect_context::<Corrections>();
    let read = move || {
        files.list.with(|list| {
            list.iter()
                .filter_map(|f| match &f.status {
                    FileStatus::Read(s) => Some((f.id, f.version, s.clone())),
                    _ => None,
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <p class="note">
            "Så här lästes varje fil. Rättar du något sparas rättelsen i webbläsaren för filens layout och används igen nästa gång en fil med samma layout läses in (till exempel samma tabell ett annat år). Filerna läses om direkt."
        </p>
        <Show
            when=move || !read().is_empty()
            fallback=|| view! { <p class="empty-state" data-testid="tom-vy">"Inga filer inlästa ännu."</p> }
        >
            <For
                each=read
                key=|(id, version, _)| (*id, *version)
                children=move |(_, _, summary)| {
                    let few = files.list.with_untracked(|f| f.len() <= 3);
                    view! { <FileReading summary few/> }
                }
            />
        </Show>
        <p>
            <button
                type="button"
                class="secondary"
                disabled=move || corrections.saved.with(|c| c.is_empty())
                on:click=move |_| corrections.correct(|c| *c = Default::default())
            >
                "Ta bort alla rättelser"
            </button>
        </p>
    }
}

/// One file: its format, sheets and tables. Folded unless there are few files or something to
/// look at (an unknown area or year, warnings, corrections).
#[component]
fn FileReading(summary: Arc<FileSummary>, few: bool) -> impl IntoView {
    let reading = &summary.reading;
    let attention = reading.datasets.iter().any(|d| {
        d.area.as_ref().and_then(|a| a.value.area).is_none()
            || d.year.is_none()
            || !d.warnings.is_empty()
            || !d.corrections.is_empty()
    }) || reading.datasets.is_empty();
    let short = reading
        .datasets
        .iter()
        .map(|d| {
            let area = d
                .area
                .as_ref()
                .and_then(|a| a.value.area)
                .map(|a| a.name().to_owned())
                .unwrap_or_else(|| "okänt område".into());
            let year = d
                .year
                .as_ref()
                .map(|y| y.value.to_string())
                .unwrap_or_else(|| "okänt år".into());
            format!("{area} {year}")
        })
        .collect::<Vec<_>>()
        .join(", ");
    let n_warnings: usize = reading.datasets.iter().map(|d| d.warnings.len()).sum();
    let sheets = reading.sheets.iter().map(sheet_row).collect_view();
    let tables = reading
        .datasets
        .iter()
        .zip(&summary.datasets)
        .map(|(r, d)| {
            view! {
                <TableReading
                    file_key=summary.first_layout_key.clone()
                    reading=r.clone()
                    dataset=d.clone()
                />
            }
        })
        .collect_view();
    let format = match &reading.text {
        Some(t) => format!(
            "{}, teckenkodning {}",
            reading.format.label(),
            t.encoding.label()
        ),
        None => reading.format.label().to_owned(),
    };
    view! {
        <details class="reading" data-testid="tolkning-fil" open=few || attention>
            <summary>
                <h3>{reading.file.clone()}</h3>
                <span class="hint">
                    {format!(
                        "{} · {}",
                        if short.is_empty() { "ingen tabell".to_owned() } else { short },
                        plural(n_warnings, "varning", "varningar")
                    )}
                </span>
            </summary>
            <p>
                {format!(
                    "{} · {} · {} lästa",
                    format,
                    plural(reading.sheets.len(), "blad", "blad"),
                    plural(reading.datasets.len(), "tabell", "tabeller")
                )}
            </p>
            {table_scroll(view! {
                <table data-testid="bladlista">
                    <caption>{format!("{} blad", reading.sheets.len())}</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Blad"</th>
                            <th scope="col">"Tolkat som"</th>
                            <th scope="col">"Varför"</th>
                        </tr>
                    </thead>
                    <tbody>{sheets}</tbody>
                </table>
            })}
            {tables}
        </details>
    }
}

fn sheet_row(sheet: &SheetReading) -> impl IntoView {
    let role = match &sheet.role {
        SheetRole::Table => plural(sheet.datasets.len(), "tabell", "tabeller"),
        SheetRole::NonData { kind } => format!("inte data ({})", kind.label()),
        SheetRole::Descriptions { n_indicators } => {
            format!("indikatorbeskrivningar ({n_indicators} indikatorer)")
        }
        SheetRole::Empty => "tomt".to_owned(),
        SheetRole::Unrecognised => "ingen tabell hittad".to_owned(),
        SheetRole::Skipped => "hoppades över (ditt val)".to_owned(),
    };
    let name = if sheet.hidden {
        format!("{} (dolt)", sheet.name)
    } else {
        sheet.name.clone()
    };
    view! {
        <tr>
            <th scope="row">{name}</th>
            <td>{role}</td>
            <td>{sheet.reason.clone()}</td>
        </tr>
    }
}

/// One table: what was read and the form to correct it.
#[component]
fn TableReading(
    file_key: String,
    reading: DatasetReading,
    dataset: DatasetSummary,
) -> impl IntoView {
    let sheet_name = reading.sheet.clone();
    let sheet_attr = reading.sheet.clone();
    let title = reading
        .title
        .clone()
        .unwrap_or_else(|| format!("Tabell på bladet {}", reading.sheet));
    let header_rows = if reading.header_rows.is_empty() {
        "inga".to_owned()
    } else {
        format!(
            "{} (rad {})",
            reading.header_rows.len(),
            reading
                .header_rows
                .iter()
                .map(|r| (u64::from(*r) + 1).to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    let unit_axis = match &reading.unit_axis {
        UnitAxis::Column { col, header } => {
            format!("kolumn {} \u{201d}{header}\u{201d}", column_letters(*col))
        }
        UnitAxis::Row { row, header } => {
            format!("rad {} \u{201d}{header}\u{201d}", u64::from(*row) + 1)
        }
        UnitAxis::Implicit { kind } => format!("ingen, tabellen läses som {}", kind.label()),
    };
    let u = &reading.units;
    let units = format!(
        "{} kommuner, {} stadsdelar, {} län, {} riket{}{}",
        u.kommuner,
        u.stadsdelar,
        u.lan,
        u.riket,
        if u.enheter > 0 {
            format!(", {} verksamhetsenheter", u.enheter)
        } else {
            String::new()
        },
        if u.okanda > 0 {
            format!(", {} okända", u.okanda)
        } else {
            String::new()
        }
    );
    let i = &reading.indicators;
    let by_dimension = i.by_quality.iter().any(|q| q.dimension.is_some());
    let by_quality = i
        .by_quality
        .iter()
        .map(|q| {
            let label = q.label.clone().unwrap_or_else(|| {
                if by_dimension {
                    "utan kvalitetsdimension".into()
                } else {
                    "utan kvalitetsområde".into()
                }
            });
            let mapped = match (q.area, q.dimension, &q.label) {
                (_, Some(_), _) => String::new(),
                (Some(a), None, Some(l)) if a.name() != l => format!(" → {}", a.name()),
                (None, None, Some(_)) if by_dimension => {
                    " (motsvarar ingen kvalitetsdimension)".to_owned()
                }
                (None, None, Some(_)) => " (motsvarar inget enskilt kvalitetsområde)".to_owned(),
                _ => String::new(),
            };
            format!("{label}{mapped}: {}", q.count)
        })
        .collect::<Vec<_>>()
        .join("; ");
    let grouped = if by_dimension {
        " Grupperade efter filens kvalitetsdimensioner (modellen från 2023)."
    } else {
        ""
    };
    let indicators = format!(
        "{} med utfall, {} med tal.{grouped} {by_quality}",
        i.categorical, i.numeric
    );
    let evidence = |source: &str, text: &str| format!(" (från {source}: \u{201d}{text}\u{201d})");
    let area = match &reading.area {
        Some(found) => format!(
            "{}{}",
            found
                .value
                .area
                .map(|a| a.name().to_owned())
                .unwrap_or_else(|| format!("okänt (\u{201d}{}\u{201d})", found.value.label)),
            evidence(&found.evidence.source, &found.evidence.text)
        ),
        None => "okänt – rätta området nedan för att ta med tabellen".to_owned(),
    };
    let year = match &reading.year {
        Some(found) => format!(
            "{}{}",
            found.value,
            evidence(&found.evidence.source, &found.evidence.text)
        ),
        None => "okänt".to_owned(),
    };
    let warnings = reading
        .warnings
        .iter()
        .map(|w| {
            let examples = if w.examples.is_empty() {
                String::new()
            } else {
                format!(" Exempel: {}.", w.examples.join(", "))
            };
            view! { <li>{format!("{}{examples}", w.message)}</li> }
        })
        .collect_view();
    let n_warnings = reading.warnings.len();
    let applied = reading.corrections.join("; ");
    let notes = reading.notes.join(" ");
    view! {
        <article class="table-reading" data-testid="tolkning-tabell" data-blad=sheet_attr>
            <h4>{title}</h4>
            <dl class="read-as">
                <dt>"Blad"</dt>
                <dd>{sheet_name}</dd>
                <dt>"Layout"</dt>
                <dd>{format!("{}{}", reading.layout.label(), if reading.template { ", Socialstyrelsens mall" } else { "" })}</dd>
                <dt>"Rubrikrader"</dt>
                <dd data-testid="rubrikrader">{header_rows}</dd>
                <dt>"Datarader"</dt>
                <dd>{format!("{}–{}", u64::from(reading.data_rows.0) + 1, u64::from(reading.data_rows.1) + 1)}</dd>
                <dt>"Enheter i"</dt>
                <dd data-testid="enhetskolumn">{unit_axis}</dd>
                <dt>"Enheter"</dt>
                <dd>{units}</dd>
                <dt>"Indikatorer"</dt>
                <dd>{indicators}</dd>
                <dt>"Område"</dt>
                <dd data-testid="tolkat-omrade">{area}</dd>
                <dt>"År"</dt>
                <dd data-testid="tolkat-ar">{year}</dd>
                {(!applied.is_empty()).then(|| view! { <dt>"Dina rättelser"</dt><dd data-testid="rattelser">{applied}</dd> })}
                {(!notes.is_empty()).then(|| view! { <dt>"Noteringar"</dt><dd>{notes}</dd> })}
            </dl>
            {(n_warnings > 0).then(|| view! {
                <details class="warnings">
                    <summary>{plural(n_warnings, "varning", "varningar")}</summary>
                    <ul>{warnings}</ul>
                </details>
            })}
            <Correct file_key reading=reading.clone() dataset/>
        </article>
    }
}

/// The correction form of one table.
#[component]
fn Correct(file_key: String, reading: DatasetReading, dataset: DatasetSummary) -> impl IntoView {
    let corrections = expect_context::<Corrections>();
    let key = reading.layout_key.clone();
    let sheet = reading.sheet.clone();
    let id = format!("r-{}", dom_id(&key));
    let current = {
        let key = key.clone();
        move || {
            corrections
                .saved
                .with(|c| c.tables.datasets.get(&key).cloned().unwrap_or_default())
        }
    };
    let current_sheet = {
        let (file_key, sheet) = (file_key.clone(), sheet.clone());
        move || {
            corrections.saved.with(|c| {
                c.sheets
                    .get(&file_key)
                    .and_then(|l| l.iter().find(|s| s.sheet == sheet).cloned())
                    .unwrap_or_default()
            })
        }
    };

    let area_key = key.clone();
    let on_area = move |ev: leptos::ev::Event| {
        let area = Area::from_key(&event_target_value(&ev));
        let key = area_key.clone();
        corrections.correct(move |c| c.tables.entry(&key).area = area);
    };
    let year_key = key.clone();
    let on_year = move |ev: leptos::ev::Event| {
        let year = forms::year(&event_target_value(&ev));
        let key = year_key.clone();
        corrections.correct(move |c| c.tables.entry(&key).year = year);
    };
    let (hf, hs) = (file_key.clone(), sheet.clone());
    let on_header = move |ev: leptos::ev::Event| {
        let rows = forms::header_rows(&event_target_value(&ev));
        let (f, s) = (hf.clone(), hs.clone());
        corrections.correct(move |c| c.sheet(&f, &s).header_rows = rows);
    };
    let (uf, us) = (file_key.clone(), sheet.clone());
    let on_unit = move |ev: leptos::ev::Event| {
        let column = forms::column(&event_target_value(&ev));
        let (f, s) = (uf.clone(), us.clone());
        corrections.correct(move |c| c.sheet(&f, &s).unit_column = column);
    };
    let clear_key = key.clone();
    let (cf, cs) = (file_key.clone(), sheet.clone());
    let clear = move |_| {
        let (key, f, s) = (clear_key.clone(), cf.clone(), cs.clone());
        corrections.correct(move |c| {
            c.tables.datasets.remove(&key);
            if let Some(list) = c.sheets.get_mut(&f) {
                list.retain(|o| o.sheet != s);
            }
        });
    };

    let area_now = {
        let current = current.clone();
        move || {
            current()
                .area
                .map(|a| a.key().to_owned())
                .unwrap_or_default()
        }
    };
    let area_options = Area::ALL
        .into_iter()
        .map(|a| {
            let area_now = area_now.clone();
            view! { <option value=a.key() selected=move || area_now() == a.key()>{a.name()}</option> }
        })
        .collect_view();
    let year_now = {
        let current = current.clone();
        move || current().year.map(|y| y.to_string()).unwrap_or_default()
    };
    let header_now = {
        let current_sheet = current_sheet.clone();
        move || {
            current_sheet()
                .header_rows
                .map(|n| n.to_string())
                .unwrap_or_default()
        }
    };
    let unit_now = move || {
        current_sheet()
            .unit_column
            .map(column_letters)
            .unwrap_or_default()
    };
    let quality_rows = dataset
        .indicators
        .iter()
        .filter(|i| i.kind == crate::model::IndicatorKind::Categorical)
        .enumerate()
        .map(|(n, indicator)| {
            let match_key = indicator.match_key.clone();
            let as_read = match &indicator.quality {
                Some(q) => q.label.clone(),
                None => "inget".to_owned(),
            };
            let select_id = format!("{id}-k{n}");
            let (k, m) = (key.clone(), match_key.clone());
            let chosen = {
                let (k, m) = (key.clone(), match_key.clone());
                move || {
                    corrections.saved.with(|c| {
                        c.tables
                            .datasets
                            .get(&k)
                            .and_then(|d| d.quality.get(&m).copied())
                    })
                }
            };
            let options = QualityArea::ALL
                .into_iter()
                .map(|q| {
                    let chosen = chosen.clone();
                    view! { <option value=q.key() selected=move || chosen() == Some(q)>{q.name()}</option> }
                })
                .collect_view();
            let dimension = indicator.quality.as_ref().and_then(|q| q.dimension);
            let ambiguous = dimension.is_none()
                && (indicator.quality.as_ref().is_some_and(|q| q.area.is_none())
                    || indicator.quality.is_none());
            view! {
                <tr class:ambiguous=ambiguous>
                    <th scope="row">
                        {if dimension.is_some() {
                            indicator.name.clone().into_any()
                        } else {
                            view! { <label for=select_id.clone()>{indicator.name.clone()}</label> }.into_any()
                        }}
                    </th>
                    <td>{as_read}</td>
                    <td>
                        {match dimension {
                            // A kvalitetsdimension is counted as the file groups it: never
                            // forced into one of the old kvalitetsområden.
                            Some(d) => view! {
                                <span class="hint">{format!("kvalitetsdimensionen {} (som filen säger)", d.name())}</span>
                            }
                            .into_any(),
                            None => view! {
                                <select
                                    id=select_id
                                    on:change=move |ev| {
                                        let q = QualityArea::from_key(&event_target_value(&ev));
                                        let (k, m) = (k.clone(), m.clone());
                                        corrections.correct(move |c| {
                                            let entry = c.tables.entry(&k);
                                            match q {
                                                Some(q) => {
                                                    entry.quality.insert(m, q);
                                                }
                                                None => {
                                                    entry.quality.remove(&m);
                                                }
                                            }
                                        });
                                    }
                                >
                                    <option value="">"Som filen säger"</option>
                                    {options}
                                </select>
                            }
                            .into_any(),
                        }}
                    </td>
                </tr>
            }
        })
        .collect_view();
    let n_ambiguous = dataset
        .indicators
        .iter()
        .filter(|i| i.kind == crate::model::IndicatorKind::Categorical)
        .filter(|i| {
            i.quality
                .as_ref()
                .is_none_or(|q| q.area.is_none() && q.dimension.is_none())
        })
        .count();
    let by_dimension = dataset
        .indicators
        .iter()
        .any(|i| i.quality.as_ref().is_some_and(|q| q.dimension.is_some()));
    let quality_title = if by_dimension {
        "Kvalitetsdimension per indikator"
    } else {
        "Kvalitetsområde per indikator"
    };

    view! {
        <fieldset class="correct" data-testid="ratta">
            <legend>"Rätta tolkningen av tabellen"</legend>
            <div class="correct-grid">
                <p>
                    <label for=format!("{id}-omrade")>"Verksamhetsområde"</label>
                    <select id=format!("{id}-omrade") on:change=on_area>
                        <option value="" selected=move || area_now().is_empty()>"Som filen säger"</option>
                        {area_options}
                    </select>
                </p>
                <p>
                    <label for=format!("{id}-ar")>"År"</label>
                    <input id=format!("{id}-ar") type="number" min="1990" max="2100" inputmode="numeric" prop:value=year_now on:change=on_year/>
                </p>
                <p>
                    <label for=format!("{id}-rubrik")>"Antal rubrikrader"</label>
                    <input id=format!("{id}-rubrik") type="number" min="1" max="5" inputmode="numeric" prop:value=header_now on:change=on_header/>
                </p>
                <p>
                    <label for=format!("{id}-enhet")>"Enhetskolumn (bokstav)"</label>
                    <input id=format!("{id}-enhet") type="text" size="4" autocomplete="off" prop:value=unit_now on:change=on_unit/>
                </p>
            </div>
            <details class="quality-corrections" open=n_ambiguous > 0>
                <summary>{format!("{quality_title} ({} utan entydigt kvalitetsområde)", n_ambiguous)}</summary>
                {table_scroll(view! {
                    <table>
                        <caption>{quality_title}</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Indikator"</th>
                                <th scope="col">"I filen"</th>
                                <th scope="col">"Räkna under"</th>
                            </tr>
                        </thead>
                        <tbody>{quality_rows}</tbody>
                    </table>
                })}
            </details>
            <p>
                <button type="button" class="secondary" on:click=clear>"Ta bort rättelserna för tabellen"</button>
            </p>
        </fieldset>
    }
}
