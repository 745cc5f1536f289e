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
from eigdata.i18n import N_, _
from eigdata.survey import trends
from widgets import survey as sw

TYPE_NAMES = {
    "yes_no": N_("oui / non"),
    "single_choice": N_("choix unique"),
    "multiple_choice": N_("choix multiple"),
    "scale": N_("échelle"),
    "free_text": N_("texte libre"),
}


FILTERS = ("respondent_type", "promotion", "profile")


def question_section(campaign) -> tuple[str, str, survey.Filters] | None:
    """The chosen question in the chosen campaign; returns what the comparison needs."""
    questions = widgets.cached(survey.questions, campaign.name).set_index("question_id")
    if questions.empty:
        st.info(_("Aucune réponse n'est enregistrée pour cette campagne."))
        return None
    labels = questions["label"].to_dict()
    question = widgets.url_selectbox(
        _("Question"), "question", list(questions.index), format_func=labels.get
    )
    about = questions.loc[question]
    kind = about["type"]
    st.caption(
        _("Posée dans : {questionnaires} — type de question : {kind}.").format(
            questionnaires=about["questionnaires"],
            kind=_(TYPE_NAMES[kind]) if kind in TYPE_NAMES else kind,
        )
    )
    filters = sw.respondent_filters(campaign.name, FILTERS)
    frame = widgets.cached(survey.distribution, campaign.name, question, filters)
    sw.share_bars(frame, labels[question], "enquete-reponses", _("répondants sélectionnés"))
    by_promotion = widgets.cached(
        survey.distribution_by, campaign.name, question, "promotion", filters
    )
    by_promotion = sw.named_groups(by_promotion, sw.group_names(campaign.name))
    if not by_promotion.empty:
        widgets.table(
            sw.french_table(by_promotion, _("Promotion")),
            _("Répartition des réponses par promotion"),
        )
    if len(about["respondent_types"]) > 1:
        by_type = widgets.cached(
            survey.distribution_by, campaign.name, question, "respondent_type", filters
        )
        by_type = sw.named_groups(by_type, sw.TYPE_LABELS)
        widgets.table(
            sw.french_table(by_type, _("Répondants")), _("Répartition par type de répondant")
        )
    parts = [frame.assign(group=_("ensemble de la sélection"))]
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
    st.header(_("Évolution d'une campagne à l'autre"))
    st.caption(_(sw.TREND_NOTE))
    title = _("{question} — par campagne").format(question=label)
    reading = trends.question_reading(frame)
    sw.trend_chart(frame, title, reading, "evolution", _("Réponse"))
    widgets.download(
        exports.survey_aggregates(sw.trend_export(frame, question)),
        f"enquete-evolution-{question}",
        "evolution",
        title=title,
        source=_(exports.SURVEY_TRENDS_SOURCE),
    )


def published_section(campaign) -> None:
    check = widgets.cached(survey.published_check, campaign.name)
    if check.empty:  # only a campaign rebuilt from a report has published rates
        return
    st.header(_("Taux publiés et reconstitution"))
    agree = int(check["matches"].sum())
    st.markdown(
        _(
            "{agree} des {total} taux publiés par le rapport sont retrouvés à partir des "
            "réponses reconstituées, tels que le rapport les arrondit."
        ).format(agree=fmt.number(agree), total=fmt.number(len(check)))
    )
    shown = check.assign(
        rebuilt=[rebuilt_text(r.share, r.numerator, r.denominator) for r in check.itertuples()],
        ok=check["matches"].map({True: _("oui"), False: _("non")}),
    )[["label_fr", "published_text", "rebuilt", "ok", "source"]]
    shown.columns = [
        _("Ce que mesure le chiffre"),
        _("Publié"),
        _("Reconstitué"),
        _("Concorde"),
        _("Source"),
    ]
    widgets.table(shown, _("Chaque taux publié et sa reconstitution"))


def rebuilt_text(share: float | None, numerator: int | None, denominator: int | None) -> str:
    """« 57 % (12 sur 21) », or « masqué » for a group that may not be shown."""
    if share is None or share != share:  # None or NaN
        return _("masqué")
    return _("{share} ({n} sur {total})").format(
        share=fmt.percent(share), n=fmt.number(numerator), total=fmt.number(denominator)
    )


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
    source = sw.source_line(campaign, campaign["source_section"])
    st.caption(_("Source : {source}").format(source=source))


def main() -> None:
    widgets.run_page(
        N_("Enquêtes"),
        body,
        summary=[summary],
        intro=N_(
            "Explorez les réponses aux questionnaires adressés aux EIG et à leurs mentors : "
            "choisissez une campagne, une question et les répondants à retenir."
        ),
    )


main()
