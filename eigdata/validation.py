"""Check a CSV against its declared schema and report every problem in French.

Cell-level checks (types, required values, allowed values, keys) are done by
frictionless from the Table Schema; this module adds header and cross-file
(foreign key) checks and turns everything into `DataProblem`s.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from collections.abc import Iterable

from frictionless import Detector, Resource, Schema

from eigdata.errors import DataProblem
from eigdata.schemas import Dataset

TYPE_NAMES = {
    "integer": "un nombre entier",
    "number": "un nombre (point décimal)",
    "boolean": "vrai ou faux (true/false, 1/0)",
    "date": "une date AAAA-MM-JJ",
    "string": "du texte",
}
CONSTRAINT = re.compile(r'constraint "(\w+)" is "(.*)"')
Known = dict[tuple[str, str], set[str]]


def parse_rows(text: str) -> tuple[list[str], list[dict[str, str]]]:
    """Header and rows of a comma CSV text (rows as dicts of raw strings)."""
    reader = csv.reader(io.StringIO(text))
    header = next(reader, [])
    rows = [dict(zip(header, values, strict=False)) for values in reader if any(values)]
    return header, rows


def header_problems(file: str, header: list[str], ds: Dataset) -> list[DataProblem]:
    """Missing, unknown and duplicate columns."""
    problems = []
    for name in ds.columns:
        if name not in header:
            problems.append(DataProblem(file, 1, name, "colonne-manquante", "colonne manquante"))
    for name in header:
        if name not in ds.columns:
            hint = _closest(name, ds.columns)
            message = "colonne inconnue" + (f" ; vouliez-vous dire « {hint} » ?" if hint else "")
            problems.append(DataProblem(file, 1, name, "colonne-inconnue", message))
    for name in sorted({n for n in header if header.count(n) > 1}):
        problems.append(DataProblem(file, 1, name, "colonne-en-double", "colonne en double"))
    return problems


def cell_problems(file: str, text: str, ds: Dataset) -> list[DataProblem]:
    """Types, required and allowed values, uniqueness and primary key, via frictionless."""
    resource = Resource(
        text.encode("utf-8"),
        format="csv",
        encoding="utf-8",
        schema=Schema.from_descriptor(ds.table_schema()),
        detector=Detector(schema_sync=True),
    )
    report = resource.validate(limit_errors=100_000)
    problems = []
    for task in report.tasks:
        for error in task.errors:
            problem = _translate(file, error, ds)
            if problem is not None:
                problems.append(problem)
    return problems


def foreign_key_problems(
    file: str, rows: list[dict[str, str]], ds: Dataset, known: Known
) -> list[DataProblem]:
    """Values that do not exist in the referenced dataset (e.g. an unknown promotion)."""
    problems = []
    for fk in ds.foreign_keys:
        allowed = known.get((fk.dataset, fk.target))
        if allowed is None:
            continue
        for number, row in enumerate(rows, start=2):
            value = row.get(fk.column, "")
            if value and value not in allowed:
                hint = _closest_code(value, allowed)
                message = f"« {value} » n'existe pas dans {fk.dataset}.csv (colonne {fk.target})"
                if hint:
                    message += f" ; valeur la plus proche : « {hint} »"
                problems.append(DataProblem(file, number, fk.column, "reference-inconnue", message))
    return problems


def validate_text(
    file: str, text: str, ds: Dataset, known: Known | None = None
) -> tuple[list[dict[str, str]], list[DataProblem]]:
    """Every problem of one CSV text, plus its parsed rows."""
    header, rows = parse_rows(text)
    if not header:
        return [], [DataProblem(file, None, None, "fichier-vide", "le fichier est vide")]
    problems = header_problems(file, header, ds)
    problems += cell_problems(file, text, ds)
    problems += foreign_key_problems(file, rows, ds, known or {})
    return rows, sorted(problems, key=lambda p: (p.row or 0, p.column or ""))


def key_values(ds: Dataset, rows: Iterable[dict[str, str]]) -> Known:
    """The values of each column of a dataset, for later foreign key checks."""
    rows = list(rows)
    return {(ds.name, column): {r.get(column, "") for r in rows} for column in ds.columns}


def _closest(value: str, candidates: list[str]) -> str | None:
    matches = difflib.get_close_matches(value, candidates, n=1, cutoff=0.6)
    return matches[0] if matches else None


def _closest_code(value: str, codes: set[str]) -> str | None:
    """The closest code, ignoring case (« Salaire » → « salaires »)."""
    folded = {code.casefold(): code for code in sorted(codes, reverse=True)}
    hint = _closest(value.casefold(), sorted(folded))
    return folded[hint] if hint else None


def _translate(file: str, error, ds: Dataset) -> DataProblem | None:
    """One frictionless error as a French `DataProblem` (header errors are ours)."""
    kind = error.type
    row = getattr(error, "row_number", None)
    column = getattr(error, "field_name", None) or None
    cell = getattr(error, "cell", "")
    if kind in {
        "missing-label",
        "extra-label",
        "incorrect-label",
        "duplicate-label",
        "blank-label",
    }:
        return None
    if kind == "type-error":
        expected = TYPE_NAMES.get(ds.field(column)["type"], "une autre valeur")
        return DataProblem(file, row, column, "type", f"« {cell} » n'est pas {expected}")
    if kind == "constraint-error":
        return DataProblem(
            file, row, column, "contrainte", _constraint_message(cell, error.note, ds, column)
        )
    if kind in {"primary-key", "unique-error"}:
        key = ", ".join(ds.primary_key) if kind == "primary-key" else column
        return DataProblem(file, row, column, "doublon", f"valeur en double pour la clé ({key})")
    if kind == "extra-cell":
        return DataProblem(file, row, None, "cellule-en-trop", "plus de valeurs que de colonnes")
    if kind == "missing-cell":
        return DataProblem(
            file, row, column, "cellule-manquante", "valeur manquante (ligne trop courte)"
        )
    if kind == "blank-row":
        return None
    return DataProblem(file, row, column, kind, f"fichier illisible ({kind})")


def _constraint_message(cell: str, note: str, ds: Dataset, column: str) -> str:
    match = CONSTRAINT.search(note or "")
    name = match.group(1) if match else ""
    constraints = ds.field(column).get("constraints", {})
    if name == "required":
        return "valeur obligatoire manquante"
    if name == "enum":
        allowed = constraints["enum"]
        hint = _closest(str(cell), allowed)
        listed = ", ".join(f"« {a} »" for a in allowed)
        tip = f" ; valeur la plus proche : « {hint} »" if hint else ""
        return f"« {cell} » n'est pas une valeur autorisée ({listed}){tip}"
    if name == "minimum":
        return f"« {cell} » est inférieur au minimum autorisé ({constraints['minimum']})"
    if name == "maximum":
        return f"« {cell} » dépasse le maximum autorisé ({constraints['maximum']})"
    if name == "pattern":
        return f"« {cell} » n'a pas la forme attendue ({constraints['pattern']})"
    if name == "unique":
        return f"« {cell} » apparaît plusieurs fois alors que la valeur doit être unique"
    return f"« {cell} » ne respecte pas la contrainte {name}"
