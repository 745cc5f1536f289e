"""The browser benchmarks at tiny size (1 round, one page with a chart) on a built copy of
the shipped data: every figure is there, named in French, held to the bare app measured in
the same run, with a finite ratio and its target."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from bench.browser import MEMORY_PAGES, _interaction, _memory, measure
from bench.pages import BARE, PAGES
from dashboard import PAGES as MENU
from eigdata.storage.store import fingerprint, stored_fingerprint

SUFFIX = " (données livrées)"
# the dashboard's memory sessions on its lightest pages, to keep the test short
LIGHT_SESSIONS = ("accueil", "accueil", "donnees", "accueil", "accueil")
EXPECTED = [
    ("interaction", "Enquêtes : changer de question", "s", 1.3),
    (
        "premier chargement",
        "Accueil : premier chiffre affiché (la page n'a pas de graphique), "
        "première visite d'un serveur neuf",
        "s",
        1.1,
    ),
    (
        "premier chargement",
        "Accueil : premier chiffre affiché (la page n'a pas de graphique), visites suivantes",
        "s",
        1.1,
    ),
    (
        "premier chargement",
        "Composition des promotions : premier graphique affiché, première visite d'un serveur neuf",
        "s",
        1.1,
    ),
    (
        "premier chargement",
        "Composition des promotions : premier graphique affiché, visites suivantes",
        "s",
        1.1,
    ),
    ("mémoire", "Mémoire du serveur, 1 session ouverte", "Mio", None),
    ("mémoire", "Mémoire du serveur, 5 sessions ouvertes", "Mio", 1.5),
]


def test_browser_figures_against_the_bare_app(fresh_data: Path) -> None:
    found = measure(fresh_data, rounds=1, pages=["enquetes"], memory_pages=LIGHT_SESSIONS)

    assert [(m.part, m.name, m.unit, m.target) for m in found] == [
        (part, name + SUFFIX, unit, target) for part, name, unit, target in EXPECTED
    ]
    db = fresh_data / "eig.duckdb"
    assert stored_fingerprint(db) == fingerprint(fresh_data)  # up to date before timing
    for m in found:
        assert m.value > 0 and m.baseline > 0
        assert math.isfinite(m.ratio) and m.ratio == m.value / m.baseline
        assert m.baseline_name.startswith("application minimale")
        assert m.at_most
    change = found[0]
    assert change.baseline_name == "application minimale : changer de série"
    assert "sur 1 changement ;" in change.detail
    assert "médiane de 1 visite " in found[2].detail
    assert "médiane de 1 serveur neuf " in found[1].detail
    one, five = found[5], found[6]
    # a Python server with Streamlit, pandas and Plotly loaded holds well over 50 Mio;
    # the dashboard also holds DuckDB and its database
    assert 50 < one.baseline < one.value
    assert 50 < five.baseline < five.value
    assert "sessions inactives (Accueil (×4), Données et sources)" in five.detail


def test_large_data_loosens_only_the_interaction_target() -> None:
    """At 1 M respondents the interaction target is 1.5 and names say which data."""
    large = _interaction("budget", [0.75, 0.5], [0.5, 0.25], 1.5, " (1 M répondants)")
    assert large.name == "Budget PIA : retirer ou remettre une promotion (1 M répondants)"
    assert large.value == 0.625 and large.baseline == 0.375
    assert large.target == 1.5 and large.met is False  # 1.67 > 1.5
    assert large.detail == (
        "médiane 0,62 s, p95 0,75 s sur 2 changements ; "
        "application minimale : médiane 0,38 s, p95 0,50 s"
    )


def test_every_public_page_has_a_change() -> None:
    """Each page of the dashboard's menu is measured; only the home page and the international
    comparison have no filter."""
    assert [action.title for action in PAGES.values()] == [title for _, title, _ in MENU]
    menu = [name for name, action in PAGES.items() if action.kind == "menu"]
    assert menu == ["accueil", "international"]
    assert BARE.kind == "selectbox"


def test_memory_figures_name_the_open_pages() -> None:
    """By default the dashboard's 5 sessions show 5 pages; 1 session has no target."""
    memory = {"bare": [(170.0, 176.0), (172.0, 175.0)], "accueil": [(280.0, 270.0)] * 2}
    one, five = _memory(memory, MEMORY_PAGES, SUFFIX)
    assert (one.value, one.baseline, one.target, one.met) == (280.0, 171.0, None, None)
    assert (five.value, five.baseline, five.target) == (270.0, 175.5, 1.5)
    assert five.met is False  # 1.54 > 1.5
    assert five.detail == (
        "RSS du serveur et de ses enfants, sessions inactives (Accueil, Composition des "
        "promotions, Budget PIA, Enquêtes, Trajectoires) ; médiane de 2 serveurs neufs"
    )
    assert one.baseline_name == "application minimale, autant de sessions"


def test_unknown_pages_are_refused_before_anything_runs(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="pages inconnues : import_donnees"):
        measure(tmp_path, pages=["import_donnees"])
    with pytest.raises(ValueError, match="5 pages, l'accueil d'abord"):
        measure(tmp_path, pages=["budget"], memory_pages=("budget",) * 5)
    assert not any(tmp_path.iterdir())  # no database built
