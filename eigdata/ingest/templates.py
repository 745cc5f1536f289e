"""Import templates generated from a dataset's schema: CSV, .xlsx and instructions (in the run's
language; the column names are codes, the same in every language)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from eigdata.i18n import N_, _, lang
from eigdata.ingest.tables import max_upload_bytes
from eigdata.schemas import Dataset, dataset, datasets
from eigdata.storage.store import dataset_path, read_text
from eigdata.validation import parse_rows

TYPE_LABELS = {
    "string": N_("texte"),
    "integer": N_("nombre entier"),
    "number": N_("nombre (décimale point ou virgule)"),
    "boolean": N_("vrai/faux (true/false, oui/non, 1/0)"),
    "date": N_("date AAAA-MM-JJ (ou JJ/MM/AAAA)"),
}
# The keys of `column_rows` (codes) and their shown names (instructions sheet, dictionary).
COLUMN_HEADERS = {
    "colonne": N_("colonne"),
    "type": N_("type"),
    "obligatoire": N_("obligatoire"),
    "règles": N_("règles"),
    "description": N_("description"),
}
FORMATS = {"csv", "csv-excel", "xlsx", "txt"}


def render(name: str, fmt: str = "csv") -> bytes:
    """A template as bytes: `csv` (UTF-8, comma), `csv-excel` (`;`, decimal comma,
    BOM for Excel), `xlsx` (data sheet and instructions sheet) or `txt` (instructions)."""
    ds = dataset(name)
    if fmt == "csv":
        return template_csv(ds)
    if fmt == "csv-excel":
        return template_csv(ds, sep=";")
    if fmt == "xlsx":
        return template_xlsx(ds)
    if fmt == "txt":
        return instructions(ds).encode("utf-8")
    raise ValueError(f"format inconnu : {fmt} (attendu : {', '.join(sorted(FORMATS))})")


def template_csv(ds: Dataset, sep: str = ",") -> bytes:
    """Header row and the schema's example row; with `;`, French decimal comma and a BOM."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=sep, lineterminator="\r\n" if sep == ";" else "\n")
    writer.writerow(ds.columns)
    example = ds.example or {}
    row = [str(example.get(c, "")) for c in ds.columns]
    if sep == ";":
        row = [
            v.replace(".", ",") if ds.field(c)["type"] == "number" else v
            for c, v in zip(ds.columns, row, strict=True)
        ]
    writer.writerow(row)
    text = buffer.getvalue()
    return ("\ufeff" + text).encode("utf-8") if sep == ";" else text.encode("utf-8")


def column_rows(ds: Dataset) -> list[dict[str, str]]:
    """One description per column: name, type, required, allowed values, description (keys:
    `COLUMN_HEADERS`; values in the run's language, the schema's descriptions as written)."""
    references = {fk.column: fk for fk in ds.foreign_keys}
    rows = []
    for f in ds.fields:
        constraints = f.get("constraints", {})
        rules = _rules(constraints)
        if f["name"] in references:
            fk = references[f["name"]]
            rules.append(
                _("doit exister dans {dataset} (colonne {column})").format(
                    dataset=fk.dataset, column=fk.target
                )
            )
        kind = TYPE_LABELS.get(f["type"])
        rows.append(
            {
                "colonne": f["name"],
                "type": _(kind) if kind else f["type"],
                "obligatoire": _("oui") if constraints.get("required") else _("non"),
                "règles": (" ; " if lang() == "fr" else "; ").join(rules),
                "description": f.get("description", ""),
            }
        )
    return rows


def _rules(constraints: dict) -> list[str]:
    """The constraints of a column in words (allowed values, bounds, form, uniqueness)."""
    rules = []
    if "enum" in constraints:
        allowed = ", ".join(_("« {value} »").format(value=v) for v in constraints["enum"])
        rules.append(_("valeurs permises : {values}").format(values=allowed))
    if "minimum" in constraints:
        rules.append(_("minimum {value}").format(value=constraints["minimum"]))
    if "maximum" in constraints:
        rules.append(_("maximum {value}").format(value=constraints["maximum"]))
    if "pattern" in constraints:
        rules.append(_("forme {pattern}").format(pattern=constraints["pattern"]))
    if constraints.get("unique"):
        rules.append(_("valeur unique"))
    return rules


