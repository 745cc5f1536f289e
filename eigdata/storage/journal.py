"""The import history as the pages show it: the audit log in French, the versions of a dataset."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pandas as pd

from eigdata.errors import ImportRefused
from eigdata.schemas import dataset
from eigdata.storage import versions
from eigdata.storage.store import active_versions

ACTIONS = {
    "import": "import",
    "rollback": "retour en arrière",
    "import-campagne": "import d'une campagne",
    "import-promotion": "import d'une promotion",
    "suppression-campagne": "suppression d'une campagne",
}
COLUMNS = {
    "change": "N°",
    "when": "Date (UTC)",
    "who": "Par",
    "action": "Action",
    "dataset": "Jeu de données",
    "version": "Version",
    "file_name": "Fichier",
    "rows": "Lignes",
    "scope": "Objet",
    "checksum": "Empreinte SHA-256",
}


def history(data_dir: Path) -> pd.DataFrame:
    """The audit log (every import and rollback), oldest first.

    If a change was interrupted by a crash, it is first finished or undone (when no
    other change is running), so the log always matches the active versions.
    """
    if (versions.versions_dir(data_dir) / versions.PENDING_FILE).exists():
        with contextlib.suppress(ImportRefused), versions.lock(data_dir, timeout=0):
            versions.recover(data_dir)
    rows = versions.audit_rows(data_dir)
    frame = pd.DataFrame(rows, columns=versions.AUDIT_COLUMNS)
    return frame.astype({"version": "int64", "rows": "int64"})


def season_changes(data_dir: Path) -> pd.DataFrame:
    """Each change (import of a campaign or promotion, or its undoing), newest first: number,
    date, who, what, datasets and versions, and whether it can still be undone as a whole
    (every dataset it touched still at the version it made active)."""
    frame = history(data_dir)
    frame = frame[frame["change"] != ""]
    active = active_versions(data_dir)
    rows = []
    for change, group in frame.groupby("change", sort=False):
        first = group.iloc[0]
        current = all(active.get(r.dataset, 0) == r.version for r in group.itertuples())
        rows.append(
            {
                "change": int(change),
                "when": first["when"].replace("T", " ").removesuffix("+00:00"),
                "who": first["who"],
                "action": ACTIONS.get(first["action"], first["action"]),
                "scope": first["scope"] or first["file_name"],
                "datasets": ", ".join(f"{r.dataset} v{r.version}" for r in group.itertuples()),
                "undoable": current and first["action"] != "rollback",
            }
        )
    columns = ["change", "when", "who", "action", "scope", "datasets", "undoable"]
    return pd.DataFrame(rows, columns=columns).iloc[::-1].reset_index(drop=True)


def audit_table(data_dir: Path) -> pd.DataFrame:
    """Every import and rollback, newest first, with French column names and actions."""
    frame = history(data_dir).iloc[::-1]
    frame = frame.assign(
        action=frame["action"].map(lambda a: ACTIONS.get(a, a)),
        when=frame["when"].str.replace("T", " ").str.removesuffix("+00:00"),
    )
    return frame[list(COLUMNS)].rename(columns=COLUMNS).reset_index(drop=True)


def imported_datasets(data_dir: Path) -> list[str]:
    """Datasets with at least one import, in the order of their first import."""
    frame = history(data_dir)
    return list(dict.fromkeys(frame.loc[frame["action"] == "import", "dataset"]))


def versions_of(data_dir: Path, name: str) -> pd.DataFrame:
    """The versions of a dataset: 0 (the shipped file) then each import, and which is active."""
    frame = history(data_dir)
    imports = frame[(frame["dataset"] == name) & (frame["action"] != "rollback")]
    shipped = {"version": 0, "when": "", "who": "", "file_name": dataset(name).path, "rows": None}
    rows = [shipped, *imports[["version", "when", "who", "file_name", "rows"]].to_dict("records")]
    out = pd.DataFrame(rows)
    out["active"] = out["version"] == active_versions(data_dir).get(name, 0)
    return out


def version_label(row: dict) -> str:
    """« version 2 — budget.csv (Ana, 2026-11-22 21:03) » or the shipped file."""
    if row["version"] == 0:
        return f"version 0 — fichier livré {row['file_name']}"
    when = str(row["when"]).replace("T", " ").removesuffix("+00:00")[:16]
    return f"version {row['version']} — {row['file_name']} ({row['who']}, {when} UTC)"
