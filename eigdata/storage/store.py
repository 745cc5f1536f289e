"""Build the DuckDB store from the CSVs in data/, atomically, and open it read-only.

The database is rebuilt when a CSV, a schema or a view changes (a fingerprint is
stored in it). It is built into a temporary file and renamed, so a failed build
never leaves a half-built or changed database behind. Every CSV is checked and loaded
by DuckDB itself (`eigdata.validation.Checker`): no row goes through Python.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
import shutil
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pandas as pd

from eigdata.errors import DataProblem, ValidationFailed
from eigdata.schemas import SCHEMA_DIR, Dataset, datasets
from eigdata.validation import Checker, configure

log = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
DATA_DIR_ENV = "EIG_DATA_DIR"
DB_FILE = "eig.duckdb"
VIEW_DIR = Path(__file__).resolve().parents[1] / "sql" / "views"
VERSIONS_DIR = "versions"
ACTIVE_FILE = "active.json"
KEYED_MAX_ROWS = 1_000_000  # larger tables get no PRIMARY KEY index (the checks enforce it)
RACY_NS = 2_000_000_000  # a file modified this recently is hashed again next time
HASH_CHUNK = 1 << 22

_digests: dict[str, tuple[tuple[int, ...], str]] = {}


def data_dir() -> Path:
    """The data directory the dashboard reads and imports into: EIG_DATA_DIR or data/."""
    return Path(os.environ.get(DATA_DIR_ENV) or DATA_DIR)


def default_db_path(data_dir: Path = DATA_DIR) -> Path:
    """Where the database of a data directory lives."""
    return Path(data_dir) / DB_FILE


def active_versions(data_dir: Path) -> dict[str, int]:
    """Imported version in use per dataset (versions/active.json); absent means data/<path>."""
    path = Path(data_dir) / VERSIONS_DIR / ACTIVE_FILE
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def dataset_path(data_dir: Path, ds: Dataset, active: dict[str, int] | None = None) -> Path:
    """The CSV a dataset is read from: its active imported version, else data/<path>."""
    active = active_versions(data_dir) if active is None else active
    version = active.get(ds.name, 0)
    if version:
        return Path(data_dir) / VERSIONS_DIR / ds.name / f"{version:04d}.csv"
    return Path(data_dir) / ds.path


def fingerprint(data_dir: Path, active: dict[str, int] | None = None) -> str:
    """A hash of every input of the build: CSVs, active versions, schemas and views.

    Each file's content digest is remembered for its (size, mtime, ctime, inode): a file
    left untouched is not read again."""
    digest = hashlib.sha256()
    active = active_versions(data_dir) if active is None else active
    if active:
        digest.update(json.dumps(active, sort_keys=True).encode())
    for path in _inputs(data_dir, active):
        digest.update(path.name.encode())
        digest.update((file_digest(path) or "<absent>").encode())
    return digest.hexdigest()


def data_version(data_dir: Path) -> str:
    """A token that changes whenever an input of the database may have changed: the active
    versions and the size, times and inode of every input. Reads no CSV: cheap enough to
    call on every page."""
    active = active_versions(data_dir)
    parts = [json.dumps(active, sort_keys=True)]
    for path in _inputs(data_dir, active):
        parts.append(f"{path}:{_stat_key(path)}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def file_digest(path: Path) -> str | None:
    """The sha256 of a file's content (None if absent), remembered until the file changes."""
    key = _stat_key(path)
    if key is None:
        return None
    remembered = _digests.get(str(path))
    if remembered and remembered[0] == key:
        return remembered[1]
    digest = _hash_file(path)
    if time.time_ns() - key[1] > RACY_NS:  # else a same-size rewrite could share its mtime
        _digests[str(path)] = (key, digest)
    return digest


def read_text(path: Path) -> str:
    """A shipped CSV as text (UTF-8, with or without BOM)."""
    return path.read_bytes().decode("utf-8-sig")


def validate_directory(data_dir: Path, active: dict[str, int] | None = None) -> dict[str, int]:
    """Validate every declared CSV; raise `ValidationFailed` listing all problems.

    Returns the number of rows of each dataset."""
    active = active_versions(data_dir) if active is None else active
    with _session() as con:
        checker = _checked(con, data_dir, active)
        return {ds.name: checker.rows(ds) for ds in datasets().values()}


