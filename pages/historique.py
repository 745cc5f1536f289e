"""Historique des imports (analystes) : chaque import et retour en arrière, l'annulation d'un
import entier (une campagne ou une promotion et tout ce qu'elle a créé) et le retour à une
version antérieure d'un jeu de données, après confirmation (eux-mêmes journalisés)."""

from __future__ import annotations

import streamlit as st

import widgets
from eigdata.i18n import N_, _
from eigdata.ingest import rollback
from eigdata.ingest.changes import undo_change
from eigdata.schemas import datasets
from eigdata.storage import journal
from eigdata.storage.store import data_dir
from widgets import access

PENDING_KEY, DONE_KEY = "rollback-pending", "rollback-done"
UNDO_KEY = "undo-pending"
TITLE = N_("Historique des imports")
INTRO = N_(
    "Réservé aux analystes : toutes les versions de chaque jeu de données importé, qui les a "
    "importées, quand, depuis quel fichier (empreinte SHA-256), et le retour à une version "
    "antérieure."
)


def journal_section() -> None:
    done = st.session_state.pop(DONE_KEY, None)
    if done:
        st.success(done)
    st.header(_("Journal des imports"))
    frame = journal.audit_table(data_dir())
    if frame.empty:
        st.info(
            _("Aucun import enregistré : le tableau de bord lit les fichiers livrés dans data/.")
        )
        return
    widgets.table(frame, _("Imports et retours en arrière, du plus récent au plus ancien"))


def undo_section() -> None:
    changes = journal.season_changes(data_dir())
    undoable = changes[changes["undoable"]]
    if undoable.empty:
        return
    st.header(_("Annuler un import"))
    st.markdown(
        _(
            "Annuler un import remet chaque jeu de données qu'il a modifié (par exemple les "
            "réponses, la campagne et sa source) dans l'état d'avant cet import, en une fois. "
            "Seul un import dont les jeux n'ont pas changé depuis peut être annulé ainsi."
        )
    )
    line = _("Import n° {change} — {action} : {scope} ({who}, {when} UTC ; {datasets})")
    for row in undoable.to_dict("records"):
        label = widgets.md_escape(line.format(**row))
        left, right = st.columns([3, 2])
        left.markdown(label)
        if right.button(_("Annuler cet import"), key=f"undo-{row['change']}"):
            st.session_state[UNDO_KEY] = (int(row["change"]), label)
    confirm_undo()


def confirm_undo() -> None:
    pending = st.session_state.get(UNDO_KEY)
    if not pending:
        return
    change, label = pending
    st.warning(
        _("{label} sera annulé ; l'annulation sera inscrite au journal.").format(label=label)
    )
    yes, no = st.columns(2)
    if no.button(_("Garder cet import"), key="undo-cancel"):
        st.session_state.pop(UNDO_KEY, None)
        st.rerun()
    if yes.button(_("Confirmer l'annulation"), type="primary", key="undo-confirm"):
        st.session_state.pop(UNDO_KEY, None)
        result = undo_change(data_dir(), change, access.user_name())
        widgets.clear_connection()
        st.session_state[DONE_KEY] = result.message
        st.rerun()


def rollback_section() -> None:
    folder = data_dir()
    names = journal.imported_datasets(folder)
    if not names:
        return
    st.header(_("Revenir à une version antérieure"))
    titles = {n: f"{datasets()[n].title} ({n})" for n in names}
    name = st.selectbox(_("Jeu de données"), names, format_func=titles.get, key="rollback-dataset")
    versions = journal.versions_of(folder, name).to_dict("records")
    active = next(v for v in versions if v["active"])
    shown = widgets.md_escape(journal.version_label(active))
    st.markdown(_("Version active : **{version}**.").format(version=shown))
    for row in versions:
        if row["active"]:
            continue
        label = widgets.md_escape(journal.version_label(row))
        left, right = st.columns([3, 2])
        left.markdown(label)
        key = f"rollback-{name}-{row['version']}"
        if right.button(_("Revenir à cette version"), key=key):
            st.session_state[PENDING_KEY] = (name, int(row["version"]), label)
    confirm_part()


def confirm_part() -> None:
    pending = st.session_state.get(PENDING_KEY)
    if not pending:
        return
    name, version, label = pending
    st.warning(
        _(
            "« {title} » reviendra à la {version}. Les autres versions restent archivées ; ce "
            "retour en arrière sera inscrit au journal."
        ).format(title=datasets()[name].title, version=label)
    )
    yes, no = st.columns(2)
    if no.button(_("Annuler"), key="rollback-cancel"):
        st.session_state.pop(PENDING_KEY, None)
        st.rerun()
    if yes.button(_("Confirmer le retour en arrière"), type="primary", key="rollback-confirm"):
        st.session_state.pop(PENDING_KEY, None)
        result = rollback(data_dir(), name, version, access.user_name())
        widgets.clear_connection()
        st.session_state[DONE_KEY] = result.message
        st.rerun()


def main() -> None:
    sections = (journal_section, undo_section, rollback_section)
    sections = sections if access.is_analyst() else (access.refusal,)
    widgets.run_page(TITLE, *sections, intro=INTRO)


main()
