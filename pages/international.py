"""Comparaison internationale : le programme EIG parmi les sept programmes étrangers de la note
de mai 2019 (lancement, fellows par an, durée, rémunération, budget, sélectivité, maintien dans
le secteur public, financement, employeur)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

import widgets
from eigdata import international as intl
from eigdata.i18n import N_, _
from widgets.chart_style import HIGHLIGHT, PALETTE
from widgets.charts import Bars, bar_figure

if TYPE_CHECKING:
    from collections.abc import Callable

    import pandas as pd
    import plotly.graph_objects as go

TITLE = N_("Comparaison internationale")
INTRO = N_(
    "Le programme EIG face aux sept programmes de talents du numérique étudiés par la note du "
    "programme de mai 2019 (États-Unis, Australie, Canada, Italie, Allemagne). Deux lignes "
    "pour le programme EIG : ses chiffres **calculés à partir des données du tableau de "
    "bord**, qui suivent les promotions et les campagnes importées, et ses chiffres "
    "**publiés** en 2019-2020. Chaque chiffre dit sa nature : publié, approché (≈), borne "
    "(« plus de »), fourchette, calculé ; « non publié » quand la source ne le donne pas, "
    "« sans objet » pour un programme qui ne recrute pas de fellows. Un chiffre non publié "
    "n'est jamais compté comme zéro."
)
COLOURS = {intl.EIG_GROUP: HIGHLIGHT, intl.OTHER_GROUP: PALETTE[7]}  # by group code
RENDER: dict[str, Callable[[float], str]] = {
    "fellows_per_year": intl.fmt.number,
    "annual_pay": intl.euros,
}
STATUS_NOTE = N_(
    "Nature des chiffres — **publié** : tel que la source le donne ; **approché** : « environ », "
    "« près de » (≈) ; **borne** : « plus de », « au plus » ; **fourchette** : « de … à … » ; "
    "**calculé** : rapport ou somme de chiffres publiés ou des données du tableau de bord ; "
    "**non publié** : la source ne le donne pas ; **sans objet** : le programme ne recrute pas "
    "de fellows."
)


def table_section(found: pd.DataFrame) -> None:
    st.header(_("Le programme EIG parmi huit programmes"))
    widgets.table(intl.table(found), _("Comparaison des programmes (montants en euros)"))
    st.markdown(_(STATUS_NOTE))
    widgets.download(
        intl.table(found),
        "comparaison-internationale",
        "international-table",
        title=_("Comparaison internationale des programmes de talents du numérique"),
        source=widgets.cached(intl.documents),
    )


def sources_section() -> None:
    st.caption(widgets.cached(intl.conversion))
    st.caption(
        _(
            "Sources : {documents}. Ligne « {row} » : promotions, budget PIA, salaire publié "
            "et dernières campagnes d'enquête du tableau de bord."
        ).format(documents=intl.listed(widgets.cached(intl.documents)), row=_(intl.LIVE_LABEL))
    )


def chart(found: pd.DataFrame, indicator: str) -> None:
    title, axis = (_(text) for text in intl.CHARTS[indicator])
    frame = intl.chart_frame(found, indicator)
    reading = intl.chart_reading(found, indicator, RENDER[indicator])
    widgets.chart(
        figure(frame, axis),
        intl.chart_table(frame, axis),
        title,
        f"{reading} "
        + _("Une fourchette publiée va de la barre (borne basse) au trait (borne haute)."),
        f"international-{indicator}",
    )


def figure(frame: pd.DataFrame, axis: str) -> go.Figure:
    """Horizontal bars per programme, the EIG rows highlighted, ranges as error bars."""
    bars = Bars(
        "label",
        "value",
        {"label": _("Programme"), "value": axis, "group": _("Programme")},
        color="group",
        colours={intl.group_label(group): colour for group, colour in COLOURS.items()},
        horizontal=True,
        interval=("value", "high"),
        text="shown",
        text_label=_("Chiffre"),
    )
    return bar_figure(frame, bars, yaxis={"autorange": "reversed"})


def detail_section(found: pd.DataFrame) -> None:
    st.header(_("Chaque chiffre, sa nature et sa source"))
    detail = intl.detail_table(found)
    widgets.table(detail, _("Détail des chiffres de la comparaison"))
    widgets.download(
        detail,
        "comparaison-internationale-detail",
        "international-detail",
        title=_("Comparaison internationale : chaque chiffre, sa nature et sa source"),
        source=widgets.cached(intl.documents),
        units={_("Valeur"): "nombre", _("Valeur haute"): "nombre"},
    )


def body() -> None:
    found = widgets.cached(intl.cells)
    table_section(found)
    sources_section()
    st.header(_("Graphiques"))
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
    widgets.run_page(TITLE, body, intro=INTRO, summary=[summary])


main()
