"""Analyst import (issue 5, library part): bad corpus, real-world good files, versions."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from eigdata.__main__ import main
from eigdata.errors import ImportRefused, ValidationFailed, user_message
from eigdata.ingest import apply_import, plan_import, rollback
from eigdata.ingest.problems import lines
from eigdata.schemas import datasets
from eigdata.storage import versions
from eigdata.storage.journal import history
from eigdata.storage.store import DATA_DIR, connect, default_db_path, ensure_database

HERE = Path(__file__).parent / "data"
BAD = HERE / "bad"
GOOD = HERE / "good"
EXPECTED = json.loads((BAD / "expected.json").read_text(encoding="utf-8"))
FRENCH = GOOD / "pia_budget_excel_fr.csv"


def tree_hashes(folder: Path) -> dict[str, str]:
    """sha256 of every file under a folder (data CSVs, versions, the database)."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def query(data_dir: Path, sql: str, params: list | None = None) -> list[tuple]:
    """Rows of a test query on the (re)built database of a data directory."""
    con = connect(ensure_database(data_dir))
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of data/ with its database, shared by the bad-file tests (never changed)."""
    target = tmp_path_factory.mktemp("bad-data")
    for path in DATA_DIR.glob("*.csv"):
        shutil.copy(path, target / path.name)
    ensure_database(target)
    return target


@pytest.fixture
def data(fresh_data: Path) -> Iterator[Path]:
    """A writable copy of data/ with its database built."""
    ensure_database(fresh_data)
    yield fresh_data


def test_corpus_has_one_expectation_per_file() -> None:
    files = {p.name for p in BAD.iterdir() if p.name not in {"expected.json"}}
    assert files == set(EXPECTED)
    assert len(files) >= 25


@pytest.mark.parametrize("path", sorted(p for p in BAD.iterdir() if p.name != "expected.json"))
def test_bad_file_is_refused_with_exact_message_and_nothing_changes(
    path: Path, built: Path
) -> None:
    expected = EXPECTED[path.name]
    before = tree_hashes(built)
    plan = plan_import(
        built,
        expected["dataset"],
        path.name,
        path.read_bytes(),
        max_bytes=expected.get("max_bytes"),
    )
    assert [str(p) for p in plan.problems] == expected["messages"]
    assert lines(plan.problems) == expected["lines"]
    assert not plan.ok
    with pytest.raises(ValidationFailed) as refused:
        apply_import(plan, "analyste")
    head, *shown = user_message(refused.value).split("\n")
    assert head.startswith(f"{len(expected['lines'])} problème(s) distinct(s)")
    assert head.endswith(" ; rien n'a été modifié.")
    assert shown == [f"- {line}" for line in expected["lines"]]
    assert tree_hashes(built) == before


def test_unknown_promotion_is_listed_for_the_page(built: Path) -> None:
    path = BAD / "17_unknown_promotion.csv"
    plan = plan_import(built, "pia_budget", path.name, path.read_bytes())
    assert plan.unknown_promotions == ["EIG 9"]


def test_size_limit_from_environment(built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EIGDATA_MAX_UPLOAD_MB", "0.001")
    raw = FRENCH.read_bytes()
    plan = plan_import(built, "pia_budget", "gros.csv", raw)
    size = f"{len(raw) / 1024:.1f}".replace(".", ",")
    assert [str(p) for p in plan.problems] == [
        f"fichier gros.csv : le fichier est trop gros ({size} Ko) ; la taille maximale est 1,0 Ko"
    ]


def test_french_excel_budget_imports_new_line(data: Path) -> None:
    plan = plan_import(data, "pia_budget", FRENCH.name, FRENCH.read_bytes())
    assert plan.problems == []
    assert plan.detection.describe() == (
        "CSV, encodage Windows-1252 (Latin-1), séparateur point-virgule « ; », "
        "décimale virgule, fins de ligne CRLF"
    )
    assert (plan.added, plan.removed, plan.changed) == (["EIG 4 / salaires"], [], [])
    assert plan.promotions_created == ["EIG 4"]
    assert plan.base_version == 0
    assert query(data, "SELECT count(*) FROM pia_budget WHERE promotion = 'EIG 4'") == [(0,)]

    result = apply_import(plan, "Ana Lyste")
    assert (result.version, result.changed) == (1, True)
    assert result.message == (
        "Import enregistré : « pia_budget » version 1 (16 ligne(s) : 1 ajoutée(s), "
        "0 supprimée(s), 0 modifiée(s))."
    )
    rows = query(
        data,
        "SELECT amount, status, note FROM pia_budget WHERE promotion = ? AND line = ?",
        ["EIG 4", "salaires"],
    )
    assert [(str(a), s, n) for a, s, n in rows] == [("1234567.89", "prévisionnel", "ajout")]
    assert query(
        data,
        "SELECT amount, status FROM pia_budget WHERE promotion = 'EIG 1' AND line = 'salaires'",
    ) == [(Decimal("756553.38"), "réalisé")]
    stored = versions.version_file(data, "pia_budget", 1).read_text(encoding="utf-8")
    assert stored.startswith("promotion,line,amount,status,source_doc,source_section,note\n")
    assert "EIG 1,enveloppe_pia,800000.00,réalisé," in stored
    assert "EIG 4,salaires,1234567.89,prévisionnel," in stored
    raw = versions.raw_file(data, plan.checksum, "csv")
    assert raw.read_bytes() == FRENCH.read_bytes()
    assert plan.checksum == hashlib.sha256(FRENCH.read_bytes()).hexdigest()
    assert json.loads((data / "versions" / "active.json").read_text()) == {"pia_budget": 1}
    audit = history(data)
    assert audit[["who", "action", "dataset", "version", "file_name", "rows"]].to_dict(
        "records"
    ) == [
        {
            "who": "Ana Lyste",
            "action": "import",
            "dataset": "pia_budget",
            "version": 1,
            "file_name": FRENCH.name,
            "rows": 16,
        }
    ]
    assert audit["checksum"].tolist() == [plan.checksum]
    assert audit["when"][0].endswith("+00:00")
    assert (data / "pia_budget.csv").read_bytes() == (DATA_DIR / "pia_budget.csv").read_bytes()


def test_reupload_of_same_file_changes_nothing(data: Path) -> None:
    apply_import(plan_import(data, "pia_budget", FRENCH.name, FRENCH.read_bytes()), "ana")
    before = tree_hashes(data)
    again = plan_import(data, "pia_budget", "copie.csv", FRENCH.read_bytes())
    assert again.identical and again.changes_nothing
    assert again.summary() == (
        "Fichier identique à la version active (même empreinte) : rien ne changera."
    )
    result = apply_import(again, "ana")
    assert (result.changed, result.version) == (False, 1)
    assert tree_hashes(data) == before
    assert len(history(data)) == 1


def test_same_content_in_other_bytes_changes_nothing(data: Path) -> None:
    crlf = (DATA_DIR / "pia_budget.csv").read_bytes().replace(b"\n", b"\r\n")
    plan = plan_import(data, "pia_budget", "pia_budget.csv", crlf)
    assert not plan.identical and plan.changes_nothing
    before = tree_hashes(data)
    assert apply_import(plan, "ana").changed is False
    assert tree_hashes(data) == before


def test_rollback_restores_previous_values_and_is_audited(data: Path) -> None:
    original = query(data, "SELECT * FROM pia_budget ORDER BY ALL")
    bom = GOOD / "pia_budget_utf8_bom.csv"
    first = plan_import(data, "pia_budget", bom.name, bom.read_bytes())
    assert first.detection.encoding == "utf-8-sig"
    assert (first.detection.delimiter, first.detection.decimal) == (",", ".")
    assert len(first.removed) == 13  # an import replaces the whole table
    apply_import(first, "ana")
    assert query(data, "SELECT count(*) FROM pia_budget") == [(3,)]
    assert query(data, "SELECT amount FROM pia_budget WHERE promotion = 'EIG 4'") == [
        (Decimal("2500000.50"),)
    ]
    apply_import(plan_import(data, "pia_budget", FRENCH.name, FRENCH.read_bytes()), "ana")
    assert query(data, "SELECT count(*) FROM pia_budget") == [(16,)]

    result = rollback(data, "pia_budget", 1, "bob")
    assert result.message == "« pia_budget » revient à la version 1 (retour en arrière enregistré)."
    assert query(data, "SELECT count(*) FROM pia_budget") == [(3,)]
    rollback(data, "pia_budget", 0, "bob")
    assert query(data, "SELECT * FROM pia_budget ORDER BY ALL") == original
    audit = history(data)
    assert audit[["who", "action", "version", "rows"]].values.tolist() == [
        ["ana", "import", 1, 3],
        ["ana", "import", 2, 16],
        ["bob", "rollback", 1, 3],
        ["bob", "rollback", 0, 15],
    ]
    assert audit["file_name"].tolist()[2:] == [bom.name, "pia_budget.csv"]
    # a re-import after rollbacks gets a fresh number; old versions stay on disk
    apply_import(plan_import(data, "pia_budget", FRENCH.name, FRENCH.read_bytes()), "ana")
    assert history(data)["version"].tolist()[-1] == 3
    assert versions.version_file(data, "pia_budget", 1).exists()


def test_rollback_refusals(data: Path) -> None:
    with pytest.raises(ImportRefused, match=r"^La version 0 de « pia_budget » est déjà active\.$"):
        rollback(data, "pia_budget", 0, "bob")
    with pytest.raises(ImportRefused, match=r"^La version 7 de « pia_budget » n'existe pas\.$"):
        rollback(data, "pia_budget", 7, "bob")
    with pytest.raises(ImportRefused, match="Jeu de données inconnu : « budget »"):
        rollback(data, "budget", 1, "bob")


def test_rollback_that_would_break_references_changes_nothing(data: Path) -> None:
    promotions = (DATA_DIR / "promotions.csv").read_text(encoding="utf-8")
    eig5 = "EIG 5,EIG,2021,6,10,2021-09,EIG class 5,002_90e21ba0e165664c.txt,x,\n"
    plan = plan_import(data, "promotions", "promos.csv", (promotions + eig5).encode())
    assert plan.promotions_created == ["EIG 5"]  # adding a promotion is the normal path
    apply_import(plan, "ana")
    eig5_budget = "EIG 5;salaires;10;prévisionnel;004_091d441f4f0f9050.txt;Budget;\r\n"
    budget = FRENCH.read_bytes() + eig5_budget.encode("cp1252")
    apply_import(plan_import(data, "pia_budget", "b.csv", budget), "ana")
    before = tree_hashes(data)
    with pytest.raises(ValidationFailed) as refused:
        rollback(data, "promotions", 0, "bob")
    assert [str(p) for p in refused.value.problems] == [
        "fichier pia_budget.csv, ligne 18, colonne « promotion » : « EIG 5 » n'existe pas dans "
        "promotions.csv (colonne promotion) ; valeur la plus proche : « EIG 4 »"
    ]
    after = tree_hashes(data)
    assert {k: v for k, v in after.items() if k != "versions/.lock"} == {
        k: v for k, v in before.items() if k != "versions/.lock"
    }


def test_removing_a_used_promotion_is_refused(data: Path) -> None:
    lines = (DATA_DIR / "promotions.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    without_dig = "".join(line for line in lines if not line.startswith("DIG,"))
    plan = plan_import(data, "promotions", "promos.csv", without_dig.encode())
    assert plan.problems
    assert {p.code for p in plan.problems} == {"reference-cassee"}
    assert all("« DIG » y est utilisé mais disparaîtrait" in p.message for p in plan.problems)


def test_html_and_formulas_are_stored_as_text(data: Path) -> None:
    path = GOOD / "pia_budget_html_formula.csv"
    plan = plan_import(data, "pia_budget", path.name, path.read_bytes())
    assert plan.problems == []
    apply_import(plan, "ana")
    notes = query(data, "SELECT line, note FROM pia_budget WHERE promotion = 'EIG 4' ORDER BY line")
    assert notes == [
        ("communication", '=HYPERLINK("http://x")'),
        ("salaires", "<script>alert('x')</script><b>gras</b>"),
    ]


def test_xlsx_with_header_case_differences(data: Path) -> None:
    path = GOOD / "pia_budget.xlsx"
    plan = plan_import(data, "pia_budget", path.name, path.read_bytes())
    assert plan.problems == []
    assert plan.detection.describe() == "classeur Excel (.xlsx), première feuille"
    assert plan.rows[0]["amount"] == "1234567.89"
    assert plan.rows[0]["status"] == "prévisionnel"
    assert plan.extension == "xlsx"
    apply_import(plan, "ana")
    assert versions.raw_file(data, plan.checksum, "xlsx").read_bytes() == path.read_bytes()


def test_stale_preview_is_refused(data: Path) -> None:
    first = plan_import(data, "pia_budget", FRENCH.name, FRENCH.read_bytes())
    bom = GOOD / "pia_budget_utf8_bom.csv"
    second = plan_import(data, "pia_budget", bom.name, bom.read_bytes())
    apply_import(first, "ana")
    before = tree_hashes(data)
    with pytest.raises(ImportRefused) as refused:
        apply_import(second, "bob")
    assert str(refused.value) == (
        "« pia_budget » a été modifié par un autre import (version 1) depuis l'aperçu ; "
        "relancez l'import pour voir les nouveaux changements. Rien n'a été modifié."
    )
    assert tree_hashes(data) == before


def test_preview_of_other_dataset_is_replanned(data: Path) -> None:
    promotions = (DATA_DIR / "promotions.csv").read_text(encoding="utf-8")
    eig5 = "EIG 5,EIG,2021,6,10,2021-09,EIG class 5,002_90e21ba0e165664c.txt,x,\n"
    budget = plan_import(data, "pia_budget", FRENCH.name, FRENCH.read_bytes())
    apply_import(plan_import(data, "promotions", "p.csv", (promotions + eig5).encode()), "ana")
    assert apply_import(budget, "bob").version == 1
    assert history(data)["dataset"].tolist() == ["promotions", "pia_budget"]


def test_busy_lock_refuses_with_message(data: Path) -> None:
    plan = plan_import(data, "pia_budget", FRENCH.name, FRENCH.read_bytes())
    with versions.lock(data), pytest.raises(ImportRefused) as refused:
        apply_import(plan, "bob", timeout=0.2)
    assert str(refused.value) == (
        "Un autre import ou retour en arrière est en cours ; réessayez dans un instant. "
        "Rien n'a été modifié."
    )
    assert history(data).empty


def test_unknown_dataset_is_refused(data: Path) -> None:
    with pytest.raises(ImportRefused, match="Jeu de données inconnu : « budjet »"):
        plan_import(data, "budjet", "x.csv", b"a,b\n1,2\n")


def test_database_is_rebuilt_from_active_versions(data: Path) -> None:
    apply_import(plan_import(data, "pia_budget", FRENCH.name, FRENCH.read_bytes()), "ana")
    default_db_path(data).unlink()
    assert query(data, "SELECT count(*) FROM pia_budget WHERE promotion = 'EIG 4'") == [(1,)]
    con = duckdb.connect(str(default_db_path(data)), read_only=True)
    assert con.execute("SELECT count(*) FROM pia_budget").fetchone() == (16,)
    con.close()


def test_cli_preview_then_apply_history_rollback(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = tree_hashes(data)
    assert main(["import", "pia_budget", str(FRENCH), "--data", str(data)]) == 0
    out = capsys.readouterr().out
    assert "Détecté : CSV, encodage Windows-1252 (Latin-1), séparateur point-virgule" in out
    assert "Aperçu seulement : relancez avec --yes pour enregistrer." in out
    assert tree_hashes(data) == before

    assert main(["import", "pia_budget", str(FRENCH), "--data", str(data), "--yes"]) == 0
    assert "Import enregistré : « pia_budget » version 1" in capsys.readouterr().out
    assert main(["history", "--data", str(data)]) == 0
    assert "pia_budget" in capsys.readouterr().out
    assert main(["rollback", "pia_budget", "0", "--data", str(data), "--user", "bob"]) == 0
    assert "revient à la version 0" in capsys.readouterr().out

    bad = BAD / "04_value_not_allowed.csv"
    assert main(["import", "pia_budget", str(bad), "--data", str(data), "--yes"]) == 1
    assert capsys.readouterr().err == (
        "1 problème(s) distinct(s) sur 1 ligne(s) ; rien n'a été modifié.\n"
        f"- {EXPECTED[bad.name]['lines'][0]}\n"
    )


def test_cli_templates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["template", "pia_budget", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "promotion,line,amount,status,source_doc,source_section,note"
    target = tmp_path / "modele.xlsx"
    assert main(["template", "pia_budget", "--format", "xlsx", "--out", str(target)]) == 0
    assert target.read_bytes().startswith(b"PK")


def test_import_history_is_empty_without_versions(tmp_path: Path) -> None:
    assert history(tmp_path).empty
    assert list(history(tmp_path).columns) == versions.AUDIT_COLUMNS


def test_cli_import_shows_problems_of_binary_file(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "photo.csv"
    path.write_bytes((BAD / "11_image_renamed.csv").read_bytes())
    assert main(["import", "pia_budget", str(path), "--data", str(data)]) == 1
    assert "fichier photo.csv : ce fichier est une image PNG" in capsys.readouterr().err


def test_plan_writes_nothing(built: Path) -> None:
    before = tree_hashes(built)
    plan = plan_import(built, "pia_budget", FRENCH.name, FRENCH.read_bytes())
    assert plan.ok
    assert tree_hashes(built) == before
    assert not (built / "versions").exists()


def test_template_round_trip(data: Path) -> None:
    from eigdata.ingest import templates
    from eigdata.ingest.detect import conform, read_table
    from eigdata.schemas import dataset

    ds = dataset("pia_budget")
    for fmt in ("csv", "csv-excel", "xlsx"):
        raw = templates.render("pia_budget", fmt)
        table, problems = conform("m", read_table("m", raw), ds)
        assert problems == []
        assert table.header == ds.columns
        assert table.rows[0][2] == ("2500000" if fmt == "xlsx" else "2500000.00")
    text = templates.render("pia_budget", "txt").decode()
    assert (
        "- status (texte, obligatoire ; valeurs permises : « réalisé », « prévisionnel »)" in text
    )
    assert "L'import REMPLACE tout le contenu de « pia_budget »" in text
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(templates.render("pia_budget", "xlsx")))
    assert book.sheetnames == ["données", "instructions"]
    notes = [row for row in book["instructions"].iter_rows(values_only=True) if row[0]]
    assert notes[0][0] == "Modèle d'import : Budget PIA par promotion (pia_budget)"
    assert notes[-4][:3] == ("status", "texte", "oui")
    assert book["données"].data_validations.dataValidation[0].formula1 == '"réalisé,prévisionnel"'


def test_problems_frame_for_download(built: Path) -> None:
    from eigdata.ingest import problems_frame

    path = BAD / "29_french_excel_errors.csv"
    frame = problems_frame(plan_import(built, "pia_budget", path.name, path.read_bytes()).problems)
    assert frame[["ligne", "colonne", "code"]].values.tolist() == [
        [3, "status", "contrainte"],
        [4, "amount", "type"],
    ]
    assert list(frame.columns) == ["fichier", "ligne", "colonne", "code", "message"]


@pytest.mark.parametrize("name", [n for n, ds in datasets().items() if ds.example is not None])
def test_schema_example_row_is_importable(fresh_data: Path, name: str) -> None:
    """The example row a template shows passes validation in the current data.

    It is added, or replaces the row with the same key (closed lists such as questionnaires).
    """
    ds = datasets()[name]
    example = {column: ds.example.get(column, "") for column in ds.columns}
    with (fresh_data / ds.path).open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    key = [example[c] for c in ds.primary_key]
    rows = [r for r in rows if [r[c] for c in ds.primary_key] != key] + [example]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=ds.columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    plan = plan_import(fresh_data, name, ds.path, out.getvalue().encode("utf-8"))
    assert [str(p) for p in plan.problems] == []
    assert plan.ok


# --- codes in any case, labels where a code is expected -----------------------------------


def budget_with(line: str, promotion: str = "EIG 1") -> bytes:
    """The shipped budget saved by Excel in French, `salaires` of `promotion` written as
    `line`, plus a new EIG 4 salary line written the same way."""
    rows = list(csv.reader((DATA_DIR / "pia_budget.csv").open(encoding="utf-8")))
    for row in rows[1:]:
        if row[:2] == [promotion, "salaires"]:
            row[1] = line
    rows.append(["EIG 4", line, "1000", "prévisionnel", rows[1][4], "Budget 2020", ""])
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode("cp1252")


@pytest.mark.parametrize("line", ["Salaires", "SALAIRES", "salaires", "Salaries"])
def test_budget_line_by_label_in_any_case(data: Path, line: str) -> None:
    plan = plan_import(data, "pia_budget", "budget.csv", budget_with(line))
    assert plan.problems == []
    assert (plan.added, plan.removed, plan.changed) == (["EIG 4 / salaires"], [], [])
    apply_import(plan, "ana")
    assert query(data, "SELECT count(*) FROM pia_budget WHERE line = 'salaires'") == [(4,)]


def test_labels_and_promotions_in_other_case_are_the_same_data(data: Path) -> None:
    labels = {
        r["line"]: r["label_fr"]
        for r in csv.DictReader((DATA_DIR / "budget_lines.csv").open(encoding="utf-8"))
    }
    rows = list(csv.DictReader((DATA_DIR / "pia_budget.csv").open(encoding="utf-8")))
    out = io.StringIO()
    writer = csv.DictWriter(out, list(rows[0]), delimiter=";")
    writer.writeheader()
    for row in rows:
        writer.writerow({**row, "promotion": row["promotion"].lower(), "line": labels[row["line"]]})
    raw = out.getvalue().encode("utf-8")
    assert "eig 2;Enveloppe allouée par le PIA;2500000" in raw.decode()
    plan = plan_import(data, "pia_budget", "budget.csv", raw)
    assert plan.problems == []
    assert plan.changes_nothing
    assert plan.summary() == "Même contenu que la version active : rien ne changera."


def test_survey_campaign_code_in_capitals_is_the_same_data(data: Path) -> None:
    text = (DATA_DIR / "survey_responses.csv").read_text(encoding="utf-8")
    raw = text.replace("\nenquete-2019,", "\nENQUETE-2019,").replace(",R-EIG-", ",r-eig-")
    assert raw.count("ENQUETE-2019,r-eig-") > 100
    plan = plan_import(data, "survey_responses", "reponses.csv", raw.encode())
    assert plan.problems == []
    assert plan.changes_nothing


def test_campaign_key_in_capitals_takes_the_existing_key(data: Path) -> None:
    text = (DATA_DIR / "survey_campaigns.csv").read_text(encoding="utf-8")
    plan = plan_import(
        data,
        "survey_campaigns",
        "c.csv",
        text.replace("\nenquete-2019,", "\nENQUETE-2019,").encode(),
    )
    assert plan.problems == []
    assert plan.changes_nothing
    assert [r["campaign"] for r in plan.rows] == ["enquete-2019"]


def test_unknown_label_is_reported_with_closest_code(built: Path) -> None:
    plan = plan_import(built, "pia_budget", "budget.csv", budget_with("SALAIRES BRUTS"))
    assert lines(plan.problems) == [
        "fichier budget.csv, colonne « line » : « SALAIRES BRUTS » n'existe pas dans "
        "budget_lines.csv (colonne line) ; valeur la plus proche : « salaires » — lignes 3 et 17 "
        "(2 lignes)"
    ]


def test_label_naming_two_codes_is_a_problem_naming_both(built: Path) -> None:
    text = (DATA_DIR / "roster_defi_key_figures.csv").read_text(encoding="utf-8")
    raw = text.replace("\n2018-eiglink,", "\nEIG Link,")
    plan = plan_import(built, "roster_defi_key_figures", "chiffres.csv", raw.encode())
    assert [p.code for p in plan.problems] == ["reference-ambigue"] * 4
    assert lines(plan.problems) == [
        "fichier chiffres.csv, colonne « defi_id » : « EIG Link » désigne plusieurs valeurs de "
        "roster_defis.csv (colonne defi_id) : « 2018-eiglink », « 2019-eiglink » et "
        "« 2020-eig-link » ; écrivez la valeur voulue — lignes 24 à 27 (4 lignes)"
    ]
