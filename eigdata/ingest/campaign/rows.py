"""The new full tables of a campaign import: survey_campaigns, sources and survey_responses
(the current rows minus this campaign × questionnaire's, plus the new ones)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from eigdata.ingest import changes
from eigdata.ingest.campaign.context import QUESTIONNAIRES, Collected
from eigdata.ingest.changes import Rows, Tables

if TYPE_CHECKING:
    from eigdata.ingest.campaign.plan import CampaignPlan


def source_id(campaign: str, questionnaire: str) -> str:
    """The sources row an import creates: « import-enquete-2021-eig »."""
    return f"import-{campaign}-{questionnaire}"


def set_new_tables(
    plan: CampaignPlan,
    current: Tables,
    got: Collected,
    invited: int | None,
    export_date: str | dt.date | None,
) -> None:
    """Record in the plan's change the new full survey_campaigns, sources and
    survey_responses."""
    code, questionnaire = plan.campaign, plan.questionnaire
    date = str(export_date).strip() if export_date else ""
    source = _source_row(plan, date)
    sources = [r for r in current["sources"] if r["source_doc"] != source["source_doc"]]
    campaigns = _campaign_rows(plan, current, invited, source["source_doc"])
    responses = [
        r
        for r in current["survey_responses"]
        if not (r["campaign"] == code and r["respondent_type"] == questionnaire)
    ]
    responses += [
        {
            "campaign": code,
            "respondent_id": person.respondent_id,
            "respondent_type": questionnaire,
            "promotion": person.promotion,
            "profile": person.profile,
            "question_id": question,
            "answer": answer,
        }
        for person in got.respondents
        for question in plan.targets
        for answer in person.answers.get(question, [])
    ]
    tables = {
        "survey_campaigns": campaigns,
        "sources": [*sources, source],
        "survey_responses": responses,
    }
    changes.set_tables(plan.change, tables, current)


def _source_row(plan: CampaignPlan, date: str) -> dict[str, str]:
    who = QUESTIONNAIRES[plan.questionnaire]
    title = plan.title or plan.campaign
    return {
        "source_doc": source_id(plan.campaign, plan.questionnaire),
        "short_title": f"Export {plan.tool}" + (f", {date}" if date else ""),
        "title": f"Export {plan.tool} des réponses des {who} à la campagne « {title} »",
        "publisher": "Programme EIG",
        "published": date or str(plan.year or dt.date.today().year),
        "language": "fr",
    }


def _campaign_rows(plan: CampaignPlan, current: Tables, invited: int | None, source: str) -> Rows:
    rows = [dict(r) for r in current["survey_campaigns"]]
    column = f"invited_{plan.questionnaire}"
    for row in rows:
        if row["campaign"] == plan.campaign:
            if invited is not None:
                row[column] = str(int(invited))
            return rows
    who = QUESTIONNAIRES[plan.questionnaire]
    new = {
        "campaign": plan.campaign,
        "title": plan.title,
        "year": str(plan.year),
        "reconstructed": "false",
        "invited_eig": "",
        "invited_mentor": "",
        "source_doc": source,
        "source_section": f"Réponses des {who} exportées de {plan.tool}",
        "note": "Réponses individuelles importées de l'export de l'outil d'enquête "
        "(sans donnée personnelle)",
    }
    if invited is not None:
        new[column] = str(int(invited))
    return [*rows, new]
