"""The season import of a survey-tool export against `pandas.read_csv` + `melt` (issue #11).

`measure` runs each side in its own child process (`python -m bench.season_import`), so that
the peak memory it reports is that side's own: the reference reads the export with
`pandas.read_csv(sep=";", encoding="cp1252", decimal=",")` and melts its question columns
(median of three runs); the import plans (`plan_campaign`: detection, mapping, validation,
preview) and stores (`apply_campaign`) the campaign into a fresh copy of a data directory
whose database is already built, as the dashboard's would be. Memory is the child's peak
resident memory (Linux VmHWM, reset once the modules are imported) minus its resident memory
at that moment, before the file is read.
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

from bench.generate import ExportSpec
from bench.results import Measure
from eigdata import formatting as fmt

ROOT = Path(__file__).resolve().parent.parent
IMPORT_TARGET = 3.0  # plan + apply at most 3× read_csv + melt of the same file
MEMORY_TARGET = 5.0  # peak memory of the import at most 5× the file's size
REFERENCE_RUNS = 3
MIB = 1024 * 1024
USER = "banc d'essai"


def measure(export: Path, spec: ExportSpec, data_dir: Path, repeat: int = 1) -> list[Measure]:
    """The import of `export` (plan + apply, and the plan alone) against read_csv + melt of
    the same file, and its peak memory against the file's size. `repeat` imports are run
    (each in a new child and a new copy of `data_dir`); the fastest one counts."""
    export, data_dir = Path(export), Path(data_dir)
    questions = question_headers(export, spec, data_dir)
    reference = _child("reference", {"export": str(export), "questions": questions})
    runs = []
    with tempfile.TemporaryDirectory(prefix="eig-bench-import-") as tmp:
        for number in range(repeat):
            target = fresh_copy(data_dir, Path(tmp) / f"donnees-{number}")
            task = {"export": str(export), "spec": asdict(spec), "data": str(target)}
            runs.append(_child("import", task))
    found = min(runs, key=lambda r: r["plan"] + r["apply"])
    return measures(found, reference, spec, export.stat().st_size / MIB, repeat)


def measures(
    found: dict, reference: dict, spec: ExportSpec, size: float, repeat: int
) -> list[Measure]:
    """The three measures of one import and its reference."""
    rows, base = fmt.number(spec.rows), reference["median"]
    read = (
        f"référence : médiane de {REFERENCE_RUNS} lectures read_csv + melt "
        f"({_seconds(reference['times'])}), {fmt.number(reference['answers'])} lignes"
    )
    how = "import mesuré une fois" if repeat == 1 else f"meilleur de {repeat} imports"
    stored = (
        f"{fmt.number(found['stored'])} répondants enregistrés sur {fmt.number(spec.rows)} "
        f"lignes, {fmt.number(found['answers'])} réponses"
    )
    total = found["plan"] + found["apply"]
    memory = (
        "pic de mémoire résidente (VmHWM) du processus enfant moins sa mémoire résidente après "
        f"les imports de modules, avant la lecture du fichier ({fmt.number(found['before'])} "
        f"Mio) ; fichier de {fmt.number(size, 1)} Mio ; read_csv + melt : "
        f"{fmt.number(reference['peak'])} Mio"
    )
    return [
        Measure(
            "import",
            f"import de {rows} répondants",
            total,
            base,
            "s",
            "read_csv + melt",
            IMPORT_TARGET,
            detail=f"aperçu {_seconds([found['plan']])} + enregistrement "
            f"{_seconds([found['apply']])} ; {stored} ; {how} ; {read}",
        ),
        Measure(
            "import",
            "mémoire de pointe de l'import",
            found["peak"],
            size,
            "Mio",
            "taille du fichier",
            MEMORY_TARGET,
            detail=memory,
        ),
        Measure(
            "import",
            f"aperçu seul (plan) de {rows} répondants",
            found["plan"],
            base,
            "s",
            "read_csv + melt",
            detail="détection, correspondance, validation et chiffres de l'aperçu, sans "
            f"enregistrer ; {read}",
        ),
    ]


def question_headers(export: Path, spec: ExportSpec, data_dir: Path) -> list[str]:
    """The export's headers the import reads as questions (what the reference melts)."""
    from eigdata.ingest import changes
    from eigdata.ingest.campaign import columns as ec
    from eigdata.ingest.columnar import open_table

    questions = [
        q
        for q in changes.current_tables(data_dir)["survey_questions"]
        if q["questionnaire"] == spec.questionnaire
    ]
    header = open_table(export.name, export.read_bytes()).header
    found, _invalid = ec.match_columns(header, questions)
    return [c.header for c in found if c.kind == ec.QUESTION]


