"""Import robustness: killed mid-write, concurrent imports, a 10 000-row file."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from eigdata.ingest import apply_import, plan_import
from eigdata.storage import versions
from eigdata.storage.journal import history
from eigdata.storage.store import DATA_DIR, connect, default_db_path, ensure_database

ROOT = Path(__file__).resolve().parent.parent
FRENCH = Path(__file__).parent / "data" / "good" / "pia_budget_excel_fr.csv"
REFUSED = (
    "« pia_budget » a été modifié par un autre import (version 1) depuis l'aperçu ; "
    "relancez l'import pour voir les nouveaux changements. Rien n'a été modifié."
)


def tree_hashes(folder: Path) -> dict[str, str]:
    """sha256 of every file but the (empty) lock file."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != ".lock"
    }


def eig4_rows(data_dir: Path) -> int:
    con = connect(ensure_database(data_dir))
    try:
        return con.execute("SELECT count(*) FROM pia_budget WHERE promotion = 'EIG 4'").fetchone()[
            0
        ]
    finally:
        con.close()


def start_import(
    data_dir: Path, dataset: str, path: Path, pause: str | None = None
) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop(versions.PAUSE_ENV, None)
    if pause:
        env[versions.PAUSE_ENV] = pause
    command = [sys.executable, "-m", "eigdata", "import", dataset, str(path), "--yes"]
    command += ["--data", str(data_dir), "--user", "proc"]
    return subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def wait_for_pause(process: subprocess.Popen, stage: str) -> None:
    """Read the child's stderr until it announces it is paused at `stage`."""
    while True:
        line = process.stderr.readline()
        if not line:
            raise AssertionError(f"process ended before {stage}: {process.communicate()}")
        if line.strip() == f"pause:{stage}":
            return


def recover(data_dir: Path) -> None:
    """What the next history view, import or rollback does first."""
    history(data_dir)


@pytest.mark.parametrize(
    ("stage", "landed"),
    [("files-written", False), ("database-built", False), ("committed", True), ("audited", True)],
)
def test_killed_import_leaves_data_unchanged_or_fully_updated(
    fresh_data: Path, stage: str, landed: bool
) -> None:
    ensure_database(fresh_data)
    before = tree_hashes(fresh_data)
    db_before = default_db_path(fresh_data).read_bytes()
    process = start_import(fresh_data, "pia_budget", FRENCH, pause=f"{stage}:60")
    wait_for_pause(process, stage)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert default_db_path(fresh_data).read_bytes() == db_before  # never half-written

    recover(fresh_data)
    if landed:
        assert json.loads((fresh_data / "versions" / "active.json").read_text()) == {
            "pia_budget": 1
        }
        assert history(fresh_data)[["action", "version", "rows"]].values.tolist() == [
            ["import", 1, 16]
        ]
        assert eig4_rows(fresh_data) == 1
    else:
        assert tree_hashes(fresh_data) == before
        assert history(fresh_data).empty
        assert eig4_rows(fresh_data) == 0
    assert not (fresh_data / "versions" / versions.PENDING_FILE).exists()
    # the next import works and numbers its version after what landed
    bom = FRENCH.with_name("pia_budget_utf8_bom.csv")
    result = apply_import(plan_import(fresh_data, "pia_budget", bom.name, bom.read_bytes()), "a")
    assert result.version == (2 if landed else 1)


def test_concurrent_import_of_same_dataset_is_refused_or_queued(fresh_data: Path) -> None:
    """B previews while A holds the lock: B is refused (its preview is stale); if B starts
    so late that it previews after A's commit, it lands after A. Never lost, never mixed."""
    ensure_database(fresh_data)
    first = start_import(fresh_data, "pia_budget", FRENCH, pause="database-built:4")
    wait_for_pause(first, "database-built")
    bom = FRENCH.with_name("pia_budget_utf8_bom.csv")
    second = start_import(fresh_data, "pia_budget", bom)
    out_first = first.communicate(timeout=60)
    out_second = second.communicate(timeout=60)
    assert first.returncode == 0, out_first
    audit = history(fresh_data)[["file_name", "version"]].values.tolist()
    if second.returncode == 1:
        assert REFUSED in out_second[1]
        assert audit == [[FRENCH.name, 1]]
        assert not versions.version_file(fresh_data, "pia_budget", 2).exists()
        assert eig4_rows(fresh_data) == 1
    else:
        assert audit == [[FRENCH.name, 1], [bom.name, 2]]
        assert eig4_rows(fresh_data) == 1


