"""The import and history pages, and the import messages, in English (`?lang=en`): a survey
export's preview (what changes, what stays), the confirmation, the history and its undo; an
expert table import; the templates, journal and problems words. The audit log keeps its
action codes and French scopes: only their display is in English."""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from eigdata import i18n
from eigdata.errors import DataProblem
from eigdata.formatting import plain
from eigdata.ingest import changes, problems_frame, templates
from eigdata.ingest.promotion.preview import OtherPromotion, Preview
from eigdata.ingest.tables import _size
from eigdata.storage import journal, versions
from tests.in_english import english_page

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).parent / "data"
GOOGLE = HERE / "exports" / "google_forms_eig_2021.csv"
BUDGET = HERE / "good" / "pia_budget_excel_fr.csv"
SHEET = HERE / "rosters" / "eig5.xlsx"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TITLE = "Survey 2021 — cohorts 3 and 4"
SAVED = (
    "Import no. 1 saved (campaign enquete-2021 (EIG)): “survey_campaigns” version 1, "
    "“sources” version 1, “survey_responses” version 1."
)


def texts(elements) -> list[str]:
    return [plain(str(e.value)) for e in elements]


def campaign_preview() -> AppTest:
    """The import page in English, campaign mode, a Google Forms export of 20 EIG dropped."""
    at = english_page("import_donnees", analyst=True)
    assert not at.exception
    assert at.title[0].value == "Import data"
    mode = at.radio(key="import-mode")
    assert mode.label == "What do you want to import?"
    assert mode.options == [
        "A survey campaign (export from a survey tool)",
        "A new cohort (the cohort's sheet)",
        "A whole table (expert import)",
    ]
    mode.set_value("campagne").run()
    at.text_input(key="campaign-code").set_value("enquete-2021")
    at.text_input(key="campaign-title").set_value(TITLE)
    at.number_input(key="campaign-year").set_value(2021)
    at.number_input(key="campaign-invited").set_value(30)
    at.run()
    raw = GOOGLE.read_bytes()
    at.file_uploader(key="campaign-upload").set_value((GOOGLE.name, raw, "text/csv")).run()
    assert not at.exception and texts(at.error) == []
    return at


