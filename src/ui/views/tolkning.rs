//! Tolkning: how each file was read (sheets, tables, header rows, unit column, indicators and
//! their quality areas, area and year with evidence, warnings) and the user's corrections, which
//! are kept in the browser by layout and applied again whenever the same layout is loaded.

use std::sync::Arc;

use crate::ui::table_scroll::table_scroll;
use leptos::prelude::*;

use crate::app_state::forms;
use crate::app_state::tolkning;
use crate::ingest::reading::{DatasetReading, SheetReading, SheetRole};
use crate::ingest::{DatasetCorrection, SheetOverride};
use crate::model::{column_letters, Area, QualityArea};
use crate::protocol::{DatasetSummary, FileSummary, IndicatorSummary};
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
        <p class="note" data-testid="granser">{crate::ingest::Limits::default().to_swedish()}</p>
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
    let title = reading
        .title
        .clone()
        .unwrap_or_else(|| format!("Tabell på bladet {}", reading.sheet));
    let warnings = reading
        .warnings
        .iter()
        .map(|w| view! { <li>{tolkning::warning(w)}</li> })
        .collect_view();
    let n_warnings = reading.warnings.len();
    let applied = reading.corrections.join("; ");
    let notes = reading.notes.join(" ");
    view! {
        <article class="table-reading" data-testid="tolkning-tabell" data-blad=reading.sheet.clone()>
            <h4>{title}</h4>
            <dl class="read-as">
                <dt>"Blad"</dt>
                <dd>{reading.sheet.clone()}</dd>
                <dt>"Layout"</dt>
                <dd>{tolkning::layout(&reading)}</dd>
                <dt>"Rubrikrader"</dt>
                <dd data-testid="rubrikrader">{tolkning::header_rows(&reading)}</dd>
                <dt>"Datarader"</dt>
                <dd>{tolkning::data_rows(&reading)}</dd>
                <dt>"Enheter i"</dt>
                <dd data-testid="enhetskolumn">{tolkning::unit_axis(&reading)}</dd>
                <dt>"Enheter"</dt>
                <dd>{tolkning::units(&reading)}</dd>
                <dt>"Indikatorer"</dt>
                <dd>{tolkning::indicators(&reading)}</dd>
                <dt>"Område"</dt>
                <dd data-testid="tolkat-omrade">{tolkning::area(&reading)}</dd>
                <dt>"År"</dt>
                <dd data-testid="tolkat-ar">{tolkning::year(&reading)}</dd>
                {(!applied.is_empty()).then(|| view! { <dt>"Dina rättelser"</dt><dd data-testid="rattelser">{applied}</dd> })}
                {(!notes.is_empty()).then(|| view! { <dt>"Noteringar"</dt><dd>{notes}</dd> })}
            </dl>
            {(n_warnings > 0).then(|| view! {
                <details class="warnings">
                    <summary>{plural(n_warnings, "varning", "varningar")}</summary>
                    <ul>{warnings}</ul>
                </details>
            })}
            <Correct file_key layout_key=reading.layout_key.clone() sheet=reading.sheet.clone() dataset/>
        </article>
    }
}

/// The correction form of one table: the table's own fields, its indicators' kvalitetsområden,
/// and a button that removes its corrections. `file_key` is the file's layout key as first
/// read, `layout_key` the table's.
#[component]
fn Correct(
    file_key: String,
    layout_key: String,
    sheet: String,
    dataset: DatasetSummary,
) -> impl IntoView {
    let corrections = expect_context::<Corrections>();
    let id = tolkning::table_form_id(&layout_key);
    let clear = {
        let (key, file_key, sheet) = (layout_key.clone(), file_key.clone(), sheet.clone());
        move |_| {
            let (key, file_key, sheet) = (key.clone(), file_key.clone(), sheet.clone());
            corrections.correct(move |c| {
                c.tables.datasets.remove(&key);
                if let Some(list) = c.sheets.get_mut(&file_key) {
                    list.retain(|o| o.sheet != sheet);
                }
            });
        }
    };
    view! {
        <fieldset class="correct" data-testid="ratta">
            <legend>"Rätta tolkningen av tabellen"</legend>
            <div class="correct-grid">
                <AreaField id=id.clone() layout_key=layout_key.clone()/>
                <YearField id=id.clone() layout_key=layout_key.clone()/>
                <HeaderRowsField id=id.clone() file_key=file_key.clone() sheet=sheet.clone()/>
                <UnitColumnField id=id.clone() file_key sheet/>
            </div>
            <QualityCorrections id layout_key dataset/>
            <p>
                <button type="button" class="secondary" on:click=clear>"Ta bort rättelserna för tabellen"</button>
            </p>
        </fieldset>
    }
}

