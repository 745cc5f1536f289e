"""Changes that touch several datasets at once, stored as one version and undone as one.

A season import (a survey campaign, a new promotion) computes the full new content of each
dataset it touches — the current rows minus the campaign's or promotion's old rows, plus
its new rows — in a `ChangePlan`. `apply_change` stores them as one change: one new version
per touched dataset, made active by a single `os.replace` of active.json, one audit row per
dataset sharing a change number. `undo_change` makes the versions before that change active
again. The uploaded file itself is never archived (it may hold e-mails or names): only the
normalised tables and, when given, the column mapping.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from eigdata.errors import DataProblem, ImportRefused, ValidationFailed
from eigdata.i18n import _
from eigdata.ingest import frames
from eigdata.ingest.frames import FrameRows, KeyList
from eigdata.schemas import Dataset, datasets
from eigdata.storage import journal, versions
from eigdata.storage.store import (
    active_versions,
    build_database,
    dataset_path,
    fingerprint,
    validate_directory,
)

Rows = Sequence[dict[str, str]]
Tables = dict[str, Rows]


@dataclass(frozen=True)
class TableDiff:
    """Rows added, removed and changed (by primary key) between two contents of a dataset
    (each a sequence of « key / key » texts, made when read)."""

    added: Sequence[str]
    removed: Sequence[str]
    changed: Sequence[str]

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)

    def describe(self) -> str:
        """« 12 ajoutée(s), 0 supprimée(s), 1 modifiée(s) »."""
        return _("{added} ajoutée(s), {removed} supprimée(s), {changed} modifiée(s)").format(
            added=len(self.added), removed=len(self.removed), changed=len(self.changed)
        )


@dataclass
class ChangePlan:
    """The new full content of each dataset a change touches, computed without writing."""

    data_dir: Path
    action: str  # audit action, e.g. « import-campagne », « import-promotion »
    scope: str  # what the change is about, stored in French: « campagne enquete-2021 (EIG) »
    file_name: str
    checksum: str
    tables: Tables = field(default_factory=dict, repr=False)
    problems: list[DataProblem] = field(default_factory=list)
    extra_files: dict[str, bytes] = field(default_factory=dict, repr=False)
    state: str = ""
    base_versions: dict[str, int] = field(default_factory=dict)
    diffs: dict[str, TableDiff] = field(default_factory=dict)
    written: dict[str, Path] = field(default_factory=dict, repr=False, compare=False)
    folder: tempfile.TemporaryDirectory | None = field(default=None, repr=False, compare=False)
    candidate: Path | None = field(default=None, repr=False, compare=False)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def changes_nothing(self) -> bool:
        return all(d.empty for d in self.diffs.values())


@dataclass(frozen=True)
class ChangeResult:
    """What an applied change or undo did."""

    change: int
    versions: dict[str, int]
    changed: bool
    message: str


def current_tables(data_dir: Path) -> Tables:
    """The rows each dataset is currently read from (active versions), held column-wise."""
    tables: Tables = {}
    active = active_versions(data_dir)
    for ds in datasets().values():
        path = dataset_path(data_dir, ds, active)
        tables[ds.name] = frames.read_rows(path) if path.exists() else FrameRows.empty(ds.columns)
    return tables


def new_plan(data_dir: Path, action: str, scope: str, file_name: str, checksum: str) -> ChangePlan:
    """An empty plan recording the state of the data it is computed against."""
    data_dir = Path(data_dir)
    return ChangePlan(
        data_dir,
        action,
        scope,
        file_name,
        checksum,
        state=fingerprint(data_dir),
        base_versions=dict(active_versions(data_dir)),
    )


def set_tables(plan: ChangePlan, tables: Tables, current: Tables | None = None) -> None:
    """Record the new content of the touched datasets and their differences with `current`."""
    current = current_tables(plan.data_dir) if current is None else current
    plan.written = {}
    plan.candidate = None
    plan.tables = {
        name: frames.as_rows(datasets()[name].columns, rows) for name, rows in tables.items()
    }
    plan.diffs = {
        name: table_diff(datasets()[name], current.get(name, []), rows)
        for name, rows in plan.tables.items()
    }


def check(plan: ChangePlan) -> None:
    """Validate every dataset as it would be after the change (schemas and cross-file keys);
    add the problems to the plan. The safety net behind the import's own checks."""
    with tempfile.TemporaryDirectory(prefix="eig-change-") as folder:
        write_candidate(plan.data_dir, plan.tables, Path(folder))
        try:
            validate_directory(Path(folder), active={})
        except ValidationFailed as error:
            plan.problems += error.problems


def write_candidate(
    data_dir: Path, tables: Tables, folder: Path, written: dict[str, Path] | None = None
) -> None:
    """Write into `folder` every dataset's CSV: `tables` for the datasets they hold (linked
    from `written` when already written), the active version of `data_dir` for the others
    (nothing under `data_dir` is written)."""
    for ds in datasets().values():
        target = Path(folder) / ds.path
        if ds.name in (written or {}):
            _link(written[ds.name], target)
        elif ds.name in tables:
            frames.write_csv(target, ds.columns, tables[ds.name])
        elif (source := dataset_path(data_dir, ds)).exists():
            shutil.copyfile(source, target)


