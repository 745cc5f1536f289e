"""Exports of the dashboard's tables: CSV (comma, or `;` for a French Excel) and .xlsx workbooks.

Text a spreadsheet would run as a formula is neutralised in every format (CSV injection);
numbers stay numbers, shown by the workbook's number formats (« 1 234 € », or « €1,234 » in
English). The export tables below give the pages' frames headings in the run's language
(`eigdata.i18n`) while keeping their numbers as numbers. No Streamlit here.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import datetime

import pandas as pd
from babel.dates import format_datetime

from eigdata.budget import kind_label, status_label
from eigdata.composition import origin_label
from eigdata.i18n import N_, _, locale

EUROS, PERCENT = "euros", "percent"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ABOUT_SHEET, DATA_SHEET = N_("À propos"), N_("Données")
DASHBOARD = N_("Tableau de bord d'impact du programme Entrepreneurs d'intérêt général (EIG)")
NUMBERS_NOTE = N_(
    "Les nombres sont de vrais nombres (sommes, tris et filtres possibles) : les espaces des "
    "milliers, la virgule décimale, « € » et « % » ne sont qu'un format d'affichage."
)
FORMULAS_NOTE = N_(
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
ENGLISH_FORMATS = FORMATS | {"euros": '"€"#,##0', "cents": '"€"#,##0.00', "percent": "0%"}
MIN_WIDTH, MAX_WIDTH = 8, 60
FLOAT_FORMAT = "%.15g"  # 4800000, 0.5, 0.1 (never 4800000.0 nor 0.30000000000000004)
YES_NO = {True: N_("oui"), False: N_("non")}
SURVEY_TRENDS_SOURCE = N_(  # translate where shown: _(SURVEY_TRENDS_SOURCE)
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
        return _(YES_NO[bool(value)])
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
    « Données » (the frame's headers, numbers as numbers with the formats of the run's
    language, text neutralised); sheet names and labels in the run's language.

    `units`: column -> "euros" or "percent" (shares of 1); other numeric columns are
    counts (`#,##0`) or decimals.
    """
    from eigdata.workbook import workbook_bytes  # openpyxl only when a workbook is asked for

    return workbook_bytes(
        frame, title=title, source=source, filters=filters, generated=generated, units=units
    )


def export_datetime(moment: datetime) -> str:
    """The date of an export in the run's language: « 23 novembre 2026 à 12:08 »,
    « 23 November 2026 at 12:08 »."""
    return format_datetime(moment, _("d MMMM y 'à' HH:mm"), locale=locale())


# Export tables: the pages' frames with headings in the run's language, numbers kept as numbers.

UNITS: dict[str, str] = {  # French headings (N_-marked): `units()` gives the run's language
    **dict.fromkeys(
        [
            N_("Enveloppe PIA"),
            N_("Total des dépenses"),
            N_("Total publié"),
            N_("Coût par EIG"),
            N_("Coût par défi"),
            N_("Coût par EIG-mois"),
            N_("Salaires par EIG-mois"),
            N_("Montant"),
        ],
        EUROS,
    ),
    **dict.fromkeys(
        [
            N_("Part de l'enveloppe consommée"),
            N_("Part (site)"),
            N_("Part publiée"),
            N_("Part"),
            N_("IC 95 % (Wilson) : borne basse"),
            N_("IC 95 % (Wilson) : borne haute"),
        ],
        PERCENT,
    ),
}
SURVEY_COLUMNS = {
    "campaign": N_("Campagne (code)"),
    "title": N_("Campagne"),
    "year": N_("Année"),
    "question": N_("Question (code)"),
    "measure": N_("Mesure"),
    "group": N_("Groupe"),
    "answer": N_("Réponse (code)"),
    "label": N_("Réponse"),
    "n": N_("Effectif"),
    "denominator": N_("Répondants (n)"),
    "share": N_("Part"),
    "low": N_("IC 95 % (Wilson) : borne basse"),
    "high": N_("IC 95 % (Wilson) : borne haute"),
    "note": N_("Remarque"),
    "privacy": N_("Confidentialité"),
}
WHOLE_SURVEY_COLUMNS = ("n", "denominator", "year")  # counts and years: whole numbers


