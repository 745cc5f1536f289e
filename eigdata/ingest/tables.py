"""Import an uploaded file as a new version of a dataset: plan (validate, diff), then apply.

An import REPLACES the whole table of its dataset by the file's content (a new roster or
budget file is the complete list, not a patch); the previous version stays archived and
can be made active again with `rollback`. Nothing is written until `apply_import`, and
`apply_import` writes nothing unless every check passed. The command line and the page
share this code path.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from eigdata import formatting as fmt
from eigdata.errors import DataProblem, ImportRefused, ValidationFailed
from eigdata.i18n import N_, _
from eigdata.ingest import answers, changes
from eigdata.ingest.changes import Tables, row_key, stamp, table_bytes, table_diff
from eigdata.ingest.detect import Detection, Table, Unreadable, conform, read_table
from eigdata.ingest.mapping import match_key
from eigdata.ingest.problems import headline
from eigdata.schemas import Dataset, ForeignKey, datasets
from eigdata.storage import versions
from eigdata.storage.store import active_versions, fingerprint, read_text
from eigdata.validation import Known, key_values, parse_rows, validate_text
from eigdata.validation.messages import TYPE_NAMES

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
MAX_BYTES_ENV = "EIGDATA_MAX_UPLOAD_MB"
PROMOTIONS = "promotions"
UNKNOWN_REF = "reference-inconnue"
LABEL_COLUMNS = ("label_fr", "label_en", "title", "short_title", "aliases")
# The problems table's columns (codes, as `problems_frame` builds it) and their shown names.
PROBLEM_COLUMNS = {
    "fichier": N_("fichier"),
    "ligne": N_("ligne"),
    "colonne": N_("colonne"),
    "code": N_("code"),
    "message": N_("message"),
}


@dataclass
class ImportPlan:
    """Everything an import would do, computed without writing anything."""

    data_dir: Path
    dataset: str
    file_name: str
    raw: bytes = field(repr=False)
    checksum: str
    problems: list[DataProblem]
    detection: Detection | None = None
    rows: list[dict[str, str]] = field(default_factory=list, repr=False)
    base_version: int = 0
    state: str = ""
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    promotions_created: list[str] = field(default_factory=list)
    promotions_replaced: list[str] = field(default_factory=list)
    promotions_removed: list[str] = field(default_factory=list)
    unknown_promotions: list[str] = field(default_factory=list)
    identical: bool = False
    archivable: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES
    aliases: dict[str, str] | None = None

    @property
    def ok(self) -> bool:
        """True when the file can be stored."""
        return not self.problems

    @property
    def changes_nothing(self) -> bool:
        """Same file or same content as the active version."""
        return self.identical or not (self.added or self.removed or self.changed)

    @property
    def extension(self) -> str:
        """Extension of the archived raw file (from the detected format, never the name)."""
        return "xlsx" if self.detection and self.detection.format == "xlsx" else "csv"

    def summary(self) -> str:
        """What would change, in the run's language."""
        if self.problems:
            return _("{problems} ; rien ne sera enregistré.").format(
                problems=headline(self.problems)
            )
        if self.identical:
            return _("Fichier identique à la version active (même empreinte) : rien ne changera.")
        if self.changes_nothing:
            return _("Même contenu que la version active : rien ne changera.")
        replaced = _(
            "« {dataset} » : le fichier remplacera la version {version} ({rows} ligne(s) : "
            "{added} ajoutée(s), {removed} supprimée(s), {changed} modifiée(s))."
        )
        lines = [replaced.format(version=self.base_version, **self._counts())]
        named = {"dataset": self.dataset}
        if self.promotions_created:
            created = ", ".join(self.promotions_created)
            text = _("Promotions nouvelles dans « {dataset} » : {promotions}.")
            lines.append(text.format(promotions=created, **named))
        if self.promotions_replaced:
            changing = ", ".join(self.promotions_replaced)
            text = _("Promotions dont les lignes changent : {promotions}.")
            lines.append(text.format(promotions=changing))
        if self.promotions_removed:
            removed = ", ".join(self.promotions_removed)
            text = _("Promotions retirées de « {dataset} » : {promotions}.")
            lines.append(text.format(promotions=removed, **named))
        return "\n".join(lines)

    def _counts(self) -> dict[str, object]:
        """The dataset and its row counts, for messages."""
        return {
            "dataset": self.dataset,
            "rows": len(self.rows),
            "added": len(self.added),
            "removed": len(self.removed),
            "changed": len(self.changed),
        }


