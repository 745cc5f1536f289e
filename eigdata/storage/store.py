"""Build the DuckDB store from the CSVs in data/, atomically, and open it read-only.

The database is rebuilt when a CSV, a schema or a view changes (a fingerprint is
stored in it). It is built into a temporary file and renamed, so a failed build
never leaves a half-built or changed database behind.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pandas as pd

from eigdata.errors import DataProblem, ValidationFailed
from eigdata.schemas import SCHEMA_DIR, Dataset, datasets
from eigdata.validation import Known, key_values, validate_text

log = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
DATA_DIR_ENV = "EIG_DATA_DIR"
DB_FILE = "eig.duckdb"
VIEW_DIR = Path(__file__).resolve().parents[1] / "sql" / "views"
VERSIONS_DIR = "versions"
ACTIVE_FILE = "active.json"


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
    """A hash of every input of the build: CSVs, active versions, schemas and views."""
    digest = hashlib.sha256()
    active = active_versions(data_dir) if active is None else active
    if active:
        digest.update(json.dumps(active, sort_keys=True).encode())
    inputs = [dataset_path(data_dir, ds, active) for ds in datasets().values()]
    inputs += sorted(SCHEMA_DIR.glob("*.json")) + sorted(VIEW_DIR.glob("*.sql"))
    for path in inputs:
        digest.update(path.name.encode())
        digest.update(path.read_bytes() if path.exists() else b"<absent>")
    return digest.hexdigest()


def read_text(path: Path) -> str:
    """A shipped CSV as text (UTF-8, with or without BOM)."""
    return path.read_bytes().decode("utf-8-sig")


def validate_directory(
    data_dir: Path, active: dict[str, int] | None = None
) -> dict[str, list[dict[str, str]]]:
    """Validate every declared CSV; raise `ValidationFailed` listing all problems."""
    known: Known = {}
    tables: dict[str, list[dict[str, str]]] = {}
    problems: list[DataProblem] = []
    active = active_versions(data_dir) if active is None else active
    for ds in datasets().values():
        path = dataset_path(data_dir, ds, active)
        rows, found = _validate_file(path, ds, known)
        problems += found
        known.update(key_values(ds, rows))
        tables[ds.name] = rows
    if problems:
        raise ValidationFailed(problems)
    return tables


def build_database(
    data_dir: Path = DATA_DIR, db_path: Path | None = None, active: dict[str, int] | None = None
) -> Path:
    """Validate the CSVs and build the database into a temp file, then swap it in.

    `active` overrides versions/active.json (an import builds before it commits).
    """
    db_path = Path(db_path or default_db_path(data_dir))
    active = active_versions(data_dir) if active is None else active
    tables = validate_directory(data_dir, active)
    tmp = db_path.with_name(f".{db_path.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    try:
        with duckdb.connect(str(tmp)) as con:
            for name, rows in tables.items():
                _load_table(con, datasets()[name], rows)
            for view in sorted(VIEW_DIR.glob("*.sql")):
                con.execute(view.read_text(encoding="utf-8"))
            con.execute(
                "CREATE TABLE build_info AS SELECT ? AS fingerprint",
                [fingerprint(data_dir, active)],
            )
        os.replace(tmp, db_path)
    finally:
        tmp.unlink(missing_ok=True)
    log.info("database built: %s", db_path)
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


def _validate_file(path: Path, ds: Dataset, known: Known) -> tuple[list, list[DataProblem]]:
    if not path.exists():
        return [], [DataProblem(ds.path, None, None, "fichier-absent", "fichier absent")]
    try:
        text = read_text(path)
    except UnicodeDecodeError as error:
        message = f"le fichier n'est pas en UTF-8 (octet illisible en position {error.start})"
        return [], [DataProblem(ds.path, None, None, "encodage", message)]
    return validate_text(ds.path, text, ds, known)


def _load_table(con: duckdb.DuckDBPyConnection, ds: Dataset, rows: list[dict[str, str]]) -> None:
    """Create one typed table with its primary key and fill it from validated rows."""
    columns = ", ".join(f'"{c}" {ds.duckdb_type(c)}' for c in ds.columns)
    key = ", ".join(f'"{c}"' for c in ds.primary_key)
    con.execute(f'CREATE TABLE "{ds.name}" ({columns}, PRIMARY KEY ({key}))')
    staging = pd.DataFrame([[r.get(c, "") for c in ds.columns] for r in rows], columns=ds.columns)
    con.register("staging", staging.astype("object"))
    casts = ", ".join(f"CAST(NULLIF(\"{c}\", '') AS {ds.duckdb_type(c)})" for c in ds.columns)
    con.execute(f'INSERT INTO "{ds.name}" SELECT {casts} FROM staging')
    con.unregister("staging")


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
