"""Survey answers from one campaign to the next: the trend functions on the shipped data
(one campaign, 2019) and with two more campaigns of exactly known answers
(tests/survey_campaigns.py), and the three survey pages (AppTest) on both."""

from __future__ import annotations

import base64
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from eigdata import survey
from eigdata.formatting import plain
from eigdata.storage.store import DATA_DIR, DATA_DIR_ENV, connect, ensure_database
from eigdata.survey import trends
from eigdata.survey.stats import REASON_EMPTY, REASON_SMALL, REASON_SPLIT
from tests.survey_campaigns import CAMPAIGNS, TITLE_2021, TITLE_2022, add_campaigns, append_rows
from tests.test_survey_pages import page_text
from widgets import survey as sw

ROOT = Path(__file__).resolve().parent.parent
TITLE_2019 = "Enquête 2019 — promotions 1 et 2"
EIG = survey.Filters(["eig"])
MOVE_19_21 = "de 57 % (2019, 12 sur 21) à 70 % (2021, 14 sur 20) : +13 points"
MOVE_21_22 = "de 70 % (2021, 14 sur 20) à 67 % (2022, 8 sur 12) : \u22123 points"
# campaign, measure, n, denominator, share, low, high (3 decimals), written out by hand.
INTENTIONS = [
    ("enquete-2019", "avant", 3, 20, 0.15, 0.052, 0.360),
    ("enquete-2019", "apres", 12, 21, 0.571, 0.365, 0.755),
    ("enquete-2021", "avant", 6, 19, 0.316, 0.154, 0.540),
    ("enquete-2021", "apres", 14, 20, 0.7, 0.481, 0.855),
    ("enquete-2022", "avant", 4, 12, 0.333, 0.138, 0.609),
    ("enquete-2022", "apres", 8, 12, 0.667, 0.391, 0.862),
]
# campaign, answer, n, denominator, share, low, high for « souhaitez-vous rester ».
STAY_ANSWERS = [
    ("enquete-2019", "oui", 12, 21, 0.571, 0.365, 0.755),
    ("enquete-2019", "non", 4, 21, 0.190, 0.077, 0.400),
    ("enquete-2019", "ne_sait_pas", 5, 21, 0.238, 0.106, 0.451),
    ("enquete-2021", "oui", 14, 20, 0.7, 0.481, 0.855),
    ("enquete-2021", "non", 4, 20, 0.2, 0.081, 0.416),
    ("enquete-2021", "ne_sait_pas", 2, 20, 0.1, 0.028, 0.301),
    ("enquete-2022", "oui", 8, 12, 0.667, 0.391, 0.862),
    ("enquete-2022", "non", 3, 12, 0.25, 0.089, 0.532),
    ("enquete-2022", "ne_sait_pas", 1, 12, 0.083, 0.015, 0.354),
]
MAINTAINED = [
    ("enquete-2019", 23, 33, 0.697, 0.527, 0.826),
    ("enquete-2021", 15, 20, 0.75, 0.531, 0.888),
    ("enquete-2022", 14, 20, 0.7, 0.481, 0.855),
]


@pytest.fixture(scope="module")
def campaigns_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the shipped data with the 2021 and 2022 campaigns, its database built."""
    folder = tmp_path_factory.mktemp("campaigns")
    for csv in DATA_DIR.glob("*.csv"):
        shutil.copy(csv, folder / csv.name)
    add_campaigns(folder)
    ensure_database(folder)
    return folder


@pytest.fixture(scope="module")
def con3(campaigns_dir: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = connect(ensure_database(campaigns_dir))
    yield connection
    connection.close()


@pytest.fixture
def campaigns(campaigns_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The pages read the folder with three campaigns."""
    monkeypatch.setenv(DATA_DIR_ENV, str(campaigns_dir))
    return campaigns_dir


def run_page(page: str, **params: str | list[str]) -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / page), default_timeout=90)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == []
    return at


def figures_of(frame: pd.DataFrame, keys: list[str]) -> list[tuple]:
    """Rows as (keys…, n, denominator, share, low, high), rounded to 3 decimals."""
    return [
        (
            *(row[k] for k in keys),
            int(row["n"]),
            int(row["denominator"]),
            *(round(float(row[c]), 3) for c in ("share", "low", "high")),
        )
        for row in frame.to_dict("records")
    ]


def trend_table(at: AppTest) -> pd.DataFrame:
    """The accessible table of the comparison (its first column is « Campagne »)."""
    return next(d.value for d in at.dataframe if list(d.value.columns)[:1] == ["Campagne"])


