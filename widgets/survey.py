"""Survey widgets, shared by the survey pages: campaign and respondent filters, the
« reconstituées » notice, the privacy statement and tables of shares, in the run's language.

Pages import this module, `widgets` and `eigdata`; no SQL and no duckdb here either.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

import widgets
from eigdata import formatting as fmt
from eigdata import survey
from eigdata.i18n import N_, _
from eigdata.survey import trends
from eigdata.survey.stats import MIN_GROUP
from widgets.charts import Bars, bar_figure

TYPE_LABELS = {"eig": "EIG", "mentor": "Mentors"}  # the same in English
PRIVACY_NOTE = N_(
    "Confidentialité : aucun chiffre n'est affiché pour un groupe de moins de {min_group} "
    "répondants, ni pour une combinaison de filtres qui séparerait un tel groupe du reste "
    "(il pourrait alors être déduit par différence). Les téléchargements ne contiennent que "
    "des agrégats, jamais de réponses individuelles."
)


def campaign_filter() -> pd.Series:
    """The campaign chosen in the URL parameter `campagne` (newest by default)."""
    frame = widgets.cached(survey.campaigns).set_index("campaign")
    titles = frame["title"].to_dict()
    chosen = widgets.url_selectbox(
        _("Campagne d'enquête"), "campagne", list(frame.index), format_func=titles.get
    )
    return frame.loc[chosen].rename(chosen)


def campaign_header() -> pd.Series:
    """The campaign filter, the « reconstituées » notice and the privacy statement."""
    campaign = campaign_filter()
    reconstructed_notice(campaign)
    privacy_note()
    return campaign


def reconstructed_notice(campaign: pd.Series) -> None:
    """Say loudly that the answers are reconstructed, with the response counts."""
    counts = response_counts(campaign)
    if bool(campaign["reconstructed"]):
        st.warning(
            _(
                "**{label}.** {campaign} : {counts}. Les réponses individuelles (dont la "
                "promotion et le profil des répondants) ont été reconstituées pour retrouver "
                "chaque pourcentage publié ; ce ne sont pas les réponses brutes. "
                "Source : {source}, {section}."
            ).format(
                label=_(survey.RECONSTRUCTED_LABEL),
                campaign=campaign["title"],
                counts=counts,
                source=campaign["source_title"],
                section=campaign["source_section"],
            ),
            icon=":material/info:",
        )
    else:
        st.caption(
            _("{campaign} : {counts}. Source : {source}.").format(
                campaign=campaign["title"], counts=counts, source=campaign["source_title"]
            )
        )


def response_counts(campaign: pd.Series) -> str:
    """« 21 EIG sur 39 et 13 mentors sur 24 ont répondu », naming only the questionnaires
    the campaign sent (a campaign may have a single questionnaire)."""
    parts, total = [], 0
    for kind, name in (("eig", "EIG"), ("mentor", "mentors")):  # the same in English
        answered, invited = int(campaign[f"respondents_{kind}"]), campaign[f"invited_{kind}"]
        if pd.isna(invited) and not answered:
            continue
        if pd.isna(invited):
            parts.append(f"{fmt.number(answered)} {name}")
        else:
            text = _("{answered} {who} sur {invited}")
            parts.append(
                text.format(answered=fmt.number(answered), who=name, invited=fmt.number(invited))
            )
        total += answered
    if not parts:
        return _("aucune réponse enregistrée")
    who = (
        parts[0]
        if len(parts) == 1
        else _("{first} et {second}").format(first=parts[0], second=parts[1])
    )
    if total == 1:
        return _("{who} a répondu").format(who=who)
    return _("{who} ont répondu").format(who=who)


def privacy_note() -> None:
    """State the small-group threshold on the page."""
    st.caption(_(PRIVACY_NOTE).format(min_group=MIN_GROUP))


def offered_values(campaign: str, eig_only: bool = False) -> dict[str, dict[str, str]]:
    """The filter values a campaign offers (no « sans objet » profile for EIG-only pages)."""
    values = widgets.cached(survey.filter_values, campaign)
    if eig_only:
        values["profile"] = {
            k: v for k, v in values.get("profile", {}).items() if k != "sans_objet"
        }
    return values


def across_campaigns(
    campaign: str, filters: survey.Filters, dimensions: tuple[str, ...], eig_only: bool = False
) -> survey.Filters:
    """The page's respondent filters, for every campaign: among the `dimensions` the page
    offers, one where every value of the chosen campaign is selected means « all », also in
    campaigns with other values (e.g. other promotions); a narrower choice is kept."""
    values = offered_values(campaign, eig_only)
    chosen = dict(zip(survey.DIMENSIONS, filters.params().values(), strict=True))
    for dim in dimensions:
        picked = chosen[dim]
        if picked is not None and set(picked) >= set(values.get(dim, {})):
            chosen[dim] = None
    return survey.Filters(chosen["respondent_type"], chosen["promotion"], chosen["profile"])


def respondent_filters(
    campaign: str, dimensions: tuple[str, ...], eig_only: bool = False
) -> survey.Filters:
    """URL-bound multiselects (repondant, promotion, profil) for the given dimensions."""
    values = offered_values(campaign, eig_only)
    chosen: dict[str, list[str] | None] = {}
    specs = {
        "respondent_type": (_("Répondants"), "repondant", lambda v: TYPE_LABELS.get(v, v)),
        "promotion": (_("Promotion"), "promotion", lambda v: values["promotion"].get(v, v)),
        "profile": (_("Profil (EIG)"), "profil", lambda v: values["profile"].get(v, v)),
    }
    columns = st.columns(len(dimensions))
    for column, dim in zip(columns, dimensions, strict=True):
        label, key, render = specs[dim]
        with column:
            chosen[dim] = widgets.url_multiselect(
                label, key, list(values.get(dim, {})), format_func=render
            )
    return survey.Filters(
        chosen.get("respondent_type"), chosen.get("promotion"), chosen.get("profile")
    )


def share_text(got: survey.Share) -> str:
    """« 57 % (IC 95 % : 37 % à 76 % ; 12 sur 21) » or the reason it is not shown."""
    if got.suppressed:
        return got.reason or ""
    return _("{share} (IC 95 % : {low} à {high} ; {n} sur {total} répondants)").format(
        share=fmt.percent(got.share),
        low=fmt.percent(got.low),
        high=fmt.percent(got.high),
        n=fmt.number(got.numerator),
        total=fmt.number(got.denominator),
    )


def interval_text(low: float, high: float) -> str:
    """« 37 % à 76 % » (37% to 76%)."""
    return _("{low} à {high}").format(low=fmt.percent(low), high=fmt.percent(high))


def group_names(campaign: str) -> dict[str, str]:
    """Every filter value of a campaign (promotion, profile) with its label, to show groups."""
    values = widgets.cached(survey.filter_values, campaign)
    return {**values.get("promotion", {}), **values.get("profile", {})}


def named_groups(frame: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """`frame` with its `group` codes replaced by their labels (for display only)."""
    if frame.empty or "group" not in frame.columns:
        return frame
    return frame.assign(group=[names.get(g, g) for g in frame["group"]])


def share_metric(label: str, got: survey.Share, source: str) -> None:
    """A headline share with its interval and n, or the privacy reason."""
    if got.suppressed:
        st.metric(label, "—")
        st.caption(got.reason or "")
        return
    widgets.figure(label, fmt.percent(got.share), source, note=share_text(got))


def french_table(frame: pd.DataFrame, group_label: str | None = None) -> pd.DataFrame:
    """A distribution as a table in the run's language: answer, n, share and interval, or
    the reason."""
    rows = []
    for row in frame.itertuples():
        hidden = isinstance(row.reason, str)
        shown = {
            _("Réponse"): row.label,
            _("Effectif"): _("masqué") if hidden or pd.isna(row.n) else fmt.number(row.n),
            _("Répondants (n)"): "" if pd.isna(row.denominator) else fmt.number(row.denominator),
            _("Part"): "" if pd.isna(row.share) else fmt.percent(row.share),
            _("IC 95 % (Wilson)"): "" if pd.isna(row.low) else interval_text(row.low, row.high),
            _("Remarque"): row.reason if hidden else "",
        }
        if group_label:
            shown = {group_label: row.group, **shown}
        rows.append(shown)
    return pd.DataFrame(rows)


def export_frame(frame: pd.DataFrame, campaign: str, question: str) -> pd.DataFrame:
    """The aggregate numbers to download (no respondent rows), with the label."""
    keep = ["group", "answer", "label", "n", "denominator", "share", "low", "high"]
    out = frame[[c for c in keep if c in frame.columns]].copy()
    out.insert(0, "question", question)
    out.insert(0, "campaign", campaign)
    out["note"] = _(survey.RECONSTRUCTED_LABEL)
    out["privacy"] = frame["reason"].fillna("")
    return out


def share_bars(frame: pd.DataFrame, title: str, key: str, subject: str) -> None:
    """Horizontal bars of shares with their 95 % intervals, a reading and the table."""
    shown = frame[frame["share"].notna()].copy()
    if shown.empty:
        reasons = frame["reason"].dropna()
        st.info(reasons.iloc[0] if len(reasons) else _("Aucune réponse à afficher."))
        return
    fig = share_figure(shown)
    top = shown.sort_values("share", ascending=False).iloc[0]
    reading = _(
        "Parmi les {total} {subject} qui ont répondu, la réponse la plus fréquente est "
        "« {answer} » : {share} (intervalle de confiance à 95 % : {interval})."
    ).format(
        total=fmt.number(top["denominator"]),
        subject=subject,
        answer=top["label"],
        share=fmt.percent(top["share"]),
        interval=interval_text(top["low"], top["high"]),
    )
    widgets.chart(fig, french_table(frame), title, reading, key)


def share_figure(shown: pd.DataFrame) -> go.Figure:
    """One horizontal bar per answer (first answer on top): its share in %, 95 % interval."""
    bars = Bars(
        "label",
        "share",
        {"share": _("Part des répondants (%)"), "label": ""},
        horizontal=True,
        interval=("low", "high"),
        scale=100,
    )
    return bar_figure(shown, bars, xaxis={"range": [0, 100]}, yaxis={"autorange": "reversed"})


def share_table(frame: pd.DataFrame, group_label: str, names: dict[str, str]) -> pd.DataFrame:
    """Shares by group as a table (share, interval, n or the privacy reason)."""
    return pd.DataFrame(
        [
            {group_label: names.get(row["group"], row["group"]), **share_cells(row)}
            for row in frame.to_dict("records")
        ]
    )


def share_cells(row: dict) -> dict[str, str]:
    """Part, IC 95 %, Effectif and Remarque of one share (or « masqué » and the reason)."""
    hidden = isinstance(row["reason"], str)
    if hidden:
        return {
            _("Part"): "—",
            _("IC 95 % (Wilson)"): "",
            _("Effectif"): _("masqué"),
            _("Remarque"): row["reason"],
        }
    count = _("{n} sur {total}").format(
        n=fmt.number(row["n"]), total=fmt.number(row["denominator"])
    )
    return {
        _("Part"): fmt.percent(row["share"]),
        _("IC 95 % (Wilson)"): interval_text(row["low"], row["high"]),
        _("Effectif"): count,
        _("Remarque"): "",
    }


def source_line(campaign: pd.Series, section: str) -> str:
    """Where a survey figure comes from, with the reconstructed label."""
    rebuilt = bool(campaign["reconstructed"])
    label = f" ({_(survey.RECONSTRUCTED_LABEL).lower()})" if rebuilt else ""
    return f"{campaign['title']}{label} — {campaign['source_title']}, {section}"


TREND_NOTE = N_(
    "Chaque campagne est calculée à part, avec les mêmes filtres de répondants et la même "
    "règle de confidentialité. Un filtre dont tous les choix sont retenus ne restreint aucune "
    "campagne, même celles qui ont interrogé d'autres promotions."
)


def trend_table(frame: pd.DataFrame, label_column: str | None = None) -> pd.DataFrame:
    """Shares by campaign as a table (share, interval, n or the privacy reason)."""
    rows = []
    for row in frame.to_dict("records"):
        shown = {_("Campagne"): row["campaign_label"]}
        if label_column:
            shown[label_column] = row["label"]
        rows.append(shown | share_cells(row))
    return pd.DataFrame(rows)


def trend_chart(frame: pd.DataFrame, title: str, reading: str, key: str, legend: str) -> None:
    """Shares by campaign (bars grouped by `label`, 95 % intervals), reading and table."""
    table = trend_table(frame, legend)
    shown = frame[frame["share"].notna()]
    if shown.empty:
        st.subheader(title)
        st.info(reading)
        widgets.table(table, _("Données de « {title} »").format(title=title))
        return
    fig = trend_figure(shown, list(frame["campaign_label"].unique()), legend)
    widgets.chart(fig, table, title, reading, key)


def trend_figure(shown: pd.DataFrame, campaigns: list[str], legend: str) -> go.Figure:
    """Shares by campaign, in `campaigns` order, bars side by side per `label` (named `legend`
    in the legend), with 95 % intervals; n and respondents in the hover text."""
    bars = Bars(
        "campaign_label",
        "share",
        {
            "share": _("Part des répondants (%)"),
            "campaign_label": _("Campagne"),
            "label": legend,
            "n": _("Effectif"),
            "denominator": _("Répondants"),
        },
        color="label",
        barmode="group",
        interval=("low", "high"),
        scale=100,
        hover=("n", "denominator"),
    )
    return bar_figure(
        shown,
        bars,
        # a category axis, else « 2021 », « 2022 » make it a numeric one
        xaxis={"type": "category", "categoryorder": "array", "categoryarray": campaigns},
        yaxis={"range": [0, 100]},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
    )


def movement_table(moves: pd.DataFrame) -> pd.DataFrame:
    """Consecutive campaigns and the movement of a share, in points."""
    return pd.DataFrame(
        {
            _("D'une campagne à l'autre"): [
                f"{a} → {b}" for a, b in zip(moves["from_label"], moves["to_label"], strict=True)
            ],
            _("Évolution"): [
                _("non calculée") if pd.isna(p) else trends.points_text(p) for p in moves["points"]
            ],
            _("Lecture"): moves["sentence"],
        }
    )


def trend_export(frame: pd.DataFrame, question: str | None = None) -> pd.DataFrame:
    """The aggregates of a comparison to download (never respondent rows)."""
    keep = ["campaign", "title", "year", "question", "measure", "answer", "label"]
    keep += ["n", "denominator", "share", "low", "high"]
    out = frame[[c for c in keep if c in frame.columns]].copy()
    if "question" not in out.columns:
        out.insert(3, "question", question or "")
    rebuilt = _(survey.RECONSTRUCTED_LABEL)
    out["note"] = [rebuilt if r else "" for r in frame["reconstructed"]]
    out["privacy"] = frame["reason"].fillna("")
    return out
