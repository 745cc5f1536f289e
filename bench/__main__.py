"""Run the benchmarks: `python -m bench` (or `make bench`). Exit 1 when a ratio is over target."""

from __future__ import annotations

import csv
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import duckdb

from eigdata import queries
from eigdata.runner import sql_text
from eigdata.schemas import datasets
from eigdata.storage.store import DATA_DIR, build_database, connect

SCALE = 20


def best_of(fn: Callable[[], object], repeat: int = 3) -> float:
    """The fastest of a few runs, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def copy_data(target: Path) -> Path:
    """A copy of the shipped CSVs in a new folder."""
    target.mkdir()
    for path in DATA_DIR.glob("*.csv"):
        shutil.copy(path, target / path.name)
    return target


def scale_roster(data_dir: Path, factor: int) -> None:
    """Multiply the person x défi links by `factor` (new pseudonymous ids, same défis)."""
    path = data_dir / "roster_member_defis.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    members = list(csv.DictReader((data_dir / "roster_members.csv").open(encoding="utf-8")))
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        for copy in range(factor):
            for row in rows:
                writer.writerow({**row, "member_id": f"{row['member_id']}{copy:03d}"})
    with (data_dir / "roster_members.csv").open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(members[0]), lineterminator="\n")
        writer.writeheader()
        for copy in range(factor):
            for row in members:
                writer.writerow({**row, "member_id": f"{row['member_id']}{copy:03d}"})


def raw_load(data_dir: Path) -> None:
    """Baseline: DuckDB's own CSV reader, no validation, into an in-memory database."""
    with duckdb.connect() as con:
        for ds in datasets().values():
            con.execute(
                f'CREATE TABLE "{ds.name}" AS SELECT * FROM read_csv(?)', [str(data_dir / ds.path)]
            )


def main() -> int:
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        small = copy_data(Path(tmp) / "small")
        large = copy_data(Path(tmp) / "large")
        scale_roster(large, SCALE)
        build = best_of(lambda: build_database(small))
        raw = best_of(lambda: raw_load(small))
        results.append(("construction validée / lecture brute DuckDB", build / raw, 15.0))
        build_large = best_of(lambda: build_database(large), repeat=1)
        results.append(
            (f"roster ×{SCALE} / roster ×1 (au plus linéaire)", build_large / build, SCALE)
        )
        con = connect(build_database(small))
        via_runner = best_of(lambda: [queries.reconciliation(con) for _ in range(50)])
        sql = sql_text("reconciliation")
        direct = best_of(lambda: [con.execute(sql, {"promotions": None}).df() for _ in range(50)])
        results.append(("requête nommée / exécution directe", via_runner / direct, 1.5))
    failed = False
    for name, ratio, target in results:
        ok = ratio <= target
        failed |= not ok
        print(f"{'OK ' if ok else 'KO '} {name}: {ratio:.2f} (cible ≤ {target})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
