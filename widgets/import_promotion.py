"""Import page section: une nouvelle promotion depuis sa feuille (une ligne par personne et
défi). Réglages, dépôt, colonnes reconnues (à associer si besoin), problèmes regroupés ou aperçu
de la promotion telle que la page Composition la montrera, puis confirmation."""

from __future__ import annotations

import datetime as dt
import hashlib
import math

import pandas as pd
import streamlit as st

import widgets
from eigdata import formatting as fmt
from eigdata.ingest import max_upload_bytes, promotion
from eigdata.ingest.promotion import PromotionPlan
from eigdata.storage.store import data_dir, fingerprint
from widgets import access

PLANS_KEY, RESULT_KEY = "promotion-plans", "import-result"
AUTO = "auto"
PROGRAMMES = {AUTO: "D'après le nom (DIG si le nom commence par DIG, sinon EIG)"}
PROGRAMMES |= {p: p for p in promotion.PROGRAMMES}
CHOOSE = ""
INTRO = (
    "La feuille de la promotion : une ligne par personne et par défi, avec les colonnes "
    "**Personne**, **Rôle** (EIG ou Mentor), **Profil**, **Défi** et **Administration** ; "
    "**Service**, **Ville** et **Durée (mois)** si vous les avez. En-têtes en français ou en "
    "anglais ; Excel .xlsx ou CSV. Les noms ne sont jamais enregistrés : chaque personne reçoit "
    "un identifiant pseudonyme. Les autres promotions ne changent pas."
)


def section() -> None:
    """Draw the section (settings, upload, columns, problems or preview, confirmation)."""
    st.markdown(INTRO)
    name, year, programme, duration, replace = settings()
    limit_mb = math.ceil(max_upload_bytes() / 2**20)
    upload = st.file_uploader(
        "Feuille de la promotion", key="promotion-upload", max_upload_size=limit_mb
    )
    if upload is None:
        return
    if not name.strip():
        st.warning("Indiquez le nom de la promotion (par exemple « EIG 5 ») pour continuer.")
        return
    raw = upload.getvalue()
    args = (upload.name, raw, name, year, programme, duration, replace)
    plan = planned(*args, column_map=None)
    if plan.detection:
        st.markdown(f"**Détecté :** {plan.detection.describe()}.")
    columns_holder = st.container()  # filled once the analyst's column choices are known
    column_map = column_choices(plan)
    if column_map:
        plan = planned(*args, column_map=column_map)
    with columns_holder:
        columns_part(plan)
    if plan.problems:
        widgets.problems(plan.problems, f"problemes-{plan.source_doc}")
        return
    preview_part(plan)


def settings() -> tuple[str, int, str | None, int, bool]:
    """Name, year, programme (None: from the name), duration, replace."""
    left, middle, right = st.columns(3)
    name = left.text_input("Nom de la promotion", key="promotion-name", placeholder="EIG 5")
    year = middle.number_input(
        "Année de lancement",
        min_value=2016,
        max_value=2100,
        value=dt.date.today().year,
        step=1,
        key="promotion-year",
    )
    duration = right.number_input(
        "Durée des défis (mois)", min_value=1, max_value=24, value=10, key="promotion-duration"
    )
    programme = st.selectbox(
        "Programme", list(PROGRAMMES), format_func=PROGRAMMES.get, key="promotion-programme"
    )
    replace = st.checkbox("Remplacer la promotion si elle existe", key="promotion-replace")
    return name, int(year), None if programme == AUTO else programme, int(duration), replace


def planned(
    file_name: str,
    raw: bytes,
    name: str,
    year: int,
    programme: str | None,
    duration: int,
    replace: bool,
    *,
    column_map: dict[str, str] | None,
) -> PromotionPlan:
    """The plan of these settings and this upload (kept for the session while the data and
    the inputs stay the same)."""
    folder = data_dir()
    digest = hashlib.sha256(raw).hexdigest()
    key = (str(folder), file_name, digest, name, year, programme, duration, replace)
    key += (tuple(sorted((column_map or {}).items())),)
    plans = st.session_state.setdefault(PLANS_KEY, {})
    plan = plans.get(key)
    if plan is None or plan.change.state != fingerprint(folder):
        with st.spinner("Vérification de la feuille et calcul de l'aperçu…"):
            plan = promotion.plan_promotion(
                folder,
                file_name,
                raw,
                promotion=name,
                year=year,
                programme=programme,
                duration_months=duration,
                replace=replace,
                column_map=column_map,
            )
        st.session_state[PLANS_KEY] = {**dict(list(plans.items())[-1:]), key: plan}
    return plan