@dataclass(frozen=True)
class ImportResult:
    """What an applied import or rollback did."""

    dataset: str
    version: int
    changed: bool
    message: str


def max_upload_bytes() -> int:
    """The size limit: EIGDATA_MAX_UPLOAD_MB (megabytes) or 50 MB."""
    value = os.environ.get(MAX_BYTES_ENV)
    return int(float(value) * 1024 * 1024) if value else DEFAULT_MAX_BYTES


def plan_import(
    data_dir: Path,
    dataset_name: str,
    file_name: str,
    raw_bytes: bytes,
    *,
    max_bytes: int | None = None,
    aliases: dict[str, str] | None = None,
) -> ImportPlan:
    """Read, normalise and validate an upload against the current data; write nothing."""
    data_dir = Path(data_dir)
    ds = _dataset(dataset_name)
    limit = max_upload_bytes() if max_bytes is None else max_bytes
    plan = ImportPlan(
        data_dir, ds.name, file_name, raw_bytes, hashlib.sha256(raw_bytes).hexdigest(), []
    )
    plan.max_bytes, plan.aliases = limit, aliases
    plan.state = fingerprint(data_dir)
    plan.base_version = active_versions(data_dir).get(ds.name, 0)
    if len(raw_bytes) > limit:
        message = _("le fichier est trop gros ({size}) ; la taille maximale est {limit}").format(
            size=_size(len(raw_bytes)), limit=_size(limit)
        )
        plan.problems = [DataProblem(file_name, None, None, "taille", message)]
        return plan
    try:
        table = read_table(file_name, raw_bytes)
    except Unreadable as error:
        plan.problems = [error.problem]
        return plan
    table, problems = conform(file_name, table, ds, aliases)
    plan.detection = table.detection
    plan.archivable = all(name in ds.columns for name in table.header)
    current = changes.current_tables(data_dir)
    if ds.name == answers.DATASET:
        table, found = answers.canonicalise(file_name, table, current)
        problems += found
    table, found = resolve_codes(file_name, table, ds, current)
    problems += found
    rows = _validated_rows(file_name, table, ds, current, problems)
    plan.problems = problems
    plan.unknown_promotions = _unknown_promotions(ds, rows, current)
    if problems:
        return plan
    plan.rows = [{c: r.get(c, "") for c in ds.columns} for r in rows]
    _diff(plan, ds, current[ds.name])
    plan.identical = plan.checksum == _active_checksum(data_dir, ds, plan.base_version)
    return plan


def apply_import(
    plan: ImportPlan, user: str, *, db_path: Path | None = None, timeout: float = 30.0
) -> ImportResult:
    """Store a valid plan as a new active version, atomically (see eigdata.versions)."""
    if plan.problems:
        raise ValidationFailed(plan.problems)
    if plan.changes_nothing and fingerprint(plan.data_dir) == plan.state:
        return ImportResult(plan.dataset, plan.base_version, False, plan.summary())
    with versions.lock(plan.data_dir, timeout):
        versions.recover(plan.data_dir)
        if fingerprint(plan.data_dir) != plan.state:
            plan = _replan(plan)
        if plan.changes_nothing:
            return ImportResult(plan.dataset, plan.base_version, False, plan.summary())
        version = versions.next_version(plan.data_dir, plan.dataset)
        row = _audit_row(user, "import", plan.dataset, version, plan.file_name, plan.checksum)
        row["rows"] = str(len(plan.rows))
        files = {
            versions.version_file(plan.data_dir, plan.dataset, version): table_bytes(
                _dataset(plan.dataset), plan.rows
            ),
        }
        if plan.archivable:  # a column outside the schema (an e-mail…) is never archived
            files[versions.raw_file(plan.data_dir, plan.checksum, plan.extension)] = plan.raw
        versions.commit(plan.data_dir, plan.dataset, version, row, files, db_path)
    message = _(
        "Import enregistré : « {dataset} » version {version} ({rows} ligne(s) : "
        "{added} ajoutée(s), {removed} supprimée(s), {changed} modifiée(s))."
    ).format(version=version, **plan._counts())
    return ImportResult(plan.dataset, version, True, message)


