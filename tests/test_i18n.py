"""The two catalogues (eigdata/i18n/fr.po, en.po) and the pages in English.

Every `_()` / `N_()` text of the code is a key of both catalogues (`make catalogues` adds new
ones), every key has its English text with the same placeholders, and no page opened with
`?lang=en` shows a French text of the catalogue.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import dashboard
from eigdata import formatting as fmt
from eigdata import i18n
from eigdata.i18n import catalogues
from tests.in_english import english_page

ROOT = Path(__file__).resolve().parent.parent
PUBLIC = [Path(file).stem for file, _title, _icon in dashboard.PAGES]
PLACEHOLDER = re.compile(r"\{[a-z_]*\}")
WORD_AFTER_SPACE = re.compile(r"\s+")
SHORTEST_SHOWN = 14  # shorter French texts may be English words, names or codes ("Total")


def keys(language: str) -> dict[str, str]:
    return {m.id: m.string for m in catalogues.read(language) if m.id}


def test_both_catalogues_hold_every_text_of_the_code_and_nothing_else() -> None:
    in_code = set(catalogues.keys_in_code())
    assert set(keys("fr")) == in_code
    assert set(keys("en")) == in_code
    assert len(in_code) > 12  # the page titles at least


def test_french_is_the_source_text_and_every_english_text_is_filled() -> None:
    french, english = keys("fr"), keys("en")
    assert [k for k, v in french.items() if v != k] == []
    assert [k for k, v in english.items() if not v.strip()] == []


def test_english_texts_keep_the_placeholders() -> None:
    wrong = [
        key
        for key, text in keys("en").items()
        if sorted(PLACEHOLDER.findall(key)) != sorted(PLACEHOLDER.findall(text))
    ]
    assert wrong == []


def test_translation_follows_the_run_language(english) -> None:
    assert i18n._("Budget PIA") == "PIA budget"
    assert fmt.euros(4_800_000) == "€4,800,000"
    assert fmt.percent(0.5) == "50%"
    assert fmt.number(6.9, 1) == "6.9"
    i18n.use("fr")
    assert i18n._("Budget PIA") == "Budget PIA"
    assert fmt.plain(fmt.euros(4_800_000)) == "4 800 000 €"


def test_an_unknown_language_is_french() -> None:
    assert i18n.use("de") == "fr" and i18n.lang() == "fr"


# --- every public page in English --------------------------------------------------------------


def shown_texts(at: AppTest) -> list[str]:
    """Every text an AppTest run shows: elements, widget labels and options, table headers,
    chart titles, axes, legends and hover texts."""
    texts: list[str] = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning"):
        texts += [str(e.value) for e in at.get(kind)]
    texts += [str(e.value) for e in at.error] + [str(e.value) for e in at.success]
    for metric in at.metric:
        texts += [metric.label, str(metric.value), metric.help or ""]
    for kind in ("selectbox", "multiselect", "radio", "text_input", "checkbox", "button"):
        for widget in at.get(kind):
            texts += [widget.label, getattr(widget, "help", None) or ""]
            texts += [str(o) for o in getattr(widget, "options", [])]
    for frame in at.dataframe:
        texts += [str(c) for c in frame.value.columns]
    for chart in at.get("plotly_chart"):
        texts.append(json.dumps(json.loads(chart.proto.spec), ensure_ascii=False))
    return texts


def french_fragments() -> dict[str, str]:
    """The literal parts (between placeholders) of French texts that English says otherwise,
    long enough not to be names, codes or words both languages share."""
    fragments: dict[str, str] = {}
    for key, text in keys("en").items():
        if text == key:
            continue
        for part in PLACEHOLDER.split(key):
            part = part.strip(" :;,.()«»—-\n")
            if len(part) >= SHORTEST_SHOWN and part not in text:
                fragments[WORD_AFTER_SPACE.sub(" ", part)] = key
    return fragments


@pytest.mark.parametrize("page", PUBLIC)
def test_a_page_in_english_shows_no_french_text_of_the_catalogue(page: str) -> None:
    at = english_page(page)
    shown = WORD_AFTER_SPACE.sub(" ", "\n".join(shown_texts(at)))
    french = [f"« {part} » ({key!r})" for part, key in french_fragments().items() if part in shown]
    assert french == []


def test_the_entry_point_in_english_names_its_pages_in_english() -> None:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.query_params["lang"] = "en"
    at.run()
    assert not at.exception
    assert at.sidebar.radio[0].value == "en"
    assert at.query_params["lang"] == "en"
    home = "Impact du programme Entrepreneurs d'intérêt général"
    assert at.title[0].value == i18n.catalogue("en")[home] != home
