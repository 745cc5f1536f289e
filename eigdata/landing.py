"""The directors' landing: how the programme is doing, in five figures with their trend.

Everything is read from the data: the latest promotion (latest year, then last in order) and
the latest survey campaign move when a new one is imported. Each figure says where it comes
from (published document, programme site or calculation), what it is compared with, and which
page, with which filters (displayed labels, as in shared links), shows its detail. Survey
shares come from `eigdata.survey` under its privacy rule: a hidden share stays hidden.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import duckdb
import pandas as pd

from eigdata import budget, composition, queries, survey
from eigdata import formatting as fmt
from eigdata.i18n import N_, _
from eigdata.survey import trends

Connection = duckdb.DuckDBPyConnection
COMPOSITION, BUDGET = "pages/composition.py", "pages/budget.py"
PRODUCTION, TRAJECTORIES = "pages/production.py", "pages/trajectoires.py"
ORIGINS = {
    "publié": N_("Chiffre publié"),
    "site": N_("Compté sur le site du programme"),
    "calcul": N_("Calcul"),
}
ORIGIN_WORDS = {"publié": N_("publié"), "site": N_("site"), "calcul": N_("calcul")}
STATUSES = {"réalisé": N_("réalisé"), "prévisionnel": N_("prévisionnel")}
MINUS = "\u2212"
FIRST_PROMOTION = N_("première promotion de ce programme : pas de comparaison")
NO_FIGURE = "—"


@dataclass(frozen=True)
class LatestPromotion:
    """The most recent promotion."""

    name: str
    year: int
    programme: str
    label: str = field(default="", compare=False)  # as shown: `label_en` in English


@dataclass(frozen=True)
class LatestCampaign:
    """The most recent survey campaign."""

    code: str
    title: str
    year: int
    reconstructed: bool


@dataclass(frozen=True)
class Headline:
    """One figure of the landing, its trend, its origin and the page that details it.

    `change` is in the figure's unit (people, percentage points, euros); `trend` says it in
    the run's language with its sign; `rising_is_good` tells whether a rise is good news
    (colour only).
    """

    key: str
    label: str
    value: float | None
    formatted: str
    previous: float | None
    compared_with: str | None
    change: float | None
    trend: str
    page: str
    params: dict[str, list[str]]
    link_label: str
    origin: str  # publié, site or calcul
    source: str
    note: str = ""
    rising_is_good: bool = False

    @property
    def arrow(self) -> str:
        """up, down or off, as the trend's sign says (rounded as shown)."""
        if self.trend.startswith("+"):
            return "up"
        return "down" if self.trend.startswith(MINUS) else "off"

    @property
    def delta_color(self) -> str:
        """normal when a move is good or bad news, off when it is neither or there is none."""
        return "normal" if self.rising_is_good and self.arrow != "off" else "off"

    @property
    def provenance(self) -> str:
        """« Chiffre publié : Article DINUM… » or « Calcul : … »."""
        return colon(_(ORIGINS[self.origin]), self.source)

    @property
    def origin_label(self) -> str:
        """« Chiffre publié », « Compté sur le site du programme » or « Calcul »."""
        return _(ORIGINS[self.origin])


@dataclass(frozen=True)
class Overview:
    """The landing: latest promotion and campaign, and the five headline figures."""

    promotion: LatestPromotion | None
    campaign: LatestCampaign | None
    headlines: list[Headline] = field(default_factory=list)

    def summary(self) -> str:
        """« Dernière promotion : EIG 4 (2020) ; dernière campagne d'enquête : … (2019). »"""
        promotion = campaign = _("aucune")
        if self.promotion:
            shown = self.promotion.label or self.promotion.name
            promotion = f"{shown} ({self.promotion.year})"
        if self.campaign:
            title, year = self.campaign.title, self.campaign.year
            campaign = f"{title} ({year})"
            if self.campaign.reconstructed:
                campaign = _("{title} ({year}, réponses reconstituées)").format(
                    title=title, year=year
                )
        return _(
            "Dernière promotion : {promotion} ; dernière campagne d'enquête : {campaign}."
        ).format(promotion=promotion, campaign=campaign)