def column_choices(plan: PromotionPlan) -> dict[str, str]:
    """A selectbox per column the import did not recognise; the analyst's choices."""
    if not plan.unmatched:
        return {}
    st.markdown(
        "**Colonnes non reconnues** : dites à quelle colonne chacune correspond, ou choisissez "
        "« ignorer » (ses valeurs ne seront pas importées)."
    )
    options = [CHOOSE, *promotion.COLUMNS, promotion.IGNORE]
    chosen = {}
    for column in plan.unmatched:
        value = st.selectbox(
            f"Colonne « {widgets.md_escape(column.name)} »",
            options,
            format_func=lambda o: "— à choisir —" if o == CHOOSE else o,
            key=f"promotion-column-{column.index}",
        )
        if value != CHOOSE:
            chosen[column.header] = value
    return chosen


def columns_part(plan: PromotionPlan) -> None:
    if not plan.columns:
        return
    frame = pd.DataFrame(
        {
            "Colonne du fichier": [c.name for c in plan.columns],
            "Lue comme": [c.target or "—" for c in plan.columns],
            "Comment": [c.how for c in plan.columns],
        }
    )
    with st.expander("Colonnes de la feuille", expanded=bool(plan.unmatched)):
        st.dataframe(frame, hide_index=True, width="stretch", key="promotion-columns")


def preview_part(plan: PromotionPlan) -> None:
    preview = plan.preview
    if preview is None:
        return
    if plan.change.changes_nothing:
        st.info("Rien ne change : les données sont déjà celles-ci.")
        return
    st.subheader(f"Aperçu de la promotion {widgets.md_escape(preview.promotion)}")
    eig, mentors, defis = st.columns(3)
    eig.metric("EIG", fmt.number(preview.eig))
    mentors.metric("Mentors", fmt.number(preview.mentors))
    defis.metric("Défis", fmt.number(preview.defis))
    st.markdown(widgets.md_escape(preview.hosts_line()))
    widgets.table(profile_frame(plan), "Profils des EIG, comme sur la page Composition")
    if preview.unknown_profiles:
        listed = ", ".join(
            f"« {widgets.md_escape(t)} » ({fmt.number(n)} EIG)" for t, n in preview.unknown_profiles
        )
        st.info(f"Profils non reconnus, comptés « autre profil » : {listed}.")
    st.markdown("**Autres promotions**")
    st.markdown("\n".join(f"- {widgets.md_escape(o.line())}" for o in preview.others))
    figures_part(plan)
    with st.expander("Lignes ajoutées, supprimées ou modifiées par fichier"):
        rows = [(name, diff.describe()) for name, diff in plan.change.diffs.items()]
        st.dataframe(
            pd.DataFrame(rows, columns=["Fichier", "Changements"]),
            hide_index=True,
            width="stretch",
        )
    if st.button("Confirmer l'import de la promotion", type="primary", key="confirm-promotion"):
        confirm(plan)


def profile_frame(plan: PromotionPlan) -> pd.DataFrame:
    mix = plan.preview.profile_mix if plan.preview else []
    return pd.DataFrame(
        {
            "Profil": [g.label for g in mix],
            "EIG": [g.count for g in mix],
            "Part": [fmt.percent(g.share) for g in mix],
        }
    )


def figures_part(plan: PromotionPlan) -> None:
    changes = plan.preview.figure_changes if plan.preview else []
    st.markdown("**Chiffres du tableau de bord qui bougeront**")
    if not changes:
        st.markdown("Aucun des chiffres clés suivis ne change.")
        return
    frame = widgets.changes_frame(changes)
    st.dataframe(frame, hide_index=True, width="stretch", key="promotion-figures")


def confirm(plan: PromotionPlan) -> None:
    result = promotion.apply_promotion(plan, access.user_name())
    widgets.clear_connection()
    st.session_state.pop(PLANS_KEY, None)
    st.session_state[RESULT_KEY] = result.message
    st.rerun()