def trend_bars(at: AppTest) -> dict[str, dict[str, float]]:
    """The comparison chart: per series, campaign label -> share in % (1 decimal)."""
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        if spec["layout"].get("xaxis", {}).get("type") == "category":  # campaigns on x
            return {
                trace["name"]: dict(zip(trace["x"], _numbers(trace["y"]), strict=True))
                for trace in spec["data"]
            }
    raise AssertionError("no comparison chart")


def _numbers(values: dict | list) -> list[float]:
    if isinstance(values, dict):  # plotly's binary encoding of numeric arrays
        values = np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"])
    return [round(float(v), 1) for v in values]


# --- shipped data: the single 2019 campaign --------------------------------------------------


def test_shipped_data_give_the_2019_campaign_alone(con) -> None:
    frame = trends.intention_by_campaign(con, EIG)
    assert figures_of(frame, ["campaign", "measure"]) == INTENTIONS[:2]
    assert frame["campaign_label"].tolist() == ["2019 (reconstituée)"] * 2
    assert frame["reason"].isna().all()
    stay = trends.question_by_campaign(con, "intention_admin_apres")
    assert figures_of(stay, ["campaign", "answer"]) == STAY_ANSWERS[:3]
    assert figures_of(trends.maintained_by_campaign(con), ["campaign"]) == MAINTAINED[:1]
    assert trends.movements(frame[frame["measure"] == "apres"]).empty


def test_shipped_readings_say_there_is_one_campaign(con) -> None:
    stay = trends.intention_by_campaign(con, EIG).query("measure == 'apres'")
    assert plain(trends.trend_reading(stay, "Souhaitent rester")) == (
        "Souhaitent rester : 57 % (2019, 12 sur 21) ; une seule campagne pose cette question, "
        "pas encore d'évolution à montrer."
    )
    reading = plain(trends.question_reading(trends.question_by_campaign(con, "outils_maintenus")))
    assert reading == (
        "Part des répondants ayant répondu « Oui » : 70 % (23 sur 33) en 2019 (reconstituée). "
        "Une seule campagne pose cette question : pas encore d'évolution à montrer."
    )


def test_shipped_enquetes_page_compares_one_campaign() -> None:
    at = run_page("enquetes.py")
    text = page_text(at)
    assert "Évolution d'une campagne à l'autre" in text
    assert (
        "Part des répondants ayant répondu « Non » : 45 % (9 sur 20) en 2019 (reconstituée)" in text
    )
    table = trend_table(at)
    assert table["Campagne"].tolist() == ["2019 (reconstituée)"] * 3
    assert [plain(v) for v in table["Part"]] == ["15 %", "45 %", "40 %"]
    assert table["Effectif"].tolist() == ["3 sur 20", "9 sur 20", "8 sur 20"]


def test_shipped_trajectoires_page_keeps_2019_and_adds_the_evolution() -> None:
    at = run_page("trajectoires.py")
    assert [plain(m.value) for m in at.metric][:2] == ["15 %", "57 %"]
    text = page_text(at)
    assert "Évolution entre campagnes" in text
    assert (
        "qui souhaitent rester dans l'administration : 57 % (2019, 12 sur 21) ; une seule" in text
    )


def test_shipped_production_page_shows_the_maintained_share_per_campaign() -> None:
    at = run_page("production.py")
    text = page_text(at)
    assert "Part des réalisations maintenues : 70 % (2019, 23 sur 33) ; une seule campagne" in text
    table = trend_table(at)
    assert table.to_dict("records") == [
        {
            "Campagne": "2019 (reconstituée)",
            "Part": "70\u202f%",
            "IC 95 % (Wilson)": "53\u202f% à 83\u202f%",
            "Effectif": "23 sur 33",
            "Remarque": "",
        }
    ]


# --- three campaigns --------------------------------------------------------------------------


def test_every_campaign_is_listed_newest_first(con3) -> None:
    frame = survey.campaigns(con3)
    assert frame["title"].tolist() == [TITLE_2022, TITLE_2021, TITLE_2019]
    assert frame[["respondents_eig", "respondents_mentor"]].values.tolist() == [
        [12, 8],
        [20, 0],  # only the EIG questionnaire
        [21, 13],
    ]


def test_exact_intentions_per_campaign(con3) -> None:
    frame = trends.intention_by_campaign(con3, EIG)
    assert figures_of(frame, ["campaign", "measure"]) == INTENTIONS
    assert frame["campaign_label"].unique().tolist() == ["2019 (reconstituée)", "2021", "2022"]