def candidate_database(plan: ChangePlan) -> Path:
    """The database as it will be after the change, built once into the plan's folder (kept
    there: `apply_change` stores it instead of building it again). Raises `ValidationFailed`
    if it cannot be built."""
    if plan.candidate is None or not plan.candidate.exists():
        written = table_files(plan)
        folder = Path(plan.folder.name) / "candidate"
        folder.mkdir(exist_ok=True)
        plan.candidate = build_candidate(plan.data_dir, plan.tables, folder, written)
    return plan.candidate


def build_candidate(
    data_dir: Path, tables: Tables, folder: Path, written: dict[str, Path] | None = None
) -> Path:
    """Build into `folder` the database with `tables` (dataset → full new rows) in place of
    those datasets' active versions (see `write_candidate`), checked and loaded from memory;
    nothing under `data_dir` is written."""
    write_candidate(data_dir, tables, folder, written)
    held = {
        name: frames.as_rows(datasets()[name].columns, rows).frame for name, rows in tables.items()
    }
    return build_database(folder, folder / "candidate.duckdb", active={}, held=held)


def table_files(plan: ChangePlan) -> dict[str, Path]:
    """Each new table's CSV, exactly as its version file will be, written once into a
    temporary folder the plan owns (removed with the plan): the preview's candidate
    database links them, `apply_change` stores them without formatting them again."""
    if plan.folder is None:
        plan.folder = tempfile.TemporaryDirectory(prefix="eig-plan-")
    for name, rows in plan.tables.items():
        if name not in plan.written:
            path = Path(plan.folder.name) / f"{name}.csv"
            frames.write_csv(path, datasets()[name].columns, rows)
            plan.written[name] = path
    return dict(plan.written)


