"""The database is rebuilt when its inputs change, atomically, and opened read-only."""

from __future__ import annotations

import csv
import os
import shutil
from collections import Counter
from pathlib import Path

import duckdb
import pytest

from eigdata.errors import ValidationFailed
from eigdata.schemas import datasets
from eigdata.storage import store
from eigdata.storage.store import (
    DATA_DIR,
    build_database,
    connect,
    data_version,
    ensure_database,
    fingerprint,
    stored_fingerprint,
    validate_directory,
)


def test_ensure_builds_then_reuses(fresh_data: Path) -> None:
    db = ensure_database(fresh_data)
    assert stored_fingerprint(db) == fingerprint(fresh_data)
    mtime = db.stat().st_mtime_ns
    ensure_database(fresh_data)
    assert db.stat().st_mtime_ns == mtime


def test_ensure_rebuilds_when_a_csv_changes(fresh_data: Path) -> None:
    db = ensure_database(fresh_data)
    figures = fresh_data / "promotion_figures.csv"
    figures.write_text(
        figures.read_text(encoding="utf-8").replace("EIG 1,candidates,115", "EIG 1,candidates,116"),
        encoding="utf-8",
    )
    ensure_database(fresh_data)
    with connect(db) as con:
        value = con.execute(
            "SELECT value FROM promotion_figures WHERE promotion = 'EIG 1' "
            "AND indicator = 'candidates'"
        ).fetchone()[0]
    assert value == 116


def test_connection_is_read_only(fresh_data: Path) -> None:
    with connect(ensure_database(fresh_data)) as con, pytest.raises(duckdb.Error):
        con.execute("DELETE FROM promotions")


def test_tables_are_typed_with_exact_amounts(con) -> None:
    types = dict(con.execute("DESCRIBE pia_budget").fetchall()[i][:2] for i in range(7))
    assert types["amount"] == "DECIMAL(18,2)"
    total = con.execute("SELECT sum(amount) FROM pia_budget WHERE line <> 'enveloppe_pia'")
    assert str(total.fetchone()[0]) == "5134558.47"


def _touch_later(path: Path, seconds: float = 10.0) -> None:
    """Give a file another modification time (as a later save would)."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + int(seconds * 1e9)))


def test_data_version_changes_with_a_file_or_the_active_versions_only(
    fresh_data: Path,
) -> None:
    version = data_version(fresh_data)
    fingerprint(fresh_data)
    (fresh_data / "eig.duckdb").write_bytes(b"not an input")
    assert data_version(fresh_data) == version  # reading and building change nothing
    budget = fresh_data / "pia_budget.csv"
    budget.write_bytes(budget.read_bytes() + b"\n")
    assert data_version(fresh_data) != version
    version = data_version(fresh_data)
    _touch_later(budget)
    assert data_version(fresh_data) != version
    version = data_version(fresh_data)
    active = fresh_data / "versions" / "active.json"
    active.parent.mkdir()
    active.write_text("{}", encoding="utf-8")
    assert data_version(fresh_data) == version  # no version in use: same inputs
    copy = fresh_data / "versions" / "pia_budget" / "0001.csv"
    copy.parent.mkdir()
    copy.write_bytes(budget.read_bytes())
    active.write_text('{"pia_budget": 1}', encoding="utf-8")
    assert data_version(fresh_data) != version


def test_fingerprint_reads_a_file_again_only_when_it_changed(
    fresh_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for path in fresh_data.glob("*.csv"):
        _touch_later(path, -60)  # saved a minute ago: its digest may be remembered
    first = fingerprint(fresh_data)
    hashed: list[str] = []
    original = store._hash_file
    monkeypatch.setattr(
        store, "_hash_file", lambda path: hashed.append(path.name) or original(path)
    )
    assert fingerprint(fresh_data) == first
    assert hashed == []
    budget = fresh_data / "pia_budget.csv"
    mtime = budget.stat().st_mtime_ns
    budget.write_bytes(budget.read_bytes().replace(b"800000", b"800001"))  # same size
    os.utime(budget, ns=(mtime, mtime))  # and same modification time: the inode's ctime moved
    assert fingerprint(fresh_data) != first
    assert hashed == ["pia_budget.csv"]


def _survey_rows(eig: int, mentors: int) -> tuple[str, Counter]:
    """Rows for new respondents of enquete-2019 answering every question of their
    questionnaire (the first allowed answer), and the rows per question."""
    questions = list(csv.DictReader((DATA_DIR / "survey_questions.csv").open(encoding="utf-8")))
    options: dict[str, str] = {}
    for row in csv.DictReader((DATA_DIR / "survey_answer_options.csv").open(encoding="utf-8")):
        options.setdefault(row["question_id"], row["answer"])
    lines, per_question = [], Counter()
    for kind, code, count, profile in (
        ("eig", "EIG", eig, "designer"),
        ("mentor", "MEN", mentors, ""),
    ):
        asked = [q["question_id"] for q in questions if q["questionnaire"] == kind]
        for number in range(100_000, 100_000 + count):
            head = f"enquete-2019,R-{code}-{number},{kind},EIG 2,{profile},"
            lines += [f"{head}{q},{options.get(q, 'sans_reponse')}\n" for q in asked]
            per_question.update(asked)
    return "".join(lines), per_question


@pytest.fixture(scope="module")
def large_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped data with 8 000 EIG and 6 000 mentors more in the 2019 survey (198 000
    answers more)."""
    folder = tmp_path_factory.mktemp("large")
    for path in DATA_DIR.glob("*.csv"):
        shutil.copy(path, folder / path.name)
    rows, _ = _survey_rows(8_000, 6_000)
    with (folder / "survey_responses.csv").open("a", encoding="utf-8") as out:
        out.write(rows)
    return folder


