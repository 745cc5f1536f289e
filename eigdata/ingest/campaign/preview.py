"""The preview of a campaign import: respondents kept and left out, response rate, answers
per question, the campaign's main figures as the survey pages will show them, the other
campaigns, and the dashboard figures that move (on a candidate database)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from eigdata import formatting as fmt
from eigdata import survey
from eigdata.errors import ValidationFailed
from eigdata.i18n import N_, _
from eigdata.ingest import changes, frames, impact
from eigdata.ingest.answers import NO_ANSWER
from eigdata.ingest.campaign import columns as ec
from eigdata.ingest.campaign.context import Collected
from eigdata.ingest.changes import Tables
from eigdata.schemas import dataset

if TYPE_CHECKING:
    from eigdata.ingest.campaign.plan import CampaignPlan

MAIN_FIGURES = {
    "eig": [
        ("intention_admin_apres", ["oui"], N_("Souhaitent rester dans l'administration après")),
        (
            "intention_admin_avant",
            ["oui"],
            N_("Envisageaient l'administration avant le programme"),
        ),
        (
            "situation_actuelle",
            ["administration_contractuel", "administration_autre"],
            N_("Travaillent dans l'administration aujourd'hui"),
        ),
    ],
    "mentor": [
        ("statut_outil", ["en_production"], N_("Réalisation en production")),
        ("outils_maintenus", ["oui"], N_("Réalisation maintenue aujourd'hui")),
    ],
}
# Who answers each questionnaire, as the preview names them.
QUESTIONNAIRE_NAMES = {"eig": N_("EIG"), "mentor": N_("mentors")}


@dataclass(frozen=True)
class QuestionCount:
    """How many kept respondents answered a question."""

    question_id: str
    label: str
    answered: int
    no_answer: int


@dataclass(frozen=True)
class MainFigure:
    """A headline figure of the campaign as the survey pages will show it."""

    question_id: str
    label: str
    share: survey.Share

    def text(self) -> str:
        """« 65 % (IC 95 % : 43 % à 82 % ; 13 sur 20 répondants) » or the privacy reason."""
        got = self.share
        if got.suppressed:
            return _("non affiché — {reason}").format(reason=got.reason)
        return _(
            "{share} (IC 95 % : {low} à {high} ; {numerator} sur {denominator} répondants)"
        ).format(
            share=fmt.percent(got.share),
            low=fmt.percent(got.low),
            high=fmt.percent(got.high),
            numerator=fmt.number(got.numerator),
            denominator=fmt.number(got.denominator),
        )


@dataclass
class Preview:
    """The numbers shown before confirming."""

    respondents: int
    incomplete_left_out: int
    incomplete_kept: int
    other_left_out: int
    empty_left_out: int
    invited: int | None
    questions: list[QuestionCount]
    figures: list[MainFigure]
    unchanged: list[str]
    figure_changes: list[impact.Change]

    @property
    def response_rate(self) -> str:
        """Respondents / invited as a percent, « — » when invited is unknown."""
        if not self.invited:
            return "—"
        return fmt.percent(self.respondents / self.invited)

    def lines(self) -> list[str]:
        """The preview as plain French lines (the command line, always in French)."""
        out = [f"Répondants retenus : {fmt.number(self.respondents)}"]
        out += self.notes()
        invited = "nombre d'invités non indiqué"
        if self.invited:
            invited = f"{fmt.number(self.respondents)} sur {fmt.number(self.invited)} invités"
        out.append(f"Taux de réponse : {self.response_rate} ({invited})")
        out.append("Réponses par question :")
        out += [
            f"  {q.label} : {fmt.number(q.answered)} réponse(s), "
            f"{fmt.number(q.no_answer)} sans réponse"
            for q in self.questions
        ]
        out.append("Chiffres principaux de la campagne :")
        out += [f"  {f.label} : {f.text()}" for f in self.figures]
        out += ["Autres campagnes :"] + [f"  {u}" for u in self.unchanged]
        out.append("Chiffres du tableau de bord qui bougeront :")
        out += [f"  {c.page} — {c.label} : {c.before} → {c.after}" for c in self.figure_changes]
        return [fmt.plain(line) for line in out]

    def notes(self) -> list[str]:
        """What was left out or included, one line each (only when it happened)."""
        texts = {
            "incomplete_left_out": _(
                "Réponses incomplètes (sans date de soumission) laissées de côté : {count}"
            ),
            "incomplete_kept": _("Réponses incomplètes incluses : {count}"),
            "other_left_out": _(
                "Lignes d'une autre campagne ou d'un autre questionnaire laissées de côté : {count}"
            ),
            "empty_left_out": _("Réponses entièrement vides laissées de côté : {count}"),
        }
        counts = {name: getattr(self, name) for name in texts}
        return [texts[n].format(count=fmt.number(c)) for n, c in counts.items() if c]


def set_preview(plan: CampaignPlan, current: Tables, got: Collected, invited: int | None) -> None:
    """Preview numbers on a candidate database; its validation problems go to the plan.

    The dashboard figures compared are the survey ones (nothing else reads the tables a
    campaign touches); the published rates only when this campaign has some (a rate reads
    its own campaign's responses only)."""
    published = any(r["campaign"] == plan.campaign for r in current["survey_published_figures"])
    groups = [impact.survey_figures] if published else [impact.respondent_figures]
    try:
        built = changes.candidate_database(plan.change)
        with impact.now_and_then(plan.data_dir, built) as (now, con):
            figures = _main_figures(con, plan)
            unchanged = _unchanged(con, plan, current)
            before, after = impact.figures(now, groups), impact.figures(con, groups)
    except ValidationFailed as error:
        plan.problems.extend(error.problems)
        return
    plan.preview = Preview(
        got.count,
        got.incomplete_left_out,
        got.incomplete_kept,
        got.other_left_out,
        got.empty_left_out,
        invited,
        _question_counts(plan, got),
        figures,
        unchanged,
        impact.compare(before, after),
    )


def _question_counts(plan: CampaignPlan, got: Collected) -> list[QuestionCount]:
    asked = [c.target for c in plan.columns if c.kind == ec.QUESTION]
    out = []
    for question in (q for q in plan.targets if q in asked):
        coded = got.answers.get(question)
        answered = int(coded.each(lambda codes: set(codes) - {NO_ANSWER}).sum()) if coded else 0
        label = plan.targets[question]
        out.append(QuestionCount(question, label, answered, got.count - answered))
    return out


def _main_figures(con: impact.Connection, plan: CampaignPlan) -> list[MainFigure]:
    filters = survey.Filters([plan.questionnaire])
    return [
        MainFigure(question, _(label), survey.share(con, plan.campaign, question, answers, filters))
        for question, answers, label in MAIN_FIGURES[plan.questionnaire]
        if question in plan.targets
    ]


def _unchanged(con: impact.Connection, plan: CampaignPlan, current: Tables) -> list[str]:
    """One line per other campaign (and this campaign's other questionnaire) with data."""
    lines = []
    for row in survey.campaigns(con).to_dict("records"):
        if row["campaign"] == plan.campaign:
            lines += _other_questionnaire(row, plan)
            continue
        count = int(row["respondents_eig"]) + int(row["respondents_mentor"])
        line = _("{title} : {count} répondants, modifiée")
        if _same_rows(current, plan.tables, row["campaign"]):
            line = _("{title} : {count} répondants, inchangée")
        lines.append(line.format(title=row["title"], count=fmt.number(count)))
    return lines


def _other_questionnaire(row: dict, plan: CampaignPlan) -> list[str]:
    other = "mentor" if plan.questionnaire == "eig" else "eig"
    count = int(row[f"respondents_{other}"])
    if not count:
        return []
    line = _("{title} — {questionnaire} : {count} répondants, inchangés")
    who = _(QUESTIONNAIRE_NAMES[other])
    return [line.format(title=row["title"], questionnaire=who, count=fmt.number(count))]


def _same_rows(before: Tables, after: Tables, campaign: str) -> bool:
    """Whether a campaign's responses are the same rows (in any order) in both tables."""
    columns = dataset("survey_responses").columns
    old = frames.as_rows(columns, before["survey_responses"])
    new = frames.as_rows(columns, after["survey_responses"])
    mine = old.where(old.equals("campaign", campaign))
    return frames.same_sorted(mine, new.where(new.equals("campaign", campaign)))
