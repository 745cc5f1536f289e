"""Numbers and dates in the language of the run (babel): 4 800 000 €, 56 %, 6,9, 3 mars 2025
in French; €4,800,000, 56%, 6.9, 3 March 2025 in English."""

from __future__ import annotations

import math
from datetime import date

from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

from eigdata.i18n import lang, locale

NARROW_NBSP = "\u202f"


def _clean(text: str) -> str:
    """Babel groups with a narrow no-break space; keep it, but make it uniform."""
    return text.replace("\u00a0", NARROW_NBSP)


def _missing(value: float | int | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def number(value: float | int | None, decimals: int = 0) -> str:
    """1 234,5 (French grouping and decimal comma) or 1,234.5; '—' when missing."""
    if _missing(value):
        return "—"
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return _clean(format_decimal(value, format=pattern, locale=locale()))


def euros(value: float | int | None, cents: bool | None = None) -> str:
    """4 800 000 € or 5 134 558,47 € (cents shown only when the amount has some); €4,800,000."""
    if _missing(value):
        return "—"
    if cents is None:
        cents = round(float(value) * 100) % 100 != 0
    amount = number(value, 2 if cents else 0)
    if lang() == "en":
        return f"-€{amount[1:]}" if amount.startswith("-") else f"€{amount}"
    return f"{amount}{NARROW_NBSP}€"


def percent(share: float | None, decimals: int = 0) -> str:
    """56 % (56% in English) from a share of 0.56."""
    if _missing(share):
        return "—"
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "") + "%"
    text = _clean(format_percent(share, format=pattern, locale=locale()))
    return text.replace("%", f"{NARROW_NBSP}%") if lang() == "fr" else text


def long_date(day: date | None = None) -> str:
    """3 mars 2025 or 3 March 2025 (today when no day is given)."""
    return format_date(day or date.today(), format="long", locale=locale())


def plain(text: str) -> str:
    """The same text with ordinary spaces (for tests and CSV exports)."""
    return text.replace(NARROW_NBSP, " ").replace("\u00a0", " ")
