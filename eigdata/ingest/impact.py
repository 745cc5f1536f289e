"""Which dashboard figures an import would move: a candidate database, compared before/after.

The candidate database is built from the active CSVs with the planned table in place of its
dataset, in a temporary folder; nothing under the data directory is written. The figures
compared are the headline numbers of the pages (home, composition, budget, surveys).
"""

from __future__ import annotations

import logging
import math
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb

from eigdata import budget, composition, queries, survey
from eigdata import formatting as fmt
from eigdata.i18n import N_, _, pick
from eigdata.ingest.changes import Tables, build_candidate
from eigdata.ingest.tables import ImportPlan
from eigdata.storage.store import connect, ensure_database

log = logging.getLogger(__name__)
Connection = duckdb.DuckDBPyConnection


@dataclass(frozen=True)
class Figure:
    """A named dashboard figure: where it is shown, what it is, its value and format."""

    key: str
    page: str
    label: str
    value: float | None
    kind: str = "number"  # number, euros, percent, ratio

    def text(self) -> str:
        """The value as the dashboard writes it."""
        if self.value is None or (isinstance(self.value, float) and math.isnan(self.value)):
            return "—"
        if self.kind == "euros":
            return fmt.euros(self.value)
        if self.kind == "percent":
            return fmt.percent(self.value)
        if self.kind == "ratio":
            return fmt.number(self.value, 1)
        return fmt.number(self.value)


@dataclass(frozen=True)
class Change:
    """A figure that an import would move: old → new, as shown on the dashboard."""

    page: str
    label: str
    before: str
    after: str


@contextmanager
def now_and_after(
    data_dir: Path, tables: Tables, written: dict[str, Path] | None = None
) -> Iterator[tuple[Connection, ...]]:
    """Read-only connections to the current database and to a candidate built with `tables`
    in a temporary folder; both closed on exit. Raises `ValidationFailed` if it cannot build."""
    with tempfile.TemporaryDirectory(prefix="eig-candidate-") as folder:
        built = build_candidate(data_dir, tables, Path(folder), written)
        with now_and_then(data_dir, built) as connections:
            yield connections


@contextmanager
def now_and_then(data_dir: Path, built: Path) -> Iterator[tuple[Connection, ...]]:
    """Read-only connections to the current database and to the `built` one; closed on exit."""
    current = connect(ensure_database(data_dir))
    try:
        candidate = connect(built)
        try:
            yield current, candidate
        finally:
            candidate.close()
    finally:
        current.close()


def figure_changes(plan: ImportPlan) -> list[Change]:
    """The dashboard figures the plan would move, old → new (empty when none moves)."""
    if not plan.ok or plan.changes_nothing:
        return []
    return figure_changes_for(plan.data_dir, {plan.dataset: plan.rows})


def figure_changes_for(data_dir: Path, tables: dict[str, list]) -> list[Change]:
    """The dashboard figures that `tables` (dataset → full new rows) would move."""
    before, after = figures_before_after(data_dir, tables)
    return compare(before, after)


def figures_before_after(
    data_dir: Path, tables: dict[str, list], groups: list | None = None
) -> tuple[dict[str, Figure], dict[str, Figure]]:
    """The compared figures now and with `tables` in place (candidate database)."""
    with now_and_after(data_dir, tables) as (now, after):
        return figures(now, groups), figures(after, groups)


def compare(before: dict[str, Figure], after: dict[str, Figure]) -> list[Change]:
    """Figures whose shown value differs (a figure that appears or disappears counts)."""
    changes = []
    for key in [*before, *(k for k in after if k not in before)]:
        old, new = before.get(key), after.get(key)
        old_text = old.text() if old else "—"
        new_text = new.text() if new else "—"
        if old_text != new_text:
            shown = new or old
            changes.append(Change(shown.page, shown.label, old_text, new_text))
    return changes


def figures(con: Connection, groups: list | None = None) -> dict[str, Figure]:
    """Every compared figure of a database; a group that fails is skipped (and logged)."""
    found: dict[str, Figure] = {}
    for group in groups or GROUPS:
        try:
            found.update({f.key: f for f in group(con)})
        except Exception:  # a candidate may lack what a page needs: compare the rest
            log.exception("figures %s failed", group.__name__)
    return found