def rollback(
    data_dir: Path,
    dataset_name: str,
    version: int,
    user: str,
    *,
    db_path: Path | None = None,
    timeout: float = 30.0,
) -> ImportResult:
    """Make an earlier version (0 = the shipped file) active again; audited as a rollback."""
    data_dir = Path(data_dir)
    ds = _dataset(dataset_name)
    with versions.lock(data_dir, timeout):
        versions.recover(data_dir)
        if active_versions(data_dir).get(ds.name, 0) == version:
            message = _("La version {version} de « {dataset} » est déjà active.")
            raise ImportRefused(message.format(version=version, dataset=ds.name))
        if version == 0:
            path = Path(data_dir) / ds.path
            file_name, checksum = ds.path, _sha256(path)
        else:
            imported = _import_row(data_dir, ds.name, version)
            if imported is None or not versions.version_file(data_dir, ds.name, version).exists():
                message = _("La version {version} de « {dataset} » n'existe pas.")
                raise ImportRefused(message.format(version=version, dataset=ds.name))
            path = versions.version_file(data_dir, ds.name, version)
            file_name, checksum = imported["file_name"], imported["checksum"]
        row = _audit_row(user, "rollback", ds.name, version, file_name, checksum)
        row["rows"] = str(len(parse_rows(read_text(path))[1]))
        versions.commit(data_dir, ds.name, version, row, {}, db_path)
    message = _("« {dataset} » revient à la version {version} (retour en arrière enregistré).")
    return ImportResult(ds.name, version, True, message.format(dataset=ds.name, version=version))


def problems_frame(problems: list[DataProblem]) -> pd.DataFrame:
    """Problems as a table (fichier, ligne, colonne, code, message: named in the run's
    language) for display or download."""
    rows = [[p.file, p.row, p.column or "", p.code, p.message] for p in problems]
    frame = pd.DataFrame(rows, columns=list(PROBLEM_COLUMNS)).astype({"ligne": "Int64"})
    return frame.rename(columns={code: _(name) for code, name in PROBLEM_COLUMNS.items()})


def _dataset(name: str) -> Dataset:
    if name not in datasets():
        known = ", ".join(datasets())
        message = _("Jeu de données inconnu : « {dataset} » (connus : {known}).")
        raise ImportRefused(message.format(dataset=name, known=known))
    return datasets()[name]


def _replan(plan: ImportPlan) -> ImportPlan:
    """The data changed since the preview: re-check, refuse if this dataset itself moved."""
    fresh = plan_import(
        plan.data_dir,
        plan.dataset,
        plan.file_name,
        plan.raw,
        max_bytes=plan.max_bytes,
        aliases=plan.aliases,
    )
    if fresh.base_version != plan.base_version:
        message = _(
            "« {dataset} » a été modifié par un autre import (version {version}) depuis "
            "l'aperçu ; relancez l'import pour voir les nouveaux changements. Rien n'a été "
            "modifié."
        )
        raise ImportRefused(message.format(dataset=plan.dataset, version=fresh.base_version))
    if fresh.problems:
        raise ValidationFailed(fresh.problems)
    return fresh


@dataclass
class Codes:
    """The codes a column may hold, and the texts (compared with `match_key`) naming them."""

    where: str  # « budget_lines.csv (colonne line) », for messages
    new_code: str | None = None  # pattern of a new code, left as is (own key columns)
    exact: set[str] = field(default_factory=set)
    by_code: dict[str, list[str]] = field(default_factory=dict)
    by_label: dict[str, list[str]] = field(default_factory=dict)

    def add(self, code: str, labels: list[str]) -> None:
        """Make `code` reachable by itself (any case, without spaces) and by its labels."""
        self.exact.add(code)
        for text in (code, code.replace(" ", "")):
            _append(self.by_code, match_key(text), code)
        for text in labels:
            _append(self.by_label, match_key(text), code)

    def named(self, value: str) -> list[str]:
        """The codes `value` names: a code whatever its case first, else by label."""
        if self.new_code and re.fullmatch(self.new_code, value):
            return []
        key = match_key(value)
        return self.by_code.get(key) or self.by_label.get(key) or []


def _append(index: dict[str, list[str]], key: str, code: str) -> None:
    found = index.setdefault(key, [])
    if code not in found:
        found.append(code)


