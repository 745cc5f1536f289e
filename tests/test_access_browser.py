"""In a real browser on a served dashboard: no address reaches the import page without the
analyst role; after the password login, the page is in the navigation and takes an upload."""

from __future__ import annotations

from pathlib import Path

import pytest

from eigdata import access
from eigdata.storage.store import DATA_DIR_ENV, ensure_database
from tests.browser import chromium, log_in_and_open_import, served_dashboard, wait_idle

PASSWORD = "un mot de passe assez long"
GOOD = Path(__file__).parent / "data" / "good" / "pia_budget_excel_fr.csv"
UPLOADER = '[data-testid="stFileUploader"]'


def test_import_only_after_analyst_login(fresh_data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ensure_database(fresh_data)
    monkeypatch.setenv(DATA_DIR_ENV, str(fresh_data))
    monkeypatch.setenv(access.PASSWORD_ENV, access.hash_password(PASSWORD))
    with served_dashboard() as url, chromium() as browser:
        page = browser.new_page()
        for path in ("import_donnees", "historique", "import_donnees?jeu=pia_budget"):
            page.goto(f"{url}/{path}")
            wait_idle(page, ready="h1")
            assert page.locator(UPLOADER).count() == 0
            assert page.locator("h1").first.inner_text() != "Importer des données"

        log_in_and_open_import(page, url, PASSWORD)
        page.get_by_text("Une table complète (import expert)").click()
        datasets = page.locator('[data-testid="stSelectbox"]').filter(has_text="Données à importer")
        datasets.wait_for(timeout=30_000)
        wait_idle(page, ready=UPLOADER)
        datasets.get_by_role("combobox").click()
        page.get_by_role("option", name="Budget PIA par promotion (pia_budget)").click()
        page.get_by_text("« Budget PIA par promotion » (toutes les promotions").wait_for(
            timeout=30_000
        )
        wait_idle(page, ready=UPLOADER)
        page.locator(UPLOADER).locator('input[type="file"]').set_input_files(str(GOOD))
        page.get_by_text("Lignes ajoutées").wait_for(timeout=30_000)
        assert "Détecté" in page.inner_text("body")
