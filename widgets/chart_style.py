"""The dashboard's French chart style, in one place, for every plotly figure.

The `eig` plotly template (made plotly's default when this module is imported) and `style(fig)`,
applied again to each figure at draw time: decimal comma and narrow no-break space between
thousands, whole numbers on axes (never « 2.5M »), « € » or « % » after the ticks of money and
percentage axes, a colour-blind-safe palette whose colours all keep a 3:1 contrast on white,
a second carrier besides colour for every series (a point shape on lines, a hatching on bars),
dark text, legible Sankey labels, hover texts « Libellé : valeur ». The plotly toolbar speaks
French (plotly.js `fr` locale: months, days, buttons) and keeps only what works in Streamlit.
"""

from __future__ import annotations

import re

import plotly.graph_objects as go
import plotly.io as pio

from eigdata.i18n import lang

NARROW_NBSP = "\u202f"
SEPARATORS = "," + NARROW_NBSP  # plotly's `separators`: decimal mark, then thousands
ENGLISH_SEPARATORS = ".,"
FONT = "Marianne, Arial, sans-serif"
TEXT = "#161616"  # the theme's text colour (.streamlit/config.toml)
MUTED = "#595959"  # axis lines and ticks: 7:1 on white
GRID = "#dddddd"
WHITE = "#ffffff"
# A colour-blind-safe palette, every colour at 3:1 at least on white (WCAG 1.4.11), ordered so
# that the first seven stay far apart (CIEDE2000 ≥ 11) for normal vision and under simulated
# deuteranopia, protanopia and tritanopia (Machado 2009): tests/test_chart_palette.py.
# Okabe & Ito's blue, vermillion, bluish green and reddish purple (slightly darkened), Paul
# Tol's wine and indigo, IBM's blue (darkened), grey. Okabe & Ito's orange and yellow, once
# darkened to 3:1, are confused with vermillion by deuteranopes and protanopes: left out.
PALETTE = (
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#009E73",  # bluish green
    "#882255",  # wine
    "#332288",  # indigo
    "#CA77A5",  # reddish purple, darkened
    "#618CFC",  # cornflower blue, darkened
    "#666666",  # grey
)
HIGHLIGHT, ALERT = PALETTE[0], PALETTE[1]  # what is stressed; what is beyond a limit
# Marker shapes of the series of a line chart, in order.
SYMBOLS = ("circle", "square", "diamond", "triangle-up", "x", "star", "cross", "triangle-down")
# The hatching of each colour of a bar chart, in order (bars' twin of SYMBOLS), drawn in white
# over the filled bar. « / » is kept for the hatched state (forecast, counted on the site):
# bars in that state are open (white) with their series' hatching in colour, « / » for the
# first series.
BAR_PATTERNS = ("", "\\", "x", "-", "|", "+", ".")
STATE_HATCH = "/"
# Colours a figure gets when built outside this template: Streamlit's placeholders (replaced
# by its theme in the browser only) and plotly's defaults. `style` maps them to the palette.
STREAMLIT_COLOURS = tuple(f"#0000{i:02d}" for i in range(1, 11))
PLOTLY_COLOURS = tuple(c.lower() for c in pio.templates["plotly"].layout.colorway)

CARTESIAN_TRACES = {"bar", "scatter", "histogram", "box", "violin", "heatmap"}


AXIS = {
    "exponentformat": "none",
    "separatethousands": True,
    "automargin": True,
    "color": TEXT,
    "gridcolor": GRID,
    "linecolor": MUTED,
    "tickcolor": MUTED,
    "zerolinecolor": MUTED,
    "title": {"standoff": 12},
}
TEMPLATE = go.layout.Template(
    layout={
        "separators": SEPARATORS,
        "font": {"family": FONT, "color": TEXT, "size": 14},
        "colorway": list(PALETTE),
        "paper_bgcolor": WHITE,
        "plot_bgcolor": WHITE,
        "hoverlabel": {"bgcolor": WHITE, "bordercolor": MUTED, "font": {"color": TEXT}},
        "legend": {"font": {"color": TEXT}},
        "margin": {"t": 40, "r": 20, "b": 40, "l": 40},  # axes and legend widen it as needed
        "shapedefaults": {"line": {"color": TEXT}},  # reference lines
        # plotly's toolbar icons are pale grey (2:1 on white): dark, on white
        "modebar": {"bgcolor": WHITE, "color": MUTED, "activecolor": TEXT},
        "xaxis": AXIS,
        "yaxis": AXIS,
    },
    data={
        # white outlines part adjacent bars; error bars would take that white: make them dark
        "bar": [
            go.Bar(
                marker={"line": {"color": WHITE, "width": 1}},
                error_x={"color": TEXT},
                error_y={"color": TEXT},
            )
        ],
        "sankey": [go.Sankey(textfont={"color": TEXT, "size": 15, "shadow": "none"})],
    },
)
pio.templates["eig"] = TEMPLATE
pio.templates.default = "eig"  # every figure built after this import starts French