def resolve_codes(
    file_name: str, table: Table, ds: Dataset, current: Tables
) -> tuple[Table, list[DataProblem]]:
    """Codes typed in another case or as a label (« Salaires », « ENQUETE-2019 », « eig 2 »)
    replaced by the code they name; a text naming two codes is a problem naming both.

    Foreign-key columns are matched to the referenced rows' code and label columns; the
    dataset's own key columns with a pattern (« [a-z0-9-]+ ») take an existing key that
    differs only by case. Values left unknown are reported later by validation.
    """
    columns = {
        table.header.index(column): codes
        for column, codes in _column_codes(ds, current).items()
        if column in table.header
    }
    problems: list[DataProblem] = []
    rows = []
    for values, number in zip(table.rows, table.row_numbers, strict=True):
        row = list(values)
        for index, codes in columns.items():
            value = row[index] if index < len(row) else ""
            if not value or value in codes.exact:
                continue
            named = codes.named(value)
            if len(named) == 1:
                row[index] = named[0]
            elif named:
                problems.append(_ambiguous(file_name, number, table.header[index], value, codes))
        rows.append(row)
    return Table(table.header, rows, table.row_numbers, table.detection), problems


def _column_codes(ds: Dataset, current: Tables) -> dict[str, Codes]:
    """For each foreign-key column and each patterned key column of `ds`: its codes."""
    found = {fk.column: _referenced_codes(fk, current) for fk in ds.foreign_keys}
    keys = set(ds.primary_key) | {f["name"] for f in ds.fields if _constraint(f, "unique")}
    for column in sorted(keys - set(found)):
        pattern = _constraint(ds.field(column), "pattern")
        if pattern:
            where = _("{file} (colonne {column})").format(file=ds.path, column=column)
            codes = Codes(where, str(pattern))
            for row in current.get(ds.name, []):
                if row.get(column):
                    codes.add(row[column], [])
            found[column] = codes
    return found


def _referenced_codes(fk: ForeignKey, current: Tables) -> Codes:
    """The referenced rows' codes, named also by their label, title and alias columns."""
    where = _("{file} (colonne {column})").format(file=f"{fk.dataset}.csv", column=fk.target)
    codes = Codes(where)
    for row in current.get(fk.dataset, []):
        if not row.get(fk.target):
            continue
        labels = []
        for column in LABEL_COLUMNS:
            text = row.get(column) or ""
            labels += text.split(";") if column == "aliases" else [text]
        codes.add(row[fk.target], [t for t in labels if t.strip()])
    return codes


def _constraint(field_: dict, name: str) -> object:
    return field_.get("constraints", {}).get(name)


def _ambiguous(file_name: str, row: int, column: str, value: str, codes: Codes) -> DataProblem:
    named = [_("« {value} »").format(value=c) for c in codes.named(value)]
    listed = _("{first} et {last}").format(first=", ".join(named[:-1]), last=named[-1])
    message = _(
        "« {value} » désigne plusieurs valeurs de {where} : {listed} ; écrivez la valeur voulue"
    ).format(value=value, where=codes.where, listed=listed)
    return DataProblem(file_name, row, column, "reference-ambigue", message)


def _validated_rows(
    file_name: str,
    table: Table,
    ds: Dataset,
    current: dict[str, list[dict[str, str]]],
    problems: list[DataProblem],
) -> list[dict[str, str]]:
    """Validate the conformed table (and references to it); extend `problems`."""
    known: Known = {}
    for other in datasets().values():
        if other.name != ds.name:
            known.update(key_values(other, current[other.name]))
    rows, found = validate_text(file_name, _csv_text(table.header, table.rows), ds, known)
    if any(p.code == "colonne-en-double" for p in found):
        found = [p for p in found if p.code != "error"]  # frictionless' own header note
    promotion_columns = {fk.column for fk in ds.foreign_keys if fk.dataset == PROMOTIONS}
    ambiguous = {(p.row, p.column) for p in problems if p.code == "reference-ambigue"}
    found = [_explain(_relocate(p, table.row_numbers), promotion_columns) for p in found]
    found = [p for p in found if (p.row, p.column) not in ambiguous or p.code != UNKNOWN_REF]
    problems += dict.fromkeys(found)  # a wide survey row gives each of its problems once
    if not found:
        problems += _broken_references(file_name, ds, rows, current)
    problems.sort(key=lambda p: (p.file != file_name, p.row or 0, p.column or ""))
    return rows


def _relocate(problem: DataProblem, row_numbers: list[int]) -> DataProblem:
    """Row numbers of the conformed table → row numbers in the uploaded file."""
    if problem.row is None or problem.row < 2 or problem.row - 2 >= len(row_numbers):
        return problem
    return replace(problem, row=row_numbers[problem.row - 2])


