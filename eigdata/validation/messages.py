"""Messages of the problems found by the checks (French, or English when the run is), with
the closest allowed value."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

from eigdata import formatting as fmt
from eigdata.errors import DataProblem
from eigdata.i18n import N_, _
from eigdata.schemas import Dataset

TYPE_NAMES = {  # shown through _()
    "integer": N_("un nombre entier"),
    "number": N_("un nombre (point décimal)"),
    "boolean": N_("vrai ou faux (true/false, 1/0)"),
    "date": N_("une date AAAA-MM-JJ"),
    "string": N_("du texte"),
}
OTHER_VALUE = N_("une autre valeur")
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
    """The `DataProblem` of one finding, worded in the run's language; `hint` is the closest
    allowed value of an unknown reference."""
    message = _message(ds, found, hint)
    if found.nth == CAP and found.total > CAP:
        message += _cap_note(found)
    return DataProblem(file, found.row, found.column, found.code, message)


def closest_note(hint: str | None) -> str:
    """« ; valeur la plus proche : « x » » (nothing without a hint)."""
    return _(" ; valeur la plus proche : « {hint} »").format(hint=hint) if hint else ""


def _message(ds: Dataset, found: Found, hint: str | None) -> str:
    cell = found.cell or ""
    if found.code == "type":
        expected = _(TYPE_NAMES.get(ds.field(found.column or "")["type"], OTHER_VALUE))
        return _("« {cell} » n'est pas {expected}").format(cell=cell, expected=expected)
    if found.code == "contrainte":
        return constraint_message(cell, found.detail or "", ds, found.column or "")
    if found.code == "doublon":
        key = found.column if found.detail == "unique" else ", ".join(ds.primary_key)
        return _("valeur en double pour la clé ({key})").format(key=key)
    if found.code == "cellule-en-trop":
        return _("plus de valeurs que de colonnes")
    if found.code == "cellule-manquante":
        return _("valeur manquante (ligne trop courte)")
    fk = ds.foreign_keys[int(found.detail or 0)]
    message = _("« {cell} » n'existe pas dans {file} (colonne {column})").format(
        cell=cell, file=f"{fk.dataset}.csv", column=fk.target
    )
    return message + closest_note(hint)


def constraint_message(cell: str, name: str, ds: Dataset, column: str) -> str:
    """« « 1850 » est inférieur au minimum autorisé (2016) » and the like."""
    constraints: dict[str, Any] = ds.field(column).get("constraints", {})
    if name == "required":
        return _("valeur obligatoire manquante")
    if name == "enum":
        allowed = constraints["enum"]
        hint = closest(cell, [str(a) for a in allowed])
        listed = ", ".join(_("« {value} »").format(value=a) for a in allowed)
        return _("« {cell} » n'est pas une valeur autorisée ({listed})").format(
            cell=cell, listed=listed
        ) + closest_note(hint)
    if name in {"minimum", "maximum", "pattern"}:
        return _(BOUNDS[name]).format(cell=cell, bound=constraints[name])
    return _("« {cell} » ne respecte pas la contrainte {name}").format(cell=cell, name=name)


BOUNDS = {  # shown through _()
    "minimum": N_("« {cell} » est inférieur au minimum autorisé ({bound})"),
    "maximum": N_("« {cell} » dépasse le maximum autorisé ({bound})"),
    "pattern": N_("« {cell} » n'a pas la forme attendue ({bound})"),
}


CAP_NOTES = {  # in a column, in the file; shown through _()
    True: N_(
        " ({total} problèmes de ce type dans cette colonne ; seuls les {cap} premiers sont listés)"
    ),
    False: N_(
        " ({total} problèmes de ce type dans ce fichier ; seuls les {cap} premiers sont listés)"
    ),
}


def _cap_note(found: Found) -> str:
    note = CAP_NOTES[bool(found.column)]
    return _(note).format(total=fmt.number(found.total), cap=fmt.number(CAP))
