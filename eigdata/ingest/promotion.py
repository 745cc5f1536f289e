"""Import a new promotion from its roster sheet: one row per person and défi.

`plan_promotion` reads the sheet (`detect.read_table`: .xlsx, French Excel CSV…), matches its
headers (French or English, `mapping.match_key`), checks every value and computes, without
writing anything, one `changes.ChangePlan` with the new full content of sources, promotions,
roster_defis, roster_members, roster_member_defis (and roster_defi_key_figures when a promotion
is replaced): the current rows of every other promotion, plus the new ones. `apply_promotion`
stores it as one change; `changes.undo_change` undoes it.

Names are never stored: a person is recognised across the rows of one sheet by the
`match_key` of the name only, and gets a new pseudonymous identifier `P<nnn>`. Problems are
grouped: one per distinct problem, naming the column and the rows.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from eigdata import composition
from eigdata import formatting as fmt
from eigdata.errors import DataProblem, ImportRefused, ValidationFailed
from eigdata.ingest import changes, impact, mapping, problems
from eigdata.ingest.changes import ChangePlan, ChangeResult, Rows, Tables
from eigdata.ingest.detect import Detection, Table, Unreadable, normalise_number, read_table
from eigdata.ingest.mapping import Lookup, match_key, profiles, promotions

ACTION = "import-promotion"
ROLE_SOURCE = "feuille de promotion"
IGNORE = "ignorer"
PROGRAMMES = ("EIG", "DIG")
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
ROLES: dict[str, tuple[str, ...]] = {
    "eig": (
        "EIG", "Entrepreneur", "Entrepreneuse", "Entrepreneur·e", "Entrepreneur d'intérêt général",
        "Entrepreneuse d'intérêt général", "Entrepreneur·e d'intérêt général", "DIG",
        "Designer d'intérêt général", "Designeuse d'intérêt général", "Fellow",
    ),
    "mentor": ("Mentor", "Mentore", "Mentors", "Encadrant", "Encadrante", "Encadrant·e"),
}  # fmt: skip
HOW_KNOWN, HOW_CHOSEN = "reconnue", "choisie par l'analyste"
HOW_EMPTY, HOW_UNKNOWN = "vide, ignorée", "non reconnue"


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
        return self.header.strip() or f"colonne {self.index + 1} sans titre"


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


@dataclass(frozen=True)
class GroupShare:
    """EIG of one profile group in the promotion, as the composition page shows them."""

    group: str
    label: str
    count: int
    share: float


@dataclass(frozen=True)
class OtherPromotion:
    """Another promotion after the import: its counts and whether any of its figures moved."""

    promotion: str
    eig: float
    defis: float
    unchanged: bool

    def line(self) -> str:
        """« EIG 4 : 41 EIG, 17 défis — inchangée »."""
        state = "inchangée" if self.unchanged else "modifiée"
        return (
            f"{self.promotion} : {fmt.number(self.eig)} EIG, {_count(self.defis, 'défi')} — {state}"
        )


@dataclass
class Preview:
    """What the promotion will look like on the dashboard, and what else moves."""

    promotion: str
    eig: int
    mentors: int
    defis: int
    new_host_services: list[str]
    returning_host_services: list[str]
    profile_mix: list[GroupShare]
    unknown_profiles: list[tuple[str, int]]
    others: list[OtherPromotion]
    figure_changes: list[impact.Change]

    def hosts_line(self) -> str:
        """« Services d'accueil : 4 nouveaux (AESN, …), 1 déjà accueillant (HAS). »"""
        new = _hosts(self.new_host_services, "nouveau", "nouveaux")
        returning = _hosts(self.returning_host_services, "déjà accueillant", "déjà accueillants")
        return f"Services d'accueil : {new}, {returning}."

    def lines(self) -> list[str]:
        """The preview in French, one line per fact (the command line prints them)."""
        mix = " ; ".join(
            f"{g.label} {fmt.number(g.count)} ({fmt.percent(g.share)})" for g in self.profile_mix
        )
        out = [
            f"Promotion {self.promotion} : {fmt.number(self.eig)} EIG, "
            f"{_count(self.mentors, 'mentor')}, {_count(self.defis, 'défi')}.",
            self.hosts_line(),
            f"Profils (page Composition) : {mix}.",
        ]
        if self.unknown_profiles:
            listed = ", ".join(f"« {t} » ({fmt.number(n)} EIG)" for t, n in self.unknown_profiles)
            out.append(f"Profils non reconnus, comptés « autre » : {listed}.")
        out += ["Autres promotions :"] + [f"  {o.line()}" for o in self.others]
        if self.figure_changes:
            out.append("Chiffres du tableau de bord qui bougeront :")
            out += [f"  {c.page} — {c.label} : {c.before} → {c.after}" for c in self.figure_changes]
        return out


