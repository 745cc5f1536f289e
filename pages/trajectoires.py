"""Trajectoires : l'envie de travailler dans l'administration avant et après le défi,
appariée par répondant, son évolution d'une campagne à l'autre, et la situation
professionnelle des EIG après le programme."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

import widgets
from eigdata import exports, survey
from eigdata import formatting as fmt
from eigdata.i18n import N_, _
from eigdata.survey import trends
from widgets import chart_style
from widgets import survey as sw

BEFORE, AFTER, SITUATION = "intention_admin_avant", "intention_admin_apres", "situation_actuelle"
IN_ADMINISTRATION = ["administration_contractuel", "administration_autre"]
SECTION = "III.5 Trajectoires professionnelles"  # the report's section title, as published
FILTERS = ("promotion", "profile")
GROUPS = (  # dimension, column header, table caption
    ("promotion", N_("Promotion"), N_("Souhaitent rester, par promotion")),
    ("profile", N_("Profil"), N_("Souhaitent rester, par profil")),
)


def eig_filters(campaign) -> survey.Filters:
    chosen = sw.respondent_filters(campaign.name, FILTERS, eig_only=True)
    return survey.Filters(["eig"], chosen.promotions, chosen.profiles)


def intention_section(campaign, filters: survey.Filters) -> None:
    before = widgets.cached(survey.share, campaign.name, BEFORE, ["oui"], filters)
    after = widgets.cached(survey.share, campaign.name, AFTER, ["oui"], filters)
    st.header(_("Avant et après le défi"))
    left, right = st.columns(2)
    with left:
        sw.share_metric(
            _("Envisageaient l'administration avant"), before, sw.source_line(campaign, SECTION)
        )
    with right:
        sw.share_metric(
            _("Souhaitent y rester après le défi"), after, sw.source_line(campaign, SECTION)
        )
    flows, reason = widgets.cached(survey.transitions, campaign.name, BEFORE, AFTER, filters)
    if reason:
        st.info(reason)
        return
    stayed = int(flows.loc[(flows["before"] == "oui") & (flows["after"] == "oui"), "n"].sum())
    joined = int(flows.loc[(flows["before"] != "oui") & (flows["after"] == "oui"), "n"].sum())
    reading = _(
        "Avant le programme, {before} des EIG répondants envisageaient de travailler dans "
        "l'administration ; après leur défi, {after} souhaitent y rester : {stayed} le "
        "voulaient déjà, {joined} ont changé d'avis (flux colorés)."
    ).format(
        before=fmt.percent(before.share),
        after=fmt.percent(after.share),
        stayed=fmt.number(stayed),
        joined=fmt.number(joined),
    )
    title = _("Qui a changé d'avis")
    widgets.chart(sankey(flows), flow_table(flows), title, reading, "sankey")


def sankey(flows):
    """Flows from each answer before to each answer after; every node says its count, so the
    colour of the flows that joined « oui » is not the only carrier of the information."""
    before = flows.groupby("before_label", sort=False)["n"].sum()
    after = flows.groupby("after_label", sort=False)["n"].sum()
    left = [
        _("Avant : {answer} ({n})").format(answer=v, n=fmt.number(n)) for v, n in before.items()
    ]
    right = [
        _("Après : {answer} ({n})").format(answer=v, n=fmt.number(n)) for v, n in after.items()
    ]
    answers = list(dict.fromkeys([*before.index, *after.index]))  # one colour per answer
    palette = chart_style.PALETTE
    colours = [palette[answers.index(v) % len(palette)] for v in [*before.index, *after.index]]
    return go.Figure(
        go.Sankey(
            node={
                "label": left + right,
                "color": colours,
                "pad": 18,
                "hovertemplate": "%{label}<extra></extra>",
            },
            link={
                "source": [list(before.index).index(v) for v in flows["before_label"]],
                "target": [len(left) + list(after.index).index(v) for v in flows["after_label"]],
                "value": flows["n"].tolist(),
                "color": [
                    chart_style.translucent(chart_style.HIGHLIGHT, 0.45)
                    if a == "oui" and b != "oui"
                    else chart_style.translucent(chart_style.TEXT, 0.15)
                    for b, a in zip(flows["before"], flows["after"], strict=True)
                ],
                "hovertemplate": _("%{source.label} → %{target.label} : %{value} répondant(s)")
                + "<extra></extra>",
            },
        )
    )


def flow_table(flows):
    table = flows[["before_label", "after_label", "n"]].copy()
    table.columns = [_("Avant le programme"), _("Après le défi"), _("Répondants")]
    return table


def evolution_section(campaign, filters: survey.Filters) -> None:
    """Before and after, campaign by campaign, and how « souhaitent rester » moved."""
    wide = sw.across_campaigns(campaign.name, filters, FILTERS, eig_only=True)
    frame = widgets.cached(trends.intention_by_campaign, wide)
    stay = frame[frame["measure"] == "apres"]
    st.header(_("Évolution entre campagnes"))
    st.caption(_(sw.TREND_NOTE))
    reading = trends.trend_reading(
        stay, _("Part des EIG répondants qui souhaitent rester dans l'administration")
    )
    title = _("Avant et après, campagne par campagne")
    sw.trend_chart(frame, title, reading, "evolution", _("Mesure"))
    moves = trends.movements(stay)
    if not moves.empty:
        caption = _("« Souhaitent rester » d'une campagne à l'autre")
        widgets.table(sw.movement_table(moves), caption)
    widgets.download(
        exports.survey_aggregates(sw.trend_export(frame)),
        "trajectoires-evolution",
        "evolution",
        title=_("Avant et après le programme, campagne par campagne"),
        source=_(exports.SURVEY_TRENDS_SOURCE),
    )


def situation_section(campaign, filters: survey.Filters) -> None:
    st.header(_("Situation professionnelle aujourd'hui"))
    situation_metrics(campaign, filters)
    frame = widgets.cached(survey.distribution, campaign.name, SITUATION, filters)
    title = _("Situation professionnelle actuelle des EIG")
    sw.share_bars(frame, title, "situation", "EIG")
    widgets.download(
        exports.survey_aggregates(sw.export_frame(frame, campaign.name, SITUATION)),
        "trajectoires",
        "situation",
        title=title,
        source=sw.source_line(campaign, SECTION),
    )


def situation_metrics(campaign, filters: survey.Filters) -> None:
    inside = widgets.cached(survey.share, campaign.name, SITUATION, IN_ADMINISTRATION, filters)
    contract = widgets.cached(
        survey.share, campaign.name, SITUATION, ["administration_contractuel"], filters
    )
    left, right = st.columns(2)
    with left:
        sw.share_metric(
            _("Travaillent encore dans l'administration"),
            inside,
            sw.source_line(campaign, SECTION),
        )
    with right:
        sw.share_metric(_("… dont comme contractuels"), contract, sw.source_line(campaign, SECTION))


def groups_section(campaign, filters: survey.Filters) -> None:
    names = sw.group_names(campaign.name)
    st.header(_("Par promotion et par profil"))
    st.markdown(
        _(
            "Part des EIG qui souhaitent rester dans l'administration après leur défi. Les "
            "profils comptent peu de répondants : la plupart des cases sont masquées pour "
            "protéger les personnes."
        )
    )
    for by, label, caption in GROUPS:
        frame = widgets.cached(survey.share_by, campaign.name, AFTER, ["oui"], by, filters)
        widgets.table(sw.share_table(frame, _(label), names), _(caption))


def body() -> None:
    campaign = sw.campaign_header()
    filters = eig_filters(campaign)
    intention_section(campaign, filters)
    evolution_section(campaign, filters)
    situation_section(campaign, filters)
    groups_section(campaign, filters)


def summary() -> None:
    """The print view: before and after the défi, and where the EIG work today."""
    campaign = sw.campaign_header()
    filters = eig_filters(campaign)
    intention_section(campaign, filters)
    st.header(_("Situation professionnelle aujourd'hui"))
    situation_metrics(campaign, filters)


def main() -> None:
    widgets.run_page(
        N_("Trajectoires"),
        body,
        summary=[summary],
        intro=N_(
            "Ce que le programme change aux parcours des EIG : l'envie de travailler pour "
            "l'administration avant et après le défi, et ce qu'ils font aujourd'hui."
        ),
    )


main()
