"""The new full tables of a campaign import: survey_campaigns, sources and survey_responses
(the current rows minus this campaign × questionnaire's, plus the new ones)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from eigdata.ingest import changes, frames
from eigdata.ingest.campaign.context import QUESTIONNAIRES, Coded, Collected
from eigdata.ingest.changes import Rows, Tables
from eigdata.ingest.frames import FrameRows
from eigdata.schemas import dataset

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
    date = str(export_date).strip() if export_date else ""
    source = _source_row(plan, date)
    sources = [r for r in current["sources"] if r["source_doc"] != source["source_doc"]]
    campaigns = _campaign_rows(plan, current, invited, source["source_doc"])
    tables = {
        "survey_campaigns": campaigns,
        "sources": [*sources, source],
        "survey_responses": _responses(plan, current, got),
    }
    changes.set_tables(plan.change, tables, current)


def _responses(plan: CampaignPlan, current: Tables, got: Collected) -> FrameRows:
    """The current responses minus this campaign × questionnaire's, then the new ones."""
    columns = dataset("survey_responses").columns
    now = frames.as_rows(columns, current["survey_responses"])
    mine = now.equals("campaign", plan.campaign) & now.equals("respondent_type", plan.questionnaire)
    return frames.concat([now.where(~mine) if mine.any() else now, new_responses(plan, got)])


def new_responses(plan: CampaignPlan, got: Collected) -> FrameRows:
    """One row per kept respondent, question (questionnaire order) and answer code, respondent
    after respondent, built as arrays (each column at once, never row by row)."""
    questions = [q for q in plan.targets if q in got.answers]
    person, question, answer, codes = _answer_rows(got, questions)
    size = len(person)
    data = {
        "campaign": frames.categorical(np.zeros(size, np.int8), [plan.campaign]),
        "respondent_id": _per_person(got.ids, person),
        "respondent_type": frames.categorical(np.zeros(size, np.int8), [plan.questionnaire]),
        "promotion": _per_person(got.promotions, person),
        "profile": _per_person(got.profiles, person),
        "question_id": frames.categorical(question, questions),
        "answer": frames.categorical(answer, codes),
    }
    return FrameRows(pd.DataFrame(data, index=pd.RangeIndex(size)))


def _answer_rows(
    got: Collected, questions: list[str]
) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str]]:
    """Per answer row: the respondent's position, the question's, the answer code's (into
    the codes returned). Each respondent's rows come together, questions in order: where
    a respondent's first row goes is known first, then each question's rows are placed."""
    counts = [_lengths(got.answers[q]) for q in questions]
    total = np.sum(counts, axis=0) if counts else np.zeros(got.count, np.int64)
    cursor = np.cumsum(total) - total
    person = np.zeros(int(total.sum()), np.int64)
    question = np.zeros(len(person), np.int32)
    answer = np.zeros(len(person), np.int32)
    index: dict[str, int] = {}
    for number, (name, found) in enumerate(zip(questions, counts, strict=True)):
        coded = got.answers[name]
        for k in range(int(found.max(initial=0))):
            who = np.flatnonzero(found > k)
            at = cursor[who] + k
            person[at], question[at] = who, number
            answer[at] = _kth(coded, k, index)[coded.codes[who]]
        cursor += found
    return person, question, answer, list(index)


def _kth(coded: Coded, k: int, index: dict[str, int]) -> np.ndarray:
    """Per distinct tuple of answer codes, the index of its k-th code (-1 when shorter)."""
    found = [index.setdefault(t[k], len(index)) if len(t) > k else -1 for t in coded.values]
    return np.array(found, np.int32)


def _lengths(coded: Coded) -> np.ndarray:
    """How many answer codes each respondent gave."""
    found = np.array([len(t) for t in coded.values], np.int64)
    return found[coded.codes] if len(found) else np.zeros(len(coded), np.int64)


def _per_person(coded: Coded, person: np.ndarray) -> pd.Categorical:
    """A respondent attribute on each of their rows (distinct texts made unique first)."""
    mapped, texts = frames.factorize(coded.values)
    found = mapped[coded.codes] if len(mapped) else np.zeros(len(coded), np.int64)
    return frames.categorical(frames.smallest(found[person], len(texts)), texts or [""])


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
