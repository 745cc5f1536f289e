"""Some columns of an upload, read without holding its text: what a 100 000-row survey
export needs (a few columns as integers), never the whole file as Python strings.

`open_table` decodes only the start of the file (encoding, delimiter, header); `Source.columns`
then reads the columns wanted, each as codes into its distinct texts (`Columns`). Results
are those of `detect.read_table`, row numbers and problems included: a CSV without any quote
character is split by Arrow's reader (records are then lines, fields are between delimiters);
another CSV is streamed through Python's `csv` module; a file either cannot read exactly
(a quote left open, a `.xlsx`, UTF-16…) goes through `read_table` itself.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import operator
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv

from eigdata.i18n import _
from eigdata.ingest.detect import (
    Detection,
    Table,
    Unreadable,
    _binary_kind,
    _delimiter,
    _looks_binary,
    _problem,
    read_table,
)

HEAD_BYTES = 4 * 65_536  # enough bytes for the 65 536 characters the delimiter is read from
CHUNK_BYTES = 1 << 20
CHUNK_ROWS = 8_192
BLANK = " \t;,"  # what a cell may hold and still be empty (`detect._filled`)
CP1252_HOLES = (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d")  # bytes cp1252 cannot decode


@dataclass(frozen=True)
class Columns:
    """Some columns of a decoded table: per column, each row's index into its distinct texts."""

    header: list[str]
    row_numbers: np.ndarray  # each data row's record number in the file (header = 1)
    codes: dict[int, np.ndarray]  # column index → code of each row
    distinct: dict[int, list[str]]  # column index → its distinct texts
    detection: Detection

    def __len__(self) -> int:
        return len(self.row_numbers)

    def values(self, index: int) -> list[str]:
        """Every row's text in one column (for small uses)."""
        texts = np.asarray(self.distinct[index], dtype=object)
        return list(texts[self.codes[index]]) if len(texts) else [""] * len(self)


def of_table(table: Table, wanted: Iterable[int]) -> Columns:
    """The wanted columns of a decoded table (an index past a short row reads as "")."""
    wanted = sorted(set(wanted))
    codes, distinct = {}, {}
    for index in wanted:
        found, texts = _factorize([r[index] if index < len(r) else "" for r in table.rows])
        codes[index], distinct[index] = found, texts
    numbers = np.asarray(table.row_numbers, dtype=np.int64)
    return Columns(table.header, numbers, codes, distinct, table.detection)


