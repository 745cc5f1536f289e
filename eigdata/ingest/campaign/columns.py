"""Columns of survey-tool exports: which header is a question, a respondent attribute, a
technical column of the tool or personal data; and the column mapping CSV (read, write).

Headers are compared with `mapping.match_key` (case, accents, typographic apostrophes,
trailing « ? » and spaces do not matter). A header is, in this order: chosen by the analyst
(`column_map`), a question of the questionnaire by id or wording, a respondent attribute
(Promotion, Profil, Type de répondant), a known technical column of LimeSurvey, Google
Forms, Framaforms or the dashboard's own formats (ignored, or used for the respondent id and
the completion date), personal data (e-mail, name, IP address: always dropped), else
« non reconnue » (the known names are in `headers`). The mapping CSV
(`colonne,question[,valeur,reponse]`, UTF-8) records what each column of a file was mapped
to, to reuse it for the next campaign.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from eigdata.i18n import N_, _
from eigdata.ingest import mapping
from eigdata.ingest.campaign.headers import (
    ATTRIBUTE,
    ATTRIBUTE_NAMES,
    ATTRIBUTES,
    CAMPAIGN,
    IGNORE,
    IGNORED,
    KNOWN,
    PERSONAL,
    PERSONAL_KEYS,
    PERSONAL_WORDS,
    QUESTION,
    RESPONDENT_ID,
    SUBMITTED,
    TECHNICAL,
    UNMATCHED,
    USED_TECHNICAL,
)
from eigdata.ingest.mapping import mapping_rows, match_key, read_column_map

if TYPE_CHECKING:
    from eigdata.ingest.campaign.plan import CampaignPlan

# How a column was matched: compared in code, shown in the column table through
# `Column.shown_how` (in the run's language).
HOW_ID = N_("identifiant")
HOW_WORDING = N_("intitulé")
HOW_ATTRIBUTE = N_("attribut")
HOW_PERSONAL = N_("donnée personnelle")
HOW_CHOSEN = N_("choisi par l'analyste")
HOW_UNMATCHED = N_("non reconnue")
HOW_TECHNICAL = N_("colonne technique ({tool})")
# The respondent attributes as shown (headers.ATTRIBUTES holds their French header names).
SHOWN_ATTRIBUTES = {
    "promotion": N_("Promotion"),
    "profile": N_("Profil"),
    "respondent_type": N_("Type de répondant"),
}

# LimeSurvey « question code & question text » headings: « code. text » or « [code] text ».
CODE_AND_TEXT = re.compile(r"\[?([A-Za-z][A-Za-z0-9_]*)\]?[.:]?\s+(.+)", re.DOTALL)


@dataclass(frozen=True)
class Column:
    """One column of an export and what it was mapped to."""

    index: int
    header: str
    kind: str
    target: str = ""  # question id or attribute
    how: str = HOW_UNMATCHED
    tool: str | None = None

    @property
    def name(self) -> str:
        """The header as shown to people (« colonne 4 sans titre » when empty)."""
        return self.header.strip() or _("colonne {number} sans titre").format(number=self.index + 1)

    @property
    def stored(self) -> bool:
        """Whether the column's values are stored (questions and attributes only)."""
        return self.kind in {QUESTION, ATTRIBUTE}

    def mapping_value(self) -> str:
        """What the mapping CSV says for this column (empty when not recognised)."""
        if self.kind in {QUESTION, ATTRIBUTE}:
            return self.target
        return "" if self.kind == UNMATCHED else IGNORE

    def shown_how(self) -> str:
        """How the column was matched, in the run's language (`how` itself stays French:
        it is compared)."""
        if self.tool and self.how == HOW_TECHNICAL.format(tool=self.tool):
            return _(HOW_TECHNICAL).format(tool=self.tool)
        return _(self.how)

    def shown_target(self, labels: dict[str, str]) -> str:
        """What the column maps to, in the run's language, for the column table."""
        if self.kind == QUESTION:
            return f"{self.target} — {labels.get(self.target, self.target)}"
        if self.kind == ATTRIBUTE:
            shown = SHOWN_ATTRIBUTES.get(self.target)
            return _("attribut : {attribute}").format(attribute=_(shown) if shown else self.target)
        return {
            RESPONDENT_ID: _("identifiant du répondant (pseudonyme)"),
            SUBMITTED: _("date de soumission (réponses complètes)"),
            CAMPAIGN: _("campagne (lignes d'autres campagnes laissées de côté)"),
            TECHNICAL: _("ignorée (colonne technique)"),
            PERSONAL: _("écartée, jamais enregistrée (donnée personnelle)"),
            IGNORED: _("ignorée"),
        }.get(self.kind, "—")


