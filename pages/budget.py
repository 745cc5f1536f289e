"""Budget PIA : enveloppe, lignes de dépense, part consommée et coûts unitaires, filtrables."""

from __future__ import annotations

from typing import TYPE_CHECKING

import plotly.graph_objects as go
import streamlit as st

import widgets
from eigdata import budget, exports
from eigdata import formatting as fmt
from eigdata.composition import SEPARATOR
from eigdata.i18n import N_, _
from widgets.chart_style import ALERT, PALETTE, TEXT
from widgets.charts import Bars, bar_figure, reference_line

if TYPE_CHECKING:
    import pandas as pd

TITLE = N_("Budget PIA")
INTRO = N_(
    "Ce qu'ont coûté les promotions financées par le Programme d'investissements d'avenir "
    "(PIA) : l'enveloppe allouée, chaque ligne de dépense, la part de l'enveloppe consommée "
    "et les coûts par EIG, par défi et par EIG-mois. Les montants **prévisionnels** sont "
    "distingués des montants **réalisés** (hachures dans les graphiques). Le filtre des lignes "
    "porte sur le détail des dépenses ; les totaux et les coûts unitaires comptent toujours "
    "toutes les lignes. « Copier le lien » partage la vue avec ses filtres."
)
STATUS_PATTERNS = {"réalisé": "", "prévisionnel": "/"}  # status code -> hatching
CONSUMPTION_COLUMNS = [
    N_("Promotion"),
    N_("Statut"),
    N_("Enveloppe PIA"),
    N_("Total des dépenses"),
    N_("Part de l'enveloppe consommée"),
    N_("Dépassement"),
]
UNIT_COST_COLUMNS = [
    N_("Promotion"),
    N_("Statut"),
    N_("EIG"),
    N_("Défis"),
    N_("Coût par EIG"),
    N_("Coût par défi"),
    N_("Coût par EIG-mois"),
    N_("Salaires par EIG-mois"),
]
REPORT_FIGURES = {
    "pia_envelope": N_("Enveloppe PIA"),
    "pia_salaries": N_("Salaires"),
    "pia_budget_total": N_("Budget total"),
}
BEYOND, WITHIN = N_("au-delà de l'enveloppe"), N_("dans")
MEASURES = {
    "cost_per_eig_month": N_("Coût total par EIG-mois"),
    "salary_per_eig_month": N_("Ligne Salaires par EIG-mois"),
}


def status() -> dict[str, str]:
    """The status column's heading (axes, legend, hover) in the run's language."""
    return {"status": _("Statut")}


def status_patterns() -> dict[str, str]:
    """The hatching of each status, keyed by the status as shown."""
    return {budget.status_label(code): shape for code, shape in STATUS_PATTERNS.items()}


def headings(names: list[str]) -> list[str]:
    """Column headings (N_-marked) in the run's language."""
    return [_(name) for name in names]


def filters(options: budget.Options) -> tuple[list[str], list[str], list[str]]:
    columns = st.columns(3)
    with columns[0]:
        promotions = widgets.url_multiselect(
            _("Promotions"),
            "promotion",
            options.promotions,
            format_func=lambda p: options.promotion_labels.get(p, p),
        )
    with columns[1]:
        lines = widgets.url_multiselect(
            _("Lignes de dépense"), "ligne", list(options.lines), format_func=options.lines.get
        )
    with columns[2]:
        statuses = widgets.url_multiselect(
            _("Statut"), "statut", options.statuses, format_func=budget.status_label
        )
    return promotions, lines, statuses


