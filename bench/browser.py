"""Browser benchmarks (issue #11): the dashboard held to a bare Streamlit app (bench/bare_app.py,
one selectbox and one Plotly chart), both served the same way in the same run and driven by the
same Debian Chromium (tests/browser.py).

- interaction: on each public page a reader changes a filter back and forth (bench/pages.py);
  timed from the click until the app is idle, nothing is stale and every chart is drawn (the
  wait starts only once the rerun has started: a page-side counter of script runs). Baseline:
  the bare app's selectbox, changed in turn with the page's filter.
- premier chargement: a new browser context opens a page until its first chart (home page: its
  first figure, it has no chart) is visible; cold = first visit of a new server, warm = later
  visits. Baseline: the bare app's chart.
- mémoire: RSS of the server and its children (psutil) with 1 then 5 idle sessions open.

`python -m bench.browser [--data DIR] [--rounds N] [--pages ...] [--large]` prints the figures.
"""

from __future__ import annotations

import argparse
import logging
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import psutil
from playwright.sync_api import Browser, BrowserContext, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from bench.pages import BARE, PAGES, Changer
from bench.results import Measure, median_p95
from eigdata import formatting as fmt
from eigdata.storage.store import DATA_DIR, DATA_DIR_ENV, ensure_database
from tests.browser import DRAWN, Served, chromium, served, wait_drawn

DASHBOARD = "dashboard.py"
BARE_APP = "bench/bare_app.py"
SERVER_OPTIONS = ("--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false")
CHART = '[data-testid="stPlotlyChart"] .main-svg'
MAIN = '[data-testid="stMain"]'
FIGURE = '[data-testid="stMetricValue"]'
FIRST_CHART_PAGE = "composition"
MEMORY_PAGES = ("accueil", "composition", "budget", "enquetes", "trajectoires")
SESSIONS = 5
WARM_UP = 2  # untimed changes before timing a page (both values visited once)
TIMEOUT = 90_000  # ms: a loaded machine may be slow, never this slow
START_TIMEOUT = 15_000  # ms for a change to start a script run
SETTLE = 1.0  # s of idle sessions before reading the memory
BASELINE = "application minimale"
INTERACTION_TARGET, INTERACTION_TARGET_LARGE = 1.3, 1.5
FIRST_CHART_TARGET, MEMORY_TARGET = 1.1, 1.5
MIB = 2**20
log = logging.getLogger("bench.browser")

# Counts script runs as the page sees them (stApp's data-test-script-state turning to
# "running"), even runs too short for a poll to catch: installed in every timed context.
RUN_COUNTER = """
window.__benchRuns = 0;
new MutationObserver(records => {
  records.forEach((record, i) => {
    const now = i + 1 < records.length ? records[i + 1].oldValue
      : record.target.getAttribute('data-test-script-state');
    if (now === 'running' && record.oldValue !== 'running') window.__benchRuns += 1;
  });
}).observe(document, {subtree: true, attributes: true, attributeOldValue: true,
                      attributeFilter: ['data-test-script-state']});
"""
RUNS = "() => window.__benchRuns"
STARTED = "runs => window.__benchRuns > runs"


@dataclass(frozen=True)
class Apps:
    """The two servers of a run: the dashboard's and the bare app's base URLs."""

    dashboard: str
    bare: str


