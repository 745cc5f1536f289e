"""Dataset rows held column-wise, read as dicts.

`FrameRows` is what `changes.current_tables` and a plan's new tables hold: it reads like a
list of `{column: text}` dicts (what the season imports and their tests iterate) but keeps a
pandas DataFrame whose columns are categoricals of text, so that a table of a million survey
answers costs a few bytes per cell and is filtered, compared (`keys`, `canonical_ids`) and
written (`csv_bytes`, `write_csv`) column by column, never cell by cell in Python.
"""

from __future__ import annotations

import contextlib
import csv
import io
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, overload

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from eigdata.validation import parse_rows

SMALL_FILE = 1 << 18  # bytes: read by `parse_rows` (Arrow's reader has a cost per file)
CACHED_ROWS = 50_000  # tables up to this size keep their dicts once read (as a list would)
CHUNK_ROWS = 131_072  # rows formatted at a time when writing a CSV
KEY_LIMIT = 2**31  # past this many key combinations, compact the key ids
MERGE_LIMIT = 1 << 22  # CSV writing: adjacent columns with fewer combinations may be merged
REUSE = 4  # … when each combination serves at least this many rows


class FrameRows(Sequence[dict[str, str]]):
    """A dataset's rows as a DataFrame of categorical text columns, read as dicts. A small
    table read from a file keeps its dicts too (and makes its DataFrame when first asked)."""

    def __init__(
        self,
        frame: pd.DataFrame | None = None,
        *,
        rows: list[dict[str, str]] | None = None,
        columns: Sequence[str] = (),
        normalised: bool = True,
    ) -> None:
        self._frame = frame
        self._rows = rows
        self._columns = [str(c) for c in frame.columns] if frame is not None else list(columns)
        self.normalised = normalised  # exactly these columns, every value a text

    @classmethod
    def from_rows(cls, columns: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> FrameRows:
        """Rows (dicts) with exactly `columns`, as text ("" for a missing or None value)."""
        found = [{c: _text(r.get(c)) for c in columns} for r in rows]
        return cls(rows=found, columns=columns)

    @classmethod
    def as_read(cls, columns: Sequence[str], rows: list[dict[str, str]]) -> FrameRows:
        """Dicts as a CSV reader gave them (a short row lacks its last columns)."""
        return cls(rows=rows, columns=columns, normalised=False)

    @classmethod
    def empty(cls, columns: Sequence[str]) -> FrameRows:
        """No row, these columns."""
        return cls.from_rows(columns, [])

    @property
    def frame(self) -> pd.DataFrame:
        """The rows as categorical text columns (made from the dicts when first asked)."""
        if self._frame is None:
            rows = self._rows or []
            data = {c: text_column([_text(r.get(c)) for r in rows]) for c in self._columns}
            self._frame = pd.DataFrame(data, index=pd.RangeIndex(len(rows)))
        return self._frame

    @property
    def columns(self) -> list[str]:
        return list(self._columns)

    def __len__(self) -> int:
        return len(self._rows) if self._rows is not None else len(self.frame)

    @overload
    def __getitem__(self, index: int) -> dict[str, str]: ...

    @overload
    def __getitem__(self, index: slice) -> list[dict[str, str]]: ...

    def __getitem__(self, index: int | slice) -> dict[str, str] | list[dict[str, str]]:
        if self._rows is not None or isinstance(index, slice):
            return self.rows()[index]
        position = range(len(self))[index]
        return {c: str(labels(self.frame[c])[codes(self.frame[c])[position]]) for c in self.columns}

    def __iter__(self) -> Iterator[dict[str, str]]:
        if self._rows is not None or len(self) <= CACHED_ROWS:
            yield from self.rows()
            return
        for start in range(0, len(self), CHUNK_ROWS):
            yield from self._dicts(start, start + CHUNK_ROWS)

    def rows(self) -> list[dict[str, str]]:
        """Every row as a dict (kept for the next reads when the table is small)."""
        if self._rows is not None:
            return self._rows
        found = self._dicts(0, len(self))
        if len(self) <= CACHED_ROWS:
            self._rows = found
        return found

    def _dicts(self, start: int, stop: int) -> list[dict[str, str]]:
        columns = self.columns
        values = [labels(self.frame[c])[codes(self.frame[c])[start:stop]] for c in columns]
        return [dict(zip(columns, row, strict=True)) for row in zip(*values, strict=True)]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, FrameRows) and (self._rows is None or other._rows is None):
            return same_rows(self, other)
        if isinstance(other, Sequence) and not isinstance(other, str | bytes):
            return len(self) == len(other) and self.rows() == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __add__(self, other: Iterable[dict[str, str]]) -> list[dict[str, str]]:
        return [*self, *other]

    def __radd__(self, other: Iterable[dict[str, str]]) -> list[dict[str, str]]:
        return [*other, *self]

    def __repr__(self) -> str:
        return f"FrameRows({len(self)} lignes : {', '.join(self.columns)})"

    def where(self, mask: np.ndarray) -> FrameRows:
        """The rows where `mask` is true."""
        return FrameRows(self.frame[mask].reset_index(drop=True))

    def equals(self, column: str, value: str) -> np.ndarray:
        """Whether each row's `column` is exactly `value` (False everywhere for an absent
        column)."""
        if column not in self.frame.columns:
            return np.zeros(len(self), bool)
        found = np.flatnonzero(labels(self.frame[column]) == value)
        return np.isin(codes(self.frame[column]), found)


