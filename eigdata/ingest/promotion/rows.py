"""The new rows of a promotion: the full new content of sources, promotions and the roster
tables, every other promotion as it is (its own old rows removed when it is replaced)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import TYPE_CHECKING

from eigdata.ingest.changes import Rows, Tables
from eigdata.ingest.mapping import match_key, profiles
from eigdata.ingest.promotion.entries import Entry, grouped_by

if TYPE_CHECKING:
    from eigdata.ingest.promotion.plan import PromotionPlan

ACTION = "import-promotion"
ROLE_SOURCE = "feuille de promotion"


def source_doc(promotion: str) -> str:
    """« import-promotion-eig-5 »."""
    return f"{ACTION}-{slug(promotion)}"


def slug(text: str) -> str:
    """« Forêts ouvertes ! » → « forets-ouvertes »."""
    bare = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in bare if not unicodedata.combining(c)).casefold()
    return re.sub(r"[^a-z0-9]+", "-", bare).strip("-")[:60].strip("-") or "defi"


def new_tables(plan: PromotionPlan, current: Tables, entries: list[Entry]) -> Tables:
    """The full new content of each touched dataset: every other promotion as it is, plus
    the new promotion (its old rows removed when it is replaced)."""
    kept = without_promotion(current, plan.promotion)
    today = dt.date.today().isoformat()
    origin = f"feuille de promotion {' '.join(plan.file_name.split())}, importée le {today}"
    defis, ids = new_defis(plan, current, kept, entries, origin)
    members, links = new_people(plan, current, entries, ids, origin)
    return {
        "sources": [r for r in current["sources"] if r["source_doc"] != plan.source_doc]
        + [source_row(plan, today)],
        "promotions": promotions_rows(plan, current, today),
        "roster_defis": kept["roster_defis"] + defis,
        "roster_members": kept["roster_members"] + members,
        "roster_member_defis": kept["roster_member_defis"] + links,
        "roster_defi_key_figures": kept["roster_defi_key_figures"],
    }


def without_promotion(current: Tables, promotion: str) -> Tables:
    """The roster without a promotion: its défis, links and key figures, and the members
    who belong only to it (the others lose it from their promotions)."""
    gone = {r["defi_id"] for r in current["roster_defis"] if r["promotion"] == promotion}
    links = current["roster_member_defis"]
    mine = [r for r in links if r["promotion"] == promotion or r["defi_id"] in gone]
    other = [r for r in links if r not in mine]
    order = {r["promotion"]: int(r["sort_order"]) for r in current["promotions"]}
    members = []
    for member in current["roster_members"]:
        updated = _member_without(member, promotion, mine, other, order)
        if updated is not None:
            members.append(updated)
    return {
        "roster_defis": [r for r in current["roster_defis"] if r["defi_id"] not in gone],
        "roster_member_defis": other,
        "roster_members": members,
        "roster_defi_key_figures": [
            r
            for r in current["roster_defi_key_figures"]
            if r["promotion"] != promotion and r["defi_id"] not in gone
        ],
    }


def _member_without(
    member: dict[str, str], promotion: str, mine: Rows, other: Rows, order: dict[str, int]
) -> dict[str, str] | None:
    """A member once the promotion is gone: None if it belonged only to it."""
    listed = [p for p in member["promotions"].split(";") if p]
    removed = {r["defi_id"] for r in mine if r["member_id"] == member["member_id"]}
    if promotion not in listed and not removed:
        return member
    kept_links = [r for r in other if r["member_id"] == member["member_id"]]
    remaining = [p for p in listed if p != promotion]
    if not kept_links and not remaining:
        return None
    first = member["first_promotion"]
    if first == promotion:
        first = min(remaining, key=lambda p: order.get(p, 0)) if remaining else ""
    n_defis = max(0, int(member["n_defis"] or 0) - len(removed))
    return {
        **member,
        "promotions": ";".join(remaining),
        "first_promotion": first,
        "n_defis": str(n_defis),
    }


def source_row(plan: PromotionPlan, today: str) -> dict[str, str]:
    """The sources row of the sheet."""
    return {
        "source_doc": plan.source_doc,
        "short_title": f"Feuille de la promotion {plan.promotion}",
        "title": f"Feuille de la promotion {plan.promotion} ({' '.join(plan.file_name.split())}"
        f", importée le {today})",
        "publisher": "Programme EIG (import d'une feuille de promotion)",
        "published": today,
        "language": "fr",
    }


def promotions_rows(plan: PromotionPlan, current: Tables, today: str) -> Rows:
    """The promotions with this one added (or replaced in place, keeping its order)."""
    rows = current["promotions"]
    old = next((r for r in rows if r["promotion"] == plan.promotion), None)
    kept = old or {}
    order = (
        old["sort_order"] if old else str(max((int(r["sort_order"]) for r in rows), default=0) + 1)
    )
    row = {
        "promotion": plan.promotion,
        "programme": plan.programme,
        "year": str(plan.year),
        "sort_order": order,
        "duration_months": str(plan.duration_months),
        "start_month": plan.start_month or kept.get("start_month", ""),
        "label_en": kept.get("label_en") or _label_en(plan.promotion),
        "source_doc": plan.source_doc,
        "source_section": f"feuille de promotion « {' '.join(plan.file_name.split())} »",
        "note": f"importée le {today} depuis la feuille de la promotion",
    }
    return [row if r is old else r for r in rows] if old else [*rows, row]


def new_defis(
    plan: PromotionPlan, current: Tables, kept: Tables, entries: list[Entry], origin: str
) -> tuple[Rows, dict[str, str]]:
    """One row per défi of the sheet, in order of first appearance; défi key → defi_id."""
    hosts = _known_hosts(current, plan.promotion)
    taken = {r["defi_id"] for r in kept["roster_defis"]}
    rows, ids = [], {}
    for key, group in grouped_by(entries, lambda e: e.defi_key).items():
        first = group[0]
        identifier = ids[key] = _unique(f"{plan.year}-{slug(first.defi)}", taken)
        administration = _first(group, "administration")
        host, perimeter = hosts.get(match_key(administration), ("", ""))
        if not host:
            host = _first(group, "service") or administration
            host = hosts.get(f"service:{match_key(host)}", (host, ""))[0]
        rows.append(
            {
                "defi_id": identifier,
                "title": first.defi,
                "promotion": plan.promotion,
                "programme": plan.programme,
                "year": str(plan.year),
                "administration": administration,
                "host_service": host,
                "host_perimeter": perimeter,
                "ville": _first(group, "ville"),
                "duration_months": _first(group, "duration") or str(plan.duration_months),
                "n_eig": str(len({e.person for e in group if e.role == "eig"})),
                "n_mentor": str(len({e.person for e in group if e.role == "mentor"})),
                "n_key_figures": "0",
                "source": origin,
            }
        )
    return rows, ids


def _known_hosts(current: Tables, promotion: str) -> dict[str, tuple[str, str]]:
    """Host service and perimeter of the other promotions' défis, by administration (the
    most recent promotion first), and by the host service's own spelling."""
    order = {r["promotion"]: int(r["sort_order"]) for r in current["promotions"]}
    others = [r for r in current["roster_defis"] if r["promotion"] != promotion]
    others.sort(key=lambda r: order.get(r["promotion"], 0), reverse=True)
    hosts: dict[str, tuple[str, str]] = {}
    for row in others:
        value = (row["host_service"], row["host_perimeter"])
        if row["administration"]:
            hosts.setdefault(match_key(row["administration"]), value)
        hosts.setdefault(f"service:{match_key(row['host_service'])}", value)
    return hosts