def measure(
    data_dir: Path,
    *,
    rounds: int = 10,
    large: bool = False,
    pages: list[str] | None = None,
    label: str | None = None,
    memory_pages: Sequence[str] = MEMORY_PAGES,
) -> list[Measure]:
    """Every browser figure of the dashboard on `data_dir` against the bare app: interaction
    on `pages` (default: every public page; `rounds` timed changes each), first load (cold:
    max(1, min(3, rounds // 3)) new servers; warm: `rounds` visits) and server memory.
    `large` (the 1 M-respondent data) loosens the interaction target; `label` ends every
    name (default « données livrées » or « 1 M répondants »). `memory_pages`: the pages of
    the dashboard's 5 sessions of the memory figure (the home page first)."""
    names = list(PAGES) if pages is None else pages
    _check(names, memory_pages)
    ensure_database(data_dir)
    suffix = f" ({label or ('1 M répondants' if large else 'données livrées')})"
    fresh = Fresh({DATA_DIR_ENV: str(data_dir)}, memory_pages)
    with chromium() as browser:
        warm, changes = _run(browser, fresh, names, rounds)
    cold, memory = fresh.cold, fresh.memory
    target = INTERACTION_TARGET_LARGE if large else INTERACTION_TARGET
    found = [_interaction(name, *changes[name], target, suffix) for name in names]
    found += _first_loads(cold, warm, suffix)
    found += _memory(memory, memory_pages, suffix)
    return found


def _check(names: list[str], memory_pages: Sequence[str]) -> None:
    unknown = sorted({*names, *memory_pages} - set(PAGES))
    if unknown:
        raise ValueError(f"pages inconnues : {', '.join(unknown)} (connues : {', '.join(PAGES)})")
    if len(memory_pages) != SESSIONS or memory_pages[0] != "accueil":
        raise ValueError(f"memory_pages : {SESSIONS} pages, l'accueil d'abord")


def _run(
    browser: Browser, fresh: Fresh, names: list[str], rounds: int
) -> tuple[dict[str, list[float]], dict[str, tuple[list[float], list[float]]]]:
    """New servers for the cold and memory figures (into `fresh`); the last bare app and
    dashboard stay up for the warm loads and the interactions, which it returns."""
    for _ in range(_cold_samples(rounds) - 1):
        for app, key in FIRST_VISITS:
            with fresh.visited(browser, app, key):
                pass
    with fresh.visited(browser, DASHBOARD, "chart"):
        pass
    with (
        fresh.visited(browser, BARE_APP, "bare") as bare,
        fresh.visited(browser, DASHBOARD, "accueil") as dash,
    ):
        apps = Apps(dash.url, bare.url)
        started = time.perf_counter()
        warm = _warm_loads(browser, apps, rounds)
        log.info("visites suivantes : %s s en tout", _num(time.perf_counter() - started))
        return warm, _interactions(browser, apps, names, rounds)


# --- interaction -------------------------------------------------------------------------


def _interactions(
    browser: Browser, apps: Apps, names: list[str], rounds: int
) -> dict[str, tuple[list[float], list[float]]]:
    """Per page: the dashboard's and the bare app's change times, taken in turn."""
    bare = Changer(_session(browser, apps.bare, timed=True), BARE)
    for _ in range(WARM_UP):
        time_change(bare)
    times = {}
    for name in names:
        action = PAGES[name]
        changer = Changer(_session(browser, f"{apps.dashboard}/{action.path}", timed=True), action)
        for _ in range(WARM_UP):
            time_change(changer)
        page_times, bare_times = [], []
        for _ in range(rounds):
            bare_times.append(time_change(bare))
            page_times.append(time_change(changer))
        changer.page.context.close()
        times[name] = (page_times, bare_times)
        log.info("%s : %s s (application minimale %s s)", name, *map(_median, times[name]))
    bare.page.context.close()
    return times


def time_change(changer: Changer, tries: int = 3) -> float:
    """Seconds from the click that commits the next change until its rerun is drawn. A click
    that starts no run (swallowed by a late layout shift) is not timed: the dropdown is closed
    and the same change made again; if that fails too, the first click did change the value
    unseen, so the next try goes back (the change count keeps its parity)."""
    for attempt in range(tries):
        try:
            return _timed_change(changer)
        except PlaywrightTimeoutError:
            if attempt == tries - 1:
                raise
            log.warning("%s : clic sans effet, changement refait", changer.action.title)
            changer.close()
            if attempt == 0:
                changer.steps -= 1  # the same value again
    raise AssertionError("unreachable")


