"""Données et sources : les documents sources et le dictionnaire de chaque fichier livré."""

from __future__ import annotations

import streamlit as st

import widgets
from eigdata import dictionary, queries


def sources_section() -> None:
    frame = widgets.cached(queries.sources)
    st.header("Documents sources")
    shown = frame[["short_title", "title", "publisher", "published", "source_doc"]].rename(
        columns={
            "short_title": "Titre court",
            "title": "Titre",
            "publisher": "Éditeur",
            "published": "Date",
            "source_doc": "Fichier",
        }
    )
    widgets.table(shown, "Documents dont proviennent les chiffres")


def dictionary_section() -> None:
    st.header("Dictionnaire des données")
    overview = dictionary.datasets_overview()
    widgets.table(overview, "Fichiers livrés dans data/")
    files = dictionary.dataset_files()
    chosen = widgets.url_selectbox(
        "Fichier à détailler", "fichier", list(files), format_func=files.get
    )
    widgets.table(dictionary.columns(chosen), f"Colonnes de {files[chosen]}")


def main() -> None:
    widgets.run_page(
        "Données et sources",
        sources_section,
        dictionary_section,
        intro="Chaque chiffre du tableau de bord vient d'un document publié ou du site du "
        "programme. Cette page liste ces documents et décrit chaque fichier de données, "
        "colonne par colonne, à partir des schémas qui servent aussi à la validation.",
    )


main()