def overview(con: Connection) -> Overview:
    """The latest promotion and campaign and the five headline figures, from the data."""
    promotions = _promotions(con)
    pair = _pair(promotions)
    return Overview(
        promotion=_latest_promotion(promotions, queries.promotion_labels(con)),
        campaign=_latest_campaign(con),
        headlines=[
            recruited(con, pair),
            profile_share(con, pair),
            unit_cost(con),
            maintained(con),
            staying(con),
        ],
    )


# --- Promotions ------------------------------------------------------------------------


def _promotions(con: Connection) -> pd.DataFrame:
    """Promotions, oldest first: by year, then in the order of the data."""
    frame = queries.promotions(con)
    return frame.sort_values(["year", "sort_order"], kind="stable").reset_index(drop=True)


def _latest_promotion(promotions: pd.DataFrame, shown: dict[str, str]) -> LatestPromotion | None:
    if promotions.empty:
        return None
    row = promotions.iloc[-1]
    name = str(row["promotion"])
    return LatestPromotion(name, int(row["year"]), str(row["programme"]), shown.get(name, name))


def _pair(promotions: pd.DataFrame) -> tuple[str | None, str | None]:
    """The latest promotion and the previous one of the same programme (None if none)."""
    if promotions.empty:
        return None, None
    latest = promotions.iloc[-1]
    same = promotions[promotions["programme"] == latest["programme"]]
    previous = same.iloc[-2]["promotion"] if len(same) > 1 else None
    return str(latest["promotion"]), previous


def recruited(con: Connection, pair: tuple[str | None, str | None]) -> Headline:
    """EIG recruited in the latest promotion, against the previous one of its programme."""
    latest, previous = pair
    names = [n for n in (previous, latest) if n]
    shown = _shown_names(con)
    figures = composition.promotion_figures(con, names)
    eig = figures[figures["indicator"] == "eig"].set_index("promotion")
    now = eig.loc[latest] if latest in eig.index else None
    before = eig.loc[previous] if previous in eig.index else None
    value = None if now is None else float(now["value"])
    old = None if before is None else float(before["value"])
    change = None if value is None or old is None else value - old
    note = ""
    if before is not None:
        note = colon(shown(previous), f"{fmt.number(old)} ({origin_word(before['origin'])})")
    return Headline(
        key="eig",
        label=_("EIG recrutés — {promotion}").format(promotion=shown(latest)),
        value=value,
        formatted=fmt.number(value),
        previous=old,
        compared_with=shown(previous),
        change=change,
        trend=_trend(change, shown(previous), _signed_count, _(FIRST_PROMOTION)),
        page=COMPOSITION,
        params={"promotion": [shown(n) for n in names]},
        link_label=_("Voir la composition {of_promotions}").format(
            of_promotions=_of([shown(n) for n in names])
        ),
        origin=str(now["origin"]) if now is not None else "site",
        source=str(now["source"]) if now is not None else _("aucun chiffre pour cette promotion"),
        note=note,
        rising_is_good=True,
    )


