"""Imports: read what analysts upload, map it onto the schemas, check it, store it.

- `detect`: bytes in, a decoded table out (encoding, separator, decimal, `.xlsx`);
- `columnar`: only some columns of a big upload, as codes into their distinct texts (the
  same results as `detect.read_table`, without holding the file's text);
- `frames`: dataset rows held column-wise (`FrameRows`, read as dicts), compared and
  written as csv.writer writes them, column by column;
- `mapping`: tolerant matching of labels and codes, and the column-mapping CSV;
- `campaign`: a survey campaign from a survey tool's export (one campaign × questionnaire);
- `promotion`: a new promotion from its roster sheet;
- `tables`: the expert whole-table import of one dataset (plan, apply, rollback);
- `answers`: survey answers matched to their codes (expert import);
- `problems`: one line per distinct problem, with the rows it affects;
- `changes`: several datasets stored as one change, and undone as one;
- `impact`: which dashboard figures an import would move;
- `templates`: the upload templates of each dataset;
- `campaign_cli`, `promotion_cli`: their command-line subcommands.
"""

from eigdata.ingest.tables import (
    ImportPlan,
    ImportResult,
    apply_import,
    max_upload_bytes,
    plan_import,
    problems_frame,
    rollback,
)

__all__ = [
    "ImportPlan",
    "ImportResult",
    "apply_import",
    "max_upload_bytes",
    "plan_import",
    "problems_frame",
    "rollback",
]
