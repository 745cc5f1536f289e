"""The dashboard without a mouse (RGAA 7.3, 10.7 and 12.8; WCAG 2.1.1, 2.4.3 and 2.4.7), in
Debian's Chromium driven by Playwright's keyboard only: no click anywhere.

On every public page, Tab goes from Streamlit's skip link through the navigation to
« Copier le lien » and then to every filter, always forward in the page, each stop showing a
focus mark of 3:1 at least on white (an outline or a ring of 2 px, or the border of a field).
A visit of the budget page without a mouse: the skip link, « Copier le lien » (Enter and
Space), « Version imprimable » (Enter), a multiselect changed with Backspace and typing (the
page reruns with the new value in its address), a table's downloads (Enter and Space); and a
selectbox changed with the arrow keys. Public pages have no radio button (the only one is on
the analysts' import page).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import BrowserContext, Page

import dashboard
from tests.browser import open_drawn, served, wait_drawn

PAGES = [file.removesuffix(".py") for file, _, _ in dashboard.PAGES]
SKIP_LINK = "Skip to main content"  # Streamlit's, in English (README: accessibility)
COPIED = "Lien copié dans le presse-papiers"
CSV = "Télécharger en CSV (virgule)"
MOST_STOPS = 160

FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const style = getComputedStyle(e);
  // a radio option's input is hidden: its option (label) shows the focus
  const option = e.type === "radio" ? e.closest('[data-testid="stRadioOption"]') : null;
  const marked = option ? getComputedStyle(option) : style;
  const label = e.labels && e.labels.length ? e.labels[0].innerText : "";
  const name = e.getAttribute("aria-label") || label || e.innerText || e.value || "";
  const place = e.closest("[data-testid]");
  const bordered = (start) => {  // a field's outline, else its border
    for (let box = start, i = 0; box && i < 4; box = box.parentElement, i++) {
      const boxStyle = getComputedStyle(box);
      if (boxStyle.outlineStyle !== "none" && parseFloat(boxStyle.outlineWidth) >= 2) {
        return boxStyle.outlineColor;
      }
      if (parseFloat(boxStyle.borderTopWidth) >= 1) return boxStyle.borderTopColor;
    }
    return "";
  };
  const fields = [...document.querySelectorAll('[data-testid="stSelectbox"] input,'
    + ' [data-testid="stMultiSelect"] input, [data-testid="stTextInput"] input')];
  const other = fields.find(x => x !== e);
  const field = fields.includes(e);
  const previous = window.__eigFocus;
  window.__eigFocus = e;
  return {
    name: name.replace(/\\s+/g, " ").trim(),
    tag: e.tagName.toLowerCase(),
    role: e.getAttribute("role") || "",
    place: place ? place.getAttribute("data-testid") : "",
    bar: Boolean(e.closest(".eig-link-bar")),
    main: Boolean(e.closest('[data-testid="stMain"]')),
    grid: Boolean(e.closest(
      '[data-testid="stDataFrameResizable"], [data-testid^="glide-cell"]')),
    shown: e.getClientRects().length > 0 && style.visibility !== "hidden",
    forward: !previous || previous === e || !document.contains(previous)
      || Boolean(previous.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING)
      || Boolean(previous.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_CONTAINED_BY),
    outline: marked.outlineStyle === "none" ? "" : marked.outlineColor,
    outlineWidth: parseFloat(marked.outlineWidth) || 0,
    shadow: marked.boxShadow,
    border: field ? bordered(e.parentElement) : "",
    resting: field && other ? bordered(other.parentElement) : "",
  };
}"""
FILTERS = """() => [...document.querySelectorAll(
    '[data-testid="stMain"] [role="combobox"], [data-testid="stMain"] [role="radiogroup"],'
    + ' [data-testid="stMain"] input[type="text"]:not([readonly])')]
  .map(e => e.getAttribute("aria-label") || (e.labels && e.labels[0] && e.labels[0].innerText)
    || "").map(t => t.trim())"""


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """The dashboard served for this module alone, not watching its files: a source edited
    meanwhile must not redraw a page in the middle of a walk."""
    with served(options=["--server.fileWatcherType", "none"]) as dashboard_server:
        yield dashboard_server.url


# --- colours of the focus marks -------------------------------------------------------------


def channels(css: str) -> tuple[float, float, float, float]:
    """« rgb(10, 118, 246) » or « rgba(0, 0, 145, 0.5) » → red, green, blue, opacity."""
    found = re.search(r"rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)", css)
    assert found, css
    red, green, blue = (float(found.group(i)) for i in (1, 2, 3))
    return red, green, blue, float(found.group(4) or 1)