def _link(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def _version_bytes(plan: ChangePlan, name: str) -> bytes | bytearray:
    """A version file's content: the plan's written table when there is one."""
    path = plan.written.get(name)
    if path is not None and path.exists():
        return path.read_bytes()
    return table_bytes(datasets()[name], plan.tables[name])


def normalised(ds: Dataset, row: dict[str, str]) -> dict[str, str]:
    """A row with exactly the dataset's columns, in schema order, as text."""
    return {c: "" if row.get(c) is None else str(row.get(c)) for c in ds.columns}


def table_diff(ds: Dataset, old_rows: Rows, new_rows: Rows) -> TableDiff:
    """Rows added, removed and changed, by primary key, values compared by meaning (a key
    found twice counts once, where first found, with its last values). Column-wise: rows
    and values are numbered, never compared one by one."""
    old, new = frames.as_rows(ds.columns, old_rows), frames.as_rows(ds.columns, new_rows)
    keys = ds.primary_key or ds.columns
    old_ids, new_ids = frames.key_ids(old, new, keys)
    old_keys, old_first, old_last = _distinct(old_ids)
    new_keys, new_first, new_last = _distinct(new_ids)
    found = pd.Index(old_keys).get_indexer(new_keys)  # where in the old keys, or -1
    both = found >= 0
    kept = np.zeros(len(old_keys), bool)
    kept[found[both]] = True
    before, after = old_last[found[both]], new_last[both]
    differ = np.zeros(len(after), bool)
    for column, kind in _kinds(ds).items():
        left, right = frames.canonical_ids([(old, before), (new, after)], column, kind)
        differ |= (left != right) | (left < 0) | (right < 0)
    return TableDiff(
        KeyList(new, keys, new_first[~both]),
        KeyList(old, keys, old_first[~kept]),
        KeyList(new, keys, new_first[both][differ]),
    )


def _distinct(ids: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The distinct ids in order of first appearance, with each one's first and last row."""
    series = pd.Series(ids)
    first = np.flatnonzero(~series.duplicated(keep="first").to_numpy())
    if len(first) == len(ids):
        return ids, first, first
    last = np.flatnonzero(~series.duplicated(keep="last").to_numpy())
    return ids[first], first, last[pd.Index(ids[last]).get_indexer(ids[first])]


def _kinds(ds: Dataset) -> dict[str, str]:
    """Column → Table Schema type."""
    return {f["name"]: f["type"] for f in ds.fields}


def row_key(ds: Dataset, row: dict[str, str]) -> tuple[str, ...]:
    """The primary key of a row (every column when the dataset has none)."""
    return tuple(row.get(c, "") for c in ds.primary_key or ds.columns)


def apply_change(
    plan: ChangePlan, user: str, *, db_path: Path | None = None, timeout: float = 30.0
) -> ChangeResult:
    """Store a valid plan: one new version per changed dataset, all active at once.

    Refused if the data changed since the plan was made. The database its preview built and
    validated is stored as is; without one, every dataset is validated again by the build of
    the new database, before anything becomes active (a failure removes the files just
    written and raises `ValidationFailed`, its problems in the plan)."""
    if plan.problems:
        raise ValidationFailed(plan.problems)
    if plan.changes_nothing:
        return ChangeResult(0, {}, False, _("Rien ne change : les données sont déjà celles-ci."))
    data_dir = plan.data_dir
    with versions.lock(data_dir, timeout):
        versions.recover(data_dir)
        if fingerprint(data_dir) != plan.state:
            raise ImportRefused(
                _(
                    "Les données ont été modifiées par un autre import depuis l'aperçu ; relancez "
                    "l'aperçu pour voir les nouveaux changements. Rien n'a été modifié."
                )
            )
        plan.problems = []
        change = versions.next_change(data_dir)
        updates, rows, files = {}, [], {}
        for name, table in plan.tables.items():
            if plan.diffs[name].empty:
                continue
            version = versions.next_version(data_dir, name)
            updates[name] = version
            files[versions.version_file(data_dir, name, version)] = _version_bytes(plan, name)
            rows.append(audit_row(user, plan.action, name, version, plan, change, len(table)))
        for relative, data in plan.extra_files.items():
            files[versions.versions_dir(data_dir) / relative] = data
        try:  # the build validates every dataset as it will be; a failure writes nothing
            built = plan.candidate if plan.candidate and plan.candidate.exists() else None
            versions.commit_change(data_dir, updates, rows, files, db_path, built=built)
        except ValidationFailed as error:
            plan.problems = list(error.problems)
            raise
    message = _("Import n° {change} enregistré ({scope}) : {versions}.").format(
        change=change, scope=journal.scope_label(plan.scope), versions=_versions_text(updates)
    )
    return ChangeResult(change, updates, True, message)


def undo_change(
    data_dir: Path, change: int, user: str, *, db_path: Path | None = None, timeout: float = 30.0
) -> ChangeResult:
    """Make active again, for every dataset a change touched, the version before it."""
    data_dir = Path(data_dir)
    with versions.lock(data_dir, timeout):
        versions.recover(data_dir)
        rows = versions.audit_rows(data_dir)
        mine = [r for r in rows if r["change"] == str(change)]
        if not mine:
            raise ImportRefused(
                _("L'import n° {change} n'existe pas dans le journal.").format(change=change)
            )
        active = active_versions(data_dir)
        updates = {}
        for row in mine:
            name = row["dataset"]
            if active.get(name, 0) != int(row["version"]):
                message = _(
                    "« {dataset} » a changé depuis l'import n° {change} (version active "
                    "{version}) : annulez d'abord les changements plus récents, ou revenez à "
                    "une version depuis l'historique. Rien n'a été modifié."
                )
                version = active.get(name, 0)
                raise ImportRefused(message.format(dataset=name, change=change, version=version))
            updates[name] = previous_version(rows, row)
        number = versions.next_change(data_dir)  # the scope is stored in French (audit.csv)
        scope = f"annulation de l'import n° {change} ({mine[0]['scope'] or mine[0]['action']})"
        audit = [
            {
                **stamp(user),
                "action": "rollback",
                "dataset": name,
                "version": str(version),
                "file_name": row["file_name"],
                "checksum": row["checksum"],
                "rows": str(_row_count(data_dir, name, version)),
                "change": str(number),
                "scope": scope,
            }
            for (name, version), row in zip(updates.items(), mine, strict=True)
        ]
        versions.commit_change(data_dir, updates, audit, {}, db_path)
    message = _("Import n° {change} annulé : {versions}.").format(
        change=change, versions=_versions_text(updates)
    )
    return ChangeResult(number, updates, True, message)


def _versions_text(updates: dict[str, int]) -> str:
    """« « sources » version 2, « survey_responses » version 3 » in the run's language."""
    return ", ".join(
        _("« {dataset} » version {version}").format(dataset=name, version=version)
        for name, version in updates.items()
    )


def previous_version(rows: Rows, row: dict[str, str]) -> int:
    """The version of `row`'s dataset that was active just before `row` was logged."""
    before = rows[: rows.index(row)]
    same = [r for r in before if r["dataset"] == row["dataset"]]
    return int(same[-1]["version"]) if same else 0


def audit_row(
    user: str, action: str, dataset: str, version: int, plan: ChangePlan, change: int, count: int
) -> dict[str, str]:
    """One audit line of a change."""
    return {
        **stamp(user),
        "action": action,
        "dataset": dataset,
        "version": str(version),
        "file_name": " ".join(plan.file_name.split()),
        "checksum": plan.checksum,
        "rows": str(count),
        "change": str(change),
        "scope": plan.scope,
    }


def table_bytes(ds: Dataset, rows: Rows) -> bytearray:
    """A version file: UTF-8, comma, schema column order (as `csv.writer` writes it)."""
    return frames.csv_bytes(ds.columns, rows)


def stamp(user: str) -> dict[str, str]:
    """When (UTC) and who, as an audit row writes them."""
    return {
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "who": " ".join(user.split()) or "inconnu",
    }


def _row_count(data_dir: Path, name: str, version: int) -> int:
    ds = datasets()[name]
    path = dataset_path(data_dir, ds, {name: version})
    return len(frames.read_rows(path)) if path.exists() else 0