def _timed_change(changer: Changer) -> float:
    page = changer.page
    page.bring_to_front()  # a page behind another is throttled (no animation frames)
    target = changer.prepare()
    target.hover()  # untimed: scrolled into view, visible and still
    box = target.bounding_box()
    assert box, f"{changer.action.title} : élément à cliquer invisible"
    runs = page.evaluate(RUNS)
    start = time.perf_counter()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_function(STARTED, arg=runs, timeout=START_TIMEOUT)
    page.wait_for_function(DRAWN, timeout=TIMEOUT)
    elapsed = time.perf_counter() - start
    changer.close()
    wait_drawn(page, ready=MAIN, timeout=TIMEOUT)  # untimed: a late rerun would end here
    if page.evaluate(RUNS) > runs + 1:
        log.warning("%s : plus d'une exécution pour un changement", changer.action.title)
    return elapsed


def _interaction(
    name: str, page_times: list[float], bare_times: list[float], target: float, suffix: str
) -> Measure:
    action = PAGES[name]
    median, p95 = median_p95(page_times)
    bare_median, bare_p95 = median_p95(bare_times)
    return Measure(
        part="interaction",
        name=f"{action.title} : {action.what}{suffix}",
        value=median,
        baseline=bare_median,
        unit="s",
        baseline_name=f"{BASELINE} : {BARE.what}",
        target=target,
        detail=f"médiane {_num(median)} s, p95 {_num(p95)} s sur "
        f"{_count(len(page_times), '{} changement(s)')} ; "
        f"{BASELINE} : médiane {_num(bare_median)} s, p95 {_num(bare_p95)} s",
    )


# --- first load --------------------------------------------------------------------------


def _targets(apps: Apps) -> dict[str, tuple[str, str]]:
    """What a first load waits for: the bare app's chart, the home page's first figure and
    the first chart of the first page that has charts."""
    return {
        "bare": (apps.bare, CHART),
        "accueil": (f"{apps.dashboard}/", FIGURE),
        "chart": (f"{apps.dashboard}/{PAGES[FIRST_CHART_PAGE].path}", CHART),
    }


def first_load(browser: Browser, url: str, ready: str) -> tuple[float, BrowserContext]:
    """Seconds for a new browser context to show `ready` at `url`; the context stays open."""
    context = browser.new_context()
    page = context.new_page()
    start = time.perf_counter()
    page.goto(url, wait_until="commit", timeout=TIMEOUT)
    try:
        page.locator(ready).first.wait_for(state="visible", timeout=TIMEOUT)
    except PlaywrightTimeoutError as error:
        shown = page.inner_text(MAIN)[:300] if page.locator(MAIN).count() else ""
        raise RuntimeError(
            f"{url} : {ready} absent après {TIMEOUT // 1000} s ; {shown!r}"
        ) from error
    elapsed = time.perf_counter() - start
    log.info("%s : %s s", url, _num(elapsed))
    return elapsed, context


def _warm_loads(browser: Browser, apps: Apps, rounds: int) -> dict[str, list[float]]:
    """Later visits of servers already visited (each page once at least), in turn."""
    targets = _targets(apps)
    times: dict[str, list[float]] = {key: [] for key in targets}
    for _ in range(rounds):
        for key, (url, ready) in targets.items():
            seconds, context = first_load(browser, url, ready)
            context.close()
            times[key].append(seconds)
    return times


