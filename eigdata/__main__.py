"""Command line: `python -m eigdata build|ensure|check|import|import-survey|delete-survey|
import-promotion|history|rollback|undo|template`, and `hash-password` (the value to store for
the analyst password).

Every import prints what was detected and every problem (or the plan) and stores only with
`--yes`; it is the same code path as the import page (eigdata.ingest).
"""

from __future__ import annotations

import argparse
import getpass
import logging
import sys
from pathlib import Path

from eigdata import access
from eigdata.errors import EigDataError, ValidationFailed, user_message
from eigdata.ingest import (
    apply_import,
    campaign_cli,
    plan_import,
    promotion_cli,
    rollback,
    templates,
)
from eigdata.ingest.changes import undo_change
from eigdata.ingest.cli_common import user_name
from eigdata.storage.journal import history
from eigdata.storage.store import build_database, data_dir, ensure_database, validate_directory


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
    try:
        return COMMANDS[args.command](args)
    except EigDataError as error:
        print(user_message(error, limit=50), file=sys.stderr)
        return 1


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data",
        type=Path,
        default=data_dir(),
        help="dossier des CSV (défaut : EIG_DATA_DIR ou data/)",
    )
    parser = argparse.ArgumentParser(prog="python -m eigdata", description="Données du tableau EIG")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("build", parents=[common], help="reconstruire la base")
    sub.add_parser("ensure", parents=[common], help="reconstruire la base si besoin")
    sub.add_parser("check", parents=[common], help="valider les CSV sans rien construire")
    imp = sub.add_parser("import", parents=[common], help="importer un fichier (aperçu)")
    imp.add_argument("dataset")
    imp.add_argument("file", type=Path)
    imp.add_argument("--user", default=None, help="nom inscrit au journal")
    imp.add_argument("--yes", action="store_true", help="enregistrer (sinon aperçu seul)")
    imp.add_argument("--max-mo", type=float, default=None, help="taille maximale (Mo)")
    sub.add_parser("history", parents=[common], help="journal des imports")
    back = sub.add_parser("rollback", parents=[common], help="revenir à une version")
    back.add_argument("dataset")
    back.add_argument("version", type=int)
    back.add_argument("--user", default=None)
    undo = sub.add_parser("undo", parents=[common], help="annuler un import entier (n° au journal)")
    undo.add_argument("change", type=int)
    undo.add_argument("--user", default=None)
    tpl = sub.add_parser("template", help="modèle d'import d'un jeu de données")
    tpl.add_argument("dataset")
    tpl.add_argument("--format", choices=["csv", "csv-excel", "xlsx", "txt"], default="csv")
    tpl.add_argument("--out", type=Path, default=None, help="fichier (sinon sortie standard)")
    campaign_cli.add_parsers(sub, common)
    promotion_cli.add_parsers(sub, common)
    pwd = sub.add_parser("hash-password", help="empreinte du mot de passe analyste")
    pwd.add_argument("--stdin", action="store_true", help="lire le mot de passe sur l'entrée")
    return parser


def _check(args: argparse.Namespace) -> int:
    print(f"{len(validate_directory(args.data))} fichiers valides.")
    return 0


def _build(args: argparse.Namespace) -> int:
    print(f"Base construite : {build_database(args.data)}")
    return 0


def _ensure(args: argparse.Namespace) -> int:
    print(f"Base à jour : {ensure_database(args.data)}")
    return 0


def _import(args: argparse.Namespace) -> int:
    raw = args.file.read_bytes()
    limit = None if args.max_mo is None else int(args.max_mo * 1024 * 1024)
    plan = plan_import(args.data, args.dataset, args.file.name, raw, max_bytes=limit)
    print(f"Fichier : {args.file.name} ({len(raw)} octets, sha256 {plan.checksum})")
    if plan.detection:
        print(f"Détecté : {plan.detection.describe()}")
    if plan.problems:
        raise ValidationFailed(plan.problems)
    print(plan.summary())
    if plan.changes_nothing:
        return 0
    if not args.yes:
        print("Aperçu seulement : relancez avec --yes pour enregistrer.")
        return 0
    print(apply_import(plan, user_name(args)).message)
    return 0


def _history(args: argparse.Namespace) -> int:
    frame = history(args.data)
    if frame.empty:
        print("Aucun import enregistré.")
    else:
        print(frame.to_string(index=False))
    return 0


def _rollback(args: argparse.Namespace) -> int:
    print(rollback(args.data, args.dataset, args.version, user_name(args)).message)
    return 0


def _undo(args: argparse.Namespace) -> int:
    print(undo_change(args.data, args.change, user_name(args)).message)
    return 0


def _template(args: argparse.Namespace) -> int:
    data = templates.render(args.dataset, args.format)
    if args.out:
        args.out.write_bytes(data)
        print(f"Modèle écrit : {args.out}")
    else:
        sys.stdout.buffer.write(data)
    return 0


def _hash_password(args: argparse.Namespace) -> int:
    """Print the value to store in EIG_ANALYST_PASSWORD_HASH (the password is never shown)."""
    if args.stdin or not sys.stdin.isatty():
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass("Mot de passe analyste : ")
        if getpass.getpass("Le même, encore : ") != password:
            print("Les deux saisies diffèrent ; rien n'a été produit.", file=sys.stderr)
            return 1
    if len(password) < 12:
        print("Mot de passe trop court (12 caractères au moins).", file=sys.stderr)
        return 1
    print(access.hash_password(password))
    return 0


COMMANDS = {
    "check": _check,
    "build": _build,
    "ensure": _ensure,
    "import": _import,
    "history": _history,
    "rollback": _rollback,
    "undo": _undo,
    "template": _template,
    "hash-password": _hash_password,
    **campaign_cli.COMMANDS,
    **promotion_cli.COMMANDS,
}


if __name__ == "__main__":
    sys.exit(main())
