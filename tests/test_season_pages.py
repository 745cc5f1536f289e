"""A new season through the real pages: after a new campaign and a new promotion are imported,
every figure the pages showed for the 2019 campaign and for the existing promotions is still
there, unchanged; the new ones appear; undoing both brings every page back as it was."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from eigdata.formatting import plain
from eigdata.ingest import campaign, changes, promotion
from eigdata.storage.store import DATA_DIR_ENV, ensure_database

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data"
TITLE_2019 = "Enquête 2019 — promotions 1 et 2"
EXISTING = ["EIG 1", "EIG 2", "EIG 3", "DIG", "EIG 4"]
PAGES = {
    "accueil.py": {},
    "budget.py": {},
    "composition.py": {"promotion": EXISTING},
    "production.py": {"campagne": TITLE_2019},
    "trajectoires.py": {"campagne": TITLE_2019},
    "enquetes.py": {"campagne": TITLE_2019},
}
SURVEY_PAGES = ["production.py", "trajectoires.py", "enquetes.py"]


@pytest.fixture
def data(fresh_data: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    ensure_database(fresh_data)
    monkeypatch.setenv(DATA_DIR_ENV, str(fresh_data))
    yield fresh_data


def shown(page: str) -> tuple[dict[str, str], set[tuple]]:
    """A page's metrics (label → value) and every row of every table it shows."""
    at = AppTest.from_file(str(ROOT / "pages" / page), default_timeout=90)
    for key, value in PAGES[page].items():
        at.query_params[key] = value
    at.run()
    assert not at.exception and [e.value for e in at.error] == []
    metrics = {m.label: plain(m.value) for m in at.metric}
    rows = {
        tuple(plain(str(v)) for v in row)
        for frame in at.dataframe
        for row in frame.value.itertuples(index=False)
    }
    return metrics, rows


def import_season(data: Path) -> list[int]:
    """A 2021 campaign from a Google Forms export and EIG 5 from its Excel sheet."""
    raw = (DATA / "exports" / "google_forms_eig_2021.csv").read_bytes()
    survey = campaign.plan_campaign(
        data,
        "google_forms_eig_2021.csv",
        raw,
        campaign="enquete-2021",
        title="Enquête 2021 — promotions 3 et 4",
        year=2021,
        questionnaire="eig",
        invited=30,
        tool="Google Forms",
    )
    assert survey.problems == []
    first = campaign.apply_campaign(survey, "Ana").change
    sheet = (DATA / "rosters" / "eig5.xlsx").read_bytes()
    roster = promotion.plan_promotion(data, "eig5.xlsx", sheet, promotion="EIG 5", year=2021)
    assert roster.problems == []
    return [first, promotion.apply_promotion(roster, "Ana").change]


def test_a_new_season_leaves_every_existing_figure_unchanged(data: Path) -> None:
    before = {page: shown(page) for page in PAGES}
    changes_made = import_season(data)
    after = {page: shown(page) for page in PAGES}
    for page in PAGES:
        old_metrics, old_rows = before[page]
        new_metrics, new_rows = after[page]
        if page != "accueil.py":  # the home page's site counts include EIG 5 (by design)
            assert new_metrics == old_metrics, page
        assert old_rows - new_rows == set() or page == "accueil.py", page
    home_old, home_new = before["accueil.py"][0], after["accueil.py"][0]
    published = ["EIG recrutés (promotions 1 à 3)", "Candidatures EIG", "Enveloppe PIA"]
    assert [home_new[k] for k in published] == [home_old[k] for k in published]
    assert int(home_new["Promotions"]) == int(home_old["Promotions"]) + 1

    for change in reversed(changes_made):
        changes.undo_change(data, change, "Ana")
    assert {page: shown(page) for page in PAGES} == before


def test_the_new_campaign_is_offered_on_every_survey_page(data: Path) -> None:
    import_season(data)
    for page in SURVEY_PAGES:
        at = AppTest.from_file(str(ROOT / "pages" / page), default_timeout=90).run()
        options = at.selectbox(key="campagne").options
        assert options[0] == "Enquête 2021 — promotions 3 et 4"
        assert TITLE_2019 in options
