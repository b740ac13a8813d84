//! The page: heading, what the tool does, the privacy promise, loading, and what was read.

use leptos::prelude::*;

use super::load::{LoadPanel, LoadedFile, LoadedFiles, SheetTable};

/// The whole application.
#[component]
pub fn App() -> impl IntoView {
    let files = RwSignal::new(Vec::<LoadedFile>::new());
    provide_context(LoadedFiles(files));

    view! {
        <a class="skip-link" href="#innehall">"Hoppa till innehållet"</a>
        <header class="site-header">
            <div class="wrap">
                <h1>"ÖJ-analys"</h1>
                <p>"Öppna jämförelser räknade åt dig – uppfyllda indikatorer per kvalitetsområde, verksamhetsområde och totalt."</p>
            </div>
        </header>
        <main id="innehall" class="wrap" tabindex="-1">
            <p class="lead">
                "Läs in Socialstyrelsens Excelfiler från Öppna jämförelser, välj kommun och få andelen uppfyllda indikatorer, "
                "jämförelsen med liknande kommuner och utvecklingen över åren – klart att klistra in i tjänsteskrivelsen."
            </p>
            <p class="privacy" data-testid="integritet">
                <strong>"Filerna läses bara i din webbläsare – inget skickas någonstans."</strong>
            </p>
            <LoadPanel/>
            <section aria-labelledby="lasta-rubrik" aria-live="polite">
                <h2 id="lasta-rubrik">"Inlästa filer"</h2>
                <Show
                    when=move || !files.read().is_empty()
                    fallback=|| view! { <p class="note">"Inga filer inlästa ännu."</p> }
                >
                    <For
                        each=move || files.get()
                        key=|file| (file.id, file.status.clone())
                        children=move |file| view! { <SheetTable file/> }
                    />
                </Show>
            </section>
        </main>
        <footer class="site-footer">
            <div class="wrap">
                <p>"ÖJ-analys räknar enligt Socialstyrelsens regler för Öppna jämförelser. Exempeldata på sidan är fiktiva."</p>
            </div>
        </footer>
    }
}
