"""Colour on every chart (RGAA 3.1 and 3.3, WCAG 1.4.1 and 1.4.11).

Every chart of every public page, drawn through AppTest, takes its colours from
`widgets.chart_style` only (the palette and the text, grid and white neutrals); two series of
different colours also differ by something else (hatching, point shape, dash, kind of mark or
their own labels on the marks); the Sankey's coloured flows are counted in its reading. The
palette itself stays apart for colour-blind readers: CIEDE2000 distances under deuteranopia,
protanopia and tritanopia simulated with Machado, Oliveira and Fernandes (2009), and a 3:1
contrast on white.
"""

from __future__ import annotations

import base64
import itertools
import json
import re
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest
from coloraide import Color
from streamlit.testing.v1 import AppTest

import dashboard
from eigdata import formatting as fmt
from widgets import chart_style
from widgets.chart_style import BAR_PATTERNS, PALETTE, STATE_HATCH
from widgets.charts import Bars, bar_figure

ROOT = Path(__file__).resolve().parent.parent
PAGES = [file.removesuffix(".py") for file, _, _ in dashboard.PAGES]
CHARTS_PER_PAGE = {
    "accueil": 0,
    "composition": 3,
    "budget": 3,
    "production": 3,
    "trajectoires": 3,
    "enquetes": 2,
    "donnees": 0,
}
NEUTRALS = (chart_style.TEXT, chart_style.MUTED, chart_style.GRID, chart_style.WHITE)
ALLOWED = {c.lower() for c in (*PALETTE, *NEUTRALS)}
VISIONS = ("normale", "deutan", "protan", "tritan")
TOGETHER = 7  # the first colours, those a chart uses together, kept far apart
FAR, APART = 11.0, 7.0  # CIEDE2000: the first TOGETHER colours, then all of them
RGBA = re.compile(r"rgba?\(\s*(\d+),\s*(\d+),\s*(\d+)(?:,\s*([\d.]+))?\s*\)")


# --- the charts of every page ------------------------------------------------------------------


def drawn(page: str) -> tuple[list[dict], list[str]]:
    """The plotly specifications of the charts of `page` and its markdown texts."""
    at = AppTest.from_file(str(ROOT / "pages" / f"{page}.py"), default_timeout=120).run()
    assert not at.exception
    specs = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    return specs, [m.value for m in at.markdown]


@pytest.fixture(scope="module")
def pages() -> dict[str, tuple[list[dict], list[str]]]:
    return {page: drawn(page) for page in PAGES}


def colours(node: object, key: str = "") -> Iterator[tuple[str, str]]:
    """Every (key, colour) of a plotly specification: values of keys naming a colour."""
    if isinstance(node, dict):
        for name, value in node.items():
            yield from colours(value, name)
    elif isinstance(node, list):
        for value in node:
            yield from colours(value, key)
    elif isinstance(node, str) and "color" in key.lower():
        yield key, node


def base(colour: str) -> str:
    """« #0072B2 », « rgba(0, 114, 178, 0.45) » → « #0072b2 » (a named colour as it is)."""
    found = RGBA.fullmatch(colour.strip())
    if found:
        return "#" + "".join(f"{int(found.group(i)):02x}" for i in (1, 2, 3))
    return colour.strip().lower()


def series_colour(trace: dict) -> str:
    marker, line = trace.get("marker", {}), trace.get("line", {})
    colour = marker.get("color") or line.get("color")
    assert isinstance(colour, str), f"{trace.get('name')} : couleur par défaut ou par point"
    return base(colour)


def carrier(trace: dict) -> tuple:
    """What tells a series apart besides its colour: kind of mark, mode, point shape, dash,
    hatching and its fill, and its name written on each of its marks."""
    marker, line = trace.get("marker", {}), trace.get("line", {})
    pattern = marker.get("pattern", {})
    texts = trace.get("text")
    labelled = bool(texts) and isinstance(texts, list) and set(texts) == {trace.get("name")}
    return (
        trace["type"],
        trace.get("mode"),
        marker.get("symbol"),
        line.get("dash"),
        pattern.get("shape") or "",
        pattern.get("fillmode") if pattern.get("shape") else None,
        trace.get("name") if labelled else None,
    )


def numbers(values: dict | list) -> list[float]:
    if isinstance(values, dict):  # plotly's binary encoding of numeric arrays
        values = np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"]).tolist()
    return [float(v) for v in values]


def test_every_page_is_checked_with_its_charts(pages) -> None:
    counts = {page: len(specs) for page, (specs, _) in pages.items()}
    assert {p: counts[p] for p in CHARTS_PER_PAGE} == CHARTS_PER_PAGE
    assert sum(counts.values()) >= 14


