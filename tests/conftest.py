"""Shared fixtures: a database built from the shipped data/ into a temporary folder; for the
browser tests, the dashboard served once per module and Debian's Chromium."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from eigdata import access, i18n
from eigdata.storage.store import (
    DATA_DIR,
    DATA_DIR_ENV,
    build_database,
    connect,
    default_db_path,
    ensure_database,
)
from tests.browser import CLIPBOARD, VIEWPORT, chromium, served_dashboard

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def french_by_default() -> Iterator[None]:
    """Every test starts and ends in French: an English AppTest run or `english` test sets
    the language of the test's own thread."""
    i18n.use("fr")
    yield
    i18n.use("fr")


@pytest.fixture
def english() -> None:
    """eigdata speaks English for one test (French again after it)."""
    i18n.use("en")


@pytest.fixture(scope="session")
def data_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A private copy of the shipped CSVs (tests may not touch data/)."""
    target = tmp_path_factory.mktemp("data")
    for csv in DATA_DIR.glob("*.csv"):
        shutil.copy(csv, target / csv.name)
    return target


@pytest.fixture(scope="session")
def shipped_database(data_copy: Path) -> Path:
    """The database built once from the shipped data (in the private copy)."""
    return build_database(data_copy)


@pytest.fixture(scope="session")
def con(shipped_database: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to a database built from the shipped data."""
    connection = connect(shipped_database)
    yield connection
    connection.close()


@pytest.fixture
def fresh_data(tmp_path: Path, shipped_database: Path) -> Path:
    """A writable copy of the shipped CSVs for one test, with their database: its build
    stamp matches them, so `ensure_database` has nothing to do until a CSV changes."""
    for csv in DATA_DIR.glob("*.csv"):
        shutil.copy(csv, tmp_path / csv.name)
    shutil.copy(shipped_database, default_db_path(tmp_path))
    return tmp_path


ANALYST_PASSWORD = "un mot de passe long"


@pytest.fixture
def data(fresh_data: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private data directory the pages read (EIG_DATA_DIR), its database built, and an
    analyst password set (ANALYST_PASSWORD)."""
    ensure_database(fresh_data)
    monkeypatch.setenv(DATA_DIR_ENV, str(fresh_data))
    monkeypatch.setenv(access.PASSWORD_ENV, access.hash_password(ANALYST_PASSWORD))
    yield fresh_data


@pytest.fixture(scope="session")
def server() -> Iterator[str]:
    """The dashboard on the shipped data, served on a free port once per test process for
    the browser tests that only read (those that import or need a fresh server start theirs)."""
    with served_dashboard() as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's headless Chromium for the module's browser tests."""
    with chromium() as opened:
        yield opened


@pytest.fixture(scope="module")
def context(browser: Browser) -> Iterator[BrowserContext]:
    """One browser context for the module's tests, 1280×900, allowed to use the clipboard.
    Its cache keeps the Streamlit and Plotly scripts: a later page load takes about 2 s
    instead of 5 s in a new context."""
    opened = browser.new_context(viewport=VIEWPORT, permissions=CLIPBOARD)
    yield opened
    opened.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    """The module's first tab: each test opens its address in it (a new Streamlit session)."""
    return context.pages[0] if context.pages else context.new_page()


@pytest.fixture
def reader(context: BrowserContext, page: Page) -> Page:
    """The module's second tab, for a link opened by someone else: its own Streamlit
    session, nothing shared with `page` but the browser's cache."""
    return context.pages[1] if len(context.pages) > 1 else context.new_page()
