"""Questions of the « Budget PIA » page: envelope, spending lines, consumption, unit costs."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import duckdb
import pandas as pd

from eigdata import formatting as fmt
from eigdata.composition import SEPARATOR, origin_label
from eigdata.i18n import N_, _, lang
from eigdata.runner import run

Connection = duckdb.DuckDBPyConnection
FORECAST = "prévisionnel"
# Codes of the data (statuses of a budget line, kinds of line) and how they are shown.
STATUSES = {"réalisé": N_("réalisé"), "prévisionnel": N_("prévisionnel")}
KINDS = {"enveloppe": N_("enveloppe"), "dépense": N_("dépense")}
YES_NO = {True: N_("⚠ oui"), False: N_("non")}


@dataclass(frozen=True)
class Options:
    """What the filters of the budget page can choose from (all read from the data)."""

    promotions: list[str]
    lines: dict[str, str]  # spending line -> its label in the run's language
    statuses: list[str]
    promotion_labels: dict[str, str] = field(default_factory=dict)  # name in the run's language


def status_label(status: str) -> str:
    """« réalisé », « prévisionnel » (or several, « réalisé, prévisionnel ») in the run's
    language; unknown codes as they are."""
    return ", ".join(
        _(STATUSES[code]) if code in STATUSES else code for code in str(status).split(", ")
    )


def kind_label(kind: str) -> str:
    """« enveloppe », « dépense » in the run's language."""
    return _(KINDS[kind]) if kind in KINDS else str(kind)


def shown(frame: pd.DataFrame) -> pd.DataFrame:
    """A frame of this module (`lines`, `summary`) as displayed: promotions by their name and
    statuses in the run's language (the kind of line stays a code)."""
    return frame.assign(
        promotion=frame["promotion_label"], status=frame["status"].map(status_label)
    ).drop(columns="promotion_label")


@dataclass(frozen=True)
class Published:
    """A published programme figure with its source."""

    value: float
    source: str
    note: str


def options(con: Connection) -> Options:
    """Promotions with budget lines, spending lines and statuses present in the data."""
    frame = lines(con)
    spending = frame[frame["kind"] == "dépense"].sort_values("line_order")
    return Options(
        promotions=list(dict.fromkeys(frame["promotion"])),
        lines=dict(zip(spending["line"], spending["line_label"], strict=False)),
        statuses=sorted(frame["status"].unique(), key=lambda s: s == FORECAST),
        promotion_labels=dict(zip(frame["promotion"], frame["promotion_label"], strict=False)),
    )


def lines(
    con: Connection,
    promotions: list[str] | None = None,
    lines: list[str] | None = None,
    statuses: list[str] | None = None,
) -> pd.DataFrame:
    """Envelope and chosen spending lines per promotion, with status and source; promotion
    and line labels in the run's language."""
    return run(
        con,
        "budget_lines_detail",
        promotions=promotions,
        lines=lines,
        statuses=statuses,
        lang=lang(),
    )


def lines_table(detail: pd.DataFrame) -> pd.DataFrame:
    """The budget lines as a readable table (amounts to the cent, status spelled out)."""
    return pd.DataFrame(
        {
            _("Promotion"): detail["promotion_label"],
            _("Ligne"): detail["line_label"],
            _("Nature"): detail["kind"].map(kind_label),
            _("Montant"): detail["amount"].map(lambda v: fmt.euros(v)),
            _("Statut"): detail["status"].map(status_label),
            _("Source"): detail["source"],
        }
    )


def summary(
    con: Connection, promotions: list[str] | None = None, statuses: list[str] | None = None
) -> pd.DataFrame:
    """Per promotion: envelope, total of all spending lines, share consumed, unit costs.

    EIG-months are EIG × the promotion's défi duration (promotions table).
    """
    frame = run(con, "budget_summary", promotions=promotions, statuses=statuses, lang=lang())
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
        "promotion_label": _("Total"),
        "status": statuses,
        "over_envelope": total["spending"] > total["envelope"],
        "published_total": summary["published_total"].sum(min_count=len(summary)),
        "eig_origin": ", ".join(sorted(set(summary["eig_origin"]))),
        "defis_origin": ", ".join(sorted(set(summary["defis_origin"]))),
    }
    return pd.concat([summary, pd.DataFrame([row])], ignore_index=True)


