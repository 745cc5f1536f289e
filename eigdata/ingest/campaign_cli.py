"""Command-line subcommands `import-survey` and `delete-survey` (wired into
`python -m eigdata` by eigdata.__main__): the same code path as the import page.

Both print what they found (detection, column mapping, problems in French, or the preview)
and store only with `--yes`. An unmatched column stops `import-survey` with the list of
columns to map (exit 1) unless `--mapping` covers them.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from functools import partial
from pathlib import Path

from eigdata.errors import ValidationFailed
from eigdata.ingest import changes
from eigdata.ingest.campaign import (
    CampaignPlan,
    apply_campaign,
    plan_campaign,
    plan_delete_campaign,
)
from eigdata.ingest.campaign import columns as ec
from eigdata.ingest.cli_common import PREVIEW_ONLY, change_line, finish, user_name


def add_parsers(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add this module's subcommands to the parser (`common` carries --data)."""
    imp = sub.add_parser(
        "import-survey",
        parents=[common],
        help="importer une campagne d'enquête depuis l'export d'un outil (aperçu)",
    )
    imp.add_argument("file", type=Path, help="export de l'outil d'enquête (CSV ou .xlsx)")
    imp.add_argument("--campaign", required=True, help="code de la campagne (ex. enquete-2021)")
    imp.add_argument("--title", default="", help="titre d'une nouvelle campagne")
    imp.add_argument("--year", default=None, help="année d'une nouvelle campagne")
    imp.add_argument("--questionnaire", required=True, choices=["eig", "mentor"])
    imp.add_argument("--invited", type=int, default=None, help="nombre de personnes invitées")
    imp.add_argument("--tool", default=None, help="outil d'enquête (sinon détecté)")
    imp.add_argument("--export-date", default=None, help="date de l'export (AAAA-MM-JJ)")
    imp.add_argument("--promotion", default=None, help="promotion de tous les répondants")
    imp.add_argument("--mapping", type=Path, default=None, help="correspondance colonne,question")
    imp.add_argument("--replace", action="store_true", help="remplacer les réponses existantes")
    imp.add_argument(
        "--include-incomplete", action="store_true", help="garder les réponses incomplètes"
    )
    imp.add_argument("--yes", action="store_true", help="enregistrer (sinon aperçu seul)")
    imp.add_argument("--user", default=None, help="nom inscrit au journal")
    delete = sub.add_parser(
        "delete-survey", parents=[common], help="supprimer les réponses d'une campagne (aperçu)"
    )
    delete.add_argument("--campaign", required=True)
    delete.add_argument("--questionnaire", choices=["eig", "mentor"], default=None)
    delete.add_argument("--yes", action="store_true", help="enregistrer (sinon aperçu seul)")
    delete.add_argument("--user", default=None, help="nom inscrit au journal")


def import_survey(args: argparse.Namespace) -> int:
    """Plan (and with --yes store) a campaign import; 1 when something blocks it."""
    raw = args.file.read_bytes()
    column_map, value_map = {}, {}
    if args.mapping:
        mapping = args.mapping.read_bytes()
        column_map = ec.read_mapping(mapping, args.mapping.name)
        value_map = ec.read_value_map(mapping, args.mapping.name)
    plan = plan_campaign(
        args.data,
        args.file.name,
        raw,
        campaign=args.campaign,
        title=args.title,
        year=args.year,
        questionnaire=args.questionnaire,
        invited=args.invited,
        tool=args.tool,
        export_date=args.export_date,
        promotion=args.promotion,
        replace=args.replace,
        column_map=column_map,
        value_map=value_map,
        include_incomplete=args.include_incomplete,
    )
    print(f"Fichier : {args.file.name} ({len(raw)} octets, sha256 {plan.checksum})")
    if plan.detection:
        print(f"Détecté : {plan.describe()}")
    print_columns(plan)
    if plan.unmatched:
        print("Colonnes à associer (fichier --mapping, colonnes colonne,question) :")
        for name in plan.unmatched:
            print(f"  {name}")
    if plan.problems:
        raise ValidationFailed(plan.problems)
    return store(plan, args)


def print_columns(plan: CampaignPlan) -> None:
    """The column table: header → what it maps to (how it was matched)."""
    if not plan.columns:
        return
    print("Colonnes :")
    for row in plan.column_table():
        values = list(row.values())
        print(f"  « {values[0]} » → {values[1]} ({values[2]})")


def store(plan: CampaignPlan, args: argparse.Namespace) -> int:
    """Print the preview; with --yes, store the plan and print the change number."""
    lines = plan.preview.lines() if plan.preview else []
    store = partial(apply_campaign, plan)
    return finish(lines, plan.change.changes_nothing, store, args)


def delete_survey(args: argparse.Namespace) -> int:
    """Plan (and with --yes store) the deletion of a campaign's responses."""
    plan = plan_delete_campaign(args.data, args.campaign, args.questionnaire)
    if plan.problems:
        raise ValidationFailed(plan.problems)
    print(f"Suppression : {plan.scope}")
    for name, diff in plan.diffs.items():
        if not diff.empty:
            print(f"  {name} : {diff.describe()}")
    if not args.yes:
        print(PREVIEW_ONLY)
        return 0
    result = changes.apply_change(plan, user_name(args))
    print(f"Suppression enregistrée ({plan.scope}).")
    print(change_line(result.change))
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "import-survey": import_survey,
    "delete-survey": delete_survey,
}
