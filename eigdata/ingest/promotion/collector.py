"""Problems found while reading a promotion sheet, handed out one per distinct problem."""

from __future__ import annotations

from eigdata.errors import DataProblem
from eigdata.ingest import problems


class Collector:
    """Problems found row by row, handed out grouped (one per distinct problem)."""

    def __init__(self, file_name: str) -> None:
        self.file_name = file_name
        self.found: list[DataProblem] = []

    def add(self, row: int | None, column: str | None, code: str, message: str) -> None:
        self.found.append(DataProblem(self.file_name, row, column, code, message))

    def grouped(self) -> list[DataProblem]:
        """One problem per distinct message, the rows it affects written in the message."""
        return [
            DataProblem(
                g.file,
                None,
                g.column,
                g.code,
                f"{g.message} — {problems.rows_text(g.rows)}" if g.rows else g.message,
            )
            for g in problems.group(self.found)
        ]
