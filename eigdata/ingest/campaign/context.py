"""What reading an export needs and finds: the questionnaires, the lookups of one import
(`Context`), the kept respondents and what could not be mapped (`Collected`)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from eigdata.i18n import _, pick
from eigdata.ingest.answers import NO_ANSWER
from eigdata.ingest.campaign import columns as ec
from eigdata.ingest.changes import Rows, Tables
from eigdata.ingest.mapping import Lookup, match_key, profiles, promotions

if TYPE_CHECKING:
    from eigdata.ingest.campaign.plan import CampaignPlan

QUESTIONNAIRES = {"eig": "EIG", "mentor": "mentors"}
PREFIX = {"eig": "EIG", "mentor": "MEN"}
PROMOTION_NUMBER = re.compile(r"(?:promotion|promo)\s*(?:n°|no)?\s*(?:eig)?\s*(\d+)")


@dataclass
class UnknownValue:
    """An answer value no allowed answer of its question matched (count, rows, choice)."""

    question_id: str
    question_label: str
    header: str
    value: str
    count: int
    rows: list[int]
    allowed: dict[str, str]  # answer code → label (French, or English in English)
    chosen: str | None = None
    suggestion: str | None = None


@dataclass
class Respondent:
    """One kept respondent: pseudonymous id, attributes, answer codes per question."""

    row: int
    respondent_id: str
    promotion: str
    profile: str
    answers: dict[str, list[str]]


@dataclass(frozen=True)
class Coded:
    """One value per kept respondent, as codes into the distinct values (a few distinct
    answers for 100 000 respondents: 100 000 small integers, not 100 000 objects)."""

    codes: np.ndarray
    values: list[Any]

    def __len__(self) -> int:
        return len(self.codes)

    def __getitem__(self, position: int) -> Any:
        return self.values[self.codes[position]]

    def each(self, check: Callable[[Any], bool]) -> np.ndarray:
        """Per respondent, whether `check` holds for their value (computed once per value)."""
        found = np.array([bool(check(v)) for v in self.values], bool)
        return found[self.codes] if len(found) else np.zeros(len(self.codes), bool)

    @classmethod
    def same(cls, value: Any, count: int) -> Coded:
        """The same value for `count` respondents."""
        return cls(np.zeros(count, np.int32), [value])


@dataclass
class Context:
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
class Collected:
    """The kept respondents, column-wise (file row, pseudonymous id, promotion, profile and,
    per question, the tuple of answer codes), and everything found on the way (grouped, for
    the problems)."""

    rows: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    ids: Coded = field(default_factory=lambda: Coded.same("", 0))
    promotions: Coded = field(default_factory=lambda: Coded.same("", 0))
    profiles: Coded = field(default_factory=lambda: Coded.same("", 0))
    answers: dict[str, Coded] = field(default_factory=dict)  # question → tuples of codes
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

    @property
    def count(self) -> int:
        """How many respondents are kept."""
        return len(self.rows)

    @property
    def respondents(self) -> list[Respondent]:
        """The kept respondents one by one (made when asked: small uses only)."""
        return [
            Respondent(
                int(row),
                self.ids[i],
                self.promotions[i],
                self.profiles[i],
                {q: list(codes[i]) for q, codes in self.answers.items() if codes[i]},
            )
            for i, row in enumerate(self.rows)
        ]


def new_context(
    plan: CampaignPlan,
    current: Tables,
    questions: Rows,
    promotion: str | None,
    include_incomplete: bool,
    value_map: dict[tuple[str, str], str] | None,
) -> Context:
    """The context of reading a plan's rows: default promotion, answer lookups, mapped values."""
    promotion_lookup = promotions(current)
    default = promotion_code(promotion_lookup, promotion) if promotion else None
    return Context(
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
    """Per question: answer code, French or English label (Y/N for yes/no) → code; labels
    shown in the run's language."""
    wanted = {q["question_id"]: q["type"] for q in questions}
    found: dict[str, Lookup] = {}
    for row in current["survey_answer_options"]:
        if row["question_id"] in wanted:
            found.setdefault(row["question_id"], Lookup(row["question_id"])).add(
                row["answer"],
                row["label_fr"],
                row["label_en"],
                label=pick(row["label_fr"], row["label_en"]),
            )
    no_answer = _("Sans réponse")
    for question, lookup in found.items():
        lookup.add(NO_ANSWER, "Sans réponse", "No answer", "Pas de réponse", label=no_answer)
        if wanted[question] == "yes_no":
            lookup.add("oui", "Y")
            lookup.add("non", "N")
    return found


def promotion_code(lookup: Lookup, text: str) -> str | None:
    """« EIG 4 », « eig4 », « Promotion 4 », « promo EIG 4 » → EIG 4."""
    code = lookup.get(text)
    if code is None and (found := PROMOTION_NUMBER.fullmatch(match_key(text))):
        code = lookup.get(f"EIG {int(found.group(1))}")
    return code
