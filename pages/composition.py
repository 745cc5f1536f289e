"""Composition des promotions : effectifs, profils, défis et écarts publié / site, filtrables."""

from __future__ import annotations

from typing import TYPE_CHECKING

import plotly.express as px
import streamlit as st

import widgets
from eigdata import composition
from eigdata import formatting as fmt

if TYPE_CHECKING:
    import pandas as pd

INTRO = (
    "Qui a été recruté, promotion par promotion : EIG, mentors, défis, services d'accueil, "
    "candidatures, profils, et la liste des défis. Chaque chiffre dit s'il est **publié** "
    "(rapport ou article du programme), compté sur le **site** du programme ou obtenu par "
    "**calcul**.\n\n"
    "Les filtres sont repris dans l'adresse de la page : copiez-la pour partager la même vue. "
    "Paramètres : `promotion` (par exemple `?promotion=EIG+2&promotion=EIG+4`) et `profil` "
    "(libellé affiché, par exemple `?profil=Designer`). Une valeur inconnue est ignorée et "
    "signalée."
)
ORIGIN_PATTERNS = {"publié": "", "site": "/"}
COLUMNS = {
    "promotion": "Promotion",
    "label": "Indicateur",
    "value": "Valeur",
    "origin": "Origine",
    "source": "Source",
}


def filters() -> tuple[list[str], list[str]]:
    con = widgets.connection()
    names = composition.promotion_names(con)
    groups = composition.profile_groups(con)
    left, right = st.columns(2)
    with left:
        promotions = widgets.url_multiselect("Promotions", "promotion", names)
    with right:
        profiles = widgets.url_multiselect(
            "Profils", "profil", list(groups), format_func=groups.get
        )
    return promotions, profiles


def counts_section(promotions: list[str]) -> None:
    figures = composition.promotion_figures(widgets.connection(), promotions)
    st.header("Chiffres par promotion")
    main = figures[figures["indicator"].isin(["eig", "mentors", "defis"])]
    fig = px.bar(
        main,
        x="promotion",
        y="value",
        color="label",
        pattern_shape="origin",
        pattern_shape_map=ORIGIN_PATTERNS,
        barmode="group",
        labels={
            "promotion": "Promotion",
            "value": "Nombre",
            "label": "Indicateur",
            "origin": "Origine",
        },
        hover_data={"source": True},
    )
    frame = main.drop(columns="indicator").rename(columns=COLUMNS)
    widgets.chart(
        fig,
        frame,
        "EIG, mentors et défis par promotion",
        composition.counts_reading(figures),
        "composition-counts",
    )
    widgets.table(
        composition.figures_table(figures),
        "Tous les chiffres par promotion (publié : document du programme ; site : compté sur "
        "le site du programme ; calcul : rapport de deux chiffres affichés)",
    )
    widgets.download(
        figures.drop(columns="indicator").rename(columns=COLUMNS),
        "composition-chiffres",
        "composition-counts",
    )


def profiles_section(promotions: list[str], profiles: list[str]) -> None:
    st.header("Profils des EIG")
    if not profiles:
        st.info("Choisissez au moins un profil pour voir la répartition.")
        return
    mix = composition.profile_mix(widgets.connection(), promotions, profiles)
    table = composition.profile_table(mix)
    bars = px.bar(
        mix,
        x="promotion",
        y="roster_count",
        color="profile",
        barmode="stack",
        text=mix["roster_share"].map(fmt.percent),
        labels={"promotion": "Promotion", "roster_count": "EIG", "profile": "Profil"},
    )
    widgets.chart(
        bars,
        table,
        "Profils par promotion (effectifs)",
        composition.profile_reading(mix),
        "composition-profiles",
    )
    trend_data = mix[mix["programme"] == "EIG"]
    if trend_data["promotion"].nunique() > 1:
        trend = px.line(
            trend_data,
            x="promotion",
            y="roster_share",
            color="profile",
            markers=True,
            labels={"promotion": "Promotion", "roster_share": "Part des EIG", "profile": "Profil"},
        )
        trend.update_yaxes(tickformat=".0%", rangemode="tozero")
        trend.update_traces(line={"width": 2})
        trend.for_each_trace(
            lambda t: (
                t.update(line={"width": 5})
                if t.name == mix_label(mix, composition.HIGHLIGHT)
                else t
            )
        )
        widgets.chart(
            trend,
            table[mix["programme"] == "EIG"],
            "Évolution de la part de chaque profil (promotions EIG)",
            composition.trend_reading(mix),
            "composition-trend",
        )
    widgets.download(mix, "composition-profils", "composition-profiles")


def mix_label(mix: pd.DataFrame, group: str) -> str:
    labels = mix.loc[mix["profile_group"] == group, "profile"]
    return labels.iloc[0] if len(labels) else ""


def defis_section(promotions: list[str]) -> None:
    st.header("Les défis")
    search = st.text_input(
        "Rechercher un défi (titre, administration, périmètre, compétence, chiffre clé)",
        key="recherche-defis",
    )
    table = composition.defis(widgets.connection(), promotions, search)
    st.markdown(f"{len(table)} défi(s) affiché(s) d'après le site du programme.")
    widgets.table(table, "Défis des promotions choisies")
    widgets.download(table, "composition-defis", "composition-defis")


def reconciliation_section(promotions: list[str]) -> None:
    st.header("Chiffres publiés et chiffres du site, côte à côte")
    table = composition.reconciliation(widgets.connection(), promotions)
    st.markdown(composition.reconciliation_reading(table))
    widgets.table(table, "Comparaison des chiffres publiés et des comptes du site")
    widgets.download(table, "composition-ecarts", "composition-reconciliation")


def body() -> None:
    promotions, profiles = filters()
    if not promotions:
        st.info("Choisissez au moins une promotion.")
        return
    counts_section(promotions)
    profiles_section(promotions, profiles)
    defis_section(promotions)
    reconciliation_section(promotions)


def main() -> None:
    widgets.run_page("Composition des promotions", body, intro=INTRO)


main()
