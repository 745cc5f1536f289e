"""In a real browser on a served dashboard: the analyst imports the roster sheet of a new
promotion (Excel workbook), then the composition page shows it with its counts, the other
promotions unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from eigdata import access
from eigdata.formatting import plain
from eigdata.storage.store import DATA_DIR_ENV, ensure_database
from tests.browser import chromium, log_in_and_open_import, served_dashboard, wait_idle
from tests.test_import_campaign_browser import PASSWORD, TIMEOUT, UPLOADER, fill, metric

SHEET = Path(__file__).parent / "data" / "rosters" / "eig5.xlsx"


def composition(page: Page, address: str, reading: str) -> str:
    """Open the composition page, wait for its reading sentence and charts; its text."""
    page.goto(address)
    page.get_by_text(reading).first.wait_for(timeout=TIMEOUT)
    wait_idle(page, ready='[data-testid="stPlotlyChart"] .main-svg', timeout=TIMEOUT)
    return plain(page.inner_text("body"))


def test_analyst_imports_a_promotion_sheet_and_composition_shows_it(
    fresh_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ensure_database(fresh_data)
    monkeypatch.setenv(DATA_DIR_ENV, str(fresh_data))
    monkeypatch.setenv(access.PASSWORD_ENV, access.hash_password(PASSWORD))
    with served_dashboard() as url, chromium() as browser:
        page = browser.new_page()
        eig4_before = composition(
            page, f"{url}/composition?promotion=EIG+4", "EIG 4 compte 41 EIG."
        )

        log_in_and_open_import(page, url, PASSWORD)
        page.get_by_text("Une nouvelle promotion (feuille de la promotion)").click()
        wait_idle(page, ready=UPLOADER)
        fill(page, "Nom de la promotion", "EIG 5")
        fill(page, "Année de lancement", "2021")
        page.locator(UPLOADER).first.locator('input[type="file"]').set_input_files(str(SHEET))
        page.get_by_text(SHEET.name).first.wait_for(timeout=TIMEOUT)
        # planning a promotion takes ~5 s here, much more when the suite loads both cores
        page.get_by_text("Confirmer l'import de la promotion").wait_for(timeout=2 * TIMEOUT)
        wait_idle(page)
        assert [metric(page, k) for k in ("EIG", "Mentors", "Défis")] == ["12", "7", "5"]
        assert "Juriste du numérique" in page.inner_text("body")

        page.get_by_role("button", name="Confirmer l'import de la promotion").click()
        page.get_by_text("Import n° 1 enregistré").wait_for(timeout=TIMEOUT)

        composition(page, f"{url}/composition?promotion=EIG+5", "EIG 5 compte 12 EIG.")
        eig4_after = composition(page, f"{url}/composition?promotion=EIG+4", "EIG 4 compte 41 EIG.")
        assert eig4_after == eig4_before
