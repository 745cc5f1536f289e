"""The data dictionary, read from the schemas: what each shipped CSV holds, column by column."""

from __future__ import annotations

import pandas as pd

from eigdata.ingest.templates import column_rows
from eigdata.schemas import datasets


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
    """One row per column of a dataset: type, required, rules, description (as templates)."""
    frame = pd.DataFrame(column_rows(datasets()[name]))
    return frame.rename(columns=lambda column: column[:1].upper() + column[1:])