def profile_share(con: Connection, pair: tuple[str | None, str | None]) -> Headline:
    """Share of the highlighted profile (designers) in the latest promotion, site counts."""
    latest, previous = pair
    names = [n for n in (previous, latest) if n]
    group = composition.HIGHLIGHT
    label = composition.profile_groups(con).get(group, group)
    mix = composition.profile_mix(con, names, [group]).set_index("promotion")
    now, old = _profile(mix, latest), _profile(mix, previous)
    change = None if now is None or old is None else 100 * (now[0] - old[0])
    shown = _shown_names(con)
    pairs = ((latest, now), (previous, old))
    notes = [colon(shown(name), _profile_text(got)) for name, got in pairs if got is not None]
    return Headline(
        key="profile",
        label=_("Part des profils « {profile} » — {promotion}").format(
            profile=label.lower(), promotion=shown(latest)
        ),
        value=None if now is None else now[0],
        formatted=fmt.percent(None if now is None else now[0]),
        previous=None if old is None else old[0],
        compared_with=shown(previous),
        change=change,
        trend=_trend(change, shown(previous), trends.points_text, _(FIRST_PROMOTION)),
        page=COMPOSITION,
        params={"promotion": [shown(n) for n in names], "profil": [label]},
        link_label=_("Voir les profils {of_promotions}").format(
            of_promotions=_of([shown(n) for n in names])
        ),
        origin="calcul",
        source=_(
            "EIG au profil « {profile} » / EIG de la promotion, d'après le site du programme EIG "
            "(liste des défis et des participants)"
        ).format(profile=label.lower()),
        note=_(" ; ").join(notes),
    )


def _profile(mix: pd.DataFrame, name: str | None) -> tuple[float, int, int] | None:
    """(share, count, promotion EIG) of a promotion, None if unknown or without EIG."""
    if name is None or name not in mix.index or not mix.loc[name, "promotion_eig"]:
        return None
    row = mix.loc[name]
    return float(row["roster_share"]), int(row["roster_count"]), int(row["promotion_eig"])


def _profile_text(got: tuple[float, int, int] | None) -> str:
    """« 34 % (14 sur 41 EIG) »."""
    if got is None:
        return NO_FIGURE
    return _("{share} ({count} sur {total} EIG)").format(
        share=fmt.percent(got[0]), count=fmt.number(got[1]), total=fmt.number(got[2])
    )


def _of(names: list[str]) -> str:
    """« d'EIG 3 et EIG 4 », « de DIG » (« of EIG class 3 and EIG class 4 »)."""
    if not names:
        return _("de toutes les promotions")
    joined = names[0]
    if len(names) > 1:
        joined = _("{first} et {last}").format(first=", ".join(names[:-1]), last=names[-1])
    if joined[0] in "AEIOUYÉ":
        return _("d'{names}").format(names=joined)
    return _("de {names}").format(names=joined)


def _shown_names(con: Connection) -> Callable[[str | None], str | None]:
    """A promotion's name as shown in the run's language (None stays None)."""
    labels = queries.promotion_labels(con)
    return lambda name: None if name is None else labels.get(name, name)


# --- Budget ----------------------------------------------------------------------------


def unit_cost(con: Connection) -> Headline:
    """PIA cost per EIG-month of the latest promotion with budget lines, against the
    previous one (all spending lines; the status, realised or forecast, is named)."""
    summary = budget.summary(con)
    if summary.empty:
        return _missing("budget", _("Coût PIA par EIG-mois"), BUDGET, _("aucune ligne budgétaire"))
    now = summary.iloc[-1]
    before = summary.iloc[-2] if len(summary) > 1 else None
    value, old = _number(now["cost_per_eig_month"]), None
    if before is not None:
        old = _number(before["cost_per_eig_month"])
    change = None if value is None or old is None else value - old
    names = [str(r["promotion"]) for r in (before, now) if r is not None]
    shown = _shown_names(con)
    compared = None if before is None else shown(str(before["promotion"]))
    against = None if before is None else f"{compared} ({status_text(before['status'])})"
    return Headline(
        key="budget",
        label=_("Coût PIA par EIG-mois — {promotion}").format(
            promotion=shown(str(now["promotion"]))
        ),
        value=value,
        formatted=fmt.euros(value, False),
        previous=old,
        compared_with=compared,
        change=change,
        trend=_trend(
            change, against, _signed_euros, _("première promotion budgétée : pas de comparaison")
        ),
        page=BUDGET,
        params={"promotion": [shown(n) for n in names]},
        link_label=_("Voir le budget {of_promotions}").format(
            of_promotions=_of([shown(n) for n in names])
        ),
        origin="calcul",
        source=_cost_source(con, now),
        note=_consumption(now),
    )


