"""Exceptions raised by eigdata, and the one place that turns them into French messages."""

from __future__ import annotations

from dataclasses import dataclass

from eigdata import formatting as fmt


@dataclass(frozen=True)
class DataProblem:
    """One problem found in an input file, located by file, row and column."""

    file: str
    row: int | None
    column: str | None
    code: str
    message: str

    def location(self) -> str:
        """French location prefix: « fichier x.csv, ligne 3, colonne « amount » »."""
        parts = [f"fichier {self.file}"]
        if self.row is not None:
            parts.append(f"ligne {self.row}")
        if self.column:
            parts.append(f"colonne « {self.column} »")
        return ", ".join(parts)

    def __str__(self) -> str:
        return f"{self.location()} : {self.message}"


class EigDataError(Exception):
    """Base class of every error eigdata raises on purpose."""


class ValidationFailed(EigDataError):
    """Input files did not match their schema; nothing was stored."""

    def __init__(self, problems: list[DataProblem]) -> None:
        self.problems = problems
        super().__init__(user_message(self))


class QueryError(EigDataError):
    """A named query failed; the cause is logged, the user gets a short message."""

    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(f"La requête « {name} » a échoué.")


class ImportRefused(EigDataError):
    """An import or rollback was refused (busy, stale preview, unknown version); nothing changed."""


def user_message(error: Exception, limit: int = 10) -> str:
    """The French message shown to a person for any error (never a traceback)."""
    if isinstance(error, ValidationFailed):
        return problems_message(error.problems, limit)
    if isinstance(error, QueryError):
        return (
            f"{error} Les données affichées peuvent être incomplètes ; l'incident est journalisé."
        )
    if isinstance(error, ImportRefused):
        return str(error)
    return "Une erreur inattendue est survenue ; l'incident est journalisé."


def problems_message(problems: list[DataProblem], limit: int = 10) -> str:
    """Head line (distinct problems, rows affected), then one line per distinct problem."""
    from eigdata.ingest.problems import headline, lines  # eigdata.ingest imports this module

    found = lines(problems)
    shown = "\n".join(f"- {line}" for line in found[:limit])
    more = len(found) - limit
    tail = f"\n… et {fmt.number(more)} autre(s) problème(s) distinct(s)." if more > 0 else ""
    return f"{headline(problems)} ; rien n'a été modifié.\n{shown}{tail}"
