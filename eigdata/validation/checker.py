"""Check the CSVs of a data directory, or one CSV text, and load the valid ones.

A `Checker` works in one DuckDB connection: each file is staged (`staging`), every check
of its schema runs as SQL (`rules`), and foreign keys are checked against the files
checked before it (or, for a text, against given values). Only the problems reach Python,
at most `CAP` per column and code.
"""

from __future__ import annotations

import csv
import logging
from collections.abc import Iterable
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from eigdata.errors import DataProblem
from eigdata.i18n import _
from eigdata.schemas import Dataset, ForeignKey
from eigdata.validation import rules, staging
from eigdata.validation.header import header_problems
from eigdata.validation.messages import CAP, Found, closest_code, problem
from eigdata.validation.staging import Staged

Known = dict[tuple[str, str], set[str]]
log = logging.getLogger(__name__)


def key_values(ds: Dataset, rows: Iterable[dict[str, str]]) -> Known:
    """The values of each column of a dataset, for later foreign key checks."""
    rows = list(rows)
    return {(ds.name, column): {r.get(column, "") for r in rows} for column in ds.columns}


class Checker:
    """Checks datasets in one DuckDB connection; `known` (values per dataset and column)
    replaces the datasets checked before for foreign keys when given."""

    def __init__(self, con: duckdb.DuckDBPyConnection, known: Known | None = None) -> None:
        self.con = con
        self.known = known
        self.staged: dict[str, Staged | None] = {}
        self._counts: dict[str, tuple[int, int, int]] = {}
        self._temp_tables: dict[tuple[str, str], str] = {}
        self._allowed_values: dict[tuple[str, str], set[str]] = {}

    def check_file(self, ds: Dataset, path: Path, file: str | None = None) -> list[DataProblem]:
        """Every problem of a dataset's CSV file (named `file` in problems, else its path)."""
        file = file or ds.path
        self.staged[ds.name] = None
        if not path.exists():
            return [DataProblem(file, None, None, "fichier-absent", _("fichier absent"))]
        try:
            staged = staging.stage_file(self.con, ds, path)
        except UnicodeDecodeError:
            return [_encoding_problem(file, path)]
        except csv.Error as error:
            return [_unreadable(file, error)]
        return self._check(ds, file, staged)

    def check_frame(self, ds: Dataset, file: str, frame: pd.DataFrame) -> list[DataProblem]:
        """Every problem of a table held in memory, numbered as rows of its CSV would be."""
        self.staged[ds.name] = None
        return self._check(ds, file, staging.stage_frame(self.con, ds, frame))

    def check_text(self, ds: Dataset, file: str, text: str) -> list[DataProblem]:
        """Every problem of a CSV text of a dataset."""
        self.staged[ds.name] = None
        try:
            staged = staging.stage_text(self.con, ds, text)
        except csv.Error as error:
            return [_unreadable(file, error)]
        return self._check(ds, file, staged)

    def rows(self, ds: Dataset) -> int:
        """How many rows a checked file has (blank records not counted)."""
        return self._counts.get(ds.name, (0, 0, 0))[0]

    def load(self, ds: Dataset, *, key: bool = True) -> None:
        """Create the typed table of a checked, valid dataset (its primary key when `key`)."""
        self.con.execute(rules.table_ddl(ds, key))
        staged = self.staged.get(ds.name)
        if staged is not None:
            self.con.execute(f"INSERT INTO {rules.ident(ds.name)} {rules.load_select(staged)}")

    def close(self) -> None:
        """Drop every staged file."""
        for staged in self.staged.values():
            if staged is not None:
                staging.drop(self.con, staged)
        for table in self._temp_tables.values():
            self.con.execute(f"DROP TABLE IF EXISTS {rules.ident(table)}")
        self.staged, self._temp_tables, self._allowed_values = {}, {}, {}

    def _check(self, ds: Dataset, file: str, staged: Staged | None) -> list[DataProblem]:
        if staged is None:
            return [DataProblem(file, None, None, "fichier-vide", _("le fichier est vide"))]
        self.staged[ds.name] = staged
        rows, ragged, unfilled = self.con.execute(rules.counts(staged)).fetchone()
        self._counts[ds.name] = (rows, ragged, unfilled)
        header = header_problems(file, list(staged.layout.header), ds)
        ordered = [((1, p.column or "", -1), p) for p in header]
        ordered += [((0, "", -1), p) for p in _unreadable_header(file, staged)]
        selects = [] if staged.layout.duplicated else self._cell_checks(staged, ragged > 0)
        selects += self._reference_checks(ds, staged, renumber=unfilled > 0)
        ordered += self._worded(ds, file, self._found(selects))
        ordered.sort(key=lambda item: item[0])  # as frictionless' problems were sorted
        return [p for __, p in ordered]

    def _worded(
        self, ds: Dataset, file: str, found: list[Found]
    ) -> list[tuple[tuple[int, str, int], DataProblem]]:
        """Each finding as a `DataProblem`, with its sort key (row, column, rank)."""
        hints: dict[tuple[int, str], str | None] = {}
        worded = []
        for one in found:
            hint = None
            if one.code == "reference-inconnue":
                index, value = int(one.detail or 0), one.cell or ""
                if (index, value) not in hints:
                    hints[index, value] = closest_code(value, self._allowed(ds, index))
                hint = hints[index, value]
            worded.append(((one.row, one.column or "", one.rank), problem(file, ds, one, hint)))
        return worded

    def _cell_checks(self, staged: Staged, ragged: bool) -> list[str]:
        """What frictionless checked: cells, record lengths, unique values, primary key."""
        selects = rules.cell_checks(staged)
        selects += rules.shape_checks(staged) if ragged else []
        selects += rules.unique_checks(staged)
        return selects + rules.key_check(staged, self._repeated_keys(staged))

    def _repeated_keys(self, staged: Staged) -> str | None:
        """A table of the key hashes found more than once, None when there is none (hashes
        are sorted by numpy: far cheaper than grouping millions of keys)."""
        query = rules.key_hashes(staged)
        if query is None:
            return None
        hashes = self.con.execute(query).fetchnumpy()["h"]
        hashes.sort()
        repeated = np.unique(hashes[1:][hashes[1:] == hashes[:-1]])
        if not repeated.size:
            return None
        table = f"repeated_{staged.table}"
        self.con.register("eigdata_repeated", pd.DataFrame({"h": repeated}))
        try:
            self.con.execute(
                f"CREATE OR REPLACE TEMP TABLE {rules.ident(table)} AS "
                "SELECT h FROM eigdata_repeated"
            )
        finally:
            self.con.unregister("eigdata_repeated")
        self._temp_tables[("repeated", staged.table)] = table
        return table

    def _reference_checks(self, ds: Dataset, staged: Staged, *, renumber: bool) -> list[str]:
        selects = []
        for index, fk in enumerate(ds.foreign_keys):
            known = self._known(fk)
            select = known and rules.reference_check(staged, index, fk, known, renumber)
            if select:
                selects.append(select)
        return selects

    def _known(self, fk: ForeignKey) -> str | None:
        """A query of the values a foreign key may take; None when they are not known."""
        if self.known is not None:
            values = self.known.get((fk.dataset, fk.target))
            if values is None:
                return None
            return f"SELECT value FROM {rules.ident(self._known_table(fk, values))}"
        if fk.dataset not in self.staged:
            return None
        staged = self.staged[fk.dataset]
        return rules.NO_VALUE if staged is None else rules.known_values(staged, fk.target)

    def _known_table(self, fk: ForeignKey, values: set[str]) -> str:
        key = (fk.dataset, fk.target)
        if key not in self._temp_tables:
            table = f"known_{len(self._temp_tables)}"
            self.con.execute(
                f"CREATE TEMP TABLE {rules.ident(table)} AS "
                "SELECT unnest($values::VARCHAR[]) AS value",
                {"values": sorted(values)},
            )
            self._temp_tables[key] = table
        return self._temp_tables[key]

    def _allowed(self, ds: Dataset, index: int) -> set[str]:
        """The values a foreign key may take (to name the closest one)."""
        fk = ds.foreign_keys[index]
        key = (fk.dataset, fk.target)
        if key not in self._allowed_values:
            if self.known is not None:
                values = self.known.get(key, set())
            else:
                query = self._known(fk) or rules.NO_VALUE
                found = self.con.execute(f"SELECT DISTINCT coalesce(value, '') FROM ({query})")
                values = {v for (v,) in found.fetchall()}
            self._allowed_values[key] = values
        return self._allowed_values[key]

    def _found(self, selects: list[str]) -> list[Found]:
        if not selects:
            return []
        rows = self.con.execute(rules.capped(selects, CAP)).fetchall()
        return [Found(*row) for row in rows]


def _unreadable_header(file: str, staged: Staged) -> list[DataProblem]:
    """What frictionless said of a header it could not use (it then checked no cell when
    two labels were the same)."""
    if staged.layout.duplicated:
        return [DataProblem(file, None, None, "error", _("fichier illisible (error)"))]
    if staged.layout.unmatched:
        message = _("fichier illisible (unmatched-header)")
        return [DataProblem(file, None, None, "unmatched-header", message)]
    return []


def _encoding_problem(file: str, path: Path) -> DataProblem:
    try:
        path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        message = _("le fichier n'est pas en UTF-8 (octet illisible en position {position})")
        return DataProblem(file, None, None, "encodage", message.format(position=error.start))
    return DataProblem(file, None, None, "encodage", _("le fichier n'est pas en UTF-8"))


def _unreadable(file: str, error: csv.Error) -> DataProblem:
    """A text the csv module refuses: in practice a carriage return alone in a line."""
    log.info("unreadable CSV %s: %s", file, error)
    message = _(
        "le fichier n'est pas un CSV lisible (retour à la ligne isolé au milieu d'une "
        "ligne ?) ; enregistrez-le de nouveau au format CSV"
    )
    return DataProblem(file, None, None, "illisible", message)
