"""Exports of the dashboard's tables: CSV (comma, or `;` for a French Excel) and .xlsx workbooks.

Text a spreadsheet would run as a formula is neutralised in every format (CSV injection);
numbers stay numbers, shown the French way by the workbook's number formats. The export
tables below give the pages' frames French headings while keeping their numbers as numbers.
No Streamlit here.
"""

from __future__ import annotations

import io
import math
from collections.abc import Mapping, Sequence
from datetime import datetime

import pandas as pd
from babel.dates import format_datetime
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

EUROS, PERCENT = "euros", "percent"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ABOUT_SHEET, DATA_SHEET = "À propos", "Données"
DASHBOARD = "Tableau de bord d'impact du programme Entrepreneurs d'intérêt général (EIG)"
NUMBERS_NOTE = (
    "Les nombres sont de vrais nombres (sommes, tris et filtres possibles) : les espaces des "
    "milliers, la virgule décimale, « € » et « % » ne sont qu'un format d'affichage."
)
FORMULAS_NOTE = (
    "Un texte commençant par =, +, -, @, une tabulation ou un retour chariot est précédé "
    "d'une apostrophe, pour qu'aucun tableur ne l'exécute comme une formule."
)
FORMATS = {
    "euros": '#,##0 "€"',
    "cents": '#,##0.00 "€"',
    "percent": "0 %",
    "integer": "#,##0",
    "decimal": "#,##0.0##",
}
BOLD = Font(bold=True)
MIN_WIDTH, MAX_WIDTH = 8, 60
FLOAT_FORMAT = "%.15g"  # 4800000, 0.5, 0.1 (never 4800000.0 nor 0.30000000000000004)
YES_NO = {True: "oui", False: "non"}
SURVEY_TRENDS_SOURCE = (
    "Les campagnes d'enquête du tableau de bord (colonne « Campagne ») ; la colonne "
    "« Remarque » signale les réponses reconstituées à partir des taux publiés."
)


def neutralise(value: object) -> object:
    """Text starting like a formula (=, +, -, @, tab, CR) gets a leading apostrophe;
    anything else, numbers included (negative ones too), is returned as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_bytes(frame: pd.DataFrame, sep: str = ",") -> bytes:
    """UTF-8 with BOM (accents in Excel), CRLF line ends (RFC 4180: a CR in a value is then
    quoted); with ';' the decimal mark is a comma."""
    decimal = "," if sep == ";" else "."
    safe = _csv_safe(frame, decimal)
    text = safe.to_csv(
        index=False, sep=sep, decimal=decimal, float_format=FLOAT_FORMAT, lineterminator="\r\n"
    )
    return text.encode("utf-8-sig")


def _csv_safe(frame: pd.DataFrame, decimal: str) -> pd.DataFrame:
    """Text columns neutralised, « oui »/« non » for booleans, stray floats with `decimal`."""
    safe = frame.copy()
    safe.columns = [neutralise(c) for c in frame.columns]
    for i in range(frame.shape[1]):
        column = frame.iloc[:, i]
        if pd.api.types.is_bool_dtype(column) or not pd.api.types.is_numeric_dtype(column):
            safe.isetitem(i, column.map(lambda v: _csv_cell(v, decimal)))
    return safe


def _csv_cell(value: object, decimal: str) -> object:
    if pd.api.types.is_bool(value):
        return YES_NO[bool(value)]
    if isinstance(value, float) and not math.isnan(value):
        return (FLOAT_FORMAT % value).replace(".", decimal)
    return neutralise(value)


def xlsx_bytes(
    frame: pd.DataFrame,
    *,
    title: str,
    source: str | Sequence[str],
    filters: str,
    generated: datetime,
    units: Mapping[str, str] | None = None,
) -> bytes:
    """A workbook: « À propos » (title, source(s), filters, date of the export) then
    « Données » (French headers, numbers as numbers with French formats, text neutralised).

    `units`: column -> "euros" or "percent" (shares of 1); other numeric columns are
    counts (`#,##0`) or decimals.
    """
    book = Workbook()
    about = book.active
    about.title = ABOUT_SHEET
    sources = [source] if isinstance(source, str) else list(source)
    _about_sheet(about, title, sources, filters, generated, len(frame))
    _data_sheet(book.create_sheet(DATA_SHEET), frame, units or {})
    book.properties.title = title
    book.properties.creator = DASHBOARD
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def french_datetime(moment: datetime) -> str:
    """« 23 novembre 2026 à 12:08 »."""
    return format_datetime(moment, "d MMMM y 'à' HH:mm", locale="fr_FR")


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
    sheet.append([DASHBOARD])
    sheet.append([])
    lines = [("Source" if len(sources) < 2 else "Sources", s) for s in sources[:1]]
    lines += [("", s) for s in sources[1:]]
    lines += [
        ("Filtres appliqués", filters),
        ("Date de l'export", french_datetime(generated)),
        ("Lignes de données", rows),
        ("Nombres", NUMBERS_NOTE),
        ("Formules", FORMULAS_NOTE),
        ("Données", f"feuille « {DATA_SHEET} »"),
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
    if unit == EUROS:
        return FORMATS["cents"] if round(value * 100) % 100 else FORMATS["euros"]
    if unit == PERCENT:
        return FORMATS["percent"]
    return FORMATS["integer"] if float(value).is_integer() else FORMATS["decimal"]


def _xlsx_value(value: object) -> object:
    """A cell's value: empty when missing, « oui »/« non », a number, or neutralised text."""
    if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
        return None
    if pd.api.types.is_bool(value):  # Python or numpy booleans
        return "oui" if value else "non"
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


