//! The views, one file each, and what they share: the heading that takes focus, the report
//! status, the area chooser, figures as buttons that open their cells, outcome badges.

mod enheter;
mod grupp;
mod indikatorer;
mod installningar;
mod jamforelse;
mod kvalitet;
mod over_tid;
mod oversikt;
pub mod rapport;
mod tolkning;
mod tvars;

use std::sync::Arc;

use leptos::prelude::*;

use super::context::{Cells, Choices, Reports};
use crate::app_state::report::ReportStatus;
use crate::app_state::View;
use crate::compare::position::{Band, Placement};
use crate::model::Area;
use crate::report::{AreaReport, Report};
use crate::score::{Bucket, Figure};

/// The current view under its heading (`#vy-rubrik`, focused when the view changes).
#[component]
pub fn CurrentView() -> impl IntoView {
    let choices = expect_context::<Choices>();
    let reports = expect_context::<Reports>();
    view! {
        <section class="view" aria-labelledby="vy-rubrik" data-testid="vy">
            <h2 id="vy-rubrik" tabindex="-1">{move || reports.view_title(choices.view.get())}</h2>
            <StatusLine/>
            {move || match choices.view.get() {
                View::Oversikt => view! { <oversikt::Oversikt/> }.into_any(),
                View::Kvalitetsomraden => view! { <kvalitet::Kvalitetsomraden/> }.into_any(),
                View::Indikatorer => view! { <indikatorer::Indikatorer/> }.into_any(),
                View::Enheter => view! { <enheter::Enheter/> }.into_any(),
                View::Jamforelse => view! { <jamforelse::Jamforelse/> }.into_any(),
                View::Grupp => view! { <grupp::Grupp/> }.into_any(),
                View::OverTid => view! { <over_tid::OverTid/> }.into_any(),
                View::Tvars => view! { <tvars::Tvars/> }.into_any(),
                View::Rapport => view! { <rapport::Rapport/> }.into_any(),
                View::Tolkning => view! { <tolkning::Tolkning/> }.into_any(),
                View::Installningar => view! { <installningar::Installningar/> }.into_any(),
            }}
        </section>
    }
}

/// One line saying whether the figures are being computed (fixed height: nothing jumps).
#[component]
fn StatusLine() -> impl IntoView {
    let reports = expect_context::<Reports>();
    view! {
        <p class="status-line" role="status" aria-live="polite" data-testid="rapportstatus">
            {move || match reports.status.get() {
                ReportStatus::Computing => "Räknar …".to_owned(),
                ReportStatus::Ready => reports
                    .report
                    .with(|r| {
                        r.as_ref().map(|r| {
                            format!("{} ({}). {}", r.unit.name, r.unit.code, r.rule_text)
                        })
                    })
                    .unwrap_or_default(),
                _ => String::new(),
            }}
        </p>
    }
}

/// Renders `body` with the report, or says why there is none yet.
pub fn with_report<V: IntoView + 'static>(
    body: impl Fn(Arc<Report>) -> V + Send + Sync + 'static,
) -> impl IntoView {
    let reports = expect_context::<Reports>();
    move || {
        if let Some(report) = reports.report.get() {
            return body(report).into_any();
        }
        let message = reports.status.with(ReportStatus::message);
        view! { <p class="empty-state" data-testid="tom-vy">{message}</p> }.into_any()
    }
}

/// The area a per-area view shows: the chosen one when loaded, else the first.
pub fn current_area(choices: Choices, report: &Report) -> Option<AreaReport> {
    let wanted = choices.area.get();
    wanted
        .and_then(|a| report.area(a).cloned())
        .or_else(|| report.areas.first().cloned())
}

/// Chooses the area of a per-area view (kept in the address bar as `omrade`).
#[component]
pub fn AreaChooser(report: Arc<Report>) -> impl IntoView {
    let choices = expect_context::<Choices>();
    let areas: Vec<(Area, String)> = report
        .areas
        .iter()
        .map(|a| {
            let year = a.year.map(|y| format!(" {y}")).unwrap_or_default();
            (a.area, format!("{}{year}", a.name))
        })
        .collect();
    let first = areas.first().map(|(a, _)| *a);
    let current = move || choices.area.get().or(first);
    view! {
        <p class="area-chooser">
            <label for="omrade">"Verksamhetsområde"</label>
            " "
            <select
                id="omrade"
                on:change=move |ev| choices.area.set(Area::from_key(&event_target_value(&ev)))
                prop:value=move || current().map(|a| a.key()).unwrap_or_default()
            >
                {areas
                    .into_iter()
                    .map(|(area, label)| {
                        view! { <option value=area.key() selected=move || current() == Some(area)>{label}</option> }
                    })
                    .collect_view()}
            </select>
        </p>
    }
}

/// A figure as a button: shows its text and opens the cells behind it.
#[component]
pub fn FigureButton(
    /// The text on the button ("24/37 (65 %)").
    text: String,
    /// What the figure is, for the dialog's heading and the button's name.
    title: String,
    figure: Figure,
) -> impl IntoView {
    let cells = expect_context::<Cells>();
    let label = format!("{text}, {title}: visa cellerna bakom siffran");
    view! {
        <button
            type="button"
            class="figure"
            aria-label=label
            on:click=move |_| cells.show(title.clone(), &figure)
        >
            {text.clone()}
        </button>
    }
}

/// An outcome with a symbol and its word (readable without colour).
pub fn outcome_badge(bucket: Bucket) -> impl IntoView {
    let (symbol, class) = match bucket {
        Bucket::Ja => ("✓", "badge ja"),
        Bucket::Delvis => ("◐", "badge delvis"),
        Bucket::Nej => ("✗", "badge nej"),
        Bucket::EjAktuellt => ("–", "badge ea"),
        Bucket::KanInteSvara => ("?", "badge kis"),
        Bucket::Saknas => ("·", "badge saknas"),
    };
    view! {
        <span class=class>
            <span aria-hidden="true">{symbol}" "</span>
            {bucket.label()}
        </span>
    }
}

/// The quartile band as text with a pattern class (colour is never the only signal).
pub fn band_badge(placement: &Placement) -> impl IntoView {
    let (class, text) = match placement.band {
        Some(Band::Basta) => ("band basta", "▲ bästa 25 %"),
        Some(Band::Mellan) => ("band mellan", "■ mellersta 50 %"),
        Some(Band::Samsta) => ("band samsta", "▼ sämsta 25 %"),
        None => ("band ingen", "–"),
    };
    view! { <span class=class>{text}</span> }
}

/// "12 av 53" (rank among those with data), or "–".
pub fn rank_text(placement: &Placement) -> String {
    match placement.rank {
        Some(rank) => format!("{rank} av {}", placement.with_data),
        None => "–".to_owned(),
    }
}
