"""Problems grouped for people: one line per distinct problem, with the rows it affects.

A file where 30 rows miss the same value gives one line, « fichier reponses.csv, colonne
« campaign » : valeur obligatoire manquante — lignes 2 à 31 (30 lignes) », not 30. Problems
are the same when they have the same file, column, code and message; groups keep the order
in which each problem first appears. The full list (one row per problem) stays available
for download (`tables.problems_frame`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from eigdata import formatting as fmt
from eigdata.errors import DataProblem
from eigdata.i18n import _


@dataclass
class ProblemGroup:
    """One distinct problem and the rows (file line numbers) where it occurs."""

    file: str
    column: str | None
    code: str
    message: str
    rows: list[int] = field(default_factory=list)

    def text(self) -> str:
        """One line in the run's language: location, message, then the rows compressed into
        ranges."""
        parts = [_("fichier {file}").format(file=self.file)]
        if self.column:
            parts.append(_("colonne « {column} »").format(column=self.column))
        suffix = f" — {rows_text(self.rows)}" if self.rows else ""
        line = _("{location} : {message}").format(location=", ".join(parts), message=self.message)
        return line + suffix

    def __str__(self) -> str:
        return self.text()


def group(problems: Iterable[DataProblem]) -> list[ProblemGroup]:
    """One group per distinct (file, column, code, message), in order of first appearance."""
    groups: dict[tuple[str, str | None, str, str], ProblemGroup] = {}
    for problem in problems:
        key = (problem.file, problem.column or None, problem.code, problem.message)
        found = groups.setdefault(key, ProblemGroup(*key))
        if problem.row is not None and problem.row not in found.rows:
            found.rows.append(problem.row)
    for found in groups.values():
        found.rows.sort()
    return list(groups.values())


def lines(problems: Iterable[DataProblem]) -> list[str]:
    """The line of each distinct problem (in the run's language)."""
    return [found.text() for found in group(problems)]


def headline(problems: list[DataProblem]) -> str:
    """« 3 problème(s) distinct(s) sur 45 ligne(s) » (no row count when none has a row)."""
    rows, count = row_count(problems), fmt.number(len(group(problems)))
    if rows:
        text = _("{count} problème(s) distinct(s) sur {rows} ligne(s)")
        return text.format(count=count, rows=fmt.number(rows))
    return _("{count} problème(s) distinct(s)").format(count=count)


def row_count(problems: Iterable[DataProblem]) -> int:
    """How many distinct rows (file, line) the problems affect."""
    return len({(p.file, p.row) for p in problems if p.row is not None})


def rows_text(rows: list[int]) -> str:
    """« ligne 4 », « lignes 2 et 5 (2 lignes) », « lignes 2, 5 à 7 et 12 (5 lignes) »."""
    numbers = sorted(set(rows))
    if len(numbers) == 1:
        return _("ligne {row}").format(row=numbers[0])
    items = [item for run in _runs(numbers) for item in _run_items(run)]
    listed = items[0]
    if len(items) > 1:
        listed = _("{items} et {last}").format(items=", ".join(items[:-1]), last=items[-1])
    return _("lignes {listed} ({count} lignes)").format(
        listed=listed, count=fmt.number(len(numbers))
    )


def _runs(numbers: list[int]) -> list[list[int]]:
    """Consecutive numbers together: [2, 3, 4, 9] → [[2, 3, 4], [9]]."""
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return runs


def _run_items(run: list[int]) -> list[str]:
    """« 5 à 7 » for three or more consecutive rows, each number on its own otherwise."""
    if len(run) >= 3:
        return [_("{first} à {last}").format(first=run[0], last=run[-1])]
    return [str(n) for n in run]
