"""Tolerant matching of what people type onto the codes the data uses.

Every import compares text the same way (`match_key`): without case, accents, typographic
quotes or apostrophes, inclusive-writing dots, repeated spaces or trailing punctuation.
A `Lookup` maps such keys to codes (a code, its French or English label, or an alias);
`suggest` gives the closest known text for a French hint.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from eigdata.errors import ImportRefused
from eigdata.i18n import _, pick
from eigdata.ingest.detect import Unreadable, read_table

APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'"})
QUOTES = re.compile(r"[\"«»“”„‹›]")
INCLUSIVE_DOT = re.compile(r"(?<=\w)[·•.](?=\w)")
TRAILING = re.compile(r"[\s?!.:;,…*]+$")
SPACES = re.compile(r"\s+")


def match_key(text: object) -> str:
    """The form two texts are compared in: « Développeur·se ? » → « developpeurse »,
    « L’outil  a-t-il été repris ? » → « l'outil a-t-il ete repris »."""
    value = unicodedata.normalize("NFKD", str(text or ""))
    value = "".join(c for c in value if not unicodedata.combining(c))
    value = value.translate(APOSTROPHES)
    value = QUOTES.sub(" ", value)
    value = INCLUSIVE_DOT.sub("", value)
    value = SPACES.sub(" ", value.casefold()).strip()
    return TRAILING.sub("", value).strip()


@dataclass
class Lookup:
    """Texts (codes, labels, aliases) → code, compared with `match_key`."""

    name: str
    keys: dict[str, str] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)

    def add(self, code: str, *texts: str, label: str | None = None) -> None:
        """Make `code` reachable by itself and each of `texts` (first added wins)."""
        for text in (code, *texts):
            if text and str(text).strip():
                self.keys.setdefault(match_key(text), code)
        self.labels.setdefault(code, label or code)

    def get(self, text: str) -> str | None:
        """The code `text` names, or None."""
        return self.keys.get(match_key(text))

    def codes(self) -> list[str]:
        """Every code, in the order added."""
        return list(self.labels)

    def suggest(self, text: str) -> str | None:
        """The label of the closest code (in the run's language), for a « valeur la plus
        proche » hint."""
        close = difflib.get_close_matches(match_key(text), list(self.keys), n=1, cutoff=0.6)
        return self.labels[self.keys[close[0]]] if close else None


def lookup(name: str, rows: Iterable[dict[str, str]], code: str, *texts: str) -> Lookup:
    """A lookup over a dataset's rows: `code` column, plus label/alias columns `texts`
    (an `aliases` column holds several texts separated by « ; »); each code's label is its
    `label_fr` or, in English, its `label_en`."""
    found = Lookup(name)
    for row in rows:
        extra: list[str] = []
        for column in texts:
            value = row.get(column, "") or ""
            extra += value.split(";") if column == "aliases" else [value]
        label = pick(row.get("label_fr") or row[code], row.get("label_en"))
        found.add(row[code], *extra, label=label)
    return found


def profiles(tables: dict[str, list[dict[str, str]]]) -> Lookup:
    """Profiles by code, French or English label, or alias (« Développeuse » → developer)."""
    return lookup(
        "profil", tables.get("profiles", []), "profile", "label_fr", "label_en", "aliases"
    )


def promotions(tables: dict[str, list[dict[str, str]]]) -> Lookup:
    """Promotions by name or English label (« eig 4 », « EIG4 » → EIG 4)."""
    found = lookup("promotion", tables.get("promotions", []), "promotion", "label_en")
    for row in tables.get("promotions", []):
        found.add(row["promotion"], row["promotion"].replace(" ", ""))
    return found


def mapping_rows(raw: bytes, file_name: str = "correspondance.csv") -> list[dict[str, str]]:
    """The rows of a mapping CSV (`colonne,question`, optionally `valeur,reponse`), with
    their headers compared by `match_key`; refused (in the run's language) when unreadable."""
    try:
        table = read_table(file_name, raw)
    except Unreadable as error:
        message = _("Fichier de correspondance illisible : {problem}")
        raise ImportRefused(message.format(problem=error.problem)) from error
    names = [match_key(h) for h in table.header]
    if "colonne" not in names or "question" not in names:
        message = _(
            "Fichier de correspondance {file} : il faut les colonnes « colonne » et "
            "« question » (et, pour les réponses, « valeur » et « reponse »)."
        )
        raise ImportRefused(message.format(file=file_name))
    return [dict(zip(names, row, strict=True)) for row in table.rows]


def read_column_map(raw: bytes, file_name: str = "correspondance.csv") -> dict[str, str]:
    """Header → what it maps to (a question id, a column, an attribute or « ignorer »)."""
    found: dict[str, str] = {}
    for row in mapping_rows(raw, file_name):
        column, target = row.get("colonne", "").strip(), row.get("question", "").strip()
        if column and target and not row.get("valeur", "").strip():
            found.setdefault(column, target)
    return found


def mapping_csv(
    columns: Iterable[tuple[str, str]], values: Iterable[tuple[str, ...]] | None = None
) -> bytes:
    """A mapping CSV: one `colonne,question` row per header (headers only, never a value of
    the file); with `values`, also the columns `valeur,reponse` and one row per answer value
    mapped by hand."""
    extra = ["valeur", "reponse"] if values is not None else []
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["colonne", "question", *extra])
    for header, target in columns:
        if header.strip():
            writer.writerow([header.strip(), target, *["" for __ in extra]])
    writer.writerows(values or [])
    return buffer.getvalue().encode("utf-8")
