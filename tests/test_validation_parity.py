"""The DuckDB checks report exactly what the frictionless-based validator reported.

tests/data/validation_parity.json.gz was recorded once with that validator (frictionless
5.21, before it was removed): the `validate_text` and `validate_directory` calls made by
the import and validation tests (tests/data/bad included), 82 hand-written edge cases
(blank and ragged records, repeated, blank or unknown labels, numbers in every notation,
foreign keys after blank lines…) and 250 random files. Each case keeps the text, the
known foreign key values, the rows parsed and the problems, in order.

Left out on purpose: files where frictionless guessed another separator or took a later
row for the header (csv.Sniffer, ragged first lines), and values it accepted that DuckDB
cannot load (NaN or infinity in a DECIMAL column, integers beyond 64 bits): they are now a
type problem (see test_validation_checks).
"""

from __future__ import annotations

import base64
import csv
import gzip
import io
import json
from pathlib import Path
from typing import Any

import pytest

from eigdata.errors import ValidationFailed
from eigdata.schemas import dataset, datasets
from eigdata.storage.store import validate_directory
from eigdata.validation import validate_text

CORPUS = Path(__file__).parent / "data" / "validation_parity.json.gz"
DATA = Path(__file__).parent.parent / "data"
with gzip.open(CORPUS, "rt", encoding="utf-8") as handle:
    RECORDED: dict[str, Any] = json.load(handle)


def _known(key: str | None) -> dict[tuple[str, str], set[str]] | None:
    if key is None:
        return None
    values = RECORDED["knowns"][key]
    return {tuple(name.split("|", 1)): set(found) for name, found in values.items()}


def _listed(problems: list) -> list[list]:
    return [[p.file, p.row, p.column, p.code, p.message] for p in problems]


def test_corpus_covers_every_kind_of_problem() -> None:
    codes = {p[3] for case in RECORDED["cases"] for p in case["problems"]}
    assert codes == {
        "cellule-en-trop",
        "cellule-manquante",
        "colonne-en-double",
        "colonne-inconnue",
        "colonne-manquante",
        "contrainte",
        "doublon",
        "error",
        "fichier-vide",
        "reference-inconnue",
        "type",
        "unmatched-header",
    }
    assert len(RECORDED["cases"]) == 397
    assert len(RECORDED["directories"]) == 7


@pytest.mark.parametrize(
    "case", RECORDED["cases"], ids=[f"{c['origin']}-{c['dataset']}" for c in RECORDED["cases"]]
)
def test_text_gives_the_recorded_rows_and_problems(case: dict[str, Any]) -> None:
    text = RECORDED["texts"][case["text"]]
    rows, problems = validate_text(
        case["file"], text, dataset(case["dataset"]), _known(case["known"])
    )
    assert len(rows) == case["rows"]
    assert _listed(problems) == case["problems"]


def _add_later_sources(path: Path, case: dict[str, Any]) -> int:
    """Append the shipped sources cited by datasets added after the recording; how many."""
    later = datasets().keys() - case["files"].keys()
    cited = {
        row["source_doc"]
        for name in later
        for row in csv.DictReader(io.StringIO((DATA / datasets()[name].path).read_text("utf-8")))
    }
    try:
        text = path.read_text(encoding="utf-8")
    except (FileNotFoundError, UnicodeDecodeError):  # its own problem is what is recorded
        return 0
    shipped = (DATA / datasets()["sources"].path).read_text(encoding="utf-8").splitlines()
    added = [line for line in shipped if line.split(",", 1)[0] in cited and line not in text]
    if added:
        path.write_text(text.rstrip("\n") + "\n" + "\n".join(added) + "\n", encoding="utf-8")
    return len(added)


@pytest.mark.parametrize("index", range(len(RECORDED["directories"])))
def test_directory_gives_the_recorded_problems(index: int, tmp_path: Path) -> None:
    case = RECORDED["directories"][index]
    for name in datasets().keys() - case["files"].keys():
        # datasets added after the recording are taken as shipped, with their sources
        (tmp_path / datasets()[name].path).write_bytes((DATA / datasets()[name].path).read_bytes())
    for name, key in case["files"].items():
        if key is None:
            continue
        path = tmp_path / datasets()[name].path
        if key in RECORDED["texts"]:
            path.write_bytes(RECORDED["texts"][key].encode("utf-8"))
        else:
            path.write_bytes(base64.b64decode(RECORDED["binary"][key]))
    added = _add_later_sources(tmp_path / datasets()["sources"].path, case)
    if case["problems"]:
        with pytest.raises(ValidationFailed) as caught:
            validate_directory(tmp_path, active={})
        recorded = {datasets()[name].path for name in case["files"]}
        problems = [p for p in caught.value.problems if p.file in recorded]
        assert _listed(problems) == case["problems"]
    else:
        rows = validate_directory(tmp_path, active={})
        assert {name: rows[name] for name in case["rows"]} == {
            **case["rows"],
            "sources": case["rows"]["sources"] + added,
        }
