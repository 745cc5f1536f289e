"""Every published figure the home page and later pages rely on, read through the queries."""

from __future__ import annotations

import pytest

from eigdata import queries

PER_PROMOTION = [
    ("EIG 1", "eig", 11),
    ("EIG 2", "eig", 28),
    ("EIG 3", "eig", 32),
    ("EIG 1", "mentors", 6),
    ("EIG 2", "mentors", 18),
    ("EIG 3", "mentors", 21),
    ("EIG 1", "defis", 9),
    ("EIG 2", "defis", 13),
    ("EIG 3", "defis", 15),
    ("EIG 1", "new_host_services", 8),
    ("EIG 2", "new_host_services", 11),
    ("EIG 3", "new_host_services", 10),
    ("EIG 1", "candidates", 115),
    ("EIG 2", "candidates", 208),
    ("EIG 3", "candidates", 170),
    ("EIG 1", "defis_proposed", 9),
    ("EIG 2", "defis_proposed", 43),
    ("EIG 3", "defis_proposed", 42),
    ("DIG", "eig", 20),
    ("DIG", "defis", 16),
    ("EIG 4", "eig", 41),
    ("EIG 4", "defis", 17),
]


@pytest.mark.parametrize(("promotion", "indicator", "expected"), PER_PROMOTION)
def test_published_per_promotion(con, promotion: str, indicator: str, expected: int) -> None:
    frame = queries.reconciliation(con, [promotion]).set_index("indicator")
    assert frame.loc[indicator, "published"] == expected


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("eig", 71),
        ("defis", 37),
        ("new_host_services", 29),
        ("candidates", 493),
        ("mentors", 45),
        ("defis_proposed", 85),
        ("pia_envelope", 4_800_000),
        ("pia_salaries", 4_658_243),
        ("pia_budget_total", 5_134_558.47),
    ],
)
def test_headline_figures(con, key: str, expected: float) -> None:
    figure = queries.headline_figures(con)[key]
    assert figure.value == pytest.approx(expected)
    assert figure.source.startswith("Rapport d'évaluation EIG 2019, Le programme EIG en chiffres")


def test_candidates_per_place(con) -> None:
    figure = queries.headline_figures(con)["candidates_per_place"]
    assert figure.value == pytest.approx(493 / 71)
    assert figure.source.startswith("calcul : 493 candidats / 71 EIG")


@pytest.mark.parametrize("indicator", ["eig", "defis", "candidates", "mentors"])
def test_published_totals_match_sum_of_promotions(con, indicator: str) -> None:
    """The report's Total column equals the sum of its promotion columns."""
    sums = queries.published_totals(con, queries.FIRST_THREE).set_index("indicator")
    total = queries.headline_figures(con)[indicator].value
    assert sums.loc[indicator, "value"] == total


def test_every_programme_figure_has_a_source(con) -> None:
    frame = queries.programme_figures(con)
    assert len(frame) == 19
    assert frame["source_title"].str.len().min() > 10
    assert frame["source_section"].notna().all()


def test_published_total_of_defis_proposed_differs_from_its_columns(con) -> None:
    """The report prints 85 défis proposés in its Total column; its columns add up to 94."""
    sums = queries.published_totals(con, queries.FIRST_THREE).set_index("indicator")
    assert sums.loc["defis_proposed", "value"] == 9 + 43 + 42 == 94
    assert queries.headline_figures(con)["defis_proposed"].value == 85
