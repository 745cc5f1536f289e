"""One function per question the pages ask. Each runs one named query (see runner)."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from eigdata import formatting as fmt
from eigdata.i18n import _, pick
from eigdata.runner import run

Connection = duckdb.DuckDBPyConnection
FIRST_THREE = ["EIG 1", "EIG 2", "EIG 3"]


@dataclass(frozen=True)
class Figure:
    """A headline figure with the document it comes from."""

    key: str
    value: float
    unit: str
    source: str
    approximate: bool = False


def promotions(con: Connection) -> pd.DataFrame:
    """The promotions, oldest first."""
    return run(con, "promotions")


def promotion_labels(con: Connection) -> dict[str, str]:
    """Promotion name -> its label in the run's language (`label_en` in English), oldest first."""
    frame = promotions(con)
    return {
        str(name): pick(name, label_en)
        for name, label_en in zip(frame["promotion"], frame["label_en"], strict=True)
    }


def programme_figures(con: Connection) -> pd.DataFrame:
    """Every published programme-wide figure, with its source."""
    return run(con, "programme_figures")


def published_totals(con: Connection, promotion_names: list[str]) -> pd.DataFrame:
    """Published per-promotion figures summed over the given promotions."""
    return run(con, "published_totals", promotions=promotion_names)


def roster_totals(con: Connection) -> dict[str, int]:
    """Counts over the whole roster: promotions, EIG, mentors, défis, host services."""
    return {k: int(v) for k, v in run(con, "roster_totals").iloc[0].items()}


def reconciliation(con: Connection, promotion_names: list[str] | None = None) -> pd.DataFrame:
    """Published vs roster-derived counts per promotion and indicator, with the gap."""
    return run(con, "reconciliation", promotions=promotion_names)


def roster_profile_mix(con: Connection, promotion_names: list[str] | None = None) -> pd.DataFrame:
    """Profile counts and shares from the roster, beside the published ones."""
    return run(con, "roster_profile_mix", promotions=promotion_names)


def headline_figures(con: Connection) -> dict[str, Figure]:
    """The home page figures: published totals of EIG 1-3 and the derived selectivity."""
    published = programme_figures(con)
    scope = published[published["scope"] == "EIG 1 à EIG 3"].set_index("indicator")
    figures = {
        key: Figure(key, float(row.value), row.unit, _source(row), bool(row.approximate))
        for key, row in scope.iterrows()
    }
    eig, candidates = figures["eig"], figures["candidates"]
    figures["candidates_per_place"] = Figure(
        "candidates_per_place",
        candidates.value / eig.value,
        "ratio",
        _("calcul : {candidates} candidats / {eig} EIG — {source}").format(
            candidates=fmt.number(candidates.value), eig=fmt.number(eig.value), source=eig.source
        ),
    )
    return figures


def _source(row: pd.Series) -> str:
    return f"{row.source_title}, {row.source_section}"


def published_total_checks(con: Connection) -> pd.DataFrame:
    """The report's Total column next to the sum of its promotion columns (EIG 1-3)."""
    sums = published_totals(con, FIRST_THREE)[["indicator", "value"]]
    published = programme_figures(con)
    totals = published[published["scope"] == "EIG 1 à EIG 3"][["indicator", "value"]]
    frame = totals.merge(sums, on="indicator", suffixes=("_total", "_sum"))
    frame["consistent"] = frame["value_total"] == frame["value_sum"]
    return frame.rename(
        columns={"value_total": "published_total", "value_sum": "sum_of_promotions"}
    )


def sources(con: Connection) -> pd.DataFrame:
    """The documents the figures come from."""
    return run(con, "sources")
