"""The survey pages (AppTest): they render, say the data are reconstructed, show real
figures from the queries and hide small groups."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from eigdata.formatting import plain
from eigdata.survey import RECONSTRUCTED_LABEL
from eigdata.survey.stats import REASON_SMALL

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["pages/production.py", "pages/trajectoires.py", "pages/enquetes.py"]


def page_text(at: AppTest) -> str:
    """Every text element of a run page, with ordinary spaces."""
    parts = [m.value for m in at.markdown] + [m.value for m in at.caption]
    parts += [str(m.value) for m in at.warning] + [str(m.value) for m in at.info]
    parts += [str(m.value) for m in at.metric] + [h.value for h in at.header]
    parts += [h.value for h in at.subheader]
    return plain(" ".join(parts))


def run_page(page: str, **params: str | list[str]) -> AppTest:
    at = AppTest.from_file(str(ROOT / page), default_timeout=90)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == []
    return at


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_and_says_the_data_are_reconstructed(page: str) -> None:
    at = run_page(page)
    text = page_text(at)
    assert RECONSTRUCTED_LABEL in text
    assert "moins de 5 répondants" in text


def test_trajectories_show_15_then_57_percent() -> None:
    at = run_page("pages/trajectoires.py")
    metrics = [plain(m.value) for m in at.metric]
    assert metrics[:2] == ["15 %", "57 %"]
    text = page_text(at)
    assert "57 % (IC 95 % : 37 % à 76 % ; 12 sur 21 répondants)" in text
    assert "25 %" in metrics


def test_trajectories_filtered_on_designers_show_no_figure() -> None:
    at = run_page("pages/trajectoires.py", profil="Designer")
    assert [plain(m.value) for m in at.metric][:2] == ["—", "—"]
    assert REASON_SMALL in page_text(at)


def test_production_shows_status_and_maintenance() -> None:
    at = run_page("pages/production.py")
    text = page_text(at)
    assert "En production" in text and "50 %" in text
    assert "70 %" in [plain(m.value) for m in at.metric]
    assert "Sans réponse : 1 mentor(s)" in text
    assert "rattachées à aucun défi" in text


def test_explorer_rebuilds_every_published_rate() -> None:
    at = run_page("pages/enquetes.py")
    text = page_text(at)
    assert "26 des 26 taux publiés" in text


def test_explorer_question_from_the_url_with_interval_and_n() -> None:
    label = "Avez-vous sollicité l'expertise de membres de l'équipe Etalab ?"
    at = run_page("pages/enquetes.py", question=label, promotion="EIG 2")
    text = page_text(at)
    assert "Parmi les 14 répondants sélectionnés" in text
    assert "71 %" in text


def test_explorer_hides_a_small_group() -> None:
    at = run_page("pages/enquetes.py", profil="Designer")
    assert REASON_SMALL in page_text(at)
