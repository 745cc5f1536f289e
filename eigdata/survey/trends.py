"""Survey answers from one campaign to the next, under the privacy rule.

Each campaign's figures come from `eigdata.survey.figures` (same filters, same privacy rule,
same Wilson intervals); this module lines the campaigns that asked a question up, oldest
first, and says in the run's language how a share moved between consecutive campaigns.
"""

from __future__ import annotations

import math
from itertools import pairwise
from typing import Any

import duckdb
import pandas as pd

from eigdata import formatting as fmt
from eigdata.i18n import N_, _, lang
from eigdata.runner import run
from eigdata.survey import figures
from eigdata.survey.figures import NO_ANSWER, Filters

Connection = duckdb.DuckDBPyConnection
RECONSTRUCTED_TAG = N_("(reconstituée)")
BEFORE, AFTER, MAINTAINED = "intention_admin_avant", "intention_admin_apres", "outils_maintenus"
INTENTIONS = (  # question, measure, label
    (BEFORE, "avant", N_("Envisageaient l'administration avant le programme")),
    (AFTER, "apres", N_("Souhaitent rester dans l'administration après le défi")),
)
CAMPAIGN_COLUMNS = ["campaign", "title", "year", "reconstructed", "campaign_label"]
FIGURE_COLUMNS = ["n", "denominator", "share", "low", "high", "reason"]
MOVEMENT_COLUMNS = [
    "from_campaign",
    "to_campaign",
    "from_label",
    "to_label",
    "from_year",
    "to_year",
    "points",
    "sentence",
]


def campaigns_asking(con: Connection, question: str) -> pd.DataFrame:
    """The campaigns that asked `question`, oldest first, with a short label for charts."""
    frame = run(con, "survey_trend_campaigns", question=question)
    return frame.assign(campaign_label=campaign_labels(frame))


def campaign_labels(frame: pd.DataFrame) -> list[str]:
    """« 2021 », or the title when two campaigns share a year; « (reconstituée) » if so."""
    twice = frame["year"].duplicated(keep=False)
    tag = f" {_(RECONSTRUCTED_TAG)}"
    return [
        (title if same_year else str(year)) + (tag if rebuilt else "")
        for title, year, rebuilt, same_year in zip(
            frame["title"], frame["year"], frame["reconstructed"], twice, strict=True
        )
    ]


def question_by_campaign(
    con: Connection, question: str, filters: Filters | None = None
) -> pd.DataFrame:
    """Each answer's share, n and 95 % interval per campaign that asked `question`.

    Columns: campaign, title, year, reconstructed, campaign_label, answer, label, n,
    denominator, share, low, high, reason (a group that may not be shown has only a reason).
    """
    frames = []
    for campaign in _campaign_rows(con, question):
        shares = figures.distribution(con, campaign["campaign"], question, filters)
        frames.append(shares[shares["answer"] != NO_ANSWER].assign(**campaign))
    columns = [*CAMPAIGN_COLUMNS, "answer", "label", *FIGURE_COLUMNS]
    if not frames:
        return pd.DataFrame(columns=columns)
    return _counts(pd.concat(frames, ignore_index=True)[columns])


def share_by_campaign(
    con: Connection, question: str, answers: list[str], filters: Filters | None = None
) -> pd.DataFrame:
    """The share giving one of `answers`, per campaign that asked `question`, oldest first."""
    rows = []
    for campaign in _campaign_rows(con, question):
        got = figures.share(con, campaign["campaign"], question, answers, filters)
        rows.append({**campaign, **_figure(got)})
    return _counts(pd.DataFrame(rows, columns=[*CAMPAIGN_COLUMNS, *FIGURE_COLUMNS]))


def intention_by_campaign(con: Connection, filters: Filters | None = None) -> pd.DataFrame:
    """Per campaign, the share who intended to work in the administration before the
    programme (measure « avant ») and who wish to stay after it (« apres »)."""
    frames = [
        share_by_campaign(con, question, ["oui"], filters).assign(
            measure=measure, question=question, label=_(label)
        )
        for question, measure, label in INTENTIONS
    ]
    frame = pd.concat(frames, ignore_index=True)
    frame = frame.sort_values(["year", "campaign"], kind="stable").reset_index(drop=True)
    return frame[[*CAMPAIGN_COLUMNS, "measure", "question", "label", *FIGURE_COLUMNS]]


def maintained_by_campaign(con: Connection, filters: Filters | None = None) -> pd.DataFrame:
    """Per campaign, the share of deliverables said to be maintained (outils_maintenus)."""
    return share_by_campaign(con, MAINTAINED, ["oui"], filters)


