"""Where imported versions live, and how one becomes active atomically.

Layout under `<data_dir>/versions/`:

- `<dataset>/<NNNN>.csv`: the full table of each imported version (normalised UTF-8 CSV);
- `raw/<sha256>.<csv|xlsx>`: each uploaded file, unchanged;
- `audit.csv`: append-only log (when, who, action, dataset, version, file, checksum, rows);
- `active.json`: dataset → active version (absent or 0: the shipped `data/<path>`).

A change is committed by one `os.replace` of `active.json`, done only after the new
database was built into a temporary file. An intent file (`pending.json`) written first
lets `recover` finish (audit row) or undo (new files) a change interrupted by a crash.
One change at a time: an `fcntl` lock on `versions/.lock`.
"""

from __future__ import annotations

import csv
import fcntl
import io
import json
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from eigdata.errors import ImportRefused
from eigdata.i18n import _
from eigdata.storage import store

AUDIT_FILE = "audit.csv"
PENDING_FILE = "pending.json"
LOCK_FILE = ".lock"
AUDIT_COLUMNS = [
    "when", "who", "action", "dataset", "version", "file_name", "checksum", "rows",
    "change", "scope",
]  # fmt: skip
PAUSE_ENV = "EIGDATA_PAUSE_AT"


def versions_dir(data_dir: Path) -> Path:
    """The versions folder of a data directory."""
    return Path(data_dir) / store.VERSIONS_DIR


def version_file(data_dir: Path, dataset: str, version: int) -> Path:
    """The normalised CSV of one imported version."""
    return versions_dir(data_dir) / dataset / f"{version:04d}.csv"


def raw_file(data_dir: Path, checksum: str, extension: str) -> Path:
    """Where an uploaded file is archived, by content."""
    return versions_dir(data_dir) / "raw" / f"{checksum}.{extension}"


def audit_rows(data_dir: Path) -> list[dict[str, str]]:
    """Every audit row, oldest first."""
    path = versions_dir(data_dir) / AUDIT_FILE
    if not path.exists():
        return []
    reader = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline=""))
    return [{c: row.get(c) or "" for c in AUDIT_COLUMNS} for row in reader]


def next_version(data_dir: Path, dataset: str) -> int:
    """One more than any version of the dataset on disk or in the audit."""
    folder = versions_dir(data_dir) / dataset
    numbers = [int(p.stem) for p in folder.glob("[0-9][0-9][0-9][0-9].csv")]
    numbers += [int(r["version"]) for r in audit_rows(data_dir) if r["dataset"] == dataset]
    return max(numbers, default=0) + 1


@contextmanager
def lock(data_dir: Path, timeout: float = 30.0) -> Iterator[None]:
    """Hold the data directory's change lock; refuse (in the run's language) after `timeout`
    seconds."""
    folder = versions_dir(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / LOCK_FILE, "a") as handle:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise ImportRefused(
                        _(
                            "Un autre import ou retour en arrière est en cours ; réessayez dans "
                            "un instant. Rien n'a été modifié."
                        )
                    ) from None
                time.sleep(0.05)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def commit(
    data_dir: Path,
    dataset: str,
    version: int,
    audit_row: dict[str, str],
    files: dict[Path, bytes],
    db_path: Path | None = None,
) -> None:
    """Make `version` of one dataset active (see `commit_change`)."""
    commit_change(data_dir, {dataset: version}, [audit_row], files, db_path)


def commit_change(
    data_dir: Path,
    updates: dict[str, int],
    rows: list[dict[str, str]],
    files: dict[Path, bytes],
    db_path: Path | None = None,
    *,
    built: Path | None = None,
) -> None:
    """Write `files`, build the database (or take `built`, the same content already built and
    validated by the preview), then make every version of `updates` active in one
    `os.replace` of active.json, and append `rows` to the audit (hold `lock`)."""
    data_dir = Path(data_dir)
    folder = versions_dir(data_dir)
    db_path = Path(db_path or store.default_db_path(data_dir))
    active = {**store.active_versions(data_dir), **updates}
    created = [path for path in files if not path.exists()]
    rows = [_complete(row, data_dir) for row in rows]
    intent = {
        "updates": updates,
        "rows": rows,
        "created": [str(p.relative_to(folder)) for p in created],
    }
    pending = folder / PENDING_FILE
    tmp_db = _import_tmp_db(db_path)
    committed = False
    try:
        write_atomic(pending, json.dumps(intent, ensure_ascii=False).encode())
        for path in created:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, files[path])
        pause("files-written")
        with store._build_lock(db_path):
            if built is None:
                store.build_database(data_dir, tmp_db, active=active)
            else:
                store.adopt_database(built, tmp_db, data_dir, active)
            pause("database-built")
            write_atomic(folder / store.ACTIVE_FILE, json.dumps(active, indent=1).encode())
            committed = True
            pause("committed")
            for row in rows:
                append_audit(data_dir, row)
            pending.unlink()
            pause("audited")
            os.replace(tmp_db, db_path)
            _sync_dir(db_path.parent)
    finally:
        tmp_db.unlink(missing_ok=True)
        if not committed:
            for path in created:
                path.unlink(missing_ok=True)
            pending.unlink(missing_ok=True)


