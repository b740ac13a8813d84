// The first screen before the app has started. index.html carries the app's first screen as
// plain HTML, so the file picker works from the first paint; the app's WebAssembly arrives a
// moment later and takes the screen over (src/ui/mod.rs, `start`). What the user does in that
// moment is kept here and handed over, never lost:
//
// - files chosen in the picker or dropped anywhere on the page (a file dropped on a page that
//   does not take it would be opened by the browser instead, leaving the page);
// - "Prova med exempeldata".
//
// The app takes them from `window.ojEarly` (src/ui/browser.rs, `take_early_choices`), which also
// closes it: from then on the app's own listeners answer, and these do nothing.
//
// A classic script in <head>, not inline (the CSP allows none): it is fetched beside the
// stylesheets and has run before <body> is parsed, so it listens on the document (the elements
// are not there yet) and marks an embedded page (`inbaddad=1`, as src/app_state/url.rs reads it)
// before the first paint: main.css then hides the static header, as the app leaves it out.
"use strict";

(() => {
  const early = { files: [], examples: false, open: true };
  window.ojEarly = early;

  if (embedded()) document.documentElement.classList.add("oj-inbaddad");

  document.addEventListener("change", (event) => {
    const picker = event.target;
    if (!early.open || picker.id !== "filval") return;
    keep(picker.files);
    picker.value = "";
  });
  document.addEventListener("click", (event) => {
    if (!early.open || event.target.id !== "exempeldata") return;
    early.examples = true;
    tell();
  });
  window.addEventListener("dragover", (event) => {
    if (early.open && carriesFiles(event)) event.preventDefault();
  });
  window.addEventListener("drop", (event) => {
    if (!early.open || !carriesFiles(event)) return;
    event.preventDefault();
    keep(event.dataTransfer.files);
  });

  function keep(list) {
    if (!list || list.length === 0) return;
    early.files.push(...Array.from(list));
    tell();
  }

  // What waits, in the status line (a live region): the user sees that the choice was taken.
  function tell() {
    const status = document.getElementById("starting");
    if (!status) return;
    const n = early.files.length;
    const what = [];
    if (n === 1) what.push("1 fil");
    if (n > 1) what.push(`${n} filer`);
    if (early.examples) what.push("exempeldata");
    status.textContent = `Sidan startar … ${what.join(" och ")} läses in så snart den har startat.`;
  }

  function carriesFiles(event) {
    return Boolean(event.dataTransfer) && Array.from(event.dataTransfer.types).includes("Files");
  }

  function embedded() {
    const value = new URLSearchParams(location.search).get("inbaddad");
    return value !== null && ["1", "ja", "true"].includes(value.trim());
  }
})();
