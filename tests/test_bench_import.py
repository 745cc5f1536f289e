"""The season import benchmark (bench/season_import.py) on a 300-row LimeSurvey export."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from bench import generate, season_import
from eigdata.ingest import changes
from eigdata.storage.store import DATA_DIR


def test_import_measures_at_300_rows(fresh_data: Path, tmp_path: Path) -> None:
    export = tmp_path / "export-limesurvey.csv"
    spec = generate.survey_export(export, 300)
    before = changes.current_tables(fresh_data)["survey_responses"]
    start = time.perf_counter()
    speed, memory, preview = season_import.measure(export, spec, fresh_data)
    assert time.perf_counter() - start < 40

    assert (speed.part, speed.name, speed.unit, speed.baseline_name, speed.target) == (
        "import",
        "import de 300 répondants",
        "s",
        "read_csv + melt",
        3.0,
    )
    assert speed.value > 0 and speed.baseline > 0 and speed.at_most
    assert spec.complete == 291  # 9 rows without a submit date are left out
    assert "291 répondants enregistrés sur 300 lignes" in speed.detail
    assert "médiane de 3 lectures read_csv + melt" in speed.detail

    assert (memory.name, memory.unit, memory.baseline_name, memory.target) == (
        "mémoire de pointe de l'import",
        "Mio",
        "taille du fichier",
        5.0,
    )
    assert memory.value > 0
    assert memory.baseline == pytest.approx(export.stat().st_size / 2**20)
    assert "avant la lecture du fichier" in memory.detail

    assert preview.name == "aperçu seul (plan) de 300 répondants" and preview.target is None
    assert 0 < preview.value < speed.value and preview.baseline == speed.baseline
    assert changes.current_tables(fresh_data)["survey_responses"] == before  # a copy imported


def test_question_headers_are_the_columns_the_import_reads_as_questions(tmp_path: Path) -> None:
    export = tmp_path / "export.csv"
    spec = generate.survey_export(export, 20)
    headers = season_import.question_headers(export, spec, DATA_DIR)
    assert len(headers) == 15
    assert headers[0] == (
        "Avant le programme, envisagiez-vous de travailler (ou de continuer à travailler) "
        "dans l'administration ?"
    )
    assert "Adresse courriel" not in headers and "Profil" not in headers