def match_columns(
    header: list[str],
    questions: list[dict[str, str]],
    column_map: dict[str, str] | None = None,
) -> tuple[list[Column], list[str]]:
    """Each header matched (see the module docstring); and the `column_map` entries whose
    target is neither a question of the questionnaire, an attribute nor « ignorer »."""
    chosen = {match_key(k): v for k, v in (column_map or {}).items()}
    by_id = {match_key(q["question_id"]): q["question_id"] for q in questions}
    by_wording: dict[str, str] = {}
    for q in questions:
        for text in (q.get("label_fr", ""), q.get("label_en", "")):
            if text:
                by_wording.setdefault(match_key(text), q["question_id"])
    columns, invalid = [], []
    for index, text in enumerate(header):
        auto = _automatic(index, text, by_id, by_wording)
        wanted = chosen.get(match_key(text), "").strip()
        if not wanted or auto.kind == PERSONAL:
            columns.append(auto)
            continue
        target = resolve_target(wanted, questions)
        if target is None:
            invalid.append(
                _("« {header} » → « {target} »").format(header=text.strip(), target=wanted)
            )
            columns.append(auto)
        elif target == (IGNORED, "") and auto.kind in {TECHNICAL, *USED_TECHNICAL}:
            columns.append(auto)  # a reused mapping says « ignorer » for tool columns
        else:
            columns.append(Column(index, text, target[0], target[1], HOW_CHOSEN, auto.tool))
    return columns, invalid


def resolve_target(text: str, questions: list[dict[str, str]]) -> tuple[str, str] | None:
    """(kind, target) an analyst's choice names: question id or wording, attribute, ignorer."""
    key = match_key(text)
    if key in {IGNORE, "ignore", "ignored", "ignoree"}:
        return IGNORED, ""
    for q in questions:
        if key in {match_key(q["question_id"]), match_key(q.get("label_fr", ""))}:
            return QUESTION, q["question_id"]
    attribute = _attribute(key)
    return (ATTRIBUTE, attribute) if attribute else None


def detected_tool(columns: list[Column]) -> str | None:
    """The survey tool whose technical columns the file has (the most of), or None."""
    found = Counter(c.tool for c in columns if c.tool and c.kind != PERSONAL)
    return found.most_common(1)[0][0] if found else None


def closest_question(header: str, questions: list[dict[str, str]]) -> str | None:
    """The wording of the question closest to a header, for a hint."""
    labels = {match_key(q["label_fr"]): q["label_fr"] for q in questions}
    close = difflib.get_close_matches(match_key(header), list(labels), n=1, cutoff=0.6)
    return labels[close[0]] if close else None


def read_mapping(raw: bytes, file_name: str = "correspondance.csv") -> dict[str, str]:
    """Column → target (question id, attribute or « ignorer ») from a mapping CSV."""
    return read_column_map(raw, file_name)


def read_value_map(raw: bytes, file_name: str = "correspondance.csv") -> dict[tuple[str, str], str]:
    """(question id, value as written) → answer code, from the optional columns
    `valeur,reponse` of a mapping CSV."""
    found: dict[tuple[str, str], str] = {}
    for row in mapping_rows(raw, file_name):
        question, value = row.get("question", "").strip(), row.get("valeur", "").strip()
        answer = row.get("reponse", "").strip()
        if question and value and answer:
            found.setdefault((question, value), answer)
    return found


def mapping_csv(plan: CampaignPlan) -> bytes:
    """The mapping CSV of a plan: every column of the file with what it was mapped to
    (headers only, never a value of the file), then the answer values mapped by hand."""
    columns = [(c.header, c.mapping_value()) for c in plan.columns]
    values = [
        (item.header.strip(), item.question_id, item.value, item.chosen)
        for item in plan.unknown_values
        if item.chosen
    ]
    return mapping.mapping_csv(columns, values)


def _automatic(index: int, text: str, by_id: dict[str, str], by_wording: dict[str, str]) -> Column:
    key = match_key(text)
    if key in by_id:
        return Column(index, text, QUESTION, by_id[key], HOW_ID)
    if key in by_wording:
        return Column(index, text, QUESTION, by_wording[key], HOW_WORDING)
    if coded := CODE_AND_TEXT.fullmatch(text.strip()):
        if found := by_id.get(match_key(coded.group(1))):
            return Column(index, text, QUESTION, found, HOW_ID)
        if found := by_wording.get(match_key(coded.group(2))):
            return Column(index, text, QUESTION, found, HOW_WORDING)
    if attribute := _attribute(key):
        return Column(index, text, ATTRIBUTE, attribute, HOW_ATTRIBUTE)
    if key in KNOWN:
        tool, role = KNOWN[key]
        return Column(index, text, role, "", HOW_TECHNICAL.format(tool=tool), tool)
    if key in PERSONAL_KEYS or _looks_personal(key):
        return Column(index, text, PERSONAL, "", HOW_PERSONAL)
    return Column(index, text, UNMATCHED)


def _looks_personal(key: str) -> bool:
    """A short header naming an e-mail address or a phone number (« Votre e-mail »)."""
    words = key.replace("-", " ").replace("'", " ").split()
    return len(words) <= 4 and bool(PERSONAL_WORDS & set(words))


def _attribute(key: str) -> str | None:
    for attribute, names in ATTRIBUTE_NAMES.items():
        if key in {match_key(n) for n in [attribute, ATTRIBUTES[attribute], *names]}:
            return attribute
    return None
