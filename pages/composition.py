"""Composition des promotions : effectifs, profils, défis et écarts publié / site, filtrables."""

from __future__ import annotations

from typing import TYPE_CHECKING

import plotly.graph_objects as go
import streamlit as st

import widgets
from eigdata import composition, exports
from eigdata import formatting as fmt
from eigdata.i18n import N_, _
from widgets.charts import Bars, bar_figure, line_figure

if TYPE_CHECKING:
    import pandas as pd

TITLE = N_("Composition des promotions")
INTRO = N_(
    "Qui a été recruté, promotion par promotion : EIG, mentors, défis, services d'accueil, "
    "candidatures, profils, et la liste des défis. Chaque chiffre dit s'il est **publié** "
    "(rapport ou article du programme), compté sur le **site** du programme ou obtenu par "
    "**calcul**. « Copier le lien » partage la vue avec ses filtres."
)
ORIGIN_PATTERNS = {"publié": "", "site": "/"}  # origin code -> hatching
PUBLISHED = N_("Documents du programme (rapport d'évaluation EIG 2019, article DINUM de juin 2020)")
COLUMNS = {
    "promotion": N_("Promotion"),
    "label": N_("Indicateur"),
    "value": N_("Valeur"),
    "origin": N_("Origine"),
    "source": N_("Source"),
}


def columns() -> dict[str, str]:
    """The headings of the figures' columns in the run's language."""
    return {code: _(heading) for code, heading in COLUMNS.items()}


def origin_patterns() -> dict[str, str]:
    """The hatching of each origin, keyed by the origin as shown."""
    return {composition.origin_label(code): shape for code, shape in ORIGIN_PATTERNS.items()}


def filters() -> tuple[list[str], list[str]]:
    names = widgets.cached(composition.promotion_names)
    shown = widgets.cached(composition.promotion_labels)
    groups = widgets.cached(composition.profile_groups)
    left, right = st.columns(2)
    with left:
        promotions = widgets.url_multiselect(
            _("Promotions"), "promotion", names, format_func=lambda p: shown.get(p, p)
        )
    with right:
        profiles = widgets.url_multiselect(
            _("Profils"), "profil", list(groups), format_func=groups.get
        )
    return promotions, profiles


def counts_section(promotions: list[str]) -> None:
    figures = widgets.cached(composition.promotion_figures, promotions)
    st.header(_("Chiffres par promotion"))
    counts_chart(figures)
    widgets.table(
        composition.figures_table(figures),
        _(
            "Tous les chiffres par promotion (publié : document du programme ; site : compté sur "
            "le site du programme ; calcul : rapport de deux chiffres affichés)"
        ),
    )
    widgets.download(
        composition.shown(figures).drop(columns="indicator").rename(columns=columns()),
        "composition-chiffres",
        "composition-counts",
        title=_("Chiffres par promotion"),
        source=sorted(set(figures.loc[figures["origin"] != "calcul", "source"])),
    )


def counts_chart(figures: pd.DataFrame) -> None:
    main = composition.shown(figures[figures["indicator"].isin(["eig", "mentors", "defis"])])
    frame = main.drop(columns="indicator").rename(columns=columns())
    widgets.chart(
        counts_figure(main),
        frame,
        _("EIG, mentors et défis par promotion"),
        composition.counts_reading(figures),
        "composition-counts",
    )


def counts_figure(main: pd.DataFrame) -> go.Figure:
    """EIG, mentors and défis side by side per promotion (as shown: `composition.shown`);
    counts from the site hatched."""
    bars = Bars(
        "promotion",
        "value",
        {**columns(), "value": _("Nombre")},
        color="label",
        pattern="origin",
        patterns=origin_patterns(),
        barmode="group",
        hover=("source",),
    )
    return bar_figure(main, bars)


def profiles_section(promotions: list[str], profiles: list[str]) -> None:
    st.header(_("Profils des EIG"))
    if not profiles:
        st.info(_("Choisissez au moins un profil pour voir la répartition."))
        return
    mix = widgets.cached(composition.profile_mix, promotions, profiles)
    table = composition.profile_table(mix)
    profile_bars(mix, table)
    profile_trend(mix, table)
    widgets.download(
        exports.composition_profiles(mix),
        "composition-profils",
        "composition-profiles",
        title=_("Profils des EIG par promotion"),
        source=[_(composition.SITE_SOURCE), _(PUBLISHED)],
    )


