"""The benchmark table: printed, and written to bench/RESULTS.md with the machine and versions."""

from __future__ import annotations

import os
import platform
import subprocess
from collections.abc import Sequence
from datetime import datetime
from importlib.metadata import version
from pathlib import Path
from zoneinfo import ZoneInfo

from bench.results import Measure
from eigdata import formatting as fmt

PACKAGES = ["streamlit", "duckdb", "pandas", "plotly", "playwright", "numpy", "pyarrow"]
HEADER = ["Partie", "Mesure", "Valeur", "Référence", "Rapport", "Cible", "Atteinte", "Détail"]


def machine() -> list[str]:
    """Processor, cores, memory, system, Python, package and browser versions."""
    return [
        f"Processeur : {_cpu()} ; {os.cpu_count()} cœurs ; mémoire : {_memory()}",
        f"Système : {platform.platform()} ; Python {platform.python_version()}",
        "Paquets : " + ", ".join(f"{name} {version(name)}" for name in PACKAGES),
        f"Navigateur : {_chromium()}",
    ]


def _cpu() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "inconnu"


def _memory() -> str:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal"):
            return f"{fmt.number(int(line.split()[1]) / 1024 / 1024, 1)} Gio"
    return "inconnue"


def _chromium() -> str:
    try:
        out = subprocess.run(["/usr/bin/chromium", "--version"], capture_output=True, text=True)
        return out.stdout.strip() or "absent"
    except OSError:
        return "absent"


def value(amount: float, unit: str) -> str:
    """« 0,41 s », « 212 Mio »."""
    digits = 0 if unit == "Mio" else (3 if amount < 0.1 else 2)
    return f"{fmt.number(amount, digits)} {unit}"


def target(measure: Measure) -> str:
    if measure.target is None:
        return "—"
    return f"{'≤' if measure.at_most else '≥'} {fmt.number(measure.target, 2)}"


def met(measure: Measure) -> str:
    return {None: "—", True: "oui", False: "**non**"}[measure.met]


def rows(measures: Sequence[Measure]) -> list[list[str]]:
    return [
        [
            m.part,
            m.name,
            value(m.value, m.unit),
            f"{value(m.baseline, m.unit)} ({m.baseline_name})",
            f"{fmt.number(m.ratio, 2)}×",
            target(m),
            met(m),
            m.detail,
        ]
        for m in measures
    ]


def markdown(measures: Sequence[Measure], title: str, notes: Sequence[str] = ()) -> str:
    """The whole RESULTS.md text."""
    moment = datetime.now(ZoneInfo("Europe/Paris"))
    lines = [f"# {title}", "", f"Mesuré le {fmt.long_date(moment.date())} à {moment:%H:%M}.", ""]
    lines += [f"- {line}" for line in machine()] + [""]
    lines += [*notes, ""] if notes else []
    lines += ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    lines += [
        "| " + " | ".join(c.replace("|", "\\|") for c in row) + " |" for row in rows(measures)
    ]
    missed = [m for m in measures if m.met is False]
    lines += [
        "",
        f"Cibles atteintes : {sum(m.met is True for m in measures)} ; manquées : {len(missed)}.",
    ]
    return "\n".join(lines) + "\n"


def console(measures: Sequence[Measure]) -> str:
    """A short line per measure for the terminal."""
    return "\n".join(
        f"{ {None: '   ', True: 'OK ', False: 'KO '}[m.met] }{m.part} — {m.name} : "
        f"{value(m.value, m.unit)} / {value(m.baseline, m.unit)} = {fmt.number(m.ratio, 2)}× "
        f"(cible {target(m)})"
        for m in measures
    )
