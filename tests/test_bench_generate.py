"""The benchmarks' data (bench/generate.py): a scaled data directory that validates and
builds, and a LimeSurvey export re-saved by Excel in French that the campaign import reads."""

from __future__ import annotations

import csv
import io
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from bench.generate import drifted, scaled_data, survey_export, survey_model
from eigdata.ingest.campaign import plan_campaign
from eigdata.schemas import dataset
from eigdata.storage.store import DATA_DIR, build_database, connect

GENERATED = ["enquete-2021", "enquete-2022"]


@pytest.fixture(scope="module")
def scaled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """300 respondents in all (34 shipped, 266 in two generated campaigns), roster ×2."""
    return scaled_data(tmp_path_factory.mktemp("scaled"), 300, roster_factor=2, campaigns=2)


@pytest.fixture(scope="module")
def built(scaled: Path):
    con = connect(build_database(scaled))
    yield con
    con.close()


def read_rows(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / dataset(name).path).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_scaled_data_builds_with_three_campaigns(built) -> None:
    campaigns = built.execute(
        "SELECT campaign, reconstructed FROM survey_campaigns ORDER BY campaign"
    ).fetchall()
    assert campaigns == [("enquete-2019", True), ("enquete-2021", False), ("enquete-2022", False)]


def test_generated_respondents_count_exactly(built) -> None:
    counts = dict(
        built.execute(
            "SELECT campaign, count(DISTINCT respondent_id) FROM survey_responses "
            "GROUP BY campaign ORDER BY campaign"
        ).fetchall()
    )
    assert counts["enquete-2019"] == 34
    assert counts["enquete-2021"] + counts["enquete-2022"] == 266
    # two growing campaigns, weights 1 and 1.6 (largest remainders): 102 and 164
    assert (counts["enquete-2021"], counts["enquete-2022"]) == (102, 164)


def test_invited_cover_respondents(built) -> None:
    rows = built.execute(
        "SELECT c.campaign, c.invited_eig, c.invited_mentor, "
        "count(DISTINCT r.respondent_id) FILTER (WHERE r.respondent_type = 'eig'), "
        "count(DISTINCT r.respondent_id) FILTER (WHERE r.respondent_type = 'mentor') "
        "FROM survey_campaigns c JOIN survey_responses r USING (campaign) "
        "WHERE NOT c.reconstructed GROUP BY ALL ORDER BY 1"
    ).fetchall()
    assert [r[0] for r in rows] == GENERATED
    for _, invited_eig, invited_mentor, eig, mentor in rows:
        assert eig < invited_eig <= eig / 0.55 + 1
        assert mentor < invited_mentor <= mentor / 0.55 + 1
        assert 0.55 < eig / (eig + mentor) < 0.7


def test_shipped_rows_byte_identical(scaled: Path) -> None:
    for path in DATA_DIR.glob("*.csv"):
        shipped, written = path.read_bytes(), (scaled / path.name).read_bytes()
        assert written.startswith(shipped), path.name
    responses = (scaled / "survey_responses.csv").read_bytes()
    shipped = (DATA_DIR / "survey_responses.csv").read_bytes()
    added = responses[len(shipped) :].decode("utf-8").split("\n")
    assert added[-1] == ""  # "\n" line ends, none "\r\n"
    assert all(line.startswith(tuple(GENERATED)) for line in added[:-1])
    assert b"\r" not in responses
    unchanged = [
        p.name for p in DATA_DIR.glob("*.csv") if p.read_bytes() == (scaled / p.name).read_bytes()
    ]
    assert "survey_published_figures.csv" in unchanged and "promotion_figures.csv" in unchanged


def test_each_respondent_answers_its_questionnaire(scaled: Path) -> None:
    rows = [r for r in read_rows(scaled, "survey_responses") if r["campaign"] in GENERATED]
    questions = Counter(
        (r["questionnaire"], r["question_id"]) for r in read_rows(scaled, "survey_questions")
    )
    answers: dict[tuple[str, str], dict[str, list[str]]] = {}
    for row in rows:
        person = answers.setdefault((row["campaign"], row["respondent_id"]), {})
        person.setdefault(row["question_id"], []).append(row["answer"])
        assert (row["respondent_type"], row["question_id"]) in questions
        assert row["respondent_id"].startswith(
            "R-EIG-" if row["respondent_type"] == "eig" else "R-MEN-"
        )
    for person in answers.values():
        maintained = person.get("outils_maintenus") == ["oui"]
        assert ("mode_maintenance" in person) == maintained  # asked_if outils_maintenus=oui
        assert all(len(codes) == 1 for codes in person.values())  # no multiple choice
    eig = {(r["campaign"], r["respondent_id"]) for r in rows if r["respondent_type"] == "eig"}
    per_eig = Counter(
        (r["campaign"], r["respondent_id"]) for r in rows if r["respondent_type"] == "eig"
    )
    assert all(14 <= per_eig[p] <= 15 for p in eig)  # 15 questions, one only if maintained


