"""The print view (`?vue=impression`) fits one A4 portrait page, with its sources, filters and
date, printed by Debian's Chromium (`page.pdf`). Opened from « Version imprimable »."""

from __future__ import annotations

import io

import pytest
from playwright.sync_api import BrowserContext, Page
from pypdf import PdfReader

from tests.browser import open_drawn, wait_drawn


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (
            "/composition?promotion=EIG+2&promotion=EIG+3",
            [
                "EIG, mentors et défis par promotion",
                "Profils par promotion",
                "Promotions : EIG 2, EIG 3",
                "Sources : ",
                "Rapport d'évaluation EIG 2019",
            ],
        ),
        (
            "/budget?promotion=EIG+2",
            [
                "Enveloppe PIA",
                "4 800 000 €",
                "2 500 000 €",
                "Promotions : EIG 2",
                "Source",
                "Part de l'enveloppe consommée",
            ],
        ),
        ("/", ["Où en est le programme", "EIG recrutés — EIG 4", "41", "aucun filtre"]),
    ],
)
def test_print_view_fits_one_a4_page(
    server: str, context: BrowserContext, page: Page, path: str, expected: list[str]
) -> None:
    open_drawn(page, f"{server}{path}")
    printable = page.get_by_role("link", name="Version imprimable (A4, nouvel onglet)")
    with context.expect_page() as opened:
        printable.click()
    printed = opened.value
    printed.wait_for_load_state()
    assert "vue=impression" in printed.url
    wait_drawn(printed)
    printed.emulate_media(media="print")
    pdf = PdfReader(io.BytesIO(printed.pdf(format="A4", print_background=True)))
    text = " ".join(pdf.pages[0].extract_text().replace("\u202f", " ").split())
    assert len(pdf.pages) == 1, f"{path}: {len(pdf.pages)} pages"
    for piece in [*expected, "Édité le", "Résumé imprimable"]:
        assert piece in text, f"{path}: « {piece} » missing from the printed page"
    assert "Copier le lien" not in text and "Télécharger" not in text
    printed.close()
