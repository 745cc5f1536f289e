"""The language of the dashboard: French by default, English with `?lang=en` in the URL.

The parameter is the single source: a shared or copied link carries it, and a page change
(which drops Streamlit's query parameters) gets it back from this session. The switch in the
sidebar changes it; filters, whose URL values are labels in the old language, start over.
"""

from __future__ import annotations

import streamlit as st

from eigdata import i18n
from eigdata.i18n import DEFAULT, LANGUAGES, NAMES
from widgets import links

PARAM = "lang"
STATE = "eig_language"


def current() -> str:
    """This run's language (the URL's, else this session's), made eigdata's for the run."""
    given = st.query_params.get(PARAM)
    chosen = given if given in LANGUAGES else st.session_state.get(STATE, DEFAULT)
    st.session_state[STATE] = chosen
    if chosen != DEFAULT and given != chosen:
        st.query_params[PARAM] = chosen  # back after a page change, or in place of a bad value
    elif chosen == DEFAULT and given is not None:
        del st.query_params[PARAM]
    return i18n.use(chosen)


def switch() -> None:
    """« Langue / Language » in the sidebar (after `current()`); a change reloads the page in
    that language."""
    now = i18n.lang()
    chosen = st.sidebar.radio(
        "Langue / Language",
        LANGUAGES,
        index=LANGUAGES.index(now),
        format_func=NAMES.get,
        horizontal=True,
    )
    if chosen != now:
        st.session_state[STATE] = chosen
        links.forget()
        st.query_params.from_dict({PARAM: chosen} if chosen != DEFAULT else {})
        st.rerun()
