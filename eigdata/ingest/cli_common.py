"""What every import command of `python -m eigdata` shares: who is written to the journal,
and the end of a season import (preview only, nothing to do, or stored with its number)."""

from __future__ import annotations

import argparse
import getpass
from collections.abc import Callable

from eigdata.ingest.changes import ChangeResult

PREVIEW_ONLY = "Aperçu seulement : relancez avec --yes pour enregistrer."
NOTHING = "Rien ne change : les données sont déjà celles-ci."


def user_name(args: argparse.Namespace) -> str:
    """The name written to the import journal: --user, else the system user."""
    if args.user:
        return args.user
    try:
        return getpass.getuser()
    except OSError:
        return "ligne de commande"


def change_line(change: int) -> str:
    """« Numéro de l'import : 3 (pour l'annuler : python -m eigdata undo 3) »."""
    return f"Numéro de l'import : {change} (pour l'annuler : python -m eigdata undo {change})"


def finish(
    preview: list[str],
    nothing: bool,
    store: Callable[[str], ChangeResult],
    args: argparse.Namespace,
) -> int:
    """Print the preview; store only with --yes and print the change number."""
    if preview:
        print("\n".join(preview))
    if nothing:
        print(NOTHING)
        return 0
    if not args.yes:
        print(PREVIEW_ONLY)
        return 0
    result = store(user_name(args))
    print(result.message)
    print(change_line(result.change))
    return 0
