"""Comparaison internationale : le programme EIG parmi les sept programmes étrangers de la note
de mai 2019 (lancement, fellows par an, durée, rémunération, budget, sélectivité, maintien dans
le secteur public, financement, employeur)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

import widgets
from eigdata import international as intl
from widgets.chart_style import HIGHLIGHT, PALETTE
from widgets.charts import Bars, bar_figure

if TYPE_CHECKING:
    from collections.abc import Callable

    import pandas as pd
    import plotly.graph_objects as go

INTRO = (
    "Le programme EIG face aux sept programmes de talents du numérique étudiés par la note du "
    "programme de mai 2019 (États-Unis, Australie, Canada, Italie, Allemagne). Deux lignes "
    "pour le programme EIG : ses chiffres **calculés à partir des données du tableau de "
    "bord**, qui suivent les promotions et les campagnes importées, et ses chiffres "
    "**publiés** en 2019-2020. Chaque chiffre dit sa nature : publié, approché (≈), borne "
    "(« plus de »), fourchette, calculé ; « non publié » quand la source ne le donne pas, "
    "« sans objet » pour un programme qui ne recrute pas de fellows. Un chiffre non publié "
    "n'est jamais compté comme zéro."
)
COLOURS = {intl.EIG_GROUP: HIGHLIGHT, intl.OTHER_GROUP: PALETTE[7]}
RENDER: dict[str, Callable[[float], str]] = {
    "fellows_per_year": intl.fmt.number,
    "annual_pay": intl.euros,
}
STATUS_NOTE = (
    "Nature des chiffres — **publié** : tel que la source le donne ; **approché** : « environ », "
    "« près de » (≈) ; **borne** : « plus de », « au plus » ; **fourchette** : « de … à … » ; "
    "**calculé** : rapport ou somme de chiffres publiés ou des données du tableau de bord ; "
    "**non publié** : la source ne le donne pas ; **sans objet** : le programme ne recrute pas "
    "de fellows."
)


def table_section(found: pd.DataFrame) -> None:
    st.header("Le programme EIG parmi huit programmes")
    widgets.table(intl.table(found), "Comparaison des programmes (montants en euros)")
    st.markdown(STATUS_NOTE)
    widgets.download(
        intl.table(found),
        "comparaison-internationale",
        "international-table",
        title="Comparaison internationale des programmes de talents du numérique",
        source=widgets.cached(intl.documents),
    )


def sources_section() -> None:
    st.caption(widgets.cached(intl.conversion))
    documents = " ; ".join(widgets.cached(intl.documents))
    st.caption(
        f"Sources : {documents}. Ligne « {intl.LIVE_LABEL} » : promotions, budget PIA, "
        "salaire publié et dernières campagnes d'enquête du tableau de bord."
    )


def chart(found: pd.DataFrame, indicator: str) -> None:
    title, axis = intl.CHARTS[indicator]
    frame = intl.chart_frame(found, indicator)
    widgets.chart(
        figure(frame, axis),
        intl.chart_table(frame, axis),
        title,
        intl.chart_reading(found, indicator, RENDER[indicator])
        + " Une fourchette publiée va de la barre (borne basse) au trait (borne haute).",
        f"international-{indicator}",
    )


def figure(frame: pd.DataFrame, axis: str) -> go.Figure:
    """Horizontal bars per programme, the EIG rows highlighted, ranges as error bars."""
    bars = Bars(
        "label",
        "value",
        {"label": "Programme", "value": axis, "group": "Programme"},
        color="group",
        colours=COLOURS,
        horizontal=True,
        interval=("value", "high"),
        text="shown",
        text_label="Chiffre",
    )
    return bar_figure(frame, bars, yaxis={"autorange": "reversed"})


def detail_section(found: pd.DataFrame) -> None:
    st.header("Chaque chiffre, sa nature et sa source")
    detail = intl.detail_table(found)
    widgets.table(detail, "Détail des chiffres de la comparaison")
    widgets.download(
        detail,
        "comparaison-internationale-detail",
        "international-detail",
        title="Comparaison internationale : chaque chiffre, sa nature et sa source",
        source=widgets.cached(intl.documents),
        units={"Valeur": "nombre", "Valeur haute": "nombre"},
    )


def body() -> None:
    found = widgets.cached(intl.cells)
    table_section(found)
    sources_section()
    st.header("Graphiques")
    for indicator in intl.CHARTS:
        chart(found, indicator)
    detail_section(found)


def summary() -> None:
    """The print view: both charts and the conversion rates and sources."""
    found = widgets.cached(intl.cells)
    for indicator in intl.CHARTS:
        chart(found, indicator)
    sources_section()


def main() -> None:
    widgets.run_page("Comparaison internationale", body, intro=INTRO, summary=[summary])


main()
