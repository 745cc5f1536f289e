"""Import a new promotion from its roster sheet: one row per person and défi.

`plan_promotion` reads the sheet (`detect.read_table`: .xlsx, French Excel CSV…), matches its
headers (French or English, `mapping.match_key`), checks every value and computes, without
writing anything, one `changes.ChangePlan` with the new full content of sources, promotions,
roster_defis, roster_members, roster_member_defis (and roster_defi_key_figures when a promotion
is replaced): the current rows of every other promotion, plus the new ones. `apply_promotion`
stores it as one change; `changes.undo_change` undoes it.

Names are never stored: a person is recognised across the rows of one sheet by the
`match_key` of the name only, and gets a new pseudonymous identifier `P<nnn>`. Problems are
grouped: one per distinct problem, naming the column and the rows.

- `plan`: `PromotionPlan`, `plan_promotion`, `apply_promotion`, the settings' checks;
- `columns`: the sheet's columns (`COLUMNS`, `target_of`, `match_columns`), their checks and
  the column-mapping CSV (`mapping_csv`, `read_mapping`);
- `entries`: the sheet's rows as `Entry` (`role_of`, `read_entries`) and their checks;
- `collector`: the problems found on the way, handed out grouped;
- `rows`: the new rows of every touched dataset (`new_tables`);
- `preview`: the `Preview` of the promotion and of what else moves.
"""

from eigdata.ingest.promotion.collector import Collector
from eigdata.ingest.promotion.columns import (
    COLUMNS,
    IGNORE,
    ColumnMatch,
    mapping_csv,
    match_columns,
    read_mapping,
    target_of,
)
from eigdata.ingest.promotion.entries import Entry, read_entries, role_of
from eigdata.ingest.promotion.plan import (
    PROGRAMMES,
    PromotionPlan,
    apply_promotion,
    plan_promotion,
    promotion_name,
)
from eigdata.ingest.promotion.preview import GroupShare, OtherPromotion, Preview
from eigdata.ingest.promotion.rows import ACTION, new_tables

__all__ = [
    "ACTION",
    "COLUMNS",
    "IGNORE",
    "PROGRAMMES",
    "Collector",
    "ColumnMatch",
    "Entry",
    "GroupShare",
    "OtherPromotion",
    "Preview",
    "PromotionPlan",
    "apply_promotion",
    "mapping_csv",
    "match_columns",
    "new_tables",
    "plan_promotion",
    "promotion_name",
    "read_entries",
    "read_mapping",
    "role_of",
    "target_of",
]