def test_concurrent_imports_of_two_datasets_both_land(fresh_data: Path, tmp_path: Path) -> None:
    ensure_database(fresh_data)
    (tmp_path / "uploads").mkdir()  # tmp_path is also fresh_data
    promotions = tmp_path / "uploads" / "promotions.csv"
    eig5 = "EIG 5,EIG,2021,6,10,2021-09,EIG class 5,002_90e21ba0e165664c.txt,x,\n"
    promotions.write_text((DATA_DIR / "promotions.csv").read_text("utf-8") + eig5, "utf-8")
    first = start_import(fresh_data, "pia_budget", FRENCH, pause="database-built:2")
    wait_for_pause(first, "database-built")
    second = start_import(fresh_data, "promotions", promotions)
    assert first.wait(timeout=60) == 0
    assert second.wait(timeout=60) == 0, second.communicate()
    assert history(fresh_data)["dataset"].tolist() == ["pia_budget", "promotions"]
    active = json.loads((fresh_data / "versions" / "active.json").read_text())
    assert active == {"pia_budget": 1, "promotions": 1}
    assert eig4_rows(fresh_data) == 1


def test_racing_imports_each_land_or_are_refused(fresh_data: Path, tmp_path: Path) -> None:
    ensure_database(fresh_data)
    files = []
    (tmp_path / "uploads").mkdir()  # tmp_path is also fresh_data
    for n in range(4):
        path = tmp_path / "uploads" / f"budget{n}.csv"
        path.write_bytes(FRENCH.read_bytes().replace(b"1\xa0234\xa0567,89", f"{n + 1},5".encode()))
        files.append(path)
    processes = [start_import(fresh_data, "pia_budget", path) for path in files]
    outputs = [p.communicate(timeout=120) for p in processes]
    landed = [f.name for f, p in zip(files, processes, strict=True) if p.returncode == 0]
    for process, (_, err) in zip(processes, outputs, strict=True):
        if process.returncode != 0:
            assert "a été modifié par un autre import" in err, err
    audit = history(fresh_data)
    assert audit["file_name"].tolist() == sorted(landed, key=audit["file_name"].tolist().index)
    assert set(audit["file_name"]) == set(landed) and landed
    assert audit["version"].tolist() == list(range(1, len(landed) + 1))
    con = connect(ensure_database(fresh_data))
    amount = con.execute(
        "SELECT amount FROM pia_budget WHERE promotion = 'EIG 4' AND line = 'salaires'"
    ).fetchone()[0]
    con.close()
    last = audit["file_name"].tolist()[-1]
    assert str(amount) == f"{int(last[6]) + 1}.50"


def test_ten_thousand_rows(fresh_data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ensure_database(fresh_data)
    defi = (DATA_DIR / "roster_defis.csv").read_text("utf-8").splitlines()[1].split(",")[0]
    promotion = "EIG 1"
    lines = ["defi_id;promotion;rank;amount;description;source"]
    lines += [f"{defi};{promotion};{n};{n} 000,5;chiffre {n};import" for n in range(1, 10_001)]
    raw = ("\r\n".join(lines) + "\r\n").encode("cp1252")
    started = time.perf_counter()
    plan = plan_import(fresh_data, "roster_defi_key_figures", "gros.csv", raw)
    planned = time.perf_counter()
    assert plan.problems == []
    apply_import(plan, "ana")
    applied = time.perf_counter()
    with capsys.disabled():
        print(
            f"\n10 000 lignes ({len(raw)} octets) : aperçu {planned - started:.2f} s, "
            f"enregistrement {applied - planned:.2f} s"
        )
    con = connect(ensure_database(fresh_data))
    assert con.execute("SELECT count(*) FROM roster_defi_key_figures").fetchone() == (10_000,)
    con.close()
    assert applied - started < 60


def big_key_figures(rows: int) -> bytes:
    defi = (DATA_DIR / "roster_defis.csv").read_text("utf-8").splitlines()[1].split(",")[0]
    lines = ["defi_id;promotion;rank;amount;description;source"]
    lines += [f"{defi};EIG 1;{n};{n} 000,5;chiffre {n};import" for n in range(1, rows + 1)]
    return ("\r\n".join(lines) + "\r\n").encode("cp1252")


@pytest.mark.parametrize("delay", [0.8, 1.2, 1.6, 2.0, 2.4, 2.8])
def test_import_killed_at_any_moment_is_all_or_nothing(
    fresh_data: Path, tmp_path: Path, delay: float
) -> None:
    """SIGKILL after a delay, wherever the import is (reading, building, renaming)."""
    con = connect(ensure_database(fresh_data))
    shipped = con.execute("SELECT count(*) FROM roster_defi_key_figures").fetchone()[0]
    con.close()
    (tmp_path / "uploads").mkdir()  # tmp_path is also fresh_data
    upload = tmp_path / "uploads" / "gros.csv"
    upload.write_bytes(big_key_figures(10_000))
    before = tree_hashes(fresh_data)
    process = start_import(fresh_data, "roster_defi_key_figures", upload)
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait()
    recover(fresh_data)
    con = connect(ensure_database(fresh_data))
    count = con.execute("SELECT count(*) FROM roster_defi_key_figures").fetchone()[0]
    con.close()
    audit = history(fresh_data)
    print(f"killed after {delay} s: {'updated' if len(audit) else 'unchanged'}")
    if audit.empty:
        assert count == shipped
        assert tree_hashes(fresh_data) == before
    else:
        assert audit[["dataset", "version", "rows"]].values.tolist() == [
            ["roster_defi_key_figures", 1, 10_000]
        ]
        assert count == 10_000
