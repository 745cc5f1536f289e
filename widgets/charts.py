"""Charts: every plotly figure of the dashboard is drawn through `chart`, the French way
(`widgets.chart_style`), with its image downloads (`widgets.chart_images`).

`bar_figure`, `line_figure` and `reference_line` build the dashboard's figures straight from
`plotly.graph_objects` (plotly express costs ten times more per figure, on every rerun): one
series per value of the colour column (and of the pattern column), in order of first
appearance, coloured from the palette, with hover texts « Libellé : valeur ».
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from eigdata.i18n import _
from widgets.chart_images import image_buttons
from widgets.chart_style import PALETTE, SYMBOLS, config_for, style

NO_BOX = "<extra></extra>"  # hover texts without the series name in a side box


def chart(fig: go.Figure, frame: pd.DataFrame, title: str, reading: str, key: str) -> None:
    """A titled plotly chart, its one-sentence reading, its image downloads (PNG, SVG) and
    the same numbers as a table."""
    st.subheader(title)
    st.markdown(reading)
    style(fig, title=None)
    st.plotly_chart(fig, key=f"chart-{key}", config=config_for(fig), theme=None)
    image_buttons(fig, title, key)
    with st.expander(
        _("Données du graphique « {title} » (tableau accessible)").format(title=title)
    ):
        st.dataframe(frame, hide_index=True, width="stretch", key=f"table-{key}")


@dataclass(frozen=True)
class Bars:
    """What a bar chart shows: the category and value columns, the columns splitting the bars
    into series (colour, then hatching), and how each column is named (axes, legend, hover)."""

    category: str
    value: str
    labels: Mapping[str, str]
    color: str | None = None
    pattern: str | None = None
    patterns: Mapping[str, str] = field(default_factory=dict)
    colours: Mapping[str, str] = field(default_factory=dict)
    horizontal: bool = False
    barmode: str = "relative"  # or "stack", "group"
    text: str | None = None
    text_label: str = ""
    text_outside: bool = False  # the text above the bar (not clipped by the plot area)
    hover: tuple[str, ...] = ()
    interval: tuple[str, str] | None = None  # columns of the low and high bounds (error bars)
    scale: float = 1  # values (and bounds) drawn times this: 100 for shares shown in %

    @property
    def series(self) -> list[str]:
        """The columns whose values make one series each: colour, then hatching."""
        return [c for c in (self.color, self.pattern) if c]


def bar_figure(
    frame: pd.DataFrame, bars: Bars, extra: Sequence[dict] = (), **layout: object
) -> go.Figure:
    """Bars of `bars.value` by `bars.category`, one series per colour (and hatching) value,
    then the `extra` traces (plotly dictionaries); `layout` adds to the figure's layout (axis
    range, legend, reference lines…)."""
    columns = Columns(frame, bars)
    order = series_order(frame, bars.color)
    parts = groups(frame, bars.series)
    traces = [*(bar_trace(columns, rows, key, bars, order) for key, rows in parts), *extra]
    x, y = (bars.value, bars.category) if bars.horizontal else (bars.category, bars.value)
    base = {
        "barmode": bars.barmode,
        "xaxis": {"title": {"text": bars.labels.get(x, x)}},
        "yaxis": {"title": {"text": bars.labels.get(y, y)}},
        "legend": legend(bars.series, bars.labels),
    }
    return go.Figure(data=traces, layout=merged(base, layout))


class Columns:
    """The columns a bar chart reads, taken out of the frame once as arrays, the values (and
    the interval, as distances below and above each value) scaled."""

    def __init__(self, frame: pd.DataFrame, bars: Bars) -> None:
        value = numbers(frame, bars.value) * bars.scale
        self.numbers = {"value": value}
        if bars.interval:
            low, high = (numbers(frame, c) * bars.scale for c in bars.interval)
            self.numbers |= {"minus": value - low, "plus": high - value}
        texts = [bars.category, *([bars.text] if bars.text else [])]
        self.texts = {c: frame[c].to_numpy() for c in texts}
        self.hover = frame[list(bars.hover)].to_numpy() if bars.hover else None

    def number(self, name: str, rows: np.ndarray) -> np.ndarray:
        """The numbers `name` (value, minus or plus) of `rows`, missing ones NaN."""
        return self.numbers[name][rows]

    def text(self, column: str, rows: np.ndarray) -> list:
        """The values of `column` in `rows`, as a list."""
        return self.texts[column][rows].tolist()


def numbers(frame: pd.DataFrame, column: str) -> np.ndarray:
    """A column as floats, missing values NaN."""
    return frame[column].to_numpy(dtype=float, na_value=np.nan)


def bar_trace(columns: Columns, rows: np.ndarray, key: tuple, bars: Bars, order: list) -> dict:
    """One series of bars (the `rows` of the frame): its name, colour, hatching, values,
    interval and hover text."""
    name = ", ".join(str(v) for v in key)
    category, value = columns.text(bars.category, rows), columns.number("value", rows)
    trace: dict = {
        "type": "bar",
        "name": name,
        "legendgroup": name,
        "showlegend": bool(key),
        "orientation": "h" if bars.horizontal else "v",
        "x": value if bars.horizontal else category,
        "y": category if bars.horizontal else value,
        "marker": {"color": series_colour(key[0] if bars.color else None, order, bars.colours)},
        "hovertemplate": bar_hover(key, bars),
        "textposition": "outside" if bars.text_outside else "auto",
    }
    if bars.pattern:
        trace["marker"]["pattern"] = {"shape": bars.patterns.get(key[-1], "")}
    if bars.barmode == "group":
        trace |= {"offsetgroup": name, "alignmentgroup": "True"}
    if bars.text:
        trace["text"] = columns.text(bars.text, rows)
    if bars.text_outside:
        trace["cliponaxis"] = False
    if columns.hover is not None:
        trace["customdata"] = columns.hover[rows]
    if bars.interval:
        trace["error_x" if bars.horizontal else "error_y"] = {
            "array": columns.number("plus", rows),
            "arrayminus": columns.number("minus", rows),
        }
    return trace


def bar_hover(key: tuple, bars: Bars) -> str:
    """« Ligne : Salaires<br>Promotion : %{x}<br>Montant : %{y} »: the series, the category,
    the value, then the extra columns and the bar's text when they are named."""
    category, value = ("y", "x") if bars.horizontal else ("x", "y")
    lines = [(bars.labels.get(c, c), str(v)) for c, v in zip(bars.series, key, strict=True)]
    lines += [
        (bars.labels.get(bars.category, bars.category), f"%{{{category}}}"),
        (bars.labels.get(bars.value, bars.value), f"%{{{value}}}"),
    ]
    lines += [(bars.labels.get(c, c), f"%{{customdata[{i}]}}") for i, c in enumerate(bars.hover)]
    if bars.text and bars.text_label:
        lines.append((bars.text_label, "%{text}"))
    return hovertemplate(lines)


