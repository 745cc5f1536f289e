"""The print view of a page (`?vue=impression`): one A4 portrait page for a meeting.

It shows the page's summary only (key figures and main charts, each with its source), the
filters applied and the date; no sidebar, widgets, tables or buttons. The browser prints it
(« Imprimer », Ctrl+P) with the stylesheet below.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from eigdata.formatting import long_date
from eigdata.i18n import _
from widgets.chart_style import style
from widgets.link_bar import PRINT_PARAM, PRINT_VALUE

# A4 portrait with 10 mm margins leaves 190 mm: 718 CSS px. Charts are drawn to fit.
CHART_WIDTH = 700
CHART_HEIGHT = 250

STYLE = """
<style>
@page { size: A4 portrait; margin: 10mm; }
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stStatusWidget"], [data-testid="stExpandSidebarButton"] { display: none !important; }
[data-testid="stMainBlockContainer"] { max-width: 190mm !important; padding: 0 !important;
  margin: 0 auto !important; }
[data-testid="stVerticalBlock"] { gap: .35rem !important; }
[data-testid="stMetricValue"] { font-size: 1.45rem !important; }
h1 { font-size: 1.6rem !important; padding: 0 0 .2rem 0 !important; }
h2 { font-size: 1.15rem !important; padding: .4rem 0 0 0 !important; }
h3 { font-size: 1rem !important; padding: .2rem 0 0 0 !important; }
@media print {
  html, body { font-size: 11px !important; background: #fff !important; }
  [data-testid="stAppViewContainer"], [data-testid="stMain"] { overflow: visible !important; }
  .stPlotlyChart { break-inside: avoid; }
  .modebar-container { display: none !important; }
}
</style>
"""


STATE = "eig_print_view"


def requested() -> bool:
    """True when the link asks for the print view."""
    return st.query_params.get(PRINT_PARAM) == PRINT_VALUE


def begin(on: bool) -> None:
    """Set, for this run of the page, whether it draws its print view."""
    st.session_state[STATE] = on


def on() -> bool:
    """True while a page draws its print view (widgets then draw their print form)."""
    return bool(st.session_state.get(STATE, False))


def styles() -> None:
    """The print stylesheet (also on screen, so the view previews the printed page)."""
    st.html(STYLE)


def header(filters: str, today: date | None = None) -> None:
    """Under the title: the filters applied and the date of printing."""
    day = long_date(today)
    st.caption(
        _("Résumé imprimable — filtres : {filters}. Édité le {day}.").format(
            filters=filters, day=day
        )
    )


def chart(fig, title: str, reading: str) -> None:
    """A chart of the print view: its title, reading and a static drawing sized for A4."""
    st.subheader(title)
    st.markdown(reading)
    fig = style(fig)
    fig.update_layout(
        title=None,
        width=CHART_WIDTH,
        height=CHART_HEIGHT,
        margin={"l": 60, "r": 10, "t": 10, "b": 40},
    )
    static = {"staticPlot": True, "displayModeBar": False}
    st.plotly_chart(fig, width="content", config=static, theme=None)