def test_exact_answers_per_campaign(con3) -> None:
    frame = trends.question_by_campaign(con3, "intention_admin_apres", None)
    assert figures_of(frame, ["campaign", "answer"]) == STAY_ANSWERS
    assert list(frame.columns) == [
        *["campaign", "title", "year", "reconstructed", "campaign_label", "answer", "label"],
        *["n", "denominator", "share", "low", "high", "reason"],
    ]
    assert frame["year"].unique().tolist() == [2019, 2021, 2022]
    # A question the 2022 campaign did not ask: 2019 and 2021 only.
    etalab = trends.question_by_campaign(con3, "expertise_etalab")
    assert figures_of(etalab[etalab["answer"] == "oui"], ["campaign"]) == [
        ("enquete-2019", 11, 21, 0.524, 0.324, 0.717),
        ("enquete-2021", 8, 20, 0.4, 0.219, 0.613),
    ]


def test_exact_maintained_share_per_campaign(con3) -> None:
    frame = trends.maintained_by_campaign(con3)
    assert figures_of(frame, ["campaign"]) == MAINTAINED
    assert plain(trends.trend_reading(frame, "Maintenues")) == (
        "Maintenues, d'une campagne à l'autre : de 70 % (2019, 23 sur 33) à 75 % (2021, 15 sur "
        "20) : +5 points ; de 75 % (2021, 15 sur 20) à 70 % (2022, 14 sur 20) : \u22125 points."
    )


def test_movement_between_consecutive_campaigns(con3) -> None:
    stay = trends.intention_by_campaign(con3, EIG).query("measure == 'apres'")
    moves = trends.movements(stay)
    assert moves[["from_campaign", "to_campaign"]].values.tolist() == [
        ["enquete-2019", "enquete-2021"],
        ["enquete-2021", "enquete-2022"],
    ]
    assert moves["from_label"].tolist() == ["2019 (reconstituée)", "2021"]
    assert [round(p, 2) for p in moves["points"]] == [12.86, -3.33]
    assert [plain(s) for s in moves["sentence"]] == [MOVE_19_21, MOVE_21_22]


POINTS = [
    (12.857, "+13 points"),
    (-3.33, "\u22123 points"),
    (0.4, "0 point"),
    (-0.4, "0 point"),
    (0.5, "+1 point"),
    (1.49, "+1 point"),
    (-1.6, "\u22122 points"),
]


@pytest.mark.parametrize(("points", "text"), POINTS)
def test_points_are_rounded_and_signed(points: float, text: str) -> None:
    assert trends.points_text(points) == text


def test_a_small_group_shows_its_reason_and_no_number(con3) -> None:
    dig = trends.intention_by_campaign(con3, survey.Filters(["eig"], ["DIG"]))
    assert dig["reason"].tolist() == [REASON_EMPTY] * 4 + [REASON_SMALL] * 2
    assert dig[["n", "denominator"]].isna().all().all()
    assert dig[["share", "low", "high"]].isna().all().all()
    moves = trends.movements(dig[dig["measure"] == "apres"])
    assert moves["points"].isna().all()
    assert plain(moves["sentence"].iloc[1]) == (
        "de — (2021, chiffre non affiché) à — (2022, chiffre non affiché) : évolution non calculée"
    )
    # EIG 4 alone in 2022 would let the 3 DIG respondents be deduced by difference.
    eig4 = trends.question_by_campaign(
        con3, "intention_admin_apres", survey.Filters(None, ["EIG 4"])
    )
    assert eig4.groupby("campaign")["reason"].first().to_dict() == {
        "enquete-2019": REASON_EMPTY,
        "enquete-2021": None,
        "enquete-2022": REASON_SPLIT,
    }
    shown = eig4[eig4["campaign"] == "enquete-2021"]
    assert figures_of(shown, ["answer"])[0] == ("oui", 5, 8, 0.625, 0.306, 0.863)


def test_download_holds_aggregates_only(con3) -> None:
    frame = trends.question_by_campaign(
        con3, "intention_admin_apres", survey.Filters(None, ["DIG"])
    )
    export = sw.trend_export(frame, "intention_admin_apres")
    assert list(export.columns) == [
        *["campaign", "title", "year", "question", "answer", "label", "n", "denominator"],
        *["share", "low", "high", "note", "privacy"],
    ]
    assert len(export) == 9 and export["question"].eq("intention_admin_apres").all()
    assert export["note"].tolist() == [survey.RECONSTRUCTED_LABEL] * 3 + [""] * 6
    assert export["privacy"].tolist() == [REASON_EMPTY] * 6 + [REASON_SMALL] * 3
    assert export["n"].isna().all()
    assert not any("R-EIG" in str(v) for v in export.to_numpy().ravel())


