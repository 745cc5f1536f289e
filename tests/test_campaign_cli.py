"""`python -m eigdata import-survey` and `delete-survey`: exit codes, what they print, --yes."""

from __future__ import annotations

from pathlib import Path

import pytest

from eigdata import survey
from eigdata.__main__ import main
from eigdata.storage import journal
from eigdata.storage.store import connect, ensure_database

EXPORTS = Path(__file__).parent / "data" / "exports"
CODES = EXPORTS / "limesurvey_codes.csv"
MAPPING = EXPORTS / "correspondance_limesurvey_codes.csv"
NEW = ["--campaign", "enquete-2023", "--title", "Enquête 2023", "--year", "2023"]


def run(capsys: pytest.CaptureFixture, data: Path, *args: str) -> tuple[int, str, str]:
    code = main([*args, "--data", str(data), "--user", "Ana"])
    out, err = capsys.readouterr()
    return code, out, err


def test_unmatched_column_stops_with_the_list_to_map(
    fresh_data: Path, capsys: pytest.CaptureFixture
) -> None:
    args = ["import-survey", str(CODES), *NEW, "--questionnaire", "eig"]
    code, out, err = run(capsys, fresh_data, *args)
    assert code == 1
    assert (
        "Détecté : CSV, encodage UTF-8, séparateur virgule « , », décimale point, fins de "
        "ligne LF ; outil : LimeSurvey\n"
    ) in out
    email = "  « email » → écartée, jamais enregistrée (donnée personnelle) (donnée personnelle)"
    assert email in out.splitlines()
    assert out.endswith(
        "Colonnes à associer (fichier --mapping, colonnes colonne,question) :\n"
        "  commentaire_libre\n"
    )
    assert "1 colonne(s) non reconnue(s) : « commentaire_libre »" in err
    assert not (fresh_data / "versions").exists()


def test_preview_then_yes_stores_and_delete(
    fresh_data: Path, capsys: pytest.CaptureFixture
) -> None:
    args = ["import-survey", str(CODES), *NEW, "--questionnaire", "eig", "--mapping", str(MAPPING)]
    code, out, _ = run(capsys, fresh_data, *args, "--invited", "16")
    assert code == 0
    assert "  « commentaire_libre » → ignorée (choisi par l'analyste)" in out
    assert "Répondants retenus : 12\nTaux de réponse : 75 % (12 sur 16 invités)\n" in out
    assert (
        "  Souhaitent rester dans l'administration après : 67 % (IC 95 % : 39 % à 86 % ; "
        "8 sur 12 répondants)\n"
    ) in out
    assert "  Enquête 2019 — promotions 1 et 2 : 34 répondants, inchangée\n" in out
    assert out.endswith("Aperçu seulement : relancez avec --yes pour enregistrer.\n")
    assert not (fresh_data / "versions").exists()

    code, out, _ = run(capsys, fresh_data, *args, "--invited", "16", "--yes")
    assert code == 0
    assert out.endswith(
        "Import n° 1 enregistré (campagne enquete-2023 (EIG)) : « survey_campaigns » version 1, "
        "« sources » version 1, « survey_responses » version 1.\n"
        "Numéro de l'import : 1 (pour l'annuler : python -m eigdata undo 1)\n"
    )
    con = connect(ensure_database(fresh_data))
    try:
        got = survey.share(con, "enquete-2023", "intention_admin_apres", ["oui"])
    finally:
        con.close()
    assert (got.numerator, got.denominator) == (8, 12)

    code, _, err = run(capsys, fresh_data, *args)
    assert code == 1
    assert "a déjà 12 répondant(s) (EIG) : choisissez « remplacer »" in err

    code, out, _ = run(capsys, fresh_data, "delete-survey", "--campaign", "ENQUETE-2023")
    assert (code, out.splitlines()[0]) == (0, "Suppression : campagne enquete-2023")
    assert "  survey_responses : 0 ajoutée(s), 60 supprimée(s), 0 modifiée(s)" in out
    code, out, _ = run(capsys, fresh_data, "delete-survey", "--campaign", "enquete-2023", "--yes")
    assert code == 0
    assert out.splitlines()[-2:] == [
        "Suppression enregistrée (campagne enquete-2023).",
        "Numéro de l'import : 2 (pour l'annuler : python -m eigdata undo 2)",
    ]
    log = journal.history(fresh_data)
    assert log[["action", "change"]].drop_duplicates().values.tolist() == [
        ["import-campagne", "1"],
        ["suppression-campagne", "2"],
    ]


def test_delete_refused_for_the_published_2019_campaign(
    fresh_data: Path, capsys: pytest.CaptureFixture
) -> None:
    code, out, err = run(capsys, fresh_data, "delete-survey", "--campaign", "enquete-2019")
    assert (code, out) == (1, "")
    assert (
        "la campagne « enquete-2019 » ne peut pas être supprimée : 26 taux publiés "
        "(survey_published_figures) s'appuient sur ses réponses"
    ) in err


def test_limesurvey_export_with_promotion_and_incomplete_option(
    fresh_data: Path, capsys: pytest.CaptureFixture
) -> None:
    export = EXPORTS / "limesurvey_texte_excel_fr.csv"
    args = ["import-survey", str(export), "--campaign", "enquete-2022", "--title", "Enquête 2022"]
    args += ["--year", "2022", "--questionnaire", "eig", "--promotion", "EIG 4"]
    options = ["--include-incomplete", "--export-date", "2022-09-30"]
    code, out, _ = run(capsys, fresh_data, *args, *options)
    assert code == 0
    assert "Répondants retenus : 18\nRéponses incomplètes incluses : 2\n" in out
    code, out, err = run(capsys, fresh_data, *args[:-2])  # without --promotion
    assert code == 1
    assert "aucune colonne « Promotion » dans le fichier" in err
