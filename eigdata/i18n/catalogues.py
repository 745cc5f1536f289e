"""Keep the two catalogues in step with the code: `python -m eigdata.i18n.catalogues`.

Every `_("…")` in dashboard.py, pages/, widgets/ and eigdata/ is a key. French gets each key
as its own text; English keeps its translations, gains the new keys (untranslated, so the
tests fail until they are filled) and loses the keys no longer in the code. Translations may
be given as JSON files (French → English) on the command line.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from eigdata.i18n import FOLDER, LANGUAGES, LOCALES, catalogue_path

ROOT = FOLDER.parent.parent
SOURCES = ("dashboard.py", "pages", "widgets", "eigdata")


def keys_in_code(root: Path = ROOT) -> dict[str, list[tuple[str, int]]]:
    """Every text wrapped in `_()`, with where it is used."""
    found: dict[str, list[tuple[str, int]]] = {}
    for source in SOURCES:
        path = root / source
        folder, only = (path, None) if path.is_dir() else (root, path.name)
        for file, line, text, _comments, _context in extract_from_dir(
            folder,
            method_map=[(only or "**.py", "python")],
            keywords={"_": None, "N_": None},
            comment_tags=(),
        ):
            if isinstance(text, str) and text:
                prefix = "" if only else f"{source}/"
                found.setdefault(text, []).append((prefix + file, line))
    return found


def read(language: str) -> Catalog:
    with catalogue_path(language).open("rb") as handle:
        return read_po(handle, locale=LOCALES[language])


def update(translations: dict[str, str] | None = None) -> dict[str, int]:
    """Rewrite both catalogues from the code; how many English texts are still missing."""
    keys = keys_in_code()
    known = {m.id: m.string for m in read("en") if m.id} if catalogue_path("en").exists() else {}
    known.update(translations or {})
    for language in LANGUAGES:
        catalog = Catalog(locale=LOCALES[language], project="Tableau de bord EIG")
        for key in sorted(keys):
            text = key if language == "fr" else known.get(key, "")
            catalog.add(key, text, locations=keys[key][:3])
        with catalogue_path(language).open("wb") as handle:
            write_po(handle, catalog, width=0, omit_header=True, sort_output=True)
    return {"keys": len(keys), "missing_en": sum(1 for k in keys if not known.get(k))}


def main(argv: list[str]) -> int:
    translations: dict[str, str] = {}
    for name in argv:
        translations.update(json.loads(Path(name).read_text(encoding="utf-8")))
    counts = update(translations)
    print(f"{counts['keys']} textes ; {counts['missing_en']} sans traduction anglaise")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
