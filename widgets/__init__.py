"""Shared Streamlit widgets: the database connection, page frame, figures and error display.

Pages import this module and `eigdata`; they never import duckdb nor write SQL.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

import duckdb
import pandas as pd
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from eigdata.errors import DataProblem, EigDataError, user_message
from eigdata.i18n import N_, _, lang
from eigdata.ingest.problems import headline, lines
from eigdata.ingest.tables import problems_frame
from eigdata.storage.store import connect, data_dir, data_version, ensure_database
from widgets import charts, downloads, language, links, printing
from widgets.downloads import csv_bytes as csv_bytes
from widgets.link_bar import link_bar

log = logging.getLogger("eig.dashboard")
MARKDOWN_SPECIAL = re.compile(r"[\\`*_{}\[\]<>#|~$]")
T = TypeVar("T")
SOURCE_NOTE = N_("Sources : documents publiés par le programme (voir chaque chiffre).")
PREPARING = N_("Préparation des données…")


def connection() -> duckdb.DuckDBPyConnection:
    """The read-only connection of this process, on the database of `eigdata.store.data_dir()`.

    Reopened when the data changed since it was opened (an import from the command line or
    another process), so every page shows the active versions.
    """
    return _current()[0]


def _current() -> tuple[duckdb.DuckDBPyConnection, str]:
    """The connection and the version of the data it reads (file stats: nothing is read)."""
    folder = data_dir()
    con, built_from = _opened(str(folder))
    if built_from != data_version(folder):
        clear_connection()
        con, built_from = _opened(str(folder))
    return con, built_from


_OPENED: set[str] = set()  # data directories whose connection this process holds


def _opened(folder: str) -> tuple[duckdb.DuckDBPyConnection, str]:
    """`_open(folder)`, under a notice in the run's language the first time (the database
    may have to be built); no spinner thread on the following calls."""
    if folder in _OPENED:
        return _open(folder)
    with st.spinner(_(PREPARING)):
        opened = _open(folder)
    _OPENED.add(folder)
    return opened


def cached(compute: Callable[..., T], *args: object) -> T:
    """`compute(connection(), *args)`, computed once per version of the data and arguments.

    For figures that depend on the stored data and the filters only (every `eigdata` reader):
    a filter changed back, another session or a page reopened get them at once. An import
    changes the version, so nothing stale is ever shown. Each call gets its own copy.
    """
    con, version = _current()
    name = f"{compute.__module__}.{compute.__qualname__}"
    return _cached_call(name, version, lang(), args, compute, con)


@st.cache_data(show_spinner=False, max_entries=2048)
def _cached_call(
    name: str, version: str, language: str, args: tuple, _compute: Callable, _con
) -> object:
    """The cache behind `cached`: keyed on the function's name, data version, language (its
    labels and readings) and arguments."""
    return _compute(_con, *args)


def _close(opened: tuple[duckdb.DuckDBPyConnection, str]) -> None:
    opened[0].close()  # else DuckDB would hand the replaced database file to the next connect


@st.cache_resource(show_spinner=False, on_release=_close)
def _open(folder: str) -> tuple[duckdb.DuckDBPyConnection, str]:
    """One connection per data directory and process (built from its CSVs if needed)."""
    path = Path(folder)
    return connect(ensure_database(path)), data_version(path)


def clear_connection() -> None:
    """Close and forget the cached connection: every page then reads the rebuilt database."""
    _OPENED.clear()
    _open.clear()


def declare_language() -> None:
    """Set <html lang> to the run's language (RGAA 8.3): Streamlit's shell always says "en"."""
    st.html(
        f"<script>document.documentElement.lang = {lang()!r};</script>",
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


def run_page(
    title: str,
    *sections: Callable[[], object],
    intro: str = "",
    summary: Sequence[Callable[[], object]] = (),
) -> None:
    """Draw a page: title, link bar, introduction, then each section; or, opened with
    `?vue=impression` on a page that has a `summary`, its one-page print view.

    `title` and `intro` are French texts marked with `N_()` (module constants of the page):
    they are translated here, once the run's language is known (a text already translated
    is shown as it is). A failing section shows a message in its place (never a traceback)
    and the other sections still render.
    """
    _use_dashboard_navigation()
    language.current()
    links.start_page(title)
    print_view = bool(summary) and printing.requested()
    printing.begin(print_view)
    st.title(_(title))
    link_bar(print_view, printable=bool(summary))
    if print_view:
        printing.styles()
        head = st.empty()
    elif intro:
        st.markdown(_(intro))
    for section in summary if print_view else sections:
        _draw(section, title)
    if print_view:
        with head:
            printing.header(links.filters_text())


def _draw(section: Callable[[], object], title: str) -> None:
    """Run one section; its failure is a message in its place (run's language)."""
    try:
        section()
    except EigDataError as error:
        st.error(user_message(error))
    except Exception:  # last line of defence: never show a traceback
        log.exception("page %s failed", title)
        st.error(user_message(RuntimeError()))


def chart(fig, frame: pd.DataFrame, title: str, reading: str, key: str) -> None:
    """A titled chart with its reading and data (see `widgets.charts`), or its print form."""
    if printing.on():
        printing.chart(fig, title, reading)
    else:
        charts.chart(fig, frame, title, reading, key)


def figure(label: str, value: str, source: str, note: str = "") -> None:
    """A headline figure with its source right under it."""
    st.metric(label, value, help=source)
    said = _("Source : {source}").format(source=source)
    st.caption(f"{said} — {note}" if note else said)


def download(frame: pd.DataFrame, file_stem: str, key: str, **about: object) -> None:
    """The download buttons of a table (`widgets.downloads`); none in the print view."""
    if not printing.on():
        downloads.download(frame, file_stem, key, **about)


def table(frame: pd.DataFrame, caption: str) -> None:
    """An accessible data table with a visible caption (not in the print view)."""
    if printing.on():
        return
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
    initial = options if default is None else default
    if printing.on():  # the print view has no widgets: the link's values, as they are
        chosen = _linked(key, options, format_func) or initial
    else:
        chosen = st.multiselect(
            label,
            options,
            default=initial,
            format_func=format_func,
            key=key,
            help=help,
            bind="query-params",
        )
    links.record(key, label, [format_func(o) for o in chosen], set(chosen) == set(options))
    return chosen


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
    default = options[index] if options else None
    if printing.on():
        chosen = (_linked(key, options, format_func) or [default])[0]
    else:
        chosen = st.selectbox(
            label,
            options,
            index=index,
            format_func=format_func,
            key=key,
            help=help,
            bind="query-params",
        )
    shown = [format_func(chosen)] if chosen is not None else []
    links.record(key, label, shown, everything=False, default=chosen == default)
    return chosen


def _linked(key: str, options: list[str], format_func: Callable[[str], str]) -> list[str]:
    """The options a link's query parameter `key` names (by displayed label), in option order."""
    given = set(st.query_params.get_all(key))
    return [o for o in options if format_func(o) in given]


def _notice_invalid(key: str, allowed: list[str]) -> None:
    """Tell the reader which values of a shared link were ignored."""
    given = st.query_params.get_all(key)
    ignored = [v for v in given if v and v not in allowed]
    if ignored:
        listed = ", ".join(_("« {value} »").format(value=v) for v in ignored)
        st.info(
            _("Lien partagé : valeur(s) ignorée(s) pour le filtre « {key} » : {values}.").format(
                key=key, values=listed
            )
        )


SHOWN_PROBLEMS = 20


def problems(found: list[DataProblem], file_stem: str) -> None:
    """The problems of an upload: a count, one line per distinct problem (the first 20) and
    the full list, one row per problem, to download. Nothing was stored: say so."""
    grouped = lines(found)
    said = _("{problems} dans le fichier : rien n'a été enregistré.").format(
        problems=headline(found)
    )
    if len(grouped) > SHOWN_PROBLEMS:
        said += " " + _("Les {count} premiers :").format(count=SHOWN_PROBLEMS)
    st.error(said)
    st.markdown("\n".join(f"- {md_escape(line)}" for line in grouped[:SHOWN_PROBLEMS]))
    st.markdown("**" + _("Liste complète des problèmes (une ligne par ligne du fichier)") + "**")
    download(
        problems_frame(found),
        file_stem,
        key="problems",
        title=_("Problèmes du fichier déposé"),
        source=_("Fichier déposé (rien n'a été enregistré)"),
    )


def changes_frame(changes: list) -> pd.DataFrame:
    """The dashboard figures an import moves (`impact.Change`), as a table with headers in
    the run's language."""
    columns = [_("Page"), _("Chiffre"), _("Avant"), _("Après")]
    rows = [(c.page, c.label, c.before, c.after) for c in changes]
    return pd.DataFrame(rows, columns=columns)


def md_escape(text: object) -> str:
    """Text from a file (values, file names) shown literally in Markdown: no formatting,
    links, HTML, LaTeX or Streamlit directives."""
    return MARKDOWN_SPECIAL.sub(r"\\\g<0>", str(text))
