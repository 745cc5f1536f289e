"""Composition des promotions : effectifs, profils, défis et écarts publié / site, filtrables."""

from __future__ import annotations

from typing import TYPE_CHECKING

import plotly.graph_objects as go
import streamlit as st

import widgets
from eigdata import composition, exports
from eigdata import formatting as fmt
from widgets.charts import Bars, bar_figure, line_figure

if TYPE_CHECKING:
    import pandas as pd

INTRO = (
    "Qui a été recruté, promotion par promotion : EIG, mentors, défis, services d'accueil, "
    "candidatures, profils, et la liste des défis. Chaque chiffre dit s'il est **publié** "
    "(rapport ou article du programme), compté sur le **site** du programme ou obtenu par "
    "**calcul**. « Copier le lien » partage la vue avec ses filtres."
)
ORIGIN_PATTERNS = {"publié": "", "site": "/"}
SITE = "Site du programme EIG (liste des défis et des participants)"
PUBLISHED = "Documents du programme (rapport d'évaluation EIG 2019, article DINUM de juin 2020)"
COLUMNS = {
    "promotion": "Promotion",
    "label": "Indicateur",
    "value": "Valeur",
    "origin": "Origine",
    "source": "Source",
}


def filters() -> tuple[list[str], list[str]]:
    names = widgets.cached(composition.promotion_names)
    groups = widgets.cached(composition.profile_groups)
    left, right = st.columns(2)
    with left:
        promotions = widgets.url_multiselect("Promotions", "promotion", names)
    with right:
        profiles = widgets.url_multiselect(
            "Profils", "profil", list(groups), format_func=groups.get
        )
    return promotions, profiles


def counts_section(promotions: list[str]) -> None:
    figures = widgets.cached(composition.promotion_figures, promotions)
    st.header("Chiffres par promotion")
    counts_chart(figures)
    widgets.table(
        composition.figures_table(figures),
        "Tous les chiffres par promotion (publié : document du programme ; site : compté sur "
        "le site du programme ; calcul : rapport de deux chiffres affichés)",
    )
    widgets.download(
        figures.drop(columns="indicator").rename(columns=COLUMNS),
        "composition-chiffres",
        "composition-counts",
        title="Chiffres par promotion",
        source=sorted(set(figures.loc[figures["origin"] != "calcul", "source"])),
    )


def counts_chart(figures: pd.DataFrame) -> None:
    main = figures[figures["indicator"].isin(["eig", "mentors", "defis"])]
    frame = main.drop(columns="indicator").rename(columns=COLUMNS)
    widgets.chart(
        counts_figure(main),
        frame,
        "EIG, mentors et défis par promotion",
        composition.counts_reading(figures),
        "composition-counts",
    )


def counts_figure(main: pd.DataFrame) -> go.Figure:
    """EIG, mentors and défis side by side per promotion; counts from the site hatched."""
    bars = Bars(
        "promotion",
        "value",
        {
            "promotion": "Promotion",
            "value": "Nombre",
            "label": "Indicateur",
            "origin": "Origine",
            "source": "Source",
        },
        color="label",
        pattern="origin",
        patterns=ORIGIN_PATTERNS,
        barmode="group",
        hover=("source",),
    )
    return bar_figure(main, bars)


def profiles_section(promotions: list[str], profiles: list[str]) -> None:
    st.header("Profils des EIG")
    if not profiles:
        st.info("Choisissez au moins un profil pour voir la répartition.")
        return
    mix = widgets.cached(composition.profile_mix, promotions, profiles)
    table = composition.profile_table(mix)
    profile_bars(mix, table)
    profile_trend(mix, table)
    widgets.download(
        exports.composition_profiles(mix),
        "composition-profils",
        "composition-profiles",
        title="Profils des EIG par promotion",
        source=[SITE, PUBLISHED],
    )


