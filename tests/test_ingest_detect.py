"""Reading uploads as people make them (eigdata.sniff), without any data directory."""

from __future__ import annotations

import pytest

from eigdata.ingest.detect import (
    Unreadable,
    conform,
    fold,
    match_header,
    normalise_number,
    normalise_value,
    read_table,
)
from eigdata.schemas import Dataset

SURVEY = Dataset(
    "test_survey",
    "Enquête test",
    "",
    "test_survey.csv",
    99,
    {
        "fields": [
            {"name": "respondent_id", "type": "string", "title": "Identifiant du répondant"},
            {"name": "recommend", "type": "string", "constraints": {"enum": ["oui", "non"]}},
            {"name": "status", "type": "string", "constraints": {"enum": ["réalisé", "prévu"]}},
            {"name": "happy", "type": "boolean"},
            {"name": "answered_on", "type": "date"},
            {"name": "amount", "type": "number"},
            {"name": "sort_order", "type": "integer"},
        ],
        "primaryKey": ["respondent_id"],
    },
)


@pytest.mark.parametrize(
    ("text", "decimal", "expected"),
    [
        ("1 234 567,89", ",", "1234567.89"),
        ("1\u00a0234\u00a0567,89", ",", "1234567.89"),
        ("1\u202f234,5", ",", "1234.5"),
        ("1.234.567,89", ",", "1234567.89"),
        ("-12,5", ",", "-12.5"),
        ("+3", ".", "3"),
        ("12 €", ",", "12"),
        ("2\u202f500\u202f000.5", ".", "2500000.5"),
        ("1,2,3", ",", "1,2,3"),
        ("abc", ".", "abc"),
        ("=SUM(A1)", ",", "=SUM(A1)"),
    ],
)
def test_normalise_number(text: str, decimal: str, expected: str) -> None:
    assert normalise_number(text, decimal) == expected


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        ("recommend", "oui", "oui"),
        ("recommend", "Oui", "oui"),
        ("recommend", "OUI", "oui"),
        ("recommend", " non ", "non"),
        ("recommend", "peut-être", "peut-être"),
        ("status", "realise", "réalisé"),
        ("status", "RÉALISÉ", "réalisé"),
        ("status", "Prévu", "prévu"),
        ("happy", "VRAI", "true"),
        ("happy", "Non", "false"),
        ("answered_on", "22/11/2026", "2026-11-22"),
        ("answered_on", "2026-11-22", "2026-11-22"),
        ("respondent_id", "  R-01  ", "R-01"),
        ("respondent_id", "<script>x</script>", "<script>x</script>"),
    ],
)
def test_normalise_value(column: str, value: str, expected: str) -> None:
    assert normalise_value(value, SURVEY.field(column), ",") == expected


def test_fold_ignores_case_accents_and_separators() -> None:
    assert fold("  Réalisé ") == fold("REALISE") == "realise"
    assert fold("sort-order") == fold("Sort Order") == "sort_order"


def test_headers_match_names_titles_and_aliases() -> None:
    assert match_header(" Sort-Order ", SURVEY) == "sort_order"
    assert match_header("\ufeffrespondent_id", SURVEY) == "respondent_id"
    assert match_header("identifiant du repondant", SURVEY) == "respondent_id"
    aliases = {"Recommanderiez-vous le programme ?": "recommend"}
    assert match_header("Recommanderiez-vous le programme ?", SURVEY, aliases) == "recommend"
    assert match_header("autre chose", SURVEY) == "autre chose"


def test_french_excel_csv_is_detected_and_conformed() -> None:
    raw = (
        "Identifiant du répondant;Recommend;status;happy;answered_on;amount;sort_order;;\r\n"
        "R-01;OUI;Realise;vrai;22/11/2026;1\u00a0234,5;1\u00a0000;;\r\n"
        ";;;;;;;;\r\n"
        "R-02;non;prévu;FAUX;01/02/2026;-3,25\r\n"
    ).encode("cp1252")
    table, problems = conform("f.csv", read_table("f.csv", raw), SURVEY)
    assert problems == []
    assert table.detection.describe() == (
        "CSV, encodage Windows-1252 (Latin-1), séparateur point-virgule « ; », "
        "décimale virgule, fins de ligne CRLF"
    )
    assert table.header == SURVEY.columns
    assert table.rows == [
        ["R-01", "oui", "réalisé", "true", "2026-11-22", "1234.5", "1000"],
        ["R-02", "non", "prévu", "false", "2026-02-01", "-3.25", ""],
    ]
    assert table.row_numbers == [2, 4]


def test_semicolon_file_with_dot_decimals_keeps_dots() -> None:
    raw = b"respondent_id;amount\nR-01;12.5\nR-02;3\n"
    table, _ = conform("f.csv", read_table("f.csv", raw), SURVEY)
    assert table.detection.decimal == "."
    assert [r[1] for r in table.rows] == ["12.5", "3"]


def test_tab_separated_utf16_export() -> None:
    raw = "respondent_id\tamount\r\nR-01\t1 234,5\r\n".encode("utf-16")
    table, _ = conform("f.txt", read_table("f.txt", raw), SURVEY)
    assert (table.detection.encoding, table.detection.delimiter) == ("utf-16", "\t")
    assert table.rows == [["R-01", "1234.5"]]


def test_comma_file_with_semicolons_inside_quotes() -> None:
    raw = 'respondent_id,amount,status\nR-01,"1,5",prévu\nR-02,2,"a;b;c"\n'.encode()
    table = read_table("f.csv", raw)
    assert table.detection.delimiter == ","
    assert table.rows[1] == ["R-02", "2", "a;b;c"]


def test_quoted_newlines_keep_spreadsheet_row_numbers() -> None:
    raw = b'respondent_id,amount\r\n"R-\r\n01",1\r\nR-02,2\r\n'
    table = read_table("f.csv", raw)
    assert table.rows[0][0] == "R-\r\n01"
    assert table.row_numbers == [2, 3]
    conformed, _ = conform("f.csv", table, SURVEY)
    assert conformed.rows[0][0] == "R-\n01"


def test_mixed_encoding_is_located() -> None:
    raw = "a,b\nR-01,réalisé\n".encode() + "R-02,réalisé\n".encode("cp1252")
    with pytest.raises(Unreadable) as error:
        read_table("f.csv", raw)
    assert error.value.problem.row == 3
    assert error.value.problem.code == "encodage"


def test_plain_cp1252_is_not_taken_for_mixed() -> None:
    raw = "a;b\nR-01;Réalisé à 100 € « oui »\n".encode("cp1252")
    table = read_table("f.csv", raw)
    assert table.detection.encoding == "cp1252"
    assert table.rows == [["R-01", "Réalisé à 100 € « oui »"]]


def test_utf8_bom_is_removed_from_first_header() -> None:
    table = read_table("f.csv", "\ufeffrespondent_id,amount\nR-01,1\n".encode())
    assert table.header == ["respondent_id", "amount"]
    assert table.detection.encoding == "utf-8-sig"


def test_cell_too_long_is_reported_with_its_column() -> None:
    raw = ("respondent_id,amount\nR-01," + "9" * 10_001 + "\n").encode()
    _, problems = conform("f.csv", read_table("f.csv", raw), SURVEY)
    assert [str(p) for p in problems] == [
        "fichier f.csv, ligne 2, colonne « amount » : cellule trop longue (plus de "
        "10\u202f000 caractères) : guillemet non fermé ?"
    ]
