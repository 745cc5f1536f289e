"""Accueil : où en est le programme, en un écran (dernière promotion, dernière campagne,
cinq chiffres et leur évolution, chacun menant à sa page filtrée), puis le détail des
chiffres clés, chacun avec sa source."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode

import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError

import widgets
from eigdata import formatting as fmt
from eigdata import labels, landing, queries
from eigdata.i18n import N_, _

GRID = 3  # figures per row of the landing
HEADLINE = [
    ("eig", N_("EIG recrutés (promotions 1 à 3)"), fmt.number),
    ("defis", N_("Défis relevés (promotions 1 à 3)"), fmt.number),
    ("new_host_services", N_("Services ou directions lauréats"), fmt.number),
    ("candidates", N_("Candidatures EIG"), fmt.number),
    ("pia_envelope", N_("Enveloppe PIA"), fmt.euros),
    ("candidates_per_place", N_("Candidats par place"), lambda v: fmt.number(v, 1)),
]
ROSTER = [
    ("promotions", N_("Promotions")),
    ("eig", N_("EIG et designers (personnes)")),
    ("mentors", N_("Mentors (personnes)")),
    ("defis", N_("Défis")),
    ("host_services", N_("Services d'accueil")),
]


def landing_section() -> None:
    """The latest promotion and campaign, the five figures (promotions and budget on a first
    row, surveys on the next) and, below, where each figure comes from."""
    overview = widgets.cached(landing.overview)
    st.header(_("Où en est le programme"))
    st.markdown(overview.summary())
    items = overview.headlines
    for start in range(0, len(items), GRID):
        row = items[start : start + GRID]
        for column, item in zip(st.columns(len(row)), row, strict=True):
            with column:
                headline(item)
    sources(items)


def headline(item: landing.Headline) -> None:
    """A figure, its trend in words (arrow and colour only repeat them), origin and link."""
    with st.container(border=True, height="stretch"):
        st.metric(
            item.label,
            item.formatted,
            delta=metric_delta(item),
            delta_color=item.delta_color,
            delta_arrow=item.arrow,
            help=item.provenance,
        )
        st.caption(" · ".join(t for t in (item.origin_label, item.note) if t))
        page_link(item)


def sources(items: list[landing.Headline]) -> None:
    """Where each figure comes from, in full."""
    with st.expander(_("D'où viennent ces chiffres")):
        st.markdown(
            "\n".join(
                "- "
                + landing.colon(
                    f"**{widgets.md_escape(i.label)}**", widgets.md_escape(i.provenance)
                )
                for i in items
            )
        )


def metric_delta(item: landing.Headline) -> str:
    """The trend text; Streamlit reads a decrease from a leading ASCII « - » only."""
    if item.arrow == "down":
        return "-" + item.trend[1:]
    return item.trend


def page_link(item: landing.Headline) -> None:
    """A link to the figure's page with its filters set. Outside dashboard.py's navigation
    (this page run alone) Streamlit knows no other page: a plain link to the same address."""
    try:
        st.page_link(
            item.page,
            label=item.link_label,
            query_params=item.params,
            icon=":material/arrow_forward:",
        )
    except StreamlitPageNotFoundError:
        address = f"{Path(item.page).stem}?{urlencode(item.params, doseq=True)}"
        st.markdown(f"[{widgets.md_escape(item.link_label)}]({address})")


def detail_heading() -> None:
    st.divider()
    st.header(_("Le détail des chiffres"))


def published_section() -> None:
    figures = widgets.cached(queries.headline_figures)
    st.subheader(_("Les trois premières promotions en chiffres publiés"))
    columns = st.columns(3)
    for i, (key, label, render) in enumerate(HEADLINE):
        item = figures[key]
        with columns[i % 3]:
            widgets.figure(_(label), render(item.value), item.source)


def roster_section() -> None:
    totals = widgets.cached(queries.roster_totals)
    st.subheader(_("Toutes les promotions, d'après le site du programme"))
    st.caption(
        _(
            "Comptes calculés à partir de la liste des défis et des participants publiée sur le "
            "site du programme (EIG 1 à EIG 4 et DIG ; données pseudonymisées, Licence Ouverte). "
            "Une personne présente dans plusieurs promotions est comptée une fois."
        )
    )
    source = _("site du programme EIG (2022-09-05)")
    columns = st.columns(len(ROSTER))
    for column, (key, label) in zip(columns, ROSTER, strict=True):
        with column:
            widgets.figure(_(label), fmt.number(totals[key]), source)


def reconciliation_section() -> None:
    frame = widgets.cached(queries.reconciliation)
    gaps = frame[frame["status"] == "écart"]
    st.subheader(_("Chiffres publiés et chiffres du site"))
    st.markdown(
        _(
            "{count} chiffres publiés diffèrent de ceux que l'on compte sur le site du "
            "programme ; les deux sont conservés et montrés côte à côte."
        ).format(count=fmt.number(len(gaps)))
    )
    shown = gaps[["promotion", "indicator", "published", "roster", "difference"]].copy()
    promotions = widgets.cached(queries.promotion_labels)
    shown["promotion"] = shown["promotion"].map(lambda name: promotions.get(name, name))
    shown["indicator"] = shown["indicator"].map(labels.indicator)
    shown = shown.rename(
        columns={
            "promotion": _("Promotion"),
            "indicator": _("Indicateur"),
            "published": _("Publié"),
            "roster": _("Site EIG"),
            "difference": _("Écart"),
        }
    )
    widgets.table(shown, _("Écarts entre chiffres publiés et site du programme"))
    totals_section()


def totals_section() -> None:
    checks = widgets.cached(queries.published_total_checks)
    broken = checks[~checks["consistent"]]
    for row in broken.itertuples():
        st.warning(
            _(
                "Dans le tableau du rapport, le total « {indicator} » vaut {total} alors que "
                "ses colonnes EIG 1 à EIG 3 s'additionnent à {sum} : les deux sont conservés."
            ).format(
                indicator=labels.indicator(row.indicator),
                total=fmt.number(row.published_total),
                sum=fmt.number(row.sum_of_promotions),
            )
        )


def main() -> None:
    widgets.run_page(
        N_("Impact du programme Entrepreneurs d'intérêt général"),
        landing_section,
        detail_heading,
        published_section,
        roster_section,
        reconciliation_section,
        intro=N_(
            "Tableau de bord des promotions EIG et DIG : recrutement, budget PIA, "
            "réalisations et trajectoires."
        ),
        summary=[landing_section],
    )


main()
