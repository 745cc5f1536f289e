"""Read a CSV into DuckDB as text cells, one row per record, numbered as in the file.

A file DuckDB reads exactly as Python's csv module does (no empty line, no lone carriage
return, no space next to a quote, the same number of cells on every line) is read by DuckDB
in parallel; any other file is read record by record by the csv module, in batches, with
the line endings `read_text` + `parse_rows` saw (so the problems of both ways agree). Either
way the records land in a staging table in file order, the header first: a record's number
in the file is its rowid + 1 (the header is 1, an empty line counts). Columns: `c1`… the
cells under the header (NULL past the end of a short record), `blank` whether they are all
empty; for a file read by the csv module also `n`, the number of cells, and `unfilled`,
whether every cell, even past the header's width, is empty (a record `parse_rows` skips).
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from eigdata.schemas import Dataset
from eigdata.validation.header import Layout

MEMORY_LIMIT = "1GB"  # DuckDB spills staging tables to a temporary folder beyond this
TEXT_IN_MEMORY_MAX = 1 << 20  # a longer text is written to a file and read by DuckDB
SCAN_CHUNK = 1 << 22
BATCH = 20_000
RISKY = (b"\n\n", b"\n\r", b'" ', b' "', b'"\t', b'\t"')  # where DuckDB and csv could differ

# A long cell is checked like any other, not a crash of the csv module (as frictionless set it).
csv.field_size_limit(max(csv.field_size_limit(), 2**31 - 2))


@dataclass(frozen=True)
class Staged:
    """A CSV read into DuckDB: its staging table and its header; `exact` when every record
    has as many cells as the header (no `n` nor `unfilled` column then)."""

    table: str
    layout: Layout
    exact: bool

    @property
    def unfilled(self) -> str:
        """The condition of records `parse_rows` skips (every cell empty)."""
        return "blank" if self.exact else "unfilled"


def parse_rows(text: str) -> tuple[list[str], list[dict[str, str]]]:
    """Header and rows of a comma CSV text (rows as dicts of raw strings)."""
    reader = csv.reader(io.StringIO(text))
    header = next(reader, [])
    rows = [dict(zip(header, values, strict=False)) for values in reader if any(values)]
    return header, rows


def configure(con: duckdb.DuckDBPyConnection) -> None:
    """Bounded memory (spilling to the system's temporary folder) and records kept in order."""
    spill = Path(tempfile.gettempdir()) / f"eigdata-duckdb-{os.getpid()}"
    con.execute("SET preserve_insertion_order = true")
    con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
    con.execute(f"SET temp_directory = '{_quote(str(spill))}'")


def stage_file(con: duckdb.DuckDBPyConnection, ds: Dataset, path: Path) -> Staged | None:
    """Read a UTF-8 file (BOM allowed) into DuckDB; None when it has no header.

    Raises UnicodeDecodeError when the file is not UTF-8 (nothing is left staged)."""
    with open(path, encoding="utf-8-sig", newline="\n") as handle:  # as read_text + parse_rows
        header = next(csv.reader(handle), [])
    if not header:
        return None
    layout = Layout(ds, tuple(header))
    table = f"stage_{ds.name}"
    records = _plain(path)
    if records is not None and _read_with_duckdb(con, table, path, len(header), records):
        return Staged(table, layout, exact=True)
    try:
        with open(path, encoding="utf-8-sig", newline="\n") as handle:
            _stage_records(con, table, csv.reader(handle), len(header))
    except (UnicodeDecodeError, csv.Error):
        con.execute(f"DROP TABLE IF EXISTS {_ident(table)}")
        raise
    return Staged(table, layout, exact=False)


def stage_text(con: duckdb.DuckDBPyConnection, ds: Dataset, text: str) -> Staged | None:
    """Read a CSV text into DuckDB; None when it has no header."""
    if len(text) > TEXT_IN_MEMORY_MAX and not text.startswith("\ufeff"):
        with tempfile.TemporaryDirectory(prefix="eigdata-text-") as folder:
            path = Path(folder) / "text.csv"
            path.write_text(text, encoding="utf-8", newline="")
            return stage_file(con, ds, path)
    records = csv.reader(io.StringIO(text))
    header = next(records, [])
    if not header:
        return None
    table = f"stage_{ds.name}"
    _stage_records(con, table, chain([header], records), len(header))
    return Staged(table, Layout(ds, tuple(header)), exact=False)


def stage_frame(con: duckdb.DuckDBPyConnection, ds: Dataset, frame: pd.DataFrame) -> Staged | None:
    """Stage a table held in memory (text, or categorical text, columns) as the CSV of it
    would be staged: the header is record 1, every row the next one. No text is parsed."""
    header = [str(c) for c in frame.columns]
    if not header:
        return None
    table, width = f"stage_{ds.name}", len(header)
    cells = ", ".join(f"c{i} VARCHAR" for i in range(1, width + 1))
    con.execute(f"CREATE OR REPLACE TEMP TABLE {_ident(table)} ({cells}, blank BOOLEAN)")
    con.execute(f"INSERT INTO {_ident(table)} VALUES ({', '.join(['?'] * width)}, false)", header)
    texts = [f"coalesce({_ident(str(c))}::VARCHAR, '')" for c in frame.columns]
    blank = " AND ".join(f"{t} = ''" for t in texts)
    con.register("eigdata_frame", pa.Table.from_pandas(frame, preserve_index=False))
    try:  # Arrow dictionaries: DuckDB reads categorical texts far faster than from pandas
        con.execute(
            f"INSERT INTO {_ident(table)} SELECT {', '.join(texts)}, ({blank}) FROM eigdata_frame"
        )
    finally:
        con.unregister("eigdata_frame")
    return Staged(table, Layout(ds, tuple(header)), exact=True)


def drop(con: duckdb.DuckDBPyConnection, staged: Staged) -> None:
    """Forget a staged file."""
    con.execute(f"DROP TABLE IF EXISTS {_ident(staged.table)}")


def _plain(path: Path) -> int | None:
    """For a file DuckDB reads as the csv module does, how many records it must have (0:
    any number); None for another file.

    Such a file has no carriage return outside a CR LF pair and, if it quotes, no space or
    tab next to a quote and no empty line. DuckDB skips empty lines: a file without quotes
    has none when DuckDB reads one record per line, which the caller checks."""
    lines, last, pending_cr, quoted = 0, b"", False, False
    with open(path, "rb") as handle:
        while chunk := handle.read(SCAN_CHUNK):
            lines += chunk.count(b"\n")
            if pending_cr and not chunk.startswith(b"\n"):
                return None
            pending_cr = chunk.endswith(b"\r")
            body = chunk[:-1] if pending_cr else chunk
            if b"\r" in body and body.count(b"\r") != body.count(b"\r\n"):
                return None
            quoted = quoted or b'"' in chunk
            last = chunk[-1:]
    if pending_cr or (quoted and not _quotes_plain(path)):
        return None
    return 0 if quoted else lines + (1 if last and last != b"\n" else 0)


def _quotes_plain(path: Path) -> bool:
    """No empty line and no space or tab next to a quote (where DuckDB and csv differ)."""
    previous = b""
    with open(path, "rb") as handle:
        while chunk := handle.read(SCAN_CHUNK):
            data = previous + chunk
            if any(token in data for token in RISKY):
                return False
            previous = chunk[-1:]
    return True


def _read_with_duckdb(
    con: duckdb.DuckDBPyConnection, table: str, path: Path, width: int, records: int
) -> bool:
    """Stage a file with DuckDB's reader, strict: False (nothing staged) if any record has
    another number of cells, an unclosed quote or an invalid byte, or if it does not have
    the expected number of `records` (DuckDB skipped an empty line)."""
    columns = ", ".join(f"'c{i}': 'VARCHAR'" for i in range(1, width + 1))
    blank = " AND ".join(f"c{i} = ''" for i in range(1, width + 1))
    try:  # no cell is NULL (a newline is never a whole unquoted cell): DuckDB then keeps
        con.execute(  # the empty cells ending a record, which it otherwise drops
            f"CREATE OR REPLACE TEMP TABLE {_ident(table)} AS SELECT *, ({blank}) AS blank "
            "FROM read_csv($path, header = false, delim = ',', quote = '\"', escape = '\"', "
            "nullstr = chr(10), allow_quoted_nulls = false, auto_detect = false, "
            f"strict_mode = true, columns = {{{columns}}})",
            {"path": str(path)},
        )
    except duckdb.Error:
        con.execute(f"DROP TABLE IF EXISTS {_ident(table)}")
        return False
    if records and con.execute(f"SELECT count(*) FROM {_ident(table)}").fetchone()[0] != records:
        con.execute(f"DROP TABLE {_ident(table)}")
        return False
    return True


def _stage_records(
    con: duckdb.DuckDBPyConnection, table: str, records: Iterable[list[str]], width: int
) -> None:
    """Stage records read by the csv module (the header first), in batches."""
    cells = ", ".join(f"c{i} VARCHAR" for i in range(1, width + 1))
    flags = "blank BOOLEAN, n INTEGER, unfilled BOOLEAN"
    con.execute(f"CREATE OR REPLACE TEMP TABLE {_ident(table)} ({cells}, {flags})")
    for batch in _batches(records):
        con.register("eigdata_batch", _arrow(batch, width))
        try:
            con.execute(f"INSERT INTO {_ident(table)} SELECT * FROM eigdata_batch")
        finally:
            con.unregister("eigdata_batch")


def _batches(records: Iterable[list[str]]) -> Iterator[list[list[str]]]:
    batch: list[list[str]] = []
    for record in records:
        batch.append(record)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _arrow(batch: list[list[str]], width: int) -> pa.Table:
    """A batch of records as columns: cells under the header (None past a short record's
    end), then blank, n and unfilled."""
    padding = [None] * width
    square = [r[:width] if len(r) >= width else r + padding[len(r) :] for r in batch]
    columns = [pa.array(column, pa.string()) for column in zip(*square, strict=True)]
    flags = {
        "blank": pa.array([not any(r[:width]) for r in batch], pa.bool_()),
        "n": pa.array([len(r) for r in batch], pa.int32()),
        "unfilled": pa.array([not any(r) for r in batch], pa.bool_()),
    }
    names = [f"c{i}" for i in range(1, width + 1)]
    return pa.table(dict(zip(names, columns, strict=True)) | flags)


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _quote(text: str) -> str:
    return text.replace("'", "''")