def test_every_colour_of_every_chart_comes_from_the_chart_style(pages) -> None:
    strangers = {
        f"{page} #{i} {key}={colour}"
        for page, (specs, _) in pages.items()
        for i, spec in enumerate(specs)
        for key, colour in colours(spec)
        if base(colour) not in ALLOWED
    }
    assert strangers == set()
    used = {base(c) for specs, _ in pages.values() for s in specs for _, c in colours(s["data"])}
    assert {c.lower() for c in PALETTE[:4]} <= used  # the first four colours are drawn
    assert {"#161616", "#ffffff"} <= used  # envelope marks, outlines and hatchings


def test_series_of_different_colours_differ_by_more_than_colour(pages) -> None:
    confusable = []
    pairs = 0
    for page, (specs, _) in pages.items():
        for i, spec in enumerate(specs):
            series = [t for t in spec["data"] if t["type"] in ("bar", "scatter")]
            for a, b in itertools.combinations(series, 2):
                if series_colour(a) != series_colour(b):
                    pairs += 1
                    if carrier(a) == carrier(b):
                        confusable.append(f"{page} #{i} : {a.get('name')} / {b.get('name')}")
    assert confusable == []
    assert pairs >= 60  # budget, composition and survey charts of several series


def test_budget_charts_hatch_each_line_and_keep_forecasts_open(pages) -> None:
    lines, consumption, _ = pages["budget"][0]
    shown = {t["name"]: t["marker"].get("pattern") for t in lines["data"] if t["type"] == "bar"}
    assert shown["Salaires, réalisé"] == {"shape": ""}
    assert shown["Salaires, prévisionnel"] == {"shape": "/", "fillmode": "replace", "solidity": 0.4}
    assert shown["Communication, réalisé"] == {
        "shape": "\\",
        "fillmode": "overlay",
        "fgcolor": "#ffffff",
        "solidity": 0.25,
    }
    assert shown["Communication, prévisionnel"]["shape"] == "\\"
    assert shown["Liens avec la recherche, réalisé"]["shape"] == "-"
    envelope = next(t for t in lines["data"] if t["name"] == "Enveloppe PIA")
    assert (envelope["marker"]["color"], envelope["marker"]["symbol"]) == (
        "#161616",
        "line-ew-open",
    )
    flags = {t["name"]: (t["marker"]["color"], t["text"]) for t in consumption["data"]}
    assert flags == {
        "dans, réalisé": ("#0072B2", ["99\u202f%", "77\u202f%"]),
        "au-delà de l'enveloppe, prévisionnel": ("#D55E00", ["162\u202f%"]),
    }


def test_sankey_flows_joining_yes_are_counted_in_the_reading(pages) -> None:
    specs, texts = pages["trajectoires"]
    sankey = next(s["data"][0] for s in specs if s["data"][0]["type"] == "sankey")
    labels = sankey["node"]["label"]
    assert len(set(labels)) == len(labels) and all(re.search(r"\(\d+\)$", x) for x in labels)
    link = sankey["link"]
    highlight = chart_style.translucent(chart_style.HIGHLIGHT, 0.45)
    values = numbers(link["value"])
    joined = sum(v for v, c in zip(values, link["color"], strict=True) if c == highlight)
    assert {base(c) for c in link["color"]} == {"#0072b2", "#161616"}
    assert joined == 9
    reading = next(t for t in texts if "ont changé d'avis" in t)
    assert f"{fmt.number(joined)} ont changé d'avis (flux colorés)" in reading
    nodes = dict(zip(labels, sankey["node"]["color"], strict=True))
    assert nodes["Avant : Oui (3)"] == nodes["Après : Oui (12)"] == PALETTE[0]


# --- how the style gives bars their hatching ---------------------------------------------------


def budget_bars() -> go.Figure:
    frame = {
        "bar": ["EIG 1", "EIG 3", "EIG 1", "EIG 3"],
        "amount": [756_553.0, 2_100_364.0, 12_000.0, 80_000.0],
        "line": ["Salaires", "Salaires", "Communication", "Communication"],
        "status": ["réalisé", "prévisionnel", "réalisé", "prévisionnel"],
    }
    bars = Bars(
        "bar",
        "amount",
        {"bar": "Promotion", "amount": "Montant (€)"},
        color="line",
        pattern="status",
        patterns={"réalisé": "", "prévisionnel": "/"},
        barmode="stack",
    )
    return bar_figure(pd.DataFrame(frame), bars)


def patterns(fig: go.Figure) -> list[tuple]:
    return [
        (t.marker.pattern.shape, t.marker.pattern.fillmode, t.marker.pattern.fgcolor)
        for t in fig.data
    ]