@dataclass
class PromotionPlan:
    """Everything the import will do, computed without writing."""

    data_dir: Path
    file_name: str
    checksum: str
    promotion: str
    year: int
    programme: str
    duration_months: int
    start_month: str
    replace: bool
    exists: bool
    change: ChangePlan
    detection: Detection | None = None
    columns: list[ColumnMatch] = field(default_factory=list)
    problems: list[DataProblem] = field(default_factory=list)
    preview: Preview | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def unmatched(self) -> list[ColumnMatch]:
        """The columns that block the import until they are mapped (or ignored)."""
        return [c for c in self.columns if c.how == HOW_UNKNOWN]

    @property
    def source_doc(self) -> str:
        return source_doc(self.promotion)


class Collector:
    """Problems found row by row, handed out grouped (one per distinct problem)."""

    def __init__(self, file_name: str) -> None:
        self.file_name = file_name
        self.found: list[DataProblem] = []

    def add(self, row: int | None, column: str | None, code: str, message: str) -> None:
        self.found.append(DataProblem(self.file_name, row, column, code, message))

    def grouped(self) -> list[DataProblem]:
        """One problem per distinct message, the rows it affects written in the message."""
        return [
            DataProblem(
                g.file,
                None,
                g.column,
                g.code,
                f"{g.message} — {problems.rows_text(g.rows)}" if g.rows else g.message,
            )
            for g in problems.group(self.found)
        ]


def plan_promotion(
    data_dir: Path,
    file_name: str,
    raw: bytes,
    *,
    promotion: str,
    year: int,
    programme: str | None = None,
    duration_months: int = 10,
    start_month: str | None = None,
    replace: bool = False,
    column_map: dict[str, str] | None = None,
) -> PromotionPlan:
    """Read and check a promotion sheet and compute the change it makes; writes nothing."""
    data_dir = Path(data_dir)
    current = changes.current_tables(data_dir)
    name = promotion_name(current, promotion)
    checksum = hashlib.sha256(raw).hexdigest()
    plan = PromotionPlan(
        data_dir,
        file_name,
        checksum,
        name,
        year,
        _programme(name, programme),
        duration_months,
        (start_month or "").strip(),
        replace,
        any(r["promotion"] == name for r in current["promotions"]),
        changes.new_plan(data_dir, ACTION, f"promotion {name}", file_name, checksum),
    )
    found = Collector(file_name)
    check_settings(plan, programme, found)
    entries = read_sheet(plan, raw, column_map, profiles(current), found)
    if entries is None or plan.problems:
        return plan
    changes.set_tables(plan.change, new_tables(plan, current, entries), current)
    plan.change.extra_files[mapping_path(plan)] = mapping_csv(plan.columns)
    try:
        plan.preview = build_preview(plan, current, entries)
    except ValidationFailed as error:  # the safety net behind the checks above
        plan.problems = list(error.problems)
    return plan