def recover(data_dir: Path) -> None:
    """Finish or undo a change interrupted by a crash (call while holding `lock`)."""
    folder = versions_dir(data_dir)
    _repair_audit_tail(folder / AUDIT_FILE)
    pending = folder / PENDING_FILE
    if pending.exists():
        intent = json.loads(pending.read_text(encoding="utf-8"))
        updates = intent.get("updates") or {intent["dataset"]: intent["version"]}
        rows = intent.get("rows") or [intent["row"]]
        active = store.active_versions(data_dir)
        if all(active.get(name, 0) == version for name, version in updates.items()):
            logged = audit_rows(data_dir)
            for row in rows:
                if _complete(row, data_dir) not in logged:
                    append_audit(data_dir, row)
        else:
            for name in intent["created"]:
                (folder / name).unlink(missing_ok=True)
        pending.unlink()
    tmp_db = _import_tmp_db(store.default_db_path(data_dir))
    leftovers = [tmp_db, *tmp_db.parent.glob(f".{tmp_db.name}.*"), *folder.rglob(".*.tmp")]
    for tmp in leftovers:
        tmp.unlink(missing_ok=True)


def next_change(data_dir: Path) -> int:
    """The number of the next change (an import or rollback, of one or several datasets)."""
    rows = audit_rows(data_dir)  # a row logged before change numbers counts as its own change
    numbers = [int(r["change"]) if r["change"].isdigit() else i for i, r in enumerate(rows, 1)]
    return max(numbers, default=0) + 1


def _complete(row: dict[str, str], data_dir: Path) -> dict[str, str]:
    """An audit row with every column (older callers give no change number nor scope)."""
    full = {column: str(row.get(column, "") or "") for column in AUDIT_COLUMNS}
    if not full["change"]:
        full["change"] = str(next_change(data_dir))
    return full


def append_audit(data_dir: Path, row: dict[str, str]) -> None:
    """Append one audit row (header first if new), flushed to disk."""
    path = versions_dir(data_dir) / AUDIT_FILE
    _upgrade_audit(path)
    new = not path.exists() or path.stat().st_size == 0
    with open(path, "a", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, AUDIT_COLUMNS, lineterminator="\n")
        if new:
            writer.writeheader()
        writer.writerow(row)
        handle.flush()
        os.fsync(handle.fileno())


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary sibling, flush to disk, then rename over `path`."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
    _sync_dir(path.parent)


def pause(stage: str) -> None:
    """Test hook: with EIGDATA_PAUSE_AT=stage[:seconds], announce and sleep at `stage`."""
    wanted, _sep, seconds = os.environ.get(PAUSE_ENV, "").partition(":")
    if wanted == stage:
        print(f"pause:{stage}", file=sys.stderr, flush=True)
        time.sleep(float(seconds or 60))


def _import_tmp_db(db_path: Path) -> Path:
    return db_path.with_name(f".{db_path.name}.import.tmp")


def _upgrade_audit(path: Path) -> None:
    """Rewrite an audit log written before the `change` and `scope` columns existed."""
    if not path.exists() or path.stat().st_size == 0:
        return
    header = path.read_text(encoding="utf-8").split("\n", 1)[0].strip().split(",")
    if header == AUDIT_COLUMNS:
        return
    rows = audit_rows(path.parent.parent)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, AUDIT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for number, row in enumerate(rows, start=1):
        writer.writerow({**row, "change": row["change"] or str(number)})
    write_atomic(path, buffer.getvalue().encode("utf-8"))


def _repair_audit_tail(path: Path) -> None:
    """Drop a half-written last line left by a crash during an append."""
    if not path.exists():
        return
    data = path.read_bytes()
    if data and not data.endswith(b"\n"):
        with open(path, "r+b") as handle:
            handle.truncate(data.rfind(b"\n") + 1)


def _sync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
