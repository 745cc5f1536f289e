"""Enquêtes : toute question de toute campagne, par type de répondant, promotion et profil,
et la même question d'une campagne à l'autre.

Chaque part est donnée avec son intervalle de confiance à 95 % (Wilson) et son effectif ;
les petits groupes sont masqués (voir eigdata.survey.stats).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

import widgets
from eigdata import exports, survey
from eigdata import formatting as fmt
from eigdata.survey import trends
from widgets import survey as sw

TYPE_NAMES = {
    "yes_no": "oui / non",
    "single_choice": "choix unique",
    "multiple_choice": "choix multiple",
    "scale": "échelle",
    "free_text": "texte libre",
}


FILTERS = ("respondent_type", "promotion", "profile")


def question_section(campaign) -> tuple[str, str, survey.Filters] | None:
    """The chosen question in the chosen campaign; returns what the comparison needs."""
    questions = widgets.cached(survey.questions, campaign.name).set_index("question_id")
    if questions.empty:
        st.info("Aucune réponse n'est enregistrée pour cette campagne.")
        return None
    labels = questions["label_fr"].to_dict()
    question = widgets.url_selectbox(
        "Question", "question", list(questions.index), format_func=labels.get
    )
    about = questions.loc[question]
    st.caption(
        f"Posée dans : {about['questionnaires']} — type de question : "
        f"{TYPE_NAMES.get(about['type'], about['type'])}."
    )
    filters = sw.respondent_filters(campaign.name, FILTERS)
    frame = widgets.cached(survey.distribution, campaign.name, question, filters)
    sw.share_bars(frame, labels[question], "enquete-reponses", "répondants sélectionnés")
    by_promotion = widgets.cached(
        survey.distribution_by, campaign.name, question, "promotion", filters
    )
    if not by_promotion.empty:
        widgets.table(
            sw.french_table(by_promotion, "Promotion"),
            "Répartition des réponses par promotion",
        )
    if len(about["respondent_types"]) > 1:
        by_type = widgets.cached(
            survey.distribution_by, campaign.name, question, "respondent_type", filters
        )
        by_type["group"] = by_type["group"].map(sw.TYPE_LABELS)
        widgets.table(sw.french_table(by_type, "Répondants"), "Répartition par type de répondant")
    parts = [frame.assign(group="ensemble de la sélection")]
    parts += [by_promotion] if not by_promotion.empty else []
    export = pd.concat([sw.export_frame(p, campaign.name, question) for p in parts])
    widgets.download(
        exports.survey_aggregates(export),
        f"enquete-{campaign.name}-{question}",
        "enquete",
        title=f"{labels[question]} — {campaign['title']}",
        source=sw.source_line(campaign, campaign["source_section"]),
    )
    return question, labels[question], filters


def trend_section(campaign, question: str, label: str, filters: survey.Filters) -> None:
    """The chosen question's answers, campaign by campaign, with the same filters."""
    wide = sw.across_campaigns(campaign.name, filters, FILTERS)
    frame = widgets.cached(trends.question_by_campaign, question, wide)
    st.header("Évolution d'une campagne à l'autre")
    st.caption(sw.TREND_NOTE)
    sw.trend_chart(
        frame, f"{label} — par campagne", trends.question_reading(frame), "evolution", "Réponse"
    )
    widgets.download(
        exports.survey_aggregates(sw.trend_export(frame, question)),
        f"enquete-evolution-{question}",
        "evolution",
        title=f"{label} — par campagne",
        source=exports.SURVEY_TRENDS_SOURCE,
    )


def published_section(campaign) -> None:
    check = widgets.cached(survey.published_check, campaign.name)
    if check.empty:  # only a campaign rebuilt from a report has published rates
        return
    st.header("Taux publiés et reconstitution")
    agree = int(check["matches"].sum())
    st.markdown(
        f"{fmt.number(agree)} des {fmt.number(len(check))} taux publiés par le rapport sont "
        "retrouvés à partir des réponses reconstituées, tels que le rapport les arrondit."
    )
    shown = check.assign(
        rebuilt=[
            f"{fmt.percent(r.share)} ({fmt.number(r.numerator)} sur {fmt.number(r.denominator)})"
            if r.share is not None and r.share == r.share
            else "masqué"
            for r in check.itertuples()
        ],
        ok=check["matches"].map({True: "oui", False: "non"}),
    )[["label_fr", "published_text", "rebuilt", "ok", "source"]]
    shown.columns = ["Ce que mesure le chiffre", "Publié", "Reconstitué", "Concorde", "Source"]
    widgets.table(shown, "Chaque taux publié et sa reconstitution")


def body() -> None:
    campaign = sw.campaign_header()
    chosen = question_section(campaign)
    if chosen:
        trend_section(campaign, *chosen)
    published_section(campaign)


def summary() -> None:
    """The print view: the chosen question's answers for the chosen respondents."""
    campaign = sw.campaign_header()
    question_section(campaign)
    st.caption("Source : " + sw.source_line(campaign, campaign["source_section"]))


def main() -> None:
    widgets.run_page(
        "Enquêtes",
        body,
        summary=[summary],
        intro="Explorez les réponses aux questionnaires adressés aux EIG et à leurs mentors : "
        "choisissez une campagne, une question et les répondants à retenir.",
    )


main()