def home_figures(con: Connection) -> list[Figure]:
    """Accueil: published headline figures and roster totals."""
    labels = {
        "eig": _("EIG recrutés (promotions 1 à 3)"),
        "defis": _("Défis relevés (promotions 1 à 3)"),
        "new_host_services": _("Services ou directions lauréats"),
        "candidates": _("Candidatures EIG"),
        "pia_envelope": _("Enveloppe PIA"),
        "candidates_per_place": _("Candidats par place"),
    }
    kinds = {"pia_envelope": "euros", "candidates_per_place": "ratio"}
    headline = queries.headline_figures(con)
    page = _("Accueil")
    out = [
        Figure(f"home.{k}", page, label, headline[k].value, kinds.get(k, "number"))
        for k, label in labels.items()
        if k in headline
    ]
    roster = {
        "promotions": _("Promotions (site)"),
        "eig": _("EIG et designers (site)"),
        "mentors": _("Mentors (site)"),
        "defis": _("Défis (site)"),
        "host_services": _("Services d'accueil (site)"),
    }
    totals = queries.roster_totals(con)
    out += [Figure(f"roster.{k}", page, label, totals[k]) for k, label in roster.items()]
    return out


def composition_figures(con: Connection) -> list[Figure]:
    """Composition: each indicator of each promotion."""
    frame = composition.promotion_figures(con)
    return [
        Figure(
            f"composition.{row.promotion}.{row.indicator}",
            _("Composition des promotions"),
            f"{row.promotion} — {row.label}",
            float(row.value),
            "ratio" if row.origin == "calcul" else "number",
        )
        for row in frame.itertuples()
    ]


BUDGET = [
    ("envelope", N_("enveloppe"), "euros"),
    ("spending", N_("dépenses"), "euros"),
    ("consumed_share", N_("part de l'enveloppe consommée"), "percent"),
]
BUDGET_TOTALS = [
    ("envelope", N_("enveloppe"), "euros"),
    ("spending", N_("dépenses"), "euros"),
    ("salaries", N_("salaires"), "euros"),
    ("cost_per_eig", N_("coût par EIG"), "euros"),
]


def budget_figures(con: Connection) -> list[Figure]:
    """Budget PIA: envelope, spending and consumption per promotion and in total."""
    summary = budget.summary(con)
    page = _("Budget PIA")
    out = [
        Figure(f"budget.{row['promotion']}.{column}", page,
               f"{row['promotion']} — {_(label)}", _float(row[column]), kind)
        for row in summary.to_dict("records")
        for column, label, kind in BUDGET
    ]  # fmt: skip
    if not summary.empty:
        total = budget.totals(summary)
        out += [
            Figure(f"budget.total.{column}", page,
                   _("Total — {label}").format(label=_(label)), total[column], kind)
            for column, label, kind in BUDGET_TOTALS
        ]  # fmt: skip
    return out


def survey_figures(con: Connection) -> list[Figure]:
    """Enquêtes: respondents per campaign and each published rate recomputed."""
    out = respondent_figures(con)
    for row in survey.published_check(con).to_dict("records"):
        key = f"survey.rate.{row['figure_id']}"
        label = pick(row["label_fr"], row.get("label_en"))
        out.append(Figure(key, _("Enquêtes"), label, _float(row["share"]), "percent"))
    return out


def respondent_figures(con: Connection) -> list[Figure]:
    """Enquêtes: respondents per campaign and questionnaire."""
    out = []
    labels = (("eig", _("EIG répondants")), ("mentor", _("mentors répondants")))
    for row in survey.campaigns(con).to_dict("records"):
        for who, label in labels:
            value = _float(row[f"respondents_{who}"])
            key = f"survey.{row['campaign']}.{who}"
            out.append(Figure(key, _("Enquêtes"), f"{row['title']} — {label}", value))
    return out


def _float(value: object) -> float | None:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


GROUPS: list[Callable[[Connection], list[Figure]]] = [
    home_figures,
    composition_figures,
    budget_figures,
    survey_figures,
]