def _cost_source(con: Connection, row: pd.Series) -> str:
    lines = budget.lines(con, [str(row["promotion"])])
    documents = "; ".join(dict.fromkeys(lines["source"].dropna()))
    months = _number(row["duration_months"])
    return _(
        "{spending} de dépenses ({status}) / ({eig} EIG × {months} mois) — {documents}"
    ).format(
        spending=fmt.euros(row["spending"], False),
        status=status_text(row["status"]),
        eig=fmt.number(row["eig"]),
        months=fmt.number(months),
        documents=documents,
    )


def _consumption(row: pd.Series) -> str:
    status = status_text(row["status"])
    parts = {
        "status": f"{status[:1].upper()}{status[1:]}",
        "share": fmt.percent(_number(row["consumed_share"])),
        "envelope": fmt.euros(row["envelope"]),
    }
    if bool(row["over_envelope"]):
        return _("{status} ; {share} de l'enveloppe PIA de {envelope} : dépassement").format(
            **parts
        )
    return _("{status} ; {share} de l'enveloppe PIA de {envelope}").format(**parts)


def status_text(status: object) -> str:
    """« réalisé », « prévisionnel » or both (« prévisionnel, réalisé ») in the run's language."""
    codes = str(status).split(", ")
    return ", ".join(_(STATUSES[code]) if code in STATUSES else code for code in codes)


# --- Surveys ---------------------------------------------------------------------------


def _latest_campaign(con: Connection) -> LatestCampaign | None:
    frame = survey.campaigns(con)  # newest first
    if frame.empty:
        return None
    row = frame.iloc[0]
    return LatestCampaign(
        str(row["campaign"]), str(row["title"]), int(row["year"]), bool(row["reconstructed"])
    )


def maintained(con: Connection) -> Headline:
    """Share of realisations still maintained (EIG and mentors), latest campaign asking."""
    return _survey_headline(
        con,
        key="maintained",
        question=trends.MAINTAINED,
        filters=survey.Filters(),
        label=_("Réalisations maintenues"),
        page=PRODUCTION,
        link=_("Voir la production des outils"),
    )


def staying(con: Connection) -> Headline:
    """Share of EIG wishing to stay in the administration after their défi."""
    return _survey_headline(
        con,
        key="stay",
        question=trends.AFTER,
        filters=survey.Filters(["eig"]),
        label=_("EIG souhaitant rester dans l'administration"),
        page=TRAJECTORIES,
        link=_("Voir les trajectoires"),
    )


def _survey_headline(
    con: Connection,
    *,
    key: str,
    question: str,
    filters: survey.Filters,
    label: str,
    page: str,
    link: str,
) -> Headline:
    frame = trends.share_by_campaign(con, question, ["oui"], filters)
    if frame.empty:
        return _missing(key, label, page, _("aucune campagne ne pose cette question"))
    rows = frame.to_dict("records")
    now, before = rows[-1], (rows[-2] if len(rows) > 1 else None)
    name = _campaign_name(now, frame)
    earlier = None if before is None else _campaign_name(before, frame)
    compared = None if earlier is None else _("campagne {name}").format(name=earlier)
    change = None
    if before is not None and _shown(now) and _shown(before):
        change = 100 * (now["share"] - before["share"])
    return Headline(
        key=key,
        label=_("{label} — campagne {name}").format(label=label, name=name),
        value=float(now["share"]) if _shown(now) else None,
        formatted=fmt.percent(now["share"]) if _shown(now) else NO_FIGURE,
        previous=float(before["share"]) if before and _shown(before) else None,
        compared_with=compared,
        change=change,
        trend=_survey_trend(now, earlier, change),
        page=page,
        params={"campagne": [str(now["title"])]},
        link_label=_("{link} (campagne {name})").format(link=link, name=name),
        origin="calcul",
        source=_survey_source(con, now),
        note=_share_note(now),
        rising_is_good=True,
    )


