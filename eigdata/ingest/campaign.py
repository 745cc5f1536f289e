"""Import one survey campaign × one questionnaire straight from a survey tool's export.

`plan_campaign` reads the export (Google Forms, Framaforms, LimeSurvey with full question
texts or codes, the dashboard's own wide or long format), maps each column (question,
respondent attribute, technical column, personal data), each answer value (code, French or
English label) and each respondent (promotion, profile, pseudonymous id), and computes the
new full tables of survey_campaigns, sources and survey_responses — the current rows minus
this campaign × questionnaire's, plus the new ones — with the preview numbers, on a
candidate database. It writes nothing. `apply_campaign` stores the plan as one change
(`changes.apply_change`), `plan_delete_campaign` removes a campaign's responses; both are
undone with `changes.undo_change`. E-mails, names, IP addresses and every column mapped to
« ignorer » are never stored: only headers go into the stored mapping CSV.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from eigdata import formatting as fmt
from eigdata import survey
from eigdata.errors import DataProblem, ValidationFailed
from eigdata.ingest import changes, impact
from eigdata.ingest import export_columns as ec
from eigdata.ingest.answers import MULTIPLE, NO_ANSWER
from eigdata.ingest.detect import Detection, Table, Unreadable, read_table
from eigdata.ingest.mapping import Lookup, match_key, profiles, promotions
from eigdata.storage.store import connect, ensure_database

ACTION = "import-campagne"
DELETE_ACTION = "suppression-campagne"
QUESTIONNAIRES = {"eig": "EIG", "mentor": "mentors"}
PREFIX = {"eig": "EIG", "mentor": "MEN"}
CODE = re.compile(r"[a-z0-9-]+")
DIGITS = re.compile(r"\d{1,6}")
DASHBOARD_ID = re.compile(r"R-(EIG|MEN)-(\d{2,6})")
PROMOTION_NUMBER = re.compile(r"(?:promotion|promo)\s*(?:n°|no)?\s*(?:eig)?\s*(\d+)")
LONG = ("question_id", "answer")
SHOWN_ROWS = 8
MAIN_FIGURES = {
    "eig": [
        ("intention_admin_apres", ["oui"], "Souhaitent rester dans l'administration après"),
        ("intention_admin_avant", ["oui"], "Envisageaient l'administration avant le programme"),
        (
            "situation_actuelle",
            ["administration_contractuel", "administration_autre"],
            "Travaillent dans l'administration aujourd'hui",
        ),
    ],
    "mentor": [
        ("statut_outil", ["en_production"], "Réalisation en production"),
        ("outils_maintenus", ["oui"], "Réalisation maintenue aujourd'hui"),
    ],
}
Rows = list[dict[str, str]]
Tables = dict[str, Rows]


@dataclass
class UnknownValue:
    """An answer value no allowed answer of its question matched (count, rows, choice)."""

    question_id: str
    question_label: str
    header: str
    value: str
    count: int
    rows: list[int]
    allowed: dict[str, str]  # answer code → French label
    chosen: str | None = None
    suggestion: str | None = None


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
            return f"non affiché — {got.reason}"
        return (
            f"{fmt.percent(got.share)} (IC 95 % : {fmt.percent(got.low)} à "
            f"{fmt.percent(got.high)} ; {fmt.number(got.numerator)} sur "
            f"{fmt.number(got.denominator)} répondants)"
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
        """Respondents / invited as a French percent, « — » when invited is unknown."""
        if not self.invited:
            return "—"
        return fmt.percent(self.respondents / self.invited)

    def lines(self) -> list[str]:
        """The preview as plain French lines (command line)."""
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
        out = []
        if self.incomplete_left_out:
            out.append(
                f"Réponses incomplètes (sans date de soumission) laissées de côté : "
                f"{fmt.number(self.incomplete_left_out)}"
            )
        if self.incomplete_kept:
            out.append(f"Réponses incomplètes incluses : {fmt.number(self.incomplete_kept)}")
        if self.other_left_out:
            out.append(
                "Lignes d'une autre campagne ou d'un autre questionnaire laissées de côté : "
                f"{fmt.number(self.other_left_out)}"
            )
        if self.empty_left_out:
            out.append(
                f"Réponses entièrement vides laissées de côté : {fmt.number(self.empty_left_out)}"
            )
        return out


@dataclass
class Respondent:
    """One kept respondent: pseudonymous id, attributes, answer codes per question."""

    row: int
    respondent_id: str
    promotion: str
    profile: str
    answers: dict[str, list[str]]


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
        """One row per column: header as in the file, what it maps to, how it was matched."""
        return [
            {
                "Colonne du fichier": c.name,
                "Correspond à": self._shown(c),
                "Reconnue par": c.how,
            }
            for c in self.columns
        ]

    def _shown(self, column: ec.Column) -> str:
        shown = column.shown_target(self.targets)
        if column.target == "profile" and self.questionnaire == "mentor":
            shown += " (sans objet pour les mentors : non enregistré)"
        return shown

    def describe(self) -> str:
        """The detection line: file format, tool, layout."""
        parts = [self.detection.describe()] if self.detection else []
        parts.append(f"outil : {self.tool}")
        if self.long_format:
            parts.append("format long du tableau de bord (une ligne par réponse)")
        return " ; ".join(parts)


@dataclass
class _Context:
    """What reading the rows needs: the inputs, the lookups and the column roles."""

    file_name: str
    questionnaire: str
    campaign: str
    promotion: str | None
    include_incomplete: bool
    columns: list[ec.Column]
    options: dict[str, Lookup]
    value_map: dict[tuple[str, str], str]
    promotions: Lookup
    profiles: Lookup
    kinds: dict[str, str]  # question id → question type

    def first(self, kind: str, target: str = "") -> int | None:
        found = [c.index for c in self.columns if c.kind == kind and c.target == target]
        return found[0] if found else None


@dataclass
class _Collected:
    """The kept respondents and everything found on the way (grouped, for the problems)."""

    respondents: list[Respondent] = field(default_factory=list)
    incomplete_left_out: int = 0
    incomplete_kept: int = 0
    other_left_out: int = 0
    empty_left_out: int = 0
    unknown: dict[tuple[str, str], UnknownValue] = field(default_factory=dict)
    missing_promotion: list[int] = field(default_factory=list)
    bad_promotions: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    bad_profiles: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    bad_types: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    bad_ids: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    several: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))


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
    existing = _campaign_row(current, campaign)
    code = existing["campaign"] if existing else campaign.strip().lower()
    scope = f"campagne {code} ({QUESTIONNAIRES.get(questionnaire, questionnaire)})"
    checksum = hashlib.sha256(raw).hexdigest()
    change = changes.new_plan(data_dir, ACTION, scope, file_name, checksum)
    plan = CampaignPlan(
        data_dir, file_name, checksum, code, title.strip(), _year(year), questionnaire, change
    )
    plan.existing = existing is not None
    plan.problems.extend(_input_problems(plan, current, invited, export_date, promotion))
    if questionnaire not in QUESTIONNAIRES:
        return plan
    questions = [q for q in current["survey_questions"] if q["questionnaire"] == questionnaire]
    plan.targets = {q["question_id"]: q["label_fr"] for q in questions}
    try:
        table = read_table(file_name, raw)
    except Unreadable as error:
        plan.problems.append(error.problem)
        return plan
    plan.detection = table.detection
    skipped = 0
    if _is_long(table.header):
        plan.long_format = True
        table, skipped = _long_to_wide(table, code, questionnaire)
    plan.columns, invalid = ec.match_columns(table.header, questions, column_map)
    plan.tool = (tool or "").strip() or ec.detected_tool(plan.columns) or "outil d'enquête"
    plan.problems.extend(_column_problems(plan, questions, invalid))
    context = _context(plan, current, questions, promotion, include_incomplete, value_map)
    collected = _collect(table, context)
    collected.other_left_out += skipped
    plan.unknown_values = list(collected.unknown.values())
    plan.problems.extend(_row_problems(plan, collected, context))
    plan.problems.extend(_replace_problems(plan, current, replace))
    if plan.problems:
        return plan
    _set_tables(plan, current, collected, invited, export_date)
    plan.change.extra_files[_mapping_path(plan)] = ec.mapping_csv(plan)
    _preview(plan, current, collected, _invited(existing, questionnaire, invited))
    return plan


def apply_campaign(plan: CampaignPlan, user: str) -> changes.ChangeResult:
    """Check the whole data as it would be, then store the plan as one change."""
    if plan.problems:
        raise ValidationFailed(plan.problems)
    changes.check(plan.change)
    if plan.problems:
        raise ValidationFailed(plan.problems)
    return changes.apply_change(plan.change, user)


def plan_delete_campaign(
    data_dir: Path, campaign: str, questionnaire: str | None = None
) -> changes.ChangePlan:
    """Remove a campaign's responses (of one questionnaire, or all), its campaign row and its
    import source when nothing of it remains. Refused for a campaign published figures use."""
    data_dir = Path(data_dir)
    current = changes.current_tables(data_dir)
    row = _campaign_row(current, campaign)
    code = row["campaign"] if row else campaign.strip().lower()
    who = f" ({QUESTIONNAIRES.get(questionnaire, questionnaire)})" if questionnaire else ""
    plan = changes.new_plan(data_dir, DELETE_ACTION, f"campagne {code}{who}", "", "")
    problem = _delete_problem(current, row, code, questionnaire)
    if problem:
        plan.problems.append(DataProblem("survey_campaigns.csv", None, None, *problem))
        return plan
    types = [questionnaire] if questionnaire else list(QUESTIONNAIRES)
    responses = [
        r
        for r in current["survey_responses"]
        if not (r["campaign"] == code and r["respondent_type"] in types)
    ]
    remaining = {r["respondent_type"] for r in responses if r["campaign"] == code}
    campaigns, sources = _after_delete(current, code, types, remaining)
    tables = {"survey_campaigns": campaigns, "sources": sources, "survey_responses": responses}
    changes.set_tables(plan, tables, current)
    changes.check(plan)
    return plan


def source_id(campaign: str, questionnaire: str) -> str:
    """The sources row an import creates: « import-enquete-2021-eig »."""
    return f"import-{campaign}-{questionnaire}"


# --- inputs -------------------------------------------------------------------------------


def _campaign_row(current: Tables, campaign: str) -> dict[str, str] | None:
    wanted = campaign.strip().casefold()
    return next((r for r in current["survey_campaigns"] if r["campaign"] == wanted), None)


def _year(year: int | str | None) -> int | None:
    try:
        return int(str(year).strip()) if year not in (None, "") else None
    except ValueError:
        return None


def _input_problems(
    plan: CampaignPlan,
    current: Tables,
    invited: int | None,
    export_date: str | dt.date | None,
    promotion: str | None,
) -> list[DataProblem]:
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
    if promotion and _promotion_code(promotions(current), promotion) is None:
        messages.append(f"promotion « {promotion} » inconnue")
    return [DataProblem(plan.file_name, None, None, "parametre", m) for m in messages]


def _iso_date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(text).strip())
    except ValueError:
        return None


def _promotion_code(lookup: Lookup, text: str) -> str | None:
    """« EIG 4 », « eig4 », « Promotion 4 », « promo EIG 4 » → EIG 4."""
    code = lookup.get(text)
    if code is None and (found := PROMOTION_NUMBER.fullmatch(match_key(text))):
        code = lookup.get(f"EIG {int(found.group(1))}")
    return code


def _invited(
    existing: dict[str, str] | None, questionnaire: str, invited: int | None
) -> int | None:
    if invited is not None:
        return int(invited)
    value = (existing or {}).get(f"invited_{questionnaire}", "")
    return int(value) if value.strip().isdigit() else None


# --- reading the file ---------------------------------------------------------------------


def _is_long(header: list[str]) -> bool:
    keys = {match_key(h) for h in header}
    return all(name in keys for name in LONG)


def _long_to_wide(table: Table, campaign: str, questionnaire: str) -> tuple[Table, int]:
    """The dashboard's long format (one row per answer) as one row per respondent and one
    column per question (several answers of a respondent to a question joined by lines);
    and how many respondents of another campaign or questionnaire were left out."""
    keys = [match_key(h) for h in table.header]
    q_index, a_index = keys.index("question_id"), keys.index("answer")
    identity = [i for i in range(len(keys)) if i not in (q_index, a_index)]
    person = {"campaign", "respondent_id", "respondent_type"}
    person_keys = [i for i in identity if keys[i] in person]
    questions: list[str] = []
    people: dict[tuple, dict] = {}
    others: set[tuple] = set()
    for values, number in zip(table.rows, table.row_numbers, strict=True):
        key = tuple(values[i].strip() for i in person_keys)
        if not _ours(dict(zip(keys, values, strict=True)), campaign, questionnaire):
            others.add(key)
            continue
        question = values[q_index].strip()
        if question not in questions:
            questions.append(question)
        found = people.setdefault(
            key,
            {"row": number, "identity": [values[i] for i in identity], "answers": {}},
        )
        found["answers"].setdefault(question, []).append(values[a_index].strip())
    header = [table.header[i] for i in identity] + questions
    rows = [
        p["identity"] + ["\n".join(a for a in p["answers"].get(q, []) if a) for q in questions]
        for p in people.values()
    ]
    numbers = [p["row"] for p in people.values()]
    return Table(header, rows, numbers, table.detection), len(others)


def _ours(row: dict[str, str], campaign: str, questionnaire: str) -> bool:
    """Whether a row of a long file is of this campaign and questionnaire (when it says)."""
    written = row.get("campaign", "").strip().casefold()
    kind = RESPONDENT_TYPES.get(row.get("respondent_type", ""))
    return written in {"", campaign} and kind in {None, questionnaire}


def _column_problems(plan: CampaignPlan, questions: Rows, invalid: list[str]) -> list[DataProblem]:
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


def _context(
    plan: CampaignPlan,
    current: Tables,
    questions: Rows,
    promotion: str | None,
    include_incomplete: bool,
    value_map: dict[tuple[str, str], str] | None,
) -> _Context:
    promotion_lookup = promotions(current)
    default = _promotion_code(promotion_lookup, promotion) if promotion else None
    return _Context(
        plan.file_name,
        plan.questionnaire,
        plan.campaign,
        default,
        include_incomplete,
        plan.columns,
        _answer_lookups(current, questions),
        {(q, match_key(v)): a for (q, v), a in (value_map or {}).items()},
        promotion_lookup,
        profiles(current),
        {q["question_id"]: q["type"] for q in questions},
    )


def _answer_lookups(current: Tables, questions: Rows) -> dict[str, Lookup]:
    """Per question: answer code, French or English label (Y/N for yes/no) → code."""
    wanted = {q["question_id"]: q["type"] for q in questions}
    found: dict[str, Lookup] = {}
    for row in current["survey_answer_options"]:
        if row["question_id"] in wanted:
            found.setdefault(row["question_id"], Lookup(row["question_id"])).add(
                row["answer"], row["label_fr"], row["label_en"], label=row["label_fr"]
            )
    for question, lookup in found.items():
        lookup.add(NO_ANSWER, "Sans réponse", "No answer", "Pas de réponse", label="Sans réponse")
        if wanted[question] == "yes_no":
            lookup.add("oui", "Y")
            lookup.add("non", "N")
    return found


def _collect(table: Table, ctx: _Context) -> _Collected:
    """Read every row: leave out other campaigns and types and incomplete responses, map
    attributes and answers; group what cannot be mapped."""
    out = _Collected()
    campaign_at, type_at = ctx.first(ec.CAMPAIGN), ctx.first(ec.ATTRIBUTE, "respondent_type")
    submitted_at = ctx.first(ec.SUBMITTED)
    for values, number in zip(table.rows, table.row_numbers, strict=True):
        written = values[campaign_at].strip() if campaign_at is not None else ""
        if written and written.casefold() != ctx.campaign:
            out.other_left_out += 1
            continue
        if type_at is not None and not _same_type(values[type_at], number, ctx, out):
            continue
        if submitted_at is not None and not values[submitted_at].strip():
            if not ctx.include_incomplete:
                out.incomplete_left_out += 1
                continue
            out.incomplete_kept += 1
        _respondent(values, number, ctx, out)
    return out


def _respondent_types() -> Lookup:
    types = Lookup("type")
    types.add("eig", "EIG", "fellow", "Entrepreneur d'intérêt général", "Entrepreneurs")
    types.add("mentor", "Mentor", "Mentors", "Mentore")
    return types


RESPONDENT_TYPES = _respondent_types()


def _same_type(value: str, number: int, ctx: _Context, out: _Collected) -> bool:
    """Whether a row is of the imported questionnaire (rows of the other one are counted)."""
    found = RESPONDENT_TYPES.get(value)
    if found is None:
        out.bad_types[value.strip()].append(number)
        return False
    if found != ctx.questionnaire:
        out.other_left_out += 1
        return False
    return True


def _respondent(values: list[str], number: int, ctx: _Context, out: _Collected) -> None:
    answers: dict[str, list[str]] = {}
    for column in ctx.columns:
        if column.kind == ec.QUESTION and column.target in ctx.options:
            codes = _cell(values[column.index], number, column, ctx, out)
            if codes:
                answers[column.target] = codes
    if not answers:
        out.empty_left_out += 1
        return
    position = len(out.respondents) + 1
    respondent_id = _respondent_id(values, number, position, ctx, out)
    out.respondents.append(
        Respondent(
            number,
            respondent_id,
            _promotion(values, number, ctx, out),
            _profile(values, number, ctx, out),
            answers,
        )
    )


def _cell(cell: str, number: int, column: ec.Column, ctx: _Context, out: _Collected) -> list[str]:
    """The answer codes of one cell (several separated by « ; », « | » or a new line)."""
    lookup, question = ctx.options[column.target], column.target
    codes: list[str] = []
    for part in (p.strip() for p in MULTIPLE.split(cell.strip())):
        if not part:
            continue
        code = lookup.get(part) or _chosen(part, number, column, ctx, out)
        if code and code not in codes:
            codes.append(code)
    if len([c for c in codes if c != NO_ANSWER]) > 1 and ctx.kinds[question] != "multiple_choice":
        out.several[question].append(number)
    return codes


def _chosen(part: str, number: int, column: ec.Column, ctx: _Context, out: _Collected) -> str:
    """The code the analyst chose for a value no answer matched (recorded either way)."""
    question, lookup = column.target, ctx.options[column.target]
    key = (question, match_key(part))
    chosen = ctx.value_map.get(key)
    chosen = lookup.get(chosen) if chosen else None
    item = out.unknown.get(key)
    if item is None:
        allowed = {c: lookup.labels[c] for c in lookup.codes()}
        item = UnknownValue(
            question, "", column.name, part, 0, [], allowed, chosen, lookup.suggest(part)
        )
        out.unknown[key] = item
    item.count += 1
    item.rows.append(number)
    return chosen or ""


def _respondent_id(
    values: list[str], number: int, position: int, ctx: _Context, out: _Collected
) -> str:
    prefix = PREFIX[ctx.questionnaire]
    at = ctx.first(ec.RESPONDENT_ID)
    if at is None:
        return f"R-{prefix}-{position:03d}"
    text = values[at].strip()
    if DIGITS.fullmatch(text):
        return f"R-{prefix}-{int(text):03d}"
    found = DASHBOARD_ID.fullmatch(text.upper())
    if found and found.group(1) == prefix:
        return text.upper()
    out.bad_ids[text].append(number)
    return text


def _promotion(values: list[str], number: int, ctx: _Context, out: _Collected) -> str:
    at = ctx.first(ec.ATTRIBUTE, "promotion")
    if at is None:
        return ctx.promotion or ""
    text = values[at].strip()
    if not text:
        out.missing_promotion.append(number)
        return ""
    code = _promotion_code(ctx.promotions, text)
    if code is None:
        out.bad_promotions[text].append(number)
    return code or ""


def _profile(values: list[str], number: int, ctx: _Context, out: _Collected) -> str:
    at = ctx.first(ec.ATTRIBUTE, "profile")
    if at is None or ctx.questionnaire != "eig" or not values[at].strip():
        return ""
    code = ctx.profiles.get(values[at])
    if code is None:
        out.bad_profiles[values[at].strip()].append(number)
    return code or ""


# --- problems -----------------------------------------------------------------------------


def _rows_text(rows: list[int]) -> str:
    shown = ", ".join(str(r) for r in rows[:SHOWN_ROWS])
    more = f" et {len(rows) - SHOWN_ROWS} autre(s)" if len(rows) > SHOWN_ROWS else ""
    return f"ligne{'s' if len(rows) > 1 else ''} {shown}{more}"


def _row_problems(plan: CampaignPlan, got: _Collected, ctx: _Context) -> list[DataProblem]:
    """One problem per distinct problem (rows listed in the message, row = the first)."""
    for item in got.unknown.values():
        item.question_label = plan.targets.get(item.question_id, item.question_id)
    out = [_unknown_value(plan.file_name, item) for item in got.unknown.values() if not item.chosen]
    found = _promotion_problems(got, ctx) + _attribute_problems(got, ctx)
    for question, rows in got.several.items():
        message = (
            f"plusieurs réponses à la question à choix unique « {plan.targets[question]} » "
            f"({_rows_text(rows)})"
        )
        found.append((rows, _header(ctx, ec.QUESTION, question), "plusieurs-reponses", message))
    out += [DataProblem(plan.file_name, rows[0], *rest) for rows, *rest in found]
    out += _duplicate_ids(plan, got, _header(ctx, ec.RESPONDENT_ID, ""))
    if not got.respondents and not out:
        out.append(
            DataProblem(plan.file_name, None, None, "sans-repondant", _no_respondent(got, ctx))
        )
    return out


Found = list[tuple[list[int], str | None, str, str]]


def _promotion_problems(got: _Collected, ctx: _Context) -> Found:
    column = _header(ctx, ec.ATTRIBUTE, "promotion")
    out: Found = []
    if column is None and ctx.promotion is None and got.respondents:
        message = (
            "aucune colonne « Promotion » dans le fichier : indiquez la promotion des "
            "répondants (promotion par défaut, --promotion)"
        )
        out.append(([r.row for r in got.respondents], None, "promotion-manquante", message))
    if got.missing_promotion:
        message = f"promotion manquante ({_rows_text(got.missing_promotion)})"
        out.append((got.missing_promotion, column, "promotion-manquante", message))
    for value, rows in got.bad_promotions.items():
        message = (
            f"promotion « {value} » inconnue ({len(rows)} fois, {_rows_text(rows)})"
            f"{_closest(ctx.promotions, value)}"
        )
        out.append((rows, column, "promotion-inconnue", message))
    return out


def _attribute_problems(got: _Collected, ctx: _Context) -> Found:
    out: Found = []
    column = _header(ctx, ec.ATTRIBUTE, "profile")
    for value, rows in got.bad_profiles.items():
        message = (
            f"profil « {value} » inconnu ({len(rows)} fois, {_rows_text(rows)})"
            f"{_closest(ctx.profiles, value)}"
        )
        out.append((rows, column, "profil-inconnu", message))
    column = _header(ctx, ec.ATTRIBUTE, "respondent_type")
    for value, rows in got.bad_types.items():
        message = (
            f"type de répondant « {value} » inconnu ({_rows_text(rows)}) ; valeurs permises : "
            "EIG, mentor"
        )
        out.append((rows, column, "type-inconnu", message))
    column = _header(ctx, ec.RESPONDENT_ID, "")
    for value, rows in got.bad_ids.items():
        message = (
            f"identifiant de réponse « {value} » illisible ({_rows_text(rows)}) : un nombre "
            f"(LimeSurvey) ou R-{PREFIX[ctx.questionnaire]}- suivi de chiffres"
        )
        out.append((rows, column, "identifiant", message))
    return out


def _unknown_value(file_name: str, item: UnknownValue) -> DataProblem:
    label = item.question_label
    allowed = ", ".join(f"« {v} »" for c, v in item.allowed.items() if c != NO_ANSWER)
    hint = f" ; valeur la plus proche : « {item.suggestion} »" if item.suggestion else ""
    message = (
        f"« {item.value} » n'est pas une réponse possible à la question « {label} » "
        f"({item.count} fois, {_rows_text(item.rows)}) ; réponses permises : {allowed}{hint}"
    )
    return DataProblem(file_name, item.rows[0], item.header, "reponse-inconnue", message)


def _duplicate_ids(plan: CampaignPlan, got: _Collected, column: str | None) -> list[DataProblem]:
    rows: dict[str, list[int]] = defaultdict(list)
    for person in got.respondents:
        rows[person.respondent_id].append(person.row)
    return [
        DataProblem(
            plan.file_name,
            found[0],
            column,
            "identifiant-double",
            f"même identifiant de réponse « {respondent} » sur plusieurs lignes "
            f"({_rows_text(found)})",
        )
        for respondent, found in rows.items()
        if len(found) > 1
    ]


def _no_respondent(got: _Collected, ctx: _Context) -> str:
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


def _header(ctx: _Context, kind: str, target: str) -> str | None:
    at = ctx.first(kind, target)
    return ctx.columns[at].name if at is not None else None


def _closest(lookup: Lookup, value: str) -> str:
    close = lookup.suggest(value)
    return f" ; valeur la plus proche : « {close} »" if close else ""


def _replace_problems(plan: CampaignPlan, current: Tables, replace: bool) -> list[DataProblem]:
    if plan.questionnaire not in QUESTIONNAIRES:
        return []
    out = []
    existing = _respondents(current, plan.campaign, plan.questionnaire)
    if existing and not replace:
        out.append(
            f"la campagne « {plan.campaign} » a déjà {existing} répondant(s) "
            f"({QUESTIONNAIRES[plan.questionnaire]}) : choisissez « remplacer » (Remplacer les "
            "réponses existantes, --replace) pour remplacer ces réponses"
        )
    return [DataProblem(plan.file_name, None, None, "campagne", m) for m in out]


def _respondents(tables: Tables, campaign: str, questionnaire: str) -> int:
    return len(
        {
            r["respondent_id"]
            for r in tables["survey_responses"]
            if r["campaign"] == campaign and r["respondent_type"] == questionnaire
        }
    )


# --- new tables ---------------------------------------------------------------------------


def _set_tables(
    plan: CampaignPlan,
    current: Tables,
    got: _Collected,
    invited: int | None,
    export_date: str | dt.date | None,
) -> None:
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


def _mapping_path(plan: CampaignPlan) -> str:
    return f"mappings/{plan.campaign}-{plan.questionnaire}-{plan.checksum[:12]}.csv"


# --- preview ------------------------------------------------------------------------------


def _preview(plan: CampaignPlan, current: Tables, got: _Collected, invited: int | None) -> None:
    """Preview numbers on a candidate database; its validation problems go to the plan.

    The dashboard figures compared are the survey ones (nothing else reads the tables a
    campaign touches); the published rates only when this campaign has some (a rate reads
    its own campaign's responses only)."""
    published = any(r["campaign"] == plan.campaign for r in current["survey_published_figures"])
    groups = [impact.survey_figures] if published else [respondent_figures]
    with tempfile.TemporaryDirectory(prefix="eig-campaign-") as folder:
        try:
            path = impact.candidate_database_for(plan.data_dir, plan.tables, Path(folder))
        except ValidationFailed as error:
            plan.problems.extend(error.problems)
            return
        con = connect(path)
        try:
            figures = _main_figures(con, plan)
            unchanged = _unchanged(con, plan, current)
            after = impact.figures(con, groups)
        finally:
            con.close()
    now = connect(ensure_database(plan.data_dir))
    try:
        before = impact.figures(now, groups)
    finally:
        now.close()
    plan.preview = Preview(
        len(got.respondents),
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


def respondent_figures(con: impact.Connection) -> list[impact.Figure]:
    """Respondents per campaign and questionnaire, as `impact.survey_figures` names them."""
    out = []
    for row in survey.campaigns(con).to_dict("records"):
        for who, label in (("eig", "EIG répondants"), ("mentor", "mentors répondants")):
            key = f"survey.{row['campaign']}.{who}"
            value = float(row[f"respondents_{who}"])
            out.append(impact.Figure(key, "Enquêtes", f"{row['title']} — {label}", value))
    return out


def _question_counts(plan: CampaignPlan, got: _Collected) -> list[QuestionCount]:
    asked = [c.target for c in plan.columns if c.kind == ec.QUESTION]
    out = []
    for question in (q for q in plan.targets if q in asked):
        answered = sum(1 for r in got.respondents if set(r.answers.get(question, [])) - {NO_ANSWER})
        label = plan.targets[question]
        out.append(QuestionCount(question, label, answered, len(got.respondents) - answered))
    return out


def _main_figures(con: impact.Connection, plan: CampaignPlan) -> list[MainFigure]:
    filters = survey.Filters([plan.questionnaire])
    return [
        MainFigure(question, label, survey.share(con, plan.campaign, question, answers, filters))
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
        same = _rows_of(current, row["campaign"]) == _rows_of(plan.tables, row["campaign"])
        state = "inchangée" if same else "modifiée"
        lines.append(f"{row['title']} : {fmt.number(count)} répondants, {state}")
    return lines


def _other_questionnaire(row: dict, plan: CampaignPlan) -> list[str]:
    other = "mentor" if plan.questionnaire == "eig" else "eig"
    count = int(row[f"respondents_{other}"])
    if not count:
        return []
    return [f"{row['title']} — {QUESTIONNAIRES[other]} : {fmt.number(count)} répondants, inchangés"]


def _rows_of(tables: Tables, campaign: str) -> list[tuple]:
    return sorted(
        tuple(r.values()) for r in tables["survey_responses"] if r["campaign"] == campaign
    )


# --- deleting -----------------------------------------------------------------------------


def _delete_problem(
    current: Tables, row: dict[str, str] | None, code: str, questionnaire: str | None
) -> tuple[str, str] | None:
    if row is None:
        known = ", ".join(r["campaign"] for r in current["survey_campaigns"])
        return "campagne-inconnue", f"la campagne « {code} » n'existe pas (campagnes : {known})"
    figures = [f for f in current["survey_published_figures"] if f["campaign"] == code]
    if figures:
        return "campagne-publiee", (
            f"la campagne « {code} » ne peut pas être supprimée : {len(figures)} taux publiés "
            "(survey_published_figures) s'appuient sur ses réponses"
        )
    if questionnaire is not None and questionnaire not in QUESTIONNAIRES:
        return "parametre", f"questionnaire « {questionnaire} » inconnu (eig ou mentor)"
    if questionnaire and not _respondents(current, code, questionnaire):
        who = QUESTIONNAIRES[questionnaire]
        return "sans-reponse", f"la campagne « {code} » n'a aucune réponse des {who}"
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
