"""Read an uploaded file as people make them: bytes in, a decoded table out.

Handles French Excel/LibreOffice "CSV" (`;`, decimal comma, space or no-break space
thousands, cp1252 or UTF-8 with or without BOM, CRLF), UTF-8 comma CSV, UTF-16 text
exports and `.xlsx`. `read_table` decodes; `conform` maps headers and values onto a
dataset schema (numbers to the dot form, allowed values to their canonical spelling).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation

from eigdata import formatting as fmt
from eigdata.errors import DataProblem
from eigdata.i18n import N_, _
from eigdata.schemas import Dataset

MAX_CELL_CHARS = 10_000
DELIMITERS = (";", ",", "\t")
ENCODING_NAMES = {  # shown through _()
    "utf-8": N_("UTF-8"),
    "utf-8-sig": N_("UTF-8 avec BOM"),
    "utf-16": N_("UTF-16"),
    "cp1252": N_("Windows-1252 (Latin-1)"),
    "latin-1": N_("ISO-8859-1 (Latin-1)"),
}
DELIMITER_NAMES = {  # shown through _()
    ";": N_("point-virgule « ; »"),
    ",": N_("virgule « , »"),
    "\t": N_("tabulation"),
}
TRUE_WORDS = {"true", "vrai", "oui", "yes", "1"}
FALSE_WORDS = {"false", "faux", "non", "no", "0"}
SPACES = re.compile(r"[\s\u00a0\u202f\u2009']")
PLAIN_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)")
COMMA_DECIMAL = re.compile(r"[+-]?[\d\s\u00a0\u202f\u2009.]*,\d+")
DOT_THOUSANDS = re.compile(r"[+-]?\d{1,3}(\.\d{3})+(,\d*)?")
FRENCH_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
CONTROL_BYTES = re.compile(rb"[\x01-\x08\x0b\x0e-\x1f\x7f]")
UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}")
MAGIC = [  # descriptions shown through _()
    (b"\x89PNG", N_("une image PNG")),
    (b"\xff\xd8\xff", N_("une image JPEG")),
    (b"GIF8", N_("une image GIF")),
    (b"%PDF", N_("un document PDF")),
    (b"\xd0\xcf\x11\xe0", N_("un ancien document Office (.xls ou .doc)")),
    (b"\x1f\x8b", N_("une archive compressée (gzip)")),
]


@dataclass(frozen=True)
class Detection:
    """What was detected in an uploaded file, to tell the person."""

    format: str
    encoding: str | None = None
    delimiter: str | None = None
    decimal: str = "."
    line_ending: str | None = None

    def describe(self) -> str:
        """One-liner in the run's language: « CSV, encodage UTF-8, séparateur … »."""
        if self.format == "xlsx":
            return _("classeur Excel (.xlsx), première feuille")
        encoding = ENCODING_NAMES.get(self.encoding or "")
        delimiter = DELIMITER_NAMES.get(self.delimiter or "")
        parts = [
            "CSV",
            _("encodage {encoding}").format(encoding=_(encoding) if encoding else self.encoding),
            _("séparateur {delimiter}").format(
                delimiter=_(delimiter) if delimiter else self.delimiter
            ),
            _("décimale virgule") if self.decimal == "," else _("décimale point"),
        ]
        if self.line_ending:
            parts.append(_("fins de ligne {ending}").format(ending=self.line_ending))
        return ", ".join(parts)


@dataclass(frozen=True)
class Table:
    """A decoded table: header, data rows, and each row's number in the file (header = 1)."""

    header: list[str]
    rows: list[list[str]]
    row_numbers: list[int]
    detection: Detection


class Unreadable(Exception):
    """The file cannot be read as a table; carries the problem (in the run's language)."""

    def __init__(self, problem: DataProblem) -> None:
        self.problem = problem
        super().__init__(str(problem))


def read_table(file_name: str, raw: bytes) -> Table:
    """Decode an upload (CSV text or .xlsx) into a table; raise `Unreadable` if impossible."""
    if not raw:
        message = _("le fichier est vide (0 octet)")
        raise Unreadable(_problem(file_name, "fichier-vide", message))
    kind = _binary_kind(raw)
    if kind == "xlsx":
        return _read_xlsx(file_name, raw)
    if kind:
        message = _(
            "ce fichier est {kind}, pas un tableau ; enregistrez-le au format CSV "
            "(séparateur « ; » ou « , ») ou classeur Excel .xlsx"
        ).format(kind=_(kind))
        raise Unreadable(_problem(file_name, "type-de-fichier", message))
    if _looks_binary(raw):
        message = _("le fichier n'est pas un fichier texte (contenu binaire illisible)")
        raise Unreadable(_problem(file_name, "type-de-fichier", message))
    text, encoding = _decode(file_name, raw)
    text = text.removeprefix("\ufeff")
    ending = "CRLF" if "\r\n" in text else ("CR" if "\r" in text else "LF")
    delimiter = _delimiter(text)
    csv.field_size_limit(max(csv.field_size_limit(), len(text)))  # only ever raised
    records = _records(file_name, text, delimiter)
    detection = Detection("csv", encoding, delimiter, ".", ending)
    return _table(file_name, records, detection)