def test_a_large_survey_is_validated_and_loaded_whole(large_data: Path, tmp_path: Path) -> None:
    shipped = list(csv.DictReader((DATA_DIR / "survey_responses.csv").open(encoding="utf-8")))
    _, per_question = _survey_rows(8_000, 6_000)
    assert len(shipped) + sum(per_question.values()) == 198_473
    assert validate_directory(large_data)["survey_responses"] == 198_473
    with connect(build_database(large_data, tmp_path / "large.duckdb")) as con:
        total, respondents = con.execute(
            "SELECT count(*), count(DISTINCT respondent_id) FROM survey_responses"
        ).fetchone()
        by_type = dict(
            con.execute(
                "SELECT respondent_type, count(*) FROM survey_responses GROUP BY ALL"
            ).fetchall()
        )
        outils = con.execute(
            "SELECT count(*) FROM survey_responses WHERE question_id = 'outils_maintenus'"
        ).fetchone()[0]
        keys = con.execute(
            "SELECT table_name FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY'"
        ).fetchall()
    assert (total, respondents) == (198_473, 34 + 14_000)
    shipped_types = Counter(r["respondent_type"] for r in shipped)
    assert by_type == {
        "eig": shipped_types["eig"] + 8_000 * 15,
        "mentor": shipped_types["mentor"] + 6_000 * 13,
    }
    shipped_outils = sum(r["question_id"] == "outils_maintenus" for r in shipped)
    assert outils == shipped_outils + 14_000
    assert ("survey_responses",) in keys and len(keys) == len(datasets())


def test_a_problem_deep_in_a_large_file_has_its_row(large_data: Path, tmp_path: Path) -> None:
    for path in large_data.glob("*.csv"):
        shutil.copy(path, tmp_path / path.name)
    answers = tmp_path / "survey_responses.csv"
    lines = answers.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[150_000] = lines[150_000].replace(",mentor,", ",Mentor,")  # file line 150 001
    lines.append(lines[1])  # the first answer again, file line 198 475
    answers.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(ValidationFailed) as caught:
        validate_directory(tmp_path)
    assert [str(p) for p in caught.value.problems] == [
        "fichier survey_responses.csv, ligne 150001, colonne « respondent_type » : « Mentor » "
        "n'est pas une valeur autorisée (« eig », « mentor ») ; valeur la plus proche : "
        "« mentor »",
        "fichier survey_responses.csv, ligne 198475 : valeur en double pour la clé "
        "(campaign, respondent_id, question_id, answer)",
    ]


def test_a_table_too_large_for_a_key_index_is_loaded_without_one(
    fresh_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store, "KEYED_MAX_ROWS", 300)
    with connect(build_database(fresh_data)) as con:
        keyed = {
            name
            for (name,) in con.execute(
                "SELECT table_name FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY'"
            ).fetchall()
        }
        answers = con.execute("SELECT count(*) FROM survey_responses").fetchone()[0]
    assert answers == 473
    assert keyed == set(datasets()) - {"survey_responses"}
