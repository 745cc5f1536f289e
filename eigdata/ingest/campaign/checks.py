"""The problems of a campaign import, in French: the settings, the columns, the rows (one
problem per distinct problem, its rows listed in the message) and existing responses."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from typing import TYPE_CHECKING

import numpy as np

from eigdata.errors import DataProblem
from eigdata.ingest import frames
from eigdata.ingest.answers import NO_ANSWER
from eigdata.ingest.campaign import columns as ec
from eigdata.ingest.campaign.context import (
    PREFIX,
    QUESTIONNAIRES,
    Collected,
    Context,
    UnknownValue,
    promotion_code,
)
from eigdata.ingest.changes import Rows, Tables
from eigdata.ingest.mapping import Lookup, promotions
from eigdata.ingest.problems import rows_text
from eigdata.schemas import dataset

if TYPE_CHECKING:
    from eigdata.ingest.campaign.plan import CampaignPlan

CODE = re.compile(r"[a-z0-9-]+")


def input_problems(
    plan: CampaignPlan,
    current: Tables,
    invited: int | None,
    export_date: str | dt.date | None,
    promotion: str | None,
) -> list[DataProblem]:
    """The settings' problems: questionnaire, campaign code, title, year, invited, date,
    default promotion."""
    messages = []
    if plan.questionnaire not in QUESTIONNAIRES:
        messages.append(f"questionnaire « {plan.questionnaire} » inconnu (eig ou mentor)")
    if not CODE.fullmatch(plan.campaign):
        messages.append(
            f"code de campagne « {plan.campaign} » invalide : lettres minuscules, chiffres et "
            "tirets seulement (ex. enquete-2021)"
        )
    if not plan.existing and not plan.title:
        messages.append("titre de la nouvelle campagne manquant")
    if not plan.existing and (plan.year is None or plan.year < 2016):
        messages.append("année de la nouvelle campagne manquante ou invalide (2016 ou après)")
    if invited is not None and int(invited) < 0:
        messages.append(f"nombre d'invités négatif ({invited})")
    if export_date and not isinstance(export_date, dt.date) and not _iso_date(export_date):
        messages.append(f"date d'export « {export_date} » invalide (AAAA-MM-JJ)")
    if promotion and promotion_code(promotions(current), promotion) is None:
        messages.append(f"promotion « {promotion} » inconnue")
    return [DataProblem(plan.file_name, None, None, "parametre", m) for m in messages]


def _iso_date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(text).strip())
    except ValueError:
        return None


def column_problems(plan: CampaignPlan, questions: Rows, invalid: list[str]) -> list[DataProblem]:
    """Invalid choices, unmatched columns, a target twice, free-text questions."""
    out = []
    if invalid:
        listed = ", ".join(invalid)
        out.append(
            f"correspondance invalide : {listed} (une question du questionnaire, promotion, "
            "profile, respondent_type ou « ignorer »)"
        )
    unmatched = [c for c in plan.columns if c.kind == ec.UNMATCHED]
    if unmatched:
        listed = ", ".join(f"« {c.name} »{_hint(c, questions)}" for c in unmatched)
        out.append(
            f"{len(unmatched)} colonne(s) non reconnue(s) : {listed}. Associez chacune à une "
            "question, à un attribut (promotion, profile, respondent_type) ou à « ignorer » "
            "(fichier de correspondance, colonnes colonne,question) ; rien n'est écarté sans "
            "votre accord"
        )
    seen: dict[tuple[str, str], list[str]] = defaultdict(list)
    for c in plan.columns:
        if c.kind in {ec.QUESTION, ec.ATTRIBUTE}:
            seen[(c.kind, c.target)].append(c.name)
    for (_, target), names in seen.items():
        if len(names) > 1:
            listed = ", ".join(f"« {n} »" for n in names)
            out.append(f"plusieurs colonnes pour « {target} » : {listed} ; gardez-en une seule")
    kinds = {q["question_id"]: q["type"] for q in questions}
    for c in plan.columns:
        if c.kind == ec.QUESTION and kinds.get(c.target) == "free_text":
            out.append(
                f"« {c.name} » est une question à réponse libre : les textes libres ne sont "
                "pas importés ; associez la colonne à « ignorer »"
            )
    return [DataProblem(plan.file_name, None, None, "colonne", m) for m in out]


def _hint(column: ec.Column, questions: Rows) -> str:
    close = ec.closest_question(column.header, questions)
    return f" (question la plus proche : « {close} »)" if close else ""


def row_problems(plan: CampaignPlan, got: Collected, ctx: Context) -> list[DataProblem]:
    """One problem per distinct problem, the rows it affects listed in its message."""
    for item in got.unknown.values():
        item.question_label = plan.targets.get(item.question_id, item.question_id)
    out = [_unknown_value(plan.file_name, item) for item in got.unknown.values() if not item.chosen]
    found = _promotion_problems(got, ctx) + _attribute_problems(got, ctx)
    for question, rows in got.several.items():
        message = (
            f"plusieurs réponses à la question à choix unique « {plan.targets[question]} » "
            f"— {rows_text(rows)}"
        )
        found.append((rows, _header(ctx, ec.QUESTION, question), "plusieurs-reponses", message))
    out += [DataProblem(plan.file_name, None, *rest) for _rows, *rest in found]
    out += _duplicate_ids(plan, got, _header(ctx, ec.RESPONDENT_ID, ""))
    if not got.count and not out:
        out.append(
            DataProblem(plan.file_name, None, None, "sans-repondant", _no_respondent(got, ctx))
        )
    return out


Found = list[tuple[list[int], str | None, str, str]]


def _promotion_problems(got: Collected, ctx: Context) -> Found:
    column = _header(ctx, ec.ATTRIBUTE, "promotion")
    out: Found = []
    if column is None and ctx.promotion is None and got.count:
        message = (
            "aucune colonne « Promotion » dans le fichier : indiquez la promotion des "
            "répondants (promotion par défaut, --promotion)"
        )
        out.append((got.rows.tolist(), None, "promotion-manquante", message))
    if got.missing_promotion:
        message = f"promotion manquante — {rows_text(got.missing_promotion)}"
        out.append((got.missing_promotion, column, "promotion-manquante", message))
    out += _unknown_values(got.bad_promotions, column, ("promotion", "inconnue"), ctx.promotions)
    return out


def _attribute_problems(got: Collected, ctx: Context) -> Found:
    column = _header(ctx, ec.ATTRIBUTE, "profile")
    out = _unknown_values(got.bad_profiles, column, ("profil", "inconnu"), ctx.profiles)
    column = _header(ctx, ec.ATTRIBUTE, "respondent_type")
    for value, rows in got.bad_types.items():
        message = (
            f"type de répondant « {value} » inconnu — {rows_text(rows)} ; valeurs permises : "
            "EIG, mentor"
        )
        out.append((rows, column, "type-inconnu", message))
    column = _header(ctx, ec.RESPONDENT_ID, "")
    for value, rows in got.bad_ids.items():
        message = (
            f"identifiant de réponse « {value} » illisible — {rows_text(rows)} : un nombre "
            f"(LimeSurvey) ou R-{PREFIX[ctx.questionnaire]}- suivi de chiffres"
        )
        out.append((rows, column, "identifiant", message))
    return out


def _unknown_values(
    found: dict[str, list[int]], column: str | None, words: tuple[str, str], lookup: Lookup
) -> Found:
    """« promotion « EIG 33 » inconnue (10 fois, lignes …) ; valeur la plus proche : … »,
    code « promotion-inconnue », for words (« promotion », « inconnue »)."""
    noun, unknown = words
    return [
        (
            rows,
            column,
            f"{noun}-{unknown}",
            f"{noun} « {value} » {unknown} — {rows_text(rows)}{_closest(lookup, value)}",
        )
        for value, rows in found.items()
    ]


def _unknown_value(file_name: str, item: UnknownValue) -> DataProblem:
    label = item.question_label
    allowed = ", ".join(f"« {v} »" for c, v in item.allowed.items() if c != NO_ANSWER)
    hint = f" ; valeur la plus proche : « {item.suggestion} »" if item.suggestion else ""
    message = (
        f"« {item.value} » n'est pas une réponse possible à la question « {label} » "
        f"— {rows_text(item.rows)} ; réponses permises : {allowed}{hint}"
    )
    return DataProblem(file_name, None, item.header, "reponse-inconnue", message)


def _duplicate_ids(plan: CampaignPlan, got: Collected, column: str | None) -> list[DataProblem]:
    mapped, texts = frames.factorize(got.ids.values)
    person = mapped[got.ids.codes] if len(mapped) else np.zeros(got.count, np.int64)
    twice = np.bincount(person, minlength=len(texts))[person] > 1
    rows: dict[str, list[int]] = defaultdict(list)
    for i in np.flatnonzero(twice):
        rows[texts[person[i]]].append(int(got.rows[i]))
    return [
        DataProblem(
            plan.file_name,
            None,
            column,
            "identifiant-double",
            f"même identifiant de réponse « {respondent} » sur plusieurs lignes "
            f"— {rows_text(found)}",
        )
        for respondent, found in rows.items()
        if len(found) > 1
    ]


def _no_respondent(got: Collected, ctx: Context) -> str:
    left = []
    if got.other_left_out:
        left.append(f"{got.other_left_out} ligne(s) d'une autre campagne ou d'un autre type")
    if got.incomplete_left_out:
        left.append(f"{got.incomplete_left_out} réponse(s) incomplète(s)")
    if got.empty_left_out:
        left.append(f"{got.empty_left_out} réponse(s) vide(s)")
    detail = f" (laissées de côté : {', '.join(left)})" if left else ""
    who = QUESTIONNAIRES[ctx.questionnaire]
    return f"aucune réponse à importer pour la campagne {ctx.campaign} ({who}){detail}"


def _header(ctx: Context, kind: str, target: str) -> str | None:
    at = ctx.first(kind, target)
    return ctx.columns[at].name if at is not None else None


def _closest(lookup: Lookup, value: str) -> str:
    close = lookup.suggest(value)
    return f" ; valeur la plus proche : « {close} »" if close else ""


def replace_problems(plan: CampaignPlan, current: Tables, replace: bool) -> list[DataProblem]:
    """Refused when the campaign already has responses of this questionnaire and `replace`
    is not set."""
    if plan.questionnaire not in QUESTIONNAIRES:
        return []
    out = []
    existing = respondent_count(current, plan.campaign, plan.questionnaire)
    if existing and not replace:
        out.append(
            f"la campagne « {plan.campaign} » a déjà {existing} répondant(s) "
            f"({QUESTIONNAIRES[plan.questionnaire]}) : choisissez « remplacer » (Remplacer les "
            "réponses existantes, --replace) pour remplacer ces réponses"
        )
    return [DataProblem(plan.file_name, None, None, "campagne", m) for m in out]


def respondent_count(tables: Tables, campaign: str, questionnaire: str) -> int:
    """How many respondents of a questionnaire a campaign has in `tables`."""
    responses = frames.as_rows(dataset("survey_responses").columns, tables["survey_responses"])
    mine = responses.equals("campaign", campaign) & responses.equals(
        "respondent_type", questionnaire
    )
    return int(np.unique(frames.codes(responses.frame["respondent_id"])[mine]).size)
