"""The « Comparaison internationale » page, the exports and the shared widgets in English.

The international comparison opened with `?lang=en` (headers, « not published », amounts
« €49,620 (C$75,000; 2019) », the conversion sentence, the readings, the chart's legend),
its cells and tables in English while the data codes stay French, an export's headers, sheet
names and number formats in English (also when the file is made later, in another thread),
the filters text, the print header, image subtitles, hover texts, the link bar's texts, the
shared-link notice, and the error messages.
"""

from __future__ import annotations

import importlib
import io
import json
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from eigdata import budget, exports, i18n
from eigdata import international as intl
from eigdata.errors import DataProblem, QueryError, ValidationFailed, user_message
from eigdata.formatting import plain
from eigdata.storage.store import DATA_DIR_ENV
from widgets import chart_images, charts, downloads
from widgets.chart_style import HIGHLIGHT, PALETTE

ROOT = Path(__file__).resolve().parent.parent
PAGE = str(ROOT / "pages" / "international.py")
link_bar = importlib.import_module("widgets.link_bar")  # `widgets.link_bar` is the function


@pytest.fixture(scope="module")
def found_en(con: duckdb.DuckDBPyConnection) -> Iterator[pd.DataFrame]:
    i18n.use("en")
    try:
        yield intl.cells(con)
    finally:
        i18n.use("fr")


def cell(found: pd.DataFrame, row: str, indicator: str) -> pd.Series:
    picked = found[(found["row"] == row) & (found["indicator"] == indicator)]
    assert len(picked) == 1
    return picked.iloc[0]


# --- The international comparison in English ------------------------------------------------


@pytest.fixture(scope="module")
def page_en(data_copy: Path) -> AppTest:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(DATA_DIR_ENV, str(data_copy))
        at = AppTest.from_file(PAGE, default_timeout=180)
        at.query_params["lang"] = "en"
        at.run()
    i18n.use("fr")
    return at


def shown_table(at: AppTest) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if "Country" in d.value.columns)


def test_the_page_in_english_shows_english_headers_and_cells(page_en: AppTest) -> None:
    at = page_en
    assert not at.exception and [e.value for e in at.error] == []
    assert at.title[0].value == "International comparison"
    assert [h.value for h in at.header] == [
        "The EIG programme among eight programmes",
        "Charts",
        "Each figure, its type and its source",
    ]
    table = shown_table(at)
    assert list(table.columns) == [
        "Programme",
        "Country",
        "Launch year",
        "Fellows per year",
        "Duration",
        "Annual pay (€)",
        "Budget (€)",
        "Candidates per place",
        "Stayed in the public sector",
        "Wishing to stay in the public sector",
        "Funding",
        "Fellows' employer",
    ]
    table = table.set_index("Programme")
    assert table.loc["Code for Canada", "Annual pay (€)"] == "€49,620 (C$75,000; 2019)"
    assert table.loc["Code for Australia", "Fellows per year"] == "not published"
    assert table.loc["Team Digitale", "Candidates per place"] == "not applicable"
    assert table.loc["Code for America", "Country"] == "United States"
    assert table.loc["Prototype Fund", "Country"] == "Germany"
    assert (
        table.loc["Code for America", "Funding"],
        table.loc["Code for America", "Fellows' employer"],
    ) == (
        "mixed",
        "non-profit",
    )
    assert table.loc["EIG — dashboard data", "Annual pay (€)"] == (
        "€48,000 net (€4,000 net per month × 12)"
    )
    assert table.loc[
        "EIG — published figures (2019-2020)", "Wishing to stay in the public sector"
    ] == ("more than 57% (2019)")


def test_the_page_in_english_states_rates_readings_and_charts(page_en: AppTest) -> None:
    at = page_en
    assert [s.value for s in at.subheader] == ["Fellows recruited per year", "Annual pay in euros"]
    captions = " ".join(plain(c.value) for c in at.caption)
    assert "€1 = C$1.5115; €1 = US$1.1151 (rates of 31 May 2019; source: " in captions
    assert "Row “EIG — dashboard data”: cohorts, PIA budget, published salary" in captions
    readings = [m.value for m in at.markdown if m.value.startswith("EIG programme")]
    assert readings[1].startswith(
        "EIG programme, from the dashboard's data: €48,000 net (€4,000 net per month × 12); "
        "abroad, from €49,620 (Code for Canada) to €147,251 (Presidential Innovation Fellows). "
        "Not published: Code for America, "
    )
    assert "these programmes are left out of the chart, not drawn at zero." in readings[1]
    pay = json.loads(at.get("plotly_chart")[1].proto.spec)
    colours = {t["name"]: t["marker"]["color"] for t in pay["data"]}
    assert colours == {"EIG programme": HIGHLIGHT, "Programmes abroad": PALETTE[7]}
    assert pay["layout"]["xaxis"]["title"]["text"] == "Annual pay"
    assert pay["layout"]["xaxis"]["tickprefix"] == "€"
    assert pay["data"][0]["hovertemplate"].endswith(
        "Annual pay: %{x}<br>Figure: %{text}<extra></extra>"
    )
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels[:3] == [
        "Download CSV (comma)",
        "Download CSV (semicolon, decimal comma)",
        "Download Excel workbook (.xlsx)",
    ]
    assert labels[3:5] == ["PNG image", "SVG image"]
    assert next(e.label for e in at.expander) == (
        "Chart data “Fellows recruited per year” (accessible table)"
    )


