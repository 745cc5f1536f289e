"""Column-wise reading and writing of the season imports (eigdata.ingest.columnar, frames):
the same results as the row-by-row readers and csv.writer, on the files people send."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from eigdata.ingest import changes, columnar, frames
from eigdata.ingest.campaign import plan_campaign
from eigdata.ingest.detect import Unreadable, read_table
from eigdata.schemas import Dataset, dataset
from eigdata.validation import parse_rows

DATA = Path(__file__).parent / "data"
FILES = sorted(
    p for folder in ("exports", "bad", "good", "rosters") for p in (DATA / folder).iterdir()
)
LIMESURVEY = DATA / "exports" / "limesurvey_texte_excel_fr.csv"


def as_read_table(name: str, raw: bytes) -> tuple:
    """What read_table gives: header, row numbers, every cell (or the problem)."""
    try:
        table = read_table(name, raw)
    except Unreadable as error:
        return ("illisible", str(error.problem))
    width = len(table.header)
    cells = [[r[i] if i < len(r) else "" for i in range(width)] for r in table.rows]
    return (table.header, table.detection, table.row_numbers, cells)


def as_columns(name: str, raw: bytes) -> tuple:
    """The same, read column-wise (every column wanted)."""
    try:
        source = columnar.open_table(name, raw)
        found = source.columns(range(len(source.header)))
    except Unreadable as error:
        return ("illisible", str(error.problem))
    values = [found.values(i) for i in range(len(found.header))]
    cells = [list(row) for row in zip(*values, strict=True)] if values else []
    return (found.header, found.detection, list(map(int, found.row_numbers)), cells)


def variants(raw: bytes) -> dict[str, bytes]:
    """A file as people also send it: blank lines, quotes, Mac line ends, cut short."""
    return {
        "tel quel": raw,
        "lignes vides": raw.replace(b"\n", b"\n\n", 2),
        "lignes vides à la fin": raw + b"\r\n\r\n",
        "guillemets": raw.replace(b"Oui", b'"Oui"', 3),
        "fins de ligne CR": raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r"),
        "coupé": raw[: len(raw) // 2],
        "sans guillemets": raw.replace(b'"', b""),
    }


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_columns_read_as_read_table_does(path: Path) -> None:
    for name, raw in variants(path.read_bytes()).items():
        assert as_columns(path.name, raw) == as_read_table(path.name, raw), name


def test_a_quote_free_export_is_split_by_lines_with_its_row_numbers() -> None:
    header, *lines = LIMESURVEY.read_bytes().replace(b'"', b"").split(b"\r\n")
    padded = b"\r\n".join([header, lines[0], b";" * 18, *lines[1:]])  # an Excel padding row
    source = columnar.open_table("export.csv", padded)
    assert source._plain()
    found = source.columns([0, 12])
    assert found.row_numbers.tolist()[:4] == [2, 4, 5, 6]  # line 3 holds nothing
    assert found.values(0)[:3] == ["3", "4", "5"]
    assert found.values(12)[:3] == ["Développeur", "Data scientist", "Designer"]
    assert found.detection.describe() == (
        "CSV, encodage Windows-1252 (Latin-1), séparateur point-virgule « ; », décimale "
        "point, fins de ligne CRLF"
    )


def test_an_export_never_holds_its_personal_columns_in_memory(fresh_data: Path) -> None:
    plan = plan_campaign(
        fresh_data,
        LIMESURVEY.name,
        LIMESURVEY.read_bytes(),
        campaign="enquete-2022",
        title="Enquête 2022",
        year=2022,
        questionnaire="eig",
        promotion="EIG 4",
    )
    read = {
        c.index
        for c in plan.columns
        if c.kind in {"question", "attribute", "respondent_id", "submitted"}
    }
    assert sorted(read) == [0, 1, 12, 13, 14, 15, 16, 17]
    assert plan.preview.respondents == 16


TRICKY = ["", "a,b", 'dit "non"', "deux\nlignes", " espace ", "été", "x", "€"]


def writer_bytes(columns: list[str], rows: list[dict[str, str]]) -> bytes:
    buffer = io.StringIO()
    out = csv.writer(buffer, lineterminator="\n")
    out.writerow(columns)
    out.writerows([[r[c] for c in columns] for r in rows])
    return buffer.getvalue().encode()


def test_csv_bytes_are_what_csv_writer_writes(tmp_path: Path) -> None:
    columns = ["campaign", "respondent_id", "answer"]
    rows = [
        {
            "campaign": "enquete-2025",
            "respondent_id": f"R-EIG-{i % 40:03d}",
            "answer": TRICKY[i % 8],
        }
        for i in range(400)
    ]
    expected = writer_bytes(columns, rows)
    assert bytes(frames.csv_bytes(columns, rows)) == expected
    table = frames.FrameRows.from_rows(columns, rows)
    columnwise = frames.FrameRows(table.frame)  # no dicts kept: written from the columns
    assert bytes(frames.csv_bytes(columns, columnwise)) == expected
    frames.write_csv(tmp_path / "t.csv", columns, columnwise)
    assert (tmp_path / "t.csv").read_bytes() == expected
    assert frames.read_rows(tmp_path / "t.csv") == rows
    carriage = [{**rows[0], "answer": "retour\rchariot"}] * 3  # left unquoted, as csv does
    table = frames.FrameRows(frames.FrameRows.from_rows(columns, carriage).frame)
    assert bytes(frames.csv_bytes(columns, table)) == writer_bytes(columns, carriage)


def test_dataset_files_are_read_as_parse_rows_reads_them(tmp_path: Path) -> None:
    header = ",".join(dataset("sources").columns)
    odd = tmp_path / "odd.csv"
    odd.write_text(f"\ufeff{header}\na,b,c,d,e,f\n\nshort,row\n  \n,,,,,\n", encoding="utf-8")
    assert frames.read_rows(odd) == parse_rows(odd.read_text(encoding="utf-8-sig"))[1]
    big = tmp_path / "big.csv"
    rows = [{"k": f"clé {i}", "v": TRICKY[i % 8]} for i in range(30_000)]
    big.write_bytes(writer_bytes(["k", "v"], rows))
    assert big.stat().st_size > frames.SMALL_FILE
    read = frames.read_rows(big)
    assert read._rows is None and len(read) == 30_000  # read by Arrow, column-wise
    assert list(read) == parse_rows(big.read_text(encoding="utf-8"))[1]


def test_table_differences_by_key_and_meaning() -> None:
    ds = Dataset(
        "t",
        "t",
        "",
        "t.csv",
        1,
        {
            "fields": [
                {"name": "k", "type": "string"},
                {"name": "n", "type": "number"},
                {"name": "b", "type": "boolean"},
            ],
            "primaryKey": ["k"],
        },
    )
    old = [{"k": "a", "n": "800000", "b": "TRUE"}, {"k": "b", "n": "1"}, {"k": "c", "n": "2"}]
    new = [
        {"k": "a", "n": "800000.00", "b": "true"},  # same meaning
        {"k": "c", "n": "3", "b": ""},
        {"k": "d", "n": "1", "b": "0"},
        {"k": "d", "n": "5", "b": "0"},  # a key twice counts once
    ]
    diff = changes.table_diff(ds, old, new)
    assert (list(diff.added), list(diff.removed), list(diff.changed)) == (["d"], ["b"], ["c"])
    assert diff.describe() == "1 ajoutée(s), 1 supprimée(s), 1 modifiée(s)"
    assert diff.added == ["d"] and diff.added[0] == "d" and not diff.empty
