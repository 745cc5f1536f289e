"""French number formatting."""

from __future__ import annotations

import pytest

from eigdata import formatting as fmt


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (4_800_000, "4 800 000 €"),
        (5_134_558.47, "5 134 558,47 €"),
        (0, "0 €"),
        (None, "—"),
    ],
)
def test_euros(value, expected: str) -> None:
    assert fmt.plain(fmt.euros(value)) == expected


def test_euros_to_the_euro() -> None:
    assert fmt.plain(fmt.euros(4_658_243.47, cents=False)) == "4 658 243 €"


@pytest.mark.parametrize(
    ("share", "decimals", "expected"), [(0.5, 0, "50 %"), (0.5625, 0, "56 %"), (0.571, 1, "57,1 %")]
)
def test_percent(share: float, decimals: int, expected: str) -> None:
    assert fmt.plain(fmt.percent(share, decimals)) == expected


def test_number_uses_narrow_no_break_space_and_comma() -> None:
    assert fmt.number(1234.5, 1) == "1\u202f234,5"
