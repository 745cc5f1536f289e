"""Reading the export's rows: the dashboard's long format made wide, then each row kept or
left out (other campaign or questionnaire, incomplete, empty) and mapped to a `Respondent`;
what cannot be mapped is grouped in `Collected` for the problems."""

from __future__ import annotations

import re

from eigdata.ingest.answers import MULTIPLE, NO_ANSWER
from eigdata.ingest.campaign import columns as ec
from eigdata.ingest.campaign.context import (
    PREFIX,
    Collected,
    Context,
    Respondent,
    UnknownValue,
    promotion_code,
)
from eigdata.ingest.detect import Table
from eigdata.ingest.mapping import Lookup, match_key

DIGITS = re.compile(r"\d{1,6}")
DASHBOARD_ID = re.compile(r"R-(EIG|MEN)-(\d{2,6})")
LONG = ("question_id", "answer")


def is_long(header: list[str]) -> bool:
    """Whether the file is the dashboard's long format (question_id and answer columns)."""
    keys = {match_key(h) for h in header}
    return all(name in keys for name in LONG)


def long_to_wide(table: Table, campaign: str, questionnaire: str) -> tuple[Table, int]:
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


def collect(table: Table, ctx: Context) -> Collected:
    """Read every row: leave out other campaigns and types and incomplete responses, map
    attributes and answers; group what cannot be mapped."""
    out = Collected()
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


def _same_type(value: str, number: int, ctx: Context, out: Collected) -> bool:
    """Whether a row is of the imported questionnaire (rows of the other one are counted)."""
    found = RESPONDENT_TYPES.get(value)
    if found is None:
        out.bad_types[value.strip()].append(number)
        return False
    if found != ctx.questionnaire:
        out.other_left_out += 1
        return False
    return True


def _respondent(values: list[str], number: int, ctx: Context, out: Collected) -> None:
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


def _cell(cell: str, number: int, column: ec.Column, ctx: Context, out: Collected) -> list[str]:
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


def _chosen(part: str, number: int, column: ec.Column, ctx: Context, out: Collected) -> str:
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
    values: list[str], number: int, position: int, ctx: Context, out: Collected
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


def _promotion(values: list[str], number: int, ctx: Context, out: Collected) -> str:
    at = ctx.first(ec.ATTRIBUTE, "promotion")
    if at is None:
        return ctx.promotion or ""
    text = values[at].strip()
    if not text:
        out.missing_promotion.append(number)
        return ""
    code = promotion_code(ctx.promotions, text)
    if code is None:
        out.bad_promotions[text].append(number)
    return code or ""


def _profile(values: list[str], number: int, ctx: Context, out: Collected) -> str:
    at = ctx.first(ec.ATTRIBUTE, "profile")
    if at is None or ctx.questionnaire != "eig" or not values[at].strip():
        return ""
    code = ctx.profiles.get(values[at])
    if code is None:
        out.bad_profiles[values[at].strip()].append(number)
    return code or ""
