"""Survey statistics without Streamlit: Wilson intervals and the small-group privacy rule.

Privacy rule (threshold `MIN_GROUP`): a figure is computed on the respondents selected by
the filters. It is shown only if

1. at least `MIN_GROUP` selected respondents answered the question, and
2. the selection does not split a *block*: respondents are grouped into cells
   (respondent type x promotion x profile); within a type and promotion, cells smaller
   than `MIN_GROUP` are merged with the next smallest until every block has at least
   `MIN_GROUP` respondents (a promotion still too small is merged with another promotion).
   A selection that takes part of a block but not all of it is refused.

Every figure shown is therefore a sum of whole blocks of at least `MIN_GROUP` respondents,
so no combination of filters (nor the difference between two shown figures) can isolate
fewer than `MIN_GROUP` people.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable

import pandas as pd

from eigdata.i18n import N_, _

MIN_GROUP = 5
Z95 = 1.959963984540054
SMALL = N_("Moins de {min_group} répondants dans ce groupe : chiffre non affiché.")
SPLIT = N_(
    "Non affiché : ces filtres sépareraient un groupe de moins de {min_group} répondants "
    "du reste, qui pourrait alors être déduit par différence."
)
EMPTY = N_("Aucun répondant ne correspond à ces filtres.")
# The reasons in French (the texts `privacy_reason` gives in a French run).
REASON_SMALL = SMALL.format(min_group=MIN_GROUP)
REASON_SPLIT = SPLIT.format(min_group=MIN_GROUP)
REASON_EMPTY = EMPTY


def wilson(successes: int, n: int, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval of a proportion (95 % by default); (nan, nan) when n is 0."""
    if n <= 0:
        return math.nan, math.nan
    p = successes / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


def blocks(cells: pd.DataFrame) -> pd.Series:
    """A block number for each cell (columns respondent_type, promotion, profile, answered)."""
    answered = cells["answered"].to_dict()

    def size(parts: list[list]) -> int:
        return sum(answered[i] for part in parts for i in part)

    block: dict = {}
    numbers = itertools.count()
    for _type, by_type in cells.groupby("respondent_type", sort=True):
        promotions = []
        for _promotion, by_promotion in by_type.groupby("promotion", sort=True):
            ordered = by_promotion.sort_values(["answered", "profile"])
            promotions.append(_merge([[i] for i in ordered.index], size))
        while len(promotions) > 1:
            promotions.sort(key=size)
            if size(promotions[0]) >= MIN_GROUP:
                break
            merged = [i for parts in promotions[:2] for p in parts for i in p]
            promotions = [[merged], *promotions[2:]]
        for part in (part for parts in promotions for part in parts):
            block.update(dict.fromkeys(part, next(numbers)))
    return pd.Series(block, dtype="int64").reindex(cells.index, fill_value=-1)


def privacy_reason(cells: pd.DataFrame, selected: pd.Series) -> str | None:
    """Why the selected cells may not be shown (in the run's language), or None when they may."""
    answering = cells["answered"] > 0
    cells, selected = cells[answering], selected[answering]
    n = int(cells.loc[selected, "answered"].sum())
    if n == 0:
        return _(EMPTY)
    if n < MIN_GROUP:
        return _(SMALL).format(min_group=MIN_GROUP)
    chosen = selected.astype(bool).groupby(blocks(cells)).agg(["any", "all"])
    split = (chosen["any"] & ~chosen["all"]).any()
    return _(SPLIT).format(min_group=MIN_GROUP) if split else None


def _merge(parts: list[list], size: Callable[[list[list]], int]) -> list[list]:
    """Merge the two smallest parts until every part reaches MIN_GROUP (or one is left)."""
    parts = [list(p) for p in parts]
    while len(parts) > 1:
        parts.sort(key=lambda p: size([p]))
        if size([parts[0]]) >= MIN_GROUP:
            break
        parts = [parts[0] + parts[1], *parts[2:]]
    return parts
