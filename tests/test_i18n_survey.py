"""The survey figures and the three survey pages in English (`?lang=en`): question and
answer labels from the `label_en` columns, English readings, intervals, privacy reasons and
shares written the English way (« 57% »)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import duckdb

from eigdata import i18n, survey
from eigdata.storage.store import DATA_DIR
from eigdata.survey import trends
from eigdata.survey.stats import REASON_SMALL
from tests.in_english import english_page
from tests.test_survey_pages import page_text
from widgets import survey as sw

ROOT = Path(__file__).resolve().parent.parent
CAMPAIGN = "enquete-2019"
SMALL_EN = "Fewer than 5 respondents in this group: figure not shown."
STAY_EN = "57% (95% CI: 37% to 76%; 12 of 21 respondents)"


def english_labels(table: str, key: str) -> dict[str, str]:
    """label_en of a shipped CSV by its key column (the first row of a key wins)."""
    with (DATA_DIR / f"{table}.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    labels: dict[str, str] = {}
    for row in rows:
        labels.setdefault(row[key], row["label_en"])
    return labels


# --- eigdata.survey and widgets.survey in English ---------------------------------------------


def test_every_survey_label_has_its_english_text() -> None:
    for table in ("survey_questions", "survey_answer_options", "survey_questionnaires"):
        with (DATA_DIR / f"{table}.csv").open(encoding="utf-8") as handle:
            assert [r for r in csv.DictReader(handle) if not r["label_en"].strip()] == []


def test_questions_come_with_their_english_label(
    con: duckdb.DuckDBPyConnection, english: None
) -> None:
    questions = survey.questions(con, CAMPAIGN).set_index("question_id")
    labels = english_labels("survey_questions", "question_id")
    assert questions["label"].to_dict() == {q: labels[q] for q in questions.index}
    assert questions.loc["intention_admin_avant", "label"] == (
        "Before the programme, did you intend to work in the public administration?"
    )
    assert questions.loc["outils_maintenus", "questionnaires"] == (
        "Questionnaire for the fellows (EIG); Questionnaire for the mentors"
    )
    assert questions.loc["outils_maintenus", "label_fr"] == (
        "La réalisation du défi est-elle maintenue aujourd'hui ?"
    )


def test_answers_and_filters_in_english(con: duckdb.DuckDBPyConnection, english: None) -> None:
    frame = survey.distribution(con, CAMPAIGN, "intention_admin_apres", survey.Filters(["eig"]))
    assert frame["label"].tolist() == ["Yes", "No", "Don't know", "No answer"]
    assert frame["answer"].tolist() == ["oui", "non", "ne_sait_pas", "sans_reponse"]
    values = survey.filter_values(con, CAMPAIGN)
    assert values["promotion"] == {"EIG 1": "EIG class 1", "EIG 2": "EIG class 2"}
    assert values["profile"]["developer"] == "Developer"
    assert values["profile"]["sans_objet"] == "Not applicable (mentors)"


def test_privacy_reason_in_english_and_in_french(con: duckdb.DuckDBPyConnection) -> None:
    designers = survey.Filters(["eig"], None, ["designer"])
    i18n.use("en")
    got = survey.share(con, CAMPAIGN, "intention_admin_apres", ["oui"], designers)
    assert got.suppressed and got.reason == SMALL_EN
    i18n.use("fr")
    got = survey.share(con, CAMPAIGN, "intention_admin_apres", ["oui"], designers)
    assert got.reason == REASON_SMALL


def test_share_text_and_reading_in_english(con: duckdb.DuckDBPyConnection, english: None) -> None:
    got = survey.share(con, CAMPAIGN, "intention_admin_apres", ["oui"], survey.Filters(["eig"]))
    assert sw.share_text(got) == STAY_EN
    frame = trends.share_by_campaign(con, "intention_admin_apres", ["oui"], survey.Filters(["eig"]))
    assert trends.trend_reading(frame, "Wish to stay") == (
        "Wish to stay: 57% (2019, 12 of 21); only one campaign asks this question, no change "
        "to show yet."
    )
    assert frame["campaign_label"].tolist() == ["2019 (reconstructed)"]


def test_points_follow_the_english_plural(english: None) -> None:
    assert [trends.points_text(p) for p in (0.2, 1.4, 13.0, -3.2)] == [
        "0 points",
        "+1 point",
        "+13 points",
        "\u22123 points",
    ]
    i18n.use("fr")
    assert [trends.points_text(p) for p in (0.2, 1.4)] == ["0 point", "+1 point"]


# --- the pages with ?lang=en ------------------------------------------------------------------


def test_explorer_in_english_shows_label_en_and_an_english_reading() -> None:
    question = "Did you call on the expertise of Etalab team members?"
    at = english_page("enquetes", question=question, promotion="EIG class 2")
    assert at.title[0].value == "Surveys"
    chosen = at.selectbox(key="question")
    assert chosen.label == "Question" and chosen.value == "expertise_etalab"
    labels = english_labels("survey_questions", "question_id")
    assert chosen.options[:2] == [labels["intention_admin_avant"], labels["intention_admin_apres"]]
    text = page_text(at)
    assert (
        "Of the 14 selected respondents who answered, the most frequent answer is “Yes”: 71% "
        "(95% confidence interval: 45% to 88%)."
    ) in text
    assert "Asked in: Questionnaire for the fellows (EIG) — question type: yes / no." in text
    assert "26 of the 26 rates published by the report are found again" in text
    answers = at.dataframe[0].value
    assert list(answers.columns) == [
        "Answer",
        "Count",
        "Respondents (n)",
        "Share",
        "95% CI (Wilson)",
        "Remark",
    ]
    assert answers.iloc[0].tolist() == ["Yes", "10", "14", "71%", "45% to 88%", ""]
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert spec["layout"]["xaxis"]["title"]["text"] == "Share of respondents"


def test_careers_in_english_show_57_percent_and_the_reading() -> None:
    at = english_page("trajectoires")
    assert at.title[0].value == "Careers"
    assert at.header[0].value == "Before and after the challenge"
    assert [m.value for m in at.metric][:2] == ["15%", "57%"]
    assert at.metric[1].label == "Wish to stay after the challenge"
    text = page_text(at)
    assert STAY_EN in text
    assert (
        "Before the programme, 15% of the EIG who answered considered working in the "
        "administration; after their challenge, 57% wish to stay: 3 already wanted to, 9 changed "
        "their minds (coloured flows)."
    ) in text
    assert "Privacy: no figure is shown for a group of fewer than 5 respondents" in text
    situation = english_labels("survey_answer_options", "answer")
    assert (
        f"the most frequent answer is “{situation['administration_autre']}”: 30% "
        "(95% confidence interval: 15% to 52%)."
    ) in text


def test_careers_filtered_on_designers_give_the_english_reason() -> None:
    at = english_page("trajectoires", profil="Designer")
    assert [m.value for m in at.metric][:2] == ["—", "—"]
    assert SMALL_EN in page_text(at)


def test_production_in_english() -> None:
    at = english_page("production")
    assert at.title[0].value == "Tools in production"
    assert [m.value for m in at.metric] == ["70%"]
    text = page_text(at)
    assert "No answer: 1 mentor(s), left out of the shares." in text
    assert (
        "The share of deliverables in production is highest for EIG class 2: 57% of the 7 "
        "mentors who answered."
    ) in text
    assert (
        "Of the 12 mentors who answered, the most frequent answer is “In production”: 50%" in text
    )
    headers = ["Cohort", "Share", "95% CI (Wilson)", "Count", "Remark"]
    maintained = next(f.value for f in at.dataframe if list(f.value.columns) == headers)
    assert maintained.to_dict("records") == [
        {
            "Cohort": "EIG class 1",
            "Share": "50%",
            "95% CI (Wilson)": "25% to 75%",
            "Count": "6 of 12",
            "Remark": "",
        },
        {
            "Cohort": "EIG class 2",
            "Share": "81%",
            "95% CI (Wilson)": "60% to 92%",
            "Count": "17 of 21",
            "Remark": "",
        },
    ]
