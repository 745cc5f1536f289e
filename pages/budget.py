"""Budget PIA : enveloppe, lignes de dépense, part consommée et coûts unitaires, filtrables."""

from __future__ import annotations

from typing import TYPE_CHECKING

import plotly.graph_objects as go
import streamlit as st

import widgets
from eigdata import budget, exports
from eigdata import formatting as fmt
from widgets.chart_style import ALERT, PALETTE, TEXT
from widgets.charts import Bars, bar_figure, reference_line

if TYPE_CHECKING:
    import pandas as pd

INTRO = (
    "Ce qu'ont coûté les promotions financées par le Programme d'investissements d'avenir "
    "(PIA) : l'enveloppe allouée, chaque ligne de dépense, la part de l'enveloppe consommée "
    "et les coûts par EIG, par défi et par EIG-mois. Les montants **prévisionnels** sont "
    "distingués des montants **réalisés** (hachures dans les graphiques). Le filtre des lignes "
    "porte sur le détail des dépenses ; les totaux et les coûts unitaires comptent toujours "
    "toutes les lignes. « Copier le lien » partage la vue avec ses filtres."
)
STATUS_PATTERNS = {"réalisé": "", "prévisionnel": "/"}
STATUS = {"status": "Statut"}
CONSUMPTION_COLUMNS = [
    "Promotion",
    "Statut",
    "Enveloppe PIA",
    "Total des dépenses",
    "Part de l'enveloppe consommée",
    "Dépassement",
]
UNIT_COST_COLUMNS = [
    "Promotion",
    "Statut",
    "EIG",
    "Défis",
    "Coût par EIG",
    "Coût par défi",
    "Coût par EIG-mois",
    "Salaires par EIG-mois",
]


def filters(options: budget.Options) -> tuple[list[str], list[str], list[str]]:
    columns = st.columns(3)
    with columns[0]:
        promotions = widgets.url_multiselect("Promotions", "promotion", options.promotions)
    with columns[1]:
        lines = widgets.url_multiselect(
            "Lignes de dépense", "ligne", list(options.lines), format_func=options.lines.get
        )
    with columns[2]:
        statuses = widgets.url_multiselect("Statut", "statut", options.statuses)
    return promotions, lines, statuses


def report_section() -> None:
    report = widgets.cached(budget.report_totals).set_index("indicator")
    st.header("Totaux du rapport")
    row = report.iloc[0]
    st.caption(
        f"Promotions {row['promotions']}, tous filtres confondus : chiffres publiés, "
        "comparés à la somme des lignes budgétaires."
    )
    labels = {
        "pia_envelope": "Enveloppe PIA",
        "pia_salaries": "Salaires",
        "pia_budget_total": "Budget total",
    }
    columns = st.columns(len(labels))
    for column, (key, label) in zip(columns, labels.items(), strict=True):
        item = report.loc[key]
        if abs(item["difference"]) < 0.005:
            note = "égal à la somme des lignes"
        else:
            exact = fmt.euros(item["computed"], True)
            note = f"publié à l'euro ; la somme des lignes vaut {exact}"
        with column:
            widgets.figure(label, fmt.euros(item["published"]), item["source"], note)


def selection_section(summary: pd.DataFrame) -> None:
    totals = budget.totals(summary)
    st.header("Promotions choisies")
    columns = st.columns(4)
    shown = [
        ("Enveloppe (sélection)", fmt.euros(totals["envelope"])),
        ("Dépenses (sélection)", fmt.euros(totals["spending"])),
        ("Part consommée", fmt.percent(totals["consumed_share"])),
        ("Coût par EIG-mois", fmt.euros(totals["cost_per_eig_month"], False)),
    ]
    for column, (label, value) in zip(columns, shown, strict=True):
        with column:
            st.metric(label, value)
    names = ", ".join(
        f"{p} ({s})" for p, s in zip(summary["promotion"], summary["status"], strict=True)
    )
    st.caption(
        f"Toutes les lignes de dépense, quel que soit le filtre « ligne » ; promotions : {names}."
    )


def lines_chart(detail: pd.DataFrame, summary: pd.DataFrame) -> None:
    widgets.chart(
        lines_figure(detail, summary),
        budget.lines_table(detail),
        "Lignes de dépense et enveloppe par promotion",
        budget.lines_reading(detail),
        "budget-lines",
    )


def lines_figure(detail: pd.DataFrame, summary: pd.DataFrame) -> go.Figure:
    """Stacked spending lines per promotion (forecasts hatched) and each envelope's mark."""
    spending = detail[detail["kind"] == "dépense"]
    bars = Bars(
        "bar",
        "amount",
        {"bar": "Promotion", "amount": "Montant (€)", "line_label": "Ligne", **STATUS},
        color="line_label",
        pattern="status",
        patterns=STATUS_PATTERNS,
        barmode="stack",
    )
    envelope = {
        "type": "scatter",
        "x": bar_names(summary),
        "y": summary["envelope"].to_numpy(),
        "mode": "markers",
        "marker": {"symbol": "line-ew-open", "size": 40, "line": {"width": 3}, "color": TEXT},
        "name": "Enveloppe PIA",
    }
    return bar_figure(spending.assign(bar=bar_names(spending)), bars, [envelope])