def line_figure(
    frame: pd.DataFrame,
    x: str,
    y: str,
    color: str,
    labels: Mapping[str, str],
    highlight: str = "",
    scale: float = 1,
    **layout: object,
) -> go.Figure:
    """Lines with points of `y` (times `scale`) by `x`, one series per value of `color`, each
    with its own colour and point shape; the `highlight` series drawn thicker (5 px, others
    2 px)."""
    order = series_order(frame, color)
    xs, ys = frame[x].to_numpy(), numbers(frame, y) * scale
    series, across, value = (labels.get(c, c) for c in (color, x, y))
    traces = [
        line_trace(key[0], xs[rows].tolist(), ys[rows], rank, order, highlight)
        | {
            "hovertemplate": hovertemplate(
                [(series, str(key[0])), (across, "%{x}"), (value, "%{y}")]
            )
        }
        for rank, (key, rows) in enumerate(groups(frame, [color]))
    ]
    base = {
        "xaxis": {"title": {"text": labels.get(x, x)}},
        "yaxis": {"title": {"text": labels.get(y, y)}},
        "legend": legend([color], labels),
    }
    return go.Figure(data=traces, layout=merged(base, layout))


def line_trace(
    name: object, xs: list, ys: np.ndarray, rank: int, order: list, highlight: str
) -> dict:
    """One series of a line chart: its colour and point shape follow its rank."""
    return {
        "type": "scatter",
        "mode": "lines+markers",
        "name": str(name),
        "legendgroup": str(name),
        "showlegend": True,
        "x": xs,
        "y": ys,
        "line": {
            "color": series_colour(name, order, {}),
            "dash": "solid",
            "width": 5 if name == highlight else 2,
        },
        "marker": {"symbol": SYMBOLS[rank % len(SYMBOLS)], "size": 9},
    }