def conform(
    file_name: str, table: Table, ds: Dataset, aliases: dict[str, str] | None = None
) -> tuple[Table, list[DataProblem]]:
    """Map headers onto schema columns and normalise values for that schema.

    Headers match a column name exactly, or ignoring case, accents, spaces and `_`/`-`,
    or a field's `title`/`aliases` in the schema, or `aliases` (hook for survey question
    wording: text → column). Unmatched headers are kept (validation reports them).
    """
    header = [match_header(name, ds, aliases) for name in table.header]
    fields = {name: ds.field(name) for name in header if name in ds.columns}
    decimal = _decimal(table, header, fields)
    problems = []
    rows = []
    for values, number in zip(table.rows, table.row_numbers, strict=True):
        row = []
        for index, value in enumerate(values):
            column = header[index] if index < len(header) else None
            if len(value) > MAX_CELL_CHARS:
                message = _(
                    "cellule trop longue (plus de {limit} caractères) : guillemet non fermé ?"
                ).format(limit=fmt.number(MAX_CELL_CHARS))
                problems.append(DataProblem(file_name, number, column, "cellule-longue", message))
                value = value[:MAX_CELL_CHARS]
            field = fields.get(column) if column else None
            row.append(normalise_value(value, field, decimal) if field else value)
        rows.append(row)
    detection = replace(table.detection, decimal=decimal)
    return Table(header, rows, table.row_numbers, detection), problems


def match_header(name: str, ds: Dataset, aliases: dict[str, str] | None = None) -> str:
    """The schema column a header names, or the header itself when none matches."""
    name = name.strip().removeprefix("\ufeff").strip()
    if name in ds.columns:
        return name
    wanted = fold(name)
    candidates: dict[str, str] = {fold(k): v for k, v in (aliases or {}).items()}
    for field in ds.fields:
        for text in [field["name"], field.get("title", ""), *field.get("aliases", [])]:
            if text:
                candidates.setdefault(fold(text), field["name"])
    return candidates.get(wanted, name)


def normalise_value(value: str, field: dict, decimal: str) -> str:
    """One cell in the form validation expects (dot numbers, canonical allowed values)."""
    text = value.strip().replace("\r\n", "\n")
    kind = field.get("type")
    if not text:
        return ""
    if kind in {"number", "integer"}:
        return normalise_number(text, decimal)
    if kind == "boolean":
        word = fold(text)
        return "true" if word in TRUE_WORDS else "false" if word in FALSE_WORDS else text
    if kind == "date" and (match := FRENCH_DATE.fullmatch(text)):
        day, month, year = match.groups()
        return f"{year}-{int(month):02d}-{int(day):02d}"
    allowed = field.get("constraints", {}).get("enum")
    if allowed and text not in allowed:
        folded = {fold(a): a for a in allowed}
        if len(folded) == len(allowed):
            return folded.get(fold(text), text)
    return text


def normalise_number(text: str, decimal: str) -> str:
    """`1 234 567,89` → `1234567.89`; anything not a number is returned unchanged."""
    candidate = SPACES.sub("", text.removesuffix("€").strip())
    if decimal == ",":
        if DOT_THOUSANDS.fullmatch(candidate):
            candidate = candidate.replace(".", "")
        candidate = candidate.replace(",", ".")
    candidate = candidate.removeprefix("+")
    return candidate if PLAIN_NUMBER.fullmatch(candidate) else text


def fold(text: str) -> str:
    """Case-, accent- and separator-insensitive form: « Réalisé » → « realise »."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[\s_\-]+", "_", bare.casefold()).strip("_")


def _problem(file_name: str, code: str, message: str, row: int | None = None) -> DataProblem:
    return DataProblem(file_name, row, None, code, message)


def _records(file_name: str, text: str, delimiter: str) -> list[list[str]]:
    """CSV records; a quote left open (the rest of the file in one cell) is refused."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records, starts, line = [], [], 0
    for record in reader:
        records.append(record)
        starts.append(line + 1)
        line = reader.line_num
    try:
        for __ in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True):
            pass
    except csv.Error as error:
        if "unexpected end of data" in str(error) and starts:
            message = _(
                "guillemet non fermé : la cellule ouverte par « \" » court jusqu'à la fin "
                "du fichier"
            )
            raise Unreadable(_problem(file_name, "guillemet", message, starts[-1])) from error
    return records


