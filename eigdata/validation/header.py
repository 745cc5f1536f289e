"""The header of a CSV: missing, unknown and duplicate columns, and where each column is."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from eigdata.errors import DataProblem
from eigdata.i18n import _
from eigdata.schemas import Dataset
from eigdata.validation.messages import closest


def header_problems(file: str, header: list[str], ds: Dataset) -> list[DataProblem]:
    """Missing, unknown and duplicate columns."""
    problems = []
    for name in ds.columns:
        if name not in header:
            message = _("colonne manquante")
            problems.append(DataProblem(file, 1, name, "colonne-manquante", message))
    for name in header:
        if name not in ds.columns:
            hint = closest(name, ds.columns)
            message = _("colonne inconnue")
            if hint:
                message += _(" ; vouliez-vous dire « {hint} » ?").format(hint=hint)
            problems.append(DataProblem(file, 1, name, "colonne-inconnue", message))
    for name in sorted({n for n in header if header.count(n) > 1}):
        message = _("colonne en double")
        problems.append(DataProblem(file, 1, name, "colonne-en-double", message))
    return problems


@dataclass(frozen=True)
class Layout:
    """Which column of the file holds which field.

    Cells are checked against the field named by each label, spaces around it ignored (as
    frictionless did); values are read by their exact label, from the last column of that
    label a record reaches when it repeats (as `parse_rows` reads them). Positions count
    from 1.
    """

    ds: Dataset
    header: tuple[str, ...]

    @property
    def width(self) -> int:
        return len(self.header)

    @cached_property
    def labels(self) -> list[str]:
        """The labels as compared to field names (spaces around them ignored)."""
        return [label.strip() for label in self.header]

    @property
    def duplicated(self) -> bool:
        """Two labels name the same column: cells cannot be checked by field."""
        return len(set(self.labels)) != len(self.labels)

    @property
    def unmatched(self) -> bool:
        """No label names a field of the schema."""
        return bool(self.ds.columns) and not set(self.labels) & set(self.ds.columns)

    def fields(self) -> list[tuple[int, dict[str, Any]]]:
        """(position, field) of each field whose column the file has."""
        known = {f["name"]: f for f in self.ds.fields}
        return [(i, known[label]) for i, label in enumerate(self.labels, 1) if label in known]

    def field_position(self, name: str) -> int | None:
        """Where the cells of a field are checked."""
        return next((i for i, label in enumerate(self.labels, 1) if label == name), None)

    def positions(self, name: str) -> list[int]:
        """Where the value of a column is read, by its exact label: the last of these
        positions a record reaches (as `parse_rows` reads a repeated label)."""
        return [i for i, label in enumerate(self.header, 1) if label == name][::-1]
