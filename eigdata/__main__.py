"""Command line: `python -m eigdata build|check [--data DIR]`."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from eigdata.errors import EigDataError, user_message
from eigdata.store import DATA_DIR, build_database, ensure_database, validate_directory


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eigdata", description="Données du tableau EIG")
    parser.add_argument("command", choices=["build", "ensure", "check"])
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="dossier des CSV")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
    try:
        if args.command == "check":
            tables = validate_directory(args.data)
            print(f"{len(tables)} fichiers valides.")
        elif args.command == "build":
            print(f"Base construite : {build_database(args.data)}")
        else:
            print(f"Base à jour : {ensure_database(args.data)}")
    except EigDataError as error:
        print(user_message(error, limit=50), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