def read_sheet(
    plan: PromotionPlan,
    raw: bytes,
    column_map: dict[str, str] | None,
    lookup: Lookup,
    found: Collector,
) -> list[Entry] | None:
    """The sheet's rows as entries (None when unreadable or its columns do not fit); sets the
    plan's detection, columns and grouped problems."""
    try:
        table = read_table(plan.file_name, raw)
    except Unreadable as error:
        plan.problems = [*found.grouped(), error.problem]
        return None
    plan.detection = table.detection
    plan.columns = match_columns(table, column_map)
    if not check_columns(plan, found):
        plan.problems = found.grouped()
        return None
    entries = read_entries(table, plan.columns, found)
    check_entries(entries, plan.columns, lookup, found)
    plan.problems = found.grouped()
    return entries


def apply_promotion(plan: PromotionPlan, user: str) -> ChangeResult:
    """Store a valid plan as one change; `changes.apply_change` refuses a stale plan and
    validates every dataset again (`changes.check`) under its lock before writing."""
    if plan.problems:
        raise ValidationFailed(plan.problems)
    return changes.apply_change(plan.change, user)


# --- settings and columns -------------------------------------------------------------------


def check_settings(plan: PromotionPlan, programme: str | None, found: Collector) -> None:
    """The promotion's name, year, programme, duration and whether it already exists."""
    if not plan.promotion:
        found.add(None, None, "promotion", "nom de la promotion manquant")
    if not 2016 <= plan.year <= 2100:
        found.add(None, None, "annee", f"année invalide : {plan.year} (entre 2016 et 2100)")
    if plan.programme not in PROGRAMMES:
        found.add(None, None, "programme", f"programme inconnu « {programme} » (EIG ou DIG)")
    if not 1 <= plan.duration_months <= 24:
        message = f"durée invalide : {plan.duration_months} mois (entre 1 et 24)"
        found.add(None, None, "duree", message)
    if plan.start_month and not re.fullmatch(r"[0-9]{4}-[0-9]{2}", plan.start_month):
        found.add(
            None, None, "mois", f"mois de lancement invalide « {plan.start_month} » (AAAA-MM)"
        )
    if plan.exists and not plan.replace:
        message = f"la promotion {plan.promotion} existe déjà : cochez « remplacer »"
        found.add(None, None, "promotion-existe", message)


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
    known = ", ".join(f"« {c} »" for c in COLUMNS)
    for column in plan.unmatched:
        message = f"colonne non reconnue : associez-la à une colonne ({known}) ou à « ignorer »"
        found.add(None, column.name, "colonne-inconnue", message)
    for target, count in targets.items():
        if count > 1:
            headers = ", ".join(f"« {c.name} »" for c in plan.columns if c.target == target)
            message = f"{count} colonnes sont lues comme « {target} » ({headers}) : gardez-en une"
            found.add(None, None, "colonne-double", message)
    for target in REQUIRED:
        if target not in targets:
            names = ", ".join(f"« {t} »" for t in COLUMNS[target])
            message = f"colonne obligatoire absente : « {target} » (en-têtes reconnus : {names})"
            found.add(None, None, "colonne-absente", message)
    return len(found.found) == before


# --- values ---------------------------------------------------------------------------------


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
                found.add(number, where[target].name, "manquant", "valeur obligatoire manquante")
        role = role_of(cell("Rôle")) if cell("Rôle") else ""
        if role is None:
            message = f"rôle inconnu « {cell('Rôle')} » (attendu : EIG ou Mentor)"
            found.add(number, where["Rôle"].name, "role-inconnu", message)
        duration = cell("Durée (mois)")
        if duration and not _months(duration):
            message = f"durée invalide « {duration} » (un nombre de mois entre 1 et 24)"
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