def test_cells_are_english_and_their_codes_stay_french(found_en: pd.DataFrame) -> None:
    pif = cell(found_en, "pif", "annual_pay")
    assert pif["text"] == "€120,876 to €147,251 (US$134,789 to US$164,200; 2019)"
    assert pif["status"] == "fourchette"  # a code, compared by the code
    assert cell(found_en, "dta", "stayed")["text"] == "more than 70% (2007-2019)"
    assert plain(cell(found_en, "cfau", "duration_months")["text"]) == "6 to 12 months (2019)"
    assert cell(found_en, "cfa", "selectivity")["text"] == (
        "10 to 20 (5 to 10% of candidates accepted; 2019)"
    )
    assert cell(found_en, "dta", "budget")["text"] == (
        "€5,268 to €14,874 (A$8,500 to A$24,000; cost per participant per year; 2019)"
    )
    live = cell(found_en, intl.LIVE, "fellows_per_year")
    assert (live["label"], live["text"], live["detail"]) == (
        "EIG — dashboard data",
        "41 (2020; EIG 4)",
        "per year: 2017: 11; 2018: 28; 2019: 52; 2020: 41",
    )
    assert cell(found_en, intl.LIVE, "stayed")["text"] == (
        "55% (11 of 20 EIG respondents work in the public administration; 2019)"
    )
    unknown = found_en[found_en["status"].isin([intl.UNPUBLISHED, intl.NOT_APPLICABLE])]
    assert set(unknown["text"]) == {"not published", "not applicable"}
    assert unknown["value"].isna().all()


def test_detail_and_chart_tables_in_english(found_en: pd.DataFrame) -> None:
    i18n.use("en")
    try:
        detail = intl.detail_table(found_en)
        frame = intl.chart_frame(found_en, "annual_pay")
        chart_table = intl.chart_table(frame, "Annual pay (€)")
    finally:
        i18n.use("fr")
    assert list(detail.columns) == [
        "Programme",
        "Indicator",
        "Figure",
        "Type",
        "Value",
        "Upper value",
        "Unit",
        "Period",
        "Source",
        "Note",
    ]
    row = detail[(detail["Programme"] == "Code for Canada") & (detail["Indicator"] == "Duration")]
    assert row[["Figure", "Type", "Value", "Unit", "Period"]].values.tolist() == [
        ["10\u202fmonths (2019)", "published", 10.0, "months", "2019"]
    ]
    assert frame["group"].tolist() == ["EIG programme"] * 2 + ["Programmes abroad"] * 2
    assert chart_table.iloc[2].tolist()[:4] == [
        "Presidential Innovation Fellows",
        "€120,876 to €147,251",
        "range",
        "2019",
    ]


# --- Exports in English ---------------------------------------------------------------------


def test_an_export_in_english_has_english_headers_sheets_and_formats(
    con: duckdb.DuckDBPyConnection, english: None
) -> None:
    summary = exports.budget_summary(budget.with_total(budget.summary(con)))
    assert list(summary.columns)[:7] == [
        "Cohort",
        "Status",
        "PIA envelope",
        "Total spending",
        "Share of the envelope used",
        "Over the envelope",
        "Published total",
    ]
    assert set(summary["Over the envelope"].dropna()) <= {"yes", "no"}
    raw = exports.xlsx_bytes(
        summary,
        title="PIA budget",
        source="Rapport d'évaluation EIG 2019",
        filters="Cohorts: all",
        generated=datetime(2026, 11, 23, 12, 8),
        units=exports.units(),
    )
    book = load_workbook(io.BytesIO(raw))
    assert book.sheetnames == ["About", "Data"]
    about = {row[0]: row[1] for row in book["About"].iter_rows(min_row=4, values_only=True)}
    assert about["Filters applied"] == "Cohorts: all"
    assert about["Export date"] == "23 November 2026 at 12:08"
    assert about["Data"] == "sheet “Data”"
    assert about["Numbers"].startswith("Numbers are real numbers")
    data = book["Data"]
    headers = [c.value for c in data[1]]
    assert headers[:3] == ["Cohort", "Status", "PIA envelope"]
    envelope = data.cell(2, headers.index("PIA envelope") + 1)
    assert envelope.number_format == '"€"#,##0'
    share = data.cell(2, headers.index("Share of the envelope used") + 1)
    assert share.number_format == "0%"