# plotly.js `fr` locale (lib/locales/fr.js), reduced to the toolbar, hover and dates.
LOCALE = {
    "dictionary": {
        "Autoscale": "Échelle automatique",
        "Box Select": "Sélection rectangulaire",
        "Compare data on hover": "Comparer les données au survol",
        "Double-click on legend to isolate one trace": (
            "Double-cliquer sur la légende pour isoler une série"
        ),
        "Double-click to zoom back out": "Double-cliquer pour dézoomer",
        "Lasso Select": "Sélection lasso",
        "Pan": "Déplacer",
        "Produced with Plotly.js": "Généré avec Plotly.js",
        "Reset": "Réinitialiser",
        "Reset axes": "Réinitialiser les axes",
        "Reset view": "Réinitialiser",
        "Reset views": "Réinitialiser",
        "Show closest data on hover": "Données les plus proches au survol",
        "Toggle Spike Lines": "Activer ou désactiver les repères",
        "Toggle show closest data on hover": "Activer ou désactiver le survol",
        "Zoom": "Zoom",
        "Zoom in": "Zoom avant",
        "Zoom out": "Zoom arrière",
        "incoming flow count:": "flux entrants :",
        "outgoing flow count:": "flux sortants :",
        "source:": "depuis :",
        "target:": "vers :",
        "trace": "série",
    },
    "format": {
        "days": ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"],
        "shortDays": ["dim.", "lun.", "mar.", "mer.", "jeu.", "ven.", "sam."],
        "months": [
            "janvier",
            "février",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "août",
            "septembre",
            "octobre",
            "novembre",
            "décembre",
        ],
        "shortMonths": [
            "janv.",
            "févr.",
            "mars",
            "avr.",
            "mai",
            "juin",
            "juil.",
            "août",
            "sept.",
            "oct.",
            "nov.",
            "déc.",
        ],
        "date": "%d/%m/%Y",
        "decimal": ",",
        "thousands": NARROW_NBSP,
        "year": "%Y",
        "month": "%b %Y",
        "dayMonth": "%-d %b",
        "dayMonthYear": "%-d %b %Y",
    },
}
# The toolbar of a chart with axes: zoom, pan, autoscale, reset, in French. Listing the buttons
# also leaves out plotly's `toImage` (the image buttons below each chart replace it),
# selections (they do nothing here) and the « Fullscreen » button Streamlit adds, whose title
# is English whatever the locale. Charts without axes (Sankey) have no toolbar.
CARTESIAN_BUTTONS = ["zoom2d", "pan2d", "autoScale2d", "resetScale2d"]
NO_TOOLBAR = {
    "displaylogo": False,
    "displayModeBar": False,
    "locale": "fr",
    "locales": {"fr": LOCALE},
}
CONFIG = {**NO_TOOLBAR, "displayModeBar": "hover", "modeBarButtons": [CARTESIAN_BUTTONS]}


def config_for(fig: go.Figure) -> dict:
    """The plotly.js config of a chart: in the run's language, with the toolbar of charts
    with axes."""
    has_axes = bool(fig.data) and all(t.type in CARTESIAN_TRACES for t in fig.data)
    config = CONFIG if has_axes else NO_TOOLBAR
    if lang() == "en":  # plotly.js speaks English by itself
        config = {k: v for k, v in config.items() if k != "locales"} | {"locale": "en"}
    return config


def separators() -> str:
    """plotly's `separators` for the run's language: decimal mark, then thousands."""
    return ENGLISH_SEPARATORS if lang() == "en" else SEPARATORS


AXIS_NUMBERS = {"exponentformat": "none", "separatethousands": True, "automargin": True}
ANNOTATION = {"bgcolor": "rgba(255, 255, 255, 0.85)", "font_color": TEXT}


def style(fig: go.Figure, **layout: object) -> go.Figure:
    """Give `fig` the dashboard's French style (in place; returned for chaining), in one
    layout update to which `layout` adds (e.g. `title=None`). The template is set again only
    when the figure lacks it (every figure built after this import has it)."""
    if fig.layout.template != TEMPLATE:
        layout["template"] = TEMPLATE
    axes = {a.plotly_name: axis_style(a) for a in (*fig.select_xaxes(), *fig.select_yaxes())}
    fig.update_layout(separators=separators(), font={"family": FONT}, **axes, **layout)
    if fig.layout.annotations:
        fig.update_annotations(**ANNOTATION)
    _style_traces(fig.data)
    return fig


def _style_traces(traces: tuple) -> None:
    """Palette colours, French hover texts, dark Sankey labels, and one marker shape per
    series of points and one hatching per colour of bars, so that colour is not the only cue."""
    lines_with_points = [t for t in traces if t.type == "scatter" and "markers" in (t.mode or "")]
    for rank, trace in enumerate(lines_with_points):
        if trace.marker.symbol in (None, "circle"):  # plotly's default; chosen shapes stay
            trace.marker.update(symbol=SYMBOLS[rank % len(SYMBOLS)], size=9)
    for trace in traces:
        _recolour(trace)
        _french_hover(trace)
        if trace.type == "sankey":
            _style_sankey(trace)
    _hatch_bars([t for t in traces if t.type == "bar"])