def build_database(
    data_dir: Path = DATA_DIR,
    db_path: Path | None = None,
    active: dict[str, int] | None = None,
    held: Mapping[str, pd.DataFrame] | None = None,
) -> Path:
    """Validate the CSVs and build the database into a temp file, then swap it in.

    `active` overrides versions/active.json (an import builds before it commits). `held`
    gives, for some datasets, their rows already in memory, exactly as their CSV holds them:
    those are checked and loaded from memory (an import's new tables), the CSV not parsed.
    """
    db_path = Path(db_path or default_db_path(data_dir))
    active = active_versions(data_dir) if active is None else active
    tmp = db_path.with_name(f".{db_path.name}.{os.getpid()}.tmp")
    _remove(tmp)
    try:
        with _session() as con:
            checker = _checked(con, data_dir, active, held)
            con.execute("ATTACH ? AS build", [str(tmp)])
            con.execute("USE build")
            for ds in datasets().values():
                checker.load(ds, key=checker.rows(ds) <= KEYED_MAX_ROWS)
            checker.close()
            for view in sorted(VIEW_DIR.glob("*.sql")):
                con.execute(view.read_text(encoding="utf-8"))
            con.execute(
                "CREATE TABLE build_info AS SELECT ? AS fingerprint",
                [fingerprint(data_dir, active)],
            )
            con.execute("USE memory")
            con.execute("DETACH build")
        os.replace(tmp, db_path)
    finally:
        _remove(tmp)
    log.info("database built: %s", db_path)
    return db_path


def adopt_database(built: Path, db_path: Path, data_dir: Path, active: dict[str, int]) -> Path:
    """Copy to `db_path` a database built elsewhere from the same content as `data_dir` with
    `active` (an import's preview), stamped with that directory's fingerprint."""
    _remove(db_path)
    shutil.copyfile(built, db_path)
    with duckdb.connect(str(db_path)) as con:
        con.execute("UPDATE build_info SET fingerprint = ?", [fingerprint(data_dir, active)])
    return db_path


def stored_fingerprint(db_path: Path) -> str | None:
    """The fingerprint a database was built from, or None if absent or unreadable."""
    if not Path(db_path).exists():
        return None
    try:
        with duckdb.connect(str(db_path), read_only=True) as con:
            return con.execute("SELECT fingerprint FROM build_info").fetchone()[0]
    except duckdb.Error:
        return None


def ensure_database(data_dir: Path = DATA_DIR, db_path: Path | None = None) -> Path:
    """Build the database if it is missing or older than its inputs."""
    db_path = Path(db_path or default_db_path(data_dir))
    with _build_lock(db_path):
        if stored_fingerprint(db_path) != fingerprint(data_dir):
            build_database(data_dir, db_path)
    return db_path


def connect(db_path: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection, safe to share across processes; use a cursor per query."""
    return duckdb.connect(str(db_path), read_only=True)


def _inputs(data_dir: Path, active: dict[str, int]) -> list[Path]:
    """Every file the database is built from: CSVs, schemas and views."""
    inputs = [dataset_path(data_dir, ds, active) for ds in datasets().values()]
    return inputs + sorted(SCHEMA_DIR.glob("*.json")) + sorted(VIEW_DIR.glob("*.sql"))


def _hash_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _stat_key(path: Path) -> tuple[int, ...] | None:
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino, stat.st_dev)


@contextmanager
def _session() -> Iterator[duckdb.DuckDBPyConnection]:
    """An in-memory DuckDB connection for checking (staging spills to a temp folder)."""
    con = duckdb.connect()
    try:
        configure(con)
        yield con
    finally:
        con.close()


def _checked(
    con: duckdb.DuckDBPyConnection,
    data_dir: Path,
    active: dict[str, int],
    held: Mapping[str, pd.DataFrame] | None = None,
) -> Checker:
    """Every dataset checked in `con` (from `held` rows when given, else from its CSV);
    raise `ValidationFailed` listing all problems."""
    checker = Checker(con)
    problems: list[DataProblem] = []
    for ds in datasets().values():
        if held and ds.name in held:
            problems += checker.check_frame(ds, ds.path, held[ds.name])
        else:
            problems += checker.check_file(ds, dataset_path(data_dir, ds, active))
    if problems:
        raise ValidationFailed(problems)
    return checker


def _remove(db_file: Path) -> None:
    """A database file and its write-ahead log."""
    db_file.unlink(missing_ok=True)
    db_file.with_name(db_file.name + ".wal").unlink(missing_ok=True)


@contextmanager
def _build_lock(db_path: Path) -> Iterator[None]:
    """One build at a time per database file, across processes."""
    lock_path = db_path.with_name(f".{db_path.name}.lock")
    with open(lock_path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
