"""The database is rebuilt when its inputs change, atomically, and opened read-only."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from eigdata.storage.store import connect, ensure_database, fingerprint, stored_fingerprint


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