def present(rows: FrameRows, column: str) -> set[str]:
    """The distinct values a column holds."""
    series = rows.frame[column]
    return {str(t) for t in labels(series)[np.unique(codes(series))]}


def labels(column: pd.Series) -> np.ndarray:
    """The distinct texts of a categorical column, as an object array."""
    return np.asarray(column.cat.categories.to_numpy(), dtype=object)


def codes(column: pd.Series) -> np.ndarray:
    """Each row's index into `labels`."""
    return np.asarray(column.cat.codes.to_numpy())


def categorical(values: np.ndarray | Sequence[str], choices: Sequence[str]) -> pd.Categorical:
    """A categorical from codes into `choices` (distinct texts)."""
    return pd.Categorical.from_codes(
        np.asarray(values), categories=pd.Index(list(choices), dtype=object)
    )


def as_rows(columns: Sequence[str], rows: Sequence[Mapping[str, Any]]) -> FrameRows:
    """Rows with exactly `columns`, in that order, every value as text."""
    if not isinstance(rows, FrameRows):
        return FrameRows.from_rows(columns, rows)
    if rows.normalised and rows.columns == list(columns):
        return rows
    frame = rows.frame
    data = {}
    for column in columns:
        if column in frame.columns:
            data[column] = _text_categorical(frame[column])
        else:
            data[column] = categorical(np.zeros(len(frame), np.int8), [""])
    return FrameRows(pd.DataFrame(data, index=pd.RangeIndex(len(frame))))


def concat(parts: Sequence[FrameRows]) -> FrameRows:
    """Rows of several tables with the same columns, one after the other."""
    data = {}
    for column in parts[0].columns:
        found, texts = _shared([p.frame[column] for p in parts])
        data[column] = categorical(smallest(np.concatenate(found), len(texts)), texts)
    return FrameRows(pd.DataFrame(data, index=pd.RangeIndex(sum(len(p) for p in parts))))


def factorize(values: Sequence[Any]) -> tuple[np.ndarray, list[Any]]:
    """Each value's index into the distinct values, in order of first appearance."""
    array = np.empty(len(values), dtype=object)
    array[:] = values
    found, distinct = pd.factorize(array)
    return found.astype(np.int64), list(distinct)


def _shared(columns: Sequence[pd.Series]) -> tuple[list[np.ndarray], list[str]]:
    """Codes of categorical columns into one list of distinct texts."""
    texts = [labels(c) for c in columns]
    mapped, distinct = factorize(np.concatenate(texts) if texts else [])
    out, start = [], 0
    for column, found in zip(columns, texts, strict=True):
        part = mapped[start : start + len(found)]
        out.append(part[codes(column)] if len(part) else np.zeros(len(column), np.int64))
        start += len(found)
    return out, distinct


def smallest(found: np.ndarray, size: int) -> np.ndarray:
    """Codes in the smallest integer type that holds them."""
    for kind in (np.int8, np.int16, np.int32):
        if size < np.iinfo(kind).max:
            return found.astype(kind)
    return found


def same_rows(first: FrameRows, second: FrameRows) -> bool:
    """Whether two tables hold the same columns and the same texts, row by row."""
    if first.columns != second.columns or len(first) != len(second):
        return False
    for column in first.columns:
        left, right = shared_codes(first.frame[column], second.frame[column])
        if not np.array_equal(left, right):
            return False
    return True


