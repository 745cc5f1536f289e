"""The rows of a promotion sheet read as entries (one per person and défi), and the checks
on their values: missing values, unknown roles and durations, conflicts across rows.

Names are never kept: a person is a token of the name's `match_key` only."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass

from eigdata.i18n import N_, _
from eigdata.ingest.detect import Table, normalise_number
from eigdata.ingest.mapping import Lookup, match_key
from eigdata.ingest.promotion.collector import Collector
from eigdata.ingest.promotion.columns import IGNORE, ColumnMatch

ROLES: dict[str, tuple[str, ...]] = {
    "eig": (
        "EIG", "Entrepreneur", "Entrepreneuse", "Entrepreneur·e", "Entrepreneur d'intérêt général",
        "Entrepreneuse d'intérêt général", "Entrepreneur·e d'intérêt général", "DIG",
        "Designer d'intérêt général", "Designeuse d'intérêt général", "Fellow",
    ),
    "mentor": ("Mentor", "Mentore", "Mentors", "Encadrant", "Encadrante", "Encadrant·e"),
}  # fmt: skip


@dataclass(frozen=True)
class Entry:
    """One row of the sheet, read. `person` is a token of the name's match key, never a name."""

    row: int
    person: str
    role: str
    profile: str
    defi: str
    administration: str
    service: str
    ville: str
    duration: str

    @property
    def defi_key(self) -> str:
        return match_key(self.defi)


def role_of(text: str) -> str | None:
    """« EIG », « mentor », « Encadrante »… → eig or mentor; None when unknown."""
    key = match_key(text)
    for role, texts in ROLES.items():
        if key in {match_key(t) for t in texts}:
            return role
    return None


def read_entries(table: Table, columns: list[ColumnMatch], found: Collector) -> list[Entry]:
    """The rows of the sheet as entries; missing values and unknown roles are noted."""
    where = {c.target: c for c in columns if c.target not in ("", IGNORE)}
    entries = []
    for values, number in zip(table.rows, table.row_numbers, strict=True):
        cell = _cells(values, where)
        for target in ("Personne", "Rôle", "Défi"):
            if not cell(target):
                message = _("valeur obligatoire manquante")
                found.add(number, where[target].name, "manquant", message)
        role = role_of(cell("Rôle")) if cell("Rôle") else ""
        if role is None:
            message = _("rôle inconnu « {role} » (attendu : EIG ou Mentor)")
            found.add(number, where["Rôle"].name, "role-inconnu", message.format(role=cell("Rôle")))
        duration = cell("Durée (mois)")
        if duration and not _months(duration):
            message = _("durée invalide « {duration} » (un nombre de mois entre 1 et 24)")
            message = message.format(duration=duration)
            found.add(number, where["Durée (mois)"].name, "duree-invalide", message)
        entries.append(
            Entry(
                number,
                _person_token(cell("Personne")),
                role or "",
                cell("Profil"),
                cell("Défi"),
                cell("Administration"),
                cell("Service"),
                cell("Ville"),
                _months(duration),
            )
        )
    return entries


DEFI_VALUES = (  # column, Entry attribute, what two different values are (shown through _())
    ("Administration", "administration", N_("deux administrations")),
    ("Service", "service", N_("deux services d'accueil")),
    ("Ville", "ville", N_("deux villes")),
    ("Durée (mois)", "duration", N_("deux durées")),
)


def check_entries(
    entries: list[Entry], columns: list[ColumnMatch], lookup: Lookup, found: Collector
) -> None:
    """Across rows: an EIG with two profiles (compared as profile codes, `lookup`) or none,
    a défi with two administrations (or two services, cities, durations) or none."""
    names = {c.target: c.name for c in columns if c.target not in ("", IGNORE)}
    eig = [e for e in entries if e.role == "eig" and e.person]
    for entry in eig:
        if not entry.profile:
            message = _("profil manquant pour un EIG")
            found.add(entry.row, names["Profil"], "manquant", message)
    for group in grouped_by(eig, lambda e: e.person).values():
        message = _("un même EIG a deux profils différents")
        _conflict(group, "profile", message, names["Profil"], found, lookup.get)
    defis = grouped_by([e for e in entries if e.defi], lambda e: e.defi_key)
    for group in defis.values():
        if not any(e.administration for e in group):
            message = _("administration manquante pour le défi « {defi} »")
            message = message.format(defi=group[0].defi)
            for entry in group:
                found.add(entry.row, names["Administration"], "manquant", message)
        for target, attribute, what in DEFI_VALUES:
            if target in names:
                message = _("le défi « {defi} » est rattaché à {what}")
                message = message.format(defi=group[0].defi, what=_(what))
                _conflict(group, attribute, message, names[target], found)


def _conflict(
    group: list[Entry],
    attribute: str,
    message: str,
    column: str,
    found: Collector,
    code: Callable[[str], str | None] = lambda _text: None,
) -> None:
    """Rows of one person or défi whose non-empty values of `attribute` differ (compared
    by `code`, e.g. the profile code, else by `match_key`)."""
    spellings = {code(v) or match_key(v): v for e in group if (v := getattr(e, attribute))}
    if len(spellings) > 1:
        shown = ", ".join(_("« {value} »").format(value=v) for v in spellings.values())
        for entry in group:
            found.add(entry.row, column, "incoherent", f"{message} ({shown})")


def _cells(values: list[str], where: dict[str, ColumnMatch]) -> Callable[[str], str]:
    def cell(target: str) -> str:
        column = where.get(target)
        if column is None or column.index >= len(values):
            return ""
        return " ".join(values[column.index].split())

    return cell


def _months(text: str) -> str:
    """« 10 », « 10,0 », « 12 mois » → « 10 », « 12 »; "" when not 1 to 24 months."""
    number = normalise_number(re.sub(r"\s*mois$", "", text.strip(), flags=re.I), ",")
    try:
        value = float(number)
    except ValueError:
        return ""
    return str(int(value)) if value.is_integer() and 1 <= value <= 24 else ""


def _person_token(name: str) -> str:
    """A token standing for a person in memory: the hash of the name's match key."""
    key = match_key(name)
    return hashlib.sha256(key.encode()).hexdigest()[:16] if key else ""


def grouped_by(entries: list[Entry], key: Callable[[Entry], str]) -> dict[str, list[Entry]]:
    groups: dict[str, list[Entry]] = {}
    for entry in entries:
        groups.setdefault(key(entry), []).append(entry)
    return groups
