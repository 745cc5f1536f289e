"""The language in a real browser (Debian's Chromium): `?lang=en` gives the English pages and
`<html lang="en">`, survives page changes through the navigation and « Copy link », and the
sidebar switch goes back to French."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page

from eigdata.i18n import catalogue
from tests.browser import open_drawn, served, wait_drawn

EN = catalogue("en")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with served(options=["--server.fileWatcherType", "none"]) as dashboard_server:
        yield dashboard_server.url


def html_lang(page: Page) -> str:
    return page.evaluate("document.documentElement.lang")


def title(page: Page) -> str:
    return page.locator("h1").first.inner_text().strip()


def test_english_survives_page_changes_and_the_copied_link(
    server: str, page: Page, reader: Page
) -> None:
    open_drawn(page, f"{server}/budget?lang=en")
    page.wait_for_function("() => document.documentElement.lang === 'en'", timeout=10_000)
    assert title(page) in EN.values()  # the page's own title, in English
    assert page.get_by_role("link", name=EN["Composition des promotions"]).count() == 1

    page.get_by_role("link", name=EN["Composition des promotions"]).click()
    page.wait_for_function("() => location.pathname.endsWith('/composition')", timeout=15_000)
    page.wait_for_function("() => location.search.includes('lang=en')", timeout=15_000)
    wait_drawn(page)
    assert html_lang(page) == "en"
    assert page.get_by_role("link", name=EN["Budget PIA"]).count() == 1

    page.get_by_role("button", name=EN["Copier le lien"]).click()
    page.get_by_role("status").wait_for(timeout=5_000)
    link = page.evaluate("navigator.clipboard.readText()")
    assert "lang=en" in link and "/composition" in link

    open_drawn(reader, link)
    reader.wait_for_function("() => document.documentElement.lang === 'en'", timeout=10_000)
    assert title(reader) == title(page)


def test_the_switch_goes_back_to_french(server: str, page: Page) -> None:
    open_drawn(page, f"{server}/composition?lang=en")
    english_title = title(page)
    page.locator('[data-testid="stSidebar"]').get_by_text("Français").click()
    page.wait_for_function("() => !location.search.includes('lang=en')", timeout=15_000)
    page.wait_for_function("() => document.documentElement.lang === 'fr'", timeout=15_000)
    wait_drawn(page)
    assert title(page) != english_title
    assert page.get_by_role("link", name="Budget PIA").count() == 1


def test_the_language_changes_from_the_keyboard(server: str, page: Page) -> None:
    open_drawn(page, f"{server}/donnees")
    on_switch = "() => document.activeElement.closest('[data-testid=\"stRadio\"]') !== null"
    for _press in range(40):
        page.keyboard.press("Tab")
        if page.evaluate(on_switch):
            break
    assert page.evaluate(on_switch), "the language switch is never reached with Tab"
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => location.search.includes('lang=en')", timeout=15_000)
    page.wait_for_function("() => document.documentElement.lang === 'en'", timeout=15_000)
    wait_drawn(page)
    assert title(page) == EN["Données et sources"]