def _cold_samples(rounds: int) -> int:
    """How many new servers of each kind a run starts for its cold figures."""
    return max(1, min(3, rounds // 3))


# (app, what its first visit waits for): the order new servers are started in
FIRST_VISITS = ((BARE_APP, "bare"), (DASHBOARD, "accueil"), (DASHBOARD, "chart"))
MEMORY_KEYS = ("bare", "accueil")  # the new servers whose memory is read


@dataclass
class Fresh:
    """New servers: the time of their first visit (cold) and, on the home page's and the
    bare app's, the memory with 1 then `SESSIONS` idle sessions."""

    env: dict[str, str]
    memory_pages: Sequence[str] = MEMORY_PAGES
    cold: dict[str, list[float]] = field(
        default_factory=lambda: {key: [] for _, key in FIRST_VISITS}
    )
    memory: dict[str, list[tuple[float, float]]] = field(
        default_factory=lambda: {key: [] for key in MEMORY_KEYS}
    )

    def sessions(self, key: str) -> list[str]:
        """The paths of the sessions kept open on a server measuring memory."""
        if key == "bare":
            return [""] * SESSIONS
        return [PAGES[name].path for name in self.memory_pages]

    @contextmanager
    def visited(self, browser: Browser, app: str, key: str) -> Iterator[Served]:
        """A new server of `app`, once its first visit is timed and its memory read."""
        started = time.perf_counter()
        with served(app, self.env, SERVER_OPTIONS) as server:
            log.info("serveur %s prêt en %s s", app, _num(time.perf_counter() - started))
            url, ready = _targets(Apps(server.url, server.url))[key]
            seconds, context = first_load(browser, url, ready)
            self.cold[key].append(seconds)
            with _closing([context]) as opened:
                if key in MEMORY_KEYS:
                    read = _memory_of(browser, server, opened, self.sessions(key))
                    self.memory[key].append(read)
                    log.info("%s : %s Mio, %s Mio", key, *map(_num, read))
            yield server


def _first_loads(
    cold: dict[str, list[float]], warm: dict[str, list[float]], suffix: str
) -> list[Measure]:
    what = {
        "accueil": f"{PAGES['accueil'].title} : premier chiffre affiché (la page n'a pas de "
        "graphique)",
        "chart": f"{PAGES[FIRST_CHART_PAGE].title} : premier graphique affiché",
    }
    found = []
    for key, label in what.items():
        for when, times, visits in (
            ("première visite d'un serveur neuf", cold, "{} serveur(s) neuf(s)"),
            ("visites suivantes", warm, "{} visite(s)"),
        ):
            value, baseline = statistics.median(times[key]), statistics.median(times["bare"])
            found.append(
                Measure(
                    part="premier chargement",
                    name=f"{label}, {when}{suffix}",
                    value=value,
                    baseline=baseline,
                    unit="s",
                    baseline_name=f"{BASELINE} : premier graphique affiché",
                    target=FIRST_CHART_TARGET,
                    detail=f"médiane de {_count(len(times[key]), visits)} (nouveau contexte du "
                    f"navigateur) : {_num(value)} s ; {BASELINE} : {_num(baseline)} s",
                )
            )
    return found


# --- memory ------------------------------------------------------------------------------


def server_mib(process: psutil.Process) -> float:
    """Resident memory of a process and all its children, in Mio."""
    tree = [process, *process.children(recursive=True)]
    total = 0
    for member in tree:
        try:
            total += member.memory_info().rss
        except psutil.NoSuchProcess:
            continue
    return total / MIB


def _memory_of(
    browser: Browser, server: Served, opened: list[BrowserContext], paths: Sequence[str]
) -> tuple[float, float]:
    """Memory with the first session (already open) then with every path of `paths` open."""
    process = psutil.Process(server.process.pid)
    wait_drawn(opened[0].pages[0], ready=MAIN, timeout=TIMEOUT)
    one = _settled(process)
    for path in paths[1:]:  # opened together, as readers arriving at once
        context = browser.new_context()
        context.new_page().goto(f"{server.url}/{path}", wait_until="commit", timeout=TIMEOUT)
        opened.append(context)
    for context in opened:
        wait_drawn(context.pages[0], ready=MAIN, timeout=TIMEOUT)
    return one, _settled(process)


def _settled(process: psutil.Process) -> float:
    """The server's memory once its sessions have been idle a while (median of 3 readings)."""
    time.sleep(SETTLE)
    readings = []
    for _ in range(3):
        readings.append(server_mib(process))
        time.sleep(0.3)
    return statistics.median(readings)


def _memory(
    memory: dict[str, list[tuple[float, float]]], pages: Sequence[str], suffix: str
) -> list[Measure]:
    shown = ", ".join(
        PAGES[name].title + (f" (×{count})" if count > 1 else "")
        for name, count in Counter(pages).items()
    )
    found = []
    for index, count, target in ((0, 1, None), (1, SESSIONS, MEMORY_TARGET)):
        value = statistics.median(m[index] for m in memory["accueil"])
        baseline = statistics.median(m[index] for m in memory["bare"])
        open_pages = PAGES[pages[0]].title if count == 1 else shown
        found.append(
            Measure(
                part="mémoire",
                name=f"Mémoire du serveur, {count} session{'s' if count > 1 else ''} "
                f"ouverte{'s' if count > 1 else ''}{suffix}",
                value=value,
                baseline=baseline,
                unit="Mio",
                baseline_name=f"{BASELINE}, autant de sessions",
                target=target,
                detail=f"RSS du serveur et de ses enfants, sessions inactives ({open_pages}) ; "
                f"médiane de {_count(len(memory['accueil']), '{} serveur(s) neuf(s)')}",
            )
        )
    return found


# --- shared ------------------------------------------------------------------------------


def _session(browser: Browser, url: str, timed: bool = False) -> Page:
    """A new browser context showing `url`, drawn (with the run counter when `timed`)."""
    context = browser.new_context()
    if timed:
        context.add_init_script(RUN_COUNTER)
    page = context.new_page()
    page.goto(url, timeout=TIMEOUT)
    wait_drawn(page, ready=MAIN, timeout=TIMEOUT)
    return page


@contextmanager
def _closing(contexts: list[BrowserContext]) -> Iterator[list[BrowserContext]]:
    """The list of open browser contexts, each closed after (also those added inside)."""
    try:
        yield contexts
    finally:
        for context in contexts:
            context.close()


def _median(samples: list[float]) -> str:
    return _num(statistics.median(samples))


def _num(value: float) -> str:
    return fmt.number(value, 2)


def _count(count: int, words: str) -> str:
    """`words` with `count` in its {} and each « (s) » as French plurals: « 1 visite »,
    « 10 visites »."""
    return words.format(count).replace("(s)", "s" if count > 1 else "")


def shipped_copy(target: Path) -> Path:
    """A copy of the shipped CSVs in `target` (data/ itself is never written)."""
    target.mkdir(parents=True, exist_ok=True)
    for path in DATA_DIR.glob("*.csv"):
        shutil.copy(path, target / path.name)
    return target


def report(found: list[Measure]) -> str:
    """One line per figure: name, value, baseline, ratio and target."""
    lines = []
    for m in found:
        target = "" if m.target is None else f" (cible ≤ {fmt.number(m.target, 1)})"
        verdict = {True: "OK ", False: "KO ", None: "   "}[m.met]
        lines.append(
            f"{verdict}{m.part} — {m.name} : {fmt.number(m.value, 2)} {m.unit} / "
            f"{fmt.number(m.baseline, 2)} {m.unit} = {fmt.number(m.ratio, 2)}{target}\n"
            f"      {m.detail}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Print the browser figures; exit 1 when a ratio misses its target."""
    parser = argparse.ArgumentParser(prog="python -m bench.browser", description=__doc__)
    parser.add_argument("--data", type=Path, help="dossier de données (défaut : copie de data/)")
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--pages", nargs="*", choices=list(PAGES))
    parser.add_argument("--large", action="store_true", help="données à 1 M répondants")
    parser.add_argument("--label")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    with tempfile.TemporaryDirectory() as tmp:
        data = args.data or shipped_copy(Path(tmp) / "data")
        found = measure(
            data, rounds=args.rounds, large=args.large, pages=args.pages, label=args.label
        )
    print(report(found))
    return 1 if any(m.met is False for m in found) else 0


if __name__ == "__main__":
    sys.exit(main())