def units() -> dict[str, str]:
    """`UNITS` with the headings of the run's language: money and share columns of the
    export tables (what `widgets.download` formats as € and %)."""
    return {_(heading): unit for heading, unit in UNITS.items()}


def yes_no() -> dict[bool, str]:
    """« oui »/« non » (« yes »/« no ») for booleans shown in a table."""
    return {flag: _(text) for flag, text in YES_NO.items()}


def budget_summary(summary: pd.DataFrame) -> pd.DataFrame:
    """`budget.summary` (or `budget.with_total`) as the page's summary table, in numbers."""
    return pd.DataFrame(
        {
            _("Promotion"): _promotions(summary),
            _("Statut"): summary["status"].map(status_label),
            _("Enveloppe PIA"): _cents(summary["envelope"]),
            _("Total des dépenses"): _cents(summary["spending"]),
            _("Part de l'enveloppe consommée"): summary["consumed_share"],
            _("Dépassement"): summary["over_envelope"].map(yes_no()),
            _("Total publié"): _cents(summary["published_total"]),
            "EIG": _whole(summary["eig"]),
            _("Origine du nombre d'EIG"): summary["eig_origin"].map(origin_label),
            _("Défis"): _whole(summary["defis"]),
            _("Origine du nombre de défis"): summary["defis_origin"].map(origin_label),
            _("EIG-mois"): _whole(summary["eig_months"]),
            _("Coût par EIG"): _cents(summary["cost_per_eig"]),
            _("Coût par défi"): _cents(summary["cost_per_defi"]),
            _("Coût par EIG-mois"): _cents(summary["cost_per_eig_month"]),
            _("Salaires par EIG-mois"): _cents(summary["salary_per_eig_month"]),
        }
    )


def budget_lines(detail: pd.DataFrame) -> pd.DataFrame:
    """`budget.lines` as the page's table of budget lines, amounts in euros as numbers."""
    return pd.DataFrame(
        {
            _("Promotion"): _promotions(detail),
            _("Ligne"): detail["line_label"],
            _("Nature"): detail["kind"].map(kind_label),
            _("Montant"): _cents(detail["amount"]),
            _("Statut"): detail["status"].map(status_label),
            _("Source"): detail["source"],
        }
    )


def composition_profiles(mix: pd.DataFrame) -> pd.DataFrame:
    """`composition.profile_mix` as the page's profile table, shares as shares of 1."""
    published = pd.to_numeric(mix["published_share_pct"], errors="coerce").astype(float)
    return pd.DataFrame(
        {
            _("Promotion"): _promotions(mix),
            _("Profil"): mix["profile"],
            _("EIG (site)"): _whole(mix["roster_count"]),
            _("Part (site)"): mix["roster_share"].astype(float),
            _("Part publiée"): published / 100,
            _("Effectif publié"): _whole(mix["published_count"]),
        }
    )


def survey_aggregates(frame: pd.DataFrame) -> pd.DataFrame:
    """A survey download (aggregates only) with headings in the run's language; counts and
    years as whole numbers."""
    out = frame.copy()
    for column in WHOLE_SURVEY_COLUMNS:
        if column in out.columns:
            out[column] = _whole(out[column])
    return out.rename(columns={code: _(heading) for code, heading in SURVEY_COLUMNS.items()})


def _promotions(frame: pd.DataFrame) -> pd.Series:
    """The promotions of a reader's frame by their name in the run's language."""
    return frame["promotion_label"] if "promotion_label" in frame else frame["promotion"]


def _whole(values: pd.Series) -> pd.Series:
    """Counts as integers (missing ones stay empty)."""
    return pd.to_numeric(values, errors="coerce").round().astype("Int64")


def _cents(values: pd.Series) -> pd.Series:
    """Amounts in euros to the cent."""
    return pd.to_numeric(values, errors="coerce").astype(float).round(2)
