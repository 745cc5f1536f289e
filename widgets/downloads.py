"""Downloads of what a page shows: every table as CSV (comma, French Excel) and .xlsx workbook."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

import pandas as pd
import streamlit as st

from eigdata.exports import UNITS, xlsx_bytes
from eigdata.exports import csv_bytes as csv_bytes
from widgets import links

CSV_DOWNLOADS = [  # (label, separator, file name suffix, key prefix)
    ("Télécharger en CSV (virgule)", ",", "", "dl-comma"),
    ("Télécharger en CSV pour Excel (point-virgule)", ";", "-excel", "dl-semicolon"),
]
XLSX_LABEL = "Télécharger en classeur Excel (.xlsx)"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DEFAULT_SOURCE = (
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
    "euros" or "percent", by default `eigdata.exports.UNITS`, which names every French money
    and share header of the pages.
    """
    workbook = _workbook(
        frame, title or file_stem, source or DEFAULT_SOURCE, links.filters_text(), units or UNITS
    )
    *csv_columns, xlsx_column = st.columns(3)
    for column, (label, sep, suffix, prefix) in zip(csv_columns, CSV_DOWNLOADS, strict=True):
        column.download_button(
            label,
            _csv(frame, sep),
            file_name=f"{file_stem}{suffix}.csv",
            mime="text/csv",
            key=f"{prefix}-{key}",
            on_click="ignore",
        )
    xlsx_column.download_button(
        XLSX_LABEL,
        workbook,
        file_name=f"{file_stem}.xlsx",
        mime=XLSX_MIME,
        key=f"dl-xlsx-{key}",
        on_click="ignore",
    )


def _csv(frame: pd.DataFrame, sep: str) -> Callable[[], bytes]:
    """The CSV's bytes, made on demand."""
    return lambda: csv_bytes(frame, sep)


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

    return make
