"""The columns of a promotion sheet: the headers that name each one (French or English),
how each header of the sheet was read, the checks on them and the column-mapping CSV."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from eigdata.i18n import N_, _
from eigdata.ingest import mapping
from eigdata.ingest.detect import Table
from eigdata.ingest.mapping import match_key
from eigdata.ingest.promotion.collector import Collector

if TYPE_CHECKING:
    from eigdata.ingest.promotion.plan import PromotionPlan

IGNORE = "ignorer"
# Column of the sheet -> the headers that name it (French or English), compared by `header_key`.
COLUMNS: dict[str, tuple[str, ...]] = {
    "Personne": (
        "Personne", "Person", "Nom", "Name", "Prénom Nom", "Prénom et nom", "Nom complet",
        "Full name", "Participant", "Participante",
    ),
    "Rôle": ("Rôle", "Role", "Fonction", "Statut"),
    "Profil": ("Profil", "Profile", "Métier", "Spécialité", "Specialty"),
    "Défi": (
        "Défi", "Challenge", "Projet", "Project", "Titre du défi", "Nom du défi",
        "Challenge title", "Titre",
    ),
    "Administration": (
        "Administration", "Host administration", "Administration d'accueil",
        "Structure d'accueil", "Host organisation", "Host organization",
    ),
    "Service": ("Service", "Service d'accueil", "Host service", "Service hôte"),
    "Ville": ("Ville", "City", "Lieu", "Location"),
    "Durée (mois)": (
        "Durée (mois)", "Durée", "Durée en mois", "Duration (months)", "Duration",
        "Mois", "Months",
    ),
}  # fmt: skip
REQUIRED = ("Personne", "Rôle", "Profil", "Défi", "Administration")
IGNORE_WORDS = ("ignorer", "ignore", "ignorée", "aucune", "ne pas importer")
# How a column was read: compared in code, shown through `ColumnMatch.shown_how`.
HOW_KNOWN, HOW_CHOSEN = N_("reconnue"), N_("choisie par l'analyste")
HOW_EMPTY, HOW_UNKNOWN = N_("vide, ignorée"), N_("non reconnue")


@dataclass(frozen=True)
class ColumnMatch:
    """A column of the sheet: its header, the column it is read as (or « ignorer »), how."""

    index: int
    header: str
    target: str  # a key of COLUMNS, IGNORE, or "" when not recognised
    how: str

    @property
    def name(self) -> str:
        """The header as shown to people (« colonne 4 sans titre » when empty)."""
        return self.header.strip() or _("colonne {number} sans titre").format(number=self.index + 1)

    def shown_how(self) -> str:
        """How the column was read, in the run's language (`how` stays French: compared)."""
        return _(self.how)


def header_key(text: str) -> str:
    """Headers compared without case, accents, punctuation: « Durée (mois) » → « duree mois »."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", match_key(text)).split())


HEADERS = {header_key(text): column for column, texts in COLUMNS.items() for text in texts}


def target_of(text: str) -> str | None:
    """The column a header or a mapping value names, IGNORE, or None."""
    key = header_key(text)
    if key in {header_key(w) for w in IGNORE_WORDS}:
        return IGNORE
    return HEADERS.get(key)


def match_columns(table: Table, column_map: dict[str, str] | None = None) -> list[ColumnMatch]:
    """Each header of the sheet matched to a column; the analyst's choices win."""
    chosen = {header_key(k): v for k, v in (column_map or {}).items()}
    out = []
    for index, header in enumerate(table.header):
        values = [row[index] for row in table.rows if index < len(row)]
        if (choice := chosen.get(header_key(header))) and (target := target_of(choice)):
            out.append(ColumnMatch(index, header, target, HOW_CHOSEN))
        elif target := target_of(header):
            out.append(ColumnMatch(index, header, target, HOW_KNOWN))
        elif not any(v.strip() for v in values):
            out.append(ColumnMatch(index, header, IGNORE, HOW_EMPTY))
        else:
            out.append(ColumnMatch(index, header, "", HOW_UNKNOWN))
    return out


def check_columns(plan: PromotionPlan, found: Collector) -> bool:
    """Unmatched columns, a column read twice, required columns absent; False if any."""
    before = len(found.found)
    targets = Counter(c.target for c in plan.columns if c.target not in ("", IGNORE))
    known = _listed(COLUMNS)
    for column in plan.unmatched:
        message = _(
            "colonne non reconnue : associez-la à une colonne ({known}) ou à « ignorer »"
        ).format(known=known)
        found.add(None, column.name, "colonne-inconnue", message)
    for target, count in targets.items():
        if count > 1:
            headers = _listed(c.name for c in plan.columns if c.target == target)
            message = _("{count} colonnes sont lues comme « {target} » ({headers}) : gardez-en une")
            message = message.format(count=count, target=target, headers=headers)
            found.add(None, None, "colonne-double", message)
    for target in REQUIRED:
        if target not in targets:
            message = _("colonne obligatoire absente : « {target} » (en-têtes reconnus : {names})")
            message = message.format(target=target, names=_listed(COLUMNS[target]))
            found.add(None, None, "colonne-absente", message)
    return len(found.found) == before


def _listed(texts: Iterable[str]) -> str:
    """« a », « b » (“a”, “b” in English)."""
    return ", ".join(_("« {value} »").format(value=text) for text in texts)


def mapping_csv(columns: list[ColumnMatch]) -> bytes:
    """`colonne,question`: each header of the sheet and the column it was read as (headers
    only, never a value of the sheet)."""
    return mapping.mapping_csv((c.header, c.target or "") for c in columns)


def read_mapping(raw: bytes, file_name: str = "correspondance.csv") -> dict[str, str]:
    """Header → column (or « ignorer ») from a mapping CSV `colonne,question`."""
    return mapping.read_column_map(raw, file_name)
