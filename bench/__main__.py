"""Run the benchmarks: `python -m bench` (`make bench`), or `--size tiny` (the test suite's run).

Every figure is a ratio to a baseline measured in the same run: the database build against
DuckDB's raw CSV read, the page queries against pandas, the season import against
`pandas.read_csv` + `melt`, the pages in Chromium against a bare Streamlit app. The table is
printed and written to bench/RESULTS.md (the « Avant / après » section there is kept).
Exit status 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb

from bench import browser, generate, queries, report, season_import
from bench.results import Measure, best
from eigdata import survey
from eigdata.runner import run, sql_text
from eigdata.schemas import datasets
from eigdata.storage.store import (
    DATA_DIR,
    build_database,
    connect,
    dataset_path,
    ensure_database,
)

HERE = Path(__file__).parent
RESULTS = HERE / "RESULTS.md"
KEPT = "<!-- avant-après : cette section est conservée d'un passage à l'autre -->"
BUILD_TARGET = 15.0  # validated build at most 15× DuckDB's raw read of the same files
RUNNER_TARGET = 1.5  # a named query through the runner at most 1.5× the same SQL run directly


@dataclass(frozen=True)
class Sizes:
    """What a run generates and how long it insists."""

    respondents: tuple[int, ...]  # data directories (the last one is the large one)
    roster: tuple[int, ...]  # roster factor of each directory
    export: int  # rows of the survey-tool export imported
    rounds: int  # filter changes per page
    pages: tuple[str, ...] | None  # pages timed in the browser (None: all)
    repeat: int  # timings per query


FULL = Sizes((1_000, 100_000, 1_000_000), (1, 10, 100), 100_000, 10, None, 3)
TINY = Sizes((400,), (2,), 300, 2, ("enquetes",), 1)
PARTS = ("construction", "requêtes", "import", "navigateur")


def raw_load(data_dir: Path) -> None:
    """Baseline: DuckDB's own CSV reader, no validation, into an in-memory database."""
    with duckdb.connect() as con:
        for ds in datasets().values():
            path = str(dataset_path(data_dir, ds))
            con.execute(f'CREATE TABLE "{ds.name}" AS SELECT * FROM read_csv(?)', [path])


def label(respondents: int, factor: int) -> str:
    return f"{respondents:_} répondants, équipes ×{factor}".replace("_", " ")


def build_measures(folders: dict[str, Path], repeat: int) -> list[Measure]:
    """The validated build of each directory against DuckDB's raw read of its files."""
    measures = []
    for name, folder in folders.items():
        raw = best(lambda f=folder: raw_load(f), repeat)
        built = best(lambda f=folder: build_database(f), 1)
        measures.append(
            Measure("construction", f"base validée, {name}", built, raw, "s",
                    "lecture brute DuckDB", BUILD_TARGET)
        )  # fmt: skip
    return measures


def runner_measure(con: duckdb.DuckDBPyConnection) -> Measure:
    """The runner's own cost: a named query against the same SQL run directly."""
    sql = sql_text("reconciliation")
    via = best(lambda: [run(con, "reconciliation", promotions=None) for _ in range(50)], 3)
    direct = best(lambda: [con.execute(sql, {"promotions": None}).df() for _ in range(50)], 3)
    return Measure("requêtes", "requête nommée (runner), ×50", via, direct, "s",
                   "même SQL exécuté directement", RUNNER_TARGET)  # fmt: skip


def largest_campaign(con: duckdb.DuckDBPyConnection) -> str:
    frame = survey.campaigns(con)
    sizes = frame["respondents_eig"] + frame["respondents_mentor"]
    return str(frame.loc[sizes.idxmax(), "campaign"])


def copy_data(target: Path) -> Path:
    """A copy of the shipped CSVs."""
    target.mkdir(parents=True, exist_ok=True)
    for path in DATA_DIR.glob("*.csv"):
        shutil.copy(path, target / path.name)
    return target


def prepare(work: Path, sizes: Sizes) -> dict[str, Path]:
    """The data directories: shipped data, then each generated size."""
    folders = {"données livrées": copy_data(work / "livree")}
    for respondents, factor in zip(sizes.respondents, sizes.roster, strict=True):
        start = time.perf_counter()
        folder = generate.scaled_data(work / f"r{respondents}", respondents, roster_factor=factor)
        took = time.perf_counter() - start
        print(f"données générées : {label(respondents, factor)} en {took:.0f} s")
        folders[label(respondents, factor)] = folder
    return folders


def measure(sizes: Sizes, work: Path, parts: Sequence[str]) -> list[Measure]:
    """Every benchmark of `parts`, in one run."""
    folders = prepare(work, sizes)
    shipped, (large_name, large) = folders["données livrées"], list(folders.items())[-1]
    measures: list[Measure] = []
    if "construction" in parts:
        measures += build_measures(folders, sizes.repeat)
    for folder in folders.values():
        ensure_database(folder)
    if "requêtes" in parts:
        con = connect(ensure_database(large))
        measures.append(runner_measure(con))
        measures += queries.measure(con, large, largest_campaign(con), large_name, sizes.repeat)
        con.close()
    if "import" in parts:
        export = work / "export-limesurvey.csv"
        spec = generate.survey_export(export, sizes.export)
        measures += season_import.measure(export, spec, shipped)
    if "navigateur" in parts:
        pages = list(sizes.pages) if sizes.pages else None
        measures += browser.measure(
            shipped, rounds=sizes.rounds, pages=pages, label="données livrées"
        )
        measures += browser.measure(
            large, rounds=sizes.rounds, large=True, pages=pages, label=large_name
        )
    return measures


def kept_section(path: Path) -> str:
    """The hand-written « Avant / après » part of RESULTS.md, kept from one run to the next."""
    if not path.exists() or KEPT not in path.read_text(encoding="utf-8"):
        return KEPT + "\n"
    return KEPT + path.read_text(encoding="utf-8").split(KEPT, 1)[1]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--size", choices=["full", "tiny"], default="full")
    parser.add_argument("--parts", default=",".join(PARTS), help=", ".join(PARTS))
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--work", type=Path, help="dossier de travail (défaut : temporaire)")
    args = parser.parse_args(argv)
    sizes = FULL if args.size == "full" else TINY
    parts = [p.strip() for p in args.parts.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        work = args.work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        measures = measure(sizes, work, parts)
    print(report.console(measures))
    title = "Bancs d'essai du tableau de bord EIG" + (
        " (taille minuscule)" if sizes is TINY else ""
    )
    text = report.markdown(measures, title) + "\n" + kept_section(args.out)
    args.out.write_text(text, encoding="utf-8")
    print(f"écrit : {args.out}")
    return 1 if any(m.met is False for m in measures) else 0


if __name__ == "__main__":
    sys.exit(main())
