"""The problems of a refused file in English (`?lang=en`): a bad CSV through the validation,
a bad survey export through the campaign import, a bad promotion sheet, an unreadable
upload; each names file, row(s) and column, numbers written the English way. French stays
the default (the French wording is asserted by test_validation, test_campaign_import…)."""

from __future__ import annotations

from pathlib import Path

import pytest

from eigdata.errors import ImportRefused
from eigdata.i18n import use
from eigdata.ingest.campaign import columns as ec
from eigdata.ingest.campaign import plan_campaign
from eigdata.ingest.detect import Unreadable, read_table
from eigdata.ingest.mapping import mapping_rows
from eigdata.ingest.problems import headline, lines
from eigdata.ingest.promotion import plan_promotion
from eigdata.schemas import dataset
from eigdata.validation import validate_text

HEADER = "promotion,line,amount,status,source_doc,source_section,note\n"
SOURCE = "004_091d441f4f0f9050.txt,Budget,"
KNOWN = {
    ("promotions", "promotion"): {"EIG 1", "EIG 2"},
    ("budget_lines", "line"): {"salaires", "communication"},
    ("sources", "source_doc"): {"004_091d441f4f0f9050.txt"},
}
BAD_BUDGET = HEADER + "".join(
    [
        f"EIG 1,salaires,12x,réalisé,{SOURCE}\n",  # row 2: not a number
        f"EIG 1,communication,12x,realise,{SOURCE}\n",  # row 3: not a number, not allowed
        f"EIG 22,SALAIRE,-5,réalisé,{SOURCE}\n",  # row 4: below 0, two unknown references
        f"EIG 2,salaires,12x,réalisé,{SOURCE}\n",  # row 5: not a number
        f"EIG 1,communication,7,réalisé,{SOURCE}\n",  # row 6: same key as row 3
    ]
)
EXPORT = Path(__file__).parent / "data" / "exports" / "google_forms_eig_2021.csv"
EIG_2021 = {"campaign": "enquete-2021", "title": "Enquête 2021", "year": 2021, "invited": 30}
STAY = "intention_admin_apres"
STAY_HEADER = "Après votre défi, souhaitez-vous continuer à travailler dans l’administration"
ERRORS_SHEET = Path(__file__).parent / "data" / "rosters" / "eig5-erreurs.csv"


def budget_problems(text: str, known: dict = KNOWN) -> list:
    return validate_text("pia_budget.csv", text, dataset("pia_budget"), known)[1]


def test_a_bad_csv_names_file_row_and_column_in_english(english: None) -> None:
    found = budget_problems(BAD_BUDGET)
    assert [str(p) for p in found] == [
        "file pia_budget.csv, row 2, column “amount”: “12x” is not a number (decimal point)",
        "file pia_budget.csv, row 3, column “amount”: “12x” is not a number (decimal point)",
        "file pia_budget.csv, row 3, column “status”: “realise” is not an allowed value "
        "(“réalisé”, “prévisionnel”); closest value: “réalisé”",
        "file pia_budget.csv, row 4, column “amount”: “-5” is below the allowed minimum (0)",
        "file pia_budget.csv, row 4, column “line”: “SALAIRE” does not exist in "
        "budget_lines.csv (column line); closest value: “salaires”",
        "file pia_budget.csv, row 4, column “promotion”: “EIG 22” does not exist in "
        "promotions.csv (column promotion); closest value: “EIG 2”",
        "file pia_budget.csv, row 5, column “amount”: “12x” is not a number (decimal point)",
        "file pia_budget.csv, row 6: duplicate value for the key (promotion, line)",
    ]
    assert [p.code for p in found] == [
        "type",
        "type",
        "contrainte",
        "contrainte",
        "reference-inconnue",
        "reference-inconnue",
        "type",
        "doublon",
    ]
    assert headline(found) == "6 distinct problem(s) on 5 row(s)"
    assert lines(found)[0] == (
        "file pia_budget.csv, column “amount”: “12x” is not a number (decimal point) "
        "— rows 2, 3 and 5 (3 rows)"
    )
    assert lines(found)[-1] == (
        "file pia_budget.csv: duplicate value for the key (promotion, line) — row 6"
    )


def test_french_is_back_once_the_run_is_french_again(english: None) -> None:
    use("fr")
    first = budget_problems(BAD_BUDGET)[0]
    assert str(first) == (
        "fichier pia_budget.csv, ligne 2, colonne « amount » : "
        "« 12x » n'est pas un nombre (point décimal)"
    )


def test_header_problems_and_the_cap_note_in_english(english: None) -> None:
    renamed = HEADER.replace("amount", "montant") + f"EIG 1,salaires,10,réalisé,{SOURCE}\n"
    assert [str(p) for p in budget_problems(renamed)] == [
        "file pia_budget.csv, row 1, column “amount”: missing column",
        "file pia_budget.csv, row 1, column “montant”: unknown column; did you mean “amount”?",
    ]
    many = HEADER + "".join(f"EIG 1,line{i},x,réalisé,{SOURCE}\n" for i in range(1001))
    found = budget_problems(many, {("sources", "source_doc"): {"004_091d441f4f0f9050.txt"}})
    assert len(found) == 1000
    assert str(found[-1]) == (
        "file pia_budget.csv, row 1001, column “amount”: “x” is not a number (decimal point) "
        "(1,001 problems of this kind in this column; only the first 1,000 are listed)"
    )