DEFI_VALUES = (  # column, Entry attribute, what two different values are
    ("Administration", "administration", "deux administrations"),
    ("Service", "service", "deux services d'accueil"),
    ("Ville", "ville", "deux villes"),
    ("Durée (mois)", "duration", "deux durées"),
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
            found.add(entry.row, names["Profil"], "manquant", "profil manquant pour un EIG")
    for group in _by(eig, lambda e: e.person).values():
        message = "un même EIG a deux profils différents"
        _conflict(group, "profile", message, names["Profil"], found, lookup.get)
    defis = _by([e for e in entries if e.defi], lambda e: e.defi_key)
    for group in defis.values():
        if not any(e.administration for e in group):
            message = f"administration manquante pour le défi « {group[0].defi} »"
            for entry in group:
                found.add(entry.row, names["Administration"], "manquant", message)
        for target, attribute, what in DEFI_VALUES:
            if target in names:
                message = f"le défi « {group[0].defi} » est rattaché à {what}"
                _conflict(group, attribute, message, names[target], found)


def _conflict(
    group: list[Entry],
    attribute: str,
    message: str,
    column: str,
    found: Collector,
    code: Callable[[str], str | None] = lambda _: None,
) -> None:
    """Rows of one person or défi whose non-empty values of `attribute` differ (compared
    by `code`, e.g. the profile code, else by `match_key`)."""
    spellings = {code(v) or match_key(v): v for e in group if (v := getattr(e, attribute))}
    if len(spellings) > 1:
        shown = ", ".join(f"« {v} »" for v in spellings.values())
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


# --- new tables -----------------------------------------------------------------------------


def source_doc(promotion: str) -> str:
    """« import-promotion-eig-5 »."""
    return f"{ACTION}-{slug(promotion)}"


def slug(text: str) -> str:
    """« Forêts ouvertes ! » → « forets-ouvertes »."""
    bare = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in bare if not unicodedata.combining(c)).casefold()
    return re.sub(r"[^a-z0-9]+", "-", bare).strip("-")[:60].strip("-") or "defi"


def new_tables(plan: PromotionPlan, current: Tables, entries: list[Entry]) -> Tables:
    """The full new content of each touched dataset: every other promotion as it is, plus
    the new promotion (its old rows removed when it is replaced)."""
    kept = without_promotion(current, plan.promotion)
    today = dt.date.today().isoformat()
    origin = f"feuille de promotion {' '.join(plan.file_name.split())}, importée le {today}"
    defis, ids = new_defis(plan, current, kept, entries, origin)
    members, links = new_people(plan, current, entries, ids, origin)
    return {
        "sources": [r for r in current["sources"] if r["source_doc"] != plan.source_doc]
        + [source_row(plan, today)],
        "promotions": promotions_rows(plan, current, today),
        "roster_defis": kept["roster_defis"] + defis,
        "roster_members": kept["roster_members"] + members,
        "roster_member_defis": kept["roster_member_defis"] + links,
        "roster_defi_key_figures": kept["roster_defi_key_figures"],
    }


def without_promotion(current: Tables, promotion: str) -> Tables:
    """The roster without a promotion: its défis, links and key figures, and the members
    who belong only to it (the others lose it from their promotions)."""
    gone = {r["defi_id"] for r in current["roster_defis"] if r["promotion"] == promotion}
    links = current["roster_member_defis"]
    mine = [r for r in links if r["promotion"] == promotion or r["defi_id"] in gone]
    other = [r for r in links if r not in mine]
    order = {r["promotion"]: int(r["sort_order"]) for r in current["promotions"]}
    members = []
    for member in current["roster_members"]:
        updated = _member_without(member, promotion, mine, other, order)
        if updated is not None:
            members.append(updated)
    return {
        "roster_defis": [r for r in current["roster_defis"] if r["defi_id"] not in gone],
        "roster_member_defis": other,
        "roster_members": members,
        "roster_defi_key_figures": [
            r
            for r in current["roster_defi_key_figures"]
            if r["promotion"] != promotion and r["defi_id"] not in gone
        ],
    }


def _member_without(
    member: dict[str, str], promotion: str, mine: Rows, other: Rows, order: dict[str, int]
) -> dict[str, str] | None:
    """A member once the promotion is gone: None if it belonged only to it."""
    listed = [p for p in member["promotions"].split(";") if p]
    removed = {r["defi_id"] for r in mine if r["member_id"] == member["member_id"]}
    if promotion not in listed and not removed:
        return member
    kept_links = [r for r in other if r["member_id"] == member["member_id"]]
    remaining = [p for p in listed if p != promotion]
    if not kept_links and not remaining:
        return None
    first = member["first_promotion"]
    if first == promotion:
        first = min(remaining, key=lambda p: order.get(p, 0)) if remaining else ""
    n_defis = max(0, int(member["n_defis"] or 0) - len(removed))
    return {
        **member,
        "promotions": ";".join(remaining),
        "first_promotion": first,
        "n_defis": str(n_defis),
    }


