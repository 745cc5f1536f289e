"""The data dictionary and the sources page read the schemas."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from eigdata import dictionary, queries

ROOT = Path(__file__).resolve().parent.parent


def test_every_dataset_is_described() -> None:
    overview = dictionary.datasets_overview()
    assert {"promotions.csv", "pia_budget.csv", "roster_defis.csv"} <= set(overview["Fichier"])
    assert overview["Description"].str.len().min() > 20


def test_columns_show_allowed_values_and_references() -> None:
    frame = dictionary.columns("pia_budget").set_index("Colonne")
    assert frame.loc["status", "Règles"] == "valeurs permises : « réalisé », « prévisionnel »"
    assert frame.loc["promotion", "Règles"] == "doit exister dans promotions (colonne promotion)"
    assert frame.loc["amount", "Type"] == "nombre (décimale point ou virgule)"
    assert frame.loc["amount", "Obligatoire"] == "oui"


def test_sources_query(con) -> None:
    frame = queries.sources(con).set_index("source_doc")
    assert frame.loc["004_091d441f4f0f9050.txt", "short_title"] == "Rapport d'évaluation EIG 2019"


def test_page_details_the_file_named_in_the_url() -> None:
    at = AppTest.from_file(str(ROOT / "pages/donnees.py"), default_timeout=60)
    at.query_params["fichier"] = "pia_budget.csv"
    at.run()
    assert not at.exception
    assert at.selectbox[0].value == "pia_budget"
    columns = at.dataframe[-1].value
    assert list(columns["Colonne"])[:3] == ["promotion", "line", "amount"]