def test_enquetes_page_compares_campaigns(campaigns: Path) -> None:
    label = "Après votre défi, souhaitez-vous continuer à travailler dans l'administration ?"
    at = run_page("enquetes.py", question=label)
    assert at.selectbox(key="campagne").options == [TITLE_2022, TITLE_2021, TITLE_2019]
    assert at.selectbox(key="campagne").value == "enquete-2022"
    text = page_text(at)
    assert (
        "Part des répondants ayant répondu « Oui » : 57 % (12 sur 21) en 2019 (reconstituée), "
        "70 % (14 sur 20) en 2021, 67 % (8 sur 12) en 2022."
    ) in text
    table = trend_table(at)
    assert table["Campagne"].tolist() == ["2019 (reconstituée)"] * 3 + ["2021"] * 3 + ["2022"] * 3
    assert table["Effectif"].tolist()[::3] == ["12 sur 21", "14 sur 20", "8 sur 12"]
    assert [plain(v) for v in table["IC 95 % (Wilson)"]][::3] == [
        "37 % à 76 %",
        "48 % à 85 %",
        "39 % à 86 %",
    ]
    assert "26 des 26 taux publiés" not in text  # only the 2019 campaign rebuilds a report


def test_enquetes_page_hides_a_small_group_in_every_campaign(campaigns: Path) -> None:
    at = run_page("enquetes.py", campagne=TITLE_2022, promotion="DIG")
    table = trend_table(at)
    assert table["Remarque"].tolist() == [REASON_EMPTY] * 6 + [REASON_SMALL] * 3
    assert set(table["Part"]) == {"—"} and set(table["Effectif"]) == {"masqué"}
    assert "Aucune campagne ne compte assez de répondants" in page_text(at)


def test_campaign_url_parameter_selects_2021(campaigns: Path) -> None:
    at = run_page("trajectoires.py", campagne=TITLE_2021)
    assert at.selectbox(key="campagne").value == "enquete-2021"
    assert [plain(m.value) for m in at.metric][:2] == ["32 %", "70 %"]
    text = page_text(at)
    assert "Enquête 2021 — promotions 3 et 4 : 20 EIG sur 31 ont répondu." in text
    assert f"{MOVE_19_21} ; {MOVE_21_22}." in text
    moves = next(d.value for d in at.dataframe if "Évolution" in d.value.columns)
    assert moves["D'une campagne à l'autre"].tolist() == [
        "2019 (reconstituée) → 2021",
        "2021 → 2022",
    ]
    assert [plain(v) for v in moves["Évolution"]] == ["+13 points", "\u22123 points"]
    assert trend_bars(at) == {
        "Envisageaient l'administration avant le programme": {
            "2019 (reconstituée)": 15.0,
            "2021": 31.6,
            "2022": 33.3,
        },
        "Souhaitent rester dans l'administration après le défi": {
            "2019 (reconstituée)": 57.1,
            "2021": 70.0,
            "2022": 66.7,
        },
    }


def test_2019_figures_unchanged_beside_other_campaigns(campaigns: Path) -> None:
    at = run_page("trajectoires.py", campagne=TITLE_2019)
    assert at.selectbox(key="campagne").value == "enquete-2019"
    assert [plain(m.value) for m in at.metric][:2] == ["15 %", "57 %"]
    assert "57 % (IC 95 % : 37 % à 76 % ; 12 sur 21 répondants)" in page_text(at)
    production = run_page("production.py", campagne=TITLE_2019)
    assert "70 %" in [plain(m.value) for m in production.metric]
    assert "Sans réponse : 1 mentor(s)" in page_text(production)
    explorer = run_page("enquetes.py", campagne=TITLE_2019)
    assert "26 des 26 taux publiés" in page_text(explorer)


def test_production_page_with_a_campaign_without_mentors(campaigns: Path) -> None:
    at = run_page("production.py", campagne=TITLE_2021)
    assert REASON_EMPTY in [i.value for i in at.info]
    assert "75 %" in [plain(m.value) for m in at.metric]
    table = trend_table(at)
    assert table["Effectif"].tolist() == ["23 sur 33", "15 sur 20", "14 sur 20"]
    assert "de 70 % (2019, 23 sur 33) à 75 % (2021, 15 sur 20) : +5 points" in page_text(at)


@pytest.mark.parametrize("page", ["enquetes.py", "trajectoires.py", "production.py"])
def test_a_campaign_without_answers_yet_renders(
    page: str, fresh_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_campaigns(fresh_data)
    planned = {**CAMPAIGNS[1], "campaign": "enquete-2023", "title": "Enquête 2023", "year": "2023"}
    append_rows(fresh_data, "survey_campaigns", [planned])
    ensure_database(fresh_data)
    monkeypatch.setenv(DATA_DIR_ENV, str(fresh_data))
    at = run_page(page)
    assert at.selectbox(key="campagne").value == "enquete-2023"
    assert "Enquête 2023 : 0 EIG sur 16 et 0 mentors sur 12 ont répondu." in page_text(at)
    assert at.info[0].value in (
        "Aucune réponse n'est enregistrée pour cette campagne.",
        REASON_EMPTY,
    )
