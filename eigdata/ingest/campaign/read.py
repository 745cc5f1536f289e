"""Reading the export's rows: the dashboard's long format made wide, then each row kept or
left out (other campaign or questionnaire, incomplete, empty) and mapped to a `Respondent`;
what cannot be mapped is grouped in `Collected` for the problems."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from eigdata.ingest.answers import MULTIPLE, NO_ANSWER
from eigdata.ingest.campaign import columns as ec
from eigdata.ingest.campaign.context import (
    PREFIX,
    Coded,
    Collected,
    Context,
    UnknownValue,
    promotion_code,
)
from eigdata.ingest.columnar import Columns
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
        row = dict(zip(keys, values, strict=False))  # cells past the header are ignored
        if not _ours(row, campaign, questionnaire):
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


def _respondent_types() -> Lookup:
    types = Lookup("type")
    types.add("eig", "EIG", "fellow", "Entrepreneur d'intérêt général", "Entrepreneurs")
    types.add("mentor", "Mentor", "Mentors", "Mentore")
    return types


RESPONDENT_TYPES = _respondent_types()


@dataclass(frozen=True)
class Cell:
    """What one distinct cell text of a question column gives: its answer codes (values the
    analyst mapped included), the parts no answer matched, several answers to a single
    choice."""

    codes: tuple[str, ...]
    unknown: tuple[str, ...]
    several: bool


def collect(table: Columns, ctx: Context) -> Collected:
    """Read every row: leave out other campaigns and types and incomplete responses, map
    attributes and answers; group what cannot be mapped. Each distinct text of a column is
    mapped once; rows are then handled as arrays (only rows with a problem one by one, in
    file order)."""
    out = Collected()
    alive = np.ones(len(table), bool)
    alive &= ~_other_campaign(table, ctx, alive, out)
    alive &= ~_other_type(table, ctx, alive, out)
    alive &= ~_incomplete(table, ctx, alive, out)
    answered = _answers_read(table, ctx, alive, out)
    kept = np.flatnonzero(alive & answered)
    out.empty_left_out += int((alive & ~answered).sum())
    out.rows = table.row_numbers[kept]
    out.answers = {q: Coded(c.codes[kept], c.values) for q, c in out.answers.items()}
    out.ids = _ids(table, ctx, kept, out)
    out.promotions = _promotions(table, ctx, kept, out)
    out.profiles = _profiles(table, ctx, kept, out)
    return out


def _texts(table: Columns, at: int, check: Callable[[str], object]) -> np.ndarray:
    """Per row, `check` of its text in column `at` (computed once per distinct text)."""
    found = np.array([bool(check(t)) for t in table.distinct[at]], bool)
    return found[table.codes[at]] if len(found) else np.zeros(len(table), bool)


def _other_campaign(table: Columns, ctx: Context, alive: np.ndarray, out: Collected) -> np.ndarray:
    at = ctx.first(ec.CAMPAIGN)
    if at is None:
        return np.zeros(len(table), bool)
    other = alive & _texts(table, at, lambda t: t.strip() and t.strip().casefold() != ctx.campaign)
    out.other_left_out += int(other.sum())
    return other


def _other_type(table: Columns, ctx: Context, alive: np.ndarray, out: Collected) -> np.ndarray:
    """Rows of another questionnaire (counted) or of an unknown type (listed)."""
    at = ctx.first(ec.ATTRIBUTE, "respondent_type")
    if at is None:
        return np.zeros(len(table), bool)
    bad = alive & _texts(table, at, lambda t: RESPONDENT_TYPES.get(t) is None)
    other = alive & ~bad & _texts(table, at, lambda t: RESPONDENT_TYPES.get(t) != ctx.questionnaire)
    for i in np.flatnonzero(bad):
        out.bad_types[_text(table, at, i).strip()].append(int(table.row_numbers[i]))
    out.other_left_out += int(other.sum())
    return bad | other


def _incomplete(table: Columns, ctx: Context, alive: np.ndarray, out: Collected) -> np.ndarray:
    """Responses without a submit date: left out (counted) unless included."""
    at = ctx.first(ec.SUBMITTED)
    if at is None:
        return np.zeros(len(table), bool)
    empty = alive & _texts(table, at, lambda t: not t.strip())
    if ctx.include_incomplete:
        out.incomplete_kept += int(empty.sum())
        return np.zeros(len(table), bool)
    out.incomplete_left_out += int(empty.sum())
    return empty


def _answers_read(table: Columns, ctx: Context, alive: np.ndarray, out: Collected) -> np.ndarray:
    """Map every question column (`out.answers`, per row); record unknown values and
    several answers in file order; per row, whether it answered anything."""
    answered = np.zeros(len(table), bool)
    questions = [c for c in ctx.columns if c.kind == ec.QUESTION and c.target in ctx.options]
    events: list[tuple[int, int]] = []
    cells: list[list[Cell]] = []
    for position, column in enumerate(questions):
        parsed = [_cell(t, column, ctx) for t in table.distinct[column.index]]
        cells.append(parsed)
        coded = Coded(table.codes[column.index], [c.codes for c in parsed])
        answered |= coded.each(bool)
        noted = alive & Coded(coded.codes, parsed).each(lambda c: c.unknown or c.several)
        events += [(int(i), position) for i in np.flatnonzero(noted)]
        _merge(out.answers, column.target, coded)
    for i, position in sorted(events):
        column, number = questions[position], int(table.row_numbers[i])
        cell = cells[position][table.codes[column.index][i]]
        for part in cell.unknown:
            _record_unknown(part, number, column, ctx, out)
        if cell.several:
            out.several[column.target].append(number)
    return answered


def _merge(answers: dict[str, Coded], question: str, coded: Coded) -> None:
    """A question's answers; when two columns hold it, a row's later non-empty cell wins."""
    before = answers.get(question)
    if before is None:
        answers[question] = coded
        return
    index: dict[tuple[str, ...], int] = {}
    pairs = [coded[i] or before[i] for i in range(len(coded))]
    found = np.array([index.setdefault(p, len(index)) for p in pairs], np.int32)
    answers[question] = Coded(found, list(index))


def _cell(cell: str, column: ec.Column, ctx: Context) -> Cell:
    """The answer codes of one cell (several separated by « ; », « | » or a new line)."""
    lookup, question = ctx.options[column.target], column.target
    codes: list[str] = []
    unknown: list[str] = []
    for part in (p.strip() for p in MULTIPLE.split(cell.strip())):
        if not part:
            continue
        code = lookup.get(part)
        if code is None:
            unknown.append(part)
            code = _chosen(part, column, ctx)
        if code and code not in codes:
            codes.append(code)
    several = len([c for c in codes if c != NO_ANSWER]) > 1
    several = several and ctx.kinds[question] != "multiple_choice"
    return Cell(tuple(codes), tuple(unknown), several)


def _chosen(part: str, column: ec.Column, ctx: Context) -> str:
    """The code the analyst chose for a value no answer matched, or ""."""
    chosen = ctx.value_map.get((column.target, match_key(part)))
    return (ctx.options[column.target].get(chosen) if chosen else None) or ""


def _record_unknown(
    part: str, number: int, column: ec.Column, ctx: Context, out: Collected
) -> None:
    """Count a value no answer matched (grouped by question and compared text)."""
    question, lookup = column.target, ctx.options[column.target]
    key = (question, match_key(part))
    item = out.unknown.get(key)
    if item is None:
        allowed = {c: lookup.labels[c] for c in lookup.codes()}
        chosen = _chosen(part, column, ctx) or None
        item = UnknownValue(
            question, "", column.name, part, 0, [], allowed, chosen, lookup.suggest(part)
        )
        out.unknown[key] = item
    item.count += 1
    item.rows.append(number)


def _text(table: Columns, at: int, row: int) -> str:
    return table.distinct[at][table.codes[at][row]]


def _ids(table: Columns, ctx: Context, kept: np.ndarray, out: Collected) -> Coded:
    """Pseudonymous ids: the tool's response id (« 17 » → R-EIG-017), else numbered."""
    prefix = PREFIX[ctx.questionnaire]
    at = ctx.first(ec.RESPONDENT_ID)
    if at is None:
        return Coded(np.arange(len(kept)), [f"R-{prefix}-{p:03d}" for p in range(1, len(kept) + 1)])
    texts, readable = _respondent_ids(table.distinct[at], prefix)
    coded = Coded(table.codes[at][kept], texts)
    for i in np.flatnonzero(~readable[coded.codes] if len(readable) else []):
        out.bad_ids[coded[i]].append(int(out.rows[i]))
    return coded