def new_people(
    plan: PromotionPlan,
    current: Tables,
    entries: list[Entry],
    defi_ids: dict[str, str],
    origin: str,
) -> tuple[Rows, Rows]:
    """New pseudonymous members and their links to the défis (names are never kept)."""
    lookup = profiles(current)
    number = max((int(r["member_id"][1:]) for r in current["roster_members"]), default=0)
    members, links = [], []
    for group in grouped_by(entries, lambda e: e.person).values():
        number += 1
        member_id = f"P{number:03d}"
        eig = [e for e in group if e.role == "eig"]
        profile = (lookup.get(eig[0].profile) or eig[0].profile) if eig else ""
        mine = {(defi_ids[e.defi_key], e.role): None for e in group}  # once each, in order
        links += [link_row(plan, member_id, d, r, profile, origin) for d, r in mine]
        members.append(
            {
                "member_id": member_id,
                "role": "eig" if eig else "mentor",
                "profile_norm": profile,
                "first_promotion": plan.promotion,
                "promotions": plan.promotion,
                "n_defis": str(len({d for d, _ in mine})),
                "source": origin,
            }
        )
    return members, links


def link_row(
    plan: PromotionPlan, member_id: str, defi_id: str, role: str, profile: str, origin: str
) -> dict[str, str]:
    """One person × défi link with the role held (never a programme-team member)."""
    return {
        "member_id": member_id,
        "defi_id": defi_id,
        "promotion": plan.promotion,
        "year": str(plan.year),
        "role_in_defi": role,
        "is_programme_team": "0",
        "profile_norm": profile if role == "eig" else "",
        "role_source": ROLE_SOURCE,
        "source": origin,
    }


def _first(group: list[Entry], attribute: str) -> str:
    return next((getattr(e, attribute) for e in group if getattr(e, attribute)), "")


def _unique(identifier: str, taken: set[str]) -> str:
    candidate, n = identifier, 2
    while candidate in taken:
        candidate, n = f"{identifier}-{n}", n + 1
    taken.add(candidate)
    return candidate


def _label_en(promotion: str) -> str:
    """« EIG 5 » → « EIG class 5 »."""
    found = re.fullmatch(r"([A-Za-z]+)\s*([0-9]+)", promotion)
    return f"{found[1].upper()} class {found[2]}" if found else promotion
