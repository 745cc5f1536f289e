"""Questions of the « Budget PIA » page: envelope, spending lines, consumption, unit costs."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from eigdata import formatting as fmt
from eigdata.runner import run

Connection = duckdb.DuckDBPyConnection
FORECAST = "prévisionnel"


@dataclass(frozen=True)
class Options:
    """What the filters of the budget page can choose from (all read from the data)."""

    promotions: list[str]
    lines: dict[str, str]  # spending line -> French label
    statuses: list[str]


@dataclass(frozen=True)
class Published:
    """A published programme figure with its source."""

    value: float
    source: str
    note: str


def options(con: Connection) -> Options:
    """Promotions with budget lines, spending lines and statuses present in the data."""
    frame = run(con, "budget_lines_detail", promotions=None, lines=None, statuses=None)
    spending = frame[frame["kind"] == "dépense"].sort_values("line_order")
    return Options(
        promotions=list(dict.fromkeys(frame["promotion"])),
        lines=dict(zip(spending["line"], spending["line_label"], strict=False)),
        statuses=sorted(frame["status"].unique(), key=lambda s: s == FORECAST),
    )


def lines(
    con: Connection,
    promotions: list[str] | None = None,
    lines: list[str] | None = None,
    statuses: list[str] | None = None,
) -> pd.DataFrame:
    """Envelope and chosen spending lines per promotion, with status and source."""
    return run(con, "budget_lines_detail", promotions=promotions, lines=lines, statuses=statuses)


def lines_table(detail: pd.DataFrame) -> pd.DataFrame:
    """The budget lines as a readable table (amounts to the cent, status spelled out)."""
    return pd.DataFrame(
        {
            "Promotion": detail["promotion"],
            "Ligne": detail["line_label"],
            "Nature": detail["kind"],
            "Montant": detail["amount"].map(lambda v: fmt.euros(v)),
            "Statut": detail["status"],
            "Source": detail["source"],
        }
    )


def summary(
    con: Connection, promotions: list[str] | None = None, statuses: list[str] | None = None
) -> pd.DataFrame:
    """Per promotion: envelope, total of all spending lines, share consumed, unit costs.

    EIG-months are EIG × the promotion's défi duration (promotions table).
    """
    frame = run(con, "budget_summary", promotions=promotions, statuses=statuses)
    eig = frame["eig"].astype(float)
    months = eig * frame["duration_months"].astype(float)
    return frame.assign(
        over_envelope=frame["spending"] > frame["envelope"],
        eig_months=months,
        cost_per_eig=frame["spending"] / eig,
        cost_per_defi=frame["spending"] / frame["defis"].astype(float),
        cost_per_eig_month=frame["spending"] / months,
        salary_per_eig_month=frame["salaries"] / months,
    )


def totals(summary: pd.DataFrame) -> dict[str, float]:
    """Sums and ratios over the promotions of a summary."""
    envelope, spending = summary["envelope"].sum(), summary["spending"].sum()
    months = summary["eig_months"].sum()
    return {
        "envelope": float(envelope),
        "spending": float(spending),
        "salaries": float(summary["salaries"].sum()),
        "consumed_share": float(spending / envelope) if envelope else float("nan"),
        "eig": float(summary["eig"].sum()),
        "defis": float(summary["defis"].sum()),
        "eig_months": float(months),
        "cost_per_eig": float(spending / summary["eig"].sum()),
        "cost_per_defi": float(spending / summary["defis"].sum()),
        "cost_per_eig_month": float(spending / months),
        "salary_per_eig_month": float(summary["salaries"].sum() / months),
    }


def with_total(summary: pd.DataFrame) -> pd.DataFrame:
    """The summary with a last « Total » row over its promotions (sums and ratios)."""
    if summary.empty:
        return summary
    total = totals(summary)
    statuses = ", ".join(dict.fromkeys(summary["status"]))
    row = {
        **total,
        "promotion": "Total",
        "status": statuses,
        "over_envelope": total["spending"] > total["envelope"],
        "published_total": summary["published_total"].sum(min_count=len(summary)),
        "eig_origin": ", ".join(sorted(set(summary["eig_origin"]))),
        "defis_origin": ", ".join(sorted(set(summary["defis_origin"]))),
    }
    return pd.concat([summary, pd.DataFrame([row])], ignore_index=True)


def summary_table(summary: pd.DataFrame) -> pd.DataFrame:
    """The per-promotion summary with French headings, flags and French formatting."""
    return pd.DataFrame(
        {
            "Promotion": summary["promotion"],
            "Statut": summary["status"],
            "Enveloppe PIA": summary["envelope"].map(fmt.euros),
            "Total des dépenses": summary["spending"].map(fmt.euros),
            "Part de l'enveloppe consommée": summary["consumed_share"].map(fmt.percent),
            "Dépassement": summary["over_envelope"].map({True: "⚠ oui", False: "non"}),
            "Total publié": summary["published_total"].map(fmt.euros),
            "EIG": summary["eig"].map(fmt.number) + " (" + summary["eig_origin"] + ")",
            "Défis": summary["defis"].map(fmt.number) + " (" + summary["defis_origin"] + ")",
            "Coût par EIG": summary["cost_per_eig"].map(lambda v: fmt.euros(v, False)),
            "Coût par défi": summary["cost_per_defi"].map(lambda v: fmt.euros(v, False)),
            "Coût par EIG-mois": summary["cost_per_eig_month"].map(lambda v: fmt.euros(v, False)),
            "Salaires par EIG-mois": summary["salary_per_eig_month"].map(
                lambda v: fmt.euros(v, False)
            ),
        }
    )


def report_totals(con: Connection) -> pd.DataFrame:
    """The report's programme-wide envelope, salaries and total beside the line sums."""
    frame = run(con, "budget_report_totals")
    return frame.assign(difference=frame["difference"].round(2))