def _respondent_ids(texts: list[str], prefix: str) -> tuple[list[str], np.ndarray]:
    """`_respondent_id` of many texts: plain numbers by arrays (« 17 » → R-EIG-017), the
    others one by one."""
    array = pa.array(texts, pa.string())
    plain = pc.match_substring_regex(array, r"^[0-9]{1,6}$").to_numpy(zero_copy_only=False)
    numbers = pc.cast(pc.cast(array.filter(pa.array(plain)), pa.int64()), pa.string())
    made = pc.binary_join_element_wise(f"R-{prefix}-", pc.utf8_lpad(numbers, 3, "0"), "")
    out = np.empty(len(texts), dtype=object)
    out[plain] = made.to_pylist()
    readable = plain.copy()
    for i in np.flatnonzero(~plain):
        out[i], readable[i] = _respondent_id(texts[i], prefix)
    return list(out), readable


def _respondent_id(text: str, prefix: str) -> tuple[str, bool]:
    """The pseudonymous id of a response id, and whether it was readable."""
    text = text.strip()
    if DIGITS.fullmatch(text):
        return f"R-{prefix}-{int(text):03d}", True
    found = DASHBOARD_ID.fullmatch(text.upper())
    if found and found.group(1) == prefix:
        return text.upper(), True
    return text, False


def _promotions(table: Columns, ctx: Context, kept: np.ndarray, out: Collected) -> Coded:
    at = ctx.first(ec.ATTRIBUTE, "promotion")
    if at is None:
        return Coded.same(ctx.promotion or "", len(kept))
    texts = [t.strip() for t in table.distinct[at]]
    codes = [promotion_code(ctx.promotions, t) if t else None for t in texts]
    coded = Coded(table.codes[at][kept], [c or "" for c in codes])
    for i in np.flatnonzero(coded.each(lambda c: not c)):
        text, number = texts[coded.codes[i]], int(out.rows[i])
        if not text:
            out.missing_promotion.append(number)
        else:
            out.bad_promotions[text].append(number)
    return coded


def _profiles(table: Columns, ctx: Context, kept: np.ndarray, out: Collected) -> Coded:
    at = ctx.first(ec.ATTRIBUTE, "profile")
    if at is None or ctx.questionnaire != "eig":
        return Coded.same("", len(kept))
    texts = table.distinct[at]
    codes = [ctx.profiles.get(t) if t.strip() else "" for t in texts]
    coded = Coded(table.codes[at][kept], [c or "" for c in codes])
    for i in np.flatnonzero(Coded(coded.codes, codes).each(lambda c: c is None)):
        out.bad_profiles[texts[coded.codes[i]].strip()].append(int(out.rows[i]))
    return coded