def fresh_copy(data_dir: Path, target: Path) -> Path:
    """A copy of a data directory (its CSVs, versions and database, built if stale)."""
    from eigdata.storage.store import ensure_database

    skip = shutil.ignore_patterns(".*.lock", ".*.tmp", ".lock")
    shutil.copytree(data_dir, target, ignore=skip)
    ensure_database(target)
    return target


def _child(kind: str, task: dict) -> dict:
    """Run one side in a new Python process; its JSON answer."""
    paths = [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}
    command = [sys.executable, "-m", "bench.season_import", kind, json.dumps(task)]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"banc d'import « {kind} » en échec :\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _seconds(times: Sequence[float]) -> str:
    return " ; ".join(f"{fmt.number(t, 2)} s" for t in times)


# --- inside the child ------------------------------------------------------------------


def reset_peak() -> float:
    """Reset the peak resident memory to the current one (Linux); the current, in MiB."""
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")
    return _status("VmRSS")


def peak() -> float:
    """Peak resident memory since `reset_peak`, in MiB (the whole life when not Linux)."""
    found = _status("VmHWM")
    return found if found else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _status(field: str) -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def run_reference(task: dict) -> dict:
    """read_csv + melt of the question columns, three times: times and peak memory."""
    import pandas as pd

    before = reset_peak()
    times, answers = [], 0
    for _ in range(REFERENCE_RUNS):
        start = time.perf_counter()
        frame = pd.read_csv(task["export"], sep=";", encoding="cp1252", decimal=",")
        long = frame.melt(id_vars=[frame.columns[0]], value_vars=task["questions"])
        times.append(time.perf_counter() - start)
        answers = len(long)
        del frame, long
    return {
        "times": times,
        "median": statistics.median(times),
        "answers": answers,
        "peak": peak() - before,
    }


def run_import(task: dict) -> dict:
    """plan_campaign + apply_campaign: times, peak memory, what was stored."""
    from eigdata import survey
    from eigdata.ingest import frames
    from eigdata.ingest.campaign import apply_campaign, plan_campaign
    from eigdata.schemas import dataset
    from eigdata.storage.store import connect, ensure_database

    columns = dataset("survey_responses").columns
    spec, data, export = ExportSpec(**task["spec"]), Path(task["data"]), Path(task["export"])
    before = reset_peak()
    start = time.perf_counter()
    raw = export.read_bytes()
    plan = plan_campaign(data, export.name, raw, **spec.plan_arguments())
    planned = time.perf_counter()
    if plan.problems:
        raise RuntimeError("; ".join(str(p) for p in plan.problems[:5]))
    answers = int(
        frames.as_rows(columns, plan.tables["survey_responses"])
        .equals("campaign", spec.campaign)
        .sum()
    )
    del raw
    apply_campaign(plan, USER)
    applied = time.perf_counter()
    top = peak() - before
    con = connect(ensure_database(data))
    try:
        campaigns = survey.campaigns(con).set_index("campaign")
    finally:
        con.close()
    row = campaigns.loc[spec.campaign]
    return {
        "plan": planned - start,
        "apply": applied - planned,
        "peak": top,
        "before": before,
        "stored": int(row[f"respondents_{spec.questionnaire}"]),
        "answers": answers,
    }


def main(argv: Sequence[str]) -> int:
    kind, task = argv[0], json.loads(argv[1])
    found = run_reference(task) if kind == "reference" else run_import(task)
    print(json.dumps(found))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