def report_section() -> None:
    report = widgets.cached(budget.report_totals).set_index("indicator")
    st.header(_("Totaux du rapport"))
    row = report.iloc[0]
    st.caption(
        _(
            "Promotions {promotions}, tous filtres confondus : chiffres publiés, "
            "comparés à la somme des lignes budgétaires."
        ).format(promotions=row["promotions"])
    )
    columns = st.columns(len(REPORT_FIGURES))
    for column, (key, label) in zip(columns, REPORT_FIGURES.items(), strict=True):
        item = report.loc[key]
        if abs(item["difference"]) < 0.005:
            note = _("égal à la somme des lignes")
        else:
            exact = fmt.euros(item["computed"], True)
            note = _("publié à l'euro ; la somme des lignes vaut {exact}").format(exact=exact)
        with column:
            widgets.figure(_(label), fmt.euros(item["published"]), item["source"], note)


def selection_section(summary: pd.DataFrame) -> None:
    totals = budget.totals(summary)
    st.header(_("Promotions choisies"))
    columns = st.columns(4)
    figures = [
        (_("Enveloppe (sélection)"), fmt.euros(totals["envelope"])),
        (_("Dépenses (sélection)"), fmt.euros(totals["spending"])),
        (_("Part consommée"), fmt.percent(totals["consumed_share"])),
        (_("Coût par EIG-mois"), fmt.euros(totals["cost_per_eig_month"], False)),
    ]
    for column, (label, value) in zip(columns, figures, strict=True):
        with column:
            st.metric(label, value)
    shown = budget.shown(summary)
    names = ", ".join(
        f"{p} ({s})" for p, s in zip(shown["promotion"], shown["status"], strict=True)
    )
    st.caption(
        _(
            "Toutes les lignes de dépense, quel que soit le filtre « ligne » ; "
            "promotions : {promotions}."
        ).format(promotions=names)
    )


def lines_chart(detail: pd.DataFrame, summary: pd.DataFrame) -> None:
    widgets.chart(
        lines_figure(budget.shown(detail), budget.shown(summary)),
        budget.lines_table(detail),
        _("Lignes de dépense et enveloppe par promotion"),
        budget.lines_reading(detail),
        "budget-lines",
    )


def lines_figure(detail: pd.DataFrame, summary: pd.DataFrame) -> go.Figure:
    """Stacked spending lines per promotion (forecasts hatched) and each envelope's mark;
    both frames as shown (`budget.shown`)."""
    spending = detail[detail["kind"] == "dépense"]
    bars = Bars(
        "bar",
        "amount",
        {
            "bar": _("Promotion"),
            "amount": _("Montant (€)"),
            "line_label": _("Ligne"),
            **status(),
        },
        color="line_label",
        pattern="status",
        patterns=status_patterns(),
        barmode="stack",
    )
    envelope = {
        "type": "scatter",
        "x": bar_names(summary),
        "y": summary["envelope"].to_numpy(),
        "mode": "markers",
        "marker": {"symbol": "line-ew-open", "size": 40, "line": {"width": 3}, "color": TEXT},
        "name": _("Enveloppe PIA"),
    }
    return bar_figure(spending.assign(bar=bar_names(spending)), bars, [envelope])


def bar_names(frame: pd.DataFrame) -> list[str]:
    """« EIG 3 (prévisionnel) »: a promotion and its status, one bar each."""
    return [f"{p} ({s})" for p, s in zip(frame["promotion"], frame["status"], strict=True)]


def consumption_chart(summary: pd.DataFrame) -> None:
    widgets.chart(
        consumption_figure(budget.shown(summary)),
        budget.summary_table(summary)[headings(CONSUMPTION_COLUMNS)],
        _("Part de l'enveloppe consommée"),
        budget.consumption_reading(summary),
        "budget-consumption",
    )


def consumption_figure(summary: pd.DataFrame) -> go.Figure:
    """The consumed share of each envelope (summary as shown), red beyond it, with the
    100 % line."""
    beyond, within = _(BEYOND), _(WITHIN)
    shown = summary.assign(
        bar=bar_names(summary),
        flag=summary["over_envelope"].map({True: beyond, False: within}),
        label=summary["consumed_share"].map(fmt.percent),
    )
    bars = Bars(
        "bar",
        "consumed_share",
        {
            "bar": _("Promotion"),
            "consumed_share": _("Part consommée (%)"),
            "flag": _("Enveloppe"),
            **status(),
        },
        color="flag",
        pattern="status",
        patterns=status_patterns(),
        colours={beyond: ALERT, within: PALETTE[0]},
        text="label",
        text_outside=True,
        scale=100,
    )
    return bar_figure(shown, bars, **reference_line(100, _("100 % de l'enveloppe"), "dash"))