def test_survey_export_headers_in_english(english: None) -> None:
    frame = pd.DataFrame(
        {"campaign": ["enquete-2019"], "year": [2019.0], "n": [11.0], "share": [0.55]}
    )
    out = exports.survey_aggregates(frame)
    assert list(out.columns) == ["Campaign (code)", "Year", "Count", "Share"]
    assert out["Count"].tolist() == [11]


def test_a_download_made_later_keeps_the_language_of_its_button(english: None) -> None:
    frame = pd.DataFrame({"Programme": ["Code for Canada"], "Fit": [True]})
    make_csv = downloads._csv(frame, ",")
    make_book = downloads._workbook(frame, "Title", "Source", "no filter", {})
    i18n.use("fr")  # Streamlit runs the callables later, in another thread (French default)
    assert make_csv().decode("utf-8-sig") == "Programme,Fit\r\nCode for Canada,yes\r\n"
    book = load_workbook(io.BytesIO(make_book()))
    assert book.sheetnames == ["About", "Data"]
    assert i18n.lang() == "fr"  # the callables leave the thread's language as it was


# --- Widgets in English ---------------------------------------------------------------------


def filters_script() -> None:
    from datetime import date

    import streamlit as st

    import widgets
    from eigdata.i18n import use
    from widgets import links, printing

    use("en")
    links.start_page("Test")
    st.markdown(links.filters_text())
    widgets.url_selectbox("Cohort", "promotion", ["EIG 1", "EIG 2"])
    links.record("promotions", "Cohorts", ["EIG 2", "EIG 4"], everything=False)
    links.record("status", "Status", ["realised", "forecast"], everything=True)
    links.record("profiles", "Profiles", [], everything=False)
    st.markdown(links.filters_text())
    printing.header(links.filters_text(), today=date(2025, 3, 3))


def test_filters_text_print_header_and_link_notice_in_english() -> None:
    at = AppTest.from_function(filters_script, default_timeout=60)
    at.query_params["promotion"] = "EIG 9"
    at.run()
    i18n.use("fr")
    assert not at.exception
    assert [m.value for m in at.markdown] == [
        "no filter",
        "Cohort: EIG 1; Cohorts: EIG 2, EIG 4; Status: all; Profiles: none",
    ]
    assert [i.value for i in at.info] == [
        "Shared link: value(s) ignored for the filter “promotion”: “EIG 9”."
    ]
    assert at.caption[0].value == (
        "Printable summary — filters: Cohort: EIG 1; Cohorts: EIG 2, EIG 4; Status: all; "
        "Profiles: none. Printed on 3 March 2025."
    )


def test_chart_texts_in_english(english: None) -> None:
    assert chart_images.image_subtitle("no filter", date(2025, 3, 3)) == (
        "Filters: no filter — 3 March 2025"
    )
    hover = charts.hovertemplate([("Line", "Salaries"), ("Amount (€)", "%{y}")])
    assert hover == "Line: Salaries<br>Amount: %{y}<extra></extra>"
    svg = chart_images.unavailable_image("svg", "Annual pay in euros").decode()
    assert "Image unavailable: the server could not draw this chart." in svg


def test_link_bar_texts_reach_the_component_in_english(
    english: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    sent: list[dict] = []
    monkeypatch.setattr(link_bar, "_bar", lambda data, key: sent.append(data))
    link_bar.link_bar(False, printable=True)
    (data,) = sent
    assert data["labels"] == {
        "copy": "Copy link",
        "field-label": "Link to this view",
        "print": "Printable version (A4, new tab)",
        "do-print": "Print",
        "back": "Back to the full page",
    }
    assert data["group"] == "Share or print this view"
    assert data["copied"].startswith("Link copied to the clipboard")
    assert all(f'data-eig="{name}"' in link_bar.HTML for name in data["labels"])


def test_changes_frame_headers_in_english(english: None) -> None:
    import widgets

    assert list(widgets.changes_frame([]).columns) == ["Page", "Figure", "Before", "After"]


# --- Error messages in English --------------------------------------------------------------


def test_user_messages_in_english(english: None) -> None:
    assert user_message(QueryError("roster_totals")) == (
        "The query “roster_totals” failed. The data shown may be incomplete; the incident "
        "has been logged."
    )
    assert user_message(RuntimeError()) == (
        "An unexpected error occurred; the incident has been logged."
    )
    problem = DataProblem("pia_budget.csv", 3, "amount", "type", "x")
    assert problem.location() == "file pia_budget.csv, row 3, column “amount”"
    assert str(problem) == "file pia_budget.csv, row 3, column “amount”: x"
    problems = [DataProblem("a.csv", row, f"c{row}", "type", "x") for row in (2, 3, 4)]
    message = user_message(ValidationFailed(problems), limit=1)
    first, *_lines, last = message.split("\n")
    assert first.endswith("; nothing was changed.")
    assert last == "… and 2 other distinct problem(s)."
