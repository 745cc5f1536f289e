"""Pages run in English under AppTest (`?lang=en`), for the tests of the translations."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

PAGES = Path(__file__).resolve().parent.parent / "pages"


def english_page(page: str, analyst: bool = False, **params: str | list[str]) -> AppTest:
    """`pages/<page>.py` run once with `?lang=en` and `params` (as an analyst if asked),
    without exception or error message."""
    at = AppTest.from_file(str(PAGES / f"{page.removesuffix('.py')}.py"), default_timeout=120)
    at.query_params["lang"] = "en"
    for key, value in params.items():
        at.query_params[key] = value
    if analyst:
        at.session_state["eig_analyst"] = True
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == []
    return at
