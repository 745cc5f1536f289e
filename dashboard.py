"""Tableau de bord d'impact du programme Entrepreneurs d'intérêt général — point d'entrée."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

import widgets
from eigdata.i18n import N_, _
from widgets import access, language

PAGES_DIR = Path(__file__).parent / "pages"
PAGES = [
    ("accueil.py", N_("Accueil"), ":material/home:"),
    ("composition.py", N_("Composition des promotions"), ":material/groups:"),
    ("budget.py", N_("Budget PIA"), ":material/euro:"),
    ("production.py", N_("Production des outils"), ":material/build:"),
    ("trajectoires.py", N_("Trajectoires"), ":material/trending_up:"),
    ("international.py", N_("Comparaison internationale"), ":material/public:"),
    ("enquetes.py", N_("Enquêtes"), ":material/quiz:"),
    ("donnees.py", N_("Données et sources"), ":material/dataset:"),
]
ANALYST_PAGES = [
    ("import_donnees.py", N_("Importer des données"), ":material/upload_file:"),
    ("historique.py", N_("Historique des imports"), ":material/history:"),
]
LOGIN_PAGE = ("connexion.py", N_("Connexion analyste"), ":material/login:")


def visible_pages(analyst: bool) -> list[tuple[str, str, str]]:
    """The pages of the navigation: analyst pages only with the analyst role; the login page
    (login form, or the analyst's logout, or how to enable import) always last."""
    return PAGES + (ANALYST_PAGES if analyst else []) + [LOGIN_PAGE]


def main() -> None:
    """Configure the app and route to the pages in pages/ this session may see."""
    language.current()
    st.set_page_config(
        page_title=_("Impact du programme EIG"), page_icon=":bar_chart:", layout="wide"
    )
    widgets.declare_language()
    analyst = access.is_analyst()
    pages = [
        st.Page(str(PAGES_DIR / file), title=_(title), icon=icon, default=i == 0)
        for i, (file, title, icon) in enumerate(visible_pages(analyst))
    ]
    access.sidebar_status()
    language.switch()
    st.navigation(pages).run()


if __name__ == "__main__":  # Streamlit runs this file as __main__; tests import it
    main()