/// The correction of one table (by its layout key), as kept now.
fn table_correction(corrections: Corrections, layout_key: &str) -> DatasetCorrection {
    corrections.saved.with(|c| {
        c.tables
            .datasets
            .get(layout_key)
            .cloned()
            .unwrap_or_default()
    })
}

/// The override of one sheet of a file layout, as kept now.
fn sheet_override(corrections: Corrections, file_key: &str, sheet: &str) -> SheetOverride {
    corrections.saved.with(|c| {
        c.sheets
            .get(file_key)
            .and_then(|l| l.iter().find(|s| s.sheet == sheet).cloned())
            .unwrap_or_default()
    })
}

/// The table's area: as the file says, or one chosen.
#[component]
fn AreaField(id: String, layout_key: String) -> impl IntoView {
    let corrections = expect_context::<Corrections>();
    let now = {
        let key = layout_key.clone();
        move || table_correction(corrections, &key).area
    };
    let options = Area::ALL
        .into_iter()
        .map(|a| {
            let now = now.clone();
            view! { <option value=a.key() selected=move || now() == Some(a)>{a.name()}</option> }
        })
        .collect_view();
    let on_change = move |ev: leptos::ev::Event| {
        let area = Area::from_key(&event_target_value(&ev));
        let key = layout_key.clone();
        corrections.correct(move |c| c.tables.entry(&key).area = area);
    };
    view! {
        <p>
            <label for=format!("{id}-omrade")>"Verksamhetsområde"</label>
            <select id=format!("{id}-omrade") on:change=on_change>
                <option value="" selected=move || now().is_none()>"Som filen säger"</option>
                {options}
            </select>
        </p>
    }
}

/// The table's year: as the file says, or one typed.
#[component]
fn YearField(id: String, layout_key: String) -> impl IntoView {
    let corrections = expect_context::<Corrections>();
    let now = {
        let key = layout_key.clone();
        move || {
            table_correction(corrections, &key)
                .year
                .map(|y| y.to_string())
                .unwrap_or_default()
        }
    };
    let on_change = move |ev: leptos::ev::Event| {
        let year = forms::year(&event_target_value(&ev));
        let key = layout_key.clone();
        corrections.correct(move |c| c.tables.entry(&key).year = year);
    };
    view! {
        <p>
            <label for=format!("{id}-ar")>"År"</label>
            <input id=format!("{id}-ar") type="number" min="1990" max="2100" inputmode="numeric" prop:value=now on:change=on_change/>
        </p>
    }
}

/// The sheet's number of header rows.
#[component]
fn HeaderRowsField(id: String, file_key: String, sheet: String) -> impl IntoView {
    let corrections = expect_context::<Corrections>();
    let now = {
        let (file_key, sheet) = (file_key.clone(), sheet.clone());
        move || {
            sheet_override(corrections, &file_key, &sheet)
                .header_rows
                .map(|n| n.to_string())
                .unwrap_or_default()
        }
    };
    let on_change = move |ev: leptos::ev::Event| {
        let rows = forms::header_rows(&event_target_value(&ev));
        let (f, s) = (file_key.clone(), sheet.clone());
        corrections.correct(move |c| c.sheet(&f, &s).header_rows = rows);
    };
    view! {
        <p>
            <label for=format!("{id}-rubrik")>"Antal rubrikrader"</label>
            <input id=format!("{id}-rubrik") type="number" min="1" max="5" inputmode="numeric" prop:value=now on:change=on_change/>
        </p>
    }
}

