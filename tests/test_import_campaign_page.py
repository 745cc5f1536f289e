"""The campaign section of the import page (AppTest): upload a survey tool's export, map what
was not recognised, read the preview, confirm; the survey pages then show the campaign."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from eigdata.formatting import plain

ROOT = Path(__file__).resolve().parent.parent
EXPORTS = Path(__file__).parent / "data" / "exports"
GOOGLE = EXPORTS / "google_forms_eig_2021.csv"
CODES = EXPORTS / "limesurvey_codes.csv"
MAPPING = EXPORTS / "correspondance_limesurvey_codes.csv"
TITLE = "Enquête 2021 — promotions 3 et 4"


def campaign_section(code: str, title: str, year: int, invited: int | None = None) -> AppTest:
    """The import page in campaign mode with the fields of a new campaign filled in."""
    at = AppTest.from_file(str(ROOT / "pages" / "import_donnees.py"), default_timeout=90)
    at.session_state["eig_analyst"] = True
    at.run()
    at.radio(key="import-mode").set_value("campagne").run()
    at.text_input(key="campaign-code").set_value(code)
    at.text_input(key="campaign-title").set_value(title)
    at.number_input(key="campaign-year").set_value(year)
    if invited is not None:
        at.number_input(key="campaign-invited").set_value(invited)
    return at.run()


def upload(at: AppTest, key: str, path: Path, raw: bytes | None = None) -> None:
    at.file_uploader(key=key).set_value((path.name, raw or path.read_bytes(), "text/csv"))
    at.run()
    assert not at.exception


def texts(elements) -> list[str]:
    return [plain(str(e.value)) for e in elements]


def test_upload_preview_confirm_then_the_survey_page_shows_the_campaign(data: Path) -> None:
    at = campaign_section("enquete-2021", TITLE, 2021, invited=30)
    upload(at, "campaign-upload", GOOGLE)
    assert texts(at.error) == []
    shown = texts(at.markdown)
    assert (
        "**Détecté :** CSV, encodage UTF-8, séparateur virgule « , », décimale point, fins de "
        "ligne LF ; outil : Google Forms."
    ) in shown
    columns = at.dataframe[0].value
    assert columns.loc[1].tolist() == [
        "Adresse e-mail",
        "écartée, jamais enregistrée (donnée personnelle)",
        "donnée personnelle",
    ]
    metrics = {m.label: plain(m.value) for m in at.metric}
    assert metrics == {
        "Répondants retenus": "20",
        "Taux de réponse": "67 %",
        "Souhaitent rester dans l'administration après": "65 %",
        "Envisageaient l'administration avant le programme": "32 %",
        "Travaillent dans l'administration aujourd'hui": "45 %",
    }
    assert "65 % (IC 95 % : 43 % à 82 % ; 13 sur 20 répondants)" in texts(at.caption)
    answers = at.dataframe[1].value
    assert answers.loc[0].tolist() == [
        "Avant le programme, envisagiez-vous de travailler (ou de continuer à travailler) dans "
        "l'administration ?",
        19,
        1,
    ]
    assert "- Enquête 2019 — promotions 1 et 2 : 34 répondants, inchangée" in shown
    labels = [b.label for b in at.get("download_button")]
    assert "Télécharger la correspondance des colonnes" in labels

    at.button(key="confirm-campaign").click().run()
    assert not at.exception
    assert texts(at.success) == [
        "Import n° 1 enregistré (campagne enquete-2021 (EIG)) : « survey_campaigns » version 1, "
        "« sources » version 1, « survey_responses » version 1."
    ]
    assert texts(at.info) == [
        "Ce fichier vient d'être importé. Déposez un autre export pour continuer."
    ]

    page = AppTest.from_file(str(ROOT / "pages" / "enquetes.py"), default_timeout=90)
    page.query_params["campagne"] = TITLE
    page.run()
    assert not page.exception and texts(page.error) == []
    assert page.selectbox(key="campagne").value == "enquete-2021"
    table = page.dataframe[0].value.map(plain)
    assert table.loc[0, ["Réponse", "Effectif", "Répondants (n)", "Part"]].tolist() == [
        "Oui",
        "6",
        "19",
        "32 %",
    ]
    assert (
        "Parmi les 19 répondants sélectionnés qui ont répondu, la réponse la plus fréquente est "
        "« Non » : 58 % (intervalle de confiance à 95 % : 36 % à 77 %)."
    ) in texts(page.markdown)


def test_unmatched_column_and_unknown_value_mapped_in_the_page(data: Path) -> None:
    at = campaign_section("enquete-2023", "Enquête 2023", 2023)
    raw = CODES.read_bytes().replace(b'"ne_sait_pas"', b'"NSP"')
    upload(at, "campaign-upload", CODES, raw)
    errors = texts(at.error)
    assert errors == ["3 problème(s) distinct(s) dans le fichier : rien n'a été enregistré."]
    assert at.selectbox(key="map-col-20").label == "Colonne « commentaire\\_libre »"
    values = [at.selectbox(key=f"map-val-{i}") for i in range(2)]
    assert [v.options for v in values] == [["Oui", "Non", "Ne sait pas", "Sans réponse"]] * 2

    at.selectbox(key="map-col-20").set_value("ignorer").run()
    assert texts(at.error) == [
        "2 problème(s) distinct(s) dans le fichier : rien n'a été enregistré."
    ]
    for index in range(2):
        at.selectbox(key=f"map-val-{index}").set_value("ne_sait_pas").run()
    assert not at.exception and texts(at.error) == []
    metrics = {m.label: plain(m.value) for m in at.metric}
    assert metrics["Répondants retenus"] == "12"
    assert metrics["Souhaitent rester dans l'administration après"] == "67 %"
    assert at.selectbox(key="map-col-20").value == "ignorer"


def test_a_reused_mapping_file_maps_the_columns(data: Path) -> None:
    at = campaign_section("enquete-2023", "Enquête 2023", 2023)
    upload(at, "campaign-mapping-upload", MAPPING)
    upload(at, "campaign-upload", CODES)
    assert texts(at.error) == []
    assert at.selectbox(key="map-col-20").value == "ignorer"
    assert {m.label: plain(m.value) for m in at.metric}["Répondants retenus"] == "12"