def source_row(plan: PromotionPlan, today: str) -> dict[str, str]:
    """The sources row of the sheet."""
    return {
        "source_doc": plan.source_doc,
        "short_title": f"Feuille de la promotion {plan.promotion}",
        "title": f"Feuille de la promotion {plan.promotion} ({' '.join(plan.file_name.split())}"
        f", importée le {today})",
        "publisher": "Programme EIG (import d'une feuille de promotion)",
        "published": today,
        "language": "fr",
    }


def promotions_rows(plan: PromotionPlan, current: Tables, today: str) -> Rows:
    """The promotions with this one added (or replaced in place, keeping its order)."""
    rows = current["promotions"]
    old = next((r for r in rows if r["promotion"] == plan.promotion), None)
    kept = old or {}
    order = (
        old["sort_order"] if old else str(max((int(r["sort_order"]) for r in rows), default=0) + 1)
    )
    row = {
        "promotion": plan.promotion,
        "programme": plan.programme,
        "year": str(plan.year),
        "sort_order": order,
        "duration_months": str(plan.duration_months),
        "start_month": plan.start_month or kept.get("start_month", ""),
        "label_en": kept.get("label_en") or _label_en(plan.promotion),
        "source_doc": plan.source_doc,
        "source_section": f"feuille de promotion « {' '.join(plan.file_name.split())} »",
        "note": f"importée le {today} depuis la feuille de la promotion",
    }
    return [row if r is old else r for r in rows] if old else [*rows, row]


def new_defis(
    plan: PromotionPlan, current: Tables, kept: Tables, entries: list[Entry], origin: str
) -> tuple[Rows, dict[str, str]]:
    """One row per défi of the sheet, in order of first appearance; défi key → defi_id."""
    hosts = _known_hosts(current, plan.promotion)
    taken = {r["defi_id"] for r in kept["roster_defis"]}
    rows, ids = [], {}
    for key, group in _by(entries, lambda e: e.defi_key).items():
        first = group[0]
        identifier = ids[key] = _unique(f"{plan.year}-{slug(first.defi)}", taken)
        administration = _first(group, "administration")
        host, perimeter = hosts.get(match_key(administration), ("", ""))
        if not host:
            host = _first(group, "service") or administration
            host = hosts.get(f"service:{match_key(host)}", (host, ""))[0]
        rows.append(
            {
                "defi_id": identifier,
                "title": first.defi,
                "promotion": plan.promotion,
                "programme": plan.programme,
                "year": str(plan.year),
                "administration": administration,
                "host_service": host,
                "host_perimeter": perimeter,
                "ville": _first(group, "ville"),
                "duration_months": _first(group, "duration") or str(plan.duration_months),
                "n_eig": str(len({e.person for e in group if e.role == "eig"})),
                "n_mentor": str(len({e.person for e in group if e.role == "mentor"})),
                "n_key_figures": "0",
                "source": origin,
            }
        )
    return rows, ids


def _known_hosts(current: Tables, promotion: str) -> dict[str, tuple[str, str]]:
    """Host service and perimeter of the other promotions' défis, by administration (the
    most recent promotion first), and by the host service's own spelling."""
    order = {r["promotion"]: int(r["sort_order"]) for r in current["promotions"]}
    others = [r for r in current["roster_defis"] if r["promotion"] != promotion]
    others.sort(key=lambda r: order.get(r["promotion"], 0), reverse=True)
    hosts: dict[str, tuple[str, str]] = {}
    for row in others:
        value = (row["host_service"], row["host_perimeter"])
        if row["administration"]:
            hosts.setdefault(match_key(row["administration"]), value)
        hosts.setdefault(f"service:{match_key(row['host_service'])}", value)
    return hosts


