"""The preview of a promotion: as the composition page will show it, the other promotions
before and after, and the dashboard figures that move."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from eigdata import composition
from eigdata import formatting as fmt
from eigdata.i18n import N_, _, lang
from eigdata.ingest import changes, impact
from eigdata.ingest.changes import Tables
from eigdata.ingest.mapping import match_key, profiles
from eigdata.ingest.promotion.entries import Entry

if TYPE_CHECKING:
    from eigdata.ingest.promotion.plan import PromotionPlan


@dataclass(frozen=True)
class GroupShare:
    """EIG of one profile group in the promotion, as the composition page shows them."""

    group: str
    label: str
    count: int
    share: float


@dataclass(frozen=True)
class OtherPromotion:
    """Another promotion after the import: its counts and whether any of its figures moved."""

    promotion: str
    eig: float
    defis: float
    unchanged: bool

    def line(self) -> str:
        """« EIG 4 : 41 EIG, 17 défis — inchangée » (in the run's language)."""
        line = _("{promotion} : {eig} EIG, {defis} — modifiée")
        if self.unchanged:
            line = _("{promotion} : {eig} EIG, {defis} — inchangée")
        defis = _count(self.defis, N_("{count} défi"), N_("{count} défis"))
        return line.format(promotion=self.promotion, eig=fmt.number(self.eig), defis=defis)


@dataclass
class Preview:
    """What the promotion will look like on the dashboard, and what else moves."""

    promotion: str
    eig: int
    mentors: int
    defis: int
    new_host_services: list[str]
    returning_host_services: list[str]
    profile_mix: list[GroupShare]
    unknown_profiles: list[tuple[str, int]]
    others: list[OtherPromotion]
    figure_changes: list[impact.Change]

    def hosts_line(self) -> str:
        """« Services d'accueil : 4 nouveaux (AESN, …), 1 déjà accueillant (HAS). »"""
        new = _hosts(self.new_host_services, N_("{count} nouveau"), N_("{count} nouveaux"))
        returning = _hosts(
            self.returning_host_services,
            N_("{count} déjà accueillant"),
            N_("{count} déjà accueillants"),
        )
        return _("Services d'accueil : {new}, {returning}.").format(new=new, returning=returning)

    def lines(self) -> list[str]:
        """The preview in French, one line per fact (the command line, always in French,
        prints them)."""
        mix = " ; ".join(
            f"{g.label} {fmt.number(g.count)} ({fmt.percent(g.share)})" for g in self.profile_mix
        )
        mentors = _count(self.mentors, N_("{count} mentor"), N_("{count} mentors"))
        defis = _count(self.defis, N_("{count} défi"), N_("{count} défis"))
        out = [
            f"Promotion {self.promotion} : {fmt.number(self.eig)} EIG, {mentors}, {defis}.",
            self.hosts_line(),
            f"Profils (page Composition) : {mix}.",
        ]
        if self.unknown_profiles:
            listed = ", ".join(f"« {t} » ({fmt.number(n)} EIG)" for t, n in self.unknown_profiles)
            out.append(f"Profils non reconnus, comptés « autre » : {listed}.")
        out += ["Autres promotions :"] + [f"  {o.line()}" for o in self.others]
        if self.figure_changes:
            out.append("Chiffres du tableau de bord qui bougeront :")
            out += [f"  {c.page} — {c.label} : {c.before} → {c.after}" for c in self.figure_changes]
        return out


def build_preview(plan: PromotionPlan, current: Tables, entries: list[Entry]) -> Preview:
    """The promotion as the composition page will show it (candidate database), the other
    promotions before/after, and the dashboard figures that move (`impact`). Raises
    `ValidationFailed` when the new tables do not build."""
    tables = plan.change.tables
    built = changes.candidate_database(plan.change)
    with impact.now_and_then(plan.data_dir, built) as (now, then):
        before, after = impact.figures(now), impact.figures(then)
        frames = [
            (composition.promotion_figures(c), composition.profile_mix(c)) for c in (now, then)
        ]
    figures, mix = frames[1]
    mine = figures[figures["promotion"] == plan.promotion].set_index("indicator")["value"]
    new, returning = host_services(plan, tables)
    return Preview(
        plan.promotion,
        int(mine.get("eig", 0)),
        int(mine.get("mentors", 0)),
        int(mine.get("defis", 0)),
        new,
        returning,
        [
            GroupShare(r.profile_group, r.profile, int(r.roster_count), float(r.roster_share))
            for r in mix[mix["promotion"] == plan.promotion].itertuples()
        ],
        unknown_profiles(current, entries),
        _others(plan.promotion, frames[0], frames[1]),
        impact.compare(before, after),
    )


def host_services(plan: PromotionPlan, tables: Tables) -> tuple[list[str], list[str]]:
    """The promotion's host services: new ones, and those an earlier promotion had."""
    order = {r["promotion"]: int(r["sort_order"]) for r in tables["promotions"]}
    mine = order[plan.promotion]
    earlier = {
        r["host_service"] for r in tables["roster_defis"] if order.get(r["promotion"], 0) < mine
    }
    hosts = sorted(
        {r["host_service"] for r in tables["roster_defis"] if r["promotion"] == plan.promotion}
    )
    return [h for h in hosts if h not in earlier], [h for h in hosts if h in earlier]


def unknown_profiles(current: Tables, entries: list[Entry]) -> list[tuple[str, int]]:
    """Profiles matching none of profiles.csv, as first written, with their number of EIG."""
    lookup = profiles(current)
    people: dict[str, set[str]] = {}
    written: dict[str, str] = {}
    for entry in entries:
        if entry.role == "eig" and entry.profile and lookup.get(entry.profile) is None:
            key = match_key(entry.profile)
            written.setdefault(key, entry.profile)
            people.setdefault(key, set()).add(entry.person)
    return [(written[k], len(v)) for k, v in people.items()]


def _others(
    promotion: str, before: tuple[pd.DataFrame, pd.DataFrame], after: tuple[pd.DataFrame, ...]
) -> list[OtherPromotion]:
    """Each other promotion's counts after the import, and whether anything of it moved."""
    out = []
    figures = after[0]
    for name in dict.fromkeys(figures["promotion"]):
        if name == promotion:
            continue
        values = figures[figures["promotion"] == name].set_index("indicator")["value"]
        same = all(
            _rows_of(b, name).equals(_rows_of(a, name)) for b, a in zip(before, after, strict=True)
        )
        out.append(OtherPromotion(name, values.get("eig", 0), values.get("defis", 0), same))
    return out


def _rows_of(frame: pd.DataFrame, promotion: str) -> pd.DataFrame:
    return frame[frame["promotion"] == promotion].reset_index(drop=True)


def _plural(value: float) -> bool:
    """Whether a count takes the plural: above one in French, other than one in English."""
    return value > 1 if lang() == "fr" else value != 1


def _count(value: float, one: str, many: str) -> str:
    """« 17 défis »: `one` or `many` (N_-marked, with {count}) in the run's language."""
    return _(many if _plural(value) else one).format(count=fmt.number(value))


def _hosts(names: list[str], one: str, many: str) -> str:
    listed = f" ({', '.join(names)})" if names else ""
    return _count(len(names), one, many) + listed
