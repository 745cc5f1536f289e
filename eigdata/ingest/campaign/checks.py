"""The problems of a campaign import, in the run's language: the settings, the columns, the
rows (one problem per distinct problem, its rows listed in the message) and existing
responses."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from typing import TYPE_CHECKING

import numpy as np

from eigdata.errors import DataProblem
from eigdata.i18n import N_, _
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
from eigdata.validation.messages import closest_note

if TYPE_CHECKING:
    from eigdata.ingest.campaign.plan import CampaignPlan

CODE = re.compile(r"[a-z0-9-]+")
UNKNOWN_PROMOTION = N_("promotion « {value} » inconnue — {rows}")  # shown through _()
UNKNOWN_PROFILE = N_("profil « {value} » inconnu — {rows}")


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
        text = _("questionnaire « {questionnaire} » inconnu (eig ou mentor)")
        messages.append(text.format(questionnaire=plan.questionnaire))
    if not CODE.fullmatch(plan.campaign):
        text = _(
            "code de campagne « {campaign} » invalide : lettres minuscules, chiffres et "
            "tirets seulement (ex. enquete-2021)"
        )
        messages.append(text.format(campaign=plan.campaign))
    if not plan.existing and not plan.title:
        messages.append(_("titre de la nouvelle campagne manquant"))
    if not plan.existing and (plan.year is None or plan.year < 2016):
        messages.append(_("année de la nouvelle campagne manquante ou invalide (2016 ou après)"))
    if invited is not None and int(invited) < 0:
        messages.append(_("nombre d'invités négatif ({invited})").format(invited=invited))
    if export_date and not isinstance(export_date, dt.date) and not _iso_date(export_date):
        text = _("date d'export « {date} » invalide (AAAA-MM-JJ)")
        messages.append(text.format(date=export_date))
    if promotion and promotion_code(promotions(current), promotion) is None:
        messages.append(_("promotion « {promotion} » inconnue").format(promotion=promotion))
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
        text = _(
            "correspondance invalide : {listed} (une question du questionnaire, promotion, "
            "profile, respondent_type ou « ignorer »)"
        )
        out.append(text.format(listed=", ".join(invalid)))
    unmatched = [c for c in plan.columns if c.kind == ec.UNMATCHED]
    if unmatched:
        listed = ", ".join(_quoted(c.name) + _hint(c, questions) for c in unmatched)
        text = _(
            "{count} colonne(s) non reconnue(s) : {listed}. Associez chacune à une "
            "question, à un attribut (promotion, profile, respondent_type) ou à « ignorer » "
            "(fichier de correspondance, colonnes colonne,question) ; rien n'est écarté sans "
            "votre accord"
        )
        out.append(text.format(count=len(unmatched), listed=listed))
    seen: dict[tuple[str, str], list[str]] = defaultdict(list)
    for c in plan.columns:
        if c.kind in {ec.QUESTION, ec.ATTRIBUTE}:
            seen[(c.kind, c.target)].append(c.name)
    for (__, target), names in seen.items():
        if len(names) > 1:
            text = _("plusieurs colonnes pour « {target} » : {listed} ; gardez-en une seule")
            out.append(text.format(target=target, listed=", ".join(map(_quoted, names))))
    kinds = {q["question_id"]: q["type"] for q in questions}
    for c in plan.columns:
        if c.kind == ec.QUESTION and kinds.get(c.target) == "free_text":
            text = _(
                "« {column} » est une question à réponse libre : les textes libres ne sont "
                "pas importés ; associez la colonne à « ignorer »"
            )
            out.append(text.format(column=c.name))
    return [DataProblem(plan.file_name, None, None, "colonne", m) for m in out]


def _quoted(text: str) -> str:
    """« text » (“text” in English)."""
    return _("« {value} »").format(value=text)


def _hint(column: ec.Column, questions: Rows) -> str:
    close = ec.closest_question(column.header, questions)
    return _(" (question la plus proche : « {question} »)").format(question=close) if close else ""


def row_problems(plan: CampaignPlan, got: Collected, ctx: Context) -> list[DataProblem]:
    """One problem per distinct problem, the rows it affects listed in its message."""
    for item in got.unknown.values():
        item.question_label = plan.targets.get(item.question_id, item.question_id)
    out = [_unknown_value(plan.file_name, item) for item in got.unknown.values() if not item.chosen]
    found = _promotion_problems(got, ctx) + _attribute_problems(got, ctx)
    for question, rows in got.several.items():
        message = _("plusieurs réponses à la question à choix unique « {question} » — {rows}")
        message = message.format(question=plan.targets[question], rows=rows_text(rows))
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
        message = _(
            "aucune colonne « Promotion » dans le fichier : indiquez la promotion des "
            "répondants (promotion par défaut, --promotion)"
        )
        out.append((got.rows.tolist(), None, "promotion-manquante", message))
    if got.missing_promotion:
        message = _("promotion manquante — {rows}").format(rows=rows_text(got.missing_promotion))
        out.append((got.missing_promotion, column, "promotion-manquante", message))
    unknown = ("promotion-inconnue", UNKNOWN_PROMOTION)
    out += _unknown_values(got.bad_promotions, column, unknown, ctx.promotions)
    return out


def _attribute_problems(got: Collected, ctx: Context) -> Found:
    column = _header(ctx, ec.ATTRIBUTE, "profile")
    unknown = ("profil-inconnu", UNKNOWN_PROFILE)
    out = _unknown_values(got.bad_profiles, column, unknown, ctx.profiles)
    column = _header(ctx, ec.ATTRIBUTE, "respondent_type")
    for value, rows in got.bad_types.items():
        message = _(
            "type de répondant « {value} » inconnu — {rows} ; valeurs permises : EIG, mentor"
        ).format(value=value, rows=rows_text(rows))
        out.append((rows, column, "type-inconnu", message))
    column = _header(ctx, ec.RESPONDENT_ID, "")
    for value, rows in got.bad_ids.items():
        message = _(
            "identifiant de réponse « {value} » illisible — {rows} : un nombre "
            "(LimeSurvey) ou R-{prefix}- suivi de chiffres"
        ).format(value=value, rows=rows_text(rows), prefix=PREFIX[ctx.questionnaire])
        out.append((rows, column, "identifiant", message))
    return out


def _unknown_values(
    found: dict[str, list[int]], column: str | None, kind: tuple[str, str], lookup: Lookup
) -> Found:
    """« promotion « EIG 33 » inconnue — lignes … ; valeur la plus proche : … », for `kind`
    (code, N_-marked message template with {value} and {rows})."""
    code, template = kind
    return [
        (
            rows,
            column,
            code,
            _(template).format(value=value, rows=rows_text(rows)) + _closest(lookup, value),
        )
        for value, rows in found.items()
    ]


def _unknown_value(file_name: str, item: UnknownValue) -> DataProblem:
    allowed = ", ".join(_quoted(v) for c, v in item.allowed.items() if c != NO_ANSWER)
    message = _(
        "« {value} » n'est pas une réponse possible à la question « {question} » "
        "— {rows} ; réponses permises : {allowed}"
    ).format(
        value=item.value,
        question=item.question_label,
        rows=rows_text(item.rows),
        allowed=allowed,
    )
    message += closest_note(item.suggestion)
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
            _("même identifiant de réponse « {value} » sur plusieurs lignes — {rows}").format(
                value=respondent, rows=rows_text(found)
            ),
        )
        for respondent, found in rows.items()
        if len(found) > 1
    ]


def _no_respondent(got: Collected, ctx: Context) -> str:
    left = []
    if got.other_left_out:
        text = _("{count} ligne(s) d'une autre campagne ou d'un autre type")
        left.append(text.format(count=got.other_left_out))
    if got.incomplete_left_out:
        text = _("{count} réponse(s) incomplète(s)")
        left.append(text.format(count=got.incomplete_left_out))
    if got.empty_left_out:
        left.append(_("{count} réponse(s) vide(s)").format(count=got.empty_left_out))
    detail = _(" (laissées de côté : {left})").format(left=", ".join(left)) if left else ""
    text = _("aucune réponse à importer pour la campagne {campaign} ({who})")
    return text.format(campaign=ctx.campaign, who=QUESTIONNAIRES[ctx.questionnaire]) + detail


def _header(ctx: Context, kind: str, target: str) -> str | None:
    at = ctx.first(kind, target)
    return ctx.columns[at].name if at is not None else None


def _closest(lookup: Lookup, value: str) -> str:
    return closest_note(lookup.suggest(value))


def replace_problems(plan: CampaignPlan, current: Tables, replace: bool) -> list[DataProblem]:
    """Refused when the campaign already has responses of this questionnaire and `replace`
    is not set."""
    if plan.questionnaire not in QUESTIONNAIRES:
        return []
    out = []
    existing = respondent_count(current, plan.campaign, plan.questionnaire)
    if existing and not replace:
        text = _(
            "la campagne « {campaign} » a déjà {count} répondant(s) ({who}) : choisissez "
            "« remplacer » (Remplacer les réponses existantes, --replace) pour remplacer ces "
            "réponses"
        )
        who = QUESTIONNAIRES[plan.questionnaire]
        out.append(text.format(campaign=plan.campaign, count=existing, who=who))
    return [DataProblem(plan.file_name, None, None, "campagne", m) for m in out]


def respondent_count(tables: Tables, campaign: str, questionnaire: str) -> int:
    """How many respondents of a questionnaire a campaign has in `tables`."""
    responses = frames.as_rows(dataset("survey_responses").columns, tables["survey_responses"])
    mine = responses.equals("campaign", campaign) & responses.equals(
        "respondent_type", questionnaire
    )
    return int(np.unique(frames.codes(responses.frame["respondent_id"])[mine]).size)
