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
from eigdata.i18n import N_, _, lang
from eigdata.ingest import max_upload_bytes, promotion
from eigdata.ingest.promotion import PromotionPlan
from eigdata.storage.store import data_dir, fingerprint
from widgets import access

PLANS_KEY, RESULT_KEY = "promotion-plans", "import-result"
AUTO = "auto"
AUTO_LABEL = N_("D'après le nom (DIG si le nom commence par DIG, sinon EIG)")
PROGRAMMES = [AUTO, *promotion.PROGRAMMES]
CHOOSE = ""
INTRO = N_(
    "La feuille de la promotion : une ligne par personne et par défi, avec les colonnes "
    "**Personne**, **Rôle** (EIG ou Mentor), **Profil**, **Défi** et **Administration** ; "
    "**Service**, **Ville** et **Durée (mois)** si vous les avez. En-têtes en français ou en "
    "anglais ; Excel .xlsx ou CSV. Les noms ne sont jamais enregistrés : chaque personne reçoit "
    "un identifiant pseudonyme. Les autres promotions ne changent pas."
)
# The sheet's columns (codes: `promotion.COLUMNS`, « ignorer ») as shown.
COLUMN_LABELS = {
    "Personne": N_("Personne"),
    "Rôle": N_("Rôle"),
    "Profil": N_("Profil"),
    "Défi": N_("Défi"),
    "Administration": N_("Administration"),
    "Service": N_("Service"),
    "Ville": N_("Ville"),
    "Durée (mois)": N_("Durée (mois)"),
    promotion.IGNORE: N_("ignorer"),
}


def section() -> None:
    """Draw the section (settings, upload, columns, problems or preview, confirmation)."""
    st.markdown(_(INTRO))
    name, year, programme, duration, replace = settings()
    limit_mb = math.ceil(max_upload_bytes() / 2**20)
    upload = st.file_uploader(
        _("Feuille de la promotion"), key="promotion-upload", max_upload_size=limit_mb
    )
    if upload is None:
        return
    if not name.strip():
        st.warning(_("Indiquez le nom de la promotion (par exemple « EIG 5 ») pour continuer."))
        return
    raw = upload.getvalue()
    args = (upload.name, raw, name, year, programme, duration, replace)
    plan = planned(*args, column_map=None)
    if plan.detection:
        st.markdown(_("**Détecté :** {detection}.").format(detection=plan.detection.describe()))
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
    name = left.text_input(_("Nom de la promotion"), key="promotion-name", placeholder="EIG 5")
    year = middle.number_input(
        _("Année de lancement"),
        min_value=2016,
        max_value=2100,
        value=dt.date.today().year,
        step=1,
        key="promotion-year",
    )
    duration = right.number_input(
        _("Durée des défis (mois)"), min_value=1, max_value=24, value=10, key="promotion-duration"
    )
    programme = st.selectbox(
        _("Programme"),
        PROGRAMMES,
        format_func={p: _(AUTO_LABEL) if p == AUTO else p for p in PROGRAMMES}.get,
        key="promotion-programme",
    )
    replace = st.checkbox(_("Remplacer la promotion si elle existe"), key="promotion-replace")
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
    key = (str(folder), lang(), file_name, digest, name, year, programme, duration, replace)
    key += (tuple(sorted((column_map or {}).items())),)
    plans = st.session_state.setdefault(PLANS_KEY, {})
    plan = plans.get(key)
    if plan is None or plan.change.state != fingerprint(folder):
        with st.spinner(_("Vérification de la feuille et calcul de l'aperçu…")):
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
        _(
            "**Colonnes non reconnues** : dites à quelle colonne chacune correspond, ou "
            "choisissez « ignorer » (ses valeurs ne seront pas importées)."
        )
    )
    options = [CHOOSE, *promotion.COLUMNS, promotion.IGNORE]
    labels = {o: _("— à choisir —") if o == CHOOSE else column_label(o) for o in options}
    chosen = {}
    for column in plan.unmatched:
        value = st.selectbox(
            _("Colonne « {column} »").format(column=widgets.md_escape(column.name)),
            options,
            format_func=labels.get,
            key=f"promotion-column-{column.index}",
        )
        if value != CHOOSE:
            chosen[column.header] = value
    return chosen