def bar_names(frame: pd.DataFrame) -> list[str]:
    """« EIG 3 (prévisionnel) »: a promotion and its status, one bar each."""
    return [f"{p} ({s})" for p, s in zip(frame["promotion"], frame["status"], strict=True)]


def consumption_chart(summary: pd.DataFrame) -> None:
    widgets.chart(
        consumption_figure(summary),
        budget.summary_table(summary)[CONSUMPTION_COLUMNS],
        "Part de l'enveloppe consommée",
        budget.consumption_reading(summary),
        "budget-consumption",
    )


def consumption_figure(summary: pd.DataFrame) -> go.Figure:
    """The consumed share of each envelope, red beyond it, with the 100 % line."""
    shown = summary.assign(
        bar=bar_names(summary),
        flag=summary["over_envelope"].map({True: "au-delà de l'enveloppe", False: "dans"}),
        label=summary["consumed_share"].map(fmt.percent),
    )
    bars = Bars(
        "bar",
        "consumed_share",
        {
            "bar": "Promotion",
            "consumed_share": "Part consommée (%)",
            "flag": "Enveloppe",
            **STATUS,
        },
        color="flag",
        pattern="status",
        patterns=STATUS_PATTERNS,
        colours={"au-delà de l'enveloppe": ALERT, "dans": PALETTE[0]},
        text="label",
        text_outside=True,
        scale=100,
    )
    return bar_figure(shown, bars, **reference_line(100, "100 % de l'enveloppe", "dash"))


def unit_cost_chart(summary: pd.DataFrame, net: budget.Published) -> None:
    table = budget.summary_table(summary)[UNIT_COST_COLUMNS]
    widgets.chart(
        unit_cost_figure(summary, net),
        table,
        "Coûts par EIG-mois et salaire net publié",
        budget.salary_reading(summary, net),
        "budget-unit-costs",
    )
    st.caption(f"Salaire net : {net.source}. EIG-mois : EIG × durée des défis (en mois).")


def unit_cost_figure(summary: pd.DataFrame, net: budget.Published) -> go.Figure:
    """Total cost and Salaires line per EIG-month, side by side, and the published net salary."""
    long = summary.melt(
        id_vars=["promotion", "status"],
        value_vars=["cost_per_eig_month", "salary_per_eig_month"],
        var_name="measure",
        value_name="amount",
    )
    long["measure"] = long["measure"].map(
        {
            "cost_per_eig_month": "Coût total par EIG-mois",
            "salary_per_eig_month": "Ligne Salaires par EIG-mois",
        }
    )
    bars = Bars(
        "bar",
        "amount",
        {"bar": "Promotion", "amount": "€ par EIG et par mois", "measure": "Mesure", **STATUS},
        color="measure",
        pattern="status",
        patterns=STATUS_PATTERNS,
        barmode="group",
    )
    net_line = reference_line(net.value, f"salaire net publié {fmt.euros(net.value)}", "dot")
    return bar_figure(long.assign(bar=bar_names(long)), bars, **net_line)


def body() -> None:
    options = widgets.cached(budget.options)
    promotions, lines, statuses = filters(options)
    report_section()
    summary = widgets.cached(budget.summary, promotions, statuses)
    if summary.empty:
        st.info("Aucune promotion ne correspond aux filtres choisis.")
        return
    detail = widgets.cached(budget.lines, promotions, lines, statuses)
    selection_section(summary)
    lines_chart(detail, summary)
    consumption_chart(summary)
    unit_cost_chart(summary, widgets.cached(budget.net_salary))
    st.header("Tableau récapitulatif")
    complete = budget.with_total(summary)
    widgets.table(budget.summary_table(complete), "Budget et coûts unitaires par promotion")
    sources = sorted(set(detail["source"]))
    widgets.download(
        exports.budget_summary(complete),
        "budget-pia-synthese",
        "budget-summary",
        title="Budget PIA et coûts unitaires par promotion",
        source=sources,
    )
    widgets.table(budget.lines_table(detail), "Lignes budgétaires affichées")
    widgets.download(
        exports.budget_lines(detail),
        "budget-pia-lignes",
        "budget-lines",
        title="Lignes budgétaires affichées",
        source=sources,
    )


def summary() -> None:
    """The print view: report totals, the chosen promotions' figures and the two main charts."""
    promotions, lines, statuses = filters(widgets.cached(budget.options))
    report_section()
    chosen = widgets.cached(budget.summary, promotions, statuses)
    if chosen.empty:
        st.info("Aucune promotion ne correspond aux filtres choisis.")
        return
    selection_section(chosen)
    detail = widgets.cached(budget.lines, promotions, lines, statuses)
    lines_chart(detail, chosen)
    consumption_chart(chosen)
    st.caption("Sources des lignes budgétaires : " + " ; ".join(sorted(set(detail["source"]))))


def main() -> None:
    widgets.run_page("Budget PIA", body, intro=INTRO, summary=[summary])


main()
