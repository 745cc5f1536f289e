"""Charts the French way in a real browser (Debian's Chromium) on a served dashboard: the tick
texts of every chart of every page, the Sankey labels, the French toolbar and hover text,
and the « Image PNG » download of the budget chart."""

from __future__ import annotations

import io
import re
import struct
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Browser, Page

from tests.browser import chromium, served_dashboard, wait_drawn

NNBSP = "\u202f"
# The pages that draw charts, and how many charts each draws on the shipped data.
CHART_PAGES = {
    "/": 0,
    "/composition": 3,
    "/budget": 3,
    "/production": 3,
    "/trajectoires": 3,
    "/enquetes": 2,
}
CHARTS = '[data-testid="stPlotlyChart"]'
TICKS = """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].map(chart =>
  [...chart.querySelectorAll(
    '.xtick text, .ytick text, .xaxislayer-above text, .yaxislayer-above text'
  )].map(t => t.textContent))"""
SANKEY_LABELS = """() => [...document.querySelectorAll('.sankey .node-label')].map(t => {
  const style = getComputedStyle(t);
  return [t.textContent, style.fill, style.textShadow, parseFloat(style.fontSize)];
})"""
TOOLBAR = """() => [...document.querySelectorAll('.modebar-btn')].map(b =>
  b.getAttribute('data-title'))"""
DECIMAL_POINT = re.compile(r"\d\.\d")
ENGLISH_SI = re.compile(r"\d\s*[kMGTB]$")
MONEY = re.compile(r"\d{1,3}(\u202f\d{3})*\u202f€")  # 2 500 000 €, narrow no-break spaces
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_colours(data: bytes) -> set[tuple[int, int, int]]:
    """The distinct RGB colours of a PNG image."""
    image = Image.open(io.BytesIO(data)).convert("RGB")
    return {colour for _, colour in image.getcolors(maxcolors=1 << 20)}


@pytest.fixture(scope="module")
def page() -> Iterator[Page]:
    """One served dashboard and one browser context for the whole module."""
    with served_dashboard() as url, chromium() as browser:
        yield _context_page(browser, url)


def _context_page(browser: Browser, url: str) -> Page:
    context = browser.new_context(
        base_url=url, accept_downloads=True, viewport={"width": 1400, "height": 1000}
    )
    context.set_default_timeout(60_000)
    return context.new_page()


def open_drawn(page: Page, path: str) -> None:
    page.goto(path)
    wait_drawn(page, timeout=90_000)


def rgb_contrast_on_white(css: str) -> float:
    """WCAG contrast of a computed `rgb(r, g, b)` colour on white."""
    channels = [int(v) / 255 for v in re.findall(r"\d+", css)[:3]]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)


def test_axis_ticks_of_every_chart_are_french(page: Page) -> None:
    ticks_by_page = {}
    for path, charts in CHART_PAGES.items():
        open_drawn(page, path)
        ticks = page.evaluate(TICKS)
        assert len(ticks) == charts, path
        ticks_by_page[path] = ticks
        for text in (t for chart in ticks for t in chart):
            assert not DECIMAL_POINT.search(text), (path, text)
            assert not ENGLISH_SI.search(text), (path, text)
    lines, consumption, unit_costs = ticks_by_page["/budget"]
    euros = [t for t in lines + unit_costs if t.endswith("€")]
    assert euros and all(MONEY.fullmatch(t) for t in euros), euros
    assert {f"0{NNBSP}€", f"2{NNBSP}000{NNBSP}000{NNBSP}€"} <= set(lines)  # not « 2M »
    assert f"0{NNBSP}€" in unit_costs
    shares = [t for t in consumption if t.endswith("%")]
    assert {f"0{NNBSP}%", f"100{NNBSP}%"} <= set(shares)
    assert all(re.fullmatch(r"\d+\u202f%", t) for t in shares), shares
    survey = [t for t in ticks_by_page["/production"][0] if t.endswith("%")]
    assert survey == [f"{n}{NNBSP}%" for n in (0, 20, 40, 60, 80, 100)]
    assert "EIG 3 (prévisionnel)" in lines


def test_sankey_labels_are_dark_large_and_without_halo(page: Page) -> None:
    open_drawn(page, "/trajectoires")
    labels = page.evaluate(SANKEY_LABELS)
    assert [label for label, *_ in labels] == [
        "Avant : Oui (3)",
        "Avant : Non (9)",
        "Avant : Ne sait pas (8)",
        "Avant : Sans réponse (1)",
        "Après : Oui (12)",
        "Après : Non (4)",
        "Après : Ne sait pas (5)",
    ]
    for _, fill, shadow, size in labels:
        assert rgb_contrast_on_white(fill) >= 4.5
        assert shadow == "none" and size >= 15


def test_toolbar_in_french_and_hover_text_like_the_tables(page: Page) -> None:
    open_drawn(page, "/budget")
    titles = page.evaluate(TOOLBAR)
    assert set(titles) == {"Zoom", "Déplacer", "Échelle automatique", "Réinitialiser les axes"}
    assert len(titles) == 4 * 3  # four buttons on each of the three charts
    bar = page.locator(CHARTS).first.locator(".point").first
    bar.scroll_into_view_if_needed()
    box = bar.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    hover = page.locator(".hoverlayer .hovertext").first
    hover.wait_for()
    lines = hover.locator("tspan.line").all_text_contents()
    assert lines == [
        "Ligne : Salaires",
        "Statut : réalisé",
        "Promotion : EIG 1 (réalisé)",
        f"Montant : 756{NNBSP}553{NNBSP}€",
    ]


def test_png_download_of_the_budget_chart(page: Page, tmp_path: Path) -> None:
    open_drawn(page, "/budget?promotion=EIG+2")
    button = page.locator(".st-key-png-budget-lines").get_by_role("button", name="Image PNG")
    with page.expect_download(timeout=120_000) as caught:
        button.click()
    download = caught.value
    assert download.suggested_filename == (
        "budget-lignes-de-depense-et-enveloppe-par-promotion-eig-2.png"
    )
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    data = saved.read_bytes()
    assert data.startswith(PNG_SIGNATURE)
    assert data[12:16] == b"IHDR" and struct.unpack(">II", data[16:24]) == (1200, 700)
    assert len(data) >= 10_000
    assert (0x00, 0x72, 0xB2) in png_colours(data)  # the Salaires bars: a chart, no notice