def new_people(
    plan: PromotionPlan,
    current: Tables,
    entries: list[Entry],
    defi_ids: dict[str, str],
    origin: str,
) -> tuple[Rows, Rows]:
    """New pseudonymous members and their links to the défis (names are never kept)."""
    lookup = profiles(current)
    number = max((int(r["member_id"][1:]) for r in current["roster_members"]), default=0)
    members, links = [], []
    for group in _by(entries, lambda e: e.person).values():
        number += 1
        member_id = f"P{number:03d}"
        eig = [e for e in group if e.role == "eig"]
        profile = (lookup.get(eig[0].profile) or eig[0].profile) if eig else ""
        mine = {(defi_ids[e.defi_key], e.role): None for e in group}  # once each, in order
        links += [link_row(plan, member_id, d, r, profile, origin) for d, r in mine]
        members.append(
            {
                "member_id": member_id,
                "role": "eig" if eig else "mentor",
                "profile_norm": profile,
                "first_promotion": plan.promotion,
                "promotions": plan.promotion,
                "n_defis": str(len({d for d, _ in mine})),
                "source": origin,
            }
        )
    return members, links


def link_row(
    plan: PromotionPlan, member_id: str, defi_id: str, role: str, profile: str, origin: str
) -> dict[str, str]:
    """One person × défi link with the role held (never a programme-team member)."""
    return {
        "member_id": member_id,
        "defi_id": defi_id,
        "promotion": plan.promotion,
        "year": str(plan.year),
        "role_in_defi": role,
        "is_programme_team": "0",
        "profile_norm": profile if role == "eig" else "",
        "role_source": ROLE_SOURCE,
        "source": origin,
    }


def _by(entries: list[Entry], key: Callable[[Entry], str]) -> dict[str, list[Entry]]:
    groups: dict[str, list[Entry]] = {}
    for entry in entries:
        groups.setdefault(key(entry), []).append(entry)
    return groups


def _first(group: list[Entry], attribute: str) -> str:
    return next((getattr(e, attribute) for e in group if getattr(e, attribute)), "")


def _unique(identifier: str, taken: set[str]) -> str:
    candidate, n = identifier, 2
    while candidate in taken:
        candidate, n = f"{identifier}-{n}", n + 1
    taken.add(candidate)
    return candidate


def promotion_name(current: Tables, text: str) -> str:
    """The promotion a name means: an existing one matched without case (« eig 4 » → « EIG 4 »),
    else the name tidied (« eig5 » → « EIG 5 »)."""
    name = " ".join(text.split())
    if known := promotions(current).get(name):
        return known
    found = re.fullmatch(r"(eig|dig)\s*([0-9]+)", name, flags=re.IGNORECASE)
    return f"{found[1].upper()} {found[2]}" if found else name


def _programme(name: str, programme: str | None) -> str:
    if programme and programme.strip():
        return programme.strip().upper()
    return "DIG" if match_key(name).startswith("dig") else "EIG"


def _label_en(promotion: str) -> str:
    """« EIG 5 » → « EIG class 5 »."""
    found = re.fullmatch(r"([A-Za-z]+)\s*([0-9]+)", promotion)
    return f"{found[1].upper()} class {found[2]}" if found else promotion


# --- mapping CSV ----------------------------------------------------------------------------


def mapping_csv(columns: list[ColumnMatch]) -> bytes:
    """`colonne,question`: each header of the sheet and the column it was read as (headers
    only, never a value of the sheet)."""
    return mapping.mapping_csv((c.header, c.target or "") for c in columns)


def read_mapping(raw: bytes, file_name: str = "correspondance.csv") -> dict[str, str]:
    """Header → column (or « ignorer ») from a mapping CSV `colonne,question`."""
    return mapping.read_column_map(raw, file_name)


def mapping_path(plan: PromotionPlan) -> str:
    return f"mappings/{plan.source_doc}-{plan.checksum[:12]}.csv"


# --- preview --------------------------------------------------------------------------------


