"""Survey widgets, shared by the survey pages: campaign and respondent filters, the
« reconstituées » notice, the privacy statement and French tables of shares.

Pages import this module, `widgets` and `eigdata`; no SQL and no duckdb here either.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

import widgets
from eigdata import formatting as fmt
from eigdata import survey
from eigdata.survey import trends
from eigdata.survey.stats import MIN_GROUP
from widgets.charts import Bars, bar_figure

TYPE_LABELS = {"eig": "EIG", "mentor": "Mentors"}
PRIVACY_NOTE = (
    f"Confidentialité : aucun chiffre n'est affiché pour un groupe de moins de {MIN_GROUP} "
    "répondants, ni pour une combinaison de filtres qui séparerait un tel groupe du reste "
    "(il pourrait alors être déduit par différence). Les téléchargements ne contiennent que "
    "des agrégats, jamais de réponses individuelles."
)


def campaign_filter() -> pd.Series:
    """The campaign chosen in the URL parameter `campagne` (newest by default)."""
    frame = widgets.cached(survey.campaigns).set_index("campaign")
    titles = frame["title"].to_dict()
    chosen = widgets.url_selectbox(
        "Campagne d'enquête", "campagne", list(frame.index), format_func=titles.get
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
            f"**{survey.RECONSTRUCTED_LABEL}.** {campaign['title']} : {counts}. Les réponses "
            "individuelles (dont la promotion et le profil des répondants) ont été reconstituées "
            "pour retrouver chaque pourcentage publié ; ce ne sont pas les réponses brutes. "
            f"Source : {campaign['source_title']}, {campaign['source_section']}.",
            icon=":material/info:",
        )
    else:
        st.caption(f"{campaign['title']} : {counts}. Source : {campaign['source_title']}.")


def response_counts(campaign: pd.Series) -> str:
    """« 21 EIG sur 39 et 13 mentors sur 24 ont répondu », naming only the questionnaires
    the campaign sent (a campaign may have a single questionnaire)."""
    parts, total = [], 0
    for kind, name in (("eig", "EIG"), ("mentor", "mentors")):
        answered, invited = int(campaign[f"respondents_{kind}"]), campaign[f"invited_{kind}"]
        if pd.isna(invited) and not answered:
            continue
        asked = "" if pd.isna(invited) else f" sur {fmt.number(invited)}"
        parts.append(f"{fmt.number(answered)} {name}{asked}")
        total += answered
    if not parts:
        return "aucune réponse enregistrée"
    return f"{' et '.join(parts)} {'a' if total == 1 else 'ont'} répondu"


def privacy_note() -> None:
    """State the small-group threshold on the page."""
    st.caption(PRIVACY_NOTE)


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
        "respondent_type": ("Répondants", "repondant", lambda v: TYPE_LABELS.get(v, v)),
        "promotion": ("Promotion", "promotion", str),
        "profile": ("Profil (EIG)", "profil", lambda v: values["profile"].get(v, v)),
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
    return (
        f"{fmt.percent(got.share)} (IC 95 % : {fmt.percent(got.low)} à {fmt.percent(got.high)} ; "
        f"{fmt.number(got.numerator)} sur {fmt.number(got.denominator)} répondants)"
    )


def share_metric(label: str, got: survey.Share, source: str) -> None:
    """A headline share with its interval and n, or the privacy reason."""
    if got.suppressed:
        st.metric(label, "—")
        st.caption(got.reason or "")
        return
    widgets.figure(label, fmt.percent(got.share), source, note=share_text(got))


def french_table(frame: pd.DataFrame, group_label: str | None = None) -> pd.DataFrame:
    """A distribution as a French table: answer, n, share and interval, or the reason."""
    rows = []
    for row in frame.itertuples():
        hidden = isinstance(row.reason, str)
        shown = {
            "Réponse": row.label,
            "Effectif": "masqué" if hidden or pd.isna(row.n) else fmt.number(row.n),
            "Répondants (n)": "" if pd.isna(row.denominator) else fmt.number(row.denominator),
            "Part": "" if pd.isna(row.share) else fmt.percent(row.share),
            "IC 95 % (Wilson)": ""
            if pd.isna(row.low)
            else f"{fmt.percent(row.low)} à {fmt.percent(row.high)}",
            "Remarque": row.reason if hidden else "",
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
    out["note"] = survey.RECONSTRUCTED_LABEL
    out["privacy"] = frame["reason"].fillna("")
    return out


def share_bars(frame: pd.DataFrame, title: str, key: str, subject: str) -> None:
    """Horizontal bars of shares with their 95 % intervals, a reading and the table."""
    shown = frame[frame["share"].notna()].copy()
    if shown.empty:
        reasons = frame["reason"].dropna()
        st.info(reasons.iloc[0] if len(reasons) else "Aucune réponse à afficher.")
        return
    fig = share_figure(shown)
    top = shown.sort_values("share", ascending=False).iloc[0]
    reading = (
        f"Parmi les {fmt.number(top['denominator'])} {subject} qui ont répondu, la réponse la "
        f"plus fréquente est « {top['label']} » : {fmt.percent(top['share'])} "
        f"(intervalle de confiance à 95 % : {fmt.percent(top['low'])} à "
        f"{fmt.percent(top['high'])})."
    )
    widgets.chart(fig, french_table(frame), title, reading, key)


def share_figure(shown: pd.DataFrame) -> go.Figure:
    """One horizontal bar per answer (first answer on top): its share in %, 95 % interval."""
    bars = Bars(
        "label",
        "share",
        {"share": "Part des répondants (%)", "label": ""},
        horizontal=True,
        interval=("low", "high"),
        scale=100,
    )
    return bar_figure(shown, bars, xaxis={"range": [0, 100]}, yaxis={"autorange": "reversed"})


def share_table(frame: pd.DataFrame, group_label: str, names: dict[str, str]) -> pd.DataFrame:
    """Shares by group as a French table (share, interval, n or the privacy reason)."""
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
            "Part": "—",
            "IC 95 % (Wilson)": "",
            "Effectif": "masqué",
            "Remarque": row["reason"],
        }
    return {
        "Part": fmt.percent(row["share"]),
        "IC 95 % (Wilson)": f"{fmt.percent(row['low'])} à {fmt.percent(row['high'])}",
        "Effectif": f"{fmt.number(row['n'])} sur {fmt.number(row['denominator'])}",
        "Remarque": "",
    }


def source_line(campaign: pd.Series, section: str) -> str:
    """Where a survey figure comes from, with the reconstructed label."""
    label = f" ({survey.RECONSTRUCTED_LABEL.lower()})" if bool(campaign["reconstructed"]) else ""
    return f"{campaign['title']}{label} — {campaign['source_title']}, {section}"


TREND_NOTE = (
    "Chaque campagne est calculée à part, avec les mêmes filtres de répondants et la même "
    "règle de confidentialité. Un filtre dont tous les choix sont retenus ne restreint aucune "
    "campagne, même celles qui ont interrogé d'autres promotions."
)


def trend_table(frame: pd.DataFrame, label_column: str | None = None) -> pd.DataFrame:
    """Shares by campaign as a French table (share, interval, n or the privacy reason)."""
    rows = []
    for row in frame.to_dict("records"):
        shown = {"Campagne": row["campaign_label"]}
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
        widgets.table(table, f"Données de « {title} »")
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
            "share": "Part des répondants (%)",
            "campaign_label": "Campagne",
            "label": legend,
            "n": "Effectif",
            "denominator": "Répondants",
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
            "D'une campagne à l'autre": [
                f"{a} → {b}" for a, b in zip(moves["from_label"], moves["to_label"], strict=True)
            ],
            "Évolution": [
                "non calculée" if pd.isna(p) else trends.points_text(p) for p in moves["points"]
            ],
            "Lecture": moves["sentence"],
        }
    )


def trend_export(frame: pd.DataFrame, question: str | None = None) -> pd.DataFrame:
    """The aggregates of a comparison to download (never respondent rows)."""
    keep = ["campaign", "title", "year", "question", "measure", "answer", "label"]
    keep += ["n", "denominator", "share", "low", "high"]
    out = frame[[c for c in keep if c in frame.columns]].copy()
    if "question" not in out.columns:
        out.insert(3, "question", question or "")
    out["note"] = [survey.RECONSTRUCTED_LABEL if r else "" for r in frame["reconstructed"]]
    out["privacy"] = frame["reason"].fillna("")
    return out
