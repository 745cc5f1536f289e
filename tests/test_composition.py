"""Composition des promotions: the query functions and the page (AppTest), on shipped data."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from eigdata import composition
from eigdata.formatting import plain

ROOT = Path(__file__).resolve().parent.parent
PAGE = str(ROOT / "pages" / "composition.py")


def value(figures, promotion: str, indicator: str):
    row = figures[(figures["promotion"] == promotion) & (figures["indicator"] == indicator)]
    assert len(row) == 1, (promotion, indicator)
    return row.iloc[0]


def test_every_promotion_of_the_data_is_offered(con) -> None:
    assert composition.promotion_names(con) == ["EIG 1", "EIG 2", "EIG 3", "DIG", "EIG 4"]


def test_published_figures_win_and_say_so(con) -> None:
    figures = composition.promotion_figures(con)
    eig1 = value(figures, "EIG 1", "mentors")
    assert (eig1["value"], eig1["origin"]) == (6, "publié")
    eig4 = value(figures, "EIG 4", "mentors")
    assert eig4["origin"] == "site" and eig4["value"] == 48
    assert value(figures, "EIG 4", "eig")["value"] == 41


def test_host_services_new_and_returning(con) -> None:
    figures = composition.promotion_figures(con, ["EIG 2"])
    assert value(figures, "EIG 2", "new_host_services")["value"] == 11
    assert value(figures, "EIG 2", "returning_host_services")["value"] == 2
    assert value(figures, "EIG 2", "host_administrations")["value"] == 13


def test_ratios_are_computed_from_the_figures(con) -> None:
    figures = composition.promotion_figures(con)
    per_place = value(figures, "EIG 2", "candidates_per_place")
    assert per_place["value"] == pytest.approx(208 / 28)
    assert per_place["origin"] == "calcul"
    assert value(figures, "EIG 3", "defis_proposed_per_defi")["value"] == pytest.approx(42 / 15)
    # No published candidates for EIG 4: no ratio rather than a made-up one.
    assert figures.query("promotion == 'EIG 4' and indicator == 'candidates_per_place'").empty


def test_figures_table_has_one_column_per_promotion(con) -> None:
    table = composition.figures_table(composition.promotion_figures(con, ["EIG 1", "EIG 4"]))
    assert list(table.columns) == ["Indicateur", "EIG 1", "EIG 4"]
    row = table.set_index("Indicateur").loc["EIG recrutés"]
    assert (row["EIG 1"], row["EIG 4"]) == ("11 (publié)", "41 (publié)")


def test_profile_shares(con) -> None:
    mix = composition.profile_mix(con).set_index(["promotion", "profile_group"])
    assert mix.loc[("EIG 2", "data_scientist"), "roster_share"] == pytest.approx(0.5)
    assert mix.loc[("EIG 1", "designer"), "roster_share"] == 0
    designers = mix.loc[("EIG 4", "designer")]
    assert designers["roster_count"] == 14
    assert round(designers["roster_share"] * 100) == 34


def test_profile_filter_keeps_shares_of_the_whole_promotion(con) -> None:
    mix = composition.profile_mix(con, ["EIG 4"], ["designer"])
    assert mix["profile_group"].tolist() == ["designer"]
    assert mix["promotion_eig"].tolist() == [41]
    assert plain(composition.profile_reading(mix)) == (
        "Dans EIG 4, la part des profils « designer » est de 34 % (14 EIG sur 41)."
    )


def test_design_rise_reading(con) -> None:
    reading = plain(composition.profile_reading(composition.profile_mix(con)))
    assert "passe de 0 % dans EIG 1 à 34 % dans EIG 4" in reading


def test_defis_of_a_promotion_and_search(con) -> None:
    table = composition.defis(con, ["EIG 2"])
    assert len(table) == 13
    assert set(table["Promotion"]) == {"EIG 2"}
    found = composition.defis(con, ["EIG 2"], "brigade")
    assert found["Défi"].tolist() == ["Brigade Numérique"]
    assert "1 300 demandes/semaine" in plain(found["Chiffres clés"].iloc[0])
    assert len(composition.defis(con, ["EIG 1", "EIG 4"])) == 9 + 17


def test_reconciliation_flags_gaps(con) -> None:
    table = composition.reconciliation(con, ["EIG 1"]).set_index("Indicateur")
    assert table.loc["Mentors", "Publié"] == 6
    assert table.loc["Mentors", "Site du programme"] == 11
    assert table.loc["Mentors", "Constat"] == "⚠ écart"
    assert table.loc["Défis", "Constat"] == "identique"


def test_page_shows_the_figures() -> None:
    at = AppTest.from_file(PAGE, default_timeout=90).run()
    assert not at.exception
    assert [e.value for e in at.error] == []
    text = " ".join(plain(m.value) for m in at.markdown)
    assert "passe de 0 % dans EIG 1 à 34 % dans EIG 4" in text
    assert "EIG 4 est la plus nombreuse avec 41 EIG" in text
    assert at.multiselect(key="promotion").value == ["EIG 1", "EIG 2", "EIG 3", "DIG", "EIG 4"]


def test_query_params_preset_the_filters() -> None:
    at = AppTest.from_file(PAGE, default_timeout=90)
    at.query_params["promotion"] = "EIG 2"
    at.query_params["profil"] = "Data scientist"
    at.run()
    assert not at.exception
    assert at.multiselect(key="promotion").value == ["EIG 2"]
    assert at.multiselect(key="profil").value == ["data_scientist"]
    text = " ".join(plain(m.value) for m in at.markdown)
    assert "Dans EIG 2, la part des profils « data scientist » est de 50 % (14 EIG sur 28)" in (
        text
    )
    assert "13 défi(s) affiché(s)" in text


def test_invalid_query_value_is_ignored_with_a_notice() -> None:
    at = AppTest.from_file(PAGE, default_timeout=90)
    at.query_params["promotion"] = ["EIG 4", "EIG 99"]
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == []
    assert any("EIG 99" in i.value for i in at.info)
    assert at.multiselect(key="promotion").value == ["EIG 4"]
