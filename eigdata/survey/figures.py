"""Survey questions the pages ask: shares with Wilson intervals, under the privacy rule.

Every function runs named queries (eigdata/sql/survey_*.sql) through `runner.run`; the
privacy rule and the intervals live in `survey_stats`. Figures of a suppressed group are
returned as None with a reason, never as numbers. Labels, reasons and notes come in the
run's language (`eigdata.i18n`): English labels from the `label_en` columns.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import duckdb
import pandas as pd

from eigdata.i18n import N_, _, pick
from eigdata.runner import run
from eigdata.survey.stats import privacy_reason, wilson

Connection = duckdb.DuckDBPyConnection
NO_ANSWER = "sans_reponse"
NO_ANSWER_LABEL = N_("Sans réponse")
RECONSTRUCTED_LABEL = N_("Données reconstituées à partir des taux publiés")
NOT_APPLICABLE_PROFILE = "sans_objet"
NOT_APPLICABLE_LABEL = N_("Sans objet (mentors)")
DIMENSIONS = ("respondent_type", "promotion", "profile")


@dataclass(frozen=True)
class Share:
    """A share of respondents; numbers are None when the group may not be shown."""

    numerator: int | None
    denominator: int | None
    share: float | None
    low: float | None
    high: float | None
    reason: str | None = None

    @property
    def suppressed(self) -> bool:
        return self.reason is not None

    def columns(self) -> dict[str, object]:
        """n, denominator, share, low, high and reason, as table columns."""
        return {
            "n": self.numerator,
            "denominator": self.denominator,
            "share": self.share,
            "low": self.low,
            "high": self.high,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class Filters:
    """Respondent filters; None means every value."""

    respondent_types: list[str] | None = None
    promotions: list[str] | None = None
    profiles: list[str] | None = None

    def params(self) -> dict[str, list[str] | None]:
        return {
            "respondent_types": self.respondent_types,
            "promotions": self.promotions,
            "profiles": self.profiles,
        }


def campaigns(con: Connection) -> pd.DataFrame:
    """Survey campaigns, newest first, with respondent counts and the reconstructed flag."""
    return run(con, "survey_campaigns")


def questions(con: Connection, campaign: str) -> pd.DataFrame:
    """The questions asked in a campaign, in questionnaire order; `label` and
    `questionnaires` in the run's language (label_fr and label_en stay)."""
    frame = run(con, "survey_questions", campaign=campaign)
    return frame.assign(
        label=_picked(frame["label_fr"], frame["label_en"]),
        questionnaires=_picked(frame["questionnaires"], frame["questionnaires_en"]),
    ).drop(columns="questionnaires_en")


def options(con: Connection, question: str) -> pd.DataFrame:
    """The allowed answers of a question (code, label_fr, label_en and `label` in the run's
    language), in display order."""
    frame = run(con, "survey_options", question=question)
    return frame.assign(label=_picked(frame["label_fr"], frame["label_en"]))


def filter_values(con: Connection, campaign: str) -> dict[str, dict[str, str]]:
    """For each filter dimension, its values present in the campaign and their labels in
    the run's language."""
    frame = run(con, "survey_filter_values", campaign=campaign)
    frame["label"] = [
        _(NOT_APPLICABLE_LABEL) if value == NOT_APPLICABLE_PROFILE else pick(fr, en)
        for value, fr, en in zip(frame["value"], frame["label"], frame["label_en"], strict=True)
    ]
    return {
        dim: dict(zip(group["value"], group["label"], strict=True))
        for dim, group in frame.groupby("dimension", sort=False)
    }


def share(
    con: Connection,
    campaign: str,
    question: str,
    answers: list[str],
    filters: Filters | None = None,
) -> Share:
    """Share of respondents giving one of `answers`, among those who answered.

    Several codes in `answers` are added up: use them for single-answer questions only.
    """
    cells = _cells(con, campaign, question, filters or Filters())
    return _share(cells, cells["selected"], answers)


