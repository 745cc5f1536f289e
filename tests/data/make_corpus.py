"""Regenerate the import test corpus: `python tests/data/make_corpus.py`.

bad/: one file per problem; bad/expected.json gives, each reviewed by hand, the `messages`
(one per problem, as in the downloadable list) and the grouped `lines` people read;
good/: real-world shaped files that must import.
"""

from __future__ import annotations

import csv
import io
import random
import zipfile
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).parent
BAD = HERE / "bad"
GOOD = HERE / "good"
DOC = "004_091d441f4f0f9050.txt"
SECTION = "Le programme EIG en chiffres (tableau au 31 mai 2019) — Budget"
HEADER = "promotion,line,amount,status,source_doc,source_section,note"
OK1 = f"EIG 1,enveloppe_pia,800000,réalisé,{DOC},{SECTION},"
OK2 = f"EIG 1,salaires,756553.38,réalisé,{DOC},{SECTION},"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
    b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)


def budget(*rows: str, header: str = HEADER) -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode("utf-8")


def zip_with(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<xml/>")
    return buffer.getvalue()


def workbook(rows: list[list[object]]) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def french(rows: list[list[str]]) -> bytes:
    """Excel « CSV (séparateur : point-virgule) » in French: cp1252, CRLF."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode("cp1252")


def bad_files() -> dict[str, bytes]:
    rng = random.Random(5)
    huge = "x" * 200_000
    return {
        "01_unknown_column.csv": budget(OK1 + ",oui", header=HEADER + ",montant_ttc"),
        "02_missing_column.csv": budget(
            f"EIG 1,enveloppe_pia,800000,{DOC},{SECTION},",
            header="promotion,line,amount,source_doc,source_section,note",
        ),
        "03_misspelt_column.csv": budget(OK1, header=HEADER.replace("amount", "amout")),
        "04_value_not_allowed.csv": budget(OK1, OK2.replace("réalisé", "réalisée")),
        "05_wrong_type_number.csv": budget(OK1, OK2.replace("756553.38", "beaucoup")),
        "06_wrong_type_integer.csv": (
            "promotion,programme,year,sort_order,duration_months,start_month,label_en,"
            "source_doc,source_section,note\n"
            f"EIG 1,EIG,deux mille,1,10,2017-01,EIG class 1,{DOC},x,\n"
        ).encode(),
        "07_duplicate_key.csv": budget(OK1, OK2, OK1.replace("800000", "800001")),
        "08_empty.csv": b"",
        "09_header_only.csv": budget(),
        "10_blank_lines_only.csv": b"\r\n;;;;\r\n  \r\n",
        "11_image_renamed.csv": PNG,
        "12_word_renamed.csv": zip_with("[Content_Types].xml", "word/document.xml"),
        "13_binary_garbage.csv": bytes(rng.randrange(256) for _ in range(4096)),
        "14_quoted_newlines_then_error.csv": budget(
            f'EIG 1,enveloppe_pia,800000,réalisé,{DOC},{SECTION},"première ligne\nseconde ligne\n'
            'troisième ligne"',
            OK2.replace("756553.38", "abc"),
        ),
        "15_huge_line.csv": budget(OK1, OK2 + huge),
        "16_mixed_encodings.csv": budget(OK1)
        + OK2.replace("réalisé", "r\xe9alis\xe9")
        .encode("cp1252", errors="replace")
        .replace(b"\xe2\x80\x94", b"-")
        + b"\n",
        "17_unknown_promotion.csv": budget(OK1, OK2.replace("EIG 1", "EIG 9")),
        "18_negative_amount.csv": budget(OK1, OK2.replace("756553.38", "-100")),
        "19_too_large.csv": budget(*[OK1.replace("enveloppe_pia", f"l{i}") for i in range(20)]),
        "20_missing_required_value.csv": budget(OK1, OK2.replace(DOC, "")),
        "21_too_many_cells.csv": budget(OK1, OK2 + ",en trop"),
        "22_too_few_cells.csv": budget(OK1, "EIG 1,salaires,756553.38"),
        "23_duplicate_header.csv": budget(OK1 + ",", header=HEADER + ",note"),
        "24_unknown_budget_line.csv": budget(OK1, OK2.replace("salaires", "loyer")),
        "25_pdf_renamed.csv": b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n",
        "26_old_excel.xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504),
        "27_broken_workbook.xlsx": zip_with("[Content_Types].xml", "xl/workbook.xml"),
        "28_workbook_bad_value.xlsx": workbook(
            [
                HEADER.split(","),
                ["EIG 1", "enveloppe_pia", 800000, "réalisé", DOC, SECTION, None],
                ["EIG 1", "salaires", 756553.38, "inconnu", DOC, SECTION, None],
            ]
        ),
        "29_french_excel_errors.csv": french(
            [
                HEADER.split(","),
                ["EIG 1", "enveloppe_pia", "800\xa0000,00", "Réalisé", DOC, "Budget", ""],
                ["EIG 1", "salaires", "756 553,38", "Réalisée", DOC, "Budget", ""],
                ["EIG 1", "communication", "1,2,3", "réalisé", DOC, "Budget", ""],
            ]
        ),
        "30_formula_in_number.csv": budget(OK1, OK2.replace("756553.38", "=SUM(A1:A3)")),
        "31_removes_referenced_line.csv": (
            "line,kind,label_fr,label_en,sort_order,source_doc,source_section\n"
            f"enveloppe_pia,enveloppe,Enveloppe,PIA allocation,1,{DOC},Budget\n"
            f"salaires,dépense,Salaires,Salaries,2,{DOC},Budget\n"
            f"communication,dépense,Communication,Communication,3,{DOC},Budget\n"
            f"programme_accompagnement,dépense,Programme,Support programme,4,{DOC},Budget\n"
        ).encode(),
        "32_year_out_of_range.csv": (
            "promotion,programme,year,sort_order,duration_months,start_month,label_en,"
            "source_doc,source_section,note\n"
            f"EIG 1,EIG,1850,1,10,2017-01,EIG class 1,{DOC},x,\n"
        ).encode(),
        "33_bad_boolean.csv": (
            "indicator,scope,value,unit,approximate,source_doc,source_section,note\n"
            f"eig,EIG 1 à EIG 3,71,personnes,peut-être,{DOC},x,\n"
        ).encode(),
        "34_gzip_renamed.csv": b"\x1f\x8b\x08\x00" + bytes(20),
        "35_unclosed_quote.csv": budget(OK1, OK2 + '"note ouverte', OK1.replace("enveloppe", "x")),
    }


def good_files() -> dict[str, bytes]:
    lines = [HEADER.split(",")]
    zero = "« - € » dans la source (zéro ; confirmé par le budget total)"
    eig3 = SECTION + " (colonne EIG 3 (Prévisionnel))"
    shipped = [
        ("EIG 1", "enveloppe_pia", "800 000,00", "réalisé", SECTION, ""),
        ("EIG 1", "salaires", "756\xa0553,38", "Réalisé", SECTION, ""),
        ("EIG 1", "communication", "0", "REALISE", SECTION, zero),
        ("EIG 1", "programme_accompagnement", "25\xa0000", "réalisé", SECTION, ""),
        ("EIG 1", "liens_recherche", "10 000", "realise", SECTION, ""),
        ("EIG 2", "enveloppe_pia", "2\xa0500\xa0000", "réalisé", SECTION, ""),
        ("EIG 2", "salaires", "1 801 326,00", "réalisé", SECTION, ""),
        ("EIG 2", "communication", "74 209", "réalisé", SECTION, ""),
        ("EIG 2", "programme_accompagnement", "37 106", "réalisé", SECTION, ""),
        ("EIG 2", "liens_recherche", "0", "réalisé", SECTION, zero),
        ("EIG 3", "enveloppe_pia", "1 500 000", "prévisionnel", eig3, ""),
        ("EIG 3", "salaires", "2 100 364,09", "Prévisionnel", eig3, ""),
        ("EIG 3", "communication", "80 000", "prévisionnel", eig3, ""),
        ("EIG 3", "programme_accompagnement", "220 000", "prévisionnel", eig3, ""),
        ("EIG 3", "liens_recherche", "30 000", "prévisionnel", eig3, ""),
        ("EIG 4", "salaires", "1\xa0234\xa0567,89", "PRÉVISIONNEL", "Budget 2020", "ajout"),
    ]
    lines += [
        [p, line, amount, status, DOC, section, note]
        for p, line, amount, status, section, note in shipped
    ]
    comma = [
        HEADER,
        OK1,
        OK2,
        f"EIG 4,salaires,2\u202f500\u202f000.5,Prévisionnel,{DOC},{SECTION},BOM",
    ]
    html = [
        HEADER,
        OK1,
        f"EIG 4,salaires,1,prévisionnel,{DOC},{SECTION},\"<script>alert('x')</script><b>gras</b>\"",
        f'EIG 4,communication,2,prévisionnel,{DOC},{SECTION},=HYPERLINK("http://x")',
    ]
    return {
        "pia_budget_excel_fr.csv": french(lines),
        "pia_budget_utf8_bom.csv": ("\ufeff" + "\n".join(comma) + "\n").encode("utf-8"),
        "pia_budget_html_formula.csv": ("\n".join(html) + "\n").encode("utf-8"),
        "pia_budget.xlsx": workbook(
            [
                ["Promotion", "Line", "Amount", "status", "source_doc", "source_section", "note"],
                ["EIG 4", "salaires", 1234567.89, "Prévisionnel", DOC, SECTION, None],
            ]
        ),
    }


def main() -> None:
    for folder, files in ((BAD, bad_files()), (GOOD, good_files())):
        folder.mkdir(exist_ok=True)
        for name, data in files.items():
            (folder / name).write_bytes(data)


if __name__ == "__main__":
    main()
