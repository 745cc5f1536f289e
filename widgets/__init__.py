"""Shared Streamlit widgets: the database connection, page frame, figures and error display.

Pages import this module and `eigdata`; they never import duckdb nor write SQL.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from eigdata.errors import DataProblem, EigDataError, user_message
from eigdata.ingest.problems import headline, lines
from eigdata.ingest.tables import problems_frame
from eigdata.storage.store import connect, data_dir, ensure_database, fingerprint

log = logging.getLogger("eig.dashboard")
MARKDOWN_SPECIAL = re.compile(r"[\\`*_{}\[\]<>#|~$]")
SOURCE_NOTE = "Sources : documents publiés par le programme (voir chaque chiffre)."


def connection() -> duckdb.DuckDBPyConnection:
    """The read-only connection of this process, on the database of `eigdata.store.data_dir()`.

    Reopened when the data changed since it was opened (an import from the command line or
    another process), so every page shows the active versions.
    """
    folder = data_dir()
    con, built_from = _open(str(folder))
    if built_from != fingerprint(folder):
        clear_connection()
        con, _ = _open(str(folder))
    return con


def _close(opened: tuple[duckdb.DuckDBPyConnection, str]) -> None:
    opened[0].close()  # else DuckDB would hand the replaced database file to the next connect


@st.cache_resource(show_spinner="Préparation des données…", on_release=_close)
def _open(folder: str) -> tuple[duckdb.DuckDBPyConnection, str]:
    """One connection per data directory and process (built from its CSVs if needed)."""
    path = Path(folder)
    return connect(ensure_database(path)), fingerprint(path)


def clear_connection() -> None:
    """Close and forget the cached connection: every page then reads the rebuilt database."""
    _open.clear()


def declare_language(lang: str = "fr") -> None:
    """Set <html lang> (RGAA 8.3): Streamlit's page shell always says "en"."""
    st.html(
        f"<script>document.documentElement.lang = {lang!r};</script>",
        unsafe_allow_javascript=True,
    )


def _use_dashboard_navigation() -> None:
    """Route a page opened by a shared link through dashboard.py's navigation.

    On a fresh server, Streamlit's legacy `pages/` mode runs the page file alone (raw file
    names in the sidebar, no page set-up) until dashboard.py has called st.navigation once.
    Leave that mode and rerun: the same URL then goes through dashboard.py.
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def run_page(title: str, *sections: Callable[[], object], intro: str = "") -> None:
    """Draw a page: title, introduction, then each section.

    A failing section shows a French message in its place (never a traceback) and the
    other sections still render.
    """
    _use_dashboard_navigation()
    st.title(title)
    if intro:
        st.markdown(intro)
    for section in sections:
        try:
            section()
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


def url_multiselect(
    label: str,
    key: str,
    options: list[str],
    default: list[str] | None = None,
    format_func: Callable[[str], str] = str,
    help: str | None = None,
) -> list[str]:
    """A multiselect bound to the URL query parameter `key` (repeated: ?key=a&key=b).

    The URL holds the displayed labels (format_func). Unknown values in the URL are
    dropped by Streamlit; we say so with a visible notice instead of failing.
    """
    _notice_invalid(key, [format_func(o) for o in options])
    return st.multiselect(
        label,
        options,
        default=options if default is None else default,
        format_func=format_func,
        key=key,
        help=help,
        bind="query-params",
    )


def url_selectbox(
    label: str,
    key: str,
    options: list[str],
    index: int = 0,
    format_func: Callable[[str], str] = str,
    help: str | None = None,
) -> str:
    """A selectbox bound to the URL query parameter `key`."""
    _notice_invalid(key, [format_func(o) for o in options])
    return st.selectbox(
        label,
        options,
        index=index,
        format_func=format_func,
        key=key,
        help=help,
        bind="query-params",
    )


def _notice_invalid(key: str, allowed: list[str]) -> None:
    """Tell the reader which values of a shared link were ignored."""
    given = st.query_params.get_all(key)
    ignored = [v for v in given if v and v not in allowed]
    if ignored:
        listed = ", ".join(f"« {v} »" for v in ignored)
        st.info(f"Lien partagé : valeur(s) ignorée(s) pour le filtre « {key} » : {listed}.")


def chart(fig, frame: pd.DataFrame, title: str, reading: str, key: str) -> None:
    """A titled plotly chart, its one-sentence reading, and the same numbers as a table."""
    st.subheader(title)
    st.markdown(reading)
    fig.update_layout(title=None, separators=", ", font={"family": "Marianne, Arial, sans-serif"})
    st.plotly_chart(fig, key=f"chart-{key}", config={"displaylogo": False})
    with st.expander(f"Données du graphique « {title} » (tableau accessible)"):
        st.dataframe(frame, hide_index=True, width="stretch", key=f"table-{key}")


def csv_bytes(frame: pd.DataFrame, sep: str = ",") -> bytes:
    """UTF-8 with BOM (accents in Excel); with ';' the decimal mark is a comma."""
    decimal = "," if sep == ";" else "."
    safe = frame.map(_neutralise) if len(frame) else frame
    return safe.to_csv(index=False, sep=sep, decimal=decimal).encode("utf-8-sig")


DOWNLOADS = [  # (label, separator, file name suffix, key prefix)
    ("Télécharger en CSV (virgule)", ",", "", "dl-comma"),
    ("Télécharger en CSV pour Excel (point-virgule)", ";", "-excel", "dl-semicolon"),
]


def download(frame: pd.DataFrame, file_stem: str, key: str) -> None:
    """Download what is shown: comma CSV or French Excel CSV (';' and decimal comma)."""
    for column, (label, sep, suffix, prefix) in zip(st.columns(2), DOWNLOADS, strict=True):
        column.download_button(
            label,
            csv_bytes(frame, sep),
            file_name=f"{file_stem}{suffix}.csv",
            mime="text/csv",
            key=f"{prefix}-{key}",
            on_click="ignore",
        )


SHOWN_PROBLEMS = 20


def problems(found: list[DataProblem], file_stem: str) -> None:
    """The problems of an upload: a count, one line per distinct problem (the first 20) and
    the full list, one row per problem, to download. Nothing was stored: say so."""
    grouped = lines(found)
    first = f" Les {SHOWN_PROBLEMS} premiers :" if len(grouped) > SHOWN_PROBLEMS else ""
    st.error(f"{headline(found)} dans le fichier : rien n'a été enregistré.{first}")
    st.markdown("\n".join(f"- {md_escape(line)}" for line in grouped[:SHOWN_PROBLEMS]))
    st.markdown("**Liste complète des problèmes (une ligne par ligne du fichier)**")
    download(problems_frame(found), file_stem, key="problems")


def changes_frame(changes: list) -> pd.DataFrame:
    """The dashboard figures an import moves (`impact.Change`), as a French table."""
    rows = [
        {"Page": c.page, "Chiffre": c.label, "Avant": c.before, "Après": c.after} for c in changes
    ]
    return pd.DataFrame(rows, columns=["Page", "Chiffre", "Avant", "Après"])


def md_escape(text: object) -> str:
    """Text from a file (values, file names) shown literally in Markdown: no formatting,
    links, HTML, LaTeX or Streamlit directives."""
    return MARKDOWN_SPECIAL.sub(r"\\\g<0>", str(text))


def _neutralise(value: object) -> object:
    """Prefix text that a spreadsheet would run as a formula (=, +, -, @)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value