def bad_export() -> bytes:
    """The Google Forms export with an unknown cohort (10 rows), profile (4) and answer (3)."""
    raw = EXPORT.read_bytes().replace(b",EIG 3,", b",EIG 33,")
    raw = raw.replace("Développeur·se".encode(), b"Dev ops")
    return raw.replace(b'Non,Oui,"Dans', 'Non,Plutôt oui,"Dans'.encode())


def test_a_bad_survey_export_names_file_rows_and_column_in_english(
    english: None, fresh_data: Path
) -> None:
    got = plan_campaign(fresh_data, EXPORT.name, bad_export(), questionnaire="eig", **EIG_2021)
    assert [(p.row, p.column, p.code) for p in got.problems] == [
        (None, STAY_HEADER, "reponse-inconnue"),
        (None, "Promotion", "promotion-inconnue"),
        (None, "Profil", "profil-inconnu"),
    ]
    question = got.targets[STAY]  # the wording the plan shows for the question
    assert [str(p) for p in got.problems] == [
        f"file google_forms_eig_2021.csv, column “{STAY_HEADER}”: “Plutôt oui” is not a "
        f"possible answer to the question “{question}” — rows 2, 3 and 13 (3 rows); allowed "
        "answers: “Yes”, “No”, “Don't know”",
        "file google_forms_eig_2021.csv, column “Promotion”: unknown cohort “EIG 33” "
        "— rows 2 to 11 (10 rows); closest value: “EIG class 3”",
        "file google_forms_eig_2021.csv, column “Profil”: unknown profile “Dev ops” "
        "— rows 5, 9, 15 and 20 (4 rows); closest value: “Developer”",
    ]
    assert headline(got.problems) == "3 distinct problem(s)"
    assert got.detection is not None
    assert got.detection.describe() == (
        "CSV, encoding UTF-8, delimiter comma “,”, decimal point, line endings LF"
    )
    shown = {c.name: (c.shown_how(), c.shown_target(got.targets)) for c in got.columns}
    assert shown["Horodateur"] == ("technical column (Google Forms)", "ignored (technical column)")
    assert shown["Adresse e-mail"] == ("personal data", "dropped, never stored (personal data)")
    assert shown["Promotion"] == ("attribute", "attribute: Cohort")
    assert next(c for c in got.columns if c.name == "Promotion").how == ec.HOW_ATTRIBUTE


def test_campaign_settings_are_refused_in_english(english: None, fresh_data: Path) -> None:
    got = plan_campaign(
        fresh_data,
        "x.csv",
        EXPORT.read_bytes(),
        campaign="Enquête 2021",
        title="",
        year=2010,
        questionnaire="eig",
        invited=-1,
        export_date="30/06/2021",
        promotion="EIG 9",
    )
    assert [str(p) for p in got.problems][:6] == [
        "file x.csv: invalid campaign code “enquête 2021”: lower-case letters, digits and "
        "hyphens only (e.g. enquete-2021)",
        "file x.csv: title of the new campaign missing",
        "file x.csv: year of the new campaign missing or invalid (2016 or later)",
        "file x.csv: negative number of people invited (-1)",
        "file x.csv: invalid export date “30/06/2021” (YYYY-MM-DD)",
        "file x.csv: unknown cohort “EIG 9”",
    ]


def test_a_bad_promotion_sheet_names_rows_and_columns_in_english(
    english: None, fresh_data: Path
) -> None:
    found = plan_promotion(
        fresh_data, ERRORS_SHEET.name, ERRORS_SHEET.read_bytes(), promotion="EIG 5", year=2021
    )
    assert [str(p) for p in found.problems] == [
        "file eig5-erreurs.csv, column “Projet”: required value missing — rows 8 and 9 (2 rows)",
        "file eig5-erreurs.csv, column “Nom”: required value missing — row 12",
        "file eig5-erreurs.csv, column “Profile”: the same EIG has two different profiles "
        "(“Développeuse”, “Data Scientist”) — rows 2 and 22 (2 rows)",
        "file eig5-erreurs.csv, column “Administration d'accueil”: the challenge “Eau claire” "
        "is attached to two administrations (“Agence de l'eau Seine-Normandie”, “Agence de "
        "l'eau Loire-Bretagne”) — rows 15 to 18 and 22 (5 rows)",
    ]


def test_unreadable_uploads_are_refused_in_english(english: None) -> None:
    with pytest.raises(Unreadable) as pdf:
        read_table("budget.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    assert str(pdf.value.problem) == (
        "file budget.pdf: this file is a PDF document, not a table; save it as CSV "
        "(delimiter “;” or “,”) or as an Excel .xlsx workbook"
    )
    with pytest.raises(Unreadable) as header_only:
        read_table("vide.csv", "promotion;année\r\n".encode("cp1252"))
    assert str(header_only.value.problem) == (
        "file vide.csv: the file holds only the header row, no data"
    )
    table = read_table("budget.csv", "dépense;montant\r\nsalaires;1 234,5\r\n".encode("cp1252"))
    assert table.detection.describe() == (
        "CSV, encoding Windows-1252 (Latin-1), delimiter semicolon “;”, decimal point, "
        "line endings CRLF"
    )
    with pytest.raises(ImportRefused) as refused:
        mapping_rows(b"entete,cible\nA,B\n", "correspondance.csv")
    assert str(refused.value) == (
        "Mapping file correspondance.csv: the columns “colonne” and “question” are required "
        "(and, for answers, “valeur” and “reponse”)."
    )
