"""Counts derived from the roster with DuckDB reproduce the report's figures."""

from __future__ import annotations

import pytest

from eigdata import queries


def _roster(con, promotion: str, indicator: str) -> int:
    frame = queries.reconciliation(con, [promotion]).set_index("indicator")
    return int(frame.loc[indicator, "roster"])


@pytest.mark.parametrize(
    ("promotion", "eig", "defis"),
    [("EIG 1", 11, 9), ("EIG 2", 28, 13), ("EIG 3", 32, 15), ("EIG 4", 41, 17)],
)
def test_eig_and_defis_from_roster(con, promotion: str, eig: int, defis: int) -> None:
    assert _roster(con, promotion, "eig") == eig
    assert _roster(con, promotion, "defis") == defis


@pytest.mark.parametrize(("promotion", "new"), [("EIG 1", 8), ("EIG 2", 11), ("EIG 3", 10)])
def test_new_host_services_from_roster(con, promotion: str, new: int) -> None:
    assert _roster(con, promotion, "new_host_services") == new


SHARES = [
    ("EIG 1", "designer", 0),
    ("EIG 2", "designer", 11),
    ("EIG 3", "designer", 16),
    ("EIG 1", "developer", 73),
    ("EIG 2", "developer", 39),
    ("EIG 3", "developer", 28),
    ("EIG 1", "data_scientist", 27),
    ("EIG 2", "data_scientist", 50),
    ("EIG 3", "data_scientist", 56),
]


@pytest.mark.parametrize(("promotion", "group", "share_pct"), SHARES)
def test_profile_shares_from_roster(con, promotion: str, group: str, share_pct: int) -> None:
    frame = queries.roster_profile_mix(con, [promotion]).set_index("profile_group")
    assert round(frame.loc[group, "roster_share"] * 100) == share_pct
    assert frame.loc[group, "published_share_pct"] == share_pct


@pytest.mark.parametrize(
    ("group", "count"), [("designer", 14), ("developer", 18), ("data_scientist", 9)]
)
def test_eig4_profile_counts_match_published(con, group: str, count: int) -> None:
    frame = queries.roster_profile_mix(con, ["EIG 4"]).set_index("profile_group")
    assert frame.loc[group, "roster_count"] == count
    assert frame.loc[group, "published_count"] == count


@pytest.mark.parametrize(
    ("promotion", "published", "roster"), [("EIG 1", 6, 11), ("EIG 2", 18, 19), ("EIG 3", 21, 32)]
)
def test_mentor_gap_is_kept_and_flagged(con, promotion: str, published: int, roster: int) -> None:
    row = queries.reconciliation(con, [promotion]).set_index("indicator").loc["mentors"]
    assert (row["published"], row["roster"]) == (published, roster)
    assert row["difference"] == roster - published
    assert row["status"] == "écart"


def test_matching_figures_are_flagged_identical(con) -> None:
    frame = queries.reconciliation(con, ["EIG 2"]).set_index("indicator")
    assert frame.loc["eig", "status"] == "identique"


def test_roster_totals_over_all_promotions(con) -> None:
    totals = queries.roster_totals(con)
    assert totals["promotions"] == 5
    assert totals["defis"] == 71
    assert totals["eig"] == 130  # persons: 133 EIG places, 3 people in two promotions