class Source:
    """An upload opened for reading: header and detection first, then the wanted columns."""

    def __init__(
        self,
        file_name: str,
        raw: bytes,
        detection: Detection,
        header: list[str],
        header_record: int,
        table: Table | None = None,
    ) -> None:
        self.file_name, self.raw, self.detection = file_name, raw, detection
        self.header, self.header_record, self._table = header, header_record, table

    def table(self) -> Table:
        """The whole table, as `read_table` gives it."""
        if self._table is None:
            self._table = read_table(self.file_name, self.raw)
        return self._table

    def columns(self, wanted: Iterable[int]) -> Columns:
        """The wanted columns (indices into the header); raises `Unreadable` as `read_table`
        does (a quote left open, no data row)."""
        wanted = sorted(set(wanted))
        if self._table is not None:
            return of_table(self._table, wanted)
        found = self._split(wanted) if self._plain() else None
        if found is None:
            found = self._stream(wanted)
        if found is None:
            return of_table(self.table(), wanted)
        pa.default_memory_pool().release_unused()  # Arrow's allocator keeps what it freed
        if not len(found):
            message = _("le fichier ne contient que la ligne d'en-tête, aucune donnée")
            raise Unreadable(_problem(self.file_name, "sans-donnees", message))
        return found

    def _plain(self) -> bool:
        """No quote, no NUL, no blank line but at the end, header on the first line: records
        are lines."""
        raw = self.raw
        if self.header_record != 1 or b'"' in raw or b"\x00" in raw:
            return False
        end = len(raw)
        while end and raw[end - 1] in b"\r\n":
            end -= 1
        return not _blank_line(raw, end)

    def _split(self, wanted: list[int]) -> Columns | None:
        """Arrow's reader on a CSV without quotes (None when a line has another width). The
        cells are read as bytes; only each column's distinct values are decoded."""
        table = self._arrow(wanted)
        if table is None:
            return None
        filled = np.zeros(table.num_rows, bool)
        codes, distinct = {}, {}
        for index in wanted:
            codes[index], distinct[index] = self._decoded(table.column(f"f{index}"))
            filled |= _filled(codes[index], distinct[index])
        if not filled.all() and not self._filled_elsewhere(filled, wanted):
            return None
        numbers = np.arange(2, table.num_rows + 2, dtype=np.int64)
        if not filled.all():
            keep = np.flatnonzero(filled)
            numbers, codes = numbers[keep], {i: c[keep] for i, c in codes.items()}
        return Columns(self.header, numbers, codes, distinct, self.detection)

    def _arrow(self, indices: Iterable[int]) -> pa.Table | None:
        """Some columns (as `f<index>`) of every line but the header, as dictionaries of
        bytes; None when a line has another width."""
        names = [f"f{i}" for i in indices]
        options = pa_csv.ConvertOptions(
            include_columns=names,
            column_types=dict.fromkeys(names, pa.dictionary(pa.int32(), pa.binary())),
            strings_can_be_null=False,
            check_utf8=False,
        )
        read = pa_csv.ReadOptions(autogenerate_column_names=True, use_threads=False)
        parse = pa_csv.ParseOptions(delimiter=self.detection.delimiter, quote_char=False)
        try:
            return pa_csv.read_csv(pa.BufferReader(self.raw), read, parse, options).slice(1)
        except pa.ArrowInvalid:
            return None

    def _decoded(self, column: pa.ChunkedArray) -> tuple[np.ndarray, list[str]]:
        """Each row's code and the column's distinct texts (decoded as the file is)."""
        array = _combined(column)
        texts = _texts(array.dictionary, self.detection.encoding or "utf-8")
        return array.indices.to_numpy(zero_copy_only=False).astype(np.int32), texts

    def _filled_elsewhere(self, filled: np.ndarray, wanted: list[int]) -> bool:
        """Complete `filled` (rows with a value) from the columns not wanted."""
        others = [i for i in range(len(self._first_record())) if i not in wanted]
        table = self._arrow(others) if others else None
        if others and table is None:
            return False
        for index in others:
            filled |= _filled(*self._decoded(table.column(f"f{index}")))
        return True

    def _first_record(self) -> list[str]:
        return next(self._reader(strict=False), [])

    def _reader(self, strict: bool) -> Iterable[list[str]]:
        text = io.TextIOWrapper(io.BytesIO(self.raw), encoding=self.detection.encoding, newline="")
        return csv.reader(text, delimiter=self.detection.delimiter or ",", strict=strict)

    def _stream(self, wanted: list[int]) -> Columns | None:
        """Python's `csv` reader, record by record, keeping only the wanted cells (None when
        the file is not strictly well quoted: `read_table` then says what is wrong)."""
        pick = _picker(wanted)
        need = max(wanted, default=-1) + 1
        numbers: list[int] = []
        parts: list[list[str]] = [[] for __ in wanted]
        seen: list[dict[str, str]] = [{} for __ in wanted]
        chunk: list[Sequence[str]] = []
        try:
            for number, record in enumerate(self._reader(strict=True), start=1):
                if number <= self.header_record or not "".join(record).strip(BLANK):
                    continue
                if len(record) < need:
                    record = record + [""] * (need - len(record))
                numbers.append(number)
                chunk.append(pick(record))
                if len(chunk) >= CHUNK_ROWS:
                    _intern(chunk, parts, seen)
        except csv.Error:
            return None
        _intern(chunk, parts, seen)
        codes, distinct = {}, {}
        for index, values in zip(wanted, parts, strict=True):
            codes[index], distinct[index] = _factorize(values)
        numbers_array = np.asarray(numbers, dtype=np.int64)
        return Columns(self.header, numbers_array, codes, distinct, self.detection)


def open_table(file_name: str, raw: bytes) -> Source:
    """Detect an upload's format and read its header; raise `Unreadable` as `read_table`."""
    encoding = _encoding(raw)
    if encoding is None:
        table = read_table(file_name, raw)
        return Source(file_name, raw, table.detection, table.header, 0, table)
    head = codecs.getincrementaldecoder(encoding)().decode(raw[:HEAD_BYTES])
    if head.startswith("\ufeff"):
        table = read_table(file_name, raw)
        return Source(file_name, raw, table.detection, table.header, 0, table)
    ending = "CRLF" if b"\r\n" in raw else ("CR" if b"\r" in raw else "LF")
    delimiter = _delimiter(head)
    csv.field_size_limit(max(csv.field_size_limit(), len(raw)))  # only ever raised
    detection = Detection("csv", encoding, delimiter, ".", ending)
    source = Source(file_name, raw, detection, [], 0)
    for number, record in enumerate(source._reader(strict=False), start=1):
        if "".join(record).strip(BLANK):
            width = len(record)
            while width and not record[width - 1].strip():
                width -= 1
            source.header, source.header_record = record[:width], number
            return source
    table = read_table(file_name, raw)  # says why there is no header
    return Source(file_name, raw, table.detection, table.header, 0, table)


