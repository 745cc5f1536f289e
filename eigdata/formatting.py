"""French number and date formatting (fr_FR, via babel): 4 800 000 €, 56 %, 6,9, 3 mars 2025."""

from __future__ import annotations

import math
from datetime import date

from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

LOCALE = "fr_FR"
NARROW_NBSP = "\u202f"


def _clean(text: str) -> str:
    """Babel groups with a narrow no-break space; keep it, but make it uniform."""
    return text.replace("\u00a0", NARROW_NBSP)


def number(value: float | int | None, decimals: int = 0) -> str:
    """1 234,5 — French grouping and decimal comma; '—' when missing."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return _clean(format_decimal(value, format=pattern, locale=LOCALE))


def euros(value: float | int | None, cents: bool | None = None) -> str:
    """4 800 000 € or 5 134 558,47 € (cents shown only when the amount has some)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if cents is None:
        cents = round(float(value) * 100) % 100 != 0
    return f"{number(value, 2 if cents else 0)}{NARROW_NBSP}€"


def percent(share: float | None, decimals: int = 0) -> str:
    """56 % from a share of 0.56."""
    if share is None or (isinstance(share, float) and math.isnan(share)):
        return "—"
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "") + " %"
    text = format_percent(share, format=pattern, locale=LOCALE)
    return _clean(text).replace(" %", f"{NARROW_NBSP}%")


def long_date(day: date | None = None) -> str:
    """3 mars 2025 (today when no day is given)."""
    return format_date(day or date.today(), format="long", locale=LOCALE)


def plain(text: str) -> str:
    """The same text with ordinary spaces (for tests and CSV exports)."""
    return text.replace(NARROW_NBSP, " ").replace("\u00a0", " ")
