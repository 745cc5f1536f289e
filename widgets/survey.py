"""Survey widgets, shared by the survey pages: campaign and respondent filters, the
« reconstituées » notice, the privacy statement and French tables of shares.

Pages import this module, `widgets` and `eigdata`; no SQL and no duckdb here either.
"""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import streamlit as st

import widgets
from eigdata import formatting as fmt
from eigdata import survey
from eigdata.survey.stats import MIN_GROUP

TYPE_LABELS = {"eig": "EIG", "mentor": "Mentors"}
PRIVACY_NOTE = (
    f"Confidentialité : aucun chiffre n'est affiché pour un groupe de moins de {MIN_GROUP} "
    "répondants, ni pour une combinaison de filtres qui séparerait un tel groupe du reste "
    "(il pourrait alors être déduit par différence). Les téléchargements ne contiennent que "
    "des agrégats, jamais de réponses individuelles."
)


def campaign_filter() -> pd.Series:
    """The campaign chosen in the URL parameter `campagne` (newest by default)."""
    frame = survey.campaigns(widgets.connection()).set_index("campaign")
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
    counts = (
        f"{fmt.number(campaign['respondents_eig'])} EIG sur {fmt.number(campaign['invited_eig'])}"
        f" et {fmt.number(campaign['respondents_mentor'])} mentors sur "
        f"{fmt.number(campaign['invited_mentor'])} ont répondu"
    )
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


def privacy_note() -> None:
    """State the small-group threshold on the page."""
    st.caption(PRIVACY_NOTE)


def respondent_filters(
    campaign: str, dimensions: tuple[str, ...], eig_only: bool = False
) -> survey.Filters:
    """URL-bound multiselects (repondant, promotion, profil) for the given dimensions."""
    values = survey.filter_values(widgets.connection(), campaign)
    if eig_only:
        values["profile"] = {
            k: v for k, v in values.get("profile", {}).items() if k != "sans_objet"
        }
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
    shown["pct"] = shown["share"] * 100
    shown["err_plus"] = (shown["high"] - shown["share"]) * 100
    shown["err_minus"] = (shown["share"] - shown["low"]) * 100
    fig = px.bar(
        shown,
        x="pct",
        y="label",
        orientation="h",
        error_x="err_plus",
        error_x_minus="err_minus",
        labels={"pct": "Part des répondants (%)", "label": ""},
        range_x=[0, 100],
    )
    fig.update_yaxes(autorange="reversed")
    top = shown.sort_values("share", ascending=False).iloc[0]
    reading = (
        f"Parmi les {fmt.number(top['denominator'])} {subject} qui ont répondu, la réponse la "
        f"plus fréquente est « {top['label']} » : {fmt.percent(top['share'])} "
        f"(intervalle de confiance à 95 % : {fmt.percent(top['low'])} à "
        f"{fmt.percent(top['high'])})."
    )
    widgets.chart(fig, french_table(frame), title, reading, key)


def share_table(frame: pd.DataFrame, group_label: str, names: dict[str, str]) -> pd.DataFrame:
    """Shares by group as a French table (share, interval, n or the privacy reason)."""
    rows = []
    for row in frame.itertuples():
        hidden = isinstance(row.reason, str)
        rows.append(
            {
                group_label: names.get(row.group, row.group),
                "Part": "—" if hidden else fmt.percent(row.share),
                "IC 95 % (Wilson)": ""
                if hidden
                else f"{fmt.percent(row.low)} à {fmt.percent(row.high)}",
                "Effectif": "masqué" if hidden else f"{fmt.number(row.n)} sur {row.denominator}",
                "Remarque": row.reason if hidden else "",
            }
        )
    return pd.DataFrame(rows)


def source_line(campaign: pd.Series, section: str) -> str:
    """Where a survey figure comes from, with the reconstructed label."""
    label = f" ({survey.RECONSTRUCTED_LABEL.lower()})" if bool(campaign["reconstructed"]) else ""
    return f"{campaign['title']}{label} — {campaign['source_title']}, {section}"