def test_profiles_and_promotions(scaled: Path) -> None:
    rows = [r for r in read_rows(scaled, "survey_responses") if r["campaign"] in GENERATED]
    eig = {(r["promotion"], r["profile"]) for r in rows if r["respondent_type"] == "eig"}
    assert {profile for promotion, profile in eig if promotion == "DIG"} == {"designer"}
    assert ("EIG 1", "designer") not in eig
    assert {r["profile"] for r in rows if r["respondent_type"] == "mentor"} == {""}
    assert {r["promotion"] for r in rows} == {"EIG 1", "EIG 2", "EIG 3", "DIG", "EIG 4"}


def test_shares_start_from_2019_and_drift(scaled: Path) -> None:
    model = survey_model()
    statut = next(q for q in model.questions["mentor"] if q.question_id == "statut_outil")
    # 2019: 6 en production, 5 prévue, 1 non prévue (and 1 sans réponse), smoothed by ½
    assert statut.shares == pytest.approx((6.5 / 13.5, 5.5 / 13.5, 1.5 / 13.5))
    trend = np.array([0.2, -0.1, 0.0])
    near = drifted(statut, 1, trend, np.random.default_rng(0))
    far = drifted(statut, 4, trend, np.random.default_rng(0))
    assert near.sum() == pytest.approx(1.0) and far.sum() == pytest.approx(1.0)
    assert statut.shares[0] < near[0] < far[0]
    rows = [r for r in read_rows(scaled, "survey_responses") if r["question_id"] == "statut_outil"]
    first, second = (Counter(r["answer"] for r in rows if r["campaign"] == c) for c in GENERATED)
    assert sum(first.values()) + sum(second.values()) == len(
        {(r["campaign"], r["respondent_id"]) for r in rows if r["campaign"] in GENERATED}
    )
    assert first != second


def test_roster_has_twice_the_members(scaled: Path) -> None:
    for name in ("roster_members", "roster_member_defis"):
        shipped, scaled_rows = read_rows(DATA_DIR, name), read_rows(scaled, name)
        assert len(scaled_rows) == 2 * len(shipped)
        assert {r["member_id"] for r in scaled_rows[len(shipped) :]} == {
            r["member_id"] + "001" for r in shipped
        }
    members = read_rows(scaled, "roster_members")
    assert len({r["member_id"] for r in members}) == 2 * 268
    defis = Counter(r["defi_id"] for r in read_rows(scaled, "roster_member_defis"))
    shipped_defis = Counter(r["defi_id"] for r in read_rows(DATA_DIR, "roster_member_defis"))
    assert defis == Counter({d: 2 * n for d, n in shipped_defis.items()})


def test_same_seed_same_files(tmp_path: Path) -> None:
    first = scaled_data(tmp_path / "a", 60, campaigns=1, seed=3)
    second = scaled_data(tmp_path / "b", 60, campaigns=1, seed=3)
    other = scaled_data(tmp_path / "c", 60, campaigns=1, seed=4)
    name = "survey_responses.csv"
    assert (first / name).read_bytes() == (second / name).read_bytes()
    assert (first / name).read_bytes() != (other / name).read_bytes()
    assert (first / "roster_members.csv").read_bytes() == (
        DATA_DIR / "roster_members.csv"
    ).read_bytes()


def test_too_few_respondents_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="au moins 34 répondants"):
        scaled_data(tmp_path, 20)


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("export") / "x.csv"
    return path, survey_export(path, 40)


def test_export_is_excel_french(export) -> None:
    path, spec = export
    raw = path.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    text = raw.decode("cp1252")
    assert text.count("\r\n") == text.count("\n") == 41
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    header = rows[0]
    assert header[:3] == ["ID de la réponse", "Date de soumission", "Dernière page"]
    assert "Quelle est votre situation professionnelle aujourd’hui ?" in header
    assert header[-1] == "Temps total" and len(header) == 13 + 15 + 1
    assert all(len(r) == len(header) for r in rows)
    body = rows[1:]
    assert [r[0] for r in body] == [str(n) for n in range(1, 41)]
    assert sum(1 for r in body if r[1] == "") == 40 - spec.complete == 1
    assert all("," in r[-1] and r[-1].replace(",", "").isdigit() for r in body)
    assert all(len(r[5]) == 16 and r[5][2] == "/" and r[5][5] == "/" for r in body)
    assert all(r[9].endswith("@example.org") for r in body)
    assert (spec.campaign, spec.year, spec.questionnaire, spec.promotion, spec.rows) == (
        "enquete-2025", 2025, "eig", "EIG 4", 40,
    )  # fmt: skip


def test_export_plans_with_no_problem(export, fresh_data: Path) -> None:
    path, spec = export
    plan = plan_campaign(fresh_data, path.name, path.read_bytes(), **spec.plan_arguments())
    assert plan.problems == []
    assert plan.tool == "LimeSurvey"
    assert plan.unmatched == []
    assert len([c for c in plan.columns if c.kind == "question"]) == 15
    assert plan.preview.respondents == spec.complete == 39
    assert plan.preview.incomplete_left_out == 1
    assert plan.preview.empty_left_out == 0
    added = [r for r in plan.tables["survey_responses"] if r["campaign"] == "enquete-2025"]
    assert len({r["respondent_id"] for r in added}) == 39
    assert {r["promotion"] for r in added} == {"EIG 4"}
    assert "@example.org" not in str(plan.tables)
