"""The query benchmark compares like with like: pandas gives the rows DuckDB gives."""

from __future__ import annotations

import pandas as pd
import pytest

from bench import queries
from eigdata.runner import run
from eigdata.storage.store import DATA_DIR

CASES = queries.cases("enquete-2019")


def normalised(frame: pd.DataFrame, columns: list[str]) -> list[tuple]:
    """Rows as sorted text tuples (booleans read from CSV are « true », from DuckDB True)."""
    rows = frame[columns].astype(str).itertuples(index=False, name=None)
    return sorted(tuple(value.lower() for value in row) for row in rows)


@pytest.fixture(scope="module")
def frames() -> dict[str, pd.DataFrame]:
    return queries.tables(DATA_DIR)


@pytest.mark.parametrize("case", CASES, ids=[c.query for c in CASES])
def test_pandas_gives_the_query_rows(con, frames, case) -> None:
    duck = run(con, case.query, **case.params)
    panda = case.pandas(frames, case.params)
    columns = [c for c in panda.columns if c in duck.columns and c != "respondent_types"]
    assert len(columns) >= 2
    assert normalised(panda, columns) == normalised(duck, columns)


def test_cells_count_the_2019_eig_wishing_to_stay(frames) -> None:
    """12 of the 21 EIG wish to stay (the published 57 %)."""
    case = CASES[0]
    cells = case.pandas(frames, case.params)
    eig = cells[cells["respondent_type"] == "eig"]
    assert eig.loc[eig["answer"] == "oui", "n"].sum() == 12
    assert eig.drop_duplicates(queries.CELL)["answered"].sum() == 21


def test_measure_gives_one_ratio_per_query(con) -> None:
    measures = queries.measure(con, DATA_DIR, "enquete-2019", "taille livrée", repeat=1)
    first = "répartition d'une question, cellules (survey_cells), taille livrée"
    assert measures[0].name == first
    assert len(measures) == len(CASES)
    assert all(m.value > 0 and m.baseline > 0 and m.target == queries.TARGET for m in measures)
