"""The one place SQL runs: named queries from sql/*.sql, bound parameters, logged failures."""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from eigdata.errors import QueryError

log = logging.getLogger(__name__)
SQL_DIR = Path(__file__).parent / "sql"


@cache
def sql_text(name: str) -> str:
    """The SQL of a named query (file sql/<name>.sql)."""
    path = SQL_DIR / f"{name}.sql"
    if not path.is_file():
        raise KeyError(f"unknown query: {name}")
    return path.read_text(encoding="utf-8")


def query_names() -> list[str]:
    """Every named query."""
    return sorted(p.stem for p in SQL_DIR.glob("*.sql"))


def run(con: duckdb.DuckDBPyConnection, name: str, **params: Any) -> pd.DataFrame:
    """Run a named query with bound parameters on its own cursor; return a DataFrame."""
    sql = sql_text(name)
    try:
        with con.cursor() as cursor:
            return cursor.execute(sql, params).df()
    except duckdb.Error as error:
        log.exception("query %s failed with params %r", name, params)
        raise QueryError(name) from error
