"""Accueil : les chiffres clés du programme, chacun avec sa source."""

from __future__ import annotations

import streamlit as st

import widgets
from eigdata import formatting as fmt
from eigdata import labels, queries

HEADLINE = [
    ("eig", "EIG recrutés (promotions 1 à 3)", fmt.number),
    ("defis", "Défis relevés (promotions 1 à 3)", fmt.number),
    ("new_host_services", "Services ou directions lauréats", fmt.number),
    ("candidates", "Candidatures EIG", fmt.number),
    ("pia_envelope", "Enveloppe PIA", fmt.euros),
    ("candidates_per_place", "Candidats par place", lambda v: fmt.number(v, 1)),
]
ROSTER = [
    ("promotions", "Promotions"),
    ("eig", "EIG et designers (personnes)"),
    ("mentors", "Mentors (personnes)"),
    ("defis", "Défis"),
    ("host_services", "Services d'accueil"),
]


def published_section() -> None:
    figures = queries.headline_figures(widgets.connection())
    st.header("Les trois premières promotions en chiffres publiés")
    columns = st.columns(3)
    for i, (key, label, render) in enumerate(HEADLINE):
        item = figures[key]
        with columns[i % 3]:
            widgets.figure(label, render(item.value), item.source)


def roster_section() -> None:
    totals = queries.roster_totals(widgets.connection())
    st.header("Toutes les promotions, d'après le site du programme")
    st.caption(
        "Comptes calculés à partir de la liste des défis et des participants publiée sur le "
        "site du programme (EIG 1 à EIG 4 et DIG ; données pseudonymisées, Licence Ouverte). "
        "Une personne présente dans plusieurs promotions est comptée une fois."
    )
    columns = st.columns(len(ROSTER))
    for column, (key, label) in zip(columns, ROSTER, strict=True):
        with column:
            widgets.figure(label, fmt.number(totals[key]), "site du programme EIG (2022-09-05)")


def reconciliation_section() -> None:
    frame = queries.reconciliation(widgets.connection())
    gaps = frame[frame["status"] == "écart"]
    st.header("Chiffres publiés et chiffres du site")
    st.markdown(
        f"{len(gaps)} chiffres publiés diffèrent de ceux que l'on compte sur le site du "
        "programme ; les deux sont conservés et montrés côte à côte."
    )
    shown = gaps[["promotion", "indicator", "published", "roster", "difference"]].copy()
    shown["indicator"] = shown["indicator"].map(labels.indicator)
    shown = shown.rename(
        columns={
            "promotion": "Promotion",
            "indicator": "Indicateur",
            "published": "Publié",
            "roster": "Site EIG",
            "difference": "Écart",
        }
    )
    widgets.table(shown, "Écarts entre chiffres publiés et site du programme")
    totals_section()


def totals_section() -> None:
    checks = queries.published_total_checks(widgets.connection())
    broken = checks[~checks["consistent"]]
    for row in broken.itertuples():
        st.warning(
            f"Dans le tableau du rapport, le total « {labels.indicator(row.indicator)} »"
            f" vaut {fmt.number(row.published_total)} alors que ses colonnes EIG 1 à EIG 3 "
            f"s'additionnent à {fmt.number(row.sum_of_promotions)} : les deux sont conservés."
        )


def main() -> None:
    widgets.run_page(
        "Impact du programme Entrepreneurs d'intérêt général",
        published_section,
        roster_section,
        reconciliation_section,
        intro="Tableau de bord des promotions EIG et DIG : recrutement, budget PIA, "
        "réalisations et trajectoires.",
    )


main()
