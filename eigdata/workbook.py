"""The .xlsx workbook of an export (`eigdata.exports.xlsx_bytes`): « À propos » then « Données ».

Kept apart so that openpyxl (7 MiB of server memory) is imported only when a reader asks
for a workbook.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from datetime import datetime

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from eigdata.exports import (
    ABOUT_SHEET,
    DASHBOARD,
    DATA_SHEET,
    ENGLISH_FORMATS,
    EUROS,
    FORMATS,
    FORMULAS_NOTE,
    MAX_WIDTH,
    MIN_WIDTH,
    NUMBERS_NOTE,
    PERCENT,
    YES_NO,
    export_datetime,
    neutralise,
)
from eigdata.i18n import _, lang

BOLD = Font(bold=True)


def workbook_bytes(
    frame: pd.DataFrame,
    *,
    title: str,
    source: str | Sequence[str],
    filters: str,
    generated: datetime,
    units: Mapping[str, str] | None = None,
) -> bytes:
    """The workbook of `eigdata.exports.xlsx_bytes`."""
    book = Workbook()
    about = book.active
    about.title = _(ABOUT_SHEET)
    sources = [source] if isinstance(source, str) else list(source)
    _about_sheet(about, title, sources, filters, generated, len(frame))
    _data_sheet(book.create_sheet(_(DATA_SHEET)), frame, units or {})
    book.properties.title = title
    book.properties.creator = _(DASHBOARD)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _about_sheet(
    sheet: Worksheet,
    title: str,
    sources: list[str],
    filters: str,
    generated: datetime,
    rows: int,
) -> None:
    sheet.append([_text(title)])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([_(DASHBOARD)])
    sheet.append([])
    lines = [(_("Source") if len(sources) < 2 else _("Sources"), s) for s in sources[:1]]
    lines += [("", s) for s in sources[1:]]
    lines += [
        (_("Filtres appliqués"), filters),
        (_("Date de l'export"), export_datetime(generated)),
        (_("Lignes de données"), rows),
        (_("Nombres"), _(NUMBERS_NOTE)),
        (_("Formules"), _(FORMULAS_NOTE)),
        (_("Données"), _("feuille « {sheet} »").format(sheet=_(DATA_SHEET))),
    ]
    for label, value in lines:
        sheet.append([label, _text(value) if isinstance(value, str) else value])
        sheet.cell(sheet.max_row, 1).font = BOLD
        sheet.cell(sheet.max_row, 2).alignment = Alignment(wrap_text=True, vertical="top")
    sheet.column_dimensions["A"].width = 20
    sheet.column_dimensions["B"].width = 100


def _data_sheet(sheet: Worksheet, frame: pd.DataFrame, units: Mapping[str, str]) -> None:
    sheet.append([_text(str(c)) for c in frame.columns])
    for cell in sheet[1]:
        cell.font = BOLD
    for values in frame.itertuples(index=False, name=None):
        sheet.append([_xlsx_value(v) for v in values])
    for i, column in enumerate(frame.columns, start=1):
        _format_column(sheet, i, units.get(str(column)))
    sheet.freeze_panes = "A2"
    if frame.shape[1]:
        sheet.auto_filter.ref = f"A1:{get_column_letter(frame.shape[1])}{len(frame) + 1}"


def _format_column(sheet: Worksheet, index: int, unit: str | None) -> None:
    """Number formats of one column's numbers, and a width fitting its longest value."""
    width = MIN_WIDTH
    for (cell,) in sheet.iter_rows(min_col=index, max_col=index):
        if isinstance(cell.value, int | float) and cell.row > 1:
            cell.number_format = _number_format(cell.value, unit)
            width = max(width, len(f"{cell.value:,.2f}") + 3)
        elif cell.value is not None:
            width = max(width, len(str(cell.value)) + 2)
    sheet.column_dimensions[get_column_letter(index)].width = min(width, MAX_WIDTH)


def _number_format(value: float, unit: str | None) -> str:
    formats = ENGLISH_FORMATS if lang() == "en" else FORMATS
    if unit == EUROS:
        return formats["cents"] if round(value * 100) % 100 else formats["euros"]
    if unit == PERCENT:
        return formats["percent"]
    return formats["integer"] if float(value).is_integer() else formats["decimal"]


def _xlsx_value(value: object) -> object:
    """A cell's value: empty when missing, « oui »/« non », a number, or neutralised text."""
    if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
        return None
    if pd.api.types.is_bool(value):  # Python or numpy booleans
        return _(YES_NO[bool(value)])
    if isinstance(value, int | float):  # numpy numbers are subclasses or convert below
        return value.item() if hasattr(value, "item") else value
    if hasattr(value, "item") and pd.api.types.is_number(value):
        return value.item()
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)  # a workbook holds no time zone
    return _text(str(value))


def _text(value: str) -> object:
    """Text as a workbook may hold it: no control characters, never a formula."""
    return neutralise(ILLEGAL_CHARACTERS_RE.sub("", value))