def instructions(ds: Dataset) -> str:
    """Instructions for filling the template, in the run's language."""
    lines = [*instruction_lines(ds), "", _("Colonnes :")]
    for f, row in zip(ds.fields, column_rows(ds), strict=True):
        required = f.get("constraints", {}).get("required")
        line = _("- {column} ({type}, obligatoire{rules}) : {description}")
        if not required:
            line = _("- {column} ({type}, facultatif{rules}) : {description}")
        rules = _(" ; {rules}").format(rules=row["règles"]) if row["règles"] else ""
        lines.append(
            line.format(
                column=row["colonne"], type=row["type"], rules=rules, description=row["description"]
            )
        )
    return "\n".join(lines) + "\n"


def instruction_lines(ds: Dataset) -> list[str]:
    """The instructions before the list of columns: the file accepted, its rows, the key."""
    return [
        _("Modèle d'import : {title} ({dataset})").format(title=ds.title, dataset=ds.name),
        "",
        ds.description,
        "",
        _(
            "Fichier accepté : CSV (séparateur « ; » ou « , », encodage UTF-8 ou Windows-1252, "
            "décimale virgule ou point) ou classeur Excel .xlsx (première feuille)."
        ),
        _(
            "La première ligne porte exactement les noms de colonnes ci-dessous ; une ligne par "
            "enregistrement ensuite. Taille maximale : {size} Mo."
        ).format(size=max_upload_bytes() // 2**20),
        _(
            "L'import REMPLACE tout le contenu de « {dataset} » par celui du fichier : mettez-y "
            "toutes les lignes, anciennes comprises. La version précédente reste archivée."
        ).format(dataset=ds.name),
        _("Clé : {key} (chaque valeur ou combinaison doit être unique).").format(
            key=" + ".join(ds.primary_key)
        ),
        _("Majuscules et accents des valeurs permises sont corrigés (« OUI » → « oui »)."),
    ]


def template_xlsx(ds: Dataset) -> bytes:
    """A workbook: « données » (header, example, drop-down lists) and « instructions » (sheet
    names and instructions in the run's language)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    sheet.title = _("données")
    sheet.append(ds.columns)
    example = ds.example or {}
    sheet.append([_typed(ds, c, str(example.get(c, ""))) for c in ds.columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, f in enumerate(ds.fields, start=1):
        allowed = f.get("constraints", {}).get("enum")
        if allowed and sum(len(a) + 1 for a in allowed) < 250:
            letter = sheet.cell(row=1, column=index).column_letter
            check = DataValidation(type="list", formula1='"' + ",".join(allowed) + '"')
            check.add(f"{letter}2:{letter}10000")
            sheet.add_data_validation(check)
    notes = book.create_sheet(_("instructions"))
    for line in [*instruction_lines(ds), ""]:
        notes.append([line])
    notes.append([])
    notes.append([_(title) for title in COLUMN_HEADERS.values()])
    for cell in notes[notes.max_row]:
        cell.font = Font(bold=True)
    for row in column_rows(ds):
        notes.append([row[h] for h in COLUMN_HEADERS])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _typed(ds: Dataset, column: str, value: str) -> object:
    """Example values as Excel numbers where the schema says so."""
    kind = ds.field(column)["type"]
    try:
        if value and kind == "integer":
            return int(value)
        if value and kind == "number":
            return float(value)
    except ValueError:
        return value
    return value


def all_names() -> list[str]:
    """Datasets a template can be made for."""
    return list(datasets())


def promotions_to_complete(data_dir: Path, names: list[str]) -> bytes:
    """The active promotions table plus one row per new promotion, to be completed
    (programme, année, ordre, source) then imported as « promotions »."""
    ds = dataset("promotions")
    rows = parse_rows(read_text(dataset_path(data_dir, ds)))[1]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=ds.columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows({c: r.get(c, "") for c in ds.columns} for r in rows)
    writer.writerows({"promotion": name} for name in names)
    return buffer.getvalue().encode("utf-8")
