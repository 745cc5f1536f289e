"""The home page, the data page, the data dictionary and the analyst sign-in in English
(`?lang=en`): English labels and sentences, numbers formatted the English way, promotions
by their `label_en`, schema descriptions by their `description_en`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from eigdata import access, dictionary, landing, queries
from eigdata.formatting import plain
from eigdata.i18n import _
from eigdata.schemas import datasets
from eigdata.storage.store import DATA_DIR_ENV, ensure_database
from tests.in_english import english_page

ROOT = Path(__file__).resolve().parent.parent
TITLE_2019 = "Enquête 2019 — promotions 1 et 2"
ARTICLE = "Article DINUM, juin 2020, introduction (41 EIG pour 17 défis)"
BUDGET_SOURCE = (
    "Rapport d'évaluation EIG 2019, Le programme EIG en chiffres (tableau au 31 mai 2019) — "
    "Budget (colonne EIG 3 (Prévisionnel))"
)
PASSWORD = "un mot de passe assez long"


@pytest.fixture
def pages_data(fresh_data: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    ensure_database(fresh_data)
    monkeypatch.setenv(DATA_DIR_ENV, str(fresh_data))
    yield fresh_data


def test_overview_english_page(con: duckdb.DuckDBPyConnection, english: None) -> None:
    got = landing.overview(con)
    assert got.promotion == landing.LatestPromotion("EIG 4", 2020, "EIG")
    assert got.promotion.label == "EIG class 4"
    assert got.summary() == (
        f"Latest cohort: EIG class 4 (2020); latest survey campaign: {TITLE_2019} "
        "(2019, reconstructed answers)."
    )
    eig, profile, cost, kept, stay = got.headlines
    assert (eig.label, eig.formatted, eig.trend, eig.compared_with, eig.note) == (
        "EIG recruited — EIG class 4",
        "41",
        "+9 compared with EIG class 3",
        "EIG class 3",
        "EIG class 3: 32 (published)",
    )
    assert eig.link_label == "See the composition of EIG class 3 and EIG class 4"
    assert eig.params == {"promotion": ["EIG class 3", "EIG class 4"]}  # the filter's labels
    assert eig.provenance == f"Published figure: {ARTICLE}"
    assert eig.origin_label == "Published figure"

    assert (profile.formatted, profile.note, profile.link_label) == (
        "34%",
        "EIG class 4: 34% (14 of 41 EIG); EIG class 3: 16% (5 of 32 EIG)",
        "See the profiles of EIG class 3 and EIG class 4",
    )
    assert profile.label.endswith(" profiles — EIG class 4")
    assert profile.provenance.startswith("Calculated: EIG with the “")

    assert (cost.label, cost.formatted, cost.trend, cost.note) == (
        "PIA cost per EIG-month — EIG class 3",
        "€7,595",
        "+€764 compared with EIG class 2 (actual)",
        "Forecast; 162% of the PIA envelope of €1,500,000: overspent",
    )
    assert cost.provenance == (
        f"Calculated: €2,430,364 of spending (forecast) / (32 EIG × 10 months) — {BUDGET_SOURCE}"
    )
    assert cost.link_label == "See the budget of EIG class 2 and EIG class 3"

    assert (kept.label, kept.formatted, kept.trend, kept.note, kept.link_label) == (
        "Outputs still maintained — 2019 campaign",
        "70%",
        "first campaign: no comparison",
        "95% CI: 53% to 83%; 23 of 33 respondents",
        "See tools in production (2019 campaign)",
    )
    assert kept.params == {"campagne": [TITLE_2019]}
    assert kept.source.startswith(f"answers to the “{TITLE_2019}” campaign (")
    assert (stay.label, stay.formatted, stay.note) == (
        "EIG wishing to stay in the public sector — 2019 campaign",
        "57%",
        "95% CI: 37% to 76%; 12 of 21 respondents",
    )


def test_published_figures_and_labels_english_page(
    con: duckdb.DuckDBPyConnection, english: None
) -> None:
    per_place = queries.headline_figures(con)["candidates_per_place"]
    assert per_place.source.startswith("calculated: 493 candidates / 71 EIG — ")
    assert queries.promotion_labels(con) == {
        "EIG 1": "EIG class 1",
        "EIG 2": "EIG class 2",
        "EIG 3": "EIG class 3",
        "DIG": "Designers d'intérêt général",
        "EIG 4": "EIG class 4",
    }
    assert landing.status_text("prévisionnel, réalisé") == "forecast, actual"


def test_data_dictionary_english_page(english: None) -> None:
    frame = dictionary.columns("pia_budget")
    assert list(frame.columns) == ["Column", "Type", "Required", "Rules", "Description"]
    rows = frame.set_index("Column")
    quoted = _("« {value} »")  # the import templates' quotes (eigdata/ingest/templates.py)
    assert "«" not in quoted
    assert rows.loc["status", "Rules"] == "allowed values: {}, {}".format(
        quoted.format(value="réalisé"), quoted.format(value="prévisionnel")
    )
    assert rows.loc["promotion", "Rules"] == "must exist in promotions (column promotion)"
    assert rows.loc["amount", "Type"] == "number (decimal point or comma)"
    assert (rows.loc["amount", "Required"], rows.loc["note", "Required"]) == ("yes", "no")
    assert rows.loc["amount", "Description"] == "Amount in euros."
    years = dictionary.columns("promotions").set_index("Column").loc["year"]
    assert (years["Type"], years["Rules"]) == ("whole number", "minimum 2016; maximum 2100")
    overview = dictionary.datasets_overview().set_index("File")
    assert list(overview.columns) == ["Title", "Description", "Key"]
    assert overview.loc["promotions.csv", "Title"] == "Cohorts"
    assert overview.loc["pia_budget.csv", "Key"] == "promotion, line"


def test_every_schema_is_described_english_page() -> None:
    """Every dataset and every column has an English title or description, distinct from the
    French one where the French one is a sentence."""
    for ds in datasets().values():
        assert ds.descriptor["title_en"] and ds.descriptor["description_en"], ds.name
        for field in ds.fields:
            english = field.get("description_en", "")
            assert english and " :" not in english, (ds.name, field["name"])
            assert english != field["description"] or len(english.split()) < 3, field["name"]


def test_home_page_english_page(pages_data: Path) -> None:
    at = english_page("accueil")
    assert at.title[0].value == "Impact of the Entrepreneurs d'intérêt général programme"
    assert [h.value for h in at.header] == ["Where the programme stands", "The figures in detail"]
    assert at.markdown[1].value.startswith("Latest cohort: EIG class 4 (2020); latest survey ")
    shown = [(m.label, plain(m.value), plain(m.proto.delta)) for m in at.metric[:5]]
    assert shown[0] == ("EIG recruited — EIG class 4", "41", "+9 compared with EIG class 3")
    assert shown[2] == (
        "PIA cost per EIG-month — EIG class 3",
        "€7,595",
        "+€764 compared with EIG class 2 (actual)",
    )
    assert shown[3] == (
        "Outputs still maintained — 2019 campaign",
        "70%",
        "first campaign: no comparison",
    )
    assert plain(at.caption[0].value) == "Published figure · EIG class 3: 32 (published)"
    assert at.expander[0].label == "Where these figures come from"
    listed = plain(at.expander[0].markdown[0].value).split("\n")
    assert listed[0] == f"- **EIG recruited — EIG class 4**: Published figure: {ARTICLE}"
    campaign = "campagne=Enqu%C3%AAte+2019+%E2%80%94+promotions+1+et+2"
    assert [m.value for m in at.markdown if m.value.startswith("[See ")] == [
        "[See the composition of EIG class 3 and EIG class 4]"
        "(composition?promotion=EIG+class+3&promotion=EIG+class+4)",
        "[See the profiles of EIG class 3 and EIG class 4]"
        "(composition?promotion=EIG+class+3&promotion=EIG+class+4&profil=Designer)",
        "[See the budget of EIG class 2 and EIG class 3]"
        "(budget?promotion=EIG+class+2&promotion=EIG+class+3)",
        f"[See tools in production (2019 campaign)](production?{campaign})",
        f"[See careers (2019 campaign)](trajectoires?{campaign})",
    ]

    metrics = {m.label: plain(m.value) for m in at.metric}
    assert metrics["EIG recruited (cohorts 1 to 3)"] == "71"
    assert metrics["Challenges taken on (cohorts 1 to 3)"] == "37"
    assert metrics["EIG applications"] == "493"
    assert metrics["PIA envelope"] == "€4,800,000"
    assert metrics["Candidates per place"] == "6.9"
    assert metrics["Winning services or directorates"] == "29"
    assert (metrics["Cohorts"], metrics["EIG and designers (people)"]) == ("5", "130")
    assert (metrics["Challenges"], metrics["Host services"]) == ("71", "53")

    assert [s.value for s in at.subheader] == [
        "The first three cohorts in published figures",
        "All cohorts, from the programme website",
        "Published figures and website figures",
    ]
    assert any(
        m.value == "6 published figures differ from those counted on the programme website; "
        "both are kept and shown side by side."
        for m in at.markdown
    )
    gaps = at.dataframe[0].value
    assert list(gaps.columns) == ["Cohort", "Indicator", "Published", "EIG website", "Gap"]
    dig = "Designers d'intérêt général"  # the label_en of DIG in promotions.csv
    assert [tuple(row) for row in gaps.itertuples(index=False)] == [
        ("EIG class 1", "Mentors", 6, 11, 5),
        ("EIG class 2", "Mentors", 18, 19, 1),
        ("EIG class 3", "Mentors", 21, 32, 11),
        (dig, "Challenges", 16, 17, 1),
        (dig, "EIG recruited", 20, 21, 1),
        (dig, "Host services", 16, 17, 1),
    ]
    assert [w.value for w in at.warning] == [
        "In the report's table, the “Challenges proposed” total is 85 while its EIG 1 to "
        "EIG 3 columns add up to 94: both are kept."
    ]


def test_data_page_english_page(pages_data: Path) -> None:
    at = english_page("donnees", fichier="pia_budget.csv")
    assert at.title[0].value == "Data and sources"
    assert [h.value for h in at.header] == ["Source documents", "Data dictionary"]
    sources = at.dataframe[0].value
    assert list(sources.columns) == ["Short title", "Title", "Publisher", "Date", "File"]
    overview = at.dataframe[1].value.set_index("File")
    assert overview.loc["pia_budget.csv", "Title"] == "PIA budget per cohort"
    assert at.selectbox[0].label == "File to describe"
    assert at.selectbox[0].value == "pia_budget"
    captions = [m.value for m in at.markdown if m.value.startswith("**")]
    assert "**Columns of pia_budget.csv**" in captions
    columns = at.dataframe[-1].value.set_index("Column")
    assert columns.loc["amount", "Description"] == "Amount in euros."
    assert columns.loc["status", "Required"] == "yes"


def test_sign_in_english_page(pages_data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from widgets import access as widget_access

    monkeypatch.setattr(widget_access, "sleep", lambda _seconds: None)
    monkeypatch.setattr(widget_access, "_failures", {"in_a_row": 0})
    monkeypatch.setenv(access.PASSWORD_ENV, access.hash_password(PASSWORD))
    at = english_page("connexion")
    assert at.title[0].value == "Analyst sign-in"
    assert at.text_input[0].label == "Analyst password"
    at.text_input[0].input("wrong")
    at.button[0].click().run()
    assert at.warning[0].value == (
        "Wrong password. Each new failure lengthens the wait before the answer (next: 2 s)."
    )
    at.text_input[0].input(PASSWORD)
    at.button[0].click().run()
    assert at.success[0].value == "Signed in as analyst: analyst (password)."
    assert at.button(key="logout").label == "Sign out"