def reference_line(value: float, text: str, dash: str) -> dict[str, list[dict]]:
    """A horizontal line across the plot at `value`, named at its right end (what plotly's
    `add_hline` draws, without its cost): layout entries for `bar_figure(…, **line)`."""
    return {
        "shapes": [
            {
                "type": "line",
                "xref": "x domain",
                "x0": 0,
                "x1": 1,
                "yref": "y",
                "y0": value,
                "y1": value,
                "line": {"dash": dash},
            }
        ],
        "annotations": [
            {
                "text": text,
                "showarrow": False,
                "xref": "x domain",
                "x": 1,
                "xanchor": "right",
                "yref": "y",
                "y": value,
                "yanchor": "bottom",
            }
        ],
    }


def groups(frame: pd.DataFrame, columns: Sequence[str]) -> list[tuple[tuple, np.ndarray]]:
    """The row positions of each combination of values of `columns` (none: all rows), ordered
    by the first appearance of each column's values, the first column first; rows with a
    missing value in `columns` belong to no group."""
    if not columns:
        return [((), np.arange(len(frame)))]
    rows: dict[tuple, list[int]] = {}
    for i, key in enumerate(zip(*(frame[c].tolist() for c in columns), strict=True)):
        if not any(pd.isna(v) for v in key):
            rows.setdefault(key, []).append(i)
    orders = [list(dict.fromkeys(key[i] for key in rows)) for i in range(len(columns))]
    keys = sorted(rows, key=lambda key: [o.index(v) for o, v in zip(orders, key, strict=True)])
    return [(key, np.array(rows[key])) for key in keys]


def series_order(frame: pd.DataFrame, color: str | None) -> list:
    """The values of the colour column in order of first appearance (their palette rank)."""
    return list(dict.fromkeys(frame[color].dropna())) if color else []


def series_colour(value: object, order: list, chosen: Mapping[str, str]) -> str:
    """The colour chosen for `value`, else the palette's colour of its rank."""
    if value in chosen:
        return chosen[value]
    rank = order.index(value) if value in order else 0
    return PALETTE[rank % len(PALETTE)]


def legend(columns: Sequence[str], labels: Mapping[str, str]) -> dict:
    """The legend titled after the columns making the series (« Ligne, Statut »)."""
    shown = {"tracegroupgap": 0}
    if columns:
        shown["title"] = {"text": ", ".join(labels.get(c, c) for c in columns)}
    return shown


def hovertemplate(lines: Sequence[tuple[str, str]]) -> str:
    """« Libellé : valeur » lines (« Label: value » in English); an empty label shows the
    value alone; « (€) » and « (%) » leave the labels (the axis ticks carry the unit)."""
    line = _("{label} : {value}")
    shown = [
        line.format(label=hover_label(label), value=value) if label else value
        for label, value in lines
    ]
    return "<br>".join(shown) + NO_BOX


def hover_label(label: str) -> str:
    """« Montant (€) » → « Montant »."""
    return re.sub(r"\s*\((?:€|%)\)$", "", label)


def merged(base: dict, extra: Mapping[str, object]) -> dict:
    """`base` with `extra`'s entries; dictionaries under the same key are merged."""
    out = dict(base)
    for key, value in extra.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
            out[key] = merged(out[key], value)
        else:
            out[key] = value
    return out
