"""Données et sources : les documents sources et le dictionnaire de chaque fichier livré."""

from __future__ import annotations

import streamlit as st

import widgets
from eigdata import dictionary, queries
from eigdata.i18n import N_, _


def sources_section() -> None:
    frame = widgets.cached(queries.sources)
    st.header(_("Documents sources"))
    shown = frame[["short_title", "title", "publisher", "published", "source_doc"]].rename(
        columns={
            "short_title": _("Titre court"),
            "title": _("Titre"),
            "publisher": _("Éditeur"),
            "published": _("Date"),
            "source_doc": _("Fichier"),
        }
    )
    widgets.table(shown, _("Documents dont proviennent les chiffres"))


def dictionary_section() -> None:
    st.header(_("Dictionnaire des données"))
    overview = dictionary.datasets_overview()
    widgets.table(overview, _("Fichiers livrés dans data/"))
    files = dictionary.dataset_files()
    chosen = widgets.url_selectbox(
        _("Fichier à détailler"), "fichier", list(files), format_func=files.get
    )
    widgets.table(dictionary.columns(chosen), _("Colonnes de {file}").format(file=files[chosen]))


def main() -> None:
    widgets.run_page(
        N_("Données et sources"),
        sources_section,
        dictionary_section,
        intro=N_(
            "Chaque chiffre du tableau de bord vient d'un document publié ou du site du "
            "programme. Cette page liste ces documents et décrit chaque fichier de données, "
            "colonne par colonne, à partir des schémas qui servent aussi à la validation."
        ),
    )


main()