def build_preview(plan: PromotionPlan, current: Tables, entries: list[Entry]) -> Preview:
    """The promotion as the composition page will show it (candidate database), the other
    promotions before/after, and the dashboard figures that move (`impact`). Raises
    `ValidationFailed` when the new tables do not build."""
    tables = plan.change.tables
    frames: list[tuple[pd.DataFrame, pd.DataFrame]] = []

    def composition_frames(con: impact.Connection) -> list[impact.Figure]:
        frames.append((composition.promotion_figures(con), composition.profile_mix(con)))
        return []

    # The same comparison as impact.figure_changes_for, with the composition frames of the
    # current and the candidate databases captured on the way (one candidate build).
    groups = [*impact.GROUPS, composition_frames]
    before, after = impact.figures_before_after(plan.data_dir, tables, groups)
    if len(frames) != 2:
        raise ImportRefused("La composition des promotions n'a pas pu être calculée.")
    figures, mix = frames[1]
    mine = figures[figures["promotion"] == plan.promotion].set_index("indicator")["value"]
    new, returning = host_services(plan, tables)
    return Preview(
        plan.promotion,
        int(mine.get("eig", 0)),
        int(mine.get("mentors", 0)),
        int(mine.get("defis", 0)),
        new,
        returning,
        [
            GroupShare(r.profile_group, r.profile, int(r.roster_count), float(r.roster_share))
            for r in mix[mix["promotion"] == plan.promotion].itertuples()
        ],
        unknown_profiles(current, entries),
        _others(plan.promotion, frames[0], frames[1]),
        impact.compare(before, after),
    )


def host_services(plan: PromotionPlan, tables: Tables) -> tuple[list[str], list[str]]:
    """The promotion's host services: new ones, and those an earlier promotion had."""
    order = {r["promotion"]: int(r["sort_order"]) for r in tables["promotions"]}
    mine = order[plan.promotion]
    earlier = {
        r["host_service"] for r in tables["roster_defis"] if order.get(r["promotion"], 0) < mine
    }
    hosts = sorted(
        {r["host_service"] for r in tables["roster_defis"] if r["promotion"] == plan.promotion}
    )
    return [h for h in hosts if h not in earlier], [h for h in hosts if h in earlier]


def unknown_profiles(current: Tables, entries: list[Entry]) -> list[tuple[str, int]]:
    """Profiles matching none of profiles.csv, as first written, with their number of EIG."""
    lookup = profiles(current)
    people: dict[str, set[str]] = {}
    written: dict[str, str] = {}
    for entry in entries:
        if entry.role == "eig" and entry.profile and lookup.get(entry.profile) is None:
            key = match_key(entry.profile)
            written.setdefault(key, entry.profile)
            people.setdefault(key, set()).add(entry.person)
    return [(written[k], len(v)) for k, v in people.items()]


def _others(
    promotion: str, before: tuple[pd.DataFrame, pd.DataFrame], after: tuple[pd.DataFrame, ...]
) -> list[OtherPromotion]:
    """Each other promotion's counts after the import, and whether anything of it moved."""
    out = []
    figures = after[0]
    for name in dict.fromkeys(figures["promotion"]):
        if name == promotion:
            continue
        values = figures[figures["promotion"] == name].set_index("indicator")["value"]
        same = all(
            _rows_of(b, name).equals(_rows_of(a, name)) for b, a in zip(before, after, strict=True)
        )
        out.append(OtherPromotion(name, values.get("eig", 0), values.get("defis", 0), same))
    return out


def _rows_of(frame: pd.DataFrame, promotion: str) -> pd.DataFrame:
    return frame[frame["promotion"] == promotion].reset_index(drop=True)


def _count(value: float, word: str) -> str:
    return f"{fmt.number(value)} {word}{'s' if value > 1 else ''}"


def _hosts(names: list[str], one: str, many: str) -> str:
    listed = f" ({', '.join(names)})" if names else ""
    return f"{fmt.number(len(names))} {many if len(names) > 1 else one}{listed}"
