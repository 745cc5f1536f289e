"""A shared link reopens the same filtered view, in a real browser (Debian's Chromium).

The dashboard runs as a subprocess; Playwright drives /usr/bin/chromium (never a
downloaded browser). If Chromium is missing the test fails: `make browser` installs it.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Page, sync_playwright

from eigdata.formatting import euros, plain

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
IDLE = '[data-testid="stApp"]:not([data-test-script-state="running"])'


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """The dashboard served on a free port, stopped at teardown."""
    port = free_port()
    command = [sys.executable, "-m", "streamlit", "run", "dashboard.py"]
    command += ["--server.port", str(port), "--server.headless", "true"]
    command += ["--browser.gatherUsageStats", "false"]
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                pass
            assert process.poll() is None, "streamlit stopped before serving"
            assert time.monotonic() < deadline, "streamlit did not start within 60 s"
            time.sleep(0.3)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_idle(page: Page, timeout: float = 15_000) -> None:
    """Wait until the app has rendered and no script run is in progress."""
    page.wait_for_selector(IDLE, timeout=timeout)
    page.wait_for_selector('[data-testid="stMetric"]', timeout=timeout)


def metric(page: Page, label: str) -> str:
    box = page.locator('[data-testid="stMetric"]').filter(has_text=label)
    return plain(box.locator('[data-testid="stMetricValue"]').inner_text().strip())


def test_budget_filter_round_trip(server: str) -> None:
    assert Path(CHROMIUM).exists(), "Chromium absent : lancez `make browser`"
    envelope_eig2 = plain(euros(2_500_000))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto(f"{server}/budget")
            wait_idle(page)
            assert metric(page, "Enveloppe (sélection)") == plain(euros(4_800_000))

            promotions = page.locator('[data-testid="stMultiSelect"]').filter(has_text="Promotions")
            for name in ("EIG 1", "EIG 3"):
                promotions.get_by_role("button", name=f"Remove {name}").first.click()
                page.wait_for_function(
                    "name => !decodeURIComponent(location.search.replace(/\\+/g, ' '))"
                    ".includes(name)",
                    arg=f"promotion={name}",
                    timeout=10_000,
                )
            page.wait_for_function("() => location.search.includes('promotion=')", timeout=10_000)
            wait_idle(page)
            shared = page.url
            assert parse_qs(urlparse(shared).query)["promotion"] == ["EIG 2"]
            page.wait_for_function(
                """([label, value]) => [...document.querySelectorAll(
                    '[data-testid="stMetric"]')].some(m => m.innerText.includes(label)
                    && m.innerText.replace(/\\u202f|\\u00a0/g, ' ').includes(value))""",
                arg=["Enveloppe (sélection)", envelope_eig2],
                timeout=15_000,
            )

            reopened = browser.new_page()
            reopened.goto(shared)
            wait_idle(reopened)
            assert metric(reopened, "Enveloppe (sélection)") == envelope_eig2
            assert metric(reopened, "Dépenses (sélection)") == plain(euros(1_912_641))
            chips = reopened.locator('[data-testid="stMultiSelect"]').filter(has_text="Promotions")
            assert chips.get_by_role("button", name="Remove EIG 2").count() >= 1
            assert chips.get_by_role("button", name="Remove EIG 1").count() == 0
        finally:
            browser.close()
