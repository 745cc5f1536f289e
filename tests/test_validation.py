"""Bad CSVs stop the build with a French message naming file, row and column."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from eigdata.errors import ValidationFailed, user_message
from eigdata.schemas import dataset
from eigdata.storage.store import build_database
from eigdata.validation import validate_text

HEADER = "promotion,line,amount,status,source_doc,source_section,note\n"
SOURCE = "004_091d441f4f0f9050.txt,Budget,"
KNOWN = {
    ("promotions", "promotion"): {"EIG 1", "EIG 2"},
    ("budget_lines", "line"): {"salaires", "communication"},
    ("sources", "source_doc"): {"004_091d441f4f0f9050.txt"},
}


def problems_of(text: str) -> list[str]:
    _, problems = validate_text("pia_budget.csv", text, dataset("pia_budget"), KNOWN)
    return [str(p) for p in problems]


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        (
            f"EIG 1,salaires,12x,réalisé,{SOURCE}\n",
            "fichier pia_budget.csv, ligne 2, colonne « amount » : "
            "« 12x » n'est pas un nombre (point décimal)",
        ),
        (
            f"EIG 1,salaires,10,realise,{SOURCE}\n",
            "fichier pia_budget.csv, ligne 2, colonne « status » : « realise » n'est pas une "
            "valeur autorisée (« réalisé », « prévisionnel ») ; "
            "valeur la plus proche : « réalisé »",
        ),
        (
            f"EIG 1,salaires,,réalisé,{SOURCE}\n",
            "fichier pia_budget.csv, ligne 2, colonne « amount » : valeur obligatoire manquante",
        ),
        (
            f"EIG 1,salaires,-5,réalisé,{SOURCE}\n",
            "fichier pia_budget.csv, ligne 2, colonne « amount » : "
            "« -5 » est inférieur au minimum autorisé (0)",
        ),
        (
            f"EIG 22,salaires,10,réalisé,{SOURCE}\n",
            "fichier pia_budget.csv, ligne 2, colonne « promotion » : « EIG 22 » n'existe pas "
            "dans promotions.csv (colonne promotion) ; valeur la plus proche : « EIG 2 »",
        ),
        (
            f"EIG 1,SALAIRE,10,réalisé,{SOURCE}\n",
            "fichier pia_budget.csv, ligne 2, colonne « line » : « SALAIRE » n'existe pas dans "
            "budget_lines.csv (colonne line) ; valeur la plus proche : « salaires »",
        ),
        (
            f"EIG 1,salaires,10,réalisé,{SOURCE}\nEIG 1,salaires,11,réalisé,{SOURCE}\n",
            "fichier pia_budget.csv, ligne 3 : valeur en double pour la clé (promotion, line)",
        ),
    ],
)
def test_cell_problems(rows: str, expected: str) -> None:
    assert problems_of(HEADER + rows) == [expected]


def test_unknown_and_missing_columns() -> None:
    text = HEADER.replace("amount", "montant") + f"EIG 1,salaires,10,réalisé,{SOURCE}\n"
    found = problems_of(text)
    assert "fichier pia_budget.csv, ligne 1, colonne « amount » : colonne manquante" in found
    assert (
        "fichier pia_budget.csv, ligne 1, colonne « montant » : colonne inconnue ; "
        "vouliez-vous dire « amount » ?"
    ) in found


def test_empty_file() -> None:
    assert problems_of("") == ["fichier pia_budget.csv : le fichier est vide"]


def test_valid_rows_have_no_problem() -> None:
    assert problems_of(HEADER + f"EIG 2,communication,74209,réalisé,{SOURCE}\n") == []


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_wrong_column_stops_build_and_keeps_previous_database(fresh_data: Path) -> None:
    db = build_database(fresh_data)
    before = _digest(db)
    budget = fresh_data / "pia_budget.csv"
    budget.write_text(
        budget.read_text(encoding="utf-8").replace(
            "promotion,line,amount", "promotion,ligne,amount"
        ),
        encoding="utf-8",
    )
    with pytest.raises(ValidationFailed) as caught:
        build_database(fresh_data)
    assert user_message(caught.value) == (
        "2 problème(s) distinct(s) sur 1 ligne(s) ; rien n'a été modifié.\n"
        "- fichier pia_budget.csv, colonne « ligne » : colonne inconnue ; "
        "vouliez-vous dire « line » ? — ligne 1\n"
        "- fichier pia_budget.csv, colonne « line » : colonne manquante — ligne 1"
    )
    assert _digest(db) == before
    assert not list(fresh_data.glob(".*.tmp"))


def test_non_utf8_file_is_reported(fresh_data: Path) -> None:
    (fresh_data / "sources.csv").write_bytes("source_doc\nRéunion\n".encode("cp1252"))
    with pytest.raises(ValidationFailed) as caught:
        build_database(fresh_data)
    assert str(caught.value.problems[0]).startswith(
        "fichier sources.csv : le fichier n'est pas en UTF-8"
    )


def test_missing_file_is_reported(fresh_data: Path) -> None:
    stored = (fresh_data / "eig.duckdb").read_bytes()
    (fresh_data / "profiles.csv").unlink()
    with pytest.raises(ValidationFailed) as caught:
        build_database(fresh_data)
    assert "fichier profiles.csv : fichier absent" in [str(p) for p in caught.value.problems]
    assert (fresh_data / "eig.duckdb").read_bytes() == stored  # the last good build stays
