"""The benchmarks' baseline: a minimal Streamlit app, one selectbox and one Plotly bar chart
whose bars follow the choice (built with graph_objects, as the dashboard's charts are).
Served like the dashboard: `streamlit run bench/bare_app.py`."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

SERIES = {
    "Série A": [12, 7, 15, 4, 9],
    "Série B": [5, 14, 8, 11, 3],
    "Série C": [9, 9, 2, 13, 6],
}
CATEGORIES = ["EIG 1", "EIG 2", "EIG 3", "DIG", "EIG 4"]
LABEL = "Série"


def main() -> None:
    """One selectbox, one chart of the chosen series."""
    choice = st.selectbox(LABEL, list(SERIES))
    frame = pd.DataFrame({"promotion": CATEGORIES, "valeur": SERIES[choice]})
    st.plotly_chart(go.Figure(go.Bar(x=frame["promotion"], y=frame["valeur"])))


main()
