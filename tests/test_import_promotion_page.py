"""The « nouvelle promotion » section of the import page (AppTest): settings, upload of the
EIG 5 workbook, preview numbers, confirmation, then the composition page shows EIG 5."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from eigdata.formatting import plain
from eigdata.storage.store import active_versions

ROOT = Path(__file__).resolve().parent.parent
ROSTERS = Path(__file__).parent / "data" / "rosters"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def import_page(name: str = "EIG 5") -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / "import_donnees.py"), default_timeout=120)
    at.session_state["eig_analyst"] = True
    at.run()
    at.radio(key="import-mode").set_value("promotion").run()
    at.text_input(key="promotion-name").set_value(name)
    at.number_input(key="promotion-year").set_value(2021).run()
    return at


def upload(at: AppTest, file_name: str) -> None:
    raw = (ROSTERS / file_name).read_bytes()
    mime = XLSX_MIME if file_name.endswith(".xlsx") else "text/csv"
    at.file_uploader(key="promotion-upload").set_value((file_name, raw, mime))
    at.run()


def table_with(at: AppTest, column: str):
    return next(d.value for d in at.dataframe if column in d.value.columns)


def texts(at: AppTest) -> str:
    return "\n".join(plain(m.value) for m in at.markdown)


def test_upload_preview_confirm_then_the_composition_page_shows_eig5(data: Path) -> None:
    at = import_page()
    assert not at.exception
    upload(at, "eig5.xlsx")
    assert not at.exception and [e.value for e in at.error] == []
    shown = texts(at)
    assert "**Détecté :** classeur Excel (.xlsx), première feuille." in shown
    assert {m.label: m.value for m in at.metric} == {"EIG": "12", "Mentors": "7", "Défis": "5"}
    assert (
        "Services d'accueil : 4 nouveaux (AESN, Archives nationales, Conseil d’État, ONF), "
        "1 déjà accueillant (HAS)."
    ) in shown
    mix = table_with(at, "Part")
    assert mix.astype(str).map(plain).values.tolist() == [
        ["Designer", "3", "25 %"],
        ["Développeur ou développeuse", "5", "42 %"],
        ["Data scientist", "3", "25 %"],
        ["Autre profil", "1", "8 %"],
    ]
    assert [i.value for i in at.info] == [
        "Profils non reconnus, comptés « autre profil » : « Juriste du numérique » (1 EIG)."
    ]
    assert "- EIG 4 : 41 EIG, 17 défis — inchangée" in shown
    moved = table_with(at, "Avant").map(plain).values.tolist()
    assert ["Composition des promotions", "EIG 5 — EIG recrutés", "—", "12"] in moved
    assert ["Accueil", "Défis (site)", "71", "76"] in moved
    assert active_versions(data) == {}  # nothing stored before the confirmation

    at.button(key="confirm-promotion").click().run()
    assert not at.exception
    assert [s.value for s in at.success] == [
        "Import n° 1 enregistré (promotion EIG 5) : « sources » version 1, « promotions » "
        "version 1, « roster_defis » version 1, « roster_members » version 1, "
        "« roster_member_defis » version 1."
    ]
    audit = at.dataframe[0].value
    assert audit.loc[0, ["Par", "Action"]].tolist() == [
        "analyste (mot de passe)",
        "import d'une promotion",
    ]
    # the sheet is still in the uploader: the same sheet again needs « remplacer »
    assert [plain(e.value) for e in at.error] == [
        "1 problème(s) distinct(s) dans le fichier : rien n'a été enregistré."
    ]
    assert "la promotion EIG 5 existe déjà : cochez « remplacer »" in texts(at)

    page = AppTest.from_file(str(ROOT / "pages" / "composition.py"), default_timeout=120)
    page.query_params["promotion"] = "EIG 5"
    page.run()
    assert not page.exception and [e.value for e in page.error] == []
    assert page.multiselect(key="promotion").value == ["EIG 5"]
    shown = texts(page)
    assert "EIG 5 compte 12 EIG." in shown
    assert "Dans EIG 5, la part des profils « designer » est de 25 % (3 EIG sur 12)." in shown
    assert "5 défi(s) affiché(s)" in shown
    counts = table_with(page, "EIG 5").set_index("Indicateur")["EIG 5"].to_dict()
    assert {k: counts[k] for k in ("EIG recrutés", "Mentors", "Défis")} == {
        "EIG recrutés": "12 (site)",
        "Mentors": "7 (site)",
        "Défis": "5 (site)",
    }


def test_unmatched_column_is_chosen_in_a_selectbox(data: Path) -> None:
    at = import_page()
    upload(at, "eig5-colonne-en-plus.xlsx")
    assert [plain(e.value) for e in at.error] == [
        "1 problème(s) distinct(s) dans le fichier : rien n'a été enregistré."
    ]
    assert "colonne « Courriel » : colonne non reconnue" in texts(at)
    assert len(at.metric) == 0
    at.selectbox(key="promotion-column-4").set_value("ignorer").run()
    assert not at.exception and [e.value for e in at.error] == []
    columns = table_with(at, "Lue comme")
    assert columns.values.tolist()[4] == ["Courriel", "ignorer", "choisie par l'analyste"]
    assert {m.label: m.value for m in at.metric} == {"EIG": "12", "Mentors": "7", "Défis": "5"}


def test_grouped_problems_of_a_sheet(data: Path) -> None:
    at = import_page()
    upload(at, "eig5-roles-inconnus.csv")
    assert [plain(e.value) for e in at.error] == [
        "1 problème(s) distinct(s) dans le fichier : rien n'a été enregistré."
    ]
    assert (
        "- fichier eig5-roles-inconnus.csv, colonne « Rôle » : rôle inconnu « Stagiaire » "
        "(attendu : EIG ou Mentor) — lignes 4 à 6 et 15 (4 lignes)"
    ) in texts(at)
    assert "confirm-promotion" not in [b.key for b in at.button]
