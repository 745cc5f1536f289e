"""The import history as the pages show it: the audit log in the run's language, the versions
of a dataset. The audit log itself stores action codes and French scopes; they are worded in
the run's language only here, when shown."""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

import pandas as pd

from eigdata.errors import ImportRefused
from eigdata.i18n import N_, _, lang
from eigdata.schemas import dataset
from eigdata.storage import versions
from eigdata.storage.store import active_versions

ACTIONS = {
    "import": N_("import"),
    "rollback": N_("retour en arrière"),
    "import-campagne": N_("import d'une campagne"),
    "import-promotion": N_("import d'une promotion"),
    "suppression-campagne": N_("suppression d'une campagne"),
}
COLUMNS = {
    "change": N_("N°"),
    "when": N_("Date (UTC)"),
    "who": N_("Par"),
    "action": N_("Action"),
    "dataset": N_("Jeu de données"),
    "version": N_("Version"),
    "file_name": N_("Fichier"),
    "rows": N_("Lignes"),
    "scope": N_("Objet"),
    "checksum": N_("Empreinte SHA-256"),
}
# The scopes the imports store (in French), to word them in the run's language.
UNDO_SCOPE = re.compile(r"annulation de l'import n° (\d+) \((.*)\)", re.DOTALL)
CAMPAIGN_SCOPE = re.compile(r"campagne (\S+) \((EIG|mentors)\)")
WHOLE_CAMPAIGN_SCOPE = re.compile(r"campagne (\S+)")
PROMOTION_SCOPE = re.compile(r"promotion (.+)", re.DOTALL)
QUESTIONNAIRES = {"EIG": N_("EIG"), "mentors": N_("mentors")}


def action_label(action: str) -> str:
    """An audit action code in words (« retour en arrière »); an unknown code as is."""
    return _(ACTIONS[action]) if action in ACTIONS else action


def scope_label(scope: str) -> str:
    """A stored scope (« campagne enquete-2021 (EIG) », « promotion EIG 5 », « annulation de
    l'import n° 3 (…) ») in the run's language; a scope of another form as stored."""
    if lang() == "fr" or not scope:
        return scope
    if found := UNDO_SCOPE.fullmatch(scope):
        inner = found[2]
        inner = action_label(inner) if inner in ACTIONS else scope_label(inner)
        return _("annulation de l'import n° {change} ({scope})").format(
            change=found[1], scope=inner
        )
    if found := CAMPAIGN_SCOPE.fullmatch(scope):
        who = _(QUESTIONNAIRES[found[2]])
        return _("campagne {campaign} ({questionnaire})").format(
            campaign=found[1], questionnaire=who
        )
    if found := WHOLE_CAMPAIGN_SCOPE.fullmatch(scope):
        return _("campagne {campaign}").format(campaign=found[1])
    if found := PROMOTION_SCOPE.fullmatch(scope):
        return _("promotion {promotion}").format(promotion=found[1])
    return scope


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
                "action": action_label(first["action"]),
                "scope": scope_label(first["scope"]) or first["file_name"],
                "datasets": ", ".join(f"{r.dataset} v{r.version}" for r in group.itertuples()),
                "undoable": current and first["action"] != "rollback",
            }
        )
    columns = ["change", "when", "who", "action", "scope", "datasets", "undoable"]
    return pd.DataFrame(rows, columns=columns).iloc[::-1].reset_index(drop=True)


def audit_table(data_dir: Path) -> pd.DataFrame:
    """Every import and rollback, newest first, with column names, actions and scopes in the
    run's language."""
    frame = history(data_dir).iloc[::-1]
    frame = frame.assign(
        action=frame["action"].map(action_label),
        scope=frame["scope"].map(scope_label),
        when=frame["when"].str.replace("T", " ").str.removesuffix("+00:00"),
    )
    names = {column: _(title) for column, title in COLUMNS.items()}
    return frame[list(COLUMNS)].rename(columns=names).reset_index(drop=True)


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
        return _("version 0 — fichier livré {file_name}").format(file_name=row["file_name"])
    when = str(row["when"]).replace("T", " ").removesuffix("+00:00")[:16]
    return _("version {version} — {file_name} ({who}, {when} UTC)").format(
        version=row["version"], file_name=row["file_name"], who=row["who"], when=when
    )