def contrast_on_white(css: str) -> float:
    """WCAG contrast on white of a CSS colour, a translucent one laid on white."""
    red, green, blue, opacity = channels(css)

    def linear(value: float) -> float:
        c = (value * opacity + 255 * (1 - opacity)) / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    luminance = 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    return 1.05 / (luminance + 0.05)


def focus_mark(stop: dict) -> float:
    """The contrast on white of what shows the focus: an outline of 2 px or more, a ring
    (box-shadow spreading 2 px or more), or the border a field takes (unlike a field without
    the focus); 0 when nothing shows."""
    marks = [0.0]
    if stop["outline"] and stop["outlineWidth"] >= 2:
        marks.append(contrast_on_white(stop["outline"]))
    ring = re.match(r"(rgba?\([^)]*\))\s+\S+\s+\S+\s+\S+\s+([\d.]+)px", stop["shadow"])
    if ring and float(ring.group(2)) >= 2:
        marks.append(contrast_on_white(ring.group(1)))
    if stop["border"] and stop["border"] != stop["resting"]:
        marks.append(contrast_on_white(stop["border"]))
    return max(marks)


# --- moving with the keyboard -----------------------------------------------------------------


def tab(page: Page, key: str = "Tab") -> dict | None:
    """Press `key`; what has the focus then. Focus on an element that a rerun is redrawing
    (detached or hidden for a moment, under load) is read again once the page is drawn."""
    page.keyboard.press(key)
    stop = page.evaluate(FOCUSED)
    if stop is not None and not stop["shown"] and not stop["grid"]:
        wait_drawn(page)
        stop = page.evaluate(FOCUSED)
    return stop


def tab_to(page: Page, name: str, most: int = MOST_STOPS) -> dict:
    """Press Tab until the element named `name` (its start) has the focus."""
    for _ in range(most):
        stop = tab(page)
        if stop and stop["name"].startswith(name):
            return stop
    raise AssertionError(f"« {name} » jamais atteint au clavier")


def walk(page: Page, filters: Sequence[str] = ()) -> list[dict]:
    """Every focus stop from the top of the page to its first CSV download past every
    filter named in `filters` (or back to the top, on a page without one)."""
    stops: list[dict] = []
    missing = set(filters)
    for _ in range(MOST_STOPS):
        stop = tab(page)
        if stop is None or (stops and stop["name"] == SKIP_LINK):
            break
        stops.append(stop)
        missing.discard(stop["name"])
        if stop["name"] == CSV and not missing:
            break
    return stops


def rerun_to(page: Page, before: str) -> dict[str, list[str]]:
    """Wait for the rerun that changes the address; its query parameters."""
    page.wait_for_function("url => location.href !== url", arg=before, timeout=15_000)
    wait_drawn(page)
    return parse_qs(urlsplit(page.url).query)


def multiselect_text(page: Page, label: str) -> str:
    box = page.locator('[data-testid="stMultiSelect"]').filter(has_text=label).first
    return " ".join(box.inner_text().split())


# --- every public page ------------------------------------------------------------------------

FILTERS_IN_ORDER = {  # what Tab reaches after the link bar, page by page
    "accueil": [],
    "composition": [
        "Promotions",
        "Profils",
        "Rechercher un défi (titre, administration, périmètre, compétence, chiffre clé)",
    ],
    "budget": ["Promotions", "Lignes de dépense", "Statut"],
    "production": ["Campagne d'enquête", "Promotion"],
    "trajectoires": ["Campagne d'enquête", "Promotion", "Profil (EIG)"],
    "enquetes": ["Campagne d'enquête", "Question", "Répondants", "Promotion", "Profil (EIG)"],
    "donnees": ["Fichier à détailler"],
}


@pytest.mark.parametrize("name", PAGES)
def test_tab_reaches_the_link_bar_then_every_filter_with_a_visible_focus(
    server: str, page: Page, name: str
) -> None:
    open_drawn(page, f"{server}/{'' if name == 'accueil' else name}")
    filters = page.evaluate(FILTERS)
    stops = walk(page, filters)
    names = [s["name"] for s in stops]

    assert names[0] == SKIP_LINK
    navigation = len(dashboard.PAGES) + 1  # every page and the login page
    assert [s["place"] for s in stops[1 : navigation + 1]] == ["stSidebarNavLink"] * navigation
    bar = [s["name"] for s in stops if s["bar"]]
    assert bar[:2] == ["Copier le lien", "Lien de cette vue"]
    assert "Imprimer" not in names and "Revenir à la page complète" not in names
    reached = [n for n in dict.fromkeys(names) if n in filters]
    assert reached == list(filters)  # every filter, in the page's order
    if name in FILTERS_IN_ORDER:
        assert reached == FILTERS_IN_ORDER[name]
    copy = names.index("Copier le lien")
    assert all(names.index(f) > copy for f in filters)  # the link bar, then the filters
    assert [s["name"] for s in stops if not s["forward"]] == []
    # a table's grid (glide-data-grid) moves the focus to its hidden cells, drawing the mark
    # itself in its canvas
    seen = [s for s in stops if s["shown"] or not s["grid"]]
    assert [s["name"] for s in seen if not s["shown"]] == []
    faint = [f"{s['place']} « {s['name']} »" for s in seen if focus_mark(s) < 3]
    assert faint == []
    if name == "budget":  # the first chart's toolbar and images, then the first table's CSV
        assert names.index("Zoom") < names.index("image Image PNG") < names.index(CSV)
        assert names[-1] == CSV and names.count("Zoom") == 3