def profile_bars(mix: pd.DataFrame, table: pd.DataFrame) -> None:
    widgets.chart(
        profile_figure(composition.shown(mix)),
        table,
        _("Profils par promotion (effectifs)"),
        composition.profile_reading(mix),
        "composition-profiles",
    )


def profile_figure(mix: pd.DataFrame) -> go.Figure:
    """EIG of each profile per promotion (as shown), stacked, each bar saying its share."""
    bars = Bars(
        "promotion",
        "roster_count",
        {"promotion": _("Promotion"), "roster_count": "EIG", "profile": _("Profil")},
        color="profile",
        barmode="stack",
        text="share_text",
        text_label=_("Part de la promotion"),
    )
    return bar_figure(mix.assign(share_text=mix["roster_share"].map(fmt.percent)), bars)


def profile_trend(mix: pd.DataFrame, table: pd.DataFrame) -> None:
    trend_data = mix[mix["programme"] == "EIG"]
    if trend_data["promotion"].nunique() > 1:
        widgets.chart(
            trend_figure(composition.shown(mix)),
            table[mix["programme"] == "EIG"],
            _("Évolution de la part de chaque profil (promotions EIG)"),
            composition.trend_reading(mix),
            "composition-trend",
        )


def trend_figure(mix: pd.DataFrame) -> go.Figure:
    """The share of each profile across EIG promotions (as shown), the highlighted profile
    thicker."""
    trend_data = mix[mix["programme"] == "EIG"]
    return line_figure(
        trend_data,
        "promotion",
        "roster_share",
        "profile",
        {
            "promotion": _("Promotion"),
            "roster_share": _("Part des EIG (%)"),
            "profile": _("Profil"),
        },
        highlight=mix_label(mix, composition.HIGHLIGHT),
        scale=100,
        yaxis={"rangemode": "tozero"},
    )


def mix_label(mix: pd.DataFrame, group: str) -> str:
    labels = mix.loc[mix["profile_group"] == group, "profile"]
    return labels.iloc[0] if len(labels) else ""


def defis_section(promotions: list[str]) -> None:
    st.header(_("Les défis"))
    search = st.text_input(
        _("Rechercher un défi (titre, administration, périmètre, compétence, chiffre clé)"),
        key="recherche-defis",
    )
    table = widgets.cached(composition.defis, promotions, search)
    st.markdown(
        _("{count} défi(s) affiché(s) d'après le site du programme.").format(
            count=fmt.number(len(table))
        )
    )
    widgets.table(table, _("Défis des promotions choisies"))
    widgets.download(
        table,
        "composition-defis",
        "composition-defis",
        title=_("Les défis"),
        source=_(composition.SITE_SOURCE),
    )


def reconciliation_section(promotions: list[str]) -> None:
    st.header(_("Chiffres publiés et chiffres du site, côte à côte"))
    table = widgets.cached(composition.reconciliation, promotions)
    st.markdown(composition.reconciliation_reading(table))
    widgets.table(table, _("Comparaison des chiffres publiés et des comptes du site"))
    widgets.download(
        table,
        "composition-ecarts",
        "composition-reconciliation",
        title=_("Chiffres publiés et chiffres du site"),
        source=[_(PUBLISHED), _(composition.SITE_SOURCE)],
    )


def body() -> None:
    promotions, profiles = filters()
    if not promotions:
        st.info(_("Choisissez au moins une promotion."))
        return
    counts_section(promotions)
    profiles_section(promotions, profiles)
    defis_section(promotions)
    reconciliation_section(promotions)


def summary() -> None:
    """The print view: the counts and the profile mix of the chosen promotions, with sources."""
    promotions, profiles = filters()
    if not promotions:
        st.info(_("Choisissez au moins une promotion."))
        return
    figures = widgets.cached(composition.promotion_figures, promotions)
    counts_chart(figures)
    sources = _(composition.SEPARATOR).join(sorted(set(figures["source"])))
    st.caption(_("Sources : {sources}.").format(sources=sources))
    if profiles:
        mix = widgets.cached(composition.profile_mix, promotions, profiles)
        profile_bars(mix, composition.profile_table(mix))
        st.caption(
            _("Source : site du programme EIG (liste des défis et participants, 2022-09-05).")
        )


def main() -> None:
    widgets.run_page(TITLE, body, intro=INTRO, summary=[summary])


main()