def unit_cost_chart(summary: pd.DataFrame, net: budget.Published) -> None:
    table = budget.summary_table(summary)[headings(UNIT_COST_COLUMNS)]
    widgets.chart(
        unit_cost_figure(budget.shown(summary), net),
        table,
        _("Coûts par EIG-mois et salaire net publié"),
        budget.salary_reading(summary, net),
        "budget-unit-costs",
    )
    st.caption(
        _("Salaire net : {source}. EIG-mois : EIG × durée des défis (en mois).").format(
            source=net.source
        )
    )


def unit_cost_figure(summary: pd.DataFrame, net: budget.Published) -> go.Figure:
    """Total cost and Salaires line per EIG-month (summary as shown), side by side, and the
    published net salary."""
    long = summary.melt(
        id_vars=["promotion", "status"],
        value_vars=list(MEASURES),
        var_name="measure",
        value_name="amount",
    )
    long["measure"] = long["measure"].map(lambda code: _(MEASURES[code]))
    bars = Bars(
        "bar",
        "amount",
        {
            "bar": _("Promotion"),
            "amount": _("€ par EIG et par mois"),
            "measure": _("Mesure"),
            **status(),
        },
        color="measure",
        pattern="status",
        patterns=status_patterns(),
        barmode="group",
    )
    net_line = reference_line(
        net.value, _("salaire net publié {amount}").format(amount=fmt.euros(net.value)), "dot"
    )
    return bar_figure(long.assign(bar=bar_names(long)), bars, **net_line)


def body() -> None:
    options = widgets.cached(budget.options)
    promotions, lines, statuses = filters(options)
    report_section()
    summary = widgets.cached(budget.summary, promotions, statuses)
    if summary.empty:
        st.info(_("Aucune promotion ne correspond aux filtres choisis."))
        return
    detail = widgets.cached(budget.lines, promotions, lines, statuses)
    selection_section(summary)
    lines_chart(detail, summary)
    consumption_chart(summary)
    unit_cost_chart(summary, widgets.cached(budget.net_salary))
    st.header(_("Tableau récapitulatif"))
    complete = budget.with_total(summary)
    widgets.table(budget.summary_table(complete), _("Budget et coûts unitaires par promotion"))
    sources = sorted(set(detail["source"]))
    widgets.download(
        exports.budget_summary(complete),
        "budget-pia-synthese",
        "budget-summary",
        title=_("Budget PIA et coûts unitaires par promotion"),
        source=sources,
    )
    widgets.table(budget.lines_table(detail), _("Lignes budgétaires affichées"))
    widgets.download(
        exports.budget_lines(detail),
        "budget-pia-lignes",
        "budget-lines",
        title=_("Lignes budgétaires affichées"),
        source=sources,
    )


def summary() -> None:
    """The print view: report totals, the chosen promotions' figures and the two main charts."""
    promotions, lines, statuses = filters(widgets.cached(budget.options))
    report_section()
    chosen = widgets.cached(budget.summary, promotions, statuses)
    if chosen.empty:
        st.info(_("Aucune promotion ne correspond aux filtres choisis."))
        return
    selection_section(chosen)
    detail = widgets.cached(budget.lines, promotions, lines, statuses)
    lines_chart(detail, chosen)
    consumption_chart(chosen)
    sources = _(SEPARATOR).join(sorted(set(detail["source"])))
    st.caption(_("Sources des lignes budgétaires : {sources}").format(sources=sources))


def main() -> None:
    widgets.run_page(TITLE, body, intro=INTRO, summary=[summary])


main()