def net_salary(con: Connection) -> Published:
    """The published net monthly salary of an EIG."""
    row = run(con, "programme_indicator", indicator="salary_net_monthly").iloc[0]
    return Published(float(row["value"]), str(row["source"]), str(row["note"] or ""))


def consumption_reading(summary: pd.DataFrame) -> str:
    """One sentence: which promotions spend beyond their envelope, or that none does."""
    over = summary[summary["over_envelope"]]
    if summary.empty:
        return "Aucune promotion choisie n'a de lignes budgétaires."
    if over.empty:
        top = summary.loc[summary["consumed_share"].idxmax()]
        return (
            f"Aucune promotion choisie ne dépasse son enveloppe ; la plus consommée est "
            f"{top['promotion']} ({fmt.percent(top['consumed_share'])})."
        )
    parts = [
        f"{r.promotion} ({r.status}) prévoit {fmt.euros(r.spending)} de dépenses pour une "
        f"enveloppe de {fmt.euros(r.envelope)}, soit {fmt.percent(r.consumed_share)}"
        if r.status == FORECAST
        else f"{r.promotion} ({r.status}) a dépensé {fmt.euros(r.spending)} pour une "
        f"enveloppe de {fmt.euros(r.envelope)}, soit {fmt.percent(r.consumed_share)}"
        for r in over.itertuples()
    ]
    return "Dépassement de l'enveloppe : " + " ; ".join(parts) + "."


def lines_reading(detail: pd.DataFrame) -> str:
    """One sentence: the largest spending line and its share of the spending shown."""
    spending = detail[detail["kind"] == "dépense"]
    if spending.empty or not spending["amount"].sum():
        return "Aucune dépense pour les filtres choisis."
    by_line = spending.groupby("line_label")["amount"].sum()
    top = by_line.idxmax()
    return (
        f"La ligne « {top} » représente {fmt.percent(by_line[top] / by_line.sum())} des "
        f"dépenses affichées ({fmt.euros(by_line[top])} sur {fmt.euros(by_line.sum())})."
    )


def salary_reading(summary: pd.DataFrame, net: Published) -> str:
    """One sentence comparing the salary line per EIG-month with the published net salary."""
    if summary.empty:
        return "Aucune promotion choisie."
    low, high = summary["salary_per_eig_month"].min(), summary["salary_per_eig_month"].max()
    if round(low) == round(high):
        span, times = fmt.euros(low, False), fmt.number(low / net.value, 1)
    else:
        span = f"{fmt.euros(low, False)} à {fmt.euros(high, False)}"
        times = f"{fmt.number(low / net.value, 1)} à {fmt.number(high / net.value, 1)}"
    return (
        f"La ligne « Salaires » représente {span} par EIG et par mois, soit {times} fois le "
        f"salaire net publié de {fmt.euros(net.value)} par mois : le rapport ne détaille pas "
        "cette ligne, qui correspond vraisemblablement au coût employeur (salaire brut et "
        "cotisations) alors que le chiffre publié est un salaire net ; les deux ne se "
        "comparent donc pas directement."
    )
