"""Problems grouped for people: one line per distinct problem, rows compressed into ranges."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from eigdata.__main__ import main
from eigdata.errors import DataProblem, ValidationFailed, user_message
from eigdata.ingest import plan_import, problems_frame
from eigdata.ingest.problems import group, headline, lines, rows_text
from eigdata.storage.store import DATA_DIR

NNBSP = "\u202f"
MISSING = "valeur obligatoire manquante"
IDENTITY = ["campaign", "respondent_id", "respondent_type", "promotion", "profile"]


def missing(file: str, row: int | None, column: str | None = "campaign") -> DataProblem:
    return DataProblem(file, row, column, "contrainte", MISSING)


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([4], "ligne 4"),
        ([2, 5], "lignes 2 et 5 (2 lignes)"),
        ([3, 2], "lignes 2 et 3 (2 lignes)"),
        ([12, 5, 6, 2, 7], "lignes 2, 5 à 7 et 12 (5 lignes)"),
        ([7, 7, 6, 5], "lignes 5 à 7 (3 lignes)"),
        ([1, 2, 3, 5, 6], "lignes 1 à 3, 5 et 6 (5 lignes)"),
        (list(range(2, 32)), "lignes 2 à 31 (30 lignes)"),
        ([*range(2, 1502), 2000], f"lignes 2 à 1501 et 2000 (1{NNBSP}501 lignes)"),
    ],
)
def test_rows_compressed_into_ranges(rows: list[int], expected: str) -> None:
    assert rows_text(rows) == expected


@pytest.mark.parametrize(
    ("problems", "expected"),
    [
        (
            [missing("r.csv", n) for n in (5, 2, 6, 7)],
            [
                "fichier r.csv, colonne « campaign » : valeur obligatoire manquante — "
                "lignes 2 et 5 à 7 (4 lignes)"
            ],
        ),
        (
            [missing("r.csv", 3, "promotion"), missing("r.csv", 2), missing("r.csv", 2, None)],
            [
                "fichier r.csv, colonne « promotion » : valeur obligatoire manquante — ligne 3",
                "fichier r.csv, colonne « campaign » : valeur obligatoire manquante — ligne 2",
                "fichier r.csv : valeur obligatoire manquante — ligne 2",
            ],
        ),
        (
            [missing("a.csv", 2), missing("b.csv", 2), missing("a.csv", 3)],
            [
                "fichier a.csv, colonne « campaign » : valeur obligatoire manquante — lignes 2 et "
                "3 (2 lignes)",
                "fichier b.csv, colonne « campaign » : valeur obligatoire manquante — ligne 2",
            ],
        ),
        (
            [
                DataProblem("r.csv", 2, "amount", "type", "« x » n'est pas un nombre"),
                DataProblem("r.csv", 3, "amount", "type", "« y » n'est pas un nombre"),
                DataProblem("r.csv", 4, "amount", "type", "« x » n'est pas un nombre"),
                DataProblem("r.csv", 4, "amount", "autre", "« x » n'est pas un nombre"),
            ],
            [
                "fichier r.csv, colonne « amount » : « x » n'est pas un nombre — lignes 2 et 4 "
                "(2 lignes)",
                "fichier r.csv, colonne « amount » : « y » n'est pas un nombre — ligne 3",
                "fichier r.csv, colonne « amount » : « x » n'est pas un nombre — ligne 4",
            ],
        ),
        (
            [DataProblem("r.csv", None, None, "fichier-vide", "le fichier est vide")] * 2,
            ["fichier r.csv : le fichier est vide"],
        ),
    ],
    ids=["ranges", "first-appearance", "per-file", "same-text-same-code", "no-row"],
)
def test_grouping(problems: list[DataProblem], expected: list[str]) -> None:
    assert lines(problems) == expected
    assert [str(found) for found in group(problems)] == expected


def test_group_keeps_the_rows_it_affects() -> None:
    found = group([missing("r.csv", 9), missing("r.csv", 4), missing("r.csv", 9)])
    assert len(found) == 1
    assert (found[0].file, found[0].column, found[0].code) == ("r.csv", "campaign", "contrainte")
    assert (found[0].message, found[0].rows) == (MISSING, [4, 9])


def test_user_message_counts_distinct_problems_and_rows() -> None:
    problems = [missing("r.csv", n) for n in range(2, 32)]
    problems += [missing("r.csv", n, "promotion") for n in range(20, 40)]
    problems += [DataProblem("r.csv", 1, "note", "colonne-en-double", "colonne en double")]
    assert user_message(ValidationFailed(problems)) == (
        "3 problème(s) distinct(s) sur 39 ligne(s) ; rien n'a été modifié.\n"
        "- fichier r.csv, colonne « campaign » : valeur obligatoire manquante — lignes 2 à 31 "
        "(30 lignes)\n"
        "- fichier r.csv, colonne « promotion » : valeur obligatoire manquante — lignes 20 à 39 "
        "(20 lignes)\n"
        "- fichier r.csv, colonne « note » : colonne en double — ligne 1"
    )


def test_user_message_limit_counts_what_is_left_out() -> None:
    problems = [missing("r.csv", 2, f"c{n:02d}") for n in range(12)]
    message = user_message(ValidationFailed(problems), limit=10)
    assert message.splitlines()[0] == (
        "12 problème(s) distinct(s) sur 1 ligne(s) ; rien n'a été modifié."
    )
    assert len(message.splitlines()) == 12
    assert message.splitlines()[-2] == (
        "- fichier r.csv, colonne « c09 » : valeur obligatoire manquante — ligne 2"
    )
    assert message.splitlines()[-1] == "… et 2 autre(s) problème(s) distinct(s)."


def test_headline_without_rows() -> None:
    problem = DataProblem("r.csv", None, None, "fichier-vide", "le fichier est vide")
    assert headline([problem]) == "1 problème(s) distinct(s)"
    assert user_message(ValidationFailed([problem])) == (
        "1 problème(s) distinct(s) ; rien n'a été modifié.\n- fichier r.csv : le fichier est vide"
    )


def responses_without_campaign(count: int) -> bytes:
    """The shipped survey answers, saved by Excel in French (`;`, CRLF) after the first
    `count` rows lost their campaign."""
    rows = list(csv.reader((DATA_DIR / "survey_responses.csv").open(encoding="utf-8")))
    for row in rows[1 : count + 1]:
        row[0] = ""
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode("cp1252")


def test_thirty_rows_missing_campaign_give_one_line(fresh_data: Path) -> None:
    plan = plan_import(
        fresh_data, "survey_responses", "reponses.csv", responses_without_campaign(30)
    )
    assert len(plan.problems) == 30
    assert lines(plan.problems) == [
        "fichier reponses.csv, colonne « campaign » : valeur obligatoire manquante — lignes 2 "
        "à 31 (30 lignes)"
    ]
    assert plan.summary() == "1 problème(s) distinct(s) sur 30 ligne(s) ; rien ne sera enregistré."
    frame = problems_frame(plan.problems)
    assert len(frame) == 30
    assert frame["ligne"].tolist() == list(range(2, 32))


def test_cli_prints_grouped_lines(
    fresh_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "reponses.csv"
    path.write_bytes(responses_without_campaign(30))
    assert main(["import", "survey_responses", str(path), "--data", str(fresh_data)]) == 1
    assert capsys.readouterr().err == (
        "1 problème(s) distinct(s) sur 30 ligne(s) ; rien n'a été modifié.\n"
        "- fichier reponses.csv, colonne « campaign » : valeur obligatoire manquante — lignes 2 "
        "à 31 (30 lignes)\n"
    )


def wide_export(drop: set[str], promotion: str | None = None) -> bytes:
    """The shipped answers as a survey tool exports them: one row per respondent, one column
    per question headed by its French wording, multiple answers joined by « | »; identity
    columns in `drop` left out, every promotion replaced by `promotion` when given."""
    questions = {
        r["question_id"]: r["label_fr"]
        for r in csv.DictReader((DATA_DIR / "survey_questions.csv").open(encoding="utf-8"))
    }
    people: dict[tuple[str, ...], dict[str, list[str]]] = {}
    for r in csv.DictReader((DATA_DIR / "survey_responses.csv").open(encoding="utf-8")):
        person = tuple(promotion if c == "promotion" and promotion else r[c] for c in IDENTITY)
        people.setdefault(person, {}).setdefault(r["question_id"], []).append(r["answer"])
    kept = [i for i, c in enumerate(IDENTITY) if c not in drop]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([IDENTITY[i] for i in kept] + list(questions.values()))
    for person, answers in people.items():
        cells = [" | ".join(answers.get(q, [])) for q in questions]
        writer.writerow([person[i] for i in kept] + cells)
    return out.getvalue().encode("utf-8")


def test_wide_export_without_identity_columns_collapses(fresh_data: Path) -> None:
    """Was 946 problems (one per answer and missing column), now one per missing column."""
    raw = wide_export({"campaign", "promotion"})
    plan = plan_import(fresh_data, "survey_responses", "export.csv", raw)
    assert [str(p) for p in plan.problems] == [
        "fichier export.csv, ligne 1, colonne « campaign » : colonne manquante",
        "fichier export.csv, ligne 1, colonne « promotion » : colonne manquante",
    ]
    assert lines(plan.problems) == [
        "fichier export.csv, colonne « campaign » : colonne manquante — ligne 1",
        "fichier export.csv, colonne « promotion » : colonne manquante — ligne 1",
    ]


def test_wide_export_without_optional_profile_column_still_imports(fresh_data: Path) -> None:
    plan = plan_import(fresh_data, "survey_responses", "export.csv", wide_export({"profile"}))
    assert plan.problems == []
    assert {r["profile"] for r in plan.rows} == {""}
    assert len(plan.rows) == 473


def test_wide_export_gives_each_row_problem_once(fresh_data: Path) -> None:
    raw = wide_export(set(), promotion="EIG 9")
    plan = plan_import(fresh_data, "survey_responses", "export.csv", raw)
    assert len(plan.problems) == 34  # one per respondent, not one per answer (473)
    assert lines(plan.problems) == [
        "fichier export.csv, colonne « promotion » : « EIG 9 » n'existe pas dans promotions.csv "
        "(colonne promotion) ; valeur la plus proche : « EIG 4 » ; une nouvelle promotion "
        "s'ajoute d'abord par l'import de « promotions » — lignes 2 à 35 (34 lignes)"
    ]
