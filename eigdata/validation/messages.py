"""French messages of the problems found by the checks, with the closest allowed value."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

from eigdata import formatting as fmt
from eigdata.errors import DataProblem
from eigdata.schemas import Dataset

TYPE_NAMES = {
    "integer": "un nombre entier",
    "number": "un nombre (point décimal)",
    "boolean": "vrai ou faux (true/false, 1/0)",
    "date": "une date AAAA-MM-JJ",
    "string": "du texte",
}
CAP = 1_000  # problems listed per file, column and code; the last one says how many in all


@dataclass(frozen=True)
class Found:
    """One problem as the checks return it, before it is worded."""

    row: int
    column: str | None
    code: str
    rank: int  # order of problems sharing a row and a column, as frictionless gave them
    cell: str | None
    detail: str | None  # constraint name, foreign key index, « unique » or « pk »
    nth: int  # its place among the problems of its column and code (from 1)
    total: int  # how many problems of this column and code the file has


def closest(value: str, candidates: list[str]) -> str | None:
    """The candidate closest to `value` (difflib ratio ≥ 0.6), if any."""
    matches = difflib.get_close_matches(value, candidates, n=1, cutoff=0.6)
    return matches[0] if matches else None


def closest_code(value: str, codes: set[str]) -> str | None:
    """The closest code, ignoring case (« Salaire » → « salaires »)."""
    folded = {code.casefold(): code for code in sorted(codes, reverse=True)}
    hint = closest(value.casefold(), sorted(folded))
    return folded[hint] if hint else None


def problem(file: str, ds: Dataset, found: Found, hint: str | None = None) -> DataProblem:
    """The French `DataProblem` of one finding; `hint` is the closest allowed value of an
    unknown reference."""
    message = _message(ds, found, hint)
    if found.nth == CAP and found.total > CAP:
        message += _cap_note(found)
    return DataProblem(file, found.row, found.column, found.code, message)


def _message(ds: Dataset, found: Found, hint: str | None) -> str:
    cell = found.cell or ""
    if found.code == "type":
        expected = TYPE_NAMES.get(ds.field(found.column or "")["type"], "une autre valeur")
        return f"« {cell} » n'est pas {expected}"
    if found.code == "contrainte":
        return constraint_message(cell, found.detail or "", ds, found.column or "")
    if found.code == "doublon":
        key = found.column if found.detail == "unique" else ", ".join(ds.primary_key)
        return f"valeur en double pour la clé ({key})"
    if found.code == "cellule-en-trop":
        return "plus de valeurs que de colonnes"
    if found.code == "cellule-manquante":
        return "valeur manquante (ligne trop courte)"
    fk = ds.foreign_keys[int(found.detail or 0)]
    message = f"« {cell} » n'existe pas dans {fk.dataset}.csv (colonne {fk.target})"
    return message + (f" ; valeur la plus proche : « {hint} »" if hint else "")


def constraint_message(cell: str, name: str, ds: Dataset, column: str) -> str:
    """« « 1850 » est inférieur au minimum autorisé (2016) » and the like."""
    constraints: dict[str, Any] = ds.field(column).get("constraints", {})
    if name == "required":
        return "valeur obligatoire manquante"
    if name == "enum":
        allowed = constraints["enum"]
        hint = closest(cell, [str(a) for a in allowed])
        listed = ", ".join(f"« {a} »" for a in allowed)
        tip = f" ; valeur la plus proche : « {hint} »" if hint else ""
        return f"« {cell} » n'est pas une valeur autorisée ({listed}){tip}"
    if name == "minimum":
        return f"« {cell} » est inférieur au minimum autorisé ({constraints['minimum']})"
    if name == "maximum":
        return f"« {cell} » dépasse le maximum autorisé ({constraints['maximum']})"
    if name == "pattern":
        return f"« {cell} » n'a pas la forme attendue ({constraints['pattern']})"
    return f"« {cell} » ne respecte pas la contrainte {name}"


def _cap_note(found: Found) -> str:
    where = "dans cette colonne" if found.column else "dans ce fichier"
    return (
        f" ({fmt.number(found.total)} problèmes de ce type {where} ; "
        f"seuls les {fmt.number(CAP)} premiers sont listés)"
    )
