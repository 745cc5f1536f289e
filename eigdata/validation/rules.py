"""The SQL of every check, generated from a Table Schema and the header of the file.

Each check selects the problems of one kind from a staged file (see `staging`) as rows
(rn, col, code, rank, cell, detail); `capped` unions them and keeps the first `cap` of
each column and code. The meaning is frictionless' (the validator this replaces): a value
is read as its type after trimming spaces (integers as Python's int(), numbers as
Decimal(), booleans among the schema's true and false values), constraints are checked on
valid non-empty values, a blank record only gets its key checked, and foreign keys are
checked on the raw text. A value must also fit the column's DuckDB type, so that what
passes the checks always loads.
"""

from __future__ import annotations

from typing import Any

from eigdata.schemas import DUCKDB_TYPES, Dataset, ForeignKey
from eigdata.validation.staging import Staged

SPACES = [*range(9, 14), *range(28, 33), 133, 160, 5760, *range(8192, 8203), 8232, 8233]
SPACES += [8239, 8287, 12288]  # the characters Python's str.strip() removes
INTEGER = r"[+-]?[0-9]+(?:_[0-9]+)*"
NUMBER = (
    r"[+-]?(?:(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?"
    r"|(?i:inf(?:inity)?)|(?i:nan)[0-9]*)"
)
DATE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
PYTHON_END = r"\n?$"  # Python's $ also matches before a final newline
TRUE_VALUES = ["true", "True", "TRUE", "1"]
FALSE_VALUES = ["false", "False", "FALSE", "0"]
RANKS = {"type": 0, "required": 1, "pattern": 4, "minimum": 5, "maximum": 6, "enum": 7}
MISSING, UNIQUE, EXTRA, KEY, REFERENCE = 8, 9, 10, 11, 12
SUPPORTED_TYPES = {"string", "integer", "number", "boolean", "date"}
SUPPORTED = {"required", "unique", "pattern", "enum", "minimum", "maximum"}
NO_VALUE = "SELECT NULL::VARCHAR AS value WHERE false"


def literal(text: str) -> str:
    """A SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def ident(name: str) -> str:
    """A SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def duckdb_type(field: dict[str, Any]) -> str:
    """The column type a field is loaded as."""
    return field.get("duckdbType", DUCKDB_TYPES[field["type"]])


def typed(field: dict[str, Any], ref: str) -> str:
    """The value of a cell as its field's type; NULL when it is not one."""
    kind, target = field["type"], duckdb_type(field)
    if kind == "string":
        return ref
    if kind == "integer":
        text = _strip(ref)
        valid = f"regexp_full_match({text}, {literal(INTEGER)})"
        return f"CASE WHEN {valid} THEN TRY_CAST(replace({text}, '_', '') AS {target}) END"
    if kind == "number":
        text = _number_text(ref)
        valid = f"regexp_full_match({text}, {literal(NUMBER)})"
        return f"CASE WHEN {valid} THEN TRY_CAST({text} AS {target}) END"
    if kind == "boolean":
        trues = ", ".join(literal(v) for v in field.get("trueValues", TRUE_VALUES))
        falses = ", ".join(literal(v) for v in field.get("falseValues", FALSE_VALUES))
        return f"CASE WHEN {ref} IN ({trues}) THEN true WHEN {ref} IN ({falses}) THEN false END"
    if kind == "date":
        valid = f"regexp_full_match({ref}, {literal(DATE)})"
        return f"CASE WHEN {valid} THEN TRY_CAST({ref} AS DATE) END"
    raise ValueError(f"type de champ non pris en charge : {kind}")


def value(field: dict[str, Any], ref: str) -> str:
    """The typed value of a cell, NULL when empty, missing or invalid (as a key compares)."""
    return typed(field, f"NULLIF({ref}, '')")


def cell_checks(staged: Staged) -> list[str]:
    """Types and constraints of every field the file has (not on blank records)."""
    selects = []
    for position, field in staged.layout.fields():
        ref, name = f"c{position}", field["name"]
        constraints = field.get("constraints", {})
        valid = f"{ref} <> ''"
        if field["type"] != "string":
            wrong = f"{valid} AND ({typed(field, ref)}) IS NULL"
            selects.append(_select(staged, name, "type", "type", wrong, ref))
            valid += f" AND ({typed(field, ref)}) IS NOT NULL"
        if constraints.get("required"):
            empty = f"coalesce({ref}, '') = ''"
            selects.append(_select(staged, name, "contrainte", "required", empty, ref))
        for constraint in ("pattern", "minimum", "maximum", "enum"):
            broken = _broken(field, constraint, ref) if constraint in constraints else None
            if broken:
                where = f"{valid} AND {broken}"
                selects.append(_select(staged, name, "contrainte", constraint, where, ref))
    return selects


