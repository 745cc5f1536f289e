"""Table exports: CSV (UTF-8 with BOM, comma or `;` with decimal commas) and .xlsx (« À propos »
then « Données »: French headers, numbers as numbers, French number formats), formula-looking
text neutralised in all of them; the pages' downloads (AppTest) offer the three formats."""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import duckdb
import openpyxl
import pandas as pd
import pytest
from openpyxl.worksheet.worksheet import Worksheet
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from eigdata import budget, composition, exports, survey
from eigdata.storage.store import DATA_DIR_ENV
from widgets import survey as sw

ROOT = Path(__file__).resolve().parent.parent
BOM = b"\xef\xbb\xbf"
GENERATED = datetime(2025, 3, 5, 9, 7)
EURO, EURO_CENTS = '#,##0 "€"', '#,##0.00 "€"'
DANGEROUS = ['=HYPERLINK("http://exemple.org","clic")', "+33 6 12 34 56 78", "@SUM(A1:A9)"]
DANGEROUS += ["-2+3", "\tcache", "\rretour"]


def tiny() -> pd.DataFrame:
    """A small French table: text (dangerous or not), euros, shares, counts, a flag."""
    return pd.DataFrame(
        {
            "Libellé": [DANGEROUS[0], DANGEROUS[1], DANGEROUS[2], "Salaires"],
            "Montant": [1250.5, -300.0, 4_800_000.0, None],
            "Part": [0.5, 0.25, None, 1.0],
            "Effectif": pd.array([3, None, 12, 1_234], dtype="Int64"),
            "Dépassement": [True, False, False, True],
        }
    )


def workbook(frame: pd.DataFrame, **about: object) -> openpyxl.Workbook:
    raw = exports.xlsx_bytes(
        frame,
        title=about.get("title", "Tableau d'essai"),
        source=about.get("source", "Rapport d'évaluation EIG 2019"),
        filters=about.get("filters", "Promotions : EIG 2 ; Statut : tous"),
        generated=GENERATED,
        units=about.get("units", {"Montant": exports.EUROS, "Part": exports.PERCENT}),
    )
    return openpyxl.load_workbook(io.BytesIO(raw))


def rows(sheet: Worksheet) -> list[tuple]:
    return list(sheet.iter_rows(values_only=True))


def column(sheet: Worksheet, header: str) -> list:
    """The cells of a « Données » column under its header."""
    headers = [c.value for c in sheet[1]]
    index = headers.index(header) + 1
    return [sheet.cell(r, index) for r in range(2, sheet.max_row + 1)]


# Neutralisation


@pytest.mark.parametrize("text", DANGEROUS)
def test_formula_looking_text_gets_an_apostrophe(text: str) -> None:
    assert exports.neutralise(text) == "'" + text


@pytest.mark.parametrize("value", ["Salaires", "", "EIG 2", "a=b", -3, -2.5, 0, None])
def test_other_values_are_untouched(value: object) -> None:
    assert exports.neutralise(value) == value


# CSV


@pytest.mark.parametrize("sep", [",", ";"])
def test_csv_starts_with_a_bom_and_reads_back(sep: str) -> None:
    raw = exports.csv_bytes(tiny(), sep)
    assert raw.startswith(BOM) and not raw.startswith(BOM * 2)
    read = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=sep))
    assert read[0] == ["Libellé", "Montant", "Part", "Effectif", "Dépassement"]
    assert [r[0] for r in read[1:]] == ["'" + t for t in DANGEROUS[:3]] + ["Salaires"]


