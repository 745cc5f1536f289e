"""`python -m bench --size tiny` runs the benchmarks end to end, so they never rot (the browser
part at tiny size is tests/test_bench_browser.py's, which asserts each of its figures).

Ratios at tiny size are not held to their targets (noise dominates); the run must produce
every measure, each against a baseline measured in the same run, and keep RESULTS.md's
hand-written « avant / après » section.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

import bench.__main__ as bench_main
from bench import report
from bench.results import Measure, median_p95

PARTS = {"construction", "requêtes", "import"}


@pytest.fixture(scope="module")
def tiny(tmp_path_factory) -> tuple[list[Measure], str]:
    work = tmp_path_factory.mktemp("bench")
    out = work / "RESULTS.md"
    out.write_text(f"ancien tableau\n{bench_main.KEPT}\n## Avant / après\n\nnoté à la main\n")
    measures: list[Measure] = []
    original = bench_main.measure

    def keep(*args, **kwargs):
        measures.extend(original(*args, **kwargs))
        return measures

    bench_main.measure = keep
    try:
        parts = "construction,requêtes,import"
        bench_main.main(
            ["--size", "tiny", "--parts", parts, "--out", str(out), "--work", str(work / "w")]
        )
    finally:
        bench_main.measure = original
    return measures, out.read_text(encoding="utf-8")


def test_every_part_is_measured_against_its_baseline(tiny) -> None:
    measures, _ = tiny
    assert {m.part for m in measures} == PARTS
    assert all(m.value > 0 and m.baseline > 0 and math.isfinite(m.ratio) for m in measures)
    builds = [m for m in measures if m.part == "construction"]
    assert [m.name for m in builds] == [
        "base validée, données livrées",
        "base validée, 400 répondants, équipes ×2",
    ]


def test_results_name_machine_versions_and_keep_the_notes(tiny) -> None:
    measures, text = tiny
    assert text.startswith("# Bancs d'essai du tableau de bord EIG (taille minuscule)")
    assert "streamlit 1.67.0" in text and "duckdb 2.0.0" in text and "cœurs" in text
    assert text.count("\n| ") == len(measures) + 1  # header and one row per measure
    assert "ancien tableau" not in text
    assert text.endswith(f"{bench_main.KEPT}\n## Avant / après\n\nnoté à la main\n")


@pytest.mark.parametrize(
    ("samples", "expected"),
    [([0.3, 0.1, 0.2], (0.2, 0.3)), ([float(i) for i in range(1, 21)], (10.5, 19.0))],
)
def test_median_and_p95(samples: list[float], expected: tuple[float, float]) -> None:
    assert median_p95(samples) == expected


def test_a_ratio_is_judged_against_its_target() -> None:
    slow = Measure("interaction", "x", 0.39, 0.3, "s", "application minimale", 1.3)
    fast = Measure("requêtes", "y", 0.01, 0.05, "s", "pandas", 0.25)
    assert (slow.ratio, slow.met) == (pytest.approx(1.3), True)
    assert (fast.ratio, fast.met) == (pytest.approx(0.2), True)
    assert report.rows([slow])[0][4:7] == ["1,30×", "≤ 1,30", "oui"]


def test_unit_formats() -> None:
    assert report.value(0.0412, "s") == "0,041 s"
    assert report.value(212.4, "Mio") == "212 Mio"
    assert Path(bench_main.RESULTS).name == "RESULTS.md"
