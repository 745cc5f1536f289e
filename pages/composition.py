"""Composition des promotions : effectifs, profils, défis et écarts publié / site, filtrables."""

from __future__ import annotations

from typing import TYPE_CHECKING

import plotly.express as px
import streamlit as st

import widgets
from eigdata import composition, exports
from eigdata import formatting as fmt

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


def profiles_section(promotions: list[str], profiles: list[str]) -> None:
    st.header("Profils des EIG")
    if not profiles:
        st.info("Choisissez au moins un profil pour voir la répartition.")
        return
    mix = composition.profile_mix(widgets.connection(), promotions, profiles)
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


def profile_trend(mix: pd.DataFrame, table: pd.DataFrame) -> None:
    trend_data = mix[mix["programme"] == "EIG"]
    if trend_data["promotion"].nunique() > 1:
        trend = px.line(
            trend_data.assign(pct=trend_data["roster_share"] * 100),
            x="promotion",
            y="pct",
            color="profile",
            markers=True,
            labels={"promotion": "Promotion", "pct": "Part des EIG (%)", "profile": "Profil"},
        )
        trend.update_yaxes(rangemode="tozero")
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
    widgets.download(
        table, "composition-defis", "composition-defis", title="Les défis", source=SITE
    )


def reconciliation_section(promotions: list[str]) -> None:
    st.header("Chiffres publiés et chiffres du site, côte à côte")
    table = composition.reconciliation(widgets.connection(), promotions)
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
    figures = composition.promotion_figures(widgets.connection(), promotions)
    counts_chart(figures)
    sources = sorted(set(figures["source"]))
    st.caption("Sources : " + " ; ".join(sources) + ".")
    if profiles:
        mix = composition.profile_mix(widgets.connection(), promotions, profiles)
        profile_bars(mix, composition.profile_table(mix))
        st.caption("Source : site du programme EIG (liste des défis et participants, 2022-09-05).")


def main() -> None:
    widgets.run_page("Composition des promotions", body, intro=INTRO, summary=[summary])


main()