@pytest.mark.parametrize(
    ("sep", "lines"),
    [
        (
            ",",
            [
                "Libellé,Montant,Part,Effectif,Dépassement",
                '"\'=HYPERLINK(""http://exemple.org"",""clic"")",1250.5,0.5,3,oui',
                "'+33 6 12 34 56 78,-300,0.25,,non",
                "'@SUM(A1:A9),4800000,,12,non",
                "Salaires,,1,1234,oui",
            ],
        ),
        (
            ";",
            [
                "Libellé;Montant;Part;Effectif;Dépassement",
                '"\'=HYPERLINK(""http://exemple.org"",""clic"")";1250,5;0,5;3;oui',
                "'+33 6 12 34 56 78;-300;0,25;;non",
                "'@SUM(A1:A9);4800000;;12;non",
                "Salaires;;1;1234;oui",
            ],
        ),
    ],
)
def test_csv_content(sep: str, lines: list[str]) -> None:
    assert exports.csv_bytes(tiny(), sep).decode("utf-8-sig").splitlines() == lines


def test_csv_neutralises_tab_and_carriage_return_and_text_columns_only() -> None:
    frame = pd.DataFrame({"Texte": ["\tcache", "\rretour", "-5"], "Écart": [-5, -1, 0]})
    text = exports.csv_bytes(frame, ";").decode("utf-8-sig")
    assert text == "Texte;Écart\r\n'\tcache;-5\r\n\"'\rretour\";-1\r\n'-5;0\r\n"


def test_semicolon_csv_writes_floats_of_mixed_columns_with_a_comma() -> None:
    frame = pd.DataFrame({"Valeur": pd.Series([10.5, "masqué"], dtype=object)})
    assert exports.csv_bytes(frame, ";").decode("utf-8-sig") == "Valeur\r\n10,5\r\nmasqué\r\n"


def test_csv_of_an_empty_table_keeps_its_headers() -> None:
    assert (
        exports.csv_bytes(tiny().iloc[:0], ";")
        == BOM + "Libellé;Montant;Part;Effectif;Dépassement\r\n".encode()
    )


# XLSX


def test_xlsx_sheets_and_about_sheet() -> None:
    book = workbook(tiny(), source=["Rapport d'évaluation EIG 2019", "Site du programme EIG"])
    assert book.sheetnames == ["À propos", "Données"]
    assert book.active.title == "À propos"
    about = rows(book["À propos"])
    assert about[0] == ("Tableau d'essai", None)
    assert about[1][0] == exports.DASHBOARD
    assert about[3:9] == [
        ("Sources", "Rapport d'évaluation EIG 2019"),
        (None, "Site du programme EIG"),
        ("Filtres appliqués", "Promotions : EIG 2 ; Statut : tous"),
        ("Date de l'export", "5 mars 2025 à 09:07"),
        ("Lignes de données", 4),
        ("Nombres", exports.NUMBERS_NOTE),
    ]
    assert book["À propos"]["A1"].font.bold
    assert book.properties.title == "Tableau d'essai"


def test_xlsx_about_sheet_neutralises_its_text_too() -> None:
    book = workbook(tiny(), title="=1+1", source="@source", filters="aucun filtre")
    about = book["À propos"]
    assert about["A1"].value == "'=1+1" and about["A1"].data_type == "s"
    assert about["B4"].value == "'@source" and about["B4"].data_type == "s"
    assert about["A4"].value == "Source"


def test_xlsx_neutralised_text_is_a_string_never_a_formula() -> None:
    sheet = workbook(tiny())["Données"]
    labels = column(sheet, "Libellé")
    assert [c.value for c in labels] == ["'" + t for t in DANGEROUS[:3]] + ["Salaires"]
    assert {c.data_type for c in labels} == {"s"}
    assert not any(c.data_type == "f" for row in sheet.iter_rows() for c in row)


def test_xlsx_numbers_are_numbers_with_french_formats() -> None:
    sheet = workbook(tiny())["Données"]
    amounts = column(sheet, "Montant")
    assert [c.value for c in amounts] == [1250.5, -300, 4_800_000, None]
    assert [c.data_type for c in amounts[:3]] == ["n", "n", "n"]
    assert [c.number_format for c in amounts[:3]] == [EURO_CENTS, EURO, EURO]
    shares = column(sheet, "Part")
    assert [c.value for c in shares] == [0.5, 0.25, None, 1]
    assert shares[0].number_format == "0 %"
    counts = column(sheet, "Effectif")
    assert [c.value for c in counts] == [3, None, 12, 1234]
    assert counts[3].number_format == "#,##0"
    assert [c.value for c in column(sheet, "Dépassement")] == ["oui", "non", "non", "oui"]


