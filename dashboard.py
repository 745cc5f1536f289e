"""Tableau de bord d'impact du programme Entrepreneurs d'intérêt général — point d'entrée."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

import widgets

PAGES_DIR = Path(__file__).parent / "pages"
PAGES = [
    ("accueil.py", "Accueil", ":material/home:"),
    ("composition.py", "Composition des promotions", ":material/groups:"),
    ("budget.py", "Budget PIA", ":material/euro:"),
    ("production.py", "Production des outils", ":material/build:"),
    ("trajectoires.py", "Trajectoires", ":material/trending_up:"),
    ("enquetes.py", "Enquêtes", ":material/quiz:"),
    ("donnees.py", "Données et sources", ":material/dataset:"),
]


def main() -> None:
    """Configure the app and route to the pages in pages/."""
    st.set_page_config(page_title="Impact du programme EIG", page_icon=":bar_chart:", layout="wide")
    widgets.declare_language()
    pages = [
        st.Page(str(PAGES_DIR / file), title=title, icon=icon, default=i == 0)
        for i, (file, title, icon) in enumerate(PAGES)
    ]
    st.navigation(pages).run()


main()
