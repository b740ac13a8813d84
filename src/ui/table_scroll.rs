//! The horizontal scroll box around a wide table, reachable by keyboard.
use leptos::prelude::*;

/// Wraps a table that may be wider than the screen (360 px phones, zoomed pages). The box takes
/// focus so that keyboard users can scroll it with the arrow keys (WCAG 2.1.1), and is named so
/// that a screen reader says why it took focus.
///
/// A function over a built view rather than a component with `Children`: children must be
/// `'static` closures, and most tables are built from borrowed report data.
pub fn table_scroll(table: impl IntoView) -> impl IntoView {
    view! {
        <div class="table-scroll" tabindex="0" role="group" aria-label="Tabell som kan rullas i sidled">
            {table}
        </div>
    }
}
