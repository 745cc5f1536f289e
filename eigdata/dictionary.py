"""The data dictionary, read from the schemas: what each shipped CSV holds, column by column."""

from __future__ import annotations

import pandas as pd

from eigdata.schemas import Dataset, datasets

TYPE_LABELS = {
    "string": "texte",
    "integer": "nombre entier",
    "number": "nombre",
    "boolean": "vrai/faux",
    "date": "date",
}


def datasets_overview() -> pd.DataFrame:
    """One row per dataset: file, title, description, key."""
    return pd.DataFrame(
        [
            {
                "Fichier": ds.path,
                "Titre": ds.title,
                "Description": ds.description,
                "Clé": ", ".join(ds.primary_key),
            }
            for ds in datasets().values()
        ]
    )


def dataset_files() -> dict[str, str]:
    """Dataset name -> CSV file name, in load order."""
    return {name: ds.path for name, ds in datasets().items()}


def columns(name: str) -> pd.DataFrame:
    """One row per column of a dataset: type, required, allowed values, description."""
    ds = datasets()[name]
    return pd.DataFrame([_column_row(ds, field) for field in ds.fields])


def _column_row(ds: Dataset, field: dict) -> dict[str, str]:
    constraints = field.get("constraints", {})
    references = {fk.column: f"{fk.dataset}.{fk.target}" for fk in ds.foreign_keys}
    allowed = ", ".join(constraints.get("enum", []))
    if field["name"] in references:
        allowed = f"une valeur de {references[field['name']]}"
    return {
        "Colonne": field["name"],
        "Type": TYPE_LABELS.get(field["type"], field["type"]),
        "Obligatoire": "oui" if constraints.get("required") else "non",
        "Valeurs permises": allowed,
        "Description": field.get("description", ""),
    }
