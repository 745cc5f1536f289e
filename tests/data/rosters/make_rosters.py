"""Regenerate the promotion sheets used by the tests: `python tests/data/rosters/make_rosters.py`.

The sheets of a fictional promotion « EIG 5 » (2021) as programme teams keep them: one row per
person and défi. 12 EIG on 5 défis (3 designers, 4 developers written « Développeuse »,
« Développeur·se », « Développeur », « Dev », 3 « Data Scientist », 1 « Data engineer »,
1 « Juriste du numérique ») and 7 mentors, one of them on two défis (written differently the
second time). « Haute autorité de santé » already hosted an EIG 4 défi (HAS). The names are
made up. Output is byte-for-byte deterministic (fixed workbook dates and zip timestamps).

- eig5.xlsx: the sheet as an Excel workbook, French headers;
- eig5-excel.csv: the same sheet saved by French Excel (cp1252, `;`, CRLF), other headers;
- eig5-roles-inconnus.csv: UTF-8 with BOM, `,`; rows 4 to 6 and 15 have the role « Stagiaire »;
- eig5-colonne-en-plus.xlsx: an extra « Courriel » column (e-mails) and an empty column;
- eig5-erreurs.csv: French Excel CSV with missing values, an EIG with two profiles and a défi
  under two administrations.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).parent
FIXED = dt.datetime(2021, 6, 14, 9, 30)
HEADER = [
    "Personne",
    "Rôle",
    "Profil",
    "Défi",
    "Administration",
    "Service",
    "Ville",
    "Durée (mois)",
]
CSV_HEADER = [
    "Nom",
    "Role",
    "Profile",
    "Projet",
    "Administration d'accueil",
    "Service d'accueil",
    "Ville",
    "Durée (mois)",
]
D1 = ("Datasanté 360", "Haute autorité de santé", "HAS", "Saint-Denis (93200)", 10)
D2 = ("Forêts ouvertes", "Office national des forêts", "ONF", "Paris (75012)", 10)
D3 = ("Jurisprudence augmentée", "Conseil d’État", "", "Paris (75001)", 10)
D4 = ("Eau claire", "Agence de l'eau Seine-Normandie", "AESN", "Nanterre (92000)", 10)
D5 = ("Archives vivantes", "Archives nationales", "", "Pierrefitte-sur-Seine (93380)", 12)
PEOPLE = [  # person, role, profile, défi
    ("Camille Vasseur", "EIG", "Développeuse", D1),
    ("Yanis Benamar", "EIG", "Data Scientist", D1),
    ("Léa Fontanel", "EIG", "Designer", D1),
    ("Odile Marchetti", "Mentor", "Cheffe de service", D1),
    ("Bruno Keller", "mentor", "", D1),
    ("Inès Rouvière", "eig", "Data Scientist", D2),
    ("Théo Gallardo", "Entrepreneur d'intérêt général", "Data engineer", D2),
    ("Hélène Dubreuil", "Mentor", "", D2),
    ("Marc Antonetti", "Mentor", "", D2),
    ("Salomé Perrin", "EIG", "Juriste du numérique", D3),
    ("Nathan Oukili", "EIG", "Développeur·se", D3),
    ("Zoé Castagné", "EIG", "Designer", D3),
    ("Gaspard Lemoine", "Mentor", "", D3),
    ("Aurélien Tissier", "EIG", "Data Scientist", D4),
    ("Margaux Delorme", "EIG", "Développeur", D4),
    ("helene dubreuil", "MENTOR", "", D4),
    ("Karim Ziani", "Mentor", "", D4),
    ("Jeanne Morvan", "EIG", "Designeuse", D5),
    ("Victor Allard", "EIG", "Dev", D5),
    ("Sophie Lambertin", "Encadrante", "", D5),
]


def rows() -> list[list[object]]:
    """The sheet's data rows (durations as numbers, as a workbook holds them)."""
    return [[name, role, profile, *defi] for name, role, profile, defi in PEOPLE]


def text_rows() -> list[list[str]]:
    return [[str(v) for v in row] for row in rows()]


def workbook(table: list[list[object]]) -> bytes:
    """An .xlsx with fixed dates and zip timestamps, so every run writes the same bytes."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Promotion"
    for row in table:
        sheet.append(row)
    book.properties.creator = "Programme EIG"
    book.properties.created = book.properties.modified = FIXED
    buffer = io.BytesIO()
    book.save(buffer)
    return _fixed_zip(buffer.getvalue())


def _fixed_zip(raw: bytes) -> bytes:
    """The same archive with fixed member dates and a fixed modification date."""
    source = zipfile.ZipFile(io.BytesIO(raw))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = _fixed_core(data)
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, data)
    return out.getvalue()


def _fixed_core(data: bytes) -> bytes:
    """openpyxl stamps `dcterms:modified` with the time of saving: put the fixed date back."""
    text = data.decode("utf-8")
    start = text.find("<dcterms:modified")
    if start >= 0:
        begin = text.index(">", start) + 1
        end = text.index("</dcterms:modified>", begin)
        text = text[:begin] + FIXED.strftime("%Y-%m-%dT%H:%M:%SZ") + text[end:]
    return text.encode("utf-8")


def french_excel(table: list[list[str]]) -> bytes:
    """Excel « CSV (séparateur : point-virgule) » in French: cp1252, CRLF."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(table)
    return buffer.getvalue().encode("cp1252")


def utf8_bom(table: list[list[str]]) -> bytes:
    """Excel « CSV UTF-8 (délimité par des virgules) »: BOM, comma, CRLF."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(table)
    return buffer.getvalue().encode("utf-8-sig")


def with_unknown_roles() -> list[list[str]]:
    """Rows 4 to 6 and 15 of the file (header = 1) say « Stagiaire »."""
    table = text_rows()
    for line in (4, 5, 6, 15):
        table[line - 2][1] = "Stagiaire"
    return [HEADER, *table]


def with_email_column() -> list[list[object]]:
    """An extra « Courriel » column (made-up addresses) and an empty « Commentaire »."""
    table = []
    for row in rows():
        first, last = str(row[0]).lower().split(" ", 1)
        email = f"{first}.{last}@exemple.gouv.fr".replace(" ", "-")
        table.append([*row[:4], email, *row[4:], None])
    header = [*HEADER[:4], "Courriel", *HEADER[4:], "Commentaire"]
    return [header, *table]


def with_errors() -> list[list[str]]:
    """Défi missing on rows 8 and 9, Personne missing on row 12, Camille Vasseur (EIG,
    « Développeuse ») listed again on « Eau claire » as « Data Scientist » (row 22), and
    « Eau claire » under another administration on row 17."""
    table = text_rows()
    table[6][3] = table[7][3] = ""  # rows 8 and 9
    table[10][0] = ""  # row 12
    table[15][4] = "Agence de l'eau Loire-Bretagne"  # row 17
    table.append(["Camille Vasseur", "EIG", "Data Scientist", *map(str, D4)])  # row 22
    return [CSV_HEADER, *table]


def files() -> dict[str, bytes]:
    return {
        "eig5.xlsx": workbook([HEADER, *rows()]),
        "eig5-excel.csv": french_excel([CSV_HEADER, *text_rows()]),
        "eig5-roles-inconnus.csv": utf8_bom(with_unknown_roles()),
        "eig5-colonne-en-plus.xlsx": workbook(with_email_column()),
        "eig5-erreurs.csv": french_excel(with_errors()),
    }


def main() -> None:
    for name, data in files().items():
        (HERE / name).write_bytes(data)


if __name__ == "__main__":
    main()
