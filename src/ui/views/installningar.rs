//! Inställningar: how Delvis counts, targets (målnivåer), and "Glöm allt".

use leptos::prelude::*;

use crate::app_state::forms;
use crate::compare::targets::TargetScope;
use crate::model::{Area, QualityArea};
use crate::score::DelvisRule;
use crate::ui::app::forget_all;
use crate::ui::context::{Choices, Corrections, Reports};

#[component]
pub fn Installningar() -> impl IntoView {
    let choices = expect_context::<Choices>();
    let corrections = expect_context::<Corrections>();
    let reports = expect_context::<Reports>();
    let forgotten = RwSignal::new(false);
    let rules = DelvisRule::ALL
        .into_iter()
        .map(|rule| {
            let id = format!("delvis-{}", rule.key());
            view! {
                <p class="radio">
                    <input
                        type="radio"
                        id=id.clone()
                        name="delvis"
                        value=rule.key()
                        checked=move || choices.settings.with(|s| s.delvis == rule)
                        on:change=move |_| choices.settings.update(|s| s.delvis = rule)
                    />
                    " "
                    <label for=id>{rule_title(rule)}</label>
                    <span class="hint">{rule.description()}</span>
                </p>
            }
        })
        .collect_view();
    let loaded_areas = move || -> Vec<Area> {
        reports
            .report
            .with(|r| r.as_ref().map(|r| r.areas.iter().map(|a| a.area).collect()))
            .unwrap_or_default()
    };
    view! {
        <fieldset class="settings-group" data-testid="delvis-regel">
            <legend>"Hur Delvis räknas"</legend>
            {rules}
        </fieldset>
        <fieldset class="settings-group">
            <legend>"Målnivåer"</legend>
            <p class="hint">"Ett mål i procent per område eller kvalitetsområde. Status: G när målet nås, A när resultatet ligger under målet med mindre än 10 % av målet, annars R. Lämna tomt för inget mål."</p>
            <div class="targets">
                <TargetInput scope=TargetScope::Totalt label="Totalt, alla områden".to_owned()/>
                {QualityArea::ALL
                    .into_iter()
                    .map(|q| view! { <TargetInput scope=TargetScope::Kvalitetsomrade(q) label=format!("{} (alla områden)", q.name())/> })
                    .collect_view()}
                {move || {
                    loaded_areas()
                        .into_iter()
                        .map(|a| view! { <TargetInput scope=TargetScope::Omrade(a) label=a.name().to_owned()/> })
                        .collect_view()
                }}
            </div>
        </fieldset>
        <section class="settings-group" aria-labelledby="glom-rubrik">
            <h3 id="glom-rubrik">"Glöm allt"</h3>
            <p>"Sidan sparar bara dina val i webbläsaren (kommun, jämförelsegrupp, egen lista, Delvis-regel, mål och rättelser av hur filer lästs) – aldrig filerna eller deras innehåll."</p>
            <p>
                <button
                    type="button"
                    class="danger"
                    on:click=move |_| {
                        forget_all(choices, corrections);
                        forgotten.set(true);
                    }
                >
                    "Glöm allt"
                </button>
            </p>
            <p role="status" aria-live="polite" data-testid="glomt">
                {move || forgotten.get().then_some("Alla sparade val och rättelser är borttagna från webbläsaren.")}
            </p>
        </section>
    }
}

fn rule_title(rule: DelvisRule) -> &'static str {
    match rule {
        DelvisRule::Ej => "Räknas inte som uppfylld (standard)",
        DelvisRule::Halv => "Räknas som en halv",
        DelvisRule::Uppfylld => "Räknas som uppfylld",
    }
}

/// One target: a number field 0–100, empty for none.
#[component]
fn TargetInput(scope: TargetScope, label: String) -> impl IntoView {
    let choices = expect_context::<Choices>();
    let id = format!("mal-{}", scope_key(&scope));
    let scope_read = scope.clone();
    let value = move || {
        choices
            .settings
            .with(|s| s.target(&scope_read).map(|p| p.to_string()))
            .unwrap_or_default()
    };
    let on_change = move |ev: leptos::ev::Event| {
        let percent = forms::percent(&event_target_value(&ev));
        choices
            .settings
            .update(|s| s.set_target(scope.clone(), percent));
    };
    view! {
        <p class="target-input">
            <label for=id.clone()>{label}</label>
            <input id=id type="number" min="0" max="100" step="1" inputmode="numeric" prop:value=value on:change=on_change/>
            <span aria-hidden="true">" %"</span>
        </p>
    }
}

fn scope_key(scope: &TargetScope) -> String {
    match scope {
        TargetScope::Totalt => "totalt".into(),
        TargetScope::Omrade(a) => format!("omrade-{}", a.key()),
        TargetScope::Kvalitetsomrade(q) => format!("kvalitet-{}", q.key()),
        TargetScope::OmradeKvalitetsomrade(a, q) => format!("{}-{}", a.key(), q.key()),
    }
}
