"""The dashboard's two languages: French (the source text, the default) and English.

Texts are written in French in the code and wrapped in `_()`; one gettext catalogue per
language, `eigdata/i18n/<lang>.po` (read with babel), gives each its text in that language.
The language of the current script run is a context variable that the interface sets
(`use`); `eigdata` reads it through `_()` and `lang()`, so readers and messages need no
extra argument. `make catalogues` adds the texts newly wrapped in the code to both
catalogues; `tests/test_i18n.py` checks that nothing is missing.
"""

from __future__ import annotations

from contextvars import ContextVar
from functools import cache
from pathlib import Path

from babel.messages.pofile import read_po

LANGUAGES = ("fr", "en")
DEFAULT = "fr"
NAMES = {"fr": "Français", "en": "English"}
LOCALES = {"fr": "fr_FR", "en": "en_GB"}
FOLDER = Path(__file__).parent

_current: ContextVar[str] = ContextVar("eig_language", default=DEFAULT)


def use(language: str | None) -> str:
    """Make `language` (French when unknown or missing) the language of this run."""
    chosen = language if language in LANGUAGES else DEFAULT
    _current.set(chosen)
    return chosen


def lang() -> str:
    """The language of this run: "fr" or "en"."""
    return _current.get()


def locale() -> str:
    """The babel locale of this run's language (fr_FR, en_GB)."""
    return LOCALES[lang()]


def catalogue_path(language: str) -> Path:
    return FOLDER / f"{language}.po"


@cache
def catalogue(language: str) -> dict[str, str]:
    """French text → its text in `language` (translated entries only)."""
    with catalogue_path(language).open("rb") as handle:
        messages = read_po(handle, locale=LOCALES[language])
    return {m.id: m.string for m in messages if m.id and isinstance(m.id, str) and m.string}


def _(text: str) -> str:
    """`text` (French) in the language of this run; itself when it has no translation."""
    if lang() == DEFAULT:
        return text
    return catalogue(lang()).get(text) or text


def N_(text: str) -> str:
    """Mark `text` for the catalogues where it is defined (a module constant, read once at
    import); translate it with `_()` where it is shown."""
    return text


def pick(fr: object, en: object) -> str:
    """The label of this run's language from a pair of label columns (French when the
    English one is empty)."""
    if lang() == "en" and isinstance(en, str) and en.strip():
        return en
    return "" if fr is None else str(fr)
