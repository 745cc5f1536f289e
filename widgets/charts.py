"""Charts: every plotly figure of the dashboard is drawn through `chart`, the French way
(`widgets.chart_style`), with its image downloads (`widgets.chart_images`)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from widgets.chart_images import image_buttons
from widgets.chart_style import config_for, style


def chart(fig: go.Figure, frame: pd.DataFrame, title: str, reading: str, key: str) -> None:
    """A titled plotly chart, its one-sentence reading, its image downloads (PNG, SVG) and
    the same numbers as a table."""
    st.subheader(title)
    st.markdown(reading)
    style(fig)
    fig.update_layout(title=None)
    st.plotly_chart(fig, key=f"chart-{key}", config=config_for(fig), theme=None)
    image_buttons(fig, title, key)
    with st.expander(f"Données du graphique « {title} » (tableau accessible)"):
        st.dataframe(frame, hide_index=True, width="stretch", key=f"table-{key}")