def test_a_survey_export_previewed_confirmed_and_undone_in_english(data: Path) -> None:
    at = campaign_preview()
    assert at.selectbox(key="campaign-tool").label == "Survey tool"
    assert at.checkbox(key="campaign-replace").label == "Replace the existing responses"
    assert at.subheader[0].value == "Preview of the imported campaign"
    columns = at.dataframe[0].value
    assert list(columns.columns) == ["File's column", "Maps to", "Recognised by"]
    assert columns.loc[1, "Recognised by"] == "personal data"
    metrics = {m.label: plain(m.value) for m in at.metric}
    assert metrics == {
        "Respondents kept": "20",
        "Response rate": "67%",
        "Wish to stay in the administration afterwards": "65%",
        "Considered the administration before the programme": "32%",
        "Work in the administration today": "45%",
    }
    assert "65% (95% CI: 43% to 82%; 13 of 20 respondents)" in texts(at.caption)
    answers = at.dataframe[1].value
    assert list(answers.columns) == ["Question", "Answers", "No answer"]
    assert answers.loc[0].tolist() == [
        "Before the programme, did you intend to work in the public administration?",
        19,
        1,
    ]
    shown = texts(at.markdown)
    assert "**Other campaigns**" in shown
    assert "- Enquête 2019 — promotions 1 et 2: 34 respondents, unchanged" in shown
    assert "**Dashboard figures that will move**" in shown
    moved = at.dataframe[2].value.map(plain).values.tolist()
    assert ["Surveys", f"{TITLE} — EIG respondents", "—", "20"] in moved
    assert "Download the column mapping" in [b.label for b in at.get("download_button")]
    confirm = at.button(key="confirm-campaign")
    assert confirm.label == "Confirm the campaign import"

    confirm.click().run()
    assert not at.exception
    assert texts(at.success) == [SAVED]
    assert texts(at.info) == ["This file has just been imported. Drop another export to go on."]
    logged = at.dataframe[0].value
    assert logged.loc[0, ["Action", "Subject"]].tolist() == [
        "campaign import",
        "campaign enquete-2021 (EIG)",
    ]
    # the log itself keeps the action code and the French scope
    stored = versions.audit_rows(data)[0]
    assert (stored["action"], stored["scope"]) == ("import-campagne", "campagne enquete-2021 (EIG)")

    history = english_page("historique", analyst=True)
    assert not history.exception
    assert history.title[0].value == "Import history"
    assert [h.value for h in history.header] == ["Import log", "Undo an import"]
    log = history.dataframe[0].value
    assert list(log.columns) == [
        "No.",
        "Date (UTC)",
        "By",
        "Action",
        "Dataset",
        "Version",
        "File",
        "Rows",
        "Subject",
        "SHA-256 fingerprint",
    ]
    assert log["Action"].tolist() == ["campaign import"] * 3
    line = next(m.value for m in history.markdown if m.value.startswith("Import no. 1"))
    assert line.startswith("Import no. 1 — campaign import: campaign enquete-2021 (EIG) (")
    assert line.endswith("UTC; survey\\_campaigns v1, sources v1, survey\\_responses v1)")
    assert history.button(key="undo-1").label == "Undo this import"

    history.button(key="undo-1").click().run()
    assert history.warning[0].value.endswith(
        "will be undone; the undo will be recorded in the log."
    )
    assert history.button(key="undo-cancel").label == "Keep this import"
    assert history.button(key="undo-confirm").label == "Confirm the undo"
    history.button(key="undo-confirm").click().run()
    assert not history.exception
    assert texts(history.success) == [
        "Import no. 1 undone: “survey_campaigns” version 0, “sources” version 0, "
        "“survey_responses” version 0."
    ]
    log = history.dataframe[0].value
    assert log.loc[0, ["Action", "Subject"]].tolist() == [
        "rollback",
        "undo of import no. 1 (campaign enquete-2021 (EIG))",
    ]
    assert versions.audit_rows(data)[-1]["scope"] == (
        "annulation de l'import n° 1 (campagne enquete-2021 (EIG))"
    )


def test_an_expert_table_import_previewed_in_english(data: Path) -> None:
    at = english_page("import_donnees", analyst=True)
    at.radio(key="import-mode").set_value("table").run()
    at.selectbox[0].set_value("pia_budget").run()
    assert at.selectbox[0].label == "Data to import"
    assert [b.label for b in at.get("download_button")][:3] == [
        "CSV template (comma)",
        "CSV template for Excel (semicolon)",
        "Excel template with instructions",
    ]
    assert at.warning[0].value.startswith(
        "Expert import: the file **replaces the whole content** of “Budget PIA par promotion”"
    )
    at.file_uploader[0].set_value((BUDGET.name, BUDGET.read_bytes(), "text/csv")).run()
    assert not at.exception and texts(at.error) == []
    assert at.subheader[0].value == "What will change"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {"Rows added": "1", "Rows removed": "0", "Rows changed": "0"}
    assert (
        "“pia\\_budget”: the file will replace version 0 (16 row(s): 1 added, 0 removed, "
        "0 changed).  \nCohorts new in “pia\\_budget”: EIG 4."
    ) in texts(at.markdown)
    assert list(at.dataframe[0].value.columns) == ["Change", "Line"]
    assert at.dataframe[0].value["Change"].tolist() == ["added"]
    moved = at.dataframe[-1].value.map(plain).values.tolist()
    assert ["PIA budget", "Total — spending", "€5,134,558.47", "€6,369,126.36"] in moved
    assert ["PIA budget", "EIG 4 — spending", "—", "€1,234,567.89"] in moved
    assert at.button(key="confirm-import").label == "Confirm the import"


