"""Command line: `python -m eigdata import-promotion FILE --promotion "EIG 5" --year 2021
[--programme EIG|DIG] [--duration N] [--mapping FILE] [--replace] [--yes] [--user NAME]`.

Prints what was detected, how each column was read, then the problems or the preview; stores
only with `--yes` (the same code path as the import page, eigdata.ingest.promotion).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from functools import partial
from pathlib import Path

from eigdata.errors import ValidationFailed
from eigdata.ingest import promotion
from eigdata.ingest.cli_common import finish
from eigdata.ingest.promotion import PromotionPlan


def add_parsers(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add this module's subcommands to the parser (`common` carries --data)."""
    imp = sub.add_parser(
        "import-promotion",
        parents=[common],
        help="importer une nouvelle promotion depuis sa feuille (aperçu)",
    )
    imp.add_argument("file", type=Path, help="feuille de la promotion (.xlsx ou .csv)")
    imp.add_argument("--promotion", required=True, help="nom de la promotion, ex. « EIG 5 »")
    imp.add_argument("--year", type=int, required=True, help="année de lancement")
    imp.add_argument("--programme", choices=["EIG", "DIG"], type=str.upper, default=None)
    imp.add_argument("--duration", type=int, default=10, help="durée des défis en mois (10)")
    imp.add_argument("--start-month", default=None, help="mois de lancement AAAA-MM")
    imp.add_argument(
        "--mapping", type=Path, default=None, help="correspondance des colonnes (colonne,question)"
    )
    imp.add_argument("--replace", action="store_true", help="remplacer la promotion existante")
    imp.add_argument("--yes", action="store_true", help="enregistrer (sinon aperçu seul)")
    imp.add_argument("--user", default=None, help="nom inscrit au journal")


def import_promotion(args: argparse.Namespace) -> int:
    """Plan the import, print it, store it with --yes."""
    raw = args.file.read_bytes()
    column_map = None
    if args.mapping:
        column_map = promotion.read_mapping(args.mapping.read_bytes(), args.mapping.name)
    plan = promotion.plan_promotion(
        args.data,
        args.file.name,
        raw,
        promotion=args.promotion,
        year=args.year,
        programme=args.programme,
        duration_months=args.duration,
        start_month=args.start_month,
        replace=args.replace,
        column_map=column_map,
    )
    print(f"Fichier : {args.file.name} ({len(raw)} octets, sha256 {plan.checksum})")
    for line in describe(plan):
        print(line)
    if plan.problems:
        raise ValidationFailed(plan.problems)
    lines = plan.preview.lines() if plan.preview else []
    store = partial(promotion.apply_promotion, plan)
    return finish(lines, plan.change.changes_nothing, store, args)


def describe(plan: PromotionPlan) -> list[str]:
    """Detection and column lines."""
    lines = [f"Promotion : {plan.promotion} ({plan.programme}, {plan.year})"]
    if plan.detection:
        lines.append(f"Détecté : {plan.detection.describe()}")
    if plan.columns:
        lines.append("Colonnes :")
        lines += [f"  « {c.name} » → {c.target or '?'} ({c.how})" for c in plan.columns]
    return lines


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "import-promotion": import_promotion,
}
