"""Import page section: une campagne d'enquête depuis l'export d'un outil d'enquête.

The analyst names the campaign and the questionnaire, drops the export (LimeSurvey, Google
Forms, Framaforms, or the dashboard's own formats), maps what was not recognised (columns,
answer values), checks the preview (respondents, response rate, the campaign's main figures,
other campaigns unchanged, dashboard figures that move) and confirms. Everything is
computed by `eigdata.ingest.campaign`; nothing is written before the confirmation.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator
from streamlit.runtime.uploaded_file_manager import UploadedFile

import widgets
from eigdata import formatting as fmt
from eigdata import queries, survey
from eigdata.errors import EigDataError, user_message
from eigdata.i18n import N_, _, lang
from eigdata.ingest import max_upload_bytes
from eigdata.ingest.campaign import CampaignPlan, apply_campaign, plan_campaign
from eigdata.ingest.campaign import columns as ec
from eigdata.ingest.campaign.plan import OTHER_TOOL, TOOL_LABELS
from eigdata.storage.store import data_dir, fingerprint
from widgets import access

Upload = UploadedFile | None

NEW = "__nouvelle__"
TOOLS = ["", "LimeSurvey", "Google Forms", "Framaforms", OTHER_TOOL]  # values: stored as is
QUESTIONNAIRES = {"eig": N_("EIG"), "mentor": N_("Mentors")}
PLAN_KEY, RESULT_KEY, STORED_KEY = "campaign-plan", "import-result", "campaign-stored"
ATTRIBUTE_CHOICES = {
    "promotion": N_("Attribut : promotion"),
    "profile": N_("Attribut : profil"),
    "respondent_type": N_("Attribut : type de répondant"),
    ec.IGNORE: N_("Ignorer cette colonne (jamais enregistrée)"),
}


def section() -> None:
    """Draw the section (fields, upload, mapping, preview, confirmation)."""
    st.markdown(
        _(
            "Déposez l'export de l'outil d'enquête tel quel (LimeSurvey, Google Forms, "
            "Framaforms, CSV ou Excel) : une campagne × un questionnaire à la fois. Les adresses "
            "e-mail, noms et adresses IP sont écartés et jamais enregistrés."
        )
    )
    inputs = fields()
    limit_mb = math.ceil(max_upload_bytes() / 2**20)
    upload = st.file_uploader(
        _("Export de l'outil d'enquête"), key="campaign-upload", max_upload_size=limit_mb
    )
    reused = st.file_uploader(
        _("Correspondance des colonnes d'un import précédent (facultatif)"),
        type=["csv"],
        key="campaign-mapping-upload",
    )
    if upload is None:
        return
    args, identity = plan_arguments(inputs, upload.getvalue(), reused)
    if st.session_state.get(STORED_KEY) == (upload.name, identity):
        st.info(_("Ce fichier vient d'être importé. Déposez un autre export pour continuer."))
        return
    plan = planned(upload.name, upload.getvalue(), args, identity)
    if plan.detection:
        detected = widgets.md_escape(plan.describe())
        st.markdown(_("**Détecté :** {detection}.").format(detection=detected))
    columns_part(plan)
    mapping_part(plan)
    if plan.problems:
        widgets.problems(plan.problems, f"problemes-{file_stem(plan)}")
        return
    preview_part(plan)
    if st.button(_("Confirmer l'import de la campagne"), type="primary", key="confirm-campaign"):
        confirm(plan, (upload.name, identity))


def fields() -> dict:
    """The campaign fields: code, title, year, questionnaire, invited, tool, date, options."""
    frame = survey.campaigns(widgets.connection())
    existing = {
        row.campaign: {"campaign": row.campaign, "title": row.title, "year": int(row.year)}
        for row in frame.itertuples()
    }
    # option labels worded now, in the run's language (format_func may be called later)
    titles = {NEW: _("Nouvelle campagne")}
    titles |= {code: f"{row['title']} ({code})" for code, row in existing.items()}
    choice = st.selectbox(
        _("Campagne"), list(titles), format_func=titles.get, key="campaign-choice"
    )
    left, right = st.columns(2)
    found = dict(existing[choice]) if choice != NEW else new_campaign_fields(left, right)
    found["questionnaire"] = right.radio(
        _("Questionnaire"),
        list(QUESTIONNAIRES),
        format_func={q: _(label) for q, label in QUESTIONNAIRES.items()}.get,
        horizontal=True,
        key="campaign-questionnaire",
    )
    found["invited"] = left.number_input(
        _("Personnes invitées (facultatif)"), min_value=0, value=None, key="campaign-invited"
    )
    found["tool"] = right.selectbox(
        _("Outil d'enquête"),
        TOOLS,
        format_func={tool: tool_label(tool) for tool in TOOLS}.get,
        key="campaign-tool",
    )
    found["export_date"] = left.date_input(
        _("Date de l'export (facultatif)"), value=None, format="DD/MM/YYYY", key="campaign-date"
    )
    promotions = queries.promotions(widgets.connection())["promotion"].tolist()
    named = {"": _("— (colonne du fichier)")} | {p: p for p in promotions}
    found["promotion"] = right.selectbox(
        _("Promotion des répondants, si le fichier n'a pas de colonne « Promotion »"),
        list(named),
        format_func=named.get,
        key="campaign-promotion",
    )
    found["replace"] = st.checkbox(_("Remplacer les réponses existantes"), key="campaign-replace")
    found["include_incomplete"] = st.checkbox(
        _("Inclure les réponses incomplètes (sans date de soumission)"), key="campaign-incomplete"
    )
    return found


def tool_label(tool: str) -> str:
    """A survey tool as the selectbox shows it (automatic detection for none)."""
    if not tool:
        return _("Détection automatique")
    return _(TOOL_LABELS[tool]) if tool in TOOL_LABELS else tool


def new_campaign_fields(left: DeltaGenerator, right: DeltaGenerator) -> dict:
    """Code, title and year of a new campaign."""
    return {
        "campaign": left.text_input(
            _("Code de la campagne"), placeholder="enquete-2021", key="campaign-code"
        ),
        "title": right.text_input(
            _("Titre affiché"),
            placeholder=_("Enquête 2021 — promotions 3 et 4"),
            key="campaign-title",
        ),
        "year": left.number_input(
            _("Année"),
            min_value=2016,
            max_value=2100,
            value=dt.date.today().year,
            key="campaign-year",
        ),
    }


def plan_arguments(inputs: dict, raw: bytes, reused: Upload) -> tuple[dict, tuple[str, str]]:
    """The arguments of `plan_campaign` (fields, reused and chosen mappings) and their
    identity (file checksum, arguments)."""
    column_map, value_map = reused_maps(reused)
    previous = st.session_state.get(PLAN_KEY)
    chosen_columns, chosen_values = widget_maps(previous[1] if previous else None, raw)
    column_map.update(chosen_columns)
    value_map.update(chosen_values)
    args = {
        **inputs,
        "invited": None if inputs["invited"] is None else int(inputs["invited"]),
        "tool": inputs["tool"] or None,
        "promotion": inputs["promotion"] or None,
        "column_map": column_map,
        "value_map": value_map,
    }
    return args, (hashlib.sha256(raw).hexdigest(), repr(sorted(args.items(), key=str)))


def planned(file_name: str, raw: bytes, args: dict, identity: tuple[str, str]) -> CampaignPlan:
    """The plan of these inputs (kept in the session until an input or the data change)."""
    folder = data_dir()
    key = (str(folder), fingerprint(folder), lang(), file_name, *identity)  # labels are worded
    previous = st.session_state.get(PLAN_KEY)
    if previous and previous[0] == key:
        return previous[1]
    with st.spinner(_("Vérification du fichier et calcul de l'aperçu…")):
        plan = plan_campaign(folder, file_name, raw, **args)
    st.session_state[PLAN_KEY] = (key, plan)
    return plan


def reused_maps(reused: Upload) -> tuple[dict[str, str], dict[tuple[str, str], str]]:
    """Column and value mappings of an uploaded mapping CSV (empty when none)."""
    if reused is None:
        return {}, {}
    try:
        raw = reused.getvalue()
        return ec.read_mapping(raw, reused.name), ec.read_value_map(raw, reused.name)
    except EigDataError as error:
        st.error(user_message(error))
        return {}, {}


def widget_maps(
    last: CampaignPlan | None, raw: bytes
) -> tuple[dict[str, str], dict[tuple[str, str], str]]:
    """What the analyst chose in the mapping selectboxes for the same file."""
    if last is None or last.checksum != hashlib.sha256(raw).hexdigest():
        return {}, {}
    columns = {
        c.header: st.session_state[f"map-col-{c.index}"]
        for c in last.columns
        if st.session_state.get(f"map-col-{c.index}")
    }
    values = {
        (item.question_id, item.value): st.session_state[f"map-val-{index}"]
        for index, item in enumerate(last.unknown_values)
        if st.session_state.get(f"map-val-{index}")
    }
    return columns, values


def columns_part(plan: CampaignPlan) -> None:
    if not plan.columns:
        return
    frame = pd.DataFrame(plan.column_table())
    caption = _("Colonnes du fichier ({count}) et leur correspondance")
    widgets.table(frame, caption.format(count=fmt.number(len(frame))))


def mapping_part(plan: CampaignPlan) -> None:
    """A selectbox per unrecognised column and per unknown answer value; the mapping CSV."""
    to_map = [c for c in plan.columns if c.kind == ec.UNMATCHED or c.how == ec.HOW_CHOSEN]
    if to_map:
        st.subheader(_("Colonnes à associer"))
        question = _("Question : {label}")
        choices = {q: question.format(label=label) for q, label in plan.targets.items()}
        choices.update({code: _(label) for code, label in ATTRIBUTE_CHOICES.items()})
        for column in to_map:
            key = f"map-col-{column.index}"
            current = column.target or (ec.IGNORE if column.kind == ec.IGNORED else None)
            if st.session_state.get(key) != current and column.how == ec.HOW_CHOSEN:
                st.session_state[key] = current
            st.selectbox(
                _("Colonne « {column} »").format(column=widgets.md_escape(column.name)),
                list(choices),
                index=None,
                format_func=choices.get,
                placeholder=_("Choisir une question, un attribut ou « ignorer »"),
                key=key,
            )
    values_part(plan)
    if plan.columns:
        st.download_button(
            _("Télécharger la correspondance des colonnes"),
            ec.mapping_csv(plan),
            file_name=f"correspondance-{file_stem(plan)}.csv",
            mime="text/csv",
            key="campaign-mapping-download",
            on_click="ignore",
        )


def file_stem(plan: CampaignPlan) -> str:
    """« enquete-2021-eig »: the campaign and questionnaire, for downloaded file names."""
    return f"{plan.campaign or 'campagne'}-{plan.questionnaire}"


def values_part(plan: CampaignPlan) -> None:
    if not plan.unknown_values:
        return
    st.subheader(_("Réponses à associer"))
    label = _("« {value} » ({count} fois) — question « {question} »")
    for index, item in enumerate(plan.unknown_values):
        key = f"map-val-{index}"
        if st.session_state.get(key) != item.chosen:
            st.session_state[key] = item.chosen
        st.selectbox(
            label.format(
                value=widgets.md_escape(item.value),
                count=fmt.number(item.count),
                question=widgets.md_escape(item.question_label),
            ),
            list(item.allowed),
            index=None,
            format_func=item.allowed.get,
            placeholder=_("Choisir la réponse correspondante"),
            key=key,
        )


def preview_part(plan: CampaignPlan) -> None:
    preview = plan.preview
    if preview is None:
        return
    st.subheader(_("Aperçu de la campagne importée"))
    for note in preview.notes():
        st.markdown(f"- {note}")
    left, right = st.columns(2)
    left.metric(_("Répondants retenus"), fmt.number(preview.respondents))
    rate_help = _("Répondants retenus / personnes invitées")
    right.metric(_("Taux de réponse"), preview.response_rate, help=rate_help)
    figures_part(plan)
    columns = [_("Question"), _("Réponses"), _("Sans réponse")]
    rows = [(q.label, q.answered, q.no_answer) for q in preview.questions]
    widgets.table(pd.DataFrame(rows, columns=columns), _("Réponses par question"))
    st.markdown("**" + _("Autres campagnes") + "**")
    st.markdown("\n".join(f"- {widgets.md_escape(line)}" for line in preview.unchanged))
    moves = widgets.changes_frame(preview.figure_changes)
    if not moves.empty:
        widgets.table(moves, _("Chiffres du tableau de bord qui bougeront"))


def figures_part(plan: CampaignPlan) -> None:
    """The campaign's main figures as the survey pages will show them (n and interval)."""
    figures = plan.preview.figures if plan.preview else []
    if not figures:
        return
    st.markdown("**" + _("Chiffres principaux de la campagne") + "**")
    for column, figure in zip(st.columns(len(figures)), figures, strict=True):
        with column:
            got = figure.share
            st.metric(figure.label, "—" if got.suppressed else fmt.percent(got.share))
            st.caption(figure.text())


def confirm(plan: CampaignPlan, stored: tuple) -> None:
    result = apply_campaign(plan, access.user_name())
    widgets.clear_connection()
    st.session_state[STORED_KEY] = stored
    st.session_state[RESULT_KEY] = result.message
    st.rerun()