def shape_checks(staged: Staged) -> list[str]:
    """Records shorter or longer than the header (not blank ones); none when `exact`."""
    if staged.exact:
        return []
    width, table = staged.layout.width, ident(staged.table)
    selects = [
        f"SELECT rowid + 1, NULL, 'cellule-en-trop', {EXTRA}, NULL, NULL FROM "
        f"(SELECT rowid, unnest(range(n - {width})) FROM {table} "
        f"WHERE rowid > 0 AND NOT blank AND n > {width})"
    ]
    for position, label in enumerate(staged.layout.labels, 1):
        selects.append(
            f"SELECT rowid + 1, {literal(label) if label else 'NULL'}, 'cellule-manquante', "
            f"{MISSING}, NULL, NULL FROM {table} "
            f"WHERE rowid > 0 AND NOT blank AND n < {position}"
        )
    return selects


def unique_checks(staged: Staged) -> list[str]:
    """Every record after the first holding a value of a unique field."""
    selects = []
    table = ident(staged.table)
    for position, field in staged.layout.fields():
        if not field.get("constraints", {}).get("unique"):
            continue
        key = value(field, f"c{position}")
        repeated = (
            f"SELECT {key} AS k FROM {table} WHERE rowid > 0 GROUP BY ALL HAVING count(*) > 1"
        )
        numbered = (
            f"SELECT rowid, row_number() OVER (PARTITION BY {key} ORDER BY rowid) AS nth "
            f"FROM {table} WHERE rowid > 0 AND ({key}) IN ({repeated})"
        )
        selects.append(
            f"SELECT rowid + 1, {literal(field['name'])}, 'doublon', {UNIQUE}, NULL, 'unique' "
            f"FROM ({numbered}) WHERE nth > 1"
        )
    return selects


def key_hashes(staged: Staged) -> str | None:
    """The hash of each record's primary key (records whose key is wholly empty left out);
    None when the file lacks a key column (frictionless then did not check the key)."""
    keys = _key_values(staged)
    if keys is None:
        return None
    table = ident(staged.table)
    empty = " AND ".join(f"({k}) IS NULL" for k in keys)
    return f"SELECT hash({', '.join(keys)}) AS h FROM {table} WHERE rowid > 0 AND NOT ({empty})"


def key_check(staged: Staged, repeated: str | None) -> list[str]:
    """Records whose primary key is wholly empty or repeats an earlier record's; only the
    records whose key hash is in the table `repeated` are compared value by value."""
    keys = _key_values(staged)
    if keys is None:
        return []
    table = ident(staged.table)
    empty = " AND ".join(f"({k}) IS NULL" for k in keys)
    head = f"SELECT rowid + 1, NULL, 'doublon', {KEY}, NULL, 'pk'"
    selects = [f"{head} FROM {table} WHERE rowid > 0 AND {empty}"]
    if repeated:
        numbered = (
            f"SELECT rowid, row_number() OVER (PARTITION BY {', '.join(keys)} ORDER BY rowid) "
            f"AS nth FROM {table} WHERE rowid > 0 AND NOT ({empty}) "
            f"AND hash({', '.join(keys)}) IN (SELECT h FROM {ident(repeated)})"
        )
        selects.append(f"{head} FROM ({numbered}) WHERE nth > 1")
    return selects


def _key_values(staged: Staged) -> list[str] | None:
    """The key's values as compared (text as is: equal exactly when their values are)."""
    ds, layout = staged.layout.ds, staged.layout
    positions = [layout.field_position(name) for name in ds.primary_key]
    if not positions or None in positions:
        return None
    fields = [ds.field(name) for name in ds.primary_key]
    return [
        f"NULLIF(c{p}, '')" if f["type"] == "string" else value(f, f"c{p}")
        for f, p in zip(fields, positions, strict=True)
    ]


def reference_check(
    staged: Staged, index: int, fk: ForeignKey, known: str, renumber: bool
) -> str | None:
    """Values of a foreign key column missing from `known` (a query of `value`s), numbered
    as `parse_rows` counts rows (`renumber` when skipped blank records make it differ)."""
    ref = read(staged, fk.column, "r.")
    if ref is None:
        return None
    table = ident(staged.table)
    rows = (
        f"(SELECT *, row_number() OVER (ORDER BY rowid) + 1 AS line FROM {table} "
        f"WHERE rowid > 0 AND NOT {staged.unfilled})"
        if renumber
        else f"(SELECT *, rowid + 1 AS line FROM {table} WHERE rowid > 0)"
    )
    return (
        f"SELECT r.line, {literal(fk.column)}, 'reference-inconnue', {REFERENCE}, {ref}, "
        f"'{index}' FROM {rows} AS r ANTI JOIN ({known}) AS k ON {ref} = k.value "
        f"WHERE {ref} <> ''"
    )