def column_label(code: str) -> str:
    """A column of the sheet (or « ignorer ») in the run's language."""
    return _(COLUMN_LABELS[code]) if code in COLUMN_LABELS else code


def columns_part(plan: PromotionPlan) -> None:
    if not plan.columns:
        return
    frame = pd.DataFrame(
        {
            _("Colonne du fichier"): [c.name for c in plan.columns],
            _("Lue comme"): [column_label(c.target) if c.target else "—" for c in plan.columns],
            _("Comment"): [c.shown_how() for c in plan.columns],
        }
    )
    with st.expander(_("Colonnes de la feuille"), expanded=bool(plan.unmatched)):
        st.dataframe(frame, hide_index=True, width="stretch", key="promotion-columns")


def preview_part(plan: PromotionPlan) -> None:
    preview = plan.preview
    if preview is None:
        return
    if plan.change.changes_nothing:
        st.info(_("Rien ne change : les données sont déjà celles-ci."))
        return
    title = _("Aperçu de la promotion {promotion}")
    st.subheader(title.format(promotion=widgets.md_escape(preview.promotion)))
    eig, mentors, defis = st.columns(3)
    eig.metric(_("EIG"), fmt.number(preview.eig))
    mentors.metric(_("Mentors"), fmt.number(preview.mentors))
    defis.metric(_("Défis"), fmt.number(preview.defis))
    st.markdown(widgets.md_escape(preview.hosts_line()))
    widgets.table(profile_frame(plan), _("Profils des EIG, comme sur la page Composition"))
    if preview.unknown_profiles:
        one = _("« {profile} » ({count} EIG)")
        listed = ", ".join(
            one.format(profile=widgets.md_escape(t), count=fmt.number(n))
            for t, n in preview.unknown_profiles
        )
        st.info(
            _("Profils non reconnus, comptés « autre profil » : {profiles}.").format(
                profiles=listed
            )
        )
    st.markdown("**" + _("Autres promotions") + "**")
    st.markdown("\n".join(f"- {widgets.md_escape(o.line())}" for o in preview.others))
    figures_part(plan)
    with st.expander(_("Lignes ajoutées, supprimées ou modifiées par fichier")):
        rows = [(name, diff.describe()) for name, diff in plan.change.diffs.items()]
        st.dataframe(
            pd.DataFrame(rows, columns=[_("Fichier"), _("Changements")]),
            hide_index=True,
            width="stretch",
        )
    if st.button(_("Confirmer l'import de la promotion"), type="primary", key="confirm-promotion"):
        confirm(plan)


def profile_frame(plan: PromotionPlan) -> pd.DataFrame:
    mix = plan.preview.profile_mix if plan.preview else []
    return pd.DataFrame(
        {
            _("Profil"): [g.label for g in mix],
            _("EIG"): [g.count for g in mix],
            _("Part"): [fmt.percent(g.share) for g in mix],
        }
    )


def figures_part(plan: PromotionPlan) -> None:
    changes = plan.preview.figure_changes if plan.preview else []
    st.markdown("**" + _("Chiffres du tableau de bord qui bougeront") + "**")
    if not changes:
        st.markdown(_("Aucun des chiffres clés suivis ne change."))
        return
    frame = widgets.changes_frame(changes)
    st.dataframe(frame, hide_index=True, width="stretch", key="promotion-figures")


def confirm(plan: PromotionPlan) -> None:
    result = promotion.apply_promotion(plan, access.user_name())
    widgets.clear_connection()
    st.session_state.pop(PLANS_KEY, None)
    st.session_state[RESULT_KEY] = result.message
    st.rerun()
