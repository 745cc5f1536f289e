"""`plan_delete_campaign`: remove a campaign's responses (one questionnaire or all), with
its campaign row and import source when nothing of them remains."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from eigdata.errors import DataProblem
from eigdata.i18n import _
from eigdata.ingest import changes, frames
from eigdata.ingest.campaign.checks import respondent_count
from eigdata.ingest.campaign.context import QUESTIONNAIRES
from eigdata.ingest.campaign.plan import campaign_row
from eigdata.ingest.campaign.preview import QUESTIONNAIRE_NAMES
from eigdata.ingest.campaign.rows import source_id
from eigdata.ingest.changes import Rows, Tables
from eigdata.schemas import dataset

DELETE_ACTION = "suppression-campagne"


def plan_delete_campaign(
    data_dir: Path, campaign: str, questionnaire: str | None = None
) -> changes.ChangePlan:
    """Remove a campaign's responses (of one questionnaire, or all), its campaign row and its
    import source when nothing of it remains. Refused for a campaign published figures use."""
    data_dir = Path(data_dir)
    current = changes.current_tables(data_dir)
    row = campaign_row(current, campaign)
    code = row["campaign"] if row else campaign.strip().lower()
    who = f" ({QUESTIONNAIRES.get(questionnaire, questionnaire)})" if questionnaire else ""
    scope = f"campagne {code}{who}"  # stored in the audit log: French
    plan = changes.new_plan(data_dir, DELETE_ACTION, scope, "", "")
    problem = _delete_problem(current, row, code, questionnaire)
    if problem:
        plan.problems.append(DataProblem("survey_campaigns.csv", None, None, *problem))
        return plan
    types = [questionnaire] if questionnaire else list(QUESTIONNAIRES)
    now = frames.as_rows(dataset("survey_responses").columns, current["survey_responses"])
    ours = now.equals("campaign", code)
    gone = ours & np.any([now.equals("respondent_type", t) for t in types], axis=0)
    remaining = frames.present(now.where(ours & ~gone), "respondent_type")
    responses = now.where(~gone)
    campaigns, sources = _after_delete(current, code, types, remaining)
    tables = {"survey_campaigns": campaigns, "sources": sources, "survey_responses": responses}
    changes.set_tables(plan, tables, current)
    changes.check(plan)
    return plan


def _delete_problem(
    current: Tables, row: dict[str, str] | None, code: str, questionnaire: str | None
) -> tuple[str, str] | None:
    if row is None:
        known = ", ".join(r["campaign"] for r in current["survey_campaigns"])
        message = _("la campagne « {campaign} » n'existe pas (campagnes : {known})")
        return "campagne-inconnue", message.format(campaign=code, known=known)
    figures = [f for f in current["survey_published_figures"] if f["campaign"] == code]
    if figures:
        message = _(
            "la campagne « {campaign} » ne peut pas être supprimée : {count} taux publiés "
            "(survey_published_figures) s'appuient sur ses réponses"
        )
        return "campagne-publiee", message.format(campaign=code, count=len(figures))
    if questionnaire is not None and questionnaire not in QUESTIONNAIRES:
        message = _("questionnaire « {questionnaire} » inconnu (eig ou mentor)")
        return "parametre", message.format(questionnaire=questionnaire)
    if questionnaire and not respondent_count(current, code, questionnaire):
        who = _(QUESTIONNAIRE_NAMES[questionnaire])
        message = _("la campagne « {campaign} » n'a aucune réponse des {questionnaire}")
        return "sans-reponse", message.format(campaign=code, questionnaire=who)
    return None


def _after_delete(
    current: Tables, code: str, types: list[str], remaining: set[str]
) -> tuple[Rows, Rows]:
    """The campaign and source rows once `types` of the campaign are removed."""
    gone = {source_id(code, t) for t in types}
    sources = current["sources"]
    campaigns = []
    for row in current["survey_campaigns"]:
        if row["campaign"] != code:
            campaigns.append(row)
        elif remaining:
            row = {**row, **{f"invited_{t}": "" for t in types}}
            other = source_id(code, sorted(remaining)[0])
            if row["source_doc"] in gone and any(s["source_doc"] == other for s in sources):
                row["source_doc"] = other
            campaigns.append(row)
    used = {r["source_doc"] for r in campaigns}
    used |= {r["source_doc"] for r in current["survey_published_figures"]}
    return campaigns, [r for r in sources if r["source_doc"] not in gone - used]