def movements(frame: pd.DataFrame) -> pd.DataFrame:
    """How one share moved between consecutive campaigns (a `share_by_campaign` frame):
    the difference in percentage points (None when a side is not shown) and a sentence."""
    rows = []
    for before, after in pairwise(frame.to_dict("records")):
        shown = _shown(before) and _shown(after)
        rows.append(
            {
                "from_campaign": before["campaign"],
                "to_campaign": after["campaign"],
                "from_label": before["campaign_label"],
                "to_label": after["campaign_label"],
                "from_year": before["year"],
                "to_year": after["year"],
                "points": 100 * (after["share"] - before["share"]) if shown else None,
                "sentence": movement_sentence(before, after),
            }
        )
    return pd.DataFrame(rows, columns=MOVEMENT_COLUMNS)


def movement_sentence(before: dict[str, Any], after: dict[str, Any]) -> str:
    """« de 57 % (2019, 12 sur 21) à 70 % (2021, 14 sur 20) : +13 points »."""
    sides = {"before": _side(before), "after": _side(after)}
    if not (_shown(before) and _shown(after)):
        return _("de {before} à {after} : évolution non calculée").format(**sides)
    points = points_text(100 * (after["share"] - before["share"]))
    return _("de {before} à {after} : {points}").format(**sides, points=points)


def points_text(points: float) -> str:
    """+13 points, −3 points, 0 point, +1 point (rounded half away from zero); in English
    0 points, +1 point."""
    rounded = math.floor(abs(points) + 0.5)
    sign = "" if rounded == 0 else ("+" if points > 0 else "\u2212")
    values = {"sign": sign, "points": fmt.number(rounded)}
    singular = rounded == 1 if lang() == "en" else rounded < 2
    if singular:
        return _("{sign}{points} point").format(**values)
    return _("{sign}{points} points").format(**values)


def trend_reading(frame: pd.DataFrame, subject: str) -> str:
    """A sentence on one share across campaigns (a `share_by_campaign` frame)."""
    if frame.empty:
        return _("{subject} : aucune campagne ne pose cette question.").format(subject=subject)
    if len(frame) == 1:
        return _(
            "{subject} : {figure} ; une seule campagne pose cette question, pas encore "
            "d'évolution à montrer."
        ).format(subject=subject, figure=_side(frame.iloc[0].to_dict()))
    return _("{subject}, d'une campagne à l'autre : {changes}.").format(
        subject=subject, changes=separator().join(movements(frame)["sentence"])
    )


def separator() -> str:
    """Between the parts of a sentence: « ; » in French, "; " in English."""
    return "; " if lang() == "en" else " ; "


def question_reading(frame: pd.DataFrame) -> str:
    """A sentence on a `question_by_campaign` frame: the answer most given in the latest
    campaign shown, and its share in each campaign."""
    shown = frame[frame["share"].notna()]
    if shown.empty:
        return _(
            "Aucune campagne ne compte assez de répondants dans cette sélection pour afficher "
            "une part : les raisons sont dans le tableau."
        )
    latest = shown[shown["campaign"] == shown["campaign"].iloc[-1]]
    top = latest.loc[latest["share"].idxmax()]
    parts = []
    for row in frame[frame["answer"] == top["answer"]].to_dict("records"):
        if _shown(row):
            parts.append(
                _("{share} ({n} sur {total}) en {campaign}").format(
                    share=fmt.percent(row["share"]),
                    n=fmt.number(row["n"]),
                    total=fmt.number(row["denominator"]),
                    campaign=row["campaign_label"],
                )
            )
        else:
            parts.append(_("non affichée en {campaign}").format(campaign=row["campaign_label"]))
    text = _("Part des répondants ayant répondu « {answer} » : {shares}.").format(
        answer=top["label"], shares=", ".join(parts)
    )
    if frame["campaign"].nunique() == 1:
        text += " " + _(
            "Une seule campagne pose cette question : pas encore d'évolution à montrer."
        )
    return text


def _campaign_rows(con: Connection, question: str) -> list[dict[str, Any]]:
    frame = campaigns_asking(con, question)
    return [
        {
            "campaign": row["campaign"],
            "title": row["title"],
            "year": int(row["year"]),
            "reconstructed": bool(row["reconstructed"]),
            "campaign_label": row["campaign_label"],
        }
        for row in frame.to_dict("records")
    ]


def _counts(frame: pd.DataFrame) -> pd.DataFrame:
    """Counts as integers (missing where the group is not shown), shares as floats."""
    counts = {c: frame[c].astype("Int64") for c in ("n", "denominator")}
    shares = {c: frame[c].astype("float64") for c in ("share", "low", "high")}
    return frame.assign(**counts, **shares)


def _figure(got: figures.Share) -> dict[str, Any]:
    return got.columns()


def _shown(row: dict[str, Any]) -> bool:
    return not isinstance(row.get("reason"), str) and pd.notna(row.get("share"))


def _side(row: dict[str, Any]) -> str:
    if not _shown(row):
        return _("— ({year}, chiffre non affiché)").format(year=row["year"])
    return _("{share} ({year}, {n} sur {total})").format(
        share=fmt.percent(row["share"]),
        year=row["year"],
        n=fmt.number(row["n"]),
        total=fmt.number(row["denominator"]),
    )
