"""Changes touching several datasets: stored as one, undone as one, recovered after a crash."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from eigdata import access
from eigdata.errors import ImportRefused
from eigdata.ingest import changes
from eigdata.schemas import datasets
from eigdata.storage import journal, versions
from eigdata.storage.store import DATA_DIR_ENV, active_versions, dataset_path, ensure_database

ROOT = Path(__file__).resolve().parent.parent
TOUCHED = ("survey_campaigns", "survey_responses")


def active_hashes(data_dir: Path) -> dict[str, str]:
    """sha256 of the CSV each dataset is read from."""
    return {
        ds.name: hashlib.sha256(dataset_path(data_dir, ds).read_bytes()).hexdigest()
        for ds in datasets().values()
    }


def new_campaign_plan(data_dir: Path, code: str = "enquete-2021") -> changes.ChangePlan:
    """A plan adding a campaign whose EIG answers copy the 2019 ones."""
    current = changes.current_tables(data_dir)
    campaign = {**current["survey_campaigns"][0], "campaign": code, "title": code, "year": "2021"}
    answers = [
        {**r, "campaign": code}
        for r in current["survey_responses"]
        if r["campaign"] == "enquete-2019" and r["respondent_type"] == "eig"
    ]
    plan = changes.new_plan(data_dir, "import-campagne", f"campagne {code} (EIG)", "x.csv", "abc")
    tables = {
        "survey_campaigns": current["survey_campaigns"] + [campaign],
        "survey_responses": current["survey_responses"] + answers,
    }
    changes.set_tables(plan, tables, current)
    return plan


def test_a_change_stores_every_dataset_at_once_and_undo_restores_them(fresh_data: Path) -> None:
    before = active_hashes(fresh_data)
    plan = new_campaign_plan(fresh_data)
    changes.check(plan)
    assert plan.problems == []
    added = plan.diffs["survey_campaigns"].describe()
    assert added == "1 ajoutée(s), 0 supprimée(s), 0 modifiée(s)"
    assert len(plan.diffs["survey_responses"].added) == 309

    result = changes.apply_change(plan, "Ana")
    assert (result.change, result.versions) == (1, {n: 1 for n in TOUCHED})
    assert active_versions(fresh_data) == {n: 1 for n in TOUCHED}
    log = journal.history(fresh_data)
    assert log[["action", "dataset", "version", "change", "scope"]].values.tolist() == [
        ["import-campagne", "survey_campaigns", 1, "1", "campagne enquete-2021 (EIG)"],
        ["import-campagne", "survey_responses", 1, "1", "campagne enquete-2021 (EIG)"],
    ]
    assert log["rows"].tolist() == [2, 782]
    assert not list((fresh_data / "versions").glob("raw/*"))  # the upload is never archived

    undone = changes.undo_change(fresh_data, 1, "Ana")
    assert undone.versions == {n: 0 for n in TOUCHED}
    assert active_hashes(fresh_data) == before
    assert journal.season_changes(fresh_data)[["change", "action", "undoable"]].values.tolist() == [
        [2, "retour en arrière", False],
        [1, "import d'une campagne", False],
    ]


def test_undo_is_refused_when_a_later_change_moved_the_same_dataset(fresh_data: Path) -> None:
    changes.apply_change(new_campaign_plan(fresh_data, "enquete-2021"), "Ana")
    changes.apply_change(new_campaign_plan(fresh_data, "enquete-2022"), "Ana")
    before = active_hashes(fresh_data)
    with pytest.raises(ImportRefused, match="a changé depuis l'import n° 1"):
        changes.undo_change(fresh_data, 1, "Ana")
    assert active_hashes(fresh_data) == before
    with pytest.raises(ImportRefused, match="L'import n° 9 n'existe pas"):
        changes.undo_change(fresh_data, 9, "Ana")


def test_a_stale_plan_is_refused(fresh_data: Path) -> None:
    stale = new_campaign_plan(fresh_data, "enquete-2022")
    changes.apply_change(new_campaign_plan(fresh_data, "enquete-2021"), "Ana")
    with pytest.raises(ImportRefused, match="relancez l'aperçu"):
        changes.apply_change(stale, "Ana")


def test_a_failed_build_leaves_nothing_behind(fresh_data: Path, monkeypatch) -> None:
    before = active_hashes(fresh_data)
    plan = new_campaign_plan(fresh_data)

    def broken(*_args, **_kwargs):
        raise OSError("disque plein")

    monkeypatch.setattr(versions.store, "build_database", broken)
    with pytest.raises(OSError):
        changes.apply_change(plan, "Ana")
    assert active_hashes(fresh_data) == before
    assert sorted(p.name for p in (fresh_data / "versions").rglob("*") if p.is_file()) == [".lock"]


def test_a_crash_after_activation_is_finished_by_recovery(fresh_data: Path, monkeypatch) -> None:
    plan = new_campaign_plan(fresh_data)
    real = versions.append_audit
    monkeypatch.setattr(versions, "append_audit", lambda *_: (_ for _ in ()).throw(SystemExit))
    with pytest.raises(SystemExit):
        changes.apply_change(plan, "Ana")
    monkeypatch.setattr(versions, "append_audit", real)
    assert active_versions(fresh_data) == {n: 1 for n in TOUCHED}
    assert journal.history(fresh_data)["dataset"].tolist() == list(TOUCHED)  # recovered
    assert not (fresh_data / "versions" / versions.PENDING_FILE).exists()


def test_an_audit_log_from_before_change_numbers_is_upgraded(fresh_data: Path) -> None:
    folder = fresh_data / "versions"
    folder.mkdir()
    old = "when,who,action,dataset,version,file_name,checksum,rows\n"
    old += "2026-11-01T10:00:00+00:00,Ana,import,pia_budget,1,b.csv,abc,16\n"
    (folder / versions.AUDIT_FILE).write_text(old, encoding="utf-8")
    assert versions.audit_rows(fresh_data)[0]["change"] == ""
    assert versions.next_change(fresh_data) == 2
    versions.append_audit(fresh_data, {c: "" for c in versions.AUDIT_COLUMNS} | {"change": "2"})
    text = (folder / versions.AUDIT_FILE).read_text(encoding="utf-8").splitlines()
    assert text[0] == ",".join(versions.AUDIT_COLUMNS)
    assert text[1].endswith(",16,1,")


def test_history_page_undoes_a_whole_import(fresh_data: Path, monkeypatch) -> None:
    ensure_database(fresh_data)
    monkeypatch.setenv(DATA_DIR_ENV, str(fresh_data))
    monkeypatch.setenv(access.PASSWORD_ENV, access.hash_password("un mot de passe long"))
    before = active_hashes(fresh_data)
    changes.apply_change(new_campaign_plan(fresh_data), "Ana")
    at = AppTest.from_file(str(ROOT / "pages/historique.py"), default_timeout=90)
    at.session_state["eig_analyst"] = True
    at.run()
    assert not at.exception and [e.value for e in at.error] == []
    shown = "\n".join(m.value for m in at.markdown)
    assert "Import n° 1 — import d'une campagne : campagne enquete-2021 (EIG)" in shown
    at.button(key="undo-1").click().run()
    assert at.warning[0].value.endswith("sera annulé ; l'annulation sera inscrite au journal.")
    assert active_versions(fresh_data) == {n: 1 for n in TOUCHED}  # not before confirming
    at.button(key="undo-confirm").click().run()
    assert [s.value for s in at.success] == [
        "Import n° 1 annulé : « survey_campaigns » version 0, « survey_responses » version 0."
    ]
    assert active_hashes(fresh_data) == before
    assert json.loads((fresh_data / "versions" / "active.json").read_text()) == {
        n: 0 for n in TOUCHED
    }


def test_an_expert_upload_with_an_email_column_archives_no_email(fresh_data: Path) -> None:
    from eigdata.ingest import apply_import, plan_import
    from tests.test_import_page import survey_export

    header, *people = survey_export(wide=True).decode().splitlines()
    kept = people[:-1]  # one respondent less, so that the upload changes something
    lines = [f"Adresse e-mail,{header}"]
    lines += [f"personne{i}@exemple.fr,{line}" for i, line in enumerate(kept)]
    plan = plan_import(fresh_data, "survey_responses", "export.csv", "\n".join(lines).encode())
    assert plan.problems == [] and not plan.archivable
    assert len(plan.removed) > 0 and not plan.added
    apply_import(plan, "Ana")
    stored = b"".join(p.read_bytes() for p in fresh_data.rglob("*") if p.is_file())
    assert b"@exemple.fr" not in stored
    assert not list((fresh_data / "versions").glob("raw/*"))