def distribution(
    con: Connection, campaign: str, question: str, filters: Filters | None = None
) -> pd.DataFrame:
    """One row per answer: count, share and 95 % interval among those who answered."""
    cells = _cells(con, campaign, question, filters or Filters())
    return _distribution(con, question, cells, cells["selected"])


def distribution_by(
    con: Connection, campaign: str, question: str, by: str, filters: Filters | None = None
) -> pd.DataFrame:
    """The distribution for each value of `by` (respondent_type, promotion or profile)."""
    if by not in DIMENSIONS:
        raise ValueError(f"unknown dimension: {by}")
    cells = _cells(con, campaign, question, filters or Filters())
    frames = []
    for value in sorted(cells.loc[cells["selected"], by].unique()):
        frame = _distribution(con, question, cells, cells["selected"] & (cells[by] == value))
        frames.append(frame.assign(group=value))
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def share_by(
    con: Connection,
    campaign: str,
    question: str,
    answers: list[str],
    by: str,
    filters: Filters | None = None,
) -> pd.DataFrame:
    """The share giving one of `answers` for each value of `by`, with intervals or reasons."""
    if by not in DIMENSIONS:
        raise ValueError(f"unknown dimension: {by}")
    cells = _cells(con, campaign, question, filters or Filters())
    rows = []
    for value in sorted(cells.loc[cells["selected"], by].unique()):
        got = _share(cells, cells["selected"] & (cells[by] == value), answers)
        rows.append({"group": value, **_row("", "", got)})
    columns = ["group", "n", "denominator", "share", "low", "high", "reason"]
    return pd.DataFrame(rows, columns=["group", "answer", "label", *columns[1:]])[columns]


def transitions(
    con: Connection,
    campaign: str,
    before: str,
    after: str,
    filters: Filters | None = None,
) -> tuple[pd.DataFrame, str | None]:
    """Respondents per (answer before, answer after) pair, and a reason if not shown."""
    filters = filters or Filters()
    cells = _cells(con, campaign, after, filters)
    table = _cell_table(cells)
    reason = privacy_reason(table, table["selected"])
    if reason:
        return pd.DataFrame(columns=["before", "after", "n"]), reason
    frame = run(
        con, "survey_transitions", campaign=campaign, before=before, after=after, **filters.params()
    )
    labels = {**_labels(con, before), **_labels(con, after)}
    rank = {code: i for i, code in enumerate(labels)}
    frame["before_label"] = frame["before"].map(labels)
    frame["after_label"] = frame["after"].map(labels)
    order = [frame["before"].map(rank), frame["after"].map(rank)]
    frame = frame.assign(_b=order[0], _a=order[1]).sort_values(["_b", "_a"])
    return frame.drop(columns=["_b", "_a"]).reset_index(drop=True), None


def published_figures(con: Connection, campaign: str | None = None) -> pd.DataFrame:
    """Every published rate with the numerator and denominator chosen to rebuild it."""
    return run(con, "survey_published_figures", campaign=campaign)


def published_check(con: Connection, campaign: str | None = None) -> pd.DataFrame:
    """Each published rate beside the rate recomputed from the responses, and whether it fits."""
    rows = []
    for row in published_figures(con, campaign).itertuples():
        promotions = [row.promotion] if isinstance(row.promotion, str) and row.promotion else None
        filters = Filters(list(row.respondent_types), promotions)
        got = share(con, row.campaign, row.question_id, list(row.answers), filters)
        rows.append(
            {
                "figure_id": row.figure_id,
                "label_fr": row.label_fr,
                "published_text": row.published_text,
                "published_pct": row.published_pct,
                "comparison": row.comparison,
                "numerator": got.numerator,
                "denominator": got.denominator,
                "share": got.share,
                "matches": fits(got.share, int(row.published_pct), row.comparison),
                "source": f"{row.source_title}, {row.source_section}",
            }
        )
    return pd.DataFrame(rows)


