//! The Tolkning view.

use leptos::prelude::*;

use super::with_report;
use crate::ui::app::Ctx;

#[component]
pub fn Tolkning() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    with_report(ctx, |report| view! { <p>{report.unit.name.clone()}</p> })
}