def _table(file_name: str, records: list[list[str]], detection: Detection) -> Table:
    numbered = [(n, r) for n, r in enumerate(records, start=1) if any(_filled(c) for c in r)]
    if not numbered:
        message = _("le fichier ne contient que des lignes vides")
        raise Unreadable(_problem(file_name, "fichier-vide", message))
    (__, header), data = numbered[0], numbered[1:]
    if not data:
        message = _("le fichier ne contient que la ligne d'en-tête, aucune donnée")
        raise Unreadable(_problem(file_name, "sans-donnees", message))
    width = len(header)
    while width and not header[width - 1].strip():
        width -= 1
    rows = [_trim(r, width) for __, r in data]
    return Table(header[:width], rows, [n for n, __ in data], detection)


def _trim(row: list[str], width: int) -> list[str]:
    """Fit a row to the header: drop empty cells beyond it (Excel's `;;;` padding), pad
    short rows with empty cells (Excel omits trailing empty cells)."""
    while len(row) > width and not row[-1].strip():
        row = row[:-1]
    return row + [""] * (width - len(row))


def _filled(cell: str) -> bool:
    """A cell with content (a lone separator from a misdetected file is not content)."""
    return bool(cell.strip(" \t;,"))


def _binary_kind(raw: bytes) -> str | None:
    """« xlsx », a description of another binary format (French, to show through _()), or
    None for text."""
    for magic, kind in MAGIC:
        if raw.startswith(magic):
            return kind
    if not raw.startswith(b"PK\x03\x04"):
        return None
    try:
        names = set(zipfile.ZipFile(io.BytesIO(raw)).namelist())
    except zipfile.BadZipFile:
        return N_("une archive ZIP endommagée")
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "word/document.xml" in names:
        return N_("un document Word (.docx)")
    if "content.xml" in names:
        return N_("un document OpenDocument (.ods ou .odt)")
    return N_("une archive ZIP")


def _decode(file_name: str, raw: bytes) -> tuple[str, str]:
    """Text and encoding name: UTF-16 or UTF-8 by BOM, strict UTF-8, else cp1252."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16"), "utf-16"
    encoding = "utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else "utf-8"
    try:
        return raw.decode(encoding), encoding
    except UnicodeDecodeError as error:
        if encoding == "utf-8-sig" or UTF8_MULTIBYTE.search(raw):
            line = raw[: error.start].count(b"\n") + 1
            message = _(
                "encodage mélangé : le fichier contient de l'UTF-8 et un octet illisible en "
                "UTF-8 (Windows-1252 ?) ; enregistrez-le entièrement en UTF-8"
            )
            raise Unreadable(_problem(file_name, "encodage", message, line)) from error
    try:
        return raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return raw.decode("latin-1"), "latin-1"


def _looks_binary(raw: bytes) -> bool:
    """NUL bytes or many control bytes (UTF-16 aside): not a text table."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    sample = raw[:65536]
    if b"\x00" in sample:
        return True
    return len(CONTROL_BYTES.findall(sample)) > max(1, len(sample) // 100)


def _delimiter(text: str) -> str:
    """The candidate giving the widest header that most rows agree with."""
    head = text[:65536]
    best, best_score = ",", (0.0, 1)
    for candidate in DELIMITERS:
        try:
            records = [r for r in csv.reader(io.StringIO(head, newline=""), delimiter=candidate)]
        except csv.Error:
            continue
        records = [r for r in records[:50] if any(c.strip() for c in r)]
        if not records or len(records[0]) < 2:
            continue
        width = len(records[0])
        agree = sum(1 for r in records if len(r) == width) / len(records)
        score = (round(agree, 1), width)
        if score > best_score:
            best, best_score = candidate, score
    return best


def _decimal(table: Table, header: list[str], fields: dict[str, dict]) -> str:
    """Comma when a `;`/tab file's number columns hold `1 234,56`-like values."""
    if table.detection.format != "csv" or table.detection.delimiter == ",":
        return "."
    numeric = [i for i, n in enumerate(header) if fields.get(n, {}).get("type") == "number"]
    numeric += [i for i, n in enumerate(header) if fields.get(n, {}).get("type") == "integer"]
    values = [row[i].strip() for row in table.rows for i in numeric if i < len(row)]
    if any(COMMA_DECIMAL.fullmatch(v.removesuffix("€").strip()) for v in values):
        return ","
    if any(re.fullmatch(r"[+-]?\d*\.\d+", v) for v in values):
        return "."
    return ","


def _read_xlsx(file_name: str, raw: bytes) -> Table:
    """The first sheet of a workbook, cells as text (cached values, never formulas)."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
        sheet = book.worksheets[0]
        records = [[_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        book.close()
    except Exception as error:  # openpyxl raises many kinds on a broken workbook
        message = _("classeur .xlsx illisible ou endommagé")
        raise Unreadable(_problem(file_name, "type-de-fichier", message)) from error
    return _table(file_name, records, Detection("xlsx"))


def _cell_text(value: object) -> str:
    """An Excel cell value as the text a CSV would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        try:
            return format(Decimal(repr(value)), "f")
        except InvalidOperation:
            return repr(value)
    return str(value)