# Export tables: the pages' frames with French headings, numbers kept as numbers.

UNITS: dict[str, str] = {
    **dict.fromkeys(
        [
            "Enveloppe PIA",
            "Total des dépenses",
            "Total publié",
            "Coût par EIG",
            "Coût par défi",
            "Coût par EIG-mois",
            "Salaires par EIG-mois",
            "Montant",
        ],
        EUROS,
    ),
    **dict.fromkeys(
        [
            "Part de l'enveloppe consommée",
            "Part (site)",
            "Part publiée",
            "Part",
            "IC 95 % (Wilson) : borne basse",
            "IC 95 % (Wilson) : borne haute",
        ],
        PERCENT,
    ),
}
SURVEY_COLUMNS = {
    "campaign": "Campagne (code)",
    "title": "Campagne",
    "year": "Année",
    "question": "Question (code)",
    "measure": "Mesure",
    "group": "Groupe",
    "answer": "Réponse (code)",
    "label": "Réponse",
    "n": "Effectif",
    "denominator": "Répondants (n)",
    "share": "Part",
    "low": "IC 95 % (Wilson) : borne basse",
    "high": "IC 95 % (Wilson) : borne haute",
    "note": "Remarque",
    "privacy": "Confidentialité",
}


def budget_summary(summary: pd.DataFrame) -> pd.DataFrame:
    """`budget.summary` (or `budget.with_total`) as the page's summary table, in numbers."""
    return pd.DataFrame(
        {
            "Promotion": summary["promotion"],
            "Statut": summary["status"],
            "Enveloppe PIA": _cents(summary["envelope"]),
            "Total des dépenses": _cents(summary["spending"]),
            "Part de l'enveloppe consommée": summary["consumed_share"],
            "Dépassement": summary["over_envelope"].map(YES_NO),
            "Total publié": _cents(summary["published_total"]),
            "EIG": _whole(summary["eig"]),
            "Origine du nombre d'EIG": summary["eig_origin"],
            "Défis": _whole(summary["defis"]),
            "Origine du nombre de défis": summary["defis_origin"],
            "EIG-mois": _whole(summary["eig_months"]),
            "Coût par EIG": _cents(summary["cost_per_eig"]),
            "Coût par défi": _cents(summary["cost_per_defi"]),
            "Coût par EIG-mois": _cents(summary["cost_per_eig_month"]),
            "Salaires par EIG-mois": _cents(summary["salary_per_eig_month"]),
        }
    )


def budget_lines(detail: pd.DataFrame) -> pd.DataFrame:
    """`budget.lines` as the page's table of budget lines, amounts in euros as numbers."""
    return pd.DataFrame(
        {
            "Promotion": detail["promotion"],
            "Ligne": detail["line_label"],
            "Nature": detail["kind"],
            "Montant": _cents(detail["amount"]),
            "Statut": detail["status"],
            "Source": detail["source"],
        }
    )


def composition_profiles(mix: pd.DataFrame) -> pd.DataFrame:
    """`composition.profile_mix` as the page's profile table, shares as shares of 1."""
    published = pd.to_numeric(mix["published_share_pct"], errors="coerce").astype(float)
    return pd.DataFrame(
        {
            "Promotion": mix["promotion"],
            "Profil": mix["profile"],
            "EIG (site)": _whole(mix["roster_count"]),
            "Part (site)": mix["roster_share"].astype(float),
            "Part publiée": published / 100,
            "Effectif publié": _whole(mix["published_count"]),
        }
    )


def survey_aggregates(frame: pd.DataFrame) -> pd.DataFrame:
    """A survey download (aggregates only) with French headings; counts as whole numbers."""
    out = frame.rename(columns=SURVEY_COLUMNS)
    for column in ("Effectif", "Répondants (n)", "Année"):
        if column in out.columns:
            out[column] = _whole(out[column])
    return out


def _whole(values: pd.Series) -> pd.Series:
    """Counts as integers (missing ones stay empty)."""
    return pd.to_numeric(values, errors="coerce").round().astype("Int64")


def _cents(values: pd.Series) -> pd.Series:
    """Amounts in euros to the cent."""
    return pd.to_numeric(values, errors="coerce").astype(float).round(2)
