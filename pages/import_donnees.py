"""Importer des données (analystes) : une campagne d'enquête depuis l'export de l'outil
d'enquête, une nouvelle promotion depuis sa feuille, ou une table complète (import expert).
Contrôle complet, aperçu des changements et des chiffres qui bougeront, puis confirmation ;
rien n'est écrit avant."""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

import widgets
from eigdata import formatting as fmt
from eigdata.i18n import N_, _, lang
from eigdata.ingest import (
    ImportPlan,
    apply_import,
    impact,
    max_upload_bytes,
    plan_import,
    templates,
)
from eigdata.schemas import datasets
from eigdata.storage import journal
from eigdata.storage.store import data_dir, fingerprint
from widgets import access, import_campaign, import_promotion

FIRST = ["survey_responses", "survey_campaigns", "roster_members", "roster_defis"]
FIRST += ["roster_member_defis", "roster_defi_key_figures", "pia_budget", "promotions"]
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TEMPLATES = [
    ("csv", N_("Modèle CSV (virgule)"), "csv", "text/csv"),
    ("csv-excel", N_("Modèle CSV pour Excel (point-virgule)"), "csv", "text/csv"),
    (
        "xlsx",
        N_("Modèle Excel avec instructions"),
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
]
PLAN_KEY, RESULT_KEY = "import-plan", "import-result"
TITLE = N_("Importer des données")
INTRO = N_(
    "Réservé aux analystes : choisissez ce que vous importez, déposez le fichier, vérifiez "
    "l'aperçu puis confirmez. Les imports et retours en arrière sont inscrits au journal (page "
    "« Historique des imports »)."
)


def dataset_names() -> list[str]:
    """Every dataset, the usual imports (surveys, roster, budget, promotions) first."""
    names = list(datasets())
    return [n for n in FIRST if n in names] + [n for n in names if n not in FIRST]


MODES = {
    "campagne": N_("Une campagne d'enquête (export d'un outil d'enquête)"),
    "promotion": N_("Une nouvelle promotion (feuille de la promotion)"),
    "table": N_("Une table complète (import expert)"),
}
CHANGE_KINDS = {
    "added": N_("ajoutée"),
    "removed": N_("supprimée"),
    "changed": N_("modifiée"),
}


def import_section() -> None:
    last_result()
    mode = st.radio(
        _("Que voulez-vous importer ?"),
        list(MODES),
        format_func={mode: _(label) for mode, label in MODES.items()}.get,
        key="import-mode",
    )
    if mode == "campagne":
        import_campaign.section()
    elif mode == "promotion":
        import_promotion.section()
    else:
        table_section()


def table_section() -> None:
    titles = {n: f"{datasets()[n].title} ({n})" for n in dataset_names()}
    name = st.selectbox(_("Données à importer"), list(titles), format_func=titles.get)
    st.caption(datasets()[name].description)
    template_buttons(name)
    limit_mb = math.ceil(max_upload_bytes() / 2**20)
    st.warning(
        _(
            "Import expert : le fichier **remplace tout le contenu** de « {title} » (toutes les "
            "promotions et campagnes qu'il contient). Pour ajouter une campagne d'enquête ou une "
            "promotion sans toucher aux autres, choisissez plutôt ces imports ci-dessus."
        ).format(title=datasets()[name].title)
    )
    st.markdown(
        _(
            "CSV « ; » ou « , », UTF-8 ou Windows-1252, ou Excel .xlsx ; {limit} Mo au plus. "
            "Tout est vérifié avant d'écrire quoi que ce soit ; la version précédente reste "
            "archivée."
        ).format(limit=limit_mb)
    )
    upload = st.file_uploader(
        _("Fichier à importer"), key=f"upload-{name}", max_upload_size=limit_mb
    )
    if upload is None:
        return
    plan = planned(name, upload.name, upload.getvalue())
    if plan.detection:
        st.markdown(_("**Détecté :** {detection}.").format(detection=plan.detection.describe()))
    if plan.problems:
        problems_part(plan)
        return
    preview_part(plan)


def template_buttons(name: str) -> None:
    columns = st.columns(len(TEMPLATES))
    for column, (fmt_name, label, extension, mime) in zip(columns, TEMPLATES, strict=True):
        suffix = "-excel" if fmt_name == "csv-excel" else ""
        column.download_button(
            _(label),
            templates.render(name, fmt_name),
            file_name=f"modele-{name}{suffix}.{extension}",
            mime=mime,
            key=f"template-{fmt_name}",
            on_click="ignore",
        )


def planned(name: str, file_name: str, raw: bytes) -> ImportPlan:
    """The import plan of this upload (kept for the session until the data change)."""
    folder = data_dir()
    cached = st.session_state.get(PLAN_KEY)
    if cached is not None:
        plan, _figures = cached
        same = (plan.dataset, plan.file_name, plan.raw) == (name, file_name, raw)
        if same and plan.data_dir == folder and fingerprint(folder) == plan.state:
            return plan
    with st.spinner(_("Vérification du fichier…")):
        plan = plan_import(folder, name, file_name, raw)
    st.session_state[PLAN_KEY] = (plan, None)
    return plan


def problems_part(plan: ImportPlan) -> None:
    widgets.problems(plan.problems, f"problemes-{plan.dataset}")
    if plan.unknown_promotions and plan.dataset.startswith("roster_"):
        unknown_promotions_part(plan)


def unknown_promotions_part(plan: ImportPlan) -> None:
    names = ", ".join(
        _("« {value} »").format(value=widgets.md_escape(p)) for p in plan.unknown_promotions
    )
    st.info(
        _(
            "Promotion(s) inconnue(s) : {promotions}. Pour les ajouter : téléchargez le fichier "
            "des promotions ci-dessous (les promotions actuelles et une ligne par nouvelle "
            "promotion), complétez ces lignes (programme, année, ordre, source), importez-le "
            "comme « Promotions », puis importez de nouveau ce fichier."
        ).format(promotions=names)
    )
    st.download_button(
        _("Fichier des promotions à compléter"),
        templates.promotions_to_complete(plan.data_dir, plan.unknown_promotions),
        file_name="promotions-a-completer.csv",
        mime="text/csv",
        key="promotions-to-complete",
        on_click="ignore",
    )


def preview_part(plan: ImportPlan) -> None:
    if plan.changes_nothing:
        st.info(widgets.md_escape(plan.summary()))
        return
    st.subheader(_("Ce qui changera"))
    added, removed, changed = st.columns(3)
    added.metric(_("Lignes ajoutées"), fmt.number(len(plan.added)))
    removed.metric(_("Lignes supprimées"), fmt.number(len(plan.removed)))
    changed.metric(_("Lignes modifiées"), fmt.number(len(plan.changed)))
    st.markdown(widgets.md_escape(plan.summary()).replace("\n", "  \n"))
    with st.expander(_("Lignes concernées (clé de chaque ligne)")):
        kinds = {kind: _(label) for kind, label in CHANGE_KINDS.items()}
        rows = [(kinds[kind], key) for kind in kinds for key in getattr(plan, kind)]
        columns = [_("Changement"), _("Ligne")]
        st.dataframe(pd.DataFrame(rows, columns=columns), hide_index=True, width="stretch")
    figures_part(plan)
    if st.button(_("Confirmer l'import"), type="primary", key="confirm-import"):
        confirm(plan)


def figures_part(plan: ImportPlan) -> None:
    st.subheader(_("Chiffres du tableau de bord qui bougeront"))
    plan_state, figures = st.session_state.get(PLAN_KEY, (None, None))
    changes = (figures or {}).get(lang()) if plan_state is plan else None
    if changes is None:  # computed once per plan and language (the labels are worded)
        with st.spinner(_("Calcul des chiffres après import…")):
            changes = impact.figure_changes(plan)
        kept = (figures or {}) if plan_state is plan else {}
        st.session_state[PLAN_KEY] = (plan, {**kept, lang(): changes})
    if not changes:
        st.markdown(_("Aucun des chiffres clés suivis ne change."))
        return
    caption = _("{count} chiffre(s) changeront").format(count=fmt.number(len(changes)))
    widgets.table(widgets.changes_frame(changes), caption)


def confirm(plan: ImportPlan) -> None:
    result = apply_import(plan, access.user_name())
    widgets.clear_connection()
    st.session_state.pop(PLAN_KEY, None)
    st.session_state[RESULT_KEY] = result.message
    st.rerun()


def last_result() -> None:
    message = st.session_state.pop(RESULT_KEY, None)
    if message:
        st.success(message)
        audit = journal.audit_table(data_dir()).head(1)
        widgets.table(audit, _("Ligne ajoutée au journal des imports"))


def main() -> None:
    sections = (import_section,) if access.is_analyst() else (access.refusal,)
    widgets.run_page(TITLE, *sections, intro=INTRO)


main()