def _explain(problem: DataProblem, promotion_columns: set[str]) -> DataProblem:
    """Import-specific wording: numbers in both notations, how to add a promotion."""
    message = problem.message
    if problem.code == "type":
        expected = TYPE_NAMES["number"]  # « un nombre (point décimal) », N_-marked there
        message = message.replace(_(expected), _("un nombre (ex. : 1234.5 ou 1 234,5)"))
    if problem.code == UNKNOWN_REF and problem.column in promotion_columns:
        message += _(" ; une nouvelle promotion s'ajoute d'abord par l'import de « promotions »")
    return replace(problem, message=message)


def _broken_references(
    file_name: str, ds: Dataset, rows: list[dict[str, str]], current: dict
) -> list[DataProblem]:
    """Rows of other datasets that would point to values the new file removes."""
    problems = []
    for other in datasets().values():
        for fk in other.foreign_keys:
            if fk.dataset != ds.name:
                continue
            kept = {r.get(fk.target, "") for r in rows}
            for number, row in enumerate(current[other.name], start=2):
                value = row.get(fk.column, "")
                if value and value not in kept:
                    message = _(
                        "« {value} » y est utilisé mais disparaîtrait avec {file} (colonne "
                        "{column}) ; gardez cette valeur dans le fichier"
                    ).format(value=value, file=file_name, column=fk.target)
                    problems.append(
                        DataProblem(other.path, number, fk.column, "reference-cassee", message)
                    )
    return problems


def _unknown_promotions(
    ds: Dataset, rows: list[dict[str, str]], current: dict[str, list[dict[str, str]]]
) -> list[str]:
    """Promotions the file names that the promotions dataset does not know."""
    known = {r.get("promotion", "") for r in current.get(PROMOTIONS, [])}
    columns = [fk.column for fk in ds.foreign_keys if fk.dataset == PROMOTIONS]
    return sorted({r.get(c, "") for r in rows for c in columns} - known - {""})


def _diff(plan: ImportPlan, ds: Dataset, old_rows: list[dict[str, str]]) -> None:
    """Rows added, removed, changed by key, and promotions created or replaced."""
    diff = table_diff(ds, old_rows, plan.rows)
    plan.added, plan.removed, plan.changed = diff.added, diff.removed, diff.changed
    if "promotion" not in ds.columns:
        return
    old = {" / ".join(row_key(ds, r)): r for r in old_rows}
    new = {" / ".join(row_key(ds, r)): r for r in plan.rows}
    touched = {new[k]["promotion"] for k in diff.added}
    touched |= {old[k]["promotion"] for k in diff.removed}
    touched |= {rows[k]["promotion"] for k in diff.changed for rows in (old, new)}
    before = {r.get("promotion", "") for r in old_rows}
    after = {r["promotion"] for r in plan.rows}
    plan.promotions_created = sorted(after - before)
    plan.promotions_replaced = sorted(before & after & touched)
    plan.promotions_removed = sorted(before - after)


def _active_checksum(data_dir: Path, ds: Dataset, version: int) -> str | None:
    """The sha256 of the file the active version came from."""
    if version == 0:
        path = Path(data_dir) / ds.path
        return _sha256(path) if path.exists() else None
    row = _import_row(data_dir, ds.name, version)
    return row["checksum"] if row else None


def _import_row(data_dir: Path, dataset_name: str, version: int) -> dict[str, str] | None:
    for row in versions.audit_rows(data_dir):
        same = row["dataset"] == dataset_name and row["version"] == str(version)
        if same and row["action"] != "rollback":
            return row
    return None


def _audit_row(
    user: str, action: str, dataset: str, version: int, file_name: str, checksum: str
) -> dict[str, str]:
    return {
        **stamp(user),
        "action": action,
        "dataset": dataset,
        "version": str(version),
        "file_name": " ".join(file_name.split()),
        "checksum": checksum,
        "rows": "0",
    }


def _csv_text(header: list[str], rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _size(n: int) -> str:
    """A size in the run's language: « 12,5 Mo », « 900 octets » (12.5 MB, 900 bytes)."""
    if n < 1024:
        return _("{size} octets").format(size=n)
    if n < 1024 * 1024:
        return _("{size} Ko").format(size=fmt.number(n / 1024, 1))
    return _("{size} Mo").format(size=fmt.number(n / 1024 / 1024, 1))
