"""In a real browser on a served dashboard: the analyst imports a LimeSurvey export re-saved by
Excel in French (cp1252, « ; ») as a new campaign, then the Trajectoires page of that
campaign shows its share of EIG wishing to stay in the administration."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import Page

from eigdata import access
from eigdata.formatting import plain
from eigdata.storage.store import DATA_DIR_ENV, ensure_database
from tests.browser import chromium, log_in_and_open_import, served_dashboard, wait_drawn, wait_idle

PASSWORD = "un mot de passe assez long"
EXPORT = Path(__file__).parent / "data" / "exports" / "limesurvey_texte_excel_fr.csv"
TITLE = "Enquête 2022 — promotion 4"
UPLOADER = '[data-testid="stFileUploader"]'
TIMEOUT = 30_000


def fill(page: Page, label: str, value: str) -> None:
    """Type into a text or number input and commit it (Enter), then wait for the rerun."""
    field = page.get_by_label(label, exact=True)
    field.fill(value)
    field.press("Enter")
    wait_drawn(page, ready=UPLOADER)  # no rerun in progress nor stale element: the value holds


def choose(page: Page, label: str, option: str) -> None:
    """Pick an option of a selectbox by typing it."""
    box = page.locator('[data-testid="stSelectbox"]').filter(has_text=label)
    box.get_by_role("combobox").click()
    page.keyboard.type(option)
    page.keyboard.press("Enter")
    wait_idle(page, ready=UPLOADER)


def metric(page: Page, label: str) -> str:
    box = page.locator('[data-testid="stMetric"]').filter(has_text=label)
    return plain(box.locator('[data-testid="stMetricValue"]').inner_text().strip())


def test_analyst_imports_a_limesurvey_export_and_trajectories_show_it(
    fresh_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ensure_database(fresh_data)
    monkeypatch.setenv(DATA_DIR_ENV, str(fresh_data))
    monkeypatch.setenv(access.PASSWORD_ENV, access.hash_password(PASSWORD))
    with served_dashboard() as url, chromium() as browser:
        page = browser.new_page()
        log_in_and_open_import(page, url, PASSWORD)
        page.get_by_text("Une campagne d'enquête (export d'un outil d'enquête)").click()
        wait_idle(page, ready=UPLOADER)

        fill(page, "Code de la campagne", "enquete-2022")
        fill(page, "Titre affiché", TITLE)
        fill(page, "Année", "2022")
        fill(page, "Personnes invitées (facultatif)", "20")
        choose(page, "Promotion des répondants", "EIG 4")
        page.locator(UPLOADER).first.locator('input[type="file"]').set_input_files(str(EXPORT))
        page.get_by_text("Répondants retenus").wait_for(timeout=TIMEOUT)
        wait_idle(page)
        body = page.inner_text("body")
        assert "Windows-1252" in body and "outil : LimeSurvey" in body
        assert "laissées de côté : 2" in body
        assert metric(page, "Répondants retenus") == "16"
        assert metric(page, "Taux de réponse") == "80 %"

        page.get_by_role("button", name="Confirmer l'import de la campagne").click()
        page.get_by_text("Import n° 1 enregistré").wait_for(timeout=TIMEOUT)

        page.goto(f"{url}/trajectoires?campagne={quote(TITLE)}")
        wait_idle(page, timeout=TIMEOUT)
        assert metric(page, "Souhaitent y rester après le défi") == "69 %"
        assert "11 sur 16 répondants" in plain(page.inner_text("body"))