def test_each_colour_of_bars_gets_its_hatching_and_the_hatched_state_stays_open() -> None:
    fig = chart_style.style(budget_bars())
    assert [t.name for t in fig.data] == [
        "Salaires, réalisé",
        "Salaires, prévisionnel",
        "Communication, réalisé",
        "Communication, prévisionnel",
    ]
    assert patterns(fig) == [
        ("", None, None),
        ("/", "replace", None),
        ("\\", "overlay", "#ffffff"),
        ("\\", "replace", None),
    ]
    again = chart_style.style(go.Figure(fig.to_dict()))  # the image of a drawn chart
    assert patterns(again) == patterns(fig)


def test_bars_of_one_colour_keep_their_patterns() -> None:
    one = go.Figure([go.Bar(x=["a"], y=[1], marker={"color": PALETTE[0]}) for _ in range(2)])
    one.data[1].marker.pattern.shape = "/"
    chart_style.style(one)
    assert [t.marker.pattern.shape for t in one.data] == [None, "/"]
    many = go.Figure([go.Bar(x=["a"], y=[1], marker={"color": c}) for c in PALETTE])
    chart_style.style(many)
    assert [t.marker.pattern.shape for t in many.data] == ["", "\\", "x", "-", "|", "+", ".", ""]


def test_translucent_colours_keep_the_palette_colour() -> None:
    assert chart_style.translucent("#0072B2", 0.45) == "rgba(0, 114, 178, 0.45)"
    assert chart_style.translucent(chart_style.TEXT, 0.15) == "rgba(22, 22, 22, 0.15)"
    assert base(chart_style.translucent(chart_style.HIGHLIGHT, 0.45)) == "#0072b2"
    assert chart_style.TEMPLATE.layout.shapedefaults.line.color == chart_style.TEXT


# --- the palette -------------------------------------------------------------------------------


def seen(colour: str, vision: str) -> Color:
    """`colour` as seen with normal vision or by a dichromat (Machado 2009, full severity)."""
    shown = Color(colour)
    return shown if vision == "normale" else shown.filter(vision, 1, method="machado")


def closest(palette: tuple[str, ...], vision: str) -> tuple[float, str, str]:
    """The smallest CIEDE2000 distance between two colours of `palette` seen in `vision`."""
    return min(
        (round(seen(a, vision).delta_e(seen(b, vision), method="2000"), 1), a, b)
        for a, b in itertools.combinations(palette, 2)
    )


def test_palette_colours_stay_apart_for_colour_blind_readers() -> None:
    together = {vision: closest(PALETTE[:TOGETHER], vision) for vision in VISIONS}
    everything = {vision: closest(PALETTE, vision)[0] for vision in VISIONS}
    assert together == {
        "normale": (16.2, "#0072B2", "#618CFC"),
        "deutan": (15.3, "#0072B2", "#618CFC"),
        "protan": (11.8, "#0072B2", "#CA77A5"),
        "tritan": (11.8, "#009E73", "#618CFC"),
    }
    assert min(d for d, _, _ in together.values()) >= FAR
    assert min(everything.values()) >= APART


def test_the_check_catches_the_former_darkened_okabe_ito_orange() -> None:
    """Okabe & Ito's orange darkened to 3:1 next to their vermillion: a deuteranope sees
    nearly one colour (ΔE 1.7), which is why the palette left the orange out."""
    orange, vermillion = "#B07800", "#D55E00"
    assert closest((orange, vermillion), "normale")[0] == 16.3
    assert closest((orange, vermillion), "deutan")[0] == 1.7


def test_palette_marks_keep_three_to_one_on_white() -> None:
    ratios = {c: round(Color(c).contrast("white", method="wcag21"), 2) for c in PALETTE}
    assert ratios == {
        "#0072B2": 5.19,
        "#D55E00": 3.87,
        "#009E73": 3.42,
        "#882255": 8.72,
        "#332288": 12.17,
        "#CA77A5": 3.14,
        "#618CFC": 3.15,
        "#666666": 5.74,
    }
    assert min(ratios.values()) >= 3 and len(set(PALETTE)) == len(PALETTE)


def test_bar_hatchings_are_distinct_and_leave_the_state_hatch_free() -> None:
    assert len(set(BAR_PATTERNS)) == len(BAR_PATTERNS) == 7
    assert STATE_HATCH not in BAR_PATTERNS
    assert chart_style.bar_pattern(0, open_bar=True)["shape"] == STATE_HATCH
    assert chart_style.bar_pattern(8, open_bar=False)["shape"] == BAR_PATTERNS[1]
