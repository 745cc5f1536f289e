"""An import's new tables are checked and loaded from memory (`build_database(held=…)`):
the same problems, rows and database as from the CSV the import writes of them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from eigdata.errors import ValidationFailed
from eigdata.ingest import changes, frames
from eigdata.schemas import datasets
from eigdata.storage import store

Row = dict[str, str]
Edit = Callable[[list[Row]], list[Row]]


def responses_with(edit: Edit, data_dir: Path) -> frames.FrameRows:
    """The shipped survey answers, edited."""
    rows = [dict(r) for r in changes.current_tables(data_dir)["survey_responses"]]
    return frames.FrameRows.from_rows(datasets()["survey_responses"].columns, edit(rows))


def set_cell(row: int, column: str, value: str) -> Edit:
    def edit(rows: list[Row]) -> list[Row]:
        rows[row][column] = value
        return rows

    return edit


def repeat_row(row: int) -> Edit:
    return lambda rows: [*rows, dict(rows[row])]


def problems(build: Callable[[], Path]) -> list[tuple[object, ...]]:
    with pytest.raises(ValidationFailed) as caught:
        build()
    return [(p.file, p.row, p.column, p.code, p.message) for p in caught.value.problems]


@pytest.mark.parametrize(
    ("edit", "row", "column"),
    [
        (set_cell(4, "respondent_id", "X-12"), 6, "respondent_id"),  # pattern
        (set_cell(10, "campaign", "enquete-2031"), 12, "campaign"),  # unknown campaign
        (set_cell(0, "question_id", ""), 2, "question_id"),  # required
        (repeat_row(3), None, None),  # primary key found twice
    ],
)
def test_held_rows_give_the_problems_of_their_csv(
    fresh_data: Path, tmp_path: Path, edit: Edit, row: int | None, column: str | None
) -> None:
    held = responses_with(edit, fresh_data)
    ds = datasets()["survey_responses"]
    from_memory = problems(
        lambda: store.build_database(
            fresh_data, tmp_path / "memory.duckdb", held={ds.name: held.frame}
        )
    )
    frames.write_csv(fresh_data / ds.path, ds.columns, held)
    from_file = problems(lambda: store.build_database(fresh_data, tmp_path / "file.duckdb"))
    assert from_memory == from_file
    assert {p[0] for p in from_memory} == {"survey_responses.csv"}
    if row is not None:
        assert (row, column) in {(p[1], p[2]) for p in from_memory}
    else:
        assert any(p[3] == "doublon" for p in from_memory)


@pytest.mark.parametrize("kept", [0.5, 0.0])
def test_held_rows_build_the_database_of_their_csv(
    fresh_data: Path, tmp_path: Path, kept: float
) -> None:
    ds = datasets()["survey_responses"]
    original = changes.current_tables(fresh_data)["survey_responses"]
    held = responses_with(lambda rows: rows[: int(len(rows) * kept)], fresh_data)
    memory = store.build_database(
        fresh_data, tmp_path / "memory.duckdb", held={ds.name: held.frame}
    )
    frames.write_csv(fresh_data / ds.path, ds.columns, held)
    file = store.build_database(fresh_data, tmp_path / "file.duckdb")
    with store.connect(memory) as left, store.connect(file) as right:
        query = "SELECT * FROM survey_responses ORDER BY ALL"
        assert left.execute(query).fetchall() == right.execute(query).fetchall()
        count = "SELECT count(*) FROM survey_responses"
        assert left.execute(count).fetchone()[0] == len(held) == int(len(original) * kept)
