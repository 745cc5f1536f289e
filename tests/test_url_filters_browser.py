"""A shared link reopens the same filtered view, in a real browser (Debian's Chromium).

The dashboard runs as a subprocess; Playwright drives /usr/bin/chromium (never a
downloaded browser). If Chromium is missing the test fails: `make browser` installs it.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

from playwright.sync_api import Page

from eigdata.formatting import euros, plain
from tests.browser import served_dashboard, wait_idle


def metric(page: Page, label: str) -> str:
    box = page.locator('[data-testid="stMetric"]').filter(has_text=label)
    return plain(box.locator('[data-testid="stMetricValue"]').inner_text().strip())


def test_budget_filter_round_trip(server: str, page: Page, reader: Page) -> None:
    envelope_eig2 = plain(euros(2_500_000))
    page.goto(f"{server}/budget")
    wait_idle(page)
    assert metric(page, "Enveloppe (sélection)") == plain(euros(4_800_000))

    promotions = page.locator('[data-testid="stMultiSelect"]').filter(has_text="Promotions")
    for name in ("EIG 1", "EIG 3"):
        promotions.get_by_role("button", name=f"Remove {name}").first.click()
        page.wait_for_function(
            "name => !decodeURIComponent(location.search.replace(/\\+/g, ' ')).includes(name)",
            arg=f"promotion={name}",
            timeout=10_000,
        )
    page.wait_for_function("() => location.search.includes('promotion=')", timeout=10_000)
    wait_idle(page)
    shared = page.url
    assert parse_qs(urlparse(shared).query)["promotion"] == ["EIG 2"]
    page.wait_for_function(
        """([label, value]) => [...document.querySelectorAll(
            '[data-testid="stMetric"]')].some(m => m.innerText.includes(label)
            && m.innerText.replace(/\\u202f|\\u00a0/g, ' ').includes(value))""",
        arg=["Enveloppe (sélection)", envelope_eig2],
        timeout=15_000,
    )

    reader.goto(shared)
    wait_idle(reader)
    assert metric(reader, "Enveloppe (sélection)") == envelope_eig2
    assert metric(reader, "Dépenses (sélection)") == plain(euros(1_912_641))
    chips = reader.locator('[data-testid="stMultiSelect"]').filter(has_text="Promotions")
    chips.get_by_role("button", name="Remove EIG 2").first.wait_for(timeout=15_000)
    assert chips.get_by_role("button", name="Remove EIG 1").count() == 0


def test_shared_link_opened_first_on_a_fresh_server(page: Page) -> None:
    """A link to a page, first request of a new server: navigation, language and filters hold."""
    with served_dashboard() as url:
        page.goto(f"{url}/composition?promotion=EIG+2")
        wait_idle(page, ready='[data-testid="stMultiSelect"]')
        nav = page.locator('[data-testid="stSidebarNav"]')
        assert "Composition des promotions" in nav.inner_text()
        assert "composition" not in nav.inner_text().split()  # no raw file names
        assert page.evaluate("document.documentElement.lang") == "fr"
        chips = page.locator('[data-testid="stMultiSelect"]').filter(has_text="Promotions")
        chips.get_by_role("button", name="Remove EIG 2").first.wait_for(timeout=15_000)
        assert chips.get_by_role("button", name="Remove EIG 1").count() == 0
