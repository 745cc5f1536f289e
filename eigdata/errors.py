"""Exceptions raised by eigdata, and the one place that turns them into messages for people
(in the run's language, `eigdata.i18n`)."""

from __future__ import annotations

from dataclasses import dataclass

from eigdata import formatting as fmt
from eigdata.i18n import _


@dataclass(frozen=True)
class DataProblem:
    """One problem found in an input file, located by file, row and column."""

    file: str
    row: int | None
    column: str | None
    code: str
    message: str

    def location(self) -> str:
        """Location prefix: « fichier x.csv, ligne 3, colonne « amount » » (« file x.csv,
        row 3, column “amount” » in English)."""
        parts = [_("fichier {file}").format(file=self.file)]
        if self.row is not None:
            parts.append(_("ligne {row}").format(row=self.row))
        if self.column:
            parts.append(_("colonne « {column} »").format(column=self.column))
        return ", ".join(parts)

    def __str__(self) -> str:
        return _("{location} : {message}").format(location=self.location(), message=self.message)


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
        super().__init__(_("La requête « {name} » a échoué.").format(name=name))


class ImportRefused(EigDataError):
    """An import or rollback was refused (busy, stale preview, unknown version); nothing changed."""


def user_message(error: Exception, limit: int = 10) -> str:
    """The message shown to a person for any error (never a traceback), in the run's
    language (a refused import says what its raiser wrote)."""
    if isinstance(error, ValidationFailed):
        return problems_message(error.problems, limit)
    if isinstance(error, QueryError):
        return _(
            "La requête « {name} » a échoué. Les données affichées peuvent être incomplètes ; "
            "l'incident est journalisé."
        ).format(name=error.name)
    if isinstance(error, ImportRefused):
        return str(error)
    return _("Une erreur inattendue est survenue ; l'incident est journalisé.")


def problems_message(problems: list[DataProblem], limit: int = 10) -> str:
    """Head line (distinct problems, rows affected), then one line per distinct problem."""
    from eigdata.ingest.problems import headline, lines  # eigdata.ingest imports this module

    found = lines(problems)
    shown = "\n".join(f"- {line}" for line in found[:limit])
    more = len(found) - limit
    tail = (
        "\n" + _("… et {count} autre(s) problème(s) distinct(s).").format(count=fmt.number(more))
        if more > 0
        else ""
    )
    head = _("{problems} ; rien n'a été modifié.").format(problems=headline(problems))
    return f"{head}\n{shown}{tail}"