def shared_codes(first: pd.Series, second: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Codes of two categorical columns into the same distinct texts."""
    found, _texts = _shared([first, second])
    return found[0], found[1]


def read_rows(path: Path) -> FrameRows:
    """A dataset CSV (UTF-8, with or without BOM) read as `validation.parse_rows` reads it:
    header, then every row that has a value. Arrow's reader does it column-wise for a big
    file; a small one, or one Arrow reads otherwise (a short or long row, a repeated header),
    is read by `parse_rows`."""
    if path.stat().st_size < SMALL_FILE:
        return _parsed(path)
    header = _raw_header(path)
    if not header or len(set(header)) != len(header):
        return _parsed(path)
    text = pa.dictionary(pa.int32(), pa.string())
    try:
        table = pa_csv.read_csv(
            path,
            parse_options=pa_csv.ParseOptions(newlines_in_values=True),
            convert_options=pa_csv.ConvertOptions(
                column_types=dict.fromkeys(header, text),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, OSError):
        return _parsed(path)
    if table.column_names != header:
        return _parsed(path)
    data = {c: _arrow_categorical(table.column(c)) for c in header}
    found = FrameRows(pd.DataFrame(data, index=pd.RangeIndex(table.num_rows)))
    empty = np.ones(len(found), bool)
    for column in header:
        empty &= found.equals(column, "")
    return found.where(~empty) if empty.any() else found


def _raw_header(path: Path) -> list[str]:
    with open(path, encoding="utf-8-sig", newline="", errors="replace") as handle:
        return next(csv.reader(handle), [])


def _parsed(path: Path) -> FrameRows:
    """The exact reading of `parse_rows`, for a file Arrow reads otherwise."""
    header, rows = parse_rows(path.read_bytes().decode("utf-8-sig"))
    return FrameRows.as_read(list(dict.fromkeys(header)), rows)


def _arrow_categorical(column: pa.ChunkedArray) -> pd.Categorical:
    """A dictionary-encoded Arrow column as a categorical of `str`."""
    if column.num_chunks == 0:
        return text_column([])
    array = (
        column.unify_dictionaries().combine_chunks() if column.num_chunks > 1 else column.chunk(0)
    )
    indices = array.indices.to_numpy(zero_copy_only=False)
    return categorical(indices, array.dictionary.to_pylist())


def text_column(values: Sequence[str]) -> pd.Categorical:
    """A categorical of texts (its distinct values as `str`, in order of appearance)."""
    found, distinct = pd.factorize(np.asarray(values, dtype=object))
    return categorical(found, list(distinct))


def _text_categorical(column: pd.Series) -> pd.Categorical:
    """A column as a categorical whose distinct values are `str` (no missing value)."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        texts = [_text(t) for t in labels(column)]
        if len(set(texts)) == len(texts) and not (codes(column) < 0).any():
            return categorical(codes(column), texts)
        column = column.astype(object)
    return text_column([_text(v) for v in column.tolist()])


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    return str(value)


# --- keys and values compared by meaning ---------------------------------------------------


def key_ids(first: FrameRows, second: FrameRows, columns: Sequence[str]) -> tuple[np.ndarray, ...]:
    """One integer per row identifying its values of `columns` (same values, same id, in
    either table)."""
    total = np.zeros(len(first) + len(second), np.int64)
    size = 1
    for column in columns:
        left, right = shared_codes(_column(first, column), _column(second, column))
        both = np.concatenate([left, right])
        width = int(both.max(initial=0)) + 1
        if size * width >= KEY_LIMIT:
            total = pd.factorize(total)[0].astype(np.int64)
            size = int(total.max(initial=0)) + 1
        total = total * width + both
        size *= width
    return total[: len(first)], total[len(first) :]


def _column(rows: FrameRows, column: str) -> pd.Series:
    if column in rows.frame.columns:
        return rows.frame[column]
    return pd.Series(categorical(np.zeros(len(rows), np.int8), [""]))


def canonical_ids(
    sides: Sequence[tuple[FrameRows, np.ndarray]], column: str, kind: str
) -> list[np.ndarray]:
    """For some rows (table, positions) of each side, an id of the column's value compared
    by meaning (stripped; numbers by value, 800000 == 800000.00; booleans TRUE == true); -1
    marks a value equal to nothing (NaN). Only the texts these rows use are read."""
    index: dict[object, int] = {}
    out = []
    for rows, positions in sides:
        series = _column(rows, column)
        found = codes(series)[positions]
        used, inverse = np.unique(found, return_inverse=True)
        texts = labels(series)[used]
        if kind in {"number", "integer", "boolean"}:
            mapped = np.array([_canonical_id(t, kind, index) for t in texts], np.int64)
        else:
            mapped = _canonical_texts(texts, index)
        out.append(mapped[inverse] if len(mapped) else np.zeros(len(found), np.int64))
    return out


def _canonical_id(text: str, kind: str, index: dict[object, int]) -> int:
    value: object = (text or "").strip()
    if value and kind in {"number", "integer"}:
        with contextlib.suppress(InvalidOperation):
            value = Decimal(str(value)).normalize()
            if value.is_nan():
                return -1
    elif kind == "boolean":
        value = str(value).lower() in {"true", "1"} if value else ""
    return index.setdefault((type(value).__name__, value), len(index))


def _canonical_texts(texts: np.ndarray, index: dict[object, int]) -> np.ndarray:
    """`_canonical_id` of text values (a string column): the stripped text."""
    stripped = [("str", t.strip()) for t in texts]
    return np.array([index.setdefault(t, len(index)) for t in stripped], np.int64)


# --- CSV text as csv.writer writes it ------------------------------------------------------


def csv_bytes(columns: Sequence[str], rows: Sequence[Mapping[str, Any]]) -> bytearray:
    """A CSV (UTF-8, comma, "\\n", these columns in order) exactly as `csv.writer` writes
    it, built column-wise into one buffer of the exact size."""
    header = _line(columns).encode()
    if len(columns) < 2 or not isinstance(rows, FrameRows):
        return bytearray(header + _plain_rows(columns, rows))
    table = as_rows(columns, rows).frame
    pieces = _pieces(columns, table)
    size = len(header) + sum(int(piece.lengths()[piece.codes].sum()) for piece in pieces)
    size += len(table) * (len(pieces) - 1)
    out = bytearray(size)
    view, at = memoryview(out), len(header)
    view[:at] = header
    for chunk in _lines(pieces, len(table)):
        view[at : at + len(chunk)] = chunk
        at += len(chunk)
    pa.default_memory_pool().release_unused()
    return out


def write_csv(path: Path, columns: Sequence[str], rows: Sequence[Mapping[str, Any]]) -> None:
    """Write `csv_bytes` to a file, chunk by chunk."""
    with open(path, "wb") as handle:
        handle.write(_line(columns).encode())
        if len(columns) < 2 or not isinstance(rows, FrameRows):
            handle.write(_plain_rows(columns, rows))
            return
        table = as_rows(columns, rows).frame
        for chunk in _lines(_pieces(columns, table), len(table)):
            handle.write(chunk)
    pa.default_memory_pool().release_unused()  # Arrow's allocator keeps what it freed


def _plain_rows(columns: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows([[r.get(c, "") for c in columns] for r in rows])
    return buffer.getvalue().encode()


@dataclass(frozen=True)
class Piece:
    """Some adjacent columns of the CSV lines: their distinct texts as csv.writer writes
    them (joined by commas; the last piece's with the line end) and each row's code."""

    texts: list[str]
    codes: np.ndarray

    def lengths(self) -> np.ndarray:
        """Each text's length in UTF-8 bytes."""
        return pc.binary_length(pa.array(self.texts, pa.string())).to_numpy()


def _pieces(columns: Sequence[str], table: pd.DataFrame) -> list[Piece]:
    """The columns' escaped texts, adjacent columns merged into one piece while their
    combinations repeat (a respondent's five columns on each of their answer rows): fewer
    texts for Arrow to join per line."""
    groups: list[list[Piece]] = []
    together: list[np.ndarray] = []  # each group's combination of each row
    for position, column in enumerate(columns):
        end = "\n" if position == len(columns) - 1 else ""
        piece = Piece(_escape_all(labels(table[column]), end), codes(table[column]))
        merged = _combined_codes(together[-1], piece, len(table)) if groups else None
        if merged is None:
            groups.append([piece])
            together.append(piece.codes.astype(np.int64))
        else:
            groups[-1].append(piece)
            together[-1] = merged
    return [_joined(group, found) for group, found in zip(groups, together, strict=True)]


def _combined_codes(found: np.ndarray, piece: Piece, count: int) -> np.ndarray | None:
    """Each row's combination of a group and one more column, numbered from 0 (None when
    there would be too many combinations to gain anything)."""
    width = max(len(piece.texts), 1)
    size = (int(found.max(initial=0)) + 1) * width
    if size > MERGE_LIMIT:
        return None
    combined = found * width + piece.codes
    present = np.bincount(combined, minlength=size) > 0
    if present.sum() * REUSE > count:
        return None
    return (np.cumsum(present) - 1)[combined]


def _joined(group: list[Piece], found: np.ndarray) -> Piece:
    """One piece for a group of columns: each combination's texts joined by commas."""
    if len(group) == 1:
        return group[0]
    first = np.zeros(int(found.max(initial=-1)) + 1, np.int64)
    first[found[::-1]] = np.arange(len(found))[::-1]  # a row of each combination
    parts = [np.asarray(p.texts, dtype=object)[p.codes[first]] for p in group]
    texts = [",".join(values) for values in zip(*parts, strict=True)]
    return Piece(texts, smallest(found, len(texts)))


def _escape_all(texts: np.ndarray, end: str) -> list[str]:
    """Each text as csv.writer writes it, followed by `end`."""
    if not SPECIAL.search("".join(texts)):
        return [t + end for t in texts] if end else list(texts)
    return [_escape(t) + end for t in texts]


def _lines(pieces: list[Piece], count: int) -> Iterator[memoryview]:
    """The CSV lines, a chunk of rows at a time (Arrow joins the texts)."""
    arrays = [pa.array(piece.texts or [""], pa.string()) for piece in pieces]
    for start in range(0, count, CHUNK_ROWS):
        parts = [
            pc.take(values, pa.array(piece.codes[start : start + CHUNK_ROWS]))
            for values, piece in zip(arrays, pieces, strict=True)
        ]
        if len(parts) == 1:
            yield _text_buffer(parts[0])
        else:
            yield _text_buffer(pc.binary_join_element_wise(*parts, ","))


def _text_buffer(array: pa.Array) -> memoryview:
    """The UTF-8 bytes of a string array's values, one after the other."""
    offsets = np.frombuffer(array.buffers()[1], np.int32)[
        array.offset : array.offset + len(array) + 1
    ]
    data = array.buffers()[2]
    if data is None:
        return memoryview(b"")
    return memoryview(data).cast("B")[int(offsets[0]) : int(offsets[-1])]


def _line(values: Sequence[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(values)
    return buffer.getvalue()


def _special() -> str:
    """The characters that make csv.writer quote a field (asked, not assumed)."""
    probe = ',"\n\r\t ;\x00\\'
    return "".join(c for c in probe if _line([f"a{c}b", ""]) != f"a{c}b,\n")


SPECIAL = re.compile("[" + re.escape(_special()) + "]")


def _escape(text: str) -> str:
    """One field as csv.writer writes it (quoted when it holds a comma, quote or new line)."""
    if not SPECIAL.search(text):
        return text
    return _line([text, ""])[:-2]


class KeyList(Sequence[str]):
    """Some rows' keys as « value / value » texts, made when read (a million added rows
    cost a million integers, not a million texts)."""

    def __init__(self, rows: FrameRows, columns: Sequence[str], positions: np.ndarray) -> None:
        self._columns = [_column(rows, c) for c in columns]  # the table's own, not copies
        self._positions = smallest(np.asarray(positions), len(rows))

    def __len__(self) -> int:
        return len(self._positions)

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> list[str]: ...

    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [self[i] for i in range(len(self))[index]]
        at = self._positions[range(len(self))[index]]
        return " / ".join(str(labels(c)[codes(c)[at]]) for c in self._columns)

    def __iter__(self) -> Iterator[str]:
        pairs = [(labels(c), codes(c)) for c in self._columns]
        for start in range(0, len(self), CHUNK_ROWS):
            at = self._positions[start : start + CHUNK_ROWS]
            parts = [texts[found[at]] for texts, found in pairs]
            yield from (" / ".join(map(str, key)) for key in zip(*parts, strict=True))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, str | bytes):
            return len(self) == len(other) and list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"KeyList({len(self)} clés)"


def same_sorted(first: FrameRows, second: FrameRows) -> bool:
    """Whether two tables hold the same rows, in any order."""
    if first.columns != second.columns or len(first) != len(second):
        return False
    left, right = [], []
    for column in reversed(first.columns):
        one, two = shared_codes(first.frame[column], second.frame[column])
        left.append(one)
        right.append(two)
    if not left:
        return True
    one, two = np.lexsort(left), np.lexsort(right)
    return all(np.array_equal(a[one], b[two]) for a, b in zip(left, right, strict=True))
