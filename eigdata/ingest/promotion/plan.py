"""The plan of a promotion import: read and check the sheet and the settings, compute the
change without writing (`plan_promotion`), store it as one change (`apply_promotion`)."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from eigdata.errors import DataProblem, ValidationFailed
from eigdata.i18n import _
from eigdata.ingest import changes
from eigdata.ingest.changes import ChangePlan, ChangeResult, Tables
from eigdata.ingest.detect import Detection, Unreadable, read_table
from eigdata.ingest.mapping import Lookup, match_key, profiles, promotions
from eigdata.ingest.promotion.collector import Collector
from eigdata.ingest.promotion.columns import (
    HOW_UNKNOWN,
    ColumnMatch,
    check_columns,
    mapping_csv,
    match_columns,
)
from eigdata.ingest.promotion.entries import Entry, check_entries, read_entries
from eigdata.ingest.promotion.preview import Preview, build_preview
from eigdata.ingest.promotion.rows import ACTION, new_tables, source_doc

PROGRAMMES = ("EIG", "DIG")


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
        changes.new_plan(data_dir, ACTION, f"promotion {name}", file_name, checksum),  # French
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
    validates every dataset again (the new database's build) under its lock."""
    if plan.problems:
        raise ValidationFailed(plan.problems)
    return changes.apply_change(plan.change, user)


# --- settings and columns -------------------------------------------------------------------


def check_settings(plan: PromotionPlan, programme: str | None, found: Collector) -> None:
    """The promotion's name, year, programme, duration and whether it already exists."""
    if not plan.promotion:
        found.add(None, None, "promotion", _("nom de la promotion manquant"))
    if not 2016 <= plan.year <= 2100:
        message = _("année invalide : {year} (entre 2016 et 2100)").format(year=plan.year)
        found.add(None, None, "annee", message)
    if plan.programme not in PROGRAMMES:
        message = _("programme inconnu « {programme} » (EIG ou DIG)").format(programme=programme)
        found.add(None, None, "programme", message)
    if not 1 <= plan.duration_months <= 24:
        message = _("durée invalide : {months} mois (entre 1 et 24)")
        found.add(None, None, "duree", message.format(months=plan.duration_months))
    if plan.start_month and not re.fullmatch(r"[0-9]{4}-[0-9]{2}", plan.start_month):
        message = _("mois de lancement invalide « {month} » (AAAA-MM)")
        found.add(None, None, "mois", message.format(month=plan.start_month))
    if plan.exists and not plan.replace:
        message = _("la promotion {promotion} existe déjà : cochez « remplacer »")
        found.add(None, None, "promotion-existe", message.format(promotion=plan.promotion))


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


def mapping_path(plan: PromotionPlan) -> str:
    return f"mappings/{plan.source_doc}-{plan.checksum[:12]}.csv"