def _encoding(raw: bytes) -> str | None:
    """The encoding `read_table` would decode a CSV text with, checked without decoding it
    whole; None for what only `read_table` reads (empty, binary, .xlsx, UTF-16, mixed)."""
    if not raw or _binary_kind(raw) or _looks_binary(raw):
        return None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    encoding = "utf-8-sig" if raw.startswith(codecs.BOM_UTF8) else "utf-8"
    if _decodes(raw, encoding):
        return encoding
    if encoding == "utf-8-sig" or _utf8_sequences(raw):
        return None
    return "latin-1" if any(byte in raw for byte in CP1252_HOLES) else "cp1252"


def _blank_line(raw: bytes, end: int) -> bool:
    """Whether an empty line comes before `end`: « \\n » followed by « \\n » or « \\r »,
    or « \\r » followed by « \\r » (arrays of bytes, a chunk at a time)."""
    data = np.frombuffer(raw, np.uint8)[:end]
    for start in range(0, len(data), CHUNK_BYTES):
        part = data[start : start + CHUNK_BYTES + 1]
        after = part[1:]
        line_feed, carriage = part[:-1] == 0x0A, part[:-1] == 0x0D
        if (line_feed & ((after == 0x0A) | (after == 0x0D))).any():
            return True
        if (carriage & (after == 0x0D)).any():
            return True
    return False


def _utf8_sequences(raw: bytes) -> bool:
    """Whether `detect.UTF8_MULTIBYTE` matches (a UTF-8 two- or three-byte sequence), by
    arrays of bytes, a chunk at a time."""
    data = np.frombuffer(raw, np.uint8)
    for start in range(0, len(data), CHUNK_BYTES):
        part = data[start : start + CHUNK_BYTES + 2]
        follow = (part >= 0x80) & (part <= 0xBF)
        two = (part[:-1] >= 0xC2) & (part[:-1] <= 0xDF) & follow[1:]
        three = (part[:-2] >= 0xE0) & (part[:-2] <= 0xEF) & follow[1:-1] & follow[2:]
        if two.any() or three.any():
            return True
    return False


def _decodes(raw: bytes, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        for start in range(0, len(raw), CHUNK_BYTES):
            decoder.decode(raw[start : start + CHUNK_BYTES])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _texts(values: pa.Array, encoding: str) -> list[str]:
    """Byte strings decoded: UTF-8 by Arrow; a one-byte encoding (cp1252, latin-1) decoded
    in one piece, then cut at the same offsets (one character per byte)."""
    if encoding.startswith("utf-8"):
        return values.cast(pa.string()).to_pylist()
    if not len(values):
        return []
    offsets = np.frombuffer(values.buffers()[1], np.int32)[values.offset :][: len(values) + 1]
    data = values.buffers()[2]
    raw = bytes(memoryview(data)[offsets[0] : offsets[-1]]) if data is not None else b""
    text = raw.decode(encoding)
    bounds = (offsets - offsets[0]).tolist()
    return [text[a:b] for a, b in itertools.pairwise(bounds)]


def _filled(codes: np.ndarray, texts: list[str]) -> np.ndarray:
    """Per row, whether its cell holds something (`detect._filled`)."""
    found = np.array([bool(t.strip(BLANK)) for t in texts], bool)
    return found[codes] if len(found) else np.zeros(len(codes), bool)


def _combined(column: pa.ChunkedArray) -> pa.DictionaryArray:
    if column.num_chunks == 0:
        return pa.DictionaryArray.from_arrays(pa.array([], pa.int32()), pa.array([], pa.binary()))
    if column.num_chunks == 1:
        return column.chunk(0)
    return column.unify_dictionaries().combine_chunks()


def _picker(wanted: list[int]) -> Callable[[list[str]], Sequence[str]]:
    if not wanted:
        return lambda _record: ()
    if len(wanted) == 1:
        return lambda record: (record[wanted[0]],)
    return operator.itemgetter(*wanted)


def _intern(chunk: list[Sequence[str]], parts: list[list[str]], seen: list[dict[str, str]]) -> None:
    """Move a chunk of rows into the columns, one string object per distinct text."""
    for values, column, known in zip(zip(*chunk, strict=True), parts, seen, strict=False):
        column.extend(map(known.setdefault, values, values))
    chunk.clear()


def _factorize(values: list[str]) -> tuple[np.ndarray, list[str]]:
    found, texts = pd.factorize(np.asarray(values, dtype=object))
    return found.astype(np.int32), [str(t) for t in texts]
