//! The Rapport view: a placeholder until the report and export view lands (its own issue).

use leptos::prelude::*;

/// Says what will be here.
#[component]
pub fn Rapport() -> impl IntoView {
    view! {
        <p class="empty-state" data-testid="rapport-platshallare">
            "Här kommer rapporttexten i tjänsteskrivelsens format, tabellerna och exporterna (Excel, CSV, utskrift)."
        </p>
    }
}