/// The sheet's unit column, by letter or number.
#[component]
fn UnitColumnField(id: String, file_key: String, sheet: String) -> impl IntoView {
    let corrections = expect_context::<Corrections>();
    let now = {
        let (file_key, sheet) = (file_key.clone(), sheet.clone());
        move || {
            sheet_override(corrections, &file_key, &sheet)
                .unit_column
                .map(column_letters)
                .unwrap_or_default()
        }
    };
    let on_change = move |ev: leptos::ev::Event| {
        let column = forms::column(&event_target_value(&ev));
        let (f, s) = (file_key.clone(), sheet.clone());
        corrections.correct(move |c| c.sheet(&f, &s).unit_column = column);
    };
    view! {
        <p>
            <label for=format!("{id}-enhet")>"Enhetskolumn (bokstav)"</label>
            <input id=format!("{id}-enhet") type="text" size="4" autocomplete="off" prop:value=now on:change=on_change/>
        </p>
    }
}

/// Each categorical indicator's quality group as the file says and the kvalitetsområde it is
/// counted under (open when the file leaves some ambiguous).
#[component]
fn QualityCorrections(id: String, layout_key: String, dataset: DatasetSummary) -> impl IntoView {
    let n_ambiguous = tolkning::correctable(&dataset)
        .filter(|i| tolkning::is_ambiguous(i))
        .count();
    let title = tolkning::quality_title(&dataset);
    let rows = tolkning::correctable(&dataset)
        .enumerate()
        .map(|(n, indicator)| {
            view! {
                <QualityRow
                    select_id=format!("{id}-k{n}")
                    layout_key=layout_key.clone()
                    indicator=indicator.clone()
                />
            }
        })
        .collect_view();
    view! {
        <details class="quality-corrections" open=n_ambiguous > 0>
            <summary>{format!("{title} ({n_ambiguous} utan entydigt kvalitetsområde)")}</summary>
            {table_scroll(view! {
                <table>
                    <caption>{title}</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Indikator"</th>
                            <th scope="col">"I filen"</th>
                            <th scope="col">"Räkna under"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            })}
        </details>
    }
}

/// One indicator: a kvalitetsdimension is counted as the file groups it (never forced into one
/// of the old kvalitetsområden); otherwise the user may choose the kvalitetsområde.
#[component]
fn QualityRow(select_id: String, layout_key: String, indicator: IndicatorSummary) -> impl IntoView {
    let as_read = indicator
        .quality
        .as_ref()
        .map(|q| q.label.clone())
        .unwrap_or_else(|| "inget".to_owned());
    let dimension = indicator.quality.as_ref().and_then(|q| q.dimension);
    let name = match dimension {
        Some(_) => indicator.name.clone().into_any(),
        None => view! { <label for=select_id.clone()>{indicator.name.clone()}</label> }.into_any(),
    };
    let choice = match dimension {
        Some(d) => view! {
            <span class="hint">{format!("kvalitetsdimensionen {} (som filen säger)", d.name())}</span>
        }
        .into_any(),
        None => view! { <QualitySelect select_id layout_key match_key=indicator.match_key.clone()/> }
            .into_any(),
    };
    view! {
        <tr class:ambiguous=tolkning::is_ambiguous(&indicator)>
            <th scope="row">{name}</th>
            <td>{as_read}</td>
            <td>{choice}</td>
        </tr>
    }
}

/// The kvalitetsområde an indicator is counted under: as the file says, or one chosen.
#[component]
fn QualitySelect(select_id: String, layout_key: String, match_key: String) -> impl IntoView {
    let corrections = expect_context::<Corrections>();
    let chosen = {
        let (key, m) = (layout_key.clone(), match_key.clone());
        move || table_correction(corrections, &key).quality.get(&m).copied()
    };
    let options = QualityArea::ALL
        .into_iter()
        .map(|q| {
            let chosen = chosen.clone();
            view! { <option value=q.key() selected=move || chosen() == Some(q)>{q.name()}</option> }
        })
        .collect_view();
    let on_change = move |ev: leptos::ev::Event| {
        let q = QualityArea::from_key(&event_target_value(&ev));
        let (k, m) = (layout_key.clone(), match_key.clone());
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
    };
    view! {
        <select id=select_id on:change=on_change>
            <option value="">"Som filen säger"</option>
            {options}
        </select>
    }
}