def fits(share_value: float | None, published_pct: int, comparison: str) -> bool:
    """Whether a recomputed share agrees with a published percentage under a rule."""
    if share_value is None:
        return False
    pct = 100 * share_value
    rounded = math.floor(pct + 0.5)
    rules = {
        "arrondi": rounded == published_pct,
        "plus_de_arrondi": pct > published_pct and rounded == published_pct,
        "tronqué": math.floor(pct) == published_pct,
        "environ": abs(pct - published_pct) < 3,
        "plus_de": pct > published_pct,
        "moins_de": pct < published_pct,
    }
    return rules[comparison]


def roster_defis(con: Connection, promotions: list[str] | None = None) -> pd.DataFrame:
    """The défis of the given promotions, from the programme site roster."""
    return run(con, "survey_roster_defis", promotions=promotions)


def _cells(con: Connection, campaign: str, question: str, filters: Filters) -> pd.DataFrame:
    return run(con, "survey_cells", campaign=campaign, question=question, **filters.params())


def _cell_table(cells: pd.DataFrame) -> pd.DataFrame:
    """One row per cell with its answering count and selection flag."""
    return cells.drop_duplicates(list(DIMENSIONS)).reset_index(drop=True)[
        [*DIMENSIONS, "answered", "selected"]
    ]


def _share(cells: pd.DataFrame, mask: pd.Series, answers: list[str]) -> Share:
    return _share_of(cells, mask, answers, *_selection(cells, mask))


def _selection(cells: pd.DataFrame, mask: pd.Series) -> tuple[pd.DataFrame, str | None]:
    """The cell table with the selection flag, and why the selection may not be shown."""
    table = _cell_table(cells.assign(selected=mask))
    return table, privacy_reason(table, table["selected"])


def _share_of(
    cells: pd.DataFrame,
    mask: pd.Series,
    answers: list[str],
    table: pd.DataFrame,
    reason: str | None,
) -> Share:
    """The share once the selection's privacy `reason` (None: may be shown) is known."""
    if reason:
        return Share(None, None, None, None, None, reason)
    denominator = int(table.loc[table["selected"], "answered"].sum())
    # Several answer codes are summed: meant for single-answer questions (yes/no, choice, scale).
    numerator = int(cells.loc[mask & cells["answer"].isin(answers), "n"].sum())
    low, high = wilson(numerator, denominator)
    return Share(numerator, denominator, numerator / denominator, low, high)


def _distribution(
    con: Connection, question: str, cells: pd.DataFrame, mask: pd.Series
) -> pd.DataFrame:
    labels = options(con, question)
    table, reason = _selection(cells, mask)
    rows = [
        _row(item.answer, item.label, _share_of(cells, mask, [item.answer], table, reason))
        for item in labels.itertuples()
    ]
    missing = int(cells.loc[mask & (cells["answer"] == NO_ANSWER), "n"].sum())
    rows.append(
        {
            "answer": NO_ANSWER,
            "label": _(NO_ANSWER_LABEL),
            "n": None if reason is not None else missing,
            "denominator": None,
            "share": None,
            "low": None,
            "high": None,
            "reason": None,
        }
    )
    return pd.DataFrame(rows)


def _row(answer: str, label: str, got: Share) -> dict:
    return {"answer": answer, "label": label, **got.columns()}


def _labels(con: Connection, question: str) -> dict[str, str]:
    frame = options(con, question)
    return {
        **dict(zip(frame["answer"], frame["label"], strict=True)),
        NO_ANSWER: _(NO_ANSWER_LABEL),
    }


def _picked(french: pd.Series, english: pd.Series) -> list[str]:
    """Each row's label in the run's language (French where the English one is empty)."""
    return [pick(fr, en) for fr, en in zip(french, english, strict=True)]