def test_a_promotion_sheet_previewed_in_english(data: Path) -> None:
    at = english_page("import_donnees", analyst=True)
    at.radio(key="import-mode").set_value("promotion").run()
    assert at.selectbox(key="promotion-programme").options[0] == (
        "From the name (DIG if the name starts with DIG, else EIG)"
    )
    at.text_input(key="promotion-name").set_value("EIG 5")
    at.number_input(key="promotion-year").set_value(2021).run()
    at.file_uploader(key="promotion-upload").set_value((SHEET.name, SHEET.read_bytes(), XLSX))
    at.run()
    assert not at.exception and texts(at.error) == []
    assert at.subheader[0].value == "Preview of cohort EIG 5"
    assert {m.label: m.value for m in at.metric} == {"EIG": "12", "Mentors": "7", "Challenges": "5"}
    shown = texts(at.markdown)
    assert (
        "Host services: 4 new (AESN, Archives nationales, Conseil d’État, ONF), "
        "1 already hosting (HAS)."
    ) in shown
    assert "- EIG 4: 41 EIG, 17 challenges — unchanged" in "\n".join(shown)
    mix = next(d.value for d in at.dataframe if "Share" in d.value.columns)
    assert list(mix.columns) == ["Profile", "EIG", "Share"]
    assert mix["Share"].map(plain).tolist() == ["25%", "42%", "25%", "8%"]
    assert texts(at.info) == [
        "Profiles not recognised, counted as “other profile”: “Juriste du numérique” (1 EIG)."
    ]
    moved = next(d.value for d in at.dataframe if "Before" in d.value.columns)
    assert ["Home", "Challenges (website)", "71", "76"] in moved.map(plain).values.tolist()
    files = at.dataframe[-1].value
    assert list(files.columns) == ["File", "Changes"]
    assert files.values.tolist()[0] == ["sources", "1 added, 0 removed, 0 changed"]
    assert at.button(key="confirm-promotion").label == "Confirm the cohort import"


def test_journal_words_the_stored_scopes_and_actions_in_english(english) -> None:
    assert journal.action_label("import-promotion") == "cohort import"
    assert journal.action_label("inconnue") == "inconnue"
    assert journal.scope_label("promotion EIG 5") == "cohort EIG 5"
    assert journal.scope_label("campagne enquete-2023 (mentors)") == (
        "campaign enquete-2023 (mentors)"
    )
    assert journal.scope_label("annulation de l'import n° 4 (import-promotion)") == (
        "undo of import no. 4 (cohort import)"
    )
    assert journal.scope_label("autre chose") == "autre chose"
    assert journal.version_label({"version": 0, "file_name": "pia_budget.csv"}) == (
        "version 0 — shipped file pia_budget.csv"
    )
    i18n.use("fr")
    assert journal.scope_label("promotion EIG 5") == "promotion EIG 5"


def test_templates_and_problems_in_english(english) -> None:
    text = templates.render("pia_budget", "txt").decode()
    assert "Import template: Budget PIA par promotion (pia_budget)" in text
    assert "The import REPLACES the whole content of “pia_budget”" in text
    assert "- status (text, required; allowed values: “réalisé”, “prévisionnel”)" in text
    book = load_workbook(io.BytesIO(templates.render("pia_budget", "xlsx")))
    assert book.sheetnames == ["data", "instructions"]
    notes = [row for row in book["instructions"].iter_rows(values_only=True) if row[0]]
    assert ("column", "type", "required", "rules", "description") in [r[:5] for r in notes]
    assert notes[-4][:3] == ("status", "text", "yes")
    problem = DataProblem("budget.csv", 3, "status", "contrainte", "message")
    frame = problems_frame([problem])
    assert list(frame.columns) == ["file", "line", "column", "code", "message"]
    assert frame["line"].tolist() == [3]
    assert (_size(900), _size(12_800), _size(13_107_200)) == ("900 bytes", "12.5 KB", "12.5 MB")


def test_season_preview_lines_and_counts_in_english(english) -> None:
    diff = changes.TableDiff(["a", "b"], [], ["c"])
    assert diff.describe() == "2 added, 0 removed, 1 changed"
    assert OtherPromotion("EIG 4", 41, 1, True).line() == "EIG 4: 41 EIG, 1 challenge — unchanged"
    assert OtherPromotion("EIG 3", 32, 0, False).line() == "EIG 3: 32 EIG, 0 challenges — changed"
    preview = Preview("EIG 5", 3, 2, 2, ["AESN", "HAS"], [], [], [], [], [])
    assert preview.hosts_line() == "Host services: 2 new (AESN, HAS), 0 already hosting."
