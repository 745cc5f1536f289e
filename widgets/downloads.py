"""Downloads of what a page shows: every table as CSV (comma, French Excel) and .xlsx workbook.

The files are made only when their button is clicked, outside the page's run (Streamlit runs
the callable in another thread): each callable carries the language of the run that drew its
button (`in_language`), so the workbook's labels, yes/no values and dates are in that language.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import TypeVar
from zoneinfo import ZoneInfo

import pandas as pd
import streamlit as st

from eigdata import i18n
from eigdata.exports import csv_bytes as csv_bytes
from eigdata.exports import units as export_units
from eigdata.exports import xlsx_bytes
from eigdata.i18n import N_, _
from widgets import links

T = TypeVar("T")
CSV_DOWNLOADS = [  # (label, separator, file name suffix, key prefix)
    (N_("Télécharger en CSV (virgule)"), ",", "", "dl-comma"),
    (N_("Télécharger en CSV pour Excel (point-virgule)"), ";", "-excel", "dl-semicolon"),
]
XLSX_LABEL = N_("Télécharger en classeur Excel (.xlsx)")
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DEFAULT_SOURCE = N_(
    "Tableau de bord d'impact du programme EIG : documents publiés par le programme (rapport "
    "d'évaluation 2019, article de juin 2020), site du programme et enquêtes ; la page indique "
    "la source de chaque chiffre."
)
PARIS = ZoneInfo("Europe/Paris")


def download(
    frame: pd.DataFrame,
    file_stem: str,
    key: str,
    *,
    title: str | None = None,
    source: str | Sequence[str] | None = None,
    units: Mapping[str, str] | None = None,
) -> None:
    """Download what is shown, side by side: comma CSV, French Excel CSV (';' and decimal
    comma), or a workbook naming the source, the filters applied and the date. Each file is
    made only when its button is clicked (a page rerun costs nothing). `units`: column ->
    "euros" or "percent", by default `eigdata.exports.units()`, which names every money and
    share header of the pages in the run's language. A `source` given as one text may be an
    `N_()`-marked constant (e.g. `exports.SURVEY_TRENDS_SOURCE`): it is translated here.
    """
    about = _(source) if isinstance(source, str) else source
    workbook = _workbook(
        frame,
        title or file_stem,
        about or _(DEFAULT_SOURCE),
        links.filters_text(),
        units or export_units(),
    )
    *csv_columns, xlsx_column = st.columns(3)
    for column, (label, sep, suffix, prefix) in zip(csv_columns, CSV_DOWNLOADS, strict=True):
        column.download_button(
            _(label),
            _csv(frame, sep),
            file_name=f"{file_stem}{suffix}.csv",
            mime="text/csv",
            key=f"{prefix}-{key}",
            on_click="ignore",
        )
    xlsx_column.download_button(
        _(XLSX_LABEL),
        workbook,
        file_name=f"{file_stem}.xlsx",
        mime=XLSX_MIME,
        key=f"dl-xlsx-{key}",
        on_click="ignore",
    )


def in_language(make: Callable[[], T]) -> Callable[[], T]:
    """`make`, run in the language of this run whenever and wherever it is called (a
    download's callable runs later, in a thread of its own)."""
    language = i18n.lang()

    def run() -> T:
        before = i18n.lang()
        i18n.use(language)
        try:
            return make()
        finally:
            i18n.use(before)

    return run


def _csv(frame: pd.DataFrame, sep: str) -> Callable[[], bytes]:
    """The CSV's bytes, made on demand (« oui »/« non » in the run's language)."""
    return in_language(lambda: csv_bytes(frame, sep))


def _workbook(
    frame: pd.DataFrame,
    title: str,
    source: str | Sequence[str],
    filters: str,
    units: Mapping[str, str],
) -> Callable[[], bytes]:
    """The workbook's bytes, made on demand and dated then; the filters are those drawn now."""

    def make() -> bytes:
        moment = datetime.now(PARIS)
        return xlsx_bytes(
            frame, title=title, source=source, filters=filters, generated=moment, units=units
        )

    return in_language(make)
