"""The dataset registry: one Table Schema JSON file per CSV, read by everything else."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

SCHEMA_DIR = Path(__file__).parent / "schemas"

DUCKDB_TYPES = {
    "string": "VARCHAR",
    "integer": "BIGINT",
    "number": "DOUBLE",
    "boolean": "BOOLEAN",
    "date": "DATE",
}


@dataclass(frozen=True)
class ForeignKey:
    """A column whose values must exist in another dataset's column."""

    column: str
    dataset: str
    target: str


@dataclass(frozen=True)
class Dataset:
    """A declared dataset: its CSV file name, fields and keys."""

    name: str
    title: str
    description: str
    path: str
    load_order: int
    descriptor: dict[str, Any]

    @property
    def fields(self) -> list[dict[str, Any]]:
        return self.descriptor["fields"]

    @property
    def columns(self) -> list[str]:
        return [f["name"] for f in self.fields]

    @property
    def primary_key(self) -> list[str]:
        return list(self.descriptor.get("primaryKey", []))

    @property
    def foreign_keys(self) -> list[ForeignKey]:
        return [
            ForeignKey(fk["fields"], fk["reference"]["resource"], fk["reference"]["fields"])
            for fk in self.descriptor.get("foreignKeys", [])
        ]

    @property
    def example(self) -> dict[str, str] | None:
        return self.descriptor.get("example")

    def field(self, name: str) -> dict[str, Any]:
        return next(f for f in self.fields if f["name"] == name)

    def duckdb_type(self, name: str) -> str:
        field = self.field(name)
        return field.get("duckdbType", DUCKDB_TYPES[field["type"]])

    def table_schema(self) -> dict[str, Any]:
        """The plain Table Schema part (fields and primary key) for validators."""
        return {"fields": self.fields, "primaryKey": self.primary_key}


@cache
def datasets() -> dict[str, Dataset]:
    """Every declared dataset, in load order (referenced datasets first)."""
    found = []
    for path in SCHEMA_DIR.glob("*.json"):
        d = json.loads(path.read_text(encoding="utf-8"))
        found.append(Dataset(d["name"], d["title"], d["description"], d["path"], d["loadOrder"], d))
    return {ds.name: ds for ds in sorted(found, key=lambda ds: ds.load_order)}


def dataset(name: str) -> Dataset:
    """One declared dataset by name."""
    return datasets()[name]
