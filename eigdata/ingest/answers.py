"""Survey uploads as survey tools export them: questions and answers matched to their codes.

A survey_responses upload is either long (one row per respondent, question and answer, the
dataset's own columns) or wide (one row per respondent, one column per question, the header
being the question id or its exact French wording). Questions are matched by id or wording,
answers by code or French label, ignoring case and accents (« OUI », « oui », « Oui » are
the same answer); an answer the question does not allow is reported with the closest one.
"""

from __future__ import annotations

import difflib
import re

from eigdata.errors import DataProblem
from eigdata.i18n import _
from eigdata.ingest.detect import Table, fold
from eigdata.schemas import dataset
from eigdata.validation.messages import closest_note

DATASET = "survey_responses"
NO_ANSWER = "sans_reponse"
IDENTITY = ["campaign", "respondent_id", "respondent_type", "promotion", "profile"]
MULTIPLE = re.compile(r"\s*[;|\n]\s*")
Tables = dict[str, list[dict[str, str]]]


def question_aliases(current: Tables) -> dict[str, str]:
    """Question wording and id (folded) → question id."""
    aliases: dict[str, str] = {}
    for row in current.get("survey_questions", []):
        for text in (row.get("question_id", ""), row.get("label_fr", "")):
            if text:
                aliases.setdefault(fold(text), row["question_id"])
    return aliases


def answer_aliases(current: Tables) -> dict[str, dict[str, str]]:
    """Per question id: answer code and French label (folded) → answer code."""
    by_question: dict[str, dict[str, str]] = {}
    for row in current.get("survey_answer_options", []):
        options = by_question.setdefault(row["question_id"], {fold(NO_ANSWER): NO_ANSWER})
        options[fold("Sans réponse")] = NO_ANSWER
        for text in (row.get("answer", ""), row.get("label_fr", "")):
            if text:
                options.setdefault(fold(text), row["answer"])
    return by_question


def canonicalise(file_name: str, table: Table, current: Tables) -> tuple[Table, list[DataProblem]]:
    """Wide exports to the long form, then question and answer codes; problems in the run's
    language."""
    questions = question_aliases(current)
    if "question_id" not in table.header and "answer" not in table.header:
        table = widen_to_long(table, questions)
    header = table.header
    if "question_id" not in header or "answer" not in header:
        return table, []
    q_index, a_index = header.index("question_id"), header.index("answer")
    options = answer_aliases(current)
    problems, rows = [], []
    for values, number in zip(table.rows, table.row_numbers, strict=True):
        row = list(values)
        question = questions.get(fold(row[q_index]), row[q_index])
        row[q_index] = question
        allowed = options.get(question)
        answer = row[a_index]
        if allowed is not None and answer:
            code = allowed.get(fold(answer))
            if code is None:
                problems.append(_unknown_answer(file_name, number, question, answer, allowed))
            else:
                row[a_index] = code
        rows.append(row)
    return Table(header, rows, table.row_numbers, table.detection), problems


def widen_to_long(table: Table, questions: dict[str, str]) -> Table:
    """One column per question → one row per question and answer (empty cells: no row).

    Several answers in one cell (multiple choice) are separated by « ; », « | » or a new line.
    A required identity column the export lacks (e.g. the campaign) stays absent, so that it
    is reported once as a missing column rather than once per answer. Returned unchanged
    when no header names a question.
    """
    columns = {i: questions[fold(h)] for i, h in enumerate(table.header) if fold(h) in questions}
    if not columns:
        return table
    identity = {name: table.header.index(name) for name in IDENTITY if name in table.header}
    kept = [c for c in IDENTITY if c in identity or not _required(c)]
    rows, numbers = [], []
    for values, number in zip(table.rows, table.row_numbers, strict=True):
        person = [values[identity[c]] if c in identity else "" for c in kept]
        for index, question in columns.items():
            for answer in MULTIPLE.split(values[index].strip()):
                if answer:
                    rows.append([*person, question, answer])
                    numbers.append(number)
    return Table([*kept, "question_id", "answer"], rows, numbers, table.detection)


def _unknown_answer(
    file_name: str, row: int, question: str, answer: str, allowed: dict[str, str]
) -> DataProblem:
    codes = sorted(set(allowed.values()))
    close = difflib.get_close_matches(fold(answer), list(allowed), n=1, cutoff=0.5)
    listed = ", ".join(_("« {value} »").format(value=c) for c in codes)
    message = _(
        "« {answer} » n'est pas une réponse possible à la question « {question} » "
        "(réponses permises : {listed})"
    ).format(answer=answer, question=question, listed=listed)
    message += closest_note(allowed[close[0]] if close else None)
    return DataProblem(file_name, row, "answer", "reponse-inconnue", message)


def _required(column: str) -> bool:
    return bool(dataset(DATASET).field(column).get("constraints", {}).get("required"))