# --- a visit without a mouse -------------------------------------------------------------------


def test_budget_visit_skip_link_copy_print_filter_and_download(
    server: str, context: BrowserContext, page: Page
) -> None:
    """Skip to the content, copy the link (Enter, then Space), open the print view (Enter),
    drop a status (Backspace) and take it back (typing, Enter), download a table (Enter for
    the CSV, Space for the workbook)."""
    open_drawn(page, f"{server}/budget?promotion=EIG+2")
    assert tab(page)["name"] == SKIP_LINK
    page.keyboard.press("Enter")
    assert page.evaluate(FOCUSED)["place"] == "stMain"

    assert tab_to(page, "Copier le lien", most=3)["tag"] == "button"  # past the title's anchor
    status = page.get_by_role("status").filter(has_text=COPIED)
    for key in ("Enter", "Space"):
        page.evaluate("navigator.clipboard.writeText('')")
        page.keyboard.press(key)
        status.wait_for(timeout=5_000)
        assert page.evaluate("navigator.clipboard.readText()") == page.url
        assert page.url.endswith("/budget?promotion=EIG+2")
    assert page.evaluate(FOCUSED)["name"] == "Copier le lien"
    assert tab(page)["name"] == "Lien de cette vue"
    assert tab(page)["name"] == "Version imprimable (A4, nouvel onglet)"
    with context.expect_page() as popup:
        page.keyboard.press("Enter")
    query = parse_qs(urlsplit(popup.value.url).query)
    assert query == {"promotion": ["EIG 2"], "vue": ["impression"]}
    popup.value.close()

    assert tab_to(page, "Statut")["role"] == "combobox"
    before = page.url
    page.keyboard.press("Backspace")  # removes the last chip
    assert rerun_to(page, before) == {"promotion": ["EIG 2"], "statut": ["réalisé"]}
    assert multiselect_text(page, "Statut") == "Statut réalisé"
    before = page.url
    page.keyboard.type("prév")
    page.keyboard.press("Enter")
    assert rerun_to(page, before) == {"promotion": ["EIG 2"]}  # every status: out of the link
    assert multiselect_text(page, "Statut") == "Statut réalisé prévisionnel"
    assert page.evaluate(FOCUSED)["name"] == "Statut"  # the focus stays in the filter

    tab_to(page, CSV)
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename == "budget-pia-synthese.csv"
    lines = download.value.path().read_bytes().decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Promotion,Statut,Enveloppe PIA,Total des dépenses")
    assert [line.split(",")[0] for line in lines[1:]] == ["EIG 2", "Total"]
    assert tab(page)["name"] == "Télécharger en CSV pour Excel (point-virgule)"
    assert tab(page)["name"] == "Télécharger en classeur Excel (.xlsx)"
    with page.expect_download() as workbook:
        page.keyboard.press("Space")
    assert workbook.value.suggested_filename == "budget-pia-synthese.xlsx"
    assert workbook.value.path().read_bytes()[:2] == b"PK"  # a zip: the .xlsx


def test_a_selectbox_changes_with_the_arrow_keys(server: str, page: Page) -> None:
    open_drawn(page, f"{server}/enquetes")
    assert tab_to(page, "Question")["role"] == "combobox"
    before = page.url
    page.keyboard.press("ArrowDown")  # opens the list
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    query = rerun_to(page, before)
    assert query == {"question": ["Quelle est votre situation professionnelle aujourd'hui ?"]}
    box = page.locator('[data-testid="stSelectbox"]').filter(has_text="Question").first
    shown = box.get_by_role("combobox").input_value()
    assert shown == "Quelle est votre situation professionnelle aujourd'hui ?"
    assert page.evaluate(FOCUSED)["name"] == "Question"
