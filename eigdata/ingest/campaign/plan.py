"""`CampaignPlan`: everything a campaign import would do; `plan_campaign` computes it
without writing anything, `apply_campaign` stores it as one change."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from eigdata.errors import DataProblem, ValidationFailed
from eigdata.i18n import N_, _, lang, pick
from eigdata.ingest import changes
from eigdata.ingest.campaign import columns as ec
from eigdata.ingest.campaign.checks import (
    column_problems,
    input_problems,
    replace_problems,
    row_problems,
)
from eigdata.ingest.campaign.context import (
    QUESTIONNAIRES,
    Collected,
    UnknownValue,
    new_context,
)
from eigdata.ingest.campaign.preview import Preview, set_preview
from eigdata.ingest.campaign.read import collect, is_long, long_to_wide
from eigdata.ingest.campaign.rows import set_new_tables
from eigdata.ingest.changes import Rows, Tables
from eigdata.ingest.columnar import Columns, of_table, open_table
from eigdata.ingest.detect import Detection, Unreadable

ACTION = "import-campagne"
READ = {ec.QUESTION, ec.ATTRIBUTE, ec.RESPONDENT_ID, ec.SUBMITTED, ec.CAMPAIGN}
# Tools named in French (stored so in the campaign's source): neither given nor detected, and
# the page's « another tool »; worded in the run's language when shown.
UNKNOWN_TOOL, OTHER_TOOL = "outil d'enquête", "Autre outil"
TOOL_LABELS = {UNKNOWN_TOOL: N_("outil d'enquête"), OTHER_TOOL: N_("Autre outil")}


@dataclass
class CampaignPlan:
    """Everything a campaign import would do, computed without writing anything."""

    data_dir: Path
    file_name: str
    checksum: str
    campaign: str
    title: str
    year: int | None
    questionnaire: str
    change: changes.ChangePlan
    tool: str = ""
    detection: Detection | None = None
    long_format: bool = False
    columns: list[ec.Column] = field(default_factory=list)
    unknown_values: list[UnknownValue] = field(default_factory=list)
    targets: dict[str, str] = field(default_factory=dict)
    existing: bool = False
    preview: Preview | None = None

    @property
    def problems(self) -> list[DataProblem]:
        return self.change.problems

    @property
    def ok(self) -> bool:
        return not self.change.problems

    @property
    def tables(self) -> Tables:
        return self.change.tables

    @property
    def unmatched(self) -> list[str]:
        """Headers matched to nothing (they block the import until mapped)."""
        return [c.name for c in self.columns if c.kind == ec.UNMATCHED]

    def column_table(self) -> list[dict[str, str]]:
        """One row per column: header as in the file, what it maps to, how it was matched
        (headers and words in the run's language)."""
        file_column, maps_to, how = _("Colonne du fichier"), _("Correspond à"), _("Reconnue par")
        return [
            {
                file_column: c.name,
                maps_to: self._shown(c),
                how: c.shown_how(),
            }
            for c in self.columns
        ]

    def _shown(self, column: ec.Column) -> str:
        shown = column.shown_target(self.targets)
        if column.target == "profile" and self.questionnaire == "mentor":
            shown += _(" (sans objet pour les mentors : non enregistré)")
        return shown

    def describe(self) -> str:
        """The detection line: file format, tool, layout (in the run's language)."""
        parts = [self.detection.describe()] if self.detection else []
        tool = _(TOOL_LABELS[self.tool]) if self.tool in TOOL_LABELS else self.tool
        parts.append(_("outil : {tool}").format(tool=tool))
        if self.long_format:
            parts.append(_("format long du tableau de bord (une ligne par réponse)"))
        return (" ; " if lang() == "fr" else "; ").join(parts)


def plan_campaign(
    data_dir: Path,
    file_name: str,
    raw: bytes,
    *,
    campaign: str,
    title: str,
    year: int | str | None,
    questionnaire: str,
    invited: int | None = None,
    tool: str | None = None,
    export_date: str | dt.date | None = None,
    promotion: str | None = None,
    replace: bool = False,
    column_map: dict[str, str] | None = None,
    value_map: dict[tuple[str, str], str] | None = None,
    include_incomplete: bool = False,
) -> CampaignPlan:
    """Plan the import of one campaign × questionnaire from a survey tool's export."""
    data_dir = Path(data_dir)
    current = changes.current_tables(data_dir)
    existing = campaign_row(current, campaign)
    code = existing["campaign"] if existing else campaign.strip().lower()
    scope = f"campagne {code} ({QUESTIONNAIRES.get(questionnaire, questionnaire)})"  # stored
    checksum = hashlib.sha256(raw).hexdigest()
    change = changes.new_plan(data_dir, ACTION, scope, file_name, checksum)
    plan = CampaignPlan(
        data_dir, file_name, checksum, code, title.strip(), _year(year), questionnaire, change
    )
    plan.existing = existing is not None
    plan.problems.extend(input_problems(plan, current, invited, export_date, promotion))
    if questionnaire not in QUESTIONNAIRES:
        return plan
    questions = [q for q in current["survey_questions"] if q["questionnaire"] == questionnaire]
    plan.targets = {q["question_id"]: pick(q["label_fr"], q.get("label_en")) for q in questions}
    settings = Settings(column_map, tool, promotion, include_incomplete, value_map)
    collected = _collect(plan, raw, current, questions, settings)
    if collected is None:
        return plan
    plan.problems.extend(replace_problems(plan, current, replace))
    if plan.problems:
        return plan
    set_new_tables(plan, current, collected, invited, export_date)
    plan.change.extra_files[_mapping_path(plan)] = ec.mapping_csv(plan)
    set_preview(plan, current, collected, _invited(existing, questionnaire, invited))
    return plan


@dataclass(frozen=True)
class Settings:
    """How the analyst asked to read the export."""

    column_map: dict[str, str] | None
    tool: str | None
    promotion: str | None
    include_incomplete: bool
    value_map: dict[tuple[str, str], str] | None


def _collect(
    plan: CampaignPlan, raw: bytes, current: Tables, questions: Rows, settings: Settings
) -> Collected | None:
    """Read the export and map its rows (None when unreadable: the problem is in the plan);
    the columns read are dropped once mapped."""
    try:
        table, found, skipped = _read(plan, raw, questions, settings.column_map)
    except Unreadable as error:
        plan.problems.append(error.problem)
        return None
    plan.detection = table.detection
    plan.columns, invalid = found
    tool = (settings.tool or "").strip()
    plan.tool = tool or ec.detected_tool(plan.columns) or UNKNOWN_TOOL
    plan.problems.extend(column_problems(plan, questions, invalid))
    context = new_context(
        plan,
        current,
        questions,
        settings.promotion,
        settings.include_incomplete,
        settings.value_map,
    )
    collected = collect(table, context)
    collected.other_left_out += skipped
    plan.unknown_values = list(collected.unknown.values())
    plan.problems.extend(row_problems(plan, collected, context))
    return collected


def _read(
    plan: CampaignPlan, raw: bytes, questions: Rows, column_map: dict[str, str] | None
) -> tuple[Columns, tuple[list[ec.Column], list[str]], int]:
    """The export's columns that matter (questions, attributes, response id, submit date,
    campaign: never the personal data), how each header matched, and how many respondents
    of another campaign or questionnaire a long file had."""
    source = open_table(plan.file_name, raw)
    if is_long(source.header):
        table, skipped = long_to_wide(source.table(), plan.campaign, plan.questionnaire)
        plan.long_format = True
        found = ec.match_columns(table.header, questions, column_map)
        return of_table(table, _wanted(found[0])), found, skipped
    found = ec.match_columns(source.header, questions, column_map)
    return source.columns(_wanted(found[0])), found, 0


def _wanted(columns: list[ec.Column]) -> list[int]:
    return [c.index for c in columns if c.kind in READ]


def apply_campaign(plan: CampaignPlan, user: str) -> changes.ChangeResult:
    """Store the plan as one change (`apply_change` checks the whole data as it will be)."""
    if plan.problems:
        raise ValidationFailed(plan.problems)
    return changes.apply_change(plan.change, user)


def campaign_row(current: Tables, campaign: str) -> dict[str, str] | None:
    """The survey_campaigns row of a campaign code (any case), or None."""
    wanted = campaign.strip().casefold()
    return next((r for r in current["survey_campaigns"] if r["campaign"] == wanted), None)


def _year(year: int | str | None) -> int | None:
    try:
        return int(str(year).strip()) if year not in (None, "") else None
    except ValueError:
        return None


def _invited(
    existing: dict[str, str] | None, questionnaire: str, invited: int | None
) -> int | None:
    if invited is not None:
        return int(invited)
    value = (existing or {}).get(f"invited_{questionnaire}", "")
    return int(value) if value.strip().isdigit() else None


def _mapping_path(plan: CampaignPlan) -> str:
    return f"mappings/{plan.campaign}-{plan.questionnaire}-{plan.checksum[:12]}.csv"