def _survey_trend(now: dict[str, Any], earlier: str | None, change: float | None) -> str:
    """The change since the `earlier` campaign (its name), or why there is none."""
    if earlier is None:
        return _("première campagne : pas de comparaison")
    if change is not None:
        return _("{change} par rapport à la campagne {name}").format(
            change=trends.points_text(change), name=earlier
        )
    if _shown(now):
        return _("évolution non calculée : chiffre de la campagne {name} non affiché").format(
            name=earlier
        )
    return _("évolution non calculée : chiffre de cette campagne non affiché")


def _campaign_name(row: dict[str, Any], frame: pd.DataFrame) -> str:
    """« 2019 », or « « title » » when another campaign shares the year."""
    twice = int((frame["year"] == row["year"]).sum()) > 1
    return quoted(row["title"]) if twice else str(row["year"])


def _shown(row: dict[str, Any]) -> bool:
    return not isinstance(row.get("reason"), str) and pd.notna(row.get("share"))


def _share_note(row: dict[str, Any]) -> str:
    """« IC 95 % : 53 % à 83 % ; 23 sur 33 répondants » or the privacy reason."""
    if not _shown(row):
        return str(row["reason"])
    return _("IC 95 % : {low} à {high} ; {n} sur {total} répondants").format(
        low=fmt.percent(row["low"]),
        high=fmt.percent(row["high"]),
        n=fmt.number(row["n"]),
        total=fmt.number(row["denominator"]),
    )


def _survey_source(con: Connection, row: dict[str, Any]) -> str:
    campaigns = survey.campaigns(con).set_index("campaign")
    document = campaigns.loc[row["campaign"], "source_title"]
    rebuilt = f" ({_(survey.RECONSTRUCTED_LABEL).lower()})" if row["reconstructed"] else ""
    return _("réponses à la campagne « {title} »{rebuilt} — {document}").format(
        title=row["title"], rebuilt=rebuilt, document=document
    )


# --- Shared ----------------------------------------------------------------------------


def _trend(
    change: float | None, compared: str | None, signed: Callable[[float], str], first: str
) -> str:
    """« +9 par rapport à EIG 3 », or why there is no comparison."""
    if compared is None:
        return first
    if change is None:
        return _("évolution non calculée : chiffre manquant pour {compared}").format(
            compared=compared
        )
    return _("{change} par rapport à {compared}").format(change=signed(change), compared=compared)


def _signed(change: float, render: Callable[[float], str]) -> str:
    """+9, −764 €, 0 (rounded half away from zero, as `trends.points_text`)."""
    rounded = math.floor(abs(change) + 0.5)
    sign = "" if rounded == 0 else ("+" if change > 0 else MINUS)
    return f"{sign}{render(rounded)}"


def _signed_count(change: float) -> str:
    return _signed(change, fmt.number)


def _signed_euros(change: float) -> str:
    return _signed(change, lambda v: fmt.euros(v, False))


def _number(value: object) -> float | None:
    if value is None or pd.isna(value):
        return None
    return float(value)


def _missing(key: str, label: str, page: str, why: str) -> Headline:
    return Headline(
        key=key,
        label=label,
        value=None,
        formatted=NO_FIGURE,
        previous=None,
        compared_with=None,
        change=None,
        trend=why,
        page=page,
        params={},
        link_label=_("Voir la page « {label} »").format(label=label),
        origin="calcul",
        source=why,
    )


def colon(label: str, text: str) -> str:
    """« label : text » (French spacing) or « label: text »."""
    return _("{label} : {text}").format(label=label, text=text)


def quoted(text: object) -> str:
    """« text » in French, “text” in English."""
    return _("« {text} »").format(text=text)


def origin_word(origin: object) -> str:
    """publié, site or calcul (the origin of a figure) in the run's language."""
    return _(ORIGIN_WORDS[origin]) if origin in ORIGIN_WORDS else str(origin)
