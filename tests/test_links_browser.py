"""« Copier le lien », and links across pages and the Back button, in a real browser
(Debian's Chromium).

On every page a filter is changed the way a director would (a chip removed, an option picked),
the link is copied through the button, and the clipboard's URL opened in another tab (a new
Streamlit session that knows only the link) shows the same filters and the same figures.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

import dashboard
from tests.browser import open_drawn, wait_drawn

PAGES = [
    ("/" if i == 0 else f"/{file.removesuffix('.py')}")
    for i, (file, _, _) in enumerate(dashboard.PAGES)
]
COPIED = "Lien copié dans le presse-papiers"


def view(page: Page) -> dict[str, list[str]]:
    """What a reader compares: each filter's shown values, each figure, each chart reading."""
    texts = """selector => [...document.querySelectorAll(selector)]
        .map(e => e.innerText.replace(/\\s+/g, ' ').trim())"""
    return {
        "filters": page.evaluate(
            texts, '[data-testid="stMultiSelect"], [data-testid="stSelectbox"]'
        ),
        "figures": page.evaluate(texts, '[data-testid="stMetric"]'),
        "headings": page.evaluate(texts, "h2, h3"),
    }


def change_a_filter(page: Page) -> str:
    """Remove the first chip of the first multiselect, else pick the second option of the
    first selectbox; return what was changed (empty on a page without filters)."""
    before = page.url
    multiselect = page.locator('[data-testid="stMultiSelect"]').first
    if multiselect.count():
        chip = multiselect.get_by_role("button", name="Remove").first
        changed = chip.get_attribute("aria-label") or "chip"
        chip.click()
    else:
        selectbox = page.locator('[data-testid="stSelectbox"]').first
        if not selectbox.count():
            return ""
        selectbox.get_by_role("combobox").click()
        page.keyboard.press("ArrowDown")
        page.keyboard.press("Enter")
        changed = selectbox.inner_text()
    page.wait_for_function("url => location.href !== url", arg=before, timeout=15_000)
    wait_drawn(page)
    return changed


def copy_link(page: Page) -> str:
    page.get_by_role("button", name="Copier le lien").click()
    page.get_by_role("status").filter(has_text=COPIED).wait_for(timeout=5_000)
    return page.evaluate("navigator.clipboard.readText()")


@pytest.mark.parametrize("path", PAGES)
def test_copied_link_reopens_the_same_view(
    server: str, page: Page, reader: Page, path: str
) -> None:
    open_drawn(page, server + path)
    changed = change_a_filter(page)
    shown = view(page)

    link = copy_link(page)
    assert link == page.url
    assert page.locator("#eig-link-field").input_value() == link
    if changed:
        assert "?" in link, f"{path}: the filter change ({changed}) is not in the link"

    open_drawn(reader, link)  # another tab: a new session that knows only the link
    assert view(reader) == shown
    assert shown["figures"] or shown["headings"]


def multiselect_values(page: Page, label: str) -> str:
    box = page.locator('[data-testid="stMultiSelect"]').filter(has_text=label).first
    return " ".join(box.inner_text().split())


def test_filters_survive_switching_pages_and_back(server: str, page: Page) -> None:
    open_drawn(page, f"{server}/budget?promotion=EIG+2")
    assert multiselect_values(page, "Promotions") == "Promotions EIG 2"

    page.get_by_role("link", name="Composition des promotions").click()
    page.wait_for_url("**/composition", timeout=15_000)
    wait_drawn(page)
    page.go_back()
    page.wait_for_function("() => location.search.includes('promotion=EIG')", timeout=15_000)
    wait_drawn(page)
    assert multiselect_values(page, "Promotions") == "Promotions EIG 2"

    page.get_by_role("link", name="Accueil").click()
    wait_drawn(page)
    page.get_by_role("link", name="Budget PIA").click()
    page.wait_for_function("() => location.search.includes('promotion=EIG')", timeout=15_000)
    wait_drawn(page)
    assert "promotion=EIG+2" in page.url
    assert multiselect_values(page, "Promotions") == "Promotions EIG 2"
