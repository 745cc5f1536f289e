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
    ("csv", "Modèle CSV (virgule)", "csv", "text/csv"),
    ("csv-excel", "Modèle CSV pour Excel (point-virgule)", "csv", "text/csv"),
    (
        "xlsx",
        "Modèle Excel avec instructions",
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
]
PLAN_KEY, RESULT_KEY = "import-plan", "import-result"


def dataset_names() -> list[str]:
    """Every dataset, the usual imports (surveys, roster, budget, promotions) first."""
    names = list(datasets())
    return [n for n in FIRST if n in names] + [n for n in names if n not in FIRST]


MODES = {
    "campagne": "Une campagne d'enquête (export d'un outil d'enquête)",
    "promotion": "Une nouvelle promotion (feuille de la promotion)",
    "table": "Une table complète (import expert)",
}


def import_section() -> None:
    last_result()
    mode = st.radio(
        "Que voulez-vous importer ?", list(MODES), format_func=MODES.get, key="import-mode"
    )
    if mode == "campagne":
        import_campaign.section()
    elif mode == "promotion":
        import_promotion.section()
    else:
        table_section()


def table_section() -> None:
    titles = {n: f"{datasets()[n].title} ({n})" for n in dataset_names()}
    name = st.selectbox("Données à importer", list(titles), format_func=titles.get)
    st.caption(datasets()[name].description)
    template_buttons(name)
    limit_mb = math.ceil(max_upload_bytes() / 2**20)
    st.warning(
        f"Import expert : le fichier **remplace tout le contenu** de « {datasets()[name].title} » "
        "(toutes les promotions et campagnes qu'il contient). Pour ajouter une campagne "
        "d'enquête ou une promotion sans toucher aux autres, choisissez plutôt ces imports "
        "ci-dessus."
    )
    st.markdown(
        f"CSV « ; » ou « , », UTF-8 ou Windows-1252, ou Excel .xlsx ; {limit_mb} Mo au plus. "
        "Tout est vérifié avant d'écrire quoi que ce soit ; la version précédente reste archivée."
    )
    upload = st.file_uploader("Fichier à importer", key=f"upload-{name}", max_upload_size=limit_mb)
    if upload is None:
        return
    plan = planned(name, upload.name, upload.getvalue())
    if plan.detection:
        st.markdown(f"**Détecté :** {plan.detection.describe()}.")
    if plan.problems:
        problems_part(plan)
        return
    preview_part(plan)


def template_buttons(name: str) -> None:
    columns = st.columns(len(TEMPLATES))
    for column, (fmt_name, label, extension, mime) in zip(columns, TEMPLATES, strict=True):
        suffix = "-excel" if fmt_name == "csv-excel" else ""
        column.download_button(
            label,
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
        plan, _ = cached
        same = (plan.dataset, plan.file_name, plan.raw) == (name, file_name, raw)
        if same and plan.data_dir == folder and fingerprint(folder) == plan.state:
            return plan
    with st.spinner("Vérification du fichier…"):
        plan = plan_import(folder, name, file_name, raw)
    st.session_state[PLAN_KEY] = (plan, None)
    return plan


def problems_part(plan: ImportPlan) -> None:
    widgets.problems(plan.problems, f"problemes-{plan.dataset}")
    if plan.unknown_promotions and plan.dataset.startswith("roster_"):
        unknown_promotions_part(plan)


def unknown_promotions_part(plan: ImportPlan) -> None:
    names = ", ".join(f"« {widgets.md_escape(p)} »" for p in plan.unknown_promotions)
    st.info(
        f"Promotion(s) inconnue(s) : {names}. Pour les ajouter : téléchargez le fichier des "
        "promotions ci-dessous (les promotions actuelles et une ligne par nouvelle promotion), "
        "complétez ces lignes (programme, année, ordre, source), importez-le comme "
        "« Promotions », puis importez de nouveau ce fichier."
    )
    st.download_button(
        "Fichier des promotions à compléter",
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
    st.subheader("Ce qui changera")
    added, removed, changed = st.columns(3)
    added.metric("Lignes ajoutées", fmt.number(len(plan.added)))
    removed.metric("Lignes supprimées", fmt.number(len(plan.removed)))
    changed.metric("Lignes modifiées", fmt.number(len(plan.changed)))
    st.markdown(widgets.md_escape(plan.summary()).replace("\n", "  \n"))
    with st.expander("Lignes concernées (clé de chaque ligne)"):
        rows = [("ajoutée", k) for k in plan.added] + [("supprimée", k) for k in plan.removed]
        rows += [("modifiée", k) for k in plan.changed]
        st.dataframe(
            pd.DataFrame(rows, columns=["Changement", "Ligne"]), hide_index=True, width="stretch"
        )
    figures_part(plan)
    if st.button("Confirmer l'import", type="primary", key="confirm-import"):
        confirm(plan)


def figures_part(plan: ImportPlan) -> None:
    st.subheader("Chiffres du tableau de bord qui bougeront")
    plan_state, changes = st.session_state.get(PLAN_KEY, (None, None))
    if plan_state is not plan or changes is None:
        with st.spinner("Calcul des chiffres après import…"):
            changes = impact.figure_changes(plan)
        st.session_state[PLAN_KEY] = (plan, changes)
    if not changes:
        st.markdown("Aucun des chiffres clés suivis ne change.")
        return
    widgets.table(
        widgets.changes_frame(changes), f"{fmt.number(len(changes))} chiffre(s) changeront"
    )


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
        widgets.table(audit, "Ligne ajoutée au journal des imports")


def main() -> None:
    sections = (import_section,) if access.is_analyst() else (access.refusal,)
    widgets.run_page(
        "Importer des données",
        *sections,
        intro="Réservé aux analystes : choisissez ce que vous importez, déposez le fichier, "
        "vérifiez l'aperçu puis confirmez. Les imports et retours en arrière sont inscrits au "
        "journal (page « Historique des imports »).",
    )


main()
