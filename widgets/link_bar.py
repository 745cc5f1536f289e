"""« Copier le lien » and « Version imprimable » at the top of every page.

The link is the browser's own address (page, every filter): URL-bound widgets keep it current,
so the copy needs no help from the server. The address is also shown in a read-only field for
a manual copy (no clipboard over plain HTTP, or permission refused). In the print view the bar
offers « Imprimer » and a way back to the full page instead. Its stylesheet, on every page,
also makes the keyboard focus plain on Streamlit's and plotly's own controls.

The HTML is one constant, in French; the texts of the run's language (`LABELS`, `TEXTS`)
reach the component through its `data`, and its script sets them on the elements named by
their `data-eig` attribute.
"""

from __future__ import annotations

import streamlit as st

from eigdata.i18n import N_, _

PRINT_PARAM = "vue"
PRINT_VALUE = "impression"

HTML = """
<div class="eig-link-bar" role="group" aria-label="Partager ou imprimer cette vue">
  <button type="button" class="eig-button" data-eig="copy">Copier le lien</button>
  <label class="eig-link-label" data-eig="field-label" for="eig-link-field">
    Lien de cette vue</label>
  <input id="eig-link-field" class="eig-link-field" data-eig="field" type="text" readonly>
  <a class="eig-button" data-eig="print" href="#" target="_blank" rel="noopener">
    Version imprimable (A4, nouvel onglet)</a>
  <button type="button" class="eig-button" data-eig="do-print">Imprimer</button>
  <a class="eig-button" data-eig="back" href="#">Revenir à la page complète</a>
  <p class="eig-link-status" data-eig="status" role="status" aria-live="polite"></p>
</div>
"""

CSS = """
.eig-link-bar { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem;
  margin: 0 0 .5rem 0; font-size: .9rem; }
.eig-button { font: inherit; color: #000091; background: #fff; border: 1px solid #000091;
  border-radius: .25rem; padding: .3rem .75rem; cursor: pointer; text-decoration: none; }
.eig-button:hover { background: #e3e3fd; }
.eig-button:focus-visible, .eig-link-field:focus-visible { outline: 3px solid #0a76f6;
  outline-offset: 2px; }
.eig-link-label { color: #3a3a3a; }
.eig-link-field { flex: 1 1 22rem; min-width: 12rem; font: inherit; color: #161616;
  border: 1px solid #666; border-radius: .25rem; padding: .25rem .5rem; background: #f6f6f6; }
.eig-link-status { flex-basis: 100%; margin: 0; color: #18753c; min-height: 1.2em; }
.eig-link-bar[data-mode="page"] [data-eig="do-print"],
.eig-link-bar[data-mode="page"] [data-eig="back"],
.eig-link-bar[data-mode="print"] [data-eig="print"],
.eig-link-bar[data-printable="no"] [data-eig="print"] { display: none; }
@media print { .eig-link-bar { display: none !important; } }
/* The bar's stylesheet is the page's (styles not isolated): it also makes the keyboard focus
   plain (3:1 on white, RGAA 10.7) on Streamlit's and plotly's own controls, which show it by
   a pale background (sidebar and page links), a faint ring (main menu) or border (main area,
   text fields), or not at all (heading anchors, radio options whose input is hidden, the
   toolbars of tables and charts, shown on hover only; a table's grid). */
[data-testid="stSidebarNavLink"]:focus-visible,
[data-testid="stPageLink-NavLink"]:focus-visible,
[data-testid="stMain"]:focus-visible,
.stDataFrameGlideDataEditor:focus-visible,
[data-testid="data-grid-canvas"]:focus-visible {
  outline: 3px solid #0a76f6 !important; outline-offset: -3px; }
[data-testid="stMainMenuButton"]:focus-visible,
[data-testid="stHeaderActionElements"] a:focus-visible,
[data-testid="stElementToolbar"] button:focus-visible,
.js-plotly-plot .modebar-btn:focus-visible {
  outline: 3px solid #0a76f6 !important; outline-offset: 2px; opacity: 1 !important; }
[data-testid="stRadioOption"]:has(input:focus-visible) {
  outline: 3px solid #0a76f6; outline-offset: 2px; border-radius: .25rem; }
[data-testid="stTextInputRootElement"]:focus-within {
  outline: 3px solid #0a76f6; outline-offset: 1px; }
[data-testid="stElementToolbar"]:focus-within,
.js-plotly-plot .plotly:focus-within .modebar--hover > :not(.watermark) { opacity: 1 !important; }
"""

JS = """
export default function ({ parentElement, data }) {
  const bar = parentElement.querySelector(".eig-link-bar");
  const part = (name) => bar.querySelector(`[data-eig="${name}"]`);
  const field = part("field"), status = part("status");
  bar.setAttribute("aria-label", data.group);
  for (const [name, text] of Object.entries(data.labels)) part(name).textContent = text;
  bar.dataset.mode = data.mode;
  bar.dataset.printable = data.printable ? "yes" : "no";
  const withView = (value) => {
    const url = new URL(window.location.href);
    if (value) url.searchParams.set(data.param, value); else url.searchParams.delete(data.param);
    return url.toString();
  };
  const refresh = () => {
    field.value = window.location.href;
    part("print").href = withView(data.value);
    part("back").href = withView(null);
  };
  const say = (text) => {
    status.textContent = "";
    setTimeout(() => { status.textContent = text; }, 50);
  };
  part("copy").onclick = async () => {
    refresh();
    try {
      await navigator.clipboard.writeText(field.value);
      say(data.copied);
    } catch (error) {
      field.focus();
      field.select();
      const copied = document.execCommand && document.execCommand("copy");
      say(copied ? data.copied : data.manual);
    }
  };
  part("do-print").onclick = () => window.print();
  bar.addEventListener("focusin", refresh);
  bar.addEventListener("pointerenter", refresh);
  refresh();
  const timer = setInterval(refresh, 1000);
  return () => clearInterval(timer);
}
"""

GROUP = N_("Partager ou imprimer cette vue")
LABELS = {  # data-eig name -> its text
    "copy": N_("Copier le lien"),
    "field-label": N_("Lien de cette vue"),
    "print": N_("Version imprimable (A4, nouvel onglet)"),
    "do-print": N_("Imprimer"),
    "back": N_("Revenir à la page complète"),
}
TEXTS = {  # what the status line says after a copy
    "copied": N_(
        "Lien copié dans le presse-papiers : il rouvre cette page avec les mêmes filtres."
    ),
    "manual": N_(
        "Copie automatique impossible ici : le lien est sélectionné dans le champ, "
        "copiez-le avec Ctrl+C."
    ),
}

_bar = st.components.v2.component("eig_link_bar", html=HTML, css=CSS, js=JS, isolate_styles=False)


def link_bar(printing: bool, printable: bool) -> None:
    """The bar of the page (« Copier le lien », « Version imprimable » when the page has a
    print view) or of its print view (« Imprimer », back to the full page)."""
    mode = "print" if printing else "page"
    data = {
        "mode": mode,
        "printable": printable,
        "param": PRINT_PARAM,
        "value": PRINT_VALUE,
        "group": _(GROUP),
        "labels": {name: _(text) for name, text in LABELS.items()},
    }
    data.update({name: _(text) for name, text in TEXTS.items()})
    _bar(data=data, key=f"eig-link-bar-{mode}")
