"""Shared Streamlit widgets: the database connection, page frame, figures and error display.

Pages import this module and `eigdata`; they never import duckdb nor write SQL.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import duckdb
import pandas as pd
import streamlit as st

from eigdata.errors import EigDataError, user_message
from eigdata.store import connect, ensure_database

log = logging.getLogger("eig.dashboard")
SOURCE_NOTE = "Sources : documents publiés par le programme (voir chaque chiffre)."


@st.cache_resource(show_spinner="Préparation des données…")
def connection() -> duckdb.DuckDBPyConnection:
    """One read-only connection per process, on a database built from data/."""
    return connect(ensure_database())


def run_page(title: str, body: Callable[[], None], intro: str = "") -> None:
    """Draw a page: title, introduction, then the body; errors become French messages."""
    st.title(title)
    if intro:
        st.markdown(intro)
    try:
        body()
    except EigDataError as error:
        st.error(user_message(error))
    except Exception:  # last line of defence: never show a traceback
        log.exception("page %s failed", title)
        st.error(user_message(RuntimeError()))


def figure(label: str, value: str, source: str, note: str = "") -> None:
    """A headline figure with its source right under it."""
    st.metric(label, value, help=source)
    st.caption(f"Source : {source}" + (f" — {note}" if note else ""))


def table(frame: pd.DataFrame, caption: str) -> None:
    """An accessible data table with a visible caption."""
    st.markdown(f"**{caption}**")
    st.dataframe(frame, hide_index=True, width="stretch")
