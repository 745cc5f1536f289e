"""Every page renders without exception or error; the home page shows sourced figures."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from eigdata.formatting import plain

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "pages").glob("*.py"))


@pytest.mark.parametrize("page", PAGES)
def test_page_renders(page: str) -> None:
    at = AppTest.from_file(str(ROOT / page), default_timeout=90).run()
    assert not at.exception
    assert [e.value for e in at.error] == []
    assert len(at.title) == 1 and at.title[0].value


def test_every_page_is_in_the_navigation() -> None:
    text = (ROOT / "dashboard.py").read_text(encoding="utf-8")
    for page in PAGES:
        assert f'"{Path(page).name}"' in text


def test_entry_point_opens_home_page() -> None:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90).run()
    assert not at.exception
    assert at.title[0].value == "Impact du programme Entrepreneurs d'intérêt général"


def test_home_page_figures_with_sources() -> None:
    at = AppTest.from_file(str(ROOT / "pages/accueil.py"), default_timeout=90).run()
    metrics = {m.label: plain(m.value) for m in at.metric}
    assert metrics["EIG recrutés (promotions 1 à 3)"] == "71"
    assert metrics["Défis relevés (promotions 1 à 3)"] == "37"
    assert metrics["Services ou directions lauréats"] == "29"
    assert metrics["Candidatures EIG"] == "493"
    assert metrics["Enveloppe PIA"] == "4 800 000 €"
    assert metrics["Candidats par place"] == "6,9"
    assert metrics["Défis"] == "71"
    captions = " ".join(c.value for c in at.caption)
    assert captions.count("Source : Rapport d'évaluation EIG 2019, ") == 5
    assert any("85" in w.value and "94" in w.value for w in at.warning)


def test_a_failing_query_shows_a_french_message_not_a_traceback(monkeypatch) -> None:
    from eigdata import queries
    from eigdata.errors import QueryError

    def broken(*_args, **_kwargs):
        raise QueryError("roster_totals")

    monkeypatch.setattr(queries, "roster_totals", broken)
    at = AppTest.from_file(str(ROOT / "pages/accueil.py"), default_timeout=90).run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "La requête « roster_totals » a échoué. Les données affichées peuvent être "
        "incomplètes ; l'incident est journalisé."
    ]
    labels = [m.label for m in at.metric]
    assert "Candidatures EIG" in labels  # the other sections still render


def test_an_unexpected_error_shows_a_generic_french_message(monkeypatch) -> None:
    from eigdata import queries

    monkeypatch.setattr(queries, "headline_figures", lambda *_: 1 / 0)
    at = AppTest.from_file(str(ROOT / "pages/accueil.py"), default_timeout=90).run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "Une erreur inattendue est survenue ; l'incident est journalisé."
    ]