def profile_bars(mix: pd.DataFrame, table: pd.DataFrame) -> None:
    widgets.chart(
        profile_figure(mix),
        table,
        "Profils par promotion (effectifs)",
        composition.profile_reading(mix),
        "composition-profiles",
    )


def profile_figure(mix: pd.DataFrame) -> go.Figure:
    """EIG of each profile per promotion, stacked, each bar saying its share."""
    bars = Bars(
        "promotion",
        "roster_count",
        {"promotion": "Promotion", "roster_count": "EIG", "profile": "Profil"},
        color="profile",
        barmode="stack",
        text="share_text",
        text_label="Part de la promotion",
    )
    return bar_figure(mix.assign(share_text=mix["roster_share"].map(fmt.percent)), bars)


def profile_trend(mix: pd.DataFrame, table: pd.DataFrame) -> None:
    trend_data = mix[mix["programme"] == "EIG"]
    if trend_data["promotion"].nunique() > 1:
        widgets.chart(
            trend_figure(mix),
            table[mix["programme"] == "EIG"],
            "Évolution de la part de chaque profil (promotions EIG)",
            composition.trend_reading(mix),
            "composition-trend",
        )


def trend_figure(mix: pd.DataFrame) -> go.Figure:
    """The share of each profile across EIG promotions, the highlighted profile thicker."""
    trend_data = mix[mix["programme"] == "EIG"]
    return line_figure(
        trend_data,
        "promotion",
        "roster_share",
        "profile",
        {"promotion": "Promotion", "roster_share": "Part des EIG (%)", "profile": "Profil"},
        highlight=mix_label(mix, composition.HIGHLIGHT),
        scale=100,
        yaxis={"rangemode": "tozero"},
    )


def mix_label(mix: pd.DataFrame, group: str) -> str:
    labels = mix.loc[mix["profile_group"] == group, "profile"]
    return labels.iloc[0] if len(labels) else ""


def defis_section(promotions: list[str]) -> None:
    st.header("Les défis")
    search = st.text_input(
        "Rechercher un défi (titre, administration, périmètre, compétence, chiffre clé)",
        key="recherche-defis",
    )
    table = widgets.cached(composition.defis, promotions, search)
    st.markdown(f"{len(table)} défi(s) affiché(s) d'après le site du programme.")
    widgets.table(table, "Défis des promotions choisies")
    widgets.download(
        table, "composition-defis", "composition-defis", title="Les défis", source=SITE
    )


def reconciliation_section(promotions: list[str]) -> None:
    st.header("Chiffres publiés et chiffres du site, côte à côte")
    table = widgets.cached(composition.reconciliation, promotions)
    st.markdown(composition.reconciliation_reading(table))
    widgets.table(table, "Comparaison des chiffres publiés et des comptes du site")
    widgets.download(
        table,
        "composition-ecarts",
        "composition-reconciliation",
        title="Chiffres publiés et chiffres du site",
        source=[PUBLISHED, SITE],
    )


def body() -> None:
    promotions, profiles = filters()
    if not promotions:
        st.info("Choisissez au moins une promotion.")
        return
    counts_section(promotions)
    profiles_section(promotions, profiles)
    defis_section(promotions)
    reconciliation_section(promotions)


def summary() -> None:
    """The print view: the counts and the profile mix of the chosen promotions, with sources."""
    promotions, profiles = filters()
    if not promotions:
        st.info("Choisissez au moins une promotion.")
        return
    figures = widgets.cached(composition.promotion_figures, promotions)
    counts_chart(figures)
    sources = sorted(set(figures["source"]))
    st.caption("Sources : " + " ; ".join(sources) + ".")
    if profiles:
        mix = widgets.cached(composition.profile_mix, promotions, profiles)
        profile_bars(mix, composition.profile_table(mix))
        st.caption("Source : site du programme EIG (liste des défis et participants, 2022-09-05).")


def main() -> None:
    widgets.run_page("Composition des promotions", body, intro=INTRO, summary=[summary])


main()
