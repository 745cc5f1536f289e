"""Budget PIA : enveloppe, lignes de dépense, part consommée et coûts unitaires, filtrables."""

from __future__ import annotations

from typing import TYPE_CHECKING

import plotly.express as px
import plotly.graph_objects as go
import streamlit as st

import widgets
from eigdata import budget, exports
from eigdata import formatting as fmt

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
    report = budget.report_totals(widgets.connection()).set_index("indicator")
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
    spending = detail[detail["kind"] == "dépense"].assign(
        bar=detail["promotion"] + " (" + detail["status"] + ")"
    )
    fig = px.bar(
        spending,
        x="bar",
        y="amount",
        color="line_label",
        pattern_shape="status",
        pattern_shape_map=STATUS_PATTERNS,
        barmode="stack",
        labels={"bar": "Promotion", "amount": "Montant (€)", "line_label": "Ligne", **STATUS},
    )
    envelope = summary.assign(bar=summary["promotion"] + " (" + summary["status"] + ")")
    fig.add_trace(
        go.Scatter(
            x=envelope["bar"],
            y=envelope["envelope"],
            mode="markers",
            marker={"symbol": "line-ew-open", "size": 40, "line": {"width": 3}, "color": "black"},
            name="Enveloppe PIA",
        )
    )
    widgets.chart(
        fig,
        budget.lines_table(detail),
        "Lignes de dépense et enveloppe par promotion",
        budget.lines_reading(detail),
        "budget-lines",
    )


def consumption_chart(summary: pd.DataFrame) -> None:
    shown = summary.assign(
        bar=summary["promotion"] + " (" + summary["status"] + ")",
        flag=summary["over_envelope"].map({True: "au-delà de l'enveloppe", False: "dans"}),
        label=summary["consumed_share"].map(fmt.percent),
        pct=summary["consumed_share"] * 100,
    )
    fig = px.bar(
        shown,
        x="bar",
        y="pct",
        color="flag",
        pattern_shape="status",
        pattern_shape_map=STATUS_PATTERNS,
        text="label",
        color_discrete_map={"au-delà de l'enveloppe": "#c9191e", "dans": "#000091"},
        labels={
            "bar": "Promotion",
            "pct": "Part consommée (%)",
            "flag": "Enveloppe",
            **STATUS,
        },
    )
    fig.update_traces(textposition="outside", cliponaxis=False)
    fig.add_hline(y=100, line_dash="dash", annotation_text="100 % de l'enveloppe")
    widgets.chart(
        fig,
        budget.summary_table(summary)[CONSUMPTION_COLUMNS],
        "Part de l'enveloppe consommée",
        budget.consumption_reading(summary),
        "budget-consumption",
    )


def unit_cost_chart(summary: pd.DataFrame, net: budget.Published) -> None:
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
    long["bar"] = long["promotion"] + " (" + long["status"] + ")"
    fig = px.bar(
        long,
        x="bar",
        y="amount",
        color="measure",
        pattern_shape="status",
        pattern_shape_map=STATUS_PATTERNS,
        barmode="group",
        labels={
            "bar": "Promotion",
            "amount": "€ par EIG et par mois",
            "measure": "Mesure",
            **STATUS,
        },
    )
    fig.add_hline(
        y=net.value, line_dash="dot", annotation_text=f"salaire net publié {fmt.euros(net.value)}"
    )
    table = budget.summary_table(summary)[UNIT_COST_COLUMNS]
    widgets.chart(
        fig,
        table,
        "Coûts par EIG-mois et salaire net publié",
        budget.salary_reading(summary, net),
        "budget-unit-costs",
    )
    st.caption(f"Salaire net : {net.source}. EIG-mois : EIG × durée des défis (en mois).")


def body() -> None:
    con = widgets.connection()
    options = budget.options(con)
    promotions, lines, statuses = filters(options)
    report_section()
    summary = budget.summary(con, promotions, statuses)
    if summary.empty:
        st.info("Aucune promotion ne correspond aux filtres choisis.")
        return
    detail = budget.lines(con, promotions, lines, statuses)
    selection_section(summary)
    lines_chart(detail, summary)
    consumption_chart(summary)
    unit_cost_chart(summary, budget.net_salary(con))
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
    con = widgets.connection()
    promotions, lines, statuses = filters(budget.options(con))
    report_section()
    chosen = budget.summary(con, promotions, statuses)
    if chosen.empty:
        st.info("Aucune promotion ne correspond aux filtres choisis.")
        return
    selection_section(chosen)
    detail = budget.lines(con, promotions, lines, statuses)
    lines_chart(detail, chosen)
    consumption_chart(chosen)
    st.caption("Sources des lignes budgétaires : " + " ; ".join(sorted(set(detail["source"]))))


def main() -> None:
    widgets.run_page("Budget PIA", body, intro=INTRO, summary=[summary])


main()