def _hatch_bars(bars: list[go.Bar]) -> None:
    """Bars of several colours: each colour (in order of appearance) gets its hatching from
    `BAR_PATTERNS`, in white over the filled bar; bars in the hatched state stay open, their
    series' hatching in colour. Bars of one colour keep their patterns. Styling twice changes
    nothing."""
    colours = list(dict.fromkeys(t.marker.color for t in bars if isinstance(t.marker.color, str)))
    if len(colours) < 2:
        return
    for trace in bars:
        if isinstance(trace.marker.color, str):
            rank = colours.index(trace.marker.color)
            trace.marker.pattern = bar_pattern(rank, hatched(trace.marker.pattern))


def hatched(pattern: go.bar.marker.Pattern) -> bool:
    """Whether a bar's pattern marks the hatched state: an open bar (plotly's « replace »
    fill, its default) with a hatching."""
    return bool(pattern.shape) and pattern.fillmode != "overlay"


def bar_pattern(rank: int, open_bar: bool) -> dict:
    """The pattern of the bars of the `rank`-th colour: filled with its white hatching, or,
    in the hatched state, open with that hatching (« / » for the first colour) in colour."""
    shape = BAR_PATTERNS[rank % len(BAR_PATTERNS)]
    if open_bar:
        return {"shape": shape or STATE_HATCH, "fillmode": "replace", "solidity": 0.4}
    if not shape:
        return {"shape": ""}
    return {"shape": shape, "fillmode": "overlay", "fgcolor": WHITE, "solidity": 0.25}


def translucent(colour: str, opacity: float) -> str:
    """« #0072B2 » at `opacity` as « rgba(0, 114, 178, 0.45) » (Sankey flows)."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red}, {green}, {blue}, {opacity})"


def axis_style(axis) -> dict:
    """Whole numbers with thousands separated and, on € and % axes (named in the title), the
    unit after the ticks (and out of the title)."""
    title = axis.title.text or ""
    unit = axis_unit(title, axis.tickformat or "")
    if not unit or axis.ticksuffix or axis.tickprefix:
        return AXIS_NUMBERS
    if lang() == "en":  # €4,800,000 and 57%
        ticks = {"tickprefix": unit} if unit == "€" else {"ticksuffix": unit}
    else:
        ticks = {"ticksuffix": NARROW_NBSP + unit}
    return {
        **AXIS_NUMBERS,
        **ticks,
        "hoverformat": axis.hoverformat or ",.0f",
        "title": {"text": re.sub(rf"\s*\({re.escape(unit)}\)", "", title)},
    }


def axis_unit(title: str, tickformat: str = "") -> str:
    """« € » for a money axis, « % » for a 0–100 percentage axis (named in its title), else
    ''. An axis formatted by `tickformat` (« .0% ») already shows its unit."""
    if tickformat:
        return ""
    if "€" in title:
        return "€"
    if "(%)" in title:
        return "%"
    return ""


def _recolour(trace) -> None:
    """Streamlit's and plotly's default colours to the palette; chosen colours stay."""
    for part in ("marker", "line"):
        holder = getattr(trace, part, None)
        colour = getattr(holder, "color", None) if holder is not None else None
        if isinstance(colour, str):
            replaced = palette_colour(colour)
            if replaced != colour:
                holder.color = replaced


def palette_colour(colour: str) -> str:
    """The palette colour standing for a default colour (same rank), or `colour` itself."""
    lowered = colour.lower()
    for defaults in (STREAMLIT_COLOURS, PLOTLY_COLOURS):
        if lowered in defaults:
            return PALETTE[defaults.index(lowered) % len(PALETTE)]
    return colour


def _french_hover(trace) -> None:
    """« Promotion=%{x} » (plotly express) becomes « Promotion : %{x} »."""
    template = getattr(trace, "hovertemplate", None)
    if isinstance(template, str) and "=" in template:
        trace.hovertemplate = french_hovertemplate(template)


def french_hovertemplate(template: str) -> str:
    """Each « label=value » line of a hover template as « label : value »; « (€) » and
    « (%) » leave the label of an axis value, whose ticks (and hover) carry the unit."""
    lines = [
        re.sub(r"^(.+?)\s*\((?:€|%)\)=(%\{[xy]\})", r"\1=\2", x) for x in template.split("<br>")
    ]
    colon = r"\1: " if lang() == "en" else r"\1 : "
    return "<br>".join(re.sub(r"^((?:[^=%{}<]|%(?!\{))+)=", colon, line) for line in lines)


def _style_sankey(trace) -> None:
    """Dark, large node labels without the pale halo; nodes outlined."""
    trace.update(
        textfont={"color": TEXT, "size": 15, "family": FONT, "shadow": "none"},
        node={"line": {"color": TEXT, "width": 0.5}},
    )
