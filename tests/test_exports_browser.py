"""Exports in a real browser (Debian's Chromium): on « Budget PIA », the summary table's CSV
and workbook are downloaded as a reader would, and hold the French headers, the figures and,
in the workbook, the filters of the link that was opened."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
from playwright.sync_api import Page

from tests.browser import open_drawn

HEADERS = ["Promotion", "Statut", "Enveloppe PIA", "Total des dépenses"]


def download(page: Page, key: str, folder: Path) -> tuple[str, bytes]:
    """Click the download button of widget key `key`; the file's suggested name and bytes."""
    with page.expect_download(timeout=30_000) as started:
        page.locator(f".st-key-{key} button").click()
    got = started.value
    target = folder / got.suggested_filename
    got.save_as(target)
    return got.suggested_filename, target.read_bytes()


def open_budget(page: Page, url: str) -> None:
    open_drawn(page, url)
    page.locator(".st-key-dl-xlsx-budget-summary button").wait_for(timeout=30_000)


def test_summary_csv_and_workbook(server: str, page: Page, tmp_path: Path) -> None:
    open_budget(page, f"{server}/budget")
    name, raw = download(page, "dl-comma-budget-summary", tmp_path)
    assert name == "budget-pia-synthese.csv"
    table = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert table[0][:4] == HEADERS
    assert table[-1][:4] == ["Total", "réalisé, prévisionnel", "4800000", "5134558.47"]

    name, raw = download(page, "dl-xlsx-budget-summary", tmp_path)
    assert name == "budget-pia-synthese.xlsx"
    book = openpyxl.load_workbook(io.BytesIO(raw))
    data = book["Données"]
    assert [c.value for c in data[1]][:4] == HEADERS
    total = data.cell(data.max_row, 3)
    assert (data.cell(data.max_row, 1).value, total.value) == ("Total", 4_800_000)
    assert total.number_format == '#,##0 "€"'


def test_workbook_names_the_filters_of_the_link(server: str, page: Page, tmp_path: Path) -> None:
    open_budget(page, f"{server}/budget?promotion=EIG+2")
    _, raw = download(page, "dl-xlsx-budget-summary", tmp_path)
    book = openpyxl.load_workbook(io.BytesIO(raw))
    about = {r[0]: r[1] for r in book["À propos"].iter_rows(values_only=True) if r[0]}
    assert "EIG 2" in about["Filtres appliqués"]
    assert about["Filtres appliqués"] == (
        "Promotions : EIG 2 ; Lignes de dépense : tous ; Statut : tous"
    )
    data = book["Données"]
    assert [c.value for c in data["A"]] == ["Promotion", "EIG 2", "Total"]
    assert data.cell(data.max_row, 3).value == 2_500_000

    _, raw = download(page, "dl-semicolon-budget-summary", tmp_path)
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Promotion;Statut;Enveloppe PIA;Total des dépenses;")
    assert lines[-1].startswith("Total;réalisé;2500000;1912641;0,765")
