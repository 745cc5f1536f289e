"""Imports: read what analysts upload, map it onto the schemas, check it, store it.

- `detect`: bytes in, a decoded table out (encoding, separator, decimal, `.xlsx`);
- `answers`: survey questions and answers matched to their codes;
- `tables`: the expert whole-table import of one dataset (plan, apply, rollback);
- `impact`: which dashboard figures an import would move;
- `templates`: the upload templates of each dataset.
"""

from eigdata.ingest.tables import (
    ImportPlan,
    ImportResult,
    apply_import,
    max_upload_bytes,
    plan_import,
    problems_frame,
    rollback,
    version_bytes,
)

__all__ = [
    "ImportPlan",
    "ImportResult",
    "apply_import",
    "max_upload_bytes",
    "plan_import",
    "problems_frame",
    "rollback",
    "version_bytes",
]
