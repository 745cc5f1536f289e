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
from eigdata.i18n import N_, _
from eigdata.survey import trends
from widgets import survey as sw
from widgets.charts import Bars, bar_figure

STATUS, MAINTAINED, MODE = "statut_outil", "outils_maintenus", "mode_maintenance"
SECTION = "II.A.3 Pérennisation des outils"  # the report's section title, as published


def status_section(campaign, promotions: list[str]) -> None:
    filters = survey.Filters(["mentor"], promotions)
    st.header(_("État des réalisations, selon les mentors"))
    frame = widgets.cached(survey.distribution, campaign.name, STATUS, filters)
    sw.share_bars(frame, _("État des réalisations des défis"), "statut", _("mentors"))
    missing = frame.loc[frame["answer"] == survey.NO_ANSWER, "n"].iloc[0]
    if missing:
        st.caption(
            _("Sans réponse : {n} mentor(s), hors du calcul des parts.").format(
                n=fmt.number(missing)
            )
        )
    by_promotion = widgets.cached(
        survey.distribution_by, campaign.name, STATUS, "promotion", filters
    )
    if by_promotion.empty:  # no mentor answered in this campaign
        return
    by_promotion = sw.named_groups(by_promotion, sw.group_names(campaign.name))
    shown = by_promotion[by_promotion["share"].notna()]
    if shown.empty:
        return
    fig = status_figure(shown)
    best = shown[shown["answer"] == "en_production"].sort_values("share").iloc[-1]
    reading = _(
        "La part des réalisations en production est la plus élevée pour {promotion} : "
        "{share} des {total} mentors répondants."
    ).format(
        promotion=best["group"],
        share=fmt.percent(best["share"]),
        total=fmt.number(best["denominator"]),
    )
    table = sw.french_table(by_promotion, _("Promotion"))
    title = _("État des réalisations par promotion")
    widgets.chart(fig, table, title, reading, "statut-promotion")
    widgets.download(
        exports.survey_aggregates(sw.export_frame(by_promotion, campaign.name, STATUS)),
        "production-etat",
        "statut",
        title=_("État des réalisations par promotion, selon les mentors"),
        source=sw.source_line(campaign, SECTION),
    )


def status_figure(shown: pd.DataFrame) -> go.Figure:
    """The state of the tools per promotion: shares of mentors, one bar per promotion."""
    bars = Bars(
        "group",
        "share",
        {"share": _("Part des mentors répondants (%)"), "group": "", "label": _("État")},
        color="label",
        horizontal=True,
        scale=100,
    )
    return bar_figure(shown, bars)


def maintenance_section(campaign, promotions: list[str]) -> None:
    filters = survey.Filters(None, promotions)
    st.header(_("Maintenance des outils"))
    maintained_metric(campaign, promotions)
    by_promotion = widgets.cached(
        survey.share_by, campaign.name, MAINTAINED, ["oui"], "promotion", filters
    )
    names = sw.group_names(campaign.name)
    widgets.table(sw.share_table(by_promotion, _("Promotion"), names), _("Réalisations maintenues"))
    modes = widgets.cached(survey.distribution, campaign.name, MODE, filters)
    title = _("Comment les réalisations sont maintenues")
    sw.share_bars(modes, title, "modes", _("personnes"))
    widgets.download(
        exports.survey_aggregates(sw.export_frame(modes, campaign.name, MODE)),
        "production-maintenance",
        "modes",
        title=title,
        source=sw.source_line(campaign, SECTION),
    )


def maintained_metric(campaign, promotions: list[str]) -> None:
    filters = survey.Filters(None, promotions)
    kept = widgets.cached(survey.share, campaign.name, MAINTAINED, ["oui"], filters)
    sw.share_metric(
        _("Réalisations maintenues (EIG et mentors)"), kept, sw.source_line(campaign, SECTION)
    )


def evolution_section(campaign, promotions: list[str]) -> None:
    """The maintained share, campaign by campaign, with the same promotion filter."""
    filters = sw.across_campaigns(campaign.name, survey.Filters(None, promotions), ("promotion",))
    frame = widgets.cached(trends.maintained_by_campaign, filters)
    title = _("Réalisations maintenues, d'une campagne à l'autre")
    st.subheader(title)
    st.caption(_(sw.TREND_NOTE))
    st.markdown(trends.trend_reading(frame, _("Part des réalisations maintenues")))
    widgets.table(sw.trend_table(frame), _("Réalisations maintenues, par campagne"))
    export = sw.trend_export(frame, trends.MAINTAINED)
    widgets.download(
        exports.survey_aggregates(export),
        "production-maintenues-evolution",
        "evolution",
        title=title,
        source=_(exports.SURVEY_TRENDS_SOURCE),
    )


def defis_section(campaign, promotions: list[str]) -> None:
    defis = widgets.cached(survey.roster_defis, promotions)
    names = sw.group_names(campaign.name)
    st.header(_("Les défis de ces promotions"))
    st.markdown(
        _(
            "Les réponses de l'enquête ne sont rattachées à aucun défi : le rapport ne publie "
            "pas de résultats par défi, et les réponses reconstituées n'en inventent pas. Voici "
            "la liste des {count} défis de ces promotions d'après le site du programme."
        ).format(count=fmt.number(len(defis)))
    )
    has_code = {True: _("oui"), False: _("non")}
    shown = defis.assign(
        code=defis["has_source_code"].map(has_code),
        promotion=[names.get(p, p) for p in defis["promotion"]],
    )[["title", "promotion", "administration", "code", "website"]]
    shown.columns = [
        _("Défi"),
        _("Promotion"),
        _("Administration"),
        _("Code source publié"),
        _("Site"),
    ]
    widgets.table(shown, _("Défis (site du programme EIG, 2022-09-05)"))


def body() -> None:
    campaign = sw.campaign_header()
    promotions = sw.respondent_filters(campaign.name, ("promotion",)).promotions or []
    status_section(campaign, promotions)
    maintenance_section(campaign, promotions)
    evolution_section(campaign, promotions)
    defis_section(campaign, promotions)


def summary() -> None:
    """The print view: the state of the tools, by promotion, and the maintained share."""
    campaign = sw.campaign_header()
    promotions = sw.respondent_filters(campaign.name, ("promotion",)).promotions or []
    status_section(campaign, promotions)
    maintained_metric(campaign, promotions)


def main() -> None:
    widgets.run_page(
        N_("Production des outils"),
        body,
        summary=[summary],
        intro=N_(
            "Ce que les défis ont produit : les réalisations en production ou en passe de "
            "l'être, et leur maintenance après le départ des EIG."
        ),
    )


main()
