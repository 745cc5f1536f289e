"""The data dictionary, read from the schemas: what each shipped CSV holds, column by column,
in the run's language (a schema's `title_en` / `description_en` in English)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from eigdata.i18n import _, pick
from eigdata.ingest.templates import COLUMN_HEADERS, column_rows
from eigdata.schemas import Dataset, datasets


def datasets_overview() -> pd.DataFrame:
    """One row per dataset: file, title, description, key."""
    return pd.DataFrame(
        [
            {
                _("Fichier"): ds.path,
                _("Titre"): title(ds),
                _("Description"): described(ds.descriptor),
                _("Clé"): ", ".join(ds.primary_key),
            }
            for ds in datasets().values()
        ]
    )


def dataset_files() -> dict[str, str]:
    """Dataset name -> CSV file name, in load order."""
    return {name: ds.path for name, ds in datasets().items()}


def columns(name: str) -> pd.DataFrame:
    """One row per column of a dataset: type, required, rules (as the import templates say
    them) and the description in the run's language."""
    ds = datasets()[name]
    rows = [
        row | {"description": described(field)}
        for field, row in zip(ds.fields, column_rows(ds), strict=True)
    ]
    frame = pd.DataFrame(rows, columns=list(COLUMN_HEADERS))
    return frame.rename(columns=lambda code: _capitalised(_(COLUMN_HEADERS[code])))


def title(ds: Dataset) -> str:
    """A dataset's title in the run's language (`title_en` in English)."""
    return pick(ds.title, ds.descriptor.get("title_en"))


def described(item: dict[str, Any]) -> str:
    """The `description` of a schema or field in the run's language (`description_en`)."""
    return pick(item.get("description", ""), item.get("description_en"))


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]
