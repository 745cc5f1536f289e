"""The print view (`?vue=impression`) and the filters record, through AppTest.

The print view shows a page's summary for the filters of its link, with no widget; what is
printed (one A4 page) is checked in the browser by tests/test_links_browser.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from eigdata.formatting import plain

ROOT = Path(__file__).resolve().parent.parent


def run(page: str, **params: str | list[str]) -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / page), default_timeout=90)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def captions(at: AppTest) -> str:
    return plain(" ".join(c.value for c in at.caption))


def test_budget_print_view_is_the_summary_of_the_linked_filters() -> None:
    at = run("budget.py", vue="impression", promotion="EIG 2")
    assert not at.exception and not at.error
    assert len(at.multiselect) == 0 and len(at.button) == 0
    metrics = {m.label: plain(m.value) for m in at.metric}
    assert metrics["Enveloppe PIA"] == "4 800 000 €"
    assert metrics["Enveloppe (sélection)"] == "2 500 000 €"
    assert [s.value for s in at.subheader] == [
        "Lignes de dépense et enveloppe par promotion",
        "Part de l'enveloppe consommée",
    ]
    text = captions(at)
    assert "Résumé imprimable — filtres : Promotions : EIG 2 ; Lignes de dépense : tous ; " in text
    assert "Statut : tous. Édité le " in text
    assert "Sources des lignes budgétaires : Rapport d'évaluation EIG 2019" in text
    assert "Tableau récapitulatif" not in [h.value for h in at.header]


def test_composition_print_view_names_its_sources_and_filters() -> None:
    at = run("composition.py", vue="impression", promotion=["EIG 2", "EIG 4"], profil="Designer")
    assert not at.exception and not at.error
    assert len(at.multiselect) == 0 and len(at.text_input) == 0
    assert [s.value for s in at.subheader] == [
        "EIG, mentors et défis par promotion",
        "Profils par promotion (effectifs)",
    ]
    text = captions(at)
    assert "filtres : Promotions : EIG 2, EIG 4 ; Profils : Designer." in text
    assert "Article DINUM, juin 2020" in text and "Rapport d'évaluation EIG 2019" in text


@pytest.mark.parametrize("page", ["budget.py", "composition.py"])
def test_without_the_print_parameter_the_page_is_whole(page: str) -> None:
    at = run(page)
    assert not at.exception and not at.error
    assert len(at.multiselect) >= 2
    assert not any("Résumé imprimable" in c.value for c in at.caption)


def test_a_page_without_summary_ignores_the_print_parameter() -> None:
    at = run("donnees.py", vue="impression")
    assert not at.exception and not at.error
    assert len(at.selectbox) == 1


@pytest.mark.parametrize(
    ("page", "params", "heading", "filters"),
    [
        ("production.py", {}, "État des réalisations, selon les mentors", "Promotion : tous"),
        (
            "trajectoires.py",
            {"promotion": "EIG 2"},
            "Avant et après le défi",
            "Promotion : EIG 2 ; Profil (EIG) : tous",
        ),
        ("enquetes.py", {}, None, "Répondants : tous ; Promotion : tous"),
    ],
)
def test_survey_print_views_have_no_widget_and_name_campaign_and_filters(
    page: str, params: dict[str, str], heading: str | None, filters: str
) -> None:
    at = run(page, vue="impression", **params)
    assert not at.exception and not at.error
    assert len(at.selectbox) == len(at.multiselect) == len(at.button) == 0
    if heading:
        assert heading in [h.value for h in at.header]
    text = captions(at)
    assert "filtres : Campagne d'enquête : Enquête 2019 — promotions 1 et 2 ; " in text
    assert filters in text and "Source" in text
    assert at.get("plotly_chart")