def test_xlsx_negative_numbers_stay_numbers() -> None:
    frame = pd.DataFrame({"Écart": [-4, -2.5], "Texte": ["-4", "- 2"]})
    sheet = workbook(frame, units={})["Données"]
    assert [(c.value, c.data_type) for c in column(sheet, "Écart")] == [(-4, "n"), (-2.5, "n")]
    assert column(sheet, "Écart")[1].number_format == "#,##0.0##"
    assert [c.value for c in column(sheet, "Texte")] == ["'-4", "'- 2"]


def test_xlsx_data_sheet_layout() -> None:
    sheet = workbook(tiny())["Données"]
    assert [c.value for c in sheet[1]] == ["Libellé", "Montant", "Part", "Effectif", "Dépassement"]
    assert all(c.font.bold for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:E5"
    widths = {k: sheet.column_dimensions[k].width for k in "ABCDE"}
    assert widths["A"] == len(DANGEROUS[0]) + 1 + 2  # apostrophe and margin
    assert widths["B"] == len("4,800,000.00") + 3
    assert all(exports.MIN_WIDTH <= w <= exports.MAX_WIDTH for w in widths.values())


def test_xlsx_drops_control_characters_a_workbook_cannot_hold() -> None:
    sheet = workbook(pd.DataFrame({"Texte": ["a\x00b\x1fc"]}))["Données"]
    assert sheet["A2"].value == "abc"


# Real tables of the pages


@pytest.fixture(scope="module")
def summary_export(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return exports.budget_summary(budget.with_total(budget.summary(con)))


def test_budget_summary_export_keeps_numbers(summary_export: pd.DataFrame) -> None:
    total = summary_export.iloc[-1]
    assert total["Promotion"] == "Total" and total["Statut"] == "réalisé, prévisionnel"
    assert total["Enveloppe PIA"] == 4_800_000
    assert total["Total des dépenses"] == 5_134_558.47
    assert total["EIG"] == 71 and total["Défis"] == 37 and total["EIG-mois"] == 710
    assert total["Dépassement"] == "oui"
    assert round(total["Part de l'enveloppe consommée"], 4) == 1.0697
    assert summary_export["Coût par EIG"].tolist() == [71959.4, 68308.61, 75948.88, 72317.72]


def test_budget_summary_xlsx(summary_export: pd.DataFrame) -> None:
    sheet = workbook(summary_export, units=exports.UNITS)["Données"]
    assert [c.value for c in sheet[1]][:5] == [
        "Promotion",
        "Statut",
        "Enveloppe PIA",
        "Total des dépenses",
        "Part de l'enveloppe consommée",
    ]
    envelope = column(sheet, "Enveloppe PIA")
    assert [c.value for c in envelope] == [800_000, 2_500_000, 1_500_000, 4_800_000]
    assert envelope[-1].data_type == "n" and envelope[-1].number_format == EURO
    spending = column(sheet, "Total des dépenses")[-1]
    assert (spending.value, spending.number_format) == (5_134_558.47, EURO_CENTS)
    share = column(sheet, "Part de l'enveloppe consommée")[-1]
    assert share.number_format == "0 %" and round(share.value, 4) == 1.0697
    assert column(sheet, "EIG")[-1].number_format == "#,##0"


def test_budget_summary_semicolon_csv(summary_export: pd.DataFrame) -> None:
    lines = exports.csv_bytes(summary_export, ";").decode("utf-8-sig").splitlines()
    assert lines[-1].startswith("Total;réalisé, prévisionnel;4800000;5134558,47;1,069")
    assert lines[1].startswith("EIG 1;réalisé;800000;791553,38;0,989")


def test_budget_lines_export(con: duckdb.DuckDBPyConnection) -> None:
    table = exports.budget_lines(budget.lines(con, ["EIG 2"], ["salaires"]))
    assert list(table.columns) == ["Promotion", "Ligne", "Nature", "Montant", "Statut", "Source"]
    assert table["Montant"].tolist() == [2_500_000, 1_801_326]
    assert table["Ligne"].tolist() == ["Enveloppe allouée par le PIA", "Salaires"]


def test_composition_profile_export(con: duckdb.DuckDBPyConnection) -> None:
    table = exports.composition_profiles(composition.profile_mix(con, ["EIG 2", "DIG"]))
    assert list(table.columns) == [
        "Promotion",
        "Profil",
        "EIG (site)",
        "Part (site)",
        "Part publiée",
        "Effectif publié",
    ]
    row = table[(table["Promotion"] == "EIG 2") & (table["Profil"] == "Data scientist")].iloc[0]
    assert (row["EIG (site)"], row["Part (site)"], row["Part publiée"]) == (14, 0.5, 0.5)
    sheet = workbook(table, units=exports.UNITS)["Données"]
    shares = column(sheet, "Part (site)")
    assert shares[2].value == 0.5 and shares[2].number_format == "0 %"
    dig = [c.value for c in column(sheet, "Part publiée")[4:]]
    assert dig == [None, None, None, None]  # DIG: no published share, empty cells
    assert [c.value for c in column(sheet, "Effectif publié")][4] == 20


def test_survey_export_has_french_headers(con: duckdb.DuckDBPyConnection) -> None:
    frame = survey.distribution(con, "enquete-2019", "intention_admin_apres")
    table = exports.survey_aggregates(sw.export_frame(frame, "enquete-2019", "x"))
    assert list(table.columns) == [
        "Campagne (code)",
        "Question (code)",
        "Réponse (code)",
        "Réponse",
        "Effectif",
        "Répondants (n)",
        "Part",
        "IC 95 % (Wilson) : borne basse",
        "IC 95 % (Wilson) : borne haute",
        "Remarque",
        "Confidentialité",
    ]
    yes = table[table["Réponse (code)"] == "oui"].iloc[0]
    assert (yes["Effectif"], yes["Répondants (n)"], round(yes["Part"], 4)) == (12, 21, 0.5714)
    sheet = workbook(table, units=exports.UNITS)["Données"]
    assert {c.number_format for c in column(sheet, "Part") if c.value is not None} == {"0 %"}


# The pages' download buttons (AppTest)


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes | Callable[[], bytes]]:
    """File name -> bytes (or the callable of a deferred download) of every download drawn."""
    files: dict[str, bytes | Callable[[], bytes]] = {}
    add, add_deferred = MediaFileManager.add, MediaFileManager.add_deferred

    def record(
        self: MediaFileManager,
        data: bytes,
        mimetype: str,
        coordinates: str,
        file_name: str | None = None,
        *args: object,
        **kwargs: object,
    ) -> str:
        files[file_name] = data
        return add(self, data, mimetype, coordinates, file_name, *args, **kwargs)

    def record_deferred(
        self: MediaFileManager,
        data: Callable[[], bytes],
        mimetype: str,
        coordinates: str,
        file_name: str | None = None,
        **kwargs: object,
    ) -> str:
        files[file_name] = data
        return add_deferred(self, data, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add", record)
    monkeypatch.setattr(MediaFileManager, "add_deferred", record_deferred)
    return files


def run_page(page: str, **params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / page), default_timeout=90)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception
    return at


def test_budget_page_offers_three_formats_per_table(data: Path, downloads: dict) -> None:
    at = run_page("budget.py")
    buttons = {b.proto.id.split("-", 2)[2]: b for b in at.get("download_button")}
    tables = {key: b for key, b in buttons.items() if key.startswith("dl-")}
    assert list(tables) == [
        f"dl-{kind}-budget-{table}"
        for table in ("summary", "lines")
        for kind in ("comma", "semicolon", "xlsx")
    ]
    assert [b.label for b in tables.values()] == [
        "Télécharger en CSV (virgule)",
        "Télécharger en CSV pour Excel (point-virgule)",
        "Télécharger en classeur Excel (.xlsx)",
    ] * 2
    workbook_button = tables["dl-xlsx-budget-summary"].proto
    assert workbook_button.deferred_file_id and not workbook_button.url  # built on click
    names = sorted(name for name in downloads if name.startswith("budget-pia-"))
    assert names == sorted(
        f"budget-pia-{stem}{end}"
        for stem in ("synthese", "lignes")
        for end in (".csv", "-excel.csv", ".xlsx")
    )
    header = downloads["budget-pia-synthese.csv"]().decode("utf-8-sig").splitlines()[0]
    assert header.startswith("Promotion,Statut,Enveloppe PIA,Total des dépenses,")
    total = downloads["budget-pia-synthese-excel.csv"]().decode("utf-8-sig").splitlines()[-1]
    assert total.startswith("Total;réalisé, prévisionnel;4800000;5134558,47;")


def test_budget_page_workbook_names_the_filters(data: Path, downloads: dict) -> None:
    run_page("budget.py", promotion="EIG 2")
    book = openpyxl.load_workbook(io.BytesIO(downloads["budget-pia-synthese.xlsx"]()))
    about = dict(r for r in rows(book["À propos"]) if r[0])
    assert about["Filtres appliqués"] == (
        "Promotions : EIG 2 ; Lignes de dépense : tous ; Statut : tous"
    )
    assert about["Source"].startswith("Rapport d'évaluation EIG 2019")
    assert re.fullmatch(r"\d{1,2} [a-zéû]+ 20\d\d à \d\d:\d\d", about["Date de l'export"])
    envelope = column(book["Données"], "Enveloppe PIA")
    assert [c.value for c in envelope] == [2_500_000, 2_500_000]
    assert envelope[0].number_format == EURO


def test_composition_page_profile_workbook(data: Path, downloads: dict) -> None:
    run_page("composition.py", promotion="EIG 2")
    book = openpyxl.load_workbook(io.BytesIO(downloads["composition-profils.xlsx"]()))
    sheet = book["Données"]
    profiles = [c.value for c in column(sheet, "Profil")]
    share = column(sheet, "Part (site)")[profiles.index("Data scientist")]
    assert (share.value, share.number_format) == (0.5, "0 %")
    assert rows(book["À propos"])[0] == ("Profils des EIG par promotion", None)


PAGES_WITH_DOWNLOADS = [
    "budget.py",
    "composition.py",
    "enquetes.py",
    "production.py",
    "trajectoires.py",
]


@pytest.mark.parametrize("page", PAGES_WITH_DOWNLOADS)
def test_every_download_has_french_headers(page: str, data: Path, downloads: dict) -> None:
    run_page(page)
    tables = {n: raw for n, raw in downloads.items() if n.endswith(".csv") and "-excel" not in n}
    assert tables
    for name, raw in tables.items():
        header = next(csv.reader(io.StringIO(raw().decode("utf-8-sig"))))
        internal = [h for h in header if re.fullmatch(r"[a-z0-9_]+", h)]
        assert internal == [], f"{name}: {internal}"


LAZY_OPENPYXL = """
import sys
from streamlit.testing.v1 import AppTest
for page in ("accueil", "composition", "budget"):
    at = AppTest.from_file("pages/" + page + ".py", default_timeout=90).run()
    assert not at.exception and not at.error, page
print("openpyxl" in sys.modules)
from eigdata import exports
import pandas as pd
from datetime import datetime
frame = pd.DataFrame({"a": [1]})
exports.xlsx_bytes(frame, title="t", source="s", filters="", generated=datetime(2026, 11, 24))
print("openpyxl" in sys.modules)
"""


def test_pages_render_without_openpyxl(fresh_data: Path) -> None:
    """openpyxl (7 MiB of server memory) is loaded only when a workbook is downloaded."""
    env = {**os.environ, DATA_DIR_ENV: str(fresh_data), "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", LAZY_OPENPYXL], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["False", "True"]
