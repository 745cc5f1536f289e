"""The « Comparaison internationale » page: the shipped figures of the May 2019 note, the
conversion to euros, « non publié » never counted as zero, the EIG row following the data,
and the page itself."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from eigdata import international as intl
from eigdata.errors import ValidationFailed
from eigdata.formatting import plain
from eigdata.storage.store import (
    DATA_DIR,
    DATA_DIR_ENV,
    build_database,
    connect,
    validate_directory,
)
from tests.survey_campaigns import add_campaigns, append_rows

ROOT = Path(__file__).resolve().parent.parent
PAGE = str(ROOT / "pages" / "international.py")
NOTE = "001_8738acf5a87f4d78.txt"
ECB = "bce-taux-reference-2019-05-31"


def read(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def figure(programme: str, indicator: str, period: str) -> dict[str, str]:
    rows = [
        r
        for r in read("international_figures.csv")
        if (r["programme"], r["indicator"], r["period"]) == (programme, indicator, period)
    ]
    assert len(rows) == 1
    return rows[0]


@pytest.fixture(scope="module")
def found(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return intl.cells(con)


def cell(found: pd.DataFrame, row: str, indicator: str) -> pd.Series:
    picked = found[(found["row"] == row) & (found["indicator"] == indicator)]
    assert len(picked) == 1
    return picked.iloc[0]


def texts(found: pd.DataFrame, row: str) -> dict[str, str]:
    picked = found[found["row"] == row]
    return dict(zip(picked["indicator"], picked["text"].map(plain), strict=True))


# --- The shipped CSVs ------------------------------------------------------------------


def test_the_notes_figures_are_stored_as_published() -> None:
    assert {
        k: figure("pif", "fellows_stayed", "2012-2018")[k] for k in ("value", "source_doc")
    } == {
        "value": "46",
        "source_doc": NOTE,
    }
    assert figure("pif", "fellows_total", "2012-2018")["value"] == "122"
    assert figure("cfc", "candidates", "2019")["value"] == "334"
    assert figure("cfc", "fellows_per_year", "2019")["value"] == "12"
    pay = figure("cfc", "annual_pay", "2019")
    assert (pay["value"], pay["currency"], pay["eur_published"]) == ("75000", "CAD", "50000")
    dta = figure("dta", "stayed_share", "2007-2019")
    assert (dta["value"], dta["qualifier"], dta["unit"]) == ("0.7", ">", "part")
    pif_pay = figure("pif", "annual_pay", "2019")
    assert (pif_pay["value"], pif_pay["value_max"], pif_pay["currency"]) == (
        "134789",
        "164200",
        "USD",
    )
    assert figure("dta", "fellows_total", "2007-2019")["qualifier"] == "≈"


def test_every_amount_names_its_currency_and_nothing_else_does() -> None:
    rows = read("international_figures.csv")
    amounts = [r for r in rows if r["unit"].startswith("montant")]
    assert len(amounts) == 11
    assert all(r["currency"] for r in amounts)
    assert [r for r in rows if r["currency"] and not r["unit"].startswith("montant")] == []
    assert {r["currency"] for r in amounts} == {"EUR", "USD", "AUD", "CAD"}


def test_the_eig_published_figures_match_the_programme_figures() -> None:
    scope = "EIG 1 à EIG 3"
    programme = {
        r["indicator"]: r
        for r in read("programme_figures.csv")
        if r["scope"] in (scope, "toutes promotions EIG")
    }
    assert figure("eig", "fellows_total", "2017-2019")["value"] == programme["eig"]["value"]
    assert figure("eig", "candidates", "2017-2019")["value"] == programme["candidates"]["value"]
    assert (
        figure("eig", "budget_total", "2017-2019")["value"]
        == programme["pia_budget_total"]["value"]
    )
    assert (
        figure("eig", "monthly_pay_net", "2019")["value"]
        == programme["salary_net_monthly"]["value"]
    )
    stayed = figure("eig", "stayed_share", "2017-2019")
    assert (stayed["value"], stayed["qualifier"]) == ("0.25", "≈")
    assert programme["eig_stayed_in_administration"]["approximate"] == "true"
    wished = figure("eig", "wished_share", "2019")
    assert (wished["value"], wished["qualifier"]) == ("0.57", ">")


def test_the_rates_are_the_ecb_reference_rates_of_31_may_2019() -> None:
    rates = {r["currency"]: r for r in read("international_rates.csv")}
    assert {c: r["per_euro"] for c, r in rates.items()} == {
        "USD": "1.1151",
        "AUD": "1.6136",
        "CAD": "1.5115",
    }
    assert {(r["rate_date"], r["source_doc"]) for r in rates.values()} == {("2019-05-31", ECB)}
    source = next(r for r in read("sources.csv") if r["source_doc"] == ECB)
    assert source["publisher"] == "Banque centrale européenne"
    assert "retenue par le tableau de bord" in source["title"]


def test_a_figure_of_an_unknown_programme_or_qualifier_is_refused(fresh_data: Path) -> None:
    append_rows(
        fresh_data,
        "international_figures",
        [
            {
                "programme": "gds",
                "indicator": "start_year",
                "period": "2011",
                "value": "2011",
                "qualifier": "=",
                "unit": "année",
                "source_doc": NOTE,
                "source_section": "Synthèse",
            },
            {
                "programme": "pif",
                "indicator": "candidates",
                "period": "2019",
                "value": "1000",
                "qualifier": "~",
                "unit": "personnes",
                "source_doc": NOTE,
                "source_section": "Synthèse",
            },
        ],
    )
    with pytest.raises(ValidationFailed) as raised:
        validate_directory(fresh_data)
    found = {(p.file, p.row, p.column) for p in raised.value.problems}
    assert found == {
        ("international_figures.csv", 54, "programme"),
        ("international_figures.csv", 55, "qualifier"),
    }


# --- The comparison --------------------------------------------------------------------


def test_one_row_per_programme_eig_first(found: pd.DataFrame) -> None:
    assert list(dict.fromkeys(found["label"])) == [
        "EIG — données du tableau de bord",
        "EIG — chiffres publiés (2019-2020)",
        "Presidential Innovation Fellows",
        "Code for America",
        "Digital Emerging Talents Programs (Digital Transformation Agency)",
        "Code for Australia",
        "Code for Canada",
        "Team Digitale",
        "Prototype Fund",
    ]
    assert (found.groupby("row").size() == len(intl.INDICATORS)).all()


def test_amounts_are_converted_at_the_stated_rate(found: pd.DataFrame) -> None:
    cfc = cell(found, "cfc", "annual_pay")
    assert cfc["value"] == pytest.approx(75000 / 1.5115)
    assert (plain(cfc["text"]), cfc["status"]) == ("49 620 € (75 000 $ CA ; 2019)", "publié")
    assert "la source donne ≈ 50 000 €" in plain(cfc["detail"])
    pif = cell(found, "pif", "annual_pay")
    assert (pif["value"], pif["high"]) == (
        pytest.approx(134789 / 1.1151),
        pytest.approx(164200 / 1.1151),
    )
    assert plain(pif["text"]) == "120 876 à 147 251 € (134 789 à 164 200 $ US ; 2019)"
    assert pif["status"] == "fourchette"
    cfa = cell(found, "cfa", "budget")
    assert cfa["value"] == pytest.approx(16_000_000 / 1.1151)
    assert plain(cfa["text"]) == "≈ 14 348 489 € (≈ 16 000 000 $ US ; budget annuel ; 2017)"
    dta = cell(found, "dta", "budget")
    assert plain(dta["text"]) == (
        "5 268 à 14 874 € (8 500 à 24 000 $ AU ; coût par participant et par an ; 2019)"
    )
    td = cell(found, "td", "budget")
    assert (td["value"], plain(td["text"])) == (
        1970000,
        "1 970 000 € (budget annuel des salaires ; 2019)",
    )


def test_conversion_sentence_states_rates_date_and_source(con: duckdb.DuckDBPyConnection) -> None:
    assert plain(intl.conversion(con)) == (
        "Montants convertis en euros par le tableau de bord : 1 € = 1,6136 $ AU ; "
        "1 € = 1,5115 $ CA ; 1 € = 1,1151 $ US (taux du 31 mai 2019 ; source : Taux de "
        "référence de l'euro (BCE), 31 mai 2019)."
    )


def test_each_cell_says_its_nature(found: pd.DataFrame) -> None:
    stayed = {row: plain(cell(found, row, "stayed")["text"]) for row in ("pif", "dta", "eig")}
    assert stayed == {
        "pif": "38 % (46 sur 122 ; 2012-2018)",
        "dta": "plus de 70 % (2007-2019)",
        "eig": "≈ 25 % (2017-2019)",
    }
    statuses = {row: cell(found, row, "stayed")["status"] for row in ("pif", "dta", "eig")}
    assert statuses == {"pif": "calculé", "dta": "borne", "eig": "approché"}
    assert cell(found, "pif", "stayed")["value"] == pytest.approx(46 / 122)
    cfc = cell(found, "cfc", "selectivity")
    assert (cfc["value"], cfc["status"]) == (pytest.approx(334 / 12), "calculé")
    assert plain(cfc["text"]) == "27,8 (334 candidats pour 12 places ; 2019)"
    cfa = cell(found, "cfa", "selectivity")
    assert (cfa["value"], cfa["high"], cfa["status"]) == (pytest.approx(10), 20, "fourchette")
    assert plain(cfa["text"]) == "10 à 20 (5 à 10 % des candidats retenus ; 2019)"
    assert plain(cell(found, "eig", "wished")["text"]) == "plus de 57 % (2019)"
    assert cell(found, "eig", "wished")["status"] == "borne"
    assert plain(cell(found, "pif", "fellows_per_year")["text"]) == "15 à 20 (2012-2019)"
    assert plain(cell(found, "cfa", "fellows_per_year")["text"]) == "8 (2018)"
    assert plain(cell(found, "cfau", "duration_months")["text"]) == "6 à 12 mois (2019)"


def test_unpublished_cells_have_no_value_never_zero(found: pd.DataFrame) -> None:
    unknown = found[found["status"].isin(["non publié", "sans objet"])]
    assert len(unknown) == 35
    assert unknown["value"].isna().all() and unknown["high"].isna().all()
    assert set(unknown["text"]) == {"non publié", "sans objet"}
    assert (found["value"].dropna() > 0).all()
    assert texts(found, "cfau") == {
        "start_year": "non publié",
        "fellows_per_year": "non publié",
        "duration_months": "6 à 12 mois (2019)",
        "annual_pay": "non publié",
        "budget": "non publié",
        "selectivity": "non publié",
        "stayed": "non publié",
        "wished": "non publié",
        "funding": "non publié",
        "employer": "association",
    }
    assert cell(found, "td", "fellows_per_year")["status"] == "sans objet"
    assert cell(found, "pf", "duration_months")["text"] == "6\u202fmois (2019)"


def test_charts_leave_unpublished_programmes_out_and_say_so(found: pd.DataFrame) -> None:
    frame = intl.chart_frame(found, "annual_pay")
    assert frame["label"].tolist() == [
        "EIG — données du tableau de bord",
        "EIG — chiffres publiés (2019-2020)",
        "Presidential Innovation Fellows",
        "Code for Canada",
    ]
    assert frame["value"].round().tolist() == [48000, 48000, 120876, 49620]
    assert frame["high"].round().tolist() == [48000, 48000, 147251, 49620]
    reading = plain(intl.chart_reading(found, "annual_pay", intl.euros))
    assert reading == (
        "Programme EIG, d'après les données du tableau de bord : 48 000 € nets (4 000 € nets "
        "par mois × 12) ; à l'étranger, de 49 620 € (Code for Canada) à 147 251 € "
        "(Presidential Innovation Fellows). Non publié : Code for America, Digital Emerging "
        "Talents Programs (Digital Transformation Agency), Code for Australia ; Sans objet : "
        "Team Digitale, Prototype Fund — ces programmes sont absents du graphique, pas à zéro."
    )


def test_the_eig_row_is_computed_from_the_data(found: pd.DataFrame) -> None:
    live = texts(found, intl.LIVE)
    assert live == {
        "start_year": "2017",
        "fellows_per_year": "41 (2020 ; EIG 4)",
        "duration_months": "10 mois",
        "annual_pay": "48 000 € nets (4 000 € nets par mois × 12)",
        "budget": "5 134 558 € (budget cumulé ; EIG 1, EIG 2, EIG 3 ; dont prévisionnel : "
        "EIG 3 ; 2017-2019)",
        "selectivity": "6,9 (493 candidats pour 71 EIG ; EIG 1, EIG 2, EIG 3)",
        "stayed": "55 % (11 sur 20 EIG répondants travaillent dans l'administration ; 2019)",
        "wished": "57 % (12 sur 21 EIG répondants souhaitent y rester ; 2019)",
        "funding": "public",
        "employer": "administration",
    }
    assert set(found.loc[found["row"] == intl.LIVE, "status"]) == {"calculé", "publié"}
    assert plain(cell(found, intl.LIVE, "fellows_per_year")["detail"]) == (
        "par année : 2017 : 11 ; 2018 : 28 ; 2019 : 52 ; 2020 : 41"
    )
    assert cell(found, intl.LIVE, "duration_months")["detail"] == "durée non uniforme pour DIG"


def with_new_promotion(folder: Path) -> Path:
    """EIG 5 (2021) as a season import would add it: its source, promotion and figures."""
    append_rows(
        folder,
        "sources",
        [
            {
                "source_doc": "feuille-eig5.xlsx",
                "short_title": "Feuille de la promotion EIG 5",
                "title": "Feuille de la promotion EIG 5",
                "publisher": "DINUM (programme EIG)",
                "published": "2021-09",
                "language": "fr",
            }
        ],
    )
    append_rows(
        folder,
        "promotions",
        [
            {
                "promotion": "EIG 5",
                "programme": "EIG",
                "year": "2021",
                "sort_order": "6",
                "duration_months": "12",
                "start_month": "2021-09",
                "source_doc": "feuille-eig5.xlsx",
                "source_section": "Feuille de promotion",
            }
        ],
    )
    append_rows(
        folder,
        "promotion_figures",
        [
            {
                "promotion": "EIG 5",
                "indicator": indicator,
                "value": value,
                "source_doc": "feuille-eig5.xlsx",
                "source_section": "Feuille de promotion",
            }
            for indicator, value in (("eig", "50"), ("candidates", "400"))
        ],
    )
    return folder


def test_the_eig_row_moves_with_imported_promotions_and_campaigns(fresh_data: Path) -> None:
    add_campaigns(with_new_promotion(fresh_data))
    with connect(build_database(fresh_data)) as con:
        moved = intl.cells(con)
    live = texts(moved, intl.LIVE)
    assert live["fellows_per_year"] == "50 (2021 ; EIG 5)"
    assert live["selectivity"] == "7,4 (893 candidats pour 121 EIG ; EIG 1, EIG 2, EIG 3, EIG 5)"
    assert cell(moved, intl.LIVE, "selectivity")["value"] == pytest.approx(893 / 121)
    assert live["duration_months"] == "10 à 12 mois"
    assert live["wished"] == "67 % (8 sur 12 EIG répondants souhaitent y rester ; 2022)"
    assert live["stayed"] == (
        "55 % (11 sur 20 EIG répondants travaillent dans l'administration ; 2019)"
    )
    published = texts(moved, intl.EIG)
    assert (published["fellows_per_year"], published["selectivity"]) == (
        "32 (2019)",
        "6,9 (493 candidats pour 71 places ; 2017-2019)",
    )


def test_detail_table_keeps_numbers_and_sources(found: pd.DataFrame) -> None:
    detail = intl.detail_table(found)
    row = detail[(detail["Programme"] == "Code for Canada") & (detail["Indicateur"] == "Durée")]
    assert row[["Valeur", "Unité", "Nature", "Période"]].values.tolist() == [
        [10.0, "mois", "publié", "2019"]
    ]
    assert row["Source"].iloc[0] == (
        "Note sur les programmes étrangers, mai 2019, Code For Canada, Canada — Quels types "
        "de projets ?"
    )
    table = intl.table(found)
    assert list(table.columns) == ["Programme", "Pays", *intl.INDICATORS.values()]
    assert len(table) == 9


# --- The page --------------------------------------------------------------------------


def run_page(folder: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv(DATA_DIR_ENV, str(folder))
    return AppTest.from_file(PAGE, default_timeout=120).run()


def shown_table(at: AppTest) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if "Pays" in d.value.columns)


def test_page_shows_the_comparison(fresh_data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_page(fresh_data, monkeypatch)
    assert not at.exception
    assert [e.value for e in at.error] == []
    assert at.title[0].value == "Comparaison internationale"
    table = shown_table(at).set_index("Programme")
    assert plain(table.loc["Code for Canada", "Rémunération annuelle (€)"]) == (
        "49 620 € (75 000 $ CA ; 2019)"
    )
    assert table.loc["Code for Australia", "Fellows par an"] == "non publié"
    assert table.loc["Team Digitale", "Candidats par place"] == "sans objet"
    assert plain(table.loc["EIG — données du tableau de bord", "Fellows par an"]) == (
        "41 (2020 ; EIG 4)"
    )
    assert [s.value for s in at.subheader] == [
        "Fellows recrutés par an",
        "Rémunération annuelle en euros",
    ]
    captions = " ".join(plain(c.value) for c in at.caption)
    assert "1 € = 1,5115 $ CA" in captions and "taux du 31 mai 2019" in captions
    assert "Note sur les programmes étrangers, mai 2019" in captions
    readings = [plain(m.value) for m in at.markdown if m.value.startswith("Programme EIG")]
    assert readings[0].startswith(
        "Programme EIG, d'après les données du tableau de bord : 41 (2020 ; EIG 4) ; à "
        "l'étranger, de 8 (Code for America) à 20 (Presidential Innovation Fellows)."
    )
    assert "pas à zéro" in readings[1]


def test_page_follows_an_imported_promotion(
    fresh_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = run_page(with_new_promotion(fresh_data), monkeypatch)
    assert not at.exception and [e.value for e in at.error] == []
    table = shown_table(at).set_index("Programme")
    assert table.loc["EIG — données du tableau de bord", "Fellows par an"] == "50 (2021 ; EIG 5)"
    assert table.loc["EIG — chiffres publiés (2019-2020)", "Fellows par an"] == "32 (2019)"


def test_print_view_has_both_charts_and_the_rates(
    fresh_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(fresh_data))
    at = AppTest.from_file(PAGE, default_timeout=120)
    at.query_params["vue"] = "impression"
    at.run()
    assert not at.exception and [e.value for e in at.error] == []
    assert len(at.dataframe) == len(at.button) == 0
    assert [s.value for s in at.subheader] == [
        "Fellows recrutés par an",
        "Rémunération annuelle en euros",
    ]
    text = plain(" ".join(c.value for c in at.caption))
    assert "1 € = 1,1151 $ US" in text and "Sources : Article DINUM, juin 2020 ; " in text
