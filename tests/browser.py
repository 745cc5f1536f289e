"""Browser-test plumbing: the dashboard served on a free port, Debian's Chromium, idle waits.

Never a downloaded browser: /usr/bin/chromium comes from `make browser` (apt). If it is
missing, tests fail rather than skip.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 900}
CLIPBOARD = ["clipboard-read", "clipboard-write"]
IDLE = '[data-testid="stApp"]:not([data-test-script-state="running"])'


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass(frozen=True)
class Served:
    """A served Streamlit app: its base URL and its server process."""

    url: str
    process: subprocess.Popen


@contextmanager
def served(
    app: str | Path = "dashboard.py",
    env: Mapping[str, str] | None = None,
    options: Sequence[str] = (),
) -> Iterator[Served]:
    """A new `streamlit run APP` (headless, free port, run from the repository, `env` added to
    this process's environment, extra `options` such as `--server.fileWatcherType none`);
    stopped after."""
    port = free_port()
    command = [sys.executable, "-m", "streamlit", "run", str(app)]
    command += ["--server.port", str(port), "--server.headless", "true", *options]
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(process, url)
        yield Served(url, process)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def served_dashboard() -> Iterator[str]:
    """A new `streamlit run dashboard.py` on a free port; its base URL; stopped after."""
    with served() as server:
        yield server.url


def wait_healthy(process: subprocess.Popen, url: str, seconds: float = 60) -> None:
    """Wait until the server at `url` answers its health check (it must not stop before)."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            pass
        assert process.poll() is None, "streamlit stopped before serving"
        assert time.monotonic() < deadline, f"streamlit did not start within {seconds} s"
        time.sleep(0.3)


@contextmanager
def chromium() -> Iterator[Browser]:
    """Debian's headless Chromium driven by Playwright."""
    assert Path(CHROMIUM).exists(), "Chromium absent : lancez `make browser`"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def wait_idle(page: Page, ready: str = '[data-testid="stMetric"]', timeout: float = 30_000) -> None:
    """Wait until `ready` has rendered and no script run is in progress."""
    page.wait_for_selector(ready, timeout=timeout)
    page.wait_for_selector(IDLE, timeout=timeout)


def log_in_and_open_import(page: Page, url: str, password: str) -> None:
    """Log in with the analyst password, then open « Importer des données »."""
    page.goto(f"{url}/connexion")
    wait_idle(page, ready='input[type="password"]')
    page.fill('input[type="password"]', password)
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_text("Connecté(e) comme analyste").wait_for(timeout=15_000)
    page.get_by_role("link", name="Importer des données").click()
    wait_idle(page, ready='[data-testid="stRadio"]')


DRAWN = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (document.querySelector('[data-stale="true"], [data-testid="stSkeleton"]')) return false;
  const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')];
  return charts.every(chart => chart.querySelector('.main-svg'));
}"""


def wait_drawn(page: Page, ready: str = "h1", timeout: float = 30_000) -> None:
    """Wait until `ready` is shown, no run is in progress, nothing is stale and every plotly
    chart holds its drawing (the status widget is not a reliable signal)."""
    page.wait_for_selector(ready, timeout=timeout)
    page.wait_for_function(DRAWN, timeout=timeout)
    page.wait_for_timeout(300)  # a rerun may start right after the first idle frame
    page.wait_for_function(DRAWN, timeout=timeout)


def open_drawn(page: Page, url: str, timeout: float = 30_000) -> None:
    """Open `url` in `page` and wait until it is drawn."""
    page.goto(url, timeout=timeout)
    wait_drawn(page, timeout=timeout)