def summary_table(summary: pd.DataFrame) -> pd.DataFrame:
    """The per-promotion summary with headings, flags, origins and numbers in the run's
    language."""
    return pd.DataFrame(
        {
            _("Promotion"): summary["promotion_label"],
            _("Statut"): summary["status"].map(status_label),
            _("Enveloppe PIA"): summary["envelope"].map(fmt.euros),
            _("Total des dépenses"): summary["spending"].map(fmt.euros),
            _("Part de l'enveloppe consommée"): summary["consumed_share"].map(fmt.percent),
            _("Dépassement"): summary["over_envelope"].map(lambda over: _(YES_NO[bool(over)])),
            _("Total publié"): summary["published_total"].map(fmt.euros),
            _("EIG"): _with_origins(summary["eig"], summary["eig_origin"]),
            _("Défis"): _with_origins(summary["defis"], summary["defis_origin"]),
            _("Coût par EIG"): summary["cost_per_eig"].map(lambda v: fmt.euros(v, False)),
            _("Coût par défi"): summary["cost_per_defi"].map(lambda v: fmt.euros(v, False)),
            _("Coût par EIG-mois"): summary["cost_per_eig_month"].map(
                lambda v: fmt.euros(v, False)
            ),
            _("Salaires par EIG-mois"): summary["salary_per_eig_month"].map(
                lambda v: fmt.euros(v, False)
            ),
        }
    )


def _with_origins(counts: pd.Series, origins: pd.Series) -> list[str]:
    """« 71 (publié) », « 41 (publié, site) »: a count and where it comes from."""
    return [
        f"{fmt.number(count)} ({origin_label(origin)})"
        for count, origin in zip(counts, origins, strict=True)
    ]


def report_totals(con: Connection) -> pd.DataFrame:
    """The report's programme-wide envelope, salaries and total beside the line sums."""
    frame = run(con, "budget_report_totals", lang=lang())
    return frame.assign(difference=frame["difference"].round(2))


def net_salary(con: Connection) -> Published:
    """The published net monthly salary of an EIG."""
    row = run(con, "programme_indicator", indicator="salary_net_monthly").iloc[0]
    return Published(float(row["value"]), str(row["source"]), str(row["note"] or ""))


def consumption_reading(summary: pd.DataFrame) -> str:
    """One sentence: which promotions spend beyond their envelope, or that none does."""
    over = summary[summary["over_envelope"]]
    if summary.empty:
        return _("Aucune promotion choisie n'a de lignes budgétaires.")
    if over.empty:
        top = summary.loc[summary["consumed_share"].idxmax()]
        return _(
            "Aucune promotion choisie ne dépasse son enveloppe ; la plus consommée est "
            "{promotion} ({share})."
        ).format(promotion=top["promotion_label"], share=fmt.percent(top["consumed_share"]))
    parts = [_overrun(r) for r in over.itertuples()]
    return _("Dépassement de l'enveloppe : {overruns}.").format(overruns=_(SEPARATOR).join(parts))


def _overrun(row: Any) -> str:
    """« EIG 3 (prévisionnel) prévoit 2 430 364 € de dépenses pour une enveloppe de… »."""
    forecast = (
        _(
            "{promotion} ({status}) prévoit {spending} de dépenses pour une enveloppe de "
            "{envelope}, soit {share}"
        )
        if row.status == FORECAST
        else _(
            "{promotion} ({status}) a dépensé {spending} pour une enveloppe de {envelope}, "
            "soit {share}"
        )
    )
    return forecast.format(
        promotion=row.promotion_label,
        status=status_label(row.status),
        spending=fmt.euros(row.spending),
        envelope=fmt.euros(row.envelope),
        share=fmt.percent(row.consumed_share),
    )


def lines_reading(detail: pd.DataFrame) -> str:
    """One sentence: the largest spending line and its share of the spending shown."""
    spending = detail[detail["kind"] == "dépense"]
    if spending.empty or not spending["amount"].sum():
        return _("Aucune dépense pour les filtres choisis.")
    by_line = spending.groupby("line_label")["amount"].sum()
    top = by_line.idxmax()
    return _(
        "La ligne « {line} » représente {share} des dépenses affichées ({amount} sur {total})."
    ).format(
        line=top,
        share=fmt.percent(by_line[top] / by_line.sum()),
        amount=fmt.euros(by_line[top]),
        total=fmt.euros(by_line.sum()),
    )


def salary_reading(summary: pd.DataFrame, net: Published) -> str:
    """One sentence comparing the salary line per EIG-month with the published net salary."""
    if summary.empty:
        return _("Aucune promotion choisie.")
    low, high = summary["salary_per_eig_month"].min(), summary["salary_per_eig_month"].max()
    if round(low) == round(high):
        span, times = fmt.euros(low, False), fmt.number(low / net.value, 1)
    else:
        span = _("{low} à {high}").format(low=fmt.euros(low, False), high=fmt.euros(high, False))
        times = _("{low} à {high}").format(
            low=fmt.number(low / net.value, 1), high=fmt.number(high / net.value, 1)
        )
    return _(
        "La ligne « Salaires » représente {span} par EIG et par mois, soit {times} fois le "
        "salaire net publié de {net} par mois : le rapport ne détaille pas cette ligne, qui "
        "correspond vraisemblablement au coût employeur (salaire brut et cotisations) alors "
        "que le chiffre publié est un salaire net ; les deux ne se comparent donc pas "
        "directement."
    ).format(span=span, times=times, net=fmt.euros(net.value))
