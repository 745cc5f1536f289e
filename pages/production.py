"""Production des outils : où en sont les réalisations des défis d'après les mentors,
la part des outils maintenus (par promotion et d'une campagne à l'autre) et la manière
dont ils le sont."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

import widgets
from eigdata import exports, survey
from eigdata import formatting as fmt
from eigdata.survey import trends
from widgets import survey as sw
from widgets.charts import Bars, bar_figure

STATUS, MAINTAINED, MODE = "statut_outil", "outils_maintenus", "mode_maintenance"
SECTION = "II.A.3 Pérennisation des outils"


def status_section(campaign, promotions: list[str]) -> None:
    filters = survey.Filters(["mentor"], promotions)
    st.header("État des réalisations, selon les mentors")
    frame = widgets.cached(survey.distribution, campaign.name, STATUS, filters)
    sw.share_bars(frame, "État des réalisations des défis", "statut", "mentors")
    missing = frame.loc[frame["answer"] == survey.NO_ANSWER, "n"].iloc[0]
    if missing:
        st.caption(f"Sans réponse : {fmt.number(missing)} mentor(s), hors du calcul des parts.")
    by_promotion = widgets.cached(
        survey.distribution_by, campaign.name, STATUS, "promotion", filters
    )
    if by_promotion.empty:  # no mentor answered in this campaign
        return
    shown = by_promotion[by_promotion["share"].notna()]
    if shown.empty:
        return
    fig = status_figure(shown)
    best = shown[shown["answer"] == "en_production"].sort_values("share").iloc[-1]
    reading = (
        f"La part des réalisations en production est la plus élevée pour {best['group']} : "
        f"{fmt.percent(best['share'])} des {fmt.number(best['denominator'])} mentors répondants."
    )
    table = sw.french_table(by_promotion, "Promotion")
    widgets.chart(fig, table, "État des réalisations par promotion", reading, "statut-promotion")
    widgets.download(
        exports.survey_aggregates(sw.export_frame(by_promotion, campaign.name, STATUS)),
        "production-etat",
        "statut",
        title="État des réalisations par promotion, selon les mentors",
        source=sw.source_line(campaign, SECTION),
    )


def status_figure(shown: pd.DataFrame) -> go.Figure:
    """The state of the tools per promotion: shares of mentors, one bar per promotion."""
    bars = Bars(
        "group",
        "share",
        {"share": "Part des mentors répondants (%)", "group": "", "label": "État"},
        color="label",
        horizontal=True,
        scale=100,
    )
    return bar_figure(shown, bars)


def maintenance_section(campaign, promotions: list[str]) -> None:
    filters = survey.Filters(None, promotions)
    st.header("Maintenance des outils")
    maintained_metric(campaign, promotions)
    by_promotion = widgets.cached(
        survey.share_by, campaign.name, MAINTAINED, ["oui"], "promotion", filters
    )
    widgets.table(sw.share_table(by_promotion, "Promotion", {}), "Réalisations maintenues")
    modes = widgets.cached(survey.distribution, campaign.name, MODE, filters)
    sw.share_bars(modes, "Comment les réalisations sont maintenues", "modes", "personnes")
    widgets.download(
        exports.survey_aggregates(sw.export_frame(modes, campaign.name, MODE)),
        "production-maintenance",
        "modes",
        title="Comment les réalisations sont maintenues",
        source=sw.source_line(campaign, SECTION),
    )


def maintained_metric(campaign, promotions: list[str]) -> None:
    filters = survey.Filters(None, promotions)
    kept = widgets.cached(survey.share, campaign.name, MAINTAINED, ["oui"], filters)
    sw.share_metric(
        "Réalisations maintenues (EIG et mentors)", kept, sw.source_line(campaign, SECTION)
    )


def evolution_section(campaign, promotions: list[str]) -> None:
    """The maintained share, campaign by campaign, with the same promotion filter."""
    filters = sw.across_campaigns(campaign.name, survey.Filters(None, promotions), ("promotion",))
    frame = widgets.cached(trends.maintained_by_campaign, filters)
    st.subheader("Réalisations maintenues, d'une campagne à l'autre")
    st.caption(sw.TREND_NOTE)
    st.markdown(trends.trend_reading(frame, "Part des réalisations maintenues"))
    widgets.table(sw.trend_table(frame), "Réalisations maintenues, par campagne")
    export = sw.trend_export(frame, trends.MAINTAINED)
    widgets.download(
        exports.survey_aggregates(export),
        "production-maintenues-evolution",
        "evolution",
        title="Réalisations maintenues, d'une campagne à l'autre",
        source=exports.SURVEY_TRENDS_SOURCE,
    )


def defis_section(promotions: list[str]) -> None:
    defis = widgets.cached(survey.roster_defis, promotions)
    st.header("Les défis de ces promotions")
    st.markdown(
        "Les réponses de l'enquête ne sont rattachées à aucun défi : le rapport ne publie pas "
        "de résultats par défi, et les réponses reconstituées n'en inventent pas. Voici la "
        f"liste des {fmt.number(len(defis))} défis de ces promotions d'après le site du "
        "programme."
    )
    shown = defis.assign(code=defis["has_source_code"].map({True: "oui", False: "non"}))[
        ["title", "promotion", "administration", "code", "website"]
    ]
    shown.columns = ["Défi", "Promotion", "Administration", "Code source publié", "Site"]
    widgets.table(shown, "Défis (site du programme EIG, 2022-09-05)")


def body() -> None:
    campaign = sw.campaign_header()
    promotions = sw.respondent_filters(campaign.name, ("promotion",)).promotions or []
    status_section(campaign, promotions)
    maintenance_section(campaign, promotions)
    evolution_section(campaign, promotions)
    defis_section(promotions)


def summary() -> None:
    """The print view: the state of the tools, by promotion, and the maintained share."""
    campaign = sw.campaign_header()
    promotions = sw.respondent_filters(campaign.name, ("promotion",)).promotions or []
    status_section(campaign, promotions)
    maintained_metric(campaign, promotions)


def main() -> None:
    widgets.run_page(
        "Production des outils",
        body,
        summary=[summary],
        intro="Ce que les défis ont produit : les réalisations en production ou en passe de "
        "l'être, et leur maintenance après le départ des EIG.",
    )


main()
