"""Check CSVs against their Table Schemas and report every problem (in French, or English).

The checks are generated from the schemas and run in DuckDB over each file read as text
(`checker`, `rules`, `staging`): millions of rows are checked column by column, never row
by row in Python. Problems are `DataProblem`s with the wording, rows and order of the
frictionless-based validator this replaces; at most 1 000 are listed per file, column and
kind of problem, the last one saying how many there are.
"""

from __future__ import annotations

import csv
import threading

import duckdb

from eigdata.errors import DataProblem
from eigdata.i18n import _
from eigdata.schemas import Dataset
from eigdata.validation.checker import Checker, Known, key_values
from eigdata.validation.header import header_problems
from eigdata.validation.messages import CAP, TYPE_NAMES
from eigdata.validation.staging import configure, parse_rows

__all__ = [
    "CAP",
    "TYPE_NAMES",
    "Checker",
    "Known",
    "configure",
    "header_problems",
    "key_values",
    "parse_rows",
    "text_problems",
    "validate_text",
]


_shared: list[duckdb.DuckDBPyConnection] = []
_lock = threading.Lock()


def text_problems(
    file: str, text: str, ds: Dataset, known: Known | None = None
) -> list[DataProblem]:
    """Every problem of one CSV text (foreign keys checked against `known`), without
    reading its rows into Python."""
    with _connection() as con:
        return Checker(con, known or {}).check_text(ds, file, text)


def _connection() -> duckdb.DuckDBPyConnection:
    """A new connection (its staging tables its own) to the in-memory DuckDB database this
    process checks texts in: opening a database costs more than checking a small file."""
    with _lock:
        if not _shared:
            con = duckdb.connect()
            configure(con)
            _shared.append(con)
        return _shared[0].cursor()


def validate_text(
    file: str, text: str, ds: Dataset, known: Known | None = None
) -> tuple[list[dict[str, str]], list[DataProblem]]:
    """Every problem of one CSV text, plus its parsed rows."""
    try:
        header, rows = parse_rows(text)
    except csv.Error:
        return [], text_problems(file, text, ds, known)
    if not header:
        return [], [DataProblem(file, None, None, "fichier-vide", _("le fichier est vide"))]
    return rows, text_problems(file, text, ds, known)