def read(staged: Staged, column: str, prefix: str = "") -> str | None:
    """The cell a column's value is read from (None when the file lacks the column)."""
    refs = [f"{prefix}c{p}" for p in staged.layout.positions(column)]
    if len(refs) > 1:
        return f"coalesce({', '.join(refs)})"
    return refs[0] if refs else None


def known_values(staged: Staged, column: str) -> str:
    """The values a column of a staged file offers to foreign keys (as `key_values`)."""
    ref = read(staged, column)
    if ref is None:
        return NO_VALUE
    table = ident(staged.table)
    return f"SELECT {ref} AS value FROM {table} WHERE rowid > 0 AND NOT {staged.unfilled}"


def counts(staged: Staged) -> str:
    """Rows (records parse_rows keeps), short or long records, skipped blank records."""
    table = ident(staged.table)
    ragged = "0" if staged.exact else f"count(*) FILTER (n <> {staged.layout.width})"
    return (
        f"SELECT count(*) FILTER (NOT {staged.unfilled}), {ragged}, "
        f"count(*) FILTER ({staged.unfilled}) FROM {table} WHERE rowid > 0"
    )


def capped(selects: list[str], cap: int) -> str:
    """All the problems, the first `cap` of each column and code, with their total."""
    union = "\nUNION ALL\n".join(selects)
    return (
        "SELECT rn, col, code, rank, cell, detail, nth, total FROM ("
        "SELECT *, row_number() OVER (PARTITION BY col, code ORDER BY rn, rank) AS nth, "
        "count(*) OVER (PARTITION BY col, code) AS total "
        f"FROM ({union}) AS p(rn, col, code, rank, cell, detail)) "
        f"WHERE nth <= {cap} ORDER BY rn, col, rank"
    )


def load_select(staged: Staged) -> str:
    """The typed rows of a valid file, in the schema's column order (rows parse_rows keeps)."""
    columns = []
    for field in staged.layout.ds.fields:
        ref = read(staged, field["name"])
        expression = value(field, ref) if ref else f"NULL::{duckdb_type(field)}"
        columns.append(f"{expression} AS {ident(field['name'])}")
    table = ident(staged.table)
    return f"SELECT {', '.join(columns)} FROM {table} WHERE rowid > 0 AND NOT {staged.unfilled}"


def table_ddl(ds: Dataset, key: bool) -> str:
    """CREATE TABLE of a dataset's typed table, with its primary key when `key`."""
    columns = ", ".join(f"{ident(f['name'])} {duckdb_type(f)}" for f in ds.fields)
    if key and ds.primary_key:
        columns += f", PRIMARY KEY ({', '.join(ident(c) for c in ds.primary_key)})"
    return f"CREATE TABLE {ident(ds.name)} ({columns})"


def unsupported(ds: Dataset) -> list[str]:
    """The types and constraints of a schema the checks do not know (should be none)."""
    found = []
    for field in ds.fields:
        if field["type"] not in SUPPORTED_TYPES:
            found.append(f"{ds.name}.{field['name']}: type {field['type']}")
        found += [
            f"{ds.name}.{field['name']}: {name}"
            for name in field.get("constraints", {})
            if name not in SUPPORTED
        ]
    return found


def _select(staged: Staged, column: str, code: str, detail: str, where: str, ref: str) -> str:
    cell = "NULL" if detail == "required" else ref
    return (
        f"SELECT rowid + 1, {literal(column)}, '{code}', {RANKS[detail]}, {cell}, "
        f"{literal(detail)} FROM {ident(staged.table)} WHERE rowid > 0 AND NOT blank AND {where}"
    )


def _broken(field: dict[str, Any], constraint: str, ref: str) -> str | None:
    """The condition under which a valid non-empty cell breaks a constraint."""
    bound = field["constraints"][constraint]
    kind = field["type"]
    if constraint == "pattern":
        if kind != "string":
            return None
        anchored = "^" + str(bound) + PYTHON_END  # as re.match("^p$") in frictionless
        return f"NOT regexp_matches({ref}, {literal(anchored)})"
    if constraint in {"minimum", "maximum"}:
        if kind not in {"integer", "number"}:
            return None
        sign = "<" if constraint == "minimum" else ">"
        if kind == "integer":
            return f"({typed(field, ref)}) {sign} {bound}"
        number = f"TRY_CAST({_number_text(ref)} AS DOUBLE)"
        return f"(isnan({number}) OR {number} {sign} {bound})"
    if kind == "string":
        return f"{ref} NOT IN ({', '.join(literal(str(v)) for v in bound)})"
    allowed = ", ".join(f"TRY_CAST({literal(str(v))} AS {duckdb_type(field)})" for v in bound)
    return f"({typed(field, ref)}) NOT IN ({allowed})"


def _strip(ref: str) -> str:
    """The text without the spaces around it, as Python's str.strip()."""
    return f"trim({ref}, {literal(''.join(map(chr, SPACES)))})"


def _number_text(ref: str) -> str:
    return f"replace({_strip(ref)}, '_', '')"
