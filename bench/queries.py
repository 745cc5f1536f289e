"""The survey pages' named queries on DuckDB against the same aggregation in pandas.

pandas gets the tables already in memory (read from the same CSVs), so only the aggregation is
timed on both sides; DuckDB's time includes turning the result into a DataFrame, as the pages
receive it. Each pandas function returns the query's rows (tests compare them).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from bench.results import Measure, best
from eigdata.runner import run
from eigdata.schemas import dataset
from eigdata.storage.store import dataset_path

CELL = ["respondent_type", "promotion", "profile"]
NO_ANSWER = "sans_reponse"
TARGET = 0.25  # DuckDB takes at most a quarter of pandas' time (≥ 4× faster)


@dataclass(frozen=True)
class Case:
    """One page query: its name, parameters and the pandas equivalent."""

    label: str
    query: str
    params: dict[str, object]
    pandas: Callable[[dict[str, pd.DataFrame], dict[str, object]], pd.DataFrame]


def tables(data_dir: Path) -> dict[str, pd.DataFrame]:
    """The tables the survey queries read, as pandas reads them (text columns)."""
    names = ["survey_responses", "survey_campaigns", "survey_questions", "survey_questionnaires"]
    names += ["promotions", "profiles"]
    return {
        name: pd.read_csv(
            dataset_path(data_dir, dataset(name)), dtype=str, keep_default_na=False
        ).replace("", None)
        for name in names
    }


def _selected(frame: pd.DataFrame, params: dict[str, object]) -> pd.Series:
    keep = pd.Series(True, index=frame.index)
    for column, param in zip(CELL, ("respondent_types", "promotions", "profiles"), strict=True):
        if params.get(param) is not None:
            keep &= frame[column].isin(params[param])
    return keep


def _answers(responses: pd.DataFrame, campaign: object, question: object) -> pd.DataFrame:
    rows = responses[(responses["campaign"] == campaign) & (responses["question_id"] == question)]
    return rows.assign(profile=rows["profile"].fillna("sans_objet"))


def cells(t: dict[str, pd.DataFrame], p: dict[str, object]) -> pd.DataFrame:
    """survey_cells: distinct respondents per cell and answer, and per cell who answered."""
    answers = _answers(t["survey_responses"], p["campaign"], p["question"])
    answered = (
        answers[answers["answer"] != NO_ANSWER]
        .groupby(CELL)["respondent_id"]
        .nunique()
        .rename("answered")
    )
    counts = answers.groupby([*CELL, "answer"])["respondent_id"].nunique().rename("n")
    frame = counts.reset_index().join(answered, on=CELL)
    frame["answered"] = frame["answered"].fillna(0).astype("int64")
    frame["selected"] = _selected(frame, p)
    return frame[[*CELL, "answered", "answer", "n", "selected"]]


def transitions(t: dict[str, pd.DataFrame], p: dict[str, object]) -> pd.DataFrame:
    """survey_transitions: answers to two questions paired per respondent."""
    responses = t["survey_responses"]
    before = _answers(responses, p["campaign"], p["before"])[["respondent_id", "answer"]]
    after = _answers(responses, p["campaign"], p["after"])
    after = after[_selected(after, p)]
    pairs = after.merge(before.rename(columns={"answer": "before"}), on="respondent_id", how="left")
    pairs["before"] = pairs["before"].fillna(NO_ANSWER)
    counts = pairs.groupby(["before", "answer"])["respondent_id"].nunique()
    return counts.rename("n").reset_index().rename(columns={"answer": "after"})


def filter_values(t: dict[str, pd.DataFrame], p: dict[str, object]) -> pd.DataFrame:
    """survey_filter_values: respondent types, promotions and profiles of a campaign."""
    rows = t["survey_responses"][t["survey_responses"]["campaign"] == p["campaign"]]
    kinds = rows[["respondent_type"]].drop_duplicates()
    kinds = kinds.merge(
        t["survey_questionnaires"], left_on="respondent_type", right_on="questionnaire"
    )
    promotions = rows[["promotion"]].drop_duplicates().merge(t["promotions"], on="promotion")
    profiles = rows[["profile"]].drop_duplicates().merge(t["profiles"], on="profile", how="left")
    return pd.concat(
        [
            pd.DataFrame({"dimension": "respondent_type", "value": kinds["respondent_type"],
                          "label": kinds["label_fr"]}),
            pd.DataFrame({"dimension": "promotion", "value": promotions["promotion"],
                          "label": promotions["promotion"]}),
            pd.DataFrame({"dimension": "profile", "value": profiles["profile"].fillna("sans_objet"),
                          "label": profiles["label_fr"].fillna("Sans objet (mentors)")}),
        ],
        ignore_index=True,
    )  # fmt: skip


def questions(t: dict[str, pd.DataFrame], p: dict[str, object]) -> pd.DataFrame:
    """survey_questions: the questions a campaign asked, per questionnaire."""
    rows = t["survey_responses"][t["survey_responses"]["campaign"] == p["campaign"]]
    asked = rows[["question_id", "respondent_type"]].drop_duplicates()
    merged = t["survey_questions"].merge(
        asked, left_on=["question_id", "questionnaire"], right_on=["question_id", "respondent_type"]
    )
    return merged.groupby("question_id", as_index=False).agg(
        label_fr=("label_fr", "first"), respondent_types=("questionnaire", list)
    )


def trend_campaigns(t: dict[str, pd.DataFrame], p: dict[str, object]) -> pd.DataFrame:
    """survey_trend_campaigns: the campaigns that asked a question."""
    responses = t["survey_responses"]
    asked = responses.loc[responses["question_id"] == p["question"], "campaign"].unique()
    frame = t["survey_campaigns"]
    return frame[frame["campaign"].isin(asked)].sort_values(["year", "campaign"])


def cases(campaign: str) -> list[Case]:
    """The survey and trajectories pages' queries over one campaign, with a filter set."""
    filters = {"respondent_types": ["eig"], "promotions": None, "profiles": None}
    apres = "intention_admin_apres"
    return [
        Case("répartition d'une question, cellules", "survey_cells",
             {"campaign": campaign, "question": apres, **filters}, cells),
        Case("avant / après par répondant", "survey_transitions",
             {"campaign": campaign, "before": "intention_admin_avant", "after": apres, **filters},
             transitions),
        Case("valeurs des filtres", "survey_filter_values", {"campaign": campaign}, filter_values),
        Case("questions d'une campagne", "survey_questions", {"campaign": campaign}, questions),
        Case("campagnes ayant posé la question", "survey_trend_campaigns", {"question": apres},
             trend_campaigns),
    ]  # fmt: skip


def measure(
    con: duckdb.DuckDBPyConnection, data_dir: Path, campaign: str, label: str, repeat: int = 3
) -> list[Measure]:
    """Each page query's time on DuckDB as a ratio to the same aggregation in pandas."""
    frames = tables(data_dir)
    results = []
    for case in cases(campaign):
        duck = best(lambda c=case: run(con, c.query, **c.params), repeat, warm_up=True)
        panda = best(lambda c=case: c.pandas(frames, c.params), repeat, warm_up=True)
        results.append(
            Measure(
                part="requêtes",
                name=f"{case.label} ({case.query}), {label}",
                value=duck,
                baseline=panda,
                unit="s",
                baseline_name="pandas, tables en mémoire",
                target=TARGET,
                detail=f"DuckDB {duck * 1000:.1f} ms ; pandas {panda * 1000:.1f} ms ; "
                f"DuckDB {panda / duck:.1f}× plus rapide",
            )
        )
    return results
