"""The filters of the page being drawn: what a shared link, an export or a print names.

Every URL-bound filter (`widgets.url_multiselect`, `widgets.url_selectbox`) records here what
it shows. The record serves three purposes:
- exports and printed pages state the filters applied (`filters_text`);
- a page entered again without query parameters (the sidebar, the browser's Back button)
  gets back the filters it had in this session (`start_page`);
- the tests read it instead of parsing the page.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from eigdata.i18n import N_, _, lang

STATE = "eig_links"
ALL = N_("tous")
NONE = N_("aucun")
NO_FILTER = N_("aucun filtre")
KEPT = ("lang",)  # query parameters that are not filters (the language)


@dataclass(frozen=True)
class Filter:
    """One filter as the reader sees it: its label and the values shown (display labels)."""

    key: str
    label: str
    shown: tuple[str, ...]
    everything: bool

    def text(self) -> str:
        """« Promotions : EIG 2, EIG 4 » or « Promotions : tous » (« Cohorts: all »)."""
        values = _(ALL) if self.everything else ", ".join(self.shown) or _(NONE)
        return _("{label} : {values}").format(label=self.label, values=values)


def _state() -> dict:
    return st.session_state.setdefault(STATE, {"page": None, "run": [], "remembered": {}})


def start_page(page: str) -> None:
    """Begin drawing `page`: forget the previous run's filters; when the page is entered
    without query parameters, give it back the filters it had earlier in this session."""
    state = _state()
    entered = state["page"] != page
    state["page"], state["run"] = page, []
    remembered = state["remembered"].get(page)
    if entered and remembered and not set(st.query_params) - set(KEPT):
        kept = {k: st.query_params[k] for k in KEPT if k in st.query_params}
        st.query_params.from_dict({**remembered, **kept})
        st.rerun()  # the filters seed from the URL of a run, not from a change within it


def forget() -> None:
    """Forget every page's remembered filters (their labels were in another language)."""
    _state()["remembered"].clear()


def record(
    key: str, label: str, shown: list[str], everything: bool, default: bool | None = None
) -> None:
    """Note a filter's current values (display labels) for this run and for later visits.

    `everything`: a multiselect with every option chosen (shown as « tous »); `default`:
    the value a link without this parameter gives (not remembered; `everything` if None).
    """
    state = _state()
    state["run"].append(Filter(key, label, tuple(shown), everything))
    page_memory = state["remembered"].setdefault(state["page"], {})
    if (everything if default is None else default) or not shown:
        page_memory.pop(key, None)
    else:
        page_memory[key] = list(shown)


def applied() -> list[Filter]:
    """The filters drawn so far in this run of the page, in page order."""
    return list(_state()["run"])


def filters_text() -> str:
    """« Promotions : EIG 2 ; Statut : tous », or « aucun filtre »; in English « Cohorts:
    EIG 2; Status: all », or « no filter »."""
    drawn = applied()
    if not drawn:
        return _(NO_FILTER)
    return ("; " if lang() == "en" else " ; ").join(f.text() for f in drawn)
