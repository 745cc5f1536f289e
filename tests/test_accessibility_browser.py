"""Automated accessibility check (axe-core, WCAG 2 A and AA rules) of every public page, in
French and in English.

RGAA builds on WCAG 2.1 AA; axe finds the automatable part (contrast, names, labels,
language). It does not replace a manual audit.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from dashboard import LOGIN_PAGE, PAGES
from tests.browser import open_drawn

PUBLIC = [file.removesuffix(".py") for file, _, _ in [*PAGES, LOGIN_PAGE]]
RULES = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("page_name", PUBLIC)
def test_page_has_no_wcag_violation(server: str, page: Page, page_name: str, language: str) -> None:
    path = "" if page_name == "accueil" else page_name
    query = "?lang=en" if language == "en" else ""
    open_drawn(page, f"{server}/{path}{query}")  # every chart drawn
    page.wait_for_function(f"() => document.documentElement.lang === '{language}'")
    results = Axe().run(page, options=RULES)
    violations = [
        f"{v['impact']} {v['id']} ({len(v['nodes'])}) : {v['help']}"
        for v in results.response["violations"]
    ]
    assert violations == []
